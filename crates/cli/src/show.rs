//! `khabar show`, `khabar stats`, `khabar reindex`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use khabar_archive::{Archive, StoredArticle};

#[derive(clap::Args)]
pub struct ShowArgs {
    /// The article's id (its corpus id, or the one khabar gave it).
    id: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Related articles shown with an article.
const RELATED: usize = 10;

#[derive(clap::Args)]
pub struct RelatedArgs {
    /// The article's id.
    id: String,
    /// How many.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print JSON: {"id", "related": [{"id", "title", "source", "published", "score"}]}.
    #[arg(long)]
    json: bool,
}

/// Exit code when the article asked for is not in the archive.
const NOT_FOUND: u8 = 2;

/// The article with this id, or `None` after saying on standard error that there is none.
fn find(archive: &Archive, data: &Path, id: &str) -> Result<Option<StoredArticle>> {
    let found = archive.article(id)?;
    if found.is_none() {
        eprintln!("khabar: no article with id {id:?} in {}", data.display());
    }
    Ok(found)
}

/// `khabar related`: the articles most related to one, best first, its copies excluded.
pub fn related(data: &Path, args: RelatedArgs) -> Result<ExitCode> {
    let archive = Archive::open(data, false)?;
    let Some(a) = find(&archive, data, &args.id)? else {
        return Ok(ExitCode::from(NOT_FOUND));
    };
    let related = archive.related(&a, args.limit.clamp(1, 100))?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string(&serde_json::json!({"id": a.id, "related": related}))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}\n", a.title);
    for r in &related {
        println!(
            "{:>6.3}  {} · {} · {} ({})",
            r.score,
            r.title,
            r.source.as_deref().unwrap_or("-"),
            r.published
                .as_deref()
                .map(|p| &p[..p.len().min(10)])
                .unwrap_or("-"),
            r.id
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct StoriesArgs {
    /// Articles published on or after this day (2015-08-01).
    #[arg(long)]
    from: Option<String>,
    /// Articles published on or before this day.
    #[arg(long)]
    to: Option<String>,
    /// How many threads, biggest first.
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// One JSON object a line: {"id", "label", "size", "outlets", "first", "last", …}.
    #[arg(long)]
    json: bool,
}

/// `khabar stories`: the biggest story threads of a period, with their outlets.
pub fn stories(data: &Path, args: StoriesArgs) -> Result<ExitCode> {
    let archive = Archive::open(data, false)?;
    let threads = archive.stories(
        args.from.as_deref(),
        args.to.as_deref(),
        args.top.clamp(1, 1000),
    )?;
    for t in threads {
        if args.json {
            println!("{}", serde_json::to_string(&t)?);
            continue;
        }
        let outlets: Vec<String> = t
            .outlets
            .iter()
            .map(|(o, n)| format!("{o} ({n})"))
            .collect();
        let day = |d: &Option<String>| {
            d.as_deref()
                .map(|d| d[..d.len().min(10)].to_owned())
                .unwrap_or_default()
        };
        println!(
            "{:>4}  {}\n      {} … {} · {}\n",
            t.size,
            t.label,
            day(&t.first),
            day(&t.last),
            outlets.join("، ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct StatsArgs {
    /// Print JSON: {"articles", "sources", …}.
    #[arg(long)]
    json: bool,
}

pub fn show(data: &Path, args: ShowArgs) -> Result<ExitCode> {
    let archive = Archive::open(data, false)?;
    let Some(a) = find(&archive, data, &args.id)? else {
        return Ok(ExitCode::from(NOT_FOUND));
    };
    let view = archive.article_view(a, RELATED)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&view.to_json())?);
    } else {
        let (a, notes, copies, thread, related) = (
            &view.article,
            &view.annotations,
            &view.copies,
            &view.thread,
            &view.related,
        );
        print_article(a);
        let mut out = std::io::stdout().lock();
        println!();
        crate::understanding::print_annotations(&mut out, &a.text, notes)?;
        if !copies.is_empty() {
            println!("\nنسخ من المقال / copies: {}", copies.join("، "));
        }
        if let Some(t) = thread.as_ref().filter(|t| t.size > 1) {
            let outlets: Vec<String> = t
                .outlets
                .iter()
                .map(|(o, n)| format!("{o} ({n})"))
                .collect();
            println!(
                "\nالقصة / story thread {}: «{}» — {} مقالات / articles: {}",
                t.id,
                t.label,
                t.size,
                outlets.join("، ")
            );
        }
        if !related.is_empty() {
            println!("\nمقالات مرتبطة / related:");
            for r in related {
                println!(
                    "  - {} · {} · {} ({})",
                    r.title,
                    r.source.as_deref().unwrap_or("-"),
                    r.published
                        .as_deref()
                        .map(|p| &p[..p.len().min(10)])
                        .unwrap_or("-"),
                    r.id
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_article(a: &StoredArticle) {
    println!("{}\n", a.title);
    let fields = [
        ("id", Some(a.id.as_str())),
        ("المصدر / source", a.source.as_deref()),
        ("التاريخ / published", a.published.as_deref()),
        ("الكاتب / author", a.author.as_deref()),
        ("القسم / category", a.category.as_deref()),
        ("dateline", a.dateline.as_deref()),
        ("اللغة / language", a.language.as_deref()),
        ("url", a.url.as_deref()),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            println!("{name}: {v}");
        }
    }
    for u in a
        .urls
        .iter()
        .filter(|u| Some(u.as_str()) != a.url.as_deref())
    {
        println!("also at: {u}");
    }
    println!("\n{}", a.text);
    if !a.related.is_empty() {
        println!("\nمقالات ذات صلة / related:");
        for r in &a.related {
            match &r.url {
                Some(u) => println!("  - {} <{u}>", r.title),
                None => println!("  - {}", r.title),
            }
        }
    }
}

pub fn stats(data: &Path, args: StatsArgs) -> Result<ExitCode> {
    let archive = Archive::open(data, false)?;
    let s = archive.stats()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("articles: {} ({} indexed)", s.articles, s.indexed);
    match (&s.first_published, &s.last_published) {
        (Some(a), Some(b)) => println!("published: {a} … {b}"),
        _ => println!("published: no dates"),
    }
    println!(
        "record: {:.1} MB, index: {:.1} MB",
        s.record_bytes as f64 / 1e6,
        s.index_bytes as f64 / 1e6
    );
    println!("sources ({}):", s.sources.len());
    for (source, n) in s.sources.iter().take(30) {
        let name = if source.is_empty() { "(none)" } else { source };
        println!("  {n:>8}  {name}");
    }
    if s.sources.len() > 30 {
        println!("  … and {} more", s.sources.len() - 30);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn reindex(data: &Path) -> Result<ExitCode> {
    let bar = indicatif::ProgressBar::new_spinner();
    let (_, n) =
        Archive::open_rebuilding(data, |n| bar.set_message(format!("{n} articles indexed")))
            .context("rebuilding the index")?;
    bar.finish_and_clear();
    eprintln!("index rebuilt from the record: {n} articles");
    Ok(ExitCode::SUCCESS)
}
