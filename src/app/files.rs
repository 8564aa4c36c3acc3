//! File actions: new from a template or from a previous brief (carrying
//! its unfinished commitments forward), open (also at one commitment), open recent, save, save as,
//! import an article, export PDF, close — with the unsaved-changes prompt
//! before anything that would discard edits, the lock that tells other
//! windows a brief is open, the checks before a file is replaced (changed
//! on disk, another window's file, not the kind of file expected, the open
//! brief itself), native file dialogs, and an in-app path field when no
//! dialog service answers.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::dialogs::{Dialog, OpenMode, PathPurpose};
use super::EditorApp;
use crate::editor::Document;
use crate::io::lock::{self, FileLock, LockError, LockState};
use crate::io::{DiskChange, FileKind};
use crate::model::{text, Brief};
use crate::{import, templates};

/// An action that would replace or close the document, held while the user
/// answers the unsaved-changes prompt.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    Close,
    /// New brief from the named template.
    New(&'static str),
    /// Open a file; `None` asks for one.
    Open(Option<PathBuf>),
    /// Import an article; `None` asks for one.
    Import(Option<PathBuf>),
    /// Import pasted article text; `None` opens the box to paste it in.
    ImportPasted(Option<String>),
    /// A new brief carrying forward the unfinished commitments of a
    /// previous one; `None` asks for it.
    NewFromPrevious(Option<PathBuf>),
    /// Open a brief at one of its items (from the commitments register).
    OpenAt(PathBuf, crate::model::Id),
}

/// rfd answers this fast only when there is no dialog service at all.
const NO_DIALOG_SERVICE: Duration = Duration::from_millis(200);

/// Writes pages as PDF, atomically, archival if the brief's style says so;
/// a failure is one sentence naming the file once.
fn write_pdf(
    pages: &crate::layout::Document,
    style: &crate::model::Style,
    path: &Path,
) -> Result<(), String> {
    use crate::pdf::PdfError;
    let opts = crate::pdf::PdfOptions {
        pdfa: style.archival,
        ..Default::default()
    };
    crate::pdf::export(pages, path, &opts)
        .map(drop)
        .map_err(|e| match e {
            // Already "could not export FILE: why".
            PdfError::Write { .. } => capitalised(&e.to_string()),
            _ => format!("Could not export {}: {e}", path.display()),
        })
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The bundled sample as a new untitled brief.
pub fn sample_document() -> Document {
    let brief = templates::find(templates::SAMPLE)
        .and_then(|t| t.brief().ok())
        .unwrap_or_else(|| Brief::new("Untitled brief"));
    Document::new(brief, None)
}

/// An empty new brief (the blank template).
pub fn blank_document() -> Document {
    let brief = templates::find("blank")
        .and_then(|t| t.brief().ok())
        .unwrap_or_else(|| Brief::new(""));
    Document::new(brief, None)
}

/// The name offered for Save As and Export, without extension: the open
/// file's, or "brief". Control characters and direction overrides are left
/// out, so a suggested name cannot hide or reverse part of itself.
fn suggested_stem(path: Option<&Path>) -> String {
    let stem = path
        .and_then(Path::file_stem)
        .map(|s| text::single_line(&s.to_string_lossy()))
        .unwrap_or_default();
    if stem.trim().is_empty() {
        "brief".to_string()
    } else {
        stem
    }
}

fn native_dialog(purpose: PathPurpose, doc: &Document) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new();
    let stem = suggested_stem(doc.path());
    match purpose {
        PathPurpose::Open | PathPurpose::Previous | PathPurpose::BringForward => {
            dialog.add_filter("Briefs", &["brief"]).pick_file()
        }
        PathPurpose::Import => dialog
            .add_filter(
                "Articles",
                &["txt", "md", "markdown", "html", "htm", "rtf", "docx"],
            )
            .pick_file(),
        PathPurpose::SaveAs => dialog
            .add_filter("Briefs", &["brief"])
            .set_file_name(format!("{stem}.brief"))
            .save_file(),
        PathPurpose::Export => dialog
            .add_filter("PDF", &["pdf"])
            .set_file_name(format!("{stem}.pdf"))
            .save_file(),
    }
}

/// A starting suggestion for the in-app path field.
fn suggested_path(purpose: PathPurpose, doc: &Document) -> String {
    let dir = std::env::current_dir().unwrap_or_default();
    let current = doc.path().map(Path::to_path_buf);
    let with_ext = |ext: &str| {
        current
            .clone()
            .unwrap_or_else(|| dir.join("brief.brief"))
            .with_file_name(format!("{}.{ext}", suggested_stem(doc.path())))
            .display()
            .to_string()
    };
    match purpose {
        PathPurpose::Open
        | PathPurpose::Import
        | PathPurpose::Previous
        | PathPurpose::BringForward => format!("{}/", dir.display()),
        PathPurpose::SaveAs => with_ext("brief"),
        PathPurpose::Export => with_ext("pdf"),
    }
}

impl EditorApp {
    /// Runs `action`, first asking about unsaved changes when it would lose them.
    pub(crate) fn request(&mut self, action: Pending, ctx: &egui::Context) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::Unsaved { then: action });
        } else {
            self.perform(action, ctx);
        }
    }

    /// Runs `action` without asking.
    pub(crate) fn perform(&mut self, action: Pending, ctx: &egui::Context) {
        match action {
            Pending::Close => {
                self.recovery.forget();
                self.lock = None;
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Pending::New(name) => match templates::find(name).map(|t| t.brief()) {
                Some(Ok(brief)) => {
                    self.set_document(Document::new(brief, None), None);
                    let title = templates::find(name).map_or(name, |t| t.title);
                    self.info(format!("New brief from the template \"{title}\""));
                }
                Some(Err(e)) => self.error(format!("Template {name} is damaged: {e}")),
                None => self.error(format!("No template named {name}")),
            },
            Pending::Open(Some(path)) | Pending::Import(Some(path)) => self.open_or_import(&path),
            Pending::Open(None) => self.choose_path(PathPurpose::Open, None),
            Pending::NewFromPrevious(None) => self.choose_path(PathPurpose::Previous, None),
            Pending::NewFromPrevious(Some(path)) => self.new_from_previous(&path),
            Pending::OpenAt(path, item) => {
                let here = self
                    .doc
                    .path()
                    .is_some_and(|p| crate::io::same_file(p, &path));
                if !here {
                    self.open_or_import(&path);
                }
                let opened = self
                    .doc
                    .path()
                    .is_some_and(|p| crate::io::same_file(p, &path));
                if let Some(place) = opened.then(|| self.doc.brief().locate(item)).flatten() {
                    self.select(place);
                }
            }
            Pending::Import(None) => self.choose_path(PathPurpose::Import, None),
            Pending::ImportPasted(None) => {
                self.dialog = Some(super::dialogs::Dialog::Paste {
                    text: String::new(),
                })
            }
            Pending::ImportPasted(Some(text)) => {
                // Text or Markdown, told apart by its content.
                let import::Imported { brief, report } =
                    import::import_str_reported(&text, import::Kind::Text);
                let summary = crate::cli::summary(&brief);
                self.set_document(Document::new(brief, None), None);
                let guesses = report.to_lines().join("\n");
                self.info(format!("Imported the pasted article: {summary}\n{guesses}"));
            }
        }
    }

    /// A new untitled brief (the blank template) with a "Commitments
    /// carried forward" section holding the unfinished commitments of the
    /// brief at `path`.
    pub(crate) fn new_from_previous(&mut self, path: &Path) {
        let previous = match crate::io::load(path) {
            Ok(b) => b,
            Err(e) => return self.error(format!("Could not open {e}")),
        };
        let mut doc = blank_document();
        let mut brief = doc.brief().clone();
        let n = crate::register::carry_forward(&previous, &mut brief);
        doc = Document::new(brief, None);
        self.set_document(doc, None);
        self.info(format!(
            "New brief carrying forward {n} unfinished commitments from {}",
            path.display()
        ));
    }

    /// Pulls the unfinished commitments of the brief at `path` into the
    /// commitments table "Bring forward from…" was pressed in.
    pub(crate) fn bring_forward_from(&mut self, path: &Path) {
        let Some(block) = self.bring_into.take() else {
            return;
        };
        let previous = match crate::io::load(path) {
            Ok(b) => b,
            Err(e) => return self.error(format!("Could not open {e}")),
        };
        match self
            .doc
            .edit(|b| crate::register::bring_forward(&previous, b, block))
        {
            Ok(n) => self.info(format!(
                "Brought forward {n} unfinished commitments from {}",
                path.display()
            )),
            Err(e) => self.error(format!("Cannot bring commitments forward: {e}")),
        }
    }

    /// Opens a `.brief`, or imports a `.txt` / `.md` article as a new brief.
    pub(crate) fn open_or_import(&mut self, path: &Path) {
        match import::Kind::of_article(path) {
            Some(_) => match import::import_file_reported(path) {
                Ok(import::Imported { brief, report }) => {
                    let summary = crate::cli::summary(&brief);
                    self.set_document(Document::new(brief, None), None);
                    // The guesses follow the summary, one a line, so a
                    // table read the wrong way is seen before it is sent.
                    let guesses = report.to_lines().join("\n");
                    self.info(format!("Imported {}: {summary}\n{guesses}", path.display()));
                }
                Err(e) => self.error(format!("Could not import {e}")),
            },
            None => match lock::inspect(path, &self.window) {
                LockState::Held(owner) => {
                    self.dialog = Some(Dialog::Locked {
                        path: path.to_path_buf(),
                        who: owner.describe(),
                    })
                }
                LockState::Unreadable(why) => {
                    self.dialog = Some(Dialog::Locked {
                        path: path.to_path_buf(),
                        who: why,
                    })
                }
                LockState::Free | LockState::Ours => self.open_brief(path, OpenMode::Normal),
            },
        }
    }

    /// Opens a `.brief`: normally (taking its lock), read-only, or anyway
    /// while another window has it (without taking that window's lock).
    pub(crate) fn open_brief(&mut self, path: &Path, mode: OpenMode) {
        let mut doc = match Document::open(path) {
            Ok(doc) => doc,
            Err(e) => {
                self.settings.recent.retain(|p| p != path);
                self.error(format!("Could not open {e}"));
                return;
            }
        };
        let mut warning = None;
        let lock = match mode {
            OpenMode::ReadOnly => {
                doc.set_read_only(true);
                None
            }
            OpenMode::Anyway => None,
            OpenMode::Normal => match lock::acquire(path, &self.window) {
                Ok(l) => Some(l),
                // Taken between the look and the open: ask after all.
                Err(LockError::Held { owner, .. }) => {
                    self.dialog = Some(Dialog::Locked {
                        path: path.to_path_buf(),
                        who: owner.describe(),
                    });
                    return;
                }
                Err(e) => {
                    warning = Some(format!(
                        "{e}. Other windows will not be warned that it is open here."
                    ));
                    None
                }
            },
        };
        self.set_document(doc, lock);
        self.notices.clear();
        match mode {
            OpenMode::ReadOnly => self.info(format!(
                "{} is open read-only: Save As saves a copy",
                path.display()
            )),
            OpenMode::Anyway => self.error(format!(
                "{} is also open in another window; saving here may overwrite its changes (Briefsmith asks first)",
                path.display()
            )),
            OpenMode::Normal => {}
        }
        if let Some(w) = warning {
            self.error(w);
        }
    }

    /// Holds `lock` for the open document, releasing the previous one
    /// (unless both are the same file's lock).
    pub(crate) fn set_lock(&mut self, lock: Option<FileLock>) {
        match (&self.lock, lock) {
            (Some(old), Some(new)) if old.path() == new.path() => {
                // Dropping `new` would remove the lock file `old` still holds.
                std::mem::forget(new);
            }
            (_, lock) => self.lock = lock,
        }
    }

    /// Saves to the document's file, asking for one if it has none (or
    /// if the document is open read-only). `then` runs after a successful save.
    pub(crate) fn save(&mut self, then: Option<Pending>, ctx: &egui::Context) {
        match self.doc.path().map(Path::to_path_buf) {
            Some(path) if self.doc.is_read_only() => {
                self.error(format!(
                    "{} is open read-only in this window: choose another file to save a copy",
                    path.display()
                ));
                self.choose_path(PathPurpose::SaveAs, then);
            }
            Some(path) => self.save_checked(&path, then, ctx),
            None => self.choose_path(PathPurpose::SaveAs, then),
        }
    }

    /// Saves over the document's own file unless someone else changed it
    /// since it was loaded: then asks Overwrite / Save as… / Reload.
    fn save_checked(&mut self, path: &Path, then: Option<Pending>, ctx: &egui::Context) {
        match self.doc.disk_change() {
            DiskChange::Changed(_) => {
                self.dialog = Some(Dialog::ChangedOnDisk {
                    path: path.to_path_buf(),
                    then,
                })
            }
            DiskChange::Unchanged | DiskChange::Missing => {
                self.save_to(path, then, ctx);
            }
        }
    }

    /// Writes the brief to `path`; every check has been made. True when saved.
    pub(crate) fn save_to(
        &mut self,
        path: &Path,
        then: Option<Pending>,
        ctx: &egui::Context,
    ) -> bool {
        let new_file = !self
            .doc
            .path()
            .is_some_and(|p| crate::io::same_file(p, path));
        match self.doc.save_to(path) {
            Ok(()) => {
                // Saved: the recovery copy goes, and a new path gets a new key.
                self.recovery.forget();
                self.recovery.document_changed(&self.doc);
                self.disk.saved();
                self.settings.add_recent(path);
                self.info(format!("Saved {}", path.display()));
                if new_file {
                    // The window now has this file open: others should see that.
                    match lock::acquire(path, &self.window) {
                        Ok(l) => self.set_lock(Some(l)),
                        Err(e) => {
                            self.lock = None;
                            self.error(format!(
                                "{e}. Other windows will not be warned that it is open here."
                            ));
                        }
                    }
                }
                if let Some(action) = then {
                    self.perform(action, ctx);
                }
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    /// Saves to a path the user just chose; when that fails, asks again
    /// with the same path, so it can be corrected rather than retyped.
    pub(crate) fn save_to_chosen(
        &mut self,
        path: &Path,
        then: Option<Pending>,
        ctx: &egui::Context,
    ) {
        if !self.save_to(path, then.clone(), ctx) {
            self.choose_path_from(PathPurpose::SaveAs, path, then);
        }
    }

    /// Asks for a path with the native dialog, or the in-app field when
    /// there is no dialog service.
    pub(crate) fn choose_path(&mut self, purpose: PathPurpose, then: Option<Pending>) {
        if self.native_dialogs {
            let start = Instant::now();
            if let Some(path) = native_dialog(purpose, &self.doc) {
                self.pending_path = Some((purpose, path, then));
                return;
            }
            if start.elapsed() >= NO_DIALOG_SERVICE {
                return; // the user cancelled the dialog
            }
        }
        self.dialog = Some(Dialog::Path {
            purpose,
            text: suggested_path(purpose, &self.doc),
            then,
        });
    }

    /// Acts on a chosen path. `agreed` says the user has already agreed to
    /// replace an existing file of the expected kind (a native save dialog
    /// asks that itself, and so does our Replace prompt).
    pub(crate) fn path_chosen(
        &mut self,
        purpose: PathPurpose,
        path: PathBuf,
        then: Option<Pending>,
        agreed: bool,
        ctx: &egui::Context,
    ) {
        match purpose {
            PathPurpose::Open | PathPurpose::Import => self.open_or_import(&path),
            PathPurpose::Previous => self.new_from_previous(&path),
            PathPurpose::BringForward => self.bring_forward_from(&path),
            PathPurpose::SaveAs => {
                let path = if path.extension().is_none() {
                    path.with_extension("brief")
                } else {
                    path
                };
                self.save_as(path, then, agreed, ctx);
            }
            PathPurpose::Export => self.export_to(path, agreed),
        }
    }

    /// Asks again for a path, starting from `path` (after explaining why
    /// the last one was not taken, or to choose another name).
    pub(crate) fn choose_path_from(
        &mut self,
        purpose: PathPurpose,
        path: &Path,
        then: Option<Pending>,
    ) {
        if self.native_dialogs {
            return self.choose_path(purpose, then);
        }
        self.dialog = Some(Dialog::Path {
            purpose,
            text: path.display().to_string(),
            then,
        });
    }

    fn save_as(&mut self, path: PathBuf, then: Option<Pending>, agreed: bool, ctx: &egui::Context) {
        if self
            .doc
            .path()
            .is_some_and(|p| crate::io::same_file(p, &path))
        {
            // Its own file: an ordinary save, with its checks.
            return self.save(then, ctx);
        }
        if let LockState::Held(owner) = lock::inspect(&path, &self.window) {
            self.error(format!(
                "{} is open in another window ({}): choose another name",
                path.display(),
                owner.describe()
            ));
            return self.choose_path_from(PathPurpose::SaveAs, &path, then);
        }
        match crate::io::sniff(&path) {
            None => self.save_to_chosen(&path, then, ctx),
            Some(kind @ (FileKind::Directory | FileKind::Special)) => {
                self.error(format!(
                    "Cannot save to {}: it is {}",
                    path.display(),
                    kind.describe()
                ));
                self.choose_path_from(PathPurpose::SaveAs, &path, then);
            }
            Some(FileKind::Brief) if agreed => self.save_to_chosen(&path, then, ctx),
            Some(kind) => {
                self.dialog = Some(Dialog::Replace {
                    purpose: PathPurpose::SaveAs,
                    path,
                    kind,
                    then,
                })
            }
        }
    }

    fn export_to(&mut self, path: PathBuf, agreed: bool) {
        use crate::io::ExportTargetError;
        let open = self.doc.path().map(Path::to_path_buf);
        // One look at the file: what it is decides whether to ask.
        let ask = match crate::io::check_export_target(open.as_deref(), &path, false) {
            Ok(()) if agreed || !path.exists() => None,
            Ok(()) => Some(FileKind::Pdf),
            Err(ExportTargetError::NotPdf { kind, .. }) => Some(kind),
            Err(e) => {
                let suggestion = path.with_extension("pdf");
                self.error(format!("Not exported: {e}"));
                return self.choose_path_from(PathPurpose::Export, &suggestion, None);
            }
        };
        match ask {
            None => self.export_pdf(&path),
            Some(kind) => {
                self.dialog = Some(Dialog::Replace {
                    purpose: PathPurpose::Export,
                    path,
                    kind,
                    then: None,
                })
            }
        }
    }

    /// File > Print…: writes the PDF to the temporary folder and opens it
    /// in the system's viewer, which prints it.
    pub(crate) fn print(&mut self) {
        let dir = std::env::temp_dir().join("briefsmith-print");
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return self.error(format!("Cannot print: {}: {e}", dir.display()));
        }
        let path = dir.join(format!("{}.pdf", suggested_stem(self.doc.path())));
        // An export lays out afresh, with a cache of its own.
        let pages = (self.layout_fn)(self.doc.brief(), &mut Default::default());
        if let Err(e) = write_pdf(&pages, &self.doc.brief().style, &path) {
            return self.error(e);
        }
        match crate::io::viewer::show(&path) {
            Ok(()) => self.info(format!(
                "Opened {} in the PDF viewer: print it from there",
                path.display()
            )),
            Err(e) => self.error(format!(
                "Cannot print: {e}. The PDF is at {}",
                path.display()
            )),
        }
    }

    /// Writes the PDF of the current brief.
    pub(crate) fn export_pdf(&mut self, path: &Path) {
        // An export lays out afresh, with a cache of its own.
        let pages = (self.layout_fn)(self.doc.brief(), &mut Default::default());
        match write_pdf(&pages, &self.doc.brief().style, path) {
            Ok(()) => {
                let missing: Vec<String> = pages.warnings.iter().map(|w| w.to_string()).collect();
                if missing.is_empty() {
                    self.info(format!(
                        "Exported {} ({})",
                        path.display(),
                        crate::model::counted(pages.pages.len(), "page")
                    ));
                } else {
                    self.error(format!(
                        "Exported {}, but some characters will not print: {}",
                        path.display(),
                        missing.join("; ")
                    ));
                }
            }
            Err(e) => self.error(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_names_carry_no_hidden_controls() {
        let p = Path::new("/tmp/visit\u{202e}fdp.\u{7}brief");
        assert_eq!(suggested_stem(Some(p)), "visitfdp");
        assert_eq!(suggested_stem(Some(Path::new("/tmp/a\tb.brief"))), "a b");
        assert_eq!(suggested_stem(Some(Path::new("/tmp/\u{1}.brief"))), "brief");
        assert_eq!(suggested_stem(None), "brief");
        assert_eq!(suggested_stem(Some(Path::new("/tmp/q1.v2.brief"))), "q1.v2");
    }
}
