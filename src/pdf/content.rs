//! A page's content stream, written straight to bytes from the laid-out
//! page: text shown by glyph code with TJ offsets for kerning and
//! justification, rules and boxes, the watermark's form XObject, and
//! (tagged) every mark inside marked content owned by a structure element
//! or inside an artifact. printpdf's own encoder built an operator list
//! per page and formatted every glyph code separately, which cost as much
//! as all other PDF writing together.

use super::encoding::{font_tag, Codes};
use super::PageMarks;
use crate::fonts::FontId;
use crate::layout::{Color, Element, Item, Page, Tag, TextRun};

/// What the content of a page refers to besides itself.
pub(crate) struct Refs<'a> {
    pub codes: &'a Codes,
    /// The form XObject drawing each rotated run (the watermark), by run.
    pub forms: &'a dyn Fn(&TextRun) -> Option<usize>,
    pub structure: &'a [Element],
    pub tagged: bool,
}

/// A number rounded to `places` decimals, written without exponent or
/// trailing zeros: hundredths of a point are finer than any printer, and
/// short numbers make small streams.
fn num(out: &mut Vec<u8>, v: f32, places: u32) {
    let scale = 10i64.pow(places);
    let n = if v.is_finite() {
        // In f32, as positions are tracked (`rounded`).
        (v * scale as f32).round() as i64
    } else {
        0
    };
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let scale = scale as u64;
    out.extend_from_slice(itoa::Buffer::new().format(n / scale).as_bytes());
    let mut frac = n % scale;
    if frac == 0 {
        return;
    }
    out.push(b'.');
    let mut digits = places;
    while frac.is_multiple_of(10) {
        frac /= 10;
        digits -= 1;
    }
    let s = itoa::Buffer::new().format(frac).to_string();
    out.extend(std::iter::repeat_n(b'0', digits as usize - s.len()));
    out.extend_from_slice(s.as_bytes());
}

/// Rounds as `num` writes, so positions tracked here match the reader's.
fn rounded(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

fn op(out: &mut Vec<u8>, nums: &[f32], places: u32, operator: &[u8]) {
    for v in nums {
        num(out, *v, places);
        out.push(b' ');
    }
    out.extend_from_slice(operator);
    out.push(b'\n');
}

/// Glyph codes as a literal string, one or two bytes a code, escaped
/// where PDF syntax needs it: smaller than hexadecimal.
fn codes(out: &mut Vec<u8>, codes: &[u16], single: bool) {
    out.push(b'(');
    for c in codes {
        let bytes = c.to_be_bytes();
        for b in &bytes[usize::from(single)..] {
            match *b {
                b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', *b]),
                // A raw CR would be read as a line end (LF).
                b'\r' => out.extend_from_slice(b"\\r"),
                b => out.push(b),
            }
        }
    }
    out.push(b')');
}

/// Graphics and text state already set, so unchanged colours, widths and
/// fonts are not repeated.
#[derive(Default)]
struct State {
    out: Vec<u8>,
    fill: Option<Color>,
    stroke: Option<Color>,
    thickness: Option<f32>,
    font: Option<(FontId, f32)>,
    in_text: bool,
    /// Start of the current text line, for short relative moves.
    line: Option<(f32, f32)>,
    /// The open marked-content sequence.
    open: Option<Tag>,
    /// It began inside the current text object (and ends before ET).
    open_in_text: bool,
    /// Word spacing (text state outlives text objects).
    tw: f32,
}

fn color(out: &mut Vec<u8>, c: Color, operator: &[u8]) {
    let ch = |v: u8| v as f32 / 255.0;
    op(out, &[ch(c.r), ch(c.g), ch(c.b)], 3, operator);
}

impl State {
    fn fill(&mut self, c: Color) {
        if self.fill != Some(c) {
            color(&mut self.out, c, b"rg");
            self.fill = Some(c);
        }
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            if self.open_in_text && self.open.take().is_some() {
                self.out.extend_from_slice(b"EMC\n");
            }
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
            self.font = None;
            self.line = None;
        }
    }

    /// Opens the marked-content sequence `tag` needs, closing the one
    /// before. A sequence may not straddle BT or ET: text's sequences open
    /// inside the text object (so one BT serves many), others outside.
    fn mark(&mut self, tag: Tag, text: bool, structure: &[Element], marks: &mut PageMarks) {
        if !text {
            self.end_text();
        }
        if self.open == Some(tag) {
            return;
        }
        if text && self.in_text && (self.open.is_none() || self.open_in_text) {
            if self.open.is_some() {
                self.out.extend_from_slice(b"EMC\n");
            }
        } else {
            self.end_text();
            if self.open.is_some() {
                self.out.extend_from_slice(b"EMC\n");
            }
            if text {
                self.begin_text();
            }
        }
        self.open = Some(tag);
        self.open_in_text = text;
        let out = &mut self.out;
        match tag {
            Tag::Content(n) => {
                let role = structure.get(n as usize).map_or("Span", |e| e.role.name());
                out.push(b'/');
                out.extend_from_slice(role.as_bytes());
                out.extend_from_slice(b"<</MCID ");
                out.extend_from_slice(itoa::Buffer::new().format(marks.mcids.len()).as_bytes());
                out.extend_from_slice(b">>BDC\n");
                marks.mcids.push(n);
            }
            Tag::Layout => out.extend_from_slice(b"/Artifact<</Type/Layout>>BDC\n"),
            Tag::Header => out.extend_from_slice(
                b"/Artifact<</Type/Pagination/Subtype/Header/Attached[/Top]>>BDC\n",
            ),
            Tag::Footer => out.extend_from_slice(
                b"/Artifact<</Type/Pagination/Subtype/Footer/Attached[/Bottom]>>BDC\n",
            ),
            Tag::Watermark => {
                out.extend_from_slice(b"/Artifact<</Type/Pagination/Subtype/Watermark>>BDC\n")
            }
            Tag::Repeated => out.extend_from_slice(b"/Artifact<</Type/Pagination>>BDC\n"),
        }
    }

    fn close(&mut self) {
        self.end_text();
        if self.open.take().is_some() {
            self.out.extend_from_slice(b"EMC\n");
        }
    }

    fn text(&mut self, t: &TextRun, h: f32, refs: &Refs) {
        self.fill(t.color);
        self.begin_text();
        if self.font != Some((t.font, t.size)) {
            self.out.push(b'/');
            self.out.extend_from_slice(&font_tag(t.font));
            self.out.push(b' ');
            op(&mut self.out, &[t.size], 2, b"Tf");
            self.font = Some((t.font, t.size));
        }
        let (x, y) = (rounded(t.x), rounded(h - t.baseline));
        // Track the rounded position the reader will be at, so rounding
        // errors never accumulate.
        self.line = Some(match self.line {
            Some((lx, ly)) => {
                let (dx, dy) = (rounded(x - lx), rounded(y - ly));
                op(&mut self.out, &[dx, dy], 2, b"Td");
                (lx + dx, ly + dy)
            }
            None => {
                op(&mut self.out, &[1.0, 0.0, 0.0, 1.0, x, y], 2, b"Tm");
                (x, y)
            }
        });
        show_glyphs(&mut self.out, &mut self.tw, t, refs.codes);
    }
}

/// Shows a run's glyphs by code: TJ offsets where the shaped advance
/// differs from the glyph's own width (kerning, justification, letter
/// spacing) or a glyph sits aside (marks), and a text rise for marks set
/// above or below. In a one-byte font the spaces of a justified line
/// stretch by word spacing (`Tw`, which applies to code 32) instead of an
/// offset each; `tw` is the word spacing in effect.
fn show_glyphs(out: &mut Vec<u8>, tw: &mut f32, run: &TextRun, table: &Codes) {
    let m = run.font.metrics();
    let k = 1000.0 / m.units_per_em;
    let thousandths = |v: f32| (v * k).round();
    let after = |g: &crate::fonts::Glyph| thousandths(m.nominal_advance(g.id) - g.advance + g.dx);
    let single = table.single(run.font);
    let is_space = |g: &crate::fonts::Glyph| single && table.get(run.font, g.id) == 32;
    // Every space moves by the first one's offset, as word spacing.
    let spacing = run.glyphs.iter().find(|g| is_space(g)).map(after);
    if let Some(a) = spacing {
        let want = -a * rounded(run.size) / 1000.0;
        if *tw != want {
            op(out, &[want], 5, b"Tw");
            *tw = want;
        }
    }
    // Items of the TJ array being built: glyph codes and offsets.
    let mut pending: Vec<u16> = Vec::new();
    let mut array = Vec::new();
    let mut offsets = false;
    let mut rise = 0.0f32;
    let flush = |array: &mut Vec<u8>, pending: &mut Vec<u16>| {
        if !pending.is_empty() {
            codes(array, pending, single);
            pending.clear();
        }
    };
    let offset = |array: &mut Vec<u8>, offsets: &mut bool, v: f32| {
        if array.last().is_some_and(|b| *b != b')') {
            array.push(b' ');
        }
        num(array, v, 0);
        *offsets = true;
    };
    let show = |out: &mut Vec<u8>, array: &mut Vec<u8>, offsets: &mut bool| {
        if *offsets {
            out.push(b'[');
            out.append(array);
            out.extend_from_slice(b"]TJ\n");
        } else if !array.is_empty() {
            out.append(array);
            out.extend_from_slice(b"Tj\n");
        }
        *offsets = false;
    };
    for g in run.glyphs.iter() {
        if g.dy != rise {
            flush(&mut array, &mut pending);
            show(out, &mut array, &mut offsets);
            rise = g.dy;
            op(out, &[rise / m.units_per_em * run.size], 3, b"Ts");
        }
        if g.dx != 0.0 {
            flush(&mut array, &mut pending);
            offset(&mut array, &mut offsets, -thousandths(g.dx));
        }
        pending.push(table.get(run.font, g.id));
        let mut after = after(g);
        if is_space(g) {
            after -= spacing.unwrap_or(0.0);
        }
        if after != 0.0 {
            flush(&mut array, &mut pending);
            offset(&mut array, &mut offsets, after);
        }
    }
    flush(&mut array, &mut pending);
    show(out, &mut array, &mut offsets);
    if rise != 0.0 {
        out.extend_from_slice(b"0 Ts\n");
    }
}

/// The content stream of `page`; what its marked content and link
/// annotations belong to lands in `marks`.
pub(crate) fn page_content(page: &Page, refs: &Refs, marks: &mut PageMarks) -> Vec<u8> {
    let h = page.height;
    let mut st = State {
        out: Vec::with_capacity(page.items.len() * 48),
        ..State::default()
    };
    for item in &page.items {
        let upright_text = matches!(item, Item::Text(t) if t.angle == 0.0);
        if refs.tagged && !matches!(item, Item::Link(_)) {
            st.mark(item.tag(), upright_text, refs.structure, marks);
        }
        if !upright_text {
            st.end_text();
        }
        match item {
            Item::Fill(f) => {
                st.fill(f.color);
                op(&mut st.out, &[f.x, h - f.y - f.h, f.w, f.h], 2, b"re f");
            }
            Item::Rule(r) => {
                if st.stroke != Some(r.color) {
                    color(&mut st.out, r.color, b"RG");
                    st.stroke = Some(r.color);
                }
                if st.thickness != Some(r.width) {
                    op(&mut st.out, &[r.width], 2, b"w");
                    st.thickness = Some(r.width);
                }
                op(&mut st.out, &[r.x1, h - r.y1], 2, b"m");
                op(&mut st.out, &[r.x2, h - r.y2], 2, b"l S");
            }
            Item::Text(t) if t.angle != 0.0 => {
                if let Some(form) = (refs.forms)(t) {
                    st.out
                        .extend_from_slice(format!("/Wm{form} Do\n").as_bytes());
                }
            }
            Item::Text(t) => st.text(t, h, refs),
            Item::Link(l) => marks.links.push(match l.tag {
                Tag::Content(n) => Some(n),
                _ => None,
            }),
        }
    }
    st.close();
    st.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(v: f32, places: u32) -> String {
        let mut out = Vec::new();
        num(&mut out, v, places);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn numbers_are_short_and_exact_to_their_places() {
        assert_eq!(written(62.36, 2), "62.36");
        assert_eq!(written(-94.11, 2), "-94.11");
        assert_eq!(written(10.5, 2), "10.5");
        assert_eq!(written(0.004, 2), "0");
        assert_eq!(written(-0.004, 2), "0");
        assert_eq!(written(0.05, 2), "0.05");
        assert_eq!(written(713.0, 2), "713");
        assert_eq!(written(0.102, 3), "0.102");
        assert_eq!(written(-109.0, 0), "-109");
        assert_eq!(written(f32::NAN, 2), "0");
    }

    #[test]
    fn glyph_codes_escape_what_pdf_syntax_reads_specially() {
        let mut out = Vec::new();
        codes(&mut out, &[0x0028, 0x0d29, 0x5c41], false);
        assert_eq!(out, b"(\0\\(\\r\\)\\\\A)");
        out.clear();
        codes(&mut out, &[0x28, 0x0d, 0x41], true);
        assert_eq!(out, b"(\\(\\rA)");
    }
}
