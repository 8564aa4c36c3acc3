//! Reads exported PDFs back for the tests, in Rust over lopdf, so that
//! `cargo test` needs no system tool. It stands in for the three that the
//! tests used to call:
//!
//! - [`Pdf::check`] for `qpdf --check`: the file loads, every object the
//!   cross-reference table lists is there, every reference resolves, every
//!   stream decodes, the page tree is sound and has the expected pages, and
//!   each page's content parses and names only resources it has.
//! - [`Pdf::text`] and [`Pdf::page_text`] for `pdftotext -raw`: text in the
//!   order the page draws it, decoded through each font's `/ToUnicode` CMap;
//!   a right-to-left word, whose glyphs are drawn left to right, is read
//!   back in reading order, as pdftotext does.
//! - [`Pdf::info`] for `pdfinfo`: the document information dictionary.
//!
//! Included by path (`#[path = "common/pdf.rs"] mod pdf;`) rather than
//! through `common/mod.rs`, so tests that read PDFs do not build the UI
//! harness. Everything here panics with a message saying what is wrong:
//! these are test assertions, not a general PDF reader.
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

/// A loaded PDF.
pub struct Pdf {
    doc: Document,
}

/// The document information dictionary, strings decoded.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Info {
    pub title: Option<String>,
    pub author: Option<String>,
    pub subject: Option<String>,
    pub keywords: Option<String>,
    pub creator: Option<String>,
    pub producer: Option<String>,
    /// As written, e.g. `D:20250615150640+00'00'`.
    pub creation_date: Option<String>,
}

impl Pdf {
    /// Loads PDF bytes; panics if lopdf cannot read them.
    pub fn from_bytes(bytes: &[u8]) -> Pdf {
        assert!(
            bytes.starts_with(b"%PDF-"),
            "not a PDF: the file does not start with %PDF-"
        );
        let end = bytes.trim_ascii_end();
        assert!(
            end.ends_with(b"%%EOF"),
            "the PDF does not end with %%EOF (truncated?)"
        );
        let doc =
            Document::load_mem(bytes).unwrap_or_else(|e| panic!("lopdf cannot read the PDF: {e}"));
        assert!(!doc.is_encrypted(), "the PDF is encrypted");
        Pdf { doc }
    }

    pub fn read(path: &Path) -> Pdf {
        let bytes =
            std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        Pdf::from_bytes(&bytes)
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The page objects in reading order, as the page tree gives them.
    fn pages(&self) -> Vec<ObjectId> {
        self.doc.page_iter().collect()
    }

    pub fn page_count(&self) -> usize {
        self.pages().len()
    }

    // ------------------------------------------------------------------
    // Structure (instead of `qpdf --check`)
    // ------------------------------------------------------------------

    /// Panics, listing every problem found, unless the file is sound and has
    /// `pages` pages.
    pub fn check(&self, pages: usize) {
        let mut problems = Vec::new();
        self.check_objects(&mut problems);
        let leaves = self.check_page_tree(&mut problems);
        if leaves.len() != pages {
            problems.push(format!(
                "the page tree has {} pages, expected {pages}",
                leaves.len()
            ));
        }
        if leaves != self.pages() {
            problems.push("lopdf's page order differs from the page tree's".into());
        }
        for (n, id) in leaves.iter().enumerate() {
            self.check_page(n + 1, *id, &mut problems);
        }
        if !problems.is_empty() {
            let more = problems.len().saturating_sub(30);
            problems.truncate(30);
            panic!(
                "the PDF is broken:\n  {}{}",
                problems.join("\n  "),
                if more > 0 {
                    format!("\n  ... and {more} more")
                } else {
                    String::new()
                }
            );
        }
    }

    /// Cross-reference entries, references and streams.
    fn check_objects(&self, problems: &mut Vec<String>) {
        let doc = &self.doc;
        // lopdf skips objects it cannot parse; they show up here as missing.
        for (num, entry) in &doc.reference_table.entries {
            let id = match entry {
                lopdf::xref::XrefEntry::Normal { generation, .. } => (*num, *generation),
                lopdf::xref::XrefEntry::Compressed { .. } => (*num, 0),
                _ => continue,
            };
            if !doc.objects.contains_key(&id) {
                problems.push(format!(
                    "object {} {} is in the cross-reference table but could not be read",
                    id.0, id.1
                ));
            }
        }
        let mut refs = Vec::new();
        for (id, obj) in &doc.objects {
            refs.clear();
            references(obj, &mut refs);
            for r in &refs {
                if !doc.objects.contains_key(r) {
                    problems.push(format!(
                        "object {} {} refers to {} {} R, which does not exist",
                        id.0, id.1, r.0, r.1
                    ));
                }
            }
            if let Object::Stream(s) = obj {
                if let Err(e) = decoded(s) {
                    problems.push(format!("stream {} {}: {e}", id.0, id.1));
                }
            }
        }
        refs.clear();
        references(&Object::Dictionary(doc.trailer.clone()), &mut refs);
        for r in &refs {
            if !doc.objects.contains_key(r) {
                problems.push(format!(
                    "the trailer refers to {} {} R, which does not exist",
                    r.0, r.1
                ));
            }
        }
        match doc.catalog() {
            Ok(c) if c.has_type(b"Catalog") => {}
            Ok(_) => problems.push("the trailer's /Root is not a /Catalog".into()),
            Err(e) => problems.push(format!("no document catalog: {e}")),
        }
    }

    /// Walks the page tree from the catalog, checking /Type, /Parent and
    /// /Count on the way; returns the pages in order.
    fn check_page_tree(&self, problems: &mut Vec<String>) -> Vec<ObjectId> {
        let mut leaves = Vec::new();
        let root = self
            .doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"Pages").ok())
            .and_then(|p| p.as_reference().ok());
        match root {
            Some(id) => self.walk_pages(id, None, &mut HashSet::new(), &mut leaves, problems),
            None => problems.push("the catalog has no /Pages reference".into()),
        }
        leaves
    }

    fn walk_pages(
        &self,
        id: ObjectId,
        parent: Option<ObjectId>,
        seen: &mut HashSet<ObjectId>,
        leaves: &mut Vec<ObjectId>,
        problems: &mut Vec<String>,
    ) {
        let at = format!("page tree node {} {}", id.0, id.1);
        if !seen.insert(id) {
            problems.push(format!("{at} is reached twice (a cycle?)"));
            return;
        }
        let Ok(node) = self.doc.get_dictionary(id) else {
            problems.push(format!("{at} is not a dictionary"));
            return;
        };
        let up = node.get(b"Parent").and_then(Object::as_reference).ok();
        if up != parent {
            problems.push(format!("{at} has /Parent {up:?}, expected {parent:?}"));
        }
        if node.has_type(b"Page") {
            leaves.push(id);
        } else if node.has_type(b"Pages") {
            let before = leaves.len();
            match node.get(b"Kids").map(|k| self.deref(k)) {
                Ok(Object::Array(kids)) => {
                    for kid in kids {
                        match kid.as_reference() {
                            Ok(k) => self.walk_pages(k, Some(id), seen, leaves, problems),
                            Err(_) => problems.push(format!("{at} has a kid that is no reference")),
                        }
                    }
                }
                _ => problems.push(format!("{at} has no /Kids array")),
            }
            let count = node.get(b"Count").and_then(Object::as_i64).ok();
            if count != Some((leaves.len() - before) as i64) {
                problems.push(format!(
                    "{at} has /Count {count:?} but {} pages below it",
                    leaves.len() - before
                ));
            }
        } else {
            problems.push(format!("{at} is neither /Page nor /Pages"));
        }
    }

    fn check_page(&self, n: usize, id: ObjectId, problems: &mut Vec<String>) {
        let at = format!("page {n}");
        let Ok(page) = self.doc.get_dictionary(id) else {
            return; // reported by the page tree walk
        };
        let media = self.inherited(page, b"MediaBox");
        let numbers = media.and_then(|m| m.as_array().ok()).map(|a| {
            a.iter()
                .filter(|v| self.deref(v).as_float().is_ok())
                .count()
        });
        if numbers != Some(4) {
            problems.push(format!("{at}: no /MediaBox of four numbers"));
        }
        let Some(resources) = self
            .inherited(page, b"Resources")
            .and_then(|r| r.as_dict().ok())
        else {
            problems.push(format!("{at}: no /Resources dictionary"));
            return;
        };
        let mut streams = Vec::new();
        match page.get(b"Contents") {
            Err(_) => {} // an empty page
            Ok(Object::Reference(r)) => match self.doc.get_object(*r) {
                Ok(Object::Array(a)) => streams.extend(a.iter().cloned()),
                _ => streams.push(Object::Reference(*r)),
            },
            Ok(Object::Array(a)) => streams.extend(a.iter().cloned()),
            Ok(_) => problems.push(format!("{at}: /Contents is neither a stream nor an array")),
        }
        let mut ops = Vec::new();
        for s in &streams {
            let Ok(r) = s.as_reference() else {
                problems.push(format!("{at}: a content stream is not an indirect object"));
                continue;
            };
            let what = format!("{at}: content stream {} {}", r.0, r.1);
            match self.doc.get_object(r).and_then(Object::as_stream) {
                Err(_) => problems.push(format!("{what} is not a stream")),
                Ok(stream) => match decoded(stream) {
                    Err(e) => problems.push(format!("{what}: {e}")),
                    Ok(bytes) => match Content::decode_strict(&bytes) {
                        Ok(c) => ops.extend(c.operations),
                        Err(e) => problems.push(format!("{what} does not parse: {e}")),
                    },
                },
            }
        }
        self.check_ops(&at, &ops, resources, &mut HashSet::new(), problems);
    }

    /// Operators known and with their operands, text objects and graphics
    /// states balanced, and every font (`Tf`) and XObject (`Do`) named in
    /// `resources`. Form XObjects are checked the same way.
    fn check_ops(
        &self,
        at: &str,
        ops: &[Operation],
        resources: &Dictionary,
        forms: &mut HashSet<ObjectId>,
        problems: &mut Vec<String>,
    ) {
        let (mut in_text, mut depth) = (false, 0usize);
        for (i, op) in ops.iter().enumerate() {
            let o = op.operator.as_str();
            let here = format!("{at}, operator {} `{o}`", i + 1);
            match arity(o) {
                None => problems.push(format!("{here}: unknown operator")),
                Some(n) if !n.contains(&op.operands.len()) => problems.push(format!(
                    "{here}: {} operands, expected {n:?}",
                    op.operands.len()
                )),
                Some(_) => {}
            }
            match o {
                "BT" if in_text => problems.push(format!("{here}: BT inside a text object")),
                "BT" => in_text = true,
                "ET" if !in_text => problems.push(format!("{here}: ET outside a text object")),
                "ET" => in_text = false,
                "Tj" | "TJ" | "'" | "\"" | "Td" | "TD" | "Tm" | "T*" if !in_text => {
                    problems.push(format!("{here}: outside BT ... ET"))
                }
                "q" => depth += 1,
                "Q" if depth == 0 => problems.push(format!("{here}: Q without q")),
                "Q" => depth -= 1,
                _ => {}
            }
            let name = op.operands.first().and_then(|n| n.as_name().ok());
            if o == "Tf" {
                let Some(name) = name else {
                    problems.push(format!("{here}: no font name"));
                    continue;
                };
                let font = self.resource(resources, b"Font", name);
                if !font.is_some_and(|f| f.has_type(b"Font")) {
                    problems.push(format!(
                        "{here}: font /{} is not a font in the resources (has: {})",
                        String::from_utf8_lossy(name),
                        self.resource_names(resources, b"Font")
                    ));
                }
            }
            if o == "Do" {
                let Some(name) = name else {
                    problems.push(format!("{here}: no XObject name"));
                    continue;
                };
                let id = self
                    .deref_dict(resources, b"XObject")
                    .and_then(|x| x.get(name).ok())
                    .and_then(|r| r.as_reference().ok());
                let form = id.and_then(|id| self.doc.get_object(id).ok()?.as_stream().ok());
                let Some((id, form)) = id.zip(form) else {
                    problems.push(format!(
                        "{here}: XObject /{} is not a stream in the resources (has: {})",
                        String::from_utf8_lossy(name),
                        self.resource_names(resources, b"XObject")
                    ));
                    continue;
                };
                let is_form =
                    form.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form");
                if is_form && forms.insert(id) {
                    let what = format!("{at}, form XObject {} {}", id.0, id.1);
                    let own = form
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|r| self.deref(r).as_dict().ok());
                    match decoded(form).map(|b| Content::decode_strict(&b)) {
                        Err(e) => problems.push(format!("{what}: {e}")),
                        Ok(Err(e)) => problems.push(format!("{what} does not parse: {e}")),
                        Ok(Ok(c)) => self.check_ops(
                            &what,
                            &c.operations,
                            own.unwrap_or(resources),
                            forms,
                            problems,
                        ),
                    }
                }
            }
        }
        if in_text {
            problems.push(format!("{at}: a text object is not closed with ET"));
        }
        if depth != 0 {
            problems.push(format!("{at}: {depth} q without Q"));
        }
    }

    fn deref<'a>(&'a self, o: &'a Object) -> &'a Object {
        self.doc
            .dereference(o)
            .map(|(_, o)| o)
            .unwrap_or(&Object::Null)
    }

    fn deref_dict<'a>(&'a self, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
        d.get(key).ok().and_then(|o| self.deref(o).as_dict().ok())
    }

    /// A named resource of a category (`Font`, `XObject`) as a dictionary.
    fn resource<'a>(
        &'a self,
        res: &'a Dictionary,
        cat: &[u8],
        name: &[u8],
    ) -> Option<&'a Dictionary> {
        let o = self.deref_dict(res, cat)?.get(name).ok()?;
        self.deref(o).as_dict().ok()
    }

    fn resource_names(&self, res: &Dictionary, cat: &[u8]) -> String {
        self.deref_dict(res, cat)
            .map(|d| {
                d.iter()
                    .map(|(k, _)| format!("/{}", String::from_utf8_lossy(k)))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|| "none".into())
    }

    /// A page attribute, inherited from the page tree if the page lacks it.
    fn inherited<'a>(&'a self, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        let mut node = page;
        for _ in 0..64 {
            if let Ok(v) = node.get(key) {
                return Some(self.deref(v));
            }
            node = self
                .doc
                .get_dictionary(node.get(b"Parent").ok()?.as_reference().ok()?)
                .ok()?;
        }
        None
    }

    // ------------------------------------------------------------------
    // Text (instead of `pdftotext -raw`)
    // ------------------------------------------------------------------

    /// All pages' text, each page followed by a form feed as pdftotext does.
    pub fn text(&self) -> String {
        self.page_texts().into_iter().map(|t| t + "\x0c").collect()
    }

    /// The text of page `n`, counting from 1 (`pdftotext -f n -l n`).
    pub fn page_text(&self, n: usize) -> String {
        let pages = self.pages();
        assert!(
            (1..=pages.len()).contains(&n),
            "no page {n}: the PDF has {} pages",
            pages.len()
        );
        self.extract(n, pages[n - 1])
    }

    pub fn page_texts(&self) -> Vec<String> {
        self.pages()
            .into_iter()
            .enumerate()
            .map(|(i, id)| self.extract(i + 1, id))
            .collect()
    }

    /// One page's text in drawing order: a line break where the baseline
    /// moves or the pen goes back, a space where it jumps forward by a
    /// quarter em or more (a wide TJ offset, or a move to a table cell).
    /// Text in form XObjects is not read: the only form this project draws
    /// is the watermark, and that is glyph outlines, not text.
    fn extract(&self, n: usize, id: ObjectId) -> String {
        self.walk(n, id).out
    }

    /// What each glyph drawn on page `n` stands for (through ToUnicode), in
    /// drawing order: a ligature is one glyph for several letters.
    pub fn glyph_texts(&self, n: usize) -> Vec<String> {
        let pages = self.pages();
        assert!((1..=pages.len()).contains(&n), "no page {n}");
        self.walk(n, pages[n - 1]).glyphs
    }

    fn walk(&self, n: usize, id: ObjectId) -> TextWalker {
        let page = self.doc.get_dictionary(id).expect("page dictionary");
        let resources = self
            .inherited(page, b"Resources")
            .and_then(|r| r.as_dict().ok());
        let content = self
            .doc
            .get_page_contents(id)
            .into_iter()
            .map(|s| {
                let stream = self
                    .doc
                    .get_object(s)
                    .and_then(Object::as_stream)
                    .expect("content stream");
                decoded(stream).unwrap_or_else(|e| panic!("page {n}: content stream: {e}"))
            })
            .collect::<Vec<_>>()
            .join(&b'\n');
        let ops = Content::decode_strict(&content)
            .unwrap_or_else(|e| panic!("page {n}: content does not parse: {e}"))
            .operations;
        let mut w = TextWalker::default();
        let mut fonts: HashMap<Vec<u8>, std::rc::Rc<Font>> = HashMap::new();
        for op in &ops {
            let num = |i: usize| -> f64 {
                op.operands
                    .get(i)
                    .and_then(|o| o.as_float().ok())
                    .unwrap_or_else(|| {
                        panic!("page {n}: `{}` operand {i} is not a number", op.operator)
                    }) as f64
            };
            match op.operator.as_str() {
                "q" => w.stack.push(w.gs.clone()),
                "Q" => {
                    w.gs = w
                        .stack
                        .pop()
                        .unwrap_or_else(|| panic!("page {n}: Q without q"))
                }
                "cm" => {
                    w.gs.ctm = mul(&[num(0), num(1), num(2), num(3), num(4), num(5)], &w.gs.ctm)
                }
                "BT" => {
                    w.tm = IDENTITY;
                    w.tlm = IDENTITY;
                }
                "Tf" => {
                    let name = op.operands[0].as_name().expect("Tf font name");
                    let font = fonts.entry(name.to_vec()).or_insert_with(|| {
                        let dict = resources
                            .and_then(|r| self.resource(r, b"Font", name))
                            .unwrap_or_else(|| {
                                panic!(
                                    "page {n}: font /{} not in the resources",
                                    String::from_utf8_lossy(name)
                                )
                            });
                        std::rc::Rc::new(Font::new(&self.doc, dict))
                    });
                    w.gs.font = Some(font.clone());
                    w.gs.size = num(1);
                }
                "Tc" => w.gs.char_space = num(0),
                "Tw" => w.gs.word_space = num(0),
                "Tz" => w.gs.scale = num(0) / 100.0,
                "TL" => w.gs.leading = num(0),
                "Ts" => w.gs.rise = num(0),
                "Td" => w.move_line(num(0), num(1)),
                "TD" => {
                    w.gs.leading = -num(1);
                    w.move_line(num(0), num(1));
                }
                "Tm" => {
                    w.tlm = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    w.tm = w.tlm;
                }
                "T*" => w.move_line(0.0, -w.gs.leading),
                "Tj" => {
                    w.begin_show();
                    w.show(&op.operands[0], n);
                    w.end_show();
                }
                "'" => {
                    w.move_line(0.0, -w.gs.leading);
                    w.show(&op.operands[0], n);
                }
                "\"" => {
                    w.gs.word_space = num(0);
                    w.gs.char_space = num(1);
                    w.move_line(0.0, -w.gs.leading);
                    w.show(&op.operands[2], n);
                }
                "TJ" => {
                    let items = op.operands[0].as_array().expect("TJ takes an array");
                    w.begin_show();
                    for item in items {
                        match item {
                            Object::String(..) => w.show(item, n),
                            other => {
                                let adj = other
                                    .as_float()
                                    .unwrap_or_else(|_| panic!("page {n}: TJ item {other:?}"))
                                    as f64;
                                // Thousandths of an em; positive moves left.
                                w.advance(-adj / 1000.0 * w.gs.size * w.gs.scale);
                            }
                        }
                    }
                    w.end_show();
                }
                _ => {}
            }
        }
        if !w.out.is_empty() {
            w.out.push('\n');
        }
        w
    }

    // ------------------------------------------------------------------
    // Metadata (instead of `pdfinfo`)
    // ------------------------------------------------------------------

    /// The /Info dictionary; panics if there is none or a field that is
    /// there is not a string.
    pub fn info(&self) -> Info {
        let info = self
            .doc
            .trailer
            .get(b"Info")
            .map(|i| self.deref(i))
            .and_then(Object::as_dict)
            .expect("the trailer has an /Info dictionary");
        let field = |key: &str| -> Option<String> {
            let o = self.deref(info.get(key.as_bytes()).ok()?);
            match o {
                Object::String(bytes, _) => Some(text_string(bytes)),
                other => panic!("/Info /{key} is not a string: {other:?}"),
            }
        };
        Info {
            title: field("Title"),
            author: field("Author"),
            subject: field("Subject"),
            keywords: field("Keywords"),
            creator: field("Creator"),
            producer: field("Producer"),
            creation_date: field("CreationDate"),
        }
    }
}

/// Every reference inside an object, stream dictionaries included.
fn references(o: &Object, out: &mut Vec<ObjectId>) {
    match o {
        Object::Reference(r) => out.push(*r),
        Object::Array(a) => a.iter().for_each(|o| references(o, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| references(o, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, o)| references(o, out)),
        _ => {}
    }
}

/// A stream's data with its filters undone. Flate is inflated here, not by
/// lopdf, because lopdf keeps whatever a corrupt stream inflates to.
fn decoded(s: &lopdf::Stream) -> Result<Vec<u8>, String> {
    let filters = match s.dict.get(b"Filter") {
        Err(_) => return Ok(s.content.clone()),
        Ok(_) => s.filters().map_err(|e| format!("bad /Filter: {e}"))?,
    };
    if filters == [b"FlateDecode".as_slice()] {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(s.content.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| format!("does not inflate: {e}"))?;
        let predictor = s
            .dict
            .get(b"DecodeParms")
            .and_then(Object::as_dict)
            .and_then(|p| p.get(b"Predictor"))
            .and_then(Object::as_i64)
            .unwrap_or(1);
        if predictor <= 1 {
            return Ok(out);
        }
    }
    s.decompressed_content()
        .map_err(|e| format!("does not decode: {e}"))
}

/// Operand counts of the content stream operators (PDF 32000, annex A);
/// `None` for an operator that does not exist.
fn arity(op: &str) -> Option<std::ops::RangeInclusive<usize>> {
    let n = match op {
        "b" | "B" | "b*" | "B*" | "BT" | "ET" | "BX" | "EX" | "EMC" | "f" | "F" | "f*" | "h"
        | "n" | "q" | "Q" | "s" | "S" | "T*" | "W" | "W*" => 0,
        "CS" | "cs" | "Do" | "G" | "g" | "gs" | "i" | "j" | "J" | "M" | "MP" | "ri" | "sh"
        | "Tc" | "Tj" | "TJ" | "TL" | "Tr" | "Ts" | "Tw" | "Tz" | "w" | "'" | "BMC" => 1,
        "d" | "d0" | "l" | "m" | "Td" | "TD" | "Tf" | "BDC" | "DP" => 2,
        "\"" | "RG" | "rg" => 3,
        "K" | "k" | "re" | "v" | "y" => 4,
        "c" | "cm" | "d1" | "Tm" => 6,
        // Colour components depend on the colour space; a pattern adds a name.
        "SC" | "sc" => return Some(1..=4),
        "SCN" | "scn" => return Some(1..=33),
        // Inline images carry their own data.
        "BI" | "ID" | "EI" => return Some(0..=usize::MAX),
        _ => return None,
    };
    Some(n..=n)
}

/// A PDF text string: UTF-16BE with a byte order mark, UTF-8 with one
/// (PDF 2.0), or PDFDocEncoding.
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        let s = String::from_utf16_lossy(&units);
        // Language tags sit between two ESC characters.
        let mut out = String::new();
        for (i, part) in s.split('\u{1b}').enumerate() {
            if i % 2 == 0 {
                out.push_str(part);
            }
        }
        return out;
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| pdf_doc_char(b)).collect()
}

/// PDFDocEncoding: Latin-1 except for 0x18–0x1F and 0x80–0xA0.
fn pdf_doc_char(b: u8) -> char {
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    const HIGH: [char; 33] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}', '€',
    ];
    match b {
        0x18..=0x1F => LOW[(b - 0x18) as usize],
        0x80..=0xA0 => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// WinAnsiEncoding: Latin-1 except for 0x80–0x9F.
fn win_ansi_char(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
        '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{FFFD}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

// ----------------------------------------------------------------------
// Fonts
// ----------------------------------------------------------------------

/// What the extractor needs of a font: how many bytes a code takes, what
/// text a code stands for, and how far it moves the pen.
struct Font {
    /// A Type0 (composite) font.
    composite: bool,
    /// Bytes a code takes: two with Identity-H, what an embedded encoding
    /// CMap's code space says, one for simple fonts.
    code_bytes: usize,
    /// A Type0 font's code to CID, from an embedded encoding CMap
    /// (Identity-H: none, the code is the CID).
    cids: Option<HashMap<u32, u32>>,
    to_unicode: HashMap<u32, String>,
    /// Thousandths of an em.
    widths: HashMap<u32, f64>,
    default_width: f64,
}

impl Font {
    fn new(doc: &Document, dict: &Dictionary) -> Font {
        let deref = |o: &Object| {
            doc.dereference(o)
                .map(|(_, o)| o.clone())
                .unwrap_or(Object::Null)
        };
        let name = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let composite = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        let (code_bytes, cids) = match dict.get(b"Encoding").map(&deref) {
            Ok(Object::Stream(s)) if composite => {
                let bytes = decoded(&s).unwrap_or_else(|e| panic!("font {name}: /Encoding: {e}"));
                let (n, map) = parse_encoding(&bytes);
                (n, Some(map))
            }
            _ if composite => (2, None),
            _ => (1, None),
        };
        let to_unicode = match dict.get(b"ToUnicode") {
            Ok(o) => match deref(o) {
                Object::Stream(s) => {
                    let bytes =
                        decoded(&s).unwrap_or_else(|e| panic!("font {name}: /ToUnicode: {e}"));
                    parse_to_unicode(&bytes)
                }
                Object::Name(_) => HashMap::new(), // e.g. /Identity-H: no text
                other => panic!("font {name}: /ToUnicode is {other:?}"),
            },
            Err(_) => HashMap::new(),
        };
        let mut widths = HashMap::new();
        let mut default_width;
        let num = |o: &Object| deref(o).as_float().map(f64::from).ok();
        if composite {
            let desc = dict
                .get(b"DescendantFonts")
                .map(&deref)
                .ok()
                .and_then(|a| a.as_array().ok()?.first().map(&deref))
                .and_then(|d| d.as_dict().ok().cloned())
                .unwrap_or_else(|| panic!("font {name}: Type0 without /DescendantFonts"));
            default_width = desc.get(b"DW").ok().and_then(num).unwrap_or(1000.0);
            // /W: `c [w1 w2 ...]` or `c_first c_last w`.
            if let Ok(w) = desc.get(b"W").map(&deref) {
                let w = w.as_array().cloned().unwrap_or_default();
                let mut i = 0;
                while i < w.len() {
                    let first = num(&w[i]).expect("/W entry") as u32;
                    match w.get(i + 1).map(&deref) {
                        Some(Object::Array(ws)) => {
                            for (k, v) in ws.iter().enumerate() {
                                widths.insert(first + k as u32, num(v).expect("/W width"));
                            }
                            i += 2;
                        }
                        Some(last) => {
                            let last = num(&last).expect("/W range end") as u32;
                            let v = num(w.get(i + 2).expect("/W range width")).expect("/W width");
                            for c in first..=last {
                                widths.insert(c, v);
                            }
                            i += 3;
                        }
                        None => panic!("font {name}: /W ends early"),
                    }
                }
            }
        } else {
            let first = dict.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
            if let Ok(ws) = dict.get(b"Widths").map(&deref) {
                for (k, v) in ws
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    widths.insert(first + k as u32, num(v).unwrap_or(0.0));
                }
            }
            // Standard 14 fonts may come without widths: an average glyph.
            default_width = if widths.is_empty() { 500.0 } else { 0.0 };
            if let Some(missing) = dict
                .get(b"FontDescriptor")
                .map(&deref)
                .ok()
                .and_then(|d| d.as_dict().ok()?.get(b"MissingWidth").ok().and_then(num))
            {
                default_width = missing;
            }
        }
        Font {
            composite,
            code_bytes,
            cids,
            to_unicode,
            widths,
            default_width,
        }
    }

    fn codes<'a>(&self, bytes: &'a [u8]) -> impl Iterator<Item = u32> + 'a {
        bytes
            .chunks(self.code_bytes)
            .map(|c| c.iter().fold(0u32, |acc, b| acc << 8 | *b as u32))
    }

    /// The text a code stands for. A code of a Type0 font that the CMap
    /// does not map gives none, as with pdftotext: the glyph still moves the
    /// pen, so a wide one still reads as a word break. (The Hangul fallback
    /// font has no space glyph, so spaces between Hangul words are drawn as
    /// its unmapped glyph 0.)
    fn text(&self, code: u32) -> String {
        match self.to_unicode.get(&code) {
            Some(s) => s.clone(),
            None if self.composite => String::new(),
            // Simple fonts without a mapping: WinAnsi (Latin-1 beyond it).
            None => win_ansi_char(code as u8).to_string(),
        }
    }

    fn width(&self, code: u32) -> f64 {
        let cid = match &self.cids {
            Some(map) => map.get(&code).copied().unwrap_or(0),
            None => code,
        };
        self.widths.get(&cid).copied().unwrap_or(self.default_width)
    }
}

/// The code length (from the first code space range) and the `cidchar`
/// and `cidrange` mappings of an embedded encoding CMap.
fn parse_encoding(data: &[u8]) -> (usize, HashMap<u32, u32>) {
    let tokens = cmap_tokens(data);
    let mut map = HashMap::new();
    let mut bytes = 0;
    let code = |t: &CToken| match t {
        CToken::Hex(b) => b.iter().fold(0u32, |acc, x| acc << 8 | *x as u32),
        other => panic!("encoding CMap: expected a hex string, found {other:?}"),
    };
    let number = |t: &CToken| match t {
        CToken::Word(w) => w.parse::<u32>().expect("encoding CMap: a CID"),
        other => panic!("encoding CMap: expected a CID, found {other:?}"),
    };
    let end = |t: &CToken, word: &str| matches!(t, CToken::Word(w) if w == word);
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            CToken::Word(w) if w == "begincodespacerange" => {
                if let CToken::Hex(b) = &tokens[i + 1] {
                    bytes = b.len();
                }
            }
            CToken::Word(w) if w == "begincidchar" => {
                i += 1;
                while !end(&tokens[i], "endcidchar") {
                    map.insert(code(&tokens[i]), number(&tokens[i + 1]));
                    i += 2;
                }
            }
            CToken::Word(w) if w == "begincidrange" => {
                i += 1;
                while !end(&tokens[i], "endcidrange") {
                    let (lo, hi) = (code(&tokens[i]), code(&tokens[i + 1]));
                    let first = number(&tokens[i + 2]);
                    for c in lo..=hi {
                        map.insert(c, first + (c - lo));
                    }
                    i += 3;
                }
            }
            _ => {}
        }
        i += 1;
    }
    assert!(bytes > 0, "encoding CMap without a code space");
    (bytes, map)
}

/// The `bfchar` and `bfrange` mappings of a ToUnicode CMap, including the
/// array form of `bfrange`. Targets are UTF-16BE.
fn parse_to_unicode(data: &[u8]) -> HashMap<u32, String> {
    let tokens = cmap_tokens(data);
    let mut map = HashMap::new();
    let hex = |t: &CToken| match t {
        CToken::Hex(b) => b.clone(),
        other => panic!("ToUnicode CMap: expected a hex string, found {other:?}"),
    };
    let code = |b: &[u8]| b.iter().fold(0u32, |acc, x| acc << 8 | *x as u32);
    let utf16 = |b: &[u8]| -> Vec<u16> {
        b.chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect()
    };
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            CToken::Word(w) if w == "beginbfchar" => {
                i += 1;
                while !matches!(&tokens[i], CToken::Word(w) if w == "endbfchar") {
                    let src = code(&hex(&tokens[i]));
                    let dst = String::from_utf16_lossy(&utf16(&hex(&tokens[i + 1])));
                    map.insert(src, dst);
                    i += 2;
                }
            }
            CToken::Word(w) if w == "beginbfrange" => {
                i += 1;
                while !matches!(&tokens[i], CToken::Word(w) if w == "endbfrange") {
                    let (lo, hi) = (code(&hex(&tokens[i])), code(&hex(&tokens[i + 1])));
                    assert!(
                        lo <= hi && hi - lo < 0x10000,
                        "ToUnicode CMap: bad bfrange {lo:X}..{hi:X}"
                    );
                    match &tokens[i + 2] {
                        CToken::Array(items) => {
                            for (k, t) in items.iter().enumerate().take((hi - lo + 1) as usize) {
                                map.insert(
                                    lo + k as u32,
                                    String::from_utf16_lossy(&utf16(&hex(t))),
                                );
                            }
                        }
                        t => {
                            // The last unit counts up through the range.
                            let base = utf16(&hex(t));
                            for c in lo..=hi {
                                let mut units = base.clone();
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add((c - lo) as u16);
                                }
                                map.insert(c, String::from_utf16_lossy(&units));
                            }
                        }
                    }
                    i += 3;
                }
            }
            _ => {}
        }
        i += 1;
    }
    map
}

#[derive(Debug)]
enum CToken {
    Hex(Vec<u8>),
    Array(Vec<CToken>),
    Word(String),
}

/// Hex strings, arrays and bare words of a CMap; names, literal strings,
/// dictionaries and comments are skipped or kept as words, which is all
/// the mappings need.
fn cmap_tokens(data: &[u8]) -> Vec<CToken> {
    let mut stack: Vec<Vec<CToken>> = vec![Vec::new()];
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 1,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 1,
            b'<' => {
                let end = i + data[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .expect("unclosed hex string in CMap");
                let digits: Vec<u8> = data[i + 1..end]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                let mut bytes = Vec::new();
                for pair in digits.chunks(2) {
                    let s = std::str::from_utf8(pair).expect("hex digits");
                    let v = u8::from_str_radix(s, 16).expect("hex digits");
                    bytes.push(if pair.len() == 1 { v << 4 } else { v });
                }
                stack
                    .last_mut()
                    .expect("token stack")
                    .push(CToken::Hex(bytes));
                i = end;
            }
            b'[' => stack.push(Vec::new()),
            b']' => {
                let items = stack.pop().expect("token stack");
                stack
                    .last_mut()
                    .expect("unbalanced ] in CMap")
                    .push(CToken::Array(items));
            }
            b'(' => {
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ if c.is_ascii_whitespace() => {}
            _ => {
                let start = i;
                while i + 1 < data.len() && !b"%<>[]() \t\r\n\x0c\0".contains(&data[i + 1]) {
                    i += 1;
                }
                let w = String::from_utf8_lossy(&data[start..=i]).into_owned();
                stack.last_mut().expect("token stack").push(CToken::Word(w));
            }
        }
        i += 1;
    }
    stack.into_iter().next().expect("token stack")
}

// ----------------------------------------------------------------------
// The text walker
// ----------------------------------------------------------------------

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`, in PDF's row-vector convention.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// The part of the graphics state `q` and `Q` save that text depends on.
#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<std::rc::Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

#[derive(Default)]
struct TextWalker {
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    out: String,
    /// Where the last glyph ended on the page, and the em it was set in.
    pen: Option<(f64, f64, f64)>,
    /// The text of every glyph shown, in order.
    glyphs: Vec<String>,
    /// Where the current show operator's text begins in `out` (after any
    /// line or word break before it), and its glyphs' texts.
    show_start: Option<usize>,
    show_glyphs: Vec<String>,
    /// The last show operator drew right-to-left text.
    after_rtl: bool,
}

/// Text that starts right to left (Arabic, Hebrew).
fn is_rtl(text: &str) -> bool {
    text.chars().next().is_some_and(|c| {
        matches!(
            unicode_bidi::bidi_class(c),
            unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
        )
    })
}

/// A new word where the pen jumps forward by this much of an em: a TJ
/// offset of -250 or wider, or a move to the next table cell.
const WORD_GAP: f64 = 0.25;
/// A new line where the baseline moves by more than this much of an em.
const LINE_SHIFT: f64 = 0.2;
/// ...or where the pen goes back by more than this.
const BACKWARDS: f64 = 0.5;

impl TextWalker {
    fn begin_show(&mut self) {
        self.show_start = None;
        self.show_glyphs.clear();
    }

    /// A right-to-left word is drawn last letter first: its glyphs (a
    /// ligature's letters stay together) are put back in reading order.
    fn end_show(&mut self) {
        let rtl = self.show_glyphs.first().is_some_and(|t| is_rtl(t));
        if let (true, Some(start)) = (rtl, self.show_start) {
            self.out.truncate(start);
            for t in self.show_glyphs.iter().rev() {
                self.out.push_str(t);
            }
        }
        if !self.show_glyphs.is_empty() {
            self.after_rtl = rtl;
        }
    }

    fn move_line(&mut self, tx: f64, ty: f64) {
        self.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    fn advance(&mut self, tx: f64) {
        self.tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
    }

    /// Where the pen is on the page, and the size of an em there.
    fn position(&self) -> (f64, f64, f64) {
        let m = mul(&self.tm, &self.gs.ctm);
        let (x, y) = (self.gs.rise * m[2] + m[4], self.gs.rise * m[3] + m[5]);
        (x, y, self.gs.size * m[2].hypot(m[3]))
    }

    fn show(&mut self, s: &Object, page: usize) {
        let Object::String(bytes, _) = s else {
            panic!("page {page}: text to show is not a string: {s:?}");
        };
        let font = self
            .gs
            .font
            .clone()
            .unwrap_or_else(|| panic!("page {page}: text shown before any Tf"));
        for code in font.codes(bytes) {
            let (x, y, em) = self.position();
            let text = font.text(code);
            // Right-to-left words go leftwards along the line in reading order.
            let leftwards = self.after_rtl || is_rtl(&text);
            if let Some((px, py, pem)) = self.pen {
                let em = em.max(pem).max(0.01);
                let ends_blank = self.out.ends_with(char::is_whitespace);
                if (y - py).abs() > LINE_SHIFT * em || (x < px - BACKWARDS * em && !leftwards) {
                    if !self.out.is_empty() && !self.out.ends_with('\n') {
                        self.out.push('\n');
                    }
                } else if x - px >= WORD_GAP * em - 1e-6 && !ends_blank {
                    self.out.push(' ');
                }
            }
            self.glyphs.push(text.clone());
            self.show_start.get_or_insert(self.out.len());
            self.show_glyphs.push(text.clone());
            self.out.push_str(&text);
            let single_space = font.code_bytes == 1 && code == 32;
            let w = font.width(code) / 1000.0 * self.gs.size
                + self.gs.char_space
                + if single_space {
                    self.gs.word_space
                } else {
                    0.0
                };
            self.advance(w * self.gs.scale);
            // A glyph without text is measured as a gap, as pdftotext does.
            if !text.is_empty() {
                self.pen = Some(self.position());
            }
        }
    }
}
