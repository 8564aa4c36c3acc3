//! Spell checking of briefs with Hunspell dictionaries (read by the
//! `spellbook` crate), bundled for English (UK) and English (US).
//!
//! A [`Speller`] is a value its owner holds: the editor keeps one for the
//! open brief's language, the command line builds one per run. Nothing is
//! parsed until one is made, and only the language asked for (about 20 ms
//! and 4.5 MB each in a release build; see `cargo bench --bench spelling`).
//!
//! [`Speller::misspellings`] checks one field's text, markup and all;
//! [`check_brief`] checks every field of a brief, accepting the brief's own
//! dictionary and the names it uses (see [`BriefDictionary`]);
//! [`SpellCheck`] does the same incrementally for a status bar count;
//! [`mixed_spellings`] finds UK and US spellings mixed in one brief.

mod brief;
mod variants;
mod words;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use spellbook::Dictionary;

pub use crate::model::Language;
pub use brief::{
    check_brief, spelling_warnings, BriefDictionary, SpellCheck, SpellingProblem,
    MAX_SUGGESTED_WORDS,
};
pub use variants::{mixed_spellings, MixedSpellings, VariantCount};

/// Suggestions offered for a misspelt word, at most.
pub const MAX_SUGGESTIONS: usize = 5;

/// Longer words are never English: they are misspelt without asking the
/// dictionary, and get no suggestions past [`MAX_SUGGEST_LEN`].
const MAX_WORD_LEN: usize = 100;
/// Hunspell's suggestion search grows with the word; past this length it
/// is not tried.
const MAX_SUGGEST_LEN: usize = 40;

/// Memo tables are emptied when they grow past this many words, so a
/// long session cannot grow them without bound.
const MEMO_LIMIT: usize = 200_000;

#[derive(Debug, thiserror::Error)]
pub enum SpellError {
    /// A bundled dictionary did not parse: a broken build, not user data.
    #[error("the bundled {language} dictionary could not be read: {message}")]
    Dictionary {
        language: &'static str,
        message: String,
    },
}

/// A word the dictionary does not know, in a field's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misspelling {
    /// Byte range in the text as given (markup included), for underlines
    /// and replacement.
    pub range: Range<usize>,
    /// The word as it reads, without markup.
    pub word: String,
}

/// The bundled Hunspell files of a language.
struct Bundled {
    aff: &'static str,
    dic: &'static str,
}

fn bundled(language: Language) -> Bundled {
    match language {
        Language::EnGb => Bundled {
            aff: include_str!("../../assets/dictionaries/en_GB.aff"),
            dic: include_str!("../../assets/dictionaries/en_GB.dic"),
        },
        Language::EnUs => Bundled {
            aff: include_str!("../../assets/dictionaries/en_US.aff"),
            dic: include_str!("../../assets/dictionaries/en_US.dic"),
        },
    }
}

/// Words of a meeting brief's trade that the bundled dictionaries lack
/// (cybersecurity, …), accepted in every language.
const EXTRA_WORDS: &str = include_str!("../../assets/dictionaries/briefsmith-extra.txt");

/// A dictionary for one language, with memos of the words it has judged.
pub struct Speller {
    language: Language,
    dictionary: Dictionary,
    /// Word → known, for the words seen so far: most words of a brief
    /// repeat, and a lookup beats Hunspell's affix rules.
    known: Mutex<HashMap<String, bool>>,
    suggestions: Mutex<HashMap<String, Vec<String>>>,
    /// The other English, parsed on first need: telling a UK spelling from
    /// a US one takes both dictionaries.
    counterpart: OnceLock<Option<Box<Speller>>>,
}

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speller")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Speller {
    /// Parses the bundled dictionary of `language`.
    pub fn new(language: Language) -> Result<Speller, SpellError> {
        let b = bundled(language);
        let err = |message: String| SpellError::Dictionary {
            language: language.tag(),
            message,
        };
        // The en_GB word list starts with a byte-order mark.
        let dic = b.dic.strip_prefix('\u{feff}').unwrap_or(b.dic);
        let mut dictionary = Dictionary::new(b.aff, dic).map_err(|e| err(e.to_string()))?;
        for line in EXTRA_WORDS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            dictionary
                .add(line)
                .map_err(|e| err(format!("{line}: {e}")))?;
        }
        Ok(Speller {
            language,
            dictionary,
            known: Mutex::new(HashMap::new()),
            suggestions: Mutex::new(HashMap::new()),
            counterpart: OnceLock::new(),
        })
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The words of `text` (a field's text, with its inline markup) that
    /// neither the dictionary nor `brief_words` accepts, in order.
    pub fn misspellings(&self, text: &str, brief_words: &BriefDictionary) -> Vec<Misspelling> {
        let mut out = Vec::new();
        words::for_each_word(text, |w| {
            if !self.is_known(&w.text) && !brief_words.accepts(&w.text) {
                out.push(Misspelling {
                    range: w.range,
                    word: w.text.into_owned(),
                });
            }
        });
        out
    }

    /// True when the dictionary accepts `word` (a single word, no markup).
    /// ALL-CAPS acronyms of 2–6 letters (SCO, NATO) are accepted, and a
    /// possessive (`SCO’s`, `Qingdao's`) is judged by the word before it.
    pub fn is_known(&self, word: &str) -> bool {
        if let Ok(memo) = self.known.lock() {
            if let Some(&k) = memo.get(word) {
                return k;
            }
        }
        let k = self.judge(word);
        if let Ok(mut memo) = self.known.lock() {
            if memo.len() >= MEMO_LIMIT {
                memo.clear();
            }
            memo.insert(word.to_string(), k);
        }
        k
    }

    fn judge(&self, word: &str) -> bool {
        if word.len() > MAX_WORD_LEN {
            return false;
        }
        let w = normalize(word);
        if is_acronym(&w) || self.dictionary.check(&w) {
            return true;
        }
        match strip_possessive(&w) {
            Some(base) => is_acronym(base) || self.dictionary.check(base),
            None => false,
        }
    }

    /// Up to [`MAX_SUGGESTIONS`] corrections for `word`, best first; none
    /// for a word the dictionary knows. Hunspell's search takes tens of
    /// milliseconds a word, so call it for a word the user asks about (or
    /// a report), not for every word on screen; answers are remembered.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        if let Ok(memo) = self.suggestions.lock() {
            if let Some(s) = memo.get(word) {
                return s.clone();
            }
        }
        let mut out = Vec::new();
        if word.chars().count() <= MAX_SUGGEST_LEN && !self.is_known(word) {
            let w = normalize(word);
            let mut raw = Vec::new();
            self.dictionary.suggest(&w, &mut raw);
            // Write apostrophes the way the user did.
            let curly = word.contains('’');
            for s in raw {
                let s = if curly { s.replace('\'', "’") } else { s };
                if s != word && !out.contains(&s) {
                    out.push(s);
                }
                if out.len() == MAX_SUGGESTIONS {
                    break;
                }
            }
        }
        if let Ok(mut memo) = self.suggestions.lock() {
            if memo.len() >= MEMO_LIMIT {
                memo.clear();
            }
            memo.insert(word.to_string(), out.clone());
        }
        out
    }

    /// The speller of the other English (UK for US, US for UK), parsed on
    /// first use and kept with this one.
    pub(crate) fn counterpart(&self) -> Option<&Speller> {
        self.counterpart
            .get_or_init(|| {
                let other = match self.language {
                    Language::EnGb => Language::EnUs,
                    Language::EnUs => Language::EnGb,
                };
                Speller::new(other).ok().map(Box::new)
            })
            .as_deref()
    }
}

/// Typographic apostrophes as the dictionaries spell them.
fn normalize(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains(['’', 'ʼ']) {
        word.replace(['’', 'ʼ'], "'").into()
    } else {
        word.into()
    }
}

/// `word` without a trailing `'s` or `'` (after normalising apostrophes).
fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("'S"))
        .or_else(|| word.strip_suffix('\''))
        .filter(|b| !b.is_empty())
}

/// An ALL-CAPS abbreviation of 2 to 6 letters: SCO, NATO, ASEAN.
fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    (2..=6).contains(&n) && word.chars().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_and_possessives() {
        assert!(is_acronym("SCO"));
        assert!(is_acronym("NATO"));
        assert!(!is_acronym("UNCLASSIFIED"));
        assert!(!is_acronym("A"));
        assert_eq!(strip_possessive("SCO's"), Some("SCO"));
        assert_eq!(strip_possessive("states'"), Some("states"));
        assert_eq!(strip_possessive("'"), None);
    }
}
