//! Layout: a brief and its style in, pages of positioned text runs, rules,
//! boxes and links out. Pure and deterministic; knows neither egui nor
//! printpdf, so the PDF and the editor's preview show the same pages.

pub mod page;

pub use page::*;
