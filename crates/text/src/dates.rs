//! Calendar dates written out in Arabic news: `8 فيفري 2019`, `20 كانون الثاني/ يناير 2017`,
//! `٣ مارس ٢٠١٦`, `2016/12/03`.
//!
//! Arabic writes Gregorian months in three systems: the Egyptian/Gulf transliterations (يناير،
//! فبراير…), the Levantine/Iraqi Syriac names (كانون الثاني، شباط…), and the Maghrebi French-derived
//! ones (جانفي، فيفري…); papers often give two at once (`كانون الثاني/ يناير`). Words are compared
//! in folded form ([`crate::tokens`]), so hamza, ta marbuta and diacritics do not matter.

/// Month names in folded form (as [`crate::Token::surface`] gives them), with their number.
const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1),
    ("جانفي", 1),
    ("فبراير", 2),
    ("فيفري", 2),
    ("شباط", 2),
    ("مارس", 3),
    ("اذار", 3),
    ("ابريل", 4),
    ("افريل", 4),
    ("نيسان", 4),
    ("مايو", 5),
    ("ماي", 5),
    ("ايار", 5),
    ("يونيو", 6),
    ("جوان", 6),
    ("حزيران", 6),
    ("يوليو", 7),
    ("جويليه", 7),
    ("جويليت", 7),
    ("تموز", 7),
    ("اغسطس", 8),
    ("اوت", 8),
    ("اب", 8),
    ("سبتمبر", 9),
    ("ايلول", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("دجنبر", 12),
];

/// Two-word Syriac names (كانون الأول/الثاني, تشرين الأول/الثاني), folded.
const TWO_WORD_MONTHS: &[(&str, &str, u32)] = &[
    ("كانون", "الثاني", 1),
    ("كانون", "الاول", 12),
    ("تشرين", "الاول", 10),
    ("تشرين", "الثاني", 11),
];

/// The Gregorian month names of [`find_date`] in folded form (as [`crate::Token::surface`]
/// gives them), with their number: the Egyptian/Gulf, Syriac and Maghrebi one-word names
/// (the two-word Syriac ones, كانون الثاني…, are not in it).
pub const MONTH_NAMES: &[(&str, u32)] = MONTHS;

/// The first full calendar date (day, month name, year) written in `text`, as
/// `(year, month, day)`. Years from 1900 to 2100; the day must exist in that month.
pub fn find_date(text: &str) -> Option<(i32, u32, u32)> {
    let words: Vec<String> = crate::tokens(text).map(|t| t.surface()).collect();
    for i in 0..words.len() {
        let Some(day) = number(&words[i], 1, 31) else {
            continue;
        };
        // The month: one word, two words, or a pair of systems (كانون الثاني/ يناير).
        let mut j = i + 1;
        let mut month = None;
        while j < words.len() && j <= i + 4 {
            if let Some(m) = month_at(&words, j) {
                month = Some(m.0);
                j += m.1;
            } else {
                break;
            }
        }
        let (Some(month), Some(year)) = (month, words.get(j).and_then(|w| number(w, 1900, 2100)))
        else {
            continue;
        };
        if day <= days_in_month(year as i32, month) {
            return Some((year as i32, month, day));
        }
    }
    None
}

/// The month named at `words[j]`, and how many words its name takes.
fn month_at(words: &[String], j: usize) -> Option<(u32, usize)> {
    let w = words[j].as_str();
    if let Some(next) = words.get(j + 1) {
        if let Some(&(_, _, m)) = TWO_WORD_MONTHS
            .iter()
            .find(|(a, b, _)| *a == w && b == next)
        {
            return Some((m, 2));
        }
    }
    MONTHS
        .iter()
        .find(|(name, _)| *name == w)
        .map(|&(_, m)| (m, 1))
}

fn number(word: &str, lo: u32, hi: u32) -> Option<u32> {
    if word.is_empty() || word.len() > 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|n| (lo..=hi).contains(n))
}

/// Days in month `m` (1–12) of year `y`, in the Gregorian calendar.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's `days_from_civil`
/// ("chrono-Compatible Low-Level Date Algorithms").
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The Gregorian `(year, month, day)` of a day number (the inverse of [`days_from_civil`],
/// same source).
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m as u32, d as u32)
}

/// The calendar day of an ISO 8601 date or date-time (its first ten characters), if valid.
pub fn iso_day(iso: &str) -> Option<(i32, u32, u32)> {
    let s = iso.trim().get(0..10)?;
    let b = s.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s[0..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..10].parse().ok()?;
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::find_date;

    #[test]
    fn the_three_month_systems_and_their_pairs() {
        let cases = [
            ("الجمعة 8 فيفري 2019", Some((2019, 2, 8))),
            (
                "نشر في 20 كانون الثاني/ يناير 2017 على الموقع",
                Some((2017, 1, 20)),
            ),
            ("٣ مارس ٢٠١٦", Some((2016, 3, 3))),
            ("السبت 1 تشرين الأول 2016", Some((2016, 10, 1))),
            ("15 أغسطس 2015", Some((2015, 8, 15))),
            ("29 شباط 2015", None),
            ("في 8 فيفري", None),
            ("قتل 20 شخصا في 2015", None),
        ];
        for (text, want) in cases {
            assert_eq!(find_date(text), want, "{text}");
        }
    }
}
