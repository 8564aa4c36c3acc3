//! Page furniture: the classification marking centred at the top and
//! bottom of every page, the running header from page 2, `Page X of Y`,
//! and the diagonal DRAFT watermark while the brief is a draft: all of it
//! artifacts in the tagged PDF.

use super::page::{Color, Item, Rule, Tag, TextRun, Warning};
use super::text::{single_line, Align, Styled, TextCache, TextStyle};
use super::Theme;
use crate::model::{Brief, Status};

/// One line of furniture; text too long for `width` is shrunk, not wrapped.
#[allow(clippy::too_many_arguments)]
fn line(
    text: &str,
    bold: bool,
    style: TextStyle,
    width: f32,
    align: Align,
    x: f32,
    baseline: f32,
    tag: Tag,
    warnings: &mut Vec<Warning>,
    words: &mut TextCache,
) -> Vec<Item> {
    let spans = [Styled {
        text: text.replace(['\n', '\r'], " "),
        bold,
        italic: false,
    }];
    let Some(first) = single_line(&spans, style, warnings, words) else {
        return Vec::new();
    };
    let first = if first.width > width {
        let small = TextStyle {
            size: style.size * width / first.width,
            ..style
        };
        single_line(&spans, small, &mut Vec::new(), words).unwrap_or(first)
    } else {
        first
    };
    let dx = match align {
        Align::Center => ((width - first.width) / 2.0).max(0.0),
        Align::Right => (width - first.width).max(0.0),
        _ => 0.0,
    };
    first
        .runs
        .into_iter()
        .map(|mut r| {
            r.x += x + dx;
            r.baseline = baseline;
            r.tag = tag;
            Item::Text(r)
        })
        .collect()
}

/// The furniture every page repeats, laid out on the first page that has
/// it and copied onto the others (a long brief has hundreds of pages).
#[derive(Default)]
pub struct Repeated {
    watermark: Option<Vec<Item>>,
    marking_top: Option<Vec<Item>>,
    title: Option<Vec<Item>>,
    version: Option<Vec<Item>>,
    marking_bottom: Option<Vec<Item>>,
}

/// The items in `slot`, laid out by `make` the first time.
fn once<'a>(
    slot: &'a mut Option<Vec<Item>>,
    make: impl FnOnce() -> Vec<Item>,
) -> impl Iterator<Item = Item> + 'a {
    slot.get_or_insert_with(make).iter().cloned()
}

/// Drawn first: the watermark sits under the text.
pub fn before(
    brief: &Brief,
    t: &Theme,
    page: usize,
    warnings: &mut Vec<Warning>,
    words: &mut TextCache,
    repeated: &mut Repeated,
) -> Vec<Item> {
    let mut items = Vec::new();
    if brief.meta.status == Status::Draft {
        items.extend(once(&mut repeated.watermark, || watermark(t, words)));
    }
    let m = &brief.meta;
    let small = TextStyle {
        sans: true,
        size: t.size * 0.8,
        color: t.text,
    };
    if !m.marking.trim().is_empty() {
        items.extend(once(&mut repeated.marking_top, || {
            line(
                m.marking.trim(),
                true,
                small,
                t.body_width(),
                Align::Center,
                t.left,
                t.top * 0.42,
                Tag::Header,
                warnings,
                words,
            )
        }));
    }
    if page > 0 {
        let muted = TextStyle {
            color: t.muted,
            ..small
        };
        let base = t.top - t.size * 0.9;
        let w = t.body_width();
        items.extend(once(&mut repeated.title, || {
            line(
                m.title.trim(),
                false,
                muted,
                w * 0.62,
                Align::Left,
                t.left,
                base,
                Tag::Header,
                warnings,
                words,
            )
        }));
        items.extend(once(&mut repeated.version, || {
            let right = [
                m.version.trim(),
                if m.status == Status::Draft {
                    "Draft"
                } else {
                    "Final"
                },
            ]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect::<Vec<_>>();
            let right = if m.version.trim().is_empty() {
                right.join("")
            } else {
                format!("Version {}", right.join(" · "))
            };
            let mut items = line(
                &right,
                false,
                muted,
                w * 0.36,
                Align::Right,
                t.left + w * 0.64,
                base,
                Tag::Header,
                warnings,
                words,
            );
            items.push(Item::Rule(Rule {
                x1: t.left,
                y1: base + t.size * 0.4,
                x2: t.left + w,
                y2: base + t.size * 0.4,
                width: 0.4,
                color: t.muted,
                tag: Tag::Header,
            }));
            items
        }));
    }
    items
}

/// The diagonal DRAFT across the page.
fn watermark(t: &Theme, words: &mut TextCache) -> Vec<Item> {
    let size = t.size * 9.0;
    let font = crate::fonts::FontId::styled(true, true, false);
    let shaped = words.shapes.shape(font, "DRAFT", false);
    let width = shaped.advance * size / font.metrics().units_per_em;
    // Centre the word on the page along a 45° diagonal.
    let a = std::f32::consts::FRAC_PI_4;
    let (cx, cy) = (t.page_w / 2.0, t.page_h / 2.0);
    let x = cx - (width / 2.0) * a.cos() + (size * 0.35) * a.sin();
    let y = cy + (width / 2.0) * a.sin() + (size * 0.35) * a.cos();
    vec![Item::Text(TextRun {
        x,
        baseline: y,
        text: "DRAFT".into(),
        font,
        size,
        color: Color::rgb(0xec, 0xec, 0xec),
        width,
        glyphs: shaped.glyphs.as_slice().into(),
        plain: shaped.plain,
        gaps: Default::default(),
        track: 0.0,
        angle: 45.0,
        source: None,
        tag: Tag::Watermark,
    })]
}

/// Drawn last, so page numbers follow the body in the text order.
pub fn after(
    brief: &Brief,
    t: &Theme,
    page: usize,
    total: usize,
    warnings: &mut Vec<Warning>,
    words: &mut TextCache,
    repeated: &mut Repeated,
) -> Vec<Item> {
    let mut items = Vec::new();
    let small = TextStyle {
        sans: true,
        size: t.size * 0.8,
        color: t.muted,
    };
    let footer_base = t.page_h - t.bottom + t.size * 2.2;
    items.extend(line(
        &format!("Page {} of {}", page + 1, total),
        false,
        small,
        t.body_width(),
        Align::Center,
        t.left,
        footer_base,
        Tag::Footer,
        warnings,
        words,
    ));
    let m = &brief.meta;
    if !m.marking.trim().is_empty() {
        let mark = TextStyle {
            color: t.text,
            ..small
        };
        items.extend(once(&mut repeated.marking_bottom, || {
            line(
                m.marking.trim(),
                true,
                mark,
                t.body_width(),
                Align::Center,
                t.left,
                t.page_h - t.bottom * 0.32,
                Tag::Footer,
                warnings,
                words,
            )
        }));
    }
    items
}
