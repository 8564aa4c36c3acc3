//! Keyboard shortcuts and the document-wide commands they trigger: files,
//! undo and redo, find, moving, duplicating and deleting the selected
//! outline item, and the question before a brief with placeholders left is
//! exported, printed or marked Final.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::dialogs::{Dialog, PathPurpose, Unfinished};
use super::files::Pending;
use super::EditorApp;
use crate::model::{Place, Status};

const fn cmd(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}
const fn cmd_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}
const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}

pub const NEW: KeyboardShortcut = cmd(Key::N);
pub const OPEN: KeyboardShortcut = cmd(Key::O);
pub const SAVE: KeyboardShortcut = cmd(Key::S);
pub const SAVE_AS: KeyboardShortcut = cmd_shift(Key::S);
pub const EXPORT: KeyboardShortcut = cmd(Key::E);
pub const PRINT: KeyboardShortcut = cmd(Key::P);
pub const UNDO: KeyboardShortcut = cmd(Key::Z);
pub const REDO: KeyboardShortcut = cmd_shift(Key::Z);
pub const REDO_Y: KeyboardShortcut = cmd(Key::Y);
pub const FIND: KeyboardShortcut = cmd(Key::F);
pub const MOVE_UP: KeyboardShortcut = alt(Key::ArrowUp);
pub const MOVE_DOWN: KeyboardShortcut = alt(Key::ArrowDown);
pub const DUPLICATE: KeyboardShortcut = cmd(Key::D);

impl EditorApp {
    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some() {
            return;
        }
        let pressed = |s: KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(&s));
        // Longer combinations first: Ctrl+S would also match Ctrl+Shift+S.
        let (save_as, redo) = (pressed(SAVE_AS), pressed(REDO) || pressed(REDO_Y));
        let (save, undo, new, open) = (pressed(SAVE), pressed(UNDO), pressed(NEW), pressed(OPEN));
        let (export, find, print) = (pressed(EXPORT), pressed(FIND), pressed(PRINT));
        let (up, down, dup) = (pressed(MOVE_UP), pressed(MOVE_DOWN), pressed(DUPLICATE));
        if save_as {
            self.choose_path(PathPurpose::SaveAs, None);
        } else if save {
            self.save(None, ctx);
        }
        if redo {
            self.redo();
        } else if undo {
            self.undo();
        }
        if new {
            self.dialog = Some(Dialog::Templates);
        }
        if open {
            self.request(Pending::Open(None), ctx);
        }
        if export {
            self.unless_unfinished(Unfinished::Export);
        }
        if print {
            self.unless_unfinished(Unfinished::Print);
        }
        if find {
            self.find.open = true;
            self.find.focus = true;
        }
        if up {
            self.move_selected(-1);
        }
        if down {
            self.move_selected(1);
        }
        if dup {
            self.duplicate_selected();
        }
    }

    /// Exports, prints or marks the brief Final, asking first when
    /// placeholders such as `[Country]` are left in it.
    pub(crate) fn unless_unfinished(&mut self, then: Unfinished) {
        let found = self.doc.brief().placeholders();
        if found.is_empty() {
            self.finish_anyway(then);
        } else {
            self.dialog = Some(Dialog::Placeholders { found, then });
        }
    }

    pub(crate) fn finish_anyway(&mut self, then: Unfinished) {
        match then {
            Unfinished::MarkFinal => {
                if let Err(e) = self.doc.edit(|b| {
                    b.set_status(Status::Final);
                    Ok(())
                }) {
                    self.error(format!("Cannot mark the brief Final: {e}"));
                }
            }
            Unfinished::Export => self.choose_path(PathPurpose::Export, None),
            Unfinished::Print => self.print(),
        }
    }

    pub(crate) fn undo(&mut self) {
        if !self.doc.undo() {
            self.info("Nothing to undo");
        }
    }

    pub(crate) fn redo(&mut self) {
        if !self.doc.redo() {
            self.info("Nothing to redo");
        }
    }

    /// Moves the selected section or block one place up (-1) or down (+1);
    /// a block at the edge of its section moves into the neighbouring one.
    pub(crate) fn move_selected(&mut self, delta: i32) {
        self.move_place(self.selection, delta);
    }

    pub(crate) fn move_place(&mut self, place: Place, delta: i32) {
        let result = match place {
            Place::Section(id) => {
                let Some(at) = self.doc.brief().sections.iter().position(|s| s.id == id) else {
                    return;
                };
                let to = at as i64 + i64::from(delta);
                if to < 0 || to >= self.doc.brief().sections.len() as i64 {
                    return;
                }
                self.doc.edit(|b| b.move_section(id, to as usize))
            }
            Place::Block(id) => {
                let b = self.doc.brief();
                let sections: Vec<_> = b.all_sections().map(|s| (s.id, s.blocks.len())).collect();
                let Some(sec) = b.section_of_block(id) else {
                    return;
                };
                let si = sections.iter().position(|(s, _)| *s == sec.id).unwrap_or(0);
                let at = sec.blocks.iter().position(|x| x.id == id).unwrap_or(0);
                let (target, index) = if delta < 0 && at == 0 {
                    match si.checked_sub(1) {
                        Some(p) => (sections[p].0, sections[p].1),
                        None => return,
                    }
                } else if delta > 0 && at + 1 == sec.blocks.len() {
                    match sections.get(si + 1) {
                        Some(n) => (n.0, 0),
                        None => return,
                    }
                } else {
                    (sec.id, (at as i64 + i64::from(delta)) as usize)
                };
                self.doc.edit(|b| b.move_block(id, target, index))
            }
            _ => return,
        };
        if let Err(e) = result {
            self.error(format!("Cannot move: {e}"));
        }
    }

    pub(crate) fn duplicate_selected(&mut self) {
        if let Some(copy) = self.duplicate_place(self.selection) {
            self.select(copy);
        }
    }

    /// Duplicates a section or block; returns the copy.
    pub(crate) fn duplicate_place(&mut self, place: Place) -> Option<Place> {
        let result = match place {
            Place::Section(id) => self
                .doc
                .edit(|b| b.duplicate_section(id))
                .map(Place::Section),
            Place::Block(id) => self.doc.edit(|b| b.duplicate_block(id)).map(Place::Block),
            _ => return None,
        };
        match result {
            Ok(p) => Some(p),
            Err(e) => {
                self.error(format!("Cannot duplicate: {e}"));
                None
            }
        }
    }

    /// Deletes the selected section or block (undo brings it back).
    pub(crate) fn delete_selected(&mut self) {
        self.delete_place(self.selection);
    }

    /// Deletes a section or block; a selection inside it moves to its parent.
    pub(crate) fn delete_place(&mut self, place: Place) {
        let (result, next) = match place {
            Place::Section(id) => (
                self.doc.edit(|b| b.remove_section(id).map(drop)),
                Place::Metadata,
            ),
            Place::Block(id) => {
                let parent = self.doc.brief().section_of_block(id).map(|s| s.id);
                (
                    self.doc.edit(|b| b.remove_block(id).map(drop)),
                    parent.map_or(Place::Metadata, Place::Section),
                )
            }
            _ => return,
        };
        match result {
            Ok(()) => {
                if !self.doc.brief().has_place(self.selection) {
                    self.select(next);
                }
                self.info("Deleted — Ctrl+Z brings it back");
            }
            Err(e) => self.error(format!("Cannot delete: {e}")),
        }
    }
}
