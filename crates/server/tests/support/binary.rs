//! The real `tiendo serve` process, started the way `scripts/run.sh` starts it: no `RUST_LOG`
//! (the default log level), no test flags. Its stdout and stderr are read all the time, as a
//! terminal would, and kept for the test to look at.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running server, killed when dropped (also when the test fails).
pub struct Running {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    log: Arc<Mutex<String>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Copies everything `from` prints into `log` until it closes.
fn drain(from: impl Read + Send + 'static, log: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { break };
            let mut log = log.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            log.push_str(&line);
            log.push('\n');
        }
    });
}

impl Running {
    /// Starts `tiendo serve` on a free port over `dir/data`, serving `dir/dist`.
    pub fn spawn(dir: &Path) -> Self {
        Self::spawn_with(dir, &[])
    }

    /// The same with more options (`--store URL`).
    pub fn spawn_with(dir: &Path, more: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tiendo"))
            .args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(dir.join("data"))
            .arg("--dist")
            .arg(dir.join("dist"))
            .args(more)
            .env_remove("RUST_LOG")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn tiendo serve");
        let log = Arc::new(Mutex::new(String::new()));
        drain(child.stderr.take().expect("stderr"), log.clone());
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("read the address");
        let addr = line.trim().rsplit("http://").next().expect("address").to_owned();
        assert!(addr.starts_with("127.0.0.1:"), "unexpected first line {line:?}");
        drain(stdout, log.clone());
        Self { child, addr, log }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server printed so far (its log lines).
    pub fn log(&self) -> String {
        self.log.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Sends SIGTERM and waits up to `limit` for the process to end: how long it took, or
    /// `None` if it did not end.
    pub fn terminate(&mut self, limit: Duration) -> Option<Duration> {
        let started = Instant::now();
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().expect("kill");
        assert!(status.success(), "kill -TERM failed");
        while started.elapsed() < limit {
            if self.child.try_wait().expect("wait").is_some() {
                return Some(started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Kills the process with SIGKILL, as a pulled plug would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
