//! Counts, on unlabelled news, how often each word takes the definite article — the Arabic
//! stand-in for capitalisation as a name cue: common nouns and adjectives are written both
//! with and without ال (وزير / الوزير), foreign names and most given names never take it
//! (كيري, لافروف, موسكو), while names that carry ال always do (القاهرة).
//!
//! ```sh
//! zstd -dc ../shared/data/news/saudinewsnet-2015.jsonl.zst ../shared/data/news/ant-v1.1-jawharafm.jsonl.zst \
//!   | cargo run --release -p khabar-nlp --example ner_wordstats > crates/nlp/models/wordstats.tsv
//! ```
//!
//! Output: `word<TAB>bucket` for the most frequent words (folded surface forms, clitics left
//! on), where bucket 0–5 grades the share of the word's occurrences (bare form + ال form)
//! written with ال: 0 never … 5 always. Derived statistics only; no corpus text.

use std::io::{BufRead, Write};

use rustc_hash::FxHashMap;

const VOCAB: usize = 60_000;
const MIN_COUNT: u32 = 5;

fn main() {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.expect("read stdin");
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        for field in ["title", "text"] {
            let Some(text) = v.get(field).and_then(|t| t.as_str()) else {
                continue;
            };
            for t in khabar_text::tokens(text) {
                *counts.entry(t.surface()).or_insert(0) += 1;
            }
        }
    }
    // The bare form of every word: ال removed when it starts with it.
    let mut bare: FxHashMap<&str, (u32, u32)> = FxHashMap::default();
    for (w, &c) in &counts {
        match w.strip_prefix("ال") {
            Some(rest) if rest.chars().count() >= 2 => bare.entry(rest).or_default().1 += c,
            _ => bare.entry(w.as_str()).or_default().0 += c,
        }
    }
    let mut words: Vec<(&String, u32)> = counts
        .iter()
        .filter(|(_, &c)| c >= MIN_COUNT)
        .map(|(w, &c)| (w, c))
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    words.truncate(VOCAB);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    writeln!(
        out,
        "# word\tdefinite-article bucket — khabar-nlp examples/ner_wordstats.rs over SaudiNewsNet 2015 + ANT JawharaFM"
    )
    .unwrap();
    for (w, _) in words {
        let key = match w.strip_prefix("ال") {
            Some(rest) if rest.chars().count() >= 2 => rest,
            _ => w.as_str(),
        };
        let (plain, def) = bare.get(key).copied().unwrap_or((0, 0));
        let share = def as f64 / (plain + def).max(1) as f64;
        let bucket = if def == 0 {
            0
        } else if share < 0.02 {
            1
        } else if share < 0.2 {
            2
        } else if share < 0.6 {
            3
        } else if share < 0.98 {
            4
        } else {
            5
        };
        writeln!(out, "{w}\t{bucket}").unwrap();
    }
}
