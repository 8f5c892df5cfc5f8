//! The office's league table in the demo: the agencies ranked for a quarter as of the demo's
//! day, best first, with the sample reports' on-time, late and missing counts; printable.

use tiendo_e2e::{Browser, Server};

#[tokio::test]
async fn the_office_ranks_the_agencies_for_a_quarter_best_first() {
    let server = Server::start();
    let b = Browser::start().await;
    b.start_demo(&server.url, "vp-ubnd").await;
    b.click("#nav-office").await;
    b.click("#nav-league").await;
    b.wait_js("return document.querySelectorAll('#league tbody tr').length > 20").await;
    assert!(b.text("#league-title").await.contains("Năm 2020"), "{}", b.text("#league-title").await);
    b.select("#league-span", "q1").await;
    b.wait_js("return document.querySelector('#league caption').textContent === 'Quý I/2020'").await;
    let rows: Vec<Vec<String>> = serde_json::from_value(
        b.client
            .execute(
                "return [...document.querySelectorAll('#league tbody tr')].map(r => [...r.children].map(c => c.textContent.trim()))",
                vec![],
            )
            .await
            .expect("rows"),
    )
    .expect("cells");
    assert!(rows.len() > 20, "{} agencies ranked", rows.len());
    let n = |r: &Vec<String>, i: usize| r[i].parse::<usize>().expect("a count");
    // Ranked: places never go down the table, and the first has no more missing or returned
    // reports than the last.
    for pair in rows.windows(2) {
        assert!(n(&pair[0], 0) <= n(&pair[1], 0), "{pair:?}");
    }
    let (first, last) = (&rows[0], &rows[rows.len() - 1]);
    assert_eq!(n(first, 0), 1);
    assert!(n(first, 4) + n(first, 5) <= n(last, 4) + n(last, 5), "{first:?} {last:?}");
    // The demo's sample reports give every kind of count somewhere.
    for (col, what) in [(2, "on time"), (3, "late"), (4, "missing")] {
        assert!(rows.iter().any(|r| n(r, col) > 0), "no agency has reports {what}: {rows:?}");
    }
    // Printed (the print rules applied to the screen): the controls go, the table stays.
    let printed = b
        .client
        .execute(
            "for (const sheet of document.styleSheets) for (const r of sheet.cssRules)
               if (r.media && r.media.mediaText === 'print') r.media.mediaText = 'all';
             return [getComputedStyle(document.querySelector('.league-page .toolbar')).display,
                     getComputedStyle(document.getElementById('league')).display];",
            vec![],
        )
        .await
        .expect("print rules");
    assert_eq!(printed, serde_json::json!(["none", "table"]));
    b.close().await;
}
