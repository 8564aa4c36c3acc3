//! The open document: the brief, where it is saved, what that file looked
//! like when loaded or saved (to notice changes made by others), whether
//! it is open read-only, whether it has unsaved changes, its undo history
//! and a content id that changes with every edit (the preview re-lays out
//! only when it changes). Every edit goes through here so that it can be
//! undone.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use super::history::{ends_word, FieldKey, History, Snapshot};
use crate::io::{self, DiskChange, DiskStamp, LoadError, SaveError};
use crate::model::{Brief, EditResult};

/// Content ids are unique across all documents of the process, so a stale
/// preview of another document is never mistaken for the current one.
fn next_content_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[derive(Debug)]
pub struct Document {
    brief: Arc<Brief>,
    path: Option<PathBuf>,
    /// The file as it was when loaded or last saved.
    disk: Option<DiskStamp>,
    /// Opened while another window holds the file: Save is refused.
    read_only: bool,
    content: u64,
    /// Content id of the state last saved or loaded.
    saved: u64,
    history: History,
}

impl Document {
    /// A document for `brief`; `path` is where it was loaded from, if anywhere.
    pub fn new(brief: Brief, path: Option<PathBuf>) -> Self {
        let content = next_content_id();
        Document {
            brief: Arc::new(brief),
            path,
            disk: None,
            read_only: false,
            content,
            saved: content,
            history: History::default(),
        }
    }

    /// A brief restored from a recovery copy: unsaved until saved. `disk`
    /// is what its file looked like when the crashed run loaded it.
    pub fn restored(brief: Brief, path: Option<PathBuf>, disk: Option<DiskStamp>) -> Self {
        let mut doc = Document::new(brief, path);
        doc.disk = disk;
        doc.saved = 0;
        doc
    }

    /// Loads a `.brief` file. The path is kept absolute, so a later save
    /// goes to the same file whatever the working folder.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let (brief, stamp) = io::load_stamped(path)?;
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let mut doc = Document::new(brief, Some(path));
        doc.disk = Some(stamp);
        Ok(doc)
    }

    /// What the file looked like when loaded or last saved.
    pub fn disk_stamp(&self) -> Option<&DiskStamp> {
        self.disk.as_ref()
    }

    /// Whether someone else has changed (or removed) the file since it was
    /// loaded or saved. A document never saved has nothing to compare.
    pub fn disk_change(&self) -> DiskChange {
        match (&self.path, &self.disk) {
            (Some(p), Some(d)) => d.compare(p),
            (Some(p), None) if p.exists() => DiskChange::Changed(DiskStamp {
                len: 0,
                modified: 0,
                hash: 0,
            }),
            _ => DiskChange::Unchanged,
        }
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    pub fn brief(&self) -> &Brief {
        &self.brief
    }

    /// A cheap shared copy for the layout thread.
    pub fn shared(&self) -> Arc<Brief> {
        Arc::clone(&self.brief)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Names this state of the content; changes with every edit, undo and redo.
    pub fn content_id(&self) -> u64 {
        self.content
    }

    pub fn is_dirty(&self) -> bool {
        self.content != self.saved
    }

    /// The file name, or "Untitled".
    pub fn name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(|| "Untitled".into(), |n| n.to_string_lossy().into_owned())
    }

    /// The window title: `NAME — Briefsmith`, with `•` while unsaved.
    pub fn window_title(&self) -> String {
        let marker = if self.is_dirty() { "• " } else { "" };
        let ro = if self.read_only { " (read-only)" } else { "" };
        format!("{marker}{}{ro} — Briefsmith", self.name())
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            brief: (*self.brief).clone(),
            content: self.content,
        }
    }

    fn apply<T>(
        &mut self,
        typing: Option<(FieldKey, bool)>,
        f: impl FnOnce(&mut Brief) -> EditResult<T>,
    ) -> EditResult<T> {
        let before = self.snapshot();
        let brief = Arc::make_mut(&mut self.brief);
        match f(brief) {
            Ok(v) => {
                if *self.brief != before.brief {
                    self.history.record(before, typing, Instant::now());
                    self.content = next_content_id();
                }
                Ok(v)
            }
            Err(e) => {
                self.brief = Arc::new(before.brief);
                Err(e)
            }
        }
    }

    /// A structural edit (add, remove, move, duplicate, a choice): one undo step.
    pub fn edit<T>(&mut self, f: impl FnOnce(&mut Brief) -> EditResult<T>) -> EditResult<T> {
        self.apply(None, f)
    }

    /// Typing into a field, from `old` to `new`: joins the current undo step
    /// until a word ends, the field changes or the typist pauses.
    pub fn edit_text(
        &mut self,
        field: FieldKey,
        old: &str,
        new: &str,
        f: impl FnOnce(&mut Brief, &str) -> EditResult<()>,
    ) -> EditResult<()> {
        let closed = ends_word(old, new);
        self.apply(Some((field, closed)), |b| f(b, new))
    }

    /// A change made by dragging or repeated clicks on one control (a size,
    /// a margin): consecutive changes to the same `field` make one step.
    pub fn edit_field<T>(
        &mut self,
        field: FieldKey,
        f: impl FnOnce(&mut Brief) -> EditResult<T>,
    ) -> EditResult<T> {
        self.apply(Some((field, false)), f)
    }

    /// Ends the current typing step (e.g. when focus leaves a field).
    pub fn break_step(&mut self) {
        self.history.break_step();
    }

    pub fn undo(&mut self) -> bool {
        let current = self.snapshot();
        match self.history.undo(current) {
            Some(s) => {
                self.restore(s);
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        let current = self.snapshot();
        match self.history.redo(current) {
            Some(s) => {
                self.restore(s);
                true
            }
            None => false,
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.brief = Arc::new(s.brief);
        self.content = s.content;
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Saves to `path` (the caller has asked about locks, changes on disk
    /// and replacing files). A read-only document may be saved only to
    /// another file, which it then becomes.
    pub fn save_to(&mut self, path: &Path) -> Result<(), SaveError> {
        if self.read_only && self.path.as_deref().is_some_and(|p| io::same_file(p, path)) {
            return Err(SaveError {
                path: path.to_path_buf(),
                cause: std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "it is open read-only in this window; use Save As to save a copy",
                ),
                backup: None,
            });
        }
        io::save(path, &self.brief)?;
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.disk = Some(DiskStamp::of_bytes(&path, &io::encode(&self.brief)));
        self.path = Some(path);
        self.read_only = false;
        self.saved = self.content;
        Ok(())
    }

    /// Reads the file again, replacing the brief (one undoable step, so a
    /// reload by mistake can be taken back). Marks the document saved.
    pub fn reload(&mut self) -> Result<(), LoadError> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let (brief, stamp) = io::load_stamped(&path)?;
        let before = self.snapshot();
        self.history.record(before, None, Instant::now());
        self.brief = Arc::new(brief);
        self.content = next_content_id();
        self.saved = self.content;
        self.disk = Some(stamp);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EditError;

    #[test]
    fn edits_mark_dirty_and_undo_back_to_saved_is_clean() {
        let mut d = Document::new(Brief::new("T"), None);
        assert!(!d.is_dirty());
        assert_eq!(d.window_title(), "Untitled — Briefsmith");
        let id = d.edit(|b| b.add_section(0, "S")).unwrap_or_default();
        assert!(d.is_dirty());
        assert!(d.window_title().starts_with("• "));
        assert!(d.brief().section(id).is_some());
        assert!(d.undo());
        assert!(!d.is_dirty());
        assert!(d.brief().section(id).is_none());
        assert!(d.redo());
        assert!(d.brief().section(id).is_some());
    }

    #[test]
    fn a_failed_edit_changes_nothing_and_records_nothing() {
        let mut d = Document::new(Brief::new("T"), None);
        let r = d.edit(|b| b.add_section(5, "S"));
        assert!(matches!(r, Err(EditError::OutOfRange { .. })));
        assert!(!d.is_dirty());
        assert!(!d.can_undo());
    }

    #[test]
    fn typing_undoes_word_by_word() {
        let mut d = Document::new(Brief::new(""), None);
        let key = FieldKey::new(None, "title", 0);
        let mut text = String::new();
        for c in "hello world".chars() {
            let old = text.clone();
            text.push(c);
            d.edit_text(key, &old, &text, |b, s| {
                b.meta.title = s.to_string();
                Ok(())
            })
            .ok();
        }
        assert!(d.undo());
        assert_eq!(d.brief().meta.title, "hello ");
        assert!(d.undo());
        assert_eq!(d.brief().meta.title, "");
        assert!(!d.undo());
    }
}
