//! The desktop editor window: outline on the left, the selected item's
//! editor in the centre, the live preview on the right, a status bar, and
//! the commitments register window.
//! UI code only; every change to the brief goes through
//! [`crate::editor::Document`] and the model's operations.

pub mod about;
mod checks;
mod commands;
mod dialogs;
mod disk_watch;
mod editors;
mod files;
mod find_bar;
mod layout_worker;
mod menu;
mod notices;
mod outline;
mod preview_panel;
mod recovery;
mod register_view;
mod settings;
mod status_bar;

use std::path::PathBuf;

use crate::editor::Document;
use crate::model::Place;
use crate::preview::PreviewView;

pub use dialogs::Dialog;
pub use files::Pending;
pub use layout_worker::{engine_layout, LayoutFn, LayoutWorker};
pub use notices::Notice;
pub use register_view::RegisterView;

/// The centre editor keeps at least this width; the side panes give way.
const EDITOR_MIN_WIDTH: f32 = 380.0;
const OUTLINE_MIN: f32 = 160.0;
const PREVIEW_MIN: f32 = 220.0;
/// Narrower windows start with the preview hidden (View > Show preview).
const PREVIEW_WINDOW_MIN: f32 = 1100.0;

/// How the editor starts.
pub struct Options {
    /// A `.brief` (or `.txt`/`.md` to import) to open; `None` opens the sample.
    pub file: Option<PathBuf>,
    /// Use the platform's file dialogs; off in tests, which type paths.
    pub native_dialogs: bool,
    /// How to lay out pages (the real engine, or a stand-in in tests).
    pub layout: LayoutFn,
    /// Where unsaved work is kept for crash recovery; `None` keeps none.
    pub recovery_dir: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            file: None,
            native_dialogs: true,
            layout: engine_layout,
            recovery_dir: None,
        }
    }
}

/// The editor application.
pub struct EditorApp {
    doc: Document,
    selection: Place,
    worker: LayoutWorker,
    preview: PreviewView,
    notices: Vec<Notice>,
    dialog: Option<Dialog>,
    /// Questions waiting for the current dialog to close.
    later: Vec<Dialog>,
    find: find_bar::FindBar,
    settings: settings::Settings,
    native_dialogs: bool,
    /// The user chose to close (discarding or after saving).
    close_confirmed: bool,
    title: String,
    /// Focus this widget on the next frame (new bullets, moved cells).
    focus_next: Option<egui::Id>,
    /// The widget being focused, and how many frames it has been tried.
    focus_tries: Option<(egui::Id, u8)>,
    show_problems: bool,
    show_spelling: bool,
    /// The File menu's button, for F10 to open it.
    file_menu: Option<egui::Id>,
    /// An Alt press on its own opens the menus when released.
    alt_tap: menu::AltTap,
    /// A path picked in a native dialog, acted on at the start of the next frame.
    pending_path: Option<(dialogs::PathPurpose, PathBuf, Option<Pending>)>,
    layout_fn: LayoutFn,
    recovery: recovery::Recovery,
    /// The outline's lines for a content id.
    outline_rows: Option<(u64, std::sync::Arc<Vec<outline::Row>>)>,
    /// Names this window in lock and recovery files.
    window: String,
    /// The open brief's lock, while this window holds it.
    lock: Option<crate::io::lock::FileLock>,
    /// What the last look at the open brief's file found.
    disk: disk_watch::DiskWatch,
    /// Word count, validation and spelling, checked off the UI thread.
    checks: checks::Checks,
    /// View > Commitments register.
    register_view: RegisterView,
    /// Help > About.
    about: about::About,
    /// The commitments table "Bring forward from…" fills, while its file
    /// is being chosen.
    bring_into: Option<crate::model::Id>,
}

impl EditorApp {
    pub fn new(
        ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        options: Options,
    ) -> Self {
        crate::preview::install_fonts(ctx);
        let settings = settings::Settings::load(storage);
        let window = crate::io::process::unique_token();
        let (recovery, found, problems) =
            recovery::Recovery::start(options.recovery_dir, window.clone());
        settings.apply_theme(ctx);
        let mut app = EditorApp {
            // A file to open starts from an empty brief, so a file that
            // cannot be read leaves an empty window with the error.
            doc: if options.file.is_some() {
                files::blank_document()
            } else {
                files::sample_document()
            },
            selection: Place::Metadata,
            worker: LayoutWorker::new(ctx.clone(), options.layout),
            preview: PreviewView::default(),
            notices: Vec::new(),
            dialog: None,
            later: Vec::new(),
            find: find_bar::FindBar::default(),
            settings,
            native_dialogs: options.native_dialogs,
            close_confirmed: false,
            title: String::new(),
            focus_next: None,
            focus_tries: None,
            show_problems: false,
            show_spelling: false,
            file_menu: None,
            alt_tap: menu::AltTap::default(),
            pending_path: None,
            layout_fn: options.layout,
            recovery,
            outline_rows: None,
            window,
            lock: None,
            disk: disk_watch::DiskWatch::default(),
            checks: checks::Checks::new(ctx.clone()),
            register_view: RegisterView::default(),
            about: about::About::default(),
            bring_into: None,
        };
        app.recovery.document_changed(&app.doc);
        if let Some(path) = options.file {
            // Temporaries an interrupted save left beside the file go first.
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::io::remove_stale_temps(dir, std::time::Duration::from_secs(60));
            }
            app.open_or_import(&path);
        }
        app.offer_recovered(found, problems);
        app
    }

    /// The open document (for tests and the benchmark).
    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn selection(&self) -> Place {
        self.selection
    }

    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// True once the user has agreed to close the window.
    pub fn close_confirmed(&self) -> bool {
        self.close_confirmed
    }

    /// Pages in the preview, once laid out.
    pub fn page_count(&self) -> usize {
        self.worker.document().map_or(0, |d| d.pages.len())
    }

    /// Blocks until the preview shows the current content, as the window
    /// does between frames (tests and the benchmark); false on timeout.
    pub fn wait_for_preview(&mut self, timeout: std::time::Duration) -> bool {
        self.worker.wait_for(self.doc.content_id(), timeout)
    }

    /// How long the last layout took on the layout thread.
    pub fn last_layout_duration(&self) -> std::time::Duration {
        self.worker.last_duration()
    }

    /// Blocks until the word count, problems and spelling are checked for
    /// the current content, as the window does between frames (tests and
    /// the benchmark).
    pub fn wait_for_checks(&mut self, timeout: std::time::Duration) -> bool {
        self.checks.wait_for(self.doc.content_id(), timeout)
    }

    /// True when the status bar's figures are of the current content.
    pub fn checks_are_current(&self) -> bool {
        self.checks.is_current(self.doc.content_id())
    }

    /// True when the preview shows the current content.
    pub fn preview_is_current(&self) -> bool {
        self.worker.is_current(self.doc.content_id())
    }

    /// The preview's zoom, screen points per PDF point.
    pub fn preview_zoom(&self) -> f32 {
        self.preview.zoom
    }

    /// Where a point of a page (page coordinates) was drawn in the preview.
    pub fn preview_point(&self, page: usize, x: f32, y: f32) -> Option<egui::Pos2> {
        let rect = self.preview.placed.get(page)?;
        Some(rect.min + egui::Vec2::new(x, y) * self.preview.zoom)
    }

    /// The commitments register window's state (for tests).
    pub fn register_view(&self) -> &RegisterView {
        &self.register_view
    }

    /// Selects an outline entry, as clicking it does.
    pub fn select_place(&mut self, place: Place) {
        self.select(place);
    }

    /// True when the preview pane is shown in a window `width` wide: as the
    /// user chose, or when the window has room for it beside the editor.
    fn preview_shown(&self, width: f32) -> bool {
        self.settings
            .show_preview
            .unwrap_or(width >= PREVIEW_WINDOW_MIN)
    }

    /// Shows or hides the preview pane (the choice is remembered).
    fn set_preview_shown(&mut self, shown: bool) {
        self.settings.show_preview = Some(shown);
    }

    fn select(&mut self, place: Place) {
        self.select_quietly(place);
        self.reveal_in_preview(place);
    }

    /// Selects without moving the preview (a click in the preview itself).
    fn select_quietly(&mut self, place: Place) {
        self.doc.break_step();
        self.selection = place;
    }

    /// Scrolls the preview to where `place` is printed.
    fn reveal_in_preview(&mut self, place: Place) {
        let Some(pages) = self.worker.shared_document() else {
            return;
        };
        let brief = self.doc.brief();
        let found = match place {
            Place::Metadata | Place::Style => Some((0, 0.0)),
            _ => crate::preview::find_source(&pages, |id| brief.place_contains(place, id)),
        };
        if found.is_some() {
            self.preview.reveal = found;
        }
    }

    /// Replaces the open document and resets everything tied to it; `lock`
    /// is the new document's file lock, if this window took one.
    fn set_document(&mut self, doc: Document, lock: Option<crate::io::lock::FileLock>) {
        // The old document was saved or deliberately discarded.
        self.recovery.forget();
        self.doc = doc;
        self.set_lock(lock);
        self.disk.saved();
        self.recovery.document_changed(&self.doc);
        self.selection = Place::Metadata;
        self.preview.scroll_to = Some(0);
        if let Some(p) = self.doc.path() {
            self.settings.add_recent(p);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.doc.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.request(Pending::Close, ctx);
            } else {
                self.close_confirmed = true;
                self.lock = None;
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.request(Pending::Open(Some(path)), ctx);
        }
    }

    /// One frame of the whole window.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // Pasted and typed text enters the brief composed (NFC), as loaded
        // and imported text does: "Nguyễn" pasted as e + two combining
        // accents is stored, found and printed as the one letter.
        ctx.input_mut(|i| {
            for event in &mut i.events {
                if let egui::Event::Paste(text) | egui::Event::Text(text) = event {
                    if let std::borrow::Cow::Owned(n) = crate::model::text::nfc(text) {
                        *text = n;
                    }
                }
            }
        });
        // Focus asked for last frame, now that the widget exists; not in a
        // frame with a click, which would take the focus away again.
        if let Some(id) = self.focus_next.take() {
            self.focus_tries = Some((id, 0));
        }
        if !ctx.input(|i| i.pointer.any_click() || i.pointer.any_pressed()) {
            if let Some((id, _)) = self.focus_tries {
                ctx.memory_mut(|m| m.request_focus(id));
            }
        }
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_shortcuts(&ctx);
        if let Some((purpose, path, then)) = self.pending_path.take() {
            // A native save dialog has asked about replacing the file itself.
            self.path_chosen(purpose, path, then, true, &ctx);
        }
        self.watch_disk(&ctx);
        if !self.doc.brief().has_place(self.selection) {
            self.selection = Place::Metadata;
        }
        self.worker.poll();
        self.checks.poll();

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar(ui));
        let width = ctx.content_rect().width();
        let preview_on = self.preview_shown(width);
        // The side panes give way so the editor keeps EDITOR_MIN_WIDTH.
        let mut used = 0.0;
        if self.settings.show_outline {
            let room = width - EDITOR_MIN_WIDTH - if preview_on { PREVIEW_MIN } else { 0.0 };
            let max = room.max(OUTLINE_MIN);
            let r = egui::Panel::left("outline")
                .default_size(280.0)
                .size_range(OUTLINE_MIN..=max)
                .show(ui, |ui| self.outline(ui));
            used = r.response.rect.width();
        }
        if preview_on {
            let max = (width - EDITOR_MIN_WIDTH - used).max(PREVIEW_MIN);
            egui::Panel::right("preview")
                .default_size(520.0)
                .size_range(PREVIEW_MIN..=max)
                .show(ui, |ui| self.preview_panel(ui));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.notices_bar(ui);
            self.disk_banner(ui);
            if self.find.open {
                self.find_bar(ui);
            }
            self.editor_pane(ui);
        });
        self.register_window(&ctx);
        self.about_window(&ctx);
        self.dialogs(&ctx);
        // Edits made this frame go to the layout thread at once.
        self.worker
            .request(self.doc.content_id(), self.doc.shared());
        self.checks.request(
            self.doc.content_id(),
            self.doc.shared(),
            chrono::Local::now().date_naive(),
        );
        self.recovery.track(&self.doc);
        // A widget in a table laid out for the first time cannot take focus
        // yet: ask again for a few frames.
        if let Some((id, tries)) = self.focus_tries {
            self.focus_tries =
                (!ctx.memory(|m| m.has_focus(id)) && tries < 4).then_some((id, tries + 1));
            if self.focus_tries.is_some() {
                ctx.request_repaint();
            }
        }
        self.update_title(&ctx);
    }
}

impl eframe::App for EditorApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.save(storage);
    }
}

/// Opens the editor window; `file` is the `.brief` to open, if any.
pub fn run(file: Option<PathBuf>) -> Result<(), eframe::Error> {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Briefsmith")
            // The .desktop file's name: Wayland compositors find the icon
            // and the launcher entry by it (WM_CLASS on X11).
            .with_app_id("briefsmith")
            .with_inner_size([1500.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Briefsmith",
        native,
        Box::new(move |cc| {
            Ok(Box::new(EditorApp::new(
                &cc.egui_ctx,
                cc.storage,
                Options {
                    file,
                    recovery_dir: crate::io::recovery::RecoveryStore::default_dir(),
                    ..Options::default()
                },
            )))
        }),
    )
}
