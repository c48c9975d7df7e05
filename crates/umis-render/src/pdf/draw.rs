//! Drawing on a page: the marks a layout produces (text runs and shapes) and their styles.

use super::*;

/// Draws a filled rectangle or a stroked polyline.
pub(super) fn draw_shape(surface: &mut krilla::surface::Surface<'_>, shape: &Shape) {
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
pub(super) enum Style {
    Heading,
    Body,
    Label,
    /// Axis labels and legends of charts.
    Small,
}

impl Style {
    pub(super) fn size(self) -> f32 {
        match self {
            Style::Heading => HEADING_SIZE,
            Style::Body | Style::Label => BODY_SIZE,
            Style::Small => SMALL_SIZE,
        }
    }

    pub(super) fn line_height(self) -> f32 {
        self.size() * LEADING
    }

    pub(super) fn color(self) -> rgb::Color {
        match self {
            Style::Heading | Style::Body => rgb::Color::new(0, 0, 0),
            Style::Label | Style::Small => rgb::Color::new(0x55, 0x55, 0x55),
        }
    }
}

/// Something placed on a page: a run of text or a shape of a chart.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Mark {
    Text(Run),
    Shape(Shape),
}

/// A shape of a chart, in page coordinates (y counts down from the top edge).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Shape {
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
