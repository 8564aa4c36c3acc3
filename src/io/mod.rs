//! Loading and saving `.brief` files: size and encoding checks, decoding
//! with clear messages naming the file, and atomic saves.

mod atomic;
pub mod autosave;
mod format;
mod interim;
pub mod lock;
pub mod process;
pub mod recovery;
mod stamp;
mod existing;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use atomic::{remove_stale_temps, write_atomic, TEMP_SUFFIX};
pub use format::{decode, encode, DecodeError, CURRENT_VERSION, FORMAT_NAME};
pub use interim::{plain_cause, sidecar_name};
pub use stamp::{content_hash, DiskChange, DiskStamp};
pub use existing::{check_export_target, same_file, sniff, ExportTargetError, FileKind};

use crate::model::Brief;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: file is {size} bytes; briefs over {} MiB are refused", path.display(), MAX_FILE_BYTES / 1024 / 1024)]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}: {source}", path.display())]
    Decode { path: PathBuf, source: DecodeError },
}

#[derive(Debug, thiserror::Error)]
#[error("could not save {}: {source}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Reads a file of at most `limit` bytes, refusing larger ones before reading.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let read_err = |source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    };
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
    let brief = decode(text).map_err(|source| LoadError::Decode {
        path: path.to_path_buf(),
        source,
    })?;
    Ok((brief, stamp))
}

/// Where the previous version of a saved brief is kept: `NAME.brief.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Temporaries older than this are left over from an interrupted write.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Saves a brief atomically, keeping the previous version as
/// `NAME.brief.bak` and reading the result back before reporting success.
/// On failure the old file is untouched.
pub fn save(path: &Path, brief: &Brief) -> Result<(), SaveError> {
    let err = |p: &Path| {
        let p = p.to_path_buf();
        move |source| SaveError { path: p, source }
    };
    let bytes = encode(brief);
    if let Some(dir) = path.parent() {
        remove_stale_temps(
            if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            },
            STALE_AFTER,
        );
    }
    match std::fs::read(path) {
        Ok(old) if old != bytes => {
            let bak = backup_path(path);
            write_atomic(&bak, &old).map_err(err(&bak))?;
        }
        _ => {}
    }
    write_atomic(path, &bytes).map_err(err(path))
}
