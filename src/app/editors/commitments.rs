//! A commitments table: party, commitment, owner, due date (checked, and
//! flagged when overdue) and status as a choice. A wide pane shows it as a
//! grid; a narrow one shows each commitment as a card, so no field is cut
//! off or has to be scrolled to.

use egui::{RichText, Ui};

use crate::app::EditorApp;
use crate::editor::FieldKey;
use crate::model::{
    is_overdue, read_date, BlockContent, Commitment, CommitmentLabel, CommitmentStatus,
    CommitmentTable, Id,
};

use super::{grid_nav, FieldLook};

const TEXT_COLUMNS: [&str; 4] = ["party", "commitment", "owner", "due"];

/// Below this width the commitments are shown as cards, not a grid.
const GRID_MIN_WIDTH: f32 = 760.0;

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
        let cells: Vec<Vec<egui::Id>> = table
            .rows
            .iter()
            .map(|r| (0..TEXT_COLUMNS.len()).map(|c| cell(r.id, c)).collect())
            .collect();
        if grid_nav::navigate(ui, &cells, &mut self.focus_next) {
            // Tab in the last cell: a new commitment, and into it.
            self.add_commitment(block, table.rows.len());
        }

        self.caption_field(ui, block, &table.caption);
        if ui.available_width() >= GRID_MIN_WIDTH {
            self.commitments_grid(ui, block, &table);
        } else {
            self.commitments_cards(ui, block, &table);
        }
        ui.horizontal(|ui| {
            if ui
                .button("+ Commitment")
                .on_hover_text("Add a commitment at the end")
                .clicked()
            {
                self.add_commitment(block, table.rows.len());
            }
            if ui
                .button("Bring forward from…")
                .on_hover_text(
                    "Add the unfinished commitments of another brief, keeping their identity",
                )
                .clicked()
            {
                self.bring_into = Some(block);
                self.choose_path(crate::app::dialogs::PathPurpose::BringForward, None);
            }
        });
    }

    fn add_commitment(&mut self, block: Id, at: usize) {
        match self.doc.edit(|b| b.add_row(block, at)) {
            Ok(new) => self.focus_next = Some(cell(new, 0)),
            Err(e) => self.error(format!("Cannot add a commitment: {e}")),
        }
    }

    /// The two editable column headings (party, commitment).
    fn commitment_heading(
        &mut self,
        ui: &mut Ui,
        block: Id,
        which: CommitmentLabel,
        label: &str,
        width: f32,
    ) {
        let name = format!("{which:?} column heading");
        let key = match which {
            CommitmentLabel::Party => "party_label",
            CommitmentLabel::Commitment => "commitment_label",
            CommitmentLabel::Owner => "owner_label",
            CommitmentLabel::Due => "due_label",
            CommitmentLabel::Status => "status_label",
        };
        self.text_field(
            ui,
            FieldKey::new(Some(block), key, 0),
            label,
            FieldLook::single(egui::Id::unique(("clabel", block, name.clone())), width)
                .named(name)
                .markup(),
            |b, s| b.set_commitment_label(block, which, s),
        );
    }

    fn commitments_grid(&mut self, ui: &mut Ui, block: Id, table: &CommitmentTable) {
        let wide = (ui.available_width() - 620.0).clamp(200.0, 420.0);
        let widths = [120.0, wide, 110.0, 92.0];
        // A solid bar below the rows, never floating over the last one.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::horizontal()
            .id_salt(("commitments-scroll", block))
            .show(ui, |ui| {
                egui::Grid::new(("commitments", block))
                    .striped(true)
                    .spacing([4.0, 4.0])
                    .show(ui, |ui| {
                        ui.label("");
                        let party = (CommitmentLabel::Party, &table.party_label);
                        self.commitment_heading(ui, block, party.0, party.1, widths[0]);
                        let what = (CommitmentLabel::Commitment, &table.commitment_label);
                        self.commitment_heading(ui, block, what.0, what.1, widths[1]);
                        // The article's own headings ("Lead Official",
                        // "Deadline") are kept and edited like the others.
                        let owner = (CommitmentLabel::Owner, &table.owner_label);
                        self.commitment_heading(ui, block, owner.0, owner.1, widths[2]);
                        let due = (CommitmentLabel::Due, &table.due_label);
                        ui.horizontal(|ui| {
                            self.commitment_heading(ui, block, due.0, due.1, widths[3] - 24.0);
                            ui.label(RichText::new("?").weak())
                                .on_hover_text("Dates as YYYY-MM-DD");
                        });
                        let status = (CommitmentLabel::Status, &table.status_label);
                        self.commitment_heading(ui, block, status.0, status.1, 100.0);
                        ui.end_row();
                        let rows = table.rows.len();
                        for (ri, c) in table.rows.iter().enumerate() {
                            ui.label(format!("{}", ri + 1));
                            for (ci, w) in widths.iter().enumerate() {
                                if ci < 3 {
                                    self.commitment_cell(ui, block, table, ri, ci, *w);
                                } else {
                                    ui.horizontal(|ui| {
                                        self.commitment_cell(ui, block, table, ri, ci, *w)
                                    });
                                }
                            }
                            self.commitment_status(ui, block, c, ri + 1);
                            self.row_buttons(ui, block, c.id, ri, rows);
                            ui.end_row();
                        }
                    });
            });
    }

    /// One card a commitment: its number and buttons, then label and field
    /// for each column, as wide as the pane allows.
    fn commitments_cards(&mut self, ui: &mut Ui, block: Id, table: &CommitmentTable) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Column headings");
            let party = (CommitmentLabel::Party, &table.party_label);
            self.commitment_heading(ui, block, party.0, party.1, 120.0);
            let what = (CommitmentLabel::Commitment, &table.commitment_label);
            self.commitment_heading(ui, block, what.0, what.1, 160.0);
            for (which, label) in [
                (CommitmentLabel::Owner, &table.owner_label),
                (CommitmentLabel::Due, &table.due_label),
                (CommitmentLabel::Status, &table.status_label),
            ] {
                self.commitment_heading(ui, block, which, label, 100.0);
            }
        });
        let rows = table.rows.len();
        for (ri, c) in table.rows.iter().enumerate() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("{}.", ri + 1)).strong());
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        self.row_buttons(ui, block, c.id, ri, rows);
                    });
                });
                let wide = (ui.available_width() - 130.0).max(160.0);
                egui::Grid::new(("commitment-card", c.id))
                    .num_columns(2)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        let labels = [
                            table.party_label.as_str(),
                            table.commitment_label.as_str(),
                            table.owner_label.as_str(),
                            table.due_label.as_str(),
                        ];
                        let widths = [wide, wide, wide.min(240.0), 110.0];
                        for (ci, label) in labels.iter().enumerate() {
                            ui.label(*label);
                            ui.horizontal(|ui| {
                                self.commitment_cell(ui, block, table, ri, ci, widths[ci])
                            });
                            ui.end_row();
                        }
                        ui.label(table.status_label.as_str());
                        self.commitment_status(ui, block, c, ri + 1);
                        ui.end_row();
                    });
            });
            ui.add_space(4.0);
        }
    }

    /// The text field of column `ci` of row `ri`; the due date is flagged
    /// when it is not a date or is overdue.
    fn commitment_cell(
        &mut self,
        ui: &mut Ui,
        block: Id,
        table: &CommitmentTable,
        ri: usize,
        ci: usize,
        width: f32,
    ) {
        let Some(c) = table.rows.get(ri) else {
            return;
        };
        let n = ri + 1;
        let values = [&c.party, &c.commitment, &c.owner, &c.due];
        let id = cell(c.id, ci);
        grid_nav::note_len(ui, id, values[ci]);
        let name = match ci {
            0 => format!("Row {n}, {}", table.party_label),
            1 => format!("Row {n}, {}", table.commitment_label),
            2 => format!("Row {n}, owner"),
            _ => format!("Row {n}, due date"),
        };
        let row_id = c.id;
        let set = move |b: &mut crate::model::Brief, s: &str| {
            let m = b.commitment_mut(block, row_id)?;
            let slot = match ci {
                0 => &mut m.party,
                1 => &mut m.commitment,
                2 => &mut m.owner,
                _ => &mut m.due,
            };
            *slot = s.to_string();
            Ok(())
        };
        let field = self.text_field(
            ui,
            FieldKey::new(Some(row_id), TEXT_COLUMNS[ci], ci),
            values[ci],
            // Party, commitment and owner print with markup.
            FieldLook {
                markup: ci < 3,
                ..FieldLook::single(id, width).named(name)
            },
            set,
        );
        if ci == 3 {
            let salt = format!("due-{}", row_id.0);
            self.date_extras(ui, &field, &salt, &c.due, set);
            let today = chrono::Local::now().date_naive();
            let red = ui.visuals().error_fg_color;
            let order = self.doc.brief().date_order();
            if !c.due.trim().is_empty() && read_date(&c.due, order).is_none() {
                ui.colored_label(red, "⚠ not a date")
                    .on_hover_text("Use YYYY-MM-DD, 12 March 2027 or 12/03/2027");
            } else if is_overdue(&c.due, c.status, today) {
                ui.colored_label(red, "⚠ overdue");
            }
        }
    }

    fn commitment_status(&mut self, ui: &mut Ui, block: Id, c: &Commitment, n: usize) {
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
    }
}
