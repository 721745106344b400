//! Facet counts: the outlets, categories and entities of the articles a search matches, counted
//! exactly, most frequent first.

use std::path::PathBuf;

use khabar_archive::{Archive, SearchRequest};
use khabar_ingest::{Article, Location, Record};

fn record(i: usize, source: &str, category: &str, text: &str) -> Record {
    Record {
        location: Location {
            file: PathBuf::from("input.jsonl"),
            line: Some(i as u64 + 1),
            offset: None,
        },
        raw_bytes: text.len() as u64,
        result: Ok(Article {
            id: Some(format!("a{i}")),
            title: format!("خبر رقم {i}"),
            source: Some(source.to_owned()),
            category: Some(category.to_owned()),
            published: Some("2015-08-01".to_owned()),
            text: text.to_owned(),
            ..Article::default()
        }),
    }
}

#[test]
fn facets_count_every_matching_article_by_outlet_category_and_entity() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path(), true).unwrap();
    let places = ["الرياض", "جدة", "الدمام"];
    let outlets = ["okaz", "alriyadh", "sabq", "aawsat"];
    let mut records = Vec::new();
    for i in 0..60 {
        // Every third article is about the weather, the rest about the market; each names one
        // of three cities, so the counts differ by outlet, category and place.
        let (category, topic) = if i % 3 == 0 {
            ("local", "هطلت أمطار غزيرة على مدينة")
        } else {
            ("economy", "ارتفعت أسعار الأسهم في سوق")
        };
        let text = format!(
            "{topic} {} اليوم، وقال المسؤولون إن الوضع سيستمر خلال الأيام المقبلة في المنطقة \
             رقم {i} حسب ما أعلنت الجهات المختصة.",
            places[i % 3]
        );
        records.push(record(i, outlets[i % 4], category, &text));
    }
    archive.ingest(records.into_iter(), &mut ()).unwrap();
    let results = archive
        .search(&SearchRequest {
            query: "أمطار".into(),
            facets: true,
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(results.total, 20);
    let facets = results.facets.expect("facets asked for");
    // i % 3 == 0 → i in 0, 3, …, 57: outlets i % 4 → 0,3,2,1,0,… five each.
    let mut outlets: Vec<(String, u64)> = facets
        .source
        .iter()
        .map(|f| (f.value.clone(), f.count))
        .collect();
    outlets.sort();
    assert_eq!(
        outlets,
        vec![
            ("aawsat".to_owned(), 5),
            ("alriyadh".to_owned(), 5),
            ("okaz".to_owned(), 5),
            ("sabq".to_owned(), 5)
        ]
    );
    assert_eq!(facets.category.len(), 1);
    assert_eq!(
        (facets.category[0].value.as_str(), facets.category[0].count),
        ("local", 20)
    );
    // The weather articles all name الرياض (i % 3 == 0): the top entity, counted 20 times.
    let top = facets.entity.first().expect("entities counted");
    assert_eq!((top.name.as_str(), top.count), ("الرياض", 20));
    for pair in facets.entity.windows(2) {
        assert!(pair[0].count >= pair[1].count, "most frequent first");
    }
    // More articles arrive in new segments (and merges replace old ones): the counts follow,
    // whatever each segment's values were when first read.
    let more: Vec<Record> = (60..63)
        .map(|i| {
            let text = format!(
                "هطلت أمطار غزيرة على مدينة تبوك اليوم، وقال المسؤولون إن الوضع سيستمر في                  المنطقة رقم {i} حسب ما أعلنت الجهات المختصة."
            );
            record(i, "alwatan", "local", &text)
        })
        .collect();
    archive.ingest(more.into_iter(), &mut ()).unwrap();
    let again = archive
        .search(&SearchRequest {
            query: "أمطار".into(),
            facets: true,
            ..SearchRequest::default()
        })
        .unwrap();
    let facets = again.facets.expect("facets asked for");
    assert_eq!(again.total, 23);
    assert_eq!(facets.category[0].count, 23);
    assert!(facets
        .source
        .iter()
        .any(|f| f.value == "alwatan" && f.count == 3));
}

/// A bag of words is searched as one flat union of terms (so that tantivy can prune its top
/// hits) and counted by a second pass; with a filter it is one nested query in one pass. Both
/// must find the same articles with the same scores: a filter every article passes adds the
/// same constant to every score (its one term), and changes nothing else.
#[test]
fn a_bag_of_words_ranks_the_same_searched_flat_or_nested() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path(), true).unwrap();
    let words = ["أمطار", "غزيرة", "الأسهم", "سوق", "الرياض", "جدة"];
    let records: Vec<Record> = (0..80)
        .map(|i| {
            // Each article has a different mix and number of the query's words.
            let text: Vec<&str> = (0..(i % 7 + 1))
                .map(|k| words[(i * 3 + k * 5) % words.len()])
                .collect();
            let text = format!(
                "{} وقال المسؤولون إن الوضع سيستمر في المنطقة رقم {i}.",
                text.join(" ")
            );
            record(i, "okaz", "local", &text)
        })
        .collect();
    archive.ingest(records.into_iter(), &mut ()).unwrap();
    for query in ["أمطار", "أمطار الأسهم", "سوق الرياض جدة"] {
        for facets in [false, true] {
            let search = |sources: Vec<String>| {
                let mut req = SearchRequest {
                    query: query.into(),
                    limit: 100,
                    facets,
                    ..SearchRequest::default()
                };
                req.filters.sources = sources;
                archive.search(&req).unwrap()
            };
            let flat = search(Vec::new());
            let nested = search(vec!["okaz".into()]);
            assert!(flat.total > 0, "{query}");
            assert_eq!(flat.total, nested.total, "{query}");
            let scores =
                |r: &khabar_archive::SearchResults| -> std::collections::BTreeMap<String, f32> {
                    r.hits.iter().map(|h| (h.id.clone(), h.score)).collect()
                };
            let (flat_scores, nested_scores) = (scores(&flat), scores(&nested));
            assert_eq!(
                flat_scores.keys().collect::<Vec<_>>(),
                nested_scores.keys().collect::<Vec<_>>(),
                "{query}"
            );
            let shift = nested.hits[0].score - flat_scores[&nested.hits[0].id];
            for (id, score) in &flat_scores {
                // Equal up to the order floating-point sums are taken in.
                assert!(
                    (nested_scores[id] - score - shift).abs() < 1e-4,
                    "{query}: {id} scored {score} flat, {} nested",
                    nested_scores[id]
                );
            }
            // The order, up to ties.
            for pair in flat.hits.windows(2) {
                assert!(pair[0].score >= pair[1].score - 1e-4, "{query}");
            }
            if facets {
                let f = flat.facets.unwrap();
                assert!(!f.approximate);
                assert_eq!(f.source[0].count, flat.total as u64);
            }
        }
    }
}
