//! Find and replace across every text field of a brief, ignoring case or
//! matching it: the fields that match, each occurrence (for next /
//! previous), and replacing one occurrence or all.

use super::brief::{BlockContent, Brief};
use super::fields::MetaField;
use super::id::Id;

/// Which text field: a metadata field, or the field `name` (its key on
/// disk) of item `id`, the `index`-th when the item has a list of them
/// (a row's cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRef {
    Meta(MetaField),
    Item {
        id: Id,
        name: &'static str,
        index: usize,
    },
}

impl FieldRef {
    /// The item holding the field; `None` for metadata.
    pub fn id(&self) -> Option<Id> {
        match self {
            FieldRef::Meta(_) => None,
            FieldRef::Item { id, .. } => Some(*id),
        }
    }
}

/// One occurrence of the search text.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub field: FieldRef,
    /// Byte range in the field's text.
    pub bytes: (usize, usize),
    /// The same range in chars, as a text cursor counts.
    pub chars: (usize, usize),
}

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

/// Calls `f` with every text field a search looks in.
fn visit_mut(b: &mut Brief, f: &mut dyn FnMut(FieldRef, &mut String)) {
    let m = &mut b.meta;
    for (which, s) in [
        (MetaField::Title, &mut m.title),
        (MetaField::Subtitle, &mut m.subtitle),
        (MetaField::Organisation, &mut m.organisation),
        (MetaField::Meeting, &mut m.meeting),
        (MetaField::Location, &mut m.location),
        (MetaField::Drafter, &mut m.drafter),
        (MetaField::Approver, &mut m.approver),
        (MetaField::Marking, &mut m.marking),
        (MetaField::Distribution, &mut m.distribution),
    ] {
        f(FieldRef::Meta(which), s);
    }
    let item = |id: Id, name: &'static str, index: usize| FieldRef::Item { id, name, index };
    for s in b.all_sections_mut() {
        f(item(s.id, "heading", 0), &mut s.heading);
        for block in &mut s.blocks {
            let id = block.id;
            match &mut block.content {
                BlockContent::Paragraph { text } => f(item(id, "text", 0), text),
                BlockContent::Bullets { items, .. } => {
                    for i in items {
                        f(item(i.id, "lead", 0), &mut i.lead);
                        f(item(i.id, "text", 0), &mut i.text);
                    }
                }
                BlockContent::Table(t) => {
                    f(item(id, "caption", 0), &mut t.caption);
                    for c in &mut t.columns {
                        f(item(c.id, "name", 0), &mut c.name);
                    }
                    for r in &mut t.rows {
                        for (ci, c) in r.cells.iter_mut().enumerate() {
                            f(item(r.id, "cells", ci), c);
                        }
                    }
                }
                BlockContent::Commitments(t) => {
                    f(item(id, "caption", 0), &mut t.caption);
                    for r in &mut t.rows {
                        for (name, c) in [
                            ("party", &mut r.party),
                            ("commitment", &mut r.commitment),
                            ("owner", &mut r.owner),
                        ] {
                            f(item(r.id, name, 0), c);
                        }
                    }
                }
            }
        }
    }
    for r in &mut b.recommendations {
        for (name, c) in [
            ("title", &mut r.title),
            ("description", &mut r.description),
            ("owner", &mut r.owner),
        ] {
            f(item(r.id, name, 0), c);
        }
    }
}

/// Byte ranges of matches of `needle` in `hay`, ignoring case unless
/// `match_case`.
fn matches_with(hay: &str, needle: &str, match_case: bool) -> Vec<(usize, usize)> {
    let fold = |c: char| -> Vec<char> {
        if match_case {
            vec![c]
        } else {
            c.to_lowercase().collect()
        }
    };
    let needle: Vec<char> = needle.chars().flat_map(fold).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    // The folded text, each char with the byte range of its original.
    let low: Vec<(char, usize, usize)> = hay
        .char_indices()
        .flat_map(|(at, c)| fold(c).into_iter().map(move |l| (l, at, at + c.len_utf8())))
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

/// Byte ranges of case-insensitive matches of `needle` in `hay`.
fn matches(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    matches_with(hay, needle, false)
}

/// Every occurrence of `needle`, in document order.
pub fn find_matches(brief: &Brief, needle: &str, match_case: bool) -> Vec<Match> {
    let mut out = Vec::new();
    let mut copy = brief.clone();
    visit_mut(&mut copy, &mut |field, s| {
        for (a, b) in matches_with(s, needle, match_case) {
            let ca = s[..a].chars().count();
            out.push(Match {
                field,
                bytes: (a, b),
                chars: (ca, ca + s[a..b].chars().count()),
            });
        }
    });
    out
}

/// Replaces the occurrence `m` (found by [`find_matches`] in this brief);
/// false, changing nothing, when the field no longer has it there.
pub fn replace_one(
    brief: &mut Brief,
    m: &Match,
    needle: &str,
    replacement: &str,
    match_case: bool,
) -> bool {
    let mut done = false;
    visit_mut(brief, &mut |field, s| {
        if done || field != m.field {
            return;
        }
        if matches_with(s, needle, match_case).contains(&m.bytes) {
            s.replace_range(m.bytes.0..m.bytes.1, replacement);
            done = true;
        }
    });
    done
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
    visit_mut(&mut copy, &mut |field, s| {
        let m = matches(s, needle);
        if let Some(&(at, _)) = m.first() {
            hits.push(Hit {
                id: field.id(),
                count: m.len(),
                excerpt: excerpt(s, at),
            });
        }
    });
    hits
}

/// Replaces every case-insensitive occurrence; returns how many.
pub fn replace_all(brief: &mut Brief, needle: &str, replacement: &str) -> usize {
    replace_all_with(brief, needle, replacement, false)
}

/// Replaces every occurrence, ignoring case unless `match_case`; returns
/// how many.
pub fn replace_all_with(
    brief: &mut Brief,
    needle: &str,
    replacement: &str,
    match_case: bool,
) -> usize {
    let mut n = 0;
    visit_mut(brief, &mut |_, s| {
        let m = matches_with(s, needle, match_case);
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
    fn each_occurrence_is_found_and_one_can_be_replaced() {
        let mut b = Brief::new("Qingdao meeting in QINGDAO");
        let all = find_matches(&b, "qingdao", false);
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].chars, (19, 26));
        assert_eq!(find_matches(&b, "qingdao", true).len(), 0);
        assert_eq!(find_matches(&b, "QINGDAO", true).len(), 1);
        assert!(replace_one(&mut b, &all[1], "qingdao", "Beijing", false));
        assert_eq!(b.meta.title, "Qingdao meeting in Beijing");
        // Stale: the second occurrence is gone.
        assert!(!replace_one(&mut b, &all[1], "qingdao", "Beijing", false));
        assert_eq!(replace_all_with(&mut b, "qingdao", "X", true), 0);
        assert_eq!(replace_all_with(&mut b, "Qingdao", "X", true), 1);
    }

    #[test]
    fn a_partial_match_is_no_match() {
        assert!(matches("ax", "ab").is_empty());
        assert_eq!(matches("aab", "ab"), vec![(1, 3)]);
    }
}
