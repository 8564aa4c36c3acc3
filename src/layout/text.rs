//! Breaks styled text into lines: per-character font choice with a CJK
//! fallback, UAX #14 break opportunities, English hyphenation, words longer
//! than a line broken by character, and full justification expressed as
//! extra space before words (so a justified line stays one text run).

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::page::{Color, Tag, TextRun, Warning};
use crate::fonts::FontId;
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

/// A piece of a word in one font.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    font: FontId,
    width: f32,
    kerning: Vec<(u32, f32)>,
}

#[derive(Debug, Clone)]
struct Segment {
    pieces: Vec<Piece>,
    width: f32,
    /// Trailing space: its text (in the last piece's font) and width.
    space: String,
    space_width: f32,
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
}

impl Shaper<'_> {
    fn font_for(&mut self, c: char, bold: bool, italic: bool) -> Option<FontId> {
        let primary = FontId::styled(self.style.sans, bold, italic);
        if primary.metrics().has_char(c) {
            return Some(primary);
        }
        // Bold CJK text falls back to the one CJK face; better than nothing.
        for fallback in [FontId::Cjk, FontId::Hangul] {
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

    fn piece(&self, text: String, font: FontId) -> Piece {
        let m = font.metrics();
        let shaped = m.shape(&text);
        let scale = self.style.size / m.units_per_em;
        Piece {
            width: shaped.advance * scale,
            kerning: shaped
                .kerning
                .iter()
                .map(|(i, k)| (*i, k * scale))
                .collect(),
            text,
            font,
        }
    }

    /// Splits styled text into pieces of one font each.
    fn pieces(&mut self, chars: &[(char, bool, bool)]) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::new();
        let mut cur = String::new();
        let mut cur_font: Option<FontId> = None;
        for &(c, bold, italic) in chars {
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
            let Some(font) = self.font_for(c, bold, italic) else {
                continue;
            };
            if cur_font != Some(font) && !cur.is_empty() {
                if let Some(f) = cur_font {
                    out.push(self.piece(std::mem::take(&mut cur), f));
                }
            }
            cur_font = Some(font);
            cur.push(c);
        }
        if let (Some(f), false) = (cur_font, cur.is_empty()) {
            out.push(self.piece(cur, f));
        }
        out
    }
}

/// Breaks `spans` into lines no wider than `width` points.
pub fn break_lines(
    spans: &[Styled],
    style: TextStyle,
    width: f32,
    align: Align,
    hyphenate: bool,
    source: Option<Id>,
    warnings: &mut Vec<Warning>,
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
    };
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
        let pieces = sh.pieces(&chars);
        let last_font = pieces
            .last()
            .map(|p| p.font)
            .unwrap_or(FontId::styled(style.sans, false, false));
        let space: String = full[word_end..end]
            .chars()
            .filter(|c| *c != '\n')
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let space_width = if space.is_empty() {
            0.0
        } else {
            sh.piece(space.clone(), last_font).width
        };
        segments.push(Segment {
            width: pieces.iter().map(|p| p.width).sum(),
            pieces,
            space,
            space_width,
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
                hyphen_width(&sh, &seg)
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
                &sh,
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
) -> Option<Line> {
    break_lines(
        spans,
        style,
        f32::MAX / 4.0,
        Align::Left,
        false,
        None,
        warnings,
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

fn hyphen_width(sh: &Shaper, seg: &Segment) -> f32 {
    let font =
        seg.pieces
            .last()
            .map(|p| p.font)
            .unwrap_or(FontId::styled(sh.style.sans, false, false));
    sh.piece("-".into(), font).width
}

/// Splits a one-piece alphabetic word at the last hyphenation point that
/// fits in `room`, returning the head (with a hyphen) and the tail.
fn split_hyphenated(sh: &mut Shaper, seg: &Segment, room: f32) -> Option<(Segment, Segment)> {
    if seg.pieces.len() != 1 {
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
        let head = sh.piece(head_text.to_string(), piece.font);
        if head.width + hyphen <= room {
            let tail = sh.piece(piece.text[cut..].to_string(), piece.font);
            let head_seg = Segment {
                width: head.width,
                pieces: vec![head],
                space: String::new(),
                space_width: 0.0,
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
        let m = p.font.metrics();
        let scale = sh.style.size / m.units_per_em;
        let mut start = 0;
        let mut piece_w = 0.0f32;
        let mut buf = [0u8; 4];
        for (i, c) in p.text.char_indices() {
            let w = m.shape(c.encode_utf8(&mut buf)).advance * scale;
            let line_empty =
                used == 0.0 && piece_w == 0.0 && chunks.last().is_some_and(Vec::is_empty);
            if used + piece_w + w > width && !line_empty {
                if i > start {
                    chunks.last_mut().expect("one chunk").push(Piece {
                        text: p.text[start..i].to_string(),
                        font: p.font,
                        width: piece_w,
                        kerning: Vec::new(),
                    });
                }
                chunks.push(Vec::new());
                used = 0.0;
                piece_w = 0.0;
                start = i;
            }
            piece_w += w;
        }
        if start < p.text.len() {
            chunks.last_mut().expect("one chunk").push(Piece {
                text: p.text[start..].to_string(),
                font: p.font,
                width: piece_w,
                kerning: Vec::new(),
            });
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
                mandatory: last && seg.mandatory,
                hyphen_after: last && seg.hyphen_after,
                in_url: seg.in_url,
            }
        })
        .collect()
}

fn emit_line(
    sh: &Shaper,
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
            let font = last.pieces.last().map(|p| p.font).unwrap_or(FontId::styled(
                sh.style.sans,
                false,
                false,
            ));
            let h = sh.piece("-".into(), font);
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
    let mut runs: Vec<TextRun> = Vec::new();
    let mut pending_gap = 0.0f32;
    for seg in segs {
        let n_pieces = seg.pieces.len();
        for (k, p) in seg.pieces.into_iter().enumerate() {
            let is_last_piece = k + 1 == n_pieces;
            let same = runs.last().is_some_and(|r| r.font == p.font);
            x += pending_gap;
            if same {
                let r = runs.last_mut().expect("checked");
                let base = r.text.chars().count() as u32;
                if pending_gap != 0.0 {
                    r.kerning.push((base, pending_gap));
                }
                r.kerning
                    .extend(p.kerning.iter().map(|(i, a)| (base + i, *a)));
                r.text.push_str(&p.text);
                r.width += p.width + pending_gap;
            } else {
                runs.push(TextRun {
                    x,
                    baseline: 0.0,
                    text: p.text,
                    font: p.font,
                    size: sh.style.size,
                    color: sh.style.color,
                    width: p.width,
                    kerning: p.kerning,
                    angle: 0.0,
                    source,
                    tag: Tag::Layout,
                });
            }
            pending_gap = 0.0;
            x += p.width;
            if is_last_piece && !seg.space.is_empty() {
                // The space goes into the current run; justification adds
                // its extra before the next word.
                let r = runs.last_mut().expect("a piece was just placed");
                r.text.push_str(&seg.space);
                r.width += seg.space_width;
                x += seg.space_width;
                pending_gap = extra;
            }
        }
        if n_pieces == 0 && !seg.space.is_empty() {
            x += seg.space_width;
        }
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
        let lines = break_lines(&plain(&t), style(), 100.0, Align::Left, true, None, &mut w);
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
}
