//! A small archive of real Arabic articles (and one hostile one), and helpers to send requests
//! through the router without a socket.

#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use khabar_archive::Archive;
use khabar_server::{router, Config};
use tower::ServiceExt;

/// Six articles of the JawharaFM part of the ANT corpus (Apache-2.0; see NOTICE).
pub const JAWHARA: &str = include_str!("../../../ingest/tests/fixtures/jawharafm-sample.jsonl");
/// A news page about John Kerry and Sergey Lavrov meeting in Rome (quotations, people,
/// places, organisations).
const KERRY_PAGE: &str = include_str!("../../../ingest/tests/fixtures/example-page.txt");

/// The id of the Kerry article.
pub const KERRY: &str = "baladi-kerry";
/// The id of another outlet's report of the Kerry–Lavrov meeting, a day later.
pub const KERRY_FOLLOW_UP: &str = "aawsat-kerry";
/// The id of the hostile article.
pub const HOSTILE: &str = "hostile-1";

/// The Kerry article as a JSONL line.
pub fn kerry_jsonl() -> String {
    let page = khabar_ingest::parse_text_page(KERRY_PAGE).expect("the example page parses");
    serde_json::json!({
        "id": KERRY,
        "title": page.title,
        "source": "بلدي نيوز",
        "published": "2016-12-03",
        "url": "https://www.baladi-news.com/ar/news/details/12345",
        "category": "سياسة",
        "text": page.text,
    })
    .to_string()
}

/// Another outlet's report of the same meeting (same story thread).
pub fn follow_up_jsonl() -> String {
    serde_json::json!({
        "id": KERRY_FOLLOW_UP,
        "title": "كيري ولافروف يبحثان في روما الدبلوماسية بشأن سوريا وحلب",
        "source": "الشرق الأوسط",
        "published": "2016-12-04",
        "text": "بحث وزير الخارجية الأمريكي جون كيري ونظيره الروسي سيرجي لافروف في روما \
                 الجهود الدبلوماسية بشأن سوريا، فيما تتواصل المعارك في أحياء حلب الشرقية.\n\n\
                 وقال كيري إن الدبلوماسية بشأن سوريا لا تزال حية، وأضاف أنه سيلتقي المبعوث \
                 الأممي ستيفان دي ميستورا في جنيف الأسبوع المقبل لبحث إخراج المدنيين من حلب.",
    })
    .to_string()
}

/// An article whose fields carry markup, script, a `javascript:` URL and bidi overrides.
pub fn hostile_jsonl() -> String {
    serde_json::json!({
        "id": HOSTILE,
        "title": "<script>alert(1)</script> سوريا \u{202E}txt.exe",
        "source": "<img src=x onerror=alert(1)>",
        "published": "2016-12-05",
        "url": "javascript:alert(1)",
        "category": "\"><svg onload=alert(1)>",
        "text": "قالت مصادر في دمشق إن المفاوضات بشأن سوريا متوقفة. <img src=x onerror=alert(1)> \
                 <script>alert(document.cookie)</script>\n\nوأضافت المصادر أن \u{202E}الوضع\u{202C} \
                 في حلب ما زال صعبا، وأن الأمم المتحدة تدعو إلى هدنة جديدة في سوريا.",
    })
    .to_string()
}

/// The whole corpus as JSONL.
pub fn corpus() -> String {
    format!(
        "{}\n{}\n{}\n{}\n",
        JAWHARA.trim_end(),
        kerry_jsonl(),
        follow_up_jsonl(),
        hostile_jsonl()
    )
}

/// A new archive in a temporary directory, holding `jsonl`.
pub fn archive_with(jsonl: &str) -> (tempfile::TempDir, Arc<Archive>) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let archive = Archive::open(&dir.path().join("archive"), true).expect("an archive");
    if !jsonl.is_empty() {
        let records = khabar_ingest::read_jsonl(
            std::io::Cursor::new(jsonl.as_bytes().to_vec()),
            "test",
            &khabar_ingest::ReadOptions::default(),
        );
        let summary = archive.ingest(records, &mut ()).expect("ingest");
        assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    }
    (dir, Arc::new(archive))
}

/// The shared read-only archive of the corpus (built once per test binary).
pub fn shared() -> Arc<Archive> {
    static ARCHIVE: OnceLock<(tempfile::TempDir, Arc<Archive>)> = OnceLock::new();
    Arc::clone(&ARCHIVE.get_or_init(|| archive_with(&corpus())).1)
}

/// The router over the shared archive, read-only (no token).
pub fn app() -> Router {
    router(shared(), &Config::default())
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts a JSON error with this status and code.
    pub fn expect_error(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        assert!(self.header("content-type").starts_with("application/json"));
        assert_eq!(self.json()["error"]["code"], code, "{}", self.body);
        assert!(self.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
}

/// Sends a request through the router.
pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// `GET uri`.
pub async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// `s` percent-encoded for a URL (query value or path segment).
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
