//! What printpdf does not write, added in lopdf once it has: the structure
//! tree (StructTreeRoot, elements in reading order, ParentTree,
//! `/StructParents`, link annotations as objects tied to `Link`
//! elements), nested bookmarks to the headings' positions, the catalog's
//! `/MarkInfo`, `/Lang` and `/ViewerPreferences`, XMP metadata (PDF/UA-1,
//! and PDF/A-2b on request with its sRGB output intent).

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use super::file::{self, Prewritten};
use super::{PageMarks, PdfError, PdfOptions};
use crate::layout::{Document, Role};

/// The sRGB profile of Debian's colord-data (see `assets/icc/`).
const SRGB_ICC: &[u8] = include_bytes!("../../assets/icc/sRGB.icc");

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn reference(id: ObjectId) -> Object {
    Object::Reference(id)
}

fn dict(entries: Vec<(&str, Object)>) -> Dictionary {
    let mut d = Dictionary::new();
    for (k, v) in entries {
        d.set(k, v);
    }
    d
}

/// A text string as readers expect it: ASCII as is, anything else UTF-16BE.
fn text(s: &str) -> Object {
    Object::String(text_bytes(s), StringFormat::Literal)
}

fn text_bytes(s: &str) -> Vec<u8> {
    if s.is_ascii() {
        return s.as_bytes().to_vec();
    }
    let mut b = vec![0xfe, 0xff];
    for u in s.encode_utf16() {
        b.extend(u.to_be_bytes());
    }
    b
}

/// What a structure element holds, in order.
enum Kid {
    /// Marked content on the element's own page (`/Pg`).
    Mcid(usize),
    /// Marked content on a later page.
    OnPage {
        page: ObjectId,
        mcid: usize,
    },
    /// A link annotation.
    Annotation {
        obj: ObjectId,
        page: ObjectId,
    },
    Element(ObjectId),
}

fn assemble(what: &str) -> PdfError {
    PdfError::Assemble(what.to_string())
}

/// Adds everything this module owns to printpdf's document; the structure
/// elements come back written ahead, for the file writer to pack.
pub(crate) fn finish(
    lo: &mut lopdf::Document,
    doc: &Document,
    marks: &[PageMarks],
    opts: &PdfOptions,
    created: i64,
) -> Result<Prewritten, PdfError> {
    let pages: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    if pages.len() != doc.pages.len() || marks.len() != pages.len() {
        return Err(assemble("the page count changed on the way to the PDF"));
    }
    let catalog_id = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| assemble("no catalog"))?;
    let mut catalog = lo
        .get_dictionary(catalog_id)
        .map_err(|_| assemble("no catalog"))?
        .clone();
    let mut elements = Prewritten::default();
    if !opts.untagged {
        let root = structure(lo, doc, marks, &pages, &mut elements)?;
        catalog.set("StructTreeRoot", reference(root));
        catalog.set(
            "MarkInfo",
            Object::Dictionary(dict(vec![("Marked", Object::Boolean(true))])),
        );
    }
    catalog.set(
        "Lang",
        Object::String(doc.info.language.as_bytes().to_vec(), StringFormat::Literal),
    );
    catalog.set(
        "ViewerPreferences",
        Object::Dictionary(dict(vec![("DisplayDocTitle", Object::Boolean(true))])),
    );
    let outlines = bookmarks(lo, doc, &pages);
    catalog.set("Outlines", reference(outlines));
    catalog.set("PageMode", name("UseOutlines"));
    let xmp = Stream::new(
        dict(vec![("Type", name("Metadata")), ("Subtype", name("XML"))]),
        xmp(doc, opts, created).into_bytes(),
    );
    catalog.set("Metadata", reference(lo.add_object(xmp)));
    if opts.pdfa {
        let icc = Stream::new(
            dict(vec![
                ("N", Object::Integer(3)),
                ("Alternate", name("DeviceRGB")),
            ]),
            SRGB_ICC.to_vec(),
        );
        let icc = lo.add_object(icc);
        let intent = dict(vec![
            ("Type", name("OutputIntent")),
            ("S", name("GTS_PDFA1")),
            ("OutputConditionIdentifier", text("sRGB")),
            ("Info", text("sRGB IEC61966-2.1")),
            ("RegistryName", text("http://www.color.org")),
            ("DestOutputProfile", reference(icc)),
        ]);
        catalog.set(
            "OutputIntents",
            Object::Array(vec![Object::Dictionary(intent)]),
        );
    } else {
        catalog.remove(b"OutputIntents");
    }
    lo.objects.insert(catalog_id, Object::Dictionary(catalog));
    // printpdf claims PDF/X with an empty version: no such claim.
    if let Ok(info) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(d) = lo.get_dictionary_mut(info) {
            d.remove(b"GTS_PDFXVersion");
            d.remove(b"Identifier");
            d.remove(b"Trapped");
        }
    }
    Ok(elements)
}

/// Builds the structure tree; the StructTreeRoot's id.
fn structure(
    lo: &mut lopdf::Document,
    doc: &Document,
    marks: &[PageMarks],
    pages: &[ObjectId],
    out: &mut Prewritten,
) -> Result<ObjectId, PdfError> {
    let n = doc.structure.len();
    let ids: Vec<ObjectId> = (0..n).map(|_| lo.new_object_id()).collect();
    let document = lo.new_object_id();
    // Marked content and annotations of each element, in page order.
    let mut kids: Vec<Vec<Kid>> = (0..n).map(|_| Vec::new()).collect();
    let mut first_page: Vec<Option<usize>> = vec![None; n];
    let mut nums = Vec::new();
    for (p, m) in marks.iter().enumerate() {
        let mut owners = Vec::with_capacity(m.mcids.len());
        for (mcid, &e) in m.mcids.iter().enumerate() {
            let e = e as usize;
            let Some(id) = ids.get(e) else {
                return Err(assemble("marked content of an unknown element"));
            };
            owners.push(reference(*id));
            let first = *first_page[e].get_or_insert(p);
            kids[e].push(if first == p {
                Kid::Mcid(mcid)
            } else {
                Kid::OnPage {
                    page: pages[p],
                    mcid,
                }
            });
        }
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(owners));
    }
    // Link annotations become objects of their own, each tied to its
    // Link element by an OBJR and a /StructParent key after the pages'.
    let mut next_key = pages.len() as i64;
    for (p, m) in marks.iter().enumerate() {
        let page = lo
            .get_dictionary(pages[p])
            .map_err(|_| assemble("a page is missing"))?
            .clone();
        let annots = page
            .get(b"Annots")
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default();
        let mut refs = Vec::with_capacity(annots.len());
        for (k, a) in annots.into_iter().enumerate() {
            let Object::Dictionary(mut a) = a else {
                refs.push(a);
                continue;
            };
            a.set("F", Object::Integer(4));
            let owner = m.links.get(k).copied().flatten().map(|e| e as usize);
            let aid = lo.new_object_id();
            if let Some(e) = owner.filter(|e| *e < n) {
                if let Role::Link { contents } = &doc.structure[e].role {
                    a.set("Contents", text(contents));
                }
                a.set("StructParent", Object::Integer(next_key));
                nums.push(Object::Integer(next_key));
                nums.push(reference(ids[e]));
                next_key += 1;
                first_page[e].get_or_insert(p);
                kids[e].push(Kid::Annotation {
                    obj: aid,
                    page: pages[p],
                });
            }
            lo.objects.insert(aid, Object::Dictionary(a));
            refs.push(reference(aid));
        }
        let d = lo
            .get_dictionary_mut(pages[p])
            .map_err(|_| assemble("a page is missing"))?;
        d.set("Annots", Object::Array(refs));
        d.set("StructParents", Object::Integer(p as i64));
        d.set("Tabs", name("S"));
    }
    // Elements with nothing in them are left out, except table cells
    // (an empty cell still holds its place in the grid). Children come
    // after their parents, so one backward pass settles it.
    let mut keep = vec![false; n];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut top = Vec::new();
    for e in (0..n).rev() {
        let el = &doc.structure[e];
        keep[e] = !kids[e].is_empty()
            || !children[e].is_empty()
            || matches!(el.role, Role::TD | Role::TH { .. });
        if !keep[e] {
            continue;
        }
        match el.parent.map(|p| p as usize).filter(|p| *p < e) {
            Some(p) => children[p].push(e),
            None => top.push(e),
        }
    }
    for e in 0..n {
        if !keep[e] {
            continue;
        }
        let el = &doc.structure[e];
        let mut k = std::mem::take(&mut kids[e]);
        k.extend(children[e].iter().rev().map(|c| Kid::Element(ids[*c])));
        let parent = el
            .parent
            .map(|p| p as usize)
            .filter(|p| *p < e)
            .map_or(document, |p| ids[p]);
        let page = first_page[e].map(|p| pages[p]);
        out.add(ids[e], |b| element(b, &el.role, parent, page, &k));
    }
    let root = lo.new_object_id();
    lo.objects.insert(
        document,
        Object::Dictionary(dict(vec![
            ("Type", name("StructElem")),
            ("S", name("Document")),
            ("P", reference(root)),
            (
                "K",
                Object::Array(top.iter().rev().map(|e| reference(ids[*e])).collect()),
            ),
        ])),
    );
    let parent_tree = lo.add_object(dict(vec![("Nums", Object::Array(nums))]));
    lo.objects.insert(
        root,
        Object::Dictionary(dict(vec![
            ("Type", name("StructTreeRoot")),
            ("K", reference(document)),
            ("ParentTree", reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(next_key)),
        ])),
    );
    Ok(root)
}

/// One structure element's dictionary. `/Type` is optional for elements:
/// left out, as there are many.
fn element(b: &mut Vec<u8>, role: &Role, parent: ObjectId, page: Option<ObjectId>, kids: &[Kid]) {
    b.extend_from_slice(b"<</S");
    file::name(b, role.name().as_bytes());
    b.extend_from_slice(b"/P ");
    file::reference(b, parent);
    b.extend_from_slice(b"/K[");
    for (i, k) in kids.iter().enumerate() {
        if i > 0 {
            b.push(b' ');
        }
        match *k {
            Kid::Mcid(m) => file::integer(b, m as i64),
            Kid::OnPage { page, mcid } => {
                b.extend_from_slice(b"<</Type/MCR/Pg ");
                file::reference(b, page);
                b.extend_from_slice(b"/MCID ");
                file::integer(b, mcid as i64);
                b.extend_from_slice(b">>");
            }
            Kid::Annotation { obj, page } => {
                b.extend_from_slice(b"<</Type/OBJR/Obj ");
                file::reference(b, obj);
                b.extend_from_slice(b"/Pg ");
                file::reference(b, page);
                b.extend_from_slice(b">>");
            }
            Kid::Element(id) => file::reference(b, id),
        }
    }
    b.push(b']');
    if let Some(p) = page {
        b.extend_from_slice(b"/Pg ");
        file::reference(b, p);
    }
    match role {
        Role::TH { row } => {
            b.extend_from_slice(b"/A<</O/Table/Scope/");
            b.extend_from_slice(if *row { b"Row" } else { b"Column" });
            b.extend_from_slice(b">>");
        }
        Role::Link { contents } => {
            b.extend_from_slice(b"/Alt");
            file::string(b, &text_bytes(contents), StringFormat::Literal);
        }
        Role::L { numbered } => {
            b.extend_from_slice(b"/A<</O/List/ListNumbering/");
            b.extend_from_slice(if *numbered { b"Decimal" } else { b"Disc" });
            b.extend_from_slice(b">>");
        }
        _ => {}
    }
    b.extend_from_slice(b">>");
}

/// Bookmarks: the title, and under it one entry a heading, each opening
/// at the heading's place on its page.
fn bookmarks(lo: &mut lopdf::Document, doc: &Document, pages: &[ObjectId]) -> ObjectId {
    let line = crate::model::text::single_line;
    let outlines = lo.new_object_id();
    let title_id = lo.new_object_id();
    let dest = |page: usize, left: f32, top: f32| {
        let page = page.min(pages.len().saturating_sub(1));
        let r = |v: f32| Object::Real(((v * 100.0).round() / 100.0).max(0.0));
        Object::Array(vec![
            pages.get(page).map_or(Object::Null, |p| reference(*p)),
            name("XYZ"),
            r(left),
            r(top),
            Object::Null,
        ])
    };
    let entries: Vec<ObjectId> = doc.outline.iter().map(|_| lo.new_object_id()).collect();
    for (i, (e, id)) in doc.outline.iter().zip(&entries).enumerate() {
        let height = doc.pages.get(e.page).map_or(0.0, |p| p.height);
        let mut d = dict(vec![
            ("Title", text(&line(&e.title))),
            ("Parent", reference(title_id)),
            ("Dest", dest(e.page, e.x, height - e.y)),
        ]);
        if i > 0 {
            d.set("Prev", reference(entries[i - 1]));
        }
        if let Some(next) = entries.get(i + 1) {
            d.set("Next", reference(*next));
        }
        lo.objects.insert(*id, Object::Dictionary(d));
    }
    let title = line(&doc.info.title);
    let title = if title.trim().is_empty() {
        "Untitled brief".to_string()
    } else {
        title.trim().to_string()
    };
    let top = doc.pages.first().map_or(0.0, |p| p.height);
    let mut t = dict(vec![
        ("Title", text(&title)),
        ("Parent", reference(outlines)),
        ("Dest", dest(0, 0.0, top)),
    ]);
    if let (Some(first), Some(last)) = (entries.first(), entries.last()) {
        t.set("First", reference(*first));
        t.set("Last", reference(*last));
        t.set("Count", Object::Integer(entries.len() as i64));
    }
    lo.objects.insert(title_id, Object::Dictionary(t));
    lo.objects.insert(
        outlines,
        Object::Dictionary(dict(vec![
            ("Type", name("Outlines")),
            ("First", reference(title_id)),
            ("Last", reference(title_id)),
            ("Count", Object::Integer(entries.len() as i64 + 1)),
        ])),
    );
    outlines
}

fn xml(s: &str) -> String {
    crate::model::text::single_line(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XMP packet: the same properties as the Info dictionary, and the
/// PDF/UA (and PDF/A) identifiers.
fn xmp(doc: &Document, opts: &PdfOptions, created: i64) -> String {
    let date = chrono::DateTime::from_timestamp(created, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S+00:00")
        .to_string();
    let info = &doc.info;
    let keywords: Vec<String> = info
        .keywords
        .iter()
        .map(|k| crate::model::text::single_line(k).trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    let producer = format!("Briefsmith {}", env!("CARGO_PKG_VERSION"));
    let lang = xml(&info.language);
    let alt = |v: &str| {
        format!(
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
            xml(v)
        )
    };
    let (pdfa, extension) = if opts.pdfa {
        (
            "\n   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>B</pdfaid:conformance>",
            PDFUA_EXTENSION,
        )
    } else {
        ("", "")
    };
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:format>application/pdf</dc:format>
   <dc:title>{title}</dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description>{subject}</dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreatorTool>{producer}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>{pdfa}{extension}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}',
        title = alt(&info.title),
        author = xml(&info.author),
        subject = alt(&info.subject),
        keywords = xml(&keywords.join(",")),
        producer = xml(&producer),
    )
}

/// PDF/A-2 knows only the schemas it lists: pdfuaid is declared here.
const PDFUA_EXTENSION: &str = r#"
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>"#;
