//! Character-level normalization: the many ways one Arabic word is written, folded to one.
//!
//! Arabic text on the web writes the same word in several ways: with or without short vowels
//! (harakat), with or without the hamza on alef (أ إ آ ا), with alef maqsura or yeh at the end
//! (على / علي), with ta marbuta or heh (مدرسة / مدرسه), stretched with tatweel (الـخبر), with
//! Arabic-Indic, Persian or ASCII digits, in presentation forms copied out of PDFs, with Persian
//! yeh and keheh, and sprinkled with invisible bidi and zero-width marks. Search must treat them
//! all as one. Folding happens per character, so offsets into the original text stay known.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// What one input character becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Part of a word, folded to this character.
    Char(char),
    /// A mark inside a word (haraka, tatweel, Quranic annotation): dropped, but it does not end
    /// the word.
    Drop,
    /// Invisible formatting (bidi marks, zero-width characters): dropped, never a boundary.
    Ignore,
    /// Anything else: punctuation, spaces, symbols. Ends a word.
    Break,
}

/// True for the invisible formatting characters that editors and sites scatter through Arabic
/// text: bidi marks and embeddings, isolates, zero-width space/joiners, word joiner, BOM.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

/// Folds one character for matching, keeping ta marbuta (ة) apart from heh: the stemmer needs to
/// know a feminine ending from a pronoun or a root letter; [`fold_ta_marbuta`] merges them after.
#[inline]
pub(crate) fn fold_char(c: char) -> Fold {
    match c {
        // ASCII fast path: letters lower-cased, digits kept, the rest breaks words.
        'a'..='z' | '0'..='9' => Fold::Char(c),
        'A'..='Z' => Fold::Char(c.to_ascii_lowercase()),
        '\0'..='\u{7F}' => Fold::Break,
        // Alef with hamza above/below, madda, wasla, wavy hamza: bare alef.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => {
            Fold::Char('\u{0627}')
        }
        // Hamza on waw or yeh: bare hamza, so مسؤول and مسئول, شؤون and شئون meet.
        '\u{0624}' | '\u{0626}' => Fold::Char('\u{0621}'),
        // Alef maqsura, Persian/Farsi yeh, yeh barree: yeh.
        '\u{0649}' | '\u{06CC}' | '\u{06D2}' | '\u{06D0}' => Fold::Char('\u{064A}'),
        // Keheh and swash kaf: kaf.
        '\u{06A9}' | '\u{06AA}' => Fold::Char('\u{0643}'),
        // Heh goal, heh doachashmee, ae: heh. Heh with yeh above / teh marbuta goal: ta marbuta.
        '\u{06C1}' | '\u{06BE}' | '\u{06D5}' => Fold::Char('\u{0647}'),
        '\u{06C0}' | '\u{06C3}' => Fold::Char('\u{0629}'),
        // Arabic-Indic and extended (Persian/Urdu) digits: ASCII.
        '\u{0660}'..='\u{0669}' => Fold::Char(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Fold::Char(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        // The other Arabic letters stand as they are; harakat are dropped. (Listed before the
        // general Unicode look-ups below, which are slow, since this is most of Arabic text.)
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => Fold::Char(c),
        '\u{064B}'..='\u{065F}' => Fold::Drop,
        // Tatweel and the superscript (dagger) alef: not letters of the word's spelling.
        '\u{0640}' | '\u{0670}' => Fold::Drop,
        _ if is_invisible(c) => Fold::Ignore,
        // Harakat, Quranic marks and any other combining mark.
        _ if is_combining_mark(c) => Fold::Drop,
        _ if c.is_alphanumeric() => {
            if c.is_uppercase() {
                // Lower-casing may give several characters (İ); the first is the letter.
                Fold::Char(c.to_lowercase().next().unwrap_or(c))
            } else {
                Fold::Char(c)
            }
        }
        _ => Fold::Break,
    }
}

/// True for presentation forms and other compatibility characters that NFKC rewrites into
/// ordinary letters (ﻻ → لا, ﷲ → الله, full-width Latin).
pub(crate) fn needs_compat_decomposition(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}' | '\u{FF01}'..='\u{FF5E}')
}

/// Calls `emit` with each compatibility-decomposed character of `c` (NFKC for one character).
pub(crate) fn decompose(c: char, emit: &mut impl FnMut(char)) {
    decompose_compatible(c, emit);
}

/// Merges ta marbuta into heh (مدرسة → مدرسه): writers use both at the end of a word.
pub fn fold_ta_marbuta(word: &mut String) {
    // ة is D8 A9 in UTF-8 and ه is D9 87: same length, so the bytes are rewritten in place.
    let bytes = word.as_bytes();
    if !bytes.windows(2).any(|w| w == [0xD8, 0xA9]) {
        return;
    }
    let mut bytes = std::mem::take(word).into_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == 0xD8 && bytes[i + 1] == 0xA9 {
            bytes[i] = 0xD9;
            bytes[i + 1] = 0x87;
            i += 2;
        } else {
            i += 1;
        }
    }
    *word = String::from_utf8(bytes).expect("one two-byte letter replaced by another");
}

/// Normalizes a whole text for matching, as the index sees it: every fold above, ta marbuta
/// merged into heh, words separated by single spaces (punctuation becomes a space).
///
/// Idempotent: `normalize(&normalize(s)) == normalize(s)`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut tokens = crate::tokens(text);
    while tokens.next_surface_into(&mut word).is_some() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}
