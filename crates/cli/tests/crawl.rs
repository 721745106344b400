//! Crawls in: a WARC with HTML pages among other records, and the same article arriving once
//! from the crawl and once from a JSONL export.

mod common;

use common::*;
use serde_json::json;

fn page(title: &str, words: &str) -> String {
    let para =
        format!("{words} وأكد المتحدث أن الاجتماعات ستتواصل خلال الأيام القادمة لبحث التفاصيل كافة.");
    let body: String = (0..5).map(|i| format!("<p>{para} ({i})</p>")).collect();
    format!(
        "<!doctype html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>{title} - موقع الأخبار</title>\
         <meta property=\"og:site_name\" content=\"موقع الأخبار\"></head><body><article><h1>{title}</h1>{body}\
         </article></body></html>"
    )
}

/// One WARC record: `WARC/1.1` headers, then `block`.
fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2016-12-03T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut h = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    h.extend_from_slice(body);
    h
}

#[test]
fn a_crawl_is_ingested_and_its_copy_from_jsonl_is_one_article_with_both_urls() {
    let (tmp, data) = scratch();
    let kerry = page(
        "كيري: الدبلوماسية بشأن سوريا لا تزال حية",
        "دعا وزير الخارجية الأمريكي جون كيري إلى مواصلة الجهود للتوصل إلى سلام في سوريا",
    );
    let olives = page(
        "موسم جني الزيتون ينطلق في صفاقس",
        "افتتح وزير الفلاحة موسم جني الزيتون في ولاية صفاقس وسط توقعات بصابة قياسية",
    );
    let mut warc = record("warcinfo", "urn:x", b"software: test\r\n");
    warc.extend(record(
        "response",
        "https://news.example/kerry",
        &http("200 OK", "text/html; charset=utf-8", kerry.as_bytes()),
    ));
    warc.extend(record(
        "response",
        "https://news.example/logo.png",
        &http("200 OK", "image/png", b"\x89PNG...."),
    ));
    warc.extend(record(
        "response",
        "https://news.example/gone",
        &http("404 Not Found", "text/html", b"<html>not here</html>"),
    ));
    warc.extend(record(
        "response",
        "https://news.example/olives",
        &http("200 OK", "text/html", olives.as_bytes()),
    ));
    let crawl = tmp.path().join("crawl.warc");
    std::fs::write(&crawl, &warc).unwrap();

    // What khabar extracts from the crawl, one JSON line a page.
    let out = khabar(&data, ["extract", crawl.to_str().unwrap(), "--json"]);
    out.expect_code(0);
    let pages: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pages.len(), 2, "{}", out.stdout);
    assert_eq!(
        pages[0]["title"],
        json!("كيري: الدبلوماسية بشأن سوريا لا تزال حية")
    );
    assert_eq!(pages[0]["source"], json!("موقع الأخبار"));
    assert_eq!(pages[0]["url"], json!("https://news.example/kerry"));
    assert_eq!(pages[0]["language"], json!("ar"));

    // The same article from an export, under its own id and URL.
    let export = serde_json::json!({
        "id": "export-1", "title": pages[0]["title"], "text": pages[0]["text"], "url": "https://mirror.example/k"
    });
    let jsonl = write_lines(tmp.path(), "export.jsonl", &[export.to_string()]);

    let (out, summary) = ingest_json(&data, &[&crawl, &jsonl]);
    out.expect_code(0);
    assert_eq!(summary["stored"], json!(2), "{summary}");
    assert_eq!(summary["duplicates"], json!(1), "{summary}");
    assert_eq!(
        summary["skipped"],
        json!(3),
        "warcinfo, image and 404 are skipped: {summary}"
    );
    assert!(summary["rejected"].as_array().unwrap().is_empty());

    let hits = found(&data, "كيري سوريا", &[]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    let article = show(&data, "export-1").expect("the export's id names the stored article");
    let urls: Vec<&str> = article["urls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        ["https://mirror.example/k", "https://news.example/kerry"]
    );
    assert_consistent(&data);
}

#[test]
fn a_damaged_crawl_reports_the_bad_record_by_offset_and_keeps_the_rest() {
    let (tmp, data) = scratch();
    let good = page(
        "موسم جني الزيتون ينطلق في صفاقس",
        "افتتح وزير الفلاحة موسم جني الزيتون في ولاية صفاقس وسط توقعات بصابة قياسية",
    );
    let first = record(
        "response",
        "https://news.example/a",
        &http("200 OK", "text/html", good.as_bytes()),
    );
    let mut warc = first.clone();
    let junk_at = warc.len();
    warc.extend_from_slice(b"garbage that is not a WARC record\r\n\r\n");
    let other = page("وزير الخارجية يستقبل نظيره الفرنسي", "استقبل وزير الخارجية نظيره الفرنسي لبحث العلاقات الثنائية والتعاون في مجالات الطاقة والتعليم");
    warc.extend(record(
        "response",
        "https://news.example/b",
        &http("200 OK", "text/html", other.as_bytes()),
    ));
    let crawl = tmp.path().join("damaged.warc");
    std::fs::write(&crawl, &warc).unwrap();

    let out = ingest(&data, &[&crawl]);
    out.expect_code(3);
    assert!(
        out.stderr.contains(&format!("damaged.warc @{junk_at}")),
        "{}",
        out.stderr
    );
    assert_eq!(articles(&data), 2);
    assert_consistent(&data);
}
