//! `khabar verify`: is the archive consistent?

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use khabar_archive::{Archive, Verification};

#[derive(clap::Args)]
pub struct Args {
    /// Print JSON: {"articles", "indexed", "problems": [...], "notes": [...]}.
    #[arg(long)]
    json: bool,
}

/// Exit code when the archive is not consistent.
pub const INCONSISTENT: u8 = 4;

pub fn run(data: &Path, args: Args) -> Result<ExitCode> {
    let v = match Archive::open(data, false) {
        Ok(archive) => archive.verify()?,
        // A record that opens but an index that does not is a finding, not a failure to run.
        Err(e @ khabar_archive::Error::IndexDamaged(_)) => Verification {
            problems: vec![e.to_string()],
            ..Verification::default()
        },
        Err(e @ khabar_archive::Error::Index(_)) | Err(e @ khabar_archive::Error::Io(_)) => {
            Verification {
                problems: vec![format!(
                    "the search index cannot be opened: {e} (`khabar reindex` rebuilds it)"
                )],
                ..Verification::default()
            }
        }
        Err(e) => return Err(e.into()),
    };
    if args.json {
        println!("{}", serde_json::to_string(&v)?);
    } else {
        println!("articles: {} ({} indexed)", v.articles, v.indexed);
        if v.is_consistent() {
            println!("consistent / الأرشيف سليم");
        }
        for p in &v.problems {
            println!("problem: {p}");
        }
        for n in &v.notes {
            println!("note: {n}");
        }
    }
    Ok(if v.is_consistent() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(INCONSISTENT)
    })
}
