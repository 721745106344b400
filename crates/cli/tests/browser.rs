//! The web UI in a real browser: headless Chromium, driven over WebDriver (chromedriver).
//!
//! The test ingests the bundled sample (the example news page and 1,000 JawharaFM articles)
//! plus one hostile page, starts `khabar serve` on a free loopback port, and then, as a reader
//! would: searches for a word in Arabic, checks the page runs right to left and that every
//! highlighted word is the searched one, opens a result, follows an entity, looks at the
//! stories, and opens the hostile article to check that nothing in it executed. A screenshot of
//! each page is saved under `target/browser-screenshots/` (the test's artefacts).
//!
//! Without Chromium and chromedriver (`apt-get install chromium chromium-driver`), `cargo test`
//! skips this test with a message; with `CI=true` their absence is a failure, so CI always runs
//! it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{free_port, serve_command, start_server, wait_for_port, Killed};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn screenshots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/browser-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

async fn screenshot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    std::fs::write(screenshots_dir().join(format!("{name}.png")), png).expect("saved");
}

/// Search-folded form of a word, to compare highlighted text with the query.
fn folded(s: &str) -> String {
    khabar_text::normalize(s)
}

/// A page whose title, body and URL try to run script or spoof text direction.
fn hostile_page(dir: &Path) -> PathBuf {
    let text = "<script>window.__pwned = 1</script> أعلنت الحكومة اليوم عن خطة جديدة لدعم \
        المزارعين في المناطق الريفية <img src=x onerror=\"window.__pwned = 2\"> وقال الوزير إن \
        الخطة تشمل قروضا ميسرة ومعدات حديثة.\n\u{202E}txt.exe\u{202C} وأضاف أن التنفيذ يبدأ \
        الشهر المقبل في ثلاث ولايات.";
    let line = json!({
        "id": "hostile-1",
        "title": "خطة المزارعين <script>window.__pwned = 3</script><img src=x onerror=\"window.__pwned = 4\">",
        "url": "javascript:window.__pwned=5",
        "source": "<b onmouseover=\"window.__pwned = 6\">outlet</b>",
        "published": "2017-01-20",
        "text": text,
    });
    common::write_lines(dir, "hostile.jsonl", &[line.to_string()])
}

/// Whether the browser tests can run here; panics under CI when they cannot.
fn browser_available() -> bool {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !present {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but {CHROMIUM} or {CHROMEDRIVER} is missing: .ci/run installs them"
        );
        eprintln!(
            "skipping the browser test: {CHROMIUM} and {CHROMEDRIVER} are not installed \
             (apt-get install chromium chromium-driver)"
        );
    }
    present
}

#[test]
fn a_reader_searches_opens_an_article_and_follows_an_entity() {
    if !browser_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("archive");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let hostile = hostile_page(tmp.path());
    common::ingest(&data, &[&sample, &hostile]).expect_code(0);

    let port = free_port();
    let _server = start_server(serve_command(&data, port).stderr(Stdio::inherit()), port);

    let driver_port = free_port();
    let mut driver = Command::new(CHROMEDRIVER)
        .arg(format!("--port={driver_port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    wait_for_port(driver_port, &mut driver, "chromedriver");
    let _driver = Killed(driver);

    let profile = tempfile::tempdir().unwrap();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(drive(
            format!("http://127.0.0.1:{port}"),
            driver_port,
            profile.path(),
        ));
}

async fn drive(base: String, driver_port: u16, profile: &Path) {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            // The flags this machine's closed network needs (no background connections).
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("a WebDriver session with headless Chromium");
    let result = reader_session(&client, &base).await;
    let _ = client.close().await;
    result
}

/// Waits for the page's `element`, checks the URL's path starts with `path`, and returns the
/// page's heading.
async fn arrive(c: &Client, element: &str, path: &str) -> String {
    c.wait()
        .for_element(Locator::Css(element))
        .await
        .unwrap_or_else(|e| panic!("no {element} on the page for {path}: {e}"));
    let url = c.current_url().await.unwrap();
    assert!(url.path().starts_with(path), "{url} is not under {path}");
    c.find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn reader_session(c: &Client, base: &str) {
    // The front page: one Arabic search box, right to left.
    c.goto(&format!("{base}/")).await.unwrap();
    let html = c.find(Locator::Css("html")).await.unwrap();
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("rtl"));
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("ar"));
    let direction = c
        .execute(
            "return getComputedStyle(document.body).direction",
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(direction, json!("rtl"));
    screenshot(c, "home").await;

    // Search as a reader types it: the query is the example page's subject, without ال.
    let query = "كيري";
    let q = c.find(Locator::Css("#q")).await.unwrap();
    q.send_keys(query).await.unwrap();
    q.send_keys("\u{E007}").await.unwrap(); // Enter
    c.wait()
        .for_element(Locator::Css(".hit"))
        .await
        .expect("results");
    let url = c.current_url().await.unwrap();
    assert!(
        url.path().ends_with("/search"),
        "the query is in the URL: {url}"
    );
    assert!(
        url.query_pairs().any(|(k, v)| k == "q" && v == query),
        "the query is in the URL: {url}"
    );
    let marks = c.find_all(Locator::Css(".hit mark")).await.unwrap();
    assert!(!marks.is_empty(), "the searched word is highlighted");
    for m in &marks {
        let text = m.text().await.unwrap();
        assert!(
            folded(&text).contains(&folded(query)),
            "a highlight that is not the searched word: {text:?}"
        );
    }
    screenshot(c, "search").await;

    // Open the first result: the example page's article, its text and entities.
    let first = c.find(Locator::Css(".hit a.hit-title")).await.unwrap();
    let title = first.text().await.unwrap();
    first.click().await.unwrap();
    let h1 = arrive(c, "article", "/articles/").await;
    assert_eq!(h1.trim(), title.trim(), "the page of the result clicked");
    let entities = c.find_all(Locator::Css("a.entity")).await.unwrap();
    assert!(
        !entities.is_empty(),
        "the people, places and organisations it names"
    );
    screenshot(c, "article").await;

    // Follow a person the article names.
    let mut lavrov = None;
    for e in entities {
        if e.text().await.unwrap().contains("لافروف") {
            lavrov = Some(e);
            break;
        }
    }
    lavrov.expect("لافروف is linked").click().await.unwrap();
    let heading = arrive(c, "h1", "/entities/").await;
    assert!(heading.contains("لافروف"), "the entity's page: {heading:?}");
    assert!(
        !c.find_all(Locator::Css("#latest li a[href^=\"/articles/\"]"))
            .await
            .unwrap()
            .is_empty(),
        "the articles that mention it"
    );
    screenshot(c, "entity").await;

    c.goto(&format!("{base}/stories")).await.unwrap();
    screenshot(c, "stories").await;

    // The hostile article: found, shown, and nothing in it ran.
    c.goto(&format!("{base}/articles/hostile-1")).await.unwrap();
    c.wait()
        .for_element(Locator::Css("article"))
        .await
        .expect("the hostile article's page");
    let pwned = c
        .execute("return window.__pwned === undefined", Vec::new())
        .await
        .unwrap();
    assert_eq!(pwned, json!(true), "script from the article ran");
    let hrefs = c
        .execute(
            "return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))",
            Vec::new(),
        )
        .await
        .unwrap();
    for href in hrefs.as_array().unwrap() {
        let href = href.as_str().unwrap_or("");
        assert!(
            !href.trim().to_lowercase().starts_with("javascript:"),
            "a javascript: link: {href}"
        );
    }
    let body = c
        .find(Locator::Css("article"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("خطة جديدة لدعم المزارعين"),
        "the text is shown"
    );
    assert!(
        !body.contains('\u{202E}'),
        "a bidi override reached the page"
    );
    screenshot(c, "hostile").await;

    // A phone's width: nothing wider than the screen.
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&format!("{base}/search?q={query}")).await.unwrap();
    let overflow = c
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1",
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(
        overflow,
        json!(true),
        "the search page scrolls sideways on a phone"
    );
    screenshot(c, "search-phone").await;
}
