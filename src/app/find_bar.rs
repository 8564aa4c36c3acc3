//! Find and replace in the brief (Ctrl+F): a query, match case, next /
//! previous occurrence (Enter / Shift+Enter in the query, F3 / Shift+F3
//! anywhere), the occurrence
//! selected in its field and marked in the preview, replace one or all
//! (each one undoable edit), and the fields that match (click to go there).

use super::EditorApp;
use crate::model::find::{find, find_matches, replace_all_with, replace_one, FieldRef, Hit, Match};
use crate::model::{BlockContent, Brief, Place};

#[derive(Debug, Default)]
pub struct FindBar {
    pub open: bool,
    /// Focus the query field on the next frame.
    pub focus: bool,
    pub query: String,
    pub replacement: String,
    pub match_case: bool,
    /// The occurrence last gone to, an index into the matches.
    current: Option<usize>,
    /// Matches for (content id, query, match case), recomputed when any changes.
    cache: Option<(SearchKey, Vec<Hit>, Vec<Match>)>,
}

/// What the cached matches were found for: content id, query, match case.
type SearchKey = (u64, String, bool);

/// The editor widget showing a field, so a match can be selected in it.
/// These follow the ids the item editors give their fields.
fn widget_for(brief: &Brief, field: FieldRef) -> Option<egui::Id> {
    let FieldRef::Item { id, name, index } = field else {
        let FieldRef::Meta(m) = field else {
            return None;
        };
        return Some(egui::Id::unique(("meta", m.label())));
    };
    let in_recommendation = brief.recommendations.iter().any(|r| r.id == id);
    Some(match name {
        "heading" => egui::Id::unique(("heading", id)),
        "caption" => egui::Id::unique(("caption", id)),
        "name" => egui::Id::unique(("column", id)),
        "cells" => egui::Id::unique(("cell", id, index)),
        "lead" => egui::Id::unique(("bullet-lead", id)),
        "text" => match brief.block(id).map(|b| &b.content) {
            Some(BlockContent::Paragraph { .. }) => egui::Id::unique(("para", id)),
            _ => egui::Id::unique(("bullet-text", id)),
        },
        "title" if in_recommendation => egui::Id::unique(("rec", id, "Title")),
        "description" if in_recommendation => egui::Id::unique(("rec", id, "Description")),
        "owner" if in_recommendation => egui::Id::unique(("rec", id, "Owner")),
        "party" => egui::Id::unique(("commitment", id, 0_usize)),
        "commitment" => egui::Id::unique(("commitment", id, 1_usize)),
        "owner" => egui::Id::unique(("commitment", id, 2_usize)),
        _ => return None,
    })
}

impl EditorApp {
    /// The matches for the current query, recomputed when stale.
    fn find_matches(&mut self) -> (Vec<Hit>, Vec<Match>) {
        let content = self.doc.content_id();
        let f = &self.find;
        let stale = f.cache.as_ref().is_none_or(|((c, q, case), _, _)| {
            *c != content || *q != f.query || *case != f.match_case
        });
        if stale {
            let brief = self.doc.brief();
            let hits = if self.find.match_case {
                // Fields with a match, counted with case.
                let all = find_matches(brief, &self.find.query, true);
                find(brief, &self.find.query)
                    .into_iter()
                    .filter_map(|mut h| {
                        h.count = all.iter().filter(|m| m.field.id() == h.id).count();
                        (h.count > 0).then_some(h)
                    })
                    .collect()
            } else {
                find(brief, &self.find.query)
            };
            let all = find_matches(brief, &self.find.query, self.find.match_case);
            let key = (content, self.find.query.clone(), self.find.match_case);
            self.find.cache = Some((key, hits, all));
        }
        self.find
            .cache
            .as_ref()
            .map(|c| (c.1.clone(), c.2.clone()))
            .unwrap_or_default()
    }

    /// Goes to occurrence `i`: selects its item, selects the text in its
    /// field and marks it in the preview.
    fn go_to_match(&mut self, ctx: &egui::Context, m: &Match, i: usize) {
        self.find.current = Some(i);
        let brief = self.doc.brief();
        let place = match m.field {
            FieldRef::Meta(_) => Place::Metadata,
            FieldRef::Item { id, .. } => brief.locate(id).unwrap_or(Place::Metadata),
        };
        let widget = widget_for(brief, m.field);
        self.preview.highlight = m.field.id().map(|id| (id, self.find.query.clone()));
        self.select(place);
        if let Some(w) = widget {
            let mut state = egui::TextEdit::load_state(ctx, w).unwrap_or_default();
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::two(
                    egui::text::CCursor::new(m.chars.0),
                    egui::text::CCursor::new(m.chars.1),
                )));
            state.store(ctx, w);
            self.focus_next = Some(w);
        }
    }

    pub(super) fn find_bar(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let (hits, all) = self.find_matches();
        let mut go = None;
        // Some(forward). F3 / Shift+F3 work while a match is selected in
        // its field, where Enter would not reach the find bar.
        let mut step: Option<bool> = None;
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::SHIFT, egui::Key::F3)) {
            step = Some(false);
        } else if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F3)) {
            step = Some(true);
        }
        let mut replace = false;
        let mut replace_this = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let l = ui.label("Find");
                let r = ui.add(
                    egui::TextEdit::singleline(&mut self.find.query)
                        .desired_width(180.0)
                        .id(egui::Id::unique("find-query")),
                );
                let r = r.labelled_by(l.id);
                if r.changed() {
                    self.find.current = None;
                }
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    step = Some(!ui.input(|i| i.modifiers.shift));
                }
                if self.find.focus {
                    r.request_focus();
                    self.find.focus = false;
                }
                if ui
                    .checkbox(&mut self.find.match_case, "Match case")
                    .changed()
                {
                    self.find.current = None;
                }
                if ui
                    .add_enabled(!all.is_empty(), egui::Button::new("◀ Previous"))
                    .on_hover_text("Previous match (Shift+Enter in Find, Shift+F3)")
                    .clicked()
                {
                    step = Some(false);
                }
                if ui
                    .add_enabled(!all.is_empty(), egui::Button::new("Next ▶"))
                    .on_hover_text("Next match (Enter in Find, F3)")
                    .clicked()
                {
                    step = Some(true);
                }
                if ui.button("Close").on_hover_text("Close find").clicked() {
                    self.find.open = false;
                    self.preview.highlight = None;
                }
            });
            ui.horizontal_wrapped(|ui| {
                let l = ui.label("Replace with");
                ui.add(egui::TextEdit::singleline(&mut self.find.replacement).desired_width(140.0))
                    .labelled_by(l.id);
                replace_this = ui
                    .add_enabled(self.find.current.is_some(), egui::Button::new("Replace"))
                    .on_hover_text("Replace this match and go to the next")
                    .clicked();
                replace = ui
                    .add_enabled(!all.is_empty(), egui::Button::new("Replace all"))
                    .clicked();
            });
            if !self.find.query.is_empty() {
                let fields = crate::model::counted(hits.len(), "field");
                let text = match self.find.current {
                    Some(i) if i < all.len() => {
                        format!("Match {} of {} in {fields}", i + 1, all.len())
                    }
                    _ => format!("{} in {fields}", crate::model::counted(all.len(), "match")),
                };
                ui.label(text);
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
            match all.iter().position(|m| m.field.id() == id) {
                Some(i) => self.go_to_match(&ctx, &all[i], i),
                None => {
                    let place = id
                        .and_then(|id| self.doc.brief().locate(id))
                        .unwrap_or(Place::Metadata);
                    self.select(place);
                }
            }
        }
        if let Some(forward) = step.filter(|_| !all.is_empty()) {
            let n = all.len();
            let i = match (self.find.current, forward) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(c), true) => (c + 1) % n,
                (Some(c), false) => (c + n - 1) % n,
            };
            self.go_to_match(&ctx, &all[i], i);
        }
        let (q, r, case) = (
            self.find.query.clone(),
            self.find.replacement.clone(),
            self.find.match_case,
        );
        if replace_this {
            if let Some(m) = self.find.current.and_then(|i| all.get(i)).cloned() {
                let done = self
                    .doc
                    .edit(|b| Ok(replace_one(b, &m, &q, &r, case)))
                    .unwrap_or(false);
                if done {
                    // The same index is now the next occurrence.
                    let (_, after) = self.find_matches();
                    let i = self.find.current.unwrap_or(0);
                    match after.get(i).or(after.first()) {
                        Some(next) => {
                            let at = if i < after.len() { i } else { 0 };
                            self.go_to_match(&ctx, &next.clone(), at);
                        }
                        None => self.find.current = None,
                    }
                }
            }
        }
        if replace {
            let n = self
                .doc
                .edit(|b| Ok(replace_all_with(b, &q, &r, case)))
                .unwrap_or(0);
            self.find.current = None;
            self.info(format!(
                "Replaced {} of \"{q}\"",
                crate::model::counted(n, "occurrence")
            ));
        }
    }
}
