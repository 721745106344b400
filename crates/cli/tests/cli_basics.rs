//! The command line end to end: search (JSON shape, filters, phrases, exclusions, Arabic
//! normalization, highlights), batch runs in TREC format, show, reindex, errors, and the demo.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::*;
use serde_json::{json, Value};

/// A small archive of news-like articles, each word under test in exactly the documents the
/// tests expect.
fn corpus(dir: &Path) -> PathBuf {
    let lines = [
        line_meta(
            "syr-1",
            "كيري ولافروف يبحثان الأزمة في جنيف",
            "التقى وزير الخارجية الأمريكي جون كيري نظيره الروسي سيرغي لافروف في جنيف، وبحثا \
             الوضع في العراق وسوريا وسبل إطلاق مسار سياسي جديد ينهي سنوات الحرب.",
            "الجزيرة",
            "2015-08-01",
        ),
        line_meta(
            "syr-2",
            "قافلة مساعدات إنسانية تصل إلى حلب",
            "وصلت قافلة مساعدات إنسانية إلى مدينة حلب بسوريا بعد أسابيع من الحصار، وفق ما \
             أعلنت الأمم المتحدة في بيان صدر مساء الخميس.",
            "رويترز",
            "2016-03-10T18:30:00+02:00",
        ),
        line_meta(
            "ahmad-3",
            "تكريم مرب قضى أربعين عاما في التعليم",
            "كرمت مدرسة النور الابتدائية المربي أحمد بن صالح بعد أربعين عاما قضاها في تعليم \
             الأطفال بولاية القيروان، بحضور زملائه وتلاميذه القدامى.",
            "Jawhara FM",
            "2017-01-20T21:43:00+01:00",
        ),
        line_meta(
            "diac-4",
            "الحُكُومَةُ تَرْفَعُ أَسْعَارَ المَحْرُوقَاتِ",
            "قَرَّرَتِ الحُكُومَةُ التُّونِسِيَّةُ رَفْعَ أَسْعَارِ المَحْرُوقَاتِ بِدَايَةً مِنَ \
             الشَّهْرِ القَادِمِ، وَفْقَ بَلَاغٍ صَادِرٍ عَنْ وِزَارَةِ الطَّاقَةِ.",
            "Jawhara FM",
            "2017-05-02",
        ),
        line_meta(
            "apart-5",
            "الجيش يتابع الوضع على الحدود الجنوبية",
            "قال وزير الدفاع إن التنسيق مع وزارة الخارجية مستمر، وإن الجيش يتابع الوضع على \
             الحدود الجنوبية عن كثب.",
            "الجزيرة",
            "2016-11-05",
        ),
        line_meta(
            "olive-6",
            "انطلاق موسم جني الزيتون في صفاقس",
            "انطلق موسم جني الزيتون في ولاية صفاقس وسط توقعات بصابة قياسية هذا العام، حسب \
             المندوبية الجهوية للفلاحة.",
            "رويترز",
            "2015-12-01",
        ),
        line_meta(
            "olive-7",
            "ارتفاع صابة الزيتون في سوسة",
            "سجلت صابة الزيتون في ولاية سوسة ارتفاعا ملحوظا مقارنة بالموسم الماضي، وفق تقديرات \
             الاتحاد الجهوي للفلاحين.",
            "Jawhara FM",
            "2016-12-15",
        ),
    ];
    let path = write_lines(dir, "news.jsonl", &lines);
    let data = dir.join("archive");
    ingest(&data, &[&path]).expect_code(0);
    assert_eq!(articles(&data), 7);
    data
}

fn ids<const K: usize>(ids: [&str; K]) -> Vec<String> {
    let mut v: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn commands_on_a_missing_archive_fail_clearly_and_create_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("nowhere");
    for args in [
        vec!["search", "سوريا"],
        vec!["search", "سوريا", "--json"],
        vec!["stats", "--json"],
        vec!["show", "syr-1"],
    ] {
        let out = khabar(&data, &args);
        assert!(
            out.code.is_some() && out.code != Some(0),
            "{args:?} fails: {out:?}"
        );
        assert!(
            out.stderr.contains("no archive") && out.stderr.contains("nowhere"),
            "{args:?} says there is no archive, and where: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        assert!(!data.exists(), "{args:?} must not create the archive");
    }
}

#[test]
fn search_json_has_the_documented_shape() {
    let tmp = tempfile::tempdir().unwrap();
    let data = corpus(tmp.path());
    let out = khabar(&data, ["search", "الزيتون", "--json"]);
    out.expect_code(0);
    let v = out.json();
    let top: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(top, BTreeSet::from(["total", "total_estimated", "hits"]));
    assert_eq!(v["total"], json!(2));
    // The CLI counts every match.
    assert_eq!(v["total_estimated"], json!(false));
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    let documented = ["id", "title", "source", "published", "score", "snippet"];
    let extras = ["highlights", "snippet_html"];
    let mut last_score = f64::INFINITY;
    for h in hits {
        let keys: BTreeSet<&str> = h.as_object().unwrap().keys().map(String::as_str).collect();
        for k in documented {
            assert!(keys.contains(k), "hit has {k}: {h}");
        }
        for k in &keys {
            assert!(
                documented.contains(k) || extras.contains(k),
                "undocumented key {k} in {h}"
            );
        }
        assert!(h["id"].is_string() && h["title"].is_string() && h["snippet"].is_string());
        assert!(h["source"].is_string() || h["source"].is_null());
        assert!(h["published"].is_string() || h["published"].is_null());
        let score = h["score"].as_f64().expect("score is a number");
        assert!(score > 0.0 && score <= last_score, "ranked by score: {v}");
        last_score = score;
        assert!(h["snippet"].as_str().unwrap().contains("الزيتون"));
    }
    let olive6 = hits.iter().find(|h| h["id"] == json!("olive-6")).unwrap();
    assert_eq!(olive6["source"], json!("رويترز"));
    assert_eq!(olive6["published"], json!("2015-12-01"));
    assert_eq!(olive6["title"], json!("انطلاق موسم جني الزيتون في صفاقس"));

    // No hits: still the same shape.
    let v = search(&data, "بطاطا", &[]);
    assert_eq!(v, json!({"total": 0, "total_estimated": false, "hits": []}));

    // --limit and --offset page through the same ranking.
    let all = hit_ids(&search(&data, "الزيتون", &[]));
    let first = khabar(&data, ["search", "الزيتون", "--json", "--limit", "1"]).json();
    let second = khabar(
        &data,
        [
            "search",
            "الزيتون",
            "--json",
            "--limit",
            "1",
            "--offset",
            "1",
        ],
    )
    .json();
    assert_eq!(first["total"], json!(2));
    assert_eq!(hit_ids(&first), all[..1]);
    assert_eq!(hit_ids(&second), all[1..2]);
}

#[test]
fn source_and_date_filters() {
    let tmp = tempfile::tempdir().unwrap();
    let data = corpus(tmp.path());
    // The query matches both olive stories; each filter keeps one.
    assert_eq!(found(&data, "الزيتون", &[]), ids(["olive-6", "olive-7"]));
    assert_eq!(
        found(&data, "الزيتون", &["--source", "رويترز"]),
        ids(["olive-6"])
    );
    assert_eq!(
        found(&data, "الزيتون", &["--from", "2016-01-01"]),
        ids(["olive-7"])
    );
    assert_eq!(
        found(&data, "الزيتون", &["--to", "2015-12-31"]),
        ids(["olive-6"])
    );
    // Source names match whatever their case; repeated --source means any of them.
    assert_eq!(
        found(&data, "", &["--source", "JAWHARA FM"]),
        ids(["ahmad-3", "diac-4", "olive-7"])
    );
    assert_eq!(
        found(&data, "", &["--source", "رويترز", "--source", "الجزيرة"]),
        ids(["syr-1", "syr-2", "apart-5", "olive-6"])
    );
    // Both ends inclusive; a date-time counts by its date.
    assert_eq!(
        found(&data, "", &["--from", "2016-03-10", "--to", "2016-11-05"]),
        ids(["syr-2", "apart-5"])
    );
    assert_eq!(
        found(&data, "", &["--from", "2017-01-20", "--to", "2017-01-20"]),
        ids(["ahmad-3"])
    );
    // Filters combine.
    assert_eq!(
        found(&data, "", &["--source", "الجزيرة", "--from", "2016-01-01"]),
        ids(["apart-5"])
    );
    assert!(found(&data, "الزيتون", &["--source", "الجزيرة"]).is_empty());

    // A date that is not a date is an error that says which.
    let out = khabar(&data, ["search", "الزيتون", "--from", "2015-13-01"]);
    assert!(out.code.is_some() && out.code != Some(0), "{out:?}");
    assert!(
        out.stderr.contains("--from") && out.stderr.contains("2015-13-01"),
        "{}",
        out.stderr
    );
}

#[test]
fn quoted_phrases_need_adjacent_words() {
    let tmp = tempfile::tempdir().unwrap();
    let data = corpus(tmp.path());
    // apart-5 has وزير (الدفاع) and (وزارة) الخارجية, not the two together.
    let words = found(&data, "وزير الخارجية", &[]);
    assert!(words.contains(&"syr-1".to_owned()) && words.contains(&"apart-5".to_owned()));
    assert_eq!(found(&data, "\"وزير الخارجية\"", &[]), ids(["syr-1"]));
    assert_eq!(found(&data, "«وزير الخارجية»", &[]), ids(["syr-1"]));
    // Order matters too.
    assert!(found(&data, "\"الخارجية وزير\"", &[]).is_empty());
    // --plain: quotes are not operators.
    let plain = found(&data, "\"وزير الخارجية\"", &["--plain"]);
    assert!(plain.contains(&"apart-5".to_owned()), "{plain:?}");
}

#[test]
fn minus_excludes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = corpus(tmp.path());
    assert_eq!(found(&data, "الزيتون -صفاقس", &[]), ids(["olive-7"]));
    assert_eq!(found(&data, "الزيتون -سوسة", &[]), ids(["olive-6"]));
    // Only exclusions: everything else.
    assert_eq!(found(&data, "-الزيتون", &[]).len(), 5);
    // An excluded phrase that no article has excludes nothing.
    assert_eq!(
        found(&data, "الزيتون -\"كأس العالم\"", &[]),
        ids(["olive-6", "olive-7"])
    );
}

/// `-"…"` leaves out the articles that have the phrase (a dev build used to panic here, in
/// tantivy 0.27's phrase scorer under `Exclude`; see crates/archive/tests/regressions.rs).
#[test]
fn minus_excludes_a_quoted_phrase() {
    let tmp = tempfile::tempdir().unwrap();
    let data = corpus(tmp.path());
    for (query, expected) in [
        ("الزيتون -\"ولاية سوسة\"", ids(["olive-6"])),
        ("صابة -\"ولاية سوسة\"", ids(["olive-6"])),
        // بولاية القيروان: the word, not the phrase.
        ("ولاية -\"ولاية سوسة\"", ids(["olive-6", "ahmad-3"])),
    ] {
        let out = khabar(&data, ["search", query, "--json"]);
        out.expect_code(0);
        let mut found = hit_ids(&out.json());
        found.sort();
        assert_eq!(found, expected, "{query}");
    }
    let out = khabar(&data, ["search", "--json", "--", "-\"ولاية سوسة\""]);
    out.expect_code(0);
    assert_eq!(out.json()["total"], json!(6));
}

#[test]
fn arabic_spelling_variants_match_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let data = corpus(tmp.path());
    // Hamza: احمد finds أحمد, and the other way round.
    assert_eq!(found(&data, "احمد", &[]), ids(["ahmad-3"]));
    assert_eq!(found(&data, "أحمد", &[]), ids(["ahmad-3"]));
    // Ta marbuta written as heh.
    assert_eq!(found(&data, "مدرسه", &[]), ids(["ahmad-3"]));
    // Proclitics: سوريا finds وسوريا and بسوريا.
    assert_eq!(found(&data, "سوريا", &[]), ids(["syr-1", "syr-2"]));
    // Diacritics ignored, in the text and in the query; tatweel too.
    assert_eq!(found(&data, "المحروقات", &[]), ids(["diac-4"]));
    assert_eq!(found(&data, "اسعار", &[]), ids(["diac-4"]));
    assert_eq!(found(&data, "مَدْرَسَة", &[]), ids(["ahmad-3"]));
    assert_eq!(found(&data, "الحكـــومة", &[]), ids(["diac-4"]));
    assert_eq!(found(&data, "\"الحكومة التونسية\"", &[]), ids(["diac-4"]));
}

/// The highlighted strings of a hit: its snippet sliced by the code-point ranges (each a word,
/// or adjacent words, never part of a word).
fn highlighted(hit: &Value) -> Vec<String> {
    let chars: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    hit["highlights"]
        .as_array()
        .expect("highlights is an array")
        .iter()
        .map(|r| {
            let (s, e) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            assert!(s < e && e <= chars.len(), "range {s}..{e} in the snippet");
            // Whole words: no letter just outside the range.
            assert!(s == 0 || !chars[s - 1].is_alphanumeric(), "{hit}");
            assert!(e == chars.len() || !chars[e].is_alphanumeric(), "{hit}");
            chars[s..e].iter().collect()
        })
        .collect()
}

fn hit<'a>(results: &'a Value, id: &str) -> &'a Value {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == json!(id))
        .unwrap_or_else(|| panic!("{id} in {results}"))
}

#[test]
fn highlights_are_code_point_ranges_of_matching_words() {
    let tmp = tempfile::tempdir().unwrap();
    let data = corpus(tmp.path());

    let r = search(&data, "احمد", &[]);
    assert_eq!(highlighted(hit(&r, "ahmad-3")), ["أحمد"]);

    let r = search(&data, "سوريا", &[]);
    assert_eq!(highlighted(hit(&r, "syr-1")), ["وسوريا"]);
    assert_eq!(highlighted(hit(&r, "syr-2")), ["بسوريا"]);

    // The original characters, diacritics and all.
    let r = search(&data, "المحروقات", &[]);
    assert_eq!(highlighted(hit(&r, "diac-4")), ["المَحْرُوقَاتِ"]);

    let r = search(&data, "\"وزير الخارجية\"", &[]);
    // Adjacent matched words are marked as one range.
    assert_eq!(highlighted(hit(&r, "syr-1")), ["وزير الخارجية"]);

    // snippet_html marks the same words.
    let r = search(&data, "الزيتون صفاقس", &[]);
    let h = hit(&r, "olive-6");
    let html = h["snippet_html"].as_str().unwrap();
    for w in highlighted(h) {
        assert!(html.contains(&format!("<mark>{w}</mark>")), "{html}");
    }
    assert_eq!(highlighted(h), ["الزيتون", "صفاقس"]);
}

#[test]
fn batch_runs_write_trec_lines_with_corpus_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let data = corpus(tmp.path());
    // An exact copy of olive-6 under another corpus id: the run lists it too.
    let copy = write_lines(
        tmp.path(),
        "copy.jsonl",
        &[line_meta(
            "olive-6-copy",
            "انطلاق موسم جني الزيتون في صفاقس",
            "انطلق موسم جني الزيتون في ولاية صفاقس وسط توقعات بصابة قياسية هذا العام، حسب \
             المندوبية الجهوية للفلاحة.",
            "رويترز",
            "2015-12-01",
        )],
    );
    ingest(&data, &[&copy]).expect_code(0);
    let known: BTreeSet<&str> = [
        "syr-1",
        "syr-2",
        "ahmad-3",
        "diac-4",
        "apart-5",
        "olive-6",
        "olive-6-copy",
        "olive-7",
    ]
    .into();

    let batch = tmp.path().join("topics.tsv");
    std::fs::write(
        &batch,
        "101\tموسم الزيتون\n102\tوزير الخارجية سوريا\n\n103\tبطاطا مقلية\n104\tالحكومة تقرر رفع أسعار المحروقات\n",
    )
    .unwrap();
    let run_path = tmp.path().join("run.txt");
    let run = |limit: &str| {
        let (out, written) = common::batch(&data, &batch, &run_path, &["--limit", limit]);
        out.expect_code(0);
        written
    };

    let text = run("10");
    let mut per_query: BTreeMap<String, Vec<(String, usize, f64)>> = BTreeMap::new();
    for l in text.lines() {
        let f: Vec<&str> = l.split(' ').collect();
        assert_eq!(f.len(), 6, "six fields: {l:?}");
        assert_eq!(f[1], "Q0", "{l}");
        assert_eq!(f[5], "khabar", "{l}");
        assert!(known.contains(f[2]), "docid is a corpus id: {l}");
        let rank: usize = f[3].parse().expect("rank is a number");
        let score: f64 = f[4].parse().expect("score is a number");
        per_query
            .entry(f[0].to_owned())
            .or_default()
            .push((f[2].to_owned(), rank, score));
    }
    assert!(!per_query.contains_key("103"), "no hits, no lines");
    for (qid, rows) in &per_query {
        let ranks: Vec<usize> = rows.iter().map(|r| r.1).collect();
        assert_eq!(ranks, (1..=rows.len()).collect::<Vec<_>>(), "{qid}: {text}");
        assert!(
            rows.windows(2).all(|w| w[0].2 >= w[1].2),
            "{qid}: scores do not increase with rank: {text}"
        );
        let docids: BTreeSet<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(docids.len(), rows.len(), "{qid}: a docid once per query");
    }
    let q101: BTreeSet<&str> = per_query["101"].iter().map(|r| r.0.as_str()).collect();
    assert_eq!(q101, BTreeSet::from(["olive-6", "olive-6-copy", "olive-7"]));
    assert_eq!(per_query["104"][0].0, "diac-4");
    let q102: BTreeSet<&str> = per_query["102"].iter().map(|r| r.0.as_str()).collect();
    assert!(q102.contains("syr-1") && q102.contains("syr-2"));

    // --limit caps the lines per query.
    let text = run("1");
    let qids: Vec<&str> = text.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(qids, ["101", "102", "104"]);
    assert!(text.lines().all(|l| l.split(' ').nth(3) == Some("1")));

    // A line without a tab is skipped, named, and makes the exit code 3.
    std::fs::write(&batch, "201\tالزيتون\nno tab here\n").unwrap();
    let (out, written) = common::batch(&data, &batch, &run_path, &[]);
    out.expect_code(3);
    assert!(out.stderr.contains("topics.tsv:2"), "{}", out.stderr);
    assert!(written.starts_with("201 Q0 "));
}

#[test]
fn show_prints_an_article_and_an_unknown_id_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let data = corpus(tmp.path());
    let a = show(&data, "ahmad-3").unwrap();
    assert_eq!(a["id"], json!("ahmad-3"));
    assert_eq!(a["source"], json!("Jawhara FM"));
    assert_eq!(a["published"], json!("2017-01-20T21:43:00+01:00"));
    assert!(a["text"].as_str().unwrap().contains("المربي أحمد بن صالح"));

    let out = khabar(&data, ["show", "ahmad-3"]);
    out.expect_code(0);
    assert!(out.stdout.contains("تكريم مرب قضى أربعين عاما في التعليم"));
    assert!(out.stdout.contains("المربي أحمد بن صالح"));

    for args in [vec!["show", "nope-404", "--json"], vec!["show", "nope-404"]] {
        let out = khabar(&data, &args);
        assert!(
            out.code.is_some() && out.code != Some(0),
            "unknown id fails: {out:?}"
        );
        assert!(
            out.stderr.contains("nope-404"),
            "names the id: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn reindex_gives_the_same_results_in_the_same_order() {
    let tmp = tempfile::tempdir().unwrap();
    let data = corpus(tmp.path());
    let fixture = jawhara_fixture();
    ingest(&data, &[&fixture]).expect_code(0);
    let queries = [
        "الزيتون",
        "سوريا",
        "وزير الخارجية",
        "\"وزير الخارجية\"",
        "السينما",
        "الفيلم التونسي",
        "الزيتون -صفاقس",
    ];
    let results = |data: &Path| -> Vec<Vec<(String, String)>> {
        queries
            .iter()
            .map(|q| {
                search(data, q, &[])["hits"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|h| {
                        (
                            h["id"].as_str().unwrap().to_owned(),
                            format!("{:.4}", h["score"].as_f64().unwrap()),
                        )
                    })
                    .collect()
            })
            .collect()
    };
    let before = results(&data);
    assert!(before.iter().all(|r| !r.is_empty()), "{before:?}");

    let out = khabar(&data, ["reindex"]);
    out.expect_code(0);
    assert!(out.stderr.contains("13 articles"), "{}", out.stderr);
    assert_eq!(results(&data), before);
    assert_consistent(&data);

    // Even with the index gone altogether.
    std::fs::remove_dir_all(data.join("index")).unwrap();
    khabar(&data, ["reindex"]).expect_code(0);
    assert_eq!(results(&data), before);
    assert_consistent(&data);
}

#[test]
fn real_jawharafm_records_are_searchable() {
    let (_tmp, data) = scratch();
    ingest(&data, &[&jawhara_fixture()]).expect_code(0);
    let s = stats(&data);
    assert_eq!(s["articles"], json!(6));
    assert_eq!(s["indexed"], json!(6));
    assert_eq!(s["first_published"], json!("2016-12-10T10:18:00+01:00"));
    assert_eq!(s["last_published"], json!("2017-04-29T07:41:00+01:00"));
    // مقتل "أبو عياض" في ليبيا
    assert_eq!(
        hit_ids(&search(&data, "ابو عياض", &[]))[0],
        "JA-internationalNews-43-20170123"
    );
    assert_eq!(
        found(&data, "", &["--source", "jawhara fm"]).len(),
        5,
        "one record has no source"
    );
    for id in JAWHARA_IDS {
        assert_eq!(show(&data, id).unwrap()["id"], json!(id));
    }
}

#[test]
fn demo_runs_from_anywhere_and_prints_results() {
    let tmp = tempfile::tempdir().unwrap();
    // A working directory with no ../shared or any data next to it.
    let cwd = tmp.path().join("empty-cwd");
    std::fs::create_dir(&cwd).unwrap();
    let dir = tmp.path().join("demo");
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_khabar"))
        .current_dir(&cwd)
        .env_remove("KHABAR_DATA")
        .args(["demo", "--no-serve", "--dir"])
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("1000 stored"), "{stdout}");
    assert!(stdout.contains("0 rejected"), "{stdout}");
    let searches = stdout.matches("── khabar search").count();
    assert!(searches >= 5, "{stdout}");
    assert!(stdout.contains("نتيجة / results"), "{stdout}");
    assert!(
        stdout.matches("   • ").count() >= searches,
        "each search shows hits: {stdout}"
    );
    assert!(
        !stdout.contains("→  0 نتيجة"),
        "every demo search finds something: {stdout}"
    );

    // The archive it built is a normal archive.
    let data = dir.join("archive");
    assert_eq!(articles(&data), 1000);
    assert_consistent(&data);
    assert!(!search(&data, "وزير الخارجية", &[])["hits"]
        .as_array()
        .unwrap()
        .is_empty());
}
