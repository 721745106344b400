//! Readers that turn what people collect (JSONL exports, plain-text page dumps; HTML and WARC
//! come later) into [`Article`]s, streamed one [`Record`] at a time.
//!
//! Every reader yields records in input order; a record is either an article or a
//! [`RecordError`] that names where it was ([`Location`]) and why it was rejected. A reader never
//! stops at a bad record: it reports it and goes on with the next one. A reader never panics,
//! whatever the bytes, and its memory does not grow with the size of the input.
//!
//! Entry points: [`read_paths`] (files and directories, as a command line names them),
//! [`read_file`], [`read_jsonl`] (any byte stream, e.g. standard input), and the pure
//! [`parse_text_page`] and [`normalize_date`].

#![warn(missing_docs)]

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod decompress;
mod fields;
pub mod html;
mod jsonl;
mod pipeline;
mod readability;
mod textpage;
mod walk;
pub mod warc;

pub use fields::{normalize_date, FieldMap, UnknownArticleField, ARTICLE_FIELDS};
pub use html::parse_html_page;
pub use textpage::parse_text_page;

/// One news article, as recovered from its input.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The id the input gives the article (a JSONL record's `id`), if any. The archive keys the
    /// article by it, so evaluation runs and scripts can refer to the article by its corpus id.
    pub id: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// The outlet (newspaper, site, agency), as the input names it.
    pub source: Option<String>,
    /// The section or category, as the input names it.
    pub category: Option<String>,
    /// The headline, without the site's tagline.
    pub title: String,
    /// Publication date-time, ISO 8601 (`2015-07-21` or `2015-07-21T02:51:32` or with an offset).
    pub published: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// The dateline or agency line that opens the body (`بلدي نيوز- (متابعات)`, `دمشق - رويترز`).
    pub dateline: Option<String>,
    /// The body: paragraphs separated by a blank line.
    pub text: String,
    /// The page's related-articles block (`مقالات ذات صلة`), kept apart from the body.
    pub related: Vec<RelatedLink>,
}

/// One entry of a page's related-articles block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedLink {
    /// The linked headline.
    pub title: String,
    /// The link target, when the input has one.
    pub url: Option<String>,
}

/// Where a record was found: the file, and the line (JSONL) or byte offset inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The input file.
    pub file: PathBuf,
    /// 1-based line number, for line-oriented inputs.
    pub line: Option<u64>,
    /// Byte offset of the record's start in the (decompressed) input.
    pub offset: Option<u64>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        } else if let Some(offset) = self.offset {
            write!(f, " @{offset}")?;
        }
        Ok(())
    }
}

/// One unit of input: an article, or the reason a record (or a whole file) could not be read,
/// with where it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Where the record was found.
    pub location: Location,
    /// Size of the record's raw (decompressed) bytes, line terminator included, for throughput
    /// reporting. Summed over a file's records it is close to the file's decompressed size
    /// (blank lines are not records and are not counted).
    pub raw_bytes: u64,
    /// The article, or why there is none.
    pub result: Result<Article, RecordError>,
}

impl Record {
    /// A record that stands for a whole file that could not be read at all.
    fn file_error(file: PathBuf, error: RecordError) -> Record {
        Record {
            location: Location {
                file,
                line: None,
                offset: None,
            },
            raw_bytes: 0,
            result: Err(error),
        }
    }
}

/// Why a record (or a whole input) was rejected. The messages are sentences meant for the
/// person who supplied the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// The record's bytes are not UTF-8; `at` is the offset of the first bad byte in the record.
    #[error("the record is not valid UTF-8 (first invalid byte at byte {at} of the record)")]
    InvalidUtf8 {
        /// Offset of the first invalid byte, from the start of the record.
        at: usize,
    },
    /// The line is not JSON.
    #[error("not valid JSON: {0}")]
    Json(String),
    /// The line is JSON, but not an object with article fields.
    #[error("the record is valid JSON but not an object; expected {{\"text\": ...}} and other article fields")]
    NotAnObject,
    /// No text field, or only an empty one.
    #[error("record has no text (its text field or page body is missing or empty)")]
    NoText,
    /// The record is larger than [`ReadOptions::max_record_bytes`]; it was skipped.
    #[error("the record is {bytes} bytes long, over the limit of {limit} bytes; it was skipped")]
    TooLong {
        /// The record's size in bytes.
        bytes: u64,
        /// The limit it exceeded.
        limit: u64,
    },
    /// The data ended early or does not decode (a truncated download, a damaged `.gz`/`.zst`).
    /// Reading that file stops here; records before it were delivered. The record's
    /// [`Location::offset`] is how far the (decompressed) data could be read.
    #[error("input is truncated or corrupt: {0}")]
    Io(String),
    /// The file or directory could not be opened or listed (permissions, say).
    #[error("the file could not be read: {0}")]
    Unreadable(String),
    /// The path does not exist.
    #[error("no such file or directory")]
    NotFound,
    /// The file is not of a kind these readers understand.
    #[error("unsupported input: {0}")]
    Unsupported(String),
    /// A record that is not an article page and is passed over on purpose (a WARC's request,
    /// image or redirect records): counted, not an error.
    #[error("skipped: {0}")]
    Skipped(String),
    /// A page from which no article could be recovered (no main text, script only, markup too
    /// deeply nested to be a news page).
    #[error("no article in this page: {0}")]
    NotArticle(String),
    /// The file holds nothing (or only blank lines).
    #[error("the file is empty: it holds no records")]
    Empty,
}

impl RecordError {
    /// A short stable name for the kind of error (`"invalid_utf8"`, `"json"`, `"too_long"`…),
    /// for counting rejects by reason in reports.
    pub fn kind(&self) -> &'static str {
        match self {
            RecordError::InvalidUtf8 { .. } => "invalid_utf8",
            RecordError::Json(_) => "json",
            RecordError::NotAnObject => "not_an_object",
            RecordError::NoText => "no_text",
            RecordError::TooLong { .. } => "too_long",
            RecordError::Io(_) => "io",
            RecordError::Unreadable(_) => "unreadable",
            RecordError::NotFound => "not_found",
            RecordError::Unsupported(_) => "unsupported",
            RecordError::NotArticle(_) => "not_article",
            RecordError::Skipped(_) => "skipped",
            RecordError::Empty => "empty",
        }
    }
}

/// How to read inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Which JSON fields feed which article fields.
    pub fields: FieldMap,
    /// Largest record (a JSONL line, a text page) accepted, in decompressed bytes; larger ones
    /// are skipped with [`RecordError::TooLong`]. It also bounds the readers' memory.
    pub max_record_bytes: u64,
}

/// Default for [`ReadOptions::max_record_bytes`]: 16 MiB, far above any real article (a long
/// one is ~100 KB) but low enough that a file with no line breaks cannot exhaust memory.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            fields: FieldMap::default(),
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

/// A stream of records, as the readers return it. It owns everything it needs (no borrow of the
/// arguments it was made from) and can be moved to another thread.
pub type Records = Box<dyn Iterator<Item = Record> + Send>;

/// Reads every input in `paths`, in order, yielding one [`Record`] at a time.
///
/// A path may be a file or a directory. Directories are walked recursively in file-name order,
/// taking every supported file and silently skipping the rest and hidden (`.`-prefixed) entries.
/// Supported files are JSON Lines (`.jsonl`, `.ndjson`, `.json`), plain-text pages (`.txt`),
/// HTML pages (`.html`, `.htm`) and WARC crawls (`.warc`), each optionally compressed (`.gz`,
/// `.zst`). A file named explicitly with another extension is read as JSON Lines if its content
/// starts with `{`, and is otherwise reported as [`RecordError::Unsupported`]. A missing path
/// yields one [`RecordError::NotFound`] record.
///
/// Reading starts at once on a thread of its own, and pages (HTML, text pages, a crawl's
/// records) are extracted on every core while the caller works on the records already yielded;
/// they still come out in input order. A few records per core are read ahead, no more, so memory
/// stays bounded by [`ReadOptions::max_record_bytes`] whatever the input size.
pub fn read_paths(paths: &[PathBuf], opts: &ReadOptions) -> Records {
    let paths = paths.to_vec();
    let opts = opts.clone();
    pipeline::ordered(
        Box::new(
            paths
                .into_iter()
                .flat_map(move |path| walk::read_any(path, opts.clone())),
        ),
        pipeline::workers(),
    )
}

/// Reads one path (see [`read_paths`] for the rules; a directory is walked the same way).
pub fn read_file(
    path: impl AsRef<Path>,
    opts: &ReadOptions,
) -> impl Iterator<Item = Record> + Send {
    pipeline::ordered(
        walk::read_any(path.as_ref().to_path_buf(), opts.clone()),
        pipeline::workers(),
    )
}

/// Reads JSON Lines from any byte stream (standard input, say), compressed or not (detected by
/// magic bytes). `name` is what record locations will call the stream (e.g. `<stdin>`).
pub fn read_jsonl(
    reader: impl Read + Send + 'static,
    name: impl Into<PathBuf>,
    opts: &ReadOptions,
) -> Records {
    Box::new(jsonl::JsonlRecords::new(
        decompress::decoded(reader, decompress::Compression::None),
        name.into(),
        opts,
    ))
}

/// Reads one HTML page held in memory (an upload, say) as one record. `name` is what the
/// record's location will call it; `url` is where the page was fetched, when known, and
/// `http_charset` the charset its HTTP response declared.
pub fn read_html(
    bytes: &[u8],
    name: impl Into<PathBuf>,
    url: Option<&str>,
    http_charset: Option<&str>,
) -> Record {
    Record {
        location: Location {
            file: name.into(),
            line: None,
            offset: None,
        },
        raw_bytes: bytes.len() as u64,
        result: html::parse_html_page(bytes, url, http_charset),
    }
}

/// Reads a WARC crawl from any byte stream, compressed or not (detected by magic bytes): one
/// record per HTML page, as [`read_paths`] reads a `.warc` file, but with its pages extracted
/// one after the other on the calling thread (a stream's consumer, a server, already runs
/// many of them side by side). `name` is what record locations will call the stream.
pub fn read_warc_stream(
    reader: impl Read + Send + 'static,
    name: impl Into<PathBuf>,
    opts: &ReadOptions,
) -> Records {
    let file: PathBuf = name.into();
    let reader = match decompress::decoded(reader, decompress::Compression::None) {
        Ok(r) => r,
        Err(e) => return Box::new(std::iter::once(Record::file_error(file, e))),
    };
    let at = move |offset: u64| Location {
        file: file.clone(),
        line: None,
        offset: Some(offset),
    };
    Box::new(
        warc::warc_records(reader, opts.max_record_bytes).map(move |item| match item {
            warc::WarcItem::Page(page) => Record {
                location: at(page.offset),
                raw_bytes: page.body.len() as u64,
                result: html::parse_html_page(
                    &page.body,
                    page.target_uri.as_deref(),
                    page.charset.as_deref(),
                )
                .map(|mut article| {
                    if article.published.is_none() {
                        // The crawl date bounds the publication date: better than none.
                        article.published = page.date.as_deref().and_then(normalize_date);
                    }
                    article
                }),
            },
            warc::WarcItem::Skipped { offset, reason } => Record {
                location: at(offset),
                raw_bytes: 0,
                result: Err(RecordError::Skipped(reason)),
            },
            warc::WarcItem::Error { offset, message } => Record {
                location: at(offset),
                raw_bytes: 0,
                result: Err(RecordError::Io(message)),
            },
        }),
    )
}
