//! Timings taken in rounds: the fastest is the figure (the least disturbed on a shared
//! machine), and every round is shown beside it.

use std::time::Duration;

pub fn fastest(times: &[Duration]) -> Duration {
    times.iter().copied().min().unwrap_or_default()
}

/// The rounds as a list, in milliseconds (`per_second` = 1e3) or seconds (1.0).
pub fn listed(times: &[Duration], per_second: f64) -> String {
    times.iter().map(|t| format!("{:.1}", t.as_secs_f64() * per_second)).collect::<Vec<_>>().join(", ")
}
