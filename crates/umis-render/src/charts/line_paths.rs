//! The paths of a line chart: a shaded band between two bounds, and one line with its gaps.

use super::*;
use std::fmt::Write;

/// Draws a band between its bounds where both are known.
pub(super) fn band(out: &mut String, b: &Band, x: &dyn Fn(usize) -> f64, y: &dyn Fn(f64) -> f64) {
    let pts: Vec<(usize, f64, f64)> =
        b.lo.iter()
            .zip(&b.hi)
            .enumerate()
            .filter_map(|(i, (l, h))| Some((i, (*l)?, (*h)?)))
            .collect();
    if pts.is_empty() {
        return;
    }
    let mut d = String::new();
    for (k, (i, _, h)) in pts.iter().enumerate() {
        let _ = write!(
            d,
            "{}{:.1},{:.1} ",
            if k == 0 { "M" } else { "L" },
            x(*i),
            y(*h)
        );
    }
    for (i, l, _) in pts.iter().rev() {
        let _ = write!(d, "L{:.1},{:.1} ", x(*i), y(*l));
    }
    let _ = write!(
        out,
        "<path d=\"{}Z\" fill=\"{}\" fill-opacity=\"{}\" stroke=\"none\"/>",
        d, b.color, b.opacity
    );
}

/// Draws one line: a gap where a value is missing, a dot for a value alone between gaps.
pub(super) fn line_path(
    out: &mut String,
    l: &Line,
    x: &dyn Fn(usize) -> f64,
    y: &dyn Fn(f64) -> f64,
) {
    let mut d = String::new();
    let mut pen = false;
    for (i, v) in l.values.iter().enumerate() {
        match v {
            Some(v) if v.is_finite() => {
                let _ = write!(
                    d,
                    "{}{:.1},{:.1} ",
                    if pen { "L" } else { "M" },
                    x(i),
                    y(*v)
                );
                pen = true;
            }
            _ => pen = false,
        }
    }
    let dash = if l.dashed {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{dash}/>",
        l.color
    );
    // A value alone between gaps is a dot (a path of one point draws nothing).
    let has = |i: Option<usize>| {
        i.and_then(|i| l.values.get(i))
            .is_some_and(|v| v.is_some_and(f64::is_finite))
    };
    for (i, v) in l.values.iter().enumerate() {
        if let Some(v) = v.filter(|v| v.is_finite())
            && !has(i.checked_sub(1))
            && !has(Some(i + 1))
        {
            let _ = write!(
                out,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{}\"/>",
                x(i),
                y(v),
                l.color
            );
        }
    }
}
