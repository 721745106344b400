//! Learns word clusters from unlabelled news, for the NER tagger's cluster features.
//!
//! ```sh
//! zstd -dc ../shared/data/news/saudinewsnet-2015.jsonl.zst ../shared/data/news/ant-v1.1-jawharafm.jsonl.zst \
//!   | cargo run --release -p khabar-nlp --example ner_clusters > crates/nlp/models/clusters.tsv
//! ```
//!
//! Reads JSONL articles (`title`, `text`) on stdin. A cheap stand-in for Brown clustering
//! (Brown et al. 1992; used for NER by Miller et al. 2004 and Turian et al. 2010): each of the
//! most frequent words is described by the words seen one and two places to its left and right
//! (among the most frequent context words), weighted by positive pointwise mutual information
//! (Church & Hanks 1990) and normalised; spherical k-means (Dhillon & Modha 2001) then groups
//! the words twice, into fine and coarse clusters. Words with the same neighbours (first
//! names, city names, nationalities, titles, verbs of saying) end up together, which is what
//! lets the tagger recognise a name it never saw in ANERcorp.
//!
//! The output holds only words and cluster numbers — derived statistics, not corpus text.
//! Deterministic: same input, same output.

use std::io::{BufRead, Write};

use rustc_hash::FxHashMap;

const VOCAB: usize = 50_000;
const CONTEXTS: usize = 1_500;
const MIN_COUNT: u32 = 5;
const MAX_NNZ: usize = 300;
const FINE: usize = 512;
const COARSE: usize = 64;
const ITERATIONS: usize = 15;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Sparse unit vector: (dimension, value), sorted by dimension.
type Sparse = Vec<(u32, f32)>;

fn kmeans(vecs: &[Sparse], dims: usize, k: usize, seed: u64) -> Vec<u16> {
    let mut rng = Rng(seed);
    let mut cent = vec![0f32; k * dims];
    // Seeds: k distinct words drawn from the 40% most frequent.
    let pool = (vecs.len() * 2 / 5).max(k);
    let mut chosen = rustc_hash::FxHashSet::default();
    let mut c = 0;
    while c < k {
        let w = (rng.next() % pool as u64) as usize;
        if !chosen.insert(w) {
            continue;
        }
        for &(d, v) in &vecs[w] {
            cent[c * dims + d as usize] = v;
        }
        c += 1;
    }
    let mut assign = vec![0u16; vecs.len()];
    for it in 0..ITERATIONS {
        let mut changed = 0;
        for (i, v) in vecs.iter().enumerate() {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for c in 0..k {
                let row = &cent[c * dims..(c + 1) * dims];
                let s: f32 = v.iter().map(|&(d, x)| row[d as usize] * x).sum();
                if s > best {
                    best = s;
                    arg = c;
                }
            }
            if assign[i] != arg as u16 || it == 0 {
                changed += 1;
            }
            assign[i] = arg as u16;
        }
        eprintln!("k={k} iteration {it}: {changed} changed");
        cent.iter_mut().for_each(|x| *x = 0.0);
        let mut sizes = vec![0usize; k];
        for (i, v) in vecs.iter().enumerate() {
            let c = assign[i] as usize;
            sizes[c] += 1;
            for &(d, x) in v {
                cent[c * dims + d as usize] += x;
            }
        }
        for c in 0..k {
            if sizes[c] == 0 {
                let w = (rng.next() % vecs.len() as u64) as usize;
                for &(d, v) in &vecs[w] {
                    cent[c * dims + d as usize] = v;
                }
                continue;
            }
            let row = &mut cent[c * dims..(c + 1) * dims];
            let n = row.iter().map(|x| x * x).sum::<f32>().sqrt();
            if n > 0.0 {
                row.iter_mut().for_each(|x| *x /= n);
            }
        }
        if changed == 0 {
            break;
        }
    }
    assign
}

fn main() {
    // Pass 1: the token stream of every article, folded surface forms, as ids.
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut words: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut docs: Vec<Vec<u32>> = Vec::new();
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.expect("read stdin");
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let mut doc = Vec::new();
        for field in ["title", "text"] {
            let Some(text) = v.get(field).and_then(|t| t.as_str()) else {
                continue;
            };
            for t in khabar_text::tokens(text) {
                let s = t.surface();
                let id = match ids.get(&s) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        ids.insert(s.clone(), id);
                        words.push(s);
                        counts.push(0);
                        id
                    }
                };
                counts[id as usize] += 1;
                doc.push(id);
            }
            doc.push(u32::MAX); // title and text are not one sentence
        }
        docs.push(doc);
    }
    let total: u64 = counts.iter().map(|&c| c as u64).sum();
    eprintln!(
        "{} articles, {total} tokens, {} types",
        docs.len(),
        words.len()
    );
    // Ranks by frequency (ties by word, for determinism).
    let mut order: Vec<u32> = (0..words.len() as u32).collect();
    order.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| words[a as usize].cmp(&words[b as usize]))
    });
    let mut rank = vec![u32::MAX; words.len()];
    for (r, &w) in order.iter().enumerate() {
        rank[w as usize] = r as u32;
    }
    let vocab = order
        .iter()
        .take(VOCAB)
        .take_while(|&&w| counts[w as usize] >= MIN_COUNT)
        .count();
    // Co-occurrence pairs (target rank, context dimension).
    let mut pairs: Vec<u64> = Vec::new();
    for doc in &docs {
        for i in 0..doc.len() {
            let w = doc[i];
            if w == u32::MAX || rank[w as usize] as usize >= vocab {
                continue;
            }
            for (slot, d) in [(0u32, -2isize), (1, -1), (2, 1), (3, 2)] {
                let j = i as isize + d;
                if j < 0 || j as usize >= doc.len() {
                    continue;
                }
                let x = doc[j as usize];
                if x == u32::MAX {
                    continue;
                }
                let r = rank[x as usize] as usize;
                if r < CONTEXTS {
                    let dim = slot as u64 * CONTEXTS as u64 + r as u64;
                    pairs.push(((rank[w as usize] as u64) << 32) | dim);
                }
            }
        }
    }
    drop(docs);
    pairs.sort_unstable();
    let dims = 4 * CONTEXTS;
    let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocab];
    let mut col = vec![0f64; dims];
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        let w = (pairs[i] >> 32) as usize;
        let d = (pairs[i] & 0xFFFF_FFFF) as u32;
        rows[w].push((d, (j - i) as f32));
        col[d as usize] += (j - i) as f64;
        i = j;
    }
    let n: f64 = col.iter().sum();
    drop(pairs);
    // PPMI, the strongest MAX_NNZ contexts, unit length.
    let vecs: Vec<Sparse> = rows
        .into_iter()
        .map(|row| {
            let rs: f64 = row.iter().map(|x| x.1 as f64).sum();
            let mut v: Sparse = row
                .into_iter()
                .filter_map(|(d, c)| {
                    let pmi = ((c as f64) * n / (rs * col[d as usize])).ln();
                    (pmi > 0.0).then_some((d, pmi as f32))
                })
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(MAX_NNZ);
            v.sort_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|x| x.1 /= norm);
            }
            v
        })
        .collect();
    let fine = kmeans(&vecs, dims, FINE, 0x9E37_79B9_7F4A_7C15);
    let coarse = kmeans(&vecs, dims, COARSE, 0xD1B5_4A32_D192_ED03);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    writeln!(
        out,
        "# word\tfine\tcoarse — khabar-nlp examples/ner_clusters.rs over SaudiNewsNet 2015 + ANT JawharaFM; \
         {vocab} most frequent words, PPMI context vectors, spherical k-means {FINE}/{COARSE}"
    )
    .unwrap();
    for r in 0..vocab {
        if vecs[r].is_empty() {
            continue;
        }
        writeln!(
            out,
            "{}\t{}\t{}",
            words[order[r] as usize], fine[r], coarse[r]
        )
        .unwrap();
    }
}
