//! Names in other scripts and shaped Latin text, as a reader of the PDF
//! meets them: Arabic and Hebrew names inside an English sentence print
//! (joined, right to left) and copy out in reading order; a Vietnamese name
//! typed with combining accents is stored composed (NFC) after load, import
//! and paste, and prints as one letter; "office" and "affluent" are drawn
//! with ligature glyphs that still copy out as their letters.

use briefsmith::layout::{layout, Item, LayoutOptions};
use briefsmith::model::{Block, BlockContent, Brief, Section};
use briefsmith::pdf::{write_pdf, PdfOptions};

#[path = "common/pdf.rs"]
mod pdf;
use pdf::Pdf;

const ARABIC: &str = "عباس عراقچی";
const HEBREW: &str = "יצחק הרצוג";
/// "Nguyễn" as n-g-u-y-e, combining circumflex, combining tilde, n.
const DECOMPOSED: &str = "Nguye\u{0302}\u{0303}n";
const COMPOSED: &str = "Nguyễn";

fn brief_with_names() -> Brief {
    let mut b = Brief::new("Names");
    let mut s = Section::new("Participants");
    s.blocks.push(Block::paragraph(format!(
        "Iran is an SCO member: {ARABIC} spoke first. {HEBREW} sent a note."
    )));
    s.blocks.push(Block::paragraph(format!(
        "Minister {DECOMPOSED} Van Dung attended the office meeting."
    )));
    s.blocks.push(Block::paragraph(
        "An affluent delegation flew in from the fjord.",
    ));
    b.sections.push(s);
    b
}

fn paragraphs(b: &Brief) -> Vec<String> {
    b.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|bl| match &bl.content {
            BlockContent::Paragraph { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// Saved and opened again, as a user's file would be.
fn loaded(b: &Brief) -> Brief {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.brief");
    briefsmith::io::save(&path, b).unwrap();
    briefsmith::io::load(&path).unwrap()
}

fn exported(b: &Brief) -> (briefsmith::layout::Document, Pdf) {
    let doc = layout(b, &LayoutOptions::default());
    let bytes = write_pdf(
        &doc,
        &PdfOptions {
            created: Some(1_750_000_000),
            ..Default::default()
        },
    )
    .unwrap();
    (doc, Pdf::from_bytes(&bytes))
}

#[test]
fn a_brief_opened_from_disk_holds_composed_text() {
    let b = loaded(&brief_with_names());
    let all = paragraphs(&b).join("\n");
    assert!(all.contains(COMPOSED), "{all}");
    assert!(!all.contains(DECOMPOSED));
    assert!(all.contains(ARABIC) && all.contains(HEBREW));
}

#[test]
fn an_imported_article_holds_composed_text() {
    let article = format!("Meeting notes\n\nMinister {DECOMPOSED} attended.\n");
    let b = briefsmith::import::import_str(&article, briefsmith::import::Kind::Text);
    let all = String::from_utf8(briefsmith::io::encode(&b)).unwrap();
    assert!(
        all.contains(&format!("Minister {COMPOSED} attended")),
        "{all}"
    );
    assert!(!all.contains('\u{0302}'));
}

#[test]
fn names_in_arabic_hebrew_and_vietnamese_copy_out_of_the_pdf_as_written() {
    let b = loaded(&brief_with_names());
    let (doc, pdf) = exported(&b);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    pdf.check(1);
    let text = pdf.text();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        format!("Iran is an SCO member: {ARABIC} spoke first."),
        format!("{HEBREW} sent a note."),
        format!("Minister {COMPOSED} Van Dung"),
        "office".into(),
        "affluent".into(),
        "fjord".into(),
    ] {
        assert!(flat.contains(&want), "{want:?} not in {flat:?}");
    }
}

#[test]
fn ligatures_are_single_glyphs_that_copy_as_their_letters() {
    let (_, pdf) = exported(&brief_with_names());
    let glyphs = pdf.glyph_texts(1);
    // Noto Serif's ffi and ffl ligatures: one glyph, mapped to three letters.
    assert!(glyphs.iter().any(|g| g == "ffi"), "{glyphs:?}");
    assert!(glyphs.iter().any(|g| g == "ffl"), "{glyphs:?}");
    assert!(!glyphs.iter().any(|g| g.is_empty()));
}

#[test]
fn arabic_is_drawn_right_to_left_and_joined() {
    let (doc, _) = exported(&brief_with_names());
    let runs: Vec<_> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    let x_of = |word: &str| {
        runs.iter()
            .find(|r| r.text.trim() == word)
            .map(|r| (r.x, r.baseline, r.glyphs.clone()))
            .unwrap_or_else(|| panic!("no run {word}"))
    };
    let (first, y1, glyphs) = x_of("عباس");
    let (second, y2, _) = x_of("عراقچی");
    assert_eq!(y1, y2, "both names on one line");
    // The name read first stands to the right.
    assert!(first > second, "{first} {second}");
    // Joined forms are not the isolated letters: the shaped word differs
    // from its letters shaped one by one.
    let font = runs
        .iter()
        .find(|r| r.text.trim() == "عباس")
        .map(|r| r.font)
        .unwrap();
    let alone: Vec<u16> = "عباس"
        .chars()
        .rev()
        .map(|c| font.metrics().shape(&c.to_string(), true).glyphs[0].id)
        .collect();
    let ids: Vec<u16> = glyphs.iter().map(|g| g.id).collect();
    assert_ne!(ids, alone);
}

#[test]
fn a_combining_mark_after_a_line_break_still_opens() {
    // In the file the line break is the escape `\n`: composing the file's
    // text would have made that `n` an `ñ` and the file unreadable.
    let mut b = Brief::new("T");
    b.meta.subtitle = "line\n\u{0303}x and e\u{0301}".into();
    assert_eq!(loaded(&b).meta.subtitle, "line\n\u{0303}x and \u{e9}");
}

/// A font with more glyphs in use than one byte can code (Latin, Greek
/// and Cyrillic letters in one paragraph) is shown two bytes a glyph; a
/// font with fewer, one. Either way the text copies out as written.
#[test]
fn a_font_using_hundreds_of_glyphs_copies_out_whole() {
    let letters: Vec<char> = ('\u{00C0}'..='\u{017F}')
        .chain('\u{0391}'..='\u{03A1}')
        .chain('\u{03A3}'..='\u{03C9}')
        .chain('\u{0410}'..='\u{044F}')
        .filter(|c| c.is_alphabetic() && *c != '\u{00D7}' && *c != '\u{00F7}')
        .collect();
    assert!(letters.len() > 300);
    let words: Vec<String> = letters
        .chunks(8)
        .map(|w| w.iter().collect::<String>())
        .collect();
    let mut b = Brief::new("Alphabets");
    let mut s = Section::new("Letters");
    s.blocks.push(Block::paragraph(words.join(" ")));
    s.blocks
        .push(Block::paragraph("**Bold is a font of its own.**"));
    b.sections.push(s);
    let (_, pdf) = exported(&b);
    // One font of each kind: Identity-H (two bytes), an embedded CMap (one).
    let encodings: Vec<bool> = pdf
        .document()
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Type0"))
        .map(|d| matches!(d.get(b"Encoding"), Ok(lopdf::Object::Name(n)) if n == b"Identity-H"))
        .collect();
    assert!(
        encodings.contains(&true) && encodings.contains(&false),
        "{encodings:?}"
    );
    let text = pdf.text();
    let squeezed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for w in &words {
        assert!(squeezed.contains(w.as_str()), "{w} missing from {squeezed}");
    }
    assert!(
        squeezed.contains("Bold is a font of its own."),
        "{squeezed}"
    );
}
