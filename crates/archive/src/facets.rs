//! Facet counts: how the articles matching a search divide by outlet, category and entity.
//!
//! A tantivy collector that counts the dictionary ordinals of string fast fields. For each
//! segment, every matching document's ordinals are counted in a plain array indexed by ordinal;
//! only the segment's most frequent ordinals ([`shard_size`] of them, as search engines'
//! "shard size" does) are turned back into text, and the segments' counts are
//! merged by text. A value outside a segment's shortlist is undercounted by that segment's count
//! of it, which cannot reorder the values shown unless their counts are close to the cut.
//!
//! Turning ordinals back into text meant decoding the segment's dictionary blocks on every
//! search (a sixth of the server's time under load); segments never change, so each segment's
//! values are decoded once and kept in a [`SegmentTerms`] cache, pruned to the live segments.
//!
//! Counting every match made facets most of a search's cost on a large archive (a two-word
//! query matches a quarter of it; every match's outlet, category and entities were looked
//! up). Past [`SAMPLE`] matches the counts come from a uniform sample of them instead, as
//! search engines' sampler aggregations do: each segment keeps the matches whose hashed doc id
//! reaches a level (a Bernoulli sample of rate 2^-level), raising the level whenever its share
//! of the sample is full, and its counts are scaled back up by 2^level. The results say when
//! they are estimates ([`FacetCounts`] returns whether any segment sampled).

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// The values of a string fast field in one segment, by ordinal.
type Values = Arc<Vec<Arc<str>>>;

/// A segment's string column of one field, opened, with its values decoded.
type OpenColumn = Option<(StrColumn, Values)>;

/// Each live segment's facet columns, opened, and their values decoded, per field; and each
/// segment's `key` column.
///
/// Opening a column is not free: a monotonic column (a multi-valued column's row index, the
/// `key` column) is stored blockwise-linear, and opening it decodes the header of every block
/// of 512 rows into a vector. Done on every search (the three facet columns of every segment,
/// and the `key` column once per hit) it was an eighth of the query mix's instructions at a
/// million articles; segments never change, so each is opened once and kept.
#[derive(Default)]
pub(crate) struct SegmentTerms {
    values: Mutex<FxHashMap<(SegmentId, &'static str), OpenColumn>>,
    keys: Mutex<FxHashMap<SegmentId, Column<u64>>>,
}

/// Entities' display names by their facet value (`TYPE:key`), as the record has them.
///
/// An entity's row, once written, never changes (entities are added with `INSERT OR IGNORE`
/// and never deleted), so a name found once is good for the life of the archive; the sixty
/// names of an entity facet were otherwise sixty SQLite lookups on every search.
#[derive(Default)]
pub(crate) struct EntityNames {
    names: Mutex<FxHashMap<Arc<str>, Arc<str>>>,
}

impl EntityNames {
    /// Names kept at most; past this the cache starts over (an archive's facets show a few
    /// thousand entities again and again, not hundreds of thousands).
    const MAX: usize = 100_000;

    /// The name of the entity `value`, from the cache or else from `lookup` (whose `None`,
    /// an entity not in the record, is not kept).
    pub fn get<E>(
        &self,
        value: &Arc<str>,
        lookup: impl FnOnce() -> Result<Option<String>, E>,
    ) -> Result<Option<Arc<str>>, E> {
        if let Some(name) = self.lock().get(value) {
            return Ok(Some(Arc::clone(name)));
        }
        let Some(name) = lookup()? else {
            return Ok(None);
        };
        let name: Arc<str> = name.into();
        let mut names = self.lock();
        if names.len() >= Self::MAX {
            names.clear();
        }
        names.insert(Arc::clone(value), Arc::clone(&name));
        Ok(Some(name))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<Arc<str>, Arc<str>>> {
        // A poisoned lock only means another search panicked mid-insert: the map is whole.
        self.names.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SegmentTerms {
    /// Forgets the segments `searcher` no longer has (merged away).
    pub fn prune(&self, searcher: &Searcher) {
        let live: rustc_hash::FxHashSet<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|r| r.segment_id())
            .collect();
        self.lock().retain(|(id, _), _| live.contains(id));
        self.keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|id, _| live.contains(id));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<(SegmentId, &'static str), OpenColumn>> {
        // A poisoned lock only means another search panicked mid-insert: the map is whole.
        self.values.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The column of `field` in the segment (`None` if the segment has none), and its values,
    /// opened and decoded on first use.
    fn get(&self, reader: &SegmentReader, field: &'static str) -> tantivy::Result<OpenColumn> {
        let segment = reader.segment_id();
        if let Some(v) = self.lock().get(&(segment, field)) {
            return Ok(v.clone());
        }
        let open = reader.fast_fields().str(field)?.map(|column| {
            let mut all = Vec::with_capacity(column.num_terms());
            if let Ok(mut stream) = column.dictionary().stream() {
                while stream.advance() {
                    all.push(String::from_utf8_lossy(stream.key()).into());
                }
            }
            (column, Arc::new(all))
        });
        self.lock().insert((segment, field), open.clone());
        Ok(open)
    }

    /// The record key of document `doc` of the segment (its `key` fast field), if it has one;
    /// the segment's column is opened on first use (see [`SegmentTerms`]).
    pub fn record_key(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Option<i64>> {
        let segment = reader.segment_id();
        let cached = self
            .keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&segment)
            .cloned();
        let column = match cached {
            Some(column) => column,
            None => {
                // An error (no such column) is passed on and not kept, as before the cache.
                let column = reader.fast_fields().u64("key")?;
                self.keys
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(segment, column.clone());
                column
            }
        };
        Ok(column.first(doc).map(|k| k as i64))
    }
}

/// How many of a segment's most frequent values are merged with the other segments' when
/// `size` values are asked for: Elasticsearch's default shard size for a terms aggregation,
/// 1.5 × size + 10. A value outside a segment's shortlist is undercounted by that segment's
/// count of it; values near the cut are the only ones this can reorder. (Keeping ten times the
/// size cost a sixth of a search at a million articles, in the text hashing of the merge.)
fn shard_size(size: usize) -> usize {
    size + size / 2 + 10
}

/// Matches counted exactly before counts are estimated from a sample (about this many
/// matches are looked at, whatever the number of matches).
pub(crate) const SAMPLE: u64 = 5_000;

/// A string fast field to count.
#[derive(Clone, Copy)]
pub(crate) struct FacetField {
    /// The field's name.
    pub name: &'static str,
    /// How many of its values are wanted.
    pub size: usize,
    /// Once the matches are sampled, count this field on half the sample. For a field with
    /// many values per document (an article names a dozen entities, but has one outlet), the
    /// counting is most of a search's facet work (a quarter of a search at a million articles),
    /// and half the sample still gives each shown value's count to within a few tens of
    /// percent; the one-value fields keep the whole sample, as they cost little.
    pub half_sample: bool,
}

/// Counts, per field, the values of the matching documents.
pub(crate) struct FacetCounts<'a> {
    /// The string fast fields to count.
    pub fields: Vec<FacetField>,
    /// Where each segment's values are kept once decoded.
    pub terms: &'a SegmentTerms,
    /// Matches looked at in all, at most (about): each segment gets a share proportional to
    /// its size. `u64::MAX` counts every match.
    pub sample: u64,
    /// Documents in the searcher (to divide the sample between segments).
    pub documents: u64,
}

/// One segment's counting: the sampled matches, then per field its column and counts.
pub(crate) struct SegmentFacetCounts {
    columns: Vec<Option<(StrColumn, Values)>>,
    /// Per field, how many values of this segment to keep, and whether to count it on half
    /// the sample ([`FacetField::half_sample`]).
    keep: Vec<(usize, bool)>,
    /// The matches kept: those whose [`level`] is at least `level`.
    kept: Vec<DocId>,
    /// The sampling level: a match is kept with probability 2^-level.
    level: u32,
    /// Matches kept at most before the level is raised.
    budget: usize,
    /// The segment's salt for [`level`].
    salt: u64,
}

/// Per field, each value with the number of matching documents that have it.
/// (The values are shared with the segments' caches: a search copies no text.)
pub(crate) type FieldCounts = Vec<FxHashMap<Arc<str>, u64>>;

/// Facet counts, and whether they are estimates from a sample of the matches.
pub(crate) type SampledCounts = (FieldCounts, bool);

/// The sampling level of a document: the trailing zeros of a hash of its id, so that a level
/// of at least `l` holds for a fraction 2^-l of the documents, spread evenly over the segment
/// whatever the order the documents were added in (SplitMix64's finaliser).
///
/// `salt` is the segment's: every segment numbers its documents from 0, and without it every
/// segment would sample the same positions, so that a sample that happens to run a little
/// short in one would run short in all (the first 7,000 ids keep 795 at level 3, 9 % under
/// 875), and the counts of every segment would lean the same way.
fn level(doc: DocId, salt: u64) -> u32 {
    let mut z = (u64::from(doc) ^ salt).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)).trailing_zeros()
}

impl Collector for FacetCounts<'_> {
    type Fruit = SampledCounts;
    type Child = SegmentFacetCounts;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounts> {
        let mut columns = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            columns.push(self.terms.get(reader, field.name)?);
        }
        let keep = self
            .fields
            .iter()
            .map(|f| (shard_size(f.size), f.half_sample))
            .collect();
        // The segment's share of the sample, by size; never so small that a little segment's
        // few matches are sampled.
        let share = (self.sample as f64 * f64::from(reader.max_doc())
            / self.documents.max(1) as f64)
            .min(usize::MAX as f64) as usize;
        Ok(SegmentFacetCounts {
            columns,
            keep,
            kept: Vec::new(),
            level: 0,
            budget: share.max(256),
            salt: u64::from(segment) << 32,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SampledCounts>) -> tantivy::Result<SampledCounts> {
        let mut merged: FieldCounts = vec![FxHashMap::default(); self.fields.len()];
        let mut sampled = false;
        for (segment, segment_sampled) in segments {
            sampled |= segment_sampled;
            for (into, from) in merged.iter_mut().zip(segment) {
                for (value, n) in from {
                    *into.entry(value).or_default() += n;
                }
            }
        }
        Ok((merged, sampled))
    }
}

impl SegmentCollector for SegmentFacetCounts {
    type Fruit = SampledCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if self.level > 0 && level(doc, self.salt) < self.level {
            return;
        }
        self.kept.push(doc);
        if self.kept.len() > self.budget {
            // Full: halve the sampling rate, dropping the kept matches below the new level.
            self.level += 1;
            let (at_least, salt) = (self.level, self.salt);
            self.kept.retain(|&d| level(d, salt) >= at_least);
        }
    }

    fn harvest(self) -> SampledCounts {
        let kept = self.kept;
        // Half the sample: the kept matches one level up.
        let half_level = self.level + 1;
        let half: Vec<DocId> = if self.level > 0 && self.keep.iter().any(|k| k.1) {
            kept.iter()
                .copied()
                .filter(|&d| level(d, self.salt) >= half_level)
                .collect()
        } else {
            Vec::new()
        };
        let counts = self
            .columns
            .into_iter()
            .zip(self.keep)
            .map(|(column, (keep, half_sample))| {
                let mut values = FxHashMap::default();
                let Some((column, names)) = column else {
                    return values;
                };
                let (docs, level) = if half_sample && self.level > 0 {
                    (&half, half_level)
                } else {
                    (&kept, self.level)
                };
                let scale = 1u64 << level.min(63);
                let mut seen = ordinal_counts(&column, docs);
                if seen.len() > keep {
                    seen.select_nth_unstable_by(keep - 1, |a, b| b.1.cmp(&a.1));
                    seen.truncate(keep);
                }
                for (ord, n) in seen {
                    if let Some(name) = names.get(ord as usize) {
                        values.insert(Arc::clone(name), u64::from(n) * scale);
                    }
                }
                values
            })
            .collect();
        (counts, self.level > 0)
    }
}

/// How many of `docs` have each ordinal of `column`, for the ordinals some have.
///
/// Counted in a per-thread array indexed by ordinal that is kept between searches: an entity
/// column has hundreds of thousands of values, and allocating and zeroing (or hashing into) a
/// table for them on every search cost more than the counting. Only the entries a search
/// touched are read back and reset.
///
/// The ordinals are read a chunk of documents at a time: their rows first, then the values of
/// those rows in one call. Reading them one document at a time went through two dynamic calls
/// per value (the column's values are behind a trait object), which cost more than the
/// counting itself for the dozen entities of each sampled article. `docs` are in increasing
/// order (as collected), which lets an optional column find its rows block by block.
fn ordinal_counts(column: &StrColumn, docs: &[DocId]) -> Vec<(u64, u32)> {
    /// Documents whose rows are read at once.
    const CHUNK: usize = 256;
    thread_local! {
        static COUNTS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let terms = column.num_terms();
    let ords = column.ords();
    let mut rows: Vec<u32> = Vec::new();
    let mut row_docs: Vec<DocId> = Vec::new();
    let mut values: Vec<u64> = Vec::new();
    COUNTS.with(|counts| {
        let mut counts = counts.borrow_mut();
        if counts.len() < terms {
            counts.resize(terms, 0);
        }
        let mut touched: Vec<u64> = Vec::new();
        for chunk in docs.chunks(CHUNK) {
            rows.clear();
            row_docs.clear();
            ords.index.docids_to_rowids(chunk, &mut row_docs, &mut rows);
            values.clear();
            values.resize(rows.len(), 0);
            ords.values.get_vals(&rows, &mut values);
            for &ord in &values {
                if let Some(n) = counts.get_mut(ord as usize) {
                    if *n == 0 {
                        touched.push(ord);
                    }
                    *n += 1;
                }
            }
        }
        touched
            .into_iter()
            .map(|ord| (ord, std::mem::take(&mut counts[ord as usize])))
            .collect()
    })
}

/// The `size` most frequent values, most frequent first (ties by value, so the order is
/// stable).
pub(crate) fn top(counts: FxHashMap<Arc<str>, u64>, size: usize) -> Vec<(Arc<str>, u64)> {
    let order =
        |a: &(Arc<str>, u64), b: &(Arc<str>, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    let mut all: Vec<(Arc<str>, u64)> = counts.into_iter().collect();
    if all.len() > size {
        all.select_nth_unstable_by(size, order);
        all.truncate(size);
    }
    all.sort_unstable_by(order);
    all
}

/// Matches counted one by one in a search, about; past this a search's total (and its facet
/// counts) are estimated from a systematic sample of the archive's documents.
pub(crate) const EXACT_MATCHES: u64 = 20_000;

/// Documents per block of the systematic sample: small, so that matches bunched in time (the
/// documents are in the order they were added, and news comes in bursts) still fall in many
/// sampled blocks.
const BLOCK: u32 = 128;

/// What the counting pass of a search found.
pub(crate) struct Counted {
    /// The number of matches: exact, or estimated when `estimated`.
    pub total: usize,
    /// The total was estimated from a sample of the documents.
    pub estimated: bool,
    /// The facet counts, when asked for.
    pub facets: Option<SampledCounts>,
}

/// Counts the matches of `query` (scoring nothing) and, with `facets`, their facet values.
///
/// A segment whose matches may number more than its share of [`EXACT_MATCHES`] (by the query's
/// own size estimate) is not read whole: only one block of [`BLOCK`] documents in every
/// `stride`, evenly spaced, is, and what was found there is scaled by the segment's blocks over
/// the blocks read, as search engines report "about N results". The cost of counting then
/// stops growing with the number of matches. `exact` reads every segment whole.
pub(crate) fn count_matches(
    searcher: &Searcher,
    query: &dyn tantivy::query::Query,
    facets: Option<&FacetCounts<'_>>,
    exact: bool,
) -> tantivy::Result<Counted> {
    use tantivy::query::EnableScoring;
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let documents = searcher.num_docs().max(1);
    let mut total = 0f64;
    let mut estimated = false;
    let mut fruits: Vec<SampledCounts> = Vec::new();
    for (ordinal, reader) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(reader, 1.0)?;
        let max_doc = reader.max_doc();
        let blocks = max_doc.div_ceil(BLOCK).max(1);
        let share = (EXACT_MATCHES as f64 * f64::from(max_doc) / documents as f64).max(1_000.0);
        // Read one block in `stride` (a power of two), leaving at least 64 blocks read.
        let mut stride = 1u32;
        if !exact {
            while f64::from(scorer.size_hint()) / f64::from(stride) > share
                && blocks / (stride * 2) >= 64
            {
                stride *= 2;
            }
        }
        let mut child = match facets {
            Some(f) => Some(f.for_segment(ordinal as SegmentOrdinal, reader)?),
            None => None,
        };
        let alive = reader.alive_bitset();
        let mut count = 0u64;
        let mut doc = scorer.doc();
        while doc != tantivy::TERMINATED {
            let block = doc / BLOCK;
            if !block.is_multiple_of(stride) {
                // On to the next block read.
                let next = (block / stride + 1) * stride * BLOCK;
                if next >= max_doc {
                    break;
                }
                doc = scorer.seek(next);
                continue;
            }
            if alive.is_none_or(|a| a.is_alive(doc)) {
                count += 1;
                if let Some(child) = child.as_mut() {
                    child.collect(doc, 0.0);
                }
            }
            doc = scorer.advance();
        }
        // Blocks 0, stride, 2·stride, … were read.
        let read = blocks.div_ceil(stride);
        let scale = f64::from(blocks) / f64::from(read);
        if stride > 1 {
            estimated = true;
        }
        total += count as f64 * scale;
        if let Some(child) = child {
            let (mut counts, sampled) = child.harvest();
            if stride > 1 {
                for field in &mut counts {
                    for n in field.values_mut() {
                        *n = (*n as f64 * scale).round() as u64;
                    }
                }
            }
            fruits.push((counts, sampled || stride > 1));
        }
    }
    let facets = match facets {
        Some(f) => Some(f.merge_fruits(fruits)?),
        None => None,
    };
    Ok(Counted {
        total: total.round() as usize,
        estimated,
        facets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::{AllQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, FAST, STRING};
    use tantivy::{doc, Index, Term};

    #[test]
    fn an_entity_name_is_looked_up_once_and_a_missing_one_every_time() {
        let names = EntityNames::default();
        let kerry: Arc<str> = "PERS:كيري".into();
        let mut lookups = 0;
        for _ in 0..3 {
            let name = names
                .get(&kerry, || {
                    lookups += 1;
                    Ok::<_, ()>(Some("جون كيري".to_owned()))
                })
                .unwrap();
            assert_eq!(name.as_deref(), Some("جون كيري"));
        }
        assert_eq!(lookups, 1);
        let unknown: Arc<str> = "ORG:مجهول".into();
        for expected in 1..=2 {
            let name = names
                .get(&unknown, || {
                    lookups += 1;
                    Ok::<_, ()>(None)
                })
                .unwrap();
            assert_eq!(name, None);
            assert_eq!(lookups, 1 + expected);
        }
        // An error is passed on, and nothing is kept.
        let failing: Arc<str> = "LOC:حلب".into();
        assert_eq!(names.get(&failing, || Err("disk")), Err("disk"));
        assert_eq!(
            names.get(&failing, || Ok::<_, &str>(Some("حلب".into()))),
            Ok(Some("حلب".into()))
        );
    }

    /// An index of `n` documents in a few segments: an outlet per document, skewed (outlet k
    /// has about twice the documents of outlet k + 1), and a word on every third document.
    fn index(n: u32) -> (Index, Schema) {
        index_in_segments_of(n, 7_000)
    }

    fn index_in_segments_of(n: u32, segment: u32) -> (Index, Schema) {
        let mut b = Schema::builder();
        let source = b.add_text_field("source", STRING | FAST);
        let word = b.add_text_field("word", STRING);
        let schema = b.build();
        let index = Index::create_in_ram(schema.clone());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..n {
            let k = (i.wrapping_mul(2_654_435_761) >> 7).trailing_zeros().min(6);
            let w = if i % 3 == 0 { "x" } else { "y" };
            // A burst: a word only in one stretch of a tenth of the documents, as news of one
            // event comes in a few days.
            let burst = if i % 10_000 < 1_000 { "burst" } else { "calm" };
            writer
                .add_document(doc!(source => format!("outlet-{k}"), word => w, word => burst))
                .unwrap();
            if i % segment == segment - 1 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        (index, schema)
    }

    fn counts(index: &Index, query: &dyn tantivy::query::Query, sample: u64) -> SampledCounts {
        counts_of(index, query, sample, false)
    }

    fn counts_of(
        index: &Index,
        query: &dyn tantivy::query::Query,
        sample: u64,
        half_sample: bool,
    ) -> SampledCounts {
        let searcher = index.reader().unwrap().searcher();
        let terms = SegmentTerms::default();
        let collector = FacetCounts {
            fields: vec![FacetField {
                name: "source",
                size: 10,
                half_sample,
            }],
            terms: &terms,
            sample,
            documents: searcher.num_docs(),
        };
        searcher.search(query, &collector).unwrap()
    }

    #[test]
    fn few_matches_are_counted_exactly() {
        let (index, _) = index(20_000);
        let (exact, approximate) = counts(&index, &AllQuery, u64::MAX);
        assert!(!approximate);
        assert_eq!(exact[0].values().sum::<u64>(), 20_000);
        // Under the sample size: the same counts, not marked as estimates, for a field counted
        // on half the sample too (there is no sample).
        for half_sample in [false, true] {
            let (sampled, approximate) = counts_of(&index, &AllQuery, 30_000, half_sample);
            assert!(!approximate);
            assert_eq!(sampled, exact);
        }
    }

    #[test]
    fn a_field_counted_on_half_the_sample_is_estimated_from_half_the_matches() {
        let (index, _) = index(20_000);
        let (exact, _) = counts(&index, &AllQuery, u64::MAX);
        let (whole, _) = counts_of(&index, &AllQuery, 4_000, false);
        let (half, approximate) = counts_of(&index, &AllQuery, 4_000, true);
        assert!(approximate);
        assert_ne!(half, whole, "the same documents were counted");
        // Half the sample is still 1,000 to 2,000 matches: the sum is right to within 10 %,
        // and values with a tenth of the matches or more (a hundred sampled or more, so a
        // standard error under 10 %) to within 30 %.
        let sum = |c: &FxHashMap<Arc<str>, u64>| c.values().sum::<u64>() as f64;
        assert!(
            (sum(&half[0]) - 20_000.0).abs() < 2_000.0,
            "{}",
            sum(&half[0])
        );
        for (value, &n) in &exact[0] {
            if n * 10 >= 20_000 {
                let e = half[0].get(value).copied().unwrap_or(0) as f64;
                let error = (e - n as f64).abs() / n as f64;
                assert!(error < 0.3, "{value}: {e} estimated, {n} counted");
            }
        }
    }

    #[test]
    fn many_matches_are_estimated_from_a_uniform_sample() {
        let (index, schema) = index(20_000);
        let word = schema.get_field("word").unwrap();
        let x = TermQuery::new(Term::from_field_text(word, "x"), IndexRecordOption::Basic);
        for query in [&AllQuery as &dyn tantivy::query::Query, &x] {
            let (exact, _) = counts(&index, query, u64::MAX);
            let (estimate, approximate) = counts(&index, query, 2_000);
            assert!(approximate);
            // Values with at least a tenth of the matches are within 15 % of their count.
            let total: u64 = exact[0].values().sum();
            for (value, &n) in &exact[0] {
                if n * 10 >= total {
                    let e = estimate[0].get(value).copied().unwrap_or(0) as f64;
                    let error = (e - n as f64).abs() / n as f64;
                    assert!(error < 0.15, "{value}: {e} estimated, {n} counted");
                }
            }
            // The order of the clearly separated values is kept.
            let order = |c: &FxHashMap<Arc<str>, u64>| {
                top(c.clone(), 3)
                    .into_iter()
                    .map(|(v, _)| v)
                    .collect::<Vec<_>>()
            };
            assert_eq!(order(&estimate[0])[..2], order(&exact[0])[..2]);
        }
    }

    #[test]
    fn totals_past_the_bound_are_estimated_from_evenly_spaced_blocks() {
        let (index, schema) = index_in_segments_of(60_000, 60_000);
        let searcher = index.reader().unwrap().searcher();
        let word = schema.get_field("word").unwrap();
        let term =
            |w: &str| TermQuery::new(Term::from_field_text(word, w), IndexRecordOption::Basic);
        let terms = SegmentTerms::default();
        let facets = FacetCounts {
            fields: vec![FacetField {
                name: "source",
                size: 10,
                half_sample: false,
            }],
            terms: &terms,
            sample: SAMPLE,
            documents: searcher.num_docs(),
        };
        let (y, burst) = (term("y"), term("burst"));
        let queries: [(&dyn tantivy::query::Query, u64); 3] =
            [(&AllQuery, 60_000), (&y, 40_000), (&burst, 6_000)];
        for (query, matches) in queries {
            let exact = count_matches(&searcher, query, Some(&facets), true).unwrap();
            assert!(!exact.estimated);
            assert_eq!(exact.total as u64, matches);
            let counted = count_matches(&searcher, query, Some(&facets), false).unwrap();
            // Past the bound: estimated, within 5 % (the burst too: it spans many blocks).
            assert_eq!(counted.estimated, matches > EXACT_MATCHES);
            let error = (counted.total as f64 - matches as f64).abs() / matches as f64;
            assert!(error < 0.05, "{matches}: {} estimated", counted.total);
            let (counts, approximate) = counted.facets.unwrap();
            assert_eq!(approximate, matches > SAMPLE);
            let sum: u64 = counts[0].values().sum();
            let error = (sum as f64 - matches as f64).abs() / matches as f64;
            assert!(error < 0.05, "{matches}: facets sum to {sum}");
        }
    }

    #[test]
    fn ordinals_read_in_chunks_count_what_each_document_has_and_keys_are_read_from_kept_columns() {
        // A multi-valued column (zero to three values a document, as entities are) and a
        // single-valued one with gaps, over a few segments; and a key on most documents.
        let mut b = Schema::builder();
        let entity = b.add_text_field("entity", STRING | FAST);
        let source = b.add_text_field("source", STRING | FAST);
        let key = b.add_u64_field("key", tantivy::schema::FAST);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..5_000u64 {
            let mut d = tantivy::TantivyDocument::default();
            for v in 0..(i % 4) {
                d.add_text(entity, format!("e{}", (i * 7 + v * 13) % 97));
            }
            if i % 5 != 0 {
                d.add_text(source, format!("s{}", i % 3));
            }
            if i % 11 != 0 {
                d.add_u64(key, i * 2 + 1);
            }
            writer.add_document(d).unwrap();
            if i % 2_000 == 1_999 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let terms = SegmentTerms::default();
        for reader in searcher.segment_readers() {
            for field in ["entity", "source"] {
                let column = reader.fast_fields().str(field).unwrap().unwrap();
                // Every document, and every third (more than one chunk, in increasing order).
                for step in [1, 3] {
                    let docs: Vec<DocId> = (0..reader.max_doc()).step_by(step).collect();
                    let mut one_by_one: FxHashMap<u64, u32> = FxHashMap::default();
                    for &doc in &docs {
                        for ord in column.ords().values_for_doc(doc) {
                            *one_by_one.entry(ord).or_default() += 1;
                        }
                    }
                    let chunked: FxHashMap<u64, u32> =
                        ordinal_counts(&column, &docs).into_iter().collect();
                    assert_eq!(chunked, one_by_one, "{field}, every {step}");
                }
            }
            let column = reader.fast_fields().u64("key").unwrap();
            for _ in 0..2 {
                for doc in 0..reader.max_doc() {
                    let kept = terms.record_key(reader, doc).unwrap();
                    assert_eq!(kept, column.first(doc).map(|k| k as i64));
                }
            }
        }
        // Once pruned to no segment, nothing is kept open.
        let empty = Index::create_in_ram(index.schema());
        terms.prune(&empty.reader().unwrap().searcher());
        assert!(terms.keys.lock().unwrap().is_empty());
    }

    #[test]
    fn sampling_level_halves_the_documents() {
        // A level of at least l holds for about 2^-l of the documents, whatever their order.
        let n = 1u32 << 16;
        for l in 1..6 {
            let kept = (0..n).filter(|&d| level(d, 0) >= l).count() as f64;
            let expected = f64::from(n) / f64::from(1u32 << l);
            assert!(
                (kept - expected).abs() < expected * 0.05,
                "level {l}: {kept}"
            );
        }
    }
}
