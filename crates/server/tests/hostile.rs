//! A hostile client of our own, speaking the protocol with only Sở Y tế's own access code:
//! every forgery is refused and changes nothing on the server's disk, in its memory, or on
//! another laptop; floods and guesses are bounded.

mod support;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ReadDoc, ROOT};
use std::time::{Duration, Instant};
use support::*;
use tiendo_core::schema::{self, PlanDoc, WorkspaceDoc};
use tiendo_core::sync::{Attestation, WireMessage};
use tiendo_server::sync::native_client::{ClientFailure, NativeClient};

const YTE: &str = "so-y-te";
const TC: &str = "so-tai-chinh";
const OFFICE: &str = "vp-ubnd";
const REVIEWS: &str = "reviews.01-qd-ubnd-2020";

/// An actor of the device `device` (hex), as a tab of it writes.
fn actor_of(device: &str) -> automerge::ActorId {
    let mut bytes = tiendo_core::hex::decode(device).expect("hex");
    bytes.extend_from_slice(&[6, 6, 6, 6]);
    automerge::ActorId::from(bytes)
}

fn refused(c: &NativeClient, doc: &str) -> bool {
    c.refused.iter().any(|(d, _)| d == doc)
}

#[tokio::test]
async fn an_agency_writing_as_the_offices_device_is_refused_and_nothing_changes_anywhere() {
    let server = TestServer::start(&[YTE, TC, OFFICE]).await;
    let office = server.join(OFFICE).await;
    let _tc = server.join(TC).await;
    let (mut yte, _) = server.client(YTE, &["workspace", PLAN, REVIEWS]).await;
    let before: Vec<_> = ["workspace", PLAN, REVIEWS].iter().map(|d| server.stored_heads(d)).collect();
    let as_office = actor_of(&office.device);

    // The plan's title.
    let plan = yte.docs.get_mut(PLAN).expect("plan");
    plan.set_actor(as_office.clone());
    let mut value: PlanDoc = schema::read(plan).expect("plan");
    value.plan.title = "FORGED PLAN TITLE".into();
    schema::write(plan, &value).expect("write");
    plan.commit();
    // Its own report marked as accepted, in the office's reviews.
    let reviews = yte.docs.get_mut(REVIEWS).expect("reviews");
    reviews.set_actor(as_office.clone());
    reviews.put(ROOT, "forged", "accepted").expect("put");
    reviews.commit();
    // Sở Tài chính's registered device moved into Sở Y tế.
    let ws = yte.docs.get_mut("workspace").expect("workspace");
    ws.set_actor(as_office);
    let mut value: WorkspaceDoc = schema::read(ws).expect("workspace");
    for d in value.devices.iter_mut().filter(|d| d.agency.as_str() == TC) {
        d.agency = YTE.parse().expect("id");
    }
    schema::write(ws, &value).expect("write");
    ws.commit();
    yte.sync(QUIET).await.expect("sync");

    for (i, doc) in ["workspace", PLAN, REVIEWS].iter().enumerate() {
        assert!(refused(&yte, doc), "{doc} was not refused: {:?}", yte.refused);
        assert_eq!(server.stored_heads(doc), before[i], "{doc} changed on disk");
    }
    let reason = &yte.refused[0].1;
    assert!(reason.contains("not by the sending device"), "{reason}");
    // Another laptop (the office's own) finds nothing of it.
    let mut other = connect(&server.ws, &office, &["workspace", PLAN, REVIEWS]).await;
    other.sync(QUIET).await.expect("sync");
    let plan: PlanDoc = schema::read(other.docs.get_mut(PLAN).expect("plan")).expect("plan");
    assert_ne!(plan.plan.title, "FORGED PLAN TITLE");
    assert!(other.docs[REVIEWS].get(ROOT, "forged").expect("get").is_none());
    let ws: WorkspaceDoc = schema::read(&other.docs["workspace"]).expect("workspace");
    assert!(ws.devices.iter().filter(|d| d.name != "Máy chủ Tiến độ").any(|d| d.agency.as_str() == TC));
}

#[tokio::test]
async fn a_change_that_keeps_kind_but_breaks_the_reports_schema_is_refused() {
    let server = TestServer::start(&[YTE]).await;
    let id = reports(YTE);
    let (mut c, _) = server.client(YTE, &[&id]).await;
    let before = server.stored_heads(&id);
    let doc = c.docs.get_mut(&id).expect("doc");
    doc.delete(ROOT, "reports").expect("delete");
    doc.commit();
    c.sync(QUIET).await.expect("sync");
    assert!(refused(&c, &id), "{:?}", c.refused);
    assert!(c.refused[0].1.contains("no longer a valid"), "{}", c.refused[0].1);
    assert_eq!(server.stored_heads(&id), before);
}

#[tokio::test]
async fn the_offices_export_still_works_with_one_damaged_document_on_disk() {
    // A data directory that took a schema-breaking change before the server checked documents
    // whole: Sở KHĐT's report lost its `reports` map.
    let (dir, _) = prepare(&[]);
    let data = tiendo_server::store::DataDir::new(dir.path().join("data"));
    let id = reports("so-khdt");
    let plan: PlanDoc = data.read_doc(&format!("plan.{}", "01-qd-ubnd-2020")).expect("plan");
    let (registry, _) = tiendo_core::builtin::tra_vinh_2020().expect("plan");
    let mut doc = tiendo_core::schema::genesis::genesis(&tiendo_core::schema::genesis::empty_reports(
        &plan.plan,
        &registry,
        &"so-khdt".parse().expect("id"),
    ))
    .expect("genesis");
    doc.delete(ROOT, "reports").expect("delete");
    doc.commit();
    data.write_doc(&id, &doc.save()).expect("write");
    let out = dir.path().join("tinh.xlsx");
    let mut said = Vec::new();
    let args = tiendo_server::reports::ExportArgs {
        period: "2020-Q1",
        format: tiendo_server::reports::Format::Xlsx,
        out: &out,
        agency: None,
        as_of: Some("2020-12-31"),
    };
    tiendo_server::reports::export(data.root(), &args, &mut said).expect("the export works");
    let said = String::from_utf8(said).expect("utf8");
    assert!(said.contains("Không đọc được báo cáo của") && said.contains("so-khdt"), "{said}");
    assert!(out.metadata().expect("written").len() > 1000);
}

/// One sync message with only the second of two changes: it waits for the first, which never
/// comes. It is about `len` bytes.
fn orphan(base: &AutoCommit, actor: automerge::ActorId, n: usize, len: usize) -> Vec<u8> {
    let mut one = write_as(base, actor.clone(), &format!("một {n}"));
    let heads = one.get_heads();
    let mut two = one.clone();
    // Random bytes: they do not compress.
    let pad: String = (0..len).map(|i| char::from(b'a' + ((i * 7919 + n * 104729) % 26) as u8)).collect();
    two.put(ROOT, "pad", pad).expect("put");
    two.commit();
    let second = two.get_changes(&heads)[0].clone();
    automerge::sync::Message {
        heads: two.get_heads(),
        need: vec![],
        have: vec![],
        changes: vec![second.raw_bytes().to_vec()].into(),
        flags: None,
        version: automerge::sync::MessageVersion::V1,
    }
    .encode()
}

fn write_as(doc: &AutoCommit, actor: automerge::ActorId, text: &str) -> AutoCommit {
    let mut doc = doc.clone().with_actor(actor);
    write(&mut doc, 0, text);
    doc
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_changes_waiting_for_a_missing_dependency_keeps_the_servers_memory_bounded() {
    let (dir, codes) = prepare(&[YTE]);
    let server = support::binary::Running::spawn(dir.path());
    let http = format!("http://{}", server.addr);
    let joined = join(&http, &codes[0].1).await;
    let id = reports(YTE);
    let mut c = connect(&format!("ws://{}/sync", server.addr), &joined, &[&id]).await;
    let base = c.docs[&id].clone();
    let pid = server.pid();
    let start = tiendo_server::memory::resident_mb(pid);
    // 40 changes of ~0.5 MB, each waiting for a change that never comes, by a stranger's actor
    // and by the device's own.
    for n in 0..40 {
        // Each from another actor (another tab): a second change of one actor's chain would
        // only be a duplicate.
        let mut bytes =
            if n % 2 == 0 { vec![0x77; 16] } else { tiendo_core::hex::decode(&joined.device).expect("hex") };
        bytes.extend_from_slice(&(n as u32).to_be_bytes());
        let actor = automerge::ActorId::from(bytes);
        let data = orphan(&base, actor, n, 500_000);
        let m =
            WireMessage::Sync { doc: id.clone(), sender: joined.device.clone(), target: "tiendo-server".into(), data };
        c.send_raw(m.encode()).await.expect("send");
        let _ = c.read_one(Duration::from_millis(500)).await;
    }
    c.sync(QUIET).await.expect("still connected");
    let end = tiendo_server::memory::resident_mb(pid);
    eprintln!("server resident: {start:.1} MB before, {end:.1} MB after 40 waiting changes of 0.5 MB (20 MB sent)");
    assert!(refused(&c, &id), "past the allowance the server says no");
    assert!(end - start < 20.0, "resident grew {:.1} MB", end - start);
}

#[tokio::test]
async fn five_hundred_sockets_on_one_credential_are_cut_down_to_the_cap() {
    let server = TestServer::start(&[YTE]).await;
    let joined = server.join(YTE).await;
    let mut open = Vec::new();
    let mut refused_429 = 0;
    for _ in 0..500 {
        match NativeClient::connect(&server.ws, &joined.device, &joined.token, None).await {
            Ok(c) => open.push(c),
            Err(ClientFailure::Socket(tokio_tungstenite::tungstenite::Error::Http(res))) => {
                assert_eq!(res.status().as_u16(), 429);
                refused_429 += 1;
            }
            Err(e) => panic!("unexpected {e}"),
        }
    }
    let cap = tiendo_server::sync::SyncLimits::default().per_device;
    eprintln!("{} of 500 connections on one credential open, {refused_429} refused with 429", open.len());
    assert_eq!(open.len(), cap);
    // A closed one frees its place.
    open.pop().expect("one").close().await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    NativeClient::connect(&server.ws, &joined.device, &joined.token, None).await.expect("a freed place");
}

async fn try_join(http: &str, code: &str) -> (u16, String, Duration) {
    let started = Instant::now();
    let res = reqwest::Client::new()
        .post(format!("{http}/api/join"))
        .body(format!(r#"{{"code": "{code}", "name": "x"}}"#))
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    let ct = res.headers().get("content-type").map(|v| v.to_str().unwrap_or_default().to_owned()).unwrap_or_default();
    (status, ct, started.elapsed())
}

#[tokio::test]
async fn wrong_access_codes_are_answered_slower_and_slower_and_a_code_joins_one_laptop() {
    let (dir, _) = prepare(&[]);
    let data = tiendo_server::store::DataDir::new(dir.path().join("data"));
    let mut accounts = tiendo_server::accounts::Accounts::load(&data).expect("accounts");
    let code = accounts.issue(
        YTE.parse().expect("id"),
        tiendo_server::accounts::random_bytes::<26>().expect("random"),
        tiendo_server::accounts::now_ms(),
        tiendo_server::accounts::CodePolicy::default(),
    );
    accounts.save(&data).expect("save");
    let server = TestServer::start_on(dir, Vec::new(), Default::default()).await;
    let mut times = Vec::new();
    for _ in 0..5 {
        let (status, ct, took) = try_join(&server.http, "AAAA-BBBB-CCCC-DDDD").await;
        assert_eq!(status, 401);
        assert!(ct.starts_with("application/json"), "{ct}");
        times.push(took);
    }
    eprintln!("wrong codes answered after {times:?}");
    assert!(times[0] < Duration::from_millis(200), "the first is answered at once");
    assert!(times[4] >= Duration::from_secs(2), "the fifth waits: {:?}", times[4]);
    // The right code still works (after its own wait), once.
    let (status, _, took) = try_join(&server.http, &code).await;
    assert_eq!(status, 200, "after {took:?}");
    let (status, _, _) = try_join(&server.http, &code).await;
    assert_eq!(status, 401, "a code joins one laptop unless issued for more");
}

#[tokio::test]
async fn limits_close_with_1008_and_say_why_and_an_oversized_join_is_answered_in_json() {
    let (dir, codes) = prepare(&[YTE]);
    let limits = tiendo_server::sync::SyncLimits { max_message_bytes: 64 * 1024, ..Default::default() };
    let server = TestServer::start_on(dir, codes, limits).await;
    let joined = server.join(YTE).await;
    let mut c = NativeClient::connect(&server.ws, &joined.device, &joined.token, None).await.expect("connect");
    c.send_raw(vec![0; 200_000]).await.expect("send");
    let closed = c.read_one(Duration::from_secs(5)).await;
    assert!(matches!(&closed, Err(ClientFailure::Closed(why)) if why.starts_with("1008")), "{closed:?}");

    let res = reqwest::Client::new()
        .post(format!("{}/api/join", server.http))
        .body(format!(r#"{{"code": "{}"}}"#, "x".repeat(10_000)))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status().as_u16(), 413);
    let body: tiendo_core::sync::ApiError =
        serde_json::from_str(&res.text().await.expect("body")).expect("a JSON error");
    assert!(!body.error.is_empty());
    assert_eq!(
        body.code,
        Some(tiendo_core::sync::ApiErrorCode::TooLarge),
        "a code the app says in the user's language"
    );
}

#[tokio::test]
async fn a_text_frame_closes_with_1008() {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    use tokio_tungstenite::tungstenite::Message;
    let server = TestServer::start(&[YTE]).await;
    let joined = server.join(YTE).await;
    let mut req = server.ws.as_str().into_client_request().expect("request");
    let protocols = format!("tiendo.v1, tiendo.auth.{}.{}", joined.device, joined.token);
    req.headers_mut().insert("sec-websocket-protocol", protocols.parse().expect("header"));
    let (mut ws, _) = tokio_tungstenite::connect_async(req).await.expect("connect");
    ws.send(Message::Text("hello".into())).await.expect("send");
    let got = tokio::time::timeout(Duration::from_secs(5), ws.next()).await.expect("answer");
    match got {
        Some(Ok(Message::Close(Some(frame)))) => assert_eq!(u16::from(frame.code), 1008, "{frame:?}"),
        other => panic!("expected a close frame with 1008, got {other:?}"),
    }
}

#[tokio::test]
async fn a_half_open_http_connection_is_closed_after_the_header_timeout() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let server = TestServer::start(&[]).await;
    let addr = server.http.trim_start_matches("http://").to_owned();
    let mut s = tokio::net::TcpStream::connect(&addr).await.expect("connect");
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await.expect("send");
    let started = Instant::now();
    let mut buf = [0u8; 512];
    let read = tokio::time::timeout(Duration::from_secs(20), s.read(&mut buf)).await.expect("closed in time");
    eprintln!("a half-open connection was answered after {:?}", started.elapsed());
    assert!(matches!(read, Ok(0)) || read.is_err() || String::from_utf8_lossy(&buf).contains("408"), "{read:?}");
    assert!(started.elapsed() <= tiendo_server::serve::HEADER_READ_TIMEOUT + Duration::from_secs(3));
}

#[tokio::test]
async fn a_relayed_change_is_taken_with_its_authors_attestation_and_only_then() {
    let server = TestServer::start(&[YTE, OFFICE]).await;
    let yte_key = tiendo_core::file::DeviceKey::from_secret([9; 32]);
    let yte = join_with_key(&server.http, server.code(YTE), &yte_key.public_hex()).await;
    let office_key = tiendo_core::file::DeviceKey::from_secret([3; 32]);
    let office = join_with_key(&server.http, server.code(OFFICE), &office_key.public_hex()).await;
    let id = reports(YTE);
    // Sở Y tế's laptop writes offline; its changes reach the office by USB.
    let laptop = connect(&server.ws, &yte, &[&id]).await;
    let mut offline = laptop.docs[&id].clone().with_actor(actor(&yte));
    let hash = write(&mut offline, 0, "mang qua USB").expect("a change");
    laptop.close().await;
    let change = offline.get_change_by_hash(&hash).expect("change");
    let (yte_device, office_device) = (yte.device.parse().expect("id"), office.device.parse().expect("id"));

    // Without the author's attestation: refused, nothing on disk.
    let mut relay = connect(&server.ws, &office, &[]).await;
    relay.docs.insert(id.clone(), offline.clone());
    relay.sync(QUIET).await.expect("sync");
    assert!(refused(&relay, &id), "{:?}", relay.refused);
    assert!(!server.stored_heads(&id).contains(&hash));

    // An attestation the office signs for Sở Y tế's actor: refused, the connection closed.
    let forged = Attestation::sign(&office_key, &office_device, &id, change.actor_id(), change.seq(), hash);
    let mut relay = connect(&server.ws, &office, &[]).await;
    relay.attest(vec![forged]).await.expect("send");
    let closed = relay.read_one(Duration::from_secs(5)).await;
    assert!(matches!(&closed, Err(ClientFailure::Closed(why)) if why.contains("attestation")), "{closed:?}");

    // Sở Y tế's own attestation, handed in first: taken.
    let genuine = Attestation::sign(&yte_key, &yte_device, &id, change.actor_id(), change.seq(), hash);
    let mut relay = connect(&server.ws, &office, &[]).await;
    relay.attest(vec![genuine]).await.expect("send");
    relay.docs.insert(id.clone(), offline);
    relay.sync(QUIET).await.expect("sync");
    assert!(!refused(&relay, &id), "{:?}", relay.refused);
    assert!(server.stored(&id).get_change_by_hash(&hash).is_some(), "the relayed change is on disk");
}

#[tokio::test]
async fn an_agency_that_takes_itself_out_of_a_group_in_the_workspace_is_refused_and_nothing_changes() {
    use tiendo_core::model::{AgencyGroup, GroupChange};
    let server = TestServer::start(&[YTE, OFFICE]).await;
    let (mut yte, joined) = server.client(YTE, &["workspace"]).await;
    let before = server.stored_heads("workspace");
    // With its own device, as the app would write it: out of "các sở, ban, ngành", out of their tasks.
    let ws = yte.docs.get_mut("workspace").expect("workspace");
    ws.set_actor(actor_of(&joined.device));
    let out =
        GroupChange::Member { group: AgencyGroup::AllDepartments, agency: YTE.parse().expect("id"), member: false };
    tiendo_core::schema::edit::change_groups(ws, &out).expect("written locally");
    ws.commit();
    yte.sync(QUIET).await.expect("sync");
    assert!(refused(&yte, "workspace"), "{:?}", yte.refused);
    assert_eq!(server.stored_heads("workspace"), before, "the workspace changed on disk");
    let stored: WorkspaceDoc = schema::read(&server.stored("workspace")).expect("workspace");
    assert!(stored.agencies.group(&AgencyGroup::AllDepartments).is_none());
}
