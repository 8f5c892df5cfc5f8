//! The real `tiendo serve` over a `dist/` built by `trunk build` alone (no precompressed copies):
//! the app's files still go out compressed to browsers that accept it, and as they are to others.

mod support;

use std::io::Read;
use support::binary::Running;
use support::prepare;

/// Bytes shaped like a WASM module: repetitive, but not trivially.
fn wasm_like(len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    let mut x: u32 = 7;
    while out.len() < len {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let word = [b"local.get ".as_slice(), b"i32.add ", b"call ", b"br_if "][(x >> 16) as usize % 4];
        out.extend_from_slice(word);
        out.push(b'0' + (x % 10) as u8);
    }
    out.truncate(len);
    out
}

async fn get(addr: &str, path: &str, accept: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("http://{addr}{path}"))
        .header("accept-encoding", accept)
        .send()
        .await
        .expect("get")
}

fn encoding(res: &reqwest::Response) -> Option<String> {
    res.headers().get("content-encoding").map(|v| v.to_str().expect("ascii").to_owned())
}

#[tokio::test]
async fn a_dist_without_precompressed_copies_is_sent_compressed_once_made_and_raw_to_who_refuses() {
    let (dir, _) = prepare(&[]);
    let wasm = wasm_like(2 << 20);
    std::fs::write(dir.path().join("dist/tiendo-app-0123456789abcdef_bg.wasm"), &wasm).expect("write");
    std::fs::write(dir.path().join("dist/sw.js"), "self.addEventListener('fetch', () => {});".repeat(50))
        .expect("write");
    let server = Running::spawn(dir.path());
    let path = "/tiendo-app-0123456789abcdef_bg.wasm";

    let br = get(&server.addr, path, "gzip, deflate, br, zstd").await;
    assert_eq!(br.status(), 200);
    assert_eq!(encoding(&br).as_deref(), Some("br"));
    assert_eq!(br.headers()["content-type"], "application/wasm");
    assert_eq!(br.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(br.headers()["vary"], "accept-encoding");
    let body = br.bytes().await.expect("body");
    println!("{} bytes of WASM sent as {} bytes of brotli", wasm.len(), body.len());
    assert!(body.len() < wasm.len() / 3);
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut body.as_ref(), &mut plain).expect("brotli");
    assert_eq!(plain, wasm);
    // The second answer is the kept copy: the same bytes.
    let again = get(&server.addr, path, "br").await.bytes().await.expect("body");
    assert_eq!(again, body);

    let gz = get(&server.addr, path, "gzip").await;
    assert_eq!(encoding(&gz).as_deref(), Some("gzip"));
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(gz.bytes().await.expect("body").as_ref()).read_to_end(&mut plain).expect("gzip");
    assert_eq!(plain, wasm);

    for refuses in ["identity", "br;q=0, gzip;q=0"] {
        let raw = get(&server.addr, path, refuses).await;
        assert_eq!(encoding(&raw), None, "{refuses}");
        assert_eq!(raw.bytes().await.expect("body").len(), wasm.len());
    }
    // Files that are not hashed keep being revalidated; the page is left to ServeDir.
    let sw = get(&server.addr, "/sw.js", "br").await;
    assert_eq!(
        (encoding(&sw).as_deref(), sw.headers()["cache-control"].to_str().expect("ascii")),
        (Some("br"), "no-cache")
    );
    let page = get(&server.addr, "/", "br").await;
    assert_eq!(page.status(), 200);
    // No path leaves dist/.
    assert_ne!(get(&server.addr, "/../data/device.json", "br").await.status(), 500);
}
