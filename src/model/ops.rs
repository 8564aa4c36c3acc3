//! Edits the editor performs on a brief: add, remove, move, duplicate and
//! rename sections, blocks, rows, columns and recommendations, and reach an
//! item by id to edit its text. UI code calls these; it never reshapes the
//! document itself.

use super::brief::{
    Block, BlockContent, Brief, Bullet, Column, Commitment, Recommendation, Row, Section,
    MAX_COLUMNS,
};
use super::id::{ids_of_section_mut, Id};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no item {0} in this brief")]
    NotFound(Id),
    #[error("position {index} is out of range; there are {len} items")]
    OutOfRange { index: usize, len: usize },
    #[error("a table needs at least one column")]
    LastColumn,
    #[error("a table has at most {MAX_COLUMNS} columns")]
    TooManyColumns,
    #[error("item {0} is not a table with columns")]
    NotATable(Id),
    #[error("item {0} has no rows or items")]
    NoRows(Id),
    #[error("the introduction and conclusion stay in place")]
    FixedSection,
    #[error("the first item of a list has nothing to nest under")]
    FirstItem,
    #[error("\"{0}\" is not a language tag (like en-GB or en-US)")]
    BadLanguageTag(String),
    #[error("\"{0}\" cannot go in the dictionary: it must be one word")]
    BadDictionaryWord(String),
}

pub type EditResult<T> = Result<T, EditError>;

/// Anything with a stable id that lives in an ordered list.
pub trait HasId {
    fn id(&self) -> Id;
}

macro_rules! has_id {
    ($($t:ty),*) => { $(impl HasId for $t { fn id(&self) -> Id { self.id } })* };
}
has_id!(
    Section,
    Block,
    Bullet,
    Row,
    Column,
    Commitment,
    Recommendation
);

fn position<T: HasId>(items: &[T], id: Id) -> EditResult<usize> {
    items
        .iter()
        .position(|t| t.id() == id)
        .ok_or(EditError::NotFound(id))
}

fn check_insert(index: usize, len: usize) -> EditResult<()> {
    if index > len {
        Err(EditError::OutOfRange { index, len })
    } else {
        Ok(())
    }
}

/// Moves item `id` so that it ends up at `to` in the resulting list.
fn move_in<T: HasId>(items: &mut Vec<T>, id: Id, to: usize) -> EditResult<()> {
    let from = position(items, id)?;
    if to >= items.len() {
        return Err(EditError::OutOfRange {
            index: to,
            len: items.len(),
        });
    }
    let item = items.remove(from);
    items.insert(to, item);
    Ok(())
}

fn remove_in<T: HasId>(items: &mut Vec<T>, id: Id) -> EditResult<T> {
    let at = position(items, id)?;
    Ok(items.remove(at))
}

/// Inserts a copy right after the original; `renumber` gives the copy fresh ids.
fn duplicate_in<T: HasId + Clone>(
    items: &mut Vec<T>,
    id: Id,
    renumber: impl FnOnce(&mut T),
) -> EditResult<Id> {
    let at = position(items, id)?;
    let mut copy = items[at].clone();
    renumber(&mut copy);
    let new_id = copy.id();
    items.insert(at + 1, copy);
    Ok(new_id)
}

/// The list of rows (table rows, bullets or commitments) a block holds.
enum RowsMut<'a> {
    Bullets(&'a mut Vec<Bullet>),
    Table(&'a mut Vec<Row>, usize),
    Commitments(&'a mut Vec<Commitment>),
}

impl Brief {
    // ----- lookup -----

    pub fn section(&self, id: Id) -> Option<&Section> {
        self.all_sections().find(|s| s.id == id)
    }

    pub fn section_mut(&mut self, id: Id) -> EditResult<&mut Section> {
        self.all_sections_mut()
            .find(|s| s.id == id)
            .ok_or(EditError::NotFound(id))
    }

    pub fn block(&self, id: Id) -> Option<&Block> {
        self.all_sections()
            .flat_map(|s| s.blocks.iter())
            .find(|b| b.id == id)
    }

    pub fn block_mut(&mut self, id: Id) -> EditResult<&mut Block> {
        self.all_sections_mut()
            .flat_map(|s| s.blocks.iter_mut())
            .find(|b| b.id == id)
            .ok_or(EditError::NotFound(id))
    }

    /// The section holding block `id`.
    pub fn section_of_block(&self, id: Id) -> Option<&Section> {
        self.all_sections()
            .find(|s| s.blocks.iter().any(|b| b.id == id))
    }

    pub fn recommendation_mut(&mut self, id: Id) -> EditResult<&mut Recommendation> {
        self.recommendations
            .iter_mut()
            .find(|r| r.id == id)
            .ok_or(EditError::NotFound(id))
    }

    fn renumber_section(&self, s: &mut Section) {
        super::uid::renew_clashing_uids(s, &self.uids());
        let first = self.max_id() + 1;
        for (next, id) in (first..).zip(ids_of_section_mut(s)) {
            *id = Id(next);
        }
    }

    // ----- sections -----

    pub fn add_section(&mut self, index: usize, heading: &str) -> EditResult<Id> {
        check_insert(index, self.sections.len())?;
        let mut s = Section::new(heading);
        s.id = self.fresh_id();
        let id = s.id;
        self.sections.insert(index, s);
        Ok(id)
    }

    pub fn remove_section(&mut self, id: Id) -> EditResult<Section> {
        if id == self.introduction.id || id == self.conclusion.id {
            return Err(EditError::FixedSection);
        }
        remove_in(&mut self.sections, id)
    }

    pub fn move_section(&mut self, id: Id, to: usize) -> EditResult<()> {
        if id == self.introduction.id || id == self.conclusion.id {
            return Err(EditError::FixedSection);
        }
        move_in(&mut self.sections, id, to)
    }

    pub fn duplicate_section(&mut self, id: Id) -> EditResult<Id> {
        let at = position(&self.sections, id)?;
        let mut copy = self.sections[at].clone();
        self.renumber_section(&mut copy);
        let new_id = copy.id;
        self.sections.insert(at + 1, copy);
        Ok(new_id)
    }

    pub fn rename_section(&mut self, id: Id, heading: &str) -> EditResult<()> {
        self.section_mut(id)?.heading = heading.to_string();
        Ok(())
    }

    // ----- blocks -----

    pub fn add_block(
        &mut self,
        section: Id,
        index: usize,
        content: BlockContent,
    ) -> EditResult<Id> {
        let mut block = Block::new(content);
        let s = self.section(section).ok_or(EditError::NotFound(section))?;
        check_insert(index, s.blocks.len())?;
        // Give the block and everything in it fresh ids.
        let mut holder = Section::new("");
        holder.blocks.push(block);
        self.renumber_section(&mut holder);
        block = holder.blocks.remove(0);
        let id = block.id;
        self.section_mut(section)?.blocks.insert(index, block);
        Ok(id)
    }

    pub fn remove_block(&mut self, id: Id) -> EditResult<Block> {
        for s in self.all_sections_mut() {
            if let Ok(b) = remove_in(&mut s.blocks, id) {
                return Ok(b);
            }
        }
        Err(EditError::NotFound(id))
    }

    /// Moves a block to position `index` of section `to` (any section,
    /// including the introduction and conclusion).
    pub fn move_block(&mut self, id: Id, to: Id, index: usize) -> EditResult<()> {
        let target_len = self
            .section(to)
            .ok_or(EditError::NotFound(to))?
            .blocks
            .len();
        let same = self.section_of_block(id).map(|s| s.id) == Some(to);
        let len_after_removal = if same { target_len - 1 } else { target_len };
        self.block(id).ok_or(EditError::NotFound(id))?;
        check_insert(index, len_after_removal)?;
        let block = self.remove_block(id)?;
        self.section_mut(to)?.blocks.insert(index, block);
        Ok(())
    }

    pub fn duplicate_block(&mut self, id: Id) -> EditResult<Id> {
        let s = self.section_of_block(id).ok_or(EditError::NotFound(id))?;
        let at = position(&s.blocks, id)?;
        let (section, copy) = (s.id, s.blocks[at].content.clone());
        self.add_block(section, at + 1, copy)
    }

    pub fn set_paragraph_text(&mut self, id: Id, text: &str) -> EditResult<()> {
        match &mut self.block_mut(id)?.content {
            BlockContent::Paragraph { text: t } => {
                *t = text.to_string();
                Ok(())
            }
            _ => Err(EditError::NotFound(id)),
        }
    }

    // ----- rows: table rows, bullets and commitments alike -----

    fn rows_mut(&mut self, block: Id) -> EditResult<RowsMut<'_>> {
        Ok(match &mut self.block_mut(block)?.content {
            BlockContent::Paragraph { .. } => return Err(EditError::NoRows(block)),
            BlockContent::Bullets { items, .. } => RowsMut::Bullets(items),
            BlockContent::Table(t) => {
                let n = t.columns.len();
                RowsMut::Table(&mut t.rows, n)
            }
            BlockContent::Commitments(t) => RowsMut::Commitments(&mut t.rows),
        })
    }

    /// Adds an empty row (or bullet, or commitment) at `index`. A new
    /// bullet takes the level of the one before it, as a word processor's
    /// Enter does.
    pub fn add_row(&mut self, block: Id, index: usize) -> EditResult<Id> {
        let id = self.fresh_id();
        match self.rows_mut(block)? {
            RowsMut::Bullets(v) => {
                check_insert(index, v.len())?;
                let level = match index.checked_sub(1).and_then(|i| v.get(i)) {
                    Some(prev) => prev.level.min(Bullet::MAX_LEVEL),
                    None => 0,
                };
                v.insert(
                    index,
                    Bullet {
                        id,
                        level,
                        ..Bullet::new("", "")
                    },
                );
            }
            RowsMut::Table(v, n) => {
                check_insert(index, v.len())?;
                v.insert(
                    index,
                    Row {
                        extra: Default::default(),
                        id,
                        cells: vec![String::new(); n],
                    },
                );
            }
            RowsMut::Commitments(v) => {
                check_insert(index, v.len())?;
                v.insert(
                    index,
                    Commitment {
                        id,
                        uid: super::uid::new_uid(),
                        ..Commitment::new("", "")
                    },
                );
            }
        }
        Ok(id)
    }

    pub fn remove_row(&mut self, block: Id, row: Id) -> EditResult<()> {
        match self.rows_mut(block)? {
            RowsMut::Bullets(v) => {
                remove_in(v, row)?;
                first_at_top(v);
                Ok(())
            }
            RowsMut::Table(v, _) => remove_in(v, row).map(drop),
            RowsMut::Commitments(v) => remove_in(v, row).map(drop),
        }
    }

    pub fn move_row(&mut self, block: Id, row: Id, to: usize) -> EditResult<()> {
        match self.rows_mut(block)? {
            RowsMut::Bullets(v) => {
                move_in(v, row, to)?;
                first_at_top(v);
                Ok(())
            }
            RowsMut::Table(v, _) => move_in(v, row, to),
            RowsMut::Commitments(v) => move_in(v, row, to),
        }
    }

    pub fn duplicate_row(&mut self, block: Id, row: Id) -> EditResult<Id> {
        let id = self.fresh_id();
        match self.rows_mut(block)? {
            RowsMut::Bullets(v) => duplicate_in(v, row, |c| c.id = id),
            RowsMut::Table(v, _) => duplicate_in(v, row, |c| c.id = id),
            RowsMut::Commitments(v) => duplicate_in(v, row, |c| {
                c.id = id;
                c.uid = super::uid::new_uid();
            }),
        }
    }

    /// Sets one cell of a table row; `column` is the column's position.
    pub fn set_cell(&mut self, block: Id, row: Id, column: usize, text: &str) -> EditResult<()> {
        let BlockContent::Table(t) = &mut self.block_mut(block)?.content else {
            return Err(EditError::NotATable(block));
        };
        let n = t.columns.len();
        let r = t
            .rows
            .iter_mut()
            .find(|r| r.id == row)
            .ok_or(EditError::NotFound(row))?;
        if column >= n {
            return Err(EditError::OutOfRange {
                index: column,
                len: n,
            });
        }
        if r.cells.len() < n {
            r.cells.resize(n, String::new());
        }
        r.cells[column] = text.to_string();
        Ok(())
    }

    pub fn bullet_mut(&mut self, block: Id, bullet: Id) -> EditResult<&mut Bullet> {
        match self.rows_mut(block)? {
            RowsMut::Bullets(v) => v
                .iter_mut()
                .find(|b| b.id == bullet)
                .ok_or(EditError::NotFound(bullet)),
            _ => Err(EditError::NotFound(bullet)),
        }
    }

    pub fn commitment_mut(&mut self, block: Id, row: Id) -> EditResult<&mut Commitment> {
        match self.rows_mut(block)? {
            RowsMut::Commitments(v) => v
                .iter_mut()
                .find(|c| c.id == row)
                .ok_or(EditError::NotFound(row)),
            _ => Err(EditError::NotFound(row)),
        }
    }

    // ----- lists -----

    fn bullets_mut(&mut self, block: Id) -> EditResult<(&mut bool, &mut Vec<Bullet>)> {
        match &mut self.block_mut(block)?.content {
            BlockContent::Bullets { numbered, items } => Ok((numbered, items)),
            _ => Err(EditError::NotFound(block)),
        }
    }

    /// Makes a list numbered ("1.", "2.") or bulleted.
    pub fn set_numbered(&mut self, block: Id, numbered: bool) -> EditResult<()> {
        *self.bullets_mut(block)?.0 = numbered;
        Ok(())
    }

    /// Nests a bullet under the one before it. The first item cannot be
    /// nested ([`EditError::FirstItem`]); a nested one stays as it is.
    /// Items nested under this one stay nested, now beside it.
    pub fn indent_bullet(&mut self, block: Id, bullet: Id) -> EditResult<()> {
        let items = self.bullets_mut(block)?.1;
        let at = position(items, bullet)?;
        if at == 0 {
            return Err(EditError::FirstItem);
        }
        items[at].level = Bullet::MAX_LEVEL;
        Ok(())
    }

    /// Brings a nested bullet back to the top level; the nested items after
    /// it become its own. A top-level one stays as it is.
    pub fn outdent_bullet(&mut self, block: Id, bullet: Id) -> EditResult<()> {
        let items = self.bullets_mut(block)?.1;
        let at = position(items, bullet)?;
        items[at].level = 0;
        Ok(())
    }

    // ----- columns -----

    fn table_mut(&mut self, block: Id) -> EditResult<&mut super::brief::Table> {
        match &mut self.block_mut(block)?.content {
            BlockContent::Table(t) => Ok(t),
            _ => Err(EditError::NotATable(block)),
        }
    }

    /// Adds a column at `index`; every row gets an empty cell there.
    pub fn add_column(&mut self, block: Id, index: usize, name: &str) -> EditResult<Id> {
        let id = self.fresh_id();
        let t = self.table_mut(block)?;
        if t.columns.len() >= MAX_COLUMNS {
            return Err(EditError::TooManyColumns);
        }
        check_insert(index, t.columns.len())?;
        t.columns.insert(
            index,
            Column {
                extra: Default::default(),
                id,
                name: name.to_string(),
            },
        );
        for r in &mut t.rows {
            let at = index.min(r.cells.len());
            r.cells.insert(at, String::new());
        }
        Ok(id)
    }

    pub fn remove_column(&mut self, block: Id, column: Id) -> EditResult<()> {
        let t = self.table_mut(block)?;
        let at = position(&t.columns, column)?;
        if t.columns.len() == 1 {
            return Err(EditError::LastColumn);
        }
        t.columns.remove(at);
        for r in &mut t.rows {
            if at < r.cells.len() {
                r.cells.remove(at);
            }
        }
        Ok(())
    }

    pub fn move_column(&mut self, block: Id, column: Id, to: usize) -> EditResult<()> {
        let t = self.table_mut(block)?;
        let from = position(&t.columns, column)?;
        move_in(&mut t.columns, column, to)?;
        for r in &mut t.rows {
            if from < r.cells.len() && to < r.cells.len() {
                let cell = r.cells.remove(from);
                r.cells.insert(to, cell);
            }
        }
        Ok(())
    }

    pub fn rename_column(&mut self, block: Id, column: Id, name: &str) -> EditResult<()> {
        let t = self.table_mut(block)?;
        let at = position(&t.columns, column)?;
        t.columns[at].name = name.to_string();
        Ok(())
    }

    // ----- recommendations -----

    pub fn add_recommendation(
        &mut self,
        index: usize,
        title: &str,
        description: &str,
    ) -> EditResult<Id> {
        check_insert(index, self.recommendations.len())?;
        let id = self.fresh_id();
        self.recommendations.insert(
            index,
            Recommendation {
                id,
                ..Recommendation::new(title, description)
            },
        );
        Ok(id)
    }

    pub fn remove_recommendation(&mut self, id: Id) -> EditResult<Recommendation> {
        remove_in(&mut self.recommendations, id)
    }

    pub fn move_recommendation(&mut self, id: Id, to: usize) -> EditResult<()> {
        move_in(&mut self.recommendations, id, to)
    }

    pub fn duplicate_recommendation(&mut self, id: Id) -> EditResult<Id> {
        let new = self.fresh_id();
        duplicate_in(&mut self.recommendations, id, |r| r.id = new)
    }
}

/// After a removal or move, the item now first has nothing to nest under.
fn first_at_top(items: &mut [Bullet]) {
    if let Some(first) = items.first_mut() {
        first.level = 0;
    }
}
