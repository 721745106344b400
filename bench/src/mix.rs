//! `bench search-mix`: the query mix of bench/load/search.lua run in process against an
//! archive, timed per kind of query. Without HTTP in the way it shows which kind of query
//! costs what, and under `valgrind --tool=callgrind` (with `--kind`) it gives instruction
//! counts that do not depend on how busy the machine is.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use khabar_archive::{Archive, Filters, SearchRequest};

use crate::latency::Latency;

/// Arguments of `bench search-mix`.
#[derive(clap::Args)]
pub struct MixArgs {
    /// The archive to search (opened read-only).
    #[arg(long)]
    archive: PathBuf,
    /// Requests in the mix (drawn with a fixed seed, as search.lua draws them).
    #[arg(long, default_value_t = 500)]
    requests: usize,
    /// Run only this kind of query: word, pair, phrase, filtered, entity, facets, deep.
    #[arg(long)]
    kind: Option<String>,
    /// Every request is made this many times (the first round warms the caches and is not
    /// timed when there are more).
    #[arg(long, default_value_t = 2)]
    rounds: usize,
    /// Do not count facets (the API counts them unless asked not to).
    #[arg(long)]
    without_facets: bool,
    /// Write the timed round's results to this file, one JSON line a request (kind, query,
    /// total, hit ids and scores, facets), to check that a change keeps them.
    #[arg(long)]
    dump_hits: Option<PathBuf>,
}

const WORDS: &[&str] = &[
    "السعودية",
    "اليمن",
    "الحوثيين",
    "النفط",
    "وزير",
    "الرياض",
    "التعليم",
    "الهلال",
    "الأمطار",
    "داعش",
    "إيران",
    "الملك",
    "الصحة",
    "الحج",
    "مكة",
    "الاتحاد",
    "الأسهم",
    "المرور",
    "جدة",
    "الشورى",
];
const PAIRS: &[&str] = &[
    "وزير الخارجية",
    "أسعار النفط",
    "سوق الأسهم",
    "التحالف العربي",
    "الدفاع المدني",
    "هيئة الأمر",
    "وزارة الصحة",
    "كرة القدم",
    "خادم الحرمين",
    "مجلس الوزراء",
];
const PHRASES: &[&str] = &[
    "\"خادم الحرمين الشريفين\"",
    "\"ولي العهد\"",
    "\"الأمم المتحدة\"",
    "\"وزارة الداخلية\"",
    "\"أمير منطقة\"",
];
const SOURCES: &[&str] = &[
    "aawsat",
    "okaz",
    "alriyadh",
    "alwatan",
    "sabq",
    "aleqtisadiah",
    "almadina",
];
const ENTITIES: &[&str] = &["اليمن", "إيران", "الرياض", "جدة", "الأمم المتحدة"];

/// A small deterministic generator (SplitMix64), so that runs compare.
struct Draw(u64);

impl Draw {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next(from.len())]
    }
}

/// The mix: (kind, request), in the proportions of search.lua. Like the API's, every
/// request counts facets unless its kind says otherwise (the API's default is `facets=true`).
fn mix(n: usize) -> Vec<(&'static str, SearchRequest)> {
    let mut draw = Draw(20261129);
    (0..n)
        .map(|_| {
            let r = draw.next(100) + 1;
            let mut req = SearchRequest {
                facets: true,
                ..SearchRequest::default()
            };
            let kind = if r <= 30 {
                req.query = draw.pick(WORDS).into();
                "word"
            } else if r <= 50 {
                req.query = draw.pick(PAIRS).into();
                "pair"
            } else if r <= 60 {
                req.query = draw.pick(PHRASES).into();
                "phrase"
            } else if r <= 75 {
                req.query = draw.pick(WORDS).into();
                req.filters = Filters {
                    sources: vec![draw.pick(SOURCES).into()],
                    from: Some("2015-08-01".into()),
                    to: Some("2015-09-30".into()),
                    ..Filters::default()
                };
                "filtered"
            } else if r <= 85 {
                req.query = draw.pick(WORDS).into();
                req.filters.entities = vec![draw.pick(ENTITIES).into()];
                "entity"
            } else if r <= 95 {
                req.query = draw.pick(PAIRS).into();
                "facets"
            } else {
                req.query = draw.pick(WORDS).into();
                req.offset = 40;
                req.limit = 20;
                "deep"
            };
            (kind, req)
        })
        .collect()
}

/// Makes every request once, untimed: it fills the caches (segment values, filters, pages).
#[inline(never)]
fn warm_round(archive: &Archive, requests: &[(&str, SearchRequest)]) -> Result<()> {
    for (_, req) in requests {
        archive
            .search(req)
            .with_context(|| format!("searching {:?}", req.query))?;
    }
    Ok(())
}

/// Makes every request once, timed: each request's kind and time, and the matches summed.
/// (Its own function so that `valgrind --tool=callgrind --toggle-collect='*timed_round*'`
/// counts the instructions of this round alone.)
#[inline(never)]
fn timed_round<'a>(
    archive: &Archive,
    requests: &[(&'a str, SearchRequest)],
    mut keep: Option<&mut Vec<khabar_archive::SearchResults>>,
) -> Result<(Vec<(&'a str, Duration)>, usize)> {
    let mut times = Vec::with_capacity(requests.len());
    let mut matched = 0usize;
    for (kind, req) in requests {
        let started = Instant::now();
        let results = archive
            .search(req)
            .with_context(|| format!("searching {:?}", req.query))?;
        times.push((*kind, started.elapsed()));
        matched += results.total;
        if let Some(keep) = keep.as_mut() {
            keep.push(results);
        }
    }
    Ok((times, matched))
}

/// Runs `bench search-mix`.
pub fn run(args: MixArgs) -> Result<()> {
    let archive = Archive::open(&args.archive, false)
        .with_context(|| format!("opening {}", args.archive.display()))?;
    let requests: Vec<_> = mix(args.requests)
        .into_iter()
        .filter(|(kind, _)| args.kind.as_deref().is_none_or(|k| k == *kind))
        .map(|(kind, mut req)| {
            req.facets &= !args.without_facets;
            (kind, req)
        })
        .collect();
    for _ in 1..args.rounds.max(1) {
        warm_round(&archive, &requests)?;
    }
    let mut kept = Vec::new();
    let (times, matched) = timed_round(
        &archive,
        &requests,
        args.dump_hits.is_some().then_some(&mut kept),
    )?;
    if let Some(path) = &args.dump_hits {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        for ((kind, req), results) in requests.iter().zip(&kept) {
            let hits: Vec<(&str, f32)> = results
                .hits
                .iter()
                .map(|h| (h.id.as_str(), h.score))
                .collect();
            let line = serde_json::json!({
                "kind": kind,
                "query": req.query,
                "total": results.total,
                "total_estimated": results.total_estimated,
                "hits": hits,
                "facets": results.facets,
            });
            writeln!(out, "{line}")?;
        }
        out.flush()?;
    }
    println!("kind      requests  mean ms  p50 ms  p90 ms  p99 ms  max ms");
    let mut kinds: Vec<&str> = times.iter().map(|(k, _)| *k).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds.push("all");
    for kind in kinds {
        let of: Vec<Duration> = times
            .iter()
            .filter(|(k, _)| kind == "all" || *k == kind)
            .map(|(_, d)| *d)
            .collect();
        let l = Latency::of(&of);
        println!(
            "{kind:<9} {:>8} {:>8.2} {:>7.2} {:>7.2} {:>7.2} {:>7.2}",
            l.queries, l.mean_ms, l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms
        );
    }
    println!("matches summed over the timed round: {matched}");
    Ok(())
}
