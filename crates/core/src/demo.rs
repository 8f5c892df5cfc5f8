//! The demo workspace shows what the product is for: the other agencies' reports as they
//! stood on a "today" inside the plan's year (some sent on time, some late, some missing, the
//! next ones being written), while the visitor's own agency starts with an empty report.

use crate::ids::AgencyId;
use crate::model::{AgencyKind, Plan, Registry};
use crate::schema::genesis::reports_doc_id;
use crate::schema::DocError;
use crate::synthetic::fill_until;
use crate::Day;
use automerge::{ActorId, AutoCommit};

/// The demo's "today": five days after the due day of the middle period of the plan's
/// schedule, so that about half the periods are due (2020: 05/08/2020).
pub fn demo_today(plan: &Plan) -> Day {
    let mut dues: Vec<Day> = plan.schedule.iter().map(|p| p.due).collect();
    dues.sort();
    match dues.get(dues.len() / 2) {
        Some(d) => d.plus_days(5),
        None => Day::today_in_vietnam(),
    }
}

/// The other agencies' reports documents (id and document) as of `today`: every agency but
/// `except` and the provincial office, typed one change per task.
pub fn demo_reports(
    plan: &Plan,
    registry: &Registry,
    except: &AgencyId,
    today: Day,
) -> Result<Vec<(String, AutoCommit)>, DocError> {
    registry
        .agencies
        .iter()
        .filter(|a| &a.id != except && a.kind != AgencyKind::ProvincialOffice)
        .map(|a| {
            let actor = ActorId::from(format!("demo-{}", a.id).as_bytes());
            let doc = fill_until(plan, registry, &a.id, 10_000, actor, Some(today))?;
            Ok((reports_doc_id(&plan.id, &a.id), doc))
        })
        .collect()
}
