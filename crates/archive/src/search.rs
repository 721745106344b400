//! Search: a parsed query and filters become a tantivy query; hits come back with snippets.
//!
//! Ranking is BM25, summed over terms and fields. Every query word is looked up as its stem
//! (weight 1) and as its marked surface form (weight 0.5), in the body and, boosted ×2, in the
//! title: an article with the very word the user typed scores above one that only shares its
//! stem. (Measured on the news known-item task in ../shared/eval: the surface form helps when
//! weighted below the stem, and hurts at equal weight.)

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::index::{facet_value, surface_term, Fields};
use crate::query::{parse, parse_plain, Item, ParsedQuery};
use crate::snippet::{Matcher, Snippet};
use crate::{Archive, Error};

/// A clause of a boolean query.
type Clause = (Occur, Box<dyn Query>);

const EXACT_WEIGHT: f32 = 0.5;
const TITLE_BOOST: f32 = 2.0;
/// Words in a snippet.
const SNIPPET_WORDS: usize = 36;
/// The most hits one request may ask for.
pub const MAX_LIMIT: usize = 10_000;
/// The longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;

/// Restrictions on which articles match.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Only these outlets (any of them); case-insensitive.
    pub sources: Vec<String>,
    /// Only these categories (any of them); case-insensitive.
    pub categories: Vec<String>,
    /// Published on or after this day (ISO date).
    pub from: Option<String>,
    /// Published on or before this day (ISO date).
    pub to: Option<String>,
    /// Mentioning each of these entities (names or parts of names: لافروف finds سيرجي
    /// لافروف).
    pub entities: Vec<String>,
    /// In this story thread.
    pub thread: Option<i64>,
}

/// One search.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// What the user typed (see [`crate::query`]). Empty: every article matching the filters.
    pub query: String,
    pub filters: Filters,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip (pagination).
    pub offset: usize,
    /// Count the matching articles by outlet, category and entity.
    pub facets: bool,
    /// One hit per copy group (syndicated copies of one story collapse into its best hit).
    pub collapse_copies: bool,
    /// Build snippets and fetch titles (off for batch runs that only need ids).
    pub details: bool,
    /// Read the query as plain text (no phrases, exclusions or OR): for topics that are text,
    /// such as headlines, whose quotation marks are not meant as operators.
    pub plain: bool,
    /// Count every match one by one, however many there are. Otherwise a bag of words matching
    /// more than about 20,000 articles has its total (and facets) estimated from a sample.
    pub exact_total: bool,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            details: true,
            facets: false,
            collapse_copies: false,
            plain: false,
            exact_total: false,
        }
    }
}

/// One hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub score: f32,
    /// The best passage of the body, with the matched words marked.
    #[serde(skip)]
    pub snippet: Snippet,
    /// The title's matched words.
    #[serde(skip)]
    pub title_highlights: Vec<(usize, usize)>,
    /// Other ids under which the same content was ingested (exact copies).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// The hits of a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Articles matching in all.
    pub total: usize,
    /// `total` is an estimate (see [`SearchRequest::exact_total`]).
    pub total_estimated: bool,
    pub hits: Vec<Hit>,
    /// Counts of the matching articles by outlet, category and entity (when asked for).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
}

/// How the matching articles divide: the most frequent values of each facet, with counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub source: Vec<FacetCount>,
    pub category: Vec<FacetCount>,
    /// People, places and organisations, most mentioned first.
    pub entity: Vec<EntityFacet>,
    /// The counts are estimates: the search matched more articles than are counted one by one
    /// (about 5,000), and the counts were scaled up from a uniform sample of the matches.
    pub approximate: bool,
}

/// A facet value and the number of matching articles that have it.
#[derive(Debug, Clone, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// An entity and the number of matching articles that mention it.
#[derive(Debug, Clone, Serialize)]
pub struct EntityFacet {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub count: u64,
}

/// The number of matching articles published on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub count: u64,
}

/// Values per facet.
const FACET_SIZE: u32 = 20;

/// What a search reads of a hit from the record: the whole article (for its snippets) or only
/// its id.
enum StoredRow {
    Article(Box<crate::StoredArticle>),
    Id(String),
}

impl Archive {
    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, Error> {
        let limit = req.limit.clamp(1, MAX_LIMIT);
        let searcher = self.reader.searcher();
        // The segments' columns kept open are pruned to the live ones (a merged-away segment's
        // would keep its files mapped).
        self.facet_terms.prune(&searcher);
        let BuiltQuery {
            query,
            matcher,
            flat,
        } = self.query_for(req, &searcher)?;
        // Collapsing copies needs the hits before the offset too, and more of them: a group's
        // copies are dropped after its best hit.
        let (fetch, skip) = if req.collapse_copies {
            (((req.offset + limit) * 4).min(MAX_LIMIT * 4), 0)
        } else {
            (limit, req.offset)
        };
        let top_docs = TopDocs::with_limit(fetch).and_offset(skip).order_by_score();
        let (top, total, total_estimated, facet_counts) = if flat {
            // A bag of words: the top hits come from a pass that skips the blocks of postings
            // that cannot reach them (block-max WAND), and the matches are counted, with their
            // facets, by a second pass that scores nothing (and, past a bound, reads a sample).
            let top = searcher.search(&query, &top_docs)?;
            let facets = req.facets.then(|| self.facet_counts(&searcher));
            let counted = crate::facets::count_matches(
                &searcher,
                query.as_ref(),
                facets.as_ref(),
                req.exact_total,
            )?;
            (top, counted.total, counted.estimated, counted.facets)
        } else if req.facets {
            // Otherwise one pass gathers the hits, the total and the facets: tantivy's pruning
            // does not apply to the nested query, so a separate top-k pass would score every
            // match all the same.
            let collector = (top_docs, Count, self.facet_counts(&searcher));
            let (top, total, counts) = searcher.search(&query, &collector)?;
            (top, total, false, Some(counts))
        } else {
            let (top, total) = searcher.search(&query, &(top_docs, Count))?;
            (top, total, false, None)
        };
        // The hits' rows are read under the record's lock; their snippets, most of a search's
        // work, are made after it is released, so that concurrent searches do not take turns
        // on the lock for them.
        let mut found: Vec<(tantivy::Score, StoredRow, Vec<String>)> =
            Vec::with_capacity(top.len().min(limit));
        {
            let record = self.read_record()?;
            let mut groups = rustc_hash::FxHashSet::default();
            let mut to_skip = if req.collapse_copies { req.offset } else { 0 };
            for (score, address) in top {
                if found.len() >= limit {
                    break;
                }
                let key = self
                    .facet_terms
                    .record_key(searcher.segment_reader(address.segment_ord), address.doc_id)?
                    .unwrap_or(0);
                if req.collapse_copies {
                    if !groups.insert(crate::copies::canonical_of(record.conn(), key)?) {
                        continue;
                    }
                    if to_skip > 0 {
                        to_skip -= 1;
                        continue;
                    }
                }
                let row = if req.details {
                    record.by_key(key)?.map(|a| StoredRow::Article(Box::new(a)))
                } else {
                    record.id_of(key)?.map(StoredRow::Id)
                };
                if let Some(row) = row {
                    found.push((score, row, record.aliases(key)?));
                }
            }
        }
        let hits = found
            .into_iter()
            .map(|(score, row, aliases)| match row {
                StoredRow::Article(a) => {
                    let a = *a;
                    let snippet = Snippet::best(&a.text, &matcher, SNIPPET_WORDS);
                    // Highlights of the title as it is shown: whole, uncollapsed.
                    let title = Snippet::whole(&a.title, &matcher);
                    Hit {
                        id: a.id,
                        title: a.title,
                        source: a.source,
                        published: a.published,
                        score,
                        snippet,
                        title_highlights: title.highlights,
                        aliases,
                    }
                }
                StoredRow::Id(id) => Hit {
                    id,
                    title: String::new(),
                    source: None,
                    published: None,
                    score,
                    snippet: Snippet::default(),
                    title_highlights: Vec::new(),
                    aliases,
                },
            })
            .collect();
        let facets = facet_counts.map(|c| self.facets(c)).transpose()?;
        Ok(SearchResults {
            total,
            total_estimated,
            hits,
            facets,
        })
    }

    /// The tantivy query for a request's query and filters, and the matcher for its snippets.
    fn query_for(&self, req: &SearchRequest, searcher: &Searcher) -> Result<BuiltQuery, Error> {
        if req.query.len() > MAX_QUERY_BYTES {
            return Err(Error::Query(format!(
                "the query is longer than {MAX_QUERY_BYTES} bytes"
            )));
        }
        let parsed = if req.plain {
            parse_plain(&req.query)
        } else {
            parse(&req.query)
        };
        let mut sets: Vec<Box<dyn Query>> = self
            .entity_terms(&req.filters.entities)?
            .into_iter()
            .map(|terms| self.entity_filter(terms))
            .collect();
        if let Some(thread) = req.filters.thread {
            // A thread is small: its members' keys, as one more set every hit must be in.
            let keys = crate::threads::members(self.read_record()?.conn(), thread)?;
            sets.push(any_term(
                keys.into_iter()
                    .map(|k| Term::from_field_u64(self.fields.key, k as u64))
                    .collect(),
            ));
        }
        build_query(&self.fields, &parsed, &req.filters, sets, searcher)
    }

    /// How many articles matching a search's query and filters were published on each day,
    /// oldest first; days without any, and articles without a date, are left out. (The
    /// request's limit, offset, facets and copy collapsing do not apply.)
    ///
    /// This is what a chart of the matches over time is drawn from: a histogram of the
    /// index's `day` column, so it costs one pass over the matching documents whatever the
    /// span.
    pub fn day_counts(&self, req: &SearchRequest) -> Result<Vec<DayCount>, Error> {
        use tantivy::aggregation::{
            agg_req::Aggregations, AggContextParams, AggregationCollector, AggregationLimitsGuard,
        };
        let searcher = self.reader.searcher();
        let query = self.query_for(req, &searcher)?.query;
        let request: Aggregations = serde_json::from_value(serde_json::json!({
            "days": {"histogram": {"field": "day", "interval": 1.0, "min_doc_count": 1}}
        }))
        .map_err(|e| Error::Query(format!("histogram request: {e}")))?;
        let collector = AggregationCollector::from_aggs(
            request,
            AggContextParams::new(
                AggregationLimitsGuard::default(),
                self.index.tokenizers().clone(),
            ),
        );
        let result = serde_json::to_value(searcher.search(&query, &collector)?)
            .map_err(|e| Error::Query(format!("histogram result: {e}")))?;
        let mut days: Vec<DayCount> = result["days"]["buckets"]
            .as_array()
            .map(|buckets| {
                buckets
                    .iter()
                    .filter_map(|b| {
                        let day = b["key"].as_f64()? as i64;
                        let count = b["doc_count"].as_u64()?;
                        let (y, m, d) = khabar_text::civil_from_days(day);
                        (count > 0).then(|| DayCount {
                            date: format!("{y:04}-{m:02}-{d:02}"),
                            count,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        days.sort_by(|a, b| a.date.cmp(&b.date));
        Ok(days)
    }

    /// The collector of facet counts: outlet, category and entity, sampled past
    /// [`crate::facets::SAMPLE`] matches.
    fn facet_counts<'a>(&'a self, searcher: &Searcher) -> crate::facets::FacetCounts<'a> {
        use crate::facets::FacetField;
        crate::facets::FacetCounts {
            terms: &self.facet_terms,
            fields: vec![
                FacetField {
                    name: "source",
                    size: FACET_SIZE as usize,
                    half_sample: false,
                },
                FacetField {
                    name: "category",
                    size: FACET_SIZE as usize,
                    half_sample: false,
                },
                FacetField {
                    name: "entity",
                    size: FACET_SIZE as usize * 3,
                    half_sample: true,
                },
            ],
            sample: crate::facets::SAMPLE,
            documents: searcher.num_docs(),
        }
    }

    /// The facets of a search from its counts: the most frequent values, entities named.
    fn facets(&self, (counts, approximate): crate::facets::SampledCounts) -> Result<Facets, Error> {
        let mut fields = counts.into_iter();
        let mut next =
            |size: u32| crate::facets::top(fields.next().unwrap_or_default(), size as usize);
        let counts = |values: Vec<(std::sync::Arc<str>, u64)>| {
            values
                .into_iter()
                .map(|(value, count)| FacetCount {
                    value: value.to_string(),
                    count,
                })
                .collect()
        };
        let source = counts(next(FACET_SIZE));
        let category = counts(next(FACET_SIZE));
        let entities = next(FACET_SIZE * 3);
        let record = self.read_record()?;
        let mut entity = Vec::new();
        for (term, count) in entities {
            let Some((ty, key)) = term.split_once(':') else {
                continue;
            };
            let name = self
                .entity_names
                .get(&term, || {
                    crate::annotations::entity_name(record.conn(), ty, key)
                })?
                .map_or_else(|| key.to_owned(), |n| n.to_string());
            entity.push(EntityFacet {
                name,
                ty: ty.to_owned(),
                count,
            });
        }
        Ok(Facets {
            source,
            category,
            entity,
            approximate,
        })
    }

    /// Articles mentioning any of the entities `terms`: a name standing for many entities is
    /// a term set whose documents are cached per segment (see [`crate::filter_cache`]).
    fn entity_filter(&self, mut terms: Vec<Term>) -> Box<dyn Query> {
        if terms.len() <= UNION_UP_TO {
            return any_term(terms);
        }
        terms.sort();
        terms.dedup();
        let key = terms
            .iter()
            .map(|t| t.serialized_value_bytes())
            .collect::<Vec<_>>()
            .join(&0u8);
        let key = format!("entity:{}", String::from_utf8_lossy(&key));
        Box::new(crate::filter_cache::CachedFilter::new(
            Box::new(TermSetQuery::new(terms)),
            key,
            &self.filter_cache,
        ))
    }

    /// For each entity filter, the index terms of the entities it names.
    fn entity_terms(&self, names: &[String]) -> Result<Vec<Vec<Term>>, Error> {
        let record = self.read_record()?;
        names
            .iter()
            .map(|name| {
                Ok(
                    crate::annotations::matching_entities(record.conn(), name, None)?
                        .into_iter()
                        .map(|(_, ty, key, _)| {
                            term(
                                self.fields.entity,
                                &crate::annotations::entity_term(ty, &key),
                            )
                        })
                        .collect(),
                )
            })
            .collect()
    }
}

/// A search's tantivy query, with what a search needs to know of it.
pub(crate) struct BuiltQuery {
    pub query: Box<dyn Query>,
    /// What the snippets mark.
    pub matcher: Matcher,
    /// The query is one flat union of terms (a bag of words, no phrase, filter or exclusion):
    /// tantivy can find its top hits without scoring every match (block-max WAND).
    pub flat: bool,
}

/// Builds the tantivy query for a user query and filters, and the matcher for its snippets.
fn build_query(
    fields: &Fields,
    parsed: &ParsedQuery,
    filters: &Filters,
    sets: Vec<Box<dyn Query>>,
    searcher: &Searcher,
) -> Result<BuiltQuery, Error> {
    let mut matcher = Matcher::default();
    let mut clauses: Vec<Clause> = Vec::new();
    // The same bag of words as one union of all the words' terms: BM25 sums either way, so
    // the scores are the same, but only a flat union of terms can be pruned.
    let mut flat_terms: Vec<Clause> = Vec::new();
    let mut flat = true;
    // Function words are dropped from the bag of words, unless the query is nothing but them.
    let all_stop = parsed.clauses.iter().all(|c| {
        c.negated
            || c.items.iter().all(|i| match i {
                Item::Word(w) => {
                    khabar_text::tokens(w).all(|t| khabar_text::is_stopword(&t.surface()))
                }
                Item::Phrase(_) => false,
            })
    });
    for clause in &parsed.clauses {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        let mut required = clause.negated;
        for item in &clause.items {
            let q: Option<Box<dyn Query>> = match item {
                Item::Word(w) => {
                    let toks: Vec<khabar_text::Token> = khabar_text::tokens(w).collect();
                    match toks.len() {
                        0 => None,
                        // A word the analyser splits (كوفيد-19) is searched as a phrase.
                        1 => {
                            let t = &toks[0];
                            if !all_stop
                                && !clause.negated
                                && khabar_text::is_stopword(&t.surface())
                            {
                                None
                            } else {
                                if !clause.negated {
                                    matcher.add_word(t);
                                }
                                if clause.negated || clause.items.len() > 1 {
                                    flat = false;
                                } else {
                                    flat_terms.extend(word_terms(fields, t));
                                }
                                Some(word_query(fields, t))
                            }
                        }
                        _ => {
                            flat = false;
                            if !clause.negated {
                                toks.iter().for_each(|t| matcher.add_phrase_word(t));
                            }
                            Some(phrase_query(fields, &toks))
                        }
                    }
                }
                Item::Phrase(p) => {
                    flat = false;
                    let toks: Vec<khabar_text::Token> = khabar_text::tokens(p).collect();
                    if toks.is_empty() {
                        None
                    } else {
                        if !clause.negated {
                            toks.iter().for_each(|t| matcher.add_phrase_word(t));
                        }
                        // A phrase must be there (as in every web search engine).
                        required = true;
                        Some(phrase_query(fields, &toks))
                    }
                }
            };
            alternatives.extend(q);
        }
        let q: Box<dyn Query> = match alternatives.len() {
            0 => continue,
            1 => alternatives.pop().expect("one alternative"),
            _ => Box::new(BooleanQuery::union(alternatives)),
        };
        let has_phrase = clause.items.iter().any(|i| matches!(i, Item::Phrase(_)))
            || clause
                .items
                .iter()
                .any(|i| matches!(i, Item::Word(w) if khabar_text::tokens(w).nth(1).is_some()));
        let q = if clause.negated && has_phrase {
            excluded_keys(fields, searcher, q)?
        } else {
            q
        };
        let occur = match (clause.negated, required) {
            (true, _) => Occur::MustNot,
            (false, true) => Occur::Must,
            (false, false) => Occur::Should,
        };
        clauses.push((occur, q));
    }
    let has_positive = clauses.iter().any(|(o, _)| *o != Occur::MustNot);
    // Filters narrow, they do not score.
    let mut filter_clauses = filter_queries(fields, filters)?;
    filter_clauses.extend(sets.into_iter().map(|q| (Occur::Must, q)));
    if !has_positive {
        // Nothing to rank by: every article that passes the filters and exclusions.
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    if flat && has_positive && filter_clauses.is_empty() && !flat_terms.is_empty() {
        return Ok(BuiltQuery {
            query: Box::new(BooleanQuery::new(flat_terms)),
            matcher,
            flat: true,
        });
    }
    let scored: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
    let query: Box<dyn Query> = if filter_clauses.is_empty() {
        scored
    } else {
        filter_clauses.push((Occur::Must, scored));
        Box::new(BooleanQuery::new(filter_clauses))
    };
    Ok(BuiltQuery {
        query,
        matcher,
        flat: false,
    })
}

/// An excluded phrase, resolved to the record keys of the articles that have it.
///
/// tantivy 0.27's phrase scorer breaks the contract its exclusion relies on (it is probed for
/// a document before its current one: a debug assertion fails, and a release build may let a
/// phrase match through). Excluding by key, looked up first, is exact whatever the scorer does.
fn excluded_keys(
    fields: &Fields,
    searcher: &Searcher,
    q: Box<dyn Query>,
) -> Result<Box<dyn Query>, Error> {
    let docs = searcher.search(&q, &DocSetCollector)?;
    let mut terms = Vec::with_capacity(docs.len());
    // Each segment's key column opened once, not once per document (opening it decodes every
    // block header: a phrase excluded from thousands of articles cost a second).
    let mut columns: rustc_hash::FxHashMap<u32, tantivy::columnar::Column<u64>> =
        rustc_hash::FxHashMap::default();
    for address in docs {
        let column = match columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .u64("key")?,
            ),
        };
        if let Some(key) = column.first(address.doc_id) {
            terms.push(Term::from_field_u64(fields.key, key));
        }
    }
    Ok(Box::new(TermSetQuery::new(terms)))
}

/// Terms read as a union of their postings at most; more are a term set.
const UNION_UP_TO: usize = 16;

/// Articles with any of `terms`, unscored. A few terms are a union of their postings, read
/// in step with the rest of the query (skipping what it skips); many are a term set, which
/// marks every document of every term in a bitset per segment first (on a large archive that
/// cost more than the whole search for a common entity).
fn any_term(terms: Vec<Term>) -> Box<dyn Query> {
    if terms.len() > UNION_UP_TO {
        return Box::new(TermSetQuery::new(terms));
    }
    let union: Vec<Box<dyn Query>> = terms
        .into_iter()
        .map(|t| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
        .collect();
    Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::union(union)),
        0.0,
    ))
}

fn term(field: Field, text: &str) -> Term {
    Term::from_field_text(field, text)
}

/// A query word: its stem and its exact form, in body and title.
fn word_query(fields: &Fields, t: &khabar_text::Token) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(word_terms(fields, t)))
}

/// The four weighted terms of a query word, each optional.
fn word_terms(fields: &Fields, t: &khabar_text::Token) -> Vec<Clause> {
    let stem = t.stem();
    let surface = surface_term(&t.surface());
    let tq = |field: Field, text: &str, boost: f32| -> Clause {
        let q = TermQuery::new(term(field, text), IndexRecordOption::WithFreqs);
        (Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost)))
    };
    vec![
        tq(fields.body, &stem, 1.0),
        tq(fields.body, &surface, EXACT_WEIGHT),
        tq(fields.title, &stem, TITLE_BOOST),
        tq(fields.title, &surface, TITLE_BOOST * EXACT_WEIGHT),
    ]
}

/// Exact words in order, in body or title.
fn phrase_query(fields: &Fields, toks: &[khabar_text::Token]) -> Box<dyn Query> {
    let in_field = |field: Field, boost: f32| -> Clause {
        let q: Box<dyn Query> = if toks.len() == 1 {
            Box::new(TermQuery::new(
                term(field, &surface_term(&toks[0].surface())),
                IndexRecordOption::WithFreqs,
            ))
        } else {
            Box::new(PhraseQuery::new(
                toks.iter()
                    .map(|t| term(field, &surface_term(&t.surface())))
                    .collect(),
            ))
        };
        (Occur::Should, Box::new(BoostQuery::new(q, boost)))
    };
    Box::new(BooleanQuery::new(vec![
        in_field(fields.body, 1.0),
        in_field(fields.title, TITLE_BOOST),
    ]))
}

fn filter_queries(fields: &Fields, filters: &Filters) -> Result<Vec<Clause>, Error> {
    let mut out: Vec<Clause> = Vec::new();
    let any_of = |field: Field, values: &[String]| -> Box<dyn Query> {
        let qs: Vec<Box<dyn Query>> = values
            .iter()
            .map(|v| {
                Box::new(TermQuery::new(
                    term(field, &facet_value(v)),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>
            })
            .collect();
        Box::new(BooleanQuery::union(qs))
    };
    if !filters.sources.is_empty() {
        out.push((Occur::Must, any_of(fields.source, &filters.sources)));
    }
    if !filters.categories.is_empty() {
        out.push((Occur::Must, any_of(fields.category, &filters.categories)));
    }
    let day = |s: &Option<String>, what: &str| -> Result<Option<i64>, Error> {
        match s {
            None => Ok(None),
            Some(v) => crate::days_from_iso(v).map(Some).ok_or_else(|| {
                Error::Query(format!("{what} date {v:?} is not a date like 2015-08-01"))
            }),
        }
    };
    let from = day(&filters.from, "the --from")?;
    let to = day(&filters.to, "the --to")?;
    if from.is_some() || to.is_some() {
        let bound = |d: Option<i64>| match d {
            Some(d) => Bound::Included(Term::from_field_i64(fields.day, d)),
            None => Bound::Unbounded,
        };
        out.push((
            Occur::Must,
            Box::new(RangeQuery::new(bound(from), bound(to))),
        ));
    }
    Ok(out)
}
