//! Keyboard movement between the cells of a table: Tab / Shift+Tab go to
//! the next / previous cell (wrapping to the next row, never to a row's
//! buttons; Tab in the last cell asks for a new row), ⬆ / ⬇ to the cell
//! above / below, ← / → to the neighbour when the cursor is at the edge of
//! the text.

use egui::{Key, Modifiers, Ui};

/// Where a key moves from cell (row, col) in a grid of `rows` × `cols`.
pub fn step(
    (r, c): (usize, usize),
    (rows, cols): (usize, usize),
    key: Key,
    back: bool,
) -> Option<(usize, usize)> {
    let flat = r * cols + c;
    let total = rows * cols;
    match key {
        Key::Tab if back => flat.checked_sub(1).map(|f| (f / cols, f % cols)),
        Key::Tab => (flat + 1 < total).then(|| ((flat + 1) / cols, (flat + 1) % cols)),
        Key::ArrowUp => r.checked_sub(1).map(|r| (r, c)),
        Key::ArrowDown => (r + 1 < rows).then_some((r + 1, c)),
        Key::ArrowLeft => c.checked_sub(1).map(|c| (r, c)),
        Key::ArrowRight => (c + 1 < cols).then_some((r, c + 1)),
        _ => None,
    }
}

/// Moves focus within `cells` (rows of widget ids, all rows the same
/// length) when a navigation key is pressed in one of them. Call before the
/// cells are shown so the keys do not reach the text fields. True when Tab
/// was pressed in the last cell: the caller adds a row and moves into it.
pub fn navigate(ui: &Ui, cells: &[Vec<egui::Id>], focus_next: &mut Option<egui::Id>) -> bool {
    let cols = cells.first().map_or(0, Vec::len);
    if cols == 0 {
        return false;
    }
    let Some((r, c)) = cells.iter().enumerate().find_map(|(r, row)| {
        row.iter()
            .position(|id| ui.memory(|m| m.has_focus(*id)))
            .map(|c| (r, c))
    }) else {
        return false;
    };
    let id = cells[r][c];
    let (at_start, at_end) = egui::TextEdit::load_state(ui.ctx(), id)
        .and_then(|s| s.cursor.char_range())
        .map_or((true, true), |range| {
            let i = range.primary.index.0;
            let single = range.primary == range.secondary;
            (single && i == 0, single && i >= text_len(ui, id))
        });
    let keys = [
        (Modifiers::SHIFT, Key::Tab, true, true),
        (Modifiers::NONE, Key::Tab, false, true),
        (Modifiers::NONE, Key::ArrowUp, false, true),
        (Modifiers::NONE, Key::ArrowDown, false, true),
        (Modifiers::NONE, Key::ArrowLeft, false, at_start),
        (Modifiers::NONE, Key::ArrowRight, false, at_end),
    ];
    for (mods, key, back, allowed) in keys {
        if allowed && ui.input_mut(|i| i.consume_key(mods, key)) {
            match step((r, c), (cells.len(), cols), key, back) {
                Some((nr, nc)) => *focus_next = Some(cells[nr][nc]),
                None => return key == Key::Tab && !back,
            }
            return false;
        }
    }
    false
}

/// Length in chars of the text a cell showed last frame.
fn text_len(ui: &Ui, id: egui::Id) -> usize {
    ui.data(|d| d.get_temp::<usize>(id.with("len")))
        .unwrap_or(usize::MAX)
}

/// Remembers a cell's text length for ← / → at the edges.
pub fn note_len(ui: &Ui, id: egui::Id, text: &str) {
    let n = text.chars().count();
    ui.data_mut(|d| d.insert_temp(id.with("len"), n));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_wraps_rows_and_stops_at_the_ends() {
        assert_eq!(step((0, 2), (2, 3), Key::Tab, false), Some((1, 0)));
        assert_eq!(step((1, 0), (2, 3), Key::Tab, true), Some((0, 2)));
        assert_eq!(step((1, 2), (2, 3), Key::Tab, false), None);
        assert_eq!(step((0, 0), (2, 3), Key::ArrowUp, false), None);
        assert_eq!(step((0, 1), (2, 3), Key::ArrowDown, false), Some((1, 1)));
    }
}
