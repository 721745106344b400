//! HTML pages: main text, metadata, title without tagline, related links, charsets, bad pages.

use khabar_ingest::{parse_html_page, RecordError};

/// A real Arabic news page (assabah.com.tn, from trafilatura's test set, Apache-2.0) and the
/// checks its reference data makes: words the main text must keep and boilerplate it must drop.
#[test]
fn the_assabah_page_keeps_its_text_and_drops_its_boilerplate() {
    let html = include_bytes!("fixtures/assabah.html");
    let a = parse_html_page(html, None, None).expect("an article");
    for kept in ["منذ بدء", "كل المجالات", "وماذا عن حقيقة"] {
        assert!(a.text.contains(kept), "lost {kept:?}");
    }
    for dropped in ["كورونا يقتل", "غائم جزئيا", "إضافة تعليق جديد"]
    {
        assert!(!a.text.contains(dropped), "kept boilerplate {dropped:?}");
    }
    assert!(
        a.title
            .starts_with("الناشط الحقوقي السوداني خالد عبد الكريم ماسا"),
        "{}",
        a.title
    );
    assert!(a
        .url
        .as_deref()
        .unwrap_or("")
        .contains("assabah.com.tn/article/164913"));
}

fn news_page(body_extra: &str) -> String {
    let paragraph = "دعا وزير الخارجية الأمريكي جون كيري، أمس الجمعة، لمواصلة الجهود للتوصل إلى سلام في سوريا، \
                     وذلك أثناء زيارة إلى روما التقى خلالها بنظيره الروسي سيرجي لافروف على هامش منتدى حضره \
                     وزراء خارجية ومدراء تنفيذيون لشركات طاقة.";
    let paras: String = (0..6)
        .map(|i| format!("<p>{paragraph} ({i})</p>\n"))
        .collect();
    format!(
        r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>كيري: الدبلوماسية بشأن سوريا لا تزال حية - بلدي نيوز</title>
<meta property="og:site_name" content="بلدي نيوز">
<link rel="canonical" href="https://example.org/news/123">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"كيري: الدبلوماسية بشأن سوريا لا تزال حية","datePublished":"2016-12-03T10:20:00+03:00",
 "author":{{"@type":"Person","name":"فريق التحرير"}}}}</script></head>
<body><header><nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a></nav></header>
<main><article><h1>كيري: الدبلوماسية بشأن سوريا لا تزال حية</h1>
<p>بلدي نيوز- (متابعات)</p>
{paras}
</article>
<section class="related"><h3>مقالات ذات صلة</h3><ul>
<li><a href="/news/200">خسائر من قوات النظام باشتباكات مع التنظيم بريف دير الزور</a></li>
<li><a href="/news/201">قصف مجهول يستهدف معبر أبو الزندين شرق حلب</a></li>
<li><a href="https://example.org/news/202">النظام يوصل قصفه على ريفي إدلب وحلب</a></li>
</ul></section>{body_extra}</main>
<footer>جميع الحقوق محفوظة</footer></body></html>"#
    )
}

#[test]
fn a_news_page_gives_title_outlet_date_author_and_related_links_apart_from_the_body() {
    let a = parse_html_page(
        news_page("").as_bytes(),
        Some("https://example.org/news/123?utm=x"),
        None,
    )
    .unwrap();
    assert_eq!(a.title, "كيري: الدبلوماسية بشأن سوريا لا تزال حية");
    assert_eq!(a.source.as_deref(), Some("بلدي نيوز"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/news/123"));
    assert_eq!(a.published.as_deref(), Some("2016-12-03T10:20:00+03:00"));
    assert_eq!(a.author.as_deref(), Some("فريق التحرير"));
    assert!(a.text.contains("دعا وزير الخارجية الأمريكي جون كيري"));
    let related: Vec<(&str, Option<&str>)> = a
        .related
        .iter()
        .map(|r| (r.title.as_str(), r.url.as_deref()))
        .collect();
    assert_eq!(
        related,
        [
            (
                "خسائر من قوات النظام باشتباكات مع التنظيم بريف دير الزور",
                Some("https://example.org/news/200")
            ),
            (
                "قصف مجهول يستهدف معبر أبو الزندين شرق حلب",
                Some("https://example.org/news/201")
            ),
            (
                "النظام يوصل قصفه على ريفي إدلب وحلب",
                Some("https://example.org/news/202")
            ),
        ]
    );
    for r in &a.related {
        assert!(
            !a.text.contains(&r.title),
            "related headline in the body: {}",
            r.title
        );
    }
}

/// The page's chrome (menus, sidebars, footer, share buttons) is removed before parsing; a
/// related-articles block in a sidebar is not, nor JSON-LD in the footer.
#[test]
fn chrome_goes_but_related_links_in_a_sidebar_and_metadata_in_the_footer_stay() {
    let page = news_page(
        r#"<aside class="most-read"><h3>الأكثر مشاهدة</h3><ul><li><a href="/news/300">الأكثر مشاهدة اليوم في بلدي نيوز عن سوريا</a></li></ul></aside>
<button class="share">شارك على فيسبوك</button>"#,
    )
    .replace(
        "<section class=\"related\">",
        "<aside class=\"related\" data-widget=\"related\">",
    )
    .replace("</ul></section>", "</ul></aside>")
    .replace(
        "<footer>جميع الحقوق محفوظة</footer>",
        r#"<footer><p>جميع الحقوق محفوظة</p><script type="application/ld+json">{"@type":"NewsArticle","dateModified":"2016-12-04"}</script></footer>"#,
    );
    assert!(page.contains("<aside class=\"related\""));
    let a = parse_html_page(page.as_bytes(), Some("https://example.org/news/123"), None).unwrap();
    assert_eq!(a.title, "كيري: الدبلوماسية بشأن سوريا لا تزال حية");
    assert_eq!(a.published.as_deref(), Some("2016-12-03T10:20:00+03:00"));
    assert!(a.text.contains("دعا وزير الخارجية الأمريكي جون كيري"));
    for chrome in ["الرئيسية", "الأكثر مشاهدة", "شارك على فيسبوك", "جميع الحقوق"]
    {
        assert!(!a.text.contains(chrome), "kept {chrome:?}: {}", a.text);
    }
    let related: Vec<&str> = a.related.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        related,
        [
            "خسائر من قوات النظام باشتباكات مع التنظيم بريف دير الزور",
            "قصف مجهول يستهدف معبر أبو الزندين شرق حلب",
            "النظام يوصل قصفه على ريفي إدلب وحلب",
        ]
    );
}

#[test]
fn a_windows_1256_page_reads_the_same_as_utf8() {
    let utf8 = news_page("");
    let declared = utf8.replace("charset=\"utf-8\"", "charset=\"windows-1256\"");
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&declared);
    let a = parse_html_page(&bytes, None, None).unwrap();
    assert_eq!(a.title, "كيري: الدبلوماسية بشأن سوريا لا تزال حية");
    assert!(a.text.contains("دعا وزير الخارجية الأمريكي جون كيري"));
    // The HTTP header's charset wins over a missing declaration.
    let undeclared = utf8.replace("<meta charset=\"utf-8\">", "");
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&undeclared);
    let a = parse_html_page(&bytes, None, Some("windows-1256")).unwrap();
    assert!(a.text.contains("دعا وزير الخارجية الأمريكي جون كيري"));
}

#[test]
fn pages_without_an_article_are_rejected_with_a_reason() {
    let cases: [&[u8]; 4] = [
        b"<html><head><title>x</title></head><body></body></html>",
        b"<html><body><script>var a = 1; document.write('hello');</script></body></html>",
        b"\x00\x01\x02\xff\xfe binary junk",
        b"",
    ];
    for html in cases {
        match parse_html_page(html, None, None) {
            Err(RecordError::NotArticle(_) | RecordError::NoText) => {}
            other => panic!("expected no article, got {other:?}"),
        }
    }
}

#[test]
fn deeply_nested_markup_is_refused_quickly() {
    let html = format!(
        "<html><body>{}<p>نص</p></body></html>",
        "<div>".repeat(100_000)
    );
    let started = std::time::Instant::now();
    let err = parse_html_page(html.as_bytes(), None, None).unwrap_err();
    assert!(
        matches!(err, RecordError::NotArticle(ref m) if m.contains("nested")),
        "{err}"
    );
    assert!(started.elapsed().as_secs() < 5);
}

/// Markup nested just under the limit is extracted, and the extractor's walks of the tree (which
/// recurse once a level) fit in a thread's default 2 MiB stack, unoptimized.
#[test]
fn markup_nested_just_under_the_limit_is_extracted_on_a_small_stack() {
    let depth = khabar_ingest::html::MAX_NESTING - 20;
    let text = "أعلنت وزارة الصحة، اليوم الأحد، عن تسجيل حالات جديدة في ولاية صفاقس، وقالت إن الوضع تحت السيطرة.";
    let html = format!(
        "<html><head><title>حالات جديدة</title></head><body>{}<p>{text}</p><p>{text}</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let article = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || parse_html_page(html.as_bytes(), None, None))
        .unwrap()
        .join()
        .expect("no stack overflow");
    assert!(article.unwrap().text.contains("ولاية صفاقس"));
}

/// Found by the `html` fuzz target (fuzz/): the assabah page with a `class` quote that never
/// closes, so that the attribute swallows 8 KB of the article (817 words). trafilatura matched
/// each of those words against its boilerplate patterns for every element under it: 50 s for a
/// 63 KB page. Overlong `class` and `id` values are now cut before trafilatura sees them.
#[test]
fn an_unclosed_class_attribute_does_not_stall_extraction() {
    let html = include_bytes!("fixtures/fuzz-long-class.html");
    let started = std::time::Instant::now();
    let _ = parse_html_page(html, Some("https://example.org/a/b.html"), None);
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

/// The same, larger: a class list of 8,000 words over 2,000 elements (with little text, so
/// that Readability is not confident and trafilatura runs too).
#[test]
fn a_huge_class_list_over_many_elements_is_cheap() {
    let class: String = (0..8_000).map(|i| format!("w{i} ")).collect();
    let spans = "<p><span></span></p>".repeat(1_000);
    let html = format!(
        "<html><body><div class=\"{class}\"><p>نص قصير عن سوريا</p>{spans}</div></body></html>"
    );
    let started = std::time::Instant::now();
    let _ = parse_html_page(html.as_bytes(), None, None);
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}
