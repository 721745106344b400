//! The JSON Lines reader: line splitting, rejects, limits, compression, field detection.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use khabar_ingest::{
    read_file, read_jsonl, Article, FieldMap, ReadOptions, Record, RecordError,
    DEFAULT_MAX_RECORD_BYTES,
};

fn read_bytes(bytes: &[u8], opts: &ReadOptions) -> Vec<Record> {
    read_jsonl(Cursor::new(bytes.to_vec()), "mem.jsonl", opts).collect()
}

fn read_str(s: &str) -> Vec<Record> {
    read_bytes(s.as_bytes(), &ReadOptions::default())
}

fn article(r: &Record) -> &Article {
    match &r.result {
        Ok(a) => a,
        Err(e) => panic!("expected an article at {}, got: {e}", r.location),
    }
}

fn error(r: &Record) -> &RecordError {
    match &r.result {
        Ok(a) => panic!("expected an error at {}, got article {a:?}", r.location),
        Err(e) => e,
    }
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `n` distinct JSONL records of Arabic news text, varied enough not to compress to nothing.
fn many_records(n: usize) -> String {
    const WORDS: &[&str] = &[
        "الحكومة",
        "أعلنت",
        "وزير",
        "الخارجية",
        "اليوم",
        "مدينة",
        "حلب",
        "القاهرة",
        "الاقتصاد",
        "ارتفاع",
        "أسعار",
        "النفط",
        "مجلس",
        "الأمن",
        "جلسة",
        "طارئة",
        "المعارضة",
        "الانتخابات",
        "تونس",
        "الرياض",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut out = String::new();
    for i in 0..n {
        let mut text = String::new();
        for _ in 0..40 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(WORDS[(state % WORDS.len() as u64) as usize]);
            text.push(' ');
        }
        out.push_str(&format!(
            "{{\"id\": \"n{i}\", \"title\": \"خبر رقم {i}\", \"text\": \"{}{state}\"}}\n",
            text
        ));
    }
    out
}

#[test]
fn unicode_line_separators_inside_text_do_not_split_records() {
    let input =
        "{\"id\": \"a\", \"text\": \"السطر الأول\u{2028}السطر الثاني\u{2029}فقرة\\r\\nأخرى\"}\n\
                 {\"id\": \"b\", \"text\": \"خبر ثان\"}\n";
    let records = read_str(input);
    assert_eq!(records.len(), 2);
    let first = article(&records[0]);
    assert_eq!(
        first.text,
        "السطر الأول\u{2028}السطر الثاني\u{2029}فقرة\nأخرى"
    );
    assert_eq!(records[0].location.line, Some(1));
    assert_eq!(article(&records[1]).id.as_deref(), Some("b"));
    assert_eq!(records[1].location.line, Some(2));
}

#[test]
fn invalid_utf8_line_is_rejected_and_the_next_line_is_read() {
    let line1 = "{\"text\": \"خبر صحيح\"}\n".as_bytes();
    let mut line2 = b"{\"text\": \"ab".to_vec();
    line2.extend_from_slice(&[0xff, 0xfe]);
    line2.extend_from_slice(b"\"}\n");
    let line3 = "{\"text\": \"خبر بعد السطر التالف\"}\n".as_bytes();
    let input = [line1, &line2, line3].concat();
    let records = read_bytes(&input, &ReadOptions::default());
    assert_eq!(records.len(), 3);
    assert_eq!(error(&records[1]), &RecordError::InvalidUtf8 { at: 12 });
    assert_eq!(records[1].location.line, Some(2));
    assert_eq!(records[1].location.offset, Some(line1.len() as u64));
    assert_eq!(records[1].raw_bytes, line2.len() as u64);
    assert_eq!(article(&records[2]).text, "خبر بعد السطر التالف");
    assert_eq!(records[2].location.line, Some(3));
    assert_eq!(
        records[2].location.offset,
        Some((line1.len() + line2.len()) as u64)
    );
    assert!(error(&records[1]).to_string().contains("not valid UTF-8"));
}

#[test]
fn unparseable_json_line_is_rejected_and_reading_goes_on() {
    let records = read_str(
        "{\"text\": \"خبر أول\"}\n{\"text\": \"خبر بلا نهاية\"\n{\"text\": \"خبر ثالث\"}\n",
    );
    assert_eq!(records.len(), 3);
    let err = error(&records[1]);
    assert!(matches!(err, RecordError::Json(_)), "{err:?}");
    assert!(err.to_string().starts_with("not valid JSON: "), "{err}");
    assert_eq!(records[1].location.line, Some(2));
    assert_eq!(article(&records[2]).text, "خبر ثالث");
}

#[test]
fn records_without_text_are_rejected() {
    let records = read_str(
        "{\"title\": \"عنوان بلا نص\"}\n\
         {\"title\": \"نص فارغ\", \"text\": \"  \\n \"}\n\
         {\"title\": \"نص فارغ\", \"text\": null}\n\
         {\"title\": \"له نص\", \"text\": \"هذا هو النص\"}\n",
    );
    assert_eq!(records.len(), 4);
    for r in &records[..3] {
        assert_eq!(error(r), &RecordError::NoText);
    }
    assert_eq!(
        error(&records[0]).to_string(),
        "record has no text (its text field or page body is missing or empty)"
    );
    assert_eq!(article(&records[3]).title, "له نص");
}

#[test]
fn json_that_is_not_an_object_is_rejected() {
    let records = read_str("{\"text\": \"أ\"}\n[\"خبر\"]\n\"نص\"\n42\n");
    assert_eq!(records.len(), 4);
    for r in &records[1..] {
        assert_eq!(error(r), &RecordError::NotAnObject);
    }
}

#[test]
fn json_array_file_is_explained_once() {
    let records = read_str("[\n  {\"text\": \"خبر\"},\n  {\"text\": \"خبر\"}\n]\n");
    assert_eq!(records.len(), 1);
    let err = error(&records[0]);
    assert!(matches!(err, RecordError::Unsupported(m) if m.contains("not JSON Lines")));
    // The same on one line.
    let records = read_str("[{\"text\": \"خبر\"}, {\"text\": \"خبر\"}]\n");
    assert_eq!(records.len(), 1);
    assert!(matches!(error(&records[0]), RecordError::Unsupported(_)));
}

#[test]
fn line_over_the_limit_is_skipped_and_the_next_line_read() {
    let opts = ReadOptions {
        max_record_bytes: 1024,
        ..ReadOptions::default()
    };
    let long_text = "كلمة ".repeat(300); // 2700 bytes
    let long_line = format!("{{\"text\": \"{long_text}\"}}");
    let exact = format!("{{\"text\": \"{}\"}}", "ب".repeat(506)); // exactly 1024 bytes
    assert_eq!(exact.len(), 1024);
    let input = format!("{long_line}\n{exact}\n{{\"text\": \"خبر قصير\"}}\n");
    let records = read_bytes(input.as_bytes(), &opts);
    assert_eq!(records.len(), 3);
    assert_eq!(
        error(&records[0]),
        &RecordError::TooLong {
            bytes: long_line.len() as u64,
            limit: 1024
        }
    );
    assert_eq!(records[0].raw_bytes, long_line.len() as u64 + 1);
    assert_eq!(records[0].location.line, Some(1));
    // A line of exactly the limit is accepted.
    assert_eq!(article(&records[1]).text, "ب".repeat(506));
    assert_eq!(records[2].location.line, Some(3));
    assert_eq!(
        records[2].location.offset,
        Some((long_line.len() + exact.len() + 2) as u64)
    );
    assert!(error(&records[0])
        .to_string()
        .contains("over the limit of 1024 bytes"));
}

#[test]
fn fifty_megabyte_line_is_rejected_at_the_default_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.jsonl");
    let huge_len = 50 * 1024 * 1024;
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        f.write_all("{\"text\": \"قبل\"}\n".as_bytes()).unwrap();
        f.write_all(b"{\"text\": \"").unwrap();
        let chunk = vec![b'x'; 1024 * 1024];
        for _ in 0..50 {
            f.write_all(&chunk).unwrap();
        }
        f.write_all(b"\"}\n").unwrap();
        f.write_all("{\"text\": \"بعد\"}".as_bytes()).unwrap(); // no final newline
    }
    let records: Vec<_> = read_file(&path, &ReadOptions::default()).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(article(&records[0]).text, "قبل");
    assert_eq!(
        error(&records[1]),
        &RecordError::TooLong {
            bytes: huge_len + 12,
            limit: DEFAULT_MAX_RECORD_BYTES
        }
    );
    assert_eq!(records[1].location.line, Some(2));
    assert_eq!(article(&records[2]).text, "بعد");
    assert_eq!(records[2].location.line, Some(3));
}

#[test]
fn blank_lines_crlf_and_bom_are_handled() {
    let input = "\u{feff}{\"title\": \"  عنوان   طويل\\n مع  فراغات \", \"text\": \"نص\"}\r\n\r\n   \n\t\n{\"text\": \"نص ثان\"}\r\n\n";
    let records = read_str(input);
    assert_eq!(records.len(), 2);
    assert_eq!(article(&records[0]).title, "عنوان طويل مع فراغات");
    assert_eq!(records[0].location.offset, Some(0));
    assert_eq!(records[1].location.line, Some(5));
    assert_eq!(article(&records[1]).text, "نص ثان");
}

#[test]
fn empty_and_blank_inputs_report_empty() {
    for input in ["", "\n\n  \r\n", "\u{feff}"] {
        let records = read_str(input);
        assert_eq!(records.len(), 1, "{input:?}");
        assert_eq!(error(&records[0]), &RecordError::Empty);
    }
}

#[test]
fn binary_junk_yields_errors_not_panics() {
    let mut state: u32 = 12345;
    let junk: Vec<u8> = (0..20_000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (state >> 16) as u8
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "junk.jsonl", &junk);
    let opts = ReadOptions {
        max_record_bytes: 4096,
        ..ReadOptions::default()
    };
    let records: Vec<_> = read_file(&path, &opts).collect();
    assert!(!records.is_empty());
    assert!(records.iter().all(|r| r.location.file == path));
    assert!(records.iter().all(|r| r.result.is_err()));
    assert!(records.iter().all(|r| r.location.line.is_some()));
}

#[test]
fn fields_are_detected_from_common_conventions() {
    let input = r#"{"_id": 7, "headline": "الرئيس يستقبل الوفد", "content": "استقبل الرئيس الوفد\r\nفي القصر.", "link": "https://example.com/a", "outlet": "الشروق", "date": "2015-07-21 02:51:32", "authors": ["أحمد علي", "سارة محمود"], "section": "سياسة"}
{"doc_id": "d2", "title": "خبر", "body": "نص الخبر", "url": null, "source": {"id": "x", "name": "الجزيرة"}, "pubDate": "Tue, 21 Jul 2015 02:51:32 +0000", "author": ""}
{"article_id": 12345678901, "maintext": "نص", "published": "not a date", "date_crawled": "2020-01-02"}
{"id": "x4", "article": "نص المقال", "published": 1437447092, "site": "example.com"}
{"ID": "case", "Title": "عنوان", "Text": "نص بحروف كبيرة"}
"#;
    let records = read_str(input);
    assert_eq!(records.len(), 5);
    let a = article(&records[0]);
    assert_eq!(a.id.as_deref(), Some("7"));
    assert_eq!(a.title, "الرئيس يستقبل الوفد");
    assert_eq!(a.text, "استقبل الرئيس الوفد\nفي القصر.");
    assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
    assert_eq!(a.source.as_deref(), Some("الشروق"));
    assert_eq!(a.published.as_deref(), Some("2015-07-21T02:51:32"));
    assert_eq!(a.author.as_deref(), Some("أحمد علي، سارة محمود"));
    assert_eq!(a.category.as_deref(), Some("سياسة"));

    let b = article(&records[1]);
    assert_eq!(b.id.as_deref(), Some("d2"));
    assert_eq!(b.text, "نص الخبر");
    assert_eq!(b.url, None);
    assert_eq!(b.source.as_deref(), Some("الجزيرة"));
    assert_eq!(b.published.as_deref(), Some("2015-07-21T02:51:32+00:00"));
    assert_eq!(b.author, None);

    let c = article(&records[2]);
    assert_eq!(c.id.as_deref(), Some("12345678901"));
    // An unreadable publication date gives way to the crawl date.
    assert_eq!(c.published.as_deref(), Some("2020-01-02"));

    let d = article(&records[3]);
    assert_eq!(d.text, "نص المقال");
    assert_eq!(d.published.as_deref(), Some("2015-07-21T02:51:32Z"));
    assert_eq!(d.source.as_deref(), Some("example.com"));

    let e = article(&records[4]);
    assert_eq!(e.id.as_deref(), Some("case"));
    assert_eq!(e.title, "عنوان");
    assert_eq!(e.text, "نص بحروف كبيرة");
}

#[test]
fn real_publication_date_wins_over_crawl_date() {
    let records =
        read_str(r#"{"text": "نص", "crawled": "2020-01-01", "published": "2019-05-05T10:00:00"}"#);
    assert_eq!(
        article(&records[0]).published.as_deref(),
        Some("2019-05-05T10:00:00")
    );
}

#[test]
fn unparseable_date_is_dropped_not_rejected() {
    let records = read_str(r#"{"text": "نص", "published": "الأحد الماضي"}"#);
    assert_eq!(article(&records[0]).published, None);
}

#[test]
fn field_overrides_replace_detection() {
    let input = r#"{"text": "ملخص قصير", "story": "النص الكامل للخبر", "meta": {"when": "2016-03-01"}, "name": "عنوان بديل"}
{"text": "له نص عادي فقط"}
"#;
    let fields = FieldMap::default()
        .with_text("story")
        .with_published("meta.when")
        .with_title("name");
    let opts = ReadOptions {
        fields,
        ..ReadOptions::default()
    };
    let records = read_bytes(input.as_bytes(), &opts);
    let a = article(&records[0]);
    assert_eq!(a.text, "النص الكامل للخبر");
    assert_eq!(a.published.as_deref(), Some("2016-03-01"));
    assert_eq!(a.title, "عنوان بديل");
    // With an override, the conventional `text` field is not consulted.
    assert_eq!(error(&records[1]), &RecordError::NoText);

    let mut by_name = FieldMap::default();
    by_name.set("text", "story").unwrap();
    assert_eq!(by_name, FieldMap::default().with_text("story"));
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn zstd(data: &[u8]) -> Vec<u8> {
    zstd::encode_all(data, 3).unwrap()
}

#[test]
fn gzip_and_zstd_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = many_records(50);
    let half = data.match_indices('\n').nth(24).unwrap().0 + 1;
    // Two gzip members back to back, as `cat a.gz b.gz` makes.
    let multi = [
        gzip(&data.as_bytes()[..half]),
        gzip(&data.as_bytes()[half..]),
    ]
    .concat();
    let files = [
        write_file(dir.path(), "news.jsonl.gz", &gzip(data.as_bytes())),
        write_file(dir.path(), "news.ndjson.zst", &zstd(data.as_bytes())),
        write_file(dir.path(), "multi.jsonl.gz", &multi),
        // Compressed but not named so: the magic bytes decide.
        write_file(dir.path(), "renamed.jsonl", &zstd(data.as_bytes())),
    ];
    for path in &files {
        let records: Vec<_> = read_file(path, &ReadOptions::default()).collect();
        assert_eq!(records.len(), 50, "{}", path.display());
        for (i, r) in records.iter().enumerate() {
            assert_eq!(article(r).id.as_deref(), Some(format!("n{i}").as_str()));
            assert_eq!(r.location.line, Some(i as u64 + 1));
            assert_eq!(&r.location.file, path);
        }
        let total: u64 = records.iter().map(|r| r.raw_bytes).sum();
        assert_eq!(total, data.len() as u64);
    }
}

/// Reads a compressed file cut short and checks that the records before the cut come out in
/// order, followed by exactly one `Io` error.
fn check_truncated(path: &Path, total_records: usize) {
    let records: Vec<_> = read_file(path, &ReadOptions::default()).collect();
    let (last, before) = records.split_last().unwrap();
    assert!(
        matches!(&last.result, Err(RecordError::Io(_))),
        "last record of {} should be an Io error, is {:?}",
        path.display(),
        last.result
    );
    assert!(
        error(last)
            .to_string()
            .starts_with("input is truncated or corrupt: "),
        "{}",
        error(last)
    );
    assert!(!before.is_empty(), "records before the cut were yielded");
    assert!(before.len() < total_records);
    for (i, r) in before.iter().enumerate() {
        assert_eq!(article(r).id.as_deref(), Some(format!("n{i}").as_str()));
    }
    let reached = last.location.offset.unwrap();
    let consumed: u64 = before.iter().map(|r| r.raw_bytes).sum();
    assert!(reached >= consumed);
}

#[test]
fn truncated_gzip_yields_records_then_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = many_records(3000);
    let gz = gzip(data.as_bytes());
    let cut = write_file(dir.path(), "cut.jsonl.gz", &gz[..gz.len() / 2]);
    check_truncated(&cut, 3000);
    // A cut inside the 8-byte trailer is caught too (the checksum is missing).
    let no_trailer = write_file(dir.path(), "tail.jsonl.gz", &gz[..gz.len() - 4]);
    let records: Vec<_> = read_file(&no_trailer, &ReadOptions::default()).collect();
    assert!(matches!(
        records.last().unwrap().result,
        Err(RecordError::Io(_))
    ));
}

#[test]
fn truncated_zstd_yields_records_then_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = many_records(3000);
    let zst = zstd(data.as_bytes());
    let cut = write_file(dir.path(), "cut.jsonl.zst", &zst[..zst.len() / 2]);
    check_truncated(&cut, 3000);
}

#[test]
fn corrupt_gzip_ends_with_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = gzip(many_records(500).as_bytes());
    let middle = gz.len() / 2;
    for b in &mut gz[middle..middle + 64] {
        *b = !*b;
    }
    let path = write_file(dir.path(), "bad.jsonl.gz", &gz);
    let records: Vec<_> = read_file(&path, &ReadOptions::default()).collect();
    assert!(matches!(
        records.last().unwrap().result,
        Err(RecordError::Io(_))
    ));
}

#[test]
fn file_named_zst_that_is_not_zstd_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        "plain.jsonl.zst",
        "{\"text\": \"نص\"}\n".as_bytes(),
    );
    let records: Vec<_> = read_file(&path, &ReadOptions::default()).collect();
    assert_eq!(records.len(), 1);
    assert!(matches!(error(&records[0]), RecordError::Io(m) if m.contains("says zstd")));
}

#[test]
fn jawharafm_sample_reads_as_expected() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jawharafm-sample.jsonl");
    let records: Vec<_> = read_file(&path, &ReadOptions::default()).collect();
    assert_eq!(records.len(), 6);
    assert!(records.iter().all(|r| r.result.is_ok()));

    let a = article(&records[0]);
    assert_eq!(a.id.as_deref(), Some("JA-culture-1-20170120"));
    assert_eq!(
        a.title,
        "مخرج \"غدوة حيّ\" : الفيلم يجمع التشويق و المغامرة و الفرجة و الموسيقى"
    );
    assert_eq!(a.source.as_deref(), Some("Jawhara FM"));
    assert_eq!(a.category.as_deref(), Some("culture"));
    assert_eq!(a.published.as_deref(), Some("2017-01-20T21:43:00+01:00"));
    assert_eq!(a.author, None); // null in the record
    assert!(a
        .url
        .as_deref()
        .unwrap()
        .starts_with("http://www.jawharafm.net/ar/article/"));
    assert!(a
        .text
        .starts_with("استضاف برنامج \"سينما سينما\" الأربعاء 18 جانفي 2017"));
    assert!(a.text.ends_with("و دُريّة عاشور وأشرف بن يوسف."));
    // The record's paragraphs are `\n`-separated; trailing spaces on a line are dropped.
    assert_eq!(a.text.split('\n').count(), 5);
    assert!(!a.text.contains(" \n"));

    assert_eq!(
        article(&records[1]).id.as_deref(),
        Some("JA-culture-10-20161210")
    );
    assert_eq!(
        article(&records[2]).published.as_deref(),
        Some("2017-04-29T07:41:00+01:00")
    );
    // Record 4 has `"source": null, "category": null, "author": ""`: all absent.
    let d = article(&records[3]);
    assert_eq!(d.id.as_deref(), Some("92"));
    assert_eq!(
        (
            d.source.as_deref(),
            d.category.as_deref(),
            d.author.as_deref()
        ),
        (None, None, None)
    );
    assert_eq!(records[3].location.line, Some(4));

    let sum: u64 = records.iter().map(|r| r.raw_bytes).sum();
    assert_eq!(sum, std::fs::metadata(&path).unwrap().len());
}
