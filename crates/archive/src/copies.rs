//! Syndicated copies: one wire story republished, edited a little, by many outlets.
//!
//! Exact copies never get this far: the content hash stores them once. This module finds the
//! *near* copies — a paragraph dropped, a boilerplate line added, a few words changed, a new
//! headline — with MinHash and locality-sensitive hashing (Broder 1997; the banding scheme of
//! Leskovec, Rajaraman and Ullman, *Mining of Massive Datasets*, ch. 3):
//!
//! - an article's body is a set of **shingles**, hashes of every run of [`SHINGLE`] folded words
//!   (the same folding search uses, so spelling variants do not hide a copy);
//! - its **signature** is the minimum of each of [`HASHES`] hash functions over the set: two
//!   signatures agree at a position with probability equal to the sets' Jaccard similarity;
//! - the signature is cut into [`BANDS`] bands of [`ROWS`] values; articles that agree on a
//!   whole band are **candidates** (one SQLite index seek per band). With 32 bands of 2 rows, a
//!   pair at Jaccard 0.3 becomes a candidate with probability 1 − (1 − 0.3²)³² ≈ 0.95, at 0.2
//!   with 0.73, at 0.05 with 0.08;
//! - a candidate is a copy when the **containment** of the shorter article's shingles in the
//!   longer's, estimated from the Jaccard estimate and the two set sizes
//!   (|A∩B| / min(|A|, |B|) = J·(|A| + |B|) / ((1 + J)·min(|A|, |B|))), reaches the threshold.
//!   Containment rather than Jaccard, because a copy that drops a paragraph or gains a
//!   boilerplate line is still wholly the other text.
//!
//! **Boilerplate** (an outlet's "about us" paragraph, a standard disclaimer) would make
//! unrelated articles look alike. A paragraph is boilerplate once it has been seen in three
//! articles of one outlet (an outlet rarely prints one story three times, but appends its
//! footer to everything) or in three copy groups (a wire paragraph stays within its story's
//! group, however many outlets print it); it is left out of the shingles of every article after
//! that.
//!
//! Copies form a group under a **canonical** article, the earliest published; each copy keeps
//! its own row, outlet and URL. Everything is incremental: an article costs a few index seeks
//! per band and a few signature comparisons, whatever the size of the archive.
//!
//! **Time buckets.** Syndicated copies of a story are printed within days of each other, so
//! bands and paragraph counts are filed under the article's [`BUCKET_DAYS`]-day bucket of
//! publication, and an article is compared with the articles of its own bucket and the two
//! beside it (copies published up to one to two months apart; exact copies, whatever their
//! dates, are caught earlier by the content hash). The bucket leads every key of these tables,
//! so an archive ingested roughly in order of publication inserts at the end of its B-trees,
//! in pages already in the cache: with hash-ordered keys every insert landed on a random page,
//! and at 300,000 articles each article cost ≈ 150 page writes and ≈ 100 page reads, twice
//! what it cost in an empty archive. Undated articles share one bucket that every lookup also
//! reads.

use rusqlite::{params, OptionalExtension, Statement, Transaction};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::Error;

/// Words per shingle: three, so that an edited word breaks only three shingles.
pub const SHINGLE: usize = 3;
/// Hash functions in a signature.
pub const HASHES: usize = 64;
/// Bands of the signature, each of [`ROWS`] values.
pub const BANDS: usize = 32;
/// Values per band.
pub const ROWS: usize = HASHES / BANDS;
/// Default estimated containment of the shorter article in the longer for a copy.
pub const DEFAULT_THRESHOLD: f64 = 0.5;
/// Below this estimated Jaccard similarity no pair is a copy, whatever the containment (a
/// short article's few shingles are found in too many long ones).
const MIN_JACCARD: f64 = 0.12;
/// Articles with fewer shingles than this (after boilerplate is removed) are too short to
/// judge: a headline and one line of news share their words with too many others.
pub const MIN_SHINGLES: usize = 12;
/// Articles read from one band bucket (the most recent).
const PER_BAND: usize = 32;
/// Candidates whose signatures are compared (those sharing the most bands).
const COMPARED: usize = 16;
/// Paragraphs shorter than this many words are not counted as boilerplate candidates.
const BOILERPLATE_MIN_WORDS: usize = 8;
/// A paragraph seen in this many copy groups is boilerplate.
const BOILERPLATE_GROUPS: i64 = 3;
/// Days of publication per time bucket (see the module's documentation).
pub const BUCKET_DAYS: i64 = 30;
/// The bucket of undated articles, far from every real one.
pub const UNDATED: i64 = -1_000_000_000;

/// The time bucket of an article published on `published` (ISO 8601), [`UNDATED`] without a
/// valid date.
pub fn bucket(published: Option<&str>) -> i64 {
    published
        .and_then(crate::days_from_iso)
        .map_or(UNDATED, |day| day.div_euclid(BUCKET_DAYS))
}

/// The buckets an article of `bucket` is compared with: its own, the two beside it and the
/// undated one.
fn neighbours(bucket: i64) -> [i64; 4] {
    if bucket == UNDATED {
        [UNDATED; 4]
    } else {
        [bucket, bucket - 1, bucket + 1, UNDATED]
    }
}

/// The schema migration that adds the tables (the record's migration 4).
pub const MIGRATION: &str = "
    CREATE TABLE signatures (
        article  INTEGER PRIMARY KEY REFERENCES articles(key),
        sig      BLOB NOT NULL,
        shingles INTEGER NOT NULL
    );
    CREATE TABLE bands (
        band    INTEGER NOT NULL,
        article INTEGER NOT NULL,
        PRIMARY KEY (band, article)
    ) WITHOUT ROWID;
    -- A copy and the canonical article of its group (the earliest published); an article
    -- without a row here is its own canonical.
    CREATE TABLE copies (
        article    INTEGER PRIMARY KEY REFERENCES articles(key),
        canonical  INTEGER NOT NULL REFERENCES articles(key),
        similarity REAL NOT NULL
    );
    CREATE INDEX copies_canonical ON copies(canonical);
    -- How many articles of each outlet each paragraph was seen in.
    CREATE TABLE outlet_paragraphs (
        hash     INTEGER NOT NULL,
        source   TEXT NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (hash, source)
    ) WITHOUT ROWID;
    -- Which copy groups (by canonical article) each paragraph was seen in.
    CREATE TABLE paragraphs (
        hash  INTEGER NOT NULL,
        grp   INTEGER NOT NULL,
        PRIMARY KEY (hash, grp)
    ) WITHOUT ROWID;
";

/// The record's migration 6: the time bucket leads the keys of the bands and paragraph
/// tables (see the module's documentation). Rows move to the bucket of their article's
/// publication day (floor division, as [`bucket`] does); the outlet counts, which name no
/// article, move to the undated bucket, which every lookup reads, so no count is lost.
pub const MIGRATION_BUCKETS: &str = "
    CREATE TABLE bands_v6 (
        bucket  INTEGER NOT NULL,
        band    INTEGER NOT NULL,
        article INTEGER NOT NULL,
        PRIMARY KEY (bucket, band, article)
    ) WITHOUT ROWID;
    INSERT INTO bands_v6 (bucket, band, article)
        SELECT coalesce((d - ((d % 30) + 30) % 30) / 30, -1000000000), band, article
        FROM (SELECT CAST(julianday(substr(trim(a.published), 1, 10)) - 2440587.5 AS INTEGER) AS d,
                     b.band AS band, b.article AS article
              FROM bands b LEFT JOIN articles a ON a.key = b.article);
    DROP TABLE bands;
    ALTER TABLE bands_v6 RENAME TO bands;
    CREATE TABLE outlet_paragraphs_v6 (
        bucket   INTEGER NOT NULL,
        hash     INTEGER NOT NULL,
        source   TEXT NOT NULL,
        articles INTEGER NOT NULL,
        PRIMARY KEY (bucket, hash, source)
    ) WITHOUT ROWID;
    INSERT INTO outlet_paragraphs_v6 (bucket, hash, source, articles)
        SELECT -1000000000, hash, source, articles FROM outlet_paragraphs;
    DROP TABLE outlet_paragraphs;
    ALTER TABLE outlet_paragraphs_v6 RENAME TO outlet_paragraphs;
    CREATE TABLE paragraphs_v6 (
        bucket INTEGER NOT NULL,
        hash   INTEGER NOT NULL,
        grp    INTEGER NOT NULL,
        PRIMARY KEY (bucket, hash, grp)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO paragraphs_v6 (bucket, hash, grp)
        SELECT coalesce((d - ((d % 30) + 30) % 30) / 30, -1000000000), hash, grp
        FROM (SELECT CAST(julianday(substr(trim(a.published), 1, 10)) - 2440587.5 AS INTEGER) AS d,
                     p.hash AS hash, p.grp AS grp
              FROM paragraphs p LEFT JOIN articles a ON a.key = p.grp);
    DROP TABLE paragraphs;
    ALTER TABLE paragraphs_v6 RENAME TO paragraphs;
";

/// 64-bit mixing (the finaliser of SplitMix64, Steele, Lea and Flood 2014).
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A stable hash of a string (FNV-1a, then mixed): the same on every machine and version, as
/// stored hashes must be.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// The folded words of a text.
fn words(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    for_each_word(text, &mut String::new(), |w| out.push(hash_str(w)));
    out
}

/// Hands `f` every word of `text` as copies and the content hash compare words: folded, ta
/// marbuta as heh (`word` is the buffer each is read into).
pub(crate) fn for_each_word(text: &str, word: &mut String, mut f: impl FnMut(&str)) {
    let mut tokens = khabar_text::tokens(text);
    while tokens.next_surface_into(word).is_some() {
        f(word);
    }
}

/// One paragraph of a body: its folded words (hashed) and its identity.
#[derive(Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The hash of its folded words (0 when it is too short to count as boilerplate).
    pub hash: u64,
    words: Vec<u64>,
}

/// A paragraph's identity: the hash of its folded words (0 when too short to count).
pub fn paragraph_hash(paragraph: &str) -> u64 {
    identity(&words(paragraph))
}

fn identity(words: &[u64]) -> u64 {
    if words.len() < BOILERPLATE_MIN_WORDS {
        return 0;
    }
    words.iter().fold(0x9e37_79b9_7f4a_7c15, |h, &x| mix(h ^ x))
}

/// The paragraphs of a body (split on line breaks), each read once.
pub fn paragraphs(body: &str) -> Vec<Paragraph> {
    paragraphs_with(body, |_| {})
}

/// [`paragraphs`], handing `on_word` every folded word of the body, in order: the words the
/// content hash is made of (a word never spans a line break), so that ingest reads a body
/// once for both.
pub fn paragraphs_with(body: &str, mut on_word: impl FnMut(&str)) -> Vec<Paragraph> {
    let mut word = String::new();
    body.split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut words = Vec::new();
            for_each_word(p, &mut word, |w| {
                on_word(w);
                words.push(hash_str(w));
            });
            Paragraph {
                hash: identity(&words),
                words,
            }
        })
        .collect()
}

/// The MinHash signature of a body and its number of distinct shingles, leaving out the
/// paragraphs `skip` says are boilerplate; `None` when fewer than [`MIN_SHINGLES`] remain.
pub fn signature(body: &str, skip: impl Fn(u64) -> bool) -> Option<([u32; HASHES], usize)> {
    signature_of(&paragraphs(body), skip)
}

/// [`signature`] of paragraphs already read.
fn signature_of(paras: &[Paragraph], skip: impl Fn(u64) -> bool) -> Option<([u32; HASHES], usize)> {
    let mut shingles: FxHashSet<u64> = FxHashSet::default();
    for p in paras {
        if p.hash != 0 && skip(p.hash) {
            continue;
        }
        let w = &p.words;
        if w.len() < SHINGLE {
            if !w.is_empty() {
                shingles.insert(w.iter().fold(0, |h, &x| mix(h ^ x)));
            }
            continue;
        }
        for window in w.windows(SHINGLE) {
            shingles.insert(window.iter().fold(0, |h, &x| mix(h.rotate_left(5) ^ x)));
        }
    }
    if shingles.len() < MIN_SHINGLES {
        return None;
    }
    // The shingles are already well-mixed 64-bit hashes, so each of the hash functions can be
    // a multiply-shift (Dietzfelbinger et al. 1997): two instructions instead of a full mix.
    let mut sig = [u32::MAX; HASHES];
    for &s in &shingles {
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = (s
                .wrapping_mul(SEEDS[i] | 1)
                .wrapping_add(SEEDS[(i + 1) % HASHES])
                >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    Some((sig, shingles.len()))
}

/// The estimated share of the smaller set's shingles found in the larger one, from the
/// signatures' Jaccard estimate `j` and the set sizes.
pub fn containment(j: f64, a: usize, b: usize) -> f64 {
    let small = a.min(b).max(1) as f64;
    (j * (a + b) as f64 / ((1.0 + j) * small)).min(1.0)
}

/// One seed per hash function, fixed: signatures are stored and compared across runs.
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut i = 0;
    let mut x: u64 = 0x6b68_6162_6172_2121; // "khabar!!"
    while i < HASHES {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[i] = z ^ (z >> 31);
        i += 1;
    }
    seeds
};

/// The band keys of a signature: one per band, the band's index mixed in.
pub fn band_keys(sig: &[u32; HASHES]) -> [i64; BANDS] {
    let mut keys = [0i64; BANDS];
    for (b, key) in keys.iter_mut().enumerate() {
        let mut h = mix(b as u64 + 1);
        for &v in &sig[b * ROWS..(b + 1) * ROWS] {
            h = mix(h ^ u64::from(v));
        }
        *key = h as i64;
    }
    keys
}

/// The share of positions where two signatures agree: an estimate of the Jaccard similarity
/// of the two shingle sets.
pub fn similarity(a: &[u32; HASHES], b: &[u32; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

fn to_blob(sig: &[u32; HASHES]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn from_blob(b: &[u8]) -> Option<[u32; HASHES]> {
    if b.len() != HASHES * 4 {
        return None;
    }
    let mut sig = [0u32; HASHES];
    for (i, c) in b.chunks_exact(4).enumerate() {
        sig[i] = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
    }
    Some(sig)
}

/// Which time buckets of one table hold rows, as learnt within one transaction.
///
/// A lookup names four buckets (an article's own, the two beside it, the undated one), and in
/// an archive filled in order of publication most of them are empty: the next month has
/// nothing yet, and dated corpora have no undated articles. Asking an empty bucket costs a
/// statement and an index seek all the same, for each of an article's 32 bands and each of its
/// paragraphs; asking once per transaction whether the bucket holds anything spares them.
///
/// What is learnt is only true within the transaction it was learnt in: the transaction is the
/// only writer while it lasts (SQLite's write lock; in WAL mode a transaction whose snapshot
/// another writer has changed cannot write at all), and every insert marks its bucket. It must
/// not outlive the transaction: between two, another process (a `khabar relink`) may write.
pub(crate) struct Occupied {
    /// `SELECT 1 FROM table WHERE bucket = ?1 LIMIT 1`, the probe.
    probe: &'static str,
    known: FxHashMap<i64, bool>,
}

impl Occupied {
    pub(crate) fn new(probe: &'static str) -> Occupied {
        Occupied {
            probe,
            known: FxHashMap::default(),
        }
    }

    /// Whether `bucket` holds any row.
    pub(crate) fn holds(&mut self, tx: &Transaction<'_>, bucket: i64) -> Result<bool, Error> {
        if let Some(&held) = self.known.get(&bucket) {
            return Ok(held);
        }
        let held = tx.prepare_cached(self.probe)?.exists(params![bucket])?;
        self.known.insert(bucket, held);
        Ok(held)
    }

    /// Notes that a row was just written in `bucket`.
    pub(crate) fn fill(&mut self, bucket: i64) {
        self.known.insert(bucket, true);
    }

    /// The buckets of `near` that hold rows, each once, in ascending order (the order SQLite
    /// reads an `IN` list in, which a capped lookup across buckets must follow to read the
    /// same rows).
    fn held(&mut self, tx: &Transaction<'_>, near: [i64; 4]) -> Result<Vec<i64>, Error> {
        let mut out = Vec::with_capacity(4);
        for b in near {
            if !out.contains(&b) && self.holds(tx, b)? {
                out.push(b);
            }
        }
        out.sort_unstable();
        Ok(out)
    }
}

/// What filing articles learns about the near-duplicate tables within one transaction (see
/// `Occupied`): create one per transaction, hand it to every [`file_article`] of it.
pub struct Filing {
    bands: Occupied,
    outlets: Occupied,
    paragraphs: Occupied,
}

impl Default for Filing {
    fn default() -> Filing {
        Filing {
            bands: Occupied::new("SELECT 1 FROM bands WHERE bucket = ?1 LIMIT 1"),
            outlets: Occupied::new("SELECT 1 FROM outlet_paragraphs WHERE bucket = ?1 LIMIT 1"),
            paragraphs: Occupied::new("SELECT 1 FROM paragraphs WHERE bucket = ?1 LIMIT 1"),
        }
    }
}

/// Finds the copies of a newly stored article and files it: its signature and bands, its
/// group, and its paragraphs' counts. Returns the article it copies (its group's canonical
/// article before it arrived) when it is a copy. `filing` is what this transaction learnt so
/// far, and must belong to the transaction `tx`.
///
/// Every lookup names one bucket: a statement with an `IN` list of buckets builds a temporary
/// table for the list (and its `ORDER BY` another, to sort), which cost more than the index
/// seeks themselves (about 20,000 instructions each, 12 % of an ingest's); the results of the
/// buckets are merged here as SQLite merged them.
#[allow(clippy::too_many_arguments)]
pub fn file_article(
    tx: &Transaction<'_>,
    filing: &mut Filing,
    key: i64,
    paras: &[Paragraph],
    source: Option<&str>,
    published: Option<&str>,
    threshold: f64,
) -> Result<Option<i64>, Error> {
    let source = source.unwrap_or("").trim().to_lowercase();
    let bucket = bucket(published);
    let near = neighbours(bucket);
    let mut boilerplate: FxHashSet<u64> = FxHashSet::default();
    {
        let mut by_outlet = tx.prepare_cached(
            "SELECT articles FROM outlet_paragraphs WHERE bucket = ?1 AND hash = ?2 AND source = ?3",
        )?;
        let mut bump = tx.prepare_cached(
            "INSERT INTO outlet_paragraphs (bucket, hash, source, articles) VALUES (?1, ?2, ?3, 1)
             ON CONFLICT (bucket, hash, source) DO UPDATE SET articles = articles + 1",
        )?;
        let mut done: FxHashSet<u64> = FxHashSet::default();
        for h in paras.iter().map(|p| p.hash) {
            if h == 0 || !done.insert(h) {
                continue;
            }
            let buckets = filing.outlets.held(tx, near)?;
            if outlet_articles(&mut by_outlet, &buckets, h as i64, &source)? >= BOILERPLATE_GROUPS {
                boilerplate.insert(h);
            }
            bump.execute(params![bucket, h as i64, source])?;
            filing.outlets.fill(bucket);
        }
    }
    {
        // The groups of the first rows read, up to a cap, bucket by bucket in ascending order
        // then by group, as `count(DISTINCT grp)` over a capped `bucket IN (…)` read them.
        let mut groups_of = tx.prepare_cached(
            "SELECT grp FROM paragraphs WHERE bucket = ?1 AND hash = ?2 LIMIT ?3",
        )?;
        let buckets = filing.paragraphs.held(tx, near)?;
        let mut groups: Vec<i64> = Vec::new();
        for h in paras.iter().map(|p| p.hash) {
            if h == 0 {
                continue;
            }
            if groups_seen(&mut groups_of, &buckets, h as i64, &mut groups)? >= BOILERPLATE_GROUPS {
                boilerplate.insert(h);
            }
        }
    }
    let Some((sig, size)) = signature_of(paras, |h| boilerplate.contains(&h)) else {
        count_paragraphs(tx, filing, paras, bucket, key)?;
        return Ok(None);
    };
    let bands = band_keys(&sig);
    // Candidates: articles sharing a band, those sharing the most bands first; the most
    // similar one at or over the threshold. Both lookups are capped, so a band shared by
    // thousands of articles (a template, a boilerplate-heavy outlet) costs no more than any.
    let mut best: Option<(i64, f64)> = None;
    {
        // Each bucket's newest articles in the band, then the newest of them all: what
        // `ORDER BY article DESC LIMIT` over all the buckets gives.
        let mut in_band = tx.prepare_cached(
            "SELECT article FROM bands WHERE bucket = ?1 AND band = ?2
             ORDER BY article DESC LIMIT ?3",
        )?;
        let mut sig_of =
            tx.prepare_cached("SELECT sig, shingles FROM signatures WHERE article = ?1")?;
        let buckets = filing.bands.held(tx, near)?;
        let mut hits: rustc_hash::FxHashMap<i64, u32> = rustc_hash::FxHashMap::default();
        let mut found: Vec<i64> = Vec::with_capacity(PER_BAND * buckets.len());
        for band in bands {
            newest_in_band(&mut in_band, &buckets, band, &mut found)?;
            for &other in &found {
                if other != key {
                    *hits.entry(other).or_default() += 1;
                }
            }
        }
        let mut candidates: Vec<(u32, i64)> = hits.into_iter().map(|(k, n)| (n, k)).collect();
        candidates.sort_unstable_by(|a, b| b.cmp(a));
        candidates.truncate(COMPARED);
        for (_, other) in candidates {
            {
                let (blob, other_size): (Vec<u8>, i64) =
                    sig_of.query_row(params![other], |r| Ok((r.get(0)?, r.get(1)?)))?;
                let Some(other_sig) = from_blob(&blob) else {
                    continue;
                };
                let j = similarity(&sig, &other_sig);
                if j < MIN_JACCARD {
                    continue;
                }
                let s = containment(j, size, other_size.max(0) as usize);
                if s >= threshold && best.is_none_or(|(_, b)| s > b) {
                    best = Some((other, s));
                }
            }
        }
    }
    tx.prepare_cached(
        "INSERT OR REPLACE INTO signatures (article, sig, shingles) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![key, to_blob(&sig), size as i64])?;
    {
        let mut add = tx.prepare_cached(
            "INSERT OR IGNORE INTO bands (bucket, band, article) VALUES (?1, ?2, ?3)",
        )?;
        for band in bands {
            add.execute(params![bucket, band, key])?;
        }
        filing.bands.fill(bucket);
    }
    let Some((other, s)) = best else {
        count_paragraphs(tx, filing, paras, bucket, key)?;
        return Ok(None);
    };
    let canonical = canonical_of(tx, other)?;
    // A copy of a copy must also be a copy of the group's canonical article: otherwise small
    // overlaps chain unrelated stories together (A like B, B like C, A nothing like C).
    if canonical != other {
        let row: Option<(Vec<u8>, i64)> = tx
            .prepare_cached("SELECT sig, shingles FROM signatures WHERE article = ?1")?
            .query_row(params![canonical], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let alike = row.is_some_and(|(blob, n)| {
            from_blob(&blob).is_some_and(|c| {
                let j = similarity(&sig, &c);
                j >= MIN_JACCARD && containment(j, size, n.max(0) as usize) >= threshold
            })
        });
        if !alike {
            count_paragraphs(tx, filing, paras, bucket, key)?;
            return Ok(None);
        }
    }
    // The earliest published article is the canonical one; a newcomer that is earlier takes
    // the group over.
    let canonical_published: Option<String> = tx
        .prepare_cached("SELECT published FROM articles WHERE key = ?1")?
        .query_row(params![canonical], |r| r.get(0))
        .optional()?
        .flatten();
    let earlier = match (published, canonical_published.as_deref()) {
        (Some(p), Some(c)) => p < c,
        (Some(_), None) => true,
        _ => false,
    };
    count_paragraphs(tx, filing, paras, bucket, canonical)?;
    if earlier {
        tx.prepare_cached("UPDATE copies SET canonical = ?1 WHERE canonical = ?2")?
            .execute(params![key, canonical])?;
        tx.prepare_cached(
            "INSERT OR REPLACE INTO copies (article, canonical, similarity) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![canonical, key, s])?;
        Ok(Some(canonical))
    } else {
        tx.prepare_cached(
            "INSERT OR REPLACE INTO copies (article, canonical, similarity) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![key, canonical, s])?;
        Ok(Some(canonical))
    }
}

/// The articles of the band `band` in `buckets` (ascending, each once), newest first and at
/// most [`PER_BAND`], into `found`: what `bucket IN (…) AND band = ? ORDER BY article DESC
/// LIMIT` reads. `in_band` reads one bucket's.
fn newest_in_band(
    in_band: &mut Statement<'_>,
    buckets: &[i64],
    band: i64,
    found: &mut Vec<i64>,
) -> Result<(), Error> {
    found.clear();
    for &b in buckets {
        let mut rows = in_band.query(params![b, band, PER_BAND as i64])?;
        while let Some(row) = rows.next()? {
            found.push(row.get(0)?);
        }
    }
    if buckets.len() > 1 {
        found.sort_unstable_by(|a, b| b.cmp(a));
        found.truncate(PER_BAND);
    }
    Ok(())
}

/// The number of copy groups a paragraph was seen in, among the first rows read (at most four
/// times [`BOILERPLATE_GROUPS`]) bucket by bucket in ascending order, then by group: what
/// `count(DISTINCT grp)` over `bucket IN (…) AND hash = ? LIMIT` reads, SQLite reading an `IN`
/// list in ascending order. `groups_of` reads one bucket's; `groups` is scratch space.
fn groups_seen(
    groups_of: &mut Statement<'_>,
    buckets: &[i64],
    hash: i64,
    groups: &mut Vec<i64>,
) -> Result<i64, Error> {
    groups.clear();
    for &b in buckets {
        let left = 4 * BOILERPLATE_GROUPS - groups.len() as i64;
        if left <= 0 {
            break;
        }
        let mut rows = groups_of.query(params![b, hash, left])?;
        while let Some(row) = rows.next()? {
            groups.push(row.get(0)?);
        }
    }
    groups.sort_unstable();
    groups.dedup();
    Ok(groups.len() as i64)
}

/// The articles of `source` a paragraph was seen in, over `buckets` (each once).
fn outlet_articles(
    by_outlet: &mut Statement<'_>,
    buckets: &[i64],
    hash: i64,
    source: &str,
) -> Result<i64, Error> {
    let mut n: i64 = 0;
    for &b in buckets {
        let count: Option<i64> = by_outlet
            .query_row(params![b, hash, source], |r| r.get(0))
            .optional()?;
        n = n.saturating_add(count.unwrap_or(0));
    }
    Ok(n)
}

/// Records that the paragraphs were seen, in time bucket `bucket`, in the copy group of
/// `group` (its canonical key).
fn count_paragraphs(
    tx: &Transaction<'_>,
    filing: &mut Filing,
    paras: &[Paragraph],
    bucket: i64,
    group: i64,
) -> Result<(), Error> {
    let mut seen = tx.prepare_cached(
        "INSERT OR IGNORE INTO paragraphs (bucket, hash, grp) VALUES (?1, ?2, ?3)",
    )?;
    for h in paras.iter().map(|p| p.hash) {
        if h != 0 {
            seen.execute(params![bucket, h as i64, group])?;
            filing.paragraphs.fill(bucket);
        }
    }
    Ok(())
}

/// The canonical article of `key`'s group (itself when it has no copies).
pub fn canonical_of(conn: &rusqlite::Connection, key: i64) -> Result<i64, Error> {
    Ok(conn
        .prepare_cached("SELECT canonical FROM copies WHERE article = ?1")?
        .query_row(params![key], |r| r.get(0))
        .optional()?
        .unwrap_or(key))
}

/// The other articles of `key`'s copy group (itself excluded), in key order.
pub fn copies_of(conn: &rusqlite::Connection, key: i64) -> Result<Vec<i64>, Error> {
    let canonical = canonical_of(conn, key)?;
    let mut st = conn.prepare_cached(
        "SELECT ?1 UNION SELECT article FROM copies WHERE canonical = ?1 ORDER BY 1",
    )?;
    let rows = st.query_map(params![canonical], |r| r.get::<_, i64>(0))?;
    let mut out = Vec::new();
    for r in rows {
        let r = r?;
        if r != key {
            out.push(r);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "أعلنت وزارة الداخلية السعودية اليوم القبض على خلية إرهابية تتكون من \
        ستة أشخاص في مدينة الرياض كانوا يخططون لتنفيذ عمليات تستهدف مساجد ومنشآت أمنية.\n\
        وأوضح المتحدث الأمني للوزارة أن الأجهزة الأمنية تابعت نشاط الخلية منذ عدة أشهر قبل أن \
        تتمكن من ضبط أفرادها وبحوزتهم أسلحة ومتفجرات معدة للاستخدام.\n\
        وأضاف أن التحقيقات لا تزال جارية لكشف ارتباطات الخلية بتنظيمات خارجية.";

    #[test]
    fn an_edited_copy_is_similar_and_another_story_is_not() {
        let (a, _) = signature(STORY, |_| false).unwrap();
        // A copy with its last paragraph dropped and a new line added.
        let edited =
            STORY.rsplit_once('\n').unwrap().0.to_owned() + "\nالمصدر: وكالة الأنباء السعودية";
        let (b, _) = signature(&edited, |_| false).unwrap();
        assert!(similarity(&a, &b) >= 0.5, "{}", similarity(&a, &b));
        let other = "افتتح أمير منطقة مكة المكرمة مشروع توسعة الطريق الدائري الثالث في جدة \
            بتكلفة تجاوزت مليار ريال، ويستوعب الطريق بعد توسعته ضعف عدد المركبات الحالي \
            ويخفف الازدحام في أحياء شمال المدينة خلال مواسم الحج والعمرة.";
        let (c, _) = signature(other, |_| false).unwrap();
        assert!(similarity(&a, &c) < 0.1);
    }

    #[test]
    fn containment_sees_a_copy_inside_a_longer_text() {
        // Half the larger set, all of the smaller: J = 0.5, containment 1.
        assert!((containment(0.5, 100, 200) - 1.0).abs() < 1e-9);
        assert!((containment(1.0, 50, 50) - 1.0).abs() < 1e-9);
        assert!(containment(0.1, 100, 100) < 0.2);
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(signature("عاجل: انفجار في العاصمة", |_| false).is_none());
    }

    #[test]
    fn signatures_do_not_depend_on_spelling_variants() {
        let folded = STORY.replace('أ', "ا").replace('ة', "ه");
        let (a, _) = signature(STORY, |_| false).unwrap();
        let (b, _) = signature(&folded, |_| false).unwrap();
        assert_eq!(similarity(&a, &b), 1.0);
    }

    #[test]
    fn blobs_round_trip() {
        let (a, _) = signature(STORY, |_| false).unwrap();
        assert_eq!(from_blob(&to_blob(&a)), Some(a));
        assert_eq!(from_blob(&[1, 2, 3]), None);
    }

    /// A small deterministic generator (the tests' data must not change from run to run).
    fn lcg(state: &mut u64) -> u64 {
        *state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *state >> 33
    }

    /// The lookups made one bucket at a time, skipping empty buckets, read exactly what the
    /// statements over an `IN` list of buckets read, caps and order included, with more rows
    /// than the caps in several buckets and buckets named twice (an undated article's).
    #[test]
    fn per_bucket_lookups_read_what_in_lists_read() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE bands (bucket INTEGER NOT NULL, band INTEGER NOT NULL,
                 article INTEGER NOT NULL, PRIMARY KEY (bucket, band, article)) WITHOUT ROWID;
             CREATE TABLE outlet_paragraphs (bucket INTEGER NOT NULL, hash INTEGER NOT NULL,
                 source TEXT NOT NULL, articles INTEGER NOT NULL,
                 PRIMARY KEY (bucket, hash, source)) WITHOUT ROWID;
             CREATE TABLE paragraphs (bucket INTEGER NOT NULL, hash INTEGER NOT NULL,
                 grp INTEGER NOT NULL, PRIMARY KEY (bucket, hash, grp)) WITHOUT ROWID;",
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        let mut state = 7u64;
        // Buckets 10 to 13 and the undated one; 14 stays empty. Few keys, so that they
        // gather many rows.
        for _ in 0..6000 {
            let bucket = [10, 11, 12, 13, UNDATED][(lcg(&mut state) % 5) as usize];
            let key = (lcg(&mut state) % 40) as i64;
            let other = (lcg(&mut state) % 3000) as i64;
            tx.execute(
                "INSERT OR IGNORE INTO bands VALUES (?1, ?2, ?3)",
                params![bucket, key, other],
            )
            .unwrap();
            tx.execute(
                "INSERT OR IGNORE INTO paragraphs VALUES (?1, ?2, ?3)",
                params![bucket, key, other % (3 + bucket.rem_euclid(4))],
            )
            .unwrap();
            tx.execute(
                "INSERT INTO outlet_paragraphs VALUES (?1, ?2, ?3, 1)
                 ON CONFLICT DO UPDATE SET articles = articles + 1",
                params![bucket, key, ["a", "b"][(other % 2) as usize]],
            )
            .unwrap();
        }
        let mut filing = Filing::default();
        let mut in_band = tx
            .prepare(
                "SELECT article FROM bands WHERE bucket = ?1 AND band = ?2
                 ORDER BY article DESC LIMIT ?3",
            )
            .unwrap();
        let mut groups_of = tx
            .prepare("SELECT grp FROM paragraphs WHERE bucket = ?1 AND hash = ?2 LIMIT ?3")
            .unwrap();
        let mut by_outlet = tx
            .prepare(
                "SELECT articles FROM outlet_paragraphs
                 WHERE bucket = ?1 AND hash = ?2 AND source = ?3",
            )
            .unwrap();
        let (mut found, mut groups) = (Vec::new(), Vec::new());
        for bucket in [11, 12, 13, 14, 9, UNDATED] {
            let near = neighbours(bucket);
            for key in 0..42i64 {
                let mut old: Vec<i64> = tx
                    .prepare(
                        "SELECT article FROM bands WHERE bucket IN (?1, ?2, ?3, ?4) AND band = ?5
                         ORDER BY article DESC LIMIT ?6",
                    )
                    .unwrap()
                    .query_map(
                        params![near[0], near[1], near[2], near[3], key, PER_BAND as i64],
                        |r| r.get(0),
                    )
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                let buckets = filing.bands.held(&tx, near).unwrap();
                newest_in_band(&mut in_band, &buckets, key, &mut found).unwrap();
                old.sort_unstable();
                found.sort_unstable();
                assert_eq!(old, found, "bands, bucket {bucket}, key {key}");

                let old: i64 = tx
                    .query_row(
                        "SELECT count(DISTINCT grp) FROM (SELECT grp FROM paragraphs
                         WHERE bucket IN (?1, ?2, ?3, ?4) AND hash = ?5 LIMIT ?6)",
                        params![
                            near[0],
                            near[1],
                            near[2],
                            near[3],
                            key,
                            4 * BOILERPLATE_GROUPS
                        ],
                        |r| r.get(0),
                    )
                    .unwrap();
                let buckets = filing.paragraphs.held(&tx, near).unwrap();
                let new = groups_seen(&mut groups_of, &buckets, key, &mut groups).unwrap();
                assert_eq!(old, new, "paragraphs, bucket {bucket}, key {key}");

                for source in ["a", "b", "c"] {
                    let old: i64 = tx
                        .query_row(
                            "SELECT coalesce(sum(articles), 0) FROM outlet_paragraphs
                             WHERE bucket IN (?1, ?2, ?3, ?4) AND hash = ?5 AND source = ?6",
                            params![near[0], near[1], near[2], near[3], key, source],
                            |r| r.get(0),
                        )
                        .unwrap();
                    let buckets = filing.outlets.held(&tx, near).unwrap();
                    let new = outlet_articles(&mut by_outlet, &buckets, key, source).unwrap();
                    assert_eq!(old, new, "outlets, bucket {bucket}, key {key}");
                }
            }
        }
    }
}
