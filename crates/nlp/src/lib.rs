//! What an Arabic news article says: who is named, who said what, and when.
//!
//! Three passes over an article's text, each pure (no I/O once a model is loaded):
//!
//! - [`ner`]: a statistical sequence tagger for PERS, LOC, ORG and MISC names, trained on
//!   ANERcorp; the model ships in the crate and `train-ner` reproduces it;
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
