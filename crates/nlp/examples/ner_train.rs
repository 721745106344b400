//! Trains the shipped NER model with `TrainOptions::default()` and writes it.
//!
//! ```sh
//! cargo run --release -p khabar-nlp --example ner_train -- \
//!     ../shared/data/ner/anercorp-train.conll crates/nlp/models/ner.bin [--split]
//! ```
//!
//! With `--split` only the first five sixths are used (the last sixth is then a fair dev set).

use std::time::Instant;

use khabar_nlp::ner::{evaluate, read_conll, split_train_dev, train, TrainOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: ner_train TRAIN.conll OUT.bin [--split]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(input).expect("read the CoNLL file");
    let all = read_conll(&text).expect("parse the CoNLL file");
    let (tr, dev) = if args.iter().any(|a| a == "--split") {
        split_train_dev(all)
    } else {
        (all, Vec::new())
    };
    let t0 = Instant::now();
    let model = train(&tr, &TrainOptions::default()).expect("train");
    eprintln!(
        "trained on {} sentences in {:.1} s, {} feature rows",
        tr.len(),
        t0.elapsed().as_secs_f64(),
        model.feature_count()
    );
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes).expect("write the model");
    eprintln!("{out}: {} bytes", bytes.len());
    if !dev.is_empty() {
        let ev = evaluate(&model, &dev);
        eprintln!("dev F1 {:.2}", ev.overall.f1 * 100.0);
    }
}
