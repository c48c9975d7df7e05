//! Applications through the API on both backends: every type from filing to an issued permit
//! (a front office files, officers prepare and decide under four-eyes, partner bodies answer
//! checks with their own tokens); refusal, appeal and withdrawal; and bad input of every kind
//! refused with a precise error and nothing changed.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{App, Jar, PASSWORD, Res, apps};
use serde_json::{Value, json};
use umis_service::{Ctx, NewUserInput};

/// An officer's API session: the cookie jar and the anti-forgery token writes carry.
struct Officer {
    jar: Jar,
    csrf: String,
}

async fn officer(app: &App, username: &str, role: &str) -> Officer {
    if username != "officer" {
        app.services
            .create_user(
                &Ctx::system("test"),
                NewUserInput {
                    username: username.into(),
                    role: role.into(),
                    office_code: "HQ".into(),
                    password: PASSWORD.into(),
                    mfa_exempt: true,
                    full_name: String::new(),
                },
            )
            .await
            .expect("user");
    }
    let (jar, csrf) = app.login(username).await;
    Officer { jar, csrf }
}

async fn as_officer(
    app: &App,
    o: &Officer,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Res {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header(header::COOKIE, o.jar.header())
        .header("x-csrf-token", &o.csrf);
    let body = match body {
        Some(v) => {
            b = b.header(header::CONTENT_TYPE, "application/json");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    app.send(b.body(body).expect("request")).await
}

async fn act(app: &App, o: &Officer, case: &Value, body: Value) -> Res {
    let mut body = body;
    body["version"] = case["version"].clone();
    let id = case["id"].as_i64().expect("id");
    as_officer(
        app,
        o,
        Method::POST,
        &format!("/api/v1/applications/{id}/actions"),
        Some(body),
    )
    .await
}

fn ok(res: &Res, what: &str) -> Value {
    assert_eq!(res.status, StatusCode::OK, "{what}: {}", res.body);
    res.json()
}

async fn person(app: &App, token: &str, surname: &str, passport_expiry: &str) -> String {
    let res = app
        .api(
            Method::POST,
            "/api/v1/persons",
            Some(token),
            Some(
                &json!({"surname": surname, "given_names": "Test", "sex": "F",
                    "birth_date": "1988-05-06", "nationalities": ["IND"],
                    "documents": [{"issuing_state": "IND", "number": format!("P{}", surname.len() * 7919),
                                   "expiry_date": passport_expiry}]})
                .to_string(),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.json()["person_id"].as_str().expect("id").to_owned()
}

fn filing(app_type: &str, person_id: &str) -> (Value, &'static str) {
    let (fields, documents, ground) = match app_type {
        "stay_extension" => (
            json!({"requested_days": 30, "reason": "medical treatment"}),
            json!(["passport_copy", "application_form"]),
            "treatment",
        ),
        "temporary_residence" => (
            json!({"ground": "highly_qualified", "requested_months": 12, "address": "Bakı, Nizami küç. 10"}),
            json!([
                "passport_copy",
                "photo",
                "application_form",
                "ground_evidence",
                "medical_certificate"
            ]),
            "highly_qualified",
        ),
        "permanent_residence" => (
            json!({"address": "Gəncə, Atatürk pr. 5"}),
            json!([
                "passport_copy",
                "photo",
                "application_form",
                "income_evidence"
            ]),
            "lawful_temporary_residence",
        ),
        "work_permit" => (
            json!({"employer_name": "Bakı Tikinti MMC", "employer_tax_id": "1700123451",
                   "position": "engineer", "contract_until": "2027-12-31", "fee_tier": "urgent",
                   "requested_months": 12}),
            json!([
                "passport_copy",
                "employment_contract",
                "diploma",
                "medical_certificate",
                "fee_receipt"
            ]),
            "labour_market",
        ),
        "immigrant_status" => (
            json!({"basis": "permanent residence since 2021"}),
            json!(["passport_copy", "photo", "application_form"]),
            "permanent_residence",
        ),
        "citizenship" => (
            json!({"kind": "naturalisation"}),
            json!([
                "passport_copy",
                "photo",
                "application_form",
                "residence_evidence"
            ]),
            "naturalisation",
        ),
        _ => (
            json!({"country_of_origin": "afg", "claim": "persecution for political opinion"}),
            json!(["application_form"]),
            "convention_refugee",
        ),
    };
    (
        json!({"app_type": app_type, "person_id": person_id, "fields": fields,
               "documents": documents, "lang": "ru"}),
        ground,
    )
}

#[tokio::test]
async fn every_type_runs_from_filing_to_an_issued_permit() {
    for app in apps().await {
        let b = app.backend;
        let registry = app.token("registry", "persons:write").await;
        let egov = app
            .token("e-gov", "applications:write,applications:read")
            .await;
        let mut agencies = std::collections::HashMap::new();
        for agency in ["security", "internal_affairs", "foreign_affairs", "labour"] {
            let t = app
                .services
                .issue_agency_token(
                    &Ctx::system("test"),
                    &format!("{agency}-body"),
                    "checks:answer",
                    Some(30),
                    Some(agency),
                )
                .await
                .expect("token")
                .token;
            agencies.insert(agency, t);
        }
        let co = officer(&app, "officer", "case_officer").await;
        let dm = officer(&app, "dm1", "decision_maker").await;

        for app_type in [
            "stay_extension",
            "temporary_residence",
            "permanent_residence",
            "work_permit",
            "immigrant_status",
            "citizenship",
            "refugee_status",
        ] {
            let pid = person(
                &app,
                &registry,
                &format!("Applicant{app_type}"),
                "2035-01-01",
            )
            .await;
            // Residence on record for the types that need it (R12, R13).
            let ctx = Ctx::system("test");
            match app_type {
                "permanent_residence" => {
                    app.services
                        .record_permit(
                            &ctx,
                            &pid,
                            "trp",
                            &format!("OLD-{app_type}"),
                            "2024-01-01",
                            "2026-12-31",
                        )
                        .await
                        .expect("trp");
                }
                "citizenship" => {
                    app.services
                        .record_permit(
                            &ctx,
                            &pid,
                            "prp",
                            &format!("OLD-{app_type}"),
                            "2021-06-01",
                            "2026-05-31",
                        )
                        .await
                        .expect("prp");
                }
                _ => {}
            }
            let (body, ground) = filing(app_type, &pid);
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/applications",
                    Some(&egov),
                    Some(&body.to_string()),
                )
                .await;
            assert_eq!(
                res.status,
                StatusCode::CREATED,
                "{b} {app_type}: {}",
                res.body
            );
            let mut case = res.json();
            assert_eq!(case["state"], "submitted", "{b} {app_type}");
            // The front office may only withdraw now; registration is an officer's.
            assert_eq!(
                case["allowed_actions"],
                json!(["withdraw"]),
                "{b} {app_type}"
            );
            case = ok(
                &act(&app, &co, &case, json!({"action": "register"})).await,
                app_type,
            );
            assert!(case["deadline"].is_string(), "{b} {app_type}: clock runs");
            case = ok(
                &act(&app, &co, &case, json!({"action": "start_review"})).await,
                app_type,
            );
            assert_eq!(case["assigned_to"], "officer");
            let needs_checks = !matches!(app_type, "stay_extension");
            if needs_checks {
                case = ok(
                    &act(
                        &app,
                        &co,
                        &case,
                        json!({"action": "request_checks", "note": "routine check"}),
                    )
                    .await,
                    app_type,
                );
                assert_eq!(case["state"], "awaiting_checks");
                for check in case["checks"].as_array().expect("checks").clone() {
                    let agency = check["agency"].as_str().expect("agency");
                    let token = &agencies[agency];
                    let pending = app
                        .api(
                            Method::GET,
                            "/api/v1/checks?status=pending",
                            Some(token),
                            None,
                        )
                        .await;
                    assert!(
                        pending.json()["items"]
                            .as_array()
                            .expect("items")
                            .iter()
                            .any(|c| c["check_id"] == check["check_id"]),
                        "{b} {app_type}: {agency} sees its check"
                    );
                    let res = app
                        .api(
                            Method::POST,
                            &format!("/api/v1/checks/{}/answer", check["check_id"]),
                            Some(token),
                            Some(&json!({"answer": "no_objection"}).to_string()),
                        )
                        .await;
                    assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
                }
                let id = case["id"].as_i64().expect("id");
                case = ok(
                    &as_officer(
                        &app,
                        &co,
                        Method::GET,
                        &format!("/api/v1/applications/{id}"),
                        None,
                    )
                    .await,
                    "reload",
                );
            }
            case = ok(
                &act(
                    &app,
                    &co,
                    &case,
                    json!({"action": "propose", "outcome": "approve", "ground": ground,
                    "reasoning": "all conditions are met"}),
                )
                .await,
                app_type,
            );
            assert_eq!(case["state"], "proposed");
            case = ok(
                &act(&app, &dm, &case, json!({"action": "decide"})).await,
                app_type,
            );
            assert_eq!(case["decided_by"], "dm1");
            case = ok(
                &act(&app, &co, &case, json!({"action": "issue"})).await,
                app_type,
            );
            let number = case["permit_number"].as_str().expect("permit").to_owned();
            case = ok(
                &act(&app, &co, &case, json!({"action": "close"})).await,
                app_type,
            );
            assert_eq!(case["state"], "closed");
            assert_eq!(case["allowed_actions"], json!([]));
            let permit = app
                .api(
                    Method::GET,
                    &format!("/api/v1/permits/{number}"),
                    Some(&egov),
                    None,
                )
                .await;
            assert_eq!(permit.status, StatusCode::OK, "{}", permit.body);
            let permit = permit.json();
            assert_eq!(permit["status"], "valid");
            assert_eq!(permit["person_id"], pid.as_str());
            assert_eq!(permit["history"][0]["action"], "issued");
            if app_type == "work_permit" {
                // Capped by the contract, with the employer as a condition.
                assert_eq!(permit["valid_to"], "2027-12-31");
                assert!(
                    permit["conditions"]
                        .as_str()
                        .unwrap_or_default()
                        .contains("Bakı Tikinti")
                );
            }
            if app_type == "temporary_residence" {
                assert_eq!(permit["valid_from"], "2027-01-15");
                assert_eq!(permit["valid_to"], "2028-01-14");
                // Extended, then a lost card replaced, then revoked by a decision maker.
                let path = format!("/api/v1/permits/{number}/changes");
                let change = |body: Value| as_officer(&app, &co, Method::POST, &path, Some(body));
                let res =
                    change(json!({"action": "extend", "valid_to": "2028-01-01", "reason": "x"}))
                        .await;
                assert_eq!(res.json()["errors"][0]["code"], "not_later", "{b}");
                let res = change(json!({"action": "extend", "valid_to": "2029-01-14", "reason": "extension granted"})).await;
                assert_eq!(ok(&res, "extend")["valid_to"], "2029-01-14");
                let res = change(json!({"action": "replace", "reason": "card lost"})).await;
                let new_number = ok(&res, "replace")["number"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                assert_ne!(new_number, number, "{b}: a new card number");
                let res = as_officer(
                    &app,
                    &co,
                    Method::POST,
                    &format!("/api/v1/permits/{new_number}/changes"),
                    Some(json!({"action": "revoke", "reason": "x"})),
                )
                .await;
                assert_eq!(
                    res.status,
                    StatusCode::FORBIDDEN,
                    "{b}: revoked by decision makers only"
                );
                let res = as_officer(
                    &app,
                    &dm,
                    Method::POST,
                    &format!("/api/v1/permits/{new_number}/changes"),
                    Some(json!({"action": "revoke", "reason": "false information discovered"})),
                )
                .await;
                assert_eq!(ok(&res, "revoke")["status"], "revoked");
                let history = ok(
                    &app.api(
                        Method::GET,
                        &format!("/api/v1/permits/{new_number}"),
                        Some(&egov),
                        None,
                    )
                    .await,
                    "permit",
                );
                let actions: Vec<&str> = history["history"]
                    .as_array()
                    .expect("history")
                    .iter()
                    .map(|h| h["action"].as_str().unwrap_or_default())
                    .collect();
                assert_eq!(
                    actions,
                    ["issued", "extended", "replaced", "revoked"],
                    "{b}"
                );
                // The case follows the new card number.
                let reloaded = ok(
                    &app.api(
                        Method::GET,
                        &format!("/api/v1/applications/{}", case["id"]),
                        Some(&egov),
                        None,
                    )
                    .await,
                    "case",
                );
                assert_eq!(reloaded["permit_number"], new_number.as_str());
                let res = as_officer(
                    &app,
                    &dm,
                    Method::POST,
                    &format!("/api/v1/permits/{new_number}/changes"),
                    Some(json!({"action": "revoke", "reason": "again"})),
                )
                .await;
                assert_eq!(res.status, StatusCode::CONFLICT, "{b}: not valid any more");
            }
            let events = ok(
                &app.api(
                    Method::GET,
                    &format!("/api/v1/applications/{}/events", case["id"]),
                    Some(&egov),
                    None,
                )
                .await,
                "events",
            );
            let actions: Vec<&str> = events["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|e| e["action"].as_str().unwrap_or_default())
                .collect();
            assert_eq!(actions.first(), Some(&"submit"), "{b}");
            assert!(
                actions.contains(&"decide") && actions.ends_with(&["issue", "close"]),
                "{b}: {actions:?}"
            );
        }
        // A permit recorded outside a case has its history too.
        let old = ok(
            &app.api(
                Method::GET,
                "/api/v1/permits/OLD-permanent_residence",
                Some(&egov),
                None,
            )
            .await,
            "old permit",
        );
        assert_eq!(old["history"][0]["action"], "issued", "{b}");
        // The queue of the front office lists all seven, finished.
        let all = ok(
            &app.api(
                Method::GET,
                "/api/v1/applications?status=closed&limit=50",
                Some(&egov),
                None,
            )
            .await,
            "queue",
        );
        assert_eq!(all["total"], 7, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn refusal_appeal_withdrawal_and_bad_input() {
    for app in apps().await {
        let b = app.backend;
        let registry = app.token("registry", "persons:write").await;
        let egov = app
            .token("e-gov", "applications:write,applications:read")
            .await;
        let security = app
            .services
            .issue_agency_token(
                &Ctx::system("test"),
                "sss",
                "checks:answer",
                Some(30),
                Some("security"),
            )
            .await
            .expect("token")
            .token;
        let labour = app
            .services
            .issue_agency_token(
                &Ctx::system("test"),
                "labour",
                "checks:answer",
                Some(30),
                Some("labour"),
            )
            .await
            .expect("token")
            .token;
        let co = officer(&app, "officer", "case_officer").await;
        let dm1 = officer(&app, "dm1", "decision_maker").await;
        let dm2 = officer(&app, "dm2", "decision_maker").await;
        let pid = person(&app, &registry, "Quliyeva", "2035-01-01").await;
        let post = |body: Value| {
            let egov = egov.clone();
            let app = &app;
            async move {
                app.api(
                    Method::POST,
                    "/api/v1/applications",
                    Some(&egov),
                    Some(&body.to_string()),
                )
                .await
            }
        };

        // Intake refusals: each precise, nothing stored.
        let (good, _) = filing("temporary_residence", &pid);
        let mut bad = good.clone();
        bad["app_type"] = json!("residence");
        let res = post(bad).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: {}",
            res.body
        );
        assert_eq!(res.json()["errors"][0]["code"], "unknown_type");
        let mut bad = good.clone();
        bad["fields"]["salary"] = json!(1000);
        assert_eq!(post(bad).await.json()["errors"][0]["code"], "unknown_field");
        let mut bad = good.clone();
        bad["fields"]["ground"] = json!("tourism");
        assert_eq!(post(bad).await.json()["errors"][0]["code"], "unknown_value");
        let short = person(&app, &registry, "Short", "2027-06-01").await;
        let (bad, _) = filing("temporary_residence", &short);
        assert_eq!(
            post(bad).await.json()["errors"][0]["code"],
            "passport_validity"
        );
        let (bad, _) = filing("permanent_residence", &pid);
        assert_eq!(
            post(bad).await.json()["errors"][0]["code"],
            "insufficient_residence"
        );
        let none = ok(
            &app.api(
                Method::GET,
                "/api/v1/applications?status=all",
                Some(&egov),
                None,
            )
            .await,
            "q",
        );
        assert_eq!(none["total"], 0, "{b}: nothing stored by refused filings");

        // Missing documents block registration; an attachment completes the checklist.
        let mut partial = good.clone();
        partial["documents"] = json!([
            "passport_copy",
            "application_form",
            "ground_evidence",
            "medical_certificate"
        ]);
        let res = post(partial).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
        let mut case = res.json();
        assert_eq!(case["documents_missing"], json!(["photo"]));
        let res = act(&app, &co, &case, json!({"action": "register"})).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: {}",
            res.body
        );
        assert_eq!(res.json()["errors"][0]["code"], "missing_documents");
        let id = case["id"].as_i64().expect("id");
        let upload = |bytes: Vec<u8>, kind: &str| {
            let req = Request::post(format!(
                "/api/v1/applications/{id}/attachments?doc_kind={kind}&filename=photo.png"
            ))
            .header(header::AUTHORIZATION, format!("Bearer {egov}"))
            .header(header::CONTENT_TYPE, "application/octet-stream")
            .body(Body::from(bytes))
            .expect("request");
            app.send(req)
        };
        let res = upload(b"GIF89a not accepted".to_vec(), "photo").await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: {}",
            res.body
        );
        assert_eq!(res.json()["errors"][0]["code"], "unsupported_type");
        let res = upload(
            vec![0x89; umis_service::MAX_ATTACHMENT_BYTES + 2048],
            "photo",
        )
        .await;
        assert_eq!(
            res.status,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{b}: {}",
            res.body
        );
        let png = [
            &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
            b"pixels",
        ]
        .concat();
        let res = upload(png.clone(), "visa").await;
        assert_eq!(res.json()["errors"][0]["code"], "unknown_document");
        let res = upload(png.clone(), "photo").await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
        let att = res.json();
        assert_eq!(att["content_type"], "image/png");
        let down = as_officer(
            &app,
            &co,
            Method::GET,
            &format!(
                "/api/v1/applications/{id}/attachments/{}",
                att["attachment_id"]
            ),
            None,
        )
        .await;
        assert_eq!(down.status, StatusCode::OK);
        assert_eq!(
            down.body,
            String::from_utf8_lossy(&png),
            "{b}: the stored bytes"
        );
        assert_eq!(down.header("content-type"), "image/png");
        assert_eq!(down.header("x-content-type-options"), "nosniff");
        assert!(
            app.audit()
                .await
                .iter()
                .any(|e| e.entry.action == "application.attachment")
        );

        case = ok(
            &as_officer(
                &app,
                &co,
                Method::GET,
                &format!("/api/v1/applications/{id}"),
                None,
            )
            .await,
            "reload",
        );
        assert_eq!(case["documents_missing"], json!([]));
        // The front office cannot register; a stale version is refused and changes nothing.
        let mut stale = case.clone();
        stale["version"] = json!(case["version"].as_i64().unwrap_or(0) - 1);
        let res = act(&app, &co, &stale, json!({"action": "register"})).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{b}: {}", res.body);
        assert_eq!(res.json()["code"], "stale_version");
        let res = app
            .api(
                Method::POST,
                &format!("/api/v1/applications/{id}/actions"),
                Some(&egov),
                Some(&json!({"action": "register", "version": case["version"]}).to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}: {}", res.body);
        // Not possible in this state.
        let res = act(&app, &dm1, &case, json!({"action": "decide"})).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{b}: {}", res.body);
        assert_eq!(res.json()["code"], "illegal_transition");
        let res = act(&app, &co, &case, json!({"action": "approve"})).await;
        assert_eq!(res.json()["errors"][0]["code"], "unknown_action");

        // The decision maker dm1 prepares this case, so dm2 must decide it.
        case = ok(
            &act(&app, &dm1, &case, json!({"action": "register"})).await,
            "register",
        );
        case = ok(
            &act(&app, &dm1, &case, json!({"action": "start_review"})).await,
            "review",
        );
        case = ok(
            &act(
                &app,
                &dm1,
                &case,
                json!({"action": "request_checks", "agencies": ["security"]}),
            )
            .await,
            "checks",
        );
        let res = act(&app, &dm1, &case, json!({"action": "propose", "outcome": "refuse", "ground": "security_threat", "reasoning": "x"})).await;
        assert_eq!(
            res.json()["errors"][0]["code"],
            "checks_pending",
            "{b}: {}",
            res.body
        );
        let check_id = case["checks"][0]["check_id"].clone();
        // Another partner body does not see or answer it.
        let theirs = app
            .api(
                Method::GET,
                "/api/v1/checks?status=pending",
                Some(&labour),
                None,
            )
            .await;
        assert_eq!(theirs.json()["items"], json!([]));
        let res = app
            .api(
                Method::POST,
                &format!("/api/v1/checks/{check_id}/answer"),
                Some(&labour),
                Some(&json!({"answer": "no_objection"}).to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{b}");
        let res = app
            .api(
                Method::POST,
                &format!("/api/v1/checks/{check_id}/answer"),
                Some(&security),
                Some(&json!({"answer": "objection"}).to_string()),
            )
            .await;
        assert_eq!(
            res.json()["errors"][0]["code"],
            "required",
            "{b}: an objection states reasons"
        );
        let res = app
            .api(
                Method::POST,
                &format!("/api/v1/checks/{check_id}/answer"),
                Some(&security),
                Some(
                    &json!({"answer": "objection", "answer_text": "listed by the service"})
                        .to_string(),
                ),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        case = ok(
            &as_officer(
                &app,
                &dm1,
                Method::GET,
                &format!("/api/v1/applications/{id}"),
                None,
            )
            .await,
            "reload",
        );
        let res = act(
            &app,
            &dm1,
            &case,
            json!({"action": "propose", "outcome": "refuse", "reasoning": "x"}),
        )
        .await;
        assert_eq!(
            res.json()["errors"][0]["code"],
            "ground_required",
            "{b}: a refusal needs a ground"
        );
        let res = act(
            &app,
            &dm1,
            &case,
            json!({"action": "propose", "outcome": "refuse", "ground": "study", "reasoning": "x"}),
        )
        .await;
        assert_eq!(res.json()["errors"][0]["code"], "unknown_ground");
        case = ok(
            &act(
                &app,
                &dm1,
                &case,
                json!({"action": "propose", "outcome": "refuse", "ground": "security_threat",
                "reasoning": "the security service objects"}),
            )
            .await,
            "propose",
        );
        let res = act(&app, &co, &case, json!({"action": "decide"})).await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "{b}: a case officer never decides"
        );
        let res = act(&app, &dm1, &case, json!({"action": "decide"})).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}: four-eyes");
        assert!(res.body.contains("may not decide"), "{}", res.body);
        case = ok(
            &act(&app, &dm2, &case, json!({"action": "decide"})).await,
            "decide",
        );
        assert_eq!(case["outcome"], "refuse");
        assert!(
            case["ground_ref"]
                .as_str()
                .unwrap_or_default()
                .contains("55.1.3")
        );
        let res = act(&app, &co, &case, json!({"action": "issue"})).await;
        assert_eq!(res.json()["errors"][0]["code"], "not_approved", "{b}");
        case = ok(
            &act(&app, &co, &case, json!({"action": "close"})).await,
            "close",
        );

        // Appeal: lodged by the front office, heard by neither the preparer nor the decider.
        let res = app
            .api(
                Method::POST,
                &format!("/api/v1/applications/{id}/actions"),
                Some(&egov),
                Some(&json!({"action": "lodge_appeal", "version": case["version"]}).to_string()),
            )
            .await;
        assert_eq!(
            res.json()["errors"][0]["field"],
            "note",
            "{b}: an appeal gives reasons"
        );
        let res = app
            .api(Method::POST, &format!("/api/v1/applications/{id}/actions"), Some(&egov),
                 Some(&json!({"action": "lodge_appeal", "version": case["version"], "note": "the objection is mistaken"}).to_string()))
            .await;
        case = ok(&res, "appeal");
        assert_eq!(case["state"], "appeal_lodged");
        let res = act(
            &app,
            &dm2,
            &case,
            json!({"action": "overturn_decision", "note": "x"}),
        )
        .await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "{b}: the decider does not hear the appeal"
        );
        let dm3 = officer(&app, "dm3", "decision_maker").await;
        case = ok(
            &act(
                &app,
                &dm3,
                &case,
                json!({"action": "overturn_decision", "note": "new evidence"}),
            )
            .await,
            "overturn",
        );
        assert_eq!(case["state"], "under_review");
        assert_eq!(case["outcome"], Value::Null);
        assert!(case["deadline"].is_string());

        // Withdrawal by the front office; afterwards nothing more can happen.
        let (second, _) = filing("stay_extension", &pid);
        let w = post(second).await.json();
        let res = app
            .api(Method::POST, &format!("/api/v1/applications/{}/actions", w["id"]), Some(&egov),
                 Some(&json!({"action": "withdraw", "version": w["version"], "note": "leaving the country"}).to_string()))
            .await;
        let w = ok(&res, "withdraw");
        assert_eq!(w["state"], "withdrawn");
        let res = act(&app, &co, &w, json!({"action": "register"})).await;
        assert_eq!(res.json()["code"], "illegal_transition");

        // Writes with an officer's cookie need the session's anti-forgery token.
        let req = Request::post(format!("/api/v1/applications/{id}/actions"))
            .header(header::COOKIE, co.jar.header())
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                json!({"action": "withdraw", "version": case["version"], "note": "x"}).to_string(),
            ))
            .expect("request");
        let res = app.send(req).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}: {}", res.body);
        assert_eq!(res.json()["code"], "csrf_failed");
        app.cleanup().await;
    }
}

async fn overstayers(app: &App, token: &str) -> Vec<String> {
    let res = app
        .api(
            Method::GET,
            "/api/v1/reports/overstays?as_of=2027-01-25",
            Some(token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|r| r["person_id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_timely_application_keeps_the_stay_lawful_until_it_is_refused() {
    for app in apps().await {
        let b = app.backend;
        let registry = app.token("registry", "persons:write").await;
        let egov = app
            .token("e-gov", "applications:write,applications:read,persons:read")
            .await;
        let sbs = app.token("sbs", "border-events:write").await;
        let pid = person(&app, &registry, "Kumar", "2035-01-01").await;
        // Entered on 20 December with a 30-day e-visa: lawful through 18 January.
        let events = json!([{"event_id": "R2-1", "direction": "entry",
            "occurred_at": "2026-12-20T10:00:00+04:00", "bcp": "GYD", "travel_mode": "air",
            "person_id": pid, "permitted_days": 30}]);
        let res = app
            .api(
                Method::POST,
                "/api/v1/border-events",
                Some(&sbs),
                Some(&events.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        assert!(
            overstayers(&app, &egov).await.contains(&pid),
            "{b}: without an application"
        );
        // Filed on 15 January, in time: lawful while pending (R2).
        let (body, _) = filing("stay_extension", &pid);
        let res = app
            .api(
                Method::POST,
                "/api/v1/applications",
                Some(&egov),
                Some(&body.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
        let mut case = res.json();
        assert_eq!(case["warnings"], json!([]), "{b}: filed in time");
        assert!(
            !overstayers(&app, &egov).await.contains(&pid),
            "{b}: pending and timely"
        );
        let stay = app
            .api(
                Method::GET,
                &format!("/api/v1/persons/{pid}/stay?as_of=2027-01-25"),
                Some(&egov),
                None,
            )
            .await
            .json();
        assert_eq!(stay["basis"], "pending_application", "{b}: {stay}");
        // Refused on 16 January: the stay ended on 18 January after all.
        app.clock.advance_secs(86_400);
        let co = officer(&app, "officer", "case_officer").await;
        let dm = officer(&app, "dm1", "decision_maker").await;
        for a in ["register", "start_review"] {
            case = ok(&act(&app, &co, &case, json!({"action": a})).await, a);
        }
        case = ok(
            &act(
                &app,
                &co,
                &case,
                json!({"action": "propose", "outcome": "refuse",
                "ground": "no_lawful_basis", "reasoning": "no ground for an extension"}),
            )
            .await,
            "propose",
        );
        ok(
            &act(&app, &dm, &case, json!({"action": "decide"})).await,
            "decide",
        );
        assert!(
            overstayers(&app, &egov).await.contains(&pid),
            "{b}: refused"
        );
        app.cleanup().await;
    }
}
