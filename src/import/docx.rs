//! Word `.docx` articles, read with `docx-rs`: paragraphs styled Title or
//! Heading 1–6 are the title and headings, numbered paragraphs (by their
//! numbering's format, or a List Number / List Bullet style) are list
//! items with one level of nesting, tables are tables, bold and italic
//! runs keep their markup.

use docx_rs::{
    DocumentChild, Docx, InsertChild, Paragraph, ParagraphChild, Run, RunChild, Table,
    TableCellContent, TableChild, TableRowChild,
};

use super::Element;
use crate::model::text::escape;

/// The text of a run in the model's markup.
fn run_text(run: &Run, out: &mut String) {
    let mut t = String::new();
    for c in &run.children {
        match c {
            RunChild::Text(x) => t.push_str(&x.text),
            RunChild::Tab(_) => t.push(' '),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => t.push(' '),
            _ => {}
        }
    }
    if t.trim().is_empty() {
        out.push_str(&t);
        return;
    }
    let p = &run.run_property;
    let mark = match (p.bold.is_some(), p.italic.is_some()) {
        (true, _) => "**",
        (false, true) => "*",
        _ => "",
    };
    // Markers hug the words, so spaces stay outside them.
    let lead = &t[..t.len() - t.trim_start().len()];
    let trail = &t[t.trim_end().len()..];
    out.push_str(lead);
    out.push_str(mark);
    out.push_str(&escape(t.trim()));
    out.push_str(mark);
    out.push_str(trail);
}

fn children_text(children: &[ParagraphChild], out: &mut String) {
    for c in children {
        match c {
            ParagraphChild::Run(r) => run_text(r, out),
            ParagraphChild::Hyperlink(h) => children_text(&h.children, out),
            ParagraphChild::Insert(ins) => {
                for ic in &ins.children {
                    if let InsertChild::Run(r) = ic {
                        run_text(r, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn paragraph_text(p: &Paragraph) -> String {
    let mut out = String::new();
    children_text(&p.children, &mut out);
    // "**a** **b**" reads better as one span; harmless either way.
    out.replace("** **", " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a numbered paragraph's list is numbered (decimal, letters,
/// roman) rather than bulleted, from its numbering's format.
fn is_numbered_list(doc: &Docx, num_id: usize, level: usize) -> bool {
    let n = &doc.numberings;
    n.numberings
        .iter()
        .find(|x| x.id == num_id)
        .and_then(|x| n.abstract_nums.iter().find(|a| a.id == x.abstract_num_id))
        .and_then(|a| a.levels.iter().find(|l| l.level == level))
        .is_some_and(|l| l.format.val != "bullet" && l.format.val != "none")
}

fn paragraph(doc: &Docx, p: &Paragraph, out: &mut Vec<Element>) {
    let text = paragraph_text(p);
    if text.is_empty() {
        return;
    }
    let style = p
        .property
        .style
        .as_ref()
        .map(|s| s.val.to_ascii_lowercase().replace(' ', ""))
        .unwrap_or_default();
    if style == "title" {
        out.push(Element::Title(text));
        return;
    }
    if let Some(level) = style
        .strip_prefix("heading")
        .and_then(|n| n.parse::<u8>().ok())
    {
        out.push(Element::Heading { level, text });
        return;
    }
    let numbering = p.property.numbering_property.as_ref();
    let (numbered, level) = match numbering.and_then(|n| n.id.as_ref().map(|id| (id, n))) {
        Some((id, n)) => {
            let level = n.level.as_ref().map(|l| l.val).unwrap_or(0);
            (Some(is_numbered_list(doc, id.id, level)), level)
        }
        None if style.starts_with("listnumber") => (Some(true), 0),
        None if style.starts_with("listbullet") => (Some(false), 0),
        None => (None, 0),
    };
    out.push(match numbered {
        Some(_) if level > 0 => Element::Nested(text),
        Some(true) => Element::Numbered(text),
        Some(false) => Element::Bullet(text),
        None => Element::Paragraph(text),
    });
}

fn table(t: &Table) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for TableChild::TableRow(r) in &t.rows {
        let mut row = Vec::new();
        for TableRowChild::TableCell(c) in &r.cells {
            let mut cell = Vec::new();
            for cc in &c.children {
                if let TableCellContent::Paragraph(p) = cc {
                    let t = paragraph_text(p);
                    if !t.is_empty() {
                        cell.push(t);
                    }
                }
            }
            row.push(cell.join(" "));
        }
        if !row.is_empty() {
            rows.push(row);
        }
    }
    rows
}

/// The elements of a `.docx`, or the reader's message when it is not one.
pub fn parse(bytes: &[u8]) -> Result<Vec<Element>, String> {
    let doc = docx_rs::read_docx(bytes).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for child in &doc.document.children {
        match child {
            DocumentChild::Paragraph(p) => paragraph(&doc, p, &mut out),
            DocumentChild::Table(t) => {
                let rows = table(t);
                if !rows.is_empty() {
                    out.push(Element::Table(rows));
                }
            }
            _ => {}
        }
    }
    Ok(out)
}
