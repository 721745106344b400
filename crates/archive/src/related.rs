//! Related articles: for one article, the others that are about the same things.
//!
//! A more-like-this query (the article's most distinctive stems by tf·idf, after Lucene's
//! `MoreLikeThis`) finds candidates by content; they are then re-ranked by the entities they
//! share with the article (the same people and places are a strong sign of one story) and by
//! closeness in time, and the article's own copies are left out — a copy is not "related
//! reading", it is the same text.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::{days_from_iso, Archive, Error, StoredArticle};

/// Terms in the more-like-this query.
const QUERY_TERMS: usize = 30;
/// Candidates re-ranked.
const CANDIDATES: usize = 60;
/// Weight of each shared entity (up to [`MAX_SHARED`]).
const ENTITY_WEIGHT: f32 = 0.15;
const MAX_SHARED: usize = 4;
/// Days over which the recency factor halves.
const RECENCY_DAYS: f32 = 14.0;

/// One related article.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    /// Higher is more related; comparable within one list only.
    pub score: f32,
}

impl Archive {
    /// The articles most related to `article`, best first, its own copies excluded.
    pub fn related(&self, article: &StoredArticle, limit: usize) -> Result<Vec<Related>, Error> {
        let searcher = self.reader.searcher();
        let n_docs = searcher.num_docs().max(1);
        // The article's stems and their frequencies (title words count twice).
        let mut tf: FxHashMap<String, f32> = FxHashMap::default();
        for (text, weight) in [(&article.title, 2.0f32), (&article.text, 1.0)] {
            for t in khabar_text::tokens(text) {
                let surface = t.surface();
                if surface.chars().count() < 3
                    || khabar_text::is_stopword(&surface)
                    || surface.chars().all(|c| c.is_ascii_digit())
                {
                    continue;
                }
                *tf.entry(t.stem()).or_default() += weight;
            }
        }
        let mut scored: Vec<(f32, String)> = Vec::with_capacity(tf.len());
        for (stem, f) in tf {
            let df = searcher.doc_freq(&Term::from_field_text(self.fields.body, &stem))?;
            if df <= 1 {
                // Only in this article (or nowhere): says nothing about others.
                continue;
            }
            let idf = ((n_docs as f32) / (df as f32)).ln();
            scored.push((f * idf, stem));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        scored.truncate(QUERY_TERMS);
        if scored.is_empty() {
            return Ok(Vec::new());
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = scored
            .iter()
            .map(|(w, stem)| {
                let q = TermQuery::new(
                    Term::from_field_text(self.fields.body, stem),
                    IndexRecordOption::WithFreqs,
                );
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), w.sqrt())) as Box<dyn Query>,
                )
            })
            .collect();
        let query = BooleanQuery::new(clauses);
        let top = searcher.search(
            &query,
            &TopDocs::with_limit(CANDIDATES + 1).order_by_score(),
        )?;
        let record = self.read_record()?;
        let conn = record.conn();
        let own_group: FxHashSet<i64> = crate::copies::copies_of(conn, article.key)?
            .into_iter()
            .chain([article.key])
            .collect();
        let own_entities: FxHashSet<i64> = crate::annotations::entity_ids(conn, article.key)?;
        let own_day = article.published.as_deref().and_then(days_from_iso);
        let best = top.first().map(|(s, _)| *s).unwrap_or(1.0).max(1e-6);
        let mut out = Vec::new();
        let mut groups_seen: FxHashSet<i64> = FxHashSet::default();
        for (score, address) in top {
            let key = self
                .facet_terms
                .record_key(searcher.segment_reader(address.segment_ord), address.doc_id)?
                .unwrap_or(0);
            if own_group.contains(&key) {
                continue;
            }
            // One article per copy group: the rest are the same text.
            if !groups_seen.insert(crate::copies::canonical_of(conn, key)?) {
                continue;
            }
            let Some(a) = record.by_key(key)? else {
                continue;
            };
            let shared = crate::annotations::entity_ids(conn, key)?
                .intersection(&own_entities)
                .count()
                .min(MAX_SHARED);
            let recency = match (own_day, a.published.as_deref().and_then(days_from_iso)) {
                (Some(x), Some(y)) => 1.0 / (1.0 + ((x - y).abs() as f32) / RECENCY_DAYS),
                _ => 0.5,
            };
            let s = (score / best) * (1.0 + ENTITY_WEIGHT * shared as f32) * (0.5 + 0.5 * recency);
            out.push(Related {
                id: a.id,
                title: a.title,
                source: a.source,
                published: a.published,
                score: s,
            });
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        out.truncate(limit);
        Ok(out)
    }

    /// The ids of the articles recognised as copies of `article` (itself excluded).
    pub fn copies(&self, article: &StoredArticle) -> Result<Vec<String>, Error> {
        let record = self.read_record()?;
        let mut out = Vec::new();
        for key in crate::copies::copies_of(record.conn(), article.key)? {
            if let Some(id) = record.id_of(key)? {
                out.push(id);
            }
        }
        Ok(out)
    }
}
