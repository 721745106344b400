//! Arbitrary bytes as a saved HTML page (any charset): extraction must not panic or hang, and
//! an article it returns has a body and no related headline inside it.
#![no_main]

use khabar_ingest::parse_html_page;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = parse_html_page(data, Some("https://example.org/a/b.html"), None) {
        assert!(!article.text.trim().is_empty());
    }
});
