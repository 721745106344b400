//! Arbitrary bytes as a JSON Lines stream (possibly gzip- or zstd-compressed: the reader sniffs
//! magic bytes): the reader must not panic, and what it yields must be consistent.
#![no_main]

use std::io::Cursor;

use khabar_ingest::{read_jsonl, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A small limit exercises the skip-long-line path with small inputs.
    let opts = ReadOptions {
        max_record_bytes: 4096,
        ..ReadOptions::default()
    };
    let mut last_line = 0;
    // Bounded, so that a tiny compressed input that expands enormously cannot stall the run.
    for record in read_jsonl(Cursor::new(data.to_vec()), "fuzz.jsonl", &opts).take(100_000) {
        assert_eq!(record.location.file.as_os_str(), "fuzz.jsonl");
        if let Some(line) = record.location.line {
            assert!(line > last_line, "line numbers must increase");
            last_line = line;
        }
        match record.result {
            Ok(article) => assert!(!article.text.trim().is_empty()),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
});
