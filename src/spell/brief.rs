//! Spell checking a whole brief: which fields are prose, the words the
//! brief itself accepts (its dictionary and the names it uses), the
//! problems with their paths, and an incremental check for a live count.
//!
//! The name rule: a capitalised word the dictionary does not know (not ALL
//! CAPS, not a spelling the other English accepts, like "Defense" in a UK
//! brief) is taken as a name everywhere in the brief when either
//! - it appears in a field that holds names: the metadata's organisation,
//!   location, drafter, approver and distribution, a commitment's party or
//!   owner, a recommendation's owner, or a table cell under a column headed
//!   like Party, Name, Country, Nation, Member, Delegation, Organisation,
//!   Owner, Who, Person, Attendee, Participant or Minister; or
//! - it is capitalised in the middle of a sentence at least twice.
//!
//! A capital at the start of a sentence says nothing, so "Teh" opening two
//! sentences is still flagged. Anything else goes in the brief's
//! dictionary (`meta.dictionary`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::model::{BlockContent, Brief, Id, Problem, Severity, TextField};

use super::words::{for_each_word, Word};
use super::{mixed_spellings, normalize, strip_possessive, Speller};

/// Fields that hold no prose: codes, dates and the dictionary itself.
const NOT_PROSE: [&str; 7] = [
    "language",
    "dictionary",
    "start_date",
    "end_date",
    "date",
    "due",
    "version",
];

/// Metadata fields that hold names.
const META_NAME_FIELDS: [&str; 5] = [
    "organisation",
    "location",
    "drafter",
    "approver",
    "distribution",
];

/// Column headings (lowercase, matched as part of the heading) whose
/// cells hold names.
const NAME_COLUMNS: [&str; 16] = [
    "party",
    "parties",
    "name",
    "country",
    "countries",
    "nation",
    "member",
    "delegation",
    "organisation",
    "organization",
    "owner",
    "who",
    "person",
    "attendee",
    "participant",
    "minister",
];

/// Whether a field is worth spell checking at all.
pub(crate) fn is_prose(field: &TextField<'_>) -> bool {
    !NOT_PROSE.contains(&field.name)
}

/// The words a brief accepts beyond the dictionary: the brief's own
/// dictionary (`meta.dictionary`) and the names found by the rule in the
/// module documentation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BriefDictionary {
    words: HashSet<String>,
    names: HashSet<String>,
}

impl BriefDictionary {
    /// Accepts exactly `words` (as a brief's dictionary would), no names.
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Self {
        BriefDictionary {
            words: words
                .into_iter()
                .map(|w| normalize(w.as_ref().trim()).into_owned())
                .collect(),
            names: HashSet::new(),
        }
    }

    /// The brief's dictionary and the names it uses. Walks every field,
    /// so an editor should keep it (see [`SpellCheck`]) rather than build
    /// it per frame.
    pub fn of(brief: &Brief, speller: &Speller) -> Self {
        let mut check = SpellCheck::new();
        check.update(brief, speller);
        check.dictionary
    }

    /// True when `word` is in the brief's dictionary (a lowercase entry
    /// accepts any capitalisation, a capitalised one itself and ALL CAPS)
    /// or is one of its names; possessives are judged by the word before.
    pub fn accepts(&self, word: &str) -> bool {
        let w = normalize(word);
        self.accepts_exactly(&w) || strip_possessive(&w).is_some_and(|b| self.accepts_exactly(b))
    }

    fn accepts_exactly(&self, w: &str) -> bool {
        if self.words.contains(w) || self.names.contains(w) {
            return true;
        }
        let lower = w.to_lowercase();
        if lower != w && self.words.contains(&lower) {
            return true;
        }
        // ALL CAPS of a capitalised entry or name.
        if w.chars().all(|c| !c.is_lowercase()) {
            let title = title_case(&lower);
            return self.words.contains(&title) || self.names.contains(&title);
        }
        false
    }

    /// True when `word` was taken as a name by the rule.
    pub fn is_name(&self, word: &str) -> bool {
        let w = normalize(word);
        self.names.contains(w.as_ref())
            || strip_possessive(&w).is_some_and(|b| self.names.contains(b))
    }
}

fn title_case(lower: &str) -> String {
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A word the dictionaries do not accept, where it is in the brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpellingProblem {
    /// The field, as validation names it: `sections[0].blocks[1].text`.
    pub path: String,
    /// The item holding the field (`None` for metadata), to select it.
    pub id: Option<Id>,
    /// Bytes of the word in the field's text as stored (markup included).
    pub range: Range<usize>,
    pub word: String,
    /// Best first; empty from [`SpellCheck`], which leaves the slow
    /// search for when a user asks ([`Speller::suggest`]).
    pub suggestions: Vec<String>,
}

/// Distinct words [`check_brief`] looks for suggestions for, at most:
/// each search takes tens of milliseconds, and a brief of garbage must
/// not take minutes to check.
pub const MAX_SUGGESTED_WORDS: usize = 50;

/// Every spelling problem of the brief in document order, with
/// suggestions for the first [`MAX_SUGGESTED_WORDS`] distinct words. The
/// command line's check; an editor wants [`SpellCheck`].
pub fn check_brief(brief: &Brief, speller: &Speller) -> Vec<SpellingProblem> {
    let mut check = SpellCheck::new();
    let mut out = check.update(brief, speller).to_vec();
    let mut suggested: HashMap<String, Vec<String>> = HashMap::new();
    for p in &mut out {
        if let Some(s) = suggested.get(&p.word) {
            p.suggestions = s.clone();
        } else if suggested.len() < MAX_SUGGESTED_WORDS {
            p.suggestions = speller.suggest(&p.word);
            suggested.insert(p.word.clone(), p.suggestions.clone());
        }
    }
    out
}

/// The spelling problems and the UK/US mix as validation problems (all
/// warnings): `sections[0].blocks[1].text: spelling: "recieve" (suggest
/// "receive")` and `brief: spelling: mixed UK and US spellings: …`.
pub fn spelling_warnings(brief: &Brief, speller: &Speller) -> Vec<Problem> {
    let mut out: Vec<Problem> = check_brief(brief, speller)
        .into_iter()
        .map(|p| Problem {
            severity: Severity::Warning,
            message: match p.suggestions.first() {
                Some(s) => format!("spelling: \"{}\" (suggest \"{s}\")", shown(&p.word)),
                None => format!("spelling: \"{}\"", shown(&p.word)),
            },
            path: p.path,
            id: p.id,
        })
        .collect();
    if let Some(mix) = mixed_spellings(brief, speller) {
        out.push(Problem {
            severity: Severity::Warning,
            path: "brief".into(),
            id: None,
            message: format!("spelling: {mix}"),
        });
    }
    out
}

/// A word as a message shows it: a word of garbage 100,000 letters long
/// is cut to its first 40 and an ellipsis.
fn shown(word: &str) -> String {
    match word.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &word[..at]),
        None => word.to_string(),
    }
}

/// What one field's check found, kept until its text changes.
#[derive(Debug, Clone)]
struct FieldWords {
    /// The text this was found in.
    text: String,
    /// The update that last saw the field; older ones are gone.
    generation: u64,
    /// Words the dictionary rejects (before the brief's own words).
    unknown: Vec<Word>,
}

impl FieldWords {
    fn check(text: &str, speller: &Speller, generation: u64) -> Self {
        let mut unknown = Vec::new();
        for_each_word(text, |w| {
            if !speller.is_known(&w.text) {
                unknown.push(w.to_word());
            }
        });
        FieldWords {
            text: text.to_string(),
            generation,
            unknown,
        }
    }
}

/// An incremental spell check of a whole brief: each field's unknown words
/// are remembered with its text and looked for again only when the text
/// changes, so after a keystroke only the edited field is checked again.
/// The names rule and the brief's dictionary are re-applied on each
/// [`update`](SpellCheck::update), over the remembered unknown words only.
#[derive(Debug, Default)]
pub struct SpellCheck {
    /// By field path.
    fields: HashMap<String, FieldWords>,
    generation: u64,
    language: Option<super::Language>,
    dictionary: BriefDictionary,
    problems: Vec<SpellingProblem>,
}

impl SpellCheck {
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks `brief` again, reusing what is known of unchanged fields, and
    /// returns its problems in document order (without suggestions).
    pub fn update(&mut self, brief: &Brief, speller: &Speller) -> &[SpellingProblem] {
        if self.language != Some(speller.language()) {
            self.fields.clear();
            self.language = Some(speller.language());
        }
        self.generation += 1;
        let generation = self.generation;
        let name_cells = name_cells(brief);
        // Name candidates: unknown capitalised words, where they appear.
        let mut in_name_field: HashSet<String> = HashSet::new();
        let mut mid_sentence: HashMap<String, usize> = HashMap::new();
        let fields = &mut self.fields;
        brief.for_each_text(|f| {
            if !is_prose(&f) {
                return;
            }
            let fw = match fields.get_mut(f.path) {
                Some(fw) if fw.text == f.text => {
                    fw.generation = generation;
                    fw
                }
                Some(fw) => {
                    *fw = FieldWords::check(f.text, speller, generation);
                    fw
                }
                None => fields
                    .entry(f.path.to_string())
                    .or_insert_with(|| FieldWords::check(f.text, speller, generation)),
            };
            let mut names_here = None;
            for w in fw.unknown.iter().filter(|w| is_capitalised(&w.text)) {
                let base = name_form(&w.text);
                if *names_here.get_or_insert_with(|| holds_names(&f, &name_cells)) {
                    in_name_field.insert(base);
                } else if !w.sentence_start {
                    *mid_sentence.entry(base).or_default() += 1;
                }
            }
        });
        self.fields.retain(|_, fw| fw.generation == generation);

        let mut names: HashSet<String> = in_name_field;
        names.extend(
            mid_sentence
                .into_iter()
                .filter(|(_, n)| *n >= 2)
                .map(|(w, _)| w),
        );
        // A spelling of the other English is a variant, not a name.
        if !names.is_empty() {
            if let Some(other) = speller.counterpart() {
                names.retain(|n| !other.is_known(&n.to_lowercase()));
            }
        }
        self.dictionary = BriefDictionary::new(&brief.meta.dictionary);
        self.dictionary.names = names;

        // Again in document order, now that the names are known.
        self.problems.clear();
        let (fields, dictionary, problems) = (&self.fields, &self.dictionary, &mut self.problems);
        brief.for_each_text(|f| {
            let Some(fw) = fields.get(f.path) else {
                return;
            };
            for w in fw.unknown.iter().filter(|w| !dictionary.accepts(&w.text)) {
                problems.push(SpellingProblem {
                    path: f.path.to_string(),
                    id: f.id,
                    range: w.range.clone(),
                    word: w.text.clone(),
                    suggestions: Vec::new(),
                });
            }
        });
        &self.problems
    }

    /// The problems found by the last [`update`](SpellCheck::update).
    pub fn problems(&self) -> &[SpellingProblem] {
        &self.problems
    }

    /// The brief's words as of the last update, for checking a field the
    /// editor is showing with [`Speller::misspellings`].
    pub fn brief_dictionary(&self) -> &BriefDictionary {
        &self.dictionary
    }
}

/// Starts with an uppercase letter and is not ALL CAPS.
fn is_capitalised(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.any(char::is_lowercase)
}

/// A name as the names set keeps it: apostrophes normalised, possessive off.
fn name_form(w: &str) -> String {
    let n = normalize(w);
    strip_possessive(&n).unwrap_or(&n).to_string()
}

/// Table cells under a column headed like a list of names: (row id,
/// column position).
fn name_cells(brief: &Brief) -> HashSet<(Id, usize)> {
    let mut out = HashSet::new();
    for s in brief.all_sections() {
        for b in &s.blocks {
            if let BlockContent::Table(t) = &b.content {
                for (ci, c) in t.columns.iter().enumerate() {
                    let h = crate::model::text::plain(&c.name).to_lowercase();
                    if NAME_COLUMNS.iter().any(|n| h.contains(n)) {
                        for r in &t.rows {
                            out.insert((r.id, ci));
                        }
                    }
                }
            }
        }
    }
    out
}

/// True for the fields the names rule trusts (see the module docs).
fn holds_names(f: &TextField<'_>, name_cells: &HashSet<(Id, usize)>) -> bool {
    match (f.name, f.id) {
        (n, None) => META_NAME_FIELDS.contains(&n),
        ("party" | "owner", Some(_)) => true,
        ("cells", Some(row)) => cell_index(f.path).is_some_and(|i| name_cells.contains(&(row, i))),
        _ => false,
    }
}

/// `3` from a path ending in `cells[3]`.
fn cell_index(path: &str) -> Option<usize> {
    path.strip_suffix(']')?
        .rsplit_once("cells[")?
        .1
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_are_cut_in_messages() {
        assert_eq!(shown("short"), "short");
        let long = "x".repeat(1000);
        assert_eq!(shown(&long), format!("{}…", "x".repeat(40)));
    }

    #[test]
    fn cell_index_from_path() {
        assert_eq!(
            cell_index("sections[0].blocks[2].rows[1].cells[3]"),
            Some(3)
        );
        assert_eq!(cell_index("meta.title"), None);
    }

    #[test]
    fn brief_words_accept_case_variants() {
        let d = BriefDictionary::new(["Zhang", "jointness"]);
        for ok in [
            "Zhang",
            "ZHANG",
            "Zhang’s",
            "jointness",
            "Jointness",
            "JOINTNESS",
        ] {
            assert!(d.accepts(ok), "{ok}");
        }
        for no in ["zhang", "Zang"] {
            assert!(!d.accepts(no), "{no}");
        }
    }
}
