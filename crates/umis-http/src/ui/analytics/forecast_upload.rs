//! Forecasting a series pasted or uploaded as CSV.

use super::forecast_chart::forecast_chart;
use super::forecast_errors::forecast_error;
use super::*;

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
