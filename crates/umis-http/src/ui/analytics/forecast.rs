//! Forecasts on screen: a system series or an uploaded one, with its chart, intervals and backtest.

use super::*;

#[derive(Template)]
#[template(path = "analytics_forecast.html")]
pub(super) struct ForecastPage {
    page: Page,
    series: String,
    series_list: Vec<(&'static str, String)>,
    nationality: String,
    app_type: String,
    horizon: String,
    csv: String,
    chart: Option<ChartBox>,
    result: Option<Forecast>,
    error: Option<String>,
}

impl ForecastPage {
    /// A model's name for people.
    fn model_name(&self, model: &str) -> String {
        self.page
            .tr
            .try_t(format!("forecast-model-{}", model.replace('_', "-")))
            .unwrap_or_else(|| model.to_owned())
    }

    fn f3(&self, v: &f64) -> String {
        format!("{v:.3}")
    }
    fn f1(&self, v: &f64) -> String {
        format!("{v:.1}")
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ForecastQuery {
    #[serde(default)]
    series: Option<String>,
    #[serde(default)]
    nationality: Option<String>,
    #[serde(default)]
    app_type: Option<String>,
    #[serde(default)]
    horizon: Option<String>,
}

/// An uploaded series.
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct UploadForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    csv: String,
    #[serde(default)]
    horizon: String,
    #[serde(default)]
    season: String,
}

csrf_form!(UploadForm);

pub(super) fn forecast_chart(tr: &Tr, title: String, series: &Series, f: &Forecast) -> ChartBox {
    let h = series.len();
    let mut labels: Vec<String> = series.periods.iter().map(ToString::to_string).collect();
    labels.extend(f.forecast.iter().map(|p| p.period.clone()));
    let n = labels.len();
    let mut hist: Vec<Option<f64>> = series.values.iter().map(|v| Some(*v)).collect();
    hist.resize(n, None);
    // The forecast line starts at the last observed value so the two join.
    let mut fc: Vec<Option<f64>> = vec![None; n];
    if h > 0 {
        fc[h - 1] = series.values.last().copied();
    }
    let mut lo80 = vec![None; n];
    let mut hi80 = vec![None; n];
    let mut lo95 = vec![None; n];
    let mut hi95 = vec![None; n];
    for (i, p) in f.forecast.iter().enumerate() {
        fc[h + i] = Some(p.value);
        lo80[h + i] = Some(p.lo80);
        hi80[h + i] = Some(p.hi80);
        lo95[h + i] = Some(p.lo95);
        hi95[h + i] = Some(p.hi95);
    }
    let shown: Vec<String> = labels.iter().map(|p| tr.period(p)).collect();
    let svg = charts::line_chart(
        &title,
        &shown,
        &[
            Line {
                label: tr.t("forecast-history"),
                values: hist,
                color: PALETTE[0],
                dashed: false,
            },
            Line {
                label: tr.t("forecast-point"),
                values: fc,
                color: PALETTE[5],
                dashed: true,
            },
        ],
        &[
            Band {
                label: tr.t("forecast-pi95"),
                lo: lo95,
                hi: hi95,
                color: PALETTE[5],
                opacity: 0.15,
            },
            Band {
                label: tr.t("forecast-pi80"),
                lo: lo80,
                hi: hi80,
                color: PALETTE[5],
                opacity: 0.3,
            },
        ],
        None,
        &charts::Words::new(tr, 0),
        None,
    );
    let mut rows: Vec<Vec<String>> = series
        .periods
        .iter()
        .zip(&series.values)
        .map(|(p, v)| {
            vec![
                p.to_string(),
                fnum(tr, *v),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    rows.extend(f.forecast.iter().map(|p| {
        vec![
            p.period.clone(),
            String::new(),
            fnum(tr, p.value),
            fnum(tr, p.lo80),
            fnum(tr, p.hi80),
            fnum(tr, p.lo95),
            fnum(tr, p.hi95),
        ]
    }));
    ChartBox {
        id: "forecast-chart".into(),
        title,
        svg,
        table: DataTable {
            columns: vec![
                tr.t("stats-period"),
                tr.t("forecast-history"),
                tr.t("forecast-point"),
                "lo80".into(),
                "hi80".into(),
                "lo95".into(),
                "hi95".into(),
            ],
            rows,
        },
        csv_url: None,
    }
}

pub(super) fn series_list(tr: &Tr) -> Vec<(&'static str, String)> {
    umis_service::SYSTEM_SERIES
        .iter()
        .map(|s| (*s, tr.t(format!("forecast-series-{}", s.replace('_', "-")))))
        .collect()
}

pub(super) fn forecast_error(tr: &Tr, e: &ServiceError) -> Option<String> {
    match e {
        // A bad series: the translated reason, and the detail naming the row or period
        // (never a person).
        ServiceError::Validation {
            field: "series",
            code,
            message,
        } => {
            let text = tr
                .try_t(format!("forecast-error-{}", code.replace('_', "-")))
                .unwrap_or_else(|| tr.t("forecast-error-general"));
            Some(format!("{text} ({message})"))
        }
        ServiceError::Validation {
            code: "horizon_too_long",
            ..
        } => Some(tr.t("forecast-error-horizon-too-long")),
        ServiceError::TooLarge { .. } => Some(tr.t("forecast-error-series-too-long")),
        ServiceError::Busy { .. } => Some(tr.t("error-busy")),
        ServiceError::Unavailable { .. } => Some(tr.t("error-out-of-time")),
        // A bad filter (nationality, months…): the statistics' own messages.
        ServiceError::Validation { field, code, .. } => {
            Some(format!("{} ({field})", tr.t(stats_error_key(code))))
        }
        _ => None,
    }
}

/// The forecast page for a series the system holds.
pub(crate) async fn forecast(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<ForecastQuery>,
) -> Result<Response, UiError> {
    let s = &state.services;
    s.authorize(&cu.ctx, Permission::ReadStats, "stats.forecast")
        .await?;
    let tr = cu.tr;
    let series_name = q
        .series
        .clone()
        .filter(|x| !x.is_empty())
        .unwrap_or_else(|| "entries".into());
    let trim = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let horizon_text = trim(&q.horizon).unwrap_or_else(|| "12".into());
    let page = Page::for_user(&cu, "analytics", "nav-forecast", "/analytics/forecast");
    let mut view = ForecastPage {
        page,
        series: series_name.clone(),
        series_list: series_list(&tr),
        nationality: trim(&q.nationality).unwrap_or_default(),
        app_type: trim(&q.app_type).unwrap_or_default(),
        horizon: horizon_text.clone(),
        csv: String::new(),
        chart: None,
        result: None,
        error: None,
    };
    let Some(horizon) = horizon_text.parse::<usize>().ok() else {
        view.error = Some(tr.t("forecast-error-bad-horizon"));
        return render_status(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let outcome = async {
        let series = s
            .system_series(
                &cu.ctx,
                &SystemSeriesQuery {
                    series: series_name.clone(),
                    nationality: trim(&q.nationality),
                    bcp: None,
                    app_type: trim(&q.app_type),
                    months: None,
                },
            )
            .await?;
        let f = s
            .forecast_series(
                &cu.ctx,
                series.clone(),
                ForecastOptions {
                    horizon,
                    season: None,
                    non_negative: true,
                },
            )
            .await?;
        Ok::<_, ServiceError>((series, f))
    }
    .await;
    match outcome {
        Ok((series, f)) => {
            let title = view
                .series_list
                .iter()
                .find(|(k, _)| *k == series_name)
                .map_or_else(|| series_name.clone(), |(_, l)| l.clone());
            view.chart = Some(forecast_chart(&tr, title, &series, &f));
            view.result = Some(f);
            render(&view)
        }
        Err(e) => match forecast_error(&tr, &e) {
            Some(msg) => {
                view.error = Some(msg);
                render_status(&view, StatusCode::UNPROCESSABLE_ENTITY)
            }
            None => Err(e.into()),
        },
    }
}

/// Forecasts a series pasted or uploaded as CSV (`period,value`).
pub(crate) async fn forecast_upload(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<UploadForm>,
) -> Result<Response, UiError> {
    let tr = cu.tr;
    let page = Page::for_user(&cu, "analytics", "nav-forecast", "/analytics/forecast");
    let mut view = ForecastPage {
        page,
        series: "upload".into(),
        series_list: series_list(&tr),
        nationality: String::new(),
        app_type: String::new(),
        horizon: form.horizon.trim().to_owned(),
        csv: form.csv.clone(),
        chart: None,
        result: None,
        error: None,
    };
    let Ok(horizon) = form.horizon.trim().parse::<usize>() else {
        view.error = Some(tr.t("forecast-error-bad-horizon"));
        return render_status(&view, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let season = match form.season.trim() {
        "" => None,
        s => match s.parse::<usize>() {
            Ok(n) => Some(n),
            Err(_) => {
                view.error = Some(tr.t("forecast-error-bad-season"));
                return render_status(&view, StatusCode::UNPROCESSABLE_ENTITY);
            }
        },
    };
    let series = match Series::parse_csv(&form.csv) {
        Ok(s) => s,
        Err(e) => {
            let err = ServiceError::invalid("series", e.code(), e.to_string());
            view.error = forecast_error(&tr, &err);
            return render_status(&view, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    match state
        .services
        .forecast_series(
            &cu.ctx,
            series.clone(),
            ForecastOptions {
                horizon,
                season,
                non_negative: true,
            },
        )
        .await
    {
        Ok(f) => {
            view.chart = Some(forecast_chart(&tr, tr.t("forecast-uploaded"), &series, &f));
            view.result = Some(f);
            render(&view)
        }
        Err(e) => match forecast_error(&tr, &e) {
            Some(msg) => {
                view.error = Some(msg);
                render_status(&view, StatusCode::UNPROCESSABLE_ENTITY)
            }
            None => Err(e.into()),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Anomalies
