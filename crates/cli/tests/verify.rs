//! `khabar verify`: a sound archive passes; a damaged index or an altered article is found and
//! named; `reindex` repairs what is derived from the record.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

fn verify(data: &Path) -> (Option<i32>, Value) {
    let out = khabar(data, ["verify", "--json"]);
    (out.code, out.json())
}

#[test]
fn verify_passes_a_sound_archive_and_names_what_is_damaged() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("archive");
    ingest(&data, &[&jawhara_fixture()]).expect_code(0);
    let (code, v) = verify(&data);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["articles"], v["indexed"]);
    assert!(v["articles"].as_u64().unwrap() >= 5);
    let text = khabar(&data, ["verify"]);
    text.expect_code(0);
    assert!(text.stdout.contains("articles: "), "{}", text.stdout);

    // Truncate a segment file of the index: verify says so, and reindex repairs it.
    let index = data.join("index");
    let victim = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "idx"))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .expect("a segment's term index");
    let len = std::fs::metadata(&victim).unwrap().len();
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&victim)
        .unwrap();
    f.set_len(len / 2).unwrap();
    drop(f);
    let (code, v) = verify(&data);
    assert_eq!(code, Some(4), "{v}");
    let problems = v["problems"].to_string();
    assert!(problems.contains("index"), "{problems}");
    khabar(&data, ["reindex"]).expect_code(0);
    let (code, v) = verify(&data);
    assert_eq!(code, Some(0), "{v}");

    // Alter an article's text behind khabar's back: its id is named.
    {
        let conn = rusqlite::Connection::open(data.join("khabar.sqlite")).unwrap();
        conn.execute(
            "UPDATE articles SET body = body || ' نص مضاف' WHERE id = ?1",
            [JAWHARA_IDS[0]],
        )
        .unwrap();
    }
    let (code, v) = verify(&data);
    assert_eq!(code, Some(4), "{v}");
    assert!(v["problems"].to_string().contains(JAWHARA_IDS[0]), "{v}");
}
