//! The server's own device: its signing key in `DIR/device.json` (created on first use), and its
//! registration in the workspace as a device of the provincial office, so the files
//! `tiendo file export` makes and the receipts of imports verify on every laptop.

use crate::accounts::{now_ms, random_bytes};
use crate::error::CliError;
use crate::store::DataDir;
use serde::{Deserialize, Serialize};
use tiendo_core::file::DeviceKey;
use tiendo_core::hex;
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::Device;
use tiendo_core::schema::{edit, WorkspaceDoc};

#[derive(Serialize, Deserialize)]
struct Stored {
    device: DeviceId,
    secret: String,
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
        let path = data.root().join("device.json");
        let stored = match std::fs::read(&path) {
            Ok(b) => serde_json::from_slice::<Stored>(&b)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let id = DeviceId::new(hex::encode(&random_bytes::<16>()?))
                    .unwrap_or_else(|_| unreachable!("hex is a valid id"));
                let s = Stored { device: id, secret: hex::encode(&random_bytes::<32>()?) };
                data.write_file(&path, &serde_json::to_vec_pretty(&s)?)?;
                s
            }
            Err(e) => return Err(CliError::Io { path, source: e }),
        };
        let secret: [u8; 32] = hex::decode(&stored.secret)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| CliError::Io { path: path.clone(), source: std::io::Error::other("damaged key") })?;
        let key = DeviceKey::from_secret(secret);
        let (mut doc, ws) = data.load_doc::<WorkspaceDoc>("workspace")?;
        let agency = ws
            .agencies
            .provincial_office()
            .map(|a| a.id.clone())
            .ok_or_else(|| CliError::UnknownAgency("the provincial office".into()))?;
        let me = Self { id: stored.device, agency, key };
        let registered = ws.devices.iter().any(|d| d.id == me.id);
        if !registered || ws.workspace.server.as_ref() != Some(&me.id) {
            doc.set_actor(me.actor());
            if !registered {
                let device = Device {
                    id: me.id.clone(),
                    agency: me.agency.clone(),
                    public_key: me.key.public_hex(),
                    name: "Máy chủ Tiến độ".into(),
                    registered_at_ms: now_ms(),
                };
                edit::add_device(&mut doc, device)
                    .map_err(|source| CliError::Doc { path: data.doc_path("workspace"), source: Box::new(source) })?;
            }
            // The workspace names its server: laptops take the server's attestations.
            edit::set_server(&mut doc, &me.id)
                .map_err(|source| CliError::Doc { path: data.doc_path("workspace"), source: Box::new(source) })?;
            tiendo_core::changes::commit_at(&mut doc, now_ms());
            data.write_doc("workspace", &doc.save())?;
        }
        Ok(me)
    }

    /// The actor of changes this server writes now: its device id and 4 random bytes, like a
    /// browser tab's, so that two processes never reuse each other's sequence numbers.
    pub fn actor(&self) -> automerge::ActorId {
        let mut bytes = hex::decode(self.id.as_str()).unwrap_or_default();
        bytes.extend_from_slice(&automerge::ActorId::random().to_bytes()[..4]);
        automerge::ActorId::from(bytes)
    }
}
