//! Tests of the SVG charts: scales, escaping, suppressed and missing values, label fitting.

use super::*;

fn words() -> Words {
    Words {
        suppressed: "<5".into(),
        empty: "Nothing to draw".into(),
        partial: "partial".into(),
    }
}

#[test]
fn axes_round_up_and_labels_are_compact() {
    assert_eq!(nice_max(0.0), (1.0, 0.25));
    assert_eq!(nice_max(93.0), (100.0, 25.0));
    assert_eq!(nice_max(1234.0), (1500.0, 500.0));
    // Counts get whole steps; fractions are written as they are, not rounded to one digit.
    assert_eq!(nice_scale(1.0, true), (1.0, 1.0));
    assert_eq!(nice_scale(3.0, true), (3.0, 1.0));
    assert_eq!(compact(0.25), "0.25");
    assert_eq!(compact(0.75), "0.75");
    assert_eq!(compact(1200.0), "1.2k");
    assert_eq!(compact(45_000.0), "45k");
    assert_eq!(compact(3_400_000.0), "3.4M");
    assert_eq!(compact(7.0), "7");
}

fn line(values: Vec<Option<f64>>) -> Line {
    Line {
        label: "entries".into(),
        values,
        color: PALETTE[0],
        dashed: false,
    }
}

#[test]
fn charts_escape_text_and_draw_every_value() {
    let labels = vec!["2026-01".to_owned(), "<b>".to_owned()];
    let svg = line_chart(
        "Entries & exits",
        &labels,
        &[line(vec![Some(10.0), Some(20.0)])],
        &[],
        Some(1),
        &words(),
        None,
    );
    assert!(svg.contains("<title>Entries &amp; exits</title>"));
    assert!(svg.contains("&lt;b&gt;"));
    assert!(!svg.contains("<b>"));
    assert_eq!(svg.matches("<path").count(), 1);
    let bars = bar_chart(
        "Top",
        &["AZE".into(), "RUS".into()],
        &[Some(5.0), None],
        &words(),
    );
    assert_eq!(bars.matches("<rect").count(), 1);
    let stacked = stacked_chart(
        "Modes",
        &labels,
        &[
            ("air".into(), vec![Some(1.0), Some(2.0)]),
            ("land".into(), vec![Some(3.0), Some(0.0)]),
        ],
        &words(),
        None,
    );
    // Three segments and two legend swatches.
    assert_eq!(stacked.matches("<rect").count(), 5);
}

#[test]
fn suppressed_values_are_written_not_drawn_as_zero() {
    let bars = bar_chart("Top", &["AZE".into()], &[None], &words());
    assert!(bars.contains("data-suppressed=\"true\">&lt;5</text>"));
    assert_eq!(bars.matches("<rect").count(), 0);
    let labels = vec!["2026-01".to_owned(), "2026-02".to_owned()];
    let stacked = stacked_chart(
        "Modes",
        &labels,
        &[
            ("air".into(), vec![Some(10.0), Some(12.0)]),
            ("sea".into(), vec![None, Some(6.0)]),
        ],
        &words(),
        None,
    );
    assert_eq!(stacked.matches("data-suppressed").count(), 1);
    // Three segments, no zero-height bar for the suppressed one.
    assert_eq!(stacked.matches("<rect").count(), 3 + 2);
    // A chart whose every value is suppressed says so, with no axis.
    let svg = line_chart(
        "Daily entries",
        &labels,
        &[line(vec![None, None])],
        &[],
        None,
        &words(),
        None,
    );
    assert!(svg.contains("Nothing to draw"));
    assert!(!svg.contains("<line"));
}

#[test]
fn labels_fit_and_lone_values_and_partial_periods_show() {
    let long = "Permanent residence permit".to_owned();
    let bars = bar_chart("Types", std::slice::from_ref(&long), &[Some(9.0)], &words());
    assert!(bars.contains(&format!("<title>{long}</title>{long}</text>")));
    let longer = "A".repeat(80);
    let bars = bar_chart(
        "Types",
        std::slice::from_ref(&longer),
        &[Some(9.0)],
        &words(),
    );
    assert!(bars.contains('…') && bars.contains(&format!("<title>{longer}</title>")));
    // Thirty-one daily labels of ten characters: thinned so that none overlap.
    let days: Vec<String> = (1..=31).map(|d| format!("2026-11-{d:02}")).collect();
    let svg = line_chart(
        "Daily",
        &days,
        &[line(vec![Some(3.0); 31])],
        &[],
        None,
        &words(),
        Some(30),
    );
    let shown = days
        .iter()
        .filter(|d| svg.contains(&format!(">{d}<")))
        .count();
    assert!((4..=9).contains(&shown), "{shown} labels");
    assert!(svg.contains("data-partial=\"true\""));
    // A value between two gaps is a dot.
    let svg = line_chart(
        "Gaps",
        &labels_of(3),
        &[line(vec![None, Some(4.0), None])],
        &[],
        None,
        &words(),
        None,
    );
    assert_eq!(svg.matches("<circle").count(), 1);
}

fn labels_of(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("p{i}")).collect()
}
