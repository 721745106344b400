//! `khabar ingest`: read inputs into the archive, with a progress bar and a closing summary.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use khabar_archive::{Archive, IngestSummary, Progress, Rejection};
use khabar_ingest::{FieldMap, ReadOptions, Record};

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories to read (`-` for JSONL on standard input).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Read an article field from a given JSON field, e.g. `--field text=story` (repeatable;
    /// fields: id, title, text, url, source, published, author, category, dateline).
    #[arg(long = "field", value_name = "FIELD=JSON_FIELD")]
    fields: Vec<String>,
    /// Reject records larger than this many bytes.
    #[arg(long, default_value_t = khabar_ingest::DEFAULT_MAX_RECORD_BYTES)]
    max_record_bytes: u64,
    /// Print the summary as JSON on standard output.
    #[arg(long)]
    json: bool,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Store articles without finding their entities, quotations and dates (faster);
    /// `khabar annotate` adds them later.
    #[arg(long)]
    no_annotate: bool,
    /// How alike (estimated Jaccard similarity of word 4-shingles, 0–1) an article must be to
    /// one already stored to be filed as its copy.
    #[arg(long, default_value_t = khabar_archive::copies::DEFAULT_THRESHOLD)]
    copy_threshold: f64,
    /// How much of its key words and entities (weighted overlap, 0–1) an article must share
    /// with a recent article to join its story thread.
    #[arg(long, default_value_t = khabar_archive::threads::DEFAULT_THRESHOLD)]
    thread_threshold: f64,
}

/// Builds reading options from `--field` and `--max-record-bytes`.
fn read_options(args: &Args) -> Result<ReadOptions> {
    let mut fields = FieldMap::default();
    for f in &args.fields {
        let (article_field, json_field) = f.split_once('=').with_context(|| {
            format!("--field {f:?}: expected FIELD=JSON_FIELD, e.g. text=story")
        })?;
        fields.set(article_field.trim(), json_field.trim())?;
    }
    Ok(ReadOptions {
        fields,
        max_record_bytes: args.max_record_bytes,
    })
}

pub fn run(data: &Path, args: Args) -> Result<ExitCode> {
    let opts = read_options(&args)?;
    let mut archive = Archive::open(data, true)
        .with_context(|| format!("opening the archive at {}", data.display()))?;
    archive.set_annotating(!args.no_annotate);
    archive.set_copy_threshold(args.copy_threshold);
    archive.set_thread_threshold(args.thread_threshold);
    let (summary, listed) = ingest_paths(&archive, &args.paths, &opts, args.quiet)?;
    report(&summary, args.json, listed)?;
    Ok(if summary.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::EXIT_REJECTED)
    })
}

/// Reads `paths` on a thread of their own (decompression and JSON parsing) while this thread
/// analyses, stores and indexes.
/// Also says whether rejected records were already listed above the progress bar.
pub fn ingest_paths(
    archive: &Archive,
    paths: &[PathBuf],
    opts: &ReadOptions,
    quiet: bool,
) -> Result<(IngestSummary, bool)> {
    let (tx, rx) = mpsc::sync_channel::<Record>(1024);
    let paths = paths.to_vec();
    let opts = opts.clone();
    let reader = std::thread::spawn(move || {
        let stdin = paths.len() == 1 && paths[0].as_os_str() == "-";
        let records: Box<dyn Iterator<Item = Record> + Send> = if stdin {
            Box::new(khabar_ingest::read_jsonl(
                std::io::stdin(),
                "<stdin>",
                &opts,
            ))
        } else {
            Box::new(khabar_ingest::read_paths(&paths, &opts))
        };
        for r in records {
            if tx.send(r).is_err() {
                break;
            }
        }
    });
    let mut bar = Bar::new(quiet);
    let summary = archive.ingest(rx.into_iter(), &mut bar);
    let _ = reader.join();
    bar.finish();
    let summary = summary.map_err(|e| stopped(&e))?;
    Ok((summary, !bar.bar.is_hidden()))
}

/// The error of an ingest the archive stopped (a full disk, say): the cause, that what was
/// stored is kept (each batch is committed as it goes), and what to do.
fn stopped(e: &khabar_archive::Error) -> anyhow::Error {
    let (cause, remedy) = if disk_full(e) {
        (
            format!("the disk is full ({e})"),
            "Free some space, then run the same ingest again",
        )
    } else {
        (
            e.to_string(),
            "Once this is fixed, run the same ingest again",
        )
    };
    anyhow::anyhow!(
        "ingest stopped: {cause}. The articles stored before it stopped are kept. {remedy}: it \
         stores the rest and recognises what is already stored (nothing is stored twice)."
    )
}

/// Whether `e` comes from a full disk (or an exhausted quota): SQLite's SQLITE_FULL, or
/// ENOSPC from the file system, however deep tantivy wraps it.
fn disk_full(e: &khabar_archive::Error) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if matches!(
                io.kind(),
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
            ) {
                return true;
            }
        }
        let text = err.to_string();
        if text.contains("disk is full") || text.contains("No space left on device") {
            return true;
        }
        next = err.source();
    }
    false
}

/// The progress bar: articles, articles/s, MB/s; rejected records printed above it as they come.
struct Bar {
    bar: ProgressBar,
    started: Instant,
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        let bar = if quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::new_spinner()
        };
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                .expect("valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Bar {
            bar,
            started: Instant::now(),
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn update(&mut self, s: &IngestSummary) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-6);
        self.bar.set_message(format!(
            "{} read · {} stored · {} duplicates · {} rejected · {:.0} articles/s · {:.1} MB/s",
            s.read,
            s.stored,
            s.duplicates,
            s.rejected.len(),
            s.read as f64 / secs,
            s.bytes as f64 / secs / 1e6
        ));
    }

    fn rejected(&mut self, r: &Rejection) {
        self.bar
            .println(format!("rejected: {}: {}", r.location, r.reason));
    }
}

fn report(s: &IngestSummary, json: bool, listed: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(s)?);
    } else {
        eprintln!(
            "read {} records ({:.1} MB): {} stored, {} duplicates, {} rejected, {} skipped \
             (not article pages: a crawl's images, redirects, requests)",
            s.read,
            s.bytes as f64 / 1e6,
            s.stored,
            s.duplicates,
            s.rejected.len(),
            s.skipped
        );
    }
    // Rejected records go to standard error with or without --json: exit code 3 promises that
    // stderr says which records were rejected.
    if !s.rejected.is_empty() && !listed {
        eprintln!("rejected records:");
        for r in &s.rejected {
            eprintln!("  {}: {}", r.location, r.reason);
        }
    }
    Ok(())
}
