//! A first visit is served by the start module alone: its start screen works while the page's
//! full module and the engine are not there, and a choice made when they cannot be fetched is
//! kept, said, and opened by a reload.

use tiendo_e2e::{dist_copy, root, Browser, Server};

#[tokio::test]
async fn a_first_visit_uses_the_start_screen_without_the_full_module_and_a_choice_made_then_opens_after_a_reload() {
    // The app as served, less the page's full module and the engine: what a weak line has not
    // brought yet.
    let dist = dist_copy(&["tiendo-app", "tiendo-engine"]);
    let server = Server::start_serving(dist.path());
    let b = Browser::start().await;
    b.client.goto(&server.url).await.expect("first visit");
    b.wait_count("#start-demo", 1).await;
    b.wait_count("#join-code", 1).await;
    b.wait_count("#invite-go", 1).await;
    // The screen speaks both languages already.
    b.click("#lang-switch").await;
    b.wait_js("return document.documentElement.lang === 'en' && document.querySelector('h1').textContent.includes('Getting started')")
        .await;
    b.click("#lang-switch").await;
    b.wait_js("return document.documentElement.lang === 'vi'").await;
    // A choice made now cannot open: the user is told, and the choice is kept.
    b.select("#start-agency", "so-y-te").await;
    b.click("#start-demo").await;
    b.wait_count("#start-load-error", 1).await;
    let said = b.text("#start-load-error").await;
    assert!(said.contains("Chưa tải được"), "said: {said}");
    // The line comes back: a reload opens the choice in the full module.
    for entry in std::fs::read_dir(root().join("dist")).expect("dist") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dist.path().join(entry.file_name())).expect("restore");
    }
    b.click("#start-reload").await;
    b.wait_js("return !!document.querySelector('#main h1') && document.querySelector('#main h1').textContent.includes('Sở Y tế')")
        .await;
    assert!(b.client.find(fantoccini::Locator::Css("#start-load-error")).await.is_err(), "no error after the reload");
    b.close().await;
}

#[tokio::test]
async fn a_first_visit_that_only_saw_the_start_screen_starts_the_demo_later_with_the_server_gone() {
    let mut server = Server::start();
    let b = Browser::start().await;
    b.client.goto(&server.url).await.expect("first visit");
    b.wait_count("#start-demo", 1).await;
    // The start module's service worker takes the whole app (both modules, the engine) meanwhile.
    b.wait_cached("_bg.wasm").await;
    server.stop();
    b.client.goto(&server.url).await.expect("again, offline");
    b.wait_count("#start-demo", 1).await;
    b.select("#start-agency", "so-y-te").await;
    b.click("#start-demo").await;
    b.wait_js("return !!document.querySelector('#main h1') && document.querySelector('#main h1').textContent.includes('Sở Y tế')")
        .await;
    // The engine opened the demo's documents from the cache: my tasks and periods are there.
    b.wait_js("return (document.querySelector('#my-task-count')?.textContent || '').includes('6 chủ trì')").await;
    b.wait_js("return document.querySelectorAll('table.periods tbody tr').length > 0").await;
    b.close().await;
}
