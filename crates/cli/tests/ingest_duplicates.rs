//! Ingesting is idempotent: the same input twice stores nothing new; the same content under
//! another id is a duplicate that the other id resolves to; the same id with other content is
//! rejected, naming the id.

mod common;

use common::*;
use serde_json::json;

const HEALTH: &str = "أعلنت وزارة الصحة اليوم عن انطلاق حملة تلقيح وطنية جديدة ضد الحصبة في \
                      المدارس الابتدائية، تشمل كل الولايات وتتواصل إلى نهاية الشهر القادم.";
const OLIVES: &str = "افتتح وزير الفلاحة موسم جني الزيتون في ولاية صفاقس وسط توقعات بصابة \
                      قياسية، فيما دعا الفلاحون إلى توفير اليد العاملة وتحسين أسعار الزيت.";
const FOOTBALL: &str = "فاز الترجي الرياضي على النجم الساحلي بهدفين دون رد في قمة الجولة \
                        العاشرة من البطولة الوطنية لكرة القدم على ملعب رادس.";

#[test]
fn ingesting_the_same_file_twice_stores_nothing_new() {
    let (_tmp, data) = scratch();
    let fixture = jawhara_fixture();
    let (out, first) = ingest_json(&data, &[&fixture]);
    out.expect_code(0);
    assert_eq!(first["stored"], json!(6));
    let before = search(&data, "السينما", &[]);

    let (out, second) = ingest_json(&data, &[&fixture]);
    out.expect_code(0);
    assert_eq!(second["read"], json!(6));
    assert_eq!(second["stored"], json!(0));
    assert_eq!(
        second["duplicates"],
        json!(6),
        "every record is a duplicate"
    );
    assert_eq!(second["rejected"], json!([]));
    // The human summary says so too.
    let out = ingest(&data, &[&fixture]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("0 stored, 6 duplicates, 0 rejected"),
        "{}",
        out.stderr
    );

    assert_eq!(articles(&data), 6);
    assert_consistent(&data);
    let after = search(&data, "السينما", &[]);
    assert_eq!(hit_ids(&before), hit_ids(&after));
    assert_eq!(before["total"], after["total"]);
}

#[test]
fn the_same_content_under_another_id_is_a_duplicate_the_other_id_resolves_to() {
    let (tmp, data) = scratch();
    let first = write_lines(
        tmp.path(),
        "agency.jsonl",
        &[line("agency-1", "حملة تلقيح وطنية ضد الحصبة", HEALTH)],
    );
    ingest(&data, &[&first]).expect_code(0);

    // The same story, re-exported by another site under its own id, with different line
    // breaks and spacing.
    let reflowed = HEALTH.replace("، ", "،\n  ");
    let second = write_lines(
        tmp.path(),
        "site.jsonl",
        &[line("site-77", "حملة تلقيح  وطنية ضد الحصبة", &reflowed)],
    );
    let (out, summary) = ingest_json(&data, &[&second]);
    out.expect_code(0);
    assert_eq!(summary["stored"], json!(0));
    assert_eq!(summary["duplicates"], json!(1));
    assert_eq!(articles(&data), 1);
    assert_consistent(&data);

    let via_other = show(&data, "site-77").expect("the other id resolves");
    assert_eq!(via_other["id"], json!("agency-1"));
    assert_eq!(via_other["text"], json!(HEALTH));
    // Search shows the one stored article once.
    assert_eq!(found(&data, "الحصبة", &[]), ["agency-1"]);
}

#[test]
fn duplicates_inside_one_file_are_stored_once() {
    let (tmp, data) = scratch();
    let path = write_lines(
        tmp.path(),
        "dups.jsonl",
        &[
            line("a-1", "الزيتون", OLIVES),
            line("a-2", "الزيتون", OLIVES),
            line("a-1", "الزيتون", OLIVES),
            line("f-1", "الترجي", FOOTBALL),
        ],
    );
    let (out, summary) = ingest_json(&data, &[&path]);
    out.expect_code(0);
    assert_eq!(summary["stored"], json!(2));
    assert_eq!(summary["duplicates"], json!(2));
    assert_eq!(articles(&data), 2);
    assert_consistent(&data);
    assert_eq!(show(&data, "a-2").unwrap()["id"], json!("a-1"));
    assert_eq!(found(&data, "صفاقس", &[]), ["a-1"]);
}

#[test]
fn the_same_id_with_other_content_is_rejected_naming_the_id() {
    let (tmp, data) = scratch();
    let first = write_lines(
        tmp.path(),
        "first.jsonl",
        &[line("news-1", "حملة تلقيح", HEALTH)],
    );
    ingest(&data, &[&first]).expect_code(0);

    let second = write_lines(
        tmp.path(),
        "second.jsonl",
        &[
            line("news-2", "موسم الزيتون", OLIVES),
            line("news-1", "قمة البطولة", FOOTBALL),
        ],
    );
    let out = ingest(&data, &[&second]);
    out.expect_code(3);
    let named = out
        .stderr
        .lines()
        .find(|l| l.contains("second.jsonl:2"))
        .unwrap_or_else(|| panic!("the record is named:\n{}", out.stderr));
    assert!(named.contains("\"news-1\""), "the id is named: {named}");
    assert!(
        named.contains("already used"),
        "the reason is given: {named}"
    );

    // The stored article is untouched, the other record of the file is stored.
    assert_eq!(articles(&data), 2);
    assert_consistent(&data);
    assert_eq!(show(&data, "news-1").unwrap()["text"], json!(HEALTH));
    assert!(found(&data, "رادس", &[]).is_empty());
    assert_eq!(found(&data, "صفاقس", &[]), ["news-2"]);
}

#[test]
fn the_same_id_with_other_content_is_rejected_inside_one_file() {
    let (tmp, data) = scratch();
    let path = write_lines(
        tmp.path(),
        "conflict.jsonl",
        &[
            line("dup-id", "حملة تلقيح", HEALTH),
            line("dup-id", "قمة البطولة", FOOTBALL),
        ],
    );
    let out = ingest(&data, &[&path]);
    out.expect_code(3);
    assert!(
        out.stderr
            .lines()
            .any(|l| l.contains("conflict.jsonl:2") && l.contains("\"dup-id\"")),
        "{}",
        out.stderr
    );
    assert_eq!(articles(&data), 1);
    assert_consistent(&data);
    assert_eq!(show(&data, "dup-id").unwrap()["text"], json!(HEALTH));
}

/// An id already naming one article arrives with the content of *another* stored article.
/// The id is taken by different content, so the record must be rejected (exit 3, naming the
/// id), not counted as a duplicate and made an alias of the other article (one id naming two
/// articles, listed under both in a TREC run).
#[test]
fn an_id_in_use_arriving_with_another_stored_articles_content_is_rejected() {
    let (tmp, data) = scratch();
    let first = write_lines(
        tmp.path(),
        "first.jsonl",
        &[
            line("health-1", "حملة تلقيح", HEALTH),
            line("olives-1", "موسم الزيتون", OLIVES),
        ],
    );
    ingest(&data, &[&first]).expect_code(0);

    // health-1 again, but with the olive story's content.
    let second = write_lines(
        tmp.path(),
        "second.jsonl",
        &[line("health-1", "موسم الزيتون", OLIVES)],
    );
    let out = ingest(&data, &[&second]);
    out.expect_code(3);
    assert!(
        out.stderr
            .lines()
            .any(|l| l.contains("second.jsonl:1") && l.contains("\"health-1\"")),
        "{}",
        out.stderr
    );

    // One id, one article: health-1 is not listed as a copy of the olive story.
    let batch = tmp.path().join("topics.tsv");
    std::fs::write(&batch, "q1\tموسم جني الزيتون في صفاقس\n").unwrap();
    let run = tmp.path().join("run.txt");
    let (out, run) = common::batch(&data, &batch, &run, &[]);
    out.expect_code(0);
    let docids: Vec<&str> = run.lines().map(|l| l.split(' ').nth(2).unwrap()).collect();
    assert!(
        !docids.contains(&"health-1"),
        "health-1 (the health story) is not a copy of the olive story: {run}"
    );
}
