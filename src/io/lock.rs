//! Lock files: while a window has a brief open, `.~lock.NAME#` beside it
//! (LibreOffice's convention) says who has it open, on which machine and
//! since when, so a second window — in this process, another one, or
//! another user's on a shared folder — can warn before two people edit
//! the same brief. A lock left by a process that no longer runs on this
//! machine is stale and replaced.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::process;

const FORMAT: &str = "briefsmith-lock";

/// Lock files are small; anything larger is not one of ours.
const MAX_LOCK_BYTES: u64 = 64 * 1024;

/// Who holds a lock, as written in the lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockOwner {
    #[serde(default)]
    pub format: String,
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// Seconds since 1970 when the brief was opened.
    pub since: i64,
    /// Tells apart two windows of one process.
    pub token: String,
    /// When that process started (clock ticks since boot on Linux, its
    /// creation time on Windows; `None` elsewhere): a pid
    /// reused by a later process does not keep the lock alive.
    #[serde(default)]
    pub started: Option<u64>,
}

impl LockOwner {
    fn me(token: &str) -> LockOwner {
        LockOwner {
            format: FORMAT.into(),
            user: process::user_name(),
            host: process::host_name(),
            pid: std::process::id(),
            since: chrono::Utc::now().timestamp(),
            token: token.to_string(),
            started: process::start_time(std::process::id()),
        }
    }

    /// "j.smith on desk-42 since 2026-11-30 14:05", for the warning.
    pub fn describe(&self) -> String {
        let since = chrono::DateTime::from_timestamp(self.since, 0)
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|| "an unknown time".into());
        format!("{} on {} since {since}", self.user, self.host)
    }

    /// A lock nobody holds any more: written on this machine by a process
    /// that has gone (or whose pid another process now has). Locks from
    /// other machines are never judged stale.
    fn is_stale(&self) -> bool {
        if self.host != process::host_name() {
            return false;
        }
        if !process::running(self.pid) {
            return true;
        }
        match (self.started, process::start_time(self.pid)) {
            (Some(then), Some(now)) => then != now,
            _ => false,
        }
    }
}

/// What is known about a brief's lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockState {
    /// No lock, or a stale one.
    Free,
    /// Held by this window.
    Ours,
    /// Held by another window, here or elsewhere.
    Held(LockOwner),
    /// A lock file that cannot be read as one: someone may hold it.
    Unreadable(String),
}

/// Where the lock file of `brief` lives: beside the file itself (after
/// symbolic links), so every way of naming one brief finds the same lock.
pub fn lock_path(brief: &Path) -> PathBuf {
    let real = fs::canonicalize(brief).unwrap_or_else(|_| brief.to_path_buf());
    super::sidecar_name(&real, ".~lock.", "#")
}

/// Reads the lock state of `brief` as seen by the window `token`.
pub fn inspect(brief: &Path, token: &str) -> LockState {
    let path = lock_path(brief);
    match fs::symlink_metadata(&path) {
        Err(_) => return LockState::Free,
        Ok(m) if !m.is_file() || m.len() > MAX_LOCK_BYTES => {
            return LockState::Unreadable(format!(
                "{} is not a Briefsmith lock file",
                path.display()
            ))
        }
        Ok(_) => {}
    }
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        // Gone between the two looks: nobody holds it.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return LockState::Free,
        Err(e) => return LockState::Unreadable(format!("{}: {e}", path.display())),
    };
    match serde_json::from_str::<LockOwner>(&text) {
        Ok(o) if o.token == token && o.pid == std::process::id() => LockState::Ours,
        Ok(o) if o.is_stale() => LockState::Free,
        Ok(o) => LockState::Held(o),
        Err(_) => LockState::Unreadable(
            libreoffice_owner(&text)
                .unwrap_or_else(|| format!("{} exists but cannot be read", path.display())),
        ),
    }
}

/// LibreOffice writes `,User Name,host,date,profile;`: show who that is.
fn libreoffice_owner(text: &str) -> Option<String> {
    let mut parts = text.trim().split(',');
    let _ = parts.next()?;
    let user = parts.next()?.trim();
    let host = parts.next()?.trim();
    let when = parts.next()?.trim();
    (!user.is_empty()).then(|| format!("{user} on {host} since {when} (another program)"))
}

/// A lock this window holds; dropping it removes the lock file if it is
/// still ours.
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
    token: String,
}

impl FileLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let ours = fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| serde_json::from_str::<LockOwner>(&t).ok())
            .is_some_and(|o| o.token == self.token && o.pid == std::process::id());
        if ours {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{} is open in another window: {}", brief.display(), owner.describe())]
    Held {
        brief: PathBuf,
        owner: Box<LockOwner>,
    },
    #[error("{} may be open elsewhere: {why}", brief.display())]
    Unreadable { brief: PathBuf, why: String },
    #[error("could not lock {}: {}", brief.display(), super::in_words(source))]
    Io {
        brief: PathBuf,
        source: std::io::Error,
    },
}

/// Takes the lock of `brief` for the window `token`, replacing a stale
/// one. Fails if another window holds it.
pub fn acquire(brief: &Path, token: &str) -> Result<FileLock, LockError> {
    let path = lock_path(brief);
    for _ in 0..2 {
        match inspect(brief, token) {
            LockState::Held(owner) => {
                return Err(LockError::Held {
                    brief: brief.to_path_buf(),
                    owner: Box::new(owner),
                })
            }
            LockState::Unreadable(why) => {
                return Err(LockError::Unreadable {
                    brief: brief.to_path_buf(),
                    why,
                })
            }
            LockState::Ours => {
                return Ok(FileLock {
                    path,
                    token: token.to_string(),
                })
            }
            LockState::Free => {}
        }
        // Stale (or absent): clear it and create ours exclusively, so two
        // windows racing for it cannot both win.
        if fs::symlink_metadata(&path).is_ok() {
            let _ = fs::remove_file(&path);
        }
        let body = serde_json::to_vec(&LockOwner::me(token)).map_err(std::io::Error::other);
        let created = body.and_then(|body| {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            f.write_all(&body)?;
            f.sync_all()
        });
        match created {
            Ok(()) => {
                return Ok(FileLock {
                    path,
                    token: token.to_string(),
                })
            }
            // Someone else created it between our look and our write: look again.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => {
                return Err(LockError::Io {
                    brief: brief.to_path_buf(),
                    source,
                })
            }
        }
    }
    match inspect(brief, token) {
        LockState::Held(owner) => Err(LockError::Held {
            brief: brief.to_path_buf(),
            owner: Box::new(owner),
        }),
        other => Err(LockError::Unreadable {
            brief: brief.to_path_buf(),
            why: format!("the lock changed while it was being taken ({other:?})"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief_in(dir: &Path) -> PathBuf {
        let p = dir.join("visit.brief");
        fs::write(&p, "{}").expect("write");
        p
    }

    #[test]
    fn a_second_window_sees_the_first_ones_lock_until_it_is_dropped() {
        let dir = tempfile::tempdir().expect("dir");
        let brief = brief_in(dir.path());
        let first = acquire(&brief, "first").expect("free");
        assert!(dir.path().join(".~lock.visit.brief#").is_file());
        assert_eq!(inspect(&brief, "first"), LockState::Ours);
        match acquire(&brief, "second") {
            Err(LockError::Held { owner, .. }) => {
                assert_eq!(owner.pid, std::process::id());
                assert_eq!(owner.host, process::host_name());
                assert_eq!(owner.user, process::user_name());
            }
            other => panic!("expected the lock to be held, got {other:?}"),
        }
        drop(first);
        assert!(!dir.path().join(".~lock.visit.brief#").exists());
        assert!(acquire(&brief, "second").is_ok());
    }

    #[test]
    fn a_lock_left_by_a_dead_process_is_replaced_but_one_from_another_machine_is_not() {
        let dir = tempfile::tempdir().expect("dir");
        let brief = brief_in(dir.path());
        let mut owner = LockOwner::me("gone");
        // A pid that is not running (above the kernel's maximum).
        owner.pid = 4_294_967;
        fs::write(lock_path(&brief), serde_json::to_vec(&owner).expect("json")).expect("write");
        assert_eq!(inspect(&brief, "me"), LockState::Free);
        let lock = acquire(&brief, "me").expect("stale lock replaced");
        assert_eq!(inspect(&brief, "me"), LockState::Ours);
        drop(lock);

        owner.host = "another-desk".into();
        fs::write(lock_path(&brief), serde_json::to_vec(&owner).expect("json")).expect("write");
        assert!(matches!(inspect(&brief, "me"), LockState::Held(_)));
        assert!(matches!(acquire(&brief, "me"), Err(LockError::Held { .. })));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_pid_now_used_by_another_process_does_not_keep_a_lock() {
        let dir = tempfile::tempdir().expect("dir");
        let brief = brief_in(dir.path());
        let mut owner = LockOwner::me("earlier");
        // Our own pid, alive, but started at another time: the process
        // that wrote the lock is gone and its pid was given to us.
        owner.started = owner.started.map(|t| t + 1);
        assert!(owner.started.is_some());
        fs::write(lock_path(&brief), serde_json::to_vec(&owner).expect("json")).expect("write");
        assert_eq!(inspect(&brief, "me"), LockState::Free);
    }

    #[test]
    fn a_symlink_and_its_target_share_one_lock() {
        let dir = tempfile::tempdir().expect("dir");
        let brief = brief_in(dir.path());
        let other = tempfile::tempdir().expect("dir");
        let link = other.path().join("link.brief");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&brief, &link).expect("symlink");
        #[cfg(not(unix))]
        fs::copy(&brief, &link).expect("copy");
        let _held = acquire(&brief, "first").expect("free");
        #[cfg(unix)]
        assert!(matches!(inspect(&link, "second"), LockState::Held(_)));
    }

    #[test]
    fn a_foreign_or_garbled_lock_file_is_reported_not_ignored() {
        let dir = tempfile::tempdir().expect("dir");
        let brief = brief_in(dir.path());
        fs::write(
            lock_path(&brief),
            ",Jane Doe,desk-7,30.11.2026 14:05,file:///home;",
        )
        .expect("write");
        match inspect(&brief, "me") {
            LockState::Unreadable(why) => assert!(why.contains("Jane Doe on desk-7"), "{why}"),
            other => panic!("{other:?}"),
        }
        fs::write(lock_path(&brief), [0xff, 0x00, 0x13]).expect("write");
        assert!(matches!(inspect(&brief, "me"), LockState::Unreadable(_)));
    }
}
