//! Mentions of one entity in one article become one entity, and one name is one key across
//! the archive.
//!
//! News names a person in full once and then shortens: «وزير الخارجية الأمريكي جون كيري» … «كيري»
//! … «وأثناء جلوسه بجوار لافروف». Within an article, a mention whose words are all found, in
//! order, in a longer mention of the same type is that entity again (كيري ← جون كيري); a short
//! mention that would fit two different entities (محمد with محمد بن سلمان and محمد مرسي) joins the
//! nearest one before it, as a reader would read it.
//!
//! Across the archive, [`entity_key`] names an entity independently of spelling: letters folded
//! as search folds them (hamza and alef forms, ى/ي, ة/ه, diacritics, tatweel), the article ال and
//! a leading conjunction or preposition removed (وروسيا, لروسيا and روسيا are one key).

use crate::{EntityType, Mention};

/// One entity of an article: its name, type and every mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The fullest form of the name in the article (جون كيري rather than كيري), without a
    /// leading conjunction or preposition (روسيا, not وروسيا).
    pub name: String,
    /// Its type.
    pub ty: EntityType,
    /// Byte ranges of its mentions, in text order.
    pub mentions: Vec<(usize, usize)>,
}

impl Entity {
    /// The archive-wide key of this entity's name; see [`entity_key`].
    pub fn key(&self) -> String {
        entity_key(&self.name)
    }
}

/// What an article (and the tagger's gazetteers) tell of single words, for deciding whether a
/// name's first letters are a clitic.
#[derive(Default)]
struct Known<'a> {
    /// Folded words the article has on their own (see [`standalone`]).
    alone: Option<&'a rustc_hash::FxHashSet<String>>,
    /// Whether the tagger's place gazetteer is consulted (see `ner::Model::is_place_word`).
    places: bool,
    /// Whether the name is a person's: ف does not come off a first word the lexicon knows
    /// (فيدل كاسترو is not ف + يدل; the conjunction ف seldom stands before a person's name).
    person: bool,
    /// Folded words that follow the first word of a person's name of two words or more in
    /// the article (فيشر of ديفيد فيشر): a person named by that word alone keeps its first
    /// letter (ويقول فيشر is not ف + يشر).
    surnames: Option<&'a rustc_hash::FxHashSet<String>>,
}

impl Known<'_> {
    fn stands_alone(&self, word: &str) -> bool {
        self.alone.is_some_and(|a| a.contains(word)) || self.is_place(word)
    }

    fn is_place(&self, word: &str) -> bool {
        self.places && crate::ner::Model::builtin().is_place_word(word)
    }
}

/// The words of a name as they are compared: folded, the article and a leading clitic removed.
fn key_words(name: &str) -> Vec<String> {
    key_words_in(name, &Known::default())
}

/// [`key_words`], where `known` says which folded words the article has on their own: a
/// clitic comes off a name whose rest stands alone elsewhere in the article (ببنزرت where the
/// article also writes بنزرت), or is a known place (بسوسة), even when the lexicon does not
/// know the name.
fn key_words_in(name: &str, known: &Known) -> Vec<String> {
    let mut out = Vec::new();
    let mut tokens = khabar_text::tokens(name);
    // The surface form: folded, ta marbuta merged.
    let mut surface = String::new();
    let mut first = true;
    while tokens.next_surface_into(&mut surface).is_some() {
        // The first word may carry a conjunction or a preposition (وروسيا, لروسيا); every word
        // may carry the article (الأمم المتحدة).
        let rest = if std::mem::take(&mut first) {
            strip_name_clitics_in(&surface, known)
        } else {
            strip_article(&surface)
        };
        if !rest.is_empty() {
            out.push(rest.to_owned());
        }
    }
    out
}

/// The article with a conjunction or preposition before it; لل is ل + ال.
const DEFINITE: [&str; 12] = [
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
];

/// Conjunctions and prepositions that come before names, longest first. ك and س are left out:
/// they hardly ever come before a name, and names often begin with them (كيري, سيرجي).
const NAME_PROCLITICS: [&str; 8] = ["وب", "ول", "فب", "فل", "و", "ف", "ب", "ل"];

/// Removes the clitics in front of a folded name word. Search's stemmer strips more eagerly;
/// a name needs more care, because so many begin with letters that look like clitics (وليد,
/// فرنسا, لافروف, بلال): a conjunction or preposition comes off only when the lexicon knows
/// the rest as a word at least twice as common as the whole (وروسيا → روسيا, but وليد stays).
///
/// `known` says which folded words the article has on their own: a clitic also comes off
/// when the rest is one of them or a known place, and none off a known place (see
/// [`key_words_in`]).
fn strip_name_clitics_in<'a>(word: &'a str, known: &Known) -> &'a str {
    for p in DEFINITE {
        if let Some(rest) = word.strip_prefix(p) {
            if rest.chars().count() < 2 {
                continue;
            }
            if p.ends_with("لل") {
                // للبنان is ل + لبنان, للجنة ل + اللجنة, but للوكالة ل + الوكالة: the reading
                // whose definite form news writes more (اللجنة, not الجنة), else whose bare
                // form (لبنان, not بنان; لوكالة is itself ل + وكالة, so only the definite
                // forms can tell).
                let with_lam = &word[p.len() - 'ل'.len_utf8()..];
                let (def_lam, def_rest) = (
                    frequency(&format!("ال{with_lam}")),
                    frequency(&format!("ال{rest}")),
                );
                let lam = if def_lam != def_rest {
                    def_lam > def_rest
                } else {
                    frequency(with_lam) > frequency(rest)
                };
                if lam {
                    return with_lam;
                }
            }
            return rest;
        }
    }
    if known.is_place(word) {
        // بعقوبة, a known place, is not ب + عقوبة however common the noun.
        return word;
    }
    if known.person && known.surnames.is_some_and(|s| s.contains(word)) {
        return word;
    }
    let whole = frequency(word);
    for p in NAME_PROCLITICS {
        if let Some(rest) = word.strip_prefix(p) {
            if known.person && p.starts_with('ف') && whole >= 3 {
                // فيدل, فيصل, فراس: a known word that begins with the letter (فعبد, فناصر,
                // unknown as words, are still ف + a name).
                continue;
            }
            if crate::ner::orgs::institution_noun(rest) {
                // لوزارة الداخلية, وحزب …: an institution noun opens the name.
                return rest;
            }
            if p == "ب" {
                // بوعلي, بوزيد: the Maghrebi بو (أبو) before a name, not ب before و + name
                // (but بواشنطن is ب + واشنطن, اشنطن being no word).
                if let Some(name) = rest.strip_prefix('و') {
                    if frequency(name) > frequency(rest) {
                        continue;
                    }
                }
            }
            let common = frequency(rest);
            // ل before a person's name is rare (news puts it before the title: للرئيس), and
            // many first names begin with the letter: where the whole is a word the lexicon
            // knows (ليلى, not ل + يلي "follows"; لطفي, لمياء), the rest must be far more
            // common than the whole (لمحمد → محمد); an unknown whole is still ل + a foreign
            // name (لأنطوان).
            let ratio = if known.person && p == "ل" && whole >= 3 {
                10
            } else {
                2
            };
            if rest.chars().count() >= 3
                && ((common >= 3 && common >= ratio * whole.max(1)) || known.stands_alone(rest))
            {
                return rest;
            }
        }
    }
    word
}

/// True when the first word of `name` is known with its و and far more common so than without
/// (ويليام, وليد, وسام: names that begin with the letter), so the و is no conjunction. (A
/// foreign name is often counted with the conjunction glued too: وبوركينافاسو 7, بوركينافاسو 5.)
fn first_word_begins_with_waw(name: &str) -> bool {
    let Some(first) = khabar_text::tokens(name).next() else {
        return false;
    };
    let word = first.surface();
    let Some(rest) = word.strip_prefix('و') else {
        return false;
    };
    let whole = frequency(&word);
    whole >= 3 && whole > 3 * frequency(rest)
}

/// True when a folded word is ب or ل glued to a word of the lexicon (لمواكبة, بمناسبة): more
/// likely a prepositional phrase than a name (لطفي: طفي is no word). A caller that knows the
/// word for a person's name asks that first.
pub(crate) fn preposition_glued(word: &str) -> bool {
    let Some(rest) = word.strip_prefix(['ب', 'ل']) else {
        return false;
    };
    rest.chars().count() >= 3 && !rest.starts_with('ل') && frequency(rest) >= 3
}

/// How common a word is in the lexicon, whether it comes with its ta marbuta or, as the
/// surface forms names are compared in, with it merged into heh (سوسه is counted as سوسة).
pub(crate) fn frequency(word: &str) -> u64 {
    let mut n = khabar_text::lexicon_frequency(word);
    if let Some(stem) = word.strip_suffix('ه') {
        n = n.max(khabar_text::lexicon_frequency(&format!("{stem}ة")));
    }
    n as u64
}

fn strip_article(word: &str) -> &str {
    match word.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => word,
    }
}

/// The archive-wide key of a name: its words folded and joined by one space, the article and
/// a leading conjunction or preposition removed, so spellings of one name share a key:
/// `entity_key("الأمم المتحدة") == entity_key("والامم المتحده")`.
pub fn entity_key(name: &str) -> String {
    key_words(name).join(" ")
}

/// A name as it is shown: the mention's text without a leading conjunction or preposition,
/// and with لل written as the article it stands for (للأمم → الأمم).
pub fn display_name(mention: &str) -> String {
    display_name_in(mention, &Known::default())
}

/// [`display_name`], the clitic judged as [`key_words_in`] judges it.
fn display_name_in(mention: &str, known: &Known) -> String {
    let mention = mention.trim();
    let Some(first) = khabar_text::tokens(mention).next() else {
        return mention.to_owned();
    };
    let surface = first.surface();
    let rest = strip_name_clitics_in(&surface, known);
    let removed = surface.chars().count() - rest.chars().count();
    if removed == 0 {
        return mention.to_owned();
    }
    let prefix: String = surface.chars().take(removed).collect();
    // Letters to drop from the front of the original (the article itself stays).
    let (drop, add_article) = if prefix.ends_with("لل") {
        (removed, true)
    } else if prefix.ends_with("ال") {
        (removed - 2, false)
    } else if prefix.ends_with('ل') && rest.starts_with('ل') {
        // للجنة is ل + اللجنة where the definite form is in use (اللجنة الكبرى), ل + لبنان
        // where it is not; before an indefinite word the noun heads a construct and has no
        // article (للجنة فض المنازعات: لجنة فض المنازعات).
        let definite = frequency(&format!("ال{rest}"));
        let construct = khabar_text::tokens(mention)
            .nth(1)
            .is_some_and(|w| !w.word.starts_with("ال"));
        (
            removed,
            !construct && definite > 0 && definite * 4 >= frequency(rest),
        )
    } else {
        (removed, false)
    };
    // Skip `drop` letters of the original, and any marks between them.
    let mut letters = 0;
    let mut cut = 0;
    for (i, c) in mention.char_indices() {
        if letters == drop {
            cut = i;
            break;
        }
        if khabar_text::is_arabic_letter(c) {
            letters += 1;
        }
        cut = i + c.len_utf8();
    }
    let rest = mention[cut..].trim_start_matches(|c: char| !khabar_text::is_arabic_letter(c));
    if rest.is_empty() {
        return mention.to_owned();
    }
    if add_article {
        format!("ال{rest}")
    } else {
        rest.to_owned()
    }
}

/// The mentions with those the tagger missed of a person it named in full: the last word of a
/// person's name of two words or more (ترامب of دونالد ترامب), alone elsewhere in the text
/// right after a verb of saying or a title (ودعا ترامب بوتين, ويوضح هول, وأكد د. الفلاح),
/// bare or after و or ف, is the same person. News names a person in full once and by the
/// surname after; the tagger, reading a sentence at a time, loses some of those. Elsewhere
/// the word may be a complement (القوات الموالية لهادي, جيش حفتر), which names the person
/// but is no mention of him as an actor; stopwords and words of two letters are left alone.
pub fn with_surnames(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    use crate::quotes::lexicon::{flags, CALL, PARTICIPLE, TITLE, TRANSMIT, VERB};
    use khabar_text::is_arabic_letter;
    let mut out = mentions.to_vec();
    // The last words as written (the article spells one name one way): found by substring
    // search, so that the text is not read word by word again.
    let mut surnames: Vec<&str> = Vec::new();
    for m in mentions.iter().filter(|m| m.ty == EntityType::Pers) {
        let Some(name) = text.get(m.start..m.end) else {
            continue;
        };
        let Some((_, last)) = name.trim().rsplit_once(char::is_whitespace) else {
            continue;
        };
        let folded = khabar_text::normalize(last);
        if last.chars().filter(|&c| is_arabic_letter(c)).count() >= 3
            && !khabar_text::is_stopword(&folded)
            && !surnames.contains(&last)
        {
            surnames.push(last);
        }
    }
    if surnames.is_empty() {
        return out;
    }
    let mut sorted: Vec<(usize, usize)> = mentions.iter().map(|m| (m.start, m.end)).collect();
    sorted.sort_unstable();
    let covered = |a: usize, b: usize| {
        let i = sorted.partition_point(|&(s, _)| s < b);
        sorted[..i]
            .iter()
            .rev()
            .take(4)
            .any(|&(s, e)| s < b && a < e)
    };
    let letter_before = |i: usize| text[..i].chars().next_back().is_some_and(is_arabic_letter);
    for surname in surnames {
        for i in memchr::memmem::find_iter(text.as_bytes(), surname.as_bytes()) {
            let end = i + surname.len();
            if text[end..].chars().next().is_some_and(is_arabic_letter) || covered(i, end) {
                continue;
            }
            // The word's start: the name itself, or و or ف glued to it.
            let word_start = match text[..i].chars().next_back() {
                Some(c @ ('و' | 'ف')) if !letter_before(i - c.len_utf8()) => i - c.len_utf8(),
                _ if !letter_before(i) => i,
                _ => continue,
            };
            // The word before, with only spaces between.
            let gap_start = text[..word_start].trim_end().len();
            if gap_start == 0 || !text[gap_start..word_start].chars().all(char::is_whitespace) {
                continue;
            }
            let before_start = text[..gap_start]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| !c.is_whitespace())
                .last()
                .map_or(gap_start, |(k, _)| k);
            let before = khabar_text::tokens(&text[before_start..gap_start]).next();
            let actor_position = before.is_some_and(|w| {
                flags(&w.word) & (VERB | CALL | TRANSMIT | PARTICIPLE | TITLE) != 0
            });
            if actor_position {
                out.push(Mention {
                    start: i,
                    end,
                    ty: EntityType::Pers,
                });
            }
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// The folded words after the first of the article's persons' names of two words or more.
fn surnames(text: &str, mentions: &[&Mention]) -> rustc_hash::FxHashSet<String> {
    let mut out = rustc_hash::FxHashSet::default();
    let mut word = String::new();
    for m in mentions.iter().filter(|m| m.ty == EntityType::Pers) {
        let mut words = khabar_text::tokens(&text[m.start..m.end]);
        if words.next_surface_into(&mut word).is_none() {
            continue;
        }
        while words.next_surface_into(&mut word).is_some() {
            out.insert(word.clone());
        }
    }
    out
}

/// Of the words the mentions' first words would be without a leading conjunction or
/// preposition (بنزرت for ببنزرت), those the text also has on their own: one pass over the
/// text, comparing each word with a few candidates.
fn standalone(
    text: &str,
    words: &khabar_text::Words,
    mentions: &[&Mention],
) -> rustc_hash::FxHashSet<String> {
    let mut wanted: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    let mut surface = String::new();
    for m in mentions {
        if khabar_text::tokens(&text[m.start..m.end])
            .next_surface_into(&mut surface)
            .is_none()
        {
            continue;
        }
        for p in NAME_PROCLITICS {
            if let Some(rest) = surface.strip_prefix(p) {
                if rest.chars().count() >= 3 {
                    wanted.insert(rest.to_owned());
                }
            }
        }
    }
    let mut found = rustc_hash::FxHashSet::default();
    if wanted.is_empty() {
        return found;
    }
    for (_, _, word) in words.surface() {
        if wanted.contains(word) {
            found.insert(word.to_owned());
        }
    }
    found
}

/// True when the words of `short` appear in `long` in order and contiguously.
fn is_part_of(short: &[String], long: &[String]) -> bool {
    !short.is_empty() && short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// True when place `long` is place `short` and a word of direction (حلب الشرقية, east Aleppo,
/// is not حلب): a quarter of the place, an entity of its own.
fn quarter_of(short: &[String], long: &[String]) -> bool {
    long.len() == short.len() + 1
        && long.starts_with(short)
        && long.last().is_some_and(|w| {
            matches!(
                w.as_str(),
                "شرقيه"
                    | "غربيه"
                    | "شماليه"
                    | "جنوبيه"
                    | "شرقي"
                    | "غربي"
                    | "شمالي"
                    | "جنوبي"
            )
        })
}

/// True when a mention (`raw`, its key words `words`) is an institution noun alone, as
/// written and without its article (منظمة).
fn bare_institution_noun(words: &[String], raw: &str) -> bool {
    use crate::ner::orgs::institution_noun;
    words.len() == 1
        && institution_noun(&words[0])
        && institution_noun(&khabar_text::normalize(raw.trim()))
}

/// Groups the mentions of a text into entities, in order of first mention.
///
/// `mentions` are byte ranges into `text` (as [`crate::ner::Model::tag`] gives them); ranges
/// out of bounds or off character boundaries are ignored.
pub fn group(text: &str, mentions: &[Mention]) -> Vec<Entity> {
    group_in(text, &khabar_text::Words::new(text), mentions)
}

/// [`group`] with the text's words already read (`words` must be `text`'s).
pub(crate) fn group_in(
    text: &str,
    words: &khabar_text::Words,
    mentions: &[Mention],
) -> Vec<Entity> {
    struct Draft {
        words: Vec<String>,
        name: String,
        ty: EntityType,
        mentions: Vec<(usize, usize)>,
        /// Where the entity was last mentioned, to break ties between candidates.
        last: usize,
    }
    let mut ordered: Vec<Mention> = mentions
        .iter()
        .filter(|m| m.start < m.end && text.get(m.start..m.end).is_some())
        .cloned()
        .collect();
    ordered.sort_by_key(|m| (m.start, m.end));
    // أوتاوا ومونتريال, السنغال، وبوركينافاسو: a name joined by و to one of its own type right
    // before it starts after the و, however rare the name (the lexicon cannot vouch for
    // مونتريال as it does for روسيا). A person's only after a full name: هيفاء وهبي is one
    // name the tagger cut in two.
    for k in 1..ordered.len() {
        let (prev, m) = (&ordered[k - 1], &ordered[k]);
        let Some(after) = text[m.start..m.end].strip_prefix('و') else {
            continue;
        };
        let between = &text[prev.end.min(m.start)..m.start];
        let listed = between.trim().trim_start_matches(['،', ',']).is_empty();
        let full = m.ty != EntityType::Pers || text[prev.start..prev.end].trim().contains(' ');
        if prev.ty == m.ty
            && prev.end <= m.start
            && listed
            && full
            && !between.contains('\n')
            && after.chars().count() >= 3
            && !after.starts_with([' ', 'و'])
            && !first_word_begins_with_waw(&text[m.start..m.end])
            // (Nor where the rest would lose a second letter to the clitic rules: وفريال is
            // و + فريال, not و + ف + ريال.)
            && display_name(after) == after.trim()
        {
            ordered[k].start += 'و'.len_utf8();
        }
    }
    let ordered: Vec<&Mention> = ordered.iter().collect();
    let alone = standalone(text, words, &ordered);
    let surnames = surnames(text, &ordered);
    // A clitic also comes off a known place (بسوسة → سوسة): towns' names are written with ب
    // so often that the lexicon alone cannot tell.
    let known_for = |ty: EntityType| Known {
        alone: Some(&alone),
        places: true,
        person: ty == EntityType::Pers,
        surnames: Some(&surnames),
    };
    let keyed: Vec<(Vec<String>, &Mention)> = ordered
        .into_iter()
        .map(|m| (key_words_in(&text[m.start..m.end], &known_for(m.ty)), m))
        // An institution noun alone and without its article (منظمة before its name in
        // quotation marks) names nothing: grouped, it would join whichever body's name holds
        // the noun (المنظمة الحقوقية). (الوكالة alone refers back to a body, and joins it.)
        .filter(|(w, m)| !w.is_empty() && !bare_institution_noun(w, &text[m.start..m.end]))
        .collect();

    let mut drafts: Vec<Draft> = Vec::new();
    // Longest names first, so «كيري» finds «جون كيري» even when the short form comes first.
    let mut by_length: Vec<usize> = (0..keyed.len()).collect();
    by_length.sort_by_key(|&i| (std::cmp::Reverse(keyed[i].0.len()), keyed[i].1.start));
    let mut owner = vec![usize::MAX; keyed.len()];
    for &i in &by_length {
        let (words, m) = &keyed[i];
        let candidates: Vec<usize> = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                d.ty == m.ty
                    && is_part_of(words, &d.words)
                    && !(m.ty == EntityType::Loc && quarter_of(words, &d.words))
            })
            .map(|(j, _)| j)
            .collect();
        let target = match candidates.len() {
            0 => None,
            1 => Some(candidates[0]),
            // Several entities share these words: the one mentioned nearest before this one,
            // else the first.
            _ => candidates
                .iter()
                .copied()
                .filter(|&j| drafts[j].mentions.iter().any(|&(s, _)| s <= m.start))
                .max_by_key(|&j| {
                    drafts[j]
                        .mentions
                        .iter()
                        .filter(|&&(s, _)| s <= m.start)
                        .map(|&(s, _)| s)
                        .max()
                })
                .or(Some(candidates[0])),
        };
        match target {
            Some(j) => {
                drafts[j].mentions.push((m.start, m.end));
                drafts[j].last = drafts[j].last.max(m.start);
                owner[i] = j;
            }
            None => {
                owner[i] = drafts.len();
                drafts.push(Draft {
                    words: words.clone(),
                    name: display_name_in(&text[m.start..m.end], &known_for(m.ty)),
                    ty: m.ty,
                    mentions: vec![(m.start, m.end)],
                    last: m.start,
                });
            }
        }
    }
    let mut entities: Vec<Entity> = drafts
        .into_iter()
        .map(|mut d| {
            d.mentions.sort_unstable();
            d.mentions.dedup();
            Entity {
                name: d.name,
                ty: d.ty,
                mentions: d.mentions,
            }
        })
        .collect();
    entities.sort_by_key(|e| e.mentions.first().copied());
    entities
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, needle: &str, nth: usize, ty: EntityType) -> Mention {
        let start = text.match_indices(needle).nth(nth).expect("needle").0;
        Mention {
            start,
            end: start + needle.len(),
            ty,
        }
    }

    #[test]
    fn an_institution_noun_alone_names_nothing() {
        let text = "دعت منظمة \"هيومن رايتس ووتش\" إلى تحقيق. وقالت المنظمة الحقوقية الدولية إن \
                    الأهالي قدموا صورا. وأضافت المنظمة أن التحقيق ضروري.";
        let ms = vec![
            mention(text, "منظمة", 0, EntityType::Org),
            mention(text, "هيومن رايتس ووتش", 0, EntityType::Org),
            mention(text, "المنظمة الحقوقية الدولية", 0, EntityType::Org),
            mention(text, "المنظمة", 1, EntityType::Org),
        ];
        let es = group(text, &ms);
        let names: Vec<&str> = es.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["هيومن رايتس ووتش", "المنظمة الحقوقية الدولية"],
            "{es:?}"
        );
        // The indefinite noun is dropped; the definite one refers back, and joins.
        assert_eq!(es[0].mentions.len(), 1);
        assert_eq!(es[1].mentions.len(), 2);
    }

    #[test]
    fn short_forms_join_the_full_name() {
        let text = "كيري قال إن وزير الخارجية الأمريكي جون كيري التقى لافروف، وقال كيري إن سيرجي لافروف وافق.";
        let ms = vec![
            mention(text, "كيري", 0, EntityType::Pers),
            mention(text, "جون كيري", 0, EntityType::Pers),
            mention(text, "لافروف", 0, EntityType::Pers),
            mention(text, "كيري", 2, EntityType::Pers),
            mention(text, "سيرجي لافروف", 0, EntityType::Pers),
        ];
        let es = group(text, &ms);
        assert_eq!(es.len(), 2, "{es:?}");
        assert_eq!(es[0].name, "جون كيري");
        assert_eq!(es[0].mentions.len(), 3);
        assert_eq!(es[1].name, "سيرجي لافروف");
        assert_eq!(es[1].mentions.len(), 2);
    }

    #[test]
    fn a_quarter_of_a_place_is_a_place_of_its_own() {
        // حلب الشرقية (east Aleppo) is not حلب; جزيرة جربة is جربة.
        let text = "قصف أحياء حلب الشرقية، ثم غادر الوفد حلب إلى جزيرة جربة، ووصل جربة.";
        let ms = vec![
            mention(text, "حلب الشرقية", 0, EntityType::Loc),
            mention(text, "حلب", 1, EntityType::Loc),
            mention(text, "جزيرة جربة", 0, EntityType::Loc),
            mention(text, "جربة", 1, EntityType::Loc),
        ];
        let es = group(text, &ms);
        let names: Vec<(&str, usize)> = es
            .iter()
            .map(|e| (e.name.as_str(), e.mentions.len()))
            .collect();
        assert_eq!(
            names,
            [("حلب الشرقية", 1), ("حلب", 1), ("جزيرة جربة", 2)],
            "{es:?}"
        );
    }

    #[test]
    fn types_are_kept_apart() {
        let text = "تونس قالت إن تونس";
        let ms = vec![
            mention(text, "تونس", 0, EntityType::Loc),
            mention(text, "تونس", 1, EntityType::Org),
        ];
        assert_eq!(group(text, &ms).len(), 2);
    }

    #[test]
    fn keys_fold_spelling_and_clitics() {
        assert_eq!(entity_key("الأمم المتحدة"), entity_key("والامم المتحده"));
        assert_eq!(entity_key("روسيا"), entity_key("وروسيا"));
        assert_eq!(entity_key("روسيا"), entity_key("لروسيا"));
        assert_ne!(entity_key("روسيا"), entity_key("تركيا"));
    }

    #[test]
    fn display_names_lose_their_clitics_only() {
        for (mention, shown) in [
            ("وروسيا", "روسيا"),
            ("والأمم المتحدة", "الأمم المتحدة"),
            ("للأمم المتحدة", "الأمم المتحدة"),
            ("الأمم المتحدة", "الأمم المتحدة"),
            ("فلسطين", "فلسطين"),
            ("جون كيري", "جون كيري"),
            ("لوزارة الداخلية", "وزارة الداخلية"),
            ("وحزب حراك تونس", "حزب حراك تونس"),
            ("وليد", "وليد"),
            // The Maghrebi بو before a name (بوعلي = بو + علي), not ب + وعلي.
            ("بوعلي المباركي", "بوعلي المباركي"),
            // The lexicon counts بطولة with its ta marbuta: not ب + طولة.
            ("بطولة كأس العالم", "بطولة كأس العالم"),
            // لل before a noun that starts with ل: ل + اللجنة (not الجنة, "paradise"), ل +
            // لبنان, ل + الوكالة (لوكالة being itself ل + وكالة), ل + الصين; before an
            // indefinite word the noun heads a construct, without the article.
            ("للجنة الكبرى المشتركة", "اللجنة الكبرى المشتركة"),
            ("للجنة فض المنازعات", "لجنة فض المنازعات"),
            ("للبنان", "لبنان"),
            (
                "للوكالة الدولية للطاقة الذرية",
                "الوكالة الدولية للطاقة الذرية",
            ),
            ("للصين", "الصين"),
        ] {
            assert_eq!(display_name(mention), shown, "{mention}");
        }
        // Either spelling of the committee is one entity.
        assert_eq!(entity_key("للجنة الكبرى"), entity_key("اللجنة الكبرى"));
    }

    #[test]
    fn a_person_keeps_a_first_fa_the_lexicon_knows() {
        // فيصل is a name the lexicon knows, not ف + يصل ("arrives"); فعبد is ف + عبد.
        let text = "وقال فيصل الهزاع إن الحفل نجح. فعبد الله الرشيد غاب.";
        let ms = vec![
            mention(text, "فيصل الهزاع", 0, EntityType::Pers),
            mention(text, "فعبد الله الرشيد", 0, EntityType::Pers),
        ];
        let names: Vec<String> = group(text, &ms).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["فيصل الهزاع", "عبد الله الرشيد"]);
    }

    #[test]
    fn a_person_keeps_a_first_lam_unless_the_rest_is_far_more_common() {
        // ليلى is a name, not ل + يلي ("follows", three times as common); لمحمد is ل + محمد.
        let text = "قالت المقالة ليلى الشتاوي إن إقالتها استهداف. وتوجه لمحمد الناصري بالشكر.";
        let ms = vec![
            mention(text, "ليلى الشتاوي", 0, EntityType::Pers),
            mention(text, "لمحمد الناصري", 0, EntityType::Pers),
        ];
        let names: Vec<String> = group(text, &ms).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["ليلى الشتاوي", "محمد الناصري"]);
    }

    #[test]
    fn a_surname_after_a_verb_of_saying_is_the_person_named_in_full() {
        let text = "وقال الرئيس دونالد ترامب إن الضربة ضرورية. ودعا ترامب بوتين إلى التخلي عن \
                    الأسد. وقالت القوات الموالية لترامب إن الوضع هادئ.";
        let ms = vec![mention(text, "دونالد ترامب", 0, EntityType::Pers)];
        let all = with_surnames(text, &ms);
        let found: Vec<&str> = all.iter().map(|m| &text[m.start..m.end]).collect();
        // After the verb ودعا it is the person; after الموالية it is a complement, left alone.
        assert_eq!(found, ["دونالد ترامب", "ترامب"]);
        assert!(all[1].start > text.find("ودعا").unwrap());
        let entities = group(text, &all);
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].mentions.len(), 2);
    }

    #[test]
    fn a_surname_keeps_its_first_letter() {
        // فيشر, بيفر and برايس stand for ديفيد فيشر, كلود بيفر and روجر برايس, named in full
        // before: not ف + يشر, ب + يفر, ب + رايس.
        let text = "وخطط للمشروع ديفيد فيشر مع كلود بيفر وروجر برايس. ويقول فيشر إن البرج يدور. \
                    وأضاف بيفر أن الساعة جيدة. وأكد برايس أن التمويل متوفر.";
        let ms = vec![
            mention(text, "ديفيد فيشر", 0, EntityType::Pers),
            mention(text, "كلود بيفر", 0, EntityType::Pers),
            mention(text, "روجر برايس", 0, EntityType::Pers),
            mention(text, "فيشر", 1, EntityType::Pers),
            mention(text, "بيفر", 1, EntityType::Pers),
            mention(text, "برايس", 1, EntityType::Pers),
        ];
        let names: Vec<String> = group(text, &ms).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["ديفيد فيشر", "كلود بيفر", "روجر برايس"]);
    }

    #[test]
    fn a_name_joined_by_waw_to_one_of_its_type_starts_after_it() {
        let text = "زار الوفد أوتاوا ومونتريال، ثم السنغال، وبوركينافاسو.";
        let ms = vec![
            mention(text, "أوتاوا", 0, EntityType::Loc),
            mention(text, "ومونتريال", 0, EntityType::Loc),
            mention(text, "السنغال", 0, EntityType::Loc),
            mention(text, "وبوركينافاسو", 0, EntityType::Loc),
        ];
        let names: Vec<String> = group(text, &ms).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["أوتاوا", "مونتريال", "السنغال", "بوركينافاسو"]);
        // A person's after a single word is the rest of one name the tagger cut in two; a
        // name that begins with و keeps it.
        let text = "غنت هيفاء وهبي، وحضر الحفل جون كيري وويليام بيرنز.";
        let ms = vec![
            mention(text, "هيفاء", 0, EntityType::Pers),
            mention(text, "وهبي", 0, EntityType::Pers),
            mention(text, "جون كيري", 0, EntityType::Pers),
            mention(text, "ويليام بيرنز", 0, EntityType::Pers),
        ];
        let names: Vec<String> = group(text, &ms).into_iter().map(|e| e.name).collect();
        assert!(names.contains(&"وهبي".to_owned()), "{names:?}");
        assert!(names.contains(&"ويليام بيرنز".to_owned()), "{names:?}");
    }

    #[test]
    fn a_clitic_comes_off_a_name_the_article_also_writes_alone() {
        // بنزرت is too rare for the lexicon to judge ببنزرت; the article writes it alone.
        let text = "وصل الوزير إلى بنزرت صباحا، وقال في ندوة ببنزرت إن المشروع جاهز.";
        let ms = vec![mention(text, "ببنزرت", 0, EntityType::Loc)];
        let e = group(text, &ms);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].name, "بنزرت");
        // Without the word alone, a name the lexicon and the gazetteers do not know stays as
        // written (it may begin with ب).
        let text = "وقال في ندوة ببوقرنين إن المشروع جاهز.";
        let e = group(text, &[mention(text, "ببوقرنين", 0, EntityType::Loc)]);
        assert_eq!(e[0].name, "ببوقرنين");
    }

    #[test]
    fn a_clitic_comes_off_a_known_place() {
        // Towns are written with ب about as often as without: the lexicon cannot tell, the
        // tagger's place gazetteer can.
        for (written, name) in [("بسوسة", "سوسة"), ("وتطاوين", "تطاوين")] {
            let text = format!("وقع الحادث {written} صباح اليوم.");
            let e = group(&text, &[mention(&text, written, 0, EntityType::Loc)]);
            assert_eq!(e[0].name, name);
        }
    }

    #[test]
    fn bad_ranges_are_ignored() {
        let text = "سوريا";
        let ms = vec![
            Mention {
                start: 1,
                end: 4,
                ty: EntityType::Loc,
            },
            Mention {
                start: 0,
                end: 100,
                ty: EntityType::Loc,
            },
        ];
        assert!(group(text, &ms).is_empty());
    }
}
