//! The editor driven headlessly by its labels, as a user would: editing a
//! table cell, bullets, recommendations, moving a section, undo and redo,
//! bold shortcuts, find and replace, and clicking the preview.

mod common;

use common::{click, harness, press, set_field, settle};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

fn value(h: &egui_kittest::Harness<'static, briefsmith::app::EditorApp>, label: &str) -> String {
    h.get_by_label(label).value().unwrap_or_default()
}

#[test]
fn opens_the_sample_untitled_and_unchanged() {
    let h = harness(None);
    h.get_by_label("Untitled");
    // Never saved to a file (this said "Saved" before, which it was not).
    h.get_by_label("Not saved");
    assert_eq!(
        value(&h, "Title"),
        "SCO Defense Ministers’ Meeting, Qingdao"
    );
    assert_eq!(h.state().document().window_title(), "Untitled — Briefsmith");
    assert!(h.query_by_label("Unsaved changes").is_none());
    h.check_accessibility();
}

#[test]
fn table_cell_edit_undo_and_redo() {
    let mut h = harness(None);
    click(&mut h, "⊞ Table: Focus areas and proposed initiatives");
    assert_eq!(value(&h, "Row 1, Focus Area"), "Counter-Terrorism");
    h.check_accessibility();
    set_field(&mut h, "Row 1, Focus Area", "Counter-terrorism finance");
    assert_eq!(value(&h, "Row 1, Focus Area"), "Counter-terrorism finance");
    h.get_by_label("Unsaved changes");
    assert!(h.state().document().window_title().starts_with("• "));

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(value(&h, "Row 1, Focus Area"), "Counter-Terrorism");
    h.get_by_label("Not saved");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(value(&h, "Row 1, Focus Area"), "Counter-terrorism finance");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(value(&h, "Row 1, Focus Area"), "Counter-terrorism finance");
}

#[test]
fn table_rows_and_columns_are_added_and_tab_moves_between_cells() {
    let mut h = harness(None);
    click(&mut h, "⊞ Table: Focus areas and proposed initiatives");
    assert!(h.query_by_label("Row 4, Focus Area").is_none());
    click(&mut h, "+ Column");
    h.get_by_label("Column 3 heading");
    click(&mut h, "+ Row");
    // The new row's first cell has focus; Tab moves to the next cell.
    assert!(h.get_by_label("Row 4, Focus Area").is_focused());
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert!(h.get_by_label("Row 4, Initiatives Proposed").is_focused());
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    assert!(h.get_by_label("Row 3, Initiatives Proposed").is_focused());
    press(&mut h, Modifiers::SHIFT, Key::Tab);
    assert!(h.get_by_label("Row 3, Focus Area").is_focused());
    // Undo takes the row and the column away again.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.query_by_label("Row 4, Focus Area").is_none());
    h.get_by_label("Column 3 heading");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.query_by_label("Column 3 heading").is_none());
}

#[test]
fn enter_adds_a_bullet_and_backspace_removes_an_empty_one() {
    let mut h = harness(None);
    h.get_all_by_label("• Bullets (3)")
        .next()
        .expect("a bullet list in the outline")
        .click();
    settle(&mut h);
    assert!(h.query_by_label("Bullet 4 text").is_none());
    h.get_by_label("Bullet 3 text").focus();
    settle(&mut h);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(h.get_by_label("Bullet 4 text").is_focused());
    h.get_by_label("Bullet 4 text")
        .type_text("Maritime security cooperation.");
    settle(&mut h);
    assert_eq!(value(&h, "Bullet 4 text"), "Maritime security cooperation.");
    assert_eq!(h.get_all_by_label("• Bullets (4)").count(), 2);
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label("Bullet 5 text");
    press(&mut h, Modifiers::NONE, Key::Backspace);
    assert!(h.query_by_label("Bullet 5 text").is_none());
    assert!(h.get_by_label("Bullet 4 text").is_focused());
}

#[test]
fn recommendations_are_added_numbered() {
    let mut h = harness(None);
    click(&mut h, "Recommendations (4)");
    assert_eq!(value(&h, "Recommendation 1 title"), "Intelligence Sharing");
    click(&mut h, "+ Recommendation");
    assert!(h.get_by_label("Recommendation 5 title").is_focused());
    h.get_by_label("Recommendation 5 title")
        .type_text("Brief the minister");
    settle(&mut h);
    h.get_by_label("Recommendations (5)");
    assert_eq!(
        h.state().document().brief().recommendations[4].title,
        "Brief the minister"
    );
    h.check_accessibility();
}

#[test]
fn moving_a_section_reorders_the_outline_and_undo_restores_it() {
    let mut h = harness(None);
    let first = "SCO Defense Ministers Forge Strategic Alliances Amid Heightened Regional Tensions";
    let second = "Collaboration on Counter-Terrorism and Cybersecurity Takes Center Stage";
    let above = |h: &egui_kittest::Harness<'static, _>, a: &str, b: &str| {
        h.get_by_label(a).rect().top() < h.get_by_label(b).rect().top()
    };
    assert!(above(&h, first, second));
    click(&mut h, second);
    press(&mut h, Modifiers::ALT, Key::ArrowUp);
    assert!(
        above(&h, second, first),
        "the section moved up in the outline"
    );
    assert!(h.state().document().brief().sections[0]
        .heading
        .starts_with("Collaboration"));
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(above(&h, first, second));
}

#[test]
fn deleting_a_block_is_undone() {
    let mut h = harness(None);
    click(&mut h, "⊞ Table: Focus areas and proposed initiatives");
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert!(h
        .query_by_label("⊞ Table: Focus areas and proposed initiatives")
        .is_none());
    h.get_by_label_contains("Ctrl+Z brings it back");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    h.get_by_label("⊞ Table: Focus areas and proposed initiatives");
}

#[test]
fn ctrl_b_makes_the_selection_bold() {
    let mut h = harness(None);
    h.get_all_by_label_contains("¶ Key topics of discussion")
        .next()
        .expect("the paragraph in the outline")
        .click();
    settle(&mut h);
    let label = "Paragraph text (Ctrl+B bold, Ctrl+I italic)";
    h.get_by_label(label).focus();
    settle(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::A);
    press(&mut h, Modifiers::COMMAND, Key::B);
    assert_eq!(value(&h, label), "**Key topics of discussion included:**");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(value(&h, label), "Key topics of discussion included:");
}

#[test]
fn typing_is_undone_word_by_word() {
    let mut h = harness(None);
    set_field(&mut h, "Subtitle", "");
    for word in ["Talking ", "points"] {
        h.get_by_label("Subtitle").type_text(word);
        settle(&mut h);
    }
    assert_eq!(value(&h, "Subtitle"), "Talking points");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(value(&h, "Subtitle"), "Talking ");
}

#[test]
fn find_and_replace_changes_every_field() {
    let mut h = harness(None);
    press(&mut h, Modifiers::COMMAND, Key::F);
    assert!(h.get_by_label("Find").is_focused());
    h.get_by_label("Find").type_text("Qingdao");
    settle(&mut h);
    h.get_by_label_contains("matches in");
    set_field(&mut h, "Replace with", "Tianjin");
    click(&mut h, "Replace all");
    h.get_by_label_contains("Replaced");
    assert_eq!(
        value(&h, "Title"),
        "SCO Defense Ministers’ Meeting, Tianjin"
    );
}

#[test]
fn clicking_text_in_the_preview_selects_its_section() {
    let mut h = harness(None);
    assert!(
        h.state().page_count() >= 3,
        "the stand-in lays out a page a section"
    );
    // Page 2 shows the first section's heading at (60, 80) in page points.
    let Some(pos) = h.state().preview_point(1, 100.0, 76.0) else {
        panic!("page 2 is not on screen");
    };
    h.hover_at(pos);
    h.step();
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    settle(&mut h);
    let first = h.state().document().brief().sections[0].id;
    assert_eq!(
        h.state().selection(),
        briefsmith::model::Place::Section(first)
    );
    assert_eq!(
        value(&h, "Heading"),
        h.state().document().brief().sections[0].heading
    );
}

#[test]
fn dragging_a_section_handle_reorders_sections_and_undo_restores_them() {
    let mut h = harness(None);
    let first = "SCO Defense Ministers Forge Strategic Alliances Amid Heightened Regional Tensions";
    let third =
        "China’s Role in Shaping Multilateral Defense Frameworks and Future Recommendations";
    let from = h.get_by_label(third).rect();
    let to = h.get_by_label(first).rect();
    // The ☰ handle sits just left of the entry.
    let handle = egui::pos2(from.left() - 12.0, from.center().y);
    let target = egui::pos2(to.center().x, to.center().y);
    h.hover_at(handle);
    h.step();
    h.drag_at(handle);
    h.step();
    for i in 1..=10 {
        let t = i as f32 / 10.0;
        h.hover_at(handle + (target - handle) * t);
        h.step();
    }
    h.drop_at(target);
    settle(&mut h);
    let headings: Vec<String> = h
        .state()
        .document()
        .brief()
        .sections
        .iter()
        .map(|s| s.heading.clone())
        .collect();
    assert_eq!(headings[0], third, "{headings:?}");
    assert!(h.get_by_label(third).rect().top() < h.get_by_label(first).rect().top());
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().document().brief().sections[0].heading, first);
}

#[test]
fn problems_in_the_status_bar_lead_to_the_item() {
    let mut h = harness(None);
    h.get_by_label("No problems");
    click(&mut h, "Recommendations (4)");
    set_field(&mut h, "Recommendation 2 title", "");
    click(&mut h, "Metadata");
    // Counted and placed in words (this test pinned "1 errors" and the
    // machine path `recommendations[1]` before problems read as prose).
    click(&mut h, "1 error, 0 warnings");
    click(&mut h, "⛔ Recommendation 2: recommendation has no title");
    assert_eq!(
        h.state().selection(),
        briefsmith::model::Place::Recommendations
    );
    h.get_by_label("Recommendation 2 title");
}

#[test]
fn commitments_flag_overdue_and_bad_dates_and_take_a_status() {
    let mut h = harness(None);
    click(&mut h, "✔ Commitments (3)");
    assert!(h.query_by_label("⚠ overdue").is_none());
    set_field(&mut h, "Row 1, due date", "2020-01-31");
    h.get_by_label("⚠ overdue");
    // The status column may be scrolled out of view: act as a screen reader does.
    h.get_by_label("Row 1, status").click_accesskit();
    settle(&mut h);
    h.get_by_label("Done").click_accesskit();
    settle(&mut h);
    assert!(
        h.query_by_label("⚠ overdue").is_none(),
        "done is never overdue"
    );
    set_field(&mut h, "Row 2, due date", "next week");
    h.get_by_label("⚠ not a date");
    let c = match &h.state().document().brief().sections[0].blocks[3].content {
        briefsmith::model::BlockContent::Commitments(t) => t.rows[0].clone(),
        other => panic!("not a commitments table: {other:?}"),
    };
    assert_eq!(c.status, Some(briefsmith::model::CommitmentStatus::Done));
    assert_eq!(c.due, "2020-01-31");
}

#[test]
fn every_view_names_its_inputs_for_screen_readers() {
    let mut h = harness(None);
    let views = [
        "Style",
        "Introduction",
        "⊞ Table: Focus areas and proposed initiatives",
        "✔ Commitments (3)",
        "Recommendations (4)",
        "In Conclusion",
    ];
    for view in views {
        click(&mut h, view);
        h.check_accessibility();
    }
    h.get_all_by_label("• Bullets (3)")
        .next()
        .expect("a bullet list")
        .click();
    settle(&mut h);
    h.check_accessibility();
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.check_accessibility();
    press(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("New brief from a template");
    h.check_accessibility();
    click(&mut h, "Cancel");
    press(&mut h, Modifiers::COMMAND, Key::O);
    h.get_by_label("Open brief");
    h.check_accessibility();
}

#[test]
fn a_name_pasted_with_combining_accents_is_stored_composed() {
    let mut h = harness(None);
    set_field(&mut h, "Subtitle", "");
    h.get_by_label("Subtitle").focus();
    h.step();
    // "Nguyễn" as e + combining circumflex + combining tilde, as some
    // sources (macOS, PDFs) give it.
    h.event(egui::Event::Paste("Minister Nguye\u{0302}\u{0303}n".into()));
    settle(&mut h);
    assert_eq!(value(&h, "Subtitle"), "Minister Nguyễn");
    assert_eq!(
        h.state().document().brief().meta.subtitle,
        "Minister Nguy\u{1EC5}n"
    );
}
