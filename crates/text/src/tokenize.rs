//! Words with their place in the original text.
//!
//! A word is a run of letters and digits (Arabic, Latin or any other script). Marks inside a
//! word (harakat, tatweel) and invisible formatting characters do not split it; everything else
//! does. Each token remembers the byte range it came from, so a snippet can highlight the
//! original characters, diacritics and all, whatever the normalization did.

use crate::normalize::{decompose, fold_char, fold_ta_marbuta, needs_compat_decomposition, Fold};

/// Words longer than this many characters are not words (base64, URLs run together, junk) and
/// are skipped: they would only bloat the index.
pub const MAX_WORD_CHARS: usize = 64;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the word's first character in the original text.
    pub start: usize,
    /// Byte offset just past the word's last character (a char boundary).
    pub end: usize,
    /// The folded word, with ta marbuta still apart from heh (see [`Token::surface`]).
    pub word: String,
}

impl Token {
    /// The word as the surface field indexes it: folded, ta marbuta merged into heh.
    pub fn surface(&self) -> String {
        let mut w = self.word.clone();
        fold_ta_marbuta(&mut w);
        w
    }

    /// The word's light stem, as the stem field indexes it.
    pub fn stem(&self) -> String {
        crate::stem(&self.word)
    }
}

/// Iterator over the words of a text; see [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

/// Splits `text` into folded words with byte offsets into `text`.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

impl Tokens<'_> {
    /// Writes the next word into `word` (cleared first) and returns its byte range, or `None` at
    /// the end. Lets a caller reuse one buffer for every word of a long text.
    pub fn next_into(&mut self, word: &mut String) -> Option<(usize, usize)> {
        loop {
            let mut scan = Scan::default();
            word.clear();
            let rest = &self.text[self.pos..];
            let mut resume = self.text.len();
            for (i, c) in rest.char_indices() {
                let at = self.pos + i;
                let next = at + c.len_utf8();
                let ended = if needs_compat_decomposition(c) {
                    let mut ended = false;
                    decompose(c, &mut |d| ended |= scan.step(fold_char(d), at, next, word));
                    ended
                } else {
                    scan.step(fold_char(c), at, next, word)
                };
                if ended {
                    resume = next;
                    break;
                }
            }
            self.pos = resume;
            let start = scan.start?;
            if scan.chars <= MAX_WORD_CHARS {
                return Some((start, scan.end));
            }
        }
    }
}

/// The word being read.
#[derive(Default)]
struct Scan {
    start: Option<usize>,
    end: usize,
    chars: usize,
}

impl Scan {
    /// Takes one folded character found at byte range `at..next`; true when it ends the word.
    fn step(&mut self, fold: Fold, at: usize, next: usize, word: &mut String) -> bool {
        match fold {
            Fold::Char(x) => {
                if self.start.is_none() {
                    self.start = Some(at);
                }
                word.push(x);
                self.chars += 1;
                self.end = next;
                false
            }
            Fold::Drop => {
                if self.start.is_some() {
                    self.end = next;
                }
                false
            }
            Fold::Ignore => false,
            Fold::Break => self.start.is_some(),
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let mut word = String::new();
        let (start, end) = self.next_into(&mut word)?;
        Some(Token { start, end, word })
    }
}
