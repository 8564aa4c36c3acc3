//! Draws a text run as filled glyph outlines instead of text. Used for the
//! rotated DRAFT watermark: it prints the same, but stays out of the PDF's
//! extractable text, so copy-paste and search see only the brief. The
//! outlines become one form XObject that every page reuses.

use std::fmt::Write;

use ttf_parser::{Face, GlyphId, OutlineBuilder};

use crate::layout::TextRun;

struct Path<F: Fn(f32, f32) -> (f32, f32)> {
    out: String,
    last: (f32, f32),
    map: F,
}

impl<F: Fn(f32, f32) -> (f32, f32)> Path<F> {
    fn point(&mut self, x: f32, y: f32) {
        let (px, py) = (self.map)(x, y);
        let _ = write!(self.out, "{px:.2} {py:.2} ");
    }
}

impl<F: Fn(f32, f32) -> (f32, f32)> OutlineBuilder for Path<F> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.point(x, y);
        self.out.push_str("m\n");
        self.last = (x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.point(x, y);
        self.out.push_str("l\n");
        self.last = (x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        // A quadratic curve as the equivalent cubic.
        let (x0, y0) = self.last;
        let c1 = (x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
        let c2 = (x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
        self.curve_to(c1.0, c1.1, c2.0, c2.1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.point(x1, y1);
        self.point(x2, y2);
        self.point(x, y);
        self.out.push_str("c\n");
        self.last = (x, y);
    }
    fn close(&mut self) {
        self.out.push_str("h\n");
    }
}

/// PDF path operators that fill `run`'s glyphs, in the coordinates of a
/// page `page_h` points tall (y up), in the run's colour.
pub fn text_as_path(run: &TextRun, page_h: f32) -> String {
    let Ok(face) = Face::parse(run.font.bytes(), 0) else {
        return String::new();
    };
    let scale = run.size / face.units_per_em() as f32;
    let (sin, cos) = run.angle.to_radians().sin_cos();
    let (ox, oy) = (run.x, page_h - run.baseline);
    let c = run.color;
    let mut out = format!(
        "{:.3} {:.3} {:.3} rg\n",
        c.r as f32 / 255.0,
        c.g as f32 / 255.0,
        c.b as f32 / 255.0
    );
    let mut pen = 0.0f32;
    for g in run.glyphs.iter() {
        let (start, rise) = (pen + g.dx * scale, g.dy * scale);
        let mut path = Path {
            out: String::new(),
            last: (0.0, 0.0),
            map: move |x: f32, y: f32| {
                let lx = start + x * scale;
                let ly = rise + y * scale;
                (ox + lx * cos - ly * sin, oy + lx * sin + ly * cos)
            },
        };
        if face.outline_glyph(GlyphId(g.id), &mut path).is_some() {
            out.push_str(&path.out);
            out.push_str("f\n");
        }
        pen += g.advance * scale;
    }
    out
}
