//! Facet counts: how the articles matching a search divide by outlet, category and entity.
//!
//! A tantivy collector that counts the dictionary ordinals of string fast fields. For each
//! segment, every matching document's ordinals are counted in a plain array indexed by ordinal;
//! only the segment's most frequent ordinals ([`SHARD_FACTOR`] × the values asked for, as
//! search engines' "shard size" does) are turned back into text, reading the dictionary once in
//! order, and the segments' counts are merged by text. A value outside a segment's shortlist is
//! undercounted by that segment's count of it, which cannot reorder the values shown unless
//! their counts are close to the shortlist's cut.

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Values kept per segment, per value asked for.
const SHARD_FACTOR: usize = 10;

/// Counts, per field, the values of the matching documents.
pub(crate) struct FacetCounts {
    /// The string fast fields to count, with how many values of each are wanted.
    pub fields: Vec<(&'static str, usize)>,
}

/// One segment's counting: per field, its column and a count per ordinal.
pub(crate) struct SegmentFacetCounts {
    columns: Vec<Option<(StrColumn, Vec<u32>)>>,
    /// Per field, how many values of this segment to keep.
    keep: Vec<usize>,
}

/// Per field, each value with the number of matching documents that have it.
pub(crate) type FieldCounts = Vec<FxHashMap<String, u64>>;

impl Collector for FacetCounts {
    type Fruit = FieldCounts;
    type Child = SegmentFacetCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounts> {
        let mut columns = Vec::with_capacity(self.fields.len());
        for (field, _) in &self.fields {
            let column = reader.fast_fields().str(field)?;
            columns.push(column.map(|c| {
                let n = c.num_terms();
                (c, vec![0u32; n])
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
        for (column, counts) in self.columns.iter_mut().flatten() {
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
                let Some((column, counts)) = column else {
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
                // In order: the dictionary is read block by block once, rather than a block
                // decoded per ordinal.
                seen.sort_unstable();
                let mut n = seen.iter().map(|&o| counts[o as usize]);
                let _ = column.dictionary().sorted_ords_to_term_cb(&seen, |bytes| {
                    if let (Ok(text), Some(count)) = (std::str::from_utf8(bytes), n.next()) {
                        values.insert(text.to_owned(), u64::from(count));
                    }
                });
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
