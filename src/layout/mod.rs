//! Layout: a brief and its style in, pages of positioned text runs, rules,
//! boxes and links out. Pure and deterministic; knows neither egui nor
//! printpdf, so the PDF and the editor's preview show the same pages.
//!
//! `compose` turns the brief into chunks (lines, rows, headings), `flow`
//! breaks them into pages, `furniture` adds markings, running header,
//! page numbers and the DRAFT watermark. Every item carries a `Tag`: the
//! structure element (`Document::structure`) that owns it in the tagged
//! PDF, or the kind of artifact it is; the preview ignores tags.

mod compose;
pub mod flow;
mod furniture;
pub mod hyphenate;
pub mod linebreak;
pub mod page;
mod rules;
pub mod table;
pub mod text;

pub use compose::LayoutCache;
pub use page::*;

use chrono::NaiveDate;

use crate::model::{Brief, FontFamily, Paper};

pub const MM: f32 = 72.0 / 25.4;

/// Choices that are not part of the brief.
#[derive(Debug, Clone, Default)]
pub struct LayoutOptions {
    /// Commitments due before this date and not done print as overdue.
    pub today: Option<NaiveDate>,
}

/// Sizes and colours derived from the brief's style.
#[derive(Debug, Clone)]
pub struct Theme {
    pub page_w: f32,
    pub page_h: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    pub sans: bool,
    pub justify: bool,
    /// Hyphenation patterns for the brief's language, if it hyphenates.
    pub hyphenate: Option<hyphenate::Lang>,
    pub size: f32,
    pub leading: f32,
    pub ascent: f32,
    pub para_gap: f32,
    pub heading_size: f32,
    pub heading_leading: f32,
    pub table_size: f32,
    pub table_leading: f32,
    pub table_ascent: f32,
    pub cell_pad_x: f32,
    pub cell_pad_y: f32,
    pub text: Color,
    pub heading: Color,
    pub muted: Color,
    pub rule_color: Color,
    pub rule_width: f32,
    pub header_fill: Color,
    pub overdue: Color,
}

impl Theme {
    pub fn of(brief: &Brief) -> Theme {
        let st = &brief.style;
        let (page_w, page_h) = match st.paper {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        };
        let size = if st.font_size.is_finite() {
            st.font_size.clamp(6.0, 18.0)
        } else {
            10.5
        };
        let margin = |m: f32| {
            if m.is_finite() {
                m.clamp(8.0, 50.0) * MM
            } else {
                22.0 * MM
            }
        };
        let sans = st.family == FontFamily::Sans;
        let table_size = size * 0.92;
        Theme {
            page_w,
            page_h,
            left: margin(st.margins_mm.left),
            right: margin(st.margins_mm.right),
            top: margin(st.margins_mm.top),
            bottom: margin(st.margins_mm.bottom),
            sans,
            justify: st.justify,
            hyphenate: if st.hyphenate {
                hyphenate::language(&brief.meta.language)
            } else {
                None
            },
            size,
            leading: size * 1.36,
            ascent: size * 1.0,
            para_gap: size * 0.5,
            heading_size: size * 1.3,
            heading_leading: size * 1.3 * 1.22,
            table_size,
            table_leading: table_size * 1.3,
            table_ascent: table_size * 0.98,
            cell_pad_x: size * 0.45,
            cell_pad_y: size * 0.28,
            text: Color::rgb(0x1a, 0x1a, 0x1a),
            heading: Color::rgb(0x14, 0x2d, 0x52),
            muted: Color::rgb(0x55, 0x5b, 0x66),
            rule_color: Color::rgb(0x4a, 0x4f, 0x58),
            rule_width: 0.5,
            header_fill: Color::rgb(0xe4, 0xe9, 0xf0),
            overdue: Color::rgb(0xb0, 0x1c, 0x1c),
        }
    }

    /// Body width in points.
    pub fn body_width(&self) -> f32 {
        self.page_w - self.left - self.right
    }

    pub fn body_height(&self) -> f32 {
        self.page_h - self.top - self.bottom
    }
}

/// Part of every cached part's key: floats by their bits. Taken apart
/// without `..`, so a new field does not compile until it is hashed.
impl std::hash::Hash for Theme {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let Theme {
            page_w,
            page_h,
            left,
            right,
            top,
            bottom,
            sans,
            justify,
            hyphenate,
            size,
            leading,
            ascent,
            para_gap,
            heading_size,
            heading_leading,
            table_size,
            table_leading,
            table_ascent,
            cell_pad_x,
            cell_pad_y,
            text,
            heading,
            muted,
            rule_color,
            rule_width,
            header_fill,
            overdue,
        } = self;
        for v in [
            page_w,
            page_h,
            left,
            right,
            top,
            bottom,
            size,
            leading,
            ascent,
            para_gap,
            heading_size,
            heading_leading,
            table_size,
            table_leading,
            table_ascent,
            cell_pad_x,
            cell_pad_y,
            rule_width,
        ] {
            v.to_bits().hash(h);
        }
        (sans, justify, hyphenate).hash(h);
        (text, heading, muted, rule_color, header_fill, overdue).hash(h);
    }
}

/// Lays out a brief: the one function the PDF writer and the preview
/// share. With a cache of its own: for a one-off layout (an export).
pub fn layout(brief: &Brief, opts: &LayoutOptions) -> Document {
    layout_cached(brief, opts, &mut LayoutCache::default())
}

/// Lays out a brief reusing what `cache` kept from earlier layouts (the
/// editor lays out the open brief on every change).
pub fn layout_cached(brief: &Brief, opts: &LayoutOptions, cache: &mut LayoutCache) -> Document {
    let theme = Theme::of(brief);
    let mut warnings = Vec::new();
    let (chunks, structure) = compose::compose(brief, &theme, opts, &mut warnings, cache);
    let mut repeated = furniture::Repeated::default();
    let words = cache.words();
    let placed = flow::paginate(chunks, theme.top, theme.body_height(), |i, total| {
        let before = furniture::before(brief, &theme, i, &mut warnings, words, &mut repeated);
        let after = furniture::after(brief, &theme, i, total, &mut warnings, words, &mut repeated);
        (before, after)
    });
    let mut outline = Vec::new();
    let mut pages = Vec::with_capacity(placed.len());
    for mut p in placed {
        outline.extend(p.outline);
        rules::join(&mut p.items);
        pages.push(Page {
            width: theme.page_w,
            height: theme.page_h,
            items: p.items,
        });
    }
    let m = &brief.meta;
    let mut keywords: Vec<String> = [&m.organisation, &m.meeting, &m.location, &m.marking]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().to_string())
        .collect();
    keywords.dedup();
    Document {
        pages,
        outline,
        info: DocInfo {
            title: m.title.clone(),
            author: m.drafter.clone(),
            subject: if m.meeting.is_empty() {
                m.subtitle.clone()
            } else {
                m.meeting.clone()
            },
            keywords,
            language: if m.language.trim().is_empty() {
                crate::model::DEFAULT_LANGUAGE.to_string()
            } else {
                m.language.trim().to_string()
            },
        },
        warnings,
        structure,
    }
}
