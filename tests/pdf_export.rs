//! PDF export as a reader meets it: the file parses, every sentence,
//! bullet and table cell comes back out of it in reading order, tables
//! repeat their header when they split, nothing leaves the page, and
//! non-Latin text survives.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use briefsmith::layout::{layout, Document, Item, LayoutOptions, TextRun};
use briefsmith::model::{text, Block, BlockContent, Brief, Bullet, Id, Section, Table};
use briefsmith::pdf::{write_pdf, PdfOptions};
use briefsmith::sample;

#[path = "common/pdf.rs"]
mod pdf;
use pdf::Pdf;

const FIXED: PdfOptions = PdfOptions {
    created: Some(1_750_000_000),
    pdfa: false,
    untagged: false,
};

fn opts() -> LayoutOptions {
    LayoutOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
    }
}

fn export(brief: &Brief, dir: &Path, name: &str) -> (Document, PathBuf) {
    let doc = layout(brief, &opts());
    let bytes = write_pdf(&doc, &FIXED).expect("pdf");
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    (doc, path)
}

/// Whitespace collapsed; hyphens (typed or from hyphenation) removed.
fn normalize(s: &str) -> String {
    s.replace("-\n", "")
        .replace('-', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a reader must find, in order: headings, sentences, bullets, cells.
fn pieces(b: &Brief) -> Vec<String> {
    let mut out = vec![b.meta.title.clone()];
    let sentences = |t: &str, out: &mut Vec<String>| {
        for s in text::plain(t).split_inclusive(". ") {
            if !s.trim().is_empty() {
                out.push(s.trim().to_string());
            }
        }
    };
    for s in b.all_sections() {
        let empty_conclusion = s.blocks.is_empty() && s.id == b.conclusion.id;
        if !s.heading.is_empty() && !empty_conclusion {
            out.push(s.heading.clone());
        }
        for bl in &s.blocks {
            match &bl.content {
                BlockContent::Paragraph { text } => sentences(text, &mut out),
                BlockContent::Bullets { items, .. } => {
                    for i in items {
                        out.push(
                            format!("{} {}", i.lead, text::plain(&i.text))
                                .trim()
                                .to_string(),
                        );
                    }
                }
                BlockContent::Table(t) => {
                    out.extend(t.columns.iter().map(|c| c.name.clone()));
                    for r in &t.rows {
                        out.extend(r.cells.iter().filter(|c| !c.is_empty()).cloned());
                    }
                }
                BlockContent::Commitments(t) => {
                    out.push(t.party_label.clone());
                    out.push(t.commitment_label.clone());
                    for r in &t.rows {
                        out.push(r.party.clone());
                        sentences(&r.commitment, &mut out);
                        if !r.due.is_empty() {
                            out.push(r.due.clone());
                        }
                    }
                }
            }
        }
        if s.id == b.sections.last().map(|s| s.id).unwrap_or(Id(0))
            || (b.sections.is_empty() && s.id == b.introduction.id)
        {
            for r in &b.recommendations {
                out.push(r.title.clone());
                sentences(&r.description, &mut out);
            }
        }
    }
    out
}

fn assert_in_order(extracted: &str, want: &[String]) {
    let hay = normalize(extracted);
    let mut from = 0;
    for w in want {
        let n = normalize(w);
        match hay[from..].find(&n) {
            Some(at) => from += at + n.len(),
            None => {
                let found_anywhere = hay.contains(&n);
                panic!("{n:?} not found after position {from} (found elsewhere: {found_anywhere})");
            }
        }
    }
}

#[test]
fn sco_pdf_has_every_sentence_bullet_and_cell_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    let b = sample::sco();
    let (doc, path) = export(&b, dir.path(), "sco.pdf");
    let pdf = Pdf::read(&path);
    pdf.check(doc.pages.len());
    assert_in_order(&pdf.text(), &pieces(&b));
    assert_eq!(doc.pages.len(), 3, "the SCO brief is three A4 pages");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    // Subset fonts keep the file small (whole fonts would be megabytes).
    assert!(std::fs::metadata(&path).unwrap().len() < 100_000);
    // One bookmark per section, numbered as printed, and the introduction's.
    let titles: Vec<&str> = doc.outline.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(titles[0], "Introduction");
    assert_eq!(
        titles[1],
        "1. SCO Defense Ministers Forge Strategic Alliances Amid Heightened Regional Tensions"
    );
    assert!(titles.contains(&"4. Recommendations"), "{titles:?}");
    assert!(titles.contains(&"5. In Conclusion"), "{titles:?}");
}

#[test]
fn generated_brief_keeps_every_piece_and_repeats_split_table_headers() {
    let dir = tempfile::tempdir().unwrap();
    let b = sample::generated(3, 300);
    let (doc, path) = export(&b, dir.path(), "big.pdf");
    let pdf = Pdf::read(&path);
    pdf.check(doc.pages.len());
    assert!(doc.pages.len() > 12, "{} pages", doc.pages.len());
    assert_in_order(&pdf.text(), &pieces(&b));
    // Every page that shows a row of the long table shows its header too.
    let mut pages_with_rows = 0;
    for n in 1..=doc.pages.len() {
        let t = pdf.page_text(n);
        if t.contains("C-0") {
            pages_with_rows += 1;
            assert!(
                t.contains("Member Nation") && t.contains("Key Commitment") && t.contains("Status"),
                "page {n} lacks the header:\n{t}"
            );
        }
    }
    assert!(pages_with_rows >= 5, "{pages_with_rows}");
}

fn body_runs(doc: &Document) -> Vec<Vec<(Id, f32)>> {
    doc.pages
        .iter()
        .map(|p| {
            let mut lines: Vec<(Id, f32)> = Vec::new();
            for it in &p.items {
                if let Item::Text(t) = it {
                    if let Some(id) = t.source {
                        if !lines
                            .iter()
                            .any(|(i, y)| *i == id && (*y - t.baseline).abs() < 0.1)
                        {
                            lines.push((id, t.baseline));
                        }
                    }
                }
            }
            lines
        })
        .collect()
}

#[test]
fn no_widows_orphans_or_headings_at_the_foot_of_a_page() {
    for brief in [sample::sco(), sample::generated(4, 60), long_paragraphs()] {
        let doc = layout(&brief, &opts());
        let paragraphs: HashSet<Id> = brief
            .all_sections()
            .flat_map(|s| &s.blocks)
            .filter(|b| matches!(b.content, BlockContent::Paragraph { .. }))
            .map(|b| b.id)
            .collect();
        let headings: HashSet<Id> = brief.sections.iter().map(|s| s.id).collect();
        let pages = body_runs(&doc);
        let mut per_page: Vec<HashMap<Id, usize>> = Vec::new();
        for (n, lines) in pages.iter().enumerate() {
            let mut counts = HashMap::new();
            for (id, _) in lines {
                *counts.entry(*id).or_insert(0) += 1;
            }
            per_page.push(counts);
            if n + 1 < pages.len() {
                let last = lines
                    .iter()
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .expect("body text");
                assert!(
                    !headings.contains(&last.0),
                    "page {} ends with a heading",
                    n + 1
                );
            }
        }
        for n in 0..per_page.len().saturating_sub(1) {
            for (id, count) in &per_page[n] {
                if let (true, Some(next)) = (paragraphs.contains(id), per_page[n + 1].get(id)) {
                    assert!(
                        *count >= 2 && *next >= 2,
                        "paragraph {id} split {count}/{next} across pages {} and {}",
                        n + 1,
                        n + 2
                    );
                }
            }
        }
    }
}

fn long_paragraphs() -> Brief {
    let mut b = Brief::new("Long paragraphs");
    let sentence = "Ministers agreed that regional security depends on predictable channels of communication, regular exercises and transparent reporting. ";
    for i in 0..12 {
        let mut s = Section::new(format!("Section {i}"));
        for k in 0..(i % 4 + 1) {
            s.blocks
                .push(Block::paragraph(sentence.repeat(3 + (i * 7 + k * 3) % 9)));
        }
        b.sections.push(s);
    }
    b.assign_missing_ids();
    b
}

#[test]
fn nothing_leaves_the_printable_area() {
    let edge = 5.0 * briefsmith::layout::MM;
    let mut wide = Brief::new("Very long title ".repeat(20));
    wide.meta.marking = "SECRET ".repeat(40);
    let mut s = Section::new("Tables");
    let mut t = Table::new("", &["A", "B", "C", "D", "E", "F", "G", "H"]);
    t.push_row([
        "x".repeat(200),
        "supercalifragilisticexpialidocious".into(),
        "3".into(),
        "4".into(),
        "5".into(),
        "6".into(),
        "7".into(),
        "8".into(),
    ]);
    s.blocks.push(Block::new(BlockContent::Table(t)));
    s.blocks.push(Block::paragraph(
        "https://example.org/".to_string() + &"a".repeat(400),
    ));
    wide.sections.push(s);
    wide.assign_missing_ids();
    for brief in [sample::sco(), sample::generated(2, 100), wide] {
        let doc = layout(&brief, &opts());
        for (n, p) in doc.pages.iter().enumerate() {
            for it in &p.items {
                let (x0, y0, x1, y1) = match it {
                    Item::Text(t) if t.angle != 0.0 => continue,
                    Item::Text(t) => (t.x, t.top(), t.x + t.width, t.bottom()),
                    Item::Rule(r) => (
                        r.x1.min(r.x2),
                        r.y1.min(r.y2),
                        r.x1.max(r.x2),
                        r.y1.max(r.y2),
                    ),
                    Item::Fill(f) => (f.x, f.y, f.x + f.w, f.y + f.h),
                    Item::Link(l) => (l.x, l.y, l.x + l.w, l.y + l.h),
                };
                assert!(
                    x0 >= edge && y0 >= edge && x1 <= p.width - edge && y1 <= p.height - edge,
                    "page {}: {it:?} leaves the printable area",
                    n + 1
                );
            }
        }
    }
}

#[test]
fn layout_is_deterministic_and_pdf_bytes_are_stable() {
    let b = sample::generated(1, 40);
    let a = layout(&b, &opts());
    let c = layout(&b, &opts());
    assert_eq!(a, c);
    assert_eq!(
        write_pdf(&a, &FIXED).unwrap(),
        write_pdf(&c, &FIXED).unwrap()
    );
    let mut letter = b.clone();
    letter.style.paper = briefsmith::model::Paper::Letter;
    let l = layout(&letter, &opts());
    assert_eq!(l.pages[0].width, 612.0);
}

#[test]
fn non_latin_text_comes_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let samples = [
        "Tiếng Việt: Hội nghị Bộ trưởng Quốc phòng đã kết thúc tốt đẹp.",
        "Ελληνικά: Το Υπουργείο Άμυνας εξέδωσε ανακοίνωση.",
        "Русский: Министерство обороны провело учения.",
        "中文：国防部长王伟会见了代表团。",
        "日本語：防衛大臣が会談した。",
        "한국어: 국방부 장관이 회담했다.",
    ];
    let mut b = Brief::new("Ünïcödé — Ελληνικά — Русский — 王伟");
    let mut s = Section::new("Languages");
    for t in samples {
        s.blocks.push(Block::paragraph(t));
    }
    b.sections.push(s);
    b.assign_missing_ids();
    let (doc, path) = export(&b, dir.path(), "u.pdf");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let pdf = Pdf::read(&path);
    pdf.check(doc.pages.len());
    let text = pdf.text();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for t in samples {
        let want: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&want), "{want:?} not in {flat}");
    }
}

#[test]
fn characters_no_font_has_are_reported_not_replaced() {
    let mut b = Brief::new("Emoji");
    let mut s = Section::new("S");
    s.blocks.push(Block::paragraph("Launch 🚀 now"));
    b.sections.push(s);
    b.assign_missing_ids();
    let doc = layout(&b, &opts());
    let msgs: Vec<String> = doc.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        msgs,
        vec!["no bundled font has the character U+1F680 '🚀'; it will not print"]
    );
}

#[test]
fn failed_export_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let doc = layout(&sample::sco(), &opts());
    let target = dir.path().join("missing-folder").join("out.pdf");
    assert!(briefsmith::pdf::export(&doc, &target, &FIXED).is_err());
    // A folder where the PDF would go: refused, left as it was, and no
    // temporary left beside it.
    let folder = dir.path().join("out.pdf");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("inside.txt"), b"kept").unwrap();
    let err = briefsmith::pdf::export(&doc, &folder, &FIXED).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("could not export {}: it is a directory", folder.display())
    );
    assert_eq!(std::fs::read(folder.join("inside.txt")).unwrap(), b"kept");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn metadata_bookmarks_and_links() {
    let dir = tempfile::tempdir().unwrap();
    let mut b = sample::sco();
    b.sections[0].blocks.push(Block::paragraph(
        "Full communiqué: https://example.org/sco/communique.html for reference.",
    ));
    let (doc, path) = export(&b, dir.path(), "meta.pdf");
    let reader = Pdf::read(&path);
    let info = reader.info();
    assert_eq!(
        info.title.as_deref(),
        Some("SCO Defense Ministers’ Meeting, Qingdao")
    );
    assert_eq!(
        info.author.as_deref(),
        Some("Desk Officer, Asia-Pacific Security Policy")
    );
    assert_eq!(
        info.subject.as_deref(),
        Some("SCO Defense Ministers’ Meeting")
    );
    assert!(
        info.creator
            .as_deref()
            .is_some_and(|c| c.starts_with("Briefsmith")),
        "{info:?}"
    );
    assert_eq!(reader.page_count(), doc.pages.len());
    assert!(
        info.keywords
            .as_deref()
            .is_some_and(|k| k.contains("Qingdao, China")),
        "{info:?}"
    );
    // 1_750_000_000 s is 2025-06-15 15:06:40 UTC.
    assert!(
        info.creation_date
            .as_deref()
            .is_some_and(|d| d.starts_with("D:20250615150640")),
        "creation date from the fixed time: {info:?}"
    );

    let pdf = reader.document();
    let catalog = pdf.catalog().unwrap();
    let outlines = pdf
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    // The title, open, with one entry a heading under it.
    assert_eq!(
        outlines.get(b"Count").unwrap().as_i64().unwrap() as usize,
        doc.outline.len() + 1
    );
    let title = pdf
        .get_dictionary(outlines.get(b"First").unwrap().as_reference().unwrap())
        .unwrap();
    assert_eq!(
        title.get(b"Count").unwrap().as_i64().unwrap() as usize,
        doc.outline.len()
    );
    // Each heading's bookmark opens at the heading: /XYZ left top null.
    let mut next = title.get(b"First").ok().cloned();
    let mut seen = 0;
    while let Some(lopdf::Object::Reference(id)) = next {
        let entry = pdf.get_dictionary(id).unwrap();
        let dest = entry.get(b"Dest").unwrap().as_array().unwrap();
        let want = &doc.outline[seen];
        let page = &doc.pages[want.page];
        assert_eq!(dest[1].as_name().unwrap(), b"XYZ");
        let top = dest[3].as_float().unwrap();
        assert!(
            (top - (page.height - want.y)).abs() < 0.1,
            "{top} for {want:?}"
        );
        let left = dest[2].as_float().unwrap();
        assert!(
            (left - want.x).abs() < 0.1 && left > 0.0,
            "{left} for {want:?}"
        );
        assert!(matches!(dest[4], lopdf::Object::Null));
        seen += 1;
        next = entry.get(b"Next").ok().cloned();
    }
    assert_eq!(seen, doc.outline.len());
    let mut uris = Vec::new();
    for (_, page_id) in pdf.get_pages() {
        let page = pdf.get_dictionary(page_id).unwrap();
        let Ok(annots) = page.get(b"Annots").and_then(|a| a.as_array()) else {
            continue;
        };
        for annot in annots {
            let annot = match annot {
                lopdf::Object::Reference(r) => pdf.get_dictionary(*r).unwrap(),
                other => other.as_dict().unwrap(),
            };
            if let Ok(a) = annot.get(b"A").and_then(|a| a.as_dict()) {
                if let Ok(u) = a.get(b"URI").and_then(|u| u.as_str()) {
                    uris.push(String::from_utf8_lossy(u).to_string());
                }
            }
        }
    }
    assert_eq!(uris, vec!["https://example.org/sco/communique.html"]);
}

#[test]
fn relaying_out_after_an_edit_matches_a_fresh_layout() {
    let mut b = sample::generated(3, 80);
    // The editor's layout thread keeps one cache across edits.
    let mut cache = briefsmith::layout::LayoutCache::default();
    let first = briefsmith::layout::layout_cached(&b, &opts(), &mut cache);
    // Edit early text so later sections move, tables renumber nothing but
    // shift, and a section boundary changes what is kept together.
    if let BlockContent::Paragraph { text } = &mut b.sections[0].blocks[0].content {
        text.push_str(" An added sentence that pushes everything after it down the page, and then some more words.");
    }
    b.sections[1]
        .blocks
        .push(Block::paragraph("Key points included:"));
    b.sections.swap(2, 4);
    let incremental = briefsmith::layout::layout_cached(&b, &opts(), &mut cache);
    let fresh = layout(&b, &opts());
    assert_eq!(incremental, fresh);
    assert_ne!(incremental, first);
}

/// A brief with a numbered list of eleven items (the second with two
/// lettered sub-items, the tenth long enough to wrap) and a bulleted list
/// with a nested item.
fn lists_brief() -> Brief {
    let mut b = Brief::new("Lists");
    let mut s = Section::new("Agenda");
    let mut numbered = vec![
        Bullet::new("", "First"),
        Bullet::new("", "Second"),
        Bullet::nested("", "Second, part one"),
        Bullet::nested("Lead:", "Second, part two"),
    ];
    for n in 3..=11 {
        numbered.push(Bullet::new("", format!("Item {n}")));
    }
    numbered[11].text = "Item 10 runs on long enough to wrap onto a second line, so the \
        hanging indent shows: every line of an item starts where its first does."
        .into();
    s.blocks.push(Block::new(BlockContent::Bullets {
        numbered: true,
        items: numbered,
    }));
    s.blocks.push(Block::new(BlockContent::Bullets {
        numbered: false,
        items: vec![
            Bullet::new("", "A bullet"),
            Bullet::nested("", "Nested under it"),
            Bullet::new("", "Another bullet"),
        ],
    }));
    b.sections.push(s);
    b.assign_missing_ids();
    b
}

#[test]
fn numbered_and_nested_lists_print_labels_in_reading_order() {
    let b = lists_brief();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let (doc, path) = export(&b, dir, "lists.pdf");
    let pdf = Pdf::read(&path);
    pdf.check(doc.pages.len());
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let want: Vec<String> = [
        "1. First",
        "2. Second",
        "a. Second, part one",
        "b. Lead: Second, part two",
        "3. Item 3",
        "9. Item 9",
        "10. Item 10 runs on",
        "11. Item 11",
        "• A bullet",
        "– Nested under it",
        "• Another bullet",
    ]
    .map(String::from)
    .to_vec();
    assert_in_order(&pdf.text(), &want);

    // Labels are flush right: "9." and "10." end at the same x; nested
    // items start further in, and wrapped lines keep the hanging indent.
    let runs: Vec<&TextRun> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    let run = |text: &str| {
        *runs
            .iter()
            .find(|r| r.text == text)
            .unwrap_or_else(|| panic!("no run {text:?}"))
    };
    let right = |r: &TextRun| r.x + r.width;
    assert!((right(run("9.")) - right(run("10."))).abs() < 0.01);
    assert!((right(run("1.")) - right(run("11."))).abs() < 0.01);
    assert!(run("10.").x < run("9.").x);
    let text_x = |label: &str| {
        let l = run(label);
        runs.iter()
            .filter(|r| (r.baseline - l.baseline).abs() < 0.01 && r.x > l.x + 0.01)
            .map(|r| r.x)
            .fold(f32::MAX, f32::min)
    };
    assert!((text_x("1.") - text_x("10.")).abs() < 0.01);
    assert!(
        run("a.").x > text_x("1.") - 0.01,
        "letters sit under the text"
    );
    assert!(text_x("a.") > text_x("1.") + 5.0);
    let wrapped = runs
        .iter()
        .filter(|r| r.source == run("10.").source && r.baseline > run("10.").baseline)
        .map(|r| r.x)
        .fold(f32::MAX, f32::min);
    assert!((wrapped - text_x("10.")).abs() < 0.01, "hanging indent");
    assert!(run("–").x > run("•").x + 5.0);
}
