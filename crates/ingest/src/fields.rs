//! Which JSON fields feed which [`Article`] field, how their values are cleaned, and how dates are
//! normalised to ISO 8601.
//!
//! Exports name the same thing many ways (`text`, `content`, `body`, `maintext`…), so the default
//! [`FieldMap`] tries the common conventions in order; a caller whose export uses an unusual name
//! overrides just that field.

use serde_json::{Map, Value};

use crate::{Article, RecordError};

/// The article fields a [`FieldMap`] can map, by the names [`FieldMap::set`] accepts.
pub const ARTICLE_FIELDS: &[&str] = &[
    "id",
    "title",
    "text",
    "url",
    "source",
    "published",
    "author",
    "category",
    "dateline",
];

const ID: &[&str] = &["id", "_id", "doc_id", "article_id"];
const TITLE: &[&str] = &["title", "headline"];
const TEXT: &[&str] = &["text", "content", "body", "article", "maintext"];
const URL: &[&str] = &["url", "link"];
const SOURCE: &[&str] = &["source", "outlet", "site", "publisher", "domain"];
// The crawl date is only a stand-in for the publication date, so it comes last: any real
// publication field wins over it.
const PUBLISHED: &[&str] = &[
    "published",
    "date",
    "published_at",
    "publish_date",
    "pubDate",
    "datetime",
    "publishedAt",
    "datePublished",
    "crawled",
    "date_crawled",
];
const AUTHOR: &[&str] = &["author", "authors"];
const CATEGORY: &[&str] = &["category", "section"];
const DATELINE: &[&str] = &["dateline"];

/// Separator for joining list values (an `authors` array): the Arabic comma.
const LIST_SEPARATOR: &str = "، ";

/// Which JSON field names feed each [`Article`] field.
///
/// A field left `None` is detected: the first of its conventional names that is present, not
/// `null` and not empty wins (an exact-case match first, then a case-insensitive one, so `Title`
/// works too). The conventional names are:
///
/// | article field | JSON fields tried, in order |
/// | --- | --- |
/// | `id` | `id`, `_id`, `doc_id`, `article_id` (a number is stringified) |
/// | `title` | `title`, `headline` |
/// | `text` | `text`, `content`, `body`, `article`, `maintext` (an array of paragraphs is joined with blank lines) |
/// | `url` | `url`, `link` |
/// | `source` | `source`, `outlet`, `site`, `publisher`, `domain` |
/// | `published` | `published`, `date`, `published_at`, `publish_date`, `pubDate`, `datetime`, `publishedAt`, `datePublished`, then `crawled`, `date_crawled` |
/// | `author` | `author`, `authors` (an array is joined with `، `) |
/// | `category` | `category`, `section` |
/// | `dateline` | `dateline` |
///
/// Strings are trimmed, numbers stringified, `null` and empty strings count as absent, an
/// object counts by its `name` member (`"source": {"id": "x", "name": "BBC"}`), and other arrays
/// are joined with `، `. The title's whitespace is squeezed to single spaces; the text keeps its
/// line structure with line endings normalised to `\n`; dates go through [`normalize_date`], and
/// a date that does not parse gives way to the next candidate field.
///
/// A field set to `Some(name)` reads only that JSON field (or, if no key is literally `name` and
/// it contains dots, the nested path `a.b.c`). For example, for an export whose body is in
/// `story`:
///
/// ```
/// use khabar_ingest::FieldMap;
/// let fields = FieldMap { text: Some("story".into()), ..FieldMap::default() };
/// assert_eq!(fields, FieldMap::default().with_text("story"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    /// JSON field for [`Article::id`].
    pub id: Option<String>,
    /// JSON field for [`Article::title`].
    pub title: Option<String>,
    /// JSON field for [`Article::text`].
    pub text: Option<String>,
    /// JSON field for [`Article::url`].
    pub url: Option<String>,
    /// JSON field for [`Article::source`].
    pub source: Option<String>,
    /// JSON field for [`Article::published`].
    pub published: Option<String>,
    /// JSON field for [`Article::author`].
    pub author: Option<String>,
    /// JSON field for [`Article::category`].
    pub category: Option<String>,
    /// JSON field for [`Article::dateline`].
    pub dateline: Option<String>,
}

/// [`FieldMap::set`] was given an article field name that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an article field; expected one of: id, title, text, url, source, published, author, category, dateline")]
pub struct UnknownArticleField(pub String);

macro_rules! builder {
    ($($(#[$doc:meta])* $method:ident => $field:ident;)*) => {
        $(
            $(#[$doc])*
            #[must_use]
            pub fn $method(mut self, json_field: impl Into<String>) -> Self {
                self.$field = Some(json_field.into());
                self
            }
        )*
    };
}

impl FieldMap {
    builder! {
        /// Reads [`Article::id`] from `json_field` only.
        with_id => id;
        /// Reads [`Article::title`] from `json_field` only.
        with_title => title;
        /// Reads [`Article::text`] from `json_field` only.
        with_text => text;
        /// Reads [`Article::url`] from `json_field` only.
        with_url => url;
        /// Reads [`Article::source`] from `json_field` only.
        with_source => source;
        /// Reads [`Article::published`] from `json_field` only.
        with_published => published;
        /// Reads [`Article::author`] from `json_field` only.
        with_author => author;
        /// Reads [`Article::category`] from `json_field` only.
        with_category => category;
        /// Reads [`Article::dateline`] from `json_field` only.
        with_dateline => dateline;
    }

    /// Sets the override for the article field named `article_field` (one of
    /// [`ARTICLE_FIELDS`]), as a command line's `--field text=story` would.
    pub fn set(
        &mut self,
        article_field: &str,
        json_field: impl Into<String>,
    ) -> Result<(), UnknownArticleField> {
        let slot = match article_field {
            "id" => &mut self.id,
            "title" => &mut self.title,
            "text" => &mut self.text,
            "url" => &mut self.url,
            "source" => &mut self.source,
            "published" => &mut self.published,
            "author" => &mut self.author,
            "category" => &mut self.category,
            "dateline" => &mut self.dateline,
            other => return Err(UnknownArticleField(other.to_owned())),
        };
        *slot = Some(json_field.into());
        Ok(())
    }

    /// Builds an [`Article`] from one parsed JSON object.
    ///
    /// Fails with [`RecordError::NoText`] when the text field is missing, `null`, or only
    /// whitespace: an article without a body is useless to search, and the user should hear
    /// about it rather than find empty entries.
    pub fn article_from_object(&self, obj: &Map<String, Value>) -> Result<Article, RecordError> {
        let text = self
            .lookup(obj, self.text.as_deref(), TEXT, |v| {
                value_to_string(v, "\n\n")
            })
            .map(|t| clean_text(&t))
            .filter(|t| !t.is_empty())
            .ok_or(RecordError::NoText)?;
        let plain = |over: &Option<String>, names: &[&str]| {
            self.lookup(obj, over.as_deref(), names, |v| {
                value_to_string(v, LIST_SEPARATOR)
            })
            .map(|s| collapse_whitespace(&s))
        };
        Ok(Article {
            id: plain(&self.id, ID),
            url: plain(&self.url, URL),
            source: plain(&self.source, SOURCE),
            category: plain(&self.category, CATEGORY),
            title: plain(&self.title, TITLE).unwrap_or_default(),
            published: self.lookup(obj, self.published.as_deref(), PUBLISHED, |v| match v {
                Value::String(s) => normalize_date(s),
                Value::Number(n) => n.as_i64().and_then(epoch_to_iso),
                _ => None,
            }),
            author: plain(&self.author, AUTHOR),
            dateline: plain(&self.dateline, DATELINE),
            text,
            related: Vec::new(),
        })
    }

    /// The first usable value: from the override only when there is one, else from the
    /// conventional names (exact case, then any case). `convert` returns `None` for values that
    /// are not usable (null, empty, wrong type, a date that does not parse), so the next name gets
    /// its turn.
    fn lookup(
        &self,
        obj: &Map<String, Value>,
        over: Option<&str>,
        names: &[&str],
        convert: impl Fn(&Value) -> Option<String>,
    ) -> Option<String> {
        if let Some(name) = over {
            return get_path(obj, name).and_then(&convert);
        }
        if let Some(found) = names.iter().find_map(|n| obj.get(*n).and_then(&convert)) {
            return Some(found);
        }
        names.iter().find_map(|n| {
            obj.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .and_then(|(_, v)| convert(v))
        })
    }
}

/// `obj[name]`, or failing that the nested `obj[a][b][c]` for `name` = `a.b.c`.
fn get_path<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    if let Some(v) = obj.get(name) {
        return Some(v);
    }
    let mut parts = name.split('.');
    let mut cur = obj.get(parts.next()?)?;
    for part in parts {
        cur = cur.as_object()?.get(part)?;
    }
    Some(cur)
}

/// A JSON value as text: strings trimmed, numbers stringified, arrays of strings joined with
/// `sep`, and objects by their `name` (as in `"source": {"id": "x", "name": "BBC"}`). Empty
/// results count as absent.
fn value_to_string(v: &Value, sep: &str) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(|item| value_to_string(item, sep))
            .collect::<Vec<_>>()
            .join(sep),
        Value::Object(o) => return o.get("name").and_then(|n| value_to_string(n, sep)),
        Value::Null | Value::Bool(_) => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// Trims and squeezes every run of whitespace (newlines included) into one space: titles and
/// names come with stray line breaks and tabs from the HTML they were scraped from.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalises a body's line endings (`\r\n` and lone `\r` become `\n`), drops trailing spaces
/// on each line and blank space at both ends, and otherwise keeps the paragraph structure
/// as given. U+2028/U+2029 are left alone: they are the text's own business.
pub(crate) fn clean_text(s: &str) -> String {
    let unified = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(unified.len());
    for (i, line) in unified.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.trim_end_matches([' ', '\t', '\u{a0}']));
    }
    out.trim().to_owned()
}

/// Normalises a publication date to ISO 8601, or `None` when it cannot be read.
///
/// | input | output |
/// | --- | --- |
/// | `2015-07-21` | `2015-07-21` |
/// | `2015-07-21 02:51:32` | `2015-07-21T02:51:32` |
/// | `2015-07-21 02:51` | `2015-07-21T02:51:00` |
/// | `2017-01-20T21:43:00+01:00` | unchanged |
/// | `2017-01-20T21:43:00.123Z` | unchanged |
/// | `2015-07-21 02:51:32 +0300` | `2015-07-21T02:51:32+03:00` |
/// | `2015-07-21 02:51:32 UTC` | `2015-07-21T02:51:32Z` |
/// | `2015/07/21` | `2015-07-21` |
/// | `21/07/2015`, `21-07-2015`, `21.07.2015` | `2015-07-21` (day first, the Arab and European order) |
/// | `20150721` | `2015-07-21` |
/// | `1437447092` (unix seconds) | `2015-07-21T02:51:32Z` |
/// | `1437447092000` (unix milliseconds) | `2015-07-21T02:51:32Z` |
/// | `Tue, 21 Jul 2015 02:51:32 +0000` (RSS `pubDate`) | `2015-07-21T02:51:32+00:00` |
///
/// Dates are checked (month 1–12, a day that exists in that month, hours < 24…), so
/// `2015-13-45` is `None` rather than a wrong date.
pub fn normalize_date(input: &str) -> Option<String> {
    let s = input.trim();
    if s.is_empty() || !s.is_ascii() {
        return None;
    }
    let b = s.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        return digits_date(s);
    }
    iso_like(s)
        .or_else(|| numeric_dmy(s))
        .or_else(|| rfc2822(s))
}

/// All digits: `YYYYMMDD`, or unix seconds / milliseconds.
fn digits_date(s: &str) -> Option<String> {
    if s.len() == 8 {
        let (y, m, d) = (num(&s[0..4])?, num(&s[4..6])?, num(&s[6..8])?);
        if (1800..=2200).contains(&y) && valid_ymd(y, m, d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    // Seconds since 1970 have 9–10 digits for 1973–2286; milliseconds have 12–13.
    match s.len() {
        9 | 10 => epoch_to_iso(s.parse().ok()?),
        12 | 13 => epoch_to_iso(s.parse::<i64>().ok()? / 1000),
        _ => None,
    }
}

/// A JSON number date: unix seconds, or milliseconds when too large to be seconds.
fn epoch_to_iso(secs: i64) -> Option<String> {
    let secs = if secs.unsigned_abs() >= 100_000_000_000 {
        secs / 1000
    } else {
        secs
    };
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if !(1..=9999).contains(&y) {
        return None;
    }
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    ))
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days).contains(&d)
}

/// `YYYY-MM-DD` or `YYYY/MM/DD`, then optionally `T` or space and a time, then an optional zone.
fn iso_like(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 10 || !(b[4] == b'-' || b[4] == b'/') || b[7] != b[4] {
        return None;
    }
    let (y, m, d) = (num(&s[0..4])?, num(&s[5..7])?, num(&s[8..10])?);
    if !valid_ymd(y, m, d) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(date);
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?.trim_start();
    let (time, zone) = time_and_zone(rest)?;
    Some(format!("{date}T{time}{zone}"))
}

/// `HH:MM[:SS[.fff]]` then an optional zone (`Z`, `UTC`, `GMT`, `+03:00`, `+0300`, `+03`),
/// possibly after a space. Returns the time (with seconds) and the zone in ISO form.
fn time_and_zone(s: &str) -> Option<(String, String)> {
    let b = s.as_bytes();
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let (h, mi) = (num(&s[0..2])?, num(&s[3..5])?);
    let mut end = 5;
    let mut sec = 0;
    let mut frac = "";
    if b.len() >= 8 && b[5] == b':' {
        sec = num(&s[6..8])?;
        end = 8;
        if b.len() > 8 && (b[8] == b'.' || b[8] == b',') {
            let digits = b[9..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            frac = &s[9..9 + digits];
            end = 9 + digits;
        }
    }
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let time = if frac.is_empty() {
        format!("{h:02}:{mi:02}:{sec:02}")
    } else {
        format!("{h:02}:{mi:02}:{sec:02}.{frac}")
    };
    Some((time, zone(s[end..].trim_start())?))
}

/// A time zone designator in ISO form: `""` (none), `Z`, or `±HH:MM`.
fn zone(s: &str) -> Option<String> {
    match s {
        "" => return Some(String::new()),
        "Z" | "z" | "UTC" | "GMT" | "UT" => return Some("Z".into()),
        _ => {}
    }
    let sign = match s.as_bytes()[0] {
        c @ (b'+' | b'-') => c as char,
        _ => return None,
    };
    let digits = &s[1..];
    let (h, m) = match digits.len() {
        2 => (num(digits)?, 0),
        4 => (num(&digits[0..2])?, num(&digits[2..4])?),
        5 if digits.as_bytes()[2] == b':' => (num(&digits[0..2])?, num(&digits[3..5])?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(format!("{sign}{h:02}:{m:02}"))
}

/// `DD/MM/YYYY`, `DD-MM-YYYY` or `DD.MM.YYYY`, day first, optionally followed by a time.
fn numeric_dmy(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 10 || !matches!(b[2], b'/' | b'-' | b'.') || b[5] != b[2] {
        return None;
    }
    let (d, m, y) = (num(&s[0..2])?, num(&s[3..5])?, num(&s[6..10])?);
    if !valid_ymd(y, m, d) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    let rest = s[10..].trim_start();
    if rest.is_empty() {
        return Some(date);
    }
    let (time, zone) = time_and_zone(rest)?;
    Some(format!("{date}T{time}{zone}"))
}

/// RFC 2822 / RSS: `[Tue, ]21 Jul 2015 02:51[:32] +0000`.
fn rfc2822(s: &str) -> Option<String> {
    let s = match s.find(',') {
        Some(i) => &s[i + 1..],
        None => s,
    };
    let mut words = s.split_whitespace();
    let d = num(words.next()?)?;
    let month = words.next()?;
    let m = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|name| month.len() >= 3 && month[..3].eq_ignore_ascii_case(name))? as u32
        + 1;
    let year = words.next()?;
    let y = num(year).filter(|_| year.len() == 4)?;
    if !valid_ymd(y, m, d) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    let Some(time) = words.next() else {
        return Some(date);
    };
    let zone_word = words.next().unwrap_or("");
    if words.next().is_some() {
        return None;
    }
    let (time, zone) = time_and_zone(&format!("{time} {zone_word}"))?;
    Some(format!("{date}T{time}{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_date_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2015-07-21", Some("2015-07-21")),
            ("  2015-07-21  ", Some("2015-07-21")),
            ("2015-07-21 02:51:32", Some("2015-07-21T02:51:32")),
            ("2015-07-21T02:51:32", Some("2015-07-21T02:51:32")),
            ("2015-07-21 02:51", Some("2015-07-21T02:51:00")),
            (
                "2017-01-20T21:43:00+01:00",
                Some("2017-01-20T21:43:00+01:00"),
            ),
            ("2017-01-20T21:43:00.123Z", Some("2017-01-20T21:43:00.123Z")),
            (
                "2015-07-21 02:51:32 +0300",
                Some("2015-07-21T02:51:32+03:00"),
            ),
            ("2015-07-21 02:51:32 UTC", Some("2015-07-21T02:51:32Z")),
            ("2015-07-21T02:51:32-05", Some("2015-07-21T02:51:32-05:00")),
            ("2015/07/21", Some("2015-07-21")),
            ("21/07/2015", Some("2015-07-21")),
            ("21-07-2015", Some("2015-07-21")),
            ("21.07.2015 14:05", Some("2015-07-21T14:05:00")),
            ("20150721", Some("2015-07-21")),
            ("1437447092", Some("2015-07-21T02:51:32Z")),
            ("1437447092000", Some("2015-07-21T02:51:32Z")),
            ("0", None),
            (
                "Tue, 21 Jul 2015 02:51:32 +0000",
                Some("2015-07-21T02:51:32+00:00"),
            ),
            ("21 July 2015 02:51 GMT", Some("2015-07-21T02:51:00Z")),
            ("21 Jul 2015", Some("2015-07-21")),
            ("2016-02-29", Some("2016-02-29")),
            ("2015-02-29", None),
            ("2015-13-01", None),
            ("2015-07-21 25:00:00", None),
            ("2015-07-21 02:51:32 nonsense", None),
            ("2015-07-21X", None),
            ("yesterday", None),
            ("الثلاثاء 21 يوليو 2015", None),
            ("", None),
            ("   ", None),
        ];
        for (input, want) in cases {
            assert_eq!(
                normalize_date(input).as_deref(),
                *want,
                "normalize_date({input:?})"
            );
        }
    }

    #[test]
    fn epoch_numbers_become_utc() {
        assert_eq!(epoch_to_iso(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            epoch_to_iso(951_782_400).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(
            epoch_to_iso(-86_400).as_deref(),
            Some("1969-12-31T00:00:00Z")
        );
        assert_eq!(epoch_to_iso(i64::MAX), None);
    }

    #[test]
    fn clean_text_keeps_paragraphs_and_unicode_separators() {
        assert_eq!(
            clean_text("  سطر أول \r\nسطر\u{2028}ثان\r\rثالث  \n"),
            "سطر أول\nسطر\u{2028}ثان\n\nثالث"
        );
    }

    #[test]
    fn set_rejects_unknown_fields() {
        let mut f = FieldMap::default();
        f.set("text", "story").unwrap();
        assert_eq!(f.text.as_deref(), Some("story"));
        let err = f.set("body", "x").unwrap_err();
        assert!(err.to_string().contains("`body` is not an article field"));
    }
}
