//! The top bar's sync state tells the truth from the first moment of a page: a joined laptop
//! that reloads while the server is there says it is connecting, then connected, and never
//! "offline" on the way (it had not tried yet).

use tiendo_e2e::{Browser, Server};

/// Records every state the indicator shows, from the start of each page (before any script of
/// the app runs), in `window.tiendoStates`.
const RECORD: &str = "window.tiendoStates = []; new MutationObserver(() => { \
    const e = document.getElementById('sync-state'); \
    if (e && window.tiendoStates[window.tiendoStates.length - 1] !== e.dataset.state) \
      window.tiendoStates.push(e.dataset.state); \
  }).observe(document, { subtree: true, childList: true, attributes: true });";

#[tokio::test]
async fn a_joined_laptop_that_reloads_says_connecting_then_online_and_never_offline_on_the_way() {
    let server = Server::start();
    let b = Browser::start().await;
    b.join(&server.url, &server.code("so-y-te")).await;
    b.wait_count("#sync-state[data-state='online']", 1).await;
    b.cdp("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": RECORD })).await;
    for _ in 0..3 {
        b.client.refresh().await.expect("reload");
        b.wait_count("#sync-state[data-state='online']", 1).await;
        let states = b.client.execute("return window.tiendoStates", vec![]).await.expect("states");
        let states: Vec<String> = serde_json::from_value(states).expect("a list");
        assert_eq!(states.last().map(String::as_str), Some("online"), "{states:?}");
        assert!(!states.iter().any(|s| s == "offline"), "said offline while connecting: {states:?}");
    }
    b.close().await;
}
