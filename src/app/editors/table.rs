//! A table as a grid: headers and cells edited in place, keyboard movement
//! between cells, and adding, removing and moving rows and columns.

use egui::Ui;

use crate::app::EditorApp;
use crate::editor::FieldKey;
use crate::model::{BlockContent, Id, MAX_COLUMNS};

use super::{grid_nav, FieldLook};

pub fn cell_id(row: Id, col: usize) -> egui::Id {
    egui::Id::unique(("cell", row, col))
}

fn header_id(col: Id) -> egui::Id {
    egui::Id::unique(("column", col))
}

impl EditorApp {
    pub(super) fn table_editor(&mut self, ui: &mut Ui, block: Id) {
        let Some(BlockContent::Table(table)) = self.doc.brief().block(block).map(|b| &b.content)
        else {
            return;
        };
        let table = table.clone();
        let cols = table.columns.len();
        let mut cells: Vec<Vec<egui::Id>> =
            vec![table.columns.iter().map(|c| header_id(c.id)).collect()];
        cells.extend(
            table
                .rows
                .iter()
                .map(|r| (0..cols).map(|c| cell_id(r.id, c)).collect()),
        );
        if grid_nav::navigate(ui, &cells, &mut self.focus_next) {
            // Tab in the last cell: a new row, and into it.
            self.add_table_row(block, table.rows.len());
        }

        self.caption_field(ui, block, &table.caption);
        let width = ((ui.available_width() - 200.0) / cols.max(1) as f32).clamp(80.0, 260.0);
        // A solid bar below the rows, never floating over the last one.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::horizontal()
            .id_salt(("table-scroll", block))
            .show(ui, |ui| {
                egui::Grid::new(("table", block))
                    .striped(true)
                    .spacing([4.0, 4.0])
                    .show(ui, |ui| {
                        ui.label("");
                        for (ci, col) in table.columns.iter().enumerate() {
                            let name = format!("Column {} heading", ci + 1);
                            let id = header_id(col.id);
                            grid_nav::note_len(ui, id, &col.name);
                            self.text_field(
                                ui,
                                FieldKey::new(Some(col.id), "name", 0),
                                &col.name,
                                FieldLook::single(id, width).named(name).markup(),
                                |b, s| b.rename_column(block, col.id, s),
                            );
                        }
                        ui.end_row();
                        ui.label("");
                        for (ci, col) in table.columns.iter().enumerate() {
                            ui.horizontal(|ui| {
                                let n = ci + 1;
                                if ui
                                    .add_enabled(ci > 0, egui::Button::new("◀").small())
                                    .on_hover_text(format!("Move column {n} left"))
                                    .clicked()
                                {
                                    self.doc.edit(|b| b.move_column(block, col.id, ci - 1)).ok();
                                }
                                if ui
                                    .add_enabled(ci + 1 < cols, egui::Button::new("▶").small())
                                    .on_hover_text(format!("Move column {n} right"))
                                    .clicked()
                                {
                                    self.doc.edit(|b| b.move_column(block, col.id, ci + 1)).ok();
                                }
                                if ui
                                    .add_enabled(cols > 1, egui::Button::new("✖").small())
                                    .on_hover_text(format!("Remove column {n}"))
                                    .clicked()
                                {
                                    self.doc.edit(|b| b.remove_column(block, col.id)).ok();
                                }
                            });
                        }
                        ui.end_row();
                        let rows = table.rows.len();
                        for (ri, row) in table.rows.iter().enumerate() {
                            let n = ri + 1;
                            ui.label(format!("{n}"));
                            for (ci, col) in table.columns.iter().enumerate() {
                                let id = cell_id(row.id, ci);
                                let value = row.cells.get(ci).cloned().unwrap_or_default();
                                grid_nav::note_len(ui, id, &value);
                                self.text_field(
                                    ui,
                                    FieldKey::new(Some(row.id), "cell", ci),
                                    &value,
                                    FieldLook::single(id, width)
                                        .named(format!("Row {n}, {}", col.name))
                                        .markup(),
                                    |b, s| b.set_cell(block, row.id, ci, s),
                                );
                            }
                            self.row_buttons(ui, block, row.id, ri, rows);
                            ui.end_row();
                        }
                    });
            });
        ui.horizontal(|ui| {
            if ui
                .button("+ Row")
                .on_hover_text("Add a row at the end")
                .clicked()
            {
                self.add_table_row(block, table.rows.len());
            }
            if ui
                .add_enabled(cols < MAX_COLUMNS, egui::Button::new("+ Column"))
                .on_hover_text("Add a column at the end")
                .clicked()
            {
                let name = format!("Column {}", cols + 1);
                if let Err(e) = self.doc.edit(|b| b.add_column(block, cols, &name)) {
                    self.error(format!("Cannot add a column: {e}"));
                }
            }
        });
    }

    fn add_table_row(&mut self, block: Id, at: usize) {
        match self.doc.edit(|b| b.add_row(block, at)) {
            Ok(new) => self.focus_next = Some(cell_id(new, 0)),
            Err(e) => self.error(format!("Cannot add a row: {e}")),
        }
    }

    /// ⬆ ⬇ 🗐 ✖ for one row of a table or commitments table.
    pub(super) fn row_buttons(&mut self, ui: &mut Ui, block: Id, row: Id, at: usize, rows: usize) {
        ui.horizontal(|ui| {
            let n = at + 1;
            if ui
                .add_enabled(at > 0, egui::Button::new("⬆").small())
                .on_hover_text(format!("Move row {n} up"))
                .clicked()
            {
                self.doc.edit(|b| b.move_row(block, row, at - 1)).ok();
            }
            if ui
                .add_enabled(at + 1 < rows, egui::Button::new("⬇").small())
                .on_hover_text(format!("Move row {n} down"))
                .clicked()
            {
                self.doc.edit(|b| b.move_row(block, row, at + 1)).ok();
            }
            if ui
                .add(egui::Button::new("🗐").small())
                .on_hover_text(format!("Duplicate row {n}"))
                .clicked()
            {
                self.doc.edit(|b| b.duplicate_row(block, row)).ok();
            }
            if ui
                .add(egui::Button::new("✖").small())
                .on_hover_text(format!("Remove row {n}"))
                .clicked()
            {
                self.doc.edit(|b| b.remove_row(block, row)).ok();
            }
        });
    }
}
