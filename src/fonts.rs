//! The bundled fonts (Noto Serif, Noto Sans, Droid Sans Fallback for
//! Chinese and Japanese, a Hangul subset of NanumGothic for Korean, Noto
//! Naskh Arabic and Noto Sans Hebrew subsets), compiled into the binary so
//! every machine prints the same; their metrics and coverage, read with
//! ttf-parser; and shaping with rustybuzz: ligatures, kerning, Arabic
//! joining and mark placement, every default OpenType feature on. Only these
//! fonts are ever loaded.
//!
//! Parsed faces are immutable data about compiled-in bytes, so they are
//! loaded once per process (`FontId::metrics`). Shaped words are a cache of
//! the user's text: they live in a `ShapeCache` its owner holds and passes in.

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

/// One bundled font file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontId {
    SerifRegular,
    SerifBold,
    SerifItalic,
    SerifBoldItalic,
    SansRegular,
    SansBold,
    SansItalic,
    SansBoldItalic,
    /// Chinese and Japanese; regular only.
    Cjk,
    /// Korean Hangul; regular only.
    Hangul,
    /// Arabic, Persian and Urdu letters; regular only.
    Arabic,
    /// Hebrew; regular only.
    Hebrew,
}

impl FontId {
    pub const ALL: [FontId; 12] = [
        FontId::SerifRegular,
        FontId::SerifBold,
        FontId::SerifItalic,
        FontId::SerifBoldItalic,
        FontId::SansRegular,
        FontId::SansBold,
        FontId::SansItalic,
        FontId::SansBoldItalic,
        FontId::Cjk,
        FontId::Hangul,
        FontId::Arabic,
        FontId::Hebrew,
    ];

    /// The font of a family in a style.
    pub fn styled(sans: bool, bold: bool, italic: bool) -> FontId {
        use FontId::*;
        match (sans, bold, italic) {
            (false, false, false) => SerifRegular,
            (false, true, false) => SerifBold,
            (false, false, true) => SerifItalic,
            (false, true, true) => SerifBoldItalic,
            (true, false, false) => SansRegular,
            (true, true, false) => SansBold,
            (true, false, true) => SansItalic,
            (true, true, true) => SansBoldItalic,
        }
    }

    /// A stable name, used for font registration in the preview and PDF.
    pub fn name(self) -> &'static str {
        match self {
            FontId::SerifRegular => "NotoSerif-Regular",
            FontId::SerifBold => "NotoSerif-Bold",
            FontId::SerifItalic => "NotoSerif-Italic",
            FontId::SerifBoldItalic => "NotoSerif-BoldItalic",
            FontId::SansRegular => "NotoSans-Regular",
            FontId::SansBold => "NotoSans-Bold",
            FontId::SansItalic => "NotoSans-Italic",
            FontId::SansBoldItalic => "NotoSans-BoldItalic",
            FontId::Cjk => "DroidSansFallback",
            FontId::Hangul => "BriefsmithHangul",
            FontId::Arabic => "NotoNaskhArabic-Regular",
            FontId::Hebrew => "NotoSansHebrew-Regular",
        }
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontId::SerifRegular => include_bytes!("../assets/fonts/NotoSerif-Regular.ttf"),
            FontId::SerifBold => include_bytes!("../assets/fonts/NotoSerif-Bold.ttf"),
            FontId::SerifItalic => include_bytes!("../assets/fonts/NotoSerif-Italic.ttf"),
            FontId::SerifBoldItalic => include_bytes!("../assets/fonts/NotoSerif-BoldItalic.ttf"),
            FontId::SansRegular => include_bytes!("../assets/fonts/NotoSans-Regular.ttf"),
            FontId::SansBold => include_bytes!("../assets/fonts/NotoSans-Bold.ttf"),
            FontId::SansItalic => include_bytes!("../assets/fonts/NotoSans-Italic.ttf"),
            FontId::SansBoldItalic => include_bytes!("../assets/fonts/NotoSans-BoldItalic.ttf"),
            FontId::Cjk => include_bytes!("../assets/fonts/DroidSansFallbackFull.ttf"),
            FontId::Hangul => include_bytes!("../assets/fonts/BriefsmithHangul-Regular.ttf"),
            FontId::Arabic => include_bytes!("../assets/fonts/NotoNaskhArabic-Regular.ttf"),
            FontId::Hebrew => include_bytes!("../assets/fonts/NotoSansHebrew-Regular.ttf"),
        }
    }

    /// The parsed face: immutable, compiled-in data, parsed once per process.
    pub fn metrics(self) -> &'static Metrics {
        static ALL: OnceLock<Vec<Metrics>> = OnceLock::new();
        let all = ALL.get_or_init(|| FontId::ALL.iter().map(|f| Metrics::load(*f)).collect());
        &all[self as usize]
    }
}

/// What layout needs to know about a font, in font units.
pub struct Metrics {
    face: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    pub ascender: f32,
    pub descender: f32,
    /// Coverage of the first code points, looked up once each:
    /// 0 unknown, 1 present, 2 absent. A fact about the font, not the text.
    coverage: Vec<std::sync::atomic::AtomicU8>,
}

/// Code points below this get a coverage cache entry.
const COVERAGE_CACHED: usize = 0x3100;

/// One shaped glyph, in font units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    /// The advance after shaping (kerning included; layout may add
    /// justification to a space's).
    pub advance: f32,
    /// Where the glyph sits relative to the pen: x right, y up (marks).
    pub dx: f32,
    pub dy: f32,
    /// Byte offset, in the text it was shaped from, where the characters
    /// this glyph shows begin (several for a ligature).
    pub cluster: u32,
}

/// A shaped piece of text: its glyphs left to right as they are drawn
/// (right-to-left text comes out reversed), and its total advance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shaped {
    pub advance: f32,
    pub glyphs: Vec<Glyph>,
    /// Every glyph is the font's own for one character, in text order: no
    /// ligature, substitution, reordering or mark offset.
    pub plain: bool,
}

impl Metrics {
    fn load(id: FontId) -> Metrics {
        // The bundled fonts are fixed at build time; a test checks each parses.
        let face = rustybuzz::Face::from_slice(id.bytes(), 0)
            .unwrap_or_else(|| panic!("bundled font {} does not parse", id.name()));
        Metrics {
            units_per_em: face.units_per_em() as f32,
            ascender: face.ascender() as f32,
            descender: face.descender() as f32,
            face,
            coverage: (0..COVERAGE_CACHED)
                .map(|_| std::sync::atomic::AtomicU8::new(0))
                .collect(),
        }
    }

    pub fn has_char(&self, c: char) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let Some(slot) = self.coverage.get(c as usize) else {
            return self.face.glyph_index(c).is_some();
        };
        match slot.load(Relaxed) {
            1 => true,
            2 => false,
            _ => {
                let has = self.face.glyph_index(c).is_some();
                slot.store(if has { 1 } else { 2 }, Relaxed);
                has
            }
        }
    }

    /// The glyph's own advance, before shaping: what a PDF reader assumes.
    pub fn nominal_advance(&self, glyph: u16) -> f32 {
        self.face
            .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph))
            .unwrap_or(0) as f32
    }

    /// Shapes a run of text with every feature the font turns on by
    /// default (ligatures, kerning, contextual forms, marks), in the
    /// direction given; the script is guessed from the text. Not cached:
    /// layout shapes through a `ShapeCache`.
    pub fn shape(&self, text: &str, rtl: bool) -> Shaped {
        let out = rustybuzz::shape(&self.face, &[], buffer(text, rtl));
        self.shaped(text, &out)
    }

    /// The same, with a plan made for the buffer's direction, script and
    /// language (making one costs more than shaping a word).
    fn shape_with(
        &self,
        plan: &rustybuzz::ShapePlan,
        buf: rustybuzz::UnicodeBuffer,
        text: &str,
    ) -> Shaped {
        let out = rustybuzz::shape_with_plan(&self.face, plan, buf);
        self.shaped(text, &out)
    }

    fn shaped(&self, text: &str, out: &rustybuzz::GlyphBuffer) -> Shaped {
        let glyphs: Vec<Glyph> = out
            .glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(info, pos)| Glyph {
                id: info.glyph_id as u16,
                advance: pos.x_advance as f32,
                dx: pos.x_offset as f32,
                dy: pos.y_offset as f32,
                cluster: info.cluster,
            })
            .collect();
        let plain = text.char_indices().count() == glyphs.len()
            && text.char_indices().zip(&glyphs).all(|((at, c), g)| {
                g.cluster as usize == at
                    && g.dx == 0.0
                    && g.dy == 0.0
                    && self.face.glyph_index(c).map(|id| id.0) == Some(g.id)
            });
        Shaped {
            advance: glyphs.iter().map(|g| g.advance).sum(),
            glyphs,
            plain,
        }
    }

    /// Width of left-to-right `text` at `size` points, shaped (uncached).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text, false).advance * size / self.units_per_em
    }
}

/// A buffer holding `text`, its script and language guessed, in the
/// direction given.
fn buffer(text: &str, rtl: bool) -> rustybuzz::UnicodeBuffer {
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str(text);
    buf.guess_segment_properties();
    buf.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    buf
}

/// Which shaping plan a buffer needs: font and direction slot, script,
/// language.
type PlanKey = (usize, rustybuzz::Script, Option<rustybuzz::Language>);

/// Shaped words, so that laying out a brief again (every keystroke) does
/// not shape the same words again. Held by whoever lays out: the editor's
/// layout thread keeps one across layouts, an export makes its own.
#[derive(Default)]
pub struct ShapeCache {
    /// One map per font and direction (`font * 2 + rtl`).
    words: Vec<FxHashMap<Box<str>, Arc<Shaped>>>,
    len: usize,
    /// Shaping plans, one per font, direction, script and language seen.
    plans: FxHashMap<PlanKey, rustybuzz::ShapePlan>,
}

impl ShapeCache {
    /// A generous bound: a long brief has some tens of thousands of words.
    const LIMIT: usize = 200_000;

    /// `text` shaped in `font`, from the cache when it was shaped before
    /// (shared: a word's glyphs are not copied for every use).
    pub fn shape(&mut self, font: FontId, text: &str, rtl: bool) -> Arc<Shaped> {
        let slot = font as usize * 2 + rtl as usize;
        if self.words.len() <= slot {
            self.words
                .resize_with(FontId::ALL.len() * 2, FxHashMap::default);
        }
        if let Some(s) = self.words[slot].get(text) {
            return Arc::clone(s);
        }
        if self.len >= Self::LIMIT {
            self.words.iter_mut().for_each(FxHashMap::clear);
            self.len = 0;
        }
        let m = font.metrics();
        let buf = buffer(text, rtl);
        let key = (slot, buf.script(), buf.language());
        let plan = self.plans.entry(key).or_insert_with(|| {
            rustybuzz::ShapePlan::new(
                &m.face,
                buf.direction(),
                Some(buf.script()),
                buf.language().as_ref(),
                &[],
            )
        });
        let shaped = Arc::new(m.shape_with(plan, buf, text));
        self.words[slot].insert(text.into(), Arc::clone(&shaped));
        self.len += 1;
        shaped
    }

    /// Width of left-to-right `text` in `font` at `size` points.
    pub fn width(&mut self, font: FontId, text: &str, size: f32) -> f32 {
        let upem = font.metrics().units_per_em;
        self.shape(font, text, false).advance * size / upem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_font_parses_and_covers_its_scripts() {
        for f in FontId::ALL {
            let m = f.metrics();
            assert!(m.units_per_em > 0.0, "{}", f.name());
        }
        for c in "Ááăằệ Ελληνικά Кириллица ‘’“”–—…€".chars()
        {
            assert!(
                FontId::SerifRegular.metrics().has_char(c),
                "serif lacks {c}"
            );
            assert!(FontId::SansBold.metrics().has_char(c), "sans lacks {c}");
        }
        for c in "王伟日本語".chars() {
            assert!(FontId::Cjk.metrics().has_char(c), "cjk lacks {c}");
        }
        for c in "한국어 국방부 장관".chars().filter(|c| !c.is_whitespace()) {
            assert!(FontId::Hangul.metrics().has_char(c), "hangul lacks {c}");
        }
        for c in "عباس عراقچی".chars() {
            assert!(FontId::Arabic.metrics().has_char(c), "arabic lacks {c}");
        }
        for c in "יצחק הרצוג".chars() {
            assert!(FontId::Hebrew.metrics().has_char(c), "hebrew lacks {c}");
        }
    }

    #[test]
    fn kerning_is_measured() {
        let m = FontId::SerifRegular.metrics();
        let separate = m.width("A", 10.0) + m.width("V", 10.0);
        assert!(m.width("AV", 10.0) < separate - 0.1, "AV should kern");
        let av = m.shape("AV", false);
        assert!(av.glyphs[0].advance < m.nominal_advance(av.glyphs[0].id));
    }

    #[test]
    fn ligatures_are_one_glyph_for_several_letters() {
        for font in [FontId::SerifRegular, FontId::SansRegular] {
            let m = font.metrics();
            for word in ["fi", "fl", "ffi"] {
                let s = m.shape(word, false);
                assert_eq!(s.glyphs.len(), 1, "{} {word}: {:?}", font.name(), s.glyphs);
                assert_ne!(s.glyphs[0].id, m.shape("f", false).glyphs[0].id);
            }
        }
    }

    #[test]
    fn arabic_joins_and_comes_out_right_to_left() {
        let m = FontId::Arabic.metrics();
        let word = "عباس";
        let joined = m.shape(word, true);
        // Initial, medial and final forms differ from the letters alone.
        let alone: Vec<u16> = word
            .chars()
            .map(|c| m.shape(&c.to_string(), true).glyphs[0].id)
            .collect();
        let ids: Vec<u16> = joined.glyphs.iter().map(|g| g.id).collect();
        assert_ne!(ids.iter().rev().copied().collect::<Vec<_>>(), alone);
        // Drawn left to right, so the first letter's glyph comes last.
        assert_eq!(joined.glyphs.last().map(|g| g.cluster), Some(0));
    }

    #[test]
    fn decomposed_vietnamese_shapes_like_composed() {
        let m = FontId::SerifRegular.metrics();
        let composed = m.shape("Nguyễn", false);
        let decomposed = m.shape("Nguye\u{0302}\u{0303}n", false);
        assert_eq!(composed.advance, decomposed.advance);
        assert!(decomposed.glyphs.iter().all(|g| g.id != 0));
    }

    #[test]
    fn the_cache_gives_what_shaping_gives() {
        let mut cache = ShapeCache::default();
        let direct = FontId::SerifBold.metrics().shape("office", false);
        assert_eq!(*cache.shape(FontId::SerifBold, "office", false), direct);
        assert_eq!(*cache.shape(FontId::SerifBold, "office", false), direct);
    }
}
