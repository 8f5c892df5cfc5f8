//! The server's own device: its signing key in `DIR/device.json` (created on first use), and its
//! registration in the workspace as a device of the provincial office, so the files
//! `tiendo file export` makes and the receipts of imports verify on every laptop.

use crate::accounts::{now_ms, random_bytes};
use crate::backend::Backend;
use crate::error::CliError;
use crate::serve_error::ServeError;
use crate::store::DataDir;
use serde::{Deserialize, Serialize};
use tiendo_core::file::DeviceKey;
use tiendo_core::hex;
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::Device;
use tiendo_core::schema::{edit, WorkspaceDoc};
use tiendo_core::storage::StoredDoc;

/// Where the server's key is kept (a file in a data directory, a blob in PostgreSQL).
const DEVICE_FILE: &str = "device.json";

#[derive(Serialize, Deserialize)]
struct Stored {
    device: DeviceId,
    secret: String,
}

impl Stored {
    /// The stored key, or a new one with its bytes to store.
    fn read_or_make(bytes: Option<Vec<u8>>) -> Result<(Self, Option<Vec<u8>>), ServeError> {
        if let Some(b) = bytes {
            return Ok((serde_json::from_slice(&b)?, None));
        }
        let id =
            DeviceId::new(hex::encode(&random_bytes::<16>()?)).unwrap_or_else(|_| unreachable!("hex is a valid id"));
        let s = Self { device: id, secret: hex::encode(&random_bytes::<32>()?) };
        let bytes = serde_json::to_vec_pretty(&s)?;
        Ok((s, Some(bytes)))
    }
}

/// The server as a device.
#[derive(Debug, Clone)]
pub struct ServerDevice {
    /// Its id.
    pub id: DeviceId,
    /// The provincial office, whose device it is.
    pub agency: AgencyId,
    /// Its key.
    pub key: DeviceKey,
}

impl ServerDevice {
    /// The server as the maker of a file now.
    pub fn maker<'a>(&'a self, workspace: &'a WorkspaceDoc) -> tiendo_core::file::Maker<'a> {
        tiendo_core::file::Maker {
            workspace,
            device: self.id.as_str(),
            agency: &self.agency,
            key: &self.key,
            now_ms: now_ms(),
        }
    }

    /// The server's device, made and registered in the workspace the first time.
    pub fn load_or_create(data: &DataDir) -> Result<Self, CliError> {
        let path = data.root().join(DEVICE_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(CliError::Io { path, source: e }),
        };
        let (stored, new) = Stored::read_or_make(bytes)?;
        if let Some(new) = new {
            data.write_file(&path, &new)?;
        }
        let (mut doc, ws) = data.load_doc::<WorkspaceDoc>("workspace")?;
        let me = Self::of(stored, &ws)?;
        if me.register_in(&mut doc, &ws)? {
            data.write_doc("workspace", &doc.save())?;
        }
        Ok(me)
    }

    /// The same on a running server's store: `workspace` is the held workspace document, whose
    /// registration change (if any) the caller stores.
    pub async fn load_or_create_in(backend: &Backend, workspace: &mut StoredDoc) -> Result<Self, ServeError> {
        let (stored, new) = Stored::read_or_make(backend.blob(DEVICE_FILE).await?)?;
        if let Some(new) = new {
            backend.put_blob(DEVICE_FILE, Some(&new)).await?;
        }
        let ws: WorkspaceDoc = tiendo_core::schema::read(&workspace.doc)
            .map_err(|source| ServeError::Unreadable { id: "workspace".into(), source: Box::new(source) })?;
        let me = Self::of(stored, &ws)?;
        me.register_in(&mut workspace.doc, &ws)?;
        Ok(me)
    }

    fn of(stored: Stored, ws: &WorkspaceDoc) -> Result<Self, ServeError> {
        let secret: [u8; 32] =
            hex::decode(&stored.secret).and_then(|b| b.try_into().ok()).ok_or(ServeError::DamagedKey(DEVICE_FILE))?;
        let key = DeviceKey::from_secret(secret);
        let agency = ws.agencies.provincial_office().map(|a| a.id.clone()).ok_or(ServeError::NoOffice)?;
        Ok(Self { id: stored.device, agency, key })
    }

    /// Registers the server in the workspace document as the office's device and its server, if
    /// it is not yet. Returns whether it changed the document.
    fn register_in(&self, doc: &mut automerge::AutoCommit, ws: &WorkspaceDoc) -> Result<bool, ServeError> {
        let registered = ws.devices.iter().any(|d| d.id == self.id);
        if registered && ws.workspace.server.as_ref() == Some(&self.id) {
            return Ok(false);
        }
        let bad = |source| ServeError::Unreadable { id: "workspace".into(), source: Box::new(source) };
        doc.set_actor(self.actor());
        if !registered {
            let device = Device {
                id: self.id.clone(),
                agency: self.agency.clone(),
                public_key: self.key.public_hex(),
                name: "Máy chủ Tiến độ".into(),
                registered_at_ms: now_ms(),
            };
            edit::add_device(doc, device).map_err(bad)?;
        }
        // The workspace names its server: laptops take the server's attestations.
        edit::set_server(doc, &self.id).map_err(bad)?;
        tiendo_core::changes::commit_at(doc, now_ms());
        Ok(true)
    }

    /// The actor of changes this server writes now: its device id and 4 random bytes, like a
    /// browser tab's, so that two processes never reuse each other's sequence numbers.
    pub fn actor(&self) -> automerge::ActorId {
        let mut bytes = hex::decode(self.id.as_str()).unwrap_or_default();
        bytes.extend_from_slice(&automerge::ActorId::random().to_bytes()[..4]);
        automerge::ActorId::from(bytes)
    }
}
