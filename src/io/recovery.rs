//! Crash recovery: unsaved work is written to a recovery folder (the
//! platform's data folder, `BRIEFSMITH_RECOVERY_DIR` to override), one file
//! a window's document, untitled ones too, private to the user (files 0600
//! in a 0700 folder). Each window has its own files, so two windows on one
//! brief never share or delete each other's. The next start lists what a
//! crashed or killed run left behind; a clean exit or a save removes it.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::write_atomic_with_mode;
use super::format::{decode, encode};
use super::process;
use super::sidecar::remove_stale_temps;
use super::stamp::DiskStamp;
use crate::model::Brief;

const SUFFIX: &str = ".recovery.json";
const FORMAT: &str = "briefsmith-recovery";

/// One recovered document as stored on disk.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    format: String,
    /// Where the document was saved, if it ever was: an absolute path, so
    /// restoring from another working folder saves to the same file.
    original: Option<PathBuf>,
    /// What that file looked like when it was loaded or last saved.
    #[serde(default)]
    loaded: Option<DiskStamp>,
    title: String,
    /// Seconds since 1970 when this copy was written.
    saved_at: i64,
    /// The process that wrote it: a live process still owns its file.
    pid: u32,
    /// The brief in the ordinary file format.
    brief: serde_json::Value,
}

/// A brief a previous run left unsaved.
#[derive(Debug, Clone)]
pub struct Recovered {
    pub key: String,
    pub original: Option<PathBuf>,
    pub loaded: Option<DiskStamp>,
    pub title: String,
    pub saved_at: i64,
    pub brief: Brief,
}

impl Recovered {
    /// "Untitled" or the file name, for the restore prompt.
    pub fn name(&self) -> String {
        match &self.original {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            None => format!("{} (untitled)", self.title),
        }
    }
}

#[derive(Debug, Clone)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// A key naming one window's document in the store: the file (when there
/// is one), the process, the window and the document's number in it, so
/// two windows on one brief each have their own recovery file.
pub fn key_for(original: Option<&Path>, window: &str, number: u64) -> String {
    let pid = std::process::id();
    match original {
        Some(p) => {
            let p = fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            let hash = super::content_hash(p.to_string_lossy().as_bytes());
            format!("file-{hash:016x}-{pid}-{window}-{number}")
        }
        None => format!("untitled-{pid}-{window}-{number}"),
    }
}

/// Makes the recovery folder (and only it) private: 0700. A folder that is
/// not ours, or a shared one such as /tmp (sticky), is left alone.
#[cfg(unix)]
fn make_private(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    match fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let meta = fs::metadata(dir)?;
    if !meta.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            "it is not a folder",
        ));
    }
    let ours = fs::metadata("/proc/self").map_or(true, |me| me.uid() == meta.uid());
    let sticky = meta.mode() & 0o1000 != 0;
    if ours && !sticky && meta.mode() & 0o077 != 0 {
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}

impl RecoveryStore {
    /// The default folder: `BRIEFSMITH_RECOVERY_DIR`, else the platform's
    /// data folder.
    pub fn default_dir() -> Option<PathBuf> {
        if let Some(d) = std::env::var_os("BRIEFSMITH_RECOVERY_DIR") {
            return Some(PathBuf::from(d));
        }
        dirs::data_dir().map(|d| d.join("briefsmith").join("recovery"))
    }

    /// Opens (creating) the store and removes stale temporary files.
    pub fn open(dir: PathBuf) -> std::io::Result<RecoveryStore> {
        make_private(&dir)?;
        remove_stale_temps(&dir, std::time::Duration::from_secs(60));
        Ok(RecoveryStore { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}{SUFFIX}"))
    }

    /// Writes the current state of a document, atomically.
    pub fn write(&self, key: &str, original: Option<&Path>, brief: &Brief) -> std::io::Result<()> {
        self.write_stamped(key, original, None, brief)
    }

    /// Writes the current state of a document and what its file looked
    /// like when loaded, so a restored brief still notices later changes.
    pub fn write_stamped(
        &self,
        key: &str,
        original: Option<&Path>,
        loaded: Option<&DiskStamp>,
        brief: &Brief,
    ) -> std::io::Result<()> {
        let brief_value: serde_json::Value =
            serde_json::from_slice(&encode(brief)).map_err(std::io::Error::other)?;
        let original = match original {
            Some(p) => Some(std::path::absolute(p)?),
            None => None,
        };
        let stored = Stored {
            format: FORMAT.into(),
            original,
            loaded: loaded.cloned(),
            title: brief.meta.title.clone(),
            saved_at: chrono::Utc::now().timestamp(),
            pid: std::process::id(),
            brief: brief_value,
        };
        let bytes = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
        let path = self.path(key);
        // Private whatever the umask: it holds a brief's unsaved text.
        write_atomic_with_mode(&path, &bytes, 0o600)
    }

    /// Removes a document's recovery file (after a save or a clean close).
    pub fn remove(&self, key: &str) {
        let _ = fs::remove_file(self.path(key));
    }

    /// What earlier runs that are no longer running left behind, newest
    /// first. Unreadable files are skipped and reported in the second list.
    pub fn orphans(&self) -> (Vec<Recovered>, Vec<String>) {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return (found, problems);
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let Some(key) = name.strip_suffix(SUFFIX) else {
                continue;
            };
            let parsed = super::read_text(&e.path(), super::MAX_FILE_BYTES * 2)
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    serde_json::from_str::<Stored>(&t)
                        .map_err(|err| format!("{}: {err}", e.path().display()))
                })
                .and_then(|s| {
                    let brief = decode(&s.brief.to_string())
                        .map_err(|err| format!("{}: {err}", e.path().display()))?;
                    Ok((s, brief))
                });
            match parsed {
                Ok((s, _)) if process::alive(s.pid) => {}
                Ok((s, brief)) => found.push(Recovered {
                    key: key.to_string(),
                    original: s.original,
                    loaded: s.loaded,
                    title: s.title,
                    saved_at: s.saved_at,
                    brief,
                }),
                Err(msg) => problems.push(msg),
            }
        }
        found.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(a.key.cmp(&b.key)));
        (found, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_file_from(pid: u32) -> (tempfile::TempDir, RecoveryStore) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = RecoveryStore::open(dir.path().join("r")).expect("store");
        store
            .write("untitled-x-1", None, &Brief::new("Left behind"))
            .expect("write");
        let path = store.path("untitled-x-1");
        let text = fs::read_to_string(&path).expect("read");
        let text = text.replace(
            &format!("\"pid\":{}", std::process::id()),
            &format!("\"pid\":{pid}"),
        );
        fs::write(&path, text).expect("write");
        (dir, store)
    }

    #[test]
    fn a_live_run_keeps_its_files_but_a_reused_pid_does_not() {
        // This process is alive and is "us": not an orphan.
        let (_d, store) = store_with_file_from(std::process::id());
        assert!(store.orphans().0.is_empty());
        // Another program now holding the pid: the file is an orphan.
        let mut other = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("sleep");
        let (_d2, store) = store_with_file_from(other.id());
        let (found, _) = store.orphans();
        let _ = other.kill();
        let _ = other.wait();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].brief.meta.title, "Left behind");
    }
}
