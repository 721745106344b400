//! Reads WARC files (`.warc` or `.warc.gz`, gzipped whole or per record) and prints how many
//! records were pages, skipped (by reason) or errors (with the first few), and the throughput
//! in decompressed MB/s.
//!
//! `cargo run --release -p khabar-ingest --example warc_scan -- crawl.warc.gz`

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::time::Instant;

use flate2::read::MultiGzDecoder;
use khabar_ingest::warc::{warc_records, WarcItem};
use khabar_ingest::DEFAULT_MAX_RECORD_BYTES;

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: warc_scan FILE.warc[.gz]...");
        std::process::exit(2);
    }
    for path in paths {
        let mut file = match File::open(&path) {
            Ok(f) => BufReader::with_capacity(64 * 1024, f),
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        // Gzip by magic bytes, as the readers do (a `.warc.gz` is a series of gzip members).
        let mut magic = [0u8; 2];
        let gzipped = file.read_exact(&mut magic).is_ok() && magic == [0x1f, 0x8b];
        let stream: Box<dyn Read> = {
            let head = std::io::Cursor::new(magic.to_vec());
            let raw = head.chain(file);
            if gzipped {
                Box::new(MultiGzDecoder::new(raw))
            } else {
                Box::new(raw)
            }
        };
        let start = Instant::now();
        let (mut pages, mut page_bytes, mut errors) = (0u64, 0u64, 0u64);
        let mut skipped: BTreeMap<String, u64> = BTreeMap::new();
        let mut records = warc_records(stream, DEFAULT_MAX_RECORD_BYTES);
        for item in records.by_ref() {
            match item {
                WarcItem::Page(page) => {
                    pages += 1;
                    page_bytes += page.body.len() as u64;
                }
                WarcItem::Skipped { reason, .. } => {
                    // Redirect targets make every reason unique: count by the part before them.
                    let key = reason.split(" (redirect to").next().unwrap_or(&reason);
                    *skipped.entry(key.to_owned()).or_default() += 1;
                }
                WarcItem::Error { offset, message } => {
                    errors += 1;
                    if errors <= 5 {
                        println!("{path} @{offset}: {message}");
                    }
                }
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let bytes = records.position() as f64;
        println!(
            "{path}: {pages} pages ({:.1} MB of HTML), {} skipped, {errors} errors; {:.1} MB \
             decompressed in {secs:.2} s ({:.1} MB/s)",
            page_bytes as f64 / 1e6,
            skipped.values().sum::<u64>(),
            bytes / 1e6,
            bytes / 1e6 / secs.max(1e-9)
        );
        for (reason, n) in skipped {
            println!("  skipped {n}: {reason}");
        }
    }
}
