//! `khabar serve` and `khabar ingest` on one archive at once, as two processes: searches keep
//! answering while the archive grows, new articles become searchable while the ingest is still
//! running (not only when it ends), no hit ever names an article the record cannot show, and
//! the server's own ingest endpoint says plainly that the archive's writer is taken.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

/// Records the second process ingests while the server answers: enough for the ingest to
/// last several of its commits (at least a second apart) on a fast machine — with 6,000 the
/// seventh session's faster ingest finished after one commit, and the test saw no steps.
const N: usize = 15_000;
/// Records in the archive before the server starts.
const FIRST: usize = 200;

/// One HTTP/1.1 exchange on a fresh connection: the status and the body.
fn http(
    port: u16,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("a whole response");
    let response = String::from_utf8(response).expect("UTF-8 response");
    let (head, rest) = response
        .split_once("\r\n\r\n")
        .expect("a response head and body");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status code");
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(rest)
    } else {
        rest.to_owned()
    };
    (status, body)
}

/// The body of a chunked response.
fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    loop {
        let (size, rest) = s.split_once("\r\n").expect("a chunk size line");
        let size = usize::from_str_radix(size.trim(), 16).expect("a hexadecimal chunk size");
        if size == 0 {
            return out;
        }
        out.push_str(&rest[..size]);
        s = &rest[size + 2..];
    }
}

/// `POST /api/v1/ingest` of JSON Lines with the server's token: the status and the body.
fn post_jsonl(port: u16, jsonl: &str) -> (u16, String) {
    let headers = [
        ("Authorization", "Bearer s3cret"),
        ("Content-Type", "application/x-ndjson"),
    ];
    http(port, "POST", "/api/v1/ingest", &headers, jsonl.as_bytes())
}

fn get_json(port: u16, target: &str) -> Value {
    let (status, body) = http(port, "GET", target, &[], b"");
    assert_eq!(status, 200, "GET {target}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {target}: not JSON ({e}): {body}"))
}

/// `s` percent-encoded for a query string.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn searches_answer_and_see_new_articles_while_another_process_ingests() {
    let (tmp, data) = scratch();
    let first = synthetic_file(tmp.path(), "first.jsonl", 0..FIRST);
    ingest(&data, &[&first]).expect_code(0);
    let more = synthetic_file(tmp.path(), "more.jsonl", FIRST..FIRST + N);

    let port = free_port();
    let _server = start_server(
        serve_command(&data, port)
            .env("KHABAR_TOKEN", "s3cret")
            .stderr(Stdio::null()),
        port,
    );

    // Every synthetic article mentions التنمية: the search's total is what the server's index
    // holds.
    let query = format!("/api/v1/search?q={}&limit=5", encode("التنمية"));
    let before = get_json(port, &query)["total"].as_u64().unwrap();
    assert_eq!(before, FIRST as u64);

    let mut ingest = Killed(
        ingest_command(&data, &more)
            .stderr(Stdio::piped())
            .spawn()
            .expect("khabar ingest starts"),
    );

    let started = Instant::now();
    let mut totals_seen = vec![before];
    let mut searches = 0;
    let mut busy_answered = false;
    let extra = format!(
        "{}\n",
        line("extra-1", "خبر إضافي", "نص خبر إضافي عن التنمية.")
    );
    loop {
        let running = ingest.0.try_wait().unwrap().is_none();
        // The index is read first, then the record: the record only grows, and the index only
        // ever holds what the record held before, so the search can never count more.
        let results = get_json(port, &query);
        let stats = get_json(port, "/api/v1/stats");
        searches += 1;
        let total = results["total"].as_u64().unwrap();
        let last = *totals_seen.last().unwrap();
        assert!(
            total >= last,
            "the total never goes back: {total} after {last}"
        );
        if total != last {
            totals_seen.push(total);
        }
        let articles = stats["articles"].as_u64().unwrap();
        assert!(
            total <= articles,
            "the index is never ahead of the record: {total} > {stats}"
        );
        assert!(
            articles <= (FIRST + N) as u64,
            "no article stored twice: {stats}"
        );
        // Every hit is a whole article in the record.
        for hit in results["hits"].as_array().unwrap() {
            let id = hit["id"].as_str().unwrap();
            let article = get_json(port, &format!("/api/v1/articles/{}", encode(id)));
            let text = article["text"].as_str().unwrap_or_default();
            assert!(
                text.contains("التنمية") && text.contains(&code(id[4..].parse().unwrap())),
                "hit {id} is the whole article: {article}"
            );
        }
        // The API's own ingest while the other process holds the writer: a clear "busy".
        if running && !busy_answered && searches % 5 == 0 {
            let (status, body) = post_jsonl(port, &extra);
            if ingest.0.try_wait().unwrap().is_none() {
                assert_eq!(status, 409, "{body}");
                assert!(body.contains("\"busy\""), "{body}");
                busy_answered = true;
            }
        }
        if !running {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "a guard against a hung ingest, not a speed test"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = ingest.0.wait().unwrap();
    let mut stderr = String::new();
    ingest
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "the ingest succeeds: {status}\n{stderr}");

    eprintln!("{searches} searches during the ingest; totals seen: {totals_seen:?}");
    // Articles became searchable during the ingest, in steps, not only at its end.
    let during: Vec<u64> = totals_seen
        .iter()
        .copied()
        .filter(|&t| t > FIRST as u64 && t < (FIRST + N) as u64)
        .collect();
    assert!(
        during.len() >= 2,
        "new articles searchable while the ingest ran (totals seen: {totals_seen:?}, {searches} searches)"
    );
    assert!(
        busy_answered,
        "the API ingest was tried while the writer was taken"
    );

    // Shortly after the ingest's last commit, the server sees every article.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let total = get_json(port, &query)["total"].as_u64().unwrap();
        if total == (FIRST + N) as u64 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server's search did not reach {} articles: {total}",
            FIRST + N
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let code_hit = get_json(
        port,
        &format!("/api/v1/search?q={}", encode(&code(FIRST + N - 1))),
    );
    assert_eq!(code_hit["total"], 1, "{code_hit}");

    // With the writer free again, the server ingests itself, and its own search sees it at once.
    let (status, body) = post_jsonl(port, &extra);
    assert_eq!(status, 200, "{body}");
    let total = get_json(port, &query)["total"].as_u64().unwrap();
    assert_eq!(total, (FIRST + N + 1) as u64);
    drop(tmp);
}
