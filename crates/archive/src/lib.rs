//! The archive: one data directory holding the record of truth (SQLite) and the search index
//! derived from it (tantivy).
//!
//! ```text
//! DIR/khabar.sqlite   every article, its metadata, ids and URLs (the record)
//! DIR/index/          the tantivy index: analysed title and body, filters (derived)
//! ```
//!
//! Invariants:
//! - an article is in the index only after it is committed to the record;
//! - the index's commit payload says up to which record key it is complete, and opening the
//!   archive for writing indexes the rest, so a crash at any moment loses nothing the record
//!   acknowledged;
//! - the index can always be deleted and rebuilt from the record ([`Archive::reindex`]).

mod annotations;
mod backup;
pub mod copies;
mod facets;
mod filter_cache;
mod index;
pub mod query;
mod record;
mod related;
mod search;
pub mod snippet;
pub mod threads;
mod verify;
mod views;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy};

use khabar_ingest::{Article, Record as InputRecord, RelatedLink};

pub use annotations::{EntityCount, EntityQuery, QuoteQuery, QuoteRow, ANNOTATION_VERSION};
pub use backup::BackupReport;
pub use blake3::Hash as ContentHash;
pub use record::SCHEMA_VERSION;
pub use related::Related;
pub use search::DayCount;
pub use search::{EntityFacet, FacetCount, Facets, Filters, Hit, SearchRequest, SearchResults};
pub use snippet::Snippet;
pub use verify::Verification;
pub use views::{search_json, ArticleRef, ArticleView, EntityLimits, EntityView, MonthCount};

/// What can go wrong with the archive itself (not with one input record).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No archive in the directory (and we were not asked to create one).
    #[error("no archive at {dir} (run `khabar --data {dir} ingest FILE` first)", dir = .0.display())]
    NoArchive(PathBuf),
    /// The record was written by a newer khabar.
    #[error("the archive's schema is version {found}, newer than this khabar knows ({known}): upgrade khabar")]
    NewerSchema { found: i64, known: i64 },
    /// The index lacks a field this version needs.
    #[error("the search index has no field `{0}`: run `khabar reindex`")]
    IndexSchema(String),
    /// SQLite failed.
    #[error("record (SQLite): {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// tantivy failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The file system failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A bad query or filter.
    #[error("{0}")]
    Query(String),
    /// The search index cannot be read (files missing or damaged) by a command that only
    /// reads; one that writes rebuilds it.
    #[error("the search index cannot be read ({0}); `khabar reindex` rebuilds it from the record, losing nothing")]
    IndexDamaged(String),
    /// Another process (or another ingest in this one) is writing to the archive: the index
    /// has one writer at a time. Reading is unaffected.
    #[error("another khabar process is writing to this archive (an ingest, annotate, relink or reindex); try again when it has finished")]
    Busy,
}

/// An article as the record holds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredArticle {
    /// The record's key (internal; the index refers to it).
    #[serde(skip)]
    pub key: i64,
    /// The article's id: its corpus id, or one derived from its content.
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
    /// The page's related-articles block.
    pub related: Vec<RelatedLink>,
    /// Where it was read from (file and line).
    pub origin: Option<String>,
    /// When it was stored (UTC).
    pub ingested_at: String,
    /// The body's language: `ar`, `other` or `mixed`.
    pub language: Option<String>,
    /// Every URL it was seen at.
    pub urls: Vec<String>,
}

/// A rejected input record.
#[derive(Debug, Clone, Serialize)]
pub struct Rejection {
    /// Where (file, line or offset).
    pub location: String,
    /// Why.
    pub reason: String,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Records read (articles and rejected records).
    pub read: u64,
    /// Articles newly stored.
    pub stored: u64,
    /// Articles whose content was already stored.
    pub duplicates: u64,
    /// Records passed over on purpose: a crawl's non-HTML, non-200 and request records.
    pub skipped: u64,
    /// Records rejected, with the reason.
    pub rejected: Vec<Rejection>,
    /// Bytes of input read (decompressed).
    pub bytes: u64,
}

/// How an ingest reports progress, after every batch.
pub trait Progress {
    /// Called with the running totals.
    fn update(&mut self, summary: &IngestSummary);
    /// Called for each rejected record as it happens.
    fn rejected(&mut self, _rejection: &Rejection) {}
}

impl Progress for () {
    fn update(&mut self, _: &IngestSummary) {}
}

/// Counts and sizes of an archive.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub articles: u64,
    /// Articles per source, most first.
    pub sources: Vec<(String, u64)>,
    /// Earliest and latest publication date.
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// Documents in the search index (equals `articles` when the index is up to date).
    pub indexed: u64,
    /// Bytes on disk.
    pub record_bytes: u64,
    pub index_bytes: u64,
    pub schema_version: i64,
}

/// Articles stored per SQLite transaction during ingest.
const BATCH: usize = 1000;
/// Articles between index commits during ingest (commits are durable, and not free).
const COMMIT_EVERY: u64 = 50_000;
/// Time between index commits during ingest, whatever the count: what a search (in this
/// process or in `khabar serve` beside it) waits at most, after a batch is in the record, for
/// its articles to be searchable, less the readers' reload delay ([`RELOAD_POLL`]).
const COMMIT_WITHIN: std::time::Duration = std::time::Duration::from_secs(1);
/// How often a reader looks for a newer index commit, from any process (tantivy polls the
/// index's `meta.json` at this period; fixed by tantivy, stated here for the docs).
pub const RELOAD_POLL: std::time::Duration = std::time::Duration::from_millis(500);
/// Memory for tantivy's indexing buffers.
const WRITER_HEAP: usize = 256 * 1024 * 1024;

/// An open archive.
pub struct Archive {
    dir: PathBuf,
    record: Mutex<record::Record>,
    index: Index,
    fields: index::Fields,
    reader: IndexReader,
    /// Whether ingest runs the annotation passes (see [`Archive::set_annotating`]).
    annotating: bool,
    /// Read-only connections to the record for searches, so that concurrent searches do not
    /// take turns on the one connection that writes (see [`Archive::read_record`]).
    readers: Mutex<Vec<record::Record>>,
    /// Each index segment's facet values, decoded once (see the facets module).
    facet_terms: facets::SegmentTerms,
    /// Entities' names, as facets show them.
    entity_names: facets::EntityNames,
    /// Entity filters' documents, per segment.
    filter_cache: std::sync::Arc<filter_cache::FilterCache>,
}

/// Read-only connections kept for reuse.
const READERS: usize = 8;

/// A read-only connection to the record, back to the pool when dropped.
struct PooledReader<'a> {
    archive: &'a Archive,
    record: Option<record::Record>,
}

impl std::ops::Deref for PooledReader<'_> {
    type Target = record::Record;
    fn deref(&self) -> &record::Record {
        self.record.as_ref().expect("present until dropped")
    }
}

impl Drop for PooledReader<'_> {
    fn drop(&mut self) {
        if let Some(record) = self.record.take() {
            let mut pool = self
                .archive
                .readers
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            if pool.len() < READERS {
                pool.push(record);
            }
        }
    }
}

impl Archive {
    /// Opens the archive in `dir`, creating it when `create` is true and it does not exist.
    /// Opening for writing (`create`) also brings the index up to date with the record.
    pub fn open(dir: &Path, create: bool) -> Result<Archive, Error> {
        Archive::open_inner(dir, create, false)
    }

    /// Opens an existing archive, discarding its search index whatever state it is in, and
    /// rebuilds the index from the record. Returns the archive and the number of articles
    /// indexed. `progress` gets the number indexed so far.
    pub fn open_rebuilding(dir: &Path, progress: impl FnMut(u64)) -> Result<(Archive, u64), Error> {
        let archive = Archive::open_inner(dir, false, true)?;
        let n = archive.reindex(progress)?;
        Ok((archive, n))
    }

    fn open_inner(dir: &Path, create: bool, fresh_index: bool) -> Result<Archive, Error> {
        if create {
            std::fs::create_dir_all(dir)?;
        } else if !dir.join("khabar.sqlite").exists() {
            return Err(Error::NoArchive(dir.to_path_buf()));
        }
        let record = record::Record::open(&dir.join("khabar.sqlite"), create)?;
        let index_dir = dir.join("index");
        let opened = if fresh_index {
            index::recreate(&index_dir).map(|(index, fields)| (index, fields, Some(0)))
        } else {
            index::open(&index_dir, create)
        };
        // Opening the reader loads every segment the last commit lists: a missing or
        // unreadable segment file shows here, not in `index::open`.
        let opened = opened.and_then(|(index, fields, covered)| {
            let reader = reader_of(&index)?;
            Ok((index, fields, covered, reader))
        });
        let (index, fields, covered, reader) = match opened {
            Ok(opened) => opened,
            // A damaged index is derived data: rebuild it rather than refuse to open.
            Err(e) if create => {
                tracing::warn!("search index unreadable ({e}); rebuilding it from the record");
                let (index, fields) = index::recreate(&index_dir)?;
                let reader = reader_of(&index)?;
                (index, fields, None, reader)
            }
            Err(Error::Index(e)) => return Err(Error::IndexDamaged(e.to_string())),
            Err(e) => return Err(e),
        };
        let archive = Archive {
            dir: dir.to_path_buf(),
            record: Mutex::new(record),
            index,
            fields,
            reader,
            annotating: true,
            readers: Mutex::new(Vec::new()),
            facet_terms: Default::default(),
            entity_names: Default::default(),
            filter_cache: Default::default(),
        };
        if create {
            match covered {
                // Another process writing (an ingest beside `khabar serve`) indexes what it
                // stores itself; this one only reads meanwhile.
                Some(key) => match archive.catch_up(key) {
                    Err(Error::Busy) => {
                        tracing::info!("another process is writing to the archive; it indexes")
                    }
                    other => other?,
                },
                None => {
                    archive.reindex(|_| {})?;
                }
            }
        }
        Ok(archive)
    }

    /// Whether [`Archive::ingest`] annotates articles as it stores them (the default). Off,
    /// articles are stored unannotated and `khabar annotate` ([`Archive::reannotate`]) does
    /// it later: a faster first load of a large backlog.
    pub fn set_annotating(&mut self, on: bool) {
        self.annotating = on;
    }

    /// The estimated Jaccard similarity (0–1) at which an ingested article is filed as a copy
    /// of one already stored (default [`copies::DEFAULT_THRESHOLD`]).
    pub fn set_copy_threshold(&mut self, threshold: f64) {
        self.record().copy_threshold = threshold.clamp(0.0, 1.0);
    }

    /// The key overlap (0–1) at which an ingested article joins the story thread of a recent
    /// article (default [`threads::DEFAULT_THRESHOLD`]).
    pub fn set_thread_threshold(&mut self, threshold: f64) {
        self.record().thread_threshold = threshold.clamp(0.0, 1.0);
    }

    /// Whether ingest files articles among copies and story threads (the default). Off, for
    /// measuring what that costs: articles stored so are nobody's copies and in no thread.
    pub fn set_linking(&mut self, on: bool) {
        self.record().linking = on;
    }

    /// Files every article again among copies and story threads, from scratch (after the
    /// thresholds changed, say). Returns the number of articles; `progress` gets the count.
    pub fn relink(&self, progress: impl FnMut(u64)) -> Result<u64, Error> {
        self.record().relink(progress)
    }

    /// The story thread of an article (`None` for articles stored before threads existed).
    pub fn thread(&self, article: &StoredArticle) -> Result<Option<threads::Thread>, Error> {
        let record = self.read_record()?;
        match threads::thread_of(record.conn(), article.key)? {
            Some(id) => threads::thread(record.conn(), id),
            None => Ok(None),
        }
    }

    /// The biggest story threads with articles published between `from` and `to`.
    pub fn stories(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        limit: usize,
    ) -> Result<Vec<threads::Thread>, Error> {
        threads::top_threads(self.read_record()?.conn(), from, to, limit)
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A read-only connection to the record, for reading what searches show.
    fn read_record(&self) -> Result<PooledReader<'_>, Error> {
        let pooled = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let record = match pooled {
            Some(r) => r,
            None => record::Record::open_reader(&self.dir.join("khabar.sqlite"))?,
        };
        Ok(PooledReader {
            archive: self,
            record: Some(record),
        })
    }

    fn record(&self) -> std::sync::MutexGuard<'_, record::Record> {
        self.record.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn writer(&self) -> Result<IndexWriter, Error> {
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, 4);
        match self.index.writer_with_num_threads(threads, WRITER_HEAP) {
            Ok(writer) => {
                writer.set_merge_policy(Box::<index::BoundedMerges>::default());
                Ok(writer)
            }
            Err(tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            )) => Err(Error::Busy),
            Err(e) => Err(e.into()),
        }
    }

    /// Indexes every article the record holds above `covered`.
    fn catch_up(&self, covered: i64) -> Result<(), Error> {
        let max = self.record().max_key()?;
        if max <= covered {
            return Ok(());
        }
        tracing::info!("indexing articles stored after the last index commit");
        let mut writer = self.writer()?;
        self.index_from(&mut writer, covered, |_| {})?;
        index::commit(&mut writer, max)?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    fn index_from(
        &self,
        writer: &mut IndexWriter,
        after: i64,
        mut progress: impl FnMut(u64),
    ) -> Result<(), Error> {
        let mut n = 0;
        self.record().for_each_after(after, |a, entities| {
            let doc = index::document(
                &self.fields,
                index::IndexInput {
                    key: a.key,
                    source: a.source.as_deref(),
                    category: a.category.as_deref(),
                    published: a.published.as_deref(),
                    title: &a.title,
                    body: &a.text,
                    entities: &entities,
                },
            );
            writer.add_document(doc)?;
            n += 1;
            if n % 1000 == 0 {
                progress(n);
            }
            Ok(())
        })?;
        progress(n);
        Ok(())
    }

    /// Deletes the search index and rebuilds it from the record. `progress` gets the number of
    /// articles indexed so far.
    pub fn reindex(&self, progress: impl FnMut(u64)) -> Result<u64, Error> {
        let mut writer = self.writer()?;
        writer.delete_all_documents()?;
        let max = self.record().max_key()?;
        self.index_from(&mut writer, 0, progress)?;
        index::commit(&mut writer, max)?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        self.record().count()
    }

    /// Reads `records` and stores every article in them; see [`IngestSummary`].
    ///
    /// Articles are stored in batches, each one SQLite transaction, and indexed after their
    /// batch is committed. A rejected record is reported and skipped; nothing else stops the
    /// ingest but a failure of the archive itself (a full disk, say), in which case everything
    /// committed so far stays, and running the same ingest again completes it.
    pub fn ingest(
        &self,
        records: impl Iterator<Item = InputRecord>,
        progress: &mut dyn Progress,
    ) -> Result<IngestSummary, Error> {
        let mut summary = IngestSummary::default();
        let mut writer = self.writer()?;
        let mut stored = StoreState {
            since_commit: 0,
            last_commit: std::time::Instant::now(),
            indexed_key: self.record().max_key()?,
        };
        std::thread::scope(|scope| -> Result<(), Error> {
            // Annotation runs one batch ahead of storing, on a thread of its own that uses
            // every core: the cores annotate batch n + 1 while batch n is stored, linked and
            // indexed (work that runs mostly on one core), instead of waiting for it.
            let mut annotator = self.annotating.then(|| {
                let (to_annotate, inbox) = std::sync::mpsc::channel::<Vec<Prepared>>();
                let (outbox, annotated) = std::sync::mpsc::channel::<Vec<Prepared>>();
                scope.spawn(move || {
                    let workers = AnnotationWorkers::start(scope);
                    for batch in inbox {
                        let Some(batch) = workers.annotate(batch) else {
                            break;
                        };
                        if outbox.send(batch).is_err() {
                            break;
                        }
                    }
                });
                (to_annotate, annotated)
            });
            let mut in_flight = 0usize;
            // Hands a full batch on; stores the batch before it once annotated.
            let mut hand_on = |batch: Vec<Prepared>,
                               summary: &mut IngestSummary,
                               progress: &mut dyn Progress|
             -> Result<(), Error> {
                let Some((to_annotate, annotated)) = &annotator else {
                    return self.store_batch(batch, &mut stored, &mut writer, summary, progress);
                };
                to_annotate.send(batch).map_err(|_| annotation_stopped())?;
                in_flight += 1;
                if in_flight > 1 {
                    let ready = annotated.recv().map_err(|_| annotation_stopped())?;
                    in_flight -= 1;
                    self.store_batch(ready, &mut stored, &mut writer, summary, progress)?;
                }
                Ok(())
            };
            let mut word = String::new();
            let mut batch: Vec<Prepared> = Vec::with_capacity(BATCH);
            for rec in records {
                summary.read += 1;
                summary.bytes += rec.raw_bytes;
                match rec.result {
                    Ok(article) => match prepare(article, rec.location.to_string(), &mut word) {
                        Ok(p) => batch.push(p),
                        Err(reason) => {
                            let r = Rejection {
                                location: rec.location.to_string(),
                                reason,
                            };
                            progress.rejected(&r);
                            summary.rejected.push(r);
                        }
                    },
                    // Records passed over on purpose (a crawl's images, redirects) are not
                    // errors.
                    Err(khabar_ingest::RecordError::Skipped(_)) => summary.skipped += 1,
                    Err(e) => {
                        let r = Rejection {
                            location: rec.location.to_string(),
                            reason: e.to_string(),
                        };
                        progress.rejected(&r);
                        summary.rejected.push(r);
                    }
                }
                if batch.len() >= BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    hand_on(full, &mut summary, progress)?;
                }
            }
            if !batch.is_empty() {
                hand_on(batch, &mut summary, progress)?;
            }
            // The batches still being annotated.
            if let Some((to_annotate, annotated)) = annotator.take() {
                drop(to_annotate);
                for ready in annotated {
                    self.store_batch(ready, &mut stored, &mut writer, &mut summary, progress)?;
                }
            }
            Ok(())
        })?;
        let max = self.record().max_key()?;
        index::commit(&mut writer, max)?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(summary)
    }

    /// Stores one batch (one SQLite transaction, with its copies and threads), then gives its
    /// new articles to the index writer, committing the index every [`COMMIT_EVERY`] articles
    /// or [`COMMIT_WITHIN`], whichever comes first.
    fn store_batch(
        &self,
        mut batch: Vec<Prepared>,
        state: &mut StoreState,
        writer: &mut IndexWriter,
        summary: &mut IngestSummary,
        progress: &mut dyn Progress,
    ) -> Result<(), Error> {
        if batch.is_empty() {
            return Ok(());
        }
        let new: Vec<record::NewArticle<'_>> = batch
            .iter()
            .map(|p| record::NewArticle {
                id: &p.id,
                hash: p.hash.as_bytes(),
                article: &p.article,
                origin: p.origin.clone(),
                annotations: self.annotating.then_some(&p.annotations),
                paragraphs: Some(&p.paragraphs),
            })
            .collect();
        let outcomes = self.record().insert_batch(&new)?;
        drop(new);
        for (p, outcome) in batch.drain(..).zip(outcomes) {
            match outcome {
                record::Outcome::Stored(key) => {
                    let doc = index::document(
                        &self.fields,
                        index::IndexInput {
                            key,
                            source: p.article.source.as_deref(),
                            category: p.article.category.as_deref(),
                            published: p.article.published.as_deref(),
                            title: &p.article.title,
                            body: &p.article.text,
                            entities: &entity_terms(&p.annotations),
                        },
                    );
                    writer.add_document(doc)?;
                    summary.stored += 1;
                    state.since_commit += 1;
                    state.indexed_key = state.indexed_key.max(key);
                }
                record::Outcome::Duplicate(_) => summary.duplicates += 1,
                record::Outcome::IdConflict => {
                    let r = Rejection {
                        location: p.origin,
                        reason: format!(
                            "id {:?} is already used by a different article in the archive",
                            p.id
                        ),
                    };
                    progress.rejected(&r);
                    summary.rejected.push(r);
                }
            }
        }
        let due = state.since_commit >= COMMIT_EVERY
            || (state.since_commit > 0 && state.last_commit.elapsed() >= COMMIT_WITHIN);
        if due {
            index::commit(writer, state.indexed_key)?;
            state.since_commit = 0;
            state.last_commit = std::time::Instant::now();
        }
        progress.update(summary);
        Ok(())
    }

    /// The article with this id, if stored.
    pub fn article(&self, id: &str) -> Result<Option<StoredArticle>, Error> {
        self.read_record()?.by_id(id)
    }

    /// The stored annotations of an article (entities, quotations, dates), offsets into its
    /// body.
    pub fn annotations(&self, article: &StoredArticle) -> Result<khabar_nlp::Annotations, Error> {
        annotations::load(self.read_record()?.conn(), article.key)
    }

    /// Quotations, newest first.
    pub fn quotes(&self, q: &QuoteQuery) -> Result<Vec<QuoteRow>, Error> {
        annotations::quotes(self.read_record()?.conn(), q)
    }

    /// Entities mentioned in the most articles.
    pub fn top_entities(&self, q: &EntityQuery) -> Result<Vec<EntityCount>, Error> {
        annotations::top_entities(self.read_record()?.conn(), q)
    }

    /// Runs the annotation passes again over the articles annotated by an older version of
    /// them (every article when `all`), then rebuilds the index, whose entity filters come from
    /// the annotations. Returns the number of articles annotated; `progress` gets the running
    /// count.
    pub fn reannotate(&self, all: bool, mut progress: impl FnMut(u64)) -> Result<u64, Error> {
        let mut after = 0;
        let mut done = 0u64;
        loop {
            let stale = annotations::stale_articles(self.record().conn(), all, after, BATCH)?;
            let Some(last) = stale.last() else { break };
            after = last.0;
            let mut batch: Vec<(i64, khabar_nlp::Annotations)> = stale
                .iter()
                .map(|(key, _)| (*key, khabar_nlp::Annotations::default()))
                .collect();
            on_every_core(&mut batch, |i, (_, notes)| {
                let s = &stale[i].1;
                *notes = annotate(
                    &s.body,
                    &s.title,
                    s.dateline.as_deref(),
                    s.source.as_deref(),
                    s.published.as_deref(),
                );
            });
            self.record().store_annotations(&batch)?;
            done += batch.len() as u64;
            progress(done);
        }
        if done > 0 {
            self.reindex(|_| {})?;
        }
        Ok(done)
    }

    /// Counts and sizes.
    pub fn stats(&self) -> Result<Stats, Error> {
        let record = self.read_record()?;
        let (first, last) = record.date_range()?.unzip();
        let size = |p: &Path| dir_size(p);
        Ok(Stats {
            articles: record.count()?,
            sources: record.sources()?,
            first_published: first,
            last_published: last,
            indexed: self.reader.searcher().num_docs(),
            record_bytes: ["khabar.sqlite", "khabar.sqlite-wal"]
                .iter()
                .map(|f| size(&self.dir.join(f)))
                .sum(),
            index_bytes: size(&self.dir.join("index")),
            schema_version: SCHEMA_VERSION,
        })
    }
}

/// An article with its id and content hash, ready for a batch.
struct Prepared {
    id: String,
    hash: blake3::Hash,
    /// The body's paragraphs, read with the content hash, for near-duplicate filing.
    paragraphs: Vec<copies::Paragraph>,
    origin: String,
    article: Article,
    /// Filled by the [`AnnotationWorkers`] before the batch is stored.
    annotations: khabar_nlp::Annotations,
}

/// What the annotation passes find in an article: its body's entities, quotations and dates,
/// and the names in its headline, dateline and outlet.
///
/// A body in another language (the record marks it `other`: under a fifth of its letters
/// Arabic) gets none: the passes read Arabic, and on an English page the tagger's guesses are
/// noise that would cost most of the page's ingest time (a crawl holds many such pages).
pub fn annotate(
    text: &str,
    title: &str,
    dateline: Option<&str>,
    source: Option<&str>,
    published: Option<&str>,
) -> khabar_nlp::Annotations {
    if khabar_text::language(text) == khabar_text::Language::Other {
        return khabar_nlp::Annotations::default();
    }
    khabar_nlp::annotate_article(
        text,
        khabar_nlp::ArticleContext {
            title,
            dateline,
            source,
            published: published.and_then(khabar_nlp::parse_day),
        },
    )
}

/// Where an ingest stands between batches.
struct StoreState {
    /// Articles given to the index writer since its last commit.
    since_commit: u64,
    /// When the index was last committed (or the ingest began).
    last_commit: std::time::Instant,
    /// The highest record key given to the index writer.
    indexed_key: i64,
}

/// A reader of `index` that follows commits made by any process (an ingest beside
/// `khabar serve`): tantivy watches the index's meta.json and reloads when it changes.
fn reader_of(index: &Index) -> Result<IndexReader, Error> {
    Ok(index
        .reader_builder()
        .reload_policy(ReloadPolicy::OnCommitWithDelay)
        .try_into()?)
}

/// The error when the annotation thread is gone (it panicked: a bug, reported as such).
fn annotation_stopped() -> Error {
    Error::Io(std::io::Error::other(
        "the annotation thread stopped unexpectedly",
    ))
}

/// One annotating thread per core for the whole of an ingest, each given a contiguous share of
/// every batch. Long-lived because the tagger remembers, per thread, what each word it has seen
/// gives (its features and their weights): threads made for each batch began every batch with
/// nothing remembered.
struct AnnotationWorkers {
    workers: Vec<Worker>,
}

/// One annotating thread: where its share of a batch goes, and where it comes back annotated.
type Worker = (
    std::sync::mpsc::Sender<Vec<Prepared>>,
    std::sync::mpsc::Receiver<Vec<Prepared>>,
);

impl AnnotationWorkers {
    fn start<'scope>(scope: &'scope std::thread::Scope<'scope, '_>) -> AnnotationWorkers {
        let workers = (0..cores())
            .map(|_| {
                let (share, inbox) = std::sync::mpsc::channel::<Vec<Prepared>>();
                let (outbox, done) = std::sync::mpsc::channel::<Vec<Prepared>>();
                scope.spawn(move || {
                    for mut part in inbox {
                        for p in &mut part {
                            annotate_prepared(p);
                        }
                        if outbox.send(part).is_err() {
                            break;
                        }
                    }
                });
                (share, done)
            })
            .collect();
        AnnotationWorkers { workers }
    }

    /// The batch annotated, in its order; `None` when a worker has stopped (it panicked: a
    /// bug, which the scope reports).
    fn annotate(&self, mut batch: Vec<Prepared>) -> Option<Vec<Prepared>> {
        let chunk = batch.len().div_ceil(self.workers.len()).max(1);
        let mut sent = 0;
        for (share, _) in &self.workers {
            if batch.is_empty() {
                break;
            }
            let rest = batch.split_off(chunk.min(batch.len()));
            share.send(std::mem::replace(&mut batch, rest)).ok()?;
            sent += 1;
        }
        for (_, done) in &self.workers[..sent] {
            batch.extend(done.recv().ok()?);
        }
        Some(batch)
    }
}

fn annotate_prepared(p: &mut Prepared) {
    let a = &p.article;
    p.annotations = annotate(
        &a.text,
        &a.title,
        a.dateline.as_deref(),
        a.source.as_deref(),
        a.published.as_deref(),
    );
}

/// The cores to use for work split across them (at most 8).
fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
}

/// Calls `f(index, item)` for every item, the items split in contiguous shares, one per core.
fn on_every_core<T: Send>(items: &mut [T], f: impl Fn(usize, &mut T) + Sync) {
    let threads = cores();
    let chunk = items.len().div_ceil(threads).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        for (n, part) in items.chunks_mut(chunk).enumerate() {
            scope.spawn(move || {
                for (i, item) in part.iter_mut().enumerate() {
                    f(n * chunk + i, item);
                }
            });
        }
    });
}

/// The index terms of an article's entities (`TYPE:key`).
fn entity_terms(a: &khabar_nlp::Annotations) -> Vec<String> {
    a.entities
        .iter()
        .map(|e| annotations::entity_term(e.ty, &e.key()))
        .collect()
}

/// Bodies shorter than this many words are hashed with their title: a one-line body ("details
/// in the video") can be shared by different articles.
const SHORT_BODY_WORDS: usize = 50;

/// The content hash being made of an article's words (see [`content_hash`]): the body's words
/// are fed to it as they are read, then [`ContentHasher::finish`] adds the title's when the
/// body is short.
#[derive(Default)]
struct ContentHasher {
    hasher: blake3::Hasher,
    body_words: usize,
}

impl ContentHasher {
    /// Adds one folded word of the body.
    fn word(&mut self, w: &str) {
        self.hasher.update(w.as_bytes());
        self.hasher.update(b" ");
        self.body_words += 1;
    }

    /// The hash, or `None` when the body had no words.
    fn finish(mut self, title: &str, word: &mut String) -> Option<blake3::Hash> {
        if self.body_words == 0 {
            return None;
        }
        if self.body_words < SHORT_BODY_WORDS {
            self.hasher.update(b"\n");
            let hasher = &mut self.hasher;
            copies::for_each_word(title, word, |w| {
                hasher.update(w.as_bytes());
                hasher.update(b" ");
            });
        }
        Some(self.hasher.finalize())
    }
}

/// The content hash of an article (BLAKE3 of its body's normalized words, so spelling variants
/// and formatting do not hide a copy; with the title's when the body is short), or `None` when
/// its text has no words.
pub fn content_hash(article: &Article) -> Option<ContentHash> {
    let mut word = String::new();
    content_hash_with(article, &mut word)
}

fn content_hash_with(article: &Article, word: &mut String) -> Option<blake3::Hash> {
    let mut hash = ContentHasher::default();
    copies::for_each_word(&article.text, word, |w| hash.word(w));
    hash.finish(&article.title, word)
}

/// The id an article is stored under: its own (corpus) id when it has one, else one derived
/// from its content hash (`k` and 16 hex digits), the same wherever and whenever it arrives.
pub fn article_id(article: &Article, hash: &blake3::Hash) -> String {
    match &article.id {
        Some(id) if !id.trim().is_empty() => id.trim().to_owned(),
        _ => format!("k{}", &hash.to_hex()[..16]),
    }
}

/// Gives the article its content hash and its id.
fn prepare(article: Article, origin: String, word: &mut String) -> Result<Prepared, String> {
    // The body is read once for its content hash and its paragraphs (near-duplicate filing):
    // the same folded words, in the same order, as `content_hash_with` reads.
    let mut hash = ContentHasher::default();
    let paragraphs = copies::paragraphs_with(&article.text, |w| hash.word(w));
    let Some(hash) = hash.finish(&article.title, word) else {
        return Err("the article's text has no words".into());
    };
    let id = article_id(&article, &hash);
    Ok(Prepared {
        id,
        hash,
        paragraphs,
        origin,
        article,
        annotations: Default::default(),
    })
}

/// Bytes on disk of a file, or of every file under a directory (0 when missing).
pub fn dir_size(path: &Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => m.len(),
        Ok(m) if m.is_dir() => std::fs::read_dir(path)
            .map(|rd| rd.flatten().map(|e| dir_size(&e.path())).sum())
            .unwrap_or(0),
        _ => 0,
    }
}

/// Days since 1970-01-01 of an ISO 8601 date or date-time (its date part), if valid.
pub fn days_from_iso(s: &str) -> Option<i64> {
    let (y, m, d) = khabar_text::iso_day(s)?;
    Some(khabar_text::days_from_civil(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::days_from_iso;

    #[test]
    fn iso_dates_to_days() {
        assert_eq!(days_from_iso("1970-01-01"), Some(0));
        assert_eq!(days_from_iso("2015-08-01"), Some(16648));
        assert_eq!(days_from_iso("2015-08-01T10:00:00+03:00"), Some(16648));
        assert_eq!(days_from_iso("2016-02-29"), Some(16860));
        assert_eq!(days_from_iso("2015-02-29"), None);
        assert_eq!(days_from_iso("2015-13-01"), None);
        assert_eq!(days_from_iso("yesterday"), None);
        assert_eq!(days_from_iso("٢٠١٥-٠٨-٠١"), None);
    }

    proptest::proptest! {
        /// Ingest reads a body once for its content hash and its paragraphs: the hash must be
        /// the one `content_hash` gives (ids and duplicate detection across runs rest on it),
        /// and the paragraphs the ones near-duplicate filing reads.
        #[test]
        fn one_reading_gives_the_content_hash_and_the_paragraphs(
            text in "(\\PC{0,12}|[ \n\r\t]|كيري|وزارة|ـ|ة|\u{200F}){0,40}",
            title in "\\PC{0,20}",
        ) {
            let article = khabar_ingest::Article { title, text, ..Default::default() };
            let alone = super::content_hash(&article);
            match super::prepare(article.clone(), String::new(), &mut String::new()) {
                Ok(p) => {
                    proptest::prop_assert_eq!(Some(p.hash), alone);
                    proptest::prop_assert_eq!(p.paragraphs, super::copies::paragraphs(&article.text));
                }
                Err(_) => proptest::prop_assert!(alone.is_none()),
            }
        }
    }

    #[test]
    fn annotation_workers_annotate_every_article_in_order() {
        let speakers = [
            "جون كيري",
            "سيرجي لافروف",
            "ستيفان دي ميستورا",
            "دونالد ترامب",
            "أنطونيو غوتيريش",
        ];
        let batch = |round: usize| -> Vec<super::Prepared> {
            (0..7)
                .map(|i| {
                    let who = speakers[(i + round) % speakers.len()];
                    let article = khabar_ingest::Article {
                        title: format!("تصريح رقم {i}"),
                        published: Some("2016-12-03".into()),
                        text: format!(
                            "وقال {who} في روما إن الدبلوماسية بشأن سوريا لا تزال حية في اليوم {i}."
                        ),
                        ..Default::default()
                    };
                    super::prepare(article, format!("test:{i}"), &mut String::new()).unwrap()
                })
                .collect()
        };
        std::thread::scope(|scope| {
            let workers = super::AnnotationWorkers::start(scope);
            // Several batches through the same workers, one of a single article.
            for round in 0..3 {
                let input = if round == 2 {
                    batch(round).into_iter().take(1).collect()
                } else {
                    batch(round)
                };
                let ids: Vec<String> = input.iter().map(|p| p.id.clone()).collect();
                let done = workers.annotate(input).expect("the workers are running");
                assert_eq!(done.iter().map(|p| p.id.clone()).collect::<Vec<_>>(), ids);
                for p in &done {
                    let a = &p.article;
                    let alone = super::annotate(&a.text, &a.title, None, None, Some("2016-12-03"));
                    assert_eq!(p.annotations, alone);
                    assert!(!p.annotations.quotes.is_empty(), "{:?}", p.annotations);
                }
            }
        });
    }

    #[test]
    fn only_arabic_and_mixed_bodies_are_annotated() {
        let arabic =
            "وقال وزير الخارجية الأمريكي جون كيري في روما إن الدبلوماسية بشأن سوريا لا تزال حية.";
        let notes = super::annotate(arabic, "كيري", None, None, Some("2016-12-03"));
        assert!(
            !notes.entities.is_empty() && !notes.quotes.is_empty(),
            "{notes:?}"
        );
        // The same report in English, with an Arabic name in it: under a fifth Arabic.
        let english = "US Secretary of State John Kerry (جون كيري) said in Rome on Friday that \
                       diplomacy on Syria is still alive, according to Reuters.";
        let notes = super::annotate(english, "Kerry", None, None, Some("2016-12-03"));
        assert_eq!(notes, khabar_nlp::Annotations::default());
    }
}
