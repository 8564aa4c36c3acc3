//! Crash safety in the window: unsaved changes are handed to the
//! autosaver (written to the recovery folder once typing pauses), dropped
//! again on save or a deliberate discard, and what an earlier run left
//! behind is offered for restoring at start-up. When the recovery folder
//! cannot be written, the status bar says that crash recovery is off and
//! why, and opening it is tried again every few seconds.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::dialogs::Dialog;
use super::EditorApp;
use crate::editor::Document;
use crate::io::autosave::{Autosaver, Entry, RETRY};
use crate::io::lock::{self, LockError};
use crate::io::recovery::{key_for, Recovered, RecoveryStore};

/// How long the document must be quiet before its recovery copy is written.
const QUIET: Duration = Duration::from_secs(2);

/// The autosaver and what it knows about the open document.
#[derive(Default)]
pub struct Recovery {
    autosaver: Option<Autosaver>,
    /// The folder asked for, while it could not be opened.
    dir: Option<PathBuf>,
    /// Why the folder could not be opened, and when that was last tried.
    open_failed: Option<(String, Instant)>,
    key: String,
    /// Names this window in recovery keys.
    window: String,
    /// Content id last reported to the autosaver.
    reported: Option<u64>,
    untitled: u64,
}

fn open_store(dir: &std::path::Path) -> Result<RecoveryStore, String> {
    RecoveryStore::open(dir.to_path_buf()).map_err(|e| {
        format!(
            "cannot use the recovery folder {}: {}",
            dir.display(),
            crate::io::in_words(&e)
        )
    })
}

impl Recovery {
    /// Opens the recovery folder; returns what earlier runs left there.
    pub fn start(dir: Option<PathBuf>, window: String) -> (Recovery, Vec<Recovered>, Vec<String>) {
        let mut recovery = Recovery {
            window,
            ..Recovery::default()
        };
        let Some(dir) = dir else {
            return (recovery, Vec::new(), Vec::new());
        };
        match open_store(&dir) {
            Ok(store) => {
                let (found, problems) = store.orphans();
                recovery.start_autosaver(store);
                (recovery, found, problems)
            }
            Err(why) => {
                recovery.dir = Some(dir);
                recovery.open_failed = Some((why, Instant::now()));
                (recovery, Vec::new(), Vec::new())
            }
        }
    }

    fn start_autosaver(&mut self, store: RecoveryStore) {
        let autosaver = Autosaver::start(store, QUIET);
        // A panic anywhere still leaves the latest edits in the recovery folder.
        autosaver.install_panic_hook();
        self.autosaver = Some(autosaver);
        self.dir = None;
        self.open_failed = None;
    }

    /// Tries the folder again once the retry time has passed.
    fn retry_open(&mut self) {
        let Some(dir) = self.dir.clone() else {
            return;
        };
        if self
            .open_failed
            .as_ref()
            .is_some_and(|(_, at)| at.elapsed() < RETRY)
        {
            return;
        }
        match open_store(&dir) {
            Ok(store) => {
                self.start_autosaver(store);
                // Whatever is unsaved now gets written.
                self.reported = None;
            }
            Err(why) => self.open_failed = Some((why, Instant::now())),
        }
    }

    /// Why crash recovery is not working, while it is not.
    pub fn problem(&self) -> Option<String> {
        if let Some((why, _)) = &self.open_failed {
            return Some(why.clone());
        }
        self.autosaver.as_ref().and_then(Autosaver::problem)
    }

    /// A new document is open: its recovery copy gets a key of its own.
    pub fn document_changed(&mut self, doc: &Document) {
        self.untitled += 1;
        self.key = key_for(doc.path(), &self.window, self.untitled);
        self.reported = Some(doc.content_id());
    }

    /// Reports an edit, or that the document is clean again.
    pub fn track(&mut self, doc: &Document) {
        self.retry_open();
        if self.reported == Some(doc.content_id()) {
            return;
        }
        let Some(a) = &self.autosaver else {
            return;
        };
        self.reported = Some(doc.content_id());
        if doc.is_dirty() {
            a.edited(
                &self.key,
                Entry {
                    original: doc.path().map(PathBuf::from),
                    loaded: doc.disk_stamp().cloned(),
                    brief: doc.shared(),
                },
            );
        } else {
            a.forget(&self.key);
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
            // After any question already asked (a brief open elsewhere).
            self.later.push(Dialog::Recover(found));
        }
    }

    /// Opens a recovered brief as an unsaved document, saved (when it is
    /// saved) to the file it came from, wherever Briefsmith now runs.
    pub(super) fn restore(&mut self, r: Recovered) {
        let name = r.name();
        self.recovery.remove(&r.key);
        let mut doc = Document::restored(r.brief, r.original.clone(), r.loaded);
        let mut held = None;
        let lock = match &r.original {
            Some(path) if path.exists() => match lock::acquire(path, &self.window) {
                Ok(l) => Some(l),
                Err(LockError::Held { owner, .. }) => {
                    doc.set_read_only(true);
                    held = Some(owner.describe());
                    None
                }
                Err(_) => None,
            },
            _ => None,
        };
        self.set_document(doc, lock);
        match held {
            Some(who) => self.error(format!(
                "Restored unsaved work: {name}. The file is open in another window ({who}), so this copy is read-only: Save As keeps it."
            )),
            None => self.info(format!("Restored unsaved work: {name}. Save it to keep it.")),
        }
    }

    pub(super) fn discard_recovered(&mut self, found: &[Recovered]) {
        for r in found {
            self.recovery.remove(&r.key);
        }
    }
}
