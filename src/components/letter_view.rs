//! A report drawn on screen and on paper in the layout of Nghị định 30/2020, from the same
//! [`Letter`] the `.docx` is written from.

use leptos::prelude::*;
use tiendo_core::office::letter::{Block, Letter, MOTTO};

/// The print view of a report: A4 proportions, Times New Roman, header in two columns, body,
/// `Nơi nhận:` and signature. Always in Vietnamese: it is the official document.
#[component]
pub fn LetterView(
    /// The report laid out.
    letter: Letter,
) -> impl IntoView {
    let blocks = letter
        .blocks
        .into_iter()
        .map(|b| match b {
            Block::Heading(t) => view! { <h3 class="nd30-heading">{t}</h3> }.into_any(),
            Block::Subheading(t) => view! { <h4 class="nd30-subheading">{t}</h4> }.into_any(),
            Block::Paragraph(t) => view! { <p class="nd30-para">{t}</p> }.into_any(),
            Block::Table { header, rows } => view! {
                <table class="nd30-table">
                    <thead><tr>{header.into_iter().map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any(),
        })
        .collect_view();
    let last = letter.recipients.len().saturating_sub(1);
    let recipients = letter
        .recipients
        .into_iter()
        .enumerate()
        .map(|(i, r)| view! { <li>{format!("- {r}{}", if i == last { "." } else { ";" })}</li> })
        .collect_view();
    view! {
        <article class="nd30" lang="vi" id="letter">
            <div class="nd30-header">
                <div class="nd30-left">
                    {(!letter.parent.is_empty()).then(|| view! { <div>{letter.parent.clone()}</div> })}
                    {letter.issuer.lines().map(|l| view! { <div class="bold">{l.to_owned()}</div> }).collect_view()}
                    <div class="nd30-rule short"></div>
                    <div class="nd30-number">{letter.number.clone()}</div>
                </div>
                <div class="nd30-right">
                    <div class="bold nd30-motto">{MOTTO[0]}</div>
                    <div class="bold nd30-motto2">{MOTTO[1]}</div>
                    <div class="italic nd30-date">{letter.place_date.clone()}</div>
                </div>
            </div>
            <h2 class="nd30-title">{letter.title.clone()}</h2>
            <div class="nd30-summary bold">{letter.summary.clone()}</div>
            <div class="nd30-rule"></div>
            {blocks}
            <div class="nd30-closing">
                <div class="nd30-recipients">
                    <div class="bold italic">"Nơi nhận:"</div>
                    <ul>{recipients}</ul>
                </div>
                <div class="nd30-signer">
                    {letter.signer.lines.iter().map(|l| view! { <div class="bold">{l.clone()}</div> }).collect_view()}
                    <div class="nd30-sign-space"></div>
                    <div class="bold">{letter.signer.name.clone()}</div>
                </div>
            </div>
        </article>
    }
}
