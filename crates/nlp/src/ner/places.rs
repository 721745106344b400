//! Places the news gazetteer knows, where the sentence says a place stands: بصفاقس, في
//! المهدية, ولايات المنستير وصفاقس.
//!
//! The tagger learnt from ANERcorp, whose places are mostly the world's capitals and countries;
//! the towns of the outlets khabar reads (Tunisia's governorates, Saudi Arabia's provinces) it
//! rarely saw, and even when the harvested gazetteer (`models/harvested-loc.txt`, names found
//! after مدينة, ولاية, محافظة … in the news) lists them, it leaves many untagged, most often
//! when a clitic is attached (بسوسة, وجربة). A gazetteer hit alone is weak evidence (a town's
//! name may be a family name or a common noun), but a gazetteer hit in a place's slot is
//! strong: after a preposition of place (في, من, إلى), a word for an administrative unit or
//! «على غرار» (such as), after the preposition ب glued to it or to its article (بالمهدية), or
//! joined by و to a place just tagged. Only words that no person or organisation gazetteer also
//! lists are taken (الكاف is a town and the African football confederation).

use super::features::PlaceGazetteer;

const O: usize = 0;
const B_PERS: usize = 1;
const B_LOC: usize = 2;
const I_PERS: usize = 5;
const I_LOC: usize = 6;

/// Words after which a name stands for a place (folded as khabar-text folds them). من (from)
/// and غرار (على غرار, such as) precede people and bodies as often, but only a word the
/// gazetteer lists as a place, in a cluster of places, is taken after them.
const PLACE_CUES: &[&str] = &[
    "في",
    "من",
    "غرار",
    "الي",
    "نحو",
    "داخل",
    "قرب",
    "ولايه",
    "ولايات",
    "بولايه",
    "لولايه",
    "مدينه",
    "بمدينه",
    "مدن",
    "معتمديه",
    "بمعتمديه",
    "معتمديات",
    "جهه",
    "بجهه",
    "منطقه",
    "بمنطقه",
    "بلديه",
    "محافظه",
    "بمحافظه",
    "محافظات",
    "عاصمه",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "وسط",
];

/// Marks as places the words the gazetteer lists as places where the context says a place
/// stands (see the module's documentation). `place(k)` is what the gazetteer says of word `k`.
pub(crate) fn mark_where<S: AsRef<str>>(
    words: &[S],
    labels: &mut [usize],
    place: impl Fn(usize) -> PlaceGazetteer,
) {
    let n = words.len().min(labels.len());
    for i in 0..n {
        if labels[i] != O {
            continue;
        }
        let hit = place(i);
        if hit == PlaceGazetteer::No {
            continue;
        }
        let raw = words[i].as_ref();
        let after_place = i > 0 && matches!(labels[i - 1], B_LOC | I_LOC);
        let joined = raw.starts_with('و') && after_place;
        let in_slot = match hit {
            PlaceGazetteer::No => false,
            // بسوسة, لصفاقس: the clitic is the preposition; وجربة after تونس: a list of places.
            PlaceGazetteer::Stripped => raw.starts_with(['ب', 'ل']) || joined,
            PlaceGazetteer::Whole => {
                joined
                    || (i > 0 && {
                        let prev = khabar_text::normalize(words[i - 1].as_ref());
                        PLACE_CUES.contains(&prev.as_str())
                    })
            }
        };
        if in_slot {
            labels[i] = B_LOC;
        }
    }
}

/// Countries whose name is also the feminine adjective of their nationality (folded):
/// السعودية is Saudi Arabia and «Saudi» (الخطوط السعودية). The news the tagger learnt from
/// writes the adjective far more than the country.
const COUNTRY_ADJECTIVES: &[&str] = &["السعوديه"];

/// What the words of [`COUNTRY_ADJECTIVES`] hold as written, to pass over the others without
/// folding them.
const COUNTRY_STEMS: &[&str] = &["سعود"];

/// Words after which a noun stands, never an adjective: particles, prepositions (folded).
const BEFORE_A_NOUN: &[&str] = &[
    "ان", "بان", "لان", "فان", "انها", "الي", "في", "من", "مع", "عن", "علي", "بين", "حتي", "ثم",
    "او", "لدي", "ضد", "عبر", "نحو", "تجاه", "مثل", "غير", "سوي", "حيث", "بعد", "قبل", "عند",
];

/// Marks as a place a country named by its adjective's form where it cannot be the adjective:
/// an adjective follows the noun it qualifies (الحكومة السعودية, and in a company's name, زين
/// السعودية), so where no noun stands before it (at a sentence's start, after punctuation, a
/// particle or a preposition: أن السعودية, إلى السعودية) it is the country.
pub(crate) fn mark_countries<S: AsRef<str>>(words: &[S], labels: &mut [usize]) {
    let n = words.len().min(labels.len());
    for i in 0..n {
        // (Only a word holding a country's stem as written is folded: folding allocates, and
        // this runs on every word the tagger reads.)
        let raw = words[i].as_ref();
        if labels[i] != O || !COUNTRY_STEMS.iter().any(|s| raw.contains(s)) {
            continue;
        }
        let w = khabar_text::normalize(raw);
        let w = w.strip_prefix(['و', 'ف']).unwrap_or(&w);
        // (With a preposition glued to it, بالسعودية, للسعودية, it is a noun.)
        let (bare, preposition) = match w.strip_prefix("لل") {
            Some(rest) => (format!("ال{rest}"), true),
            None => match w
                .strip_prefix(['ب', 'ل', 'ك'])
                .filter(|r| r.starts_with("ال"))
            {
                Some(rest) => (rest.to_owned(), true),
                None => (w.to_owned(), false),
            },
        };
        if !COUNTRY_ADJECTIVES.contains(&bare.as_str()) {
            continue;
        }
        let noun_free = preposition || i == 0 || {
            let raw = words[i - 1].as_ref();
            let prev = khabar_text::normalize(raw);
            let prev = prev
                .strip_prefix('و')
                .filter(|r| !r.is_empty())
                .unwrap_or(&prev);
            labels[i - 1] == O
                && (!raw.chars().any(char::is_alphanumeric)
                    || prev == "و"
                    || BEFORE_A_NOUN.contains(&prev))
        };
        if noun_free {
            labels[i] = B_LOC;
        }
    }
}

/// Nouns of named facilities (as khabar-text folds them): a palace, a stadium, a museum, an
/// airport, a port, a street, a mosque, a park. With the name after them they are places
/// (قصر قرطاج, ملعب رادس, متحف باردو, شارع الحبيب بورقيبة).
const FACILITIES: &[&str] = &[
    "قصر",
    "ملعب",
    "متحف",
    "مطار",
    "ميناء",
    "شارع",
    "نهج",
    "جامع",
    "منتزه",
];

/// What [`FACILITIES`] begin with however they are written (ميناء or مينا, منتزه or منتزة), to
/// pass over the other words without folding them.
const FACILITY_STEMS: &[&str] = &[
    "قصر", "ملعب", "متحف", "مطار", "مينا", "شارع", "نهج", "جامع", "منتز",
];

/// Whether a word as written opens with a facility noun's stem, after up to two of the
/// clitics و ب ل (وبملعب): a test of a few bytes, where folding the word costs an allocation.
fn may_be_facility(raw: &str) -> bool {
    let mut w = raw;
    for _ in 0..3 {
        if FACILITY_STEMS.iter().any(|f| w.starts_with(f)) {
            return true;
        }
        match w.strip_prefix(['و', 'ب', 'ل']) {
            Some(rest) => w = rest,
            None => return false,
        }
    }
    false
}

/// Relative pronouns, as khabar-text folds them.
const RELATIVES: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللتين",
    "اللواتي",
    "اللاتي",
];

/// A definite word that looks like an adjective: a relative adjective (الرئاسي, السنوية) or a
/// participle (المذكور, المبني, الموازي).
fn adjective(w: &str) -> bool {
    let bare = w.trim_start_matches("ال");
    ["ي", "ية", "يه"].iter().any(|e| bare.ends_with(e))
        || (bare.starts_with('م') && bare.chars().count() >= 4)
}

/// Where the place or person the tagger found from word `b` (its B label) ends.
fn tagged_name_end(labels: &[usize], b: usize) -> usize {
    let inside = if labels[b] == B_LOC { I_LOC } else { I_PERS };
    let mut j = b + 1;
    while j < labels.len() && labels[j] == inside {
        j += 1;
    }
    j
}

/// Marks named facilities as places: a facility noun in construct state (with و, ب or ل
/// glued to it or not), then the place or person the tagger found after it (ملعب رادس, ملعب
/// الطيب المهيري), or a date (ملعب 15 أكتوبر), or up to two definite words (قصر المؤتمرات,
/// قصر الإليزيه). The facility and its name become one place.
pub(crate) fn mark_facilities<S: AsRef<str>>(words: &[S], labels: &mut [usize]) {
    let n = words.len().min(labels.len());
    let mut i = 0;
    while i + 1 < n {
        // (Most words hold no facility noun: they are not folded.)
        if labels[i] != O || !may_be_facility(words[i].as_ref()) {
            i += 1;
            continue;
        }
        let w = khabar_text::normalize(words[i].as_ref());
        let head = ["", "و", "ب", "ل", "وب"]
            .iter()
            .filter_map(|p| w.strip_prefix(p))
            .find(|h| FACILITIES.contains(h));
        if head.is_none() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if matches!(labels[j], B_LOC | B_PERS) {
            j = tagged_name_end(labels, j);
        } else if words[j].as_ref().chars().all(|c| c.is_ascii_digit())
            && j + 1 < n
            && khabar_text::MONTH_NAMES.iter().any(|(m, _)| {
                khabar_text::normalize(m) == khabar_text::normalize(words[j + 1].as_ref())
            })
        {
            j += 2;
        } else {
            // One definite word, a second one unless it is an adjective (قصر المعاشيق
            // الرئاسي: the palace's name, then what it is), then the person or place the
            // tagger found (مطار الملك عبد العزيز).
            let definite = |k: usize| {
                let w = words[k].as_ref();
                labels[k] == O && w.starts_with("ال") && w.chars().count() >= 4
            };
            while j < n && j < i + 3 && definite(j) && (j == i + 1 || !adjective(words[j].as_ref()))
            {
                j += 1;
            }
            if j < n && matches!(labels[j], B_LOC | B_PERS) && j > i + 1 {
                j = tagged_name_end(labels, j);
            }
            // قصر المدة التي …: a noun phrase a relative clause goes on with is no name.
            if j < n && RELATIVES.contains(&khabar_text::normalize(words[j].as_ref()).as_str()) {
                j = i + 1;
            }
        }
        if j > i + 1 {
            labels[i] = B_LOC;
            for l in &mut labels[i + 1..j] {
                *l = I_LOC;
            }
        }
        i = j.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(words: &[&str], hits: &[PlaceGazetteer], labels: &mut [usize]) {
        mark_where(words, labels, |k| hits[k]);
    }

    #[test]
    fn named_facilities_are_places() {
        let run = |words: &[&str], labels: &mut [usize]| mark_facilities(words, labels);
        // قصر المؤتمرات: a facility and a definite word.
        let mut l = [O, O, O, O];
        run(&["انعقدت", "بقصر", "المؤتمرات", "بالعاصمة"], &mut l);
        assert_eq!(l, [O, B_LOC, I_LOC, O]);
        // ملعب رادس: the place the tagger found becomes the stadium's name.
        let mut l = [O, O, B_LOC, O];
        run(&["تجرى", "بملعب", "رادس", "الأحد"], &mut l);
        assert_eq!(l, [O, B_LOC, I_LOC, O]);
        // مطار الملك خالد الدولي: a title, then the person the tagger found.
        let mut l = [O, O, B_PERS, O];
        run(&["مطار", "الملك", "خالد", "الدولي"], &mut l);
        assert_eq!(l, [B_LOC, I_LOC, I_LOC, O]);
        // ملعب 15 أكتوبر: a date names it.
        let mut l = [O, O, O, O];
        run(&["غلق", "ملعب", "15", "أكتوبر"], &mut l);
        assert_eq!(l, [O, B_LOC, I_LOC, I_LOC]);
        // قصر المدة التي: a noun phrase going on with a relative clause names nothing;
        // قصر المعاشيق الرئاسي: the adjective is not the name.
        let mut l = [O, O, O];
        run(&["قصر", "المدة", "التي"], &mut l);
        assert_eq!(l, [O, O, O]);
        let mut l = [O, O, O];
        run(&["قصر", "المعاشيق", "الرئاسي"], &mut l);
        assert_eq!(l, [B_LOC, I_LOC, O]);
        // A facility noun alone, or one the tagger labelled, is left as it is.
        let mut l = [O, O];
        run(&["الملعب", "كان"], &mut l);
        assert_eq!(l, [O, O]);
    }

    #[test]
    fn a_country_named_by_its_adjective_is_a_place_where_no_noun_takes_it() {
        let run = |words: &[&str]| {
            let mut l = vec![O; words.len()];
            mark_countries(words, &mut l);
            l
        };
        assert_eq!(run(&["أكد", "أن", "السعودية", "ستظل"]), [O, O, B_LOC, O]);
        assert_eq!(
            run(&["وصل", "إلى", "السعودية", "،", "السعودية"]),
            [O, O, B_LOC, O, B_LOC]
        );
        assert_eq!(run(&["عاد", "للسعودية", "أمس"]), [O, B_LOC, O]);
        assert_eq!(run(&["السعودية", "تدين"]), [B_LOC, O]);
        // The adjective after its definite noun: «Saudi», no place.
        assert_eq!(run(&["الخطوط", "السعودية"]), [O, O]);
        assert_eq!(run(&["شركات", "المقاولات", "السعودية"]), [O, O, O]);
        // After a name the tagger missed (زين السعودية, a company), or any noun: no place.
        assert_eq!(run(&["وزين", "السعودية"]), [O, O]);
        assert_eq!(run(&["موقف", "السعودية"]), [O, O]);
        // Inside a name the tagger found, as the tagger left it.
        let mut l = [3, O];
        mark_countries(&["أرامكو", "السعودية"], &mut l);
        assert_eq!(l, [3, O]);
    }

    #[test]
    fn places_in_their_slot() {
        use PlaceGazetteer::{No, Stripped, Whole};
        // أمام منزله بصفاقس
        let mut l = [O, O, O];
        run(&["أمام", "منزله", "بصفاقس"], &[No, No, Stripped], &mut l);
        assert_eq!(l, [O, O, B_LOC]);
        // في المهدية
        let mut l = [O, O];
        run(&["في", "المهدية"], &[No, Whole], &mut l);
        assert_eq!(l, [O, B_LOC]);
        // ولايات المنستير وصفاقس: the second joined to the first.
        let mut l = [O, O, O];
        run(
            &["ولايات", "المنستير", "وصفاقس"],
            &[No, Whole, Stripped],
            &mut l,
        );
        assert_eq!(l, [O, B_LOC, B_LOC]);
        // A listed word out of a place's slot stays as the tagger left it.
        let mut l = [O, O];
        run(&["وأضاف", "سوسة"], &[No, Whole], &mut l);
        assert_eq!(l, [O, O]);
        // وجربة with no place before it: و is not a place's slot.
        let mut l = [O, O];
        run(&["الرحلات", "وجربة"], &[No, Stripped], &mut l);
        assert_eq!(l, [O, O]);
        // A word the tagger already labelled keeps its label.
        let mut l = [O, 1];
        run(&["في", "سوسة"], &[No, Whole], &mut l);
        assert_eq!(l, [O, 1]);
    }
}
