//! Migration control through the API on both backends: border events linked, idempotent and
//! validated row by row; stays judged in the country's time zone; the overstay report as of
//! any date, kept in step with late events and permits.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{App, Res, apps};
use serde_json::{Value, json};

async fn post_events(app: &App, token: &str, ctype: &str, body: String) -> Res {
    let req = Request::post("/api/v1/border-events")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, ctype)
        .body(Body::from(body))
        .expect("request");
    app.send(req).await
}

async fn report(app: &App, token: &str, as_of: &str) -> Vec<Value> {
    let res = app
        .api(
            Method::GET,
            &format!("/api/v1/reports/overstays?as_of={as_of}"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    res.json()["items"].as_array().expect("items").clone()
}

fn ids(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["person_id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn border_events_give_stays_and_overstays() {
    for app in apps().await {
        let b = app.backend;
        let sbs = app.token("sbs", "border-events:write").await;
        let reader = app.token("mia", "persons:read").await;
        let writer = app.token("registry", "persons:write").await;
        let created = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&writer),
                Some(
                    &json!({"surname": "Иванов", "given_names": "Пётр", "sex": "M",
                        "birth_date": "1980-03-04", "nationalities": ["RUS"],
                        "documents": [{"issuing_state": "RUS", "number": "751234567"}]})
                    .to_string(),
                ),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{b}: {}", created.body);
        let ivanov = created.json()["person_id"].as_str().expect("id").to_owned();

        let batch = json!([
            // 1: a registered Russian citizen, found by his passport.
            {"event_id": "SBS-1", "direction": "entry", "occurred_at": "2026-09-01T10:00:00+04:00",
             "bcp": "GYD", "travel_mode": "air", "document_number": "751 234 567",
             "document_issuing_state": "RUS", "nationality": "RUS"},
            // 2: an unknown Indian national with a 30-day e-visa, arriving at 03:30 Baku time
            // on 2 November (still 1 November in UTC).
            {"event_id": "SBS-2", "direction": "entry", "occurred_at": "2026-11-01T23:30:00Z",
             "bcp": "GYD", "travel_mode": "air", "document_number": "Z1234567",
             "document_issuing_state": "IND", "nationality": "IND", "surname": "SHARMA",
             "given_names": "RAHUL", "birth_date": "1991-07-19", "permitted_days": 30,
             "visa_ref": "EV-2026-1"},
            // 3: an exit with no recorded entry: kept and flagged, not rejected.
            {"event_id": "SBS-3", "direction": "exit", "occurred_at": "2026-10-10T08:00:00+04:00",
             "bcp": "ASTARA", "travel_mode": "land", "document_number": "U11223344",
             "document_issuing_state": "TUR", "nationality": "TUR", "surname": "YILMAZ",
             "given_names": "AHMET", "birth_date": "1975"},
            // 4–9: bad rows.
            {"event_id": "BAD-1", "direction": "sideways", "occurred_at": "2026-10-01T08:00:00Z",
             "bcp": "GYD", "travel_mode": "air", "document_number": "1", "document_issuing_state": "RUS"},
            {"event_id": "BAD-2", "direction": "entry", "occurred_at": "yesterday",
             "bcp": "GYD", "travel_mode": "air", "document_number": "1", "document_issuing_state": "RUS"},
            {"event_id": "BAD-3", "direction": "entry", "occurred_at": "2027-03-01T08:00:00Z",
             "bcp": "GYD", "travel_mode": "air", "document_number": "1", "document_issuing_state": "RUS"},
            {"event_id": "BAD-4", "direction": "entry", "occurred_at": "2026-10-01T08:00:00Z",
             "bcp": "GYD", "travel_mode": "air"},
            {"event_id": "BAD-5", "direction": "entry", "occurred_at": "2026-10-01T08:00:00Z",
             "bcp": "GYD", "travel_mode": "teleport", "document_number": "1", "document_issuing_state": "RUS"},
            {"event_id": "BAD-6", "direction": "entry", "occurred_at": "2026-10-01T08:00:00Z",
             "bcp": "GYD", "travel_mode": "air", "document_number": "1", "document_issuing_state": "RUS",
             "permited_days": 30},
        ]);
        let res = post_events(&app, &sbs, "application/json", batch.to_string()).await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let r = res.json();
        assert_eq!(r["received"], 9, "{b}: {r}");
        assert_eq!(r["accepted"], 3, "{b}: {r}");
        assert_eq!(r["duplicates"], 0, "{b}");
        assert_eq!(r["persons_created"], 2, "{b}");
        let rejected: Vec<(u64, String, String)> = r["rejected"]
            .as_array()
            .expect("rejected")
            .iter()
            .map(|e| {
                (
                    e["row"].as_u64().unwrap_or(0),
                    e["field"].as_str().unwrap_or("").to_owned(),
                    e["code"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        let expect = |row: u64, field: &str, code: &str| (row, field.to_owned(), code.to_owned());
        assert_eq!(
            rejected,
            vec![
                expect(4, "direction", "unknown_direction"),
                expect(5, "occurred_at", "invalid_time"),
                expect(6, "occurred_at", "future_event"),
                expect(7, "document_number", "missing_document"),
                expect(8, "travel_mode", "unknown_travel_mode"),
                expect(9, "permited_days", "invalid_row"),
            ],
            "{b}"
        );

        // The same batch again changes nothing; a reused id with other content is refused.
        let again = post_events(&app, &sbs, "application/json", batch.to_string()).await;
        let a = again.json();
        assert_eq!(
            (a["accepted"].as_u64(), a["duplicates"].as_u64()),
            (Some(0), Some(3)),
            "{b}: {a}"
        );
        assert_eq!(a["persons_created"], 0, "{b}");
        let reuse = json!([{"event_id": "SBS-1", "direction": "entry",
            "occurred_at": "2026-09-01T10:00:00+04:00", "bcp": "LNK", "travel_mode": "land",
            "document_number": "751234567", "document_issuing_state": "RUS"}]);
        let c = post_events(&app, &sbs, "application/json", reuse.to_string())
            .await
            .json();
        assert_eq!(c["rejected"][0]["code"], "event_id_conflict", "{b}: {c}");
        // The same instant written with another offset is the same event.
        let same = json!([{"event_id": "SBS-1", "direction": "entry",
            "occurred_at": "2026-09-01T06:00:00Z", "bcp": "GYD", "travel_mode": "air",
            "document_number": "751 234 567", "document_issuing_state": "RUS", "nationality": "RUS"}]);
        let s = post_events(&app, &sbs, "application/json", same.to_string())
            .await
            .json();
        assert_eq!(
            s["rejected"][0]["code"], "event_id_conflict",
            "{b}: spelling differs: {s}"
        );
        assert_eq!(
            app.services
                .store()
                .count_border_events()
                .await
                .expect("count"),
            3,
            "{b}: nothing doubled"
        );

        // Stay of the Russian citizen: 90 days from 1 September are lawful through 29 November.
        let stay = |as_of: &'static str| {
            let (app, reader, id) = (&app, reader.clone(), ivanov.clone());
            async move {
                app.api(
                    Method::GET,
                    &format!("/api/v1/persons/{id}/stay?as_of={as_of}"),
                    Some(&reader),
                    None,
                )
                .await
            }
        };
        let s = stay("2026-11-29").await;
        assert_eq!(s.status, StatusCode::OK, "{b}: {}", s.body);
        let v = s.json();
        assert_eq!(v["basis"], "visa_free", "{b}: {v}");
        assert_eq!(v["lawful_until"], "2026-11-29", "{b}");
        assert_eq!(v["present"], true, "{b}");
        assert_eq!(v["registration"]["overdue"], true, "{b}: never registered");
        let v = stay("2026-12-05").await.json();
        assert_eq!(
            (v["basis"].as_str(), v["overstay_days"].as_u64()),
            (Some("none"), Some(6)),
            "{b}: {v}"
        );
        assert_eq!(v["events"][0]["event_id"], "SBS-1", "{b}");
        assert_eq!(
            stay("2026-13-01").await.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}"
        );

        // The overstay report: both present visitors are past their periods on 5 December;
        // the Indian e-visa counts from 2 November (Baku), so it ended on 1 December.
        let rows = report(&app, &reader, "2026-12-05").await;
        assert_eq!(rows.len(), 2, "{b}: {rows:?}");
        let sharma = rows
            .iter()
            .find(|r| r["nationality"] == "IND")
            .expect("the e-visa holder");
        assert_eq!(sharma["lawful_until"], "2026-12-01", "{b}");
        assert_eq!(sharma["last_entry_date"], "2026-11-02", "{b}");
        assert_eq!(sharma["overstay_days"], 4, "{b}");
        assert_eq!(sharma["document_number"], "Z1234567", "{b}");
        let sharma_id = sharma["person_id"].as_str().expect("id").to_owned();
        assert!(ids(&rows).contains(&ivanov), "{b}");
        assert!(report(&app, &reader, "2026-11-29").await.is_empty(), "{b}");

        // A late exit (sent after the report) ends the overstay from its date on, not before.
        let late = format!(
            "{}\n",
            json!({"event_id": "SBS-4", "direction": "exit", "occurred_at": "2026-12-03T19:00:00+04:00",
                "bcp": "GYD", "travel_mode": "air", "person_id": ivanov})
        );
        let l = post_events(&app, &sbs, "application/x-ndjson", late).await;
        assert_eq!(l.json()["accepted"], 1, "{b}: {}", l.body);
        assert_eq!(
            ids(&report(&app, &reader, "2026-12-05").await),
            vec![sharma_id.clone()],
            "{b}"
        );
        let earlier = report(&app, &reader, "2026-12-02").await;
        let iv = earlier
            .iter()
            .find(|r| r["person_id"] == ivanov.as_str())
            .expect("still there on 2 Dec");
        assert_eq!(iv["overstay_days"], 3, "{b}");

        // A permit issued to the e-visa holder makes the stay lawful.
        app.services
            .record_permit(
                &umis_service::Ctx::system("test"),
                &sharma_id,
                "temporary_residence",
                "TRP-2026-0001",
                "2026-11-25",
                "2027-11-24",
            )
            .await
            .expect("permit");
        assert!(report(&app, &reader, "2026-12-05").await.is_empty(), "{b}");
        let v = app
            .api(
                Method::GET,
                &format!("/api/v1/persons/{sharma_id}/stay?as_of=2026-12-05"),
                Some(&reader),
                None,
            )
            .await
            .json();
        assert_eq!(v["basis"], "permit", "{b}: {v}");
        assert_eq!(v["basis_detail"]["number"], "TRP-2026-0001", "{b}");
        // `purpose`, accepted on every person read, is accepted here too.
        let with_purpose = app
            .api(
                Method::GET,
                &format!(
                    "/api/v1/persons/{sharma_id}/stay?as_of=2026-12-05&purpose=border%20inspection"
                ),
                Some(&reader),
                None,
            )
            .await;
        assert_eq!(
            with_purpose.status.as_u16(),
            200,
            "{b}: {}",
            with_purpose.body
        );
        assert_eq!(with_purpose.json()["basis"], "permit", "{b}");

        // CSV has the contract's header.
        let csv = app
            .api(
                Method::GET,
                "/api/v1/reports/overstays?as_of=2026-12-02&format=csv",
                Some(&reader),
                None,
            )
            .await;
        assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8", "{b}");
        let mut lines = csv.body.lines();
        assert_eq!(
            lines.next(),
            Some(
                "person_id,document_number,document_issuing_state,nationality,last_entry_date,lawful_until,overstay_days"
            ),
            "{b}"
        );
        assert!(
            csv.body.contains(&format!(
                "{ivanov},751 234 567,RUS,RUS,2026-09-01,2026-11-29,3"
            )),
            "{b}: {}",
            csv.body
        );

        // Scopes, media types and parameters.
        let denied = post_events(&app, &reader, "application/json", "[]".into()).await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "{b}");
        let denied = app
            .api(
                Method::GET,
                "/api/v1/reports/overstays?as_of=2026-12-05",
                Some(&sbs),
                None,
            )
            .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "{b}");
        let plain = post_events(&app, &sbs, "text/plain", "x".into()).await;
        assert_eq!(plain.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{b}");
        let broken = post_events(&app, &sbs, "application/json", "[{".into()).await;
        assert_eq!(broken.status, StatusCode::BAD_REQUEST, "{b}");
        let missing = app
            .api(
                Method::GET,
                "/api/v1/reports/overstays",
                Some(&reader),
                None,
            )
            .await;
        assert_eq!(
            missing.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: {}",
            missing.body
        );
        let fmt = app
            .api(
                Method::GET,
                "/api/v1/reports/overstays?as_of=2026-12-05&format=xml",
                Some(&reader),
                None,
            )
            .await;
        assert_eq!(fmt.status, StatusCode::BAD_REQUEST, "{b}");
        assert_eq!(
            app.services
                .store()
                .count_border_events()
                .await
                .expect("count"),
            4,
            "{b}"
        );

        let actions: Vec<String> = app
            .audit()
            .await
            .iter()
            .map(|r| r.entry.action.clone())
            .collect();
        for action in [
            "border_events.ingest",
            "report.overstays",
            "person.stay",
            "permit.record",
        ] {
            assert!(actions.iter().any(|a| a == action), "{b}: {action} audited");
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn an_identity_match_links_a_new_passport_to_a_registered_person() {
    for app in apps().await {
        let b = app.backend;
        let sbs = app.token("sbs", "border-events:write").await;
        let writer = app.token("registry", "persons:write").await;
        let res = app
            .api(
                Method::POST,
                "/api/v1/persons",
                Some(&writer),
                Some(
                    &json!({"surname": "Məmmədov", "given_names": "Elçin", "sex": "M",
                        "birth_date": "1990-05-12", "nationalities": ["AZE"],
                        "documents": [{"issuing_state": "AZE", "number": "C01234567"}]})
                    .to_string(),
                ),
            )
            .await;
        let id = res.json()["person_id"].as_str().expect("id").to_owned();
        let ev = json!([{"event_id": "M-1", "direction": "entry", "occurred_at": "2026-10-01T10:00:00+04:00",
            "bcp": "GYD", "travel_mode": "air", "document_number": "C09999999",
            "document_issuing_state": "AZE", "nationality": "AZE", "surname": "MAMMADOV",
            "given_names": "ELCHIN", "birth_date": "1990-05-12"}]);
        let r = post_events(&app, &sbs, "application/json", ev.to_string())
            .await
            .json();
        assert_eq!(
            (
                r["accepted"].as_u64(),
                r["linked_by_identity"].as_u64(),
                r["persons_created"].as_u64()
            ),
            (Some(1), Some(1), Some(0)),
            "{b}: {r}"
        );
        let person = app
            .services
            .store()
            .load_persons(&[id.parse().expect("n")])
            .await
            .expect("load");
        assert!(
            person[0].documents.iter().any(|d| d.number == "C09999999"),
            "{b}: the new passport is on the record"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn hosts_register_guests_and_overdue_registrations_are_listed() {
    for app in apps().await {
        let b = app.backend;
        let sbs = app.token("sbs", "border-events:write").await;
        let hotel = app.token("hotel", "stay-registrations:write").await;
        let reader = app.token("mia", "persons:read").await;
        // Three visitors arrive on 1 December 2026: a Russian, a Kazakh and a Georgian. The
        // test clock stands at 15 January 2027.
        let arrivals = json!([
            {"event_id": "R-1", "direction": "entry", "occurred_at": "2026-12-01T10:00:00+04:00",
             "bcp": "GYD", "travel_mode": "air", "document_number": "RU100", "document_issuing_state": "RUS",
             "nationality": "RUS", "surname": "SOKOLOV", "given_names": "ANDREI", "birth_date": "1979-01-02"},
            {"event_id": "R-2", "direction": "entry", "occurred_at": "2026-12-01T10:00:00+04:00",
             "bcp": "GYD", "travel_mode": "air", "document_number": "KZ200", "document_issuing_state": "KAZ",
             "nationality": "KAZ", "surname": "ABDRAKHMANOV", "given_names": "ERLAN", "birth_date": "1984-03-04"},
            {"event_id": "R-3", "direction": "entry", "occurred_at": "2026-12-01T10:00:00+04:00",
             "bcp": "RED-BRIDGE", "travel_mode": "land", "document_number": "GE300", "document_issuing_state": "GEO",
             "nationality": "GEO", "surname": "KAPANADZE", "given_names": "GIORGI", "birth_date": "1990-05-06"},
        ]);
        let r = post_events(&app, &sbs, "application/json", arrivals.to_string())
            .await
            .json();
        assert_eq!(r["accepted"], 3, "{b}: {r}");

        let overdue = |as_of: &'static str| {
            let (app, reader) = (&app, reader.clone());
            async move {
                let res = app
                    .api(
                        Method::GET,
                        &format!("/api/v1/reports/overdue-registrations?as_of={as_of}"),
                        Some(&reader),
                        None,
                    )
                    .await;
                assert_eq!(res.status, StatusCode::OK, "{}", res.body);
                res.json()["items"].as_array().expect("items").clone()
            }
        };
        // On 16 December everyone is within 15 days; on 17 December the Russian and the
        // Georgian are overdue, the Kazakh (30 days) is not until 1 January.
        assert!(overdue("2026-12-16").await.is_empty(), "{b}");
        let rows = overdue("2026-12-17").await;
        let nats: Vec<&str> = rows
            .iter()
            .filter_map(|r| r["nationality"].as_str())
            .collect();
        assert_eq!(nats.len(), 2, "{b}: {rows:?}");
        assert!(!nats.contains(&"KAZ"), "{b}");
        assert_eq!(rows[0]["deadline"], "2026-12-16", "{b}");
        assert_eq!(rows[0]["days_overdue"], 1, "{b}");
        assert_eq!(overdue("2027-01-01").await.len(), 3, "{b}");

        // The hotel registers the Georgian (late, after the deadline) by passport.
        let reg = json!({"document_number": "GE300", "document_issuing_state": "GEO", "host_kind": "hotel",
            "host_name": "Old City Inn", "host_tax_id": "1400000001", "address": "Kichik Qala 5",
            "region": "Baku", "arrival_date": "2026-12-01", "external_ref": "OCI-77"});
        let res = app
            .api(
                Method::POST,
                "/api/v1/stay-registrations",
                Some(&hotel),
                Some(&reg.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
        let v = res.json();
        assert_eq!(
            (v["deadline"].as_str(), v["late"].as_bool()),
            (Some("2026-12-16"), Some(true)),
            "{b}: {v}"
        );
        let again = app
            .api(
                Method::POST,
                "/api/v1/stay-registrations",
                Some(&hotel),
                Some(&reg.to_string()),
            )
            .await;
        assert_eq!(
            again.status,
            StatusCode::CONFLICT,
            "{b}: the same reference twice"
        );
        let rows = overdue("2027-01-01").await;
        assert_eq!(rows.len(), 2, "{b}: the Georgian is registered now");
        assert!(rows.iter().all(|r| r["nationality"] != "GEO"), "{b}");
        let georgian = v["person_id"].as_str().expect("id").to_owned();
        let stay = app
            .api(
                Method::GET,
                &format!("/api/v1/persons/{georgian}/stay?as_of=2027-01-01"),
                Some(&reader),
                None,
            )
            .await
            .json();
        assert_eq!(stay["registration"]["registered"], true, "{b}: {stay}");
        assert_eq!(stay["registrations"][0]["host_name"], "Old City Inn", "{b}");

        // A move is due within 5 working days: Friday 8 January 2027 → Friday 15 January.
        let mv = json!({"person_id": georgian, "kind": "move", "host_kind": "landlord",
            "host_name": "R. Aliyev", "address": "Nizami 10, apt 4", "arrival_date": "2027-01-08"});
        let res = app
            .api(
                Method::POST,
                "/api/v1/stay-registrations",
                Some(&hotel),
                Some(&mv.to_string()),
            )
            .await;
        let v = res.json();
        assert_eq!(
            (v["deadline"].as_str(), v["late"].as_bool()),
            (Some("2027-01-15"), Some(false)),
            "{b}: {v}"
        );

        // Bad input: each refused precisely, nothing stored.
        for (body, status, field) in [
            (
                json!({"document_number": "GE300", "document_issuing_state": "GEO", "host_kind": "castle",
                "host_name": "X", "address": "Y", "arrival_date": "2026-12-01"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "host_kind",
            ),
            (
                json!({"document_number": "GE300", "document_issuing_state": "GEO", "host_kind": "hotel",
                "host_name": "X", "address": "Y", "arrival_date": "2027-02-01"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "arrival_date",
            ),
            (
                json!({"document_number": "NOPE", "document_issuing_state": "GEO", "host_kind": "hotel",
                "host_name": "X", "address": "Y", "arrival_date": "2026-12-01"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "document_number",
            ),
            (
                json!({"host_kind": "hotel", "host_name": "X", "address": "Y", "arrival_date": "2026-12-01"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "person_id",
            ),
            (
                json!({"document_number": "GE300", "document_issuing_state": "GEO", "host_kind": "hotel",
                "host_name": "X", "address": "  ", "arrival_date": "2026-12-01"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "address",
            ),
        ] {
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/stay-registrations",
                    Some(&hotel),
                    Some(&body.to_string()),
                )
                .await;
            assert_eq!(res.status, status, "{b}: {body}: {}", res.body);
            assert!(res.body.contains(field), "{b}: {field}: {}", res.body);
        }
        let unknown_field = json!({"person_id": georgian, "host_kind": "hotel", "host_name": "X",
            "address": "Y", "arrival_date": "2026-12-01", "colour": "red"});
        let res = app
            .api(
                Method::POST,
                "/api/v1/stay-registrations",
                Some(&hotel),
                Some(&unknown_field.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        let denied = app
            .api(
                Method::POST,
                "/api/v1/stay-registrations",
                Some(&reader),
                Some(&reg.to_string()),
            )
            .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "{b}");
        let id: i64 = georgian.parse().expect("n");
        assert_eq!(
            app.services
                .store()
                .registrations_of(id)
                .await
                .expect("regs")
                .len(),
            2,
            "{b}"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn an_expulsion_bans_entry_at_once_and_the_next_exit_fulfils_it() {
    for app in apps().await {
        let b = app.backend;
        let sbs = app.token("sbs", "border-events:write").await;
        let mia = app
            .token("mia", "expulsions:write,persons:read,screening:read")
            .await;
        let entry = json!([{"event_id": "X-1", "direction": "entry", "occurred_at": "2026-09-01T10:00:00+04:00",
            "bcp": "ASTARA", "travel_mode": "land", "document_number": "IR555", "document_issuing_state": "IRN",
            "nationality": "IRN", "surname": "KARIMI", "given_names": "REZA", "birth_date": "1970-07-07"}]);
        let r = post_events(&app, &sbs, "application/json", entry.to_string())
            .await
            .json();
        assert_eq!(r["persons_created"], 1, "{b}: {r}");
        let person = app
            .services
            .store()
            .document_holders("IRN", &umis_domain::person::fold_document_number("IR555"))
            .await
            .expect("doc")[0];
        let pid = umis_domain::person::PersonId::from_stored(person).to_string();

        // Bad orders first: nothing is recorded.
        for (body, status) in [
            (
                json!({"person_id": pid, "issuing_body": "FBI", "grounds": "x"}),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!({"person_id": pid, "issuing_body": "MIA", "grounds": " "}),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!({"person_id": pid, "issuing_body": "MIA", "grounds": "x", "ban_years": 0}),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!({"person_id": pid, "issuing_body": "MIA", "grounds": "x", "informed_at": "tomorrow"}),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!({"person_id": umis_domain::person::PersonId::from_random(99).to_string(), "issuing_body": "MIA", "grounds": "x"}),
                StatusCode::NOT_FOUND,
            ),
        ] {
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/expulsion-orders",
                    Some(&mia),
                    Some(&body.to_string()),
                )
                .await;
            assert_eq!(res.status, status, "{b}: {body}: {}", res.body);
        }
        let denied = app
            .api(
                Method::POST,
                "/api/v1/expulsion-orders",
                Some(&sbs),
                Some(&json!({"person_id": pid, "issuing_body": "MIA", "grounds": "x"}).to_string()),
            )
            .await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN, "{b}");

        // The order: informed on 10 January, 48 hours to leave, a 5-year ban.
        let order = json!({"person_id": pid, "issuing_body": "mia", "grounds": "Overstay of 120 days (art. 575.1)",
            "decision_ref": "MIA-2027-0042", "informed_at": "2027-01-10T10:00:00+04:00", "destination": "IRN"});
        let res = app
            .api(
                Method::POST,
                "/api/v1/expulsion-orders",
                Some(&mia),
                Some(&order.to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
        let o = res.json();
        assert_eq!(
            (
                o["status"].as_str(),
                o["issuing_body"].as_str(),
                o["ban_years"].as_i64()
            ),
            (Some("pending"), Some("MIA"), Some(5)),
            "{b}: {o}"
        );
        assert_eq!(o["departure_deadline"], "2027-01-12T06:00:00Z", "{b}");
        assert_eq!(o["overdue"], true, "{b}: the clock stands at 15 January");

        // Screening sees the ban at once, under another spelling of the name.
        let screen = app
            .api(Method::POST, "/api/v1/screening", Some(&mia),
                Some(&json!({"surname": "Карими", "given_names": "Реза", "birth_date": "1970-07-07"}).to_string()))
            .await
            .json();
        assert_eq!(screen["decision"], "refer", "{b}: {screen}");
        assert!(
            screen["hits"]
                .as_array()
                .expect("hits")
                .iter()
                .any(|h| h["list"] == "entry_ban"),
            "{b}"
        );

        let alerts = app
            .api(Method::GET, "/api/v1/alerts", Some(&mia), None)
            .await
            .json();
        assert_eq!(
            alerts["overdue_expulsions"][0]["person_id"],
            pid.as_str(),
            "{b}: {alerts}"
        );

        // The exit fulfils the order; coming back while banned raises an alert.
        let moves = json!([
            {"event_id": "X-2", "direction": "exit", "occurred_at": "2027-01-13T09:00:00+04:00",
             "bcp": "ASTARA", "travel_mode": "land", "document_number": "IR555", "document_issuing_state": "IRN"},
            {"event_id": "X-3", "direction": "entry", "occurred_at": "2027-01-15T09:30:00+04:00",
             "bcp": "GYD", "travel_mode": "air", "document_number": "IR555", "document_issuing_state": "IRN"},
        ]);
        let r = post_events(&app, &sbs, "application/json", moves.to_string())
            .await
            .json();
        assert_eq!(r["accepted"], 2, "{b}: {r}");
        let orders = app
            .api(
                Method::GET,
                "/api/v1/expulsion-orders?status=fulfilled",
                Some(&mia),
                None,
            )
            .await
            .json();
        assert_eq!(
            orders["items"][0]["fulfilled_by_event"], "X-2",
            "{b}: {orders}"
        );
        assert_eq!(orders["items"][0]["overdue"], false, "{b}");
        let alerts = app
            .api(Method::GET, "/api/v1/alerts", Some(&mia), None)
            .await
            .json();
        assert_eq!(
            alerts["overdue_expulsions"].as_array().map(Vec::len),
            Some(0),
            "{b}: {alerts}"
        );
        assert_eq!(
            alerts["banned_entries"][0]["event_id"], "X-3",
            "{b}: {alerts}"
        );
        assert_eq!(alerts["banned_entries"][0]["bcp"], "GYD", "{b}");
        let bad = app
            .api(
                Method::GET,
                "/api/v1/expulsion-orders?status=lost",
                Some(&mia),
                None,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");

        // An order made after the exit is already on record is fulfilled at once.
        let second = json!({"person_id": pid, "issuing_body": "COURT", "grounds": "Repeated violation",
            "informed_at": "2027-01-13T08:00:00+04:00"});
        let o = app
            .api(
                Method::POST,
                "/api/v1/expulsion-orders",
                Some(&mia),
                Some(&second.to_string()),
            )
            .await
            .json();
        assert_eq!(
            (o["status"].as_str(), o["fulfilled_by_event"].as_str()),
            (Some("fulfilled"), Some("X-2")),
            "{b}: {o}"
        );
        let actions: Vec<String> = app
            .audit()
            .await
            .iter()
            .map(|r| r.entry.action.clone())
            .collect();
        assert!(actions.iter().any(|a| a == "expulsion.order"), "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_merge_joins_the_border_events_of_both_records_and_an_undo_parts_them() {
    for app in apps().await {
        let b = app.backend;
        let sbs = app.token("sbs", "border-events:write").await;
        let reader = app.token("mia", "persons:read").await;
        let writer = app.token("registry", "persons:read,persons:write").await;
        // The same man entered on one passport and left on a new one, unknown to UMIS, so the
        // exit created a second record.
        let events = json!([
            {"event_id": "M-1", "direction": "entry", "occurred_at": "2026-06-01T10:00:00+04:00",
             "bcp": "GYD", "travel_mode": "air", "document_number": "P-OLD-1", "document_issuing_state": "UKR",
             "nationality": "UKR", "surname": "SHEVCHENKO", "given_names": "TARAS", "birth_date": "1985-03-09"},
            {"event_id": "M-2", "direction": "exit", "occurred_at": "2026-07-01T10:00:00+04:00",
             "bcp": "GYD", "travel_mode": "air", "document_number": "P-NEW-2", "document_issuing_state": "UKR",
             "nationality": "UKR", "surname": "SHEVCHENKO", "given_names": "TARAS", "birth_date": "1986-03-09"},
        ]);
        let r = post_events(&app, &sbs, "application/json", events.to_string())
            .await
            .json();
        assert_eq!(r["accepted"], 2, "{b}: {r}");
        let holder = |doc: &'static str| {
            let app = &app;
            async move {
                let id = app
                    .services
                    .store()
                    .document_holders("UKR", &umis_domain::person::fold_document_number(doc))
                    .await
                    .expect("doc")[0];
                umis_domain::person::PersonId::from_stored(id).to_string()
            }
        };
        let (first, second) = (holder("P-OLD-1").await, holder("P-NEW-2").await);
        assert_ne!(first, second, "{b}: two records");
        assert_eq!(
            ids(&report(&app, &reader, "2026-12-01").await),
            vec![first.clone()],
            "{b}: seen as never left"
        );

        let merge = app
            .api(
                Method::POST,
                &format!("/api/v1/persons/{first}/merge"),
                Some(&writer),
                Some(&json!({"merged": second}).to_string()),
            )
            .await;
        assert_eq!(merge.status, StatusCode::OK, "{b}: {}", merge.body);
        assert!(
            report(&app, &reader, "2026-12-01").await.is_empty(),
            "{b}: the exit counts now"
        );
        let stay = app
            .api(
                Method::GET,
                &format!("/api/v1/persons/{first}/stay?as_of=2026-12-01"),
                Some(&reader),
                None,
            )
            .await
            .json();
        assert_eq!(stay["present"], false, "{b}: {stay}");
        assert_eq!(stay["events"].as_array().map(Vec::len), Some(2), "{b}");

        app.services
            .unmerge_persons(&umis_service::Ctx::system("test"), &first, &second)
            .await
            .expect("unmerge");
        assert_eq!(
            ids(&report(&app, &reader, "2026-12-01").await),
            vec![first.clone()],
            "{b}: parted again"
        );
        app.cleanup().await;
    }
}
