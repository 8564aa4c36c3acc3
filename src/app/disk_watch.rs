//! Watching the open brief's file: when the window regains focus, and every
//! few seconds, the file is compared with what was loaded or last saved. An
//! unmodified brief whose file changed offers Reload; a modified one is
//! warned that saving will ask first; a file that vanished is reported.

use std::time::{Duration, Instant};

use super::EditorApp;
use crate::io::DiskChange;

/// How often the file is looked at while the window is open.
pub const EVERY: Duration = Duration::from_secs(2);

/// What the last look at the file found.
#[derive(Debug)]
pub struct DiskWatch {
    checked: Option<Instant>,
    state: DiskChange,
    /// A change the user chose to keep working past (the banner goes; a
    /// save still asks).
    ignored: Option<DiskChange>,
}

impl Default for DiskWatch {
    fn default() -> Self {
        DiskWatch {
            checked: None,
            state: DiskChange::Unchanged,
            ignored: None,
        }
    }
}

impl DiskWatch {
    /// The document was just saved or loaded: nothing to report.
    pub fn saved(&mut self) {
        self.state = DiskChange::Unchanged;
        self.ignored = None;
        self.checked = Some(Instant::now());
    }

    fn shown(&self) -> Option<&DiskChange> {
        match &self.state {
            DiskChange::Unchanged => None,
            s if self.ignored.as_ref() == Some(s) => None,
            s => Some(s),
        }
    }
}

enum Choice {
    Reload,
    Keep,
}

impl EditorApp {
    /// Looks at the file if the window just regained focus or it is time.
    pub(super) fn watch_disk(&mut self, ctx: &egui::Context) {
        if self.doc.path().is_none() {
            return;
        }
        let focused = ctx.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        let due = self.disk.checked.is_none_or(|t| t.elapsed() >= EVERY);
        if focused || due {
            self.check_disk_now();
        }
        ctx.request_repaint_after(EVERY);
    }

    /// Compares the file with what was loaded or saved, now.
    pub fn check_disk_now(&mut self) {
        self.disk.checked = Some(Instant::now());
        // Already known to differ: while it stays as last seen, only its
        // size and time are looked at, not its bytes again.
        if let (DiskChange::Changed(seen), Some(path)) = (&self.disk.state, self.doc.path()) {
            if seen.compare(path) == DiskChange::Unchanged {
                return;
            }
        }
        self.disk.state = self.doc.disk_change();
    }

    /// Reads the file again (one undoable step).
    pub(super) fn reload(&mut self) {
        match self.doc.reload() {
            Ok(()) => {
                self.disk.saved();
                let undo = if self.doc.can_undo() {
                    " (Undo brings back the version you had)"
                } else {
                    ""
                };
                self.info(format!("Reloaded {} from disk{undo}", self.doc.name()));
            }
            Err(e) => self.error(format!("Could not reload {e}")),
        }
    }

    /// The banner above the editor while the file differs from the brief.
    pub(super) fn disk_banner(&mut self, ui: &mut egui::Ui) {
        let Some(state) = self.disk.shown().cloned() else {
            return;
        };
        let name = self.doc.name();
        let (text, offer_reload) = match (&state, self.doc.is_dirty()) {
            (DiskChange::Missing, _) => (
                format!("{name} is no longer on disk (deleted or moved). Save writes it again."),
                false,
            ),
            (_, false) => (
                format!("{name} was changed on disk by another program or window."),
                true,
            ),
            (_, true) => (
                format!(
                    "{name} was changed on disk since you opened it. Saving will ask before replacing those changes."
                ),
                true,
            ),
        };
        let mut choice = None;
        egui::Frame::new()
            .fill(egui::Color32::from_rgb(130, 90, 10))
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(&text).color(egui::Color32::WHITE));
                    if offer_reload && ui.button("Reload").clicked() {
                        choice = Some(Choice::Reload);
                    }
                    let keep = if offer_reload {
                        "Keep this version"
                    } else {
                        "OK"
                    };
                    if ui.button(keep).clicked() {
                        choice = Some(Choice::Keep);
                    }
                });
            });
        match choice {
            Some(Choice::Reload) => self.reload(),
            Some(Choice::Keep) => self.disk.ignored = Some(state),
            None => {}
        }
    }
}
