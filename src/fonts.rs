//! The bundled fonts (Noto Serif, Noto Sans, Droid Sans Fallback for
//! Chinese and Japanese, a Hangul subset of NanumGothic for Korean),
//! compiled into the binary so every machine prints the same, and their
//! metrics: advance widths, kerning and coverage, read with ttf-parser and
//! rustybuzz. Only these fonts are ever loaded.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Mutex, OnceLock};

/// FNV-1a: words are short, so a simple hash beats SipHash here.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

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
}

impl FontId {
    pub const ALL: [FontId; 10] = [
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
        }
    }

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
    /// Shaped words, so repeated layouts (every keystroke) stay fast.
    cache: Mutex<HashMap<String, Shaped, BuildHasherDefault<Fnv>>>,
    /// Coverage of the first code points, looked up once each:
    /// 0 unknown, 1 present, 2 absent.
    coverage: Vec<std::sync::atomic::AtomicU8>,
}

/// Code points below this get a coverage cache entry.
const COVERAGE_CACHED: usize = 0x3100;

/// A shaped word: its advance and per-character kerning, in font units.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    pub advance: f32,
    /// (char index, adjustment): added before that character, in font units.
    pub kerning: Vec<(u32, f32)>,
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
            cache: Mutex::new(HashMap::default()),
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

    /// Shapes a run of text without ligatures (so every character keeps its
    /// own glyph, which keeps PDF text extractable) and with kerning.
    pub fn shape(&self, text: &str) -> Shaped {
        if let Ok(cache) = self.cache.lock() {
            if let Some(s) = cache.get(text) {
                return s.clone();
            }
        }
        let shaped = self.shape_uncached(text);
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() > 200_000 {
                cache.clear();
            }
            cache.insert(text.to_string(), shaped.clone());
        }
        shaped
    }

    fn shape_uncached(&self, text: &str) -> Shaped {
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.set_direction(rustybuzz::Direction::LeftToRight);
        let off = |tag: &[u8; 4]| {
            rustybuzz::Feature::new(rustybuzz::ttf_parser::Tag::from_bytes(tag), 0, ..)
        };
        let features = [off(b"liga"), off(b"clig"), off(b"dlig"), off(b"calt")];
        let glyphs = rustybuzz::shape(&self.face, &features, buf);
        let infos = glyphs.glyph_infos();
        let positions = glyphs.glyph_positions();
        let mut advance = 0.0;
        let mut kerning = Vec::new();
        // Map byte clusters to char indices.
        let char_starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for (info, pos) in infos.iter().zip(positions) {
            let nominal = self
                .face
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(info.glyph_id as u16))
                .unwrap_or(0) as f32;
            let actual = pos.x_advance as f32;
            advance += actual;
            let diff = actual - nominal;
            if diff.abs() > 0.5 {
                // The adjustment follows this glyph: it applies before the next char.
                let ci = char_starts.partition_point(|&b| b <= info.cluster as usize) as u32;
                kerning.push((ci, diff));
            }
        }
        Shaped { advance, kerning }
    }

    /// Width of `text` at `size` points, with kerning.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text).advance * size / self.units_per_em
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
    }

    #[test]
    fn kerning_is_measured() {
        let m = FontId::SerifRegular.metrics();
        let separate = m.width("A", 10.0) + m.width("V", 10.0);
        assert!(m.width("AV", 10.0) < separate - 0.1, "AV should kern");
        assert!(!m.shape("AV").kerning.is_empty());
    }
}
