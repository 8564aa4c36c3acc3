//! Checks off the UI thread: after each edit a worker thread counts the
//! words, validates the brief and re-checks its spelling (only the fields
//! that changed), for the status bar; the dictionary is parsed there too.
//! Text fields ask for the misspelt words of their own text, answered
//! from a cache this value holds, so checking never holds up typing. Words
//! ignored with "Ignore" stay ignored until the window closes; "Add to
//! this brief's dictionary" is an edit of the brief.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;

use crate::editor::Insights;
use crate::model::{Brief, Language};
use crate::spell::{BriefDictionary, SpellCheck, Speller, SpellingProblem};

/// How long the brief must stay unchanged before it is checked.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(25);

/// Field texts whose misspellings are kept; the cache starts afresh past it.
const CACHED_FIELDS: usize = 4096;

/// What the worker found for one state of the brief.
struct Report {
    content: u64,
    /// Word count and validation problems.
    insights: Insights,
    speller: Option<Arc<Speller>>,
    dictionary: Arc<BriefDictionary>,
    problems: Vec<SpellingProblem>,
    /// Why there is no checking (no dictionary for the brief's language).
    off: Option<String>,
}

impl Report {
    /// Word count and problems only, and why there is no spelling.
    fn without_spelling(content: u64, insights: Insights, why: String) -> Report {
        Report {
            content,
            insights,
            speller: None,
            dictionary: Arc::default(),
            problems: Vec::new(),
            off: Some(why),
        }
    }
}

/// What the checks found, and the spelling state of the window.
pub struct Checks {
    jobs: Sender<Job>,
    done: Receiver<Report>,
    requested: Option<u64>,
    checked: Option<u64>,
    insights: Insights,
    speller: Option<Arc<Speller>>,
    dictionary: Arc<BriefDictionary>,
    problems: Vec<SpellingProblem>,
    off: Option<String>,
    ignored: HashSet<String>,
    /// Misspelt byte ranges by field text (hash), for what is on screen.
    cache: HashMap<u64, Arc<Vec<Range<usize>>>>,
    /// Suggestions by word: slow to find, so found once.
    suggestions: HashMap<String, Vec<String>>,
}

fn text_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// One state of the brief to check, and the day "overdue" is judged by.
struct Job {
    content: u64,
    brief: Arc<Brief>,
    today: chrono::NaiveDate,
}

/// The worker: word count and validation, one speller per language, and
/// the incremental spelling check.
fn work(jobs: Receiver<Job>, done: Sender<Report>, ctx: egui::Context) {
    let mut spellers: HashMap<Language, Arc<Speller>> = HashMap::new();
    let mut checks: HashMap<Language, SpellCheck> = HashMap::new();
    while let Ok(mut job) = jobs.recv() {
        // Only the newest brief matters, once typing pauses a moment: the
        // layout thread has the cores first, so the preview is not slowed.
        loop {
            match jobs.recv_timeout(PAUSE) {
                Ok(newer) => job = newer,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let Job {
            content,
            brief,
            today,
        } = job;
        let report = catch_unwind(AssertUnwindSafe(|| {
            let insights = Insights::of(&brief, today);
            let Some(language) = brief.language() else {
                let why = format!("no spelling dictionary for \"{}\"", brief.meta.language);
                return Report::without_spelling(content, insights, why);
            };
            let speller = match spellers.get(&language) {
                Some(s) => s.clone(),
                None => match Speller::new(language) {
                    Ok(s) => {
                        let s = Arc::new(s);
                        spellers.insert(language, s.clone());
                        s
                    }
                    Err(e) => return Report::without_spelling(content, insights, e.to_string()),
                },
            };
            let check = checks.entry(language).or_default();
            let problems = check.update(&brief, &speller).to_vec();
            Report {
                content,
                insights,
                speller: Some(speller),
                dictionary: Arc::new(check.brief_dictionary().clone()),
                problems,
                off: None,
            }
        }));
        let Ok(report) = report else {
            // A checker bug must not take the editor down: no count, no lines.
            continue;
        };
        if done.send(report).is_err() {
            break;
        }
        ctx.request_repaint();
    }
}

impl Checks {
    pub fn new(ctx: egui::Context) -> Self {
        let (jobs, job_rx) = channel();
        let (done_tx, done) = channel();
        let spawned = std::thread::Builder::new()
            .name("checks".into())
            .spawn(move || work(job_rx, done_tx, ctx));
        let off = spawned
            .is_err()
            .then(|| "the checking thread could not start".to_string());
        Checks {
            jobs,
            done,
            requested: None,
            checked: None,
            insights: Insights::default(),
            speller: None,
            dictionary: Arc::default(),
            problems: Vec::new(),
            off,
            ignored: HashSet::new(),
            cache: HashMap::new(),
            suggestions: HashMap::new(),
        }
    }

    /// Asks for a check of `brief` unless this content was already asked for.
    pub fn request(&mut self, content: u64, brief: Arc<Brief>, today: chrono::NaiveDate) {
        if self.requested != Some(content) {
            self.requested = Some(content);
            let _ = self.jobs.send(Job {
                content,
                brief,
                today,
            });
        }
    }

    /// Word count and problems of the brief as last checked.
    pub fn insights(&self) -> &Insights {
        &self.insights
    }

    /// True when the checks are of `content`.
    pub fn is_current(&self, content: u64) -> bool {
        self.checked == Some(content)
    }

    /// Takes what the worker has found.
    pub fn poll(&mut self) {
        while let Ok(r) = self.done.try_recv() {
            self.take(r);
        }
    }

    fn take(&mut self, r: Report) {
        let new_speller = match (&self.speller, &r.speller) {
            (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
            (None, None) => false,
            _ => true,
        };
        if new_speller || *self.dictionary != *r.dictionary {
            self.cache.clear();
        }
        if new_speller {
            self.suggestions.clear();
        }
        self.checked = Some(r.content);
        self.insights = r.insights;
        self.speller = r.speller;
        self.dictionary = r.dictionary;
        self.problems = r.problems;
        self.off = r.off;
    }

    /// Blocks until the check of `content` is in (tests and the benchmark).
    pub fn wait_for(&mut self, content: u64, timeout: std::time::Duration) -> bool {
        let start = std::time::Instant::now();
        while self.checked != Some(content) && start.elapsed() < timeout {
            if let Ok(r) = self.done.recv_timeout(std::time::Duration::from_millis(20)) {
                self.take(r);
            }
        }
        self.checked == Some(content)
    }

    /// Spelling problems of the brief as last checked, ignored words left out.
    pub fn problems(&self) -> impl Iterator<Item = &SpellingProblem> {
        self.problems
            .iter()
            .filter(|p| !self.ignored.contains(&p.word))
    }

    /// Why spelling is not checked, if it is not.
    pub fn off(&self) -> Option<&str> {
        self.off.as_deref()
    }

    /// The misspelt byte ranges of a field's text (empty until the
    /// dictionary is ready).
    pub fn misspelt(&mut self, text: &str) -> Arc<Vec<Range<usize>>> {
        let Some(speller) = &self.speller else {
            return Arc::default();
        };
        if self.cache.len() > CACHED_FIELDS {
            self.cache.clear();
        }
        let ignored = &self.ignored;
        let dictionary = &self.dictionary;
        self.cache
            .entry(text_hash(text))
            .or_insert_with(|| {
                Arc::new(
                    speller
                        .misspellings(text, dictionary)
                        .into_iter()
                        .filter(|m| !ignored.contains(&m.word))
                        .map(|m| m.range)
                        .collect(),
                )
            })
            .clone()
    }

    /// Suggestions for a misspelt word (found once, then remembered).
    pub fn suggest(&mut self, word: &str) -> Vec<String> {
        let Some(speller) = &self.speller else {
            return Vec::new();
        };
        self.suggestions
            .entry(word.to_string())
            .or_insert_with(|| speller.suggest(word))
            .clone()
    }

    /// Stops flagging `word` in this window.
    pub fn ignore(&mut self, word: &str) {
        self.ignored.insert(word.to_string());
        self.cache.clear();
    }
}

/// The misspelt range of `text` that holds byte `at`, if any.
pub fn range_at(ranges: &[Range<usize>], at: usize) -> Option<Range<usize>> {
    ranges
        .iter()
        .find(|r| r.start <= at && at <= r.end)
        .cloned()
}

/// The misspelt word a context menu was opened on.
#[derive(Debug, Clone)]
struct SpellTarget {
    range: Range<usize>,
    word: String,
}

enum SpellChoice {
    Replace(String),
    AddToDictionary,
    Ignore,
}

/// Byte offset of the `chars`-th character of `text`.
fn byte_of(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

impl super::EditorApp {
    /// The right-click menu of a misspelt word in a text field: the
    /// suggestions (one replaces the word in `text`, an undo step of its
    /// own; returns true then), "Add to this brief's dictionary" and
    /// "Ignore".
    pub(super) fn spelling_menu(
        &mut self,
        response: &egui::Response,
        field: egui::Id,
        galley: &egui::Galley,
        galley_pos: egui::Pos2,
        text: &mut String,
        misspelt: &[Range<usize>],
    ) -> bool {
        let ctx = response.ctx.clone();
        let key = field.with("spelling-target");
        if response.secondary_clicked() {
            let target = response.interact_pointer_pos().and_then(|p| {
                let cursor = galley.cursor_from_pos(p - galley_pos);
                let at = byte_of(text, cursor.index.0);
                range_at(misspelt, at).and_then(|r| {
                    Some(SpellTarget {
                        word: text.get(r.clone())?.to_string(),
                        range: r,
                    })
                })
            });
            ctx.data_mut(|d| match target {
                Some(t) => {
                    d.insert_temp(key, t);
                }
                None => d.remove::<SpellTarget>(key),
            });
        }
        let Some(target) = ctx.data(|d| d.get_temp::<SpellTarget>(key)) else {
            return false;
        };
        let mut choice = None;
        response.context_menu(|ui| {
            ui.label(egui::RichText::new(format!("“{}”", target.word)).strong());
            let suggestions = self.checks.suggest(&target.word);
            if suggestions.is_empty() {
                ui.label(egui::RichText::new("No suggestions").weak());
            }
            for s in suggestions {
                if ui.button(&s).clicked() {
                    choice = Some(SpellChoice::Replace(s));
                }
            }
            ui.separator();
            if ui.button("Add to this brief's dictionary").clicked() {
                choice = Some(SpellChoice::AddToDictionary);
            }
            if ui
                .button("Ignore")
                .on_hover_text("Stop flagging this word until the window closes")
                .clicked()
            {
                choice = Some(SpellChoice::Ignore);
            }
        });
        let Some(choice) = choice else {
            return false;
        };
        ctx.data_mut(|d| d.remove::<SpellTarget>(key));
        match choice {
            SpellChoice::Replace(s) => {
                // Only if the word is still where the menu found it.
                if text.get(target.range.clone()) == Some(target.word.as_str()) {
                    text.replace_range(target.range, &s);
                    return true;
                }
            }
            SpellChoice::AddToDictionary => {
                let word = target.word.clone();
                match self.doc.edit(|b| b.add_to_dictionary(&word)) {
                    Ok(_) => self.info(format!(
                        "“{word}” added to this brief's dictionary (Ctrl+Z takes it out)"
                    )),
                    Err(e) => self.error(format!("Could not add “{word}”: {e}")),
                }
            }
            SpellChoice::Ignore => self.checks.ignore(&target.word),
        }
        false
    }
}
