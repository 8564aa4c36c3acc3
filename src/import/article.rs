//! Plain-text articles: one paragraph a line (or hard-wrapped paragraphs
//! separated by blank lines), short unpunctuated lines as headings,
//! `- ` bullets, `1.` / `1)` numbered lists, `-`/`*` items indented 2–4
//! spaces or a tab under a list item as nested items, and `A | B |`
//! tables with a `---|---|` separator.

use super::{is_row, is_separator, split_row, Element};
use crate::model::text::escape;

const BULLET_MARKS: [&str; 5] = ["- ", "* ", "• ", "– ", "+ "];

pub(crate) fn bullet_body(line: &str) -> Option<&str> {
    let t = line.trim_start();
    BULLET_MARKS
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The text of a `1. text` or `1) text` line (up to three digits).
fn number_body(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = t[digits..].strip_prefix(['.', ')'])?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim()).filter(|s| !s.is_empty())
}

/// Which lines are items of a numbered list: a numbered line whose
/// nearest numbered neighbour (across blank lines, nested items and
/// continuation lines) is numbered one more or one less. A lone "2. Costs"
/// line, or numbered headings with paragraphs between them, stay headings.
fn numbered_items(lines: &[&str]) -> Vec<bool> {
    let number = |l: &str| -> Option<u32> {
        number_body(l)?;
        l.trim_start()
            .split(['.', ')'])
            .next()
            .and_then(|n| n.parse().ok())
    };
    // A line a list may have between two of its items.
    let inside = |l: &str| l.trim().is_empty() || l.starts_with([' ', '\t']);
    let mut out = vec![false; lines.len()];
    let mut prev: Option<(usize, u32)> = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some(n) = number(l) {
            if let Some((j, m)) = prev {
                if n == m + 1 {
                    out[i] = true;
                    out[j] = true;
                }
            }
            prev = Some((i, n));
        } else if !inside(l) {
            prev = None;
        }
    }
    out
}

/// A nested item: a bullet indented 2–4 spaces or a tab.
fn nested_body(line: &str) -> Option<&str> {
    let spaces = line.bytes().take_while(|b| *b == b' ').count();
    let indented = (2..=4).contains(&spaces) || line.starts_with('\t');
    if !indented {
        return None;
    }
    bullet_body(line)
}

/// A short line with no closing punctuation reads as a heading; one may
/// end in `)` or `?` ("Background (Part 1)", "What next?") or hold a
/// colon ("Annex A: Register of Commitments"). Contact lines, bylines and
/// date lines are never headings.
pub(crate) fn is_heading_like(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    let Some(first) = t.chars().next() else {
        return false;
    };
    let last = t.chars().last().unwrap_or('.');
    if is_furniture(t) {
        return false;
    }
    let closes_paren = last == ')' && t.matches('(').count() == t.matches(')').count();
    (1..=16).contains(&words)
        && t.chars().count() <= 120
        && (first.is_uppercase() || first.is_numeric())
        && (closes_paren
            || !matches!(
                last,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | '"'
                    | '”'
                    | '’'
                    | ')'
                    | '…'
                    | '。'
                    | '！'
                    | '？'
                    | '»'
            ))
        || (words <= 12 && last == '?' && first.is_uppercase() && t.chars().count() <= 80)
}

/// Contact lines ("Tel: …", "Email: …"), bylines ("By the Office of …")
/// and date lines ("Posted 9 October 2027"): text, never headings.
pub(crate) fn is_furniture(t: &str) -> bool {
    let lower = t.to_lowercase();
    const CONTACT: [&str; 9] = [
        "tel:",
        "tel.",
        "telephone:",
        "phone:",
        "email:",
        "e-mail:",
        "fax:",
        "web:",
        "contact:",
    ];
    const DATED: [&str; 6] = [
        "posted ",
        "published ",
        "updated ",
        "issued ",
        "dated ",
        "released ",
    ];
    CONTACT.iter().any(|c| lower.starts_with(c))
        || lower.starts_with("by ") && t.split_whitespace().count() >= 2
        || DATED
            .iter()
            .any(|d| lower.starts_with(d) && t.chars().any(|c| c.is_ascii_digit()))
        || crate::model::read_date(t, crate::model::DateOrder::DayFirst).is_some()
        || lower.contains("http://")
        || lower.contains("https://")
        || t.contains('@') && !t.contains(' ')
}

/// A kicker: one to three capitalised words ("READOUT", "PRESS RELEASE")
/// set above the real title.
fn is_kicker(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    (1..=3).contains(&words)
        && t.chars().any(char::is_alphabetic)
        && t.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// The width paragraphs are wrapped at: the length most body lines stay
/// within (the 90th percentile), so one long URL does not set it.
fn wrap_width(lines: &[&str]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| l.chars().count())
        .filter(|n| *n > 0)
        .collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    lens[(lens.len() - 1) * 9 / 10]
}

/// True when paragraphs are hard-wrapped: several consecutive short lines
/// inside blank-line-separated blocks. A few long lines (a URL) do not
/// count against it.
fn is_hard_wrapped(lines: &[&str], numbered: &[bool]) -> bool {
    if wrap_width(lines) > 100 || !lines.iter().any(|l| l.trim().is_empty()) {
        return false;
    }
    let mut run = 0;
    lines.iter().zip(numbered).any(|(l, n)| {
        let plain = !l.trim().is_empty() && bullet_body(l).is_none() && !is_row(l) && !n;
        run = if plain { run + 1 } else { 0 };
        run >= 3
    })
}

pub fn parse(text: &str) -> Vec<Element> {
    let lines: Vec<&str> = text.lines().collect();
    let numbered = numbered_items(&lines);
    let wrapped = is_hard_wrapped(&lines, &numbered);
    let max_len = if wrapped {
        wrap_width(&lines)
    } else {
        lines.iter().map(|l| l.chars().count()).max().unwrap_or(0)
    };
    let mut out = Vec::new();
    let mut i = 0;
    let mut first_content = true;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if line.trim().is_empty() {
            i += 1;
            continue;
        }
        // Tables: a row, then a separator, then rows.
        if is_row(line) && i + 1 < lines.len() && is_separator(lines[i + 1]) {
            let mut rows = vec![split_row(line).into_iter().map(|c| escape(&c)).collect()];
            i += 2;
            // A row with a separator under it starts the next table.
            while i < lines.len()
                && is_row(lines[i])
                && !lines[i].trim().is_empty()
                && !(i + 1 < lines.len() && is_separator(lines[i + 1]))
            {
                rows.push(
                    split_row(lines[i])
                        .into_iter()
                        .map(|c| escape(&c))
                        .collect(),
                );
                i += 1;
            }
            out.push(Element::Table(rows));
            first_content = false;
            continue;
        }
        // List items: nested only right after another item.
        let after_item = matches!(
            out.last(),
            Some(Element::Bullet(_) | Element::Numbered(_) | Element::Nested(_))
        );
        let item = match (nested_body(line), number_body(line), bullet_body(line)) {
            (Some(body), _, _) if after_item => Some((body, Element::Nested as fn(_) -> _)),
            (_, Some(body), _) if numbered[i] => Some((body, Element::Numbered as fn(_) -> _)),
            (_, _, Some(body)) => Some((body, Element::Bullet as fn(_) -> _)),
            _ => None,
        };
        if let Some((body, element)) = item {
            let mut text = body.to_string();
            i += 1;
            // Wrapped items continue on indented lines.
            while wrapped
                && i < lines.len()
                && lines[i].starts_with(' ')
                && !lines[i].trim().is_empty()
                && bullet_body(lines[i]).is_none()
                && !numbered[i]
            {
                text.push(' ');
                text.push_str(lines[i].trim());
                i += 1;
            }
            out.push(element(escape(&text)));
            first_content = false;
            continue;
        }
        let next_is_text = |j: usize| {
            j < lines.len()
                && !lines[j].trim().is_empty()
                && bullet_body(lines[j]).is_none()
                && !numbered[j]
                && !is_row(lines[j])
        };
        let heading = is_heading_like(line)
            && !is_row(line)
            && !(wrapped
                && next_is_text(i + 1)
                && (line.chars().count() * 10 > max_len * 6
                    || lines[i + 1].trim_start().starts_with(char::is_lowercase)));
        let next_line = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
        if first_content
            && is_kicker(line)
            && next_line.is_some_and(|l| is_heading_like(l) && !is_kicker(l))
        {
            // "READOUT" above the title: kept as text, the title follows.
            out.push(Element::Notice(format!(
                "\"{}\" above the title read as a kicker and kept as text",
                line.trim()
            )));
            out.push(Element::Paragraph(escape(line.trim())));
            i += 1;
            continue;
        }
        if heading {
            let t = escape(line.trim());
            // A heading-like first line, followed by more text, is the title.
            out.push(if first_content && i + 1 < lines.len() {
                Element::Title(t)
            } else {
                Element::Heading { level: 1, text: t }
            });
            first_content = false;
            i += 1;
            continue;
        }
        let mut text = line.trim().to_string();
        i += 1;
        if wrapped {
            while next_is_text(i)
                && !(is_heading_like(lines[i])
                    && !lines[i].trim_start().starts_with(char::is_lowercase)
                    && lines[i].chars().count() * 10 <= max_len * 6)
            {
                text.push(' ');
                text.push_str(lines[i].trim());
                i += 1;
            }
        }
        out.push(Element::Paragraph(escape(&text)));
        first_content = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_short_and_unpunctuated() {
        assert!(is_heading_like("In Conclusion"));
        assert!(is_heading_like(
            "China’s Role in Shaping Multilateral Defense Frameworks and Future Recommendations"
        ));
        assert!(!is_heading_like("Key topics of discussion included:"));
        assert!(!is_heading_like("this is lowercase"));
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Title Line\n\nThe first paragraph runs on and on across\nseveral lines of text because it was\nwrapped at a narrow width by its author.\n\nBackground\n\nAnother paragraph that is also wrapped\nacross lines for the sake of this test\nand ends here.\n";
        let els = parse(text);
        assert_eq!(els[0], Element::Title("Title Line".into()));
        assert!(
            matches!(&els[1], Element::Paragraph(p) if p.ends_with("by its author.") && p.starts_with("The first"))
        );
        assert_eq!(
            els[2],
            Element::Heading {
                level: 1,
                text: "Background".into()
            }
        );
        assert!(matches!(&els[3], Element::Paragraph(p) if p.ends_with("ends here.")));
        assert_eq!(els.len(), 4);
    }

    #[test]
    fn table_without_separator_stays_text() {
        let els = parse("Some text here.\nA | B\nC | D\n");
        assert!(els.iter().all(|e| matches!(e, Element::Paragraph(_))));
        assert_eq!(els.len(), 3);
    }
}
