//! From paths to records: telling files from directories, walking directories, choosing a
//! reader by file name (or, for a file named explicitly, by content).

use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::decompress::{open_error, open_path};
use crate::jsonl::JsonlRecords;
use crate::pipeline::{Job, Jobs};
use crate::{parse_text_page, Location, ReadOptions, Record, RecordError};

/// The kinds of file there is a reader for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Jsonl,
    TextPage,
    Html,
    Warc,
}

/// The format a file name announces: `x.jsonl`, `x.ndjson`, `x.json`, `x.txt`, each possibly
/// followed by `.gz`/`.gzip`/`.zst`/`.zstd`. Case is ignored (`NEWS.JSONL`).
pub(crate) fn format_from_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let inner = [".gz", ".gzip", ".zst", ".zstd"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(&name);
    let ext = inner.rsplit_once('.')?.1;
    match ext {
        "jsonl" | "ndjson" | "json" | "jl" => Some(Format::Jsonl),
        "txt" => Some(Format::TextPage),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "warc" => Some(Format::Warc),
        _ => None,
    }
}

/// The jobs that read a path given by the user: a file, a directory, or something missing.
pub(crate) fn read_any(path: PathBuf, opts: ReadOptions) -> Jobs {
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) => return ready(Record::file_error(path, open_error(&e))),
    };
    if meta.is_dir() {
        return walk_dir(path, opts);
    }
    match format_from_name(&path) {
        Some(format) => read_as(path, format, opts),
        None => match sniff(&path) {
            Ok(Some(format)) => read_as(path, format, opts),
            Ok(None) => {
                let what = match path.extension() {
                    Some(ext) => format!("the extension .{}", ext.to_string_lossy()),
                    None => "no extension".to_owned(),
                };
                ready(Record::file_error(
                    path,
                    RecordError::Unsupported(format!(
                        "the file has {what} and does not look like JSON Lines; supported are \
                         .jsonl, .ndjson, .json, .txt and .html files, optionally .gz or .zst"
                    )),
                ))
            }
            Err(e) => ready(Record::file_error(path, e)),
        },
    }
}

fn ready(record: Record) -> Jobs {
    Box::new(std::iter::once(Job::Ready(record)))
}

/// Every supported file under `dir`, in file-name order, each read with the reader its name
/// calls for. Hidden entries are skipped: they are editor backups, `.git`, and the like.
fn walk_dir(dir: PathBuf, opts: ReadOptions) -> Jobs {
    let walker = WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    Box::new(walker.flat_map(move |entry| -> Jobs {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_file() {
                    return Box::new(std::iter::empty());
                }
                match format_from_name(entry.path()) {
                    Some(format) => read_as(entry.into_path(), format, opts.clone()),
                    None => Box::new(std::iter::empty()),
                }
            }
            Err(e) => {
                // Unreadable subdirectory, symlink loop: tell the user and go on with the rest.
                let path = e.path().map_or_else(|| dir.clone(), Path::to_path_buf);
                let reason = match e.io_error() {
                    Some(io) => io.to_string(),
                    None => e.to_string(),
                };
                ready(Record::file_error(path, RecordError::Unreadable(reason)))
            }
        }
    }))
}

/// Decides whether a file with an unknown name is JSON Lines: its first non-whitespace byte
/// (after decompression and a BOM) is `{` (or `[`, which the JSONL reader then explains).
/// `Ok(None)` means it is not.
fn sniff(path: &Path) -> Result<Option<Format>, RecordError> {
    let mut reader = open_path(path)?;
    let mut head = Vec::with_capacity(4096);
    // Whitespace before the first `{` is allowed, but not unboundedly much.
    (&mut reader)
        .take(64 * 1024)
        .read_to_end(&mut head)
        .map_err(|e| RecordError::Io(e.to_string()))?;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err(RecordError::Empty),
        Some(b'{' | b'[') => Ok(Some(Format::Jsonl)),
        Some(_) => Ok(None),
    }
}

fn read_as(path: PathBuf, format: Format, opts: ReadOptions) -> Jobs {
    match format {
        Format::Jsonl => Box::new(JsonlRecords::new(open_path(&path), path, &opts).map(Job::Ready)),
        Format::TextPage => page_job(path, opts, page_from_bytes),
        Format::Warc => read_warc(path, &opts),
        Format::Html => page_job(path, opts, html_from_bytes),
    }
}

/// A page file (`.txt`, `.html`) as one job, read and extracted by a worker.
fn page_job(
    path: PathBuf,
    opts: ReadOptions,
    parse: fn(&[u8]) -> Result<crate::Article, RecordError>,
) -> Jobs {
    let location = Location {
        file: path.clone(),
        line: None,
        offset: None,
    };
    Box::new(std::iter::once(Job::extract(location, move || {
        read_page(path, &opts, parse)
    })))
}

/// A WARC crawl: every HTML page in it is a record, extracted by a worker; other records are
/// skipped (and counted), unreadable ones reported with their offset.
fn read_warc(path: PathBuf, opts: &ReadOptions) -> Jobs {
    use crate::warc::WarcItem;
    let reader = match open_path(&path) {
        Ok(r) => r,
        Err(e) => return ready(Record::file_error(path, e)),
    };
    let at = move |offset: u64| Location {
        file: path.clone(),
        line: None,
        offset: Some(offset),
    };
    let items = crate::warc::warc_records(reader, opts.max_record_bytes);
    Box::new(items.map(move |item| match item {
        WarcItem::Page(page) => {
            let location = at(page.offset);
            Job::extract(location.clone(), move || {
                let result = crate::html::parse_html_page(
                    &page.body,
                    page.target_uri.as_deref(),
                    page.charset.as_deref(),
                )
                .map(|mut article| {
                    if article.published.is_none() {
                        // The crawl date bounds the publication date: better than none.
                        article.published = page.date.as_deref().and_then(crate::normalize_date);
                    }
                    article
                });
                Record {
                    location,
                    raw_bytes: page.body.len() as u64,
                    result,
                }
            })
        }
        WarcItem::Skipped { offset, reason } => Job::Ready(Record {
            location: at(offset),
            raw_bytes: 0,
            result: Err(RecordError::Skipped(reason)),
        }),
        WarcItem::Error { offset, message } => Job::Ready(Record {
            location: at(offset),
            raw_bytes: 0,
            result: Err(RecordError::Io(message)),
        }),
    }))
}

/// A page (`.txt`, `.html`) is one record: read whole (up to the limit), then parsed.
fn read_page(
    path: PathBuf,
    opts: &ReadOptions,
    parse: impl Fn(&[u8]) -> Result<crate::Article, RecordError>,
) -> Record {
    let location = Location {
        file: path.clone(),
        line: None,
        offset: None,
    };
    let limit = opts.max_record_bytes;
    let (raw_bytes, result) = match open_path(&path).and_then(|r| read_bounded(r, limit)) {
        Ok(Bounded::Whole(bytes)) if bytes.iter().all(u8::is_ascii_whitespace) => {
            (bytes.len() as u64, Err(RecordError::Empty))
        }
        Ok(Bounded::Whole(bytes)) => (bytes.len() as u64, parse(&bytes)),
        Ok(Bounded::TooLong(bytes)) => (bytes, Err(RecordError::TooLong { bytes, limit })),
        Err(e) => (0, Err(e)),
    };
    Record {
        location,
        raw_bytes,
        result,
    }
}

fn html_from_bytes(bytes: &[u8]) -> Result<crate::Article, RecordError> {
    crate::html::parse_html_page(bytes, None, None)
}

fn page_from_bytes(bytes: &[u8]) -> Result<crate::Article, RecordError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(RecordError::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| RecordError::InvalidUtf8 {
        at: e.valid_up_to(),
    })?;
    parse_text_page(text)
}

enum Bounded {
    Whole(Vec<u8>),
    /// Over the limit; the total size, counted without keeping the bytes.
    TooLong(u64),
}

fn read_bounded(mut reader: Box<dyn BufRead + Send>, limit: u64) -> Result<Bounded, RecordError> {
    let corrupt = |e: io::Error| RecordError::Io(e.to_string());
    let mut bytes = Vec::new();
    (&mut reader)
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(corrupt)?;
    if bytes.len() as u64 <= limit {
        return Ok(Bounded::Whole(bytes));
    }
    let rest = io::copy(&mut reader, &mut io::sink()).map_err(corrupt)?;
    Ok(Bounded::TooLong(bytes.len() as u64 + rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names() {
        let cases = [
            ("a/news.jsonl", Some(Format::Jsonl)),
            ("news.NDJSON", Some(Format::Jsonl)),
            ("news.json.gz", Some(Format::Jsonl)),
            ("news.jsonl.zst", Some(Format::Jsonl)),
            ("page.txt", Some(Format::TextPage)),
            ("page.txt.gz", Some(Format::TextPage)),
            ("page.html", Some(Format::Html)),
            ("page.HTM.gz", Some(Format::Html)),
            ("photo.png", None),
            ("archive.gz", None),
            ("README", None),
        ];
        for (name, want) in cases {
            assert_eq!(format_from_name(Path::new(name)), want, "{name}");
        }
    }
}
