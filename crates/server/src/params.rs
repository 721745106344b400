//! Query strings: read leniently (any bytes decode), checked strictly (a bad date or number is
//! a 400 naming the parameter), and written back for links that change one parameter and
//! keep the rest, so every page state lives in its URL.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use khabar_archive::{Filters, SearchRequest};

use crate::error::ApiError;
use crate::i18n::Lang;
use crate::Limits;

/// The decoded `key=value` pairs of a query string, in order; keys may repeat.
#[derive(Debug, Clone, Default)]
pub struct Params(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Params, Self::Rejection> {
        Ok(Params::parse(parts.uri.query().unwrap_or("")))
    }
}

impl Params {
    /// Parses a query string; invalid percent-encoding and UTF-8 decode lossily.
    pub fn parse(query: &str) -> Params {
        Params(
            form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first non-blank value of `key`, trimmed.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .find(|v| !v.is_empty())
    }

    /// Every non-blank value of `key`, trimmed.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    /// A whole number, `default` when absent; more than `max` is refused, not clamped, so a
    /// client learns the limit instead of silently getting less.
    pub fn number(&self, key: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        let Some(v) = self.get(key) else {
            return Ok(default);
        };
        let n: usize = v.parse().map_err(|_| {
            ApiError::bad_request(format!("`{key}` must be a whole number, not {v:?}"))
        })?;
        if n > max {
            return Err(ApiError::bad_request(format!(
                "`{key}` is {n}; the most allowed is {max}"
            )));
        }
        Ok(n)
    }

    /// A day (`2015-08-01`), checked.
    pub fn date(&self, key: &str) -> Result<Option<String>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) if v.len() == 10 && khabar_archive::days_from_iso(v).is_some() => {
                Ok(Some(v.to_owned()))
            }
            Some(v) => Err(ApiError::bad_request(format!(
                "`{key}` must be a date like 2015-08-01, not {v:?}"
            ))),
        }
    }

    /// A flag: `true`/`1`/`yes`/`on` or `false`/`0`/`no`/`off`; `default` when absent.
    pub fn flag(&self, key: &str, default: bool) -> Result<bool, ApiError> {
        match self.get(key) {
            None => Ok(default),
            Some("true" | "1" | "yes" | "on") => Ok(true),
            Some("false" | "0" | "no" | "off") => Ok(false),
            Some(v) => Err(ApiError::bad_request(format!(
                "`{key}` must be true or false, not {v:?}"
            ))),
        }
    }

    /// The interface language asked for.
    pub fn lang(&self) -> Lang {
        if self.get("lang") == Some("en") {
            Lang::En
        } else {
            Lang::Ar
        }
    }
}

/// Hits skipped at most: deep pages cost the index as much as all the pages before them.
pub const MAX_OFFSET: usize = 10_000;

/// A search as the API and the search page take it.
#[derive(Debug, Clone)]
pub struct SearchParams {
    pub q: String,
    pub sources: Vec<String>,
    pub categories: Vec<String>,
    pub entities: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub thread: Option<i64>,
    pub limit: usize,
    pub offset: usize,
    pub collapse_copies: bool,
    pub facets: bool,
    pub exact_total: bool,
}

impl SearchParams {
    /// Reads `q, source, category, entity, from, to, thread, limit, offset, collapse_copies,
    /// facets, exact_total` (`source`, `category` and `entity` may repeat).
    pub fn parse(p: &Params, limits: &Limits, default_limit: usize) -> Result<Self, ApiError> {
        let thread = match p.get("thread") {
            None => None,
            Some(v) => Some(v.parse::<i64>().map_err(|_| {
                ApiError::bad_request(format!(
                    "`thread` must be a thread id (a number), not {v:?}"
                ))
            })?),
        };
        let from = p.date("from")?;
        let to = p.date("to")?;
        if let (Some(f), Some(t)) = (&from, &to) {
            if f > t {
                return Err(ApiError::bad_request(format!(
                    "`from` ({f}) is after `to` ({t})"
                )));
            }
        }
        let limit = p.number("limit", default_limit, limits.max_page_size)?;
        if limit == 0 {
            return Err(ApiError::bad_request("`limit` must be at least 1"));
        }
        Ok(SearchParams {
            q: p.get("q").unwrap_or("").to_owned(),
            sources: p.all("source"),
            categories: p.all("category"),
            entities: p.all("entity"),
            from,
            to,
            thread,
            limit,
            offset: p.number("offset", 0, MAX_OFFSET)?,
            collapse_copies: p.flag("collapse_copies", false)?,
            facets: p.flag("facets", true)?,
            exact_total: p.flag("exact_total", false)?,
        })
    }

    /// The archive's request.
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            query: self.q.clone(),
            filters: Filters {
                sources: self.sources.clone(),
                categories: self.categories.clone(),
                from: self.from.clone(),
                to: self.to.clone(),
                entities: self.entities.clone(),
                thread: self.thread,
            },
            limit: self.limit,
            offset: self.offset,
            details: true,
            facets: self.facets,
            collapse_copies: self.collapse_copies,
            plain: false,
            exact_total: self.exact_total,
        }
    }

    /// Whether there is anything to search for (a query or a filter).
    pub fn is_empty(&self) -> bool {
        self.q.is_empty()
            && self.sources.is_empty()
            && self.categories.is_empty()
            && self.entities.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.thread.is_none()
    }
}

/// A link: a path and query parameters, which keeps the interface language.
#[derive(Debug, Clone)]
pub struct Link {
    path: String,
    params: Vec<(String, String)>,
}

impl Link {
    /// A link to `path` (already encoded) in language `lang`.
    pub fn new(path: impl Into<String>, lang: Lang) -> Link {
        let mut link = Link {
            path: path.into(),
            params: Vec::new(),
        };
        if lang == Lang::En {
            link.params.push(("lang".into(), "en".into()));
        }
        link
    }

    /// A link to `path` with the parameters of `params` (language included).
    pub fn with_params(path: impl Into<String>, params: &Params) -> Link {
        Link {
            path: path.into(),
            params: params.0.clone(),
        }
    }

    /// Adds a parameter (keeping others of the same name).
    pub fn add(mut self, key: &str, value: &str) -> Link {
        self.params.push((key.into(), value.into()));
        self
    }

    /// Sets a parameter, replacing every other value of it.
    pub fn set(self, key: &str, value: &str) -> Link {
        self.remove(key).add(key, value)
    }

    /// Removes every value of a parameter.
    pub fn remove(mut self, key: &str) -> Link {
        self.params.retain(|(k, _)| k != key);
        self
    }

    /// Removes one value of a parameter.
    pub fn remove_value(mut self, key: &str, value: &str) -> Link {
        self.params
            .retain(|(k, v)| !(k == key && v.trim() == value));
        self
    }

    /// The link as an `href`.
    pub fn href(&self) -> String {
        let kept: Vec<&(String, String)> =
            self.params.iter().filter(|(_, v)| !v.is_empty()).collect();
        if kept.is_empty() {
            return self.path.clone();
        }
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in kept {
            query.append_pair(k, v);
        }
        format!("{}?{}", self.path, query.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_and_blank_values() {
        let p = Params::parse("source=a&source=&source=b&q=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7");
        assert_eq!(p.all("source"), ["a", "b"]);
        assert_eq!(p.get("q"), Some("سوريا"));
    }

    #[test]
    fn bad_values_are_named() {
        let p = Params::parse("limit=ten&from=2015-13-01&offset=99999999");
        let limits = Limits::default();
        assert!(p
            .number("limit", 10, 100)
            .unwrap_err()
            .message
            .contains("limit"));
        assert!(p.date("from").unwrap_err().message.contains("2015-13-01"));
        assert!(SearchParams::parse(&p, &limits, 10).is_err());
        let p = Params::parse("from=2015-09-01&to=2015-08-01");
        assert!(SearchParams::parse(&p, &limits, 10).is_err());
    }

    #[test]
    fn links_keep_other_parameters() {
        let p = Params::parse("q=a+b&source=x&offset=20&lang=en");
        let link = Link::with_params("/search", &p)
            .remove("offset")
            .set("from", "2015-01-01");
        assert_eq!(
            link.href(),
            "/search?q=a+b&source=x&lang=en&from=2015-01-01"
        );
        assert_eq!(Link::new("/stories", Lang::Ar).href(), "/stories");
        assert_eq!(Link::new("/stories", Lang::En).href(), "/stories?lang=en");
    }
}
