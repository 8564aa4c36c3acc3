//! What a file looked like when it was loaded or saved (size, modification
//! time, a hash of its bytes), so the editor can tell when another program
//! or window has changed it since — before a save would overwrite that.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

/// A file's state at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskStamp {
    pub len: u64,
    /// Nanoseconds since 1970 (0 where the system gives no time).
    pub modified: u128,
    /// FNV-1a of the bytes: stable across runs, as recovery files keep it.
    pub hash: u64,
}

/// How a file compares with the stamp taken earlier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskChange {
    Unchanged,
    /// Different contents (a new stamp for them).
    Changed(DiskStamp),
    /// Deleted or moved away.
    Missing,
}

fn nanos(t: std::io::Result<SystemTime>) -> u128 {
    t.ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// FNV-1a, 64 bit: fixed across runs, platforms and Rust versions, unlike
/// std's hasher, and plenty for telling two versions of one file apart.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl DiskStamp {
    /// The stamp of `bytes` just read from or written to `path`.
    pub fn of_bytes(path: &Path, bytes: &[u8]) -> DiskStamp {
        let modified = fs::metadata(path).map_or(0, |m| nanos(m.modified()));
        DiskStamp {
            len: bytes.len() as u64,
            modified,
            hash: content_hash(bytes),
        }
    }

    /// Compares the file now with this stamp. Size and time decide when
    /// they match; otherwise the bytes do, so touching a file without
    /// changing it is not a change.
    pub fn compare(&self, path: &Path) -> DiskChange {
        let Ok(meta) = fs::metadata(path) else {
            return DiskChange::Missing;
        };
        if !meta.is_file() {
            return DiskChange::Missing;
        }
        if meta.len() == self.len && nanos(meta.modified()) == self.modified {
            return DiskChange::Unchanged;
        }
        match super::read_limited(path, super::MAX_FILE_BYTES) {
            Ok(bytes) => {
                let now = DiskStamp::of_bytes(path, &bytes);
                if now.hash == self.hash && now.len == self.len {
                    DiskChange::Unchanged
                } else {
                    DiskChange::Changed(now)
                }
            }
            // Too large or unreadable now: certainly not what we loaded.
            Err(_) => DiskChange::Changed(DiskStamp {
                len: meta.len(),
                modified: nanos(meta.modified()),
                hash: 0,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_is_a_change_and_a_touch_is_not() {
        let dir = tempfile::tempdir().expect("dir");
        let p = dir.path().join("a.brief");
        fs::write(&p, b"one").expect("write");
        let stamp = DiskStamp::of_bytes(&p, b"one");
        assert_eq!(stamp.compare(&p), DiskChange::Unchanged);
        // Same bytes, new time: unchanged.
        let f = fs::File::options().write(true).open(&p).expect("open");
        f.set_modified(SystemTime::now() + std::time::Duration::from_secs(5))
            .expect("touch");
        assert_eq!(stamp.compare(&p), DiskChange::Unchanged);
        fs::write(&p, b"two").expect("write");
        assert!(matches!(stamp.compare(&p), DiskChange::Changed(_)));
        fs::remove_file(&p).expect("rm");
        assert_eq!(stamp.compare(&p), DiskChange::Missing);
    }

    #[test]
    fn the_hash_is_fixed_across_runs() {
        assert_eq!(content_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(content_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
