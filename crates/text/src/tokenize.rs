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
        word.clear();
        self.next_word(word, false)
    }

    /// [`Tokens::next_into`] appending the word to `buf` instead of replacing it: the
    /// words of a whole text in one buffer ([`Words`]).
    fn next_appended(&mut self, buf: &mut String) -> Option<(usize, usize)> {
        self.next_word(buf, false)
    }

    /// [`Tokens::next_into`] with ta marbuta merged into heh as it is read: the word as
    /// [`Token::surface`] gives it, without a second pass over it.
    pub fn next_surface_into(&mut self, word: &mut String) -> Option<(usize, usize)> {
        word.clear();
        self.next_word(word, true)
    }

    /// Appends the next word to `word` (what it held before stays) and returns its byte range.
    fn next_word(&mut self, word: &mut String, surface: bool) -> Option<(usize, usize)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let arabic: &[Fold; 256] = &ARABIC_FOLDS;
        let base = word.len();
        loop {
            let mut scan = Scan {
                surface,
                ..Scan::default()
            };
            word.truncate(base);
            let mut at = self.pos;
            let mut resume = bytes.len();
            while at < bytes.len() {
                let b = bytes[at];
                // ASCII (spaces, punctuation, Latin, digits) is most bytes of most texts: fold it
                // without decoding.
                let (ended, next) = if b < 0x80 {
                    let fold = match b {
                        b'a'..=b'z' | b'0'..=b'9' => Fold::Char(char::from(b)),
                        b'A'..=b'Z' => Fold::Char(char::from(b.to_ascii_lowercase())),
                        _ => Fold::Break,
                    };
                    (scan.step(fold, at, at + 1, word), at + 1)
                } else if (0xD8..=0xDB).contains(&b) {
                    // U+0600–U+06FF, the Arabic block, is most of the rest: two bytes (the text
                    // is valid UTF-8, so the second is there), folded by table.
                    let offset = usize::from(b - 0xD8) << 6 | usize::from(bytes[at + 1] & 0x3F);
                    (scan.step(arabic[offset], at, at + 2, word), at + 2)
                } else {
                    let c = text[at..]
                        .chars()
                        .next()
                        .unwrap_or(char::REPLACEMENT_CHARACTER);
                    let next = at + c.len_utf8();
                    let ended = if needs_compat_decomposition(c) {
                        scan.step_decomposed(c, at, next, word)
                    } else {
                        scan.step(fold_char(c), at, next, word)
                    };
                    (ended, next)
                };
                if ended {
                    resume = next;
                    break;
                }
                at = next;
            }
            self.pos = resume;
            if scan.start == usize::MAX {
                return None;
            }
            if scan.chars <= MAX_WORD_CHARS {
                return Some((scan.start, scan.end));
            }
        }
    }
}

/// What [`fold_char`] makes of each character of the Arabic block (U+0600–U+06FF), looked up
/// instead of decoded and matched: tokenizing is the first step of ingest, indexing, search and
/// snippets, and those steps run over every character.
static ARABIC_FOLDS: std::sync::LazyLock<[Fold; 256]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|i| {
        // Every code point of the block is a character (no surrogates there).
        char::from_u32(0x600 + i as u32).map_or(Fold::Break, fold_char)
    })
});

/// The word being read (`start` is `usize::MAX` until its first letter).
struct Scan {
    start: usize,
    end: usize,
    chars: usize,
    /// Whether ta marbuta is merged into heh (the surface form).
    surface: bool,
}

impl Default for Scan {
    fn default() -> Self {
        Scan {
            start: usize::MAX,
            end: 0,
            chars: 0,
            surface: false,
        }
    }
}

impl Scan {
    /// Takes one folded character found at byte range `at..next`; true when it ends the word.
    #[inline]
    fn step(&mut self, fold: Fold, at: usize, next: usize, word: &mut String) -> bool {
        match fold {
            Fold::Char(x) => {
                if self.start == usize::MAX {
                    self.start = at;
                }
                word.push(if self.surface && x == '\u{0629}' {
                    '\u{0647}'
                } else {
                    x
                });
                self.chars += 1;
                self.end = next;
                false
            }
            Fold::Drop => {
                if self.start != usize::MAX {
                    self.end = next;
                }
                false
            }
            Fold::Ignore => false,
            Fold::Break => self.start != usize::MAX,
        }
    }

    /// A compatibility character (ﻻ, ﷲ): each character of its decomposition, in turn.
    #[cold]
    fn step_decomposed(&mut self, c: char, at: usize, next: usize, word: &mut String) -> bool {
        let mut ended = false;
        decompose(c, &mut |d| ended |= self.step(fold_char(d), at, next, word));
        ended
    }
}

/// Every word of a text read once, in both folded forms, for the passes that each walk all
/// of them (entity grouping, dates, quotations): tokenizing an article was a tenth of
/// annotating it, done once per pass.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// The folded words one after another, as [`Tokens::next_into`] gives them.
    folded: String,
    /// The same with ta marbuta merged into heh, as [`Tokens::next_surface_into`] gives
    /// them. The merge keeps every word's length in bytes, so one range serves both.
    surface: String,
    at: Vec<WordAt>,
}

/// Where word `i` of [`Words`] is: in the text, and in its buffers.
#[derive(Debug, Clone, Copy)]
struct WordAt {
    start: usize,
    end: usize,
    from: usize,
    to: usize,
}

impl Words {
    /// The words of `text`, the same as [`tokens`] reads them.
    pub fn new(text: &str) -> Words {
        let mut folded = String::with_capacity(text.len());
        let mut at = Vec::with_capacity(text.len() / 8 + 1);
        let mut it = tokens(text);
        let mut from = 0;
        while let Some((start, end)) = it.next_appended(&mut folded) {
            at.push(WordAt {
                start,
                end,
                from,
                to: folded.len(),
            });
            from = folded.len();
        }
        // ([`fold_ta_marbuta`] over the whole text: `replace` finds ة by a byte search.)
        let surface = folded.replace('\u{0629}', "\u{0647}");
        Words {
            folded,
            surface,
            at,
        }
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// True when the text has no word.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// Each word's byte range in the text and its folded form ([`Tokens::next_into`]).
    pub fn folded(&self) -> impl Iterator<Item = (usize, usize, &str)> + '_ {
        self.at
            .iter()
            .map(|w| (w.start, w.end, &self.folded[w.from..w.to]))
    }

    /// Each word's byte range in the text and its surface form, ta marbuta merged into heh
    /// ([`Tokens::next_surface_into`]).
    pub fn surface(&self) -> impl Iterator<Item = (usize, usize, &str)> + '_ {
        self.at
            .iter()
            .map(|w| (w.start, w.end, &self.surface[w.from..w.to]))
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        // Room for most words (twelve Arabic letters) in the first allocation.
        let mut word = String::with_capacity(24);
        let (start, end) = self.next_into(&mut word)?;
        Some(Token { start, end, word })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The surface reading is the plain reading with ta marbuta merged afterwards.
        #[test]
        fn surface_words_are_words_with_ta_marbuta_merged(
            text in "(\\PC{0,8}|[ \n]|مدرسة|ة|\u{FE93}|\u{06C0}|ـ|\u{200F}){0,30}"
        ) {
            let (mut plain, mut surface) = (tokens(&text), tokens(&text));
            let (mut a, mut b) = (String::new(), String::new());
            loop {
                let (x, y) = (plain.next_into(&mut a), surface.next_surface_into(&mut b));
                proptest::prop_assert_eq!(x, y);
                if x.is_none() {
                    break;
                }
                fold_ta_marbuta(&mut a);
                proptest::prop_assert_eq!(&a, &b);
            }
        }
    }

    proptest::proptest! {
        /// [`Words`] holds what reading the text with [`Tokens`] gives, in both forms.
        #[test]
        fn words_are_the_tokens_read_once(
            text in "(\\PC{0,8}|[ \n]|مدرسة|ة|\u{FE93}|ـ|\u{0651}|[A-Za-z0-9]{1,70}){0,30}"
        ) {
            let words = Words::new(&text);
            let (mut plain, mut surface) = (tokens(&text), tokens(&text));
            let (mut a, mut b) = (String::new(), String::new());
            let mut n = 0;
            for ((s, e, w), (s2, e2, v)) in words.folded().zip(words.surface()) {
                proptest::prop_assert_eq!(plain.next_into(&mut a), Some((s, e)));
                proptest::prop_assert_eq!(surface.next_surface_into(&mut b), Some((s2, e2)));
                proptest::prop_assert_eq!(w, a.as_str());
                proptest::prop_assert_eq!(v, b.as_str());
                n += 1;
            }
            proptest::prop_assert_eq!(plain.next_into(&mut a), None);
            proptest::prop_assert_eq!(n, words.len());
        }
    }

    /// The table is `fold_char` of the block, and no character of the block needs the
    /// compatibility decomposition the general path applies first.
    #[test]
    fn the_arabic_table_is_fold_char() {
        for (i, fold) in ARABIC_FOLDS.iter().enumerate() {
            let c = char::from_u32(0x600 + i as u32).expect("a character");
            assert_eq!(*fold, fold_char(c), "U+{:04X}", 0x600 + i);
            assert!(!needs_compat_decomposition(c), "U+{:04X}", 0x600 + i);
        }
    }
}
