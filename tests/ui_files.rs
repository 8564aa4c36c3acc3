//! Files through the editor window: save to a new file and load it back,
//! the unsaved-changes prompt on close and on New, bad files shown as
//! errors instead of crashes, importing an article.

mod common;

use common::{click, harness, press, set_field, settle};
use egui::{Key, Modifiers, ViewportEvent, ViewportId};
use egui_kittest::kittest::Queryable;

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn request_close(h: &mut egui_kittest::Harness<'static, briefsmith::app::EditorApp>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    settle(h);
}

#[test]
fn edits_saved_to_a_new_file_load_back_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("qingdao.brief");
    let mut h = harness(None);
    click(&mut h, "⊞ Table: Focus areas and proposed initiatives");
    set_field(
        &mut h,
        "Row 2, Initiatives Proposed",
        "Joint cyber range exercises",
    );
    click(&mut h, "Recommendations (4)");
    click(&mut h, "+ Recommendation");
    h.get_by_label("Recommendation 5 title")
        .type_text("Follow up in Astana");
    settle(&mut h);

    press(&mut h, Modifiers::COMMAND, Key::S);
    // No dialog service in tests: the in-app path field asks where.
    set_field(&mut h, "File path", &path.display().to_string());
    click(&mut h, "Save");
    h.get_by_label_contains("Saved ");
    h.get_by_label("qingdao.brief");
    h.get_by_label("Saved");
    assert_eq!(
        h.state().document().window_title(),
        "qingdao.brief — Briefsmith"
    );

    let loaded = briefsmith::io::load(&path).expect("the saved file loads");
    assert_eq!(&loaded, h.state().document().brief());
    assert_eq!(loaded.recommendations[4].title, "Follow up in Astana");

    // Opening it in a fresh window (once this one has closed) shows the edits.
    drop(h);
    let mut h2 = harness(Some(path.clone()));
    h2.get_by_label("qingdao.brief");
    click(&mut h2, "⊞ Table: Focus areas and proposed initiatives");
    assert_eq!(
        h2.get_by_label("Row 2, Initiatives Proposed")
            .value()
            .as_deref(),
        Some("Joint cyber range exercises")
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = harness(None);
    // Unchanged: closes without asking.
    request_close(&mut h);
    assert!(h.state().close_confirmed());

    let mut h = harness(None);
    set_field(&mut h, "Location", "Qingdao, Shandong");
    request_close(&mut h);
    assert!(!h.state().close_confirmed());
    h.get_by_label_contains("has unsaved changes");
    click(&mut h, "Cancel");
    assert!(h.query_by_label_contains("has unsaved changes").is_none());
    assert!(!h.state().close_confirmed());
    assert_eq!(
        h.get_by_label("Location").value().as_deref(),
        Some("Qingdao, Shandong")
    );

    request_close(&mut h);
    click(&mut h, "Discard");
    assert!(h.state().close_confirmed());
}

#[test]
fn save_from_the_close_prompt_saves_then_closes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("closing.brief");
    let mut h = harness(None);
    set_field(&mut h, "Version", "0.4");
    request_close(&mut h);
    click(&mut h, "Save");
    set_field(&mut h, "File path", &path.display().to_string());
    click(&mut h, "Save");
    assert!(h.state().close_confirmed());
    let saved = briefsmith::io::load(&path).expect("saved before closing");
    assert_eq!(saved.meta.version, "0.4");
}

#[test]
fn new_from_a_template_with_unsaved_changes_asks_first() {
    let mut h = harness(None);
    set_field(&mut h, "Drafter", "J. Smith");
    press(&mut h, Modifiers::COMMAND, Key::N);
    // Templates are offered by their titles (this test clicked the
    // command-line name "bilateral-meeting" before).
    click(&mut h, "Bilateral meeting");
    h.get_by_label_contains("has unsaved changes");
    click(&mut h, "Discard");
    assert_ne!(h.state().document().brief().meta.drafter, "J. Smith");
    h.get_by_label_contains("New brief from the template");
    h.get_by_label("Not saved");
}

#[test]
fn a_broken_file_shows_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.brief");
    std::fs::write(&path, "{ this is not json").expect("write");
    let h = harness(Some(path.clone()));
    // The message names the file and says what is wrong with it.
    h.get_by_label_contains(&format!("Could not open {}:", path.display()));
    // The editor is still usable, with the sample open.
    h.get_by_label("Untitled");
    h.get_by_label("Title");
}

#[test]
fn opening_a_missing_file_from_the_path_field_shows_an_error() {
    let mut h = harness(None);
    press(&mut h, Modifiers::COMMAND, Key::O);
    set_field(&mut h, "File path", "/nonexistent/dir/gone.brief");
    click(&mut h, "Open");
    h.get_by_label_contains("Could not open /nonexistent/dir/gone.brief: cannot read");
}

#[test]
fn dropping_an_article_imports_it_as_a_new_untitled_brief() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sco-qingdao-article.txt");
    let mut h = harness(None);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(fixture)));
    settle(&mut h);
    h.get_by_label_contains("Imported");
    // The report of what was guessed follows the summary.
    h.get_by_label_contains("Title: guessed from the opening paragraph");
    h.get_by_label_contains("commitments, 3 rows, by its column headings");
    h.get_by_label("Untitled");
    assert!(!h.state().document().brief().sections.is_empty());
}

#[test]
fn unsaved_work_left_by_a_crash_is_offered_at_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let recovery = dir.path().join("recovery");
    let store =
        briefsmith::io::recovery::RecoveryStore::open(recovery.clone()).expect("recovery store");
    let mut brief = briefsmith::model::Brief::new("Visit of the Defence Attaché");
    brief.meta.drafter = "Crashed drafter".into();
    // Written by a process that no longer runs (the pid is checked).
    store.write("untitled-1-1", None, &brief).expect("write");
    let raw = std::fs::read_dir(&recovery)
        .expect("dir")
        .flatten()
        .next()
        .map(|e| e.path())
        .expect("a recovery file");
    common::as_if_left_by_a_crash(&raw);

    let mut h = common::harness_with_recovery(None, recovery);
    h.get_by_label("Recover unsaved work");
    click(&mut h, "Restore Visit of the Defence Attaché (untitled)");
    assert_eq!(
        h.get_by_label("Drafter").value().as_deref(),
        Some("Crashed drafter")
    );
    h.get_by_label("Unsaved changes");
}

#[test]
fn a_failed_save_says_why_and_keeps_the_brief_unsaved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("talks.brief");
    briefsmith::io::save(&path, &briefsmith::model::Brief::new("Talks")).expect("save");
    let before = std::fs::read(&path).expect("read");
    // The previous version cannot be kept (a folder has its backup's
    // name), so the save must fail cleanly, even as root.
    std::fs::create_dir(briefsmith::io::backup_path(&path)).expect("mkdir");
    let mut h = harness(Some(path.clone()));
    set_field(&mut h, "Drafter", "J. Smith");
    press(&mut h, Modifiers::COMMAND, Key::S);
    h.get_by_label(&format!(
        "could not save {}: the previous version could not be kept as talks.brief.bak: it is a directory",
        path.display()
    ));
    h.get_by_label("Unsaved changes");
    assert!(h.state().document().is_dirty());
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn a_failed_export_or_import_names_the_file_once_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("notes.txt");
    std::fs::write(&blocker, "a file, not a folder").expect("write");
    let target = blocker.join("out.pdf");
    let mut h = harness(None);
    press(&mut h, Modifiers::COMMAND, Key::E);
    set_field(&mut h, "File path", &target.display().to_string());
    click(&mut h, "Export");
    h.get_by_label(&format!(
        "Could not export {}: a part of the path is a file, not a folder",
        target.display()
    ));

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    press(&mut h, Modifiers::COMMAND, Key::O);
    set_field(&mut h, "File path", &empty.display().to_string());
    click(&mut h, "Open");
    h.get_by_label(&format!(
        "Could not import {}: the file is empty; there is nothing to import",
        empty.display()
    ));
}

#[test]
fn a_pasted_article_imports_with_its_report() {
    let mut h = harness(None);
    click(&mut h, "File");
    click(&mut h, "Import pasted article…");
    set_field(
        &mut h,
        "Article text (paste with Ctrl+V)",
        "Harbour Talks\n\nThe ports met on Monday.\n\nFollow-up\n\n| Party | Pledge | Deadline |\n|---|---|---|\n| Oman | Dredge the channel. | Q2 2028 |\n",
    );
    click(&mut h, "Import");
    h.get_by_label_contains("Imported the pasted article");
    h.get_by_label_contains("commitments, 1 rows");
    let brief = h.state().document().brief().clone();
    assert_eq!(brief.meta.title, "Harbour Talks");
    assert_eq!(brief.sections[0].heading, "Follow-up");
}

#[test]
fn a_brief_set_to_archival_exports_pdf_a_from_the_editor_and_keeps_the_setting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(None);
    click(&mut h, "Style");
    click(&mut h, "Archival (PDF/A-2b)");
    assert!(h.state().document().brief().style.archival, "ticked");
    let pdf = dir.path().join("archive.pdf");
    press(&mut h, Modifiers::COMMAND, Key::E);
    set_field(&mut h, "File path", &pdf.display().to_string());
    click(&mut h, "Export");
    h.get_by_label_contains("Exported");
    let bytes = std::fs::read(&pdf).expect("the PDF");
    let lo = lopdf::Document::load_mem(&bytes).expect("a PDF");
    let catalog = lo.catalog().expect("catalog");
    assert!(
        catalog.get(b"OutputIntents").is_ok(),
        "an sRGB output intent"
    );
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "still tagged");
    let xmp = catalog
        .get(b"Metadata")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| lo.get_object(id))
        .and_then(lopdf::Object::as_stream)
        .expect("XMP");
    assert!(String::from_utf8_lossy(&xmp.content).contains("<pdfaid:part>2</pdfaid:part>"));

    // Saved with the brief, so the next export (or the CLI's) is archival too.
    let saved = dir.path().join("archive.brief");
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    set_field(&mut h, "File path", &saved.display().to_string());
    click(&mut h, "Save");
    settle(&mut h);
    let back = briefsmith::io::load(&saved).expect("load");
    assert!(back.style.archival);
    // Unticked, the key leaves the file: older releases read it unchanged.
    click(&mut h, "Archival (PDF/A-2b)");
    press(&mut h, Modifiers::COMMAND, Key::S);
    settle(&mut h);
    let text = std::fs::read_to_string(&saved).expect("read");
    assert!(!text.contains("archival"), "{text}");
}
