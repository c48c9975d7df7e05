//! The offices: their list with crossing points and regions, and the form that saves one.

use super::DoneQuery;
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::ui::{Page, render};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_service::{Office, ServiceError};

#[derive(Template)]
#[template(path = "admin_offices.html")]
struct OfficesPage {
    page: Page,
    offices: Vec<Office>,
    /// Crossing points of the offices that list some.
    points: std::collections::BTreeMap<String, Vec<String>>,
    /// Regions of the offices that list some.
    regions: std::collections::BTreeMap<String, Vec<String>>,
    form: OfficeForm,
    errors: Vec<(&'static str, &'static str)>,
    notice_key: Option<&'static str>,
}

impl OfficesPage {
    /// The crossing points an office answers for, as shown (its own code when none listed).
    fn crossing_points(&self, code: &str) -> String {
        self.points
            .get(code)
            .map_or_else(|| code.to_owned(), |p| p.join(", "))
    }

    /// The regions an office answers for, as shown (a dash when none listed).
    fn regions(&self, code: &str) -> String {
        self.regions
            .get(code)
            .map_or_else(|| "—".to_owned(), |r| r.join("; "))
    }

    fn error(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, k)| *k)
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct OfficeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    national: Option<String>,
    /// Comma-separated crossing point codes.
    #[serde(default)]
    crossing_points: String,
    /// Region names separated by semicolons.
    #[serde(default)]
    regions: String,
}

csrf_form!(OfficeForm);

pub(crate) async fn offices(
    State(state): State<AppState>,
    cu: CurrentUser,
    Query(q): Query<DoneQuery>,
) -> Result<Response, UiError> {
    // Offices are organisation data, but only administrators manage them.
    state
        .services
        .authorize(&cu.ctx, umis_domain::Permission::ManageUsers, "office.list")
        .await?;
    render(&OfficesPage {
        page: Page::for_user(&cu, "offices", "nav-offices", "/admin/offices"),
        offices: state.services.list_offices().await?,
        points: state.services.office_crossing_points().await?,
        regions: state.services.office_regions().await?,
        form: OfficeForm::default(),
        errors: Vec::new(),
        notice_key: (q.done.as_deref() == Some("saved")).then_some("offices-saved"),
    })
}

pub(crate) async fn save_office(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<OfficeForm>,
) -> Result<Response, UiError> {
    let office = Office {
        code: form.code.trim().to_owned(),
        name: form.name.trim().to_owned(),
        national: form.national.is_some(),
    };
    let bcps: Vec<String> = form
        .crossing_points
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(str::to_owned)
        .collect();
    let regions: Vec<String> = form.regions.split([';', '\n']).map(str::to_owned).collect();
    let saved = state
        .services
        .save_office(&cu.ctx, office, Some(&bcps), Some(&regions))
        .await
        .map(|_| ());
    let error = match saved {
        Ok(()) => {
            return Ok(crate::ui::redirect::see_other("/admin/offices?done=saved").into_response());
        }
        Err(ServiceError::Validation { field: "code", .. }) => ("code", "offices-error-code"),
        Err(ServiceError::Validation {
            field: "crossing_points",
            ..
        }) => ("crossing_points", "offices-error-crossing-points"),
        Err(ServiceError::Validation {
            field: "regions", ..
        }) => ("regions", "offices-error-regions"),
        Err(ServiceError::Validation { .. }) => ("name", "offices-error-name"),
        Err(e) => return Err(e.into()),
    };
    let mut res = render(&OfficesPage {
        page: Page::for_user(&cu, "offices", "nav-offices", "/admin/offices"),
        offices: state.services.list_offices().await?,
        points: state.services.office_crossing_points().await?,
        regions: state.services.office_regions().await?,
        form,
        errors: vec![error],
        notice_key: None,
    })?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}
