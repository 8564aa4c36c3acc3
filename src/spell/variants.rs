//! UK and US spellings mixed in one brief (Defence and Defense, centre and
//! center, organisation and organization): reported once for the brief,
//! with each spelling's count, whichever language the brief is in.
//!
//! A word is a UK spelling when a pairing rule (our/or, ise/ize, yse/yze,
//! tre/ter, ence/ense, ogue/og, ll/l, ae/e, programme/program) turns it into
//! a word the US dictionary accepts, it is accepted by the UK dictionary,
//! and the dictionaries tell the two apart: the US one rejects the UK form
//! or the UK one rejects the US form. US spellings the same way round. The
//! rules only propose; the two dictionaries decide, so "four" and "for" or
//! "tour" and "tor" are never a pair.

use std::collections::HashMap;
use std::fmt;

use crate::model::{Brief, Language};

use super::brief::is_prose;
use super::words::for_each_word;
use super::{normalize, strip_possessive, Speller};

/// UK → US spelling rules: a UK form's substring and its US replacement.
/// Applied at each place the substring occurs, one place at a time.
const RULES: [(&str, &str); 12] = [
    ("our", "or"),
    ("isa", "iza"),
    ("ise", "ize"),
    ("isi", "izi"),
    ("ys", "yz"),
    ("tre", "ter"),
    ("bre", "ber"),
    ("ence", "ense"),
    ("ogue", "og"),
    ("ll", "l"),
    ("ae", "e"),
    ("mme", "m"),
];

/// Pairs and spellings a message lists, at most.
const MAX_LISTED: usize = 8;

/// One spelling and how often the brief uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantCount {
    /// As the brief writes it most often (`Defence`).
    pub word: String,
    pub count: usize,
}

/// The UK and US spellings a brief uses against its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixedSpellings {
    /// The brief's language.
    pub language: Language,
    /// Both spellings of one word used in the brief: (UK, US).
    pub pairs: Vec<(VariantCount, VariantCount)>,
    /// Spellings of the other English, without their counterpart in the
    /// brief, that the brief's own dictionary rejects (centre in a US
    /// brief); most used first.
    pub foreign: Vec<VariantCount>,
    /// True when the brief also uses spellings of its own English, so the
    /// two are mixed rather than the language being set wrong.
    pub mixed: bool,
}

impl fmt::Display for MixedSpellings {
    /// `mixed UK and US spellings: "Defence" (12) and "Defense" (5); this
    /// brief is English (UK)`, or, when the brief keeps to the other
    /// English, `US spellings in a brief in English (UK): "Defense" (5);
    /// set its language to en-US if that is intended`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quoted = |v: &VariantCount| format!("\"{}\" ({})", v.word, v.count);
        let mut parts: Vec<String> = self
            .pairs
            .iter()
            .map(|(uk, us)| format!("{} and {}", quoted(uk), quoted(us)))
            .collect();
        parts.extend(self.foreign.iter().map(quoted));
        // One line in a report: the most used first, then how many more.
        if parts.len() > MAX_LISTED {
            let more = parts.len() - MAX_LISTED;
            parts.truncate(MAX_LISTED);
            parts.push(format!("and {more} more"));
        }
        let other = match self.language {
            Language::EnGb => Language::EnUs,
            Language::EnUs => Language::EnGb,
        };
        let side = |l: Language| match l {
            Language::EnGb => "UK",
            Language::EnUs => "US",
        };
        if self.mixed {
            write!(
                f,
                "mixed UK and US spellings: {}; this brief is {}",
                parts.join(", "),
                self.language.name()
            )
        } else {
            write!(
                f,
                "{} spellings in a brief in {}: {}; set its language to {} if that is intended",
                side(other),
                self.language.name(),
                parts.join(", "),
                other.tag()
            )
        }
    }
}

/// Each distinct word of the brief's prose (lowercase, apostrophes
/// normalised, possessive off) with its count and its commonest spelling.
fn word_counts(brief: &Brief) -> HashMap<String, (usize, HashMap<String, usize>)> {
    let mut counts: HashMap<String, (usize, HashMap<String, usize>)> = HashMap::new();
    let accepted: Vec<String> = brief
        .meta
        .dictionary
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    brief.for_each_text(|f| {
        if !is_prose(&f) {
            return;
        }
        for_each_word(f.text, |w| {
            let w = w.text;
            // No variant spelling is that long; the rules below are
            // quadratic in the word's length.
            if w.len() > 40 {
                return;
            }
            let n = normalize(&w);
            let base = strip_possessive(&n).unwrap_or(&n);
            let key = base.to_lowercase();
            if accepted.contains(&key) {
                return;
            }
            let e = counts.entry(key).or_default();
            e.0 += 1;
            *e.1.entry(base.to_string()).or_default() += 1;
        });
    });
    counts
}

/// The UK and US spellings `brief` mixes, if any: `None` when it keeps to
/// one, or when the brief's language has no counterpart to compare with.
/// Words in the brief's own dictionary are left out.
pub fn mixed_spellings(brief: &Brief, speller: &Speller) -> Option<MixedSpellings> {
    let other = speller.counterpart()?;
    let (gb, us) = match speller.language() {
        Language::EnGb => (speller, other),
        Language::EnUs => (other, speller),
    };
    let counts = word_counts(brief);
    let count_of = |w: &str| -> VariantCount {
        let (n, spellings) = &counts[w];
        let word = spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| s.clone())
            .unwrap_or_else(|| w.to_string());
        VariantCount { word, count: *n }
    };
    let mut words: Vec<&String> = counts.keys().collect();
    words.sort();
    // Each word's side and its counterparts: UK words with their US forms.
    let mut uk: Vec<(&String, Vec<String>)> = Vec::new();
    let mut us_words: Vec<&String> = Vec::new();
    for w in &words {
        let mut us_forms: Vec<String> = Vec::new();
        for (uk_part, us_part) in RULES {
            for cand in replacements(w, uk_part, us_part) {
                if is_variant_pair(gb, us, w, &cand) && !us_forms.contains(&cand) {
                    us_forms.push(cand);
                }
            }
        }
        if !us_forms.is_empty() {
            uk.push((w, us_forms));
            continue;
        }
        let is_us = RULES.iter().any(|(uk_part, us_part)| {
            replacements(w, us_part, uk_part)
                .iter()
                .any(|cand| is_variant_pair(gb, us, cand, w))
        });
        if is_us {
            us_words.push(w);
        }
    }
    let mut pairs = Vec::new();
    let mut paired: Vec<&str> = Vec::new();
    for (w, forms) in &uk {
        for c in forms.iter().filter(|c| counts.contains_key(*c)) {
            pairs.push((count_of(w), count_of(c)));
            paired.push(w.as_str());
            paired.push(c.as_str());
        }
    }
    let uk_alone = uk
        .iter()
        .map(|(w, _)| *w)
        .filter(|w| !paired.contains(&w.as_str()));
    let us_alone = us_words
        .into_iter()
        .filter(|w| !paired.contains(&w.as_str()));
    let (native, foreign): (Vec<&String>, Vec<&String>) = match speller.language() {
        Language::EnGb => (uk_alone.collect(), us_alone.collect()),
        Language::EnUs => (us_alone.collect(), uk_alone.collect()),
    };
    // An unpaired spelling of the other English counts only when the
    // brief's own dictionary rejects it ("dialogue" is fine in a US brief).
    let mut foreign: Vec<VariantCount> = foreign
        .into_iter()
        .filter(|w| !speller.is_known(w))
        .map(|w| count_of(w))
        .collect();
    if pairs.is_empty() && foreign.is_empty() {
        return None;
    }
    foreign.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    pairs.sort_by(|a, b| {
        (b.0.count + b.1.count)
            .cmp(&(a.0.count + a.1.count))
            .then_with(|| a.0.word.cmp(&b.0.word))
    });
    let mixed = !pairs.is_empty() || !native.is_empty();
    Some(MixedSpellings {
        language: speller.language(),
        pairs,
        foreign,
        mixed,
    })
}

/// `uk` (lowercase) is the UK spelling and `us` the US spelling of one word.
fn is_variant_pair(gb: &Speller, us_dict: &Speller, uk: &str, us: &str) -> bool {
    uk != us
        && gb.is_known(uk)
        && us_dict.is_known(us)
        && (!us_dict.is_known(uk) || !gb.is_known(us))
}

/// `word` with one occurrence of `from` replaced by `to`, for each
/// occurrence.
fn replacements(word: &str, from: &str, to: &str) -> Vec<String> {
    word.match_indices(from)
        .map(|(i, _)| format!("{}{to}{}", &word[..i], &word[i + from.len()..]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_cut_short() {
        let v = |w: &str, count| VariantCount {
            word: w.into(),
            count,
        };
        let mix = MixedSpellings {
            language: Language::EnGb,
            pairs: vec![(v("centre", 2), v("center", 1))],
            foreign: (0..10).map(|i| v(&format!("w{i}"), 1)).collect(),
            mixed: true,
        };
        assert_eq!(
            mix.to_string(),
            "mixed UK and US spellings: \"centre\" (2) and \"center\" (1), \"w0\" (1), \"w1\" (1), \"w2\" (1), \"w3\" (1), \"w4\" (1), \"w5\" (1), \"w6\" (1), and 3 more; this brief is English (UK)"
        );
    }

    #[test]
    fn replacements_one_place_at_a_time() {
        assert_eq!(replacements("travelling", "ll", "l"), ["traveling"]);
        assert_eq!(replacements("colour", "our", "or"), ["color"]);
        assert_eq!(replacements("a-b-a", "a", "x"), ["x-b-a", "a-b-x"]);
        assert!(replacements("word", "ise", "ize").is_empty());
    }
}
