//! `khabar extract`: what khabar recovers from a file, article by article, stored nowhere.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use khabar_ingest::{Article, ReadOptions};

#[derive(clap::Args)]
pub struct Args {
    /// The file (or directory) to read: JSONL, a text page, an HTML page, a WARC crawl.
    path: PathBuf,
    /// One JSON object a line, per article (the stable interface); without it, a readable view.
    #[arg(long)]
    json: bool,
}

/// The JSON form of an extracted article (fields are only ever added, never renamed).
pub fn article_json(a: &Article) -> serde_json::Value {
    let id = khabar_archive::content_hash(a)
        .map(|h| khabar_archive::article_id(a, &h))
        .or_else(|| a.id.clone());
    serde_json::json!({
        "id": id,
        "title": a.title,
        "source": a.source,
        "url": a.url,
        "published": a.published,
        "author": a.author,
        "dateline": a.dateline,
        "category": a.category,
        "language": khabar_text::language(&a.text).code(),
        "text": a.text,
        "related": a.related,
    })
}

pub fn run(_data: &Path, args: Args) -> Result<ExitCode> {
    let mut rejected = 0usize;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for record in khabar_ingest::read_paths(&[args.path], &ReadOptions::default()) {
        match record.result {
            Ok(article) => {
                if args.json {
                    writeln!(out, "{}", serde_json::to_string(&article_json(&article))?)?;
                } else {
                    print_article(&mut out, &article)?;
                }
            }
            // A crawl's images, redirects and requests are not articles, nor errors.
            Err(khabar_ingest::RecordError::Skipped(_)) => {}
            Err(e) => {
                rejected += 1;
                eprintln!("rejected: {}: {e}", record.location);
            }
        }
    }
    Ok(if rejected == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::EXIT_REJECTED)
    })
}

fn print_article(out: &mut impl Write, a: &Article) -> Result<()> {
    let v = article_json(a);
    writeln!(out, "── {}", a.title)?;
    for key in [
        "id",
        "source",
        "url",
        "published",
        "author",
        "dateline",
        "category",
        "language",
    ] {
        if let Some(s) = v[key].as_str() {
            writeln!(out, "{key}: {s}")?;
        }
    }
    writeln!(out, "\n{}\n", a.text)?;
    if !a.related.is_empty() {
        writeln!(out, "related ({}):", a.related.len())?;
        for r in &a.related {
            writeln!(
                out,
                "  - {}{}",
                r.title,
                r.url
                    .as_deref()
                    .map(|u| format!(" <{u}>"))
                    .unwrap_or_default()
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
