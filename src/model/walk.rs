//! One walk over every text field of a brief, each with its path in the
//! style validation reports (`sections[2].blocks[0].rows[1].party`), so
//! checks and counts that must see every field share one list of them.

use std::fmt::Write;

use super::brief::{BlockContent, Brief, Section};
use super::id::Id;

/// One text field, as [`Brief::for_each_text`] hands it over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextField<'a> {
    /// Where the field is, e.g. `meta.title` or
    /// `sections[0].blocks[2].rows[1].cells[0]`.
    pub path: &'a str,
    /// The field's key on disk: `title`, `heading`, `cells`, `party`, …
    pub name: &'static str,
    /// The item holding the field; `None` for metadata.
    pub id: Option<Id>,
    pub text: &'a str,
    /// The field is printed with inline markup (`**bold**`, `*italic*`).
    pub markup: bool,
}

/// Builds paths in one buffer: a part is pushed, visited, and cut off again.
struct Walk<'f> {
    path: String,
    f: &'f mut dyn FnMut(TextField<'_>),
}

impl Walk<'_> {
    /// Runs `body` with `.name` (or `.name[index]`) added to the path.
    fn within(&mut self, name: &str, index: Option<usize>, body: impl FnOnce(&mut Self)) {
        let len = self.path.len();
        if len > 0 {
            self.path.push('.');
        }
        self.path.push_str(name);
        if let Some(i) = index {
            // Writing to a String cannot fail.
            let _ = write!(self.path, "[{i}]");
        }
        body(self);
        self.path.truncate(len);
    }

    fn field(&mut self, name: &'static str, id: Option<Id>, text: &str) {
        self.visit(name, id, text, false);
    }

    /// A field printed with inline markup.
    fn marked(&mut self, name: &'static str, id: Option<Id>, text: &str) {
        self.visit(name, id, text, true);
    }

    fn visit(&mut self, name: &'static str, id: Option<Id>, text: &str, markup: bool) {
        self.within(name, None, |w| {
            (w.f)(TextField {
                path: &w.path,
                name,
                id,
                text,
                markup,
            })
        });
    }

    /// A field that holds a list of marked-up texts, such as a row's `cells`.
    fn list(&mut self, name: &'static str, id: Option<Id>, texts: &[String]) {
        for (i, text) in texts.iter().enumerate() {
            self.within(name, Some(i), |w| {
                (w.f)(TextField {
                    path: &w.path,
                    name,
                    id,
                    text,
                    markup: true,
                })
            });
        }
    }

    fn section(&mut self, s: &Section) {
        self.field("heading", Some(s.id), &s.heading);
        for (bi, block) in s.blocks.iter().enumerate() {
            self.within("blocks", Some(bi), |w| {
                let id = Some(block.id);
                match &block.content {
                    BlockContent::Paragraph { text } => w.marked("text", id, text),
                    BlockContent::Bullets { items, .. } => {
                        for (i, b) in items.iter().enumerate() {
                            w.within("items", Some(i), |w| {
                                w.marked("lead", Some(b.id), &b.lead);
                                w.marked("text", Some(b.id), &b.text);
                            });
                        }
                    }
                    BlockContent::Table(t) => {
                        w.marked("caption", id, &t.caption);
                        for (i, c) in t.columns.iter().enumerate() {
                            w.within("columns", Some(i), |w| {
                                w.marked("name", Some(c.id), &c.name)
                            });
                        }
                        for (i, r) in t.rows.iter().enumerate() {
                            w.within("rows", Some(i), |w| w.list("cells", Some(r.id), &r.cells));
                        }
                    }
                    BlockContent::Commitments(t) => {
                        w.marked("caption", id, &t.caption);
                        w.marked("party_label", id, &t.party_label);
                        w.marked("commitment_label", id, &t.commitment_label);
                        w.marked("owner_label", id, &t.owner_label);
                        w.marked("due_label", id, &t.due_label);
                        w.marked("status_label", id, &t.status_label);
                        for (i, c) in t.rows.iter().enumerate() {
                            w.within("rows", Some(i), |w| {
                                let id = Some(c.id);
                                w.marked("party", id, &c.party);
                                w.marked("commitment", id, &c.commitment);
                                w.marked("owner", id, &c.owner);
                                w.field("due", id, &c.due);
                            });
                        }
                    }
                }
            });
        }
    }
}

impl Brief {
    /// Calls `f` with every text field of the brief, in document order:
    /// metadata, introduction, sections, recommendations, conclusion.
    /// Unknown fields kept from a newer release are not visited.
    pub fn for_each_text(&self, mut f: impl FnMut(TextField<'_>)) {
        let mut w = Walk {
            path: String::new(),
            f: &mut f,
        };
        let m = &self.meta;
        w.within("meta", None, |w| {
            for (name, text) in [
                ("title", &m.title),
                ("subtitle", &m.subtitle),
                ("organisation", &m.organisation),
                ("meeting", &m.meeting),
                ("location", &m.location),
                ("start_date", &m.start_date),
                ("end_date", &m.end_date),
                ("date", &m.date),
                ("drafter", &m.drafter),
                ("approver", &m.approver),
                ("version", &m.version),
                ("marking", &m.marking),
                ("distribution", &m.distribution),
                ("language", &m.language),
            ] {
                w.field(name, None, text);
            }
            w.list("dictionary", None, &m.dictionary);
        });
        w.within("introduction", None, |w| w.section(&self.introduction));
        for (i, s) in self.sections.iter().enumerate() {
            w.within("sections", Some(i), |w| w.section(s));
        }
        for (i, r) in self.recommendations.iter().enumerate() {
            w.within("recommendations", Some(i), |w| {
                let id = Some(r.id);
                w.marked("title", id, &r.title);
                w.marked("description", id, &r.description);
                w.field("owner", id, &r.owner);
                w.field("due", id, &r.due);
            });
        }
        w.within("conclusion", None, |w| w.section(&self.conclusion));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Table};

    #[test]
    fn paths_follow_the_document() {
        let mut b = Brief::new("T");
        let mut s = Section::new("S");
        let mut t = Table::new("Cap", &["A", "B"]);
        t.push_row(["x", "y"]);
        s.blocks.push(Block::paragraph("p"));
        s.blocks.push(Block::new(BlockContent::Table(t)));
        b.sections.push(s);
        let mut paths = Vec::new();
        b.for_each_text(|f| paths.push((f.path.to_string(), f.name, f.text.to_string())));
        let has = |p: &str, name: &str, text: &str| {
            paths
                .iter()
                .any(|(pp, n, t)| pp == p && *n == name && t == text)
        };
        assert!(has("meta.title", "title", "T"), "{paths:?}");
        assert!(has("introduction.heading", "heading", ""), "{paths:?}");
        assert!(has("sections[0].heading", "heading", "S"), "{paths:?}");
        assert!(has("sections[0].blocks[0].text", "text", "p"), "{paths:?}");
        assert!(has("sections[0].blocks[1].caption", "caption", "Cap"));
        assert!(has("sections[0].blocks[1].columns[1].name", "name", "B"));
        assert!(has("sections[0].blocks[1].rows[0].cells[1]", "cells", "y"));
        assert!(has("conclusion.heading", "heading", "Conclusion"));
    }
}
