//! Stable item ids: every section, block, row, column, bullet, commitment and
//! recommendation carries one, saved in the file, so undo, drag-and-drop and
//! click-to-source can name an item that has moved.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::brief::{BlockContent, Brief, Section};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Id(pub u64);

impl Id {
    /// Not yet assigned; `Brief::assign_missing_ids` replaces it.
    pub const UNSET: Id = Id(0);
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

fn section_ids_mut<'a>(s: &'a mut Section, out: &mut Vec<&'a mut Id>) {
    out.push(&mut s.id);
    for block in &mut s.blocks {
        out.push(&mut block.id);
        match &mut block.content {
            BlockContent::Paragraph { .. } => {}
            BlockContent::Bullets { items, .. } => out.extend(items.iter_mut().map(|b| &mut b.id)),
            BlockContent::Table(t) => {
                out.extend(t.columns.iter_mut().map(|c| &mut c.id));
                out.extend(t.rows.iter_mut().map(|r| &mut r.id));
            }
            BlockContent::Commitments(t) => out.extend(t.rows.iter_mut().map(|r| &mut r.id)),
        }
    }
}

/// Every id slot in a section, for renumbering a copy.
pub(crate) fn ids_of_section_mut(s: &mut Section) -> Vec<&mut Id> {
    let mut out = Vec::new();
    section_ids_mut(s, &mut out);
    out
}

/// Above this, ids are renumbered on load (2^53: still exact in JSON readers
/// that use doubles).
const MAX_SANE_ID: u64 = 1 << 53;

impl Brief {
    fn id_slots_mut(&mut self) -> Vec<&mut Id> {
        let mut out = Vec::new();
        let Brief {
            introduction,
            sections,
            recommendations,
            conclusion,
            ..
        } = self;
        section_ids_mut(introduction, &mut out);
        for s in sections.iter_mut() {
            section_ids_mut(s, &mut out);
        }
        section_ids_mut(conclusion, &mut out);
        out.extend(recommendations.iter_mut().map(|r| &mut r.id));
        out
    }

    /// Calls `f` with every id in the brief, in document order.
    pub fn for_each_id(&self, mut f: impl FnMut(Id)) {
        for s in self.all_sections() {
            f(s.id);
            for block in &s.blocks {
                f(block.id);
                match &block.content {
                    BlockContent::Paragraph { .. } => {}
                    BlockContent::Bullets { items, .. } => items.iter().for_each(|b| f(b.id)),
                    BlockContent::Table(t) => {
                        t.columns.iter().for_each(|c| f(c.id));
                        t.rows.iter().for_each(|r| f(r.id));
                    }
                    BlockContent::Commitments(t) => t.rows.iter().for_each(|r| f(r.id)),
                }
            }
        }
        self.recommendations.iter().for_each(|r| f(r.id));
    }

    /// The largest id in use (0 for none).
    pub fn max_id(&self) -> u64 {
        let mut max = 0;
        self.for_each_id(|id| max = max.max(id.0));
        max
    }

    /// A fresh id, larger than any in use.
    pub fn fresh_id(&self) -> Id {
        Id(self.max_id().saturating_add(1))
    }

    /// Gives every unset or duplicated id a fresh value; returns how many
    /// changed. Hand-written and imported files need no ids of their own.
    /// Commitments without an identifier get one too (not counted).
    pub fn assign_missing_ids(&mut self) -> usize {
        self.assign_missing_uids();
        if self.max_id() > MAX_SANE_ID {
            // Ids this large come from a damaged or hostile file; number
            // everything afresh so new ids can never overflow.
            let mut n = 0;
            for id in self.id_slots_mut() {
                n += 1;
                *id = Id(n);
            }
            return n as usize;
        }
        let mut seen = HashSet::new();
        let mut next = self.max_id() + 1;
        let mut changed = 0;
        for id in self.id_slots_mut() {
            if id.0 == 0 || !seen.insert(id.0) {
                *id = Id(next);
                seen.insert(next);
                next += 1;
                changed += 1;
            }
        }
        changed
    }
}
