//! Arbitrary bytes as a (decompressed) WARC stream: the reader must not panic, must end, and
//! what it yields must be consistent with the input.
#![no_main]

use std::io::Cursor;

use khabar_ingest::warc::{warc_records, WarcItem};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A small limit exercises the over-the-limit and decompression-bound paths with small
    // inputs.
    const LIMIT: u64 = 4096;
    let len = data.len() as u64;
    let mut last = None;
    let mut count = 0usize;
    for item in warc_records(Cursor::new(data.to_vec()), LIMIT) {
        count += 1;
        // Offsets increase strictly, so there is at most one item per byte (plus one).
        assert!(
            count <= data.len() + 1,
            "too many items: the reader is looping"
        );
        let offset = item.offset();
        assert!(offset <= len, "offset {offset} past the end {len}");
        assert!(last < Some(offset), "offsets must increase");
        last = Some(offset);
        match item {
            WarcItem::Page(page) => {
                // A decoded body is bounded by the limit (inflated) or by the input (not).
                assert!(page.body.len() as u64 <= LIMIT.max(len));
            }
            WarcItem::Skipped { reason, .. } => assert!(!reason.is_empty()),
            WarcItem::Error { message, .. } => assert!(!message.is_empty()),
        }
    }
});
