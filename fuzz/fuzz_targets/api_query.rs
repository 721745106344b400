//! Arbitrary bytes as the query string of a search URL (`/api/v1/search?…`, `/search?…`),
//! read and checked as the server's handlers do (`khabar_server::Params::parse`, then
//! `SearchParams::parse`), without a socket. It must never panic; a refusal is a 400 with a
//! message; an accepted search satisfies every bound the parser promises; and a link rebuilt
//! from the parameters reads back as the same parameters.
#![no_main]

use khabar_server::{Limits, Link, Params, SearchParams, MAX_OFFSET};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    // The query-length middleware answers 414 before anything parses a longer query string.
    if data.len() > limits.max_query_bytes {
        return;
    }
    // A URI's query is text (the `http` crate refuses a URI with other bytes); its
    // percent-encoded bytes decode to anything, and are read lossily.
    let query = String::from_utf8_lossy(data);
    let params = Params::parse(&query);
    let _ = params.lang();
    // The API reads 10 hits by default, the search page 20.
    for default_limit in [10, 20] {
        match SearchParams::parse(&params, &limits, default_limit) {
            Ok(sp) => {
                assert!(sp.limit >= 1 && sp.limit <= limits.max_page_size);
                assert!(sp.offset <= MAX_OFFSET);
                assert_eq!(sp.q, sp.q.trim());
                for v in sp.sources.iter().chain(&sp.categories).chain(&sp.entities) {
                    assert!(!v.is_empty() && v.trim() == v, "{v:?}");
                }
                for d in sp.from.iter().chain(&sp.to) {
                    assert_eq!(d.len(), 10);
                    assert!(khabar_archive::days_from_iso(d).is_some(), "{d:?}");
                }
                if let (Some(f), Some(t)) = (&sp.from, &sp.to) {
                    assert!(f <= t);
                }
                let req = sp.request();
                assert_eq!(req.query, sp.q);
                assert_eq!(req.limit, sp.limit);
                assert_eq!(req.offset, sp.offset);
                assert!(!req.plain);
                assert_eq!(
                    sp.is_empty(),
                    sp.q.is_empty()
                        && req.filters.sources.is_empty()
                        && req.filters.categories.is_empty()
                        && req.filters.entities.is_empty()
                        && req.filters.from.is_none()
                        && req.filters.to.is_none()
                        && req.filters.thread.is_none()
                );
                // What the archive then does first with the query: it must not panic either.
                let _ = khabar_archive::query::parse(&req.query);
            }
            Err(e) => {
                assert_eq!(e.status.as_u16(), 400);
                assert_eq!(e.code, "bad_request");
                assert!(!e.message.is_empty());
            }
        }
    }
    // Links (pagination, facet filters) carry the parameters over: written and read back,
    // they are the same (blank values are left out of links).
    let href = Link::with_params("/search", &params).href();
    let back = href.split_once('?').map_or("", |(_, q)| q);
    let kept: Vec<&(String, String)> = params.0.iter().filter(|(_, v)| !v.is_empty()).collect();
    let reread = Params::parse(back);
    assert_eq!(reread.0.iter().collect::<Vec<_>>(), kept, "{href}");
});
