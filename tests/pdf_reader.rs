//! The PDF reader in `common/pdf.rs`, which the export tests rely on instead
//! of qpdf, pdftotext and pdfinfo: it must get every script back word for
//! word, keep lines and table cells apart, decode the CMap forms and string
//! encodings this project does not write itself, and its structural check
//! must fail on broken files (a check that cannot fail proves nothing).

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};

use briefsmith::layout::{layout, LayoutOptions};
use briefsmith::model::{Block, BlockContent, Brief, Section, Table};
use briefsmith::pdf::{write_pdf, PdfOptions};
use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};

#[path = "common/pdf.rs"]
mod pdf;
use pdf::Pdf;

fn exported(b: &Brief) -> Pdf {
    let doc = layout(b, &LayoutOptions::default());
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let pdf = Pdf::from_bytes(
        &write_pdf(
            &doc,
            &PdfOptions {
                created: Some(0),
                ..Default::default()
            },
        )
        .expect("pdf"),
    );
    pdf.check(doc.pages.len());
    pdf
}

fn brief(paragraphs: &[&str]) -> Brief {
    let mut b = Brief::new("Reader test");
    let mut s = Section::new("Words");
    for p in paragraphs {
        s.blocks.push(Block::paragraph(*p));
    }
    b.sections.push(s);
    b.assign_missing_ids();
    b
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().map(str::trim_end).collect()
}

#[test]
fn accented_greek_cyrillic_and_cjk_words_come_back_whole() {
    let paragraphs = [
        "café naïve Straße Œuvre façade",
        "Ελληνικά Άμυνας ανακοίνωση",
        "Москва учения Жуков",
        "国防部 会见 防衛大臣 국방부 장관이",
    ];
    let text = exported(&brief(&paragraphs)).text();
    assert!(!text.contains('\u{FFFD}'), "undecoded glyphs in:\n{text}");
    let words: Vec<&str> = text.split_whitespace().collect();
    for p in paragraphs {
        for w in p.split(' ') {
            assert!(words.contains(&w), "{w:?} not a word of:\n{text}");
        }
        assert!(lines(&text).contains(&p), "{p:?} not a line of:\n{text}");
    }
}

#[test]
fn separate_lines_and_table_cells_stay_apart() {
    let mut b = brief(&["First paragraph here.", "Second paragraph here."]);
    let mut t = Table::new("", &["Left", "Right"]);
    t.push_row(["Alpha".to_string(), "Bravo".to_string()]);
    b.sections[0]
        .blocks
        .push(Block::new(BlockContent::Table(t)));
    b.assign_missing_ids();
    let pdf = exported(&b);
    let text = pdf.page_text(1);
    let got = lines(&text);
    for want in [
        "Reader test",
        "First paragraph here.",
        "Second paragraph here.",
        "Left Right",
        "Alpha Bravo",
    ] {
        assert!(got.contains(&want), "{want:?} not a line of:\n{text}");
    }
    assert_eq!(pdf.text(), format!("{text}\x0c"));
}

/// A one-page PDF written by hand: a simple WinAnsi font without a
/// ToUnicode map (/F1) and a Type0 font whose CMap uses `bfchar`, both
/// forms of `bfrange`, a ligature and a surrogate pair (/F2).
fn hand_made(content: &[&str], tweak: impl FnOnce(&mut Document, ObjectId, ObjectId)) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let f1 = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
        "FirstChar" => 32,
        "LastChar" => 255,
        "Widths" => vec![Object::Integer(500); 224],
    });
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Test-UCS def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar
<0001> <0041>
<0030> <00660066>
endbfchar
2 beginbfrange
<0010> <0012> <03B1>
<0020> <0021> [<0416> <D83DDE80>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(cmap.as_bytes()).expect("deflate");
    let to_unicode = doc.add_object(Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        z.finish().expect("deflate"),
    ));
    let f2 = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "Test",
        "Encoding" => "Identity-H",
        "ToUnicode" => to_unicode,
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => "Test",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "DW" => 600,
            "W" => vec![1.into(), vec![Object::Integer(500)].into(), 16.into(), 18.into(), 700.into()],
        })],
    });
    let contents: Vec<Object> = content
        .iter()
        .map(|c| {
            Object::Reference(doc.add_object(Stream::new(dictionary! {}, c.as_bytes().to_vec())))
        })
        .collect();
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => f1, "F2" => f2 } },
        "Contents" => contents,
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![Object::Reference(page)],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut title = vec![0xFE, 0xFF];
    title.extend("Ωmega brief 🚀".encode_utf16().flat_map(u16::to_be_bytes));
    let info = doc.add_object(dictionary! {
        "Title" => Object::String(title, StringFormat::Hexadecimal),
        // PDFDocEncoding: é, em dash, right quote, fi ligature.
        "Author" => Object::string_literal(b"Caf\xe9 \x84 \x90 \x93".to_vec()),
        "Producer" => Object::string_literal("\u{feff}Ünï".as_bytes().to_vec()),
        "CreationDate" => Object::string_literal("D:20250615150640Z"),
    });
    doc.trailer.set("Info", info);
    tweak(&mut doc, page, pages);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

/// Drawn in two content streams, moved by `cm`: every text operator, TJ
/// offsets on both sides of the word-gap threshold, a jump along the line,
/// a move back along it.
const CONTENT: [&str; 2] = [
    "q 1 0 0 1 0 -100 cm",
    r#"BT /F1 12 Tf 14 TL
72 700 Td (caf\351 ) Tj [(two) -300 (words)] TJ
T* (Next) Tj 1 0 0 1 200 686 Tm (far) Tj
(\223quoted\224) '
/F2 12 Tf T* <0001001000110012> Tj [-300 <0020> -250 <0021>] TJ [<0030> -100 <0001>] TJ
/F1 12 Tf 10 0 (spaced) "
-50 0 Td (back) Tj
ET Q"#,
];

#[test]
fn hand_made_pdf_reads_back_exactly() {
    let pdf = Pdf::from_bytes(&hand_made(&CONTENT, |_, _, _| {}));
    pdf.check(1);
    assert_eq!(
        pdf.page_text(1),
        "café two words\nNext far\n“quoted”\nAαβγ Ж 🚀ffA\nspaced\nback\n"
    );
    let info = pdf.info();
    assert_eq!(info.title.as_deref(), Some("Ωmega brief 🚀"));
    assert_eq!(info.author.as_deref(), Some("Café — ’ ﬁ"));
    assert_eq!(info.producer.as_deref(), Some("Ünï"));
    assert_eq!(info.creation_date.as_deref(), Some("D:20250615150640Z"));
    assert_eq!(info.subject, None);
}

/// The panic message of `f`, which must panic.
fn failure(f: impl FnOnce()) -> String {
    let err = catch_unwind(AssertUnwindSafe(f)).expect_err("the check should have failed");
    err.downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

fn check_fails(
    content: &[&str],
    tweak: impl FnOnce(&mut Document, ObjectId, ObjectId),
    pages: usize,
) -> String {
    let bytes = hand_made(content, tweak);
    failure(|| Pdf::from_bytes(&bytes).check(pages))
}

#[test]
fn structural_check_finds_what_is_broken() {
    let none = |_: &mut Document, _, _| {};
    let msg = check_fails(&CONTENT, none, 2);
    assert!(msg.contains("1 pages, expected 2"), "{msg}");

    let missing_font = ["BT /F9 12 Tf 72 700 Td (x) Tj ET"];
    let msg = check_fails(&missing_font, none, 1);
    assert!(
        msg.contains("font /F9 is not a font in the resources (has: /F1 /F2)"),
        "{msg}"
    );

    let msg = check_fails(
        &CONTENT,
        |d, page, _| {
            let page = d.get_dictionary_mut(page).expect("page");
            page.set("Annots", vec![Object::Reference((99, 0))]);
        },
        1,
    );
    assert!(
        msg.contains("refers to 99 0 R, which does not exist"),
        "{msg}"
    );

    let msg = check_fails(
        &CONTENT,
        |d, page, _| {
            let bad = d.add_object(Stream::new(
                dictionary! { "Filter" => "FlateDecode" },
                b"not deflated".to_vec(),
            ));
            let page = d.get_dictionary_mut(page).expect("page");
            page.set("Contents", vec![Object::Reference(bad)]);
        },
        1,
    );
    assert!(msg.contains("does not inflate"), "{msg}");

    let msg = check_fails(&["BT /F1 12 Tf (x) Tj"], none, 1);
    assert!(msg.contains("not closed with ET"), "{msg}");
    let msg = check_fails(&["BT /F1 12 Tf (x) Tj ET Q"], none, 1);
    assert!(msg.contains("Q without q"), "{msg}");
    let msg = check_fails(&["BT /F1 12 Tf 1 2 3 Td ET"], none, 1);
    assert!(msg.contains("`Td`: 3 operands"), "{msg}");
    let msg = check_fails(&["BT /F1 12 Tf (x) Tj ET (trailing garbage"], none, 1);
    assert!(msg.contains("does not parse"), "{msg}");
    let msg = check_fails(&["BT /F1 12 Tf (x) Tjx ET"], none, 1);
    assert!(msg.contains("`Tjx`: unknown operator"), "{msg}");

    let msg = check_fails(
        &CONTENT,
        |d, _, pages| {
            d.get_dictionary_mut(pages).expect("pages").set("Count", 3);
        },
        1,
    );
    assert!(msg.contains("/Count Some(3) but 1 pages below it"), "{msg}");

    // An object lopdf cannot parse is dropped silently: found as missing.
    let mut bytes = hand_made(&CONTENT, none);
    let at = bytes
        .windows(8)
        .position(|w| w == b"2 0 obj\n")
        .expect("object 2");
    bytes[at + 4..at + 7].copy_from_slice(b"xxx");
    let msg = failure(|| Pdf::from_bytes(&bytes).check(1));
    assert!(
        msg.contains("object 2 0 is in the cross-reference table but could not be read"),
        "{msg}"
    );

    let whole = hand_made(&CONTENT, none);
    let msg = failure(|| {
        Pdf::from_bytes(&whole[..whole.len() - 20]);
    });
    assert!(msg.contains("does not end with %%EOF"), "{msg}");
}
