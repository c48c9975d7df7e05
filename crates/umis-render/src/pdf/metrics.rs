//! Font metrics: the embedded font's glyphs and their advance widths.

use super::*;

/// One line of text placed on a page; `baseline` counts down from the top edge.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Run {
    pub(super) x: f32,
    pub(super) baseline: f32,
    pub(super) style: Style,
    pub(super) text: String,
}

/// Character-to-glyph mapping and advance widths of the font.
pub(super) struct Metrics<'a> {
    pub(super) charmap: skrifa::charmap::Charmap<'a>,
    pub(super) advances: GlyphMetrics<'a>,
    pub(super) units_per_em: f32,
    /// Ascent as a share of the em.
    pub(super) ascent: f32,
    /// Shown for characters the font lacks.
    pub(super) replacement: char,
}

impl std::fmt::Debug for Metrics<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics")
            .field("units_per_em", &self.units_per_em)
            .field("ascent", &self.ascent)
            .finish_non_exhaustive()
    }
}

impl<'a> Metrics<'a> {
    pub(super) fn new(face: &FontRef<'a>) -> Result<Self, PdfError> {
        let location = LocationRef::default();
        let font_metrics = face.metrics(Size::unscaled(), location);
        let units_per_em = f32::from(font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(PdfError::Font("units per em is zero".to_owned()));
        }
        let mut metrics = Self {
            charmap: face.charmap(),
            advances: face.glyph_metrics(Size::unscaled(), location),
            units_per_em,
            ascent: (font_metrics.ascent / units_per_em).clamp(0.0, 1.5),
            replacement: '?',
        };
        if metrics.glyph(' ').is_none() || metrics.glyph('?').is_none() {
            return Err(PdfError::Font("the font lacks basic glyphs".to_owned()));
        }
        if metrics.glyph('\u{FFFD}').is_some() {
            metrics.replacement = '\u{FFFD}';
        }
        Ok(metrics)
    }

    /// The glyph for `c` and its advance as a share of the em.
    pub(super) fn glyph(&self, c: char) -> Option<(GlyphId, f32)> {
        let id = self.charmap.map(c)?;
        let advance = self.advances.advance_width(id).unwrap_or(0.0) / self.units_per_em;
        let advance = if advance.is_finite() {
            advance.max(0.0)
        } else {
            0.0
        };
        Some((GlyphId::new(id.to_u32()), advance))
    }

    /// The advance of `c` at `size` points; zero for characters without a glyph.
    pub(super) fn advance(&self, c: char, size: f32) -> f32 {
        self.glyph(c).map_or(0.0, |(_, advance)| advance * size)
    }

    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }

    /// The glyphs of a cleaned line, each tied to the characters it shows.
    pub(super) fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .filter_map(|(start, c)| {
                let (id, advance) = self.glyph(c)?;
                Some(KrillaGlyph::new(
                    id,
                    advance,
                    0.0,
                    0.0,
                    0.0,
                    start..start + c.len_utf8(),
                    None,
                ))
            })
            .collect()
    }
}
