//! Real parts for end-to-end tests: the `tiendo` binary on a free port with a fresh data
//! directory, and headless Chromium driven over WebDriver by ChromeDriver.

#[path = "sync_files.rs"]
pub mod sync_files;

use fantoccini::{Client, ClientBuilder};
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

/// ChromeDriver and a headless Chromium session with its own profile.
pub struct Browser {
    driver: Child,
    /// The WebDriver client.
    pub client: Client,
    profile: PathBuf,
    _owned_profile: Option<tempfile::TempDir>,
}

impl Browser {
    /// Starts ChromeDriver (`CHROMEDRIVER`, default `/usr/bin/chromedriver`) and a session with
    /// a fresh profile.
    pub async fn start() -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let path = profile.path().to_path_buf();
        let mut b = Browser::start_with_profile(&path).await;
        b._owned_profile = Some(profile);
        b
    }

    /// The same with a profile folder the caller keeps, so a later browser finds its data.
    pub async fn start_with_profile(profile: &std::path::Path) -> Browser {
        let port = free_port();
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts (apt-get install chromium-driver)");
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1366,768",
                    format!("--user-data-dir={}", profile.display()),
                ],
                // Files the app downloads (exports) land here, without asking.
                "prefs": {
                    "download.default_directory": profile.join("downloads").display().to_string(),
                    "download.prompt_for_download": false,
                }
            }
        });
        let caps = caps.as_object().cloned().expect("object");
        let started = Instant::now();
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("no WebDriver session: {e}"),
            }
        };
        Browser { driver, client, profile: profile.to_path_buf(), _owned_profile: None }
    }

    /// Waits until a download whose name ends with `suffix` is complete; returns its path.
    pub async fn wait_download(&self, suffix: &str) -> PathBuf {
        let dir = self.profile.join("downloads");
        let started = Instant::now();
        loop {
            let found = std::fs::read_dir(&dir).ok().and_then(|entries| {
                entries.flatten().map(|e| e.path()).find(|p| p.to_string_lossy().ends_with(suffix))
            });
            if let Some(path) = found {
                return path;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "no download *{suffix} in {}", dir.display());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Kills Chromium with SIGKILL, as a crash or a pulled plug would: no unload, no flush.
    pub fn kill_hard(mut self) {
        self.kill_processes();
    }

    fn kill_processes(&mut self) {
        let marker = format!("--user-data-dir={}", self.profile.display());
        if let Ok(dir) = std::fs::read_dir("/proc") {
            for entry in dir.flatten() {
                let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
                let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
                if String::from_utf8_lossy(&cmdline).split('\0').any(|a| a == marker) {
                    let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                }
            }
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }

    /// Joins the workspace served at `url` with an access code, as a person would on the start
    /// page, and waits for the Home page.
    pub async fn join(&self, url: &str, code: &str) {
        self.client.goto(&format!("{url}/start")).await.expect("open");
        self.wait_count("#join-code", 1).await;
        self.type_into("#join-code", code).await;
        self.click("#join-go").await;
        self.wait_count("#home-agency", 1).await;
    }

    /// First run in the demo workspace as `agency`, as a person does on the start page; waits
    /// for Home.
    pub async fn start_demo(&self, url: &str, agency: &str) {
        self.client.goto(url).await.expect("open");
        self.wait_count("#start-agency", 1).await;
        self.select("#start-agency", agency).await;
        self.click("#start-demo").await;
        self.wait_count("#home-agency", 1).await;
    }

    /// Waits until the service worker controls the page and its cache holds a file whose URL
    /// ends with `suffix`: from then on the page opens with the server gone.
    pub async fn wait_cached(&self, suffix: &str) {
        self.wait_js("return navigator.serviceWorker.controller !== null").await;
        self.wait_js(&format!(
            "const c = await caches.open('tiendo-shell-v1'); const k = await c.keys(); \
             return k.some(r => r.url.endsWith({suffix:?}));"
        ))
        .await;
    }

    /// Waits until `script` (a JS function body) returns `true`, or panics after 20 s.
    pub async fn wait_js(&self, script: &str) {
        let started = Instant::now();
        loop {
            let ok = self.client.execute(script, vec![]).await.ok().and_then(|v| v.as_bool()).unwrap_or(false);
            if ok {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(20), "never true: {script}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element's `value` equals `expected`, or panics with what it held.
    pub async fn wait_value(&self, css: &str, expected: &str) {
        self.wait_value_within(css, expected, Duration::from_secs(15)).await;
    }

    /// The same, waiting up to `limit`.
    pub async fn wait_value_within(&self, css: &str, expected: &str, limit: Duration) {
        let started = Instant::now();
        loop {
            let value = match self.client.find(fantoccini::Locator::Css(css)).await {
                Ok(e) => e.prop("value").await.ok().flatten().unwrap_or_default(),
                Err(_) => String::new(),
            };
            if value == expected {
                return;
            }
            assert!(started.elapsed() < limit, "{css}: expected {expected:?}, found {value:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types `text` into the first element matching `css`, key by key, as a person would.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.client.find(fantoccini::Locator::Css(css)).await.expect(css).send_keys(text).await.expect("type");
    }

    /// Chooses the file at `path` in the file input matching `css`, as a person picking it would.
    pub async fn choose_file(&self, css: &str, path: &std::path::Path) {
        let input = self.client.find(fantoccini::Locator::Css(css)).await.expect(css);
        input.send_keys(path.to_str().expect("utf8 path")).await.expect("choose file");
    }

    /// Chooses `value` in the `<select>` matching `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.client.find(fantoccini::Locator::Css(css)).await.expect(css).select_by_value(value).await.expect("choose");
    }

    /// Sets the date input matching `css` to `iso` (`2026-07-15`) as a date picker does: the value,
    /// then a `change` event (typing into a date input depends on the browser's locale).
    pub async fn set_date(&self, css: &str, iso: &str) {
        self.client
            .execute(
                "const i = document.querySelector(arguments[0]); i.value = arguments[1]; \
                 i.dispatchEvent(new Event('change', {bubbles: true})); return true",
                vec![serde_json::Value::String(css.into()), serde_json::Value::String(iso.into())],
            )
            .await
            .expect("set date");
    }

    /// Clicks the first element matching `css`, brought to the middle of the window first as a
    /// person scrolls to what they click (WebDriver would click it at the top edge, under the
    /// page's sticky header).
    pub async fn click(&self, css: &str) {
        let e = self.client.find(fantoccini::Locator::Css(css)).await.expect(css);
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'}); return true",
                vec![serde_json::to_value(&e).expect("element")],
            )
            .await;
        e.click().await.expect("click");
    }

    /// The `value` of the first element matching `css`.
    pub async fn value(&self, css: &str) -> String {
        let e = self.client.find(fantoccini::Locator::Css(css)).await.expect(css);
        e.prop("value").await.expect("value").unwrap_or_default()
    }

    /// Waits until `css` matches exactly `n` elements (or panics after 15 s with what it saw).
    pub async fn wait_count(&self, css: &str, n: usize) {
        let started = Instant::now();
        loop {
            let found = self.client.find_all(fantoccini::Locator::Css(css)).await.map(|v| v.len()).unwrap_or(0);
            if found == n {
                return;
            }
            assert!(started.elapsed() < Duration::from_secs(15), "{css}: expected {n}, found {found}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The text of the first element matching `css`. Found again if the page redrew it between
    /// finding and reading (sync redraws the office's pages while a test reads them).
    pub async fn text(&self, css: &str) -> String {
        for _ in 0..20 {
            let found = self.client.find(fantoccini::Locator::Css(css)).await.expect(css);
            match found.text().await {
                Ok(text) => return text,
                Err(e) if e.to_string().contains("stale element") => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("text of {css}: {e}"),
            }
        }
        panic!("{css} was redrawn each time it was read");
    }

    /// Runs the axe-core accessibility audit (from `tests/e2e/node_modules`, installed by
    /// `scripts/test.sh`; nothing is fetched) on the page as it is, and returns its violations
    /// of impact serious or critical, each as `rule (impact): selectors — help`.
    pub async fn axe_serious(&self) -> Vec<String> {
        let path = root().join("tests/e2e/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (scripts/test.sh installs axe-core with npm ci)", path.display()));
        self.client.execute(&source, vec![]).await.expect("inject axe-core");
        let script = "const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then((r) => done(r.violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')} — ${v.help}`)))
              .catch((e) => done([`axe failed: ${e}`]));";
        let found = self.client.execute_async(script, vec![]).await.expect("axe.run");
        found.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default()
    }

    /// Ends the session and ChromeDriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    /// A test that fails before `close` leaves no Chromium or ChromeDriver behind.
    fn drop(&mut self) {
        self.kill_processes();
    }
}
