//! Text as set in a PDF: input cleaned of characters that cannot be shown, and lines wrapped to
//! a width by the glyphs' measured advances.

use super::*;

impl Metrics<'_> {
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
}

/// Characters that take no room and have no place in a letter: soft hyphens, zero-width
/// and direction marks, word joiners, byte-order marks, variation selectors and tags.
fn is_invisible(c: char) -> bool {
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
