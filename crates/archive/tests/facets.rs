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
