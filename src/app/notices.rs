//! Messages shown at the top of the editor pane: errors (a file that cannot
//! be read, a failed save, characters that will not print) stay until
//! dismissed; confirmations ("Saved …", "Deleted — Ctrl+Z brings it
//! back") go once they are stale: after the next edit or a few seconds.
//! Long messages wrap, never clipped.

use std::time::{Duration, Instant};

use super::EditorApp;

/// How long a confirmation stays when nothing else happens.
pub const CONFIRMATION_LIFETIME: Duration = Duration::from_secs(8);

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
    /// When it was shown, and the document content it was about: a
    /// confirmation goes when either is stale.
    shown: Instant,
    content: u64,
}

impl Notice {
    /// True when a confirmation no longer says anything about `content`.
    fn stale(&self, content: u64, now: Instant) -> bool {
        !self.error && (content != self.content || now - self.shown >= CONFIRMATION_LIFETIME)
    }
}

impl EditorApp {
    pub(crate) fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.notices.retain(|n| n.text != text);
        let content = self.doc.content_id();
        self.notices.push(Notice {
            error: true,
            text,
            shown: Instant::now(),
            content,
        });
    }

    pub(crate) fn info(&mut self, text: impl Into<String>) {
        // Confirmations replace each other; errors stay until dismissed.
        self.notices.retain(|n| n.error);
        let content = self.doc.content_id();
        self.notices.push(Notice {
            error: false,
            text: text.into(),
            shown: Instant::now(),
            content,
        });
    }

    pub(super) fn notices_bar(&mut self, ui: &mut egui::Ui) {
        let (content, now) = (self.doc.content_id(), Instant::now());
        self.notices.retain(|n| !n.stale(content, now));
        if let Some(left) = self
            .notices
            .iter()
            .filter(|n| !n.error)
            .map(|n| CONFIRMATION_LIFETIME.saturating_sub(now - n.shown))
            .min()
        {
            // Wake up to take it away even if nothing else happens.
            ui.ctx().request_repaint_after(left);
        }
        let mut dismiss = None;
        for (i, n) in self.notices.iter().enumerate() {
            let (fill, fg) = if n.error {
                (egui::Color32::from_rgb(120, 20, 20), egui::Color32::WHITE)
            } else {
                (egui::Color32::from_rgb(30, 80, 40), egui::Color32::WHITE)
            };
            egui::Frame::new()
                .fill(fill)
                .inner_margin(6.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_top(|ui| {
                        if ui
                            .button("✖")
                            .on_hover_text("Dismiss this message")
                            .clicked()
                        {
                            dismiss = Some(i);
                        }
                        ui.add(egui::Label::new(egui::RichText::new(&n.text).color(fg)).wrap());
                    });
                });
        }
        if let Some(i) = dismiss {
            self.notices.remove(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmations_go_after_an_edit_or_a_while_and_errors_stay() {
        let t = Instant::now();
        let note = |error| Notice {
            error,
            text: "x".into(),
            shown: t,
            content: 1,
        };
        assert!(!note(false).stale(1, t + Duration::from_secs(1)));
        assert!(note(false).stale(2, t + Duration::from_secs(1)));
        assert!(note(false).stale(1, t + CONFIRMATION_LIFETIME));
        assert!(!note(true).stale(2, t + CONFIRMATION_LIFETIME * 10));
    }
}
