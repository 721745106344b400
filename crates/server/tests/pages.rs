//! The HTML pages through the router: Arabic by default, English on request, the expected
//! content, and hostile article text that must neither run nor spoof.

mod common;

use common::{app, enc, get, Reply, HOSTILE, KERRY};

/// Every `href="…"` value of a page.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap_or(rest.len())])
        .collect()
}

/// What no page may contain, whatever the data: a script or style element or attribute, an
/// element smuggled in by the data, a link anywhere but here or the web, a bidi override.
fn assert_inert(r: &Reply) {
    let html = &r.body;
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "a script element");
    assert!(!lower.contains("<img"), "an image element from the data");
    assert!(
        !lower.contains("<svg onload"),
        "an svg element from the data"
    );
    assert!(!lower.contains("<style"), "an inline style element");
    assert!(!lower.contains(" style="), "an inline style attribute");
    for href in hrefs(html) {
        assert!(
            href.starts_with('/') || href.starts_with("https://") || href.starts_with("http://"),
            "a link to {href:?}"
        );
    }
    for c in [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2069}',
    ] {
        assert!(!html.contains(c), "bidi control U+{:04X}", c as u32);
    }
}

fn assert_html(r: &Reply, status: u16) {
    assert_eq!(r.status.as_u16(), status, "{}", r.body);
    assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
    assert!(r.body.starts_with("<!DOCTYPE html>"));
    assert_inert(r);
}

#[tokio::test]
async fn the_start_page_is_arabic_and_right_to_left() {
    let r = get(&app(), "/").await;
    assert_html(&r, 200);
    assert!(r.body.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(r.body.contains(r#"id="q""#));
    assert!(r.body.contains("ابحث في الأرشيف"));
    assert!(r.body.contains("يضم الأرشيف 9 مقالات"), "{}", r.body);
    assert!(r.body.contains(r#"href="/search?source=Jawhara+FM""#));
    assert!(
        r.body.contains(r#"href="/?lang=en""#),
        "the language switch"
    );
}

#[tokio::test]
async fn english_is_one_parameter_away_and_links_keep_it() {
    let r = get(&app(), &format!("/search?q={}&lang=en", enc("كيري"))).await;
    assert_html(&r, 200);
    assert!(r.body.contains(r#"<html lang="en" dir="ltr">"#));
    assert!(r.body.contains(">Search<"));
    assert!(
        r.body
            .contains(&format!(r#"href="/articles/{KERRY}?lang=en""#)),
        "{}",
        r.body
    );
    // The switch back to Arabic keeps the query and drops only the language.
    assert!(r.body.contains(&format!(
        r#"id="lang-switch" href="/search?q={}""#,
        "%D9%83%D9%8A%D8%B1%D9%8A"
    )));
}

#[tokio::test]
async fn search_results_have_highlights_facets_a_chart_and_pages() {
    let app = app();
    let r = get(&app, &format!("/search?q={}", enc("كيري"))).await;
    assert_html(&r, 200);
    let html = &r.body;
    assert!(html.contains(r#"<li class="hit""#));
    assert!(html.contains(&format!(
        r#"<a class="hit-title" href="/articles/{KERRY}">"#
    )));
    assert!(html.contains("<mark>كيري</mark>"));
    assert!(html.contains("بلدي نيوز"));
    assert!(html.contains(r#"<time datetime="2016-12-03" dir="ltr">2016-12-03</time>"#));
    // The facet link adds the outlet to the search.
    assert!(html.contains(&format!(
        r#"href="/search?q={}&amp;source={}""#,
        "%D9%83%D9%8A%D8%B1%D9%8A", "%D8%A8%D9%84%D8%AF%D9%8A+%D9%86%D9%8A%D9%88%D8%B2"
    )));
    // One bar (one day), linked to that day.
    assert!(html.contains(r#"id="chart""#));
    assert!(html.contains("from=2016-12-03&amp;to=2016-12-03"), "{html}");

    // Pagination: a page of one, with a link to the next.
    let r = get(&app, &format!("/search?q={}&limit=1", enc("سوريا"))).await;
    assert_html(&r, 200);
    assert_eq!(r.body.matches(r#"<li class="hit""#).count(), 1);
    assert!(r.body.contains("limit=1&amp;offset=1"), "{}", r.body);
    let r = get(
        &app,
        &format!("/search?q={}&limit=1&offset=1", enc("سوريا")),
    )
    .await;
    assert!(r.body.contains(r#"rel="prev""#));
}

#[tokio::test]
async fn the_chart_narrows_the_dates_and_filters_show_as_removable() {
    let r = get(
        &app(),
        &format!("/search?q={}&from=2016-12-01&to=2016-12-31", enc("سوريا")),
    )
    .await;
    assert_html(&r, 200);
    // Both matching days get a bar linking to that day alone.
    assert!(r.body.contains("from=2016-12-03&amp;to=2016-12-03"));
    assert!(r.body.contains("from=2016-12-05&amp;to=2016-12-05"));
    assert!(r.body.contains(r#"class="active-filters""#));
    assert!(r.body.contains(r#"value="2016-12-01""#));
}

#[tokio::test]
async fn bad_search_parameters_are_a_400_page() {
    let r = get(&app(), "/search?q=x&from=2016-99-99").await;
    assert_html(&r, 400);
    assert!(r.body.contains("طلب غير صالح"));
}

#[tokio::test]
async fn the_article_page_shows_text_entities_quotes_and_links() {
    let r = get(&app(), &format!("/articles/{KERRY}")).await;
    assert_html(&r, 200);
    let html = &r.body;
    assert!(html.contains("كيري: الدبلوماسية بشأن سوريا لا تزال حية"));
    assert!(
        html.contains(r#"<p dir="auto">دعا وزير الخارجية الأمريكي جون كيري"#),
        "{html}"
    );
    assert!(html.contains(&format!(
        r#"<a class="entity" href="/entities/{}" data-type="PERS">"#,
        enc("جون كيري")
    )));
    assert!(html.contains(r#"id="quotes""#));
    assert!(html.contains("كل الدبلوماسية لا تزال على قيد الحياة"));
    assert!(html.contains(r#"href="https://www.baladi-news.com/ar/news/details/12345""#));
    // Its story thread (the other outlet's report) and related articles.
    assert!(html.contains(r#"id="thread""#));
    assert!(html.contains(r#"id="related""#));
    assert!(html.contains(r#"href="/articles/aawsat-kerry""#));
}

#[tokio::test]
async fn the_entity_page_shows_mentions_co_mentions_and_quotes() {
    let r = get(&app(), &format!("/entities/{}", enc("جون كيري"))).await;
    assert_html(&r, 200);
    let html = &r.body;
    assert!(html.contains(r#"<h1 id="entity-name" dir="auto">جون كيري</h1>"#));
    assert!(html.contains(r#"id="chart""#));
    assert!(html.contains(&format!(r#"href="/entities/{}""#, enc("سيرجي لافروف"))));
    assert!(html.contains(r#"id="quotes""#));
    assert!(html.contains(&format!(r#"href="/articles/{KERRY}""#)));
    // Months link to the entity's articles in that month.
    assert!(html.contains("from=2016-12-01&amp;to=2016-12-31"));
}

#[tokio::test]
async fn stories_and_missing_pages() {
    let app = app();
    let r = get(&app, "/stories?from=2016-12-01&to=2016-12-31").await;
    assert_html(&r, 200);
    assert!(r.body.contains(r#"<li class="story""#), "{}", r.body);
    assert!(r.body.contains("الشرق الأوسط") && r.body.contains("بلدي نيوز"));
    assert!(r.body.contains(r#"href="/search?thread="#));
    assert_html(&get(&app, "/stories?from=soon").await, 400);
    let r = get(&app, "/articles/no-such-article").await;
    assert_html(&r, 404);
    assert!(r.body.contains("لا يوجد مقال بهذا المعرف"));
    assert_html(
        &get(&app, &format!("/entities/{}", enc("لا أحد"))).await,
        404,
    );
    assert_html(&get(&app, "/no/such/page").await, 404);
}

#[tokio::test]
async fn hostile_article_text_neither_runs_nor_spoofs() {
    let app = app();
    let r = get(&app, &format!("/articles/{HOSTILE}")).await;
    assert_html(&r, 200);
    let html = &r.body;
    // The markup is shown as text…
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; سوريا txt.exe"),
        "{html}"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&quot;&gt;&lt;svg onload=alert(1)&gt;"));
    // …and the javascript: URL too, never as a link.
    assert!(html.contains("<span class=\"url\">javascript:alert(1)</span>"));

    // The same in search results (title, outlet and snippet).
    let r = get(&app, &format!("/search?q={}&limit=50", enc("سوريا"))).await;
    assert_html(&r, 200);
    assert!(r.body.contains(&format!(r#"href="/articles/{HOSTILE}""#)));
    assert!(r.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    // A hostile query is echoed escaped, in the box and the title.
    let r = get(
        &app,
        &format!("/search?q={}", enc("\"><script>alert(1)</script>")),
    )
    .await;
    assert_html(&r, 200);
    assert!(r
        .body
        .contains(r#"value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;""#));
}

#[tokio::test]
async fn static_files_are_compiled_in_and_nothing_else_is_served() {
    let app = app();
    let css = get(&app, "/static/style.css").await;
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").starts_with("text/css"));
    assert!(css.body.contains("@font-face"));
    let font = get(
        &app,
        "/static/fonts/noto-naskh-arabic-arabic-400-normal.woff2",
    )
    .await;
    assert_eq!(font.status, 200);
    assert_eq!(font.header("content-type"), "font/woff2");
    assert_eq!(get(&app, "/static/fonts/OFL.txt").await.status, 200);
    for uri in [
        "/static/fonts/..%2F..%2FCargo.toml",
        "/static/fonts/%2Fetc%2Fpasswd",
        "/static/../Cargo.toml",
        "/static/fonts/nope.woff2",
    ] {
        assert_eq!(get(&app, uri).await.status, 404, "{uri}");
    }
}
