//! The live preview: paints the pages that layout produced — the same pages
//! the PDF is written from — with egui. Each text run is drawn at its own x
//! and baseline in its bundled font (registered under the font's name as a
//! family of its own), never re-wrapped; rules and fills as given; white
//! pages with a shadow on a grey desk. Clicking text reports the model item
//! it came from.

use egui::epaint::TextShape;
use egui::{
    Color32, FontData, FontFamily, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2, WidgetInfo,
};

use crate::fonts::FontId as BundledFont;
use crate::layout::{Color, Document, Item, Page, TextRun};
use crate::model::Id;

/// Space between pages and around them, in screen points.
const GAP: f32 = 16.0;
pub const MIN_ZOOM: f32 = 0.25;
pub const MAX_ZOOM: f32 = 4.0;

/// How the preview is looked at: zoom, fit-width, which page is in view.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewView {
    /// Screen points per PDF point, when not fitting the width.
    pub zoom: f32,
    pub fit_width: bool,
    /// The page at the top of the view (0-based), updated while scrolling.
    pub page: usize,
    /// Scroll so this page is at the top on the next frame.
    pub scroll_to: Option<usize>,
    /// Scroll so this point (page, y in page points) is in view on the
    /// next frame: the item selected in the outline, a find result.
    pub reveal: Option<(usize, f32)>,
    /// Where each page was drawn last frame, in screen points.
    pub placed: Vec<Rect>,
    /// Text to mark (a find match): in runs drawn from this item.
    pub highlight: Option<(Id, String)>,
}

impl Default for PreviewView {
    fn default() -> Self {
        PreviewView {
            zoom: 1.0,
            fit_width: true,
            page: 0,
            scroll_to: None,
            reveal: None,
            placed: Vec::new(),
            highlight: None,
        }
    }
}

/// Registers each bundled font as a family named after it, and Noto Sans
/// and the CJK, Hangul, Arabic and Hebrew fonts as fallbacks of the UI's
/// own fonts so every character a brief can print also shows in the
/// editor's fields and outline. The fallbacks also back the Noto Sans
/// families, which fields with markup use for bold and italic. Call once at start-up; the families are usable
/// from the next frame on.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    for f in BundledFont::ALL {
        let mut families = vec![InsertFontFamily {
            family: FontFamily::Name(f.name().into()),
            priority: FontPriority::Highest,
        }];
        if matches!(
            f,
            BundledFont::SansRegular
                | BundledFont::Cjk
                | BundledFont::Hangul
                | BundledFont::Arabic
                | BundledFont::Hebrew
        ) {
            for family in [FontFamily::Proportional, FontFamily::Monospace] {
                families.push(InsertFontFamily {
                    family,
                    priority: FontPriority::Lowest,
                });
            }
        }
        if matches!(
            f,
            BundledFont::Cjk | BundledFont::Hangul | BundledFont::Arabic | BundledFont::Hebrew
        ) {
            for sans in [
                BundledFont::SansRegular,
                BundledFont::SansBold,
                BundledFont::SansItalic,
                BundledFont::SansBoldItalic,
            ] {
                families.push(InsertFontFamily {
                    family: FontFamily::Name(sans.name().into()),
                    priority: FontPriority::Lowest,
                });
            }
        }
        ctx.add_font(FontInsert {
            name: f.name().to_string(),
            data: FontData::from_static(f.bytes()),
            families,
        });
    }
}

/// True once every bundled font family can be used for layout.
pub fn fonts_ready(ctx: &egui::Context) -> bool {
    ctx.fonts(|f| {
        let defs = f.definitions();
        BundledFont::ALL.iter().all(|b| {
            defs.families
                .contains_key(&FontFamily::Name(b.name().into()))
        })
    })
}

fn color(c: Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// The model item under a point of a page (page coordinates, points).
pub fn hit_test(page: &Page, x: f32, y: f32) -> Option<Id> {
    let slack = 1.5;
    page.items.iter().rev().find_map(|item| match item {
        Item::Text(run)
            if run.angle == 0.0
                && x >= run.x - slack
                && x <= run.x + run.width + slack
                && y >= run.top() - slack
                && y <= run.bottom() + slack =>
        {
            run.source
        }
        _ => None,
    })
}

/// The run as one egui layout job at `scale`: one section a piece the
/// layout shaped (a word, a space), each shifted by the space layout added
/// before it (the stretched word spaces of justified lines). egui shapes
/// each section with HarfBuzz (harfrust) and the font's default features,
/// as layout shaped the piece with rustybuzz: the same ligatures, kerning
/// and Arabic forms, and a right-to-left word comes out reversed as in the
/// PDF. Painting the run's text whole instead left all of a line's stretch
/// at the run's end.
fn run_job(run: &TextRun, scale: f32) -> egui::text::LayoutJob {
    let font = FontId::new(run.size * scale, FontFamily::Name(run.font.name().into()));
    let mut format = egui::TextFormat::simple(font, color(run.color));
    // Between the glyphs of each section (a piece), as layout spaced them.
    // egui spaces a section's first glyph from the one before too: not
    // layout's, so taken back from the section's leading space.
    format.extra_letter_spacing = run.track * scale;
    let mut job = egui::text::LayoutJob::default();
    let starts: Vec<usize> = run
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(run.text.len()))
        .collect();
    let last = starts.len() - 1;
    let mut gaps = run.gaps.to_vec();
    gaps.sort_by_key(|k| k.0);
    let (mut from, mut shift) = (0usize, 0.0f32);
    let lead = |from: usize, shift: f32| {
        let spaced = if from > 0 { run.track } else { 0.0 };
        (shift - spaced) * scale
    };
    for (ci, k) in gaps {
        let ci = (ci as usize).min(last);
        if ci > from {
            job.append(
                &run.text[starts[from]..starts[ci]],
                lead(from, shift),
                format.clone(),
            );
            (from, shift) = (ci, 0.0);
        }
        shift += k;
    }
    job.append(&run.text[starts[from]..], lead(from, shift), format);
    job
}

fn paint_run(ui: &Ui, run: &TextRun, origin: Pos2, scale: f32) {
    let size = run.size * scale;
    if size < 0.5 || run.text.is_empty() {
        return;
    }
    let galley = ui.fonts_mut(|f| f.layout_job(run_job(run, scale)));
    // Distance from the galley's top to its first baseline.
    let ascent = galley
        .rows
        .first()
        .and_then(|r| r.glyphs.first().map(|g| r.pos.y + g.pos.y))
        .unwrap_or(size * 0.8);
    let baseline = origin + Vec2::new(run.x, run.baseline) * scale;
    if run.angle == 0.0 {
        let pos = Pos2::new(baseline.x, baseline.y - ascent);
        ui.painter().galley(pos, galley, color(run.color));
    } else {
        // PDF angles turn counter-clockwise; on screen (y down) that is negative.
        let theta = -run.angle.to_radians();
        let pos = baseline + Vec2::new(ascent * theta.sin(), -ascent * theta.cos());
        ui.painter()
            .add(TextShape::new(pos, galley, color(run.color)).with_angle(theta));
    }
}

/// Marks `needle` (ignoring case) where runs drawn from item `id` show
/// it: a translucent band over the share of the run's width its chars take.
fn mark(ui: &Ui, page: &Page, rect: Rect, scale: f32, id: Id, needle: &str) {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return;
    }
    for item in &page.items {
        let Item::Text(run) = item else { continue };
        if run.source != Some(id) || run.angle != 0.0 {
            continue;
        }
        let text: Vec<char> = run.text.chars().flat_map(char::to_lowercase).collect();
        let total = text.len().max(1) as f32;
        let mut i = 0;
        while i + needle.len() <= text.len() {
            if text[i..i + needle.len()] == needle[..] {
                let x0 = run.x + run.width * i as f32 / total;
                let x1 = run.x + run.width * (i + needle.len()) as f32 / total;
                let band = Rect::from_min_max(
                    rect.min + Vec2::new(x0, run.top()) * scale,
                    rect.min + Vec2::new(x1, run.bottom()) * scale,
                );
                ui.painter().rect_filled(
                    band,
                    1.0,
                    Color32::from_rgba_unmultiplied(255, 200, 0, 90),
                );
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
}

fn paint_page(ui: &Ui, page: &Page, rect: Rect, scale: f32, text_ready: bool) {
    let painter = ui.painter();
    painter.rect_filled(
        rect.translate(Vec2::new(3.0, 4.0)),
        2.0,
        Color32::from_black_alpha(70),
    );
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let origin = rect.min;
    let at = |x: f32, y: f32| origin + Vec2::new(x, y) * scale;
    for item in &page.items {
        match item {
            Item::Fill(f) => {
                painter.rect_filled(
                    Rect::from_min_max(at(f.x, f.y), at(f.x + f.w, f.y + f.h)),
                    0.0,
                    color(f.color),
                );
            }
            Item::Rule(r) => {
                painter.line_segment(
                    [at(r.x1, r.y1), at(r.x2, r.y2)],
                    Stroke::new((r.width * scale).max(0.5), color(r.color)),
                );
            }
            Item::Text(run) if text_ready => paint_run(ui, run, origin, scale),
            Item::Text(_) | Item::Link(_) => {}
        }
    }
}

/// What happened in the preview this frame.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PreviewOutput {
    /// The model item whose text was clicked.
    pub clicked: Option<Id>,
}

/// Where the first text drawn from an item `wanted` accepts is: the page
/// and the top of the text, in page points.
pub fn find_source(doc: &Document, wanted: impl Fn(Id) -> bool) -> Option<(usize, f32)> {
    doc.pages.iter().enumerate().find_map(|(i, page)| {
        page.items.iter().find_map(|item| match item {
            Item::Text(run) if run.source.is_some_and(&wanted) => Some((i, run.top())),
            _ => None,
        })
    })
}

/// Ctrl + mouse wheel (or a pinch) over the preview zooms it.
fn wheel_zoom(ui: &Ui, view: &mut PreviewView) {
    if !ui.rect_contains_pointer(ui.max_rect()) {
        return;
    }
    let factor = ui.input(|i| i.zoom_delta());
    if (factor - 1.0).abs() > f32::EPSILON {
        view.fit_width = false;
        view.zoom = (view.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
    }
}

/// Paints `doc` into the available space, scrolling; keeps `view.page` up
/// to date and honours `view.scroll_to` and `view.reveal`.
pub fn show(ui: &mut Ui, doc: &Document, view: &mut PreviewView) -> PreviewOutput {
    wheel_zoom(ui, view);
    let mut out = PreviewOutput::default();
    let text_ready = fonts_ready(ui.ctx());
    if !text_ready {
        ui.ctx().request_repaint();
    }
    let desk = if ui.visuals().dark_mode {
        Color32::from_gray(48)
    } else {
        Color32::from_gray(200)
    };
    let widest = doc.pages.iter().map(|p| p.width).fold(1.0_f32, f32::max);
    let scroll = egui::ScrollArea::both()
        .id_salt("preview-scroll")
        .auto_shrink([false, false]);
    let avail_w = ui.available_width();
    if view.fit_width {
        view.zoom = ((avail_w - 2.0 * GAP - 14.0) / widest).clamp(MIN_ZOOM, MAX_ZOOM);
    }
    let scale = view.zoom;
    let scroll_to = view.scroll_to.take();
    let reveal = view.reveal.take();
    view.placed.clear();
    let mut placed = Vec::with_capacity(doc.pages.len());
    let output = scroll.show(ui, |ui| {
        let placed = &mut placed;
        let full = ui.max_rect();
        let total_h = doc
            .pages
            .iter()
            .map(|p| p.height * scale + GAP)
            .sum::<f32>()
            + GAP;
        let total_w = (widest * scale + 2.0 * GAP).max(full.width());
        let (area, response) = ui.allocate_exact_size(
            Vec2::new(total_w, total_h.max(full.height())),
            Sense::click(),
        );
        response.widget_info(|| {
            WidgetInfo::labeled(egui::Role::Image, true, "Preview of the printed pages")
        });
        ui.painter().rect_filled(area, 0.0, desk);
        let clip = ui.clip_rect();
        let mut y = area.min.y + GAP;
        let mut top_page = None;
        for (i, page) in doc.pages.iter().enumerate() {
            let size = Vec2::new(page.width, page.height) * scale;
            let x = area.min.x + ((total_w - size.x) / 2.0).max(GAP);
            let rect = Rect::from_min_size(Pos2::new(x, y), size);
            placed.push(rect);
            if scroll_to == Some(i) {
                ui.scroll_to_rect(rect.expand(GAP / 2.0), Some(egui::Align::TOP));
            }
            if let Some((_, top)) = reveal.filter(|r| r.0 == i) {
                let at = rect.min.y + top * scale;
                let line = Rect::from_min_max(
                    Pos2::new(rect.min.x, at - 2.0 * GAP),
                    Pos2::new(rect.max.x, at + GAP),
                );
                ui.scroll_to_rect(line, Some(egui::Align::TOP));
            }
            if top_page.is_none() && rect.max.y > clip.min.y + clip.height() * 0.3 {
                top_page = Some(i);
            }
            if rect.intersects(clip) {
                paint_page(ui, page, rect, scale, text_ready);
                if let Some((id, needle)) = &view.highlight {
                    mark(ui, page, rect, scale, *id, needle);
                }
            }
            if response.clicked() {
                if let Some(p) = response.interact_pointer_pos() {
                    if rect.contains(p) {
                        let local = (p - rect.min) / scale;
                        out.clicked = hit_test(page, local.x, local.y);
                    }
                }
            }
            y += size.y + GAP;
        }
        if doc.pages.is_empty() {
            ui.painter().text(
                area.center_top() + Vec2::new(0.0, 40.0),
                egui::Align2::CENTER_TOP,
                "Laying out…",
                FontId::proportional(14.0),
                ui.visuals().weak_text_color(),
            );
        }
        top_page
    });
    if let Some(p) = output.inner {
        view.page = p;
    }
    view.placed = placed;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{layout, LayoutOptions};
    use crate::model::{Block, Brief, Section};

    /// Width of each body run as painted minus its width in the layout,
    /// in points, at `scale`; `whole` paints the text without the kerning.
    fn differences(ctx: &egui::Context, scale: f32, whole: bool) -> Vec<(String, f32)> {
        let mut b = Brief::new("T");
        let mut s = Section::new("S");
        s.blocks.push(Block::paragraph(
            "The ministers agreed to **strengthen** cooperation on *maritime* security \
             and to meet again in **Tianjin** next year, with officials preparing the \
             ground for a *joint* statement on the **protection** of shipping lanes.",
        ));
        // Ligatures, and right-to-left names shaped and joined.
        s.blocks.push(Block::paragraph(
            "The office of the affluent fjord states sent عباس عراقچی and יצחק הרצוג \
             to the final official session, with *efficient* staff.",
        ));
        b.sections.push(s);
        let doc = layout(&b, &LayoutOptions::default());
        let mut out = Vec::new();
        for item in &doc.pages[0].items {
            let Item::Text(r) = item else { continue };
            let job = if whole {
                let font = FontId::new(r.size * scale, FontFamily::Name(r.font.name().into()));
                egui::text::LayoutJob::simple_singleline(r.text.clone(), font, Color32::BLACK)
            } else {
                run_job(r, scale)
            };
            let w = ctx.fonts_mut(|f| f.layout_job(job)).size().x / scale;
            out.push((r.text.clone(), w - r.width));
        }
        out
    }

    #[test]
    fn runs_are_painted_as_wide_as_the_layout_makes_them() {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        let mut o = ctx.run_ui(Default::default(), |_| {});
        o.textures_delta.clear();
        for scale in [0.75, 1.0, 1.5, 2.0] {
            let worst = |d: &[(String, f32)]| d.iter().map(|x| x.1.abs()).fold(0.0, f32::max);
            let before = differences(&ctx, scale, true);
            let after = differences(&ctx, scale, false);
            println!(
                "at {scale}: painted minus laid-out width, worst run: {:.2} pt whole, {:.2} pt split",
                worst(&before),
                worst(&after)
            );
            // Painting whole runs fell short by the line's stretched spaces.
            assert!(worst(&before) > 3.0, "{before:?}");
            // egui shapes each piece as layout did (harfrust and rustybuzz
            // are both HarfBuzz): ligatures, kerning and Arabic forms agree.
            assert!(worst(&after) < 0.1, "at {scale}: {after:?}");
        }
        let mut o = ctx.run_ui(Default::default(), |_| {});
        o.textures_delta.clear();
    }

    /// A justified line whose spaces could not stretch enough has its
    /// letters spaced: painted as wide as the PDF draws it.
    #[test]
    fn letter_spaced_lines_are_painted_as_wide_as_laid_out() {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        let mut o = ctx.run_ui(Default::default(), |_| {});
        o.textures_delta.clear();
        let doc = layout(&crate::sample::sco(), &LayoutOptions::default());
        let spaced: Vec<&TextRun> = doc
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                Item::Text(r) if r.track > 0.0 => Some(r),
                _ => None,
            })
            .collect();
        assert!(!spaced.is_empty(), "the sample has no letter-spaced line");
        for scale in [1.0, 1.5] {
            for r in &spaced {
                let w = ctx.fonts_mut(|f| f.layout_job(run_job(r, scale))).size().x / scale;
                assert!(
                    (w - r.width).abs() < 0.1,
                    "at {scale}: {:?} painted {w:.2} pt, laid out {:.2} pt",
                    r.text,
                    r.width
                );
            }
        }
        let mut o = ctx.run_ui(Default::default(), |_| {});
        o.textures_delta.clear();
    }
}
