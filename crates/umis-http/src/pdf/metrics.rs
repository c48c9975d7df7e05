//! Font metrics: advance widths of the embedded font's glyphs, line breaking by measured width.

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

    /// Tidies input text: drops control and invisible formatting characters, turns breaking
    /// white space into plain spaces (line breaks too, unless `keep_newlines`), and replaces
    /// characters the font lacks.
    pub(super) fn clean(&self, text: &str, keep_newlines: bool) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let c = match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        continue;
                    }
                    '\n'
                }
                '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' => '\n',
                // Non-breaking spaces keep words together.
                '\u{00A0}' | '\u{2007}' | '\u{202F}' => '\u{00A0}',
                c if c.is_whitespace() => ' ',
                c if c.is_control() || is_invisible(c) => continue,
                c => c,
            };
            let c = match c {
                '\n' if !keep_newlines => ' ',
                '\n' => '\n',
                c if self.glyph(c).is_some() => c,
                '\u{00A0}' => ' ',
                _ => self.replacement,
            };
            out.push(c);
        }
        out
    }

    /// Breaks cleaned `text` into lines no wider than `width` at `size` points. Lines break
    /// at spaces and at `\n`; a word wider than the line is broken between characters.
    pub(super) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let space = self.advance(' ', size);
        let mut lines = Vec::new();
        for hard_line in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0;
            for word in hard_line.split(' ').filter(|w| !w.is_empty()) {
                let word_width = self.width(word, size);
                let gap = if line.is_empty() { 0.0 } else { space };
                if line_width + gap + word_width <= width + EPSILON {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_width += gap + word_width;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                if word_width <= width + EPSILON {
                    line.push_str(word);
                    line_width = word_width;
                    continue;
                }
                for c in word.chars() {
                    let advance = self.advance(c, size);
                    if !line.is_empty() && line_width + advance > width + EPSILON {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += advance;
                }
            }
            lines.push(line);
        }
        lines
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

/// Characters that take no room and have no place in a letter: soft hyphens, zero-width
/// and direction marks, word joiners, byte-order marks, variation selectors and tags.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}
