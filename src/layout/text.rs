//! Breaks styled text into lines: per-character font choice with CJK,
//! Hangul, Arabic and Hebrew fallbacks, words shaped (ligatures, joining)
//! through the caller's `ShapeCache`, UAX #14 break opportunities, English
//! hyphenation, words longer than a line broken by character, full
//! justification expressed as extra space after word spaces, and
//! right-to-left words put in visual order on their line (UAX #9, in a
//! left-to-right paragraph).

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::page::{Color, Tag, TextRun, Warning};
use std::sync::Arc;

use crate::fonts::{FontId, Glyph, ShapeCache, Shaped};
use crate::model::Id;

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

/// A piece of a word in one font and one direction, shaped.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
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
    space: String,
    space_width: f32,
    space_font: FontId,
    space_level: u8,
    mandatory: bool,
    /// Break here with a visible hyphen (soft hyphen or hyphenation).
    hyphen_after: bool,
    /// Part of a web address: never hyphenated, so an address broken
    /// across lines reads (and links) as written.
    in_url: bool,
}

struct Shaper<'a> {
    style: TextStyle,
    source: Option<Id>,
    warnings: &'a mut Vec<Warning>,
    shapes: &'a mut ShapeCache,
}

impl Shaper<'_> {
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

    fn piece(&mut self, text: String, font: FontId, level: u8) -> Piece {
        let scale = self.style.size / font.metrics().units_per_em;
        let shaped = self.shapes.shape(font, &text, level % 2 == 1);
        Piece {
            width: shaped.advance * scale,
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
        let mut cur = String::new();
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
                    out.push(self.piece(std::mem::take(&mut cur), f, cur_level));
                }
            }
            cur_font = Some(font);
            cur_level = level;
            cur.push(c);
        }
        if let (Some(f), false) = (cur_font, cur.is_empty()) {
            out.push(self.piece(cur, f, cur_level));
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

/// Breaks `spans` into lines no wider than `width` points.
#[allow(clippy::too_many_arguments)]
pub fn break_lines(
    spans: &[Styled],
    style: TextStyle,
    width: f32,
    align: Align,
    hyphenate: bool,
    source: Option<Id>,
    warnings: &mut Vec<Warning>,
    shapes: &mut ShapeCache,
) -> Vec<Line> {
    let mut full = String::new();
    let mut styles: Vec<(bool, bool)> = Vec::new(); // per byte of `full`, for its char
    for s in spans {
        for c in s.text.chars() {
            let c = match c {
                '\n' | '\u{2028}' | '\u{2029}' => '\n',
                c if c.is_control() && c != '\t' => {
                    let w = Warning::MissingGlyph { ch: c, source };
                    if !warnings.contains(&w) {
                        warnings.push(w);
                    }
                    continue;
                }
                c => c,
            };
            full.push(c);
            styles.resize(full.len(), (s.bold, s.italic));
        }
    }
    let mut sh = Shaper {
        style,
        source,
        warnings,
        shapes,
    };
    let levels = bidi_levels(&full);
    let level_at = |byte: usize| levels.get(byte).copied().unwrap_or(0);
    let urls = url_ranges(&full);
    let mut segments = Vec::new();
    let mut start = 0;
    for (end, op) in linebreaks(&full) {
        if end == 0 {
            continue;
        }
        let seg = &full[start..end];
        let trimmed = seg.trim_end_matches([' ', '\n', '\t', '\u{3000}']);
        let word_end = start + trimmed.len();
        let chars: Vec<(char, bool, bool)> = full[start..word_end]
            .char_indices()
            .map(|(i, c)| (c, styles[start + i].0, styles[start + i].1))
            .collect();
        let char_levels: Vec<u8> = if levels.is_empty() {
            Vec::new()
        } else {
            full[start..word_end]
                .char_indices()
                .map(|(i, _)| level_at(start + i))
                .collect()
        };
        let pieces = sh.pieces(&chars, &char_levels);
        let space: String = full[word_end..end]
            .chars()
            .filter(|c| *c != '\n')
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        // The space takes the word's font, unless that font has no space
        // (the Hangul subset): then the main font's.
        let space_font = pieces
            .last()
            .map(|p| p.font)
            .filter(|f| space.chars().all(|c| f.metrics().has_char(c)))
            .unwrap_or(FontId::styled(style.sans, false, false));
        let space_level = level_at(word_end);
        let space_width = if space.is_empty() {
            0.0
        } else {
            sh.piece(space.clone(), space_font, space_level).width
        };
        segments.push(Segment {
            width: pieces.iter().map(|p| p.width).sum(),
            pieces,
            space,
            space_width,
            space_font,
            space_level,
            mandatory: op == BreakOpportunity::Mandatory,
            hyphen_after: trimmed.ends_with('\u{00AD}'),
            in_url: urls.iter().any(|r| r.start < word_end && start < r.end),
        });
        start = end;
    }
    // Fill lines greedily.
    let mut lines: Vec<Vec<Segment>> = Vec::new();
    let mut cur: Vec<Segment> = Vec::new();
    let mut cur_w = 0.0f32; // width including the trailing space of the last segment
    let mut queue: std::collections::VecDeque<Segment> = segments.into();
    while let Some(seg) = queue.pop_front() {
        let need = cur_w
            + seg.width
            + if seg.hyphen_after {
                hyphen_width(&mut sh, &seg)
            } else {
                0.0
            };
        if need <= width + 0.01 || (cur.is_empty() && seg.width <= width + 0.01) {
            cur_w += seg.width + seg.space_width;
            let mandatory = seg.mandatory;
            cur.push(seg);
            if mandatory {
                lines.push(std::mem::take(&mut cur));
                cur_w = 0.0;
            }
            continue;
        }
        // Does not fit: try to hyphenate it onto this line.
        if hyphenate && !seg.in_url {
            if let Some((head, tail)) = split_hyphenated(&mut sh, &seg, width - cur_w) {
                cur.push(head);
                lines.push(std::mem::take(&mut cur));
                cur_w = 0.0;
                queue.push_front(tail);
                continue;
            }
        }
        if cur.is_empty() {
            // Longer than a line: break it by character.
            let mut chunks = split_by_chars(&mut sh, &seg, width);
            let last = chunks.pop();
            for c in chunks {
                lines.push(vec![c]);
            }
            match last {
                // A single character wider than the line: it gets a line of its own.
                Some(l) if l.width > width + 0.01 => lines.push(vec![l]),
                Some(l) => queue.push_front(l),
                None => {}
            }
            continue;
        }
        lines.push(std::mem::take(&mut cur));
        cur_w = 0.0;
        queue.push_front(seg);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, segs)| {
            let last_line = i + 1 == n || segs.last().is_some_and(|s| s.mandatory);
            emit_line(
                &mut sh,
                segs,
                width,
                if align == Align::Justify && last_line {
                    Align::Left
                } else {
                    align
                },
                source,
            )
        })
        .collect()
}

/// The text on one line, however long: its natural width.
pub fn single_line(
    spans: &[Styled],
    style: TextStyle,
    warnings: &mut Vec<Warning>,
    shapes: &mut ShapeCache,
) -> Option<Line> {
    break_lines(
        spans,
        style,
        f32::MAX / 4.0,
        Align::Left,
        false,
        None,
        warnings,
        shapes,
    )
    .into_iter()
    .next()
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

fn hyphen_width(sh: &mut Shaper, seg: &Segment) -> f32 {
    let (font, level) = seg
        .pieces
        .last()
        .map(|p| (p.font, p.level))
        .unwrap_or((FontId::styled(sh.style.sans, false, false), 0));
    sh.piece("-".into(), font, level).width
}

/// Splits a one-piece alphabetic word at the last hyphenation point that
/// fits in `room`, returning the head (with a hyphen) and the tail.
fn split_hyphenated(sh: &mut Shaper, seg: &Segment, room: f32) -> Option<(Segment, Segment)> {
    // English patterns only: never a right-to-left word.
    if seg.pieces.len() != 1 || seg.pieces[0].level % 2 == 1 {
        return None;
    }
    let piece = &seg.pieces[0];
    // Only the letters: keep leading/trailing punctuation attached.
    let lead = piece.text.len()
        - piece
            .text
            .trim_start_matches(|c: char| !c.is_alphabetic())
            .len();
    let core_end = piece
        .text
        .trim_end_matches(|c: char| !c.is_alphabetic())
        .len();
    if core_end <= lead {
        return None;
    }
    let core = &piece.text[lead..core_end];
    if core.chars().count() < 6 || core.len() > 40 || !core.chars().all(char::is_alphabetic) {
        return None;
    }
    let hyphen = hyphen_width(sh, seg);
    let mut offsets = Vec::new();
    let mut at = lead;
    for syl in hypher::hyphenate(core, hypher::Lang::English) {
        at += syl.len();
        offsets.push(at);
    }
    offsets.pop(); // the end of the word is no hyphenation point
    for &cut in offsets.iter().rev() {
        let head_text = &piece.text[..cut];
        let head = sh.piece(head_text.to_string(), piece.font, piece.level);
        if head.width + hyphen <= room {
            let tail = sh.piece(piece.text[cut..].to_string(), piece.font, piece.level);
            let head_seg = Segment {
                width: head.width,
                pieces: vec![head],
                space: String::new(),
                space_width: 0.0,
                space_font: piece.font,
                space_level: piece.level,
                mandatory: false,
                hyphen_after: true,
                in_url: false,
            };
            let tail_seg = Segment {
                width: tail.width,
                pieces: vec![tail],
                ..seg.clone()
            };
            return Some((head_seg, tail_seg));
        }
    }
    None
}

/// Breaks a segment wider than a line into line-wide chunks, in one pass
/// over its characters (so a pasted megabyte without spaces stays fast).
/// Each chunk holds at least one character, so layout always progresses.
fn split_by_chars(sh: &mut Shaper, seg: &Segment, width: f32) -> Vec<Segment> {
    let mut chunks: Vec<Vec<Piece>> = vec![Vec::new()];
    let mut used = 0.0f32;
    for p in &seg.pieces {
        let scale = sh.style.size / p.font.metrics().units_per_em;
        let mut start = 0;
        let mut piece_w = 0.0f32;
        let mut buf = [0u8; 4];
        for (i, c) in p.text.char_indices() {
            let w = sh
                .shapes
                .shape(p.font, c.encode_utf8(&mut buf), p.level % 2 == 1)
                .advance
                * scale;
            let line_empty =
                used == 0.0 && piece_w == 0.0 && chunks.last().is_some_and(Vec::is_empty);
            if used + piece_w + w > width && !line_empty {
                if i > start {
                    let piece = sh.piece(p.text[start..i].to_string(), p.font, p.level);
                    chunks.last_mut().expect("one chunk").push(piece);
                }
                chunks.push(Vec::new());
                used = 0.0;
                piece_w = 0.0;
                start = i;
            }
            piece_w += w;
        }
        if start < p.text.len() {
            let piece = sh.piece(p.text[start..].to_string(), p.font, p.level);
            chunks.last_mut().expect("one chunk").push(piece);
            used += piece_w;
        }
    }
    let n = chunks.len();
    chunks
        .into_iter()
        .enumerate()
        .map(|(k, pieces)| {
            let last = k + 1 == n;
            Segment {
                width: pieces.iter().map(|p| p.width).sum(),
                pieces,
                space: if last {
                    seg.space.clone()
                } else {
                    String::new()
                },
                space_width: if last { seg.space_width } else { 0.0 },
                space_font: seg.space_font,
                space_level: seg.space_level,
                mandatory: last && seg.mandatory,
                hyphen_after: last && seg.hyphen_after,
                in_url: seg.in_url,
            }
        })
        .collect()
}

fn emit_line(
    sh: &mut Shaper,
    mut segs: Vec<Segment>,
    width: f32,
    align: Align,
    source: Option<Id>,
) -> Line {
    // The last segment's trailing space does not count, and a hyphen shows.
    if let Some(last) = segs.last_mut() {
        last.space.clear();
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
    let gaps = segs
        .iter()
        .take(segs.len().saturating_sub(1))
        .filter(|s| s.space_width > 0.0)
        .count();
    let (mut x, extra) = match align {
        Align::Justify if gaps > 0 && natural < width => (0.0, (width - natural) / gaps as f32),
        Align::Center => (((width - natural) / 2.0).max(0.0), 0.0),
        Align::Right => ((width - natural).max(0.0), 0.0),
        _ => (0.0, 0.0),
    };
    // Words and spaces in reading order, each space with the stretch of a
    // justified line that follows it.
    let mut atoms: Vec<(Piece, f32)> = Vec::new();
    for seg in segs {
        atoms.extend(seg.pieces.into_iter().map(|p| (p, 0.0)));
        if !seg.space.is_empty() {
            let mut space = sh.piece(seg.space, seg.space_font, seg.space_level);
            space.width = seg.space_width;
            atoms.push((space, extra));
        }
    }
    // Placed left to right in visual order, but kept in reading order
    // (the order the PDF draws them, so text extraction and screen readers
    // read "عباس عراقچی", not the words swapped).
    let rtl = atoms.iter().any(|(a, _)| a.level > 0);
    let (order, mut slots, ltr_atoms) = if rtl {
        let levels: Vec<u8> = atoms.iter().map(|(a, _)| a.level).collect();
        let slots: Vec<Option<(Piece, f32)>> = atoms.into_iter().map(Some).collect();
        (visual_order(&levels), slots, Vec::new())
    } else {
        (Vec::new(), Vec::new(), atoms)
    };
    let visual = ltr_atoms.into_iter().enumerate().chain(
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
    let (mut glyphs, mut gaps): (Vec<Glyph>, Vec<(u32, f32)>) = (Vec::new(), Vec::new());
    // Per run: its place in reading order, where its glyphs and gaps start.
    let mut starts: Vec<(usize, usize, usize)> = Vec::new();
    let (mut joinable, mut chars, mut pending) = (false, 0u32, 0.0f32);
    for (i, (p, stretch)) in visual {
        let ltr = p.level % 2 == 0;
        let n = p.text.chars().count() as u32;
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
                runs.push(TextRun {
                    x,
                    baseline: 0.0,
                    text: p.text,
                    font: p.font,
                    size: sh.style.size,
                    color: sh.style.color,
                    width: p.width,
                    glyphs: Default::default(),
                    plain: p.shaped.plain,
                    gaps: Default::default(),
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
            150.0,
            Align::Justify,
            false,
            None,
            &mut w,
            &mut ShapeCache::default(),
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

    #[test]
    fn long_words_break_instead_of_overflowing() {
        let t = "x".repeat(300);
        let mut w = Vec::new();
        let lines = break_lines(
            &plain(&t),
            style(),
            100.0,
            Align::Left,
            true,
            None,
            &mut w,
            &mut ShapeCache::default(),
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 100.01));
        assert_eq!(text_of(&lines).concat(), t);
    }

    #[test]
    fn huge_words_and_tiny_widths_terminate() {
        let mut w = Vec::new();
        let big = "a".repeat(200_000);
        let lines = break_lines(
            &plain(&big),
            style(),
            300.0,
            Align::Justify,
            true,
            None,
            &mut w,
            &mut ShapeCache::default(),
        );
        assert_eq!(text_of(&lines).concat().len(), 200_000);
        let lines = break_lines(
            &plain("WWW MMM"),
            style(),
            1.0,
            Align::Left,
            true,
            None,
            &mut w,
            &mut ShapeCache::default(),
        );
        assert_eq!(text_of(&lines).concat().replace(' ', ""), "WWWMMM");
    }

    #[test]
    fn hyphenation_adds_a_hyphen_and_keeps_letters() {
        let t = "interoperability interoperability interoperability interoperability";
        let mut w = Vec::new();
        let lines = break_lines(
            &plain(t),
            style(),
            110.0,
            Align::Justify,
            true,
            None,
            &mut w,
            &mut ShapeCache::default(),
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
    fn cjk_falls_back_and_missing_glyphs_warn() {
        let mut w = Vec::new();
        let lines = break_lines(
            &plain("Minister 王伟 met 🚀 them"),
            style(),
            400.0,
            Align::Left,
            false,
            None,
            &mut w,
            &mut ShapeCache::default(),
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
            400.0,
            Align::Left,
            false,
            None,
            &mut w,
            &mut ShapeCache::default(),
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
            400.0,
            Align::Left,
            false,
            None,
            &mut w,
            &mut ShapeCache::default(),
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
    fn visual_order_reverses_right_to_left_runs_only() {
        assert_eq!(visual_order(&[0, 1, 1, 1, 0]), vec![0, 3, 2, 1, 4]);
        assert_eq!(visual_order(&[0, 1, 2, 2, 1]), vec![0, 4, 2, 3, 1]);
        assert_eq!(visual_order(&[0, 0]), vec![0, 1]);
    }
}
