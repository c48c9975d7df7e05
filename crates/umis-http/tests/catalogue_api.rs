//! The catalogue of application types through the API on both backends: every type of the
//! domain catalogue with its form (each field's kind and bounds), grounds, checklist and
//! partner checks, the refusal grounds with their legal references, and a refusal for a
//! token without `applications:read`.

mod common;

use axum::http::{Method, StatusCode};
use common::apps;
use serde_json::{Value, json};
use umis_domain::cases::{AGENCIES, CHECK_ANSWERS, FieldKind, REFUSAL_GROUNDS, TYPES};

/// What the API should say about a field of `kind`.
fn expected_field(kind: FieldKind) -> (&'static str, Value) {
    match kind {
        FieldKind::Text { max } => ("text", json!({ "max": max })),
        FieldKind::Int { min, max } => ("int", json!({ "min": min, "max": max })),
        FieldKind::Date => ("date", json!({})),
        FieldKind::Choice(options) => ("choice", json!({ "options": options })),
        FieldKind::Country => ("country", json!({})),
    }
}

#[tokio::test]
async fn the_catalogue_lists_every_type_with_its_form_and_refuses_other_scopes() {
    for app in apps().await {
        let b = app.backend;
        let reader = app.token("e-gov", "applications:read").await;
        let res = app
            .api(
                Method::GET,
                "/api/v1/application-types",
                Some(&reader),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let body = res.json();
        let types = body["types"].as_array().expect("types");
        assert_eq!(types.len(), TYPES.len(), "{b}");
        let mut kinds_seen = std::collections::BTreeSet::new();
        for (t, spec) in types.iter().zip(TYPES) {
            assert_eq!(t["code"], spec.code, "{b}");
            assert_eq!(t["permit_kind"], spec.permit_kind, "{b}: {}", spec.code);
            assert_eq!(t["grounds"], json!(spec.grounds), "{b}: {}", spec.code);
            assert_eq!(t["documents"], json!(spec.documents), "{b}: {}", spec.code);
            assert_eq!(t["checks"], json!(spec.checks), "{b}: {}", spec.code);
            let fields = t["fields"].as_array().expect("fields");
            assert_eq!(fields.len(), spec.fields.len(), "{b}: {}", spec.code);
            for (f, fs) in fields.iter().zip(spec.fields) {
                let (kind, constraints) = expected_field(fs.kind);
                kinds_seen.insert(kind);
                assert_eq!(f["name"], fs.name, "{b}: {}", spec.code);
                assert_eq!(f["kind"], kind, "{b}: {}.{}", spec.code, fs.name);
                assert_eq!(f["required"], fs.required, "{b}: {}.{}", spec.code, fs.name);
                assert_eq!(
                    f["constraints"], constraints,
                    "{b}: {}.{}",
                    spec.code, fs.name
                );
            }
        }
        // The catalogue exercises every kind of field, so each shape above was compared.
        assert_eq!(
            kinds_seen.into_iter().collect::<Vec<_>>(),
            ["choice", "country", "date", "int", "text"],
            "{b}"
        );
        let grounds: Vec<(String, String)> = body["refusal_grounds"]
            .as_array()
            .expect("refusal grounds")
            .iter()
            .map(|g| {
                let s = |k: &str| g[k].as_str().expect("string").to_owned();
                (s("code"), s("legal_ref"))
            })
            .collect();
        let expected: Vec<(String, String)> = REFUSAL_GROUNDS
            .iter()
            .map(|(c, r)| ((*c).to_owned(), (*r).to_owned()))
            .collect();
        assert_eq!(grounds, expected, "{b}");
        assert_eq!(body["agencies"], json!(AGENCIES), "{b}");
        assert_eq!(body["check_answers"], json!(CHECK_ANSWERS), "{b}");

        let other = app.token("registry", "persons:read").await;
        let res = app
            .api(Method::GET, "/api/v1/application-types", Some(&other), None)
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}: {}", res.body);
        assert_eq!(
            res.header("content-type"),
            "application/problem+json",
            "{b}"
        );
        let res = app
            .api(Method::GET, "/api/v1/application-types", None, None)
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}: {}", res.body);
    }
}
