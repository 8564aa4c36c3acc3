//! The centre pane: the editor for the item selected in the outline, and
//! the shared text-field helper that turns typing into undoable edits.

mod bullets;
mod commitments;
mod dates;
mod grid_nav;
mod meta;
mod paragraph;
mod recommendations;
mod section;
mod style;
mod table;

use egui::{Response, TextEdit, Ui};

use super::EditorApp;
use crate::editor::FieldKey;
use crate::model::{Brief, EditResult, Place};

/// How a text field looks.
#[derive(Debug, Clone)]
pub(crate) struct FieldLook {
    pub id: egui::Id,
    pub multiline: bool,
    /// Rows a multi-line field shows at least.
    pub rows: usize,
    pub width: f32,
    pub hint: &'static str,
    /// Accessible name, for fields without a visible label beside them.
    pub name: Option<String>,
}

impl FieldLook {
    pub fn single(id: egui::Id, width: f32) -> Self {
        FieldLook {
            id,
            multiline: false,
            rows: 1,
            width,
            hint: "",
            name: None,
        }
    }
    pub fn multi(id: egui::Id, width: f32) -> Self {
        FieldLook {
            multiline: true,
            rows: 2,
            ..FieldLook::single(id, width)
        }
    }
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// A multi-line field that starts one row high and grows as it wraps.
    pub fn wrapping(mut self) -> Self {
        self.multiline = true;
        self.rows = 1;
        self
    }
    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }
}

impl EditorApp {
    /// The caption row shared by tables and commitment tables.
    pub(crate) fn caption_field(&mut self, ui: &mut Ui, block: crate::model::Id, caption: &str) {
        ui.horizontal(|ui| {
            let l = ui.label("Caption");
            self.text_field(
                ui,
                FieldKey::new(Some(block), "caption", 0),
                caption,
                FieldLook::single(egui::Id::unique(("caption", block)), 320.0)
                    .hint("Optional caption"),
                |b, s| b.set_caption(block, s),
            )
            .labelled_by(l.id);
        });
    }

    /// Shows a field over a copy of `value`; typing becomes an undoable edit
    /// through `set`.
    pub(crate) fn text_field(
        &mut self,
        ui: &mut Ui,
        key: FieldKey,
        value: &str,
        look: FieldLook,
        set: impl FnOnce(&mut Brief, &str) -> EditResult<()>,
    ) -> Response {
        let mut text = value.to_string();
        let edit = if look.multiline {
            TextEdit::multiline(&mut text).desired_rows(look.rows)
        } else {
            TextEdit::singleline(&mut text)
        };
        let mut edit = edit.id(look.id).desired_width(look.width);
        if !look.hint.is_empty() {
            edit = edit.hint_text(look.hint);
        }
        let response = if look.multiline || !look.width.is_finite() {
            ui.add(edit)
        } else {
            // Grid cells would otherwise keep their first, narrow width.
            ui.add_sized([look.width, ui.spacing().interact_size.y], edit)
        };
        let response = match look.name {
            Some(name) => response.accessible_name(name),
            None => response,
        };
        if text != value {
            if let Err(e) = self.doc.edit_text(key, value, &text, set) {
                self.error(format!("Could not change the text: {e}"));
            }
        }
        if response.lost_focus() {
            self.doc.break_step();
        }
        response
    }

    pub(super) fn editor_pane(&mut self, ui: &mut Ui) {
        egui::ScrollArea::vertical()
            .id_salt("editor-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| match self.selection {
                Place::Metadata => self.meta_form(ui),
                Place::Style => self.style_form(ui),
                Place::Section(id) => self.section_editor(ui, id),
                Place::Block(id) => self.block_page(ui, id),
                Place::Recommendations => self.recommendations_editor(ui),
            });
    }
}
