//! Builds the word-frequency lexicon the stemmer consults (`crates/text/data/lexicon.tsv`).
//!
//! Reads news JSONL on standard input (fields `title` and `text`), folds every word as the
//! tokenizer does, counts them, and prints `word<TAB>count` lines, most frequent first, for the
//! words seen at least `MIN_COUNT` times. The shipped lexicon is built from the JawharaFM part of
//! the ANT corpus (Apache-2.0; see NOTICE):
//!
//! ```text
//! zstd -dc ../shared/data/news/ant-v1.1-jawharafm.jsonl.zst \
//!   | cargo run --release -p khabar-text --example build_lexicon > crates/text/data/lexicon.tsv
//! ```
use std::collections::HashMap;
use std::io::{self, BufRead, Write};

const MIN_COUNT: u32 = 2;

fn main() -> io::Result<()> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let stdin = io::stdin();
    let mut word = String::new();
    for line in stdin.lock().split(b'\n') {
        let line = line?;
        let Ok(record) = serde_json::from_slice::<serde_json::Value>(&line) else {
            continue;
        };
        for field in ["title", "text"] {
            if let Some(text) = record.get(field).and_then(|v| v.as_str()) {
                let mut toks = khabar_text::tokens(text);
                while toks.next_into(&mut word).is_some() {
                    if word.chars().any(khabar_text::is_arabic_letter) {
                        *counts.entry(word.clone()).or_default() += 1;
                    }
                }
            }
        }
    }
    let mut rows: Vec<(String, u32)> = counts
        .into_iter()
        .filter(|(_, n)| *n >= MIN_COUNT)
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (w, n) in rows {
        writeln!(out, "{w}\t{n}")?;
    }
    Ok(())
}
