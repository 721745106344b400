//! The static files, compiled into the binary: the stylesheet and the Noto Naskh Arabic fonts
//! (SIL Open Font License, served beside them). A request names a file from a fixed table;
//! nothing it sends reaches the file system.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

static STYLE: &str = include_str!("../assets/style.css");

/// Fonts by the name they are served under.
static FONTS: &[(&str, &[u8])] = &[
    (
        "noto-naskh-arabic-arabic-400-normal.woff2",
        include_bytes!("../assets/fonts/noto-naskh-arabic-arabic-400-normal.woff2"),
    ),
    (
        "noto-naskh-arabic-arabic-700-normal.woff2",
        include_bytes!("../assets/fonts/noto-naskh-arabic-arabic-700-normal.woff2"),
    ),
    (
        "noto-naskh-arabic-latin-400-normal.woff2",
        include_bytes!("../assets/fonts/noto-naskh-arabic-latin-400-normal.woff2"),
    ),
    (
        "noto-naskh-arabic-latin-700-normal.woff2",
        include_bytes!("../assets/fonts/noto-naskh-arabic-latin-700-normal.woff2"),
    ),
];

static FONT_LICENSE: &str = include_str!("../assets/fonts/OFL.txt");

/// A day: the files change only with the binary, and their URLs carry no version.
const CACHE: &str = "public, max-age=86400";

fn file(content_type: &'static str, body: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static(CACHE)),
        ],
        body,
    )
        .into_response()
}

/// `GET /static/style.css`.
pub async fn style() -> Response {
    file("text/css; charset=utf-8", STYLE.as_bytes())
}

/// `GET /static/fonts/{file}`: a font, or the fonts' license (`OFL.txt`).
pub async fn font(Path(name): Path<String>) -> Response {
    if name == "OFL.txt" {
        return file("text/plain; charset=utf-8", FONT_LICENSE.as_bytes());
    }
    match FONTS.iter().find(|(n, _)| *n == name) {
        Some((_, bytes)) => file("font/woff2", bytes),
        None => (StatusCode::NOT_FOUND, "no such font").into_response(),
    }
}
