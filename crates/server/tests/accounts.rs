//! The running server holds the accounts: a code the office issues with `tiendo agency code`
//! while the server runs works at once, and laptops that joined keep working.

mod support;

use support::binary::Running;

#[tokio::test]
async fn a_code_issued_while_the_server_runs_joins_at_once_and_earlier_laptops_keep_syncing() {
    let (dir, codes) = support::prepare(&["so-y-te"]);
    let server = Running::spawn(dir.path());
    let (http, ws) = (format!("http://{}", server.addr), format!("ws://{}/sync", server.addr));
    let first = support::join(&http, &codes[0].1).await;
    let data = dir.path().join("data");
    let said = support::cli::ok(&["agency", "code", "so-tai-chinh", "--data", data.to_str().expect("utf8")]);
    let code = said.split(": ").nth(1).and_then(|s| s.lines().next()).expect("a code").trim().to_owned();
    let second = support::join(&http, &code).await;
    assert_eq!(second.agency, "so-tai-chinh");
    for (joined, agency) in [(&first, "so-y-te"), (&second, "so-tai-chinh")] {
        let id = support::reports(agency);
        let mut c = support::connect(&ws, joined, &[&id]).await;
        c.sync(support::QUIET).await.expect("syncs");
        assert!(!c.docs.get_mut(&id).expect("doc").get_heads().is_empty(), "{agency}'s laptop got its report");
    }
}
