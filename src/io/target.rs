//! What a path names when Briefsmith writes to it. Symbolic links are
//! followed to the file they lead to, which is what gets replaced, so the
//! links stay links. Anything but a regular file (a directory, a FIFO, a
//! device, a socket) is refused from its metadata, before it is opened:
//! even opening a FIFO to read it would block.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::words::WriteProblem;

/// As Linux: a longer chain of links is taken for a loop.
const MAX_LINKS: usize = 40;

/// The file a write to some path replaces.
#[derive(Debug)]
pub(crate) struct Target {
    /// The path itself, or where its chain of symbolic links leads.
    pub path: PathBuf,
    /// The regular file there now; `None` when it is to be created.
    pub existing: Option<fs::Metadata>,
}

impl Target {
    /// Follows `path`'s symbolic links (a relative link is relative to
    /// its own folder) and refuses what is not a regular file. A dangling
    /// link names the file to create, as a shell's `>` would create it.
    pub fn resolve(path: &Path) -> io::Result<Target> {
        let mut at = path.to_path_buf();
        for _ in 0..=MAX_LINKS {
            match fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    let to = fs::read_link(&at)?;
                    at = match at.parent() {
                        Some(folder) => folder.join(to),
                        None => to,
                    };
                }
                Ok(meta) => {
                    refuse_unless_regular(&meta)?;
                    return Ok(Target {
                        path: at,
                        existing: Some(meta),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    if at.file_name().is_none() {
                        return Err(WriteProblem::NoFileName.into());
                    }
                    return Ok(Target {
                        path: at,
                        existing: None,
                    });
                }
                Err(e) => return Err(e),
            }
        }
        Err(WriteProblem::LinkLoop.into())
    }

    /// The folder the file is in, where its temporary goes.
    pub fn folder(&self) -> &Path {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    }
}

fn refuse_unless_regular(meta: &fs::Metadata) -> io::Result<()> {
    let t = meta.file_type();
    if t.is_file() {
        return Ok(());
    }
    if t.is_dir() {
        return Err(io::ErrorKind::IsADirectory.into());
    }
    Err(special_kind(&t).into())
}

#[cfg(unix)]
fn special_kind(t: &fs::FileType) -> WriteProblem {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        WriteProblem::Fifo
    } else if t.is_block_device() || t.is_char_device() {
        WriteProblem::Device
    } else if t.is_socket() {
        WriteProblem::Socket
    } else {
        WriteProblem::NotRegular
    }
}

#[cfg(not(unix))]
fn special_kind(_t: &fs::FileType) -> WriteProblem {
    WriteProblem::NotRegular
}

/// Reads a file that should be a regular one, refusing anything else. The
/// open does not block if, since it was checked, the path became a FIFO.
pub(crate) fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    refuse_unless_regular(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}
