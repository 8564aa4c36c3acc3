//! Breaks styled text into lines, in three phases: segment (per-character
//! font choice with CJK, Hangul, Arabic and Hebrew fallbacks, words shaped
//! through the caller's `TextCache` with ligatures and joining, bidi
//! levels, UAX #14 break opportunities), break (hyphenation points by the
//! brief's language and house rules, words longer than a line breakable
//! anywhere, total-fit breaking in `linebreak`), emit (justification as
//! extra or less space after word spaces, right-to-left words put in
//! visual order on their line, UAX #9, in a left-to-right paragraph).

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::hyphenate::{self, Lang};
use super::linebreak::{break_items, Item, Params, Penalty, FORCED};

use super::page::{Color, Tag, TextRun, Warning};
use std::sync::Arc;

use crate::fonts::{FontId, Glyph, ShapeCache, Shaped};
use crate::model::Id;

/// What breaking text keeps from call to call, held by the caller: words
/// shaped, and where they may be hyphenated.
#[derive(Default)]
pub struct TextCache {
    pub shapes: ShapeCache,
    hyphens: hyphenate::Cache,
}

/// A stretch of text in one style.
#[derive(Debug, Clone)]
pub struct Styled {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    pub sans: bool,
    pub size: f32,
    pub color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Justify,
    Center,
    Right,
}

/// A laid-out line: runs positioned relative to the line's left edge and
/// its baseline.
#[derive(Debug, Clone)]
pub struct Line {
    pub runs: Vec<TextRun>,
    pub width: f32,
}

/// Characters that take no space and need no glyph.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{200E}'
            | '\u{200F}'
            | '\r'
    )
}

/// A piece's or a space's text: borrowed for the common ones (a space, a
/// hyphen), which every word would otherwise allocate.
type Text = std::borrow::Cow<'static, str>;

/// A piece of a word in one font and one direction, shaped.
#[derive(Debug, Clone)]
struct Piece {
    text: Text,
    font: FontId,
    /// Bidi embedding level: odd is right-to-left.
    level: u8,
    width: f32,
    /// Shaped in the piece's own font and direction (shared with the cache).
    shaped: Arc<Shaped>,
}

#[derive(Debug, Clone)]
struct Segment {
    pieces: Vec<Piece>,
    width: f32,
    /// Trailing space: its text, width, font and bidi level.
    space: Text,
    space_width: f32,
    space_font: FontId,
    space_level: u8,
    mandatory: bool,
    /// Break here with a visible hyphen (soft hyphen or hyphenation).
    hyphen_after: bool,
    /// Ends with a hyphen ("forward-"): a compound broken at its hyphen.
    ends_with_hyphen: bool,
    /// Part of a web address: never hyphenated, so an address broken
    /// across lines reads (and links) as written.
    in_url: bool,
    /// How far the space (or gap) after it may stretch and shrink.
    stretch: f32,
    shrink: f32,
    /// Ends a line inside a word longer than a line: the line may end
    /// this much short (the next character did not fit).
    leeway: f32,
}

struct Shaper<'a> {
    style: TextStyle,
    source: Option<Id>,
    warnings: &'a mut Vec<Warning>,
    /// The width of a hyphen in each font, once measured (negative: not yet).
    hyphen_widths: [std::cell::Cell<f32>; FontId::ALL.len()],
    /// The caller's cache, shared by the read-only phases (breaking
    /// measures words and parts of words many times over).
    shapes: std::cell::RefCell<&'a mut ShapeCache>,
    hyphens: std::cell::RefCell<&'a mut hyphenate::Cache>,
    /// A space shaped in each font and direction, once looked up: nearly
    /// every word ends with one, and is set with it.
    spaces: std::cell::RefCell<[Option<Arc<Shaped>>; 2 * FontId::ALL.len()]>,
}

impl<'a> Shaper<'a> {
    fn new(
        style: TextStyle,
        source: Option<Id>,
        warnings: &'a mut Vec<Warning>,
        words: &'a mut TextCache,
    ) -> Shaper<'a> {
        let TextCache { shapes, hyphens } = words;
        Shaper {
            style,
            source,
            warnings,
            hyphen_widths: std::array::from_fn(|_| std::cell::Cell::new(-1.0)),
            shapes: std::cell::RefCell::new(shapes),
            hyphens: std::cell::RefCell::new(hyphens),
            spaces: Default::default(),
        }
    }

    fn font_for(&mut self, c: char, bold: bool, italic: bool) -> Option<FontId> {
        let primary = FontId::styled(self.style.sans, bold, italic);
        if primary.metrics().has_char(c) {
            return Some(primary);
        }
        // Bold CJK text falls back to the one CJK face; better than nothing.
        for fallback in [FontId::Cjk, FontId::Hangul, FontId::Arabic, FontId::Hebrew] {
            if fallback.metrics().has_char(c) {
                return Some(fallback);
            }
        }
        if FontId::styled(!self.style.sans, bold, italic)
            .metrics()
            .has_char(c)
        {
            return Some(FontId::styled(!self.style.sans, bold, italic));
        }
        let w = Warning::MissingGlyph {
            ch: c,
            source: self.source,
        };
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
        None
    }

    /// A piece shaped through the cache: words repeat, and shaping one
    /// from scratch builds a shaping plan.
    fn piece(&self, text: Text, font: FontId, level: u8) -> Piece {
        let shaped = self.shaped(font, &text, level % 2 == 1);
        self.wrap(text, font, level, shaped)
    }

    fn shaped(&self, font: FontId, text: &str, rtl: bool) -> Arc<Shaped> {
        if text != " " {
            return self.shapes.borrow_mut().shape(font, text, rtl);
        }
        let slot = 2 * font as usize + rtl as usize;
        let mut spaces = self.spaces.borrow_mut();
        let space =
            spaces[slot].get_or_insert_with(|| self.shapes.borrow_mut().shape(font, text, rtl));
        Arc::clone(space)
    }

    /// The width of `text` as a piece of its own would have it.
    fn width(&self, font: FontId, text: &str, level: u8) -> f32 {
        self.shaped(font, text, level % 2 == 1).advance * self.style.size
            / font.metrics().units_per_em
    }

    fn wrap(&self, text: Text, font: FontId, level: u8, shaped: Arc<Shaped>) -> Piece {
        Piece {
            width: shaped.advance * self.style.size / font.metrics().units_per_em,
            shaped,
            text,
            font,
            level,
        }
    }

    /// Splits styled text into pieces of one font and bidi level each;
    /// `levels` has one entry a char, or none when all are left-to-right.
    fn pieces(&mut self, chars: &[(char, bool, bool)], levels: &[u8]) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        let mut cur = String::with_capacity(chars.len());
        let mut cur_font: Option<FontId> = None;
        let mut cur_level = 0u8;
        for (k, &(c, bold, italic)) in chars.iter().enumerate() {
            let level = levels.get(k).copied().unwrap_or(0);
            if is_invisible(c) {
                continue;
            }
            let c = if c == '\t'
                || c == '\u{00A0}'
                    && !FontId::styled(self.style.sans, bold, italic)
                        .metrics()
                        .has_char(c)
            {
                ' '
            } else {
                c
            };
            // A combining mark stays with its letter's font when it can,
            // so the shaper can place (or compose) it.
            let font = match cur_font {
                Some(f)
                    if c >= '\u{0300}'
                        && unicode_normalization::char::is_combining_mark(c)
                        && f.metrics().has_char(c) =>
                {
                    f
                }
                _ => match self.font_for(c, bold, italic) {
                    Some(f) => f,
                    None => continue,
                },
            };
            if (cur_font != Some(font) || cur_level != level) && !cur.is_empty() {
                if let Some(f) = cur_font {
                    out.push(self.piece(std::mem::take(&mut cur).into(), f, cur_level));
                }
            }
            cur_font = Some(font);
            cur_level = level;
            cur.push(c);
        }
        if let (Some(f), false) = (cur_font, cur.is_empty()) {
            out.push(self.piece(cur.into(), f, cur_level));
        }
        out
    }
}

/// Bidi embedding level of each byte of `text` as a left-to-right
/// paragraph; empty when nothing in it is right-to-left.
fn bidi_levels(text: &str) -> Vec<u8> {
    use unicode_bidi::BidiClass::{AL, R, RLE, RLI, RLO};
    let rtl = |c: char| {
        c >= '\u{0590}' && matches!(unicode_bidi::bidi_class(c), R | AL | RLE | RLO | RLI)
    };
    if !text.chars().any(rtl) {
        return Vec::new();
    }
    let info = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
    info.levels.iter().map(|l| l.number()).collect()
}

/// The order in which items of these bidi levels are drawn left to right
/// (UAX #9 rule L2: reverse every run at or above each odd level).
fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let max = levels.iter().copied().max().unwrap_or(0);
    let lowest_odd = levels.iter().copied().min().unwrap_or(0) | 1;
    for level in (lowest_odd..=max).rev() {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
    }
    order
}

/// How a paragraph is set, by name: the measure, the alignment and the
/// hyphenation rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineConfig {
    /// The measure, in points.
    pub width: f32,
    pub align: Align,
    /// Hyphenation patterns, from the brief's language; `None`: no
    /// hyphenation (a word longer than the measure still breaks).
    pub hyphenate: Option<Lang>,
    /// Whether capitalised words may be hyphenated: not in table cells,
    /// where they are mostly names.
    pub hyphenate_capitalised: bool,
}

impl LineConfig {
    /// Left-aligned, unhyphenated lines `width` points wide.
    pub fn new(width: f32) -> LineConfig {
        LineConfig {
            width,
            align: Align::Left,
            hyphenate: None,
            hyphenate_capitalised: true,
        }
    }

    pub fn align(self, align: Align) -> LineConfig {
        LineConfig { align, ..self }
    }

    pub fn hyphenate(self, lang: Option<Lang>) -> LineConfig {
        LineConfig {
            hyphenate: lang,
            ..self
        }
    }

    /// Capitalised words (names) are kept whole.
    pub fn names_whole(self) -> LineConfig {
        LineConfig {
            hyphenate_capitalised: false,
            ..self
        }
    }
}

/// Cost of a hyphen at a line end (TeX's \hyphenpenalty).
const HYPHEN_COST: f32 = 50.0;
/// Cost of a break after punctuation that is not a space ("and/or").
const JOIN_COST: f32 = 50.0;
/// Cost of breaking a word longer than the measure between two letters
/// that are no hyphenation point.
const ANYWHERE_COST: f32 = 300.0;
/// A word wider than this share of the measure may break anywhere (with
/// a hyphen) when hyphenating, if it has no hyphenation points.
const LONG_WORD: f32 = 0.4;
/// ... and is this long at least: an identifier, not a name in a cell.
const LONG_WORD_BYTES: usize = 20;
/// How far a justified space stretches and shrinks, as a share of its
/// width: the units of a line's looseness and tightness (its ratio),
/// whose cube is its badness. A space 1.25 times its width is as bad as
/// one of two thirds: tight lines cost less than loose ones.
const STRETCH: f32 = 0.25;
const SHRINK: f32 = 1.0 / 3.0;
/// The widest and narrowest a justified space is set, as a multiple of
/// its width.
const MAX_SPACE: f32 = 2.0;
const MIN_SPACE: f32 = 0.8;
/// The same as ratios of stretch and shrink: the limits of line breaking.
const MAX_RATIO: f32 = (MAX_SPACE - 1.0) / STRETCH;
const MIN_RATIO: f32 = (MIN_SPACE - 1.0) / SHRINK;
/// The loosest a line may be (spaces 1.25 times their width) for a
/// paragraph to be set without hyphenation (TeX's \pretolerance).
const PRETOLERANCE: f32 = 1.0;
/// The same for ragged text: lines up to twice RAG_EMS short.
const RAG_PRETOLERANCE: f32 = 2.0;
/// Ragged text: how short of the measure a line may end, in ems, at the
/// cost a justified line pays for spaces 1.5 times their width.
const RAG_EMS: f32 = 3.0;

/// Breaks `spans` into lines as `cfg` says: the segment, break and emit
/// phases below.
pub fn break_lines(
    spans: &[Styled],
    style: TextStyle,
    cfg: &LineConfig,
    source: Option<Id>,
    warnings: &mut Vec<Warning>,
    words: &mut TextCache,
) -> Vec<Line> {
    let mut sh = Shaper::new(style, source, warnings, words);
    let mut segments = segment(&mut sh, spans);
    if segments.is_empty() {
        return Vec::new();
    }
    let ranges = choose_breaks(&sh, &mut segments, cfg);
    let mut lines = Vec::with_capacity(ranges.len());
    let mut scratch = Scratch::default();
    for r in ranges {
        let last_line = r.end.cut.is_none() && segments[r.end.seg].mandatory;
        let segs = slice_line(&sh, &mut segments, &r);
        let align = if cfg.align == Align::Justify && last_line {
            Align::Left
        } else {
            cfg.align
        };
        lines.push(emit_line(
            &mut sh,
            segs,
            cfg.width,
            align,
            source,
            &mut scratch,
        ));
    }
    lines
}

/// The widths of the lines `spans` makes at an unbounded measure, left
/// aligned (one a hard line break): what `break_lines` gives them, summed
/// in the same order, without setting their runs (table columns measure
/// every cell this way).
pub fn natural_widths(
    spans: &[Styled],
    style: TextStyle,
    warnings: &mut Vec<Warning>,
    words: &mut TextCache,
) -> Vec<f32> {
    let cfg = LineConfig::new(f32::MAX / 4.0);
    let widths = {
        let mut sh = Shaper::new(style, None, warnings, words);
        let segments = segment(&mut sh, spans);
        // Right-to-left text is placed in visual order: set it.
        let ltr = segments.iter().all(|s| {
            s.pieces.iter().all(|p| p.level == 0) && (s.space.is_empty() || s.space_level == 0)
        });
        fits_as_is(&segments, cfg.width)
            .filter(|_| ltr)
            .map(|lines| {
                lines
                    .iter()
                    .map(|r| line_width(&sh, &segments[r.start.seg..=r.end.seg]))
                    .collect::<Vec<f32>>()
            })
    };
    widths.unwrap_or_else(|| {
        break_lines(spans, style, &cfg, None, &mut Vec::new(), words)
            .iter()
            .map(|l| l.width)
            .collect()
    })
}

/// The width `emit_line` gives a left-aligned line of whole, left-to-right
/// segments: its pieces and spaces added up in order, the last space left
/// out and a hyphen added where the line ends with one.
fn line_width(sh: &Shaper, segs: &[Segment]) -> f32 {
    let mut x = 0.0f32;
    for (i, seg) in segs.iter().enumerate() {
        for p in &seg.pieces {
            x += p.width + 0.0;
        }
        if i + 1 == segs.len() {
            if seg.hyphen_after {
                let (font, level) = seg
                    .pieces
                    .last()
                    .map(|p| (p.font, p.level))
                    .unwrap_or((FontId::styled(sh.style.sans, false, false), 0));
                x += sh.width(font, "-", level) + 0.0;
            }
        } else if !seg.space.is_empty() {
            x += seg.space_width + 0.0;
        }
    }
    x
}

/// The text on one line, however long: its natural width.
pub fn single_line(
    spans: &[Styled],
    style: TextStyle,
    warnings: &mut Vec<Warning>,
    words: &mut TextCache,
) -> Option<Line> {
    break_lines(
        spans,
        style,
        &LineConfig::new(f32::MAX / 4.0),
        None,
        warnings,
        words,
    )
    .into_iter()
    .next()
}

/// Segment phase: words with their trailing spaces and the break after
/// them (UAX #14), each word in pieces of one font.
fn segment(sh: &mut Shaper, spans: &[Styled]) -> Vec<Segment> {
    let mut full = String::new();
    let mut styles: Vec<(bool, bool)> = Vec::new(); // per byte of `full`, for its char
    for s in spans {
        for c in s.text.chars() {
            let c = match c {
                '\n' | '\u{2028}' | '\u{2029}' => '\n',
                c if c.is_control() && c != '\t' => {
                    let w = Warning::MissingGlyph {
                        ch: c,
                        source: sh.source,
                    };
                    if !sh.warnings.contains(&w) {
                        sh.warnings.push(w);
                    }
                    continue;
                }
                c => c,
            };
            full.push(c);
            styles.resize(full.len(), (s.bold, s.italic));
        }
    }
    let levels = bidi_levels(&full);
    let level_at = |byte: usize| levels.get(byte).copied().unwrap_or(0);
    let urls = url_ranges(&full);
    let mut segments = Vec::new();
    let mut start = 0;
    // Buffers reused from word to word.
    let (mut chars, mut char_levels) = (Vec::new(), Vec::new());
    for (end, op) in linebreaks(&full) {
        if end == 0 {
            continue;
        }
        let seg = &full[start..end];
        let trimmed = seg.trim_end_matches([' ', '\n', '\t', '\u{3000}']);
        let word_end = start + trimmed.len();
        chars.clear();
        chars.extend(
            full[start..word_end]
                .char_indices()
                .map(|(i, c)| (c, styles[start + i].0, styles[start + i].1)),
        );
        char_levels.clear();
        if !levels.is_empty() {
            char_levels.extend(
                full[start..word_end]
                    .char_indices()
                    .map(|(i, _)| level_at(start + i)),
            );
        }
        let pieces = sh.pieces(&chars, &char_levels);
        let space: Text = match &full[word_end..end] {
            " " => Text::Borrowed(" "),
            raw => Text::Owned(
                raw.chars()
                    .filter(|c| *c != '\n')
                    .map(|c| if c == '\t' { ' ' } else { c })
                    .collect(),
            ),
        };
        // The space takes the word's font, unless that font has no space
        // (the Hangul subset): then the main font's.
        let space_font = pieces
            .last()
            .map(|p| p.font)
            .filter(|f| space.chars().all(|c| f.metrics().has_char(c)))
            .unwrap_or(FontId::styled(sh.style.sans, false, false));
        let space_level = level_at(word_end);
        let space_width = if space.is_empty() {
            0.0
        } else {
            sh.width(space_font, &space, space_level)
        };
        let last = trimmed.chars().last();
        segments.push(Segment {
            width: pieces.iter().map(|p| p.width).sum(),
            pieces,
            space,
            space_width,
            space_font,
            space_level,
            mandatory: op == BreakOpportunity::Mandatory,
            hyphen_after: last == Some('\u{00AD}'),
            ends_with_hyphen: matches!(last, Some('-' | '\u{2010}')),
            in_url: urls.iter().any(|r| r.start < word_end && start < r.end),
            stretch: 0.0,
            shrink: 0.0,
            leeway: 0.0,
        });
        start = end;
    }
    if let Some(last) = segments.last_mut() {
        last.mandatory = true;
    }
    segments
}

/// A point inside a segment where a line may end: after `byte` bytes of
/// piece `piece`, `at` points into the segment.
#[derive(Debug, Clone, Copy)]
struct Cut {
    piece: usize,
    byte: usize,
    at: f32,
    cost: f32,
    /// A hyphen shows when the line ends here.
    hyphen: bool,
    /// The segment is measured by character (a word longer than a line).
    by_char: bool,
}

/// Where the text of a line starts or ends: in segment `seg`, at `cut`
/// (or at the segment's start or end when `None`).
#[derive(Debug, Clone, Copy)]
struct Pos {
    seg: usize,
    cut: Option<Cut>,
}

/// A line's text: from `start` (a segment's start, or after a cut) to
/// `end` (after a cut, or a segment's end).
#[derive(Debug, Clone, Copy)]
struct LineRange {
    start: Pos,
    end: Pos,
}

/// A segment's possible breaks inside it and whether its pieces are
/// measured by character (a word longer than the measure) or shaped.
struct Cuts {
    cuts: Vec<Cut>,
    by_char: bool,
}

/// The width of a piece's first `byte` bytes as the word was shaped: its
/// glyphs before that point (no shaping of the prefix on its own).
fn prefix_width(sh: &Shaper, p: &Piece, byte: usize) -> f32 {
    let units: f32 = p
        .shaped
        .glyphs
        .iter()
        .filter(|g| (g.cluster as usize) < byte)
        .map(|g| g.advance)
        .sum();
    units * sh.style.size / p.font.metrics().units_per_em
}

/// The width of each character of a piece, without kerning.
fn char_widths(sh: &Shaper, p: &Piece) -> Vec<(usize, f32)> {
    let m = p.font.metrics();
    let scale = sh.style.size / m.units_per_em;
    let mut buf = [0u8; 4];
    p.text
        .char_indices()
        .map(|(i, c)| {
            let rtl = p.level % 2 == 1;
            (
                i,
                sh.shaped(p.font, c.encode_utf8(&mut buf), rtl).advance * scale,
            )
        })
        .collect()
}

fn is_cjk(font: FontId) -> bool {
    matches!(font, FontId::Cjk | FontId::Hangul)
}

/// Prepare phase: the possible breaks inside each segment. A word longer
/// than the measure may break anywhere (its hyphenation points cheaper);
/// other words at their hyphenation points when `hyphenate`, by the house
/// rules: not in web addresses, not the last word before a line break or
/// the paragraph's end, not inside a hyphenated compound.
fn prepare_cuts(sh: &Shaper, segments: &[Segment], cfg: &LineConfig, hyphenate: bool) -> Vec<Cuts> {
    let lang = cfg.hyphenate.filter(|_| hyphenate);
    // The last segment with letters before each forced break.
    let mut last_word = vec![false; segments.len()];
    let mut seen = false;
    for (i, s) in segments.iter().enumerate().rev() {
        if s.mandatory {
            seen = false;
        }
        if !seen
            && s.pieces
                .iter()
                .any(|p| p.text.chars().any(char::is_alphabetic))
        {
            last_word[i] = true;
            seen = true;
        }
    }
    segments
        .iter()
        .enumerate()
        .map(|(i, seg)| {
            let joined_before = i > 0 && {
                let b = &segments[i - 1];
                b.space.is_empty() && !b.mandatory && b.ends_with_hyphen
            };
            let compound = joined_before || (seg.space.is_empty() && seg.ends_with_hyphen);
            let points = match (lang, seg.pieces.as_slice()) {
                // Patterns are for left-to-right scripts: never a right-to-left word.
                (Some(lang), [p])
                    if p.level % 2 == 0 && !seg.in_url && !compound && !last_word[i] =>
                {
                    sh.hyphens
                        .borrow_mut()
                        .points(&p.text, lang, cfg.hyphenate_capitalised)
                }
                _ => Vec::new(),
            };
            let hyphen = hyphen_width(sh, seg);
            let overlong = seg.width + hyphen > cfg.width && cfg.width < f32::MAX / 8.0;
            // A word most of a line long that the patterns cannot break
            // (an identifier) would leave the line before it gaping.
            let unwieldy = lang.is_some()
                && !seg.in_url
                && seg.width > cfg.width * LONG_WORD
                && points.is_empty()
                && seg.pieces.iter().map(|p| p.text.len()).sum::<usize>() >= LONG_WORD_BYTES;
            if overlong || unwieldy {
                // Every character boundary, measured by character so any
                // stretch of them adds up.
                let mut cuts = Vec::new();
                let mut at = 0.0;
                for (k, p) in seg.pieces.iter().enumerate() {
                    for (byte, w) in char_widths(sh, p) {
                        if at > 0.0 && (byte > 0 || k > 0) {
                            let (piece, byte) = if byte == 0 {
                                (k - 1, seg.pieces[k - 1].text.len())
                            } else {
                                (k, byte)
                            };
                            let point = k == 0 && points.contains(&byte);
                            cuts.push(Cut {
                                piece,
                                byte,
                                at,
                                cost: if point { HYPHEN_COST } else { ANYWHERE_COST },
                                hyphen: !seg.in_url,
                                by_char: true,
                            });
                        }
                        at += w;
                    }
                }
                return Cuts {
                    cuts,
                    by_char: true,
                };
            }
            if last_word[i] {
                return Cuts {
                    cuts: Vec::new(),
                    by_char: false,
                };
            }
            let cuts = points
                .iter()
                .map(|&byte| {
                    let p = &seg.pieces[0];
                    Cut {
                        piece: 0,
                        byte,
                        at: prefix_width(sh, p, byte),
                        cost: HYPHEN_COST,
                        hyphen: true,
                        by_char: false,
                    }
                })
                .collect();
            Cuts {
                cuts,
                by_char: false,
            }
        })
        .collect()
}

/// The items of the paragraph for the line breaker, and for each break
/// item the position it stands for.
fn items(sh: &Shaper, segments: &[Segment], cuts: &[Cuts]) -> (Vec<Item>, Vec<Option<Pos>>) {
    // A box and a break a segment, a box and a penalty a cut.
    let n = 2 * segments.len() + 2 * cuts.iter().map(|c| c.cuts.len()).sum::<usize>();
    let mut items = Vec::with_capacity(n);
    let mut marks = Vec::with_capacity(n);
    for (i, (seg, c)) in segments.iter().zip(cuts).enumerate() {
        let total = if c.by_char {
            c.cuts.last().map_or(seg.width, |_| {
                seg.pieces
                    .iter()
                    .flat_map(|p| char_widths(sh, p))
                    .map(|(_, w)| w)
                    .sum()
            })
        } else {
            seg.width
        };
        let mut before = 0.0;
        let hyphen = hyphen_width(sh, seg);
        for (k, cut) in c.cuts.iter().enumerate() {
            items.push(Item::Box {
                width: cut.at - before,
            });
            marks.push(None);
            before = cut.at;
            let next = c.cuts.get(k + 1).map_or(total, |n| n.at);
            items.push(Item::Penalty(Penalty {
                width: if cut.hyphen { hyphen } else { 0.0 },
                cost: cut.cost,
                flagged: cut.hyphen && !c.by_char,
                leeway: if c.by_char { next - cut.at } else { 0.0 },
            }));
            marks.push(Some(Pos {
                seg: i,
                cut: Some(*cut),
            }));
        }
        items.push(Item::Box {
            width: (total - before).max(0.0),
        });
        marks.push(None);
        let end = Some(Pos { seg: i, cut: None });
        if seg.mandatory {
            items.push(Item::Penalty(Penalty {
                width: 0.0,
                cost: FORCED,
                flagged: false,
                leeway: 0.0,
            }));
        } else if !seg.space.is_empty() || seg.stretch > 0.0 {
            items.push(Item::Glue {
                width: seg.space_width,
                stretch: seg.stretch,
                shrink: seg.shrink,
            });
        } else {
            let explicit = seg.ends_with_hyphen || seg.hyphen_after;
            let cjk = seg.pieces.last().is_some_and(|p| is_cjk(p.font));
            items.push(Item::Penalty(Penalty {
                width: if seg.hyphen_after { hyphen } else { 0.0 },
                cost: if explicit {
                    HYPHEN_COST
                } else if cjk {
                    0.0
                } else {
                    JOIN_COST
                },
                flagged: explicit,
                leeway: 0.0,
            }));
        }
        marks.push(end);
    }
    (items, marks)
}

/// Break phase: the lines of the paragraph, as ranges of segments. A
/// paragraph that fits is one line; others are broken by total fit with
/// spaces at most twice their width, or failing that (a word that may
/// not be hyphenated) with any looseness, so there is always an answer.
fn choose_breaks(sh: &Shaper, segments: &mut [Segment], cfg: &LineConfig) -> Vec<LineRange> {
    let justify = cfg.align == Align::Justify;
    // Spaces stretch and shrink only in justified text; CJK text may
    // stretch between characters.
    for k in 0..segments.len() {
        let next_cjk = segments
            .get(k + 1)
            .and_then(|n| n.pieces.first())
            .is_some_and(|p| is_cjk(p.font));
        let s = &mut segments[k];
        if !justify || s.mandatory {
            continue;
        }
        if !s.space.is_empty() {
            s.stretch = s.space_width * STRETCH;
            s.shrink = s.space_width * SHRINK;
        } else if next_cjk || s.pieces.last().is_some_and(|p| is_cjk(p.font)) {
            s.stretch = sh.style.size * 0.15;
        }
    }
    let segments = &*segments;
    if let Some(lines) = fits_as_is(segments, cfg.width) {
        return lines;
    }
    let mut params = Params::new(cfg.width);
    params.min_ratio = MIN_RATIO;
    if !justify {
        params.rag = RAG_EMS * sh.style.size;
    }
    let build = |hyphenate: bool| {
        let cuts = prepare_cuts(sh, segments, cfg, hyphenate);
        items(sh, segments, &cuts)
    };
    let run = |(items, marks): &(Vec<Item>, Vec<Option<Pos>>), tolerance: f32| {
        let p = Params {
            tolerance,
            ..params
        };
        break_items(items, &p).map(|breaks| {
            breaks
                .iter()
                .filter_map(|b| marks.get(b.at).copied().flatten())
                .collect::<Vec<Pos>>()
        })
    };
    // As TeX does: a paragraph that sets well without hyphens keeps its
    // words whole (and is broken quicker); ragged text may be more ragged
    // before it takes hyphens.
    let hyphenate = cfg.hyphenate.is_some();
    let first = match (hyphenate, justify) {
        (false, _) => MAX_RATIO,
        (true, true) => PRETOLERANCE,
        (true, false) => RAG_PRETOLERANCE,
    };
    let plain = build(false);
    let ends = run(&plain, first).or_else(|| {
        if hyphenate {
            let hyphenated = build(true);
            run(&hyphenated, MAX_RATIO).or_else(|| run(&hyphenated, f32::INFINITY))
        } else {
            run(&plain, f32::INFINITY)
        }
    });
    let ends = ends.unwrap_or_default();
    let mut out = Vec::with_capacity(ends.len());
    let mut start = Pos { seg: 0, cut: None };
    for end in ends {
        out.push(LineRange { start, end });
        start = match end.cut {
            Some(_) => end,
            None => Pos {
                seg: end.seg + 1,
                cut: None,
            },
        };
    }
    out
}

/// One line per forced break when each fits the measure as it is (titles,
/// cells, short paragraphs): no breaking needed.
fn fits_as_is(segments: &[Segment], width: f32) -> Option<Vec<LineRange>> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut w = 0.0f32;
    for (i, s) in segments.iter().enumerate() {
        if w + s.width > width + 0.01 {
            return None;
        }
        w += s.width + s.space_width;
        if s.mandatory {
            out.push(LineRange {
                start: Pos {
                    seg: from,
                    cut: None,
                },
                end: Pos { seg: i, cut: None },
            });
            from = i + 1;
            w = 0.0;
        }
    }
    Some(out)
}

/// Emit phase, first step: the segments of one line, the first and last
/// cut where the line starts or ends inside a word. Segments the line
/// holds whole are moved out of `segments` (no line needs them again).
fn slice_line(sh: &Shaper, segments: &mut [Segment], r: &LineRange) -> Vec<Segment> {
    let last = r.end.seg.min(segments.len().saturating_sub(1));
    (r.start.seg..=last)
        .filter_map(|i| {
            let from = if i == r.start.seg { r.start.cut } else { None };
            let to = if i == r.end.seg { r.end.cut } else { None };
            let s = segments.get_mut(i)?;
            Some(if from.is_none() && to.is_none() {
                s.take()
            } else {
                slice(sh, s, from, to)
            })
        })
        .collect()
}

impl Segment {
    /// The segment, leaving an empty one in its place.
    fn take(&mut self) -> Segment {
        std::mem::replace(
            self,
            Segment {
                pieces: Vec::new(),
                width: 0.0,
                space: Text::Borrowed(""),
                space_width: 0.0,
                space_font: self.space_font,
                space_level: 0,
                mandatory: false,
                hyphen_after: false,
                ends_with_hyphen: false,
                in_url: false,
                stretch: 0.0,
                shrink: 0.0,
                leeway: 0.0,
            },
        )
    }
}

/// The part of `seg` between two cuts (`None`: its start, its end).
fn slice(sh: &Shaper, seg: &Segment, from: Option<Cut>, to: Option<Cut>) -> Segment {
    if (from.is_none() && to.is_none()) || seg.pieces.is_empty() {
        return seg.clone();
    }
    let by_char = from.or(to).is_some_and(|c| c.by_char);
    let (p0, b0) = from.map_or((0, 0), |c| (c.piece, c.byte));
    let (p1, b1) = to.map_or((seg.pieces.len() - 1, usize::MAX), |c| (c.piece, c.byte));
    let mut pieces = Vec::new();
    for (k, p) in seg.pieces.iter().enumerate().take(p1 + 1).skip(p0) {
        let s = if k == p0 { b0 } else { 0 };
        let e = if k == p1 {
            b1.min(p.text.len())
        } else {
            p.text.len()
        };
        let Some(text) = p.text.get(s..e).filter(|t| !t.is_empty()) else {
            continue;
        };
        pieces.push(if s == 0 && e == p.text.len() {
            p.clone()
        } else {
            // Measured by character when the breaker did (a word longer
            // than a line), so the line is as wide as it was planned.
            let mut cut = sh.piece(text.to_string().into(), p.font, p.level);
            if by_char {
                cut.width = char_widths(sh, &cut).iter().map(|(_, w)| w).sum();
            }
            cut
        });
    }
    let whole_end = to.is_none();
    Segment {
        width: pieces.iter().map(|p| p.width).sum(),
        pieces,
        space: if whole_end {
            seg.space.clone()
        } else {
            Text::Borrowed("")
        },
        space_width: if whole_end { seg.space_width } else { 0.0 },
        space_font: seg.space_font,
        space_level: seg.space_level,
        mandatory: whole_end && seg.mandatory,
        hyphen_after: to.map_or(seg.hyphen_after, |c| c.hyphen),
        ends_with_hyphen: whole_end && seg.ends_with_hyphen,
        in_url: seg.in_url,
        stretch: if whole_end { seg.stretch } else { 0.0 },
        shrink: if whole_end { seg.shrink } else { 0.0 },
        leeway: match to {
            Some(c) if c.by_char => next_char_width(sh, seg, c),
            _ => 0.0,
        },
    }
}

/// The width of the character after cut `c`.
fn next_char_width(sh: &Shaper, seg: &Segment, c: Cut) -> f32 {
    let (k, byte) = match seg.pieces.get(c.piece) {
        Some(p) if c.byte < p.text.len() => (c.piece, c.byte),
        _ => (c.piece + 1, 0),
    };
    seg.pieces
        .get(k)
        .and_then(|p| {
            let ch = p.text.get(byte..)?.chars().next()?;
            let m = p.font.metrics();
            let mut buf = [0u8; 4];
            let rtl = p.level % 2 == 1;
            let shaped = sh.shaped(p.font, ch.encode_utf8(&mut buf), rtl);
            Some(shaped.advance * sh.style.size / m.units_per_em)
        })
        .unwrap_or(0.0)
}

/// Adds `extra` points between the glyphs of a piece (letter spacing) set
/// at `size` points.
fn track(p: &mut Piece, extra: f32, size: f32) {
    let n = p.shaped.glyphs.len();
    if n < 2 {
        return;
    }
    let per = extra * p.font.metrics().units_per_em / size;
    let mut shaped = (*p.shaped).clone();
    for g in &mut shaped.glyphs[..n - 1] {
        g.advance += per;
    }
    shaped.advance += per * (n - 1) as f32;
    shaped.plain = false;
    p.shaped = Arc::new(shaped);
    p.width += extra * (n - 1) as f32;
}

/// Byte ranges of web addresses (`http://…`, `https://…`) in `text`.
fn url_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text[from..].find("http").map(|p| p + from) {
        let rest = &text[pos..];
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        if rest.starts_with("http://") || rest.starts_with("https://") {
            out.push(pos..pos + len);
        }
        from = pos + len.max(4);
    }
    out
}

fn hyphen_width(sh: &Shaper, seg: &Segment) -> f32 {
    let font =
        seg.pieces
            .last()
            .map(|p| p.font)
            .unwrap_or(FontId::styled(sh.style.sans, false, false));
    let known = &sh.hyphen_widths[font as usize];
    if known.get() < 0.0 {
        known
            .set(sh.shaped(font, "-", false).advance * sh.style.size / font.metrics().units_per_em);
    }
    known.get()
}

/// Buffers `emit_line` reuses from line to line.
#[derive(Default)]
struct Scratch {
    atoms: Vec<(Piece, f32)>,
    glyphs: Vec<Glyph>,
    gaps: Vec<(u32, f32)>,
    starts: Vec<(usize, usize, usize)>,
}

fn emit_line(
    sh: &mut Shaper,
    mut segs: Vec<Segment>,
    width: f32,
    align: Align,
    source: Option<Id>,
    scratch: &mut Scratch,
) -> Line {
    let Scratch {
        atoms,
        glyphs,
        gaps,
        starts,
    } = scratch;
    atoms.clear();
    glyphs.clear();
    gaps.clear();
    starts.clear();
    // The last segment's trailing space does not count, and a hyphen shows.
    if let Some(last) = segs.last_mut() {
        last.space = Text::Borrowed("");
        last.space_width = 0.0;
        if last.hyphen_after {
            let (font, level) = last
                .pieces
                .last()
                .map(|p| (p.font, p.level))
                .unwrap_or((FontId::styled(sh.style.sans, false, false), 0));
            let h = sh.piece("-".into(), font, level);
            last.width += h.width;
            last.pieces.push(h);
        }
    }
    let natural: f32 = segs.iter().map(|s| s.width + s.space_width).sum();
    // Justified: the difference goes to the gaps between words in
    // proportion to how far each may stretch (or shrink).
    let inner = &segs[..segs.len().saturating_sub(1)];
    let (stretch, shrink): (f32, f32) = inner
        .iter()
        .fold((0.0, 0.0), |(a, b), s| (a + s.stretch, b + s.shrink));
    let mut slack = width - natural;
    if segs.last().is_some_and(|s| s.leeway > 0.0) && slack > 0.0 {
        // Ends inside a long word, short of the measure by less than a
        // character: its spaces stretch no more than half their width.
        slack = slack.min(stretch);
    }
    let gap_extra = |s: &Segment, slack: f32| -> f32 {
        if align != Align::Justify {
            0.0
        } else if slack >= 0.0 && stretch > 0.0 {
            slack * s.stretch / stretch
        } else if slack < 0.0 && shrink > 0.0 {
            slack * s.shrink / shrink
        } else {
            0.0
        }
    };
    // Spaces stretch to twice their width at most; what is left (a line
    // whose next word may not be hyphenated) goes between letters, up to
    // a tenth of an em, and only then to the spaces again.
    if slack < 0.0 {
        // Spaces never shrink below MIN_SPACE (a line from the last
        // resort may then stand out by a little).
        slack = slack.max(shrink * MIN_RATIO);
    }
    let mut tracking = 0.0;
    if align == Align::Justify && stretch > 0.0 && slack > MAX_RATIO * stretch {
        let letters: usize = segs
            .iter()
            .flat_map(|s| &s.pieces)
            .map(|p| p.shaped.glyphs.len().saturating_sub(1))
            .sum();
        if letters > 0 {
            let want = (slack - MAX_RATIO * stretch) / letters as f32;
            tracking = want.min(sh.style.size * 0.1);
            slack -= tracking * letters as f32;
        }
    }
    let mut x = match align {
        Align::Center => ((width - natural) / 2.0).max(0.0),
        Align::Right => (width - natural).max(0.0),
        _ => 0.0,
    };
    // Words and spaces in reading order, each space with the stretch (or
    // shrink) of a justified line that follows it.
    let n = segs.len();
    for (i, seg) in segs.into_iter().enumerate() {
        let extra = gap_extra(&seg, slack);
        for mut p in seg.pieces {
            if tracking > 0.0 {
                track(&mut p, tracking, sh.style.size);
            }
            atoms.push((p, 0.0));
        }
        if !seg.space.is_empty() {
            let mut space = sh.piece(seg.space, seg.space_font, seg.space_level);
            space.width = seg.space_width;
            atoms.push((space, extra));
        } else if let Some(last) = atoms.last_mut().filter(|_| i + 1 < n) {
            // A gap without a space (after "forward-"): still the line's.
            last.1 += extra;
        }
    }
    // Placed left to right in visual order, but kept in reading order
    // (the order the PDF draws them, so text extraction and screen readers
    // read "عباس عراقچی", not the words swapped).
    let rtl = atoms.iter().any(|(a, _)| a.level > 0);
    // Sized once: the line's glyphs, and text for a run (to its end at most).
    let mut bytes_left: usize = atoms.iter().map(|(p, _)| p.text.len()).sum();
    let (order, mut slots) = if rtl {
        let levels: Vec<u8> = atoms.iter().map(|(a, _)| a.level).collect();
        let slots: Vec<Option<(Piece, f32)>> = atoms.drain(..).map(Some).collect();
        (visual_order(&levels), slots)
    } else {
        (Vec::new(), Vec::new())
    };
    // Left to right: the atoms as they are (drained already otherwise).
    let visual = atoms.drain(..).enumerate().chain(
        order
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take).map(|a| (i, a))),
    );
    // Left-to-right pieces in one font join one run; a right-to-left
    // piece is a run of its own, its text in reading order. A stretch
    // inside a run widens the space glyph before it (so the PDF draws it);
    // one between runs only moves the next run. The line's glyphs and gaps
    // are gathered in one buffer each; each run gets its share at the end.
    let mut runs: Vec<TextRun> = Vec::new();
    // Per run (`starts`): its place in reading order, where its glyphs and
    // gaps start.
    let (mut joinable, mut chars, mut pending) = (false, 0u32, 0.0f32);
    for (i, (p, stretch)) in visual {
        let ltr = p.level % 2 == 0;
        let n = p.text.chars().count() as u32;
        bytes_left -= p.text.len();
        match runs.last_mut() {
            Some(r) if ltr && joinable && r.font == p.font => {
                let base = r.text.len() as u32;
                if let Some(g) = glyphs.last_mut() {
                    g.advance += pending * r.font.metrics().units_per_em / r.size;
                }
                r.width += pending;
                gaps.push((chars, pending));
                glyphs.extend(p.shaped.glyphs.iter().map(|g| Glyph {
                    cluster: g.cluster + base,
                    ..*g
                }));
                r.plain &= p.shaped.plain;
                r.text.push_str(&p.text);
                r.width += p.width;
                chars += n;
            }
            _ => {
                starts.push((i, glyphs.len(), gaps.len()));
                glyphs.extend_from_slice(&p.shaped.glyphs);
                let mut text =
                    String::with_capacity(p.text.len() + if ltr { bytes_left } else { 0 });
                text.push_str(&p.text);
                runs.push(TextRun {
                    x,
                    baseline: 0.0,
                    text,
                    font: p.font,
                    size: sh.style.size,
                    color: sh.style.color,
                    width: p.width,
                    glyphs: Default::default(),
                    plain: p.shaped.plain,
                    gaps: Default::default(),
                    track: tracking,
                    angle: 0.0,
                    source,
                    tag: Tag::Layout,
                });
                chars = n;
            }
        }
        joinable = ltr;
        pending = stretch;
        x += p.width + stretch;
    }
    for (k, r) in runs.iter_mut().enumerate() {
        let (_, g0, p0) = starts[k];
        let (g1, p1) = starts
            .get(k + 1)
            .map_or((glyphs.len(), gaps.len()), |s| (s.1, s.2));
        r.glyphs = glyphs[g0..g1].into();
        r.gaps = gaps[p0..p1].into();
    }
    if starts.windows(2).any(|w| w[0].0 > w[1].0) {
        let mut keyed: Vec<(usize, TextRun)> = starts.iter().map(|s| s.0).zip(runs).collect();
        keyed.sort_by_key(|(k, _)| *k);
        runs = keyed.into_iter().map(|(_, r)| r).collect();
    }
    Line { width: x, runs }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Vec<Styled> {
        vec![Styled {
            text: s.into(),
            bold: false,
            italic: false,
        }]
    }

    fn style() -> TextStyle {
        TextStyle {
            sans: false,
            size: 10.0,
            color: Color::BLACK,
        }
    }

    fn text_of(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect::<String>())
            .collect()
    }

    #[test]
    fn lines_fit_and_keep_every_word() {
        let t = "In a pivotal gathering held in Qingdao, China, defense ministers from the Shanghai Cooperation Organization engaged in crucial dialogues.";
        let mut w = Vec::new();
        let lines = break_lines(
            &plain(t),
            style(),
            &LineConfig::new(150.0).align(Align::Justify),
            None,
            &mut w,
            &mut TextCache::default(),
        );
        assert!(lines.len() > 3);
        for l in &lines[..lines.len() - 1] {
            assert!(
                (l.width - 150.0).abs() < 0.05,
                "justified width {}",
                l.width
            );
        }
        let joined: String = text_of(&lines)
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, t);
        assert!(w.is_empty());
    }

    /// The lines' text with the hyphens added at breaks taken away.
    fn unbroken(lines: &[Line]) -> String {
        text_of(lines)
            .iter()
            .map(|l| l.strip_suffix('-').unwrap_or(l).to_string())
            .collect()
    }

    #[test]
    fn long_words_break_with_a_hyphen_and_fill_their_lines() {
        let t = "x".repeat(300);
        let mut w = Vec::new();
        let cfg = LineConfig::new(100.0).hyphenate(Some(Lang::English));
        let lines = break_lines(
            &plain(&t),
            style(),
            &cfg,
            None,
            &mut w,
            &mut TextCache::default(),
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 100.01));
        // Every line but the last is full to within a character.
        let x = FontId::SerifRegular.metrics().width("x", 10.0);
        for l in &lines[..lines.len() - 1] {
            assert!(l.width > 100.0 - x - 0.01, "line of {}", l.width);
        }
        let texts = text_of(&lines);
        assert!(texts[..texts.len() - 1].iter().all(|l| l.ends_with("x-")));
        assert_eq!(unbroken(&lines), t);
    }

    #[test]
    fn a_long_word_fills_the_line_before_it() {
        let t = format!(
            "The annex lists {} as the identifier of the register it keeps for the meeting.",
            "Q".repeat(60)
        );
        let mut w = Vec::new();
        let cfg = LineConfig::new(150.0).align(Align::Justify);
        let lines = break_lines(
            &plain(&t),
            style(),
            &cfg,
            None,
            &mut w,
            &mut TextCache::default(),
        );
        let texts = text_of(&lines);
        assert!(texts[0].starts_with("The annex lists Q"), "{texts:?}");
        assert!(texts[0].ends_with("Q-"), "{texts:?}");
        // It fills the line to within a letter, its spaces stretched to
        // no more than 1.5 times their width.
        let m = FontId::SerifRegular.metrics();
        assert!(
            lines[0].width > 150.0 - m.width("Q", 10.0),
            "{}",
            lines[0].width
        );
        let space = m.width(" ", 10.0);
        for (_, extra) in lines[0].runs[0].gaps.iter() {
            assert!(*extra <= space * 0.5 + 0.01, "{extra} {texts:?}");
        }
        assert_eq!(unbroken(&lines).replace(' ', ""), t.replace(' ', ""));
    }

    #[test]
    fn hyphenation_adds_a_hyphen_and_keeps_letters() {
        let t = "interoperability interoperability interoperability interoperability";
        let mut w = Vec::new();
        let lines = break_lines(
            &plain(t),
            style(),
            &LineConfig::new(110.0)
                .align(Align::Justify)
                .hyphenate(Some(Lang::English)),
            None,
            &mut w,
            &mut TextCache::default(),
        );
        let texts = text_of(&lines);
        assert!(texts.iter().any(|l| l.ends_with('-')), "{texts:?}");
        let joined = texts
            .iter()
            .map(|l| l.trim_end().trim_end_matches('-').to_string())
            .collect::<String>();
        assert_eq!(joined.replace(' ', ""), t.replace(' ', ""));
    }

    #[test]
    fn ragged_text_keeps_its_spaces_and_evens_its_lines() {
        let t = "In a pivotal gathering held in Qingdao, China, defense ministers from the \
                 Shanghai Cooperation Organization engaged in crucial dialogues aimed at \
                 bolstering strategic collaborations amidst escalating regional tensions.";
        let mut w = Vec::new();
        let cfg = LineConfig::new(200.0).hyphenate(Some(Lang::English));
        let lines = break_lines(
            &plain(t),
            style(),
            &cfg,
            None,
            &mut w,
            &mut TextCache::default(),
        );
        // Spaces are never stretched or shrunk: no adjustments at all
        // besides the font's kerning inside words.
        for l in &lines {
            let text = &l.runs[0].text;
            for (_, extra) in l.runs[0].gaps.iter() {
                assert_eq!(*extra, 0.0, "a space was adjusted in {text:?}");
            }
            assert!(l.width <= 200.01);
        }
        // No line but the last is shorter than the measure by more than
        // six ems (and then hyphens would come in).
        for l in &lines[..lines.len() - 1] {
            assert!(l.width > 200.0 - 60.0, "{} {:?}", l.width, text_of(&lines));
        }
        assert!(lines.len() <= 6);
    }

    #[test]
    fn cjk_falls_back_and_missing_glyphs_warn() {
        let mut w = Vec::new();
        let lines = break_lines(
            &plain("Minister 王伟 met 🚀 them"),
            style(),
            &LineConfig::new(400.0).align(Align::Left),
            None,
            &mut w,
            &mut TextCache::default(),
        );
        assert!(lines[0]
            .runs
            .iter()
            .any(|r| r.font == FontId::Cjk && r.text.trim() == "王伟"));
        assert_eq!(
            w,
            vec![Warning::MissingGlyph {
                ch: '🚀',
                source: None
            }]
        );
    }

    #[test]
    fn korean_word_spaces_print_with_a_real_space_glyph() {
        let mut w = Vec::new();
        let lines = break_lines(
            &plain("국방부 장관 회담"),
            style(),
            &LineConfig::new(400.0),
            None,
            &mut w,
            &mut TextCache::default(),
        );
        assert!(w.is_empty(), "{w:?}");
        let runs = &lines[0].runs;
        assert!(runs.iter().all(|r| r.glyphs.iter().all(|g| g.id != 0)));
        let space = runs.iter().find(|r| r.text == " ").expect("a space run");
        assert!(space.font.metrics().has_char(' '));
        // A space is a space wide, not the 1 em of a missing glyph.
        assert!(space.width < 0.4 * 10.0, "{}", space.width);
    }

    #[test]
    fn right_to_left_words_are_placed_in_visual_order() {
        let mut w = Vec::new();
        let lines = break_lines(
            &plain("Minister עברית חדשה said"),
            style(),
            &LineConfig::new(400.0),
            None,
            &mut w,
            &mut TextCache::default(),
        );
        assert!(w.is_empty(), "{w:?}");
        let runs = &lines[0].runs;
        let x = |t: &str| {
            runs.iter()
                .find(|r| r.text.trim() == t)
                .map(|r| r.x)
                .unwrap_or_else(|| panic!("no run {t}: {runs:?}"))
        };
        assert!(x("Minister") < x("חדשה"));
        assert!(
            x("חדשה") < x("עברית"),
            "the first Hebrew word is read first, on the right"
        );
        assert!(x("עברית") < x("said"));
        // Nothing overlaps: runs tile the line left to right.
        let mut sorted: Vec<_> = runs.iter().map(|r| (r.x, r.width)).collect();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in sorted.windows(2) {
            assert!(pair[0].0 + pair[0].1 <= pair[1].0 + 0.01, "{sorted:?}");
        }
    }

    #[test]
    fn natural_widths_are_the_widths_of_the_lines_set() {
        for t in [
            "",
            "Member Nation",
            "inter\u{00AD}",
            "two\nlines\tand a tab",
            "王伟 met 국방부 장관 and 🚀",
            "Minister עברית חדשה said",
            "and/or forward-looking https://example.org/a/b",
        ] {
            let spans = [
                Styled {
                    text: t.into(),
                    bold: false,
                    italic: false,
                },
                Styled {
                    text: " **bold** tail ".into(),
                    bold: true,
                    italic: true,
                },
            ];
            let mut words = TextCache::default();
            let (mut w1, mut w2) = (Vec::new(), Vec::new());
            let cfg = LineConfig::new(f32::MAX / 4.0);
            let set: Vec<f32> = break_lines(&spans, style(), &cfg, None, &mut w1, &mut words)
                .iter()
                .map(|l| l.width)
                .collect();
            let measured = natural_widths(&spans, style(), &mut w2, &mut words);
            assert_eq!(set, measured, "{t:?}");
            assert_eq!(w1, w2);
        }
    }

    #[test]
    fn visual_order_reverses_right_to_left_runs_only() {
        assert_eq!(visual_order(&[0, 1, 1, 1, 0]), vec![0, 3, 2, 1, 4]);
        assert_eq!(visual_order(&[0, 1, 2, 2, 1]), vec![0, 4, 2, 3, 1]);
        assert_eq!(visual_order(&[0, 0]), vec![0, 1]);
    }
}
