//! The JSON Lines reader: one JSON object per line, streamed with bounded memory.
//!
//! Lines are split on `\n` only. Article texts carry U+2028/U+2029 and stray `\r`, which
//! `str::lines` and friends would treat as line breaks and cut a record in two. A line longer
//! than the limit is skipped chunk by chunk without ever being held whole, so one runaway line
//! (a missing newline in a 2 GB dump) costs at most the limit in memory.

use std::io::{self, BufRead};
use std::path::PathBuf;

use serde_json::Value;

use crate::{FieldMap, Location, ReadOptions, Record, RecordError};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// An iterator over the records of one JSONL stream.
pub(crate) struct JsonlRecords {
    /// `None` once the stream has ended (or failed): nothing more is read.
    reader: Option<Box<dyn BufRead + Send>>,
    /// An error that stops the file before its first record (it could not be opened, say).
    opening_error: Option<RecordError>,
    file: PathBuf,
    fields: FieldMap,
    limit: u64,
    /// The current line's content, reused between lines so steady-state reading allocates
    /// nothing.
    buf: Vec<u8>,
    /// Decompressed bytes consumed so far.
    offset: u64,
    /// Number of the line being read (1-based once reading starts).
    line: u64,
    /// Whether any non-blank line was seen: an input with none is reported as empty.
    seen_content: bool,
}

/// How reading one line went.
enum LineRead {
    /// The line is in `buf` (without its `\n`); `len` counts it with its `\n`.
    Line {
        len: u64,
    },
    /// The line was longer than the limit and was skipped; `content` excludes the `\n`.
    TooLong {
        len: u64,
        content: u64,
    },
    Eof,
}

impl JsonlRecords {
    /// Records from `source`, a decompressed stream (or the error that prevented opening it).
    pub(crate) fn new(
        source: Result<Box<dyn BufRead + Send>, RecordError>,
        file: PathBuf,
        opts: &ReadOptions,
    ) -> JsonlRecords {
        let (reader, opening_error) = match source {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(e)),
        };
        JsonlRecords {
            reader,
            opening_error,
            file,
            fields: opts.fields.clone(),
            limit: opts.max_record_bytes,
            buf: Vec::new(),
            offset: 0,
            line: 0,
            seen_content: false,
        }
    }

    fn location(&self, offset: u64) -> Location {
        Location {
            file: self.file.clone(),
            line: Some(self.line),
            offset: Some(offset),
        }
    }

    /// Reads the next line into `buf`, or skips it if it is over the limit.
    fn read_line(&mut self) -> io::Result<LineRead> {
        let Some(reader) = self.reader.as_mut() else {
            return Ok(LineRead::Eof);
        };
        self.buf.clear();
        let mut len = 0u64;
        let mut too_long = false;
        let mut newline = false;
        loop {
            let (used, done) = {
                let chunk = match reader.fill_buf() {
                    Ok(c) => c,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                if chunk.is_empty() {
                    // End of input: a last line without `\n` is still a line.
                    if len == 0 {
                        return Ok(LineRead::Eof);
                    }
                    break;
                }
                let (content, used, done) = match memchr::memchr(b'\n', chunk) {
                    Some(i) => (&chunk[..i], i + 1, true),
                    None => (chunk, chunk.len(), false),
                };
                if !too_long {
                    if (self.buf.len() + content.len()) as u64 > self.limit {
                        // From here on the line is only counted, never stored.
                        too_long = true;
                        self.buf.clear();
                    } else {
                        self.buf.extend_from_slice(content);
                    }
                }
                (used, done)
            };
            reader.consume(used);
            len += used as u64;
            self.offset += used as u64;
            if done {
                newline = true;
                break;
            }
        }
        if too_long {
            Ok(LineRead::TooLong {
                len,
                content: len - u64::from(newline),
            })
        } else {
            Ok(LineRead::Line { len })
        }
    }

    /// Turns the line in `buf` into a record, or `None` for a blank line.
    fn record_from_line(&mut self, start: u64, len: u64) -> Option<Record> {
        let mut bytes = &self.buf[..];
        if start == 0 {
            bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        }
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        let first_line = !self.seen_content;
        self.seen_content = true;
        let result = parse_line(bytes, &self.fields);
        if first_line && matches!(result, Err(RecordError::Json(_) | RecordError::NotAnObject)) {
            // A pretty-printed JSON document or a JSON array would otherwise produce one
            // confusing error per line (or one "not an object"); say once what the file is and
            // stop.
            let head = bytes.trim_ascii();
            if head == b"{" || head.first() == Some(&b'[') {
                self.reader = None;
                return Some(Record {
                    location: self.location(start),
                    raw_bytes: len,
                    result: Err(RecordError::Unsupported(
                        "this looks like a JSON document or array, not JSON Lines (one object \
                         per line); convert it with `jq -c '.[]'` or `jq -c .`"
                            .into(),
                    )),
                });
            }
        }
        Some(Record {
            location: self.location(start),
            raw_bytes: len,
            result,
        })
    }
}

/// Parses one non-blank line into an article.
fn parse_line(bytes: &[u8], fields: &FieldMap) -> Result<crate::Article, RecordError> {
    let text = std::str::from_utf8(bytes).map_err(|e| RecordError::InvalidUtf8 {
        at: e.valid_up_to(),
    })?;
    let value: Value = serde_json::from_str(text).map_err(|e| RecordError::Json(e.to_string()))?;
    match value {
        Value::Object(obj) => fields.article_from_object(&obj),
        _ => Err(RecordError::NotAnObject),
    }
}

impl Iterator for JsonlRecords {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if let Some(err) = self.opening_error.take() {
            return Some(Record {
                location: Location {
                    file: self.file.clone(),
                    line: None,
                    offset: None,
                },
                raw_bytes: 0,
                result: Err(err),
            });
        }
        loop {
            self.reader.as_ref()?;
            let start = self.offset;
            self.line += 1;
            match self.read_line() {
                Ok(LineRead::Line { len }) => {
                    if let Some(record) = self.record_from_line(start, len) {
                        return Some(record);
                    }
                }
                Ok(LineRead::TooLong { len, content }) => {
                    self.seen_content = true;
                    return Some(Record {
                        location: self.location(start),
                        raw_bytes: len,
                        result: Err(RecordError::TooLong {
                            bytes: content,
                            limit: self.limit,
                        }),
                    });
                }
                Ok(LineRead::Eof) => {
                    self.reader = None;
                    if self.seen_content {
                        return None;
                    }
                    return Some(Record {
                        location: Location {
                            file: self.file.clone(),
                            line: None,
                            offset: None,
                        },
                        raw_bytes: self.offset,
                        result: Err(RecordError::Empty),
                    });
                }
                Err(e) => {
                    // A decoder error (truncated or corrupt stream) cannot be resumed from:
                    // report where it happened and end the file. What came before was already
                    // yielded.
                    self.reader = None;
                    self.seen_content = true;
                    let reached = self.offset;
                    return Some(Record {
                        location: self.location(reached),
                        raw_bytes: reached - start,
                        result: Err(RecordError::Io(format!(
                            "{e} (after {reached} bytes of decompressed data)"
                        ))),
                    });
                }
            }
        }
    }
}
