//! Loading and saving `.brief` files: size and encoding checks, decoding
//! with clear messages naming the file, and atomic saves that follow
//! symbolic links, refuse special files and keep the previous version.

mod atomic;
pub mod autosave;
mod existing;
mod format;
pub mod lock;
pub mod process;
pub mod recovery;
mod sidecar;
mod stamp;
mod target;
pub mod viewer;
mod words;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use atomic::{write_atomic, write_atomic_with_mode};
pub use existing::{check_export_target, same_file, sniff, ExportTargetError, FileKind};
pub use format::{decode, encode, DecodeError, CURRENT_VERSION, FORMAT_NAME};
pub use sidecar::{is_temp_name, remove_stale_temps, sidecar_name, NAME_MAX, TEMP_SUFFIX};
pub use stamp::{content_hash, DiskChange, DiskStamp};
pub use words::in_words;

use crate::model::Brief;
use target::Target;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What went wrong loading a file. The cause is part of the message, not
/// the error's `source()`, so a report that prints the whole chain
/// (`briefsmith: …`) says it once.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read: {cause}", path.display())]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}: cannot read: it is {}", path.display(), kind.describe())]
    NotAFile { path: PathBuf, kind: FileKind },
    #[error("{}: file is {size} bytes; briefs over {} MiB are refused", path.display(), MAX_FILE_BYTES / 1024 / 1024)]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}: {cause}", path.display())]
    Decode { path: PathBuf, cause: DecodeError },
}

/// A failed save, said in one sentence: "could not save FILE: CAUSE".
/// The cause is not the error's `source()`: the message already says it in
/// words, and a report that prints the chain would say it twice.
#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {}", .path.display(), save_cause(.cause, .backup.as_deref()))]
pub struct SaveError {
    /// The path the user saved to: for a link, the link, not its target.
    pub path: PathBuf,
    pub cause: std::io::Error,
    /// Set when it was keeping the previous version there that failed.
    pub backup: Option<PathBuf>,
}

fn save_cause(cause: &std::io::Error, backup: Option<&Path>) -> String {
    match backup.and_then(Path::file_name) {
        Some(name) => format!(
            "the previous version could not be kept as {}: {}",
            name.to_string_lossy(),
            in_words(cause)
        ),
        None => in_words(cause),
    }
}

/// Reads a file of at most `limit` bytes, refusing larger ones before reading.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let read_err = |cause| LoadError::Read {
        path: path.to_path_buf(),
        cause,
    };
    // A folder, pipe or device is named as such; opening a pipe to read
    // would wait for a writer that never comes.
    if let Some(kind @ (FileKind::Directory | FileKind::Special)) = existing::kind_on_disk(path) {
        return Err(LoadError::NotAFile {
            path: path.to_path_buf(),
            kind,
        });
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    let size = file.metadata().map_err(read_err)?.len();
    if size > limit {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // A file that grows while we read is still capped.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Reads text, naming the file and the first bad byte if it is not UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, LoadError> {
    let bytes = read_limited(path, limit)?;
    String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Loads a brief, with a message naming the file for anything wrong.
pub fn load(path: &Path) -> Result<Brief, LoadError> {
    load_stamped(path).map(|(brief, _)| brief)
}

/// Loads a brief and notes what the file looked like, so a later save can
/// tell whether someone else has changed it since.
pub fn load_stamped(path: &Path) -> Result<(Brief, DiskStamp), LoadError> {
    let bytes = read_limited(path, MAX_FILE_BYTES)?;
    let stamp = DiskStamp::of_bytes(path, &bytes);
    let text = String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let brief = decode(text).map_err(|cause| LoadError::Decode {
        path: path.to_path_buf(),
        cause,
    })?;
    Ok((brief, stamp))
}

/// Where the previous version of a saved brief is kept: `NAME.brief.bak`,
/// shortened with a hash of the name if that would be too long a name.
/// For a link, pass the file it leads to: the backup goes beside that.
pub fn backup_path(path: &Path) -> PathBuf {
    sidecar_name(path, "", ".bak")
}

/// Saves a brief atomically, keeping the previous version as
/// `NAME.brief.bak` (with the previous version's mode) and reading the
/// result back before reporting success. A symbolic link is followed: the
/// file it leads to is replaced, the link stays, and the backup goes beside
/// that file. Directories, FIFOs, devices and sockets are refused. On
/// failure the old file is untouched.
pub fn save(path: &Path, brief: &Brief) -> Result<(), SaveError> {
    let fail = |cause, backup: Option<PathBuf>| SaveError {
        path: path.to_path_buf(),
        cause,
        backup,
    };
    let bytes = encode(brief);
    let target = Target::resolve(path).map_err(|e| fail(words::bare(e), None))?;
    if let Some(meta) = &target.existing {
        // An unreadable old file gets no backup, but does not stop the save.
        match target::read_regular(&target.path) {
            Ok(old) if old != bytes => {
                let bak = backup_path(&target.path);
                write_atomic_with_mode(&bak, &old, mode_of(meta))
                    .map_err(|e| fail(e, Some(bak)))?;
            }
            _ => {}
        }
    }
    atomic::write_to(&target, &bytes, atomic::Mode::KeepOrUmask).map_err(|e| fail(e, None))
}

#[cfg(unix)]
fn mode_of(meta: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode()
}

#[cfg(not(unix))]
fn mode_of(_meta: &std::fs::Metadata) -> u32 {
    0o644
}
