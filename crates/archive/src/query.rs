//! The query language a user types: words, `"phrases"`, `-exclusions` and `OR`.
//!
//! - `وزير الخارجية` — articles with either word, those with both (and with the exact forms)
//!   ranked first;
//! - `"الأمم المتحدة"` — the exact words in this order (no stemming inside quotes); a phrase
//!   is required;
//! - `-إيران`, `-"كأس العالم"` — articles with it are left out;
//! - `سوريا OR العراق` — either; `OR` joins the items on each side into one group.
//!
//! Parsing never fails: an unclosed quote runs to the end of the query, a lone `-` or `OR` is
//! ignored.

/// One searchable item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A bare word (may still hold punctuation the analyser splits on).
    Word(String),
    /// Quoted words, matched exactly and in order.
    Phrase(String),
}

/// A group of alternatives (joined by `OR`), possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The alternatives; one for a clause without `OR`.
    pub items: Vec<Item>,
    /// Excluded (`-`).
    pub negated: bool,
}

/// A parsed query: clauses in the order typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub clauses: Vec<Clause>,
}

/// Parses a user's query string.
pub fn parse(input: &str) -> ParsedQuery {
    let mut raw: Vec<(Item, bool)> = Vec::new();
    let mut or_after: Vec<bool> = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut negated = false;
        let mut start = i;
        if c == '-' || c == '\u{2212}' {
            negated = true;
            chars.next();
            match chars.peek() {
                Some(&(j, d)) if !d.is_whitespace() => start = j,
                _ => continue,
            }
        }
        let first = input[start..].chars().next().unwrap_or(' ');
        if is_quote(first) {
            chars.next();
            let body_start = start + first.len_utf8();
            let mut end = input.len();
            let mut after = input.len();
            for (j, d) in chars.by_ref() {
                if is_quote(d) {
                    end = j;
                    after = j + d.len_utf8();
                    break;
                }
            }
            let _ = after;
            let phrase = input[body_start..end].trim();
            if !phrase.is_empty() {
                raw.push((Item::Phrase(phrase.to_owned()), negated));
                or_after.push(false);
            }
            continue;
        }
        let mut end = input.len();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_whitespace() || (j > start && is_quote(d)) {
                end = j;
                break;
            }
            chars.next();
        }
        let word = &input[start..end];
        if word == "OR" || word == "|" {
            if let Some(last) = or_after.last_mut() {
                *last = true;
            }
            continue;
        }
        raw.push((Item::Word(word.to_owned()), negated));
        or_after.push(false);
    }
    // Join items linked by OR into one clause (a negated item never joins a group).
    let mut clauses: Vec<Clause> = Vec::new();
    let mut join_next = false;
    for ((item, negated), or) in raw.into_iter().zip(or_after) {
        match clauses.last_mut() {
            Some(last) if join_next && !negated && !last.negated => last.items.push(item),
            _ => clauses.push(Clause {
                items: vec![item],
                negated,
            }),
        }
        join_next = or;
    }
    ParsedQuery { clauses }
}

/// Reads `input` as plain text: every word is a word, nothing is an operator. For queries that
/// are text rather than typed syntax (a batch of headlines used as topics).
pub fn parse_plain(input: &str) -> ParsedQuery {
    ParsedQuery {
        clauses: input
            .split_whitespace()
            .map(|w| Clause {
                items: vec![Item::Word(w.to_owned())],
                negated: false,
            })
            .collect(),
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Item {
        Item::Word(s.into())
    }
    fn p(s: &str) -> Item {
        Item::Phrase(s.into())
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        let q = parse(r#""الأمم المتحدة" سوريا -إيران العراق OR لبنان -"كأس العالم""#);
        assert_eq!(
            q.clauses,
            vec![
                Clause {
                    items: vec![p("الأمم المتحدة")],
                    negated: false
                },
                Clause {
                    items: vec![w("سوريا")],
                    negated: false
                },
                Clause {
                    items: vec![w("إيران")],
                    negated: true
                },
                Clause {
                    items: vec![w("العراق"), w("لبنان")],
                    negated: false
                },
                Clause {
                    items: vec![p("كأس العالم")],
                    negated: true
                },
            ]
        );
    }

    #[test]
    fn guillemets_quote_a_phrase_and_unclosed_quotes_run_to_the_end() {
        assert_eq!(
            parse("«وزير الخارجية»").clauses[0].items,
            vec![p("وزير الخارجية")]
        );
        assert_eq!(
            parse("\"وزير الخارجية").clauses[0].items,
            vec![p("وزير الخارجية")]
        );
    }

    #[test]
    fn lone_operators_are_ignored() {
        assert_eq!(
            parse("- OR  سوريا OR").clauses,
            vec![Clause {
                items: vec![w("سوريا")],
                negated: false
            }]
        );
        assert!(parse("  ").clauses.is_empty());
        assert!(parse("\"\"").clauses.is_empty());
    }

    #[test]
    fn hyphen_inside_a_word_is_not_an_exclusion() {
        assert_eq!(
            parse("كوفيد-19").clauses[0],
            Clause {
                items: vec![w("كوفيد-19")],
                negated: false
            }
        );
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics_and_keeps_no_empty_items(q in "\\PC{0,100}") {
            for clause in parse(&q).clauses.iter().chain(parse_plain(&q).clauses.iter()) {
                proptest::prop_assert!(!clause.items.is_empty());
                for item in &clause.items {
                    match item {
                        Item::Word(w) | Item::Phrase(w) => proptest::prop_assert!(!w.trim().is_empty()),
                    }
                }
            }
        }
    }
}
