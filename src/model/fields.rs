//! Setting single fields: metadata by name, the language and the brief's
//! own dictionary, the style, captions, column labels and commitment
//! statuses. The editor's forms call these rather
//! than reaching into the document themselves.

use super::brief::{BlockContent, Brief, CommitmentStatus, Metadata, Status, Style};
use super::id::Id;
use super::language::is_well_formed_tag;
use super::ops::{EditError, EditResult};

/// The text fields of the metadata, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaField {
    Title,
    Subtitle,
    Organisation,
    Meeting,
    Location,
    StartDate,
    EndDate,
    Date,
    Drafter,
    Approver,
    Version,
    Marking,
    Distribution,
    /// The BCP-47 tag of the brief's language; see [`Brief::set_language`].
    Language,
}

impl MetaField {
    pub const ALL: [MetaField; 14] = [
        MetaField::Title,
        MetaField::Subtitle,
        MetaField::Organisation,
        MetaField::Meeting,
        MetaField::Location,
        MetaField::StartDate,
        MetaField::EndDate,
        MetaField::Date,
        MetaField::Drafter,
        MetaField::Approver,
        MetaField::Version,
        MetaField::Marking,
        MetaField::Distribution,
        MetaField::Language,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MetaField::Title => "Title",
            MetaField::Subtitle => "Subtitle",
            MetaField::Organisation => "Organisation",
            MetaField::Meeting => "Meeting",
            MetaField::Location => "Location",
            MetaField::StartDate => "Start date",
            MetaField::EndDate => "End date",
            MetaField::Date => "Date of the brief",
            MetaField::Drafter => "Drafter",
            MetaField::Approver => "Approver",
            MetaField::Version => "Version",
            MetaField::Marking => "Marking",
            MetaField::Distribution => "Distribution",
            MetaField::Language => "Language",
        }
    }

    /// Dates are typed as `YYYY-MM-DD` and validated.
    pub fn is_date(self) -> bool {
        matches!(
            self,
            MetaField::StartDate | MetaField::EndDate | MetaField::Date
        )
    }

    fn slot(self, m: &mut Metadata) -> &mut String {
        match self {
            MetaField::Title => &mut m.title,
            MetaField::Subtitle => &mut m.subtitle,
            MetaField::Organisation => &mut m.organisation,
            MetaField::Meeting => &mut m.meeting,
            MetaField::Location => &mut m.location,
            MetaField::StartDate => &mut m.start_date,
            MetaField::EndDate => &mut m.end_date,
            MetaField::Date => &mut m.date,
            MetaField::Drafter => &mut m.drafter,
            MetaField::Approver => &mut m.approver,
            MetaField::Version => &mut m.version,
            MetaField::Marking => &mut m.marking,
            MetaField::Distribution => &mut m.distribution,
            MetaField::Language => &mut m.language,
        }
    }

    pub fn get(self, m: &Metadata) -> String {
        let mut copy = m.clone();
        std::mem::take(self.slot(&mut copy))
    }
}

/// A word as the brief's dictionary keeps it: trimmed, one word (letters,
/// digits, apostrophes, hyphens and dots inside, no spaces or controls).
fn dictionary_word(word: &str) -> EditResult<String> {
    let w = word.trim();
    let ok = !w.is_empty()
        && w.chars().count() <= 64
        && w.chars().all(|c| !c.is_whitespace() && !c.is_control());
    if ok {
        Ok(w.to_string())
    } else {
        Err(EditError::BadDictionaryWord(word.to_string()))
    }
}

/// Case-insensitive order first, so the saved list reads alphabetically;
/// exact order breaks ties so "us" and "US" are two entries.
fn dictionary_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.to_lowercase()
        .cmp(&b.to_lowercase())
        .then_with(|| a.cmp(b))
}

/// Markings offered in the editor; any other text is allowed too.
pub const MARKINGS: &[&str] = &[
    "",
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "RESTRICTED",
    "CONFIDENTIAL",
    "SECRET",
    "UNCLASSIFIED",
    "FOR OFFICIAL USE ONLY",
];

/// Which label of a commitment table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitmentLabel {
    Party,
    Commitment,
    Owner,
    Due,
    Status,
}

impl Brief {
    pub fn set_meta(&mut self, field: MetaField, value: &str) {
        *field.slot(&mut self.meta) = value.to_string();
    }

    /// Sets the brief's language. A tag that is not BCP-47 in shape is
    /// refused; a well-formed tag Briefsmith has no dictionary for is kept
    /// (validation warns that its spelling is not checked).
    pub fn set_language(&mut self, tag: &str) -> EditResult<()> {
        let tag = tag.trim();
        if !is_well_formed_tag(tag) {
            return Err(EditError::BadLanguageTag(tag.to_string()));
        }
        self.meta.language = tag.to_string();
        Ok(())
    }

    /// Adds a word to the brief's own dictionary, keeping it sorted and
    /// free of repeats; `Ok(false)` when it was there already. Words are
    /// kept as typed: "Zhang" accepts Zhang and ZHANG, "jointness" any case.
    pub fn add_to_dictionary(&mut self, word: &str) -> EditResult<bool> {
        let word = dictionary_word(word)?;
        let words = &mut self.meta.dictionary;
        match words.binary_search_by(|w| dictionary_order(w, &word)) {
            Ok(_) => Ok(false),
            Err(at) => {
                words.insert(at, word);
                Ok(true)
            }
        }
    }

    /// Removes a word from the brief's own dictionary; `Ok(false)` when it
    /// was not there.
    pub fn remove_from_dictionary(&mut self, word: &str) -> EditResult<bool> {
        let word = dictionary_word(word)?;
        let before = self.meta.dictionary.len();
        self.meta.dictionary.retain(|w| *w != word);
        Ok(self.meta.dictionary.len() != before)
    }

    pub fn set_status(&mut self, status: Status) {
        self.meta.status = status;
    }

    pub fn set_style(&mut self, style: Style) {
        self.style = style;
    }

    /// The caption of a table or commitment table.
    pub fn set_caption(&mut self, block: Id, caption: &str) -> EditResult<()> {
        match &mut self.block_mut(block)?.content {
            BlockContent::Table(t) => t.caption = caption.to_string(),
            BlockContent::Commitments(t) => t.caption = caption.to_string(),
            _ => return Err(EditError::NotATable(block)),
        }
        Ok(())
    }

    pub fn set_commitment_label(
        &mut self,
        block: Id,
        which: CommitmentLabel,
        text: &str,
    ) -> EditResult<()> {
        match &mut self.block_mut(block)?.content {
            BlockContent::Commitments(t) => {
                let slot = match which {
                    CommitmentLabel::Party => &mut t.party_label,
                    CommitmentLabel::Commitment => &mut t.commitment_label,
                    CommitmentLabel::Owner => &mut t.owner_label,
                    CommitmentLabel::Due => &mut t.due_label,
                    CommitmentLabel::Status => &mut t.status_label,
                };
                *slot = text.to_string();
                Ok(())
            }
            _ => Err(EditError::NotATable(block)),
        }
    }

    pub fn set_commitment_status(
        &mut self,
        block: Id,
        row: Id,
        status: Option<CommitmentStatus>,
    ) -> EditResult<()> {
        self.commitment_mut(block, row)?.status = status;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_fields_round_trip() {
        let mut b = Brief::new("T");
        for (i, f) in MetaField::ALL.iter().enumerate() {
            b.set_meta(*f, &format!("v{i}"));
        }
        for (i, f) in MetaField::ALL.iter().enumerate() {
            assert_eq!(f.get(&b.meta), format!("v{i}"), "{}", f.label());
        }
    }

    #[test]
    fn language_is_checked_for_shape_only() {
        let mut b = Brief::new("T");
        assert_eq!(b.meta.language, "en-GB");
        assert_eq!(b.set_language("en-US"), Ok(()));
        assert_eq!(b.set_language(" fr-FR "), Ok(()));
        assert_eq!(b.meta.language, "fr-FR");
        assert!(matches!(
            b.set_language("English please"),
            Err(EditError::BadLanguageTag(_))
        ));
        assert_eq!(b.meta.language, "fr-FR");
    }

    #[test]
    fn dictionary_stays_sorted_without_repeats() {
        let mut b = Brief::new("T");
        for w in ["Zhang", "qingdao", " Astana ", "Zhang", "zhang"] {
            let _ = b.add_to_dictionary(w);
        }
        assert_eq!(b.meta.dictionary, ["Astana", "qingdao", "Zhang", "zhang"]);
        assert_eq!(b.add_to_dictionary("Zhang"), Ok(false));
        assert!(b.add_to_dictionary("two words").is_err());
        assert!(b.add_to_dictionary("").is_err());
        assert_eq!(b.remove_from_dictionary("zhang"), Ok(true));
        assert_eq!(b.remove_from_dictionary("zhang"), Ok(false));
        assert_eq!(b.meta.dictionary, ["Astana", "qingdao", "Zhang"]);
    }

    #[test]
    fn caption_of_a_paragraph_is_refused() {
        let mut b = Brief::new("T");
        let s = b.introduction.id;
        let p = b
            .add_block(s, 0, BlockContent::Paragraph { text: "x".into() })
            .unwrap_or_default();
        assert_eq!(b.set_caption(p, "c"), Err(EditError::NotATable(p)));
    }
}
