//! Named-entity tagging: a sequence tagger over Arabic word features, trained on ANERcorp.
//!
//! - [`Model::tag`] takes raw article text and returns [`Mention`]s (byte spans of PERS, LOC,
//!   ORG, MISC names). Text is tokenised as ANERcorp is (words and punctuation apart, clitics
//!   left attached), split into sentences at `.` `؟` `!` and line breaks, and each sentence is
//!   labelled B-/I-/O by Viterbi decoding; B-/I- runs become spans.
//! - The model is a first-order structured perceptron with averaged weights (Collins 2002;
//!   a linear-chain CRF trained by SGD is available as [`Algorithm::Crf`] and measured no
//!   better here), over hashed features: the word and its neighbours ±2, clitic-stripped forms,
//!   stems and affixes, word shape, news frequency, trigger words, name lists harvested from
//!   news with trigger patterns, word clusters learnt from unlabelled news, and how often a
//!   word takes the definite article in news (the Arabic stand-in for capitalisation). See
//!   [`features::group`] for the groups and `examples/ner_ablation.rs` for what each adds.
//! - Two stages: the second sees the first stage's labels for the whole document (a name
//!   tagged in one sentence helps tag it in the next), trained on jackknifed first-stage
//!   output. [`Model::tag`] takes the whole text as one document.
//! - The shipped model (`models/ner.bin`, see `models/README.md`) is trained on the 125,030
//!   ANERcorp tokens of `../shared/data/ner/anercorp-train.conll` with
//!   [`TrainOptions::default`]; everything it needs is in the repository.
//! - [`train`] is deterministic: the same sentences and options give a byte-identical model.
//! - [`read_conll`], [`split_train_dev`] and [`evaluate`] read ANERcorp-style files and score
//!   a model with CoNLL span-level exact match (conlleval semantics).

mod conll;
pub mod features;
mod model;
pub(crate) mod orgs;
mod places;
mod tokenize;

use std::fmt;
use std::sync::OnceLock;

pub use conll::{read_conll, split_train_dev, ConllError, Sentence};
pub use features::GazetteerSource;
pub use model::Model;

use crate::{EntityType, Mention};

/// Why a model could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with the model's magic number (or are a different version).
    NotAModel,
    /// The bytes end before the model does.
    Truncated,
    /// The bytes are a model's but hold an impossible value.
    Corrupt(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a khabar NER model (bad magic or version)"),
            ModelError::Truncated => write!(f, "NER model truncated"),
            ModelError::Corrupt(why) => write!(f, "NER model corrupt: {why}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Why training failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainError {
    /// No sentence with a token was given.
    NoData,
    /// A sentence has a tag that is not IOB2 of PERS, LOC, ORG, MISC.
    UnknownTag {
        /// The sentence's first line.
        line: usize,
        /// The tag.
        tag: String,
    },
    /// A sentence has not as many tags as tokens.
    Misaligned {
        /// The sentence's first line.
        line: usize,
    },
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainError::NoData => write!(f, "no training sentences"),
            TrainError::UnknownTag { line, tag } => {
                write!(f, "sentence at line {line}: unknown tag {tag:?}")
            }
            TrainError::Misaligned { line } => {
                write!(
                    f,
                    "sentence at line {line}: tokens and tags differ in number"
                )
            }
        }
    }
}

impl std::error::Error for TrainError {}

/// One name list given to training.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// Curated or harvested: each source has its own features.
    pub source: GazetteerSource,
    /// The type of the names.
    pub ty: EntityType,
    /// The names, one entry each (several words allowed), raw text.
    pub entries: Vec<String>,
}

/// The learning algorithm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Algorithm {
    /// Averaged structured perceptron (Collins 2002).
    Perceptron,
    /// Linear-chain CRF trained by SGD with L2 regularisation.
    Crf {
        /// L2 strength (the penalty is `l2 / 2 · |w|²` over the whole data).
        l2: f64,
        /// Initial learning rate.
        eta: f64,
    },
}

/// How to train. [`TrainOptions::default`] is what the shipped model was trained with.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// The learning algorithm.
    pub algorithm: Algorithm,
    /// Passes over the training data.
    pub epochs: usize,
    /// Feature groups, an or of [`features::group`] constants (WORDS is always on).
    pub features: u32,
    /// Train a second stage that sees the first stage's labels for the whole document
    /// (the same word tagged elsewhere in the article).
    pub two_stage: bool,
    /// Feature rows whose largest averaged weight (in absolute value) is below this are
    /// dropped from the model.
    pub prune: f32,
    /// Name lists; stored hashed in the model.
    pub gazetteers: Vec<Gazetteer>,
    /// Word clusters: (word, [fine, coarse] ids); stored hashed in the model.
    pub clusters: Vec<(String, [u16; 2])>,
    /// Definite-article buckets: (word, 0–5); stored hashed in the model.
    pub definite: Vec<(String, u8)>,
}

/// The harvested gazetteers shipped in `models/` (see `examples/ner_harvest.rs`).
const HARVESTED: [(EntityType, &str); 3] = [
    (
        EntityType::Pers,
        include_str!("../models/harvested-pers.txt"),
    ),
    (EntityType::Loc, include_str!("../models/harvested-loc.txt")),
    (EntityType::Org, include_str!("../models/harvested-org.txt")),
];

/// The word clusters shipped in `models/` (see `examples/ner_clusters.rs`): `word fine coarse`.
const CLUSTERS: &str = include_str!("../models/clusters.tsv");

/// The definite-article buckets shipped in `models/` (see `examples/ner_wordstats.rs`).
const WORDSTATS: &str = include_str!("../models/wordstats.tsv");

/// Parses `word<TAB>bucket` lines; bad lines are skipped.
pub fn parse_wordstats(text: &str) -> Vec<(String, u8)> {
    text.lines()
        .filter_map(|l| {
            let (w, b) = l.split_once('\t')?;
            Some((w.to_owned(), b.trim().parse().ok()?))
        })
        .collect()
}

/// Parses gazetteer text: one entry a line, `#` comments and blank lines skipped.
pub fn parse_gazetteer(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("=="))
        .map(str::to_owned)
        .collect()
}

/// Parses cluster text: `word<TAB>fine<TAB>coarse` lines; bad lines are skipped.
pub fn parse_clusters(text: &str) -> Vec<(String, [u16; 2])> {
    text.lines()
        .filter_map(|l| {
            let mut it = l.split('\t');
            let w = it.next()?;
            let f = it.next()?.trim().parse().ok()?;
            let c = it.next()?.trim().parse().ok()?;
            Some((w.to_owned(), [f, c]))
        })
        .collect()
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            algorithm: Algorithm::Perceptron,
            epochs: 12,
            two_stage: true,
            features: features::group::WORDS
                | features::group::AFFIXES
                | features::group::LEXICON
                | features::group::TRIGGERS
                | features::group::HARVESTED
                | features::group::CLUSTERS
                | features::group::DEFINITE,
            prune: 1.0,
            gazetteers: HARVESTED
                .iter()
                .map(|(ty, text)| Gazetteer {
                    source: GazetteerSource::Harvested,
                    ty: *ty,
                    entries: parse_gazetteer(text),
                })
                .collect(),
            clusters: parse_clusters(CLUSTERS),
            definite: parse_wordstats(WORDSTATS),
        }
    }
}

/// Trains a model on tagged sentences. Deterministic: the same sentences and options give a
/// byte-identical model (fixed hashes, a seeded shuffle, sorted serialisation).
pub fn train(train: &[Sentence], opts: &TrainOptions) -> Result<Model, TrainError> {
    model::train(train, opts)
}

static BUILTIN: &[u8] = include_bytes!("../models/ner.bin");

/// Longest sentence decoded at once, in tokens; longer runs without a full stop are cut.
const MAX_SENTENCE: usize = 400;

impl Model {
    /// The shipped model (`models/ner.bin`), decoded on first use.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::from_bytes(BUILTIN).expect("the shipped NER model is valid"))
    }

    /// IOB2 tags for one sentence already split into tokens (as in a CoNLL file); the
    /// sentence is its own document for the second stage.
    pub fn tag_tokens<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<String> {
        let doc = [tokens];
        let labels = self.labels_doc(&doc).pop().unwrap_or_default();
        labels.into_iter().map(model::tag_of).collect()
    }

    /// Finds the names in raw text: byte spans into `text`, ordered and disjoint, on char
    /// boundaries. Never panics; text without Arabic gives few or no mentions. The whole text
    /// is one document for the second stage.
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        let toks = tokenize::raw_tokens(text);
        // Sentences: ranges of tokens.
        let mut sents: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        for i in 0..toks.len() {
            let t = toks[i];
            let ends = !t.word && conll::ends_sentence(&text[t.start..t.end]);
            let newline = toks
                .get(i + 1)
                .is_some_and(|n| text[t.end..n.start].contains('\n'));
            if ends || newline || i + 1 - start >= MAX_SENTENCE || i + 1 == toks.len() {
                sents.push((start, i + 1));
                start = i + 1;
            }
        }
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|&(a, b)| toks[a..b].iter().map(|t| &text[t.start..t.end]).collect())
            .collect();
        let doc: Vec<&[&str]> = words.iter().map(|w| w.as_slice()).collect();
        let labels = self.labels_doc(&doc);
        let mut out = Vec::new();
        for (&(a, _), labels) in sents.iter().zip(&labels) {
            for (b, e, ty) in spans(labels) {
                out.push(Mention {
                    start: toks[a + b].start,
                    end: toks[a + e - 1].end,
                    ty,
                });
            }
        }
        out
    }
}

/// Spans of a label sequence, conlleval-style: a span starts at B-X, or at I-X not continuing
/// an X span; it ends before O, B-, or an I- of another type. `(first, past-last, type)`.
fn spans(labels: &[usize]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None; // (start, type index)
    for (i, &l) in labels.iter().enumerate() {
        let (begin, ty) = match l {
            0 => (false, usize::MAX),
            1..=4 => (true, l - 1),
            _ => (false, l - 5),
        };
        let continues = !begin && ty != usize::MAX && cur.is_some_and(|c| c.1 == ty);
        if !continues {
            if let Some((s, t)) = cur.take() {
                out.push((s, i, model::TYPES[t]));
            }
            if ty != usize::MAX {
                cur = Some((i, ty));
            }
        }
    }
    if let Some((s, t)) = cur {
        out.push((s, labels.len(), model::TYPES[t]));
    }
    out
}

/// Spans of string tags; unknown tags count as O.
fn tag_spans(tags: &[String]) -> Vec<(usize, usize, EntityType)> {
    let labels: Vec<usize> = tags
        .iter()
        .map(|t| model::label_of(t).unwrap_or(0))
        .collect();
    spans(&labels)
}

/// Precision, recall and F1 of one type or of all.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    /// correct / predicted (0 when nothing is predicted).
    pub precision: f64,
    /// correct / gold (0 when there is no gold span).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Spans the model found.
    pub predicted: usize,
    /// Spans in the gold tags.
    pub gold: usize,
    /// Spans found with exactly the gold boundaries and type.
    pub correct: usize,
}

impl Prf {
    fn new(predicted: usize, gold: usize, correct: usize) -> Prf {
        let p = if predicted > 0 {
            correct as f64 / predicted as f64
        } else {
            0.0
        };
        let r = if gold > 0 {
            correct as f64 / gold as f64
        } else {
            0.0
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            precision: p,
            recall: r,
            f1,
            predicted,
            gold,
            correct,
        }
    }
}

/// Scores of a model on tagged sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// All types together (micro-averaged).
    pub overall: Prf,
    /// PERS, LOC, ORG, MISC in that order.
    pub per_type: Vec<(EntityType, Prf)>,
    /// Tokens tagged.
    pub tokens: usize,
}

/// Tags each sentence's tokens and scores spans against the gold tags by exact match of
/// boundaries and type (conlleval semantics).
pub fn evaluate(model: &Model, sentences: &[Sentence]) -> Evaluation {
    let mut counts = [[0usize; 3]; 4];
    let mut tokens = 0;
    // Documents: runs of DOC_SENTENCES sentences (CoNLL files mark no article boundaries).
    let mut labels = Vec::with_capacity(sentences.len());
    for chunk in sentences.chunks(model::DOC_SENTENCES) {
        let doc: Vec<&[String]> = chunk.iter().map(|s| s.tokens.as_slice()).collect();
        labels.extend(model.labels_doc(&doc));
    }
    for (s, pred) in sentences.iter().zip(&labels) {
        tokens += s.tokens.len();
        let gold = tag_spans(&s.tags);
        let pred = spans(pred);
        for g in &gold {
            counts[features::type_index(g.2)][1] += 1;
        }
        for p in &pred {
            let t = features::type_index(p.2);
            counts[t][0] += 1;
            if gold.contains(p) {
                counts[t][2] += 1;
            }
        }
    }
    let sum = |k: usize| counts.iter().map(|c| c[k]).sum::<usize>();
    Evaluation {
        overall: Prf::new(sum(0), sum(1), sum(2)),
        per_type: model::TYPES
            .iter()
            .enumerate()
            .map(|(i, &t)| (t, Prf::new(counts[i][0], counts[i][1], counts[i][2])))
            .collect(),
        tokens,
    }
}
