//! The office keeps its registry: agencies added, renamed, merged and retired as changes to the
//! workspace document, checked whole, merged across offline office laptops, and read by the
//! parser, the rights and the file checks.

mod common;

use automerge::AutoCommit;
use common::*;
use tiendo_core::builtin::tra_vinh_registry;
use tiendo_core::day::Day;
use tiendo_core::file::FileError;
use tiendo_core::model::{AgencyKind, Registry, RegistryChange, RegistryError};
use tiendo_core::parse::{parse_plan, WarningKind};
use tiendo_core::schema::edit::{change_registry, RegistryEditError};
use tiendo_core::schema::genesis::reports_doc_id;
use tiendo_core::schema::{self, WorkspaceDoc};
use tiendo_core::sync::Rights;

fn day(s: &str) -> Day {
    s.parse().expect("day")
}

fn add(name: &str, short: &str, kind: AgencyKind) -> RegistryChange {
    RegistryChange::Add { id: None, name: name.into(), short_name: short.into(), kind, aliases: Vec::new() }
}

/// The 2025 reform in Trà Vinh's registry: Sở NN&PTNT renamed Sở Nông nghiệp và Môi trường,
/// Sở TN&MT merged into it, Sở KH&ĐT merged into Sở Tài chính, the districts retired.
fn reformed() -> Registry {
    let mut r = tra_vinh_registry().expect("registry");
    let on = day("2025-03-01");
    let rename = RegistryChange::Rename {
        id: agency("so-nnptnt"),
        name: "Sở Nông nghiệp và Môi trường".into(),
        short_name: Some("SNNMT".into()),
    };
    r.change(&rename, on).expect("rename");
    r.change(&RegistryChange::Merge { from: agency("so-tnmt"), into: agency("so-nnptnt") }, on).expect("merge");
    r.change(&RegistryChange::Merge { from: agency("so-khdt"), into: agency("so-tai-chinh") }, on).expect("merge");
    r.change(&RegistryChange::Retire { id: agency("h-cang-long") }, day("2025-07-01")).expect("retire");
    r
}

#[test]
fn an_added_agency_gets_an_id_from_its_name_and_is_matched_by_its_names() {
    let mut r = tra_vinh_registry().expect("registry");
    let mut change = add("UBND xã Tân Hòa", "XTH", AgencyKind::Commune);
    if let RegistryChange::Add { aliases, .. } = &mut change {
        aliases.push("xã Tân Hòa".into());
    }
    let id = r.change(&change, day("2026-01-02")).expect("added");
    assert_eq!(id.as_str(), "ubnd-xa-tan-hoa");
    assert_eq!(r.find_by_name("XA TAN HOA").map(|a| a.id.clone()), Some(id.clone()));
    assert!(r.is_active(&id));
    assert_eq!(r.of_kind(AgencyKind::Commune).count(), 1);
}

#[test]
fn a_refused_change_says_why_and_leaves_the_registry_as_it_was() {
    let mut r = reformed();
    let before = r.clone();
    let cases = [
        (
            add("Sở Y tế", "SYT2", AgencyKind::Department),
            RegistryError::NameTaken { name: "Sở Y tế".into(), by: agency("so-y-te") },
        ),
        (add("  ", "X", AgencyKind::Department), RegistryError::BadName(String::new())),
        (add("Văn phòng mới", "VP", AgencyKind::ProvincialOffice), RegistryError::Office(agency("vp-ubnd"))),
        (RegistryChange::Retire { id: agency("vp-ubnd") }, RegistryError::Office(agency("vp-ubnd"))),
        (RegistryChange::Retire { id: agency("khong-co") }, RegistryError::Unknown(agency("khong-co"))),
        (RegistryChange::Retire { id: agency("so-tnmt") }, RegistryError::Ended(agency("so-tnmt"))),
        (
            RegistryChange::Merge { from: agency("so-y-te"), into: agency("so-khdt") },
            RegistryError::Ended(agency("so-khdt")),
        ),
        (
            RegistryChange::Merge { from: agency("so-y-te"), into: agency("so-y-te") },
            RegistryError::Itself(agency("so-y-te")),
        ),
        (
            RegistryChange::Rename { id: agency("so-y-te"), name: "Sở Tài chính".into(), short_name: None },
            RegistryError::NameTaken { name: "Sở Tài chính".into(), by: agency("so-tai-chinh") },
        ),
    ];
    for (change, expected) in cases {
        assert_eq!(r.change(&change, day("2026-01-02")), Err(expected), "{change:?}");
        assert_eq!(r, before, "{change:?} changed the registry");
    }
}

#[test]
fn a_renamed_agency_keeps_its_old_name_as_an_alias_and_for_plans_issued_before() {
    let r = reformed();
    let a = r.get(&agency("so-nnptnt")).expect("agency");
    assert_eq!(a.name, "Sở Nông nghiệp và Môi trường");
    assert_eq!(a.short_name, "SNNMT");
    assert!(a.aliases.iter().any(|al| al == "Sở Nông nghiệp và Phát triển nông thôn"));
    // The 2020 plan (02/01/2020) shows the name of then; a 2026 plan the new one.
    assert_eq!(r.name_on(&agency("so-nnptnt"), day("2020-01-02")), "Sở Nông nghiệp và Phát triển nông thôn");
    assert_eq!(r.name_on(&agency("so-nnptnt"), day("2025-03-01")), "Sở Nông nghiệp và Môi trường");
    // A text that still uses the old name finds the agency.
    assert_eq!(r.find_by_name("Sở Nông nghiệp và Phát triển nông thôn").map(|a| a.id.as_str()), Some("so-nnptnt"));
}

#[test]
fn a_plan_text_naming_a_merged_agency_assigns_its_successor_and_one_naming_a_retired_one_warns() {
    let r = reformed();
    let text = "ỦY BAN NHÂN DÂN\nTỈNH TRÀ VINH\nSố: 5/QĐ-UBND\nTrà Vinh, ngày 05 tháng 01 năm 2026\n\
        KẾ HOẠCH HÀNH ĐỘNG NĂM 2026\n1. Kinh tế\n\
        1.1. Sở Kế hoạch và Đầu tư: thu hút đầu tư.\n\
        1.2. Sở Tài nguyên và Môi trường: quản lý đất đai.\n\
        1.3. UBND huyện Càng Long: xây dựng nông thôn mới.\n\
        2. Tổ chức thực hiện\nĐịnh kỳ hằng quý, các cơ quan báo cáo trước ngày 15 của tháng cuối quý.\n";
    let parsed = parse_plan(text, &r).expect("parsed");
    let tasks: Vec<_> = parsed.plan.tasks().collect();
    assert_eq!(tasks[0].lead, vec![agency("so-tai-chinh")], "Sở KH&ĐT merged into Sở Tài chính");
    assert_eq!(tasks[1].lead, vec![agency("so-nnptnt")], "Sở TN&MT merged into Sở NN&MT");
    assert!(tasks[2].lead.is_empty(), "a retired district takes no new task");
    assert!(parsed
        .warnings
        .iter()
        .any(|w| matches!(&w.kind, WarningKind::RetiredAgency(n) if n.contains("Càng Long"))));
    assert!(
        parsed.proposed_agencies.is_empty(),
        "a retired agency is not proposed again: {:?}",
        parsed.proposed_agencies
    );
}

fn workspace_with(registry: Registry) -> (AutoCommit, WorkspaceDoc) {
    let mut l = laptop();
    l.ws.agencies = registry;
    (schema::create(&l.ws).expect("doc"), l.ws)
}

#[test]
fn two_office_laptops_that_change_the_registry_offline_merge_without_losing_an_agency() {
    let (mut first, _) = workspace_with(tra_vinh_registry().expect("registry"));
    let mut second = first.fork().with_actor(actor(9));
    first.set_actor(actor(3));
    let on = day("2026-01-05");
    change_registry(&mut first, &add("UBND phường Trà Vinh", "PTV", AgencyKind::Commune), on).expect("first");
    change_registry(&mut first, &RegistryChange::Retire { id: agency("h-cau-ke") }, on).expect("first");
    first.commit();
    change_registry(&mut second, &add("UBND xã Long Hòa", "XLH", AgencyKind::Commune), on).expect("second");
    let rename =
        RegistryChange::Rename {
            id: agency("so-y-te"), name: "Sở Y tế tỉnh Vĩnh Long".into(), short_name: None
        };
    change_registry(&mut second, &rename, on).expect("second");
    second.commit();
    first.merge(&mut second).expect("merge");
    let ws: WorkspaceDoc = schema::read(&first).expect("reads as a workspace");
    let ids: Vec<&str> = ws.agencies.agencies.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 38, "36 + both new agencies: {ids:?}");
    assert!(ids.contains(&"ubnd-phuong-tra-vinh") && ids.contains(&"ubnd-xa-long-hoa"));
    assert!(!ws.agencies.is_active(&agency("h-cau-ke")));
    assert_eq!(ws.agencies.get(&agency("so-y-te")).map(|a| a.name.as_str()), Some("Sở Y tế tỉnh Vĩnh Long"));
}

#[test]
fn a_change_the_registry_refuses_writes_nothing_to_the_document() {
    let (mut doc, _) = workspace_with(tra_vinh_registry().expect("registry"));
    let heads = doc.get_heads();
    let err = change_registry(&mut doc, &RegistryChange::Retire { id: agency("vp-ubnd") }, day("2026-01-05"));
    assert!(matches!(err, Err(RegistryEditError::Refused(RegistryError::Office(_)))), "{err:?}");
    doc.commit();
    assert_eq!(doc.get_heads(), heads);
}

#[test]
fn the_agency_a_department_was_merged_into_reads_and_writes_its_reports_and_the_old_laptops_stop() {
    let (_, ws) = workspace_with(reformed());
    let rights = Rights::from_workspace(&ws);
    let plan = tiendo_core::builtin::tra_vinh_2020().expect("plan").1.plan.id;
    let old = reports_doc_id(&plan, &agency("so-khdt"));
    assert!(rights.may_write(&old, &agency("so-tai-chinh")));
    assert!(rights.may_read(&old, &agency("so-tai-chinh")));
    assert!(!rights.may_write(&old, &agency("so-y-te")));
    // Its own changes from before the merger stay its own (history reads the same).
    assert!(rights.may_write(&old, &agency("so-khdt")));
    assert!(!rights.is_active(&agency("so-khdt")));
    assert!(!rights.is_active(&agency("h-cang-long")));
    assert!(rights.is_active(&agency("so-tai-chinh")));
}

#[test]
fn a_sync_file_signed_by_a_laptop_of_a_retired_agency_is_refused() {
    let mut sender = laptop();
    write(&mut sender, YTE, 1, "Đã triển khai.");
    let file = export_as(&mut sender, 1, YTE);
    let mut office = office();
    assert!(verify(&office, &file).is_ok(), "taken while Sở Y tế is active");
    office.ws.agencies.change(&RegistryChange::Retire { id: agency(YTE) }, day("2026-01-05")).expect("retire");
    match verify(&office, &file) {
        Err(FileError::SignerEnded { agency, .. }) => assert_eq!(agency, YTE),
        other => panic!("expected SignerEnded, got {:?}", other.map(|v| v.docs.len())),
    }
}
