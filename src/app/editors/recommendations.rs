//! The numbered recommendations: title, description, owner and due date,
//! with add, move, duplicate and remove.

use egui::{RichText, Ui};

use crate::app::EditorApp;
use crate::editor::FieldKey;
use crate::model::{read_date, Id, Recommendation};

use super::FieldLook;

/// Which field of a recommendation.
#[derive(Clone, Copy)]
enum RecField {
    Title,
    Description,
    Owner,
    Due,
}

fn set(r: &mut Recommendation, f: RecField, s: &str) {
    let slot = match f {
        RecField::Title => &mut r.title,
        RecField::Description => &mut r.description,
        RecField::Owner => &mut r.owner,
        RecField::Due => &mut r.due,
    };
    *slot = s.to_string();
}

impl EditorApp {
    pub(super) fn recommendations_editor(&mut self, ui: &mut Ui) {
        ui.heading("Recommendations");
        let recs = self.doc.brief().recommendations.clone();
        let width = ui.available_width().min(700.0);
        for (i, r) in recs.iter().enumerate() {
            let n = i + 1;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("{n}.")).strong().size(16.0));
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        self.recommendation_buttons(ui, r.id, i, recs.len());
                    });
                });
                let fields = [
                    (RecField::Title, "Title", &r.title, false),
                    (RecField::Description, "Description", &r.description, true),
                    (RecField::Owner, "Owner", &r.owner, false),
                    (RecField::Due, "Due date", &r.due, false),
                ];
                egui::Grid::new(("rec", r.id))
                    .num_columns(2)
                    .spacing([8.0, 6.0])
                    .show(ui, |ui| {
                        for (f, label, value, multi) in fields {
                            ui.label(label);
                            let id = egui::Id::unique(("rec", r.id, label));
                            let look = if multi {
                                FieldLook::multi(id, width - 120.0)
                            } else {
                                FieldLook::single(
                                    id,
                                    if matches!(f, RecField::Title) {
                                        width - 120.0
                                    } else {
                                        220.0
                                    },
                                )
                            };
                            let look = look
                                .named(format!("Recommendation {n} {}", label.to_lowercase()))
                                .hint(if matches!(f, RecField::Due) {
                                    "YYYY-MM-DD"
                                } else {
                                    ""
                                });
                            let rid = r.id;
                            let cell = |app: &mut EditorApp, ui: &mut Ui| {
                                let store = move |b: &mut crate::model::Brief, s: &str| {
                                    set(b.recommendation_mut(rid)?, f, s);
                                    Ok(())
                                };
                                let field = app.text_field(
                                    ui,
                                    FieldKey::new(Some(rid), label, 0),
                                    value,
                                    // Title and description print with markup.
                                    FieldLook {
                                        markup: matches!(
                                            f,
                                            RecField::Title | RecField::Description
                                        ),
                                        ..look
                                    },
                                    store,
                                );
                                if matches!(f, RecField::Due) {
                                    let salt = format!("rec-due-{}", rid.0);
                                    app.date_extras(ui, &field, &salt, value, store);
                                }
                                let order = app.doc.brief().date_order();
                                if matches!(f, RecField::Due)
                                    && !value.trim().is_empty()
                                    && read_date(value, order).is_none()
                                {
                                    ui.colored_label(
                                        ui.visuals().error_fg_color,
                                        "⚠ not a date (YYYY-MM-DD)",
                                    );
                                }
                            };
                            // A multi-line field goes straight in its cell: in a
                            // row layout its height would not reach the grid.
                            if multi {
                                cell(self, ui);
                            } else {
                                ui.horizontal(|ui| cell(self, ui));
                            }
                            ui.end_row();
                        }
                    });
            });
            ui.add_space(4.0);
        }
        if ui
            .button("+ Recommendation")
            .on_hover_text("Add a recommendation at the end")
            .clicked()
        {
            let n = recs.len();
            match self.doc.edit(|b| b.add_recommendation(n, "", "")) {
                Ok(id) => self.focus_next = Some(egui::Id::unique(("rec", id, "Title"))),
                Err(e) => self.error(format!("Cannot add a recommendation: {e}")),
            }
        }
    }

    fn recommendation_buttons(&mut self, ui: &mut Ui, id: Id, at: usize, len: usize) {
        let n = at + 1;
        if ui
            .button("🗑")
            .on_hover_text(format!("Delete recommendation {n}"))
            .clicked()
        {
            self.doc
                .edit(|b| b.remove_recommendation(id).map(drop))
                .ok();
        }
        if ui
            .button("🗐")
            .on_hover_text(format!("Duplicate recommendation {n}"))
            .clicked()
        {
            self.doc.edit(|b| b.duplicate_recommendation(id)).ok();
        }
        if ui
            .add_enabled(at + 1 < len, egui::Button::new("⬇"))
            .on_hover_text(format!("Move recommendation {n} down"))
            .clicked()
        {
            self.doc.edit(|b| b.move_recommendation(id, at + 1)).ok();
        }
        if ui
            .add_enabled(at > 0, egui::Button::new("⬆"))
            .on_hover_text(format!("Move recommendation {n} up"))
            .clicked()
        {
            self.doc.edit(|b| b.move_recommendation(id, at - 1)).ok();
        }
    }
}
