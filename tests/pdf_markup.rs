//! Inline markup as it prints: a `*` between spaces or digits is a star,
//! `*word*` is italic, in the PDF's text and in the layout's fonts.

use briefsmith::layout::{layout, Item, LayoutOptions};
use briefsmith::model::{Block, Brief, Section};
use briefsmith::pdf::{write_pdf, PdfOptions};

#[path = "common/pdf.rs"]
mod pdf;
use pdf::Pdf;

const SENTENCE: &str = "Cost is 5 * 3 units and *draft* only.";

fn brief() -> Brief {
    let mut b = Brief::new("Markup");
    let mut s = Section::new("Costs");
    s.blocks.push(Block::paragraph(SENTENCE));
    b.sections.push(s);
    b
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_lone_star_prints_as_a_star_and_starred_words_print_italic() {
    let doc = layout(&brief(), &LayoutOptions::default());
    let bytes = write_pdf(
        &doc,
        &PdfOptions {
            created: Some(1_750_000_000),
            ..Default::default()
        },
    )
    .expect("the PDF is written");
    let text = words(&Pdf::from_bytes(&bytes).text());
    assert!(
        text.contains("Cost is 5 * 3 units and draft only."),
        "the PDF reads: {text}"
    );
    assert!(!text.contains("*draft"), "{text}");

    let runs: Vec<_> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text(r) => Some(r),
            _ => None,
        })
        .collect();
    let draft = runs
        .iter()
        .find(|r| r.text.contains("draft"))
        .expect("a run with the word draft");
    assert!(draft.font.name().ends_with("-Italic"), "{draft:?}");
    assert_eq!(draft.text.trim(), "draft");
    let star = runs
        .iter()
        .find(|r| r.text.contains("5 * 3"))
        .expect("a run with 5 * 3");
    assert!(star.font.name().ends_with("-Regular"), "{star:?}");
}
