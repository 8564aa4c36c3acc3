//! Draws a text run as filled glyph outlines instead of text. Used for the
//! rotated DRAFT watermark: it prints the same, but stays out of the PDF's
//! extractable text, so copy-paste and search see only the brief.

use printpdf::{LinePoint, Op, PaintMode, Point, Polygon, PolygonRing, Pt, WindingOrder};
use ttf_parser::{Face, GlyphId, OutlineBuilder};

use crate::layout::TextRun;

struct Rings {
    rings: Vec<PolygonRing>,
    cur: Vec<LinePoint>,
    last: (f32, f32),
    map: Box<dyn Fn(f32, f32) -> (f32, f32)>,
}

impl Rings {
    fn pt(&self, x: f32, y: f32, bezier: bool) -> LinePoint {
        let (px, py) = (self.map)(x, y);
        LinePoint {
            p: Point {
                x: Pt(px),
                y: Pt(py),
            },
            bezier,
        }
    }
}

impl OutlineBuilder for Rings {
    fn move_to(&mut self, x: f32, y: f32) {
        if !self.cur.is_empty() {
            self.rings.push(PolygonRing {
                points: std::mem::take(&mut self.cur),
            });
        }
        self.cur.push(self.pt(x, y, false));
        self.last = (x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.cur.push(self.pt(x, y, false));
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
        self.cur.push(self.pt(x1, y1, true));
        self.cur.push(self.pt(x2, y2, true));
        self.cur.push(self.pt(x, y, false));
        self.last = (x, y);
    }
    fn close(&mut self) {
        if !self.cur.is_empty() {
            self.rings.push(PolygonRing {
                points: std::mem::take(&mut self.cur),
            });
        }
    }
}

/// Fill ops for `run` on a page `page_h` points tall (fill colour already set).
pub fn text_as_outlines(run: &TextRun, page_h: f32) -> Vec<Op> {
    let Ok(face) = Face::parse(run.font.bytes(), 0) else {
        return Vec::new();
    };
    let scale = run.size / face.units_per_em() as f32;
    let (sin, cos) = run.angle.to_radians().sin_cos();
    let (ox, oy) = (run.x, page_h - run.baseline);
    let mut ops = Vec::new();
    let mut pen = 0.0f32;
    for (i, c) in run.text.chars().enumerate() {
        pen += run
            .kerning
            .iter()
            .filter(|(at, _)| *at as usize == i)
            .map(|(_, k)| k)
            .sum::<f32>();
        let Some(gid) = face.glyph_index(c) else {
            continue;
        };
        let start = pen;
        let mut rings = Rings {
            rings: Vec::new(),
            cur: Vec::new(),
            last: (0.0, 0.0),
            map: Box::new(move |x, y| {
                let lx = start + x * scale;
                let ly = y * scale;
                (ox + lx * cos - ly * sin, oy + lx * sin + ly * cos)
            }),
        };
        if face.outline_glyph(GlyphId(gid.0), &mut rings).is_some() {
            rings.close();
            ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: rings.rings,
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            });
        }
        pen += face.glyph_hor_advance(gid).unwrap_or(0) as f32 * scale;
    }
    ops
}
