//! Properties of search over arbitrary documents and queries (issue 7): a search never
//! panics (it answers `Ok` or a clean `Err`), and every highlight it hands out (the snippet's,
//! the title's, and the code-point ranges of the JSON API) lies inside the text it refers to,
//! on char boundaries, in order and without overlap.
//!
//! The documents and queries mix Arabic letters, harakat, tatweel, hamza forms, presentation
//! forms, Latin, Western and Arabic-Indic digits, punctuation, quotes, bidi and zero-width
//! marks and emoji, with words of real news among them so that queries match and snippets have
//! something to mark.

use std::path::PathBuf;
use std::sync::OnceLock;

use khabar_archive::{search_json, Archive, Filters, SearchRequest, SearchResults, Snippet};
use khabar_ingest::{Article, Location, Record};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Words of real news, in several spellings, so that queries and documents meet.
const VOCAB: &[&str] = &[
    "وزير",
    "الخارجية",
    "وزير الخارجية",
    "سوريا",
    "وسوريا",
    "بسوريا",
    "العراق",
    "لبنان",
    "للبنان",
    "إيران",
    "الأمم المتحدة",
    "الأُمَمُ",
    "المُتَّحِدَة",
    "مسؤول",
    "مسئول",
    "الـخـبر",
    "الخبر",
    "كيري",
    "لافروف",
    "سيرجي لافروف",
    "الرياض",
    "كوفيد-19",
    "على",
    "علي",
    "مدرسة",
    "مدرسه",
    "في",
    "من",
    "ال",
    "الـ",
    "ﻻ",
    "ﷲ",
    "ﷺ",
    "Kerry",
    "CNN",
    "2015",
    "٢٠١٥",
    "😀",
    "👨‍👩‍👧",
    "🇸🇦",
    "«الأمم المتحدة»",
    "\"مجلس الأمن\"",
];

/// Characters drawn at random between the words.
const CHARS: &str = "[ابتثجحخدذرزسشصضطظعغفقكلمنهوي أإآؤئءىة\u{064B}-\u{0652}\u{0670}\u{0640}\
                     a-zA-Z0-9\u{0660}-\u{0669}\u{06F0}-\u{06F9}،.؟!,;:\"«»“”()*\\-😀\u{200F}\
                     \u{200D}\u{200B}\u{FEFF}ﻻﷲﷺＡ\n]{1,8}";

/// What separates the pieces of a text.
const SEPARATORS: &[&str] = &[" ", " ", " ", "\n", "\n\n", "", "، "];

/// The query language's own characters, and a few that only look like it.
const SYNTAX: &[&str] = &[
    "\"", "-", "−", ":", "(", ")", "*", " OR ", " | ", "«", "»", "“", "”", " ", " ", "source:",
];

const SOURCES: &[&str] = &["الرياض", "aawsat", "Al Jazeera", "سانا"];

const DATES: &[&str] = &[
    "2015-08-01",
    "2015-08-02T10:00:00",
    "2016-02-29",
    "1999-12-31",
];

/// One piece of a text: a known word or a run of arbitrary characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(VOCAB).prop_map(str::to_owned),
        2 => CHARS,
    ]
}

/// A text of up to `max` pieces, joined by spaces, line breaks, paragraph breaks or nothing.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop::sample::select(SEPARATORS)), 0..max).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(p, sep)| format!("{p}{sep}"))
            .collect()
    })
}

/// A query: pieces and the query language's own characters, and a few that only look like it.
fn query() -> impl Strategy<Value = String> {
    let syntax = prop::sample::select(SYNTAX).prop_map(str::to_owned);
    prop::collection::vec(prop_oneof![3 => piece(), 2 => syntax], 0..12)
        .prop_map(|parts| parts.concat())
}

#[derive(Debug, Clone)]
struct Doc {
    title: String,
    text: String,
    source: Option<String>,
    published: Option<String>,
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        text(6),
        text(40),
        prop::option::of(prop::sample::select(SOURCES)),
        prop::option::of(prop::sample::select(DATES)),
    )
        .prop_map(|(title, text, source, published)| Doc {
            title,
            text,
            source: source.map(str::to_owned),
            published: published.map(str::to_owned),
        })
}

fn record(i: usize, d: &Doc) -> Record {
    Record {
        location: Location {
            file: PathBuf::from("props.jsonl"),
            line: Some(i as u64 + 1),
            offset: None,
        },
        raw_bytes: d.text.len() as u64,
        result: Ok(Article {
            id: Some(format!("doc-{i}")),
            title: d.title.clone(),
            text: d.text.clone(),
            source: d.source.clone(),
            published: d.published.clone(),
            ..Article::default()
        }),
    }
}

/// An archive in a temporary folder holding `docs`.
fn build(docs: &[Doc]) -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path(), true).unwrap();
    let records: Vec<Record> = docs.iter().enumerate().map(|(i, d)| record(i, d)).collect();
    archive
        .ingest(records.into_iter(), &mut ())
        .expect("ingesting arbitrary documents fails only if the archive does");
    (dir, archive)
}

/// Ranges of `text` that are in bounds, on char boundaries, non-empty, ordered and disjoint.
fn check_ranges(what: &str, text: &str, ranges: &[(usize, usize)]) -> Result<(), TestCaseError> {
    let mut last = 0;
    for &(a, b) in ranges {
        prop_assert!(
            last <= a && a < b && b <= text.len(),
            "{what}: range {a}..{b} (after {last}) of a {}-byte text {text:?}",
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(a) && text.is_char_boundary(b),
            "{what}: range {a}..{b} not on char boundaries of {text:?}"
        );
        last = b;
    }
    Ok(())
}

/// Everything a search's results expose about highlights, checked.
fn check_results(results: &SearchResults) -> Result<(), TestCaseError> {
    prop_assert!(results.hits.len() <= 10, "more hits than the limit");
    for hit in &results.hits {
        check_ranges("snippet", &hit.snippet.text, &hit.snippet.highlights)?;
        check_ranges("title", &hit.title, &hit.title_highlights)?;
        // Rendering slices the text at the ranges.
        let _ = (hit.snippet.to_html(), hit.snippet.to_ansi());
        let title = Snippet {
            text: hit.title.clone(),
            highlights: hit.title_highlights.clone(),
        };
        let _ = title.to_html();
        // The API's code-point ranges: in bounds and ordered too.
        let chars = hit.snippet.text.chars().count();
        let mut last = 0;
        for (a, b) in hit.snippet.highlight_chars() {
            prop_assert!(
                last <= a && a < b && b <= chars,
                "code points {a}..{b} of {chars}"
            );
            last = b;
        }
    }
    let json = search_json(results);
    for (hit, j) in results.hits.iter().zip(json["hits"].as_array().unwrap()) {
        prop_assert_eq!(j["snippet"].as_str(), Some(hit.snippet.text.as_str()));
    }
    Ok(())
}

/// Runs a search (and the chart's day counts) and checks what it returns; an `Err` must be a
/// clean error with a message.
fn check_search(archive: &Archive, req: &SearchRequest) -> Result<(), TestCaseError> {
    match archive.search(req) {
        Ok(results) => check_results(&results)?,
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    if let Err(e) = archive.day_counts(req) {
        prop_assert!(!e.to_string().is_empty());
    }
    Ok(())
}

/// A request for `q` with some of the options a client may set.
fn request(q: String, plain: bool, collapse: bool, offset: usize, filter: u8) -> SearchRequest {
    let mut filters = Filters::default();
    match filter {
        1 => filters.sources = vec!["الرياض".into()],
        2 => {
            filters.from = Some("2015-08-01".into());
            filters.to = Some("2015-12-31".into());
        }
        3 => filters.entities = vec![q.chars().take(12).collect()],
        _ => {}
    }
    SearchRequest {
        query: q,
        filters,
        limit: 10,
        offset,
        facets: filter == 0,
        collapse_copies: collapse,
        details: true,
        plain,
        exact_total: false,
    }
}

/// Documents chosen by hand for the corners, then arbitrary ones (a fixed seed, so that a
/// failure reproduces).
fn fixed_docs() -> Vec<Doc> {
    let mut docs: Vec<Doc> = [
        (
            "وزير الخارجية في «الرياض»",
            "دعا وزيرُ الخارجيّة الأمريكي جون كيري، أمس الجمعة، لمواصلة الجهود في سوريا.",
        ),
        (
            "ﷺﷺ ﻻﻻ",
            "ﷺﷺ ﻻ\u{200F}سوريا\u{200E} الـــخبر 😀👨‍👩‍👧 سوريا سوريا «مجلس الأمن»",
        ),
        ("", "مسؤول مسئول المسؤولون كوفيد-19 ٢٠١٥ 2015 Kerry CNN"),
        ("الأُمَمُ المُتَّحِدَة", "الأُمَمُ المُتَّحِدَة\n\n\"مجلس الأمن\" -سوريا"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (title, text))| Doc {
        title: (*title).to_owned(),
        text: (*text).to_owned(),
        source: (i % 2 == 0).then(|| "الرياض".to_owned()),
        published: Some(format!("2015-08-0{}", i + 1)),
    })
    .collect();
    let mut runner = TestRunner::deterministic();
    let strategy = doc();
    for _ in 0..40 {
        docs.push(strategy.new_tree(&mut runner).unwrap().current());
    }
    docs
}

fn fixed_archive() -> &'static Archive {
    static ARCHIVE: OnceLock<(tempfile::TempDir, Archive)> = OnceLock::new();
    &ARCHIVE.get_or_init(|| build(&fixed_docs())).1
}

proptest! {
    #![proptest_config(Config { cases: 1000, ..Config::default() })]

    /// Many queries against one archive of arbitrary documents.
    #[test]
    fn searching_never_panics_and_highlights_fall_on_char_boundaries(
        q in query(),
        plain in any::<bool>(),
        collapse in any::<bool>(),
        offset in 0usize..3,
        filter in 0u8..4,
    ) {
        check_search(fixed_archive(), &request(q, plain, collapse, offset, filter))?;
    }

    /// Queries made of arbitrary Unicode, not only the alphabet above.
    #[test]
    fn arbitrary_unicode_queries_never_panic(q in "\\PC{0,60}", plain in any::<bool>()) {
        check_search(fixed_archive(), &request(q, plain, false, 0, 0))?;
    }
}

proptest! {
    #![proptest_config(Config { cases: 32, ..Config::default() })]

    /// Fresh archives of a few arbitrary documents, each searched with several queries.
    #[test]
    fn small_arbitrary_archives(
        docs in prop::collection::vec(doc(), 1..6),
        queries in prop::collection::vec(query(), 1..10),
    ) {
        let (_dir, archive) = build(&docs);
        for q in queries {
            check_search(&archive, &request(q.clone(), false, false, 0, 0))?;
            check_search(&archive, &request(q, true, true, 0, 3))?;
        }
    }
}

/// The archive above is not vacuous: its documents are stored, and searches find and mark
/// words in them.
#[test]
fn the_fixed_archive_has_matches_to_mark() {
    let results = fixed_archive()
        .search(&SearchRequest {
            query: "سوريا الخارجية".into(),
            limit: 50,
            ..SearchRequest::default()
        })
        .unwrap();
    assert!(results.total >= 5, "{} hits", results.total);
    assert!(results
        .hits
        .iter()
        .any(|h| !h.snippet.highlights.is_empty()));
    assert!(results.hits.iter().any(|h| !h.title_highlights.is_empty()));
}
