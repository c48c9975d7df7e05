//! Statistics, forecasts and anomaly alerts through the API and the analytics screens, on both
//! backends. Every figure is checked against counts the test computes itself from the seeded
//! events and permits; suppression, exports, scopes and bad parameters are checked too.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{App, apps};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time};
use umis_http::HttpConfig;
use umis_service::{Ctx, NewUserInput};

/// A small deterministic generator (the test's own; no shared state with the code under test).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

const NATS: [&str; 4] = ["RUS", "TUR", "IRN", "GEO"];
const BCPS: [&str; 3] = ["GYD", "ASTARA", "SAMUR"];

/// One generated event: its JSON and the facts the test counts by.
struct Ev {
    json: Value,
    nationality: &'static str,
    bcp: &'static str,
    entry: bool,
    local_day: Date,
    traveller: usize,
}

/// The clock of the harness: 2027-01-15 08:00 UTC (12:00 in Baku).
fn now() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_800_000_000).expect("clock")
}

fn seeded_events(seed: u64, travellers: usize) -> Vec<Ev> {
    let mut rng = Rng(seed);
    let start = PrimitiveDateTime::new(
        Date::from_calendar_date(2026, time::Month::November, 1).expect("date"),
        Time::MIDNIGHT,
    )
    .assume_utc();
    let mut out = Vec::new();
    let baku = |t: OffsetDateTime| (t + Duration::hours(4)).date();
    for i in 0..travellers {
        let nationality = NATS[rng.below(NATS.len() as u64) as usize];
        let bcp = BCPS[rng.below(BCPS.len() as u64) as usize];
        let mode = if bcp == "GYD" { "air" } else { "land" };
        // Any minute of 70 days: many land near midnight UTC, a day apart from Baku's date.
        let entry_at = start + Duration::minutes(rng.below(70 * 24 * 60) as i64);
        let traveller = json!({
            "document_number": format!("T{i:07}"), "document_issuing_state": nationality,
            "nationality": nationality, "surname": format!("TRAVELLER{i}"),
            "given_names": "TEST", "birth_date": format!("19{:02}-0{}-1{}", 50 + i % 50, 1 + i % 9, i % 10),
            "bcp": bcp, "travel_mode": mode,
        });
        let mut event = |id: String, direction: &str, at: OffsetDateTime| {
            let mut e = traveller.clone();
            e["event_id"] = json!(id);
            e["direction"] = json!(direction);
            e["occurred_at"] = json!(
                at.format(&time::format_description::well_known::Rfc3339)
                    .expect("format")
            );
            out.push(Ev {
                json: e,
                nationality,
                bcp,
                entry: direction == "entry",
                local_day: baku(at),
                traveller: i,
            });
        };
        event(format!("S{seed}-{i}-IN"), "entry", entry_at);
        if rng.below(3) > 0 {
            let exit_at = entry_at + Duration::minutes(60 + rng.below(20 * 24 * 60) as i64);
            if exit_at < now() {
                event(format!("S{seed}-{i}-OUT"), "exit", exit_at);
            }
        }
    }
    out
}

async fn post_events(app: &App, token: &str, events: &[Value]) {
    let req = Request::post("/api/v1/border-events")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(Value::Array(events.to_vec()).to_string()))
        .expect("request");
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::OK, "{}: {}", app.backend, res.body);
    assert_eq!(
        res.json()["rejected"],
        json!([]),
        "{}: {}",
        app.backend,
        res.body
    );
}

/// `(period, group) → values` of a statistic.
fn cells(table: &Value) -> BTreeMap<(String, String), Vec<Option<i64>>> {
    table["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                (
                    r["period"].as_str().unwrap_or("").to_owned(),
                    r["group"].as_str().expect("group").to_owned(),
                ),
                r["values"]
                    .as_array()
                    .expect("values")
                    .iter()
                    .map(Value::as_i64)
                    .collect(),
            )
        })
        .collect()
}

/// A GET that must answer 200.
async fn get_ok(app: &App, token: &str, path: &str) -> common::Res {
    let res = app.api(Method::GET, path, Some(token), None).await;
    assert_eq!(
        res.status,
        StatusCode::OK,
        "{} {path}: {}",
        app.backend,
        res.body
    );
    res
}

async fn stat(app: &App, token: &str, query: &str) -> Value {
    get_ok(app, token, &format!("/api/v1/stats/{query}"))
        .await
        .json()
}

fn month(d: Date) -> String {
    format!("{}-{:02}", d.year(), u8::from(d.month()))
}

fn week(d: Date) -> String {
    let (y, w, _) = d.to_iso_week_date();
    format!("{y}-W{w:02}")
}

/// Flows per `(period, group)`: `[entries, exits, net]`, computed by the test.
fn expected_flows(
    events: &[Ev],
    period: impl Fn(Date) -> String,
    group: impl Fn(&Ev) -> String,
) -> BTreeMap<(String, String), Vec<Option<i64>>> {
    let mut m: BTreeMap<(String, String), [i64; 2]> = BTreeMap::new();
    for e in events {
        m.entry((period(e.local_day), group(e))).or_insert([0, 0])[usize::from(!e.entry)] += 1;
    }
    m.into_iter()
        .map(|(k, [a, b])| (k, vec![Some(a), Some(b), Some(a - b)]))
        .collect()
}

#[tokio::test]
async fn flows_and_stock_equal_independent_counts_on_both_backends() {
    for mut app in apps().await {
        let b = app.backend;
        // Publish every count first; the default threshold is checked further down.
        let suppressing = app.router.clone();
        app.router = umis_http::router(
            app.services.clone().with_stats_threshold(0),
            HttpConfig::default(),
        );
        let sbs = app.token("sbs", "border-events:write").await;
        let analyst = app.token("analysis", "stats:read").await;
        let events = seeded_events(7, 160);
        let bodies: Vec<Value> = events.iter().map(|e| e.json.clone()).collect();
        post_events(&app, &sbs, &bodies).await;

        let range = "from=2026-11-01&to=2027-01-15";
        let by_nat = stat(
            &app,
            &analyst,
            &format!("flows?{range}&interval=month&by=nationality"),
        )
        .await;
        assert_eq!(by_nat["columns"], json!(["entries", "exits", "net"]), "{b}");
        assert_eq!(by_nat["suppress_below"], 0, "{b}");
        let expected = expected_flows(&events, month, |e| e.nationality.to_owned());
        assert_eq!(
            cells(&by_nat),
            expected,
            "{b}: flows by month and nationality"
        );
        let entries = events.iter().filter(|e| e.entry).count() as i64;
        let exits = events.len() as i64 - entries;
        assert_eq!(
            by_nat["totals"],
            json!([entries, exits, entries - exits]),
            "{b}"
        );

        let by_bcp = stat(
            &app,
            &analyst,
            &format!("flows?{range}&interval=week&by=bcp"),
        )
        .await;
        assert_eq!(
            cells(&by_bcp),
            expected_flows(&events, week, |e| e.bcp.to_owned()),
            "{b}: flows by ISO week and crossing point"
        );
        // Calendar days are Baku's: an event at 22:30 UTC counts on the next day.
        let daily = stat(
            &app,
            &analyst,
            &format!("flows?{range}&interval=day&nationality=RUS"),
        )
        .await;
        let rus: Vec<Ev> = events
            .into_iter()
            .filter(|e| e.nationality == "RUS")
            .collect();
        assert_eq!(
            cells(&daily),
            expected_flows(&rus, |d| d.to_string(), |_| "all".to_owned()),
            "{b}: daily flows of one nationality"
        );

        // Re-sending the batch changes nothing: the roll-up follows the idempotent ingestion.
        post_events(&app, &sbs, &bodies).await;
        let again = stat(
            &app,
            &analyst,
            &format!("flows?{range}&interval=month&by=nationality"),
        )
        .await;
        assert_eq!(cells(&again), cells(&by_nat), "{b}: re-sent events");

        // Stock: entered on or before the day and not left by its end.
        let events = seeded_events(7, 160);
        let mut trips: BTreeMap<usize, (&str, Date, Option<Date>)> = BTreeMap::new();
        for e in &events {
            let t = trips
                .entry(e.traveller)
                .or_insert((e.nationality, e.local_day, None));
            if !e.entry {
                t.2 = Some(e.local_day);
            }
        }
        for as_of in ["2026-12-15", "2027-01-15"] {
            let day = umis_service::parse_day(as_of).expect("day");
            let mut present: BTreeMap<String, i64> = BTreeMap::new();
            for (nat, entry, exit) in trips.values() {
                if *entry <= day && exit.is_none_or(|x| x > day) {
                    *present.entry((*nat).to_owned()).or_insert(0) += 1;
                }
            }
            let want: BTreeMap<(String, String), Vec<Option<i64>>> = present
                .into_iter()
                .map(|(nat, n)| ((String::new(), nat), vec![Some(n)]))
                .collect();
            let stock = stat(
                &app,
                &analyst,
                &format!("stock?as_of={as_of}&by=nationality"),
            )
            .await;
            assert_eq!(cells(&stock), want, "{b}: stock on {as_of}");
        }

        // Unregistered stays among the enforcement measures are the overdue-registration list,
        // counted (today through open stays only, a past day through every stay).
        let mia = app.token("mia", "persons:read").await;
        for as_of in ["2026-12-15", "2027-01-15"] {
            let res = get_ok(
                &app,
                &mia,
                &format!("/api/v1/reports/overdue-registrations?as_of={as_of}"),
            )
            .await;
            let listed = res.json()["items"].as_array().expect("items").len() as i64;
            assert!(listed > 0, "{b}: the seeded travellers registered nowhere");
            let table = stat(
                &app,
                &analyst,
                &format!("enforcement?from=2026-11-01&to={as_of}&as_of={as_of}"),
            )
            .await;
            let measures = cells(&table);
            assert_eq!(
                measures[&(String::new(), "unregistered_stays".to_owned())],
                vec![Some(listed)],
                "{b}: unregistered stays on {as_of}"
            );
        }

        // With the default threshold, small cells are withheld (null, `<5` in CSV) while the
        // totals stay exact.
        app.router = suppressing;
        let published = stat(
            &app,
            &analyst,
            &format!("flows?{range}&interval=day&nationality=RUS"),
        )
        .await;
        assert_eq!(published["suppress_below"], 5, "{b}");
        let mut withheld = 0;
        for ((period, group), values) in cells(&published) {
            let exact = &cells(&daily)[&(period.clone(), group.clone())];
            for (i, (p, e)) in values.iter().zip(exact).enumerate().take(2) {
                let e = e.expect("exact");
                if e > 0 && e < 5 {
                    assert_eq!(*p, None, "{b}: {period} column {i} is small");
                    withheld += 1;
                } else {
                    assert_eq!(*p, Some(e), "{b}: {period} column {i}");
                }
            }
            if values[0].is_none() || values[1].is_none() {
                assert_eq!(values[2], None, "{b}: net goes with its parts");
            }
        }
        assert!(withheld > 0, "{b}: the seeded days have small cells");
        assert_eq!(published["totals"], daily["totals"], "{b}");
        assert!(
            published["suppressed_cells"].as_u64().unwrap_or(0) >= withheld,
            "{b}"
        );

        // CSV is an audited export with the same cells.
        let res = get_ok(
            &app,
            &analyst,
            &format!("/api/v1/stats/flows?{range}&interval=day&nationality=RUS&format=csv"),
        )
        .await;
        assert!(res.header("content-type").starts_with("text/csv"), "{b}");
        let mut lines = res.body.lines();
        assert_eq!(lines.next(), Some("period,group,entries,exits,net"), "{b}");
        assert_eq!(lines.count(), cells(&published).len(), "{b}");
        assert!(res.body.contains(",<5"), "{b}: {}", res.body);
        let audit = app.audit().await;
        let export = audit
            .iter()
            .find(|a| a.entry.action == "stats.export")
            .unwrap_or_else(|| panic!("{b}: no export in the audit log"));
        assert_eq!(export.entry.actor, "analysis", "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn permits_count_valid_issued_and_first_permits() {
    for mut app in apps().await {
        let b = app.backend;
        app.router = umis_http::router(
            app.services.clone().with_stats_threshold(0),
            HttpConfig::default(),
        );
        let writer = app.token("registry", "persons:write").await;
        let analyst = app.token("analysis", "stats:read").await;
        // (kind, from, to) per person, oldest first.
        let holders: [&[(&str, &str, &str)]; 5] = [
            &[("trp", "2026-12-01", "2027-11-30")],
            &[("trp", "2026-12-10", "2027-01-31")],
            &[
                ("trp", "2025-01-01", "2026-10-31"),
                ("prp", "2026-12-05", "2031-12-04"),
            ],
            &[
                ("trp", "2025-01-01", "2026-03-31"),
                ("trp", "2026-12-20", "2027-12-19"),
            ],
            &[("trp", "2026-06-01", "2027-05-31")],
        ];
        let ctx = Ctx::system("test");
        for (i, permits) in holders.iter().enumerate() {
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/persons",
                    Some(&writer),
                    Some(
                        &json!({"surname": format!("Holder{i}"), "given_names": "Test",
                            "sex": "F", "birth_date": "1990-01-01", "nationalities": ["UZB"]})
                        .to_string(),
                    ),
                )
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
            let pid = res.json()["person_id"].as_str().expect("id").to_owned();
            for (k, (kind, from, to)) in permits.iter().enumerate() {
                app.services
                    .record_permit(&ctx, &pid, kind, &format!("P-{i}-{k}"), from, to)
                    .await
                    .expect("permit");
            }
        }
        let (from, to, as_of) = ("2026-12-01", "2026-12-31", "2027-01-15");
        let day = |s: &str| umis_service::parse_day(s).expect("day");
        // The test's own reading of the definitions: valid on as_of; issued: starts in the
        // period; first: valid at least three months, no permit valid in the six months before.
        let mut want: BTreeMap<String, [i64; 3]> = BTreeMap::new();
        for permits in &holders {
            for (kind, f, t) in permits.iter() {
                let row = want.entry((*kind).to_owned()).or_insert([0; 3]);
                if day(f) <= day(as_of) && day(as_of) <= day(t) {
                    row[0] += 1;
                }
                if day(from) <= day(f) && day(f) <= day(to) {
                    row[1] += 1;
                    let long = day(t) >= day(f) + Duration::days(89);
                    let six_before = day(f) - Duration::days(183);
                    let earlier = permits
                        .iter()
                        .any(|(_, f2, t2)| day(f2) < day(f) && day(t2) >= six_before);
                    if long && !earlier {
                        row[2] += 1;
                    }
                }
            }
        }
        let table = stat(
            &app,
            &analyst,
            &format!("permits?from={from}&to={to}&as_of={as_of}"),
        )
        .await;
        assert_eq!(
            table["columns"],
            json!(["valid", "issued", "first_permits"]),
            "{b}"
        );
        let got: BTreeMap<String, Vec<Option<i64>>> = cells(&table)
            .into_iter()
            .map(|((_, g), v)| (g, v))
            .collect();
        let want: BTreeMap<String, Vec<Option<i64>>> = want
            .into_iter()
            .map(|(k, v)| (k, v.iter().map(|n| Some(*n)).collect()))
            .collect();
        assert_eq!(got, want, "{b}");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn statistics_refuse_bad_parameters_and_other_scopes() {
    for app in apps().await {
        let b = app.backend;
        let analyst = app.token("analysis", "stats:read").await;
        let reader = app.token("mia", "persons:read").await;
        let res = app
            .api(Method::GET, "/api/v1/stats/flows", Some(&reader), None)
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}: {}", res.body);
        let res = app
            .api(Method::GET, "/api/v1/stats/flows", None, None)
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{b}");
        for (query, status, code) in [
            ("persons", StatusCode::NOT_FOUND, "not_found"),
            (
                "flows?colour=red",
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
            ),
            (
                "flows?format=xml",
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
            ),
            (
                "flows?from=2026-13-01",
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_date",
            ),
            (
                "flows?from=2026-12-01&to=2026-11-01",
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_period",
            ),
            (
                "flows?from=2000-01-01&to=2026-11-01",
                StatusCode::UNPROCESSABLE_ENTITY,
                "period_too_long",
            ),
            (
                "flows?interval=fortnight",
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_value",
            ),
            (
                "flows?by=religion",
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_value",
            ),
            (
                "flows?nationality=XYZ",
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_country",
            ),
            (
                "flows?travel_mode=teleport",
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_value",
            ),
            (
                "stock?by=age_band&as_of=yesterday",
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_date",
            ),
            (
                "applications?by=colour",
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_value",
            ),
        ] {
            let res = app
                .api(
                    Method::GET,
                    &format!("/api/v1/stats/{query}"),
                    Some(&analyst),
                    None,
                )
                .await;
            assert_eq!(res.status, status, "{b} {query}: {}", res.body);
            let p = res.json();
            let got = p["errors"][0]["code"].as_str().or(p["code"].as_str());
            assert_eq!(got, Some(code), "{b} {query}: {p}");
        }
        // Every dataset answers with its defaults.
        for d in umis_service::DATASETS {
            let t = stat(&app, &analyst, d).await;
            assert_eq!(t["dataset"], d, "{b}");
        }
        app.cleanup().await;
    }
}

fn seasonal_csv(months: usize) -> String {
    let mut s = String::from("period,value\n");
    for i in 0..months {
        let v =
            1000.0 + 10.0 * i as f64 + 200.0 * ((i % 12) as f64 * std::f64::consts::PI / 6.0).sin();
        s.push_str(&format!(
            "{}-{:02},{}\n",
            2019 + i / 12,
            i % 12 + 1,
            v.round()
        ));
    }
    s
}

#[tokio::test]
async fn forecasts_have_intervals_and_a_backtest_and_refuse_bad_series() {
    for app in apps().await {
        let b = app.backend;
        let analyst = app.token("analysis", "stats:read").await;
        let csv = seasonal_csv(48);
        let req = Request::post("/api/v1/forecasts?horizon=6")
            .header(header::AUTHORIZATION, format!("Bearer {analyst}"))
            .header(header::CONTENT_TYPE, "text/csv")
            .body(Body::from(csv.clone()))
            .expect("request");
        let res = app.send(req).await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let f = res.json();
        assert_eq!(f["season"], 12, "{b}");
        let points = f["forecast"].as_array().expect("points");
        assert_eq!(points.len(), 6, "{b}");
        assert_eq!(points[0]["period"], "2023-01", "{b}");
        for p in points {
            let v = |k: &str| p[k].as_f64().expect("number");
            assert!(
                v("lo95") <= v("lo80")
                    && v("lo80") <= v("value")
                    && v("value") <= v("hi80")
                    && v("hi80") <= v("hi95"),
                "{b}: {p}"
            );
        }
        for k in [
            "mase",
            "smape",
            "seasonal_naive_mase",
            "seasonal_naive_smape",
        ] {
            assert!(f["backtest"][k].is_number(), "{b}: {k}");
        }
        // A clean seasonal series with a trend: the chosen model beats seasonal naive.
        assert!(
            f["backtest"]["mase"].as_f64() < f["backtest"]["seasonal_naive_mase"].as_f64(),
            "{b}: {}",
            f["backtest"]
        );
        // The same series as JSON points gives the same forecast.
        let series: Vec<Value> = csv
            .lines()
            .skip(1)
            .map(|l| {
                let (p, v) = l.split_once(',').expect("row");
                json!({"period": p, "value": v.parse::<f64>().expect("value")})
            })
            .collect();
        let res = app
            .api(
                Method::POST,
                "/api/v1/forecasts",
                Some(&analyst),
                Some(&json!({"series": series, "horizon": 6}).to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        assert_eq!(res.json(), f, "{b}");

        let gap: String = csv
            .lines()
            .filter(|l| !l.starts_with("2020-05"))
            .map(|l| format!("{l}\n"))
            .collect();
        for (body, code) in [
            (gap, "gap"),
            (
                "period,value\n2019-01,1\n2019-02,2\n2019-03,3\n".to_owned(),
                "too_short",
            ),
            (csv.replace("2019-04,", "2019-04,x"), "not_numeric"),
            (csv.replacen("\n2019-02,", "\n2019-02,-", 1), "negative"),
            (csv.replacen("period,value", "month,count", 1), "bad_header"),
            (csv.replacen("2019-03", "2019-13", 1), "bad_period"),
        ] {
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/forecasts",
                    Some(&analyst),
                    Some(&json!({"csv": body, "horizon": 3}).to_string()),
                )
                .await;
            assert_eq!(
                res.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{b} {code}: {}",
                res.body
            );
            assert_eq!(res.json()["errors"][0]["code"], code, "{b}: {}", res.body);
        }
        let res = app
            .api(
                Method::POST,
                "/api/v1/forecasts",
                Some(&analyst),
                Some(&json!({"csv": seasonal_csv(48), "horizon": 0}).to_string()),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: {}",
            res.body
        );
        let res = app
            .api(
                Method::POST,
                "/api/v1/forecasts",
                Some(&analyst),
                Some(r#"{"horizon": 3}"#),
            )
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{b}: {}", res.body);
        let reader = app.token("mia", "persons:read").await;
        let res = app
            .api(
                Method::POST,
                "/api/v1/forecasts",
                Some(&reader),
                Some(&json!({"csv": seasonal_csv(48), "horizon": 3}).to_string()),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{b}: {}", res.body);
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_surge_at_one_crossing_point_raises_an_alert_with_its_history() {
    for app in apps().await {
        let b = app.backend;
        let sbs = app.token("sbs", "border-events:write").await;
        let analyst = app.token("analysis", "stats:read").await;
        // 120 days (to 2027-01-13) of steady traffic at two crossing points (weekly rhythm), then a surge of
        // entries at SAMUR on 2027-01-10.
        let mut rng = Rng(3);
        let mut events = Vec::new();
        let first = Date::from_calendar_date(2026, time::Month::September, 16).expect("date");
        let surge = Date::from_calendar_date(2027, time::Month::January, 10).expect("date");
        let mut n = 0;
        for d in 0..120 {
            let day = first + Duration::days(d);
            for bcp in ["GYD", "SAMUR"] {
                let weekday = day.weekday().number_days_from_monday() as u64;
                let mut count = 8 + weekday + rng.below(3);
                if bcp == "SAMUR" && day == surge {
                    count = 60;
                }
                for _ in 0..count {
                    n += 1;
                    events.push(json!({
                        "event_id": format!("A-{n}"), "direction": "entry",
                        "occurred_at": format!("{day}T10:00:00+04:00"), "bcp": bcp,
                        "travel_mode": if bcp == "GYD" { "air" } else { "land" },
                        "document_number": format!("A{n:07}"), "document_issuing_state": "KAZ",
                        "nationality": "KAZ", "surname": format!("SURGE{n}"),
                        "given_names": "TEST", "birth_date": "1980-01-01"
                    }));
                }
            }
        }
        // Every traveller is new and shares a birth date and given names with all the others, so
        // each one goes through a costly identity match: requests of 500 stay well inside the
        // request timeout of a debug build.
        for chunk in events.chunks(500) {
            post_events(&app, &sbs, chunk).await;
        }
        let res = app
            .api(
                Method::GET,
                "/api/v1/monitoring/anomalies?as_of=2027-01-13",
                Some(&analyst),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let alerts = res.json();
        let alerts = alerts.as_array().expect("alerts");
        let samur = alerts
            .iter()
            .find(|a| a["dimension"] == "bcp" && a["group"] == "SAMUR")
            .unwrap_or_else(|| panic!("{b}: no alert at SAMUR: {alerts:?}"));
        assert_eq!(samur["day"], "2027-01-10", "{b}");
        assert_eq!(samur["direction"], "up", "{b}");
        assert_eq!(samur["value"], 60.0, "{b}");
        assert!(samur["score"].as_f64().unwrap_or(0.0) >= 4.0, "{b}");
        assert!(
            !alerts
                .iter()
                .any(|a| a["dimension"] == "bcp" && a["group"] == "GYD"),
            "{b}: steady GYD raised an alert: {alerts:?}"
        );
        // Nothing before the two weeks up to as_of is reported.
        let res = app
            .api(
                Method::GET,
                "/api/v1/monitoring/anomalies?as_of=2027-01-31",
                Some(&analyst),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        assert!(
            res.json()
                .as_array()
                .expect("alerts")
                .iter()
                .all(|a| a["day"].as_str() >= Some("2027-01-18")),
            "{b}: {}",
            res.body
        );
        let res = app
            .api(
                Method::GET,
                "/api/v1/monitoring/anomalies?as_of=soon",
                Some(&analyst),
                None,
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{b}: {}",
            res.body
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn analysts_see_the_analytics_screens_and_officers_do_not() {
    for app in apps().await {
        let b = app.backend;
        app.services
            .create_user(
                &Ctx::system("test"),
                NewUserInput {
                    username: "analyst".into(),
                    role: "analyst".into(),
                    office_code: "HQ".into(),
                    password: common::PASSWORD.into(),
                    mfa_exempt: true,
                    full_name: String::new(),
                },
            )
            .await
            .expect("analyst");
        let sbs = app.token("sbs", "border-events:write").await;
        let events: Vec<Value> = seeded_events(11, 80).into_iter().map(|e| e.json).collect();
        post_events(&app, &sbs, &events).await;
        let (mut jar, _) = app.login("analyst").await;
        let home = app.get("/", &mut jar).await;
        assert!(home.body.contains("data-nav=\"analytics\""), "{b}");
        let page = app.get("/analytics?to=2027-01-15", &mut jar).await;
        assert_eq!(page.status, StatusCode::OK, "{b}: {}", page.body);
        for id in [
            "data-kpi=\"entries\"",
            "id=\"chart-flows\"",
            "id=\"chart-citizenships\"",
            "<svg",
        ] {
            assert!(page.body.contains(id), "{b}: {id}");
        }
        for (path, marker) in [
            (
                "/analytics/explore?dataset=stock&by=age_band",
                "id=\"explore-chart\"",
            ),
            (
                "/analytics/explore?dataset=enforcement",
                "id=\"explore-chart\"",
            ),
            (
                "/analytics/forecast?series=entries&horizon=3",
                "id=\"forecast-chart\"",
            ),
            ("/analytics/anomalies?as_of=2027-01-15", "<h1>"),
            (
                "/analytics/bulletin?month=2026-12",
                "id=\"bulletin-summary\"",
            ),
        ] {
            let res = app.get(path, &mut jar).await;
            assert_eq!(res.status, StatusCode::OK, "{b} {path}: {}", res.body);
            assert!(res.body.contains(marker), "{b} {path}");
        }
        let bad = app
            .get("/analytics/explore?dataset=flows&from=2026-13-40", &mut jar)
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
        assert!(bad.body.contains("id=\"explore-error\""), "{b}");
        for path in [
            "/analytics/forecast?series=entries&nationality=XYZ",
            "/analytics/forecast?series=entries&horizon=soon",
        ] {
            let bad = app.get(path, &mut jar).await;
            assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{b} {path}");
            assert!(bad.body.contains("id=\"forecast-error\""), "{b} {path}");
        }
        let csv = app
            .get(
                "/analytics/export/flows?interval=month&to=2027-01-15",
                &mut jar,
            )
            .await;
        assert_eq!(csv.status, StatusCode::OK, "{b}");
        assert!(
            csv.body.starts_with("period,group,entries,exits,net\n"),
            "{b}"
        );
        let pdf = app
            .get("/analytics/bulletin.pdf?month=2026-12", &mut jar)
            .await;
        assert_eq!(pdf.status, StatusCode::OK, "{b}");
        assert!(pdf.body.starts_with("%PDF"), "{b}");
        let audit = app.audit().await;
        assert!(
            audit
                .iter()
                .any(|a| a.entry.action == "stats.export" && a.entry.actor == "analyst"),
            "{b}: the download is audited"
        );
        // An officer of another role neither sees nor reaches them.
        let (mut jar, _) = app.login("officer").await;
        let home = app.get("/", &mut jar).await;
        assert!(!home.body.contains("data-nav=\"analytics\""), "{b}");
        for path in [
            "/analytics",
            "/analytics/explore",
            "/analytics/export/flows",
            "/analytics/bulletin.pdf",
        ] {
            let res = app.get(path, &mut jar).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{b} {path}");
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn applications_count_received_and_open_by_type() {
    for mut app in apps().await {
        let b = app.backend;
        app.router = umis_http::router(
            app.services.clone().with_stats_threshold(0),
            HttpConfig::default(),
        );
        let ok = app
            .services
            .login(umis_service::LoginRequest {
                username: "officer".into(),
                password: common::PASSWORD.into(),
                totp_code: None,
                client_addr: None,
            })
            .await
            .expect("login");
        let officer = Ctx::new(umis_service::Actor::User(ok.user), None);
        let form = |t: &str| -> (serde_json::Map<String, Value>, Vec<String>) {
            let (fields, docs): (Value, &[&str]) = match t {
                "stay_extension" => (
                    json!({"requested_days": 30, "reason": "treatment"}),
                    &["passport_copy", "application_form"],
                ),
                "immigrant_status" => (
                    json!({"basis": "family"}),
                    &["passport_copy", "photo", "application_form"],
                ),
                _ => (
                    json!({"country_of_origin": "AFG", "claim": "persecution"}),
                    &["application_form"],
                ),
            };
            (
                fields.as_object().cloned().unwrap_or_default(),
                docs.iter().map(|d| (*d).to_owned()).collect(),
            )
        };
        // (type, days after 2027-01-15 on which it is filed)
        let filings = [
            ("stay_extension", 0),
            ("stay_extension", 0),
            ("immigrant_status", 0),
            ("stay_extension", 40),
            ("refugee_status", 40),
            ("refugee_status", 41),
        ];
        let mut day = 0;
        for (i, (t, on)) in filings.iter().enumerate() {
            if *on > day {
                app.clock.advance_secs((on - day) * 86_400);
                day = *on;
            }
            // Tokens live 30 days: one for each filing day.
            let writer = app.token(&format!("registry{day}"), "persons:write").await;
            let res = app
                .api(
                    Method::POST,
                    "/api/v1/persons",
                    Some(&writer),
                    Some(
                        &json!({"surname": format!("Applicant{i}"), "given_names": "Test",
                            "sex": "M", "birth_date": "1988-04-04", "nationalities": ["UZB"],
                            "documents": [{"issuing_state": "UZB", "number": format!("AC{i:07}"),
                                           "expiry_date": "2035-01-01"}]})
                        .to_string(),
                    ),
                )
                .await;
            assert_eq!(res.status, StatusCode::CREATED, "{b}: {}", res.body);
            let pid = res.json()["person_id"].as_str().expect("id").to_owned();
            let (fields, documents) = form(t);
            app.services
                .submit_application(
                    &officer,
                    &umis_service::ApplicationInput {
                        app_type: (*t).into(),
                        person_id: pid,
                        fields,
                        documents,
                        lang: Some("az".into()),
                        draft: false,
                    },
                )
                .await
                .unwrap_or_else(|e| panic!("{b}: filing {t}: {e}"));
        }
        let analyst = app.token("analysis", "stats:read").await;
        let base = Date::from_calendar_date(2027, time::Month::January, 15).expect("date");
        for (from, to) in [("2027-01-01", "2027-01-31"), ("2027-02-01", "2027-02-28")] {
            let (f, t) = (
                umis_service::parse_day(from).expect("from"),
                umis_service::parse_day(to).expect("to"),
            );
            // The test's own count: received in the period; open (none decided) whenever filed.
            let mut want: BTreeMap<String, (i64, i64)> = BTreeMap::new();
            for (ty, on) in &filings {
                let filed = base + Duration::days(*on);
                let row = want.entry((*ty).to_owned()).or_insert((0, 0));
                if f <= filed && filed <= t {
                    row.0 += 1;
                }
                row.1 += 1;
            }
            let table = stat(&app, &analyst, &format!("applications?from={from}&to={to}")).await;
            let cols: Vec<&str> = table["columns"]
                .as_array()
                .expect("columns")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            let at = |c: &str| cols.iter().position(|x| *x == c).expect("column");
            let got: BTreeMap<String, (i64, i64)> = cells(&table)
                .into_iter()
                .map(|((_, g), v)| {
                    (
                        g,
                        (
                            v[at("received")].expect("received"),
                            v[at("open")].expect("open"),
                        ),
                    )
                })
                .collect();
            assert_eq!(got, want, "{b}: {from}..{to}");
            for ((_, g), v) in cells(&table) {
                assert_eq!(v[at("decided")], Some(0), "{b}: {g} has no decision");
            }
        }
        app.cleanup().await;
    }
}

#[tokio::test]
async fn overstays_equal_independent_counts_and_the_report_on_past_days_and_today() {
    for mut app in apps().await {
        let b = app.backend;
        app.router = umis_http::router(
            app.services.clone().with_stats_threshold(0),
            HttpConfig::default(),
        );
        let sbs = app.token("sbs", "border-events:write").await;
        let analyst = app.token("analysis", "stats:read").await;
        let mia = app.token("mia", "persons:read").await;
        // Travellers on ten-day e-visas: some still here, some left late (their overstay is
        // over by today, but counts on the days in between), some left in time.
        let mut rng = Rng(11);
        let mut events = Vec::new();
        // (nationality, entry day, exit day)
        let mut trips: Vec<(&str, Date, Option<Date>)> = Vec::new();
        for i in 0..90 {
            let nationality = NATS[rng.below(NATS.len() as u64) as usize];
            let entry = Date::from_calendar_date(2026, time::Month::November, 1).expect("date")
                + Duration::days(rng.below(60) as i64);
            let base = json!({
                "document_number": format!("V{i:07}"), "document_issuing_state": nationality,
                "nationality": nationality, "surname": format!("VISITOR{i}"),
                "given_names": "TEST",
                "birth_date": format!("19{:02}-0{}-1{}", 50 + i % 50, 1 + i % 9, i % 10),
                "bcp": "GYD", "travel_mode": "air",
            });
            // 08:00 UTC is noon in Baku: the same calendar day.
            let at = |d: Date| format!("{d}T08:00:00Z");
            let mut e = base.clone();
            e["event_id"] = json!(format!("OV-{i}-IN"));
            e["direction"] = json!("entry");
            e["occurred_at"] = json!(at(entry));
            e["permitted_days"] = json!(10);
            e["visa_ref"] = json!(format!("EV{i}"));
            events.push(e);
            let mut exit = None;
            if rng.below(3) > 0 {
                let day = entry + Duration::days(3 + rng.below(40) as i64);
                if day < now().date() {
                    let mut e = base.clone();
                    e["event_id"] = json!(format!("OV-{i}-OUT"));
                    e["direction"] = json!("exit");
                    e["occurred_at"] = json!(at(day));
                    events.push(e);
                    exit = Some(day);
                }
            }
            trips.push((nationality, entry, exit));
        }
        post_events(&app, &sbs, &events).await;
        let mut counted_but_gone = 0;
        for as_of in ["2026-11-20", "2026-12-10", "2026-12-31", "2027-01-15"] {
            let day = umis_service::parse_day(as_of).expect("day");
            // Lawful through entry + 9 (the entry day is day 1); present at the end of the day
            // unless the exit was on it or before.
            let mut want: BTreeMap<(String, String), Vec<Option<i64>>> = BTreeMap::new();
            for (nat, entry, exit) in &trips {
                if *entry + Duration::days(10) <= day && exit.is_none_or(|x| x > day) {
                    let cell = want
                        .entry((String::new(), (*nat).to_owned()))
                        .or_insert_with(|| vec![Some(0)]);
                    cell[0] = cell[0].map(|n| n + 1);
                    if exit.is_some() {
                        counted_but_gone += 1;
                    }
                }
            }
            // The report lists the same persons.
            let res = get_ok(
                &app,
                &mia,
                &format!("/api/v1/reports/overstays?as_of={as_of}"),
            )
            .await;
            let listed = res.json()["items"].as_array().expect("items").len() as i64;
            let counted: i64 = want.values().filter_map(|v| v[0]).sum();
            assert_eq!(listed, counted, "{b}: the report on {as_of}: {}", res.body);
            let table = stat(&app, &analyst, &format!("overstays?as_of={as_of}")).await;
            assert_eq!(cells(&table), want, "{b}: overstays on {as_of}");
            assert!(counted > 0, "{b}: the seeded visitors overstay by {as_of}");
        }
        assert!(
            counted_but_gone > 0,
            "{b}: a past day counts overstays that ended since"
        );
        app.cleanup().await;
    }
}

#[tokio::test]
async fn a_system_series_starts_where_its_data_starts() {
    for app in apps().await {
        let b = app.backend;
        let sbs = app.token("sbs", "border-events:write").await;
        let events: Vec<Value> = seeded_events(5, 60).into_iter().map(|e| e.json).collect();
        post_events(&app, &sbs, &events).await;
        let token = app.token("stats", "stats:read").await;
        let res = app
            .api(
                Method::GET,
                "/api/v1/forecasts/entries?horizon=3",
                Some(&token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{b}: {}", res.body);
        let history = res.json()["history"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let periods: Vec<&str> = history
            .iter()
            .filter_map(|h| h["period"].as_str())
            .collect();
        // The traffic begins in November 2026; the months before are not zeros but no data.
        // Eight months are kept, the least a forecast needs, ending with the last complete
        // month, December 2026.
        assert_eq!(periods.len(), 8, "{b}: {periods:?}");
        assert_eq!(periods.first(), Some(&"2026-05"), "{b}");
        assert_eq!(periods.last(), Some(&"2026-12"), "{b}");
        let november = history
            .iter()
            .find(|h| h["period"] == "2026-11")
            .and_then(|h| h["value"].as_f64());
        assert!(november.is_some_and(|v| v > 0.0), "{b}: {history:?}");
        app.cleanup().await;
    }
}
