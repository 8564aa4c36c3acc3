//! Find and replace in the brief (Ctrl+F): a query, the fields that match
//! (click to go there), and Replace all as one undoable edit.

use super::EditorApp;
use crate::model::find::{find, replace_all, Hit};
use crate::model::Place;

#[derive(Debug, Default)]
pub struct FindBar {
    pub open: bool,
    /// Focus the query field on the next frame.
    pub focus: bool,
    pub query: String,
    pub replacement: String,
    /// Hits for (content id, query), recomputed when either changes.
    cache: Option<(u64, String, Vec<Hit>)>,
}

impl EditorApp {
    pub(super) fn find_bar(&mut self, ui: &mut egui::Ui) {
        let content = self.doc.content_id();
        let stale = self
            .find
            .cache
            .as_ref()
            .is_none_or(|(c, q, _)| *c != content || *q != self.find.query);
        if stale {
            let hits = find(self.doc.brief(), &self.find.query);
            self.find.cache = Some((content, self.find.query.clone(), hits));
        }
        let hits = self
            .find
            .cache
            .as_ref()
            .map(|c| c.2.clone())
            .unwrap_or_default();
        let mut go = None;
        let mut replace = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let l = ui.label("Find");
                let r = ui.add(
                    egui::TextEdit::singleline(&mut self.find.query)
                        .desired_width(180.0)
                        .id(egui::Id::unique("find-query")),
                );
                let r = r.labelled_by(l.id);
                if self.find.focus {
                    r.request_focus();
                    self.find.focus = false;
                }
                if ui.button("Close").on_hover_text("Close find").clicked() {
                    self.find.open = false;
                }
            });
            ui.horizontal_wrapped(|ui| {
                let l = ui.label("Replace with");
                ui.add(egui::TextEdit::singleline(&mut self.find.replacement).desired_width(140.0))
                    .labelled_by(l.id);
                replace = ui
                    .add_enabled(!hits.is_empty(), egui::Button::new("Replace all"))
                    .clicked();
            });
            if !self.find.query.is_empty() {
                let total: usize = hits.iter().map(|h| h.count).sum();
                ui.label(format!("{total} matches in {} fields", hits.len()));
                egui::ScrollArea::vertical()
                    .id_salt("find-hits")
                    .max_height(120.0)
                    .show(ui, |ui| {
                        for (i, h) in hits.iter().enumerate() {
                            if ui
                                .add(egui::Button::new(&h.excerpt).truncate())
                                .on_hover_text(format!("Go to match {}", i + 1))
                                .clicked()
                            {
                                go = Some(h.id);
                            }
                        }
                    });
            }
        });
        if let Some(id) = go {
            let place = id
                .and_then(|id| self.doc.brief().locate(id))
                .unwrap_or(Place::Metadata);
            self.select(place);
        }
        if replace {
            let (q, r) = (self.find.query.clone(), self.find.replacement.clone());
            let n = self.doc.edit(|b| Ok(replace_all(b, &q, &r))).unwrap_or(0);
            self.info(format!("Replaced {n} occurrences of \"{q}\""));
        }
    }
}
