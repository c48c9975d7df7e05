//! The synthetic benchmark: the automatic forecaster must beat seasonal naive.

use umis_forecast::{Frequency, run_suite, synthetic_suite};

#[test]
fn suite_has_the_promised_shape() {
    let suite = synthetic_suite();
    assert_eq!(suite.len(), 8);
    for (name, series) in &suite {
        assert!(
            (72..=200).contains(&series.len()),
            "{name}: {}",
            series.len()
        );
    }
    let frequencies: Vec<Frequency> = suite.iter().map(|(_, s)| s.frequency).collect();
    for f in [
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Monthly,
        Frequency::Quarterly,
    ] {
        assert!(frequencies.contains(&f), "no {f} series");
    }
    assert_eq!(synthetic_suite(), suite, "the suite is deterministic");
}

#[test]
fn forecaster_beats_seasonal_naive_on_the_suite() -> Result<(), Box<dyn std::error::Error>> {
    let rows = run_suite()?;
    let mut ours = 0.0;
    let mut naive = 0.0;
    for row in &rows {
        println!(
            "{:<24} n={:<4} m={:<3} {:<15} mase {:.3} vs seasonal naive {:.3} (ratio {:.2}); smape {:.2} vs {:.2}",
            row.name,
            row.length,
            row.season,
            row.model,
            row.mase,
            row.seasonal_naive_mase,
            row.mase / row.seasonal_naive_mase,
            row.smape,
            row.seasonal_naive_smape
        );
        ours += row.mase;
        naive += row.seasonal_naive_mase;
    }
    let n = rows.len() as f64;
    println!(
        "mean MASE {:.3} vs seasonal naive {:.3}",
        ours / n,
        naive / n
    );
    assert!(
        ours < naive,
        "mean MASE {} is not below seasonal naive's {}",
        ours / n,
        naive / n
    );
    for row in &rows {
        assert!(
            row.mase <= 1.15 * row.seasonal_naive_mase,
            "{}: MASE {} is far worse than seasonal naive's {}",
            row.name,
            row.mase,
            row.seasonal_naive_mase
        );
    }
    Ok(())
}
