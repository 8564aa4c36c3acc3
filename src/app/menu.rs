//! The menu bar: File (new from a template or a previous brief, open,
//! save, import, export), Edit and View (panes, the commitments register,
//! theme) and Help (About), each entry showing its shortcut, and
//! the preview pane's toggle at its right end.

use super::commands::{EXPORT, FIND, NEW, OPEN, PRINT, REDO, SAVE, SAVE_AS, UNDO};
use super::dialogs::{Dialog, PathPurpose, Unfinished};
use super::files::Pending;
use super::settings::Theme;
use super::EditorApp;

fn item(ui: &mut egui::Ui, text: &str, shortcut: Option<egui::KeyboardShortcut>) -> bool {
    let mut b = egui::Button::new(text);
    if let Some(s) = shortcut {
        b = b.shortcut_text(ui.ctx().format_shortcut(&s));
    }
    ui.add(b).clicked()
}

impl EditorApp {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // F10, or Alt pressed and released on its own, opens the File menu,
        // as in most desktop programs.
        let alt = self.alt_tapped(&ctx);
        let f10 = self.dialog.is_none()
            && (ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F10)) || alt);
        egui::MenuBar::new().ui(ui, |ui| {
            if let Some(button) = self.file_menu.filter(|_| f10) {
                // Opened before the button is shown, as a click would.
                egui::Popup::open_id(&ctx, button.with("popup"));
            }
            let file = ui.menu_button("File", |ui| {
                if item(ui, "New from template…", Some(NEW)) {
                    self.dialog = Some(Dialog::Templates);
                }
                if item(ui, "New from previous brief…", None) {
                    self.request(Pending::NewFromPrevious(None), &ctx);
                }
                if item(ui, "Open…", Some(OPEN)) {
                    self.request(Pending::Open(None), &ctx);
                }
                ui.menu_button("Open Recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for p in self.settings.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.request(Pending::Open(Some(p)), &ctx);
                        }
                    }
                });
                ui.separator();
                let save = egui::Button::new("Save").shortcut_text(ctx.format_shortcut(&SAVE));
                if ui
                    .add_enabled(!self.doc.is_read_only(), save)
                    .on_disabled_hover_text("Open read-only: use Save As")
                    .clicked()
                {
                    self.save(None, &ctx);
                }
                if item(ui, "Save As…", Some(SAVE_AS)) {
                    self.choose_path(PathPurpose::SaveAs, None);
                }
                ui.separator();
                if item(ui, "Import article…", None) {
                    self.request(Pending::Import(None), &ctx);
                }
                if item(ui, "Import pasted article…", None) {
                    self.request(Pending::ImportPasted(None), &ctx);
                }
                if item(ui, "Export PDF…", Some(EXPORT)) {
                    self.unless_unfinished(Unfinished::Export);
                }
                if item(ui, "Print…", Some(PRINT)) {
                    self.unless_unfinished(Unfinished::Print);
                }
                ui.separator();
                if item(ui, "Quit", None) {
                    self.request(Pending::Close, &ctx);
                }
            });
            self.file_menu = Some(file.response.id);
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(
                        self.doc.can_undo(),
                        egui::Button::new("Undo").shortcut_text(ctx.format_shortcut(&UNDO)),
                    )
                    .clicked()
                {
                    self.undo();
                }
                if ui
                    .add_enabled(
                        self.doc.can_redo(),
                        egui::Button::new("Redo").shortcut_text(ctx.format_shortcut(&REDO)),
                    )
                    .clicked()
                {
                    self.redo();
                }
                ui.separator();
                if item(ui, "Find and replace…", Some(FIND)) {
                    self.find.open = true;
                    self.find.focus = true;
                }
            });
            let width = ctx.content_rect().width();
            ui.menu_button("View", |ui| {
                ui.checkbox(&mut self.settings.show_outline, "Show outline");
                let mut preview = self.preview_shown(width);
                if ui.checkbox(&mut preview, "Show preview").changed() {
                    self.set_preview_shown(preview);
                }
                if ui.button("Commitments register…").clicked() {
                    self.register_view.open = true;
                }
                ui.separator();
                ui.label("Theme");
                let before = self.settings.theme;
                ui.radio_value(&mut self.settings.theme, Theme::System, "Follow the system");
                ui.radio_value(&mut self.settings.theme, Theme::Light, "Light");
                ui.radio_value(&mut self.settings.theme, Theme::Dark, "Dark");
                if self.settings.theme != before {
                    self.settings.apply_theme(&ctx);
                }
                ui.separator();
                if ui.button("Fit preview to width").clicked() {
                    self.preview.fit_width = true;
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("About Briefsmith…").clicked() {
                    self.about.open = true;
                }
            });
            // Always in reach, however small the window: the preview's toggle.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let mut preview = self.preview_shown(width);
                if ui
                    .toggle_value(&mut preview, "Preview")
                    .on_hover_text("Show or hide the preview pane")
                    .changed()
                {
                    self.set_preview_shown(preview);
                }
            });
        });
    }
}

/// Where an Alt press stands: held since a frame with nothing else, and
/// whether anything else has happened since.
#[derive(Debug, Default, Clone, Copy)]
pub struct AltTap {
    down: bool,
    alone: bool,
}

impl EditorApp {
    /// True in the frame Alt is released after being pressed on its own
    /// (no key, click or typing while it was down).
    fn alt_tapped(&mut self, ctx: &egui::Context) -> bool {
        let (alt, other) = ctx.input(|i| {
            let other = i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::Key { .. }
                        | egui::Event::Text(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::MouseWheel { .. }
                )
            });
            (i.modifiers.alt, other)
        });
        let tap = &mut self.alt_tap;
        match (alt, tap.down) {
            (true, false) => {
                *tap = AltTap {
                    down: true,
                    alone: !other,
                }
            }
            (true, true) => tap.alone &= !other,
            (false, true) => {
                let alone = tap.alone && !other;
                *tap = AltTap::default();
                return alone;
            }
            (false, false) => {}
        }
        false
    }
}
