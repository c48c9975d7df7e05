//! Demo applications: every type in every state, filed over the last two months by the demo
//! case officer and decided by the demo decision maker, so the queue has cases on time, at
//! risk and past their legal deadline.

use std::sync::Arc;
use umis_domain::Role;
use umis_service::{
    ActionInput, Actor, ApplicationInput, Clock, Ctx, ManualClock, SecurityConfig, ServiceError,
    Services, UserActor,
};

const DAY: i64 = 86_400_000_000;

/// Where each demo case of a type stops: (days ago it was filed, the actions taken).
const PLANS: &[(i64, &[&str])] = &[
    (1, &[]),
    (2, &["register"]),
    (20, &["register", "start_review"]),
    (6, &["register", "start_review", "request_info"]),
    (9, &["register", "start_review", "request_checks"]),
    (
        12,
        &[
            "register",
            "start_review",
            "request_checks",
            "answer",
            "propose_approve",
        ],
    ),
    (
        30,
        &[
            "register",
            "start_review",
            "request_checks",
            "answer",
            "propose_refuse",
            "decide",
            "close",
        ],
    ),
    (
        40,
        &[
            "register",
            "start_review",
            "request_checks",
            "answer",
            "propose_approve",
            "decide",
            "issue",
            "close",
        ],
    ),
    (15, &["register", "withdraw"]),
    (
        50,
        &[
            "register",
            "start_review",
            "request_checks",
            "answer",
            "propose_refuse",
            "decide",
            "close",
            "lodge_appeal",
        ],
    ),
    (3, &["draft"]),
];

fn officer(services_user: &umis_store::User) -> Ctx {
    Ctx::new(
        Actor::User(UserActor {
            id: services_user.id,
            username: services_user.username.clone(),
            role: services_user.role,
            office_code: services_user.office_code.clone(),
            lang: None,
            totp_enabled: false,
            must_enrol_mfa: false,
        }),
        None,
    )
}

fn fields(app_type: &str, today: time::Date) -> serde_json::Value {
    use serde_json::json;
    match app_type {
        "stay_extension" => json!({"requested_days": 30, "reason": "Medical treatment in Baku"}),
        "temporary_residence" => json!({"ground": "highly_qualified", "requested_months": 12,
            "address": "Bakı, Nizami küç. 10, mənzil 4"}),
        "permanent_residence" => json!({"address": "Gəncə, Atatürk pr. 5"}),
        "work_permit" => {
            json!({"employer_name": "Xəzər Tikinti MMC", "employer_tax_id": "1700123451",
            "position": "Site engineer", "contract_until": (today + time::Duration::days(300)).to_string(),
            "fee_tier": "standard", "requested_months": 12})
        }
        "immigrant_status" => json!({"basis": "Permanent residence since 2020"}),
        "citizenship" => json!({"kind": "naturalisation"}),
        _ => json!({"country_of_origin": "AFG", "claim": "Persecution for political opinion"}),
    }
}

/// Seeds the demo applications once (nothing when any application exists).
pub async fn seed(services: &Services, _ctx: &Ctx) -> anyhow::Result<()> {
    let err = |e: ServiceError| anyhow::anyhow!("demo applications: {e}");
    if services
        .store()
        .count_applications(&Default::default())
        .await?
        > 0
    {
        return Ok(());
    }
    let users = services.store().list_users().await?;
    let find = |role: Role| {
        users
            .iter()
            .find(|u| u.role == role && u.username.starts_with("demo."))
    };
    let (Some(co), Some(dm)) = (find(Role::CaseOfficer), find(Role::DecisionMaker)) else {
        return Ok(());
    };
    let (co, dm) = (officer(co), officer(dm));
    let now = services.now();
    let clock = ManualClock::at(now - 60 * DAY);
    let svc = Services::new(
        services.store().clone(),
        Arc::new(clock.clone()),
        SecurityConfig::default(),
    );
    let system = Ctx::system("demo");
    let persons = services.store().list_persons(None, 500, None).await?;
    let mut used = vec![false; persons.len()];
    let mut residence_recorded = std::collections::HashSet::new();
    for spec in umis_domain::cases::TYPES {
        for (n, (days_ago, steps)) in PLANS.iter().enumerate() {
            let filed_at = now - days_ago * DAY;
            clock.set(filed_at);
            let today = svc.local_today();
            // The first demo person the type's eligibility rules accept.
            let mut filed = None;
            for (i, p) in persons.iter().enumerate().rev() {
                if used[i] {
                    continue;
                }
                let pid = umis_domain::person::PersonId::from_stored(p.person_id).to_string();
                let first = residence_recorded.insert((spec.code, p.person_id));
                match spec.code {
                    _ if !first => {}
                    "permanent_residence" => {
                        let from = today - time::Duration::days(800);
                        let to = today + time::Duration::days(100);
                        svc.record_permit(
                            &system,
                            &pid,
                            "trp",
                            &format!("TRP-DEMO-{}", p.person_id),
                            &from.to_string(),
                            &to.to_string(),
                        )
                        .await
                        .map_err(err)?;
                    }
                    "citizenship" => {
                        let from = today - time::Duration::days(6 * 365);
                        let to = today - time::Duration::days(365);
                        svc.record_permit(
                            &system,
                            &pid,
                            "prp",
                            &format!("PRP-DEMO-{}", p.person_id),
                            &from.to_string(),
                            &to.to_string(),
                        )
                        .await
                        .map_err(err)?;
                    }
                    _ => {}
                }
                let input = ApplicationInput {
                    app_type: spec.code.into(),
                    person_id: pid,
                    fields: fields(spec.code, today)
                        .as_object()
                        .cloned()
                        .unwrap_or_default(),
                    documents: spec.documents.iter().map(|d| (*d).to_owned()).collect(),
                    lang: Some(["az", "ru", "en"][n % 3].into()),
                    draft: steps.first() == Some(&"draft"),
                };
                match svc.submit_application(&co, &input).await {
                    Ok(view) => {
                        used[i] = true;
                        filed = Some(view);
                        break;
                    }
                    Err(ServiceError::Validation { .. }) => continue,
                    Err(e) => return Err(err(e)),
                }
            }
            let Some(mut case) = filed else { continue };
            for step in steps.iter().filter(|s| **s != "draft") {
                clock.set((clock.now_micros() + DAY).min(now - DAY / 2));
                if *step == "answer" {
                    for c in case.checks.iter().filter(|c| c.status == "pending") {
                        svc.answer_check(&system, c.check_id, "no_objection", None)
                            .await
                            .map_err(err)?;
                    }
                    case = svc.application(&co, case.id).await.map_err(err)?;
                    continue;
                }
                if *step == "request_checks" && spec.checks.is_empty() {
                    continue;
                }
                let (action, outcome, ground) = match *step {
                    "propose_approve" => {
                        ("propose", Some("approve"), spec.grounds.first().copied())
                    }
                    "propose_refuse" => ("propose", Some("refuse"), Some("incomplete_documents")),
                    other => (other, None, None),
                };
                let who = if matches!(action, "decide") { &dm } else { &co };
                let input = ActionInput {
                    action: action.into(),
                    version: case.version,
                    outcome: outcome.map(str::to_owned),
                    ground: ground.map(str::to_owned),
                    reasoning: outcome.map(|o| {
                        if o == "approve" {
                            "The conditions of the ground are met and the checks raised no objection.".to_owned()
                        } else {
                            "The supporting documents were not provided after a request.".to_owned()
                        }
                    }),
                    note: matches!(action, "request_info" | "withdraw" | "lodge_appeal").then(|| {
                        match action {
                            "request_info" => "Please provide a certified translation of the diploma.",
                            "withdraw" => "The applicant is leaving the country.",
                            _ => "The applicant submits the missing documents with the appeal.",
                        }
                        .to_owned()
                    }),
                    agencies: Vec::new(),
                };
                case = svc
                    .act_on_application(who, case.id, &input)
                    .await
                    .map_err(err)?;
            }
        }
    }
    Ok(())
}
