//! How a field with inline markup looks while it is edited: bold and
//! italic drawn as bold and italic (the same `text::analyse` the layout
//! prints from), the `*` markers and `\` escapes faint and small in the
//! field being edited and out of sight in the others, and
//! optional byte ranges underlined in red (for spelling), straight in the
//! galley and wavy when painted over it. Every character stays in the
//! galley, so the cursor moves over markers as over any other character.

use std::ops::Range;
use std::sync::Arc;

use egui::cache::{ComputerMut, FrameCache};
use egui::text::{CCursor, LayoutJob};
use egui::{Color32, FontFamily, FontId, Galley, Painter, Pos2, Rect, Stroke, TextFormat, Ui};

use crate::fonts::FontId as BundledFont;
use crate::model::text::{self, Role};

/// Red of the underline under misspelt words.
pub const UNDERLINE: Color32 = Color32::from_rgb(220, 40, 40);

/// What a marked-up field looks like, apart from its text.
#[derive(Debug, Clone, PartialEq)]
pub struct RichStyle {
    pub size: f32,
    pub line_height: f32,
    pub color: Color32,
    pub faint: Color32,
    pub multiline: bool,
    /// The bundled Noto Sans families are registered (from the second frame).
    pub fonts_ready: bool,
    /// Markers are drawn (faint) only while the field has the cursor; the
    /// other fields read as they print.
    pub markers_shown: bool,
}

impl RichStyle {
    /// The look of a text field in `ui` now.
    pub fn of(ui: &Ui, multiline: bool) -> Self {
        let font = egui::FontSelection::Default.resolve(ui.style());
        let row = ui.fonts_mut(|f| f.row_height(&font));
        let v = ui.visuals();
        RichStyle {
            size: font.size,
            line_height: row + ui.spacing().extra_text_line_spacing,
            color: v.override_text_color.unwrap_or_else(|| v.text_color()),
            faint: v.weak_text_color().gamma_multiply(0.8),
            multiline,
            fonts_ready: crate::preview::fonts_ready(ui.ctx()),
            markers_shown: true,
        }
    }

    fn key(&self) -> (u32, u32, [u8; 4], [u8; 4], bool, bool, bool) {
        (
            self.size.to_bits(),
            self.line_height.to_bits(),
            self.color.to_array(),
            self.faint.to_array(),
            self.multiline,
            self.fonts_ready,
            self.markers_shown,
        )
    }

    fn font(&self, bold: bool, italic: bool, size: f32) -> (FontId, bool) {
        if self.fonts_ready {
            let f = BundledFont::styled(true, bold, italic);
            (FontId::new(size, FontFamily::Name(f.name().into())), false)
        } else {
            // Before the bundled fonts are in, egui's slant stands in.
            (FontId::proportional(size), italic)
        }
    }
}

/// The layout job for `text`: one section per stretch of the same style.
/// `underline` holds byte ranges of `text` to underline in red.
pub fn layout_job(text: &str, style: &RichStyle, underline: &[Range<usize>]) -> LayoutJob {
    let analysis = text::analyse(text);
    let mut job = LayoutJob {
        break_on_newline: style.multiline,
        keep_trailing_whitespace: true,
        ..Default::default()
    };
    let format = |st: &text::CharStyle, under: bool| {
        let (font_id, italics, color) = match st.role {
            Role::Text => {
                let (f, i) = style.font(st.bold, st.italic, style.size);
                (f, i, style.color)
            }
            Role::Marker | Role::Escape if style.markers_shown => {
                let (f, _) = style.font(false, false, style.size * 0.72);
                (f, false, style.faint)
            }
            // Out of sight: a sliver of space, no ink.
            Role::Marker | Role::Escape => {
                let (f, _) = style.font(false, false, 1.0);
                (f, false, Color32::TRANSPARENT)
            }
        };
        TextFormat {
            font_id,
            italics,
            color,
            line_height: Some(style.line_height),
            underline: if under {
                Stroke::new(1.0, UNDERLINE)
            } else {
                Stroke::NONE
            },
            ..Default::default()
        }
    };
    let mut start = 0;
    let mut current: Option<(text::CharStyle, bool)> = None;
    for ((at, _), st) in text.char_indices().zip(&analysis.chars) {
        let under = underline.iter().any(|r| r.contains(&at));
        let this = (*st, under);
        match current {
            Some(c) if c == this => {}
            Some((c, u)) => {
                job.append(&text[start..at], 0.0, format(&c, u));
                start = at;
                current = Some(this);
            }
            None => current = Some(this),
        }
    }
    match current {
        Some((c, u)) => job.append(&text[start..], 0.0, format(&c, u)),
        // An empty field still needs a font for the cursor's height.
        None => job.append(
            "",
            0.0,
            format(
                &text::CharStyle {
                    role: Role::Text,
                    bold: false,
                    italic: false,
                },
                false,
            ),
        ),
    }
    job
}

/// Builds layout jobs for [`FrameCache`]; the key is the text, the style's
/// key and the underlined ranges.
#[derive(Default)]
struct JobBuilder;

type Key<'a> = (
    &'a str,
    (u32, u32, [u8; 4], [u8; 4], bool, bool, bool),
    &'a [Range<usize>],
);

/// Hashes only the key, so the style (floats) need not be `Hash`.
#[derive(Clone, Copy)]
struct Keyed<'a>(Key<'a>, &'a RichStyle);

impl std::hash::Hash for Keyed<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl<'a> ComputerMut<Keyed<'a>, Arc<LayoutJob>> for JobBuilder {
    fn compute(&mut self, k: Keyed<'a>) -> Arc<LayoutJob> {
        let (text, _, underline) = k.0;
        Arc::new(layout_job(text, k.1, underline))
    }
}

type JobCache = FrameCache<Arc<LayoutJob>, JobBuilder>;

/// The galley for a marked-up field, for `TextEdit::layouter`. The layout
/// job is cached in egui's memory per (text, style, underlines) and kept
/// while used each frame; egui's own galley cache then keys on the job and
/// the wrap width, so an unchanged field costs two hash look-ups a frame.
pub fn galley(
    ui: &Ui,
    text: &str,
    wrap_width: f32,
    style: &RichStyle,
    underline: &[Range<usize>],
) -> Arc<Galley> {
    let key = Keyed((text, style.key(), underline), style);
    let job = ui.memory_mut(|m| Arc::clone(m.caches.cache::<JobCache>().get(key)));
    let mut job = (*job).clone();
    job.wrap.max_width = if style.multiline {
        wrap_width
    } else {
        f32::INFINITY
    };
    ui.fonts_mut(|f| f.layout_job(job))
}

/// Paints a wavy red line under each byte range of `text` as laid out in
/// `galley` at `pos`, within `clip`.
pub fn paint_wavy(
    painter: &Painter,
    text: &str,
    galley: &Galley,
    pos: Pos2,
    clip: Rect,
    ranges: &[Range<usize>],
) {
    let painter = painter.with_clip_rect(clip.intersect(painter.clip_rect()));
    for r in ranges {
        let (Some(a), Some(b)) = (char_index(text, r.start), char_index(text, r.end)) else {
            continue;
        };
        // One stretch per row the range covers.
        let mut k = a;
        while k < b {
            let first = galley.pos_from_cursor(CCursor::new(k));
            let mut end = k + 1;
            let mut last = galley.pos_from_cursor(CCursor::new(end));
            while end < b {
                let next = galley.pos_from_cursor(CCursor::new(end + 1));
                if (next.min.y - first.min.y).abs() > 0.5 || next.min.x < last.min.x {
                    break;
                }
                end += 1;
                last = next;
            }
            if (last.min.y - first.min.y).abs() > 0.5 {
                // The range's last character wrapped: stop at the row's end.
                last = first;
            }
            let y = pos.y + first.max.y - 1.0;
            wave(&painter, pos.x + first.min.x, pos.x + last.min.x, y);
            k = end;
        }
    }
}

fn wave(painter: &Painter, x0: f32, x1: f32, y: f32) {
    if x1 - x0 < 1.0 {
        return;
    }
    let (step, amp) = (2.0, 1.2);
    let mut points = Vec::new();
    let mut x = x0;
    let mut up = false;
    while x <= x1 {
        points.push(Pos2::new(x, if up { y - amp } else { y + amp }));
        up = !up;
        x += step;
    }
    painter.add(egui::Shape::line(points, Stroke::new(1.0, UNDERLINE)));
}

/// The char index of byte `at` of `text`, if it is a char boundary.
fn char_index(text: &str, at: usize) -> Option<usize> {
    text.is_char_boundary(at)
        .then(|| text[..at].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waves_are_painted_under_ranges_across_rows_and_bad_ranges_are_skipped() {
        let ctx = egui::Context::default();
        crate::preview::install_fonts(&ctx);
        let text = "one twoo three fourr five sixx seven";
        let mut waves = 0;
        let mut out = ctx.run_ui(Default::default(), |ui| {
            let galley = galley(ui, text, 60.0, &RichStyle::of(ui, true), &[]);
            assert!(galley.rows.len() > 1, "the text wraps");
            let painter = ui.painter().clone();
            let layer = painter.layer_id();
            let count = |p: &Painter| {
                p.ctx()
                    .graphics(|g| g.get(layer).map_or(0, |l| l.next_idx().0))
            };
            let before = count(&painter);
            let rect = Rect::from_min_size(Pos2::ZERO, galley.size());
            // "twoo", "fourr sixx" over a row break, one range off a char boundary.
            let ranges = vec![4..8, 15..30, 1000..1002];
            paint_wavy(&painter, text, &galley, Pos2::ZERO, rect, &ranges);
            waves = count(&painter) - before;
        });
        out.textures_delta.clear();
        assert!(waves >= 3, "{waves} shapes");
    }

    fn style() -> RichStyle {
        RichStyle {
            size: 14.0,
            line_height: 18.0,
            color: Color32::BLACK,
            faint: Color32::GRAY,
            multiline: true,
            fonts_ready: true,
            markers_shown: true,
        }
    }

    #[test]
    fn markers_are_out_of_sight_in_a_field_without_the_cursor() {
        let hidden = RichStyle {
            markers_shown: false,
            ..style()
        };
        let job = layout_job("a **b** c", &hidden, &[]);
        let marker = job
            .sections
            .iter()
            .find(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0] == "**")
            .expect("a marker section");
        assert_eq!(marker.format.color, Color32::TRANSPARENT);
        assert!(marker.format.font_id.size <= 1.0);
        assert_eq!(job.text, "a **b** c", "every character stays");
    }

    #[test]
    fn markers_are_faint_and_words_take_their_style() {
        let job = layout_job("a **b** *c* 5 * 3", &style(), &[]);
        let parts: Vec<(&str, String, Color32)> = job
            .sections
            .iter()
            .map(|s| {
                let r = s.byte_range.start.0..s.byte_range.end.0;
                let FontFamily::Name(n) = &s.format.font_id.family else {
                    panic!("not a bundled family");
                };
                (&job.text[r], n.to_string(), s.format.color)
            })
            .collect();
        let text = |p: &str| parts.iter().find(|x| x.0 == p).cloned();
        assert_eq!(text("b").map(|p| p.1), Some("NotoSans-Bold".into()));
        assert_eq!(text("c").map(|p| p.1), Some("NotoSans-Italic".into()));
        assert_eq!(text("**").map(|p| p.2), Some(Color32::GRAY));
        // The literal star is text like its neighbours.
        assert!(parts
            .iter()
            .any(|p| p.0 == " 5 * 3" && p.2 == Color32::BLACK));
        assert_eq!(job.text, "a **b** *c* 5 * 3");
    }

    #[test]
    fn underlined_ranges_get_a_red_stroke() {
        let ranges = vec![4..8, 20..30];
        let job = layout_job("one twoo three", &style(), &ranges);
        let red: Vec<&str> = job
            .sections
            .iter()
            .filter(|s| s.format.underline.color == UNDERLINE)
            .map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(red, vec!["twoo"]);
    }
}
