//! `khabar quotes`, `khabar entities`, `khabar annotate`, `khabar eval-ner`, `khabar train-ner`,
//! and the readable view of an article's annotations.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use khabar_archive::{Archive, EntityQuery, QuoteQuery};
use khabar_nlp::quotes::QuoteKind;
use khabar_nlp::{Annotations, EntityType};

/// Prints the people, places and organisations, the quotations and the dates of a text.
pub fn print_annotations(out: &mut impl Write, text: &str, a: &Annotations) -> Result<()> {
    let slice = |s: usize, e: usize| text.get(s..e).unwrap_or("");
    for (ty, heading) in [
        (EntityType::Pers, "أشخاص / people"),
        (EntityType::Loc, "أماكن / places"),
        (EntityType::Org, "هيئات / organisations"),
        (EntityType::Misc, "أخرى / other names"),
    ] {
        let names: Vec<String> = a
            .entities
            .iter()
            .filter(|e| e.ty == ty)
            .map(|e| match e.mentions.len() {
                0 | 1 => e.name.clone(),
                n => format!("{} ×{n}", e.name),
            })
            .collect();
        if !names.is_empty() {
            writeln!(out, "{heading}: {}", names.join("، "))?;
        }
    }
    if !a.quotes.is_empty() {
        writeln!(out, "\nأقوال / quotations:")?;
        for q in &a.quotes {
            let speaker = q.speaker.as_deref().unwrap_or("؟");
            let title = q
                .speaker_title
                .as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default();
            let kind = match q.kind {
                QuoteKind::Direct => "",
                QuoteKind::Indirect => " [غير مباشر / indirect]",
            };
            let via = q
                .source
                .as_deref()
                .map(|s| format!(" (عن / via {s})"))
                .unwrap_or_default();
            writeln!(
                out,
                "  - {speaker}{title}: «{}»{kind}{via}",
                slice(q.start, q.end)
            )?;
        }
    }
    if !a.dates.is_empty() {
        writeln!(out, "\nتواريخ / dates:")?;
        for d in &a.dates {
            let value = match (&d.value, d.weekday) {
                (Some(v), _) => v.clone(),
                (None, Some(w)) => format!(
                    "{} (نسبي، بلا تاريخ نشر / relative, no publication date)",
                    khabar_nlp::weekday_name(w)
                ),
                (None, None) => "نسبي، بلا تاريخ نشر / relative, no publication date".into(),
            };
            writeln!(out, "  - {} → {value}", slice(d.start, d.end))?;
        }
    }
    Ok(())
}

fn entity_type(s: &str) -> Result<EntityType, String> {
    EntityType::parse(s).ok_or_else(|| format!("{s:?} is not one of PERS, LOC, ORG, MISC"))
}

#[derive(clap::Args)]
pub struct QuotesArgs {
    /// Only what this speaker said (a name or part of one: كيري finds جون كيري).
    #[arg(long)]
    speaker: Option<String>,
    /// Published on or after this day (2015-08-01).
    #[arg(long)]
    from: Option<String>,
    /// Published on or before this day.
    #[arg(long)]
    to: Option<String>,
    /// How many.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// How many to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// One JSON object a line.
    #[arg(long)]
    json: bool,
}

/// `khabar quotes`: who said what, newest first.
pub fn quotes(data: &Path, args: QuotesArgs) -> Result<ExitCode> {
    let archive = Archive::open(data, false)?;
    let rows = archive.quotes(&QuoteQuery {
        speaker: args.speaker,
        from: args.from,
        to: args.to,
        limit: args.limit.clamp(1, 10_000),
        offset: args.offset,
    })?;
    let mut out = std::io::stdout().lock();
    if rows.is_empty() && !args.json {
        eprintln!("لا أقوال / no quotations found");
    }
    for r in rows {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&r)?)?;
            continue;
        }
        let title = r
            .speaker_title
            .as_deref()
            .map(|t| format!(" ({t})"))
            .unwrap_or_default();
        let kind = if r.kind == "indirect" {
            " [غير مباشر]"
        } else {
            ""
        };
        writeln!(
            out,
            "{} · {} · {}\n  {}{title}: «{}»{kind}\n",
            r.published
                .as_deref()
                .map(|p| &p[..p.len().min(10)])
                .unwrap_or("----------"),
            r.source.as_deref().unwrap_or("-"),
            r.article,
            r.speaker.as_deref().unwrap_or("؟"),
            r.text
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct EntitiesArgs {
    /// How many, most mentioned first (by number of articles).
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// Only one type: PERS, LOC, ORG or MISC.
    #[arg(long = "type", value_parser = entity_type)]
    ty: Option<EntityType>,
    /// Only entities whose name holds these words.
    #[arg(long)]
    name: Option<String>,
    /// Only entities named in the same articles as this one (who is mentioned with whom).
    #[arg(long)]
    with: Option<String>,
    /// Articles published on or after this day.
    #[arg(long)]
    from: Option<String>,
    /// Articles published on or before this day.
    #[arg(long)]
    to: Option<String>,
    /// One JSON object a line: {"name", "type", "articles", "mentions"}.
    #[arg(long)]
    json: bool,
}

/// `khabar entities`: the most mentioned people, places and organisations.
pub fn entities(data: &Path, args: EntitiesArgs) -> Result<ExitCode> {
    let archive = Archive::open(data, false)?;
    let rows = archive.top_entities(&EntityQuery {
        ty: args.ty,
        from: args.from,
        to: args.to,
        name: args.name,
        with: args.with,
        limit: args.top.clamp(1, 100_000),
    })?;
    let mut out = std::io::stdout().lock();
    if !args.json {
        writeln!(
            out,
            "{:>8} {:>9}  {:<5} الاسم / name",
            "articles", "mentions", "type"
        )?;
    }
    for r in rows {
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&r)?)?;
        } else {
            writeln!(
                out,
                "{:>8} {:>9}  {:<5} {}",
                r.articles, r.mentions, r.ty, r.name
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct AnnotateArgs {
    /// Annotate every article again, not only those annotated by an older version.
    #[arg(long)]
    all: bool,
}

/// `khabar annotate`: runs the annotation passes again where they changed.
pub fn annotate(data: &Path, args: AnnotateArgs) -> Result<ExitCode> {
    let archive = Archive::open(data, true)?;
    let bar = indicatif::ProgressBar::new_spinner();
    let n = archive.reannotate(args.all, |n| {
        bar.set_message(format!("{n} articles annotated"))
    })?;
    bar.finish_and_clear();
    eprintln!(
        "{n} articles annotated (annotation version {})",
        khabar_archive::ANNOTATION_VERSION
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct RelinkArgs {
    /// Estimated containment (0–1) at which an article is a copy of another.
    #[arg(long, default_value_t = khabar_archive::copies::DEFAULT_THRESHOLD)]
    copy_threshold: f64,
    /// Weighted key overlap (0–1) at which an article joins a recent article's story thread.
    #[arg(long, default_value_t = khabar_archive::threads::DEFAULT_THRESHOLD)]
    thread_threshold: f64,
}

/// `khabar relink`: finds copies and story threads again for the whole archive.
pub fn relink(data: &Path, args: RelinkArgs) -> Result<ExitCode> {
    let mut archive = Archive::open(data, true)?;
    archive.set_copy_threshold(args.copy_threshold);
    archive.set_thread_threshold(args.thread_threshold);
    let bar = indicatif::ProgressBar::new_spinner();
    let n = archive.relink(|n| bar.set_message(format!("{n} articles linked")))?;
    bar.finish_and_clear();
    eprintln!("{n} articles filed among copies and story threads");
    Ok(ExitCode::SUCCESS)
}

fn read_conll(path: &Path) -> Result<Vec<khabar_nlp::ner::Sentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    khabar_nlp::ner::read_conll(&text).with_context(|| format!("in {}", path.display()))
}

#[derive(clap::Args)]
pub struct EvalNerArgs {
    /// A CoNLL file: `token TAG` a line, IOB2 tags of PERS, LOC, ORG, MISC.
    file: PathBuf,
    /// The model to evaluate (default: the one built into khabar).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Print {"overall": {"precision", "recall", "f1"}, "PERS": {…}, …}.
    #[arg(long)]
    json: bool,
    /// Also mark organisation names built on a construct noun (وزارة الداخلية, حزب …), as
    /// `extract` and `ingest` do. Off by default: ANERcorp leaves ministries and the noun of
    /// «شركة X» out of its names, so the rule is measured on news annotated by khabar's guide
    /// instead (docs/benchmarks.md).
    #[arg(long)]
    with_organisation_rule: bool,
}

/// `khabar eval-ner`: span-level precision, recall and F1 (CoNLL), per type and overall.
pub fn eval_ner(args: EvalNerArgs) -> Result<ExitCode> {
    let sentences = read_conll(&args.file)?;
    let loaded;
    let model = match &args.model {
        None => khabar_nlp::ner::Model::builtin(),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            loaded = khabar_nlp::ner::Model::from_bytes(&bytes)
                .with_context(|| format!("loading the model {}", p.display()))?;
            &loaded
        }
    };
    let mut model = model.clone();
    model.set_organisation_rule(args.with_organisation_rule);
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    let started = std::time::Instant::now();
    let eval = khabar_nlp::ner::evaluate(&model, &sentences);
    let seconds = started.elapsed().as_secs_f64();
    let prf = |p: &khabar_nlp::ner::Prf| {
        serde_json::json!({"precision": p.precision, "recall": p.recall, "f1": p.f1,
            "predicted": p.predicted, "gold": p.gold, "correct": p.correct})
    };
    if args.json {
        let mut v = serde_json::json!({"overall": prf(&eval.overall)});
        for (ty, p) in &eval.per_type {
            v[ty.as_str()] = prf(p);
        }
        println!("{}", serde_json::to_string(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} sentences, {tokens} tokens, {:.0} tokens/s\n",
        sentences.len(),
        tokens as f64 / seconds.max(1e-9)
    );
    println!(
        "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
        "type", "precision", "recall", "F1", "gold", "found", "right"
    );
    let row = |name: &str, p: &khabar_nlp::ner::Prf| {
        println!(
            "{name:<8} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>7} {:>7}",
            p.precision * 100.0,
            p.recall * 100.0,
            p.f1 * 100.0,
            p.gold,
            p.predicted,
            p.correct
        )
    };
    for (ty, p) in &eval.per_type {
        row(ty.as_str(), p);
    }
    row("overall", &eval.overall);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct TrainNerArgs {
    /// The training data: CoNLL files (`token TAG` a line, IOB2), read in order as one. The
    /// shipped model is trained on ANERcorp's training file and the development set's news
    /// (`bench/ner_from_dev.py`; docs/benchmarks.md).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    out: PathBuf,
    /// Hold the last sixth of the sentences (of all the files, in order) out as a dev set and
    /// print the model's figures on it (without it, every sentence trains the model: what
    /// `models/ner.bin` is).
    #[arg(long)]
    holdout: bool,
}

/// `khabar train-ner`: trains the entity tagger (the same data gives the same model).
pub fn train_ner(args: TrainNerArgs) -> Result<ExitCode> {
    let mut sentences = Vec::new();
    for file in &args.files {
        sentences.extend(read_conll(file)?);
    }
    let (train, dev) = if args.holdout {
        khabar_nlp::ner::split_train_dev(sentences)
    } else {
        (sentences, Vec::new())
    };
    if train.is_empty() {
        bail!("no sentences to train on in {}", args.files[0].display());
    }
    eprintln!(
        "training on {} sentences ({} held out)…",
        train.len(),
        dev.len()
    );
    let started = std::time::Instant::now();
    let model = khabar_nlp::ner::train(&train, &khabar_nlp::ner::TrainOptions::default())
        .context("training the tagger")?;
    let bytes = model.to_bytes();
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "model written to {} ({:.1} MB) in {:.0} s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    if !dev.is_empty() {
        // The tagger alone, as `eval-ner` measures it by default.
        let mut model = model.clone();
        model.set_organisation_rule(false);
        let e = khabar_nlp::ner::evaluate(&model, &dev);
        eprintln!(
            "dev ({} sentences): precision {:.2} recall {:.2} F1 {:.2}",
            dev.len(),
            e.overall.precision * 100.0,
            e.overall.recall * 100.0,
            e.overall.f1 * 100.0
        );
    }
    Ok(ExitCode::SUCCESS)
}
