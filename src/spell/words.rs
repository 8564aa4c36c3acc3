//! Splitting a field's text into the words a spell checker should look at,
//! with byte ranges into the field text *as stored* (with its `**bold**`,
//! `*italic*` and `\*` markup), so an underline or a replacement lands on
//! the right characters.
//!
//! Words follow Unicode word boundaries (UAX #29): apostrophes inside a word
//! keep it whole (don't, Member’s), hyphens split it (far-reaching is
//! checked as far and reaching). Numbers, words with digits, URLs, e-mail
//! addresses, abbreviations with dots (e.g., U.S.), identifiers with `_`
//! and words in scripts other than Latin are skipped.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::text;

/// One word of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Bytes of the field text as stored, markup included where a marker
    /// sits inside the word (`wo**rd**`).
    pub range: Range<usize>,
    /// The word as it reads, without markup.
    pub text: String,
    /// First word of the field or of a sentence, where a capital letter
    /// says nothing about the word being a name.
    pub sentence_start: bool,
}

impl WordRef<'_> {
    pub fn to_word(&self) -> Word {
        Word {
            range: self.range.clone(),
            text: self.text.to_string(),
            sentence_start: self.sentence_start,
        }
    }
}

/// A [`Word`] borrowing its text, as [`for_each_word`] hands it over: most
/// words are known, and need no copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordRef<'a> {
    pub range: Range<usize>,
    pub text: Cow<'a, str>,
    pub sentence_start: bool,
}

/// Calls `f` with each word of `raw` worth checking, in order.
pub(crate) fn for_each_word(raw: &str, mut f: impl FnMut(WordRef<'_>)) {
    let plain = text::plain(raw);
    let map = OffsetMap::new(raw, &plain);
    let skip = skipped_spans(&plain);
    let mut skip_i = 0;
    for (start, w) in plain.unicode_word_indices() {
        let end = start + w.len();
        while skip_i < skip.len() && skip[skip_i].end <= start {
            skip_i += 1;
        }
        if skip.get(skip_i).is_some_and(|s| s.start < end) {
            continue;
        }
        // Soft hyphens and zero-width characters are invisible in print:
        // the word is checked without them.
        let w: Cow<'_, str> = if w.contains(is_invisible) {
            w.replace(is_invisible, "").into()
        } else {
            w.into()
        };
        if !worth_checking(&w) {
            continue;
        }
        let Some(range) = map.raw_range(start..end) else {
            continue;
        };
        f(WordRef {
            range,
            text: w,
            sentence_start: starts_sentence(&plain[..start]),
        });
    }
}

/// Soft hyphen, zero-width space, joiners, word joiner, BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Words made only of Latin letters and apostrophes; anything with a
/// digit, a dot, an underscore or another script is not for an English
/// dictionary.
fn worth_checking(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if is_apostrophe(c) {
            continue;
        }
        if !c.is_alphabetic() || !is_latin(c) {
            return false;
        }
        letters += 1;
    }
    letters > 0
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Latin letters: ASCII, Latin-1, Latin Extended-A/B, IPA and Latin
/// Extended Additional.
fn is_latin(c: char) -> bool {
    matches!(c as u32, 0..=0x24F | 0x250..=0x2AF | 0x1E00..=0x1EFF)
}

/// True when the text before a word ends a sentence (or is empty): the
/// last character that is not a space, quote or bracket is `.`, `!`, `?`
/// or `:`, or there is none.
fn starts_sentence(before: &str) -> bool {
    match before
        .chars()
        .rev()
        .find(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '*'))
    {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | '•' | '—' | '–'),
    }
}

/// Byte spans of the plain text holding URLs and e-mail addresses, in order.
fn skipped_spans(plain: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for chunk in plain.split(char::is_whitespace) {
        let start = pos;
        pos += chunk.len() + 1;
        let c = chunk.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | '"' | ','));
        let lower = c.to_ascii_lowercase();
        let url =
            lower.contains("://") || lower.starts_with("www.") || lower.starts_with("mailto:");
        let mail = c
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'));
        if url || mail {
            out.push(start..start + chunk.len());
        }
    }
    out
}

/// Maps byte positions of the plain text (markup removed) back to the
/// field text as stored.
struct OffsetMap {
    /// Raw byte offset of each plain byte that starts a character, and of
    /// the end; `None` when plain and raw are the same text.
    raw_of: Option<Vec<usize>>,
    raw_len: usize,
}

impl OffsetMap {
    /// Plain text is the stored text with markers and escape backslashes
    /// left out, so its characters are found in order in the stored text;
    /// every character but `*` and `\` lands on its own position.
    fn new(raw: &str, plain: &str) -> Self {
        if raw == plain {
            return OffsetMap {
                raw_of: None,
                raw_len: raw.len(),
            };
        }
        let mut raw_of = vec![usize::MAX; plain.len() + 1];
        let mut r = raw.char_indices();
        for (pi, pc) in plain.char_indices() {
            loop {
                match r.next() {
                    Some((ri, rc)) if rc == pc => {
                        raw_of[pi] = ri;
                        break;
                    }
                    Some(_) => continue,
                    // Not a subsequence (markup rules changed?): positions
                    // after this point are unknown and their words skipped.
                    None => break,
                }
            }
        }
        raw_of[plain.len()] = raw.len();
        OffsetMap {
            raw_of: Some(raw_of),
            raw_len: raw.len(),
        }
    }

    /// The stored-text range of a plain word: from its first character to
    /// the end of its last.
    fn raw_range(&self, plain: Range<usize>) -> Option<Range<usize>> {
        let Some(raw_of) = &self.raw_of else {
            return (plain.end <= self.raw_len).then_some(plain);
        };
        let start = *raw_of.get(plain.start)?;
        // The last character of the word starts at the last mapped byte
        // before the end.
        let last = (plain.start..plain.end)
            .rev()
            .find(|&i| raw_of[i] != usize::MAX)?;
        let last_raw = raw_of[last];
        if start == usize::MAX || last_raw == usize::MAX {
            return None;
        }
        let last_len = plain.end - last;
        Some(start..last_raw + last_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(raw: &str) -> Vec<(String, String, bool)> {
        let mut out = Vec::new();
        for_each_word(raw, |w| {
            out.push((
                w.text.to_string(),
                raw[w.range.clone()].to_string(),
                w.sentence_start,
            ))
        });
        out
    }

    fn texts(raw: &str) -> Vec<String> {
        words(raw).into_iter().map(|w| w.0).collect()
    }

    #[test]
    fn apostrophes_keep_words_whole_and_hyphens_split() {
        assert_eq!(
            texts("We don't know the Member’s far-reaching plans."),
            [
                "We",
                "don't",
                "know",
                "the",
                "Member’s",
                "far",
                "reaching",
                "plans"
            ]
        );
    }

    #[test]
    fn numbers_urls_mail_and_abbreviations_are_skipped() {
        assert_eq!(
            texts("See https://example.org/teh-page or mail desk@example.gov.uk by 2025-06-25, item 3.5, e.g. now; C-0001 B2B snake_case"),
            ["See", "or", "mail", "by", "item", "now", "C"]
        );
    }

    #[test]
    fn invisible_characters_inside_words_are_left_out() {
        let raw = "inter\u{AD}operability wo\u{200D}rd";
        let w = words(raw);
        assert_eq!(w[0].0, "interoperability");
        assert_eq!(w[0].1, "inter\u{AD}operability");
        assert_eq!(w.len(), 2);
        assert_eq!(w[1].0, "word");
        // A zero-width space is a word break, as Unicode says.
        assert_eq!(texts("wo\u{200B}rd"), ["wo", "rd"]);
    }

    #[test]
    fn other_scripts_are_skipped() {
        assert_eq!(texts("Qingdao 青岛 Москва café"), ["Qingdao", "café"]);
    }

    #[test]
    fn ranges_point_into_the_marked_up_text() {
        let raw = r"The **recieve** step, *teh* wo**rd** and \*lit\* end";
        let w = words(raw);
        let got: Vec<(&str, &str)> = w.iter().map(|(t, r, _)| (t.as_str(), r.as_str())).collect();
        assert_eq!(
            got,
            [
                ("The", "The"),
                ("recieve", "recieve"),
                ("step", "step"),
                ("teh", "teh"),
                ("word", "wo**rd"),
                ("and", "and"),
                ("lit", "lit"),
                ("end", "end"),
            ]
        );
    }

    #[test]
    fn sentence_starts() {
        let w = words("Alpha said. Beta went: Gamma (Delta) and “Epsilon”");
        let starts: Vec<bool> = w.iter().map(|w| w.2).collect();
        assert_eq!(
            starts,
            [true, false, true, false, true, false, false, false]
        );
    }

    #[test]
    fn non_ascii_ranges_are_char_boundaries() {
        let raw = "**Zürich** – naïve “quotes” *Ōsaka*";
        for (text, slice, _) in words(raw) {
            assert_eq!(text, slice);
        }
    }
}
