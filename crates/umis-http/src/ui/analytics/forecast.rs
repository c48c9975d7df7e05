//! Forecasts on screen: a system series or an uploaded one, with its chart, intervals and backtest.

use super::forecast_chart::forecast_chart;
use super::forecast_errors::forecast_error;
use super::*;

#[derive(Template)]
#[template(path = "analytics_forecast.html")]
pub(super) struct ForecastPage {
    pub(super) page: Page,
    pub(super) series: String,
    pub(super) series_list: Vec<(&'static str, String)>,
    pub(super) nationality: String,
    pub(super) app_type: String,
    pub(super) horizon: String,
    pub(super) csv: String,
    pub(super) chart: Option<ChartBox>,
    pub(super) result: Option<Forecast>,
    pub(super) error: Option<String>,
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

pub(super) fn series_list(tr: &Tr) -> Vec<(&'static str, String)> {
    umis_service::SYSTEM_SERIES
        .iter()
        .map(|s| (*s, tr.t(format!("forecast-series-{}", s.replace('_', "-")))))
        .collect()
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
