//! `khabar verify`: does the archive hold together? The record's own integrity, every article's
//! text against its content hash, the index's files against their checksums, and the record and
//! the index holding the same articles.
//!
//! An index that lags its record is not an inconsistency: articles stored after the index's last
//! commit (a writer killed between the two commits, say) are indexed by the next writer to open
//! the archive. It is noted, not reported as a problem. What the invariants forbid is reported:
//! an index ahead of its record (a document with no article), an article at or below the key
//! the index's last commit says it covers that the index lacks, a document indexed twice.

use rustc_hash::FxHashSet;

use crate::{Archive, Error};

/// What [`Archive::verify`] found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Verification {
    /// Articles in the record.
    pub articles: u64,
    /// Articles in the search index.
    pub indexed: u64,
    /// Every inconsistency found, described for a person; empty when the archive is sound.
    pub problems: Vec<String>,
    /// What is not a problem but worth knowing: articles stored after the index's last commit,
    /// not indexed yet (the next writer to open the archive indexes them).
    pub notes: Vec<String>,
}

impl Verification {
    /// Whether nothing is wrong.
    pub fn is_consistent(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Ids named in a problem before "and N more".
const NAMED: usize = 5;

impl Archive {
    /// Checks the archive without changing it (see [`Verification`]).
    pub fn verify(&self) -> Result<Verification, Error> {
        let mut v = Verification::default();
        let mut in_record: FxHashSet<i64> = FxHashSet::default();
        {
            let record = self.read_record()?;
            let conn = record.conn();
            let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            if check != "ok" {
                v.problems
                    .push(format!("the record (SQLite) is damaged: {check}"));
            }
            let mut st = conn.prepare("SELECT key, id, hash, title, body FROM articles")?;
            let mut rows = st.query([])?;
            let mut altered = Vec::new();
            let mut word = String::new();
            while let Some(row) = rows.next()? {
                let key: i64 = row.get(0)?;
                let id: String = row.get(1)?;
                let hash: Vec<u8> = row.get(2)?;
                let article = khabar_ingest::Article {
                    title: row.get(3)?,
                    text: row.get(4)?,
                    ..khabar_ingest::Article::default()
                };
                in_record.insert(key);
                let now = crate::content_hash_with(&article, &mut word);
                if now.map(|h| *h.as_bytes()) != <[u8; 32]>::try_from(hash.as_slice()).ok() {
                    altered.push(id);
                }
            }
            v.articles = in_record.len() as u64;
            if !altered.is_empty() {
                v.problems.push(format!(
                    "{} article(s) whose text no longer matches its content hash: {}",
                    altered.len(),
                    named(&altered, altered.len())
                ));
            }
        }
        // What the index's last commit covers, read before the index itself: a commit in
        // between only adds documents.
        let covered = crate::index::covered(&self.index).ok().flatten();
        match self.index.validate_checksum() {
            Ok(bad) if bad.is_empty() => {}
            Ok(bad) => {
                let mut files: Vec<String> = bad.iter().map(|p| p.display().to_string()).collect();
                files.sort();
                v.problems.push(format!(
                    "search index files fail their checksum: {} (`khabar reindex` rebuilds the index)",
                    files.join(", ")
                ));
            }
            Err(e) => v.problems.push(format!(
                "the search index cannot be checked: {e} (`khabar reindex` rebuilds it)"
            )),
        }
        self.reader.reload()?;
        let searcher = self.reader.searcher();
        let mut in_index: FxHashSet<i64> = FxHashSet::default();
        let mut twice = 0u64;
        for segment in searcher.segment_readers() {
            let keys = segment.fast_fields().u64("key")?;
            let alive = segment.alive_bitset();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                match keys.first(doc) {
                    Some(k) if !in_index.insert(k as i64) => twice += 1,
                    _ => {}
                }
            }
        }
        v.indexed = in_index.len() as u64;
        if twice > 0 {
            v.problems
                .push(format!("{twice} article(s) are in the search index twice"));
        }
        // Articles the index lacks: above the key its last commit covers, they were stored
        // after it and wait for the next writer; at or below it, the index lost them.
        let (mut missing, pending): (Vec<i64>, Vec<i64>) = in_record
            .difference(&in_index)
            .copied()
            .partition(|&k| covered.is_none_or(|c| k <= c));
        if !missing.is_empty() {
            missing.sort_unstable();
            let ids = self.ids_of(&missing)?;
            v.problems.push(format!(
                "{} article(s) of the record are not in the search index: {} (opening the archive \
                 for writing, e.g. `khabar ingest`, or `khabar reindex` indexes them)",
                missing.len(),
                named(&ids, missing.len())
            ));
        }
        if !pending.is_empty() {
            v.notes.push(format!(
                "{} article(s) stored after the search index's last commit are not indexed yet \
                 (the next writer to open the archive, e.g. `khabar ingest`, indexes them)",
                pending.len()
            ));
        }
        let extra = in_index.difference(&in_record).count();
        if extra > 0 {
            v.problems.push(format!(
                "{extra} document(s) of the search index have no article in the record \
                 (`khabar reindex` rebuilds the index from the record)"
            ));
        }
        Ok(v)
    }

    /// The ids of the first few record keys (at most [`NAMED`], for a message).
    fn ids_of(&self, keys: &[i64]) -> Result<Vec<String>, Error> {
        let record = self.read_record()?;
        let mut ids = Vec::new();
        for &k in keys.iter().take(NAMED) {
            if let Some(id) = record.id_of(k)? {
                ids.push(id);
            }
        }
        Ok(ids)
    }
}

/// The first few of `ids` (of `total` in all), then how many more.
fn named(ids: &[String], total: usize) -> String {
    let shown = ids.len().min(NAMED);
    let mut s = ids[..shown].join(", ");
    if total > shown {
        s.push_str(&format!(" and {} more", total - shown));
    }
    s
}
