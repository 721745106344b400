//! `khabar backup`: copies taken while an ingest runs in another process are complete archives
//! (they open, verify, hold at least what the source had acknowledged, and answer searches
//! with hits that resolve); a destination that is not empty is refused and left alone.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

/// Records stored before the concurrent ingest starts, so that the source has a committed,
/// non-empty index to copy.
const BASE: usize = 2_000;
/// Records of the concurrent ingest (`rec-BASE` …): enough that a debug build is still
/// ingesting when the last backup finishes.
const N: usize = 40_000;

fn spawn_ingest(data: &Path, input: &Path) -> Child {
    ingest_command(data, input)
        .stderr(Stdio::null())
        .spawn()
        .expect("khabar ingest starts")
}

/// Nothing half-made (a `DEST.partial-PID` directory) is left in `dir`.
#[track_caller]
fn assert_no_partial_copy(dir: &Path) {
    let leftovers: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn running(child: &mut Child) -> bool {
    child.try_wait().unwrap().is_none()
}

/// Articles in the record now (a reader: never waits for the writer).
fn acknowledged(data: &Path) -> u64 {
    articles(data)
}

/// Waits until the record holds more than `than` articles, or the ingest has ended.
fn wait_for_more(data: &Path, than: u64, child: &mut Child) {
    let started = Instant::now();
    while running(child) && acknowledged(data) <= than {
        // A guard against a hung ingest, not a speed test.
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the ingest stored nothing new in 5 minutes"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// What must hold of a copy taken when the source had acknowledged `acked` articles.
fn check_copy(copy: &Path, acked: u64, report: &Value, when: &str) {
    let out = khabar(copy, ["verify", "--json"]);
    assert_eq!(out.code, Some(0), "{when}: the copy verifies: {out:?}");
    let v = out.json();
    let articles = v["articles"].as_u64().unwrap();
    assert!(
        articles >= acked,
        "{when}: the copy holds what the source had acknowledged ({articles} < {acked})"
    );
    assert_eq!(v["indexed"], json!(articles), "{when}: {v}");
    assert_eq!(report["articles"], json!(articles), "{when}: {report}");
    assert_eq!(stats(copy)["articles"], json!(articles), "{when}");

    // Records are stored in input order, so the copy holds rec-0 … rec-(articles-1); the
    // newest of them, and the first, are found by their code word and shown.
    for i in [0, articles as usize - 1] {
        let r = search(copy, &code(i), &[]);
        assert_eq!(hit_ids(&r), [format!("rec-{i}")], "{when}: {r}");
        let shown = show(copy, &format!("rec-{i}")).expect("the hit is in the copy's record");
        assert!(shown.to_string().contains(&code(i)), "{when}: {shown}");
    }
    // Every article mentions التنمية: the copy's index holds each once, and hits resolve.
    let out = khabar(copy, ["search", "التنمية", "--json", "--limit", "10"]);
    out.expect_code(0);
    let r = out.json();
    assert_eq!(r["total"], json!(articles), "{when}: {r}");
    for id in hit_ids(&r) {
        assert!(show(copy, &id).is_some(), "{when}: hit {id} resolves");
    }
}

#[test]
fn backups_taken_during_an_ingest_are_complete_archives() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("archive");
    let base = synthetic_file(tmp.path(), "base.jsonl", 0..BASE);
    let wire = synthetic_file(tmp.path(), "wire.jsonl", BASE..BASE + N);
    ingest(&data, &[&base]).expect_code(0);

    let mut child = spawn_ingest(&data, &wire);
    let mut acked = BASE as u64;
    let mut overlapped = 0;
    for k in 0..3 {
        // Each backup starts once the ingest has stored more than the previous one saw.
        wait_for_more(&data, acked, &mut child);
        acked = acknowledged(&data);
        let dest = tmp.path().join(format!("backup-{k}"));
        let before = running(&mut child);
        let out = khabar(
            &data,
            ["backup".as_ref(), dest.as_os_str(), "--json".as_ref()],
        );
        // Running before and after: the backup ran entirely while the ingest wrote.
        let during = before && running(&mut child);
        overlapped += usize::from(during);
        let when = format!("backup {k} (acknowledged {acked}, during the ingest: {during})");
        out.expect_code(0);
        let report = out.json();
        eprintln!("{when}: {report}");
        check_copy(&dest, acked, &report, &when);
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        overlapped >= 2,
        "most backups must run while the ingest writes ({overlapped} did)"
    );

    // Nothing half-made is left beside the copies.
    assert_no_partial_copy(tmp.path());

    // A copy is an archive to go on with: it knows what it holds.
    let copy = tmp.path().join("backup-2");
    let (out, summary) = ingest_json(&copy, &[&base]);
    out.expect_code(0);
    assert_eq!(summary["stored"], json!(0), "{summary}");
    assert_eq!(summary["duplicates"], json!(BASE), "{summary}");
}

#[test]
fn backup_refuses_a_destination_that_is_not_empty() {
    let (tmp, data) = scratch();
    ingest(&data, &[&jawhara_fixture()]).expect_code(0);

    // A directory with something in it: refused, untouched, nothing left beside it.
    let dest = tmp.path().join("full");
    std::fs::create_dir(&dest).unwrap();
    std::fs::write(dest.join("keep.txt"), "mine").unwrap();
    let out = khabar(&data, ["backup".as_ref(), dest.as_os_str()]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(
        out.stderr.contains("not an empty directory"),
        "the error says why: {}",
        out.stderr
    );
    let inside: Vec<_> = std::fs::read_dir(&dest).unwrap().collect();
    assert_eq!(inside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(dest.join("keep.txt")).unwrap(),
        "mine"
    );

    // A file: refused too.
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = khabar(&data, ["backup".as_ref(), file.as_os_str()]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");

    // An empty directory is fine, and the human output says what was copied.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = khabar(&data, ["backup".as_ref(), empty.as_os_str()]);
    out.expect_code(0);
    assert!(out.stdout.contains("backup written to"), "{}", out.stdout);
    let n = articles(&data);
    assert_eq!(articles(&empty), n);
    khabar(&empty, ["verify"]).expect_code(0);
    for id in JAWHARA_IDS {
        assert!(show(&empty, id).is_some(), "{id} is in the copy");
    }

    assert_no_partial_copy(tmp.path());
}
