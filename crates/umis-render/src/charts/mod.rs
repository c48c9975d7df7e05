//! Charts drawn on the server as inline SVG: lines (with shaded intervals), horizontal bars and
//! stacked columns. Colours are presentation attributes (the content security policy forbids
//! inline styles); every chart carries a title for screen readers, and every page shows the
//! chart's data as a table beside it.

/// What a chart says besides its data, in the reader's language.
#[derive(Debug)]
pub struct Words {
    /// Shown for a suppressed value (`<5`).
    pub suppressed: String,
    /// Shown instead of a plot with no value to draw.
    pub empty: String,
    /// Marks periods that are not over yet.
    pub partial: String,
}

impl Words {
    /// The words for cells suppressed below `suppress_below`, with the reader's `empty` and
    /// `partial` texts.
    pub fn new(empty: String, partial: String, suppress_below: i64) -> Self {
        Words {
            suppressed: format!("<{suppress_below}"),
            empty,
            partial,
        }
    }
}

/// Average advance of one character at the charts' font size (11 px), for fitting labels.
const CHAR_W: f64 = 6.2;

/// A colour-blind-safe palette.
pub const PALETTE: [&str; 8] = [
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6d1f", "#7f7f7f",
];

const W: f64 = 720.0;
const H: f64 = 280.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 48.0;

/// One line of a line chart.
#[derive(Debug)]
pub struct Line {
    /// Legend label.
    pub label: String,
    /// One value per x position (`None`: a gap).
    pub values: Vec<Option<f64>>,
    /// Colour.
    pub color: &'static str,
    /// Drawn dashed (forecasts).
    pub dashed: bool,
}

/// A shaded band between two bounds (prediction intervals).
#[derive(Debug)]
pub struct Band {
    /// Legend label.
    pub label: String,
    /// Lower bound per x position.
    pub lo: Vec<Option<f64>>,
    /// Upper bound per x position.
    pub hi: Vec<Option<f64>>,
    /// Colour.
    pub color: &'static str,
    /// Fill opacity.
    pub opacity: f64,
}

mod bars;
mod line;
mod line_paths;
mod scale;
mod svg;

pub use bars::{bar_chart, stacked_chart};
pub use line::line_chart;
pub use scale::compact;

use scale::{all_whole, nice_max, nice_scale};
use svg::*;

#[cfg(test)]
mod tests;
