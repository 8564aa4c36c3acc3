//! Lays out pages off the UI thread: the UI hands over the brief whenever
//! its content id changes; a worker thread lays out the newest one (skipping
//! any it has been overtaken by) and hands back the pages, waking the UI.
//! Typing never waits for layout. The thread owns the layout cache, so a
//! keystroke re-lays only the part of the brief it touched.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::layout::{Document, LayoutCache};
use crate::model::Brief;

/// A layout engine: brief in, pages out, with the cache its caller keeps.
pub type LayoutFn = fn(&Brief, &mut LayoutCache) -> Document;

/// The real layout engine with the brief's own style; overdue
/// commitments are judged against today's date.
pub fn engine_layout(brief: &Brief, cache: &mut LayoutCache) -> Document {
    let options = crate::layout::LayoutOptions {
        today: Some(chrono::Local::now().date_naive()),
    };
    crate::layout::layout_cached(brief, &options, cache)
}

struct Done {
    content: u64,
    doc: Option<Arc<Document>>,
    took: Duration,
}

pub struct LayoutWorker {
    jobs: Sender<(u64, Arc<Brief>)>,
    done: Receiver<Done>,
    requested: Option<u64>,
    latest: Option<(u64, Arc<Document>)>,
    last_took: Duration,
    failed: Option<u64>,
}

impl LayoutWorker {
    pub fn new(ctx: egui::Context, layout: LayoutFn) -> Self {
        let (jobs, job_rx) = channel::<(u64, Arc<Brief>)>();
        let (done_tx, done) = channel();
        let spawned = std::thread::Builder::new()
            .name("layout".into())
            .spawn(move || {
                let mut cache = LayoutCache::default();
                while let Ok(mut job) = job_rx.recv() {
                    // Only the newest brief matters.
                    while let Ok(newer) = job_rx.try_recv() {
                        job = newer;
                    }
                    let start = Instant::now();
                    let doc = catch_unwind(AssertUnwindSafe(|| layout(&job.1, &mut cache))).ok();
                    if doc.is_none() {
                        // A panic may have left the cache half-updated.
                        cache = LayoutCache::default();
                    }
                    let result = Done {
                        content: job.0,
                        doc: doc.map(Arc::new),
                        took: start.elapsed(),
                    };
                    if done_tx.send(result).is_err() {
                        break;
                    }
                    ctx.request_repaint();
                }
            });
        if spawned.is_err() {
            // Without a thread the preview stays empty; the editor still works.
            eprintln!("briefsmith: could not start the layout thread");
        }
        LayoutWorker {
            jobs,
            done,
            requested: None,
            latest: None,
            last_took: Duration::ZERO,
            failed: None,
        }
    }

    /// Asks for a layout of `brief` unless this content was already asked for.
    pub fn request(&mut self, content: u64, brief: Arc<Brief>) {
        if self.requested != Some(content) {
            self.requested = Some(content);
            // A closed channel means the thread is gone; nothing to do then.
            self.jobs.send((content, brief)).ok();
        }
    }

    /// Takes in finished layouts.
    pub fn poll(&mut self) {
        while let Ok(done) = self.done.try_recv() {
            self.last_took = done.took;
            match done.doc {
                Some(doc) => {
                    self.latest = Some((done.content, doc));
                    self.failed = None;
                }
                None => self.failed = Some(done.content),
            }
        }
    }

    /// Waits up to `timeout` for the layout of `content` (tests, benchmark).
    pub fn wait_for(&mut self, content: u64, timeout: Duration) -> bool {
        let start = Instant::now();
        while !self.is_current(content) && start.elapsed() < timeout {
            match self
                .done
                .recv_timeout(timeout.saturating_sub(start.elapsed()))
            {
                Ok(done) => {
                    self.last_took = done.took;
                    if let Some(doc) = done.doc {
                        self.latest = Some((done.content, doc));
                    }
                }
                Err(_) => break,
            }
        }
        self.is_current(content)
    }

    /// The latest pages, shared (cheap to clone).
    pub fn shared_document(&self) -> Option<Arc<Document>> {
        self.latest.as_ref().map(|(_, d)| Arc::clone(d))
    }

    pub fn document(&self) -> Option<&Document> {
        self.latest.as_ref().map(|(_, d)| d.as_ref())
    }

    pub fn is_current(&self, content: u64) -> bool {
        self.latest.as_ref().is_some_and(|(c, _)| *c == content)
    }

    /// True when laying out `content` panicked (a bug in the engine).
    pub fn failed(&self, content: u64) -> bool {
        self.failed == Some(content)
    }

    pub fn last_duration(&self) -> Duration {
        self.last_took
    }
}
