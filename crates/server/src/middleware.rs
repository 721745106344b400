//! What wraps every request: security headers, the query-length check, the concurrency limit,
//! and the answers for unknown paths and methods.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// The Content-Security-Policy of every response: nothing but our own styles, fonts and
/// (optional) scripts; no inline script or style, no plugins, no framing, forms only to us.
/// Article text comes from the web: should anything slip through escaping, this stops it
/// from running.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     font-src 'self'; script-src 'self'; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'none'";

/// Sets the security headers on every response.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// Refuses query strings longer than the limit (414), before anything parses them.
pub async fn query_length(State(max): State<usize>, request: Request, next: Next) -> Response {
    let len = request.uri().query().map_or(0, str::len);
    if len > max {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("the query string is {len} bytes long; the limit is {max}"),
        )
        .into_response();
    }
    next.run(request).await
}

/// Lets at most the configured number of requests run at once. A request waits up to the
/// queue timeout for a turn, then gets 503 with `Retry-After`: under overload, a quick
/// refusal is more useful to a client than a connection that hangs.
pub async fn concurrency(
    State((permits, wait)): State<(Arc<Semaphore>, Duration)>,
    request: Request,
    next: Next,
) -> Response {
    let permit = match tokio::time::timeout(wait, Arc::clone(&permits).acquire_owned()).await {
        Ok(Ok(permit)) => permit,
        // Timed out, or (never, as nothing closes it) the semaphore closed.
        _ => {
            return ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "overloaded",
                "the server is busy; try again in a moment",
            )
            .into_response()
        }
    };
    let response = next.run(request).await;
    drop(permit);
    response
}

/// Turns a panic in a handler into a 500 JSON error. No handler is meant to panic (the
/// archive's own work runs on the blocking pool, where a panic is already a 500); this is the
/// net under that promise, so a bug costs one request its answer, never the connection.
pub async fn catch_panic(request: Request, next: Next) -> Response {
    use futures_util::FutureExt;
    let path = request.uri().path().to_owned();
    match std::panic::AssertUnwindSafe(next.run(request))
        .catch_unwind()
        .await
    {
        Ok(response) => response,
        Err(_) => {
            tracing::error!("a handler panicked answering {path}");
            ApiError::internal().into_response()
        }
    }
}

/// Unknown paths: a JSON error under `/api/`, a page elsewhere.
pub async fn not_found(request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        return ApiError::not_found(format!("no endpoint at {}", request.uri().path()))
            .into_response();
    }
    let lang = crate::i18n::Lang::from_query(request.uri().query());
    crate::pages::error_page(lang, StatusCode::NOT_FOUND, crate::i18n::PAGE_NOT_FOUND)
}

/// A known path asked with the wrong method.
pub async fn method_not_allowed(request: Request) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!(
            "{} is not allowed on {}",
            request.method(),
            request.uri().path()
        ),
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Request;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panicking_handler_is_a_500_json_error() {
        async fn boom() -> &'static str {
            panic!("a bug")
        }
        let app = Router::new()
            .route("/boom", get(boom))
            .layer(axum::middleware::from_fn(super::catch_panic));
        let response = app
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), 500);
        let body = axum::body::to_bytes(response.into_body(), 10_000)
            .await
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["error"]["code"], "internal");
    }
}
