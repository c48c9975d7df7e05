//! Why a forecast could not be made, in the reader's language.

use super::*;

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
