//! Modal dialogs: the unsaved-changes prompt (Save / Discard / Cancel), the
//! in-app path field used when no native file dialog is available, the
//! template chooser for a new brief, and the questions asked before a file
//! is shared or replaced: a brief open in another window, a file changed
//! on disk since it was loaded, an existing file about to be replaced; and
//! before a brief with placeholders left is marked Final or exported.

use std::path::PathBuf;

use super::files::Pending;
use super::EditorApp;
use crate::io::FileKind;
use crate::templates::TEMPLATES;

/// How to open a brief another window may have open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Take its lock (it is free).
    Normal,
    /// Look, but not save over it.
    ReadOnly,
    /// Edit it alongside the other window.
    Anyway,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    Import,
    Export,
    /// The brief a new one carries unfinished commitments forward from.
    Previous,
    /// The brief a commitments table brings unfinished commitments from.
    BringForward,
}

impl PathPurpose {
    fn title(self) -> &'static str {
        match self {
            PathPurpose::Open => "Open brief",
            PathPurpose::SaveAs => "Save brief as",
            PathPurpose::Import => "Import article",
            PathPurpose::Export => "Export PDF",
            PathPurpose::Previous => "New from previous brief",
            PathPurpose::BringForward => "Bring forward from",
        }
    }
    fn button(self) -> &'static str {
        match self {
            PathPurpose::Open => "Open",
            PathPurpose::SaveAs => "Save",
            PathPurpose::Import => "Import",
            PathPurpose::Export => "Export",
            PathPurpose::Previous => "Carry forward",
            PathPurpose::BringForward => "Bring forward",
        }
    }
}

/// What waits on the question about placeholders left in the brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfinished {
    MarkFinal,
    Export,
    Print,
}

impl Unfinished {
    fn button(self) -> &'static str {
        match self {
            Unfinished::MarkFinal => "Mark Final anyway",
            Unfinished::Export => "Export anyway",
            Unfinished::Print => "Print anyway",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Dialog {
    Unsaved {
        then: Pending,
    },
    Path {
        purpose: PathPurpose,
        text: String,
        then: Option<Pending>,
    },
    Templates,
    /// A box to paste an article into (File > Import pasted article).
    Paste {
        text: String,
    },
    /// Placeholders such as `[Country]` are left: go on with `then` anyway?
    Placeholders {
        found: Vec<String>,
        then: Unfinished,
    },
    /// Unsaved work an earlier run left behind.
    Recover(Vec<crate::io::recovery::Recovered>),
    /// The brief at `path` is open in another window; `who` says whose.
    Locked {
        path: PathBuf,
        who: String,
    },
    /// The open brief's file was changed by someone else since it was
    /// loaded; a save is waiting.
    ChangedOnDisk {
        path: PathBuf,
        then: Option<Pending>,
    },
    /// Saving or exporting would replace an existing file.
    Replace {
        purpose: PathPurpose,
        path: PathBuf,
        kind: FileKind,
        then: Option<Pending>,
    },
}

enum Answer {
    None,
    Close,
    Save(Pending),
    Discard(Pending),
    Path(PathPurpose, PathBuf, Option<Pending>),
    /// A path the user agreed to replace.
    Replace(PathPurpose, PathBuf, Option<Pending>),
    Open(PathBuf, OpenMode),
    Overwrite(PathBuf, Option<Pending>),
    SaveAsInstead(Option<Pending>),
    Reload,
    New(&'static str),
    ImportPasted(String),
    Anyway(Unfinished),
    FindPlaceholder(String),
    Restore(Box<crate::io::recovery::Recovered>),
    DiscardRecovered(Vec<crate::io::recovery::Recovered>),
}

/// True in the first frame a widget is shown after not being shown.
fn just_opened(ui: &egui::Ui, id: egui::Id) -> bool {
    let pass = ui.ctx().cumulative_pass_nr();
    let key = id.with("last-shown");
    let last = ui.data(|d| d.get_temp::<u64>(key));
    ui.data_mut(|d| d.insert_temp(key, pass));
    last.is_none_or(|l| l + 1 < pass)
}

fn cursor_to_end(ui: &egui::Ui, id: egui::Id, chars: usize) {
    let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
    let end = egui::text::CCursor::new(chars);
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::one(end)));
    state.store(ui.ctx(), id);
}

impl EditorApp {
    pub(super) fn dialogs(&mut self, ctx: &egui::Context) {
        if self.dialog.is_none() {
            self.dialog = self.later.pop();
        }
        let Some(dialog) = self.dialog.as_mut() else {
            return;
        };
        let mut answer = Answer::None;
        let name = self.doc.name();
        let modal = egui::Modal::new(egui::Id::unique("briefsmith-dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match dialog {
                Dialog::Unsaved { then } => {
                    ui.heading("Unsaved changes");
                    ui.label(format!(
                        "{name} has unsaved changes. Save them before continuing?"
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            answer = Answer::Save(then.clone());
                        }
                        if ui.button("Discard").clicked() {
                            answer = Answer::Discard(then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            answer = Answer::Close;
                        }
                    });
                }
                Dialog::Path {
                    purpose,
                    text,
                    then,
                } => {
                    ui.heading(purpose.title());
                    let label = ui.label("File path");
                    let id = egui::Id::unique("path-field");
                    let field = ui.add(
                        egui::TextEdit::singleline(text)
                            .desired_width(480.0)
                            .id(id),
                    );
                    let field = field.labelled_by(label.id);
                    if just_opened(ui, id) {
                        // Ready to type a name after the folder filled in.
                        field.request_focus();
                        cursor_to_end(ui, id, text.chars().count());
                    }
                    let entered =
                        field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        let ok = ui.button(purpose.button()).clicked() || entered;
                        if ok && !text.trim().is_empty() {
                            answer =
                                Answer::Path(*purpose, PathBuf::from(text.trim()), then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            answer = Answer::Close;
                        }
                    });
                }
                Dialog::Recover(found) => {
                    ui.heading("Recover unsaved work");
                    ui.label("Briefsmith did not close cleanly last time. These briefs had unsaved changes:");
                    for r in found.iter() {
                        ui.horizontal(|ui| {
                            let when = chrono::DateTime::from_timestamp(r.saved_at, 0)
                                .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string())
                                .unwrap_or_default();
                            if ui.button(format!("Restore {}", r.name())).clicked() {
                                answer = Answer::Restore(Box::new(r.clone()));
                            }
                            ui.label(format!("last change {when}"));
                        });
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Discard all").clicked() {
                            answer = Answer::DiscardRecovered(found.clone());
                        }
                        if ui.button("Later").on_hover_text("Keep them for the next start").clicked() {
                            answer = Answer::Close;
                        }
                    });
                }
                Dialog::Locked { path, who } => {
                    ui.heading("Open in another window");
                    let file = path
                        .file_name()
                        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                    ui.label(format!("{file} is already open: {who}."));
                    ui.label(
                        "Open it read-only to look without saving over it, or open it anyway \
                         if you are sure the other window will not save.",
                    );
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Open read-only").clicked() {
                            answer = Answer::Open(path.clone(), OpenMode::ReadOnly);
                        }
                        if ui.button("Open anyway").clicked() {
                            answer = Answer::Open(path.clone(), OpenMode::Anyway);
                        }
                        if ui.button("Cancel").clicked() {
                            answer = Answer::Close;
                        }
                    });
                }
                Dialog::ChangedOnDisk { path, then } => {
                    ui.heading("Changed on disk");
                    ui.label(format!(
                        "{} was changed by another program or window since you opened it. \
                         Saving now would replace those changes.",
                        path.display()
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui
                            .button("Overwrite")
                            .on_hover_text("Replace the file on disk with this window's brief")
                            .clicked()
                        {
                            answer = Answer::Overwrite(path.clone(), then.clone());
                        }
                        if ui
                            .button("Save as…")
                            .on_hover_text("Keep both: save this window's brief to another file")
                            .clicked()
                        {
                            answer = Answer::SaveAsInstead(then.clone());
                        }
                        if ui
                            .button("Reload")
                            .on_hover_text("Load the file from disk; Undo brings your version back")
                            .clicked()
                        {
                            answer = Answer::Reload;
                        }
                        if ui.button("Cancel").clicked() {
                            answer = Answer::Close;
                        }
                    });
                }
                Dialog::Replace {
                    purpose,
                    path,
                    kind,
                    then,
                } => {
                    ui.heading("Replace the existing file?");
                    let expected = match purpose {
                        PathPurpose::Export => FileKind::Pdf,
                        _ => FileKind::Brief,
                    };
                    if *kind == expected {
                        ui.label(format!("{} already exists. Replace it?", path.display()));
                    } else {
                        ui.label(format!(
                            "{} already exists and is {}, not {}. Replacing it loses what it holds.",
                            path.display(),
                            kind.describe(),
                            expected.describe()
                        ));
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Replace").clicked() {
                            answer = Answer::Replace(*purpose, path.clone(), then.clone());
                        }
                        if ui.button("Choose another name").clicked() {
                            answer = Answer::Path(*purpose, path.clone(), then.clone());
                        }
                        if ui.button("Cancel").clicked() {
                            answer = Answer::Close;
                        }
                    });
                }
                Dialog::Placeholders { found, then } => {
                    ui.heading("Placeholders left");
                    let shown: Vec<&str> = found.iter().take(6).map(String::as_str).collect();
                    let more = found.len().saturating_sub(shown.len());
                    let list = if more > 0 {
                        format!("{} and {more} more", shown.join(", "))
                    } else {
                        shown.join(", ")
                    };
                    ui.add(
                        egui::Label::new(format!(
                            "This brief still has placeholders to fill in: {list}."
                        ))
                        .wrap(),
                    );
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button(then.button()).clicked() {
                            answer = Answer::Anyway(*then);
                        }
                        if let Some(first) = found.first() {
                            if ui
                                .button("Find them")
                                .on_hover_text(format!("Find {first}"))
                                .clicked()
                            {
                                answer = Answer::FindPlaceholder(first.clone());
                            }
                        }
                        if ui.button("Cancel").clicked() {
                            answer = Answer::Close;
                        }
                    });
                }
                Dialog::Paste { text } => {
                    ui.heading("Import a pasted article");
                    let label = ui.label("Article text (paste with Ctrl+V)");
                    let id = egui::Id::unique("paste-field");
                    let field = egui::ScrollArea::vertical()
                        .max_height(320.0)
                        .show(ui, |ui| {
                            ui.add(
                                egui::TextEdit::multiline(text)
                                    .desired_width(520.0)
                                    .desired_rows(14)
                                    .id(id),
                            )
                        })
                        .inner
                        .labelled_by(label.id);
                    if just_opened(ui, id) {
                        field.request_focus();
                    }
                    ui.horizontal(|ui| {
                        if ui.button("Import").clicked() && !text.trim().is_empty() {
                            answer = Answer::ImportPasted(std::mem::take(text));
                        }
                        if ui.button("Cancel").clicked() {
                            answer = Answer::Close;
                        }
                    });
                }
                Dialog::Templates => {
                    ui.heading("New brief from a template");
                    for t in TEMPLATES {
                        ui.add_space(4.0);
                        if ui.button(t.title).clicked() {
                            answer = Answer::New(t.name);
                        }
                        ui.label(egui::RichText::new(t.description).weak());
                    }
                    ui.add_space(8.0);
                    if ui.button("Cancel").clicked() {
                        answer = Answer::Close;
                    }
                }
            }
        });
        if modal.should_close() && matches!(answer, Answer::None) {
            answer = Answer::Close;
        }
        match answer {
            Answer::None => {}
            Answer::Close => self.dialog = None,
            Answer::Save(then) => {
                self.dialog = None;
                self.save(Some(then), ctx);
            }
            Answer::Discard(then) => {
                self.dialog = None;
                self.perform(then, ctx);
            }
            Answer::Path(purpose, path, then) => {
                let from_replace = matches!(self.dialog, Some(Dialog::Replace { .. }));
                self.dialog = None;
                if from_replace {
                    // "Choose another name": back to the path, changed by hand.
                    self.choose_path_from(purpose, &path, then);
                } else {
                    self.path_chosen(purpose, path, then, false, ctx);
                }
            }
            Answer::Replace(purpose, path, then) => {
                self.dialog = None;
                match purpose {
                    PathPurpose::Export => self.export_pdf(&path),
                    _ => self.save_to_chosen(&path, then, ctx),
                }
            }
            Answer::Open(path, mode) => {
                self.dialog = None;
                self.open_brief(&path, mode);
            }
            Answer::Overwrite(path, then) => {
                self.dialog = None;
                self.save_to(&path, then, ctx);
            }
            Answer::SaveAsInstead(then) => {
                self.dialog = None;
                self.choose_path(PathPurpose::SaveAs, then);
            }
            Answer::ImportPasted(text) => {
                self.dialog = None;
                self.perform(Pending::ImportPasted(Some(text)), ctx);
            }
            Answer::Reload => {
                self.dialog = None;
                self.reload();
            }
            Answer::Restore(r) => {
                let rest: Vec<_> = match &self.dialog {
                    Some(Dialog::Recover(found)) => {
                        found.iter().filter(|f| f.key != r.key).cloned().collect()
                    }
                    _ => Vec::new(),
                };
                self.dialog = (!rest.is_empty()).then_some(Dialog::Recover(rest));
                self.restore(*r);
            }
            Answer::DiscardRecovered(found) => {
                self.dialog = None;
                self.discard_recovered(&found);
            }
            Answer::Anyway(then) => {
                self.dialog = None;
                self.finish_anyway(then);
            }
            Answer::FindPlaceholder(p) => {
                self.dialog = None;
                self.find.open = true;
                self.find.focus = true;
                self.find.query = p;
            }
            Answer::New(name) => {
                self.dialog = None;
                self.request(Pending::New(name), ctx);
            }
        }
    }
}
