//! The status bar: file name, saved or unsaved, read-only, whether crash
//! recovery works, word count, page count, validation problems and
//! misspelt words (click one to go to its item).

use super::EditorApp;
use crate::model::{counted, describe_path, problems_summary, Place, Severity};

impl EditorApp {
    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(self.doc.name()).strong());
            ui.separator();
            if self.doc.is_dirty() {
                ui.label("Unsaved changes");
            } else if self.doc.path().is_none() {
                // A new brief (the sample, a template) is in no file yet.
                ui.label("Not saved");
            } else {
                ui.label("Saved");
            }
            if self.doc.is_read_only() {
                ui.separator();
                ui.label(egui::RichText::new("Read-only").strong())
                    .on_hover_text("Another window has this brief open: Save As saves a copy");
            }
            if let Some(why) = self.recovery.problem() {
                ui.separator();
                ui.label(
                    egui::RichText::new(format!("⚠ Crash recovery off: {why}"))
                        .color(ui.visuals().warn_fg_color),
                )
                .on_hover_text(
                    "Unsaved changes are not being copied to the recovery folder. Briefsmith tries again every few seconds.",
                );
            }
            ui.separator();
            ui.label(counted(self.checks.insights().words, "word"));
            ui.separator();
            let pages = match self.worker.document() {
                Some(d) if self.preview_is_current() || !d.pages.is_empty() => {
                    counted(d.pages.len(), "page")
                }
                _ => "laying out…".to_string(),
            };
            ui.label(pages);
            ui.separator();
            let (e, w) = (self.checks.insights().errors(), self.checks.insights().warnings());
            let text = problems_summary(&self.checks.insights().problems);
            let button = ui
                .button(text)
                .on_hover_text("Show the problems in this brief");
            if button.clicked() {
                self.show_problems = !self.show_problems;
            }
            if self.show_problems && e + w > 0 {
                let brief = self.doc.brief();
                let lines = self.checks.insights().problems.iter().map(|p| {
                    let mark = if p.severity == Severity::Error {
                        "⛔"
                    } else {
                        "⚠"
                    };
                    let place = p.place_in_words(brief);
                    (format!("{mark} {place}: {}", p.message), p.path.clone())
                });
                if let Some(i) = pick_from_list(ui, &button, lines.collect()) {
                    let p = self.checks.insights().problems[i].clone();
                    let place = match p.id.and_then(|id| self.doc.brief().locate(id)) {
                        Some(place) => place,
                        None if p.path.starts_with("style") => Place::Style,
                        None => Place::Metadata,
                    };
                    self.select(place);
                    self.show_problems = false;
                }
            }
            ui.separator();
            self.spelling_status(ui);
        });
    }

    /// "3 misspelt words", with the list a click away.
    fn spelling_status(&mut self, ui: &mut egui::Ui) {
        if let Some(why) = self.checks.off() {
            ui.label(egui::RichText::new("Spelling off").weak())
                .on_hover_text(why);
            return;
        }
        let count = self.checks.problems().count();
        let text = if count == 0 {
            "Spelling OK".to_string()
        } else {
            counted(count, "misspelt word")
        };
        let button = ui
            .button(text)
            .on_hover_text("Show the words the dictionary does not know");
        if button.clicked() {
            self.show_spelling = !self.show_spelling;
        }
        if !self.show_spelling || count == 0 {
            return;
        }
        // Listed only while the list is open: no copies every frame.
        let brief = self.doc.brief();
        let (lines, ids): (Vec<_>, Vec<_>) = self
            .checks
            .problems()
            .take(500)
            .map(|p| {
                let place = describe_path(brief, &p.path);
                ((format!("“{}” in {place}", p.word), p.path.clone()), p.id)
            })
            .unzip();
        let go = pick_from_list(ui, &button, lines).map(|i| ids[i]);
        if let Some(id) = go {
            let place = id
                .and_then(|id| self.doc.brief().locate(id))
                .unwrap_or(Place::Metadata);
            self.select(place);
            self.show_spelling = false;
        }
    }
}

/// A list under `button`, as wide as the window allows, long lines
/// wrapped; returns the line clicked. Each line is (text, hover text).
fn pick_from_list(
    ui: &egui::Ui,
    button: &egui::Response,
    lines: Vec<(String, String)>,
) -> Option<usize> {
    let mut picked = None;
    let room = (ui.ctx().content_rect().width() - 40.0).clamp(200.0, 640.0);
    egui::Popup::from_response(button).open(true).show(|ui| {
        ui.set_max_width(room);
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for (i, (text, hover)) in lines.into_iter().enumerate() {
                    if ui
                        .add(egui::Button::new(text).wrap())
                        .on_hover_text(hover)
                        .clicked()
                    {
                        picked = Some(i);
                    }
                }
            });
    });
    picked
}
