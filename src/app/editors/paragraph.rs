//! A paragraph: multi-line text with inline markup, shown as it prints;
//! Ctrl+B and Ctrl+I restyle the selection (see `text_field`).

use egui::Ui;

use super::FieldLook;
use crate::app::EditorApp;
use crate::editor::FieldKey;
use crate::model::{BlockContent, Id};

impl EditorApp {
    pub(super) fn paragraph_editor(&mut self, ui: &mut Ui, id: Id) {
        let Some(BlockContent::Paragraph { text: current }) =
            self.doc.brief().block(id).map(|b| &b.content)
        else {
            return;
        };
        let current = current.clone();
        let label = ui.label("Paragraph text (Ctrl+B bold, Ctrl+I italic)");
        let look = FieldLook {
            rows: 4,
            ..FieldLook::multi(egui::Id::unique(("para", id)), f32::INFINITY)
        };
        self.text_field(
            ui,
            FieldKey::new(Some(id), "text", 0),
            &current,
            look.markup(),
            |b, s| b.set_paragraph_text(id, s),
        )
        .labelled_by(label.id);
    }
}
