//! Word frequencies from real news, for the stemmer's decisions.
//!
//! `data/lexicon.tsv` holds `word<TAB>count` for every folded word seen at least twice in the
//! JawharaFM part of the ANT corpus (Apache-2.0, see NOTICE); `examples/build_lexicon.rs` makes
//! it. It is compiled into the binary, so analysis needs no file at run time and gives the same
//! tokens on every machine.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

static LEXICON_TSV: &str = include_str!("../data/lexicon.tsv");

fn table() -> &'static FxHashMap<&'static str, u32> {
    static TABLE: OnceLock<FxHashMap<&'static str, u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        LEXICON_TSV
            .lines()
            .filter_map(|line| {
                let (word, count) = line.split_once('\t')?;
                Some((word, count.parse().ok()?))
            })
            .collect()
    })
}

/// How often the folded word `word` (ta marbuta kept) was seen in the lexicon's corpus; 0 when
/// never or once.
pub fn frequency(word: &str) -> u32 {
    table().get(word).copied().unwrap_or(0)
}
