//! Briefsmith: a desktop editor for meeting briefs with typeset PDF export.
//!
//! Data flows one way: `model` → `layout` → `pdf` (and the editor's preview).
//! `editor` holds the open document and its undo history; `app` (the egui
//! window) and `preview` are the only modules that know the UI toolkit.
//! `io` loads and saves `.brief` files, `import` turns articles into briefs,
//! `templates` holds the bundled starting points; `spell` checks spelling
//! with bundled dictionaries; `register` lists commitments across briefs.

pub mod app;
pub mod cli;
pub mod editor;
pub mod fonts;
pub mod import;
pub mod io;
pub mod layout;
pub mod model;
pub mod pdf;
pub mod preview;
pub mod register;
pub mod sample;
pub mod spell;
pub mod templates;
