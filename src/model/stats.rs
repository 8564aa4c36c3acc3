//! Figures about a brief for the status bar: the word count of what prints.

use super::brief::Brief;
use super::text::plain;

fn words(s: &str) -> usize {
    plain(s).split_whitespace().count()
}

/// The fields whose words count: the printed reading text. Labels, dates
/// and the metadata other than title and subtitle do not.
const COUNTED: [&str; 12] = [
    "title",
    "subtitle",
    "heading",
    "text",
    "lead",
    "caption",
    "name",
    "cells",
    "party",
    "commitment",
    "owner",
    "description",
];

/// Words in the printed text: metadata titles, headings, paragraphs,
/// bullets, tables, commitments and recommendations.
pub fn word_count(brief: &Brief) -> usize {
    let mut n = 0;
    brief.for_each_text(|f| {
        if COUNTED.contains(&f.name) {
            n += words(f.text);
        }
    });
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockContent;

    #[test]
    fn counts_words_without_markup() {
        let mut b = Brief::new("Two words");
        let s = b.introduction.id;
        b.add_block(
            s,
            0,
            BlockContent::Paragraph {
                text: "**Bold** and *it* here".into(),
            },
        )
        .ok();
        assert_eq!(word_count(&b), 2 + 4 + 1); // title, paragraph, "Conclusion"
    }
}
