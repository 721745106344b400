//! The tagger: a first-order structured perceptron with weight averaging (Collins 2002,
//! "Discriminative training methods for hidden Markov models") or a linear-chain CRF trained by
//! SGD, decoded by Viterbi under IOB2 constraints (`I-X` only after `B-X` or `I-X`); optionally
//! two stages, the second stacked on the first's document-level output (Krishnan & Manning
//! 2006, "An effective two-stage model for exploiting non-local dependencies in NER").

use rustc_hash::FxHashMap;

use super::features::{self, analyse, group, OwnSums, Resources, Tok, REACH, SPAN};
use super::{ModelError, Sentence, TrainError, TrainOptions};
use crate::EntityType;

/// Number of labels: O, B-{PERS,LOC,ORG,MISC}, I-{PERS,LOC,ORG,MISC}.
pub(crate) const L: usize = 9;
const START: usize = L;

pub(crate) const TYPES: [EntityType; 4] = [
    EntityType::Pers,
    EntityType::Loc,
    EntityType::Org,
    EntityType::Misc,
];

pub(crate) fn label_of(tag: &str) -> Option<usize> {
    if tag == "O" {
        return Some(0);
    }
    let (p, ty) = tag.split_once('-')?;
    let t = features::type_index(EntityType::parse(ty)?);
    match p {
        "B" => Some(1 + t),
        "I" => Some(5 + t),
        _ => None,
    }
}

pub(crate) fn tag_of(label: usize) -> String {
    match label {
        0 => "O".to_owned(),
        1..=4 => format!("B-{}", TYPES[label - 1].as_str()),
        _ => format!("I-{}", TYPES[label - 5].as_str()),
    }
}

/// True when `cur` may follow `prev` (START for the first token).
fn allowed(prev: usize, cur: usize) -> bool {
    if cur >= 5 {
        prev != START && prev != 0 && (prev - 1) % 4 == (cur - 5) % 4
    } else {
        true
    }
}

/// A trained tagger: one or two stages of feature and transition weights, and the hashed
/// gazetteers and clusters its features read. With two stages, the second sees the first
/// stage's labels for the whole document (see `features::DocMemory`).
#[derive(Debug, Clone)]
pub struct Model {
    /// Unique to this model in this process: what the tagger's per-thread word memory is
    /// keyed by (see [`features::analyse_cached`]).
    pub(crate) id: u64,
    pub(crate) flags: u32,
    pub(crate) res: Resources,
    pub(crate) stages: Vec<Stage>,
    /// Whether organisation names built on a construct noun are marked after tagging (see
    /// the `orgs` module). On unless turned off to measure the tagger alone.
    pub(crate) organisation_rule: bool,
    /// The distributional clusters of place names (see `Resources::place_clusters`), found
    /// the first time the place rule runs.
    pub(crate) place_clusters: std::sync::OnceLock<rustc_hash::FxHashSet<u16>>,
}

/// A number no other model of this process has.
fn next_model_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The weights of one stage.
#[derive(Debug, Clone)]
pub(crate) struct Stage {
    /// Feature hash → quantised weights per label (real weight = value × `scale`).
    pub(crate) weights: WeightTable,
    pub(crate) scale: f32,
    pub(crate) trans: [[f32; L]; L + 1],
}

/// One feature's weights, with its key beside them: a lookup touches one cache line.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    key: u64,
    weights: [i16; L],
}

/// An open-addressing hash table (linear probing, at most half full) from feature hashes to
/// quantised weight rows, read once per feature per token when tagging.
///
/// Why not a `HashMap<u64, u32>` into a `Vec` of rows, as before: tagging is bound by memory
/// latency, a few hundred thousand rows looked up at random a hundred times per token, and that
/// layout cost three cache misses per known feature (control bytes, key, row) where this costs
/// one (two slots per 64-byte line); most features of running text are unknown to the model,
/// and those usually end at the first slot read too. Keys are hashes already, so the slot is
/// their top bits after one multiplication. Key 0 marks an empty slot; a feature whose hash is
/// 0 is kept aside.
///
/// Most lookups are of features the model does not know, and the table (a few MB a stage)
/// lives in the shared cache at best. A filter of at least 16 bits per key, one set for each
/// key kept (an eighth of a MB a stage, which stays in the core's own cache), answers 15 of 16
/// of those without reading a slot; a set bit only says "maybe", and the slots decide.
/// `khabar extract` of 4,000 SaudiNewsNet articles: 11 % less time.
#[derive(Debug, Clone, Default)]
pub(crate) struct WeightTable {
    slots: Vec<Slot>,
    shift: u32,
    zero: Option<[i16; L]>,
    len: usize,
    /// One bit per hash value of [`WeightTable::filter_bit`]: set when some key kept has it.
    filter: Vec<u64>,
    filter_shift: u32,
}

impl WeightTable {
    fn with_capacity(n: usize) -> WeightTable {
        let size = (n.max(1) * 2).next_power_of_two().max(16);
        let bits = (size * 8).max(64);
        WeightTable {
            slots: vec![Slot::default(); size],
            shift: 64 - size.trailing_zeros(),
            zero: None,
            len: 0,
            filter: vec![0; bits / 64],
            filter_shift: 64 - bits.trailing_zeros(),
        }
    }

    /// The filter bit of a key, as (word, mask): other bits of the key than the slot's
    /// (another multiplier).
    #[inline]
    fn filter_bit(&self, key: u64) -> (usize, u64) {
        let bit = (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> self.filter_shift) as usize;
        (bit / 64, 1 << (bit % 64))
    }

    /// False when no key kept has `key`'s filter bit: the table surely lacks it.
    #[inline]
    fn may_hold(&self, key: u64) -> bool {
        let (word, mask) = self.filter_bit(key);
        self.filter[word] & mask != 0
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Adds a row (rows are added once each: keys are unique).
    fn insert(&mut self, key: u64, weights: [i16; L]) {
        self.len += 1;
        if key == 0 {
            self.zero = Some(weights);
            return;
        }
        let (word, mask) = self.filter_bit(key);
        self.filter[word] |= mask;
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i].key != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot { key, weights };
    }

    #[inline]
    fn get(&self, key: u64) -> Option<&[i16; L]> {
        if key == 0 {
            return self.zero.as_ref();
        }
        if !self.may_hold(key) {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                return Some(&slot.weights);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    /// Every row, by key.
    fn sorted(&self) -> Vec<(u64, [i16; L])> {
        let mut rows: Vec<(u64, [i16; L])> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, s.weights))
            .chain(self.zero.map(|w| (0, w)))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }
}

impl Stage {
    /// Labels of one sentence, from every feature of each token.
    fn decode(&self, feats: &[Vec<u64>], out: &mut Vec<usize>) {
        let em: Vec<[f32; L]> = feats
            .iter()
            .map(|fs| {
                let mut sum = [0i32; L];
                self.add_weights(&mut sum, fs);
                self.scaled(sum)
            })
            .collect();
        viterbi(&em, &self.trans, out);
    }

    /// Labels of one sentence, from each token's `partial` sums (its neighbours' and its own
    /// features, summed ahead) and the features in `rest`.
    fn decode_partial(&self, partial: &[[i32; L]], rest: &Flat, out: &mut Vec<usize>) {
        let em: Vec<[f32; L]> = partial
            .iter()
            .enumerate()
            .map(|(i, &sum)| {
                let mut sum = sum;
                self.add_weights(&mut sum, rest.token(i));
                self.scaled(sum)
            })
            .collect();
        viterbi(&em, &self.trans, out);
    }

    /// Adds the quantised weights of `feats` to `sum`. Integer sums, scaled once: exact
    /// whatever the order, and cheaper.
    #[inline]
    fn add_weights(&self, sum: &mut [i32; L], feats: &[u64]) {
        for &f in feats {
            if let Some(w) = self.weights.get(f) {
                for (s, &v) in sum.iter_mut().zip(w) {
                    *s += i32::from(v);
                }
            }
        }
    }

    #[inline]
    fn scaled(&self, sum: [i32; L]) -> [f32; L] {
        sum.map(|s| s as f32 * self.scale)
    }

    /// A stage from trained weights, quantised to 16 bits with one scale (as the model file
    /// stores them, so that a trained model and the same model read back tag alike).
    fn quantised(rows: &[(u64, [f32; L])], trans: [[f32; L]; L + 1]) -> Stage {
        let max = rows
            .iter()
            .flat_map(|r| r.1.iter())
            .fold(0f32, |m, v| m.max(v.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut weights = WeightTable::with_capacity(rows.len());
        for (k, row) in rows {
            weights.insert(*k, row.map(|v| (v / scale).round() as i16));
        }
        Stage {
            weights,
            scale,
            trans,
        }
    }
}

/// Sentences per document when a list of sentences has no document boundaries (CoNLL files):
/// about one ANERcorp article.
pub(crate) const DOC_SENTENCES: usize = 30;

/// The labels label `c` may follow inside a sentence ([`allowed`]): any for O and B-X, only
/// B-X and I-X for I-X.
fn predecessors(c: usize) -> &'static [u8] {
    const ANY: [u8; L] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const INSIDE: [[u8; 2]; 4] = [[1, 5], [2, 6], [3, 7], [4, 8]];
    if c >= 5 {
        &INSIDE[c - 5]
    } else {
        &ANY
    }
}

/// Viterbi over emission scores `em` (one row per token) and transitions.
fn viterbi(em: &[[f32; L]], trans: &[[f32; L]; L + 1], out: &mut Vec<usize>) {
    out.clear();
    let n = em.len();
    if n == 0 {
        return;
    }
    // Forbidden transitions weigh −∞: the inner loop needs no test (−∞ never wins, as a
    // skipped predecessor never did, so the path and its ties are the same).
    let mut open = [[f32::NEG_INFINITY; L]; L + 1];
    for (p, row) in open.iter_mut().enumerate() {
        for (c, w) in row.iter_mut().enumerate() {
            if allowed(p, c) {
                *w = trans[p][c];
            }
        }
    }
    let mut back = vec![[0u8; L]; n];
    let mut score = [f32::NEG_INFINITY; L];
    for (c, s) in score.iter_mut().enumerate() {
        *s = open[START][c] + em[0][c];
    }
    // Only the labels each label may follow: the others weigh −∞ and never win, so skipping
    // them keeps the same paths and ties.
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; L];
        for c in 0..L {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for &p in predecessors(c) {
                let s = score[p as usize] + open[p as usize][c];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            next[c] = best + em[i][c];
            back[i][c] = arg;
        }
        score = next;
    }
    let mut last = 0;
    for c in 0..L {
        if score[c] > score[last] {
            last = c;
        }
    }
    out.resize(n, 0);
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i]] as usize;
    }
}

impl Model {
    /// Labels of the sentences of one document (tokens as written); indices into O, B-*, I-*.
    ///
    /// A token's features are those each word in reach gives alone, whose weights are summed
    /// once per word (see [`features::analyse_cached`]), and those that combine words, looked
    /// up here: the same features and weights as in training (`labels_doc_reference`
    /// in the tests), in half the lookups.
    pub(crate) fn labels_doc<S: AsRef<str>>(&self, doc: &[&[S]]) -> Vec<Vec<usize>> {
        let flags = self.flags;
        let own_sums = |t: &Tok| {
            let mut sums = [[[0i32; L]; SPAN]; 2];
            let mut feats = Vec::with_capacity(32);
            for (stage, per_offset) in self.stages.iter().zip(sums.iter_mut()) {
                for (slot, sum) in per_offset.iter_mut().enumerate() {
                    feats.clear();
                    features::own_features(
                        Some(t),
                        slot as isize - REACH as isize,
                        flags,
                        &mut feats,
                    );
                    stage.add_weights(sum, &feats);
                }
            }
            sums
        };
        // What the offsets past a sentence's ends give, per stage.
        let mut edge = [[[0i32; L]; SPAN]; 2];
        let mut feats = Vec::with_capacity(32);
        for (stage, per_offset) in self.stages.iter().zip(edge.iter_mut()) {
            for (slot, sum) in per_offset.iter_mut().enumerate() {
                if slot != REACH {
                    feats.clear();
                    features::own_features(None, slot as isize - REACH as isize, flags, &mut feats);
                    stage.add_weights(sum, &feats);
                }
            }
        }
        let mut sums = Vec::new();
        let mut toks: Vec<Vec<Tok>> = Vec::with_capacity(doc.len());
        let mut partial: Vec<[Vec<[i32; L]>; 2]> = Vec::with_capacity(doc.len());
        for s in doc {
            let t = features::analyse_cached(s, &self.res, flags, self.id, own_sums, &mut sums);
            partial.push([0, 1].map(|stage| partial_sums(&sums, &edge[stage], stage)));
            toks.push(t);
        }
        let joint: Vec<Flat> = toks
            .iter()
            .map(|t| {
                let mut flat = Flat::default();
                for i in 0..t.len() {
                    features::joint_features(t, i, flags, &mut flat.feats);
                    flat.end_token();
                }
                flat
            })
            .collect();
        let mut labels: Vec<Vec<usize>> = joint
            .iter()
            .zip(&partial)
            .map(|(f, p)| {
                let mut out = Vec::new();
                self.stages[0].decode_partial(&p[0], f, &mut out);
                out
            })
            .collect();
        if let Some(second) = self.stages.get(1) {
            let mut mem = features::DocMemory::default();
            for (t, l) in toks.iter().zip(&labels) {
                mem.add(t, l);
            }
            let mut stacked = Flat::default();
            for s in 0..toks.len() {
                stacked.clear();
                for i in 0..toks[s].len() {
                    stacked.feats.extend_from_slice(joint[s].token(i));
                    mem.features(&toks[s], &labels[s], i, &mut stacked.feats);
                    stacked.end_token();
                }
                second.decode_partial(&partial[s][1], &stacked, &mut labels[s]);
            }
        }
        if self.organisation_rule {
            let places = self
                .place_clusters
                .get_or_init(|| self.res.place_clusters());
            for ((words, toks), out) in doc.iter().zip(&toks).zip(labels.iter_mut()) {
                super::orgs::cut_at_particles(words, out);
                super::orgs::mark_where(words, out, |k| toks[k].org_cues);
                super::places::mark_where(words, out, |k| toks[k].place_gazetteer(places));
                super::places::mark_facilities(words, out);
                super::places::mark_countries(words, out);
            }
        }
        labels
    }

    /// True when the folded word names a place the model's gazetteers know, in a
    /// distributional cluster of place names (سوسه, صفاقس, الطايف).
    pub fn is_place_word(&self, word: &str) -> bool {
        let places = self
            .place_clusters
            .get_or_init(|| self.res.place_clusters());
        self.res.is_place_word(word, places)
    }

    /// Turns the organisation rule (construct names such as وزارة الداخلية, marked after
    /// tagging) on or off; it is on by default. Off measures the statistical tagger alone.
    pub fn set_organisation_rule(&mut self, on: bool) {
        self.organisation_rule = on;
    }

    /// Number of feature rows kept in the model (all stages).
    pub fn feature_count(&self) -> usize {
        self.stages.iter().map(|s| s.weights.len()).sum()
    }
}

/// The features of a sentence's tokens in one buffer: token `i`'s are
/// `feats[ends[i - 1]..ends[i]]`.
#[derive(Debug, Default)]
struct Flat {
    feats: Vec<u64>,
    ends: Vec<usize>,
}

impl Flat {
    /// Ends the current token: the features pushed since the last call are its own.
    fn end_token(&mut self) {
        self.ends.push(self.feats.len());
    }

    fn token(&self, i: usize) -> &[u64] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.feats[start..self.ends[i]]
    }

    fn clear(&mut self) {
        self.feats.clear();
        self.ends.clear();
    }
}

/// Each token's sum, for one stage, of the own-feature weights of the words in its reach
/// (`sums`, one per token of the sentence), with `edge` where the reach passes an end.
fn partial_sums(sums: &[OwnSums], edge: &[[i32; L]; SPAN], stage: usize) -> Vec<[i32; L]> {
    let n = sums.len();
    (0..n)
        .map(|i| {
            let mut total = [0i32; L];
            for (slot, edge_sum) in edge.iter().enumerate() {
                let j = i as isize + slot as isize - REACH as isize;
                let add = if j < 0 || j >= n as isize {
                    edge_sum
                } else {
                    &sums[j as usize][stage][slot]
                };
                for (t, &v) in total.iter_mut().zip(add) {
                    *t += v;
                }
            }
            total
        })
        .collect()
}

fn base_features(toks: &[Tok], flags: u32) -> Vec<Vec<u64>> {
    let mut fs = Vec::with_capacity(64);
    (0..toks.len())
        .map(|i| {
            features::features(toks, i, flags, &mut fs);
            fs.clone()
        })
        .collect()
}

/// Base features plus document features from first-stage labels, for the sentences of one
/// document.
fn stacked_features(
    toks: &[Vec<Tok>],
    mut base: Vec<Vec<Vec<u64>>>,
    labels: &[Vec<usize>],
) -> Vec<Vec<Vec<u64>>> {
    let mut mem = features::DocMemory::default();
    for (t, l) in toks.iter().zip(labels) {
        mem.add(t, l);
    }
    for ((t, l), fs) in toks.iter().zip(labels).zip(base.iter_mut()) {
        for (i, f) in fs.iter_mut().enumerate() {
            mem.features(t, l, i, f);
        }
    }
    base
}

/// A deterministic xorshift generator for the epoch shuffles.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Hashed features and gold labels of training sentences.
type Hashed = (Vec<Vec<u64>>, Vec<usize>);

pub(crate) fn train(data: &[Sentence], opts: &TrainOptions) -> Result<Model, TrainError> {
    let flags = opts.features | group::WORDS;
    let mut res = Resources::default();
    for g in &opts.gazetteers {
        for e in &g.entries {
            res.add_entry(g.source, g.ty, e);
        }
    }
    for (w, ids) in &opts.clusters {
        res.add_cluster(w, *ids);
    }
    for (w, b) in &opts.definite {
        res.add_definite(w, *b);
    }
    let mut toks = Vec::with_capacity(data.len());
    let mut golds = Vec::with_capacity(data.len());
    for s in &data
        .iter()
        .filter(|s| !s.tokens.is_empty())
        .collect::<Vec<_>>()
    {
        if s.tokens.len() != s.tags.len() {
            return Err(TrainError::Misaligned { line: s.line });
        }
        let mut gold = Vec::with_capacity(s.tags.len());
        for t in &s.tags {
            gold.push(label_of(t).ok_or_else(|| TrainError::UnknownTag {
                line: s.line,
                tag: t.clone(),
            })?);
        }
        toks.push(analyse(&s.tokens, &res, flags));
        golds.push(gold);
    }
    if toks.is_empty() {
        return Err(TrainError::NoData);
    }
    let base: Vec<Vec<Vec<u64>>> = toks.iter().map(|t| base_features(t, flags)).collect();
    let hashed: Vec<Hashed> = base.iter().cloned().zip(golds.iter().cloned()).collect();
    let first = learn(&hashed, opts);
    let mut stages = vec![first];
    if opts.two_stage {
        // First-stage labels of the training data by jackknifing: each fold is labelled by a
        // first stage trained without it, so the second stage learns how far to trust labels
        // made on unseen text.
        let n = hashed.len();
        let folds = 5.min(n);
        let mut labels: Vec<Vec<usize>> = vec![Vec::new(); n];
        for k in 0..folds {
            let (lo, hi) = (k * n / folds, (k + 1) * n / folds);
            let rest: Vec<Hashed> = hashed[..lo].iter().chain(&hashed[hi..]).cloned().collect();
            let stage = if rest.is_empty() {
                stages[0].clone()
            } else {
                learn(&rest, opts)
            };
            for i in lo..hi {
                stage.decode(&hashed[i].0, &mut labels[i]);
            }
        }
        let mut second: Vec<Hashed> = Vec::with_capacity(n);
        let mut start = 0;
        while start < n {
            let end = (start + DOC_SENTENCES).min(n);
            let feats = stacked_features(
                &toks[start..end],
                base[start..end].to_vec(),
                &labels[start..end],
            );
            second.extend(feats.into_iter().zip(golds[start..end].iter().cloned()));
            start = end;
        }
        stages.push(learn(&second, opts));
    }
    let model = Model {
        organisation_rule: true,
        place_clusters: Default::default(),
        id: next_model_id(),
        flags,
        res,
        stages,
    };
    // What ships is what is serialised: round-trip so the quantised weights are the ones used.
    Ok(Model::from_bytes(&model.to_bytes()).expect("a model reads back what it writes"))
}

/// Trains one stage on hashed features.
fn learn(data: &[Hashed], opts: &TrainOptions) -> Stage {
    let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
    let mut hashes: Vec<u64> = Vec::new();
    let sents: Vec<(Vec<Vec<u32>>, Vec<usize>)> = data
        .iter()
        .map(|(feats, gold)| {
            let f = feats
                .iter()
                .map(|fs| {
                    fs.iter()
                        .map(|&h| {
                            *ids.entry(h).or_insert_with(|| {
                                hashes.push(h);
                                (hashes.len() - 1) as u32
                            })
                        })
                        .collect()
                })
                .collect();
            (f, gold.clone())
        })
        .collect();
    let nf = hashes.len();
    let (wf, tf) = match opts.algorithm {
        super::Algorithm::Perceptron => perceptron(&sents, nf, opts.epochs),
        super::Algorithm::Crf { l2, eta } => crf_sgd(&sents, nf, opts.epochs, l2, eta),
    };
    // Pruned: a row whose largest |weight| is below the threshold is dropped.
    let mut rows: Vec<(u64, [f32; L])> = Vec::new();
    for f in 0..nf {
        let mut row = [0f32; L];
        let mut max = 0f32;
        for l in 0..L {
            row[l] = wf[f][l] as f32;
            max = max.max(row[l].abs());
        }
        if max >= opts.prune && max > 0.0 {
            rows.push((hashes[f], row));
        }
    }
    rows.sort_by_key(|r| r.0);
    let mut trans = [[0f32; L]; L + 1];
    for p in 0..=L {
        for l in 0..L {
            trans[p][l] = tf[p][l] as f32;
        }
    }
    Stage::quantised(&rows, trans)
}

type Data = [(Vec<Vec<u32>>, Vec<usize>)];
type Weights = (Vec<[f64; L]>, [[f64; L]; L + 1]);

/// Averaged structured perceptron (Collins 2002); averaging by the w − u/c trick (Daumé 2006).
fn perceptron(sents: &Data, nf: usize, epochs: usize) -> Weights {
    // Current weights and the running sums for averaging (w_avg = w - u / c).
    let mut w = vec![[0f64; L]; nf];
    let mut u = vec![[0f64; L]; nf];
    let mut tw = [[0f64; L]; L + 1];
    let mut tu = [[0f64; L]; L + 1];
    let mut c: f64 = 1.0;
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut pred = Vec::new();
    for _epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            let (feats, gold) = &sents[k];
            let mut em = vec![[0f32; L]; feats.len()];
            for (row, fv) in em.iter_mut().zip(feats) {
                for &f in fv {
                    let wf = &w[f as usize];
                    for l in 0..L {
                        row[l] += wf[l] as f32;
                    }
                }
            }
            let mut trans = [[0f32; L]; L + 1];
            for p in 0..=L {
                for l in 0..L {
                    trans[p][l] = tw[p][l] as f32;
                }
            }
            viterbi(&em, &trans, &mut pred);
            if pred != *gold {
                for i in 0..gold.len() {
                    let (g, p) = (gold[i], pred[i]);
                    let gp = if i == 0 { START } else { gold[i - 1] };
                    let pp = if i == 0 { START } else { pred[i - 1] };
                    if g != p {
                        for &f in &feats[i] {
                            let f = f as usize;
                            w[f][g] += 1.0;
                            u[f][g] += c;
                            w[f][p] -= 1.0;
                            u[f][p] -= c;
                        }
                    }
                    if g != p || gp != pp {
                        tw[gp][g] += 1.0;
                        tu[gp][g] += c;
                        tw[pp][p] -= 1.0;
                        tu[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
    }
    let avg = (0..nf)
        .map(|f| {
            let mut row = [0f64; L];
            for l in 0..L {
                row[l] = w[f][l] - u[f][l] / c;
            }
            row
        })
        .collect();
    let mut t = [[0f64; L]; L + 1];
    for p in 0..=L {
        for l in 0..L {
            t[p][l] = tw[p][l] - tu[p][l] / c;
        }
    }
    (avg, t)
}

fn logsumexp(xs: &[f64]) -> f64 {
    let m = xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + xs.iter().map(|x| (x - m).exp()).sum::<f64>().ln()
}

/// Linear-chain CRF (Lafferty, McCallum & Pereira 2001) trained by stochastic gradient ascent
/// on the L2-regularised log-likelihood, one sentence per step, learning rate
/// eta / (1 + eta·λ·t), weight decay folded into one scale factor (Bottou, "Stochastic
/// gradient descent tricks", 2012; as in his crfsgd). IOB2-impossible transitions are excluded
/// from the partition function as they are from decoding.
fn crf_sgd(sents: &Data, nf: usize, epochs: usize, l2: f64, eta0: f64) -> Weights {
    let n = sents.len() as f64;
    let lambda = l2 / n;
    let mut v = vec![[0f64; L]; nf];
    let mut scale = 1.0f64;
    let mut tw = [[0f64; L]; L + 1];
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut t = 0f64;
    let ninf = f64::NEG_INFINITY;
    for _epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            let (feats, gold) = &sents[k];
            let m = feats.len();
            let eta = eta0 / (1.0 + eta0 * lambda * t);
            t += 1.0;
            // Emissions.
            let mut em = vec![[0f64; L]; m];
            for (row, fv) in em.iter_mut().zip(feats) {
                for &f in fv {
                    let vf = &v[f as usize];
                    for l in 0..L {
                        row[l] += vf[l];
                    }
                }
                for x in row.iter_mut() {
                    *x *= scale;
                }
            }
            let tw0 = tw;
            let tr = |p: usize, c: usize| if allowed(p, c) { tw0[p][c] } else { ninf };
            // Forward and backward, in log space.
            let mut alpha = vec![[ninf; L]; m];
            let mut beta = vec![[0f64; L]; m];
            for c in 0..L {
                alpha[0][c] = tr(START, c) + em[0][c];
            }
            let mut buf = [0f64; L];
            for i in 1..m {
                for c in 0..L {
                    for p in 0..L {
                        buf[p] = alpha[i - 1][p] + tr(p, c);
                    }
                    alpha[i][c] = logsumexp(&buf) + em[i][c];
                }
            }
            for i in (0..m - 1).rev() {
                for p in 0..L {
                    for c in 0..L {
                        buf[c] = tr(p, c) + em[i + 1][c] + beta[i + 1][c];
                    }
                    beta[i][p] = logsumexp(&buf);
                }
            }
            let z = logsumexp(&alpha[m - 1]);
            // Decay, then the gradient step (on v, in units of the scale).
            scale *= 1.0 - eta * lambda;
            if scale < 1e-9 {
                for row in v.iter_mut() {
                    for x in row.iter_mut() {
                        *x *= scale;
                    }
                }
                scale = 1.0;
            }
            let step = eta / scale;
            for i in 0..m {
                let mut g = [0f64; L];
                for l in 0..L {
                    g[l] = -(alpha[i][l] + beta[i][l] - z).exp();
                }
                g[gold[i]] += 1.0;
                for &f in &feats[i] {
                    let vf = &mut v[f as usize];
                    for l in 0..L {
                        vf[l] += step * g[l];
                    }
                }
                // Transitions: gold minus expected pair counts.
                let gp = if i == 0 { START } else { gold[i - 1] };
                tw[gp][gold[i]] += eta;
                if i == 0 {
                    for c in 0..L {
                        if allowed(START, c) {
                            tw[START][c] -= eta * (alpha[0][c] + beta[0][c] - z).exp();
                        }
                    }
                } else {
                    for p in 0..L {
                        for c in 0..L {
                            if allowed(p, c) {
                                let pr = alpha[i - 1][p] + tw0[p][c] + em[i][c] + beta[i][c] - z;
                                tw[p][c] -= eta * pr.exp();
                            }
                        }
                    }
                }
            }
        }
    }
    let w = v
        .into_iter()
        .map(|mut row| {
            row.iter_mut().for_each(|x| *x *= scale);
            row
        })
        .collect();
    (w, tw)
}

// ---- serialisation ----------------------------------------------------------------------

/// The format's first bytes; the last is its version. Version 2 adds the gazetteer's entry
/// prefixes after the definite-article buckets; version 1 files are still read.
const MAGIC: &[u8; 8] = b"KHNER\x00\x00\x02";
const MAGIC_V1: &[u8; 8] = b"KHNER\x00\x00\x01";

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn bytes(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.b.get(self.at..end).ok_or(ModelError::Truncated)?;
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.bytes(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        let b = self.bytes(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(self.u16()? as i16)
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        let b = self.bytes(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7F) as u64) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(ModelError::Corrupt("varint too long"))
    }
    fn len(&mut self, max: usize) -> Result<usize, ModelError> {
        let n = self.varint()?;
        if n > max as u64 {
            return Err(ModelError::Corrupt("count larger than the data"));
        }
        Ok(n as usize)
    }
}

/// Sorted keys, delta-encoded.
fn put_sorted_keys(out: &mut Vec<u8>, keys: &[u64]) {
    put_varint(out, keys.len() as u64);
    let mut prev = 0u64;
    for &k in keys {
        put_varint(out, k - prev);
        prev = k;
    }
}

fn get_sorted_keys(r: &mut Reader) -> Result<Vec<u64>, ModelError> {
    let n = r.len(r.b.len())?;
    let mut keys = Vec::with_capacity(n);
    let mut prev = 0u64;
    for i in 0..n {
        let delta = r.varint()?;
        if i > 0 && delta == 0 {
            return Err(ModelError::Corrupt("repeated key"));
        }
        prev = prev
            .checked_add(delta)
            .ok_or(ModelError::Corrupt("key overflow"))?;
        keys.push(prev);
    }
    Ok(keys)
}

impl Stage {
    fn write(&self, out: &mut Vec<u8>) {
        for row in &self.trans {
            for v in row {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        let rows = self.weights.sorted();
        out.extend_from_slice(&self.scale.to_le_bytes());
        put_sorted_keys(out, &rows.iter().map(|r| r.0).collect::<Vec<_>>());
        for (_, q) in &rows {
            let mut mask = 0u16;
            for (l, &v) in q.iter().enumerate() {
                if v != 0 {
                    mask |= 1 << l;
                }
            }
            out.extend_from_slice(&mask.to_le_bytes());
            for &v in q.iter().filter(|&&v| v != 0) {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
    }

    fn read(r: &mut Reader) -> Result<Stage, ModelError> {
        let mut trans = [[0f32; L]; L + 1];
        for row in trans.iter_mut() {
            for v in row.iter_mut() {
                *v = r.f32()?;
                if !v.is_finite() {
                    return Err(ModelError::Corrupt("transition weight not finite"));
                }
            }
        }
        let scale = r.f32()?;
        if !scale.is_finite() {
            return Err(ModelError::Corrupt("weight scale not finite"));
        }
        let keys = get_sorted_keys(r)?;
        let mut weights = WeightTable::with_capacity(keys.len());
        for &k in &keys {
            let mask = r.u16()?;
            if mask >> L != 0 {
                return Err(ModelError::Corrupt("label mask"));
            }
            let mut row = [0i16; L];
            for (l, v) in row.iter_mut().enumerate() {
                if mask & (1 << l) != 0 {
                    *v = r.i16()?;
                }
            }
            weights.insert(k, row);
        }
        Ok(Stage {
            weights,
            scale,
            trans,
        })
    }
}

impl Model {
    /// Serialises the model (format: magic, feature groups, hashed gazetteers and clusters,
    /// then per stage transitions and feature weights quantised to 16 bits with one scale; all
    /// keys sorted, so equal models give equal bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.flags.to_le_bytes());
        // Gazetteers.
        out.push(self.res.gaz_max as u8);
        let mut gaz: Vec<(u64, u8)> = self.res.gaz.iter().map(|(&k, &v)| (k, v)).collect();
        gaz.sort_unstable();
        put_sorted_keys(&mut out, &gaz.iter().map(|g| g.0).collect::<Vec<_>>());
        out.extend(gaz.iter().map(|g| g.1));
        // Clusters.
        let mut cl: Vec<(u64, [u16; 2])> =
            self.res.clusters.iter().map(|(&k, &v)| (k, v)).collect();
        cl.sort_unstable();
        put_sorted_keys(&mut out, &cl.iter().map(|g| g.0).collect::<Vec<_>>());
        for (_, ids) in &cl {
            for id in ids {
                out.extend_from_slice(&id.to_le_bytes());
            }
        }
        // Definite-article buckets.
        let mut de: Vec<(u64, u8)> = self.res.definite.iter().map(|(&k, &v)| (k, v)).collect();
        de.sort_unstable();
        put_sorted_keys(&mut out, &de.iter().map(|g| g.0).collect::<Vec<_>>());
        out.extend(de.iter().map(|g| g.1));
        // Entry prefixes (version 2).
        let mut pre: Vec<u64> = self
            .res
            .gaz_prefixes
            .as_ref()
            .map_or_else(Vec::new, |p| p.iter().copied().collect());
        pre.sort_unstable();
        put_sorted_keys(&mut out, &pre);
        out.push(self.stages.len() as u8);
        for s in &self.stages {
            s.write(&mut out);
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { b, at: 0 };
        let magic = r.bytes(MAGIC.len()).map_err(|_| ModelError::NotAModel)?;
        let v1 = magic == MAGIC_V1;
        if magic != MAGIC && !v1 {
            return Err(ModelError::NotAModel);
        }
        let fb = r.bytes(4)?;
        let flags = u32::from_le_bytes([fb[0], fb[1], fb[2], fb[3]]);
        if flags & !group::ALL != 0 {
            return Err(ModelError::Corrupt("unknown feature groups"));
        }
        let mut res = Resources {
            gaz_max: r.u8()? as usize,
            ..Resources::default()
        };
        let gk = get_sorted_keys(&mut r)?;
        let gv = r.bytes(gk.len())?;
        res.gaz = gk.into_iter().zip(gv.iter().copied()).collect();
        let ck = get_sorted_keys(&mut r)?;
        res.clusters.reserve(ck.len());
        for k in ck {
            let ids = [r.u16()?, r.u16()?];
            res.clusters.insert(k, ids);
        }
        let dk = get_sorted_keys(&mut r)?;
        let dv = r.bytes(dk.len())?;
        res.definite = dk.into_iter().zip(dv.iter().copied()).collect();
        if !v1 {
            // (A model read from version 1 and written again has multi-word entries and no
            // prefixes: unknown, so every length is tried, as for version 1.)
            let prefixes = get_sorted_keys(&mut r)?;
            res.gaz_prefixes =
                (!prefixes.is_empty() || res.gaz_max <= 1).then(|| prefixes.into_iter().collect());
        }
        let n = r.u8()?;
        if !(1..=2).contains(&n) {
            return Err(ModelError::Corrupt("number of stages"));
        }
        let mut stages = Vec::new();
        for _ in 0..n {
            stages.push(Stage::read(&mut r)?);
        }
        if r.at != b.len() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Model {
            organisation_rule: true,
            place_clusters: Default::default(),
            id: next_model_id(),
            flags,
            res,
            stages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Model {
        /// [`Model::labels_doc`] as training computes it: every feature of every token looked
        /// up, nothing remembered between documents.
        fn labels_doc_reference(&self, doc: &[&[&str]]) -> Vec<Vec<usize>> {
            let toks: Vec<Vec<Tok>> = doc
                .iter()
                .map(|s| analyse(s, &self.res, self.flags))
                .collect();
            let base: Vec<Vec<Vec<u64>>> =
                toks.iter().map(|t| base_features(t, self.flags)).collect();
            let mut labels: Vec<Vec<usize>> = base
                .iter()
                .map(|f| {
                    let mut out = Vec::new();
                    self.stages[0].decode(f, &mut out);
                    out
                })
                .collect();
            if let Some(second) = self.stages.get(1) {
                let feats = stacked_features(&toks, base, &labels);
                for (f, out) in feats.iter().zip(labels.iter_mut()) {
                    second.decode(f, out);
                }
            }
            labels
        }
    }

    /// The gazetteer prefixes survive writing and reading; a model whose prefixes are unknown
    /// (read from version 1) and written again is read back as unknown, not as "no entry goes
    /// on", which would lose every multi-word match.
    #[test]
    fn gazetteer_prefixes_survive_writing_and_unknown_stays_unknown() {
        let model = Model::builtin();
        assert!(model.res.gaz_max > 1);
        let known = model
            .res
            .gaz_prefixes
            .clone()
            .expect("the shipped model keeps them");
        assert!(!known.is_empty());
        let again = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(again.res.gaz_prefixes.as_ref(), Some(&known));
        let mut unknown = Model::from_bytes(&model.to_bytes()).unwrap();
        unknown.res.gaz_prefixes = None;
        let read = Model::from_bytes(&unknown.to_bytes()).unwrap();
        assert!(read.res.gaz_prefixes.is_none());
    }

    /// Documents of real news: the held-out articles, in sentences of at most 25 tokens.
    fn articles() -> Vec<Vec<Vec<String>>> {
        include_str!("../../tests/data/understanding-articles.jsonl")
            .lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                let text = v["text"].as_str().unwrap();
                let words: Vec<String> = crate::ner::tokenize::raw_tokens(text)
                    .iter()
                    .map(|t| text[t.start..t.end].to_owned())
                    .collect();
                words.chunks(25).map(<[String]>::to_vec).collect()
            })
            .collect()
    }

    #[test]
    fn predecessors_are_the_allowed_transitions() {
        for c in 0..L {
            for p in 0..L {
                assert_eq!(
                    allowed(p, c),
                    predecessors(c).contains(&(p as u8)),
                    "{p} → {c}"
                );
            }
        }
    }

    #[test]
    fn summed_word_weights_tag_as_every_feature_looked_up() {
        let mut model = Model::builtin().clone();
        model.set_organisation_rule(false);
        let docs = articles();
        assert!(docs.len() >= 40);
        let mut entities = 0;
        // Twice over: the second pass reads every word from the thread's memory.
        for _ in 0..2 {
            for doc in &docs {
                let sents: Vec<Vec<&str>> = doc
                    .iter()
                    .map(|s| s.iter().map(String::as_str).collect())
                    .collect();
                let refs: Vec<&[&str]> = sents.iter().map(Vec::as_slice).collect();
                let fast = model.labels_doc(&refs);
                assert_eq!(fast, model.labels_doc_reference(&refs));
                entities += fast.iter().flatten().filter(|&&l| l != 0).count();
            }
        }
        // The comparison is between taggers that find names, not two empty outputs.
        assert!(entities > 500, "{entities}");
    }

    #[test]
    fn weight_table_finds_every_key_kept_and_no_other() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let kept: Vec<(u64, [i16; L])> = (0..5_000)
            .map(|i| {
                let key = if i == 0 { 0 } else { rng.next() };
                (key, [i as i16; L])
            })
            .collect();
        let mut table = WeightTable::with_capacity(kept.len());
        for &(k, w) in &kept {
            table.insert(k, w);
        }
        for (k, w) in &kept {
            assert_eq!(table.get(*k), Some(w), "{k:x}");
        }
        let known: std::collections::HashSet<u64> = kept.iter().map(|r| r.0).collect();
        let mut passed_filter = 0;
        for _ in 0..100_000 {
            let k = rng.next();
            if !known.contains(&k) {
                assert_eq!(table.get(k), None, "{k:x}");
                passed_filter += usize::from(table.may_hold(k));
            }
        }
        // The filter turns away most unknown keys before a slot is read.
        assert!(passed_filter < 10_000, "{passed_filter}");
    }
}
