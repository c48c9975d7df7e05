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

mod chart;
mod chart_parts;
mod draw;
mod layout;
mod metrics;
mod text;

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

use chart::*;
use chart_parts::*;
use draw::*;
use layout::*;
use metrics::*;

/// DejaVu Sans (see `assets/fonts/LICENSE-DejaVu.txt`).
const FONT_DATA: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");

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
    /// Written where a bar's value is suppressed (`<5`), in place of the bar.
    pub suppressed: String,
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

#[cfg(test)]
mod tests;
