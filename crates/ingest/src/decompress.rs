//! Opening an input as a stream of decompressed bytes: plain, gzip or zstd, recognised by the
//! file's magic bytes first and its name second.
//!
//! Magic bytes win because files get renamed (`dump.jsonl` that is really gzip); the name is
//! only used to report a file called `.gz` that is not gzip, instead of feeding compressed
//! garbage to the JSON parser.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use crate::RecordError;

/// Read buffer size: big enough that reading is not dominated by system calls, small enough
/// that it does not matter next to the per-record limit.
pub(crate) const BUF_SIZE: usize = 64 * 1024;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// A compression format the readers understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// What the file's last extension says (`.gz`, `.gzip`, `.zst`, `.zstd`).
    pub(crate) fn from_name(path: &Path) -> Compression {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("gz" | "gzip") => Compression::Gzip,
            Some("zst" | "zstd") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// What the first bytes of the data say.
    pub(crate) fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(GZIP_MAGIC) {
            Compression::Gzip
        } else if head.starts_with(ZSTD_MAGIC) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    fn name(self) -> &'static str {
        match self {
            Compression::None => "plain",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// Opens `path` for reading, decompressed.
pub(crate) fn open_path(path: &Path) -> Result<Box<dyn BufRead + Send>, RecordError> {
    let file = File::open(path).map_err(|e| open_error(&e))?;
    decoded(file, Compression::from_name(path))
}

/// The error for a file that could not be opened (or looked at).
pub(crate) fn open_error(e: &io::Error) -> RecordError {
    match e.kind() {
        io::ErrorKind::NotFound => RecordError::NotFound,
        _ => RecordError::Unreadable(e.to_string()),
    }
}

/// Wraps `reader` in the decoder its magic bytes call for. `named` is what the file name says;
/// a file named as compressed whose bytes are not is reported as corrupt (unless it is empty,
/// which the caller reports as empty).
pub(crate) fn decoded(
    mut reader: impl Read + Send + 'static,
    named: Compression,
) -> Result<Box<dyn BufRead + Send>, RecordError> {
    // Peek by reading into a small array and chaining it back in front: unlike
    // `BufRead::fill_buf`, this works even when a pipe hands out fewer than 4 bytes at a time.
    let mut head = [0u8; 4];
    let mut got = 0;
    while got < head.len() {
        match reader.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(RecordError::Unreadable(e.to_string())),
        }
    }
    let found = Compression::sniff(&head[..got]);
    let stream = Cursor::new(head).take(got as u64).chain(reader);
    match found {
        Compression::Gzip => Ok(Box::new(BufReader::with_capacity(
            BUF_SIZE,
            MultiGzDecoder::new(BufReader::with_capacity(BUF_SIZE, stream)),
        ))),
        Compression::Zstd => {
            // The decoder reads concatenated frames one after another, like `zstd -d` does.
            let decoder = zstd::stream::read::Decoder::new(stream)
                .map_err(|e| RecordError::Io(format!("cannot start zstd decoding: {e}")))?;
            Ok(Box::new(BufReader::with_capacity(BUF_SIZE, decoder)))
        }
        Compression::None if named != Compression::None && got > 0 => {
            Err(RecordError::Io(format!(
                "the file name says {} but the data does not start with {} magic bytes",
                named.name(),
                named.name()
            )))
        }
        Compression::None => Ok(Box::new(BufReader::with_capacity(BUF_SIZE, stream))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(mut r: Box<dyn BufRead + Send>) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        r.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn sniffs_by_magic_regardless_of_name() {
        let text = "{\"text\": \"خبر\"}\n".as_bytes();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(text).unwrap();
        let gz = gz.finish().unwrap();
        let zst = zstd::encode_all(text, 3).unwrap();
        for data in [gz, zst, text.to_vec()] {
            let r = decoded(Cursor::new(data), Compression::None).unwrap();
            assert_eq!(read_all(r).unwrap(), text);
        }
    }

    /// A reader that hands out one byte per call, as a slow pipe may.
    struct Trickle(Cursor<Vec<u8>>);
    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    #[test]
    fn sniffs_through_a_trickling_reader() {
        let zst = zstd::encode_all(&b"{\"text\": \"x\"}\n"[..], 3).unwrap();
        let r = decoded(Trickle(Cursor::new(zst)), Compression::None).unwrap();
        assert_eq!(read_all(r).unwrap(), b"{\"text\": \"x\"}\n");
    }

    #[test]
    fn names_that_lie_are_reported() {
        let err = decoded(Cursor::new(b"{\"a\":1}\n".to_vec()), Compression::Gzip)
            .err()
            .unwrap();
        assert!(matches!(&err, RecordError::Io(m) if m.contains("says gzip")));
        // Empty is left for the reader to report as an empty file.
        let r = decoded(Cursor::new(Vec::new()), Compression::Zstd).unwrap();
        assert!(read_all(r).unwrap().is_empty());
    }
}
