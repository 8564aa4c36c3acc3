//! Writes laid-out pages as PDF with printpdf: bundled fonts embedded and
//! subset, text extractable in reading order, document metadata, one
//! bookmark a section (properties and bookmarks free of hidden control
//! characters), clickable links; tagged (PDF/UA-1: every mark is marked
//! content owned by a structure element or an artifact, see `tagged`).
//! The same pages give the same bytes
//! when the creation date is fixed (`SOURCE_DATE_EPOCH`). The only module
//! that names printpdf.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use printpdf::{
    Actions, Codepoint, Color as PdfColor, DictItem, ExternalStream, ExternalXObject,
    FontId as PdfFontId, Line, LinePoint, LinkAnnotation, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix, XObject,
    XObjectId, XObjectTransform,
};

mod file;
mod outline;
mod tagged;

use crate::fonts::FontId;
use crate::io::{in_words, write_atomic};
use crate::layout::{Color, Document, Element, Item, LinkTarget, Page, Tag};

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("bundled font {0} could not be read for the PDF")]
    Font(&'static str),
    #[error("the creation date is out of range")]
    Date,
    #[error("the PDF could not be assembled: {0}")]
    Assemble(String),
    /// "could not export FILE: CAUSE", worded as a failed save is. The
    /// cause is not a `source()`, so a report of the chain says it once.
    #[error("could not export {}: {}", .path.display(), in_words(.cause))]
    Write {
        path: std::path::PathBuf,
        cause: std::io::Error,
    },
}

/// Settings that are not part of the pages.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Seconds since 1970 for the creation date; `None` reads
    /// `SOURCE_DATE_EPOCH`, then the clock.
    pub created: Option<i64>,
    /// PDF/A-2b (archival): an sRGB output intent and the PDF/A identifiers.
    pub pdfa: bool,
    /// Leave out marked content and the structure tree: only for measuring
    /// what tagging costs.
    pub untagged: bool,
}

/// The creation time: explicit, or `SOURCE_DATE_EPOCH`, or now.
pub fn creation_time(opts: &PdfOptions) -> i64 {
    opts.created
        .or_else(|| {
            std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or_else(|| chrono::Utc::now().timestamp())
}

fn parsed(id: FontId) -> Option<&'static ParsedFont> {
    // Parsed on first use, one font at a time: most briefs never need the
    // CJK or Hangul fallbacks, and parsing those costs more than a whole export.
    static FONTS: [OnceLock<Option<ParsedFont>>; FontId::ALL.len()] =
        [const { OnceLock::new() }; FontId::ALL.len()];
    FONTS
        .get(id as usize)?
        .get_or_init(|| ParsedFont::from_bytes(id.bytes(), 0, &mut Vec::new()))
        .as_ref()
}

fn rgb(c: Color) -> PdfColor {
    let ch = |v: u8| (v as f32 / 255.0 * 1000.0).round() / 1000.0;
    PdfColor::Rgb(Rgb::new(ch(c.r), ch(c.g), ch(c.b), None))
}

/// Hundredths of a point are finer than any printer: shorter numbers make
/// smaller content streams.
fn q(v: f32) -> Pt {
    Pt((v * 100.0).round() / 100.0)
}

fn resource_name(f: FontId) -> PdfFontId {
    // Six capital letters: PDF readers take the prefix as the subset tag.
    PdfFontId(format!("BRSMA{}", (b'A' + f as u8) as char))
}

/// Graphics state already set in the content stream, so unchanged colours,
/// widths and fonts are not repeated.
#[derive(Default)]
struct State {
    ops: Vec<Op>,
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
}

/// What a page's marked content and annotations belong to, for the
/// structure tree: the element of each MCID, and of each link annotation.
#[derive(Default)]
pub(crate) struct PageMarks {
    pub mcids: Vec<u32>,
    pub links: Vec<Option<u32>>,
}

fn name(n: &str) -> DictItem {
    DictItem::Name(n.as_bytes().to_vec())
}

impl State {
    fn fill(&mut self, c: Color) {
        if self.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: rgb(c) });
            self.fill = Some(c);
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
                self.ops.push(Op::EndMarkedContent);
            }
        } else {
            self.end_text();
            if self.open.is_some() {
                self.ops.push(Op::EndMarkedContent);
            }
            if text {
                self.ops.push(Op::StartTextSection);
                self.in_text = true;
            }
        }
        self.open = Some(tag);
        self.open_in_text = text;
        let artifact = |kind: &str, sub: Option<&str>, edge: Option<&str>| {
            let mut map = BTreeMap::new();
            map.insert("Type".to_string(), name(kind));
            if let Some(s) = sub {
                map.insert("Subtype".to_string(), name(s));
            }
            if let Some(e) = edge {
                map.insert("Attached".to_string(), DictItem::Array(vec![name(e)]));
            }
            Op::BeginMarkedContentWithProperties {
                tag: "Artifact".into(),
                properties: DictItem::Dict { map },
            }
        };
        let op = match tag {
            Tag::Content(n) => {
                let role = structure.get(n as usize).map_or("Span", |e| e.role.name());
                let mut map = BTreeMap::new();
                map.insert("MCID".to_string(), DictItem::Int(marks.mcids.len() as i64));
                marks.mcids.push(n);
                Op::BeginMarkedContentWithProperties {
                    tag: role.into(),
                    properties: DictItem::Dict { map },
                }
            }
            Tag::Layout => artifact("Layout", None, None),
            Tag::Header => artifact("Pagination", Some("Header"), Some("Top")),
            Tag::Footer => artifact("Pagination", Some("Footer"), Some("Bottom")),
            Tag::Watermark => artifact("Pagination", Some("Watermark"), None),
            Tag::Repeated => artifact("Pagination", None, None),
        };
        self.ops.push(op);
    }

    fn close(&mut self) {
        self.end_text();
        if self.open.take().is_some() {
            self.ops.push(Op::EndMarkedContent);
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            if self.open_in_text && self.open.take().is_some() {
                self.ops.push(Op::EndMarkedContent);
            }
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
            self.font = None;
            self.line = None;
        }
    }
}

/// Rotated runs (the watermark) become shared form XObjects, one per
/// distinct run, keyed by their drawing.
#[derive(Default)]
struct Shapes {
    forms: Vec<(String, f32, f32)>,
}

impl Shapes {
    fn id(&mut self, run: &crate::layout::TextRun, page: &Page) -> XObjectId {
        let path = outline::text_as_path(run, page.height);
        let at = match self.forms.iter().position(|(p, _, _)| *p == path) {
            Some(i) => i,
            None => {
                self.forms.push((path, page.width, page.height));
                self.forms.len() - 1
            }
        };
        XObjectId(format!("Wm{at}"))
    }

    fn register(self, pdf: &mut PdfDocument) {
        for (i, (path, w, h)) in self.forms.into_iter().enumerate() {
            let mut dict = BTreeMap::new();
            dict.insert("Type".to_string(), DictItem::Name(b"XObject".to_vec()));
            dict.insert("Subtype".to_string(), DictItem::Name(b"Form".to_vec()));
            dict.insert(
                "BBox".to_string(),
                DictItem::Array(vec![
                    DictItem::Real(0.0),
                    DictItem::Real(0.0),
                    DictItem::Real(w),
                    DictItem::Real(h),
                ]),
            );
            let stream = ExternalStream {
                dict,
                content: path.into_bytes(),
                compress: true,
            };
            pdf.resources.xobjects.map.insert(
                XObjectId(format!("Wm{i}")),
                XObject::External(ExternalXObject {
                    stream,
                    width: None,
                    height: None,
                    dpi: None,
                }),
            );
        }
    }
}

fn page_ops(
    page: &Page,
    texts: &GlyphTexts,
    structure: &[Element],
    tagged: bool,
    shapes: &mut Shapes,
    marks: &mut PageMarks,
) -> Vec<Op> {
    let h = page.height;
    let mut st = State::default();
    for item in &page.items {
        if tagged && !matches!(item, Item::Link(_)) {
            let text = matches!(item, Item::Text(t) if t.angle == 0.0);
            st.mark(item.tag(), text, structure, marks);
        }
        if !matches!(item, Item::Text(t) if t.angle == 0.0) {
            st.end_text();
        }
        match item {
            Item::Fill(f) => {
                st.fill(f.color);
                st.ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: q(f.x),
                        y: q(h - f.y - f.h),
                        width: q(f.w),
                        height: q(f.h),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Rule(r) => {
                if st.stroke != Some(r.color) {
                    st.ops.push(Op::SetOutlineColor { col: rgb(r.color) });
                    st.stroke = Some(r.color);
                }
                if st.thickness != Some(r.width) {
                    st.ops.push(Op::SetOutlineThickness { pt: q(r.width) });
                    st.thickness = Some(r.width);
                }
                let pt = |x: f32, y: f32| LinePoint {
                    p: Point {
                        x: q(x),
                        y: q(h - y),
                    },
                    bezier: false,
                };
                st.ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![pt(r.x1, r.y1), pt(r.x2, r.y2)],
                        is_closed: false,
                    },
                });
            }
            Item::Text(t) if t.angle != 0.0 => {
                let id = shapes.id(t, page);
                st.ops.push(Op::UseXobject {
                    id,
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
            }
            Item::Text(t) => {
                st.fill(t.color);
                if !st.in_text {
                    st.ops.push(Op::StartTextSection);
                    st.in_text = true;
                }
                if st.font != Some((t.font, t.size)) {
                    st.ops.push(Op::SetFont {
                        font: PdfFontHandle::External(resource_name(t.font)),
                        size: q(t.size),
                    });
                    st.font = Some((t.font, t.size));
                }
                let (x, y) = (q(t.x).0, q(h - t.baseline).0);
                match st.line {
                    Some((lx, ly)) => st.ops.push(Op::MoveTextCursorAndSetLeading {
                        tx: q(x - lx).0,
                        ty: q(y - ly).0,
                    }),
                    None => st.ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(x), Pt(y)),
                    }),
                }
                // Track the rounded position the reader will be at, so
                // rounding errors never accumulate.
                st.line = Some(match st.line {
                    Some((lx, ly)) => (lx + q(x - lx).0, ly + q(y - ly).0),
                    None => (x, y),
                });
                show_glyphs(&mut st.ops, t, texts);
            }
            Item::Link(l) => {
                marks.links.push(match l.tag {
                    Tag::Content(n) => Some(n),
                    _ => None,
                });
                let actions = match &l.target {
                    LinkTarget::Uri(u) => Actions::Uri(u.clone()),
                    LinkTarget::Page(p, y) => Actions::Goto(printpdf::Destination::Xyz {
                        page: p + 1,
                        left: None,
                        top: Some(h - y),
                        zoom: None,
                    }),
                };
                let rect = Rect {
                    x: q(l.x),
                    y: q(h - l.y - l.h),
                    width: q(l.w),
                    height: q(l.h),
                    mode: None,
                    winding_order: None,
                };
                st.ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        rect,
                        actions,
                        Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                });
            }
        }
    }
    st.close();
    st.ops
}

/// The text each glyph stands for, per font, for the fonts' ToUnicode
/// maps: one entry per glyph id, so every use of a glyph maps alike. A
/// glyph that is a cluster of its own gets the cluster's characters (a
/// ligature several, an Arabic letter form its letter); glyphs sharing a
/// cluster keep the character the font's own map gives them.
type GlyphTexts = rustc_hash::FxHashMap<(FontId, u16), String>;

fn glyph_texts(doc: &Document) -> GlyphTexts {
    let mut out = GlyphTexts::default();
    for page in &doc.pages {
        for item in &page.items {
            let Item::Text(t) = item else { continue };
            if t.angle != 0.0 || t.plain {
                continue;
            }
            let mut starts: Vec<u32> = t.glyphs.iter().map(|g| g.cluster).collect();
            starts.sort_unstable();
            starts.dedup();
            // The shaper keeps a cluster's glyphs together.
            let cluster = |k: Option<usize>| k.and_then(|k| t.glyphs.get(k)).map(|g| g.cluster);
            for (k, g) in t.glyphs.iter().enumerate() {
                let alone = cluster(k.checked_sub(1)) != Some(g.cluster)
                    && cluster(Some(k + 1)) != Some(g.cluster);
                if !alone {
                    continue;
                }
                let next = starts.partition_point(|s| *s <= g.cluster);
                let end = starts.get(next).map_or(t.text.len(), |e| *e as usize);
                if let Some(text) = t.text.get(g.cluster as usize..end) {
                    out.entry((t.font, g.id))
                        .or_insert_with(|| text.to_string());
                }
            }
        }
    }
    out
}

/// Shows a run's glyphs by id: TJ offsets where the shaped advance differs
/// from the glyph's own (kerning, justification) or a glyph sits aside
/// (marks), and a text rise for marks set above or below.
fn show_glyphs(ops: &mut Vec<Op>, run: &crate::layout::TextRun, texts: &GlyphTexts) {
    let m = run.font.metrics();
    let k = 1000.0 / m.units_per_em;
    let thousandths = |v: f32| (v * k).round();
    if run.plain {
        // The font's own glyph for each character: show the text, which
        // is smaller and quicker to write, with offsets where the shaped
        // advance differs (kerning, justification).
        let mut items = Vec::new();
        let mut cur = String::new();
        for (c, g) in run.text.chars().zip(run.glyphs.iter()) {
            cur.push(c);
            let after = thousandths(m.nominal_advance(g.id) - g.advance);
            if after != 0.0 {
                items.push(TextItem::Text(std::mem::take(&mut cur)));
                items.push(TextItem::Offset(after));
            }
        }
        if run.glyphs.is_empty() {
            cur = run.text.clone();
        }
        if !cur.is_empty() {
            items.push(TextItem::Text(cur));
        }
        ops.push(Op::ShowText { items });
        return;
    }
    let mut items: Vec<TextItem> = Vec::new();
    let mut glyphs: Vec<Codepoint> = Vec::new();
    let mut rise = 0.0f32;
    let flush = |items: &mut Vec<TextItem>, glyphs: &mut Vec<Codepoint>| {
        if !glyphs.is_empty() {
            items.push(TextItem::GlyphIds(std::mem::take(glyphs)));
        }
    };
    for g in run.glyphs.iter() {
        if g.dy != rise {
            flush(&mut items, &mut glyphs);
            if !items.is_empty() {
                ops.push(Op::ShowText {
                    items: std::mem::take(&mut items),
                });
            }
            rise = g.dy;
            ops.push(Op::Unknown {
                key: "Ts".into(),
                value: vec![DictItem::Real(rise / m.units_per_em * run.size)],
            });
        }
        if g.dx != 0.0 {
            flush(&mut items, &mut glyphs);
            items.push(TextItem::Offset(-thousandths(g.dx)));
        }
        let after = thousandths(m.nominal_advance(g.id) - g.advance + g.dx);
        glyphs.push(Codepoint {
            gid: g.id,
            offset: after,
            cid: texts.get(&(run.font, g.id)).cloned(),
        });
    }
    flush(&mut items, &mut glyphs);
    if !items.is_empty() {
        ops.push(Op::ShowText { items });
    }
    if rise != 0.0 {
        ops.push(Op::Unknown {
            key: "Ts".into(),
            value: vec![DictItem::Real(0.0)],
        });
    }
}

/// The PDF bytes of laid-out pages.
pub fn write_pdf(doc: &Document, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    // Document properties and bookmarks are single lines a reader's
    // dialogs show as they are: no control characters or direction
    // overrides there, whatever the brief's text holds.
    let line = crate::model::text::single_line;
    let title = line(&doc.info.title);
    let mut pdf = PdfDocument::new(&title);
    // Register only the fonts in use, under stable names, so output is
    // deterministic and small.
    let mut used = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text(t) = item {
                if t.angle != 0.0 {
                    continue; // drawn as outlines
                }
                used.entry(t.font).or_insert(());
            }
        }
    }
    for f in used.keys() {
        let parsed = parsed(*f).ok_or(PdfError::Font(f.name()))?;
        pdf.resources
            .fonts
            .map
            .insert(resource_name(*f), printpdf::PdfFont::new(parsed.clone()));
    }
    let created_secs = creation_time(opts).max(0);
    let created = printpdf::OffsetDateTime::from_unix_timestamp(created_secs)
        .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0))
        .map_err(|_| PdfError::Date)?;
    let info = &mut pdf.metadata.info;
    info.document_title = title;
    info.author = line(&doc.info.author);
    info.subject = line(&doc.info.subject);
    info.keywords = doc
        .info
        .keywords
        .iter()
        .map(|k| line(k).trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    info.creator = format!("Briefsmith {}", env!("CARGO_PKG_VERSION"));
    info.producer = info.creator.clone();
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;
    info.identifier = String::new();
    let mut shapes = Shapes::default();
    let texts = glyph_texts(doc);
    let mut marks = Vec::with_capacity(doc.pages.len());
    let pages: Vec<PdfPage> = doc
        .pages
        .iter()
        .map(|p| {
            let mut m = PageMarks::default();
            let ops = page_ops(
                p,
                &texts,
                &doc.structure,
                !opts.untagged,
                &mut shapes,
                &mut m,
            );
            marks.push(m);
            PdfPage::new(
                printpdf::Mm::from(Pt(p.width)),
                printpdf::Mm::from(Pt(p.height)),
                ops,
            )
        })
        .collect();
    shapes.register(&mut pdf);
    pdf.with_pages(pages);
    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&save, &mut warnings);
    drop_later(pdf);
    // Pages and fonts deflate on a second thread while this one builds the
    // structure tree, then both share what is left.
    let pending = take_uncompressed(&mut lo, opts.pdfa);
    let next = AtomicUsize::new(0);
    let done: Vec<Mutex<Option<Vec<u8>>>> = pending.iter().map(|_| Mutex::new(None)).collect();
    let work = || deflate_shared(&pending, &next, &done);
    let finished = std::thread::scope(|scope| {
        scope.spawn(work);
        let r = tagged::finish(&mut lo, doc, &marks, opts, created_secs);
        work();
        r
    });
    for ((id, content), out) in pending.into_iter().zip(done) {
        put_back(&mut lo, id, content, out.into_inner().ok().flatten());
    }
    let elements = finished?;
    // The few streams the structure step added (XMP, ICC profile).
    for (id, content) in take_uncompressed(&mut lo, opts.pdfa) {
        let deflated = deflate(&content);
        put_back(&mut lo, id, content, deflated);
    }
    // Object streams need 1.5; the structure tree's conventions are 1.7's.
    lo.version = "1.7".to_string();
    // printpdf draws the file ID from a process-wide counter: derive it
    // from the content instead, so equal input gives equal bytes.
    let id = content_id(doc, created_secs);
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone().into_bytes(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal),
        ]),
    );
    // Object and cross-reference streams: a smaller file, as PDF 1.5 allows.
    let out = file::write(&lo, &elements, 6);
    drop_later(lo);
    Ok(out)
}

/// Takes out the content of every stream not yet compressed, for
/// deflating; PDF/A's XMP stays as it is, for tools that read it as text.
/// Streams written with the `Filter` they need come back whole.
fn take_uncompressed(doc: &mut lopdf::Document, pdfa: bool) -> Vec<(lopdf::ObjectId, Vec<u8>)> {
    doc.objects
        .iter_mut()
        .filter_map(|(id, o)| Some((*id, o.as_stream_mut().ok()?)))
        .filter(|(_, s)| s.dict.get(b"Filter").is_err())
        .filter(|(_, s)| {
            let xmp = s
                .dict
                .get(b"Type")
                .is_ok_and(|t| t == &lopdf::Object::Name(b"Metadata".to_vec()));
            !(pdfa && xmp)
        })
        .map(|(id, s)| (id, std::mem::take(&mut s.content)))
        .collect()
}

/// Gives a stream back its content: deflated if that was smaller, as
/// taken otherwise.
fn put_back(
    doc: &mut lopdf::Document,
    id: lopdf::ObjectId,
    content: Vec<u8>,
    deflated: Option<Vec<u8>>,
) {
    if let Ok(lopdf::Object::Stream(s)) = doc.get_object_mut(id) {
        match deflated {
            Some(c) => {
                s.dict.set("Filter", "FlateDecode");
                s.set_content(c);
            }
            None => s.set_content(content),
        }
    }
}

/// A stream's content deflated, if that makes it smaller. Level 6: lopdf's
/// own `compress` uses the slowest level, which costs more time than it
/// saves bytes.
fn deflate(content: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(content.len() / 4),
        flate2::Compression::new(6),
    );
    enc.write_all(content).ok()?;
    let c = enc.finish().ok()?;
    (c.len() + 19 < content.len()).then_some(c)
}

/// Deflates the next stream nobody has taken yet, until none are left;
/// run on several threads, each result lands in its stream's own slot.
fn deflate_shared(
    pending: &[(lopdf::ObjectId, Vec<u8>)],
    next: &AtomicUsize,
    done: &[Mutex<Option<Vec<u8>>>],
) {
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let (Some((_, content)), Some(slot)) = (pending.get(i), done.get(i)) else {
            return;
        };
        let c = deflate(content);
        if let Ok(mut slot) = slot.lock() {
            *slot = c;
        }
    }
}

/// Large documents take a while to free: the caller need not wait.
fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// A stable 16-byte identifier from the pages' text and the date.
fn content_id(doc: &Document, created: i64) -> String {
    use std::hash::{Hash, Hasher};
    let mut h1 = std::collections::hash_map::DefaultHasher::new();
    created.hash(&mut h1);
    doc.info.title.hash(&mut h1);
    for p in &doc.pages {
        for it in &p.items {
            if let Item::Text(t) = it {
                t.text.hash(&mut h1);
            }
        }
    }
    let a = h1.finish();
    a.hash(&mut h1);
    format!("{a:016x}{:016x}", h1.finish())
}

/// Writes a PDF atomically, as a save writes a brief: a failed or killed
/// export leaves no partial file (and its temporary goes at the next
/// write), a link is followed, a directory or FIFO is refused.
pub fn export(doc: &Document, path: &Path, opts: &PdfOptions) -> Result<usize, PdfError> {
    let bytes = write_pdf(doc, opts)?;
    write_atomic(path, &bytes).map_err(|cause| PdfError::Write {
        path: path.to_path_buf(),
        cause,
    })?;
    Ok(bytes.len())
}
