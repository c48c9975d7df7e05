//! The application types as data: each type's fields, approval grounds, required documents,
//! interagency checks and the policy rules that set its clocks and validity. Code that handles
//! applications reads these tables; it does not branch on the type.

use crate::UnknownValue;
use std::fmt;
use std::str::FromStr;

/// The kinds of application the service decides (domain.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppType {
    /// Extension of temporary stay (R3).
    StayExtension,
    /// Temporary residence permit (R7–R10).
    TemporaryResidence,
    /// Permanent residence permit (R12).
    PermanentResidence,
    /// Work permit, filed by an employer for a named worker (R15–R17).
    WorkPermit,
    /// Immigrant status.
    ImmigrantStatus,
    /// Citizenship: naturalisation or determination of affiliation (R13).
    Citizenship,
    /// Refugee status (R23).
    RefugeeStatus,
}

impl AppType {
    /// Every type, in display order.
    pub const ALL: [AppType; 7] = [
        AppType::StayExtension,
        AppType::TemporaryResidence,
        AppType::PermanentResidence,
        AppType::WorkPermit,
        AppType::ImmigrantStatus,
        AppType::Citizenship,
        AppType::RefugeeStatus,
    ];

    /// The stable machine name used in the database, API and CLI.
    pub fn as_str(self) -> &'static str {
        self.spec().code
    }

    /// This type's specification.
    pub fn spec(self) -> &'static TypeSpec {
        TYPES
            .iter()
            .find(|t| t.app_type == self)
            .unwrap_or(&TYPES[0])
    }
}

impl fmt::Display for AppType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AppType {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TYPES
            .iter()
            .find(|t| t.code == s)
            .map(|t| t.app_type)
            .ok_or_else(|| {
                let names: Vec<&str> = TYPES.iter().map(|t| t.code).collect();
                UnknownValue::new("application type", s, &names)
            })
    }
}

/// What a form field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text up to `max` characters.
    Text {
        /// Maximum length in characters.
        max: usize,
    },
    /// A whole number in `min..=max`.
    Int {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// A date, YYYY-MM-DD.
    Date,
    /// One of the listed codes.
    Choice(&'static [&'static str]),
    /// A three-letter ICAO country code.
    Country,
}

/// One field of an application form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Field name in the API and the database.
    pub name: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether the form is incomplete without it.
    pub required: bool,
}

/// One application type: everything handling code needs to know, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeSpec {
    /// The type.
    pub app_type: AppType,
    /// Machine name.
    pub code: &'static str,
    /// Prefix of application and permit numbers.
    pub prefix: &'static str,
    /// The permit or status an approval issues (the `permits.kind` value).
    pub permit_kind: &'static str,
    /// Approval grounds (a proposal to approve names one).
    pub grounds: &'static [&'static str],
    /// Form fields besides the applicant.
    pub fields: &'static [FieldSpec],
    /// Documents that must be on file before the case is registered.
    pub documents: &'static [&'static str],
    /// Partner bodies whose checks are requested by default (each one must answer before a
    /// decision is proposed).
    pub checks: &'static [&'static str],
    /// Policy rule with the legal deadline.
    pub deadline_rule: &'static str,
    /// Policy rule with the applicant-side window (apply at least … before expiry).
    pub window_rule: Option<&'static str>,
    /// Policy rule with the validity of what an approval issues.
    pub validity_rule: &'static str,
    /// Whether a work-permit fee tier field sets the deadline rule variant.
    pub fee_tiers: bool,
}

/// Grounds for a temporary residence permit (R8).
pub const TRP_GROUNDS: &[&str] = &[
    "family_of_citizen",
    "investment",
    "real_estate_deposit",
    "highly_qualified",
    "work_permit",
    "study",
];

/// Refusal grounds, each with its legal reference (R25: a refusal always states one).
pub const REFUSAL_GROUNDS: &[(&str, &str)] = &[
    ("incomplete_documents", "Migration Code, art. 55.1.1"),
    ("false_information", "Migration Code, art. 55.1.2"),
    ("security_threat", "Migration Code, art. 55.1.3"),
    ("entry_ban", "Migration Code, art. 55.1.4"),
    ("no_lawful_basis", "Migration Code, art. 55.1.5"),
    ("passport_validity", "Migration Code, art. 47.3 (R10)"),
    (
        "insufficient_residence",
        "Migration Code, art. 48 (R12, R13)",
    ),
    ("quota_exhausted", "Migration Code, art. 62 (R17)"),
    ("late_application", "Migration Code, art. 47.1 (R7)"),
    (
        "exclusion_clause",
        "Law on the status of refugees, art. 3 (R23)",
    ),
    ("unpaid_fines", "Migration Code, art. 16 (R18)"),
];

/// Partner bodies that answer interagency checks.
pub const AGENCIES: &[&str] = &[
    "security",
    "internal_affairs",
    "foreign_affairs",
    "labour",
    "border",
];

/// Answers to an interagency check.
pub const CHECK_ANSWERS: &[&str] = &["no_objection", "objection", "no_record"];

const FEE_TIERS: &[&str] = &["standard", "urgent"];
const CITIZENSHIP_KINDS: &[&str] = &["naturalisation", "determination"];

/// The catalogue of application types.
pub const TYPES: &[TypeSpec] = &[
    TypeSpec {
        app_type: AppType::StayExtension,
        code: "stay_extension",
        prefix: "EXT",
        permit_kind: "stay_extension",
        grounds: &[
            "treatment",
            "family_circumstances",
            "business",
            "force_majeure",
        ],
        fields: &[
            FieldSpec {
                name: "requested_days",
                kind: FieldKind::Int { min: 1, max: 90 },
                required: true,
            },
            FieldSpec {
                name: "reason",
                kind: FieldKind::Text { max: 1000 },
                required: true,
            },
        ],
        documents: &["passport_copy", "application_form"],
        checks: &[],
        deadline_rule: "deadline.stay_extension",
        window_rule: Some("window.stay_extension"),
        validity_rule: "validity.stay_extension",
        fee_tiers: false,
    },
    TypeSpec {
        app_type: AppType::TemporaryResidence,
        code: "temporary_residence",
        prefix: "TRP",
        permit_kind: "trp",
        grounds: TRP_GROUNDS,
        fields: &[
            FieldSpec {
                name: "ground",
                kind: FieldKind::Choice(TRP_GROUNDS),
                required: true,
            },
            FieldSpec {
                name: "requested_months",
                kind: FieldKind::Int { min: 1, max: 24 },
                required: true,
            },
            FieldSpec {
                name: "address",
                kind: FieldKind::Text { max: 300 },
                required: true,
            },
        ],
        documents: &[
            "passport_copy",
            "photo",
            "application_form",
            "ground_evidence",
            "medical_certificate",
        ],
        checks: &["security", "internal_affairs"],
        deadline_rule: "deadline.temporary_residence",
        window_rule: Some("window.temporary_residence"),
        validity_rule: "validity.temporary_residence",
        fee_tiers: false,
    },
    TypeSpec {
        app_type: AppType::PermanentResidence,
        code: "permanent_residence",
        prefix: "PRP",
        permit_kind: "prp",
        grounds: &["lawful_temporary_residence"],
        fields: &[FieldSpec {
            name: "address",
            kind: FieldKind::Text { max: 300 },
            required: true,
        }],
        documents: &[
            "passport_copy",
            "photo",
            "application_form",
            "income_evidence",
        ],
        checks: &["security", "internal_affairs"],
        deadline_rule: "deadline.permanent_residence",
        window_rule: Some("window.permanent_residence"),
        validity_rule: "validity.permanent_residence",
        fee_tiers: false,
    },
    TypeSpec {
        app_type: AppType::WorkPermit,
        code: "work_permit",
        prefix: "WP",
        permit_kind: "work_permit",
        grounds: &["labour_market", "highly_qualified", "intra_company"],
        fields: &[
            FieldSpec {
                name: "employer_name",
                kind: FieldKind::Text { max: 200 },
                required: true,
            },
            FieldSpec {
                name: "employer_tax_id",
                kind: FieldKind::Text { max: 20 },
                required: true,
            },
            FieldSpec {
                name: "position",
                kind: FieldKind::Text { max: 200 },
                required: true,
            },
            FieldSpec {
                name: "contract_until",
                kind: FieldKind::Date,
                required: true,
            },
            FieldSpec {
                name: "fee_tier",
                kind: FieldKind::Choice(FEE_TIERS),
                required: true,
            },
            FieldSpec {
                name: "requested_months",
                kind: FieldKind::Int { min: 1, max: 12 },
                required: true,
            },
        ],
        documents: &[
            "passport_copy",
            "employment_contract",
            "diploma",
            "medical_certificate",
            "fee_receipt",
        ],
        checks: &["labour"],
        deadline_rule: "deadline.work_permit",
        window_rule: None,
        validity_rule: "validity.work_permit",
        fee_tiers: true,
    },
    TypeSpec {
        app_type: AppType::ImmigrantStatus,
        code: "immigrant_status",
        prefix: "IMM",
        permit_kind: "immigrant_status",
        grounds: &["permanent_residence", "family_reunification", "investment"],
        fields: &[FieldSpec {
            name: "basis",
            kind: FieldKind::Text { max: 1000 },
            required: true,
        }],
        documents: &["passport_copy", "photo", "application_form"],
        checks: &["security"],
        deadline_rule: "deadline.immigrant_status",
        window_rule: None,
        validity_rule: "validity.immigrant_status",
        fee_tiers: false,
    },
    TypeSpec {
        app_type: AppType::Citizenship,
        code: "citizenship",
        prefix: "CIT",
        permit_kind: "citizenship",
        grounds: &["naturalisation", "affiliation_determined"],
        fields: &[FieldSpec {
            name: "kind",
            kind: FieldKind::Choice(CITIZENSHIP_KINDS),
            required: true,
        }],
        documents: &[
            "passport_copy",
            "photo",
            "application_form",
            "residence_evidence",
        ],
        checks: &["security", "internal_affairs", "foreign_affairs"],
        deadline_rule: "deadline.citizenship",
        window_rule: None,
        validity_rule: "validity.citizenship",
        fee_tiers: false,
    },
    TypeSpec {
        app_type: AppType::RefugeeStatus,
        code: "refugee_status",
        prefix: "REF",
        permit_kind: "refugee_status",
        grounds: &["convention_refugee"],
        fields: &[
            FieldSpec {
                name: "country_of_origin",
                kind: FieldKind::Country,
                required: true,
            },
            FieldSpec {
                name: "claim",
                kind: FieldKind::Text { max: 4000 },
                required: true,
            },
        ],
        documents: &["application_form"],
        checks: &["security"],
        deadline_rule: "deadline.refugee_status",
        window_rule: None,
        validity_rule: "validity.refugee_status",
        fee_tiers: false,
    },
];

/// Whether `code` is a refusal ground.
pub fn is_refusal_ground(code: &str) -> bool {
    REFUSAL_GROUNDS.iter().any(|(g, _)| *g == code)
}

/// The legal reference of refusal ground `code`.
pub fn refusal_ground_ref(code: &str) -> Option<&'static str> {
    REFUSAL_GROUNDS
        .iter()
        .find(|(g, _)| *g == code)
        .map(|(_, r)| *r)
}

/// A form field that failed validation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    /// The field at fault.
    pub field: String,
    /// A stable machine code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

fn field_error(field: &str, code: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code,
        message: message.into(),
    }
}

impl TypeSpec {
    /// Validates and normalises form `fields` (a JSON object of strings and numbers): unknown
    /// fields, missing required ones and values out of range are errors.
    pub fn validate_fields(
        &self,
        fields: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<serde_json::Map<String, serde_json::Value>, FieldError> {
        use serde_json::Value;
        for name in fields.keys() {
            if !self.fields.iter().any(|f| f.name == name) {
                let known: Vec<&str> = self.fields.iter().map(|f| f.name).collect();
                return Err(field_error(
                    name,
                    "unknown_field",
                    format!(
                        "'{name}' is not a field of a {} application (fields: {})",
                        self.code,
                        known.join(", ")
                    ),
                ));
            }
        }
        let mut out = serde_json::Map::new();
        for spec in self.fields {
            let raw = match fields.get(spec.name) {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) if s.trim().is_empty() => None,
                Some(v) => Some(v),
            };
            let Some(raw) = raw else {
                if spec.required {
                    return Err(field_error(
                        spec.name,
                        "required",
                        format!("{} is required", spec.name),
                    ));
                }
                continue;
            };
            let text = match raw {
                Value::String(s) => s.trim().to_owned(),
                Value::Number(n) => n.to_string(),
                _ => {
                    return Err(field_error(
                        spec.name,
                        "invalid_value",
                        format!("{} must be a string or a number", spec.name),
                    ));
                }
            };
            let value = match spec.kind {
                FieldKind::Text { max } => {
                    if text.chars().count() > max || text.chars().any(char::is_control) {
                        return Err(field_error(
                            spec.name,
                            "invalid_text",
                            format!("{} must be at most {max} printable characters", spec.name),
                        ));
                    }
                    Value::String(text)
                }
                FieldKind::Int { min, max } => match text.parse::<i64>() {
                    Ok(n) if (min..=max).contains(&n) => Value::from(n),
                    _ => {
                        return Err(field_error(
                            spec.name,
                            "out_of_range",
                            format!("{} must be a whole number from {min} to {max}", spec.name),
                        ));
                    }
                },
                FieldKind::Date => {
                    if crate::cases::parse_date(&text).is_none() {
                        return Err(field_error(
                            spec.name,
                            "invalid_date",
                            format!("{} must be a date YYYY-MM-DD", spec.name),
                        ));
                    }
                    Value::String(text)
                }
                FieldKind::Choice(options) => {
                    if !options.contains(&text.as_str()) {
                        return Err(field_error(
                            spec.name,
                            "unknown_value",
                            format!(
                                "{} must be one of: {} (got '{text}')",
                                spec.name,
                                options.join(", ")
                            ),
                        ));
                    }
                    Value::String(text)
                }
                FieldKind::Country => {
                    let up = text.to_ascii_uppercase();
                    if up.len() != 3 || !up.bytes().all(|b| b.is_ascii_uppercase()) {
                        return Err(field_error(
                            spec.name,
                            "invalid_country",
                            format!("{} must be a three-letter country code", spec.name),
                        ));
                    }
                    Value::String(up)
                }
            };
            out.insert(spec.name.to_owned(), value);
        }
        Ok(out)
    }

    /// The policy rule code of this type's deadline, for a work permit by fee tier.
    pub fn deadline_rule_for(&self, fee_tier: Option<&str>) -> String {
        match (self.fee_tiers, fee_tier) {
            (true, Some(tier)) => format!("{}.{tier}", self.deadline_rule),
            (true, None) => format!("{}.standard", self.deadline_rule),
            _ => self.deadline_rule.to_owned(),
        }
    }
}
