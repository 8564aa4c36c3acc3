//! Autosave: the editor reports every change; a background thread writes
//! the latest state to the recovery store once a document has been quiet
//! for a moment, so typing never waits on the disk. A write that fails is
//! tried again a few seconds later, and the failure is reported (crash
//! recovery is off until a write succeeds). A panic hook can flush
//! whatever is still pending synchronously.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::recovery::RecoveryStore;
use super::stamp::DiskStamp;
use crate::model::Brief;

/// How soon a failed recovery write is tried again.
pub const RETRY: Duration = Duration::from_secs(5);

/// One document's state as it should be written.
#[derive(Clone)]
pub struct Entry {
    /// Where the document is saved, if anywhere.
    pub original: Option<PathBuf>,
    /// What that file looked like when loaded or last saved.
    pub loaded: Option<DiskStamp>,
    pub brief: Arc<Brief>,
}

struct Pending {
    entry: Entry,
    due: Instant,
}

/// The last write's failure, shared with the window's status bar.
type Problem = Arc<Mutex<Option<String>>>;

enum Msg {
    /// Something was added to `pending`: recompute the next deadline.
    Wake,
    Forget(String),
    Stop,
}

pub struct Autosaver {
    tx: Sender<Msg>,
    pending: Arc<Mutex<HashMap<String, Pending>>>,
    store: RecoveryStore,
    thread: Option<JoinHandle<()>>,
    delay: Duration,
    problem: Problem,
}

impl Autosaver {
    /// Starts the writer thread; a document is written `delay` after its
    /// last change.
    pub fn start(store: RecoveryStore, delay: Duration) -> Autosaver {
        Self::start_inner(store, delay)
    }

    fn start_inner(store: RecoveryStore, delay: Duration) -> Autosaver {
        let (tx, rx) = channel::<Msg>();
        let pending: Arc<Mutex<HashMap<String, Pending>>> = Arc::default();
        let problem: Problem = Arc::default();
        let shared = pending.clone();
        let writer = store.clone();
        let report = problem.clone();
        let thread = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || loop {
                let next_due = shared
                    .lock()
                    .ok()
                    .and_then(|p| p.values().map(|v| v.due).min());
                let wait = next_due
                    .map(|d| d.saturating_duration_since(Instant::now()))
                    .unwrap_or(Duration::from_secs(3600));
                match rx.recv_timeout(wait) {
                    Ok(Msg::Wake) => {}
                    Ok(Msg::Forget(key)) => {
                        if let Ok(mut p) = shared.lock() {
                            p.remove(&key);
                        }
                        writer.remove(&key);
                    }
                    Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => break,
                    Err(RecvTimeoutError::Timeout) => {}
                }
                let now = Instant::now();
                let due: Vec<(String, Entry)> = match shared.lock() {
                    Ok(mut p) => {
                        let keys: Vec<String> = p
                            .iter()
                            .filter(|(_, v)| v.due <= now)
                            .map(|(k, _)| k.clone())
                            .collect();
                        keys.into_iter()
                            .filter_map(|k| p.remove(&k).map(|v| (k, v.entry)))
                            .collect()
                    }
                    Err(_) => Vec::new(),
                };
                for (key, entry) in due {
                    match write(&writer, &key, &entry) {
                        Ok(()) => set_problem(&report, None),
                        Err(why) => {
                            // A failed recovery write must not stop the
                            // editor: say so, and try again soon unless a
                            // newer state has arrived meanwhile.
                            set_problem(&report, Some(why));
                            if let Ok(mut p) = shared.lock() {
                                p.entry(key).or_insert(Pending {
                                    entry,
                                    due: Instant::now() + RETRY,
                                });
                            }
                        }
                    }
                }
            })
            .ok();
        Autosaver {
            tx,
            pending,
            store,
            thread,
            delay,
            problem,
        }
    }

    /// Reports that a document changed; it is written once quiet.
    /// The latest state is kept at once, so a panic hook can flush it.
    pub fn edited(&self, key: &str, entry: Entry) {
        if let Ok(mut p) = self.pending.lock() {
            let due = Instant::now() + self.delay;
            p.insert(key.to_string(), Pending { entry, due });
        }
        let _ = self.tx.send(Msg::Wake);
    }

    /// Why the last recovery write failed, while writes keep failing.
    pub fn problem(&self) -> Option<String> {
        self.problem.lock().ok().and_then(|p| p.clone())
    }

    /// The document was saved or closed cleanly: drop its recovery copy.
    pub fn forget(&self, key: &str) {
        if let Ok(mut p) = self.pending.lock() {
            p.remove(key);
        }
        let _ = self.tx.send(Msg::Forget(key.to_string()));
    }

    /// Writes everything still pending now, on the calling thread (for a
    /// panic hook or before exit). Never blocks on a poisoned or held lock.
    pub fn flush_now(&self) {
        flush(&self.pending, &self.store);
    }

    /// Makes a panic anywhere in the process write every pending document
    /// to the recovery folder before the process ends. The previous hook
    /// (the panic message) still runs afterwards.
    pub fn install_panic_hook(&self) {
        let pending = Arc::downgrade(&self.pending);
        let store = self.store.clone();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Some(p) = pending.upgrade() {
                flush(&p, &store);
            }
            previous(info);
        }));
    }

    pub fn store(&self) -> &RecoveryStore {
        &self.store
    }
}

fn write(store: &RecoveryStore, key: &str, e: &Entry) -> Result<(), String> {
    store
        .write_stamped(key, e.original.as_deref(), e.loaded.as_ref(), &e.brief)
        .map_err(|err| {
            format!(
                "cannot write to {}: {}",
                store.dir().display(),
                super::in_words(&err)
            )
        })
}

fn set_problem(problem: &Problem, value: Option<String>) {
    if let Ok(mut p) = problem.lock() {
        *p = value;
    }
}

fn flush(pending: &Mutex<HashMap<String, Pending>>, store: &RecoveryStore) {
    // try_lock: a panic while the lock is held must not deadlock the hook.
    let drained: Vec<(String, Entry)> = match pending.try_lock() {
        Ok(mut p) => p.drain().map(|(k, v)| (k, v.entry)).collect(),
        Err(_) => return,
    };
    for (key, entry) in drained {
        let _ = write(store, &key, &entry);
    }
}

impl Drop for Autosaver {
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait_for(mut done: impl FnMut() -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if done() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    #[test]
    fn a_failed_write_is_reported_and_retried_until_it_succeeds() {
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path().join("recovery");
        let store = RecoveryStore::open(folder.clone()).expect("store");
        // The folder disappears and a file takes its place (a full or
        // unmounted disk looks the same to the writer).
        std::fs::remove_dir(&folder).expect("rm");
        std::fs::write(&folder, "in the way").expect("write");
        let saver = Autosaver::start(store, Duration::from_millis(10));
        let entry = Entry {
            original: None,
            loaded: None,
            brief: Arc::new(Brief::new("Kept for later")),
        };
        saver.edited("untitled-x", entry);
        assert!(wait_for(|| saver.problem().is_some()));
        let why = saver.problem().unwrap_or_default();
        assert!(
            why.starts_with(&format!("cannot write to {}", folder.display())),
            "{why}"
        );
        std::fs::remove_file(&folder).expect("rm");
        std::fs::create_dir(&folder).expect("mkdir");
        assert!(wait_for(|| saver.problem().is_none()));
        let written = std::fs::read_to_string(folder.join("untitled-x.recovery.json"))
            .expect("written after the retry");
        assert!(written.contains("Kept for later"));
    }
}
