//! Which language a text is in, as far as search cares: Arabic, another, or a mix.

/// The language of a text, from the share of its letters that are Arabic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// At least 80% of the letters are Arabic.
    Arabic,
    /// At most 20% of the letters are Arabic (or there are no letters).
    Other,
    /// In between: an Arabic page quoting English at length, a bilingual page.
    Mixed,
}

impl Language {
    /// The code khabar prints: `ar`, `other` or `mixed`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Arabic => "ar",
            Language::Other => "other",
            Language::Mixed => "mixed",
        }
    }
}

/// Classifies `text` by the share of Arabic among its letters.
pub fn language(text: &str) -> Language {
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in text.chars() {
        // Arabic letters and ASCII first: `is_alphabetic` on other characters is a table
        // search, and an article has thousands of letters.
        if crate::is_arabic_letter(c) {
            arabic += 1;
            letters += 1;
        } else if c.is_ascii() {
            letters += usize::from(c.is_ascii_alphabetic());
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters == 0 || arabic * 5 <= letters {
        Language::Other
    } else if arabic * 5 >= letters * 4 {
        Language::Arabic
    } else {
        Language::Mixed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_other_and_mixed() {
        assert_eq!(
            language("دعا وزير الخارجية الأمريكي جون كيري إلى مواصلة الجهود"),
            Language::Arabic
        );
        assert_eq!(
            language("Kerry says diplomacy on Syria is still alive"),
            Language::Other
        );
        assert_eq!(
            language("قال كيري Diplomacy is alive في روما"),
            Language::Mixed
        );
        assert_eq!(language("2015 — 12:30"), Language::Other);
        // A few Latin names in Arabic prose stay Arabic.
        assert_eq!(
            language("أعلنت شركة Apple عن هاتف جديد في مؤتمر صحفي عقدته في كاليفورنيا اليوم"),
            Language::Arabic
        );
    }
}
