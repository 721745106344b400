//! What the benchmark reads from the machine: peak memory, CPU, load, the date, sizes on disk.
//! Linux-only where `/proc` is involved; elsewhere the values are reported as unknown.

use std::time::{SystemTime, UNIX_EPOCH};

/// A value of `/proc/self/status` in bytes (`VmHWM`, `VmRSS`…), if the file and key exist.
fn proc_status_bytes(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
    })?;
    let kb: u64 = line[key.len() + 1..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// The process's peak resident set size so far (`VmHWM`), in bytes.
pub fn peak_rss() -> Option<u64> {
    proc_status_bytes("VmHWM")
}

/// Resets the peak resident set size to the current one (Linux ≥ 4.0: writing `5` to
/// `/proc/self/clear_refs`), so that the next [`peak_rss`] is the peak of what runs after this.
/// Returns whether the reset worked.
pub fn reset_peak_rss() -> bool {
    let before = peak_rss();
    if std::fs::write("/proc/self/clear_refs", "5").is_err() {
        return false;
    }
    // A kernel that accepts the write but ignores the value leaves the peak where it was; only
    // a peak that went down (or equals the current RSS) proves the reset.
    match (before, peak_rss(), proc_status_bytes("VmRSS")) {
        (Some(b), Some(a), _) if a < b => true,
        (_, Some(a), Some(rss)) => a <= rss + 64 * 1024,
        _ => false,
    }
}

/// The CPU's model name, from `/proc/cpuinfo`.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Cores available to this process.
pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// The 1, 5 and 15 minute load averages (`/proc/loadavg`): how busy the shared machine was.
pub fn load_average() -> Option<String> {
    let s = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

/// The current UTC date and time, ISO 8601 (`2015-07-21T02:51:32Z`).
pub fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    iso_utc(secs)
}

/// Formats seconds since the Unix epoch as an ISO 8601 UTC date-time.
pub fn iso_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = khabar_text::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_437_447_092), "2015-07-21T02:51:32Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn reads_own_peak_rss_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(peak_rss().is_some_and(|b| b > 0));
        }
    }
}
