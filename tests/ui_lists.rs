//! Numbered and nested lists in the editor, driven by their labels: Tab
//! and Shift+Tab in a bullet's text indent and outdent it and keep the
//! focus there, the Numbered toggle changes the list (and undoes), Enter
//! after a nested bullet adds a nested one, Backspace in an empty nested
//! bullet outdents it before removing it.

mod common;

use briefsmith::model::{list_depths, BlockContent};
use common::{click, harness, press, settle};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;

type App = Harness<'static, briefsmith::app::EditorApp>;

/// The first list of the brief: numbered or not, and each item's level.
fn first_list(h: &App) -> (bool, Vec<u8>) {
    let brief = h.state().document().brief();
    brief
        .all_sections()
        .flat_map(|s| &s.blocks)
        .find_map(|bl| match &bl.content {
            BlockContent::Bullets { numbered, items } => {
                Some((*numbered, list_depths(items).collect()))
            }
            _ => None,
        })
        .expect("the sample has a list")
}

fn open_first_list(h: &mut App) {
    h.get_all_by_label("• Bullets (3)")
        .next()
        .expect("a bullet list in the outline")
        .click();
    settle(h);
}

fn focus(h: &mut App, label: &str) {
    h.get_by_label(label).focus();
    settle(h);
}

#[test]
fn tab_indents_and_shift_tab_outdents_keeping_the_focus() {
    let mut h = harness(None);
    open_first_list(&mut h);
    assert_eq!(first_list(&h), (false, vec![0, 0, 0]));
    focus(&mut h, "Bullet 2 text");
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(first_list(&h).1, vec![0, 1, 0]);
    assert!(h.get_by_label("Bullet 2 text").is_focused());
    // Shown indented, with the nested bullet's own marker.
    let left = |h: &App, label: &str| h.get_by_label(label).rect().left();
    assert!(left(&h, "Bullet 2 text") > left(&h, "Bullet 1 text") + 20.0);
    assert!((left(&h, "Bullet 3 text") - left(&h, "Bullet 1 text")).abs() < 0.5);
    h.get_by_label("–");
    h.check_accessibility();
    // A second Tab changes nothing: lists nest one level deep.
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(first_list(&h).1, vec![0, 1, 0]);
    press(&mut h, Modifiers::SHIFT, Key::Tab);
    assert_eq!(first_list(&h).1, vec![0, 0, 0]);
    assert!(h.get_by_label("Bullet 2 text").is_focused());
    // The first bullet has nothing to nest under; focus stays anyway.
    focus(&mut h, "Bullet 1 text");
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(first_list(&h).1, vec![0, 0, 0]);
    assert!(h.get_by_label("Bullet 1 text").is_focused());
    // Each indent is one undo step.
    focus(&mut h, "Bullet 3 text");
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(first_list(&h).1, vec![0, 0, 1]);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(first_list(&h).1, vec![0, 0, 0]);
}

fn click_first_enabled(h: &mut App, label: &str) {
    h.get_all_by_label(label)
        .find(|n| !n.accesskit_node().is_disabled())
        .unwrap_or_else(|| panic!("no enabled {label}"))
        .click();
    settle(h);
}

#[test]
fn the_buttons_indent_and_outdent_too() {
    let mut h = harness(None);
    open_first_list(&mut h);
    click_first_enabled(&mut h, "➡");
    assert_eq!(
        first_list(&h).1,
        vec![0, 1, 0],
        "the first enabled ➡ is bullet 2's"
    );
    click_first_enabled(&mut h, "⬅");
    assert_eq!(first_list(&h).1, vec![0, 0, 0]);
}

#[test]
fn toggling_numbered_changes_the_list_and_the_outline() {
    let mut h = harness(None);
    open_first_list(&mut h);
    click(&mut h, "Numbered");
    assert!(first_list(&h).0);
    h.get_by_label("🔢 Numbered list (3)");
    h.get_by_label("1.");
    h.get_by_label("3.");
    h.check_accessibility();
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!first_list(&h).0);
    assert!(h.query_by_label("🔢 Numbered list (3)").is_none());
}

#[test]
fn enter_after_a_nested_bullet_adds_a_nested_bullet_and_backspace_outdents_first() {
    let mut h = harness(None);
    open_first_list(&mut h);
    focus(&mut h, "Bullet 3 text");
    press(&mut h, Modifiers::NONE, Key::Tab);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.get_by_label("Bullet 4 text").is_focused());
    assert_eq!(first_list(&h).1, vec![0, 0, 1, 1]);
    // Backspace in the empty nested bullet outdents it, then removes it.
    press(&mut h, Modifiers::NONE, Key::Backspace);
    assert_eq!(first_list(&h).1, vec![0, 0, 1, 0]);
    assert!(h.get_by_label("Bullet 4 text").is_focused());
    press(&mut h, Modifiers::NONE, Key::Backspace);
    assert_eq!(first_list(&h).1, vec![0, 0, 1]);
    assert!(h.get_by_label("Bullet 3 text").is_focused());
}
