//! Turns a brief into flow chunks: the title block, numbered section
//! headings, paragraphs, bullets with hanging indents, tables and
//! commitments, numbered recommendations and the conclusion. Decides what
//! must stay together (a heading with what follows, two lines at either
//! end of a paragraph); `flow` decides where pages break. Also builds the
//! structure tree (headings, paragraphs, lists, tables) the tagged PDF
//! reads, tagging every item with the element that owns it. Parts (a
//! section, the recommendations) are cached; `parts` lays out the missing
//! ones, two threads at a time.

mod parts;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::flow::Chunk;
use super::page::{Element, Item, Link, LinkTarget, Role, Rule, Tag, TextRun, Warning};
use super::table::{table_chunks, Cell, TableSpec};
use super::text::{break_lines, Align, Line, LineConfig, Styled, TextCache, TextStyle};
use super::{LayoutOptions, Theme};
use crate::model::{
    is_overdue, list_depths, list_labels, parse_date, text, Block, BlockContent, Brief, Bullet,
    Column, Commitment, CommitmentTable, Id, Recommendation, Row, Section, Status, Table,
};

fn spans(markup: &str) -> Vec<Styled> {
    text::parse(markup)
        .into_iter()
        .map(|s| Styled {
            text: s.text,
            bold: s.bold,
            italic: s.italic,
        })
        .collect()
}

fn bold(s: &str) -> Styled {
    Styled {
        text: s.to_string(),
        bold: true,
        italic: false,
    }
}

/// "25–26 June 2025", "30 June – 2 July 2025", or the text as typed.
pub fn date_range(start: &str, end: &str) -> String {
    let fmt = |d: NaiveDate| d.format("%-d %B %Y").to_string();
    match (parse_date(start), parse_date(end)) {
        (Some(s), Some(e)) if s == e => fmt(s),
        (Some(s), Some(e)) if s.format("%Y-%m").to_string() == e.format("%Y-%m").to_string() => {
            format!("{}–{}", s.format("%-d"), fmt(e))
        }
        (Some(s), Some(e)) if s.format("%Y").to_string() == e.format("%Y").to_string() => {
            format!("{} – {}", s.format("%-d %B"), fmt(e))
        }
        (Some(s), Some(e)) => format!("{} – {}", fmt(s), fmt(e)),
        (Some(s), None) if end.trim().is_empty() => fmt(s),
        _ => [start.trim(), end.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" – "),
    }
}

struct Composer<'a> {
    t: &'a Theme,
    out: Vec<Chunk>,
    warnings: &'a mut Vec<Warning>,
    /// Parts laid out before, by key (read only while composing).
    parts: &'a PartCache,
    words: &'a mut TextCache,
    /// The next chunk must stay on the page of the previous one.
    keep_next: bool,
    today: Option<NaiveDate>,
    tables: usize,
    /// A hash of the theme, part of every cached part's key.
    theme_key: u64,
    /// Structure elements so far (ids local to a cached part).
    elems: Vec<Element>,
    /// The tag the text of `lines` gets.
    cur: Tag,
    /// The metadata grid's table element, once it has a row.
    meta_table: Option<u32>,
}

impl Composer<'_> {
    /// A new structure element; its id.
    fn elem(&mut self, role: Role, parent: Option<u32>) -> u32 {
        self.elems.push(Element { role, parent });
        self.elems.len() as u32 - 1
    }

    /// Makes a new element the owner of the text that follows.
    fn start(&mut self, role: Role, parent: Option<u32>) -> u32 {
        let id = self.elem(role, parent);
        self.cur = Tag::Content(id);
        id
    }

    fn body(&self) -> TextStyle {
        TextStyle {
            sans: self.t.sans,
            size: self.t.size,
            color: self.t.text,
        }
    }

    /// Adds lines as chunks, one a line, with widow/orphan control.
    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        lines: Vec<Line>,
        x: f32,
        leading: f32,
        ascent: f32,
        space_before: f32,
        mut prefix: Vec<Item>,
        keep_together: bool,
    ) {
        let n = lines.len();
        // The pieces (chunk, item) of a web address that ran to the end of
        // the previous line, to be continued at the start of this one.
        let mut url: Vec<(usize, usize)> = Vec::new();
        for (k, line) in lines.into_iter().enumerate() {
            let mut items = std::mem::take(&mut prefix);
            let last = line.runs.len().saturating_sub(1);
            for (j, run) in line.runs.into_iter().enumerate() {
                let mut r = run;
                r.x += x;
                r.baseline = ascent;
                r.tag = self.cur;
                if j == 0 && !url.is_empty() {
                    let at = items.len();
                    let cont = self.continue_url(&r, &url, &mut items);
                    let tag = match items.get(at) {
                        Some(Item::Link(l)) => Some(l.tag),
                        _ => None,
                    };
                    if let (Some((len, goes_on)), Some(tag)) = (cont, tag) {
                        if len >= r.text.len() {
                            // The whole run is the address.
                            r.tag = tag;
                            if goes_on && j == last {
                                url.push((self.out.len(), at));
                                items.push(Item::Text(r));
                                continue;
                            }
                        } else if let Some((mut head, tail)) = r.split_at(len) {
                            // The address's rest is the link's text too;
                            // what follows reads on as before.
                            if let Some(Item::Link(l)) = items.get_mut(at) {
                                l.w = head.width;
                            }
                            head.tag = tag;
                            items.push(Item::Text(head));
                            r = tail;
                        }
                    }
                    url.clear();
                }
                let owner = match self.cur {
                    Tag::Content(n) => Some(n),
                    _ => None,
                };
                let (found, open) = addresses(&r.text);
                let mut rest = Some(r);
                let mut offset = 0;
                let mut last_link = None;
                for range in found {
                    let Some(run) = rest.take() else { break };
                    let local = range.start - offset..range.end - offset;
                    let address = run.text[local.clone()].to_string();
                    let contents = format!("Link to {address}");
                    let tag = Tag::Content(self.elem(Role::Link { contents }, owner));
                    match cut_out(&run, local.clone()) {
                        // The address's text belongs to its link element.
                        Some((before, mut text, after)) => {
                            items.extend(before.map(Item::Text));
                            items.push(link_area(&text, text.x, text.width, address, tag));
                            last_link = Some(items.len() - 1);
                            text.tag = tag;
                            items.push(Item::Text(text));
                            offset = range.end;
                            rest = after;
                        }
                        // A ligature across its edge: the area alone.
                        None => {
                            let m = run.font.metrics();
                            let x = run.x + m.width(&run.text[..local.start], run.size);
                            let w = m.width(&address, run.size);
                            items.push(link_area(&run, x, w, address, tag));
                            last_link = Some(items.len() - 1);
                            rest = Some(run);
                        }
                    }
                }
                if j == last && open {
                    if let Some(i) = last_link {
                        url = vec![(self.out.len(), i)];
                    }
                }
                items.extend(rest.map(Item::Text));
            }
            let break_before = if k == 0 {
                !self.keep_next
            } else {
                !keep_together && k >= 2 && n - k >= 2
            };
            self.out.push(Chunk {
                height: leading,
                space_before: if k == 0 { space_before } else { 0.0 },
                items,
                break_before,
                ..Chunk::default()
            });
        }
        self.keep_next = false;
    }

    /// Continues a web address broken at the end of the line before (its
    /// pieces are `url`, in `self.out`) with the start of `run`: a link
    /// area here, and the whole address as every piece's target.
    /// The length of the address's rest in `run`, and whether it may go on
    /// (it fills the run).
    fn continue_url(
        &mut self,
        run: &TextRun,
        url: &[(usize, usize)],
        out: &mut Vec<Item>,
    ) -> Option<(usize, bool)> {
        let len = run.text.find(char::is_whitespace).unwrap_or(run.text.len());
        let rest = run.text[..len].trim_end_matches(['.', ',', ';', ':', ')']);
        let &(c, i) = url.first()?;
        let first = match self.out.get(c).and_then(|ch| ch.items.get(i)) {
            Some(Item::Link(l)) => l.clone(),
            _ => return None,
        };
        if rest.is_empty() || rest.contains("http") {
            return None;
        }
        let LinkTarget::Uri(so_far) = &first.target else {
            return None;
        };
        let whole = format!("{so_far}{rest}");
        let contents = format!("Link to {whole}");
        for &(c, i) in url {
            if let Some(Item::Link(l)) = self.out.get_mut(c).and_then(|ch| ch.items.get_mut(i)) {
                l.target = LinkTarget::Uri(whole.clone());
            }
        }
        if let Tag::Content(e) = first.tag {
            if let Some(el) = self.elems.get_mut(e as usize) {
                el.role = Role::Link { contents };
            }
        }
        let m = run.font.metrics();
        out.push(link_area(
            run,
            run.x,
            m.width(rest, run.size),
            whole,
            first.tag,
        ));
        // It may go on if it filled the run.
        Some((rest.len(), len == run.text.len() && rest.len() == len))
    }

    /// Unjustified, unhyphenated lines across the text block: headings,
    /// captions, the title block.
    fn ragged(&mut self, sp: &[Styled], style: TextStyle, source: Option<Id>) -> Vec<Line> {
        let cfg = LineConfig::new(self.t.body_width());
        break_lines(sp, style, &cfg, source, self.warnings, self.words)
    }

    /// Body text broken to `width`, justified and hyphenated as the style says.
    fn body_lines(&mut self, sp: &[Styled], width: f32, source: Id) -> Vec<Line> {
        let align = if self.t.justify {
            Align::Justify
        } else {
            Align::Left
        };
        let cfg = LineConfig::new(width)
            .align(align)
            .hyphenate(self.t.hyphenate);
        break_lines(
            sp,
            self.body(),
            &cfg,
            Some(source),
            self.warnings,
            self.words,
        )
    }

    fn paragraph(&mut self, markup: &str, source: Id) {
        self.start(Role::P, None);
        let lines = self.body_lines(&spans(markup), self.t.body_width(), source);
        self.lines(
            lines,
            self.t.left,
            self.t.leading,
            self.t.ascent,
            self.t.para_gap,
            Vec::new(),
            false,
        );
        // "…included:" introduces what follows: keep them together.
        self.keep_next = text::plain(markup).trim_end().ends_with(':');
    }

    fn heading(&mut self, title: &str, source: Option<Id>) {
        let style = TextStyle {
            sans: self.t.sans,
            size: self.t.heading_size,
            color: self.t.heading,
        };
        let lines = self.ragged(&[bold(title)], style, source);
        self.start(Role::H2, None);
        let first = self.out.len();
        self.lines(
            lines,
            self.t.left,
            self.t.heading_leading,
            self.t.heading_size * 1.0,
            self.t.size * 1.15,
            Vec::new(),
            true,
        );
        if let Some(c) = self.out.get_mut(first) {
            c.outline = Some(text::plain(title));
        }
        for c in self.out.iter_mut().skip(first + 1) {
            c.break_before = false;
        }
        // A little air under the heading, kept with what follows.
        if let Some(c) = self.out.last_mut() {
            c.height += self.t.size * 0.25;
        }
        self.keep_next = true;
    }

    /// A list item: `marker` hangs in the margin of the text block.
    #[allow(clippy::too_many_arguments)]
    fn item(
        &mut self,
        list: u32,
        marker: &str,
        sp: Vec<Styled>,
        indent: f32,
        hang: f32,
        source: Id,
        space_before: f32,
    ) {
        self.item_marked(list, marker, None, sp, indent, hang, source, space_before);
    }

    /// A list item whose marker is set flush left at `indent`, or with
    /// `right_edge` flush right against that offset from the item's
    /// start, so "9." and "10." line up on their full stops.
    #[allow(clippy::too_many_arguments)]
    fn item_marked(
        &mut self,
        list: u32,
        marker: &str,
        right_edge: Option<f32>,
        sp: Vec<Styled>,
        indent: f32,
        hang: f32,
        source: Id,
        space_before: f32,
    ) -> u32 {
        let x = self.t.left + indent + hang;
        let lines = self.body_lines(&sp, self.t.body_width() - indent - hang, source);
        let mut prefix = Vec::new();
        // The body is set up after the label's elements, below.
        let mark = break_lines(
            &[Styled {
                text: marker.into(),
                bold: false,
                italic: false,
            }],
            self.body(),
            &LineConfig::new(hang),
            Some(source),
            self.warnings,
            self.words,
        );
        let li = self.elem(Role::LI, Some(list));
        let lbl = self.elem(Role::Lbl, Some(li));
        if let Some(l) = mark.into_iter().next() {
            let shift = right_edge.map_or(0.0, |edge| (edge - l.width).max(0.0));
            for mut r in l.runs {
                r.x += self.t.left + indent + shift;
                r.baseline = self.t.ascent;
                r.tag = Tag::Content(lbl);
                prefix.push(Item::Text(r));
            }
        }
        self.start(Role::LBody, Some(li));
        self.lines(
            lines,
            x,
            self.t.leading,
            self.t.ascent,
            space_before,
            prefix,
            false,
        );
        li
    }

    /// A bulleted or numbered list. Top-level items hang their marker
    /// just inside the text block; nested items start where their
    /// parent's text does, with their own marker and hanging indent.
    /// Numbers and letters are set flush right in a column as wide as the
    /// widest label, so "9." and "10." line up.
    fn list(&mut self, numbered: bool, items: &[Bullet]) {
        let size = self.t.size;
        let labels = list_labels(numbered, items);
        let depths: Vec<u8> = list_depths(items).collect();
        let metrics = crate::fonts::FontId::styled(self.t.sans, false, false).metrics();
        // The label column of each level: flush-right labels need the
        // widest one plus a gap; bullets keep their fixed hang.
        let column = |level: u8| {
            if !numbered {
                return size * 1.1;
            }
            let widest = labels
                .iter()
                .zip(&depths)
                .filter(|(_, d)| **d == level)
                .map(|(l, _)| metrics.width(l, size))
                .fold(0.0f32, f32::max);
            (widest + size * 0.45).max(size * 1.1)
        };
        let indent0 = size * 0.4;
        let hang0 = column(0);
        let (indent1, hang1) = (indent0 + hang0, column(1));
        let top = self.elem(Role::L { numbered }, None);
        // The last top-level item, and the nested list under it.
        let mut last_li = None;
        let mut nested: Option<u32> = None;
        for (i, ((b, label), depth)) in items.iter().zip(&labels).zip(&depths).enumerate() {
            let mut sp = Vec::new();
            if !b.lead.trim().is_empty() {
                sp.extend(
                    spans(b.lead.trim())
                        .into_iter()
                        .map(|s| Styled { bold: true, ..s }),
                );
                sp.push(Styled {
                    text: " ".into(),
                    bold: false,
                    italic: false,
                });
            }
            sp.extend(spans(&b.text));
            let gap = if i == 0 {
                self.t.para_gap * 0.6
            } else {
                size * 0.18
            };
            let (indent, hang) = if *depth == 0 {
                (indent0, hang0)
            } else {
                (indent1, hang1)
            };
            let right = numbered.then_some(hang - size * 0.45);
            let list = match (depth, last_li) {
                (0, _) | (_, None) => {
                    nested = None;
                    top
                }
                (_, Some(li)) => match nested {
                    Some(l) => l,
                    None => {
                        let l = self.elem(Role::L { numbered }, Some(li));
                        nested = Some(l);
                        l
                    }
                },
            };
            let li = self.item_marked(list, label, right, sp, indent, hang, b.id, gap);
            if list == top {
                last_li = Some(li);
            }
        }
    }

    fn caption(&mut self, caption: &str, source: Id, table: u32) {
        self.tables += 1;
        if caption.trim().is_empty() {
            return;
        }
        self.start(Role::Caption, Some(table));
        let style = TextStyle {
            sans: self.t.sans,
            size: self.t.table_size,
            color: self.t.heading,
        };
        let mut sp = vec![bold(&format!("Table {}. ", self.tables))];
        sp.extend(spans(caption));
        let lines = self.ragged(&sp, style, Some(source));
        self.lines(
            lines,
            self.t.left,
            self.t.table_leading,
            self.t.table_ascent,
            self.t.para_gap * 1.5,
            Vec::new(),
            true,
        );
        self.keep_next = true;
    }

    fn table(
        &mut self,
        header: Vec<Cell>,
        rows: Vec<(Option<Id>, Vec<Cell>)>,
        source: Id,
        table: u32,
    ) {
        let spec = TableSpec {
            table,
            header,
            rows,
            source: Some(source),
            theme: self.t,
            x: self.t.left,
            width: self.t.body_width(),
        };
        let first = self.out.len();
        table_chunks(
            &spec,
            self.t.body_height(),
            &mut self.out,
            &mut self.elems,
            self.warnings,
            self.words,
        );
        if self.keep_next {
            if let Some(c) = self.out.get_mut(first) {
                c.break_before = false;
                c.space_before = self.t.size * 0.3;
            }
        }
        self.keep_next = false;
        // Space after the table comes from the next chunk's space_before.
    }

    fn cell(&self, markup: &str) -> Cell {
        Cell {
            spans: spans(markup),
            color: self.t.text,
        }
    }

    fn header_cell(&self, markup: &str) -> Cell {
        Cell {
            spans: spans(markup)
                .into_iter()
                .map(|s| Styled { bold: true, ..s })
                .collect(),
            color: self.t.heading,
        }
    }

    fn section_blocks(&mut self, s: &Section) {
        for block in &s.blocks {
            match &block.content {
                BlockContent::Paragraph { text } => {
                    if !text.trim().is_empty() {
                        self.paragraph(text, block.id);
                    }
                }
                BlockContent::Bullets { numbered, items } => self.list(*numbered, items),
                BlockContent::Table(t) => {
                    let table = self.elem(Role::Table, None);
                    self.caption(&t.caption, block.id, table);
                    let header = t
                        .columns
                        .iter()
                        .map(|c| self.header_cell(&c.name))
                        .collect();
                    let rows = t
                        .rows
                        .iter()
                        .map(|r| {
                            (
                                Some(r.id),
                                (0..t.columns.len())
                                    .map(|c| {
                                        self.cell(r.cells.get(c).map(String::as_str).unwrap_or(""))
                                    })
                                    .collect(),
                            )
                        })
                        .collect();
                    self.table(header, rows, block.id, table);
                }
                BlockContent::Commitments(t) => {
                    let table = self.elem(Role::Table, None);
                    self.caption(&t.caption, block.id, table);
                    let owner = t.rows.iter().any(|r| !r.owner.trim().is_empty());
                    let due = t.rows.iter().any(|r| !r.due.trim().is_empty());
                    // A status word the model has no value for (kept by
                    // import as `status_word`) prints as written.
                    let word = |r: &crate::model::Commitment| {
                        r.extra
                            .get("status_word")
                            .and_then(|v| v.as_str())
                            .unwrap_or("")
                            .to_string()
                    };
                    let status = t
                        .rows
                        .iter()
                        .any(|r| r.status.is_some() || !word(r).is_empty());
                    let mut header = vec![
                        self.header_cell(&t.party_label),
                        self.header_cell(&t.commitment_label),
                    ];
                    if owner {
                        header.push(self.header_cell(&t.owner_label));
                    }
                    if due {
                        header.push(self.header_cell(&t.due_label));
                    }
                    if status {
                        header.push(self.header_cell(&t.status_label));
                    }
                    let rows = t
                        .rows
                        .iter()
                        .map(|r| {
                            let mut cells = vec![self.cell(&r.party), self.cell(&r.commitment)];
                            if owner {
                                cells.push(self.cell(&r.owner));
                            }
                            let late = self.today.is_some_and(|d| is_overdue(&r.due, r.status, d));
                            if due {
                                let mut c = self.cell(&r.due);
                                if late {
                                    c.color = self.t.overdue;
                                    c.spans.push(Styled {
                                        text: " (overdue)".into(),
                                        bold: true,
                                        italic: false,
                                    });
                                }
                                cells.push(c);
                            }
                            if status {
                                let text = match r.status {
                                    Some(s) => s.label().to_string(),
                                    None => word(r),
                                };
                                cells.push(self.cell(&text));
                            }
                            (Some(r.id), cells)
                        })
                        .collect();
                    self.table(header, rows, block.id, table);
                }
            }
        }
    }

    fn meta_row(&mut self, label: &str, value: &str) {
        if value.trim().is_empty() {
            return;
        }
        let t = self.t;
        let label_w = t.body_width() * 0.2;
        let style = TextStyle {
            sans: true,
            size: t.size * 0.82,
            color: t.muted,
        };
        let l = break_lines(
            &[bold(label)],
            style,
            &LineConfig::new(label_w - 4.0),
            None,
            self.warnings,
            self.words,
        );
        let v = break_lines(
            &spans(value),
            TextStyle {
                size: t.size * 0.95,
                ..self.body()
            },
            &LineConfig::new(t.body_width() - label_w),
            None,
            self.warnings,
            self.words,
        );
        let lead = t.size * 1.3;
        let n = v.len().max(l.len()).max(1);
        // The grid is a table with a row header (the label) a row.
        let table = match self.meta_table {
            Some(id) => id,
            None => {
                let id = self.elem(Role::Table, None);
                self.meta_table = Some(id);
                id
            }
        };
        let tr = self.elem(Role::TR, Some(table));
        let th = self.elem(Role::TH { row: true }, Some(tr));
        let td = self.elem(Role::TD, Some(tr));
        let mut items = Vec::new();
        for (k, line) in l.into_iter().enumerate() {
            for mut r in line.runs {
                r.x += t.left;
                r.baseline = t.size + k as f32 * lead;
                r.tag = Tag::Content(th);
                items.push(Item::Text(r));
            }
        }
        for (k, line) in v.into_iter().enumerate() {
            for mut r in line.runs {
                r.x += t.left + label_w;
                r.baseline = t.size + k as f32 * lead;
                r.tag = Tag::Content(td);
                items.push(Item::Text(r));
            }
        }
        self.out.push(Chunk {
            height: n as f32 * lead,
            items,
            break_before: false,
            ..Chunk::default()
        });
    }

    fn rule(&mut self, space_before: f32, height: f32, width: f32) {
        let t = self.t;
        self.out.push(Chunk {
            height,
            space_before,
            items: vec![Item::Rule(Rule {
                x1: t.left,
                y1: height / 2.0,
                x2: t.left + t.body_width(),
                y2: height / 2.0,
                width,
                color: t.heading,
                tag: Tag::Layout,
            })],
            break_before: false,
            ..Chunk::default()
        });
    }

    fn title_block(&mut self, brief: &Brief) {
        let t = self.t;
        let m = &brief.meta;
        if !m.organisation.trim().is_empty() {
            let style = TextStyle {
                sans: true,
                size: t.size * 0.85,
                color: t.muted,
            };
            let lines = self.ragged(&[bold(&m.organisation.trim().to_uppercase())], style, None);
            self.start(Role::P, None);
            self.lines(
                lines,
                t.left,
                t.size * 1.4,
                t.size * 0.85,
                0.0,
                Vec::new(),
                true,
            );
            self.keep_next = true;
        }
        let title_size = t.size * 2.0;
        let style = TextStyle {
            sans: t.sans,
            size: title_size,
            color: t.heading,
        };
        let title = if m.title.trim().is_empty() {
            "Untitled brief"
        } else {
            m.title.trim()
        };
        let lines = self.ragged(&[bold(title)], style, None);
        self.start(Role::H1, None);
        self.keep_next = !self.out.is_empty();
        self.lines(
            lines,
            t.left,
            title_size * 1.18,
            title_size * 0.95,
            0.0,
            Vec::new(),
            true,
        );
        if !m.subtitle.trim().is_empty() {
            let style = TextStyle {
                sans: t.sans,
                size: t.size * 1.15,
                color: t.muted,
            };
            let sp = vec![Styled {
                text: m.subtitle.trim().to_string(),
                bold: false,
                italic: true,
            }];
            let lines = self.ragged(&sp, style, None);
            self.start(Role::P, None);
            self.keep_next = true;
            self.lines(
                lines,
                t.left,
                t.size * 1.5,
                t.size * 1.15,
                t.size * 0.1,
                Vec::new(),
                true,
            );
        }
        self.rule(t.size * 0.5, t.size * 0.9, 1.2);
        let dates = date_range(&m.start_date, &m.end_date);
        let place = [m.location.trim(), dates.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ");
        self.meta_row("Meeting", &m.meeting);
        self.meta_row("Place and date", &place);
        let status = match m.status {
            Status::Draft => "Draft",
            Status::Final => "Final",
        };
        let mut version = [m.version.trim(), status]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ");
        if let Some(d) = parse_date(&m.date) {
            version.push_str(&format!(" · {}", d.format("%-d %B %Y")));
        } else if !m.date.trim().is_empty() {
            version.push_str(&format!(" · {}", m.date.trim()));
        }
        self.meta_row("Version", &version);
        self.meta_row("Drafted by", &m.drafter);
        self.meta_row("Approved by", &m.approver);
        self.meta_row("Distribution", &m.distribution);
        self.rule(t.size * 0.2, t.size * 0.9, 0.5);
        self.keep_next = false;
    }
}

/// The clickable area of a web address: from `x`, `w` wide, as high as
/// the run's font.
fn link_area(run: &TextRun, x: f32, w: f32, address: String, tag: Tag) -> Item {
    Item::Link(Link {
        x,
        y: run.top(),
        w,
        h: run.bottom() - run.top(),
        target: LinkTarget::Uri(address),
        tag,
    })
}

/// The web addresses in a run's text (byte ranges, without trailing
/// punctuation), and whether the last one runs to the end of the run (and
/// may go on on the next line).
fn addresses(text: &str) -> (Vec<std::ops::Range<usize>>, bool) {
    let mut found = Vec::new();
    let mut open = false;
    let mut from = 0;
    while let Some(pos) = text[from..].find("http").map(|p| p + from) {
        let rest = &text[pos..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            from = pos + 4;
            continue;
        }
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let url = rest[..len].trim_end_matches(['.', ',', ';', ':', ')']);
        open = len == rest.len() && url.len() == len;
        found.push(pos..pos + url.len());
        from = pos + len.max(1);
    }
    (found, open)
}

/// `run` as the text before `range`, the range, and the text after it;
/// `None` where a glyph straddles an edge.
fn cut_out(
    run: &TextRun,
    range: std::ops::Range<usize>,
) -> Option<(Option<TextRun>, TextRun, Option<TextRun>)> {
    let (before, middle) = if range.start == 0 {
        (None, run.clone())
    } else {
        let (a, b) = run.split_at(range.start)?;
        (Some(a), b)
    };
    let len = range.end - range.start;
    if len >= middle.text.len() {
        return Some((before, middle, None));
    }
    let (text, after) = middle.split_at(len)?;
    Some((before, text, Some(after)))
}

/// Laid-out chunks of one part of the brief (a section, the
/// recommendations), kept so that a keystroke re-lays only the part it
/// touched. Keyed by a hash of everything the part's layout depends on.
struct Part {
    chunks: Vec<Chunk>,
    warnings: Vec<Warning>,
    keep_next: bool,
    tables: usize,
    /// Its structure elements, ids counted from 0.
    elems: Vec<Element>,
}

type PartCache = FxHashMap<u64, Arc<Part>>;

/// What layout keeps between layouts of the same brief: laid-out parts and
/// shaped (and hyphenated) words. Held by the caller (the editor's layout thread keeps one
/// for the open brief; an export uses a fresh one), never process-wide.
#[derive(Default)]
pub struct LayoutCache {
    parts: PartCache,
    words: TextCache,
    /// Words for the second thread parts are laid out on.
    helper: TextCache,
}

impl LayoutCache {
    /// Forgets the laid-out parts but keeps words (benchmarks
    /// measure a full layout with it).
    pub fn clear_parts(&mut self) {
        self.parts.clear();
    }

    pub(super) fn words(&mut self) -> &mut TextCache {
        &mut self.words
    }
}

/// Feeds everything in a section that printing depends on to `h`. Every
/// struct is taken apart without `..`: a new field does not compile until
/// it is hashed here or named as not printed, so it cannot serve stale pages.
fn hash_section(s: &Section, h: &mut impl Hasher) {
    let Section {
        id,
        heading,
        blocks,
        extra: _,
    } = s;
    (id, heading, blocks.len()).hash(h);
    for b in blocks {
        let Block {
            id,
            content,
            extra: _,
        } = b;
        id.hash(h);
        match content {
            BlockContent::Paragraph { text } => (0u8, text).hash(h),
            BlockContent::Bullets { numbered, items } => {
                (1u8, numbered).hash(h);
                for (i, depth) in items.iter().zip(list_depths(items)) {
                    // `level` prints as the depth it resolves to.
                    let Bullet {
                        id,
                        level: _,
                        lead,
                        text,
                        extra: _,
                    } = i;
                    (id, depth, lead, text).hash(h);
                }
            }
            BlockContent::Table(t) => {
                let Table {
                    caption,
                    columns,
                    rows,
                } = t;
                (2u8, caption, columns.len()).hash(h);
                for Column {
                    id: _,
                    name,
                    extra: _,
                } in columns
                {
                    name.hash(h);
                }
                for Row {
                    id,
                    cells,
                    extra: _,
                } in rows
                {
                    (id, cells).hash(h);
                }
            }
            BlockContent::Commitments(t) => {
                let CommitmentTable {
                    caption,
                    party_label,
                    commitment_label,
                    owner_label,
                    due_label,
                    status_label,
                    rows,
                } = t;
                (
                    3u8,
                    caption,
                    party_label,
                    commitment_label,
                    (owner_label, due_label, status_label),
                    rows.len(),
                )
                    .hash(h);
                for r in rows {
                    let Commitment {
                        id,
                        uid: _,
                        party,
                        commitment,
                        owner,
                        due,
                        status,
                        extra,
                    } = r;
                    (
                        id,
                        party,
                        commitment,
                        owner,
                        due,
                        status.map(|s| s as u8),
                        extra.get("status_word").map(|v| v.to_string()),
                    )
                        .hash(h);
                }
            }
        }
    }
}

impl Composer<'_> {
    /// Adds one part, from the cache when nothing it depends on changed.
    fn part(
        &mut self,
        content: u64,
        used: &mut Vec<(u64, Arc<Part>)>,
        build: impl FnOnce(&mut Composer),
    ) {
        let cx = parts::Context {
            t: self.t,
            theme_key: self.theme_key,
            today: self.today,
        };
        let key = cx.key(content, self.keep_next, self.tables);
        let part = match self.parts.get(&key) {
            Some(part) => Arc::clone(part),
            None => Arc::new(cx.build(self.keep_next, self.tables, self.parts, self.words, build)),
        };
        // Table header links and element ids are relative to the part:
        // rebase them.
        let base = self.out.len();
        let eb = self.elems.len() as u32;
        self.elems.extend(part.elems.iter().map(|e| Element {
            role: e.role.clone(),
            parent: e.parent.map(|p| p + eb),
        }));
        self.out.extend(part.chunks.iter().map(|c| {
            let mut c = Chunk {
                header: c.header.map(|i| i + base),
                ..c.clone()
            };
            for it in &mut c.items {
                if let Tag::Content(n) = it.tag() {
                    it.set_tag(Tag::Content(n + eb));
                }
            }
            c
        }));
        for w in &part.warnings {
            if !self.warnings.contains(w) {
                self.warnings.push(w.clone());
            }
        }
        self.keep_next = part.keep_next;
        self.tables = part.tables;
        used.push((key, part));
    }

    fn numbered(&mut self, number: usize, fallback: &str, s: &Section) {
        let heading = if s.heading.trim().is_empty() {
            fallback
        } else {
            s.heading.trim()
        };
        self.heading(&format!("{number}. {heading}"), Some(s.id));
        self.section_blocks(s);
    }

    fn recommendations(&mut self, number: usize, recs: &[Recommendation]) {
        let t = self.t;
        self.heading(&format!("{number}. Recommendations"), None);
        let list = self.elem(Role::L { numbered: true }, None);
        for (i, r) in recs.iter().enumerate() {
            let title = text::plain(&r.title);
            let mut sp: Vec<Styled> = spans(r.title.trim())
                .into_iter()
                .map(|s| Styled { bold: true, ..s })
                .collect();
            let ends = title.trim_end().ends_with(['.', '!', '?', ':']);
            if !r.description.trim().is_empty() {
                sp.push(Styled {
                    text: if ends { " ".into() } else { ". ".into() },
                    bold: true,
                    italic: false,
                });
                sp.extend(spans(&r.description));
            }
            let extra: Vec<String> = [("Owner", &r.owner), ("Due", &r.due)]
                .iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(k, v)| format!("{k}: {}", v.trim()))
                .collect();
            if !extra.is_empty() {
                sp.push(Styled {
                    text: format!(" ({})", extra.join("; ")),
                    bold: false,
                    italic: true,
                });
            }
            let gap = if i == 0 { t.para_gap } else { t.para_gap * 0.6 };
            self.item(
                list,
                &format!("{}.", i + 1),
                sp,
                0.0,
                t.size * 1.6,
                r.id,
                gap,
            );
        }
    }
}

/// The chunks, and the structure elements their items are tagged with.
pub fn compose(
    brief: &Brief,
    t: &Theme,
    opts: &LayoutOptions,
    warnings: &mut Vec<Warning>,
    cache: &mut LayoutCache,
) -> (Vec<Chunk>, Vec<Element>) {
    let mut theme_hash = DefaultHasher::new();
    t.hash(&mut theme_hash);
    let theme_key = theme_hash.finish();
    let LayoutCache {
        parts,
        words,
        helper,
    } = cache;
    let jobs = parts::jobs(brief);
    let cx = parts::Context {
        t,
        theme_key,
        today: opts.today,
    };
    let contents = parts::prebuild(cx, &jobs, parts, words, helper);
    let mut c = Composer {
        t,
        out: Vec::new(),
        warnings,
        parts,
        words,
        keep_next: false,
        today: opts.today,
        tables: 0,
        theme_key,
        elems: Vec::new(),
        cur: Tag::Layout,
        meta_table: None,
    };
    let mut used = Vec::new();
    c.title_block(brief);
    for (job, content) in jobs.into_iter().zip(contents) {
        let start = c.out.len();
        c.part(content, &mut used, |c| job.build(c));
        // An introduction without a heading still gets a bookmark, at its start.
        if let (parts::Job::Intro(_), Some(first)) = (job, c.out.get_mut(start)) {
            if first.outline.is_none() {
                first.outline = Some("Introduction".into());
            }
        }
    }
    let (out, elems) = (c.out, c.elems);
    // Keep what this brief uses; what it no longer uses goes.
    if parts.len() > 4 * used.len() + 64 {
        parts.clear();
    }
    parts.extend(used);
    (out, elems)
}

#[cfg(test)]
mod tests {
    use super::date_range;

    #[test]
    fn dates_read_naturally() {
        assert_eq!(date_range("2025-06-25", "2025-06-26"), "25–26 June 2025");
        assert_eq!(
            date_range("2025-06-30", "2025-07-02"),
            "30 June – 2 July 2025"
        );
        assert_eq!(date_range("2025-06-30", ""), "30 June 2025");
        assert_eq!(date_range("late June", ""), "late June");
    }
}
