//! Crash safety in the window: unsaved changes are handed to the
//! autosaver (written to the recovery folder once typing pauses), dropped
//! again on save or a deliberate discard, and what an earlier run left
//! behind is offered for restoring at start-up.

use std::path::PathBuf;
use std::time::Duration;

use super::dialogs::Dialog;
use super::EditorApp;
use crate::editor::Document;
use crate::io::autosave::Autosaver;
use crate::io::recovery::{key_for, Recovered, RecoveryStore};

/// How long the document must be quiet before its recovery copy is written.
const QUIET: Duration = Duration::from_secs(2);

/// The autosaver and what it knows about the open document.
#[derive(Default)]
pub struct Recovery {
    autosaver: Option<Autosaver>,
    key: String,
    /// Content id last reported to the autosaver.
    reported: Option<u64>,
    untitled: u64,
}

impl Recovery {
    /// Opens the recovery folder; returns what earlier runs left there.
    pub fn start(dir: Option<PathBuf>) -> (Recovery, Vec<Recovered>, Vec<String>) {
        let Some(store) = dir.and_then(|d| RecoveryStore::open(d).ok()) else {
            return (Recovery::default(), Vec::new(), Vec::new());
        };
        let (found, problems) = store.orphans();
        let autosaver = Autosaver::start(store, QUIET);
        // A panic anywhere still leaves the latest edits in the recovery folder.
        autosaver.install_panic_hook();
        let recovery = Recovery {
            autosaver: Some(autosaver),
            ..Recovery::default()
        };
        (recovery, found, problems)
    }

    /// A new document is open: its recovery copy gets a key of its own.
    pub fn document_changed(&mut self, doc: &Document) {
        self.untitled += 1;
        self.key = key_for(doc.path(), self.untitled);
        self.reported = Some(doc.content_id());
    }

    /// Reports an edit, or that the document is clean again.
    pub fn track(&mut self, doc: &Document) {
        if self.reported == Some(doc.content_id()) {
            return;
        }
        self.reported = Some(doc.content_id());
        if let Some(a) = &self.autosaver {
            if doc.is_dirty() {
                a.edited(&self.key, doc.path().map(PathBuf::from), doc.shared());
            } else {
                a.forget(&self.key);
            }
        }
    }

    /// Saved or deliberately discarded: no recovery copy is needed.
    pub fn forget(&mut self) {
        if let Some(a) = &self.autosaver {
            a.forget(&self.key);
        }
    }

    pub fn remove(&self, key: &str) {
        if let Some(a) = &self.autosaver {
            a.store().remove(key);
        }
    }
}

impl EditorApp {
    /// Offers what an earlier run left unsaved.
    pub(super) fn offer_recovered(&mut self, found: Vec<Recovered>, problems: Vec<String>) {
        for p in problems {
            self.error(format!("A recovery file could not be read: {p}"));
        }
        if !found.is_empty() {
            self.dialog = Some(Dialog::Recover(found));
        }
    }

    /// Opens a recovered brief as an unsaved document.
    pub(super) fn restore(&mut self, r: Recovered) {
        let name = r.name();
        self.recovery.remove(&r.key);
        self.set_document(Document::restored(r.brief, r.original));
        self.info(format!(
            "Restored unsaved work: {name}. Save it to keep it."
        ));
    }

    pub(super) fn discard_recovered(&mut self, found: &[Recovered]) {
        for r in found {
            self.recovery.remove(&r.key);
        }
    }
}
