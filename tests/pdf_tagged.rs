//! Proof of tagged PDF without veraPDF: walks the structure tree and every
//! content stream with lopdf and checks what PDF/UA-1 asks of them — every
//! shown text and XObject is marked content owned by a structure element
//! or an artifact, the ParentTree matches the MCIDs on every page, link
//! annotations belong to Link elements, headings do not skip levels,
//! tables have scoped header cells, and the catalog and XMP say what they
//! must. Run on the SCO brief, every template, a 100-page brief and the
//! hostile corpus; and PDF/A-2b's output intent and identifiers.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use briefsmith::layout::{layout, LayoutOptions};
use briefsmith::model::Brief;
use briefsmith::pdf::{write_pdf, PdfOptions};
use briefsmith::{io, sample, templates};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

fn export(brief: &Brief, opts: &PdfOptions) -> Vec<u8> {
    let doc = layout(
        brief,
        &LayoutOptions {
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
        },
    );
    write_pdf(&doc, opts).expect("the PDF is written")
}

fn fixed() -> PdfOptions {
    PdfOptions {
        created: Some(1_750_000_000),
        ..Default::default()
    }
}

fn resolve<'a>(pdf: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(r) => pdf.get_object(*r).unwrap_or(o),
        _ => o,
    }
}

fn dict<'a>(pdf: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    resolve(pdf, o).as_dict().ok()
}

fn name_of(d: &Dictionary, key: &[u8]) -> Option<String> {
    d.get(key)
        .ok()
        .and_then(|n| n.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// What the structure tree says it owns.
#[derive(Default)]
struct Tree {
    /// (page, MCID) → the element that owns it.
    mcids: HashMap<(ObjectId, i64), ObjectId>,
    /// Annotation → the Link element with its OBJR.
    objrs: HashMap<ObjectId, ObjectId>,
    /// Structure types in reading order, for the heading check.
    order: Vec<String>,
    problems: Vec<String>,
}

impl Tree {
    fn walk(&mut self, pdf: &Document, id: ObjectId, parent: ObjectId, depth: usize) {
        if depth > 64 {
            self.problems.push("the structure tree is too deep".into());
            return;
        }
        let Ok(el) = pdf.get_dictionary(id) else {
            self.problems.push(format!("element {id:?} is missing"));
            return;
        };
        let s = name_of(el, b"S").unwrap_or_default();
        if el.get(b"P").ok().and_then(|p| p.as_reference().ok()) != Some(parent) {
            self.problems
                .push(format!("{s} {id:?}: /P is not its parent"));
        }
        self.order.push(s.clone());
        if s == "TH" {
            let scope = el
                .get(b"A")
                .ok()
                .and_then(|a| dict(pdf, a))
                .and_then(|a| name_of(a, b"Scope"));
            match scope.as_deref() {
                Some("Column") | Some("Row") => {}
                other => self.problems.push(format!("TH {id:?} has scope {other:?}")),
            }
        }
        if s == "Table" {
            // A table with no columns (a caption alone) has no cells to head.
            let ths = self.count(pdf, id, "TH", 0);
            if ths == 0 && self.count(pdf, id, "TD", 0) > 0 {
                self.problems.push(format!("Table {id:?} has no TH"));
            }
            // A data table (with a THead) heads its columns.
            if self.count(pdf, id, "THead", 0) > 0 && self.scoped(pdf, id, "Column", 0) == 0 {
                self.problems
                    .push(format!("Table {id:?} has no TH with /Scope /Column"));
            }
        }
        let page = el.get(b"Pg").ok().and_then(|p| p.as_reference().ok());
        let kids = match el.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        for k in kids {
            match &k {
                Object::Integer(m) => match page {
                    Some(pg) => {
                        if self.mcids.insert((pg, *m), id).is_some() {
                            self.problems.push(format!("MCID {m} owned twice"));
                        }
                    }
                    None => self.problems.push(format!("{s}: MCID {m} without /Pg")),
                },
                Object::Reference(r) => self.walk(pdf, *r, id, depth + 1),
                Object::Dictionary(d) => match name_of(d, b"Type").as_deref() {
                    Some("MCR") => {
                        let pg = d.get(b"Pg").ok().and_then(|p| p.as_reference().ok());
                        let m = d.get(b"MCID").ok().and_then(|m| m.as_i64().ok());
                        match (pg.or(page), m) {
                            (Some(pg), Some(m)) => {
                                self.mcids.insert((pg, m), id);
                            }
                            _ => self.problems.push(format!("{s}: a bad MCR")),
                        }
                    }
                    Some("OBJR") => {
                        if s != "Link" {
                            self.problems.push(format!("an OBJR under {s}"));
                        }
                        if let Ok(obj) = d.get(b"Obj").and_then(Object::as_reference) {
                            self.objrs.insert(obj, id);
                        }
                    }
                    other => self.problems.push(format!("{s}: kid of type {other:?}")),
                },
                other => self.problems.push(format!("{s}: kid {other:?}")),
            }
        }
    }

    /// Descendants of `id` of type `s`.
    fn count(&self, pdf: &Document, id: ObjectId, s: &str, depth: usize) -> usize {
        self.descend(pdf, id, depth, &|el| {
            name_of(el, b"S").as_deref() == Some(s)
        })
    }

    /// TH descendants with /Scope `scope`.
    fn scoped(&self, pdf: &Document, id: ObjectId, scope: &str, depth: usize) -> usize {
        self.descend(pdf, id, depth, &|el| {
            name_of(el, b"S").as_deref() == Some("TH")
                && el
                    .get(b"A")
                    .ok()
                    .and_then(|a| dict(pdf, a))
                    .and_then(|a| name_of(a, b"Scope"))
                    .as_deref()
                    == Some(scope)
        })
    }

    fn descend(
        &self,
        pdf: &Document,
        id: ObjectId,
        depth: usize,
        f: &dyn Fn(&Dictionary) -> bool,
    ) -> usize {
        let Ok(el) = pdf.get_dictionary(id) else {
            return 0;
        };
        let kids = match el.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => Vec::new(),
        };
        kids.iter()
            .filter_map(|k| k.as_reference().ok())
            .filter(|_| depth < 64)
            .map(|r| {
                let me = pdf.get_dictionary(r).map(|d| f(d) as usize).unwrap_or(0);
                me + self.descend(pdf, r, depth + 1, f)
            })
            .sum()
    }
}

/// The ParentTree's number tree, flattened.
fn parent_tree(pdf: &Document, node: &Dictionary, out: &mut HashMap<i64, Object>, depth: usize) {
    if let Ok(nums) = node.get(b"Nums").and_then(Object::as_array) {
        for pair in nums.chunks(2) {
            if let [Object::Integer(k), v] = pair {
                // Page entries are arrays; annotations' are references.
                let v = match resolve(pdf, v) {
                    Object::Array(a) => Object::Array(a.clone()),
                    _ => v.clone(),
                };
                out.insert(*k, v);
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
        for k in kids {
            if let Some(d) = dict(pdf, k) {
                if depth < 32 {
                    parent_tree(pdf, d, out, depth + 1);
                }
            }
        }
    }
}

/// Every problem a PDF/UA-1 checker would find in the parts checked here.
fn problems(bytes: &[u8]) -> Vec<String> {
    let pdf = Document::load_mem(bytes).expect("the PDF parses");
    let mut problems = Vec::new();
    let catalog = pdf.catalog().expect("a catalog");
    // Catalog and metadata.
    let marked = catalog
        .get(b"MarkInfo")
        .ok()
        .and_then(|m| dict(&pdf, m))
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|m| m.as_bool().ok());
    if marked != Some(true) {
        problems.push("no /MarkInfo << /Marked true >>".into());
    }
    match catalog.get(b"Lang").and_then(Object::as_str) {
        Ok(l) if !l.is_empty() => {}
        _ => problems.push("no /Lang".into()),
    }
    let display = catalog
        .get(b"ViewerPreferences")
        .ok()
        .and_then(|v| dict(&pdf, v))
        .and_then(|v| v.get(b"DisplayDocTitle").ok())
        .and_then(|v| v.as_bool().ok());
    if display != Some(true) {
        problems.push("no /DisplayDocTitle true".into());
    }
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|r| pdf.get_object(r))
        .and_then(Object::as_stream)
        .map(|s| {
            String::from_utf8_lossy(&s.decompressed_content().unwrap_or(s.content.clone()))
                .into_owned()
        })
        .unwrap_or_default();
    for want in [
        "<pdfuaid:part>1</pdfuaid:part>",
        "<dc:title>",
        "<xmp:CreateDate>",
        "<pdf:Producer>",
    ] {
        if !xmp.contains(want) {
            problems.push(format!("the XMP has no {want}"));
        }
    }
    if let Ok(info) = pdf.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(d) = pdf.get_dictionary(info) {
            if d.get(b"GTS_PDFXVersion").is_ok() {
                problems.push("the Info claims PDF/X".into());
            }
        }
    }
    if pdf.version != "1.7" {
        problems.push(format!("PDF version {}", pdf.version));
    }
    // The structure tree.
    let Some(root) = catalog
        .get(b"StructTreeRoot")
        .ok()
        .and_then(|r| r.as_reference().ok())
    else {
        problems.push("no StructTreeRoot".into());
        return problems;
    };
    let root_dict = pdf.get_dictionary(root).expect("the StructTreeRoot");
    let mut tree = Tree::default();
    match root_dict.get(b"K").and_then(Object::as_reference) {
        Ok(doc) => {
            if pdf
                .get_dictionary(doc)
                .ok()
                .and_then(|d| name_of(d, b"S"))
                .as_deref()
                != Some("Document")
            {
                problems.push("the root element is not a Document".into());
            }
            tree.walk(&pdf, doc, root, 0);
        }
        Err(_) => problems.push("the StructTreeRoot has no element".into()),
    }
    problems.append(&mut tree.problems);
    // Headings: an H1 first, and never a jump of more than one level.
    let mut level = 0;
    for s in &tree.order {
        if let Some(n) = s.strip_prefix('H').and_then(|n| n.parse::<u32>().ok()) {
            if n > level + 1 {
                problems.push(format!("H{n} follows H{level}"));
            }
            level = n;
        }
    }
    let mut nums = HashMap::new();
    if let Some(pt) = root_dict
        .get(b"ParentTree")
        .ok()
        .and_then(|p| dict(&pdf, p))
    {
        parent_tree(&pdf, pt, &mut nums, 0);
    } else {
        problems.push("no ParentTree".into());
    }
    // Every page's content and annotations.
    for (n, page_id) in pdf.get_pages() {
        let page = pdf.get_dictionary(page_id).expect("a page");
        if name_of(page, b"Tabs").as_deref() != Some("S") {
            problems.push(format!("page {n}: no /Tabs /S"));
        }
        let key = page.get(b"StructParents").and_then(Object::as_i64);
        let owners = key
            .ok()
            .and_then(|k| nums.get(&k))
            .and_then(|o| o.as_array().ok())
            .cloned();
        let Some(owners) = owners else {
            problems.push(format!("page {n}: no ParentTree entry"));
            continue;
        };
        let content =
            Content::decode(&pdf.get_page_content(page_id)).expect("the content stream decodes");
        // The open marked-content sequences: (MCID, is an artifact).
        let mut stack: Vec<(Option<i64>, bool)> = Vec::new();
        let mut seen = HashSet::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "BMC" => stack.push((
                    None,
                    op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"Artifact"),
                )),
                "BDC" => {
                    let tag = op.operands.first().and_then(|o| o.as_name().ok());
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(|p| dict(&pdf, p))
                        .and_then(|p| p.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok());
                    if let Some(m) = mcid {
                        if !seen.insert(m) {
                            problems.push(format!("page {n}: MCID {m} used twice"));
                        }
                        match tree.mcids.get(&(page_id, m)) {
                            None => problems.push(format!("page {n}: MCID {m} has no element")),
                            Some(el) => {
                                let listed =
                                    owners.get(m as usize).and_then(|o| o.as_reference().ok());
                                if listed != Some(*el) {
                                    problems.push(format!(
                                        "page {n}: ParentTree says {listed:?} owns MCID {m}, \
                                         the tree says {el:?}"
                                    ));
                                }
                            }
                        }
                    }
                    stack.push((mcid, tag == Some(b"Artifact")));
                }
                "EMC" if stack.pop().is_none() => {
                    problems.push(format!("page {n}: EMC without BDC"));
                }
                "Tj" | "TJ" | "'" | "\"" | "Do" => {
                    let ok = stack.iter().any(|(m, art)| m.is_some() || *art);
                    let artifact_in_content =
                        stack.iter().any(|(_, a)| *a) && stack.iter().any(|(m, _)| m.is_some());
                    if !ok {
                        problems.push(format!("page {n}: {} outside marked content", op.operator));
                    }
                    if artifact_in_content {
                        problems.push(format!("page {n}: an artifact inside content"));
                    }
                }
                _ => {}
            }
        }
        if !stack.is_empty() {
            problems.push(format!("page {n}: marked content left open"));
        }
        if seen.len() != owners.len() {
            problems.push(format!(
                "page {n}: {} MCIDs drawn, {} in the ParentTree",
                seen.len(),
                owners.len()
            ));
        }
        for annot in page
            .get(b"Annots")
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default()
        {
            let Ok(aid) = annot.as_reference() else {
                problems.push(format!("page {n}: an annotation is not an object"));
                continue;
            };
            let a = pdf.get_dictionary(aid).expect("an annotation");
            if a.get(b"Contents").is_err() {
                problems.push(format!("page {n}: a link without /Contents"));
            }
            let owner = a
                .get(b"StructParent")
                .and_then(Object::as_i64)
                .ok()
                .and_then(|k| nums.get(&k))
                .and_then(|o| o.as_reference().ok());
            match (owner, tree.objrs.get(&aid)) {
                (Some(o), Some(l)) if o == *l => {}
                (o, l) => problems.push(format!(
                    "page {n}: annotation {aid:?} belongs to {o:?} by its StructParent, \
                     {l:?} by an OBJR"
                )),
            }
        }
    }
    problems
}

fn assert_tagged(what: &str, bytes: &[u8]) {
    let p = problems(bytes);
    assert!(p.is_empty(), "{what}:\n  {}", p.join("\n  "));
}

/// Names of the structure types in reading order.
fn structure_types(bytes: &[u8]) -> Vec<String> {
    let pdf = Document::load_mem(bytes).unwrap();
    let root = pdf
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let doc = pdf
        .get_dictionary(root)
        .unwrap()
        .get(b"K")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut t = Tree::default();
    t.walk(&pdf, doc, root, 0);
    t.order
}

#[test]
fn sco_brief_is_tagged_in_reading_order() {
    let mut b = sample::sco();
    b.sections[0]
        .blocks
        .push(briefsmith::model::Block::paragraph(
            "Full communiqué: https://example.org/sco/communique.html for reference.",
        ));
    b.meta.language = "en-GB".into();
    let bytes = export(&b, &fixed());
    assert_tagged("SCO", &bytes);
    let types = structure_types(&bytes);
    assert_eq!(types.first().map(String::as_str), Some("Document"));
    assert_eq!(types.iter().filter(|t| *t == "H1").count(), 1, "{types:?}");
    let h1 = types.iter().position(|t| t == "H1").unwrap();
    let h2 = types.iter().position(|t| t == "H2").unwrap();
    assert!(h1 < h2);
    for want in [
        "P", "L", "LI", "Lbl", "LBody", "Table", "THead", "TBody", "TR", "TH", "TD", "Link",
    ] {
        assert!(types.iter().any(|t| t == want), "no {want} in {types:?}");
    }
    let pdf = Document::load_mem(&bytes).unwrap();
    let lang = pdf
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(lang, b"en-GB");
}

#[test]
fn every_template_is_tagged() {
    assert!(!templates::TEMPLATES.is_empty());
    for t in templates::TEMPLATES {
        let brief = t.brief().expect("the template loads");
        assert_tagged(t.name, &export(&brief, &fixed()));
    }
}

#[test]
fn a_hundred_page_brief_is_tagged_and_split_tables_stay_one_table() {
    let b = sample::generated(30, 700);
    let bytes = export(&b, &fixed());
    let pdf = Document::load_mem(&bytes).unwrap();
    let pages = pdf.get_pages().len();
    assert!((90..=130).contains(&pages), "{pages} pages");
    assert_tagged("generated", &bytes);
    // A repeated header row is an artifact: the tree has one THead a table.
    let types = structure_types(&bytes);
    let tables = types.iter().filter(|t| *t == "Table").count();
    let heads = types.iter().filter(|t| *t == "THead").count();
    assert!(heads <= tables, "{heads} THead for {tables} tables");
}

#[test]
fn the_hostile_corpus_is_tagged_when_it_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut checked = 0;
    for f in files {
        if let Ok(brief) = io::load(&f) {
            assert_tagged(&f.display().to_string(), &export(&brief, &fixed()));
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} files checked");
}

#[test]
fn the_language_is_the_briefs() {
    let mut b = sample::sco();
    b.meta.language = "en-US".into();
    let bytes = export(&b, &fixed());
    let pdf = Document::load_mem(&bytes).unwrap();
    let lang = pdf
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(lang, b"en-US");
}

#[test]
fn pdfa_has_an_srgb_output_intent_and_its_identifiers() {
    let opts = PdfOptions {
        pdfa: true,
        ..fixed()
    };
    let bytes = export(&sample::sco(), &opts);
    assert_tagged("SCO as PDF/A", &bytes);
    let pdf = Document::load_mem(&bytes).unwrap();
    let catalog = pdf.catalog().unwrap();
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    assert_eq!(intents.len(), 1);
    let intent = dict(&pdf, &intents[0]).unwrap();
    assert_eq!(name_of(intent, b"S").as_deref(), Some("GTS_PDFA1"));
    let icc = intent
        .get(b"DestOutputProfile")
        .unwrap()
        .as_reference()
        .unwrap();
    let icc = pdf.get_object(icc).unwrap().as_stream().unwrap();
    assert_eq!(icc.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    let profile = icc.decompressed_content().unwrap_or(icc.content.clone());
    assert_eq!(&profile[36..40], b"acsp", "an ICC profile");
    assert_eq!(&profile[16..20], b"RGB ", "an RGB profile");
    let xmp = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = String::from_utf8_lossy(&pdf.get_object(xmp).unwrap().as_stream().unwrap().content)
        .into_owned();
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert!(pdf.trailer.get(b"Encrypt").is_err());
    // Without the option, no output intent and no PDF/A claim.
    let plain = export(&sample::sco(), &fixed());
    let pdf = Document::load_mem(&plain).unwrap();
    assert!(pdf.catalog().unwrap().get(b"OutputIntents").is_err());
    assert!(!String::from_utf8_lossy(&plain).contains("pdfaid:part"));
}

#[test]
fn a_link_broken_across_lines_is_clickable_on_every_line_with_its_whole_target() {
    let url = "https://example.org/records/2025/ministerial-meetings/qingdao/\
               communique-and-annexes/final-text-as-agreed-by-all-delegations.html";
    let mut b = sample::sco();
    b.sections[0]
        .blocks
        .push(briefsmith::model::Block::paragraph(format!(
            "The agreed text is published at {url} for reference."
        )));
    let doc = layout(&b, &LayoutOptions::default());
    let mut lines = Vec::new();
    for p in &doc.pages {
        for it in &p.items {
            if let briefsmith::layout::Item::Link(l) = it {
                assert_eq!(l.target, briefsmith::layout::LinkTarget::Uri(url.into()));
                lines.push((l.y, l.tag));
            }
        }
    }
    assert!(lines.len() >= 2, "the address breaks: {lines:?}");
    // One Link element for the whole address, and the address's text is
    // its, on every line: a screen reader reads the link as a link.
    assert!(lines.iter().all(|(_, t)| *t == lines[0].1), "{lines:?}");
    let link_text: String = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|it| match it {
            briefsmith::layout::Item::Text(t) if t.tag == lines[0].1 => Some(t.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(link_text, url);
    let bytes = write_pdf(&doc, &fixed()).unwrap();
    assert_tagged("broken link", &bytes);
    let pdf = Document::load_mem(&bytes).unwrap();
    // In the file: the Link element holds marked content (its text) as
    // well as its annotations.
    let links: Vec<&Dictionary> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| name_of(d, b"S").as_deref() == Some("Link"))
        .collect();
    assert_eq!(links.len(), 1);
    let kids = links[0].get(b"K").unwrap().as_array().unwrap();
    let marked = kids
        .iter()
        .filter(|k| match resolve(&pdf, k) {
            Object::Integer(_) => true,
            Object::Dictionary(d) => name_of(d, b"Type").as_deref() == Some("MCR"),
            _ => false,
        })
        .count();
    assert_eq!(marked, lines.len(), "{kids:?}");
    let mut uris = 0;
    for (_, page) in pdf.get_pages() {
        let page = pdf.get_dictionary(page).unwrap();
        for a in page
            .get(b"Annots")
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default()
        {
            let a = pdf.get_dictionary(a.as_reference().unwrap()).unwrap();
            let action = dict(&pdf, a.get(b"A").unwrap()).unwrap();
            assert_eq!(
                action.get(b"URI").unwrap().as_str().unwrap(),
                url.as_bytes()
            );
            uris += 1;
        }
    }
    assert_eq!(uris, lines.len());
}
