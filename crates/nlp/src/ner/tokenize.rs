//! Raw text → ANERcorp-like tokens with byte offsets.
//!
//! ANERcorp writes words and punctuation as separate tokens and leaves clitics attached
//! (`والصادرات`, `للاتحاد` are single tokens); numbers are runs of digits (`2002`, `1,000` is
//! `1` `,` `000`). The tokenizer here does the same on raw text: a token is a run of letters,
//! digits and in-word marks (harakat, tatweel, invisible joiners), or one other non-space
//! character.

/// One token of a raw text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawToken {
    pub start: usize,
    pub end: usize,
    /// True for a word (letters/digits), false for punctuation or a symbol.
    pub word: bool,
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'
        | '\u{06D6}'..='\u{06ED}' | '\u{0300}'..='\u{036F}')
}

/// Splits `text` into tokens; every offset is a char boundary and tokens are ordered and
/// disjoint.
pub(crate) fn raw_tokens(text: &str) -> Vec<RawToken> {
    let mut out = Vec::with_capacity(text.len() / 6);
    // The current word: start and end of its last visible character.
    let mut word: Option<(usize, usize)> = None;
    for (at, c) in text.char_indices() {
        let next = at + c.len_utf8();
        if is_word_char(c) || (is_mark(c) && word.is_some()) {
            match &mut word {
                Some((_, end)) => *end = next,
                None => word = Some((at, next)),
            }
            continue;
        }
        if is_invisible(c) && word.is_some() {
            // An invisible joiner or bidi mark inside a word does not split it; one at its end
            // is left out of the span.
            continue;
        }
        if let Some((s, e)) = word.take() {
            out.push(RawToken {
                start: s,
                end: e,
                word: true,
            });
        }
        if c.is_whitespace() || is_invisible(c) || c.is_control() || is_mark(c) {
            continue;
        }
        out.push(RawToken {
            start: at,
            end: next,
            word: false,
        });
    }
    if let Some((s, e)) = word {
        out.push(RawToken {
            start: s,
            end: e,
            word: true,
        });
    }
    out
}

/// Letters and digits, with Arabic letters and ASCII decided without a Unicode table search
/// (`char::is_alphanumeric` searches one for every non-ASCII character).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        khabar_text::is_arabic_letter(c) || c.is_alphanumeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_punctuation() {
        let t = "قال كيري، أمس: «سوريا» 2015.";
        let toks: Vec<&str> = raw_tokens(t).iter().map(|r| &t[r.start..r.end]).collect();
        assert_eq!(
            toks,
            [
                "قال",
                "كيري",
                "،",
                "أمس",
                ":",
                "«",
                "سوريا",
                "»",
                "2015",
                "."
            ]
        );
    }
}
