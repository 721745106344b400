//! Word features for the tagger: what each token looks like, what surrounds it, and which
//! name lists and word clusters it belongs to. Features are 64-bit hashes; strings are hashed
//! once per token and combined per template, so tagging allocates little.

use khabar_text::{lexicon_frequency, stem, strip_prefix};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::EntityType;

/// Feature groups, switched on and off for the ablation; a model records which it was trained
/// with and tags with the same.
pub mod group {
    /// The word, its neighbours ±2, word bigrams, word shape (digits, Latin, length, punctuation).
    pub const WORDS: u32 = 1;
    /// Clitic-stripped form and light stem of the word and its neighbours, prefixes and
    /// suffixes of 1–3 letters.
    pub const AFFIXES: u32 = 1 << 1;
    /// How common the word is in news (khabar-text's JawharaFM frequency lexicon), bucketed:
    /// names of foreign people and places are rare words.
    pub const LEXICON: u32 = 1 << 2;
    /// Trigger words before or at the token (titles: الرئيس وزير الشيخ…; places: مدينة ولاية…;
    /// organisations: وكالة شركة حزب…).
    pub const TRIGGERS: u32 = 1 << 3;
    /// Membership in curated gazetteers (ANERGazet in the ablation; not in the shipped model),
    /// as B/I of every match.
    pub const GAZETTEERS: u32 = 1 << 4;
    /// Membership in the gazetteers harvested from news with trigger patterns.
    pub const HARVESTED: u32 = 1 << 5;
    /// Word clusters learnt without labels from news (coarse and fine ids).
    pub const CLUSTERS: u32 = 1 << 6;
    /// How often the word takes the definite article in news (`examples/ner_wordstats.rs`):
    /// the Arabic stand-in for capitalisation.
    pub const DEFINITE: u32 = 1 << 7;
    /// Every group.
    pub const ALL: u32 =
        WORDS | AFFIXES | LEXICON | TRIGGERS | GAZETTEERS | HARVESTED | CLUSTERS | DEFINITE;
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// FNV-1a over bytes: fixed constants, so hashes (and models) are the same on every machine.
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Combines two hashes (splitmix64 finaliser).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.rotate_left(23).wrapping_add(K);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[inline]
fn feat(tid: u64, h: u64) -> u64 {
    mix(tid.wrapping_mul(K), h)
}

/// Folds one raw token as khabar-text folds words (hamza, alef maqsura, harakat, digits…),
/// ta marbuta kept; tokens with no letter or digit (punctuation) are returned as they are,
/// without invisible marks.
pub(crate) fn fold(raw: &str) -> String {
    let mut out = String::new();
    let mut tokens = khabar_text::tokens(raw);
    let mut word = String::new();
    while tokens.next_into(&mut word).is_some() {
        out.push_str(&word);
    }
    if out.is_empty() {
        out.extend(raw.chars().filter(|c| !c.is_whitespace() && !is_format(*c)));
    }
    out
}

fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

/// The surface form: folded, ta marbuta merged into heh.
pub(crate) fn surface(folded: &str) -> String {
    let mut s = folded.to_owned();
    khabar_text::fold_ta_marbuta(&mut s);
    s
}

/// Trigger words (folded surface forms, after clitic stripping), by the type of name they
/// announce. Written for this crate from general knowledge of Arabic news style.
const PERS_TRIGGERS: &[&str] = &[
    "الرئيس",
    "رئيس",
    "الوزير",
    "وزير",
    "وزيره",
    "الملك",
    "الامير",
    "امير",
    "الشيخ",
    "السيد",
    "السيده",
    "الدكتور",
    "د",
    "الاستاذ",
    "المهندس",
    "اللواء",
    "العميد",
    "العقيد",
    "الفريق",
    "المشير",
    "الجنرال",
    "النائب",
    "المتحدث",
    "الناطق",
    "المستشار",
    "السفير",
    "القاضي",
    "المدرب",
    "اللاعب",
    "الفنان",
    "الفنانه",
    "الكاتب",
    "الشاعر",
    "المخرج",
    "الامام",
    "البابا",
    "الرئيسه",
    "المرشح",
    "زعيم",
    "الزعيم",
    "قائد",
    "القائد",
    "مدير",
    "المدير",
    "الامين",
    "نائب",
    "رئيسه",
    "الحاج",
    "الاعلامي",
    "الصحفي",
    "المواطن",
    "الداعيه",
    "الروائي",
    "النجم",
    "المطرب",
    "المغني",
    "الممثل",
    "الممثله",
    "سمو",
    "جلاله",
    "فخامه",
    "معالي",
    "مستشار",
    "سفير",
    "المبعوث",
    "مبعوث",
    "قال",
    "واضاف",
    "اضاف",
    "اكد",
    "اوضح",
    "صرح",
    "قالت",
    "اكدت",
    "بن",
    "ابن",
    "بنت",
    "ابو",
    "ام",
];
const LOC_TRIGGERS: &[&str] = &[
    "مدينه",
    "محافظه",
    "ولايه",
    "منطقه",
    "اقليم",
    "جزيره",
    "جزر",
    "قريه",
    "بلده",
    "عاصمه",
    "العاصمه",
    "نهر",
    "جبل",
    "جبال",
    "بحر",
    "خليج",
    "دوله",
    "جمهوريه",
    "مملكه",
    "اماره",
    "حي",
    "شارع",
    "مطار",
    "ميناء",
    "مخيم",
    "بلدات",
    "مدن",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "وسط",
    "قضاء",
    "ريف",
    "بحيره",
    "صحراء",
    "سواحل",
    "ساحل",
    "ضواحي",
    "معبر",
    "بلاد",
    "ارض",
    "اراضي",
    "الى",
    "في",
    "من",
];
const ORG_TRIGGERS: &[&str] = &[
    "وكاله",
    "شركه",
    "حزب",
    "جامعه",
    "منظمه",
    "مجلس",
    "وزاره",
    "هيئه",
    "جمعيه",
    "اتحاد",
    "نادي",
    "بنك",
    "مصرف",
    "صحيفه",
    "جريده",
    "قناه",
    "مؤسسه",
    "جبهه",
    "حركه",
    "مركز",
    "معهد",
    "تنظيم",
    "جماعه",
    "محكمه",
    "لجنه",
    "مجموعه",
    "مصلحه",
    "ديوان",
    "برلمان",
    "كتله",
    "تحالف",
    "ائتلاف",
    "الامم",
    "مجلة",
    "مجله",
    "اذاعه",
    "تلفزيون",
    "فريق",
    "منتخب",
    "كليه",
    "اكاديميه",
    "صندوق",
    "البنك",
    "الشركه",
    "الوكاله",
    "الحزب",
    "المنظمه",
    "الاتحاد",
    "النادي",
    "الجامعه",
    "القوات",
    "قوات",
    "جيش",
    "الجيش",
    "شرطه",
    "الشرطه",
    "المجلس",
    "الهيئه",
    "الوزاره",
    "الحكومه",
    "حكومه",
];

/// The share of a cluster's words the gazetteers must list as places for the cluster to be
/// one of place names ([`Resources::place_clusters`]). On the shipped resources the clusters
/// of towns and regions hold 9 % to 63 % places; those of common nouns at most 3 %, and one of
/// nationality adjectives 8 %.
const PLACE_SHARE: f64 = 0.09;

/// The gazetteers and clusters a model carries, hashed (no name text is stored).
#[derive(Debug, Clone, Default)]
pub(crate) struct Resources {
    /// Hash of a folded entry's token sequence → bits: `source * 4 + type`.
    pub gaz: FxHashMap<u64, u8>,
    /// Longest entry, in tokens.
    pub gaz_max: usize,
    /// Hashes of the word sequences that begin a longer entry (its first word, first two …),
    /// so that matching stops at a word no entry goes on with; `None` for a model written
    /// before they were kept (every length up to `gaz_max` is tried).
    pub gaz_prefixes: Option<FxHashSet<u64>>,
    /// Hash of a folded surface word → (fine, coarse) cluster ids.
    pub clusters: FxHashMap<u64, [u16; 2]>,
    /// Hash of a folded surface word → definite-article bucket.
    pub definite: FxHashMap<u64, u8>,
}

/// Where a gazetteer came from; each source has features of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GazetteerSource {
    /// A curated list (ANERGazet).
    Given = 0,
    /// Harvested from news with trigger patterns (`examples/ner_harvest.rs`).
    Harvested = 1,
}

/// Hash of a token sequence (folded surface forms).
pub(crate) fn seq_hash<'a>(words: impl Iterator<Item = &'a str>) -> u64 {
    let mut h = 0x5151_u64;
    for w in words {
        h = mix(h, fnv(w.as_bytes()));
    }
    h
}

impl Resources {
    /// Adds one gazetteer entry (raw text, tokenised and folded like any text).
    pub fn add_entry(&mut self, source: GazetteerSource, ty: EntityType, entry: &str) {
        let toks = super::tokenize::raw_tokens(entry);
        if toks.is_empty() || toks.len() > 8 {
            return;
        }
        let words: Vec<String> = toks
            .iter()
            .map(|t| surface(&fold(&entry[t.start..t.end])))
            .collect();
        let mut h = 0x5151_u64;
        let prefixes = self.gaz_prefixes.get_or_insert_with(FxHashSet::default);
        for (i, w) in words.iter().enumerate() {
            h = mix(h, fnv(w.as_bytes()));
            if i + 1 < words.len() {
                prefixes.insert(h);
            }
        }
        *self.gaz.entry(h).or_insert(0) |= 1 << (source as u8 * 4 + type_index(ty) as u8);
        self.gaz_max = self.gaz_max.max(words.len());
    }

    /// The fine clusters of place names: those at least [`PLACE_SHARE`] of whose words the
    /// gazetteers list as one-word places (on the shipped resources, the clusters of Tunisian
    /// towns, Saudi provinces, Syrian and Yemeni towns, American states …).
    pub fn place_clusters(&self) -> FxHashSet<u16> {
        let mut size: FxHashMap<u16, u32> = FxHashMap::default();
        let mut places: FxHashMap<u16, u32> = FxHashMap::default();
        for (&word, &[fine, _]) in &self.clusters {
            *size.entry(fine).or_default() += 1;
            let entry = mix(0x5151, word);
            if let Some(&bits) = self.gaz.get(&entry) {
                let bits = spread(bits, 0);
                if bits & LOC_BITS != 0 && bits & OTHER_BITS == 0 {
                    *places.entry(fine).or_default() += 1;
                }
            }
        }
        places
            .into_iter()
            .filter(|&(c, n)| n as f64 >= PLACE_SHARE * size[&c] as f64)
            .map(|(c, _)| c)
            .collect()
    }

    /// True when `word` (folded) is a one-word place in the gazetteers, no other type's name,
    /// and of one of the `places` clusters (see [`Tok::place_gazetteer`]).
    pub(crate) fn is_place_word(&self, word: &str, places: &FxHashSet<u16>) -> bool {
        let surf = surface(&fold(word));
        let h = fnv(surf.as_bytes());
        let listed = self
            .gaz
            .get(&mix(0x5151, h))
            .map(|&bits| spread(bits, 0))
            .is_some_and(|bits| bits & LOC_BITS != 0 && bits & OTHER_BITS == 0);
        listed
            && self
                .clusters
                .get(&h)
                .is_some_and(|[fine, _]| places.contains(fine))
    }

    /// Adds a word's definite-article bucket.
    pub fn add_definite(&mut self, word: &str, bucket: u8) {
        let w = surface(&fold(word));
        self.definite.insert(fnv(w.as_bytes()), bucket);
    }

    /// Adds a word's clusters.
    pub fn add_cluster(&mut self, word: &str, ids: [u16; 2]) {
        let w = surface(&fold(word));
        self.clusters.insert(fnv(w.as_bytes()), ids);
    }
}

pub(crate) fn type_index(t: EntityType) -> usize {
    match t {
        EntityType::Pers => 0,
        EntityType::Loc => 1,
        EntityType::Org => 2,
        EntityType::Misc => 3,
    }
}

/// What one token contributes to its own and its neighbours' features.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    /// Hash of the surface form and of the clitic-stripped surface form (always set: the
    /// document memory is keyed by them).
    pub norm: u64,
    pub skey: u64,
    strip: u64,
    stem: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    shape: u64,
    freq: u64,
    trig: u8,
    /// Gazetteer bits: `(source * 4 + type) * 2 + (0 for B, 1 for I)`.
    gaz: u16,
    /// Gazetteer bits of the clitic-stripped form (single-word entries only).
    gaz_strip: u16,
    cl: Option<[u16; 2]>,
    cl_strip: Option<[u16; 2]>,
    /// Gazetteer bits and clusters of the clitic-stripped form with its article given back,
    /// when a preposition or conjunction came before the article (بالمهدية → المهدية: the
    /// gazetteers list names as written, article included). For the place rule only, not a
    /// feature of the tagger.
    gaz_al: u16,
    cl_al: Option<[u16; 2]>,
    def: u64,
    def_strip: u64,
    /// What the word may say of an organisation's name (for the organisation rule:
    /// `orgs::cues` of the word as khabar-text folds it).
    pub org_cues: u8,
}

fn shape(folded: &str) -> u64 {
    let mut digits = 0;
    let mut latin = 0;
    let mut arabic = 0;
    let mut other = 0;
    let mut n = 0;
    for c in folded.chars() {
        n += 1;
        if c.is_ascii_digit() {
            digits += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        } else if khabar_text::is_arabic_letter(c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    let kind = if n == 0 {
        0
    } else if digits == n {
        1
    } else if latin == n {
        2
    } else if arabic == n {
        3
    } else if other == n {
        4
    } else {
        5
    };
    let len = match n {
        0..=1 => 0,
        2 => 1,
        3 => 2,
        4..=5 => 3,
        6..=8 => 4,
        _ => 5,
    };
    let al = folded.starts_with("ال") as u64;
    kind * 100 + len * 10 + al
}

fn freq_bucket(folded: &str, is_word: bool) -> u64 {
    if !is_word {
        return 9;
    }
    match lexicon_frequency(folded) {
        0 => 0,
        1..=4 => 1,
        5..=19 => 2,
        20..=99 => 3,
        100..=999 => 4,
        _ => 5,
    }
}

fn prefix_chars(s: &str, n: usize) -> Option<&str> {
    let mut it = s.char_indices();
    let (end, _) = it.nth(n)?;
    Some(&s[..end])
}

fn suffix_chars(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count <= n {
        return None;
    }
    let (start, _) = s.char_indices().nth(count - n)?;
    Some(&s[start..])
}

fn trigger_sets() -> &'static [rustc_hash::FxHashSet<u64>; 3] {
    static SETS: std::sync::OnceLock<[rustc_hash::FxHashSet<u64>; 3]> = std::sync::OnceLock::new();
    SETS.get_or_init(|| {
        let mk = |l: &[&str]| {
            l.iter()
                .map(|w| fnv(surface(&fold(w)).as_bytes()))
                .collect::<rustc_hash::FxHashSet<u64>>()
        };
        [mk(PERS_TRIGGERS), mk(LOC_TRIGGERS), mk(ORG_TRIGGERS)]
    })
}

/// Computes the per-token information of a sentence (tokens as written).
pub(crate) fn analyse<S: AsRef<str>>(tokens: &[S], res: &Resources, flags: u32) -> Vec<Tok> {
    analyse_with(tokens, res, flags, |raw| analyse_token(raw, res, flags))
}

/// The weights of a word's own features ([`own_features`]) summed per label, for each stage
/// of a model (at most two) and each offset from the tagged token.
pub(crate) type OwnSums = [[[i32; super::model::L]; SPAN]; 2];

/// What one word gave, remembered: its information, the hash of its surface form, the sums
/// of its own features' weights, and how often it was asked for since the memory last made room.
struct Remembered {
    word: u64,
    tok: Tok,
    surf: u64,
    own: OwnSums,
    uses: u32,
}

/// Words already analysed on one thread, for one model.
///
/// Keyed by a 64-bit hash of the word as written, not by the word: a string key is a pointer
/// to chase and bytes to compare on every token, and a cache miss each time. Two words with one
/// hash would share an analysis: a word not remembered meets one of the 100,000 hashes
/// remembered with a chance of 5 · 10⁻¹⁵ per token, about one in 400,000 over a million
/// articles; the same bargain as the model's hashed features. Entries live side by side in one vector (a word's
/// information and its sums are one read), and when the memory is full it keeps the half most
/// used since it last made room instead of starting afresh: news repeats its common words,
/// and those stay.
struct WordMemory {
    model: u64,
    slots: FxHashMap<u64, u32>,
    entries: Vec<Remembered>,
    /// Words remembered before the memory makes room.
    capacity: usize,
}

impl WordMemory {
    /// Words remembered per thread (≈ 56 MB).
    const CAPACITY: usize = 100_000;

    /// An empty memory for the model `model`.
    fn new(model: u64, capacity: usize) -> WordMemory {
        WordMemory {
            model,
            slots: FxHashMap::default(),
            entries: Vec::new(),
            capacity,
        }
    }

    /// The hash a word is remembered by.
    fn key(raw: &str) -> u64 {
        mix(fnv(raw.as_bytes()), raw.len() as u64)
    }

    /// Keeps the half of `capacity` used most since the last call (the earlier seen first
    /// among equals), their uses halved so that old favourites fade.
    fn make_room(&mut self) {
        let keep = (self.capacity / 2).max(1);
        if self.entries.len() > keep {
            let mut uses: Vec<u32> = self.entries.iter().map(|e| e.uses).collect();
            let (_, &mut least, _) = uses.select_nth_unstable_by(keep - 1, |a, b| b.cmp(a));
            let above = self.entries.iter().filter(|e| e.uses > least).count();
            let mut ties = keep - above;
            self.entries.retain(|e| {
                if e.uses > least {
                    true
                } else if e.uses == least && ties > 0 {
                    ties -= 1;
                    true
                } else {
                    false
                }
            });
        }
        self.slots.clear();
        for (i, e) in self.entries.iter_mut().enumerate() {
            e.uses /= 2;
            self.slots.insert(e.word, i as u32);
        }
    }
}

/// [`analyse`], remembering on this thread what each word gave (for the model `model_id`,
/// whose resources and flags these are), and pushing each token's [`OwnSums`] (made by
/// `own_sums` the first time a word is seen) onto `sums`. A word's information depends on
/// nothing but the word and the model, and news repeats its words: most tokens of an article
/// were seen in the articles before it. Folding, stemming and the lookups behind them were
/// half the cost of tagging; then the weights of the features a word gives alone, about half
/// the lookups of each token.
pub(crate) fn analyse_cached<S: AsRef<str>>(
    tokens: &[S],
    res: &Resources,
    flags: u32,
    model_id: u64,
    own_sums: impl Fn(&Tok) -> OwnSums,
    sums: &mut Vec<OwnSums>,
) -> Vec<Tok> {
    thread_local! {
        static SEEN: std::cell::RefCell<WordMemory> =
            std::cell::RefCell::new(WordMemory::new(u64::MAX, WordMemory::CAPACITY));
    }
    sums.clear();
    SEEN.with(|seen| {
        let mut memory = seen.borrow_mut();
        if memory.model != model_id {
            *memory = WordMemory::new(model_id, WordMemory::CAPACITY);
        }
        analyse_with(tokens, res, flags, |raw| {
            let word = WordMemory::key(raw);
            if let Some(&slot) = memory.slots.get(&word) {
                let e = &mut memory.entries[slot as usize];
                e.uses = e.uses.saturating_add(1);
                sums.push(e.own);
                return (e.tok, e.surf);
            }
            let (tok, surf) = analyse_token(raw, res, flags);
            let own = own_sums(&tok);
            sums.push(own);
            if memory.entries.len() >= memory.capacity {
                memory.make_room();
            }
            let slot = memory.entries.len() as u32;
            memory.entries.push(Remembered {
                word,
                tok,
                surf,
                own,
                uses: 0,
            });
            memory.slots.insert(word, slot);
            (tok, surf)
        })
    })
}

/// The sentence's tokens from `token` (each token's own information and the hash of its
/// surface form), then the gazetteer matches that span tokens.
fn analyse_with<S: AsRef<str>>(
    tokens: &[S],
    res: &Resources,
    flags: u32,
    mut token: impl FnMut(&str) -> (Tok, u64),
) -> Vec<Tok> {
    let mut surfaces: Vec<u64> = Vec::with_capacity(tokens.len());
    let mut out: Vec<Tok> = Vec::with_capacity(tokens.len());
    for raw in tokens {
        let (t, surf) = token(raw.as_ref());
        out.push(t);
        surfaces.push(surf);
    }
    if flags & (group::GAZETTEERS | group::HARVESTED) != 0 && !res.gaz.is_empty() {
        // Every gazetteer match of every length marks its tokens B/I.
        for i in 0..surfaces.len() {
            let mut h = 0x5151_u64;
            for j in i..surfaces.len().min(i + res.gaz_max) {
                h = mix(h, surfaces[j]);
                if let Some(&bits) = res.gaz.get(&h) {
                    out[i].gaz |= spread(bits, 0);
                    for t in &mut out[i + 1..=j] {
                        t.gaz |= spread(bits, 1);
                    }
                }
                // No entry goes on from these words: longer sequences cannot match.
                if res.gaz_prefixes.as_ref().is_some_and(|p| !p.contains(&h)) {
                    break;
                }
            }
        }
    }
    out
}

/// One token's own information (all but multi-word gazetteer matches), and the hash of its
/// folded surface form.
fn analyse_token(raw: &str, res: &Resources, flags: u32) -> (Tok, u64) {
    let trig = trigger_sets();
    let folded = fold(raw);
    let is_word = folded.chars().any(super::tokenize::is_word_char);
    let surf = surface(&folded);
    let surf_hash = fnv(surf.as_bytes());
    let mut t = Tok {
        norm: surf_hash,
        shape: shape(&folded),
        org_cues: super::orgs::cues(&khabar_text::normalize(raw)),
        ..Tok::default()
    };
    let stripped = if is_word {
        strip_prefix(&folded)
    } else {
        &folded
    };
    let strip_surf = surface(stripped);
    let strip_h = fnv(strip_surf.as_bytes());
    t.skey = if is_word { strip_h } else { NONE };
    if !is_word {
        t.norm = mix(t.norm, 1);
    }
    if flags & group::AFFIXES != 0 {
        t.strip = strip_h;
        t.stem = if is_word {
            fnv(stem(&folded).as_bytes())
        } else {
            t.norm
        };
        for n in 1..=4 {
            t.pre[n - 1] = prefix_chars(&surf, n).map_or(0, |p| fnv(p.as_bytes()));
            t.suf[n - 1] = suffix_chars(&surf, n).map_or(0, |p| fnv(p.as_bytes()));
        }
    }
    if flags & group::LEXICON != 0 {
        t.freq = freq_bucket(&folded, is_word);
    }
    if flags & group::TRIGGERS != 0 {
        for (k, set) in trig.iter().enumerate() {
            if set.contains(&t.norm) || set.contains(&strip_h) {
                t.trig |= 1 << k;
            }
        }
    }
    if flags & (group::GAZETTEERS | group::HARVESTED) != 0 {
        if let Some(&bits) = res.gaz.get(&seq_hash(std::iter::once(strip_surf.as_str()))) {
            t.gaz_strip = spread(bits, 0);
        }
        let proclitics = &folded[..folded.len() - stripped.len()];
        // (بال, وال, لل, وبال …: the article with something before it; لل is ل + ال.)
        if is_word
            && proclitics != "ال"
            && (proclitics.ends_with("ال") || proclitics.ends_with("لل"))
        {
            let with_article = format!("ال{strip_surf}");
            if let Some(&bits) = res
                .gaz
                .get(&seq_hash(std::iter::once(with_article.as_str())))
            {
                t.gaz_al = spread(bits, 0);
                t.cl_al = res.clusters.get(&fnv(with_article.as_bytes())).copied();
            }
        }
    }
    if flags & group::CLUSTERS != 0 {
        t.cl = res
            .clusters
            .get(&t.norm)
            .or_else(|| res.clusters.get(&strip_h))
            .copied();
        t.cl_strip = res.clusters.get(&strip_h).copied();
    }
    if flags & group::DEFINITE != 0 {
        let d = |h: &u64| res.definite.get(h).map_or(9, |&b| b as u64);
        t.def = if is_word { d(&t.norm) } else { 10 };
        t.def_strip = if is_word { d(&strip_h) } else { 10 };
    }
    (t, surf_hash)
}

/// What the gazetteers say of one word as a place (for the place rule, `places.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceGazetteer {
    /// Not listed as a one-word place, or listed under another type too.
    No,
    /// The word as written is a place (المهدية).
    Whole,
    /// The word without its clitics is (بصفاقس, وجربة).
    Stripped,
}

/// B bits of the place type in each gazetteer source, as `Tok::gaz` spreads them:
/// `(source * 4 + type) * 2`.
const LOC_BITS: u16 = 1 << 2 | 1 << 10;
/// The same bits of the other types.
const OTHER_BITS: u16 = 1 | 1 << 4 | 1 << 6 | 1 << 8 | 1 << 12 | 1 << 14;

impl Tok {
    /// What the gazetteers say of this word as a place: a one-word place in some gazetteer,
    /// listed as no person, organisation or other name, and whose distributional cluster is
    /// one of `places` (a word the harvest caught by mistake, ميناء امتياز's امتياز, sits in
    /// a cluster of common nouns).
    pub(crate) fn place_gazetteer(&self, places: &FxHashSet<u16>) -> PlaceGazetteer {
        let in_places = |cl: Option<[u16; 2]>| cl.is_some_and(|[fine, _]| places.contains(&fine));
        let (whole, stripped) = (self.gaz, self.gaz_strip | self.gaz_al);
        if (whole | stripped) & OTHER_BITS != 0 {
            PlaceGazetteer::No
        } else if whole & LOC_BITS != 0 && in_places(self.cl) {
            PlaceGazetteer::Whole
        } else if self.gaz_strip & LOC_BITS != 0 && in_places(self.cl_strip)
            || self.gaz_al & LOC_BITS != 0 && in_places(self.cl_al)
        {
            PlaceGazetteer::Stripped
        } else {
            PlaceGazetteer::No
        }
    }
}

/// Spreads 8 source×type bits into 16 source×type×B/I bits.
fn spread(bits: u8, pos: u16) -> u16 {
    let mut out = 0u16;
    for k in 0..8 {
        if bits & (1 << k) != 0 {
            out |= 1 << (k * 2 + pos);
        }
    }
    out
}

const NONE: u64 = 0xDEAD_BEEF;

/// How far a token's features look on each side.
pub(crate) const REACH: usize = 2;
/// The offsets −[`REACH`]..=[`REACH`], as slots `0..SPAN`.
pub(crate) const SPAN: usize = 2 * REACH + 1;

/// Pushes the feature hashes of token `i` into `out`: the features each token in reach gives
/// alone ([`own_features`]), then those that combine tokens ([`joint_features`]).
pub(crate) fn features(toks: &[Tok], i: usize, flags: u32, out: &mut Vec<u64>) {
    out.clear();
    for d in -(REACH as isize)..=REACH as isize {
        own_features(at(toks, i, d), d, flags, out);
    }
    joint_features(toks, i, flags, out);
}

/// The token `d` places from `i`, if the sentence has one there.
fn at(toks: &[Tok], i: usize, d: isize) -> Option<&Tok> {
    let j = i as isize + d;
    if j < 0 {
        None
    } else {
        toks.get(j as usize)
    }
}

/// Pushes the features that the token `d` places from the tagged one gives whatever its
/// neighbours are (`None`: the sentence ends there). A word's own features are the same
/// wherever it stands, so the tagger sums their weights once per word and offset (see
/// `Model::labels_doc`); together with [`joint_features`] they are exactly [`features`].
pub(crate) fn own_features(t: Option<&Tok>, d: isize, flags: u32, out: &mut Vec<u64>) {
    let norm = t.map_or(NONE, |t| t.norm);
    let strip = t.map_or(NONE, |t| t.strip);
    let stem = t.map_or(NONE, |t| t.stem);
    let trig = t.map_or(8, |t| t.trig as u64);
    let cl = t.and_then(|t| t.cl);
    let fine = cl.map_or(NONE, |x| x[0] as u64);
    let coarse = cl.map_or(NONE, |x| x[1] as u64);
    let words = flags & group::WORDS != 0;
    let affixes = flags & group::AFFIXES != 0;
    let triggers = flags & group::TRIGGERS != 0;
    let clusters = flags & group::CLUSTERS != 0;
    match d {
        -2 => {
            if words {
                out.push(feat(4, norm));
            }
            if triggers {
                out.push(feat(52, trig));
            }
            if clusters {
                out.push(feat(89, fine));
            }
        }
        -1 | 1 => {
            // The templates of the word before, and of the word after.
            let [t_norm, t_strip, t_stem, t_trig, t_fine, t_coarse] = if d < 0 {
                [2, 28, 30, 51, 82, 84]
            } else {
                [3, 29, 31, 53, 83, 85]
            };
            if words {
                out.push(feat(t_norm, norm));
            }
            if affixes {
                out.push(feat(t_strip, strip));
                out.push(feat(t_stem, stem));
            }
            if triggers {
                out.push(feat(t_trig, trig));
            }
            if clusters {
                out.push(feat(t_fine, fine));
                out.push(feat(t_coarse, coarse));
            }
        }
        2 => {
            if words {
                out.push(feat(5, norm));
            }
            if clusters {
                out.push(feat(79, fine));
            }
        }
        0 => {
            let Some(t) = t else { return };
            own_features_at_zero(t, flags, out);
        }
        _ => {}
    }
}

/// [`own_features`] of the tagged token itself.
fn own_features_at_zero(t: &Tok, flags: u32, out: &mut Vec<u64>) {
    out.push(feat(0, 0));
    if flags & group::WORDS != 0 {
        out.push(feat(1, t.norm));
        out.push(feat(8, t.shape));
    }
    if flags & group::AFFIXES != 0 {
        out.push(feat(20, t.strip));
        out.push(feat(21, t.stem));
        for n in 0..4 {
            if t.pre[n] != 0 {
                out.push(feat(22 + n as u64, t.pre[n]));
            }
            if t.suf[n] != 0 {
                out.push(feat(32 + n as u64, t.suf[n]));
            }
        }
    }
    if flags & group::LEXICON != 0 {
        out.push(feat(40, t.freq));
        out.push(feat(43, mix(t.freq, t.shape)));
    }
    if flags & group::TRIGGERS != 0 {
        out.push(feat(50, t.trig as u64));
    }
    for (flag, source) in [(group::GAZETTEERS, 0), (group::HARVESTED, 1)] {
        if flags & flag == 0 {
            continue;
        }
        let mask: u16 = 0xFF << (source * 8);
        let tid = 60 + source as u64 * 10;
        let s = t.gaz_strip & mask;
        for k in 0..16 {
            if s & (1 << k) != 0 {
                out.push(feat(tid + 3, k));
            }
        }
    }
    if flags & group::CLUSTERS != 0 {
        out.push(feat(80, t.cl.map_or(NONE, |x| x[0] as u64)));
        out.push(feat(81, t.cl.map_or(NONE, |x| x[1] as u64)));
        out.push(feat(88, t.cl_strip.map_or(NONE, |x| x[0] as u64)));
    }
    if flags & group::DEFINITE != 0 {
        out.push(feat(100, t.def));
        out.push(feat(101, t.def_strip));
        out.push(feat(
            104,
            mix(t.def_strip, t.cl.map_or(NONE, |x| x[1] as u64)),
        ));
    }
}

/// Pushes the features of token `i` that read two tokens at once (word bigrams, shape and
/// cluster pairs), or where the token stands in a multi-word gazetteer match.
pub(crate) fn joint_features(toks: &[Tok], i: usize, flags: u32, out: &mut Vec<u64>) {
    let at = |d: isize| at(toks, i, d);
    let t = &toks[i];
    let norm = |d: isize| at(d).map_or(NONE, |t| t.norm);
    if flags & group::WORDS != 0 {
        out.push(feat(6, mix(norm(-1), t.norm)));
        out.push(feat(7, mix(t.norm, norm(1))));
        out.push(feat(9, mix(at(-1).map_or(NONE, |t| t.shape), t.shape)));
        out.push(feat(10, mix(t.shape, at(1).map_or(NONE, |t| t.shape))));
    }
    if flags & group::LEXICON != 0 {
        let f = |d: isize| at(d).map_or(NONE, |t| t.freq);
        out.push(feat(41, mix(f(-1), t.freq)));
        out.push(feat(42, mix(t.freq, f(1))));
    }
    if flags & group::TRIGGERS != 0 {
        let g = |d: isize| at(d).map_or(8, |t| t.trig as u64);
        out.push(feat(54, mix(g(-1), t.freq)));
    }
    for (flag, source) in [(group::GAZETTEERS, 0), (group::HARVESTED, 1)] {
        if flags & flag == 0 {
            continue;
        }
        let mask: u16 = 0xFF << (source * 8);
        let bits = |d: isize| at(d).map_or(0, |t| t.gaz & mask);
        let tid = 60 + source as u64 * 10;
        for (d, off) in [(0isize, 0u64), (-1, 1), (1, 2)] {
            let b = bits(d);
            for k in 0..16 {
                if b & (1 << k) != 0 {
                    out.push(feat(tid + off, k));
                }
            }
        }
        if bits(0) == 0 && t.gaz_strip & mask == 0 {
            out.push(feat(tid + 4, 0));
        }
    }
    if flags & group::CLUSTERS != 0 {
        let coarse = |d: isize| at(d).and_then(|t| t.cl).map_or(NONE, |x| x[1] as u64);
        out.push(feat(86, mix(coarse(-1), coarse(0))));
        out.push(feat(87, mix(coarse(0), coarse(1))));
        out.push(feat(78, mix(norm(-1), coarse(0))));
    }
    if flags & group::DEFINITE != 0 {
        let d = |k: isize| at(k).map_or(NONE, |t| t.def);
        out.push(feat(102, mix(d(-1), t.def)));
        out.push(feat(103, mix(t.def, d(1))));
    }
}

/// What the first-stage model said about each word of a document: counts of its labels,
/// collapsed to type (O, PERS, LOC, ORG, MISC), keyed by surface and by clitic-stripped form.
#[derive(Debug, Default)]
pub(crate) struct DocMemory {
    counts: FxHashMap<u64, [u32; 5]>,
}

fn kind(label: usize) -> usize {
    match label {
        0 => 0,
        1..=4 => label,
        _ => label - 4,
    }
}

impl DocMemory {
    /// Records every token of a document with its first-stage label.
    pub fn add(&mut self, toks: &[Tok], labels: &[usize]) {
        for (t, &l) in toks.iter().zip(labels) {
            if t.skey == NONE {
                continue;
            }
            self.counts.entry(mix(t.norm, 7)).or_default()[kind(l)] += 1;
            self.counts.entry(mix(t.skey, 8)).or_default()[kind(l)] += 1;
        }
    }

    /// Pushes the document features of token `i` (Krishnan & Manning 2006 style
    /// non-local consistency, by stacking a second model on the first one's output):
    /// the first-stage label of the token and its neighbours, and the type the first stage
    /// gave the same word elsewhere in the document.
    pub fn features(&self, toks: &[Tok], labels: &[usize], i: usize, out: &mut Vec<u64>) {
        let l = |d: isize| -> u64 {
            let j = i as isize + d;
            if j < 0 || j as usize >= labels.len() {
                99
            } else {
                labels[j as usize] as u64
            }
        };
        out.push(feat(90, l(0)));
        out.push(feat(91, mix(l(-1), l(0))));
        out.push(feat(92, mix(l(0), l(1))));
        let t = &toks[i];
        if t.skey == NONE {
            return;
        }
        let own = kind(labels[i]);
        for (tid, key) in [(93u64, mix(t.norm, 7)), (94, mix(t.skey, 8))] {
            let Some(c) = self.counts.get(&key) else {
                continue;
            };
            let mut c = *c;
            c[own] = c[own].saturating_sub(1);
            let ent: u32 = c[1..].iter().sum();
            let total = ent + c[0];
            if total == 0 {
                out.push(feat(tid, 50));
                continue;
            }
            if ent == 0 {
                out.push(feat(tid, 40));
                continue;
            }
            let (best, _) = (1..5)
                .map(|k| (k, c[k]))
                .max_by_key(|x| (x.1, 5 - x.0))
                .unwrap_or((0, 0));
            let share = if ent * 2 >= total { 1 } else { 0 };
            out.push(feat(tid, best as u64 * 2 + share));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remembered(word: u64, uses: u32) -> Remembered {
        Remembered {
            word,
            tok: Tok::default(),
            surf: word,
            own: [[[0; super::super::model::L]; SPAN]; 2],
            uses,
        }
    }

    #[test]
    fn making_room_keeps_the_most_used_half_in_order() {
        let mut memory = WordMemory::new(0, 6);
        for (word, uses) in [(1, 5), (2, 0), (3, 3), (4, 3), (5, 9), (6, 3), (7, 0)] {
            memory.slots.insert(word, memory.entries.len() as u32);
            memory.entries.push(remembered(word, uses));
        }
        memory.make_room();
        // Three kept: the two used more than the third-most (5 and 9 uses), then the first
        // of the words tied at 3; in the order they were seen, their uses halved.
        let kept: Vec<(u64, u32)> = memory.entries.iter().map(|e| (e.word, e.uses)).collect();
        assert_eq!(kept, [(1, 2), (3, 1), (5, 4)]);
        for (slot, e) in memory.entries.iter().enumerate() {
            assert_eq!(memory.slots.get(&e.word), Some(&(slot as u32)));
        }
        assert_eq!(memory.slots.len(), 3);
    }

    proptest::proptest! {
        /// Matching stops where no entry goes on (the prefixes a model keeps), and finds the
        /// same gazetteer matches as trying every length up to the longest entry.
        #[test]
        fn pruned_gazetteer_matching_finds_what_every_length_finds(
            entries in proptest::collection::vec(
                (proptest::collection::vec(0usize..6, 1..5), 0usize..3), 0..12),
            text in proptest::collection::vec(0usize..6, 0..30),
        ) {
            let vocab = ["تونس", "الحبيب", "بورقيبة", "شارع", "مدينة", "قرطاج"];
            let mut res = Resources::default();
            for (words, ty) in &entries {
                let entry: Vec<&str> = words.iter().map(|&w| vocab[w]).collect();
                let ty = [EntityType::Pers, EntityType::Loc, EntityType::Org][*ty];
                res.add_entry(GazetteerSource::Harvested, ty, &entry.join(" "));
            }
            let tokens: Vec<&str> = text.iter().map(|&w| vocab[w]).collect();
            let flags = group::HARVESTED;
            let pruned = analyse(&tokens, &res, flags);
            res.gaz_prefixes = None;
            let every = analyse(&tokens, &res, flags);
            let bits = |v: &[Tok]| v.iter().map(|t| t.gaz).collect::<Vec<_>>();
            proptest::prop_assert_eq!(bits(&pruned), bits(&every));
        }
    }

    #[test]
    fn words_are_remembered_by_what_is_written() {
        // Forms that fold alike are still different words to the memory: their analyses
        // differ (shape, affixes), so they must not share one.
        let forms = ["أحمد", "احمد", "أحمدُ", "أحمـد", "وأحمد"];
        let keys: FxHashSet<u64> = forms.iter().map(|w| WordMemory::key(w)).collect();
        assert_eq!(keys.len(), forms.len());
    }
}
