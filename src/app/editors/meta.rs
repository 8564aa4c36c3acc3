//! The metadata form: text fields, dates checked as you type (with a
//! calendar, and common forms stored as ISO), status as a choice and the
//! marking as a choice that also takes free text.

use egui::Ui;

use crate::app::dialogs::Unfinished;
use crate::app::EditorApp;
use crate::editor::FieldKey;
use crate::model::{read_date, Language, MetaField, Status, MARKINGS};

use super::FieldLook;

impl EditorApp {
    pub(super) fn meta_form(&mut self, ui: &mut Ui) {
        ui.heading("Metadata");
        ui.add_space(6.0);
        let width = (ui.available_width() - 150.0).clamp(200.0, 640.0);
        egui::Grid::new("meta-grid")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                for field in MetaField::ALL {
                    let label = ui.label(field.label());
                    if field == MetaField::Language {
                        self.language_choice(ui, label.id);
                        ui.end_row();
                        continue;
                    }
                    let value = field.get(&self.doc.brief().meta);
                    ui.horizontal(|ui| {
                        let look =
                            FieldLook::single(egui::Id::unique(("meta", field.label())), width)
                                .hint(if field.is_date() { "YYYY-MM-DD" } else { "" });
                        let key = FieldKey::new(None, field.label(), 0);
                        let w = if field == MetaField::Marking {
                            width - 140.0
                        } else if field.is_date() {
                            // Room for the calendar button.
                            width - 40.0
                        } else {
                            width
                        };
                        let look = if field.is_date() || field == MetaField::Version {
                            look
                        } else {
                            look.spelled()
                        };
                        let r = self.text_field(
                            ui,
                            key,
                            &value,
                            FieldLook { width: w, ..look },
                            |b, s| {
                                b.set_meta(field, s);
                                Ok(())
                            },
                        );
                        let r = r.labelled_by(label.id);
                        if field.is_date() {
                            self.date_extras(ui, &r, field.label(), &value, move |b, s| {
                                b.set_meta(field, s);
                                Ok(())
                            });
                        }
                        if field == MetaField::Marking {
                            self.marking_choice(ui, &value);
                        }
                    });
                    // A date's warning goes under its field, where it has room.
                    let order = self.doc.brief().date_order();
                    if field.is_date()
                        && !value.trim().is_empty()
                        && read_date(&value, order).is_none()
                    {
                        ui.end_row();
                        ui.label("");
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new("⚠ not a date (YYYY-MM-DD)")
                                    .color(ui.visuals().error_fg_color),
                            )
                            .wrap(),
                        );
                    }
                    ui.end_row();
                    if field == MetaField::Version {
                        let label = ui.label("Status");
                        let status = self.doc.brief().meta.status;
                        let mut chosen = status;
                        egui::ComboBox::from_id_salt("status-choice")
                            .selected_text(format!("{status:?}"))
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut chosen, Status::Draft, "Draft");
                                ui.selectable_value(&mut chosen, Status::Final, "Final");
                            })
                            .response
                            .labelled_by(label.id);
                        if chosen == Status::Final && status != Status::Final {
                            self.unless_unfinished(Unfinished::MarkFinal);
                        } else if chosen != status {
                            self.doc
                                .edit(|b| {
                                    b.set_status(chosen);
                                    Ok(())
                                })
                                .ok();
                        }
                        ui.end_row();
                    }
                }
            });
    }

    /// The brief's language: the dictionaries Briefsmith has, and whatever
    /// other tag the file names.
    fn language_choice(&mut self, ui: &mut Ui, label: egui::Id) {
        let current = self.doc.brief().meta.language.clone();
        let shown = Language::from_tag(&current).map_or_else(
            || format!("{current} (no dictionary)"),
            |l| l.name().to_string(),
        );
        let mut chosen: Option<&'static str> = None;
        egui::ComboBox::from_id_salt("language-choice")
            .selected_text(shown)
            .width(180.0)
            .show_ui(ui, |ui| {
                for l in Language::ALL {
                    let on = Language::from_tag(&current) == Some(l);
                    if ui.selectable_label(on, l.name()).clicked() {
                        chosen = Some(l.tag());
                    }
                }
            })
            .response
            .labelled_by(label)
            .on_hover_text("Spelling, dates and the PDF follow the brief's language");
        if let Some(tag) = chosen.filter(|t| *t != current) {
            if let Err(e) = self.doc.edit(|b| b.set_language(tag)) {
                self.error(format!("Could not change the language: {e}"));
            }
        }
    }

    fn marking_choice(&mut self, ui: &mut Ui, current: &str) {
        let mut chosen: Option<&str> = None;
        egui::ComboBox::from_id_salt("marking-choice")
            .selected_text("Choose…")
            .width(120.0)
            .show_ui(ui, |ui| {
                for m in MARKINGS {
                    let text = if m.is_empty() { "(none)" } else { m };
                    if ui.selectable_label(*m == current, text).clicked() {
                        chosen = Some(m);
                    }
                }
            })
            .response
            .accessible_name("Common markings");
        if let Some(m) = chosen {
            self.doc
                .edit(|b| {
                    b.set_meta(MetaField::Marking, m);
                    Ok(())
                })
                .ok();
        }
    }
}
