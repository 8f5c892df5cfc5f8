//! Groups as the office keeps them: a group it names takes the tasks a plan gives it, through
//! whoever the office put in; a standing group holds its kinds except whom the office left out,
//! plus whom it put in; refusals change nothing; two offline office laptops keep both edits.

mod common;

use automerge::transaction::Transactable;
use automerge::AutoCommit;
use common::*;
use tiendo_core::ids::GroupId;
use tiendo_core::model::{AgencyGroup, GroupChange, Registry, RegistryError};
use tiendo_core::parse::parse_plan;
use tiendo_core::rules::assignment::{leads_of, role_in, Role};
use tiendo_core::schema::edit::{change_groups, RegistryEditError};
use tiendo_core::schema::{self, WorkspaceDoc};
use tiendo_core::synthetic_2026::registry_2026;

const BORDER: &str = "cac-xa-bien-gioi";

fn border() -> AgencyGroup {
    AgencyGroup::Named(GroupId::new(BORDER).expect("id"))
}

fn member(group: AgencyGroup, a: &str, member: bool) -> GroupChange {
    GroupChange::Member { group, agency: agency(a), member }
}

/// The 2026 province with the group `các xã biên giới` of two communes.
fn with_border_group() -> Registry {
    let mut r = registry_2026();
    let add = GroupChange::Add { name: "các xã biên giới".into(), aliases: vec!["xã biên giới".into()] };
    assert_eq!(r.change_group(&add).expect("added").as_str(), BORDER);
    for a in ["ubnd-xa-an-binh", "ubnd-xa-an-hoa"] {
        r.change_group(&member(border(), a, true)).expect("member");
    }
    r
}

const PLAN: &str = "ỦY BAN NHÂN DÂN\nTỈNH VĨNH AN\nSố: 20/QĐ-UBND\nVĩnh An, ngày 10 tháng 01 năm 2026\n\
    KẾ HOẠCH HÀNH ĐỘNG NĂM 2026\n1. Quốc phòng, an ninh\n\
    1.1. UBND các xã biên giới: tuần tra, bảo vệ mốc quốc giới.\n\
    1.2. UBND các xã, phường, đặc khu: kiện toàn bộ máy.\n\
    1.3. Các sở, ban, ngành tỉnh: rà soát thủ tục hành chính.\n\
    2. Tổ chức thực hiện\nHằng quý báo cáo trước ngày 15 của tháng cuối quý.\n";

#[test]
fn a_task_given_to_a_named_group_is_led_by_whoever_the_office_put_in() {
    let mut r = with_border_group();
    let plan = parse_plan(PLAN, &r).expect("plan").plan;
    let task = plan.task(&"1.1".parse().expect("id")).expect("task 1.1");
    assert_eq!(task.groups, [border()], "the parser names the office's group, not `UBND các xã`");
    assert_eq!(leads_of(task, &r), [agency("ubnd-xa-an-binh"), agency("ubnd-xa-an-hoa")]);
    assert_eq!(role_in(task, &agency("ubnd-xa-an-long"), &r), None);
    // Put in later: the task is its own from then on.
    r.change_group(&member(border(), "ubnd-xa-an-long", true)).expect("member");
    assert_eq!(role_in(task, &agency("ubnd-xa-an-long"), &r), Some(Role::Lead));
    r.change_group(&member(border(), "ubnd-xa-an-binh", false)).expect("out");
    assert_eq!(role_in(task, &agency("ubnd-xa-an-binh"), &r), None);
    assert_eq!(r.group_name(&border()).as_deref(), Some("các xã biên giới"));
    assert_eq!(r.all_groups().len(), 4, "three standing groups and the office's");
}

#[test]
fn a_standing_group_holds_its_kinds_except_whom_the_office_left_out_and_whom_it_put_in() {
    let mut r = registry_2026();
    let plan = parse_plan(PLAN, &r).expect("plan").plan;
    let communes_task = plan.task(&"1.2".parse().expect("id")).expect("1.2");
    let departments_task = plan.task(&"1.3".parse().expect("id")).expect("1.3");
    assert_eq!(leads_of(communes_task, &r).len(), 126);
    let police = "cong-an-tinh";
    assert!(r.get(&agency(police)).is_some(), "an `other` body of the 2026 province");
    assert_eq!(role_in(departments_task, &agency(police), &r), None, "not a department by kind");
    r.change_group(&member(AgencyGroup::AllDepartments, police, true)).expect("in");
    assert_eq!(role_in(departments_task, &agency(police), &r), Some(Role::Lead));
    r.change_group(&member(AgencyGroup::AllCommunes, "ubnd-xa-an-binh", false)).expect("out");
    assert_eq!(leads_of(communes_task, &r).len(), 125);
    assert_eq!(role_in(communes_task, &agency("ubnd-xa-an-binh"), &r), None);
    // Back in: nothing is kept for it any more.
    r.change_group(&member(AgencyGroup::AllCommunes, "ubnd-xa-an-binh", true)).expect("in");
    assert_eq!(leads_of(communes_task, &r).len(), 126);
    assert!(r.group(&AgencyGroup::AllCommunes).is_some_and(|g| g.excluded.is_empty() && g.members.is_empty()));
}

fn workspace(registry: Registry) -> AutoCommit {
    let mut l = laptop();
    l.ws.agencies = registry;
    schema::create(&l.ws).expect("doc")
}

#[test]
fn a_refused_group_change_says_why_and_writes_nothing() {
    let mut doc = workspace(with_border_group());
    let heads = doc.get_heads();
    let cases = [
        (GroupChange::Add { name: "Sở Y tế".into(), aliases: vec![] }, "Sở Y tế"),
        (GroupChange::Add { name: "Các xã  Biên giới".into(), aliases: vec![] }, BORDER),
        (member(AgencyGroup::Named(GroupId::new("khong-co").expect("id")), "so-y-te", true), "khong-co"),
        (member(border(), "khong-co-dau", true), "khong-co-dau"),
    ];
    for (change, named) in cases {
        let err = change_groups(&mut doc, &change).expect_err("refused");
        let RegistryEditError::Refused(e) = &err else { panic!("{err}") };
        assert!(e.to_string().contains(named), "{e}");
        assert!(
            matches!(
                e,
                RegistryError::NameTaken { .. }
                    | RegistryError::GroupNameTaken { .. }
                    | RegistryError::UnknownGroup(_)
                    | RegistryError::Unknown(_)
            ),
            "{e:?}"
        );
        assert_eq!(doc.get_heads(), heads, "{change:?} wrote nothing");
        assert_eq!(doc.pending_ops(), 0);
    }
}

#[test]
fn two_office_laptops_that_edit_groups_offline_keep_every_group_and_member() {
    let mut first = workspace(with_border_group());
    let mut second = first.fork().with_actor(actor(9));
    first.set_actor(actor(3));
    change_groups(&mut first, &member(border(), "ubnd-xa-an-long", true)).expect("first");
    change_groups(&mut first, &GroupChange::Add { name: "các phường trung tâm".into(), aliases: vec![] })
        .expect("first");
    first.commit();
    change_groups(&mut second, &member(border(), "ubnd-xa-an-phu", true)).expect("second");
    change_groups(&mut second, &member(AgencyGroup::AllCommunes, "ubnd-xa-an-tan", false)).expect("second");
    change_groups(&mut second, &GroupChange::Add { name: "các xã ven biển".into(), aliases: vec![] }).expect("second");
    second.commit();
    first.merge(&mut second).expect("merge");
    let ws: WorkspaceDoc = schema::read(&first).expect("reads as a workspace");
    let r = &ws.agencies;
    assert_eq!(
        r.members_of(&border()),
        ["ubnd-xa-an-binh", "ubnd-xa-an-hoa", "ubnd-xa-an-long", "ubnd-xa-an-phu"].map(agency),
        "both laptops' members"
    );
    let named: Vec<&str> = r.groups().iter().map(|g| g.name.as_str()).filter(|n| !n.is_empty()).collect();
    assert_eq!(named.len(), 3, "{named:?}");
    assert_eq!(r.members_of(&AgencyGroup::AllCommunes).len(), 125);
}

#[test]
fn a_registry_is_written_as_json_as_before_until_it_keeps_a_group_and_reads_back_either_way() {
    let plain = registry_2026();
    let json = serde_json::to_value(&plain).expect("json");
    assert!(json.is_array(), "the list of agencies, as before groups were kept");
    assert_eq!(serde_json::from_value::<Registry>(json).expect("reads"), plain);
    let grouped = with_border_group();
    let json = serde_json::to_value(&grouped).expect("json");
    assert!(json["groups"].is_array());
    assert_eq!(serde_json::from_value::<Registry>(json).expect("reads"), grouped);
}
