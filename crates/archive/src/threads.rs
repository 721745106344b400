//! Story threads: the coverage of one event across outlets and days, gathered as it arrives.
//!
//! Each article is described by a few weighted **keys**: its most distinctive word stems
//! (headline words count three times, the lead once; weight tf·idf, with idf from the
//! compiled-in news lexicon, so it needs no pass over the archive) and the people, places
//! and organisations it names. A new article is compared with the articles published within
//! [`WINDOW_DAYS`] days that share a key (an index seek per key, capped), by the weighted
//! overlap coefficient Σ min(wₐ, w_b) / min(Σwₐ, Σw_b); it joins the thread of the most similar
//! one when that reaches the threshold, else starts a thread of its own (single link, in arrival
//! order, as incremental news clustering does — Allan et al., *Topic Detection and Tracking*,
//! 1998). A copy joins the thread of the article it copies. Nothing is ever recomputed: the
//! cost of an article does not depend on the size of the archive.

use rusqlite::{params, OptionalExtension, Transaction};
use rustc_hash::FxHashMap;

use crate::Error;

/// Days before and after an article's publication in which its thread mates are looked for.
pub const WINDOW_DAYS: i64 = 2;
/// Default overlap at which an article joins a thread.
pub const DEFAULT_THRESHOLD: f64 = 0.5;
/// A thread takes articles up to this many days after its first one: single link would
/// otherwise chain a recurring item (the daily market report) into one endless thread.
pub const MAX_SPAN_DAYS: i64 = 3;
/// Word keys kept per article.
const WORD_KEYS: usize = 15;
/// Entity keys kept per article.
const ENTITY_KEYS: usize = 8;
/// Weight of one entity key.
const ENTITY_WEIGHT: f64 = 4.0;
/// Headline words count this many times.
const TITLE_WEIGHT: f64 = 3.0;
/// Words of the body read (the lead carries the event).
const LEAD_WORDS: usize = 150;
/// Articles read per key (the most recent).
const PER_KEY: i64 = 64;

/// The schema migration that adds the tables (the record's migration 5).
pub const MIGRATION: &str = "
    CREATE TABLE threads (
        id    INTEGER PRIMARY KEY,
        first TEXT,
        last  TEXT,
        size  INTEGER NOT NULL
    );
    CREATE TABLE thread_members (
        article INTEGER PRIMARY KEY REFERENCES articles(key),
        thread  INTEGER NOT NULL REFERENCES threads(id),
        -- The sum of the article's key weights.
        weight  REAL NOT NULL
    );
    CREATE INDEX thread_members_thread ON thread_members(thread);
    -- One row per key of an article, with what comparing needs: the article's total weight
    -- and its thread (fixed once filed).
    CREATE TABLE thread_keys (
        key     INTEGER NOT NULL,
        day     INTEGER NOT NULL,
        article INTEGER NOT NULL,
        weight  REAL NOT NULL,
        total   REAL NOT NULL,
        thread  INTEGER NOT NULL,
        PRIMARY KEY (key, day, article)
    ) WITHOUT ROWID;
";

/// The record's migration 7: the day leads the key of `thread_keys`, so that an archive
/// ingested roughly in order of publication inserts its keys at the end of the B-tree, in
/// pages already in the cache, rather than at a random page per key (see the copies module:
/// the same reason, the same measurement).
pub const MIGRATION_DAY_FIRST: &str = "
    CREATE TABLE thread_keys_v7 (
        day     INTEGER NOT NULL,
        key     INTEGER NOT NULL,
        article INTEGER NOT NULL,
        weight  REAL NOT NULL,
        total   REAL NOT NULL,
        thread  INTEGER NOT NULL,
        PRIMARY KEY (day, key, article)
    ) WITHOUT ROWID;
    INSERT INTO thread_keys_v7 (day, key, article, weight, total, thread)
        SELECT day, key, article, weight, total, thread FROM thread_keys;
    DROP TABLE thread_keys;
    ALTER TABLE thread_keys_v7 RENAME TO thread_keys;
";

/// A stable 63-bit hash of a key's text. Word keys (stems) and entity keys (`TYPE:key`) never
/// share a text, so one hash serves both.
fn hash(s: &str) -> i64 {
    (crate::copies::hash_str(s) >> 1) as i64
}

/// What a word gives an article's keys: its stem and its news frequency, or `None` for a word
/// that gives none (under three letters, a stopword, or without an Arabic letter).
fn key_word(word: &str) -> Option<(String, u32)> {
    let mut surface = word.to_owned();
    khabar_text::fold_ta_marbuta(&mut surface);
    let gives = surface.chars().count() >= 3
        && !khabar_text::is_stopword(&surface)
        && surface.chars().any(khabar_text::is_arabic_letter);
    gives.then(|| {
        (
            khabar_text::stem(word),
            khabar_text::lexicon_frequency(&surface),
        )
    })
}

/// What words gave [`key_word`], remembered per thread: news text is Zipfian, and the stem,
/// the stopword list and the frequency lexicon are three lookups of each word. Keyed by a
/// 64-bit hash of the folded word rather than the word, and read in place: a string key (and
/// a copy of the stem for every token) cost more than the lookups they saved (the storing
/// thread, which the whole ingest waits on, spent a sixth of its time here).
type KeyWords = FxHashMap<u64, Option<(String, u32)>>;

/// An article's keys and their weights.
pub fn keys(title: &str, body: &str, entities: &[String]) -> Vec<(i64, f64)> {
    thread_local! {
        static WORDS: std::cell::RefCell<KeyWords> = Default::default();
    }
    let mut tf: FxHashMap<String, (f64, u32)> = FxHashMap::default();
    WORDS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let mut word = String::new();
        let mut add = |text: &str, weight: f64, limit: usize| {
            let mut tokens = khabar_text::tokens(text);
            let mut read = 0;
            while read < limit && tokens.next_into(&mut word).is_some() {
                read += 1;
                if cache.len() >= 100_000 {
                    cache.clear();
                }
                let known = cache
                    .entry(crate::copies::hash_str(&word))
                    .or_insert_with(|| key_word(&word));
                let Some((stem, freq)) = known else {
                    continue;
                };
                match tf.get_mut(stem.as_str()) {
                    Some(e) => {
                        e.0 += weight;
                        e.1 = e.1.min(*freq);
                    }
                    None => {
                        tf.insert(stem.clone(), (weight, *freq));
                    }
                }
            }
        };
        add(title, TITLE_WEIGHT, usize::MAX);
        add(body, 1.0, LEAD_WORDS);
    });
    let mut words: Vec<(f64, String)> = tf
        .into_iter()
        .map(|(stem, (f, freq))| (f * (20_000.0 / (f64::from(freq) + 1.0)).ln().max(0.5), stem))
        .collect();
    words.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut out: Vec<(i64, f64)> = words
        .into_iter()
        .take(WORD_KEYS)
        .map(|(w, stem)| (hash(&stem), w))
        .collect();
    for e in entities.iter().take(ENTITY_KEYS) {
        out.push((hash(e), ENTITY_WEIGHT));
    }
    out.sort_by_key(|k| k.0);
    out.dedup_by_key(|k| k.0);
    out
}

/// What filing articles in threads learns within one transaction: which days hold keys (see
/// `copies::Occupied`, whose reasons hold here for the five days of a window: in an
/// archive filled in order of publication the days after an article's are still empty). Create
/// one per transaction, hand it to every [`file_article`] of it.
pub struct Filing {
    days: crate::copies::Occupied,
}

impl Default for Filing {
    fn default() -> Filing {
        Filing {
            days: crate::copies::Occupied::new("SELECT 1 FROM thread_keys WHERE day = ?1 LIMIT 1"),
        }
    }
}

/// Files a newly stored article in a thread: the thread of `copy_of` when it is a copy, else
/// the thread of its most similar recent article, else a new thread. Returns the thread.
/// `filing` must belong to the transaction `tx`.
#[allow(clippy::too_many_arguments)]
pub fn file_article(
    tx: &Transaction<'_>,
    filing: &mut Filing,
    key: i64,
    title: &str,
    body: &str,
    published: Option<&str>,
    entities: &[String],
    copy_of: Option<i64>,
    threshold: f64,
) -> Result<i64, Error> {
    let day = published.and_then(crate::days_from_iso);
    let mine = keys(title, body, entities);
    let total: f64 = mine.iter().map(|k| k.1).sum();
    let mut thread = match copy_of {
        Some(c) => thread_of(tx, c)?,
        None => None,
    };
    if thread.is_none() {
        if let Some(day) = day {
            thread = best_match(tx, filing, key, day, &mine, total, threshold)?;
        }
    }
    let thread = match thread {
        Some(t) => {
            tx.prepare_cached(
                "UPDATE threads SET size = size + 1,
                    first = CASE WHEN ?2 IS NOT NULL AND (first IS NULL OR ?2 < first) THEN ?2 ELSE first END,
                    last = CASE WHEN ?2 IS NOT NULL AND (last IS NULL OR ?2 > last) THEN ?2 ELSE last END
                 WHERE id = ?1",
            )?
            .execute(params![t, published])?;
            t
        }
        None => {
            tx.prepare_cached("INSERT INTO threads (first, last, size) VALUES (?1, ?1, 1)")?
                .execute(params![published])?;
            tx.last_insert_rowid()
        }
    };
    tx.prepare_cached(
        "INSERT OR REPLACE INTO thread_members (article, thread, weight) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![key, thread, total])?;
    if let Some(day) = day {
        let mut add = tx.prepare_cached(
            "INSERT OR IGNORE INTO thread_keys (key, day, article, weight, total, thread)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (k, w) in &mine {
            add.execute(params![k, day, key, w, total, thread])?;
        }
        if !mine.is_empty() {
            filing.days.fill(day);
        }
    }
    Ok(thread)
}

/// The thread of the most similar article within the window, if it is similar enough.
fn best_match(
    tx: &Transaction<'_>,
    filing: &mut Filing,
    key: i64,
    day: i64,
    mine: &[(i64, f64)],
    total: f64,
    threshold: f64,
) -> Result<Option<i64>, Error> {
    if total <= 0.0 {
        return Ok(None);
    }
    // Per candidate article: shared weight, its total weight, its thread.
    let mut overlap: FxHashMap<i64, (f64, f64, i64)> = FxHashMap::default();
    {
        // One statement per key and day, newest day first, stopping at PER_KEY articles: what
        // one statement over `day IN (…)` ordered by day and article read, without the
        // temporary table SQLite builds for an `IN` list (it cost more than the seeks), and
        // skipping the days that hold nothing (the days after an article's, when an archive
        // is filled in order).
        const _: () = assert!(WINDOW_DAYS == 2, "the days of the window are listed below");
        let mut days = Vec::with_capacity(5);
        for d in [day + 2, day + 1, day, day - 1, day - 2] {
            if filing.days.holds(tx, d)? {
                days.push(d);
            }
        }
        let mut st = tx.prepare_cached(
            "SELECT article, weight, total, thread FROM thread_keys
             WHERE day = ?1 AND key = ?2 ORDER BY article DESC LIMIT ?3",
        )?;
        for &(k, w) in mine {
            with_key(&mut st, &days, k, |other, weight, other_total, thread| {
                if other != key {
                    let e = overlap.entry(other).or_insert((0.0, other_total, thread));
                    e.0 += w.min(weight);
                }
            })?;
        }
    }
    let mut scored: Vec<(f64, i64)> = overlap
        .into_values()
        .map(|(shared, other_total, thread)| (shared / total.min(other_total).max(1e-9), thread))
        .filter(|(score, _)| *score >= threshold)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    // The best candidate whose thread started recently enough.
    let mut first_of = tx.prepare_cached("SELECT first FROM threads WHERE id = ?1")?;
    let mut best = None;
    for (score, thread) in scored {
        let first: Option<String> = first_of
            .query_row(params![thread], |r| r.get(0))
            .optional()?
            .flatten();
        let first = first
            .as_deref()
            .and_then(crate::days_from_iso)
            .unwrap_or(day);
        if (day - first).abs() <= MAX_SPAN_DAYS {
            best = Some((score, thread));
            break;
        }
    }
    Ok(best.map(|(_, t)| t))
}

/// Calls `f(article, weight, total, thread)` for the newest [`PER_KEY`] articles with the key
/// `k` in `days` (newest first), in the order `day IN (…) AND key = ? ORDER BY day DESC,
/// article DESC LIMIT` reads them. `st` reads one day's.
fn with_key(
    st: &mut rusqlite::Statement<'_>,
    days: &[i64],
    k: i64,
    mut f: impl FnMut(i64, f64, f64, i64),
) -> Result<(), Error> {
    let mut left = PER_KEY;
    for &d in days {
        if left <= 0 {
            break;
        }
        let mut rows = st.query(params![d, k, left])?;
        while let Some(row) = rows.next()? {
            left -= 1;
            f(row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        }
    }
    Ok(())
}

/// The record keys of a thread's articles.
pub fn members(conn: &rusqlite::Connection, thread: i64) -> Result<Vec<i64>, Error> {
    let mut st = conn.prepare_cached("SELECT article FROM thread_members WHERE thread = ?1")?;
    let rows = st.query_map(params![thread], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The entity keys of an article that describe its story: the people, places and
/// organisations its body names, most mentioned first.
pub fn stored_entity_keys(conn: &rusqlite::Connection, article: i64) -> Result<Vec<String>, Error> {
    let mut st = conn.prepare_cached(
        "SELECT e.type, e.key FROM mentions m JOIN entities e ON e.id = m.entity
         WHERE m.article = ?1 AND m.count > 0 AND e.type <> 'MISC'
         ORDER BY m.count DESC, e.id",
    )?;
    let rows = st.query_map(params![article], crate::annotations::term_of_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The thread of an article, if it has one.
pub fn thread_of(conn: &rusqlite::Connection, article: i64) -> Result<Option<i64>, Error> {
    Ok(conn
        .prepare_cached("SELECT thread FROM thread_members WHERE article = ?1")?
        .query_row(params![article], |r| r.get(0))
        .optional()?)
}

/// A thread as shown: its id, label (its most central headline), size, outlets and span.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Thread {
    pub id: i64,
    pub label: String,
    pub size: u64,
    /// Outlets with the number of the thread's articles from each, most first.
    pub outlets: Vec<(String, u64)>,
    pub first: Option<String>,
    pub last: Option<String>,
    /// The first and the last article's ids.
    pub first_article: Option<String>,
    pub last_article: Option<String>,
}

/// The thread `id` with its label and outlets.
pub fn thread(conn: &rusqlite::Connection, id: i64) -> Result<Option<Thread>, Error> {
    let row: Option<(Option<String>, Option<String>, i64)> = conn
        .prepare_cached("SELECT first, last, size FROM threads WHERE id = ?1")?
        .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((first, last, size)) = row else {
        return Ok(None);
    };
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.title, a.source, a.published FROM thread_members m
         JOIN articles a ON a.key = m.article WHERE m.thread = ?1
         ORDER BY a.published, a.key LIMIT 500",
    )?;
    let members: Vec<(String, String, Option<String>, Option<String>)> = st
        .query_map(params![id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut outlets: FxHashMap<String, u64> = FxHashMap::default();
    for m in &members {
        *outlets.entry(m.2.clone().unwrap_or_default()).or_default() += 1;
    }
    let mut outlets: Vec<(String, u64)> = outlets.into_iter().collect();
    outlets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(Some(Thread {
        id,
        label: central_title(members.iter().map(|m| m.1.as_str())),
        size: size.max(0) as u64,
        outlets,
        first,
        last,
        first_article: members.first().map(|m| m.0.clone()),
        last_article: members.last().map(|m| m.0.clone()),
    }))
}

/// The headline sharing the most words with the others (the first on ties).
fn central_title<'a>(titles: impl Iterator<Item = &'a str>) -> String {
    let titles: Vec<&str> = titles.collect();
    let sets: Vec<rustc_hash::FxHashSet<String>> = titles
        .iter()
        .map(|t| {
            khabar_text::tokens(t)
                .map(|w| w.stem())
                .filter(|s| !khabar_text::is_stopword(s))
                .collect()
        })
        .collect();
    let mut best = (0usize, 0usize);
    for (i, a) in sets.iter().enumerate() {
        let shared: usize = sets
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, b)| a.intersection(b).count())
            .sum();
        if shared > best.0 {
            best = (shared, i);
        }
    }
    titles.get(best.1).copied().unwrap_or("").to_owned()
}

/// The biggest threads with an article published between `from` and `to` (ISO dates).
pub fn top_threads(
    conn: &rusqlite::Connection,
    from: Option<&str>,
    to: Option<&str>,
    limit: usize,
) -> Result<Vec<Thread>, Error> {
    let mut st = conn.prepare_cached(
        "SELECT m.thread, count(*) AS n FROM thread_members m JOIN articles a ON a.key = m.article
         WHERE (?1 IS NULL OR a.published >= ?1) AND (?2 IS NULL OR substr(a.published, 1, 10) <= ?2)
         GROUP BY m.thread HAVING n > 1 ORDER BY n DESC, m.thread LIMIT ?3",
    )?;
    let ids: Vec<i64> = st
        .query_map(params![from, to, limit as i64], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(t) = thread(conn, id)? {
            out.push(t);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article's keys are its own: they do not depend on which of two words written alike
    /// but for ta marbuta and heh (وجهة نظر "point of view", وجهه "his face") the thread met
    /// first in earlier articles. (A memory keyed by the merged form gave the second the
    /// first's stem.)
    #[test]
    fn keys_do_not_depend_on_the_articles_before() {
        let title = "وجهة نظر مهاجر في سخريات الوجود";
        let body = "يعرض الكاتب وجهة نظر مهاجر عربي في المدينة الكبيرة.";
        let alone = std::thread::spawn(move || keys(title, body, &[]))
            .join()
            .unwrap();
        let after = std::thread::spawn(move || {
            keys(
                "غسل وجهه بالماء",
                "غسل الطفل وجهه بالماء البارد صباحا.",
                &[],
            );
            keys(title, body, &[])
        })
        .join()
        .unwrap();
        assert_eq!(alone, after);
        assert!(alone.len() >= 5, "{alone:?}");
    }

    /// The lookups made one day at a time, skipping empty days, read exactly the rows, in the
    /// order, that one statement over `day IN (…)` read, the cap reached within one day or
    /// across several.
    #[test]
    fn per_day_lookups_read_what_an_in_list_read() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE thread_keys (day INTEGER NOT NULL, key INTEGER NOT NULL,
                 article INTEGER NOT NULL, weight REAL NOT NULL, total REAL NOT NULL,
                 thread INTEGER NOT NULL, PRIMARY KEY (day, key, article)) WITHOUT ROWID;",
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        let mut x = 11u64;
        for i in 0..5000i64 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let day = [100, 101, 102, 104][((x >> 40) % 4) as usize];
            // Key k has about k rows a day: some under the cap, some over it.
            let key = ((x >> 20) % 90) as i64 % (1 + i % 90);
            tx.execute(
                "INSERT OR IGNORE INTO thread_keys VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![day, key, i, (i % 7) as f64, (i % 11) as f64, i / 3],
            )
            .unwrap();
        }
        let mut filing = Filing::default();
        let mut st = tx
            .prepare(
                "SELECT article, weight, total, thread FROM thread_keys
                 WHERE day = ?1 AND key = ?2 ORDER BY article DESC LIMIT ?3",
            )
            .unwrap();
        for day in [98, 101, 102, 103, 106] {
            let mut days = Vec::new();
            for d in [day + 2, day + 1, day, day - 1, day - 2] {
                if filing.days.holds(&tx, d).unwrap() {
                    days.push(d);
                }
            }
            for k in 0..92 {
                let old: Vec<(i64, f64, f64, i64)> = tx
                    .prepare(
                        "SELECT article, weight, total, thread FROM thread_keys
                         WHERE day IN (?1, ?2, ?3, ?4, ?5) AND key = ?6
                         ORDER BY day DESC, article DESC LIMIT ?7",
                    )
                    .unwrap()
                    .query_map(
                        params![day - 2, day - 1, day, day + 1, day + 2, k, PER_KEY],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                let mut new = Vec::new();
                with_key(&mut st, &days, k, |a, w, t, th| new.push((a, w, t, th))).unwrap();
                assert_eq!(old, new, "day {day}, key {k}");
            }
        }
    }
}
