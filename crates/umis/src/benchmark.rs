//! `umis bench search`: the search index's speed and quality on a synthetic population, and,
//! for comparison, a PostgreSQL `pg_trgm` trigram index over the same names.

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::time::Instant;
use umis_matching::bench::Latency;
use umis_matching::synth::{population, queries};

/// Runs the benchmark and returns its JSON report.
pub async fn search(
    persons: usize,
    queries_n: usize,
    seed: u64,
    postgres_url: Option<String>,
) -> anyhow::Result<serde_json::Value> {
    anyhow::ensure!(
        persons >= 10 && queries_n >= 1,
        "--persons must be at least 10, --queries at least 1"
    );
    let report =
        tokio::task::spawn_blocking(move || umis_matching::run_bench(persons, queries_n, seed))
            .await
            .context("running the benchmark")?;
    let mut json = serde_json::to_value(&report)?;
    if let Some(url) = postgres_url {
        let baseline = trigram_baseline(&url, persons, queries_n, seed).await?;
        if let serde_json::Value::Object(map) = &mut json {
            map.insert("postgres_trgm".into(), baseline);
        }
    }
    Ok(json)
}

fn full_name(p: &umis_matching::NameVariant) -> String {
    let raw = [
        Some(p.surname.as_str()),
        p.given_names.as_deref(),
        p.patronymic.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    umis_domain::names::transliterate(&raw)
}

/// Loads the same population into a fresh schema with a GIN trigram index and runs the name
/// queries with `%` and `similarity()`.
async fn trigram_baseline(
    url: &str,
    persons: usize,
    queries_n: usize,
    seed: u64,
) -> anyhow::Result<serde_json::Value> {
    let people = population(persons, seed);
    let qs = queries(&people, queries_n, seed);
    let mut rnd = [0u8; 4];
    getrandom::fill(&mut rnd).map_err(|e| anyhow::anyhow!("random: {e}"))?;
    let schema = format!("umis_bench_{:08x}", u32::from_le_bytes(rnd));
    let opts = PgConnectOptions::from_str(url).context("--postgres-url")?;
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(opts.clone())
        .await
        .context("connecting to PostgreSQL")?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&admin)
        .await?;
    let result = async {
        let pool = PgPoolOptions::new()
            .max_connections(2)
            .connect_with(opts.options([("search_path", schema.as_str())]))
            .await?;
        sqlx::query("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute(&pool).await.context("pg_trgm is needed")?;
        sqlx::query("CREATE TABLE bench_persons (person_id BIGINT PRIMARY KEY, name TEXT NOT NULL)").execute(&pool).await?;
        let load = Instant::now();
        for chunk in people.chunks(200) {
            let mut sql = String::from("INSERT INTO bench_persons (person_id, name) VALUES ");
            for i in 0..chunk.len() {
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!("(${}, ${})", 2 * i + 1, 2 * i + 2));
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for p in chunk {
                let name = p.record.names.first().map(full_name).unwrap_or_default();
                q = q.bind(p.record.person_id).bind(name);
            }
            q.execute(&pool).await?;
        }
        sqlx::query("CREATE INDEX bench_persons_trgm ON bench_persons USING gin (name gin_trgm_ops)").execute(&pool).await?;
        sqlx::query("ANALYZE bench_persons").execute(&pool).await?;
        let load_seconds = load.elapsed().as_secs_f64();
        let mut times = Vec::new();
        let (mut at1, mut at10, mut n) = (0usize, 0usize, 0usize);
        for q in &qs {
            let Some(name) = q.query.name.as_deref() else { continue };
            let name = umis_domain::names::transliterate(name);
            let t = Instant::now();
            let rows: Vec<(i64,)> = sqlx::query_as(
                "SELECT person_id FROM bench_persons WHERE name % $1 ORDER BY similarity(name, $1) DESC LIMIT 10",
            )
            .bind(&name)
            .fetch_all(&pool)
            .await?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            n += 1;
            if rows.first().is_some_and(|r| r.0 == q.person_id) {
                at1 += 1;
            }
            if rows.iter().any(|r| r.0 == q.person_id) {
                at10 += 1;
            }
        }
        pool.close().await;
        let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
        anyhow::Ok(serde_json::json!({
            "load_and_index_seconds": load_seconds,
            "name_queries": n,
            "latency": Latency::of(times),
            "recall_at_1": share(at1),
            "recall_at_10": share(at10),
        }))
    }
    .await;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&admin)
        .await?;
    result
}
