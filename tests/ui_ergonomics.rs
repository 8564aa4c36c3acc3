//! Ergonomics, as a user would notice them: in small windows (800×600,
//! 1024×768) the centre editor is always there and wide enough to use, side
//! panes can be hidden, editors fit without covering each other; the
//! keyboard reaches what it should.

mod common;

use common::{click, harness, press, set_field, settle, sized_harness};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

const SMALL: [f32; 2] = [800.0, 600.0];
const MEDIUM: [f32; 2] = [1024.0, 768.0];

fn inside(r: egui::Rect, size: [f32; 2]) -> bool {
    r.left() >= 0.0 && r.top() >= 0.0 && r.right() <= size[0] && r.bottom() <= size[1]
}

#[test]
fn in_a_small_window_the_metadata_fields_are_wide_enough_to_type_in() {
    for size in [SMALL, MEDIUM] {
        let h = sized_harness(None, size);
        let title = h.get_by_label("Title").rect();
        assert!(title.width() >= 300.0, "{size:?}: title is {title:?}");
        assert!(inside(title, size), "{size:?}: title is {title:?}");
        h.get_by_label("Drafter");
    }
}

#[test]
fn in_a_small_window_every_commitment_field_shows_without_overlapping() {
    let mut h = sized_harness(None, SMALL);
    click(&mut h, "✔ Commitments (3)");
    let names = [
        "Row 1, Member Nation",
        "Row 1, Key Commitment",
        "Row 1, owner",
        "Row 1, due date",
        "Row 1, status",
        "Row 2, Member Nation",
    ];
    let rects: Vec<egui::Rect> = names.iter().map(|n| h.get_by_label(n).rect()).collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
        }
    }
    for (n, r) in names.iter().zip(&rects) {
        assert!(inside(*r, SMALL), "{n} is at {r:?}");
    }
    assert!(rects[1].width() >= 250.0, "commitment text {:?}", rects[1]);
}

#[test]
fn in_a_small_window_recommendations_fit_the_pane() {
    let mut h = sized_harness(None, SMALL);
    click(&mut h, "Recommendations (4)");
    for label in ["Recommendation 1 title", "Recommendation 1 description"] {
        let r = h.get_by_label(label).rect();
        assert!(
            inside(r, SMALL) && r.width() >= 250.0,
            "{label} is at {r:?}"
        );
    }
    let rects: Vec<egui::Rect> = ["title", "description", "owner", "due date"]
        .iter()
        .map(|f| h.get_by_label(&format!("Recommendation 1 {f}")).rect())
        .collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn the_preview_can_be_shown_and_hidden_from_the_view_menu() {
    let mut h = sized_harness(None, SMALL);
    // A small window starts with the preview hidden, so the editor has room.
    assert!(h.query_by_label("Fit width").is_none());
    click(&mut h, "Preview");
    h.get_by_label("Fit width");
    let title = h.get_by_label("Title").rect();
    assert!(title.width() >= 200.0, "{title:?}");
    click(&mut h, "View");
    click(&mut h, "Show preview");
    settle(&mut h);
    assert!(h.query_by_label("Fit width").is_none());
    click(&mut h, "View");
    click(&mut h, "Show outline");
    assert!(h.query_by_label("Style").is_none());
    assert!(h.get_by_label("Title").rect().width() >= 500.0);
}

#[test]
fn tab_in_the_last_cell_of_a_table_adds_a_row_and_moves_into_it() {
    let mut h = harness(None);
    click(&mut h, "⊞ Table: Focus areas and proposed initiatives");
    h.get_by_label("Row 3, Initiatives Proposed").focus();
    settle(&mut h);
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert!(h.get_by_label("Row 4, Focus Area").is_focused());
    // Tab goes on through the new row's cells, not to the row's buttons.
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert!(h.get_by_label("Row 4, Initiatives Proposed").is_focused());
}

#[test]
fn tab_in_the_last_commitment_adds_one_and_moves_into_it() {
    let mut h = harness(None);
    click(&mut h, "✔ Commitments (3)");
    h.get_by_label("Row 3, due date").focus();
    settle(&mut h);
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert!(h.get_by_label("Row 4, Member Nation").is_focused());
    h.get_by_label("✔ Commitments (4)");
}

#[test]
fn the_deleted_message_goes_after_the_next_edit() {
    let mut h = harness(None);
    click(&mut h, "⊞ Table: Focus areas and proposed initiatives");
    press(&mut h, Modifiers::NONE, Key::Delete);
    h.get_by_label_contains("Ctrl+Z brings it back");
    click(&mut h, "Metadata");
    set_field(&mut h, "Version", "0.4");
    assert!(h.query_by_label_contains("Ctrl+Z brings it back").is_none());
}

#[test]
fn an_error_stays_through_edits_until_dismissed() {
    let mut h = harness(None);
    press(&mut h, Modifiers::COMMAND, Key::O);
    set_field(&mut h, "File path", "/nonexistent/dir/gone.brief");
    click(&mut h, "Open");
    h.get_by_label_contains("gone.brief");
    set_field(&mut h, "Version", "0.4");
    h.get_by_label_contains("gone.brief");
    click(&mut h, "✖");
    assert!(h.query_by_label_contains("gone.brief").is_none());
}

#[test]
fn f10_opens_the_file_menu() {
    let mut h = harness(None);
    assert!(h.query_by_label_contains("Export PDF…").is_none());
    press(&mut h, Modifiers::NONE, Key::F10);
    h.get_by_label_contains("Export PDF…");
}

#[test]
fn alt_pressed_and_released_on_its_own_opens_the_file_menu() {
    let mut h = harness(None);
    let modifiers = |h: &mut egui_kittest::Harness<'static, briefsmith::app::EditorApp>, m| {
        h.input_mut().events.push(egui::Event::ModifiersChanged(m));
        h.step();
    };
    // Alt held for a shortcut (Alt+Down moves the selected item) does not.
    modifiers(&mut h, Modifiers::ALT);
    // Down goes with Alt, which is released with it.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    settle(&mut h);
    assert!(h.query_by_label_contains("Export PDF…").is_none());
    // Alt alone does.
    modifiers(&mut h, Modifiers::ALT);
    modifiers(&mut h, Modifiers::NONE);
    settle(&mut h);
    h.get_by_label_contains("Export PDF…");
}

#[test]
fn a_new_block_takes_the_typing_at_once_in_its_first_field() {
    let mut h = harness(None);
    click(&mut h, "Introduction");
    click(&mut h, "Paragraph");
    let field = h.get_by_label("Paragraph text (Ctrl+B bold, Ctrl+I italic)");
    assert!(field.is_focused());
    // A table starts at its caption.
    click(&mut h, "Introduction");
    h.get_all_by_label("Table")
        .last()
        .expect("the Add: Table button")
        .click();
    settle(&mut h);
    assert!(h.get_by_label("Caption").is_focused());
}

#[test]
fn the_save_as_path_field_starts_focused_in_the_current_folder() {
    let mut h = harness(None);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    let field = h.get_by_label("File path");
    assert!(field.is_focused());
    let dir = std::env::current_dir().expect("cwd");
    let value = field.value().unwrap_or_default();
    assert!(value.starts_with(&dir.display().to_string()), "{value}");
}

#[test]
fn a_failed_save_as_keeps_the_path_to_correct() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("notes.txt");
    std::fs::write(&blocker, "a file, not a folder").expect("write");
    let target = blocker.join("talks.brief");
    let mut h = harness(None);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    set_field(&mut h, "File path", &target.display().to_string());
    click(&mut h, "Save");
    h.get_by_label_contains("could not save");
    let field = h.get_by_label("File path");
    assert_eq!(
        field.value().as_deref(),
        Some(&*target.display().to_string())
    );
    assert!(h.state().document().path().is_none());
}

#[test]
fn a_new_section_goes_after_the_selected_one() {
    let mut h = harness(None);
    let first = "SCO Defense Ministers Forge Strategic Alliances Amid Heightened Regional Tensions";
    click(&mut h, first);
    click(&mut h, "+ Section");
    let headings: Vec<String> = h
        .state()
        .document()
        .brief()
        .sections
        .iter()
        .map(|s| s.heading.clone())
        .collect();
    assert_eq!(headings[1], "New section", "{headings:?}");
    assert!(h.get_by_label("Heading").is_focused());
}

#[test]
fn ctrl_and_the_wheel_over_the_preview_zoom_it() {
    let mut h = harness(None);
    let before = h.state().preview_zoom();
    let over = h
        .state()
        .preview_point(0, 100.0, 100.0)
        .expect("page 1 shown");
    h.input_mut().events.push(egui::Event::PointerMoved(over));
    h.input_mut().events.push(egui::Event::Zoom(1.5));
    settle(&mut h);
    let after = h.state().preview_zoom();
    assert!((after / before - 1.5).abs() < 0.01, "{before} -> {after}");
}

#[test]
fn selecting_a_section_scrolls_the_preview_to_it() {
    let mut h = harness(None);
    h.get_by_label("Page 1 of 5");
    let third = h.state().document().brief().sections[2].heading.clone();
    click(&mut h, &third);
    settle(&mut h);
    h.get_by_label("Page 4 of 5");
    click(&mut h, "Metadata");
    settle(&mut h);
    h.get_by_label("Page 1 of 5");
}

#[test]
fn the_new_dialog_shows_templates_by_their_titles() {
    let mut h = harness(None);
    press(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("Bilateral meeting");
    h.get_by_label("Post-meeting readout");
    assert!(h.query_by_label("bilateral-meeting").is_none());
}

#[test]
fn a_file_that_cannot_be_read_opens_an_empty_window_with_the_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("broken.brief");
    std::fs::write(&bad, "{").expect("write");
    let h = sized_harness(Some(bad), SMALL);
    h.get_by_label_contains("broken.brief");
    let brief = h.state().document().brief();
    assert!(brief.recommendations.is_empty(), "not the sample");
    assert!(!brief.meta.title.contains("SCO"), "{}", brief.meta.title);
    h.get_by_label("Not saved");
}

#[test]
fn the_untitled_sample_says_not_saved() {
    let h = harness(None);
    h.get_by_label("Not saved");
    assert!(h.query_by_label("Saved").is_none());
}

#[cfg(unix)]
#[test]
fn print_writes_the_pdf_and_hands_it_to_the_system_viewer() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let record = dir.path().join("shown.txt");
    let viewer = dir.path().join("viewer.sh");
    std::fs::write(
        &viewer,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", record.display()),
    )
    .expect("write");
    std::fs::set_permissions(&viewer, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::env::set_var(briefsmith::io::viewer::VIEWER_VAR, &viewer);
    let mut h = harness(None);
    press(&mut h, Modifiers::COMMAND, Key::P);
    h.get_by_label_contains("in the PDF viewer");
    let mut shown = String::new();
    for _ in 0..100 {
        shown = std::fs::read_to_string(&record).unwrap_or_default();
        if !shown.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(shown.ends_with(".pdf"), "{shown:?}");
    let pdf = std::fs::read(&shown).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF"));
}

fn find_text(h: &mut egui_kittest::Harness<'static, briefsmith::app::EditorApp>, query: &str) {
    press(h, Modifiers::COMMAND, Key::F);
    h.get_by_label("Find").type_text(query);
    settle(h);
}

#[test]
fn next_and_previous_go_through_the_matches_and_select_them() {
    let mut h = harness(None);
    find_text(&mut h, "Qingdao");
    h.get_by_label_contains("matches in");
    click(&mut h, "Next ▶");
    h.get_by_label_contains("Match 1 of");
    assert!(h.get_by_label("Title").is_focused());
    click(&mut h, "Next ▶");
    h.get_by_label_contains("Match 2 of");
    click(&mut h, "◀ Previous");
    h.get_by_label_contains("Match 1 of");
    // F3 goes on from inside the field, where Enter stays with the text.
    press(&mut h, Modifiers::NONE, Key::F3);
    h.get_by_label_contains("Match 2 of");
    press(&mut h, Modifiers::SHIFT, Key::F3);
    h.get_by_label_contains("Match 1 of");
    click(&mut h, "◀ Previous");
    // Before the first is the last.
    assert!(h.query_by_label_contains("Match 1 of").is_none());
}

#[test]
fn match_case_finds_only_the_same_case() {
    let mut h = harness(None);
    find_text(&mut h, "qingdao");
    assert!(h.query_by_label_contains("0 matches").is_none());
    click(&mut h, "Match case");
    h.get_by_label_contains("0 matches in 0 fields");
}

#[test]
fn replace_changes_only_the_match_in_view() {
    let mut h = harness(None);
    find_text(&mut h, "Qingdao");
    let before = h.state().document().brief().clone();
    let count = |b: &briefsmith::model::Brief| {
        briefsmith::model::find::find_matches(b, "Qingdao", false).len()
    };
    click(&mut h, "Next ▶");
    set_field(&mut h, "Replace with", "Tianjin");
    click(&mut h, "Replace");
    let after = h.state().document().brief();
    assert_eq!(after.meta.title, "SCO Defense Ministers’ Meeting, Tianjin");
    assert_eq!(count(after), count(&before) - 1);
    h.get_by_label_contains("Match 1 of");
}

#[test]
fn a_date_typed_in_words_or_with_slashes_is_stored_as_iso() {
    let mut h = harness(None);
    set_field(&mut h, "Start date", "12 March 2027");
    assert!(h.query_by_label_contains("not a date").is_none());
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(h.state().document().brief().meta.start_date, "2027-03-12");
    // The sample is US English: month first.
    set_field(&mut h, "End date", "03/13/2027");
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(h.state().document().brief().meta.end_date, "2027-03-13");
    // In a UK brief, day first.
    click(&mut h, "Language");
    click(&mut h, "English (UK)");
    assert_eq!(h.state().document().brief().meta.language, "en-GB");
    set_field(&mut h, "End date", "14/03/2027");
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(h.state().document().brief().meta.end_date, "2027-03-14");
    assert_eq!(
        h.get_by_label("End date").value().as_deref(),
        Some("2027-03-14")
    );
}

#[test]
fn a_commitment_due_date_in_words_is_stored_as_iso() {
    let mut h = harness(None);
    click(&mut h, "✔ Commitments (3)");
    set_field(&mut h, "Row 1, due date", "1 Sept 2031");
    press(&mut h, Modifiers::NONE, Key::Tab);
    let brief = h.state().document().brief();
    let due = brief
        .all_sections()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match &b.content {
            briefsmith::model::BlockContent::Commitments(t) => Some(t.rows[0].due.clone()),
            _ => None,
        });
    assert_eq!(due.as_deref(), Some("2031-09-01"));
}

#[test]
fn every_date_field_has_a_calendar_that_sets_it() {
    let mut h = harness(None);
    assert_eq!(h.get_all_by_label_contains("📆").count(), 3);
    h.get_all_by_label_contains("📆")
        .next()
        .expect("a calendar button")
        .click();
    settle(&mut h);
    click(&mut h, "20");
    click(&mut h, "Save");
    assert_eq!(h.state().document().brief().meta.start_date, "2025-06-20");
}

fn bilateral(h: &mut egui_kittest::Harness<'static, briefsmith::app::EditorApp>) {
    press(h, Modifiers::COMMAND, Key::N);
    click(h, "Bilateral meeting");
}

#[test]
fn exporting_a_brief_with_placeholders_left_asks_first() {
    let mut h = harness(None);
    bilateral(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::E);
    h.get_by_label("Placeholders left");
    h.get_by_label_contains("still has placeholders to fill in: [");
    click(&mut h, "Cancel");
    assert!(h.query_by_label("File path").is_none());
    press(&mut h, Modifiers::COMMAND, Key::E);
    click(&mut h, "Export anyway");
    h.get_by_label("File path");
}

#[test]
fn marking_a_brief_with_placeholders_final_asks_first() {
    use briefsmith::model::Status;
    let mut h = harness(None);
    bilateral(&mut h);
    click(&mut h, "Status");
    click(&mut h, "Final");
    h.get_by_label("Placeholders left");
    assert_eq!(h.state().document().brief().meta.status, Status::Draft);
    click(&mut h, "Mark Final anyway");
    assert_eq!(h.state().document().brief().meta.status, Status::Final);
}

#[test]
fn find_them_looks_for_the_first_placeholder() {
    let mut h = harness(None);
    bilateral(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::E);
    click(&mut h, "Find them");
    let first = h.state().document().brief().placeholders()[0].clone();
    assert_eq!(h.get_by_label("Find").value().as_deref(), Some(&*first));
}

#[test]
fn a_brief_without_placeholders_exports_without_asking() {
    let mut h = harness(None);
    press(&mut h, Modifiers::COMMAND, Key::E);
    assert!(h.query_by_label("Placeholders left").is_none());
    h.get_by_label("File path");
}

#[test]
fn in_a_small_window_long_problems_wrap_inside_it() {
    let mut h = sized_harness(None, SMALL);
    bilateral(&mut h);
    h.get_all_by_label_contains("warnings")
        .last()
        .expect("the problems button")
        .click();
    settle(&mut h);
    let mut seen = 0;
    for node in h.get_all_by_label_contains("still to fill in") {
        let r = node.rect();
        assert!(r.left() >= 0.0 && r.right() <= SMALL[0], "{r:?}");
        seen += 1;
    }
    assert!(seen > 3, "{seen} problems listed");
}
