//! Arbitrary text as a search query through the archive's query parser
//! (`khabar_archive::query::parse`, and `parse_plain` for text read as plain words): parsing
//! must never panic, and what it returns must be made of the input.
#![no_main]

use khabar_archive::query::{parse, parse_plain, Item};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parse(input);
    // Each item is a piece of the input: the clauses never hold more text than was typed.
    let mut total = 0;
    for clause in &parsed.clauses {
        assert!(!clause.items.is_empty(), "an empty clause");
        // A negated item never joins an OR group.
        assert!(
            !clause.negated || clause.items.len() == 1,
            "a negated group"
        );
        for item in &clause.items {
            match item {
                Item::Word(w) => {
                    assert!(!w.is_empty(), "an empty word");
                    assert!(
                        !w.chars().any(char::is_whitespace),
                        "a word with a space: {w:?}"
                    );
                    assert!(w != "OR" && w != "|", "an operator kept as a word");
                    assert!(input.contains(w.as_str()), "a word not in the input: {w:?}");
                    total += w.len();
                }
                Item::Phrase(p) => {
                    assert!(!p.trim().is_empty(), "an empty phrase");
                    assert_eq!(p.trim(), p, "an untrimmed phrase");
                    assert!(
                        input.contains(p.as_str()),
                        "a phrase not in the input: {p:?}"
                    );
                    total += p.len();
                }
            }
        }
    }
    assert!(total <= input.len(), "more text out than in");
    // Parsing is deterministic.
    assert_eq!(parse(input), parsed);

    let plain = parse_plain(input);
    let words: Vec<&str> = input.split_whitespace().collect();
    assert_eq!(plain.clauses.len(), words.len());
    for (clause, word) in plain.clauses.iter().zip(words) {
        assert!(!clause.negated);
        assert_eq!(clause.items, [Item::Word(word.to_owned())]);
    }
});
