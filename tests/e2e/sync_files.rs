//! Sync files for the end-to-end tests and the bench, made the way laptops make them.

use crate::Server;
use tiendo_core::file::{self, DeviceKey, Maker};
use tiendo_core::ids::{AgencyId, DeviceId};
use tiendo_core::model::Device;
use tiendo_core::schema::WorkspaceDoc;
use tiendo_core::sync::{attest, Attestations, Rights};
use tiendo_core::synthetic_2026::ProvinceSize;

/// A province whose documents tests and benches make: its workspace, registry and plan.
pub struct Province {
    /// The workspace document as its genesis holds it.
    pub ws: WorkspaceDoc,
    /// Its agencies.
    pub registry: tiendo_core::model::Registry,
    /// Its plan.
    pub plan: tiendo_core::model::Plan,
}

impl Province {
    /// Trà Vinh 2020 (the built-in plan, 36 agencies) or the synthetic 2026 province (150).
    pub fn of(size: ProvinceSize) -> Province {
        let (workspace, registry, plan) = match size {
            ProvinceSize::TraVinh2020 => {
                let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
                (tiendo_core::builtin::tra_vinh_workspace(), registry, parsed.plan)
            }
            ProvinceSize::Province2026 => {
                let (workspace, registry, parsed) = tiendo_core::synthetic_2026::province_2026().expect("plan");
                (workspace, registry, parsed.plan)
            }
        };
        let ws = tiendo_core::schema::genesis::workspace_doc(workspace, registry.clone(), &[&plan]);
        Province { ws, registry, plan }
    }

    /// A data directory holding this province's genesis, as `tiendo init` lays out the built-in
    /// one, for the real server to start on.
    pub fn lay_out(&self) -> tempfile::TempDir {
        let data = tempfile::tempdir().expect("data dir");
        tiendo_server::store::DataDir::new(data.path()).create(&self.ws, self.plan.clone()).expect("laid out");
        data
    }
}

/// [`relayed_file_of`] for Trà Vinh 2020, the province of the built-in plan.
pub async fn relayed_file(server: &Server, agencies: &[AgencyId], burst: usize) -> (Vec<u8>, DeviceKey) {
    relayed_file_of(server, &Province::of(ProvinceSize::TraVinh2020), agencies, burst).await
}

/// A sync file relayed by the provincial office: the reports of `agencies` (agency number `n`
/// filled by its own laptop, registered with the key from `[n + 1; 32]`, a change every `burst`
/// typed characters, each attested by its laptop as its own file to the office would), signed by
/// an office laptop registered with the key from `[200; 32]`. Returns the file and the office
/// laptop's key.
pub async fn relayed_file_of(
    server: &Server,
    province: &Province,
    agencies: &[AgencyId],
    burst: usize,
) -> (Vec<u8>, DeviceKey) {
    let Province { registry, plan, .. } = province;
    let mut ws = province.ws.clone();
    let mut held = std::collections::BTreeMap::new();
    let mut attestations = Vec::new();
    for (n, agency) in agencies.iter().enumerate() {
        let key = DeviceKey::from_secret([n as u8 + 1; 32]);
        let device = server.join_device(&server.code(agency.as_str()), &key.public_hex()).await;
        let mut actor = tiendo_core::hex::decode(&device).expect("hex");
        actor.extend_from_slice(&[1; 4]);
        let mut doc = tiendo_core::synthetic::fill_as(plan, registry, agency, burst, actor.into()).expect("fill");
        let id = tiendo_core::schema::genesis::reports_doc_id(&plan.id, agency);
        let device = DeviceId::new(device).expect("device id");
        attestations.extend(attest(&mut doc, &id, &device, &key, Some(&device)));
        ws.devices.push(Device {
            id: device,
            agency: agency.clone(),
            public_key: key.public_hex(),
            name: format!("laptop {n}"),
            registered_at_ms: 0,
        });
        held.insert(id, doc);
    }
    let office = registry.provincial_office().expect("office").id.clone();
    let office_key = DeviceKey::from_secret([200; 32]);
    let office_device = server.join_device(&server.code(office.as_str()), &office_key.public_hex()).await;
    let mut attested = Attestations::default();
    // An agency with no task of the plan (the 2026 office) wrote nothing to attest.
    let made = attestations.len();
    let taken = attested.insert_all(attestations, &Rights::from_workspace(&ws));
    assert_eq!(taken, made, "every laptop's attestation verifies");
    let maker = Maker { workspace: &ws, device: &office_device, agency: &office, key: &office_key, now_ms: 0 };
    (file::export_with(&maker, &mut held, &attested), office_key)
}
