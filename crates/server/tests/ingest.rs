//! `POST /api/v1/ingest`: the token, the body kinds, the size limit.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{archive_with, enc, get, send, KERRY};
use khabar_server::{router, Config, Limits};

const TOKEN: &str = "a-long-random-token";

fn writable(limits: Limits) -> (tempfile::TempDir, axum::Router) {
    let (dir, archive) = archive_with("");
    let config = Config {
        token: Some(TOKEN.into()),
        limits,
        ..Config::default()
    };
    (dir, router(archive, &config))
}

fn post(body: impl Into<Body>, token: Option<&str>, content_type: Option<&str>) -> Request<Body> {
    let mut r = Request::post("/api/v1/ingest");
    if let Some(t) = token {
        r = r.header("authorization", format!("Bearer {t}"));
    }
    if let Some(c) = content_type {
        r = r.header("content-type", c);
    }
    r.body(body.into()).unwrap()
}

#[tokio::test]
async fn writes_are_refused_without_a_configured_token() {
    let (_dir, archive) = archive_with("");
    let app = router(archive, &Config::default());
    let r = send(&app, post(common::kerry_jsonl(), Some("anything"), None)).await;
    r.expect_error(403, "forbidden");
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("KHABAR_TOKEN"));
    // An empty token is no token.
    let (_dir, archive) = archive_with("");
    let config = Config {
        token: Some(String::new()),
        ..Config::default()
    };
    let app = router(archive, &config);
    send(&app, post(common::kerry_jsonl(), Some(""), None))
        .await
        .expect_error(403, "forbidden");
}

#[tokio::test]
async fn a_missing_or_wrong_token_is_401_and_stores_nothing() {
    let (_dir, app) = writable(Limits::default());
    let r = send(&app, post(common::kerry_jsonl(), None, None)).await;
    r.expect_error(401, "unauthorized");
    assert_eq!(r.header("www-authenticate"), "Bearer");
    send(&app, post(common::kerry_jsonl(), Some("wrong"), None))
        .await
        .expect_error(401, "unauthorized");
    send(
        &app,
        post(common::kerry_jsonl(), Some(&format!("{TOKEN}x")), None),
    )
    .await
    .expect_error(401, "unauthorized");
    assert_eq!(get(&app, "/api/v1/stats").await.json()["articles"], 0);
}

#[tokio::test]
async fn jsonl_is_stored_and_searchable_with_rejections_named() {
    let (_dir, app) = writable(Limits::default());
    let body = format!(
        "{}\n{}\nnot json at all\n{{\"id\": \"empty\", \"title\": \"عنوان\", \"text\": \"\"}}\n",
        common::JAWHARA.lines().next().unwrap(),
        common::kerry_jsonl()
    );
    let r = send(&app, post(body, Some(TOKEN), Some("application/x-ndjson"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let s = r.json();
    assert_eq!(s["read"], 4);
    assert_eq!(s["stored"], 2);
    let rejected = s["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 2, "{rejected:?}");
    assert_eq!(rejected[0]["location"], "request:3");
    assert_eq!(rejected[1]["location"], "request:4");
    assert!(rejected
        .iter()
        .all(|r| !r["reason"].as_str().unwrap().is_empty()));
    // Searchable at once, and again (same content) a duplicate, not a second copy.
    let found = get(&app, &format!("/api/v1/search?q={}", enc("لافروف")))
        .await
        .json();
    assert_eq!(found["hits"][0]["id"], KERRY);
    let again = send(&app, post(common::kerry_jsonl(), Some(TOKEN), None))
        .await
        .json();
    assert_eq!(
        (again["stored"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(1))
    );
}

#[tokio::test]
async fn an_html_page_is_extracted_and_stored() {
    let (_dir, app) = writable(Limits::default());
    let page = "<!doctype html><html lang=\"ar\"><head><meta charset=\"utf-8\">\
        <title>الأمم المتحدة تدعو إلى هدنة في حلب</title></head><body><article>\
        <h1>الأمم المتحدة تدعو إلى هدنة في حلب</h1>\
        <p>دعت الأمم المتحدة اليوم إلى هدنة إنسانية عاجلة في مدينة حلب السورية، للسماح بإدخال \
        المساعدات الغذائية والطبية إلى الأحياء المحاصرة التي يعيش فيها آلاف المدنيين.</p>\
        <p>وقال المبعوث الأممي إلى سوريا ستيفان دي ميستورا إن الوضع الإنساني في المدينة بلغ \
        مرحلة خطيرة، وإن المنظمة مستعدة لإرسال القوافل فور الاتفاق على وقف إطلاق النار بين \
        الأطراف المتحاربة في الأيام المقبلة.</p></article></body></html>";
    let r = send(
        &app,
        Request::post(format!(
            "/api/v1/ingest?url={}",
            enc("https://example.com/aleppo")
        ))
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("content-type", "text/html; charset=utf-8")
        .body(Body::from(page))
        .unwrap(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["stored"], 1, "{}", r.body);
    let found = get(&app, &format!("/api/v1/search?q={}", enc("هدنة حلب")))
        .await
        .json();
    assert_eq!(found["total"], 1, "{found}");
}

#[tokio::test]
async fn a_warc_crawl_is_read_page_by_page() {
    let (_dir, app) = writable(Limits::default());
    let html = "<html><head><meta charset=\"utf-8\"><title>تونس تستعد للانتخابات البلدية</title></head>\
        <body><article><h1>تونس تستعد للانتخابات البلدية</h1><p>أعلنت الهيئة العليا المستقلة \
        للانتخابات في تونس اليوم عن الروزنامة النهائية للانتخابات البلدية، التي ستجرى في شهر \
        ماي المقبل في كل البلديات، بمشاركة آلاف المترشحين من الأحزاب والقائمات المستقلة.</p>\
        <p>وقال رئيس الهيئة إن الاستعدادات اللوجستية تسير بنسق جيد، وإن مراكز الاقتراع ستفتح \
        أبوابها من الساعة الثامنة صباحا إلى السادسة مساء في جميع الولايات.</p></article></body></html>";
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    );
    let warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
         WARC-Date: 2018-01-15T10:00:00Z\r\nWARC-Target-URI: https://example.tn/elections\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    let r = send(&app, post(warc, Some(TOKEN), Some("application/warc"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["stored"], 1, "{}", r.body);
    let found = get(
        &app,
        &format!("/api/v1/search?q={}", enc("الانتخابات البلدية")),
    )
    .await
    .json();
    assert_eq!(
        found["hits"][0]["published"].as_str().map(|p| &p[..10]),
        Some("2018-01-15")
    );
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let limits = Limits {
        max_body_bytes: 3000,
        ..Limits::default()
    };
    // Declared too large: refused before reading.
    let (_dir, app) = writable(limits);
    let big = format!("{}\n", common::kerry_jsonl());
    assert!(big.len() > 3000, "{}", big.len());
    send(&app, post(big.clone(), Some(TOKEN), None))
        .await
        .expect_error(413, "payload_too_large");
    // Streamed without a length: cut at the limit, and the summary says what was stored.
    let small = common::JAWHARA.lines().nth(3).unwrap();
    assert!(small.len() < 3000, "{}", small.len());
    let chunks: Vec<Result<String, std::io::Error>> =
        vec![Ok(format!("{small}\n")), Ok(big.clone()), Ok(big)];
    let body = Body::from_stream(futures_util::stream::iter(chunks));
    let r = send(&app, post(body, Some(TOKEN), None)).await;
    r.expect_error(413, "payload_too_large");
    assert_eq!(r.json()["summary"]["stored"], 1, "{}", r.body);
    // An HTML page is read whole, so the limit applies before anything is stored.
    let page = format!("<html><body><p>{}</p></body></html>", "سوريا ".repeat(400));
    send(&app, post(page, Some(TOKEN), Some("text/html")))
        .await
        .expect_error(413, "payload_too_large");
}

#[tokio::test]
async fn unknown_content_types_are_415() {
    let (_dir, app) = writable(Limits::default());
    send(&app, post("x", Some(TOKEN), Some("image/png")))
        .await
        .expect_error(415, "unsupported_media_type");
}
