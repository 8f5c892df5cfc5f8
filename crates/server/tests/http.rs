//! The HTTP server on port 0 with a built app of its own making.

use base64::Engine;
use sha2::Digest;
use tiendo_server::serve::{serve, AppState};
use tiendo_server::store::DataDir;

const LOADER: &str = "\nimport init from '/app-0123abcd.js';\nawait init();\n";

async fn start() -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tmp");
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).expect("mkdir");
    std::fs::write(
        dist.join("index.html"),
        format!("<html><head><script type=\"module\">{LOADER}</script></head><body></body></html>"),
    )
    .expect("write");
    std::fs::write(dist.join("app-0123abcd.js"), "export default async function init() {}").expect("write");
    std::fs::write(dist.join("check-worker.js"), "self.onmessage = () => {};").expect("write");
    // What scripts/precompress.sh writes next to it (any bytes do for the test).
    std::fs::write(dist.join("app-0123abcd.js.br"), b"brotli bytes").expect("write");
    std::fs::write(dist.join("app-0123abcd.js.gz"), b"gzip bytes").expect("write");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let data = DataDir::new(dir.path().join("data"));
    data.init_builtin().expect("init");
    let state =
        AppState::start(tiendo_server::backend::Backend::Dir(data), dist, Default::default()).await.expect("state");
    tokio::spawn(serve(listener, state));
    (url, dir)
}

#[tokio::test]
async fn the_index_allows_exactly_its_own_inline_loader_by_hash_and_nothing_inline_else() {
    let (url, _dir) = start().await;
    let res = reqwest::get(format!("{url}/")).await.expect("get");
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"].to_str().expect("ascii").to_owned();
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(LOADER.as_bytes()));
    assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'")), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    let permissions = res.headers()["permissions-policy"].to_str().expect("ascii");
    assert!(permissions.contains("camera=()") && permissions.contains("geolocation=()"), "{permissions}");
}

#[tokio::test]
async fn hashed_files_are_cached_for_a_year_and_client_routes_get_the_index() {
    let (url, _dir) = start().await;
    let js = reqwest::get(format!("{url}/app-0123abcd.js")).await.expect("get");
    assert_eq!(js.status(), 200);
    assert_eq!(js.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert!(js.headers()["content-security-policy"].to_str().expect("ascii").contains("sha256-"));
    // A name with a dash but no hash changes in place: revalidated every time.
    let worker = reqwest::get(format!("{url}/check-worker.js")).await.expect("get");
    assert_eq!(worker.status(), 200);
    assert_eq!(worker.headers()["cache-control"], "no-cache");
    let route = reqwest::get(format!("{url}/task/3.4")).await.expect("get");
    assert_eq!(route.status(), 200);
    assert!(route.text().await.expect("body").contains("<script type=\"module\">"));
    let health = reqwest::get(format!("{url}/api/health")).await.expect("get");
    assert_eq!(health.text().await.expect("body"), "ok");
}

#[tokio::test]
async fn a_missing_file_of_the_app_is_a_404_that_no_cache_keeps_and_never_the_page() {
    let (url, _dir) = start().await;
    // The module a page from before an upgrade names, gone since.
    for path in ["/app-99999999abcdef00.js", "/app-99999999abcdef00_bg.wasm", "/main-0123456789abcdef.css"] {
        let res = reqwest::get(format!("{url}{path}")).await.expect("get");
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(!res.text().await.expect("body").contains("<script"), "{path} is not the page");
    }
    // A client-side route with a dot is still the page.
    let route = reqwest::get(format!("{url}/report/2020-Q1.5")).await.expect("get");
    assert_eq!(route.status(), 200);
}

#[tokio::test]
async fn precompressed_copies_go_to_browsers_that_accept_them_and_plain_files_to_others() {
    let (url, _dir) = start().await;
    let client = reqwest::Client::new();
    let get = |enc: &'static str| client.get(format!("{url}/app-0123abcd.js")).header("accept-encoding", enc).send();
    let br = get("gzip, deflate, br").await.expect("get");
    assert_eq!(br.headers().get("content-encoding").map(|v| v.to_str().expect("ascii")), Some("br"));
    assert_eq!(br.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(br.bytes().await.expect("body").as_ref(), b"brotli bytes");
    let gz = get("gzip").await.expect("get");
    assert_eq!(gz.headers().get("content-encoding").map(|v| v.to_str().expect("ascii")), Some("gzip"));
    let plain = get("identity").await.expect("get");
    assert!(plain.headers().get("content-encoding").is_none());
    assert!(plain.text().await.expect("body").contains("export default"));
}
