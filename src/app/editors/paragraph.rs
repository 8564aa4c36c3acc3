//! A paragraph: multi-line text with inline markup; Ctrl+B and Ctrl+I wrap
//! the selection in `**` or `*` (or unwrap it).

use egui::text::{CCursor, CCursorRange};
use egui::{Key, KeyboardShortcut, Modifiers, TextEdit, Ui};

use crate::app::EditorApp;
use crate::editor::FieldKey;
use crate::model::{text, BlockContent, Id};

pub const BOLD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::B);
pub const ITALIC: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::I);

impl EditorApp {
    pub(super) fn paragraph_editor(&mut self, ui: &mut Ui, id: Id) {
        let Some(BlockContent::Paragraph { text: current }) =
            self.doc.brief().block(id).map(|b| &b.content)
        else {
            return;
        };
        let current = current.clone();
        let tid = egui::Id::unique(("para", id));
        let mut text = current.clone();
        if ui.memory(|m| m.has_focus(tid)) {
            for (shortcut, marker) in [
                (BOLD, text::Emphasis::Bold),
                (ITALIC, text::Emphasis::Italic),
            ] {
                if ui.input_mut(|i| i.consume_shortcut(&shortcut)) {
                    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), tid) {
                        let range = state
                            .cursor
                            .char_range()
                            .map(|r| r.as_sorted_char_range())
                            .map_or((0, 0), |r| (r.start.0, r.end.0));
                        let Some((t, a, b)) =
                            text::toggle_emphasis(&text, range.0, range.1, marker)
                        else {
                            continue;
                        };
                        text = t;
                        state.cursor.set_char_range(Some(CCursorRange::two(
                            CCursor::new(a),
                            CCursor::new(b),
                        )));
                        egui::TextEdit::store_state(ui.ctx(), tid, state);
                        self.doc.break_step();
                    }
                }
            }
        }
        let label = ui.label("Paragraph text (Ctrl+B bold, Ctrl+I italic)");
        let response = ui
            .add(
                TextEdit::multiline(&mut text)
                    .id(tid)
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if text != current {
            let key = FieldKey::new(Some(id), "text", 0);
            if let Err(e) = self
                .doc
                .edit_text(key, &current, &text, |b, s| b.set_paragraph_text(id, s))
            {
                self.error(format!("Could not change the paragraph: {e}"));
            }
        }
        if response.lost_focus() {
            self.doc.break_step();
        }
    }
}
