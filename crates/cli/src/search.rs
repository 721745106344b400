//! `khabar search`: one query for a person or a program, or a batch written as a TREC run.

use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use khabar_archive::{Archive, Filters, SearchRequest, SearchResults};

#[derive(clap::Args)]
pub struct Args {
    /// The query: words, "exact phrases", -excluded, a OR b.
    #[arg(allow_hyphen_values = true)]
    query: Option<String>,
    /// Only articles from this outlet (repeatable).
    #[arg(long = "source")]
    sources: Vec<String>,
    /// Only articles in this category (repeatable).
    #[arg(long = "category")]
    categories: Vec<String>,
    /// Only articles that mention this person, place or organisation (a name or part of one:
    /// لافروف finds سيرجي لافروف; repeatable: all of them).
    #[arg(long = "entity")]
    entities: Vec<String>,
    /// Only articles of this story thread (its id, as `show` and `stories` give it).
    #[arg(long)]
    thread: Option<i64>,
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Hits to show (per query with --batch).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Hits to skip (pagination).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print JSON: {"total", "total_estimated", "hits": [{"id", "title", "source", "published", "score", "snippet"}]}.
    #[arg(long)]
    json: bool,
    /// One hit per syndicated story: copies of an article collapse into its best hit.
    #[arg(long)]
    collapse_copies: bool,
    /// Also count the matching articles by outlet, category and entity (`facets` in the JSON).
    #[arg(long)]
    facets: bool,
    /// Read queries from FILE, one `qid<TAB>query` a line (needs --run).
    #[arg(long, requires = "run")]
    batch: Option<PathBuf>,
    /// Write the batch's hits to FILE as a TREC run: `qid Q0 docid rank score khabar`.
    #[arg(long, requires = "batch")]
    run: Option<PathBuf>,
    /// Read the query as plain text: quotation marks, `-` and OR are not operators (the
    /// default for --batch, whose topics are text such as headlines).
    #[arg(long)]
    plain: bool,
    /// With --batch: read each query with the query syntax instead of as plain text.
    #[arg(long, requires = "batch", conflicts_with = "plain")]
    syntax: bool,
}

pub fn run(data: &Path, args: Args) -> Result<ExitCode> {
    let archive = Archive::open(data, false)?;
    let filters = Filters {
        sources: args.sources.clone(),
        categories: args.categories.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        entities: args.entities.clone(),
        thread: args.thread,
    };
    if let (Some(batch), Some(run)) = (&args.batch, &args.run) {
        return batch_run(&archive, batch, run, &filters, args.limit, !args.syntax);
    }
    let Some(query) = args.query.clone() else {
        bail!("give a query, or --batch FILE --run FILE");
    };
    let req = SearchRequest {
        query: query.clone(),
        filters,
        limit: args.limit,
        offset: args.offset,
        details: true,
        facets: args.facets,
        collapse_copies: args.collapse_copies,
        plain: args.plain,
        // A command's answer is read by scripts and people counting: count every match.
        exact_total: true,
    };
    let results = archive.search(&req)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string(&khabar_archive::search_json(&results))?
        );
    } else {
        print_results(&query, &req, &results);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_results(query: &str, req: &SearchRequest, results: &SearchResults) {
    let color = std::io::stdout().is_terminal();
    let first = req.offset + 1;
    let last = req.offset + results.hits.len();
    if results.hits.is_empty() {
        println!("«{query}»: لا نتائج (no results)");
        return;
    }
    println!(
        "«{query}»: {} نتيجة / results — {first}–{last}\n",
        results.total
    );
    for (i, h) in results.hits.iter().enumerate() {
        let snippet = if color {
            h.snippet.to_ansi()
        } else {
            h.snippet.render(|s, o| o.push_str(s), "[", "]")
        };
        let title = if color {
            khabar_archive::Snippet {
                text: h.title.clone(),
                highlights: h.title_highlights.clone(),
            }
            .to_ansi()
        } else {
            h.title.clone()
        };
        println!("{:>3}. {title}", first + i);
        let meta: Vec<&str> = [
            h.source.as_deref(),
            h.published.as_deref(),
            Some(h.id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        println!("     {}  ({:.2})", meta.join(" · "), h.score);
        println!("     {snippet}\n");
    }
    if let Some(f) = &results.facets {
        // Counts estimated from a sample of the matches are marked.
        let about = if f.approximate { "≈" } else { "" };
        if f.approximate {
            println!("(أعداد تقديرية من عينة من النتائج / counts estimated from a sample of the results)");
        }
        let line = |name: &str, values: Vec<String>| {
            if !values.is_empty() {
                println!("{name}: {}", values.join("، "));
            }
        };
        line(
            "المصادر / sources",
            f.source
                .iter()
                .map(|c| format!("{} ({about}{})", c.value, c.count))
                .collect(),
        );
        line(
            "الأقسام / categories",
            f.category
                .iter()
                .map(|c| format!("{} ({about}{})", c.value, c.count))
                .collect(),
        );
        for (ty, name) in [
            ("PERS", "أشخاص / people"),
            ("LOC", "أماكن / places"),
            ("ORG", "هيئات / organisations"),
        ] {
            line(
                name,
                f.entity
                    .iter()
                    .filter(|e| e.ty == ty)
                    .map(|e| format!("{} ({about}{})", e.name, e.count))
                    .collect(),
            );
        }
    }
}

/// Runs `qid<TAB>query` lines and writes a TREC run file.
fn batch_run(
    archive: &Archive,
    batch: &Path,
    run: &Path,
    filters: &Filters,
    limit: usize,
    plain: bool,
) -> Result<ExitCode> {
    let input =
        std::fs::File::open(batch).with_context(|| format!("reading {}", batch.display()))?;
    let out = std::fs::File::create(run).with_context(|| format!("writing {}", run.display()))?;
    let mut out = BufWriter::new(out);
    let mut skipped = 0;
    let mut queries = 0;
    for (n, line) in std::io::BufReader::new(input).split(b'\n').enumerate() {
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let Some((qid, query)) = line.split_once('\t') else {
            eprintln!(
                "{}:{}: skipped: expected `qid<TAB>query`",
                batch.display(),
                n + 1
            );
            skipped += 1;
            continue;
        };
        let req = SearchRequest {
            query: query.to_owned(),
            filters: filters.clone(),
            limit,
            offset: 0,
            details: false,
            facets: false,
            collapse_copies: false,
            plain,
            exact_total: false,
        };
        let results = archive
            .search(&req)
            .with_context(|| format!("{}:{}", batch.display(), n + 1))?;
        // An exact copy ingested under another id is the same document: list it beside the
        // stored one (with the same score) so a run scores every id of the collection.
        let ids = results.hits.iter().flat_map(|h| {
            std::iter::once(&h.id)
                .chain(&h.aliases)
                .map(move |id| (id, h.score))
        });
        for (rank, (id, score)) in ids.take(limit).enumerate() {
            writeln!(
                out,
                "{} Q0 {} {} {:.6} khabar",
                qid.trim(),
                id,
                rank + 1,
                score
            )?;
        }
        queries += 1;
    }
    out.flush()?;
    eprintln!(
        "{queries} queries run, {skipped} lines skipped → {}",
        run.display()
    );
    Ok(if skipped > 0 {
        ExitCode::from(crate::EXIT_REJECTED)
    } else {
        ExitCode::SUCCESS
    })
}
