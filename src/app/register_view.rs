//! View > Commitments register: a window listing every commitment of the
//! briefs and folders typed (or chosen) into its path field, read on a
//! background thread with progress; sortable by any column, filtered by
//! party, owner, status and overdue, with each commitment's history; a row
//! opens its brief at that commitment; the rows shown export as CSV.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};

use egui_extras::{Column, TableBuilder};

use super::files::Pending;
use super::EditorApp;
use crate::model::CommitmentStatus;
use crate::register::{self, Register, Row};

/// The columns, as headed; clicking one sorts by it.
const HEADINGS: [&str; 9] = [
    "Brief",
    "Meeting",
    "Party",
    "Commitment",
    "Owner",
    "Due",
    "Status",
    "Overdue",
    "History",
];

/// A read in progress: files done of total, and the result when it comes.
struct Reading {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    result: mpsc::Receiver<Register>,
}

/// Which statuses the status filter lets through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    NotDone,
    Is(Option<CommitmentStatus>),
}

impl StatusFilter {
    fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "Any status",
            StatusFilter::NotDone => "Not done",
            StatusFilter::Is(None) => "No status",
            StatusFilter::Is(Some(s)) => s.label(),
        }
    }
    fn passes(self, s: Option<CommitmentStatus>) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::NotDone => s != Some(CommitmentStatus::Done),
            StatusFilter::Is(want) => s == want,
        }
    }
}

/// The register window's state.
#[derive(Default)]
pub struct RegisterView {
    pub open: bool,
    /// Briefs and folders, separated by `;` or new lines.
    pub paths: String,
    reading: Option<Reading>,
    register: Option<Arc<Register>>,
    /// Sorted by this column (index into HEADINGS), descending if set.
    sort: Option<(usize, bool)>,
    party: String,
    owner: String,
    status: StatusFilter,
    overdue_only: bool,
    /// Where Export as CSV writes.
    pub csv_path: String,
    /// The last outcome, shown under the controls.
    message: Option<String>,
    /// The rows shown (indices into the register's rows) and the filters
    /// and order they were worked out for.
    shown: Option<(ViewKey, Vec<usize>)>,
}

type ViewKey = (String, String, StatusFilter, bool, Option<(usize, bool)>);

impl RegisterView {
    /// The register read last, if any (for tests).
    pub fn register(&self) -> Option<&Register> {
        self.register.as_deref()
    }

    pub fn is_reading(&self) -> bool {
        self.reading.is_some()
    }

    fn paths_list(&self) -> Vec<PathBuf> {
        self.paths
            .split([';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .collect()
    }

    /// Starts reading the briefs off the UI thread.
    fn start(&mut self, ctx: &egui::Context) {
        let paths = self.paths_list();
        if paths.is_empty() {
            self.message = Some("Type briefs or folders to read first.".into());
            return;
        }
        let (tx, rx) = mpsc::channel();
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let (d, t, c) = (done.clone(), total.clone(), ctx.clone());
        let today = chrono::Local::now().date_naive();
        std::thread::spawn(move || {
            let reg = Register::read(&paths, today, &|n, of| {
                d.store(n, Ordering::Relaxed);
                t.store(of, Ordering::Relaxed);
                if n % 25 == 0 {
                    c.request_repaint();
                }
            });
            // The window may have gone; nothing to do then.
            let _ = tx.send(reg);
            c.request_repaint();
        });
        self.reading = Some(Reading {
            done,
            total,
            result: rx,
        });
        self.message = None;
    }

    /// Takes a finished read's result.
    fn poll(&mut self) {
        let Some(r) = &self.reading else { return };
        match r.result.try_recv() {
            Ok(reg) => {
                let failed = reg.failures.len();
                self.message = Some(format!(
                    "{} commitments in {} briefs{}",
                    reg.rows.len(),
                    reg.briefs.len(),
                    if failed > 0 {
                        format!("; {failed} could not be read")
                    } else {
                        String::new()
                    }
                ));
                self.register = Some(Arc::new(reg));
                self.shown = None;
                self.reading = None;
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => {
                self.message = Some("Reading the briefs stopped unexpectedly.".into());
                self.reading = None;
            }
        }
    }

    /// The rows that pass the filters, in the chosen order: worked out
    /// again only when a filter, the order or the register changes, so a
    /// register of 20,000 rows costs nothing per frame.
    fn visible<'a>(&mut self, reg: &'a Register) -> Vec<&'a Row> {
        let key = (
            self.party.clone(),
            self.owner.clone(),
            self.status,
            self.overdue_only,
            self.sort,
        );
        if self.shown.as_ref().is_none_or(|(k, _)| *k != key) {
            let idx = self.filter_and_sort(reg);
            self.shown = Some((key, idx));
        }
        self.shown
            .as_ref()
            .map(|(_, idx)| idx.iter().filter_map(|&i| reg.rows.get(i)).collect())
            .unwrap_or_default()
    }

    /// Indices of the rows that pass the filters, sorted.
    fn filter_and_sort(&self, reg: &Register) -> Vec<usize> {
        let party = self.party.trim().to_lowercase();
        let owner = self.owner.trim().to_lowercase();
        let mut idx: Vec<usize> = reg
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| party.is_empty() || r.party.to_lowercase().contains(&party))
            .filter(|(_, r)| owner.is_empty() || r.owner.to_lowercase().contains(&owner))
            .filter(|(_, r)| self.status.passes(r.status))
            .filter(|(_, r)| !self.overdue_only || r.overdue)
            .map(|(i, _)| i)
            .collect();
        if let Some((col, desc)) = self.sort {
            let key = |r: &Row| -> String {
                match col {
                    0 => r.brief.clone(),
                    1 => r.meeting_date.clone(),
                    2 => r.party.to_lowercase(),
                    3 => r.commitment.to_lowercase(),
                    4 => r.owner.to_lowercase(),
                    5 => r.due.clone(),
                    6 => r.status_key().to_string(),
                    7 => r.overdue.to_string(),
                    _ => reg.history_text(&r.id),
                }
            };
            idx.sort_by_cached_key(|&i| key(&reg.rows[i]));
            if desc {
                idx.reverse();
            }
        }
        idx
    }
}

impl EditorApp {
    /// The register window, when open.
    pub(super) fn register_window(&mut self, ctx: &egui::Context) {
        if !self.register_view.open {
            return;
        }
        self.register_view.poll();
        let mut open = true;
        let mut go_to: Option<(PathBuf, crate::model::Id)> = None;
        let native = self.native_dialogs;
        egui::Window::new("Commitments register")
            .open(&mut open)
            .default_size([1440.0, 620.0])
            .show(ctx, |ui| {
                go_to = self.register_contents(ui, native);
            });
        self.register_view.open = open;
        if let Some((path, row)) = go_to {
            self.request(Pending::OpenAt(path, row), ctx);
        }
    }

    fn register_contents(
        &mut self,
        ui: &mut egui::Ui,
        native: bool,
    ) -> Option<(PathBuf, crate::model::Id)> {
        let v = &mut self.register_view;
        ui.horizontal(|ui| {
            let label = ui.label("Briefs or folders");
            ui.add(
                egui::TextEdit::singleline(&mut v.paths)
                    .desired_width(620.0)
                    .hint_text("folder or file.brief; another.brief"),
            )
            .labelled_by(label.id);
            if native && ui.button("Choose folder…").clicked() {
                if let Some(dir) = rfd::FileDialog::new().pick_folder() {
                    v.paths = dir.display().to_string();
                }
            }
            let reading = v.reading.is_some();
            if ui
                .add_enabled(!reading, egui::Button::new("Read briefs"))
                .clicked()
            {
                v.start(ui.ctx());
            }
        });
        if let Some(r) = &v.reading {
            let (done, total) = (
                r.done.load(Ordering::Relaxed),
                r.total.load(Ordering::Relaxed),
            );
            let frac = if total == 0 {
                0.0
            } else {
                done as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(frac)
                    .text(format!("Reading briefs: {done} of {total}"))
                    .desired_width(400.0),
            );
        }
        ui.horizontal(|ui| {
            let l = ui.label("Filter by party");
            ui.add(egui::TextEdit::singleline(&mut v.party).desired_width(120.0))
                .labelled_by(l.id);
            let l = ui.label("Filter by owner");
            ui.add(egui::TextEdit::singleline(&mut v.owner).desired_width(120.0))
                .labelled_by(l.id);
            egui::ComboBox::from_id_salt("register-status")
                .selected_text(v.status.label())
                .show_ui(ui, |ui| {
                    for s in [
                        StatusFilter::All,
                        StatusFilter::NotDone,
                        StatusFilter::Is(Some(CommitmentStatus::Open)),
                        StatusFilter::Is(Some(CommitmentStatus::InProgress)),
                        StatusFilter::Is(Some(CommitmentStatus::Done)),
                        StatusFilter::Is(None),
                    ] {
                        ui.selectable_value(&mut v.status, s, s.label());
                    }
                })
                .response
                .accessible_name("Status filter");
            ui.checkbox(&mut v.overdue_only, "Overdue only");
        });
        if let Some(m) = &v.message {
            ui.label(m.as_str());
        }
        let reg = v.register.clone()?;
        for f in &reg.failures {
            ui.colored_label(ui.visuals().error_fg_color, &f.message);
        }
        let rows = v.visible(&reg);
        let mut export = false;
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} of {} commitments shown",
                rows.len(),
                reg.rows.len()
            ));
            let l = ui.label("CSV file");
            ui.add(egui::TextEdit::singleline(&mut v.csv_path).desired_width(300.0))
                .labelled_by(l.id);
            export = ui.button("Export as CSV").clicked();
        });
        if export {
            let path = if v.csv_path.trim().is_empty() && native {
                rfd::FileDialog::new()
                    .add_filter("CSV", &["csv"])
                    .set_file_name("commitments.csv")
                    .save_file()
            } else {
                Some(PathBuf::from(v.csv_path.trim()))
            };
            if let Some(path) = path.filter(|p| !p.as_os_str().is_empty()) {
                let csv = register::to_csv(&rows);
                v.message = Some(match crate::io::write_atomic(&path, csv.as_bytes()) {
                    Ok(()) => format!("Exported {} rows to {}", rows.len(), path.display()),
                    Err(e) => format!(
                        "Could not export {}: {}",
                        path.display(),
                        crate::io::in_words(&e)
                    ),
                });
            }
        }
        let mut go_to = None;
        let mut sort_by = None;
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .column(Column::initial(150.0).clip(true))
            .column(Column::initial(85.0))
            .column(Column::initial(90.0).clip(true))
            .column(Column::initial(250.0).clip(true))
            .column(Column::initial(110.0).clip(true))
            .column(Column::initial(85.0))
            .column(Column::initial(85.0))
            .column(Column::initial(65.0))
            .column(Column::remainder().clip(true))
            .header(row_h, |mut h| {
                for (i, name) in HEADINGS.iter().enumerate() {
                    h.col(|ui| {
                        let arrow = match v.sort {
                            Some((c, false)) if c == i => " (ascending)",
                            Some((c, true)) if c == i => " (descending)",
                            _ => "",
                        };
                        let b = ui
                            .add(
                                egui::Button::new(
                                    egui::RichText::new(format!("{name}{arrow}")).strong(),
                                )
                                .frame(false),
                            )
                            .on_hover_text(format!("Sort by {}", name.to_lowercase()));
                        if b.clicked() {
                            sort_by = Some(i);
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_h, rows.len(), |mut tr| {
                    let r = rows[tr.index()];
                    tr.col(|ui| {
                        let name = std::path::Path::new(&r.brief)
                            .file_name()
                            .map_or_else(|| r.brief.clone(), |n| n.to_string_lossy().into_owned());
                        if ui
                            .link(name)
                            .on_hover_text(format!("Open {} at this commitment", r.brief))
                            .clicked()
                        {
                            go_to = Some((reg.briefs[r.brief_index].path.clone(), r.row));
                        }
                    });
                    tr.col(|ui| {
                        ui.label(&r.meeting_date);
                    });
                    tr.col(|ui| {
                        ui.label(&r.party);
                    });
                    tr.col(|ui| {
                        ui.label(crate::model::text::plain(&r.commitment))
                            .on_hover_text(&r.commitment);
                    });
                    tr.col(|ui| {
                        ui.label(&r.owner);
                    });
                    tr.col(|ui| {
                        ui.label(&r.due);
                    });
                    tr.col(|ui| {
                        ui.label(r.status.map_or("—", CommitmentStatus::label));
                    });
                    tr.col(|ui| {
                        if r.overdue {
                            ui.colored_label(ui.visuals().error_fg_color, "Overdue");
                        }
                    });
                    tr.col(|ui| {
                        let h = reg.history_text(&r.id);
                        let flagged = h.contains("went backwards") || h.contains("missing from");
                        if flagged {
                            ui.colored_label(ui.visuals().warn_fg_color, &h)
                                .on_hover_text(&h);
                        } else {
                            ui.label(&h).on_hover_text(&h);
                        }
                    });
                });
            });
        if let Some(i) = sort_by {
            v.sort = match v.sort {
                Some((c, false)) if c == i => Some((i, true)),
                _ => Some((i, false)),
            };
        }
        go_to
    }
}
