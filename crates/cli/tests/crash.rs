//! SIGKILL during `khabar ingest`, again and again: at seeded moments spread over the ingest's
//! duration, and on purpose while the index commits and while tantivy merges segments. After
//! every kill the archive opens, `khabar verify` finds it consistent (an index that lags its
//! record is noted, not a problem: the next writer catches it up), every article the record held
//! at an earlier check is still there, and searches answer with hits that resolve. The same
//! ingest, run to the end, then completes the archive: every record once, index == record.
//!
//! The moments are reproducible: the kill deadlines are a fixed-seed sequence of points in the
//! times ingests take on this machine (measured first), and the aimed kills wait for the log line
//! that announces a commit (khabar's own, `KHABAR_LOG=khabar_archive=debug`) or a merge
//! (tantivy's, through the `log` bridge). Where each kill landed is read afterwards from what the
//! process logged before it died, and printed (`cargo test --test crash -- --nocapture`).
#![cfg(unix)]

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;
use serde_json::json;

/// Records in the input: enough that a debug-build ingest takes some seconds.
const N: usize = 8_000;

/// Kills before the last (which waits for the record to be complete).
const KILLS: usize = 27;

/// Articles khabar stores per record transaction (`BATCH` in crates/archive/src/lib.rs): the
/// test's unit of progress, for its timing only.
const BATCH: usize = 1000;

/// The seed of every random choice in the test: change it to see other moments.
const SEED: u64 = 0x6b68_6162_6172; // "khabar"

/// What the ingest is told to log: khabar's commit lines and tantivy's indexer (merges).
const LOG_FILTER: &str = "warn,khabar_archive=debug,tantivy::indexer=debug";

/// khabar's line before an index commit, and after it (crates/archive/src/index.rs).
const COMMIT_START: &str = "committing the search index";
const COMMIT_END: &str = "committed the search index";
/// tantivy's lines when a merge starts and when it ends (tantivy's segment_updater.rs).
const MERGE_START: &str = "Starting merge";
const MERGE_END: &str = "End merge";
/// khabar's line when a writer indexes what the record holds beyond the index.
const CATCH_UP: &str = "indexing articles stored after the last index commit";

/// splitmix64: a small, fixed pseudo-random sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Writes the input once (records `rec-0` … `rec-{N-1}`, each with its own code word).
fn input(dir: &Path) -> PathBuf {
    let mut s = String::with_capacity(N * 600);
    for i in 0..N {
        s.push_str(&synthetic(i));
        s.push('\n');
    }
    let path = dir.join("wire.jsonl");
    std::fs::write(&path, s).unwrap();
    path
}

/// What a run's kill waits for, besides its deadline.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Aim {
    /// Only the deadline.
    Time,
    /// An index commit starting.
    Commit,
    /// A segment merge starting.
    Merge,
    /// The record holding every article.
    RecordComplete,
}

/// One run of the ingest and when to kill it.
#[derive(Clone, Copy, Debug)]
struct Plan {
    aim: Aim,
    /// Kill at the latest this long after the start.
    deadline: Duration,
    /// Once the aimed event is seen, wait this long before the kill.
    after_event: Duration,
}

/// What a killed run had done when it died, read from its log.
#[derive(Debug, Default)]
struct Landing {
    /// The process was still running when the signal was sent.
    running: bool,
    /// It died inside an index commit (a commit had started, not ended).
    in_commit: bool,
    /// A segment merge was under way.
    in_merge: bool,
    /// It died indexing what a killed run had stored (the catch-up, before its commit).
    in_catch_up: bool,
    /// Milliseconds from the start to the kill.
    at_ms: u128,
    /// The aimed event was seen.
    aimed: bool,
}

impl Landing {
    fn describe(&self) -> String {
        let mut s = Vec::new();
        if !self.running {
            s.push("after the ingest ended");
        }
        if self.in_commit {
            s.push("in an index commit");
        }
        if self.in_merge {
            s.push("in a segment merge");
        }
        if self.in_catch_up {
            s.push("in the catch-up indexing");
        }
        if s.is_empty() {
            s.push("reading, storing, indexing");
        }
        s.join(", ")
    }
}

fn spawn_ingest(data: &Path, input: &Path) -> Child {
    ingest_command(data, input)
        .env("KHABAR_LOG", LOG_FILTER)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .spawn()
        .expect("khabar ingest starts")
}

/// Articles in the record, read directly (a reader never waits for the writer); 0 before the
/// record exists.
fn record_count(data: &Path) -> u64 {
    let path = data.join("khabar.sqlite");
    if !path.exists() {
        return 0;
    }
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .map_or(0, |n| n as u64)
}

/// The ids the record holds.
fn record_ids(data: &Path) -> BTreeSet<String> {
    let conn = rusqlite::Connection::open_with_flags(
        data.join("khabar.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut st = conn.prepare("SELECT id FROM articles").unwrap();
    let ids = st
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    ids
}

/// Segments in the index's last commit (0 before there is one).
fn segments(data: &Path) -> usize {
    std::fs::read_to_string(data.join("index/meta.json"))
        .ok()
        .and_then(|m| serde_json::from_str::<serde_json::Value>(&m).ok())
        .and_then(|m| m["segments"].as_array().map(Vec::len))
        .unwrap_or(0)
}

/// Runs the ingest and kills it with SIGKILL as `plan` says; where it landed.
fn run_and_kill(data: &Path, input: &Path, plan: Plan) -> Landing {
    let mut child = spawn_ingest(data, input);
    let started = Instant::now();
    let stderr = child.stderr.take().unwrap();
    let (tx, lines) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).split(b'\n') {
            let Ok(line) = line else { break };
            if tx
                .send(String::from_utf8_lossy(&line).into_owned())
                .is_err()
            {
                break;
            }
        }
    });
    let event = match plan.aim {
        Aim::Time | Aim::RecordComplete => None,
        Aim::Commit => Some(COMMIT_START),
        Aim::Merge => Some(MERGE_START),
    };
    let mut log = Vec::new();
    let mut aimed = false;
    loop {
        let left = plan.deadline.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        let wait = if plan.aim == Aim::RecordComplete {
            left.min(Duration::from_millis(10))
        } else {
            left
        };
        match lines.recv_timeout(wait) {
            Ok(line) => {
                let hit = event.is_some_and(|e| line.contains(e));
                log.push(line);
                if hit {
                    std::thread::sleep(plan.after_event);
                    aimed = true;
                    break;
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            // The ingest closed its stderr: it ended.
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        if plan.aim == Aim::RecordComplete && record_count(data) == N as u64 {
            aimed = true;
            break;
        }
    }
    let at_ms = started.elapsed().as_millis();
    let running = child.try_wait().unwrap().is_none();
    // `Child::kill` sends SIGKILL on Unix.
    let _ = child.kill();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    log.extend(lines.try_iter());
    if !running {
        assert!(
            status.success(),
            "an ingest that ended on its own succeeded: {status}\n{}",
            log.join("\n")
        );
    }
    let count = |s: &str| log.iter().filter(|l| l.contains(s)).count();
    let in_commit = running && count(COMMIT_START) > count(COMMIT_END);
    Landing {
        running,
        in_commit,
        in_merge: running && count(MERGE_START) > count(MERGE_END),
        in_catch_up: running && count(CATCH_UP) > 0 && count(COMMIT_END) == 0 && !in_commit,
        at_ms,
        aimed,
    }
}

/// What must hold after a kill at any moment. `acknowledged`: the ids the record held at the
/// previous check, replaced by those it holds now. Returns the articles and indexed counts.
fn check_after_kill(
    data: &Path,
    when: &str,
    acknowledged: &mut BTreeSet<String>,
    rng: &mut Rng,
) -> (u64, u64) {
    if !data.join("khabar.sqlite").exists() {
        // Killed before the record was created: the archive does not exist yet, and khabar
        // says so plainly.
        assert!(acknowledged.is_empty(), "{when}: the record vanished");
        let out = khabar(data, ["stats", "--json"]);
        assert_ne!(out.code, Some(0), "{when}: {out:?}");
        assert!(out.stderr.contains("no archive"), "{when}: {}", out.stderr);
        return (0, 0);
    }
    // The archive opens.
    let out = khabar(data, ["stats", "--json"]);
    assert_eq!(out.code, Some(0), "{when}: the archive opens: {out:?}");
    let s = out.json();
    let articles = s["articles"].as_u64().unwrap();
    let indexed = s["indexed"].as_u64().unwrap();
    assert!(articles <= N as u64, "{when}: no record stored twice: {s}");
    assert!(
        indexed <= articles,
        "{when}: the index is never ahead of the record: {s}"
    );

    // `verify` finds it consistent: an index behind its record is a note, not a problem.
    let out = khabar(data, ["verify", "--json"]);
    let v = out.json();
    assert_eq!(out.code, Some(0), "{when}: verify: {v}\n{}", out.stderr);
    assert_eq!(v["problems"], json!([]), "{when}: {v}");
    assert_eq!(v["articles"], json!(articles), "{when}: {v}");
    assert_eq!(v["indexed"], json!(indexed), "{when}: {v}");
    if indexed < articles {
        assert!(
            v["notes"].to_string().contains("not indexed yet"),
            "{when}: verify notes the lag: {v}"
        );
    }

    // Every article the record held before is still there, once; nothing that is not in the
    // input is.
    let ids = record_ids(data);
    assert_eq!(ids.len() as u64, articles, "{when}");
    let lost: Vec<&String> = acknowledged.difference(&ids).collect();
    assert!(
        lost.is_empty(),
        "{when}: {} acknowledged article(s) lost, e.g. {:?}",
        lost.len(),
        &lost[..lost.len().min(5)]
    );
    for id in &ids {
        let i: usize = id
            .strip_prefix("rec-")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{when}: {id} is not an input id"));
        assert!(i < N, "{when}: {id}");
    }
    // A sample of them, through khabar: the first and the last acknowledged, and one at random.
    if !acknowledged.is_empty() {
        let numbered = |id: &String| id[4..].parse::<usize>().unwrap();
        let first = acknowledged.iter().min_by_key(|id| numbered(id)).unwrap();
        let last = acknowledged.iter().max_by_key(|id| numbered(id)).unwrap();
        let any = acknowledged
            .iter()
            .nth(rng.below(acknowledged.len() as u64) as usize)
            .unwrap();
        for id in [first, last, any] {
            let a = show(data, id).unwrap_or_else(|| panic!("{when}: {id} is shown"));
            assert_eq!(a["id"], json!(id), "{when}");
        }
    }
    *acknowledged = ids;

    // Every article mentions التنمية: the search answers, and its total is what the index
    // holds (no document indexed twice), with hits the record resolves.
    let out = khabar(data, ["search", "التنمية", "--json", "--limit", "3"]);
    assert_eq!(out.code, Some(0), "{when}: search answers: {out:?}");
    let results = out.json();
    assert_eq!(results["total"], json!(indexed), "{when}: {results}");
    for id in hit_ids(&results) {
        assert!(
            show(data, &id).is_some(),
            "{when}: hit {id} is in the record"
        );
    }
    (articles, indexed)
}

/// Checks that the archive holds every record exactly once, indexed.
fn check_complete(data: &Path, tmp: &Path) {
    let s = stats(data);
    assert_eq!(s["articles"], json!(N), "every record, once: {s}");
    assert_eq!(s["indexed"], json!(N), "index == record: {s}");
    let out = khabar(data, ["verify", "--json"]);
    out.expect_code(0);
    let v = out.json();
    assert_eq!(v["problems"], json!([]), "{v}");
    assert_eq!(v["notes"], json!([]), "{v}");

    let last = N - 1;
    let r = search(data, &code(last), &[]);
    assert_eq!(r["total"], json!(1), "{r}");
    assert_eq!(hit_ids(&r), [format!("rec-{last}")]);

    // A sample of records across the input, each found exactly once (aliases included: the
    // TREC run lists every id a hit stands for).
    let sample: Vec<usize> = (0..N).step_by(397).chain([1, N / 2, last]).collect();
    let topics: String = sample
        .iter()
        .map(|&i| format!("q{i}\t{}\n", code(i)))
        .collect();
    let batch = tmp.join("topics.tsv");
    std::fs::write(&batch, topics).unwrap();
    let run = tmp.join("run.txt");
    let (out, run) = common::batch(data, &batch, &run, &[]);
    out.expect_code(0);
    for i in sample {
        let lines: Vec<&str> = run
            .lines()
            .filter(|l| l.starts_with(&format!("q{i} ")))
            .collect();
        assert_eq!(lines.len(), 1, "q{i}: {lines:?}");
        assert_eq!(
            lines[0].split(' ').nth(2),
            Some(format!("rec-{i}").as_str())
        );
    }
}

/// How long the parts of an ingest take on this machine (debug or release, busy or not).
struct Timing {
    /// An ingest of the whole input into an empty archive.
    full: Duration,
    /// The same ingest again, every record a duplicate.
    dupes: Duration,
}

impl Timing {
    /// Storing one batch of new articles.
    fn batch(&self) -> Duration {
        self.full / N.div_ceil(BATCH) as u32
    }

    /// Re-reading what the record holds (`stored` articles) as duplicates.
    fn rereading(&self, stored: usize) -> Duration {
        self.dupes.mul_f64(stored as f64 / N as f64)
    }
}

/// The kills: a third of the runs aim at nothing but a deadline, a third at a commit and a
/// third at a merge (killed a seeded 0–10 ms after its line, or at the deadline when none comes).
/// The seeded numbers are drawn here, up front; [`deadline`] turns them into times.
fn plans(rng: &mut Rng) -> Vec<(Aim, f64, Duration)> {
    (0..KILLS)
        .map(|k| {
            let aim = match k % 3 {
                0 => Aim::Time,
                1 => Aim::Commit,
                _ => Aim::Merge,
            };
            (aim, rng.unit(), Duration::from_millis(rng.below(10)))
        })
        .collect()
}

/// When to kill a run at the latest, `u` in [0, 1) the run's seeded point: while the record is
/// incomplete, somewhere in re-reading what it holds and storing a batch or so more (each run
/// re-reads the input from the start, finding what is stored as duplicates, quickly), so that
/// the record grows slowly and most kills find work in progress; once it is complete, somewhere
/// in the re-reading. Runs that aim at an event wait longer for it.
fn deadline(timing: &Timing, stored: usize, aim: Aim, u: f64) -> Duration {
    let window = if stored < N {
        timing.rereading(stored) + timing.batch().mul_f64(1.5)
    } else {
        timing.dupes
    };
    match aim {
        Aim::Time => window.mul_f64(0.02 + 0.93 * u),
        Aim::Commit => window.mul_f64(0.6 + 0.6 * u),
        // A merge starts only once enough segments wait (tiny ones four at a time): give it
        // the whole run and more.
        Aim::Merge => window.mul_f64(1.2 + 0.8 * u),
        Aim::RecordComplete => timing.full * 3,
    }
}

#[test]
fn sigkill_at_many_moments_then_rerun_completes_without_duplicates() {
    let started = Instant::now();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("archive");
    let input = input(tmp.path());
    let mut rng = Rng(SEED);

    // How long ingests take here (debug or release, busy or not).
    let measure = tmp.path().join("measure");
    let t = Instant::now();
    ingest(&measure, &[&input]).expect_code(0);
    let full = t.elapsed();
    let t = Instant::now();
    ingest(&measure, &[&input]).expect_code(0);
    let timing = Timing {
        full,
        dupes: t.elapsed(),
    };
    std::fs::remove_dir_all(&measure).unwrap();
    eprintln!(
        "an ingest of {N} records: {:.1?}; again, all duplicates: {:.1?}",
        timing.full, timing.dupes
    );

    // Each run re-reads the input from the start (re-finding what is stored as duplicates),
    // after indexing what the killed run stored but had not indexed yet.
    let mut acknowledged = BTreeSet::new();
    let (mut running, mut in_commit, mut in_merge) = (0, 0, 0);
    let mut tally: std::collections::BTreeMap<String, usize> = Default::default();
    let mut planned = plans(&mut rng).into_iter();
    // One more run, once at most two batches are left to store, waits for the record to hold
    // every article and is killed then: most likely before its index commit is done.
    let mut record_complete = Some((Aim::RecordComplete, 1.0, Duration::ZERO));
    for k in 0.. {
        let left = N - acknowledged.len();
        let next = if left > 0 && left <= 2 * BATCH {
            record_complete.take().or_else(|| planned.next())
        } else {
            planned.next()
        };
        let Some((aim, u, after_event)) = next.or_else(|| record_complete.take()) else {
            break;
        };
        let plan = Plan {
            aim,
            deadline: deadline(&timing, acknowledged.len(), aim, u),
            after_event,
        };
        let landing = run_and_kill(&data, &input, plan);
        running += usize::from(landing.running);
        in_commit += usize::from(landing.in_commit);
        in_merge += usize::from(landing.in_merge);
        *tally.entry(landing.describe()).or_default() += 1;
        let when = format!(
            "kill {k} ({aim:?}{}) at {} ms of {} ms, {}",
            if landing.aimed { ", seen" } else { "" },
            landing.at_ms,
            plan.deadline.as_millis(),
            landing.describe()
        );
        let before = acknowledged.len();
        let (articles, indexed) = check_after_kill(&data, &when, &mut acknowledged, &mut rng);
        eprintln!(
            "{when}: {articles} articles (+{}), {indexed} indexed, {} segments",
            articles as usize - before,
            segments(&data)
        );
    }
    eprintln!(
        "kills: {running} while the ingest ran, {in_commit} in an index commit, {in_merge} in a \
         segment merge; by moment: {tally:?}"
    );
    assert!(
        running >= 20,
        "at least 20 kills must hit a running ingest ({running} did)"
    );
    assert!(in_commit >= 1, "no kill landed in an index commit");
    assert!(
        in_merge >= 1,
        "no kill landed in a segment merge (does tantivy still log {MERGE_START:?}?)"
    );

    // The same ingest, run to the end, completes the archive.
    let out = khabar(
        &data,
        [
            "ingest".as_ref(),
            "-q".as_ref(),
            "--json".as_ref(),
            input.as_os_str(),
        ],
    );
    out.expect_code(0);
    let summary = out.json();
    assert_eq!(summary["rejected"], json!([]));
    assert_eq!(
        summary["stored"].as_u64().unwrap() + summary["duplicates"].as_u64().unwrap(),
        N as u64,
        "{summary}"
    );
    assert_eq!(
        summary["duplicates"],
        json!(acknowledged.len()),
        "{summary}"
    );
    check_complete(&data, tmp.path());

    // And once more: nothing new.
    let (out, again) = ingest_json(&data, &[&input]);
    out.expect_code(0);
    assert_eq!(again["stored"], json!(0));
    assert_eq!(again["duplicates"], json!(N));
    eprintln!("crash test: {:.1?} in all", started.elapsed());
}
