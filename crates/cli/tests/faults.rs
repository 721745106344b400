//! Faults the archive must survive without losing an article: a damaged search index (a
//! segment file deleted, another truncated) is found by `verify` and rebuilt by `reindex`;
//! a disk that fills up during an ingest stops it with a clear error, leaves the archive
//! consistent, and the same ingest run again once there is room stores the rest, once.
//!
//! (`tests/verify.rs` truncates a term index of the real fixture; here the faults hit a
//! synthetic archive of several segments, and every article is checked after the repair.)
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use serde_json::{json, Value};

/// A batch of one query per record (`q{i}` → its code word).
fn topics(dir: &Path, n: usize) -> PathBuf {
    let s: String = (0..n).map(|i| format!("q{i}\t{}\n", code(i))).collect();
    let path = dir.join("topics.tsv");
    std::fs::write(&path, s).unwrap();
    path
}

/// Checks a TREC run of [`topics`]: every record found by its code word, exactly once.
#[track_caller]
fn assert_every_record_found_once(run: &str, n: usize) {
    let mut hits: Vec<Vec<&str>> = vec![Vec::new(); n];
    for line in run.lines() {
        let mut cols = line.split(' ');
        let (Some(q), Some(id)) = (cols.next(), cols.nth(1)) else {
            panic!("not a run line: {line:?}")
        };
        let i: usize = q.trim_start_matches('q').parse().expect("q{i}");
        hits[i].push(id);
    }
    for (i, ids) in hits.iter().enumerate() {
        assert_eq!(ids, &[format!("rec-{i}")], "q{i}");
    }
}

/// Every one of the `n` records is in the archive, indexed, and found.
#[track_caller]
fn assert_every_article(data: &Path, tmp: &Path, n: usize) {
    let s = stats(data);
    assert_eq!(s["articles"], json!(n), "{s}");
    assert_eq!(s["indexed"], json!(n), "{s}");
    let (out, run) = batch(data, &topics(tmp, n), &tmp.join("run.txt"), &[]);
    out.expect_code(0);
    assert_every_record_found_once(&run, n);
}

/// The index's segment files with extension `ext`, largest first.
fn segment_files(data: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).unwrap().len()));
    files
}

/// `verify --json` finds a problem naming `file`, exit code 4; `reindex` rebuilds; `verify`
/// passes again and no article is lost.
#[track_caller]
fn found_then_repaired(data: &Path, tmp: &Path, n: usize, file: &Path, what: &str) {
    let out = khabar(data, ["verify", "--json"]);
    assert_eq!(out.code, Some(4), "{what}: {out:?}");
    let problems = out.json()["problems"].to_string();
    let name = file.file_name().unwrap().to_string_lossy();
    let segment = name.split('.').next().unwrap();
    assert!(
        problems.contains("search index") && problems.contains(segment),
        "{what}: the problem names the index and the segment {segment}: {problems}"
    );
    let out = khabar(data, ["reindex"]);
    out.expect_code(0);
    assert!(
        out.stderr.contains(&format!("{n} articles")),
        "{}",
        out.stderr
    );
    let out = khabar(data, ["verify", "--json"]);
    assert_eq!(out.code, Some(0), "{what}, after reindex: {out:?}");
    assert_every_article(data, tmp, n);
}

#[test]
fn a_deleted_or_truncated_segment_file_is_found_and_rebuilt_without_loss() {
    const N: usize = 3_000;
    let (tmp, data) = scratch();
    // Three ingests: three index commits, so more than one segment.
    for part in 0..3 {
        let file = synthetic_file(
            tmp.path(),
            &format!("part-{part}.jsonl"),
            part * 1000..(part + 1) * 1000,
        );
        ingest(&data, &[&file]).expect_code(0);
    }
    khabar(&data, ["verify"]).expect_code(0);
    assert_every_article(&data, tmp.path(), N);
    assert!(segment_files(&data, "term").len() > 1, "several segments");

    // (a) A segment's term dictionary deleted.
    let victim = segment_files(&data, "term").pop().unwrap();
    std::fs::remove_file(&victim).unwrap();
    // A search cannot open an index with a file missing, and says what repairs it.
    let out = khabar(&data, ["search", "التنمية"]);
    assert_ne!(out.code, Some(0), "{out:?}");
    assert!(
        out.stderr.contains("khabar reindex"),
        "the error names the repair: {}",
        out.stderr
    );
    found_then_repaired(&data, tmp.path(), N, &victim, "a deleted .term file");

    // (b) A segment's positions truncated to half.
    let victim = segment_files(&data, "pos").remove(0);
    let len = std::fs::metadata(&victim).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&victim)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    found_then_repaired(&data, tmp.path(), N, &victim, "a truncated .pos file");
}

/// How the test can mount a small file system of its own: a command prefix under which
/// `mount -t tmpfs` works (a user and mount namespace, which needs no root; or, as root, a
/// mount namespace), or `None`.
fn namespace_prefix(probe_dir: &Path) -> Option<Vec<&'static str>> {
    let candidates: [&[&'static str]; 2] = [
        &["unshare", "--user", "--map-root-user", "--mount"],
        &["unshare", "--mount"],
    ];
    candidates.into_iter().find_map(|prefix| {
        let ok = Command::new(prefix[0])
            .args(&prefix[1..])
            .args(["sh", "-c", "mount -t tmpfs -o size=1M tmpfs \"$1\"", "sh"])
            .arg(probe_dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| prefix.to_vec())
    })
}

/// Records of the disk-full test.
const FULL_N: usize = 3_000;
/// The small file system: room for a part of the archive of [`FULL_N`] records.
const SMALL: &str = "6M";
/// The room made afterwards.
const LARGE: &str = "256M";

/// The whole disk-full scenario, in one shell inside a private mount namespace (the tmpfs goes
/// away with it): the outputs go to files outside it.
const SCENARIO: &str = r#"
set -u
mount -t tmpfs -o "size=$SMALL" tmpfs "$MNT" || exit 90
A="$MNT/archive"
run() { name=$1; shift; "$KHABAR" --data "$A" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"; echo $? >"$OUT/$name.code"; }
run ingest1 ingest -q --json "$INPUT"
df -k "$MNT" >"$OUT/df1.txt"
run stats1 stats --json
run verify1 verify --json
run search1 search --json --limit 5 التنمية
mount -o remount,"size=$LARGE" "$MNT" || exit 91
run ingest2 ingest -q --json "$INPUT"
run verify2 verify --json
run stats2 stats --json
run batch2 search --batch "$TOPICS" --run "$OUT/run.txt"
exit 0
"#;

/// What one command of the scenario left: exit code, stdout, stderr.
fn step(out: &Path, name: &str) -> (i32, String, String) {
    let read = |ext: &str| std::fs::read_to_string(out.join(format!("{name}.{ext}"))).unwrap();
    let code = read("code").trim().parse().unwrap();
    (code, read("out"), read("err"))
}

fn json_of(s: &str, what: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {s}"))
}

#[test]
fn a_full_disk_stops_the_ingest_cleanly_and_the_rerun_completes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("small-disk");
    let out = tmp.path().join("out");
    std::fs::create_dir(&mnt).unwrap();
    std::fs::create_dir(&out).unwrap();

    let Some(prefix) = namespace_prefix(&mnt) else {
        let msg = "cannot mount a small file system here (neither user namespaces nor root): \
                   the disk-full test did not run";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}");
        }
        eprintln!("\n!!!!!!!! SKIPPED: {msg} !!!!!!!!\n");
        return;
    };

    let input = synthetic_file(tmp.path(), "wire.jsonl", 0..FULL_N);
    let topics = topics(tmp.path(), FULL_N);
    let status = Command::new(prefix[0])
        .args(&prefix[1..])
        .args(["sh", "-c", SCENARIO])
        .env("KHABAR", env!("CARGO_BIN_EXE_khabar"))
        .env_remove("KHABAR_DATA")
        .env_remove("KHABAR_LOG")
        .env("MNT", &mnt)
        .env("OUT", &out)
        .env("INPUT", &input)
        .env("TOPICS", &topics)
        .env("SMALL", SMALL)
        .env("LARGE", LARGE)
        .status()
        .expect("the scenario runs");
    assert_eq!(status.code(), Some(0), "the scenario's mounts");

    // The disk filled in the middle of the ingest: it stopped with an error that names the
    // cause and says what became of the articles.
    let (code, stdout, stderr) = step(&out, "ingest1");
    assert_ne!(code, 0, "a full disk is a failure: {stdout} {stderr}");
    assert!(
        stderr.contains("disk is full") || stderr.contains("No space left"),
        "the error names the full disk: {stderr}"
    );
    assert!(
        stderr.contains("kept") && stderr.contains("again"),
        "the error says what was stored is kept and to run the ingest again: {stderr}"
    );
    let (code, s, err) = step(&out, "stats1");
    assert_eq!(code, 0, "the full archive opens: {err}");
    let s = json_of(&s, "stats1");
    let stored = s["articles"].as_u64().unwrap();
    let indexed = s["indexed"].as_u64().unwrap();
    eprintln!("disk full after {stored} articles ({indexed} indexed)");
    assert!(
        stored > 0 && stored < FULL_N as u64,
        "the disk filled mid-ingest: {s}"
    );
    assert!(
        indexed <= stored,
        "the index is never ahead of the record: {s}"
    );

    // Consistent: the record is sound and the index holds nothing the record lacks (it may
    // lag behind it, which `verify` notes: the next writer indexes the rest).
    let (code, v, err) = step(&out, "verify1");
    assert_eq!(
        code, 0,
        "the archive is consistent on the full disk: {v} {err}"
    );
    let v = json_of(&v, "verify1");
    assert_eq!(v["problems"], json!([]), "{v}");
    assert_eq!(v["articles"], json!(stored), "{v}");
    assert_eq!(v["indexed"], json!(indexed), "{v}");
    // And it answers searches with hits that exist.
    let (code, r, err) = step(&out, "search1");
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_of(&r, "search1")["total"], json!(indexed));

    // With room again, the same ingest stores the rest, and nothing twice.
    let (code, summary, err) = step(&out, "ingest2");
    assert_eq!(code, 0, "{err}");
    let summary = json_of(&summary, "ingest2");
    assert_eq!(summary["rejected"], json!([]), "{summary}");
    assert_eq!(summary["duplicates"], json!(stored), "{summary}");
    assert_eq!(
        summary["stored"],
        json!(FULL_N as u64 - stored),
        "{summary}"
    );
    let (code, v, err) = step(&out, "verify2");
    assert_eq!(code, 0, "verify after the re-run: {v} {err}");
    let v = json_of(&v, "verify2");
    assert_eq!(v["articles"], json!(FULL_N), "{v}");
    assert_eq!(v["indexed"], json!(FULL_N), "{v}");
    let (code, _, err) = step(&out, "batch2");
    assert_eq!(code, 0, "{err}");
    let run = std::fs::read_to_string(out.join("run.txt")).unwrap();
    assert_every_record_found_once(&run, FULL_N);
}
