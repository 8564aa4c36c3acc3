//! Before replacing a file: is it the very file we read from, and what is
//! it? Export must never overwrite the brief it exports, nor a document
//! that is not a PDF unless the user says so; the content decides, not the
//! file's extension.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What an existing file turns out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Pdf,
    Brief,
    Empty,
    /// ZIP-based: Word, LibreOffice, or an archive.
    ZipOrOffice,
    Text,
    OtherBinary,
    Directory,
    /// A FIFO, device or socket.
    Special,
}

impl FileKind {
    /// "a Briefsmith brief", for messages.
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::Pdf => "a PDF",
            FileKind::Brief => "a Briefsmith brief",
            FileKind::Empty => "an empty file",
            FileKind::ZipOrOffice => "a Word/LibreOffice document or ZIP archive",
            FileKind::Text => "a text file",
            FileKind::OtherBinary => "a binary file",
            FileKind::Directory => "a folder",
            FileKind::Special => "not a regular file (a pipe, device or socket)",
        }
    }
}

/// A folder, a special file, or (for a regular file) `None` — looked at
/// without opening anything. `None` too when nothing is there.
pub fn kind_on_disk(path: &Path) -> Option<FileKind> {
    let meta = fs::metadata(path).ok()?;
    if meta.is_dir() {
        Some(FileKind::Directory)
    } else if !meta.is_file() {
        Some(FileKind::Special)
    } else {
        None
    }
}

/// Looks at what is at `path` without following it into a pipe or device:
/// `None` when nothing is there.
pub fn sniff(path: &Path) -> Option<FileKind> {
    if !fs::exists(path).unwrap_or(false) {
        return None;
    }
    if let Some(kind) = kind_on_disk(path) {
        return Some(kind);
    }
    let mut head = Vec::with_capacity(1024);
    let read = fs::File::open(path).and_then(|f| f.take(1024).read_to_end(&mut head));
    if read.is_err() {
        return Some(FileKind::OtherBinary);
    }
    Some(kind_of(&head))
}

fn kind_of(head: &[u8]) -> FileKind {
    if head.is_empty() {
        return FileKind::Empty;
    }
    // Readers accept the header anywhere in the first kilobyte.
    if head.windows(5).any(|w| w == b"%PDF-") {
        return FileKind::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xd0\xcf\x11\xe0") {
        return FileKind::ZipOrOffice;
    }
    let text = String::from_utf8_lossy(head);
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed.trim_start_matches('\u{feff}').starts_with('{')
        && squeezed.contains("\"format\":\"briefsmith\"")
    {
        return FileKind::Brief;
    }
    let binary = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !b"\t\n\r\x0c".contains(&b)))
        .count();
    if binary == 0 {
        FileKind::Text
    } else {
        FileKind::OtherBinary
    }
}

/// True when two paths name one file (through links, `..` or hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}

/// Why a PDF may not be written to a path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportTargetError {
    #[error("refusing to export {} over itself: choose another output name, such as {}", input.display(), suggestion.display())]
    SameAsInput { input: PathBuf, suggestion: PathBuf },
    #[error("refusing to replace {}: it is {}, not a PDF; choose another output name, or pass --force to replace it", path.display(), kind.describe())]
    NotPdf { path: PathBuf, kind: FileKind },
    #[error("cannot export to {}: it is {}", path.display(), kind.describe())]
    NotAFile { path: PathBuf, kind: FileKind },
}

/// Checks that a PDF may be written to `output` when exporting `input`:
/// never over the input itself, never over a folder or special file, and
/// over something other than a PDF only with `force`.
pub fn check_export_target(
    input: Option<&Path>,
    output: &Path,
    force: bool,
) -> Result<(), ExportTargetError> {
    if let Some(input) = input {
        if same_file(input, output) {
            return Err(ExportTargetError::SameAsInput {
                input: input.to_path_buf(),
                suggestion: input.with_extension("pdf"),
            });
        }
    }
    match sniff(output) {
        None | Some(FileKind::Pdf) => Ok(()),
        Some(kind @ (FileKind::Directory | FileKind::Special)) => {
            Err(ExportTargetError::NotAFile {
                path: output.to_path_buf(),
                kind,
            })
        }
        Some(_) if force => Ok(()),
        Some(kind) => Err(ExportTargetError::NotPdf {
            path: output.to_path_buf(),
            kind,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_decide_what_a_file_is() {
        assert_eq!(kind_of(b"%PDF-1.7\n"), FileKind::Pdf);
        assert_eq!(kind_of(b"\xef\xbb\xbf%PDF-1.4"), FileKind::Pdf);
        assert_eq!(
            kind_of(b"{\n  \"format\": \"briefsmith\",\n  \"version\": 1"),
            FileKind::Brief
        );
        assert_eq!(kind_of(b"PK\x03\x04rest"), FileKind::ZipOrOffice);
        assert_eq!(kind_of(b"Minutes of the meeting\n"), FileKind::Text);
        assert_eq!(kind_of(b"\x7fELF\x02\x01\x00"), FileKind::OtherBinary);
        assert_eq!(kind_of(b""), FileKind::Empty);
    }

    #[test]
    fn export_refuses_its_input_and_non_pdfs_but_replaces_a_pdf() {
        let dir = tempfile::tempdir().expect("dir");
        let brief = dir.path().join("s.brief");
        fs::write(&brief, "{\"format\": \"briefsmith\"}").expect("write");
        let err = check_export_target(Some(&brief), &brief, true).expect_err("same file");
        assert!(err.to_string().contains("over itself"), "{err}");
        // The same file by another name.
        let odd = dir.path().join(".").join("s.brief");
        assert!(check_export_target(Some(&brief), &odd, true).is_err());

        let notes = dir.path().join("notes.pdf");
        fs::write(&notes, "not a pdf at all").expect("write");
        let err = check_export_target(Some(&brief), &notes, false).expect_err("text");
        assert_eq!(
            err.to_string(),
            format!(
                "refusing to replace {}: it is a text file, not a PDF; choose another output name, or pass --force to replace it",
                notes.display()
            )
        );
        assert!(check_export_target(Some(&brief), &notes, true).is_ok());

        let pdf = dir.path().join("old.pdf");
        fs::write(&pdf, "%PDF-1.5\n...").expect("write");
        assert!(check_export_target(Some(&brief), &pdf, false).is_ok());
        assert!(check_export_target(Some(&brief), dir.path(), true).is_err());
    }
}
