//! A process's resident memory as Linux reports it, for the benches and the tests that print the
//! server's footprint (the goal: under 300 MB with 1,000 clients).

/// Resident set size of process `pid` in MB, from `/proc/PID/status`; 0 where it cannot be read.
pub fn resident_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}
