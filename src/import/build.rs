//! Assembles parsed article elements into a brief: the opening becomes the
//! introduction, headings open sections, an "In Conclusion" heading opens
//! the conclusion, party/commitment tables become commitment tables and
//! recommendation tables also fill the numbered recommendations.

use super::title;
use super::{Element, Report};
use crate::model::{
    iso_date, text, Block, BlockContent, Brief, Bullet, Commitment, CommitmentStatus,
    CommitmentTable, DateOrder, Recommendation, Section, Table, MAX_COLUMNS,
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

/// What a table column holds, read from its header by whole words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Party,
    Commitment,
    Owner,
    Due,
    Status,
    Title,
    Description,
}

/// The lower-case words of a header: "Last update" is `["last", "update"]`,
/// so "update" never reads as a date.
fn header_words(h: &str) -> Vec<String> {
    text::plain(h)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn has_any(words: &[String], wanted: &[&str]) -> bool {
    words.iter().any(|w| wanted.contains(&w.as_str()))
}

const PARTY: [&str; 16] = [
    "party",
    "parties",
    "country",
    "countries",
    "delegation",
    "delegations",
    "member",
    "members",
    "nation",
    "nations",
    "state",
    "states",
    "government",
    "ministry",
    "organisation",
    "organization",
];
const COMMITS: [&str; 12] = [
    "commitment",
    "commitments",
    "pledge",
    "pledges",
    "action",
    "actions",
    "what",
    "undertaking",
    "undertakings",
    "promise",
    "deliverable",
    "agreed",
];
const OWNER: [&str; 8] = [
    "owner",
    "lead",
    "responsible",
    "who",
    "official",
    "officer",
    "owners",
    "assignee",
];
const DUE: [&str; 6] = ["due", "deadline", "by", "when", "timeline", "timeframe"];
const STATUS: [&str; 2] = ["status", "progress"];
const TITLE: [&str; 4] = ["recommendation", "recommendations", "title", "proposal"];
const DESCRIPTION: [&str; 7] = [
    "description",
    "details",
    "detail",
    "rationale",
    "explanation",
    "summary",
    "notes",
];

/// The meaning of a column header, `None` when it has no known one. An
/// owner word wins over a party or action word ("Action Officer",
/// "Responsible Party"), and "Action by" names who acts.
pub(crate) fn role_of(h: &str) -> Option<Role> {
    let w = header_words(h);
    let joined = w.join(" ");
    Some(if has_any(&w, &STATUS) {
        Role::Status
    } else if joined == "action by" || has_any(&w, &OWNER) {
        Role::Owner
    } else if has_any(&w, &DUE) {
        Role::Due
    } else if has_any(&w, &TITLE) {
        Role::Title
    } else if has_any(&w, &DESCRIPTION) {
        Role::Description
    } else if has_any(&w, &PARTY) {
        Role::Party
    } else if has_any(&w, &COMMITS) {
        Role::Commitment
    } else {
        return None;
    })
}

/// A status cell as one of the model's values; `None` when no value fits
/// ("Delayed"), and the word is then kept beside the commitment.
pub(crate) fn parse_status(s: &str) -> Option<CommitmentStatus> {
    let t = text::plain(s).trim().to_lowercase();
    let t = t.trim_end_matches(['.', '!']);
    match t {
        "open" | "not started" | "not yet started" | "pending" | "to do" | "todo" | "planned"
        | "new" => Some(CommitmentStatus::Open),
        "in progress" | "ongoing" | "under way" | "underway" | "started" | "on track"
        | "in hand" | "progressing" => Some(CommitmentStatus::InProgress),
        "done" | "complete" | "completed" | "closed" | "delivered" | "met" | "achieved"
        | "fulfilled" => Some(CommitmentStatus::Done),
        _ => None,
    }
}

/// The key under which a status word the model has no value for is kept
/// on a commitment (an unknown field, so it survives saving).
pub const STATUS_WORD: &str = "status_word";

/// A due cell in ISO form where it names one day ("30 June 2027"), as
/// written where it does not ("Q4 2027").
fn due_date(cell: &str) -> String {
    iso_date(&text::plain(cell), DateOrder::DayFirst).unwrap_or_else(|| cell.trim().to_string())
}

/// Each header's role, or why the table cannot be read by meaning.
fn roles(header: &[String]) -> Result<Vec<Role>, String> {
    let mut out: Vec<Role> = Vec::new();
    for h in header {
        let Some(role) = role_of(h) else {
            return Err(format!(
                "column \"{}\" has no known meaning",
                text::plain(h)
            ));
        };
        if out.contains(&role) {
            return Err(format!(
                "two columns read as {role:?} (\"{}\")",
                text::plain(h)
            ));
        }
        out.push(role);
    }
    Ok(out)
}

/// A party/commitment table when every column has a known meaning (in any
/// order); otherwise why not, and it stays a table. The article's own
/// column headings are kept as the labels.
pub(crate) fn as_commitments(rows: &[Vec<String>]) -> Result<CommitmentTable, String> {
    let header = rows.first().ok_or("no header row")?;
    let roles = roles(header)?;
    let at = |r: Role| roles.iter().position(|x| *x == r);
    let (Some(p), Some(c)) = (at(Role::Party), at(Role::Commitment)) else {
        return Err("no party and commitment columns".into());
    };
    if roles
        .iter()
        .any(|r| matches!(r, Role::Title | Role::Description))
    {
        return Err("it has recommendation columns".into());
    }
    let mut table = CommitmentTable {
        caption: String::new(),
        party_label: header[p].clone(),
        commitment_label: header[c].clone(),
        ..CommitmentTable::default()
    };
    for (role, h) in roles.iter().zip(header) {
        match role {
            Role::Owner => table.owner_label = h.clone(),
            Role::Due => table.due_label = h.clone(),
            Role::Status => table.status_label = h.clone(),
            _ => {}
        }
    }
    for (n, r) in rows[1..].iter().enumerate() {
        if r.len() > header.len() {
            return Err(format!("row {} has more cells than the header", n + 1));
        }
        let cell = |i: usize| r.get(i).cloned().unwrap_or_default();
        let mut m = Commitment::new(cell(p), cell(c));
        for (i, role) in roles.iter().enumerate() {
            let v = cell(i);
            match role {
                Role::Owner => m.owner = v,
                Role::Due => m.due = due_date(&v),
                Role::Status if !v.trim().is_empty() => match parse_status(&v) {
                    Some(st) => m.status = Some(st),
                    None => {
                        m.extra
                            .insert(STATUS_WORD.into(), serde_json::Value::String(v));
                    }
                },
                _ => {}
            }
        }
        table.rows.push(m);
    }
    Ok(table)
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

/// Recommendation tables ("Recommendation | Owner | Description") also
/// give the brief's numbered recommendations, each column placed by its
/// meaning; `Err` says why a table gave none (`Ok` empty: not one).
pub(crate) fn recommendations_from(rows: &[Vec<String>]) -> Result<Vec<Recommendation>, String> {
    let Some(header) = rows.first() else {
        return Ok(Vec::new());
    };
    if !header.iter().any(|h| role_of(h) == Some(Role::Title)) {
        return Ok(Vec::new());
    }
    let roles = roles(header)?;
    if let Some(r) = roles
        .iter()
        .find(|r| !matches!(r, Role::Title | Role::Description | Role::Owner | Role::Due))
    {
        return Err(format!(
            "a {r:?} column does not belong to a recommendation"
        ));
    }
    let mut out = Vec::new();
    for r in &rows[1..] {
        let mut rec = Recommendation::new("", "");
        for (role, cell) in roles.iter().zip(r) {
            match role {
                Role::Title => rec.title = cell.clone(),
                Role::Description => rec.description = cell.clone(),
                Role::Owner => rec.owner = cell.clone(),
                _ => rec.due = due_date(cell),
            }
        }
        if !rec.title.trim().is_empty() {
            out.push(rec);
        }
    }
    Ok(out)
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

/// "HANOI, 12 March 2027 — …" as ("Hanoi", "2027-03-12"): a capitalised
/// place, a date, then a dash.
pub(crate) fn dateline(p: &str) -> Option<(String, String)> {
    let dash = p.find(['—', '–']).or_else(|| p.find(" - "))?;
    let head = p[..dash].trim().trim_end_matches(',');
    if head.chars().count() > 60 {
        return None;
    }
    let (place, date) = head.split_once(',')?;
    let place = place.trim();
    if place.is_empty()
        || !place
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase())
    {
        return None;
    }
    // "HANOI, Viet Nam, 12 March 2027": the date is the last part.
    let date = date.rsplit(',').next().unwrap_or(date).trim();
    let iso = iso_date(date, DateOrder::DayFirst)?;
    let place = place
        .split_whitespace()
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_string() + &cs.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some((place, iso))
}

fn heading_is(h: &str, names: &[&str]) -> bool {
    let t = text::plain(h)
        .trim()
        .trim_end_matches([':', '.'])
        .to_lowercase();
    names.contains(&t.as_str())
}

/// A "Recommendations" (or "Next steps", "Actions") section that is only a
/// list becomes the brief's recommendations, when no table gave any.
fn list_recommendations(brief: &mut Brief, report: &mut Report) {
    const NAMES: [&str; 9] = [
        "recommendations",
        "recommendation",
        "next steps",
        "actions",
        "action points",
        "action items",
        "recommended actions",
        "proposed actions",
        "our recommendations",
    ];
    if !brief.recommendations.is_empty() {
        return;
    }
    let Some(at) = brief.sections.iter().position(|s| {
        heading_is(&s.heading, &NAMES)
            && !s.blocks.is_empty()
            && s.blocks
                .iter()
                .all(|b| matches!(b.content, BlockContent::Bullets { .. }))
    }) else {
        return;
    };
    let section = brief.sections.remove(at);
    let mut recs: Vec<Recommendation> = Vec::new();
    for b in section.blocks {
        let BlockContent::Bullets { items, .. } = b.content else {
            continue;
        };
        for item in items {
            match recs.last_mut() {
                Some(r) if item.level > 0 => {
                    let extra = if item.lead.is_empty() {
                        item.text
                    } else {
                        format!("**{}** {}", item.lead, item.text)
                    };
                    if !r.description.is_empty() {
                        r.description.push(' ');
                    }
                    r.description.push_str(&extra);
                }
                _ if item.lead.is_empty() => recs.push(Recommendation::new(item.text, "")),
                _ => recs.push(Recommendation::new(
                    item.lead.trim_end_matches(':').to_string(),
                    item.text,
                )),
            }
        }
    }
    report.push(format!(
        "Section \"{}\": its list became {} recommendations",
        text::plain(&section.heading),
        recs.len()
    ));
    brief.recommendations = recs;
}

/// "Way forward", "Next steps", "Outlook", "In conclusion" as the last
/// section is the conclusion, when the article has no other.
fn last_section_as_conclusion(brief: &mut Brief, report: &mut Report) {
    const NAMES: [&str; 8] = [
        "way forward",
        "the way forward",
        "way ahead",
        "the way ahead",
        "next steps",
        "outlook",
        "in conclusion",
        "looking ahead",
    ];
    if !brief.conclusion.blocks.is_empty() {
        return;
    }
    if brief
        .sections
        .last()
        .is_some_and(|s| heading_is(&s.heading, &NAMES))
    {
        if let Some(last) = brief.sections.pop() {
            report.push(format!(
                "The last section, \"{}\", became the conclusion",
                text::plain(&last.heading)
            ));
            brief.conclusion.heading = last.heading;
            brief.conclusion.blocks = last.blocks;
        }
    }
}

enum Target {
    Introduction,
    Section,
    Conclusion,
}

/// The brief, and a report of each guess made on the way.
pub fn build(elements: Vec<Element>) -> (Brief, Report) {
    let mut report = Report::default();
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
    let mut tables = 0;
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
                tables += 1;
                let head = rows[0]
                    .iter()
                    .map(|h| text::plain(h))
                    .collect::<Vec<_>>()
                    .join(" | ");
                let where_ = match section.heading.trim() {
                    "" => "the introduction".to_string(),
                    h => format!("\"{}\"", text::plain(h)),
                };
                let n = rows.len() - 1;
                let recs = recommendations_from(&rows);
                let content = match as_commitments(&rows) {
                    Ok(c) => {
                        let kept: Vec<String> = c
                            .rows
                            .iter()
                            .filter_map(|r| r.extra.get(STATUS_WORD))
                            .filter_map(|v| v.as_str().map(str::to_string))
                            .collect();
                        let mut line = format!(
                            "Table {tables} in {where_} ({head}): commitments, {n} rows, by its column headings"
                        );
                        if !kept.is_empty() {
                            line.push_str(&format!(
                                "; status words kept as written: {}",
                                kept.join(", ")
                            ));
                        }
                        report.push(line);
                        BlockContent::Commitments(c)
                    }
                    Err(why) => {
                        let line = match &recs {
                            Ok(r) if !r.is_empty() => format!(
                                "Table {tables} in {where_} ({head}): kept as a table and gave {} recommendations",
                                r.len()
                            ),
                            Ok(_) => format!(
                                "Table {tables} in {where_} ({head}): kept as a table, not commitments: {why}"
                            ),
                            Err(rwhy) => format!(
                                "Table {tables} in {where_} ({head}): kept as a table, not recommendations: {rwhy}"
                            ),
                        };
                        report.push(line);
                        BlockContent::Table(as_table(rows))
                    }
                };
                recommendations.extend(recs.unwrap_or_default());
                section.blocks.push(Block::new(content));
            }
            Element::Table(_) => {}
            Element::Notice(n) => report.push(n),
        }
    }
    brief.recommendations = recommendations;
    list_recommendations(&mut brief, &mut report);
    last_section_as_conclusion(&mut brief, &mut report);
    let g = title::guess(&opening, first_heading.as_deref());
    report.title = match (&explicit_title, g.title.is_empty()) {
        (Some(_), _) => "the article's title line".into(),
        (None, false) => "guessed from the opening paragraph".into(),
        (None, true) => "none found; the brief has no title".into(),
    };
    brief.meta.title = explicit_title.map(|t| text::plain(&t)).unwrap_or(g.title);
    brief.meta.meeting = g.meeting;
    brief.meta.location = g.location;
    brief.meta.organisation = g.organisation;
    // The story's first paragraph; a kicker kept as text may stand before it.
    let found = brief
        .introduction
        .blocks
        .iter()
        .filter_map(|b| match &b.content {
            BlockContent::Paragraph { text } => Some(text::plain(text)),
            _ => None,
        })
        .take(2)
        .find_map(|p| dateline(&p));
    if let Some((place, date)) = found {
        report.push(format!("Dateline: place {place}, date {date}"));
        brief.meta.location = place;
        brief.meta.start_date = date;
    }
    brief.assign_missing_ids();
    (brief, report)
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
        assert_eq!(t.due_label, "Due");
        assert_eq!(t.rows[0].status, Some(CommitmentStatus::Done));
        assert_eq!(t.rows[0].due, "2025-01-01");
        let other = vec![vec!["Focus Area".into(), "Initiatives Proposed".into()]];
        assert!(as_commitments(&other).is_err());
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
