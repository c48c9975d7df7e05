//! Casework in the back office on both backends: the queue, intake, the case page with only
//! this officer's actions, a stale form refused without overwriting, the decision letter in the
//! applicant's language as a page and as a PDF, and the audited policy-rule screen.

mod common;

use axum::http::{Method, StatusCode};
use common::{App, Jar, PASSWORD, apps};
use serde_json::json;
use umis_service::{Ctx, NewUserInput};

async fn applicant(app: &App) -> String {
    let token = app.token("registry", "persons:write").await;
    let res = app
        .api(
            Method::POST,
            "/api/v1/persons",
            Some(&token),
            Some(
                &json!({"surname": "Петрова", "given_names": "Анна", "sex": "F",
                    "birth_date": "1990-02-03", "nationalities": ["RUS"],
                    "documents": [{"issuing_state": "RUS", "number": "751000111", "expiry_date": "2034-01-01"}]})
                .to_string(),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    res.json()["person_id"].as_str().expect("id").to_owned()
}

fn version_of(body: &str) -> String {
    let marker = "data-version=\"";
    let start = body.find(marker).expect("version") + marker.len();
    body[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}

async fn act(app: &App, jar: &mut Jar, csrf: &str, id: &str, fields: &[(&str, &str)]) -> String {
    let page = app.get(&format!("/cases/{id}"), jar).await;
    let version = version_of(&page.body);
    let mut form = vec![("csrf", csrf), ("version", version.as_str())];
    form.extend_from_slice(fields);
    let res = app.post_form(&format!("/cases/{id}/act"), &form, jar).await;
    assert_eq!(
        res.status,
        StatusCode::SEE_OTHER,
        "{fields:?}: {}",
        res.body
    );
    // The officer lands on the case with a confirmation of what they did.
    let action = fields
        .iter()
        .find(|(k, _)| *k == "action")
        .map_or("", |(_, v)| *v);
    let location = res.header("location");
    assert_eq!(location, format!("/cases/{id}?done={action}"));
    let body = app.get(&location, jar).await.body;
    assert!(
        body.contains(&format!("id=\"case-done\" data-done=\"{action}\"")),
        "{action}: no confirmation"
    );
    body
}

async fn upload(
    app: &App,
    jar: &Jar,
    id: &str,
    csrf: &str,
    kind: &str,
    name: &str,
    bytes: &[u8],
) -> common::Res {
    let boundary = "umisboundary7d1";
    let mut body = Vec::new();
    for (field, value) in [("csrf", csrf), ("doc_kind", kind)] {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = axum::http::Request::post(format!("/cases/{id}/attachments"))
        .header(axum::http::header::COOKIE, jar.header())
        .header(
            axum::http::header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(axum::body::Body::from(body))
        .expect("request");
    app.send(req).await
}

#[tokio::test]
async fn officers_file_decide_and_print_a_letter() {
    for app in apps().await {
        let b = app.backend;
        app.services
            .create_user(
                &Ctx::system("test"),
                NewUserInput {
                    username: "senior".into(),
                    role: "decision_maker".into(),
                    office_code: "HQ".into(),
                    password: PASSWORD.into(),
                    mfa_exempt: true,
                    full_name: String::new(),
                },
            )
            .await
            .expect("user");
        let pid = applicant(&app).await;
        let (mut jar, csrf) = app.login("officer").await;
        let queue = app.get("/cases", &mut jar).await;
        assert_eq!(queue.status, StatusCode::OK, "{b}");
        assert!(queue.body.contains("id=\"cases-empty\""));
        let form = app
            .get("/cases/new?type=temporary_residence", &mut jar)
            .await;
        assert!(
            form.body.contains("name=\"f_ground\""),
            "{b}: the type's own fields"
        );
        assert!(form.body.contains("data-doc=\"photo\""));

        // A form with a missing field is shown again with the reason; nothing is filed.
        let bad = app
            .post_form(
                "/cases/new",
                &[
                    ("csrf", &csrf),
                    ("app_type", "temporary_residence"),
                    ("person_id", &pid),
                    ("lang", "ru"),
                    ("f_ground", "study"),
                    ("f_requested_months", "12"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(
            bad.body.contains("Məcburi sahə boşdur: Ünvan"),
            "{b}: explained in the officer's language, naming the field: {}",
            bad.body
        );
        assert!(!bad.body.contains("fields.address"), "{b}: no field name");

        let mut fields = vec![
            ("csrf", csrf.as_str()),
            ("app_type", "temporary_residence"),
            ("person_id", pid.as_str()),
            ("lang", "ru"),
            ("f_ground", "study"),
            ("f_requested_months", "12"),
            ("f_address", "Bakı, Füzuli küç. 3"),
        ];
        for d in [
            "passport_copy",
            "photo",
            "application_form",
            "ground_evidence",
            "medical_certificate",
        ] {
            fields.push(("doc", d));
        }
        let res = app.post_form("/cases/new", &fields, &mut jar).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let location = res.header("location");
        let id = location
            .trim_start_matches("/cases/")
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();
        let page = app.get(&location, &mut jar).await;
        assert!(
            page.body.contains("data-done=\"filed\""),
            "{b}: the filing is confirmed"
        );
        assert!(page.body.contains("data-action=\"register\""), "{b}");
        assert!(
            !page.body.contains("data-action=\"decide\""),
            "{b}: not for a case officer"
        );

        // A stale form (two officers on the same case): the second save is refused.
        let stale = version_of(&page.body);
        // A scanned document through the page's upload form (multipart).
        let png = [
            &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..],
            b"scan",
        ]
        .concat();
        let res = upload(&app, &jar, &id, &csrf, "other", "scan.png", &png).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let res = upload(&app, &jar, &id, "forged", "other", "scan.png", &png).await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "{b}: no upload without the token"
        );
        let res = upload(&app, &jar, &id, &csrf, "other", "notes.txt", b"plain text").await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: {}",
            res.body
        );
        let page = app.get(&location, &mut jar).await;
        assert_eq!(
            page.body.matches("/attachments/").count(),
            1,
            "{b}: one stored"
        );
        let body = act(&app, &mut jar, &csrf, &id, &[("action", "register")]).await;
        assert!(body.contains("data-state=\"registered\""), "{b}");
        let res = app
            .post_form(
                &format!("/cases/{id}/act"),
                &[
                    ("csrf", &csrf),
                    ("version", &stale),
                    ("action", "withdraw"),
                    ("note", "x"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: {}",
            res.body
        );
        assert!(res.body.contains("id=\"case-error\""));
        assert!(
            res.body.contains("Bu vaxt işi başqası dəyişib"),
            "{b}: {}",
            res.body
        );
        assert!(
            app.get(&location, &mut jar)
                .await
                .body
                .contains("data-state=\"registered\"")
        );

        act(&app, &mut jar, &csrf, &id, &[("action", "start_review")]).await;
        act(
            &app,
            &mut jar,
            &csrf,
            &id,
            &[("action", "request_checks"), ("agency", "security")],
        )
        .await;
        // The security service answered by phone: the officer records it.
        let page = app.get(&location, &mut jar).await;
        let marker = "/checks/";
        let start = page.body.find(marker).expect("check form") + marker.len();
        let check = page.body[start..]
            .split('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let res = app
            .post_form(
                &format!("/cases/{id}/checks/{check}/answer"),
                &[("csrf", &csrf), ("answer", "no_objection")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let body = act(
            &app,
            &mut jar,
            &csrf,
            &id,
            &[
                ("action", "propose"),
                ("outcome", "approve"),
                ("ground", "study"),
                ("reasoning", "Обучение в БГУ подтверждено"),
            ],
        )
        .await;
        assert!(body.contains("data-state=\"proposed\""), "{b}");

        let (mut dm, dm_csrf) = app.login("senior").await;
        // The decision maker's home page counts the proposal waiting and leads to it.
        let home = app.get("/", &mut dm).await;
        assert!(
            home.body
                .contains("data-home=\"proposals\" data-count=\"1\""),
            "{b}: {}",
            home.body
        );
        assert!(home.body.contains("href=\"/cases?state=proposed\""), "{b}");
        let listed = app.get("/cases?state=proposed", &mut dm).await;
        assert!(listed.body.contains(&format!("/cases/{id}")), "{b}");
        // The case officer's home page has their figures, each linking to its list.
        let home = app.get("/", &mut jar).await;
        for item in [
            "my-overdue",
            "my-at-risk",
            "my-open",
            "intake",
            "duplicates",
        ] {
            assert!(
                home.body.contains(&format!("data-home=\"{item}\"")),
                "{b}: {item}"
            );
        }
        // An admin records the decision maker's full name; a name too long is refused and
        // changes nothing.
        let (mut admin, admin_csrf) = app.login("admin").await;
        let long = "Я".repeat(121);
        let res = app
            .post_form(
                "/admin/users/senior/full-name",
                &[("csrf", &admin_csrf), ("full_name", &long)],
                &mut admin,
            )
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{b}");
        let res = app
            .post_form(
                "/admin/users/senior/full-name",
                &[("csrf", &admin_csrf), ("full_name", " Rəşad Quliyev ")],
                &mut admin,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let users = app.get("/admin/users?done=named", &mut admin).await;
        assert!(users.body.contains("value=\"Rəşad Quliyev\""), "{b}");
        let page = app.get(&location, &mut dm).await;
        assert!(page.body.contains("data-action=\"decide\""), "{b}");
        act(&app, &mut dm, &dm_csrf, &id, &[("action", "decide")]).await;
        let body = act(&app, &mut jar, &csrf, &id, &[("action", "issue")]).await;
        assert!(body.contains("id=\"case-permit\""), "{b}");

        // The letter is in the applicant's language (Russian) whatever the officer's.
        let letter = app.get(&format!("/cases/{id}/letter"), &mut jar).await;
        assert_eq!(letter.status, StatusCode::OK, "{b}");
        assert!(
            letter.body.contains("Решение по заявлению"),
            "{}",
            letter.body
        );
        assert!(letter.body.contains("Петрова Анна"));
        // Letterhead, the office by name, the decider by position, the appeal deadline from
        // the `appeal.window` rule (one month from the decision), a way back to the case.
        assert!(letter.body.contains("id=\"letter-head\""), "{b}");
        assert!(letter.body.contains("Headquarters"), "{b}");
        assert!(!letter.body.contains("<dd>HQ</dd>"), "{b}: no office code");
        assert!(!letter.body.contains("<dd>senior</dd>"), "{b}: no login");
        assert!(
            letter
                .body
                .contains("<dd>Rəşad Quliyev, лицо, принимающее решение</dd>"),
            "{b}: the decider by full name and position: {}",
            letter.body
        );
        assert!(
            letter
                .body
                .contains("Последний день для обжалования: 15.02.2027."),
            "{b}: {}",
            letter.body
        );
        assert!(
            letter
                .body
                .contains(&format!("href=\"/cases/{id}\" id=\"letter-back\"")),
            "{b}"
        );
        let pdf = app.get(&format!("/cases/{id}/letter.pdf"), &mut jar).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.header("content-type"), "application/pdf");
        assert!(pdf.body.starts_with("%PDF-"));

        // A lost card is replaced from the case page; the history shows it.
        let res = app
            .post_form(
                &format!("/cases/{id}/permit"),
                &[
                    ("csrf", &csrf),
                    ("action", "replace"),
                    ("reason", "card lost"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let page = app.get(&location, &mut jar).await;
        assert!(page.body.contains("data-permit-event=\"replaced\""), "{b}");
        assert!(
            !page.body.contains("option value=\"revoke\""),
            "{b}: not for a case officer"
        );
        act(&app, &mut jar, &csrf, &id, &[("action", "close")]).await;
        // The person page leads to the person's applications.
        let person = app.get(&format!("/persons/{pid}"), &mut jar).await;
        assert!(person.body.contains("id=\"person-new-case\""), "{b}");
        let theirs = app
            .get(&format!("/cases?status=all&person_id={pid}"), &mut jar)
            .await;
        assert_eq!(theirs.body.matches("data-case=").count(), 1, "{b}");
        // The queue's finished view lists it; the overdue view does not.
        assert!(
            app.get("/cases?status=closed", &mut jar)
                .await
                .body
                .contains("data-case=")
        );
        assert!(
            app.get("/cases?due=overdue", &mut jar)
                .await
                .body
                .contains("id=\"cases-empty\"")
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn admins_edit_policy_rules_and_holidays_with_an_audit_trail() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, csrf) = app.login("admin").await;
        let page = app.get("/admin/policy", &mut jar).await;
        assert_eq!(page.status, StatusCode::OK, "{b}");
        assert!(
            page.body
                .contains("data-rule=\"deadline.work_permit.urgent\""),
            "{b}"
        );
        assert!(page.body.contains("data-status=\"uncertain\""), "{b}");
        // A deadline rule that is not a clock is refused.
        let res = app
            .post_form(
                "/admin/policy",
                &[
                    ("csrf", &csrf),
                    ("code", "deadline.stay_extension"),
                    ("params", "{\"days\": 5}"),
                    ("valid_from", "2027-02-01"),
                    ("legal_ref", "Migration Code, art. 22"),
                    ("status", "sourced"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: {}",
            res.body
        );
        let res = app
            .post_form(
                "/admin/policy",
                &[
                    ("csrf", &csrf),
                    ("code", "deadline.stay_extension"),
                    ("params", "{\"unit\": \"working_days\", \"n\": 5}"),
                    ("valid_from", "2027-02-01"),
                    ("legal_ref", "Migration Code, art. 22 (amended)"),
                    ("status", "sourced"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let rules = app.services.case_policies().await.expect("rules");
        let d = |s: &str| umis_domain::cases::parse_date(s).expect("date");
        assert_eq!(
            rules.clock("deadline.stay_extension", d("2027-01-31")),
            Some(umis_domain::cases::ClockRule::WorkingDays(3))
        );
        assert_eq!(
            rules.clock("deadline.stay_extension", d("2027-02-01")),
            Some(umis_domain::cases::ClockRule::WorkingDays(5))
        );
        // A new version through typed fields: the form starts from the latest version's
        // values, each parameter a field of its own; no JSON on screen.
        let form = app
            .get("/admin/policy?new=deadline.stay_extension", &mut jar)
            .await;
        assert!(form.body.contains("name=\"param_n\""), "{b}");
        assert!(form.body.contains("name=\"param_unit\""), "{b}");
        assert!(
            !form.body.contains("{&#34;unit") && !form.body.contains("{\"unit"),
            "{b}"
        );
        assert!(
            form.body.contains("5 iş günü"),
            "{b}: the table reads as words"
        );
        let typed = |n: &'static str| {
            vec![
                ("csrf", csrf.as_str()),
                ("code", "deadline.stay_extension"),
                ("param_unit", "calendar_days"),
                ("param_n", n),
                ("valid_from", "2027-03-01"),
                ("legal_ref", "Migration Code, art. 22"),
                ("status", "uncertain"),
            ]
        };
        let res = app
            .post_form("/admin/policy", &typed("ten"), &mut jar)
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(
            res.body
                .contains("«Say» sıfır və ya daha böyük tam ədəd olmalıdır"),
            "{b}"
        );
        let res = app.post_form("/admin/policy", &typed("10"), &mut jar).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let rules = app.services.case_policies().await.expect("rules");
        assert_eq!(
            rules.clock("deadline.stay_extension", d("2027-03-01")),
            Some(umis_domain::cases::ClockRule::CalendarDays(10))
        );
        let res = app
            .post_form(
                "/admin/holidays",
                &[
                    ("csrf", &csrf),
                    ("day", "2027-03-31"),
                    ("name", "Memorial day"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        let policy = app.get("/admin/policy", &mut jar).await.body;
        assert!(policy.contains("data-holiday=\"2027-03-31\""), "{b}");
        // Seeded holidays are named in the page's language (az by default), the one added
        // keeps its name; days are shown in the page's format, grouped by year.
        assert!(policy.contains("Novruz bayramı"), "{b}");
        assert!(policy.contains("Memorial day"), "{b}");
        assert!(!policy.contains("public holiday"), "{b}");
        assert!(policy.contains(">31.03.2027</time>"), "{b}");
        assert!(policy.contains("data-year=\"2027\""), "{b}");
        let audit = app.audit().await;
        assert!(audit.iter().any(|e| e.entry.action == "policy.save"), "{b}");
        assert!(audit.iter().any(|e| e.entry.action == "holiday.set"), "{b}");
        // Other roles do not reach the screen.
        let (mut officer, _) = app.login("officer").await;
        assert_eq!(
            app.get("/admin/policy", &mut officer).await.status,
            StatusCode::FORBIDDEN
        );
        app.cleanup().await;
    }
}
