//! The JSON API, `/api/v1/…`, and its OpenAPI document (`/api/openapi.json`), generated from
//! the annotations on the handlers below.
//!
//! The search and article shapes are the CLI's (`khabar search --json`, `khabar show --json`),
//! built by the same functions in `khabar_archive`, so the two interfaces cannot drift apart.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use http_body_util::BodyExt;
use khabar_archive::{EntityLimits, QuoteQuery};
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::error::{ApiError, ErrorBody};
use crate::params::{Params, SearchParams, MAX_OFFSET};
use crate::AppState;

/// The OpenAPI document of the API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "khabar",
        description = "The JSON API of a khabar Arabic news archive. Read endpoints are public; \
                       ingest needs the server's bearer token. Errors are \
                       `{\"error\": {\"code\", \"message\"}}` with a stable code."
    ),
    paths(search, article, related, entity, quotes, stories, stats, ingest),
    components(schemas(
        SearchResponse, SearchHit, Article, RelatedResponse, RelatedArticle, EntityResponse,
        EntitySummary, MonthCountDoc, ArticleRefDoc, QuotesResponse, Quote, StoriesResponse,
        Story, Stats, IngestSummary, Rejection, ErrorBody, crate::error::ErrorDetail
    )),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// Declares the bearer-token scheme that ingest requires.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    Json(ApiDoc::openapi()).into_response()
}

// ---- Documented shapes. The handlers return JSON built by khabar_archive; these types
// describe it for the OpenAPI document, and the tests check the two agree.

/// Search results.
#[derive(Serialize, ToSchema)]
pub struct SearchResponse {
    /// Articles matching in all.
    pub total: u64,
    /// `total` is an estimate: a bag of words matching more than about 20,000 articles is
    /// counted on a sample of the archive unless `exact_total=true`.
    pub total_estimated: bool,
    pub hits: Vec<SearchHit>,
    /// Counts of the matching articles: `{"source": [{"value", "count"}], "category": […],
    /// "entity": [{"name", "type", "count"}], "approximate": bool}` (absent with
    /// `facets=false`). Past about 5,000 matches the counts are estimated from a uniform
    /// sample of them, and `approximate` is true.
    #[schema(value_type = Option<Object>)]
    pub facets: Option<serde_json::Value>,
}

/// One hit.
#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    /// ISO 8601.
    pub published: Option<String>,
    /// BM25; comparable within one result list only.
    pub score: f32,
    /// The best passage of the body.
    pub snippet: String,
    /// The matched words of `snippet`, as code-point ranges `[start, end]`.
    pub highlights: Vec<[u64; 2]>,
    /// `snippet` as HTML: escaped, matches in `<mark>`.
    pub snippet_html: String,
}

/// An article, as `khabar show --json` prints it.
#[derive(Serialize, ToSchema)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub category: Option<String>,
    pub author: Option<String>,
    pub dateline: Option<String>,
    /// The body, paragraphs separated by a blank line.
    pub text: String,
    pub origin: Option<String>,
    pub ingested_at: String,
    /// `ar`, `other` or `mixed`.
    pub language: Option<String>,
    /// Every URL the article was seen at.
    pub urls: Vec<String>,
    /// People, places and organisations: `{"name", "type", "mentions": [{"start", "end",
    /// "text"}]}` (code-point offsets into `text`).
    #[schema(value_type = Vec<Object>)]
    pub entities: Vec<serde_json::Value>,
    /// Quotations: `{"text", "speaker", "speaker_title", "kind", "start", "end", …}`.
    #[schema(value_type = Vec<Object>)]
    pub quotes: Vec<serde_json::Value>,
    /// Dates mentioned: `{"text", "value", "relative", …}`.
    #[schema(value_type = Vec<Object>)]
    pub dates: Vec<serde_json::Value>,
    /// Ids of its copies.
    pub copies: Vec<String>,
    /// Its story thread: `{"id", "label", "size"}`, or null.
    #[schema(value_type = Option<Object>)]
    pub thread: Option<serde_json::Value>,
    /// Ids of the most related articles.
    pub related: Vec<String>,
}

/// An article's related articles.
#[derive(Serialize, ToSchema)]
pub struct RelatedResponse {
    pub id: String,
    pub related: Vec<RelatedArticle>,
}

/// A related article.
#[derive(Serialize, ToSchema)]
pub struct RelatedArticle {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    /// Higher is more related.
    pub score: f32,
}

/// A person, place or organisation.
#[derive(Serialize, ToSchema)]
pub struct EntityResponse {
    pub entity: EntitySummary,
    /// Articles mentioning it per month, oldest first.
    pub months: Vec<MonthCountDoc>,
    /// Entities mentioned in the same articles, most first.
    pub co_mentions: Vec<EntitySummary>,
    /// Latest articles mentioning it, newest first.
    pub latest: Vec<ArticleRefDoc>,
    /// What a person said, newest first.
    pub quotes: Vec<Quote>,
}

/// An entity with its counts.
#[derive(Serialize, ToSchema)]
pub struct EntitySummary {
    pub name: String,
    /// `PERS`, `LOC` or `ORG`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Articles mentioning it.
    pub articles: u64,
    /// Mentions in all.
    pub mentions: u64,
}

/// Articles in one month.
#[derive(Serialize, ToSchema)]
#[schema(as = MonthCount)]
pub struct MonthCountDoc {
    /// `YYYY-MM`.
    pub month: String,
    pub articles: u64,
}

/// An article in a list.
#[derive(Serialize, ToSchema)]
#[schema(as = ArticleRef)]
pub struct ArticleRefDoc {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
}

/// Quotations.
#[derive(Serialize, ToSchema)]
pub struct QuotesResponse {
    pub quotes: Vec<Quote>,
}

/// A quotation.
#[derive(Serialize, ToSchema)]
pub struct Quote {
    /// The article's id.
    pub article: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    /// The quoted words.
    pub text: String,
    /// `direct` or `indirect`.
    pub kind: String,
    pub speaker: Option<String>,
    pub speaker_title: Option<String>,
}

/// Story threads.
#[derive(Serialize, ToSchema)]
pub struct StoriesResponse {
    pub stories: Vec<Story>,
}

/// A story thread.
#[derive(Serialize, ToSchema)]
pub struct Story {
    pub id: i64,
    /// Its most central headline.
    pub label: String,
    pub size: u64,
    /// `[outlet, articles]` pairs, most first.
    #[schema(value_type = Vec<Vec<Object>>)]
    pub outlets: Vec<serde_json::Value>,
    pub first: Option<String>,
    pub last: Option<String>,
    pub first_article: Option<String>,
    pub last_article: Option<String>,
}

/// Counts and sizes of the archive.
#[derive(Serialize, ToSchema)]
pub struct Stats {
    pub articles: u64,
    /// `[outlet, articles]` pairs, most first.
    #[schema(value_type = Vec<Vec<Object>>)]
    pub sources: Vec<serde_json::Value>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub indexed: u64,
    pub record_bytes: u64,
    pub index_bytes: u64,
    pub schema_version: i64,
}

/// What an ingest did.
#[derive(Serialize, ToSchema)]
pub struct IngestSummary {
    /// Records read.
    pub read: u64,
    /// Articles newly stored.
    pub stored: u64,
    /// Articles already stored.
    pub duplicates: u64,
    /// Records passed over on purpose (a crawl's non-HTML records).
    pub skipped: u64,
    /// Records rejected, with where and why.
    pub rejected: Vec<Rejection>,
    /// Bytes of input read.
    pub bytes: u64,
}

/// A rejected record.
#[derive(Serialize, ToSchema)]
pub struct Rejection {
    /// `request:LINE` for JSONL, `request @OFFSET` for WARC.
    pub location: String,
    pub reason: String,
}

// ---- Handlers.

fn json<T: Serialize>(value: &T) -> Response {
    Json(value).into_response()
}

/// Search the archive.
#[utoipa::path(
    get, path = "/api/v1/search", tag = "read",
    params(
        ("q" = Option<String>, Query, description = "Words, \"exact phrases\", -excluded, a OR b. Empty: every article passing the filters."),
        ("source" = Option<Vec<String>>, Query, description = "Only this outlet (repeatable: any of them)."),
        ("category" = Option<Vec<String>>, Query, description = "Only this category (repeatable)."),
        ("entity" = Option<Vec<String>>, Query, description = "Only articles mentioning this person, place or organisation (repeatable: all of them)."),
        ("from" = Option<String>, Query, description = "Published on or after this day (2015-08-01)."),
        ("to" = Option<String>, Query, description = "Published on or before this day."),
        ("thread" = Option<i64>, Query, description = "Only articles of this story thread."),
        ("limit" = Option<usize>, Query, description = "Hits to return (default 10, at most the server's page size)."),
        ("offset" = Option<usize>, Query, description = "Hits to skip."),
        ("collapse_copies" = Option<bool>, Query, description = "One hit per syndicated story."),
        ("facets" = Option<bool>, Query, description = "Count the matches by outlet, category and entity (default true)."),
        ("exact_total" = Option<bool>, Query, description = "Count every match one by one (default false: past about 20,000 matches the total and the facets are estimated from a sample)."),
    ),
    responses(
        (status = 200, description = "The hits", body = SearchResponse),
        (status = 400, description = "A bad parameter", body = ErrorBody),
        (status = 414, description = "The query string is too long", body = ErrorBody),
    )
)]
pub async fn search(State(state): State<AppState>, params: Params) -> Result<Response, ApiError> {
    let req = SearchParams::parse(&params, &state.limits, 10)?.request();
    let results = state.with_archive(move |a| a.search(&req)).await?;
    Ok(json(&khabar_archive::search_json(&results)))
}

/// Related articles returned with an article.
const RELATED: usize = 10;

/// An article, as `khabar show --json` prints it.
#[utoipa::path(
    get, path = "/api/v1/articles/{id}", tag = "read",
    params(("id" = String, Path, description = "The article's id.")),
    responses(
        (status = 200, description = "The article", body = Article),
        (status = 404, description = "No such article", body = ErrorBody),
    )
)]
pub async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let missing = format!("no article with id {id:?}");
    let view = state
        .with_archive(move |a| match a.article(&id)? {
            Some(article) => Ok(Some(a.article_view(article, RELATED)?)),
            None => Ok(None),
        })
        .await?;
    match view {
        Some(view) => Ok(json(&view.to_json())),
        None => Err(ApiError::not_found(missing)),
    }
}

/// The articles most related to one, best first, its copies excluded.
#[utoipa::path(
    get, path = "/api/v1/articles/{id}/related", tag = "read",
    params(
        ("id" = String, Path, description = "The article's id."),
        ("limit" = Option<usize>, Query, description = "How many (default 10)."),
    ),
    responses(
        (status = 200, description = "Related articles", body = RelatedResponse),
        (status = 400, description = "A bad parameter", body = ErrorBody),
        (status = 404, description = "No such article", body = ErrorBody),
    )
)]
pub async fn related(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    let limit = params
        .number("limit", 10, state.limits.max_page_size)?
        .max(1);
    let missing = format!("no article with id {id:?}");
    let found = state
        .with_archive(move |a| match a.article(&id)? {
            Some(article) => Ok(Some((article.id.clone(), a.related(&article, limit)?))),
            None => Ok(None),
        })
        .await?;
    match found {
        Some((id, related)) => Ok(json(&serde_json::json!({"id": id, "related": related}))),
        None => Err(ApiError::not_found(missing)),
    }
}

/// A person, place or organisation: mentions per month, co-mentioned entities, latest
/// articles, and for a person their quotations.
#[utoipa::path(
    get, path = "/api/v1/entities/{name}", tag = "read",
    params(
        ("name" = String, Path, description = "The name (or part of it: لافروف finds سيرجي لافروف)."),
        ("limit" = Option<usize>, Query, description = "Length of each list (default 20)."),
    ),
    responses(
        (status = 200, description = "The entity", body = EntityResponse),
        (status = 404, description = "The archive knows no such name", body = ErrorBody),
    )
)]
pub async fn entity(
    State(state): State<AppState>,
    Path(name): Path<String>,
    params: Params,
) -> Result<Response, ApiError> {
    let n = params.number("limit", 20, state.limits.max_page_size)?;
    let limits = EntityLimits {
        co_mentions: n,
        latest: n,
        quotes: n,
    };
    let missing = format!("the archive knows no entity called {name:?}");
    match state
        .with_archive(move |a| a.entity_view(&name, limits))
        .await?
    {
        Some(view) => Ok(json(&view)),
        None => Err(ApiError::not_found(missing)),
    }
}

/// Quotations, newest first.
#[utoipa::path(
    get, path = "/api/v1/quotes", tag = "read",
    params(
        ("speaker" = Option<String>, Query, description = "Speakers whose name holds these words (كيري finds جون كيري)."),
        ("from" = Option<String>, Query, description = "Published on or after this day."),
        ("to" = Option<String>, Query, description = "Published on or before this day."),
        ("limit" = Option<usize>, Query, description = "How many (default 20)."),
        ("offset" = Option<usize>, Query, description = "How many to skip."),
    ),
    responses(
        (status = 200, description = "Quotations", body = QuotesResponse),
        (status = 400, description = "A bad parameter", body = ErrorBody),
    )
)]
pub async fn quotes(State(state): State<AppState>, params: Params) -> Result<Response, ApiError> {
    let q = QuoteQuery {
        speaker: params.get("speaker").map(str::to_owned),
        from: params.date("from")?,
        to: params.date("to")?,
        limit: params.number("limit", 20, state.limits.max_page_size)?,
        offset: params.number("offset", 0, MAX_OFFSET)?,
    };
    let quotes = state.with_archive(move |a| a.quotes(&q)).await?;
    Ok(json(&serde_json::json!({ "quotes": quotes })))
}

/// The biggest story threads of a period.
#[utoipa::path(
    get, path = "/api/v1/stories", tag = "read",
    params(
        ("from" = Option<String>, Query, description = "Threads with an article published on or after this day."),
        ("to" = Option<String>, Query, description = "… on or before this day."),
        ("top" = Option<usize>, Query, description = "How many threads, biggest first (default 20)."),
    ),
    responses(
        (status = 200, description = "Threads", body = StoriesResponse),
        (status = 400, description = "A bad parameter", body = ErrorBody),
    )
)]
pub async fn stories(State(state): State<AppState>, params: Params) -> Result<Response, ApiError> {
    let from = params.date("from")?;
    let to = params.date("to")?;
    let top = params.number("top", 20, state.limits.max_page_size)?.max(1);
    let stories = state
        .with_archive(move |a| a.stories(from.as_deref(), to.as_deref(), top))
        .await?;
    Ok(json(&serde_json::json!({ "stories": stories })))
}

/// Counts and sizes of the archive.
#[utoipa::path(
    get, path = "/api/v1/stats", tag = "read",
    responses((status = 200, description = "Counts and sizes", body = Stats))
)]
pub async fn stats(State(state): State<AppState>) -> Result<Response, ApiError> {
    let stats = state.with_archive(|a| a.stats()).await?;
    Ok(json(&stats))
}

/// The kinds of body ingest reads.
enum BodyKind {
    /// JSON Lines, possibly gzip- or zstd-compressed.
    Jsonl,
    /// One HTML page.
    Html { charset: Option<String> },
    /// A WARC crawl, possibly compressed.
    Warc,
}

/// The body kind a `Content-Type` names. No content type, and the types `curl --data-binary`
/// and other clients send by default, mean JSON Lines (the archive's own format).
fn body_kind(headers: &HeaderMap) -> Result<BodyKind, ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(BodyKind::Jsonl);
    };
    let value = value.to_str().unwrap_or("").to_ascii_lowercase();
    let mut parts = value.split(';').map(str::trim);
    let media = parts.next().unwrap_or("");
    let charset = parts
        .filter_map(|p| p.strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_owned())
        .next();
    match media {
        ""
        | "application/x-ndjson"
        | "application/jsonl"
        | "application/x-jsonlines"
        | "application/json"
        | "text/plain"
        | "application/octet-stream"
        | "application/x-www-form-urlencoded"
        | "application/gzip"
        | "application/zstd" => Ok(BodyKind::Jsonl),
        "text/html" | "application/xhtml+xml" => Ok(BodyKind::Html { charset }),
        "application/warc" => Ok(BodyKind::Warc),
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!(
                "cannot ingest {other:?}: send JSON Lines (application/x-ndjson), an HTML page \
                 (text/html) or a WARC crawl (application/warc)"
            ),
        )),
    }
}

/// Checks the bearer token. Writes are off without a configured token (403); a missing or
/// wrong token is 401.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "this server accepts no writes: start it with a token (KHABAR_TOKEN) to enable ingest",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim);
    let Some(given) = given else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "ingest needs `Authorization: Bearer TOKEN`",
        ));
    };
    // blake3::Hash's equality is constant-time; hashing first hides the token's length too.
    if blake3::hash(given.as_bytes()) != expected {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "the bearer token is not this server's",
        ));
    }
    Ok(())
}

/// Chunks of the request body as a blocking `Read`, for the archive's readers, which run on
/// the blocking pool. The body is pumped by an async task through a small channel, so memory
/// stays bounded whatever the body's size.
struct BodyReader {
    rx: tokio::sync::mpsc::Receiver<std::io::Result<Bytes>>,
    chunk: Bytes,
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.chunk.is_empty() {
            match self.rx.blocking_recv() {
                None => return Ok(0),
                Some(chunk) => self.chunk = chunk?,
            }
        }
        let n = buf.len().min(self.chunk.len());
        buf[..n].copy_from_slice(&self.chunk[..n]);
        self.chunk = self.chunk.slice(n..);
        Ok(n)
    }
}

/// Starts pumping `body` into a [`BodyReader`]; past `max` bytes the reader fails and
/// `too_large` is set.
fn stream_body(body: Body, max: u64, too_large: Arc<AtomicBool>) -> BodyReader {
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    tokio::spawn(async move {
        let mut body = body;
        let mut total = 0u64;
        while let Some(frame) = body.frame().await {
            let chunk = match frame {
                Ok(frame) => match frame.into_data() {
                    Ok(data) => data,
                    // Trailers carry nothing to read.
                    Err(_) => continue,
                },
                Err(e) => {
                    let _ = tx
                        .send(Err(std::io::Error::other(format!(
                            "reading the request body: {e}"
                        ))))
                        .await;
                    return;
                }
            };
            total += chunk.len() as u64;
            if total > max {
                too_large.store(true, Ordering::SeqCst);
                let _ = tx
                    .send(Err(std::io::Error::other(format!(
                        "the request body is larger than the server's limit of {max} bytes"
                    ))))
                    .await;
                return;
            }
            if tx.send(Ok(chunk)).await.is_err() {
                return;
            }
        }
    });
    BodyReader {
        rx,
        chunk: Bytes::new(),
    }
}

fn too_large(max: u64) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        format!("the request body is larger than the server's limit of {max} bytes"),
    )
}

/// What record locations call the request body.
const BODY_NAME: &str = "request";

/// Store articles: a JSON Lines body (streamed), one HTML page, or a WARC crawl.
#[utoipa::path(
    post, path = "/api/v1/ingest", tag = "write",
    params(("url" = Option<String>, Query, description = "For an HTML page: the URL it was fetched from.")),
    request_body(description = "JSON Lines (one article a line, as `khabar ingest` reads), an HTML page, or a WARC crawl; JSONL and WARC may be gzip- or zstd-compressed.",
        content(
            (String = "application/x-ndjson"),
            (String = "text/html"),
            (String = "application/warc"),
        )),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What was stored; rejected records are named", body = IngestSummary),
        (status = 401, description = "No token, or the wrong one", body = ErrorBody),
        (status = 403, description = "Writes are off (the server has no token)", body = ErrorBody),
        (status = 409, description = "Another process is writing to the archive (a `khabar ingest` beside the server): retry when it has finished", body = ErrorBody),
        (status = 413, description = "The body is larger than the server's limit (what was read before is stored; the summary says what)", body = ErrorBody),
        (status = 415, description = "A content type ingest cannot read", body = ErrorBody),
    )
)]
pub async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    params: Params,
    body: Body,
) -> Result<Response, ApiError> {
    authorize(&state, &headers)?;
    let kind = body_kind(&headers)?;
    let max = state.limits.max_body_bytes;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max) {
        return Err(too_large(max));
    }
    // One ingest at a time: the archive has a single index writer.
    let _turn = state.ingest_lock.lock().await;
    let opts = khabar_ingest::ReadOptions::default();
    let cut = Arc::new(AtomicBool::new(false));
    let summary = match kind {
        BodyKind::Html { charset } => {
            let bytes = match http_body_util::Limited::new(body, max as usize)
                .collect()
                .await
            {
                Ok(collected) => collected.to_bytes(),
                Err(e) if e.is::<http_body_util::LengthLimitError>() => return Err(too_large(max)),
                Err(e) => {
                    return Err(ApiError::bad_request(format!(
                        "reading the request body: {e}"
                    )))
                }
            };
            let url = params.get("url").map(str::to_owned);
            state
                .with_archive_writing(move |a| {
                    let record = khabar_ingest::read_html(
                        &bytes,
                        BODY_NAME,
                        url.as_deref(),
                        charset.as_deref(),
                    );
                    a.ingest(std::iter::once(record), &mut ())
                })
                .await?
        }
        BodyKind::Jsonl | BodyKind::Warc => {
            let reader = stream_body(body, max, Arc::clone(&cut));
            let warc = matches!(kind, BodyKind::Warc);
            state
                .with_archive_writing(move |a| {
                    let records = if warc {
                        khabar_ingest::read_warc_stream(reader, BODY_NAME, &opts)
                    } else {
                        khabar_ingest::read_jsonl(reader, BODY_NAME, &opts)
                    };
                    a.ingest(records, &mut ())
                })
                .await?
        }
    };
    let summary = serde_json::to_value(&summary).unwrap_or_default();
    if cut.load(Ordering::SeqCst) {
        return Err(too_large(max).with("summary", summary));
    }
    Ok(json(&summary))
}
