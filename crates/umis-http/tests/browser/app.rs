//! The application under test, on a real socket, with the records the flows need.

#[allow(unused_imports)]
use super::*;

/// Services on a fresh SQLite store with `security`, the office HQ and one MFA-exempt officer
/// per `(username, role)`.
pub(crate) async fn seeded_services(
    security: SecurityConfig,
    officers: &[(String, Role)],
) -> Result<Services> {
    let store = umis_store::testing::sqlite().await.store;
    let services = Services::new(store, Arc::new(SystemClock), security);
    let sys = Ctx::system("test");
    services
        .upsert_office(
            &sys,
            umis_store::Office {
                code: "HQ".into(),
                name: "HQ".into(),
                national: true,
            },
        )
        .await
        .context("create office HQ")?;
    for (username, role) in officers {
        services
            .create_user(
                &sys,
                NewUserInput {
                    username: username.clone(),
                    role: role.as_str().into(),
                    office_code: "HQ".into(),
                    password: PASSWORD.into(),
                    mfa_exempt: true,
                    full_name: String::new(),
                },
            )
            .await
            .with_context(|| format!("create user {username}"))?;
    }
    Ok(services)
}

/// Serves the whole application on a real socket, with one MFA-exempt officer per role.
pub(crate) async fn start_app() -> Result<String> {
    let officers: Vec<(String, Role)> = Role::ALL.iter().map(|r| (username(*r), *r)).collect();
    let services = seeded_services(SecurityConfig::default(), &officers).await?;
    let sys = Ctx::system("test");
    // Border traffic: a Russian citizen who entered in January 2025 and never left (an
    // overstayer today), and a Kazakh citizen who came and went.
    let event = |id: &str, dir: &str, at: &str, doc: &str, nat: &str, surname: &str| {
        let mut fields = std::collections::HashMap::new();
        for (k, v) in [
            ("event_id", id),
            ("direction", dir),
            ("occurred_at", at),
            ("bcp", "GYD"),
            ("travel_mode", "air"),
            ("document_number", doc),
            ("document_issuing_state", nat),
            ("nationality", nat),
            ("surname", surname),
            ("given_names", "IVAN"),
            ("birth_date", "1985-02-03"),
        ] {
            fields.insert(k.to_owned(), v.to_owned());
        }
        umis_service::BorderEventInput { fields }
    };
    let report = services
        .ingest_border_events(
            &sys,
            vec![
                (
                    1,
                    event(
                        "B-1",
                        "entry",
                        "2025-01-10T09:00:00+04:00",
                        "750000001",
                        "RUS",
                        "PETROV",
                    ),
                ),
                (
                    2,
                    event(
                        "B-2",
                        "entry",
                        "2025-02-01T09:00:00+04:00",
                        "N0000001",
                        "KAZ",
                        "ABENOV",
                    ),
                ),
                (
                    3,
                    event(
                        "B-3",
                        "exit",
                        "2025-02-20T09:00:00+04:00",
                        "N0000001",
                        "KAZ",
                        "ABENOV",
                    ),
                ),
            ],
        )
        .await
        .context("seed border events")?;
    ensure!(report.accepted == 3, "seeded events: {report:?}");
    let _ = SERVICES.set(services.clone());
    let applicant = services
        .create_person(
            &sys,
            &umis_service::NewPersonInput {
                surname: "Məmmədova".into(),
                given_names: Some("Leyla".into()),
                sex: Some("F".into()),
                birth_date: Some("1994-09-12".into()),
                nationalities: vec!["TUR".into()],
                documents: vec![umis_service::DocumentInput {
                    doc_type: "passport".into(),
                    issuing_state: "TUR".into(),
                    number: "U12345678".into(),
                    expiry_date: Some("2035-06-30".into()),
                    ..Default::default()
                }],
                ..Default::default()
            },
        )
        .await
        .context("create the applicant")?;
    let _ =
        APPLICANT.set(umis_domain::person::PersonId::from_stored(applicant.person_id).to_string());
    serve(services).await
}

/// Serves `services` on a free loopback port and answers its base URL.
pub(crate) async fn serve(services: Services) -> Result<String> {
    let app = umis_http::router(services, umis_http::HttpConfig::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    Ok(format!("http://{addr}"))
}

/// Thirteen months of traffic up to yesterday for the analytics screens: a summer peak, a
/// weekly rhythm, four crossing points and a handful of citizenships; most travellers leave
/// again after a week or two.
pub(crate) async fn seed_traffic(services: &Services, sys: &Ctx) -> Result<()> {
    let today = services.local_today();
    let nats = ["RUS", "TUR", "IRN", "GEO", "IND", "CHN", "KAZ", "DEU"];
    let bcps = [
        ("GYD", "air"),
        ("ASTARA", "land"),
        ("SAMUR", "land"),
        ("BAKU-PORT", "sea"),
    ];
    let mut rows = Vec::new();
    let mut n = 0usize;
    for back in (1..=395i64).rev() {
        let day = today - time::Duration::days(back);
        let season = 1.0
            + 0.6 * ((f64::from(u8::from(day.month())) - 7.0) / 12.0 * std::f64::consts::TAU).cos();
        let weekday = f64::from(day.weekday().number_days_from_monday());
        let count = (season * (3.0 + weekday * 0.5)).round() as usize;
        for k in 0..count {
            n += 1;
            let nat = nats[(n * 7 + k) % nats.len()];
            let (bcp, mode) = bcps[(n * 3 + back as usize) % bcps.len()];
            let stay = 5 + (n % 15) as i64;
            let mut push = |dir: &str, d: time::Date| {
                let mut fields = std::collections::HashMap::new();
                for (key, v) in [
                    ("event_id", format!("T-{n}-{dir}")),
                    ("direction", dir.to_owned()),
                    ("occurred_at", format!("{d}T12:00:00+04:00")),
                    ("bcp", bcp.to_owned()),
                    ("travel_mode", mode.to_owned()),
                    ("document_number", format!("TR{n:07}")),
                    ("document_issuing_state", nat.to_owned()),
                    ("nationality", nat.to_owned()),
                    ("surname", format!("TRAVELLER{n}")),
                    ("given_names", "TEST".to_owned()),
                    (
                        "birth_date",
                        format!("19{:02}-05-0{}", 50 + n % 49, 1 + n % 9),
                    ),
                ] {
                    fields.insert(key.to_owned(), v);
                }
                rows.push((rows.len() + 1, umis_service::BorderEventInput { fields }));
            };
            push("entry", day);
            if back - stay > 1 {
                push("exit", day + time::Duration::days(stay));
            }
        }
    }
    for chunk in rows.chunks(5000) {
        let report = services
            .ingest_border_events(sys, chunk.to_vec())
            .await
            .context("seed traffic")?;
        ensure!(
            report.rejected.is_empty(),
            "seeded traffic: {:?}",
            report.rejected
        );
    }
    Ok(())
}
