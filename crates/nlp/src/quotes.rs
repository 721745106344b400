//! Quotations and reported speech, with their speakers.
//!
//! One pass over the words of a text (with the punctuation between them), then one pass over
//! its speech cues, each looking a bounded number of words around it: linear in the text.
//!
//! - **Direct** quotations are words in quotation marks («», "", “”, ‘’, and ASCII ' pairs
//!   whose sides are unambiguous) attached to a speech cue: `وقال X "…"`, `قال X: «…»`,
//!   `أضاف قائلا "…"`, `«…»، قال X`, `«…» بحسب X`, `«…»، على لسان X`, `أكد X أن "…"` when the
//!   quotation ends the clause. Marks that only enclose a name or a term (تنظيم "داعش", a short
//!   phrase inside a clause) are part of the words around them, never a quotation.
//! - **Indirect** quotations are clauses after a speech verb, its subject and إن/أن/بأن (or a
//!   colon, or إلى after دعا): the clause runs to the end of the sentence, or to a participle
//!   that opens the next reported clause (، مشيرا إلى أن …).
//! - The speaker is the subject of the cue (title and name split: وزير الخارجية الأمريكي جون
//!   كيري → كيري's entity, title kept apart), the Y of `نقلت وكالة X عن Y` (X the source), the X
//!   of `حسب X`/`وفق ما نقلت X`; a cue without a subject (وأضاف, قائلا) takes the previous
//!   speaker; a bare title (الوزير) or a last name (كيري) takes the earlier speaker it names.
//! - A phrase that cannot name anyone is never the speaker: one opening with a preposition or
//!   particle (عن تمكنها, بكل وضوح, بصعوبة المعادلة, لكنه), a verbal noun (التأكيد), a plural
//!   in the object case (الفرنسيين) or a circumstantial participle (مسترسلا); the cue then has
//!   no subject of its own. A participle belongs to its sentence's speaker, else to the
//!   subject of the sentence's verb (وكانت X قد عبرت …، قائلة), never to a person named in a
//!   complement or inside a quotation.
//! - A title without a name (وقالت وزيرة التجارة) is the person an earlier mention of that
//!   title named (وزيرة التجارة نجلاء حروش, X المدير الجهوي), found a bounded distance back; a
//!   defined role noun (المتحدث, المسؤول الحكومي) is the speaker just quoted.
//! - Relays: `نقلت X عن Y`, `نُقل عن Y قوله`, `قالت الوزارة على لسان Y`, `Y، وفق ما صرح به
//!   لوات،`: Y speaks, X or the ministry is the source.
//!
//! Precision first: a quotation whose speaker cannot be found is left out.

pub(crate) mod lexicon;

use khabar_text::tokens;
use lexicon::*;

use crate::entities::Entity;
use crate::EntityType;

/// Whether the words are reproduced in quotation marks or reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteKind {
    /// The words inside quotation marks, attributed to a speaker.
    Direct,
    /// Reported speech after a speech verb and إن/أن, without quotation marks.
    Indirect,
}

/// One quotation found in a text. Offsets are bytes into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Start of the quoted words (after the opening mark for direct quotes).
    pub start: usize,
    /// End of the quoted words (before the closing mark).
    pub end: usize,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// Who said it: the speaker entity's name, else the speaker phrase as written.
    pub speaker: Option<String>,
    /// The words nearest the quote that name the speaker (or the verb, for a pronoun speaker).
    pub speaker_mention: Option<(usize, usize)>,
    /// The speaker's title or description as written (وزير الخارجية الأمريكي), when given.
    pub speaker_title: Option<String>,
    /// The speech verb or attribution phrase (قال, وأضاف, حسب …).
    pub cue: Option<(usize, usize)>,
    /// Index of the speaker in the entity list given to [`find_quotes`], when linked.
    pub entity: Option<usize>,
    /// Who reported the words, when the text names a relay (حسب وكالة رويترز, نقلت وكالة X
    /// عن Y): its name as written, organisation word dropped (رويترز).
    pub source: Option<String>,
}

/// Every quotation in `text`, in text order. `entities` are the article's entities (may be
/// empty); a speaker that matches one is linked to it.
pub fn find_quotes(text: &str, entities: &[Entity]) -> Vec<Quote> {
    find_quotes_in(text, &khabar_text::Words::new(text), entities)
}

/// [`find_quotes`] with the text's words already read (`words` must be `text`'s).
pub(crate) fn find_quotes_in(
    text: &str,
    words: &khabar_text::Words,
    entities: &[Entity],
) -> Vec<Quote> {
    if text.is_empty() {
        return Vec::new();
    }
    let (toks, spans) = scan(text, words);
    let mut finder = Finder {
        text,
        entities,
        used_span: vec![false; spans.len()],
        consumed: vec![false; toks.len()],
        toks,
        spans,
        out: Vec::new(),
        prev: None,
        prev_pos: 0,
        history: Vec::new(),
        genders: Vec::new(),
    };
    finder.run();
    let mut out = finder.out;
    out.sort_by_key(|q| (q.start, q.end));
    out.dedup_by(|b, a| a.start == b.start && a.end == b.end);
    out
}

/// A feminine noun with a possessive pronoun (ولايته, حكومتها, عائلتهم): its ta marbuta written
/// ت before the pronoun, the noun common in the news with its ة. Names end so only by chance.
fn possessed_noun(w: &str) -> bool {
    let n = khabar_text::normalize(w);
    ["ته", "تها", "تهم", "تهما"].iter().any(|suffix| {
        n.strip_suffix(suffix).is_some_and(|stem| {
            stem.chars().count() >= 2
                && khabar_text::lexicon_frequency(&format!("{stem}ة")) >= COMMON_IN_NEWS
        })
    })
}

/// Seen this often in the news lexicon, a word is a common one.
const COMMON_IN_NEWS: u32 = 100;

/// Below this many sightings in the news lexicon (about 2.6 million words of JawharaFM) a word
/// can be a family name; common nouns and adjectives are seen more often.
const RARE_IN_NEWS: u64 = 60;

/// Every occurrence in `text` of the names the quotations give after a person's title without
/// an entity behind them (قال رئيس الحكومة الحبيب الصيد, when the tagger left الحبيب الصيد
/// untagged): two to four words of Arabic letters, none of them a word the attribution lexicon
/// knows (a title, a description, a verb, a particle), none glued to the article's clitics.
/// Each occurrence is a person's mention, whole words only.
pub fn titled_names(text: &str, quotes: &[Quote]) -> Vec<crate::Mention> {
    let mut names: Vec<&str> = Vec::new();
    for q in quotes {
        let (Some(name), Some(_), None) = (q.speaker.as_deref(), &q.speaker_title, q.entity) else {
            continue;
        };
        // The name must follow its title in the speaker's phrase (وقالت الممثلة اللبنانية
        // نادين نسيب نجيم), not stand somewhere else in the sentence.
        let Some(head) = q.speaker_title.as_deref().and_then(|t| t.split(' ').next()) else {
            continue;
        };
        // The name stands beside its title somewhere in the text: the title's first word
        // within the six words before it (رئيسة جمعية القضاة التونسيين، روضة القرافي) or right
        // after it (نبيهة برصالي فلفول المديرة العامة للصحة), within one clause.
        let beside = text.match_indices(name).any(|(start, _)| {
            let before: Vec<&str> = text[..start]
                .rsplit(|c: char| c.is_whitespace())
                .filter(|w| !w.is_empty())
                .take(6)
                .take_while(|w| !w.ends_with(['.', ':', '؟', '!']))
                .collect();
            let after = text[start + name.len()..]
                .trim_start_matches(|c: char| c.is_whitespace() || c == '،' || c == ',');
            before.iter().any(|w| w.trim_matches(['،', ',']) == head)
                || after.split_whitespace().next() == Some(head)
        });
        if !beside {
            continue;
        }
        let words: Vec<&str> = name.split(' ').collect();
        let plain = |w: &&str| {
            let n = khabar_text::normalize(w);
            // بلا, لحكومة, بطلب: a preposition on a word, not a name's first letter (لطفي).
            let preposition = n.strip_prefix(['ب', 'ل']).is_some_and(|rest| {
                khabar_text::is_stopword(rest)
                    || crate::entities::frequency(rest) > crate::entities::frequency(&n)
            });
            w.chars().count() >= 2
                && w.chars().all(khabar_text::is_arabic_letter)
                && !["وال", "بال", "لل", "فال", "كال"]
                    .iter()
                    .any(|p| n.starts_with(p))
                && !preposition
                && lexicon::flags(&n) & !DEF == 0
                && !khabar_text::is_stopword(&n)
        };
        // A family name is a rare word in the news (جرار, القرافي, موغيريني); a phrase ending
        // in a common one is a description or a place (دول الخليج, العاهل الأردني).
        let rare_last = words
            .last()
            .is_some_and(|w| crate::entities::frequency(&khabar_text::normalize(w)) < RARE_IN_NEWS);
        if (2..=4).contains(&words.len())
            && words.iter().all(plain)
            && rare_last
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    let mut out = Vec::new();
    for name in names {
        for (start, _) in text.match_indices(name) {
            let end = start + name.len();
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
            {
                out.push(crate::Mention {
                    start,
                    end,
                    ty: EntityType::Pers,
                });
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Words, punctuation and quotation marks.

const NONE: u32 = u32::MAX;

/// Punctuation found in the gap before a word.
const G_COMMA: u8 = 1;
const G_COLON: u8 = 1 << 1;
const G_SENT: u8 = 1 << 2;
const G_PARA: u8 = 1 << 3;
const G_PAREN: u8 = 1 << 4;
const G_DASH: u8 = 1 << 5;

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    lex: u32,
    /// Second flags ([`lexicon::flags_both`]).
    lex2: u32,
    /// The title and description flags of the word without its article (المسؤول → مسؤول).
    bare: u32,
    /// Punctuation in the gap before this word.
    gap: u8,
    /// The outermost span whose opening mark is in the gap before this word.
    open_span: u32,
    /// The outermost span whose closing mark is in the gap before this word.
    close_span: u32,
}

/// A pair of quotation marks. Its words are `toks[first..after]`.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// Byte just past the opening mark.
    inner_start: usize,
    /// Byte of the closing mark.
    inner_end: usize,
    first: usize,
    after: usize,
}

impl Span {
    fn words(&self) -> usize {
        self.after - self.first
    }
}

/// Open marks of one family, innermost last (nested quotations of the same marks).
#[derive(Clone, Copy, Default)]
struct Stack {
    open: [Pending; 4],
    depth: usize,
}

impl Stack {
    fn push(&mut self, p: Pending) {
        if self.depth < self.open.len() {
            self.open[self.depth] = p;
            self.depth += 1;
        }
    }

    fn pop(&mut self) -> Option<Pending> {
        self.depth = self.depth.checked_sub(1)?;
        Some(self.open[self.depth])
    }
}

#[derive(Clone, Copy, Default)]
struct Pending {
    /// Byte just past the opening mark.
    inner_start: usize,
    tok: usize,
}

/// Families of marks that pair with each other.
const FAM_GUILLEMET: usize = 0;
const FAM_DOUBLE: usize = 1;
const FAM_CURLY: usize = 2;
const FAM_SINGLE: usize = 3;

fn is_open_punct(c: char) -> bool {
    matches!(c, '(' | '[' | ':' | '-' | '–' | '—' | '،' | ',')
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '،' | ':' | ';' | '؛' | '!' | '?' | '؟' | ')' | ']' | '…' | '-' | '–' | '—'
    )
}

/// The words of `text` with the punctuation before each, a sentinel word at the end, and the
/// pairs of quotation marks (paired within a paragraph).
fn scan(text: &str, words: &khabar_text::Words) -> (Vec<Tok>, Vec<Span>) {
    let mut toks: Vec<Tok> = Vec::with_capacity(words.len() + 1);
    let mut spans: Vec<Span> = Vec::new();
    let mut pending = [Stack::default(); 4];
    let mut it = words.folded();
    let mut prev_end = 0;
    loop {
        let next = it.next();
        let (start, end, lex, lex2, bare) = match next {
            Some((s, e, word)) => {
                let (mut f, f2) = flags_both(word);
                if f & ALA != 0 && text[s..e].ends_with('ي') {
                    // علي is a name; على folds to the same letters.
                    f = 0;
                }
                // The article is never written with a hamza: ألفة, ألكسندر, ألمانيا fold to
                // the letters of ال + a word, but have none.
                let hamza = text[s..e].starts_with(['أ', 'إ', 'آ']);
                if hamza {
                    f &= !DEF;
                }
                let bare = word
                    .strip_prefix("ال")
                    .filter(|r| !hamza && r.chars().count() >= 3)
                    .map_or(0, |r| flags(r) & (TITLE | DESC));
                (s, e, f, f2, bare)
            }
            None => (text.len(), text.len(), 0, 0, 0),
        };
        let idx = toks.len();
        toks.push(Tok {
            start,
            end,
            lex,
            lex2,
            bare,
            gap: 0,
            open_span: NONE,
            close_span: NONE,
        });
        if start > prev_end {
            scan_gap(
                text,
                prev_end,
                start,
                idx,
                &mut toks,
                &mut spans,
                &mut pending,
            );
        }
        if next.is_none() {
            let last = toks.len() - 1;
            close_unclosed(text, text.len(), last, &mut toks, &mut spans, &mut pending);
            break;
        }
        prev_end = end;
    }
    mark_participles_before_comp(&mut toks);
    mark_bracketed_addressees(text, &mut toks);
    mark_anonymity_clauses(text, &mut toks);
    (toks, spans)
}

/// مسؤول أمني، طلب عدم ذكر اسمه، …; عن المسؤول، الذي رفض الكشف عن هويته، قوله: the clause
/// that withholds a source's name (a verb of asking or refusing, then اسمه or هويته within a
/// few words) describes the speaker and names no one. Its words are marked as the bracketed
/// addressees are, so that no speaker phrase starts in them and a phrase before them ends
/// there.
fn mark_anonymity_clauses(text: &str, toks: &mut [Tok]) {
    let folded = |t: &Tok| khabar_text::normalize(&text[t.start..t.end]);
    for k in 0..toks.len() {
        // (Most words are ruled out by their letters as written, without folding them.)
        let raw = &text[toks[k].start..toks[k].end];
        if !(raw.ends_with('ه') || raw.ends_with("ها") || raw.ends_with("هم"))
            || !(raw.contains("سم") || raw.contains("هوي"))
        {
            continue;
        }
        let w = folded(&toks[k]);
        if !matches!(
            w.as_str(),
            "اسمه" | "اسمها" | "اسمهم" | "هويته" | "هويتها" | "هويتهم"
        ) {
            continue;
        }
        let Some(v) = (k.saturating_sub(5)..k).rev().find(|&j| {
            matches!(
                folded(&toks[j]).as_str(),
                "طلب"
                    | "طلبت"
                    | "طلبوا"
                    | "رفض"
                    | "رفضت"
                    | "رفضوا"
                    | "فضل"
                    | "فضلت"
                    | "اشترط"
                    | "اشترطت"
                    | "مشترطا"
            )
        }) else {
            continue;
        };
        // (Nothing but the clause between the verb and the name: no sentence's end.)
        if (v + 1..=k).any(|j| toks[j].gap & (G_SENT | G_PARA | G_COLON) != 0) {
            continue;
        }
        let from = if v > 0 && matches!(folded(&toks[v - 1]).as_str(), "الذي" | "التي" | "الذين")
        {
            v - 1
        } else {
            v
        };
        for t in &mut toks[from..=k] {
            t.lex |= ADDR;
        }
    }
}

/// ل(وات), لـ(رويترز): a lone ل before a medium in brackets is who was told, as لوات is. And
/// لصحيفة (بيلد أم سونتاغ): the name in brackets after the medium told is the medium's.
fn mark_bracketed_addressees(text: &str, toks: &mut [Tok]) {
    for i in 0..toks.len().saturating_sub(1) {
        let (t, next) = (toks[i], toks[i + 1]);
        if t.lex & ADDR != 0 && next.gap & G_PAREN != 0 {
            let close = (i + 2..toks.len().min(i + 8)).find(|&j| toks[j].gap & G_PAREN != 0);
            if let Some(close) = close {
                for t in &mut toks[i + 1..close] {
                    t.lex |= ADDR;
                }
            }
            continue;
        }
        if !matches!(&text[t.start..t.end], "ل" | "لـ") || next.gap & G_PAREN == 0 {
            continue;
        }
        let medium = tokens(&text[next.start..next.end])
            .next()
            .is_some_and(|w| flags(&w.word) & LISTENER != 0);
        if medium {
            // (Both words: the bracket would otherwise open a new phrase at the medium.)
            toks[i].lex |= ADDR;
            toks[i + 1].lex |= ADDR;
        }
    }
}

/// A word that is a noun as often as a participle of speech (مذكرة "memorandum" or مذكّرة
/// "reminding", ملاحظة "remark" or ملاحِظة "remarking") is the participle where its إن/أن or a
/// colon follows it at once (مذكرة بأن …, مقرة: …), and where a circumstantial clause
/// stands: after a comma or a closing quotation mark («…» مذكرة بأن). (The verbal noun takes
/// أن too, but inside its clause: عليها ملاحظة أنها ….)
fn mark_participles_before_comp(toks: &mut [Tok]) {
    for i in 0..toks.len().saturating_sub(1) {
        let t = toks[i];
        if t.lex2 & PARTICIPLE_IF_COMP == 0 || (t.gap & G_COMMA == 0 && t.close_span == NONE) {
            continue;
        }
        let next = toks[i + 1];
        if (next.gap == 0 && next.lex & COMP != 0) || next.gap & G_COLON != 0 {
            toks[i].lex |= PARTICIPLE;
        }
    }
}

/// The longest quotation, in words, taken to run to its sentence's end when its closing mark
/// is missing.
const MAX_UNCLOSED_WORDS: usize = 40;

/// At a paragraph's end (byte `at`, before token `idx`), the marks still open never close:
/// each that opened a quotation of at least four words (a mark with a space before it and a
/// word right after, as the guide's «وقال الهمامي "إذا كنا نريد …» with no closing mark) is
/// taken to run to the end of its sentence, as the annotation guide reads such quotations;
/// the others are dropped.
fn close_unclosed(
    text: &str,
    at: usize,
    idx: usize,
    toks: &mut [Tok],
    spans: &mut Vec<Span>,
    pending: &mut [Stack; 4],
) {
    for stack in pending.iter_mut() {
        // Only the outermost mark: an inner one left open belongs inside it.
        let open = (stack.depth > 0).then(|| stack.open[0]);
        *stack = Stack::default();
        let Some(p) = open else { continue };
        let opens_words = text[..p.inner_start]
            .chars()
            .rev()
            .nth(1)
            .is_none_or(char::is_whitespace)
            && text[p.inner_start..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace());
        // The sentence's end: the first full stop after the mark, or here.
        let end = (p.tok + 1..idx)
            .find(|&j| toks[j].gap & G_SENT != 0)
            .unwrap_or(idx);
        // A long run with no full stop is more likely a paragraph of several statements (or a
        // mark that is no quotation at all) than one quotation: left alone.
        if !opens_words
            || end < p.tok + 4
            || end > p.tok + MAX_UNCLOSED_WORDS
            || toks[p.tok].open_span != NONE
        {
            continue;
        }
        let inner_end = if end == idx {
            at.min(toks[end - 1].end)
        } else {
            toks[end - 1].end
        };
        let id = spans.len() as u32;
        spans.push(Span {
            inner_start: p.inner_start,
            inner_end,
            first: p.tok,
            after: end,
        });
        toks[p.tok].open_span = id;
        if toks[end].close_span == NONE {
            toks[end].close_span = id;
        }
    }
}

fn scan_gap(
    text: &str,
    from: usize,
    to: usize,
    idx: usize,
    toks: &mut [Tok],
    spans: &mut Vec<Span>,
    pending: &mut [Stack; 4],
) {
    let gap = &text[from..to];
    let mut flags = 0u8;
    for (off, c) in gap.char_indices() {
        let pos = from + off;
        match c {
            '،' | ',' => flags |= G_COMMA,
            ':' => flags |= G_COLON,
            '.' => {
                let before = text[..pos].chars().next_back();
                let after = text[pos + 1..].chars().next();
                let in_number = before.is_some_and(|b| b.is_ascii_digit())
                    && after.is_some_and(|a| a.is_ascii_digit());
                // د. علي, أ. محمد: a one-letter abbreviation, not a sentence end.
                let abbreviation = off == 0
                    && idx > 0
                    && toks[idx - 1].end == pos
                    && text[toks[idx - 1].start..pos].chars().count() == 1
                    && before.is_some_and(khabar_text::is_arabic_letter);
                if !in_number && !abbreviation {
                    flags |= G_SENT;
                }
            }
            '!' | '?' | '؟' | ';' | '؛' | '…' => flags |= G_SENT,
            '\n' | '\r' | '\u{2029}' => {
                flags |= G_SENT | G_PARA;
                close_unclosed(text, from + off, idx, toks, spans, pending);
            }
            '(' | ')' | '[' | ']' => flags |= G_PAREN,
            '-' | '–' | '—' => flags |= G_DASH,
            '«' | '»' | '"' | '“' | '”' | '„' | '‘' | '’' | '\'' => {
                let len = c.len_utf8();
                let prev = text[..pos].chars().next_back();
                let prev2 = prev.and_then(|p| text[..pos - p.len_utf8()].chars().next_back());
                let next = text[pos + len..].chars().next();
                let space_before = prev.is_none_or(|p| p.is_whitespace() || is_open_punct(p));
                let space_after = next.is_none_or(|n| n.is_whitespace() || is_close_punct(n));
                // A one-letter proclitic or tatweel before an opening mark: ل"جوهرة", بـ"…".
                let clitic_before = prev.is_some_and(|p| {
                    p == 'ـ'
                        || (matches!(p, 'ل' | 'ب' | 'و' | 'ف' | 'ك')
                            && prev2.is_none_or(char::is_whitespace))
                });
                let open_ish = !space_after && (space_before || clitic_before);
                let close_ish = !space_before && space_after;
                let (fam, dir) = match c {
                    '«' => (FAM_GUILLEMET, 1),
                    '»' => (FAM_GUILLEMET, -1),
                    '"' => (FAM_DOUBLE, 0),
                    '“' | '”' | '„' => (FAM_CURLY, 0),
                    '\'' => {
                        // An apostrophe inside a word (l'Aube) is no mark: only clear sides count.
                        let arabic_after = next.is_some_and(khabar_text::is_arabic_letter);
                        let arabic_before = prev.is_some_and(khabar_text::is_arabic_letter);
                        if space_before && arabic_after {
                            (FAM_SINGLE, 1)
                        } else if space_after && (arabic_before || prev.is_some_and(is_close_punct))
                        {
                            (FAM_SINGLE, -1)
                        } else {
                            continue;
                        }
                    }
                    _ => (FAM_SINGLE, 0),
                };
                let opening = match dir {
                    1 => true,
                    -1 => false,
                    // A clear opening while one is open nests (or the earlier one never closes:
                    // the paragraph's end drops it).
                    _ if pending[fam].depth > 0 => open_ish && !close_ish && space_before,
                    // With none open, a mark opens, whatever its sides (أنه" لا وجود …"),
                    // unless a sentence's punctuation touches it: a closing mark whose
                    // opening was never typed (… يعد إنجازا". وأضاف: "…"; ديغول." وتابع).
                    _ => {
                        let punct =
                            |c: char| matches!(c, '.' | '،' | ',' | '؛' | ';' | '!' | '?' | '؟');
                        !(close_ish && (next.is_some_and(punct) || prev.is_some_and(punct)))
                    }
                };
                if opening {
                    if dir == 1 && fam == FAM_GUILLEMET && pending[fam].depth > 0 && !open_ish {
                        continue;
                    }
                    pending[fam].push(Pending {
                        inner_start: pos + len,
                        tok: idx,
                    });
                } else if let Some(p) = pending[fam].pop() {
                    if p.tok < idx {
                        let id = spans.len() as u32;
                        spans.push(Span {
                            inner_start: p.inner_start,
                            inner_end: pos,
                            first: p.tok,
                            after: idx,
                        });
                        // Outermost wins: an outer span opens earlier.
                        let o = toks[p.tok].open_span;
                        if o == NONE || spans[o as usize].inner_start > p.inner_start {
                            toks[p.tok].open_span = id;
                        }
                        let cl = toks[idx].close_span;
                        if cl == NONE || spans[cl as usize].inner_start > p.inner_start {
                            toks[idx].close_span = id;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    toks[idx].gap = flags;
}

// ---------------------------------------------------------------------------------------------
// Cues and speakers.

/// How a speaker phrase ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Term {
    /// Sentence end, another verb, or too far: no quotation.
    None,
    /// إن/أن at this word: the clause follows.
    Comp(usize),
    /// A colon before this word.
    Colon(usize),
    /// A quotation opens before this word.
    Quote(u32, usize),
    /// إلى after دعا at this word.
    Ila(usize),
    /// قوله / تعبيره at this word.
    Said(usize),
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    lo: usize,
    hi: usize,
    /// Bytes of the first word that are not part of the phrase (the ل of وفقا لـX).
    cut: usize,
}

impl Seg {
    fn new(lo: usize, hi: usize) -> Seg {
        Seg { lo, hi, cut: 0 }
    }
}

#[derive(Debug, Clone, Copy)]
enum Mode {
    /// After a finite speech verb.
    Verb,
    /// After دعا.
    Call,
    /// After نقل: the words before عن are the source.
    Transmit,
    /// After حسب / وفق / على لسان (before or after the quotation).
    Attrib,
    /// After a quotation (`«…»، قال X`): the phrase ends at a comma.
    Post,
}

#[derive(Debug, Clone)]
struct Region {
    segs: [Seg; 4],
    n: usize,
    source: Option<Seg>,
    /// A relay was read (نقلت X عن, نُقل عن, X على لسان): the words before it, if any, are
    /// the source, never the speaker.
    relay: bool,
    term: Term,
}

impl Region {
    /// One phrase, read as a speaker's: no source, no relay, nothing after it.
    fn phrase(seg: Seg) -> Region {
        Region {
            segs: [seg; 4],
            n: 1,
            source: None,
            relay: false,
            term: Term::None,
        }
    }

    fn segs(&self) -> &[Seg] {
        &self.segs[..self.n]
    }
}

/// What the form of a verb or participle of saying shows of its subject: one man (قال, يقول,
/// مشيرا), one woman or a body (قالت, تقول, مشيرة), several (قالوا, مؤكدين).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Masculine,
    Feminine,
    Plural,
}

/// A resolved speaker.
#[derive(Debug, Clone)]
struct Speaker {
    name: String,
    title: Option<String>,
    mention: (usize, usize),
    entity: Option<usize>,
}

/// Organisation nouns that, alone and definite, refer back to an organisation named before.
const GENERIC_ORGS: &[&str] = &[
    "حزب",
    "حركة",
    "جبهة",
    "ائتلاف",
    "اتحاد",
    "جمعية",
    "منظمة",
    "نقابة",
    "هيئة",
    "وزارة",
    "رابطة",
    "تنسيقية",
    "شركة",
    "مؤسسة",
    "جامعة",
];

/// Nouns of kin and following (folded): a phrase they head (عائلة بيانكي, شقيق الضحية, غالبية
/// أنصار بلعيد) speaks as the kin or the followers, not as the person named in it.
const KIN: &[&str] = &[
    "عاءله",
    "اسره",
    "والد",
    "والده",
    "شقيق",
    "شقيقه",
    "زوجه",
    "زوج",
    "نجل",
    "ارمله",
    "اقارب",
    "اهالي",
    "اهل",
    "ذوي",
    "انصار",
    "مناصرو",
    "مناصري",
    "اتباع",
    "غالبيه",
    "اغلبيه",
];

/// Nouns of outlets that introduce one's name (صحيفة "أوغسبورغر ألغماينه" … تضيف ذات الصحيفة):
/// a bare one means the outlet introduced with it, never merely the nearest body named, as the
/// nouns of [`GENERIC_ORGS`] may.
const OUTLET_NOUNS: &[&str] = &["صحيفة", "جريدة", "مجلة", "قناة", "إذاعة", "وكالة"];

struct Finder<'a> {
    text: &'a str,
    entities: &'a [Entity],
    toks: Vec<Tok>,
    spans: Vec<Span>,
    used_span: Vec<bool>,
    consumed: Vec<bool>,
    out: Vec<Quote>,
    prev: Option<Speaker>,
    /// Where the previous speaker last spoke or was named (byte).
    prev_pos: usize,
    history: Vec<Speaker>,
    /// The gender of the verb that introduced each speaker of `history` (never
    /// [`Form::Plural`]).
    genders: Vec<Option<Form>>,
}

/// How far back (bytes) a cue without a subject looks for the previous speaker.
const MAX_PRONOUN_DISTANCE: usize = 1500;

/// Longest speaker phrase, in words (a titled one may be longer: وكيل وزارة … الدكتور X).
const MAX_SPEAKER_WORDS: usize = 10;
/// How far a speech verb looks for its إن/أن.
const MAX_REGION: usize = 40;
/// Longest indirect clause, in words.
const MAX_CLAUSE: usize = 160;
/// How far after a verb of describing its quoted description is looked for.
const DESCRIBE_WINDOW: usize = 10;
/// The most words a quoted description after بـ may have (longer is a statement).
const SHORT_DESCRIPTION: usize = 8;
/// How far before a person's name a noun describing them is looked for.
const DESCRIBED_WINDOW: usize = 12;

impl Finder<'_> {
    /// The number of words (the sentinel excluded).
    fn n(&self) -> usize {
        self.toks.len() - 1
    }

    fn lex(&self, k: usize) -> u32 {
        self.toks.get(k).map_or(0, |t| t.lex)
    }

    /// The flags of word `k`, with the title and description flags of its form without the
    /// article (المسؤول is listed as مسؤول).
    fn head_lex(&self, k: usize) -> u32 {
        self.toks.get(k).map_or(0, |t| t.lex | t.bare)
    }

    fn run(&mut self) {
        let n = self.n();
        for i in 0..n {
            if self.consumed[i] {
                continue;
            }
            let f = self.toks[i].lex;
            if i > 0 && self.toks[i - 1].lex2 & REL != 0 && self.toks[i].gap == 0 {
                // التي تشير إلى أن …: a description, not a cue; but بحسب المنظمة التي قالت إن …
                // reports what the body said.
                if f & VERB != 0 && f & PRESENT == 0 {
                    self.on_relative(i);
                }
                continue;
            }
            if i > 0
                && self.toks[i].gap == 0
                && f & PARTICIPLE == 0
                && !self.text[self.toks[i].start..].starts_with(['و', 'ف'])
                && matches!(
                    &self.text[self.toks[i - 1].start..self.toks[i - 1].end],
                    "على"
                        | "إلى"
                        | "عن"
                        | "في"
                        | "مع"
                        | "خلال"
                        | "حول"
                        | "طرف"
                        | "قبل"
                        | "بعد"
                        | "لدى"
                        | "عند"
                        | "ضد"
                )
            {
                // الضوء على أبرز المتغيرات, مع توقع المستثمرين أن, من طرف طالب "معتصم": after a
                // preposition (or a noun used as one: من طرف, من قبل, بعد) the word is a noun or
                // an adjective (أبرز: the most prominent; طالب: a student), not a verb of
                // saying, which would follow أن or ما there. (As written: علي is also a name,
                // محمد علي قال.)
                continue;
            }
            if self.toks[i].lex2 & DESCRIBE != 0 {
                self.on_describe(i);
            } else if self.toks[i].lex2 & STATEMENT != 0 {
                self.on_statement(i);
            } else if self.toks[i].lex2 & EXPRESS != 0 && self.expresses_quote(i) {
                self.on_verb(i, f | VERB);
            } else if f & (VERB | CALL | TRANSMIT) != 0 {
                self.on_verb(i, f);
            } else if self.toks[i].lex2 & VERB_IF_COMP != 0 && self.ambiguous_verb_speaks(i) {
                self.on_verb(i, f | VERB);
            } else if f & PARTICIPLE != 0 {
                self.on_participle(i);
            } else if f & ATTRIB != 0 {
                self.on_attrib(i, i + 1);
            } else if f & ALA != 0 && self.lex(i + 1) & LISAN != 0 {
                self.on_attrib(i, i + 2);
            }
        }
    }

    /// A quotation that closes just before word `i` (only commas, dashes and spaces between)
    /// and opens a sentence: the span, if unused.
    fn post_span(&self, i: usize) -> Option<u32> {
        let t = &self.toks[i];
        if t.close_span == NONE || t.gap & (G_SENT | G_PARA | G_COLON) != 0 {
            return None;
        }
        let s = t.close_span;
        if self.used_span[s as usize] {
            return None;
        }
        let sp = self.spans[s as usize];
        if sp.words() < 3 {
            return None;
        }
        // «…»، حسب تعبيره / على حد قوله: the quotation may stand anywhere in its sentence; so
        // may one after an attribution that names the act of saying (، وفق ما صرح به X،
        // حسبما أفادت X): it marks the quoted words as said, not only the sentence as sourced.
        // So may one the same speaker is named after (، حسب المتحدث ذاته): a source named
        // again is one whose words these are.
        let said = (i + 1..(i + 3).min(self.n())).any(|k| {
            let x = self.toks[k];
            x.lex & SAID_NOUN != 0 || (t.lex & ATTRIB != 0 && x.gap == 0 && x.lex2 & SAME != 0)
        }) || (t.lex & ATTRIB != 0 && self.says_verb_after(i + 1));
        let open_gap = self.toks[sp.first].gap;
        let starts = said
            || sp.first == 0
            || open_gap & (G_SENT | G_PARA | G_COLON) != 0
            || self.text[..sp.inner_start]
                .trim_end_matches(['«', '"', '“', '”', '\'', '‘', ' '])
                .is_empty();
        starts.then_some(s)
    }

    /// True when word `k` is a verb of saying, or ما and one (وفق ما صرح, حسبما أفاد).
    fn says_verb_after(&self, k: usize) -> bool {
        let k = if self.lex(k) & MA != 0 { k + 1 } else { k };
        // (نقل and نشر relay or publish: the words may be the relay's summary.)
        self.toks.get(k).is_some_and(|t| {
            t.gap == 0
                && t.lex & ATTRIB_VERB != 0
                && t.lex & TRANSMIT == 0
                && !khabar_text::normalize(&self.text[t.start..t.end]).starts_with("نشر")
        })
    }

    fn on_verb(&mut self, i: usize, f: u32) {
        if let Some(s) = self.post_span(i) {
            let r = self.region(i + 1, Mode::Post);
            if !matches!(r.term, Term::Comp(_) | Term::Colon(_) | Term::Quote(..)) {
                if let Some(spk) = self.speaker(&r, i) {
                    self.emit_direct(s, spk, i, None);
                }
                return;
            }
        }
        let mode = if f & TRANSMIT != 0 {
            Mode::Transmit
        } else if f & CALL != 0 {
            Mode::Call
        } else {
            Mode::Verb
        };
        let mut r = self.region(i + 1, mode);
        if matches!(mode, Mode::Transmit)
            && (!r.relay || (r.source.is_none() && !matches!(r.term, Term::Said(_))))
        {
            // نقل without عن is a noun (شبكة نقل الكهرباء) or a transfer, not a relay; without
            // a source (نُقل عن X) only قوله makes it one.
            return;
        }
        // الشرطة تقول إنها …, إلا أن مسؤولا آخر أشار إلى أن …: the subject comes first; so it
        // does where the words after the verb cannot name anyone (يذكر أن النقابة قد دعت
        // بالتنسيق مع … إلى).
        if r.term != Term::None && (r.n == 0 || self.prepositional(r.segs[0])) {
            if let Some(seg) = self.svo_subject(i).or_else(|| self.apposed_comp_subject(i)) {
                r.segs[0] = seg;
                r.n = 1;
            }
        }
        if r.n > 0
            && f & PRESENT != 0
            && !self.clause_initial(i)
            && self.toks[i - 1].lex & STOP == 0
            && self.svo_subject(i).is_none()
        {
            // … الاحتفال بذكرى رحيل الزعيم يعتبر رسالة قوية: a present verb inside a clause,
            // after no subject of its own, describes; what follows is its complement.
            return;
        }
        if r.n == 0 && f & PRESENT != 0 && !self.clause_initial(i) {
            // … خطوطا إرشادية توضح أنه …: a present verb inside a clause describes, with no
            // speaker of its own.
            return;
        }
        if r.n > 0 && self.toks[r.segs[0].lo].lex2 & FINDING != 0 {
            // بينت نتائج تقرير أن …, أظهرت دراسة أن …: a finding, not speech.
            return;
        }
        if r.term == Term::None && self.trailing_attribution(i, &r) {
            return;
        }
        let source = r.source.map(|s| self.org_name(s));
        if r.term == Term::None && self.sentence_initial(i) {
            // وقالت ميركل في مستهل كلمة لها …، خلال جلسة حضرها X، رئيس …: «…»: a named subject
            // right after the verb, then the occasion, however long, up to a colon and the
            // marks: the subject's words.
            if let Some((span, subject)) = self.colon_quote_ahead(i) {
                let t = self.toks[i + 1];
                let spk = Speaker {
                    name: self.entities[subject].name.clone(),
                    title: None,
                    mention: (t.start, t.end),
                    entity: Some(subject),
                };
                self.emit_direct(span, spk, i, None);
                return;
            }
        }
        match r.term {
            Term::None => {
                // No quotation, but a named subject of a sentence is who the next وأضاف means.
                if self.sentence_initial(i) && self.looks_like_speaker(&r) {
                    if let Some(mut spk) = self.named_speaker(&r) {
                        // (Unless the verb's object is named further on: نفت النائبة ألفة
                        // السكري الشريف، …، وجود شبهة فساد.)
                        let object_later =
                            (0..r.n).flat_map(|i| r.segs[i].lo..r.segs[i].hi).any(|k| {
                                self.toks[k].lex2 & OBJECT_NOUN != 0
                                    && self.toks[k].start >= spk.mention.1
                            });
                        // (Nor when the words are set off by commas after the title: نفى
                        // المندوب الجهوي، رحومة المحضاوي، اتهامات: a name in apposition.)
                        let apposed = self.text[spk.mention.0..spk.mention.1]
                            .split_whitespace()
                            .count()
                            <= 4
                            && self.text[..spk.mention.0].trim_end().ends_with(['،', ','])
                            && self.text[spk.mention.1..]
                                .trim_start()
                                .starts_with(['،', ',']);
                        if spk.entity.is_none()
                            && !self.entities.is_empty()
                            && !object_later
                            && !apposed
                        {
                            // With no complement the verb's object follows its subject (وأكد
                            // الوزير سقوط قتلى): after a title, words none of the article's
                            // names covers are that object, not a name. (Without the names,
                            // the words are taken for one, as before: وزير الخارجية جون كيري.)
                            if let Some(title) = spk.title.take() {
                                spk.name = title;
                            }
                        }
                        self.remember(spk, Some(i));
                    }
                }
            }
            term => {
                if let Some(spk) = self.speaker(&r, i) {
                    self.emit_after(term, spk, i, source);
                }
            }
        }
    }

    /// After the speech verb at `i`, a person's or a body's name at once, and further on in
    /// the sentence (past the [`MAX_REGION`] words a speaker's phrase may have) a colon with
    /// quotation marks right after it, with no other verb or participle of saying, إن/أن or
    /// quotation mark between: the marks' span and the entity named.
    fn colon_quote_ahead(&self, i: usize) -> Option<(u32, usize)> {
        let next = self.toks.get(i + 1)?;
        if next.gap != 0 {
            return None;
        }
        let subject = self
            .entity_at(i + 1)
            .filter(|&e| matches!(self.entities[e].ty, EntityType::Pers | EntityType::Org))?;
        for k in i + 2..(i + 2 + 2 * MAX_REGION).min(self.n()) {
            let t = self.toks[k];
            // (A participle of saying on the way, قائلا: «…», takes the words itself.)
            if t.gap & (G_SENT | G_PARA) != 0 || t.lex & (VERB | COMP | PARTICIPLE) != 0 {
                return None;
            }
            if t.open_span != NONE {
                return (t.gap & G_COLON != 0).then_some((t.open_span, subject));
            }
        }
        None
    }

    /// A past speech verb in a relative clause, its إن/أن right after it (or after إلى/على):
    /// the antecedent speaks, when it can (المنظمة التي قالت إن …, الوزير الذي أكد أن …). Not
    /// when another subject follows the verb (التي قالت مصادر إنها …: the sources speak, of
    /// the antecedent), nor after an antecedent that is not a speaker (الأرقام التي أكدت أن).
    fn on_relative(&mut self, i: usize) {
        let n = self.n();
        let mut k = i + 1;
        if k < n && self.lex(k) & (ILA | ALA) != 0 && self.toks[k].gap == 0 {
            k += 1;
        }
        // الذي علق عليها بقوله إن, ما أكد عليه X أن: the verb's object pronoun and the saying
        // named come before the subject, if there is one. (Not فيها: the antecedent is then
        // what was said in, a document, and the subject another: الوثيقة التي زعم فيها أن.)
        while k < n && k < i + 3 && self.toks[k].gap == 0 {
            let w = self.folded(k);
            let object = self.lex(k) & (BIH | BIL_QAWL) != 0
                || matches!(w.as_str(), "عليه" | "عليها" | "عليهم");
            if !object || matches!(w.as_str(), "فيه" | "فيها" | "فيهم") {
                break;
            }
            k += 1;
        }
        if k < n && self.lex(k) & (COMP | ILA | ALA) == 0 && self.toks[k].gap == 0 {
            self.on_relative_subject(i, k);
            return;
        }
        if k >= n || self.lex(k) & COMP == 0 || self.toks[k].gap != 0 || i < 2 {
            return;
        }
        let rel = i - 1;
        if self.toks[rel].gap & (G_SENT | G_PARA | G_COLON | G_PAREN) != 0 {
            return;
        }
        // The antecedent: a speaker's phrase ending right before the relative pronoun, opened
        // at most three words earlier by a title or a description, else by a name or a body;
        // the nearest (الرئيس وزير الخارجية الذي: the minister, not the president), with the
        // indefinite titles it is the complement of (نائب رئيس فيفا السابق الذي).
        let last = rel - 1;
        let joined = |j: usize| {
            (j + 1..=last).all(|x| {
                self.toks[x].gap & (G_SENT | G_PARA | G_COMMA | G_COLON) == 0
                    && self.toks[x].lex & (STOP | VERB | COMP) == 0
            })
        };
        let window = last.saturating_sub(3)..=last;
        let Some(mut lo) = window
            .clone()
            .rev()
            .find(|&j| joined(j) && self.head_lex(j) & (TITLE | DESC) != 0)
            .or_else(|| window.rev().find(|&j| joined(j) && self.can_speak(j)))
        else {
            return;
        };
        while lo > 0
            && lo + 5 > last
            && self.toks[lo].gap == 0
            && self.head_lex(lo - 1) & TITLE != 0
            && self.lex(lo - 1) & DEF == 0
        {
            lo -= 1;
        }
        let r = Region::phrase(Seg::new(lo, rel));
        if let Some(spk) = self.speaker(&r, i) {
            self.emit_after(Term::Comp(k), spk, i, None);
        }
    }

    /// المتهم الذي قالت الشرطة إنه متشدد; التي قالت مصادر إنها …: a subject of its own after
    /// the relative clause's speech verb, then its إن/أن, reports what that subject said of the
    /// antecedent.
    fn on_relative_subject(&mut self, i: usize, lo: usize) {
        let n = self.n();
        let Some(comp) = (lo + 1..(lo + 5).min(n)).find(|&k| self.lex(k) & COMP != 0) else {
            return;
        };
        if self.toks[comp].gap != 0
            || (lo..comp).any(|x| {
                let t = self.toks[x];
                (x > lo && t.gap != 0) || t.lex & (STOP | VERB | COMP | TIME | BIH | BIL_QAWL) != 0
            })
        {
            return;
        }
        let r = Region::phrase(Seg::new(lo, comp));
        if let Some(spk) = self.speaker(&r, i) {
            self.emit_after(Term::Comp(comp), spk, i, None);
        }
    }

    /// After في and an occasion (في رده على سؤال …, في تصريح لـ …): the إن/أن (or على أن)
    /// right after the comma that closes it, within the sentence and at most 45 words on;
    /// `None` if another speech verb with its own إن/أن comes first.
    fn comp_after_occasion(&self, k: usize) -> Option<usize> {
        if !self.occasion(k) {
            return None;
        }
        let n = self.n();
        let mut j = k + 1;
        while j < (k + 45).min(n) {
            let t = self.toks[j];
            if t.gap & (G_SENT | G_PARA | G_COLON) != 0 {
                return None;
            }
            if t.gap & G_COMMA != 0 {
                if t.lex & COMP != 0 {
                    return Some(j);
                }
                if t.lex & ALA != 0 && self.lex(j + 1) & COMP != 0 {
                    return Some(j + 1);
                }
            }
            if t.lex & VERB != 0 && self.verb_opens_clause(j) {
                return None;
            }
            // A quotation inside the occasion (حول "…") is jumped over, whatever its stops.
            j = self.past_quotation(j);
        }
        None
    }

    /// Word `k` is a verb of describing that starts a statement of its own: not one after ما
    /// or a relative pronoun (ما وصفه بـ"…", الزيارة التي وصفها بـ"…"), whose description
    /// belongs to the clause around it.
    fn describes_anew(&self, k: usize) -> bool {
        self.toks[k].lex2 & DESCRIBE != 0
            && (k == 0 || (self.toks[k - 1].lex2 & REL == 0 && self.lex(k - 1) & MA == 0))
    }

    /// وصف X بأنه "…", واصفا إياه بـ"…": the quoted words are the subject's.
    fn on_describe(&mut self, i: usize) {
        let n = self.n();
        if !self.describes_anew(i) {
            return;
        }
        // ووصف صالح كاسترو بأنه "…": a named subject right after the verb. (Not after a
        // participle, whose subject came before it: …، واصفا الرئيس السوري بشار الأسد
        // بـ"الشرير" is said of Assad, by whoever spoke.)
        let participle = self.lex(i) & PARTICIPLE != 0 || {
            let w = self.folded(i);
            ["واصف", "وواصف", "فواصف"].iter().any(|p| w.starts_with(p))
        };
        let subject = (i + 1 < n && self.toks[i + 1].gap == 0 && !participle)
            .then(|| self.entity_at(i + 1))
            .flatten();
        // (The window opens after a titled subject's name: ووصف الرئيس الأمريكي دونالد
        // ترامب، الرئيس السوري بشار الأسد بـ"الشرير".)
        let titled = (!participle && i + 1 < n && self.toks[i + 1].gap == 0)
            .then(|| self.titled_person_after(i + 1, (i + 8).min(n)))
            .flatten();
        let from = titled.map_or(i, |(_, _, b)| {
            (i + 1..n)
                .take_while(|&x| self.toks[x].end <= b)
                .last()
                .unwrap_or(i)
        });
        for k in i + 1..(from + DESCRIBE_WINDOW).min(n) {
            let t = self.toks[k];
            if t.gap & (G_SENT | G_COLON | G_PARA) != 0 {
                return;
            }
            if t.open_span == NONE {
                continue;
            }
            let s = t.open_span;
            let words = self.spans[s as usize].words();
            // وصفه بـ"إعلام الفساد" الخاضع لـ…: a short quoted phrase after بـ or بأنه is
            // the description in the speaker's words, wherever its clause ends.
            let as_words = k > i + 1
                && words <= SHORT_DESCRIPTION
                && (self.word_is(k - 1, "ب") || self.lex(k - 1) & COMP != 0);
            if (words <= 40 && self.ends_clause_loose(s)) || as_words {
                let t = self.toks[i + 1];
                let spk = match subject {
                    Some(e) => Some(Speaker {
                        name: self.entities[e].name.clone(),
                        title: None,
                        mention: (t.start, t.end),
                        entity: Some(e),
                    }),
                    // ووصف الرئيس الأمريكي دونالد ترامب الأسد بـ"…": the person named right
                    // after the title words speaks, whoever follows him.
                    None if (self.lex(i + 1) | t.bare) & TITLE != 0 && titled.is_some() => titled
                        .map(|(e, a, b)| Speaker {
                            name: self.entities[e].name.clone(),
                            title: None,
                            mention: (a, b),
                            entity: Some(e),
                        }),
                    // وصف رئيس الوزراء الكندي الهجوم بـ"…": a titled subject.
                    // (The described thing follows the title: no name, the title speaks.)
                    None if !participle
                        && (self.lex(i + 1) | t.bare) & TITLE != 0
                        && t.gap == 0 =>
                    {
                        let r = self.region(i + 1, Mode::Verb);
                        self.speaker(&r, i).map(|mut spk| {
                            if spk.entity.is_none() {
                                if let Some(title) = spk.title.take() {
                                    spk.name = title;
                                }
                            }
                            spk
                        })
                    }
                    None => self.pronoun(i),
                };
                if let Some(spk) = spk {
                    let src = self.trailing_source(s);
                    self.emit_direct(s, spk, i, src);
                }
            }
            return;
        }
    }

    /// The person named after the title at word `title`, before word `end`, with only defined
    /// title words and adjectives between (الرئيس الأمريكي دونالد ترامب): the entity and the
    /// bytes of the name.
    fn titled_person_after(&self, title: usize, end: usize) -> Option<(usize, usize, usize)> {
        let first = (title + 1..(title + 4).min(end))
            .take_while(|&x| self.toks[x].gap == 0)
            .find(|&x| self.person_at(x))?;
        if !(title + 1..first)
            .all(|x| self.toks[x].lex & DEF != 0 && !self.named_at(x, EntityType::Loc))
        {
            return None;
        }
        let e = self.entity_at(first)?;
        let last = (first..end)
            .take_while(|&x| x == first || (self.toks[x].gap == 0 && self.entity_at(x) == Some(e)))
            .last()?;
        Some((e, self.toks[first].start, self.toks[last].end))
    }

    /// وجاء في البيان: «…», جاء في بلاغ لوزارة الداخلية أن …, ورد في تقرير الهيئة أن …: a
    /// statement's words, reported without a speech verb. Its author is the body named with
    /// the document (ل + X, الصادر عن X, or X in construct after an indefinite document
    /// noun: بيان وزارة الداخلية); a definite or possessed document (البيان, بيانها) is the one
    /// the report is about, issued by whoever spoke or acted last.
    fn on_statement(&mut self, i: usize) {
        let n = self.n();
        if i + 2 >= n || self.toks[i + 1].gap != 0 || !self.word_is(i + 1, "في") {
            return;
        }
        let mut d = i + 2;
        if self.word_is(d, "نص") && d + 1 < n && self.toks[d + 1].gap == 0 {
            // في نص البيان: the text of it.
            d += 1;
        }
        if self.toks[d].gap != 0 || !self.document(d) || d + 1 >= n {
            return;
        }
        let body = d + 1;
        let author = self.document_author(d);
        let mut r = self.region(author.unwrap_or(body), Mode::Attrib);
        if author.is_none() {
            // البيان المشترك, بيانها الأخير: words about the document, not who wrote it.
            r.n = 0;
        }
        let term = match r.term {
            Term::Quote(s, _) if !self.ends_clause(s) => return,
            Term::Comp(_) | Term::Colon(_) | Term::Quote(..) => r.term,
            _ => return,
        };
        let spk = if r.n > 0 {
            // (Not speaker(): ل + a construct noun is the author here, لوزارة الداخلية, not
            // a place.)
            self.named_speaker(&r)
        } else if self.sentence_initial(i) {
            // The statement the report is about: its actor's, named where the sentences
            // before open (وناقش المجلس تصريحات X …. وجاء في البيان: …), before whoever was
            // quoted last.
            self.earlier_actor(self.sentence_start(i))
                .or_else(|| self.pronoun(i))
        } else {
            None
        };
        if let Some(mut spk) = spk {
            if r.n == 0 {
                let c = self.toks[i];
                spk.mention = (c.start, c.end);
            }
            let spk = self.organisation_meant(spk, i);
            self.emit_after(term, spk, i, None);
        }
    }

    /// Where the author of the document noun at word `d` is named right after it: الصادر عن
    /// X, ل + X (بيان لوزارة الداخلية, تصريحات لوزير الشؤون الدينية), or X in construct after
    /// an indefinite document noun (بيان وزارة الداخلية).
    fn document_author(&self, d: usize) -> Option<usize> {
        let body = d + 1;
        let t = *self.toks.get(body)?;
        let w = &self.text[t.start..t.end];
        if t.gap != 0 {
            None
        } else if matches!(w, "الصادر" | "الصادرة") && self.lex(body + 1) & AN != 0 {
            Some(body + 2)
        } else if w.starts_with('ل') && t.lex & (BIH | DEF) == 0 && w.chars().count() > 3 {
            // (Not له, لها: "of his", the document is the speaker's; not لل: a complement.)
            Some(body)
        } else if self.toks[d].lex2 & DOCUMENT != 0
            && self.toks[d].lex & DEF == 0
            && t.lex & (DEF | CONSTRUCT | ORG_WORD | TITLE) != 0
            && t.lex2 & REL == 0
        {
            Some(body)
        } else {
            None
        }
    }

    /// عبّر / أعرب at `i` where a verb stands (opening a clause, or after كما / قد) and its
    /// عن is followed at once by a quotation that ends the clause: «عبر الحزب عن "أسفه
    /// لتواصل …"» reproduces the words expressed. (عن "قلقه" بشأن …: a word in marks inside
    /// the clause is no quotation.)
    fn expresses_quote(&self, i: usize) -> bool {
        if !(self.clause_initial(i) || self.after_verb_particle(i)) {
            return false;
        }
        for k in i + 1..(i + 14).min(self.n()) {
            let t = self.toks[k];
            if t.gap & (G_SENT | G_PARA | G_COLON) != 0 || t.open_span != NONE {
                return false;
            }
            if t.lex & AN != 0 {
                let Some(next) = self.toks.get(k + 1) else {
                    return false;
                };
                let s = next.open_span;
                return next.gap & (G_SENT | G_PARA) == 0
                    && s != NONE
                    && self.spans[s as usize].words() >= 3
                    && self.ends_clause(s);
            }
        }
        false
    }

    /// True when word `k` is a document (بيان, البلاغ) or one with a possessive pronoun
    /// (بيانها, رسالته).
    fn document(&self, k: usize) -> bool {
        self.noun_of(k, DOCUMENT)
    }

    /// The person or organisation entity a mention of which covers word `k`.
    fn entity_at(&self, k: usize) -> Option<usize> {
        let t = self.toks[k];
        self.entities.iter().position(|e| {
            matches!(e.ty, EntityType::Pers | EntityType::Org)
                && e.mentions.iter().any(|&(a, b)| a <= t.start && t.end <= b)
        })
    }

    /// A short phrase after a comma that closes a phrase naming who was spoken to (لموفد
    /// "الجوهرة أف أم" إلى العراق، زهير الجيس،): that listener's name.
    fn listener_name(&self, s: Seg) -> bool {
        let lo = self.seg_lo(s);
        if self.toks[lo].gap & G_COMMA == 0
            || s.hi > lo + 3
            || (self.toks[lo].lex | self.toks[lo].bare) & (TITLE | DESC | DEF) != 0
        {
            return false;
        }
        for x in (lo.saturating_sub(8)..lo).rev() {
            let t = self.toks[x];
            if t.lex & ADDR != 0 {
                return true;
            }
            if t.gap & (G_COMMA | G_SENT | G_PARA | G_COLON) != 0 || t.lex & VERB != 0 {
                return false;
            }
        }
        false
    }

    /// A phrase opening with ل or ب glued to a noun (لمواكبة الندوة, بمناسبة): a purpose or a
    /// circumstance after a comma, not a name, unless the tagger found a person there.
    fn purpose_phrase(&self, s: Seg) -> bool {
        let lo = self.seg_lo(s);
        !self.person_at(lo) && crate::entities::preposition_glued(&self.folded(lo))
    }

    /// The bytes of a preposition ل (and a tatweel after it: لـ) that open word `k`, which
    /// are not part of the name that follows.
    fn lam_cut(&self, k: usize) -> Option<usize> {
        let t = self.toks[k];
        let rest = self.text[t.start..t.end].strip_prefix('ل')?;
        Some(t.end - t.start - rest.trim_start_matches('ـ').len())
    }

    /// Whether word `k` is in a mention of a person.
    fn person_at(&self, k: usize) -> bool {
        self.named_at(k, EntityType::Pers)
    }

    /// Whether word `k` is in a place's name.
    fn place_at(&self, k: usize) -> bool {
        self.named_at(k, EntityType::Loc)
    }

    /// Whether word `k` is in a mention of an entity of type `ty`.
    fn named_at(&self, k: usize, ty: EntityType) -> bool {
        let t = self.toks[k];
        self.entities
            .iter()
            .any(|e| e.ty == ty && e.mentions.iter().any(|&(a, b)| a <= t.start && t.end <= b))
    }

    /// A person's name starts within `words` words from `k`, with no punctuation, occasion
    /// (في تصريح) or speech verb before it.
    fn person_within(&self, k: usize, words: usize) -> bool {
        for x in k..(k + words).min(self.n()) {
            let t = self.toks[x];
            if t.gap != 0 || t.lex2 & EVENT != 0 || t.lex & (VERB | COMP | STOP) != 0 {
                return false;
            }
            let person = self.entities.iter().any(|e| {
                matches!(e.ty, EntityType::Pers) && e.mentions.iter().any(|&(a, _)| a == t.start)
            });
            if person {
                return true;
            }
        }
        false
    }

    /// A quotation followed by the end of its clause (a short quoted judgment may also be
    /// followed by و and more of the sentence).
    fn ends_clause_loose(&self, s: u32) -> bool {
        let sp = self.spans[s as usize];
        sp.after >= self.n() || self.toks[sp.after].gap != 0 || self.ends_clause(s)
    }

    /// A phrase after a verb with no quotation may be its object (ونفى وجود أي قضية): taken
    /// for the subject only when it has a title or description, is an entity, or is short and
    /// without the article (a name).
    fn looks_like_speaker(&self, r: &Region) -> bool {
        let Some(&s) = r.segs().first() else {
            return false;
        };
        let lo = self.seg_lo(s);
        let f = self.toks[lo].lex;
        if f & (TITLE | DESC | ORG_WORD | CONSTRUCT) != 0 {
            return true;
        }
        let raw = &self.text[self.toks[lo].start..self.toks[lo].end];
        let (a, b, _) = self.seg_bytes(s);
        // (A person's name may start with the letter: بوجمعة الرميلي, بلحسن الوسلاتي.)
        let person_first = self
            .entities
            .iter()
            .any(|e| e.ty == EntityType::Pers && e.mentions.iter().any(|&(x, _)| x == a));
        if (raw.starts_with('ب') || raw.starts_with('ل'))
            && f & PREP_CONSTRUCT == 0
            && !person_first
        {
            // وذكّرت بقرارات خلية الأزمة: the verb's prepositional object.
            return false;
        }
        if self
            .entities
            .iter()
            .any(|e| e.ty != EntityType::Misc && e.mentions.iter().any(|&(x, y)| x < b && a < y))
        {
            return true;
        }
        if s.hi == lo + 1 {
            // وأقر الأسد: an earlier speaker's surname.
            let w = khabar_text::normalize(&self.text[a..b]);
            let known = self.history.iter().any(|h| {
                let full = khabar_text::normalize(&h.name);
                full.rsplit(' ').next() == Some(w.as_str())
                    || full.ends_with(w.strip_prefix("ال").unwrap_or(&w))
            });
            if known {
                return true;
            }
        }
        s.hi - lo <= 3 && f & (DEF | NOT_SPEAKER) == 0
    }

    /// The first word of the sentence word `i` opens, after only particles (كما, وقد).
    fn sentence_start(&self, i: usize) -> usize {
        let mut j = i;
        while j > 0 && self.toks[j].gap & (G_SENT | G_PARA) == 0 && j + 2 >= i {
            if self.toks[j - 1].lex & ADV == 0 {
                break;
            }
            j -= 1;
        }
        j
    }

    /// True when word `i` opens its sentence, or follows only particles that do (كما, وقد).
    fn sentence_initial(&self, i: usize) -> bool {
        let mut j = i;
        loop {
            if j == 0 || self.toks[j].gap & (G_SENT | G_PARA) != 0 {
                return true;
            }
            if j + 2 < i || self.toks[j - 1].lex & ADV == 0 {
                return false;
            }
            j -= 1;
        }
    }

    /// True when word `i` follows, with no punctuation between, a particle that only a verb
    /// follows (قد, لقد, كما): a word written like a noun or a preposition is a verb there.
    fn after_verb_particle(&self, i: usize) -> bool {
        i > 0
            && self.toks[i].gap == 0
            && matches!(
                &self.text[self.toks[i - 1].start..self.toks[i - 1].end],
                "قد" | "وقد" | "لقد" | "ولقد" | "كما"
            )
    }

    /// بين read as بيّن: where a verb stands (opening its sentence, or after قد / كما) and its
    /// إن/أن follows. Elsewhere it is "between" (الفرق بين الماضي والحاضر أن …, من بين …).
    fn ambiguous_verb_speaks(&self, i: usize) -> bool {
        let t = self.toks[i];
        // Written with its shadda (وبيّن), it is the verb wherever it stands.
        self.text[t.start..t.end].contains('\u{0651}')
            || ((self.sentence_initial(i) || self.after_verb_particle(i))
                && self.verb_opens_clause(i))
            || self.subject_then_comp(i)
            || self.person_subject(i)
    }

    /// بين الوسلاتي في تصريح … أن, بين أنور معروف أن: a person named right after it, opening
    /// its sentence or clause, is the verb's subject, however far its أن. The preposition
    /// "between" would join the name to a second noun with و (بين الوسلاتي والوزير).
    fn person_subject(&self, i: usize) -> bool {
        let n = self.n();
        if i + 1 >= n || self.toks[i + 1].gap != 0 || !self.clause_initial(i) {
            return false;
        }
        // (من بين X; بيني وبين X: the preposition, twice.)
        if i > 0
            && (self.word_is(i - 1, "من")
                || self.word_is(i - 1, "ومن")
                || self.folded(i - 1).starts_with("بين"))
        {
            return false;
        }
        let at = self.toks[i + 1].start;
        // (A full name: a one-word "person" after بين is as often a noun the tagger took for
        // one, بين أدبين.)
        let Some(end) = self
            .entities
            .iter()
            .filter(|e| e.ty == EntityType::Pers && e.name.contains(' '))
            .flat_map(|e| e.mentions.iter())
            .find(|&&(a, _)| a == at)
            .map(|&(_, b)| b)
        else {
            return false;
        };
        let after = (i + 1..n).find(|&k| self.toks[k].start >= end);
        after.is_some_and(|k| {
            let t = self.toks[k];
            t.gap & (G_SENT | G_PARA) == 0 && !self.text[t.start..t.end].starts_with('و')
        })
    }

    /// بين الصندوق أن …: a definite subject of one or two words, then إن/أن at once. The
    /// preposition "between" takes two nouns joined by و before any أن.
    fn subject_then_comp(&self, i: usize) -> bool {
        let n = self.n();
        if i + 2 >= n || self.toks[i + 1].lex & DEF == 0 {
            return false;
        }
        // من بين, كانت بين: the preposition for certain (من بين المرشحين, كانت بين الحضور).
        if i > 0
            && (self.word_is(i - 1, "من")
                || self.word_is(i - 1, "ومن")
                || self.toks[i - 1].lex & OTHER_VERB != 0)
        {
            return false;
        }
        (i + 2..(i + 4).min(n)).any(|c| {
            self.toks[c].lex & COMP != 0
                && (i + 1..=c).all(|k| {
                    let t = self.toks[k];
                    // (بين الماضي والحاضر أن: the preposition's two nouns, joined by و.)
                    let joined = k > i + 1 && self.text[t.start..t.end].starts_with('و');
                    t.gap & (G_SENT | G_PARA | G_COMMA | G_COLON | G_PAREN) == 0
                        && t.open_span == NONE
                        && !joined
                        && (k == c || t.lex & COMP == 0)
                })
        })
    }

    /// True when word `i` opens a sentence or a clause: after و/ف, a comma, or sentence start.
    fn clause_initial(&self, i: usize) -> bool {
        let t = self.toks[i];
        let raw = &self.text[t.start..t.end];
        raw.starts_with('و')
            || raw.starts_with('ف')
            || t.gap & (G_COMMA | G_COLON) != 0
            || (i > 0
                && matches!(
                    &self.text[self.toks[i - 1].start..self.toks[i - 1].end],
                    "و" | "ف"
                ))
            || self.sentence_initial(i)
            || self.went_on_saying(i)
            || self.after_before_that(i)
    }

    /// The present verb at `i` follows قبل أن or بعد أن and a colon or a quotation mark follows
    /// it at once (قبل أن يشير: «…»): a subjunctive, the clause's own verb and an event of the
    /// narrative, not a verb describing a noun. (With words between, they are its object:
    /// قبل أن يعترف بحنينه إلى «…».)
    fn after_before_that(&self, i: usize) -> bool {
        i >= 2
            && self
                .toks
                .get(i + 1)
                .is_some_and(|t| t.gap & G_COLON != 0 || t.open_span != NONE && t.gap & G_SENT == 0)
            && self.toks[i].gap == 0
            && self.toks[i - 1].gap == 0
            && &self.text[self.toks[i - 1].start..self.toks[i - 1].end] == "أن"
            && matches!(self.folded(i - 2).as_str(), "قبل" | "بعد" | "وقبل" | "وبعد")
    }

    /// A verb of going on (مضى, تابع, أضاف, عاد, راح) opens the sentence and the present speech
    /// verb at `i` is what it governs: ومضى يقول, وأضاف يقول.
    fn went_on_saying(&self, i: usize) -> bool {
        i > 0
            && self.sentence_initial(i - 1)
            && self.toks[i].gap == 0
            && matches!(
                self.folded(i - 1).as_str(),
                "ومضي"
                    | "مضي"
                    | "وتابع"
                    | "تابع"
                    | "واضاف"
                    | "اضاف"
                    | "وعاد"
                    | "عاد"
                    | "وراح"
                    | "راح"
            )
    }

    /// يذكر أن سامية عبو، ممثلة حزب التيار الديمقراطي، دعت …; ذكرت الصحيفة أن هيليل نوير،
    /// المدير التنفيذي …، انتقد …: the subject right after أن, set off by an apposition between
    /// commas before the verb at `v`. Only a person or a body the tagger names there.
    fn apposed_comp_subject(&self, v: usize) -> Option<Seg> {
        let t = self.toks[v];
        if v < 3
            || t.gap & G_COMMA == 0
            || t.gap & (G_SENT | G_PARA | G_COLON) != 0
            || self.text[t.start..t.end].starts_with(['و', 'ف'])
        {
            return None;
        }
        // Back to the أن, over at most two commas and no verb.
        let mut commas = 0;
        let mut c = v;
        loop {
            if c == 0 || v - c > 16 {
                return None;
            }
            let g = self.toks[c].gap;
            if g & (G_SENT | G_PARA | G_COLON) != 0 {
                return None;
            }
            if g & G_COMMA != 0 {
                commas += 1;
                if commas > 2 {
                    return None;
                }
            }
            c -= 1;
            let x = self.toks[c];
            if x.lex & COMP != 0 {
                break;
            }
            if x.lex & (VERB | OTHER_VERB | CALL | PARTICIPLE) != 0 || x.lex2 & REL != 0 {
                return None;
            }
        }
        // The subject: a named person or body opening the words after أن, which run to a
        // comma (its apposition, if any, with it).
        let lo = c + 1;
        let comma = (lo + 1..=v).find(|&k| self.toks[k].gap & G_COMMA != 0)?;
        if comma > lo + 10 {
            return None;
        }
        // (Its first or second word: the tagger may leave a first name out, سامية عبو.)
        let starts = [self.toks[lo].start, self.toks[lo + 1].start];
        let b = self
            .entities
            .iter()
            .filter(|e| matches!(e.ty, EntityType::Pers | EntityType::Org))
            .flat_map(|e| e.mentions.iter())
            .find(|&&(x, _)| starts.contains(&x))?
            .1;
        let hi = (lo + 1..=comma).find(|&k| self.toks[k].start >= b)?;
        Some(Seg::new(lo, hi))
    }

    /// A phrase that opens with a preposition, alone (في, مع) or on a defined noun (بالتنسيق,
    /// للصحفيين): a complement of the verb, never its subject.
    fn prepositional(&self, s: Seg) -> bool {
        if s.cut > 0 {
            return false;
        }
        let t = self.toks[s.lo];
        let w = &self.text[t.start..t.end];
        t.lex & STOP != 0 || w.starts_with("بال") || w.starts_with("لل")
    }

    /// The subject before a speech verb with no و (X قال إن …): the words back to إن/أن, a
    /// comma or the sentence start, if they look like a noun phrase.
    fn svo_subject(&self, i: usize) -> Option<Seg> {
        let t = self.toks[i];
        let raw = &self.text[t.start..t.end];
        if i == 0 || raw.starts_with('و') || raw.starts_with('ف') {
            return None;
        }
        // وكانت الوزارة، قد أفادت: قد and a comma may stand between.
        let mut hi = i;
        while hi > 0 && self.toks[hi - 1].lex & ADV != 0 && hi + 2 > i {
            let w = &self.text[self.toks[hi - 1].start..self.toks[hi - 1].end];
            if !matches!(w, "قد" | "وقد" | "لقد" | "فقد") {
                // كما أضافوا: a new clause with its verb first.
                return None;
            }
            hi -= 1;
        }
        let g = self.toks[hi].gap;
        if g & (G_SENT | G_PARA | G_COLON) != 0 || self.long_close(hi) {
            return None;
        }
        if hi > 0 && self.particle_pronoun(hi - 1) {
            // … لكنه أشار إلى أن: the particle carries the subject; the words before are
            // another clause.
            return None;
        }
        // وعن طريقة العرض، قال: a fronted phrase, not a subject (but وكانت X، أفادت is).
        let comma_before = g & G_COMMA != 0;
        let mut j = hi;
        loop {
            if hi - j >= 12 || j == 0 {
                if j == 0 {
                    break;
                }
                return None;
            }
            let p = self.toks[j - 1];
            if p.lex & OTHER_VERB != 0 {
                if j >= 2 && self.toks[j - 2].lex2 & REL != 0 {
                    // الشاهد الذي التقى ميركيل … قد أكد: the phrase is the relative's object.
                    return None;
                }
                break;
            }
            if comma_before && hi == i {
                return None;
            }
            // … ولم يعلن بلاتيني نيته لكن المصدر ذاته قال: a particle opens the clause.
            if p.lex & COMP != 0
                || matches!(
                    &self.text[p.start..p.end],
                    "لكن" | "ولكن" | "بل" | "ثم" | "بينما" | "فيما" | "حيث"
                )
            {
                break;
            }
            if p.lex & (VERB | CALL | TRANSMIT | PARTICIPLE | ATTRIB | SAID_NOUN) != 0 {
                return None;
            }
            j -= 1;
            let g = self.toks[j].gap;
            if g & (G_SENT | G_PARA | G_COMMA | G_COLON) != 0 || self.long_close(j) {
                break;
            }
        }
        if j < hi
            && matches!(
                &self.text[self.toks[j].start..self.toks[j].end],
                "أما" | "وأما"
            )
        {
            // أما المؤرخ X، فقد اعتبر: the topic particle is not part of the subject.
            j += 1;
        }
        if j == hi {
            return None;
        }
        let first = self.toks[j].lex;
        if first & (STOP | ADV | TIME | NUM | ADDR | NOT_SPEAKER | COMP) != 0 {
            return None;
        }
        if t.lex & PRESENT != 0
            && (hi - j > 4
                || first & (DEF | TITLE | DESC) == 0
                || (j..hi).any(|k| self.toks[k].lex & (STOP | ALA | ILA) != 0))
        {
            // A present verb after a long phrase is a description inside it.
            return None;
        }
        Some(Seg::new(j, hi))
    }

    fn on_participle(&mut self, i: usize) {
        let n = self.n();
        let mut k = self.past_adverbial(i + 1);
        let mut skipped = 0;
        while k < n && skipped < 2 && self.toks[k].gap & (G_SENT | G_COLON) == 0 {
            if self.toks[k].open_span != NONE {
                break;
            }
            // داعيا إلى تفعيل …: a call's إلى is its complement, unless أن or a quotation
            // follows it (داعيا إلى "…": the quoted words).
            if self.lex(k) & ILA != 0
                && self.calls(i)
                && self.lex(k + 1) & COMP == 0
                && self.toks.get(k + 1).is_some_and(|t| t.open_span == NONE)
            {
                break;
            }
            // (مضيفا أيضا أن: an adverb between.)
            if self.lex(k) & (ILA | ALA | BIL_QAWL | ADV) != 0 {
                k += 1;
                skipped += 1;
            } else {
                break;
            }
        }
        if k >= n {
            return;
        }
        let t = self.toks[k];
        let term = if t.gap & G_SENT != 0 {
            return;
        } else if t.gap & G_COLON != 0 {
            Term::Colon(k)
        } else if t.open_span != NONE {
            if self.is_name_quote(t.open_span, k) {
                return;
            }
            Term::Quote(t.open_span, k)
        } else if t.lex & COMP != 0 {
            Term::Comp(k)
        } else if t.lex & ILA != 0 && self.calls(i) {
            Term::Ila(k)
        } else if let Some(ila) = self.call_object_ila(i) {
            Term::Ila(ila)
        } else {
            return;
        };
        if let Some(spk) = self.pronoun(i) {
            self.emit_after(term, spk, i, None);
        }
    }

    /// Where a participle's complement starts when a short adverbial phrase stands between
    /// them (مؤكدا في هذا الصدد أن, مشيرا من جهة ثانية إلى أن, قائلا في هذا الصدد: «…»): the إلى,
    /// على or أن, or the colon or quotation mark, after at most four words opened by a
    /// preposition, with no verb or other punctuation among them; `k` itself otherwise.
    fn past_adverbial(&self, k: usize) -> usize {
        let n = self.n();
        let opens = k < n
            && self.toks[k].gap & (G_SENT | G_COLON | G_COMMA) == 0
            && (self.lex(k) & STOP != 0 || self.word_is(k, "من"))
            && self.lex(k) & (ILA | ALA | REL) == 0;
        if !opens {
            return k;
        }
        for j in k + 1..(k + 5).min(n) {
            let t = self.toks[j];
            if t.gap & (G_SENT | G_PARA) != 0 {
                return k;
            }
            // قائلا في هذا الصدد: «…»: the phrase ends at the colon or the opening mark.
            if t.gap & G_COLON != 0 || t.open_span != NONE {
                return if j > k + 1 { j } else { k };
            }
            if t.lex & (COMP | ILA | ALA) != 0 {
                let next_comp = self.toks.get(j + 1).is_some_and(|u| u.lex & COMP != 0);
                return if t.lex & COMP != 0 || next_comp { j } else { k };
            }
            if t.lex & (VERB | PARTICIPLE | OTHER_VERB | ATTRIB) != 0 || t.lex2 & REL != 0 {
                return k;
            }
        }
        k
    }

    /// Word `k` as written, folded.
    fn folded(&self, k: usize) -> String {
        let t = self.toks[k];
        khabar_text::normalize(&self.text[t.start..t.end])
    }

    /// True when word `k`, folded, is `w`.
    fn word_is(&self, k: usize, w: &str) -> bool {
        self.folded(k) == w
    }

    /// «…، تضيف ذات الصحيفة.», «…، يقول الخبير.»: a speech verb after a comma, without و, with
    /// only its subject after it to the sentence's end, reports the sentence before the comma.
    /// Emits that clause and returns true when the pattern holds.
    fn trailing_attribution(&mut self, i: usize, r: &Region) -> bool {
        let n = self.n();
        let t = self.toks[i];
        // (Only the present of saying and adding, this construction's verbs: a past verb after
        // a comma starts a clause of its own, وفيما اعترف ياسين بذلك، نفى جبريل الأمر.)
        let says = matches!(
            self.folded(i).as_str(),
            "يقول"
                | "تقول"
                | "يضيف"
                | "تضيف"
                | "يتابع"
                | "تتابع"
                | "يردف"
                | "تردف"
                | "يوضح"
                | "توضح"
        );
        if r.n == 0 || !says || t.gap & G_COMMA == 0 || t.gap & (G_SENT | G_PARA | G_COLON) != 0 {
            return false;
        }
        // Only the subject after the verb, up to the sentence's end.
        let end = (i + 1..n)
            .find(|&k| self.toks[k].gap & (G_SENT | G_PARA) != 0)
            .unwrap_or(n);
        if end > i + 7
            || (i + 1..end).any(|k| {
                let x = self.toks[k];
                x.gap & (G_COMMA | G_COLON) != 0
                    || x.open_span != NONE
                    || x.lex & (COMP | VERB | PARTICIPLE) != 0
            })
        {
            return false;
        }
        // The clause: from the sentence's start to the comma, at least three words, with no
        // quotation already there.
        let mut s0 = i;
        while s0 > 0 && self.toks[s0].gap & (G_SENT | G_PARA) == 0 {
            s0 -= 1;
        }
        if i < s0 + 3
            || (s0..i).any(|k| self.toks[k].open_span != NONE || self.toks[k].close_span != NONE)
            || self.toks[i].close_span != NONE
        {
            return false;
        }
        let (a, b) = (self.toks[s0].start, self.toks[i - 1].end);
        if self.out.iter().any(|q| q.start < b && a < q.end) {
            return false;
        }
        if !self.looks_like_speaker(r) {
            return false;
        }
        let Some(spk) = self.speaker(r, i) else {
            return false;
        };
        self.push(a, b, QuoteKind::Indirect, spk, i, None);
        true
    }

    /// حسب / وفق / على لسان at `i`, its phrase from `from`: after a quotation it names the
    /// speaker; opening a sentence (وحسب X، فإن …) it attributes the clause that follows.
    fn on_attrib(&mut self, i: usize, from: usize) {
        if let Some(s) = self.post_span(i) {
            let r = self.region(from, Mode::Attrib);
            let spk = match r.term {
                Term::Said(_) => self.pronoun(i),
                _ => self.speaker(&r, i),
            };
            if let Some(spk) = spk {
                let source = r.source.map(|s| self.org_name(s));
                self.emit_direct(s, spk, i, source);
            }
            return;
        }
        let g = self.toks[i].gap;
        let sentence_start = i == 0 || g & (G_SENT | G_PARA) != 0;
        if !sentence_start {
            // … وفق ما أكده علي عبيد، الممثل عن الأولياء، مشيرا إلى أن …: who the next
            // participle means.
            if self.lex(from) & (MA | ATTRIB_VERB) != 0 {
                let r = self.region(from, Mode::Attrib);
                if let Some(spk) = self.named_speaker(&r) {
                    self.remember(spk, None);
                }
            }
            return;
        }
        // ووفقا لوسائل إعلام إيرانية، أكد مسؤول حكومي أن …: a speech verb after the comma
        // has its own subject; the attribution only names the medium, and the verb speaks.
        let after_comma = (from..(from + 10).min(self.n()))
            .take_while(|&k| k == from || self.toks[k].gap & (G_SENT | G_PARA | G_COLON) == 0)
            .find(|&k| k > from && self.toks[k].gap & G_COMMA != 0);
        // (So does one after فقد: وبحسب "الألمانية"، فقد ذكر بيان لوزارة التجارة أن.)
        if after_comma.is_some_and(|k| {
            self.toks[k].lex & VERB != 0
                || (matches!(
                    &self.text[self.toks[k].start..self.toks[k].end],
                    "فقد" | "وقد"
                ) && self.lex(k + 1) & VERB != 0)
        }) {
            return;
        }
        // وطبقا للتقرير توقعت الهيئة أن …: so does a speech verb right after the attribution's
        // phrase, with no comma (not the verb of بحسب ما قال, which is the attribution's own).
        let verb_next = self.lex(from) & (MA | ATTRIB_VERB) == 0
            && (from + 1..(from + 5).min(self.n()))
                .take_while(|&k| self.toks[k].gap == 0)
                .any(|k| self.toks[k].lex & VERB != 0 && self.toks[k].lex & PARTICIPLE == 0);
        if verb_next {
            return;
        }
        let r = self.region(from, Mode::Attrib);
        let source = r.source.map(|s| self.org_name(s));
        if matches!(r.term, Term::Comp(_) | Term::Quote(..)) {
            if let Some(spk) = self.speaker(&r, i) {
                self.emit_after(r.term, spk, i, source);
            }
        } else if r.source.is_none() {
            self.attrib_then_clause(i, &r);
        }
    }

    /// ووفقا للأمم المتحدة، السعودية من بين …; وبحسب مصادر أمنية، قتل …: an attribution
    /// opening its sentence and closed by a comma reports the rest of the sentence, with no
    /// إن/أن (Arabic news fronts its source so). Only when the phrase names someone who can
    /// speak (a person or organisation entity, a title, a description or an organisation
    /// word), not a text or a rule (وفقا للقانون، حسب الإحصائيات،).
    fn attrib_then_clause(&mut self, i: usize, r: &Region) {
        let Some(&seg) = r.segs().first() else {
            return;
        };
        let comma = seg.hi;
        // (Or فقد taking the clause up, as فإن does: وبحسب مراسلنا فقد ادى ….)
        let faqad = comma + 1 < self.n()
            && self.toks[comma].gap & (G_SENT | G_PARA | G_COLON) == 0
            && self.word_is(comma, "فقد");
        if comma >= self.n()
            || (self.toks[comma].gap & G_COMMA == 0 && !faqad)
            || self.toks[comma].gap & (G_SENT | G_PARA | G_COLON) != 0
            || seg.hi - seg.lo > 6
        {
            return;
        }
        let phrase = Region::phrase(seg);
        let t = self.toks[seg.lo];
        let head = khabar_text::normalize(&self.text[t.start + seg.cut..t.end]);
        let head = head.trim_start_matches('ـ');
        let bare = head.strip_prefix("ال").unwrap_or(head);
        let fl = flags(head) | flags(bare);
        if fl & NOT_SPEAKER != 0 || lexicon::flags_both(bare).1 & (FINDING | DOCUMENT) != 0 {
            return;
        }
        let Some(spk) = self.named_speaker(&phrase) else {
            return;
        };
        let speaks = spk
            .entity
            .is_some_and(|e| matches!(self.entities[e].ty, EntityType::Pers | EntityType::Org))
            || fl & (TITLE | DESC | ORG_WORD) != 0;
        if speaks {
            self.emit_clause(if faqad { comma + 1 } else { comma }, spk, i, None);
        }
    }

    /// Emits the quotation a cue's phrase ended on.
    fn emit_after(&mut self, term: Term, spk: Speaker, cue: usize, source: Option<String>) {
        let n = self.n();
        match term {
            Term::None => {}
            Term::Quote(s, _) => {
                let sp = self.spans[s as usize];
                if sp.words() >= 2 || self.toks[sp.first].gap & G_COLON != 0 {
                    let src = source.or_else(|| self.trailing_source(s));
                    self.emit_direct(s, spk, cue, src);
                } else {
                    self.remember(spk, Some(cue));
                }
            }
            Term::Colon(k) => {
                let mut t = self.toks[k];
                if t.open_span == NONE && t.lex & COMP != 0 && k + 1 < n {
                    // قال: إن "…"
                    t = self.toks[k + 1];
                }
                if t.open_span != NONE && !self.used_span[t.open_span as usize] {
                    let src = source.or_else(|| self.trailing_source(t.open_span));
                    self.emit_direct(t.open_span, spk, cue, src);
                } else {
                    self.emit_clause(k, spk, cue, source);
                }
            }
            Term::Comp(k) | Term::Said(k) => {
                if k + 1 < n && self.toks[k + 1].gap & (G_SENT | G_PARA) != 0 {
                    // حسب تعبيره. ⏎ …: the next sentence is not the reported clause.
                    return;
                }
                let mut k = k + 1;
                if matches!(term, Term::Said(_)) && k < n && self.lex(k) & COMP != 0 {
                    k += 1;
                }
                if k >= n {
                    return;
                }
                self.emit_reported(k, spk, cue, source);
            }
            Term::Ila(k) => {
                if k + 1 < n && self.toks[k + 1].gap & (G_SENT | G_PARA) == 0 {
                    // ودعا الهيئة إلى "الانتباه لمثل هذه المؤشرات"، كما دعا …: marks that
                    // close the call are the quotation, as after أن.
                    self.emit_reported(k + 1, spk, cue, source);
                }
            }
        }
    }

    /// The words reported from word `k` on: the quotation its marks open where nothing of the
    /// clause follows them, else the clause.
    fn emit_reported(&mut self, k: usize, spk: Speaker, cue: usize, source: Option<String>) {
        let t = self.toks[k];
        if t.open_span != NONE && self.ends_clause(t.open_span) {
            let src = source.or_else(|| self.trailing_source(t.open_span));
            self.emit_direct(t.open_span, spk, cue, src);
        } else {
            self.emit_clause(k, spk, cue, source);
        }
    }

    /// True when nothing of the clause follows the quotation that opens it: the quotation is
    /// the reported words, not a phrase inside them.
    fn ends_clause(&self, s: u32) -> bool {
        let sp = self.spans[s as usize];
        if sp.words() < 2 {
            return false;
        }
        let n = self.n();
        if sp.after >= n {
            return true;
        }
        let t = self.toks[sp.after];
        let raw = &self.text[t.start..t.end];
        let and_that = raw.starts_with('و')
            && khabar_text::tokens(&raw['و'.len_utf8()..])
                .next()
                .is_some_and(|w| flags(&w.word) & COMP != 0);
        and_that
            || t.gap & (G_SENT | G_PARA | G_COMMA | G_DASH | G_PAREN) != 0
            || t.lex & (ATTRIB | VERB | PARTICIPLE) != 0
            || (t.lex & ALA != 0 && self.lex(sp.after + 1) & LISAN != 0)
    }

    /// `، حسب X` right after a quotation: X, the relay.
    fn trailing_source(&mut self, s: u32) -> Option<String> {
        let sp = self.spans[s as usize];
        let n = self.n();
        if sp.after >= n {
            return None;
        }
        let t = self.toks[sp.after];
        if t.gap & (G_SENT | G_PARA) != 0 || t.lex & ATTRIB == 0 {
            return None;
        }
        self.consumed[sp.after] = true;
        let r = self.region(sp.after + 1, Mode::Attrib);
        if let Term::Said(_) = r.term {
            return None;
        }
        let seg = *r.segs().first()?;
        Some(self.org_name(seg))
    }

    fn emit_direct(&mut self, s: u32, spk: Speaker, cue: usize, source: Option<String>) {
        if self.used_span[s as usize] {
            return;
        }
        let sp = self.spans[s as usize];
        let inner = &self.text[sp.inner_start..sp.inner_end];
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        let (start, end) = (sp.inner_start + lead, sp.inner_end - trail);
        if start >= end {
            return;
        }
        self.used_span[s as usize] = true;
        // Cues inside the quotation are the speaker's words, not new attributions.
        for c in &mut self.consumed[sp.first..sp.after] {
            *c = true;
        }
        let again = spk.clone();
        self.push(start, end, QuoteKind::Direct, spk, cue, source);
        // متابعا "إن هناك …"، وإن من رفض …: a second reported clause under the same verb.
        let k = sp.after;
        if k + 1 < self.n()
            && self.toks[k].gap & (G_SENT | G_PARA | G_COLON) == 0
            && self.word_is(k, "وان")
            && self.toks[k + 1].open_span == NONE
        {
            self.emit_clause(k + 1, again, cue, None);
        }
    }

    /// The clause from word `k` to the end of its sentence, as an indirect quotation.
    fn emit_clause(&mut self, k: usize, spk: Speaker, cue: usize, source: Option<String>) {
        let Some(end) = self.clause_end(k) else {
            return;
        };
        if end < k + 2 {
            self.remember(spk, Some(cue));
            return;
        }
        // فإن الشرطة تقول إنها …: the clause reports someone else's words; theirs is the quote.
        // Not when the clause's subject is a finding or a thing (أن الإحصائيات الأخيرة تشير إلى
        // أن …): the figures are what the speaker reports.
        for v in k..(k + 6).min(end) {
            if v > k && self.toks[v].gap & (G_COMMA | G_SENT) != 0 {
                break;
            }
            if self.toks[v].lex & VERB != 0
                && self.verb_opens_clause(v)
                && (v == k || (self.lex(k) & NOT_SPEAKER == 0 && self.toks[k].lex2 & FINDING == 0))
            {
                return;
            }
        }
        // Spans inside the clause are part of it.
        for t in k..end {
            let o = self.toks[t].open_span;
            if o != NONE && self.spans[o as usize].after <= end {
                self.used_span[o as usize] = true;
            }
        }
        let mut start = self.toks[k].start;
        let o = self.toks[k].open_span;
        if o != NONE {
            // The clause opens with a quotation mark: keep it with its words.
            let inner = self.spans[o as usize].inner_start;
            start = inner
                - self.text[..inner]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8);
        }
        let stop = self.toks[end - 1].end;
        self.push(start, stop, QuoteKind::Indirect, spk, cue, source);
    }

    /// The word index where the clause starting at `k` ends (exclusive): the sentence end, or a
    /// participle opening the next reported clause. Quotation marks are jumped over.
    fn clause_end(&self, k: usize) -> Option<usize> {
        let n = self.n();
        let mut t = k;
        let mut last_comma = 0;
        while t < n {
            if t > k {
                let tok = self.toks[t];
                if tok.gap & G_SENT != 0 {
                    return Some(t);
                }
                if tok.gap & G_COMMA != 0 {
                    last_comma = t;
                    // «… قولها إن رجلا ركض … بواسطة شرشف"، وذلك بعد …»: a closing mark that
                    // closes nothing, right after a word and before a comma, ends the words
                    // the writer meant to quote.
                    let gap = &self.text[self.toks[t - 1].end..tok.start];
                    if tok.close_span == NONE && gap.starts_with(['"', '\u{201D}', '\u{BB}']) {
                        return Some(t);
                    }
                }
                if (tok.lex & PARTICIPLE != 0
                    && (self.participle_opens_clause(t)
                        || (tok.gap & G_COMMA != 0 && !self.participle_takes_noun(t))))
                    || self.describes_anew(t)
                {
                    return Some(t);
                }
                // «… نقاشا سياسيا، لكن … من الناحية الأمنية وأكد أن …»: a speech verb joined by
                // و, its own إن/أن right after it, is the same speaker going on to the next
                // statement: this one ends at the verb (not at a comma before it, which is the
                // clause's own), even where no comma or full stop separates them.
                if tok.lex & VERB != 0
                    && t > k + 2
                    && self.text[tok.start..].starts_with('و')
                    && self.verb_opens_clause(t)
                {
                    return Some(t);
                }
                // «… انتظارات المعطلين كما عبر الحزب عن "أسفه …"»: كما (“as well”) and a
                // speech verb with its own إن/أن or expressed words open the next statement,
                // of the same speaker or another; the clause ends before كما.
                if t > k + 2
                    && ((tok.lex & VERB != 0 && self.verb_opens_clause(t))
                        || (tok.lex2 & EXPRESS != 0 && self.expresses_quote(t)))
                    && tok.gap == 0
                    && &self.text[self.toks[t - 1].start..self.toks[t - 1].end] == "كما"
                {
                    return Some(t - 1);
                }
                // Someone else's reported speech after a comma: the clause ends at the comma.
                if tok.lex & VERB != 0 && last_comma > k + 2 && self.verb_opens_clause(t) {
                    return Some(last_comma);
                }
            }
            if t >= k + MAX_CLAUSE {
                return None;
            }
            t = self.past_quotation(t);
        }
        Some(n)
    }

    /// The word after word `t`, or after the quotation that opens at `t` (its words are read
    /// as one, whatever stops they hold).
    fn past_quotation(&self, t: usize) -> usize {
        let o = self.toks[t].open_span;
        if o != NONE && self.spans[o as usize].after > t + 1 {
            self.spans[o as usize].after
        } else {
            t + 1
        }
    }

    /// True when the participle at `t` takes a noun through على or بـ (مشددا على ضرورة …,
    /// منددا بتجاهل …). One that opens no statement of its own (the caller asks
    /// `participle_opens_clause` first) stays inside the clause it follows, which runs on to
    /// the end of its sentence.
    fn participle_takes_noun(&self, t: usize) -> bool {
        let Some(&next) = self.toks.get(t + 1) else {
            return false;
        };
        let by = self.text[next.start..next.end].starts_with('ب') && next.end - next.start > 4;
        next.gap == 0
            && next.open_span == NONE
            && next.lex & COMP == 0
            && (next.lex & ALA != 0 || by)
    }

    /// A speech verb whose إن/أن follows within a few words.
    fn verb_opens_clause(&self, t: usize) -> bool {
        (t + 1..(t + 5).min(self.n())).any(|k| {
            let x = self.toks[k];
            x.gap & (G_SENT | G_COMMA) == 0 && x.lex & COMP != 0
        }) && (t + 1..(t + 5).min(self.n()))
            .take_while(|&k| self.toks[k].lex & COMP == 0)
            .all(|k| self.toks[k].gap & (G_SENT | G_COMMA) == 0)
    }

    /// Word `i` calls for something (دعا, طالب, داعيا, مطالبا …).
    fn calls(&self, i: usize) -> bool {
        i < self.n() && (self.toks[i].lex & CALL != 0 || self.toks[i].lex2 & CALL_PARTICIPLE != 0)
    }

    /// A call participle with its object before إلى (داعيا المستشهرين إلى التفطن …): the
    /// word index of إلى, the object being at most three words with no punctuation.
    fn call_object_ila(&self, i: usize) -> Option<usize> {
        if !self.calls(i) {
            return None;
        }
        for x in i + 2..(i + 5).min(self.n()) {
            let t = self.toks[x];
            if t.gap != 0 || t.open_span != NONE || t.lex & (COMP | VERB | PARTICIPLE) != 0 {
                return None;
            }
            if t.lex & ILA != 0 {
                return Some(x);
            }
        }
        None
    }

    /// True when the participle at `t` opens a new statement of the speaker's, comma or not:
    /// its إن/أن, colon or quotation follows (مشيرا إلى أن, مضيفا: …), or its own preposition
    /// does (متسائلا عن مصير …, مشددا على ضرورة …, مشيرا إلى …). A speech participle with
    /// its preposition starts the speaker's next statement, never a word inside the reported
    /// clause: as a predicate of that clause it takes no preposition (بات مؤكدا).
    fn participle_opens_clause(&self, t: usize) -> bool {
        if self.call_object_ila(t).is_some() {
            return true;
        }
        if self
            .toks
            .get(t + 1)
            .is_some_and(|x| x.gap == 0 && x.lex & (AN | ILA) != 0)
        {
            return true;
        }
        let from = self.past_adverbial(t + 1);
        let mut k = from;
        while self.lex(k) & (ILA | ALA | BIL_QAWL) != 0 && k < from + 2 {
            k += 1;
        }
        let tok = self.toks.get(k);
        tok.is_some_and(|x| x.lex & COMP != 0 || x.gap & G_COLON != 0 || x.open_span != NONE)
    }

    fn push(
        &mut self,
        start: usize,
        end: usize,
        kind: QuoteKind,
        spk: Speaker,
        cue: usize,
        source: Option<String>,
    ) {
        let c = self.toks[cue];
        self.out.push(Quote {
            start,
            end,
            kind,
            speaker: Some(spk.name.clone()),
            speaker_mention: Some(spk.mention),
            speaker_title: spk.title.clone(),
            cue: Some((c.start, c.end)),
            entity: spk.entity,
            source,
        });
        self.remember(spk, Some(cue));
        self.prev_pos = self.prev_pos.max(end);
    }

    /// Keeps `spk` as the last speaker, with the gender of the verb or participle at `cue`
    /// that introduced it.
    fn remember(&mut self, spk: Speaker, cue: Option<usize>) {
        if self.history.len() >= 16 {
            self.history.remove(0);
            self.genders.remove(0);
        }
        self.history.push(spk.clone());
        // (Not where the verb agrees with a statement that speaks for its author, كشفت
        // تصريحات لوزير الدفاع X, أكد بيان الوزارة, nor with a relay: نقلت وكالة X عن Y.)
        let gender = cue
            .filter(|&c| self.lex(c) & TRANSMIT == 0)
            .and_then(|c| self.gender(c).map(|g| (c, g)))
            .filter(|&(c, _)| {
                !(c + 1 < self.n()
                    && (self.lex(c + 1) & NOT_SPEAKER != 0
                        || self.document(c + 1)
                        || self.occasion(c + 1)))
            })
            .map(|(_, g)| g);
        self.genders.push(gender);
        self.prev_pos = spk.mention.1;
        self.prev = Some(spk);
    }

    /// A quotation inside a speaker phrase that is a name (صحيفة "الغارديان" البريطانية,
    /// لمراسل الجوهرة "اف ام"): short, and either after a naming word or followed by more of
    /// the clause.
    fn is_name_quote(&self, s: u32, k: usize) -> bool {
        let sp = self.spans[s as usize];
        if !self.text[sp.inner_start..sp.inner_end]
            .chars()
            .any(khabar_text::is_arabic_letter)
        {
            // "TRANSACTIONS ON INFORMATION …", "GPS": a foreign name.
            return true;
        }
        let first = self.toks[sp.first];
        if k > 0
            && self.toks[k - 1].lex & DEF != 0
            && self.toks[k - 1].gap & (G_SENT | G_PARA | G_COLON) == 0
            && first.gap & G_COLON == 0
            && sp.words() <= 8
            && self.text[first.start..first.end].starts_with("لل")
        {
            // مدير المهرجان المغاربي "للولي الصالح سيدي علي بن عون"، مفتاح وناسي: words in
            // marks opening with لل right after a defined noun complete its name (the festival
            // of …); words said do not open on a preposition and the article.
            return true;
        }
        if sp.words() > 4 {
            return false;
        }
        if matches!(
            self.folded(sp.first).as_str(),
            "سوف" | "لن" | "لم" | "قد" | "لقد"
        ) {
            // البيت الأبيض "سوف ننسحب": a tense or negation particle opens a sentence, never a
            // name.
            return false;
        }
        // (PREP_CONSTRUCT: the name of the body a title belongs to, الأمين العام لحزب "…".)
        if k > 0
            && self.toks[k - 1].lex & (NAME_INTRO | ORG_WORD | ADDR | DEF | PREP_CONSTRUCT) != 0
            && sp.words() <= 3
        {
            return true;
        }
        let n = self.n();
        if sp.after >= n {
            return false;
        }
        let after = self.toks[sp.after];
        after.gap & (G_SENT | G_PARA | G_COLON) == 0
            && after.lex & (ATTRIB | VERB | PARTICIPLE) == 0
            && after.lex2 & DESCRIBE == 0
            && (after.gap & G_COMMA == 0 || sp.words() <= 2)
    }

    /// True when the verb before `start` is قال, whose object is the words said (not أكد or
    /// نفى, which take other objects: نفى ما تم تداوله بخصوص … في "…"), and the quotation `s`
    /// ends its sentence: «وقال جيرومي كوفير وهو أحد سكان لونجمو التي تبعد … "منذ الأمس …".»
    /// quotes the speaker however long the description between them.
    fn says_what_follows(&self, start: usize, s: u32) -> bool {
        let Some(verb) = start.checked_sub(1).map(|v| self.toks[v]) else {
            return false;
        };
        let word = khabar_text::normalize(&self.text[verb.start..verb.end]);
        let says = matches!(word.as_str(), "قال" | "قالت" | "وقال" | "وقالت");
        let span = self.spans[s as usize];
        let after = span.after;
        let ends = after >= self.n() || self.toks[after].gap & (G_SENT | G_PARA) != 0;
        // أكد X، الإثنين، خلال لقاء جمعه بوفد من …، "أن تونس …": marks that open on the
        // complementiser enclose the verb's reported clause, however far the verb is.
        let opens_on_comp = span.words() >= 4 && self.toks[span.first].lex & COMP != 0;
        (says && span.words() >= 4 || opens_on_comp) && ends
    }

    /// Reads the phrase after a cue: its comma-separated segments of speaker words, the source
    /// before عن (for نقل), and how it ended.
    fn region(&mut self, start: usize, mode: Mode) -> Region {
        let n = self.n();
        let mut r = Region {
            segs: [Seg::new(0, 0); 4],
            n: 0,
            source: None,
            relay: false,
            term: Term::None,
        };
        let mut cur: Option<Seg> = None;
        let mut closed = false;
        let mut k = start;
        let limit = (start + MAX_REGION).min(n);
        if matches!(mode, Mode::Verb) && start < n && self.lex(start) & ATTRIB != 0 {
            // وقال بحسب ما نقلته صحف عبرية إن …: the words after the verb say where his words
            // were read, not who spoke: the verb's own subject, and its إن/أن after them.
            let comp = (start + 1..limit)
                .take_while(|&x| self.toks[x].gap & (G_SENT | G_PARA | G_COLON) == 0)
                .take(12)
                .find(|&x| self.lex(x) & COMP != 0);
            if let Some(c) = comp {
                for x in &mut self.consumed[start..c] {
                    *x = true;
                }
                r.term = Term::Comp(c);
                return r;
            }
        }
        let push = |r: &mut Region, cur: &mut Option<Seg>| {
            if let Some(s) = cur.take() {
                if r.n < r.segs.len() {
                    r.segs[r.n] = s;
                    r.n += 1;
                }
            }
        };
        while k < limit {
            let t = self.toks[k];
            if t.gap & G_SENT != 0 {
                break;
            }
            if t.gap & G_COLON != 0 {
                push(&mut r, &mut cur);
                r.term = Term::Colon(k);
                return r;
            }
            if t.open_span != NONE {
                let s = t.open_span;
                let after = self.spans[s as usize].after;
                // A quotation the phrase goes on after, up to its إن/أن: a name in the phrase.
                // (Not a sentence in quotes followed by the speaker's next clause: «…» مبرزة أن.)
                let inside = after < n
                    && self.toks[after].gap & (G_SENT | G_PARA | G_COLON | G_COMMA) == 0
                    && self.toks[after].lex & (PARTICIPLE | VERB | ATTRIB) == 0
                    && self.toks[after].lex2 & DESCRIBE == 0
                    && (after..(after + 3).min(n)).any(|x| self.toks[x].lex & COMP != 0);
                if inside || self.is_name_quote(s, k) {
                    match cur.as_mut() {
                        Some(c) if !closed => c.hi = after,
                        None if !closed => {
                            cur = Some(Seg::new(k, after));
                            closed = false;
                        }
                        _ => {}
                    }
                    k = after;
                    if matches!(mode, Mode::Post) && self.toks[k].gap & G_COMMA != 0 {
                        break;
                    }
                    continue;
                }
                push(&mut r, &mut cur);
                // A quotation far from its verb belongs to the verb's object (نفى ما تم تداوله
                // بخصوص … في "…"); a title of a work is no quotation (بعنوان "…").
                let named = k > 0 && self.toks[k - 1].lex & NAME_INTRO != 0 && t.gap & G_COLON == 0;
                // (With no subject in the phrase, only where and when, nothing is an object.)
                let far = k - start > 12
                    && !(r.n >= 2 && r.segs[0].hi.saturating_sub(self.seg_lo(r.segs[0])) <= 4)
                    && !(r.n == 0 && self.spans[s as usize].words() >= 4)
                    && !(matches!(mode, Mode::Verb) && self.says_what_follows(start, s));
                r.term = if far || named {
                    Term::None
                } else {
                    Term::Quote(s, k)
                };
                return r;
            }
            if t.gap & (G_COMMA | G_PAREN | G_DASH) != 0 && k > start {
                if matches!(mode, Mode::Post) {
                    break;
                }
                push(&mut r, &mut cur);
                closed = false;
                // وأوضح كاتب عام الحكومة، في رده على سؤال وجهه له النائب …، أن …: the
                // occasion between commas, however long, is not the speaker's phrase.
                if matches!(mode, Mode::Verb) && r.n > 0 && self.word_is(k, "في") {
                    if let Some(c) = self.comp_after_occasion(k + 1) {
                        // (Its verbs are not cues: سؤال وجهه له النائب … is no one's statement.)
                        for x in &mut self.consumed[k..c] {
                            *x = true;
                        }
                        r.term = Term::Comp(c);
                        return r;
                    }
                }
            }
            let f = t.lex;
            if matches!(mode, Mode::Call) && k == start && k > 0 && self.feminine_object(k - 1, k) {
                // ودعا الهيئة العليا للانتخابات إلى …: the body called on, not the caller.
                closed = true;
            }
            if f & COMP != 0 && (k == 0 || self.lex(k - 1) & BLOCKER == 0) {
                push(&mut r, &mut cur);
                r.term = Term::Comp(k);
                return r;
            }
            if f & SAID_NOUN != 0 {
                push(&mut r, &mut cur);
                r.term = Term::Said(k);
                return r;
            }
            if f & ILA != 0 {
                if matches!(mode, Mode::Call) {
                    push(&mut r, &mut cur);
                    r.term = Term::Ila(k);
                    return r;
                }
                if self.lex(k + 1) & COMP != 0 && self.toks[k + 1].gap == 0 {
                    k += 1;
                    continue;
                }
            }
            if f & ALA != 0 && self.lex(k + 1) & COMP != 0 && self.toks[k + 1].gap == 0 {
                if k > start
                    && (self.entity_at(k - 1).is_some()
                        || self.head_lex(k - 1) & (TITLE | DESC) != 0
                        || (k <= start + 2
                            && (start + 1..=k).all(|x| self.toks[x].gap == 0)
                            && (start..k).all(|x| self.lex(x) & (STOP | BIH) == 0)))
                {
                    // أكد وزير الصناعة، زياد العذاري، على أن …: right after the speaker's
                    // name, على أن is the verb's (أكد على أن), not «provided that»; so it is
                    // after one or two words (وشدد زورق على أنه: a name the tagger missed).
                    push(&mut r, &mut cur);
                    r.term = Term::Comp(k + 1);
                    return r;
                }
                k += 1;
                continue;
            }
            if f & AN != 0 && matches!(mode, Mode::Transmit) && !r.relay {
                // نقلت وكالة X عن Y; نُقل عن Y (no source named).
                push(&mut r, &mut cur);
                r.source = r.segs().first().copied();
                r.relay = true;
                r.n = 0;
                closed = false;
                k += 1;
                continue;
            }
            if f & ALA != 0 && self.lex(k + 1) & LISAN != 0 && !r.relay {
                // قالت الوزارة على لسان المتحدث باسمها X: X speaks, the ministry relays.
                push(&mut r, &mut cur);
                r.source = r.segs().first().copied();
                r.relay = true;
                r.n = 0;
                closed = false;
                k += 2;
                continue;
            }
            if f & ATTRIB != 0
                && t.gap & (G_COMMA | G_DASH) != 0
                && k > start
                && !matches!(mode, Mode::Attrib)
            {
                // X، وفق ما صرح به لوات، أن …: an aside naming the medium, not the phrase; so
                // between dashes (يقول الناطق X - حسب وكالة الصحافة الفرنسية - إن).
                let end = (k + 1..(k + 10).min(n))
                    .find(|&x| self.toks[x].gap & (G_COMMA | G_DASH | G_SENT | G_COLON) != 0);
                if let Some(e) = end.filter(|&e| self.toks[e].gap & G_SENT == 0) {
                    push(&mut r, &mut cur);
                    for c in &mut self.consumed[k..e] {
                        *c = true;
                    }
                    closed = false;
                    k = e;
                    continue;
                }
            }
            if f & AN != 0 && !closed {
                // المسؤول عن المسح الجغرافي X, بيان صادر عن المجلس: عن inside a title goes
                // on; أعربت الوزيرة عن تمكنها, وأعلن الوزير عن برنامج: the verb's object ends
                // the phrase. (Only after the words that take عن: a representative, a deputy,
                // one responsible, a spokesman, issued by, the defence of.)
                // (The word before عن, or the title's head: المسؤول العام عن.)
                let takes_an = |x: usize| self.toks[x].lex2 & TAKES_AN != 0;
                let titled = cur.is_some_and(|c| {
                    let lo = self.seg_lo(c);
                    self.head_lex(lo) & (TITLE | DESC) != 0
                        && (takes_an(lo) || (k > lo && takes_an(k - 1)))
                });
                let next = self.toks.get(k + 1).copied();
                if !(titled
                    && next.is_some_and(|x| {
                        x.gap == 0 && x.lex & (CONSTRUCT | DEF | ORG_WORD | PREP_CONSTRUCT) != 0
                    }))
                {
                    closed = true;
                    k += 1;
                    continue;
                }
            }
            if f & PARTICIPLE != 0 {
                if cur.is_some() || r.n > 0 {
                    // X، مشيرا إلى أن …: a new clause of the subject's, not this phrase.
                    break;
                }
                self.consumed[k] = true;
                closed = true;
                k += 1;
                continue;
            }
            if matches!(mode, Mode::Call)
                && cur.is_some()
                && &self.text[t.start..t.end] == "في"
                && self.occasion(k + 1)
            {
                // ودعا الحزب في بيانه القوى الديمقراطية إلى …: the caller ends where the
                // occasion starts; what follows it is whom the call is to.
                push(&mut r, &mut cur);
                r.term = Term::None;
                // (Commas may set off a day after the occasion: في بيان لها، الاربعاء، الى.)
                let mut j = k + 2;
                while j < limit && self.toks[j].gap & !G_COMMA == 0 && self.lex(j) & ILA == 0 {
                    j += 1;
                }
                if j < limit && self.lex(j) & ILA != 0 {
                    r.term = Term::Ila(j);
                }
                return r;
            }
            if f & STOP != 0 && !closed && matches!(&self.text[t.start..t.end], "في" | "من" | "لدى")
            {
                // رئيس فريق … في منظمة الصحة العالمية: في inside a title goes on, unless an
                // occasion follows (في تصريح, في بيان); so does لدى (كاتب الدولة لدى وزير
                // النقل, سفير تونس لدى الأمم المتحدة).
                let titled = cur.is_some_and(|c| self.lex(self.seg_lo(c)) & (TITLE | DESC) != 0);
                let next = self.toks.get(k + 1).copied();
                // عدد من مستفيدي الفعاليات, العديد من الخبراء: a number of whom is the
                // speaker, so the من of the quantity goes on to the people it counts.
                let counted = cur.is_some_and(|c| {
                    c.hi == c.lo + 1
                        && c.hi == k
                        && matches!(
                            self.folded(c.lo).as_str(),
                            "عدد"
                                | "العديد"
                                | "الكثير"
                                | "مجموعه"
                                | "عشرات"
                                | "مئات"
                                | "كل"
                        )
                });
                if counted
                    && &self.text[t.start..t.end] == "من"
                    && next.is_some_and(|x| x.gap == 0 && x.lex & (STOP | VERB | COMP) == 0)
                {
                    k += 1;
                    continue;
                }
                if titled
                    && next.is_some_and(|x| {
                        x.gap == 0
                            && x.lex2 & EVENT == 0
                            && x.lex & (CONSTRUCT | DEF | ORG_WORD | PREP_CONSTRUCT) != 0
                    })
                {
                    k += 1;
                    continue;
                }
                // عضو لجنة التحقيق في أحداث الذهيبة ناجي البغوري: the title's complement runs
                // on to the person's name a few words later.
                if titled && self.person_within(k + 1, 4) {
                    k += 1;
                    continue;
                }
            }
            if f & BIL_QAWL != 0 || t.lex2 & DESCRIBE != 0 {
                closed = true;
                k += 1;
                continue;
            }
            if f & (VERB | CALL | TRANSMIT | OTHER_VERB) != 0 && !matches!(mode, Mode::Attrib) {
                break;
            }
            if matches!(mode, Mode::Attrib) && k == start {
                // حسب ما قال X / وفقا لـ X / بحسب ما أفاد به X: the verb and ما are not X.
                let mut j = k;
                if f & MA != 0 {
                    j += 1;
                }
                if j > k && self.lex(j) & (ATTRIB_VERB | TRANSMIT | VERB) == 0 {
                    // وفق ما ينص عليه المرسوم: what a text provides, not what anyone said.
                    return r;
                }
                if j > k || f & (ATTRIB_VERB | TRANSMIT) != 0 {
                    if self.lex(j) & (ATTRIB_VERB | TRANSMIT) != 0 {
                        let transmit = self.lex(j) & TRANSMIT != 0;
                        j += 1;
                        if self.lex(j) & BIH != 0 {
                            j += 1;
                        }
                        if transmit {
                            return self.region(j, Mode::Transmit);
                        }
                    }
                    return self.region(j, Mode::Verb);
                }
                if let Some(cut) = self.lam_cut(k) {
                    // وفقا لـ X: the ل is not part of the name.
                    if cut == t.end - t.start {
                        k += 1;
                        continue;
                    }
                    cur = Some(Seg {
                        lo: k,
                        hi: k + 1,
                        cut,
                    });
                    k += 1;
                    continue;
                }
            }
            let raw = &self.text[t.start..t.end];
            let object_pronoun = cur.is_some()
                && matches!(raw, "ذلك" | "هذا" | "هذه" | "تلك")
                && self
                    .toks
                    .get(k + 1)
                    .is_some_and(|x| x.gap != 0 || x.lex & (BIL_QAWL | PARTICIPLE) != 0);
            if t.lex2 & REL != 0 || object_pronoun {
                // معتصمو الكامور اللذين يواصلون …: a relative clause ends the phrase; so does a
                // demonstrative standing for the verb's object (وأوضح المتحدث ذلك بالقول, وبرر
                // الوزير ذلك قائلا), not one before its noun (هذه العادة).
                closed = true;
                k += 1;
                continue;
            }
            if matches!(raw, "له" | "لها" | "لهم" | "لهما" | "لنا") {
                // في بيان لها: "of hers", not whom the call is to.
                closed = true;
                k += 1;
                continue;
            }
            // (Not a word that only starts with the letter: في بيان لها, في بلاغ; nor a name
            // that does: ودعا بوغلاب إلى, ودعا لافروف إلى.)
            let name = matches!(mode, Mode::Call) && self.entity_at(k).is_some();
            let object_ba = raw.starts_with('ب') && raw != "بن" && t.lex2 & EVENT == 0 && !name;
            if matches!(mode, Mode::Call)
                && ((raw.starts_with('ل') && !name) || object_ba)
                && f & (DEF | PREP_CONSTRUCT) == 0
                && (r.n > 0 || cur.is_none() || closed || object_ba)
            {
                // دعا X لـ…, طالب X بـ…: the call's object, not a quotation.
                push(&mut r, &mut cur);
                break;
            }
            // (وطالب الاتحاد الحكومة إلى …: a definite body right after a definite word starts
            // a new phrase, no adjective of it: the call's object too. Not a title, which names
            // the caller: دعا وزير التعليم الدكتور عزام الدخيل.)
            let new_phrase = || {
                // (The lexicon's form of the word: the tokenizer's.)
                let w = khabar_text::tokens(raw)
                    .next()
                    .map(|x| x.word)
                    .unwrap_or_default();
                !closed
                    && k > 0
                    && t.gap == 0
                    && self.lex(k - 1) & DEF != 0
                    && w.strip_prefix("ال")
                        .is_some_and(|b| lexicon::flags(b) & (CONSTRUCT | ORG_WORD) != 0)
            };
            if matches!(mode, Mode::Call)
                && cur.is_some()
                && (matches!(raw, "كافة" | "كل" | "جميع" | "مختلف" | "سائر") || new_phrase())
            {
                // دعا الحزب كافة الفاعلين إلى …: the call's object starts, the caller is done.
                push(&mut r, &mut cur);
                closed = true;
                k += 1;
                continue;
            }
            if cur.is_none()
                && r.n == 0
                && raw == "من"
                && self.toks.get(k + 1).is_some_and(|x| x.gap == 0)
                && OPENER_NOUNS
                    .iter()
                    .any(|p| self.folded(k + 1).starts_with(p))
            {
                // وأعلن من جهته الاتحاد …: «for its part» stands between the verb and its
                // subject, and closes nothing.
                k += 2;
                continue;
            }
            if f & (STOP | TIME | ADV | ADDR | NUM) != 0
                || (matches!(mode, Mode::Call)
                    && self.text[t.start..].starts_with('ل')
                    && r.n > 0
                    && !name)
            {
                if matches!(mode, Mode::Call) && f & (STOP | TIME | ADV | ADDR | NUM) == 0 {
                    // دعا X لـ…: the call's object, not a quotation.
                    break;
                }
                if cur.is_some() || f & (STOP | ADDR) != 0 {
                    closed = true;
                }
                k += 1;
                continue;
            }
            if let Some(c) = cur {
                // الرجل للضباط: ل + ال after a plain name or noun is who was told.
                if !closed
                    && raw.starts_with("لل")
                    && self.lex(self.seg_lo(c)) & (TITLE | DESC | CONSTRUCT | ORG_WORD) == 0
                    && f & PREP_CONSTRUCT == 0
                {
                    closed = true;
                    k += 1;
                    continue;
                }
            }
            match cur.as_mut() {
                Some(c) if !closed => c.hi = k + 1,
                Some(_) => {}
                None => {
                    if !closed {
                        cur = Some(Seg::new(k, k + 1));
                    }
                }
            }
            k += 1;
        }
        push(&mut r, &mut cur);
        r.term = Term::None;
        r
    }

    /// The person's name in a phrase of a rank or title and the name (المقدم بلحسن الوسلاتي, الدكتور
    /// X): the name's words, when titles alone come before it.
    fn ranked_person(&self, b: Seg) -> Option<Seg> {
        let lo = self.seg_lo(b);
        if b.hi - lo > 6 {
            return None;
        }
        let p = (lo..b.hi).find(|&k| self.person_at(k))?;
        (p > lo && (lo..p).all(|k| self.head_lex(k) & TITLE != 0)).then_some(Seg::new(p, b.hi))
    }

    /// A short phrase that opens with a title or a description (الخبير المحاسب), with no
    /// name, verb or particle in it.
    fn titles_only(&self, b: Seg) -> bool {
        let lo = self.seg_lo(b);
        b.hi - lo <= 3
            && self.head_lex(lo) & (TITLE | DESC) != 0
            && (lo..b.hi).all(|k| {
                !self.person_at(k)
                    && self.toks[k].lex & (VERB | PARTICIPLE | COMP | STOP) == 0
                    && self.toks[k].open_span == NONE
            })
    }

    /// Segment `c` is a person's short name set off by a comma right after segment `b`
    /// (… ، الخبير المحاسب، محمد مقديش).
    fn apposed_person(&self, b: Seg, c: Seg) -> bool {
        let lo = self.seg_lo(c);
        c.hi > lo && lo <= b.hi + 1 && self.comma_name(c)
    }

    /// Segment `s` is a person's short name and `b`, right after its comma, opens with a
    /// title: the person's office in apposition (خميس قسيلة، القيادي في حركة نداء تونس).
    fn titled_after(&self, s: Seg, b: Seg) -> bool {
        let lo = self.seg_lo(b);
        self.comma_name(s)
            && lo <= s.hi + 1
            && self.toks[lo].gap & G_COMMA != 0
            && self.head_lex(lo) & TITLE != 0
            && !self.person_at(lo)
    }

    /// Segment `c` opens after a comma and is a person's name of at most four words.
    fn comma_name(&self, c: Seg) -> bool {
        let lo = self.seg_lo(c);
        self.toks[lo].gap & G_COMMA != 0 && c.hi - lo <= 4 && (lo..c.hi).all(|k| self.person_at(k))
    }

    /// Trims the words of a speaker phrase that are no part of who speaks; `None` when none
    /// are left that could be.
    fn trim_subject(&self, segs: &mut Vec<Seg>) -> Option<()> {
        // وصرحت كل من شركة «كود فايتس» وشركة «أمبليتيود» بأن: each of those named speaks.
        if let Some(s0) = segs.first_mut() {
            if s0.cut == 0
                && s0.hi > s0.lo + 2
                && self.word_is(s0.lo, "كل")
                && self.word_is(s0.lo + 1, "من")
            {
                s0.lo += 2;
            }
        }
        // وأبرز وزير الخارجية أهمية الاتفاقيات, كما أكد حرص بلاده, وأكد الوزير …، حرص
        // البلدين: the subject ends before the verbal noun that opens the object; with none
        // before it there is no subject.
        if let Some((i, k)) = segs.iter().enumerate().find_map(|(i, s)| {
            (s.lo..s.hi)
                .find(|&k| self.toks[k].lex2 & OBJECT_NOUN != 0)
                .map(|k| (i, k))
        }) {
            if k == segs[i].lo {
                segs.truncate(i);
            } else {
                segs[i].hi = k;
                segs.truncate(i + 1);
            }
        }
        // وأوضح بيان صادر عن المجلس, بيان الجيش: a statement speaks for the body that issued
        // it, which is the speaker.
        if let Some(s0) = segs.first_mut() {
            if s0.cut == 0 && matches!(self.folded(s0.lo).as_str(), "بيان" | "بلاغ") {
                let mut k = s0.lo + 1;
                // (After صادر عن any name is the issuer; right after the noun only a defined
                // one: بيان مشترك is a joint statement.)
                let issued = k + 1 < s0.hi
                    && matches!(self.folded(k).as_str(), "صادر" | "صادره")
                    && self.folded(k + 1) == "عن";
                if issued {
                    k += 2;
                }
                if k < s0.hi && self.toks[k].gap == 0 && (issued || self.toks[k].lex & DEF != 0) {
                    s0.lo = k;
                } else if k < s0.hi
                    && self.toks[k].gap == 0
                    && self.toks[k].lex & PREP_CONSTRUCT != 0
                {
                    // ذكر بيان لوزارة التجارة: the body after the ل.
                    if let Some(cut) = self.lam_cut(k) {
                        s0.lo = k;
                        s0.cut = cut;
                    }
                }
            }
        }
        // وأكد هذا الناطق باسم القوات …: the demonstrative points back at the one the noun
        // names; alone (ويشير هذا إلى أن …) it names no one.
        // «By that» is the verb's object and the subject follows it (صرح بذلك وكيل الوزارة),
        // unless it takes a noun of its own (بهذا الصدد, بهذا الخصوص: in this regard).
        if let Some(s0) = segs.first_mut() {
            let w = self.folded(s0.lo);
            let next_def = s0.hi > s0.lo + 1 && self.toks[s0.lo + 1].lex & DEF != 0;
            let points = matches!(w.as_str(), "هذا" | "هذه" | "هولاء" | "ذلك" | "تلك");
            let by_that = matches!(w.as_str(), "بذلك" | "بهذا" | "بهذه");
            if points || by_that {
                if s0.hi == s0.lo + 1 || next_def != points {
                    return None;
                }
                s0.lo += 1;
            }
        }
        Some(())
    }

    /// The byte range of a segment and its first word.
    fn seg_bytes(&self, s: Seg) -> (usize, usize, usize) {
        (self.toks[s.lo].start + s.cut, self.toks[s.hi - 1].end, s.lo)
    }

    fn seg_lo(&self, s: Seg) -> usize {
        s.lo
    }

    /// The name of an organisation as written, its kind dropped (وكالة رويترز → رويترز).
    fn org_name(&self, s: Seg) -> String {
        let (a, b, lo) = self.seg_bytes(s);
        let mut a = a;
        if self.toks[lo].lex & ORG_WORD != 0 && s.hi > lo + 1 {
            a = self.toks[lo + 1].start;
        }
        clean(&self.text[a..b])
    }

    /// The speaker a phrase names, if it names one.
    /// Phrase `b` follows phrase `a` with at most a few words and no punctuation between them
    /// but the mark just before `b`.
    fn next_in_clause(&self, a: Seg, b: Seg) -> bool {
        let lo = self.seg_lo(b);
        lo <= a.hi + 6
            && (a.hi + 1..lo).all(|x| {
                self.toks[x].gap & (G_COMMA | G_PAREN | G_DASH | G_COLON | G_SENT | G_PARA) == 0
            })
    }

    fn named_speaker(&self, r: &Region) -> Option<Speaker> {
        let mut segs: Vec<Seg> = self
            .name_segs(r)
            .iter()
            .copied()
            .filter(|s| self.toks[self.seg_lo(*s)].lex & ADDR == 0)
            .collect();
        self.trim_subject(&mut segs)?;
        let mut first = *segs.first()?;
        let limit = if (self.seg_lo(first)..first.hi).any(|k| self.toks[k].lex & TITLE != 0) {
            MAX_SPEAKER_WORDS + 12
        } else {
            MAX_SPEAKER_WORDS
        };
        if first.hi - self.seg_lo(first) > limit {
            // جابر بوهلال شقيق محمد بوهلال المتهم بتنفيذ هجوم نيس: a person's name, then a
            // long description of him: the name is who speaks.
            let lo = self.seg_lo(first);
            let end = (lo..first.hi).take_while(|&k| self.person_at(k)).last();
            match end {
                Some(e) if first.cut == 0 && e > lo => {
                    first.hi = e + 1;
                    segs[0] = first;
                }
                _ => return None,
            }
        }
        let (title, name) = self.split_title(first);
        // رئيس الجمعية التونسية لعلوم الزكاة، الخبير المحاسب، محمد مقديش: a second title in
        // apposition, then the name.
        let second_apposition = match (segs.get(1), segs.get(2)) {
            (Some(&b), Some(&c))
                if self.next_in_clause(first, b)
                    && self.titles_only(b)
                    && self.apposed_person(b, c) =>
            {
                Some(c)
            }
            _ => None,
        };
        let (title, name) = match name {
            _ if second_apposition.is_some() => (Some(first), second_apposition),
            // وزير الخارجية، سامح شكري: the name after the title and its comma (not one in a
            // later clause: قال السفير في تصريح لـ…، صباح اليوم، … الفلسطينية (وفاء)).
            None => match segs.get(1) {
                // (أمين ماتي: a first name that is also a title word, in a person's name. Not
                // a purpose: مبعوثة الجوهرة اف ام، لمواكبة الندوة، أن.)
                Some(&b)
                    if (self.lex(self.seg_lo(b)) & (TITLE | DESC) == 0
                        || self.lex(self.seg_lo(b)) & DEF == 0
                            && self.person_at(self.seg_lo(b)))
                        && !self.purpose_phrase(b)
                        && self.next_in_clause(first, b) =>
                {
                    (Some(first), Some(b))
                }
                // الناطق الرسمي باسم وزارة الدفاع، المقدم بلحسن الوسلاتي، أن: a rank before the
                // name in apposition.
                Some(&b) if self.next_in_clause(first, b) && !self.purpose_phrase(b) => {
                    match self.ranked_person(b) {
                        Some(p) => (Some(first), Some(p)),
                        None => (None, Some(first)),
                    }
                }
                _ => (None, Some(first)),
            },
            Some(nm) => match segs.get(1) {
                Some(&b) if title.is_none() && self.lex(self.seg_lo(b)) & TITLE != 0 => {
                    (Some(b), Some(nm))
                }
                // رئيس النيابة الخصوصية بقرمبالية، محمد سعودي: the name in apposition (not
                // after a person's name: الرئيس باراك أوباما، أمس، دول شرق أفريقيا إلى …).
                // رئيس بعثة صندوق النقد الدولي الى تونس، أمين ماتي: a longer name after the
                // title is the body the title belongs to when a person follows in apposition.
                Some(&b)
                    if title.is_some()
                        && (nm.hi <= nm.lo + 2 || self.person_at(self.seg_lo(b)))
                        && (self
                            .entity_at(self.seg_lo(nm))
                            .is_none_or(|e| self.entities[e].ty != EntityType::Pers)
                            // (عضو النقابة بدوار هيشر، طارق العليبي: what follows ب in a
                            // title is its place, whatever the tagger made of it.)
                            || self.text[self.toks[self.seg_lo(nm)].start..].starts_with('ب')
                                && self.person_at(self.seg_lo(b)))
                        && b.hi - self.seg_lo(b) <= 4
                        && self.lex(self.seg_lo(b)) & (TITLE | DESC | DEF) == 0
                        && !self.purpose_phrase(b) =>
                {
                    (Some(first), Some(b))
                }
                // المكلف بمهمة بوزارة التجارة، لطفي خذير، أن: a person's name set off by commas
                // right after a phrase the lexicon does not know for a title is that phrase's
                // name all the same (not when the phrase itself holds a person).
                Some(&b)
                    if title.is_none()
                        && self.comma_name(b)
                        && b.hi < self.n()
                        && self.toks[b.hi].gap & G_COMMA != 0
                        && self.next_in_clause(first, b)
                        && !(self.seg_lo(first)..first.hi).any(|k| self.person_at(k)) =>
                {
                    (Some(first), Some(b))
                }
                _ => (title, Some(nm)),
            },
        };
        // الرئيس الأمريكي يتحدث أمام حشد …: a present verb after the title is the clause's
        // verb, not a name; the title alone names the speaker.
        let (title, name) = match (title, name) {
            (Some(t), Some(nm)) if self.present_verb(self.seg_lo(nm)) => (None, Some(t)),
            other => other,
        };
        let mut name = name?;
        let name_lo = self.seg_lo(name);
        let o = self.toks[name_lo].open_span;
        if o != NONE {
            // "جين بارك" الفائزة بالجائزة: the quoted name, then a description; but مراسل الجوهرة
            // "اف ام" أنيس الكناسي: the rest of an outlet's name, then its man, who speaks.
            let after = self.spans[o as usize].after;
            if after > name_lo + 1 && after < name.hi {
                if self.person_at(after) && self.toks[after].gap == 0 {
                    name.lo = after;
                    name.cut = 0;
                } else {
                    name.hi = after;
                }
            }
        }
        let name_lo = self.seg_lo(name);
        if let Some(stop) = (name_lo + 1..name.hi).find(|&k| self.toks[k].lex & (STOP | AN) != 0) {
            // مراسل الجوهرة أف أم في الجهة: a name ends before في.
            if self.toks[name_lo].lex & (DESC | TITLE) == 0 {
                name.hi = stop;
            }
        }
        let (a, b, lo) = self.seg_bytes(name);
        if self.toks[lo].lex & NOT_SPEAKER != 0 || self.lex(self.seg_lo(first)) & NOT_SPEAKER != 0 {
            return None;
        }
        let desc = self.toks[lo].lex & (DESC | TITLE) != 0;
        let mut name_start = a;
        if self.toks[lo].lex & ORG_WORD != 0 && name.hi > lo + 1 {
            name_start = self.toks[lo + 1].start;
        }
        let title_text = title.map(|t| {
            let (x, y, _) = self.seg_bytes(t);
            clean(&self.text[x..y])
        });
        let mut written = clean(&self.text[name_start..b]);
        if name.cut > 0 && name_start == a && written.starts_with('ل') {
            // ووفقا للمصادر العسكرية: لل is ل + ال, the speaker المصادر العسكرية.
            written = crate::entities::display_name(&clean(&self.text[self.toks[lo].start..b]));
        }
        if written.is_empty() {
            return None;
        }
        let mut spk = Speaker {
            name: written,
            title: title_text,
            mention: (a, b),
            entity: None,
        };
        // وقالت المنظمة الحقوقية الدولية: a description of the body named before with that
        // noun (دعت منظمة "هيومن رايتس ووتش"), even where the description is tagged a name.
        if self.toks[lo].lex & DEF != 0
            && name.hi > lo + 1
            && name.hi <= lo + 4
            && self.generic_org(lo)
        {
            if let Some(e) = self.introduced(lo, name.hi) {
                spk.name = self.entities[e].name.clone();
                spk.entity = Some(e);
                return Some(spk);
            }
        }
        // Linked to an entity a mention of which overlaps the name (a person first).
        let title_range = title.map(|t| {
            let (x, y, _) = self.seg_bytes(t);
            (x, y)
        });
        if name.hi > lo + 1
            && self.toks[lo].lex & DEF == 0
            && KIN.contains(&self.folded(lo).as_str())
            && !self.person_at(lo)
        {
            // عائلة بيانكي, عائلة الفرنسي جول بيانكي, والد الطفل: the kin speak, not the one
            // named after their noun. (Not a name in apposition: زوجة ابنه بت هاريس.)
            // (غالبية أنصار بلعيد: a chain of such nouns before the name.)
            let mut h = lo + 1;
            while h + 1 < name.hi && KIN.contains(&self.folded(h).as_str()) {
                h += 1;
            }
            let p = (h..name.hi).find(|&k| self.person_at(k));
            let genitive = p.is_none_or(|p| p == h || (p == h + 1 && self.lex(h) & DEF != 0));
            if genitive {
                return Some(spk);
            }
        }
        if let Some(e) = self.link((name_start, b), desc, title_range) {
            spk.name = self.entities[e].name.clone();
            spk.entity = Some(e);
            return Some(spk);
        }
        // A last name or a bare title of an earlier speaker is that speaker.
        if let Some(h) = self.corefer(&spk, lo, name.hi) {
            let mut h = h.clone();
            h.mention = (a, b);
            return Some(h);
        }
        let head = self.head_lex(lo);
        if name.hi == lo + 1 && self.toks[lo].lex & DEF != 0 && head & (TITLE | DESC) == 0 {
            // وأكدت الوزارة, وأضافت الشركة: the earlier speaker (or organisation) whose name
            // opens with that noun (وزارة الصحة, الشركة التونسية للكهرباء).
            let bare = |w: &str| bare_noun(&khabar_text::normalize(w)).to_owned();
            let want = bare(&self.text[a..b]);
            let opens = |n: &str| n.split(' ').next().is_some_and(|f| bare(f) == want);
            // (The noun may be in the phrase the speaker was named by, not in the name: أكد
            // موقع سبورتس داي أن …، وبين الموقع.)
            let named_by = |h: &Speaker| {
                self.text
                    .get(h.mention.0..h.mention.1)
                    .is_some_and(|m| opens(m.trim()))
            };
            if let Some(h) = self
                .history
                .iter()
                .rev()
                .find(|h| opens(&h.name) || named_by(h))
            {
                let person = h
                    .entity
                    .is_some_and(|e| self.entities[e].ty == EntityType::Pers);
                if !opens(&h.name) && person {
                    // وقالت عائلة بيانكي …. وأضافت العائلة: the family, not the man its phrase
                    // was linked to.
                    return Some(Speaker {
                        name: clean(&self.text[h.mention.0..h.mention.1]),
                        title: None,
                        mention: (a, b),
                        entity: None,
                    });
                }
                let mut h = h.clone();
                h.mention = (a, b);
                return Some(h);
            }
            // (Or the body named right after that noun: جمعية "فورزا تونس" …، ودعت الجمعية.)
            if let Some(e) = self
                .entities
                .iter()
                .position(|e| {
                    e.ty == EntityType::Org
                        && opens(&e.name)
                        && e.mentions.first().is_some_and(|&(x, _)| x < a)
                })
                .or_else(|| {
                    self.generic_org(lo)
                        .then(|| self.introduced(lo, name.hi))
                        .flatten()
                })
            {
                spk.name = self.entities[e].name.clone();
                spk.entity = Some(e);
                return Some(spk);
            }
        }
        let all_title = name.lo == first.lo && self.split_title(name).1.is_none();
        if all_title && name.hi <= lo + 8 && head & TITLE != 0 {
            // وقالت وزيرة التجارة, بحسب المدير الجهوي: the person this title named earlier.
            if let Some(mut h) = self
                .antecedent(lo, name.hi)
                .or_else(|| self.only_holder(lo))
            {
                h.mention = (a, b);
                return Some(h);
            }
        }
        // وأضاف المتفقد الجهوي للتراث: the person an earlier sentence introduced with that noun
        // (اتصلت الإذاعة بالمتفقد الجهوي للتراث … رياض الحاج سعيد). (A body's noun was asked
        // before the entity link, above.)
        if name.hi > lo + 1
            && name.hi <= lo + 4
            && self.toks[lo].lex & DEF != 0
            && !self.generic_org(lo)
        {
            if let Some(e) = self.introduced(lo, name.hi) {
                spk.name = self.entities[e].name.clone();
                spk.entity = Some(e);
                return Some(spk);
            }
        }
        // وقال المتحدث, وأضاف المصدر, المسؤول الحكومي: a role noun for the one just quoted.
        let role = name.hi == lo + 1
            || (all_title && name.hi <= lo + 3 && head & DESC != 0 && head & TITLE == 0);
        // (Not a qualified source after a body's words: أعلنت القوات المسلحة … وقال المصدر
        // العسكري: a source within the body, who speaks as such.)
        let qualified_source =
            name.hi > lo + 1 && matches!(bare_noun(&self.folded(lo)), "مصدر" | "مصادر");
        if role && self.toks[lo].lex & DEF != 0 && head & (DESC | TITLE) != 0 {
            let of_its_own = |p: &Speaker| {
                let a_source = p.name.starts_with("مصدر") || p.name.starts_with("مصادر");
                let a_person = p
                    .entity
                    .is_some_and(|i| self.entities[i].ty == EntityType::Pers);
                qualified_source && !a_source && !a_person
            };
            if let Some(p) = self
                .prev
                .as_ref()
                .filter(|p| a <= self.prev_pos + MAX_PRONOUN_DISTANCE && !of_its_own(p))
            {
                let mut p = p.clone();
                p.mention = (a, b);
                return Some(p);
            }
        }
        // وأفاد الطبيب المتخصص في أمراض السرطان, after the quotations of one person and with no
        // other person named from his last one to the article's end: that person, described
        // anew. (Not when another is named later: الرئيس الروسي after أوباما's words may be
        // the بوتين named further on.)
        if self.toks[lo].lex & DEF != 0 && head & (DESC | TITLE) != 0 {
            if let Some(p) = self.prev.as_ref().filter(|p| {
                p.entity
                    .is_some_and(|i| self.entities[i].ty == EntityType::Pers)
                    && a <= self.prev_pos + MAX_PRONOUN_DISTANCE
            }) {
                let since = self.prev_pos;
                let another = self.entities.iter().enumerate().any(|(i, e)| {
                    e.ty == EntityType::Pers
                        && Some(i) != p.entity
                        && e.mentions.iter().any(|&(x, _)| x >= since)
                });
                if !another {
                    let mut p = p.clone();
                    p.mention = (a, b);
                    return Some(p);
                }
            }
        }
        Some(spk)
    }

    /// The entity an earlier sentence introduced with the definite noun at word `k` (its
    /// article and the clitics و ب ل aside): a person named within [`DESCRIBED_WINDOW`] words
    /// after a title or description, or a body named right after its noun (منظمة, حزب); the
    /// nearest such mention first.
    fn introduced(&self, k: usize, hi: usize) -> Option<usize> {
        let bare = |x: usize| -> String { bare_noun(&self.folded(x)).to_owned() };
        let head = bare(k);
        // A noun for a person (a title or a description), not a group (القيادات); or one of
        // the nouns a body's name is introduced with (منظمة "هيومن رايتس ووتش" …، المنظمة
        // الحقوقية الدولية), right before it.
        let (ty, window) = if (self.toks[k].lex | self.toks[k].bare) & (TITLE | DESC) != 0 {
            (EntityType::Pers, DESCRIBED_WINDOW)
        } else if self.generic_org(k) {
            (EntityType::Org, 1)
        } else {
            return None;
        };
        // A person's definite adjective must follow the noun there too: الرئيس الروسي is not
        // the president named before (الرئيس بشار الأسد).
        let adjective = (ty == EntityType::Pers && k + 1 < hi && self.toks[k + 1].lex & DEF != 0)
            .then(|| bare(k + 1));
        let before = self.toks[k].start;
        let mut best: Option<(usize, usize)> = None;
        for (i, e) in self.entities.iter().enumerate() {
            if e.ty != ty {
                continue;
            }
            for &(a, _) in e.mentions.iter().filter(|m| m.0 < before) {
                if best.is_some_and(|(_, b)| a <= b) {
                    continue;
                }
                let Ok(m) = self.toks.binary_search_by_key(&a, |t| t.start) else {
                    continue;
                };
                let from = (m.saturating_sub(window)..m)
                    .rev()
                    .take_while(|&x| self.toks[x + 1].gap & (G_SENT | G_PARA) == 0)
                    .last();
                let Some(from) = from else { continue };
                let found = (from..m).any(|x| {
                    bare(x) == head
                        && adjective
                            .as_ref()
                            .is_none_or(|adj| x + 1 < m && bare(x + 1) == *adj)
                });
                if found {
                    best = Some((i, a));
                }
            }
        }
        best.map(|(i, _)| i)
    }

    /// The person an earlier mention of the title at words `lo..hi` names (وزيرة التجارة
    /// نجلاء حروش …, نور الدين الحاج علي المدير الجهوي …): its first two words matched, the
    /// article and و aside; the name is a person entity next to it, else the words after it
    /// (or before it) that are not title, searched a bounded distance back.
    fn antecedent(&self, lo: usize, hi: usize) -> Option<Speaker> {
        let key = |k: usize| {
            let t = self.toks[k];
            let w = khabar_text::normalize(&self.text[t.start..t.end]);
            let w = w
                .strip_prefix('و')
                .filter(|r| r.starts_with("ال"))
                .map_or(w.clone(), str::to_owned);
            w.strip_prefix("ال")
                .filter(|r| r.chars().count() >= 2)
                .map_or(w.clone(), str::to_owned)
        };
        let want = (hi - lo).min(2);
        let keys: Vec<String> = (lo..lo + want).map(key).collect();
        // The title's head word as written, the words after it within a typing slip
        // (المدير الجهوري for الجهوي, رئيسة جميعة for جمعية).
        let same = |x: usize, w: &str| {
            if x == 0 {
                w == keys[0]
            } else {
                one_slip_apart(w, &keys[x])
            }
        };
        let from = lo.saturating_sub(400);
        for j in (from..lo).rev() {
            if self.toks[j].lex & (TITLE | DESC | DEF) == 0
                && self.head_lex(j) & (TITLE | DESC) == 0
            {
                continue;
            }
            if (0..want).any(|x| j + x >= lo || !same(x, &key(j + x))) {
                continue;
            }
            // The words after the title at j, to the clause's end.
            let mut end = j + 1;
            let mut commas = 0;
            while end < lo && end < j + 14 {
                let g = self.toks[end].gap;
                if g & (G_SENT | G_PARA | G_COLON | G_PAREN) != 0
                    || self.toks[end].lex & (VERB | OTHER_VERB | COMP | TRANSMIT | PARTICIPLE) != 0
                    || self.toks[end].lex2 & REL != 0
                    // كاتب عام الحكومة، في رده على سؤال النائب X: X is in the occasion.
                    || (self.word_is(end, "في") && self.occasion(end + 1))
                {
                    break;
                }
                if g & G_COMMA != 0 {
                    commas += 1;
                    if commas > 1 {
                        break;
                    }
                }
                end += 1;
            }
            let (s0, e0) = (self.toks[j].start, self.toks[end - 1].end);
            // A person entity in the phrase, or else just before it (أشرف … صباح اليوم، وزير
            // X أنور معروف: the name after the title, not a word before it taken for one).
            let before = if j > 0 { self.toks[j - 1].start } else { s0 };
            let person_where = |inside: bool| {
                self.entities.iter().enumerate().find(|(_, e)| {
                    e.ty == EntityType::Pers
                        && e.mentions.iter().any(|&(x, y)| {
                            if inside {
                                x >= s0 && y <= e0
                            } else {
                                y <= s0 && x >= before.saturating_sub(60)
                            }
                        })
                })
            };
            let person = person_where(true).or_else(|| person_where(false));
            let title = clean(&self.text[s0..self.toks[(j + want).min(end) - 1].end]);
            if let Some((i, e)) = person {
                return Some(Speaker {
                    name: e.name.clone(),
                    title: Some(title),
                    mention: (s0, e0),
                    entity: Some(i),
                });
            }
            // An earlier speaker named in that phrase (the tagger may have missed the name
            // the speaker phrase was read from: رئيسة جمعية القضاة التونسيين، روضة القرافي).
            if let Some(h) = self
                .history
                .iter()
                .rev()
                .find(|h| h.title.is_some() && h.mention.0 < e0 && s0 < h.mention.1)
            {
                return Some(Speaker {
                    mention: (s0, e0),
                    ..h.clone()
                });
            }
            if !self.entities.is_empty() {
                continue;
            }
            // No entities: the name after the title (split as a speaker phrase is) …
            let mut seg = Seg::new(j, end);
            if let Some(c) = (j + 1..end).find(|&k| self.toks[k].gap & G_COMMA != 0) {
                // وزيرة المالية، لمياء الزريبي،; رئيس الهيئة الوطنية لمكافحة الفساد، شوقي
                // الطبيب،: after a title, the name in apposition.
                seg = if c == j + want || self.split_title(Seg::new(j, c)).1.is_none() {
                    Seg::new(c, end)
                } else {
                    Seg::new(j, c)
                };
            }
            let name = if seg.lo == j {
                self.split_title(seg).1
            } else {
                Some(seg)
            };
            let name = name.map(|mut n| {
                if let Some(stop) =
                    (n.lo + 1..n.hi).find(|&k| self.toks[k].lex & (STOP | AN | ALA | ILA) != 0)
                {
                    n.hi = stop;
                }
                n
            });
            let name = name.map(|mut n| {
                if n.hi - n.lo > 4 {
                    // نجلاء حروش برنامج الوزارة: the name, then the verb's object.
                    n.hi = n.lo + 2;
                }
                n
            });
            // Without a tagger only a plain first name is taken (not الفصل, لفتوى, بسوسة: a
            // complement of the title's sentence).
            let name = name.filter(|n| {
                let first = self.toks[n.lo];
                let raw = &self.text[first.start..first.end];
                n.hi - n.lo >= 2
                    && self.head_lex(n.lo) == 0
                    && !raw.starts_with('ل')
                    && !raw.starts_with('ب')
                    && (n.lo..n.hi).all(|k| {
                        self.toks[k].lex & (STOP | AN | ALA | ILA | ADV | TIME | NUM | BIH) == 0
                    })
                    && !self.not_a_name(*n)
            });
            // … or the words before it, back to the verb (نفى X المدير الجهوي).
            let name = name.or_else(|| {
                let mut b = j;
                while b > 0
                    && j - b < 5
                    && self.toks[b].gap == 0
                    && self.toks[b - 1].lex & !DEF == 0
                {
                    b -= 1;
                }
                if b == 0 || self.toks[b].gap & (G_SENT | G_PARA) != 0 {
                    // The sentence's first word is its verb (رفض X المدرب …).
                    b += 1;
                }
                (j >= b + 2).then(|| Seg::new(b, j))
            });
            if let Some(n) = name {
                let (x, y, _) = self.seg_bytes(n);
                return Some(Speaker {
                    name: clean(&self.text[x..y]),
                    title: Some(title),
                    mention: (x, y),
                    entity: None,
                });
            }
        }
        None
    }

    /// The one person the article gave the title at word `k` before (زعيمة حزب الجبهة الوطنية
    /// … مارين لوبان, then وطالبت زعيمة اليمين المتطرف): the title's head word alone, followed
    /// by a person's name within its phrase. None when two people had it (two ministers).
    fn only_holder(&self, k: usize) -> Option<Speaker> {
        if self.toks[k].lex & TITLE == 0 || self.toks[k].lex & DEF != 0 {
            return None;
        }
        let head = self.folded(k);
        let head = head.strip_prefix('و').unwrap_or(&head).to_owned();
        let mut holder: Option<(usize, usize)> = None;
        for j in k.saturating_sub(400)..k {
            let w = self.folded(j);
            if w.strip_prefix('و').unwrap_or(&w) != head {
                continue;
            }
            // The phrase after the title, to its clause's end: a person's name in it.
            let mut end = j + 1;
            while end < k
                && end < j + 10
                && self.toks[end].gap & (G_SENT | G_PARA | G_COLON | G_PAREN | G_COMMA) == 0
                && self.toks[end].lex & (VERB | OTHER_VERB | COMP | PARTICIPLE) == 0
            {
                end += 1;
            }
            let (s0, e0) = (self.toks[j].start, self.toks[end - 1].end);
            let person = self.entities.iter().position(|e| {
                e.ty == EntityType::Pers && e.mentions.iter().any(|&(x, y)| x > s0 && y <= e0)
            });
            match (person, holder) {
                (Some(p), None) => holder = Some((p, j)),
                (Some(p), Some((q, _))) if p != q => return None,
                _ => {}
            }
        }
        let (i, j) = holder?;
        Some(Speaker {
            name: self.entities[i].name.clone(),
            title: Some(clean(&self.text[self.toks[j].start..self.toks[j].end])),
            mention: (self.toks[k].start, self.toks[k].end),
            entity: Some(i),
        })
    }

    fn link(
        &self,
        (a, b): (usize, usize),
        desc: bool,
        title: Option<(usize, usize)>,
    ) -> Option<usize> {
        let mut best: Option<(usize, u8)> = None;
        for (i, e) in self.entities.iter().enumerate() {
            let rank = match e.ty {
                EntityType::Pers => 0,
                EntityType::Org => 1,
                _ => 2,
            };
            if desc && rank != 0 {
                continue;
            }
            // (A place speaks only as the phrase's head, أكدت تونس; inside it, شقيق أحد البحارة
            // المحتجزين بليبيا, it only says where.)
            let overlaps = e
                .mentions
                .iter()
                .any(|&(s, t)| s < b && a < t && (rank < 2 || s <= a));
            let in_title =
                title.is_some_and(|(x, y)| e.mentions.iter().any(|&(s, t)| s < y && x < t));
            if overlaps && !(in_title && rank != 0) && best.is_none_or(|(_, r)| rank < r) {
                best = Some((i, rank));
            }
        }
        if let Some((i, _)) = best {
            // A description (مسؤول كبير بالمعارضة) is not the organisation it belongs to, but
            // a person named in it is the speaker.
            return Some(i);
        }
        if desc {
            return None;
        }
        // No overlapping mention: a name that is an entity's name or its last words.
        let written = khabar_text::normalize(&self.text[a..b]);
        if written.is_empty() {
            return None;
        }
        self.entities.iter().position(|e| {
            e.ty != EntityType::Misc && {
                let full = khabar_text::normalize(&e.name);
                full == written || full.ends_with(&format!(" {written}"))
            }
        })
    }

    /// An earlier speaker this phrase names again: by its last word (كيري, الدكتور العواجي)
    /// or, for a bare title (الوزير), by the head of the earlier speaker's title.
    fn corefer(&self, spk: &Speaker, lo: usize, hi: usize) -> Option<&Speaker> {
        if hi > lo + 3 || self.history.is_empty() {
            return None;
        }
        let own = khabar_text::normalize(&spk.name);
        let last = self.toks[hi - 1];
        let w = khabar_text::normalize(&self.text[last.start..last.end]);
        // A surname alone, or after a title (كيري, الدكتور العواجي): an earlier speaker whose
        // name ends with it.
        let surname = hi == lo + 1 || (hi == lo + 2 && self.toks[lo].lex & TITLE != 0);
        if surname && self.toks[hi - 1].lex & (TITLE | DESC | ORG_WORD) == 0 {
            let found = self.history.iter().rev().find(|h| {
                let full = khabar_text::normalize(&h.name);
                full != own && full.rsplit(' ').next() == Some(w.as_str())
            });
            if found.is_some() {
                return found;
            }
        }
        if self.toks[lo].lex & TITLE != 0 && hi <= lo + 2 {
            // الوزير, نائب الحركة: the earlier speaker with that title.
            let head = khabar_text::normalize(&self.text[self.toks[lo].start..self.toks[lo].end]);
            let head = head.strip_prefix("ال").unwrap_or(&head).to_owned();
            return self.history.iter().rev().find(|h| {
                h.title.as_ref().is_some_and(|t| {
                    khabar_text::normalize(t)
                        .split(' ')
                        .any(|x| x.strip_prefix("ال").unwrap_or(x) == head)
                })
            });
        }
        if hi == lo + 1 && self.nisba_alone(lo) {
            // وأضاف السويسري, وتابع الفرنسي: a person called by nationality alone is a person
            // the article already quoted: the last one.
            return self.history.iter().rev().find(|h| {
                h.entity
                    .is_some_and(|e| self.entities[e].ty == EntityType::Pers)
            });
        }
        None
    }

    /// Word `k` is an adjective of nationality standing alone for someone (السويسري,
    /// الفرنسي), not part of a name the tagger found. (Other relative adjectives are as often
    /// family names: الخيالي, الكوري.)
    fn nisba_alone(&self, k: usize) -> bool {
        let w = self.folded(k);
        let stem = w.strip_prefix("ال").and_then(|w| w.strip_suffix('ي'));
        stem.is_some_and(|s| NATIONALITIES.contains(&s)) && self.entity_at(k).is_none()
    }

    /// Title words at the head of a segment, and the name after them (None when the segment is
    /// all title or description).
    fn split_title(&self, s: Seg) -> (Option<Seg>, Option<Seg>) {
        let lo = self.seg_lo(s);
        // (A single word is a name: الشاهد, the surname, is not «the witness».)
        let mut f = if s.hi > lo + 1 {
            self.head_lex(lo)
        } else {
            self.toks[lo].lex
        };
        let first = self.toks[lo];
        if s.cut > 0 {
            // لوزير الشؤون الدينية X (تصريحات لـ…): a title after its ل.
            let rest = &self.text[first.start + s.cut..first.end];
            f |= khabar_text::tokens(rest)
                .next()
                .map_or(0, |w| lexicon::flags(&w.word) & TITLE);
        }
        // A description (مصدر حكومي مطلع) is all description, unless it is defined and a name of
        // two words or more follows (المسؤول عن المسح الجغرافي سوارنا سوبا راو).
        let desc_only = f & TITLE == 0 && f & DESC != 0;
        if desc_only && f & DEF == 0 {
            return (None, None);
        }
        if f & (TITLE | DESC) == 0 {
            // ياسر مصباح الناطق الرسمي باسم …: the name, then its title.
            if let Some(t) = (lo + 1..s.hi).find(|&t| self.toks[t].lex & TITLE != 0) {
                return (Some(Seg::new(t, s.hi)), Some(Seg { hi: t, ..s }));
            }
            return (None, Some(s));
        }
        // A title head without the article takes its complement (كاتب عام, وزير الخارجية).
        let head = &self.text[first.start + s.cut..first.end];
        let mut t = lo + 1;
        // The next word is the complement of a construct (وزير الخارجية, مدير عام, عن ولاية).
        let mut need = f & DEF == 0 && head.chars().count() > 1;
        while t < s.hi {
            let g = self.toks[t].lex;
            let w = &self.text[self.toks[t].start..self.toks[t].end];
            if self.toks[t].lex2 & AL_NAME != 0 {
                break;
            }
            let construct =
                (g & (CONSTRUCT | TITLE) != 0 && g & DEF == 0) || g & PREP_CONSTRUCT != 0;
            if need {
                // مساعد مدير عام …: a complement that is a construct takes its own.
                need = construct;
                t += 1;
            } else if w == "باسم" || w == "بإسم" {
                // المتحدث باسم وزارة الداخلية محمد علي العروي
                need = true;
                t += 1;
            } else if (w.starts_with("باسم") || w.starts_with("بإسم"))
                && g & BIH == 0
                && w.chars().count() <= 6
            {
                // المتحدث باسمها X: the pronoun is the complement.
                t += 1;
            } else if (w.starts_with('ل') || w.starts_with('ب'))
                && g & DEF == 0
                && t + 1 < s.hi
                && self.toks[t + 1].lex & DEF != 0
                && self.toks[t + 1].lex2 & AL_NAME == 0
            {
                // رئيس الهيئة الوطنية لمكافحة الفساد: ل + a noun + its complement.
                t += 2;
            } else if w.starts_with('و')
                && g & DEF == 0
                && w.chars().count() >= 4
                && (w.ends_with('ة') || w.ends_with("ات"))
                && t + 1 < s.hi
                && self.toks[t + 1].gap == 0
                && self.toks[t + 1].lex & DEF != 0
                && self.toks[t + 1].lex2 & AL_NAME == 0
                && !self.person_at(t)
            {
                // مدير تسجيل وسياقة العربات: a noun joined to the complement, with its own;
                // a feminine or plural noun, not a first name (وليد الفي), nor one whose next
                // word is a family name or that the tagger found.
                t += 1;
            } else if w.starts_with('ب') && g & DEF == 0 && self.place_at(t) {
                // المدير الجهوي بسوسة: the post's place, part of the title, not a name.
                t += 1;
            } else if possessed_noun(w) {
                // الرئيس الفرنسي المنتهية ولايته: a noun with its possessive pronoun (ولاية +
                // ـه) is the title's, never a name.
                t += 1;
            } else if g & BIH != 0 {
                // عضو هيئة الدفاع عنهم: a preposition with a pronoun is never a name.
                t += 1;
            } else if matches!(w, "في" | "من" | "عن") {
                // نائب … عن ولاية سوسة, كبير الباحثين في الدراسة: the preposition's object
                // is part of the title.
                need = true;
                t += 1;
            } else if w.chars().count() == 1 {
                // د. علي: an abbreviated title is one word.
                t += 1;
                break;
            } else if construct {
                need = true;
                t += 1;
            } else if g & (DEF | NUM | ORG_WORD) != 0 {
                t += 1;
            } else {
                break;
            }
        }
        let t = t.min(s.hi);
        if desc_only && s.hi < t + 2 {
            return (None, None);
        }
        let title = Seg { hi: t, ..s };
        if t >= s.hi {
            (Some(title), None)
        } else {
            (Some(title), Some(Seg::new(t, s.hi)))
        }
    }

    /// True when a phrase cannot name who speaks: it opens with a preposition or particle
    /// (عن تمكنها, بكل وضوح, بصعوبة المعادلة), a particle carrying the subject pronoun (لكنه),
    /// a verbal noun (التأكيد على), a plural in the object case (الفرنسيين) or a circumstantial
    /// participle (مسترسلا). A phrase an entity mention covers is a name, whatever its form.
    fn not_a_name(&self, s: Seg) -> bool {
        if s.cut > 0 {
            // وفقا لـX: the preposition was the cue's; X is what follows it.
            return false;
        }
        let t = self.toks[s.lo];
        if self.entities.iter().any(|e| {
            matches!(e.ty, EntityType::Pers | EntityType::Org)
                && e.mentions.iter().any(|&(a, b)| a < t.end && t.start < b)
        }) {
            return false;
        }
        if t.lex & (STOP | AN | ALA | ILA | COMP | ADV | TIME | BIH) != 0 {
            return true;
        }
        if self.particle_pronoun(s.lo) {
            return true;
        }
        // The word as written (folding it would cost an allocation per phrase).
        let w = &self.text[t.start..t.end];
        if w.ends_with('\u{064B}') || w.ends_with("\u{064B}ا") {
            // سائلاً الله, مقدّماً الدعوة: the fatha tanween marks a circumstantial word (how it
            // was said), never a name.
            return true;
        }
        let len = w.chars().count();
        let def = t.lex & DEF != 0;
        if let Some(rest) = w.strip_prefix('ب').or_else(|| w.strip_prefix('ل')) {
            if matches!(rest, "كل" | "بعض" | "جميع") {
                return true;
            }
            // ب/ل + a noun in construct with a defined word: بصعوبة المعادلة, لأهمية الدور.
            let next_def = s.hi > s.lo + 1 && {
                let x = self.toks[s.lo + 1];
                x.gap == 0 && x.lex & DEF != 0
            };
            if !def && rest.ends_with(['ة', 'ه']) && rest.chars().count() >= 4 && next_def {
                return true;
            }
            // بزيارة (إلى صفاقس), بمناسبة: alone, ب/ل + a noun the lexicon knows.
            if !def
                && rest.ends_with(['ة', 'ه'])
                && s.hi == s.lo + 1
                && crate::entities::preposition_glued(&self.folded(s.lo))
            {
                return true;
            }
        }
        if def {
            let stem: Vec<char> = w.trim_start_matches(['و', 'ف']).chars().collect();
            // التفعيل: التأكيد, التشديد, التوضيح.
            if stem.len() == 7
                && stem[0] == 'ا'
                && stem[1] == 'ل'
                && stem[2] == 'ت'
                && stem[5] == 'ي'
            {
                return true;
            }
            // The oblique plural of a relative adjective: a complement, never a subject.
            if w.ends_with("يين") && s.hi == s.lo + 1 {
                return true;
            }
        } else if len >= 5
            && w.starts_with('م')
            && w.ends_with('ا')
            && !w.ends_with("نا")
            && s.hi == s.lo + 1
        {
            // مسترسلا, مبتسما: how it was said.
            return true;
        }
        false
    }

    /// True when word `k` is the present of a verb the lexicon knows (يتحدث, تتحدث: ي or ت
    /// before تحدث), never a name.
    fn present_verb(&self, k: usize) -> bool {
        let t = self.toks[k];
        let w = &self.text[t.start..t.end];
        w.strip_prefix(['ي', 'ت']).is_some_and(|past| {
            let past = khabar_text::normalize(past);
            past.chars().count() >= 3 && flags(&past) & (VERB | OTHER_VERB) != 0
        })
    }

    /// True when a quotation closes before word `k` that is more than a short name in marks
    /// (هيئة الإذاعة البريطانية "بي بي سي" كشفت: the name is part of the subject).
    fn long_close(&self, k: usize) -> bool {
        let c = self.toks[k].close_span;
        c != NONE && self.spans[c as usize].words() > 3
    }

    /// True when word `k` is a particle carrying a pronoun (لكنه, إنها, فإنهم).
    fn particle_pronoun(&self, k: usize) -> bool {
        let t = self.toks[k];
        let w = self.text[t.start..t.end].trim_start_matches(['و', 'ف']);
        ["لكن", "إن", "أن", "ان"].iter().any(|p| {
            w.strip_prefix(p)
                .is_some_and(|rest| matches!(rest, "ه" | "ها" | "هم" | "هما" | "نا" | "ني"))
        })
    }

    /// The segments of a phrase from the first that can name a speaker.
    fn name_segs<'r>(&self, r: &'r Region) -> &'r [Seg] {
        let segs = r.segs();
        // (Nor the name of who was spoken to, after a comma: وأوضح لموفد "الجوهرة أف أم"،
        // فضلوني يعيش، أن. But a name with a title set after it is who speaks: وأكد لمراسلة
        // الجوهرة أف أم، خميس قسيلة، القيادي في حركة نداء تونس، أن.)
        let skip = (0..segs.len())
            .take_while(|&i| {
                let s = segs[i];
                self.not_a_name(s)
                    || (self.listener_name(s)
                        && !segs.get(i + 1).is_some_and(|&b| self.titled_after(s, b)))
            })
            .count();
        &segs[skip..]
    }

    /// The speaker of a cue: named in its phrase, else the previous speaker.
    fn speaker(&self, r: &Region, cue: usize) -> Option<Speaker> {
        let Some(&first) = self.name_segs(r).first() else {
            return self.pronoun(cue);
        };
        let lo = self.seg_lo(first);
        if (lo..first.hi).any(|k| self.toks[k].lex2 & SAME != 0) {
            // ذات المتحدث, المصدر نفسه: the last speaker the noun named (مصدر قريب من الاتحاد,
            // whoever spoke since), else the previous speaker; with none, the body the noun
            // names without its ذات (ذات الصحيفة: the صحيفة named before).
            let same = |k: usize| self.toks[k].lex2 & SAME != 0;
            let noun = match (same(lo), same(first.hi - 1)) {
                (true, false) if first.hi == lo + 2 => Some(lo + 1),
                (false, true) if first.hi == lo + 2 => Some(lo),
                _ => None,
            };
            if let Some(k) = noun {
                let bare = |w: &str| bare_noun(&khabar_text::normalize(w)).to_owned();
                let want = bare(&self.text[self.toks[k].start..self.toks[k].end]);
                let named = self.history.iter().rev().find(|h| {
                    h.entity.is_none() && h.name.split(' ').next().is_some_and(|f| bare(f) == want)
                });
                if let Some(h) = named {
                    let (a, b, _) = self.seg_bytes(first);
                    return Some(Speaker {
                        mention: (a, b),
                        ..h.clone()
                    });
                }
            }
            return self.pronoun(cue).or_else(|| {
                let seg = match (same(lo), same(first.hi - 1)) {
                    (true, _) if first.hi > lo + 1 => Seg::new(lo + 1, first.hi),
                    (_, true) if first.hi > lo + 1 => Seg::new(lo, first.hi - 1),
                    _ => return None,
                };
                if (seg.lo..seg.hi).any(same) {
                    return None;
                }
                let spk = self.named_speaker(&Region::phrase(seg))?;
                // With nothing before it to be the same as, a definite noun is still the
                // speaker (وذكر نفس المصدر أنه, where the source's first mention was lost);
                // not a word after an honorific (طالب سموه بالعودة).
                let noun = &self.text[self.toks[seg.lo].start..self.toks[seg.lo].end];
                (spk.entity.is_some() || khabar_text::normalize(noun).starts_with("ال"))
                    .then_some(spk)
            });
        }
        let f = self.toks[lo].lex;
        // (Unless the ل is the attribution's own, already cut: وفقا لوزارة الداخلية فإن.)
        if r.n == 1
            && first.cut == 0
            && (f & PREP_CONSTRUCT != 0
                || (f & DEF != 0 && self.text[self.toks[lo].start..].starts_with("بال")))
        {
            // أكد بمجلس نواب الشعب "…": where, not who.
            return self.pronoun(cue);
        }
        let spk = self.named_speaker(r)?;
        if let Some(person) = self.person_closing(r, &spk) {
            return Some(person);
        }
        Some(self.organisation_meant(spk, cue))
    }

    /// قالت النائبة بمجلس نواب الشعب ورئيسة لجنة التحقيق في تسفير الشباب إلى بؤر التوتر
    /// المقالة ليلى الشتاوي، إن: a subject whose titles run on past في and إلى to a person
    /// named in apposition right before the reported clause is that person, whatever its
    /// first phrase named. Not a person spoken to (لنظيره الأمريكي جون كيري) or met (لدى
    /// لقائه بالرئيس …): nothing in the phrase before the name may open with ل or ب or name
    /// a listener.
    fn person_closing(&self, r: &Region, spk: &Speaker) -> Option<Speaker> {
        if spk
            .entity
            .is_some_and(|e| self.entities[e].ty == EntityType::Pers)
        {
            return None;
        }
        let last = *r.segs().last()?;
        // The words from the region's end to the clause: no verb, no punctuation, no more than
        // a dozen.
        let mut hi = last.hi;
        loop {
            let t = self.toks.get(hi)?;
            if t.lex & COMP != 0 && t.gap & G_COMMA != 0 {
                break;
            }
            if hi > last.hi + 12 || t.gap != 0 || t.lex & (VERB | PARTICIPLE) != 0 {
                return None;
            }
            hi += 1;
        }
        if hi <= last.hi + 1 || !self.person_at(hi - 1) {
            return None;
        }
        let e = self.entity_at(hi - 1)?;
        let mut lo = hi - 1;
        while lo > last.hi && self.toks[lo].gap == 0 && self.entity_at(lo - 1) == Some(e) {
            lo -= 1;
        }
        let before = self.toks[lo - 1];
        if lo == last.hi || (before.lex | before.bare) & (TITLE | DESC | DEF) == 0 {
            return None;
        }
        let glued = |k: usize| crate::entities::preposition_glued(&self.folded(k));
        if (self.seg_lo(r.segs()[0])..hi).any(|k| self.toks[k].lex & ADDR != 0)
            || (last.hi..lo).any(glued)
        {
            return None;
        }
        let person = self.named_speaker(&Region::phrase(Seg::new(lo, hi)))?;
        person.entity.map(|_| person)
    }

    /// A speaker that is only a definite organisation noun (الحزب, الوزارة, الجمعية) means
    /// the organisation last named before it: «عبر الاتحاد الوطني الحر … كما دعا الحزب …».
    /// The nearest organisation entity wins; without one, the noun stays the speaker.
    fn organisation_meant(&self, spk: Speaker, cue: usize) -> Speaker {
        if spk.entity.is_some() {
            return spk;
        }
        let word = khabar_text::normalize(spk.name.trim());
        let Some(noun) = word.strip_prefix("ال") else {
            return spk;
        };
        if noun.contains(' ')
            || !GENERIC_ORGS
                .iter()
                .any(|g| khabar_text::normalize(g) == noun)
        {
            return spk;
        }
        let before = self.toks[cue].start;
        let nearest = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.ty == EntityType::Org)
            .filter_map(|(i, e)| {
                let last = e
                    .mentions
                    .iter()
                    .filter(|&&(a, _)| a < before)
                    .map(|m| m.0)
                    .max()?;
                Some((last, i))
            })
            .max();
        match nearest {
            Some((_, i)) => Speaker {
                name: self.entities[i].name.clone(),
                entity: Some(i),
                ..spk
            },
            None => spk,
        }
    }

    /// What a verb or participle of saying shows of its subject, when its form shows it (see
    /// [`Form`]); none for duals, nouns and other words.
    fn form(&self, k: usize) -> Option<Form> {
        let t = self.toks[k];
        if t.lex & (PARTICIPLE | VERB | CALL | TRANSMIT) == 0 {
            return None;
        }
        let folded = self.folded(k);
        let w = folded
            .strip_prefix(['و', 'ف'])
            .filter(|r| r.chars().count() >= 3)
            .unwrap_or(&folded);
        if t.lex & PARTICIPLE != 0 {
            return if w.ends_with("ين") || w.ends_with("ون") {
                Some(Form::Plural)
            } else if w.ends_with('ه') {
                Some(Form::Feminine)
            } else if w.ends_with('ا') {
                Some(Form::Masculine)
            } else {
                None
            };
        }
        if w.ends_with("وا") {
            return Some(Form::Plural);
        }
        if t.lex & PRESENT != 0 {
            return match w.chars().next() {
                Some('ت') => Some(Form::Feminine),
                Some('ي') => Some(Form::Masculine),
                _ => None,
            };
        }
        if w.ends_with("تا") {
            None
        } else if w.ends_with('ت') && !matches!(w, "لفت" | "التفت" | "ثبت" | "سكت") {
            Some(Form::Feminine)
        } else {
            Some(Form::Masculine)
        }
    }

    /// True when word `k`, right after the masculine verb `verb`, is a feminine noun, and so the
    /// verb's object, not its subject: وطالب الوزارة برد الاعتبار (he asked the ministry; the
    /// ministry asking is وطالبت الوزارة). Only nouns with the article or heading a body's name
    /// (ودعا هيئة الانتخابات); plurals of people in ة take a masculine verb (طالب الأساتذة),
    /// and so do a few men's titles (قال العلامة): those are left out, as are names.
    fn feminine_object(&self, verb: usize, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else {
            return false;
        };
        if verb + 1 != k
            || t.gap != 0
            || self.gender(verb) != Some(Form::Masculine)
            || t.lex & (DEF | ORG_WORD) == 0
            || !self.text[t.start..t.end].ends_with('ة')
            || self.person_at(k)
        {
            return false;
        }
        !MASCULINE_IN_TA.contains(&bare_noun(&self.folded(k)))
    }

    /// The gender a verb or participle of saying is in (see [`Finder::form`]): not a plural's.
    fn gender(&self, k: usize) -> Option<Form> {
        self.form(k).filter(|&f| f != Form::Plural)
    }

    /// The first word of the sentence word `cue` is in, at most 60 words back (or `cue`
    /// itself, when it opens one).
    fn sentence_of(&self, cue: usize) -> usize {
        let mut s = cue;
        while s > 0 && cue - s < 60 && self.toks[s].gap & (G_SENT | G_PARA) == 0 {
            s -= 1;
        }
        s
    }

    /// Who a cue without a subject (وأضاف, قائلا) means: the previous speaker, else the
    /// nearest person named before it. The verb agrees with its subject: وأضافت after قال
    /// الوزير means the last speaker introduced by a feminine verb, not the minister.
    fn pronoun(&self, cue: usize) -> Option<Speaker> {
        let found = self.pronoun_any_number(cue)?;
        let not_a_person = |h: &Speaker| {
            h.entity
                .is_none_or(|e| self.entities[e].ty != EntityType::Pers)
        };
        if self.form(cue) != Some(Form::Plural) || not_a_person(&found) {
            return Some(found);
        }
        // وقالوا, مؤكدين: a plural verb never means one person. The subject of its own
        // sentence (أعلن الحضور عن شكرهم …، مؤكدين أن), else no one: the speakers before are
        // too often someone else again.
        let c = self.toks[cue];
        let s = self.sentence_of(cue);
        let own = (s < cue)
            .then(|| {
                self.main_subject(s, cue, true)
                    .or_else(|| self.participle_subject(s, cue))
            })
            .flatten()
            .filter(not_a_person);
        own.map(|h| Speaker {
            mention: (c.start, c.end),
            ..h
        })
    }

    /// [`Finder::pronoun`] before the verb's number is checked.
    fn pronoun_any_number(&self, cue: usize) -> Option<Speaker> {
        let c = self.toks[cue];
        let mention = (c.start, c.end);
        let gender = self.gender(cue);
        let disagrees = gender.is_some()
            && self
                .genders
                .last()
                .copied()
                .flatten()
                .is_some_and(|g| Some(g) != gender);
        // The sentence so far: a person named in it is a better guess than a speaker named
        // sentences ago, unless that speaker is named in it too.
        let s = self.sentence_of(cue);
        let from = self.toks[s].start;
        let in_sentence = |e: &Entity| e.mentions.iter().any(|&(a, _)| a >= from && a < c.start);
        let prev = self
            .prev
            .as_ref()
            .filter(|_| c.start <= self.prev_pos + MAX_PRONOUN_DISTANCE);
        if s < cue
            && self.in_document_named_before(cue)
            && (s..cue).all(|k| self.toks[k].lex & COMP == 0)
        {
            // نشرت الوزارة بيانا قالت فيه إن …: who says is who wrote the statement, the
            // sentence's subject, whoever spoke before. (Not when the statement is inside
            // reported speech: نقلت الوكالة عن مصادر أن X أجرى اتصالات قال فيها …, X's.) An
            // author named with the document comes first (تصريحات لوزير الشؤون الدينية X …،
            // قال فيها إن).
            let author = (s..cue)
                .rev()
                .find(|&d| self.document(d))
                .and_then(|d| self.document_author(d))
                // (Only ل + a title, a body's noun or a name: not كلمة اللجنة …، أوضح فيها,
                // which the one who delivered it read, nor تدوينة ليوم …)
                .filter(|&a| {
                    self.toks[a].lex & PREP_CONSTRUCT != 0
                        || (self.text[self.toks[a].start..].starts_with('ل')
                            && self.entity_at(a).is_some())
                })
                .and_then(|a| {
                    // The author's phrase: up to punctuation or a particle.
                    let end = (a + 1..(a + MAX_SPEAKER_WORDS).min(cue))
                        .find(|&k| {
                            self.toks[k].gap != 0
                                || self.toks[k].lex & (STOP | COMP | VERB | TIME) != 0
                        })
                        .unwrap_or(cue.min(a + MAX_SPEAKER_WORDS));
                    let cut = self.lam_cut(a).unwrap_or(0);
                    self.named_speaker(&Region::phrase(Seg {
                        lo: a,
                        hi: end,
                        cut,
                    }))
                });
            if let Some(mut h) = author.or_else(|| self.main_subject(s, cue, false)) {
                h.mention = mention;
                return Some(h);
            }
        }
        if let Some(p) = self
            .prev
            .as_ref()
            .filter(|_| self.prev_pos > from && !disagrees)
        {
            // قال X إن …، مضيفا أن …: the speaker of this sentence so far.
            let mut p = p.clone();
            p.mention = mention;
            return Some(p);
        }
        // Only a person in the head of the main clause is its subject (وأكد وزير الخارجية X،
        // …، مضيفا), not one named in a complement (وفي رده على حوار رئيس الحكومة X، اعتبر).
        // من جهته، X …: a discourse marker with the subject's pronoun opens the head.
        let mut h0 = s;
        if self.toks[s].lex & STOP != 0 && s + 1 < cue {
            let x = self.toks[s + 1];
            // (The raw word: a pronoun ه, not a ta marbuta the fold would merge with it.)
            let w = &self.text[x.start..x.end];
            if x.lex & BIH == 0 && (w.ends_with('ه') || w.ends_with("ها")) && w.chars().count() > 3
            {
                h0 = s + 2;
            }
        }
        let head_end = (h0..cue)
            .find(|&k| {
                let t = self.toks[k];
                let w = &self.text[t.start..t.end];
                t.gap & (G_COLON | G_PAREN) != 0
                    || t.open_span != NONE
                    || (t.lex & (STOP | AN | ALA | ILA | COMP) != 0 && !matches!(w, "في" | "من"))
                    || (k == h0 && t.lex & STOP != 0)
            })
            .map_or(c.start, |k| self.toks[k].start);
        let prev_named = self
            .prev
            .as_ref()
            .and_then(|p| p.entity)
            .is_some_and(|e| in_sentence(&self.entities[e]));
        if !prev_named {
            let first = self
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.ty == EntityType::Pers)
                .filter_map(|(i, e)| {
                    let m = e
                        .mentions
                        .iter()
                        .find(|&&(a, _)| a >= from && a < head_end)?;
                    Some((m.0, i))
                })
                .min();
            if let Some((_, i)) = first {
                return Some(Speaker {
                    name: self.entities[i].name.clone(),
                    title: None,
                    mention,
                    entity: Some(i),
                });
            }
        }
        // (The last speaker, a person, named only in a complement is not the subject: ووصف
        // رئيس الغرفة X الذي يرافق غابريال …، داعيا.)
        let prev_in_head = || {
            self.prev.as_ref().and_then(|p| p.entity).is_some_and(|e| {
                self.entities[e].ty != EntityType::Pers
                    || self.entities[e]
                        .mentions
                        .iter()
                        .any(|&(a, _)| a >= from && a < head_end)
            })
        };
        if s < cue && c.lex & PARTICIPLE != 0 && !(prev_named && prev_in_head()) {
            // وكانت الإمارات قد عبرت عن …، قائلة إن: the subject of the sentence's verb.
            if let Some(mut h) = self
                .main_subject(s, cue, false)
                .or_else(|| self.participle_subject(s, cue))
            {
                h.mention = mention;
                return Some(h);
            }
        }
        if cue == s && s > 0 && !prev_named {
            // من جهته، استعرض X …. وقال إن: a sentence that turns to another actor makes him
            // the subject the next bare verb of saying goes on with.
            if let Some(mut h) = self.turned_to_actor(s) {
                h.mention = mention;
                return Some(h);
            }
        }
        if disagrees && s < cue {
            // وضعت الشرطة بيانا …، وقالت: a verb that does not agree with the last speaker,
            // joined to a clause with a subject of its own, goes on with that subject.
            if let Some(mut h) = self.main_subject(self.past_opener(s, cue), cue, true) {
                h.mention = mention;
                return Some(h);
            }
        }
        if disagrees {
            // The last speaker whose verb agrees, if the text has one.
            let agreeing = self
                .history
                .iter()
                .zip(&self.genders)
                .rev()
                .find(|(_, g)| **g == gender)
                .map(|(h, _)| h);
            if let Some(p) = agreeing.filter(|_| prev.is_some()) {
                let mut p = p.clone();
                p.mention = mention;
                return Some(p);
            }
        } else if let Some(p) = prev.or(if prev_named { self.prev.as_ref() } else { None }) {
            let mut p = p.clone();
            p.mention = mention;
            return Some(p);
        }
        if cue == s && s > 0 {
            // No one has spoken yet (or not for a while), and the sentence opens with its
            // speech verb: its subject is the previous sentence's, the actor a news report
            // opens with (انتقد X اليوم …. وقال في ندوة صحفية: …).
            if let Some(mut h) = self.earlier_actor(s) {
                h.mention = mention;
                return Some(h);
            }
        }
        // (A verb that agrees with no one before it: the last speaker all the same, as the
        // text may treat a body or a name as either gender.)
        prev.filter(|_| disagrees).map(|p| Speaker {
            mention,
            ..p.clone()
        })
    }

    /// The actor of the sentence before the one opening at word `s` when it opens by turning
    /// to him (من جهته، من جانبها، بدوره، في المقابل + verb + subject) after the last quotation: the
    /// discourse has moved to that actor, and a following bare وقال is his, not the previous
    /// speaker's (the subject of the previous utterance is the preferred antecedent: Grosz,
    /// Joshi and Weinstein 1995, centering).
    fn turned_to_actor(&self, s: usize) -> Option<Speaker> {
        let p = self.sentence_before(s)?;
        if self.toks[p].start < self.prev_pos || p + 2 >= s {
            return None;
        }
        let first = self.folded(p);
        let verb = if matches!(first.as_str(), "من" | "ومن") {
            let w = self.folded(p + 1);
            (w.starts_with("جهت") || w.starts_with("جانب")).then_some(p + 2)
        } else if matches!(first.as_str(), "في" | "وفي") {
            // في المقابل، ردّ X: the other side's turn.
            (self.folded(p + 1) == "المقابل").then_some(p + 2)
        } else {
            first
                .trim_start_matches('و')
                .starts_with("بدور")
                .then_some(p + 1)
        }?;
        self.main_subject(verb, s, true).filter(|h| {
            h.entity
                .is_some_and(|e| self.entities[e].ty == EntityType::Pers)
        })
    }

    /// The first word of the sentence that ends before word `end` (a sentence of at most 80
    /// words; the text's first word counts as a sentence's start), if `end` is past the first.
    fn sentence_before(&self, end: usize) -> Option<usize> {
        let mut p = end.checked_sub(1)?;
        while p > 0 && end - p < 80 && self.toks[p].gap & (G_SENT | G_PARA) == 0 {
            p -= 1;
        }
        (p == 0 || self.toks[p].gap & (G_SENT | G_PARA) != 0).then_some(p)
    }

    /// The actor the sentences before the one opening at word `s` open with: the subject of
    /// their verb (أكدت المملكة …, انتقد X …). Back over up to three sentences: one may itself
    /// open with a verb whose subject is not repeated (وقال في ندوة صحفية: …).
    fn earlier_actor(&self, s: usize) -> Option<Speaker> {
        let mut end = s;
        for _ in 0..3 {
            let Some(p) = self.sentence_before(end) else {
                break;
            };
            if let Some(h) = self
                .main_subject(p, end, false)
                .or_else(|| self.opening_actor(p, end))
            {
                return Some(h);
            }
            if p == 0 {
                break;
            }
            end = p;
        }
        None
    }

    /// True when word `k` names an occasion of speech (بيان, تصريح, كلمة), bare or with a
    /// possessive pronoun (بيانه, كلمتها).
    fn occasion(&self, k: usize) -> bool {
        self.noun_of(k, EVENT)
    }

    /// True when word `k` is a noun with the second-set `flag`, bare or with a possessive
    /// pronoun.
    fn noun_of(&self, k: usize, flag: u32) -> bool {
        let Some(t) = self.toks.get(k) else {
            return false;
        };
        if t.lex2 & flag != 0 {
            return true;
        }
        let w = khabar_text::normalize(&self.text[t.start..t.end]);
        ["ه", "ها", "هم"]
            .iter()
            .filter_map(|p| w.strip_suffix(p))
            .any(|stem| {
                // كلمتها: the ta marbuta is written ت before a pronoun.
                let marbuta = stem.strip_suffix('ت').map(|s| format!("{s}ة"));
                std::iter::once(stem.to_owned())
                    .chain(marbuta)
                    .any(|s| lexicon::flags_both(&s).1 & flag != 0)
            })
    }

    /// True when the speech verb at `cue` is followed by فيه / فيها ("said in it": a statement,
    /// a letter, a post named just before).
    fn in_document_named_before(&self, cue: usize) -> bool {
        self.toks
            .get(cue + 1)
            .is_some_and(|t| t.gap == 0 && matches!(&self.text[t.start..t.end], "فيه" | "فيها"))
    }

    /// The person or organisation a sentence opens on: named right after its first word, a
    /// verb the lexicon need not know (انتقد X …, رفض X …), as Arabic news sentences open
    /// verb first. Not after a preposition or particle (في X, على X: a complement).
    fn opening_actor(&self, s0: usize, end: usize) -> Option<Speaker> {
        let first = self.toks[s0];
        if s0 + 1 >= end
            || first.lex & (STOP | AN | ALA | ILA | COMP | TIME | NUM | ADV) != 0
            || first.open_span != NONE
        {
            return None;
        }
        let named_at = |k: usize| {
            let at = self.toks[k].start;
            self.entities.iter().enumerate().find_map(|(i, e)| {
                let m = e.mentions.iter().find(|&&(a, _)| a == at)?;
                matches!(e.ty, EntityType::Pers | EntityType::Org).then_some((i, e, *m))
            })
        };
        // انتقد السياسي الطاهر بن حسين …: a defined word may describe the person named after
        // it; so may a title of a few words, after an adverb of manner (انتقد بشدة الأمين العام
        // للاتحاد نور الدين الطبوبي …).
        let mut d0 = s0 + 1;
        if d0 + 1 < end && self.toks[d0].lex & ADV != 0 {
            d0 += 1;
        }
        let described = || {
            let d = self.toks[d0];
            if d.lex & (STOP | VERB | COMP | TIME) != 0 || d.lex2 & REL != 0 {
                return None;
            }
            let reach = if self.head_lex(d0) & TITLE != 0 {
                6
            } else if d.lex & DEF != 0 {
                1
            } else {
                0
            };
            (d0 + 1..(d0 + 1 + reach).min(end))
                .take_while(|&k| {
                    let t = self.toks[k];
                    t.gap == 0 && t.lex & (STOP | VERB | COMP | TIME) == 0 && t.lex2 & REL == 0
                })
                .find_map(|k| named_at(k).filter(|(_, e, _)| e.ty == EntityType::Pers))
        };
        let (i, e, m) = named_at(s0 + 1).or_else(described)?;
        Some(Speaker {
            name: e.name.clone(),
            title: None,
            mention: m,
            entity: Some(i),
        })
    }

    /// True when the phrase at word `k` can speak by its head: a title, a description, an
    /// organisation word or an organisation noun (حزب, جمعية, وزارة), or a person or
    /// organisation entity.
    fn can_speak(&self, k: usize) -> bool {
        let t = self.toks[k];
        self.head_lex(k) & (TITLE | DESC) != 0
            || self.organisation_head(k)
            || self
                .entities
                .iter()
                .any(|e| e.ty == EntityType::Pers && e.mentions.iter().any(|&(a, _)| a == t.start))
    }

    /// True when word `k`, its article and clitics aside, is a noun any body of its kind goes
    /// by (الحزب, المنظمة, الوزارة: [`GENERIC_ORGS`]; الصحيفة, الوكالة: [`OUTLET_NOUNS`]).
    fn generic_org(&self, k: usize) -> bool {
        let w = self.folded(k);
        let w = bare_noun(&w);
        GENERIC_ORGS
            .iter()
            .chain(OUTLET_NOUNS)
            .any(|g| khabar_text::normalize(g) == w)
    }

    /// True when word `k` opens an organisation's name: an organisation word or noun
    /// (صحيفة, حزب, جمعية, وزارة) or an organisation entity.
    fn organisation_head(&self, k: usize) -> bool {
        let t = self.toks[k];
        if self.head_lex(k) & ORG_WORD != 0 {
            return true;
        }
        let w = khabar_text::normalize(&self.text[t.start..t.end]);
        let w = w.strip_prefix("ال").unwrap_or(&w);
        GENERIC_ORGS.iter().any(|g| khabar_text::normalize(g) == w)
            || self
                .entities
                .iter()
                .any(|e| e.ty == EntityType::Org && e.mentions.iter().any(|&(a, _)| a == t.start))
    }

    /// The subject a circumstantial participle (مشددة, معتبرا) takes when its sentence names
    /// no speaker: that of the verb the sentence opens with, whatever the verb (a participle
    /// qualifies the subject of its clause: واستنكرت جمعية "أقليات" …، مشددة على أن …), after
    /// a discourse marker that only announces the subject (من جهته، عبر الحزب …, بدورها).
    /// Only an organisation or a titled or described phrase: after an unknown word the words
    /// might be no subject at all.
    fn participle_subject(&self, s0: usize, cue: usize) -> Option<Speaker> {
        let s = self.past_opener(s0, cue);
        if s + 1 >= cue {
            return None;
        }
        self.main_subject(s, cue, true)
    }

    /// The first word after a discourse opener that turns to the sentence's actor (من جهته،
    /// من جانبها، بدوره) at word `s0`, before word `cue`; `s0` when there is none.
    fn past_opener(&self, s0: usize, cue: usize) -> usize {
        let word = |k: usize| self.folded(k);
        if s0 + 2 < cue && matches!(word(s0).as_str(), "من" | "ومن") {
            let w = word(s0 + 1);
            if OPENER_NOUNS.iter().any(|p| w.starts_with(p)) {
                return s0 + 2;
            }
        } else if s0 + 1 < cue && word(s0).trim_start_matches('و').starts_with("بدور") {
            return s0 + 1;
        }
        s0
    }

    /// A short name between commas right after a titled phrase (ندد السفير الفلسطيني بتونس،
    /// هائل الفاهوم، بعملية …): the words up to the next comma, none of them a title, a
    /// description, the article's or a particle, before word `cue`.
    fn apposed_name(&self, seg: Seg, cue: usize) -> Option<Seg> {
        let k = seg.hi;
        if k >= cue
            || self.toks[k].gap != G_COMMA
            || (self.toks[seg.lo].lex | self.toks[seg.lo].bare) & TITLE == 0
        {
            return None;
        }
        let end = (k + 1..(k + 5).min(cue)).find(|&j| self.toks[j].gap != 0)?;
        // (A family name may have the article: الفاهوم. أحد أعضاء لجنة المالية, one of a
        // body's members, describes; it names no one.)
        let plain = self.toks[k].lex & DEF == 0
            && !matches!(self.folded(k).as_str(), "احد" | "احدي")
            && (k..end).all(|x| {
                let t = self.toks[x];
                (t.lex | t.bare) & (TITLE | DESC | STOP | VERB | PARTICIPLE | COMP | TIME) == 0
                    && t.open_span == NONE
            });
        (plain && self.toks[end].gap == G_COMMA).then(|| Seg::new(k, end))
    }

    /// The subject of a sentence that opens with its verb (or كان … قد): the noun phrase
    /// after it, if it names someone. `loose`: the first word may be any verb the lexicon
    /// does not know (استنكر, عبّر), the subject then only an organisation or a titled or
    /// described phrase, with a short name in quotation marks in it (جمعية "أقليات").
    fn main_subject(&self, s0: usize, cue: usize, loose: bool) -> Option<Speaker> {
        // A conjunction typed apart from its verb (و تحدث الشاذلي) opens the sentence all the
        // same.
        let s0 = if s0 + 1 < cue
            && matches!(
                &self.text[self.toks[s0].start..self.toks[s0].end],
                "و" | "ف"
            ) {
            s0 + 1
        } else {
            s0
        };
        let is_kana = |k: usize| {
            matches!(
                self.folded(k).trim_start_matches(['و', 'ف']),
                "كان" | "كانت"
            )
        };
        // The verb: the sentence's first word, or a كان after a few words (a heading the
        // sentence runs on from).
        let s = (s0..(s0 + 6).min(cue)).find(|&k| is_kana(k)).unwrap_or(s0);
        let t = self.toks[s];
        let kana = is_kana(s);
        let unknown_verb = loose
            && (t.lex & !DEF == 0 || t.lex2 & EXPRESS != 0)
            && t.lex & DEF == 0
            && self.text[t.start..t.end].chars().count() >= 3
            && !matches!(
                &self.text[t.start..t.end],
                "هذا" | "هذه" | "ذلك" | "تلك" | "هناك" | "هنا"
            );
        if !kana && !unknown_verb && t.lex & (VERB | OTHER_VERB | CALL | TRANSMIT) == 0 {
            return None;
        }
        // نفت اليوم الخميس النائبة X: a time right after the verb stands before its subject.
        let mut lo = s + 1;
        while !kana
            && lo + 1 < cue
            && lo < s + 4
            && self.toks[lo].lex & TIME != 0
            && self.toks[lo].gap & (G_SENT | G_PARA | G_COLON) == 0
        {
            lo += 1;
        }
        if !kana && lo == s + 1 && self.feminine_object(s, lo) {
            // وطالب الوزارة برد الاعتبار …، قائلا: the ministry is asked; the subject is the
            // one the verb's form points back to.
            return None;
        }
        let mut k = lo;
        while k < cue && k < lo + 6 {
            let x = self.toks[k];
            let raw = &self.text[x.start..x.end];
            if loose && k > lo && x.gap == 0 && x.open_span != NONE {
                // جمعية "أقليات": a short name in marks goes on the phrase.
                let sp = self.spans[x.open_span as usize];
                if sp.words() <= 3 && sp.after <= cue {
                    k = sp.after;
                    continue;
                }
            }
            // (كاتب الدولة لدى وزير الخارجية: لدى goes on a title.)
            let title_goes_on =
                raw == "لدى" && k > lo && x.gap == 0 && self.head_lex(lo) & TITLE != 0;
            if x.gap & (G_COMMA | G_COLON | G_PAREN | G_SENT) != 0
                || x.open_span != NONE
                || x.lex
                    & (STOP | AN | ALA | ILA | COMP | VERB | OTHER_VERB | ADV | TIME | PARTICIPLE)
                    != 0
                    && !title_goes_on
                || raw == "قد"
                // (نفت الجامعة ما ورد في بيان …: what it denied, the verb's object.)
                || matches!(raw, "ما" | "عما" | "مما")
                // (نشرت الشرطة بيانا: the statement is the verb's object.)
                || (k > lo && x.lex & DEF == 0 && {
                    let w = self.folded(k);
                    x.lex2 & EVENT != 0
                        || w.strip_suffix('ا')
                            .is_some_and(|b| lexicon::flags_both(b).1 & EVENT != 0)
                })
            {
                break;
            }
            k += 1;
        }
        if k == lo || (kana && &self.text[self.toks[k].start..self.toks[k].end] != "قد") {
            return None;
        }
        let seg = Seg::new(lo, k);
        if self.not_a_name(seg)
            || self.head_lex(lo) & NOT_SPEAKER != 0
            || (seg.lo..seg.hi).any(|x| self.toks[x].lex2 & SAME != 0)
        {
            return None;
        }
        // After a verb other than كان the words may be its object (ونفى وجود أي قضية): only
        // a titled phrase or an entity is taken for its subject.
        let (a, b, _) = self.seg_bytes(seg);
        if loose && !kana && !self.can_speak(lo) {
            return None;
        }
        if !kana
            && !loose
            && self.head_lex(lo) & (TITLE | DESC | ORG_WORD) == 0
            && !self.entities.iter().any(|e| {
                matches!(e.ty, EntityType::Pers | EntityType::Org)
                    && e.mentions.iter().any(|&(x, y)| x <= a && b <= y + 1)
            })
        {
            return None;
        }
        let mut r = Region::phrase(seg);
        if let Some(name) = self.apposed_name(seg, cue) {
            r.segs[1] = name;
            r.n = 2;
        }
        let spk = self.named_speaker(&r)?;
        if loose && !kana && spk.entity.is_none() && !self.organisation_head(lo) && r.n == 1 {
            // A title the text does not link to anyone (مدير المركز العربي …) may be the
            // speaker quoted before under his name: that one is the better guess. (Not when
            // the title has its name in apposition.)
            return None;
        }
        Some(spk)
    }
}

/// The stems of the nouns in «من جهته», «من جانبها», «من ناحيته» (for one's part), folded: a
/// discourse opener that turns to an actor, not a phrase of place.
const OPENER_NOUNS: [&str; 3] = ["جهت", "جانب", "ناحيت"];

/// Nouns in ة that take a masculine verb (folded, without the article): plurals of people and
/// men's titles. See [`Finder::feminine_object`].
const MASCULINE_IN_TA: &[&str] = &[
    "قاده",
    "ولاه",
    "قضاه",
    "دعاه",
    "رعاه",
    "طلبه",
    "اساتذه",
    "عمله",
    "بحاره",
    "ساسه",
    "ساده",
    "مشاه",
    "رواه",
    "جناه",
    "غزاه",
    "حماه",
    "اءمه",
    "صيادله",
    "فلاسفه",
    "تلامذه",
    "دكاتره",
    "جبابره",
    "اباطره",
    "اساقفه",
    "مغاربه",
    "افارقه",
    "توانسه",
    "كهنه",
    "سحره",
    "خونه",
    "علامه",
    "داعيه",
    "رحاله",
    "خليفه",
    "باعه",
    "هواه",
    "بغاه",
    "طغاه",
    "عصاه",
    "رماه",
    "سعاه",
    "بناه",
    "كفره",
    "فجره",
    "برره",
    "كتبه",
    "حفظه",
];

/// Nationalities, as their adjective is written without ال and its final ي (normalized): the
/// countries of the region and those most in the news. A sports page calls a player or a coach
/// by one (وأضاف الفرنسي).
const NATIONALITIES: &[&str] = &[
    "تونس",
    "جزائر",
    "مغرب",
    "ليب",
    "مصر",
    "سودان",
    "سور",
    "لبنان",
    "اردن",
    "عراق",
    "فلسطين",
    "سعود",
    "قطر",
    "كويت",
    "امارات",
    "بحرين",
    "عمان",
    "يمن",
    "ترك",
    "ايران",
    "فرنس",
    "سويسر",
    "المان",
    "بلجيك",
    "هولند",
    "ايطال",
    "اسبان",
    "برتغال",
    "بريطان",
    "انجليز",
    "روس",
    "امريك",
    "اميرك",
    "برازيل",
    "ارجنتين",
    "اوروغوا",
    "كولومب",
    "مكسيك",
    "صين",
    "يابان",
    "هند",
    "باكستان",
    "افغان",
    "سنغال",
    "كاميرون",
    "نيجير",
    "غان",
    "ايفوار",
    "نمساو",
    "سويد",
    "نرويج",
    "دنمارك",
    "يونان",
    "صرب",
    "كروات",
    "بولند",
    "اوكران",
];

/// True when two words are the same but for one slip of typing: a letter added, dropped,
/// changed, or two neighbours swapped (Damerau 1964), in words of four letters or more; shorter
/// words must be equal.
fn one_slip_apart(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 4 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    let suffix = ra
        .iter()
        .rev()
        .zip(rb.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&ra[..ra.len() - suffix], &rb[..rb.len() - suffix]);
    match (ma.len(), mb.len()) {
        (1, 1) | (0, 1) | (1, 0) => true,
        (2, 2) => ma[0] == mb[1] && ma[1] == mb[0],
        _ => false,
    }
}

/// A folded noun without its article and the clitics before it (الوزارة, والوزارة, بالمتفقد,
/// للوزارة: وزارة, متفقد). A clitic comes off only before the article, so وزارة and وكالة keep
/// their first letter.
fn bare_noun(w: &str) -> &str {
    let w = w
        .strip_prefix(['و', 'ف'])
        .filter(|r| r.starts_with("ال") || r.starts_with("بال") || r.starts_with("لل"))
        .unwrap_or(w);
    ["بال", "لل", "ال"]
        .iter()
        .find_map(|p| w.strip_prefix(p).filter(|r| r.chars().count() >= 2))
        .unwrap_or(w)
}

/// A phrase as written, without quotation marks and outer spaces.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // A mark between two words ("جين بارك"الفائزة) separates them.
        let c = if matches!(c, '«' | '»' | '"' | '“' | '”' | '„' | '‘' | '’') {
            ' '
        } else {
            c
        };
        if c.is_whitespace() && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(if c.is_whitespace() { ' ' } else { c });
    }
    let t = out.trim_end();
    if t.len() == out.len() {
        out
    } else {
        t.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::{bare_noun, one_slip_apart};

    #[test]
    fn one_slip_of_typing_apart() {
        for (a, b, same) in [
            ("جهوي", "جهوي", true),
            ("جهوري", "جهوي", true),   // a letter added
            ("جمعية", "جميعة", true),  // two neighbours swapped
            ("جمعية", "جمعيه", true),  // a letter changed
            ("مدير", "مديرة", true),   // a letter dropped
            ("جمعية", "جامعة", false), // two changes
            ("وزير", "وزيرة", true),
            ("عام", "عمل", false),     // short words must be equal
            ("جهوي", "جهويين", false), // two letters added
        ] {
            assert_eq!(one_slip_apart(a, b), same, "{a} {b}");
            assert_eq!(one_slip_apart(b, a), same, "{b} {a}");
        }
    }

    #[test]
    fn bare_noun_drops_clitics_only_before_the_article() {
        for (word, bare) in [
            ("الوزاره", "وزاره"),
            ("والوزاره", "وزاره"),
            ("وزاره", "وزاره"),
            ("وكاله", "وكاله"),
            ("بالمتفقد", "متفقد"),
            ("للوزاره", "وزاره"),
            ("فالحزب", "حزب"),
            ("بيان", "بيان"),
        ] {
            assert_eq!(bare_noun(word), bare, "{word}");
        }
    }
}
