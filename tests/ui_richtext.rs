//! Bold and italic in the editor, driven as a user would: a typed `*`
//! stays a star, Ctrl+B and Ctrl+I style the selection, the word at the
//! cursor or what is typed next, and undo gives back text and selection.

mod common;

use briefsmith::model::{text, BlockContent};
use common::{harness, press, set_field, settle};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

use briefsmith::app::EditorApp;

const PARAGRAPH: &str = "Paragraph text (Ctrl+B bold, Ctrl+I italic)";

fn value(h: &Harness<'static, EditorApp>, label: &str) -> String {
    h.get_by_label(label).value().unwrap_or_default()
}

/// Opens the sample's first paragraph and types `text` into it; the
/// cursor is left at the start.
fn paragraph(text: &str) -> Harness<'static, EditorApp> {
    let mut h = harness(None);
    h.get_all_by_label_contains("¶ Key topics of discussion")
        .next()
        .expect("the paragraph in the outline")
        .click();
    settle(&mut h);
    set_field(&mut h, PARAGRAPH, text);
    press(&mut h, Modifiers::NONE, Key::Home);
    h
}

fn right(h: &mut Harness<'static, EditorApp>, mods: Modifiers, n: usize) {
    for _ in 0..n {
        h.key_press_modifiers(mods, Key::ArrowRight);
        h.step();
    }
    settle(h);
}

fn paragraph_in_model(h: &Harness<'static, EditorApp>) -> String {
    let b = h.state().document().brief();
    b.all_sections()
        .flat_map(|s| &s.blocks)
        .find_map(|bl| match &bl.content {
            BlockContent::Paragraph { text } if text.contains("units") => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn a_star_typed_between_numbers_stays_a_star() {
    let h = paragraph("Cost is 5 * 3 units and *draft* only.");
    assert_eq!(
        value(&h, PARAGRAPH),
        "Cost is 5 * 3 units and *draft* only."
    );
    let model = paragraph_in_model(&h);
    assert_eq!(model, "Cost is 5 * 3 units and *draft* only.");
    assert_eq!(text::plain(&model), "Cost is 5 * 3 units and draft only.");
    // What the editor hands to the PDF writer reads the same.
    let doc = briefsmith::layout::layout(
        h.state().document().brief(),
        &briefsmith::layout::LayoutOptions::default(),
    );
    let printed: String = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            briefsmith::layout::Item::Text(r) => Some(r.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    let printed = printed.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(printed.contains("5 * 3 units and draft only."), "{printed}");
}

#[test]
fn ctrl_b_with_a_selection_makes_exactly_the_selection_bold() {
    let mut h = paragraph("make this bold");
    right(&mut h, Modifiers::NONE, 5);
    right(&mut h, Modifiers::SHIFT, 4);
    press(&mut h, Modifiers::COMMAND, Key::B);
    assert_eq!(value(&h, PARAGRAPH), "make **this** bold");
}

#[test]
fn ctrl_b_without_a_selection_makes_the_word_at_the_cursor_bold() {
    let mut h = paragraph("make this bold");
    right(&mut h, Modifiers::NONE, 7);
    press(&mut h, Modifiers::COMMAND, Key::B);
    assert_eq!(value(&h, PARAGRAPH), "make **this** bold");
    // Typing goes on where the cursor was, inside the word.
    h.get_by_label(PARAGRAPH).type_text("X");
    settle(&mut h);
    assert_eq!(value(&h, PARAGRAPH), "make **thXis** bold");
}

#[test]
fn ctrl_b_twice_gives_back_the_original_text() {
    let mut h = paragraph("make this bold");
    right(&mut h, Modifiers::NONE, 7);
    press(&mut h, Modifiers::COMMAND, Key::B);
    press(&mut h, Modifiers::COMMAND, Key::B);
    assert_eq!(value(&h, PARAGRAPH), "make this bold");
    right(&mut h, Modifiers::SHIFT, 2);
    press(&mut h, Modifiers::COMMAND, Key::I);
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert_eq!(value(&h, PARAGRAPH), "make this bold");
}

#[test]
fn undo_after_ctrl_b_gives_back_the_text_and_the_selection() {
    let mut h = paragraph("make this bold");
    right(&mut h, Modifiers::NONE, 5);
    right(&mut h, Modifiers::SHIFT, 4);
    press(&mut h, Modifiers::COMMAND, Key::B);
    assert_eq!(value(&h, PARAGRAPH), "make **this** bold");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(value(&h, PARAGRAPH), "make this bold");
    // "this" is selected again: typing replaces it.
    h.get_by_label(PARAGRAPH).type_text("that");
    settle(&mut h);
    assert_eq!(value(&h, PARAGRAPH), "make that bold");
}

#[test]
fn redo_after_undoing_ctrl_b_makes_it_bold_again_with_the_word_selected() {
    let mut h = paragraph("make this bold");
    right(&mut h, Modifiers::NONE, 5);
    right(&mut h, Modifiers::SHIFT, 4);
    press(&mut h, Modifiers::COMMAND, Key::B);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(value(&h, PARAGRAPH), "make **this** bold");
    h.get_by_label(PARAGRAPH).type_text("that");
    settle(&mut h);
    assert_eq!(value(&h, PARAGRAPH), "make **that** bold");
}

#[test]
fn ctrl_i_between_words_makes_what_is_typed_next_italic() {
    let mut h = paragraph("make this ");
    press(&mut h, Modifiers::NONE, Key::End);
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert_eq!(
        value(&h, PARAGRAPH),
        "make this ",
        "nothing is inserted yet"
    );
    h.get_by_label(PARAGRAPH).type_text("now");
    settle(&mut h);
    h.get_by_label(PARAGRAPH).type_text("er");
    settle(&mut h);
    assert_eq!(value(&h, PARAGRAPH), "make this *nower*");
}

#[test]
fn ctrl_b_works_in_a_bullet_and_a_table_cell() {
    let mut h = harness(None);
    h.get_all_by_label("• Bullets (3)")
        .next()
        .expect("a bullet list in the outline")
        .click();
    settle(&mut h);
    set_field(&mut h, "Bullet 1 text", "one two");
    press(&mut h, Modifiers::NONE, Key::Home);
    press(&mut h, Modifiers::COMMAND, Key::B);
    assert_eq!(value(&h, "Bullet 1 text"), "**one** two");

    common::click(&mut h, "⊞ Table: Focus areas and proposed initiatives");
    set_field(&mut h, "Row 1, Focus Area", "Counter terrorism");
    press(&mut h, Modifiers::COMMAND, Key::A);
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert_eq!(value(&h, "Row 1, Focus Area"), "*Counter terrorism*");
}

#[test]
fn a_plain_field_ignores_ctrl_b() {
    let mut h = harness(None);
    set_field(&mut h, "Subtitle", "Talking points");
    press(&mut h, Modifiers::COMMAND, Key::A);
    press(&mut h, Modifiers::COMMAND, Key::B);
    assert_eq!(value(&h, "Subtitle"), "Talking points");
}
