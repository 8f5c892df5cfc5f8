//! Making sync files: an export of the documents an agency gives (its own reports; the
//! provincial office everything it holds), and a receipt of what an importer now holds.

use super::format::{self, DocManifest, FileKind, Manifest};
use super::key::DeviceKey;
use crate::ids::DeviceId;
use crate::model::DocKind;
use crate::schema::WorkspaceDoc;
use crate::sync::{attest, Attestation, Attestations, Rights};
use automerge::AutoCommit;
use std::collections::BTreeMap;

/// Who makes a file, and when.
#[derive(Debug, Clone)]
pub struct Maker<'a> {
    /// The workspace.
    pub workspace: &'a WorkspaceDoc,
    /// The device (its key signs).
    pub device: &'a str,
    /// Its agency.
    pub agency: &'a crate::ids::AgencyId,
    /// Its key.
    pub key: &'a DeviceKey,
    /// Now, Unix milliseconds.
    pub now_ms: i64,
}

/// The documents `agency` puts in an export: the office everything of the workspace it holds,
/// another agency the documents it writes.
pub fn export_ids(rights: &Rights, agency: &crate::ids::AgencyId, held: &BTreeMap<String, AutoCommit>) -> Vec<String> {
    let office = rights.office() == Some(agency);
    held.keys().filter(|id| rights.doc(id).is_some() && (office || rights.may_write(id, agency))).cloned().collect()
}

fn manifest(maker: &Maker<'_>, kind: FileKind, docs: Vec<DocManifest>, attestations: Vec<Attestation>) -> Manifest {
    Manifest {
        format: format::FORMAT_VERSION,
        kind,
        workspace: maker.workspace.workspace.id.to_string(),
        device: maker.device.to_owned(),
        agency: maker.agency.to_string(),
        created_ms: maker.now_ms,
        docs,
        attestations,
    }
}

fn entry(id: &str, kind: DocKind, doc: &mut AutoCommit) -> DocManifest {
    let heads = doc.get_heads().iter().map(ToString::to_string).collect();
    DocManifest { id: id.to_owned(), kind, heads, len: 0, sha256: String::new() }
}

/// An export of `held`'s documents that `maker`'s agency gives, with no attestations of
/// others' changes held (see [`export_with`]).
pub fn export(maker: &Maker<'_>, held: &mut BTreeMap<String, AutoCommit>) -> Vec<u8> {
    export_with(maker, held, Attestations::none())
}

/// An export of `held`'s documents that `maker`'s agency gives. It carries the maker's own
/// attestation of its latest changes in each document (so that whoever imports the file can
/// hand them on) and those held of others' changes (so that the file's importer takes them).
pub fn export_with(maker: &Maker<'_>, held: &mut BTreeMap<String, AutoCommit>, attested: &Attestations) -> Vec<u8> {
    let rights = Rights::from_workspace(maker.workspace);
    let mut entries = Vec::new();
    let mut bytes = Vec::new();
    let mut attestations = Vec::new();
    let me = DeviceId::new(maker.device).ok();
    for id in export_ids(&rights, maker.agency, held) {
        let (Some(meta), Some(doc)) = (rights.doc(&id), held.get_mut(&id)) else { continue };
        entries.push(entry(&id, meta.kind, doc));
        bytes.push(doc.save());
        let own = me.as_ref().map(|me| attest(doc, &id, me, maker.key, Some(me))).unwrap_or_default();
        let others: Vec<Attestation> =
            attested.of_doc(&id).filter(|a| own.iter().all(|o| o.actor != a.actor)).cloned().collect();
        attestations.extend(others);
        attestations.extend(own);
    }
    format::write(manifest(maker, FileKind::Export, entries, attestations), &bytes, maker.key)
}

/// A receipt for an imported file: the importer now holds each of its documents up to the heads
/// the file had (all known to the sender, so it can tell what has arrived).
pub fn receipt(maker: &Maker<'_>, imported: &Manifest) -> Vec<u8> {
    let entries = imported
        .docs
        .iter()
        .map(|d| DocManifest { id: d.id.clone(), kind: d.kind, heads: d.heads.clone(), len: 0, sha256: String::new() })
        .collect();
    let m = manifest(maker, FileKind::Receipt, entries, Vec::new());
    // A receipt carries no document bytes: every length is 0.
    let none: Vec<Vec<u8>> = m.docs.iter().map(|_| Vec::new()).collect();
    format::write(m, &none, maker.key)
}

/// `SYT_2020-03-09_1405.tiendo`: the agency's short name without diacritics, and the time in
/// Vietnam (UTC+7).
pub fn file_name(short_name: &str, now_ms: i64) -> String {
    let name = crate::text::file_safe(short_name);
    let vietnam = chrono::FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| unreachable!("7 hours is a valid offset"));
    let at = chrono::DateTime::from_timestamp_millis(now_ms).unwrap_or_default().with_timezone(&vietnam);
    format!(
        "{}_{}.{}",
        if name.is_empty() { "TIENDO".into() } else { name },
        at.format("%Y-%m-%d_%H%M"),
        format::EXTENSION
    )
}
