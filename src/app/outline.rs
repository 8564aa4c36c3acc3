//! The outline (left pane): metadata, style, introduction, each section
//! with its blocks, recommendations and conclusion. Select to edit; add,
//! duplicate, delete, rename and reorder sections and blocks with the
//! buttons, the keyboard (Alt+⬆/⬇, Ctrl+D, Delete) or by dragging the ☰
//! handles.

use egui::{Key, RichText, Sense};

use super::EditorApp;
use crate::model::{text, Block, BlockContent, Id, Place, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drag {
    Section(Id),
    Block(Id),
}

/// Where something was dropped.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// On a section's heading row.
    Section(Id),
    /// On a block row: its section and position.
    Block(Id, usize),
}

/// A short description of a block for the outline.
pub fn block_label(b: &Block) -> String {
    let excerpt = |s: &str| {
        let p = text::plain(s);
        let short: String = p.chars().take(38).collect();
        if p.chars().count() > 38 {
            format!("{short}…")
        } else {
            short
        }
    };
    match &b.content {
        BlockContent::Paragraph { text } => format!("¶ {}", excerpt(text)),
        BlockContent::Bullets {
            numbered: true,
            items,
        } => format!("🔢 Numbered list ({})", items.len()),
        BlockContent::Bullets { items, .. } => format!("• Bullets ({})", items.len()),
        BlockContent::Table(t) => {
            let name = if t.caption.is_empty() {
                t.columns
                    .first()
                    .map_or(String::new(), |c| excerpt(&c.name))
            } else {
                excerpt(&t.caption)
            };
            format!("⊞ Table: {name}")
        }
        BlockContent::Commitments(t) => format!("✔ Commitments ({})", t.rows.len()),
    }
}

fn section_title(s: &Section, fallback: &str) -> String {
    let h = text::plain(&s.heading);
    if h.trim().is_empty() {
        fallback.to_string()
    } else {
        h
    }
}

/// One line of the outline.
#[derive(Debug, Clone)]
pub struct Row {
    place: Place,
    label: String,
    strong: bool,
    indent: f32,
    drag: Option<Drag>,
    drop: Option<Target>,
}

/// The outline's lines for a brief: built once per content change.
fn rows(brief: &crate::model::Brief) -> Vec<Row> {
    let fixed = [brief.introduction.id, brief.conclusion.id];
    let mut out = vec![
        Row {
            place: Place::Metadata,
            label: "Metadata".into(),
            strong: true,
            indent: 0.0,
            drag: None,
            drop: None,
        },
        Row {
            place: Place::Style,
            label: "Style".into(),
            strong: true,
            indent: 0.0,
            drag: None,
            drop: None,
        },
    ];
    let section = |s: &Section, fallback: &str, out: &mut Vec<Row>| {
        let movable = !fixed.contains(&s.id);
        out.push(Row {
            place: Place::Section(s.id),
            label: section_title(s, fallback),
            strong: true,
            indent: 0.0,
            drag: movable.then_some(Drag::Section(s.id)),
            drop: Some(Target::Section(s.id)),
        });
        for (i, b) in s.blocks.iter().enumerate() {
            out.push(Row {
                place: Place::Block(b.id),
                label: block_label(b),
                strong: false,
                indent: 14.0,
                drag: Some(Drag::Block(b.id)),
                drop: Some(Target::Block(s.id, i)),
            });
        }
    };
    section(&brief.introduction, "Introduction", &mut out);
    for s in &brief.sections {
        section(s, "Untitled section", &mut out);
    }
    out.push(Row {
        place: Place::Recommendations,
        label: format!("Recommendations ({})", brief.recommendations.len()),
        strong: true,
        indent: 0.0,
        drag: None,
        drop: None,
    });
    section(&brief.conclusion, "Conclusion", &mut out);
    out
}

impl EditorApp {
    pub(super) fn outline(&mut self, ui: &mut egui::Ui) {
        self.outline_toolbar(ui);
        ui.separator();
        let content = self.doc.content_id();
        if self
            .outline_rows
            .as_ref()
            .is_none_or(|(c, _)| *c != content)
        {
            self.outline_rows = Some((content, std::sync::Arc::new(rows(self.doc.brief()))));
        }
        let Some((_, rows)) = self.outline_rows.clone() else {
            return;
        };
        let mut select = None;
        let mut dropped: Option<(Drag, Target)> = None;
        let selection = self.selection;
        let row_height = ui.spacing().interact_size.y;
        // Only the lines in view are laid out, however long the brief.
        egui::ScrollArea::vertical()
            .id_salt("outline-scroll")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, rows.len(), |ui, range| {
                for row in &rows[range] {
                    let line = ui.horizontal(|ui| {
                        ui.set_height(row_height);
                        ui.add_space(row.indent);
                        match row.drag {
                            Some(d) => {
                                let id = match d {
                                    Drag::Section(id) | Drag::Block(id) => id,
                                };
                                ui.dnd_drag_source(egui::Id::unique(("drag", id)), d, |ui| {
                                    ui.label("☰")
                                });
                            }
                            None => {
                                ui.label(" ");
                            }
                        }
                        let text = if row.strong {
                            RichText::new(&row.label).strong()
                        } else {
                            RichText::new(&row.label)
                        };
                        if ui
                            .add(egui::Button::selectable(selection == row.place, text).truncate())
                            .clicked()
                        {
                            select = Some(row.place);
                        }
                    });
                    if let Some(target) = row.drop {
                        let r = ui.interact(
                            line.response.rect,
                            egui::Id::unique(("row", row.place)),
                            Sense::hover(),
                        );
                        drop_zone(ui, &r, target, &mut dropped);
                    }
                }
            });
        if let Some((drag, target)) = dropped {
            self.apply_drop(drag, target);
        }
        if let Some(p) = select {
            self.select(p);
        }
        self.outline_keys(ui);
    }

    fn outline_toolbar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("+ Section")
                .on_hover_text("Add a section after the selected one")
                .clicked()
            {
                self.add_section();
            }
            let movable = match self.selection {
                Place::Section(id) => self.doc.brief().sections.iter().any(|s| s.id == id),
                Place::Block(_) => true,
                _ => false,
            };
            ui.add_enabled_ui(movable, |ui| {
                if ui.button("⬆").on_hover_text("Move up (Alt+⬆)").clicked() {
                    self.move_selected(-1);
                }
                if ui.button("⬇").on_hover_text("Move down (Alt+⬇)").clicked() {
                    self.move_selected(1);
                }
                if ui.button("🗐").on_hover_text("Duplicate (Ctrl+D)").clicked() {
                    self.duplicate_selected();
                }
                if ui
                    .button("🗑")
                    .on_hover_text("Delete (Delete; Ctrl+Z undoes)")
                    .clicked()
                {
                    self.delete_selected();
                }
            });
            if let Place::Section(id) = self.selection {
                if ui
                    .button("Rename")
                    .on_hover_text("Rename the section")
                    .clicked()
                {
                    self.focus_next = Some(egui::Id::unique(("heading", id)));
                }
            }
        });
    }

    fn add_section(&mut self) {
        let b = self.doc.brief();
        let at = match self.selection {
            Place::Section(id) => b.sections.iter().position(|s| s.id == id).map_or(
                if id == b.introduction.id {
                    0
                } else {
                    b.sections.len()
                },
                |i| i + 1,
            ),
            Place::Block(id) => b
                .section_of_block(id)
                .and_then(|s| b.sections.iter().position(|x| x.id == s.id))
                .map_or(b.sections.len(), |i| i + 1),
            _ => b.sections.len(),
        };
        match self.doc.edit(|b| b.add_section(at, "New section")) {
            Ok(id) => {
                self.select(Place::Section(id));
                self.focus_next = Some(egui::Id::unique(("heading", id)));
            }
            Err(e) => self.error(format!("Cannot add a section: {e}")),
        }
    }

    /// Arrow keys walk the outline, Delete removes, while no field has focus.
    fn outline_keys(&mut self, ui: &egui::Ui) {
        if ui.ctx().egui_wants_keyboard_input() || self.dialog.is_some() {
            return;
        }
        let (up, down, del) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, Key::Delete),
            )
        });
        if del {
            self.delete_selected();
        }
        if up || down {
            let places = self.outline_places();
            let at = places
                .iter()
                .position(|p| *p == self.selection)
                .unwrap_or(0);
            let next = if up {
                at.saturating_sub(1)
            } else {
                (at + 1).min(places.len() - 1)
            };
            self.select(places[next]);
        }
    }

    /// Every outline entry in order.
    fn outline_places(&self) -> Vec<Place> {
        let b = self.doc.brief();
        let mut out = vec![Place::Metadata, Place::Style];
        let push = |s: &Section, out: &mut Vec<Place>| {
            out.push(Place::Section(s.id));
            out.extend(s.blocks.iter().map(|x| Place::Block(x.id)));
        };
        push(&b.introduction, &mut out);
        for s in &b.sections {
            push(s, &mut out);
        }
        out.push(Place::Recommendations);
        push(&b.conclusion, &mut out);
        out
    }

    fn apply_drop(&mut self, drag: Drag, target: Target) {
        let b = self.doc.brief();
        let result = match (drag, target) {
            (Drag::Section(id), Target::Section(t) | Target::Block(t, _)) => {
                let to = if t == b.introduction.id {
                    0
                } else if t == b.conclusion.id {
                    b.sections.len().saturating_sub(1)
                } else {
                    b.sections.iter().position(|s| s.id == t).unwrap_or(0)
                };
                self.doc.edit(|b| b.move_section(id, to))
            }
            (Drag::Block(id), Target::Section(t)) => self.doc.edit(|b| b.move_block(id, t, 0)),
            (Drag::Block(id), Target::Block(t, i)) => {
                let same = b.section_of_block(id).map(|s| s.id) == Some(t);
                let len = b.section(t).map_or(0, |s| s.blocks.len());
                let i = if same {
                    i.min(len.saturating_sub(1))
                } else {
                    i
                };
                self.doc.edit(|b| b.move_block(id, t, i))
            }
        };
        if let Err(e) = result {
            self.error(format!("Cannot move there: {e}"));
        }
    }
}

/// Highlights a row while something is dragged over it and reports a drop.
fn drop_zone(
    ui: &egui::Ui,
    row: &egui::Response,
    target: Target,
    dropped: &mut Option<(Drag, Target)>,
) {
    if row.dnd_hover_payload::<Drag>().is_some() {
        let r = row.rect;
        ui.painter().hline(
            r.x_range(),
            r.top(),
            egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
        );
    }
    if let Some(p) = row.dnd_release_payload::<Drag>() {
        *dropped = Some((*p, target));
    }
}
