//! A commitments table: party, commitment, owner, due date (checked, and
//! flagged when overdue) and status as a choice.

use egui::{RichText, Ui};

use crate::app::EditorApp;
use crate::editor::FieldKey;
use crate::model::{is_overdue, parse_date, BlockContent, CommitmentLabel, CommitmentStatus, Id};

use super::{grid_nav, FieldLook};

const TEXT_COLUMNS: [&str; 4] = ["party", "commitment", "owner", "due"];

fn cell(row: Id, col: usize) -> egui::Id {
    egui::Id::unique(("commitment", row, col))
}

impl EditorApp {
    pub(super) fn commitments_editor(&mut self, ui: &mut Ui, block: Id) {
        let Some(BlockContent::Commitments(table)) =
            self.doc.brief().block(block).map(|b| &b.content)
        else {
            return;
        };
        let table = table.clone();
        let today = chrono::Local::now().date_naive();
        let cells: Vec<Vec<egui::Id>> = table
            .rows
            .iter()
            .map(|r| (0..TEXT_COLUMNS.len()).map(|c| cell(r.id, c)).collect())
            .collect();
        grid_nav::navigate(ui, &cells, &mut self.focus_next);

        self.caption_field(ui, block, &table.caption);
        let wide = (ui.available_width() - 620.0).clamp(200.0, 420.0);
        egui::ScrollArea::horizontal()
            .id_salt(("commitments-scroll", block))
            .show(ui, |ui| {
                egui::Grid::new(("commitments", block))
                    .striped(true)
                    .spacing([4.0, 4.0])
                    .show(ui, |ui| {
                        ui.label("");
                        for (which, label, w) in [
                            (CommitmentLabel::Party, &table.party_label, 120.0),
                            (CommitmentLabel::Commitment, &table.commitment_label, wide),
                        ] {
                            let name = format!("{which:?} column heading");
                            self.text_field(
                                ui,
                                FieldKey::new(
                                    Some(block),
                                    if which == CommitmentLabel::Party {
                                        "party_label"
                                    } else {
                                        "commitment_label"
                                    },
                                    0,
                                ),
                                label,
                                FieldLook::single(
                                    egui::Id::unique(("clabel", block, name.clone())),
                                    w,
                                )
                                .named(name)
                                .markup(),
                                |b, s| b.set_commitment_label(block, which, s),
                            );
                        }
                        ui.label(RichText::new("Owner").strong());
                        ui.label(RichText::new("Due (YYYY-MM-DD)").strong());
                        ui.label(RichText::new("Status").strong());
                        ui.end_row();
                        let rows = table.rows.len();
                        for (ri, c) in table.rows.iter().enumerate() {
                            let n = ri + 1;
                            ui.label(format!("{n}"));
                            let values = [&c.party, &c.commitment, &c.owner, &c.due];
                            let widths = [120.0, wide, 110.0, 92.0];
                            for (ci, field) in TEXT_COLUMNS.iter().enumerate() {
                                let id = cell(c.id, ci);
                                grid_nav::note_len(ui, id, values[ci]);
                                let name = match ci {
                                    0 => format!("Row {n}, {}", table.party_label),
                                    1 => format!("Row {n}, {}", table.commitment_label),
                                    2 => format!("Row {n}, owner"),
                                    _ => format!("Row {n}, due date"),
                                };
                                let row_id = c.id;
                                let field_ui = |app: &mut EditorApp, ui: &mut Ui| {
                                    app.text_field(
                                        ui,
                                        FieldKey::new(Some(row_id), field, ci),
                                        values[ci],
                                        // Party, commitment and owner print with markup.
                                        FieldLook {
                                            markup: ci < 3,
                                            ..FieldLook::single(id, widths[ci]).named(name.clone())
                                        },
                                        move |b, s| {
                                            let m = b.commitment_mut(block, row_id)?;
                                            let slot = match ci {
                                                0 => &mut m.party,
                                                1 => &mut m.commitment,
                                                2 => &mut m.owner,
                                                _ => &mut m.due,
                                            };
                                            *slot = s.to_string();
                                            Ok(())
                                        },
                                    );
                                };
                                if ci < 3 {
                                    field_ui(self, ui);
                                    continue;
                                }
                                // The due date, flagged when it is not a date or overdue.
                                ui.horizontal(|ui| {
                                    field_ui(self, ui);
                                    let red = ui.visuals().error_fg_color;
                                    if !c.due.trim().is_empty() && parse_date(&c.due).is_none() {
                                        ui.colored_label(red, "⚠ not a date")
                                            .on_hover_text("Use YYYY-MM-DD");
                                    } else if is_overdue(&c.due, c.status, today) {
                                        ui.colored_label(red, "⚠ overdue");
                                    }
                                });
                            }
                            ui.horizontal(|ui| {
                                let mut status = c.status;
                                egui::ComboBox::from_id_salt(("status", c.id))
                                    .selected_text(status.map_or("—", CommitmentStatus::label))
                                    .width(100.0)
                                    .show_ui(ui, |ui| {
                                        ui.selectable_value(&mut status, None, "—");
                                        for s in [
                                            CommitmentStatus::Open,
                                            CommitmentStatus::InProgress,
                                            CommitmentStatus::Done,
                                        ] {
                                            ui.selectable_value(&mut status, Some(s), s.label());
                                        }
                                    })
                                    .response
                                    .accessible_name(format!("Row {n}, status"));
                                if status != c.status {
                                    self.doc
                                        .edit(|b| b.set_commitment_status(block, c.id, status))
                                        .ok();
                                }
                            });
                            self.row_buttons(ui, block, c.id, ri, rows);
                            ui.end_row();
                        }
                    });
            });
        if ui
            .button("+ Commitment")
            .on_hover_text("Add a commitment at the end")
            .clicked()
        {
            let n = table.rows.len();
            if let Ok(new) = self.doc.edit(|b| b.add_row(block, n)) {
                self.focus_next = Some(cell(new, 0));
            }
        }
    }
}
