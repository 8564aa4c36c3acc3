//! The brief document model: types saved in `.brief` files, inline markup,
//! the edits the editor makes, and validation.

mod brief;
mod dates;
mod describe;
mod fields;
pub mod find;
mod id;
mod language;
pub mod list;
mod locate;
mod ops;
mod placeholders;
mod stats;
pub mod text;
mod uid;
mod validate;
mod walk;

pub use brief::*;
pub use dates::{iso_date, read_date, DateOrder};
pub use describe::{counted, describe_path, problems_summary};
pub use fields::{CommitmentLabel, MetaField, MARKINGS};
pub use id::Id;
pub use language::{is_well_formed_tag, Language};
pub use list::{list_depths, list_labels};
pub use locate::Place;
pub use ops::{EditError, EditResult, HasId};
pub use placeholders::placeholders_in;
pub use stats::word_count;
pub use uid::new_uid;
pub use validate::{has_errors, is_overdue, parse_date, validate, Problem, Severity};
pub use walk::TextField;
