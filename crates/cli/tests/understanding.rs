//! Entities, quotations and dates through the CLI: the example page as an automated
//! test, the stored annotations (`show`, `quotes`, `entities`, `search --entity`), and the NER
//! commands' handling of bad CoNLL input.

mod common;

use std::path::{Path, PathBuf};

use common::khabar;
use serde_json::Value;

fn example_page() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ingest/tests/fixtures/example-page.txt")
}

/// The substring of `text` between two code-point offsets.
fn chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

fn names_of(article: &Value, ty: &str) -> Vec<String> {
    article["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter(|e| e["type"] == ty)
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

fn extract_example() -> Value {
    let dir = tempfile::tempdir().unwrap();
    let out = khabar(
        &dir.path().join("unused"),
        [
            "extract".as_ref(),
            example_page().as_os_str(),
            "--json".as_ref(),
        ],
    );
    out.expect_code(0);
    out.json()
}

#[test]
fn the_example_page_gives_its_people_places_and_organisations() {
    let a = extract_example();
    let text = a["text"].as_str().unwrap();
    // Every mention's offsets (code points) give back its text.
    for e in a["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            assert_eq!(
                chars(
                    text,
                    m["start"].as_u64().unwrap(),
                    m["end"].as_u64().unwrap()
                ),
                m["text"].as_str().unwrap()
            );
        }
    }
    let people = names_of(&a, "PERS");
    for name in [
        "جون كيري",
        "سيرجي لافروف",
        "ستيفان دي ميستورا",
        "دونالد ترامب",
    ] {
        assert_eq!(
            people.iter().filter(|p| *p == name).count(),
            1,
            "{name} once among the people: {people:?}"
        );
    }
    // كيري is one entity, with every mention (the article names him seven times).
    let kerry = a["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "جون كيري")
        .unwrap();
    assert!(kerry["mentions"].as_array().unwrap().len() >= 6, "{kerry}");
    let places = names_of(&a, "LOC");
    for name in ["سوريا", "روما", "حلب", "جنيف", "روسيا", "تركيا"] {
        assert!(places.iter().any(|p| p == name), "{name} in {places:?}");
    }
    let orgs = names_of(&a, "ORG");
    for name in ["رويترز", "الأمم المتحدة", "بلدي نيوز"] {
        assert!(orgs.iter().any(|o| o.contains(name)), "{name} in {orgs:?}");
    }
}

#[test]
fn the_example_page_gives_who_said_what() {
    let a = extract_example();
    let text = a["text"].as_str().unwrap();
    let quotes = a["quotes"].as_array().unwrap();
    for q in quotes {
        assert_eq!(
            chars(
                text,
                q["start"].as_u64().unwrap(),
                q["end"].as_u64().unwrap()
            ),
            q["text"].as_str().unwrap()
        );
    }
    let find = |words: &str| {
        quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap().contains(words))
            .unwrap_or_else(|| panic!("no quote with {words:?}: {quotes:#?}"))
    };
    for words in [
        "كل الدبلوماسية لا تزال على قيد الحياة",
        "لا ينتظر أي منا الإدارة القادمة",
        "نواصل استكشاف كل سبيل لوقف المذابح غير المبررة في سوريا",
        "هذا هو هدف ستيفان دي ميستورا وهذا على ما يبدو هدف روسيا وهدفنا أيضا",
    ] {
        let q = find(words);
        assert_eq!(q["kind"], "direct", "{q}");
        assert!(
            q["speaker"].as_str().unwrap().contains("كيري"),
            "speaker of {words:?}: {q}"
        );
    }
    assert_eq!(
        find("كل الدبلوماسية")["source"].as_str(),
        Some("رويترز"),
        "attributed via «حسب وكالة رويترز»"
    );
    let reported = find("وجّه الاتهام لروسيا");
    assert_eq!(reported["kind"], "indirect");
    assert!(reported["speaker"].as_str().unwrap().contains("رويترز"));
    // The marks around «مسؤولاً كبيراً بالمعارضة السورية» enclose a description, not a quote.
    assert!(
        !quotes
            .iter()
            .any(|q| q["kind"] == "direct" && q["text"] == "مسؤولاً كبيراً بالمعارضة السورية"),
        "{quotes:#?}"
    );
}

#[test]
fn the_example_page_gives_its_dates() {
    let a = extract_example();
    let text = a["text"].as_str().unwrap();
    let dates = a["dates"].as_array().unwrap();
    for d in dates {
        assert_eq!(
            chars(
                text,
                d["start"].as_u64().unwrap(),
                d["end"].as_u64().unwrap()
            ),
            d["text"].as_str().unwrap()
        );
    }
    let find = |t: &str| {
        dates
            .iter()
            .find(|d| d["text"] == t)
            .unwrap_or_else(|| panic!("no date {t:?}: {dates:#?}"))
    };
    // The page carries no publication date: relative dates stay relative, with their weekday.
    for t in ["أمس الجمعة", "اليوم الجمعة", "يوم الجمعة"] {
        let d = find(t);
        assert_eq!(d["weekday"], "friday", "{d}");
        assert_eq!(d["relative"], true, "{d}");
    }
    for t in [
        "20 كانون الثاني/ يناير المقبل",
        "الأسبوع المقبل",
        "منذ أسبوعين",
    ] {
        assert_eq!(find(t)["relative"], true);
    }
}

/// The example page's body as a JSONL record published on Saturday 3 December 2016 (the
/// Rome meeting it reports was on Friday 2 December 2016).
fn dated_example(dir: &Path) -> PathBuf {
    let out = khabar(
        &dir.join("unused"),
        [
            "extract".as_ref(),
            example_page().as_os_str(),
            "--json".as_ref(),
        ],
    );
    let a = out.json();
    let record = serde_json::json!({
        "id": "baladi-kerry",
        "title": a["title"],
        "source": "بلدي نيوز",
        "published": "2016-12-03",
        "text": a["text"],
    });
    let path = dir.join("kerry.jsonl");
    std::fs::write(&path, format!("{record}\n")).unwrap();
    path
}

#[test]
fn dates_are_resolved_against_the_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    let input = dated_example(dir.path());
    let out = khabar(
        &dir.path().join("unused"),
        ["extract".as_ref(), input.as_os_str(), "--json".as_ref()],
    );
    let a = out.json();
    let value = |t: &str| {
        a["dates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["text"] == t)
            .unwrap_or_else(|| panic!("no date {t:?}: {:#?}", a["dates"]))["value"]
            .clone()
    };
    assert_eq!(value("أمس الجمعة"), "2016-12-02");
    assert_eq!(value("اليوم الجمعة"), "2016-12-02");
    assert_eq!(value("20 كانون الثاني/ يناير المقبل"), "2017-01-20");
    assert_eq!(value("الأسبوع المقبل"), "2016-W49");
}

#[test]
fn stored_annotations_are_shown_listed_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("archive");
    let input = dated_example(dir.path());
    khabar(
        &data,
        [
            "ingest".as_ref(),
            input.as_os_str(),
            common::jawhara_fixture().as_os_str(),
        ],
    )
    .expect_code(0);

    let shown = khabar(&data, ["show", "baladi-kerry", "--json"]);
    let a = shown.expect_code(0).json();
    assert!(names_of(&a, "PERS").contains(&"جون كيري".to_owned()));
    assert!(a["quotes"].as_array().unwrap().len() >= 5);
    assert!(a["dates"].as_array().unwrap().len() >= 5);

    let said = khabar(&data, ["quotes", "--speaker", "كيري", "--json"]);
    let lines: Vec<Value> = said
        .expect_code(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 4, "{lines:#?}");
    assert!(lines.iter().all(|q| q["article"] == "baladi-kerry"));
    let nobody = khabar(&data, ["quotes", "--speaker", "نابليون", "--json"]);
    assert_eq!(nobody.expect_code(0).stdout.trim(), "");

    let top = khabar(
        &data,
        ["entities", "--type", "PERS", "--top", "50", "--json"],
    );
    let people: Vec<Value> = top
        .expect_code(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(people.iter().all(|e| e["type"] == "PERS"));
    assert!(
        people.iter().any(|e| e["name"] == "جون كيري"),
        "{people:#?}"
    );
    let with_kerry = khabar(&data, ["entities", "--with", "كيري", "--json"]);
    let co: Vec<Value> = with_kerry
        .expect_code(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(co.iter().any(|e| e["name"] == "سيرجي لافروف"), "{co:#?}");
    assert!(
        co.iter().all(|e| e["name"] != "جون كيري"),
        "itself left out"
    );
    let later = khabar(
        &data,
        [
            "entities",
            "--type",
            "PERS",
            "--from",
            "2018-01-01",
            "--json",
        ],
    );
    assert_eq!(later.expect_code(0).stdout.trim(), "", "nothing after 2018");

    let with = khabar(&data, ["search", "سوريا", "--entity", "لافروف", "--json"]);
    let hits = with.expect_code(0).json();
    assert_eq!(hits["total"], 1, "{hits}");
    assert_eq!(hits["hits"][0]["id"], "baladi-kerry");
    let without = khabar(&data, ["search", "سوريا", "--entity", "نابليون", "--json"]);
    assert_eq!(without.expect_code(0).json()["total"], 0);

    let faceted = khabar(&data, ["search", "سوريا", "--facets", "--json"]);
    let facets = faceted.expect_code(0).json()["facets"].clone();
    assert!(
        facets["entity"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["name"] == "جون كيري" && e["count"] == 1),
        "{facets}"
    );

    let related = khabar(&data, ["related", "baladi-kerry", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(related["id"], "baladi-kerry");
    assert!(related["related"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["id"] != "baladi-kerry" && r["score"].as_f64().is_some()));
    let missing = khabar(&data, ["related", "no-such-id", "--json"]);
    assert_eq!(missing.code, Some(2));
    assert!(missing.stderr.contains("no-such-id"), "{}", missing.stderr);
    let stories = khabar(&data, ["stories", "--json"]);
    for line in stories.expect_code(0).stdout.lines() {
        let t: Value = serde_json::from_str(line).unwrap();
        assert!(t["size"].as_u64().unwrap() >= 2, "{t}");
    }

    // Annotating again (as after a model change) keeps the same annotations and the filter.
    khabar(&data, ["annotate", "--all"]).expect_code(0);
    let again = khabar(&data, ["show", "baladi-kerry", "--json"]).json();
    assert_eq!(again["entities"], a["entities"]);
    assert_eq!(again["quotes"], a["quotes"]);
    let with = khabar(&data, ["search", "سوريا", "--entity", "لافروف", "--json"]);
    assert_eq!(with.json()["total"], 1);
}

#[test]
fn a_malformed_conll_file_is_refused_with_its_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.conll");
    std::fs::write(&path, "كيري B-PERS\nقال O\nهذا\nسوريا B-LOC\n").unwrap();
    let out = khabar(
        &dir.path().join("unused"),
        ["eval-ner".as_ref(), path.as_os_str()],
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("line 3"), "{}", out.stderr);
}

#[test]
fn train_ner_reads_every_file_given_and_the_same_data_gives_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.conll");
    let b = dir.path().join("b.conll");
    std::fs::write(
        &a,
        "قال O\nجون B-PERS\nكيري I-PERS\nفي O\nروما B-LOC\n. O\n",
    )
    .unwrap();
    std::fs::write(&b, "زار O\nلافروف B-PERS\nجنيف B-LOC\n. O\n").unwrap();
    let unused = dir.path().join("unused");
    let train = |files: &[&Path], out: &Path| {
        let mut args: Vec<&std::ffi::OsStr> = vec!["train-ner".as_ref()];
        args.extend(files.iter().map(|f| f.as_os_str()));
        args.extend(["--out".as_ref(), out.as_os_str()]);
        khabar(&unused, args).expect_code(0);
        std::fs::read(out).unwrap()
    };
    let one = train(&[&a], &dir.path().join("one.bin"));
    let both = train(&[&a, &b], &dir.path().join("both.bin"));
    let again = train(&[&a, &b], &dir.path().join("again.bin"));
    assert_eq!(both, again, "the same data must give the same model");
    assert_ne!(one, both, "the second file must be trained on");
}

#[test]
fn train_ner_refuses_a_malformed_file_by_name_and_line_and_writes_no_model() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.conll");
    let bad = dir.path().join("bad.conll");
    std::fs::write(&good, "قال O\nكيري B-PERS\n. O\n").unwrap();
    std::fs::write(&bad, "زار O\nلافروف B-PERS\nجنيف\n").unwrap();
    let out_path = dir.path().join("ner.bin");
    let out = khabar(
        &dir.path().join("unused"),
        [
            "train-ner".as_ref(),
            good.as_os_str(),
            bad.as_os_str(),
            "--out".as_ref(),
            out_path.as_os_str(),
        ],
    );
    assert_eq!(out.code, Some(1), "{out:?}");
    assert!(out.stderr.contains("bad.conll"), "{}", out.stderr);
    assert!(out.stderr.contains("line 3"), "{}", out.stderr);
    assert!(!out_path.exists(), "no model is written from bad data");
}
