//! Page layout: blocks placed top to bottom on A4 pages, a new page when one is full.

use super::*;

/// Places lines on pages, top to bottom.
#[derive(Debug)]
pub(super) struct Cursor {
    pub(super) pages: Vec<Vec<Mark>>,
    /// Top of the next line box on the current page.
    pub(super) y: f32,
    /// Ascent as a share of the em, to find a line's baseline.
    pub(super) ascent: f32,
}

impl Cursor {
    pub(super) fn new(ascent: f32) -> Self {
        Self {
            pages: vec![Vec::new()],
            y: MARGIN,
            ascent,
        }
    }

    pub(super) fn at_top(&self) -> bool {
        self.y <= MARGIN + EPSILON
    }

    /// Starts a new page unless `height` still fits on this one or the page is empty.
    pub(super) fn reserve(&mut self, height: f32) {
        if !self.at_top() && self.y + height > CONTENT_BOTTOM + EPSILON {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    /// Adds vertical space; none at the top of a page.
    pub(super) fn skip(&mut self, height: f32) {
        if !self.at_top() {
            self.y += height;
        }
    }

    /// Places one line box holding `cells` (x offset within the content area, style, text).
    pub(super) fn line(&mut self, height: f32, cells: &[(f32, Style, &str)]) {
        self.reserve(height);
        let page = self.pages.last_mut();
        if let Some(page) = page {
            for &(x, style, text) in cells {
                if text.is_empty() {
                    continue;
                }
                // Centre the type's ascent in the extra leading above it.
                let size = style.size();
                let baseline = self.y + (height - size) / 2.0 + self.ascent * size;
                page.push(Mark::Text(Run {
                    x: MARGIN + x,
                    baseline,
                    style,
                    text: text.to_owned(),
                }));
            }
        }
        self.y += height;
    }

    /// Places a mark at an absolute position on the current page.
    pub(super) fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    /// Places text with its top at `top` and its left edge at `x` (page coordinates).
    pub(super) fn text_at(&mut self, x: f32, top: f32, style: Style, text: String) {
        if text.is_empty() {
            return;
        }
        let baseline = top + self.ascent * style.size();
        self.mark(Mark::Text(Run {
            x,
            baseline,
            style,
            text,
        }));
    }
}

/// Lays out the blocks of `letter`; always gives at least one (possibly empty) page.
pub(super) fn layout(letter: &Letter, metrics: &Metrics<'_>) -> Vec<Vec<Mark>> {
    let mut cursor = Cursor::new(metrics.ascent);
    let body = Style::Body.line_height();
    for block in &letter.blocks {
        match block {
            Block::Heading(text) => {
                let style = Style::Heading;
                let lines = metrics.wrap(&metrics.clean(text, false), style.size(), CONTENT_WIDTH);
                let height = style.line_height();
                cursor.skip(0.6 * body);
                // Keep the heading with at least one line of what follows.
                let block_height = height * lines.len() as f32;
                cursor.reserve((block_height + body).min(CONTENT_BOTTOM - MARGIN));
                for line in &lines {
                    cursor.line(height, &[(0.0, style, line)]);
                }
                cursor.skip(0.3 * body);
            }
            Block::Paragraph(text) => {
                let style = Style::Body;
                let lines = metrics.wrap(&metrics.clean(text, true), style.size(), CONTENT_WIDTH);
                for line in &lines {
                    cursor.line(body, &[(0.0, style, line)]);
                }
                cursor.skip(0.5 * body);
            }
            Block::Field(label, value) => {
                let label_width = CONTENT_WIDTH * LABEL_SHARE;
                let value_x = label_width + COLUMN_GAP;
                let labels = metrics.wrap(&metrics.clean(label, true), BODY_SIZE, label_width);
                let values = metrics.wrap(
                    &metrics.clean(value, true),
                    BODY_SIZE,
                    CONTENT_WIDTH - value_x,
                );
                let rows = labels.len().max(values.len());
                for row in 0..rows {
                    let label = labels.get(row).map_or("", String::as_str);
                    let value = values.get(row).map_or("", String::as_str);
                    cursor.line(
                        body,
                        &[(0.0, Style::Label, label), (value_x, Style::Body, value)],
                    );
                }
                cursor.skip(0.2 * body);
            }
            Block::Space => cursor.skip(body),
            Block::Chart(chart) => layout_chart(&mut cursor, chart, metrics),
        }
    }
    cursor.pages
}
