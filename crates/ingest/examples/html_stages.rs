//! Times the stages of HTML extraction over a directory of (optionally gzipped) pages:
//! `cargo run --release -p khabar-ingest --example html_stages -- DIR [N]`.
use std::io::Read;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("DIR");
    let n: usize = args
        .next()
        .map(|s| s.parse().unwrap())
        .unwrap_or(usize::MAX);
    let mut pages = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for p in names.into_iter().take(n) {
        let raw = std::fs::read(&p).unwrap();
        let bytes = if p.extension().is_some_and(|e| e == "gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut out)
                .unwrap();
            out
        } else {
            raw
        };
        pages.push(bytes);
    }
    let total: usize = pages.iter().map(|p| p.len()).sum();
    let t = Instant::now();
    for p in &pages {
        let s = String::from_utf8_lossy(p);
        std::hint::black_box(dom_query::Document::from(s.as_ref()));
    }
    let parse = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for p in &pages {
        let _ = std::hint::black_box(khabar_ingest::parse_html_page(p, None, None));
    }
    let full = t.elapsed().as_secs_f64();
    println!(
        "{} pages, {:.1} MB: parse only {:.2} ms/page ({:.1} MB/s); full extraction {:.2} ms/page",
        pages.len(),
        total as f64 / 1e6,
        parse * 1e3 / pages.len() as f64,
        total as f64 / 1e6 / parse,
        full * 1e3 / pages.len() as f64
    );
}
