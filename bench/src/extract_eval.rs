//! Extraction quality and speed on the WCXB development pages: khabar's HTML reader beside the
//! extractor crates it builds on, in the same run.
//!
//! ```text
//! mkdir -p /tmp/wcxb && tar -I zstd -xf ../shared/data/html/wcxb-dev-article-listing.tar.zst -C /tmp/wcxb
//! cargo run --release -p khabar-bench --bin extract-eval -- /tmp/wcxb /tmp/wcxb-pred
//! python3 ../shared/eval/score_extraction.py /tmp/wcxb/ground-truth /tmp/wcxb-pred/khabar
//! ```
//!
//! For each extractor it writes `OUT/<extractor>/NNNN.json` (`{"text": …}` on one line, what
//! `score_extraction.py` reads) and prints pages/s, single-threaded, extraction only (the pages
//! are read and decompressed beforehand).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

type Extractor = fn(&[u8], Option<&str>) -> String;

fn khabar(bytes: &[u8], url: Option<&str>) -> String {
    khabar_ingest::parse_html_page(bytes, url, None)
        .map(|a| a.text)
        .unwrap_or_default()
}

fn khabar_readability(bytes: &[u8], _url: Option<&str>) -> String {
    khabar_ingest::html::readability_text(bytes)
}

fn trafilatura(bytes: &[u8], url: Option<&str>) -> String {
    let html = String::from_utf8_lossy(bytes);
    let options = rs_trafilatura::Options {
        url: url.map(str::to_owned),
        ..Default::default()
    };
    rs_trafilatura::extract_with_options(&html, &options)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn readability(bytes: &[u8], _url: Option<&str>) -> String {
    let html = String::from_utf8_lossy(bytes);
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    dom_smoothie::Readability::new(html.as_ref(), None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(wcxb), Some(out)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: extract-eval WCXB_DIR OUT_DIR [khabar|khabar-readability|rs-trafilatura|dom_smoothie…]");
    };
    let wanted: Vec<&str> = args[3..].iter().map(String::as_str).collect();
    let pages = load(Path::new(wcxb))?;
    let extractors: [(&str, Extractor); 4] = [
        ("khabar", khabar),
        ("khabar-readability", khabar_readability),
        ("rs-trafilatura", trafilatura),
        ("dom_smoothie", readability),
    ];
    println!("{} pages", pages.len());
    for (name, extract) in extractors {
        if !wanted.is_empty() && !wanted.contains(&name) {
            continue;
        }
        let dir = PathBuf::from(out).join(name);
        std::fs::create_dir_all(&dir)?;
        let started = Instant::now();
        let texts: Vec<String> = pages
            .iter()
            .map(|p| extract(&p.html, p.url.as_deref()))
            .collect();
        let secs = started.elapsed().as_secs_f64();
        for (page, text) in pages.iter().zip(&texts) {
            let json = serde_json::json!({ "text": text }).to_string();
            std::fs::write(dir.join(format!("{}.json", page.id)), json + "\n")?;
        }
        println!(
            "{name:>18}: {:.1} pages/s ({secs:.1} s) → {}",
            pages.len() as f64 / secs,
            dir.display()
        );
    }
    Ok(())
}

struct Page {
    id: String,
    url: Option<String>,
    html: Vec<u8>,
}

fn load(wcxb: &Path) -> Result<Vec<Page>> {
    let mut pages = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(wcxb.join("html"))
        .with_context(|| format!("{}/html (unpack the WCXB archive there)", wcxb.display()))?
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let Some(id) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('.').next())
        else {
            continue;
        };
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut html)?;
        let truth: serde_json::Value =
            std::fs::read_to_string(wcxb.join("ground-truth").join(format!("{id}.json")))
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default();
        let url = truth.get("url").and_then(|u| u.as_str()).map(str::to_owned);
        pages.push(Page {
            id: id.to_owned(),
            url,
            html,
        });
    }
    Ok(pages)
}
