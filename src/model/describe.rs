//! Where something in a brief is, in words a drafter uses: a problem at
//! `sections[0].blocks[2].rows[1].due` reads "Commitments in 'Maritime
//! security', row 2, due date". Also the count of problems in words
//! ("1 error, 2 warnings"). The editor and `check` both show these; the
//! machine path stays in [`Problem::path`](super::Problem).

use super::brief::{Block, BlockContent, Brief, Section};
use super::text;
use super::validate::{Problem, Severity};

/// "1 error", "2 warnings", "3 matches": a count with its noun, singular
/// or plural (regular English nouns).
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if noun.ends_with("ch") || noun.ends_with("sh") || noun.ends_with(['s', 'x']) {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}

/// The problems counted in words: "No problems", "1 error, 2 warnings".
pub fn problems_summary(problems: &[Problem]) -> String {
    if problems.is_empty() {
        return "No problems".into();
    }
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    format!(
        "{}, {}",
        counted(errors, "error"),
        counted(problems.len() - errors, "warning")
    )
}

impl Problem {
    /// Where this problem is, in words (see [`describe_path`]).
    pub fn place_in_words(&self, brief: &Brief) -> String {
        describe_path(brief, &self.path)
    }
}

/// One step of a path: a name and an optional index, `rows[1]` or `due`.
fn steps(path: &str) -> Vec<(&str, Option<usize>)> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|s| match s.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
            None => (s, None),
        })
        .collect()
}

/// A heading or title quoted for a sentence, shortened when long.
fn quoted(s: &str) -> String {
    let plain = text::single_line(&text::plain(s));
    let plain = plain.trim();
    let short: String = plain.chars().take(48).collect();
    if short.chars().count() < plain.chars().count() {
        format!("'{}…'", short.trim_end())
    } else {
        format!("'{short}'")
    }
}

/// A field's on-disk name in words.
fn field_words(name: &str) -> String {
    match name {
        "date" => "date of the brief".into(),
        "due" => "due date".into(),
        "lead" => "lead-in".into(),
        "font_size" => "font size".into(),
        "party_label" => "heading of the party column".into(),
        "commitment_label" => "heading of the commitment column".into(),
        "owner_label" => "heading of the owner column".into(),
        "due_label" => "heading of the due column".into(),
        "status_label" => "heading of the status column".into(),
        other => other.replace('_', " "),
    }
}

/// A path such as `sections[0].blocks[2].rows[1].due` (as validation and
/// [`Brief::for_each_text`] write them) in words: "Commitments in
/// 'Maritime security', row 2, due date". Parts the brief no longer has
/// are described by number; an unreadable path is returned as it is.
pub fn describe_path(brief: &Brief, path: &str) -> String {
    let steps = steps(path);
    let Some(&(first, index)) = steps.first() else {
        return path.to_string();
    };
    let rest = &steps[1..];
    let mut parts: Vec<String> = Vec::new();
    match (first, index) {
        ("meta", None) => {
            parts.push("Metadata".into());
            parts.extend(rest.iter().map(|(n, _)| field_words(n)));
        }
        ("style", None) => {
            parts.push("Style".into());
            parts.extend(rest.iter().map(|(n, _)| field_words(n)));
        }
        ("ids", None) => parts.push("The brief's item ids".into()),
        ("introduction", None) => {
            section_words(&mut parts, "Introduction", Some(&brief.introduction), rest)
        }
        ("conclusion", None) => {
            section_words(&mut parts, "Conclusion", Some(&brief.conclusion), rest)
        }
        ("sections", Some(i)) => {
            let s = brief.sections.get(i);
            let name = match s.map(|s| s.heading.as_str()) {
                Some(h) if !text::plain(h).trim().is_empty() => format!("Section {}", quoted(h)),
                _ => format!("Section {}", i + 1),
            };
            section_words(&mut parts, &name, s, rest);
        }
        ("recommendations", Some(i)) => {
            let r = brief.recommendations.get(i);
            parts.push(match r.map(|r| r.title.as_str()) {
                Some(t) if !text::plain(t).trim().is_empty() => {
                    format!("Recommendation {} ({})", i + 1, quoted(t))
                }
                _ => format!("Recommendation {}", i + 1),
            });
            parts.extend(rest.iter().map(|(n, _)| field_words(n)));
        }
        _ => return path.to_string(),
    }
    parts.join(", ")
}

/// A section's part of the description: its name, or the block in it.
fn section_words(
    parts: &mut Vec<String>,
    name: &str,
    section: Option<&Section>,
    rest: &[(&str, Option<usize>)],
) {
    let Some((&("blocks", Some(bi)), after)) = rest.split_first() else {
        parts.push(name.to_string());
        parts.extend(rest.iter().map(|(n, _)| field_words(n)));
        return;
    };
    let block = section.and_then(|s| s.blocks.get(bi));
    let Some(block) = block else {
        parts.push(format!("Block {} in {name}", bi + 1));
        return;
    };
    let same_kind = section.map_or(0, |s| {
        s.blocks
            .iter()
            .filter(|b| b.kind_name() == block.kind_name())
            .count()
    });
    let place = if name.starts_with("Section ") {
        name.trim_start_matches("Section ").to_string()
    } else {
        format!("the {}", name.to_lowercase())
    };
    parts.push(if same_kind > 1 {
        format!("{} (block {}) in {place}", block.kind_name(), bi + 1)
    } else {
        format!("{} in {place}", block.kind_name())
    });
    block_words(parts, block, after);
}

/// Rows, cells, bullets and fields inside a block.
fn block_words(parts: &mut Vec<String>, block: &Block, rest: &[(&str, Option<usize>)]) {
    for &(name, index) in rest {
        parts.push(match (name, index, &block.content) {
            ("rows", Some(r), _) => format!("row {}", r + 1),
            ("items", Some(i), _) => format!("bullet {}", i + 1),
            ("columns", Some(c), _) => format!("heading of column {}", c + 1),
            ("cells", Some(c), BlockContent::Table(t)) => match t.columns.get(c) {
                Some(col) if !col.name.trim().is_empty() => format!("column {}", quoted(&col.name)),
                _ => format!("column {}", c + 1),
            },
            ("party", None, BlockContent::Commitments(t)) if !t.party_label.trim().is_empty() => {
                t.party_label.to_lowercase()
            }
            ("commitment", None, BlockContent::Commitments(t))
                if !t.commitment_label.trim().is_empty() =>
            {
                t.commitment_label.to_lowercase()
            }
            ("text", None, BlockContent::Paragraph { .. }) => continue,
            (n, Some(i), _) => format!("{} {}", field_words(n), i + 1),
            (n, None, _) => field_words(n),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Commitment, CommitmentTable, Recommendation, Table};

    fn brief() -> Brief {
        let mut b = Brief::new("T");
        let mut s = Section::new("Maritime security");
        let mut c = CommitmentTable::default();
        c.rows.push(Commitment::new("a", "b"));
        c.rows.push(Commitment::new("a", "b"));
        s.blocks.push(Block::paragraph("p"));
        s.blocks.push(Block::paragraph("q"));
        s.blocks.push(Block::new(BlockContent::Commitments(c)));
        let mut t = Table::new("", &["Focus Area", "Initiative"]);
        t.push_row(["a", "b"]);
        s.blocks.push(Block::new(BlockContent::Table(t)));
        b.sections.push(s);
        b.sections.push(Section::new(""));
        b.recommendations
            .push(Recommendation::new("Brief the minister", ""));
        b
    }

    #[test]
    fn paths_read_as_places_in_the_brief() {
        let b = brief();
        let d = |p: &str| describe_path(&b, p);
        assert_eq!(
            d("sections[0].blocks[2].rows[1].due"),
            "Commitments in 'Maritime security', row 2, due date"
        );
        assert_eq!(
            d("sections[0].blocks[2].rows[1]"),
            "Commitments in 'Maritime security', row 2"
        );
        assert_eq!(
            d("sections[0].blocks[1]"),
            "Paragraph (block 2) in 'Maritime security'"
        );
        assert_eq!(
            d("sections[0].blocks[3].rows[0].cells[1]"),
            "Table in 'Maritime security', row 1, column 'Initiative'"
        );
        assert_eq!(d("sections[1]"), "Section 2");
        assert_eq!(d("meta.start_date"), "Metadata, start date");
        assert_eq!(d("style.font_size"), "Style, font size");
        assert_eq!(
            d("recommendations[0].due"),
            "Recommendation 1 ('Brief the minister'), due date"
        );
        assert_eq!(d("introduction.heading"), "Introduction, heading");
        assert_eq!(d("conclusion.blocks[0]"), "Block 1 in Conclusion");
        assert_eq!(d("nonsense[x"), "nonsense[x");
    }

    #[test]
    fn counts_are_singular_or_plural() {
        assert_eq!(counted(1, "error"), "1 error");
        assert_eq!(counted(0, "error"), "0 errors");
        assert_eq!(counted(2, "warning"), "2 warnings");
        assert_eq!(counted(3, "match"), "3 matches");
        assert_eq!(problems_summary(&[]), "No problems");
    }
}
