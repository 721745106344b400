//! `khabar demo`: the bundled sample, ingested into a scratch archive, and a few searches.
//!
//! The sample ships inside the binary (1,000 articles of the JawharaFM part of the ANT corpus,
//! Apache-2.0, and one example news page; see NOTICE), so the demo needs nothing but the binary.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use khabar_archive::{Archive, SearchRequest};
use khabar_ingest::ReadOptions;

static SAMPLE_JSONL_ZST: &[u8] = include_bytes!("../../../data/sample/jawharafm-1000.jsonl.zst");
static EXAMPLE_PAGE: &str = include_str!("../../../data/sample/example-page.txt");

/// Searches the demo runs: a place, a phrase, an office with clitics, an exclusion, spelling
/// variants (hamza, ta marbuta), and the example page's story.
const QUERIES: &[&str] = &[
    "تونس الانتخابات",
    "\"كرة القدم\"",
    "وزير الخارجية",
    "الترجي -النجم",
    "الامن والارهاب",
    "كيري لافروف سوريا",
];

#[derive(clap::Args)]
pub struct Args {
    /// Where to build the scratch archive (default: a new folder in the system's temp dir).
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Stop after the searches instead of serving the archive.
    #[arg(long)]
    no_serve: bool,
    /// Where the demo serves the archive when it is done.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: std::net::SocketAddr,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let dir = args.dir.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("khabar-demo-{}", std::process::id()))
    });
    let input = dir.join("input");
    std::fs::create_dir_all(&input).with_context(|| format!("creating {}", input.display()))?;
    std::fs::write(input.join("jawharafm-1000.jsonl.zst"), SAMPLE_JSONL_ZST)?;
    std::fs::write(input.join("example-page.txt"), EXAMPLE_PAGE)?;
    let data = dir.join("archive");
    println!(
        "khabar demo: ingesting the bundled sample into {}",
        data.display()
    );
    let archive = Archive::open(&data, true)?;
    let (summary, _) =
        crate::ingest::ingest_paths(&archive, &[input], &ReadOptions::default(), false)?;
    println!(
        "{} records read: {} stored, {} duplicates, {} rejected\n",
        summary.read,
        summary.stored,
        summary.duplicates,
        summary.rejected.len()
    );
    for q in QUERIES {
        let req = SearchRequest {
            query: (*q).to_owned(),
            limit: 3,
            ..SearchRequest::default()
        };
        let results = archive.search(&req)?;
        println!(
            "── khabar search {q:?}  →  {} نتيجة / results",
            results.total
        );
        for h in &results.hits {
            println!("   • {}  [{}]", h.title, h.id);
            println!(
                "     {}",
                h.snippet.render(|s, o| o.push_str(s), "【", "】")
            );
        }
        println!();
    }
    // What khabar understood of the example page: who is named, who said what, and when.
    let hits = archive.search(&SearchRequest {
        query: "كيري لافروف روما".into(),
        limit: 1,
        details: false,
        ..SearchRequest::default()
    })?;
    if let Some(a) = hits
        .hits
        .first()
        .and_then(|h| archive.article(&h.id).ok().flatten())
    {
        println!("── khabar show {}  (entities, quotations, dates)", a.id);
        let notes = archive.annotations(&a)?;
        crate::understanding::print_annotations(&mut std::io::stdout().lock(), &a.text, &notes)?;
        println!();
    }
    println!("Try it yourself:");
    println!("  khabar --data {} search 'وزير الخارجية'", data.display());
    println!(
        "  khabar --data {} quotes --speaker 'الشاهد'",
        data.display()
    );
    println!(
        "  khabar --data {} entities --type PERS --top 20",
        data.display()
    );
    println!("  khabar --data {} stories --top 10", data.display());
    println!("  khabar --data {} stats", data.display());
    if args.no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "\nافتح / open http://{}/ في المتصفح / in a browser",
        args.addr
    );
    crate::serve::serve(
        archive,
        &crate::serve::Args {
            addr: args.addr,
            token_file: None,
            max_concurrent: 64,
            workers: None,
        },
    )
}
