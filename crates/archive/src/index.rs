//! The search index: tantivy, derived from the record and rebuildable from it.
//!
//! Title and body are each one field holding two terms at every word position: the word's
//! light stem (`حكوم`) and its folded surface form, marked with a leading `=` (`=الحكومه`).
//! A query word looks up both, so an article with the very form typed scores above one that only
//! shares the stem; phrases match the surface forms, position by position. Stacking both forms
//! in one field (rather than a field each) analyses every text once, in tantivy's indexing
//! threads, through [`ArabicTokenizer`]; the query side calls the same `khabar-text` functions,
//! so the two never disagree. Nothing of the article is stored in the index but its record key:
//! the record serves the rest.
//!
//! Every index commit carries, as its payload, the highest record key it covers. Opening for
//! writing indexes whatever the record holds above that mark, so a crash between the record's
//! commit and the index's costs nothing but a catch-up.

use std::path::Path;

use rustc_hash::FxHashMap;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STRING,
};
use tantivy::tokenizer::{TextAnalyzer, Token as TantivyToken, TokenStream, Tokenizer};
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::{days_from_iso, Error};

/// The fields of the index schema.
#[derive(Clone, Copy)]
pub struct Fields {
    pub key: Field,
    pub title: Field,
    pub body: Field,
    pub source: Field,
    pub category: Field,
    pub day: Field,
    /// The article's entities, `TYPE:key` (PERS:جون كيري), for filters and facets.
    pub entity: Field,
}

/// Bump when the schema or the analysis changes: an index of another version is rebuilt.
pub const INDEX_VERSION: u32 = 5;

/// The name under which the analyser is registered with tantivy.
const ANALYSER: &str = "khabar";

/// The mark that makes a surface form a term of its own beside the stem (`=` never occurs in
/// a token: the tokenizer splits on it).
pub const SURFACE_MARK: char = '=';

/// The index term of a word's surface form.
pub fn surface_term(surface: &str) -> String {
    let mut t = String::with_capacity(surface.len() + 1);
    t.push(SURFACE_MARK);
    t.push_str(surface);
    t
}

fn schema() -> Schema {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYSER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_u64_field("key", NumericOptions::default().set_indexed().set_fast());
    b.add_text_field("title", text.clone());
    b.add_text_field("body", text);
    b.add_text_field("source", STRING | tantivy::schema::FAST);
    b.add_text_field("category", STRING | tantivy::schema::FAST);
    b.add_i64_field("day", NumericOptions::default().set_indexed().set_fast());
    b.add_text_field("entity", STRING | tantivy::schema::FAST);
    b.build()
}

impl Fields {
    fn of(schema: &Schema) -> Result<Fields, Error> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| Error::IndexSchema(name.to_owned()))
        };
        Ok(Fields {
            key: f("key")?,
            title: f("title")?,
            body: f("body")?,
            source: f("source")?,
            category: f("category")?,
            day: f("day")?,
            entity: f("entity")?,
        })
    }
}

/// The commit payload: what the index covers.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Payload {
    version: u32,
    indexed_key: i64,
}

/// Opens the index in `dir`, creating it (empty) when absent. Returns the index, its fields,
/// and the highest record key it covers (`None` when the index is of another version and must
/// be rebuilt).
///
/// Opened for reading only (`write` false), a missing index is not created on disk (a writer
/// may be creating it at this moment): the archive reads as an empty index until one exists.
pub fn open(dir: &Path, write: bool) -> Result<(Index, Fields, Option<i64>), Error> {
    let index = if dir.join("meta.json").exists() {
        Index::open_in_dir(dir)?
    } else if write {
        std::fs::create_dir_all(dir)?;
        Index::create_in_dir(dir, schema())?
    } else {
        Index::create_in_ram(schema())
    };
    register_analysers(&index);
    let fields = match Fields::of(&index.schema()) {
        Ok(f) => f,
        Err(_) => return Ok((index, Fields::of(&schema())?, None)),
    };
    let covered = covered(&index)?;
    Ok((index, fields, covered))
}

/// The highest record key the index's last commit covers, read from its `meta.json` now (so a
/// commit made since the index was opened, by any process, counts); `None` when the index is of
/// another version and must be rebuilt.
pub fn covered(index: &Index) -> Result<Option<i64>, Error> {
    let payload: Payload = index
        .load_metas()?
        .payload
        .and_then(|p| serde_json::from_str(&p).ok())
        .unwrap_or(Payload {
            version: INDEX_VERSION,
            indexed_key: 0,
        });
    Ok((payload.version == INDEX_VERSION).then_some(payload.indexed_key))
}

/// Deletes the index in `dir` and creates an empty one.
pub fn recreate(dir: &Path) -> Result<(Index, Fields), Error> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, schema())?;
    register_analysers(&index);
    let fields = Fields::of(&index.schema())?;
    Ok((index, fields))
}

/// Commits what the writer holds, recording that the index covers keys up to `indexed_key`.
pub fn commit(writer: &mut IndexWriter, indexed_key: i64) -> Result<(), Error> {
    let payload = serde_json::to_string(&Payload {
        version: INDEX_VERSION,
        indexed_key,
    })
    .expect("payload serializes");
    tracing::debug!("committing the search index up to record key {indexed_key}");
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    tracing::debug!("committed the search index up to record key {indexed_key}");
    Ok(())
}

fn register_analysers(index: &Index) {
    index
        .tokenizers()
        .register(ANALYSER, TextAnalyzer::from(ArabicTokenizer::default()));
}

/// `khabar-text`'s analysis as a tantivy tokenizer: for each word, its stem, then its marked
/// surface form at the same position.
///
/// Each indexing thread has its own clone, and with it its own cache of stems: news text is
/// Zipfian, so most words are stemmed many times over.
#[derive(Clone, Default)]
pub struct ArabicTokenizer {
    stems: FxHashMap<String, String>,
    token: TantivyToken,
    /// The current word's surface term, given after its stem.
    surface: String,
    surface_pending: bool,
}

const STEM_CACHE_LIMIT: usize = 200_000;

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream<'a> {
        self.token.position = usize::MAX;
        self.surface_pending = false;
        ArabicTokenStream {
            words: khabar_text::tokens(text),
            tokenizer: self,
        }
    }
}

/// The words of one text; see [`ArabicTokenizer`].
pub struct ArabicTokenStream<'a> {
    words: khabar_text::Tokens<'a>,
    tokenizer: &'a mut ArabicTokenizer,
}

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let t = &mut *self.tokenizer;
        if t.surface_pending {
            // Same offsets and position as the stem just given.
            std::mem::swap(&mut t.token.text, &mut t.surface);
            t.surface_pending = false;
            return true;
        }
        let Some((start, end)) = self.words.next_into(&mut t.surface) else {
            return false;
        };
        t.token.offset_from = start;
        t.token.offset_to = end;
        t.token.position = t.token.position.wrapping_add(1);
        t.token.text.clear();
        match t.stems.get(&t.surface) {
            Some(stem) => t.token.text.push_str(stem),
            None => {
                let stem = khabar_text::stem(&t.surface);
                t.token.text.push_str(&stem);
                if t.stems.len() >= STEM_CACHE_LIMIT {
                    t.stems.clear();
                }
                t.stems.insert(t.surface.clone(), stem);
            }
        }
        khabar_text::fold_ta_marbuta(&mut t.surface);
        t.surface.insert(0, SURFACE_MARK);
        t.surface_pending = true;
        true
    }

    fn token(&self) -> &TantivyToken {
        &self.tokenizer.token
    }

    fn token_mut(&mut self) -> &mut TantivyToken {
        &mut self.tokenizer.token
    }
}

/// What the index needs of an article.
pub struct IndexInput<'a> {
    pub key: i64,
    pub source: Option<&'a str>,
    pub category: Option<&'a str>,
    pub published: Option<&'a str>,
    pub title: &'a str,
    pub body: &'a str,
    /// `TYPE:key` of each entity.
    pub entities: &'a [String],
}

/// Builds the index document of an article.
pub fn document(fields: &Fields, input: IndexInput<'_>) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(fields.key, input.key as u64);
    doc.add_text(fields.title, input.title);
    doc.add_text(fields.body, input.body);
    if let Some(s) = input.source {
        doc.add_text(fields.source, facet_value(s));
    }
    if let Some(c) = input.category {
        doc.add_text(fields.category, facet_value(c));
    }
    if let Some(day) = input.published.and_then(days_from_iso) {
        doc.add_i64(fields.day, day);
    }
    for e in input.entities {
        doc.add_text(fields.entity, e);
    }
    doc
}

/// How a source or category name is indexed and matched: trimmed and lower-cased, so
/// `--source AAWSAT` finds `aawsat`.
pub fn facet_value(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Documents in a segment made by a merge, at most.
///
/// A merge's memory grows with the documents it writes (measured with `bench merge` on the
/// million-article archive: 148,000 documents took 261 MiB, all 1,027,000 at once 1.5 GiB), and
/// tantivy's default policy merges segments of up to ten million documents: a growing archive
/// would one day need more memory to merge than the machine has. Capped here, a merge costs
/// at most about 750 MiB whatever the archive's size, at the price of more segments to search
/// in a very large archive (one per half a million articles or so).
pub(crate) const MAX_MERGED_DOCS: u32 = 500_000;

/// Segments under this many documents are tiny (tantivy's lowest level).
const TINY_SEGMENT: u32 = 10_000;
/// Tiny segments merged together once there are this many (tantivy waits for eight).
const TINY_MERGE: usize = 4;

/// tantivy's log merge policy, with merges cut to at most [`MAX_MERGED_DOCS`] documents.
#[derive(Debug)]
pub(crate) struct BoundedMerges {
    inner: tantivy::indexer::LogMergePolicy,
}

impl Default for BoundedMerges {
    fn default() -> Self {
        let mut inner = tantivy::indexer::LogMergePolicy::default();
        // A segment past half the cap is final: two of them would make more than the cap.
        inner.set_max_docs_before_merge(MAX_MERGED_DOCS as usize / 2);
        BoundedMerges { inner }
    }
}

impl tantivy::indexer::MergePolicy for BoundedMerges {
    fn compute_merge_candidates(
        &self,
        segments: &[tantivy::index::SegmentMeta],
    ) -> Vec<tantivy::indexer::MergeCandidate> {
        let docs: FxHashMap<tantivy::index::SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        let mut out = Vec::new();
        let mut candidates = self.inner.compute_merge_candidates(segments);
        // Tiny segments (an ingest commits every second, a few hundred articles each) are
        // merged four at a time rather than eight: merging them costs little, and readers,
        // searching while an ingest runs, see fewer segments.
        let merging: rustc_hash::FxHashSet<_> = candidates
            .iter()
            .flat_map(|c| c.0.iter().copied())
            .collect();
        let tiny: Vec<tantivy::index::SegmentId> = segments
            .iter()
            .filter(|s| s.num_docs() < TINY_SEGMENT && !merging.contains(&s.id()))
            .map(|s| s.id())
            .collect();
        if tiny.len() >= TINY_MERGE {
            candidates.push(tantivy::indexer::MergeCandidate(tiny));
        }
        for candidate in candidates {
            // Smallest first, cut into groups of at most the cap; a group of one is no merge.
            let mut ids = candidate.0;
            ids.sort_by_key(|id| docs.get(id).copied().unwrap_or(0));
            let mut group: Vec<tantivy::index::SegmentId> = Vec::new();
            let mut in_group = 0u32;
            for id in ids {
                let n = docs.get(&id).copied().unwrap_or(0);
                if in_group + n > MAX_MERGED_DOCS && group.len() >= 2 {
                    out.push(tantivy::indexer::MergeCandidate(std::mem::take(&mut group)));
                    in_group = 0;
                } else if in_group + n > MAX_MERGED_DOCS {
                    group.clear();
                    in_group = 0;
                }
                group.push(id);
                in_group += n;
            }
            if group.len() >= 2 {
                out.push(tantivy::indexer::MergeCandidate(group));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::index::SegmentId;
    use tantivy::indexer::MergePolicy;

    fn metas(sizes: &[u32]) -> (tantivy::Index, Vec<tantivy::index::SegmentMeta>) {
        let index = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        let metas = sizes
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect();
        (index, metas)
    }

    #[test]
    fn merges_never_make_a_segment_past_the_cap() {
        // Eight segments of 100,000 at one level: tantivy would merge all eight (800,000).
        let (_index, segments) = metas(&[100_000; 8]);
        let docs: FxHashMap<SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.num_docs())).collect();
        let merges = BoundedMerges::default().compute_merge_candidates(&segments);
        let sizes: Vec<u32> = merges
            .iter()
            .map(|m| m.0.iter().map(|id| docs[id]).sum())
            .collect();
        assert_eq!(sizes, vec![500_000, 300_000]);
        // Small segments still merge as tantivy would merge them.
        let (_index, small) = metas(&[5_000; 10]);
        let merges = BoundedMerges::default().compute_merge_candidates(&small);
        assert_eq!(merges.len(), 1);
        assert_eq!(merges[0].0.len(), 10);
        // Tiny ones, four at a time: an ingest's one-second commits do not pile up.
        let (_index, tiny) = metas(&[800; 4]);
        let merges = BoundedMerges::default().compute_merge_candidates(&tiny);
        assert_eq!(merges.len(), 1);
        assert_eq!(merges[0].0.len(), 4);
        let (_index, three) = metas(&[800; 3]);
        assert!(BoundedMerges::default()
            .compute_merge_candidates(&three)
            .is_empty());
        // Segments past half the cap are final.
        let (_index, big) = metas(&[300_000; 8]);
        assert!(BoundedMerges::default()
            .compute_merge_candidates(&big)
            .is_empty());
    }
}
