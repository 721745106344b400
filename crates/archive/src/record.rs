//! The record: every article and its metadata in SQLite, the archive's source of truth.
//!
//! One file, `khabar.sqlite`, in WAL mode so readers never wait for a writer. Articles get a
//! numeric `key` (SQLite's rowid) that the search index refers to; the user-facing `id` is the
//! corpus id when the input had one, else one derived from the content hash. The schema has a
//! version (`PRAGMA user_version`) and a list of migrations applied in order on open.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::{Error, StoredArticle};
use khabar_ingest::RelatedLink;

/// Migrations, in order; `user_version` is the number applied. Never edit one that shipped:
/// add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: articles, their alternative ids and URLs.
    "CREATE TABLE articles (
        key         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        hash        BLOB NOT NULL UNIQUE,
        url         TEXT,
        source      TEXT,
        category    TEXT,
        title       TEXT NOT NULL,
        published   TEXT,
        author      TEXT,
        dateline    TEXT,
        body        TEXT NOT NULL,
        related     TEXT NOT NULL DEFAULT '[]',
        origin      TEXT,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_published ON articles(published);
    -- Other ids under which the same content arrived (a duplicate's own id).
    CREATE TABLE aliases (
        id      TEXT PRIMARY KEY,
        article INTEGER NOT NULL REFERENCES articles(key)
    ) WITHOUT ROWID;
    -- Every URL an article was seen at.
    CREATE TABLE urls (
        article INTEGER NOT NULL REFERENCES articles(key),
        url     TEXT NOT NULL,
        PRIMARY KEY (article, url)
    ) WITHOUT ROWID;",
    // 2: the language of the body (`ar`, `other`, `mixed`): pages in other languages are kept
    // but flagged. Articles stored before this migration have none (NULL).
    "ALTER TABLE articles ADD COLUMN language TEXT;",
    // 3: entities, their mentions, quotations and dates (see the annotations module).
    crate::annotations::MIGRATION,
    // 4: near-duplicate signatures, LSH bands, copy groups, paragraph counts (see copies.rs).
    crate::copies::MIGRATION,
    // 5: story threads (see threads.rs).
    crate::threads::MIGRATION,
    // 6: the time bucket leads the keys of the near-duplicate tables (see copies.rs).
    crate::copies::MIGRATION_BUCKETS,
    // 7: the day leads the key of the thread keys (see threads.rs).
    crate::threads::MIGRATION_DAY_FIRST,
    // 8: the words of entity keys, for finding entities by name (see annotations.rs).
    crate::annotations::MIGRATION_ENTITY_WORDS,
    // 9: a search reads each hit's other ids: by article, an index seek, not a scan of every
    // alias (a fifth of the server's time on a 400,000-article archive without it).
    "CREATE INDEX IF NOT EXISTS aliases_article ON aliases(article);",
];

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// What happened to one article offered to the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored under this key.
    Stored(i64),
    /// The same content is already stored, under this id.
    Duplicate(String),
    /// The id is already used by an article with other content.
    IdConflict,
}

/// An article ready to store: the fields, its id and its content hash.
pub struct NewArticle<'a> {
    pub id: &'a str,
    pub hash: &'a [u8],
    pub article: &'a khabar_ingest::Article,
    pub origin: String,
    /// Entities, quotations and dates of the body, stored with it.
    /// `None`: stored unannotated, for `khabar annotate` to do later.
    pub annotations: Option<&'a khabar_nlp::Annotations>,
    /// The body's paragraphs as near-duplicate filing reads them, if already read (ingest reads
    /// them with the content hash); `None`: read when filed.
    pub paragraphs: Option<&'a [crate::copies::Paragraph]>,
}

/// The SQLite connection and the statements the archive runs.
pub struct Record {
    conn: Connection,
    entity_ids: crate::annotations::EntityIds,
    /// Estimated containment at which an article is a copy of another.
    pub copy_threshold: f64,
    /// Key overlap at which an article joins another's story thread.
    pub thread_threshold: f64,
    /// Whether stored articles are filed among copies and story threads.
    pub linking: bool,
}

/// Files a stored article among copies and then story threads (a copy joins its original's
/// thread), reading its entities from what the record holds: ingest and [`Record::relink`]
/// file an article the same way. `thresholds` are the copy and the thread threshold; `filing`
/// is what this transaction learnt so far (one per transaction).
#[allow(clippy::too_many_arguments)]
fn link(
    tx: &rusqlite::Transaction<'_>,
    filing: &mut Filing,
    key: i64,
    title: &str,
    (body, paragraphs): (&str, Option<&[crate::copies::Paragraph]>),
    source: Option<&str>,
    published: Option<&str>,
    (copy, thread): (f64, f64),
) -> Result<(), Error> {
    // The body's paragraphs, read now unless ingest read them with the content hash.
    let read;
    let paragraphs = match paragraphs {
        Some(p) => p,
        None => {
            read = crate::copies::paragraphs(body);
            &read
        }
    };
    let copy_of =
        crate::copies::file_article(tx, &mut filing.0, key, paragraphs, source, published, copy)?;
    let entities = crate::threads::stored_entity_keys(tx, key)?;
    crate::threads::file_article(
        tx,
        &mut filing.1,
        key,
        title,
        body,
        published,
        &entities,
        copy_of,
        thread,
    )?;
    Ok(())
}

/// What linking learns within one transaction (see [`crate::copies::Filing`]).
type Filing = (crate::copies::Filing, crate::threads::Filing);

/// What linking reads of a stored article: key, title, body, source, published.
type LinkInput = (i64, String, String, Option<String>, Option<String>);

const ARTICLE_COLUMNS: &str =
    "key, id, url, source, category, title, published, author, dateline, body, related, origin, ingested_at, language";

/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 128;

/// Makes every statement khabar runs prepared once per connection: a cache with room for all
/// of them, and SQLite's query planner stability guarantee, so that a statement's plan no
/// longer depends on the values bound to it and a cached statement is never prepared again.
///
/// Without it, the bundled SQLite (built with STAT4) marks a statement's parameters as ones
/// whose values might change its plan (an equality beside an ORDER BY, a LIMIT, a bound
/// value next to an index), and rusqlite clears a statement's bindings when it goes back to
/// the cache, which expires such a statement: every reuse was parsed and planned again
/// (`sqlite3Reprepare` on each step). That was 4 % of a search's time at a million articles,
/// and the near-duplicate and story-thread lookups of every ingested article went through the
/// same. khabar keeps no STAT4 statistics, so no plan is lost.
fn prepare_once(conn: &Connection) -> Result<(), Error> {
    // Room for every statement khabar runs (about sixty): rusqlite keeps sixteen by default,
    // and ingest alone cycles through more, so the least recently used were prepared anew
    // for every article.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

impl Record {
    /// Opens (creating when `create`) the record at `path` and brings its schema up to date.
    pub fn open(path: &Path, create: bool) -> Result<Record, Error> {
        if !create && !path.exists() {
            return Err(Error::NoArchive(
                path.parent().unwrap_or(path).to_path_buf(),
            ));
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // NORMAL in WAL mode: a commit survives a crash of the process (what SIGKILL tests);
        // only a power loss may roll back the last transactions, never corrupt the file.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A page cache of 128 MiB (SQLite's default is 2 MiB): the near-duplicate bands and
        // thread keys are inserted at random places in large B-trees, and with the default
        // cache each insert reads its pages from the file again once the archive outgrows it.
        conn.pragma_update(None, "cache_size", -131_072)?;
        prepare_once(&conn)?;
        let mut record = Record {
            conn,
            entity_ids: Default::default(),
            copy_threshold: crate::copies::DEFAULT_THRESHOLD,
            thread_threshold: crate::threads::DEFAULT_THRESHOLD,
            linking: true,
        };
        record.migrate()?;
        Ok(record)
    }

    /// Opens a read-only connection to an existing record for searches (no migration: the
    /// writer's connection did that). SQLite in WAL mode lets it read while another writes.
    pub fn open_reader(path: &Path) -> Result<Record, Error> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // 16 MiB of page cache each: readers touch the hits' rows, not the link tables.
        conn.pragma_update(None, "cache_size", -16_384)?;
        prepare_once(&conn)?;
        Ok(Record {
            conn,
            entity_ids: Default::default(),
            copy_threshold: crate::copies::DEFAULT_THRESHOLD,
            thread_threshold: crate::threads::DEFAULT_THRESHOLD,
            linking: false,
        })
    }

    fn migrate(&mut self) -> Result<(), Error> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Stores a batch in one transaction; returns what happened to each article, in order.
    /// Either the whole batch is stored or none of it.
    pub fn insert_batch(&mut self, batch: &[NewArticle<'_>]) -> Result<Vec<Outcome>, Error> {
        let thresholds = (self.copy_threshold, self.thread_threshold);
        let tx = self.conn.transaction()?;
        let mut filing = Filing::default();
        let mut outcomes = Vec::with_capacity(batch.len());
        {
            let mut by_hash = tx.prepare_cached("SELECT key, id FROM articles WHERE hash = ?1")?;
            let mut by_id = tx.prepare_cached(
                "SELECT key FROM articles WHERE id = ?1
                 UNION ALL SELECT article FROM aliases WHERE id = ?1 LIMIT 1",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO articles (id, hash, url, source, category, title, published, author,
                    dateline, body, related, origin, language)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            let mut alias =
                tx.prepare_cached("INSERT OR IGNORE INTO aliases (id, article) VALUES (?1, ?2)")?;
            let mut url =
                tx.prepare_cached("INSERT OR IGNORE INTO urls (article, url) VALUES (?1, ?2)")?;
            for new in batch {
                let a = new.article;
                let existing: Option<(i64, String)> = by_hash
                    .query_row(params![new.hash], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                // The id first: an id already naming an article may only arrive again with
                // that article's content (then it is a duplicate), never with another's.
                let taken: Option<i64> =
                    by_id.query_row(params![new.id], |r| r.get(0)).optional()?;
                match (taken, &existing) {
                    (Some(owner), Some((key, _))) if owner == *key => {}
                    (Some(_), _) => {
                        outcomes.push(Outcome::IdConflict);
                        continue;
                    }
                    (None, _) => {}
                }
                if let Some((key, stored_id)) = existing {
                    if stored_id != new.id {
                        alias.execute(params![new.id, key])?;
                    }
                    if let Some(u) = &a.url {
                        url.execute(params![key, u])?;
                    }
                    outcomes.push(Outcome::Duplicate(stored_id));
                    continue;
                }
                let related = serde_json::to_string(&a.related).unwrap_or_else(|_| "[]".into());
                insert.execute(params![
                    new.id,
                    new.hash,
                    a.url,
                    a.source,
                    a.category,
                    a.title,
                    a.published,
                    a.author,
                    a.dateline,
                    a.text,
                    related,
                    new.origin,
                    khabar_text::language(&a.text).code()
                ])?;
                let key = tx.last_insert_rowid();
                if let Some(u) = &a.url {
                    url.execute(params![key, u])?;
                }
                if let Some(notes) = new.annotations {
                    crate::annotations::insert(&tx, &mut self.entity_ids, key, notes)?;
                }
                if !self.linking {
                    outcomes.push(Outcome::Stored(key));
                    continue;
                }
                link(
                    &tx,
                    &mut filing,
                    key,
                    &a.title,
                    (&a.text, new.paragraphs),
                    a.source.as_deref(),
                    a.published.as_deref(),
                    thresholds,
                )?;
                outcomes.push(Outcome::Stored(key));
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// Files every article again among copies and story threads, from scratch, in key order
    /// (the order they arrived in): after the thresholds or the method changed. Each batch of
    /// articles is one transaction; an interrupted run leaves some articles unlinked, and
    /// running it again completes it. `progress` gets the number done.
    pub fn relink(&mut self, mut progress: impl FnMut(u64)) -> Result<u64, Error> {
        self.conn.execute_batch(
            "BEGIN;
             DELETE FROM signatures; DELETE FROM bands; DELETE FROM copies;
             DELETE FROM paragraphs; DELETE FROM outlet_paragraphs;
             DELETE FROM thread_keys; DELETE FROM thread_members; DELETE FROM threads;
             COMMIT;",
        )?;
        let thresholds = (self.copy_threshold, self.thread_threshold);
        let mut after = 0i64;
        let mut done = 0u64;
        loop {
            let tx = self.conn.transaction()?;
            let batch: Vec<LinkInput> = {
                let mut st = tx.prepare_cached(
                    "SELECT key, title, body, source, published FROM articles
                     WHERE key > ?1 ORDER BY key LIMIT 1000",
                )?;
                let rows = st.query_map(params![after], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?;
                rows.collect::<Result<_, _>>()?
            };
            let Some(last) = batch.last() else { break };
            after = last.0;
            let mut filing = Filing::default();
            for (key, title, body, source, published) in &batch {
                link(
                    &tx,
                    &mut filing,
                    *key,
                    title,
                    (body, None),
                    source.as_deref(),
                    published.as_deref(),
                    thresholds,
                )?;
            }
            tx.commit()?;
            done += batch.len() as u64;
            progress(done);
        }
        Ok(done)
    }

    /// The connection, for the queries of the annotation tables.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Replaces the annotations of the articles given, in one transaction.
    pub fn store_annotations(
        &mut self,
        batch: &[(i64, khabar_nlp::Annotations)],
    ) -> Result<(), Error> {
        let tx = self.conn.transaction()?;
        for (key, a) in batch {
            crate::annotations::store(&tx, &mut self.entity_ids, *key, a)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The article with this id (or alias), if stored.
    pub fn by_id(&self, id: &str) -> Result<Option<StoredArticle>, Error> {
        let key: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT key FROM articles WHERE id = ?1
                 UNION ALL SELECT article FROM aliases WHERE id = ?1 LIMIT 1",
            )?
            .query_row(params![id], |r| r.get(0))
            .optional()?;
        match key {
            Some(k) => self.by_key(k),
            None => Ok(None),
        }
    }

    /// The article stored under `key`, if any.
    pub fn by_key(&self, key: i64) -> Result<Option<StoredArticle>, Error> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE key = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let article = stmt.query_row(params![key], row_to_article).optional()?;
        match article {
            Some(mut a) => {
                a.urls = self.urls(a.key)?;
                Ok(Some(a))
            }
            None => Ok(None),
        }
    }

    /// The id of the article stored under `key`.
    pub fn id_of(&self, key: i64) -> Result<Option<String>, Error> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE key = ?1")?
            .query_row(params![key], |r| r.get(0))
            .optional()?)
    }

    /// The other ids under which the content stored at `key` arrived.
    pub fn aliases(&self, key: i64) -> Result<Vec<String>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM aliases WHERE article = ?1 ORDER BY id")?;
        let ids = stmt
            .query_map(params![key], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    fn urls(&self, key: i64) -> Result<Vec<String>, Error> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT url FROM urls WHERE article = ?1 ORDER BY url")?;
        let urls = stmt
            .query_map(params![key], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(urls)
    }

    /// Calls `f` with every article (and its entities' index terms) whose key is above `after`, in key order.
    pub fn for_each_after(
        &self,
        after: i64,
        mut f: impl FnMut(StoredArticle, Vec<String>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE key > ?1 ORDER BY key");
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params![after])?;
        while let Some(row) = rows.next()? {
            let article = row_to_article(row)?;
            let entities = crate::annotations::index_terms(&self.conn, article.key)?;
            f(article, entities)?;
        }
        Ok(())
    }

    /// The highest key stored (0 when empty).
    pub fn max_key(&self) -> Result<i64, Error> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(key), 0) FROM articles", [], |r| {
                r.get(0)
            })?)
    }

    /// Number of articles stored.
    pub fn count(&self) -> Result<u64, Error> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Articles per source, most first.
    pub fn sources(&self) -> Result<Vec<(String, u64)>, Error> {
        let mut stmt = self.conn.prepare(
            "SELECT COALESCE(source, ''), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The earliest and latest publication dates (ISO strings), if any article has one.
    pub fn date_range(&self) -> Result<Option<(String, String)>, Error> {
        let (lo, hi): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT MIN(published), MAX(published) FROM articles WHERE published IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(lo.zip(hi))
    }
}

fn row_to_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredArticle> {
    let related: String = r.get(10)?;
    Ok(StoredArticle {
        key: r.get(0)?,
        id: r.get(1)?,
        url: r.get(2)?,
        source: r.get(3)?,
        category: r.get(4)?,
        title: r.get(5)?,
        published: r.get(6)?,
        author: r.get(7)?,
        dateline: r.get(8)?,
        text: r.get(9)?,
        related: serde_json::from_str::<Vec<RelatedLink>>(&related).unwrap_or_default(),
        origin: r.get(11)?,
        ingested_at: r.get(12)?,
        language: r.get(13)?,
        urls: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cached statement is prepared once, whatever values are bound to it from one use to the
    /// next (see [`prepare_once`]).
    #[test]
    fn cached_statements_are_not_prepared_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.sqlite");
        let writer = Record::open(&path, true).unwrap();
        let reader = Record::open_reader(&path).unwrap();
        let statements = [
            "SELECT url FROM urls WHERE article = ?1 ORDER BY url",
            "SELECT id FROM aliases WHERE article = ?1 ORDER BY id",
            "SELECT article FROM bands WHERE bucket IN (?1, ?1, ?1, ?1) AND band = ?1
             ORDER BY article DESC LIMIT ?1",
        ];
        for record in [&writer, &reader] {
            for sql in statements {
                for key in [1i64, 2, 70_000, 3] {
                    let mut stmt = record.conn.prepare_cached(sql).unwrap();
                    stmt.raw_bind_parameter(1, key).unwrap();
                    let mut rows = stmt.raw_query();
                    while rows.next().unwrap().is_some() {}
                }
                let stmt = record.conn.prepare_cached(sql).unwrap();
                assert_eq!(
                    stmt.get_status(rusqlite::StatementStatus::RePrepare),
                    0,
                    "{sql}"
                );
            }
        }
    }

    /// The statements a search runs for every hit are index seeks, never scans: their cost must
    /// not grow with the archive.
    #[test]
    fn per_hit_statements_seek_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let record = Record::open(&dir.path().join("k.sqlite"), true).unwrap();
        for sql in [
            "SELECT id FROM aliases WHERE article = 1 ORDER BY id",
            "SELECT url FROM urls WHERE article = 1 ORDER BY url",
        ] {
            let plan: Vec<String> = record
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let plan = plan.join("; ");
            assert!(
                plan.starts_with("SEARCH") && !plan.contains("SCAN"),
                "{sql}: {plan}"
            );
        }
    }

    fn wire(id: &str, published: &str, text: &str) -> khabar_ingest::Article {
        khabar_ingest::Article {
            id: Some(id.to_owned()),
            title: "الداخلية: ضبط خلية إرهابية".to_owned(),
            published: Some(published.to_owned()),
            text: text.to_owned(),
            ..Default::default()
        }
    }

    fn store(record: &mut Record, a: &khabar_ingest::Article) -> i64 {
        let hash = crate::content_hash(a).unwrap();
        let new = NewArticle {
            id: a.id.as_deref().unwrap(),
            hash: hash.as_bytes(),
            article: a,
            origin: String::new(),
            annotations: None,
            paragraphs: None,
        };
        match record.insert_batch(&[new]).unwrap().as_slice() {
            [Outcome::Stored(key)] => *key,
            other => panic!("{other:?}"),
        }
    }

    const STORY: &str = "أعلنت وزارة الداخلية اليوم القبض على خلية إرهابية تتكون من ستة أشخاص \
        في مدينة الرياض كانوا يخططون لتنفيذ عمليات تستهدف مساجد ومنشآت أمنية في عدد من المناطق.\n\
        وأوضح المتحدث الأمني للوزارة أن الأجهزة الأمنية تابعت نشاط الخلية منذ عدة أشهر قبل أن \
        تتمكن من ضبط أفرادها وبحوزتهم أسلحة ومتفجرات معدة للاستخدام في الهجمات.\n\
        وأضاف أن التحقيقات لا تزال جارية لكشف ارتباطات الخلية بتنظيمات خارجية ومصادر تمويلها.";

    /// What one batch learns of empty buckets and days is forgotten with its transaction: an
    /// article another connection (another process) stores in a bucket a batch of this one
    /// found empty is found by the next batch, as a copy's original and as its thread.
    #[test]
    fn what_a_batch_learnt_does_not_outlive_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.sqlite");
        let mut mine = Record::open(&path, true).unwrap();
        let mut other = Record::open(&path, true).unwrap();
        // This batch looks at the buckets and days around 2015-07-31, the next month's
        // (2015-08-15) among them, and finds them empty.
        let first = wire(
            "first",
            "2015-07-31",
            "افتتح أمير منطقة مكة المكرمة مشروع توسعة الطريق الدائري الثالث في جدة بتكلفة \
             تجاوزت مليار ريال، ويستوعب الطريق بعد توسعته ضعف عدد المركبات الحالي ويخفف \
             الازدحام في أحياء شمال المدينة خلال مواسم الحج والعمرة.",
        );
        store(&mut mine, &wire("unrelated", "2015-07-31", "خبر قصير جدا"));
        store(&mut mine, &first);
        // Another connection stores the original in the next month's bucket.
        let original = store(&mut other, &wire("original", "2015-08-15", STORY));
        // The copy, published the same day as the original, must be filed under it.
        let copy_text = STORY.rsplit_once('\n').unwrap().0.to_owned() + "\nالمصدر: واس";
        let copy = store(&mut mine, &wire("copy", "2015-08-15", &copy_text));
        assert_eq!(
            crate::copies::canonical_of(&mine.conn, copy).unwrap(),
            original
        );
        assert_eq!(
            crate::threads::thread_of(&mine.conn, copy).unwrap(),
            crate::threads::thread_of(&mine.conn, original).unwrap()
        );
    }

    /// Filing articles with what each transaction learns (a batch of many) gives the same
    /// copies and threads as filing each article in a transaction of its own, across bucket
    /// boundaries (articles from two months, both sides of a bucket's first day, and undated).
    #[test]
    fn filing_in_one_batch_equals_filing_one_by_one() {
        let edits = [
            "",
            "\nالمصدر: واس",
            "\nالمصدر: رويترز",
            "\nنقلا عن الصحف المحلية",
        ];
        let dates = [
            "2015-07-18",
            "2015-07-19",
            "2015-08-17",
            "2015-08-18",
            "2015-09-30",
            "",
        ];
        let mut articles = Vec::new();
        for (i, date) in dates.iter().enumerate() {
            for (j, edit) in edits.iter().enumerate() {
                let text = if j % 2 == 0 {
                    STORY.to_owned() + edit
                } else {
                    STORY.rsplit_once('\n').unwrap().0.to_owned() + edit
                };
                // A line of its own, so that no two are the same content.
                let text = format!("{text}\nالنسخة {i} من {j}");
                let mut a = wire(&format!("a{i}-{j}"), date, &text);
                if date.is_empty() {
                    a.published = None;
                }
                a.title = format!("{} {}", a.title, ["اليوم", "عاجل", "الرياض", "جدة"][j]);
                articles.push(a);
            }
        }
        let dump = |record: &Record| -> Vec<String> {
            let mut out = Vec::new();
            for sql in [
                "SELECT article || ' ' || canonical || ' ' || similarity FROM copies ORDER BY 1",
                "SELECT article || ' ' || thread || ' ' || weight FROM thread_members ORDER BY 1",
                "SELECT bucket || ' ' || band || ' ' || article FROM bands ORDER BY 1",
                "SELECT bucket || ' ' || hash || ' ' || grp FROM paragraphs ORDER BY 1",
                "SELECT bucket || ' ' || hash || ' ' || articles FROM outlet_paragraphs ORDER BY 1",
                "SELECT day || ' ' || key || ' ' || article || ' ' || thread FROM thread_keys ORDER BY 1",
                "SELECT id || ' ' || first || ' ' || last || ' ' || size FROM threads ORDER BY 1",
            ] {
                let mut st = record.conn.prepare(sql).unwrap();
                let rows = st.query_map([], |r| r.get::<_, Option<String>>(0)).unwrap();
                out.extend(rows.map(|r| r.unwrap().unwrap_or_default()));
            }
            out
        };
        let dir = tempfile::tempdir().unwrap();
        let mut batched = Record::open(&dir.path().join("a.sqlite"), true).unwrap();
        let hashes: Vec<_> = articles
            .iter()
            .map(|a| crate::content_hash(a).unwrap())
            .collect();
        let batch: Vec<NewArticle<'_>> = articles
            .iter()
            .zip(&hashes)
            .map(|(a, h)| NewArticle {
                id: a.id.as_deref().unwrap(),
                hash: h.as_bytes(),
                article: a,
                origin: String::new(),
                annotations: None,
                paragraphs: None,
            })
            .collect();
        batched.insert_batch(&batch).unwrap();
        let mut single = Record::open(&dir.path().join("b.sqlite"), true).unwrap();
        for a in &articles {
            store(&mut single, a);
        }
        let (a, b) = (dump(&batched), dump(&single));
        assert!(a.iter().any(|r| r.contains(' ')) && !a.is_empty());
        let copies: i64 = batched
            .conn
            .query_row("SELECT count(*) FROM copies", [], |r| r.get(0))
            .unwrap();
        assert!(copies > 0, "{copies}");
        assert_eq!(a, b);
    }
}
