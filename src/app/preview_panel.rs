//! The preview pane (right): zoom (buttons or Ctrl + wheel), fit-width,
//! page navigation and page count above the pages; clicking text selects
//! the item it came from.

use super::EditorApp;
use crate::preview::{self, MAX_ZOOM, MIN_ZOOM};

impl EditorApp {
    pub(super) fn preview_panel(&mut self, ui: &mut egui::Ui) {
        let pages = self.page_count();
        ui.horizontal(|ui| {
            if ui.button("−").on_hover_text("Zoom out").clicked() {
                self.preview.fit_width = false;
                self.preview.zoom = (self.preview.zoom / 1.2).max(MIN_ZOOM);
            }
            ui.label(format!("{:.0}%", self.preview.zoom * 100.0));
            if ui.button("+").on_hover_text("Zoom in").clicked() {
                self.preview.fit_width = false;
                self.preview.zoom = (self.preview.zoom * 1.2).min(MAX_ZOOM);
            }
            ui.toggle_value(&mut self.preview.fit_width, "Fit width");
            ui.separator();
            let page = self.preview.page.min(pages.saturating_sub(1));
            if ui
                .add_enabled(page > 0, egui::Button::new("◀"))
                .on_hover_text("Previous page")
                .clicked()
            {
                self.preview.scroll_to = Some(page - 1);
            }
            ui.label(if pages == 0 {
                "No pages".to_string()
            } else {
                format!("Page {} of {pages}", page + 1)
            });
            if ui
                .add_enabled(page + 1 < pages, egui::Button::new("▶"))
                .on_hover_text("Next page")
                .clicked()
            {
                self.preview.scroll_to = Some(page + 1);
            }
            if !self.preview_is_current() {
                ui.spinner();
            }
        });
        ui.separator();
        if self.worker.failed(self.doc.content_id()) {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "The layout engine failed on this brief; the preview shows the last good layout.",
            );
        }
        let empty = crate::layout::Document {
            pages: Vec::new(),
            outline: Vec::new(),
            info: crate::layout::DocInfo::default(),
            warnings: Vec::new(),
            structure: Vec::new(),
        };
        let out = match self.worker.shared_document() {
            Some(doc) => preview::show(ui, &doc, &mut self.preview),
            None => preview::show(ui, &empty, &mut self.preview),
        };
        if let Some(place) = out.clicked.and_then(|id| self.doc.brief().locate(id)) {
            self.select_quietly(place);
        }
    }
}
