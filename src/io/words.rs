//! io errors in plain words, for messages that name the user's file: what
//! went wrong, never the path of a temporary file, never the OS's error
//! number, and never the same cause twice.

use std::io;

/// Problems Briefsmith's writer finds itself, carried inside an
/// `io::Error` so that every write has one error type.
/// FIFO, device and socket are told apart on Unix only (`target.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(not(unix), allow(dead_code))]
pub(crate) enum WriteProblem {
    #[error("it is not a regular file (a FIFO)")]
    Fifo,
    #[error("it is not a regular file (a device)")]
    Device,
    #[error("it is not a regular file (a socket)")]
    Socket,
    #[error("it is not a regular file")]
    NotRegular,
    #[error("its symbolic links go round in a loop")]
    LinkLoop,
    #[error("the path names no file")]
    NoFileName,
    #[error("the file read back differs from what was written")]
    ReadBackDiffers,
}

impl From<WriteProblem> for io::Error {
    fn from(p: WriteProblem) -> io::Error {
        let kind = match p {
            WriteProblem::ReadBackDiffers => io::ErrorKind::Other,
            _ => io::ErrorKind::InvalidInput,
        };
        io::Error::new(kind, p)
    }
}

/// The error with nothing a library wrapped around it (tempfile puts the
/// temporary's path into its errors): the OS error code, one of our own
/// problems, or else the kind alone.
pub(crate) fn bare(e: io::Error) -> io::Error {
    if let Some(code) = e.raw_os_error() {
        return io::Error::from_raw_os_error(code);
    }
    let kind = e.kind();
    let Some(inner) = e.into_inner() else {
        return io::Error::from(kind);
    };
    let inner = match inner.downcast::<WriteProblem>() {
        Ok(p) => return io::Error::new(kind, *p),
        Err(inner) => inner,
    };
    match inner.source().and_then(|s| s.downcast_ref::<io::Error>()) {
        Some(cause) => match cause.raw_os_error() {
            Some(code) => io::Error::from_raw_os_error(code),
            None => io::Error::from(cause.kind()),
        },
        // A message of our own or std's: it names no temporary.
        None => io::Error::new(kind, inner),
    }
}

/// Why a write failed, in plain words to follow "could not save FILE: ".
/// The one place that words io errors, so that a save and an export say
/// the same thing for the same cause.
pub fn in_words(e: &io::Error) -> String {
    if let Some(p) = e.get_ref().and_then(|r| r.downcast_ref::<WriteProblem>()) {
        return p.to_string();
    }
    if e.raw_os_error().is_none() {
        // A wrapped error (tempfile's) speaks through the error it wraps.
        if let Some(inner) = e
            .get_ref()
            .and_then(|r| r.source())
            .and_then(|s| s.downcast_ref::<io::Error>())
        {
            return in_words(inner);
        }
    }
    use io::ErrorKind as K;
    let words = match e.kind() {
        K::IsADirectory => "it is a directory",
        K::NotADirectory => "a part of the path is a file, not a folder",
        K::PermissionDenied => "no permission to write there",
        K::StorageFull => "the disk is full",
        K::InvalidFilename => "the file name is too long",
        // The file itself need not exist to be written: its folder must.
        K::NotFound => "the folder does not exist",
        K::ReadOnlyFilesystem => "the disk is read-only",
        K::FileTooLarge => "the file would exceed the file-size limit",
        K::QuotaExceeded => "disk quota exceeded",
        _ => return os_text(e),
    };
    words.into()
}

/// The OS's own text, without "(os error N)", starting in lower case to
/// read as the end of a sentence.
fn os_text(e: &io::Error) -> String {
    let text = e.to_string();
    let text = match e.raw_os_error() {
        Some(code) => text
            .strip_suffix(&format!(" (os error {code})"))
            .unwrap_or(&text)
            .to_string(),
        None => text,
    };
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_text_loses_the_error_number_and_the_capital() {
        let e = io::Error::from_raw_os_error(40); // ELOOP on Linux
        let words = in_words(&e);
        assert!(!words.contains("os error"), "{words}");
        assert!(words.starts_with(char::is_lowercase), "{words}");
    }

    #[test]
    fn a_wrapped_error_is_worded_by_what_it_wraps_and_bared_of_its_message() {
        #[derive(Debug, thiserror::Error)]
        #[error("{err} at path \"/tmp/.x.briefsmith-tmp\"")]
        struct PathError {
            #[source]
            err: io::Error,
        }
        let wrapped = || {
            io::Error::new(
                io::ErrorKind::StorageFull,
                PathError {
                    err: io::Error::from(io::ErrorKind::StorageFull),
                },
            )
        };
        assert_eq!(in_words(&wrapped()), "the disk is full");
        let bared = bare(wrapped());
        assert!(!bared.to_string().contains("tmp"), "{bared}");
        assert_eq!(in_words(&bared), "the disk is full");
    }

    #[test]
    fn our_problems_survive_baring() {
        let e = bare(io::Error::from(WriteProblem::Fifo));
        assert_eq!(in_words(&e), "it is not a regular file (a FIFO)");
    }
}
