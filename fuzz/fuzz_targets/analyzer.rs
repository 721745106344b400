//! Arbitrary text through the Arabic analyser (`khabar_text`): tokenizing, normalizing,
//! stemming, stop words, language and date detection must never panic; token offsets lie on
//! char boundaries inside the input and increase; `normalize` is idempotent, as documented.
#![no_main]

use khabar_text::{normalize, stem, tokens, MAX_WORD_CHARS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut last_end = 0;
    let mut surfaces = Vec::new();
    for t in tokens(text) {
        assert!(t.start < t.end, "an empty range {}..{}", t.start, t.end);
        assert!(t.end <= text.len(), "a range past the end");
        assert!(t.start >= last_end, "ranges out of order or overlapping");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        last_end = t.end;
        assert!(!t.word.is_empty(), "an empty word");
        let chars = t.word.chars().count();
        assert!(chars <= MAX_WORD_CHARS, "a word of {chars} characters");
        // A word's characters are folded letters and digits: no spaces inside a word.
        assert!(!t.word.chars().any(char::is_whitespace), "{:?}", t.word);
        let surface = t.surface();
        assert!(!surface.is_empty());
        // Stemming never empties a word, is stable, and so is the stopword list.
        let s = stem(&t.word);
        assert!(!s.is_empty(), "{:?} stems to nothing", t.word);
        assert_eq!(t.stem(), s);
        let _ = khabar_text::is_stopword(&surface);
        let _ = khabar_text::strip_prefix(&t.word);
        surfaces.push(surface);
    }
    // The Tokens iterator and its buffer-reusing form agree.
    let mut it = tokens(text);
    let mut word = String::new();
    let mut n = 0;
    while let Some((start, end)) = it.next_into(&mut word) {
        assert!(start < end && end <= text.len());
        n += 1;
    }
    assert_eq!(n, surfaces.len());

    let normal = normalize(text);
    assert_eq!(normal, surfaces.join(" "));
    assert_eq!(normalize(&normal), normal, "normalize is not idempotent");
    assert!(!normal.starts_with(' ') && !normal.ends_with(' ') && !normal.contains("  "));
    let _ = khabar_text::surface(text);
    let _ = khabar_text::language(text);
    if let Some((y, m, d)) = khabar_text::find_date(text) {
        assert!((1..=12).contains(&m), "month {m}");
        assert!(d >= 1 && d <= khabar_text::days_in_month(y, m), "day {d}");
    }
    if let Some((y, m, d)) = khabar_text::iso_day(text) {
        assert!((1..=12).contains(&m) && d >= 1 && d <= khabar_text::days_in_month(y, m));
        let days = khabar_text::days_from_civil(y, m, d);
        assert_eq!(khabar_text::civil_from_days(days), (y, m, d));
    }
});
