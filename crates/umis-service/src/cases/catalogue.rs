//! The catalogue of application types as partner systems read it: each type's form, grounds,
//! checklist and partner checks, with the refusal grounds, agencies and check answers.

use crate::{Ctx, ServiceError, Services};
use serde::Serialize;
use umis_domain::Permission;
use umis_domain::cases::{AGENCIES, CHECK_ANSWERS, FieldKind, FieldSpec, REFUSAL_GROUNDS, TYPES};
use utoipa::ToSchema;

/// What values a form field accepts; only the bounds that apply to its kind are present.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct FieldConstraints {
    /// Smallest value (`int`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Largest value (`int`) or longest text in characters (`text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// The codes allowed (`choice`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<&'static str>>,
}

/// One field of an application form.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldView {
    /// Field name in `fields`.
    pub name: &'static str,
    /// `text`, `int`, `date`, `choice` or `country` (ICAO code).
    pub kind: &'static str,
    /// Whether the form is incomplete without it.
    pub required: bool,
    /// Bounds of the value.
    pub constraints: FieldConstraints,
}

/// One application type.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TypeView {
    /// Machine name (`app_type`).
    pub code: &'static str,
    /// The permit or status an approval issues.
    pub permit_kind: &'static str,
    /// Form fields besides the applicant.
    pub fields: Vec<FieldView>,
    /// Approval grounds.
    pub grounds: Vec<&'static str>,
    /// Documents required before registration.
    pub documents: Vec<&'static str>,
    /// Partner bodies asked by default.
    pub checks: Vec<&'static str>,
}

/// A refusal ground with its legal reference.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RefusalGroundView {
    /// Code.
    pub code: &'static str,
    /// Legal reference.
    pub legal_ref: &'static str,
}

/// The whole catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogueView {
    /// Application types.
    pub types: Vec<TypeView>,
    /// Grounds a refusal may name.
    pub refusal_grounds: Vec<RefusalGroundView>,
    /// Partner bodies that answer checks.
    pub agencies: Vec<&'static str>,
    /// Answers a check may give.
    pub check_answers: Vec<&'static str>,
}

fn field_view(f: &FieldSpec) -> FieldView {
    let (kind, constraints) = match f.kind {
        FieldKind::Text { max } => (
            "text",
            FieldConstraints {
                max: Some(i64::try_from(max).unwrap_or(i64::MAX)),
                ..FieldConstraints::default()
            },
        ),
        FieldKind::Int { min, max } => (
            "int",
            FieldConstraints {
                min: Some(min),
                max: Some(max),
                options: None,
            },
        ),
        FieldKind::Date => ("date", FieldConstraints::default()),
        FieldKind::Choice(o) => (
            "choice",
            FieldConstraints {
                options: Some(o.to_vec()),
                ..FieldConstraints::default()
            },
        ),
        FieldKind::Country => ("country", FieldConstraints::default()),
    };
    FieldView {
        name: f.name,
        kind,
        required: f.required,
        constraints,
    }
}

impl Services {
    /// The catalogue of application types (requires `applications:read`).
    pub async fn application_catalogue(&self, ctx: &Ctx) -> Result<CatalogueView, ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.types")
            .await?;
        Ok(CatalogueView {
            types: TYPES
                .iter()
                .map(|t| TypeView {
                    code: t.code,
                    permit_kind: t.permit_kind,
                    fields: t.fields.iter().map(field_view).collect(),
                    grounds: t.grounds.to_vec(),
                    documents: t.documents.to_vec(),
                    checks: t.checks.to_vec(),
                })
                .collect(),
            refusal_grounds: REFUSAL_GROUNDS
                .iter()
                .map(|&(code, legal_ref)| RefusalGroundView { code, legal_ref })
                .collect(),
            agencies: AGENCIES.to_vec(),
            check_answers: CHECK_ANSWERS.to_vec(),
        })
    }
}
