//! Autosave: the editor reports every change; a background thread writes
//! the latest state to the recovery store once a document has been quiet
//! for a moment, so typing never waits on the disk. A panic hook can flush
//! whatever is still pending synchronously.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::recovery::RecoveryStore;
use crate::model::Brief;

struct Pending {
    original: Option<PathBuf>,
    brief: Arc<Brief>,
    due: Instant,
}

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
        let shared = pending.clone();
        let writer = store.clone();
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
                let due: Vec<(String, Option<PathBuf>, Arc<Brief>)> = match shared.lock() {
                    Ok(mut p) => {
                        let keys: Vec<String> = p
                            .iter()
                            .filter(|(_, v)| v.due <= now)
                            .map(|(k, _)| k.clone())
                            .collect();
                        keys.into_iter()
                            .filter_map(|k| p.remove(&k).map(|v| (k, v.original, v.brief)))
                            .collect()
                    }
                    Err(_) => Vec::new(),
                };
                for (key, original, brief) in due {
                    // A failed recovery write must not stop the editor; the
                    // next change tries again.
                    let _ = writer.write(&key, original.as_deref(), &brief);
                }
            })
            .ok();
        Autosaver {
            tx,
            pending,
            store,
            thread,
            delay,
        }
    }

    /// Reports that a document changed; it is written once quiet.
    /// The latest state is kept at once, so a panic hook can flush it.
    pub fn edited(&self, key: &str, original: Option<PathBuf>, brief: Arc<Brief>) {
        if let Ok(mut p) = self.pending.lock() {
            let due = Instant::now() + self.delay;
            p.insert(
                key.to_string(),
                Pending {
                    original,
                    brief,
                    due,
                },
            );
        }
        let _ = self.tx.send(Msg::Wake);
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

fn flush(pending: &Mutex<HashMap<String, Pending>>, store: &RecoveryStore) {
    // try_lock: a panic while the lock is held must not deadlock the hook.
    let drained: Vec<(String, Option<PathBuf>, Arc<Brief>)> = match pending.try_lock() {
        Ok(mut p) => p.drain().map(|(k, v)| (k, v.original, v.brief)).collect(),
        Err(_) => return,
    };
    for (key, original, brief) in drained {
        let _ = store.write(&key, original.as_deref(), &brief);
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
