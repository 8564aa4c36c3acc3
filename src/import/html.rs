//! HTML articles, read with the `tl` parser (no regexes): `h1`–`h6` are
//! headings, `p` and loose text paragraphs, `ul`/`ol` lists (one level of
//! nesting), `table` rows of `th`/`td` cells, `b`/`strong` and `i`/`em`
//! bold and italic. Scripts, styles and the `head` are dropped, with a
//! notice.

use tl::{Node, NodeHandle, Parser};

use super::Element;
use crate::model::text::escape;

/// Elements whose text is not article text.
const DROPPED: [&str; 8] = [
    "script", "style", "head", "nav", "noscript", "template", "svg", "iframe",
];

/// Elements that hold blocks; their loose text is a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "blockquote"
            | "body"
            | "html"
            | "ul"
            | "ol"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "figure"
            | "figcaption"
            | "hr"
            | "dl"
            | "dt"
            | "dd"
    ) || DROPPED.contains(&name)
}

/// `&amp;`, `&#8212;`, `&#x2014;` and the other common entities.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "rdquo" => Some('”'),
                "ldquo" => Some('“'),
                "hellip" => Some('…'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

struct Reader<'p, 'a> {
    parser: &'p Parser<'a>,
    out: Vec<Element>,
    dropped: usize,
}

impl Reader<'_, '_> {
    fn tag_name(&self, h: &NodeHandle) -> Option<String> {
        match h.get(self.parser)? {
            Node::Tag(t) => Some(t.name().as_utf8_str().to_ascii_lowercase()),
            _ => None,
        }
    }

    fn children(&self, h: &NodeHandle) -> Vec<NodeHandle> {
        match h.get(self.parser) {
            Some(Node::Tag(t)) => t.children().top().as_slice().to_vec(),
            _ => Vec::new(),
        }
    }

    /// Inline text in the model's markup.
    fn inline(&mut self, h: &NodeHandle, buf: &mut String) {
        match h.get(self.parser) {
            Some(Node::Raw(b)) => buf.push_str(&escape(&unescape(&b.as_utf8_str()))),
            Some(Node::Tag(_)) => {
                let name = self.tag_name(h).unwrap_or_default();
                if DROPPED.contains(&name.as_str()) {
                    self.dropped += 1;
                    return;
                }
                let mark = match name.as_str() {
                    "b" | "strong" => "**",
                    "i" | "em" => "*",
                    _ => "",
                };
                if name == "br" {
                    buf.push(' ');
                    return;
                }
                buf.push_str(mark);
                for c in self.children(h) {
                    self.inline(&c, buf);
                }
                buf.push_str(mark);
            }
            _ => {}
        }
    }

    fn flush(&mut self, buf: &mut String) {
        let t = buf.split_whitespace().collect::<Vec<_>>().join(" ");
        buf.clear();
        if !t.is_empty() {
            self.out.push(Element::Paragraph(t));
        }
    }

    fn text_of(&mut self, h: &NodeHandle) -> String {
        let mut buf = String::new();
        for c in self.children(h) {
            self.inline(&c, &mut buf);
        }
        buf.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn list(&mut self, h: &NodeHandle, numbered: bool, nested: bool) {
        for li in self.children(h) {
            if self.tag_name(&li).as_deref() != Some("li") {
                continue;
            }
            let mut buf = String::new();
            let mut subs = Vec::new();
            for c in self.children(&li) {
                match self.tag_name(&c).as_deref() {
                    Some(n @ ("ul" | "ol")) => subs.push((c, n == "ol")),
                    _ => self.inline(&c, &mut buf),
                }
            }
            let t = buf.split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                self.out.push(match (nested, numbered) {
                    (true, _) => Element::Nested(t),
                    (false, true) => Element::Numbered(t),
                    (false, false) => Element::Bullet(t),
                });
            }
            for (s, n) in subs {
                self.list(&s, n, true);
            }
        }
    }

    fn table(&mut self, h: &NodeHandle, rows: &mut Vec<Vec<String>>) {
        for c in self.children(h) {
            match self.tag_name(&c).as_deref() {
                Some("thead" | "tbody" | "tfoot") => self.table(&c, rows),
                Some("tr") => {
                    let mut row = Vec::new();
                    for cell in self.children(&c) {
                        if matches!(self.tag_name(&cell).as_deref(), Some("td" | "th")) {
                            row.push(self.text_of(&cell));
                        }
                    }
                    if !row.is_empty() {
                        rows.push(row);
                    }
                }
                Some("caption") => {
                    let t = self.text_of(&c);
                    if !t.is_empty() {
                        self.out.push(Element::Paragraph(t));
                    }
                }
                _ => {}
            }
        }
    }

    fn blocks(&mut self, nodes: &[NodeHandle]) {
        let mut buf = String::new();
        for h in nodes {
            let name = self.tag_name(h);
            match name.as_deref() {
                Some(n) if is_block(n) => {
                    self.flush(&mut buf);
                    self.block(h, n);
                }
                _ => self.inline(h, &mut buf),
            }
        }
        self.flush(&mut buf);
    }

    fn block(&mut self, h: &NodeHandle, name: &str) {
        match name {
            n if DROPPED.contains(&n) => self.dropped += 1,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let t = self.text_of(h);
                if !t.is_empty() {
                    let level = name[1..].parse().unwrap_or(1);
                    self.out.push(Element::Heading { level, text: t });
                }
            }
            "ul" | "ol" => self.list(h, name == "ol", false),
            "table" => {
                let mut rows = Vec::new();
                self.table(h, &mut rows);
                if !rows.is_empty() {
                    self.out.push(Element::Table(rows));
                }
            }
            "hr" => {}
            _ => {
                let kids = self.children(h);
                self.blocks(&kids);
            }
        }
    }
}

pub fn parse(html: &str) -> Vec<Element> {
    let Ok(dom) = tl::parse(html, tl::ParserOptions::default()) else {
        // Too long for the parser: read as text rather than lose it.
        return super::article::parse(html);
    };
    let mut r = Reader {
        parser: dom.parser(),
        out: Vec::new(),
        dropped: 0,
    };
    let top = dom.children().to_vec();
    r.blocks(&top);
    if r.dropped > 0 {
        r.out.push(Element::Notice(format!(
            "{} script, style or head element(s) of the HTML dropped",
            r.dropped
        )));
    }
    r.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_tables_and_entities() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body><h1>Port Talks</h1><p>The ports met &amp; <b>agreed</b>.</p><h2>Points</h2><ol><li>One<ul><li>One a</li></ul></li><li>Two</li></ol><table><tr><th>Party</th><th>Pledge</th></tr><tr><td>Oman</td><td>Dredge.</td></tr></table></body></html>";
        let els = parse(html);
        assert_eq!(
            els[0],
            Element::Heading {
                level: 1,
                text: "Port Talks".into()
            }
        );
        assert_eq!(
            els[1],
            Element::Paragraph("The ports met & **agreed**.".into())
        );
        assert_eq!(els[3], Element::Numbered("One".into()));
        assert_eq!(els[4], Element::Nested("One a".into()));
        assert_eq!(els[5], Element::Numbered("Two".into()));
        assert_eq!(
            els[6],
            Element::Table(vec![
                vec!["Party".into(), "Pledge".into()],
                vec!["Oman".into(), "Dredge.".into()]
            ])
        );
        assert!(matches!(&els[7], Element::Notice(_)));
    }
}
