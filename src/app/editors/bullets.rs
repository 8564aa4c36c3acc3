//! A bullet list, item by item: a bold lead-in and the text, bulleted or
//! numbered, with one level of nesting. Enter adds the next bullet at the
//! same level, Backspace in an empty one outdents a nested one and removes
//! a top-level one, Tab / Shift+Tab in the text indent / outdent as in a
//! word processor; reorder by dragging the ☰ handle or with the arrow
//! buttons.

use egui::{Key, Modifiers, Ui};

use crate::app::EditorApp;
use crate::editor::FieldKey;
use crate::model::{list_depths, list_labels, BlockContent, Id};

use super::FieldLook;

fn text_id(bullet: Id) -> egui::Id {
    egui::Id::unique(("bullet-text", bullet))
}

#[derive(Clone, Copy)]
struct DragBullet(Id);

impl EditorApp {
    pub(super) fn bullets_editor(&mut self, ui: &mut Ui, block: Id) {
        let Some(BlockContent::Bullets { numbered, items }) =
            self.doc.brief().block(block).map(|b| &b.content)
        else {
            return;
        };
        let (numbered, items) = (*numbered, items.clone());
        let labels = list_labels(numbered, &items);
        let depths: Vec<u8> = list_depths(&items).collect();
        let mut is_numbered = numbered;
        if ui
            .checkbox(&mut is_numbered, "Numbered")
            .on_hover_text("Number the items 1., 2., … (nested items a., b., …)")
            .changed()
        {
            self.doc.edit(|br| br.set_numbered(block, is_numbered)).ok();
        }
        // Keys that act on whole bullets are taken before the fields see them.
        let focused = items
            .iter()
            .position(|b| ui.memory(|m| m.has_focus(text_id(b.id))));
        let (enter, backspace, indent, outdent) = match focused {
            Some(_) => ui.input_mut(|i| {
                // Shift+Tab first: matching ignores an extra Shift.
                let outdent = i.consume_key(Modifiers::SHIFT, Key::Tab);
                (
                    i.consume_key(Modifiers::NONE, Key::Enter),
                    i.key_pressed(Key::Backspace),
                    i.consume_key(Modifiers::NONE, Key::Tab),
                    outdent,
                )
            }),
            None => (false, false, false, false),
        };
        if let Some(i) = focused {
            let b = &items[i];
            if indent || outdent {
                // Focus stays in the field: egui would otherwise move it on.
                ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
                // Tab on the first item has nothing to nest under: no change.
                if indent {
                    self.doc.edit(|br| br.indent_bullet(block, b.id)).ok();
                } else {
                    self.doc.edit(|br| br.outdent_bullet(block, b.id)).ok();
                }
                // The rows are drawn next frame; the field keeps its focus.
                self.focus_next = Some(text_id(b.id));
                return;
            }
            if backspace && b.text.is_empty() && b.lead.is_empty() && depths[i] > 0 {
                ui.input_mut(|inp| inp.consume_key(Modifiers::NONE, Key::Backspace));
                self.doc.edit(|br| br.outdent_bullet(block, b.id)).ok();
                self.focus_next = Some(text_id(b.id));
                return;
            }
            if enter {
                match self.doc.edit(|br| br.add_row(block, i + 1)) {
                    Ok(new) => self.focus_next = Some(text_id(new)),
                    Err(e) => self.error(format!("Cannot add a bullet: {e}")),
                }
                return;
            }
            if backspace && b.text.is_empty() && b.lead.is_empty() && items.len() > 1 {
                ui.input_mut(|inp| inp.consume_key(Modifiers::NONE, Key::Backspace));
                if self.doc.edit(|br| br.remove_row(block, b.id)).is_ok() {
                    let prev = items[i.saturating_sub(1).min(items.len() - 1)].id;
                    let prev = if prev == b.id { items[1].id } else { prev };
                    self.focus_next = Some(text_id(prev));
                }
                return;
            }
        }
        let mut dropped = None;
        let width = ui.available_width();
        for (i, b) in items.iter().enumerate() {
            let n = i + 1;
            let nested = depths[i] > 0;
            let step = if nested { 28.0 } else { 0.0 };
            let row = ui.horizontal(|ui| {
                ui.dnd_drag_source(
                    egui::Id::unique(("drag-bullet", b.id)),
                    DragBullet(b.id),
                    |ui| ui.label("☰"),
                );
                ui.add_space(step);
                ui.add_sized(
                    [22.0, ui.spacing().interact_size.y],
                    egui::Label::new(&labels[i]),
                )
                .on_hover_text(if nested {
                    format!("Bullet {n} is nested under the one above")
                } else {
                    format!("Bullet {n}")
                });
                self.text_field(
                    ui,
                    FieldKey::new(Some(b.id), "lead", 0),
                    &b.lead,
                    FieldLook::single(egui::Id::unique(("bullet-lead", b.id)), 140.0)
                        .hint("Lead-in:")
                        .named(format!("Bullet {n} lead-in"))
                        .markup(),
                    |br, s| {
                        br.bullet_mut(block, b.id)?.lead = s.to_string();
                        Ok(())
                    },
                );
                self.text_field(
                    ui,
                    FieldKey::new(Some(b.id), "text", 0),
                    &b.text,
                    FieldLook::single(text_id(b.id), (width - 360.0 - step).max(160.0))
                        .wrapping()
                        .hint("Bullet text")
                        .named(format!("Bullet {n} text"))
                        .markup(),
                    |br, s| {
                        br.bullet_mut(block, b.id)?.text = s.to_string();
                        Ok(())
                    },
                );
                let last = items.len() - 1;
                if ui
                    .add_enabled(nested, egui::Button::new("⬅"))
                    .on_hover_text(format!("Outdent bullet {n} (Shift+Tab)"))
                    .clicked()
                {
                    self.doc.edit(|br| br.outdent_bullet(block, b.id)).ok();
                }
                if ui
                    .add_enabled(i > 0 && !nested, egui::Button::new("➡"))
                    .on_hover_text(format!("Indent bullet {n} under the one above (Tab)"))
                    .clicked()
                {
                    self.doc.edit(|br| br.indent_bullet(block, b.id)).ok();
                }
                if ui
                    .add_enabled(i > 0, egui::Button::new("⬆"))
                    .on_hover_text(format!("Move bullet {n} up"))
                    .clicked()
                {
                    self.doc.edit(|br| br.move_row(block, b.id, i - 1)).ok();
                }
                if ui
                    .add_enabled(i < last, egui::Button::new("⬇"))
                    .on_hover_text(format!("Move bullet {n} down"))
                    .clicked()
                {
                    self.doc.edit(|br| br.move_row(block, b.id, i + 1)).ok();
                }
                if ui
                    .button("✖")
                    .on_hover_text(format!("Remove bullet {n}"))
                    .clicked()
                {
                    self.doc.edit(|br| br.remove_row(block, b.id)).ok();
                }
            });
            let r = &row.response;
            if r.dnd_hover_payload::<DragBullet>().is_some() {
                ui.painter().hline(
                    r.rect.x_range(),
                    r.rect.top(),
                    egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
                );
            }
            if let Some(p) = r.dnd_release_payload::<DragBullet>() {
                dropped = Some((p.0, i));
            }
        }
        if let Some((bullet, to)) = dropped {
            self.doc.edit(|br| br.move_row(block, bullet, to)).ok();
        }
        if ui
            .button("+ Bullet")
            .on_hover_text("Add a bullet at the end (or press Enter in a bullet)")
            .clicked()
        {
            let len = items.len();
            if let Ok(new) = self.doc.edit(|br| br.add_row(block, len)) {
                self.focus_next = Some(text_id(new));
            }
        }
    }
}
