//! The one way Briefsmith writes a file: a temporary file in the target's
//! folder, synced, renamed over the target, folder synced, then read back
//! and compared. A reader (or a crash) sees the old file or the new one,
//! never half of either. Stale temporaries from an interrupted write are
//! recognised by their suffix and removed later.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

/// Suffix of in-flight temporary files, so stale ones can be recognised.
pub const TEMP_SUFFIX: &str = ".briefsmith-tmp";

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically and checks what landed on disk. On
/// error the target is untouched (or, if only the check failed, holds
/// whatever the disk returned) and no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", name.to_string_lossy()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    match fs::metadata(path) {
        // Keep the permissions the user gave the file.
        Ok(meta) => {
            let _ = fs::set_permissions(tmp.path(), meta.permissions());
        }
        // A new file gets the usual rw-r--r--, not the private mode of a
        // temporary file.
        Err(_) => set_new_file_mode(tmp.path()),
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // On failure `persist` hands the temp file back; dropping it deletes it.
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)?;
    if fs::read(path)? != bytes {
        return Err(io::Error::other(
            "the file read back differs from what was written",
        ));
    }
    Ok(())
}

/// Removes temporary files left by interrupted writes in `dir` that are
/// older than `age` (younger ones may belong to a write in progress).
/// Returns how many were removed.
pub fn remove_stale_temps(dir: &Path, age: Duration) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|d| d >= age);
        if old && e.file_type().is_ok_and(|t| t.is_file()) && fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(unix)]
fn set_new_file_mode(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn set_new_file_mode(_path: &Path) {}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
