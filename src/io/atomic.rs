//! The one way Briefsmith writes a file: a temporary file in the target's
//! folder, synced, renamed over the target, folder synced. A reader (or a
//! crash) sees the old file or the new one, never half of either.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Suffix of in-flight temporary files, so stale ones can be recognised.
pub const TEMP_SUFFIX: &str = ".briefsmith-tmp";

/// Writes `bytes` to `path` atomically. On error the target is untouched and
/// no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", name.to_string_lossy()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    if let Ok(meta) = fs::metadata(path) {
        // Keep the permissions the user gave the file.
        let _ = fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // On failure `persist` hands the temp file back; dropping it deletes it.
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
