//! The exported PDF's document properties (the Info dictionary) and its
//! bookmarks hold no control characters or direction overrides, whatever
//! the brief's text holds, and keep the words around them.

use briefsmith::layout::{layout, LayoutOptions};
use briefsmith::model::{text::is_hidden_control, Block, Brief, Section};
use briefsmith::pdf::{write_pdf, PdfOptions};
use lopdf::{Dictionary, Object};

/// Every hidden character: U+0000–U+001F but tab and newline, U+007F,
/// U+202A–U+202E and U+2066–U+2069.
fn all_hidden() -> String {
    let s: String = (0u32..0x20)
        .chain([0x7f])
        .chain(0x202a..=0x202e)
        .chain(0x2066..=0x2069)
        .filter_map(char::from_u32)
        .filter(|c| *c != '\t' && *c != '\n')
        .collect();
    assert_eq!(s.chars().count(), 30 + 1 + 5 + 4);
    assert!(s.chars().all(is_hidden_control));
    s
}

/// A PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding
/// (which agrees with Latin-1 for the characters that matter here).
fn decode(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(be) => {
            let units: Vec<u16> = be
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16(&units).expect("valid UTF-16")
        }
        None => bytes.iter().map(|b| *b as char).collect(),
    }
}

fn dict<'a>(pdf: &'a lopdf::Document, o: &'a Object) -> &'a Dictionary {
    match o {
        Object::Reference(r) => pdf.get_dictionary(*r).expect("a dictionary"),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

/// Every text string of the Info dictionary, by key.
fn info(pdf: &lopdf::Document) -> Vec<(String, String)> {
    let info = dict(pdf, pdf.trailer.get(b"Info").expect("an Info dictionary"));
    info.iter()
        .filter_map(|(k, v)| match v {
            Object::String(s, _) => Some((String::from_utf8_lossy(k).into_owned(), decode(s))),
            _ => None,
        })
        .collect()
}

/// The /Title of every bookmark, following /First and /Next.
fn bookmarks(pdf: &lopdf::Document) -> Vec<String> {
    let catalog = pdf.catalog().expect("a catalog");
    let Ok(outlines) = catalog.get(b"Outlines") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![dict(pdf, outlines).get(b"First").ok()];
    while let Some(next) = stack.pop() {
        let Some(item) = next else { continue };
        let d = dict(pdf, item);
        if let Ok(Object::String(s, _)) = d.get(b"Title") {
            out.push(decode(s));
        }
        stack.push(d.get(b"Next").ok());
        stack.push(d.get(b"First").ok());
    }
    out
}

#[test]
fn properties_and_bookmarks_hold_no_hidden_characters() {
    let h = all_hidden();
    let mut b = Brief::new(format!("Visible{h}Title\tafter a tab\nand a line"));
    b.meta.drafter = format!("Desk{h}Officer");
    b.meta.marking = format!("OFFICIAL{h}SENSITIVE");
    b.meta.meeting = format!("Defence{h}Ministers");
    b.meta.organisation = h.clone();
    let mut s = Section::new(format!("Regional{h}Security"));
    s.blocks.push(Block::paragraph("Body text."));
    b.sections.push(s);
    b.assign_missing_ids();

    let doc = layout(&b, &LayoutOptions::default());
    let bytes = write_pdf(
        &doc,
        &PdfOptions {
            created: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");

    let info = info(&pdf);
    for (key, value) in &info {
        let bad: Vec<String> = value
            .chars()
            .filter(|c| is_hidden_control(*c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(bad.is_empty(), "Info /{key} holds {bad:?}: {value:?}");
    }
    let get = |k: &str| {
        info.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no /{k} in {info:?}"))
    };
    assert_eq!(get("Title"), "VisibleTitle after a tab and a line");
    assert_eq!(get("Author"), "DeskOfficer");
    assert_eq!(get("Subject"), "DefenceMinisters");
    // An organisation of nothing but hidden characters leaves no keyword.
    assert_eq!(get("Keywords"), "DefenceMinisters,OFFICIALSENSITIVE");

    let marks = bookmarks(&pdf);
    assert!(
        marks.iter().any(|m| m.ends_with(" RegionalSecurity")),
        "bookmarks: {marks:?}"
    );
    for m in &marks {
        assert!(!m.chars().any(is_hidden_control), "bookmark {m:?}");
    }
}
