//! Mentions of one entity in one article become one entity.

use crate::{EntityType, Mention};

/// One entity of an article: its name, type and every mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The fullest form of the name in the article (جون كيري rather than كيري).
    pub name: String,
    /// Its type.
    pub ty: EntityType,
    /// Byte ranges of its mentions, in text order.
    pub mentions: Vec<(usize, usize)>,
}

/// Groups the mentions of a text into entities.
pub fn group(text: &str, mentions: &[Mention]) -> Vec<Entity> {
    let _ = (text, mentions);
    Vec::new()
}
