//! Dates written in Arabic news text, resolved to ISO 8601.
//!
//! [`find_dates`] reads a text's words once ([`khabar_text::Words`], so hamza, ta
//! marbuta, diacritics, tatweel and Arabic-Indic or Persian digits do not matter), gives each
//! word a kind (a number, a month name, a weekday, أمس, الأسبوع, الماضي…) with one hash lookup
//! (and one or two more without a proclitic و ف ب ل ك), and matches a small set of patterns at
//! each word, longest first. Every pattern looks at most a few words ahead or eight back, so
//! the pass is linear in the text; the allocations are the word kinds and the mentions.
//!
//! # What is found
//!
//! - full dates: `15 يوليو 2015`, `20 كانون الثاني/ يناير 2017`, `22 أبريل (نيسان) الماضي`
//!   (two month systems, one mention), `8 فيفري 2019`, `5 جويلية 2017`, `٣ مارس ٢٠١٦`,
//!   `الثالث من يوليو`, `الـ16 من ديسمبر 1965`, numeric `15/07/2015`, `1 / 10 / 2015`,
//!   `2015-07-15`; a range `من 2 إلى 6 أكتوبر`, `25 و26 أغسطس`, `6 و 9 ديسمبر`, `3و4 جوان`
//!   gives its first day the month of the second (two mentions); `غرة مارس`, `غرة رمضان` is
//!   the first day;
//!   `يوم 30 من نفس الشهر`, `31 من الشهر ذاته` is that day of the month the last date named;
//! - Hijri dates: `15 رمضان 1436 هـ`, `1436/9/15هـ`, `15/9/1436هـ` (a year from 1300 to 1500
//!   is Hijri), converted to Gregorian with the **tabular (arithmetic) Islamic calendar**
//!   (civil epoch, Friday 16 July 622 Julian; leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29
//!   of each 30-year cycle; as in Reingold & Dershowitz, *Calendrical Calculations*). Saudi
//!   papers follow Umm al-Qura, a day or two off at times, so the text corrects it where it
//!   can: a Hijri day named with its weekday (`الجمعة 4/8/1436`) is moved (±2 days at most) to
//!   that weekday, and when one Hijri day is given with its Gregorian equal (`9 شوال 1436هـ
//!   الموافق 25 يوليو 2015م`) or its weekday, every other Hijri day of the text moves by the
//!   same offset. A 30th day of a 29-day tabular month is its 29th (the text's month began a
//!   day earlier). A Hijri month with a year and no day (`رمضان 1436`, `شهر رمضان المبارك
//!   للعام الحالي 1436هـ`) gives the Gregorian `YYYY-MM` of its first day; a Hijri year alone
//!   (`عام 1436 هـ`, `1436هـ`) the Gregorian year its middle (1 Rajab) falls in;
//! - month and year `يوليو 2015`, `يوليو من عام 2015` → `2015-07`;
//! - years: `عام 2011`, `سنة 1859` (from 1000 after عام/سنة), `2015م`, a bare four-digit
//!   number from 1900 to 2100 after في, منذ, حتى, خلال, بحلول, مطلع, نهاية, بين, صيف…
//!   (`في 2014`), spans `2005 - 2011`, `من 2005 إلى 2011`, and `عامي 2014 و2015`;
//! - day and month without a year (`20 يناير`): the year is resolved against publication —
//!   followed by المقبل/القادم the next occurrence after it, by الماضي the last one before it,
//!   by الجاري/الحالي the publication year, by من العام الماضي the year before, else the
//!   nearest occurrence; `12 من الشهر الحالي` is the 12th of the publication month;
//! - a month without a year (`YYYY-MM`, resolved the same way) when it has such a modifier
//!   (`يوليو الماضي`, `رمضان الماضي`), follows شهر (`شهر يونيو`, `شهر رمضان`), is written in
//!   two systems (`آذار/مارس`), or follows في, منذ, مطلع… (`في مارس`). Alone, a name may be a
//!   word (مارس «he practised», آب «father», نيسان the carmaker), and is left out;
//! - weekdays used as dates (`الجمعة`, `يوم الأحد`, `الجمعة الماضي`, `الأحد المقبل`) and combined
//!   forms (`أمس الجمعة`, `اليوم (الاثنين)`, `أول من أمس (الخميس)`, `يوم غد الأحد`,
//!   `يوم الجمعة 15 يوليو`), each ONE mention;
//! - relative words: أمس, بالأمس, البارحة, أول أمس, أول من أمس, أمس الأول, البارحة الأولى,
//!   اليوم, الليلة, الليلة الماضية, غدا, يوم غد, بعد غد, هذا الأسبوع, الأسبوع
//!   الماضي/المنقضي/الفارط/المقبل, الشهر الماضي/الجاري/المقبل, العام/السنة
//!   الماضي(ة)/الجاري/الحالي/المقبل(ة), هذا العام;
//! - counted ones: `منذ أسبوعين`, `قبل ثلاثة أيام`, `منذ يومين`, `بعد أسبوع`, `قبل 5 سنوات`,
//!   `منذ عام` (digits, number words three to ten, duals, a singular unit for one), also
//!   «about» (`منذ نحو أسبوعين`, `قبل حوالي 4 سنوات`).
//!
//! Not dates: durations with no anchor (`لمدة ثلاث سنوات`, `خلال عامين`), vague spans (`منذ
//! سنوات`), counts from another event (`بعد يومين من الهجوم`, `بعد أسبوع على`), `يوما بعد
//! يوم`, times of day, numbers that are not years, ages (`البالغ من العمر 20 عاما`), and
//! اليوم that is not today: `اليوم الوطني`, `اليوم التالي`, `اليوم ذاته`, `في اليوم` (per
//! day), `ذلك اليوم`, the papers `«اليوم»`, `صحيفة اليوم`, `عين اليوم` and names ending with it
//! in marks (`«روسيا اليوم»`); weekdays in `صلاة الجمعة`
//! and weekly schedules (`من الأحد إلى الخميس`); الأمس alone (`نجوم الأمس`: the past).
//!
//! # Conventions
//!
//! - A mention leaves out a proclitic و/ف/ب/ل/ك (`وأمس` → `أمس`) except before the article
//!   (`والأسبوع الماضي`, `للعام الماضي`, `بالأمس` stay whole), and includes يوم, the modifier,
//!   هـ/م and brackets between two month systems, but not the closing bracket at its end.
//! - Weeks are ISO 8601 weeks (Monday first, week-numbering year), written `YYYY-Www`.
//!   `الأسبوع الماضي` is the week before the publication week, `الأسبوع المقبل` the one after,
//!   `هذا الأسبوع` the publication week.
//! - A counted expression takes the granularity of its unit: days give a day
//!   (`قبل ثلاثة أيام` = published − 3), weeks the ISO week that holds published − 7n
//!   (`منذ أسبوعين` = the week holding published − 14 days, so two weeks before the
//!   publication week, consistently with `الأسبوع الماضي`), months `YYYY-MM` (published month
//!   − n), years `YYYY` (published year − n).
//! - A weekday alone is the last such day on or before publication (`الجمعة` in an article of
//!   Saturday 2016-12-03 is 2016-12-02), or the first on or after it when the clause (up to
//!   eight words back) speaks of the future (سوف, من المقرر, يعتزم, a verb with the future
//!   prefix س: سـ + a present verb the news lexicon knows, not a name such as ستورجن); with
//!   الماضي strictly before, with المقبل/القادم strictly after. Joined to أمس,
//!   اليوم or غدا, it is the day of that weekday nearest the day the word names: the weekday
//!   wins, since it is what the writer saw, while the publication date may be a day late
//!   (`اليوم الجمعة` in an article dated Saturday is the Friday).
//! - `relative` is true when the value needed the publication date; without one such
//!   mentions have no value (but keep their weekday). A weekday joined to a full date is not
//!   relative and keeps its weekday.

use std::sync::OnceLock;

use khabar_text::{civil_from_days, days_from_civil, days_in_month, MONTH_NAMES};
use rustc_hash::FxHashMap;

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
/// `published` when it is known (an impossible day counts as unknown).
pub fn find_dates(text: &str, published: Option<Day>) -> Vec<DateMention> {
    find_dates_in(text, &khabar_text::Words::new(text), published)
}

/// [`find_dates`] with the text's words already read (`words` must be `text`'s).
pub(crate) fn find_dates_in(
    text: &str,
    words: &khabar_text::Words,
    published: Option<Day>,
) -> Vec<DateMention> {
    let toks = classify_all(text, words);
    let pubd = published.and_then(|(y, m, d)| day_number(y, m, d));
    let mut p = Parser {
        text,
        toks: &toks,
        pubd,
        out: Vec::new(),
        hijri_days: Vec::new(),
    };
    let mut i = 0;
    while i < toks.len() {
        if toks[i].k == K::Other {
            i += 1;
            continue;
        }
        match p.at(i) {
            Some(next) => i = next.max(i + 1),
            None => i += 1,
        }
    }
    p.calibrate_hijri();
    p.out
}

// ---------------------------------------------------------------------------------------------
// Words and their kinds

/// Units of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// Which way a modifier (الماضي, المقبل, الجاري) points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Past,
    Next,
    Current,
}

/// What a number token carries after its digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suf {
    None,
    /// م: a Gregorian year.
    Greg,
    /// هـ: a Hijri year.
    Hijri,
}

/// The kind of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Other,
    /// Digits (at most four), with what follows them in the same word.
    Num(u32, u8, Suf),
    /// A one-word Gregorian month.
    Month(u8),
    /// كانون / تشرين: the first word of a two-word Syriac month (the month for الأول, الثاني).
    Syriac(u8, u8),
    /// A one-word Hijri month (محرم, صفر, رجب, شعبان, رمضان, شوال).
    Hijri(u8),
    /// ربيع, جمادى: first word of a two-word Hijri month (the month for الأول).
    HijriPair(u8),
    /// ذو / ذي.
    Dhu,
    /// القعدة (11) / الحجة (12).
    DhuName(u8),
    /// الأول / الأولى.
    First,
    /// الثاني / الثانية / الآخر / الآخرة.
    Second,
    Weekday(u8),
    /// يوم.
    Yawm,
    /// اليوم.
    Today,
    /// أمس, الأمس.
    Yesterday,
    /// غدا, غد, الغد.
    Tomorrow,
    /// الليلة.
    Tonight,
    /// أول (in أول أمس).
    Awwal,
    /// الأسبوع, الشهر, العام / السنة.
    TheUnit(Unit),
    /// عام, سنة, عامي (before a year number; also a singular unit).
    YearWord,
    /// شهر (also a singular unit).
    MonthWord,
    /// أسبوع (a singular unit).
    WeekWord,
    /// A counted unit: أيام, يوما, أسابيع, أشهر, أعوام, سنوات…
    UnitPl(Unit),
    /// A dual unit: يومين, أسبوعين, شهرين, عامين, سنتين.
    UnitDual(Unit),
    /// A number word three to ten.
    Count(u32),
    Mod(Dir),
    /// هذا / هذه.
    This,
    /// منذ, قبل.
    Ago,
    /// بعد.
    After,
    /// من.
    Min,
    /// على.
    Ala,
    /// إلى.
    Ila,
    /// أو.
    Or,
    /// بن, بنت: «إبراهيم بن سليمان الخميس» is a name.
    Bin,
    /// An ordinal day: الثالث … العاشر, الحادي (in الحادي عشر), العشرين, الثلاثين.
    Ordinal(u8),
    /// والعشرين, والثلاثين.
    Tens(u8),
    /// غرة: the first day (غرة مارس, غرة رمضان).
    Ghurra,
    /// Two days glued by و into one word (3و4 جوان, 8و9 مارس): the first and the second.
    DayPair(u8, u8),
    /// نحو, حوالي, قرابة: «about», between منذ / قبل and a count (منذ نحو أسبوعين).
    Approx,
    /// An adjective that makes اليوم a day other than today: الوطني, العالمي, التالي…
    DayAdj,
    /// المبارك, الكريم after a Hijri month (رمضان المبارك).
    Blessed,
    /// الموافق.
    Corresponding,
    /// A word after which a bare four-digit number is a year (حتى, خلال, مطلع, بين…).
    YearCue,
    /// في: a year cue too; «في اليوم» is «per day».
    Fi,
    /// هـ / هجري / هجرية written apart.
    HijriMark,
    /// م / ميلادي / ميلادية written apart.
    GregMark,
    /// A word that marks the clause as future: سوف, المقرر, يعتزم…, or a verb with the future
    /// prefix س.
    Future,
    /// A word before which a weekday is not a date (صلاة الجمعة, خطبة الجمعة).
    Prayer,
    /// A word before which اليوم names an outlet (صحيفة اليوم, عين اليوم).
    Outlet,
    /// ذلك / نفس / ذات / تلك: «ذلك اليوم» is not today.
    That,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    /// Bytes of a proclitic (و, ف, ب…) to leave out of a mention starting at this word.
    skip: u8,
    k: K,
}

fn classify_all(text: &str, words: &khabar_text::Words) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(words.len());
    let mut alt = String::new();
    for (start, end, word) in words.surface() {
        let (k, letters) = classify_clitic(word, &mut alt);
        let skip = if letters == 0 {
            0
        } else {
            skip_letters(text, start, end, letters)
        };
        toks.push(Tok {
            start,
            end,
            skip,
            k,
        });
    }
    toks
}

/// Bytes taken by the first `n` letters of `text[start..end]` (marks after them included).
fn skip_letters(text: &str, start: usize, end: usize, n: usize) -> u8 {
    let mut seen = 0;
    for (off, c) in text[start..end].char_indices() {
        let mark = matches!(c, '\u{064B}'..='\u{065F}' | '\u{0640}' | '\u{0670}')
            || c.is_whitespace()
            || (c as u32) < 0x20;
        if !mark {
            if seen == n {
                return u8::try_from(off).unwrap_or(0);
            }
            seen += 1;
        }
    }
    0
}

/// The kind of a folded word, trying it without one or two proclitics (و ف, then ب ل ك) when it
/// has none as it is; the number of proclitic letters to leave out of a mention (0 when what
/// remains starts with ال, which the word keeps).
fn classify_clitic(w: &str, alt: &mut String) -> (K, usize) {
    let k = classify(w);
    if k != K::Other || w.len() < 3 {
        return (k, 0);
    }
    let b = w.as_bytes();
    if b[0].is_ascii_digit() {
        return (number(w), 0);
    }
    // الـ16: the article on a number (الـ16 من ديسمبر), kept in the mention.
    if let Some(rest) = w.strip_prefix("ال") {
        if rest.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            return (number(rest), 0);
        }
    }
    let mut rest = w;
    let mut n = 0;
    for set in [&['و', 'ف'][..], &['ب', 'ل', 'ك'][..]] {
        let Some(c) = rest.chars().next() else { break };
        if !set.contains(&c) {
            continue;
        }
        rest = &rest[c.len_utf8()..];
        n += 1;
        if rest.is_empty() {
            break;
        }
        if rest.as_bytes()[0].is_ascii_digit() {
            let k = number(rest);
            return (k, if k == K::Other { 0 } else { n });
        }
        // لل: the lam of the article after the preposition (للعام).
        if c == 'ل' && rest.starts_with('ل') {
            alt.clear();
            alt.push('ا');
            alt.push_str(rest);
            let k = classify(alt);
            if k != K::Other {
                return (k, 0);
            }
        }
        let k = classify(rest);
        if k != K::Other {
            let keep = rest.starts_with("ال");
            return (k, if keep { 0 } else { n });
        }
    }
    (K::Other, 0)
}

/// A number word: up to four digits, then nothing, م or ه.
fn number(w: &str) -> K {
    let b = w.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 4 {
        return K::Other;
    }
    let suf = match &w[digits..] {
        "" => Suf::None,
        "م" => Suf::Greg,
        "ه" => Suf::Hijri,
        rest => return day_pair(&b[..digits], rest),
    };
    let v = b[..digits]
        .iter()
        .fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'));
    K::Num(v, digits as u8, suf)
}

/// Two days of at most two digits each glued by و (3و4): [`K::DayPair`] when the first is the
/// smaller and both can be days, else [`K::Other`].
fn day_pair(first: &[u8], rest: &str) -> K {
    let Some(second) = rest.strip_prefix('و').map(str::as_bytes) else {
        return K::Other;
    };
    let value = |d: &[u8]| {
        (matches!(d.len(), 1 | 2) && d.iter().all(u8::is_ascii_digit))
            .then(|| d.iter().fold(0u8, |a, &c| a * 10 + (c - b'0')))
    };
    match (value(first), value(second)) {
        (Some(a), Some(b)) if 1 <= a && a < b && b <= 31 => K::DayPair(a, b),
        _ => K::Other,
    }
}

/// Extra one-word Gregorian month spellings, folded, beside the text crate's table: Egyptian
/// يونيه/يوليه, Moroccan يوليوز/غشت/شتنبر/نونبر, and common variants.
const MORE_MONTHS: &[(&str, u32)] = &[
    ("يونيه", 6),
    ("يوليه", 7),
    ("يوليوز", 7),
    ("غشت", 8),
    ("اغسطس", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("ابريل", 4),
    ("جانفيه", 1),
];

fn classify(w: &str) -> K {
    let b = w.as_bytes();
    if b.is_empty() {
        return K::Other;
    }
    if b[0].is_ascii_digit() {
        return number(w);
    }
    if b[0].is_ascii() || b.len() > 24 {
        return K::Other;
    }
    if let Some(&k) = keywords().get(w) {
        return k;
    }
    if future_verb(w) {
        return K::Future;
    }
    K::Other
}

/// [`KEYWORDS`] and the month names, as a map.
fn keywords() -> &'static FxHashMap<&'static str, K> {
    static MAP: OnceLock<FxHashMap<&'static str, K>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        for &(name, m) in MONTH_NAMES.iter().chain(MORE_MONTHS) {
            map.insert(name, K::Month(m as u8));
        }
        for &(name, k) in KEYWORDS {
            map.insert(name, k);
        }
        map
    })
}

/// Every keyword, folded (ta marbuta as heh), with its kind.
const KEYWORDS: &[(&str, K)] = &[
    ("الاثنين", K::Weekday(0)),
    ("الثلاثاء", K::Weekday(1)),
    ("الاربعاء", K::Weekday(2)),
    ("الخميس", K::Weekday(3)),
    ("الجمعه", K::Weekday(4)),
    ("السبت", K::Weekday(5)),
    ("الاحد", K::Weekday(6)),
    ("يوم", K::Yawm),
    ("يومي", K::Yawm),
    ("اليوم", K::Today),
    ("امس", K::Yesterday),
    ("بالامس", K::Yesterday),
    ("البارحه", K::Yesterday),
    ("غره", K::Ghurra),
    ("نحو", K::Approx),
    ("حوالي", K::Approx),
    ("قرابه", K::Approx),
    ("غدا", K::Tomorrow),
    ("غد", K::Tomorrow),
    ("الغد", K::Tomorrow),
    ("الليله", K::Tonight),
    ("اول", K::Awwal),
    ("الاسبوع", K::TheUnit(Unit::Week)),
    ("الشهر", K::TheUnit(Unit::Month)),
    ("العام", K::TheUnit(Unit::Year)),
    ("السنه", K::TheUnit(Unit::Year)),
    ("عام", K::YearWord),
    ("سنه", K::YearWord),
    ("عامي", K::YearWord),
    ("شهر", K::MonthWord),
    ("شهري", K::MonthWord),
    ("اسبوع", K::WeekWord),
    ("ايام", K::UnitPl(Unit::Day)),
    ("يوما", K::UnitPl(Unit::Day)),
    ("اسابيع", K::UnitPl(Unit::Week)),
    ("اسبوعا", K::UnitPl(Unit::Week)),
    ("اشهر", K::UnitPl(Unit::Month)),
    ("شهور", K::UnitPl(Unit::Month)),
    ("شهرا", K::UnitPl(Unit::Month)),
    ("اعوام", K::UnitPl(Unit::Year)),
    ("عاما", K::UnitPl(Unit::Year)),
    ("سنوات", K::UnitPl(Unit::Year)),
    ("سنين", K::UnitPl(Unit::Year)),
    ("يومين", K::UnitDual(Unit::Day)),
    ("يومان", K::UnitDual(Unit::Day)),
    ("اسبوعين", K::UnitDual(Unit::Week)),
    ("اسبوعان", K::UnitDual(Unit::Week)),
    ("شهرين", K::UnitDual(Unit::Month)),
    ("شهران", K::UnitDual(Unit::Month)),
    ("عامين", K::UnitDual(Unit::Year)),
    ("عامان", K::UnitDual(Unit::Year)),
    ("سنتين", K::UnitDual(Unit::Year)),
    ("سنتان", K::UnitDual(Unit::Year)),
    ("ثلاث", K::Count(3)),
    ("ثلاثه", K::Count(3)),
    ("اربع", K::Count(4)),
    ("اربعه", K::Count(4)),
    ("خمس", K::Count(5)),
    ("خمسه", K::Count(5)),
    ("ست", K::Count(6)),
    ("سته", K::Count(6)),
    ("سبع", K::Count(7)),
    ("سبعه", K::Count(7)),
    ("ثماني", K::Count(8)),
    ("ثمانيه", K::Count(8)),
    ("ثمان", K::Count(8)),
    ("تسع", K::Count(9)),
    ("تسعه", K::Count(9)),
    ("عشر", K::Count(10)),
    ("عشره", K::Count(10)),
    ("الماضي", K::Mod(Dir::Past)),
    ("الماضيه", K::Mod(Dir::Past)),
    ("المنصرم", K::Mod(Dir::Past)),
    ("المنصرمه", K::Mod(Dir::Past)),
    ("الفائت", K::Mod(Dir::Past)),
    ("الفائته", K::Mod(Dir::Past)),
    // (Tunisian press: الأسبوع المنقضي, الموسم الفارط.)
    ("المنقضي", K::Mod(Dir::Past)),
    ("المنقضيه", K::Mod(Dir::Past)),
    ("الفارط", K::Mod(Dir::Past)),
    ("الفارطه", K::Mod(Dir::Past)),
    ("الماضيين", K::Mod(Dir::Past)),
    ("الماضيتين", K::Mod(Dir::Past)),
    ("السابق", K::Mod(Dir::Past)),
    ("السابقه", K::Mod(Dir::Past)),
    ("المقبل", K::Mod(Dir::Next)),
    ("المقبله", K::Mod(Dir::Next)),
    ("القادم", K::Mod(Dir::Next)),
    ("القادمه", K::Mod(Dir::Next)),
    ("المقبلين", K::Mod(Dir::Next)),
    ("القادمين", K::Mod(Dir::Next)),
    ("الجاري", K::Mod(Dir::Current)),
    ("الجاريه", K::Mod(Dir::Current)),
    ("الحالي", K::Mod(Dir::Current)),
    ("الحاليه", K::Mod(Dir::Current)),
    ("هذا", K::This),
    ("هذه", K::This),
    ("منذ", K::Ago),
    ("قبل", K::Ago),
    ("بعد", K::After),
    ("من", K::Min),
    ("الي", K::Ila),
    ("الحادي", K::Ordinal(1)),
    ("الثالث", K::Ordinal(3)),
    ("الرابع", K::Ordinal(4)),
    ("الخامس", K::Ordinal(5)),
    ("السادس", K::Ordinal(6)),
    ("السابع", K::Ordinal(7)),
    ("الثامن", K::Ordinal(8)),
    ("التاسع", K::Ordinal(9)),
    ("العاشر", K::Ordinal(10)),
    ("العشرين", K::Ordinal(20)),
    ("الثلاثين", K::Ordinal(30)),
    ("والعشرين", K::Tens(20)),
    ("والثلاثين", K::Tens(30)),
    ("علي", K::Ala),
    ("الموافق", K::Corresponding),
    ("في", K::Fi),
    ("حتي", K::YearCue),
    ("خلال", K::YearCue),
    ("بحلول", K::YearCue),
    ("مطلع", K::YearCue),
    ("منتصف", K::YearCue),
    ("نهايه", K::YearCue),
    ("اواخر", K::YearCue),
    ("اوائل", K::YearCue),
    ("بدايه", K::YearCue),
    ("اواسط", K::YearCue),
    ("اوخر", K::YearCue),
    ("بين", K::YearCue),
    ("صيف", K::YearCue),
    ("خريف", K::YearCue),
    ("شتاء", K::YearCue),
    ("موسم", K::YearCue),
    ("ه", K::HijriMark),
    ("هجري", K::HijriMark),
    ("هجريه", K::HijriMark),
    ("للهجره", K::HijriMark),
    ("م", K::GregMark),
    ("ميلادي", K::GregMark),
    ("ميلاديه", K::GregMark),
    ("للميلاد", K::GregMark),
    ("كانون", K::Syriac(12, 1)),
    ("تشرين", K::Syriac(10, 11)),
    ("الاول", K::First),
    ("الاولي", K::First),
    ("الثاني", K::Second),
    ("الثانيه", K::Second),
    ("الاخر", K::Second),
    ("الاخره", K::Second),
    ("محرم", K::Hijri(1)),
    ("صفر", K::Hijri(2)),
    ("ربيع", K::HijriPair(3)),
    ("جمادي", K::HijriPair(5)),
    ("رجب", K::Hijri(7)),
    ("شعبان", K::Hijri(8)),
    ("رمضان", K::Hijri(9)),
    ("شوال", K::Hijri(10)),
    ("ذو", K::Dhu),
    ("ذي", K::Dhu),
    ("القعده", K::DhuName(11)),
    ("الحجه", K::DhuName(12)),
    ("سوف", K::Future),
    ("المقرر", K::Future),
    ("مقرر", K::Future),
    ("يعتزم", K::Future),
    ("تعتزم", K::Future),
    ("المرتقب", K::Future),
    ("المنتظر", K::Future),
    ("يرتقب", K::Future),
    ("يتوقع", K::Future),
    ("المتوقع", K::Future),
    ("عين", K::Outlet),
    ("صحيفه", K::Outlet),
    ("جريده", K::Outlet),
    ("لصحيفه", K::Outlet),
    ("لجريده", K::Outlet),
    ("بصحيفه", K::Outlet),
    ("او", K::Or),
    ("بن", K::Bin),
    ("بنت", K::Bin),
    // Not a weekday after these: الواحد الأحد (God), like صلاة الجمعة.
    ("الواحد", K::Prayer),
    ("الفرد", K::Prayer),
    ("صلاه", K::Prayer),
    ("خطبه", K::Prayer),
    ("صلاتي", K::Prayer),
    ("خطيب", K::Prayer),
    ("خطب", K::Prayer),
    ("صلوات", K::Prayer),
    ("جمعه", K::Prayer),
    ("ذلك", K::That),
    ("نفس", K::That),
    ("ذات", K::That),
    ("تلك", K::That),
    ("ذاته", K::That),
    ("نفسه", K::That),
    ("ذاتها", K::That),
    ("نفسها", K::That),
    ("الوطني", K::DayAdj),
    ("العالمي", K::DayAdj),
    ("التالي", K::DayAdj),
    ("الاخير", K::DayAdj),
    ("الدولي", K::DayAdj),
    ("العربي", K::DayAdj),
    ("الختامي", K::DayAdj),
    ("المفتوح", K::DayAdj),
    ("الموعود", K::DayAdj),
    ("الذي", K::DayAdj),
    ("المحدد", K::DayAdj),
    ("الخليجي", K::DayAdj),
    ("الاولمبي", K::DayAdj),
    ("الرياضي", K::DayAdj),
    ("الطبي", K::DayAdj),
    ("التعريفي", K::DayAdj),
    ("الدراسي", K::DayAdj),
    ("العلمي", K::DayAdj),
    ("الثقافي", K::DayAdj),
    ("الاحمر", K::DayAdj),
    ("الاسود", K::DayAdj),
    ("الاخيره", K::DayAdj),
    ("الاول،", K::DayAdj),
    ("التاريخي", K::DayAdj),
    ("المشهود", K::DayAdj),
    ("الحاسم", K::DayAdj),
    ("العالميه", K::DayAdj),
    ("الوطنيه", K::DayAdj),
    ("المبارك", K::Blessed),
    ("الكريم", K::Blessed),
    ("المعظم", K::Blessed),
    ("الفضيل", K::Blessed),
];

/// A verb with the future prefix: سي/ست/سن + a word of at least four letters the news lexicon
/// knows (سيلتقي, ستعقد, سنواصل).
fn future_verb(w: &str) -> bool {
    let Some(rest) = w.strip_prefix('س') else {
        return false;
    };
    let Some(c) = rest.chars().next() else {
        return false;
    };
    if !matches!(c, 'ي' | 'ت' | 'ن') || rest.chars().count() < 4 {
        return false;
    }
    // The present verb without its س must be a word news writes (سيطلب: يطلب): nouns and
    // names that only look so (سياسة: ياسة, سيارات: يارات, ستورجن: تورجن) are none.
    khabar_text::lexicon_frequency(rest) > 0
}

// ---------------------------------------------------------------------------------------------
// Calendars

/// Days since 1970-01-01 of a Gregorian day, when it exists (years 1–9999).
fn day_number(y: i32, m: u32, d: u32) -> Option<i64> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
fn weekday_of(z: i64) -> u8 {
    (z + 3).rem_euclid(7) as u8
}

/// Day number of 1 Muharram 1 AH in the tabular calendar (16 July 622 Julian = 19 July 622
/// proleptic Gregorian, Julian day 1948440).
const HIJRI_EPOCH: i64 = 1_948_440 - 2_440_588;

/// Day number of a Hijri day, tabular calendar (years 1–9999 AH).
fn hijri_day_number(y: i64, m: u32, d: u32) -> Option<i64> {
    if !(1..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=30).contains(&d) {
        return None;
    }
    // Months alternate 30 and 29 days (the last has 30 in a leap year); 11 leap days in 30 years.
    // A 30th day of a 29-day month is the calendar the text follows starting that month a day
    // before the tabular one: it is the tabular 29th.
    let leap = (11 * y + 14).rem_euclid(30) < 11;
    let d = if d == 30 && m.is_multiple_of(2) && !(m == 12 && leap) {
        29
    } else {
        d
    };
    let m = i64::from(m);
    let month_days = (59 * (m - 1) + 1) / 2;
    Some(i64::from(d) + month_days + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + HIJRI_EPOCH - 1)
}

/// The Hijri year and month holding a day number (tabular calendar).
fn hijri_of(z: i64) -> (i64, u32) {
    let y = (30 * (z - HIJRI_EPOCH) + 10_646).div_euclid(10_631);
    let mut m = 12;
    while m > 1 {
        match hijri_day_number(y, m, 1) {
            Some(first) if first <= z => break,
            _ => m -= 1,
        }
    }
    (y, m)
}

/// `YYYY-Www` of the ISO week holding a day.
fn iso_week(z: i64) -> Option<String> {
    let thursday = z - i64::from(weekday_of(z)) + 3;
    let (y, _, _) = civil_from_days(thursday);
    let jan1 = day_number(y, 1, 1)?;
    let week = (thursday - jan1) / 7 + 1;
    Some(format!("{y:04}-W{week:02}"))
}

fn fmt_day(z: i64) -> Option<String> {
    let (y, m, d) = civil_from_days(z);
    (1..=9999)
        .contains(&y)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn fmt_month(y: i64, m: u32) -> Option<String> {
    (1..=9999).contains(&y).then(|| format!("{y:04}-{m:02}"))
}

fn fmt_year(y: i64) -> Option<String> {
    (1..=9999).contains(&y).then(|| format!("{y:04}"))
}

/// The month `n` months after year `y`, month `m` (n may be negative).
fn add_months(y: i64, m: u32, n: i64) -> (i64, u32) {
    let t = y * 12 + i64::from(m) - 1 + n;
    (t.div_euclid(12), t.rem_euclid(12) as u32 + 1)
}

// ---------------------------------------------------------------------------------------------
// Patterns

/// What a value needs: nothing, or the publication date.
enum Val {
    /// Known without the publication date.
    Abs(Option<String>),
    /// Needs the publication day number; computes the value from it.
    Rel(Box<dyn FnOnce(i64) -> Option<String>>),
}

/// The year a day-and-month (or a month) is in.
#[derive(Clone, Copy)]
enum YearSpec {
    Abs(i64),
    Dir(Dir),
    /// من العام الماضي / المقبل / الجاري.
    YearDir(Dir),
    Nearest,
}

struct Parser<'a> {
    text: &'a str,
    toks: &'a [Tok],
    pubd: Option<i64>,
    out: Vec<DateMention>,
    /// Indices in `out` of Hijri days, for [`Parser::calibrate_hijri`], in increasing order.
    hijri_days: Vec<usize>,
}

impl Parser<'_> {
    fn k(&self, i: usize) -> K {
        self.toks.get(i).map_or(K::Other, |t| t.k)
    }

    /// The text between words `i - 1` and `i`.
    fn gap(&self, i: usize) -> &str {
        match (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) {
            (Some(a), Some(b)) => &self.text[a.end..b.start],
            _ => "",
        }
    }

    /// Words `i - 1` and `i` are in one phrase: only spaces (and at most a few of them) between.
    fn joined(&self, i: usize) -> bool {
        let g = self.gap(i);
        g.len() <= 8 && g.chars().all(char::is_whitespace)
    }

    /// Joined, or apart by a closing bracket: «22 أبريل (نيسان) الماضي».
    fn joined_close(&self, i: usize) -> bool {
        let g = self.gap(i);
        g.len() <= 8 && g.chars().all(|c| c.is_whitespace() || c == ')')
    }

    /// Joined, or apart only by brackets and spaces: «اليوم (الاثنين)».
    fn joined_loose(&self, i: usize) -> bool {
        let g = self.gap(i);
        g.len() <= 12
            && g.chars()
                .all(|c| c.is_whitespace() || matches!(c, '(' | ')' | '،' | ',' | '-' | '–'))
    }

    fn push(&mut self, first: usize, last: usize, val: Val, weekday: Option<u8>) -> usize {
        let (relative, value) = match val {
            Val::Abs(v) => {
                if v.is_none() {
                    return last + 1;
                }
                (false, v)
            }
            Val::Rel(f) => (true, self.pubd.and_then(f)),
        };
        let t = self.toks[first];
        self.out.push(DateMention {
            start: t.start + usize::from(t.skip),
            end: self.toks[last].end,
            value,
            weekday,
            relative,
        });
        last + 1
    }

    /// «18 من نفس الشهر», «30 من الشهر ذاته»: day `v` of the month of the last date found
    /// with its month, as exact as that date was (relative if it was).
    fn day_of_same_month(&mut self, i: usize, v: u32) -> Option<usize> {
        let word = |k: usize| self.toks.get(k).map_or("", |t| &self.text[t.start..t.end]);
        if self.k(i + 1) != K::Min || !self.joined(i + 1) {
            return None;
        }
        let same = (matches!(word(i + 2), "نفس" | "ذات")
            && self.k(i + 3) == K::TheUnit(Unit::Month))
            || (self.k(i + 2) == K::TheUnit(Unit::Month) && matches!(word(i + 3), "ذاته" | "نفسه"));
        if !same || !self.joined(i + 2) || !self.joined(i + 3) {
            return None;
        }
        let last = i + 3;
        let before = self.out.iter().rev().find(|m| {
            m.value
                .as_deref()
                .is_some_and(|x| x.len() >= 7 && x.as_bytes()[4] == b'-' && x.as_bytes()[5] != b'W')
        })?;
        let x = before.value.as_deref()?;
        let (y, m) = (x[..4].parse::<i32>().ok()?, x[5..7].parse::<u32>().ok()?);
        let relative = before.relative;
        let value = day_number(y, m, v).and_then(fmt_day);
        let t = self.toks[i];
        self.out.push(DateMention {
            start: t.start + usize::from(t.skip),
            end: self.toks[last].end,
            value: Some(value?),
            weekday: None,
            relative,
        });
        Some(last + 1)
    }

    /// Tries every pattern at word `i`; the word after the mention found.
    fn at(&mut self, i: usize) -> Option<usize> {
        match self.k(i) {
            K::Num(..) => self.number_led(i),
            K::Month(_) | K::Syriac(..) | K::Hijri(_) | K::HijriPair(_) | K::Dhu => {
                self.month_led(i)
            }
            K::MonthWord => {
                // شهر يوليو (الماضي): the month, resolved like a month with a modifier.
                if self.joined(i + 1) && self.month_at(i + 1).is_some() {
                    self.month_led_from(i, i + 1, true)
                } else {
                    None
                }
            }
            K::Weekday(_) | K::Yawm | K::Today | K::Yesterday | K::Tomorrow | K::Tonight => {
                self.day_led(i, i)
            }
            K::Awwal => {
                // أول أمس, أول من أمس.
                let mut j = i + 1;
                if self.k(j) == K::Min && self.joined(j) {
                    j += 1;
                }
                if self.k(j) == K::Yesterday && self.joined(j) {
                    // أول من أمس (الخميس): one mention.
                    if let K::Weekday(w) = self.k(j + 1) {
                        if self.joined_loose(j + 1) {
                            return self.weekday_phrase(i, j + 1, w, Some(-2));
                        }
                    }
                    return self.relative_day(i, j, -2);
                }
                None
            }
            K::After => {
                // بعد غد.
                if self.k(i + 1) == K::Tomorrow && self.joined(i + 1) {
                    // بعد غد الأربعاء: one mention.
                    if let K::Weekday(w) = self.k(i + 2) {
                        if self.joined_loose(i + 2) {
                            return self.weekday_phrase(i, i + 2, w, Some(2));
                        }
                    }
                    return self.relative_day(i, i + 1, 2);
                }
                self.counted(i)
            }
            K::Ago => {
                if let Some(n) = self.counted(i) {
                    return Some(n);
                }
                self.year_after_cue(i)
            }
            K::YearCue | K::Fi => self.year_after_cue(i),
            K::Ordinal(_) | K::First | K::Second => self.ordinal_date(i),
            K::Ghurra => self.day_month(i, i, 1, None),
            K::DayPair(a, b) => self.range_days(i, i, u32::from(a), u32::from(b)),
            K::YearWord => self.year_word(i),
            K::TheUnit(u) => self.the_unit(i, i, u),
            K::This => match self.k(i + 1) {
                K::TheUnit(u) if self.joined(i + 1) => self.the_unit_dir(i, i + 1, u, Dir::Current),
                _ => None,
            },
            _ => None,
        }
    }

    // --- Numbers: dates, numeric dates, years with a mark ---

    fn number_led(&mut self, i: usize) -> Option<usize> {
        let K::Num(v, digits, suf) = self.k(i) else {
            return None;
        };
        if let Some(n) = self.numeric_date(i) {
            return Some(n);
        }
        if digits <= 2 && suf == Suf::None && (1..=31).contains(&v) {
            if let Some(n) = self.day_month(i, i, v, None) {
                return Some(n);
            }
            if let Some(n) = self.day_of_same_month(i, v) {
                return Some(n);
            }
            if let Some(n) = self.day_range(i, v) {
                return Some(n);
            }
        }
        // A Hijri academic or fiscal year, 1436/1437هـ: two years at once, no date.
        if digits == 4 && (1300..=1500).contains(&v) {
            if let K::Num(v2, 4, _) = self.k(i + 1) {
                let g = self.gap(i + 1).trim();
                if v2 == v + 1 && g.len() <= 3 && matches!(g, "/" | "-" | "–" | "") {
                    let next = if self.k(i + 2) == K::HijriMark {
                        i + 3
                    } else {
                        i + 2
                    };
                    return Some(next);
                }
            }
        }
        // A span of years: 2005 - 2011, من 1973 إلى 1975, موسم 2012/2013.
        if digits == 4 && suf == Suf::None && (1900..=2100).contains(&v) {
            let second = match self.k(i + 1) {
                K::Ila if self.joined(i + 1) => i + 2,
                K::YearCue
                    if self.joined(i + 1) && {
                        let t = self.toks[i + 1];
                        self.text[t.start..t.end].starts_with("حت")
                    } =>
                {
                    i + 2
                }
                K::Num(..) if matches!(self.gap(i + 1).trim(), "-" | "–" | "/") => i + 1,
                _ => usize::MAX,
            };
            if let K::Num(v2, 4, suf2) = self.k(second) {
                let ok = second == i + 1 || self.joined(second);
                if ok && v < v2 && v2 <= 2100 && suf2 != Suf::Hijri {
                    let n = self.push(i, i, Val::Abs(fmt_year(i64::from(v))), None);
                    if let Some((val, last)) = self.year_value(second, v2, suf2, false) {
                        return Some(self.push(second, last, val, None));
                    }
                    return Some(n);
                }
            }
        }
        // A year with its mark: 2015م, 1436 هـ.
        if digits == 4 {
            let (mark, last) = match (suf, self.k(i + 1)) {
                (Suf::Greg, _) => (Suf::Greg, i),
                (Suf::Hijri, _) => (Suf::Hijri, i),
                (Suf::None, K::GregMark) if self.joined(i + 1) => (Suf::Greg, i + 1),
                (Suf::None, K::HijriMark) if self.joined(i + 1) => (Suf::Hijri, i + 1),
                _ => (Suf::None, i),
            };
            match mark {
                Suf::Greg if (1900..=2100).contains(&v) => {
                    return Some(self.push(i, last, Val::Abs(fmt_year(i64::from(v))), None));
                }
                Suf::Hijri if (1300..=1500).contains(&v) => {
                    return Some(self.push(i, last, Val::Abs(hijri_year(i64::from(v))), None));
                }
                _ => {}
            }
        }
        None
    }

    /// The first day of a range, `من 2 إلى 6 أكتوبر`, `2 - 11 شوال`, `25 و26 أغسطس`: the month
    /// and year of the second; two mentions.
    fn day_range(&mut self, i: usize, v: u32) -> Option<usize> {
        let second = match self.k(i + 1) {
            K::Ila | K::Or if self.joined(i + 1) => i + 2,
            // 6 و 9 ديسمبر: a و standing apart (glued, و9, it is the number's clitic).
            K::Other
                if self.joined(i + 1)
                    && self
                        .toks
                        .get(i + 1)
                        .is_some_and(|t| &self.text[t.start..t.end] == "و") =>
            {
                i + 2
            }
            K::Num(..)
                if matches!(self.gap(i + 1).trim(), "-" | "–")
                    || (self.toks[i + 1].skip > 0 && self.joined(i + 1)) =>
            {
                i + 1
            }
            _ => return None,
        };
        if second != i + 1 && !self.joined(second) {
            return None;
        }
        let K::Num(v2, 1..=2, Suf::None) = self.k(second) else {
            return None;
        };
        if v >= v2 {
            return None;
        }
        self.range_days(i, second, v, v2)
    }

    /// Days `v` (word `i`) and `v2` (word `second`, with the month after it): the second as
    /// its month gives it, the first the same month `v2 − v` days before (two mentions).
    fn range_days(&mut self, i: usize, second: usize, v: u32, v2: u32) -> Option<usize> {
        let at = self.out.len();
        let n = self.day_month(second, second, v2, None)?;
        let Some(m) = self.out.get(at) else {
            return Some(n);
        };
        let value = match m.value.as_deref() {
            Some(x) if x.len() == 10 => {
                let z = day_number(
                    x[..4].parse().ok()?,
                    x[5..7].parse().ok()?,
                    x[8..].parse().ok()?,
                )?;
                Some(fmt_day(z - i64::from(v2 - v))?)
            }
            Some(_) => return Some(n),
            None => None,
        };
        let first = DateMention {
            start: self.toks[i].start + usize::from(self.toks[i].skip),
            end: self.toks[i].end,
            value,
            weekday: None,
            relative: m.relative,
        };
        self.out.insert(at, first);
        if self.hijri_days.last() == Some(&at) {
            self.hijri_days.pop();
            self.hijri_days.push(at);
            self.hijri_days.push(at + 1);
        }
        Some(n)
    }

    /// `15/07/2015`, `15-7-2015`, `2015-07-15`, `1436/9/15هـ`: three numbers joined by the same
    /// separator and nothing else.
    fn numeric_date(&mut self, i: usize) -> Option<usize> {
        let (K::Num(a, da, sa), K::Num(b, db, sb), K::Num(c, dc, sc)) =
            (self.k(i), self.k(i + 1), self.k(i + 2))
        else {
            return None;
        };
        // The same separator twice, spaces around it allowed (1 / 10 / 1436).
        let sep = self.gap(i + 1);
        let sep2 = self.gap(i + 2);
        if sep.len() > 3
            || !matches!(sep.trim(), "/" | "-" | "." | "\\")
            || sep2.trim() != sep.trim()
            || sep2.len() > 3
        {
            return None;
        }
        // Part of a longer chain of numbers (a phone number, a version): not a date.
        if (i > 0 && self.gap(i) == sep && matches!(self.k(i - 1), K::Num(..)))
            || (self.gap(i + 3) == sep && matches!(self.k(i + 3), K::Num(..)))
        {
            return None;
        }
        if sa != Suf::None || sb != Suf::None || db > 2 {
            return None;
        }
        let mut last = i + 2;
        let mut hijri_mark = sc == Suf::Hijri;
        if sc == Suf::None && self.joined(i + 3) {
            match self.k(i + 3) {
                K::HijriMark => {
                    hijri_mark = true;
                    last = i + 3;
                }
                K::GregMark => last = i + 3,
                _ => {}
            }
        }
        let (y, m, d) = if da == 4 && dc <= 2 {
            (a, b, c)
        } else if dc == 4 && da <= 2 {
            // Day first, as Arabic writes; month first only when the day cannot be a month.
            if b > 12 && a <= 12 {
                (c, a, b)
            } else {
                (c, b, a)
            }
        } else {
            return None;
        };
        let val = if (1300..=1500).contains(&y) || (hijri_mark && y < 1900) {
            let z = hijri_day_number(i64::from(y), m, d);
            if z.is_some() {
                self.hijri_days.push(self.out.len());
            }
            Val::Abs(z.and_then(fmt_day))
        } else if (1900..=2100).contains(&y) {
            Val::Abs(day_number(y as i32, m, d).and_then(fmt_day))
        } else {
            return None;
        };
        Some(self.push(i, last, val, None))
    }

    /// The month named at word `j`: `(number, hijri, words it takes)`, with a second system
    /// after a slash or in brackets (`كانون الثاني/ يناير`, `يناير (كانون الثاني)`) taken too.
    fn month_at(&self, j: usize) -> Option<(u32, bool, usize)> {
        let (m, hijri, n) = self.one_month_at(j)?;
        let mut last = j + n - 1;
        // A second name of the same month.
        let g = self.gap(last + 1);
        if !hijri
            && g.len() <= 8
            && g.chars()
                .all(|c| c.is_whitespace() || matches!(c, '/' | '(' | '-' | '–' | '|'))
        {
            if let Some((m2, false, n2)) = self.one_month_at(last + 1) {
                if m2 == m {
                    last += n2;
                }
            }
        }
        Some((m, hijri, last + 1 - j))
    }

    fn one_month_at(&self, j: usize) -> Option<(u32, bool, usize)> {
        match self.k(j) {
            K::Month(m) => Some((u32::from(m), false, 1)),
            K::Syriac(first, second) => match self.k(j + 1) {
                K::First if self.joined(j + 1) => Some((u32::from(first), false, 2)),
                K::Second if self.joined(j + 1) => Some((u32::from(second), false, 2)),
                _ => None,
            },
            K::Hijri(m) => Some((u32::from(m), true, 1)),
            K::HijriPair(m) => match self.k(j + 1) {
                K::First if self.joined(j + 1) => Some((u32::from(m), true, 2)),
                K::Second if self.joined(j + 1) => Some((u32::from(m) + 1, true, 2)),
                _ => None,
            },
            K::Dhu => match self.k(j + 1) {
                K::DhuName(m) if self.joined(j + 1) => Some((u32::from(m), true, 2)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The year after a month ending at word `j - 1`: the spec and the last word it takes.
    fn year_spec(&self, j: usize, hijri: bool) -> (YearSpec, usize) {
        let years = if hijri { 1300..=1500 } else { 1900..=2100 };
        // After عام/سنة a year from 1000 is Gregorian too (18 نوفمبر عام 1896), but for the
        // Hijri-looking 1300–1500.
        let plain_year = |p: &Self, at: usize| -> Option<(i64, usize)> {
            let after_word = at > 0 && matches!(p.k(at - 1), K::YearWord | K::TheUnit(Unit::Year));
            let wide = !hijri && after_word;
            match p.k(at) {
                K::Num(y, 4, suf)
                    if (years.contains(&y)
                        || (wide && (1000..1900).contains(&y) && !(1300..=1500).contains(&y)))
                        && p.joined_close(at) =>
                {
                    let want = if hijri { K::HijriMark } else { K::GregMark };
                    let last = if suf == Suf::None && p.k(at + 1) == want && p.joined(at + 1) {
                        at + 1
                    } else {
                        at
                    };
                    Some((i64::from(y), last))
                }
                _ => None,
            }
        };
        // A year, then perhaps الماضي (من عام 1435هـ الماضي).
        let then_mod = |p: &Self, last: usize| -> usize {
            if matches!(p.k(last + 1), K::Mod(_)) && p.joined(last + 1) {
                last + 1
            } else {
                last
            }
        };
        if let Some((y, last)) = plain_year(self, j) {
            return (YearSpec::Abs(y), then_mod(self, last));
        }
        let mut at = j;
        if self.k(at) == K::Min && self.joined_close(at) {
            at += 1;
        }
        match self.k(at) {
            K::YearWord | K::TheUnit(Unit::Year) if self.joined(at) => {
                if let Some((y, last)) = plain_year(self, at + 1) {
                    return (YearSpec::Abs(y), then_mod(self, last));
                }
                if let K::Mod(d) = self.k(at + 1) {
                    if self.k(at) != K::YearWord && self.joined(at + 1) {
                        // للعام الحالي 1436هـ.
                        if let Some((y, last)) = plain_year(self, at + 2) {
                            return (YearSpec::Abs(y), last);
                        }
                        return (YearSpec::YearDir(d), at + 1);
                    }
                }
            }
            K::Mod(d) if at == j && self.joined_close(at) => return (YearSpec::Dir(d), at),
            _ => {}
        }
        (YearSpec::Nearest, j - 1)
    }

    /// A day number at word `d` then a month: `15 يوليو 2015`, `20 كانون الثاني/ يناير المقبل`,
    /// `15 رمضان 1436 هـ`. The mention starts at word `first`; `weekday` is named before it.
    fn day_month(
        &mut self,
        first: usize,
        d: usize,
        day: u32,
        weekday: Option<u8>,
    ) -> Option<usize> {
        let mut j = d + 1;
        // 15 من يوليو.
        if self.k(j) == K::Min && self.joined(j) {
            j += 1;
        }
        if !self.joined(j) {
            return None;
        }
        // 12 من الشهر الحالي, 5 الشهر المقبل.
        if let (K::TheUnit(Unit::Month), K::Mod(dir)) = (self.k(j), self.k(j + 1)) {
            if !self.joined(j + 1) || day > 31 {
                return None;
            }
            let n: i64 = match dir {
                Dir::Past => -1,
                Dir::Current => 0,
                Dir::Next => 1,
            };
            let val = Val::Rel(Box::new(move |p| {
                let (y, m, _) = civil_from_days(p);
                let (y, m) = add_months(i64::from(y), m, n);
                day_number(i32::try_from(y).ok()?, m, day).and_then(fmt_day)
            }));
            return Some(self.push(first, j + 1, val, weekday));
        }
        let (m, hijri, mut n) = self.month_at(j)?;
        if hijri && self.k(j + n) == K::Blessed && self.joined(j + n) {
            n += 1;
        }
        let (spec, last) = self.year_spec(j + n, hijri);
        let last = last.max(j + n - 1);
        // «3 صفر» with no year is more often a score than a day of Safar.
        if hijri && m == 2 && matches!(spec, YearSpec::Nearest) {
            return None;
        }
        let val = day_value(day, m, hijri, spec)?;
        let before = self.out.len();
        let n = self.push(first, last, val, weekday);
        if hijri && self.out.len() > before {
            self.hijri_days.push(before);
        }
        Some(n)
    }

    /// An ordinal day then من and a month: `الثالث من يوليو`, `الحادي والعشرين من رمضان`.
    fn ordinal_date(&mut self, i: usize) -> Option<usize> {
        let mut n = match self.k(i) {
            K::Ordinal(n) => u32::from(n),
            K::First => 1,
            K::Second => 2,
            _ => return None,
        };
        let mut last = i;
        match self.k(i + 1) {
            K::Count(10) if n < 10 && self.joined(i + 1) => {
                n += 10;
                last += 1;
            }
            K::Tens(t) if n < 10 && self.joined(i + 1) => {
                n += u32::from(t);
                last += 1;
            }
            _ => {}
        }
        if n > 31 || self.k(last + 1) != K::Min {
            return None;
        }
        self.day_month(i, last, n, None)
    }

    // --- Month names ---

    fn month_led(&mut self, i: usize) -> Option<usize> {
        self.month_led_from(i, i, false)
    }

    /// A month without a day at word `j` (the mention starts at `first`): with a year
    /// (`يوليو 2015`, `رمضان 1436`), a modifier (`يوليو الماضي`), or after شهر (`shahr`).
    fn month_led_from(&mut self, first: usize, j: usize, shahr: bool) -> Option<usize> {
        let (m, hijri, mut n) = self.month_at(j)?;
        if hijri && self.k(j + n) == K::Blessed && self.joined(j + n) {
            n += 1;
        }
        let (spec, last) = self.year_spec(j + n, hijri);
        // A Gregorian month alone is a date when written in two systems (آذار/مارس) or after
        // في, منذ, حتى, مطلع…; alone it may be a word (مارس: he practised; آب: father).
        let two_systems = !hijri && self.one_month_at(j).is_some_and(|(_, _, one)| one < n);
        let after_cue = !hijri
            && first > 0
            && self.joined(first)
            && matches!(self.k(first - 1), K::YearCue | K::Fi | K::Ago | K::Min);
        let shahr = shahr || two_systems || after_cue;
        let val = match spec {
            YearSpec::Abs(y) => {
                if hijri {
                    Val::Abs(hijri_day_number(y, m, 1).and_then(|z| {
                        let (gy, gm, _) = civil_from_days(z);
                        fmt_month(i64::from(gy), gm)
                    }))
                } else {
                    Val::Abs(fmt_month(y, m))
                }
            }
            YearSpec::Nearest if !shahr => return None,
            // A Hijri month with no year is a date after شهر (شهر رمضان) or with a modifier.
            spec => Val::Rel(Box::new(move |p| month_value(p, m, hijri, spec))),
        };
        let last = last.max(j + n - 1);
        Some(self.push(first, last, val, None))
    }

    // --- Days: weekdays, today, yesterday, tomorrow ---

    /// A day word at `i`, in a mention that starts at `first` (يوم before it, or `i`).
    fn day_led(&mut self, first: usize, i: usize) -> Option<usize> {
        let k = self.k(i);
        // Words right before that make it no date: صلاة الجمعة, ذلك اليوم.
        let before = if first > 0 && self.joined(first) {
            self.k(first - 1)
        } else {
            K::Other
        };
        match k {
            K::Yawm => {
                // يوم الجمعة, يوم أمس, يوم غد, يوم 15 يوليو.
                let j = i + 1;
                if !self.joined(j) {
                    return None;
                }
                match self.k(j) {
                    K::Weekday(w) => self.weekday_phrase(i, j, w, None),
                    K::Yesterday | K::Tomorrow => self.day_led(i, j),
                    K::Num(v, 1..=2, Suf::None) => self.day_month(i, j, v, None),
                    _ => None,
                }
            }
            K::Weekday(w) => {
                if matches!(before, K::Prayer) {
                    return None;
                }
                // A family name: «إبراهيم بن سليمان الخميس».
                if first >= 2 && self.k(first - 2) == K::Bin && self.joined(first - 1) {
                    return None;
                }
                // من الأحد إلى الخميس: a weekly schedule.
                if before == K::Min && self.k(i + 1) == K::Ila && self.joined(i + 1) {
                    return Some(i + 3);
                }
                self.weekday_phrase(first, i, w, None)
            }
            K::Today | K::Yesterday | K::Tomorrow | K::Tonight => {
                if matches!(before, K::That | K::This | K::Prayer | K::Fi | K::Outlet)
                    && k == K::Today
                {
                    return None;
                }
                let mut off = match k {
                    K::Yesterday => -1,
                    K::Tomorrow => 1,
                    _ => 0,
                };
                let mut last = i;
                // أمس الأول: the day before yesterday; الليلة الماضية: last night.
                match (k, self.k(i + 1)) {
                    (K::Yesterday, K::First) if self.joined(i + 1) => {
                        off = -2;
                        last = i + 1;
                    }
                    (K::Tonight, K::Mod(Dir::Past)) if self.joined(i + 1) => {
                        off = -1;
                        last = i + 1;
                    }
                    _ => {}
                }
                // اليوم الجمعة, أمس (الجمعة), اليوم يوم الجمعة.
                let mut j = last + 1;
                if self.k(j) == K::Yawm && self.joined(j) {
                    j += 1;
                }
                if let K::Weekday(w) = self.k(j) {
                    if self.joined_loose(j) {
                        return self.weekday_phrase(first, j, w, Some(off));
                    }
                }
                if k == K::Today {
                    // اليوم ذاته, اليوم نفسه: the same day as something told before.
                    if self.k(i + 1) == K::That && self.joined(i + 1) {
                        return None;
                    }
                    // اليوم الوطني, اليوم العالمي, اليوم التالي, اليوم الأول: not today.
                    if matches!(
                        self.k(i + 1),
                        K::DayAdj | K::First | K::Second | K::Ordinal(_) | K::Mod(_)
                    ) && self.joined(i + 1)
                    {
                        return None;
                    }
                    // «اليوم» in quotation marks is the newspaper of that name: a mark opens
                    // right before it. (Not one closing a name before it: ضيف برنامج
                    // "بوليتيكا" اليوم أن.)
                    if self.gap(i).ends_with(['"', '«', '“']) {
                        return None;
                    }
                    // Nor the end of a short name in marks: «روسيا اليوم», "الإمارات اليوم".
                    if self.gap(i + 1).starts_with(['"', '»', '”'])
                        && (1..=3).any(|d| {
                            i >= d
                                && self.gap(i + 1 - d).ends_with(['"', '«', '“'])
                                && (i + 2 - d..=i).all(|x| self.joined(x))
                        })
                    {
                        return None;
                    }
                    // لليوم: for the day (لليوم الثاني); only اليوم itself, واليوم, فاليوم.
                    let t = self.toks[i];
                    if self.text[t.start..t.end].starts_with("لل") {
                        return None;
                    }
                }
                self.relative_day(first, last, off)
            }
            _ => None,
        }
    }

    /// Moves the Hijri days found by the offset between the tabular calendar and the
    /// calendar the text follows (Umm al-Qura in Saudi papers, a day or two apart). The text
    /// tells the offset when it gives a Hijri day with its Gregorian equal («9 شوال 1436هـ
    /// الموافق 25 يوليو 2015م») or with its weekday («الجمعة 4/8/1436»); a Hijri day with a
    /// weekday is moved to that weekday, the others by the offset (at most two days).
    fn calibrate_hijri(&mut self) {
        if self.hijri_days.is_empty() {
            return;
        }
        let day_of = |m: &DateMention| -> Option<i64> {
            let v = m.value.as_deref()?;
            if v.len() != 10 {
                return None;
            }
            let y = v.get(..4)?.parse().ok()?;
            let mo = v.get(5..7)?.parse().ok()?;
            let d = v.get(8..10)?.parse().ok()?;
            day_number(y, mo, d)
        };
        // The shift (−2…2, smallest first) that puts day z on weekday w.
        let to_weekday = |z: i64, w: u8| -> Option<i64> {
            [0, -1, 1, -2, 2]
                .into_iter()
                .find(|&d| weekday_of(z + d) == w)
        };
        let mut delta = None;
        'pairs: for &h in &self.hijri_days {
            for other in [h.checked_sub(1), Some(h + 1)].into_iter().flatten() {
                let Some(o) = self.out.get(other) else {
                    continue;
                };
                if self.hijri_days.binary_search(&other).is_ok() {
                    continue;
                }
                let m = &self.out[h];
                let (a, b) = if other > h {
                    (m.end, o.start)
                } else {
                    (o.end, m.start)
                };
                let gap = self.text.get(a..b).unwrap_or("");
                if gap.len() > 40 || !gap.contains("موافق") {
                    continue;
                }
                if let (Some(x), Some(y)) = (day_of(m), day_of(o)) {
                    if (y - x).abs() <= 2 {
                        delta = Some(y - x);
                        break 'pairs;
                    }
                }
            }
        }
        if delta.is_none() {
            delta = self.hijri_days.iter().find_map(|&h| {
                let m = &self.out[h];
                to_weekday(day_of(m)?, m.weekday?)
            });
        }
        for &h in &self.hijri_days {
            let m = &self.out[h];
            let Some(z) = day_of(m) else { continue };
            let d = match m.weekday {
                Some(w) => to_weekday(z, w),
                None => delta,
            };
            if let Some(d) = d.filter(|&d| d != 0) {
                self.out[h].value = fmt_day(z + d);
            }
        }
    }

    /// The day `off` days from publication, for words `first..=last`.
    fn relative_day(&mut self, first: usize, last: usize, off: i64) -> Option<usize> {
        Some(self.push(
            first,
            last,
            Val::Rel(Box::new(move |p| fmt_day(p + off))),
            None,
        ))
    }

    /// A weekday at word `w_at` (the mention starts at `first`), after أمس/اليوم/غدا (`anchor`
    /// days from publication) or not: with an explicit date after it, a modifier, or alone.
    fn weekday_phrase(
        &mut self,
        first: usize,
        w_at: usize,
        w: u8,
        anchor: Option<i64>,
    ) -> Option<usize> {
        let mut last = w_at;
        let mut dir = None;
        if let K::Mod(d) = self.k(w_at + 1) {
            if self.joined(w_at + 1) {
                dir = Some(d);
                last = w_at + 1;
            }
        }
        let mut j = last + 1;
        // الأحد الموافق 15 يوليو, الأحد 15 رمضان 1436هـ, الجمعة (15 يوليو), السبت المقبل 9 شوال.
        if self.k(j) == K::Corresponding && self.joined_loose(j) {
            j += 1;
        }
        if let K::Num(v, 1..=2, Suf::None) = self.k(j) {
            if self.joined_loose(j) {
                let before = self.out.len();
                if let Some(n) = self.day_month(first, j, v, Some(w)) {
                    if self.out.len() > before {
                        return Some(n);
                    }
                }
                // الأحد 13 أو 20 سبتمبر: the weekday goes with the first day.
                if let Some(n) = self.day_range(j, v) {
                    let start = self.toks[first].start + usize::from(self.toks[first].skip);
                    if let Some(m) = self.out.get_mut(before) {
                        m.start = start;
                        m.weekday = Some(w);
                    }
                    return Some(n);
                }
            }
        }
        if let K::Num(..) = self.k(j) {
            if let Some(n) = self.numeric_date_with(first, j, w) {
                return Some(n);
            }
        }
        let future = anchor.is_none() && dir.is_none() && self.future_clause(first);
        let val = Val::Rel(Box::new(move |p| {
            let pw = i64::from(weekday_of(p));
            let w = i64::from(w);
            let z = match (anchor, dir) {
                (Some(off), _) => {
                    // The day of weekday w nearest publication + off.
                    let a = p + off;
                    let back = (i64::from(weekday_of(a)) - w).rem_euclid(7);
                    if back <= 3 {
                        a - back
                    } else {
                        a + 7 - back
                    }
                }
                (None, Some(Dir::Past)) => p - ((pw - w + 6).rem_euclid(7) + 1),
                (None, Some(Dir::Next)) => p + ((w - pw + 6).rem_euclid(7) + 1),
                (None, _) if future => p + (w - pw).rem_euclid(7),
                (None, _) => p - (pw - w).rem_euclid(7),
            };
            fmt_day(z)
        }));
        Some(self.push(first, last, val, Some(w)))
    }

    /// A numeric date right after a weekday, kept as one mention with it.
    fn numeric_date_with(&mut self, first: usize, j: usize, w: u8) -> Option<usize> {
        let before = self.out.len();
        let n = self.numeric_date(j)?;
        if self.out.len() == before + 1 {
            let m = self.out.last_mut()?;
            m.start = self.toks[first].start + usize::from(self.toks[first].skip);
            m.weekday = Some(w);
        }
        Some(n)
    }

    /// Whether the clause before word `i` speaks of the future (at most eight words back, not
    /// past a sentence end).
    fn future_clause(&self, i: usize) -> bool {
        let lo = i.saturating_sub(8);
        let mut j = i;
        while j > lo {
            if self.gap(j).contains(['.', '!', '؟', '?', '\n', '؛']) {
                return false;
            }
            j -= 1;
            if self.k(j) == K::Future {
                return true;
            }
        }
        false
    }

    // --- Units: الأسبوع الماضي, العام المقبل, هذا الشهر, منذ أسبوعين ---

    fn the_unit(&mut self, first: usize, u_at: usize, u: Unit) -> Option<usize> {
        if u == Unit::Year {
            if let Some(n) = self.year_word(u_at) {
                return Some(n);
            }
        }
        match self.k(u_at + 1) {
            K::Mod(d) if self.joined(u_at + 1) => self.the_unit_dir(first, u_at + 1, u, d),
            _ => None,
        }
    }

    fn the_unit_dir(&mut self, first: usize, last: usize, u: Unit, d: Dir) -> Option<usize> {
        let n: i64 = match d {
            Dir::Past => -1,
            Dir::Next => 1,
            Dir::Current => 0,
        };
        // هذا العام الماضي makes no sense; take what follows هذا only when it is plain.
        let last = if d == Dir::Current && self.k(last + 1) == K::Mod(Dir::Current) {
            last + 1
        } else {
            last
        };
        let val = Val::Rel(Box::new(move |p| shift(p, u, n)));
        Some(self.push(first, last, val, None))
    }

    /// منذ/قبل/بعد + a count of units: `منذ أسبوعين`, `قبل ثلاثة أيام`, `بعد 5 سنوات`, `منذ عام`.
    fn counted(&mut self, i: usize) -> Option<usize> {
        let sign: i64 = if self.k(i) == K::After { 1 } else { -1 };
        // يوما بعد يوم, عاما بعد عام: «day after day».
        if i > 0 && matches!(self.k(i - 1), K::UnitPl(_) | K::Yawm | K::YearWord) {
            return None;
        }
        let mut j = i + 1;
        if !self.joined(j) {
            return None;
        }
        // منذ نحو أسبوعين, قبل حوالي 4 سنوات: «about» the count, the same date.
        if sign < 0 && self.k(j) == K::Approx && self.joined(j + 1) {
            j += 1;
        }
        let (n, unit, last) = match self.k(j) {
            K::UnitDual(u) => (2, u, j),
            // قبل يوم الجمعة, بعد شهر رمضان: before a named day or month, not a count.
            K::Yawm | K::MonthWord
                if matches!(
                    self.k(j + 1),
                    K::Weekday(_) | K::Num(..) | K::Month(_) | K::Hijri(_) | K::HijriPair(_)
                ) =>
            {
                return None
            }
            K::Yawm => (1, Unit::Day, j),
            K::WeekWord => (1, Unit::Week, j),
            K::MonthWord => (1, Unit::Month, j),
            K::YearWord => {
                if matches!(self.k(j + 1), K::Num(_, 4, _)) {
                    return None;
                }
                (1, Unit::Year, j)
            }
            K::Count(c) | K::Num(c @ 1..=99, 1..=2, Suf::None) => {
                let u = match self.k(j + 1) {
                    K::UnitPl(u) if self.joined(j + 1) => u,
                    K::Yawm if self.joined(j + 1) => Unit::Day,
                    K::WeekWord if self.joined(j + 1) => Unit::Week,
                    K::MonthWord if self.joined(j + 1) => Unit::Month,
                    K::YearWord if self.joined(j + 1) => Unit::Year,
                    _ => return None,
                };
                (i64::from(c), u, j + 1)
            }
            _ => return None,
        };
        // Counted from another event (بعد يومين من الهجوم, بعد أسبوع على), or a vaguer span
        // (منذ أكثر من): not anchored to publication.
        let from_event = match self.k(last + 1) {
            K::Min => true,
            K::Ala => sign > 0,
            _ => false,
        };
        if from_event && self.joined(last + 1) {
            return None;
        }
        let val = Val::Rel(Box::new(move |p| shift(p, unit, sign * n)));
        Some(self.push(i, last, val, None))
    }

    // --- Years ---

    /// عام 2011, العام 2015, سنة 2015م, عامي 2014 و2015 (two mentions), عام 1436هـ.
    fn year_word(&mut self, i: usize) -> Option<usize> {
        let j = i + 1;
        let K::Num(y, 4, suf) = self.k(j) else {
            return None;
        };
        if !self.joined(j) {
            return None;
        }
        let (val, last) = self.year_value(j, y, suf, true)?;
        let n = self.push(i, last, val, None);
        // عامي 2014 و2015.
        Some(self.more_years(n, true))
    }

    /// The year written at word `j` (and a mark after it): Gregorian 1900–2100, Hijri 1300–1500.
    /// `wide`: after عام/سنة, where any year from 1000 is a year (عام 1859).
    fn year_value(&self, j: usize, y: u32, suf: Suf, wide: bool) -> Option<(Val, usize)> {
        let next = self.k(j + 1);
        let joined = self.joined(j + 1);
        let (hijri, last) = match (suf, next) {
            (Suf::Hijri, _) => (true, j),
            (Suf::Greg, _) => (false, j),
            (_, K::HijriMark) if joined => (true, j + 1),
            (_, K::GregMark) if joined => (false, j + 1),
            _ => ((1300..=1500).contains(&y), j),
        };
        if hijri && (1300..=1500).contains(&y) {
            Some((Val::Abs(hijri_year(i64::from(y))), last))
        } else if !hijri && ((1900..=2100).contains(&y) || (wide && (1000..=2100).contains(&y))) {
            Some((Val::Abs(fmt_year(i64::from(y))), last))
        } else {
            None
        }
    }

    /// More years joined to one ending at word `n - 1` by و: `2012 و2014`, `عامي 2014 و2015`.
    fn more_years(&mut self, mut n: usize, wide: bool) -> usize {
        while let K::Num(y, 4, suf) = self.k(n) {
            if !(self.joined(n) && self.toks[n].skip > 0) {
                break;
            }
            let Some((val, last)) = self.year_value(n, y, suf, wide) else {
                break;
            };
            n = self.push(n, last, val, None);
        }
        n
    }

    /// A bare four-digit year after في, منذ, حتى, خلال, مطلع…: `في 2014`.
    fn year_after_cue(&mut self, i: usize) -> Option<usize> {
        let j = i + 1;
        let K::Num(y, 4, suf) = self.k(j) else {
            return None;
        };
        if !self.joined(j) || !(1900..=2100).contains(&y) && suf == Suf::None {
            return None;
        }
        // في 2014 شخصا…: a count, not a year, when a counted noun follows (rare); a year is
        // followed by punctuation, a conjunction or a new clause, which we cannot tell apart
        // from a noun in general, so only the units are excluded.
        if matches!(
            self.k(j + 1),
            K::UnitPl(_) | K::Yawm | K::YearWord | K::MonthWord | K::WeekWord
        ) && self.joined(j + 1)
        {
            return None;
        }
        let (val, last) = self.year_value(j, y, suf, false)?;
        let n = self.push(j, last, val, None);
        Some(self.more_years(n, false))
    }
}

/// The Gregorian year in which Hijri year `y` is half gone (its 1 Rajab).
fn hijri_year(y: i64) -> Option<String> {
    let z = hijri_day_number(y, 7, 1)?;
    fmt_year(i64::from(civil_from_days(z).0))
}

/// The value of a day and month with the year as `spec` says.
fn day_value(day: u32, m: u32, hijri: bool, spec: YearSpec) -> Option<Val> {
    match spec {
        YearSpec::Abs(y) => {
            let z = if hijri {
                hijri_day_number(y, m, day)
            } else {
                day_number(y as i32, m, day)
            };
            // A day that does not exist (31 يونيو 2015) is no date.
            z?;
            Some(Val::Abs(z.and_then(fmt_day)))
        }
        spec => {
            if day > 31 || (!hijri && day > days_in_month(2000, m)) || (hijri && day > 30) {
                return None;
            }
            Some(Val::Rel(Box::new(move |p| {
                resolve_day(p, day, m, hijri, spec)
            })))
        }
    }
}

/// A day and month with no written year, resolved against publication day `p`.
fn resolve_day(p: i64, day: u32, m: u32, hijri: bool, spec: YearSpec) -> Option<String> {
    let (py, pm) = if hijri {
        hijri_of(p)
    } else {
        let (y, m, _) = civil_from_days(p);
        (i64::from(y), m)
    };
    let at = |y: i64| -> Option<i64> {
        if hijri {
            hijri_day_number(y, m, day)
        } else {
            day_number(i32::try_from(y).ok()?, m, day)
        }
    };
    let cands = [py - 1, py, py + 1].map(at);
    let z = match spec {
        YearSpec::Abs(_) => None,
        YearSpec::Dir(Dir::Next) => cands.iter().flatten().copied().find(|&z| z > p),
        YearSpec::Dir(Dir::Past) => cands.iter().flatten().rev().copied().find(|&z| z < p),
        YearSpec::Dir(Dir::Current) => {
            let _ = pm;
            cands[1]
        }
        YearSpec::YearDir(d) => match d {
            Dir::Past => cands[0],
            Dir::Current => cands[1],
            Dir::Next => cands[2],
        },
        YearSpec::Nearest => cands
            .iter()
            .flatten()
            .copied()
            .min_by_key(|&z| (z - p).abs()),
    }?;
    fmt_day(z)
}

/// A month with no written year (يوليو الماضي, شهر رمضان المقبل), as `YYYY-MM` (Gregorian;
/// for a Hijri month, the Gregorian month of its first day).
fn month_value(p: i64, m: u32, hijri: bool, spec: YearSpec) -> Option<String> {
    let (py, pm) = if hijri {
        hijri_of(p)
    } else {
        let (y, m, _) = civil_from_days(p);
        (i64::from(y), m)
    };
    let y = match spec {
        YearSpec::Abs(y) => y,
        YearSpec::Dir(Dir::Past) => py - i64::from(m >= pm),
        YearSpec::Dir(Dir::Next) => py + i64::from(m <= pm),
        YearSpec::Dir(Dir::Current) => py,
        YearSpec::YearDir(Dir::Past) => py - 1,
        YearSpec::YearDir(Dir::Current) => py,
        YearSpec::YearDir(Dir::Next) => py + 1,
        YearSpec::Nearest => {
            // The year that puts the month nearest publication.
            let d = i64::from(m) - i64::from(pm);
            if d > 6 {
                py - 1
            } else if d < -6 {
                py + 1
            } else {
                py
            }
        }
    };
    if hijri {
        let (gy, gm, _) = civil_from_days(hijri_day_number(y, m, 1)?);
        fmt_month(i64::from(gy), gm)
    } else {
        fmt_month(y, m)
    }
}

/// Publication day `p` moved by `n` units, at the unit's granularity.
fn shift(p: i64, u: Unit, n: i64) -> Option<String> {
    match u {
        Unit::Day => fmt_day(p + n),
        Unit::Week => iso_week(p + 7 * n),
        Unit::Month => {
            let (y, m, _) = civil_from_days(p);
            let (y, m) = add_months(i64::from(y), m, n);
            fmt_month(y, m)
        }
        Unit::Year => fmt_year(i64::from(civil_from_days(p).0) + n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendars() {
        for z in [-1_000_000i64, -1, 0, 1, 16_000, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(weekday_of(day_number(2018, 7, 15).unwrap()), 6);
        assert_eq!(weekday_of(day_number(2016, 12, 3).unwrap()), 5);
        // 1 Muharram 1 AH = 19 July 622 (proleptic Gregorian).
        assert_eq!(hijri_day_number(1, 1, 1), day_number(622, 7, 19));
        // 1 Ramadan 1436 (tabular) = 18 June 2015.
        assert_eq!(
            hijri_day_number(1436, 9, 1).and_then(fmt_day).as_deref(),
            Some("2015-06-18")
        );
        let z = day_number(2015, 7, 2).unwrap();
        assert_eq!(hijri_of(z), (1436, 9));
        assert_eq!(
            iso_week(day_number(2018, 7, 8).unwrap()).as_deref(),
            Some("2018-W27")
        );
        assert_eq!(
            iso_week(day_number(2016, 1, 1).unwrap()).as_deref(),
            Some("2015-W53")
        );
        assert_eq!(
            iso_week(day_number(2018, 12, 31).unwrap()).as_deref(),
            Some("2019-W01")
        );
    }
}
