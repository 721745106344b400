//! Properties over arbitrary input: the readers never panic, and what they report is
//! consistent with the bytes they were given.

use std::io::Cursor;

use khabar_ingest::{normalize_date, parse_text_page, read_jsonl, ReadOptions};
use proptest::prelude::*;

const NAME: &str = "prop.jsonl";

/// Inputs that look partly like JSONL, so the interesting paths (parsing, field extraction) get
/// exercised, not only the UTF-8 check.
fn jsonlish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"{\"text\": \"".to_vec()),
        Just(b"\"}".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just("خبر عاجل".as_bytes().to_vec()),
        Just("\u{2028}".as_bytes().to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"{\"title\": null, \"id\": 5, \"date\": \"2015-07-21\"}".to_vec()),
        Just(vec![0x1f, 0x8b]),
        Just(vec![0x28, 0xb5, 0x2f, 0xfd]),
        prop::collection::vec(any::<u8>(), 0..16),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_jsonl(bytes: Vec<u8>, limit: u64) -> Result<(), TestCaseError> {
    let opts = ReadOptions {
        max_record_bytes: limit,
        ..ReadOptions::default()
    };
    let len = bytes.len() as u64;
    let compressed =
        bytes.starts_with(&[0x1f, 0x8b]) || bytes.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]);
    let records: Vec<_> = read_jsonl(Cursor::new(bytes), NAME, &opts).collect();
    prop_assert!(
        !records.is_empty(),
        "every input yields at least one record"
    );
    let mut last_line = 0;
    let mut last_offset = None;
    for r in &records {
        prop_assert_eq!(r.location.file.to_str(), Some(NAME));
        if let Some(line) = r.location.line {
            prop_assert!(line > last_line, "line numbers increase");
            last_line = line;
            let offset = r.location.offset;
            prop_assert!(offset.is_some());
            prop_assert!(offset > last_offset, "offsets increase");
            last_offset = offset;
        }
        if let Ok(a) = &r.result {
            prop_assert!(!a.text.trim().is_empty());
        }
        // Any message must render.
        if let Err(e) = &r.result {
            prop_assert!(!e.to_string().is_empty());
        }
    }
    // Raw bytes are the input's bytes, each counted once, so they cannot add up to more than
    // the input (only checked for plain input: decompressed data may be larger).
    if !compressed {
        let total: u64 = records.iter().map(|r| r.raw_bytes).sum();
        prop_assert!(total <= len, "raw bytes {} > input {}", total, len);
    }
    Ok(())
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), limit in 1u64..512) {
        check_jsonl(bytes, limit)?;
    }

    #[test]
    fn jsonl_like_bytes_never_panic(bytes in jsonlish(), limit in prop_oneof![Just(16u64), Just(1u64 << 24)]) {
        check_jsonl(bytes, limit)?;
    }

    /// Whatever the text (Arabic, `\n` and U+2028 inside), a record written as JSONL comes back
    /// as exactly one record with the same text (but for spaces at line ends, which are dropped).
    #[test]
    fn texts_round_trip(texts in prop::collection::vec("[ا-ي]([ا-ي \u{2028}\u{2029}\n]{0,30}[ا-ي])?", 1..20)) {
        let mut input = String::new();
        for t in &texts {
            input.push_str(&serde_json::json!({ "text": t }).to_string());
            input.push('\n');
        }
        let records: Vec<_> = read_jsonl(Cursor::new(input.into_bytes()), NAME, &ReadOptions::default()).collect();
        prop_assert_eq!(records.len(), texts.len());
        for (i, (r, t)) in records.iter().zip(&texts).enumerate() {
            prop_assert_eq!(r.location.line, Some(i as u64 + 1));
            let want: Vec<&str> = t.split('\n').map(|l| l.trim_end_matches(' ')).collect();
            prop_assert_eq!(&r.result.as_ref().unwrap().text, &want.join("\n"));
        }
    }

    #[test]
    fn text_pages_never_panic(text in any::<String>()) {
        if let Ok(a) = parse_text_page(&text) {
            prop_assert!(!a.text.is_empty());
        }
    }

    /// Pages assembled from page-like lines: the parser never panics, and every line of the input
    /// ends up somewhere (title, dateline, body, related) or is header noise, never invented.
    #[test]
    fn page_like_text_never_panics(lines in prop::collection::vec(prop_oneof![
        Just("كيري: الدبلوماسية بشأن سوريا لا تزال حية - It's Over 9000!"),
        Just("كيري: الدبلوماسية بشأن سوريا لا تزال حية"),
        Just("بلدي نيوز- (متابعات)"),
        Just("القاهرة - أ ش أ"),
        Just("(رويترز) -"),
        Just("مقالات ذات صلة"),
        Just("اقرأ أيضاً"),
        Just("دعا وزير الخارجية الأمريكي جون كيري، أمس الجمعة، لمواصلة الجهود."),
        Just(" | "),
        Just(" - "),
        Just("2016-12-17"),
        Just(""),
        Just("\r"),
        Just("\u{200f}"),
    ], 0..12)) {
        let text = lines.join("\n");
        if let Ok(a) = parse_text_page(&text) {
            prop_assert!(!a.text.is_empty());
            for p in a.text.split("\n\n") {
                prop_assert!(text.contains(p), "paragraph {:?} is from the input", p);
            }
        }
    }

    #[test]
    fn normalize_date_never_panics(s in any::<String>()) {
        let _ = normalize_date(&s);
    }

    /// Date-shaped strings reach the deep parsing paths; whatever comes out is a fixed point.
    #[test]
    fn normalized_dates_are_stable(s in "[0-9]{4}[-/][0-9]{2}[-/][0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,3})?)?( ?(Z|UTC|[+-][0-9]{2}:?[0-9]{2}))?)?|[0-9]{8,13}|[A-Z][a-z]{2}, [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}") {
        if let Some(d) = normalize_date(&s) {
            prop_assert_eq!(normalize_date(&d), Some(d.clone()));
            prop_assert!(d.len() >= 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-', "{}", d);
        }
    }
}
