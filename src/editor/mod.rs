//! The editor's document logic, free of any UI toolkit: the open document
//! with its undo history and save state, and figures derived from it.

mod document;
mod history;
mod insights;

pub use document::Document;
pub use history::{ends_word, FieldKey, History, Snapshot, MAX_STEPS, TYPING_PAUSE};
pub use insights::Insights;
