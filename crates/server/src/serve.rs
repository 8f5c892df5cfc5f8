//! The HTTP server: the built app with the right cache headers and a strict CSP.

pub use crate::app_state::AppState;
use crate::backend::{Backend, Place};
use crate::error::CliError;
use crate::store::DataDir;
use crate::sync::SyncLimits;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::path::{Path, PathBuf};
use tower_http::services::{ServeDir, ServeFile};

/// The content security policy for an index page: scripts from this origin and exactly the
/// inline scripts of `index_html` (trunk's loader), by hash; WASM allowed; nothing else.
pub fn csp_for(index_html: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let mut hashes = String::new();
    let mut rest = index_html;
    while let Some(open) = rest.find("<script") {
        let tag_end = match rest[open..].find('>') {
            Some(e) => open + e,
            None => break,
        };
        let tag = &rest[open..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else { break };
        if !tag.contains(" src=") {
            let digest = sha2::Sha256::digest(&rest.as_bytes()[body_start..body_start + close]);
            hashes.push_str(&format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &rest[body_start + close..];
    }
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
    )
}

/// The CSP of the current `index.html`, recomputed only when the file changes.
#[derive(Debug)]
struct CspCache {
    index: PathBuf,
    cached: std::sync::Mutex<Option<(std::time::SystemTime, HeaderValue)>>,
}

impl CspCache {
    fn current(&self) -> HeaderValue {
        let modified = std::fs::metadata(&self.index).and_then(|m| m.modified()).ok();
        let mut cached = self.cached.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let (Some(m), Some((at, value))) = (modified, cached.as_ref()) {
            if *at == m {
                return value.clone();
            }
        }
        let html = std::fs::read_to_string(&self.index).unwrap_or_default();
        let value =
            HeaderValue::from_str(&csp_for(&html)).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
        if let Some(m) = modified {
            *cached = Some((m, value.clone()));
        }
        value
    }
}

/// Whether a file name carries trunk's content hash (`name-<hex>.js`, `name-<hex>_bg.wasm`):
/// a name with a dash alone (`check-worker.js`) is not one.
fn is_hashed(file: &str) -> bool {
    let Some((stem, ext)) = file.rsplit_once('.') else { return false };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    matches!(ext, "js" | "wasm" | "css")
        && stem.rsplit_once('-').is_some_and(|(_, h)| h.len() >= 8 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether a path names one of the app's files (a script, a module, a style sheet, an image), not
/// a client-side route (`/task/3.4` has a dot too). One that is not there is a 404, never the
/// page in its place: a page from before an upgrade asks for the old module's name, and the page
/// under that name, sent as a hashed file, would be cached for a year (and by the service
/// worker) as if it were the module.
fn is_asset_path(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    file.rsplit_once('.').is_some_and(|(_, ext)| {
        matches!(ext, "js" | "mjs" | "wasm" | "css" | "map" | "svg" | "png" | "ico" | "woff" | "woff2" | "br" | "gz")
    })
}

/// Every response carries the CSP (a revalidated `304` page must allow the loader too).
async fn headers(
    axum::extract::State(csp): axum::extract::State<std::sync::Arc<CspCache>>,
    req: Request<axum::body::Body>,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let failed = res.status().is_client_error();
    let csp = csp.current();
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // No address of a page of ours (they name agencies and periods) goes to another site.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()",
        ),
    );
    // trunk names built files with a content hash: they never change, so cache them for a year.
    let hashed = path.rsplit('/').next().is_some_and(is_hashed) && !failed;
    let cache = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

/// The router: `/api/health`, then the app's files, with `index.html` for any other path
/// (client-side routes).
pub fn app(state: AppState) -> Router {
    let index = state.dist.join("index.html");
    // `scripts/precompress.sh` writes `.br` and `.gz` copies of the hashed files: sent to browsers
    // that accept them. The page has none (see the script).
    let page = ServeFile::new(index.clone());
    let page_or_nothing = tower::service_fn(move |req: Request<axum::body::Body>| {
        let page = page.clone();
        async move {
            if is_asset_path(req.uri().path()) {
                return Ok::<_, std::convert::Infallible>(axum::http::StatusCode::NOT_FOUND.into_response());
            }
            match tower::ServiceExt::oneshot(page, req).await {
                Ok(res) => Ok(res.into_response()),
                Err(never) => match never {},
            }
        }
    });
    let files = ServeDir::new(&state.dist).precompressed_br().precompressed_gzip().fallback(page_or_nothing);
    let compressed = std::sync::Arc::new(crate::compress::Compressed::default());
    compressed.clone().prewarm(state.dist.clone());
    Router::new()
        .route("/api/health", get(|| async { "ok" }))
        .route("/sync", get(crate::sync::socket::sync_socket))
        .route("/api/join", axum::routing::post(crate::join::join))
        .fallback_service(files)
        // A file without a precompressed copy (a dist/ built by `trunk build` alone) is
        // compressed here once and kept.
        .layer(middleware::from_fn_with_state(
            (std::sync::Arc::new(state.dist.clone()), compressed),
            crate::compress::compress_on_the_fly,
        ))
        .layer(middleware::from_fn_with_state(
            std::sync::Arc::new(CspCache { index, cached: std::sync::Mutex::new(None) }),
            headers,
        ))
        .with_state(state)
}

/// How long a client may take to send a request's headers, and to start the next request on a
/// kept-alive connection: half-open or idle HTTP connections are closed after it.
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Serves until SIGTERM or Ctrl-C. Nothing is acknowledged before it is on disk, so stopping
/// drops open connections without losing data; clients reconnect and resume.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let stop = shutdown_signal();
    let hub = state.hub.clone();
    let result = tokio::select! {
        r = accept(listener, app(state)) => r,
        () = stop => Ok(()),
    };
    hub.shutdown().await;
    result
}

/// Takes connections and serves each on its own task, with the peer's address for the handlers
/// (`ConnectInfo`) and a header-read timeout (`axum::serve` has none).
async fn accept(listener: tokio::net::TcpListener, app: Router) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(c) => c,
            Err(e) => {
                // Out of file descriptors, say: wait a little rather than spin.
                tracing::warn!(error = %e, "cannot accept a connection");
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let router = app.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |mut req: Request<hyper::body::Incoming>| {
                req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
                tower::ServiceExt::oneshot(router.clone(), req)
            });
            let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            builder.http1().timer(TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT);
            if let Err(e) = builder.serve_connection_with_upgrades(TokioIo::new(stream), service).await {
                tracing::debug!(%peer, error = %e, "connection ended");
            }
        });
    }
}

/// Resolves on SIGTERM or Ctrl-C. The handlers are installed when this is called, not when
/// first polled, so a signal that arrives right after start-up is not lost (and a parent that
/// ignores SIGTERM cannot make us ignore it).
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate());
    async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let term = async move {
            match term {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for SIGTERM");
                    std::future::pending::<()>().await;
                }
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! { () = ctrl_c => {}, () = term => {} }
        tracing::info!("shutting down");
    }
}

/// `tiendo serve`: creates the workspace if needed, then serves.
pub fn serve_blocking(
    addr: &str,
    place: Place<'_>,
    dist: &Path,
    limits: SyncLimits,
    log_json: bool,
) -> Result<(), CliError> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    // Logs go to stderr: stdout carries only what the command answers (the address line).
    // Colours only for a person at a terminal, not in a log file or a collector's pipe.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(ansi);
    if log_json {
        logs.json().init();
    } else {
        logs.init();
    }
    if !dist.join("index.html").is_file() {
        return Err(CliError::NoDist(dist.to_owned()));
    }
    // Held while serving: `tiendo file import` must not write under a running hub.
    let mut _lock = None;
    if let Place::Dir(data) = place {
        let dir = DataDir::new(data);
        let Some(lock) = dir.try_lock()? else { return Err(CliError::ServerRunning(data.to_owned())) };
        _lock = Some(lock);
        dir.recover()?;
        if dir.init_builtin()? {
            tracing::info!(data = %data.display(), "created workspace with the built-in plan");
        }
    }
    let rt = tokio::runtime::Runtime::new().map_err(CliError::io("tokio runtime"))?;
    rt.block_on(async {
        let backend = place.open().await?;
        if matches!(backend, Backend::Pg(_)) && backend.init_builtin().await? {
            tracing::info!("created workspace with the built-in plan in PostgreSQL");
        }
        let state = AppState::start(backend, dist.to_owned(), limits).await?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| CliError::Listen { addr: addr.to_owned(), source })?;
        let local = listener.local_addr().map_err(CliError::io("socket"))?;
        tracing::info!(%local, "serving Tiến độ on http://{local}");
        println!("Tiến độ: http://{local}");
        serve(listener, state).await.map_err(CliError::io("server"))
    })
}
