//! PDF rendering of decision letters and statistical bulletins.
//!
//! A [`Letter`] is a title and a list of [`Block`]s. [`render`] lays the blocks out on A4
//! pages (20 mm margins, 11 pt body, 15 pt headings), wraps paragraphs by the measured advance
//! widths of the font's glyphs and starts new pages as needed. A [`Block::Chart`] is drawn as
//! vector graphics (line or grouped bar chart with its axis, grid and legend), so it prints
//! sharply at any size.
//!
//! Text is set in DejaVu Sans, which is compiled into the binary and embedded in every PDF as
//! a subset holding only the glyphs used. Each glyph is written with the text it stands for,
//! so the PDF carries a `ToUnicode` map and copying or extracting text gives back the original
//! characters: Azerbaijani Latin (ə, ğ, ı, İ, ş, ç, ö, ü), Cyrillic and the rest of the
//! font's repertoire.
//!
//! Input is never trusted to be tidy: control characters and invisible formatting characters
//! are dropped, characters the font lacks are shown as U+FFFD, and words wider than the line
//! are broken between characters. Text is set left to right without shaping, which suits
//! the Latin and Cyrillic scripts the letters are written in.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};

/// DejaVu Sans (see `assets/fonts/LICENSE-DejaVu.txt`).
const FONT_DATA: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// PostScript points per millimetre.
const MM: f32 = 72.0 / 25.4;
const PAGE_WIDTH: f32 = 210.0 * MM;
const PAGE_HEIGHT: f32 = 297.0 * MM;
const MARGIN: f32 = 20.0 * MM;
const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// The lowest point a line box may reach.
const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - MARGIN;

const BODY_SIZE: f32 = 11.0;
/// Type size of chart axis labels and legends.
const SMALL_SIZE: f32 = 7.5;
/// Height of a chart's plot area.
const PLOT_HEIGHT: f32 = 55.0 * MM;
/// Width kept left of the plot area for the y axis labels.
const AXIS_WIDTH: f32 = 14.0 * MM;
const GRID_COLOR: (u8, u8, u8) = (0xdd, 0xdd, 0xdd);
const AXIS_COLOR: (u8, u8, u8) = (0x88, 0x88, 0x88);
const HEADING_SIZE: f32 = 15.0;
/// Line height as a multiple of the type size.
const LEADING: f32 = 1.4;
/// Width of the label column of a [`Block::Field`], as a share of the line width.
const LABEL_SHARE: f32 = 0.34;
/// Gap between the label and the value column of a [`Block::Field`].
const COLUMN_GAP: f32 = 4.0 * MM;
/// Tolerance for comparing measured widths, in points.
const EPSILON: f32 = 0.01;

/// One block of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading line (larger type).
    Heading(String),
    /// A paragraph, wrapped to the page width. A `\n` in the text starts a new line.
    Paragraph(String),
    /// A label/value line, e.g. ("Decision", "Approved").
    Field(String, String),
    /// Vertical space.
    Space,
    /// A chart of counts.
    Chart(Chart),
}

/// How a [`Chart`] draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// One line per series over the labels (a time series).
    Line,
    /// One bar per series at each label.
    Bar,
}

/// A chart of counts: labels along the x axis, one or more series of values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// The caption above the chart.
    pub title: String,
    /// Line or bar chart.
    pub kind: ChartKind,
    /// One label per position on the x axis.
    pub labels: Vec<String>,
    /// The series, each with one value per label (`None`: no value, e.g. suppressed).
    pub series: Vec<Series>,
}

/// One series of a [`Chart`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// Its name in the legend.
    pub label: String,
    /// Its colour (red, green, blue).
    pub color: (u8, u8, u8),
    /// Drawn dashed (line charts).
    pub dashed: bool,
    /// One value per label.
    pub values: Vec<Option<i64>>,
}

/// A letter: document title (PDF metadata) and its blocks, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Letter {
    /// The document title, written to the PDF metadata.
    pub title: String,
    /// The blocks, top to bottom.
    pub blocks: Vec<Block>,
}

/// Why a letter could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The embedded font could not be read.
    #[error("the embedded font could not be read: {0}")]
    Font(String),
    /// The PDF could not be written.
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// Renders `letter` as an A4 PDF (margins 20 mm, body 11 pt, headings 15 pt), wrapping
/// paragraphs by measured glyph widths and starting new pages as needed.
///
/// An empty letter gives a single blank page.
pub fn render(letter: &Letter) -> Result<Vec<u8>, PdfError> {
    let face = FontRef::new(FONT_DATA).map_err(|e| PdfError::Font(e.to_string()))?;
    let metrics = Metrics::new(&face)?;
    let font = Font::new(FONT_DATA.into(), 0)
        .ok_or_else(|| PdfError::Font("unsupported font data".to_owned()))?;

    let pages = layout(letter, &metrics);

    let settings = SerializeSettings {
        // The content has no structure tree; untagged output is smaller.
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let title = metrics.clean(&letter.title, false);
    if !title.is_empty() {
        document.set_metadata(Metadata::new().title(title));
    }
    let page_settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PdfError::Write("invalid page size".to_owned()))?;
    for marks in &pages {
        let mut page = document.start_page_with(page_settings.clone());
        let mut surface = page.surface();
        for mark in marks {
            let run = match mark {
                Mark::Text(run) => run,
                Mark::Shape(shape) => {
                    draw_shape(&mut surface, shape);
                    continue;
                }
            };
            let glyphs = metrics.glyphs(&run.text);
            if glyphs.is_empty() {
                continue;
            }
            surface.set_fill(Some(Fill {
                paint: run.style.color().into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
            surface.draw_glyphs(
                Point::from_xy(run.x, run.baseline),
                &glyphs,
                font.clone(),
                &run.text,
                run.style.size(),
                false,
            );
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PdfError::Write(e.to_string()))
}

/// Draws a filled rectangle or a stroked polyline.
fn draw_shape(surface: &mut krilla::surface::Surface<'_>, shape: &Shape) {
    let mut path = PathBuilder::new();
    match shape {
        Shape::Rect { x, y, w, h, .. } => {
            let Some(rect) = Rect::from_xywh(*x, *y, w.max(0.1), h.max(0.1)) else {
                return;
            };
            path.push_rect(rect);
        }
        Shape::Polyline { points, .. } => {
            let Some(&(x0, y0)) = points.first() else {
                return;
            };
            path.move_to(x0, y0);
            for &(x, y) in &points[1..] {
                path.line_to(x, y);
            }
        }
    }
    let Some(path) = path.finish() else {
        return;
    };
    match shape {
        Shape::Rect { color, .. } => {
            surface.set_stroke(None);
            surface.set_fill(Some(Fill {
                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
        }
        Shape::Polyline {
            color,
            width,
            dashed,
            ..
        } => {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                width: *width,
                dash: dashed.then(|| StrokeDash {
                    array: vec![4.0, 3.0],
                    offset: 0.0,
                }),
                ..Stroke::default()
            }));
        }
    }
    surface.draw_path(&path);
    surface.set_stroke(None);
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Heading,
    Body,
    Label,
    /// Axis labels and legends of charts.
    Small,
}

impl Style {
    fn size(self) -> f32 {
        match self {
            Style::Heading => HEADING_SIZE,
            Style::Body | Style::Label => BODY_SIZE,
            Style::Small => SMALL_SIZE,
        }
    }

    fn line_height(self) -> f32 {
        self.size() * LEADING
    }

    fn color(self) -> rgb::Color {
        match self {
            Style::Heading | Style::Body => rgb::Color::new(0, 0, 0),
            Style::Label | Style::Small => rgb::Color::new(0x55, 0x55, 0x55),
        }
    }
}

/// Something placed on a page: a run of text or a shape of a chart.
#[derive(Debug, Clone, PartialEq)]
enum Mark {
    Text(Run),
    Shape(Shape),
}

/// A shape of a chart, in page coordinates (y counts down from the top edge).
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: (u8, u8, u8),
    },
    Polyline {
        points: Vec<(f32, f32)>,
        color: (u8, u8, u8),
        width: f32,
        dashed: bool,
    },
}

/// One line of text placed on a page; `baseline` counts down from the top edge.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    x: f32,
    baseline: f32,
    style: Style,
    text: String,
}

/// Character-to-glyph mapping and advance widths of the font.
struct Metrics<'a> {
    charmap: skrifa::charmap::Charmap<'a>,
    advances: GlyphMetrics<'a>,
    units_per_em: f32,
    /// Ascent as a share of the em.
    ascent: f32,
    /// Shown for characters the font lacks.
    replacement: char,
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
    fn new(face: &FontRef<'a>) -> Result<Self, PdfError> {
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
    fn glyph(&self, c: char) -> Option<(GlyphId, f32)> {
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
    fn advance(&self, c: char, size: f32) -> f32 {
        self.glyph(c).map_or(0.0, |(_, advance)| advance * size)
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }

    /// Tidies input text: drops control and invisible formatting characters, turns breaking
    /// white space into plain spaces (line breaks too, unless `keep_newlines`), and replaces
    /// characters the font lacks.
    fn clean(&self, text: &str, keep_newlines: bool) -> String {
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
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
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
    fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
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

/// Places lines on pages, top to bottom.
#[derive(Debug)]
struct Cursor {
    pages: Vec<Vec<Mark>>,
    /// Top of the next line box on the current page.
    y: f32,
    /// Ascent as a share of the em, to find a line's baseline.
    ascent: f32,
}

impl Cursor {
    fn new(ascent: f32) -> Self {
        Self {
            pages: vec![Vec::new()],
            y: MARGIN,
            ascent,
        }
    }

    fn at_top(&self) -> bool {
        self.y <= MARGIN + EPSILON
    }

    /// Starts a new page unless `height` still fits on this one or the page is empty.
    fn reserve(&mut self, height: f32) {
        if !self.at_top() && self.y + height > CONTENT_BOTTOM + EPSILON {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    /// Adds vertical space; none at the top of a page.
    fn skip(&mut self, height: f32) {
        if !self.at_top() {
            self.y += height;
        }
    }

    /// Places one line box holding `cells` (x offset within the content area, style, text).
    fn line(&mut self, height: f32, cells: &[(f32, Style, &str)]) {
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
    fn mark(&mut self, mark: Mark) {
        if let Some(page) = self.pages.last_mut() {
            page.push(mark);
        }
    }

    /// Places text with its top at `top` and its left edge at `x` (page coordinates).
    fn text_at(&mut self, x: f32, top: f32, style: Style, text: String) {
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

/// A rounded axis maximum and grid step for values up to `max`.
fn nice_scale(max: i64) -> (f64, f64) {
    let max = (max.max(1)) as f64;
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
        .max(1.0);
    ((max / step).ceil() * step, step)
}

/// An axis value written short: 1 200 → 1.2k, 3 400 000 → 3.4M.
fn short_number(v: f64) -> String {
    let a = v.abs();
    let (n, suffix) = if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let s = format!("{n:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    format!("{s}{suffix}")
}

/// Lays out a chart: caption, plot area with grid and y axis labels, the series, x labels
/// (thinned to fit) and the legend; kept on one page.
fn layout_chart(cursor: &mut Cursor, chart: &Chart, metrics: &Metrics<'_>) {
    let small = Style::Small.line_height();
    let caption = metrics.wrap(
        &metrics.clean(&chart.title, false),
        BODY_SIZE,
        CONTENT_WIDTH,
    );
    let legend_rows = chart.series.len().div_ceil(3).max(1);
    let height = Style::Body.line_height() * caption.len() as f32
        + PLOT_HEIGHT
        + small * (2.0 + legend_rows as f32);
    cursor.skip(0.5 * Style::Body.line_height());
    cursor.reserve(height.min(CONTENT_BOTTOM - MARGIN));
    for line in &caption {
        cursor.line(Style::Body.line_height(), &[(0.0, Style::Label, line)]);
    }
    let n = chart.labels.len();
    let top = cursor.y + 0.5 * small;
    let bottom = top + PLOT_HEIGHT;
    let left = MARGIN + AXIS_WIDTH;
    let right = MARGIN + CONTENT_WIDTH;
    let lowest = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .copied()
        .min()
        .unwrap_or(0)
        .min(0);
    let highest = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .copied()
        .max()
        .unwrap_or(0)
        .max(0);
    let (max, step) = nice_scale(highest.max(-lowest));
    let min = if lowest < 0 {
        -((-lowest as f64) / step).ceil() * step
    } else {
        0.0
    };
    let y = |v: f64| bottom - ((v - min) / (max - min).max(1.0)) as f32 * PLOT_HEIGHT;
    // Grid and y axis labels.
    let mut v = min;
    while v <= max + step / 2.0 {
        let gy = y(v);
        cursor.mark(Mark::Shape(Shape::Polyline {
            points: vec![(left, gy), (right, gy)],
            color: if v == 0.0 { AXIS_COLOR } else { GRID_COLOR },
            width: 0.5,
            dashed: false,
        }));
        let label = short_number(v);
        let w = metrics.width(&label, SMALL_SIZE);
        cursor.text_at(
            left - w - 1.5 * MM,
            gy - 0.5 * SMALL_SIZE,
            Style::Small,
            label,
        );
        v += step;
    }
    // The series.
    let slot = (right - left) / n.max(1) as f32;
    let series = chart.series.len().max(1);
    for (k, s) in chart.series.iter().enumerate() {
        match chart.kind {
            ChartKind::Line => {
                let x = |i: usize| left + slot * (i as f32 + 0.5);
                let mut run: Vec<(f32, f32)> = Vec::new();
                for (i, v) in s.values.iter().enumerate().take(n) {
                    match v {
                        Some(v) => run.push((x(i), y(*v as f64))),
                        None => flush_line(cursor, &mut run, s),
                    }
                }
                flush_line(cursor, &mut run, s);
            }
            ChartKind::Bar => {
                let group = slot * 0.8;
                let w = group / series as f32;
                for (i, v) in s.values.iter().enumerate().take(n) {
                    let Some(v) = v else { continue };
                    let (y0, y1) = (y(0.0), y(*v as f64));
                    cursor.mark(Mark::Shape(Shape::Rect {
                        x: left + slot * i as f32 + slot * 0.1 + w * k as f32,
                        y: y0.min(y1),
                        w: w * 0.9,
                        h: (y0 - y1).abs(),
                        color: s.color,
                    }));
                }
            }
        }
    }
    // X labels, thinned so that they do not overlap.
    let widest = chart
        .labels
        .iter()
        .map(|l| metrics.width(l, SMALL_SIZE))
        .fold(0.0f32, f32::max);
    let every = ((widest + 2.0 * MM) / slot).ceil().max(1.0) as usize;
    for (i, l) in chart.labels.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let w = metrics.width(l, SMALL_SIZE);
        let cx = left + slot * (i as f32 + 0.5);
        let x = (cx - w / 2.0).clamp(MARGIN, right - w);
        cursor.text_at(x, bottom + 1.0 * MM, Style::Small, metrics.clean(l, false));
    }
    // Legend: a swatch and the series' name, three to a row.
    let legend_top = bottom + small + 1.5 * MM;
    let column = CONTENT_WIDTH / 3.0;
    for (k, s) in chart.series.iter().enumerate() {
        let x = MARGIN + column * (k % 3) as f32;
        let ly = legend_top + small * (k / 3) as f32;
        cursor.mark(Mark::Shape(Shape::Rect {
            x,
            y: ly + 0.15 * SMALL_SIZE,
            w: 3.0 * MM,
            h: 0.7 * SMALL_SIZE,
            color: s.color,
        }));
        let name = metrics.wrap(
            &metrics.clean(&s.label, false),
            SMALL_SIZE,
            column - 5.0 * MM,
        );
        if let Some(first) = name.into_iter().next() {
            cursor.text_at(x + 4.0 * MM, ly, Style::Small, first);
        }
    }
    cursor.y = legend_top + small * legend_rows as f32;
}

/// Draws the points gathered so far as one line of `series` and clears them.
fn flush_line(cursor: &mut Cursor, run: &mut Vec<(f32, f32)>, series: &Series) {
    match run.len() {
        0 => {}
        // A lone value between gaps is a dot.
        1 => {
            let (x, y) = run[0];
            cursor.mark(Mark::Shape(Shape::Rect {
                x: x - 1.0,
                y: y - 1.0,
                w: 2.0,
                h: 2.0,
                color: series.color,
            }));
        }
        _ => cursor.mark(Mark::Shape(Shape::Polyline {
            points: run.clone(),
            color: series.color,
            width: 1.2,
            dashed: series.dashed,
        })),
    }
    run.clear();
}

/// Lays out the blocks of `letter`; always gives at least one (possibly empty) page.
fn layout(letter: &Letter, metrics: &Metrics<'_>) -> Vec<Vec<Mark>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Letter {
        Letter {
            title: "Qərar — Məmmədov Elçin".to_owned(),
            blocks: vec![
                Block::Heading("Dövlət Miqrasiya Xidməti".to_owned()),
                Block::Field("Ərizəçi".to_owned(), "Məmmədov Elçin".to_owned()),
                Block::Field("Заявитель".to_owned(), "Мамедов Эльчин".to_owned()),
                Block::Field("Decision".to_owned(), "Approved".to_owned()),
                Block::Space,
                Block::Paragraph(
                    "Hörmətli Elçin bəy, ərizəniz baxılmışdır. Əlifba: ğışçöü ĞIŞÇÖÜ İə Ə. \
                     Копия направлена Щегловой."
                        .to_owned(),
                ),
            ],
        }
    }

    fn load(pdf: &[u8]) -> lopdf::Document {
        lopdf::Document::load_mem(pdf).expect("the PDF parses")
    }

    fn all_text(doc: &lopdf::Document) -> String {
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        doc.extract_text(&pages).expect("text extracts")
    }

    fn metrics_test<T>(f: impl FnOnce(&Metrics<'_>) -> T) -> T {
        let face = FontRef::new(FONT_DATA).expect("font parses");
        let metrics = Metrics::new(&face).expect("font metrics");
        f(&metrics)
    }

    #[test]
    fn output_is_framed_as_pdf() {
        let pdf = render(&sample()).expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
    }

    #[test]
    fn azerbaijani_and_cyrillic_text_round_trips() {
        let pdf = render(&sample()).expect("renders");
        let text = all_text(&load(&pdf));
        for expected in [
            "Məmmədov Elçin",
            "ğışçöü",
            "ĞIŞÇÖÜ İə Ə",
            "Мамедов Эльчин",
            "Щегловой",
        ] {
            assert!(
                text.contains(expected),
                "{expected:?} missing from {text:?}"
            );
        }
    }

    #[test]
    fn the_font_is_embedded_as_a_subset() {
        let pdf = render(&sample()).expect("renders");
        assert!(
            pdf.len() < FONT_DATA.len() / 10,
            "{} bytes for a one-page letter",
            pdf.len()
        );
        assert_eq!(load(&pdf).get_pages().len(), 1);
    }

    #[test]
    fn long_letters_run_onto_more_pages() {
        let paragraph = "Ərizəçinin müraciəti qanunvericiliyə uyğun olaraq nəzərdən keçirilmişdir \
                         və qərar qəbul edilmişdir.";
        let letter = Letter {
            title: "Long".to_owned(),
            blocks: (0..300)
                .map(|i| Block::Paragraph(format!("{i}. {paragraph}")))
                .collect(),
        };
        let doc = load(&render(&letter).expect("renders"));
        assert!(doc.get_pages().len() > 1);
        assert!(all_text(&doc).contains("299. Ərizəçinin"));
    }

    #[test]
    fn a_very_long_word_is_broken() {
        let word: String = "ə".repeat(2500) + &"Щ".repeat(2500);
        let letter = Letter {
            title: String::new(),
            blocks: vec![
                Block::Heading(word.clone()),
                Block::Paragraph(word.clone()),
                Block::Field(word.clone(), word.clone()),
            ],
        };
        let doc = load(&render(&letter).expect("renders"));
        let text: String = all_text(&doc)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(text.matches('ə').count(), 4 * 2500);
        assert_eq!(text.matches('Щ').count(), 4 * 2500);
    }

    fn chart(kind: ChartKind, n: usize) -> Chart {
        Chart {
            title: "Gündəlik girişlər / Въезды".to_owned(),
            kind,
            labels: (1..=n).map(|d| format!("2026-11-{d:02}")).collect(),
            series: vec![
                Series {
                    label: "Girişlər".to_owned(),
                    color: (0, 0x72, 0xb2),
                    dashed: false,
                    values: (0..n).map(|i| Some(1_000 + 37 * i as i64)).collect(),
                },
                Series {
                    label: "Xalis".to_owned(),
                    color: (0xe6, 0x9f, 0),
                    dashed: true,
                    // A gap and a negative value.
                    values: (0..n)
                        .map(|i| (i != 3).then_some(200 - 40 * i as i64))
                        .collect(),
                },
            ],
        }
    }

    /// The decompressed content streams of every page.
    fn drawing(doc: &lopdf::Document) -> String {
        doc.get_pages()
            .values()
            .map(|id| String::from_utf8_lossy(&doc.get_page_content(*id)).into_owned())
            .collect()
    }

    #[test]
    fn charts_are_drawn_with_their_labels() {
        for kind in [ChartKind::Line, ChartKind::Bar] {
            let letter = Letter {
                title: "Bulletin".to_owned(),
                blocks: vec![
                    Block::Heading("Bülleten".to_owned()),
                    Block::Chart(chart(kind, 30)),
                    Block::Paragraph("after the chart".to_owned()),
                ],
            };
            let doc = load(&render(&letter).expect("renders"));
            let text = all_text(&doc);
            for expected in [
                "Gündəlik girişlər",
                "Girişlər",
                "Xalis",
                "2026-11-01",
                "after the chart",
            ] {
                assert!(
                    text.contains(expected),
                    "{kind:?}: {expected:?} missing from {text:?}"
                );
            }
            // Axis labels are written short; the scale covers the largest value (2 073).
            assert!(
                text.contains("2.5k") || text.contains("3k"),
                "{kind:?}: {text:?}"
            );
            let ops = drawing(&doc);
            match kind {
                // Polylines (the gap splits the second series in two) and the grid.
                ChartKind::Line => {
                    assert!(
                        ops.matches(" l\n").count() + ops.matches(" l ").count() > 30,
                        "{ops}"
                    );
                    assert!(
                        ops.contains(" d") || ops.contains("] 0 d"),
                        "a dashed line: {ops}"
                    );
                }
                // One filled rectangle per value, and the legend's swatches.
                ChartKind::Bar => assert!(ops.matches("\nf\n").count() >= 59 + 2, "{ops}"),
            }
        }
    }

    #[test]
    fn a_chart_near_the_page_end_moves_to_the_next_page() {
        // Twenty short paragraphs leave room for the chart; twenty-six do not.
        for (paragraphs, pages_expected) in [(20, 1), (26, 2)] {
            let mut blocks: Vec<Block> = (0..paragraphs)
                .map(|i| Block::Paragraph(format!("line {i}")))
                .collect();
            blocks.push(Block::Chart(chart(ChartKind::Line, 12)));
            let letter = Letter {
                title: String::new(),
                blocks,
            };
            let pages = metrics_test(|m| layout(&letter, m));
            assert_eq!(pages.len(), pages_expected, "{paragraphs} paragraphs");
            let last = pages.last().expect("a page");
            assert!(
                last.iter().any(|m| matches!(m, Mark::Shape(_))),
                "the chart is on the last page"
            );
            if pages_expected == 2 {
                assert!(
                    !pages[0].iter().any(|m| matches!(m, Mark::Shape(_))),
                    "the chart is kept whole"
                );
            }
        }
    }

    #[test]
    fn an_empty_chart_still_renders() {
        let letter = Letter {
            title: String::new(),
            blocks: vec![Block::Chart(Chart {
                title: "nothing".to_owned(),
                kind: ChartKind::Bar,
                labels: Vec::new(),
                series: Vec::new(),
            })],
        };
        let doc = load(&render(&letter).expect("renders"));
        assert!(all_text(&doc).contains("nothing"));
    }

    #[test]
    fn an_empty_letter_is_one_blank_page() {
        let doc = load(&render(&Letter::default()).expect("renders"));
        assert_eq!(doc.get_pages().len(), 1);
    }

    #[test]
    fn untidy_text_is_cleaned() {
        let letter = Letter {
            title: "a\u{0}b\u{7}".to_owned(),
            blocks: vec![
                Block::Heading("\u{1b}[31mQərar\u{200B}\u{FEFF}".to_owned()),
                Block::Paragraph("line\u{0}one\r\nline\ttwo\u{00AD}\r\u{10FFFF}".to_owned()),
                Block::Field(String::new(), String::new()),
                Block::Paragraph(String::new()),
                Block::Paragraph("1\u{00A0}000 AZN, 2 000 AZN".to_owned()),
                Block::Space,
            ],
        };
        let text = all_text(&load(&render(&letter).expect("renders")));
        assert!(text.contains("[31mQərar"), "{text:?}");
        assert!(text.contains("lineone"), "{text:?}");
        assert!(text.contains("line two"), "{text:?}");
        assert!(text.contains("000 AZN, 2 000 AZN"), "{text:?}");
        assert!(!text.contains('\u{0}'));
        metrics_test(|m| {
            assert_eq!(
                m.clean("a\u{0}\u{1b}b\u{200B}c\u{10FFFF}", false),
                "abc\u{FFFD}"
            );
            assert_eq!(m.clean("x\r\ny\rz\u{2028}", true), "x\ny\nz\n");
            assert_eq!(m.clean("x\r\ny\tz", false), "x y z");
            assert_eq!(m.clean("1\u{00A0}000", false), "1\u{00A0}000");
        });
    }

    #[test]
    fn wrapped_lines_fit_the_width() {
        metrics_test(|m| {
            let text = m.clean(
                &"Məmmədov Elçin Мамедов Эльчин Щеглова ğışçöü ".repeat(40),
                true,
            );
            let lines = m.wrap(&text, BODY_SIZE, CONTENT_WIDTH);
            assert!(lines.len() > 5);
            for line in &lines {
                assert!(
                    m.width(line, BODY_SIZE) <= CONTENT_WIDTH + EPSILON,
                    "{line:?}"
                );
                assert!(!line.starts_with(' ') && !line.ends_with(' '), "{line:?}");
            }
            // Nothing but the breaking spaces is lost.
            assert_eq!(lines.join(" "), text.trim_end());

            // A line narrower than any glyph still advances one character at a time.
            assert_eq!(m.wrap("abc", BODY_SIZE, 0.0), ["a", "b", "c"]);
            assert_eq!(
                m.wrap("one\n\ntwo", BODY_SIZE, CONTENT_WIDTH),
                ["one", "", "two"]
            );
        });
    }

    #[test]
    fn lines_stay_inside_the_margins() {
        let mut letter = sample();
        for i in 0..200 {
            letter.blocks.push(Block::Heading(format!("Bölmə {i}")));
            letter.blocks.push(Block::Paragraph("söz ".repeat(i)));
            letter
                .blocks
                .push(Block::Field("Qərar".repeat(i % 7), "Təsdiq".repeat(i % 13)));
            if i % 20 == 0 {
                let kind = if i % 40 == 0 {
                    ChartKind::Line
                } else {
                    ChartKind::Bar
                };
                letter.blocks.push(Block::Chart(chart(kind, 5 + i / 4)));
            }
        }
        metrics_test(|m| {
            let pages = layout(&letter, m);
            assert!(pages.len() > 3);
            for mark in pages.iter().flatten() {
                let run = match mark {
                    Mark::Text(run) => run,
                    Mark::Shape(Shape::Rect { x, y, w, h, .. }) => {
                        assert!(*x >= MARGIN - EPSILON && x + w <= PAGE_WIDTH - MARGIN + EPSILON);
                        assert!(*y >= MARGIN - EPSILON && y + h <= CONTENT_BOTTOM + EPSILON);
                        continue;
                    }
                    Mark::Shape(Shape::Polyline { points, .. }) => {
                        for (x, y) in points {
                            assert!(*x >= MARGIN - EPSILON && *x <= PAGE_WIDTH - MARGIN + EPSILON);
                            assert!(*y >= MARGIN - EPSILON && *y <= CONTENT_BOTTOM + EPSILON);
                        }
                        continue;
                    }
                };
                let size = run.style.size();
                assert!(run.x >= MARGIN - EPSILON);
                assert!(run.x + m.width(&run.text, size) <= PAGE_WIDTH - MARGIN + EPSILON);
                assert!(run.baseline - size >= MARGIN - EPSILON, "{run:?}");
                assert!(run.baseline <= CONTENT_BOTTOM + EPSILON, "{run:?}");
            }
        });
    }
}
