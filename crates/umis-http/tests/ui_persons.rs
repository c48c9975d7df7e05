//! Registering and viewing persons in the back office on both backends: the MRZ fills the form,
//! errors stand beside their fields, a view is audited, documents are attached.

mod common;

use axum::http::StatusCode;
use common::apps;

const TD3: &str =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

#[tokio::test]
async fn an_officer_registers_a_person_from_an_mrz_and_adds_a_document() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, csrf) = app.login("officer").await;
        let form = app.get("/persons/new", &mut jar).await;
        assert_eq!(form.status, StatusCode::OK, "{b}");

        let res = app
            .post_form(
                "/persons/new/mrz",
                &[("csrf", &csrf), ("mrz", TD3)],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        assert!(res.body.contains("id=\"mrz-ok\""), "{b}");
        for filled in [
            "value=\"ERIKSSON\"",
            "value=\"ANNA MARIA\"",
            "value=\"1974-08-12\"",
            "value=\"L898902C3\"",
            "value=\"UTO\"",
            "value=\"2012-04-15\"",
        ] {
            assert!(res.body.contains(filled), "{b}: {filled} not filled in");
        }
        assert!(
            res.body.contains("<option value=\"F\" selected>"),
            "{b}: sex"
        );

        let broken = TD3.replace("C36", "C37");
        let res = app
            .post_form(
                "/persons/new/mrz",
                &[("csrf", &csrf), ("mrz", &broken)],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(res.body.contains("id=\"mrz-errors\""), "{b}");
        // Told as a sentence in the page language (az by default): where, which field, what.
        assert!(
            res.body
                .contains("Sətir 2, mövqe 10 (sənədin nömrəsi): yoxlama rəqəmi uyğun gəlmir"),
            "{b}: {}",
            res.body
        );
        assert!(!res.body.contains("check_digit_mismatch"), "{b}");

        // A refused registration keeps what was typed and names the field.
        let mut fields = vec![
            ("csrf", csrf.as_str()),
            ("surname", "Eriksson"),
            ("given_names", "Anna Maria"),
            ("birth_date", "1974-02-30"),
            ("sex", "F"),
            ("nationalities", "UTO"),
        ];
        let res = app.post_form("/persons/new", &fields, &mut jar).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(res.body.contains("id=\"p-birth_date-error\""), "{b}");
        assert!(res.body.contains("value=\"Anna Maria\""), "{b}: input kept");
        assert_eq!(
            app.services.store().count_persons().await.expect("count"),
            0,
            "{b}"
        );

        fields[3] = ("birth_date", "1974-08-12");
        fields.extend([
            ("doc_type", "passport"),
            ("doc_issuing_state", "UTO"),
            ("doc_number", "L898902C3"),
            ("doc_expiry_date", "2012-04-15"),
            ("mrz", TD3),
        ]);
        let res = app.post_form("/persons/new", &fields, &mut jar).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let location = res.header("location");
        let view = app.get(&location, &mut jar).await;
        assert_eq!(view.status, StatusCode::OK, "{b}");
        assert!(view.body.contains("Eriksson Anna Maria"), "{b}");
        assert!(view.body.contains("data-document=\"L898902C3\""), "{b}");
        let id = location
            .trim_start_matches("/persons/")
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();
        let audit = app.audit().await;
        assert_eq!(
            (
                audit[0].entry.action.as_str(),
                audit[0].entry.person_id.as_deref()
            ),
            ("person.view", Some(id.as_str())),
            "{b}"
        );

        let res = app
            .post_form(
                &format!("/persons/{id}/documents"),
                &[
                    ("csrf", &csrf),
                    ("doc_type", "id_card"),
                    ("issuing_state", "ZZZ"),
                    ("number", "X1"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(res.body.contains("id=\"d-issuing_state-error\""), "{b}");
        let res = app
            .post_form(
                &format!("/persons/{id}/documents"),
                &[
                    ("csrf", &csrf),
                    ("doc_type", "id_card"),
                    ("issuing_state", "UTO"),
                    ("number", "D23145890"),
                    ("status", "stolen"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}");
        let view = app.get(&format!("/persons/{id}"), &mut jar).await;
        assert!(view.body.contains("data-document=\"D23145890\""), "{b}");

        // A correction shows in the history; a stale form is refused, not applied.
        let res = app
            .post_form(
                &format!("/persons/{id}/edit"),
                &[
                    ("csrf", &csrf),
                    ("version", "2"),
                    ("surname", "Eriksson"),
                    ("given_names", "Anna"),
                    ("sex", "F"),
                    ("birth_date", "1974-08-12"),
                    ("nationalities", "UTO SWE"),
                ],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);
        let view = app.get(&format!("/persons/{id}"), &mut jar).await;
        assert!(view.body.contains("data-history=\"update\""), "{b}");
        assert!(view.body.contains("Eriksson Anna<"), "{b}");
        let res = app
            .post_form(
                &format!("/persons/{id}/edit"),
                &[("csrf", &csrf), ("version", "2"), ("surname", "Other")],
                &mut jar,
            )
            .await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{b}");

        // Unknown and malformed person numbers are a translated 404.
        assert_eq!(
            app.get("/persons/12345678901", &mut jar).await.status,
            StatusCode::NOT_FOUND,
            "{b}"
        );
        let unknown = umis_domain::person::PersonId::from_random(5).to_string();
        assert_eq!(
            app.get(&format!("/persons/{unknown}"), &mut jar)
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{b}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn roles_without_person_access_are_refused() {
    for app in apps().await {
        let b = app.backend;
        for user in ["admin", "auditor"] {
            let (mut jar, _) = app.login(user).await;
            assert_eq!(
                app.get("/persons/new", &mut jar).await.status,
                StatusCode::FORBIDDEN,
                "{b}: {user}"
            );
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn search_page_and_duplicate_warning() {
    for app in apps().await {
        let b = app.backend;
        let (mut jar, csrf) = app.login("officer").await;
        let fields = [
            ("csrf", csrf.as_str()),
            ("surname", "Məmmədov"),
            ("given_names", "Elçin"),
            ("birth_date", "1985-03-17"),
            ("nationalities", "AZE"),
        ];
        let res = app.post_form("/persons/new", &fields, &mut jar).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{b}: {}", res.body);

        let res = app.get("/persons?name=Mamedov+Elchin", &mut jar).await;
        assert_eq!(res.status, StatusCode::OK, "{b}");
        assert!(res.body.contains("id=\"search-results\""), "{b}");
        assert!(res.body.contains("Məmmədov Elçin"), "{b}: {}", res.body);
        // The search and the records it shows are both audited, naming the person shown.
        let audit = app.audit().await;
        assert_eq!(audit[1].entry.action, "person.search", "{b}");
        assert_eq!(audit[0].entry.action, "person.list", "{b}");
        assert_eq!(audit[0].entry.details["results"], 1, "{b}");
        // Names keep their own direction beside numbers (bidi isolation).
        assert!(res.body.contains("<bdi>Məmmədov Elçin</bdi>"), "{b}");
        // Another given name: the name is told as a partial match, not as exact.
        let res = app
            .get(
                "/persons?name=Mamedov+Rashad&birth_date=1985-03-17",
                &mut jar,
            )
            .await;
        assert!(res.body.contains("Məmmədov Elçin"), "{b}: {}", res.body);
        assert!(
            res.body.contains("ad: yalnız qismən eynidir"),
            "{b}: {}",
            res.body
        );
        // No match: the table says so and what to try, instead of bare headers.
        let res = app.get("/persons?name=Zyxwvut+Qqqq", &mut jar).await;
        assert!(res.body.contains("id=\"search-empty\""), "{b}");
        let res = app.get("/persons?birth_date=1985-02-30", &mut jar).await;
        assert!(res.body.contains("id=\"search-error\""), "{b}");

        // Registering the same person again shows the likely duplicate first.
        let again = [
            ("csrf", csrf.as_str()),
            ("surname", "MAMMADOV"),
            ("given_names", "ELCHIN"),
            ("birth_date", "1985-03-17"),
            ("nationalities", "AZE"),
        ];
        let res = app.post_form("/persons/new", &again, &mut jar).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{b}");
        assert!(res.body.contains("id=\"duplicates\""), "{b}");
        assert!(res.body.contains("value=\"MAMMADOV\""), "{b}: input kept");
        assert_eq!(
            app.services.store().count_persons().await.expect("count"),
            1,
            "{b}"
        );
        let mut confirmed = again.to_vec();
        confirmed.push(("confirm", "1"));
        let res = app.post_form("/persons/new", &confirmed, &mut jar).await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "{b}: the officer decides"
        );
        assert_eq!(
            app.services.store().count_persons().await.expect("count"),
            2,
            "{b}"
        );
        app.cleanup().await;
    }
}
