//! The WARC reader: web archives (ISO 28500, WARC/1.0 and 1.1) → the HTML pages they hold,
//! streamed one record at a time with bounded memory.
//!
//! The reader takes the *decompressed* stream: a `.warc.gz`, whether gzipped whole or record by
//! record, decompresses to one concatenated WARC stream through flate2's `MultiGzDecoder` (the
//! caller sniffs the magic bytes, see `decompress.rs`). Every item names the byte offset of its
//! record in that stream, so a bad record can be found with `dd`/`tail -c` and reported upstream.
//!
//! # Why hand-written
//!
//! The crates that exist do not meet what khabar needs from an archive reader: the `warc` crate
//! (0.4, last released 2024-11) gives no record offsets, silently ends on a truncated header,
//! loops forever returning `Err` on a truncated gzip stream, and reads LF-only files as zero
//! records; `rust_warc` stops at the first junk byte and buffers whole records. Here every error
//! carries the offset of the record it is about, the reader resynchronises on the next record
//! after any corruption, and memory stays bounded whatever the file: a record that is not an HTML
//! page (an image, a video, a `warcinfo`) is read through in chunks, never held whole, and a page
//! is held only up to the caller's `max_record_bytes`.
//!
//! # What comes out
//!
//! One [`WarcItem`] per record, in file order: a [`WarcItem::Page`] for an HTML page (a
//! `response` with HTTP status 200 and an HTML content type, or a `resource` record of an HTML
//! type), with its HTTP payload de-chunked and decompressed; a [`WarcItem::Skipped`] for anything
//! else (requests, redirects, images…), which is normal and not an error; a [`WarcItem::Error`]
//! for a record that could not be read (truncated, damaged, over the size limit), after which
//! reading goes on at the next `WARC/1.` line. A failure of the underlying reader (a truncated
//! gzip surfaces as an `io::Error`) yields one last `Error` and ends the iteration.
//!
//! # Damage
//!
//! After a record that cannot be read, the reader scans forward for the next line that starts
//! with `WARC/1.` and goes on from there, so one bad record costs one [`WarcItem::Error`]:
//!
//! - junk where a version line should be: an error at the junk's offset, quoting it;
//! - a header with no blank line at its end, over 64 KiB, or without a usable `Content-Length`;
//! - a stream that ends inside a record (`record truncated: expected 52,311 bytes of block, the
//!   file ends after 1,204`);
//! - a `Content-Length` that lies. After every block the reader checks that what follows is a
//!   run of CR/LF and then `WARC/` or the end. If not, the length was too short (the block's tail
//!   follows) or too long (the block swallowed the start of the next record): the record is an
//!   error, and the scan restarts *from the end of its header*, so a record the block swallowed is
//!   still found. For that, a block that is being dropped keeps its bytes from the first line that
//!   starts with `WARC/1.` (if any; at most the record limit of them) until it has been checked.
//!   Junk that follows a proper separator (two line breaks) is not blamed on the record before
//!   it: that record is delivered, and the junk is an error of its own.
//!
//! A page whose record is over `max_record_bytes` is an error (a page is lost, the user must
//! hear of it); a record over the limit that is not a page (a video) is only skipped. Neither is
//! ever held in memory.
//!
//! # Leniency
//!
//! Real archives bend the format, so the reader accepts: any `WARC/1.x` version; bare-LF line
//! endings; any run of CR/LF between records (the standard is exactly CRLF CRLF); header names in
//! any case; a chunked body without its final zero-size chunk (crawlers cut long records); a body
//! declared `Content-Encoding: gzip` that is not gzip-compressed (some capture tools store the
//! decoded payload and keep the header); interim `100 Continue` responses recorded before the
//! real one.

use std::fmt;
use std::io::{self, Read};
use std::iter::FusedIterator;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use memchr::memchr;

/// How many bytes the reader asks the underlying reader for at a time.
const READ_CHUNK: usize = 64 * 1024;

/// Longest WARC header block accepted. Real headers are well under 2 KiB; a "header" that goes on
/// longer is binary data read as text after a lost record boundary.
const WARC_HEADER_CAP: usize = 64 * 1024;

/// Longest HTTP header accepted at the start of a `response` block, and how much of a block is
/// read to decide what the record is before the rest is kept or dropped.
const HTTP_HEAD_CAP: usize = 64 * 1024;

/// How much of a payload is searched for `<html` when there is no content type.
const SNIFF_LEN: usize = 512;

/// Most memory reserved up front for a page's block (more is allocated as the bytes come).
const MAX_RESERVE: u64 = 32 * 1024 * 1024;

/// Longest run of CR/LF after a block that is remembered for resynchronisation; a longer run is
/// taken as a record separator, whatever follows it.
const SEPARATOR_CAP: usize = 4096;

/// How many bytes are looked at for the excerpt in a message about junk: enough for
/// [`SNIPPET_CHARS`] characters, so that the message does not depend on how the input was split
/// into reads.
const SNIPPET_PEEK: usize = SNIPPET_CHARS * 4;

/// What every record starts with (and what resynchronisation looks for at the start of a line).
const VERSION_PREFIX: &[u8] = b"WARC/1.";

/// One record of a WARC stream, as the reader classifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarcItem {
    /// A `response` record with an HTTP 200 and an HTML payload, or a `resource` record with an
    /// HTML content type.
    Page(WarcPage),
    /// A record that is not an HTML page: counted, not an error.
    Skipped {
        /// Byte offset of the record's `WARC/` line in the decompressed stream.
        offset: u64,
        /// Why it is not a page: `"warcinfo record"`, `"HTTP status 404"`,
        /// `"HTTP status 301 (redirect to https://…)"`, `"content type image/jpeg"`…
        reason: String,
    },
    /// A record that could not be read; the reader goes on at the next `WARC/` line.
    Error {
        /// Byte offset of the record's start in the decompressed stream (for junk where a
        /// record should start, the offset of the junk).
        offset: u64,
        /// What is wrong, as a sentence for the person who supplied the file.
        message: String,
    },
}

impl WarcItem {
    /// Byte offset of the record (or junk) this item is about, in the decompressed stream.
    pub fn offset(&self) -> u64 {
        match self {
            WarcItem::Page(page) => page.offset,
            WarcItem::Skipped { offset, .. } | WarcItem::Error { offset, .. } => *offset,
        }
    }
}

/// An HTML page found in a WARC record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcPage {
    /// Byte offset of the record's `WARC/` line in the decompressed stream.
    pub offset: u64,
    /// `WARC-Record-ID`, without its angle brackets (`urn:uuid:…`).
    pub record_id: Option<String>,
    /// `WARC-Target-URI`: the page's URL (angle brackets, which some writers add, removed).
    pub target_uri: Option<String>,
    /// `WARC-Date`, as given (ISO 8601: when the page was captured, not published).
    pub date: Option<String>,
    /// The HTTP `Content-Type` (the WARC `Content-Type` for a `resource` record), media type only,
    /// lower-cased: `text/html` or `application/xhtml+xml`; `None` when the record gives none and
    /// the payload was recognised as HTML by its first bytes.
    pub content_type: Option<String>,
    /// The `charset=` parameter of that content type, lower-cased, if any.
    pub charset: Option<String>,
    /// The HTTP payload: after the HTTP headers, de-chunked and decompressed (`gzip`,
    /// `deflate`). For a `resource` record, the whole block.
    pub body: Vec<u8>,
}

/// Reads the records of a (decompressed) WARC stream; see the [module documentation](self).
///
/// `max_record_bytes` bounds the memory (a few times it, at worst): an HTML page whose record is
/// larger, or whose payload inflates to more, is reported as a [`WarcItem::Error`] and skipped
/// without being held. Records that are not pages (images, videos, requests…) are read through
/// in chunks whatever their size: only their first 64 KiB (the HTTP header) is looked at, and
/// they count against no limit.
pub fn warc_records<R: Read>(reader: R, max_record_bytes: u64) -> WarcRecords<R> {
    WarcRecords {
        src: Source::new(reader),
        limit: max_record_bytes,
        done: false,
        start: 0,
        header: Vec::new(),
        block: Vec::new(),
        rescan: Vec::new(),
        rescan_active: false,
        deferred: None,
    }
}

/// The iterator [`warc_records`] returns: one [`WarcItem`] per record, in stream order.
///
/// It never panics, whatever the bytes, and it always ends: after the end of the stream, or after
/// the first error of the underlying reader.
pub struct WarcRecords<R: Read> {
    src: Source<R>,
    limit: u64,
    /// Set at the end of the stream or after a read error: nothing more is read.
    done: bool,
    /// Offset of the record being read, for the error a failing reader produces.
    start: u64,
    /// The current record's WARC header, raw (reused between records).
    header: Vec<u8>,
    /// The current record's block, or its first `HTTP_HEAD_CAP` bytes when the rest is dropped.
    block: Vec<u8>,
    /// While a block's tail is being dropped: its bytes from the first line that starts with
    /// `WARC/1.` on. If the block turns out to have the wrong length, that is where the next
    /// record really starts, and these bytes are put back into the stream.
    rescan: Vec<u8>,
    rescan_active: bool,
    /// A read error met while looking past a complete record: reported after that record.
    deferred: Option<io::Error>,
}

impl<R: Read> fmt::Debug for WarcRecords<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WarcRecords")
            .field("position", &self.src.pos)
            .field("limit", &self.limit)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<R: Read> WarcRecords<R> {
    /// Bytes of the decompressed stream consumed so far (for throughput reporting).
    pub fn position(&self) -> u64 {
        self.src.pos
    }

    /// Memory held in buffers, for the test that a huge record is never held whole.
    #[cfg(test)]
    fn held_bytes(&self) -> usize {
        self.src.buf.capacity()
            + self.header.capacity()
            + self.block.capacity()
            + self.rescan.capacity()
    }
}

impl<R: Read> Iterator for WarcRecords<R> {
    type Item = WarcItem;

    fn next(&mut self) -> Option<WarcItem> {
        if self.done {
            return None;
        }
        match self.next_item() {
            Ok(Some(item)) => Some(item),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                // A decoder cannot be resumed after an error (and a reader that keeps failing
                // would make us loop): report once and end.
                self.done = true;
                Some(WarcItem::Error {
                    offset: self.start,
                    message: format!(
                        "the input could not be read past byte {} (truncated or corrupt \
                         compressed file?): {e}",
                        thousands(self.src.pos)
                    ),
                })
            }
        }
    }
}

impl<R: Read> FusedIterator for WarcRecords<R> {}

/// What the record's block will become, decided from its headers (and its first bytes).
enum Plan {
    Page(PagePlan),
    Skip(String),
    Fail(String),
}

/// Why a kept block did not become a page after all.
enum NotPage {
    Skip(String),
    Fail(String),
}

/// How to turn a kept block into a page body.
struct PagePlan {
    /// Where the payload starts in the block (after the HTTP header).
    payload_start: usize,
    chunked: bool,
    /// Content codings in the order they were applied (undone in reverse).
    codings: Vec<Coding>,
    content_type: Option<String>,
    charset: Option<String>,
    /// No content type was given: the decoded payload must look like HTML.
    sniff: bool,
}

/// How much of a block was read, and whether all of it is in `block`.
struct Consumed {
    got: u64,
    kept_all: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Gzip,
    Deflate,
}

/// How a WARC header block ended.
enum HeaderEnd {
    Blank,
    Eof,
    /// A line starting with `WARC/1.` came before the blank line.
    NewRecord,
    TooLong,
}

impl<R: Read> WarcRecords<R> {
    /// Reads one record. `Ok(None)` at the end of the stream; `Err` only for a failure of the
    /// underlying reader.
    fn next_item(&mut self) -> io::Result<Option<WarcItem>> {
        self.start = self.src.pos;
        if let Some(e) = self.deferred.take() {
            return Err(e);
        }
        // Between records: any run of CR/LF (the standard says exactly CRLF CRLF).
        loop {
            let avail = self.src.fill(1)?;
            if avail.is_empty() {
                return Ok(None);
            }
            let n = avail
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            let all = n == avail.len();
            self.src.consume(n);
            if !all {
                break;
            }
        }
        let start = self.src.pos;
        self.start = start;
        let fail = |message: String| {
            Ok(Some(WarcItem::Error {
                offset: start,
                message,
            }))
        };

        // Enough for the message's excerpt, so that it does not depend on read sizes.
        let avail = self.src.fill(SNIPPET_PEEK)?;
        if !avail.starts_with(VERSION_PREFIX) {
            let message = if avail.starts_with(&[0x1f, 0x8b])
                || avail.starts_with(&[0x28, 0xb5, 0x2f, 0xfd])
            {
                // The reader takes decompressed bytes; say so rather than quote binary.
                "compressed (gzip or zstd) data where a WARC record should start: the file must \
                 be decompressed before it is read, or a compressed member is damaged"
                    .to_owned()
            } else if avail.starts_with(b"WARC/") {
                format!(
                    "unsupported WARC version '{}' (this reader knows WARC/1.0 and WARC/1.1)",
                    snippet(avail)
                )
            } else {
                format!(
                    "no WARC/1.x version line at this offset: found '{}'",
                    snippet(avail)
                )
            };
            // The junk line is not a version line, so the scan moves past it.
            self.resync(false)?;
            return fail(message);
        }

        match self.read_header()? {
            HeaderEnd::Blank => {}
            HeaderEnd::Eof => {
                return fail(format!(
                    "record truncated: the file ends inside the WARC header, {} bytes after \
                     its start",
                    thousands(self.src.pos - start)
                ))
            }
            HeaderEnd::NewRecord => {
                return fail(format!(
                    "the WARC header does not end with a blank line: another record starts at \
                     byte {} before it does",
                    thousands(self.src.pos)
                ))
            }
            HeaderEnd::TooLong => {
                self.resync(false)?;
                return fail(format!(
                    "the WARC header goes on for over {} KiB without the blank line that ends it",
                    WARC_HEADER_CAP / 1024
                ));
            }
        }
        let head = parse_warc_header(&self.header);

        let len = match head.content_length.as_deref().map(parse_length) {
            Some(Some(len)) => len,
            problem => {
                let message = match (problem, &head.content_length) {
                    (Some(None), Some(value)) => format!(
                        "Content-Length '{}' is not a number, so where the record ends is unknown",
                        clip(value)
                    ),
                    _ => "the record has no Content-Length header, so where it ends is unknown"
                        .to_owned(),
                };
                // The block may hold anything; the next record is wherever the next version
                // line is.
                self.resync(true)?;
                return fail(message);
            }
        };

        let warc_type = head.warc_type.as_deref().map(str::to_ascii_lowercase);
        let (plan, consumed) = match warc_type.as_deref() {
            Some("response") => self.response(len, &head)?,
            Some("resource") => self.resource(len, &head)?,
            Some(
                kind @ ("warcinfo" | "request" | "metadata" | "revisit" | "conversion"
                | "continuation"),
            ) => {
                let reason = format!("{kind} record");
                (Plan::Skip(reason), self.drop_block(len)?)
            }
            Some(other) => {
                let reason = format!("unknown record type '{}'", clip(other));
                (Plan::Skip(reason), self.drop_block(len)?)
            }
            None => (
                Plan::Fail("the record has no WARC-Type header".to_owned()),
                self.drop_block(len)?,
            ),
        };

        if consumed.got < len {
            self.rewind(consumed.kept_all, &[]);
            self.resync(true)?;
            return fail(format!(
                "record truncated: expected {} bytes of block, the file ends after {}",
                thousands(len),
                thousands(consumed.got)
            ));
        }
        if let Some((found, separator)) = self.check_end()? {
            // The Content-Length is wrong: too short (the block's tail is read as junk) or too
            // long (the block swallowed the start of the next record). Either way the next
            // record starts at the first version line after this record's header.
            self.rewind(consumed.kept_all, &separator);
            self.resync(true)?;
            return fail(format!(
                "Content-Length {len} does not match the record: after that many bytes comes \
                 '{found}' instead of a blank line and the next record"
            ));
        }
        self.rescan.clear();
        self.rescan_active = false;

        let page = match plan {
            Plan::Skip(reason) => {
                return Ok(Some(WarcItem::Skipped {
                    offset: start,
                    reason,
                }))
            }
            Plan::Fail(message) => return fail(message),
            Plan::Page(page) => page,
        };
        let body = match self.page_body(&page) {
            Ok(body) => body,
            Err(NotPage::Skip(reason)) => {
                return Ok(Some(WarcItem::Skipped {
                    offset: start,
                    reason,
                }))
            }
            Err(NotPage::Fail(message)) => return fail(message),
        };
        Ok(Some(WarcItem::Page(WarcPage {
            offset: start,
            record_id: head.record_id.map(|id| strip_angles(&id).to_owned()),
            target_uri: head.target_uri.map(|uri| strip_angles(&uri).to_owned()),
            date: head.date,
            content_type: page.content_type,
            charset: page.charset,
            body,
        })))
    }

    /// Reads the WARC header, version line included, into `self.header`.
    fn read_header(&mut self) -> io::Result<HeaderEnd> {
        self.header.clear();
        let mut first = true;
        loop {
            if !first {
                let avail = self.src.fill(VERSION_PREFIX.len())?;
                if avail.is_empty() {
                    return Ok(HeaderEnd::Eof);
                }
                if avail.starts_with(VERSION_PREFIX) {
                    return Ok(HeaderEnd::NewRecord);
                }
            }
            let line_start = self.header.len();
            match self.src.read_line(&mut self.header, WARC_HEADER_CAP)? {
                LineEnd::Complete => {}
                LineEnd::Eof => return Ok(HeaderEnd::Eof),
                LineEnd::TooLong => return Ok(HeaderEnd::TooLong),
            }
            if !first && self.header[line_start..].trim_ascii().is_empty() {
                return Ok(HeaderEnd::Blank);
            }
            first = false;
        }
    }

    /// A `response` record: HTTP status line and headers, then the payload.
    fn response(&mut self, len: u64, head: &WarcHeader) -> io::Result<(Plan, Consumed)> {
        if let Some(ct) = head.content_type.as_deref() {
            let media = media_type(ct);
            // `application/http; msgtype=response` is the norm; DNS lookups are stored as
            // `text/dns` responses, and some tools store bare payloads.
            if !media.is_empty() && media != "application/http" {
                let reason = format!("response record of content type {}", clip(&media));
                return Ok((Plan::Skip(reason), self.drop_block(len)?));
            }
        }
        if len == 0 {
            let reason = "empty response record".to_owned();
            return Ok((Plan::Skip(reason), self.drop_block(len)?));
        }
        let got = self.read_head(len)?;
        if got < len.min(HTTP_HEAD_CAP as u64) {
            // Truncated: the caller reports it.
            return Ok((
                Plan::Skip(String::new()),
                Consumed {
                    got,
                    kept_all: true,
                },
            ));
        }
        let mut http = match parse_http_head(&self.block) {
            Ok(http) => http,
            Err(message) => return Ok((Plan::Fail(message), self.drop_rest(len)?)),
        };
        // Interim responses (`100 Continue`) may be recorded before the real one.
        while (100..200).contains(&http.status) {
            let Some(end) = http.header_end.filter(|&end| end < self.block.len()) else {
                break;
            };
            match parse_http_head(&self.block[end..]) {
                Ok(next) => {
                    http = next;
                    http.header_end = http.header_end.map(|e| e + end);
                }
                Err(message) => return Ok((Plan::Fail(message), self.drop_rest(len)?)),
            }
        }
        if http.status != 200 {
            let reason = status_reason(http.status, http.location.as_deref());
            return Ok((Plan::Skip(reason), self.drop_rest(len)?));
        }
        let Some(payload_start) = http.header_end else {
            let message = if len > HTTP_HEAD_CAP as u64 {
                format!(
                    "the HTTP header of this response goes on for over {} KiB",
                    HTTP_HEAD_CAP / 1024
                )
            } else {
                "the HTTP header of this response does not end with a blank line".to_owned()
            };
            return Ok((Plan::Fail(message), self.drop_rest(len)?));
        };
        let (content_type, charset) = match http.content_type.as_deref() {
            Some(ct) if !media_type(ct).is_empty() => (Some(media_type(ct)), charset(ct)),
            _ => (None, None),
        };
        if let Some(media) = &content_type {
            if !is_html(media) {
                let reason = format!("content type {}", clip(media));
                return Ok((Plan::Skip(reason), self.drop_rest(len)?));
            }
        }
        let codings = match parse_codings(http.content_encoding.as_deref()) {
            Ok(codings) => codings,
            Err(reason) => return Ok((Plan::Skip(reason), self.drop_rest(len)?)),
        };
        let chunked = http.transfer_encoding.as_deref().is_some_and(|te| {
            te.split(',')
                .any(|t| t.trim().eq_ignore_ascii_case("chunked"))
        });
        let mut sniff = content_type.is_none();
        if sniff && !chunked && codings.is_empty() {
            // The payload is plain bytes: decide now, before keeping (a large image with no
            // content type is then dropped, not held).
            if !looks_like_html(&self.block[payload_start..]) {
                return Ok((Plan::Skip(NOT_HTML.to_owned()), self.drop_rest(len)?));
            }
            sniff = false;
        }
        if len > self.limit {
            return Ok((Plan::Fail(self.over_limit(len)), self.drop_rest(len)?));
        }
        let consumed = self.keep_rest(len)?;
        Ok((
            Plan::Page(PagePlan {
                payload_start,
                chunked,
                codings,
                content_type,
                charset,
                sniff,
            }),
            consumed,
        ))
    }

    /// A `resource` record: the block is the document itself, typed by the WARC header.
    fn resource(&mut self, len: u64, head: &WarcHeader) -> io::Result<(Plan, Consumed)> {
        let (content_type, charset) = match head.content_type.as_deref() {
            Some(ct) if !media_type(ct).is_empty() => (Some(media_type(ct)), charset(ct)),
            _ => (None, None),
        };
        match &content_type {
            Some(media) if !is_html(media) => {
                let reason = format!("content type {}", clip(media));
                return Ok((Plan::Skip(reason), self.drop_block(len)?));
            }
            Some(_) => {
                self.block.clear();
            }
            None => {
                let got = self.read_head(len)?;
                if got < len.min(HTTP_HEAD_CAP as u64) {
                    let consumed = Consumed {
                        got,
                        kept_all: true,
                    };
                    return Ok((Plan::Skip(String::new()), consumed));
                }
                if !looks_like_html(&self.block) {
                    return Ok((Plan::Skip(NOT_HTML.to_owned()), self.drop_rest(len)?));
                }
            }
        }
        if len > self.limit {
            return Ok((Plan::Fail(self.over_limit(len)), self.drop_rest(len)?));
        }
        let consumed = self.keep_rest(len)?;
        Ok((
            Plan::Page(PagePlan {
                payload_start: 0,
                chunked: false,
                codings: Vec::new(),
                content_type,
                charset,
                sniff: false,
            }),
            consumed,
        ))
    }

    fn over_limit(&self, len: u64) -> String {
        format!(
            "record is {} bytes, over the limit of {}; it was skipped",
            thousands(len),
            thousands(self.limit)
        )
    }

    /// Reads the first bytes of the block (up to `HTTP_HEAD_CAP`) into `self.block`.
    fn read_head(&mut self, len: u64) -> io::Result<u64> {
        self.block.clear();
        let want = len.min(HTTP_HEAD_CAP as u64);
        self.src.read_into(&mut self.block, want)
    }

    /// Reads the rest of the block into `self.block` (the caller has checked it is within the
    /// limit).
    fn keep_rest(&mut self, len: u64) -> io::Result<Consumed> {
        let held = self.block.len() as u64;
        let rest = len - held;
        // Reserve once: growing by doubling would briefly need twice the memory. Not more than
        // a large page, though: with a huge limit, a lying Content-Length must not make us
        // allocate gigabytes before finding the stream too short.
        let reserve = rest.min(MAX_RESERVE);
        self.block
            .reserve_exact(usize::try_from(reserve).unwrap_or(0));
        let got = held + self.src.read_into(&mut self.block, rest)?;
        Ok(Consumed {
            got,
            kept_all: true,
        })
    }

    /// Drops a whole block.
    fn drop_block(&mut self, len: u64) -> io::Result<Consumed> {
        self.block.clear();
        self.drop_rest(len)
    }

    /// Reads the rest of the block (after what `self.block` holds) and drops it, chunk by chunk,
    /// keeping in `self.rescan` only its bytes from the first line that starts with `WARC/1.`
    /// (see [`Self::rewind`]), at most the record limit of them.
    fn drop_rest(&mut self, len: u64) -> io::Result<Consumed> {
        self.rescan.clear();
        self.rescan_active = false;
        let held = self.block.len();
        if let Some((at, complete)) = find_version_line(&self.block, held, true) {
            // A candidate in the held head: keep it and everything after it. A partial one
            // (`WAR` at the very end) is checked against the bytes that follow.
            let real = complete || {
                let needed = &VERSION_PREFIX[held - at..];
                let ahead = self.src.fill(needed.len())?;
                ahead.starts_with(needed) || needed.starts_with(ahead)
            };
            if real {
                self.rescan.extend_from_slice(&self.block[at..]);
                self.rescan_active = true;
            }
        }
        let cap = usize::try_from(self.limit)
            .unwrap_or(usize::MAX)
            .max(HTTP_HEAD_CAP);
        let mut line_start = self.block.last().is_none_or(|&b| b == b'\n');
        let mut left = len - held as u64;
        while left > 0 {
            // At least a version line's worth past the current position, so that a candidate
            // near the end of the buffer can be checked without consuming it.
            let avail = self.src.fill(VERSION_PREFIX.len() + 1)?;
            if avail.is_empty() {
                break;
            }
            let take = usize::try_from(left).map_or(avail.len(), |l| l.min(avail.len()));
            let mut used = take;
            if self.rescan_active {
                self.rescan.extend_from_slice(&avail[..take]);
            } else {
                match find_version_line(avail, take, line_start) {
                    // Partial at the end of what is buffered: look again with more bytes.
                    Some((at, false)) if at > 0 => used = at,
                    Some((at, _)) => {
                        self.rescan.extend_from_slice(&avail[at..take]);
                        self.rescan_active = true;
                    }
                    None => {}
                }
            }
            if self.rescan.len() > cap {
                // Memory comes first: the candidate is lost (only if a lying Content-Length
                // swallowed more than the limit of the following records).
                self.rescan.clear();
                self.rescan_active = false;
            }
            line_start = avail[used - 1] == b'\n';
            self.src.consume(used);
            left -= used as u64;
        }
        Ok(Consumed {
            got: len - left,
            kept_all: false,
        })
    }

    /// After a block whose length proved wrong: puts its bytes from the first line that starts
    /// with `WARC/1.` back into the stream (followed by the CR/LF `separator` read after it), so
    /// that resynchronisation finds a record the block swallowed.
    fn rewind(&mut self, kept_all: bool, separator: &[u8]) {
        let mut back = Vec::new();
        if kept_all {
            if let Some((at, _)) = find_version_line(&self.block, self.block.len(), true) {
                back.extend_from_slice(&self.block[at..]);
            }
        } else if self.rescan_active {
            back = std::mem::take(&mut self.rescan);
        }
        self.rescan.clear();
        self.rescan_active = false;
        if !back.is_empty() {
            back.extend_from_slice(separator);
            self.src.unread(&back);
        }
    }

    /// Checks what follows a block: a run of CR/LF, then the next `WARC/` or the end of the
    /// stream. Returns what was found instead (for the message) and the CR/LF run that was
    /// consumed, or `None` if all is well.
    ///
    /// A proper separator (two line breaks or more) followed by junk is accepted: the record is
    /// good, and the junk is reported on its own by the next call, at its own offset.
    fn check_end(&mut self) -> io::Result<Option<(String, Vec<u8>)>> {
        let mut run = Vec::new();
        let mut run_len = 0usize;
        let mut line_feeds = 0usize;
        loop {
            let avail = match self.src.fill(1) {
                Ok(avail) => avail,
                Err(e) => {
                    self.deferred = Some(e);
                    return Ok(None);
                }
            };
            if avail.is_empty() {
                return Ok(None);
            }
            let n = avail
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            line_feeds += avail[..n].iter().filter(|&&b| b == b'\n').count();
            if run_len + n <= SEPARATOR_CAP {
                run.extend_from_slice(&avail[..n]);
            }
            run_len += n;
            let all = n == avail.len();
            self.src.consume(n);
            if !all {
                break;
            }
        }
        let avail = match self.src.fill(SNIPPET_PEEK) {
            Ok(avail) => avail,
            Err(e) => {
                // The record itself was read whole: deliver it, and the error next time.
                self.deferred = Some(e);
                return Ok(None);
            }
        };
        if avail.is_empty()
            || avail.starts_with(b"WARC/")
            || line_feeds >= 2
            || run_len > SEPARATOR_CAP
        {
            return Ok(None);
        }
        Ok(Some((snippet(avail), run)))
    }

    /// Skips forward to the next line that starts with `WARC/1.`, or to the end of the stream.
    /// `line_start`: whether the current position is the start of a line.
    fn resync(&mut self, mut line_start: bool) -> io::Result<()> {
        loop {
            let avail = self.src.fill(VERSION_PREFIX.len() + 1)?;
            if avail.is_empty() {
                return Ok(());
            }
            match find_version_line(avail, avail.len(), line_start) {
                Some((at, true)) => {
                    self.src.consume(at);
                    return Ok(());
                }
                // Partial at the end of what is buffered: read more from there. At position 0
                // it can only be the end of the stream (`fill` would have read more).
                Some((at, false)) if at > 0 => {
                    self.src.consume(at);
                    line_start = true;
                }
                _ => {
                    let n = avail.len();
                    line_start = avail[n - 1] == b'\n';
                    self.src.consume(n);
                }
            }
        }
    }

    /// Turns the kept block into the page body: de-chunks, decompresses, and (with no content
    /// type) checks that it is HTML.
    fn page_body(&mut self, page: &PagePlan) -> Result<Vec<u8>, NotPage> {
        let mut body = std::mem::take(&mut self.block);
        body.drain(..page.payload_start.min(body.len()));
        if page.chunked {
            body = dechunk(&body).map_err(NotPage::Fail)?;
        }
        for &coding in page.codings.iter().rev() {
            body = decode(coding, body, self.limit).map_err(NotPage::Fail)?;
        }
        if page.sniff && !looks_like_html(&body) {
            return Err(NotPage::Skip(NOT_HTML.to_owned()));
        }
        Ok(body)
    }
}

const NOT_HTML: &str = "no content type, and the payload does not look like HTML";

/// The fields of a WARC header that matter here.
#[derive(Debug, Default)]
struct WarcHeader {
    warc_type: Option<String>,
    record_id: Option<String>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    content_length: Option<String>,
}

/// Parses a raw WARC header (version line first). Names are case-insensitive; the first of
/// repeated fields wins; folded continuation lines (leading space or tab) are joined.
fn parse_warc_header(raw: &[u8]) -> WarcHeader {
    let mut head = WarcHeader::default();
    // Which field the previous line set, so a continuation line can extend it.
    let mut last: Option<usize> = None;
    for line in raw.split(|&b| b == b'\n').skip(1) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.trim_ascii().is_empty() {
            break;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            if let Some(field) = last.and_then(|i| head.field_mut(i)) {
                field.push(' ');
                field.push_str(&String::from_utf8_lossy(line.trim_ascii()));
            }
            continue;
        }
        last = None;
        let Some(colon) = memchr(b':', line) else {
            continue;
        };
        let name = line[..colon].trim_ascii();
        let index = [
            &b"warc-type"[..],
            b"warc-record-id",
            b"warc-target-uri",
            b"warc-date",
            b"content-type",
            b"content-length",
        ]
        .iter()
        .position(|known| name.eq_ignore_ascii_case(known));
        if let Some(i) = index {
            if head.field_mut(i).is_none() {
                let value = String::from_utf8_lossy(line[colon + 1..].trim_ascii()).into_owned();
                head.set(i, value);
                last = Some(i);
            }
        }
    }
    head
}

impl WarcHeader {
    fn slot(&mut self, i: usize) -> &mut Option<String> {
        match i {
            0 => &mut self.warc_type,
            1 => &mut self.record_id,
            2 => &mut self.target_uri,
            3 => &mut self.date,
            4 => &mut self.content_type,
            _ => &mut self.content_length,
        }
    }

    fn field_mut(&mut self, i: usize) -> Option<&mut String> {
        self.slot(i).as_mut()
    }

    fn set(&mut self, i: usize, value: String) {
        *self.slot(i) = Some(value);
    }
}

/// A Content-Length value: decimal digits only (no sign, no spaces inside).
fn parse_length(value: &str) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// The HTTP status line and the headers that matter here.
#[derive(Debug, Default)]
struct HttpHead {
    status: u16,
    /// Offset of the payload in the block; `None` if the header's blank line was not found.
    header_end: Option<usize>,
    content_type: Option<String>,
    transfer_encoding: Option<String>,
    content_encoding: Option<String>,
    location: Option<String>,
}

/// Parses the start of a `response` block: `HTTP/1.x NNN reason`, then headers up to a blank
/// line. `Err` is a message for a block that is not an HTTP response.
fn parse_http_head(block: &[u8]) -> Result<HttpHead, String> {
    let first_end = memchr(b'\n', block).unwrap_or(block.len());
    let status_line = trim_cr(&block[..first_end]);
    if !status_line.starts_with(b"HTTP/") {
        return Err(format!(
            "the response record does not start with an HTTP status line: found '{}'",
            snippet(status_line)
        ));
    }
    let mut parts = status_line
        .split(|&b| b == b' ' || b == b'\t')
        .filter(|p| !p.is_empty());
    parts.next();
    let status = parts
        .next()
        .filter(|code| code.len() == 3 && code.iter().all(u8::is_ascii_digit))
        .and_then(|code| std::str::from_utf8(code).ok()?.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line '{}'", snippet(status_line)))?;
    let mut head = HttpHead {
        status,
        ..HttpHead::default()
    };
    let mut at = first_end + 1;
    while at < block.len() {
        let Some(nl) = memchr(b'\n', &block[at..]) else {
            break;
        };
        let line = trim_cr(&block[at..at + nl]);
        at += nl + 1;
        if line.is_empty() {
            head.header_end = Some(at);
            break;
        }
        let Some(colon) = memchr(b':', line) else {
            continue;
        };
        let name = line[..colon].trim_ascii();
        let slot = if name.eq_ignore_ascii_case(b"content-type") {
            &mut head.content_type
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            &mut head.transfer_encoding
        } else if name.eq_ignore_ascii_case(b"content-encoding") {
            &mut head.content_encoding
        } else if name.eq_ignore_ascii_case(b"location") {
            &mut head.location
        } else {
            continue;
        };
        if slot.is_none() {
            *slot = Some(String::from_utf8_lossy(line[colon + 1..].trim_ascii()).into_owned());
        }
    }
    Ok(head)
}

/// Why a non-200 response is not a page.
fn status_reason(status: u16, location: Option<&str>) -> String {
    match (status, location) {
        (304, _) => "HTTP status 304 (not modified)".to_owned(),
        (300..=399, Some(to)) if !to.is_empty() => {
            // URLs are long; quote more of them than of other values.
            format!(
                "HTTP status {status} (redirect to {})",
                snippet_of(to.as_bytes(), 300)
            )
        }
        (300..=399, _) => format!("HTTP status {status} (redirect)"),
        _ => format!("HTTP status {status}"),
    }
}

/// The content codings of a `Content-Encoding` value, in the order applied. `Err` is the
/// reason to skip a page in a coding this reader does not decode.
fn parse_codings(value: Option<&str>) -> Result<Vec<Coding>, String> {
    let mut codings = Vec::new();
    for name in value.unwrap_or("").split(',') {
        let name = name.trim().to_ascii_lowercase();
        match name.as_str() {
            "" | "identity" | "none" => {}
            "gzip" | "x-gzip" => codings.push(Coding::Gzip),
            "deflate" => codings.push(Coding::Deflate),
            "br" => return Err("content encoding br (Brotli) is not supported".to_owned()),
            other => return Err(format!("content encoding {} is not supported", clip(other))),
        }
    }
    Ok(codings)
}

/// Undoes one content coding, producing at most `limit` bytes.
fn decode(coding: Coding, data: Vec<u8>, limit: u64) -> Result<Vec<u8>, String> {
    let (name, reader): (&str, Box<dyn Read + '_>) = match coding {
        Coding::Gzip => {
            if !data.starts_with(&[0x1f, 0x8b]) {
                // Not gzip at all: a capture tool that stored the decoded payload under the
                // original header (or an empty body, for which there is nothing to undo).
                return Ok(data);
            }
            ("gzip", Box::new(MultiGzDecoder::new(&data[..])))
        }
        // HTTP's "deflate" is zlib-wrapped, but servers have long sent raw deflate too; a zlib
        // stream announces itself by a header whose 16-bit value is a multiple of 31.
        Coding::Deflate if is_zlib_header(&data) => {
            ("deflate", Box::new(ZlibDecoder::new(&data[..])))
        }
        Coding::Deflate => ("deflate", Box::new(DeflateDecoder::new(&data[..]))),
    };
    let mut out = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("the {name}-compressed body does not decompress: {e}"))?;
    if out.len() as u64 > limit {
        // A decompression bomb, or a limit too low for this page: either way, not held.
        return Err(format!(
            "the {name}-compressed body inflates to more than the limit of {} bytes",
            thousands(limit)
        ));
    }
    Ok(out)
}

fn is_zlib_header(data: &[u8]) -> bool {
    match data {
        [cmf, flg, ..] => {
            cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)).is_multiple_of(31)
        }
        _ => false,
    }
}

/// Decodes `Transfer-Encoding: chunked`. Bad sizes are errors, never panics; a body that ends
/// without the final zero-size chunk is accepted as it is (crawlers cut long records).
fn dechunk(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    let mut at = 0usize;
    while at < data.len() {
        let Some(nl) = memchr(b'\n', &data[at..]) else {
            return Err(format!(
                "chunked body: the chunk-size line at byte {at} of the payload does not end"
            ));
        };
        let line = trim_cr(&data[at..at + nl]);
        // `size;extension=value`
        let digits = line
            .split(|&b| b == b';')
            .next()
            .unwrap_or(line)
            .trim_ascii();
        let size = std::str::from_utf8(digits)
            .ok()
            .filter(|d| !d.is_empty() && d.len() <= 16)
            .and_then(|d| u64::from_str_radix(d, 16).ok())
            .ok_or_else(|| {
                format!(
                    "chunked body: bad chunk size '{}' at byte {at} of the payload",
                    snippet(line)
                )
            })?;
        at += nl + 1;
        if size == 0 {
            // Trailer fields, if any, are of no interest.
            return Ok(out);
        }
        let left = data.len() - at;
        let end = match usize::try_from(size) {
            Ok(size) if size <= left => at + size,
            _ => {
                return Err(format!(
                    "chunked body: a chunk of {} bytes at byte {at} of the payload runs past the \
                     end of the record ({} bytes left)",
                    thousands(size),
                    thousands(left as u64)
                ))
            }
        };
        out.extend_from_slice(&data[at..end]);
        at = end;
        let rest = &data[at..];
        if rest.starts_with(b"\r\n") {
            at += 2;
        } else if rest.starts_with(b"\n") {
            at += 1;
        } else if !rest.is_empty() {
            return Err(format!(
                "chunked body: no line break after the chunk that ends at byte {at} of the \
                 payload"
            ));
        }
    }
    Ok(out)
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
fn media_type(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value, lower-cased, quotes removed.
fn charset(value: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| value.to_ascii_lowercase())
    })
}

fn is_html(media: &str) -> bool {
    media == "text/html" || media == "application/xhtml+xml"
}

/// Whether a payload without a content type is HTML: `<html` or `<!doctype html` in its first
/// bytes, in any case (a BOM, whitespace or a comment may come first).
fn looks_like_html(payload: &[u8]) -> bool {
    let head = payload[..payload.len().min(SNIFF_LEN)].to_ascii_lowercase();
    memchr::memmem::find(&head, b"<html").is_some()
        || memchr::memmem::find(&head, b"<!doctype html").is_some()
}

/// The first position `i < end` in `bytes` that starts a line (`i == 0` counts if
/// `line_start`) and whose bytes are `WARC/1.`, as far as `bytes` goes. The flag says whether
/// the whole prefix was there (`false`: a partial match at the very end of `bytes`).
fn find_version_line(bytes: &[u8], end: usize, line_start: bool) -> Option<(usize, bool)> {
    let check = |i: usize| -> Option<(usize, bool)> {
        let rest = &bytes[i..];
        if rest.len() >= VERSION_PREFIX.len() {
            rest.starts_with(VERSION_PREFIX).then_some((i, true))
        } else {
            VERSION_PREFIX.starts_with(rest).then_some((i, false))
        }
    };
    let end = end.min(bytes.len());
    if line_start && end > 0 {
        if let Some(found) = check(0) {
            return Some(found);
        }
    }
    memchr::memchr_iter(b'\n', &bytes[..end])
        .map(|nl| nl + 1)
        .take_while(|&i| i < end)
        .find_map(check)
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn strip_angles(s: &str) -> &str {
    s.strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .unwrap_or(s)
}

/// The start of a line of raw bytes, for a message: at most 40 characters, control characters
/// escaped, `…` if cut.
fn snippet(bytes: &[u8]) -> String {
    snippet_of(bytes, SNIPPET_CHARS)
}

/// Characters of junk or of a header value quoted in a message.
const SNIPPET_CHARS: usize = 40;

/// [`snippet`] with room for `max` characters.
fn snippet_of(bytes: &[u8], max: usize) -> String {
    let line_end = bytes
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(bytes.len());
    let line = &bytes[..line_end];
    // Four bytes a character at most: enough for `max` of them.
    let window = max * 4;
    let text = String::from_utf8_lossy(&line[..line.len().min(window)]);
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push('…');
            return out;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if line.len() > window {
        out.push('…');
    }
    out
}

/// A header value for a message, cut to a sensible length.
fn clip(value: &str) -> String {
    snippet(value.as_bytes())
}

/// `52311` → `52,311`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How reading a line went.
enum LineEnd {
    Complete,
    Eof,
    TooLong,
}

/// A buffered reader that counts the offset of every byte, lets bytes be peeked before they
/// are consumed, and lets consumed bytes be put back (for resynchronisation).
struct Source<R> {
    inner: R,
    /// `buf[head..end]` are the bytes not yet consumed; `buf[end..]` is room to read into (kept
    /// initialised, so that small reads do not zero a fresh buffer every time).
    buf: Vec<u8>,
    head: usize,
    end: usize,
    /// Offset in the stream of `buf[head]`.
    pos: u64,
    eof: bool,
}

impl<R: Read> Source<R> {
    fn new(inner: R) -> Self {
        Source {
            inner,
            buf: Vec::new(),
            head: 0,
            end: 0,
            pos: 0,
            eof: false,
        }
    }

    /// Reads once more from the underlying reader. `Ok(false)` at the end of the stream.
    fn read_more(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.head == self.end {
            self.head = 0;
            self.end = 0;
            if self.buf.len() > 4 * READ_CHUNK {
                // Grown by a large put-back; give the memory back.
                self.buf.truncate(READ_CHUNK);
                self.buf.shrink_to_fit();
            }
        }
        if self.buf.len() - self.end < READ_CHUNK / 4 {
            if self.head > 0 {
                // Only called when few bytes are left (see `fill`), so this moves little.
                self.buf.copy_within(self.head..self.end, 0);
                self.end -= self.head;
                self.head = 0;
            }
            if self.buf.len() - self.end < READ_CHUNK / 4 {
                self.buf.resize(self.end + READ_CHUNK, 0);
            }
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    // `min`: a reader that claims more than it was given must not make us
                    // index out of bounds.
                    self.end = (self.end + n).min(self.buf.len());
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The unconsumed buffered bytes: at least `n` (and at least 1) unless the stream ends
    /// first; empty only at the end of the stream.
    fn fill(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.end - self.head < n.max(1) {
            if !self.read_more()? {
                break;
            }
        }
        Ok(&self.buf[self.head..self.end])
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.head);
        self.head += n;
        self.pos += n as u64;
    }

    /// Puts back bytes that were just consumed (they must be the last ones consumed).
    fn unread(&mut self, bytes: &[u8]) {
        if bytes.len() <= self.head {
            self.head -= bytes.len();
            self.buf[self.head..self.head + bytes.len()].copy_from_slice(bytes);
        } else {
            let mut buf = Vec::with_capacity(bytes.len() + self.end - self.head + READ_CHUNK);
            buf.extend_from_slice(bytes);
            buf.extend_from_slice(&self.buf[self.head..self.end]);
            self.end = buf.len();
            buf.resize(buf.len() + READ_CHUNK, 0);
            self.buf = buf;
            self.head = 0;
        }
        self.pos = self.pos.saturating_sub(bytes.len() as u64);
    }

    /// Appends the rest of the current line, through its `\n`, to `out`, without letting `out`
    /// grow past `cap` bytes.
    fn read_line(&mut self, out: &mut Vec<u8>, cap: usize) -> io::Result<LineEnd> {
        loop {
            let avail = self.fill(1)?;
            if avail.is_empty() {
                return Ok(LineEnd::Eof);
            }
            let (n, complete) = match memchr(b'\n', avail) {
                Some(i) => (i + 1, true),
                None => (avail.len(), false),
            };
            let room = cap.saturating_sub(out.len());
            if n > room {
                out.extend_from_slice(&avail[..room]);
                self.consume(room);
                return Ok(LineEnd::TooLong);
            }
            out.extend_from_slice(&avail[..n]);
            self.consume(n);
            if complete {
                return Ok(LineEnd::Complete);
            }
        }
    }

    /// Appends up to `n` bytes to `out`; fewer only at the end of the stream. Returns how many.
    fn read_into(&mut self, out: &mut Vec<u8>, n: u64) -> io::Result<u64> {
        let mut got = 0u64;
        while got < n {
            let avail = self.fill(1)?;
            if avail.is_empty() {
                break;
            }
            let k = usize::try_from(n - got).map_or(avail.len(), |left| left.min(avail.len()));
            out.extend_from_slice(&avail[..k]);
            self.consume(k);
            got += k as u64;
        }
        Ok(got)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    use proptest::prelude::*;

    const LIMIT: u64 = 16 * 1024 * 1024;

    const ARTICLE: &str =
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head><meta charset=\"utf-8\">\
        <title>الحكومة تعلن خطة لدعم المزارعين - جريدة الخبر</title></head>\n<body><article>\
        <h1>الحكومة تعلن خطة لدعم المزارعين</h1>\n<p>عمّان - أعلنت الحكومة، اليوم الأحد، عن خطة \
        جديدة لدعم صغار المزارعين في مواجهة موجة الجفاف التي تضرب المنطقة منذ أشهر.</p>\n\
        <p>وقال وزير الزراعة إن الخطة تشمل قروضاً ميسرة وتوزيع بذور محسنة على ثلاثين ألف أسرة.</p>\
        </article></body>\n</html>\n";

    const SPORTS: &str = "<html><head><title>المنتخب يتأهل إلى نصف النهائي</title></head>\
        <body><p>الرباط - تأهل المنتخب الوطني لكرة القدم إلى الدور نصف النهائي بعد فوزه \
        بهدفين دون رد.</p></body></html>";

    /// `ارتفاع أسعار النفط` (oil prices rise) in windows-1256, as older Arabic sites serve it.
    const CP1256: &[u8] = b"<html><head><title>\xc7\xd1\xca\xdd\xc7\xda \xc3\xd3\xda\xc7\xd1 \
        \xc7\xe1\xe4\xdd\xd8</title></head><body><p>\xc7\xd1\xca\xdd\xda\xca \xc3\xd3\xda\xc7\xd1 \
        \xc7\xe1\xe4\xdd\xd8 \xdd\xed \xc7\xe1\xc3\xd3\xe6\xc7\xde \xc7\xe1\xda\xc7\xe1\xe3\xed\xc9.\
        </p></body></html>";

    /// A WARC record with `eol` line endings; `Content-Length` is added (from the block) unless
    /// `headers` has one.
    fn record_eol(eol: &str, version: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
        let mut out = format!("WARC/{version}{eol}").into_bytes();
        for (name, value) in headers {
            write!(out, "{name}: {value}{eol}").unwrap();
        }
        if !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        {
            write!(out, "Content-Length: {}{eol}", block.len()).unwrap();
        }
        out.extend_from_slice(eol.as_bytes());
        out.extend_from_slice(block);
        out.extend_from_slice(eol.repeat(2).as_bytes());
        out
    }

    fn record(version: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
        record_eol("\r\n", version, headers, block)
    }

    fn http_eol(eol: &str, status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {status}{eol}").into_bytes();
        for (name, value) in headers {
            write!(out, "{name}: {value}{eol}").unwrap();
        }
        out.extend_from_slice(eol.as_bytes());
        out.extend_from_slice(body);
        out
    }

    fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
        http_eol("\r\n", status, headers, body)
    }

    fn response(version: &str, uri: &str, http_block: &[u8]) -> Vec<u8> {
        record(
            version,
            &[
                ("WARC-Type", "response"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:6f1c2d3e-0000-4000-8000-000000000001>",
                ),
                ("WARC-Date", "2024-03-10T08:15:00Z"),
                ("WARC-Target-URI", uri),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            http_block,
        )
    }

    fn html_response(uri: &str, body: &str) -> Vec<u8> {
        response(
            "1.1",
            uri,
            &http(
                "200 OK",
                &[("Content-Type", "text/html; charset=utf-8")],
                body.as_bytes(),
            ),
        )
    }

    /// A WARC being built, remembering where each record starts.
    #[derive(Default)]
    struct Warc {
        bytes: Vec<u8>,
        offsets: Vec<u64>,
    }

    impl Warc {
        fn push(&mut self, record: &[u8]) -> u64 {
            let offset = self.bytes.len() as u64;
            self.offsets.push(offset);
            self.bytes.extend_from_slice(record);
            offset
        }
    }

    fn read(bytes: &[u8], limit: u64) -> Vec<WarcItem> {
        warc_records(Cursor::new(bytes.to_vec()), limit).collect()
    }

    fn page(item: &WarcItem) -> &WarcPage {
        match item {
            WarcItem::Page(page) => page,
            other => panic!("expected a page, got {other:?}"),
        }
    }

    fn skipped(item: &WarcItem) -> (u64, &str) {
        match item {
            WarcItem::Skipped { offset, reason } => (*offset, reason),
            other => panic!("expected a skipped record, got {other:?}"),
        }
    }

    fn error(item: &WarcItem) -> (u64, &str) {
        match item {
            WarcItem::Error { offset, message } => (*offset, message),
            other => panic!("expected an error, got {other:?}"),
        }
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(data).unwrap();
        gz.finish().unwrap()
    }

    /// Every kind of record a crawl produces, in the given WARC version.
    fn full_archive(version: &str) -> Warc {
        let mut w = Warc::default();
        w.push(&record(
            version,
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Date", "2024-03-10T08:00:00Z"),
                ("Content-Type", "application/warc-fields"),
            ],
            b"software: khabar-test/0.1\r\nformat: WARC File Format 1.1\r\n",
        ));
        w.push(&record(
            version,
            &[
                ("WARC-Type", "request"),
                ("WARC-Target-URI", "https://alkhabar.example/news/1"),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /news/1 HTTP/1.1\r\nHost: alkhabar.example\r\n\r\n",
        ));
        // Some writers put the URI in angle brackets (as the WARC/1.0 grammar suggested).
        w.push(&response(
            version,
            "<https://alkhabar.example/news/1>",
            &http(
                "200 OK",
                &[
                    ("Content-Type", "text/html; charset=UTF-8"),
                    ("Server", "nginx"),
                ],
                ARTICLE.as_bytes(),
            ),
        ));
        w.push(&response(
            version,
            "http://old.example/economy/42.html",
            &http(
                "200 OK",
                &[("Content-Type", "text/html; charset=windows-1256")],
                CP1256,
            ),
        ));
        w.push(&response(
            version,
            "https://alkhabar.example/missing",
            &http(
                "404 Not Found",
                &[("Content-Type", "text/html")],
                "<html><body>الصفحة غير موجودة</body></html>".as_bytes(),
            ),
        ));
        w.push(&response(
            version,
            "http://alkhabar.example/news/2",
            &http(
                "301 Moved Permanently",
                &[("Location", "https://alkhabar.example/news/2")],
                b"",
            ),
        ));
        // An image whose bytes happen to hold a WARC version line: its length is right, so
        // it must not confuse the reader.
        let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F'];
        jpeg.extend_from_slice(b"\r\nWARC/1.0\r\nWARC-Type: response\r\n");
        jpeg.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
        w.push(&response(
            version,
            "https://alkhabar.example/img/1.jpg",
            &http("200 OK", &[("Content-Type", "image/jpeg")], &jpeg),
        ));
        w.push(&record(
            version,
            &[
                ("WARC-Type", "resource"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:6f1c2d3e-0000-4000-8000-000000000002>",
                ),
                ("WARC-Target-URI", "file:///saved/sports.html"),
                ("WARC-Date", "2024-03-11T10:00:00Z"),
                ("Content-Type", "text/html; charset=\"utf-8\""),
            ],
            SPORTS.as_bytes(),
        ));
        w.push(&record(
            version,
            &[
                ("WARC-Type", "revisit"),
                ("WARC-Target-URI", "https://alkhabar.example/news/1"),
                (
                    "WARC-Profile",
                    "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
                ),
            ],
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        ));
        w
    }

    fn check_full_archive(items: &[WarcItem], w: &Warc) {
        assert_eq!(items.len(), 9, "{items:#?}");
        let offsets: Vec<u64> = items.iter().map(WarcItem::offset).collect();
        assert_eq!(offsets, w.offsets);
        assert_eq!(skipped(&items[0]).1, "warcinfo record");
        assert_eq!(skipped(&items[1]).1, "request record");
        let news = page(&items[2]);
        assert_eq!(
            news.record_id.as_deref(),
            Some("urn:uuid:6f1c2d3e-0000-4000-8000-000000000001")
        );
        assert_eq!(
            news.target_uri.as_deref(),
            Some("https://alkhabar.example/news/1")
        );
        assert_eq!(news.date.as_deref(), Some("2024-03-10T08:15:00Z"));
        assert_eq!(news.content_type.as_deref(), Some("text/html"));
        assert_eq!(news.charset.as_deref(), Some("utf-8"));
        assert_eq!(news.body, ARTICLE.as_bytes());
        let old = page(&items[3]);
        assert_eq!(
            old.target_uri.as_deref(),
            Some("http://old.example/economy/42.html")
        );
        assert_eq!(old.charset.as_deref(), Some("windows-1256"));
        assert_eq!(old.body, CP1256);
        assert_eq!(skipped(&items[4]).1, "HTTP status 404");
        assert_eq!(
            skipped(&items[5]).1,
            "HTTP status 301 (redirect to https://alkhabar.example/news/2)"
        );
        assert_eq!(skipped(&items[6]).1, "content type image/jpeg");
        let saved = page(&items[7]);
        assert_eq!(
            saved.target_uri.as_deref(),
            Some("file:///saved/sports.html")
        );
        assert_eq!(saved.date.as_deref(), Some("2024-03-11T10:00:00Z"));
        assert_eq!(saved.content_type.as_deref(), Some("text/html"));
        assert_eq!(saved.charset.as_deref(), Some("utf-8"));
        assert_eq!(saved.body, SPORTS.as_bytes());
        assert_eq!(skipped(&items[8]).1, "revisit record");
    }

    #[test]
    fn reads_every_kind_of_record_warc_1_0() {
        let w = full_archive("1.0");
        check_full_archive(&read(&w.bytes, LIMIT), &w);
    }

    #[test]
    fn reads_every_kind_of_record_warc_1_1() {
        let w = full_archive("1.1");
        check_full_archive(&read(&w.bytes, LIMIT), &w);
    }

    /// A reader that hands out a few bytes per call, in a repeating pattern of sizes, as pipes
    /// and decoders do.
    struct Trickle {
        data: Vec<u8>,
        at: usize,
        sizes: Vec<usize>,
        call: usize,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let size = self.sizes[self.call % self.sizes.len()].max(1);
            self.call += 1;
            let n = size.min(buf.len()).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn read_trickled(bytes: &[u8], sizes: &[usize], limit: u64) -> Vec<WarcItem> {
        let reader = Trickle {
            data: bytes.to_vec(),
            at: 0,
            sizes: sizes.to_vec(),
            call: 0,
        };
        warc_records(reader, limit).collect()
    }

    #[test]
    fn read_sizes_do_not_matter() {
        let w = full_archive("1.1");
        let want = read(&w.bytes, LIMIT);
        for sizes in [&[1][..], &[3, 1, 7], &[8], &[5000, 2, 13]] {
            assert_eq!(read_trickled(&w.bytes, sizes, LIMIT), want, "{sizes:?}");
        }
    }

    #[test]
    fn empty_input_has_no_items() {
        assert!(read(b"", LIMIT).is_empty());
        assert!(read(b"\r\n\r\n\n", LIMIT).is_empty());
    }

    #[test]
    fn lf_only_line_endings() {
        let mut w = Warc::default();
        w.push(&record_eol(
            "\n",
            "1.0",
            &[("WARC-Type", "warcinfo")],
            b"software: wget\n",
        ));
        w.push(&record_eol(
            "\n",
            "1.0",
            &[
                ("WARC-Type", "response"),
                ("WARC-Target-URI", "https://alkhabar.example/lf"),
            ],
            &http_eol(
                "\n",
                "200 OK",
                &[("Content-Type", "text/html")],
                SPORTS.as_bytes(),
            ),
        ));
        w.push(&record_eol(
            "\n",
            "1.0",
            &[("WARC-Type", "response")],
            &http_eol("\n", "302 Found", &[], b""),
        ));
        let items = read(&w.bytes, LIMIT);
        assert_eq!(items.len(), 3, "{items:#?}");
        assert_eq!(skipped(&items[0]), (w.offsets[0], "warcinfo record"));
        let p = page(&items[1]);
        assert_eq!(p.offset, w.offsets[1]);
        assert_eq!(p.body, SPORTS.as_bytes());
        assert_eq!(p.target_uri.as_deref(), Some("https://alkhabar.example/lf"));
        assert_eq!(
            skipped(&items[2]),
            (w.offsets[2], "HTTP status 302 (redirect)")
        );
    }

    #[test]
    fn header_names_are_case_insensitive_and_folded_lines_join() {
        let block = http(
            "200 OK",
            &[("content-TYPE", "Text/HTML")],
            SPORTS.as_bytes(),
        );
        let mut bytes = format!(
            "WARC/1.1\r\nwarc-type: Response\r\nWARC-TARGET-URI: https://a.example/\r\n \
             long/path\r\ncontent-length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        bytes.extend_from_slice(&block);
        bytes.extend_from_slice(b"\r\n\r\n");
        let items = read(&bytes, LIMIT);
        let p = page(&items[0]);
        assert_eq!(
            p.target_uri.as_deref(),
            Some("https://a.example/ long/path")
        );
        assert_eq!(p.content_type.as_deref(), Some("text/html"));
        assert_eq!(p.charset, None);
    }

    fn chunked(body: &[u8], sizes: &[usize]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut rest = body;
        for (i, &size) in sizes.iter().enumerate() {
            let size = size.min(rest.len());
            if i == 1 {
                write!(out, "{size:X};name=value\r\n").unwrap();
            } else {
                write!(out, "{size:x}\r\n").unwrap();
            }
            out.extend_from_slice(&rest[..size]);
            out.extend_from_slice(b"\r\n");
            rest = &rest[size..];
        }
        write!(out, "{:x}\r\n", rest.len()).unwrap();
        out.extend_from_slice(rest);
        out.extend_from_slice(b"\r\n0\r\n\r\n");
        out
    }

    #[test]
    fn chunked_transfer_encoding() {
        // Chunk boundaries fall inside Arabic letters (two bytes each in UTF-8).
        let body = chunked(ARTICLE.as_bytes(), &[101, 333]);
        let rec = response(
            "1.1",
            "https://alkhabar.example/chunked",
            &http(
                "200 OK",
                &[
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Transfer-Encoding", "chunked"),
                ],
                &body,
            ),
        );
        let items = read(&rec, LIMIT);
        assert_eq!(page(&items[0]).body, ARTICLE.as_bytes());

        // Without the final zero-size chunk (a crawler cut the record): what is there is kept.
        let cut = &body[..body.len() - b"0\r\n\r\n".len()];
        let rec = response(
            "1.1",
            "https://alkhabar.example/chunked",
            &http(
                "200 OK",
                &[
                    ("Content-Type", "text/html"),
                    ("Transfer-Encoding", "chunked"),
                ],
                cut,
            ),
        );
        assert_eq!(page(&read(&rec, LIMIT)[0]).body, ARTICLE.as_bytes());
    }

    #[test]
    fn bad_chunks_are_errors() {
        let cases: [(&[u8], &str); 4] = [
            (b"zz\r\nhello\r\n0\r\n\r\n", "bad chunk size 'zz'"),
            (
                b"ffffffffffffffff\r\nhello\r\n",
                "runs past the end of the record",
            ),
            (b"fffffffffffffffff\r\nhello\r\n", "bad chunk size"),
            (b"3\r\nhello\r\n0\r\n\r\n", "no line break after the chunk"),
        ];
        for (body, want) in cases {
            let mut w = Warc::default();
            w.push(&response(
                "1.1",
                "https://a.example/",
                &http(
                    "200 OK",
                    &[
                        ("Content-Type", "text/html"),
                        ("Transfer-Encoding", "chunked"),
                    ],
                    body,
                ),
            ));
            w.push(&html_response("https://a.example/next", SPORTS));
            let items = read(&w.bytes, LIMIT);
            let (offset, message) = error(&items[0]);
            assert_eq!(offset, 0);
            assert!(message.contains(want), "{message}");
            assert_eq!(page(&items[1]).offset, w.offsets[1]);
        }
    }

    #[test]
    fn gzip_and_deflate_content_encoding() {
        let gz = gzip(ARTICLE.as_bytes());
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        zlib.write_all(ARTICLE.as_bytes()).unwrap();
        let zlib = zlib.finish().unwrap();
        let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        raw.write_all(ARTICLE.as_bytes()).unwrap();
        let raw = raw.finish().unwrap();
        let cases: [(&str, &[u8], bool); 5] = [
            ("gzip", &gz, false),
            ("x-gzip", &gz, true),
            ("deflate", &zlib, false),
            ("deflate", &raw, true),
            // Stored decoded under the original header.
            ("gzip", ARTICLE.as_bytes(), false),
        ];
        for (coding, body, chunk) in cases {
            let body = if chunk {
                chunked(body, &[10, 20])
            } else {
                body.to_vec()
            };
            let mut headers = vec![
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Encoding", coding),
            ];
            if chunk {
                headers.push(("Transfer-Encoding", "chunked"));
            }
            let rec = response(
                "1.1",
                "https://a.example/",
                &http("200 OK", &headers, &body),
            );
            let items = read(&rec, LIMIT);
            assert_eq!(page(&items[0]).body, ARTICLE.as_bytes(), "{coding} {chunk}");
        }
    }

    #[test]
    fn decompression_is_bounded_and_checked() {
        // 3 MB of spaces gzip to a few KB: over a 1 MB limit, it is not inflated whole.
        let bomb = gzip(&vec![b' '; 3 << 20]);
        assert!(bomb.len() < 20_000);
        let mut w = Warc::default();
        w.push(&response(
            "1.1",
            "https://a.example/bomb",
            &http(
                "200 OK",
                &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                &bomb,
            ),
        ));
        let mut corrupt = gzip(ARTICLE.as_bytes());
        corrupt.truncate(corrupt.len() / 2);
        w.push(&response(
            "1.1",
            "https://a.example/corrupt",
            &http(
                "200 OK",
                &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                &corrupt,
            ),
        ));
        w.push(&response(
            "1.1",
            "https://a.example/br",
            &http(
                "200 OK",
                &[("Content-Type", "text/html"), ("Content-Encoding", "br")],
                b"\x1b\x00",
            ),
        ));
        let items = read(&w.bytes, 1 << 20);
        let (offset, message) = error(&items[0]);
        assert_eq!(offset, w.offsets[0]);
        assert_eq!(
            message,
            "the gzip-compressed body inflates to more than the limit of 1,048,576 bytes"
        );
        let (offset, message) = error(&items[1]);
        assert_eq!(offset, w.offsets[1]);
        assert!(
            message.starts_with("the gzip-compressed body does not decompress"),
            "{message}"
        );
        assert_eq!(
            skipped(&items[2]),
            (
                w.offsets[2],
                "content encoding br (Brotli) is not supported"
            )
        );
    }

    #[test]
    fn missing_content_type_is_sniffed() {
        let mut w = Warc::default();
        let html = format!("\u{feff}  <!-- cached -->\n<!doctype HTML>{SPORTS}");
        w.push(&response(
            "1.1",
            "https://a.example/1",
            &http("200 OK", &[], html.as_bytes()),
        ));
        w.push(&response(
            "1.1",
            "https://a.example/2",
            &http("200 OK", &[], b"{\"json\": true}"),
        ));
        w.push(&response(
            "1.1",
            "https://a.example/3",
            &http(
                "200 OK",
                &[("Content-Encoding", "gzip")],
                &gzip(SPORTS.as_bytes()),
            ),
        ));
        w.push(&record(
            "1.1",
            &[("WARC-Type", "resource")],
            b"<HTML><body>\xd8\xae\xd8\xa8\xd8\xb1</body></HTML>",
        ));
        w.push(&record(
            "1.1",
            &[
                ("WARC-Type", "resource"),
                ("Content-Type", "application/pdf"),
            ],
            b"%PDF-1.4",
        ));
        let items = read(&w.bytes, LIMIT);
        let p = page(&items[0]);
        assert_eq!(
            (p.content_type.as_deref(), p.body.as_slice()),
            (None, html.as_bytes())
        );
        assert_eq!(skipped(&items[1]), (w.offsets[1], NOT_HTML));
        assert_eq!(page(&items[2]).body, SPORTS.as_bytes());
        assert_eq!(page(&items[3]).content_type, None);
        assert_eq!(
            skipped(&items[4]),
            (w.offsets[4], "content type application/pdf")
        );
    }

    #[test]
    fn interim_responses_and_long_redirects() {
        let mut block = http("100 Continue", &[], b"");
        block.extend_from_slice(&http(
            "200 OK",
            &[("Content-Type", "text/html")],
            SPORTS.as_bytes(),
        ));
        let long = format!("https://alkhabar.example/{}", "أخبار/".repeat(30));
        let mut w = Warc::default();
        w.push(&response("1.1", "https://a.example/", &block));
        w.push(&response(
            "1.1",
            "https://a.example/",
            &http("302 Found", &[("Location", &long)], b""),
        ));
        let items = read(&w.bytes, LIMIT);
        assert_eq!(page(&items[0]).body, SPORTS.as_bytes());
        assert_eq!(
            skipped(&items[1]).1,
            format!("HTTP status 302 (redirect to {long})")
        );
    }

    #[test]
    fn response_records_that_are_not_http() {
        let mut w = Warc::default();
        w.push(&record(
            "1.0",
            &[("WARC-Type", "response"), ("Content-Type", "text/dns")],
            b"20240310081500\nalkhabar.example. 300 IN A 192.0.2.1\n",
        ));
        w.push(&record(
            "1.0",
            &[("WARC-Type", "response")],
            b"<html>no status line</html>",
        ));
        w.push(&record("1.0", &[("WARC-Type", "response")], b""));
        w.push(&record(
            "1.0",
            &[("WARC-Type", "response")],
            b"HTTP/1.1 2000 OK\r\n\r\n",
        ));
        w.push(&record(
            "1.0",
            &[("WARC-Type", "response")],
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n",
        ));
        w.push(&record("1.0", &[], b"x"));
        w.push(&record("1.0", &[("WARC-Type", "Sitemap")], b"x"));
        let items = read(&w.bytes, LIMIT);
        assert_eq!(
            skipped(&items[0]),
            (w.offsets[0], "response record of content type text/dns")
        );
        assert_eq!(
            error(&items[1]),
            (
                w.offsets[1],
                "the response record does not start with an HTTP status line: found '<html>no \
                 status line</html>'"
            )
        );
        assert_eq!(skipped(&items[2]), (w.offsets[2], "empty response record"));
        assert_eq!(
            error(&items[3]),
            (w.offsets[3], "bad HTTP status line 'HTTP/1.1 2000 OK'")
        );
        assert_eq!(
            error(&items[4]),
            (
                w.offsets[4],
                "the HTTP header of this response does not end with a blank line"
            )
        );
        assert_eq!(
            error(&items[5]),
            (w.offsets[5], "the record has no WARC-Type header")
        );
        assert_eq!(
            skipped(&items[6]),
            (w.offsets[6], "unknown record type 'sitemap'")
        );
        assert_eq!(items.len(), 7);
    }

    #[test]
    fn truncated_in_the_middle_of_a_block() {
        let mut w = Warc::default();
        w.push(&html_response("https://a.example/1", ARTICLE));
        w.push(&record(
            "1.1",
            &[("WARC-Type", "request")],
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        let last = html_response("https://a.example/3", SPORTS);
        w.push(&last);
        let header_len = memchr::memmem::find(&last, b"\r\n\r\n").unwrap() + 4;
        let block_len = last.len() - header_len - 4;
        let cut = w.offsets[2] as usize + header_len + 100;
        let items = read(&w.bytes[..cut], LIMIT);
        assert_eq!(items.len(), 3, "{items:#?}");
        assert_eq!(page(&items[0]).body, ARTICLE.as_bytes());
        assert_eq!(skipped(&items[1]).1, "request record");
        assert_eq!(
            error(&items[2]),
            (
                w.offsets[2],
                format!(
                    "record truncated: expected {} bytes of block, the file ends after 100",
                    thousands(block_len as u64)
                )
                .as_str()
            )
        );

        // Cut inside the header, and inside a dropped block.
        let items = read(&w.bytes[..w.offsets[2] as usize + 30], LIMIT);
        assert_eq!(
            error(&items[2]),
            (
                w.offsets[2],
                "record truncated: the file ends inside the WARC header, 30 bytes after its start"
            )
        );
        let items = read(&w.bytes[..w.offsets[2] as usize - 10], LIMIT);
        assert!(error(&items[1]).1.starts_with("record truncated"));
    }

    /// A record whose Content-Length is off by `delta`, between two good ones.
    fn lying_length(delta: i64, middle_type: &str) -> (Warc, Vec<WarcItem>) {
        let mut w = Warc::default();
        w.push(&html_response("https://a.example/1", ARTICLE));
        let block = if middle_type == "response" {
            http(
                "200 OK",
                &[("Content-Type", "text/html")],
                SPORTS.as_bytes(),
            )
        } else {
            b"GET /news/2 HTTP/1.1\r\nHost: a.example\r\n\r\n".to_vec()
        };
        let len = (block.len() as i64 + delta).to_string();
        w.push(&record(
            "1.1",
            &[("WARC-Type", middle_type), ("Content-Length", &len)],
            &block,
        ));
        w.push(&html_response("https://a.example/3", ARTICLE));
        w.push(&record(
            "1.1",
            &[("WARC-Type", "metadata")],
            b"via: test\r\n",
        ));
        let items = read(&w.bytes, LIMIT);
        (w, items)
    }

    #[test]
    fn content_length_too_short_or_too_long() {
        for middle_type in ["response", "request"] {
            for delta in [-10, -1, 5, 8, 30, 200] {
                if middle_type == "request" && delta == -1 {
                    // The request block ends in CRLF CRLF: one byte short, only a line break
                    // is lost, and the record reads as it should.
                    let (w, items) = lying_length(delta, middle_type);
                    assert_eq!(skipped(&items[1]), (w.offsets[1], "request record"));
                    continue;
                }
                let (w, items) = lying_length(delta, middle_type);
                let context = format!("{middle_type} {delta}: {items:#?}");
                assert_eq!(items.len(), 4, "{context}");
                assert_eq!(page(&items[0]).offset, w.offsets[0], "{context}");
                let (offset, message) = error(&items[1]);
                assert_eq!(offset, w.offsets[1], "{context}");
                assert!(message.contains("does not match the record"), "{context}");
                let third = page(&items[2]);
                assert_eq!(third.offset, w.offsets[2], "{context}");
                assert_eq!(third.target_uri.as_deref(), Some("https://a.example/3"));
                assert_eq!(third.body, ARTICLE.as_bytes());
                assert_eq!(skipped(&items[3]), (w.offsets[3], "metadata record"));
            }
        }
    }

    #[test]
    fn content_length_swallowing_the_rest_of_the_file() {
        // The last record claims more than is left, and the record it swallowed is found.
        let mut w = Warc::default();
        w.push(&html_response("https://a.example/1", ARTICLE));
        let block = http(
            "200 OK",
            &[("Content-Type", "text/html")],
            SPORTS.as_bytes(),
        );
        let len = (block.len() + 10_000).to_string();
        w.push(&record(
            "1.1",
            &[("WARC-Type", "response"), ("Content-Length", &len)],
            &block,
        ));
        w.push(&html_response("https://a.example/3", SPORTS));
        let items = read(&w.bytes, LIMIT);
        assert_eq!(items.len(), 3, "{items:#?}");
        let (offset, message) = error(&items[1]);
        assert_eq!(offset, w.offsets[1]);
        assert!(
            message.starts_with("record truncated: expected"),
            "{message}"
        );
        assert_eq!(page(&items[2]).offset, w.offsets[2]);
    }

    #[test]
    fn junk_between_records() {
        let mut w = Warc::default();
        w.push(&html_response("https://a.example/1", ARTICLE));
        let junk = w.bytes.len() as u64;
        w.bytes
            .extend_from_slice("garbage خبر\x00\x01 here\r\nmore junk\r\n".as_bytes());
        w.push(&html_response("https://a.example/2", SPORTS));
        // Junk at the very start, before any record, too.
        let mut bytes = b"\xef\xbb\xbfnot a warc\n".to_vec();
        let shift = bytes.len() as u64;
        bytes.extend_from_slice(&w.bytes);
        let items = read(&bytes, LIMIT);
        assert_eq!(items.len(), 4, "{items:#?}");
        assert_eq!(
            error(&items[0]),
            (
                0,
                "no WARC/1.x version line at this offset: found '\u{feff}not a warc'"
            )
        );
        assert_eq!(page(&items[1]).offset, shift + w.offsets[0]);
        assert_eq!(
            error(&items[2]),
            (
                shift + junk,
                "no WARC/1.x version line at this offset: found 'garbage خبر\\u{0}\\u{1} here'"
            )
        );
        assert_eq!(page(&items[3]).offset, shift + w.offsets[1]);
        assert_eq!(page(&items[3]).body, SPORTS.as_bytes());
    }

    #[test]
    fn compressed_input_is_recognised() {
        let w = full_archive("1.1");
        let items = read(&gzip(&w.bytes), LIMIT);
        assert_eq!(items.len(), 1);
        assert!(error(&items[0])
            .1
            .starts_with("compressed (gzip or zstd) data"));
    }

    #[test]
    fn broken_headers_resynchronise() {
        let mut w = Warc::default();
        // A header cut off by the next record.
        w.push(b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Tar");
        w.bytes.extend_from_slice(b"\r\n");
        w.push(&html_response("https://a.example/2", SPORTS));
        // No Content-Length, then one that is not a number.
        w.push(&record(
            "1.1",
            &[("WARC-Type", "response"), ("Content-Length", "")],
            b"x",
        ));
        w.push(&record(
            "1.1",
            &[("WARC-Type", "response"), ("Content-Length", "-5")],
            b"x",
        ));
        w.push(&html_response("https://a.example/5", SPORTS));
        // An unsupported version.
        w.push(&record("0.18", &[("WARC-Type", "response")], b"x"));
        // A header that never ends: 100 KB without a blank line.
        w.push(b"WARC/1.1\r\n");
        for _ in 0..4000 {
            w.bytes.extend_from_slice(b"X-Filler: 0123456789abcdef\r\n");
        }
        w.push(&html_response("https://a.example/8", SPORTS));
        let items = read(&w.bytes, LIMIT);
        let o = &w.offsets;
        assert_eq!(items.len(), 8, "{items:#?}");
        assert_eq!(
            error(&items[0]),
            (
                o[0],
                format!(
                    "the WARC header does not end with a blank line: another record starts at \
                     byte {} before it does",
                    o[1]
                )
                .as_str()
            )
        );
        assert_eq!(page(&items[1]).offset, o[1]);
        assert_eq!(
            error(&items[2]),
            (
                o[2],
                "Content-Length '' is not a number, so where the record ends is unknown"
            )
        );
        assert_eq!(
            error(&items[3]),
            (
                o[3],
                "Content-Length '-5' is not a number, so where the record ends is unknown"
            )
        );
        assert_eq!(page(&items[4]).offset, o[4]);
        assert_eq!(
            error(&items[5]),
            (
                o[5],
                "unsupported WARC version 'WARC/0.18' (this reader knows WARC/1.0 and WARC/1.1)"
            )
        );
        assert_eq!(
            error(&items[6]),
            (
                o[6],
                "the WARC header goes on for over 64 KiB without the blank line that ends it"
            )
        );
        assert_eq!(page(&items[7]).offset, o[7]);

        let no_length = b"WARC/1.0\r\nWARC-Type: resource\r\n\r\n<html></html>\r\n\r\n";
        assert_eq!(
            read(no_length, LIMIT),
            [WarcItem::Error {
                offset: 0,
                message: "the record has no Content-Length header, so where it ends is unknown"
                    .into()
            }]
        );
    }

    /// Bytes made on the fly: `head`, then `n` copies of `fill`, then `tail`.
    fn generated(head: Vec<u8>, fill: u8, n: u64, tail: Vec<u8>) -> impl Read {
        Cursor::new(head)
            .chain(io::repeat(fill).take(n))
            .chain(Cursor::new(tail))
    }

    #[test]
    fn records_over_the_limit_are_not_held() {
        const BIG: u64 = 10 * 1024 * 1024;
        const SMALL_LIMIT: u64 = 1024 * 1024;
        // A 10 MB HTML page (error: a page is lost), then a 10 MB image (not a page: skipped),
        // then a normal page.
        let mut head = Vec::new();
        let http_head = http("200 OK", &[("Content-Type", "text/html")], b"");
        let page_len = http_head.len() as u64 + BUF_PAD + BIG;
        write!(
            head,
            "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: {page_len}\r\n\r\n"
        )
        .unwrap();
        head.extend_from_slice(&http_head);
        head.extend_from_slice(&[b'<'; BUF_PAD as usize]);
        let mut middle = b"\r\n\r\n".to_vec();
        let image_at = head.len() as u64 + BIG + middle.len() as u64;
        let http_image = http("200 OK", &[("Content-Type", "image/png")], b"");
        let image_len = http_image.len() as u64 + BIG;
        write!(
            middle,
            "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: {image_len}\r\n\r\n"
        )
        .unwrap();
        middle.extend_from_slice(&http_image);
        let mut tail = b"\r\n\r\n".to_vec();
        let last_at = image_at + (middle.len() - 4) as u64 + BIG + tail.len() as u64;
        tail.extend_from_slice(&html_response("https://a.example/after", SPORTS));

        let input = generated(head, b'x', BIG, middle)
            .chain(io::repeat(0x89).take(BIG))
            .chain(Cursor::new(tail));
        let mut records = warc_records(input, SMALL_LIMIT);
        let mut items = Vec::new();
        let mut held = 0;
        while let Some(item) = records.next() {
            held = held.max(records.held_bytes());
            items.push(item);
        }
        assert_eq!(items.len(), 3, "{items:#?}");
        assert_eq!(
            error(&items[0]),
            (
                0,
                format!(
                    "record is {} bytes, over the limit of 1,048,576; it was skipped",
                    thousands(page_len)
                )
                .as_str()
            )
        );
        assert_eq!(skipped(&items[1]), (image_at, "content type image/png"));
        assert_eq!(page(&items[2]).offset, last_at);
        assert_eq!(page(&items[2]).body, SPORTS.as_bytes());
        assert!(held < 300 * 1024, "{held} bytes held");
    }

    /// Padding so the head of the big page is not all of its HTTP header.
    const BUF_PAD: u64 = 100;

    /// A reader that fails after handing out `ok` bytes.
    struct Failing {
        data: Cursor<Vec<u8>>,
        ok: u64,
    }

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.data.position() >= self.ok {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "corrupt deflate stream",
                ));
            }
            let room = (self.ok - self.data.position()) as usize;
            let n = buf.len().min(room);
            self.data.read(&mut buf[..n])
        }
    }

    #[test]
    fn a_failing_reader_ends_the_stream_after_one_error() {
        let w = full_archive("1.1");
        let fail_at = w.offsets[3] + 50;
        let mut records = warc_records(
            Failing {
                data: Cursor::new(w.bytes.clone()),
                ok: fail_at,
            },
            LIMIT,
        );
        let items: Vec<_> = records.by_ref().collect();
        assert_eq!(items.len(), 4, "{items:#?}");
        assert_eq!(page(&items[2]).offset, w.offsets[2]);
        let (offset, message) = error(&items[3]);
        assert_eq!(offset, w.offsets[3]);
        assert!(
            message.starts_with("the input could not be read past byte")
                && message.ends_with("corrupt deflate stream"),
            "{message}"
        );
        assert_eq!(records.next(), None);
        assert_eq!(records.next(), None);

        // Failing between records: the error is at the next record's position.
        let mut records = warc_records(
            Failing {
                data: Cursor::new(w.bytes.clone()),
                ok: w.offsets[1],
            },
            LIMIT,
        );
        let items: Vec<_> = records.by_ref().collect();
        assert_eq!(items.len(), 2, "{items:#?}");
        assert_eq!(skipped(&items[0]), (0, "warcinfo record"));
        assert_eq!(error(&items[1]).0, w.offsets[1]);
    }

    #[test]
    fn truncated_gzip_is_one_error() {
        // What a `.warc.gz` cut short looks like through the decoder.
        let w = full_archive("1.1");
        let gz = gzip(&w.bytes);
        let cut = &gz[..gz.len() * 2 / 3];
        let items: Vec<_> = warc_records(MultiGzDecoder::new(cut), LIMIT).collect();
        assert!(items.len() < 9);
        let (_, message) = error(items.last().unwrap());
        assert!(
            message.starts_with("the input could not be read"),
            "{message}"
        );
        assert!(items[..items.len() - 1]
            .iter()
            .all(|i| !matches!(i, WarcItem::Error { .. })));
    }

    #[test]
    fn helpers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_204), "1,204");
        assert_eq!(thousands(52_311), "52,311");
        assert_eq!(thousands(10_485_760), "10,485,760");
        assert_eq!(
            charset("text/html; Charset = \"Windows-1256\" "),
            Some("windows-1256".into())
        );
        assert_eq!(charset("text/html;charset="), None);
        assert_eq!(media_type(" Text/HTML ; charset=x"), "text/html");
        assert_eq!(snippet(&[b'a'; 100]), format!("{}…", "a".repeat(40)));
        assert_eq!(
            find_version_line(b"x\nWARC/1.0", 10, false),
            Some((2, true))
        );
        assert_eq!(find_version_line(b"x\nWAR", 5, false), Some((2, false)));
        assert_eq!(find_version_line(b"x\nWARC/0.1", 10, true), None);
        assert_eq!(find_version_line(b"WARC/1.1", 8, true), Some((0, true)));
        assert_eq!(find_version_line(b"WARC/1.1", 8, false), None);
        assert_eq!(find_version_line(b"x\nWARC/1.0", 2, false), None);
    }

    /// Where a real WARC is (built from the WCXB pages); the test is skipped without it.
    const REAL_WARC: &str = "/tmp/x3/warcout/t.warc.gz";

    #[test]
    #[ignore = "needs a real WARC at /tmp/x3/warcout/t.warc.gz (or $KHABAR_WARC)"]
    fn real_warc() {
        let path = std::env::var("KHABAR_WARC").unwrap_or_else(|_| REAL_WARC.to_owned());
        let Ok(file) = std::fs::File::open(&path) else {
            eprintln!("{path} is not there; nothing to check");
            return;
        };
        let file = io::BufReader::new(file);
        let items: Vec<WarcItem> = if path.ends_with(".gz") {
            warc_records(MultiGzDecoder::new(file), LIMIT).collect()
        } else {
            warc_records(file, LIMIT).collect()
        };
        let pages = items
            .iter()
            .filter(|i| matches!(i, WarcItem::Page(_)))
            .count();
        let errors: Vec<_> = items
            .iter()
            .filter(|i| matches!(i, WarcItem::Error { .. }))
            .take(5)
            .collect();
        eprintln!(
            "{path}: {} records, {pages} pages, errors: {errors:#?}",
            items.len()
        );
        assert!(pages > 0);
        assert!(errors.is_empty());
    }

    // Property tests: whatever the bytes, the reader never panics, always ends, and reports
    // offsets that are inside the input and increase; and how the input is split into reads
    // does not change what comes out.

    fn warcish() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just(b"WARC/1.0\r\n".to_vec()),
            Just(b"WARC/1.1\n".to_vec()),
            Just(b"WARC-Type: response\r\n".to_vec()),
            Just(b"WARC-Type: resource\r\n".to_vec()),
            Just(b"WARC-Type: request\r\n".to_vec()),
            Just(b"Content-Type: text/html\r\n".to_vec()),
            Just(b"Content-Length: 0\r\n".to_vec()),
            Just(b"Content-Length: 7\r\n".to_vec()),
            Just(b"Content-Length: 60\r\n".to_vec()),
            Just(b"Content-Length: 99999999999999999999\r\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"HTTP/1.1 200 OK\r\n".to_vec()),
            Just(b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n".to_vec()),
            Just(b"Transfer-Encoding: chunked\r\n".to_vec()),
            Just(b"Content-Encoding: gzip\r\n".to_vec()),
            Just(b"Content-Encoding: deflate\r\n".to_vec()),
            Just(b"5\r\nhello\r\n0\r\n\r\n".to_vec()),
            Just("<html><p>خبر عاجل</p></html>".as_bytes().to_vec()),
            Just(gzip(SPORTS.as_bytes())),
            Just(vec![0x1f, 0x8b, 8, 0]),
            prop::collection::vec(any::<u8>(), 0..16),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    /// A well-formed archive of pages and skipped records, then damaged: cut, overwritten, or
    /// with junk inserted, at arbitrary places.
    fn damaged_archive() -> impl Strategy<Value = Vec<u8>> {
        let rec = prop_oneof![
            Just(html_response("https://a.example/1", ARTICLE)),
            Just(html_response("https://a.example/2", SPORTS)),
            Just(record(
                "1.0",
                &[("WARC-Type", "request")],
                b"GET / HTTP/1.1\r\n\r\n"
            )),
            Just(response(
                "1.0",
                "https://a.example/3",
                &http("404 Not Found", &[], b"")
            )),
            Just(response(
                "1.1",
                "https://a.example/4",
                &http(
                    "200 OK",
                    &[
                        ("Content-Type", "text/html"),
                        ("Transfer-Encoding", "chunked")
                    ],
                    &chunked(SPORTS.as_bytes(), &[7, 60]),
                )
            )),
        ];
        (
            prop::collection::vec(rec, 0..6),
            prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 0..4),
        )
            .prop_map(|(records, damages)| {
                let mut bytes = records.concat();
                for (at, kind, byte) in damages {
                    if bytes.is_empty() {
                        break;
                    }
                    let at = at.index(bytes.len());
                    match kind {
                        0 => bytes.truncate(at),
                        1 => bytes[at] = byte,
                        _ => bytes.splice(at..at, [byte, b'\n', byte]).for_each(drop),
                    }
                }
                bytes
            })
    }

    fn check_invariants(bytes: &[u8], limit: u64, sizes: &[usize]) -> Result<(), TestCaseError> {
        let len = bytes.len() as u64;
        // Every item starts at a later offset than the one before, so there can be at most
        // one per byte (plus one): more would mean the reader is looping.
        let items: Vec<_> = warc_records(Cursor::new(bytes.to_vec()), limit)
            .take(bytes.len() + 2)
            .collect();
        prop_assert!(
            items.len() <= bytes.len() + 1,
            "too many items: {}",
            items.len()
        );
        let mut last = None;
        for item in &items {
            let offset = item.offset();
            prop_assert!(offset <= len, "offset {} past the end {}", offset, len);
            prop_assert!(
                last < Some(offset),
                "offsets must increase: {:?} then {}",
                last,
                offset
            );
            last = Some(offset);
            match item {
                WarcItem::Page(p) => prop_assert!(p.body.len() as u64 <= limit.max(len)),
                WarcItem::Skipped { reason, .. } => prop_assert!(!reason.is_empty()),
                WarcItem::Error { message, .. } => prop_assert!(!message.is_empty()),
            }
        }
        let trickled = read_trickled(bytes, sizes, limit);
        prop_assert_eq!(&trickled, &items, "read sizes changed the result");
        Ok(())
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(
            bytes in prop::collection::vec(any::<u8>(), 0..2048),
            limit in prop_oneof![Just(16u64), Just(1024), Just(LIMIT)],
            sizes in prop::collection::vec(1usize..20, 1..4),
        ) {
            check_invariants(&bytes, limit, &sizes)?;
        }

        #[test]
        fn warc_like_bytes_never_panic(
            bytes in warcish(),
            limit in prop_oneof![Just(16u64), Just(1024), Just(LIMIT)],
            sizes in prop::collection::vec(1usize..20, 1..4),
        ) {
            check_invariants(&bytes, limit, &sizes)?;
        }

        #[test]
        fn damaged_archives_never_panic(
            bytes in damaged_archive(),
            limit in prop_oneof![Just(100u64), Just(LIMIT)],
            sizes in prop::collection::vec(1usize..300, 1..4),
        ) {
            check_invariants(&bytes, limit, &sizes)?;
        }

        /// An undamaged archive comes back whole: one item per record, at its offset, with no
        /// errors, whatever the line endings between records.
        #[test]
        fn whole_archives_round_trip(
            kinds in prop::collection::vec(0u8..4, 0..12),
            separators in prop::collection::vec(prop_oneof![Just("\r\n\r\n"), Just("\n\n"), Just("\r\n\r\n\r\n")], 12),
        ) {
            let mut w = Warc::default();
            for (i, kind) in kinds.iter().enumerate() {
                let mut rec = match kind {
                    0 => html_response("https://a.example/p", ARTICLE),
                    1 => record("1.0", &[("WARC-Type", "request")], b"GET / HTTP/1.1\r\n\r\n"),
                    2 => response("1.1", "https://a.example/r", &http("302 Found", &[], b"")),
                    _ => record("1.1", &[("WARC-Type", "resource"), ("Content-Type", "text/html")], SPORTS.as_bytes()),
                };
                rec.truncate(rec.len() - 4);
                rec.extend_from_slice(separators[i].as_bytes());
                w.push(&rec);
            }
            let items = read(&w.bytes, LIMIT);
            prop_assert_eq!(items.len(), kinds.len());
            for ((item, kind), offset) in items.iter().zip(&kinds).zip(&w.offsets) {
                prop_assert_eq!(item.offset(), *offset);
                prop_assert_eq!(matches!(item, WarcItem::Page(_)), *kind == 0 || *kind == 3);
                prop_assert!(!matches!(item, WarcItem::Error { .. }), "{:?}", item);
            }
        }
    }
}
