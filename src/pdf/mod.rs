//! Writes laid-out pages as PDF: bundled fonts embedded and subset, text
//! extractable in reading order, document metadata, one bookmark a
//! section (properties and bookmarks free of hidden control characters),
//! clickable links; tagged (PDF/UA-1: every mark is marked content owned
//! by a structure element or an artifact, see `tagged`). printpdf subsets
//! and embeds the fonts and writes the pages' frames, link annotations and
//! document info; the content streams (`content`), glyph codes
//! (`encoding`), structure tree (`tagged`) and the file's bytes (`file`)
//! are written here, as printpdf's own were the slower half of an export.
//! The same pages give the same bytes when the creation date is fixed
//! (`SOURCE_DATE_EPOCH`). The only module that names printpdf.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use printpdf::{
    Actions, DictItem, ExternalStream, ExternalXObject, FontId as PdfFontId, LinkAnnotation, Op,
    ParsedFont, PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect, XObject, XObjectId,
};
use rustc_hash::FxHashMap;

mod content;
mod deflate;
mod encoding;
mod file;
mod outline;
mod tagged;

use crate::fonts::FontId;
use crate::io::{in_words, write_atomic};
use crate::layout::{Document, Item, LinkTarget, Page, TextRun};
use deflate::Deflater;
use encoding::Codes;

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

/// The bundled fonts as printpdf reads them, parsed on first use, one
/// font at a time: most briefs never need the CJK or Hangul fallbacks,
/// and parsing those costs more than a whole export.
static FONTS: [OnceLock<Option<ParsedFont>>; FontId::ALL.len()] =
    [const { OnceLock::new() }; FontId::ALL.len()];

fn parsed(id: FontId) -> Option<&'static ParsedFont> {
    FONTS
        .get(id as usize)?
        .get_or_init(|| ParsedFont::from_bytes(id.bytes(), 0, &mut Vec::new()))
        .as_ref()
}

/// Parses the fonts not yet parsed, half of them on a second thread: the
/// first export of a process (every `briefsmith export`) waits for them.
fn parse_all(fonts: &[FontId]) {
    let new: Vec<FontId> = fonts
        .iter()
        .copied()
        .filter(|f| FONTS.get(*f as usize).is_some_and(|l| l.get().is_none()))
        .collect();
    if new.len() < 2 {
        return;
    }
    let (a, b) = new.split_at(new.len() / 2);
    std::thread::scope(|s| {
        s.spawn(|| a.iter().for_each(|f| _ = parsed(*f)));
        b.iter().for_each(|f| _ = parsed(*f));
    });
}

/// What a page's marked content and annotations belong to, for the
/// structure tree: the element of each MCID, and of each link annotation.
#[derive(Default)]
pub(crate) struct PageMarks {
    pub mcids: Vec<u32>,
    pub links: Vec<Option<u32>>,
}

/// Rotated runs (the watermark) become shared form XObjects, one per
/// distinct run: drawn as outlines once, used on every page.
#[derive(Default)]
struct Forms {
    paths: Vec<(String, f32, f32)>,
    index: FxHashMap<FormKey, usize>,
}

/// A rotated run as drawn: equal keys draw equal outlines.
type FormKey = (String, FontId, [u32; 6]);

fn form_key(run: &TextRun, page: &Page) -> FormKey {
    let b = |v: f32| v.to_bits();
    (
        run.text.clone(),
        run.font,
        [
            b(run.size),
            b(run.angle),
            b(run.x),
            b(run.baseline),
            b(page.height),
            u32::from_be_bytes([run.color.r, run.color.g, run.color.b, 0]),
        ],
    )
}

impl Forms {
    fn collect(doc: &Document) -> Forms {
        let mut forms = Forms::default();
        for page in &doc.pages {
            for item in &page.items {
                let Item::Text(t) = item else { continue };
                if t.angle == 0.0 {
                    continue;
                }
                let key = form_key(t, page);
                if forms.index.contains_key(&key) {
                    continue;
                }
                let path = outline::text_as_path(t, page.height);
                let at = match forms.paths.iter().position(|(p, _, _)| *p == path) {
                    Some(i) => i,
                    None => {
                        forms.paths.push((path, page.width, page.height));
                        forms.paths.len() - 1
                    }
                };
                forms.index.insert(key, at);
            }
        }
        forms
    }

    fn get(&self, run: &TextRun, page: &Page) -> Option<usize> {
        self.index.get(&form_key(run, page)).copied()
    }

    fn register(&self, pdf: &mut PdfDocument) {
        for (i, (path, w, h)) in self.paths.iter().enumerate() {
            let mut dict = BTreeMap::new();
            dict.insert("Type".to_string(), DictItem::Name(b"XObject".to_vec()));
            dict.insert("Subtype".to_string(), DictItem::Name(b"Form".to_vec()));
            dict.insert(
                "BBox".to_string(),
                DictItem::Array(vec![
                    DictItem::Real(0.0),
                    DictItem::Real(0.0),
                    DictItem::Real(*w),
                    DictItem::Real(*h),
                ]),
            );
            let stream = ExternalStream {
                dict,
                content: path.clone().into_bytes(),
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
    let used = encoding::used_glyphs(doc);
    parse_all(&used.keys().copied().collect::<Vec<_>>());
    for f in used.keys() {
        let parsed = parsed(*f).ok_or(PdfError::Font(f.name()))?;
        pdf.resources.fonts.map.insert(
            PdfFontId(encoding::font_name(*f)),
            printpdf::PdfFont::new(parsed.clone()),
        );
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
    let forms = Forms::collect(doc);
    forms.register(&mut pdf);
    // printpdf writes the pages' frames and link annotations; the content
    // is written here, beside it, on a second thread.
    let mut pages: Vec<PdfPage> = doc
        .pages
        .iter()
        .map(|p| {
            let ops = p
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Link(l) => Some(link_op(l, p.height)),
                    _ => None,
                })
                .collect();
            PdfPage::new(
                printpdf::Mm::from(Pt(p.width)),
                printpdf::Mm::from(Pt(p.height)),
                ops,
            )
        })
        .collect();
    if let Some(first) = pages.first_mut() {
        encoding::show_every_glyph(first, &used);
    }
    pdf.with_pages(pages);
    let mut codes = Codes::new(&used);
    let form_of = |run: &TextRun, page: &Page| forms.get(run, page);
    let contents = Turns::new(doc.pages.len());
    let work = |codes: &Codes| write_contents(&contents, doc, codes, &form_of, !opts.untagged);
    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut lo = std::thread::scope(|scope| {
        scope.spawn(|| work(&codes));
        let mut warnings = Vec::new();
        let lo = pdf.to_lopdf_document(&save, &mut warnings);
        work(&codes);
        lo
    });
    drop_later(pdf);
    let assemble = |what: &str| PdfError::Assemble(what.to_string());
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    let content_id = |lo: &lopdf::Document, page: lopdf::ObjectId| {
        lo.get_dictionary(page)
            .and_then(|d| d.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .map_err(|_| assemble("a page has no content"))
    };
    let first = page_ids.first().copied();
    let cids = match first {
        Some(p) => {
            let id = content_id(&lo, p)?;
            let shown = lo
                .get_object(id)
                .and_then(lopdf::Object::as_stream)
                .map(|s| s.content.as_slice())
                .unwrap_or_default();
            encoding::cids_written(shown, &used)
                .ok_or_else(|| assemble("the fonts' glyph codes are unknown"))?
        }
        None => Default::default(),
    };
    if codes.settle(&cids) {
        // Subsetting numbered glyphs another way: write the pages again.
        contents.reset();
        work(&codes);
    }
    if let Some(p) = first {
        let fonts = lo
            .get_dictionary(p)
            .and_then(|d| d.get(b"Resources"))
            .and_then(lopdf::Object::as_reference)
            .and_then(|r| lo.get_dictionary(r))
            .and_then(|r| r.get(b"Font"))
            .and_then(lopdf::Object::as_reference)
            .map_err(|_| assemble("no font resources"))?;
        encoding::apply(&mut lo, fonts, &codes, &cids).map_err(assemble)?;
    }
    let (streams, marks): (Vec<_>, Vec<_>) = contents
        .results()
        .map(|w| {
            let (bytes, deflated, marks) = w.unwrap_or_default();
            ((bytes, deflated), marks)
        })
        .unzip();
    if streams.len() != page_ids.len() {
        return Err(assemble("the page count changed on the way to the PDF"));
    }
    for (page, (content, deflated)) in page_ids.iter().zip(streams) {
        let id = content_id(&lo, *page)?;
        put_back(&mut lo, id, content, deflated);
    }
    // Fonts deflate on a second thread while this one builds the structure
    // tree, then both share what is left.
    let pending = take_uncompressed(&mut lo, opts.pdfa);
    let deflated = Turns::new(pending.len());
    let work = || deflate_pending(&deflated, &pending);
    let finished = std::thread::scope(|scope| {
        scope.spawn(work);
        let r = tagged::finish(&mut lo, doc, &marks, opts, created_secs);
        work();
        r
    });
    for ((id, content), out) in pending.into_iter().zip(deflated.results()) {
        put_back(&mut lo, id, content, out.flatten());
    }
    let elements = finished?;
    // The few streams the structure step added (XMP, ICC profile).
    let mut deflater = Deflater::new(LEVEL);
    for (id, content) in take_uncompressed(&mut lo, opts.pdfa) {
        let deflated = deflater.smaller(&content);
        put_back(&mut lo, id, content, deflated);
    }
    // Object streams need 1.5; the structure tree's conventions are 1.7's.
    lo.version = "1.7".to_string();
    // printpdf draws the file ID from a process-wide counter: derive it
    // from the content instead, so equal input gives equal bytes.
    let id = file_id(doc, created_secs);
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone().into_bytes(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal),
        ]),
    );
    // Object and cross-reference streams: a smaller file, as PDF 1.5 allows.
    let out = file::write(&lo, &elements, LEVEL);
    drop_later(lo);
    Ok(out)
}

/// A link annotation for printpdf to place on its page.
fn link_op(l: &crate::layout::Link, h: f32) -> Op {
    let q = |v: f32| Pt((v * 100.0).round() / 100.0);
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
    Op::LinkAnnotation {
        link: LinkAnnotation::new(
            rect,
            actions,
            Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0])),
            None,
            None,
        ),
    }
}

/// Work shared between threads: each item goes to whichever thread takes
/// it first, and its result lands in the item's own slot, so the results
/// are the same whatever the scheduling.
struct Turns<R> {
    next: AtomicUsize,
    slots: Vec<Mutex<Option<R>>>,
}

impl<R> Turns<R> {
    fn new(items: usize) -> Turns<R> {
        Turns {
            next: AtomicUsize::new(0),
            slots: (0..items).map(|_| Mutex::new(None)).collect(),
        }
    }

    /// Does `work` on items nobody has taken yet, until none are left.
    fn take(&self, mut work: impl FnMut(usize) -> R) {
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(slot) = self.slots.get(i) else {
                return;
            };
            let r = work(i);
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(r);
            }
        }
    }

    /// Every item is to be done again.
    fn reset(&self) {
        self.next.store(0, Ordering::Relaxed);
    }

    fn results(self) -> impl Iterator<Item = Option<R>> {
        self.slots
            .into_iter()
            .map(|s| s.into_inner().ok().flatten())
    }
}

/// A page's content, deflated if that is smaller, and what its marks
/// belong to.
type Written = (Vec<u8>, Option<Vec<u8>>, PageMarks);

/// Writes (and deflates) the content streams of the pages not yet taken.
fn write_contents(
    turns: &Turns<Written>,
    doc: &Document,
    codes: &Codes,
    form_of: &(dyn Fn(&TextRun, &Page) -> Option<usize> + Sync),
    tagged: bool,
) {
    let mut deflater = Deflater::new(LEVEL);
    turns.take(|i| {
        let page = &doc.pages[i];
        let forms = |run: &TextRun| form_of(run, page);
        let refs = content::Refs {
            codes,
            forms: &forms,
            structure: &doc.structure,
            tagged,
        };
        let mut marks = PageMarks::default();
        let bytes = content::page_content(page, &refs, &mut marks);
        let deflated = deflater.smaller(&bytes);
        (bytes, deflated, marks)
    });
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

/// Deflate level: lopdf's own `compress` uses the slowest, which costs
/// more time than it saves bytes.
const LEVEL: u32 = 6;

/// Deflates the streams of `pending` not yet taken.
fn deflate_pending(turns: &Turns<Option<Vec<u8>>>, pending: &[(lopdf::ObjectId, Vec<u8>)]) {
    let mut deflater = Deflater::new(LEVEL);
    turns.take(|i| deflater.smaller(&pending[i].1));
}

/// Large documents take a while to free: the caller need not wait.
fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// A 16-byte identifier from the pages' text and the date: FNV-1a, whose
/// value is fixed by its definition (the standard library's hasher may
/// change between Rust releases, and the same brief must give the same
/// bytes).
fn file_id(doc: &Document, created: i64) -> String {
    let fnv = |seed: u64, parts: &mut dyn Iterator<Item = &[u8]>| {
        let mut h = seed;
        for part in parts {
            for b in part.iter().chain([&0xff]) {
                h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    let date = created.to_le_bytes();
    let texts = || {
        [&date[..], doc.info.title.as_bytes()].into_iter().chain(
            doc.pages
                .iter()
                .flat_map(|p| &p.items)
                .filter_map(|it| match it {
                    Item::Text(t) => Some(t.text.as_bytes()),
                    _ => None,
                }),
        )
    };
    let a = fnv(0xcbf2_9ce4_8422_2325, &mut texts());
    let b = fnv(a, &mut texts());
    format!("{a:016x}{b:016x}")
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
