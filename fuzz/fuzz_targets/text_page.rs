//! Arbitrary text as a news page: the parser must not panic, and an article it returns has a
//! body made of the input's own lines.
#![no_main]

use khabar_ingest::parse_text_page;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(article) = parse_text_page(text) {
        assert!(!article.text.is_empty());
        assert!(article.text.split("\n\n").all(|p| !p.is_empty()));
    }
});
