//! The brief document model: types saved in `.brief` files, inline markup,
//! the edits the editor makes, and validation.

mod brief;
mod id;
mod ops;
pub mod text;
mod validate;

pub use brief::*;
pub use id::Id;
pub use ops::{EditError, EditResult, HasId};
pub use validate::{has_errors, is_overdue, parse_date, validate, Problem, Severity};
