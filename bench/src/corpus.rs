//! The corpus: a read pass that measures how fast records can merely be read (decompression and
//! JSON parsing, nothing else), warms the page cache so both timed ingests start alike, and
//! draws the fixed, seeded sample of titles used as queries.

use std::path::{Path, PathBuf};
use std::time::Instant;

use khabar_ingest::ReadOptions;
use serde::Serialize;

/// A small deterministic generator (xorshift64*), seeded through splitmix64 so that nearby
/// seeds give unrelated streams. Good enough to pick a sample; not for anything else.
pub struct XorShift(u64);

impl XorShift {
    /// A generator for `seed` (any value, zero included).
    pub fn new(seed: u64) -> XorShift {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        XorShift(if z == 0 { 1 } else { z })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0), by multiply-shift.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

/// Keeps a uniform sample of `k` items from a stream of unknown length (Algorithm R), in stream
/// order.
pub struct Reservoir<T> {
    k: usize,
    seen: u64,
    rng: XorShift,
    items: Vec<(u64, T)>,
}

impl<T> Reservoir<T> {
    /// An empty reservoir of size `k`, drawing with `seed`.
    pub fn new(k: usize, seed: u64) -> Reservoir<T> {
        Reservoir {
            k,
            seen: 0,
            rng: XorShift::new(seed),
            items: Vec::with_capacity(k),
        }
    }

    /// Offers the next item of the stream.
    pub fn offer(&mut self, item: T) {
        let i = self.seen;
        self.seen += 1;
        if self.items.len() < self.k {
            self.items.push((i, item));
        } else {
            let j = self.rng.below(i + 1) as usize;
            if j < self.k {
                self.items[j] = (i, item);
            }
        }
    }

    /// The sample, in the order its items came in the stream.
    pub fn into_sorted(mut self) -> Vec<T> {
        self.items.sort_by_key(|(i, _)| *i);
        self.items.into_iter().map(|(_, t)| t).collect()
    }
}

/// One query: the title of a sampled article, and that article's corpus id (to check that the
/// search finds the article its title came from).
#[derive(Debug, Clone)]
pub struct Query {
    /// The article's corpus id, if it has one.
    pub id: Option<String>,
    /// The article's title, searched as plain text.
    pub title: String,
}

/// What the read pass found.
#[derive(Debug, Clone, Serialize)]
pub struct Corpus {
    /// The corpus file.
    pub path: PathBuf,
    /// Its size on disk (compressed).
    pub file_bytes: u64,
    /// Records read (articles and unreadable records).
    pub records: u64,
    /// Records that are articles.
    pub articles: u64,
    /// Decompressed bytes read.
    pub bytes: u64,
    /// Seconds the read pass took.
    pub read_secs: f64,
    /// The sampled titles (not serialized: they are the corpus's text).
    #[serde(skip)]
    pub queries: Vec<Query>,
}

/// Reads the whole corpus once, on this thread, through the same readers the ingest uses, and
/// samples `n_queries` titles (articles with a non-empty title) with `seed`.
pub fn read_pass(path: &Path, n_queries: usize, seed: u64) -> Corpus {
    let started = Instant::now();
    let mut reservoir = Reservoir::new(n_queries, seed);
    let (mut records, mut articles, mut bytes) = (0u64, 0u64, 0u64);
    for rec in khabar_ingest::read_paths(&[path.to_path_buf()], &ReadOptions::default()) {
        records += 1;
        bytes += rec.raw_bytes;
        if let Ok(a) = rec.result {
            articles += 1;
            let title = a.title.trim();
            if !title.is_empty() {
                reservoir.offer(Query {
                    id: a.id,
                    title: title.to_owned(),
                });
            }
        }
    }
    Corpus {
        path: path.to_path_buf(),
        file_bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        records,
        articles,
        bytes,
        read_secs: started.elapsed().as_secs_f64(),
        queries: reservoir.into_sorted(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generator_is_deterministic_and_in_range() {
        let mut a = XorShift::new(7);
        let mut b = XorShift::new(7);
        for _ in 0..1000 {
            let x = a.below(10);
            assert_eq!(x, b.below(10));
            assert!(x < 10);
        }
        assert_ne!(XorShift::new(1).next_u64(), XorShift::new(2).next_u64());
    }

    #[test]
    fn reservoir_keeps_k_in_stream_order() {
        let mut r = Reservoir::new(10, 3);
        (0..1000).for_each(|i| r.offer(i));
        let sample = r.into_sorted();
        assert_eq!(sample.len(), 10);
        assert!(sample.windows(2).all(|w| w[0] < w[1]));
        let mut again = Reservoir::new(10, 3);
        (0..1000).for_each(|i| again.offer(i));
        assert_eq!(sample, again.into_sorted());
    }

    #[test]
    fn reservoir_smaller_stream_keeps_everything() {
        let mut r = Reservoir::new(10, 3);
        (0..4).for_each(|i| r.offer(i));
        assert_eq!(r.into_sorted(), vec![0, 1, 2, 3]);
    }
}
