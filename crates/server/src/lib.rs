//! `khabar serve`: a right-to-left Arabic web interface and a JSON API over an archive.
//!
//! ```text
//! /                          search page (Arabic; ?lang=en for English)
//! /search?q=…                results, filters, facets, a chart over time, pagination
//! /articles/{id}             one article with its entities, quotations, copies, thread
//! /entities/{name}           a person, place or organisation over time
//! /stories?from=…&to=…       the biggest story threads of a period
//! /static/…                  CSS and fonts, compiled into the binary
//! /api/v1/…                  the JSON API (see /api/openapi.json)
//! ```
//!
//! The archive is blocking code (SQLite, tantivy): every handler runs its archive calls on
//! tokio's blocking pool, so a slow search never stalls the event loop. Read endpoints are
//! public; writes (`POST /api/v1/ingest`) need the bearer token from [`Config::token`] and are
//! refused outright when there is none. No request path reaches the file system: the static
//! files are compiled in.

mod api;
mod assets;
mod chart;
mod error;
mod i18n;
mod middleware;
mod pages;
mod params;
mod text;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use khabar_archive::Archive;

pub use api::ApiDoc;
/// How a search's query string is read and checked: `GET /api/v1/search` and `GET /search`
/// take their parameters with [`Params::parse`] and [`SearchParams::parse`], and build their
/// links with [`Link`]. Public so that the `api_query` fuzz target (`fuzz/`) can run them
/// without a socket.
pub use params::{Link, Params, SearchParams, MAX_OFFSET};

/// How a server runs: where it listens, who may write, and how much any request may ask for.
#[derive(Clone)]
pub struct Config {
    /// Address to listen on (default 127.0.0.1:8080: loopback only, on purpose).
    pub addr: SocketAddr,
    /// The bearer token that `POST /api/v1/ingest` requires. `None` (or an empty token)
    /// turns writes off: they are refused with 403.
    pub token: Option<String>,
    /// Bounds on requests.
    pub limits: Limits,
}

/// Shows everything but the token, so a logged configuration does not leak it.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("addr", &self.addr)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("limits", &self.limits)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            limits: Limits::default(),
        }
    }
}

/// Bounds on what one request may ask for, and on how many run at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest query string (the part of the URL after `?`), in bytes, percent-encoded:
    /// longer ones get 414. Arabic is 6 bytes a letter once encoded, so this is generous.
    pub max_query_bytes: usize,
    /// Most results one page or API call returns (`limit`, `top`).
    pub max_page_size: usize,
    /// Largest request body (ingest), in bytes: larger ones get 413.
    pub max_body_bytes: u64,
    /// Requests handled at once; more wait up to [`Limits::queue_timeout`] for a turn, then
    /// get 503.
    pub max_concurrent: usize,
    /// How long a request may wait for a turn.
    pub queue_timeout: Duration,
    /// Archive calls (searches, article reads) that run at once; the rest wait their turn,
    /// first come first served. Searches are CPU-bound, so more at once than there are cores
    /// only makes every one of them slower: with eight searches sharing two cores, a slow
    /// search is slowed by the seven others for its whole length, whereas in a queue it waits
    /// for the few ahead of it and then runs at full speed. The default is one more than the
    /// cores, so that a core has work while a search waits on a read: at 1M articles and 8
    /// clients on 2 cores, p99 went from 82 ms (64 at once) to 74 ms (2) and 63–65 ms (3).
    pub archive_workers: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_query_bytes: 8 * 1024,
            max_page_size: 100,
            max_body_bytes: 256 * 1024 * 1024,
            max_concurrent: 64,
            queue_timeout: Duration::from_secs(2),
            archive_workers: std::thread::available_parallelism().map_or(2, usize::from) + 1,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    pub archive: Arc<Archive>,
    /// The BLAKE3 hash of the write token, if writes are on. Comparing hashes (with
    /// `blake3::Hash`'s constant-time equality) leaks neither the token's bytes nor its length.
    pub token: Option<blake3::Hash>,
    pub limits: Limits,
    /// One ingest at a time: the archive has one index writer.
    pub ingest_lock: Arc<tokio::sync::Mutex<()>>,
    /// Turns to run an archive read: [`Limits::archive_workers`] of them.
    pub workers: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// Runs a read `f` with the archive on the blocking pool, when one of the
    /// [`Limits::archive_workers`] turns is free.
    pub async fn with_archive<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Archive) -> Result<T, khabar_archive::Error> + Send + 'static,
    ) -> Result<T, error::ApiError> {
        // Tokio's semaphore is fair: turns go in the order they were asked for.
        let Ok(turn) = Arc::clone(&self.workers).acquire_owned().await else {
            return Err(error::ApiError::internal());
        };
        // The turn is given back when the work ends, not when the request does: a client that
        // hangs up does not stop a search already running on the blocking pool.
        self.run_blocking(move |archive| {
            let _turn = turn;
            f(archive)
        })
        .await
    }

    /// Runs `f` with the archive on the blocking pool without taking a worker's turn: for an
    /// ingest, which runs for as long as its body lasts (one at a time, under `ingest_lock`)
    /// and would otherwise keep a core's turn from the searches for all that time.
    pub async fn with_archive_writing<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Archive) -> Result<T, khabar_archive::Error> + Send + 'static,
    ) -> Result<T, error::ApiError> {
        self.run_blocking(f).await
    }

    async fn run_blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Archive) -> Result<T, khabar_archive::Error> + Send + 'static,
    ) -> Result<T, error::ApiError> {
        let archive = Arc::clone(&self.archive);
        match tokio::task::spawn_blocking(move || f(&archive)).await {
            Ok(result) => result.map_err(error::ApiError::from),
            Err(e) => {
                tracing::error!("an archive task failed: {e}");
                Err(error::ApiError::internal())
            }
        }
    }
}

/// The application: every page, API endpoint and static file, behind the security headers,
/// the query-length check and the concurrency limit.
pub fn router(archive: Arc<Archive>, config: &Config) -> Router {
    let token = config
        .token
        .as_deref()
        .filter(|t| !t.is_empty())
        .map(|t| blake3::hash(t.as_bytes()));
    let state = AppState {
        archive,
        token,
        limits: config.limits,
        ingest_lock: Arc::new(tokio::sync::Mutex::new(())),
        workers: Arc::new(tokio::sync::Semaphore::new(
            config.limits.archive_workers.max(1),
        )),
    };
    let permits = Arc::new(tokio::sync::Semaphore::new(
        config.limits.max_concurrent.max(1),
    ));
    Router::new()
        .route("/", get(pages::search))
        .route("/search", get(pages::search))
        .route("/articles/{id}", get(pages::article))
        .route("/entities/{name}", get(pages::entity))
        .route("/stories", get(pages::stories))
        .route("/static/style.css", get(assets::style))
        .route("/static/fonts/{file}", get(assets::font))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/articles/{id}", get(api::article))
        .route("/api/v1/articles/{id}/related", get(api::related))
        .route("/api/v1/entities/{name}", get(api::entity))
        .route("/api/v1/quotes", get(api::quotes))
        .route("/api/v1/stories", get(api::stories))
        .route("/api/v1/stats", get(api::stats))
        .route("/api/v1/ingest", post(api::ingest))
        .fallback(middleware::not_found)
        .method_not_allowed_fallback(middleware::method_not_allowed)
        .with_state(state)
        // Layers run outside-in from the last one added: headers go on every response,
        // including the refusals of the two checks inside them.
        .layer(axum::middleware::from_fn(middleware::catch_panic))
        .layer(axum::middleware::from_fn_with_state(
            (permits, config.limits.queue_timeout),
            middleware::concurrency,
        ))
        .layer(axum::middleware::from_fn_with_state(
            config.limits.max_query_bytes,
            middleware::query_length,
        ))
        .layer(axum::middleware::from_fn(middleware::security_headers))
}

/// Serves the archive on `config.addr` until Ctrl-C (or SIGTERM), then finishes the requests
/// in flight and returns.
pub async fn serve(archive: Arc<Archive>, config: Config) -> anyhow::Result<()> {
    let app = router(archive, &config);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.addr))?;
    tracing::info!("serving on http://{}", listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

/// Resolves on Ctrl-C, or on SIGTERM where there is one (a service manager's stop).
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!("cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests in flight");
}
