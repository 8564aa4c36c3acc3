//! Turns an article into a brief. `article` reads plain text in the sample's
//! shape, `markdown` reads Markdown; both produce [`Element`]s that `build`
//! assembles into sections, bullets, tables and recommendations. Nothing is
//! dropped: text that fits no pattern becomes a paragraph.

mod article;
mod build;
mod docx;
mod html;
mod markdown;
mod rtf;
mod title;

use std::path::{Path, PathBuf};

use crate::io::{read_limited, LoadError, MAX_FILE_BYTES};
use crate::model::Brief;

pub use build::build;

/// One piece of an article, before it is placed in a brief. Text is in the
/// model's inline markup.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// An explicit title line (Markdown `#`, or a plain-text first line).
    Title(String),
    /// `level` 1 is a section heading; deeper levels are sub-headings.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// A top-level item of a bulleted list.
    Bullet(String),
    /// A top-level item of a numbered list (`1.` or `1)`), without its number.
    Numbered(String),
    /// An item nested under the list item before it.
    Nested(String),
    /// Header row first, then the body rows.
    Table(Vec<Vec<String>>),
    /// Not content: a line for the import report (raw HTML dropped, a
    /// kicker kept as text, …).
    Notice(String),
}

/// What the importer guessed, for the user to check: where the title came
/// from, what each table became and why, and anything dropped or kept as
/// text. Nothing is decided silently.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Where the title came from.
    pub title: String,
    /// One line per table, list or notice, in article order.
    pub lines: Vec<String>,
}

impl Report {
    pub(crate) fn push(&mut self, line: impl Into<String>) {
        self.lines.push(line.into());
    }

    /// The report as lines for a terminal or a notice.
    pub fn to_lines(&self) -> Vec<String> {
        let mut out = vec![format!("Title: {}", self.title)];
        out.extend(self.lines.iter().cloned());
        out
    }
}

/// A brief and the report of how it was read.
#[derive(Debug, Clone)]
pub struct Imported {
    pub brief: Brief,
    pub report: Report,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] LoadError),
    #[error("{}: the file is empty; there is nothing to import", .0.display())]
    Empty(PathBuf),
    #[error("{}: looks like a binary file, not an article (.txt or .md text)", .0.display())]
    Binary(PathBuf),
    #[error("{}: not a Word document that can be read ({reason})", path.display())]
    Docx { path: PathBuf, reason: String },
}

/// Which reader to use for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    /// Rich Text Format, read as plain text.
    Rtf,
    /// An HTML page.
    Html,
    /// A Word document.
    Docx,
}

impl Kind {
    /// The reader for an article file; anything not Markdown reads as text.
    pub fn of_path(path: &Path) -> Kind {
        Kind::of_article(path).unwrap_or(Kind::Text)
    }

    /// `Some` when the extension names an article (`.txt`, `.md`, …), so
    /// opening it imports it instead of loading a `.brief`.
    pub fn of_article(path: &Path) -> Option<Kind> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd") => Some(Kind::Markdown),
            Some("txt" | "text") => Some(Kind::Text),
            Some("rtf") => Some(Kind::Rtf),
            Some("html" | "htm" | "xhtml") => Some(Kind::Html),
            Some("docx") => Some(Kind::Docx),
            _ => None,
        }
    }
}

/// Reads and imports an article file, choosing the reader by extension.
pub fn import_file(path: &Path) -> Result<Brief, ImportError> {
    import_file_reported(path).map(|i| i.brief)
}

/// Reads and imports an article file, with the report of what was guessed.
pub fn import_file_reported(path: &Path) -> Result<Imported, ImportError> {
    let bytes = read_limited(path, MAX_FILE_BYTES)?;
    import_bytes(&bytes, Kind::of_path(path), path)
}

/// Reads an article from standard input (`briefsmith import -`), as text
/// or Markdown by its content.
pub fn import_stdin() -> Result<Imported, ImportError> {
    use std::io::Read;
    let name = PathBuf::from("standard input");
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|cause| LoadError::Read {
            path: name.clone(),
            cause,
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: name,
            size: bytes.len() as u64,
        }
        .into());
    }
    import_bytes(&bytes, Kind::Text, &name)
}

/// Imports an article's bytes; `name` is for messages.
pub fn import_bytes(bytes: &[u8], kind: Kind, name: &Path) -> Result<Imported, ImportError> {
    if kind == Kind::Docx {
        let elements = docx::parse(bytes).map_err(|reason| ImportError::Docx {
            path: name.to_path_buf(),
            reason,
        })?;
        if elements.is_empty() {
            return Err(ImportError::Empty(name.to_path_buf()));
        }
        let (brief, report) = build(nfc(elements));
        return Ok(Imported { brief, report });
    }
    let (text, notice) = match decode_text(bytes) {
        Some(decoded) => decoded,
        None => return Err(ImportError::Binary(name.to_path_buf())),
    };
    if text.trim().is_empty() {
        return Err(ImportError::Empty(name.to_path_buf()));
    }
    let mut imported = match kind {
        Kind::Rtf => {
            let mut i = import_str_reported(&rtf::to_text(&text), Kind::Text);
            i.report.lines.insert(
                0,
                "RTF read as plain text: its formatting is not kept".into(),
            );
            i
        }
        _ => import_str_reported(&text, kind),
    };
    if let Some(n) = notice {
        imported.report.lines.insert(0, n);
    }
    Ok(imported)
}

/// An article's text: UTF-8 (a BOM or not), UTF-16 with a BOM, or else
/// Windows-1252 — with a notice saying which was assumed when not
/// UTF-8. `None` for bytes that are not text at all.
fn decode_text(bytes: &[u8]) -> Option<(String, Option<String>)> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc != encoding_rs::UTF_8 {
            let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
            let notice = format!("Read as {} (it starts with a byte-order mark)", enc.name());
            return Some((text.into_owned(), Some(notice)));
        }
    }
    if looks_binary(bytes) {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Some((t.to_string(), None)),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let notice = format!(
                "Not UTF-8 (byte {} is not), so read as Windows-1252; check accented letters and quotes",
                e.valid_up_to()
            );
            Some((text.into_owned(), Some(notice)))
        }
    }
}

/// The elements' text in NFC, as the brief stores it: an article may spell
/// "Nguyễn" with combining accents (macOS file names, some web pages).
fn nfc(elements: Vec<Element>) -> Vec<Element> {
    let n = |s: String| match crate::model::text::nfc(&s) {
        std::borrow::Cow::Owned(o) => o,
        std::borrow::Cow::Borrowed(_) => s,
    };
    elements
        .into_iter()
        .map(|e| match e {
            Element::Title(t) => Element::Title(n(t)),
            Element::Heading { level, text } => Element::Heading {
                level,
                text: n(text),
            },
            Element::Paragraph(t) => Element::Paragraph(n(t)),
            Element::Bullet(t) => Element::Bullet(n(t)),
            Element::Numbered(t) => Element::Numbered(n(t)),
            Element::Nested(t) => Element::Nested(n(t)),
            Element::Table(rows) => Element::Table(
                rows.into_iter()
                    .map(|r| r.into_iter().map(n).collect())
                    .collect(),
            ),
            Element::Notice(t) => Element::Notice(n(t)),
        })
        .collect()
}

/// Imports article text already in memory.
pub fn import_str(text: &str, kind: Kind) -> Brief {
    import_str_reported(text, kind).brief
}

/// Imports article text already in memory, with the report.
pub fn import_str_reported(text: &str, kind: Kind) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut elements = match kind {
        Kind::Markdown => markdown::parse(text),
        Kind::Html => html::parse(text),
        Kind::Text if looks_markdown(text) => {
            let mut els = vec![Element::Notice(
                "The text file is written in Markdown, so it was read as Markdown".into(),
            )];
            els.extend(markdown::parse(text));
            els
        }
        Kind::Text | Kind::Rtf | Kind::Docx => article::parse(text),
    };
    // Notices lead the report, before the tables.
    elements.sort_by_key(|e| !matches!(e, Element::Notice(_)));
    let (brief, report) = build(nfc(elements));
    Imported { brief, report }
}

/// Markdown in a `.txt` file: two or more `#` heading lines, or one with
/// a Markdown table, fenced code or bold-led list items.
fn looks_markdown(text: &str) -> bool {
    let mut headings = 0;
    let mut other = 0;
    for l in text.lines() {
        let t = l.trim_start();
        let hashes = t.bytes().take_while(|b| *b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            headings += 1;
        } else if t.starts_with("```") || t.starts_with("- **") || t.starts_with("* **") {
            other += 1;
        }
    }
    headings >= 2 || headings >= 1 && other >= 1
}

/// NUL bytes or many control characters mean this is not an article.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > sample.len().max(1)
}

/// Splits a `A | B |` line into trimmed cells, dropping the empty cells that
/// outer pipes leave. Shared by both readers.
pub(crate) fn split_row(line: &str) -> Vec<String> {
    let mut t = line.trim();
    t = t.strip_prefix('|').unwrap_or(t);
    t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    cells.push(cur.trim().to_string());
    cells
}

/// A table's header/body separator such as `---|---|` or `| :-- | --: |`.
pub(crate) fn is_separator(line: &str) -> bool {
    let t = line.trim();
    if !t.contains('-') || !(t.contains('|') || t.chars().all(|c| c == '-' || c == ':' || c == ' '))
    {
        return false;
    }
    let cells = split_row(t);
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            !c.is_empty()
                && c.contains('-')
                && c.chars().all(|ch| ch == '-' || ch == ':' || ch == ' ')
        })
}

/// A line that could be a table row.
pub(crate) fn is_row(line: &str) -> bool {
    line.contains('|') && split_row(line).len() >= 2
}
