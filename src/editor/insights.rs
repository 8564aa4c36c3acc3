//! Figures the status bar shows — word count and validation problems —
//! worked out off the UI thread for each state of the brief.

use chrono::NaiveDate;

use crate::model::{validate, word_count, Problem, Severity};

#[derive(Debug, Default)]
pub struct Insights {
    pub words: usize,
    pub problems: Vec<Problem>,
}

impl Insights {
    /// The figures for a brief, overdue dates judged against `today`.
    pub fn of(brief: &crate::model::Brief, today: NaiveDate) -> Insights {
        Insights {
            words: word_count(brief),
            problems: validate(brief, today),
        }
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
