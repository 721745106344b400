//! Errors as the API reports them: `{"error": {"code": "not_found", "message": "…"}}` with the
//! matching HTTP status. Codes are stable (programs branch on them); messages are for people.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error response.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Extra members of the top-level object (an interrupted ingest's summary, say).
    pub extra: Option<(&'static str, serde_json::Value)>,
}

/// The body of an error response (documented in the OpenAPI document).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `bad_request`, `unauthorized`, `forbidden`, `not_found`,
    /// `method_not_allowed`, `payload_too_large`, `uri_too_long`, `unsupported_media_type`,
    /// `busy` (409: another process is writing to the archive; retry later), `overloaded`,
    /// `internal`.
    pub code: String,
    /// A sentence for a person.
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
            extra: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// A failure on our side; the details go to the log, not to the client (they may name
    /// files of the server).
    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed to answer this request; the details are in its log",
        )
    }

    pub fn with(mut self, key: &'static str, value: serde_json::Value) -> ApiError {
        self.extra = Some((key, value));
        self
    }
}

impl From<khabar_archive::Error> for ApiError {
    fn from(e: khabar_archive::Error) -> ApiError {
        match e {
            // A bad query or filter is the client's to fix.
            khabar_archive::Error::Query(message) => ApiError::bad_request(message),
            // The archive's one writer is taken (a `khabar ingest` beside the server): the
            // request is fine, the moment is not.
            e @ khabar_archive::Error::Busy => {
                ApiError::new(StatusCode::CONFLICT, "busy", e.to_string())
            }
            other => {
                tracing::error!("archive error: {other}");
                ApiError::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = serde_json::json!({
            "error": {"code": self.code, "message": self.message}
        });
        if let Some((key, value)) = self.extra {
            body[key] = value;
        }
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}
