//! `khabar serve`: the web UI and the JSON API over an archive (see the khabar-server crate).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use khabar_archive::Archive;

#[derive(clap::Args)]
pub struct Args {
    /// Where to listen. The default is loopback only: serving other machines is a choice made
    /// on purpose (`--addr 0.0.0.0:8080`), best behind a proxy that adds TLS.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// A file holding the bearer token that `POST /api/v1/ingest` requires (its first line).
    /// Without it, the token is read from `KHABAR_TOKEN`; without either, the archive is
    /// read-only over HTTP.
    #[arg(long)]
    pub token_file: Option<PathBuf>,
    /// Requests handled at once (more wait their turn briefly, then get 503).
    #[arg(long, default_value_t = 64)]
    pub max_concurrent: usize,
    /// Searches and other archive reads run at once; the other requests queue for a turn,
    /// first come first served. Default: one more than the cores.
    #[arg(long)]
    pub workers: Option<usize>,
}

/// The write token: from the file if one is named, else from `KHABAR_TOKEN`.
fn token(args: &Args) -> Result<Option<String>> {
    let token = match &args.token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the token file {}", path.display()))?;
            let first = text.lines().next().unwrap_or("").trim().to_owned();
            if first.is_empty() {
                bail!("the token file {} is empty", path.display());
            }
            Some(first)
        }
        None => std::env::var("KHABAR_TOKEN")
            .ok()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
    };
    Ok(token)
}

pub fn run(data: &Path, args: Args) -> Result<ExitCode> {
    if !data.join("khabar.sqlite").exists() {
        bail!(
            "no archive in {} (create one with `khabar --data {} ingest FILES`)",
            data.display(),
            data.display()
        );
    }
    // Opened for writing: the index catches up with the record, and the API can ingest.
    let archive = Archive::open(data, true)?;
    serve(archive, &args)
}

/// Serves an open archive until Ctrl-C.
pub fn serve(archive: Archive, args: &Args) -> Result<ExitCode> {
    let mut config = khabar_server::Config {
        addr: args.addr,
        token: token(args)?,
        ..khabar_server::Config::default()
    };
    config.limits.max_concurrent = args.max_concurrent.max(1);
    if let Some(workers) = args.workers {
        config.limits.archive_workers = workers.max(1);
    }
    let writes = if config.token.is_some() {
        "ingest over HTTP needs the bearer token / الإضافة عبر HTTP تتطلب الرمز"
    } else {
        "read-only: no KHABAR_TOKEN / للقراءة فقط"
    };
    println!(
        "khabar: الأرشيف متاح على / serving the archive on http://{} ({writes}); Ctrl-C to stop",
        args.addr
    );
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?
        .block_on(khabar_server::serve(Arc::new(archive), config))?;
    Ok(ExitCode::SUCCESS)
}
