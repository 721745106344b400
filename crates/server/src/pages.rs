//! The HTML pages: search, article, entity, stories. Server-rendered with maud, which escapes
//! every interpolated value; untrusted text also loses its bidi controls ([`text::clean`]) and
//! sits in `<bdi>` or `dir="auto"` so its direction cannot leak into the interface around it.
//! Nothing needs JavaScript.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use khabar_archive::{ArticleRef, EntityLimits, SearchResults, StoredArticle};
use maud::{html, Markup, DOCTYPE};

use crate::chart::{self, Unit};
use crate::error::ApiError;
use crate::i18n::{self, Lang, Text};
use crate::params::{Link, Params, SearchParams};
use crate::text::{clean, day, encode_segment, safe_href};
use crate::AppState;

/// Results per page.
const PAGE_SIZE: usize = 10;
/// Related articles on an article page.
const RELATED: usize = 8;
/// Outlets listed on the start page.
const HOME_SOURCES: usize = 30;

/// A whole page: the header (with a search box unless the page has its own), `body`, the
/// footer. `path` is the page's own path (encoded), for the language switch.
fn layout(
    lang: Lang,
    params: &Params,
    path: &str,
    title: &str,
    search_box: bool,
    body: Markup,
) -> Markup {
    let switch = match lang {
        Lang::Ar => Link::with_params(path, params).set("lang", "en"),
        Lang::En => Link::with_params(path, params).remove("lang"),
    };
    let other = match lang {
        Lang::Ar => "en",
        Lang::En => "ar",
    };
    html! {
        (DOCTYPE)
        html lang=(lang.code()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (clean(title)) " — " (lang.t(i18n::SITE_NAME)) }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header.site {
                    a.brand href=(Link::new("/", lang).href()) { (lang.t(i18n::SITE_NAME)) }
                    span.tagline { (lang.t(i18n::TAGLINE)) }
                    nav {
                        a href=(Link::new("/stories", lang).href()) { (lang.t(i18n::STORIES)) }
                        a #lang-switch href=(switch.href()) lang=(other) hreflang=(other) {
                            (lang.t(i18n::OTHER_LANGUAGE))
                        }
                    }
                    @if search_box {
                        (search_form(lang, "", None))
                    }
                }
                main { (body) }
                footer.site {
                    a href="/api/openapi.json" { "API" }
                    " · "
                    a href="/static/fonts/OFL.txt" { "Noto Naskh Arabic (OFL)" }
                }
            }
        }
    }
}

/// The search box; with `filters`, the filter fields too (in a `<details>`, open when a
/// filter is set), so one form carries the whole search.
fn search_form(lang: Lang, q: &str, filters: Option<&SearchParams>) -> Markup {
    html! {
        form.search #search-form action="/search" method="get" role="search" {
            input #q type="search" name="q" value=(q) dir="auto" autocomplete="off"
                placeholder=(lang.t(i18n::SEARCH_PLACEHOLDER)) aria-label=(lang.t(i18n::SEARCH));
            @if lang == Lang::En {
                input type="hidden" name="lang" value="en";
            }
            button type="submit" { (lang.t(i18n::SEARCH)) }
            @if let Some(sp) = filters {
                @let open = !(sp.sources.is_empty() && sp.categories.is_empty()
                    && sp.entities.is_empty() && sp.from.is_none() && sp.to.is_none());
                details.filters-box open[open] {
                    summary { (lang.t(i18n::FILTERS)) }
                    div.filters {
                        (text_field(lang.t(i18n::SOURCE), "source", &sp.sources))
                        (text_field(lang.t(i18n::CATEGORY), "category", &sp.categories))
                        (text_field(lang.t(i18n::ENTITY), "entity", &sp.entities))
                        label {
                            (lang.t(i18n::FROM))
                            input type="date" name="from" value=(sp.from.as_deref().unwrap_or(""));
                        }
                        label {
                            (lang.t(i18n::TO))
                            input type="date" name="to" value=(sp.to.as_deref().unwrap_or(""));
                        }
                        @if let Some(t) = sp.thread {
                            input type="hidden" name="thread" value=(t);
                        }
                        @if sp.collapse_copies {
                            input type="hidden" name="collapse_copies" value="true";
                        }
                        button type="submit" { (lang.t(i18n::APPLY)) }
                    }
                }
            }
        }
    }
}

/// A text filter field showing the first value; further values ride along hidden.
fn text_field(label: &str, name: &str, values: &[String]) -> Markup {
    html! {
        label {
            (label)
            input type="text" name=(name) dir="auto" value=(values.first().map_or("", String::as_str));
        }
        @for v in values.iter().skip(1) {
            input type="hidden" name=(name) value=(v);
        }
    }
}

/// `text` with the byte ranges `highlights` in `<mark>`; ranges that do not fit the text
/// (never expected) are ignored rather than trusted.
fn marked(text: &str, highlights: &[(usize, usize)]) -> Markup {
    let mut parts: Vec<(&str, bool)> = Vec::with_capacity(highlights.len() * 2 + 1);
    let mut at = 0;
    for &(s, e) in highlights {
        if s < at || e <= s {
            continue;
        }
        if let (Some(before), Some(hit)) = (text.get(at..s), text.get(s..e)) {
            parts.push((before, false));
            parts.push((hit, true));
            at = e;
        }
    }
    parts.push((text.get(at..).unwrap_or(""), false));
    html! {
        @for (part, hit) in parts {
            @if hit { mark { (clean(part)) } } @else { (clean(part)) }
        }
    }
}

/// A date, as `YYYY-MM-DD`. Its own `dir="ltr"` isolates it: inside right-to-left text the
/// bidi algorithm would otherwise lay `2016-12-23` out as `23-12-2016`.
fn date(iso: &str) -> Markup {
    html! { time datetime=(day(iso)) dir="ltr" { (day(iso)) } }
}

/// The link to an article page.
fn article_href(id: &str, lang: Lang) -> String {
    Link::new(format!("/articles/{}", encode_segment(id)), lang).href()
}

/// The link to an entity page.
fn entity_href(name: &str, lang: Lang) -> String {
    Link::new(format!("/entities/{}", encode_segment(name)), lang).href()
}

/// An article in a list: linked title, outlet, date.
fn article_item(
    lang: Lang,
    id: &str,
    title: &str,
    source: Option<&str>,
    published: Option<&str>,
) -> Markup {
    html! {
        a href=(article_href(id, lang)) { bdi { (clean(title)) } }
        " "
        span.meta {
            @if let Some(s) = source { bdi.source { (clean(s)) } }
            @if source.is_some() && published.is_some() { " · " }
            @if let Some(p) = published { (date(p)) }
        }
    }
}

fn html_response(status: StatusCode, markup: Markup) -> Response {
    (status, Html(markup.into_string())).into_response()
}

/// An error as a page, in the interface language.
pub fn error_page(lang: Lang, status: StatusCode, heading: Text) -> Response {
    error_page_with(lang, status, heading, None)
}

fn error_page_with(
    lang: Lang,
    status: StatusCode,
    heading: Text,
    detail: Option<&str>,
) -> Response {
    let body = html! {
        h1 { (lang.t(heading)) }
        @if let Some(d) = detail { p.detail dir="auto" { (clean(d)) } }
        p { a href=(Link::new("/", lang).href()) { (lang.t(i18n::BACK_HOME)) } }
    };
    html_response(
        status,
        layout(lang, &Params::default(), "/", lang.t(heading), true, body),
    )
}

/// An API error as a page.
fn page_error(lang: Lang, e: ApiError) -> Response {
    match e.status {
        StatusCode::NOT_FOUND => error_page(lang, e.status, i18n::PAGE_NOT_FOUND),
        s if s.is_client_error() => error_page_with(lang, s, i18n::BAD_REQUEST, Some(&e.message)),
        s => error_page(lang, s, i18n::SERVER_ERROR),
    }
}

/// `GET /` and `GET /search`: the search box, and with a query or filter, the results.
pub async fn search(State(state): State<AppState>, params: Params) -> Response {
    let lang = params.lang();
    let sp = match SearchParams::parse(&params, &state.limits, PAGE_SIZE) {
        Ok(sp) => sp,
        Err(e) => return page_error(lang, e),
    };
    if sp.is_empty() {
        return match state.with_archive(|a| a.stats()).await {
            Ok(stats) => html_response(StatusCode::OK, home_page(lang, &params, &sp, &stats)),
            Err(e) => page_error(lang, e),
        };
    }
    let req = sp.request();
    let found = state
        .with_archive(move |a| Ok((a.search(&req)?, a.day_counts(&req)?)))
        .await;
    match found {
        Ok((results, days)) => {
            let days: Vec<(i64, u64)> = days
                .iter()
                .filter_map(|d| Some((khabar_archive::days_from_iso(&d.date)?, d.count)))
                .collect();
            html_response(
                StatusCode::OK,
                results_page(lang, &params, &sp, &results, &chart::bars(&days, Unit::Day)),
            )
        }
        Err(e) => page_error(lang, e),
    }
}

fn home_page(
    lang: Lang,
    params: &Params,
    sp: &SearchParams,
    stats: &khabar_archive::Stats,
) -> Markup {
    let body = html! {
        (search_form(lang, "", Some(sp)))
        p.summary {
            (lang.t(i18n::ARCHIVE_HOLDS)) " " (stats.articles) " " (lang.t(i18n::ARTICLES))
            @if let (Some(a), Some(b)) = (&stats.first_published, &stats.last_published) {
                " (" (date(a)) " – " (date(b)) ")"
            }
        }
        @if !stats.sources.is_empty() {
            section.sources {
                h2 { (lang.t(i18n::SOURCES)) }
                ul.entities {
                    @for (source, n) in stats.sources.iter().filter(|s| !s.0.is_empty()).take(HOME_SOURCES) {
                        li {
                            a href=(Link::new("/search", lang).add("source", source).href()) { bdi { (clean(source)) } }
                            " " span.count { (n) }
                        }
                    }
                }
            }
        }
    };
    layout(lang, params, "/", lang.t(i18n::SEARCH), false, body)
}

fn results_page(
    lang: Lang,
    params: &Params,
    sp: &SearchParams,
    results: &SearchResults,
    bars: &[chart::Bar],
) -> Markup {
    // Links that change the search start again at its first page.
    let base = Link::with_params("/search", params).remove("offset");
    let first = sp.offset + 1;
    let last = sp.offset + results.hits.len();
    let title = if sp.q.is_empty() {
        lang.t(i18n::SEARCH)
    } else {
        sp.q.as_str()
    };
    let thread = sp.thread.map(|t| t.to_string());
    let active: Vec<(&str, &str, Text)> = sp
        .sources
        .iter()
        .map(|v| ("source", v.as_str(), i18n::SOURCE))
        .chain(
            sp.categories
                .iter()
                .map(|v| ("category", v.as_str(), i18n::CATEGORY)),
        )
        .chain(
            sp.entities
                .iter()
                .map(|v| ("entity", v.as_str(), i18n::ENTITY)),
        )
        .chain(sp.from.iter().map(|v| ("from", v.as_str(), i18n::FROM)))
        .chain(sp.to.iter().map(|v| ("to", v.as_str(), i18n::TO)))
        .chain(thread.iter().map(|v| ("thread", v.as_str(), i18n::THREAD)))
        .collect();
    let body = html! {
        (search_form(lang, &sp.q, Some(sp)))
        @if !active.is_empty() {
            ul.active-filters {
                @for (key, value, label) in &active {
                    li {
                        (lang.t(*label)) ": " bdi { (clean(value)) } " "
                        a.remove href=(base.clone().remove_value(key, value).href())
                            aria-label=(lang.t(i18n::REMOVE_FILTER)) { "×" }
                    }
                }
            }
        }
        div.layout {
            div.results {
                @if results.hits.is_empty() {
                    p.summary #summary { (lang.t(i18n::NO_RESULTS)) }
                } @else {
                    p.summary #summary {
                        @if results.total_estimated { (lang.t(i18n::ABOUT)) " " }
                        (results.total) " " (lang.t(i18n::RESULTS)) " — " (first) "–" (last)
                    }
                }
                @if bars.iter().any(|b| b.count > 0) {
                    figure.chart-box {
                        (chart::svg(bars, lang.t(i18n::OVER_TIME), |b| {
                            base.clone().set("from", &b.from).set("to", &b.to).href()
                        }))
                        figcaption { (lang.t(i18n::OVER_TIME)) " — " (lang.t(i18n::CHART_HINT)) }
                    }
                }
                ol.hits #hits start=(first) {
                    @for h in &results.hits {
                        li.hit data-id=(h.id) {
                            a.hit-title href=(article_href(&h.id, lang)) {
                                bdi { (marked(&h.title, &h.title_highlights)) }
                            }
                            div.meta {
                                @if let Some(s) = &h.source {
                                    a.source href=(base.clone().add("source", s).href()) { bdi { (clean(s)) } }
                                }
                                @if h.source.is_some() && h.published.is_some() { " · " }
                                @if let Some(p) = &h.published {
                                    (date(p))
                                }
                            }
                            p.snippet dir="auto" { (marked(&h.snippet.text, &h.snippet.highlights)) }
                        }
                    }
                }
                (pagination(lang, params, sp, results.total))
            }
            @if let Some(f) = &results.facets {
                aside.facets #facets {
                    @if f.approximate {
                        p.note { (lang.t(i18n::APPROXIMATE_COUNTS)) }
                    }
                    (facet_list(lang, i18n::SOURCES, "source", &base, f.approximate,
                        f.source.iter().map(|c| (c.value.as_str(), c.count))))
                    (facet_list(lang, i18n::CATEGORIES, "category", &base, f.approximate,
                        f.category.iter().map(|c| (c.value.as_str(), c.count))))
                    @for (ty, heading) in [("PERS", i18n::PEOPLE), ("LOC", i18n::PLACES), ("ORG", i18n::ORGANISATIONS)] {
                        (facet_list(lang, heading, "entity", &base, f.approximate,
                            f.entity.iter().filter(|e| e.ty == ty).map(|e| (e.name.as_str(), e.count))))
                    }
                }
            }
        }
    };
    layout(lang, params, "/search", title, false, body)
}

/// One facet: its values, each a link that adds it to the filters, with its count (marked
/// "≈" when `approximate`: estimated from a sample of the matches).
fn facet_list<'a>(
    lang: Lang,
    heading: Text,
    key: &str,
    base: &Link,
    approximate: bool,
    values: impl Iterator<Item = (&'a str, u64)>,
) -> Markup {
    let values: Vec<(&str, u64)> = values.filter(|(v, _)| !v.is_empty()).collect();
    html! {
        @if !values.is_empty() {
            section.facet data-facet=(key) {
                h2 { (lang.t(heading)) }
                ul {
                    @for (value, count) in values {
                        li {
                            a href=(base.clone().remove_value(key, value).add(key, value).href()) {
                                bdi { (clean(value)) }
                            }
                            " " span.count { @if approximate { "≈" } (count) }
                        }
                    }
                }
            }
        }
    }
}

fn pagination(lang: Lang, params: &Params, sp: &SearchParams, total: usize) -> Markup {
    let link = |offset: usize| {
        let l = Link::with_params("/search", params).remove("offset");
        if offset == 0 {
            l.href()
        } else {
            l.add("offset", &offset.to_string()).href()
        }
    };
    let prev = (sp.offset > 0).then(|| link(sp.offset.saturating_sub(sp.limit)));
    let next_offset = sp.offset + sp.limit;
    let next = (next_offset < total && next_offset <= crate::params::MAX_OFFSET)
        .then(|| link(next_offset));
    html! {
        @if prev.is_some() || next.is_some() {
            nav.pages aria-label=(lang.t(i18n::PAGE)) {
                @if let Some(href) = prev { a.prev rel="prev" href=(href) { (lang.t(i18n::PREVIOUS)) } }
                span { (lang.t(i18n::PAGE)) " " (sp.offset / sp.limit + 1) " / " (total.div_ceil(sp.limit)) }
                @if let Some(href) = next { a.next rel="next" href=(href) { (lang.t(i18n::NEXT)) } }
            }
        }
    }
}

/// Everything an article page shows.
struct ArticlePage {
    view: khabar_archive::ArticleView,
    copies: Vec<ArticleRef>,
}

/// `GET /articles/{id}`.
pub async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    params: Params,
) -> Response {
    let lang = params.lang();
    let found = state
        .with_archive(move |a| {
            let Some(article) = a.article(&id)? else {
                return Ok(None);
            };
            let view = a.article_view(article, RELATED)?;
            let mut copies = Vec::new();
            for c in &view.copies {
                copies.extend(a.article_ref(c)?);
            }
            Ok(Some(ArticlePage { view, copies }))
        })
        .await;
    match found {
        Ok(Some(page)) => html_response(StatusCode::OK, article_page(lang, &params, &page)),
        Ok(None) => error_page(lang, StatusCode::NOT_FOUND, i18n::ARTICLE_NOT_FOUND),
        Err(e) => page_error(lang, e),
    }
}

/// Every URL an article was seen at, its canonical one first.
fn urls(a: &StoredArticle) -> Vec<&str> {
    let mut out: Vec<&str> = a.url.iter().map(String::as_str).collect();
    for u in &a.urls {
        if !out.contains(&u.as_str()) {
            out.push(u);
        }
    }
    out
}

fn article_page(lang: Lang, params: &Params, page: &ArticlePage) -> Markup {
    let view = &page.view;
    let a = &view.article;
    let notes = &view.annotations;
    let urls = urls(a);
    let mut seen = std::collections::HashSet::new();
    let entities: Vec<&khabar_nlp::entities::Entity> = notes
        .entities
        .iter()
        .filter(|e| seen.insert((e.ty, e.name.as_str())))
        .collect();
    let thread = view.thread.as_ref().filter(|t| t.size > 1);
    let body = html! {
        article.article #article data-id=(a.id) {
            h1 #title dir="auto" { (clean(&a.title)) }
            p.meta {
                @if let Some(s) = &a.source {
                    a.source href=(Link::new("/search", lang).add("source", s).href()) { bdi { (clean(s)) } }
                }
                @if let Some(p) = &a.published {
                    span { (lang.t(i18n::PUBLISHED)) ": " (date(p)) }
                }
                @if let Some(author) = &a.author {
                    span { (lang.t(i18n::AUTHOR)) ": " bdi { (clean(author)) } }
                }
                @if let Some(c) = &a.category {
                    a.category href=(Link::new("/search", lang).add("category", c).href()) { bdi { (clean(c)) } }
                }
            }
            div.body #body {
                @for p in a.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                    p dir="auto" { (clean(p)) }
                }
            }
            @if !urls.is_empty() {
                section.links #links {
                    h2 { (lang.t(i18n::LINKS)) }
                    ul.urls {
                        @for u in &urls {
                            li {
                                @if let Some(href) = safe_href(u) {
                                    a href=(href) rel="nofollow noopener noreferrer" { (clean(u)) }
                                } @else {
                                    span.url { (clean(u)) }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !entities.is_empty() {
            section.mentions #entities {
                h2 { (lang.t(i18n::MENTIONS)) }
                @for (ty, heading) in [(khabar_nlp::EntityType::Pers, i18n::PEOPLE),
                                       (khabar_nlp::EntityType::Loc, i18n::PLACES),
                                       (khabar_nlp::EntityType::Org, i18n::ORGANISATIONS)] {
                    @let of_type: Vec<_> = entities.iter().filter(|e| e.ty == ty).collect();
                    @if !of_type.is_empty() {
                        h3 { (lang.t(heading)) }
                        ul.entities {
                            @for e in of_type {
                                li {
                                    a.entity href=(entity_href(&e.name, lang)) data-type=(e.ty.as_str()) {
                                        bdi { (clean(&e.name)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !notes.quotes.is_empty() {
            section.quotes #quotes {
                h2 { (lang.t(i18n::QUOTES)) }
                @for q in &notes.quotes {
                    @if let Some(text) = a.text.get(q.start..q.end) {
                        blockquote dir="auto" {
                            p { (clean(text)) }
                            @if let Some(speaker) = &q.speaker {
                                footer {
                                    // Only a speaker the archive knows as an entity gets a
                                    // link: «مصادر» (sources) has no page to go to.
                                    @if let Some(e) = q.entity.and_then(|i| notes.entities.get(i)) {
                                        a.speaker.entity href=(entity_href(&e.name, lang)) { bdi { (clean(speaker)) } }
                                    } @else {
                                        bdi.speaker { (clean(speaker)) }
                                    }
                                    @if let Some(t) = &q.speaker_title { "، " bdi { (clean(t)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !page.copies.is_empty() {
            section.copies #copies {
                h2 { (lang.t(i18n::COPIES)) }
                ul {
                    @for c in &page.copies {
                        li { (article_item(lang, &c.id, &c.title, c.source.as_deref(), c.published.as_deref())) }
                    }
                }
            }
        }
        @if let Some(t) = thread {
            section.thread #thread {
                h2 { (lang.t(i18n::THREAD)) }
                p {
                    a href=(Link::new("/search", lang).add("thread", &t.id.to_string()).href()) {
                        bdi { (clean(&t.label)) }
                    }
                    " — " (t.size) " " (lang.t(i18n::THREAD_ARTICLES))
                }
                (outlets(&t.outlets))
            }
        }
        @if !view.related.is_empty() {
            section.related #related {
                h2 { (lang.t(i18n::RELATED)) }
                ul {
                    @for r in &view.related {
                        li { (article_item(lang, &r.id, &r.title, r.source.as_deref(), r.published.as_deref())) }
                    }
                }
            }
        }
    };
    let path = format!("/articles/{}", encode_segment(&a.id));
    layout(lang, params, &path, &a.title, true, body)
}

/// A thread's outlets with their article counts.
fn outlets(outlets: &[(String, u64)]) -> Markup {
    html! {
        ul.entities.outlets {
            @for (o, n) in outlets {
                li { bdi { (clean(o)) } " " span.count { (n) } }
            }
        }
    }
}

/// `GET /entities/{name}`.
pub async fn entity(
    State(state): State<AppState>,
    Path(name): Path<String>,
    params: Params,
) -> Response {
    let lang = params.lang();
    let found = state
        .with_archive(move |a| a.entity_view(&name, EntityLimits::default()))
        .await;
    let view = match found {
        Ok(Some(view)) => view,
        Ok(None) => return error_page(lang, StatusCode::NOT_FOUND, i18n::ENTITY_NOT_FOUND),
        Err(e) => return page_error(lang, e),
    };
    let e = &view.entity;
    let counts: Vec<(i64, u64)> = view
        .months
        .iter()
        .filter_map(|m| {
            Some((
                khabar_archive::days_from_iso(&format!("{}-01", m.month))?,
                m.articles,
            ))
        })
        .collect();
    let bars = chart::bars(&counts, Unit::Month);
    let search = Link::new("/search", lang).add("entity", &e.name);
    let body = html! {
        h1 #entity-name dir="auto" { (clean(&e.name)) }
        p.meta {
            span.type { (lang.t(i18n::entity_type(&e.ty))) }
            span { (e.articles) " " (lang.t(i18n::ARTICLES_MENTIONING)) }
            a href=(search.href()) { (lang.t(i18n::SEARCH_MENTIONS)) }
        }
        @if !bars.is_empty() {
            figure.chart-box {
                (chart::svg(&bars, lang.t(i18n::MENTIONS_OVER_TIME), |b| {
                    search.clone().set("from", &b.from).set("to", &b.to).href()
                }))
                figcaption { (lang.t(i18n::MENTIONS_OVER_TIME)) " — " (lang.t(i18n::CHART_HINT)) }
            }
        }
        @if !view.quotes.is_empty() {
            section.quotes #quotes {
                h2 { (lang.t(i18n::WHAT_THEY_SAID)) }
                @for q in &view.quotes {
                    blockquote dir="auto" {
                        p { (clean(&q.text)) }
                        footer { (article_item(lang, &q.article, &q.title, q.source.as_deref(), q.published.as_deref())) }
                    }
                }
            }
        }
        @if !view.co_mentions.is_empty() {
            section.co-mentions #co-mentions {
                h2 { (lang.t(i18n::CO_MENTIONS)) }
                ul.entities {
                    @for c in &view.co_mentions {
                        li {
                            a.entity href=(entity_href(&c.name, lang)) data-type=(c.ty) { bdi { (clean(&c.name)) } }
                            " " span.count { (c.articles) }
                        }
                    }
                }
            }
        }
        @if !view.latest.is_empty() {
            section.latest #latest {
                h2 { (lang.t(i18n::LATEST)) }
                ul {
                    @for r in &view.latest {
                        li { (article_item(lang, &r.id, &r.title, r.source.as_deref(), r.published.as_deref())) }
                    }
                }
            }
        }
    };
    let path = format!("/entities/{}", encode_segment(&e.name));
    html_response(
        StatusCode::OK,
        layout(lang, &params, &path, &e.name, true, body),
    )
}

/// `GET /stories?from=…&to=…&top=…`.
pub async fn stories(State(state): State<AppState>, params: Params) -> Response {
    let lang = params.lang();
    let parsed = (|| {
        Ok::<_, ApiError>((
            params.date("from")?,
            params.date("to")?,
            params.number("top", 20, state.limits.max_page_size)?,
        ))
    })();
    let (from, to, top) = match parsed {
        Ok(p) => p,
        Err(e) => return page_error(lang, e),
    };
    let (f, t) = (from.clone(), to.clone());
    let threads = match state
        .with_archive(move |a| a.stories(f.as_deref(), t.as_deref(), top.max(1)))
        .await
    {
        Ok(threads) => threads,
        Err(e) => return page_error(lang, e),
    };
    let body = html! {
        h1 { (lang.t(i18n::BIGGEST_STORIES)) }
        form.filters #stories-form action="/stories" method="get" {
            label { (lang.t(i18n::FROM)) input type="date" name="from" value=(from.as_deref().unwrap_or("")); }
            label { (lang.t(i18n::TO)) input type="date" name="to" value=(to.as_deref().unwrap_or("")); }
            @if lang == Lang::En { input type="hidden" name="lang" value="en"; }
            button type="submit" { (lang.t(i18n::APPLY)) }
        }
        @if threads.is_empty() {
            p.summary { (lang.t(i18n::NO_STORIES)) }
        } @else {
            ol.stories #stories {
                @for t in &threads {
                    li.story data-thread=(t.id) {
                        a.story-title href=(Link::new("/search", lang).add("thread", &t.id.to_string()).href()) {
                            bdi { (clean(&t.label)) }
                        }
                        div.meta {
                            span { (t.size) " " (lang.t(i18n::ARTICLES)) }
                            @if let (Some(a), Some(b)) = (&t.first, &t.last) {
                                span { (date(a)) " – " (date(b)) }
                            }
                            @if let Some(first) = &t.first_article {
                                a href=(article_href(first, lang)) { (lang.t(i18n::FIRST_ARTICLE)) }
                            }
                        }
                        (outlets(&t.outlets))
                    }
                }
            }
        }
    };
    html_response(
        StatusCode::OK,
        layout(lang, &params, "/stories", lang.t(i18n::STORIES), true, body),
    )
}
