//! Briefsmith: a desktop editor for meeting briefs with typeset PDF export.
//!
//! Data flows one way: `model` → `layout` → `pdf` (and the editor's preview).
//! `io` loads and saves `.brief` files, `import` turns articles into briefs,
//! `templates` holds the bundled starting points.

pub mod cli;
pub mod fonts;
pub mod import;
pub mod io;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod sample;
pub mod templates;
