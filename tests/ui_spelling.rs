//! Spelling in the editor: misspelt words are found while typing, a
//! right-click offers suggestions that replace the word, "Add to this
//! brief's dictionary" and "Ignore"; the status bar counts what is left;
//! the brief's language chooses the dictionary.

mod common;

use std::time::Duration;

use briefsmith::app::EditorApp;
use common::{click, harness, set_field, settle};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

/// Runs frames until the spelling of the current text is checked.
fn spelled(h: &mut Harness<'static, EditorApp>) {
    assert!(
        h.state_mut().wait_for_checks(Duration::from_secs(20)),
        "spelling was checked"
    );
    settle(h);
}

#[test]
fn a_misspelt_title_is_counted_and_a_suggestion_replaces_it() {
    let mut h = harness(None);
    spelled(&mut h);
    h.get_by_label("Spelling OK");
    set_field(&mut h, "Title", "Recieve");
    spelled(&mut h);
    h.get_by_label("1 misspelt word");

    h.get_by_label("Title").click_secondary();
    settle(&mut h);
    h.get_by_label("“Recieve”");
    click(&mut h, "Receive");
    assert_eq!(h.state().document().brief().meta.title, "Receive");
    spelled(&mut h);
    h.get_by_label("Spelling OK");
    // An ordinary edit: undo brings the word back.
    common::press(&mut h, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(h.state().document().brief().meta.title, "Recieve");
}

#[test]
fn a_word_added_to_the_briefs_dictionary_is_saved_with_it_and_no_longer_flagged() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("names.brief");
    let mut h = harness(None);
    // The right-click lands in the middle of the field, past the text: on
    // the last word.
    set_field(&mut h, "Title", "Visit of Zhqxorov");
    spelled(&mut h);
    h.get_by_label("1 misspelt word");
    h.get_by_label("Title").click_secondary();
    settle(&mut h);
    click(&mut h, "Add to this brief's dictionary");
    spelled(&mut h);
    h.get_by_label("Spelling OK");
    assert!(h
        .state()
        .document()
        .brief()
        .meta
        .dictionary
        .iter()
        .any(|w| w == "Zhqxorov"));

    common::press(
        &mut h,
        egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
        egui::Key::S,
    );
    set_field(&mut h, "File path", &path.display().to_string());
    click(&mut h, "Save");
    let saved = briefsmith::io::load(&path).expect("saved");
    assert!(saved.meta.dictionary.iter().any(|w| w == "Zhqxorov"));
}

#[test]
fn ignore_stops_flagging_a_word_in_this_window_only() {
    let mut h = harness(None);
    let dictionary = h.state().document().brief().meta.dictionary.clone();
    set_field(&mut h, "Title", "Qwrtzplk");
    spelled(&mut h);
    h.get_by_label("1 misspelt word");
    h.get_by_label("Title").click_secondary();
    settle(&mut h);
    click(&mut h, "Ignore");
    h.get_by_label("Spelling OK");
    // Nothing in the brief changed.
    assert_eq!(h.state().document().brief().meta.dictionary, dictionary);
    assert_eq!(h.state().document().brief().meta.title, "Qwrtzplk");
    // Another window still flags it.
    let mut other = harness(None);
    set_field(&mut other, "Title", "Qwrtzplk");
    spelled(&mut other);
    other.get_by_label("1 misspelt word");
}

#[test]
fn the_briefs_language_chooses_the_dictionary() {
    let mut h = harness(None);
    spelled(&mut h);
    // The sample is written in US English, so a UK dictionary flags it.
    h.get_by_label("Spelling OK");
    click(&mut h, "Language");
    click(&mut h, "English (UK)");
    assert_eq!(h.state().document().brief().meta.language, "en-GB");
    spelled(&mut h);
    assert!(h.query_by_label("Spelling OK").is_none());
    h.get_by_label_contains("misspelt words");
}

#[test]
fn a_misspelt_word_in_the_status_bar_list_leads_to_its_paragraph() {
    let mut h = harness(None);
    click(&mut h, "Introduction");
    click(&mut h, "Paragraph");
    h.get_by_label("Paragraph text (Ctrl+B bold, Ctrl+I italic)")
        .type_text("The delegatoin arrives.");
    settle(&mut h);
    let para = match h.state().selection() {
        briefsmith::model::Place::Block(id) => id,
        other => panic!("a paragraph is selected, not {other:?}"),
    };
    click(&mut h, "Metadata");
    spelled(&mut h);
    click(&mut h, "1 misspelt word");
    click(
        &mut h,
        "“delegatoin” in Paragraph (block 2) in the introduction",
    );
    assert_eq!(h.state().selection(), briefsmith::model::Place::Block(para));
}
