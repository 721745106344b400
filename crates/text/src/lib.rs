//! Arabic text analysis for search, with no I/O: what khabar indexes and how it matches.
//!
//! - [`tokens`] splits a text into words, each folded for matching and carrying its byte range
//!   in the original text (so highlights land on the original characters, right-to-left or not);
//! - [`normalize`] folds a whole text: hamza and alef forms, ى/ي, ة/ه, harakat, tatweel,
//!   digits, presentation forms, Persian letters, bidi and zero-width marks;
//! - [`stem`] removes clitics and light inflection where a frequency lexicon confirms them, so
//!   names keep their letters (فلسطين stays فلسطين);
//! - [`is_stopword`] tells function words, dropped from bag-of-words queries.
//!
//! Two forms of each word are indexed: the *surface* form ([`Token::surface`]) and the
//! *stem* ([`Token::stem`]); matching the surface form scores above matching the stem only.

mod dates;
mod language;
mod lexicon;
mod normalize;
mod stem;
mod stopwords;
mod tokenize;

pub use dates::{civil_from_days, days_from_civil, days_in_month, find_date, iso_day, MONTH_NAMES};
pub use language::{language, Language};
pub use lexicon::frequency as lexicon_frequency;
pub use normalize::{fold_ta_marbuta, normalize};
pub use stem::{is_arabic_letter, stem, strip_prefix};
pub use stopwords::{is_stopword, STOPWORDS};
pub use tokenize::{tokens, Token, Tokens, Words, MAX_WORD_CHARS};

/// The surface (matching) form of one word typed by a user: the first word of
/// [`normalize`]`(word)`, or an empty string when it has no letters or digits.
pub fn surface(word: &str) -> String {
    tokens(word).next().map(|t| t.surface()).unwrap_or_default()
}
