//! `khabar`: the command line. Thin: it parses arguments, calls the crates, prints.

mod backup;
mod demo;
mod extract;
mod ingest;
mod search;
mod serve;
mod show;
mod understanding;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// khabar (خبر): an Arabic news archive — ingest news, search it the way Arabic readers search.
#[derive(Parser)]
#[command(name = "khabar", version, about, long_about = None)]
struct Cli {
    /// The archive's data directory.
    #[arg(
        long,
        global = true,
        env = "KHABAR_DATA",
        default_value = "./khabar-data"
    )]
    data: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read JSONL exports (plain, .gz, .zst), text pages (.txt), HTML pages, WARC crawls or
    /// directories of them into the archive.
    ///
    /// Exit code 0: every record stored or recognised as a duplicate; 3: some records were
    /// rejected (each is listed with its file, line and reason); other: could not run.
    Ingest(ingest::Args),
    /// Search the archive (ranked, with highlighted snippets), or run a batch of queries.
    Search(search::Args),
    /// Print a stored article.
    Show(show::ShowArgs),
    /// The articles most related to one (by content, shared entities and time), its copies
    /// excluded.
    Related(show::RelatedArgs),
    /// The biggest story threads of a period (one event's coverage across outlets and days).
    Stories(show::StoriesArgs),
    /// Counts, sources, date range and sizes of the archive.
    Stats(show::StatsArgs),
    /// Rebuild the search index from the record.
    Reindex,
    /// Check that the archive is consistent: the record's integrity, every article's text
    /// against its content hash, the index's checksums, and the record and the index holding
    /// the same articles. Exit code 0: consistent; 4: not (each problem is printed).
    Verify(verify::Args),
    /// Copy the archive to DEST (a new or empty directory), consistently, even while an ingest
    /// is writing to it: the index is copied first, then the record (SQLite's online backup),
    /// and the copy is opened, brought up to date and verified before it is put in place.
    ///
    /// Restore: run khabar with `--data DEST`, or copy DEST back in place of the archive's
    /// directory (while no khabar uses it).
    Backup(backup::Args),
    /// Show what khabar recovers from a file (title, outlet, dateline, body, related links…),
    /// storing nothing. `--json`: one object a line per article.
    Extract(extract::Args),
    /// Who said what: quotations and their speakers, newest first.
    Quotes(understanding::QuotesArgs),
    /// The people, places and organisations mentioned in the most articles.
    Entities(understanding::EntitiesArgs),
    /// Run the annotation passes (entities, quotations, dates) again over stored articles
    /// annotated by an older version of them (all with `--all`), then rebuild the index.
    Annotate(understanding::AnnotateArgs),
    /// Find copies and story threads again for the whole archive (after changing their
    /// thresholds).
    Relink(understanding::RelinkArgs),
    /// Evaluate the entity tagger on a CoNLL file: span-level precision, recall, F1 per type.
    #[command(name = "eval-ner")]
    EvalNer(understanding::EvalNerArgs),
    /// Train the entity tagger on a CoNLL file (the same data gives the same model).
    #[command(name = "train-ner")]
    TrainNer(understanding::TrainNerArgs),
    /// Serve the archive: a web UI in Arabic (English available) and a JSON API under
    /// /api/v1/, documented at /api/openapi.json.
    Serve(serve::Args),
    /// Load the bundled sample (1,000 JawharaFM articles and an example page) into a scratch
    /// archive, run example searches, then serve it (`--no-serve` to stop there).
    Demo(demo::Args),
}

/// Lets `khabar show ID | head` end quietly when the reader closes the pipe, as Unix tools do,
/// instead of panicking on a failed write to standard output.
fn reset_sigpipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Exit code for "ran, but some input records were rejected".
pub const EXIT_REJECTED: u8 = 3;

fn main() -> ExitCode {
    reset_sigpipe();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KHABAR_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(args) => ingest::run(&cli.data, args),
        Command::Search(args) => search::run(&cli.data, args),
        Command::Show(args) => show::show(&cli.data, args),
        Command::Related(args) => show::related(&cli.data, args),
        Command::Stories(args) => show::stories(&cli.data, args),
        Command::Stats(args) => show::stats(&cli.data, args),
        Command::Reindex => show::reindex(&cli.data),
        Command::Verify(args) => verify::run(&cli.data, args),
        Command::Backup(args) => backup::run(&cli.data, args),
        Command::Serve(args) => serve::run(&cli.data, args),
        Command::Demo(args) => demo::run(args),
        Command::Extract(args) => extract::run(&cli.data, args),
        Command::Quotes(args) => understanding::quotes(&cli.data, args),
        Command::Entities(args) => understanding::entities(&cli.data, args),
        Command::Annotate(args) => understanding::annotate(&cli.data, args),
        Command::Relink(args) => understanding::relink(&cli.data, args),
        Command::EvalNer(args) => understanding::eval_ner(args),
        Command::TrainNer(args) => understanding::train_ner(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("khabar: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
