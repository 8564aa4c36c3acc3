//! Messages shown at the top of the editor pane: errors (a file that cannot
//! be read, a failed save, characters that will not print) and
//! confirmations, each naming the file and the cause, until dismissed.

use super::EditorApp;

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

impl EditorApp {
    pub(crate) fn error(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.notices.retain(|n| n.text != text);
        self.notices.push(Notice { error: true, text });
    }

    pub(crate) fn info(&mut self, text: impl Into<String>) {
        // Confirmations replace each other; errors stay until dismissed.
        self.notices.retain(|n| n.error);
        self.notices.push(Notice {
            error: false,
            text: text.into(),
        });
    }

    pub(super) fn notices_bar(&mut self, ui: &mut egui::Ui) {
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
                    ui.horizontal(|ui| {
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
