//! Assembles parsed article elements into a brief: the opening becomes the
//! introduction, headings open sections, an "In Conclusion" heading opens
//! the conclusion, party/commitment tables become commitment tables and
//! recommendation tables also fill the numbered recommendations.

use super::title;
use super::Element;
use crate::model::{
    text, Block, BlockContent, Brief, Bullet, Commitment, CommitmentStatus, CommitmentTable,
    Recommendation, Section, Table, MAX_COLUMNS,
};

/// "Conclusion", "In Conclusion", "Conclusions", "Summary", "Closing Remarks"…
pub(crate) fn is_conclusion_heading(h: &str) -> bool {
    let t = text::plain(h)
        .trim()
        .trim_end_matches([':', '.'])
        .to_lowercase();
    matches!(
        t.as_str(),
        "conclusion"
            | "conclusions"
            | "in conclusion"
            | "summary"
            | "in summary"
            | "concluding remarks"
            | "closing remarks"
            | "final thoughts"
            | "outlook"
    )
}

/// Splits "Label: text" (or "**Label:** text") into a bold lead-in and body.
pub(crate) fn split_lead(item: &str) -> (String, String) {
    // Markdown bold lead: **Label:** text, or **Label**: text
    if let Some(rest) = item.strip_prefix("**") {
        if let Some(end) = rest.find("**") {
            let lead = &rest[..end];
            let mut body = &rest[end + 2..];
            let mut lead = lead.trim().to_string();
            if let Some(b) = body.strip_prefix(':') {
                lead.push(':');
                body = b;
            }
            if !lead.is_empty() && !body.trim().is_empty() {
                return (lead, body.trim().to_string());
            }
        }
    }
    if let Some(colon) = item.find(": ") {
        let lead = &item[..colon];
        let words = lead.split_whitespace().count();
        let body = item[colon + 2..].trim();
        let starts_cap = lead.chars().next().is_some_and(char::is_uppercase);
        if (1..=6).contains(&words)
            && starts_cap
            && !lead.contains(['.', ';', '*', '('])
            && !body.is_empty()
        {
            return (format!("{}:", lead.trim()), body.to_string());
        }
    }
    (String::new(), item.to_string())
}

fn header_matches(h: &str, words: &[&str]) -> bool {
    let h = text::plain(h).to_lowercase();
    words.iter().any(|w| h.contains(w))
}

const PARTY: [&str; 12] = [
    "party",
    "nation",
    "country",
    "member",
    "state",
    "delegation",
    "who",
    "government",
    "ministry",
    "organisation",
    "organization",
    "actor",
];
const COMMITS: [&str; 6] = [
    "commit",
    "pledge",
    "undertaking",
    "promise",
    "deliverable",
    "agreed",
];
const OWNER: [&str; 4] = ["owner", "lead", "responsible", "action officer"];
const DUE: [&str; 4] = ["due", "deadline", "by when", "date"];
const STATUS: [&str; 2] = ["status", "progress"];

fn parse_status(s: &str) -> Option<CommitmentStatus> {
    match text::plain(s).trim().to_lowercase().as_str() {
        "open" | "not started" | "pending" | "to do" | "todo" => Some(CommitmentStatus::Open),
        "in progress" | "ongoing" | "under way" | "underway" | "started" => {
            Some(CommitmentStatus::InProgress)
        }
        "done" | "complete" | "completed" | "closed" | "delivered" => Some(CommitmentStatus::Done),
        _ => None,
    }
}

/// A party/commitment table, if every column has a known meaning and every
/// status cell reads as a status; otherwise `None` and it stays a table.
fn as_commitments(rows: &[Vec<String>]) -> Option<CommitmentTable> {
    let header = rows.first()?;
    if header.len() < 2
        || !header_matches(&header[0], &PARTY)
        || !header_matches(&header[1], &COMMITS)
    {
        return None;
    }
    let mut roles = Vec::new();
    for h in &header[2..] {
        let role = if header_matches(h, &STATUS) {
            2
        } else if header_matches(h, &DUE) {
            1
        } else if header_matches(h, &OWNER) {
            0
        } else {
            return None;
        };
        if roles.contains(&role) {
            return None;
        }
        roles.push(role);
    }
    let mut table = CommitmentTable {
        caption: String::new(),
        party_label: header[0].clone(),
        commitment_label: header[1].clone(),
        rows: Vec::new(),
    };
    for r in &rows[1..] {
        if r.len() != header.len() {
            return None;
        }
        let mut c = Commitment::new(r[0].clone(), r[1].clone());
        for (role, cell) in roles.iter().zip(&r[2..]) {
            match role {
                0 => c.owner = cell.clone(),
                1 => c.due = cell.clone(),
                _ => {
                    if cell.trim().is_empty() {
                        continue;
                    }
                    c.status = Some(parse_status(cell)?);
                }
            }
        }
        table.rows.push(c);
    }
    Some(table)
}

fn as_table(mut rows: Vec<Vec<String>>) -> Table {
    let header = rows.remove(0);
    let mut names: Vec<String> = header;
    let widest = rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(names.len());
    let n = widest.min(MAX_COLUMNS);
    while names.len() < n {
        names.push(String::new());
    }
    fold_extra(&mut names, n);
    let cols: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut t = Table::new("", &cols);
    for mut r in rows {
        r.resize(r.len().max(n), String::new());
        fold_extra(&mut r, n);
        t.push_row(r);
    }
    t
}

/// Cells past the last column are joined into it, so none is lost.
fn fold_extra(cells: &mut Vec<String>, n: usize) {
    if cells.len() > n {
        let extra = cells.split_off(n);
        let last = &mut cells[n - 1];
        for e in extra {
            last.push_str(" | ");
            last.push_str(&e);
        }
    }
}

/// Recommendation tables ("Recommendation | Description") also give the
/// brief's numbered recommendations.
fn recommendations_from(rows: &[Vec<String>]) -> Vec<Recommendation> {
    let Some(header) = rows.first() else {
        return Vec::new();
    };
    if header.len() < 2 || !header_matches(&header[0], &["recommend"]) {
        return Vec::new();
    }
    rows[1..]
        .iter()
        .filter(|r| r.len() >= 2 && !r[0].trim().is_empty())
        .map(|r| {
            let mut rec = Recommendation::new(r[0].clone(), r[1].clone());
            for (h, cell) in header.iter().zip(r).skip(2) {
                if header_matches(h, &OWNER) {
                    rec.owner = cell.clone();
                } else if header_matches(h, &DUE) {
                    rec.due = cell.clone();
                }
            }
            rec
        })
        .collect()
}

/// Adds a list item to the section's last block when that is a list of the
/// same kind (`numbered`; `None`, for a nested item, joins any list), or
/// starts a new list. A nested item with no list to join starts one at the
/// top level.
fn add_item(section: &mut Section, item: &str, numbered: Option<bool>, level: u64) {
    let (lead, body) = split_lead(item);
    let mut bullet = Bullet::new(lead, body);
    if let Some(BlockContent::Bullets { numbered: n, items }) =
        section.blocks.last_mut().map(|b| &mut b.content)
    {
        if numbered.is_none_or(|want| want == *n) {
            bullet.level = level;
            items.push(bullet);
            return;
        }
    }
    section.blocks.push(Block::new(BlockContent::Bullets {
        numbered: numbered.unwrap_or(false),
        items: vec![bullet],
    }));
}

enum Target {
    Introduction,
    Section,
    Conclusion,
}

pub fn build(elements: Vec<Element>) -> Brief {
    let mut brief = Brief::new("");
    brief.conclusion.heading = "Conclusion".into();
    // A lone top-level heading before any other is the title.
    let min_level = elements
        .iter()
        .filter_map(|e| match e {
            Element::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min();
    let mut elements = elements;
    let mut explicit_title = None;
    if let Some(pos) = elements.iter().position(|e| matches!(e, Element::Title(_))) {
        if let Element::Title(t) = elements.remove(pos) {
            explicit_title = Some(t);
        }
    } else if let Some(min) = min_level {
        let tops = elements
            .iter()
            .filter(|e| matches!(e, Element::Heading { level, .. } if *level == min))
            .count();
        let first_heading = elements
            .iter()
            .position(|e| matches!(e, Element::Heading { .. }));
        let has_lower = elements
            .iter()
            .any(|e| matches!(e, Element::Heading { level, .. } if *level > min));
        if let Some(pos) = first_heading {
            if tops == 1
                && matches!(&elements[pos], Element::Heading { level, .. } if *level == min)
                && (has_lower || pos == 0)
            {
                if let Element::Heading { text, .. } = elements.remove(pos) {
                    explicit_title = Some(text);
                }
            }
        }
    }
    let section_level = elements
        .iter()
        .filter_map(|e| match e {
            Element::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(1);

    let mut target = Target::Introduction;
    let mut opening = String::new();
    let mut first_heading: Option<String> = None;
    let mut recommendations = Vec::new();
    for el in elements {
        let section: &mut Section = match target {
            Target::Introduction => &mut brief.introduction,
            Target::Section => brief.sections.last_mut().unwrap_or(&mut brief.introduction),
            Target::Conclusion => &mut brief.conclusion,
        };
        match el {
            Element::Title(t) => section.blocks.push(Block::paragraph(format!("**{t}**"))),
            Element::Heading { level, text: t } if level <= section_level => {
                first_heading.get_or_insert_with(|| text::plain(&t));
                if is_conclusion_heading(&t) {
                    brief.conclusion.heading = t;
                    target = Target::Conclusion;
                } else {
                    brief.sections.push(Section::new(t));
                    target = Target::Section;
                }
            }
            Element::Heading { text: t, .. } => {
                section.blocks.push(Block::paragraph(format!("**{t}**")))
            }
            Element::Paragraph(p) => {
                if matches!(target, Target::Introduction) && opening.len() < 2000 {
                    opening.push_str(&text::plain(&p));
                    opening.push(' ');
                }
                section.blocks.push(Block::paragraph(p));
            }
            Element::Bullet(b) => add_item(section, &b, Some(false), 0),
            Element::Numbered(b) => add_item(section, &b, Some(true), 0),
            Element::Nested(b) => add_item(section, &b, None, 1),
            Element::Table(rows) if !rows.is_empty() => {
                recommendations.extend(recommendations_from(&rows));
                let content = match as_commitments(&rows) {
                    Some(c) => BlockContent::Commitments(c),
                    None => BlockContent::Table(as_table(rows)),
                };
                section.blocks.push(Block::new(content));
            }
            Element::Table(_) => {}
        }
    }
    brief.recommendations = recommendations;
    let g = title::guess(&opening, first_heading.as_deref());
    brief.meta.title = explicit_title.map(|t| text::plain(&t)).unwrap_or(g.title);
    brief.meta.meeting = g.meeting;
    brief.meta.location = g.location;
    brief.meta.organisation = g.organisation;
    brief.assign_missing_ids();
    brief
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_ins() {
        assert_eq!(
            split_lead("Information Sharing: Establishing secure channels."),
            (
                "Information Sharing:".into(),
                "Establishing secure channels.".into()
            )
        );
        assert_eq!(
            split_lead("**Cyber:** text"),
            ("Cyber:".into(), "text".into())
        );
        assert_eq!(
            split_lead("**Cyber**: text"),
            ("Cyber:".into(), "text".into())
        );
        assert_eq!(
            split_lead("Commitment to joint exercises."),
            (String::new(), "Commitment to joint exercises.".into())
        );
        assert_eq!(
            split_lead("As the minister said in a long sentence: yes"),
            (
                String::new(),
                "As the minister said in a long sentence: yes".into()
            )
        );
    }

    #[test]
    fn commitments_table_is_recognised() {
        let rows = vec![
            vec![
                "Member Nation".into(),
                "Key Commitment".into(),
                "Due".into(),
                "Status".into(),
            ],
            vec![
                "Russia".into(),
                "Drills".into(),
                "2025-01-01".into(),
                "Done".into(),
            ],
        ];
        let t = as_commitments(&rows).expect("commitments");
        assert_eq!(t.rows[0].status, Some(CommitmentStatus::Done));
        assert_eq!(t.rows[0].due, "2025-01-01");
        let other = vec![vec!["Focus Area".into(), "Initiatives Proposed".into()]];
        assert!(as_commitments(&other).is_none());
    }

    #[test]
    fn ragged_rows_lose_nothing() {
        let t = as_table(vec![
            vec!["A".into(), "B".into()],
            vec!["1".into(), "2".into(), "3".into()],
            vec!["x".into()],
        ]);
        assert_eq!(t.columns.len(), 3);
        assert_eq!(t.rows[0].cells, vec!["1", "2", "3"]);
        assert_eq!(t.rows[1].cells, vec!["x", "", ""]);
    }
}
