//! `khabar ingest` on bad input: every kind of bad record is reported with its file, line and
//! reason, the records around it are stored, the archive stays consistent (index == record),
//! and the exit code is 3 when anything was rejected (0 when nothing was).

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::json;

/// The good record before the bad one: the only one that mentions صفاقس.
fn good_before() -> String {
    line(
        "good-1",
        "انطلاق موسم جني الزيتون في صفاقس",
        "انطلق موسم جني الزيتون في ولاية صفاقس وسط توقعات بصابة قياسية هذا العام، حسب ما أفاد \
         به المندوب الجهوي للفلاحة، الذي أكد توفر اليد العاملة ومعاصر الزيت.",
    )
}

/// The good record after the bad one: the only one that mentions قرطاج.
fn good_after() -> String {
    line(
        "good-3",
        "افتتاح الدورة الجديدة لمهرجان قرطاج الدولي",
        "افتتحت مساء أمس الدورة الجديدة لمهرجان قرطاج الدولي بعرض موسيقي حضره آلاف المتفرجين \
         في المسرح الأثري، فيما تتواصل العروض إلى نهاية شهر أوت.",
    )
}

/// Writes `good_before`, the bad bytes, and `good_after`, one a line.
fn around(dir: &Path, name: &str, bad: &[u8]) -> PathBuf {
    let path = dir.join(name);
    let mut bytes = Vec::new();
    bytes.extend_from_slice(good_before().as_bytes());
    bytes.push(b'\n');
    bytes.extend_from_slice(bad);
    bytes.push(b'\n');
    bytes.extend_from_slice(good_after().as_bytes());
    bytes.push(b'\n');
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A good file of its own, given alongside a bad one: the only record mentioning الحمامات.
fn good_file(dir: &Path) -> PathBuf {
    write_lines(
        dir,
        "good.jsonl",
        &[line(
            "good-file-1",
            "تأهل نادي الحمامات إلى الدور النهائي",
            "تأهل نادي كرة اليد بالحمامات إلى الدور النهائي للكأس بعد فوزه المستحق مساء السبت \
             على ملعبه وأمام جمهوره الغفير.",
        )],
    )
}

/// The two records around the bad one were stored, nothing else, and the index agrees.
#[track_caller]
fn assert_neighbours_stored(data: &Path) {
    assert_eq!(articles(data), 2, "the two good records, and only them");
    assert_eq!(found(data, "صفاقس", &[]), ["good-1"]);
    assert_eq!(found(data, "قرطاج", &[]), ["good-3"]);
    assert_consistent(data);
}

/// Exit 3, and stderr names `location` (e.g. `bad.jsonl:2`) with a reason containing `reason`.
#[track_caller]
fn assert_rejected(out: &Out, location: &str, reason: &str) {
    out.expect_code(3);
    let named = out
        .stderr
        .lines()
        .find(|l| l.contains(location))
        .unwrap_or_else(|| panic!("stderr does not name {location}:\n{}", out.stderr));
    assert!(
        named.contains(reason),
        "the line naming {location} does not give the reason {reason:?}: {named}"
    );
}

#[test]
fn unicode_line_and_paragraph_separators_stay_inside_one_record() {
    let (tmp, data) = scratch();
    // Real article texts carry U+2028, U+2029 and NEL; a JSON line ends only at `\n`.
    let text = "أعلنت وزارة التربية عن موعد الامتحانات الوطنية.\u{2028}وقال الوزير إن \
                الاستعدادات في المنستير\u{2029}اكتملت في جميع المعاهد\u{85}حسب بلاغ رسمي.";
    let path = around(
        tmp.path(),
        "sep.jsonl",
        line("sep-2", "موعد الامتحانات الوطنية", text).as_bytes(),
    );
    // The separators are written raw, not as \u escapes.
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(raw.contains('\u{2028}') && raw.contains('\u{2029}'));

    let out = ingest(&data, &[&path]);
    out.expect_code(0);
    assert!(
        out.stderr.contains("3 stored"),
        "three records, three articles: {}",
        out.stderr
    );
    assert_eq!(articles(&data), 3);
    assert_consistent(&data);

    let a = show(&data, "sep-2").expect("the record with separators is stored");
    let stored = a["text"].as_str().unwrap();
    assert!(stored.contains('\u{2028}'), "U+2028 kept: {stored:?}");
    assert!(stored.contains('\u{2029}'), "U+2029 kept: {stored:?}");
    assert_eq!(stored, text, "the text is stored as given");
    assert!(a["origin"].as_str().unwrap().ends_with("sep.jsonl:2"));
    // Line numbers after it are not thrown off by the separators.
    let after = show(&data, "good-3").unwrap();
    assert!(after["origin"].as_str().unwrap().ends_with("sep.jsonl:3"));

    // The words on either side of a separator are words of their own.
    assert_eq!(found(&data, "المنستير", &[]), ["sep-2"]);
    assert_eq!(found(&data, "اكتملت", &[]), ["sep-2"]);
    assert_eq!(found(&data, "\"بلاغ رسمي\"", &[]), ["sep-2"]);
    assert_neighbours_stored_with(&data, 3);
}

#[track_caller]
fn assert_neighbours_stored_with(data: &Path, n: u64) {
    assert_eq!(articles(data), n);
    assert_eq!(found(data, "صفاقس", &[]), ["good-1"]);
    assert_eq!(found(data, "قرطاج", &[]), ["good-3"]);
    assert_consistent(data);
}

#[test]
fn invalid_utf8_is_rejected_with_file_line_and_reason() {
    let (tmp, data) = scratch();
    // A stray 0xFF inside a string.
    let mut bad = r#"{"id": "bad-2", "title": "خبر", "text": "نص "#.as_bytes().to_vec();
    bad.extend_from_slice(b"\xff\xfe");
    bad.extend_from_slice("مكسور\"}".as_bytes());
    let path = around(tmp.path(), "bad.jsonl", &bad);
    let out = ingest(&data, &[&path]);
    assert_rejected(&out, "bad.jsonl:2", "not valid UTF-8");
    assert_neighbours_stored(&data);
    assert!(show(&data, "bad-2").is_none());

    // The classic case: a line saved as Windows-1256 (Arabic code page) in a UTF-8 file.
    let (tmp, data) = scratch();
    let cp1256_khabar = [0xCE, 0xC8, 0xD1]; // خبر
    let mut bad = br#"{"id": "cp-2", "text": ""#.to_vec();
    bad.extend_from_slice(&cp1256_khabar);
    bad.extend_from_slice(br#" "}"#);
    let path = around(tmp.path(), "cp1256.jsonl", &bad);
    let out = ingest(&data, &[&path]);
    assert_rejected(&out, "cp1256.jsonl:2", "not valid UTF-8");
    assert_neighbours_stored(&data);
}

/// `count` records, each with its own code word, as JSONL bytes.
fn numbered_records(count: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..count {
        s.push_str(&synthetic(i));
        s.push('\n');
    }
    s.into_bytes()
}

/// The line number in `name:LINE:` on stderr.
fn reported_line(stderr: &str, name: &str) -> u64 {
    let at = stderr
        .find(&format!("{name}:"))
        .unwrap_or_else(|| panic!("stderr does not name {name}:\n{stderr}"));
    let digits: String = stderr[at + name.len() + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no line number after {name}: {stderr}"))
}

/// A truncated compressed file: the records before the cut are stored, the cut is reported with
/// the file, the line and "truncated", the file given alongside is ingested, and ingesting the
/// whole file afterwards completes the archive without duplicates.
fn truncated(name: &str, compress: fn(&[u8]) -> Vec<u8>) {
    // Enough for several zstd blocks (128 KiB each): a decoder cannot deliver part of a block.
    const N: usize = 2000;
    let (tmp, data) = scratch();
    let plain = numbered_records(N);
    let whole = compress(&plain);
    let whole_path = tmp.path().join(format!("whole-{name}"));
    std::fs::write(&whole_path, &whole).unwrap();
    let cut_path = tmp.path().join(name);
    std::fs::write(&cut_path, &whole[..whole.len() / 2]).unwrap();
    let good = good_file(tmp.path());

    let out = ingest(&data, &[&cut_path, &good]);
    out.expect_code(3);
    assert!(
        out.stderr.contains("truncated or corrupt"),
        "the reason says the file is truncated: {}",
        out.stderr
    );
    let line = reported_line(&out.stderr, name) as usize;
    assert!(
        line > 1 && line <= N,
        "the cut is inside the file: line {line}"
    );
    // Every record before the reported line, and the good file's record.
    assert_eq!(articles(&data), (line - 1) as u64 + 1, "{}", out.stderr);
    assert_consistent(&data);
    assert_eq!(found(&data, "الحمامات", &[]), ["good-file-1"]);
    assert_eq!(found(&data, &code(0), &[]), ["rec-0"]);
    let last_before = line - 2;
    assert_eq!(
        found(&data, &code(last_before), &[]),
        [format!("rec-{last_before}")]
    );
    assert!(found(&data, &code(N - 1), &[]).is_empty());

    // The whole file completes the archive: no duplicates, nothing rejected.
    let (out, summary) = ingest_json(&data, &[&whole_path]);
    out.expect_code(0);
    assert_eq!(summary["stored"], json!(N - (line - 1)));
    assert_eq!(summary["duplicates"], json!(line - 1));
    assert_eq!(articles(&data), N as u64 + 1);
    assert_consistent(&data);
    assert_eq!(found(&data, &code(N - 1), &[]), [format!("rec-{}", N - 1)]);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 3).unwrap()
}

#[test]
fn truncated_gzip_keeps_what_came_before_the_cut() {
    truncated("news.jsonl.gz", gzip);
}

#[test]
fn truncated_zstd_keeps_what_came_before_the_cut() {
    truncated("news.jsonl.zst", zstd);
}

#[test]
fn compressed_file_cut_inside_its_header_is_rejected() {
    let (tmp, data) = scratch();
    let good = good_file(tmp.path());
    let gz = gzip(&numbered_records(5));
    let gz_path = tmp.path().join("header.jsonl.gz");
    std::fs::write(&gz_path, &gz[..6]).unwrap();
    let zst = zstd(&numbered_records(5));
    let zst_path = tmp.path().join("header.jsonl.zst");
    std::fs::write(&zst_path, &zst[..5]).unwrap();
    let out = ingest(&data, &[&gz_path, &zst_path, &good]);
    out.expect_code(3);
    for name in ["header.jsonl.gz", "header.jsonl.zst"] {
        assert!(
            out.stderr
                .lines()
                .any(|l| l.contains(name) && l.contains("truncated or corrupt")),
            "{name} is named as truncated:\n{}",
            out.stderr
        );
    }
    assert_eq!(articles(&data), 1);
    assert_consistent(&data);
}

#[test]
fn json_lines_that_do_not_parse_are_rejected_one_by_one() {
    let (tmp, data) = scratch();
    let lines = [
        good_before(),
        // A line cut short (a partial write).
        r#"{"id": "cut-2", "title": "خبر عاجل", "text": "أعلنت الرئاسة"#.to_owned(),
        // Single quotes, as some scrapers write.
        "{'id': 'quotes-3', 'text': 'خبر'}".to_owned(),
        // Two objects on one line.
        format!(
            "{}{}",
            line("two-4", "أ", "نص أول"),
            line("two-5", "ب", "نص ثان")
        ),
        // Valid JSON, but not an object.
        r#"["خبر", "آخر"]"#.to_owned(),
        // A lone surrogate escape.
        r#"{"id": "sur-6", "text": "\ud800 خبر"}"#.to_owned(),
        good_after(),
    ];
    let path = write_lines(tmp.path(), "bad.jsonl", &lines);
    let out = ingest(&data, &[&path]);
    assert_rejected(&out, "bad.jsonl:2", "not valid JSON");
    assert_rejected(&out, "bad.jsonl:3", "not valid JSON");
    assert_rejected(&out, "bad.jsonl:4", "not valid JSON");
    assert_rejected(&out, "bad.jsonl:5", "not an object");
    assert_rejected(&out, "bad.jsonl:6", "JSON");
    assert!(out.stderr.contains("5 rejected"), "{}", out.stderr);
    assert_neighbours_stored(&data);
    // The good record after is stored with its own line number.
    let a = show(&data, "good-3").unwrap();
    assert!(a["origin"].as_str().unwrap().ends_with("bad.jsonl:7"));
}

#[test]
fn records_without_text_are_rejected() {
    let (tmp, data) = scratch();
    let lines = [
        good_before(),
        json!({"id": "missing-2", "title": "عنوان بلا نص"}).to_string(),
        json!({"id": "empty-3", "title": "عنوان", "text": ""}).to_string(),
        json!({"id": "blank-4", "title": "عنوان", "text": " \n\t "}).to_string(),
        json!({"id": "null-5", "title": "عنوان", "text": null}).to_string(),
        // Text, but not one word in it.
        json!({"id": "punct-6", "title": "عنوان", "text": "... ،،، !!! ؟"}).to_string(),
        good_after(),
    ];
    let path = write_lines(tmp.path(), "notext.jsonl", &lines);
    let out = ingest(&data, &[&path]);
    for n in 2..=5 {
        assert_rejected(&out, &format!("notext.jsonl:{n}"), "no text");
    }
    assert_rejected(&out, "notext.jsonl:6", "no words");
    assert_neighbours_stored(&data);
    for id in ["missing-2", "empty-3", "blank-4", "null-5", "punct-6"] {
        assert!(show(&data, id).is_none(), "{id} must not be stored");
    }
}

#[test]
fn a_50_mb_line_is_rejected_at_the_default_limit() {
    let (tmp, data) = scratch();
    let path = tmp.path().join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(f, "{}", good_before()).unwrap();
    write!(f, r#"{{"id": "big-2", "title": "ملف ضخم", "text": ""#).unwrap();
    let chunk = "خبر عاجل من العاصمة ".repeat(1 << 14);
    let mut written = 0;
    while written < 50 * 1024 * 1024 {
        f.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    writeln!(f, r#""}}"#).unwrap();
    writeln!(f, "{}", good_after()).unwrap();
    f.into_inner().unwrap().sync_all().unwrap();

    let started = std::time::Instant::now();
    let out = ingest(&data, &[&path]);
    assert_rejected(&out, "big.jsonl:2", "over the limit");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "skipping a long line is quick: {:?}",
        started.elapsed()
    );
    assert_neighbours_stored(&data);
    assert!(show(&data, "big-2").is_none());
}

#[test]
fn max_record_bytes_rejects_only_the_record_over_it() {
    let (tmp, data) = scratch();
    let long_text =
        "تواصلت أشغال المؤتمر الوطني حول الانتقال الطاقي بمشاركة خبراء من عدة دول. ".repeat(60);
    let long = line("long-2", "المؤتمر الوطني حول الانتقال الطاقي", &long_text);
    assert!(long.len() > 8000);
    let path = write_lines(
        tmp.path(),
        "long.jsonl",
        &[good_before(), long, good_after()],
    );
    let out = khabar(
        &data,
        [
            "ingest".as_ref(),
            "-q".as_ref(),
            "--max-record-bytes".as_ref(),
            "4000".as_ref(),
            path.as_os_str(),
        ],
    );
    assert_rejected(&out, "long.jsonl:2", "over the limit of 4000 bytes");
    assert_neighbours_stored(&data);

    // Without the limit the same file completes the archive.
    let (out, summary) = ingest_json(&data, &[&path]);
    out.expect_code(0);
    assert_eq!(summary["stored"], json!(1));
    assert_eq!(summary["duplicates"], json!(2));
    assert_eq!(found(&data, "الطاقي", &[]), ["long-2"]);
    assert_consistent(&data);
}

/// Deterministic pseudo-random bytes (xorshift), so the test never flakes.
fn junk(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_junk_inside_a_jsonl_file_is_rejected_and_the_rest_ingested() {
    let (tmp, data) = scratch();
    let mut bad = b"\x00\x01PK\x03\x04".to_vec();
    bad.extend(junk(8192, 0x9E37_79B9_7F4A_7C15));
    let newlines = bad.iter().filter(|&&b| b == b'\n').count();
    let path = around(tmp.path(), "junk.jsonl", &bad);
    let out = ingest(&data, &[&path]);
    assert_rejected(&out, "junk.jsonl:2", "not valid UTF-8");
    assert_neighbours_stored(&data);
    let a = show(&data, "good-3").unwrap();
    let origin = a["origin"].as_str().unwrap();
    assert!(
        origin.ends_with(&format!("junk.jsonl:{}", 3 + newlines)),
        "{origin}"
    );
}

#[test]
fn binary_files_given_explicitly_are_rejected_by_name() {
    let (tmp, data) = scratch();
    let good = good_file(tmp.path());
    // An image with an extension khabar does not read.
    let png = tmp.path().join("photo.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(junk(4096, 7));
    std::fs::write(&png, &bytes).unwrap();
    // A file called .gz that is not gzip.
    let fake_gz = tmp.path().join("fake.jsonl.gz");
    std::fs::write(&fake_gz, junk(4096, 11)).unwrap();
    // Junk under a JSONL name, with no line break at all.
    let no_breaks: Vec<u8> = junk(4096, 13)
        .into_iter()
        .map(|b| if b == b'\n' { b'x' } else { b })
        .collect();
    let raw = tmp.path().join("dump.jsonl");
    std::fs::write(&raw, &no_breaks).unwrap();

    let out = ingest(&data, &[&png, &fake_gz, &good, &raw]);
    out.expect_code(3);
    assert_rejected(&out, "photo.png", "unsupported input");
    assert_rejected(&out, "fake.jsonl.gz", "gzip");
    assert_rejected(&out, "dump.jsonl:1", "not valid UTF-8");
    assert!(out.stderr.contains("3 rejected"), "{}", out.stderr);
    assert_eq!(articles(&data), 1);
    assert_eq!(found(&data, "الحمامات", &[]), ["good-file-1"]);
    assert_consistent(&data);
}

#[test]
fn empty_files_are_reported_and_the_other_inputs_ingested() {
    let (tmp, data) = scratch();
    let good = good_file(tmp.path());
    let empty = tmp.path().join("empty.jsonl");
    std::fs::write(&empty, b"").unwrap();
    let blank = tmp.path().join("blank.jsonl");
    std::fs::write(&blank, b"\n\n   \n\r\n").unwrap();
    let empty_gz = tmp.path().join("empty.jsonl.gz");
    std::fs::write(&empty_gz, gzip(b"")).unwrap();
    let empty_page = tmp.path().join("page.txt");
    std::fs::write(&empty_page, b"").unwrap();

    let out = ingest(&data, &[&empty, &blank, &good, &empty_gz, &empty_page]);
    out.expect_code(3);
    for name in ["empty.jsonl", "blank.jsonl", "empty.jsonl.gz", "page.txt"] {
        assert!(
            out.stderr.lines().any(|l| l
                .contains(&format!("{}{name}: ", std::path::MAIN_SEPARATOR))
                && l.contains("empty")),
            "{name} is reported as empty:\n{}",
            out.stderr
        );
    }
    assert!(out.stderr.contains("4 rejected"), "{}", out.stderr);
    assert_eq!(articles(&data), 1);
    assert_eq!(found(&data, "الحمامات", &[]), ["good-file-1"]);
    assert_consistent(&data);
}

#[test]
fn a_missing_path_is_named_and_the_other_inputs_ingested() {
    let (tmp, data) = scratch();
    let good = good_file(tmp.path());
    let missing = tmp.path().join("no-such-export.jsonl.zst");
    let missing_dir = tmp.path().join("no-such-dir");
    let out = ingest(&data, &[&missing, &good, &missing_dir]);
    assert_rejected(&out, "no-such-export.jsonl.zst", "no such file");
    assert_rejected(&out, "no-such-dir", "no such file");
    assert_eq!(articles(&data), 1);
    assert_eq!(found(&data, "الحمامات", &[]), ["good-file-1"]);
    assert_consistent(&data);

    // Only missing paths: still a clear message, nothing stored, archive usable.
    let (_tmp2, data2) = scratch();
    let out = ingest(&data2, &[&missing]);
    assert_rejected(&out, "no-such-export.jsonl.zst", "no such file");
    assert_eq!(articles(&data2), 0);
}

#[test]
fn a_directory_of_good_and_bad_files_is_ingested_file_by_file() {
    let (tmp, data) = scratch();
    let dir = tmp.path().join("exports");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(jawhara_fixture(), dir.join("a-jawhara.jsonl")).unwrap();
    std::fs::write(dir.join("b-empty.jsonl"), b"").unwrap();
    let cut = gzip(&numbered_records(200));
    std::fs::write(dir.join("c-cut.jsonl.gz"), &cut[..cut.len() / 2]).unwrap();
    around(&dir, "d-bad.jsonl", br#"{"id": "x", "text": "#);
    std::fs::write(dir.join("notes.md"), "not an input").unwrap();

    let out = ingest(&data, &[&dir]);
    out.expect_code(3);
    assert!(out.stderr.contains("b-empty.jsonl"), "{}", out.stderr);
    assert!(out.stderr.contains("c-cut.jsonl.gz:"), "{}", out.stderr);
    assert_rejected(&out, "d-bad.jsonl:2", "not valid JSON");
    assert!(
        !out.stderr.contains("notes.md"),
        "unsupported files in a directory are skipped"
    );
    let cut_line = reported_line(&out.stderr, "c-cut.jsonl.gz");
    assert_eq!(articles(&data), 6 + (cut_line - 1) + 2);
    assert_consistent(&data);
    for id in JAWHARA_IDS {
        assert!(show(&data, id).is_some(), "{id} stored");
    }
}

#[test]
fn rejections_are_listed_on_stderr_and_in_the_json_summary() {
    let (tmp, data) = scratch();
    let path = around(
        tmp.path(),
        "bad.jsonl",
        r#"{"id": "bad-2", "title": "بلا نص"}"#.as_bytes(),
    );
    let (out, summary) = ingest_json(&data, &[&path]);
    out.expect_code(3);
    assert_eq!(summary["read"], json!(3));
    assert_eq!(summary["stored"], json!(2));
    assert_eq!(summary["duplicates"], json!(0));
    let rejected = summary["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0]["location"]
        .as_str()
        .unwrap()
        .ends_with("bad.jsonl:2"));
    assert!(rejected[0]["reason"].as_str().unwrap().contains("no text"));
    // With --json too, stderr says which records were rejected.
    assert_rejected(&out, "bad.jsonl:2", "no text");
    assert_neighbours_stored(&data);
}
