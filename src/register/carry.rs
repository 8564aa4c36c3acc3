//! Carry-forward: the commitments of one brief that are not done, copied
//! into the next brief with their identifier, owner, due date and status,
//! so the register can follow them from meeting to meeting.

use crate::model::{
    Block, BlockContent, Brief, Commitment, CommitmentStatus, CommitmentTable, EditError,
    EditResult, Id, Section,
};

use super::meeting_date;

/// The heading of the section, and caption of the table, that
/// `carry_forward` adds.
pub const CARRIED_HEADING: &str = "Commitments carried forward";

/// Every commitment of `brief` that is not done, in document order, once
/// each (by identifier), with its in-brief id cleared for the receiver.
pub fn unfinished(brief: &Brief) -> Vec<Commitment> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for s in brief.all_sections() {
        for block in &s.blocks {
            if let BlockContent::Commitments(t) = &block.content {
                for c in &t.rows {
                    if c.status != Some(CommitmentStatus::Done) && seen.insert(c.uid.clone()) {
                        out.push(Commitment {
                            id: Id::UNSET,
                            ..c.clone()
                        });
                    }
                }
            }
        }
    }
    out
}

/// Where the carried commitments came from, in words.
fn source_note(previous: &Brief) -> String {
    let title = previous.meta.title.trim();
    let title = if title.is_empty() {
        "an untitled brief".to_string()
    } else {
        format!("“{title}”")
    };
    let date = meeting_date(previous);
    let when = if date.is_empty() {
        String::new()
    } else {
        format!(" of {date}")
    };
    format!(
        "Carried forward from the brief {title}{when}: every commitment not done at that meeting, with its owner, due date and status as they stood."
    )
}

/// The unfinished commitments of `previous` that `into` does not already hold.
fn new_to(into: &Brief, previous: &Brief) -> Vec<Commitment> {
    let have = into.uids();
    unfinished(previous)
        .into_iter()
        .filter(|c| !have.contains(&c.uid))
        .collect()
}

/// Adds a "Commitments carried forward" section to `into` (before the
/// conclusion): a note of where they came from and a commitments table of
/// every unfinished commitment of `previous`. Returns how many were
/// carried; with none, nothing is added.
pub fn carry_forward(previous: &Brief, into: &mut Brief) -> usize {
    let rows = new_to(into, previous);
    if rows.is_empty() {
        return 0;
    }
    let n = rows.len();
    let labels = previous
        .all_sections()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match &b.content {
            BlockContent::Commitments(t) => {
                Some((t.party_label.clone(), t.commitment_label.clone()))
            }
            _ => None,
        });
    let mut table = CommitmentTable {
        caption: CARRIED_HEADING.to_string(),
        rows,
        ..CommitmentTable::default()
    };
    if let Some((party, commitment)) = labels {
        table.party_label = party;
        table.commitment_label = commitment;
    }
    let mut s = Section::new(CARRIED_HEADING);
    s.blocks.push(Block::paragraph(source_note(previous)));
    s.blocks.push(Block::new(BlockContent::Commitments(table)));
    into.sections.push(s);
    into.assign_missing_ids();
    n
}

/// Appends to the commitments table `block` of `into` the unfinished
/// commitments of `previous` it does not already hold; returns how many.
pub fn bring_forward(previous: &Brief, into: &mut Brief, block: Id) -> EditResult<usize> {
    let rows = new_to(into, previous);
    let first = into.fresh_id().0;
    let BlockContent::Commitments(t) = &mut into.block_mut(block)?.content else {
        return Err(EditError::NotFound(block));
    };
    let n = rows.len();
    for (next, mut c) in (first..).zip(rows) {
        c.id = Id(next);
        t.rows.push(c);
    }
    Ok(n)
}
