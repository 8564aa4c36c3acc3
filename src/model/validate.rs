//! Checks a brief for problems a drafter should fix before distribution:
//! each with a severity, a path to the item and its id so the editor can
//! jump there.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::brief::{BlockContent, Brief, Bullet, CommitmentStatus, Section, MAX_COLUMNS};
use super::id::Id;
use super::language::{is_well_formed_tag, Language};
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

/// A due period as articles write it: "Q4 2027", "June 2027", "H1 2027",
/// "end of 2027", "2027" — a few words, one of them a year.
pub fn is_period(value: &str) -> bool {
    let words: Vec<&str> = value.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words.iter().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_ascii_digit());
            w.len() == 4 && w.starts_with("20") || w.len() == 4 && w.starts_with("19")
        })
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphanumeric() || "-/.,".contains(c)))
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
        if what == "due date" && parse_date(value).is_none() && is_period(value) {
            // An imported "Q4 2027" is what the article said; it is not
            // wrong, only not one day, so it warns and `check` passes.
            self.push(
                Severity::Warning,
                path,
                id,
                format!("{what} '{value}' is a period, not one day; it is not checked for overdue"),
            );
            return;
        }
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
                BlockContent::Bullets { items, .. } => {
                    if items.is_empty() {
                        self.push(
                            Severity::Warning,
                            bpath.clone(),
                            Some(block.id),
                            "bullet list has no bullets".into(),
                        );
                    }
                    for (i, b) in items.iter().enumerate() {
                        // Not an error: layout and the editor clamp the level.
                        if i == 0 && b.level > 0 {
                            self.push(
                                Severity::Warning,
                                format!("{bpath}.items[{i}]"),
                                Some(b.id),
                                format!(
                                    "the first item has level {}; it has nothing to nest under and prints at level 0",
                                    b.level
                                ),
                            );
                        } else if b.level > Bullet::MAX_LEVEL {
                            self.push(
                                Severity::Warning,
                                format!("{bpath}.items[{i}]"),
                                Some(b.id),
                                format!(
                                    "item has level {}; lists nest one level deep, so it prints at level {}",
                                    b.level,
                                    Bullet::MAX_LEVEL
                                ),
                            );
                        }
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
    if Language::from_tag(&m.language).is_none() {
        let known: Vec<&str> = Language::ALL.iter().map(|l| l.tag()).collect();
        let what = if is_well_formed_tag(m.language.trim()) {
            format!("no dictionary for language \"{}\"", m.language)
        } else {
            format!("\"{}\" is not a language tag", m.language)
        };
        c.push(
            Severity::Warning,
            "meta.language".into(),
            None,
            format!(
                "{what}, so spelling is not checked (use {})",
                known.join(" or ")
            ),
        );
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
        if let Some(message) = f.markup.then(|| unmatched_markers(f.text)).flatten() {
            c.push(Severity::Warning, f.path.to_string(), f.id, message);
        }
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

/// A warning when `markup` has `*` or `**` that opens and never closes
/// (or closes what never opened), under CommonMark's flanking rules: such
/// markers print as stars. A lone `*` between spaces or digits is text.
fn unmatched_markers(markup: &str) -> Option<String> {
    let found = text::suspicious_markers(markup);
    let first = found.first()?;
    let chars: Vec<char> = markup.chars().collect();
    let from = first.start.saturating_sub(12);
    let to = (first.start + first.len + 12).min(chars.len());
    let near: String = chars[from..to].iter().collect();
    let near = text::single_line(&near);
    let (dots_a, dots_b) = (
        if from > 0 { "…" } else { "" },
        if to < chars.len() { "…" } else { "" },
    );
    let stars = "*".repeat(first.len);
    let what = match (first.can_open, first.can_close) {
        (true, false) => "opens and never closes",
        (false, true) => "closes but never opened",
        _ => "has no partner",
    };
    let more = match found.len() {
        1 => String::new(),
        n => format!(" ({} more unmatched)", n - 1),
    };
    Some(format!(
        "\"{stars}\" {what} in \"{dots_a}{near}{dots_b}\" and prints as stars{more}; \
         close it, or write \\* for a star"
    ))
}

/// True when any problem is an error.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}
