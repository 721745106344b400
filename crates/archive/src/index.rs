//! The search index: tantivy, derived from the record and rebuildable from it.
//!
//! Title and body are each indexed twice, as folded surface words (`*_exact`) and as light stems
//! (`*_stem`), both with positions. The text is analysed here, once, by `khabar-text`, and handed
//! to tantivy pre-tokenized, so the index and the query side can never disagree on analysis.
//! Nothing of the article is stored in the index but its record key: the record serves the rest.
//!
//! Every index commit carries, as its payload, the highest record key it covers. Opening for
//! writing indexes whatever the record holds above that mark, so a crash between the record's
//! commit and the index's costs nothing but a catch-up.

use std::collections::HashMap;
use std::path::Path;

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, STRING,
};
use tantivy::tokenizer::{PreTokenizedString, Token as TantivyToken};
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::{days_from_iso, Error};

/// The fields of the index schema.
#[derive(Clone, Copy)]
pub struct Fields {
    pub key: Field,
    pub title_stem: Field,
    pub title_exact: Field,
    pub body_stem: Field,
    pub body_exact: Field,
    pub source: Field,
    pub category: Field,
    pub day: Field,
}

/// Bump when the schema or the analysis changes: an index of another version is rebuilt.
pub const INDEX_VERSION: u32 = 1;

fn schema() -> Schema {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_u64_field("key", NumericOptions::default().set_indexed().set_fast());
    b.add_text_field("title_stem", text.clone());
    b.add_text_field("title_exact", text.clone());
    b.add_text_field("body_stem", text.clone());
    b.add_text_field("body_exact", text);
    b.add_text_field("source", STRING | tantivy::schema::FAST);
    b.add_text_field("category", STRING | tantivy::schema::FAST);
    b.add_i64_field("day", NumericOptions::default().set_indexed().set_fast());
    b.build()
}

impl Fields {
    fn of(schema: &Schema) -> Result<Fields, Error> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| Error::IndexSchema(name.to_owned()))
        };
        Ok(Fields {
            key: f("key")?,
            title_stem: f("title_stem")?,
            title_exact: f("title_exact")?,
            body_stem: f("body_stem")?,
            body_exact: f("body_exact")?,
            source: f("source")?,
            category: f("category")?,
            day: f("day")?,
        })
    }
}

/// The commit payload: what the index covers.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Payload {
    version: u32,
    indexed_key: i64,
}

/// Opens the index in `dir`, creating it (empty) when absent. Returns the index, its fields,
/// and the highest record key it covers (`None` when the index is of another version and must
/// be rebuilt).
pub fn open(dir: &Path) -> Result<(Index, Fields, Option<i64>), Error> {
    std::fs::create_dir_all(dir)?;
    let index = if dir.join("meta.json").exists() {
        Index::open_in_dir(dir)?
    } else {
        Index::create_in_dir(dir, schema())?
    };
    let fields = match Fields::of(&index.schema()) {
        Ok(f) => f,
        Err(_) => return Ok((index, Fields::of(&schema())?, None)),
    };
    let payload: Payload = index
        .load_metas()?
        .payload
        .and_then(|p| serde_json::from_str(&p).ok())
        .unwrap_or(Payload {
            version: INDEX_VERSION,
            indexed_key: 0,
        });
    let covered = (payload.version == INDEX_VERSION).then_some(payload.indexed_key);
    Ok((index, fields, covered))
}

/// Deletes the index in `dir` and creates an empty one.
pub fn recreate(dir: &Path) -> Result<(Index, Fields), Error> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, schema())?;
    let fields = Fields::of(&index.schema())?;
    Ok((index, fields))
}

/// Commits what the writer holds, recording that the index covers keys up to `indexed_key`.
pub fn commit(writer: &mut IndexWriter, indexed_key: i64) -> Result<(), Error> {
    let payload = serde_json::to_string(&Payload {
        version: INDEX_VERSION,
        indexed_key,
    })
    .expect("payload serializes");
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

/// The text of one article, analysed into index fields. Keeps a cache of stems: news text is
/// Zipfian, and most words are stemmed many times over.
#[derive(Default)]
pub struct Analyzer {
    stems: HashMap<String, String>,
    word: String,
}

/// One text's tokens in both forms.
pub struct Analysed {
    pub exact: Vec<TantivyToken>,
    pub stem: Vec<TantivyToken>,
}

const STEM_CACHE_LIMIT: usize = 500_000;

impl Analyzer {
    /// Tokenizes `text` into surface and stem tokens, and feeds each surface word to `on_word`
    /// (the content hash is computed from them).
    pub fn analyse(&mut self, text: &str, mut on_word: impl FnMut(&str)) -> Analysed {
        let mut exact = Vec::new();
        let mut stem = Vec::new();
        let mut toks = khabar_text::tokens(text);
        let mut position = 0;
        while let Some((start, end)) = toks.next_into(&mut self.word) {
            let stemmed = match self.stems.get(&self.word) {
                Some(s) => s.clone(),
                None => {
                    let s = khabar_text::stem(&self.word);
                    if self.stems.len() >= STEM_CACHE_LIMIT {
                        self.stems.clear();
                    }
                    self.stems.insert(self.word.clone(), s.clone());
                    s
                }
            };
            khabar_text::fold_ta_marbuta(&mut self.word);
            on_word(&self.word);
            let token = |text: String| TantivyToken {
                offset_from: start,
                offset_to: end,
                position,
                text,
                position_length: 1,
            };
            exact.push(token(self.word.clone()));
            stem.push(token(stemmed));
            position += 1;
        }
        Analysed { exact, stem }
    }
}

/// What the index needs of an article.
pub struct IndexInput<'a> {
    pub key: i64,
    pub source: Option<&'a str>,
    pub category: Option<&'a str>,
    pub published: Option<&'a str>,
    pub title: Analysed,
    pub body: Analysed,
}

/// Builds the index document of an article.
pub fn document(fields: &Fields, input: IndexInput<'_>) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(fields.key, input.key as u64);
    let pre = |tokens: Vec<TantivyToken>| PreTokenizedString {
        text: String::new(),
        tokens,
    };
    doc.add_pre_tokenized_text(fields.title_exact, pre(input.title.exact));
    doc.add_pre_tokenized_text(fields.title_stem, pre(input.title.stem));
    doc.add_pre_tokenized_text(fields.body_exact, pre(input.body.exact));
    doc.add_pre_tokenized_text(fields.body_stem, pre(input.body.stem));
    if let Some(s) = input.source {
        doc.add_text(fields.source, facet_value(s));
    }
    if let Some(c) = input.category {
        doc.add_text(fields.category, facet_value(c));
    }
    if let Some(day) = input.published.and_then(days_from_iso) {
        doc.add_i64(fields.day, day);
    }
    doc
}

/// How a source or category name is indexed and matched: trimmed and lower-cased, so
/// `--source AAWSAT` finds `aawsat`.
pub fn facet_value(s: &str) -> String {
    s.trim().to_lowercase()
}
