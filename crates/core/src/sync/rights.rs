//! Who may read and write which document of a workspace, and who wrote a change.
//!
//! The workspace, plan and review documents are written by the provincial office; an agency's
//! reports only by that agency. A change's author is its actor: the first 16 bytes are the id of
//! a device registered in the workspace document, which names the device's agency.

use crate::hex;
use crate::ids::{AgencyId, DeviceId};
use crate::model::DocKind;
use crate::schema::genesis::{plan_doc_id, reports_doc_id, reviews_doc_id, WORKSPACE_DOC};
use crate::schema::WorkspaceDoc;
use automerge::ActorId;
use std::collections::{HashMap, HashSet};

/// Bytes of an actor id that name its device.
pub const DEVICE_ID_BYTES: usize = 16;

/// Who writes a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Writer {
    /// The provincial office.
    Office,
    /// One agency.
    Agency(AgencyId),
}

/// What a document is, as far as rights go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRights {
    /// Its kind.
    pub kind: DocKind,
    /// Who writes it.
    pub writer: Writer,
}

/// The rights of one workspace, derived from its workspace document.
#[derive(Debug, Clone, Default)]
pub struct Rights {
    office: Option<AgencyId>,
    docs: HashMap<String, DocRights>,
    devices: HashMap<String, AgencyId>,
    keys: HashMap<String, String>,
    server: Option<DeviceId>,
    /// Agencies that ended (retired or merged): their devices no longer connect or sign files.
    ended: HashSet<AgencyId>,
    /// A merged agency → the agency that answers for it now, which writes its reports.
    successor: HashMap<AgencyId, AgencyId>,
}

impl Rights {
    /// The rights a workspace document grants.
    pub fn from_workspace(ws: &WorkspaceDoc) -> Self {
        let office = ws.agencies.provincial_office().map(|a| a.id.clone());
        let mut docs = HashMap::new();
        let office_doc = |kind| DocRights { kind, writer: Writer::Office };
        docs.insert(WORKSPACE_DOC.to_owned(), office_doc(DocKind::Workspace));
        for plan in ws.documents.iter().filter(|d| d.kind == DocKind::Plan).filter_map(|d| d.plan.as_ref()) {
            docs.insert(plan_doc_id(plan), office_doc(DocKind::Plan));
            docs.insert(reviews_doc_id(plan), office_doc(DocKind::Reviews));
            for agency in &ws.agencies.agencies {
                let writer = Writer::Agency(agency.id.clone());
                docs.insert(reports_doc_id(plan, &agency.id), DocRights { kind: DocKind::Reports, writer });
            }
        }
        let devices = ws.devices.iter().map(|d| (d.id.as_str().to_owned(), d.agency.clone())).collect();
        let keys = ws
            .devices
            .iter()
            .filter(|d| !d.public_key.is_empty())
            .map(|d| (d.id.as_str().to_owned(), d.public_key.clone()))
            .collect();
        let server = ws.workspace.server.clone().filter(|s| ws.devices.iter().any(|d| &d.id == s));
        let registry = &ws.agencies;
        let ended = registry.agencies.iter().filter(|a| !a.is_active()).map(|a| a.id.clone()).collect();
        let successor = registry
            .agencies
            .iter()
            .filter(|a| a.ended.as_ref().is_some_and(|e| e.merged_into.is_some()))
            .filter_map(|a| registry.successor(&a.id).map(|now| (a.id.clone(), now.id.clone())))
            .collect();
        Self { office, docs, devices, keys, server, ended, successor }
    }

    /// The provincial office, if the registry has one.
    pub fn office(&self) -> Option<&AgencyId> {
        self.office.as_ref()
    }

    /// What `doc` is, if it is a document of this workspace.
    pub fn doc(&self, doc: &str) -> Option<&DocRights> {
        self.docs.get(doc)
    }

    /// Every document id of the workspace.
    pub fn doc_ids(&self) -> impl Iterator<Item = &str> {
        self.docs.keys().map(String::as_str)
    }

    /// Whether `agency` writes `doc`. An agency writes the reports of the agencies merged into
    /// it (it answers for their tasks); a merged agency's own changes before the merger stay
    /// its own, so history reads the same everywhere.
    pub fn may_write(&self, doc: &str, agency: &AgencyId) -> bool {
        match self.docs.get(doc).map(|d| &d.writer) {
            Some(Writer::Office) => self.office.as_ref() == Some(agency),
            Some(Writer::Agency(a)) => a == agency || self.successor.get(a) == Some(agency),
            None => false,
        }
    }

    /// Whether `agency` has not ended: its devices may connect, join and sign files.
    pub fn is_active(&self, agency: &AgencyId) -> bool {
        !self.ended.contains(agency)
    }

    /// Whether `agency` may read `doc`: everyone reads the workspace, plans and reviews; reports
    /// are read by their agency, the agency it was merged into, and the office.
    pub fn may_read(&self, doc: &str, agency: &AgencyId) -> bool {
        match self.docs.get(doc) {
            Some(DocRights { writer: Writer::Agency(a), .. }) => {
                a == agency || self.successor.get(a) == Some(agency) || self.office.as_ref() == Some(agency)
            }
            Some(_) => true,
            None => false,
        }
    }

    /// The documents `agency` reads.
    pub fn readable_by<'a>(&'a self, agency: &'a AgencyId) -> impl Iterator<Item = &'a str> + 'a {
        self.doc_ids().filter(move |d| self.may_read(d, agency))
    }

    /// Takes in a device just registered in the workspace document (the same as reading the
    /// document again, without reading it).
    pub fn add_device(&mut self, device: &crate::model::Device) {
        self.devices.insert(device.id.as_str().to_owned(), device.agency.clone());
        if !device.public_key.is_empty() {
            self.keys.insert(device.id.as_str().to_owned(), device.public_key.clone());
        }
    }

    /// The agency of the registered device that `actor` belongs to, if any.
    pub fn author(&self, actor: &ActorId) -> Option<&AgencyId> {
        let bytes = actor.to_bytes();
        let device = bytes.get(..DEVICE_ID_BYTES)?;
        self.devices.get(&hex::encode(device))
    }

    /// The genesis a report or review document of these plans starts from, as every device makes
    /// it (for a document nobody has written yet); `None` for other ids.
    pub fn genesis_for(
        &self,
        id: &str,
        plans: &[crate::model::Plan],
        registry: &crate::model::Registry,
    ) -> Option<automerge::AutoCommit> {
        use crate::schema::genesis::{empty_reports, empty_reviews, genesis};
        let writer = &self.doc(id)?.writer;
        plans.iter().find_map(|plan| match writer {
            Writer::Agency(a) if reports_doc_id(&plan.id, a) == id => genesis(&empty_reports(plan, registry, a)).ok(),
            Writer::Office if reviews_doc_id(&plan.id) == id => genesis(&empty_reviews(&plan.id)).ok(),
            _ => None,
        })
    }

    /// A registered device's public key (hex), if it has one.
    pub fn public_key(&self, device: &DeviceId) -> Option<&str> {
        self.keys.get(device.as_str()).map(String::as_str)
    }

    /// The workspace's server device, if it registered itself.
    pub fn server(&self) -> Option<&DeviceId> {
        self.server.as_ref()
    }

    /// The actor a tab of `device` writes with: the device id's 16 bytes, then 4 bytes of the
    /// tab, so that two tabs of one laptop never write in one chain and [`Rights::is_of`] and
    /// [`Rights::author`] find the device from any change.
    pub fn actor_for(device: &DeviceId, tab: [u8; 4]) -> ActorId {
        let mut bytes = hex::decode(device.as_str()).unwrap_or_else(|| device.as_str().as_bytes().to_vec());
        bytes.extend_from_slice(&tab);
        ActorId::from(bytes)
    }

    /// The device an actor belongs to (its first bytes), if it has the layout of
    /// [`Rights::actor_for`].
    pub fn device_of(actor: &ActorId) -> Option<DeviceId> {
        actor.to_bytes().get(..DEVICE_ID_BYTES).and_then(|d| DeviceId::new(hex::encode(d)).ok())
    }

    /// Whether `actor` is one of `device`'s (its first bytes are the device's id).
    pub fn is_of(actor: &ActorId, device: &DeviceId) -> bool {
        actor.to_bytes().get(..DEVICE_ID_BYTES).is_some_and(|d| hex::encode(d) == device.as_str())
    }

    /// Whether a device is registered, and for which agency.
    pub fn device(&self, device: &DeviceId) -> Option<&AgencyId> {
        self.devices.get(device.as_str())
    }
}
