//! `tiendo file export | inspect | import`: sync files on the server's data directory, for
//! offices that import on the server machine, and for scripts. The data changes only through an
//! import that passed every check, applied all or nothing.

use crate::error::CliError;
use crate::identity::ServerDevice;
use crate::store::DataDir;
use automerge::AutoCommit;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use tiendo_core::file::{self, FileError, Local, Verified, DEFAULT_MAX_BYTES};
use tiendo_core::ids::AgencyId;
use tiendo_core::schema::WorkspaceDoc;
use tiendo_core::sync::Rights;

fn held(data: &DataDir) -> Result<(WorkspaceDoc, BTreeMap<String, AutoCommit>), CliError> {
    data.recover()?;
    let ws = data.workspace()?;
    let mut docs = BTreeMap::new();
    for id in data.doc_ids()? {
        if let Some(d) = data.open(&id)? {
            docs.insert(id, d.doc);
        }
    }
    Ok((ws, docs))
}

fn refused(path: &Path, e: FileError) -> CliError {
    CliError::FileRefused { path: path.to_owned(), reason: e.to_string() }
}

fn read_capped(path: &Path) -> Result<Vec<u8>, CliError> {
    let size = std::fs::metadata(path).map_err(CliError::io(path))?.len();
    file::check_size(size, DEFAULT_MAX_BYTES).map_err(|e| refused(path, e))?;
    std::fs::read(path).map_err(CliError::io(path))
}

/// `tiendo file export --as AGENCY --out FILE`: what a laptop of AGENCY reads (everything, for
/// the office), signed by the server's device.
pub fn export(data: &Path, agency: &str, out_path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    let server = ServerDevice::load_or_create(&dir)?;
    let (ws, mut docs) = held(&dir)?;
    let wanted = AgencyId::new(agency).ok().filter(|a| ws.agencies.get(a).is_some());
    let wanted = wanted.ok_or_else(|| CliError::UnknownAgency(agency.to_owned()))?;
    let rights = Rights::from_workspace(&ws);
    docs.retain(|id, _| rights.may_read(id, &wanted));
    let bytes = file::export(&server.maker(&ws), &mut docs);
    dir.write_file(out_path, &bytes)?;
    writeln!(out, "{}: {} tài liệu, {} byte", out_path.display(), docs.len(), bytes.len())
        .map_err(CliError::io("stdout"))
}

/// A file checked against this data directory.
struct Checked {
    verified: Verified,
    preview: Vec<file::DocPreview>,
    workspace: WorkspaceDoc,
    /// The file's SHA-256, hex: how its changes arrived.
    sha256: String,
}

fn verify(dir: &DataDir, path: &Path) -> Result<Checked, CliError> {
    let bytes = read_capped(path)?;
    let (workspace, docs) = held(dir)?;
    let verified = Local { workspace: &workspace, docs: &docs, attested: tiendo_core::sync::Attestations::none() }
        .verify(&bytes, DEFAULT_MAX_BYTES)
        .map_err(|e| refused(path, e))?;
    let preview = file::preview(&verified, &Rights::from_workspace(&workspace), &docs);
    Ok(Checked { verified, preview, workspace, sha256: file::sha256_hex(&bytes) })
}

/// `tiendo file inspect FILE --json`: what the file is, whether it would be accepted here, and
/// what it would change.
pub fn inspect(data: &Path, path: &Path, as_json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    let Checked { verified, preview, .. } = verify(&dir, path)?;
    let m = &verified.manifest;
    let text = if as_json {
        serde_json::to_string_pretty(&json!({
            "manifest": m,
            "signer_agency": verified.signer_agency,
            "already_imported": verified.already_imported(),
            "changes": preview,
        }))?
    } else {
        let mut t = format!("{} — {} ({}), {} tài liệu", path.display(), m.agency, m.device, m.docs.len());
        for p in &preview {
            t.push_str(&format!("\n  {}: {} thay đổi mới", p.id, p.new_changes));
        }
        t
    };
    writeln!(out, "{text}").map_err(CliError::io("stdout"))
}

/// `tiendo file import FILE [--receipt OUT]`: applies a file that passes every check, all or
/// nothing; a file already imported changes nothing.
pub fn import(data: &Path, path: &Path, receipt: Option<&Path>, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    let Some(_lock) = dir.try_lock()? else { return Err(CliError::ServerRunning(data.to_owned())) };
    let Checked { verified, preview, workspace: ws, sha256 } = verify(&dir, path)?;
    let mut write = |t: String| writeln!(out, "{t}").map_err(CliError::io("stdout"));
    if verified.already_imported() {
        write(format!("{}: đã nhập trước đây; không có gì thay đổi", path.display()))?;
    } else {
        let chunks = verified.chunks().map_err(|e| refused(path, FileError::BadManifest(e.to_string())))?;
        dir.apply_batch(&chunks)?;
        // The documents are written whole; a record that fails is said, not an import undone.
        let arrivals = verified.arrivals(chrono::Utc::now().timestamp_millis(), &sha256);
        if let Err(e) = crate::arrivals::append(&dir, &arrivals) {
            write(format!("cảnh báo: không ghi được thời điểm nhận ({e})"))?;
        }
        let mut summary = format!("{}: đã nhập {} tài liệu", path.display(), chunks.len());
        for p in &preview {
            summary.push_str(&format!("\n  {}: {} thay đổi mới", p.id, p.new_changes));
        }
        write(summary)?;
    }
    if let Some(receipt_path) = receipt {
        let server = ServerDevice::load_or_create(&dir)?;
        dir.write_file(receipt_path, &file::receipt(&server.maker(&ws), &verified.manifest))?;
        write(format!("biên nhận: {}", receipt_path.display()))?;
    }
    Ok(())
}
