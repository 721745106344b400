//! Reading ANERcorp-style CoNLL files and splitting them.

use std::fmt;

/// One sentence of a CoNLL file: tokens with their IOB2 tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens as written in the file (never split further).
    pub tokens: Vec<String>,
    /// One IOB2 tag per token: `O`, `B-PERS`, `I-LOC`, …
    pub tags: Vec<String>,
    /// 1-based line of the sentence's first token in the file.
    pub line: usize,
}

/// Why a CoNLL file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllError {
    /// 1-based line number of the offending line.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for ConllError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for ConllError {}

/// True for a valid IOB2 tag of the four ANERcorp types (`O`, `B-X`, `I-X`, X one of
/// PERS LOC ORG MISC; `PER` is accepted for PERS, case-insensitive).
fn valid_tag(tag: &str) -> bool {
    if tag == "O" {
        return true;
    }
    match tag.split_once('-') {
        Some((p, ty)) => matches!(p, "B" | "I") && crate::EntityType::parse(ty).is_some(),
        None => false,
    }
}

/// Normalises a tag: `PER` → `PERS`, types upper-cased.
fn canonical_tag(tag: &str) -> String {
    match tag.split_once('-') {
        Some((p, ty)) => match crate::EntityType::parse(ty) {
            Some(t) => format!("{p}-{}", t.as_str()),
            None => tag.to_owned(),
        },
        None => tag.to_owned(),
    }
}

/// True when `token` ends a sentence: `.`, `؟`, `!` (or `?`), ignoring invisible bidi marks.
pub(crate) fn ends_sentence(token: &str) -> bool {
    let t = token.trim_matches(|c: char| matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}'));
    matches!(t, "." | "؟" | "!" | "?")
}

/// Reads a CoNLL file of `token TAG` lines (IOB2 tags of PERS, LOC, ORG, MISC).
///
/// - The tag is the **last** whitespace-separated field of a line; the token is everything
///   before it (ANERcorp has a line `الأمن‏1706 ‏ I-ORG` whose token holds a bidi mark and a
///   space). A line holding only a tag is a token whose text was lost (ANERcorp has five):
///   it is kept as an empty token so the tags stay aligned. Further columns (POS, chunk) are
///   not supported: a line with a non-tag last field is an error.
/// - Sentences end at a blank line and after the tokens `.`, `؟`, `!` (ANERcorp has no blank
///   lines); `-DOCSTART-` lines are skipped.
/// - `I-X` after `O` or after a different type is **tolerated** and kept as written;
///   [`crate::ner::evaluate`] then reads it as the start of a span, as conlleval does.
///
/// Errors name the 1-based line: an unknown tag (`B-FOO`, `X`) or a line with no tag.
pub fn read_conll(text: &str) -> Result<Vec<Sentence>, ConllError> {
    let mut out = Vec::new();
    let mut cur = Sentence {
        tokens: Vec::new(),
        tags: Vec::new(),
        line: 1,
    };
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Sentence {
                        tokens: Vec::new(),
                        tags: Vec::new(),
                        line: line_no + 1,
                    },
                ));
            }
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            continue;
        }
        let trimmed = line.trim();
        let (token, tag) = match trimmed.rsplit_once(char::is_whitespace) {
            Some((tok, tag)) => (tok.trim(), tag),
            None => ("", trimmed),
        };
        if !valid_tag(tag) {
            let reason = if token.is_empty() {
                format!("malformed line (expected `token TAG`): {trimmed:?}")
            } else {
                format!("unknown tag {tag:?} (expected O, B-X or I-X with X in PERS LOC ORG MISC)")
            };
            return Err(ConllError {
                line: line_no,
                reason,
            });
        }
        if cur.tokens.is_empty() {
            cur.line = line_no;
        }
        cur.tokens.push(token.to_owned());
        cur.tags.push(canonical_tag(tag));
        if ends_sentence(token) {
            out.push(std::mem::replace(
                &mut cur,
                Sentence {
                    tokens: Vec::new(),
                    tags: Vec::new(),
                    line: line_no + 1,
                },
            ));
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Splits sentences into training and development parts: the **last sixth** of the sentences
/// (rounded down) is the development part, the rest the training part, in file order — the
/// way the standard ANERcorp split holds back the last sixth of the corpus.
pub fn split_train_dev(mut s: Vec<Sentence>) -> (Vec<Sentence>, Vec<Sentence>) {
    let dev_len = s.len() / 6;
    let dev = s.split_off(s.len() - dev_len);
    (s, dev)
}
