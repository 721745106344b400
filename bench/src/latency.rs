//! Query latency: a distribution of per-query times, summarised.

use std::time::Duration;

use serde::Serialize;

/// Per-query latency over a run of queries, in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    /// Queries timed.
    pub queries: usize,
    /// Mean.
    pub mean_ms: f64,
    /// Median.
    pub p50_ms: f64,
    /// 90th percentile.
    pub p90_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Slowest query.
    pub max_ms: f64,
}

impl Latency {
    /// Summarises per-query durations (nearest-rank percentiles).
    pub fn of(durations: &[Duration]) -> Latency {
        let mut ms: Vec<f64> = durations.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        let n = ms.len();
        Latency {
            queries: n,
            mean_ms: if n == 0 {
                0.0
            } else {
                ms.iter().sum::<f64>() / n as f64
            },
            p50_ms: percentile(&ms, 0.50),
            p90_ms: percentile(&ms, 0.90),
            p99_ms: percentile(&ms, 0.99),
            max_ms: ms.last().copied().unwrap_or(0.0),
        }
    }
}

/// The nearest-rank `p` percentile (`p` in 0..=1) of sorted values; 0 when there are none.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=1000).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), 500.0);
        assert_eq!(percentile(&v, 0.99), 990.0);
        assert_eq!(percentile(&v, 1.0), 1000.0);
        assert_eq!(percentile(&[3.0], 0.99), 3.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }

    #[test]
    fn summary_of_durations() {
        let d: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let l = Latency::of(&d);
        assert_eq!(l.queries, 100);
        assert!((l.mean_ms - 50.5).abs() < 1e-9);
        assert!((l.p50_ms - 50.0).abs() < 1e-9);
        assert!((l.p99_ms - 99.0).abs() < 1e-9);
        assert!((l.max_ms - 100.0).abs() < 1e-9);
    }
}
