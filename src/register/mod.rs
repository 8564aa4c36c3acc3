//! The commitments register: every commitment of a set of briefs, one row
//! each, with overdue flags and each commitment's history across briefs
//! (followed by its identifier). Pure: no UI, no printing.

mod carry;
mod export;
mod read;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::model::{is_overdue, parse_date, BlockContent, Brief, CommitmentStatus, Id};

pub use carry::{bring_forward, carry_forward, unfinished, CARRIED_HEADING};
pub use export::{to_csv, to_json, to_table};
pub use read::{find_briefs, read_briefs, ReadError};

/// One brief that was read, with the path as the user gave it (a file
/// found in a folder: the folder joined with its place inside).
#[derive(Debug, Clone)]
pub struct LoadedBrief {
    pub path: PathBuf,
    pub brief: Brief,
}

/// One commitment of one brief, as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Which of [`Register::briefs`] it is in.
    pub brief_index: usize,
    /// The brief's path as given.
    pub brief: String,
    pub brief_title: String,
    pub meeting_date: String,
    pub party: String,
    pub commitment: String,
    pub owner: String,
    pub due: String,
    pub status: Option<CommitmentStatus>,
    /// Due before the as-of date and not done.
    pub overdue: bool,
    /// The commitment's identifier across briefs.
    pub id: String,
    /// Its commitments table and row within the brief, to open it there.
    pub block: Id,
    pub row: Id,
}

impl Row {
    /// The status as the file spells it (`in_progress`), empty when unset.
    pub fn status_key(&self) -> &'static str {
        status_key(self.status)
    }
}

pub fn status_key(s: Option<CommitmentStatus>) -> &'static str {
    match s {
        None => "",
        Some(CommitmentStatus::Open) => "open",
        Some(CommitmentStatus::InProgress) => "in_progress",
        Some(CommitmentStatus::Done) => "done",
    }
}

/// Order of progress, for "went backwards": unset counts as open.
fn rank(s: Option<CommitmentStatus>) -> u8 {
    match s {
        None | Some(CommitmentStatus::Open) => 0,
        Some(CommitmentStatus::InProgress) => 1,
        Some(CommitmentStatus::Done) => 2,
    }
}

/// One appearance of a commitment in a brief, in meeting-date order.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub brief_index: usize,
    pub meeting_date: String,
    pub status: Option<CommitmentStatus>,
}

/// A commitment followed across briefs.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub id: String,
    /// Its appearances, earliest meeting first (undated briefs last).
    pub steps: Vec<Step>,
    /// Its status fell between two meetings (done, then open again).
    pub went_backwards: bool,
    /// A later brief that carried on from one it was in (they share other
    /// commitments) left it out while it was not done.
    pub dropped_in: Option<usize>,
}

impl History {
    /// Whether there is something to show: several briefs, or a flag.
    pub fn is_notable(&self) -> bool {
        self.steps.len() > 1 || self.went_backwards || self.dropped_in.is_some()
    }
}

/// A brief that could not be read, named by its path as given.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub path: PathBuf,
    pub message: String,
}

/// Every commitment of a set of briefs.
#[derive(Debug, Clone, Default)]
pub struct Register {
    pub briefs: Vec<LoadedBrief>,
    pub rows: Vec<Row>,
    /// By identifier, for commitments in the register.
    pub histories: HashMap<String, History>,
    pub failures: Vec<Failure>,
    pub as_of: Option<NaiveDate>,
}

/// The meeting date of a brief: its start date, else its date.
pub fn meeting_date(b: &Brief) -> &str {
    let m = &b.meta;
    if m.start_date.trim().is_empty() {
        m.date.trim()
    } else {
        m.start_date.trim()
    }
}

impl Register {
    /// The register of briefs already read, overdue as of `as_of`.
    pub fn build(briefs: Vec<LoadedBrief>, failures: Vec<Failure>, as_of: NaiveDate) -> Self {
        let mut rows = Vec::new();
        for (i, lb) in briefs.iter().enumerate() {
            let b = &lb.brief;
            let path = lb.path.display().to_string();
            for s in b.all_sections() {
                for block in &s.blocks {
                    let BlockContent::Commitments(t) = &block.content else {
                        continue;
                    };
                    for c in &t.rows {
                        rows.push(Row {
                            brief_index: i,
                            brief: path.clone(),
                            brief_title: b.meta.title.clone(),
                            meeting_date: meeting_date(b).to_string(),
                            party: c.party.clone(),
                            commitment: c.commitment.clone(),
                            owner: c.owner.clone(),
                            due: c.due.clone(),
                            status: c.status,
                            overdue: is_overdue(&c.due, c.status, as_of),
                            id: c.uid.clone(),
                            block: block.id,
                            row: c.id,
                        });
                    }
                }
            }
        }
        let histories = histories(&briefs, &rows);
        Register {
            briefs,
            rows,
            histories,
            failures,
            as_of: Some(as_of),
        }
    }

    /// Reads `paths` (files, and folders searched for `.brief` files) and
    /// builds the register; `progress(done, total)` is called as files are
    /// read. Unreadable briefs are listed in `failures`.
    pub fn read(
        paths: &[PathBuf],
        as_of: NaiveDate,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Self {
        let (briefs, failures) = read_briefs(paths, progress);
        Register::build(briefs, failures, as_of)
    }

    pub fn history(&self, id: &str) -> Option<&History> {
        self.histories.get(id)
    }

    /// The history in words: "2027-01-10 open > 2027-02-10 done" (ASCII, which every font has), with
    /// its flags; empty for a commitment seen once and not flagged.
    pub fn history_text(&self, id: &str) -> String {
        let Some(h) = self.history(id).filter(|h| h.is_notable()) else {
            return String::new();
        };
        let date = |i: usize| {
            let d = meeting_date(&self.briefs[i].brief);
            if d.is_empty() {
                self.briefs[i].path.display().to_string()
            } else {
                d.to_string()
            }
        };
        let mut out = h
            .steps
            .iter()
            .map(|s| {
                let st = status_key(s.status);
                format!(
                    "{} {}",
                    date(s.brief_index),
                    if st.is_empty() { "unset" } else { st }
                )
            })
            .collect::<Vec<_>>()
            .join(" > ");
        if h.went_backwards {
            out.push_str("; status went backwards");
        }
        if let Some(i) = h.dropped_in {
            out.push_str(&format!(
                "; not done and missing from the {} brief",
                date(i)
            ));
        }
        out
    }

    /// Rows that pass the filters: only unfinished ones (`open_only`), and
    /// of one party (case and surrounding spaces ignored).
    pub fn filtered(&self, open_only: bool, party: Option<&str>) -> Vec<&Row> {
        let party = party.map(|p| p.trim().to_lowercase());
        self.rows
            .iter()
            .filter(|r| !open_only || r.status != Some(CommitmentStatus::Done))
            .filter(|r| {
                party
                    .as_deref()
                    .is_none_or(|p| r.party.trim().to_lowercase() == p)
            })
            .collect()
    }

    /// One line per notable history (several briefs, or a flag), in the
    /// order the commitments first appear.
    pub fn history_lines(&self) -> Vec<(String, String)> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for r in &self.rows {
            if seen.insert(r.id.as_str()) {
                let t = self.history_text(&r.id);
                if !t.is_empty() {
                    out.push((r.id.clone(), t));
                }
            }
        }
        out
    }
}

/// Histories of every identifier: appearances in meeting-date order, and
/// the two flags.
fn histories(briefs: &[LoadedBrief], rows: &[Row]) -> HashMap<String, History> {
    let dates: Vec<Option<NaiveDate>> = briefs
        .iter()
        .map(|b| parse_date(meeting_date(&b.brief)))
        .collect();
    // Undated briefs sort after dated ones, then in the order given.
    let key = |i: usize| (dates[i].is_none(), dates[i], i);

    let mut by_id: HashMap<String, History> = HashMap::new();
    // Briefs holding each id, to find the briefs that carried on from one.
    for r in rows {
        let h = by_id.entry(r.id.clone()).or_insert_with(|| History {
            id: r.id.clone(),
            steps: Vec::new(),
            went_backwards: false,
            dropped_in: None,
        });
        // A brief listing the same commitment twice counts once.
        if h.steps.iter().all(|s| s.brief_index != r.brief_index) {
            h.steps.push(Step {
                brief_index: r.brief_index,
                meeting_date: r.meeting_date.clone(),
                status: r.status,
            });
        }
    }
    // For each brief, the latest dated brief sharing a commitment with it.
    let mut latest_linked: Vec<Option<usize>> = vec![None; briefs.len()];
    for h in by_id.values_mut() {
        h.steps.sort_by_key(|s| key(s.brief_index));
        let last = h
            .steps
            .iter()
            .rev()
            .find(|s| dates[s.brief_index].is_some());
        if let Some(last) = last {
            for s in &h.steps {
                let slot = &mut latest_linked[s.brief_index];
                if slot.is_none_or(|l| key(last.brief_index) > key(l)) {
                    *slot = Some(last.brief_index);
                }
            }
        }
        h.went_backwards = h
            .steps
            .windows(2)
            .any(|w| rank(w[1].status) < rank(w[0].status));
    }
    for h in by_id.values_mut() {
        let Some(last) = h.steps.last() else { continue };
        if last.status == Some(CommitmentStatus::Done) || dates[last.brief_index].is_none() {
            continue;
        }
        let last_key = key(last.brief_index);
        h.dropped_in = h
            .steps
            .iter()
            .filter_map(|s| latest_linked[s.brief_index])
            .filter(|&l| key(l) > last_key && dates[l] > dates[last.brief_index])
            .max_by_key(|&l| key(l));
    }
    by_id
}
