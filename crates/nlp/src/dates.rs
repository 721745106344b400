//! Dates written in Arabic news text, resolved to ISO 8601.

/// A calendar day: year, month (1–12), day (1–31).
pub type Day = (i32, u32, u32);

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset of the expression's first character.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// ISO 8601: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `YYYY-Www`; `None` when the expression is
    /// relative and the publication date is unknown.
    pub value: Option<String>,
    /// The weekday named by the expression (0 = Monday … 6 = Sunday), when it names one;
    /// this is what is left of «أمس الجمعة» when there is no publication date to resolve it.
    pub weekday: Option<u8>,
    /// Whether resolving it needed the publication date.
    pub relative: bool,
}

/// Every date expression in `text`, in text order; relative ones are resolved against
/// `published` when it is known.
pub fn find_dates(text: &str, published: Option<Day>) -> Vec<DateMention> {
    let _ = (text, published);
    Vec::new()
}
