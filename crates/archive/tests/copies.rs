//! Near-duplicates and related articles at the archive level: edited copies are found and
//! grouped under the earliest article; shared boilerplate, short items and a lone article
//! give no false copies and no crash.

use std::path::PathBuf;

use khabar_archive::{Archive, SearchRequest};
use khabar_ingest::{Article, Location, Record};

fn record(id: &str, published: &str, title: &str, text: &str) -> Record {
    Record {
        location: Location {
            file: PathBuf::from("input.jsonl"),
            line: Some(1),
            offset: None,
        },
        raw_bytes: text.len() as u64,
        result: Ok(Article {
            id: Some(id.to_owned()),
            title: title.to_owned(),
            published: Some(published.to_owned()),
            text: text.to_owned(),
            ..Article::default()
        }),
    }
}

const WIRE: &str = "أعلنت وزارة الداخلية اليوم القبض على خلية إرهابية تتكون من ستة أشخاص في \
    مدينة الرياض كانوا يخططون لتنفيذ عمليات تستهدف مساجد ومنشآت أمنية في عدد من المناطق.\n\
    وأوضح المتحدث الأمني للوزارة أن الأجهزة الأمنية تابعت نشاط الخلية منذ عدة أشهر قبل أن \
    تتمكن من ضبط أفرادها وبحوزتهم أسلحة ومتفجرات معدة للاستخدام في الهجمات.\n\
    وأضاف أن التحقيقات لا تزال جارية لكشف ارتباطات الخلية بتنظيمات خارجية ومصادر تمويلها، \
    داعيا المواطنين إلى الإبلاغ عن أي نشاط مشبوه عبر الأرقام المخصصة لذلك.";

const ABOUT: &str = "وكالة الأنباء الإخبارية مؤسسة إعلامية مستقلة تأسست لتقديم الأخبار المحلية \
    والدولية على مدار الساعة، وتعمل من خلال شبكة واسعة من المراسلين في مختلف المناطق والمدن، \
    وتلتزم بمعايير الدقة والموضوعية والحياد في نقل الأحداث، وتوفر خدماتها للصحف والقنوات.";

/// Five different short stories, each followed by the same long "about us" paragraph.
const SHORT_STORIES: [&str; 5] = [
    "افتتح أمير المنطقة مهرجان الصيف في أبها بمشاركة فرق شعبية من مختلف المحافظات.",
    "ارتفع مؤشر سوق الأسهم في ختام تداولات اليوم بدعم من قطاع المصارف والبتروكيماويات.",
    "أعلنت الأرصاد هطول أمطار رعدية على المرتفعات الجنوبية الغربية خلال الأيام المقبلة.",
    "فاز فريق الهلال على ضيفه الاتحاد بهدفين دون مقابل في افتتاح الدوري الممتاز.",
    "وقعت وزارة التعليم اتفاقية مع جامعة محلية لتدريب المعلمين على المناهج الجديدة.",
];

#[test]
fn an_edited_copy_joins_the_earliest_article() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path(), true).unwrap();
    // The copy drops the last paragraph and adds a line; it is ingested first but published
    // later, so the original becomes the group's canonical article when it arrives.
    let copy = WIRE.rsplit_once('\n').unwrap().0.to_owned() + "\nالمصدر: وكالة الأنباء السعودية";
    archive
        .ingest(
            vec![
                record("copy", "2015-08-02", "القبض على خلية في الرياض", &copy),
                record("wire", "2015-08-01", "الداخلية: ضبط خلية إرهابية", WIRE),
            ]
            .into_iter(),
            &mut (),
        )
        .unwrap();
    let wire = archive.article("wire").unwrap().unwrap();
    let copy = archive.article("copy").unwrap().unwrap();
    assert_eq!(archive.copies(&wire).unwrap(), vec!["copy".to_owned()]);
    assert_eq!(archive.copies(&copy).unwrap(), vec!["wire".to_owned()]);
    // A copy is not a related article, and collapsing gives one hit for the two.
    assert!(archive.related(&wire, 10).unwrap().is_empty());
    let req = SearchRequest {
        query: "خلية".into(),
        collapse_copies: true,
        ..SearchRequest::default()
    };
    assert_eq!(archive.search(&req).unwrap().hits.len(), 1);
    let all = SearchRequest {
        collapse_copies: false,
        ..req
    };
    assert_eq!(archive.search(&all).unwrap().hits.len(), 2);
    // A copy is in its original's story thread, and the thread is a search filter.
    let thread = archive.thread(&wire).unwrap().expect("a thread");
    assert_eq!(archive.thread(&copy).unwrap().unwrap().id, thread.id);
    assert_eq!(thread.size, 2);
    let in_thread = SearchRequest {
        query: String::new(),
        filters: khabar_archive::Filters {
            thread: Some(thread.id),
            ..Default::default()
        },
        ..SearchRequest::default()
    };
    assert_eq!(archive.search(&in_thread).unwrap().total, 2);
    // The thread is a story of the period, labelled by one of its headlines, with its span.
    let stories = archive
        .stories(Some("2015-08-01"), Some("2015-08-02"), 10)
        .unwrap();
    let story = stories.iter().find(|t| t.id == thread.id).expect("listed");
    assert!(
        ["القبض على خلية في الرياض", "الداخلية: ضبط خلية إرهابية"].contains(&story.label.as_str())
    );
    assert_eq!(story.first.as_deref(), Some("2015-08-01"));
    assert_eq!(story.last.as_deref(), Some("2015-08-02"));
    assert!(archive
        .stories(Some("2016-01-01"), None, 10)
        .unwrap()
        .is_empty());
    // Relinking from scratch finds the same group and thread.
    assert_eq!(archive.relink(|_| {}).unwrap(), 2);
    assert_eq!(archive.copies(&wire).unwrap(), vec!["copy".to_owned()]);
    let again = archive.thread(&wire).unwrap().unwrap();
    assert_eq!(again.size, 2);
    assert_eq!(archive.thread(&copy).unwrap().unwrap().id, again.id);
}

#[test]
fn shared_boilerplate_makes_no_copies() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path(), true).unwrap();
    // The boilerplate first appears under three unrelated stories (long enough to tell
    // apart), which is how khabar learns it; then the short items that are mostly boilerplate.
    let long = [
        WIRE.to_owned(),
        "سجلت صابة الزيتون في ولاية سوسة ارتفاعا ملحوظا مقارنة بالموسم الماضي وفق تقديرات \
         الاتحاد الجهوي للفلاحين الذي دعا إلى توفير اليد العاملة وتحسين أسعار الزيت وتنظيم \
         مسالك التوزيع ومراقبة الأسعار في الأسواق الأسبوعية."
            .to_owned(),
        "أعلنت وزارة الصحة عن انطلاق حملة تلقيح وطنية جديدة ضد الحصبة في المدارس الابتدائية \
         تشمل كل الولايات وتتواصل إلى نهاية الشهر القادم بمشاركة الأطباء والممرضين في المراكز \
         الصحية الأساسية والمستشفيات الجهوية."
            .to_owned(),
    ];
    let mut records = Vec::new();
    for (i, body) in long.iter().enumerate() {
        records.push(record(
            &format!("long-{i}"),
            "2015-08-01",
            &format!("خبر {i}"),
            &format!("{body}\n{ABOUT}"),
        ));
    }
    for (i, story) in SHORT_STORIES.iter().enumerate() {
        records.push(record(
            &format!("short-{i}"),
            "2015-08-02",
            &format!("موجز {i}"),
            &format!("{story}\n{ABOUT}"),
        ));
    }
    archive.ingest(records.into_iter(), &mut ()).unwrap();
    for i in 0..SHORT_STORIES.len() {
        let a = archive.article(&format!("short-{i}")).unwrap().unwrap();
        assert!(
            archive.copies(&a).unwrap().is_empty(),
            "short-{i}: {:?}",
            archive.copies(&a).unwrap()
        );
    }
}

#[test]
fn a_lone_article_and_a_headline_item_are_handled() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path(), true).unwrap();
    archive
        .ingest(
            vec![
                record("only", "2015-08-01", "عاجل", "انفجار في العاصمة"),
                record("also", "2015-08-01", "عاجل", "انفجار في المدينة"),
            ]
            .into_iter(),
            &mut (),
        )
        .unwrap();
    let a = archive.article("only").unwrap().unwrap();
    assert!(
        archive.copies(&a).unwrap().is_empty(),
        "too short to call a copy"
    );
    // Related articles of a tiny archive: whatever there is, never the article itself.
    let related = archive.related(&a, 10).unwrap();
    assert!(related.iter().all(|r| r.id != "only"));
}

#[test]
fn copies_are_looked_for_within_the_time_buckets_beside_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path(), true).unwrap();
    let edited = WIRE.rsplit_once('\n').unwrap().0.to_owned() + "\nالمصدر: وكالة الأنباء السعودية";
    // Within weeks: a copy. Three years on: a new article (an anniversary piece that reuses
    // the old text is not a syndicated copy).
    archive
        .ingest(
            vec![
                record("wire", "2015-08-01", "ضبط خلية", WIRE),
                record("weeks", "2015-08-20T10:00:00Z", "خلية الرياض", &edited),
                record(
                    "years",
                    "2018-08-01",
                    "قبل ثلاث سنوات",
                    &WIRE.replace("ستة", "سبعة"),
                ),
            ]
            .into_iter(),
            &mut (),
        )
        .unwrap();
    let wire = archive.article("wire").unwrap().unwrap();
    assert_eq!(archive.copies(&wire).unwrap(), vec!["weeks".to_owned()]);
    let years = archive.article("years").unwrap().unwrap();
    assert!(archive.copies(&years).unwrap().is_empty());
}

#[test]
fn a_version_5_archive_keeps_its_copies_and_finds_new_ones_after_migration() {
    let dir = tempfile::tempdir().unwrap();
    let edited = WIRE.rsplit_once('\n').unwrap().0.to_owned() + "\nالمصدر: وكالة الأنباء السعودية";
    let other = WIRE.replace("الرياض", "جدة").replace("ستة", "سبعة");
    {
        let archive = Archive::open(dir.path(), true).unwrap();
        // Dates before 1970 too: the migration's floor division must agree with the code's.
        archive
            .ingest(
                vec![
                    record("wire", "1969-12-20", "ضبط خلية", WIRE),
                    record("copy", "1969-12-21", "خلية الرياض", &edited),
                ]
                .into_iter(),
                &mut (),
            )
            .unwrap();
    }
    // Put the tables back in their version-5 layout (hash first), rows kept.
    {
        let conn = rusqlite::Connection::open(dir.path().join("khabar.sqlite")).unwrap();
        conn.execute_batch(
            "CREATE TABLE b5 (band INTEGER NOT NULL, article INTEGER NOT NULL,
                 PRIMARY KEY (band, article)) WITHOUT ROWID;
             INSERT INTO b5 SELECT band, article FROM bands; DROP TABLE bands;
             ALTER TABLE b5 RENAME TO bands;
             CREATE TABLE o5 (hash INTEGER NOT NULL, source TEXT NOT NULL,
                 articles INTEGER NOT NULL, PRIMARY KEY (hash, source)) WITHOUT ROWID;
             INSERT INTO o5 SELECT hash, source, sum(articles) FROM outlet_paragraphs
                 GROUP BY hash, source;
             DROP TABLE outlet_paragraphs; ALTER TABLE o5 RENAME TO outlet_paragraphs;
             CREATE TABLE p5 (hash INTEGER NOT NULL, grp INTEGER NOT NULL,
                 PRIMARY KEY (hash, grp)) WITHOUT ROWID;
             INSERT OR IGNORE INTO p5 SELECT hash, grp FROM paragraphs; DROP TABLE paragraphs;
             ALTER TABLE p5 RENAME TO paragraphs;
             CREATE TABLE k5 (key INTEGER NOT NULL, day INTEGER NOT NULL,
                 article INTEGER NOT NULL, weight REAL NOT NULL, total REAL NOT NULL,
                 thread INTEGER NOT NULL, PRIMARY KEY (key, day, article)) WITHOUT ROWID;
             INSERT INTO k5 SELECT key, day, article, weight, total, thread FROM thread_keys;
             DROP TABLE thread_keys; ALTER TABLE k5 RENAME TO thread_keys;
             PRAGMA user_version = 5;",
        )
        .unwrap();
    }
    let archive = Archive::open(dir.path(), true).unwrap();
    assert_eq!(
        archive.stats().unwrap().schema_version,
        khabar_archive::SCHEMA_VERSION
    );
    let wire = archive.article("wire").unwrap().unwrap();
    assert_eq!(archive.copies(&wire).unwrap(), vec!["copy".to_owned()]);
    let thread_before = archive.thread(&wire).unwrap().expect("a thread").id;
    // A third copy, ingested after the migration, finds the group through the migrated bands
    // and joins the thread through the migrated keys.
    archive
        .ingest(
            vec![record("third", "1969-12-22", "خلية في الرياض", &other)].into_iter(),
            &mut (),
        )
        .unwrap();
    let mut copies = archive.copies(&wire).unwrap();
    copies.sort();
    assert_eq!(copies, vec!["copy".to_owned(), "third".to_owned()]);
    let third = archive.article("third").unwrap().unwrap();
    assert_eq!(archive.thread(&third).unwrap().unwrap().id, thread_before);
}
