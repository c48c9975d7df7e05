//! `umis forecast` (a series from a CSV file) and `umis bench forecast` (the evaluation suite).

use anyhow::Context;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use umis_service::umis_forecast::{self, ForecastOptions, Series};

/// Reads `input` (`-`: standard input), forecasts it and prints the result.
pub fn forecast_command(
    input: &Path,
    horizon: usize,
    season: Option<usize>,
    json: bool,
    allow_negative: bool,
) -> anyhow::Result<ExitCode> {
    let text = if input == Path::new("-") {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading standard input")?;
        s
    } else {
        std::fs::read_to_string(input).with_context(|| format!("reading {}", input.display()))?
    };
    let series = Series::parse_csv(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e} [{}]", input.display(), e.code()))?;
    let f = umis_forecast::forecast(
        &series,
        &ForecastOptions {
            horizon,
            season,
            non_negative: !allow_negative,
        },
    )
    .map_err(|e| anyhow::anyhow!("{}: {e} [{}]", input.display(), e.code()))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&f)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "model {} (season {}), backtest over {} origins: MASE {:.3} (seasonal naive {:.3}), sMAPE {:.1} (seasonal naive {:.1})",
        f.model,
        f.season,
        f.backtest.origins,
        f.backtest.mase,
        f.backtest.seasonal_naive_mase,
        f.backtest.smape,
        f.backtest.seasonal_naive_smape
    );
    println!(
        "{:<12} {:>12} {:>12} {:>12} {:>12} {:>12}",
        "period", "value", "lo80", "hi80", "lo95", "hi95"
    );
    for p in &f.forecast {
        println!(
            "{:<12} {:>12.1} {:>12.1} {:>12.1} {:>12.1} {:>12.1}",
            p.period, p.value, p.lo80, p.hi80, p.lo95, p.hi95
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the evaluation suite and prints MASE/sMAPE per series beside seasonal naive.
pub fn bench_forecast(json: bool) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let rows = umis_forecast::run_suite().map_err(|e| anyhow::anyhow!("suite: {e}"))?;
    let n = rows.len().max(1) as f64;
    let mean = |f: fn(&umis_forecast::SuiteRow) -> f64| rows.iter().map(f).sum::<f64>() / n;
    let (mase, naive_mase) = (mean(|r| r.mase), mean(|r| r.seasonal_naive_mase));
    let (smape, naive_smape) = (mean(|r| r.smape), mean(|r| r.seasonal_naive_smape));
    let worst = rows
        .iter()
        .map(|r| r.mase / r.seasonal_naive_mase.max(f64::MIN_POSITIVE))
        .fold(0.0_f64, f64::max);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "series": rows,
                "mean_mase": mase,
                "mean_seasonal_naive_mase": naive_mase,
                "mean_smape": smape,
                "mean_seasonal_naive_smape": naive_smape,
                "worst_mase_ratio": worst,
                "seconds": started.elapsed().as_secs_f64(),
            }))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "| series | length | season | model | MASE | seasonal naive MASE | sMAPE | seasonal naive sMAPE |"
    );
    println!("|---|---:|---:|---|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {:.3} | {:.3} | {:.2} | {:.2} |",
            r.name,
            r.length,
            r.season,
            r.model,
            r.mase,
            r.seasonal_naive_mase,
            r.smape,
            r.seasonal_naive_smape
        );
    }
    println!(
        "| **mean** | | | | **{mase:.3}** | **{naive_mase:.3}** | **{smape:.2}** | **{naive_smape:.2}** |"
    );
    println!(
        "\nworst MASE ratio to seasonal naive: {worst:.2}; {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
