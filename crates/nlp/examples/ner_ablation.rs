//! What each feature group adds: trains on the first five sixths of an ANERcorp file, scores on
//! the last sixth, and measures tagging speed on the dev text as raw text.
//!
//! ```sh
//! cargo run --release -p khabar-nlp --example ner_ablation -- \
//!     ../shared/data/ner/anercorp-train.conll ../shared/data/ner [CONFIG…]
//! ```
//!
//! The second argument is the folder of ANERGazet (`ANERGazet_Aligned{Loc,Org,Pers}Gazetteer.txt`);
//! the harvested gazetteers and clusters come from `crates/nlp/models/` via
//! `TrainOptions::default()`. CONFIG names one row to run (default: all rows). `CV=5` scores
//! by five-fold cross-validation instead; `EXTRA=FILE.conll` adds sentences to every training
//! set (the shipped model's news, `bench/ner_from_dev.py`).

use std::time::Instant;

use khabar_nlp::ner::features::group;
use khabar_nlp::ner::{
    evaluate, parse_gazetteer, read_conll, split_train_dev, train, Gazetteer, GazetteerSource,
    TrainOptions,
};
use khabar_nlp::EntityType;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let conll = args
        .first()
        .cloned()
        .unwrap_or_else(|| "../shared/data/ner/anercorp-train.conll".into());
    let gazdir = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "../shared/data/ner".into());
    let only: Vec<&str> = args.iter().skip(2).map(String::as_str).collect();
    let text = std::fs::read_to_string(&conll).expect("read the CoNLL file");
    let all = read_conll(&text).expect("parse the CoNLL file");
    // CV=k: k-fold cross-validation over the whole file (contiguous folds), micro-averaged,
    // instead of the single train/dev split: steadier figures for comparing feature groups.
    let folds: usize = std::env::var("CV")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    // EXTRA=FILE.conll: more sentences every training set takes (the development set's news,
    // bench/ner_from_dev.py); the scoring folds stay ANERcorp's.
    let extra = match std::env::var("EXTRA") {
        Ok(path) => {
            read_conll(&std::fs::read_to_string(&path).expect("read EXTRA")).expect("parse EXTRA")
        }
        Err(_) => Vec::new(),
    };
    let (mut tr, dev) = split_train_dev(all.clone());
    tr.extend(extra.iter().cloned());
    let ntr: usize = tr.iter().map(|s| s.tokens.len()).sum();
    let ndev: usize = dev.iter().map(|s| s.tokens.len()).sum();
    eprintln!(
        "train {} sentences / {ntr} tokens, dev {} sentences / {ndev} tokens",
        tr.len(),
        dev.len()
    );
    let mut given = Vec::new();
    for (ty, name) in [
        (EntityType::Pers, "Pers"),
        (EntityType::Loc, "Loc"),
        (EntityType::Org, "Org"),
    ] {
        let path = format!("{gazdir}/ANERGazet_Aligned{name}Gazetteer.txt");
        match std::fs::read_to_string(&path) {
            Ok(t) => given.push(Gazetteer {
                source: GazetteerSource::Given,
                ty,
                entries: parse_gazetteer(&t),
            }),
            Err(e) => eprintln!("{path}: {e} (ANERGazet rows will lack it)"),
        }
    }
    let shipped = TrainOptions::default();
    let w = group::WORDS;
    let a = w | group::AFFIXES;
    let l = a | group::LEXICON;
    let t = l | group::TRIGGERS;
    let g = t | group::GAZETTEERS;
    let h = g | group::HARVESTED;
    let c = h | group::CLUSTERS;
    let d = c | group::DEFINITE;
    // (name, feature groups, add ANERGazet)
    let rows: Vec<(&str, u32, bool)> = vec![
        ("words", w, false),
        ("+affixes/clitics", a, false),
        ("+lexicon freq", l, false),
        ("+triggers", t, false),
        ("+ANERGazet", g, true),
        ("+harvested gaz", h, true),
        ("+clusters", c, true),
        ("+definite article", d, true),
        ("shipped = all but ANERGazet", shipped.features, false),
        ("shipped, one stage only", 0, false),
        (
            "shipped without definite article",
            shipped.features & !group::DEFINITE,
            false,
        ),
        (
            "shipped without triggers",
            shipped.features & !group::TRIGGERS,
            false,
        ),
        (
            "shipped without harvested gaz",
            shipped.features & !group::HARVESTED,
            false,
        ),
    ];
    println!("| features | PERS P/R/F | LOC P/R/F | ORG P/R/F | MISC P/R/F | overall P/R/F | tok/s | train s | rows |");
    println!("|---|---|---|---|---|---|---|---|---|");
    // Raw dev text for the speed test: tokens joined by spaces, sentences by newlines.
    let raw: String = dev
        .iter()
        .map(|s| s.tokens.join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    for (name, flags, anergazet) in rows {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o)) {
            continue;
        }
        let mut opts = shipped.clone();
        if flags == 0 {
            opts.two_stage = false;
        } else {
            opts.features = flags;
        }
        if anergazet {
            opts.gazetteers.extend(given.iter().cloned());
        }
        if let Ok(e) = std::env::var("EPOCHS") {
            opts.epochs = e.parse().unwrap();
        }
        if let Ok(a) = std::env::var("ALGO") {
            let p: Vec<&str> = a.split(':').collect();
            opts.algorithm = if p[0] == "perc" {
                khabar_nlp::ner::Algorithm::Perceptron
            } else {
                khabar_nlp::ner::Algorithm::Crf {
                    l2: p[1].parse().unwrap(),
                    eta: p[2].parse().unwrap(),
                }
            };
        }
        if let Ok(e) = std::env::var("TWO") {
            opts.two_stage = e == "1";
        }
        if let Ok(e) = std::env::var("PRUNE") {
            opts.prune = e.parse().unwrap();
        }
        if folds > 1 {
            let mut sum = [[0usize; 3]; 5];
            for k in 0..folds {
                let (lo, hi) = (k * all.len() / folds, (k + 1) * all.len() / folds);
                let rest: Vec<_> = all[..lo]
                    .iter()
                    .chain(&all[hi..])
                    .chain(&extra)
                    .cloned()
                    .collect();
                let mut model = train(&rest, &opts).expect("train");
                model.set_organisation_rule(false);
                let ev = evaluate(&model, &all[lo..hi]);
                for (i, p) in std::iter::once(&ev.overall)
                    .chain(ev.per_type.iter().map(|x| &x.1))
                    .enumerate()
                {
                    sum[i][0] += p.predicted;
                    sum[i][1] += p.gold;
                    sum[i][2] += p.correct;
                }
            }
            let f = |c: [usize; 3]| {
                let p = c[2] as f64 / c[0].max(1) as f64;
                let r = c[2] as f64 / c[1].max(1) as f64;
                let f1 = if p + r > 0.0 {
                    2.0 * p * r / (p + r)
                } else {
                    0.0
                };
                format!("{:.1}/{:.1}/**{:.1}**", p * 100.0, r * 100.0, f1 * 100.0)
            };
            println!(
                "| {name} ({folds}-fold CV) | {} | {} | {} | {} | {} | | | |",
                f(sum[1]),
                f(sum[2]),
                f(sum[3]),
                f(sum[4]),
                f(sum[0])
            );
            continue;
        }
        let t0 = Instant::now();
        // The tagger alone, as `eval-ner` measures it: ANERcorp leaves ministries and such out
        // of its names, which the organisation rule marks.
        let mut model = train(&tr, &opts).expect("train");
        model.set_organisation_rule(false);
        let secs = t0.elapsed().as_secs_f64();
        let ev = evaluate(&model, &dev);
        if let Ok(path) = std::env::var("DUMP") {
            // token, gold, predicted: for error analysis.
            let mut out = String::new();
            for s in &dev {
                let pred = model.tag_tokens(&s.tokens);
                for ((t, g), p) in s.tokens.iter().zip(&s.tags).zip(&pred) {
                    out.push_str(&format!("{t} {g} {p}\n"));
                }
                out.push('\n');
            }
            std::fs::write(&path, out).expect("write DUMP");
        }
        // Speed: best of three passes over the dev text as raw text.
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t1 = Instant::now();
            std::hint::black_box(model.tag(&raw));
            best = best.min(t1.elapsed().as_secs_f64());
        }
        let f = |p: &khabar_nlp::ner::Prf| {
            format!(
                "{:.1}/{:.1}/**{:.1}**",
                p.precision * 100.0,
                p.recall * 100.0,
                p.f1 * 100.0
            )
        };
        let per: Vec<String> = ev.per_type.iter().map(|(_, p)| f(p)).collect();
        println!(
            "| {name} | {} | {:.0} | {secs:.1} | {} |",
            per.join(" | ") + " | " + &f(&ev.overall),
            ndev as f64 / best,
            model.feature_count()
        );
    }
}
