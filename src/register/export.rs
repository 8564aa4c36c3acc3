//! The register written out: a readable terminal table, CSV with a header
//! line, and JSON objects with exactly the register's ten keys.

use serde::Serialize;

use super::Row;

/// The columns, in order, as CSV headers and JSON keys.
pub const KEYS: [&str; 10] = [
    "brief",
    "brief_title",
    "meeting_date",
    "party",
    "commitment",
    "owner",
    "due",
    "status",
    "overdue",
    "id",
];

#[derive(Serialize)]
struct JsonRow<'a> {
    brief: &'a str,
    brief_title: &'a str,
    meeting_date: &'a str,
    party: &'a str,
    commitment: &'a str,
    owner: &'a str,
    due: &'a str,
    status: &'a str,
    overdue: bool,
    id: &'a str,
}

fn fields(r: &Row) -> [String; 10] {
    [
        r.brief.clone(),
        r.brief_title.clone(),
        r.meeting_date.clone(),
        r.party.clone(),
        r.commitment.clone(),
        r.owner.clone(),
        r.due.clone(),
        r.status_key().to_string(),
        r.overdue.to_string(),
        r.id.clone(),
    ]
}

/// A JSON array of objects, one per row, pretty-printed.
pub fn to_json(rows: &[&Row]) -> String {
    let v: Vec<JsonRow> = rows
        .iter()
        .map(|r| JsonRow {
            brief: &r.brief,
            brief_title: &r.brief_title,
            meeting_date: &r.meeting_date,
            party: &r.party,
            commitment: &r.commitment,
            owner: &r.owner,
            due: &r.due,
            status: r.status_key(),
            overdue: r.overdue,
            id: &r.id,
        })
        .collect();
    // Plain strings and booleans always serialise.
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// One CSV field: quoted when it holds a comma, quote, line break or
/// leading or trailing space; quotes doubled (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV with a header line, CRLF line ends (RFC 4180).
pub fn to_csv(rows: &[&Row]) -> String {
    let mut out = KEYS.join(",");
    out.push_str("\r\n");
    for r in rows {
        let line: Vec<String> = fields(r).iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Longest a text column gets in the terminal table before it is cut.
const WIDE: usize = 48;

fn cut(s: &str, max: usize) -> String {
    // One line per row: line breaks read as spaces.
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Like `cut`, but keeps the end: a path's file name matters most.
fn cut_left(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        cut(s, max)
    } else {
        let tail: String = s.chars().skip(n - max.saturating_sub(1)).collect();
        format!("…{}", cut(&tail, max))
    }
}

/// A table for the terminal: a header, a rule, one line per row; long text
/// cut with "…" (a long path from the left, keeping its file name), the identifier shortened to its first 8 characters.
pub fn to_table(rows: &[&Row]) -> String {
    let head = [
        "BRIEF",
        "MEETING",
        "PARTY",
        "COMMITMENT",
        "OWNER",
        "DUE",
        "STATUS",
        "OVERDUE",
        "ID",
    ];
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|r| {
            [
                cut_left(&r.brief, 32),
                cut(&r.meeting_date, 10),
                cut(&r.party, 20),
                cut(&r.commitment, WIDE),
                cut(&r.owner, 20),
                cut(&r.due, 10),
                r.status.map(|s| s.label()).unwrap_or("").to_string(),
                if r.overdue { "OVERDUE" } else { "" }.to_string(),
                r.id.chars().take(8).collect(),
            ]
        })
        .collect();
    let mut widths = head.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cols: &[String]| {
        let mut s = String::new();
        for (i, (c, w)) in cols.iter().zip(widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cols.len() {
                s.extend(std::iter::repeat_n(' ', w - c.chars().count()));
            }
        }
        s.truncate(s.trim_end().len());
        s.push('\n');
        s
    };
    let mut out = line(&head.map(String::from));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rule));
    for row in &cells {
        out.push_str(&line(row));
    }
    out
}
