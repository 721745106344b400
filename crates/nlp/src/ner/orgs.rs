//! Organisation names built on a construct noun: وزارة الداخلية, حزب حراك تونس الإرادة,
//! مجلس نواب الشعب, هيئة الانتخابات.
//!
//! The tagger finds organisations least well of the four types (about half of ANERcorp's,
//! fewer in today's news, whose ministries, parties and associations it never saw in
//! training). Yet Arabic names most organisations the same way: an indefinite noun of
//! institution in construct state (إضافة), then the words that say which one, each definite
//! or itself a name. A noun in construct state cannot stand alone, so the pattern is a name's
//! start far more often than a description's (حزب سياسي, حركة احتجاجية, with an indefinite
//! adjective, do not match). The rule marks such spans as organisations where the tagger left
//! them out, or cut them short, and leaves people's names and longer spans it found alone.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// Institution nouns that open an organisation's name in construct state.
const INSTITUTIONS: &[&str] = &[
    "حزب",
    "حركة",
    "جبهة",
    "ائتلاف",
    "كتلة",
    "تنسيقية",
    "وزارة",
    "هيئة",
    "ديوان",
    "مجلس",
    "لجنة",
    "محكمة",
    "جمعية",
    "منظمة",
    "اتحاد",
    "نقابة",
    "رابطة",
    "منتدى",
    "مرصد",
    "جامعة",
    "شركة",
    "مؤسسة",
    "بنك",
    "مصرف",
    "وكالة",
    "صحيفة",
    "جريدة",
    "قناة",
    "إذاعة",
];

/// Definite words that end a name rather than continue it, besides the quotation lexicon's
/// time words (اليوم, الأحد …) and relative pronouns (الذي, التي …): the adjectives of time
/// that follow a subject (حزب النهضة الماضي, هيئة الانتخابات السابقة).
const ENDERS: &[&str] = &[
    "الآن",
    "الماضي",
    "الماضية",
    "المقبل",
    "المقبلة",
    "الحالي",
    "الحالية",
    "الجاري",
    "السابق",
    "السابقة",
    "الأسبق",
];

/// True when a folded word ends a name's continuation.
fn ends_name(word: &str) -> bool {
    use crate::quotes::lexicon::{flags_both, REL, TIME};
    let (f, f2) = flags_both(word);
    f & TIME != 0 || f2 & REL != 0 || sets().1.contains(word)
}

/// Words a name's continuation may have at most, after the institution noun.
const MAX_WORDS: usize = 5;

/// Label indices (see the model's label layout: O, B-PERS, B-LOC, B-ORG, B-MISC, I-…).
const O: usize = 0;
const B_ORG: usize = 3;
const I_ORG: usize = 7;

fn sets() -> &'static (FxHashSet<String>, FxHashSet<String>) {
    static SETS: OnceLock<(FxHashSet<String>, FxHashSet<String>)> = OnceLock::new();
    SETS.get_or_init(|| {
        let norm = |w: &&str| khabar_text::normalize(w);
        (
            INSTITUTIONS.iter().map(norm).collect(),
            ENDERS.iter().map(norm).collect(),
        )
    })
}

/// True when a folded word is an institution noun itself (وزارة, not لوزارة).
pub(crate) fn institution_noun(word: &str) -> bool {
    sets().0.contains(word)
}

/// The institution noun a word is, with or without a conjunction or preposition before it
/// (ووزارة, لوزارة, بحزب).
pub(crate) fn is_institution(word: &str) -> bool {
    let (institutions, _) = sets();
    if institutions.contains(word) {
        return true;
    }
    ["و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"]
        .iter()
        .any(|p| {
            word.strip_prefix(p)
                .is_some_and(|rest| institutions.contains(rest))
        })
}

/// Definite adjectives common after an organisation's genitive that [`adjective_like`]'s
/// endings miss.
const ADJECTIVES: &[&str] = &[
    "العام",
    "العامة",
    "العليا",
    "الأعلى",
    "الكبرى",
    "الجديد",
    "الجديدة",
    "الحر",
    "الحرة",
    "الأول",
    "الأولى",
    "الدائم",
    "الدائمة",
    "الخاص",
    "الخاصة",
    "الموحد",
];

/// Whether a definite word, as written, looks like an adjective: a relative adjective
/// (الدولية, التونسي, الديمقراطيين, العربيات), a participle (المتحدة, المستقلة), or a listed
/// one, or أفعل. Read on the raw word, whose final ى (القوى, a noun) folding would make a ي.
fn adjective_like(raw: &str) -> bool {
    let w = bare(raw);
    ["ي", "ية", "يه", "يين", "يون", "يات"]
        .iter()
        .any(|e| w.ends_with(e))
        || (w.starts_with("الم") && w.chars().count() >= 6)
        // أفعل: colours and elatives (الهلال الأحمر, الشرق الأوسط, المسجد الأقصى).
        || ((w.starts_with("الأ") || w.starts_with("الا")) && w.chars().count() == 6)
        || ADJECTIVES.contains(&w.as_str())
}

/// A word as written, without short vowels and tatweel. Definiteness is read on it, not on
/// the folded word, where آلية (a mechanism) becomes الية and looks definite.
fn bare(raw: &str) -> String {
    raw.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0640}'))
        .collect()
}

fn is_definite(word: &str) -> bool {
    word.chars().count() > 3 && (word.starts_with("ال") || word.starts_with("لل"))
}

fn has_letters(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
}

/// Marks the organisation names of one sentence in `labels` (one label per word of `words`,
/// as the tagger gave them).
#[cfg(test)]
pub(crate) fn mark<S: AsRef<str>>(words: &[S], labels: &mut [usize]) {
    mark_where(words, labels, |k| {
        is_institution(&khabar_text::normalize(words[k].as_ref()))
    });
}

/// [`mark`], told which words are institution nouns (`institution(k)`, as
/// [`is_institution`] says of the folded word): the tagger knows it of every word it has
/// seen, and folding every word of every sentence again here was a tenth of tagging's cost.
/// Only the words after an institution noun are folded.
pub(crate) fn mark_where<S: AsRef<str>>(
    words: &[S],
    labels: &mut [usize],
    institution: impl Fn(usize) -> bool,
) {
    let n = words.len().min(labels.len());
    let mut folded: Vec<Option<String>> = vec![None; n];
    // A word the tagger put in a name of its own (a place: حراك تونس).
    let named = |k: usize, labels: &[usize]| labels[k] != O;
    let mut i = 0;
    while i < n {
        if labels[i] >= 5 || !institution(i) {
            // Not an institution noun, or inside a name the tagger already found.
            i += 1;
            continue;
        }
        let mut j = i + 1;
        // Whether the construct has its definite genitive yet (وزارة الداخلية): after it, a
        // definite word continues the name only as an adjective (الداخلية التونسية); a noun
        // is the next phrase, the object of the sentence's verb (دعا حزب العمال القوى
        // الديمقراطية إلى …).
        let mut closed = false;
        while j < n && j - i <= MAX_WORDS {
            let w = folded_at(&mut folded, words, j);
            if !has_letters(w) || ends_name(w) {
                break;
            }
            let definite = is_definite(&bare(words[j].as_ref()));
            // (A complement with لل continues it: منظمة الأمم المتحدة للطفولة.)
            if definite
                && closed
                && !w.starts_with("لل")
                && !named(j, labels)
                && !adjective_like(words[j].as_ref())
            {
                break;
            }
            closed |= definite;
            let fits = definite
                || named(j, labels)
                // مجلس نواب الشعب: an indefinite noun in construct state itself, when a
                // definite word or a name follows it.
                || (j == i + 1
                    && j + 1 < n
                    && (named(j + 1, labels)
                        || is_definite(&bare(words[j + 1].as_ref()))));
            if !fits {
                break;
            }
            j += 1;
        }
        let person = (i..j).any(|k| matches!(labels[k], 1 | 5));
        // A name the tagger found that runs on past the span is its own: left whole.
        let cut = j < n && labels[j] >= 5;
        if j > i + 1 && !person && !cut {
            labels[i] = B_ORG;
            for l in &mut labels[i + 1..j] {
                *l = I_ORG;
            }
        }
        i = j.max(i + 1);
    }
}

/// Word `k` of `words` folded, folding it the first time it is asked for.
fn folded_at<'a, S: AsRef<str>>(
    folded: &'a mut [Option<String>],
    words: &[S],
    k: usize,
) -> &'a str {
    folded[k].get_or_insert_with(|| khabar_text::normalize(words[k].as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(sentence: &str, labels: &[usize]) -> Vec<String> {
        let words: Vec<&str> = sentence.split(' ').collect();
        let mut labels = labels.to_vec();
        labels.resize(words.len(), O);
        mark(&words, &mut labels);
        let mut out = Vec::new();
        let mut k = 0;
        while k < words.len() {
            if labels[k] == B_ORG {
                let mut e = k + 1;
                while e < words.len() && labels[e] == I_ORG {
                    e += 1;
                }
                out.push(words[k..e].join(" "));
                k = e;
            } else {
                k += 1;
            }
        }
        out
    }

    #[test]
    fn construct_names_are_organisations() {
        let table: &[(&str, &[&str])] = &[
            (
                "وأكدت وزارة الداخلية الأحد أن الوضع مستقر",
                &["وزارة الداخلية"],
            ),
            ("وقالت حركة النهضة في بيان", &["حركة النهضة"]),
            ("صادق مجلس نواب الشعب على القانون", &["مجلس نواب الشعب"]),
            (
                "وقالت منظمة العفو الدولية التي تتابع الملف",
                &["منظمة العفو الدولية"],
            ),
            ("ودعت لجنة التحقيق إلى الهدوء", &["لجنة التحقيق"]),
            ("وأعلنت ووزارة الصحة", &["ووزارة الصحة"]),
            // Descriptions, not names: an indefinite adjective, or the noun alone.
            ("تأسس حزب سياسي جديد", &[]),
            ("شهدت المدينة حركة احتجاجية واسعة", &[]),
            ("وقال الحزب إن الانتخابات", &[]),
            // The verb's object after the name, not part of it; adjectives are.
            (
                "ودعا حزب العمال القوى الديمقراطية إلى الحوار",
                &["حزب العمال"],
            ),
            (
                "وحملت نقابة الصحفيين الحكومة المسؤولية",
                &["نقابة الصحفيين"],
            ),
            ("وقالت وزارة الشؤون الدينية", &["وزارة الشؤون الدينية"]),
            ("وأعلنت هيئة الهلال الأحمر", &["هيئة الهلال الأحمر"]),
            (
                "وأعلنت هيئة آلية الاستقرار الأوروبية أمس",
                &["هيئة آلية الاستقرار الأوروبية"],
            ),
            (
                "أكدت منظمة الأمم المتحدة للطفولة",
                &["منظمة الأمم المتحدة للطفولة"],
            ),
            ("تقدمت الوزارة بشكوى", &[]),
        ];
        for (sentence, expected) in table {
            assert_eq!(&spans(sentence, &[]), expected, "{sentence}");
        }
    }

    #[test]
    fn names_the_tagger_found_are_kept() {
        // A place inside the name continues it (حراك تونس: تونس tagged B-LOC).
        let s = "حذر حزب حراك تونس الإرادة من اندلاع احتجاجات";
        assert_eq!(spans(s, &[0, 0, 0, 2]), ["حزب حراك تونس الإرادة"]);
        // A person after the noun: left to the tagger (a party named after its founder is a
        // person's name first).
        let s = "أسس حزب الحبيب بورقيبة";
        assert!(spans(s, &[0, 0, 1, 5]).is_empty());
        // Inside a name the tagger found: untouched.
        let words: Vec<&str> = "وفد مجلس الأمن الدولي".split(' ').collect();
        let mut labels = vec![3, 7, 7, 7];
        mark(&words, &mut labels);
        assert_eq!(labels, [3, 7, 7, 7]);
        // A name the tagger found running past where the rule stops stays as it was.
        let words: Vec<&str> = "أعلنت نقابة الصحفيين اليوم".split(' ').collect();
        let mut labels = vec![0, 3, 7, 7];
        mark(&words, &mut labels);
        assert_eq!(labels, [0, 3, 7, 7]);
    }

    #[test]
    fn never_panics_on_short_or_odd_input() {
        mark::<&str>(&[], &mut []);
        let mut labels = vec![0];
        mark(&["وزارة"], &mut labels);
        assert_eq!(labels, [0]);
        // Fewer labels than words: only the labelled words are looked at.
        let mut labels = vec![0, 0];
        mark(&["وزارة", "الداخلية", "التونسية"], &mut labels);
        assert_eq!(labels, [B_ORG, I_ORG]);
    }
}
