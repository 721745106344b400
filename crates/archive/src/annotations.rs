//! The record's annotation tables: entities, their mentions, quotations and dates.
//!
//! ```text
//! entities  (id, key, type, name)               one row per entity of the archive: a name's
//!                                               key (see khabar_nlp::entities::entity_key) and type
//! mentions  (article, entity, spans, count)     which articles mention it, where (byte ranges
//!                                               into the body, JSON [[start, end], …])
//! quotes    (article, start, end, kind, speaker, speaker_key, speaker_title, speaker_entity,
//!            mention_start, mention_end, cue_start, cue_end, source)
//! dates     (article, start, end, value, relative, weekday)
//! articles.annotated                            the annotation version that made the rows
//! ```
//!
//! An article's annotations are written in the transaction that stores the article, so no
//! reader sees one without the other; `khabar annotate` rewrites them all when a model changes.

use rusqlite::{params, Connection, Transaction};
use rustc_hash::FxHashMap;

use khabar_nlp::dates::DateMention;
use khabar_nlp::entities::{entity_key, Entity};
use khabar_nlp::quotes::{Quote, QuoteKind};
use khabar_nlp::{Annotations, EntityType};

use crate::Error;

/// The version of the annotation passes; articles annotated by an older one are redone by
/// `khabar annotate`. Bump when a model or a pass changes what it finds.
pub const ANNOTATION_VERSION: i64 = 6;

/// The schema migration that adds the tables (the record's migration 3).
pub const MIGRATION: &str = "
    CREATE TABLE entities (
        id   INTEGER PRIMARY KEY,
        key  TEXT NOT NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (key, type)
    );
    CREATE TABLE mentions (
        article INTEGER NOT NULL REFERENCES articles(key),
        entity  INTEGER NOT NULL REFERENCES entities(id),
        name    TEXT NOT NULL,
        spans   TEXT NOT NULL,
        count   INTEGER NOT NULL,
        PRIMARY KEY (article, entity)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_entity ON mentions(entity, article);
    CREATE TABLE quotes (
        article        INTEGER NOT NULL REFERENCES articles(key),
        start          INTEGER NOT NULL,
        end            INTEGER NOT NULL,
        kind           TEXT NOT NULL,
        speaker        TEXT,
        speaker_key    TEXT,
        speaker_title  TEXT,
        speaker_entity INTEGER REFERENCES entities(id),
        mention_start  INTEGER,
        mention_end    INTEGER,
        cue_start      INTEGER,
        cue_end        INTEGER,
        source         TEXT,
        PRIMARY KEY (article, start)
    ) WITHOUT ROWID;
    CREATE INDEX quotes_speaker ON quotes(speaker_key);
    CREATE INDEX quotes_entity ON quotes(speaker_entity);
    CREATE TABLE dates (
        article  INTEGER NOT NULL REFERENCES articles(key),
        start    INTEGER NOT NULL,
        end      INTEGER NOT NULL,
        value    TEXT,
        relative INTEGER NOT NULL,
        weekday  INTEGER,
        PRIMARY KEY (article, start)
    ) WITHOUT ROWID;
    ALTER TABLE articles ADD COLUMN annotated INTEGER;
";

/// Entity ids by type and key, so a batch does not ask SQLite for each name again. Entities
/// are never deleted, so a cached id stays right even when another process adds entities.
#[derive(Default)]
pub struct EntityIds {
    /// One map per type (in [`type_slot`]'s order): looked up by `&str`, no key
    /// copied for a name already known.
    ids: [FxHashMap<String, i64>; 4],
}

impl EntityIds {
    fn get(&mut self, tx: &Transaction<'_>, e: &Entity, key: String) -> Result<i64, Error> {
        let known = &mut self.ids[type_slot(e.ty)];
        if let Some(&id) = known.get(&key) {
            return Ok(id);
        }
        let added = tx
            .prepare_cached("INSERT OR IGNORE INTO entities (key, type, name) VALUES (?1, ?2, ?3)")?
            .execute(params![key, e.ty.as_str(), e.name])?;
        let id: i64 = tx
            .prepare_cached("SELECT id FROM entities WHERE key = ?1 AND type = ?2")?
            .query_row(params![key, e.ty.as_str()], |r| r.get(0))?;
        if added > 0 {
            let mut word = tx.prepare_cached(
                "INSERT OR IGNORE INTO entity_words (word, entity) VALUES (?1, ?2)",
            )?;
            for w in key.split(' ').filter(|w| !w.is_empty()) {
                word.execute(params![w, id])?;
            }
        }
        if known.len() > 250_000 {
            known.clear();
        }
        known.insert(key, id);
        Ok(id)
    }
}

/// Where a type's ids are kept in [`EntityIds`].
fn type_slot(ty: EntityType) -> usize {
    match ty {
        EntityType::Pers => 0,
        EntityType::Loc => 1,
        EntityType::Org => 2,
        EntityType::Misc => 3,
    }
}

fn kind_str(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
    }
}

/// Replaces the annotations of article `key` with `a`.
pub fn store(
    tx: &Transaction<'_>,
    ids: &mut EntityIds,
    key: i64,
    a: &Annotations,
) -> Result<(), Error> {
    delete(tx, key)?;
    insert(tx, ids, key, a)
}

/// Stores the annotations of article `key`, which has none: one just added to the record
/// (articles are never deleted, so a new key was never another article's).
pub fn insert(
    tx: &Transaction<'_>,
    ids: &mut EntityIds,
    key: i64,
    a: &Annotations,
) -> Result<(), Error> {
    let mut entity_ids = Vec::with_capacity(a.entities.len());
    {
        let mut mention = tx.prepare_cached(
            "INSERT OR REPLACE INTO mentions (article, entity, name, spans, count)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for e in &a.entities {
            let ekey = entity_key(&e.name);
            if ekey.is_empty() {
                entity_ids.push(None);
                continue;
            }
            let id = ids.get(tx, e, ekey)?;
            entity_ids.push(Some(id));
            let spans = serde_json::to_string(&e.mentions).expect("spans serialize");
            mention.execute(params![key, id, e.name, spans, e.mentions.len() as i64])?;
        }
    }
    let mut quote = tx.prepare_cached(
        "INSERT OR REPLACE INTO quotes (article, start, end, kind, speaker, speaker_key,
            speaker_title, speaker_entity, mention_start, mention_end, cue_start, cue_end, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for q in &a.quotes {
        let speaker_key = q.speaker.as_deref().map(entity_key);
        let entity = q.entity.and_then(|i| entity_ids.get(i).copied().flatten());
        quote.execute(params![
            key,
            q.start as i64,
            q.end as i64,
            kind_str(q.kind),
            q.speaker,
            speaker_key,
            q.speaker_title,
            entity,
            q.speaker_mention.map(|m| m.0 as i64),
            q.speaker_mention.map(|m| m.1 as i64),
            q.cue.map(|m| m.0 as i64),
            q.cue.map(|m| m.1 as i64),
            q.source,
        ])?;
    }
    let mut date = tx.prepare_cached(
        "INSERT OR REPLACE INTO dates (article, start, end, value, relative, weekday)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for d in &a.dates {
        date.execute(params![
            key,
            d.start as i64,
            d.end as i64,
            d.value,
            d.relative,
            d.weekday.map(i64::from)
        ])?;
    }
    tx.prepare_cached("UPDATE articles SET annotated = ?2 WHERE key = ?1")?
        .execute(params![key, ANNOTATION_VERSION])?;
    Ok(())
}

/// Removes the annotations of article `key`.
pub fn delete(tx: &Transaction<'_>, key: i64) -> Result<(), Error> {
    for sql in [
        "DELETE FROM mentions WHERE article = ?1",
        "DELETE FROM quotes WHERE article = ?1",
        "DELETE FROM dates WHERE article = ?1",
    ] {
        tx.prepare_cached(sql)?.execute(params![key])?;
    }
    Ok(())
}

/// The annotations stored for article `key`, in the same form the passes give them (entities
/// in order of first mention; a quote's `entity` indexes that list).
pub fn load(conn: &Connection, key: i64) -> Result<Annotations, Error> {
    let mut out = Annotations::default();
    let mut position: FxHashMap<i64, usize> = FxHashMap::default();
    {
        let mut st = conn.prepare_cached(
            "SELECT m.entity, m.name, e.type, m.spans FROM mentions m
             JOIN entities e ON e.id = m.entity WHERE m.article = ?1",
        )?;
        let rows = st.query_map(params![key], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut entities: Vec<(i64, Entity)> = Vec::new();
        for row in rows {
            let (id, name, ty, spans) = row?;
            let Some(ty) = EntityType::parse(&ty) else {
                continue;
            };
            let mentions: Vec<(usize, usize)> = serde_json::from_str(&spans).unwrap_or_default();
            entities.push((id, Entity { name, ty, mentions }));
        }
        entities.sort_by_key(|(_, e)| e.mentions.first().copied());
        for (i, (id, e)) in entities.into_iter().enumerate() {
            position.insert(id, i);
            out.entities.push(e);
        }
    }
    {
        let mut st = conn.prepare_cached(
            "SELECT start, end, kind, speaker, speaker_title, speaker_entity, mention_start,
                    mention_end, cue_start, cue_end, source
             FROM quotes WHERE article = ?1 ORDER BY start",
        )?;
        let rows = st.query_map(params![key], |r| {
            let pair = |a: Option<i64>, b: Option<i64>| Some((a? as usize, b? as usize));
            Ok(Quote {
                start: r.get::<_, i64>(0)? as usize,
                end: r.get::<_, i64>(1)? as usize,
                kind: if r.get::<_, String>(2)? == "indirect" {
                    QuoteKind::Indirect
                } else {
                    QuoteKind::Direct
                },
                speaker: r.get(3)?,
                speaker_title: r.get(4)?,
                entity: r
                    .get::<_, Option<i64>>(5)?
                    .and_then(|id| position.get(&id).copied()),
                speaker_mention: pair(r.get(6)?, r.get(7)?),
                cue: pair(r.get(8)?, r.get(9)?),
                source: r.get(10)?,
            })
        })?;
        for q in rows {
            out.quotes.push(q?);
        }
    }
    {
        let mut st = conn.prepare_cached(
            "SELECT start, end, value, relative, weekday FROM dates WHERE article = ?1 ORDER BY start",
        )?;
        let rows = st.query_map(params![key], |r| {
            Ok(DateMention {
                start: r.get::<_, i64>(0)? as usize,
                end: r.get::<_, i64>(1)? as usize,
                value: r.get(2)?,
                relative: r.get(3)?,
                weekday: r.get::<_, Option<i64>>(4)?.map(|w| w as u8),
            })
        })?;
        for d in rows {
            out.dates.push(d?);
        }
    }
    Ok(out)
}

/// The `TYPE:key` terms of an article's entities, as the index holds them.
pub fn index_terms(conn: &Connection, key: i64) -> Result<Vec<String>, Error> {
    let mut st = conn.prepare_cached(
        "SELECT e.type, e.key FROM mentions m JOIN entities e ON e.id = m.entity
         WHERE m.article = ?1",
    )?;
    let rows = st.query_map(params![key], term_of_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The index term of an entity: its type and key.
pub fn entity_term(ty: EntityType, key: &str) -> String {
    format!("{}:{key}", ty.as_str())
}

/// Entities whose key holds every word of `name`'s key, in order (لافروف finds سيرجي
/// لافروف), optionally of one type: `(id, type, key, name)`.
pub fn matching_entities(
    conn: &Connection,
    name: &str,
    ty: Option<EntityType>,
) -> Result<Vec<(i64, EntityType, String, String)>, Error> {
    let key = entity_key(name);
    if key.is_empty() {
        return Ok(Vec::new());
    }
    // The candidates are the entities with the name's first word (an index seek), then the
    // name must stand in their key whole, on word boundaries.
    let first = key.split(' ').next().unwrap_or_default();
    let mut st = conn.prepare_cached(
        "SELECT e.id, e.type, e.key, e.name FROM entity_words w JOIN entities e ON e.id = w.entity
         WHERE w.word = ?3
           AND (e.key = ?1 OR e.key LIKE ?1 || ' %' OR e.key LIKE '% ' || ?1
                OR e.key LIKE '% ' || ?1 || ' %')
           AND (?2 IS NULL OR e.type = ?2)",
    )?;
    let rows = st.query_map(params![key, ty.map(|t| t.as_str()), first], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, t, k, n) = row?;
        if let Some(t) = EntityType::parse(&t) {
            out.push((id, t, k, n));
        }
    }
    Ok(out)
}

/// The ids of the entities `name` matches (see [`matching_entities`]) as a JSON array, for
/// SQLite's `json_each`; `None` when there is no name.
fn matching_ids_json(
    conn: &Connection,
    name: Option<&str>,
    ty: Option<EntityType>,
) -> Result<Option<String>, Error> {
    let Some(name) = name else { return Ok(None) };
    let ids: Vec<i64> = matching_entities(conn, name, ty)?
        .into_iter()
        .map(|e| e.0)
        .collect();
    Ok(Some(serde_json::to_string(&ids).expect("ids serialize")))
}

/// A `TYPE:key` index term from a row whose first two columns are an entity's type and key.
pub(crate) fn term_of_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<String> {
    Ok(format!(
        "{}:{}",
        r.get::<_, String>(0)?,
        r.get::<_, String>(1)?
    ))
}

/// One quotation as `khabar quotes` lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QuoteRow {
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

/// Which quotations to list.
#[derive(Debug, Clone, Default)]
pub struct QuoteQuery {
    /// Speakers whose name holds these words (كيري finds جون كيري); `None`: everyone.
    pub speaker: Option<String>,
    /// Published on or after / before these days (ISO dates).
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// Quotations, newest first.
pub fn quotes(conn: &Connection, q: &QuoteQuery) -> Result<Vec<QuoteRow>, Error> {
    let speaker_key = q.speaker.as_deref().map(entity_key);
    let ids_json =
        matching_ids_json(conn, q.speaker.as_deref(), None)?.unwrap_or_else(|| "[]".into());
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.title, a.source, a.published, substr(CAST(a.body AS BLOB), q.start + 1, q.end - q.start),
                q.kind, q.speaker, q.speaker_title
         FROM quotes q JOIN articles a ON a.key = q.article
         WHERE (?1 IS NULL
                OR q.speaker_entity IN (SELECT value FROM json_each(?2))
                OR q.speaker_key = ?1 OR q.speaker_key LIKE ?1 || ' %'
                OR q.speaker_key LIKE '% ' || ?1 OR q.speaker_key LIKE '% ' || ?1 || ' %')
           AND (?3 IS NULL OR a.published >= ?3)
           AND (?4 IS NULL OR substr(a.published, 1, 10) <= ?4)
         ORDER BY a.published DESC, a.key DESC, q.start
         LIMIT ?5 OFFSET ?6",
    )?;
    let rows = st.query_map(
        params![
            speaker_key,
            ids_json,
            q.from,
            q.to,
            q.limit as i64,
            q.offset as i64
        ],
        |r| {
            let bytes: Vec<u8> = r.get(4)?;
            Ok(QuoteRow {
                article: r.get(0)?,
                title: r.get(1)?,
                source: r.get(2)?,
                published: r.get(3)?,
                text: String::from_utf8_lossy(&bytes).into_owned(),
                kind: r.get(5)?,
                speaker: r.get(6)?,
                speaker_title: r.get(7)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One entity as `khabar entities` lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EntityCount {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    /// Articles that mention it.
    pub articles: u64,
    /// Mentions in all.
    pub mentions: u64,
}

/// Which entities to count.
#[derive(Debug, Clone, Default)]
pub struct EntityQuery {
    pub ty: Option<EntityType>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only entities whose name holds these words.
    pub name: Option<String>,
    /// Only entities mentioned in articles that mention this one (its co-mentions), itself
    /// left out.
    pub with: Option<String>,
    pub limit: usize,
}

/// The entities mentioned in the most articles.
pub fn top_entities(conn: &Connection, q: &EntityQuery) -> Result<Vec<EntityCount>, Error> {
    let ids = matching_ids_json(conn, q.name.as_deref(), q.ty)?;
    let with = matching_ids_json(conn, q.with.as_deref(), None)?;
    let sql = "SELECT e.name, e.type, count(*) AS n, sum(m.count)
         FROM mentions m JOIN entities e ON e.id = m.entity JOIN articles a ON a.key = m.article
         WHERE (?1 IS NULL OR e.type = ?1)
           AND (?2 IS NULL OR a.published >= ?2)
           AND (?3 IS NULL OR substr(a.published, 1, 10) <= ?3)
           AND (?4 IS NULL OR m.entity IN (SELECT value FROM json_each(?4)))
           AND (?6 IS NULL OR (m.article IN (SELECT article FROM mentions
                                              WHERE entity IN (SELECT value FROM json_each(?6)))
                               AND m.entity NOT IN (SELECT value FROM json_each(?6))))
         GROUP BY m.entity ORDER BY n DESC, e.name LIMIT ?5";
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map(
        params![
            q.ty.map(|t| t.as_str()),
            q.from,
            q.to,
            ids,
            q.limit as i64,
            with
        ],
        |r| {
            Ok(EntityCount {
                name: r.get(0)?,
                ty: r.get(1)?,
                articles: r.get::<_, i64>(2)? as u64,
                mentions: r.get::<_, i64>(3)? as u64,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What the annotation passes read of a stored article.
pub struct StaleArticle {
    pub body: String,
    pub title: String,
    pub dateline: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
}

/// Keys of articles whose annotations are missing or older than [`ANNOTATION_VERSION`]
/// (all articles when `all`), above `after`, at most `limit`.
pub fn stale_articles(
    conn: &Connection,
    all: bool,
    after: i64,
    limit: usize,
) -> Result<Vec<(i64, StaleArticle)>, Error> {
    let mut st = conn.prepare_cached(
        "SELECT key, body, title, dateline, source, published FROM articles
         WHERE key > ?1 AND (?2 OR annotated IS NULL OR annotated < ?3)
         ORDER BY key LIMIT ?4",
    )?;
    let rows = st.query_map(params![after, all, ANNOTATION_VERSION, limit as i64], |r| {
        Ok((
            r.get(0)?,
            StaleArticle {
                body: r.get(1)?,
                title: r.get(2)?,
                dateline: r.get(3)?,
                source: r.get(4)?,
                published: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The name of the entity with this type and key, if there is one.
pub fn entity_name(conn: &Connection, ty: &str, key: &str) -> Result<Option<String>, Error> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached("SELECT name FROM entities WHERE key = ?1 AND type = ?2")?
        .query_row(params![key, ty], |r| r.get(0))
        .optional()?)
}

/// The record's migration 8: the words of every entity's key, so that finding the entities a
/// name matches is an index seek on its first word rather than a scan of every entity.
/// Idempotent (`IF NOT EXISTS`, `OR IGNORE`): the rows are the words of the keys, split on
/// spaces by a recursive query.
pub const MIGRATION_ENTITY_WORDS: &str = "
    CREATE TABLE IF NOT EXISTS entity_words (
        word   TEXT NOT NULL,
        entity INTEGER NOT NULL,
        PRIMARY KEY (word, entity)
    ) WITHOUT ROWID;
    WITH RECURSIVE split(entity, word, rest) AS (
        SELECT id, '', key || ' ' FROM entities
        UNION ALL
        SELECT entity, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
        FROM split WHERE rest <> ''
    )
    INSERT OR IGNORE INTO entity_words (word, entity)
        SELECT word, entity FROM split WHERE word <> '';
";

/// The ids of the entities article `key` mentions.
pub fn entity_ids(conn: &Connection, key: i64) -> Result<rustc_hash::FxHashSet<i64>, Error> {
    let mut st = conn.prepare_cached("SELECT entity FROM mentions WHERE article = ?1")?;
    let rows = st.query_map(params![key], |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
