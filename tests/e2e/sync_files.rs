//! Sync files for the end-to-end tests and the bench, made the way laptops make them.

use crate::Server;
use tiendo_core::file::{self, DeviceKey, Maker};
use tiendo_core::ids::AgencyId;

/// A sync file relayed by the provincial office: the reports of `agencies` (agency number `n`
/// filled by its own laptop, registered with the key from `[n + 1; 32]`, a change every `burst`
/// typed characters), signed by an office laptop registered with the key from `[200; 32]`.
/// Returns the file and the office laptop's key.
pub async fn relayed_file(server: &Server, agencies: &[AgencyId], burst: usize) -> (Vec<u8>, DeviceKey) {
    let (registry, parsed) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let mut held = std::collections::BTreeMap::new();
    for (n, agency) in agencies.iter().enumerate() {
        let key = DeviceKey::from_secret([n as u8 + 1; 32]);
        let device = server.join_device(&server.code(agency.as_str()), &key.public_hex()).await;
        let mut actor = tiendo_core::hex::decode(&device).expect("hex");
        actor.extend_from_slice(&[1; 4]);
        let doc = tiendo_core::synthetic::fill_as(&parsed.plan, &registry, agency, burst, actor.into()).expect("fill");
        held.insert(tiendo_core::schema::genesis::reports_doc_id(&parsed.plan.id, agency), doc);
    }
    let office = registry.provincial_office().expect("office").id.clone();
    let office_key = DeviceKey::from_secret([200; 32]);
    let office_device = server.join_device(&server.code(office.as_str()), &office_key.public_hex()).await;
    let ws = tiendo_core::schema::genesis::workspace_doc(
        tiendo_core::builtin::tra_vinh_workspace(),
        registry.clone(),
        &[&parsed.plan],
    );
    let maker = Maker { workspace: &ws, device: &office_device, agency: &office, key: &office_key, now_ms: 0 };
    (file::export(&maker, &mut held), office_key)
}
