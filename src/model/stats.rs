//! Figures about a brief for the status bar: the word count of what prints.

use super::brief::{BlockContent, Brief};
use super::text::plain;

fn words(s: &str) -> usize {
    plain(s).split_whitespace().count()
}

/// Words in the printed text: metadata titles, headings, paragraphs,
/// bullets, tables, commitments and recommendations.
pub fn word_count(brief: &Brief) -> usize {
    let m = &brief.meta;
    let mut n = words(&m.title) + words(&m.subtitle);
    for s in brief.all_sections() {
        n += words(&s.heading);
        for b in &s.blocks {
            n += match &b.content {
                BlockContent::Paragraph { text } => words(text),
                BlockContent::Bullets { items } => {
                    items.iter().map(|i| words(&i.lead) + words(&i.text)).sum()
                }
                BlockContent::Table(t) => {
                    words(&t.caption)
                        + t.columns.iter().map(|c| words(&c.name)).sum::<usize>()
                        + t.rows
                            .iter()
                            .flat_map(|r| r.cells.iter())
                            .map(|c| words(c))
                            .sum::<usize>()
                }
                BlockContent::Commitments(t) => {
                    words(&t.caption)
                        + t.rows
                            .iter()
                            .map(|c| words(&c.party) + words(&c.commitment) + words(&c.owner))
                            .sum::<usize>()
                }
            };
        }
    }
    n + brief
        .recommendations
        .iter()
        .map(|r| words(&r.title) + words(&r.description) + words(&r.owner))
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

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
