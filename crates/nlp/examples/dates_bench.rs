//! Dates in a JSONL file of articles (`id`, `text`, `published` or SaudiNewsNet's `crawled`),
//! read from stdin.
//!
//! ```text
//! zstd -dc ARTICLES.jsonl.zst | cargo run --release -p khabar-nlp --example dates_bench -- predict > pred.jsonl
//! zstd -dc ARTICLES.jsonl.zst | cargo run --release -p khabar-nlp --example dates_bench -- bench 5000
//! ```
//!
//! `predict` prints one `{"id", "dates": [{"text", "value", "relative", "weekday", "start",
//! "end"}]}` a line, as `score_understanding.py` reads (offsets in code points); `bench N`
//! times [`find_dates`] over the first N articles; `tokens N` times only the word split under
//! it, its floor. Both timings take the best of five passes (the machine is shared).

use std::io::{BufRead, Write};
use std::time::Instant;

use khabar_nlp::dates::{find_dates, Day};

/// `YYYY-MM-DD…` or (ANT) `DD/MM/YYYY`.
fn day(s: &str) -> Option<Day> {
    let b = s.get(..10)?;
    if b.as_bytes().get(2) == Some(&b'/') {
        let d = b.get(..2)?.parse().ok()?;
        let m = b.get(3..5)?.parse().ok()?;
        let y = b.get(6..10)?.parse().ok()?;
        return Some((y, m, d));
    }
    let y = b.get(..4)?.parse().ok()?;
    let m = b.get(5..7)?.parse().ok()?;
    let d = b.get(8..10)?.parse().ok()?;
    Some((y, m, d))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "predict".into());
    let limit: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let mut articles = Vec::new();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        if articles.len() >= limit {
            break;
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let published = ["published", "crawled"]
            .iter()
            .find_map(|k| v.get(*k).and_then(|x| x.as_str()).and_then(day));
        let id = v.get("id").map(|x| x.to_string()).unwrap_or_default();
        let text = v
            .get("text")
            .and_then(|x| x.as_str())
            .unwrap_or("")
            .to_string();
        articles.push((id, text, published));
    }
    if mode == "tokens" {
        // The floor: only splitting the texts into folded words, as find_dates does first.
        let mut word = String::new();
        let mut n = 0usize;
        let mut s = f64::MAX;
        for _ in 0..5 {
            n = 0;
            let t = Instant::now();
            for (_, text, _) in &articles {
                let mut it = khabar_text::tokens(text);
                while it.next_into(&mut word).is_some() {
                    n += 1;
                }
            }
            s = s.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{} articles, {n} words: {:.1} µs/article to tokenize",
            articles.len(),
            s * 1e6 / articles.len().max(1) as f64
        );
        return;
    }
    if mode == "bench" {
        // The best of five passes: the machine is shared, the fastest pass is the least disturbed.
        let bytes: usize = articles.iter().map(|a| a.1.len()).sum();
        let mut found = 0;
        let mut best = f64::MAX;
        for _ in 0..5 {
            found = 0;
            let t = Instant::now();
            for (_, text, published) in &articles {
                found += find_dates(text, *published).len();
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{} articles, {:.1} MB, {} dates: {:.1} µs/article, {:.0} MB/s",
            articles.len(),
            bytes as f64 / 1e6,
            found,
            best * 1e6 / articles.len().max(1) as f64,
            bytes as f64 / 1e6 / best
        );
        return;
    }
    let mut out = std::io::stdout().lock();
    for (id, text, published) in &articles {
        let dates: Vec<_> = find_dates(text, *published)
            .into_iter()
            .map(|m| {
                serde_json::json!({
                    "text": &text[m.start..m.end],
                    // Code-point offsets, as the JSON output gives them.
                    "start": text[..m.start].chars().count(),
                    "end": text[..m.end].chars().count(),
                    "value": m.value,
                    "relative": m.relative,
                    "weekday": m.weekday,
                })
            })
            .collect();
        let line = serde_json::json!({"id": serde_json::from_str::<serde_json::Value>(id).unwrap_or_default(), "dates": dates});
        let _ = writeln!(out, "{line}");
    }
}
