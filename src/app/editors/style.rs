//! The style form: paper, typeface, body size, justification, hyphenation,
//! margins, and whether exports are archival (PDF/A-2b).

use egui::Ui;

use crate::app::EditorApp;
use crate::model::{FontFamily, Paper};

impl EditorApp {
    pub(super) fn style_form(&mut self, ui: &mut Ui) {
        ui.heading("Style");
        ui.add_space(6.0);
        let before = self.doc.brief().style.clone();
        let mut s = before.clone();
        egui::Grid::new("style-grid")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                ui.label("Paper");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut s.paper, Paper::A4, "A4");
                    ui.radio_value(&mut s.paper, Paper::Letter, "Letter");
                });
                ui.end_row();
                ui.label("Typeface");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut s.family, FontFamily::Serif, "Serif (Noto Serif)");
                    ui.radio_value(&mut s.family, FontFamily::Sans, "Sans (Noto Sans)");
                });
                ui.end_row();
                let l = ui.label("Body size");
                ui.add(
                    egui::DragValue::new(&mut s.font_size)
                        .range(6.0..=18.0)
                        .speed(0.1)
                        .suffix(" pt"),
                )
                .labelled_by(l.id);
                ui.end_row();
                ui.label("Text");
                ui.vertical(|ui| {
                    ui.checkbox(&mut s.justify, "Justify paragraphs");
                    ui.checkbox(&mut s.hyphenate, "Hyphenate");
                });
                ui.end_row();
                ui.label("Margins (mm)");
                ui.horizontal(|ui| {
                    for (name, v) in [
                        ("Top", &mut s.margins_mm.top),
                        ("Bottom", &mut s.margins_mm.bottom),
                        ("Left", &mut s.margins_mm.left),
                        ("Right", &mut s.margins_mm.right),
                    ] {
                        let l = ui.label(name);
                        ui.add(egui::DragValue::new(v).range(5.0..=60.0).speed(0.5))
                            .labelled_by(l.id);
                    }
                });
                ui.end_row();
                ui.label("PDF");
                ui.checkbox(&mut s.archival, "Archival (PDF/A-2b)")
                    .on_hover_text(
                        "Every export of this brief is PDF/A-2b, as records systems \
                         require: still tagged for screen readers, with an sRGB \
                         colour profile embedded (about 3 KB more).",
                    );
                ui.end_row();
            });
        if s != before {
            self.doc
                .edit_field(crate::editor::FieldKey::new(None, "style", 0), |b| {
                    b.set_style(s);
                    Ok(())
                })
                .ok();
        }
    }
}
