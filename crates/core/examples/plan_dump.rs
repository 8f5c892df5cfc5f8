//! Prints what the parser reads from a plan file (.txt or .docx): sections, tasks with their
//! agencies, deadlines and products, targets and warnings.
//!   cargo run -p tiendo-core --example plan_dump -- FILE
#![allow(clippy::expect_used)]

fn main() {
    let path = std::env::args().nth(1).expect("a plan file");
    let bytes = std::fs::read(&path).expect("read");
    let text = tiendo_core::parse::docx::text_of_file(&bytes).expect("text");
    let registry = tiendo_core::builtin::tra_vinh_registry().expect("registry");
    match tiendo_core::parse::parse_plan(&text, &registry) {
        Err(e) => println!("error: {e}"),
        Ok(p) => {
            println!("{} | {} | {}", p.plan.id, p.plan.decision.number, p.plan.title);
            for s in &p.plan.sections {
                println!("§ {} {}", s.id, s.title);
                for t in &s.tasks {
                    let ids =
                        |v: &[tiendo_core::ids::AgencyId]| v.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(",");
                    println!(
                        "  {} lead=[{}] coord=[{}] groups={:?}/{:?} deadline={:?} product={:?}\n     text: {}\n     items: {:?}",
                        t.id, ids(&t.lead), ids(&t.coordinating), t.groups, t.coordinating_groups,
                        t.deadline.as_ref().map(|d| (&d.written, d.due.map(|x| x.to_vietnamese()))), t.product,
                        t.text.as_str().chars().take(90).collect::<String>(), t.items.len()
                    );
                }
            }
            for t in &p.plan.targets {
                println!("  target {} {:?} {}", t.id, t.kind, t.unit);
            }
            for g in p.plan.goals.iter().flatten() {
                println!("  goal {} {:?} {} — {}", g.id, g.kind, g.unit, g.name);
            }
            println!("proposed: {:?}", p.proposed_agencies.iter().map(|a| (&a.name, a.kind)).collect::<Vec<_>>());
            for w in &p.warnings {
                println!("  ! {w}");
            }
        }
    }
}
