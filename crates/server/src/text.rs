//! Untrusted text made safe to show: bidi controls neutralised, links only to the web, path
//! segments percent-encoded. (HTML escaping itself is maud's, on every interpolation.)

use std::borrow::Cow;

/// Whether `c` is a bidi embedding, override or isolate control (U+202A–U+202E,
/// U+2066–U+2069). In text from the web they can reorder what surrounds them on screen
/// (a right-to-left override makes `txt.exe` read `exe.txt`), so they are dropped; the
/// marks U+200E/U+200F, which only hint a direction, are kept.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` should not be shown: bidi controls, and C0/C1 controls other than line breaks
/// and tabs.
fn is_hidden(c: char) -> bool {
    is_bidi_control(c) || (c.is_control() && !matches!(c, '\n' | '\t'))
}

/// `s` without bidi controls and other control characters (borrowed when it has none).
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_hidden) {
        Cow::Owned(s.chars().filter(|&c| !is_hidden(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// `url` when it may be a link target: an absolute `http:` or `https:` URL with no spaces or
/// control characters. Anything else (`javascript:`, `data:`, relative paths) is shown as
/// text, never linked.
pub fn safe_href(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_bidi_control(c));
    (web && clean && url.len() > "https://".len()).then_some(url)
}

/// `s` percent-encoded for one path segment (`/entities/{name}`): everything but unreserved
/// ASCII is encoded, so a name with `/`, `?` or `#` stays one segment.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The day of an ISO date or date-time (`2015-08-01T10:00:00+03:00` → `2015-08-01`).
pub fn day(iso: &str) -> &str {
    iso.get(..10).unwrap_or(iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_bidi_overrides_and_controls_but_keeps_marks() {
        assert_eq!(clean("abc\u{202E}gpj.exe"), "abcgpj.exe");
        assert_eq!(clean("\u{2066}x\u{2069}\u{0007}"), "x");
        assert_eq!(clean("سوريا\u{200F} 2015\n"), "سوريا\u{200F} 2015\n");
        assert!(matches!(clean("نص عادي"), Cow::Borrowed(_)));
    }

    #[test]
    fn links_only_to_the_web() {
        assert_eq!(
            safe_href("https://aawsat.com/x"),
            Some("https://aawsat.com/x")
        );
        assert_eq!(
            safe_href(" HTTP://example.com/ "),
            Some("HTTP://example.com/")
        );
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,<script>"), None);
        assert_eq!(safe_href("/relative"), None);
        assert_eq!(safe_href("https://"), None);
        assert_eq!(safe_href("https://a.com/\u{202E}x"), None);
        assert_eq!(safe_href("https://a.com/ x"), None);
    }

    #[test]
    fn path_segments_stay_one_segment() {
        assert_eq!(encode_segment("a/b?c#d"), "a%2Fb%3Fc%23d");
        assert_eq!(encode_segment("جون"), "%D8%AC%D9%88%D9%86");
        assert_eq!(day("2015-08-01T10:00:00Z"), "2015-08-01");
        assert_eq!(day("2015"), "2015");
    }
}
