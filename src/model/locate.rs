//! Where an item lives: maps any id (section, block, bullet, row, column,
//! commitment, recommendation) to the outline entry that shows it, so the
//! preview, search results and validation problems can select it.

use super::brief::{BlockContent, Brief};
use super::id::Id;

/// An entry of the editor's outline: what the centre pane edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    Metadata,
    Style,
    /// A section, including the introduction and the conclusion.
    Section(Id),
    /// A block inside a section.
    Block(Id),
    Recommendations,
}

impl Brief {
    /// The outline entry showing item `id`; `None` when nothing has that id.
    pub fn locate(&self, id: Id) -> Option<Place> {
        if self.recommendations.iter().any(|r| r.id == id) {
            return Some(Place::Recommendations);
        }
        for s in self.all_sections() {
            if s.id == id {
                return Some(Place::Section(s.id));
            }
            for b in &s.blocks {
                let inside = b.id == id
                    || match &b.content {
                        BlockContent::Paragraph { .. } => false,
                        BlockContent::Bullets { items, .. } => items.iter().any(|x| x.id == id),
                        BlockContent::Table(t) => {
                            t.rows.iter().any(|r| r.id == id)
                                || t.columns.iter().any(|c| c.id == id)
                        }
                        BlockContent::Commitments(t) => t.rows.iter().any(|r| r.id == id),
                    };
                if inside {
                    return Some(Place::Block(b.id));
                }
            }
        }
        None
    }

    /// True when item `id` is shown at `place` or inside it (a block's
    /// bullets and rows are in its section too).
    pub fn place_contains(&self, place: Place, id: Id) -> bool {
        match (place, self.locate(id)) {
            (Place::Section(s), Some(Place::Block(b))) => {
                self.section_of_block(b).is_some_and(|x| x.id == s)
            }
            (_, found) => found == Some(place),
        }
    }

    /// True when the place still exists (a deleted section or block does not).
    pub fn has_place(&self, place: Place) -> bool {
        match place {
            Place::Section(id) => self.section(id).is_some(),
            Place::Block(id) => self.block(id).is_some(),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Bullet};

    #[test]
    fn bullets_map_to_their_block_and_unknown_ids_to_nothing() {
        let mut b = Brief::new("T");
        let s = b.add_section(0, "S").unwrap_or_default();
        let block = b
            .add_block(
                s,
                0,
                BlockContent::Bullets {
                    numbered: false,
                    items: vec![Bullet::new("a", "b")],
                },
            )
            .unwrap_or_default();
        let bullet = match &b.block(block).map(|x| &x.content) {
            Some(BlockContent::Bullets { items, .. }) => items[0].id,
            _ => Id::UNSET,
        };
        assert_eq!(b.locate(bullet), Some(Place::Block(block)));
        assert_eq!(b.locate(s), Some(Place::Section(s)));
        assert_eq!(b.locate(Id(9999)), None);
        let _ = Block::paragraph("x");
    }
}
