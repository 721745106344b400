//! Prints the quotations of articles in the scorer's PRED format.
//!
//! `cargo run --release -p khabar-nlp --example quotes_pred < ARTICLES.jsonl > PRED.jsonl`
//! reads one JSON article a line (`id`, `text`) and prints `{"id", "quotes": [{"text",
//! "speaker", "kind"}]}` a line (entities are not given: speakers are as written; with `--ner`
//! the shipped tagger's entities are, as in production). With `--time` it prints only the
//! time per article on stderr.

use std::io::{BufRead, Write};
use std::time::Instant;

use khabar_nlp::quotes::{find_quotes, QuoteKind};

fn main() {
    let time = std::env::args().any(|a| a == "--time");
    // The tokenizer alone, for comparison.
    let tokens_only = std::env::args().any(|a| a == "--tokens-only");
    // With `--ner`, the quotations the full pipeline finds (speakers linked to the tagger's
    // entities), as production runs them.
    let ner = std::env::args().any(|a| a == "--ner");
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut total = std::time::Duration::ZERO;
    let (mut articles, mut bytes, mut found) = (0usize, 0usize, 0usize);
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("json");
        let id = v["id"].as_str().unwrap_or_default().to_owned();
        let text = v["text"].as_str().unwrap_or_default();
        let t0 = Instant::now();
        let quotes = if tokens_only {
            let mut word = String::new();
            let mut it = khabar_text::tokens(text);
            while it.next_into(&mut word).is_some() {}
            Vec::new()
        } else if ner {
            khabar_nlp::annotate(text, None).quotes
        } else {
            find_quotes(text, &[])
        };
        total += t0.elapsed();
        articles += 1;
        bytes += text.len();
        found += quotes.len();
        if time {
            continue;
        }
        let qs: Vec<serde_json::Value> = quotes
            .iter()
            .map(|q| {
                serde_json::json!({
                    "text": &text[q.start..q.end],
                    "speaker": q.speaker,
                    "kind": if q.kind == QuoteKind::Direct { "direct" } else { "indirect" },
                    "title": q.speaker_title,
                    "source": q.source,
                    "cue": q.cue.map(|(a, b)| &text[a..b]),
                })
            })
            .collect();
        let o = serde_json::json!({"id": id, "quotes": qs});
        writeln!(out, "{o}").expect("stdout");
    }
    if time {
        eprintln!(
            "{articles} articles, {bytes} bytes, {found} quotes: {:.1} µs/article, {:.1} MB/s",
            total.as_secs_f64() * 1e6 / articles.max(1) as f64,
            bytes as f64 / total.as_secs_f64().max(1e-9) / 1e6
        );
    }
}
