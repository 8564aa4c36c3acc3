//! Checks a brief for problems a drafter should fix before distribution:
//! each with a severity, a path to the item and its id so the editor can
//! jump there.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::brief::{BlockContent, Brief, CommitmentStatus, Section, MAX_COLUMNS};
use super::id::Id;
use super::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub severity: Severity,
    /// Where in the document, e.g. `sections[2].blocks[0].rows[3]`.
    pub path: String,
    /// The item to select, when there is one.
    pub id: Option<Id>,
    pub message: String,
}

/// Parses an ISO date as the model stores it (`YYYY-MM-DD`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// True when a commitment is past due on `today` and not done.
pub fn is_overdue(due: &str, status: Option<CommitmentStatus>, today: NaiveDate) -> bool {
    status != Some(CommitmentStatus::Done) && parse_date(due).is_some_and(|d| d < today)
}

struct Checker {
    out: Vec<Problem>,
    today: NaiveDate,
}

impl Checker {
    fn push(&mut self, severity: Severity, path: String, id: Option<Id>, message: String) {
        self.out.push(Problem {
            severity,
            path,
            id,
            message,
        });
    }

    fn date(&mut self, path: String, id: Option<Id>, what: &str, value: &str) {
        if !value.trim().is_empty() && parse_date(value).is_none() {
            self.push(
                Severity::Error,
                path,
                id,
                format!("{what} '{value}' is not a date (use YYYY-MM-DD)"),
            );
        }
    }

    fn section(&mut self, s: &Section, path: &str, needs_heading: bool) {
        if needs_heading && text::plain(&s.heading).trim().is_empty() {
            self.push(
                Severity::Error,
                path.into(),
                Some(s.id),
                "section has no heading".into(),
            );
        }
        if needs_heading && s.blocks.is_empty() {
            self.push(
                Severity::Warning,
                path.into(),
                Some(s.id),
                "section is empty".into(),
            );
        }
        for (bi, block) in s.blocks.iter().enumerate() {
            let bpath = format!("{path}.blocks[{bi}]");
            match &block.content {
                BlockContent::Paragraph { text: t } => {
                    if text::plain(t).trim().is_empty() {
                        self.push(
                            Severity::Warning,
                            bpath,
                            Some(block.id),
                            "empty paragraph".into(),
                        );
                    }
                }
                BlockContent::Bullets { items } => {
                    if items.is_empty() {
                        self.push(
                            Severity::Warning,
                            bpath.clone(),
                            Some(block.id),
                            "bullet list has no bullets".into(),
                        );
                    }
                    for (i, b) in items.iter().enumerate() {
                        if b.lead.trim().is_empty() && text::plain(&b.text).trim().is_empty() {
                            self.push(
                                Severity::Warning,
                                format!("{bpath}.items[{i}]"),
                                Some(b.id),
                                "empty bullet".into(),
                            );
                        }
                    }
                }
                BlockContent::Table(t) => {
                    let n = t.columns.len();
                    if n == 0 || n > MAX_COLUMNS {
                        self.push(
                            Severity::Error,
                            bpath.clone(),
                            Some(block.id),
                            format!("table has {n} columns; it needs 1 to {MAX_COLUMNS}"),
                        );
                    }
                    for (ri, r) in t.rows.iter().enumerate() {
                        if r.cells.len() != n {
                            self.push(
                                Severity::Error,
                                format!("{bpath}.rows[{ri}]"),
                                Some(r.id),
                                format!(
                                    "row has {} cells but the table has {n} columns",
                                    r.cells.len()
                                ),
                            );
                        }
                    }
                    if t.rows.is_empty() {
                        self.push(
                            Severity::Warning,
                            bpath,
                            Some(block.id),
                            "table has no rows".into(),
                        );
                    }
                }
                BlockContent::Commitments(t) => {
                    for (ri, c) in t.rows.iter().enumerate() {
                        let rpath = format!("{bpath}.rows[{ri}]");
                        if c.party.trim().is_empty() || c.commitment.trim().is_empty() {
                            self.push(
                                Severity::Warning,
                                rpath.clone(),
                                Some(c.id),
                                "commitment without a party or text".into(),
                            );
                        }
                        self.date(rpath.clone(), Some(c.id), "due date", &c.due);
                        if is_overdue(&c.due, c.status, self.today) {
                            self.push(
                                Severity::Warning,
                                rpath,
                                Some(c.id),
                                format!("overdue since {}", c.due.trim()),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Every problem in the brief, errors and warnings, in document order;
/// hidden control characters and placeholders such as `[Country]` (any
/// text field), and duplicate ids come last.
/// `today` decides which commitments are overdue.
pub fn validate(brief: &Brief, today: NaiveDate) -> Vec<Problem> {
    let mut c = Checker {
        out: Vec::new(),
        today,
    };
    let m = &brief.meta;
    if m.title.trim().is_empty() {
        c.push(
            Severity::Error,
            "meta.title".into(),
            None,
            "the brief has no title".into(),
        );
    }
    c.date("meta.start_date".into(), None, "start date", &m.start_date);
    c.date("meta.end_date".into(), None, "end date", &m.end_date);
    c.date("meta.date".into(), None, "date of the brief", &m.date);
    if let (Some(s), Some(e)) = (parse_date(&m.start_date), parse_date(&m.end_date)) {
        if e < s {
            c.push(
                Severity::Warning,
                "meta.end_date".into(),
                None,
                "the meeting ends before it starts".into(),
            );
        }
    }
    let st = &brief.style;
    if !(6.0..=18.0).contains(&st.font_size) {
        c.push(
            Severity::Warning,
            "style.font_size".into(),
            None,
            format!("font size {} pt will be clamped to 6–18 pt", st.font_size),
        );
    }

    c.section(&brief.introduction, "introduction", false);
    for (i, s) in brief.sections.iter().enumerate() {
        c.section(s, &format!("sections[{i}]"), true);
    }
    for (i, r) in brief.recommendations.iter().enumerate() {
        let path = format!("recommendations[{i}]");
        if text::plain(&r.title).trim().is_empty() {
            c.push(
                Severity::Error,
                path.clone(),
                Some(r.id),
                "recommendation has no title".into(),
            );
        }
        c.date(path, Some(r.id), "due date", &r.due);
    }
    c.section(&brief.conclusion, "conclusion", false);

    brief.for_each_text(|f| {
        let mut hidden: Vec<char> = f
            .text
            .chars()
            .filter(|c| text::is_hidden_control(*c))
            .collect();
        hidden.sort_unstable();
        hidden.dedup();
        if hidden.is_empty() {
            return;
        }
        let names: Vec<String> = hidden
            .iter()
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        let what = if names.len() == 1 {
            "an invisible control character"
        } else {
            "invisible control characters"
        };
        c.push(
            Severity::Warning,
            f.path.to_string(),
            f.id,
            format!("contains {what}: {}", names.join(", ")),
        );
    });

    brief.for_each_text(|f| {
        let found = super::placeholders::placeholders_in(f.text);
        if found.is_empty() {
            return;
        }
        let what = if found.len() == 1 {
            "a placeholder"
        } else {
            "placeholders"
        };
        c.push(
            Severity::Warning,
            f.path.to_string(),
            f.id,
            format!("{what} still to fill in: {}", found.join(", ")),
        );
    });

    let mut seen = HashSet::new();
    let mut dupes = Vec::new();
    brief.for_each_id(|id| {
        if id != Id::UNSET && !seen.insert(id) {
            dupes.push(id);
        }
    });
    for id in dupes {
        c.push(
            Severity::Error,
            "ids".into(),
            Some(id),
            format!("id {} is used twice", id.0),
        );
    }
    c.out
}

/// True when any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}
