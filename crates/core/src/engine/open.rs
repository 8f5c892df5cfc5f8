//! What the page asks the engine to open: the first-run choice, and who this laptop is.

use crate::ids::{AgencyId, DeviceId, PlanId};
use crate::sync::Credential;
use serde::{Deserialize, Serialize};

/// How this browser started: the choice made on the first-run screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Setup {
    /// The built-in Trà Vinh 2020 workspace, as one agency, kept on this laptop.
    Demo {
        /// The agency the user works for.
        agency: AgencyId,
    },
    /// A workspace made on this laptop from a plan read from its decision's text.
    Local {
        /// The plan.
        plan: PlanId,
        /// The agency the user works for (the provincial office, who imported it).
        agency: AgencyId,
    },
    /// A workspace on a sync server, joined with an agency's access code.
    Joined {
        /// The server's address, e.g. `https://tiendo.travinh.gov.vn`.
        server: String,
        /// The workspace id.
        workspace: String,
        /// The agency the code was for.
        agency: AgencyId,
    },
    /// A workspace entered with an invitation file from the office: no server, sync files only.
    Invited {
        /// The workspace id.
        workspace: String,
        /// The agency the invitation was for.
        agency: AgencyId,
    },
}

impl Setup {
    /// The agency the user works for.
    pub fn agency(&self) -> &AgencyId {
        match self {
            Setup::Demo { agency }
            | Setup::Local { agency, .. }
            | Setup::Joined { agency, .. }
            | Setup::Invited { agency, .. } => agency,
        }
    }
}

/// Everything the engine needs to open the documents of a first-run choice (the page keeps
/// them in its small settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRequest {
    /// The first-run choice.
    pub setup: Setup,
    /// This laptop's device id.
    pub device: DeviceId,
    /// Its credential on the server, for a joined workspace.
    pub credential: Option<Credential>,
    /// The plan document the user chose in the top bar, if any.
    pub chosen_plan: Option<String>,
    /// What tabs kept of their typing as their page went away (the page's local storage,
    /// which the engine cannot read): replayed when their tab is gone.
    #[serde(default)]
    pub stashed: Vec<Stash>,
    /// The tab's 4 bytes (its actor is the device's id and these), when the page holds the
    /// tab's Web Lock (`tiendo-tab-<actor hex>`) itself for as long as it lives.
    #[serde(default)]
    pub tab: Option<[u8; 4]>,
}

/// What a tab had typed and not written when its page went away, kept by the page at once
/// (synchronously) under `key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stash {
    /// Where the page keeps it.
    pub key: String,
    /// The reports document it is of.
    pub doc: String,
    /// The tab that typed it.
    pub tab: String,
    /// The draft ([`crate::storage::Draft`]) as its bytes.
    pub draft: Vec<u8>,
}

/// What the browser's storage gave on opening: whether the documents are in IndexedDB, and why
/// not if they are not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    /// The documents are in IndexedDB (not only in memory).
    pub durable: bool,
    /// Why IndexedDB could not be opened, if it could not.
    pub problem: Option<String>,
}
