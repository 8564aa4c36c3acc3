//! Properties over generated briefs: saving and loading changes nothing,
//! layout keeps every item on the page, and every word reaches the PDF.

use briefsmith::io::{decode, encode};
use briefsmith::layout::{layout, Item, LayoutOptions, MM};
use briefsmith::model::{
    Block, BlockContent, Brief, Bullet, Commitment, CommitmentStatus, CommitmentTable, Paper,
    Recommendation, Section, Status, Table,
};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

#[path = "common/pdf.rs"]
mod pdf;

fn words() -> impl Strategy<Value = String> {
    // Letters the bundled fonts print, including accents, Greek, Cyrillic and CJK.
    proptest::collection::vec(
        "[a-zA-Z]{1,12}|[éüßøçñ]{1,4}|[α-ω]{2,8}|[а-я]{2,8}|[一-龥]{1,3}|[0-9]{1,6}|[a-z]{30,60}",
        1..25,
    )
    .prop_map(|w| w.join(" "))
}

fn any_text() -> impl Strategy<Value = String> {
    // Anything at all, for the file round trip.
    proptest::string::string_regex("(.|\n){0,40}").unwrap()
}

/// Anything at all, composed (NFC) as the editor stores text.
fn composed_text() -> impl Strategy<Value = String> {
    any_text().prop_map(|s| s.nfc().collect())
}

/// Every string in a JSON value, in order.
fn strings_of(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings_of(x, out)),
        serde_json::Value::Object(m) => m.values().for_each(|x| strings_of(x, out)),
        _ => {}
    }
}

fn block(text: BoxedStrategy<String>) -> impl Strategy<Value = Block> {
    prop_oneof![
        text.clone().prop_map(Block::paragraph),
        (
            any::<bool>(),
            proptest::collection::vec((text.clone(), text.clone(), 0u64..3), 1..4)
        )
            .prop_map(|(numbered, items)| Block::new(BlockContent::Bullets {
                numbered,
                items: items
                    .into_iter()
                    .map(|(l, t, level)| Bullet {
                        level,
                        ..Bullet::new(l.chars().take(20).collect::<String>(), t)
                    })
                    .collect()
            })),
        (1usize..6, proptest::collection::vec(text.clone(), 0..20)).prop_map(|(cols, cells)| {
            let names: Vec<String> = (0..cols).map(|c| format!("Column {c}")).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let mut t = Table::new("Caption", &names);
            for chunk in cells.chunks(cols) {
                let mut row: Vec<String> = chunk.to_vec();
                row.resize(cols, String::new());
                t.push_row(row);
            }
            Block::new(BlockContent::Table(t))
        }),
        proptest::collection::vec((text.clone(), text.clone(), 0u8..4), 0..6).prop_map(|rows| {
            let mut t = CommitmentTable::default();
            for (p, c, s) in rows {
                let mut row = Commitment::new(p, c);
                row.status = [
                    None,
                    Some(CommitmentStatus::Open),
                    Some(CommitmentStatus::InProgress),
                    Some(CommitmentStatus::Done),
                ][s as usize];
                row.due = "2026-01-02".into();
                t.rows.push(row);
            }
            Block::new(BlockContent::Commitments(t))
        }),
    ]
}

fn brief(text: BoxedStrategy<String>) -> impl Strategy<Value = Brief> {
    let section = (
        text.clone(),
        proptest::collection::vec(block(text.clone()), 0..4),
    )
        .prop_map(|(h, blocks)| {
            let mut s = Section::new(h);
            s.blocks = blocks;
            s
        });
    (
        text.clone(),
        proptest::collection::vec(section, 0..4),
        proptest::collection::vec((text.clone(), text.clone()), 0..3),
        proptest::collection::vec(block(text.clone()), 0..3),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            7.0f32..14.0,
            any::<bool>(),
        ),
    )
        .prop_map(
            |(title, sections, recs, conclusion, (letter, sans, justify, size, draft))| {
                let mut b = Brief::new(title);
                b.meta.marking = "OFFICIAL".into();
                b.meta.status = if draft { Status::Draft } else { Status::Final };
                b.sections = sections;
                b.recommendations = recs
                    .into_iter()
                    .map(|(t, d)| Recommendation::new(t, d))
                    .collect();
                b.conclusion.blocks = conclusion;
                b.style.paper = if letter { Paper::Letter } else { Paper::A4 };
                b.style.family = if sans {
                    briefsmith::model::FontFamily::Sans
                } else {
                    briefsmith::model::FontFamily::Serif
                };
                b.style.justify = justify;
                b.style.font_size = (size * 2.0).round() / 2.0;
                b.assign_missing_ids();
                b
            },
        )
}

fn all_words(b: &Brief) -> Vec<String> {
    let mut text = vec![b.meta.title.clone()];
    for s in b.all_sections() {
        if !(s.blocks.is_empty() && s.id == b.conclusion.id) {
            text.push(s.heading.clone());
        }
        for bl in &s.blocks {
            match &bl.content {
                BlockContent::Paragraph { text: t } => text.push(t.clone()),
                BlockContent::Bullets { items, .. } => items
                    .iter()
                    .for_each(|i| text.push(format!("{} {}", i.lead, i.text))),
                BlockContent::Table(t) => t.rows.iter().for_each(|r| text.extend(r.cells.clone())),
                BlockContent::Commitments(t) => t
                    .rows
                    .iter()
                    .for_each(|r| text.push(format!("{} {}", r.party, r.commitment))),
            }
        }
    }
    for r in &b.recommendations {
        text.push(format!("{} {}", r.title, r.description));
    }
    text.iter()
        .flat_map(|t| t.split_whitespace().map(|w| w.replace('-', "")))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The word is in the text whole, or hyphenated or broken across a page
/// (with page furniture and a repeated table header between its parts):
/// then its parts appear in order, at most three of them.
fn appears(text: &str, word: &str) -> bool {
    if text.contains(word) {
        return true;
    }
    let (mut rest, mut from) = (word, 0);
    for _ in 0..3 {
        // The longest prefix of what is left that occurs after `from`.
        let Some((len, at)) = rest
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .rev()
            .find_map(|len| text[from..].find(&rest[..len]).map(|at| (len, from + at)))
        else {
            return false;
        };
        rest = &rest[len..];
        from = at + len;
        if rest.is_empty() {
            return true;
        }
    }
    false
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn save_then_load_changes_nothing(b in brief(composed_text().boxed())) {
        let bytes = encode(&b);
        let back = decode(std::str::from_utf8(&bytes).unwrap()).unwrap();
        prop_assert_eq!(&back, &b);
        prop_assert_eq!(encode(&back), bytes);
    }

    #[test]
    fn loading_composes_any_text_and_nothing_else(b in brief(any_text().boxed())) {
        let back = decode(std::str::from_utf8(&encode(&b)).unwrap()).unwrap();
        // Every string comes back in NFC, the same as NFC of what was saved.
        let strings = |b: &Brief| {
            let mut out = Vec::new();
            strings_of(&serde_json::to_value(b).unwrap(), &mut out);
            out
        };
        let expected: Vec<String> = strings(&b)
            .iter()
            .map(|s| s.nfc().collect())
            .collect();
        prop_assert_eq!(strings(&back), expected);
        // And a second load changes nothing.
        let again = decode(std::str::from_utf8(&encode(&back)).unwrap()).unwrap();
        prop_assert_eq!(&again, &back);
    }

    #[test]
    fn layout_keeps_every_item_on_the_page(b in brief(words().boxed())) {
        let doc = layout(&b, &LayoutOptions::default());
        let edge = 5.0 * MM;
        for p in &doc.pages {
            for it in &p.items {
                let (x0, y0, x1, y1) = match it {
                    Item::Text(t) if t.angle != 0.0 => continue,
                    Item::Text(t) => (t.x, t.top(), t.x + t.width, t.bottom()),
                    Item::Rule(r) => (r.x1.min(r.x2), r.y1.min(r.y2), r.x1.max(r.x2), r.y1.max(r.y2)),
                    Item::Fill(f) => (f.x, f.y, f.x + f.w, f.y + f.h),
                    Item::Link(l) => (l.x, l.y, l.x + l.w, l.y + l.h),
                };
                prop_assert!(x0 >= edge && y0 >= edge && x1 <= p.width - edge && y1 <= p.height - edge, "{:?}", it);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn every_word_reaches_the_pdf_text(b in brief(words().boxed())) {
        let doc = layout(&b, &LayoutOptions::default());
        prop_assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        let bytes = briefsmith::pdf::write_pdf(&doc, &briefsmith::pdf::PdfOptions { created: Some(0), ..Default::default() }).unwrap();
        let pdf = pdf::Pdf::from_bytes(&bytes);
        pdf.check(doc.pages.len());
        let text: String = pdf.text().replace('-', "").split_whitespace().collect();
        for w in all_words(&b) {
            prop_assert!(appears(&text, &w), "{:?} missing", w);
        }
    }
}
