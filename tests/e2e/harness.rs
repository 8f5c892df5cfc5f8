//! Real parts for end-to-end tests: the `tiendo` binary on a free port with a fresh data
//! directory, and headless Chromium driven over WebDriver by ChromeDriver.

#[path = "browser.rs"]
mod browser;
#[path = "sync_files.rs"]
pub mod sync_files;

pub use browser::Browser;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A copy of the built app (`TIENDO_DIST`, default `dist`) that a test may change, without the
/// files whose names start with one of `left_out`.
pub fn dist_copy(left_out: &[&str]) -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("dist copy");
    let built = std::env::var_os("TIENDO_DIST").map(PathBuf::from).unwrap_or_else(|| root().join("dist"));
    for entry in std::fs::read_dir(&built).expect("dist") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if !left_out.iter().any(|l| name.to_string_lossy().starts_with(l)) {
            std::fs::copy(entry.path(), copy.path().join(&name)).expect("copy");
        }
    }
    copy
}

/// A running `tiendo serve`, killed on drop.
pub struct Server {
    child: Child,
    bin: PathBuf,
    dist: PathBuf,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// Its data directory (deleted on drop).
    pub data: tempfile::TempDir,
    /// Its log (stderr), printed when a test fails.
    pub log: PathBuf,
    _logs: tempfile::TempDir,
}

impl Server {
    /// Starts the server built at `TIENDO_BIN` (default `$CARGO_TARGET_DIR/debug/tiendo`) serving `TIENDO_DIST`
    /// (default `dist`), on a port the OS picks.
    pub fn start() -> Server {
        let dist = std::env::var_os("TIENDO_DIST").map(PathBuf::from).unwrap_or_else(|| root().join("dist"));
        Server::start_serving(&dist)
    }

    /// The same, serving the built app from `dist`.
    pub fn start_serving(dist: &std::path::Path) -> Server {
        Server::start_on(dist, tempfile::tempdir().expect("temp dir"))
    }

    /// Starts the server on `data` laid out beforehand ([`sync_files::Province::lay_out`]),
    /// serving `dist`.
    pub fn start_on(dist: &std::path::Path, data: tempfile::TempDir) -> Server {
        let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
        let bin = std::env::var_os("TIENDO_BIN").map(PathBuf::from).unwrap_or_else(|| target.join("debug/tiendo"));
        assert!(bin.is_file(), "{} missing: build it first (scripts/test.sh does)", bin.display());
        assert!(
            dist.join("index.html").is_file(),
            "{} has no built app: run trunk build (scripts/test.sh does)",
            dist.display()
        );
        let logs = tempfile::tempdir().expect("log dir");
        let log = logs.path().join("server.log");
        let (child, url) = spawn(&bin, dist, data.path(), "127.0.0.1:0", &log);
        Server { child, bin, dist: dist.to_owned(), url, data, log, _logs: logs }
    }
}

/// Starts `tiendo serve` as `scripts/run.sh` does: the default log level (no `RUST_LOG`), no
/// test flags. Its log (stderr) goes to `log`, shown when a test fails; stdout is read to its end
/// after the address line, as a terminal would.
fn spawn(
    bin: &std::path::Path,
    dist: &std::path::Path,
    data: &std::path::Path,
    addr: &str,
    log: &std::path::Path,
) -> (Child, String) {
    let log = std::fs::OpenOptions::new().create(true).append(true).open(log).expect("server log");
    let mut child = Command::new(bin)
        .args(["serve", "--addr", addr, "--data"])
        .arg(data)
        .arg("--dist")
        .arg(dist)
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .expect("tiendo starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("tiendo prints its address");
    let url = line.trim().rsplit(' ').next().expect("url").to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "unexpected first line {line:?}");
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    (child, url)
}

impl Server {
    /// Starts the stopped server again on the same address and data (the browsers' origin and
    /// their stored data stay the same).
    pub fn restart(&mut self) {
        self.stop();
        let addr = self.url.trim_start_matches("http://").to_owned();
        let started = Instant::now();
        // The port was just freed; binding may take a moment.
        loop {
            if TcpListener::bind(&addr).is_ok() || started.elapsed() > Duration::from_secs(5) {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let (child, _) = spawn(&self.bin, &self.dist, self.data.path(), &addr, &self.log);
        self.child = child;
    }

    /// Joins a laptop that then works offline (`POST /api/join` over a plain socket) with the
    /// agency's current code and the laptop's public key; returns its device id.
    pub async fn join_device(&self, code: &str, public_key: &str) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let addr = self.url.trim_start_matches("http://");
        let body = serde_json::json!({ "code": code, "name": "laptop", "public_key": public_key }).to_string();
        let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
        let req = format!(
            "POST /api/join HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        s.write_all(req.as_bytes()).await.expect("send");
        let mut res = String::new();
        s.read_to_string(&mut res).await.expect("read");
        assert!(res.starts_with("HTTP/1.1 200"), "{res}");
        let json: serde_json::Value = serde_json::from_str(res.split("\r\n\r\n").nth(1).expect("body")).expect("json");
        json["device"].as_str().expect("device").to_owned()
    }

    /// Issues an access code for `agency` with the CLI, as the provincial office does.
    pub fn code(&self, agency: &str) -> String {
        let out = Command::new(&self.bin)
            .args(["agency", "code", agency, "--data"])
            .arg(self.data.path())
            .output()
            .expect("tiendo agency code");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines().next().and_then(|l| l.rsplit(' ').next()).expect("a code").to_owned()
    }

    /// Runs `tiendo ARGS --data <this server's data>` (stop the server first for commands that
    /// write); returns stdout, panicking with stderr on failure.
    pub fn cli(&self, args: &[&str]) -> String {
        let out = Command::new(&self.bin).args(args).arg("--data").arg(self.data.path()).output().expect("tiendo runs");
        assert!(out.status.success(), "tiendo {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The server process's resident memory in KB, from `/proc` (`None` where there is none).
    pub fn rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// Stops the server (the network is gone, as far as the browser can tell).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            eprintln!("--- the server's last log lines ---");
            for line in tail.iter().rev() {
                eprintln!("{line}");
            }
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}
