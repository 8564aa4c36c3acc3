//! Shared set-up for the UI tests: the real editor app in a headless
//! harness, typing paths instead of using native dialogs, with a small
//! stand-in layout (one page per section, its heading as a text run) so the
//! tests do not depend on the typesetting engine.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use briefsmith::app::{EditorApp, Options};
use briefsmith::fonts::FontId;
use briefsmith::layout::{Color, DocInfo, Document, Item, LayoutCache, Page, Tag, TextRun};
use briefsmith::model::Brief;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

/// One A4 page per section, with the heading as a text run at the top.
pub fn stand_in_layout(brief: &Brief, _cache: &mut LayoutCache) -> Document {
    let pages = brief
        .all_sections()
        .map(|s| Page {
            width: 595.0,
            height: 842.0,
            items: vec![Item::Text(TextRun {
                x: 60.0,
                baseline: 80.0,
                text: if s.heading.is_empty() {
                    "Introduction".into()
                } else {
                    s.heading.clone()
                },
                font: FontId::SerifBold,
                size: 14.0,
                color: Color::BLACK,
                width: 200.0,
                glyphs: Default::default(),
                plain: true,
                gaps: Default::default(),
                track: 0.0,
                angle: 0.0,
                source: Some(s.id),
                tag: Tag::Layout,
            })],
        })
        .collect();
    Document {
        pages,
        outline: Vec::new(),
        info: DocInfo::default(),
        warnings: Vec::new(),
        structure: Vec::new(),
    }
}

/// The full-size window the tests use unless they say otherwise.
pub const FULL_SIZE: [f32; 2] = [1500.0, 950.0];

pub fn harness(file: Option<PathBuf>) -> Harness<'static, EditorApp> {
    sized_harness(file, FULL_SIZE)
}

/// The editor on `file` (or the sample) in a window of `size` points.
pub fn sized_harness(file: Option<PathBuf>, size: [f32; 2]) -> Harness<'static, EditorApp> {
    let mut h = app_harness_sized(
        Options {
            file,
            native_dialogs: false,
            layout: stand_in_layout,
            recovery_dir: None,
        },
        size,
    );
    settle(&mut h);
    h
}

/// The editor on `file`, keeping crash-recovery copies in `recovery`.
pub fn harness_with_recovery(
    file: Option<PathBuf>,
    recovery: PathBuf,
) -> Harness<'static, EditorApp> {
    let mut h = app_harness(Options {
        file,
        native_dialogs: false,
        layout: stand_in_layout,
        recovery_dir: Some(recovery),
    });
    settle(&mut h);
    h
}

/// Makes a recovery file look as a crashed run leaves it: written by a
/// process that no longer runs (the pid is checked at start-up).
pub fn as_if_left_by_a_crash(recovery_file: &std::path::Path) {
    let text = std::fs::read_to_string(recovery_file).expect("read the recovery file");
    let text = text.replace(
        &format!("\"pid\":{}", std::process::id()),
        "\"pid\":4294967",
    );
    std::fs::write(recovery_file, text).expect("rewrite the recovery file");
}

/// The editor in a window-sized headless harness, started with `options`.
pub fn app_harness(options: Options) -> Harness<'static, EditorApp> {
    app_harness_sized(options, FULL_SIZE)
}

/// The editor in a headless harness of `size` points, started with `options`.
pub fn app_harness_sized(options: Options, size: [f32; 2]) -> Harness<'static, EditorApp> {
    let mut options = Some(options);
    Harness::builder()
        .with_size(size)
        .with_max_steps(20)
        .build_eframe(move |cc| {
            EditorApp::new(&cc.egui_ctx, None, options.take().unwrap_or_default())
        })
}

/// Runs frames until the preview and the status bar's checks have
/// caught up with the document.
pub fn settle(h: &mut Harness<'static, EditorApp>) {
    for _ in 0..400 {
        h.step();
        if h.state().preview_is_current() && h.state().checks_are_current() {
            h.step();
            h.step();
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run_steps(2);
}

/// Types `text` into the field labelled `label`, replacing what was there.
pub fn set_field(h: &mut Harness<'static, EditorApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.step();
    if text.is_empty() {
        h.key_press(egui::Key::Backspace);
    } else {
        h.get_by_label(label).type_text(text);
    }
    settle(h);
}

pub fn click(h: &mut Harness<'static, EditorApp>, label: &str) {
    h.get_by_label(label).click();
    settle(h);
}

pub fn press(h: &mut Harness<'static, EditorApp>, mods: egui::Modifiers, key: egui::Key) {
    h.key_press_modifiers(mods, key);
    settle(h);
}
