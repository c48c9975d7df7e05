//! Applications and decisions: intake with eligibility checks and filing-window warnings, the
//! workflow (through the domain engine), legal clocks, interagency checks, attachments,
//! reasoned decisions and the permits they issue, and the policy rules and calendar the clocks
//! are counted on.

use crate::persons::invalid;
use crate::stay::parse_day;
use crate::{Actor, Ctx, ServiceError, Services};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use time::{Date, Duration};
use umis_domain::calendar::WorkCalendar;
use umis_domain::cases::{
    self, Action, ActionKind, AppType, Case, CasePolicies, ClockStatus, Outcome, Pause, PolicyRule,
    State, Who,
};
use umis_domain::person::PersonId;
use umis_domain::stay::PolicyStatus;
use umis_domain::{AuditOutcome, Permission};
use umis_store::{
    ApplicationRow, AttachmentMeta, CaseChange, CaseEvent, CaseFilter, CheckRow, PermitRecord,
    PolicyRuleRow, StoreError,
};

/// How long policy rules and the holiday calendar are kept in memory before they are read
/// again (a change made through this process takes effect at once).
const RULES_TTL: std::time::Duration = std::time::Duration::from_secs(30);

/// The policy rules and calendar last read, with when they were read.
#[derive(Default, Clone)]
pub(crate) struct RulesCache {
    loaded: Arc<std::sync::Mutex<Option<(std::time::Instant, CasePolicies, WorkCalendar)>>>,
    /// Held while the rules are read (and seeded on first use), so concurrent first requests
    /// seed once.
    loading: Arc<tokio::sync::Mutex<()>>,
}

/// Largest attachment accepted.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
/// Kind of an attachment outside the type's checklist.
pub const OTHER_DOCUMENT: &str = "other";
const FAR_FUTURE: &str = "9999-12-31";

/// A new application as filed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApplicationInput {
    /// Type (`temporary_residence`…).
    pub app_type: String,
    /// The applicant's UMIS number (the worker, for a work permit).
    pub person_id: String,
    /// The type's form fields.
    #[serde(default)]
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// Checklist documents received on paper.
    #[serde(default)]
    pub documents: Vec<String>,
    /// Language for letters (`az`, `ru`, `en`).
    #[serde(default)]
    pub lang: Option<String>,
    /// Keep as a draft instead of filing at once.
    #[serde(default)]
    pub draft: bool,
}

/// An action on a case, as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActionInput {
    /// The action (`register`, `propose`, `decide`…).
    pub action: String,
    /// The case version the action is based on (optimistic concurrency).
    pub version: i64,
    /// For `propose`: `approve` or `refuse`.
    #[serde(default)]
    pub outcome: Option<String>,
    /// For `propose`: the legal ground.
    #[serde(default)]
    pub ground: Option<String>,
    /// For `propose`: the reasoning.
    #[serde(default)]
    pub reasoning: Option<String>,
    /// A reason or note (required for `request_info`, `withdraw`, `return_for_review`,
    /// `lodge_appeal`, `uphold_decision`, `overturn_decision`).
    #[serde(default)]
    pub note: Option<String>,
    /// For `request_checks`: the partner bodies (default: the type's).
    #[serde(default)]
    pub agencies: Vec<String>,
}

/// A check on a case.
#[derive(Debug, Clone, Serialize)]
pub struct CheckView {
    /// Id.
    pub check_id: i64,
    /// Case.
    pub application_id: i64,
    /// Case number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_number: Option<String>,
    /// Partner body.
    pub agency: String,
    /// What is asked.
    pub question: String,
    /// `pending` or `answered`.
    pub status: String,
    /// Answer due.
    pub due_on: String,
    /// Whether the due date has passed without an answer.
    pub overdue: bool,
    /// The answer.
    pub answer: Option<String>,
    /// Its text.
    pub answer_text: Option<String>,
    /// Who answered.
    pub answered_by: Option<String>,
}

/// An attachment's metadata.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    /// Id.
    pub attachment_id: i64,
    /// Checklist kind.
    pub doc_kind: String,
    /// File name.
    pub filename: String,
    /// Detected content type.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// SHA-256, hex.
    pub sha256: String,
    /// Uploaded (RFC 3339).
    pub uploaded_at: String,
    /// By whom.
    pub uploaded_by: String,
}

/// One event of a case's timeline.
#[derive(Debug, Clone, Serialize)]
pub struct EventLine {
    /// Number within the case.
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// When (Unix µs), for display.
    #[serde(skip)]
    pub at_micros: i64,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// State before.
    pub from_state: Option<String>,
    /// State after.
    pub to_state: String,
    /// Reason or note.
    pub note: Option<String>,
    /// Details.
    pub details: serde_json::Value,
}

/// A case as shown to a caller.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    /// Id.
    pub id: i64,
    /// Public number.
    pub number: String,
    /// Type.
    pub app_type: String,
    /// Applicant's UMIS number.
    pub person_id: String,
    /// Applicant's name as registered.
    pub applicant: String,
    /// Office in charge.
    pub office_code: String,
    /// State.
    pub state: String,
    /// Proposed or decided outcome.
    pub outcome: Option<String>,
    /// Its legal ground.
    pub ground: Option<String>,
    /// Legal reference of a refusal ground.
    pub ground_ref: Option<String>,
    /// Reasoning.
    pub reasoning: Option<String>,
    /// Form fields.
    pub fields: serde_json::Value,
    /// Checklist documents on file.
    pub documents: Vec<String>,
    /// Checklist documents still missing.
    pub documents_missing: Vec<String>,
    /// Intake warnings.
    pub warnings: Vec<String>,
    /// Applicant's language.
    pub lang: String,
    /// Day filed.
    pub filed_on: Option<String>,
    /// Day registered.
    pub registered_on: Option<String>,
    /// Legal deadline (absent while the clock is stopped or not started).
    pub deadline: Option<String>,
    /// `stopped`, `on_time`, `at_risk`, `overdue` or `none` (finished).
    pub clock: String,
    /// Officer in charge.
    pub assigned_to: Option<String>,
    /// Who proposed.
    pub proposed_by: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// Day decided.
    pub decided_on: Option<String>,
    /// Number of the permit issued.
    pub permit_number: Option<String>,
    /// Version for optimistic concurrency: send it back with the next action.
    pub version: i64,
    /// The actions the caller may take now.
    pub allowed_actions: Vec<String>,
    /// Whether the caller may assign the case.
    pub can_assign: bool,
    /// Interagency checks.
    pub checks: Vec<CheckView>,
    /// Attachments.
    pub attachments: Vec<AttachmentView>,
}

/// A line of a work queue.
#[derive(Debug, Clone, Serialize)]
pub struct QueueLine {
    /// Id.
    pub id: i64,
    /// Number.
    pub number: String,
    /// Type.
    pub app_type: String,
    /// Applicant.
    pub person_id: String,
    /// Office.
    pub office_code: String,
    /// State.
    pub state: String,
    /// Deadline.
    pub deadline: Option<String>,
    /// Clock status.
    pub clock: String,
    /// Officer in charge.
    pub assigned_to: Option<String>,
    /// Day filed.
    pub filed_on: Option<String>,
    /// Version.
    pub version: i64,
}

/// A queue counts its matching cases up to this many (and says "more").
pub const QUEUE_COUNT_CAP: i64 = 10_000;

/// A page of a queue.
#[derive(Debug, Clone, Serialize)]
pub struct QueuePage {
    /// Cases matching the filter, counted up to [`QUEUE_COUNT_CAP`]; see `total_is_capped`.
    pub total: i64,
    /// Whether more than [`QUEUE_COUNT_CAP`] cases match (`total` is then the cap).
    pub total_is_capped: bool,
    /// This page.
    pub items: Vec<QueueLine>,
}

/// Queue filters as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct QueueQuery {
    /// Type.
    #[serde(default)]
    pub app_type: Option<String>,
    /// State.
    #[serde(default)]
    pub state: Option<String>,
    /// `open` (default), `closed` or `all`.
    #[serde(default)]
    pub status: Option<String>,
    /// `overdue` or `at_risk`: only cases due by today, or within the risk margin.
    #[serde(default)]
    pub due: Option<String>,
    /// Officer in charge (`me` for the caller).
    #[serde(default)]
    pub assigned: Option<String>,
    /// Applicant.
    #[serde(default)]
    pub person_id: Option<String>,
    /// Page size (1–200, default 50).
    #[serde(default)]
    pub limit: Option<i64>,
    /// Offset.
    #[serde(default)]
    pub offset: Option<i64>,
}

/// What a decision letter says.
#[derive(Debug, Clone, Serialize)]
pub struct LetterData {
    /// The case.
    pub case: CaseView,
    /// The applicant's date of birth.
    pub birth_date: Option<String>,
    /// The permit issued, if any.
    pub permit: Option<PermitView>,
}

/// A permit or status record as shown.
#[derive(Debug, Clone, Serialize)]
pub struct PermitView {
    /// Number.
    pub number: String,
    /// Kind.
    pub kind: String,
    /// Holder's UMIS number.
    pub person_id: String,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub valid_to: String,
    /// `valid` or `revoked`.
    pub status: String,
    /// Conditions.
    pub conditions: Option<String>,
    /// The application that issued it.
    pub application_id: Option<i64>,
}

impl From<PermitRecord> for PermitView {
    fn from(p: PermitRecord) -> Self {
        PermitView {
            number: p.number,
            kind: p.kind,
            person_id: PersonId::from_stored(p.person_id).to_string(),
            valid_from: p.valid_from,
            valid_to: p.valid_to,
            status: p.status,
            conditions: p.conditions,
            application_id: p.application_id,
        }
    }
}

/// One event of a permit's history.
#[derive(Debug, Clone, Serialize)]
pub struct PermitEventView {
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub actor: String,
    /// `issued`, `extended`, `replaced` or `revoked`.
    pub action: String,
    /// Details.
    pub details: serde_json::Value,
}

/// A policy rule as shown and edited.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PolicyRuleInput {
    /// Id (absent for a new rule).
    #[serde(default)]
    pub rule_id: Option<i64>,
    /// Code.
    pub code: String,
    /// Parameters (JSON object).
    pub params: String,
    /// First day in force.
    pub valid_from: String,
    /// Last day in force.
    #[serde(default)]
    pub valid_to: Option<String>,
    /// Legal reference.
    pub legal_ref: String,
    /// `sourced` or `uncertain`.
    pub status: String,
}

fn who_of(ctx: &Ctx) -> Result<Who, ServiceError> {
    match &ctx.actor {
        Actor::User(u) => Ok(Who::Officer {
            name: u.username.clone(),
            role: u.role,
        }),
        Actor::Client(c) => Ok(Who::Client {
            name: c.client_name.clone(),
        }),
        Actor::System(s) => Ok(Who::System { name: s.clone() }),
        Actor::Anonymous => Err(ServiceError::Unauthenticated(crate::reason::LOGIN_REQUIRED)),
    }
}

fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

fn json_pauses(s: &str) -> Vec<Pause> {
    let raw: Vec<(String, String)> = serde_json::from_str(s).unwrap_or_default();
    raw.iter()
        .filter_map(|(a, b)| {
            Some(Pause {
                from: parse_day(a)?,
                to: parse_day(b)?,
            })
        })
        .collect()
}

fn pauses_json(p: &[Pause]) -> String {
    let raw: Vec<(String, String)> = p
        .iter()
        .map(|p| (p.from.to_string(), p.to.to_string()))
        .collect();
    serde_json::to_string(&raw).unwrap_or_else(|_| "[]".into())
}

fn workflow_error(e: cases::WorkflowError) -> ServiceError {
    match e {
        cases::WorkflowError::NotPermitted { .. } | cases::WorkflowError::FourEyes { .. } => {
            ServiceError::Forbidden(e.to_string())
        }
        cases::WorkflowError::IllegalTransition { .. } => ServiceError::Refused {
            code: "illegal_transition",
            message: e.to_string(),
        },
        cases::WorkflowError::Precondition { code, message } => ServiceError::Validation {
            field: match code {
                "missing_documents" => "documents",
                "unknown_ground" | "ground_required" => "ground",
                "no_checks" => "agencies",
                "checks_pending" => "checks",
                _ => "action",
            },
            message,
            code,
        },
    }
}

fn text(
    field: &'static str,
    v: &Option<String>,
    max: usize,
) -> Result<Option<String>, ServiceError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s)
            if s.chars().count() <= max
                && !s.chars().any(|c| c.is_control() && c != '\n' && c != '\r') =>
        {
            Ok(Some(s.to_owned()))
        }
        Some(_) => Err(invalid(
            field,
            "invalid_text",
            format!("{field} must be at most {max} printable characters"),
        )),
    }
}

/// The content type of an upload, judged by its first bytes (PDF, JPEG or PNG).
pub fn sniff_content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "document".into()
    } else {
        cleaned.trim().to_owned()
    }
}

fn rfc3339(micros: i64) -> String {
    crate::stay::rfc3339(micros)
}

impl Services {
    /// The case policy rules in force (seeded with the defaults on first use).
    pub async fn case_policies(&self) -> Result<CasePolicies, ServiceError> {
        Ok(self.case_rules().await?.0)
    }

    /// The working-day calendar (seeded with Azerbaijan's fixed holidays on first use).
    pub async fn holiday_calendar(&self) -> Result<WorkCalendar, ServiceError> {
        Ok(self.case_rules().await?.1)
    }

    fn forget_case_rules(&self) {
        if let Ok(mut c) = self.case_rules.loaded.lock() {
            *c = None;
        }
    }

    fn cached_case_rules(&self) -> Option<(CasePolicies, WorkCalendar)> {
        let c = self.case_rules.loaded.lock().ok()?;
        let (at, p, cal) = c.as_ref()?;
        (at.elapsed() < RULES_TTL).then(|| (p.clone(), cal.clone()))
    }

    async fn case_rules(&self) -> Result<(CasePolicies, WorkCalendar), ServiceError> {
        if let Some(hit) = self.cached_case_rules() {
            return Ok(hit);
        }
        let _loading = self.case_rules.loading.lock().await;
        if let Some(hit) = self.cached_case_rules() {
            return Ok(hit);
        }
        let p = self.load_case_policies().await?;
        let cal = self.load_holiday_calendar().await?;
        if let Ok(mut c) = self.case_rules.loaded.lock() {
            *c = Some((std::time::Instant::now(), p.clone(), cal.clone()));
        }
        Ok((p, cal))
    }

    async fn load_case_policies(&self) -> Result<CasePolicies, ServiceError> {
        let mut rows = self.store.policy_rules().await?;
        let defaults = cases::default_rules();
        if defaults
            .iter()
            .any(|d| !rows.iter().any(|r| r.code == d.code))
        {
            let seed: Vec<PolicyRuleRow> = defaults
                .into_iter()
                .map(|r| PolicyRuleRow {
                    rule_id: 0,
                    code: r.code,
                    params: r.params.to_string(),
                    valid_from: r.valid_from.to_string(),
                    valid_to: r.valid_to.map(|d| d.to_string()),
                    legal_ref: r.legal_ref,
                    status: r.status.as_str().into(),
                    updated_at: self.now(),
                    updated_by: "system".into(),
                })
                .collect();
            self.store.seed_policy_rules(&seed).await?;
            rows = self.store.policy_rules().await?;
        }
        Ok(CasePolicies {
            rules: rows
                .iter()
                .filter_map(|r| {
                    Some(PolicyRule {
                        code: r.code.clone(),
                        params: serde_json::from_str(&r.params).ok()?,
                        valid_from: parse_day(&r.valid_from)?,
                        valid_to: r.valid_to.as_deref().and_then(parse_day),
                        legal_ref: r.legal_ref.clone(),
                        status: if r.status == "sourced" {
                            PolicyStatus::Sourced
                        } else {
                            PolicyStatus::Uncertain
                        },
                    })
                })
                .collect(),
        })
    }

    async fn load_holiday_calendar(&self) -> Result<WorkCalendar, ServiceError> {
        let mut days = self.store.holidays().await?;
        if days.is_empty() {
            let seed: Vec<(String, String)> = WorkCalendar::azerbaijan(2020, 2035)
                .holidays
                .iter()
                .map(|d| (d.to_string(), "public holiday".to_owned()))
                .collect();
            self.store.seed_holidays(&seed).await?;
            days = self.store.holidays().await?;
        }
        Ok(WorkCalendar {
            holidays: days.iter().filter_map(|(d, _)| parse_day(d)).collect(),
        })
    }

    async fn scoped_case(&self, ctx: &Ctx, id: i64) -> Result<ApplicationRow, ServiceError> {
        let row = match self.store.get_application(id).await {
            Ok(r) => r,
            Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        match self.office_scope(ctx).await? {
            Some(office) if row.office_code != office => Err(ServiceError::NotFound),
            _ => Ok(row),
        }
    }

    async fn domain_case(&self, row: &ApplicationRow) -> Result<(AppType, Case), ServiceError> {
        let app_type: AppType = row
            .app_type
            .parse()
            .map_err(|e: umis_domain::UnknownValue| ServiceError::Internal(e.to_string()))?;
        let state: State = row
            .state
            .parse()
            .map_err(|e: umis_domain::UnknownValue| ServiceError::Internal(e.to_string()))?;
        let on_file = json_list(&row.documents);
        let pending = self
            .store
            .case_checks(row.application_id)
            .await?
            .iter()
            .filter(|c| c.status == "pending")
            .count();
        let case = Case {
            app_type,
            state,
            outcome: row.outcome.as_deref().and_then(|o| o.parse().ok()),
            ground: row.ground.clone(),
            preparers: row
                .preparers
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            proposed_by: row.proposed_by.clone(),
            decided_by: row.decided_by.clone(),
            missing_documents: app_type
                .spec()
                .documents
                .iter()
                .filter(|d| !on_file.iter().any(|f| f == *d))
                .map(|d| (*d).to_owned())
                .collect(),
            pending_checks: u32::try_from(pending).unwrap_or(u32::MAX),
            permit_issued: row.permit_number.is_some(),
            appeals: u32::try_from(row.appeals).unwrap_or(0),
            appealed_decider: row.appealed_decider.clone(),
        };
        Ok((app_type, case))
    }

    async fn view(&self, ctx: &Ctx, row: &ApplicationRow) -> Result<CaseView, ServiceError> {
        let (_, case) = self.domain_case(row).await?;
        let today = self.local_today();
        let cal = self.holiday_calendar().await?;
        let allowed = match who_of(ctx) {
            Ok(who) if ctx.may(Permission::WriteApplications) => cases::allowed(&case, &who)
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
            _ => Vec::new(),
        };
        let checks = self
            .store
            .case_checks(row.application_id)
            .await?
            .into_iter()
            .map(|c| check_view(c, None, today))
            .collect();
        let attachments = self
            .store
            .attachments_of(row.application_id)
            .await?
            .into_iter()
            .map(attachment_view)
            .collect();
        let applicant = match self.store.find_person(row.person_id).await? {
            Some(p) => p
                .names
                .first()
                .map(|n| {
                    format!(
                        "{} {}",
                        n.surname,
                        n.given_names.clone().unwrap_or_default()
                    )
                    .trim()
                    .to_owned()
                })
                .unwrap_or_default(),
            None => String::new(),
        };
        let state: State = row.state.parse().unwrap_or(State::Closed);
        Ok(CaseView {
            id: row.application_id,
            number: row.number.clone(),
            app_type: row.app_type.clone(),
            person_id: PersonId::from_stored(row.person_id).to_string(),
            applicant,
            office_code: row.office_code.clone(),
            state: row.state.clone(),
            outcome: row.outcome.clone(),
            ground: row.ground.clone(),
            ground_ref: row
                .ground
                .as_deref()
                .and_then(cases::refusal_ground_ref)
                .filter(|_| row.outcome.as_deref() == Some("refuse"))
                .map(str::to_owned),
            reasoning: row.reasoning.clone(),
            fields: serde_json::from_str(&row.fields).unwrap_or_default(),
            documents: json_list(&row.documents),
            documents_missing: case.missing_documents.clone(),
            warnings: json_list(&row.warnings),
            lang: row.lang.clone(),
            filed_on: row.filed_on.clone(),
            registered_on: row.registered_on.clone(),
            deadline: row.deadline.clone(),
            clock: clock_of(state, row.deadline.as_deref(), today, &cal),
            assigned_to: row.assigned_to.clone(),
            proposed_by: row.proposed_by.clone(),
            decided_by: row.decided_by.clone(),
            decided_on: row.decided_on.clone(),
            permit_number: row.permit_number.clone(),
            version: row.version,
            allowed_actions: allowed,
            can_assign: state.is_open()
                && matches!(&ctx.actor, Actor::User(u) if matches!(u.role, umis_domain::Role::CaseOfficer | umis_domain::Role::DecisionMaker))
                || matches!(&ctx.actor, Actor::System(_)),
            checks,
            attachments,
        })
    }

    /// Files (or drafts) an application: the type's fields, eligibility (residence on record,
    /// passport validity, work-permit quota) and documents are checked; a late filing is
    /// accepted with a warning.
    pub async fn submit_application(
        &self,
        ctx: &Ctx,
        input: &ApplicationInput,
    ) -> Result<CaseView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "application.submit")
            .await?;
        let who = who_of(ctx)?;
        let app_type: AppType =
            input
                .app_type
                .trim()
                .parse()
                .map_err(|e: umis_domain::UnknownValue| {
                    invalid("app_type", "unknown_type", e.to_string())
                })?;
        let spec = app_type.spec();
        let person_id = self.resolve_person(&input.person_id).await?;
        let fields = spec
            .validate_fields(&input.fields)
            .map_err(|e| ServiceError::Validation {
                field: "fields",
                message: e.to_string(),
                code: e.code,
            })?;
        let mut documents = Vec::new();
        for d in &input.documents {
            let d = d.trim();
            if !spec.documents.contains(&d) {
                return Err(invalid(
                    "documents",
                    "unknown_document",
                    format!(
                        "'{d}' is not on the {} checklist ({})",
                        spec.code,
                        spec.documents.join(", ")
                    ),
                ));
            }
            if !documents.iter().any(|x| x == d) {
                documents.push(d.to_owned());
            }
        }
        let lang = match input
            .lang
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => "az".to_owned(),
            Some(l @ ("az" | "ru" | "en")) => l.to_owned(),
            Some(other) => {
                return Err(invalid(
                    "lang",
                    "unknown_lang",
                    format!("lang must be az, ru or en (got '{other}')"),
                ));
            }
        };
        let today = self.local_today();
        let policies = self.case_policies().await?;
        let warnings = self
            .eligibility(app_type, person_id, &fields, today, &policies)
            .await?;
        let office = match &ctx.actor {
            Actor::User(u) => u.office_code.clone(),
            _ => "HQ".into(),
        };
        let mut case = Case::new(app_type);
        let mut state = State::Draft;
        if !input.draft {
            case = cases::apply(&case, &who, &Action::Plain(ActionKind::Submit))
                .map_err(workflow_error)?;
            state = case.state;
        }
        let now = self.now();
        let row = ApplicationRow {
            application_id: 0,
            number: String::new(),
            app_type: spec.code.into(),
            person_id,
            office_code: office,
            state: state.as_str().into(),
            is_open: state.is_open(),
            outcome: None,
            ground: None,
            reasoning: None,
            fields: serde_json::Value::Object(fields).to_string(),
            documents: serde_json::to_string(&documents).unwrap_or_else(|_| "[]".into()),
            warnings: serde_json::to_string(&warnings).unwrap_or_else(|_| "[]".into()),
            lang,
            filed_on: (state == State::Submitted).then(|| today.to_string()),
            registered_on: None,
            deadline: None,
            queue_due: FAR_FUTURE.into(),
            pauses: "[]".into(),
            paused_since: None,
            assigned_to: None,
            preparers: String::new(),
            proposed_by: None,
            decided_by: None,
            decided_on: None,
            appeals: 0,
            appealed_decider: None,
            permit_number: None,
            version: 1,
            created_at: now,
            created_by: ctx.actor_name(),
            updated_at: now,
        };
        let event = CaseEvent {
            application_id: 0,
            seq: 0,
            at: now,
            actor: ctx.actor_name(),
            action: if input.draft { "create" } else { "submit" }.into(),
            from_state: None,
            to_state: state.as_str().into(),
            note: None,
            details: serde_json::json!({"warnings": warnings}).to_string(),
        };
        let pid = PersonId::from_stored(person_id).to_string();
        let prefix = format!("{}-{}", spec.prefix, today.year());
        let (id, _) = self
            .store
            .create_application(&row, &prefix, &event, |id, number| {
                ctx.audit(now, "application.submit", AuditOutcome::Ok)
                    .object("application", id.to_string())
                    .person(pid.clone())
                    .detail("number", number.to_owned())
            })
            .await?;
        let row = self.store.get_application(id).await?;
        self.view(ctx, &row).await
    }

    /// The intake checks of an application: hard eligibility errors, and the warnings of a
    /// late filing.
    async fn eligibility(
        &self,
        app_type: AppType,
        person_id: i64,
        fields: &serde_json::Map<String, serde_json::Value>,
        today: Date,
        policies: &CasePolicies,
    ) -> Result<Vec<String>, ServiceError> {
        let mut warnings = Vec::new();
        let permits = self.store.permit_records(person_id).await?;
        let live = |kind: &'static str| -> Vec<(Date, Date)> {
            permits
                .iter()
                .filter(|p| p.kind == kind && p.status != "revoked")
                .filter_map(|p| Some((parse_day(&p.valid_from)?, parse_day(&p.valid_to)?)))
                .collect()
        };
        let int = |k: &str| fields.get(k).and_then(serde_json::Value::as_i64);
        let rule_int = |code: &str, key: &str| policies.get(code, today).and_then(|r| r.int(key));
        // The end of what is applied for, for the passport-validity rule (R10).
        let requested_end = match app_type {
            AppType::TemporaryResidence | AppType::WorkPermit => {
                int("requested_months").and_then(|m| cases::shift_months(today, m))
            }
            AppType::PermanentResidence => rule_int("validity.permanent_residence", "years")
                .and_then(|y| cases::shift_months(today, y * 12)),
            _ => None,
        };
        if let Some(end) = requested_end {
            let months = rule_int("eligibility.passport_months_beyond", "months").unwrap_or(3);
            let needed = cases::shift_months(end, months).unwrap_or(end);
            let person = self
                .store
                .find_person(person_id)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let best = person
                .documents
                .iter()
                .filter(|d| d.status == "valid")
                .filter_map(|d| d.expiry_date.as_deref().and_then(parse_day))
                .max();
            match best {
                Some(exp) if exp > needed => {}
                Some(exp) => {
                    return Err(invalid(
                        "person_id",
                        "passport_validity",
                        format!(
                            "the passport expires on {exp}: it must be valid beyond {needed} \
                             ({months} months after the requested permit ends, R10)"
                        ),
                    ));
                }
                None => {
                    return Err(invalid(
                        "person_id",
                        "no_valid_passport",
                        "no valid identity document with an expiry date is on record",
                    ));
                }
            }
        }
        match app_type {
            AppType::PermanentResidence => {
                let years = rule_int("eligibility.prp_trp_years", "years").unwrap_or(2);
                let days: i64 = live("trp")
                    .into_iter()
                    .map(|(a, b)| (b.min(today) - a).whole_days() + 1)
                    .filter(|d| *d > 0)
                    .sum();
                if days < years * 365 {
                    return Err(invalid(
                        "person_id",
                        "insufficient_residence",
                        format!(
                            "{days} days of lawful temporary residence are on record; a permanent \
                             residence permit needs {years} years (R12)"
                        ),
                    ));
                }
            }
            AppType::Citizenship
                if fields.get("kind").and_then(|v| v.as_str()) == Some("naturalisation") =>
            {
                let years = rule_int("eligibility.citizenship_prp_years", "years").unwrap_or(5);
                let since = live("prp").into_iter().map(|(a, _)| a).min();
                let needed = cases::shift_months(today, -years * 12).unwrap_or(today);
                if since.is_none_or(|s| s > needed) {
                    return Err(invalid(
                        "person_id",
                        "insufficient_residence",
                        format!(
                            "naturalisation needs {years} years of permanent residence counted \
                             from the permit's date (R13)"
                        ),
                    ));
                }
            }
            AppType::WorkPermit => {
                let quota = rule_int("quota.work_permit", "per_year").unwrap_or(i64::MAX);
                let used = self
                    .store
                    .count_permits_in_year("work_permit", today.year())
                    .await?;
                if used >= quota {
                    return Err(invalid(
                        "app_type",
                        "quota_exhausted",
                        format!(
                            "the annual work-permit quota of {quota} for {} is used up (R17)",
                            today.year()
                        ),
                    ));
                }
                if let Some(until) = fields
                    .get("contract_until")
                    .and_then(|v| v.as_str())
                    .and_then(parse_day)
                    && until <= today
                {
                    return Err(invalid(
                        "fields",
                        "contract_ended",
                        "the employment contract has already ended",
                    ));
                }
            }
            _ => {}
        }
        // The applicant-side window (R3, R7, R12): a warning, not a refusal.
        if let Some(window) = app_type
            .spec()
            .window_rule
            .and_then(|code| policies.get(code, today))
        {
            let ends = match app_type {
                AppType::PermanentResidence => live("trp").into_iter().map(|(_, b)| b).max(),
                _ => {
                    // An internal computation for the intake check, not a disclosure.
                    let stay = self
                        .stay_view(
                            &Ctx::system("intake"),
                            &PersonId::from_stored(person_id).to_string(),
                            None,
                            false,
                        )
                        .await?;
                    let lawful = stay.lawful_until.as_deref().and_then(parse_day);
                    lawful.max(live("trp").into_iter().map(|(_, b)| b).max())
                }
            };
            if let Some(ends) = ends
                && let Some(last) = cases::late_filing(window, today, ends)
            {
                warnings.push(format!(
                    "late_filing: the stay or permit ends on {ends}; the last timely filing day \
                     was {last} ({})",
                    window.legal_ref
                ));
            }
        }
        Ok(warnings)
    }

    /// One case, with the actions the caller may take (audited as a read of personal data).
    pub async fn application(&self, ctx: &Ctx, id: i64) -> Result<CaseView, ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.view")
            .await?;
        let row = self.scoped_case(ctx, id).await?;
        let view = self.view(ctx, &row).await?;
        self.audit_read(
            ctx,
            "application.view",
            Some(&view.person_id),
            None,
            serde_json::json!({"application": id}),
        )
        .await?;
        Ok(view)
    }

    /// A case's timeline.
    pub async fn application_events(
        &self,
        ctx: &Ctx,
        id: i64,
    ) -> Result<Vec<EventLine>, ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.events")
            .await?;
        self.scoped_case(ctx, id).await?;
        Ok(self
            .store
            .case_events(id)
            .await?
            .into_iter()
            .map(|e| EventLine {
                seq: e.seq,
                at: rfc3339(e.at),
                at_micros: e.at,
                actor: e.actor,
                action: e.action,
                from_state: e.from_state,
                to_state: e.to_state,
                note: e.note,
                details: serde_json::from_str(&e.details).unwrap_or_default(),
            })
            .collect())
    }

    /// A work queue: the caller's office's cases (every office for national roles and
    /// clients), soonest deadline first.
    pub async fn application_queue(
        &self,
        ctx: &Ctx,
        q: &QueueQuery,
    ) -> Result<QueuePage, ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.list")
            .await?;
        let today = self.local_today();
        let cal = self.holiday_calendar().await?;
        let opt = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let app_type = match opt(&q.app_type) {
            None => None,
            Some(t) => Some(
                t.parse::<AppType>()
                    .map_err(|e| invalid("app_type", "unknown_type", e.to_string()))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let state = match opt(&q.state) {
            None => None,
            Some(s) => Some(
                s.parse::<State>()
                    .map_err(|e| invalid("state", "unknown_state", e.to_string()))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let open = match opt(&q.status).as_deref() {
            None | Some("open") => Some(true),
            Some("closed") => Some(false),
            Some("all") => None,
            Some(other) => {
                return Err(invalid(
                    "status",
                    "unknown_status",
                    format!("status must be open, closed or all (got '{other}')"),
                ));
            }
        };
        let due_by = match opt(&q.due).as_deref() {
            None => None,
            Some("overdue") => today.checked_sub(Duration::days(1)).map(|d| d.to_string()),
            Some("at_risk") => {
                let mut d = today;
                let mut left = cases::AT_RISK_WORKING_DAYS;
                while left > 0 {
                    d = d.checked_add(Duration::days(1)).unwrap_or(d);
                    if cal.is_working_day(d) {
                        left -= 1;
                    }
                }
                Some(d.to_string())
            }
            Some(other) => {
                return Err(invalid(
                    "due",
                    "unknown_due",
                    format!("due must be overdue or at_risk (got '{other}')"),
                ));
            }
        };
        let assigned_to = match opt(&q.assigned).as_deref() {
            Some("me") => Some(ctx.actor_name()),
            other => other.map(str::to_owned),
        };
        let person_id = match opt(&q.person_id) {
            None => None,
            Some(p) => Some(
                p.parse::<PersonId>()
                    .map_err(|e| invalid("person_id", "invalid_person_id", e.to_string()))?
                    .as_i64(),
            ),
        };
        let filter = CaseFilter {
            office: self.office_scope(ctx).await?,
            open,
            app_type,
            state,
            due_by,
            assigned_to,
            person_id,
        };
        let limit = q.limit.unwrap_or(50).clamp(1, 200);
        let offset = q.offset.unwrap_or(0).clamp(0, 1_000_000);
        let rows = self.store.list_applications(&filter, limit, offset).await?;
        let total = self
            .store
            .count_applications_upto(&filter, Some(QUEUE_COUNT_CAP + 1))
            .await?;
        self.audit_read(
            ctx,
            "application.list",
            None,
            None,
            serde_json::json!({"rows": rows.len(), "offset": offset}),
        )
        .await?;
        Ok(QueuePage {
            total: total.min(QUEUE_COUNT_CAP),
            total_is_capped: total > QUEUE_COUNT_CAP,
            items: rows
                .into_iter()
                .map(|r| {
                    let state: State = r.state.parse().unwrap_or(State::Closed);
                    QueueLine {
                        clock: clock_of(state, r.deadline.as_deref(), today, &cal),
                        id: r.application_id,
                        number: r.number,
                        app_type: r.app_type,
                        person_id: PersonId::from_stored(r.person_id).to_string(),
                        office_code: r.office_code,
                        state: r.state,
                        deadline: r.deadline,
                        assigned_to: r.assigned_to,
                        filed_on: r.filed_on,
                        version: r.version,
                    }
                })
                .collect(),
        })
    }

    /// Assigns a case to `officer` (an active account of the case's office or a national
    /// one); `version` guards against a stale screen.
    pub async fn assign_application(
        &self,
        ctx: &Ctx,
        id: i64,
        version: i64,
        officer: &str,
    ) -> Result<CaseView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "application.assign")
            .await?;
        if !matches!(&ctx.actor, Actor::User(u) if matches!(u.role, umis_domain::Role::CaseOfficer | umis_domain::Role::DecisionMaker))
            && !matches!(&ctx.actor, Actor::System(_))
        {
            return Err(ServiceError::Forbidden(
                "cases are assigned by case officers and decision makers".into(),
            ));
        }
        let mut row = self.scoped_case(ctx, id).await?;
        let officer = officer.trim();
        let user = self
            .store
            .find_user(officer)
            .await?
            .filter(|u| !u.disabled)
            .ok_or_else(|| {
                invalid(
                    "assigned_to",
                    "unknown_user",
                    format!("no active officer '{officer}'"),
                )
            })?;
        if !matches!(
            user.role,
            umis_domain::Role::CaseOfficer | umis_domain::Role::DecisionMaker
        ) {
            return Err(invalid(
                "assigned_to",
                "not_a_case_officer",
                format!("'{officer}' is not a case officer or decision maker"),
            ));
        }
        let state: State = row.state.parse().unwrap_or(State::Closed);
        if !state.is_open() {
            return Err(ServiceError::Conflict("the case is finished".into()));
        }
        let before = row.assigned_to.clone();
        row.assigned_to = Some(user.username.clone());
        row.updated_at = self.now();
        let event = CaseEvent {
            application_id: id,
            seq: 0,
            at: self.now(),
            actor: ctx.actor_name(),
            action: "assign".into(),
            from_state: Some(row.state.clone()),
            to_state: row.state.clone(),
            note: None,
            details: serde_json::json!({"from": before, "to": user.username}).to_string(),
        };
        let audit = ctx
            .audit(self.now(), "application.assign", AuditOutcome::Ok)
            .object("application", id.to_string())
            .person(PersonId::from_stored(row.person_id).to_string());
        self.store
            .save_case(&row, version, &event, &CaseChange::default(), audit)
            .await?;
        let row = self.store.get_application(id).await?;
        self.view(ctx, &row).await
    }

    /// Takes a workflow action on a case. The action must be allowed in the case's state for
    /// the caller's role, its preconditions must hold, and `version` must be the case's
    /// current version: otherwise nothing changes.
    pub async fn act_on_application(
        &self,
        ctx: &Ctx,
        id: i64,
        input: &ActionInput,
    ) -> Result<CaseView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "application.act")
            .await?;
        let who = who_of(ctx)?;
        let kind: ActionKind =
            input
                .action
                .trim()
                .parse()
                .map_err(|e: umis_domain::UnknownValue| {
                    invalid("action", "unknown_action", e.to_string())
                })?;
        let mut row = self.scoped_case(ctx, id).await?;
        if input.version != row.version {
            return Err(StoreError::Conflict(umis_store::STALE.into()).into());
        }
        let (app_type, case) = self.domain_case(&row).await?;
        let spec = app_type.spec();
        let today = self.local_today();
        let now = self.now();
        let note = text("note", &input.note, 2000)?;
        let needs_note = matches!(
            kind,
            ActionKind::RequestInfo
                | ActionKind::Withdraw
                | ActionKind::ReturnForReview
                | ActionKind::LodgeAppeal
                | ActionKind::UpholdDecision
                | ActionKind::OverturnDecision
        );
        // Workflow first (state and role), then the payload: the clearest error wins.
        cases::check(&case, &who, kind).map_err(workflow_error)?;
        if needs_note && note.is_none() {
            return Err(invalid(
                "note",
                "required",
                format!("'{}' needs a reason in the note", kind.as_str()),
            ));
        }
        let mut change = CaseChange::default();
        let action = match kind {
            ActionKind::Propose => {
                let outcome: Outcome = input
                    .outcome
                    .as_deref()
                    .unwrap_or("")
                    .trim()
                    .parse()
                    .map_err(|e: umis_domain::UnknownValue| {
                        invalid("outcome", "unknown_outcome", e.to_string())
                    })?;
                let ground = input
                    .ground
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| {
                        invalid(
                            "ground",
                            "ground_required",
                            "a proposal names its legal ground (a refusal without a ground is \
                             impossible, R25)",
                        )
                    })?;
                let reasoning = text("reasoning", &input.reasoning, 8000)?.ok_or_else(|| {
                    invalid("reasoning", "required", "a proposal needs its reasoning")
                })?;
                row.reasoning = Some(reasoning);
                Action::Propose {
                    outcome,
                    ground: ground.to_owned(),
                }
            }
            ActionKind::RequestChecks => {
                let agencies: Vec<String> = if input.agencies.is_empty() {
                    spec.checks.iter().map(|s| (*s).to_owned()).collect()
                } else {
                    input.agencies.iter().map(|a| a.trim().to_owned()).collect()
                };
                let policies = self.case_policies().await?;
                let cal = self.holiday_calendar().await?;
                let due = policies
                    .clock("check.deadline", today)
                    .map(|r| cases::deadline(r, today, &[], &cal))
                    .unwrap_or(today);
                for a in &agencies {
                    if !cases::AGENCIES.contains(&a.as_str()) {
                        return Err(invalid(
                            "agencies",
                            "unknown_agency",
                            format!(
                                "unknown partner body '{a}' (known: {})",
                                cases::AGENCIES.join(", ")
                            ),
                        ));
                    }
                    if change.new_checks.iter().any(|c| &c.agency == a) {
                        continue;
                    }
                    change.new_checks.push(CheckRow {
                        check_id: 0,
                        application_id: id,
                        agency: a.clone(),
                        question: format!(
                            "{} {}: {}",
                            spec.code,
                            row.number,
                            note.clone()
                                .unwrap_or_else(|| "any objection or record?".into())
                        ),
                        status: "pending".into(),
                        requested_at: now,
                        requested_by: ctx.actor_name(),
                        due_on: due.to_string(),
                        answer: None,
                        answer_text: None,
                        answered_at: None,
                        answered_by: None,
                    });
                }
                Action::RequestChecks {
                    n: u32::try_from(change.new_checks.len()).unwrap_or(0),
                }
            }
            other => Action::Plain(other),
        };
        let next = cases::apply(&case, &who, &action).map_err(workflow_error)?;
        let from_state = row.state.clone();
        row.state = next.state.as_str().into();
        row.is_open = next.state.is_open();
        row.outcome = next.outcome.map(|o| o.as_str().to_owned());
        row.ground = next.ground.clone();
        row.preparers = next.preparers.join(",");
        row.proposed_by = next.proposed_by.clone();
        row.decided_by = next.decided_by.clone();
        row.appeals = i64::from(next.appeals);
        row.appealed_decider = next.appealed_decider.clone();
        row.updated_at = now;
        let mut pauses = json_pauses(&row.pauses);
        let mut clock_start = row.registered_on.as_deref().and_then(parse_day);
        match kind {
            ActionKind::Submit => row.filed_on = Some(today.to_string()),
            ActionKind::Register => {
                row.registered_on = Some(today.to_string());
                clock_start = Some(today);
            }
            ActionKind::RequestInfo => row.paused_since = Some(today.to_string()),
            ActionKind::InfoReceived => {
                if let Some(since) = row.paused_since.take().as_deref().and_then(parse_day)
                    && let Some(last) = today.checked_sub(Duration::days(1))
                    && last >= since
                {
                    pauses.push(Pause {
                        from: since,
                        to: last,
                    });
                }
                if clock_start.is_none() {
                    // Information asked for before registration: the clock starts now.
                    row.registered_on = Some(today.to_string());
                    clock_start = Some(today);
                }
            }
            ActionKind::StartReview if row.assigned_to.is_none() => {
                if let Who::Officer { name, .. } = &who {
                    row.assigned_to = Some(name.clone());
                }
            }
            ActionKind::ReturnForReview | ActionKind::OverturnDecision => {
                row.reasoning = None;
                row.decided_on = None;
                if kind == ActionKind::OverturnDecision {
                    // The new decision has its own full period from the appeal's outcome.
                    row.registered_on = Some(today.to_string());
                    clock_start = Some(today);
                    pauses.clear();
                }
            }
            ActionKind::Decide | ActionKind::UpholdDecision => {
                row.decided_on = Some(today.to_string())
            }
            ActionKind::Issue => {
                let permit = self.permit_for(&row, app_type, today, now).await?;
                row.permit_number = Some(permit.number.clone());
                change.permit = Some(permit);
            }
            _ => {}
        }
        row.pauses = pauses_json(&pauses);
        row.deadline = match (next.state.clock_runs(), clock_start) {
            (true, Some(start)) => {
                let policies = self.case_policies().await?;
                let cal = self.holiday_calendar().await?;
                let fee_tier = serde_json::from_str::<serde_json::Value>(&row.fields)
                    .ok()
                    .and_then(|f| {
                        f.get("fee_tier")
                            .and_then(|v| v.as_str())
                            .map(str::to_owned)
                    });
                let code = spec.deadline_rule_for(fee_tier.as_deref());
                let rule = policies.clock(&code, start).ok_or_else(|| {
                    ServiceError::Internal(format!("no policy rule '{code}' in force on {start}"))
                })?;
                Some(cases::deadline(rule, start, &pauses, &cal).to_string())
            }
            _ => None,
        };
        row.queue_due = row.deadline.clone().unwrap_or_else(|| FAR_FUTURE.into());
        let event = CaseEvent {
            application_id: id,
            seq: 0,
            at: now,
            actor: ctx.actor_name(),
            action: kind.as_str().into(),
            from_state: Some(from_state),
            to_state: row.state.clone(),
            note: note.clone(),
            details: serde_json::json!({
                "outcome": row.outcome.clone().filter(|_| kind == ActionKind::Propose),
                "ground": row.ground.clone().filter(|_| kind == ActionKind::Propose),
                "agencies": change.new_checks.iter().map(|c| c.agency.clone()).collect::<Vec<_>>(),
                "permit": row.permit_number.clone().filter(|_| kind == ActionKind::Issue),
                "deadline": row.deadline,
            })
            .to_string(),
        };
        let audit = ctx
            .audit(
                now,
                &format!("application.{}", kind.as_str()),
                AuditOutcome::Ok,
            )
            .object("application", id.to_string())
            .person(PersonId::from_stored(row.person_id).to_string());
        self.store
            .save_case(&row, input.version, &event, &change, audit)
            .await?;
        if change.permit.is_some() {
            self.refresh_stays(&[row.person_id]).await?;
        }
        let row = self.store.get_application(id).await?;
        self.view(ctx, &row).await
    }

    /// The permit an approval issues: its number, validity from the rules and conditions.
    async fn permit_for(
        &self,
        row: &ApplicationRow,
        app_type: AppType,
        today: Date,
        now: i64,
    ) -> Result<PermitRecord, ServiceError> {
        let spec = app_type.spec();
        let policies = self.case_policies().await?;
        let fields: serde_json::Value = serde_json::from_str(&row.fields).unwrap_or_default();
        let int = |k: &str| fields.get(k).and_then(serde_json::Value::as_i64);
        let rule = policies.get(spec.validity_rule, today);
        let rule_int = |k: &str| rule.and_then(|r| r.int(k));
        let mut from = today;
        let to = match app_type {
            AppType::StayExtension => {
                // The extension continues the current lawful stay.
                let stay = self
                    .stay_view(
                        &Ctx::system("permit"),
                        &PersonId::from_stored(row.person_id).to_string(),
                        None,
                        false,
                    )
                    .await?;
                if let Some(until) = stay.lawful_until.as_deref().and_then(parse_day)
                    && until >= today
                {
                    from = until.checked_add(Duration::days(1)).unwrap_or(until);
                }
                let days = int("requested_days")
                    .unwrap_or(30)
                    .min(rule_int("max_days").unwrap_or(90));
                from.checked_add(Duration::days(days - 1))
            }
            AppType::TemporaryResidence | AppType::WorkPermit => {
                let months = int("requested_months")
                    .unwrap_or(12)
                    .min(rule_int("max_months").unwrap_or(12));
                let end = cases::shift_months(from, months)
                    .and_then(|d| d.checked_sub(Duration::days(1)));
                // A work permit never outlasts the employment contract.
                let contract = fields
                    .get("contract_until")
                    .and_then(|v| v.as_str())
                    .and_then(parse_day);
                match (end, contract) {
                    (Some(e), Some(c)) => Some(e.min(c)),
                    (e, _) => e,
                }
            }
            _ => match rule_int("years") {
                Some(y) => {
                    cases::shift_months(from, y * 12).and_then(|d| d.checked_sub(Duration::days(1)))
                }
                None => parse_day(FAR_FUTURE),
            },
        }
        .ok_or_else(|| ServiceError::Internal("permit validity out of range".into()))?;
        let conditions = match app_type {
            AppType::WorkPermit => Some(format!(
                "employer: {} ({}); position: {}",
                fields
                    .get("employer_name")
                    .and_then(|v| v.as_str())
                    .unwrap_or(""),
                fields
                    .get("employer_tax_id")
                    .and_then(|v| v.as_str())
                    .unwrap_or(""),
                fields
                    .get("position")
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
            )),
            AppType::TemporaryResidence => fields
                .get("ground")
                .and_then(|v| v.as_str())
                .map(|g| format!("ground: {g}")),
            _ => None,
        };
        Ok(PermitRecord {
            person_id: row.person_id,
            permit_id: 0,
            kind: spec.permit_kind.into(),
            number: format!("{}{}{:07}", spec.prefix, today.year(), row.application_id),
            valid_from: from.to_string(),
            valid_to: to.to_string(),
            status: "valid".into(),
            created_at: now,
            application_id: Some(row.application_id),
            conditions,
        })
    }

    /// Checks for a partner body: a client sees its own agency's only; an officer sees every
    /// agency's (or `agency`'s).
    pub async fn list_checks(
        &self,
        ctx: &Ctx,
        agency: Option<&str>,
        status: Option<&str>,
        limit: i64,
    ) -> Result<Vec<CheckView>, ServiceError> {
        let agency = match &ctx.actor {
            Actor::Client(c) => {
                self.authorize(ctx, Permission::AnswerChecks, "check.list")
                    .await?;
                Some(c.agency.clone().ok_or_else(|| {
                    ServiceError::Forbidden("the token speaks for no partner body".into())
                })?)
            }
            _ => {
                self.authorize(ctx, Permission::ReadApplications, "check.list")
                    .await?;
                agency.map(str::to_owned)
            }
        };
        let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s @ ("pending" | "answered")) => Some(s),
            Some(other) => {
                return Err(invalid(
                    "status",
                    "unknown_status",
                    format!("status must be pending or answered (got '{other}')"),
                ));
            }
        };
        let rows = self
            .store
            .list_checks(agency.as_deref(), status, limit.clamp(1, 500))
            .await?;
        let today = self.local_today();
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let number = self
                .store
                .get_application(r.application_id)
                .await
                .ok()
                .map(|a| a.number);
            out.push(check_view(r, number, today));
        }
        self.audit_read(
            ctx,
            "check.list",
            None,
            None,
            serde_json::json!({"rows": out.len()}),
        )
        .await?;
        Ok(out)
    }

    /// Answers a check: by the partner body's client (its own checks only; another body's is
    /// "not found") or recorded by an officer of the case's office.
    pub async fn answer_check(
        &self,
        ctx: &Ctx,
        check_id: i64,
        answer: &str,
        answer_text: Option<&str>,
    ) -> Result<CheckView, ServiceError> {
        let check = match self.store.get_check(check_id).await {
            Ok(c) => c,
            Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        let row = match &ctx.actor {
            Actor::Client(c) => {
                self.authorize(ctx, Permission::AnswerChecks, "check.answer")
                    .await?;
                if c.agency.as_deref() != Some(check.agency.as_str()) {
                    return Err(ServiceError::NotFound);
                }
                self.store.get_application(check.application_id).await?
            }
            _ => {
                self.authorize(ctx, Permission::WriteApplications, "check.answer")
                    .await?;
                self.scoped_case(ctx, check.application_id).await?
            }
        };
        let answer = answer.trim();
        if !cases::CHECK_ANSWERS.contains(&answer) {
            return Err(invalid(
                "answer",
                "unknown_answer",
                format!(
                    "answer must be one of: {} (got '{answer}')",
                    cases::CHECK_ANSWERS.join(", ")
                ),
            ));
        }
        let answer_text = text("answer_text", &answer_text.map(str::to_owned), 4000)?;
        if answer == "objection" && answer_text.is_none() {
            return Err(invalid(
                "answer_text",
                "required",
                "an objection states its reasons",
            ));
        }
        if check.status != "pending" {
            return Err(ServiceError::Conflict(
                "the check was already answered".into(),
            ));
        }
        // The answer does not depend on the officer's screen: retry on a concurrent change.
        let mut row = row;
        for attempt in 0..3 {
            let now = self.now();
            let event = CaseEvent {
                application_id: row.application_id,
                seq: 0,
                at: now,
                actor: ctx.actor_name(),
                action: "check.answer".into(),
                from_state: Some(row.state.clone()),
                to_state: row.state.clone(),
                note: answer_text.clone(),
                details:
                    serde_json::json!({"check": check_id, "agency": check.agency, "answer": answer})
                        .to_string(),
            };
            let change = CaseChange {
                answered_check: Some((
                    check_id,
                    answer.to_owned(),
                    answer_text.clone(),
                    ctx.actor_name(),
                    now,
                )),
                ..Default::default()
            };
            let audit = ctx
                .audit(now, "check.answer", AuditOutcome::Ok)
                .object("check", check_id.to_string())
                .person(PersonId::from_stored(row.person_id).to_string());
            let mut saved = row.clone();
            saved.updated_at = now;
            match self
                .store
                .save_case(&saved, row.version, &event, &change, audit)
                .await
            {
                Ok(_) => break,
                Err(StoreError::Conflict(m)) if m == umis_store::STALE && attempt < 2 => {
                    row = self.store.get_application(row.application_id).await?;
                }
                Err(e) => return Err(e.into()),
            }
        }
        let c = self.store.get_check(check_id).await?;
        Ok(check_view(c, Some(row.number), self.local_today()))
    }

    /// Attaches a scanned document (PDF, JPEG or PNG, judged by content; at most
    /// [`MAX_ATTACHMENT_BYTES`]) to a case; a checklist kind counts as on file.
    pub async fn add_attachment(
        &self,
        ctx: &Ctx,
        id: i64,
        doc_kind: &str,
        filename: &str,
        content: Vec<u8>,
    ) -> Result<AttachmentView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "application.attach")
            .await?;
        let mut row = self.scoped_case(ctx, id).await?;
        let (app_type, _) = self.domain_case(&row).await?;
        let doc_kind = doc_kind.trim();
        if doc_kind != OTHER_DOCUMENT && !app_type.spec().documents.contains(&doc_kind) {
            return Err(invalid(
                "doc_kind",
                "unknown_document",
                format!(
                    "'{doc_kind}' is not on the {} checklist ({}, or {OTHER_DOCUMENT})",
                    app_type,
                    app_type.spec().documents.join(", ")
                ),
            ));
        }
        if content.is_empty() {
            return Err(invalid("file", "empty_file", "the file is empty"));
        }
        if content.len() > MAX_ATTACHMENT_BYTES {
            return Err(invalid(
                "file",
                "too_large",
                format!(
                    "the file has {} bytes; at most {MAX_ATTACHMENT_BYTES} are accepted",
                    content.len()
                ),
            ));
        }
        let content_type = sniff_content_type(&content).ok_or_else(|| {
            invalid(
                "file",
                "unsupported_type",
                "only PDF, JPEG and PNG files are accepted (judged by their content)",
            )
        })?;
        let state: State = row.state.parse().unwrap_or(State::Closed);
        if matches!(state, State::Closed | State::Withdrawn) {
            return Err(ServiceError::Conflict("the case is finished".into()));
        }
        let sha = hex::encode(Sha256::digest(&content));
        let now = self.now();
        let meta = AttachmentMeta {
            attachment_id: 0,
            application_id: id,
            doc_kind: doc_kind.to_owned(),
            filename: clean_filename(filename),
            content_type: content_type.to_owned(),
            size_bytes: i64::try_from(content.len()).unwrap_or(i64::MAX),
            sha256: sha.clone(),
            uploaded_at: now,
            uploaded_by: ctx.actor_name(),
        };
        let mut docs = json_list(&row.documents);
        if doc_kind != OTHER_DOCUMENT && !docs.iter().any(|d| d == doc_kind) {
            docs.push(doc_kind.to_owned());
        }
        let version = row.version;
        row.documents = serde_json::to_string(&docs).unwrap_or_else(|_| "[]".into());
        row.updated_at = now;
        let event = CaseEvent {
            application_id: id,
            seq: 0,
            at: now,
            actor: ctx.actor_name(),
            action: "attachment.add".into(),
            from_state: Some(row.state.clone()),
            to_state: row.state.clone(),
            note: None,
            details: serde_json::json!({"doc_kind": doc_kind, "filename": meta.filename, "sha256": sha, "size": meta.size_bytes})
                .to_string(),
        };
        let audit = ctx
            .audit(now, "application.attach", AuditOutcome::Ok)
            .object("application", id.to_string())
            .person(PersonId::from_stored(row.person_id).to_string());
        let change = CaseChange {
            attachment: Some((meta.clone(), content)),
            ..Default::default()
        };
        self.store
            .save_case(&row, version, &event, &change, audit)
            .await?;
        let stored = self
            .store
            .attachments_of(id)
            .await?
            .into_iter()
            .rfind(|a| a.sha256 == sha)
            .ok_or(ServiceError::NotFound)?;
        Ok(attachment_view(stored))
    }

    /// An attachment's content (audited as a read of personal data).
    pub async fn attachment(
        &self,
        ctx: &Ctx,
        id: i64,
        attachment_id: i64,
    ) -> Result<(AttachmentView, Vec<u8>), ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "application.attachment")
            .await?;
        let row = self.scoped_case(ctx, id).await?;
        let (meta, content) = match self.store.attachment(attachment_id).await {
            Ok(x) => x,
            Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        if meta.application_id != id {
            return Err(ServiceError::NotFound);
        }
        self.audit_read(
            ctx,
            "application.attachment",
            Some(&PersonId::from_stored(row.person_id).to_string()),
            None,
            serde_json::json!({"application": id, "attachment": attachment_id, "sha256": meta.sha256}),
        )
        .await?;
        Ok((attachment_view(meta), content))
    }

    /// What the decision letter of a decided case says.
    pub async fn decision_letter(&self, ctx: &Ctx, id: i64) -> Result<LetterData, ServiceError> {
        let case = self.application(ctx, id).await?;
        if case.decided_on.is_none() {
            return Err(ServiceError::Conflict("the case is not decided yet".into()));
        }
        let row = self.store.get_application(id).await?;
        let person = self.store.find_person(row.person_id).await?;
        let permit = match &row.permit_number {
            Some(n) => self
                .store
                .permit_by_number(n)
                .await
                .ok()
                .map(PermitView::from),
            None => None,
        };
        Ok(LetterData {
            case,
            birth_date: person.and_then(|p| p.birth_date),
            permit,
        })
    }

    /// A permit with its history.
    pub async fn permit(
        &self,
        ctx: &Ctx,
        number: &str,
    ) -> Result<(PermitView, Vec<PermitEventView>), ServiceError> {
        self.authorize(ctx, Permission::ReadApplications, "permit.view")
            .await?;
        let p = match self.store.permit_by_number(number.trim()).await {
            Ok(p) => p,
            Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        let events = self
            .store
            .permit_events(p.person_id, p.permit_id)
            .await?
            .into_iter()
            .map(|e| PermitEventView {
                at: rfc3339(e.at),
                actor: e.actor,
                action: e.action,
                details: serde_json::from_str(&e.details).unwrap_or_default(),
            })
            .collect();
        self.audit_read(
            ctx,
            "permit.view",
            Some(&PersonId::from_stored(p.person_id).to_string()),
            None,
            serde_json::json!({"permit": p.number}),
        )
        .await?;
        Ok((p.into(), events))
    }

    /// Extends (`extend`, new `valid_to`), replaces (`replace`: a lost or damaged card gets a
    /// new number) or revokes (`revoke`, decision makers only) a valid permit, with a reason.
    pub async fn change_permit(
        &self,
        ctx: &Ctx,
        number: &str,
        action: &str,
        valid_to: Option<&str>,
        reason: &str,
    ) -> Result<PermitView, ServiceError> {
        self.authorize(ctx, Permission::WriteApplications, "permit.change")
            .await?;
        let p = match self.store.permit_by_number(number.trim()).await {
            Ok(p) => p,
            Err(StoreError::NotFound) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        let reason = text("reason", &Some(reason.to_owned()), 2000)?
            .ok_or_else(|| invalid("reason", "required", "a reason is required"))?;
        let (stored_action, new_to, new_number) = match action.trim() {
            "extend" => {
                let to = valid_to.and_then(parse_day).ok_or_else(|| {
                    invalid(
                        "valid_to",
                        "invalid_date",
                        "valid_to must be a date YYYY-MM-DD",
                    )
                })?;
                let old = parse_day(&p.valid_to).unwrap_or(to);
                if to <= old {
                    return Err(invalid(
                        "valid_to",
                        "not_later",
                        format!("an extension ends after the current end {old}"),
                    ));
                }
                ("extended", Some(to.to_string()), None)
            }
            "replace" => {
                let n = self
                    .store
                    .permit_events(p.person_id, p.permit_id)
                    .await?
                    .len();
                let base = p.number.split("-R").next().unwrap_or(&p.number).to_owned();
                ("replaced", None, Some(format!("{base}-R{n}")))
            }
            "revoke" => {
                if !matches!(&ctx.actor, Actor::User(u) if u.role == umis_domain::Role::DecisionMaker)
                    && !matches!(&ctx.actor, Actor::System(_))
                {
                    return Err(ServiceError::Forbidden(
                        "a permit is revoked by a decision maker".into(),
                    ));
                }
                ("revoked", None, None)
            }
            other => {
                return Err(invalid(
                    "action",
                    "unknown_action",
                    format!("action must be extend, replace or revoke (got '{other}')"),
                ));
            }
        };
        let details = serde_json::json!({
            "reason": reason, "valid_to": new_to, "old_number": new_number.as_ref().map(|_| p.number.clone()),
            "new_number": new_number,
        })
        .to_string();
        let audit = ctx
            .audit(
                self.now(),
                &format!("permit.{stored_action}"),
                AuditOutcome::Ok,
            )
            .object("permit", p.number.clone())
            .person(PersonId::from_stored(p.person_id).to_string());
        self.store
            .change_permit(
                p.person_id,
                p.permit_id,
                stored_action,
                new_to.as_deref(),
                new_number.as_deref(),
                self.now(),
                &ctx.actor_name(),
                &details,
                audit,
            )
            .await?;
        self.refresh_stays(&[p.person_id]).await?;
        Ok(self
            .store
            .permit_by_number(new_number.as_deref().unwrap_or(&p.number))
            .await?
            .into())
    }

    /// The policy rules, for the admin screen.
    pub async fn list_policy_rules(&self, ctx: &Ctx) -> Result<Vec<PolicyRuleRow>, ServiceError> {
        self.authorize(ctx, Permission::ManagePolicy, "policy.list")
            .await?;
        self.case_policies().await?;
        Ok(self.store.policy_rules().await?)
    }

    /// Adds or changes a policy rule (audited with the old and new values).
    pub async fn save_policy_rule(
        &self,
        ctx: &Ctx,
        input: &PolicyRuleInput,
    ) -> Result<i64, ServiceError> {
        self.authorize(ctx, Permission::ManagePolicy, "policy.save")
            .await?;
        let code = input.code.trim();
        if code.is_empty()
            || code.len() > 80
            || !code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_'))
        {
            return Err(invalid(
                "code",
                "invalid_code",
                "code is lower-case letters, digits, '.' and '_'",
            ));
        }
        let params: serde_json::Value = serde_json::from_str(input.params.trim())
            .map_err(|e| invalid("params", "invalid_json", format!("params: {e}")))?;
        if !params.is_object() {
            return Err(invalid(
                "params",
                "invalid_json",
                "params must be a JSON object",
            ));
        }
        let from = parse_day(&input.valid_from)
            .ok_or_else(|| invalid("valid_from", "invalid_date", "valid_from: YYYY-MM-DD"))?;
        let to = match input
            .valid_to
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => Some(parse_day(s).filter(|d| *d >= from).ok_or_else(|| {
                invalid(
                    "valid_to",
                    "invalid_date",
                    "valid_to: YYYY-MM-DD, not before valid_from",
                )
            })?),
        };
        if code.starts_with("deadline.") || code == "check.deadline" {
            let probe = PolicyRule {
                code: code.into(),
                params: params.clone(),
                valid_from: from,
                valid_to: to,
                legal_ref: String::new(),
                status: PolicyStatus::Uncertain,
            };
            if cases::ClockRule::from_rule(&probe).is_none() {
                return Err(invalid(
                    "params",
                    "invalid_clock",
                    "a deadline rule is {\"unit\": \"working_days\"|\"calendar_days\"|\"months\", \"n\": N}",
                ));
            }
        }
        let status = input.status.trim();
        if !matches!(status, "sourced" | "uncertain") {
            return Err(invalid(
                "status",
                "unknown_status",
                "status is sourced or uncertain",
            ));
        }
        let legal_ref = text("legal_ref", &Some(input.legal_ref.clone()), 300)?
            .ok_or_else(|| invalid("legal_ref", "required", "a legal reference is required"))?;
        let old = match input.rule_id {
            Some(id) => Some(
                self.store
                    .policy_rules()
                    .await?
                    .into_iter()
                    .find(|r| r.rule_id == id)
                    .ok_or(ServiceError::NotFound)?,
            ),
            None => None,
        };
        if let Some(o) = &old
            && o.code != code
        {
            return Err(invalid(
                "code",
                "immutable",
                "a rule's code cannot change; add a new rule",
            ));
        }
        let row = PolicyRuleRow {
            rule_id: input.rule_id.unwrap_or(0),
            code: code.into(),
            params: params.to_string(),
            valid_from: from.to_string(),
            valid_to: to.map(|d| d.to_string()),
            legal_ref,
            status: status.into(),
            updated_at: self.now(),
            updated_by: ctx.actor_name(),
        };
        let audit = ctx
            .audit(self.now(), "policy.save", AuditOutcome::Ok)
            .object("policy_rule", code.to_owned())
            .detail(
                "old",
                old.map(|o| serde_json::json!({"params": o.params, "valid_from": o.valid_from, "valid_to": o.valid_to, "status": o.status}))
                    .unwrap_or(serde_json::Value::Null),
            )
            .detail("new", serde_json::json!({"params": row.params, "valid_from": row.valid_from, "valid_to": row.valid_to, "status": row.status}));
        let id = self.store.save_policy_rule(&row, audit).await?;
        self.forget_case_rules();
        Ok(id)
    }

    /// The holiday calendar.
    pub async fn list_holidays(&self, ctx: &Ctx) -> Result<Vec<(String, String)>, ServiceError> {
        self.authorize(ctx, Permission::ManagePolicy, "holiday.list")
            .await?;
        self.holiday_calendar().await?;
        Ok(self.store.holidays().await?)
    }

    /// Adds a holiday (with a name) or removes one (no name).
    pub async fn set_holiday(
        &self,
        ctx: &Ctx,
        day: &str,
        name: Option<&str>,
    ) -> Result<(), ServiceError> {
        self.authorize(ctx, Permission::ManagePolicy, "holiday.set")
            .await?;
        let d = parse_day(day)
            .ok_or_else(|| invalid("day", "invalid_date", "day must be a date YYYY-MM-DD"))?;
        let name = text("name", &name.map(str::to_owned), 120)?;
        self.holiday_calendar().await?;
        let audit = ctx
            .audit(self.now(), "holiday.set", AuditOutcome::Ok)
            .object("holiday", d.to_string())
            .detail(
                "name",
                name.clone()
                    .map(serde_json::Value::from)
                    .unwrap_or_default(),
            );
        self.store
            .set_holiday(&d.to_string(), name.as_deref(), audit)
            .await?;
        self.forget_case_rules();
        Ok(())
    }
}

fn clock_of(state: State, deadline: Option<&str>, today: Date, cal: &WorkCalendar) -> String {
    if !state.is_open() || !(state.clock_runs() || state == State::AwaitingApplicant) {
        return "none".into();
    }
    ClockStatus::of(deadline.and_then(parse_day), today, cal)
        .as_str()
        .to_owned()
}

fn check_view(c: CheckRow, number: Option<String>, today: Date) -> CheckView {
    let overdue = c.status == "pending" && parse_day(&c.due_on).is_some_and(|d| d < today);
    CheckView {
        check_id: c.check_id,
        application_id: c.application_id,
        application_number: number,
        agency: c.agency,
        question: c.question,
        status: c.status,
        due_on: c.due_on,
        overdue,
        answer: c.answer,
        answer_text: c.answer_text,
        answered_by: c.answered_by,
    }
}

fn attachment_view(a: AttachmentMeta) -> AttachmentView {
    AttachmentView {
        attachment_id: a.attachment_id,
        doc_kind: a.doc_kind,
        filename: a.filename,
        content_type: a.content_type,
        size_bytes: a.size_bytes,
        sha256: a.sha256,
        uploaded_at: rfc3339(a.uploaded_at),
        uploaded_by: a.uploaded_by,
    }
}
