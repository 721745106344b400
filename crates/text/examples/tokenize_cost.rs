//! Tokenizes the bodies of a JSONL file of articles, for measuring the tokenizer alone:
//!
//! ```sh
//! cargo build --release -p khabar-text --example tokenize_cost
//! valgrind --tool=callgrind target/release/examples/tokenize_cost ARTICLES.jsonl
//! ```
//!
//! Prints the number of words and a checksum of their folded bytes and offsets, so that two
//! versions of the tokenizer can be compared for output as well as for cost.

use std::io::BufRead;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: tokenize_cost ARTICLES.jsonl");
    let file = std::fs::File::open(&path).expect("open the articles");
    let texts: Vec<String> = std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| {
            let v: serde_json::Value = serde_json::from_str(&line).ok()?;
            Some(v.get("text")?.as_str()?.to_owned())
        })
        .collect();
    let (mut words, mut sum) = (0u64, 0u64);
    let mut word = String::new();
    for text in &texts {
        let mut tokens = khabar_text::tokens(text);
        while let Some((start, end)) = tokens.next_into(&mut word) {
            words += 1;
            for b in word.bytes() {
                sum = sum.wrapping_mul(31).wrapping_add(u64::from(b));
            }
            sum = sum
                .wrapping_mul(31)
                .wrapping_add((start ^ end << 20) as u64);
        }
    }
    println!("{} texts, {words} words, checksum {sum:016x}", texts.len());
}
