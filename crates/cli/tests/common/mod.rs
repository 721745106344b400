//! Helpers shared by the CLI integration tests: running the built `khabar` binary against a
//! scratch archive, and writing realistic Arabic JSONL inputs.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

/// The real JawharaFM records (ANT v1.1, Apache-2.0) kept as the ingest crate's fixture.
pub fn jawhara_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ingest/tests/fixtures/jawharafm-sample.jsonl")
}

/// Ids of the fixture's six records, in file order (the fourth has a numeric id and no source).
pub const JAWHARA_IDS: [&str; 6] = [
    "JA-culture-1-20170120",
    "JA-culture-10-20161210",
    "JA-culture-100-20170429",
    "92",
    "JA-sport-92-20170127",
    "JA-internationalNews-43-20170123",
];

/// What a run of the binary left behind.
#[derive(Debug)]
pub struct Out {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// The stdout as JSON (panics with both streams when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n--- stdout\n{}\n--- stderr\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// Panics (showing both streams) unless the exit code is `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Out {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs `khabar --data DATA ARGS…` in DATA's parent directory, with a clean environment for the
/// variables khabar reads.
pub fn khabar<I, S>(data: &Path, args: I) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let cwd = data.parent().expect("data dir has a parent");
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_khabar"))
        .current_dir(cwd)
        .env_remove("KHABAR_DATA")
        .env_remove("KHABAR_LOG")
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("khabar runs");
    Out {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `khabar ingest -q PATHS…`.
pub fn ingest(data: &Path, paths: &[&Path]) -> Out {
    let mut args: Vec<&OsStr> = vec![OsStr::new("ingest"), OsStr::new("-q")];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    khabar(data, args)
}

/// `khabar ingest -q --json PATHS…`: the outcome, and the summary it printed.
pub fn ingest_json(data: &Path, paths: &[&Path]) -> (Out, Value) {
    let mut args: Vec<&OsStr> = vec![OsStr::new("ingest"), OsStr::new("-q"), OsStr::new("--json")];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let out = khabar(data, args);
    let summary = out.json();
    (out, summary)
}

/// `khabar stats --json`, which must succeed.
#[track_caller]
pub fn stats(data: &Path) -> Value {
    let out = khabar(data, ["stats", "--json"]);
    out.expect_code(0);
    out.json()
}

/// Number of articles in the record.
#[track_caller]
pub fn articles(data: &Path) -> u64 {
    stats(data)["articles"]
        .as_u64()
        .expect("articles is a number")
}

/// The archive's index agrees with its record.
#[track_caller]
pub fn assert_consistent(data: &Path) {
    let s = stats(data);
    assert_eq!(
        s["indexed"], s["articles"],
        "index and record disagree: {s}"
    );
}

/// `khabar search QUERY --json EXTRA…`, which must succeed.
#[track_caller]
pub fn search(data: &Path, query: &str, extra: &[&str]) -> Value {
    let mut args = vec!["search", "--json", "--limit", "100"];
    args.extend_from_slice(extra);
    // After `--`, so a query that starts with `-` (an exclusion) is not read as an option.
    args.extend_from_slice(&["--", query]);
    let out = khabar(data, args);
    out.expect_code(0);
    out.json()
}

/// The ids of a search's hits, in rank order.
pub fn hit_ids(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .expect("hits is an array")
        .iter()
        .map(|h| h["id"].as_str().expect("id is a string").to_owned())
        .collect()
}

/// Ids found by `query` (sorted), for set comparisons.
#[track_caller]
pub fn found(data: &Path, query: &str, extra: &[&str]) -> Vec<String> {
    let mut ids = hit_ids(&search(data, query, extra));
    ids.sort();
    ids
}

/// `khabar search --batch BATCH --run RUN [EXTRA…]`: what the command printed, and the run file
/// it wrote (empty when it wrote none).
pub fn batch(data: &Path, batch: &Path, run: &Path, extra: &[&str]) -> (Out, String) {
    let mut args: Vec<&OsStr> = vec![
        "search".as_ref(),
        "--batch".as_ref(),
        batch.as_os_str(),
        "--run".as_ref(),
        run.as_os_str(),
    ];
    args.extend(extra.iter().map(|a| OsStr::new(*a)));
    let out = khabar(data, args);
    let written = std::fs::read_to_string(run).unwrap_or_default();
    (out, written)
}

/// `khabar show ID --json`: the article, or `None` when khabar says there is none (exit 2).
#[track_caller]
pub fn show(data: &Path, id: &str) -> Option<Value> {
    let out = khabar(data, ["show", id, "--json"]);
    match out.code {
        Some(0) => Some(out.json()),
        _ => None,
    }
}

/// One JSONL line for an article (serde_json leaves U+2028/U+2029 unescaped, as real exports
/// do).
pub fn line(id: &str, title: &str, text: &str) -> String {
    json!({"id": id, "title": title, "text": text}).to_string()
}

/// One JSONL line with source and publication date.
pub fn line_meta(id: &str, title: &str, text: &str, source: &str, published: &str) -> String {
    json!({"id": id, "title": title, "text": text, "source": source, "published": published})
        .to_string()
}

/// Writes `lines` as a JSONL file (each followed by `\n`) and returns its path.
pub fn write_lines(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    let mut s = String::new();
    for l in lines {
        s.push_str(l);
        s.push('\n');
    }
    std::fs::write(&path, s).expect("write input");
    path
}

/// A scratch directory and the archive path inside it (not created).
pub fn scratch() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("archive");
    (tmp, data)
}

/// A word no Arabic text contains, unique to record `i`: `zx` and `i`'s digits as letters
/// (`zxbcd` for 123). Searching it finds record `i` and nothing else.
pub fn code(i: usize) -> String {
    let digits: String = i
        .to_string()
        .bytes()
        .map(|d| char::from(b'a' + (d - b'0')))
        .collect();
    format!("zx{digits}")
}

const SUBJECTS: [&str; 10] = [
    "الحكومة",
    "البرلمان",
    "وزارة الصحة",
    "البلدية",
    "النقابة",
    "الجامعة",
    "المحكمة الإدارية",
    "الشركة الوطنية",
    "الجمعية",
    "الهيئة المستقلة",
];
const VERBS: [&str; 10] = [
    "أعلنت",
    "ناقشت",
    "رفضت",
    "أقرت",
    "درست",
    "أجلت",
    "نشرت",
    "قدمت",
    "عرضت",
    "تابعت",
];
const TOPICS: [&str; 10] = [
    "الاستثمار",
    "التشغيل",
    "النقل",
    "التعليم",
    "الصحة",
    "الفلاحة",
    "السياحة",
    "الطاقة",
    "المياه",
    "السكن",
];

/// A short synthetic news article for record `i`: words picked by `i`'s digits (so every
/// record's text differs) and its [`code`].
pub fn synthetic(i: usize) -> String {
    let digits = format!("{i:06}");
    let pick = |list: &[&'static str; 10], d: u8| list[usize::from(d - b'0')];
    let d = digits.as_bytes();
    let subject = pick(&SUBJECTS, d[5]);
    let verb = pick(&VERBS, d[4]);
    let topic = pick(&TOPICS, d[3]);
    let second = pick(&TOPICS, d[2]);
    let third = pick(&SUBJECTS, d[1]);
    let fourth = pick(&VERBS, d[0]);
    let c = code(i);
    json!({
        "id": format!("rec-{i}"),
        "title": format!("{subject} {verb} خطة {topic} ({c})"),
        "source": "وكالة الأنباء",
        "published": "2017-03-15",
        "text": format!(
            "{verb} {subject} اليوم خطة جديدة في مجال {topic} و{second} بالشراكة مع {third}. \
             وقال المتحدث باسمها إن المشروع {c} يهدف إلى دعم التنمية في الجهات الداخلية، \
             وإن {third} {fourth} تقريرا مفصلا حول الكلفة والآجال."
        ),
    })
    .to_string()
}

/// A child process killed when dropped (the server, chromedriver), whatever the test's fate.
pub struct Killed(pub std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Waits until something listens on `port` (the process may take a moment to open the archive).
pub fn wait_for_port(port: u16, child: &mut std::process::Child, what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited before listening: {status}");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("{what} did not listen on port {port} within 60 s");
}

/// Writes the [`synthetic`] records `range` as a JSONL file `name` in `dir`.
pub fn synthetic_file(dir: &Path, name: &str, range: std::ops::Range<usize>) -> PathBuf {
    let mut s = String::with_capacity(range.len() * 600);
    for i in range {
        s.push_str(&synthetic(i));
        s.push('\n');
    }
    let path = dir.join(name);
    std::fs::write(&path, s).expect("write input");
    path
}

/// `khabar --data DATA`, with the variables khabar reads removed from its environment.
fn khabar_on(data: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_khabar"));
    command
        .env_remove("KHABAR_DATA")
        .env_remove("KHABAR_LOG")
        .arg("--data")
        .arg(data);
    command
}

/// `khabar --data DATA ingest -q INPUT` as a child process to start, with a clean environment
/// for the variables khabar reads, no input and its standard output discarded; the caller
/// decides what becomes of its standard error (and may add variables).
pub fn ingest_command(data: &Path, input: &Path) -> std::process::Command {
    let mut command = khabar_on(data);
    command
        .args(["ingest", "-q"])
        .arg(input)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null());
    command
}

/// `khabar --data DATA serve --addr 127.0.0.1:PORT` as a child process to start, with a clean
/// environment for the variables khabar reads and its standard output discarded; the caller
/// decides what becomes of its standard error (and may add variables, such as KHABAR_TOKEN).
pub fn serve_command(data: &Path, port: u16) -> std::process::Command {
    let mut command = khabar_on(data);
    command
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .stdout(std::process::Stdio::null());
    command
}

/// Starts `command` (a [`serve_command`]) and waits until it listens on `port`; the server is
/// killed when the returned value is dropped.
pub fn start_server(command: &mut std::process::Command, port: u16) -> Killed {
    let mut server = command.spawn().expect("khabar serve starts");
    wait_for_port(port, &mut server, "khabar serve");
    Killed(server)
}
