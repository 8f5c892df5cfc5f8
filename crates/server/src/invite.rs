//! `tiendo file invite --agency A --out FILE`: enrols a laptop that cannot reach the server. A new
//! device of A is registered in the workspace; the file holds what A reads, signed by the server's
//! office device, and the new device's key sealed with a one-time code printed once, to be given
//! to A by another channel (phone, paper). See docs/trust-model.md.

use crate::accounts::{code_from, random_bytes};
use crate::error::CliError;
use crate::identity::ServerDevice;
use crate::store::DataDir;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use tiendo_core::file::invite::{self, Invite};
use tiendo_core::file::{self, DeviceKey};
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::Device;
use tiendo_core::schema::{edit, WorkspaceDoc};
use tiendo_core::sync::Rights;

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// Registers a new device of `agency`, writes its invitation to `out_path`, prints the code.
pub fn invite(data: &Path, agency: &str, out_path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let dir = DataDir::new(data);
    let Some(_lock) = dir.try_lock()? else { return Err(CliError::ServerRunning(data.to_owned())) };
    dir.recover()?;
    let server = ServerDevice::load_or_create(&dir)?;
    let (mut ws_doc, ws) = dir.load_doc::<WorkspaceDoc>("workspace")?;
    let wanted = AgencyId::new(agency).ok().filter(|a| ws.agencies.get(a).is_some());
    let wanted = wanted.ok_or_else(|| CliError::UnknownAgency(agency.to_owned()))?;
    if !ws.agencies.is_active(&wanted) {
        return Err(tiendo_core::model::RegistryError::Ended(wanted).into());
    }
    let random: [u8; 16 + 32 + 16 + 16 + 12] = random_bytes()?;
    let device_id =
        DeviceId::new(tiendo_core::hex::encode(&random[..16])).unwrap_or_else(|_| unreachable!("hex is a valid id"));
    let key = DeviceKey::from_secret(random[16..48].try_into().unwrap_or_else(|_| unreachable!("32 bytes")));
    let code = code_from(random[48..64].try_into().unwrap_or_else(|_| unreachable!("16 bytes")));
    let device = Device {
        id: device_id.clone(),
        agency: wanted.clone(),
        public_key: key.public_hex(),
        name: "Máy nhận thư mời (USB)".into(),
        registered_at_ms: now_ms(),
    };
    ws_doc.set_actor(server.actor());
    edit::add_device(&mut ws_doc, device)
        .map_err(|source| CliError::Doc { path: dir.doc_path("workspace"), source: Box::new(source) })?;
    tiendo_core::changes::commit_at(&mut ws_doc, now_ms());
    dir.write_doc("workspace", &ws_doc.save())?;
    let ws: WorkspaceDoc = dir.read_doc("workspace")?;
    let rights = Rights::from_workspace(&ws);
    let mut docs = BTreeMap::new();
    for id in dir.doc_ids()? {
        if rights.may_read(&id, &wanted) {
            if let Some(d) = dir.open(&id)? {
                docs.insert(id, d.doc);
            }
        }
    }
    // Documents no laptop has written yet start as their genesis, as they would by sync.
    let plans = crate::plans::plans(&dir)?;
    let missing: Vec<String> =
        rights.readable_by(&wanted).filter(|id| !docs.contains_key(*id)).map(str::to_owned).collect();
    for id in missing {
        if let Some(doc) = rights.genesis_for(&id, &plans, &ws.agencies) {
            docs.insert(id, doc);
        }
    }
    let export = file::export(&server.maker(&ws), &mut docs);
    let bytes = invite::write(&Invite {
        workspace: ws.workspace.id.as_str(),
        agency: wanted.as_str(),
        device: device_id.as_str(),
        key: &key,
        export: &export,
        code: &code,
        salt: random[64..80].try_into().unwrap_or_else(|_| unreachable!("16 bytes")),
        nonce: random[80..92].try_into().unwrap_or_else(|_| unreachable!("12 bytes")),
        now_ms: now_ms(),
    });
    dir.write_file(out_path, &bytes)?;
    let name = ws.agencies.display_name(&wanted);
    writeln!(out, "{}: thư mời cho {name} ({} tài liệu, {} byte)", out_path.display(), docs.len(), bytes.len())
        .and_then(|()| writeln!(out, "Mã mở thư mời (chỉ in một lần; báo cho đơn vị qua điện thoại hoặc giấy): {code}"))
        .map_err(CliError::io("stdout"))
}
