//! The baseline: a plain tantivy index of the same articles with tantivy's default tokenizer
//! (`TEXT`: SimpleTokenizer, LowerCaser, RemoveLongFilter) over title and body, built with the
//! same writer settings as khabar's and fed the same way (readers on a thread of their own), so
//! the ratio of the two ingest rates is the cost of khabar's Arabic analysis and its record.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{Field, Schema, TEXT};
use tantivy::{doc, Index, IndexWriter, ReloadPolicy};

use khabar_ingest::{ReadOptions, Record};

use crate::corpus::Query;
use crate::latency::Latency;

/// Memory for the writer's indexing buffers: the same as khabar's.
const WRITER_HEAP: usize = 256 * 1024 * 1024;

/// What the baseline ingest did.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineIngest {
    /// Seconds from the first record read to the end of the durable commit.
    pub secs: f64,
    /// Records read.
    pub read: u64,
    /// Documents indexed (every record that is an article).
    pub indexed: u64,
    /// Decompressed bytes read.
    pub bytes: u64,
}

/// A built baseline index, ready for queries.
pub struct Baseline {
    index: Index,
    title: Field,
    body: Field,
    /// Where it is.
    pub dir: PathBuf,
}

/// Threads for an index writer: as khabar chooses them (the cores, at most 4).
fn writer_threads() -> usize {
    crate::sys::cores().clamp(1, 4)
}

/// Builds the baseline index of `corpus` in the (new) directory `dir`.
pub fn ingest(corpus: &Path, dir: &Path) -> Result<(Baseline, BaselineIngest)> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let started = Instant::now();
    let mut schema = Schema::builder();
    let title = schema.add_text_field("title", TEXT);
    let body = schema.add_text_field("body", TEXT);
    let index = Index::create_in_dir(dir, schema.build())?;
    let mut writer: IndexWriter = index.writer_with_num_threads(writer_threads(), WRITER_HEAP)?;

    let (tx, rx) = mpsc::sync_channel::<Record>(1024);
    let paths = vec![corpus.to_path_buf()];
    let reader = std::thread::spawn(move || {
        for r in khabar_ingest::read_paths(&paths, &ReadOptions::default()) {
            if tx.send(r).is_err() {
                break;
            }
        }
    });
    let (mut read, mut indexed, mut bytes) = (0u64, 0u64, 0u64);
    for rec in rx {
        read += 1;
        bytes += rec.raw_bytes;
        if let Ok(a) = rec.result {
            writer.add_document(doc!(title => a.title, body => a.text))?;
            indexed += 1;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = started.elapsed().as_secs_f64();
    if reader.join().is_err() {
        anyhow::bail!("the baseline's reader thread panicked");
    }
    Ok((
        Baseline {
            index,
            title,
            body,
            dir: dir.to_path_buf(),
        },
        BaselineIngest {
            secs,
            read,
            indexed,
            bytes,
        },
    ))
}

/// A title as plain words for tantivy's query parser: every character that is not a letter or
/// digit (and so a token separator for the default tokenizer anyway) becomes a space, and the
/// text is lower-cased, so nothing in a headline reads as query syntax (quotes, `:`, `-`,
/// `AND`). The parser's default is OR, as khabar's plain queries.
fn plain(title: &str) -> String {
    title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_lowercase()
}

impl Baseline {
    /// Runs every query once to warm up, then again timed, single-threaded: parse with a
    /// `QueryParser` over title and body, then top 10 by score and the total count (the same
    /// collectors as khabar's search).
    pub fn query_latency(&self, queries: &[Query]) -> Result<Latency> {
        let reader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let parser = QueryParser::for_index(&self.index, vec![self.title, self.body]);
        let texts: Vec<String> = queries.iter().map(|q| plain(&q.title)).collect();
        let run = |timed: bool| -> Result<Vec<Duration>> {
            let mut times = Vec::with_capacity(texts.len());
            for text in &texts {
                let t = Instant::now();
                let searcher = reader.searcher();
                let (query, _) = parser.parse_query_lenient(text);
                let collector = (TopDocs::with_limit(10).order_by_score(), Count);
                let (top, total) = searcher.search(&query, &collector)?;
                std::hint::black_box((top, total));
                if timed {
                    times.push(t.elapsed());
                }
            }
            Ok(times)
        };
        run(false)?;
        Ok(Latency::of(&run(true)?))
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn titles_become_plain_words() {
        assert_eq!(
            plain("بريطانيا: أربعة \"محاور\""),
            "بريطانيا  أربعة  محاور "
        );
        assert_eq!(plain("Obama AND Putin-talks"), "obama and putin talks");
    }
}
