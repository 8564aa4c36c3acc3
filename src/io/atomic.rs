//! The one way Briefsmith writes a file: a temporary file in the target's
//! folder, synced, renamed over the target, folder synced, then read back
//! and compared. A reader (or a crash) sees the old file or the new one,
//! never half of either. Every write first sweeps its folder of stale
//! temporaries, so a killed save, export or autosave cleans up after
//! itself next time. Links are followed and special files refused (see
//! `target`); errors carry no temporary's path (see `words`).

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use super::sidecar::{STALE_AFTER, TEMP_RANDOM_LEN, TEMP_SUFFIX};
use super::target::{read_regular, Target};
use super::words::{bare, WriteProblem};

/// The sweep every write makes, also here for the writer's other callers.
pub use super::sidecar::remove_stale_temps;

/// The permissions a write gives the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// An existing file keeps its own; a new one gets 0666 less the umask,
    /// as any program's new file would.
    KeepOrUmask,
    /// Exactly these (Unix mode bits), whatever the umask.
    Exactly(u32),
}

/// Writes `bytes` to `path` atomically and checks what landed on disk. If
/// `path` is a symbolic link, the file it leads to is replaced and the link
/// kept. An existing file keeps its mode; a new one follows the umask. On
/// error the target is untouched (or, if only the check failed, holds
/// whatever the disk returned) and no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with_mode(path, bytes, Mode::KeepOrUmask)
}

/// As [`write_atomic`], but the file gets exactly `mode` (Unix permission
/// bits; ignored elsewhere) whatever the umask: 0600 for private files,
/// or a backup's original's mode.
pub fn write_atomic_with_mode(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    write_with_mode(path, bytes, Mode::Exactly(mode))
}

fn write_with_mode(path: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
    let target = Target::resolve(path).map_err(bare)?;
    write_to(&target, bytes, mode)
}

/// Writes to a target already resolved (`save` resolves once, for the
/// backup and the file). Errors are bare: no temporary's path in them.
pub(crate) fn write_to(target: &Target, bytes: &[u8], mode: Mode) -> io::Result<()> {
    let dir = target.folder();
    remove_stale_temps(dir, STALE_AFTER);
    let mut tmp = temp_builder(mode).tempfile_in(dir).map_err(bare)?;
    set_identity(tmp.as_file(), target, mode).map_err(bare)?;
    tmp.write_all(bytes).map_err(bare)?;
    tmp.as_file().sync_all().map_err(bare)?;
    // On failure `persist` hands the temp file back; dropping it deletes it.
    tmp.persist(&target.path).map_err(|e| bare(e.error))?;
    sync_dir(dir).map_err(bare)?;
    if read_regular(&target.path).map_err(bare)? != bytes {
        return Err(WriteProblem::ReadBackDiffers.into());
    }
    Ok(())
}

/// A short name (`.` + random + suffix), so that it fits beside a file
/// whose own name is up to 255 bytes long.
fn temp_builder(mode: Mode) -> tempfile::Builder<'static, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(".")
        .rand_bytes(TEMP_RANDOM_LEN)
        .suffix(TEMP_SUFFIX);
    if mode == Mode::KeepOrUmask {
        // The kernel takes the umask off, as for any new file.
        set_create_mode(&mut b);
    }
    b
}

#[cfg(unix)]
fn set_create_mode(b: &mut tempfile::Builder<'static, 'static>) {
    use std::os::unix::fs::PermissionsExt;
    b.permissions(fs::Permissions::from_mode(0o666));
}

#[cfg(not(unix))]
fn set_create_mode(_b: &mut tempfile::Builder<'static, 'static>) {}

/// Gives the temporary the owner and mode the file is to have: an existing
/// file's (so a re-save keeps them), or exactly `mode`. A new file under
/// `KeepOrUmask` already has its mode from creation.
#[cfg(unix)]
fn set_identity(tmp: &fs::File, target: &Target, mode: Mode) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let bits = match (mode, &target.existing) {
        (Mode::Exactly(bits), _) => bits,
        (Mode::KeepOrUmask, Some(old)) => {
            let now = tmp.metadata()?;
            if (now.uid(), now.gid()) != (old.uid(), old.gid()) {
                // Best effort: only root may give a file away, and a
                // user only to a group of theirs. Before chmod, which
                // chown would undo for set-id bits.
                let _ = std::os::unix::fs::fchown(tmp, Some(old.uid()), Some(old.gid()));
            }
            old.mode()
        }
        (Mode::KeepOrUmask, None) => return Ok(()),
    };
    tmp.set_permissions(fs::Permissions::from_mode(bits & 0o7777))
}

#[cfg(not(unix))]
fn set_identity(tmp: &fs::File, target: &Target, _mode: Mode) -> io::Result<()> {
    match &target.existing {
        Some(old) => tmp.set_permissions(old.permissions()),
        None => Ok(()),
    }
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
