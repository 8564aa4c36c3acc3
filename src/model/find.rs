//! Find and replace across every text field of a brief, case-insensitively.

use super::brief::{BlockContent, Brief};
use super::id::Id;

/// One field containing the search text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The item holding the field; `None` for metadata.
    pub id: Option<Id>,
    /// How many times the field contains the text.
    pub count: usize,
    /// The field's text, shortened around the first match.
    pub excerpt: String,
}

/// Calls `f` with every text field and the id of the item that holds it.
fn visit_mut(b: &mut Brief, f: &mut dyn FnMut(Option<Id>, &mut String)) {
    let m = &mut b.meta;
    for s in [
        &mut m.title,
        &mut m.subtitle,
        &mut m.organisation,
        &mut m.meeting,
        &mut m.location,
        &mut m.drafter,
        &mut m.approver,
        &mut m.marking,
        &mut m.distribution,
    ] {
        f(None, s);
    }
    for s in b.all_sections_mut() {
        f(Some(s.id), &mut s.heading);
        for block in &mut s.blocks {
            let id = Some(block.id);
            match &mut block.content {
                BlockContent::Paragraph { text } => f(id, text),
                BlockContent::Bullets { items, .. } => {
                    for i in items {
                        f(Some(i.id), &mut i.lead);
                        f(Some(i.id), &mut i.text);
                    }
                }
                BlockContent::Table(t) => {
                    f(id, &mut t.caption);
                    for c in &mut t.columns {
                        f(Some(c.id), &mut c.name);
                    }
                    for r in &mut t.rows {
                        for c in &mut r.cells {
                            f(Some(r.id), c);
                        }
                    }
                }
                BlockContent::Commitments(t) => {
                    f(id, &mut t.caption);
                    for r in &mut t.rows {
                        for c in [&mut r.party, &mut r.commitment, &mut r.owner] {
                            f(Some(r.id), c);
                        }
                    }
                }
            }
        }
    }
    for r in &mut b.recommendations {
        for c in [&mut r.title, &mut r.description, &mut r.owner] {
            f(Some(r.id), c);
        }
    }
}

/// Byte ranges of case-insensitive matches of `needle` in `hay`.
fn matches(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    // The lowercased text, each char with the byte range of its original.
    let low: Vec<(char, usize, usize)> = hay
        .char_indices()
        .flat_map(|(at, c)| c.to_lowercase().map(move |l| (l, at, at + c.len_utf8())))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= low.len() {
        if low[i..i + needle.len()]
            .iter()
            .zip(&needle)
            .all(|(l, n)| l.0 == *n)
        {
            out.push((low[i].1, low[i + needle.len() - 1].2));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

fn excerpt(text: &str, at: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(0, |(i, _)| i);
    let rest: String = text[start..].chars().take(80).collect();
    if start > 0 {
        format!("…{rest}")
    } else {
        rest
    }
}

/// Every field containing `needle` (ignoring case), in document order.
pub fn find(brief: &Brief, needle: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    // Visiting needs `&mut`; search a copy so callers keep a shared borrow.
    let mut copy = brief.clone();
    visit_mut(&mut copy, &mut |id, s| {
        let m = matches(s, needle);
        if let Some(&(at, _)) = m.first() {
            hits.push(Hit {
                id,
                count: m.len(),
                excerpt: excerpt(s, at),
            });
        }
    });
    hits
}

/// Replaces every case-insensitive occurrence; returns how many.
pub fn replace_all(brief: &mut Brief, needle: &str, replacement: &str) -> usize {
    let mut n = 0;
    visit_mut(brief, &mut |_, s| {
        let m = matches(s, needle);
        if m.is_empty() {
            return;
        }
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for (a, b) in &m {
            out.push_str(&s[last..*a]);
            out.push_str(replacement);
            last = *b;
        }
        out.push_str(&s[last..]);
        n += m.len();
        *s = out;
    });
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_replaces_ignoring_case() {
        let mut b = Brief::new("Qingdao meeting in QINGDAO");
        let hits = find(&b, "qingdao");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].count, 2);
        assert_eq!(replace_all(&mut b, "qingdao", "Beijing"), 2);
        assert_eq!(b.meta.title, "Beijing meeting in Beijing");
        assert!(find(&b, "").is_empty());
        assert!(find(&b, "Tokyo").is_empty());
    }

    #[test]
    fn non_ascii_matches_keep_char_boundaries() {
        assert_eq!(matches("Défense défense", "DÉF"), vec![(0, 4), (9, 13)]);
    }

    #[test]
    fn a_partial_match_is_no_match() {
        assert!(matches("ax", "ab").is_empty());
        assert_eq!(matches("aab", "ab"), vec![(1, 3)]);
    }
}
