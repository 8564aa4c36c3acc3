//! Undo and redo across the whole document: a snapshot of the brief is taken
//! before each edit; consecutive typing in one field is coalesced into
//! word-sized steps (a step ends after a space or punctuation, or after a
//! pause of a second). The history lives in memory only.

use std::time::{Duration, Instant};

use crate::model::{Brief, Id};

/// Typing pauses longer than this start a new undo step.
pub const TYPING_PAUSE: Duration = Duration::from_millis(1000);
/// Oldest steps are forgotten beyond this many.
pub const MAX_STEPS: usize = 200;

/// A text field: the item that holds it, which field, and a column or
/// position for fields that come in rows (table cells).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldKey {
    pub item: Option<Id>,
    pub field: &'static str,
    pub index: usize,
}

impl FieldKey {
    pub fn new(item: Option<Id>, field: &'static str, index: usize) -> Self {
        FieldKey { item, field, index }
    }
}

/// The brief as it was, and the content id that names that state.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub brief: Brief,
    pub content: u64,
}

#[derive(Debug, Clone, Copy)]
struct Typing {
    field: FieldKey,
    at: Instant,
    /// The last keystroke ended a word: the next one starts a new step.
    closed: bool,
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    typing: Option<Typing>,
}

/// How text typed into a field changed: the inserted characters, found by
/// trimming the common prefix and suffix of the old and new text.
fn inserted<'a>(old: &str, new: &'a str) -> &'a str {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let (o, n) = (&old[prefix..], &new[prefix..]);
    let suffix = o
        .chars()
        .rev()
        .zip(n.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    &n[..n.len() - suffix.min(n.len())]
}

/// True when typing `new` over `old` ends a word (a space, punctuation or
/// line break was typed).
pub fn ends_word(old: &str, new: &str) -> bool {
    inserted(old, new)
        .chars()
        .any(|c| c.is_whitespace() || c.is_ascii_punctuation() || "…—–‘’“”".contains(c))
}

impl History {
    /// Records the state before an edit. `typing` names the field when the
    /// edit is typing, with whether it ended a word; typing that continues
    /// the current word in the same field joins the previous step.
    pub fn record(&mut self, before: Snapshot, typing: Option<(FieldKey, bool)>, now: Instant) {
        let joins = match (&self.typing, typing) {
            (Some(last), Some((field, _))) => {
                last.field == field && !last.closed && now.duration_since(last.at) < TYPING_PAUSE
            }
            _ => false,
        };
        if !joins {
            self.undo.push(before);
            if self.undo.len() > MAX_STEPS {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.typing = typing.map(|(field, closed)| Typing {
            field,
            at: now,
            closed,
        });
    }

    /// The next edit starts a new step whatever it is.
    pub fn break_step(&mut self) {
        self.typing = None;
    }

    /// Steps back: returns the state to restore; `current` is kept for redo.
    pub fn undo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let prev = self.undo.pop()?;
        self.redo.push(current);
        self.typing = None;
        Some(prev)
    }

    pub fn redo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        self.typing = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_text_is_found() {
        assert_eq!(inserted("helo", "hello"), "l");
        assert_eq!(inserted("ab", "a b"), " ");
        assert_eq!(inserted("abc", "ac"), "");
        assert!(ends_word("hello", "hello "));
        assert!(ends_word("end", "end."));
        assert!(!ends_word("hell", "hello"));
    }

    #[test]
    fn typing_coalesces_into_words() {
        let mut h = History::default();
        let f = FieldKey::new(None, "title", 0);
        let t0 = Instant::now();
        let snap = |c: u64| Snapshot {
            brief: Brief::new(format!("{c}")),
            content: c,
        };
        h.record(snap(0), Some((f, false)), t0);
        h.record(snap(1), Some((f, false)), t0);
        h.record(snap(2), Some((f, true)), t0); // typed a space
        h.record(snap(3), Some((f, false)), t0); // new word: new step
        assert_eq!(h.undo.len(), 2);
        // A pause also starts a new step.
        h.record(snap(4), Some((f, false)), t0 + Duration::from_secs(2));
        assert_eq!(h.undo.len(), 3);
        // Another field, or a structural edit, does too.
        h.record(
            snap(5),
            Some((FieldKey::new(None, "meeting", 0), false)),
            t0,
        );
        h.record(snap(6), None, t0);
        assert_eq!(h.undo.len(), 5);
        let back = h.undo(snap(7)).map(|s| s.content);
        assert_eq!(back, Some(6));
        assert!(h.can_redo());
        assert_eq!(h.redo(snap(6)).map(|s| s.content), Some(7));
    }
}
