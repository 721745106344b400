//! Facet counts: how the articles matching a search divide by outlet, category and entity.
//!
//! A tantivy collector that counts the dictionary ordinals of string fast fields. For each
//! segment, every matching document's ordinals are counted in a plain array indexed by ordinal;
//! only the segment's most frequent ordinals ([`SHARD_FACTOR`] × the values asked for, as
//! search engines' "shard size" does) are turned back into text, and the segments' counts are
//! merged by text. A value outside a segment's shortlist is undercounted by that segment's count
//! of it, which cannot reorder the values shown unless their counts are close to the cut.
//!
//! Turning ordinals back into text meant decoding the segment's dictionary blocks on every
//! search (a sixth of the server's time under load); segments never change, so each segment's
//! values are decoded once and kept in a [`SegmentTerms`] cache, pruned to the live segments.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// The values of a string fast field in one segment, by ordinal.
type Values = Arc<Vec<Box<str>>>;

/// Each live segment's decoded facet values, per field.
#[derive(Default)]
pub(crate) struct SegmentTerms {
    values: Mutex<FxHashMap<(SegmentId, &'static str), Values>>,
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
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<(SegmentId, &'static str), Values>> {
        self.values.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The values of `field` in the segment, decoded on first use.
    fn get(&self, segment: SegmentId, field: &'static str, column: &StrColumn) -> Values {
        if let Some(v) = self.lock().get(&(segment, field)) {
            return Arc::clone(v);
        }
        let mut all = Vec::with_capacity(column.num_terms());
        if let Ok(mut stream) = column.dictionary().stream() {
            while stream.advance() {
                all.push(String::from_utf8_lossy(stream.key()).into());
            }
        }
        let values = Arc::new(all);
        self.lock().insert((segment, field), Arc::clone(&values));
        values
    }
}

/// Values kept per segment, per value asked for.
const SHARD_FACTOR: usize = 10;

/// Counts, per field, the values of the matching documents.
pub(crate) struct FacetCounts<'a> {
    /// The string fast fields to count, with how many values of each are wanted.
    pub fields: Vec<(&'static str, usize)>,
    /// Where each segment's values are kept once decoded.
    pub terms: &'a SegmentTerms,
}

/// One segment's counting: per field, its column and a count per ordinal.
pub(crate) struct SegmentFacetCounts {
    columns: Vec<Option<(StrColumn, Vec<u32>, Values)>>,
    /// Per field, how many values of this segment to keep.
    keep: Vec<usize>,
}

/// Per field, each value with the number of matching documents that have it.
pub(crate) type FieldCounts = Vec<FxHashMap<String, u64>>;

impl Collector for FacetCounts<'_> {
    type Fruit = FieldCounts;
    type Child = SegmentFacetCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounts> {
        let mut columns = Vec::with_capacity(self.fields.len());
        for &(field, _) in &self.fields {
            let column = reader.fast_fields().str(field)?;
            columns.push(column.map(|c| {
                let n = c.num_terms();
                let values = self.terms.get(reader.segment_id(), field, &c);
                (c, vec![0u32; n], values)
            }));
        }
        let keep = self
            .fields
            .iter()
            .map(|&(_, size)| (size * SHARD_FACTOR).max(100))
            .collect();
        Ok(SegmentFacetCounts { columns, keep })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<FieldCounts>) -> tantivy::Result<FieldCounts> {
        let mut merged: FieldCounts = vec![FxHashMap::default(); self.fields.len()];
        for segment in segments {
            for (into, from) in merged.iter_mut().zip(segment) {
                for (value, n) in from {
                    *into.entry(value).or_default() += n;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetCounts {
    type Fruit = FieldCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (column, counts, _) in self.columns.iter_mut().flatten() {
            for ord in column.ords().values_for_doc(doc) {
                if let Some(n) = counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
    }

    fn harvest(self) -> FieldCounts {
        self.columns
            .into_iter()
            .zip(self.keep)
            .map(|(column, keep)| {
                let mut values = FxHashMap::default();
                let Some((_, counts, names)) = column else {
                    return values;
                };
                let mut seen: Vec<u64> = (0..counts.len() as u64)
                    .filter(|&o| counts[o as usize] > 0)
                    .collect();
                if seen.len() > keep {
                    seen.select_nth_unstable_by(keep - 1, |&a, &b| {
                        counts[b as usize].cmp(&counts[a as usize])
                    });
                    seen.truncate(keep);
                }
                for ord in seen {
                    if let Some(name) = names.get(ord as usize) {
                        values.insert(name.to_string(), u64::from(counts[ord as usize]));
                    }
                }
                values
            })
            .collect()
    }
}

/// The `size` most frequent values, most frequent first (ties by value, so the order is
/// stable).
pub(crate) fn top(counts: FxHashMap<String, u64>, size: usize) -> Vec<(String, u64)> {
    let mut all: Vec<(String, u64)> = counts.into_iter().collect();
    all.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(size);
    all
}
