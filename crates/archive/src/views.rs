//! Read views shared by every front end: the JSON shapes of an article and of search results
//! (the CLI's `--json` output and the HTTP API return the same objects), and the lookups the
//! web pages need beyond [`Archive::search`]: an entity's page, an article's neighbours.
//!
//! Keeping the shapes here, next to the data, means `khabar show --json` and
//! `GET /api/v1/articles/{id}` cannot drift apart.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::annotations::{self, EntityCount, QuoteQuery, QuoteRow};
use crate::related::Related;
use crate::search::SearchResults;
use crate::threads::Thread;
use crate::{Archive, Error, StoredArticle};

/// An article with everything shown beside it: its annotations, copies, story thread and
/// related articles.
#[derive(Debug, Clone)]
pub struct ArticleView {
    /// The article itself.
    pub article: StoredArticle,
    /// Entities, quotations and dates, offsets into the article's body.
    pub annotations: khabar_nlp::Annotations,
    /// Ids of the articles filed as copies of this one (or of which it is a copy).
    pub copies: Vec<String>,
    /// The story thread (`None` for articles stored before threads existed).
    pub thread: Option<Thread>,
    /// The most related articles, best first, its copies excluded.
    pub related: Vec<Related>,
}

impl ArticleView {
    /// The article as `khabar show --json` prints it: the stored fields, the annotations
    /// (`entities`, `quotes`, `dates`, character offsets), `copies` (ids), `thread`
    /// (`{id, label, size}` or null) and `related` (ids).
    pub fn to_json(&self) -> serde_json::Value {
        let a = &self.article;
        // A struct of strings and vectors of strings always serializes.
        let mut v = serde_json::to_value(a).unwrap_or_default();
        if let (Some(obj), serde_json::Value::Object(n)) =
            (v.as_object_mut(), self.annotations.to_json(&a.text))
        {
            obj.extend(n);
        }
        v["copies"] = serde_json::json!(self.copies);
        v["thread"] = match &self.thread {
            Some(t) => serde_json::json!({"id": t.id, "label": t.label, "size": t.size}),
            None => serde_json::Value::Null,
        };
        v["related"] = serde_json::json!(self.related.iter().map(|r| &r.id).collect::<Vec<_>>());
        v
    }
}

/// The JSON form of search results (the stable interface scripts rely on):
/// `{"total", "total_estimated", "hits": [{"id", "title", "source", "published", "score",
/// "snippet", "highlights", "snippet_html"}], "facets"?}`. `highlights` are code-point ranges
/// of `snippet`; `snippet_html` is the snippet escaped, its matches in `<mark>`.
pub fn search_json(results: &SearchResults) -> serde_json::Value {
    let hits: Vec<serde_json::Value> = results
        .hits
        .iter()
        .map(|h| {
            serde_json::json!({
                "id": h.id,
                "title": h.title,
                "source": h.source,
                "published": h.published,
                "score": h.score,
                "snippet": h.snippet.text,
                "highlights": h.snippet.highlight_chars(),
                "snippet_html": h.snippet.to_html(),
            })
        })
        .collect();
    let mut v = serde_json::json!({
        "total": results.total,
        "total_estimated": results.total_estimated,
        "hits": hits,
    });
    if let Some(f) = &results.facets {
        v["facets"] = serde_json::to_value(f).unwrap_or_default();
    }
    v
}

/// An article named in a list: enough to link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleRef {
    pub id: String,
    pub title: String,
    /// The outlet.
    pub source: Option<String>,
    /// ISO 8601, as stored.
    pub published: Option<String>,
}

/// Articles mentioning an entity in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Articles published that month that mention the entity.
    pub articles: u64,
}

/// A person, place or organisation, with what the archive says about it.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    /// The entity's name, type (`PERS`, `LOC`, `ORG`) and counts.
    pub entity: EntityCount,
    /// Articles mentioning it per month, oldest first; months without any are left out.
    pub months: Vec<MonthCount>,
    /// The entities most often mentioned in the same articles, most first.
    pub co_mentions: Vec<EntityCount>,
    /// The latest articles mentioning it, newest first.
    pub latest: Vec<ArticleRef>,
    /// For a person, what they said, newest first (empty for places and organisations).
    pub quotes: Vec<QuoteRow>,
}

/// How much of each list an [`EntityView`] holds.
#[derive(Debug, Clone, Copy)]
pub struct EntityLimits {
    /// Co-mentioned entities listed.
    pub co_mentions: usize,
    /// Latest articles listed.
    pub latest: usize,
    /// Quotations listed (for a person).
    pub quotes: usize,
}

impl Default for EntityLimits {
    fn default() -> Self {
        EntityLimits {
            co_mentions: 20,
            latest: 20,
            quotes: 20,
        }
    }
}

impl Archive {
    /// The article with its annotations, copies, thread and up to `related` related articles.
    pub fn article_view(
        &self,
        article: StoredArticle,
        related: usize,
    ) -> Result<ArticleView, Error> {
        let annotations = self.annotations(&article)?;
        let copies = self.copies(&article)?;
        let related = if related == 0 {
            Vec::new()
        } else {
            self.related(&article, related)?
        };
        let thread = self.thread(&article)?;
        Ok(ArticleView {
            article,
            annotations,
            copies,
            thread,
            related,
        })
    }

    /// Id, title, outlet and date of the article with this id (an alias finds its article).
    pub fn article_ref(&self, id: &str) -> Result<Option<ArticleRef>, Error> {
        Ok(self.article(id)?.map(|a| ArticleRef {
            id: a.id,
            title: a.title,
            source: a.source,
            published: a.published,
        }))
    }

    /// The entity called `name`, or `None` when the archive knows none by that name.
    ///
    /// A name is matched by its key (spelling variants fold together); when no entity has
    /// exactly that key, the most mentioned one whose name holds its words is taken (لافروف
    /// finds سيرجي لافروف), as the search filter does.
    pub fn entity_view(
        &self,
        name: &str,
        limits: EntityLimits,
    ) -> Result<Option<EntityView>, Error> {
        let record = self.read_record()?;
        let conn = record.conn();
        let key = khabar_nlp::entities::entity_key(name);
        if key.is_empty() {
            return Ok(None);
        }
        let candidates = annotations::matching_entities(conn, name, None)?;
        let ids = serde_json::to_string(&candidates.iter().map(|c| c.0).collect::<Vec<_>>())
            .unwrap_or_else(|_| "[]".into());
        // How many articles mention each candidate, in one query (a common name can match
        // hundreds of entities).
        let counts: rustc_hash::FxHashMap<i64, i64> = conn
            .prepare_cached(
                "SELECT entity, count(*) FROM mentions
                 WHERE entity IN (SELECT value FROM json_each(?1)) GROUP BY entity",
            )?
            .query_map(params![ids], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        // The exact key first, then the most mentioned.
        let best = candidates
            .iter()
            .map(|(id, _, k, _)| (*k == key, counts.get(id).copied().unwrap_or(0), *id))
            .max_by_key(|&(exact, n, id)| (exact, n, std::cmp::Reverse(id)));
        let Some((_, _, id)) = best else {
            return Ok(None);
        };
        let entity: Option<EntityCount> = conn
            .prepare_cached(
                "SELECT e.name, e.type, count(m.article), coalesce(sum(m.count), 0)
                 FROM entities e LEFT JOIN mentions m ON m.entity = e.id
                 WHERE e.id = ?1 GROUP BY e.id",
            )?
            .query_row(params![id], |r| {
                Ok(EntityCount {
                    name: r.get(0)?,
                    ty: r.get(1)?,
                    articles: r.get::<_, i64>(2)?.max(0) as u64,
                    mentions: r.get::<_, i64>(3)?.max(0) as u64,
                })
            })
            .optional()?;
        let Some(entity) = entity else {
            return Ok(None);
        };
        let months = conn
            .prepare_cached(
                "SELECT substr(a.published, 1, 7) AS month, count(*)
                 FROM mentions m JOIN articles a ON a.key = m.article
                 WHERE m.entity = ?1 AND a.published IS NOT NULL AND length(a.published) >= 7
                 GROUP BY month ORDER BY month",
            )?
            .query_map(params![id], |r| {
                Ok(MonthCount {
                    month: r.get(0)?,
                    articles: r.get::<_, i64>(1)?.max(0) as u64,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let co_mentions = conn
            .prepare_cached(
                "SELECT e.name, e.type, count(*) AS n, sum(m.count)
                 FROM mentions m JOIN entities e ON e.id = m.entity
                 WHERE m.article IN (SELECT article FROM mentions WHERE entity = ?1)
                   AND m.entity != ?1
                 GROUP BY m.entity ORDER BY n DESC, e.name LIMIT ?2",
            )?
            .query_map(params![id, limits.co_mentions as i64], |r| {
                Ok(EntityCount {
                    name: r.get(0)?,
                    ty: r.get(1)?,
                    articles: r.get::<_, i64>(2)?.max(0) as u64,
                    mentions: r.get::<_, i64>(3)?.max(0) as u64,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let latest = conn
            .prepare_cached(
                "SELECT a.id, a.title, a.source, a.published
                 FROM mentions m JOIN articles a ON a.key = m.article
                 WHERE m.entity = ?1
                 ORDER BY a.published IS NULL, a.published DESC, a.key DESC LIMIT ?2",
            )?
            .query_map(params![id, limits.latest as i64], |r| {
                Ok(ArticleRef {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    source: r.get(2)?,
                    published: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let quotes = if entity.ty == "PERS" && limits.quotes > 0 {
            annotations::quotes(
                conn,
                &QuoteQuery {
                    speaker: Some(entity.name.clone()),
                    limit: limits.quotes,
                    ..QuoteQuery::default()
                },
            )?
        } else {
            Vec::new()
        };
        Ok(Some(EntityView {
            entity,
            months,
            co_mentions,
            latest,
            quotes,
        }))
    }
}
