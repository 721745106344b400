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

/// The JSON form of an extracted article (fields are only ever added, never renamed), with
/// its annotations (`entities`, `quotes`, `dates`; offsets in code points of `text`).
pub fn article_json(a: &Article, notes: &khabar_nlp::Annotations) -> serde_json::Value {
    let id = khabar_archive::content_hash(a)
        .map(|h| khabar_archive::article_id(a, &h))
        .or_else(|| a.id.clone());
    let mut v = serde_json::json!({
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
    });
    if let (Some(obj), serde_json::Value::Object(notes)) =
        (v.as_object_mut(), notes.to_json(&a.text))
    {
        obj.extend(notes);
    }
    v
}

pub fn run(_data: &Path, args: Args) -> Result<ExitCode> {
    let mut rejected = 0usize;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for record in khabar_ingest::read_paths(&[args.path], &ReadOptions::default()) {
        match record.result {
            Ok(article) => {
                let notes = khabar_archive::annotate(
                    &article.text,
                    &article.title,
                    article.dateline.as_deref(),
                    article.source.as_deref(),
                    article.published.as_deref(),
                );
                if args.json {
                    writeln!(
                        out,
                        "{}",
                        serde_json::to_string(&article_json(&article, &notes))?
                    )?;
                } else {
                    print_article(&mut out, &article, &notes)?;
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

fn print_article(out: &mut impl Write, a: &Article, notes: &khabar_nlp::Annotations) -> Result<()> {
    let v = article_json(a, notes);
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
    crate::understanding::print_annotations(out, &a.text, notes)?;
    Ok(())
}
