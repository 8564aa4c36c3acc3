//! Finding and reading the briefs of a register: folders searched
//! recursively for `.brief` files, files read on several threads, and a
//! file that cannot be read named, not fatal.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::{Failure, LoadedBrief};
use crate::io;

/// Why a path given to the register yielded no brief list.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: cannot list folder: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: no such file or folder", path.display())]
    Missing { path: PathBuf },
}

/// The files to read for `paths`: each file as given; for each folder its
/// `.brief` files, found recursively, sorted by path (our temporaries and
/// backups are not briefs). Unlistable folders are reported.
pub fn find_briefs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ReadError>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(p, &mut found, &mut errors, 0);
                found.sort();
                files.extend(found);
            }
            Ok(_) => files.push(p.clone()),
            // Not there (or a broken link): reading it says why.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(ReadError::Missing { path: p.clone() })
            }
            Err(_) => files.push(p.clone()),
        }
    }
    (files, errors)
}

/// Folders nested deeper than this are not searched (a link loop).
const MAX_DEPTH: usize = 32;

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<ReadError>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(ReadError::Folder {
                path: dir.to_path_buf(),
                source,
            });
            return;
        }
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name();
        if io::is_temp_name(&name) {
            continue;
        }
        let is_dir = std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
        if is_dir {
            walk(&path, out, errors, depth + 1);
        } else if path.extension().is_some_and(|x| x == "brief") {
            out.push(path);
        }
    }
}

/// Reads every brief of `paths`, in order, on up to one thread per core.
/// Calls `progress(done, total)` after each file.
pub fn read_briefs(
    paths: &[PathBuf],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Vec<LoadedBrief>, Vec<Failure>) {
    let (files, errors) = find_briefs(paths);
    let total = files.len();
    let results: Vec<Mutex<Option<Result<LoadedBrief, Failure>>>> =
        files.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
        .min(total.max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let r = match io::load(path) {
                    Ok(brief) => Ok(LoadedBrief {
                        path: path.clone(),
                        brief,
                    }),
                    Err(e) => Err(Failure {
                        path: path.clone(),
                        message: e.to_string(),
                    }),
                };
                if let Ok(mut slot) = results[i].lock() {
                    *slot = Some(r);
                }
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            });
        }
    });
    let mut briefs = Vec::new();
    let mut failures: Vec<Failure> = errors
        .into_iter()
        .map(|e| Failure {
            path: match &e {
                ReadError::Folder { path, .. } | ReadError::Missing { path } => path.clone(),
            },
            message: e.to_string(),
        })
        .collect();
    for (slot, path) in results.into_iter().zip(&files) {
        match slot.into_inner().ok().flatten() {
            Some(Ok(b)) => briefs.push(b),
            Some(Err(f)) => failures.push(f),
            None => failures.push(Failure {
                path: path.clone(),
                message: format!("{}: could not be read", path.display()),
            }),
        }
    }
    (briefs, failures)
}
