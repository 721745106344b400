//! Reads the given files or directories and prints, per error kind, how many records were
//! rejected (with the first few messages), how many articles came out, and the throughput.
//!
//! `cargo run --release -p khabar-ingest --example scan -- data/news/`

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use khabar_ingest::{read_paths, ReadOptions};

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: scan PATH...");
        std::process::exit(2);
    }
    let start = Instant::now();
    let (mut articles, mut bytes, mut dated) = (0u64, 0u64, 0u64);
    let mut rejects: BTreeMap<&'static str, u64> = BTreeMap::new();
    for record in read_paths(&paths, &ReadOptions::default()) {
        bytes += record.raw_bytes;
        match &record.result {
            Ok(article) => {
                articles += 1;
                dated += u64::from(article.published.is_some());
            }
            Err(e) => {
                let seen = rejects.entry(e.kind()).or_default();
                if *seen < 5 {
                    println!("{}: {e}", record.location);
                }
                *seen += 1;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{articles} articles ({dated} dated), {:.1} MB in {secs:.2} s ({:.1} MB/s)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
    for (kind, n) in rejects {
        println!("rejected {kind}: {n}");
    }
}
