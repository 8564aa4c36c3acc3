//! A section in the centre pane: its heading and every block in it, each
//! with move / duplicate / delete buttons, and buttons to add blocks. A
//! selected block gets the same editor on its own.

use egui::{RichText, Ui};

use crate::app::EditorApp;
use crate::editor::FieldKey;
use crate::model::{BlockContent, Bullet, CommitmentTable, Id, Place, Table};

use super::FieldLook;

impl EditorApp {
    pub(super) fn section_editor(&mut self, ui: &mut Ui, id: Id) {
        let brief = self.doc.brief();
        let Some(section) = brief.section(id) else {
            return;
        };
        let fixed = id == brief.introduction.id || id == brief.conclusion.id;
        let (heading, blocks): (String, Vec<Id>) = (
            section.heading.clone(),
            section.blocks.iter().map(|b| b.id).collect(),
        );
        let kind = if id == brief.introduction.id {
            "Introduction"
        } else if id == brief.conclusion.id {
            "Conclusion"
        } else {
            "Section"
        };
        ui.heading(kind);
        ui.horizontal(|ui| {
            let label = ui.label("Heading");
            let hint = if fixed {
                "(no heading)"
            } else {
                "Section heading"
            };
            let w = ui.available_width().min(600.0);
            self.text_field(
                ui,
                FieldKey::new(Some(id), "heading", 0),
                &heading,
                FieldLook::single(egui::Id::unique(("heading", id)), w)
                    .hint(hint)
                    .spelled(),
                |b, s| b.rename_section(id, s),
            )
            .labelled_by(label.id);
        });
        ui.add_space(8.0);
        for (i, block) in blocks.iter().enumerate() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                self.block_header(ui, *block, i + 1);
                self.block_editor(ui, *block);
            });
            ui.add_space(6.0);
        }
        self.add_block_buttons(ui, id, blocks.len());
    }

    /// A single block selected in the outline.
    pub(super) fn block_page(&mut self, ui: &mut Ui, id: Id) {
        let Some(section) = self.doc.brief().section_of_block(id) else {
            return;
        };
        let (sid, title, at) = (
            section.id,
            section.heading.clone(),
            section.blocks.iter().position(|b| b.id == id).unwrap_or(0),
        );
        if ui
            .link(format!(
                "↖ {}",
                if title.is_empty() {
                    "Introduction"
                } else {
                    &title
                }
            ))
            .clicked()
        {
            self.select(Place::Section(sid));
        }
        self.block_header(ui, id, at + 1);
        self.block_editor(ui, id);
        ui.add_space(8.0);
        self.add_block_buttons(ui, sid, at + 1);
    }

    fn block_header(&mut self, ui: &mut Ui, id: Id, n: usize) {
        let Some(kind) = self.doc.brief().block(id).map(|b| b.kind_name()) else {
            return;
        };
        ui.horizontal(|ui| {
            if ui
                .selectable_label(false, RichText::new(format!("{n}. {kind}")).strong())
                .clicked()
            {
                self.select(Place::Block(id));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let place = Place::Block(id);
                if ui
                    .button("🗑")
                    .on_hover_text(format!("Delete {kind} {n}"))
                    .clicked()
                {
                    self.delete_place(place);
                }
                if ui
                    .button("🗐")
                    .on_hover_text(format!("Duplicate {kind} {n}"))
                    .clicked()
                {
                    self.duplicate_place(place);
                }
                if ui
                    .button("⬇")
                    .on_hover_text(format!("Move {kind} {n} down"))
                    .clicked()
                {
                    self.move_place(place, 1);
                }
                if ui
                    .button("⬆")
                    .on_hover_text(format!("Move {kind} {n} up"))
                    .clicked()
                {
                    self.move_place(place, -1);
                }
            });
        });
    }

    pub(super) fn block_editor(&mut self, ui: &mut Ui, id: Id) {
        let Some(block) = self.doc.brief().block(id) else {
            return;
        };
        match &block.content {
            BlockContent::Paragraph { .. } => self.paragraph_editor(ui, id),
            BlockContent::Bullets { .. } => self.bullets_editor(ui, id),
            BlockContent::Table(_) => self.table_editor(ui, id),
            BlockContent::Commitments(_) => self.commitments_editor(ui, id),
        }
    }

    /// The first field a block's editor shows: the paragraph's text, the
    /// first bullet's lead-in, a table's caption.
    fn first_field(&self, block: Id) -> Option<egui::Id> {
        Some(match &self.doc.brief().block(block)?.content {
            BlockContent::Paragraph { .. } => egui::Id::unique(("para", block)),
            BlockContent::Bullets { items, .. } => {
                egui::Id::unique(("bullet-lead", items.first()?.id))
            }
            BlockContent::Table(_) | BlockContent::Commitments(_) => {
                egui::Id::unique(("caption", block))
            }
        })
    }

    fn add_block_buttons(&mut self, ui: &mut Ui, section: Id, at: usize) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Add:");
            let mut add = None;
            if ui
                .button("Paragraph")
                .on_hover_text("Add a paragraph")
                .clicked()
            {
                add = Some(BlockContent::Paragraph {
                    text: String::new(),
                });
            }
            if ui
                .button("Bullet list")
                .on_hover_text("Add a bullet list")
                .clicked()
            {
                add = Some(BlockContent::Bullets {
                    numbered: false,
                    items: vec![Bullet::new("", "")],
                });
            }
            if ui.button("Table").on_hover_text("Add a table").clicked() {
                let mut t = Table::new("", &["Column 1", "Column 2"]);
                t.push_row(["", ""]);
                add = Some(BlockContent::Table(t));
            }
            if ui
                .button("Commitments")
                .on_hover_text("Add a commitments table")
                .clicked()
            {
                add = Some(BlockContent::Commitments(CommitmentTable::default()));
            }
            if let Some(content) = add {
                match self.doc.edit(|b| b.add_block(section, at, content)) {
                    Ok(new) => {
                        self.select(Place::Block(new));
                        // Typing can start at once.
                        self.focus_next = self.first_field(new);
                    }
                    Err(e) => self.error(format!("Cannot add the block: {e}")),
                }
            }
        });
    }
}
