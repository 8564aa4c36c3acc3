//! What layout produces and the PDF writer and the editor's preview both
//! consume: pages of positioned text runs, rules, filled boxes and link
//! areas, each tagged with what it is to a reader of the tagged PDF (the
//! preview ignores the tags). Units are PDF points (1/72 inch); the origin is the page's
//! top-left corner and y grows downwards.

use std::sync::Arc;

use crate::fonts::{FontId, Glyph};
use crate::model::Id;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub pages: Vec<Page>,
    /// One entry a section, for PDF bookmarks and the preview's navigation.
    pub outline: Vec<OutlineEntry>,
    pub info: DocInfo,
    pub warnings: Vec<Warning>,
    /// Structure elements in reading order (a parent before its children);
    /// `Tag::Content(n)` on an item means element `n` owns it.
    pub structure: Vec<Element>,
}

/// One node of the logical structure a screen reader follows.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub role: Role,
    /// `None`: a child of the document itself.
    pub parent: Option<u32>,
}

/// Standard PDF structure types, and the few attributes that go with them.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    H1,
    H2,
    P,
    /// A list; `numbered` says whether its labels are numbers or bullets.
    L {
        numbered: bool,
    },
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    /// A header cell for its column, or (`row`) for its row.
    TH {
        row: bool,
    },
    TD,
    Caption,
    /// A link; `contents` describes it for the annotation.
    Link {
        contents: String,
    },
}

impl Role {
    /// The PDF name of the structure type.
    pub fn name(&self) -> &'static str {
        match self {
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::P => "P",
            Role::L { .. } => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH { .. } => "TH",
            Role::TD => "TD",
            Role::Caption => "Caption",
            Role::Link { .. } => "Link",
        }
    }
}

/// What a drawn item is: content of a structure element, or an artifact
/// (furniture and decoration a screen reader skips).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tag {
    /// Owned by `Document::structure[n]`.
    Content(u32),
    /// Rules, shading and boxes.
    #[default]
    Layout,
    /// Marking banner at the top, running header.
    Header,
    /// Page number, marking banner at the bottom.
    Footer,
    Watermark,
    /// A table header row repeated on a continued page.
    Repeated,
}

/// Document metadata for the PDF's info dictionary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// BCP-47 language of the text (`en-GB`).
    pub language: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub page: usize,
    /// Left edge and top of the heading on that page.
    pub x: f32,
    pub y: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// No bundled font can print this character; it is left out of the
    /// page, never replaced by something else.
    MissingGlyph { ch: char, source: Option<Id> },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::MissingGlyph { ch, .. } => write!(
                f,
                "no bundled font has the character U+{:04X} {}; it will not print",
                *ch as u32,
                if ch.is_control() {
                    String::new()
                } else {
                    format!("'{ch}'")
                }
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rule(Rule),
    Fill(Fill),
    Link(Link),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const BLACK: Color = Color::rgb(0, 0, 0);
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b }
    }
}

/// A run of text in one font, drawn from `x` along the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub baseline: f32,
    /// The characters, in logical (reading) order: what copy-paste gives.
    pub text: String,
    pub font: FontId,
    pub size: f32,
    pub color: Color,
    /// Advance width including kerning, in points.
    pub width: f32,
    /// The shaped glyphs left to right as drawn, in font units; advances
    /// include kerning and justification. Clusters are byte offsets into
    /// `text`. The PDF draws these; the preview shapes `text` the same way.
    /// Shared, so copying laid-out pages (the layout cache, pagination)
    /// copies no glyphs.
    pub glyphs: Arc<[Glyph]>,
    /// Every glyph is the font's own for one character of `text`, in order
    /// (no ligature, substitution or reordering): the PDF may show `text`
    /// itself, with the glyphs' advances.
    pub plain: bool,
    /// Where the run was shaped in pieces (one a word), and the space
    /// layout added there beyond the shaped advances (justification), in
    /// points: (char index, points). The preview shapes piece by piece.
    pub gaps: Arc<[(u32, f32)]>,
    /// Letter spacing, in points, between the glyphs of each piece (a
    /// justified line that could not stretch its spaces enough); already
    /// in the glyphs' advances, for the preview to space letters alike.
    pub track: f32,
    /// Rotation in degrees counter-clockwise around (x, baseline); 0 for body text.
    pub angle: f32,
    /// The model item this text came from, for click-to-source.
    pub source: Option<Id>,
    pub tag: Tag,
}

impl TextRun {
    /// Top and bottom of the run's box (ascent and descent of the font).
    pub fn top(&self) -> f32 {
        let m = self.font.metrics();
        self.baseline - m.ascender / m.units_per_em * self.size
    }
    pub fn bottom(&self) -> f32 {
        let m = self.font.metrics();
        self.baseline - m.descender / m.units_per_em * self.size
    }

    /// The run cut before byte `at` of its text: two runs drawing the same
    /// glyphs at the same places (so a link's text can belong to the link).
    /// `None` where no glyph starts there (inside a ligature), or for
    /// right-to-left or rotated text.
    pub fn split_at(&self, at: usize) -> Option<(TextRun, TextRun)> {
        if at == 0 || at >= self.text.len() || !self.text.is_char_boundary(at) || self.angle != 0.0
        {
            return None;
        }
        if self.glyphs.windows(2).any(|w| w[0].cluster > w[1].cluster) {
            return None;
        }
        let k = self.glyphs.partition_point(|g| (g.cluster as usize) < at);
        if self.glyphs.get(k)?.cluster as usize != at {
            return None;
        }
        let scale = self.size / self.font.metrics().units_per_em;
        let left_width = self.glyphs[..k].iter().map(|g| g.advance).sum::<f32>() * scale;
        let chars = self.text[..at].chars().count() as u32;
        let left = TextRun {
            text: self.text[..at].to_string(),
            width: left_width,
            glyphs: self.glyphs[..k].into(),
            gaps: self
                .gaps
                .iter()
                .filter(|(i, _)| *i < chars)
                .copied()
                .collect(),
            ..self.clone()
        };
        // A gap at the cut is already in the left part's last advance.
        let right = TextRun {
            x: self.x + left_width,
            text: self.text[at..].to_string(),
            width: self.width - left_width,
            glyphs: self.glyphs[k..]
                .iter()
                .map(|g| Glyph {
                    cluster: g.cluster - at as u32,
                    ..*g
                })
                .collect(),
            gaps: self
                .gaps
                .iter()
                .filter(|(i, _)| *i > chars)
                .map(|(i, g)| (i - chars, *g))
                .collect(),
            ..self.clone()
        };
        Some((left, right))
    }
}

/// A straight line.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width: f32,
    pub color: Color,
    pub tag: Tag,
}

/// A filled rectangle (table header shading, marking bands).
#[derive(Debug, Clone, PartialEq)]
pub struct Fill {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub color: Color,
    pub tag: Tag,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub target: LinkTarget,
    /// The link's structure element.
    pub tag: Tag,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    Uri(String),
    /// A place in this document: page index and y.
    Page(usize, f32),
}

impl Item {
    pub fn tag(&self) -> Tag {
        match self {
            Item::Text(t) => t.tag,
            Item::Rule(r) => r.tag,
            Item::Fill(f) => f.tag,
            Item::Link(l) => l.tag,
        }
    }

    pub fn set_tag(&mut self, tag: Tag) {
        match self {
            Item::Text(t) => t.tag = tag,
            Item::Rule(r) => r.tag = tag,
            Item::Fill(f) => f.tag = tag,
            Item::Link(l) => l.tag = tag,
        }
    }
}
