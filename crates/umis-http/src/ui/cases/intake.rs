//! Filing an application on screen: the type's form, its fields and checklist.

use super::*;

#[derive(Template)]
#[template(path = "case_new.html")]
pub(super) struct NewTemplate {
    pub(super) page: Page,
    pub(super) spec: Option<&'static TypeSpec>,
    pub(super) types: Vec<&'static str>,
    pub(super) form: NewForm,
    pub(super) error: Option<String>,
}

/// The intake form as posted: fixed fields plus the type's own (`f_<name>`) and document
/// checkboxes (`doc`).
#[derive(Debug, Default, Clone)]
pub(crate) struct NewForm {
    pub(super) csrf: String,
    pub(super) app_type: String,
    pub(super) person_id: String,
    pub(super) lang: String,
    pub(super) draft: bool,
    pub(super) fields: Vec<(String, String)>,
    pub(super) documents: Vec<String>,
}

impl<'de> Deserialize<'de> for NewForm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let pairs: Vec<(String, String)> = Vec::deserialize(d)?;
        let mut f = NewForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "csrf" => f.csrf = v,
                "app_type" => f.app_type = v,
                "person_id" => f.person_id = v,
                "lang" => f.lang = v,
                "draft" => f.draft = v == "on" || v == "true",
                "doc" => f.documents.push(v),
                other => {
                    if let Some(name) = other.strip_prefix("f_") {
                        f.fields.push((name.to_owned(), v));
                    }
                }
            }
        }
        Ok(f)
    }
}

csrf_form!(NewForm);

/// `?type=` of the intake form.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct NewQuery {
    #[serde(default, rename = "type")]
    pub(super) app_type: Option<String>,
    #[serde(default)]
    pub(super) person_id: Option<String>,
}

pub(super) fn spec_of(code: &str) -> Option<&'static TypeSpec> {
    code.parse::<AppType>().ok().map(AppType::spec)
}

/// The intake form: first the type, then its fields and checklist.
pub(crate) async fn new_form(
    cu: CurrentUser,
    Query(q): Query<NewQuery>,
) -> Result<Response, UiError> {
    if !cu.ctx.may(Permission::WriteApplications) {
        return Err(UiError::Forbidden);
    }
    let spec = q.app_type.as_deref().and_then(spec_of);
    render(&NewTemplate {
        page: Page::for_user(&cu, "cases", "case-new", "/cases/new"),
        spec,
        types: TYPES.iter().map(|t| t.code).collect(),
        form: NewForm {
            app_type: spec.map(|s| s.code.to_owned()).unwrap_or_default(),
            person_id: q.person_id.unwrap_or_default(),
            lang: cu.tr.lang.code().to_owned(),
            ..Default::default()
        },
        error: None,
    })
}

/// Files an application from the intake form.
pub(crate) async fn create(
    State(state): State<AppState>,
    Protected { cu, form }: Protected<NewForm>,
) -> Result<Response, UiError> {
    let spec = spec_of(&form.app_type);
    let mut fields = serde_json::Map::new();
    for (k, v) in &form.fields {
        if !v.trim().is_empty() {
            fields.insert(k.clone(), serde_json::Value::String(v.clone()));
        }
    }
    let input = ApplicationInput {
        app_type: form.app_type.clone(),
        person_id: form.person_id.clone(),
        fields,
        documents: form.documents.clone(),
        lang: Some(form.lang.clone()),
        draft: form.draft,
    };
    match state.services.submit_application(&cu.ctx, &input).await {
        Ok(view) => {
            Ok(crate::ui::redirect::see_other(&after_write(view.id, "filed")).into_response())
        }
        Err(e @ (ServiceError::Validation { .. } | ServiceError::NotFound)) => {
            let message = refusal(&cu.tr, &e).unwrap_or_default();
            let mut res = render(&NewTemplate {
                page: Page::for_user(&cu, "cases", "case-new", "/cases/new"),
                spec,
                types: TYPES.iter().map(|t| t.code).collect(),
                form,
                error: Some(message),
            })?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}
