//! A bullet list, item by item: a bold lead-in and the text. Enter adds
//! the next bullet, Backspace in an empty one removes it; reorder by
//! dragging the ☰ handle or with the arrow buttons.

use egui::{Key, Ui};

use crate::app::EditorApp;
use crate::editor::FieldKey;
use crate::model::{BlockContent, Id};

use super::FieldLook;

fn text_id(bullet: Id) -> egui::Id {
    egui::Id::unique(("bullet-text", bullet))
}

#[derive(Clone, Copy)]
struct DragBullet(Id);

impl EditorApp {
    pub(super) fn bullets_editor(&mut self, ui: &mut Ui, block: Id) {
        let Some(BlockContent::Bullets { items }) =
            self.doc.brief().block(block).map(|b| &b.content)
        else {
            return;
        };
        let items = items.clone();
        // Keys that act on whole bullets are taken before the fields see them.
        let focused = items
            .iter()
            .position(|b| ui.memory(|m| m.has_focus(text_id(b.id))));
        let (enter, backspace) = match focused {
            Some(_) => ui.input_mut(|i| {
                (
                    i.consume_key(egui::Modifiers::NONE, Key::Enter),
                    i.key_pressed(Key::Backspace),
                )
            }),
            None => (false, false),
        };
        if let Some(i) = focused {
            let b = &items[i];
            if enter {
                match self.doc.edit(|br| br.add_row(block, i + 1)) {
                    Ok(new) => self.focus_next = Some(text_id(new)),
                    Err(e) => self.error(format!("Cannot add a bullet: {e}")),
                }
                return;
            }
            if backspace && b.text.is_empty() && b.lead.is_empty() && items.len() > 1 {
                ui.input_mut(|inp| inp.consume_key(egui::Modifiers::NONE, Key::Backspace));
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
            let row = ui.horizontal(|ui| {
                ui.dnd_drag_source(
                    egui::Id::unique(("drag-bullet", b.id)),
                    DragBullet(b.id),
                    |ui| ui.label("☰"),
                );
                ui.label("•");
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
                    FieldLook::single(text_id(b.id), (width - 300.0).max(160.0))
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
