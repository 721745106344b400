//! Archive-level tests for behaviour the CLI tests found wrong (see crates/cli/tests): ids that
//! name two articles, and searches excluding a phrase.

use std::path::PathBuf;

use khabar_archive::{Archive, SearchRequest};
use khabar_ingest::{Article, Location, Record};

const HEALTH: &str = "أعلنت وزارة الصحة اليوم عن انطلاق حملة تلقيح وطنية جديدة ضد الحصبة في \
                      المدارس الابتدائية، تشمل كل الولايات وتتواصل إلى نهاية الشهر القادم.";
const OLIVES: &str = "افتتح وزير الفلاحة موسم جني الزيتون في ولاية صفاقس وسط توقعات بصابة \
                      قياسية، فيما دعا الفلاحون إلى توفير اليد العاملة وتحسين أسعار الزيت.";
const SOUSSE: &str = "سجلت صابة الزيتون في ولاية سوسة ارتفاعا ملحوظا مقارنة بالموسم الماضي، \
                      وفق تقديرات الاتحاد الجهوي للفلاحين.";

fn record(line: u64, id: &str, title: &str, text: &str) -> Record {
    Record {
        location: Location {
            file: PathBuf::from("input.jsonl"),
            line: Some(line),
            offset: None,
        },
        raw_bytes: text.len() as u64,
        result: Ok(Article {
            id: Some(id.to_owned()),
            title: title.to_owned(),
            text: text.to_owned(),
            ..Article::default()
        }),
    }
}

#[test]
fn the_same_id_with_other_content_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path(), true).unwrap();
    let s = archive
        .ingest(
            vec![record(1, "news-1", "حملة تلقيح", HEALTH)].into_iter(),
            &mut (),
        )
        .unwrap();
    assert_eq!(s.stored, 1);
    let s = archive
        .ingest(
            vec![record(1, "news-1", "موسم الزيتون", OLIVES)].into_iter(),
            &mut (),
        )
        .unwrap();
    assert_eq!((s.stored, s.duplicates, s.rejected.len()), (0, 0, 1));
    assert!(s.rejected[0].reason.contains("\"news-1\""));
    assert_eq!(archive.article("news-1").unwrap().unwrap().text, HEALTH);
}

/// `health-1` names the health story; a record `health-1` with the olive story's content must
/// be rejected (its id is taken by different content). When the content-hash lookup in
/// `record::Record::insert_batch` ran before the id lookup, the record was counted as a
/// duplicate of `olives-1` and `health-1` became its alias, so one id named two articles.
#[test]
fn an_id_in_use_arriving_with_another_articles_content_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path(), true).unwrap();
    archive
        .ingest(
            vec![
                record(1, "health-1", "حملة تلقيح", HEALTH),
                record(2, "olives-1", "موسم الزيتون", OLIVES),
            ]
            .into_iter(),
            &mut (),
        )
        .unwrap();
    let s = archive
        .ingest(
            vec![record(1, "health-1", "موسم الزيتون", OLIVES)].into_iter(),
            &mut (),
        )
        .unwrap();
    let olive_hits = archive
        .search(&SearchRequest {
            query: "الزيتون صفاقس".into(),
            ..SearchRequest::default()
        })
        .unwrap();
    let olive = olive_hits.hits.iter().find(|h| h.id == "olives-1").unwrap();
    assert!(
        !olive.aliases.contains(&"health-1".to_owned()),
        "health-1 is not a copy of the olive story: {:?}",
        olive.aliases
    );
    assert_eq!(
        (s.stored, s.duplicates, s.rejected.len()),
        (0, 0, 1),
        "{s:?}"
    );
}

/// Excluding a phrase used to panic in dev builds: tantivy 0.27's `PhraseScorer::seek_danger`
/// has `debug_assert!(target >= self.doc())`, and `Exclude::new` probes the `MustNot` phrase
/// scorer with the first candidate document, which lies before the phrase's first match. The
/// archive now resolves an excluded phrase to record keys first.
#[test]
fn excluding_a_phrase_leaves_out_the_articles_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path(), true).unwrap();
    // Many articles with ولاية before the one with the phrase, so that whichever segment the
    // indexing threads put it in, articles without the phrase come first there.
    let mut records: Vec<Record> = (0..40)
        .map(|i| {
            let text = format!("{OLIVES} (التقرير رقم {i})");
            record(i + 1, &format!("olives-{i}"), "موسم الزيتون", &text)
        })
        .collect();
    records.push(record(41, "sousse", "صابة الزيتون في سوسة", SOUSSE));
    archive.ingest(records.into_iter(), &mut ()).unwrap();
    let results = archive
        .search(&SearchRequest {
            query: "ولاية -\"ولاية سوسة\"".into(),
            limit: 100,
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(results.total, 40);
    assert!(results.hits.iter().all(|h| h.id != "sousse"));
}
