//! A throwaway PostgreSQL cluster, started by the test itself with Debian's `postgresql`
//! package (`scripts/tools.sh` installs it): `initdb` into a temporary folder, `pg_ctl start`
//! listening only on a socket in that folder, stopped (immediately) when dropped.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A running cluster.
pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// Names the socket file (`.s.PGSQL.PORT`); nothing listens on TCP.
    port: u16,
}

/// The newest installed PostgreSQL's programs.
fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("Debian's postgresql package (scripts/tools.sh installs it)")
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    found.sort();
    found.pop().expect("an initdb under /usr/lib/postgresql/*/bin")
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// Runs a PostgreSQL program; as root, as `nobody` (initdb and postgres refuse root).
fn run(bin: &Path, program: &str, args: &[&str]) {
    let path = bin.join(program);
    let out = if is_root() {
        Command::new("runuser").args(["-u", "nobody", "--"]).arg(&path).args(args).output()
    } else {
        Command::new(&path).args(args).output()
    }
    .expect("run a PostgreSQL program");
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Cluster {
    /// Makes and starts a cluster.
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("tmp");
        if is_root() {
            let ok = Command::new("chown").args(["-R", "nobody"]).arg(dir.path()).status().expect("chown");
            assert!(ok.success());
        }
        let bin = bin_dir();
        let data = dir.path().join("data");
        let data_s = data.to_str().expect("utf8");
        run(&bin, "initdb", &["-D", data_s, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"]);
        let port = 5432;
        let options = format!("-p {port} -k {} -c listen_addresses='' -c fsync=on", dir.path().display());
        let log = dir.path().join("log");
        run(&bin, "pg_ctl", &["-D", data_s, "-o", &options, "-l", log.to_str().expect("utf8"), "-w", "start"]);
        Self { dir, bin, port }
    }

    /// The address of database `db` in it (created if missing), as `--store` takes it.
    pub fn url(&self, db: &str) -> String {
        let socket = self.dir.path().display().to_string();
        let out = Command::new(self.bin.join("psql"))
            .args(["-h", &socket, "-p", &self.port.to_string(), "-U", "postgres", "-d", "postgres", "-Atc"])
            .arg(format!("CREATE DATABASE \"{db}\""))
            .output()
            .expect("psql");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() || said.contains("already exists"), "{said}");
        format!("host={socket} port={} user=postgres dbname={db}", self.port)
    }

    /// Stops the server as a crash would (`immediate`).
    pub fn stop(&self) {
        let data = self.dir.path().join("data");
        run(&self.bin, "pg_ctl", &["-D", data.to_str().expect("utf8"), "-m", "immediate", "-w", "stop"]);
    }

    /// Starts it again on the same data.
    pub fn start_again(&self) {
        let data = self.dir.path().join("data");
        let data_s = data.to_str().expect("utf8");
        let options = format!("-p {} -k {} -c listen_addresses=''", self.port, self.dir.path().display());
        let log = self.dir.path().join("log");
        run(&self.bin, "pg_ctl", &["-D", data_s, "-o", &options, "-l", log.to_str().expect("utf8"), "-w", "start"]);
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let path = self.bin.join("pg_ctl");
        let args = ["-D", data.to_str().unwrap_or_default(), "-m", "immediate", "-w", "stop"];
        let _ = if is_root() {
            Command::new("runuser").args(["-u", "nobody", "--"]).arg(&path).args(args).output()
        } else {
            Command::new(&path).args(args).output()
        };
    }
}
