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
    "حكومة",
    "رئاسة",
    "مستشفى",
    "معهد",
    "صندوق",
    "كلية",
    "نادي",
    // A national team: منتخب فرنسا, منتخب الأرجنتين لكرة القدم.
    "منتخب",
    "أولمبيك",
    "سبورتينغ",
    "ترجي",
];

/// Nouns of bodies that name one when definite and followed by a relative adjective: the
/// state's forces and services (الحرس الوطني, الحماية المدنية, الجيش الليبي), councils and
/// courts (المجلس الدستوري, المحكمة الابتدائية بتونس), federations and clubs (الجامعة
/// التونسية لكرة القدم, النادي الإفريقي). Alone, or with an adjective of another kind (المجلس
/// الجديد, المركز الثاني), they describe rather than name.
const BODIES: &[&str] = &[
    "الحزب",
    "الحركة",
    "الجبهة",
    "الائتلاف",
    "الهيئة",
    "الديوان",
    "المجلس",
    "اللجنة",
    "المحكمة",
    "الجمعية",
    "المنظمة",
    "الاتحاد",
    "النقابة",
    "الرابطة",
    "المرصد",
    "الجامعة",
    "الشركة",
    "المؤسسة",
    "البنك",
    "المصرف",
    "الوكالة",
    "الحكومة",
    "الرئاسة",
    "الإدارة",
    "المديرية",
    "المعهد",
    "المركز",
    "الصندوق",
    "المكتب",
    "القطب",
    "الحرس",
    "الجيش",
    "الحماية",
    "الخطوط",
    "النادي",
    // Clubs named after a ground and a town's adjective: الملعب التونسي, الملعب الصفاقسي.
    "الملعب",
    "المنتخب",
    "الترجي",
    "المستشفى",
];

/// Adjectives that say what kind of ground a stadium is, where a town's adjective names a
/// club (الملعب التونسي, الملعب الصفاقسي).
const STADIUM_KINDS: &[&str] = &[
    "الأولمبي",
    "البلدي",
    "الرياضي",
    "الرئيسي",
    "الدولي",
    "الوطني",
    "المعشب",
    "الاصطناعي",
    "الجديد",
];

/// Relative adjectives that do not make a body's name: ordinals (المركز الثاني) and the
/// adjectives of a body's standing or kind that describe one without saying which
/// (اللجنة الفنية, المجلس المحلي).
const NOT_NAMING: &[&str] = &[
    "الثاني",
    "الثانية",
    "الحادي",
    "الفني",
    "الفنية",
    "المحلي",
    "المحلية",
    "الحالي",
    "الحالية",
    "الجديد",
    "الجديدة",
    "الأول",
    "الأولى",
    "الخاص",
    "الخاصة",
    // Abstract nouns in -iyya, the object after a body more often than its adjective (حملت
    // النقابة الحكومة المسؤولية).
    "المسؤولية",
    "الحرية",
    "الشرعية",
    "الأولوية",
    "الأغلبية",
    "الأكثرية",
    "الهوية",
    "الجنسية",
    "الشفافية",
    "الأهمية",
    "الإمكانية",
    "الجاهزية",
    "العضوية",
    "الحصرية",
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
    f & TIME != 0 || f2 & REL != 0 || sets().enders.contains(word)
}

/// Words a name's continuation may have at most, after the institution noun.
const MAX_WORDS: usize = 5;

/// Label indices (see the model's label layout: O, B-PERS, B-LOC, B-ORG, B-MISC, I-…).
const O: usize = 0;
const B_PERS: usize = 1;
const B_ORG: usize = 3;
const I_ORG: usize = 7;

/// The folded word lists: institution nouns, enders, bodies, adjectives that do not name.
struct Sets {
    institutions: FxHashSet<String>,
    enders: FxHashSet<String>,
    bodies: FxHashSet<String>,
    not_naming: FxHashSet<String>,
    known: FxHashSet<String>,
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| {
        let norm = |w: &&str| khabar_text::normalize(w);
        Sets {
            institutions: INSTITUTIONS.iter().map(norm).collect(),
            enders: ENDERS.iter().map(norm).collect(),
            bodies: BODIES.iter().map(norm).collect(),
            not_naming: NOT_NAMING.iter().map(norm).collect(),
            known: KNOWN_ORGS.iter().map(norm).collect(),
        }
    })
}

/// True when a folded word is an institution noun itself (وزارة, not لوزارة).
pub(crate) fn institution_noun(word: &str) -> bool {
    sets().institutions.contains(word)
}

/// How a name opens: an institution noun in construct state (وزارة الداخلية), or a definite
/// body that needs a relative adjective to be a name (الحرس الوطني).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    Construct,
    Body,
}

/// The proclitics a head may carry (ووزارة, لوزارة, بحزب, والحرس, بالمجلس).
const HEAD_PROCLITICS: [&str; 8] = ["و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"];

/// The kind of name a folded word opens, with or without a conjunction or preposition.
fn head(word: &str) -> Option<Head> {
    let s = sets();
    let kind = |w: &str| {
        if s.institutions.contains(w) {
            Some(Head::Construct)
        } else if s.bodies.contains(w) {
            Some(Head::Body)
        } else {
            None
        }
    };
    if let Some(k) = kind(word) {
        return Some(k);
    }
    // للمجلس is ل + المجلس.
    if let Some(rest) = word.strip_prefix("لل") {
        if let Some(Head::Body) = kind(&format!("ال{rest}")) {
            return Some(Head::Body);
        }
    }
    HEAD_PROCLITICS
        .iter()
        .find_map(|p| word.strip_prefix(p).and_then(kind))
}

/// A word opens an organisation's name: an institution noun (ووزارة, لوزارة, بحزب) or a
/// definite body (والحرس, للمجلس).
pub(crate) const HEAD: u8 = 1;
/// A radio's band after its name (موزاييك أف أم): «أف» (then «أم») or «FM».
pub(crate) const RADIO: u8 = 2;
/// The adjective of a sports club after its town (جندوبة الرياضية).
pub(crate) const SPORTS: u8 = 4;
/// A platform or company known by one word, named as such wherever it is written (تويتر,
/// الفايسبوك).
pub(crate) const KNOWN: u8 = 8;

/// Social platforms, technology companies and news agencies known by one word. The tagger,
/// trained on news from before them, takes them for people or places; nothing in a sentence
/// around them says what they are.
const KNOWN_ORGS: &[&str] = &[
    "فيسبوك",
    "فايسبوك",
    "تويتر",
    "يوتيوب",
    "إنستغرام",
    "انستغرام",
    "إنستقرام",
    "واتساب",
    "تلغرام",
    "تيليغرام",
    "غوغل",
    "جوجل",
    "مايكروسوفت",
    "سامسونغ",
    "سامسونج",
    "هواوي",
    // News agencies known by their acronym: Tunisia's (وات), Saudi Arabia's (واس), Kuwait's
    // (كونا). Not those that are words too: Morocco's ومع (و + مع), the Emirates' وام (folded as
    // وأم, «and a mother»), Algeria's واج (لواج, a shared taxi in Tunisia).
    "وات",
    "واس",
    "كونا",
    // Bodies known by an acronym that is no word (not حماس, «zeal», nor طالبان, «two
    // students»), written with or without the article (الناتو, الفيفا).
    "داعش",
    "ناتو",
    "يونسكو",
    "يونيسف",
    "يونيسيف",
    "فيفا",
    "يويفا",
    "أوبك",
];

/// What a folded word may say of an organisation's name (the bits above).
pub(crate) fn cues(word: &str) -> u8 {
    let mut out = 0;
    if head(word).is_some() {
        out |= HEAD;
    }
    if matches!(word, "اف" | "fm") {
        out |= RADIO;
    }
    if matches!(word, "الرياضي" | "الرياضيه") {
        out |= SPORTS;
    }
    let known = &sets().known;
    let bare = word.strip_prefix("ال").unwrap_or(word);
    if known.contains(bare)
        || ["و", "ب", "ل", "وب", "ول", "بال", "وال", "لل", "وبال"]
            .iter()
            .any(|p| word.strip_prefix(p).is_some_and(|w| known.contains(w)))
    {
        out |= KNOWN;
    }
    out
}

/// Adjectives of rank and standing that name a body as a relative adjective does (الهيئة
/// العليا المستقلة, الأمانة العامة).
const RANKS: &[&str] = &[
    "العام",
    "العامة",
    "العليا",
    "الأعلى",
    "الكبرى",
    "الحر",
    "الحرة",
    "الدائم",
    "الدائمة",
    "الموحد",
    "الموحدة",
    "المستقل",
    "المستقلة",
    "المتحد",
    "المتحدة",
];

/// Whether a definite word, as written, names which body a definite head is: a relative
/// adjective (الوطني, التونسية, الدستوري) or an adjective of rank (العليا, المستقلة), but not
/// an ordinal or an adjective of kind. Other participles describe what a body does or is
/// (الحكومة المكلفة, الجيش الموالي) and other elatives compare it (الاتحاد الأوروبي الأوسع).
fn names_body(raw: &str, folded: &str) -> bool {
    let w = bare(raw);
    (relative_adjective(&w) || RANKS.contains(&w.as_str())) && !sets().not_naming.contains(folded)
}

/// Whether a folded body noun takes feminine adjectives: a feminine singular (الهيئة, with
/// ta marbuta folded to heh) or a plural of things (الخطوط التونسية).
fn feminine_body(word: &str) -> bool {
    word.ends_with('ه') || word.ends_with("الخطوط")
}

/// Whether a folded word is definite, with a conjunction or preposition before the article
/// or not (بالألعاب, والحكومة, للشركة).
fn definite_folded(word: &str) -> bool {
    [
        "ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "لل", "ولل", "فلل",
    ]
    .iter()
    .any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.chars().count() >= 2)
    })
}

/// Definite adjectives common after an organisation's genitive that [`adjective_like`]'s
/// endings miss, besides the [`RANKS`]: they describe a body, so they continue a construct's
/// name but do not name a definite body (see [`NOT_NAMING`]).
const ADJECTIVES: &[&str] = &["الجديد", "الجديدة", "الأول", "الأولى", "الخاص", "الخاصة"];

/// Whether a bare word ends as a relative adjective does (الوطني, التونسية, الديمقراطيين).
fn relative_adjective(w: &str) -> bool {
    ["ي", "ية", "يه", "يين", "يون", "يات"]
        .iter()
        .any(|e| w.ends_with(e))
}

/// Whether a definite word, as written, looks like an adjective: a relative adjective
/// (الدولية, التونسي, الديمقراطيين, العربيات), a participle (المتحدة, المستقلة), or a listed
/// one, or أفعل. Read on the raw word, whose final ى (القوى, a noun) folding would make a ي.
fn adjective_like(raw: &str) -> bool {
    let w = bare(raw);
    relative_adjective(&w)
        || (w.starts_with("الم") && w.chars().count() >= 6)
        // أفعل: colours and elatives (الهلال الأحمر, الشرق الأوسط, المسجد الأقصى).
        || ((w.starts_with("الأ") || w.starts_with("الا")) && w.chars().count() == 6)
        || RANKS.contains(&w.as_str())
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
        cues(&khabar_text::normalize(words[k].as_ref()))
    });
}

/// [`mark`], told what each word may say of a name (`cues(k)`, as [`cues`] says of the
/// folded word): the tagger knows it of every word it has seen, and folding every word of
/// every sentence again here was a tenth of tagging's cost. Only the words after a cue are
/// folded.
pub(crate) fn mark_where<S: AsRef<str>>(
    words: &[S],
    labels: &mut [usize],
    cues: impl Fn(usize) -> u8,
) {
    let n = words.len().min(labels.len());
    let mut folded: Vec<Option<String>> = vec![None; n];
    let mut i = 0;
    while i < n {
        let cue = cues(i);
        if labels[i] >= 5 || cue == 0 {
            // No cue, or inside a name the tagger already found.
            i += 1;
            continue;
        }
        if cue & KNOWN != 0 && labels[i] != B_ORG {
            set_org(labels, i, i + 1);
        }
        if cue & HEAD == 0 {
            i += 1;
            continue;
        }
        let j = match head(folded_at(&mut folded, words, i)) {
            Some(Head::Construct) => construct_end(words, labels, &mut folded, i),
            Some(Head::Body) => body_end(words, labels, &mut folded, i),
            None => i + 1,
        };
        let person = (i..j).any(|k| matches!(labels[k], 1 | 5));
        // A name the tagger found that runs on past the span is its own: left whole.
        let cut = j < n && labels[j] >= 5;
        if j > i + 1 && !person && !cut {
            set_org(labels, i, j);
        }
        i = j.max(i + 1);
    }
    // Names known by what follows them: a radio by its band (الجوهرة أف أم), a club by
    // its adjective after its town (جندوبة الرياضية). The name is the word before, with the
    // name it ends when the tagger or the rule above found one (إذاعة الجوهرة أف أم).
    for k in 1..n {
        let cue = cues(k);
        let end = if cue & RADIO != 0 {
            if folded_at(&mut folded, words, k) == "fm" {
                k + 1
            } else if k + 1 < n && folded_at(&mut folded, words, k + 1) == "ام" {
                k + 2
            } else {
                continue;
            }
        } else if cue & SPORTS != 0 && !definite_folded(folded_at(&mut folded, words, k - 1)) {
            k + 1
        } else {
            continue;
        };
        let before = folded_at(&mut folded, words, k - 1);
        if !has_letters(before)
            || khabar_text::is_stopword(before)
            || labels[k] >= 5
            || matches!(labels[k - 1], 1 | 5)
        {
            continue;
        }
        let mut start = k - 1;
        while start > 0 && labels[start] >= 5 {
            start -= 1;
        }
        if labels[start] == O && start + 1 < k {
            start += 1;
        }
        set_org(labels, start, end);
    }
}

/// Labels words `from..to` one organisation.
fn set_org(labels: &mut [usize], from: usize, to: usize) {
    labels[from] = B_ORG;
    for l in &mut labels[from + 1..to] {
        *l = I_ORG;
    }
}

/// A word the tagger put in a name of its own (a place: حراك تونس).
fn named(k: usize, labels: &[usize]) -> bool {
    labels[k] != O
}

/// Where the name opened by the construct noun at `i` ends (`i + 1`: no name).
fn construct_end<S: AsRef<str>>(
    words: &[S],
    labels: &[usize],
    folded: &mut [Option<String>],
    i: usize,
) -> usize {
    let n = folded.len();
    let mut j = i + 1;
    // Whether the construct has its definite genitive yet (وزارة الداخلية): after it, a
    // definite word continues the name only as an adjective (الداخلية التونسية); a noun
    // is the next phrase, the object of the sentence's verb (دعا حزب العمال القوى
    // الديمقراطية إلى …).
    let mut closed = false;
    while j < n && j - i <= MAX_WORDS {
        let w = folded_at(folded, words, j);
        if !has_letters(w) || ends_name(w) {
            break;
        }
        if labels[j] == B_PERS && j > i + 1 {
            // The name's official after it (الأمين العام لحركة مشروع تونس محسن مرزوق).
            break;
        }
        if closed && (1..=4).contains(&labels[j]) {
            // Another name begins after the genitive (صندوق النقد الدولي اليابان).
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
                && (named(j + 1, labels) || is_definite(&bare(words[j + 1].as_ref()))));
        if !fits {
            break;
        }
        j += 1;
    }
    j
}

/// Where the name opened by the definite body at `i` ends: its relative adjectives (الحرس
/// الوطني, الهيئة العليا المستقلة), agreeing with it in gender, then one complement, with لل
/// (للانتخابات) or with ب and a place the tagger found (بتونس), and the complement's own
/// adjectives. `i + 1` when no adjective names the body.
fn body_end<S: AsRef<str>>(
    words: &[S],
    labels: &[usize],
    folded: &mut [Option<String>],
    i: usize,
) -> usize {
    let n = folded.len();
    let feminine = feminine_body(folded_at(folded, words, i));
    let mut j = i + 1;
    while j < n && j - i <= MAX_WORDS {
        let w = folded_at(folded, words, j);
        let raw = words[j].as_ref();
        if !has_letters(w) || ends_name(w) || !is_definite(&bare(raw)) || !names_body(raw, w) {
            break;
        }
        // The first adjective agrees with the body (الحرس الوطني, الحماية المدنية); one
        // that does not is the start of another phrase.
        if j == i + 1 && !RANKS.contains(&bare(raw).as_str()) && feminine != w.ends_with('ه') {
            break;
        }
        // A ground with an adjective of its kind is a stadium, not a club (الملعب الأولمبي).
        if j == i + 1
            && folded_at(folded, words, i).ends_with("الملعب")
            && STADIUM_KINDS.contains(&bare(raw).as_str())
        {
            break;
        }
        j += 1;
    }
    if j == i + 1 || j >= n || j - i > MAX_WORDS {
        return j;
    }
    let w = folded_at(folded, words, j).to_owned();
    if !has_letters(&w) || ends_name(&w) {
        return j;
    }
    // (Not ل and an indefinite noun: لكرة القدم completes a name as often as لإطفاء الحريق
    // says what the body came to do.)
    let mut k = if w.starts_with("لل") && w.chars().count() > 3 {
        j + 1
    } else if w.starts_with('ب') && named(j, labels) {
        return j + 1;
    } else {
        return j;
    };
    // The complement's adjectives (لكرة القدم المحترفة).
    while k < n && k - i <= MAX_WORDS {
        let raw = words[k].as_ref();
        let w = folded_at(folded, words, k);
        if ends_name(w) || !is_definite(&bare(raw)) || !names_body(raw, w) {
            break;
        }
        k += 1;
    }
    k
}

/// Ends a name at a complementiser or a relative pronoun inside it: the tagger sometimes runs
/// a name on through أن (وكشفت المنظمة أن الدريدي …, tagged «المنظمة أن الدريدي»). That
/// word and the rest of its span become O; no name has one inside it.
pub(crate) fn cut_at_particles<S: AsRef<str>>(words: &[S], labels: &mut [usize]) {
    use crate::quotes::lexicon::{flags_both, COMP, REL};
    let n = words.len().min(labels.len());
    let mut i = 0;
    while i < n {
        if labels[i] >= 5 && !name_like_particle(words, i) {
            let (f, f2) = flags_both(&khabar_text::normalize(words[i].as_ref()));
            if f & COMP != 0 || f2 & REL != 0 {
                let inside = labels[i];
                while i < n && labels[i] == inside {
                    labels[i] = O;
                    i += 1;
                }
                continue;
            }
        }
        i += 1;
    }
}

/// Word `i` may be a particle's letters inside a name: a prefixed form without its hamza (فان,
/// بان: روبن فان بيرسي, أحمد بان), or a letter of an acronym (سي إن إن).
fn name_like_particle<S: AsRef<str>>(words: &[S], i: usize) -> bool {
    let w = words[i].as_ref();
    let short = |k: usize| {
        words.get(k).is_some_and(|x| {
            let x = x.as_ref();
            x.chars().count() <= 2 && x.chars().all(char::is_alphabetic)
        })
    };
    (w.starts_with(['ب', 'ف', 'ل', 'و']) && !w.contains(['أ', 'إ']))
        || (i > 0 && short(i - 1))
        || short(i + 1)
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

    /// Each sentence's organisations as the rules mark them, with no tagger labels.
    fn check(table: &[(&str, &[&str])]) {
        for (sentence, expected) in table {
            assert_eq!(&spans(sentence, &[]), expected, "{sentence}");
        }
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
        check(table);
    }

    #[test]
    fn definite_bodies_with_a_relative_adjective_are_organisations() {
        let table: &[(&str, &[&str])] = &[
            ("وأعلن الحرس الوطني عن إيقاف مشتبه به", &["الحرس الوطني"]),
            ("تدخلت الحماية المدنية لإطفاء الحريق", &["الحماية المدنية"]),
            (
                "أعلنت الهيئة العليا المستقلة للانتخابات النتائج",
                &["الهيئة العليا المستقلة للانتخابات"],
            ),
            (
                "قررت الجامعة التونسية لكرة القدم تأجيل المباراة",
                &["الجامعة التونسية"],
            ),
            ("وقال رئيس المجلس الدستوري إن", &["المجلس الدستوري"]),
            ("فاز النادي الإفريقي على منافسه", &["النادي الإفريقي"]),
            ("وتعادل المنتخب المصري مع غانا", &["المنتخب المصري"]),
            ("وطالبت بالحكومة اللبنانية", &["بالحكومة اللبنانية"]),
            ("وفاز منتخب الأرجنتين على البرازيل", &["منتخب الأرجنتين"]),
            // The body alone, or described rather than named: an ordinal, an adjective of
            // kind, a participle of what it does, a comparison.
            ("وقالت الهيئة في بيان", &[]),
            ("احتل الفريق المركز الثاني", &[]),
            ("اجتمعت اللجنة الفنية أمس", &[]),
            ("ودعت الحكومة المكلفة بتصريف الأعمال", &[]),
            ("في إطار الاتحاد الأوسع", &[]),
        ];
        check(table);
    }

    #[test]
    fn radios_clubs_and_platforms_are_organisations() {
        let table: &[(&str, &[&str])] = &[
            ("وقال لموزاييك أف أم إن", &["لموزاييك أف أم"]),
            ("صرح لإذاعة شمس اف ام", &["شمس اف ام"]),
            ("تغلبت جندوبة الرياضية على ضيفها", &["جندوبة الرياضية"]),
            // news agencies known by their acronym, with a clitic or not
            ("وقال في تصريح لوات إن", &["لوات"]),
            (
                "ذكرت وكالة الأنباء السعودية (واس) أن",
                &["وكالة الأنباء السعودية", "(واس)"],
            ),
            // but not a word folded the same (وأم: «and a mother»)
            ("زار الأب وأم الطفل المدرسة", &[]),
            // bodies known by an acronym, with the article or a clitic or not
            ("ارتكبها داعش في حق رهائنه", &["داعش"]),
            ("أنها تابعة لتنظيم داعش الإرهابي", &["داعش"]),
            ("وقررت الفيفا معاقبة الاتحاد", &["الفيفا"]),
            ("صنفت اليونسكو الموقع تراثا عالميا", &["اليونسكو"]),
            // but not a word that is one too (حماس: «zeal»)
            ("لعب الفريق بحماس كبير", &[]),
            (
                "نشر تدوينة على تويتر وعلى الفايسبوك",
                &["تويتر", "الفايسبوك"],
            ),
            // An adjective of sport after a definite noun or a preposition: no club.
            ("تمارس الألعاب الرياضية في المدارس", &[]),
            ("اهتم بالتربية الرياضية", &[]),
            ("وتحدث عن الرياضية الأولى في البلاد", &[]),
            // A ground and a town's adjective is a club; a ground of some kind, a stadium.
            ("فاز الملعب التونسي على ضيفه", &["الملعب التونسي"]),
            ("وانهزم الملعب الصفاقسي خارج ميدانه", &["الملعب الصفاقسي"]),
            ("تدرب الفريق في الملعب الأولمبي بسوسة", &[]),
            ("أعيدت تهيئة الملعب البلدي بالمدينة", &[]),
        ];
        check(table);
        // The radio's name as the tagger found it (a place) becomes the radio's.
        let s = "قال لإذاعة الجوهرة أف أم";
        assert_eq!(spans(s, &[0, 0, 2]), ["لإذاعة الجوهرة أف أم"]);
    }

    #[test]
    fn a_person_after_the_name_is_its_official_not_part_of_it() {
        let s = "قال الأمين العام لحركة مشروع تونس محسن مرزوق إن";
        assert_eq!(spans(s, &[0, 0, 0, 0, 0, 2, 1, 5]), ["لحركة مشروع تونس"]);
    }

    #[test]
    fn names_the_tagger_found_are_kept() {
        // A place inside the name continues it (حراك تونس: تونس tagged B-LOC).
        let s = "حذر حزب حراك تونس الإرادة من اندلاع احتجاجات";
        assert_eq!(spans(s, &[0, 0, 0, 2]), ["حزب حراك تونس الإرادة"]);
        // Another name after the genitive is not part of this one.
        let s = "ويقرض صندوق النقد الدولي اليابان";
        assert_eq!(spans(s, &[0, 0, 0, 0, 2]), ["صندوق النقد الدولي"]);
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

    #[test]
    fn a_name_ends_before_a_complementiser() {
        const B_LOC: usize = 2;
        const I_PERS: usize = 5;
        const I_LOC: usize = 6;
        let table: &[(&str, &[usize], &[usize])] = &[
            // The tagger ran the name through أن: cut there.
            (
                "وكشفت المنظمة أن الدريدي أوقفته",
                &[O, B_ORG, I_ORG, I_ORG, O],
                &[O, B_ORG, O, O, O],
            ),
            (
                "ويقول الاتحاد الأوروبي إن",
                &[O, B_ORG, I_ORG, I_ORG],
                &[O, B_ORG, I_ORG, O],
            ),
            ("في الريف اللذان", &[O, B_LOC, I_LOC], &[O, B_LOC, O]),
            // Not a van, nor a surname, nor an acronym's letters.
            (
                "قال روبن فان بيرسي",
                &[O, B_PERS, I_PERS, I_PERS],
                &[O, B_PERS, I_PERS, I_PERS],
            ),
            ("قال أحمد بان", &[O, B_PERS, I_PERS], &[O, B_PERS, I_PERS]),
            (
                "شبكة سي إن إن",
                &[O, B_ORG, I_ORG, I_ORG],
                &[O, B_ORG, I_ORG, I_ORG],
            ),
        ];
        for &(sentence, tagged, expected) in table {
            let words: Vec<&str> = sentence.split(' ').collect();
            let mut labels = tagged.to_vec();
            cut_at_particles(&words, &mut labels);
            assert_eq!(labels, expected, "{sentence}");
        }
    }
}
