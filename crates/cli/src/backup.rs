//! `khabar backup DEST`: a consistent copy of the archive, even while an ingest writes to it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use khabar_archive::Archive;

#[derive(clap::Args)]
pub struct Args {
    /// Where to put the copy: a directory that does not exist yet, or an empty one.
    dest: PathBuf,
    /// Print JSON: {"dest", "articles", "indexed", "caught_up", "index_files",
    /// "index_attempts", "record_bytes", "index_bytes", "seconds"}.
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, args: Args) -> Result<ExitCode> {
    let archive = Archive::open(data, false)?;
    let r = archive
        .backup(&args.dest)
        .with_context(|| format!("backing up {} to {}", data.display(), args.dest.display()))?;
    if args.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "backup written to {}: {} articles ({} indexed, {} of them indexed in the copy)",
            r.dest.display(),
            r.articles,
            r.indexed,
            r.caught_up
        );
        println!(
            "record: {:.1} MB, index: {:.1} MB, {:.1} s",
            r.record_bytes as f64 / 1e6,
            r.index_bytes as f64 / 1e6,
            r.seconds
        );
        println!("consistent / الأرشيف سليم");
    }
    Ok(ExitCode::SUCCESS)
}
