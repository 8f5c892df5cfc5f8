//! The app's files compressed on the fly when `dist/` has no precompressed copy of them (a
//! `dist/` built by `trunk build` alone): 4.2 MB of WASM sent raw takes 22 s on a weak
//! provincial line, 6.4 s in brotli. Each file is compressed once, off the async threads, and
//! kept in memory for as long as it is unchanged on disk (the files are few and fixed).

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;
use tokio::sync::OnceCell;

/// How a body is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// The best one the request accepts, if any.
    fn accepted(req: &Request) -> Option<Encoding> {
        let accept = req.headers().get(header::ACCEPT_ENCODING)?.to_str().ok()?;
        let offers = |name: &str| {
            accept.split(',').any(|part| {
                let mut it = part.split(';');
                let token = it.next().unwrap_or_default().trim();
                let refused =
                    it.any(|p| matches!(p.trim().strip_prefix("q="), Some(q) if q.trim().parse::<f32>() == Ok(0.0)));
                token.eq_ignore_ascii_case(name) && !refused
            })
        };
        if offers("br") {
            Some(Encoding::Brotli)
        } else if offers("gzip") {
            Some(Encoding::Gzip)
        } else {
            None
        }
    }
    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        })
    }
    /// The suffix of the precompressed copy `scripts/precompress.sh` writes.
    fn suffix(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gz",
        }
    }
    fn compress(self, raw: &[u8]) -> std::io::Result<Vec<u8>> {
        match self {
            Encoding::Brotli => {
                let mut out = Vec::with_capacity(raw.len() / 3);
                // Quality 9 of 11: within a few percent of 11 on WASM, in a tenth of the time.
                let params = brotli::enc::BrotliEncoderParams { quality: 9, lgwin: 22, ..Default::default() };
                brotli::BrotliCompress(&mut &raw[..], &mut out, &params)?;
                Ok(out)
            }
            Encoding::Gzip => {
                let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                enc.write_all(raw)?;
                enc.finish()
            }
        }
    }
}

/// What a file on disk was when it was compressed: a change replaces the entry.
type Stamp = (SystemTime, u64);

/// One file's compressed bytes, made by the first request that needs them (the others wait);
/// `None` if the file could not be read.
type Slot = Arc<OnceCell<Option<Bytes>>>;

/// Compressed files, by path and encoding.
#[derive(Default)]
pub struct Compressed {
    cache: Mutex<HashMap<(PathBuf, Encoding), (Stamp, Slot)>>,
}

/// The file under `dist` a request path names, if it is a plain relative path (no `..`).
fn file_of(dist: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative.as_os_str().is_empty() || !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(dist.join(relative))
}

/// Kinds of files worth compressing (images and fonts are compressed already).
fn compressible(file: &Path) -> Option<&'static str> {
    match file.extension()?.to_str()? {
        "wasm" => Some("application/wasm"),
        "js" | "mjs" => Some("text/javascript"),
        "css" => Some("text/css"),
        "json" | "webmanifest" => Some("application/json"),
        "svg" => Some("image/svg+xml"),
        "txt" => Some("text/plain; charset=utf-8"),
        _ => None,
    }
}

/// What a file's metadata says of its content.
fn stamp_of(meta: &std::fs::Metadata) -> Stamp {
    (meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len())
}

/// Whether `scripts/precompress.sh` wrote a copy of `file` in this encoding.
async fn has_copy(file: &Path, encoding: Encoding) -> bool {
    let mut copy = file.as_os_str().to_owned();
    copy.push(".");
    copy.push(encoding.suffix());
    tokio::fs::try_exists(&copy).await.unwrap_or(false)
}

impl Compressed {
    /// Compresses in brotli, in the background, every file of `dist` a browser will ask for
    /// that has no copy, so that no first visitor waits for it (about a second for the WASM).
    pub fn prewarm(self: Arc<Self>, dist: PathBuf) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else { return };
        runtime.spawn(async move {
            let Ok(mut entries) = tokio::fs::read_dir(&dist).await else { return };
            while let Ok(Some(entry)) = entries.next_entry().await {
                let file = entry.path();
                if compressible(&file).is_none() || has_copy(&file, Encoding::Brotli).await {
                    continue;
                }
                if let Ok(meta) = entry.metadata().await {
                    let _ = self.get(&file, stamp_of(&meta), Encoding::Brotli).await;
                }
            }
        });
    }

    /// The compressed bytes of `file`, made once per content on disk.
    async fn get(&self, file: &Path, stamp: Stamp, encoding: Encoding) -> Option<Bytes> {
        let cell = {
            let mut cache = self.cache.lock().ok()?;
            let entry = cache.entry((file.to_owned(), encoding)).or_insert_with(|| (stamp, Arc::default()));
            if entry.0 != stamp {
                *entry = (stamp, Arc::default());
            }
            entry.1.clone()
        };
        let file = file.to_owned();
        cell.get_or_init(|| async move {
            let made = tokio::task::spawn_blocking(move || {
                let raw = std::fs::read(&file).ok()?;
                encoding.compress(&raw).ok().map(Bytes::from)
            });
            made.await.ok().flatten()
        })
        .await
        .clone()
    }
}

/// Answers a GET for a compressible file of `dist` that has no precompressed copy with its
/// compressed bytes, when the browser accepts them; everything else goes on to `ServeDir`.
pub async fn compress_on_the_fly(
    State((dist, compressed)): State<(Arc<PathBuf>, Arc<Compressed>)>,
    req: Request,
    next: Next,
) -> Response {
    let pass = req.method() != Method::GET || req.headers().contains_key(header::RANGE);
    let target = file_of(&dist, req.uri().path());
    let (Some(file), Some(encoding), false) = (target, Encoding::accepted(&req), pass) else {
        return next.run(req).await;
    };
    let Some(content_type) = compressible(&file) else { return next.run(req).await };
    let meta = tokio::fs::metadata(&file).await;
    let (Ok(meta), false) = (meta, has_copy(&file, encoding).await) else { return next.run(req).await };
    if !meta.is_file() {
        return next.run(req).await;
    }
    let Some(bytes) = compressed.get(&file, stamp_of(&meta), encoding).await else { return next.run(req).await };
    let mut res = Response::new(Body::from(bytes.clone()));
    *res.status_mut() = StatusCode::OK;
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_ENCODING, encoding.header());
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    res
}
