//! Snippets: the passage of an article that best shows why it matched, with the matched words
//! marked at their original positions.
//!
//! Highlights are byte ranges into the snippet's own text, in logical (reading) order: a
//! renderer wraps those ranges, and the browser's or terminal's bidi algorithm lays them out
//! right-to-left with the rest. Matching works on whole words (a bare «ال» is never marked).

use std::collections::HashSet;

/// A passage with marked words.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// The passage, whitespace collapsed, with `…` where it was cut.
    pub text: String,
    /// Byte ranges of `text` to mark, in order, not overlapping, on char boundaries.
    pub highlights: Vec<(usize, usize)>,
}

/// What a query marks: stems of its words, and surface forms of its quoted words.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    stems: HashSet<String>,
    surfaces: HashSet<String>,
    /// The [`letters`] of each stem and surface: a word lacking some letter of every one of
    /// them cannot match, and is passed over without being stemmed (most words of a text).
    letters: Vec<u64>,
}

/// The set of letters in a word, as bits (ة counted as ه, and every other character folded
/// onto some bit). A stem or surface form is the word's own letters with affixes cut and ة
/// written ه, so its set is always within the word's.
fn letters(word: &str) -> u64 {
    word.chars().fold(0u64, |set, c| {
        let c = if c == 'ة' { 'ه' } else { c };
        set | 1u64 << (u32::from(c) % 64)
    })
}

impl Matcher {
    /// Adds a query word (analysed); function words and bare ال are not marked.
    pub fn add_word(&mut self, token: &khabar_text::Token) {
        if worth_marking(token) {
            let stem = token.stem();
            self.letters.push(letters(&stem));
            self.stems.insert(stem);
        }
    }

    /// Adds a word of a quoted phrase: only its exact form is marked.
    pub fn add_phrase_word(&mut self, token: &khabar_text::Token) {
        if token.word.chars().count() > 1 && token.word != "ال" {
            let surface = token.surface();
            self.letters.push(letters(&surface));
            self.surfaces.insert(surface);
        }
    }

    fn matches(&self, token: &khabar_text::Token) -> Option<String> {
        let has = letters(&token.word);
        if !self.letters.iter().any(|&needs| needs & !has == 0) {
            return None;
        }
        let surface = token.surface();
        if self.surfaces.contains(&surface) {
            return Some(surface);
        }
        if !self.stems.is_empty() && worth_marking(token) {
            let stem = token.stem();
            if self.stems.contains(&stem) {
                return Some(stem);
            }
        }
        None
    }

    /// True when nothing would be marked.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.surfaces.is_empty()
    }
}

fn worth_marking(token: &khabar_text::Token) -> bool {
    token.word.chars().count() > 1
        && token.word != "ال"
        && !khabar_text::is_stopword(&token.surface())
}

impl Snippet {
    /// The best passage of at most `max_words` words of `text` for `matcher`; the opening of the
    /// text when nothing matches.
    pub fn best(text: &str, matcher: &Matcher, max_words: usize) -> Snippet {
        let tokens: Vec<khabar_text::Token> = khabar_text::tokens(text).collect();
        if tokens.is_empty() {
            return Snippet::default();
        }
        let marks: Vec<Option<String>> = tokens.iter().map(|t| matcher.matches(t)).collect();
        let max_words = max_words.max(1);
        // Slide a window over the words; score = distinct matched terms first, then matches.
        let mut best = (0usize, 0usize, 0usize);
        let mut start_best = 0;
        for start in 0..tokens.len() {
            if start > 0 && marks[start].is_none() {
                continue;
            }
            let end = (start + max_words).min(tokens.len());
            let window = &marks[start..end];
            let distinct: HashSet<&String> = window.iter().flatten().collect();
            let score = (
                distinct.len(),
                window.iter().flatten().count(),
                usize::MAX - start,
            );
            if score > best {
                best = score;
                start_best = start;
            }
        }
        // Start a little before the first match, for context.
        let start = if start_best > 0 {
            start_best.saturating_sub(3)
        } else {
            0
        };
        let end = (start + max_words).min(tokens.len());
        let mut snippet = Snippet::default();
        if start > 0 {
            snippet.text.push_str("… ");
        }
        for i in start..end {
            if i > start {
                push_gap(&mut snippet.text, &text[tokens[i - 1].end..tokens[i].start]);
            }
            let t = &tokens[i];
            let from = snippet.text.len();
            snippet.text.push_str(&text[t.start..t.end]);
            if marks[i].is_some() {
                let end = snippet.text.len();
                match snippet.highlights.last_mut() {
                    // Matched words separated by one space read as one marked phrase.
                    Some(last) if snippet.text[last.1..from] == *" " => last.1 = end,
                    _ => snippet.highlights.push((from, end)),
                }
            }
        }
        if end < tokens.len() {
            // Keep the punctuation that closes the last word (a full stop, a quote) when short.
            let gap = &text[tokens[end - 1].end..tokens[end].start];
            let closing: String = gap.chars().take_while(|c| !c.is_whitespace()).collect();
            if closing.chars().count() <= 2 {
                snippet.text.push_str(&closing);
            }
            snippet.text.push_str(" …");
        } else {
            let tail = text[tokens[end - 1].end..].trim_end();
            if tail.chars().count() <= 3 {
                snippet.text.push_str(tail);
            }
        }
        snippet
    }

    /// All of `text`, as it is (a title shown whole), with the words `matcher` marks: unlike
    /// [`Snippet::best`], nothing is cut or collapsed, so the highlights are byte ranges of
    /// `text` itself.
    pub fn whole(text: &str, matcher: &Matcher) -> Snippet {
        let mut highlights: Vec<(usize, usize)> = Vec::new();
        for t in khabar_text::tokens(text) {
            if matcher.matches(&t).is_none() {
                continue;
            }
            match highlights.last_mut() {
                // Matched words separated by one space read as one marked phrase.
                Some(last) if text[last.1..t.start] == *" " => last.1 = t.end,
                _ => highlights.push((t.start, t.end)),
            }
        }
        Snippet {
            text: text.to_owned(),
            highlights,
        }
    }

    /// The snippet as HTML: text escaped, highlights in `<mark>`.
    pub fn to_html(&self) -> String {
        self.render(escape_html, "<mark>", "</mark>")
    }

    /// The snippet for a terminal: highlights in bold yellow.
    pub fn to_ansi(&self) -> String {
        self.render(|s, out| out.push_str(s), "\x1b[1;33m", "\x1b[0m")
    }

    /// The snippet with highlights wrapped in the given markers.
    pub fn render(
        &self,
        mut text: impl FnMut(&str, &mut String),
        open: &str,
        close: &str,
    ) -> String {
        let mut out = String::with_capacity(self.text.len() + self.highlights.len() * 16);
        let mut at = 0;
        for &(s, e) in &self.highlights {
            text(&self.text[at..s], &mut out);
            out.push_str(open);
            text(&self.text[s..e], &mut out);
            out.push_str(close);
            at = e;
        }
        text(&self.text[at..], &mut out);
        out
    }

    /// Highlights as code-point offsets (what JavaScript and most languages index by).
    pub fn highlight_chars(&self) -> Vec<(usize, usize)> {
        self.highlights
            .iter()
            .map(|&(s, e)| {
                (
                    self.text[..s].chars().count(),
                    self.text[..e].chars().count(),
                )
            })
            .collect()
    }
}

/// Appends the text between two words with runs of whitespace made one space.
fn push_gap(out: &mut String, gap: &str) {
    let mut space = false;
    for c in gap.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(query: &str) -> Matcher {
        let mut m = Matcher::default();
        for t in khabar_text::tokens(query) {
            m.add_word(&t);
        }
        m
    }

    /// The letter prefilter may only skip words that cannot match: a word's stem and surface
    /// form never have a letter the word lacks. Real words with every kind of affix, then
    /// arbitrary strings.
    #[test]
    fn letters_of_stem_and_surface_are_within_the_word() {
        let words = [
            "والمدرسة",
            "للبنان",
            "للحكومة",
            "بالرياض",
            "فسيكتبونها",
            "مدرستها",
            "وزارتي",
            "الأمطار",
            "كالطالبات",
            "2015",
            "OPEC",
        ];
        for w in words {
            for t in khabar_text::tokens(w) {
                let has = letters(&t.word);
                assert_eq!(letters(&t.stem()) & !has, 0, "stem of {w}");
                assert_eq!(letters(&t.surface()) & !has, 0, "surface of {w}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn prefilter_never_hides_a_match(text in "[ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيـًٌٍَُِّْ a-z0-9]{0,60}") {
            for t in khabar_text::tokens(&text) {
                let mut m = Matcher::default();
                m.add_word(&t);
                m.add_phrase_word(&t);
                if !m.is_empty() {
                    proptest::prop_assert!(m.matches(&t).is_some(), "{} did not match itself", t.word);
                }
            }
        }
    }

    #[test]
    fn marks_inflected_forms_at_their_original_place() {
        let text = "دعا وزير الخارجية الأمريكي جون كيري، أمس الجمعة، لمواصلة الجهود للتوصل إلى سلام في سوريا.";
        let s = Snippet::best(text, &matcher("وزير خارجية سوريا"), 30);
        let marked: Vec<&str> = s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect();
        assert_eq!(marked, ["وزير الخارجية", "سوريا"]);
    }

    #[test]
    fn never_marks_a_bare_article_or_function_words() {
        let text = "قال إن الـ CNN نشرت في الخبر";
        let s = Snippet::best(text, &matcher("ال في CNN"), 30);
        let marked: Vec<&str> = s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect();
        assert_eq!(marked, ["CNN"]);
    }

    #[test]
    fn picks_the_passage_with_the_most_query_words() {
        let filler = "كلام عام لا علاقة له بالموضوع ".repeat(20);
        let text = format!("{filler}ثم التقى كيري نظيره لافروف في روما. {filler}");
        let s = Snippet::best(&text, &matcher("كيري لافروف"), 12);
        assert!(s.text.contains("كيري نظيره لافروف"), "{}", s.text);
        assert!(s.text.starts_with("… ") && s.text.ends_with(" …"));
    }

    #[test]
    fn html_escapes_untrusted_text() {
        let s = Snippet::best("<script>alert(1)</script> سوريا", &matcher("سوريا"), 30);
        let html = s.to_html();
        assert!(!html.contains("<script>"));
        assert!(html.contains("<mark>سوريا</mark>"));
    }

    #[test]
    fn a_whole_title_is_marked_where_its_words_are() {
        // Found by tests/search_props.rs: title highlights came from a snippet of the title,
        // which drops what comes before the first word, and did not fit the title itself.
        let title = "«عاجل»:  وزير الخارجية في سوريا\n";
        let s = Snippet::whole(title, &matcher("وزير خارجية سوريا"));
        assert_eq!(s.text, title);
        let marked: Vec<&str> = s.highlights.iter().map(|&(a, b)| &title[a..b]).collect();
        assert_eq!(marked, ["وزير الخارجية", "سوريا"]);
    }

    proptest::proptest! {
        #[test]
        fn highlights_always_fall_on_char_boundaries(
            text in "[\u{0600}-\u{06FF} a-z«»\u{200F}\u{0640}.،\n]{0,300}",
            query in "[\u{0621}-\u{064A} a-z\u{0640}]{0,40}",
            words in 1usize..50,
        ) {
            let s = Snippet::best(&text, &matcher(&query), words);
            let mut last = 0;
            for &(a, b) in &s.highlights {
                proptest::prop_assert!(a >= last && a < b && b <= s.text.len());
                proptest::prop_assert!(s.text.is_char_boundary(a) && s.text.is_char_boundary(b));
                last = b;
            }
            let _ = (s.to_html(), s.to_ansi(), s.highlight_chars());
        }

        #[test]
        fn snippets_of_arbitrary_unicode_never_panic(text in "\\PC{0,200}", query in "\\PC{0,30}") {
            let s = Snippet::best(&text, &matcher(&query), 10);
            for &(a, b) in &s.highlights {
                proptest::prop_assert!(s.text.is_char_boundary(a) && s.text.is_char_boundary(b));
            }
        }
    }
}
