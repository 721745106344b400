//! From paths to records: directory walks, missing and unsupported files, `.txt` pages.

use std::path::{Path, PathBuf};

use khabar_ingest::{read_file, read_paths, ReadOptions, Record, RecordError};

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn example_page() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-page.txt"))
        .unwrap()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

fn read(paths: &[PathBuf]) -> Vec<Record> {
    read_paths(paths, &ReadOptions::default()).collect()
}

fn only_error(records: &[Record]) -> &RecordError {
    assert_eq!(records.len(), 1, "{records:#?}");
    records[0].result.as_ref().unwrap_err()
}

#[test]
fn directory_walk_reads_supported_files_in_order_and_skips_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        &root.join("b/news.jsonl"),
        "{\"id\": \"j1\", \"text\": \"خبر أول\"}\n{\"id\": \"j2\", \"text\": \"خبر ثان\"}\n"
            .as_bytes(),
    );
    write(&root.join("a/page.txt"), &example_page());
    write(
        &root.join("c/more.json.gz"),
        &gzip("{\"id\": \"g1\", \"text\": \"خبر مضغوط\"}\n".as_bytes()),
    );
    // None of these may produce a record.
    write(&root.join("a/notes.md"), "# ملاحظات\n".as_bytes());
    write(
        &root.join("a/photo.png"),
        &[0x89, b'P', b'N', b'G', 0, 1, 2],
    );
    write(&root.join(".hidden.jsonl"), b"{\"text\": \"hidden\"}\n");
    write(&root.join(".git/objects.jsonl"), b"{\"text\": \"git\"}\n");
    write(&root.join("b/.draft.txt"), "مسودة\nنص\n".as_bytes());

    let records = read(&[root.to_path_buf()]);
    let seen: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            let name = r
                .location
                .file
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let what = match &r.result {
                Ok(a) => a.id.clone().unwrap_or_else(|| a.title.clone()),
                Err(e) => format!("error: {e}"),
            };
            (name, what)
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("a/page.txt", "كيري: الدبلوماسية بشأن سوريا لا تزال حية"),
        ("b/news.jsonl", "j1"),
        ("b/news.jsonl", "j2"),
        ("c/more.json.gz", "g1"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(seen, want);
}

#[test]
fn missing_path_is_reported_and_the_other_paths_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("لا-يوجد.jsonl");
    let present = dir.path().join("news.jsonl");
    write(&present, "{\"text\": \"خبر\"}\n".as_bytes());
    let records = read(&[missing.clone(), present.clone()]);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].result, Err(RecordError::NotFound));
    assert_eq!(records[0].location.file, missing);
    assert_eq!(records[0].location.line, None);
    assert_eq!(
        format!("{}: {}", records[0].location, RecordError::NotFound),
        format!("{}: no such file or directory", missing.display())
    );
    assert_eq!(records[1].result.as_ref().unwrap().text, "خبر");
    assert_eq!(
        records[1].location.to_string(),
        format!("{}:1", present.display())
    );
}

#[test]
fn explicit_file_with_unknown_extension_is_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.data");
    write(
        &export,
        "\n  {\"text\": \"خبر من ملف بامتداد غريب\"}\n".as_bytes(),
    );
    let records = read(std::slice::from_ref(&export));
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].location.line, Some(2));
    assert_eq!(
        records[0].result.as_ref().unwrap().text,
        "خبر من ملف بامتداد غريب"
    );

    let compressed = dir.path().join("export.bin");
    write(&compressed, &gzip("{\"text\": \"مضغوط\"}\n".as_bytes()));
    assert!(read(&[compressed])[0].result.is_ok());

    let notes = dir.path().join("notes.md");
    write(&notes, "# ملاحظات المحرر\n".as_bytes());
    let err = only_error(&read(&[notes])).clone();
    assert!(
        matches!(&err, RecordError::Unsupported(m) if m.contains(".md")),
        "{err}"
    );
    assert!(err.to_string().starts_with("unsupported input: "));

    let junk = dir.path().join("junk.bin");
    write(&junk, &[0u8, 159, 146, 150, 7, 255, 10, 13, 0]);
    assert!(matches!(
        only_error(&read(&[junk])),
        RecordError::Unsupported(_)
    ));

    let empty = dir.path().join("empty.dat");
    write(&empty, b"");
    assert_eq!(only_error(&read(&[empty])), &RecordError::Empty);
}

#[test]
fn empty_jsonl_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.jsonl");
    write(&path, b"");
    let records = read(std::slice::from_ref(&path));
    assert_eq!(only_error(&records), &RecordError::Empty);
    assert_eq!(records[0].location.file, path);
    assert_eq!(
        RecordError::Empty.to_string(),
        "the file is empty: it holds no records"
    );
}

#[test]
fn text_pages_with_bad_bytes_size_or_content_are_rejected() {
    let dir = tempfile::tempdir().unwrap();

    let mut bad = example_page();
    // An invalid two-byte sequence, put in front of the title's colon (a character boundary).
    let colon = bad.iter().position(|&b| b == b':').unwrap();
    bad.splice(colon..colon, [0xc3, 0x28]);
    let bad_path = dir.path().join("bad.txt");
    write(&bad_path, &bad);
    let records = read(&[bad_path]);
    assert_eq!(
        only_error(&records),
        &RecordError::InvalidUtf8 { at: colon }
    );

    let big_path = dir.path().join("big.txt");
    write(&big_path, &example_page());
    let small = ReadOptions {
        max_record_bytes: 1024,
        ..ReadOptions::default()
    };
    let records: Vec<_> = read_file(&big_path, &small).collect();
    assert_eq!(
        only_error(&records),
        &RecordError::TooLong {
            bytes: example_page().len() as u64,
            limit: 1024
        }
    );

    let empty = dir.path().join("empty.txt");
    write(&empty, b"\n \n");
    assert_eq!(only_error(&read(&[empty])), &RecordError::Empty);

    let title_only = dir.path().join("title.txt");
    write(&title_only, "عنوان بلا متن\n".as_bytes());
    assert_eq!(only_error(&read(&[title_only])), &RecordError::NoText);
}

#[test]
fn compressed_text_page_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.txt.gz");
    write(&path, &gzip(&example_page()));
    let records = read(&[path]);
    assert_eq!(records.len(), 1);
    let article = records[0].result.as_ref().unwrap();
    assert_eq!(article.source.as_deref(), Some("بلدي نيوز"));
    assert_eq!(records[0].raw_bytes, example_page().len() as u64);
}

#[test]
fn error_kinds_are_stable_names() {
    let kinds: Vec<&str> = [
        RecordError::InvalidUtf8 { at: 0 },
        RecordError::Json("x".into()),
        RecordError::NotAnObject,
        RecordError::NoText,
        RecordError::TooLong { bytes: 2, limit: 1 },
        RecordError::Io("x".into()),
        RecordError::Unreadable("x".into()),
        RecordError::NotFound,
        RecordError::Unsupported("x".into()),
        RecordError::Empty,
    ]
    .iter()
    .map(RecordError::kind)
    .collect();
    assert_eq!(
        kinds,
        [
            "invalid_utf8",
            "json",
            "not_an_object",
            "no_text",
            "too_long",
            "io",
            "unreadable",
            "not_found",
            "unsupported",
            "empty"
        ]
    );
}
