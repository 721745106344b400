//! A cache of filters' matching documents, per segment.
//!
//! An entity filter names hundreds of entities at times (every entity with the word in its
//! name: اليمن stands for the country, its government, its president's title…). Finding the
//! articles mentioning any of them means reading all their postings into a bitset for each
//! segment, which on a large archive cost more than the rest of the search. The same filters
//! come back (a user follows an entity's link, then pages or refines), and segments never
//! change once written, so each segment's bitset is kept and reused, as Lucene's query cache
//! keeps the documents of frequently used filters. A merged-away segment's entries age out.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::index::SegmentId;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TERMINATED};

/// Segments' bitsets kept at most (a bitset is an eighth of a byte per document of its
/// segment: at most 32 MiB for segments of a million documents).
const ENTRIES: usize = 256;

/// The cache: (segment, filter) → the documents of the segment the filter lets through.
#[derive(Default)]
pub(crate) struct FilterCache {
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    map: FxHashMap<(SegmentId, Arc<str>), (Arc<BitSet>, u64)>,
    clock: u64,
}

impl FilterCache {
    fn get(&self, segment: SegmentId, key: &Arc<str>) -> Option<Arc<BitSet>> {
        let mut e = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        e.clock += 1;
        let now = e.clock;
        let (bits, used) = e.map.get_mut(&(segment, Arc::clone(key)))?;
        *used = now;
        Some(Arc::clone(bits))
    }

    fn put(&self, segment: SegmentId, key: &Arc<str>, bits: Arc<BitSet>) {
        let mut e = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if e.map.len() >= ENTRIES {
            // Forget the least recently used.
            if let Some(oldest) = e
                .map
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone())
            {
                e.map.remove(&oldest);
            }
        }
        e.clock += 1;
        let now = e.clock;
        e.map.insert((segment, Arc::clone(key)), (bits, now));
    }
}

/// A filter (a query whose score does not matter) whose documents are cached per segment.
#[derive(Clone)]
pub(crate) struct CachedFilter {
    inner: Arc<dyn Query>,
    /// What the filter is, as text: two filters with the same key match the same documents.
    key: Arc<str>,
    cache: Arc<FilterCache>,
}

impl CachedFilter {
    /// `key` must name what `inner` matches exactly (for instance its sorted terms).
    pub fn new(inner: Box<dyn Query>, key: String, cache: &Arc<FilterCache>) -> CachedFilter {
        CachedFilter {
            inner: Arc::from(inner),
            key: key.into(),
            cache: Arc::clone(cache),
        }
    }
}

impl std::fmt::Debug for CachedFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedFilter")
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}

impl Query for CachedFilter {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(CachedFilterWeight {
            filter: self.clone(),
            schema: enable_scoring.schema().clone(),
            inner: std::sync::OnceLock::new(),
        }))
    }
}

struct CachedFilterWeight {
    filter: CachedFilter,
    schema: tantivy::schema::Schema,
    /// The filter's own weight, made only when a segment's documents are not cached (for a
    /// term set, making it sorts and compiles every term: work a cache hit does not need).
    inner: std::sync::OnceLock<Box<dyn Weight>>,
}

impl CachedFilterWeight {
    fn bits(&self, reader: &SegmentReader) -> tantivy::Result<Arc<BitSet>> {
        let segment = reader.segment_id();
        let (key, cache) = (&self.filter.key, &self.filter.cache);
        if let Some(bits) = cache.get(segment, key) {
            return Ok(bits);
        }
        let inner = match self.inner.get() {
            Some(w) => w,
            None => {
                let unscored = EnableScoring::disabled_from_schema(&self.schema);
                let w = self.filter.inner.weight(unscored)?;
                self.inner.get_or_init(|| w)
            }
        };
        let mut bits = BitSet::with_max_value(reader.max_doc());
        let mut scorer = inner.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            bits.insert(doc);
            doc = scorer.advance();
        }
        let bits = Arc::new(bits);
        cache.put(segment, key, Arc::clone(&bits));
        Ok(bits)
    }
}

impl Weight for CachedFilterWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let bits = self.bits(reader)?;
        let docs = BitSetDocSet::from(BitSet::clone(&bits));
        Ok(Box::new(ConstScorer::new(docs, boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.bits(reader)?.contains(doc) {
            Ok(Explanation::new("CachedFilter", 1.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::DocSetCollector;
    use tantivy::query::TermSetQuery;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Index, Term};

    #[test]
    fn a_cached_filter_matches_what_the_filter_does_and_is_read_once() {
        let mut b = Schema::builder();
        let entity = b.add_text_field("entity", STRING);
        let index = Index::create_in_ram(b.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..3_000u32 {
            writer
                .add_document(doc!(entity => format!("LOC:{}", i % 7)))
                .unwrap();
            if i % 1_000 == 999 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let terms: Vec<Term> = ["LOC:2", "LOC:5"]
            .iter()
            .map(|t| Term::from_field_text(entity, t))
            .collect();
        let plain = searcher
            .search(&TermSetQuery::new(terms.clone()), &DocSetCollector)
            .unwrap();
        let cache = Arc::new(FilterCache::default());
        for _ in 0..2 {
            let cached = CachedFilter::new(
                Box::new(TermSetQuery::new(terms.clone())),
                "LOC:2|LOC:5".into(),
                &cache,
            );
            assert_eq!(searcher.search(&cached, &DocSetCollector).unwrap(), plain);
        }
        // One bitset per segment, made on first use and reused.
        let segments = searcher.segment_readers().len();
        assert_eq!(cache.entries.lock().unwrap().map.len(), segments);
        let expected = (0..3_000).filter(|i| i % 7 == 2 || i % 7 == 5).count();
        assert_eq!(plain.len(), expected);
    }
}
