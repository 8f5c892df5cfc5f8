//! Timing for the native benches: the median of five runs of a step, printed with its label.

use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Runs `f` five times, prints the median in ms after `label` padded to `width`, and returns
/// the last result.
pub fn time<T>(label: &str, width: usize, mut f: impl FnMut() -> T) -> T {
    let mut runs = Vec::new();
    let mut out = None;
    for _ in 0..5 {
        let t = Instant::now();
        out = Some(f());
        runs.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("{label:<width$} {:>9.1} ms", median(runs));
    out.expect("ran five times")
}
