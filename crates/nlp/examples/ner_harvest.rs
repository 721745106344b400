//! Harvests name lists from unlabelled news with trigger patterns, for the NER tagger's
//! "harvested gazetteer" features.
//!
//! ```sh
//! zstd -dc ../shared/data/news/saudinewsnet-2015.jsonl.zst ../shared/data/news/ant-v1.1-jawharafm.jsonl.zst \
//!   | cargo run --release -p khabar-nlp --example ner_harvest -- crates/nlp/models
//! ```
//!
//! Reads JSONL articles (`title`, `text`) on stdin and writes `harvested-{pers,loc,org}.txt`
//! into the folder given. Pattern-based harvesting in the spirit of Hearst (1992) and of the
//! bootstrapped name lists of Riloff & Jones (1999), with fixed patterns:
//!
//! - persons: a title (الرئيس، الوزير، الشيخ، اللواء، المدرب…) or وزير/رئيس + definite words
//!   (الخارجية الأمريكي), then one or two words without the article and outside the stopword
//!   list, before any punctuation: «وزير الخارجية الأمريكي جون كيري» gives جون كيري and جون;
//! - places: مدينة، محافظة، ولاية، منطقة، إقليم، العاصمة… + the next word;
//! - organisations: وكالة، شركة، حزب، جامعة، صحيفة، قناة، منظمة… + the next word, and the
//!   trigger with it (حزب الوفد).
//!
//! A candidate is kept when seen in its slot at least `MIN` times and in that slot for at least
//! `RATIO` of all its occurrences (so common words that happen to follow a trigger are left
//! out). Output: folded words only (derived statistics; no corpus text), most frequent first.

use std::io::{BufRead, Write};

use rustc_hash::FxHashMap;

const MIN: u32 = 3;
const RATIO: f64 = 0.15;

const PERS_TITLES: &[&str] = &[
    "الرئيس",
    "الوزير",
    "وزير",
    "وزيرة",
    "رئيس",
    "الملك",
    "الأمير",
    "الشيخ",
    "السيد",
    "السيدة",
    "الدكتور",
    "الأستاذ",
    "المهندس",
    "اللواء",
    "العميد",
    "العقيد",
    "الفريق",
    "المشير",
    "الجنرال",
    "النائب",
    "السفير",
    "المستشار",
    "اللاعب",
    "المدرب",
    "الفنان",
    "الفنانة",
    "الكاتب",
    "الشاعر",
    "المخرج",
    "الإعلامي",
    "الداعية",
    "المحامي",
    "القاضي",
    "الإمام",
    "البابا",
    "النجم",
    "المطرب",
    "الممثل",
    "الممثلة",
    "المتحدث",
    "الناطق",
    "المبعوث",
    "المرشح",
    "الزعيم",
    "القائد",
    "الرئيسة",
    "الروائي",
    "الصحفي",
    "الحاج",
    "خادم",
    "ولي",
    "سمو",
    "نائبه",
    "مساعد",
    "الباحث",
];
const LOC_TRIGGERS: &[&str] = &[
    "مدينة",
    "محافظة",
    "ولاية",
    "منطقة",
    "إقليم",
    "جزيرة",
    "قرية",
    "بلدة",
    "العاصمة",
    "عاصمة",
    "مدينتي",
    "بلدتي",
    "ضاحية",
    "مخيم",
    "ميناء",
    "مطار",
    "حي",
    "دولة",
    "جمهورية",
    "مملكة",
];
const ORG_TRIGGERS: &[&str] = &[
    "وكالة",
    "شركة",
    "حزب",
    "جامعة",
    "صحيفة",
    "جريدة",
    "قناة",
    "منظمة",
    "جمعية",
    "حركة",
    "جماعة",
    "نادي",
    "بنك",
    "مصرف",
    "مؤسسة",
    "مجموعة",
    "تنظيم",
    "اتحاد",
    "هيئة",
    "مجلة",
    "إذاعة",
    "فريق",
    "تلفزيون",
    "مركز",
    "معهد",
];

const NOT_NAMES: &[&str] = &[
    "مجلس",
    "إدارة",
    "ولي",
    "أمير",
    "لجنة",
    "الوزراء",
    "قسم",
    "دائرة",
    "مكتب",
    "بعثة",
    "هيئة",
    "وفد",
    "فرع",
    "نادي",
    "مركز",
    "إدارة",
    "عام",
    "سابق",
    "مدير",
    "أمين",
    "نائب",
    "قائد",
];

fn fold(w: &str) -> String {
    khabar_text::tokens(w)
        .next()
        .map(|t| t.surface())
        .unwrap_or_default()
}

#[derive(Default)]
struct Slots {
    counts: FxHashMap<String, u32>,
}

impl Slots {
    fn add(&mut self, s: String) {
        *self.counts.entry(s).or_insert(0) += 1;
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "crates/nlp/models".into());
    let set = |l: &[&str]| {
        l.iter()
            .map(|w| fold(w))
            .collect::<rustc_hash::FxHashSet<_>>()
    };
    let (pers_t, loc_t, org_t) = (set(PERS_TITLES), set(LOC_TRIGGERS), set(ORG_TRIGGERS));
    // Words that follow a title but are not names (رئيس مجلس الإدارة, ولي العهد).
    let mut not_name = set(NOT_NAMES);
    not_name.extend(pers_t.iter().cloned());
    not_name.extend(loc_t.iter().cloned());
    not_name.extend(org_t.iter().cloned());
    let stop = |w: &str| khabar_text::is_stopword(w);
    let mut total: FxHashMap<String, u32> = FxHashMap::default();
    let mut pers = Slots::default();
    let mut loc = Slots::default();
    let mut org = Slots::default();
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.expect("read stdin");
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        for field in ["title", "text"] {
            let Some(text) = v.get(field).and_then(|t| t.as_str()) else {
                continue;
            };
            // Words, and whether punctuation separates each from the next.
            let toks: Vec<khabar_text::Token> = khabar_text::tokens(text).collect();
            let words: Vec<String> = toks.iter().map(|t| t.surface()).collect();
            let joined: Vec<bool> = (0..toks.len())
                .map(|i| {
                    toks.get(i + 1)
                        .is_some_and(|n| text[toks[i].end..n.start].trim().is_empty())
                })
                .collect();
            for w in &words {
                *total.entry(w.clone()).or_insert(0) += 1;
            }
            for i in 0..words.len() {
                if !joined[i] {
                    continue;
                }
                let w = &words[i];
                if pers_t.contains(w) {
                    // Skip up to three definite words (الخارجية الأمريكي), then take the name.
                    let mut j = i + 1;
                    while j < words.len()
                        && j <= i + 3
                        && words[j].starts_with("ال")
                        && joined[j - 1]
                    {
                        j += 1;
                    }
                    if j >= words.len() || !joined[j - 1] {
                        continue;
                    }
                    let a = &words[j];
                    if a.starts_with("ال")
                        || stop(a)
                        || a.chars().count() < 2
                        || !a.chars().all(khabar_text::is_arabic_letter)
                    {
                        continue;
                    }
                    if not_name.contains(a)
                        || a.starts_with('ل')
                        || khabar_text::strip_prefix(a) != a.as_str()
                    {
                        continue;
                    }
                    pers.add(a.clone());
                    let ok = |k: usize| {
                        k < words.len()
                            && joined[k - 1]
                            && !stop(&words[k])
                            && !not_name.contains(&words[k])
                            && words[k].chars().count() >= 2
                            && words[k].chars().all(khabar_text::is_arabic_letter)
                    };
                    if ok(j + 1) {
                        let b = &words[j + 1];
                        if matches!(b.as_str(), "بن" | "ابن" | "بنت") {
                            if ok(j + 2) {
                                pers.add(format!("{a} {b} {}", words[j + 2]));
                            }
                        } else {
                            pers.add(format!("{a} {b}"));
                        }
                    }
                } else if loc_t.contains(w) && i + 1 < words.len() {
                    let a = &words[i + 1];
                    if !stop(a)
                        && a.chars().count() >= 3
                        && a.chars().all(khabar_text::is_arabic_letter)
                    {
                        loc.add(a.clone());
                    }
                } else if org_t.contains(w) && i + 1 < words.len() {
                    let a = &words[i + 1];
                    if !stop(a)
                        && a.chars().count() >= 3
                        && a.chars().all(khabar_text::is_arabic_letter)
                    {
                        org.add(a.clone());
                        org.add(format!("{w} {a}"));
                    }
                }
            }
        }
    }
    for (name, slots, cap) in [("pers", pers, 6000), ("loc", loc, 3000), ("org", org, 4000)] {
        let mut kept: Vec<(String, u32)> = slots
            .counts
            .into_iter()
            .filter(|(s, c)| {
                if *c < MIN {
                    return false;
                }
                // A single word must be seen in the slot often enough relative to all its uses;
                // a two-word entry is specific already.
                if s.contains(' ') {
                    let first = s.split(' ').next().unwrap_or("");
                    return name != "org" || total.get(first).copied().unwrap_or(0) > 0;
                }
                let t = total.get(s).copied().unwrap_or(u32::MAX);
                *c as f64 >= RATIO * t as f64
            })
            .collect();
        kept.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        kept.truncate(cap);
        let path = format!("{dir}/harvested-{name}.txt");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create output"));
        writeln!(
            f,
            "# {name} names harvested by khabar-nlp examples/ner_harvest.rs from SaudiNewsNet 2015 + ANT JawharaFM (folded forms)"
        )
        .unwrap();
        for (s, _) in &kept {
            writeln!(f, "{s}").unwrap();
        }
        eprintln!("{path}: {} entries", kept.len());
    }
}
