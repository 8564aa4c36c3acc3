//! Setting single fields: metadata by name, the style, captions, column
//! labels and commitment statuses. The editor's forms call these rather
//! than reaching into the document themselves.

use super::brief::{BlockContent, Brief, CommitmentStatus, Metadata, Status, Style};
use super::id::Id;
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
}

impl MetaField {
    pub const ALL: [MetaField; 13] = [
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
        }
    }

    pub fn get(self, m: &Metadata) -> String {
        let mut copy = m.clone();
        std::mem::take(self.slot(&mut copy))
    }
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
}

impl Brief {
    pub fn set_meta(&mut self, field: MetaField, value: &str) {
        *field.slot(&mut self.meta) = value.to_string();
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
    fn caption_of_a_paragraph_is_refused() {
        let mut b = Brief::new("T");
        let s = b.introduction.id;
        let p = b
            .add_block(s, 0, BlockContent::Paragraph { text: "x".into() })
            .unwrap_or_default();
        assert_eq!(b.set_caption(p, "c"), Err(EditError::NotATable(p)));
    }
}
