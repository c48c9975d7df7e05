//! Tests of the PDF renderer: layout, wrapping, charts and extractable text.

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
        suppressed: "<5".into(),
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
            suppressed: "<5".into(),
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

#[test]
fn every_bar_is_labelled_and_a_suppressed_bar_says_so() {
    let names = [
        "Temporary residence permit",
        "Permanent residence permit",
        "Immigrant status",
        "Extension of temporary stay",
        "Work permit",
        "Citizenship",
        "Refugee status",
    ];
    let letter = Letter {
        title: String::new(),
        blocks: vec![Block::Chart(Chart {
            suppressed: "<5".into(),
            title: "Applications".to_owned(),
            kind: ChartKind::Bar,
            labels: names.iter().map(|n| (*n).to_owned()).collect(),
            series: vec![Series {
                label: "Received".to_owned(),
                color: (0, 0x72, 0xb2),
                dashed: false,
                values: (0..7)
                    .map(|i| (i != 5).then_some(40 + 9 * i as i64))
                    .collect(),
            }],
        })],
    };
    let text = all_text(&load(&render(&letter).expect("renders")));
    for word in [
        "Temporary",
        "Permanent",
        "Immigrant",
        "Extension",
        "Work",
        "Refugee",
    ] {
        assert!(text.contains(word), "{word} is not labelled: {text:?}");
    }
    assert!(text.contains("<5"), "{text:?}");
}
