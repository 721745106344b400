//! An archive written by an earlier schema opens, is migrated, and keeps its articles.

use std::path::PathBuf;

use khabar_archive::{Archive, SearchRequest, SCHEMA_VERSION};
use khabar_ingest::{Article, Location, Record};

fn record(id: &str, text: &str) -> Record {
    Record {
        location: Location {
            file: PathBuf::from("in.jsonl"),
            line: Some(1),
            offset: None,
        },
        raw_bytes: text.len() as u64,
        result: Ok(Article {
            id: Some(id.into()),
            title: "عنوان".into(),
            text: text.into(),
            ..Article::default()
        }),
    }
}

#[test]
fn a_version_1_archive_is_migrated_on_open_and_keeps_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let text = "افتتح وزير الفلاحة موسم جني الزيتون في ولاية صفاقس وسط توقعات بصابة قياسية";
    {
        let archive = Archive::open(dir.path(), true).unwrap();
        archive
            .ingest(vec![record("olives-1", text)].into_iter(), &mut ())
            .unwrap();
    }
    // Turn it back into a version-1 record: no language column, no annotation tables.
    {
        let conn = rusqlite::Connection::open(dir.path().join("khabar.sqlite")).unwrap();
        conn.execute_batch(
            "DROP TABLE entity_words;
             DROP TABLE mentions; DROP TABLE quotes; DROP TABLE dates; DROP TABLE entities;
             DROP TABLE signatures; DROP TABLE bands; DROP TABLE copies; DROP TABLE paragraphs;
             DROP TABLE outlet_paragraphs;
             DROP TABLE thread_keys; DROP TABLE thread_members; DROP TABLE threads;
             DROP INDEX IF EXISTS mentions_entity;
             ALTER TABLE articles DROP COLUMN annotated;
             ALTER TABLE articles DROP COLUMN language; PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let archive = Archive::open(dir.path(), true).unwrap();
    assert_eq!(archive.stats().unwrap().schema_version, SCHEMA_VERSION);
    let stored = archive.article("olives-1").unwrap().expect("kept");
    assert_eq!(stored.text, text);
    assert_eq!(stored.language, None, "stored before the column existed");
    archive
        .ingest(
            vec![record(
                "olives-2",
                "Olive harvest opens in Sfax with a record crop expected by farmers",
            )]
            .into_iter(),
            &mut (),
        )
        .unwrap();
    assert_eq!(
        archive
            .article("olives-2")
            .unwrap()
            .unwrap()
            .language
            .as_deref(),
        Some("other")
    );
    let hits = archive
        .search(&SearchRequest {
            query: "الزيتون".into(),
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(hits.hits.len(), 1);
    // The article stored before annotations existed is annotated by `annotate`; the one stored
    // after was annotated on ingest.
    assert_eq!(archive.reannotate(false, |_| {}).unwrap(), 1);
    assert_eq!(archive.reannotate(false, |_| {}).unwrap(), 0);
    assert_eq!(archive.reannotate(true, |_| {}).unwrap(), 2);
}

#[test]
fn an_archive_from_a_newer_khabar_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    drop(Archive::open(dir.path(), true).unwrap());
    {
        let conn = rusqlite::Connection::open(dir.path().join("khabar.sqlite")).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let err = Archive::open(dir.path(), false).err().expect("refused");
    assert!(err.to_string().contains("newer"), "{err}");
}

#[test]
fn entities_stored_before_the_word_index_are_found_by_name_after_migration() {
    let dir = tempfile::tempdir().unwrap();
    let text = "بحث وزير الخارجية الأمريكي جون كيري ونظيره الروسي سيرجي لافروف في روما \
        الجهود الدبلوماسية لوقف القتال في سوريا، وقال كيري إن الدبلوماسية لا تزال حية.";
    {
        let archive = Archive::open(dir.path(), true).unwrap();
        archive
            .ingest(vec![record("rome-1", text)].into_iter(), &mut ())
            .unwrap();
    }
    // Back to schema 7: the entities are there, their words are not.
    {
        let conn = rusqlite::Connection::open(dir.path().join("khabar.sqlite")).unwrap();
        conn.execute_batch("DROP TABLE entity_words; PRAGMA user_version = 7;")
            .unwrap();
    }
    let archive = Archive::open(dir.path(), true).unwrap();
    for name in ["لافروف", "سيرجي لافروف", "كيري"] {
        let hits = archive
            .search(&SearchRequest {
                query: "روما".into(),
                filters: khabar_archive::Filters {
                    entities: vec![name.into()],
                    ..Default::default()
                },
                ..SearchRequest::default()
            })
            .unwrap();
        assert_eq!(hits.hits.len(), 1, "entity {name}");
    }
    // A name that is only part of a word of a key finds nothing: لاف is not لافروف.
    let none = archive
        .search(&SearchRequest {
            query: "روما".into(),
            filters: khabar_archive::Filters {
                entities: vec!["لاف".into()],
                ..Default::default()
            },
            ..SearchRequest::default()
        })
        .unwrap();
    assert!(none.hits.is_empty());
}
