//! The HTTP server: the built app with the right cache headers and a strict CSP.

use crate::error::CliError;
use crate::store::DataDir;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use std::path::{Path, PathBuf};
use tower_http::services::{ServeDir, ServeFile};

/// Shared server state.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The data directory.
    pub data: DataDir,
    /// The built app.
    pub dist: PathBuf,
}

/// The content security policy: no inline scripts, WASM allowed, connections to self only.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

async fn headers(req: Request<axum::body::Body>, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // trunk names built files with a content hash: they never change, so cache them for a year.
    let hashed = path
        .rsplit('/')
        .next()
        .is_some_and(|f| f.contains('-') && (f.ends_with(".wasm") || f.ends_with(".js") || f.ends_with(".css")));
    let cache = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    res
}

/// The router: `/api/health`, then the app's files, with `index.html` for any other path
/// (client-side routes).
pub fn app(state: AppState) -> Router {
    let index = state.dist.join("index.html");
    let files = ServeDir::new(&state.dist).fallback(ServeFile::new(index));
    Router::new()
        .route("/api/health", get(|| async { "ok" }))
        .fallback_service(files)
        .layer(middleware::from_fn(headers))
        .with_state(state)
}

/// Serves until SIGTERM or Ctrl-C, finishing requests in flight.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

/// `tiendo serve`: creates the workspace if needed, then serves.
pub fn serve_blocking(addr: &str, data: &Path, dist: &Path) -> Result<(), CliError> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    if !dist.join("index.html").is_file() {
        return Err(CliError::NoDist(dist.to_owned()));
    }
    let dir = DataDir::new(data);
    if dir.init_builtin()? {
        tracing::info!(data = %data.display(), "created workspace with the built-in plan");
    }
    let state = AppState { data: dir, dist: dist.to_owned() };
    let rt = tokio::runtime::Runtime::new().map_err(CliError::io("tokio runtime"))?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| CliError::Listen { addr: addr.to_owned(), source })?;
        let local = listener.local_addr().map_err(CliError::io("socket"))?;
        tracing::info!(%local, "serving Tiến độ on http://{local}");
        println!("Tiến độ: http://{local}");
        serve(listener, state).await.map_err(CliError::io("server"))
    })
}
