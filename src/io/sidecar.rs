//! Names of the files Briefsmith keeps beside a document (temporaries,
//! backups, lock files), each within the 255-byte limit on a file name
//! however long the document's own name is, and the sweep that removes
//! temporaries an interrupted write left behind.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The longest file name most file systems take, in bytes.
pub const NAME_MAX: usize = 255;

/// Suffix of in-flight temporary files, so stale ones can be recognised.
/// Temporaries are `.` + random letters + this suffix; older versions
/// named them `.NAME.XXXXXX` + this suffix, which is still recognised.
pub const TEMP_SUFFIX: &str = ".briefsmith-tmp";

/// Temporaries older than this are left over from an interrupted write;
/// younger ones may belong to a write in progress (another window's).
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(60);

/// Random letters in a temporary's name: short, so the name always fits.
pub(crate) const TEMP_RANDOM_LEN: usize = 8;

/// Whether a file name is one of our temporaries, old style or new.
pub fn is_temp_name(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX)
}

/// The file `prefix + NAME + suffix` beside `path`, NAME being the file
/// name of `path`. When that would exceed 255 bytes, NAME is cut at a
/// character boundary and followed by `~` and a hash of the whole name, so
/// two long names that start alike still get different sidecars.
/// Examples: `NAME.bak` for a backup, `.~lock.NAME#` for a lock file.
pub fn sidecar_name(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let name = path.file_name().unwrap_or_default();
    path.with_file_name(fit_name(name, prefix, suffix))
}

fn fit_name(name: &OsStr, prefix: &str, suffix: &str) -> OsString {
    let bytes = name_bytes(name);
    if prefix.len() + bytes.len() + suffix.len() <= NAME_MAX {
        return from_bytes([prefix.as_bytes(), &bytes, suffix.as_bytes()].concat());
    }
    let tag = format!("~{:08x}", stable_hash(&bytes));
    let room = NAME_MAX.saturating_sub(prefix.len() + tag.len() + suffix.len());
    let kept = &bytes[..char_boundary_at_or_before(&bytes, room)];
    from_bytes([prefix.as_bytes(), kept, tag.as_bytes(), suffix.as_bytes()].concat())
}

/// The largest index ≤ `at` that does not split a UTF-8 character.
fn char_boundary_at_or_before(bytes: &[u8], at: usize) -> usize {
    let mut i = at.min(bytes.len());
    // 0b10xx_xxxx continues a character.
    while i > 0 && i < bytes.len() && bytes[i] & 0xC0 == 0x80 {
        i -= 1;
    }
    i
}

/// FNV-1a, folded to 32 bits: the same on every run, platform and Rust
/// version (std's hasher promises none of that), so a file finds its
/// backup again.
fn stable_hash(bytes: &[u8]) -> u32 {
    let h = super::content_hash(bytes);
    (h ^ (h >> 32)) as u32
}

#[cfg(unix)]
fn name_bytes(name: &OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    name.as_bytes().to_vec()
}

#[cfg(unix)]
fn from_bytes(bytes: Vec<u8>) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes)
}

#[cfg(not(unix))]
fn name_bytes(name: &OsStr) -> Vec<u8> {
    name.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn from_bytes(bytes: Vec<u8>) -> OsString {
    String::from_utf8_lossy(&bytes).into_owned().into()
}

/// Removes temporary files left by interrupted writes in `dir` that are
/// older than `age` (younger ones may belong to a write in progress).
/// Returns how many were removed. Every write sweeps its folder with
/// [`STALE_AFTER`]; this is public for a sweep at start-up.
pub fn remove_stale_temps(dir: &Path, age: Duration) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        if !is_temp_name(&e.file_name()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn name_len(p: &Path) -> usize {
        name_bytes(p.file_name().unwrap_or_default()).len()
    }

    #[test]
    fn short_names_are_just_prefix_name_suffix() {
        let p = Path::new("/d/visit.brief");
        assert_eq!(sidecar_name(p, "", ".bak"), Path::new("/d/visit.brief.bak"));
        assert_eq!(
            sidecar_name(p, ".~lock.", "#"),
            Path::new("/d/.~lock.visit.brief#")
        );
    }

    #[test]
    fn long_names_are_cut_at_a_character_and_tagged_with_a_hash() {
        // 249 bytes of three-byte characters and ".brief": 255 bytes.
        let name = format!("{}.brief", "文".repeat(83));
        assert_eq!(name.len(), NAME_MAX);
        let bak = sidecar_name(Path::new(&name), "", ".bak");
        assert!(name_len(&bak) <= NAME_MAX);
        let bak = bak.to_str().expect("still UTF-8: cut at a character");
        assert!(bak.starts_with("文文文") && bak.ends_with(".bak"), "{bak}");
        assert!(bak.contains('~'));
        let lock = sidecar_name(Path::new(&name), ".~lock.", "#");
        assert!(name_len(&lock) <= NAME_MAX);
    }

    #[test]
    fn two_long_names_that_start_alike_get_different_sidecars() {
        let a = format!("{}a.brief", "n".repeat(248));
        let b = format!("{}b.brief", "n".repeat(248));
        let (ba, bb) = (
            sidecar_name(Path::new(&a), "", ".bak"),
            sidecar_name(Path::new(&b), "", ".bak"),
        );
        assert_ne!(ba, bb);
        assert_eq!(name_len(&ba), NAME_MAX);
        // Stable: the same name gives the same sidecar every time.
        assert_eq!(ba, sidecar_name(Path::new(&a), "", ".bak"));
    }

    #[test]
    fn old_and_new_temporaries_are_recognised() {
        assert!(is_temp_name(OsStr::new(
            ".visit.brief.a1B2c3.briefsmith-tmp"
        )));
        assert!(is_temp_name(OsStr::new(".a1B2c3d4.briefsmith-tmp")));
        assert!(!is_temp_name(OsStr::new("visit.briefsmith-tmp")));
        assert!(!is_temp_name(OsStr::new(".visit.brief")));
    }
}
