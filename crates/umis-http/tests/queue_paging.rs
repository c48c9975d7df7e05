//! The work queue through the API on both backends: pages of a queue put together give the
//! whole queue in its order, with nothing repeated or left out, and the filter by applicant
//! finds exactly that applicant's cases.

mod common;

use axum::http::{Method, StatusCode};
use common::apps;
use serde_json::{Value, json};

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| c["id"].as_i64().expect("id"))
        .collect()
}

#[tokio::test]
async fn pages_make_up_the_queue_and_the_applicant_filter_is_exact() {
    for app in apps().await {
        let b = app.backend;
        let registry = app.token("registry", "persons:write").await;
        let egov = app
            .token("e-gov", "applications:write,applications:read")
            .await;
        let mut persons = Vec::new();
        for i in 0..7 {
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/persons",
                    Some(&registry),
                    Some(
                        &json!({"surname": format!("Queue{i}"), "given_names": "Test", "sex": "M",
                            "birth_date": "1990-02-03", "nationalities": ["TUR"],
                            "documents": [{"issuing_state": "TUR", "number": format!("U{}", 700_100 + i),
                                           "expiry_date": "2035-01-01"}]})
                        .to_string(),
                    ),
                )
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
            let pid = res.json()["person_id"].as_str().expect("id").to_owned();
            let filing = json!({"app_type": "stay_extension", "person_id": pid,
                "fields": {"requested_days": 30, "reason": "medical treatment"},
                "documents": ["passport_copy", "application_form"]});
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/applications",
                    Some(&egov),
                    Some(&filing.to_string()),
                )
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
            persons.push((pid, res.json()["id"].as_i64().expect("case id")));
        }
        let get = |q: String| {
            let app = &app;
            let egov = egov.clone();
            async move {
                let res = app
                    .api(
                        Method::GET,
                        &format!("/api/v1/applications?{q}"),
                        Some(&egov),
                        None,
                    )
                    .await;
                assert_eq!(res.status, StatusCode::OK, "{q}: {}", res.body);
                res.json()
            }
        };
        let whole = get("limit=50".into()).await;
        assert_eq!(whole["total"], 7, "{b}");
        let all = ids(&whole);
        let mut filed: Vec<i64> = persons.iter().map(|(_, id)| *id).collect();
        filed.sort_unstable();
        // Equal deadlines (none yet: filed, not registered) keep the order of filing.
        assert_eq!(all, filed, "{b}: the queue's order");
        let mut paged = Vec::new();
        for offset in [0, 3, 6] {
            let page = get(format!("limit=3&offset={offset}")).await;
            assert_eq!(page["total"], 7, "{b} offset {offset}");
            paged.extend(ids(&page));
        }
        assert_eq!(paged, all, "{b}: pages of three make up the queue");
        assert!(ids(&get("limit=3&offset=7".into()).await).is_empty(), "{b}");
        let (pid, case) = &persons[4];
        let mine = get(format!("person_id={pid}")).await;
        assert_eq!(ids(&mine), vec![*case], "{b}: one applicant's cases");
        assert_eq!(mine["total"], 1, "{b}");
        app.cleanup().await;
    }
}
