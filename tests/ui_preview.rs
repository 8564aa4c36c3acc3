//! The preview with the real layout engine: it shows the brief's pages,
//! follows edits, and clicking printed text selects the item it came from;
//! Export PDF writes the file.

mod common;

use std::time::{Duration, Instant};

use briefsmith::app::{engine_layout, EditorApp, Options};
use briefsmith::layout::Item;
use briefsmith::model::Place;
use common::{click, press, set_field, settle};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

fn real_harness() -> Harness<'static, EditorApp> {
    let mut h = common::app_harness(Options {
        file: None,
        native_dialogs: false,
        layout: engine_layout,
        recovery_dir: None,
    });
    wait_for_preview(&mut h);
    h
}

fn wait_for_preview(h: &mut Harness<'static, EditorApp>) {
    h.step();
    let start = Instant::now();
    while !h.state().preview_is_current() && start.elapsed() < Duration::from_secs(60) {
        h.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    h.step();
    h.step();
    assert!(h.state().preview_is_current(), "layout finished");
}

#[test]
fn the_preview_shows_the_pages_and_follows_edits() {
    let mut h = real_harness();
    let pages = h.state().page_count();
    assert!(pages >= 2, "the sample lays out to {pages} pages");
    h.get_by_label(&format!("Page 1 of {pages}"));
    h.get_by_label(&format!("{pages} pages"));
    // A long new paragraph makes the brief longer.
    click(&mut h, "Introduction");
    click(&mut h, "Paragraph");
    let long = "The delegation should press for a written record of every commitment. ".repeat(80);
    h.get_by_label("Paragraph text (Ctrl+B bold, Ctrl+I italic)")
        .focus();
    settle(&mut h);
    h.get_by_label("Paragraph text (Ctrl+B bold, Ctrl+I italic)")
        .type_text(&long);
    wait_for_preview(&mut h);
    assert!(h.state().page_count() > pages, "the new text added a page");
}

#[test]
fn clicking_printed_text_selects_its_block() {
    let mut h = real_harness();
    // A paragraph's run on the first page, from the brief's own layout.
    let brief = h.state().document().brief().clone();
    let target = brief.sections[0].blocks[0].id;
    let doc = engine_layout(&brief, &mut Default::default());
    let run = doc.pages[0].items.iter().find_map(|i| match i {
        Item::Text(t) if t.source == Some(target) => Some(t.clone()),
        _ => None,
    });
    let Some(run) = run else {
        panic!("the first section's paragraph is on page 1");
    };
    let Some(pos) = h
        .state()
        .preview_point(0, run.x + run.width / 2.0, run.baseline - 2.0)
    else {
        panic!("page 1 is drawn");
    };
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    settle(&mut h);
    assert_eq!(h.state().selection(), Place::Block(target));
    h.get_by_label("Paragraph text (Ctrl+B bold, Ctrl+I italic)");
}

#[test]
fn export_pdf_writes_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("brief.pdf");
    let mut h = real_harness();
    press(&mut h, Modifiers::COMMAND, Key::E);
    set_field(&mut h, "File path", &path.display().to_string());
    click(&mut h, "Export");
    h.get_by_label_contains("Exported");
    let bytes = std::fs::read(&path).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"));
}
