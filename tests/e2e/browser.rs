//! Headless Chromium driven over WebDriver by ChromeDriver, with the steps tests take in it.

use crate::{free_port, root};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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

    /// Chooses `value` in the `<select>` matching `css`, whose change makes the app load the page
    /// afresh (the plan selector), and waits until the new page shows `ready`: a navigation
    /// started before that would race the app's own.
    pub async fn select_and_wait_reload(&self, css: &str, value: &str, ready: &str) {
        self.client.execute("window.tiendoBeforeReload = true; return true", vec![]).await.expect("mark the page");
        self.select(css, value).await;
        self.wait_js(&format!("return !window.tiendoBeforeReload && document.querySelector({ready:?}) !== null")).await;
    }

    /// Types the day `iso` (`2026-07-15`) into the day field matching `css` as a clerk does: all
    /// of it selected, the day typed as Vietnamese documents write it (`15/07/2026`), then Enter.
    pub async fn set_date(&self, css: &str, iso: &str) {
        let [y, m, d] = iso.split('-').collect::<Vec<_>>()[..] else { panic!("not yyyy-mm-dd: {iso}") };
        self.type_day(css, &format!("{d}/{m}/{y}")).await;
    }

    /// Types `typed` over what the day field matching `css` holds (select all, type, Enter).
    pub async fn type_day(&self, css: &str, typed: &str) {
        const CONTROL: char = '\u{E009}';
        const RELEASE: char = '\u{E000}';
        const ENTER: char = '\u{E007}';
        self.type_into(css, &format!("{CONTROL}a{RELEASE}{typed}{ENTER}")).await;
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

/// One Chrome DevTools Protocol command, through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: serde_json::Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(serde_json::json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

impl Browser {
    /// The WASM memory of the page's modules (the start module's and the full module's) and of
    /// its engine, in bytes: what the memory budget counts with the JS heap. Panics if a module
    /// does not say (a bench must not print a part for the whole).
    pub async fn wasm_memory_bytes(&self) -> f64 {
        let js = "return (async () => window.wasmBindings.memory_bytes() + window.tiendoApp.memory_bytes() \
                  + await window.tiendoApp.engine_memory_bytes())()";
        let read = self.client.execute(js, vec![]).await.expect("the modules say their memory");
        read.as_f64().expect("a number of bytes")
    }

    /// Sends a Chrome DevTools Protocol command (`Network.setBlockedURLs`, a slow line, …).
    pub async fn cdp(&self, cmd: &'static str, params: serde_json::Value) {
        self.client.issue_cmd(Cdp { cmd, params }).await.unwrap_or_else(|e| panic!("{cmd}: {e}"));
    }
}
