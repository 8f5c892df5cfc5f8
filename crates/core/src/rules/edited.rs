//! Whether a report was changed after it was sent: the office judges what was sent, so a
//! report edited since its last submission says "Đã sửa sau khi gửi — gửi lại" until it is
//! sent again. What was sent is the report as of the submission's heads; the two are compared
//! without their submissions.

use crate::ids::PeriodId;
use crate::model::PeriodReport;
use crate::schema::edit::locate_period;
use crate::schema::DocError;
use automerge::{AutoCommit, ChangeHash};

/// One period's report in `doc`, if the document has it.
fn period_report(doc: &AutoCommit, period: &PeriodId) -> Result<Option<PeriodReport>, DocError> {
    let Some((list, at)) = locate_period(doc, period) else { return Ok(None) };
    Ok(Some(autosurgeon::hydrate_prop(doc, &list, at as u32)?))
}

/// The parts a submission sends (everything but the submissions themselves).
fn sent_parts(mut report: PeriodReport) -> PeriodReport {
    report.submissions.clear();
    report
}

/// Whether `period`'s report in an agency's reports document differs from what its latest
/// submission sent. `false` while it was never sent, or when the submission's heads are not
/// all in this document (a submission that arrived without what it sent cannot be judged).
pub fn edited_since_sent(doc: &mut AutoCommit, period: &PeriodId) -> Result<bool, DocError> {
    let Some(now) = period_report(doc, period)? else { return Ok(false) };
    let Some(last) = now.last_submission() else { return Ok(false) };
    let heads: Option<Vec<ChangeHash>> = last.heads.iter().map(|h| h.parse().ok()).collect();
    let Some(heads) = heads.filter(|h| !h.is_empty()) else { return Ok(false) };
    if heads.iter().any(|h| doc.get_change_by_hash(h).is_none()) {
        return Ok(false);
    }
    let then = doc.fork_at(&heads)?;
    let sent = period_report(&then, period)?.unwrap_or_else(|| PeriodReport::new(period.clone()));
    Ok(sent_parts(now) != sent_parts(sent))
}
