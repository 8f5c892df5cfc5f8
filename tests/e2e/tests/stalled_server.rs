//! A weak line: the server (or a link on the way) accepts the connection and then never answers.
//! After one visit, the app must still open, from the service worker's cache, within seconds.

use std::net::TcpListener;
use std::time::{Duration, Instant};
use tiendo_e2e::{Browser, Server};

/// Accepts every connection on `addr`, writes `first` (perhaps nothing) and then nothing more;
/// the sockets stay open while the test runs.
fn stall(addr: &str, first: &'static [u8]) {
    let started = Instant::now();
    let listener = loop {
        match TcpListener::bind(addr) {
            Ok(l) => break l,
            Err(e) if started.elapsed() < Duration::from_secs(5) => {
                let _ = e;
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => panic!("cannot take over {addr}: {e}"),
        }
    };
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for mut stream in listener.incoming().flatten() {
            let _ = std::io::Write::write_all(&mut stream, first);
            held.push(stream);
        }
    });
}

/// After one visit, the server is replaced by a stalled one on the same address, and the app is
/// opened again: it must be on screen within 5 s.
async fn reopens_within_five_seconds(first: &'static [u8]) {
    let mut server = Server::start();
    let b = Browser::start().await;
    b.client.goto(&server.url).await.expect("open");
    b.wait_count("#start-agency", 1).await;
    b.select("#start-agency", "so-y-te").await;
    b.click("#start-demo").await;
    b.wait_count("#home-agency", 1).await;
    b.wait_cached(".wasm").await;

    server.stop();
    stall(server.url.trim_start_matches("http://"), first);
    // Leave the page first, so that nothing of it can be taken for the reopened app.
    b.client.goto("about:blank").await.expect("blank");
    // A blank page never finishes loading: fail after 15 s, not WebDriver's 300.
    let timeouts = fantoccini::wd::TimeoutConfiguration::new(None, Some(Duration::from_secs(15)), None);
    b.client.update_timeouts(timeouts).await.expect("page load timeout");
    let started = Instant::now();
    b.client.goto(&server.url).await.expect("the app opens on a stalled line (a blank page never loads)");
    b.wait_count("#home-agency", 1).await;
    let took = started.elapsed();
    eprintln!("the app opened on a stalled line ({} bytes answered) in {took:?}", first.len());
    assert!(took < Duration::from_secs(5), "the app took {took:?} to open on a stalled line");
    assert_eq!(b.text("#home-agency").await, "Sở Y tế");
    b.close().await;
}

#[tokio::test]
async fn the_app_opens_from_the_cache_within_five_seconds_when_the_server_accepts_and_never_answers() {
    reopens_within_five_seconds(b"").await;
}

#[tokio::test]
async fn the_app_opens_from_the_cache_within_five_seconds_when_the_page_starts_and_never_ends() {
    reopens_within_five_seconds(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 100000\r\n\r\n<!DOCTYPE html><html><head>",
    )
    .await;
}
