//! Markdown articles, read with pulldown-cmark: `#` headings, paragraphs,
//! `-`/`*` and numbered lists (a list inside a list item gives nested
//! items; deeper ones are flattened to that level), pipe tables,
//! `**bold**` and `*italic*`. Code, quotes and raw HTML are kept as
//! paragraphs of text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::Element;
use crate::model::text::escape;

#[derive(Default)]
struct State {
    out: Vec<Element>,
    buf: String,
    heading: Option<u8>,
    /// Open lists, innermost last: true for ordered ones.
    lists: Vec<bool>,
    item_depth: usize,
    table: Option<Vec<Vec<String>>>,
    row: Vec<String>,
    links: Vec<String>,
    /// How many struck-through spans and raw HTML pieces were met.
    struck: usize,
    html: usize,
}

impl State {
    fn flush_paragraph(&mut self) {
        let t = self.buf.trim().to_string();
        self.buf.clear();
        if t.is_empty() {
            return;
        }
        if self.item_depth > 0 {
            self.out.push(match self.lists.as_slice() {
                [true] => Element::Numbered(t),
                [_] | [] => Element::Bullet(t),
                [_, _, ..] => Element::Nested(t),
            });
        } else {
            self.out.push(Element::Paragraph(t));
        }
    }
}

fn level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

pub fn parse(text: &str) -> Vec<Element> {
    let mut s = State::default();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, opts) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level: l, .. } => {
                    s.flush_paragraph();
                    s.heading = Some(level(l));
                }
                Tag::List(start) => {
                    s.flush_paragraph();
                    s.lists.push(start.is_some());
                }
                Tag::Item => {
                    s.flush_paragraph();
                    s.item_depth += 1;
                }
                Tag::Table(_) => {
                    s.flush_paragraph();
                    s.table = Some(Vec::new());
                }
                Tag::TableHead | Tag::TableRow => s.row.clear(),
                Tag::TableCell => s.buf.clear(),
                Tag::Strong => s.buf.push_str("**"),
                Tag::Emphasis => s.buf.push('*'),
                Tag::Strikethrough => s.struck += 1,
                Tag::Link { dest_url, .. } => s.links.push(dest_url.to_string()),
                Tag::Paragraph if s.item_depth > 0 && !s.buf.trim().is_empty() => {
                    s.buf.push(' ');
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    let t = s.buf.trim().to_string();
                    s.buf.clear();
                    if !t.is_empty() {
                        s.out.push(Element::Heading {
                            level: s.heading.take().unwrap_or(1),
                            text: t,
                        });
                    }
                    s.heading = None;
                }
                TagEnd::Paragraph if s.item_depth == 0 => s.flush_paragraph(),
                TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::HtmlBlock => {
                    s.flush_paragraph()
                }
                TagEnd::Item => {
                    s.flush_paragraph();
                    s.item_depth = s.item_depth.saturating_sub(1);
                }
                TagEnd::List(_) => {
                    s.lists.pop();
                }
                TagEnd::TableCell => {
                    let cell = s.buf.trim().to_string();
                    s.buf.clear();
                    s.row.push(cell);
                }
                TagEnd::TableHead | TagEnd::TableRow => {
                    let row = std::mem::take(&mut s.row);
                    if let Some(t) = s.table.as_mut() {
                        t.push(row);
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = s.table.take() {
                        s.out.push(Element::Table(t));
                    }
                }
                TagEnd::Strong => s.buf.push_str("**"),
                TagEnd::Emphasis => s.buf.push('*'),
                TagEnd::Link => {
                    if let Some(url) = s.links.pop() {
                        if !url.is_empty() && !s.buf.ends_with(&escape(&url)) {
                            s.buf.push_str(&format!(" ({})", escape(&url)));
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                s.buf.push_str(&escape(&t))
            }
            // Raw HTML would print as tags; it is dropped and reported.
            Event::Html(_) | Event::InlineHtml(_) => s.html += 1,
            Event::SoftBreak | Event::HardBreak => s.buf.push(' '),
            Event::FootnoteReference(t) => s.buf.push_str(&format!("[{}]", escape(&t))),
            Event::TaskListMarker(done) => s.buf.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Rule => s.flush_paragraph(),
        }
    }
    s.flush_paragraph();
    if s.struck > 0 {
        s.out.push(Element::Notice(format!(
            "{} struck-through passage(s) kept as plain text: briefs have no strikethrough",
            s.struck
        )));
    }
    if s.html > 0 {
        s.out.push(Element::Notice(format!(
            "{} piece(s) of raw HTML dropped",
            s.html
        )));
    }
    s.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headings_lists_tables_and_bold() {
        let md = "# Title\n\nIntro with **bold** text.\n\n## Part One\n\n- **Lead:** body\n- plain\n\n| A | B |\n|---|---|\n| 1 | 2 |\n";
        let els = parse(md);
        assert_eq!(
            els,
            vec![
                Element::Heading {
                    level: 1,
                    text: "Title".into()
                },
                Element::Paragraph("Intro with **bold** text.".into()),
                Element::Heading {
                    level: 2,
                    text: "Part One".into()
                },
                Element::Bullet("**Lead:** body".into()),
                Element::Bullet("plain".into()),
                Element::Table(vec![
                    vec!["A".into(), "B".into()],
                    vec!["1".into(), "2".into()]
                ]),
            ]
        );
    }

    #[test]
    fn literal_stars_are_escaped() {
        let els = parse("5 \\* 3\n");
        assert_eq!(els, vec![Element::Paragraph("5 \\* 3".into())]);
    }
}
