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
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // ASCII and the two-byte characters (Arabic among them) are read from their bytes:
        // this runs over every character of every article ingested.
        let (c, len) = if b < 0x80 {
            letters += usize::from(b.is_ascii_alphabetic());
            at += 1;
            continue;
        } else if b < 0xE0 {
            // A lead byte of two (the text is valid UTF-8, so its second byte is there).
            let code = u32::from(b & 0x1F) << 6 | u32::from(bytes[at + 1] & 0x3F);
            (char::from_u32(code).unwrap_or(' '), 2)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        at += len;
        // Arabic letters first: `is_alphabetic` on other characters is a table search.
        if crate::is_arabic_letter(c) {
            arabic += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    by_share(arabic, letters)
}

/// The language of `arabic` Arabic letters among `letters`.
fn by_share(arabic: usize, letters: usize) -> Language {
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

    /// The share as the characters give it, for comparison.
    fn by_chars(text: &str) -> Language {
        let (mut arabic, mut letters) = (0usize, 0usize);
        for c in text.chars() {
            if crate::is_arabic_letter(c) {
                arabic += 1;
                letters += 1;
            } else if c.is_alphabetic() {
                letters += 1;
            }
        }
        by_share(arabic, letters)
    }

    proptest::proptest! {
        /// Reading bytes gives what reading characters gives, whatever the script.
        #[test]
        fn bytes_read_as_characters(text in "(\\PC{0,10}|قال كيري|Kerry|é|ß|中文|😀|\u{0750}){0,20}") {
            proptest::prop_assert_eq!(language(&text), by_chars(&text));
        }
    }

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
