//! SIGKILL during `khabar ingest`, at many moments: the archive must still open, answer
//! searches with hits that resolve, never have its index ahead of its record, and complete
//! (every record once, index == record) when the same ingest is run again.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::json;

/// Records in the input: enough that a debug-build ingest takes a few seconds.
const N: usize = 30_000;

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

fn spawn_ingest(data: &Path, input: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
        .env_remove("KHABAR_DATA")
        .env_remove("KHABAR_LOG")
        .arg("--data")
        .arg(data)
        .args(["ingest", "-q"])
        .arg(input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("khabar ingest starts")
}

/// Kills `child` with SIGKILL; says whether it was still running.
fn sigkill(child: &mut Child) -> bool {
    let running = child.try_wait().unwrap().is_none();
    // `Child::kill` sends SIGKILL on Unix.
    let _ = child.kill();
    let _ = child.wait();
    running
}

/// What must hold after a kill at any moment.
fn check_after_kill(data: &Path, when: &str) -> (u64, u64) {
    if !data.join("khabar.sqlite").exists() {
        // Killed before the record was created: the archive does not exist yet, and khabar
        // says so plainly.
        let out = khabar(data, ["stats", "--json"]);
        assert_ne!(out.code, Some(0), "{when}: {out:?}");
        assert!(out.stderr.contains("no archive"), "{when}: {}", out.stderr);
        return (0, 0);
    }
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

    // Every article mentions التنمية: the search answers, and its total is what the index
    // holds (no document indexed twice).
    let out = khabar(data, ["search", "التنمية", "--json", "--limit", "5"]);
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

    let last = N - 1;
    let r = search(data, &code(last), &[]);
    assert_eq!(r["total"], json!(1), "{r}");
    assert_eq!(hit_ids(&r), [format!("rec-{last}")]);

    // A sample of records across the input, each found exactly once (aliases included: the
    // TREC run lists every id a hit stands for).
    let sample: Vec<usize> = (0..N).step_by(997).chain([1, N / 2, last]).collect();
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

#[test]
fn sigkill_at_many_moments_then_rerun_completes_without_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("archive");
    let input = input(tmp.path());

    // Each run re-reads the input from the start (re-finding what is stored as duplicates)
    // and first indexes what the killed run stored but had not indexed yet: the kills land
    // at start-up, in the catch-up, in storing and in indexing.
    let delays_ms = [5, 60, 400, 900, 1600, 2400, 3300];
    let mut last_articles = 0;
    let mut kills_while_running = 0;
    for (k, &ms) in delays_ms.iter().enumerate() {
        let mut child = spawn_ingest(&data, &input);
        std::thread::sleep(Duration::from_millis(ms));
        let killed = sigkill(&mut child);
        kills_while_running += usize::from(killed);
        let when = format!("kill {k} after {ms} ms (still running: {killed})");
        let (articles, indexed) = check_after_kill(&data, &when);
        eprintln!("{when}: {articles} articles, {indexed} indexed");
        assert!(
            articles >= last_articles,
            "{when}: what the record acknowledged stays ({articles} < {last_articles})"
        );
        last_articles = articles;
    }

    assert!(
        kills_while_running >= 3,
        "most kills must hit a running ingest ({kills_while_running} did)"
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
    assert_eq!(summary["duplicates"], json!(last_articles), "{summary}");
    check_complete(&data, tmp.path());

    // And once more: nothing new.
    let (out, again) = ingest_json(&data, &[&input]);
    out.expect_code(0);
    assert_eq!(again["stored"], json!(0));
    assert_eq!(again["duplicates"], json!(N));
}

/// A kill after the record holds everything but (most likely) before the index commit is
/// done: the next writer catches the index up.
#[test]
fn sigkill_after_the_record_is_complete_leaves_an_index_that_catches_up() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("archive");
    let input = input(tmp.path());

    let mut child = spawn_ingest(&data, &input);
    let started = Instant::now();
    // Poll the record (readers never wait for the writer) until it holds every article.
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        // A guard against a hung ingest, not a speed test: a debug build on a busy 2-core
        // machine takes a minute or more for these 30,000 articles.
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "ingest neither finished nor stored every article in 5 minutes"
        );
        if data.join("khabar.sqlite").exists() {
            let out = khabar(&data, ["stats", "--json"]);
            if out.code == Some(0) && out.json()["articles"] == json!(N) {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    sigkill(&mut child);
    let (articles, indexed) = check_after_kill(&data, "kill once the record is complete");
    assert_eq!(articles, N as u64);
    assert!(indexed <= articles);

    // A writer opening the archive indexes what the record holds beyond the index.
    let (out, summary) = ingest_json(&data, &[&input]);
    out.expect_code(0);
    assert_eq!(summary["stored"], json!(0));
    assert_eq!(summary["duplicates"], json!(N));
    check_complete(&data, tmp.path());
}
