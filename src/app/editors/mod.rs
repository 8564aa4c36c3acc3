//! The centre pane: the editor for the item selected in the outline, and
//! the shared text-field helper that turns typing into undoable edits and,
//! in fields with inline markup, shows bold and italic as they print and
//! takes Ctrl+B / Ctrl+I.

mod bullets;
mod commitments;
mod dates;
mod grid_nav;
mod meta;
mod paragraph;
mod recommendations;
pub(crate) mod rich;
mod section;
mod style;
mod table;

use egui::text::{CCursor, CCursorRange};
use egui::{KeyboardShortcut, Response, TextEdit, Ui};

use super::EditorApp;
use crate::editor::FieldKey;
use crate::model::text::{self, Emphasis};
use crate::model::{Brief, EditResult, Place};

/// Ctrl+B and Ctrl+I in a field with markup.
pub const BOLD: KeyboardShortcut = KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::B);
pub const ITALIC: KeyboardShortcut = KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::I);

/// How a text field looks.
#[derive(Debug, Clone)]
pub(crate) struct FieldLook {
    pub id: egui::Id,
    pub multiline: bool,
    /// Rows a multi-line field shows at least.
    pub rows: usize,
    pub width: f32,
    pub hint: &'static str,
    /// Accessible name, for fields without a visible label beside them.
    pub name: Option<String>,
    /// The text holds inline markup: shown styled, Ctrl+B / Ctrl+I work.
    pub markup: bool,
    /// Misspelt words are underlined and offered corrections (markup
    /// fields always are).
    pub spell: bool,
}

impl FieldLook {
    pub fn single(id: egui::Id, width: f32) -> Self {
        FieldLook {
            id,
            multiline: false,
            rows: 1,
            width,
            hint: "",
            name: None,
            markup: false,
            spell: false,
        }
    }
    pub fn multi(id: egui::Id, width: f32) -> Self {
        FieldLook {
            multiline: true,
            rows: 2,
            ..FieldLook::single(id, width)
        }
    }
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// A multi-line field that starts one row high and grows as it wraps.
    pub fn wrapping(mut self) -> Self {
        self.multiline = true;
        self.rows = 1;
        self
    }
    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }
    /// The field holds inline markup, laid out with it when printed.
    pub fn markup(mut self) -> Self {
        self.markup = true;
        self
    }
    /// The field's words are spell-checked (plain text such as a title).
    pub fn spelled(mut self) -> Self {
        self.spell = true;
        self
    }
}

/// Ctrl+B / Ctrl+I pressed with the cursor outside any word: what is typed
/// next at `at` (a char index) gets the style toggled.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PendingStyle {
    at: usize,
    emphasis: Emphasis,
    on: bool,
}

/// Selections to put back when undo or redo returns a field to a content
/// id: (content id, field, selection), newest last.
#[derive(Debug, Clone, Default)]
struct Selections(Vec<(u64, egui::Id, CCursorRange)>);

/// How many selections [`Selections`] remembers.
const SELECTIONS_KEPT: usize = 200;

fn selections_id() -> egui::Id {
    egui::Id::unique("briefsmith-markup-selections")
}

fn char_range(state: &egui::text_edit::TextEditState) -> Option<(usize, usize)> {
    state
        .cursor
        .char_range()
        .map(|r| (r.primary.index.0, r.secondary.index.0))
}

fn set_range(ctx: &egui::Context, id: egui::Id, range: CCursorRange) {
    if let Some(mut state) = TextEdit::load_state(ctx, id) {
        state.cursor.set_char_range(Some(range));
        TextEdit::store_state(ctx, id, state);
    }
}

impl EditorApp {
    /// The caption row shared by tables and commitment tables.
    pub(crate) fn caption_field(&mut self, ui: &mut Ui, block: crate::model::Id, caption: &str) {
        ui.horizontal(|ui| {
            let l = ui.label("Caption");
            self.text_field(
                ui,
                FieldKey::new(Some(block), "caption", 0),
                caption,
                FieldLook::single(egui::Id::unique(("caption", block)), 320.0)
                    .hint("Optional caption")
                    .markup(),
                |b, s| b.set_caption(block, s),
            )
            .labelled_by(l.id);
        });
    }

    /// Shows a field over a copy of `value`; typing becomes an undoable edit
    /// through `set`. A markup field shows its styles and takes Ctrl+B and
    /// Ctrl+I; the toggle is an undo step of its own, and undo or redo puts
    /// the selection back as it was.
    pub(crate) fn text_field(
        &mut self,
        ui: &mut Ui,
        key: FieldKey,
        value: &str,
        look: FieldLook,
        set: impl FnOnce(&mut Brief, &str) -> EditResult<()>,
    ) -> Response {
        let mut text = value.to_string();
        let ctx = ui.ctx().clone();
        let focused = ui.memory(|m| m.has_focus(look.id));
        let mut toggled = false;
        let before = self.doc.content_id();
        let mut old_range = None;
        if look.markup {
            self.restore_selection(&ctx, look.id);
            old_range = TextEdit::load_state(&ctx, look.id).and_then(|s| s.cursor.char_range());
            if focused {
                toggled = emphasis_shortcuts(ui, look.id, &mut text);
            }
        }

        let edit = if look.multiline {
            TextEdit::multiline(&mut text).desired_rows(look.rows)
        } else {
            TextEdit::singleline(&mut text)
        };
        let mut edit = edit.id(look.id).desired_width(look.width);
        if !look.hint.is_empty() {
            edit = edit.hint_text(look.hint);
        }
        let style = rich::RichStyle {
            markers_shown: focused,
            ..rich::RichStyle::of(ui, look.multiline)
        };
        // Underlines are painted as waves over the galley (below), so the
        // galley itself draws none.
        let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
            rich::galley(ui, buf.as_str(), wrap, &style, &[])
        };
        if look.markup {
            edit = edit.layouter(&mut layouter);
        }
        let mut shown = None;
        let widget = |ui: &mut Ui| {
            let out = edit.show(ui);
            let response = out.response.response.clone();
            shown = Some((out.galley, out.galley_pos, out.text_clip_rect));
            response
        };
        let response = if look.multiline || !look.width.is_finite() {
            ui.add(widget)
        } else {
            // Grid cells would otherwise keep their first, narrow width.
            ui.add_sized([look.width, ui.spacing().interact_size.y], widget)
        };
        let mut corrected = false;
        if look.spell || look.markup {
            if let Some((galley, pos, clip)) = &shown {
                let misspelt = self.checks.misspelt(&text);
                if !misspelt.is_empty() {
                    rich::paint_wavy(ui.painter(), &text, galley, *pos, *clip, &misspelt);
                }
                corrected =
                    self.spelling_menu(&response, look.id, galley, *pos, &mut text, &misspelt);
            }
        }
        if corrected {
            // A correction is an undo step of its own, not part of the typing.
            self.doc.break_step();
        }
        let response = match look.name {
            Some(name) => response.accessible_name(name),
            None => response,
        };
        if look.markup && !toggled {
            if text != value {
                style_typed(&ctx, look.id, value, &mut text);
            } else {
                forget_moved(&ctx, look.id);
            }
        }
        if toggled {
            self.doc.break_step();
        }
        if text != value {
            if let Err(e) = self.doc.edit_text(key, value, &text, set) {
                self.error(format!("Could not change the text: {e}"));
            }
        }
        if toggled {
            self.doc.break_step();
            let after = self.doc.content_id();
            let new_range = TextEdit::load_state(&ctx, look.id).and_then(|s| s.cursor.char_range());
            ctx.data_mut(|d| {
                let kept = &mut d.get_temp_mut_or_default::<Selections>(selections_id()).0;
                for (content, range) in [(before, old_range), (after, new_range)] {
                    if let Some(r) = range {
                        kept.retain(|(c, id, _)| !(*c == content && *id == look.id));
                        kept.push((content, look.id, r));
                    }
                }
                let extra = kept.len().saturating_sub(SELECTIONS_KEPT);
                kept.drain(..extra);
            });
        }
        if response.lost_focus() || corrected {
            self.doc.break_step();
        }
        response
    }

    /// After undo or redo returns the document to a state a Ctrl+B or
    /// Ctrl+I left or found, puts that field's selection back.
    fn restore_selection(&self, ctx: &egui::Context, id: egui::Id) {
        let content = self.doc.content_id();
        let seen_id = id.with("markup-seen-content");
        let seen = ctx.data(|d| d.get_temp::<u64>(seen_id));
        if seen == Some(content) {
            return;
        }
        ctx.data_mut(|d| d.insert_temp(seen_id, content));
        if seen.is_none() {
            return;
        }
        let found = ctx.data(|d| {
            d.get_temp::<Selections>(selections_id()).and_then(|s| {
                s.0.iter()
                    .rev()
                    .find(|(c, i, _)| *c == content && *i == id)
                    .map(|x| x.2)
            })
        });
        if let Some(range) = found {
            set_range(ctx, id, range);
        }
    }

    pub(super) fn editor_pane(&mut self, ui: &mut Ui) {
        egui::ScrollArea::vertical()
            .id_salt("editor-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| match self.selection {
                Place::Metadata => self.meta_form(ui),
                Place::Style => self.style_form(ui),
                Place::Section(id) => self.section_editor(ui, id),
                Place::Block(id) => self.block_page(ui, id),
                Place::Recommendations => self.recommendations_editor(ui),
            });
    }
}

/// Handles Ctrl+B / Ctrl+I in the focused markup field `id`: restyles the
/// selection or the word at the cursor in `text`, or, with the cursor
/// outside a word, remembers to style what is typed next. Returns whether
/// `text` changed.
fn emphasis_shortcuts(ui: &Ui, id: egui::Id, text: &mut String) -> bool {
    let mut changed = false;
    for (shortcut, emphasis) in [(BOLD, Emphasis::Bold), (ITALIC, Emphasis::Italic)] {
        if !ui.input_mut(|i| i.consume_shortcut(&shortcut)) {
            continue;
        }
        let Some(mut state) = TextEdit::load_state(ui.ctx(), id) else {
            continue;
        };
        let (a, b) = char_range(&state).unwrap_or((0, 0));
        match text::toggle_emphasis(text, a, b, emphasis) {
            Some((t, s, e)) => {
                *text = t;
                let (s, e) = if a <= b { (s, e) } else { (e, s) };
                state
                    .cursor
                    .set_char_range(Some(CCursorRange::two(CCursor::new(s), CCursor::new(e))));
                TextEdit::store_state(ui.ctx(), id, state);
                ui.ctx().data_mut(|d| d.remove::<PendingStyle>(id));
                changed = true;
            }
            None => {
                let (bold, italic) = text::style_at(text, a);
                let on = !match emphasis {
                    Emphasis::Bold => bold,
                    Emphasis::Italic => italic,
                };
                let pending = PendingStyle {
                    at: a,
                    emphasis,
                    on,
                };
                ui.ctx().data_mut(|d| {
                    // Pressing the same key again cancels it.
                    if d.get_temp::<PendingStyle>(id) == Some(pending) {
                        d.remove::<PendingStyle>(id);
                    } else {
                        d.insert_temp(id, pending);
                    }
                });
            }
        }
    }
    changed
}

/// Forgets a waiting Ctrl+B / Ctrl+I once the cursor has moved away.
fn forget_moved(ctx: &egui::Context, id: egui::Id) {
    let Some(p) = ctx.data(|d| d.get_temp::<PendingStyle>(id)) else {
        return;
    };
    let cursor = TextEdit::load_state(ctx, id).and_then(|s| char_range(&s));
    if cursor != Some((p.at, p.at)) {
        ctx.data_mut(|d| d.remove::<PendingStyle>(id));
    }
}

/// If Ctrl+B / Ctrl+I waits for typing at the cursor and `text` is `old`
/// with something typed there, styles what was typed and moves the cursor
/// after it (inside the markers, so typing goes on in that style). Any
/// other change, or the cursor moving away, forgets the waiting style.
fn style_typed(ctx: &egui::Context, id: egui::Id, old: &str, text: &mut String) {
    let Some(p) = ctx.data_mut(|d| {
        let p = d.get_temp::<PendingStyle>(id);
        d.remove::<PendingStyle>(id);
        p
    }) else {
        return;
    };
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = text.chars().collect();
    let prefix = old_chars
        .iter()
        .zip(&new_chars)
        .take_while(|(a, b)| a == b)
        .count();
    let suffix = old_chars[prefix..]
        .iter()
        .rev()
        .zip(new_chars[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let inserted = prefix == p.at.min(old_chars.len())
        && prefix + suffix == old_chars.len()
        && new_chars.len() > old_chars.len();
    if !inserted {
        return;
    }
    let end = new_chars.len() - suffix;
    let (from, to) = (
        text::printed_index(text, prefix),
        text::printed_index(text, end),
    );
    if let Some((t, _, e)) = text::restyle(text, from, to, p.emphasis, p.on) {
        *text = t;
        set_range(ctx, id, CCursorRange::one(CCursor::new(e)));
    }
}
