//! Where a word may take a hyphen: the brief's language picks the
//! patterns (hypher), and house rules keep hyphens few and readable — no
//! fragment shorter than three letters in English, no short words, nothing
//! but letters, and (where asked) no capitalised words, which in a table
//! cell are mostly names. Rules that need the words around (a paragraph's
//! last word, web addresses, compounds) live with the line breaker. Also
//! the cache of points found, which the caller owns.

pub use hypher::Lang;
use rustc_hash::FxHashMap;

/// The hyphenation patterns for a BCP 47 language tag ("en-GB", "de-AT"),
/// or `None` where there are none (Chinese, Korean, an unknown tag).
pub fn language(tag: &str) -> Option<Lang> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_bytes() {
        [a, b] => Lang::from_iso([*a, *b]),
        // ISO 639-2 codes for the same languages.
        b"eng" => Some(Lang::English),
        b"fra" | b"fre" => Some(Lang::French),
        b"deu" | b"ger" => Some(Lang::German),
        b"spa" => Some(Lang::Spanish),
        b"rus" => Some(Lang::Russian),
        _ => None,
    }
}

/// Letters kept together at the start and end of a word.
fn bounds(lang: Lang) -> (usize, usize) {
    let (left, right) = lang.bounds();
    let least = if lang == Lang::English { 3 } else { 2 };
    (left.max(least), right.max(least))
}

/// Byte offsets in `word` where it may break with a hyphen. Leading and
/// trailing punctuation stays with its fragment ("(interoperability)," is
/// hyphenated as "interoperability"); a word with anything else but
/// letters in it (digits, an inner hyphen or apostrophe) is not.
pub fn points(word: &str, lang: Lang, capitalised: bool) -> Vec<usize> {
    Cache::default().points(word, lang, capitalised)
}

/// Hyphenation points of words met before, by language: a brief repeats
/// its words, and looking one up costs less than the patterns. Held by the
/// caller, beside the shaped words.
#[derive(Default)]
pub struct Cache {
    /// Offsets in the word's letters (at most 64 bytes: they fit a byte).
    known: FxHashMap<Lang, FxHashMap<Box<str>, Box<[u8]>>>,
    len: usize,
}

impl Cache {
    /// A generous bound: a long brief has some tens of thousands of words.
    const LIMIT: usize = 100_000;

    /// What [`points`] gives, from the cache when the word was seen before.
    pub fn points(&mut self, word: &str, lang: Lang, capitalised: bool) -> Vec<usize> {
        let lead = word.len() - word.trim_start_matches(|c: char| !c.is_alphabetic()).len();
        let end = word.trim_end_matches(|c: char| !c.is_alphabetic()).len();
        if end <= lead {
            return Vec::new();
        }
        let core = &word[lead..end];
        let (left, right) = bounds(lang);
        if core.chars().count() < left + right
            || core.len() > 64
            || !core.chars().all(char::is_alphabetic)
            || (!capitalised && core.chars().any(char::is_uppercase))
        {
            return Vec::new();
        }
        if let Some(known) = self.known.get(&lang).and_then(|m| m.get(core)) {
            return known.iter().map(|&at| lead + at as usize).collect();
        }
        let mut out = Vec::new();
        let mut at = 0;
        for syllable in hypher::hyphenate_bounded(core, lang, left, right) {
            at += syllable.len();
            out.push(at as u8);
        }
        out.pop(); // the end of the word
        if self.len >= Self::LIMIT {
            self.known.clear();
            self.len = 0;
        }
        let points = out.iter().map(|&at| lead + at as usize).collect();
        self.known
            .entry(lang)
            .or_default()
            .insert(core.into(), out.into());
        self.len += 1;
        points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way to break `word` in two, as (head, tail).
    fn breaks(word: &str, capitalised: bool) -> Vec<(&str, &str)> {
        points(word, Lang::English, capitalised)
            .into_iter()
            .map(|p| word.split_at(p))
            .collect()
    }

    #[test]
    fn english_fragments_have_three_letters_at_least() {
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
        for w in [
            "dialogues",
            "resolution",
            "cybersecurity",
            "democracy",
            "interoperability",
            "included:",
            "(regional)",
            "decision",
            "reform",
        ] {
            for (head, tail) in breaks(w, true) {
                assert!(
                    letters(head) >= 3 && letters(tail) >= 3,
                    "{w} breaks as {head}-{tail}"
                );
            }
        }
        assert!(breaks("interoperability", true).len() > 2);
        assert!(
            breaks("included:", true).is_empty(),
            "in- and -ed are too short"
        );
    }

    #[test]
    fn names_digits_and_inner_hyphens_stay_whole_where_asked() {
        assert!(breaks("Abdullah", false).is_empty());
        assert!(!breaks("Organization", true).is_empty());
        assert!(breaks("Organization", false).is_empty());
        assert!(breaks("C-0496", true).is_empty());
        assert!(breaks("forward-looking", true).is_empty());
        assert!(breaks("decade", true).is_empty(), "too short to break");
    }

    #[test]
    fn the_language_follows_the_tag() {
        assert_eq!(language("en-GB"), Some(Lang::English));
        assert_eq!(language("en_US"), Some(Lang::English));
        assert_eq!(language("DE-at"), Some(Lang::German));
        assert_eq!(language("fra"), Some(Lang::French));
        assert_eq!(language("zh-CN"), None);
        assert_eq!(language(""), None);
        let de: Vec<usize> = points("Zusammenarbeit", Lang::German, true);
        assert!(!de.is_empty());
    }
}
