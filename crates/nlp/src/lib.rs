//! What an Arabic news article says: who is named, who said what, and when.
//!
//! Three passes over an article's text, each pure (no I/O once a model is loaded):
//!
//! - [`ner`]: a statistical sequence tagger for PERS, LOC, ORG and MISC names, trained on
//!   ANERcorp and the development set's news; the model ships in the crate and `train-ner`
//!   reproduces it;
//! - [`entities`]: mentions of one entity in one article become one entity
//!   (كيري ← جون كيري ← وزير الخارجية الأمريكي جون كيري), named by its fullest form;
//! - [`quotes`]: direct quotations and reported speech with their speakers;
//! - [`dates`]: every Arabic way of writing a date, resolved against the publication date.
//!
//! All offsets in this crate are **byte** offsets into the text given; callers that need
//! code-point offsets (the JSON output) convert at the edge.

pub mod dates;
pub mod entities;
pub mod ner;
pub mod quotes;

use serde::{Deserialize, Serialize};

/// The four ANERcorp entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PERS")]
    Pers,
    /// A place: country, city, region, named geographic feature.
    #[serde(rename = "LOC")]
    Loc,
    /// An organisation: government body, party, company, agency, outlet, armed group.
    #[serde(rename = "ORG")]
    Org,
    /// Any other name (events, products, nationalities used as names).
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    /// The tag written in CoNLL files and JSON: `PERS`, `LOC`, `ORG`, `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Pers => "PERS",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses `PERS`, `LOC`, `ORG`, `MISC` (also `PER`, any case).
    pub fn parse(s: &str) -> Option<EntityType> {
        match s.to_ascii_uppercase().as_str() {
            "PERS" | "PER" => Some(EntityType::Pers),
            "LOC" => Some(EntityType::Loc),
            "ORG" => Some(EntityType::Org),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

/// One name found in a text: a byte range and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// What kind of name it is.
    pub ty: EntityType,
}

/// Everything the passes find in one text. Offsets are bytes into that text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    /// Named entities, in order of first mention.
    pub entities: Vec<entities::Entity>,
    /// Quotations, in text order.
    pub quotes: Vec<quotes::Quote>,
    /// Date expressions, in text order.
    pub dates: Vec<dates::DateMention>,
}

/// Runs the passes over `text` given its entity mentions (from a tagger): groups them into
/// entities, finds the quotations and links their speakers to the entities, and finds the
/// dates, resolving relative ones against `published`.
pub fn annotate_with(
    text: &str,
    published: Option<dates::Day>,
    mentions: &[Mention],
) -> Annotations {
    // The words are read once for the three passes that walk them all.
    let words = khabar_text::Words::new(text);
    let mut entities = entities::group_in(text, &words, &entities::with_surnames(text, mentions));
    let mut quotes = quotes::find_quotes_in(text, &words, &entities);
    // A name the quotation rules read after a person's title (قال رئيس الحكومة الحبيب الصيد)
    // that the tagger left untagged, or took for a place or a body, is a person: with it among
    // the entities, its later mentions (الصيد) and the quotations are read again.
    let named = quotes::titled_names(text, &quotes);
    if !named.is_empty() {
        let mut more: Vec<Mention> = mentions
            .iter()
            .filter(|m| !named.iter().any(|n| m.start < n.end && n.start < m.end))
            .cloned()
            .collect();
        more.extend(named);
        more.sort_by_key(|m| (m.start, m.end));
        entities = entities::group_in(text, &words, &entities::with_surnames(text, &more));
        quotes = quotes::find_quotes_in(text, &words, &entities);
    }
    let dates = dates::find_dates_in(text, &words, published);
    Annotations {
        entities,
        quotes,
        dates,
    }
}

/// The calendar day of an ISO 8601 date or date-time (its first ten characters), if valid.
pub fn parse_day(iso: &str) -> Option<dates::Day> {
    khabar_text::iso_day(iso)
}

/// Converts byte offsets of one text into code-point offsets, as the JSON output counts them.
pub struct CharOffsets {
    /// Byte offset of every character's start, in order.
    starts: Vec<usize>,
}

impl CharOffsets {
    /// Indexes `text`'s characters.
    pub fn new(text: &str) -> CharOffsets {
        CharOffsets {
            starts: text.char_indices().map(|(i, _)| i).collect(),
        }
    }

    /// The number of characters before byte offset `byte`.
    pub fn of(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s < byte)
    }
}

impl Annotations {
    /// The annotations as `khabar extract --json` and `show --json` print them, offsets in
    /// code points of `text` (the text they were found in):
    /// `entities` `[{"name", "type", "mentions": [{"start", "end", "text"}]}]`,
    /// `quotes` `[{"text", "speaker", "speaker_mention", "speaker_title", "kind", "start", "end", "cue",
    /// "source"}]` (`source`: who relayed the words, حسب وكالة رويترز → رويترز),
    /// `dates` `[{"text", "value", "relative", "weekday", "start", "end"}]`.
    pub fn to_json(&self, text: &str) -> serde_json::Value {
        use serde_json::json;
        let chars = CharOffsets::new(text);
        let slice = |s: usize, e: usize| text.get(s..e).unwrap_or("");
        let entities: Vec<_> = self
            .entities
            .iter()
            .map(|e| {
                let mentions: Vec<_> = e
                    .mentions
                    .iter()
                    .map(|&(s, t)| json!({"start": chars.of(s), "end": chars.of(t), "text": slice(s, t)}))
                    .collect();
                json!({"name": e.name, "type": e.ty.as_str(), "mentions": mentions})
            })
            .collect();
        let quotes: Vec<_> = self
            .quotes
            .iter()
            .map(|q| {
                json!({
                    "text": slice(q.start, q.end),
                    "speaker": q.speaker,
                    "speaker_mention": q.speaker_mention.map(|(s, e)| slice(s, e)),
                    "speaker_title": q.speaker_title,
                    "kind": match q.kind { quotes::QuoteKind::Direct => "direct", quotes::QuoteKind::Indirect => "indirect" },
                    "start": chars.of(q.start),
                    "end": chars.of(q.end),
                    "cue": q.cue.map(|(s, e)| slice(s, e)),
                    "source": q.source,
                })
            })
            .collect();
        let dates: Vec<_> = self
            .dates
            .iter()
            .map(|d| {
                json!({
                    "text": slice(d.start, d.end),
                    "value": d.value,
                    "relative": d.relative,
                    "weekday": d.weekday.map(weekday_name),
                    "start": chars.of(d.start),
                    "end": chars.of(d.end),
                })
            })
            .collect();
        json!({"entities": entities, "quotes": quotes, "dates": dates})
    }
}

/// The English name of a weekday number (0 = Monday).
pub fn weekday_name(day: u8) -> &'static str {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .get(day as usize)
    .copied()
    .unwrap_or("unknown")
}

/// Runs every pass over `text`: named entities (the shipped model), then
/// [`annotate_with`].
pub fn annotate(text: &str, published: Option<dates::Day>) -> Annotations {
    annotate_with(text, published, &ner::Model::builtin().tag(text))
}

/// What the passes read of an article besides its body.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleContext<'a> {
    /// The headline.
    pub title: &'a str,
    /// The dateline or agency line (`دمشق - رويترز`, `بلدي نيوز- (متابعات)`).
    pub dateline: Option<&'a str>,
    /// The outlet.
    pub source: Option<&'a str>,
    /// The publication day, to resolve relative dates.
    pub published: Option<dates::Day>,
}

/// Runs every pass over an article's body ([`annotate`]), then adds the entities named only
/// in its headline or dateline, and its outlet when the outlet has an Arabic name, each with
/// no mentions (mentions are offsets into the body).
pub fn annotate_article(text: &str, ctx: ArticleContext<'_>) -> Annotations {
    let mut a = annotate(text, ctx.published);
    // Whether a name is already among the entities, whole or as part of a longer name of any
    // type (the «نيوز» of «بلدي نيوز» is not a place of its own).
    let known = |a: &Annotations, name: &str| {
        let key = entities::entity_key(name);
        let words: Vec<&str> = key.split(' ').collect();
        key.is_empty()
            || a.entities.iter().any(|e| {
                let other = e.key();
                let other: Vec<&str> = other.split(' ').collect();
                other.windows(words.len()).any(|w| w == words.as_slice())
            })
    };
    if let Some(source) = ctx.source.map(str::trim) {
        if source.chars().any(khabar_text::is_arabic_letter) && !known(&a, source) {
            a.entities.push(entities::Entity {
                name: source.to_owned(),
                ty: EntityType::Org,
                mentions: Vec::new(),
            });
        }
    }
    let model = ner::Model::builtin();
    for extra in [Some(ctx.title), ctx.dateline].into_iter().flatten() {
        for e in entities::group(extra, &model.tag(extra)) {
            if !known(&a, &e.name) {
                a.entities.push(entities::Entity {
                    mentions: Vec::new(),
                    ..e
                });
            }
        }
    }
    a
}
