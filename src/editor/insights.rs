//! Figures the status bar shows — word count and validation problems —
//! recomputed only when the document's content changes.

use chrono::NaiveDate;

use super::Document;
use crate::model::{validate, word_count, Problem, Severity};

#[derive(Debug, Default)]
pub struct Insights {
    content: Option<u64>,
    pub words: usize,
    pub problems: Vec<Problem>,
}

impl Insights {
    /// The figures for one state (`content`) of a brief.
    pub fn of(content: u64, brief: &crate::model::Brief, today: NaiveDate) -> Insights {
        Insights {
            content: Some(content),
            words: word_count(brief),
            problems: validate(brief, today),
        }
    }

    /// Brings the figures up to date with `doc`; cheap when nothing changed.
    pub fn refresh(&mut self, doc: &Document, today: NaiveDate) {
        if self.content == Some(doc.content_id()) {
            return;
        }
        self.content = Some(doc.content_id());
        self.words = word_count(doc.brief());
        self.problems = validate(doc.brief(), today);
    }

    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}
