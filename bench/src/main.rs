//! `bench`: khabar's benchmark.
//!
//! `bench ingest` ingests a corpus (by default `../shared/data/news/saudinewsnet-2015.jsonl.zst`
//! next to the repository) into a fresh archive, end to end as `khabar ingest` does it, and
//! reports ingest throughput, peak memory, sizes on disk and single-threaded query latency over
//! titles of a seeded sample of its articles. In the same run it builds a plain tantivy index of
//! the same text with tantivy's default tokenizer, and reports the ratio of the ingest rates.
//!
//! Phases, in order:
//! 1. read pass: read the corpus once (decompression and JSON parsing only), sample the query
//!    titles, and warm the page cache so that both timed ingests start from the same state;
//! 2. khabar ingest, timed from creating the archive to closing it after the final commit;
//! 3. sizes, then queries on the archive opened again (one warm-up pass, then timed), with and
//!    without details;
//! 4. the baseline ingest and its queries.

mod baseline;
mod corpus;
mod latency;
mod merge;
mod mix;
mod sys;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use serde::Serialize;

use khabar_archive::{Archive, IngestSummary, SearchRequest};
use khabar_ingest::{ReadOptions, Record};

use crate::baseline::BaselineIngest;
use crate::corpus::{Corpus, Query};
use crate::latency::Latency;

/// The corpus, relative to the repository root (its licence keeps it out of the repository).
const DEFAULT_CORPUS: &str = "../shared/data/news/saudinewsnet-2015.jsonl.zst";

/// Targets on a 2-core machine.
const TARGET_ARTICLES_PER_S: f64 = 3000.0;
const TARGET_PEAK_RSS: u64 = 1 << 30;
const TARGET_P99_MS: f64 = 20.0;

/// khabar's benchmark: ingest throughput, memory, sizes and query latency.
#[derive(Parser)]
#[command(name = "bench", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest a corpus into a fresh archive and a tantivy baseline; report rates, memory, sizes
    /// and query latency.
    Ingest(IngestArgs),
    /// Time the load test's query mix in process against an existing archive, per kind of
    /// query.
    SearchMix(mix::MixArgs),
    /// Merge every segment of (a copy of) an index into one, to measure a large merge.
    Merge(merge::MergeArgs),
}

/// Arguments of `bench ingest`.
#[derive(clap::Args)]
struct IngestArgs {
    /// The corpus (JSONL, plain or .gz/.zst). Default: ../shared/data/news/
    /// saudinewsnet-2015.jsonl.zst, relative to the current directory or the repository root.
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Build the archive (DIR/archive) and the baseline (DIR/baseline) here and keep them; DIR
    /// must not exist or be empty. Default: a temporary directory, deleted afterwards.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Queries to time (titles of a sample of this many articles).
    #[arg(long, default_value_t = 1000)]
    queries: usize,
    /// Seed of the query sample.
    #[arg(long, default_value_t = 2015)]
    seed: u64,
    /// Print one JSON object on standard output instead of the table.
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(args) => run_ingest(args),
        Command::SearchMix(args) => mix::run(args),
        Command::Merge(args) => merge::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// The machine the run was on.
#[derive(Debug, Serialize)]
struct Machine {
    cpu: String,
    cores: usize,
    /// Load averages (1, 5, 15 min) when the run started.
    load_average: Option<String>,
    /// Load averages when it ended (the machine is shared: this says how busy it was).
    load_average_end: Option<String>,
    date: String,
    khabar_version: &'static str,
}

/// khabar's ingest, as measured.
#[derive(Debug, Serialize)]
struct KhabarIngest {
    /// Seconds from creating the archive to the end of the final commit and closing it.
    secs: f64,
    /// Of which closing the archive (SQLite's checkpoint of its write-ahead log).
    close_secs: f64,
    read: u64,
    stored: u64,
    duplicates: u64,
    rejected: u64,
    /// Decompressed bytes read.
    bytes: u64,
    articles_per_s: f64,
    mb_per_s: f64,
    /// The most frequent rejection reasons, with counts.
    rejection_reasons: Vec<RejectionCount>,
}

/// How many records were rejected for one reason.
#[derive(Debug, Serialize)]
struct RejectionCount {
    reason: String,
    count: u64,
}

/// Query latency with its sanity check.
#[derive(Debug, Serialize)]
struct QueryRun {
    #[serde(flatten)]
    latency: Latency,
    /// Queries whose own article (by corpus id, or an alias) is among the 10 hits.
    own_article_found: usize,
}

/// Everything the run measured.
#[derive(Debug, Serialize)]
struct Report {
    machine: Machine,
    corpus: Corpus,
    read_pass_articles_per_s: f64,
    read_pass_mb_per_s: f64,
    khabar: KhabarReport,
    /// The same ingest with the annotation passes off (`khabar ingest --no-annotate`).
    khabar_unannotated: KhabarIngest,
    /// The same with annotation, copies and story threads off: the PR #2 pipeline.
    khabar_bare: KhabarIngest,
    baseline: BaselineReport,
    /// khabar's ingest rate over the baseline's (articles/s over articles/s).
    ingest_rate_ratio: f64,
    targets: Vec<Target>,
}

/// khabar's side of the report.
#[derive(Debug, Serialize)]
struct KhabarReport {
    ingest: KhabarIngest,
    /// Peak RSS at the end of the ingest (the reset before it worked: `peak_rss_reset`).
    peak_rss_after_ingest: Option<u64>,
    /// Peak RSS after the queries as well.
    peak_rss_after_queries: Option<u64>,
    /// Whether the peak was reset before the ingest (else it includes the read pass).
    peak_rss_reset: bool,
    /// SQLite file(s).
    record_bytes: u64,
    /// Index directory.
    index_bytes: u64,
    indexed: u64,
    queries_details: QueryRun,
    queries_ids_only: QueryRun,
}

/// The baseline's side of the report.
#[derive(Debug, Serialize)]
struct BaselineReport {
    ingest: BaselineIngest,
    articles_per_s: f64,
    mb_per_s: f64,
    index_bytes: u64,
    /// Peak RSS during the baseline (after a reset), or over the whole process if the reset
    /// did not work.
    peak_rss: Option<u64>,
    peak_rss_reset: bool,
    queries: Latency,
}

/// One target of the issue, and whether this run met it.
#[derive(Debug, Serialize)]
struct Target {
    name: &'static str,
    target: String,
    value: String,
    met: bool,
}

/// Finds the corpus: the given path, or the default relative to the current directory, then to
/// the repository root.
fn resolve_corpus(given: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(p) = given {
        if !p.is_file() {
            bail!("no corpus file at {}", p.display());
        }
        return Ok(std::fs::canonicalize(&p).unwrap_or(p));
    }
    let repo_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let candidates = [
        PathBuf::from(DEFAULT_CORPUS),
        repo_root.join(DEFAULT_CORPUS),
    ];
    candidates
        .iter()
        .find(|p| p.is_file())
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        .with_context(|| {
            format!(
                "no corpus at {DEFAULT_CORPUS} (from here or from the repository root); \
                 pass --corpus PATH"
            )
        })
}

/// The working directory: `--out` (new or empty, kept) or a temporary one (deleted on drop).
fn work_dir(out: Option<PathBuf>) -> Result<(PathBuf, Option<tempfile::TempDir>)> {
    match out {
        Some(dir) => {
            if dir.exists()
                && std::fs::read_dir(&dir)
                    .with_context(|| format!("reading {}", dir.display()))?
                    .next()
                    .is_some()
            {
                bail!(
                    "--out {}: the directory is not empty (the benchmark needs a fresh one)",
                    dir.display()
                );
            }
            std::fs::create_dir_all(&dir)?;
            Ok((dir, None))
        }
        None => {
            let tmp = tempfile::Builder::new().prefix("khabar-bench-").tempdir()?;
            Ok((tmp.path().to_path_buf(), Some(tmp)))
        }
    }
}

/// Ingests the corpus into a new archive in `dir` as `khabar ingest` does, with annotation and
/// linking (copies, threads) on or off, timed to the archive's close (SQLite's checkpoint of
/// its write-ahead log, which `khabar ingest` pays before it exits). The archive stays.
fn timed_ingest(dir: &Path, corpus: &Path, annotate: bool, link: bool) -> Result<KhabarIngest> {
    note(&format!(
        "khabar ingest (annotation {}, copies and threads {}) into {}",
        if annotate { "on" } else { "off" },
        if link { "on" } else { "off" },
        dir.display()
    ));
    let started = Instant::now();
    let mut archive = Archive::open(dir, true)
        .with_context(|| format!("creating the archive at {}", dir.display()))?;
    archive.set_annotating(annotate);
    archive.set_linking(link);
    let summary = ingest_like_cli(&archive, corpus)?;
    let ingested = started.elapsed().as_secs_f64();
    drop(archive);
    let secs = started.elapsed().as_secs_f64();
    Ok(KhabarIngest {
        secs,
        close_secs: secs - ingested,
        read: summary.read,
        stored: summary.stored,
        duplicates: summary.duplicates,
        rejected: summary.rejected.len() as u64,
        bytes: summary.bytes,
        articles_per_s: summary.read as f64 / secs,
        mb_per_s: summary.bytes as f64 / 1e6 / secs,
        rejection_reasons: rejection_reasons(&summary),
    })
}

/// [`timed_ingest`] into a scratch archive, deleted afterwards.
fn ingest_variant(dir: &Path, corpus: &Path, annotate: bool, link: bool) -> Result<KhabarIngest> {
    let measured = timed_ingest(dir, corpus, annotate, link);
    let _ = std::fs::remove_dir_all(dir);
    measured
}

fn ingest_like_cli(archive: &Archive, corpus: &Path) -> Result<IngestSummary> {
    let (tx, rx) = mpsc::sync_channel::<Record>(1024);
    let paths = vec![corpus.to_path_buf()];
    let opts = ReadOptions::default();
    let reader = std::thread::spawn(move || {
        for r in khabar_ingest::read_paths(&paths, &opts) {
            if tx.send(r).is_err() {
                break;
            }
        }
    });
    let summary = archive.ingest(rx.into_iter(), &mut ());
    if reader.join().is_err() {
        bail!("the reader thread panicked");
    }
    Ok(summary?)
}

/// Counts rejections by reason, most frequent first (at most 5 reasons).
fn rejection_reasons(summary: &IngestSummary) -> Vec<RejectionCount> {
    let mut counts: Vec<RejectionCount> = Vec::new();
    for r in &summary.rejected {
        match counts.iter_mut().find(|c| c.reason == r.reason) {
            Some(c) => c.count += 1,
            None => counts.push(RejectionCount {
                reason: r.reason.clone(),
                count: 1,
            }),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.count));
    counts.truncate(5);
    counts
}

/// Runs the queries through `Archive::search` once to warm up, then again timed, one at a time.
fn khabar_queries(archive: &Archive, queries: &[Query], details: bool) -> Result<QueryRun> {
    let requests: Vec<SearchRequest> = queries
        .iter()
        .map(|q| SearchRequest {
            query: q.title.clone(),
            plain: true,
            limit: 10,
            details,
            ..Default::default()
        })
        .collect();
    for req in &requests {
        archive
            .search(req)
            .with_context(|| format!("searching {:?}", req.query))?;
    }
    let mut times: Vec<Duration> = Vec::with_capacity(requests.len());
    let mut found = 0;
    for (req, q) in requests.iter().zip(queries) {
        let t = Instant::now();
        let results = archive.search(req);
        times.push(t.elapsed());
        let results = results.with_context(|| format!("searching {:?}", req.query))?;
        if let Some(id) = &q.id {
            if results
                .hits
                .iter()
                .any(|h| &h.id == id || h.aliases.contains(id))
            {
                found += 1;
            }
        }
    }
    Ok(QueryRun {
        latency: Latency::of(&times),
        own_article_found: found,
    })
}

/// Prints a phase note on standard error (the results go to standard output).
fn note(msg: &str) {
    eprintln!("bench: {msg}");
}

fn run_ingest(args: IngestArgs) -> Result<()> {
    let corpus_path = resolve_corpus(args.corpus)?;
    let mut machine = Machine {
        cpu: sys::cpu_model(),
        cores: sys::cores(),
        load_average: sys::load_average(),
        load_average_end: None,
        date: sys::utc_now(),
        khabar_version: env!("CARGO_PKG_VERSION"),
    };
    let (dir, tmp) = work_dir(args.out)?;
    let archive_dir = dir.join("archive");
    let baseline_dir = dir.join("baseline");

    // 1. Read pass.
    note(&format!("read pass over {}", corpus_path.display()));
    let corpus = corpus::read_pass(&corpus_path, args.queries, args.seed);
    if corpus.articles == 0 {
        bail!("{}: no articles read", corpus_path.display());
    }

    // 2. khabar ingest, end to end.
    let khabar_reset = sys::reset_peak_rss();
    let ingest = timed_ingest(&archive_dir, &corpus_path, true, true)?;
    let peak_rss_after_ingest = sys::peak_rss();

    // 2b. The same without annotation, then without annotation and linking, to show what
    // entities, quotations and dates cost, and what copies and threads cost.
    let khabar_unannotated =
        ingest_variant(&dir.join("archive-unannotated"), &corpus_path, false, true)?;
    let khabar_bare = ingest_variant(&dir.join("archive-bare"), &corpus_path, false, false)?;

    // 3. Sizes and queries, on the archive opened again as `khabar search` opens it.
    let archive = Archive::open(&archive_dir, false)
        .with_context(|| format!("opening the archive at {}", archive_dir.display()))?;
    let stats = archive.stats()?;
    note(&format!(
        "khabar queries ({} titles, seed {})",
        corpus.queries.len(),
        args.seed
    ));
    let queries_details = khabar_queries(&archive, &corpus.queries, true)?;
    let queries_ids_only = khabar_queries(&archive, &corpus.queries, false)?;
    let peak_rss_after_queries = sys::peak_rss();
    drop(archive);

    // 4. Baseline.
    note(&format!("tantivy baseline into {}", baseline_dir.display()));
    let baseline_reset = sys::reset_peak_rss();
    let (base, base_ingest) = baseline::ingest(&corpus_path, &baseline_dir)?;
    let base_peak = sys::peak_rss();
    let base_queries = base.query_latency(&corpus.queries)?;
    let base_rate = base_ingest.read as f64 / base_ingest.secs;
    let baseline = BaselineReport {
        articles_per_s: base_rate,
        mb_per_s: base_ingest.bytes as f64 / 1e6 / base_ingest.secs,
        index_bytes: khabar_archive::dir_size(&base.dir),
        peak_rss: base_peak,
        peak_rss_reset: baseline_reset,
        queries: base_queries,
        ingest: base_ingest,
    };

    machine.load_average_end = sys::load_average();
    let p99 = queries_details.latency.p99_ms;
    let targets = vec![
        Target {
            name: "ingest articles/s (end to end)",
            target: format!("≥ {TARGET_ARTICLES_PER_S:.0}"),
            value: format!("{:.0}", ingest.articles_per_s),
            met: ingest.articles_per_s >= TARGET_ARTICLES_PER_S,
        },
        Target {
            name: "peak RSS after ingest",
            target: "≤ 1 GiB".into(),
            value: peak_rss_after_ingest.map_or("unknown".into(), mib),
            met: peak_rss_after_ingest.is_some_and(|b| b <= TARGET_PEAK_RSS),
        },
        Target {
            name: "query p99 (details)",
            target: format!("≤ {TARGET_P99_MS:.0} ms"),
            value: format!("{p99:.2} ms"),
            met: p99 <= TARGET_P99_MS,
        },
    ];
    let report = Report {
        machine,
        read_pass_articles_per_s: corpus.records as f64 / corpus.read_secs,
        read_pass_mb_per_s: corpus.bytes as f64 / 1e6 / corpus.read_secs,
        ingest_rate_ratio: ingest.articles_per_s / base_rate,
        khabar: KhabarReport {
            ingest,
            peak_rss_after_ingest,
            peak_rss_after_queries,
            peak_rss_reset: khabar_reset,
            record_bytes: stats.record_bytes,
            index_bytes: stats.index_bytes,
            indexed: stats.indexed,
            queries_details,
            queries_ids_only,
        },
        khabar_unannotated,
        khabar_bare,
        baseline,
        corpus,
        targets,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_table(&report);
    }
    if tmp.is_none() {
        note(&format!("kept {}", dir.display()));
    }
    Ok(())
}

/// Bytes as MiB.
fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Bytes as MB (10^6), as the rates are.
fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// A number with thousands separators.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A peak RSS, saying when the reset before its phase did not work.
fn rss(bytes: Option<u64>, reset: bool) -> String {
    match bytes {
        None => "unknown".into(),
        Some(b) if reset => mib(b),
        Some(b) => format!("{} (process peak: no reset)", mib(b)),
    }
}

/// Prints the report for people.
fn print_table(r: &Report) {
    let m = &r.machine;
    let k = &r.khabar;
    let b = &r.baseline;
    let c = &r.corpus;
    println!(
        "machine: cpu {} · {} cores · load {} (start), {} (end) · {} · khabar {}",
        m.cpu,
        m.cores,
        m.load_average.as_deref().unwrap_or("unknown"),
        m.load_average_end.as_deref().unwrap_or("unknown"),
        m.date,
        m.khabar_version
    );
    println!(
        "corpus:  {} ({} compressed; {} records, {} decompressed)",
        c.path.display(),
        mb(c.file_bytes),
        thousands(c.records),
        mb(c.bytes)
    );
    println!();
    println!(
        "{:<34} {:>9} {:>13} {:>9}",
        "ingest (end to end)", "seconds", "articles/s", "MB/s"
    );
    let row = |name: &str, secs: f64, rate: f64, mbs: f64| {
        println!("{name:<34} {secs:>9.2} {rate:>13.0} {mbs:>9.2}");
    };
    row(
        "read only (decompress + parse)",
        c.read_secs,
        r.read_pass_articles_per_s,
        r.read_pass_mb_per_s,
    );
    row(
        "khabar",
        k.ingest.secs,
        k.ingest.articles_per_s,
        k.ingest.mb_per_s,
    );
    row(
        "khabar without annotation",
        r.khabar_unannotated.secs,
        r.khabar_unannotated.articles_per_s,
        r.khabar_unannotated.mb_per_s,
    );
    row(
        "  … nor copies and threads",
        r.khabar_bare.secs,
        r.khabar_bare.articles_per_s,
        r.khabar_bare.mb_per_s,
    );
    row(
        "tantivy baseline (default tok.)",
        b.ingest.secs,
        b.articles_per_s,
        b.mb_per_s,
    );
    println!(
        "{:<34} {:>9} {:>13.2}",
        "ratio khabar / baseline", "", r.ingest_rate_ratio
    );
    println!(
        "{:<34} {:>9} {:>13.2}",
        "ratio annotated / unannotated",
        "",
        k.ingest.articles_per_s / r.khabar_unannotated.articles_per_s
    );
    println!();
    println!(
        "khabar:   {} read · {} stored · {} duplicates · {} rejected · {} indexed",
        thousands(k.ingest.read),
        thousands(k.ingest.stored),
        thousands(k.ingest.duplicates),
        thousands(k.ingest.rejected),
        thousands(k.indexed)
    );
    println!(
        "          {:.2} s of the ingest was closing the archive (SQLite checkpoint)",
        k.ingest.close_secs
    );
    for c in &k.ingest.rejection_reasons {
        println!("          rejected ×{}: {}", c.count, c.reason);
    }
    println!(
        "baseline: {} read · {} indexed",
        thousands(b.ingest.read),
        thousands(b.ingest.indexed)
    );
    println!();
    println!("{:<34} {:>13}", "size on disk", "");
    println!(
        "{:<34} {:>13}",
        "khabar record (SQLite)",
        mb(k.record_bytes)
    );
    println!("{:<34} {:>13}", "khabar index", mb(k.index_bytes));
    println!(
        "{:<34} {:>13}",
        "khabar total",
        mb(k.record_bytes + k.index_bytes)
    );
    println!("{:<34} {:>13}", "baseline index", mb(b.index_bytes));
    println!();
    println!("{:<34} {:>13}", "peak RSS (VmHWM)", "");
    println!(
        "{:<34} {:>13}",
        "khabar, end of ingest",
        rss(k.peak_rss_after_ingest, k.peak_rss_reset)
    );
    println!(
        "{:<34} {:>13}",
        "khabar, after queries",
        rss(k.peak_rss_after_queries, k.peak_rss_reset)
    );
    println!(
        "{:<34} {:>13}",
        "baseline ingest",
        rss(b.peak_rss, b.peak_rss_reset)
    );
    println!();
    println!(
        "query latency, ms ({} titles, single-threaded, after a warm-up pass)",
        k.queries_details.latency.queries
    );
    println!(
        "{:<34} {:>7} {:>7} {:>7} {:>7} {:>7}   own article in top 10",
        "", "mean", "p50", "p90", "p99", "max"
    );
    let lat = |name: &str, l: &Latency, found: Option<usize>| {
        println!(
            "{name:<34} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>7.2}   {}",
            l.mean_ms,
            l.p50_ms,
            l.p90_ms,
            l.p99_ms,
            l.max_ms,
            found.map_or("-".into(), |f| format!("{f}/{}", l.queries))
        );
    };
    lat(
        "khabar, details (snippets)",
        &k.queries_details.latency,
        Some(k.queries_details.own_article_found),
    );
    lat(
        "khabar, ids only",
        &k.queries_ids_only.latency,
        Some(k.queries_ids_only.own_article_found),
    );
    lat("tantivy baseline", &b.queries, None);
    println!();
    println!("targets (2-core machine)");
    for t in &r.targets {
        println!(
            "  {:<32} {:>10}  {:>12}  {}",
            t.name,
            t.target,
            t.value,
            if t.met { "met" } else { "MISSED" }
        );
    }
}
