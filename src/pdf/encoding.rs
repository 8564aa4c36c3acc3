//! Which code each glyph gets in the content streams, and the font
//! dictionaries that make those codes mean the right glyph and text.
//!
//! printpdf embeds every font as a Type0 font with Identity-H: two bytes a
//! glyph. A brief's font rarely uses more than a couple of hundred glyphs,
//! so a font that uses at most 255 gets an encoding CMap of its own with
//! one byte a glyph instead, where the space is code 32: the content is
//! then a third smaller, and word spacing (`Tw`) stretches a justified
//! line's spaces without a TJ offset at each. Fonts that use more (CJK)
//! keep Identity-H, with the codes printpdf's subsets give their glyphs.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use printpdf::{Codepoint, FontId as PdfFontId, Op, PdfFontHandle, PdfPage, Pt, TextItem};
use rustc_hash::FxHashMap;

use crate::fonts::FontId;
use crate::layout::{Document, Item};

/// The glyphs in use, per font, with the text each stands for (for the
/// fonts' ToUnicode maps): one entry per glyph id, so every use of a glyph
/// maps alike. A plain run's glyph is its character's; a glyph that is a
/// cluster of its own gets the cluster's characters (a ligature several,
/// an Arabic letter form its letter); glyphs sharing a cluster get the
/// character the font's own map gives them (`None`).
pub(crate) type Used = BTreeMap<FontId, BTreeMap<u16, Option<String>>>;

/// Glyph ids to the codes (CIDs) of printpdf's subsets.
pub(crate) type Cids = FxHashMap<(FontId, u16), u16>;

/// The resource name of a font: six capital letters, which PDF readers
/// take as the subset tag. As bytes, for content streams, which name a
/// font at every change of font.
pub(crate) fn font_tag(f: FontId) -> [u8; 6] {
    let [a, b, c, d, e] = *b"BRSMA";
    [a, b, c, d, e, b'A' + f as u8]
}

pub(crate) fn font_name(f: FontId) -> String {
    String::from_utf8_lossy(&font_tag(f)).into_owned()
}

/// The code of every glyph in use, and how many bytes a code takes.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Codes {
    codes: FxHashMap<(FontId, u16), u16>,
    single: [bool; FontId::ALL.len()],
}

/// Codes a one-byte font may give glyphs other than the space, in the
/// order they are handed out: printable ASCII goes to glyphs that stand
/// for that character (found by the first pass), then codes that need no
/// escape in a literal string, then those that do.
fn spare_codes() -> impl Iterator<Item = u8> {
    (0x80..=0xFF)
        .chain(0x01..=0x1F)
        .chain(0x21..=0x7F)
        .chain([0x00])
        .filter(|c| !matches!(c, b'\r' | b'(' | b')' | b'\\'))
        .chain([b'(', b')', b'\\', b'\r'])
}

impl Codes {
    /// Codes for `used`: one byte where a font uses at most 255 glyphs
    /// (chosen here), otherwise the CIDs printpdf's subsets are expected
    /// to give.
    pub(crate) fn new(used: &Used) -> Codes {
        let mut out = Codes::default();
        for (font, glyphs) in used {
            let space = glyphs
                .iter()
                .find(|(_, t)| t.as_deref() == Some(" "))
                .map(|(id, _)| *id);
            let others = glyphs.len() - usize::from(space.is_some());
            if others <= 255 {
                out.single[*font as usize] = true;
                let mut taken = [false; 256];
                taken[32] = true;
                let mut code = FxHashMap::default();
                if let Some(id) = space {
                    code.insert(id, 32u8);
                }
                for (id, text) in glyphs {
                    let mut chars = text.as_deref().unwrap_or("").chars();
                    if let (Some(c), None) = (chars.next(), chars.next()) {
                        let c = c as u32;
                        if (0x21..=0x7E).contains(&c) && !taken[c as usize] {
                            taken[c as usize] = true;
                            code.insert(*id, c as u8);
                        }
                    }
                }
                let mut spare = spare_codes().filter(|c| !taken[*c as usize]);
                for id in glyphs.keys() {
                    if !code.contains_key(id) {
                        if let Some(c) = spare.next() {
                            code.insert(*id, c);
                        }
                    }
                }
                for (id, c) in code {
                    out.codes.insert((*font, id), c as u16);
                }
            } else {
                for (id, cid) in expected_cids(glyphs) {
                    out.codes.insert((*font, id), cid);
                }
            }
        }
        out
    }

    /// Two-byte fonts take the CIDs printpdf gave; whether that changed a
    /// code (and the pages must be written again).
    pub(crate) fn settle(&mut self, cids: &Cids) -> bool {
        let mut changed = false;
        for ((font, id), code) in self.codes.iter_mut() {
            if self.single[*font as usize] {
                continue;
            }
            let cid = cids.get(&(*font, *id)).copied().unwrap_or(0);
            changed |= *code != cid;
            *code = cid;
        }
        changed
    }

    pub(crate) fn single(&self, font: FontId) -> bool {
        self.single[font as usize]
    }

    pub(crate) fn get(&self, font: FontId, id: u16) -> u16 {
        self.codes.get(&(font, id)).copied().unwrap_or(0)
    }
}

/// The CIDs printpdf's subsets are expected to give: glyph 0 first, then
/// the glyphs in use in ascending order (allsorts renumbers TrueType
/// glyphs by their place in that list).
fn expected_cids(glyphs: &BTreeMap<u16, Option<String>>) -> impl Iterator<Item = (u16, u16)> + '_ {
    let mut next = 0;
    glyphs.keys().map(move |id| match id {
        0 => (0, 0),
        _ => {
            next += 1;
            (*id, next)
        }
    })
}

pub(crate) fn used_glyphs(doc: &Document) -> Used {
    let mut out = Used::new();
    // Per font and glyph: 0 not seen, 1 seen without text, 2 with text;
    // most glyphs are seen again and again, so this is looked at first.
    let mut state: Vec<Vec<u8>> = vec![Vec::new(); FontId::ALL.len()];
    for page in &doc.pages {
        for item in &page.items {
            let Item::Text(t) = item else { continue };
            if t.angle != 0.0 {
                continue; // drawn as outlines
            }
            let seen = &mut state[t.font as usize];
            let font = out.entry(t.font).or_default();
            let mut note = |id: u16, text: Option<&str>| {
                let i = usize::from(id);
                if seen.len() <= i {
                    seen.resize(i + 1, 0);
                }
                let want = if text.is_some() { 2 } else { 1 };
                if seen[i] >= want {
                    return;
                }
                seen[i] = want;
                font.insert(id, text.map(str::to_string));
            };
            if t.plain {
                let mut buf = [0u8; 4];
                for (c, g) in t.text.chars().zip(t.glyphs.iter()) {
                    note(g.id, Some(c.encode_utf8(&mut buf)));
                }
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
                let text = alone
                    .then(|| {
                        let next = starts.partition_point(|s| *s <= g.cluster);
                        let end = starts.get(next).map_or(t.text.len(), |e| *e as usize);
                        t.text.get(g.cluster as usize..end)
                    })
                    .flatten();
                note(g.id, text);
            }
        }
    }
    out
}

/// Shows every glyph in use once, font by font, so that printpdf subsets
/// them (and says, in what it writes, which code each got).
pub(crate) fn show_every_glyph(page: &mut PdfPage, used: &Used) {
    for (font, glyphs) in used {
        page.ops.push(Op::StartTextSection);
        page.ops.push(Op::SetFont {
            font: PdfFontHandle::External(PdfFontId(font_name(*font))),
            size: Pt(1.0),
        });
        let glyphs = glyphs
            .iter()
            .map(|(id, text)| Codepoint {
                gid: *id,
                offset: 0.0,
                cid: text.clone(),
            })
            .collect();
        page.ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(glyphs)],
        });
        page.ops.push(Op::EndTextSection);
    }
}

/// The CIDs printpdf wrote on the page `show_every_glyph` filled.
pub(crate) fn cids_written(content: &[u8], used: &Used) -> Option<Cids> {
    let ops = lopdf::content::Content::decode(content).ok()?.operations;
    let mut shown = ops
        .iter()
        .filter(|o| o.operator == "TJ" || o.operator == "Tj")
        .map(|o| {
            let mut codes = Vec::new();
            let mut add = |o: &Object| {
                if let Object::String(s, _) = o {
                    codes.extend(
                        s.chunks(2)
                            .map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)])),
                    );
                }
            };
            for operand in &o.operands {
                match operand {
                    Object::Array(items) => items.iter().for_each(&mut add),
                    other => add(other),
                }
            }
            codes
        });
    let mut out = Cids::default();
    for (font, glyphs) in used {
        let written = shown.next()?;
        if written.len() != glyphs.len() {
            return None;
        }
        for (id, code) in glyphs.keys().zip(written) {
            out.insert((*font, *id), code);
        }
    }
    Some(out)
}

/// The bfchar mappings of a ToUnicode CMap as printpdf writes them
/// (`<CCCC> <UTF-16BE>` lines): code to the UTF-16 units of its text.
fn to_unicode_entries(cmap: &[u8]) -> FxHashMap<u16, Vec<u8>> {
    let hex = |s: &str| -> Option<Vec<u8>> {
        let s = s.trim().strip_prefix('<')?.strip_suffix('>')?;
        (0..s.len() / 2)
            .map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok())
            .collect()
    };
    let mut out = FxHashMap::default();
    for line in String::from_utf8_lossy(cmap).lines() {
        let Some((code, text)) = line.split_once("> <") else {
            continue;
        };
        let (Some(code), Some(text)) = (hex(&format!("{code}>")), hex(&format!("<{text}"))) else {
            continue;
        };
        if let [a, b] = code[..] {
            out.insert(u16::from_be_bytes([a, b]), text);
        }
    }
    out
}

const CMAP_HEAD: &str = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n";
const CMAP_TAIL: &str = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

fn hex_byte(out: &mut String, b: u8) {
    out.push_str(&format!("<{b:02X}>"));
}

/// One block of a CMap's mappings at a time: PostScript interpreters
/// take at most a hundred.
fn blocks<T>(out: &mut String, entries: &[T], kind: &str, line: impl Fn(&mut String, &T)) {
    for chunk in entries.chunks(100) {
        out.push_str(&format!("{} begin{kind}\n", chunk.len()));
        for e in chunk {
            line(out, e);
            out.push('\n');
        }
        out.push_str(&format!("end{kind}\n"));
    }
}

/// The encoding CMap every one-byte font shares: each code is its own
/// CID. A font's CIDToGIDMap then says which glyph a code draws, and text
/// extractors that take CID 32 for the space (poppler's) are right.
fn one_byte_cmap(name: &str) -> String {
    let mut s = String::from(CMAP_HEAD);
    s.push_str("/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n");
    s.push_str(&format!(
        "/CMapName /{name} def\n/CMapType 1 def\n/WMode 0 def\n"
    ));
    s.push_str("1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
    s.push_str("1 begincidrange\n<00> <FF> 0\nendcidrange\n");
    s.push_str(CMAP_TAIL);
    s
}

/// The widths of a CID font's /W array, by CID.
fn widths(w: &[Object]) -> FxHashMap<u16, Object> {
    let int = |o: &Object| o.as_i64().ok().and_then(|v| u16::try_from(v).ok());
    let mut out = FxHashMap::default();
    let mut i = 0;
    while let Some(first) = w.get(i).and_then(int) {
        match (w.get(i + 1), w.get(i + 2)) {
            (Some(Object::Array(ws)), _) => {
                for (k, v) in ws.iter().enumerate() {
                    out.insert(first.saturating_add(k as u16), v.clone());
                }
                i += 2;
            }
            (Some(last), Some(v)) => {
                for c in first..=int(last).unwrap_or(first) {
                    out.insert(c, v.clone());
                }
                i += 3;
            }
            _ => break,
        }
    }
    out
}

/// A /W array for `(cid, width)` in ascending order: consecutive CIDs
/// share one `c [w1 w2 ...]` entry.
fn w_array(entries: &[(u8, Object)]) -> Vec<Object> {
    let mut out = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut start = 0u8;
    for (k, (cid, w)) in entries.iter().enumerate() {
        if k > 0 && entries[k - 1].0.checked_add(1) != Some(*cid) {
            out.push(Object::Integer(start.into()));
            out.push(Object::Array(std::mem::take(&mut run)));
        }
        if run.is_empty() {
            start = *cid;
        }
        run.push(w.clone());
    }
    if !run.is_empty() {
        out.push(Object::Integer(start.into()));
        out.push(Object::Array(run));
    }
    out
}

/// The ToUnicode CMap of a one-byte font: code to text.
fn to_unicode_cmap(map: &[(u8, &Vec<u8>)]) -> String {
    let mut s = String::from(CMAP_HEAD);
    s.push_str("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n");
    s.push_str("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
    s.push_str("1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
    blocks(&mut s, map, "bfchar", |s, (code, text)| {
        hex_byte(s, *code);
        s.push_str(" <");
        for b in text.iter() {
            s.push_str(&format!("{b:02X}"));
        }
        s.push('>');
    });
    s.push_str(CMAP_TAIL);
    s
}

/// Turns each one-byte font's codes into its CIDs: the shared one-byte
/// encoding, a CIDToGIDMap from code to the subset's glyph, /W and the
/// ToUnicode map keyed by code. `fonts` is the resource dictionary's id.
pub(crate) fn apply(
    lo: &mut lopdf::Document,
    fonts: ObjectId,
    codes: &Codes,
    cids: &Cids,
) -> Result<(), &'static str> {
    let entries: Vec<(Vec<u8>, ObjectId)> = lo
        .get_dictionary(fonts)
        .map_err(|_| "no font resources")?
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_reference().ok()?)))
        .collect();
    let mut encoding = None;
    for font in FontId::ALL {
        if !codes.single(font) {
            continue;
        }
        let name = font_name(font);
        let Some((_, font_id)) = entries.iter().find(|(k, _)| k == name.as_bytes()) else {
            continue;
        };
        // Code to the subset's glyph (printpdf's CID, as its CIDToGIDMap
        // is the identity).
        let mut map: Vec<(u8, u16)> = codes
            .codes
            .iter()
            .filter(|((f, _), _)| *f == font)
            .filter_map(|((f, id), code)| Some((u8::try_from(*code).ok()?, *cids.get(&(*f, *id))?)))
            .collect();
        map.sort_unstable();
        let dict = lo
            .get_dictionary(*font_id)
            .map_err(|_| "a font is missing")?;
        let to_unicode = dict
            .get(b"ToUnicode")
            .and_then(Object::as_reference)
            .map_err(|_| "a font has no ToUnicode map")?;
        let mut descendant = dict
            .get(b"DescendantFonts")
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|d| d.as_dict().ok())
            .cloned()
            .ok_or("a font has no descendant font")?;
        if descendant
            .get(b"CIDToGIDMap")
            .and_then(Object::as_name)
            .ok()
            != Some(b"Identity")
        {
            return Err("a font's glyphs are not numbered by CID");
        }
        let old = widths(
            descendant
                .get(b"W")
                .and_then(Object::as_array)
                .map_or(&[][..], |v| v),
        );
        let new_widths: Vec<(u8, Object)> = map
            .iter()
            .filter_map(|(code, cid)| Some((*code, old.get(cid)?.clone())))
            .collect();
        let texts = lo
            .get_object(to_unicode)
            .and_then(Object::as_stream)
            .map(|s| to_unicode_entries(&s.content))
            .map_err(|_| "a font's ToUnicode map is missing")?;
        let text_map: Vec<(u8, &Vec<u8>)> = map
            .iter()
            .filter_map(|(code, cid)| Some((*code, texts.get(cid)?)))
            .collect();
        let unicode = to_unicode_cmap(&text_map).into_bytes();
        let mut glyphs = vec![0u8; 512];
        for (code, gid) in &map {
            let at = 2 * usize::from(*code);
            glyphs[at..at + 2].copy_from_slice(&gid.to_be_bytes());
        }
        let cid_to_gid = lo.add_object(Stream::new(Dictionary::new(), glyphs));
        let encoding = *encoding.get_or_insert_with(|| {
            let name = "Briefsmith-OneByte";
            lo.add_object(Stream::new(
                Dictionary::from_iter(vec![
                    ("Type", Object::Name(b"CMap".to_vec())),
                    ("CMapName", Object::Name(name.as_bytes().to_vec())),
                    (
                        "CIDSystemInfo",
                        Object::Dictionary(Dictionary::from_iter(vec![
                            (
                                "Registry",
                                Object::String(b"Adobe".to_vec(), StringFormat::Literal),
                            ),
                            (
                                "Ordering",
                                Object::String(b"Identity".to_vec(), StringFormat::Literal),
                            ),
                            ("Supplement", Object::Integer(0)),
                        ])),
                    ),
                    ("WMode", Object::Integer(0)),
                ]),
                one_byte_cmap(name).into_bytes(),
            ))
        });
        descendant.set("CIDToGIDMap", Object::Reference(cid_to_gid));
        descendant.set("W", Object::Array(w_array(&new_widths)));
        if let Ok(Object::Stream(s)) = lo.get_object_mut(to_unicode) {
            s.set_content(unicode);
        }
        let dict = lo
            .get_dictionary_mut(*font_id)
            .map_err(|_| "a font is missing")?;
        dict.set("Encoding", Object::Reference(encoding));
        dict.set(
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(descendant)]),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{layout, LayoutOptions};
    use crate::model::{Block, Brief, Section};
    use printpdf::{PdfDocument, PdfSaveOptions};

    fn scripts() -> Used {
        let mut b = Brief::new("Codes");
        let mut s = Section::new("Scripts");
        s.blocks.push(Block::paragraph(
            "Office affluent fjord (a\\\\b) **bold** *italic* ***both*** عباس عراقچی \
             יצחק הרצוג 北京上海 서울 Nguyễn Văn Dũng «quotes» – 2026",
        ));
        b.sections.push(s);
        used_glyphs(&layout(&b, &LayoutOptions::default()))
    }

    /// Two-byte fonts' pages are written while printpdf subsets the fonts,
    /// with the CIDs the subsets are expected to give; a mismatch costs
    /// writing them twice. Every bundled font keeps the expected order.
    #[test]
    fn subsets_number_glyphs_as_the_pages_were_written() {
        let used = scripts();
        for font in [
            FontId::SerifRegular,
            FontId::SerifBold,
            FontId::Arabic,
            FontId::Hebrew,
            FontId::Cjk,
            FontId::Hangul,
        ] {
            assert!(used.contains_key(&font), "{font:?} not used");
        }
        let mut pdf = PdfDocument::new("Codes");
        for f in used.keys() {
            let parsed = super::super::parsed(*f).expect("bundled font");
            pdf.resources.fonts.map.insert(
                PdfFontId(font_name(*f)),
                printpdf::PdfFont::new(parsed.clone()),
            );
        }
        let mut page = PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), Vec::new());
        show_every_glyph(&mut page, &used);
        pdf.with_pages(vec![page]);
        let save = PdfSaveOptions {
            optimize: false,
            subset_fonts: true,
            secure: true,
            image_optimization: None,
        };
        let lo = pdf.to_lopdf_document(&save, &mut Vec::new());
        let page = lo.get_pages().values().next().copied().expect("a page");
        let cids = cids_written(&lo.get_page_content(page), &used).expect("codes");
        // Every font as if it used too many glyphs for one byte a code.
        let mut two = Codes::default();
        for (font, glyphs) in &used {
            for (id, cid) in expected_cids(glyphs) {
                two.codes.insert((*font, id), cid);
            }
        }
        assert!(!two.settle(&cids), "printpdf numbered glyphs otherwise");
    }

    /// 255 glyphs besides the space is as many as one byte codes: each
    /// gets a code of its own; one more and the font takes two bytes.
    #[test]
    fn one_byte_codes_run_out_at_255_glyphs_besides_the_space() {
        for (n, single) in [(255u16, true), (256, false)] {
            let mut glyphs: BTreeMap<u16, Option<String>> =
                (1..=n).map(|id| (id + 10, None)).collect();
            glyphs.insert(3, Some(" ".to_string()));
            let used = Used::from([(FontId::SerifRegular, glyphs)]);
            let codes = Codes::new(&used);
            assert_eq!(codes.single(FontId::SerifRegular), single);
            let all: std::collections::HashSet<u16> = used[&FontId::SerifRegular]
                .keys()
                .map(|id| codes.get(FontId::SerifRegular, *id))
                .collect();
            assert_eq!(all.len(), usize::from(n) + 1, "codes shared at {n}");
            if single {
                assert_eq!(codes.get(FontId::SerifRegular, 3), 32);
                assert!(all.iter().all(|c| *c < 256));
            }
        }
    }

    #[test]
    fn one_byte_fonts_keep_code_32_for_the_space_and_ascii_for_itself() {
        let used = scripts();
        let codes = Codes::new(&used);
        assert!(codes.single(FontId::SerifRegular));
        let glyphs = &used[&FontId::SerifRegular];
        let mut seen = std::collections::HashSet::new();
        for (id, text) in glyphs {
            let code = codes.get(FontId::SerifRegular, *id);
            assert!(code < 256 && seen.insert(code), "{id}: {code}");
            match text.as_deref() {
                Some(" ") => assert_eq!(code, 32),
                Some("O") => assert_eq!(code, u16::from(b'O')),
                Some("(") => assert_eq!(code, u16::from(b'(')),
                _ => assert_ne!(code, 32, "{text:?}"),
            }
        }
    }

    /// A one-byte font's code is its CID, so that readers that take CID
    /// 32 for a space (poppler spaced out the glyph that had it) read the
    /// space; its ToUnicode map and widths are keyed by the same codes.
    #[test]
    fn one_byte_fonts_are_coded_by_cid_with_their_own_maps() {
        let mut b = Brief::new("Codes");
        let mut s = Section::new("Section");
        s.blocks.push(Block::paragraph(
            "SCO ministers met in Qingdao. The SCO agreed, with every member, to meet again.",
        ));
        b.sections.push(s);
        let doc = layout(&b, &LayoutOptions::default());
        let bytes = super::super::write_pdf(&doc, &Default::default()).expect("pdf");
        let lo = lopdf::Document::load_mem(&bytes).expect("reads back");
        let mut checked = 0;
        for (_, o) in lo.objects.iter() {
            let Ok(d) = o.as_dict() else { continue };
            if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0") {
                continue;
            }
            let Ok(enc) = d.get(b"Encoding").and_then(Object::as_reference) else {
                continue;
            };
            let cmap = lo
                .get_object(enc)
                .and_then(Object::as_stream)
                .and_then(|s| s.decompressed_content())
                .expect("encoding CMap");
            let cmap = String::from_utf8_lossy(&cmap);
            assert!(cmap.contains("<00> <FF> 0\nendcidrange"), "{cmap}");
            let unicode = d
                .get(b"ToUnicode")
                .and_then(Object::as_reference)
                .and_then(|r| lo.get_object(r))
                .and_then(Object::as_stream)
                .and_then(|s| s.decompressed_content())
                .expect("ToUnicode");
            let unicode = String::from_utf8_lossy(&unicode);
            // Code 32 is the space or nothing; ASCII letters are themselves.
            assert!(
                !unicode.contains("<20> <") || unicode.contains("<20> <0020>"),
                "{unicode}"
            );
            if unicode.contains("<20> <0020>") && unicode.contains("<53> <0053>") {
                checked += 1;
            }
        }
        assert!(checked > 0, "no one-byte font with S and the space");
    }
}
