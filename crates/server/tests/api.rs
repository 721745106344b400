//! The JSON API through the router: every endpoint, its errors and its limits.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use common::{app, enc, get, send, KERRY, KERRY_FOLLOW_UP};
use khabar_server::{router, Config, Limits};

#[tokio::test]
async fn search_returns_the_documented_shape_with_highlights_and_facets() {
    let app = app();
    let r = get(&app, &format!("/api/v1/search?q={}&limit=5", enc("كيري"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert!(v["total"].as_u64().unwrap() >= 1);
    let hit = &v["hits"][0];
    assert_eq!(hit["id"], KERRY);
    assert_eq!(hit["source"], "بلدي نيوز");
    assert_eq!(hit["published"], "2016-12-03");
    assert!(hit["snippet_html"]
        .as_str()
        .unwrap()
        .contains("<mark>كيري</mark>"));
    // The highlights are code-point ranges of the snippet that hold the searched word.
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    let marks = hit["highlights"].as_array().unwrap();
    assert!(!marks.is_empty());
    for m in marks {
        let (s, e) = (
            m[0].as_u64().unwrap() as usize,
            m[1].as_u64().unwrap() as usize,
        );
        assert!(snippet[s..e].iter().collect::<String>().contains("كيري"));
    }
    // Facets are on by default, and count the outlet.
    let sources = v["facets"]["source"].as_array().unwrap();
    assert!(
        sources
            .iter()
            .any(|s| s["value"] == "بلدي نيوز" && s["count"] == 1),
        "{sources:?}"
    );
    let people = v["facets"]["entity"].as_array().unwrap();
    assert!(people
        .iter()
        .any(|e| e["name"] == "جون كيري" && e["type"] == "PERS"));
}

#[tokio::test]
async fn search_hits_match_the_openapi_schema() {
    let app = app();
    let doc = get(&app, "/api/openapi.json").await.json();
    let props = |name: &str| -> Vec<String> {
        let mut p: Vec<String> = doc["components"]["schemas"][name]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("schema {name}"))
            .keys()
            .cloned()
            .collect();
        p.sort();
        p
    };
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    let search = get(&app, &format!("/api/v1/search?q={}", enc("سوريا")))
        .await
        .json();
    assert_eq!(keys(&search), props("SearchResponse"));
    assert_eq!(keys(&search["hits"][0]), props("SearchHit"));
    let stats = get(&app, "/api/v1/stats").await.json();
    assert_eq!(keys(&stats), props("Stats"));
    let article = get(&app, &format!("/api/v1/articles/{KERRY}")).await.json();
    assert_eq!(keys(&article), props("Article"));
    let entity = get(&app, &format!("/api/v1/entities/{}", enc("جون كيري")))
        .await
        .json();
    assert_eq!(keys(&entity), props("EntityResponse"));
    assert_eq!(keys(&entity["quotes"][0]), props("Quote"));
}

#[tokio::test]
async fn search_filters_narrow_the_hits() {
    let app = app();
    let all = get(&app, &format!("/api/v1/search?q={}", enc("سوريا")))
        .await
        .json();
    assert!(all["total"].as_u64().unwrap() >= 2, "{all}");
    let only = get(
        &app,
        &format!(
            "/api/v1/search?q={}&source={}",
            enc("سوريا"),
            enc("بلدي نيوز")
        ),
    )
    .await
    .json();
    assert_eq!(only["total"], 1);
    assert_eq!(only["hits"][0]["id"], KERRY);
    // Dates are inclusive days.
    let dated = get(
        &app,
        &format!(
            "/api/v1/search?q={}&from=2016-12-04&to=2016-12-31",
            enc("سوريا")
        ),
    )
    .await
    .json();
    assert!(dated["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["id"] != KERRY));
    let by_entity = get(&app, &format!("/api/v1/search?entity={}", enc("لافروف")))
        .await
        .json();
    // Without words every hit scores alike, and ties fall in index order, which depends on
    // the indexing threads: the article must be among the hits, and every hit must name him.
    let ids: Vec<&serde_json::Value> = by_entity["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["id"])
        .collect();
    assert!(ids.contains(&&serde_json::json!(KERRY)), "{by_entity}");
    assert!(
        by_entity["total"].as_u64().unwrap() < all["total"].as_u64().unwrap(),
        "the entity filter narrows"
    );
    let paged = get(
        &app,
        &format!("/api/v1/search?q={}&limit=1&offset=1", enc("سوريا")),
    )
    .await
    .json();
    assert_eq!(paged["hits"].as_array().unwrap().len(), 1);
    assert_ne!(paged["hits"][0]["id"], all["hits"][0]["id"]);
    let no_facets = get(
        &app,
        &format!("/api/v1/search?q={}&facets=false", enc("سوريا")),
    )
    .await
    .json();
    assert!(no_facets.get("facets").is_none());
}

#[tokio::test]
async fn bad_parameters_are_400_json_errors() {
    let app = app();
    for uri in [
        "/api/v1/search?q=x&from=2015-13-01",
        "/api/v1/search?q=x&from=yesterday",
        "/api/v1/search?q=x&from=2016-02-01&to=2016-01-01",
        "/api/v1/search?q=x&limit=ten",
        "/api/v1/search?q=x&limit=0",
        "/api/v1/search?q=x&limit=100000",
        "/api/v1/search?q=x&offset=-1",
        "/api/v1/search?q=x&thread=abc",
        "/api/v1/search?q=x&facets=maybe",
        "/api/v1/quotes?from=2016-1-1",
        "/api/v1/stories?top=many",
        "/api/v1/articles/baladi-kerry/related?limit=1000",
    ] {
        get(&app, uri).await.expect_error(400, "bad_request");
    }
    // Invalid percent-encoding and UTF-8 decode leniently rather than fail.
    let r = get(&app, "/api/v1/search?q=%FF%FE%D8").await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test]
async fn queries_too_long_are_refused() {
    let app = app();
    let long = "%D8%B3".repeat(3000);
    get(&app, &format!("/api/v1/search?q={long}"))
        .await
        .expect_error(414, "uri_too_long");
    // The search's own bound on a query (4096 bytes) is a 400, below the URL limit.
    let config = Config {
        limits: Limits {
            max_query_bytes: 100_000,
            ..Limits::default()
        },
        ..Config::default()
    };
    let roomy = router(common::shared(), &config);
    get(&roomy, &format!("/api/v1/search?q={long}"))
        .await
        .expect_error(400, "bad_request");
}

#[tokio::test]
async fn a_request_over_the_concurrency_limit_gets_503() {
    // Hold the only permit with an ingest whose body never ends, then ask for something else.
    let (_dir, archive) = common::archive_with("");
    let config = Config {
        token: Some("s3cret".into()),
        limits: Limits {
            max_concurrent: 1,
            queue_timeout: Duration::from_millis(100),
            ..Limits::default()
        },
        ..Config::default()
    };
    let app = router(archive, &config);
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<axum::body::Bytes, std::io::Error>>(1);
    let body = Body::from_stream(tokio_stream(rx));
    let request = Request::post("/api/v1/ingest")
        .header("authorization", "Bearer s3cret")
        .body(body)
        .unwrap();
    let held = tokio::spawn({
        let app = app.clone();
        async move { send(&app, request).await }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    get(&app, "/api/v1/stats")
        .await
        .expect_error(503, "overloaded");
    drop(tx);
    let done = held.await.unwrap();
    assert_eq!(done.status, 200, "{}", done.body);
    // With the permit back, requests go through again.
    assert_eq!(get(&app, "/api/v1/stats").await.status, 200);
}

#[tokio::test]
async fn an_ingest_in_progress_leaves_the_searches_their_turns() {
    // One turn for archive reads, held by nobody but an ingest whose body has not ended:
    // the ingest must not take it, or every search would wait for the whole upload.
    let (_dir, archive) = common::archive_with("");
    let config = Config {
        token: Some("s3cret".into()),
        limits: Limits {
            archive_workers: 1,
            ..Limits::default()
        },
        ..Config::default()
    };
    let app = router(archive, &config);
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<axum::body::Bytes, std::io::Error>>(1);
    let request = Request::post("/api/v1/ingest")
        .header("authorization", "Bearer s3cret")
        .body(Body::from_stream(tokio_stream(rx)))
        .unwrap();
    let held = tokio::spawn({
        let app = app.clone();
        async move { send(&app, request).await }
    });
    tx.send(Ok(format!("{}\n", common::kerry_jsonl()).into()))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    for path in [
        "/api/v1/stats",
        "/api/v1/search?q=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7",
    ] {
        let answer = tokio::time::timeout(Duration::from_secs(10), get(&app, path))
            .await
            .unwrap_or_else(|_| panic!("{path} waited for the ingest to end"));
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
    }
    drop(tx);
    let done = held.await.unwrap();
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.json()["stored"], 1, "{}", done.body);
}

/// A stream of the chunks sent on `rx` (a body that ends when the sender is dropped).
fn tokio_stream(
    mut rx: tokio::sync::mpsc::Receiver<Result<axum::body::Bytes, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<axum::body::Bytes, std::io::Error>> {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}

#[tokio::test]
async fn an_article_is_what_khabar_show_json_prints() {
    let app = app();
    let r = get(&app, &format!("/api/v1/articles/{KERRY}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let archive = common::shared();
    let stored = archive.article(KERRY).unwrap().unwrap();
    let expected = archive.article_view(stored, 10).unwrap().to_json();
    assert_eq!(v, expected);
    assert!(v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["name"] == "جون كيري"));
    assert!(v["quotes"].as_array().unwrap().len() >= 3);
}

#[tokio::test]
async fn unknown_things_are_404_json() {
    let app = app();
    get(&app, "/api/v1/articles/no-such-id")
        .await
        .expect_error(404, "not_found");
    get(&app, "/api/v1/articles/no-such-id/related")
        .await
        .expect_error(404, "not_found");
    get(&app, &format!("/api/v1/entities/{}", enc("لا أحد هنا")))
        .await
        .expect_error(404, "not_found");
    get(&app, "/api/v1/nothing")
        .await
        .expect_error(404, "not_found");
    get(&app, "/api/v2/search")
        .await
        .expect_error(404, "not_found");
    let r = send(
        &app,
        Request::delete("/api/v1/search")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    r.expect_error(405, "method_not_allowed");
}

#[tokio::test]
async fn related_entity_quotes_stories_and_stats() {
    let app = app();
    let related = get(&app, &format!("/api/v1/articles/{KERRY}/related?limit=3")).await;
    assert_eq!(related.status, 200);
    let related = related.json();
    assert_eq!(related["id"], KERRY);
    assert!(related["related"].as_array().unwrap().len() <= 3);
    assert!(related["related"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["id"] != KERRY));

    let e = get(&app, &format!("/api/v1/entities/{}", enc("كيري"))).await;
    assert_eq!(e.status, 200, "{}", e.body);
    let e = e.json();
    assert_eq!(e["entity"]["name"], "جون كيري");
    assert_eq!(e["entity"]["type"], "PERS");
    assert_eq!(
        e["months"],
        serde_json::json!([{"month": "2016-12", "articles": 2}])
    );
    assert!(e["co_mentions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "سيرجي لافروف"));
    // Newest first: the follow-up (4 December) before the first report (3 December).
    assert_eq!(e["latest"][0]["id"], KERRY_FOLLOW_UP);
    assert_eq!(e["latest"][1]["id"], KERRY);
    let quotes = e["quotes"].as_array().unwrap();
    assert!(quotes.len() >= 2);
    let days: Vec<&str> = quotes
        .iter()
        .map(|q| q["published"].as_str().unwrap())
        .collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");

    let q = get(
        &app,
        &format!("/api/v1/quotes?speaker={}&limit=2", enc("كيري")),
    )
    .await
    .json();
    let quotes = q["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 2);
    assert!(quotes
        .iter()
        .all(|q| q["speaker"].as_str().unwrap().contains("كيري")));

    let s = get(&app, "/api/v1/stories?from=2016-01-01&to=2017-12-31&top=5").await;
    assert_eq!(s.status, 200);
    assert!(s.json()["stories"].is_array());

    let stats = get(&app, "/api/v1/stats").await.json();
    assert_eq!(stats["articles"], 9);
    assert_eq!(stats["indexed"], 9);
}

#[tokio::test]
async fn openapi_lists_every_endpoint() {
    let r = get(&app(), "/api/openapi.json").await;
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/search",
        "/api/v1/articles/{id}",
        "/api/v1/articles/{id}/related",
        "/api/v1/entities/{name}",
        "/api/v1/quotes",
        "/api/v1/stories",
        "/api/v1/stats",
        "/api/v1/ingest",
    ] {
        assert!(paths.contains_key(p), "{p} missing from {:?}", paths.keys());
    }
    let params: Vec<&str> = doc["paths"]["/api/v1/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in [
        "q", "source", "from", "to", "category", "entity", "limit", "offset",
    ] {
        assert!(params.contains(&p), "{p}");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = app();
    for uri in ["/api/v1/stats", "/api/v1/nothing", "/", "/static/style.css"] {
        let r = get(&app, uri).await;
        assert!(
            r.header("content-security-policy")
                .contains("default-src 'none'"),
            "{uri}"
        );
        assert!(r
            .header("content-security-policy")
            .contains("frame-ancestors 'none'"));
        assert_eq!(r.header("x-content-type-options"), "nosniff");
        assert_eq!(r.header("referrer-policy"), "no-referrer");
    }
}

#[tokio::test]
async fn reports_of_one_event_form_a_story() {
    let app = app();
    let s = get(&app, "/api/v1/stories?from=2016-12-01&to=2016-12-31")
        .await
        .json();
    let story = &s["stories"][0];
    assert_eq!(story["size"], 2, "{s}");
    let outlets: Vec<&str> = story["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o[0].as_str().unwrap())
        .collect();
    assert!(
        outlets.contains(&"بلدي نيوز") && outlets.contains(&"الشرق الأوسط"),
        "{outlets:?}"
    );
    // The thread filter finds both, and the article shows its thread.
    let id = story["id"].as_i64().unwrap();
    let hits = get(&app, &format!("/api/v1/search?thread={id}"))
        .await
        .json();
    assert_eq!(hits["total"], 2);
    let a = get(&app, &format!("/api/v1/articles/{KERRY}")).await.json();
    assert_eq!(a["thread"]["id"], id);
    assert_eq!(a["thread"]["size"], 2);
}
