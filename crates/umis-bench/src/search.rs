//! `umis bench search`: the person index's speed and recall on a synthetic population, and, with
//! a PostgreSQL URL, a `pg_trgm` trigram baseline over the same persons and queries.

use std::fmt::Write as _;
use std::time::Instant;

use anyhow::Context;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use umis_domain::names::transliterate;
use umis_matching::bench::{Latency, namesakes};
use umis_matching::synth::{SynthPerson, SynthQuery, population, queries};

/// Rows per chunk sent to `COPY … FROM STDIN`.
const COPY_ROWS: usize = 10_000;

/// Runs the benchmark and returns its JSON report; with `postgres_url` the report gains a
/// `postgres_trgm` object measured on the same persons and queries.
pub async fn search_bench(
    persons: usize,
    queries_n: usize,
    seed: u64,
    postgres_url: Option<String>,
) -> anyhow::Result<Value> {
    anyhow::ensure!(
        (10..=10_000_000).contains(&persons) && (1..=1_000_000).contains(&queries_n),
        "persons must be 10..=10,000,000 and queries 1..=1,000,000"
    );
    let report =
        tokio::task::spawn_blocking(move || umis_matching::run_bench(persons, queries_n, seed))
            .await
            .context("running the index benchmark")?;
    let mut out = serde_json::to_value(&report).context("serialising the report")?;
    if let Some(url) = postgres_url {
        let baseline = trigram_baseline(&url, persons, queries_n, seed).await?;
        if let Value::Object(map) = &mut out {
            map.insert("postgres_trgm".into(), baseline);
        }
    }
    Ok(out)
}

/// A fresh schema name: `umis_bench_` and 16 random hex digits.
pub(crate) fn schema_name() -> anyhow::Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("no randomness for the schema name: {e}"))?;
    Ok(format!("umis_bench_{:016x}", u64::from_le_bytes(bytes)))
}

/// The distinct normalised full names of a person (one per name variant): lowercase ASCII.
fn normalised_names(p: &SynthPerson) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in &p.record.names {
        let raw = [
            Some(v.surname.as_str()),
            v.given_names.as_deref(),
            v.patronymic.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let name = transliterate(&raw);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Loads the persons into `bench_persons` with COPY, one row per distinct normalised name
/// variant (only `a`–`z` and spaces, so the text format needs no escaping); returns the rows.
async fn load(pool: &PgPool, people: &[SynthPerson]) -> anyhow::Result<usize> {
    let mut conn = pool.acquire().await?;
    let mut copy = conn
        .copy_in_raw("COPY bench_persons (person_id, name, birth_date) FROM STDIN (FORMAT text)")
        .await
        .context("starting COPY")?;
    let mut rows = 0usize;
    for chunk in people.chunks(COPY_ROWS) {
        let mut buf = String::with_capacity(chunk.len() * 48);
        for p in chunk {
            let date = p
                .record
                .birth_date
                .map_or_else(|| "\\N".to_string(), |d| d.to_string());
            for name in normalised_names(p) {
                let _ = writeln!(buf, "{}\t{}\t{}", p.record.person_id, name, date);
                rows += 1;
            }
        }
        copy.send(buf.as_bytes())
            .await
            .context("sending COPY data")?;
    }
    copy.finish().await.context("finishing COPY")?;
    Ok(rows)
}

/// The baseline query: the ten persons whose best name variant is most similar, among rows the
/// trigram index finds with `%` (similarity ≥ `pg_trgm.similarity_threshold`, 0.3).
const TRGM: &str = "SELECT person_id FROM bench_persons WHERE name % $1 \
    GROUP BY person_id ORDER BY max(similarity(name, $1)) DESC, person_id LIMIT 10";

/// The same, with equal similarities ordered by whether the date of birth starts with the
/// query's (full or partial) date: a fairer baseline, since namesakes tie on the name.
const TRGM_DATE: &str = "SELECT person_id FROM bench_persons WHERE name % $1 \
    GROUP BY person_id ORDER BY max(similarity(name, $1)) DESC, \
    coalesce(bool_or(birth_date LIKE $2 || '%'), false) DESC, person_id LIMIT 10";

/// Runs the queries that have a name with [`TRGM`], or [`TRGM_DATE`] when `with_date`.
async fn run_queries(
    pool: &PgPool,
    qs: &[SynthQuery],
    twins: &[usize],
    with_date: bool,
) -> anyhow::Result<Value> {
    let mut times = Vec::new();
    let (mut n, mut at1, mut at10) = (0usize, 0usize, 0usize);
    let (mut n_res, mut at10_res) = (0usize, 0usize);
    for (q, twins) in qs.iter().zip(twins) {
        let Some(name) = q.query.name.as_deref() else {
            continue;
        };
        let name = transliterate(name);
        let start = Instant::now();
        let mut query = sqlx::query_as(if with_date { TRGM_DATE } else { TRGM }).bind(&name);
        if with_date {
            query = query.bind(q.query.birth_date.as_deref());
        }
        let rows: Vec<(i64,)> = query.fetch_all(pool).await.context("trigram query")?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        let rank = rows.iter().position(|r| r.0 == q.person_id);
        n += 1;
        at1 += usize::from(rank == Some(0));
        at10 += usize::from(rank.is_some());
        if *twins < 10 {
            n_res += 1;
            at10_res += usize::from(rank.is_some());
        }
    }
    let share = |k: usize, of: usize| if of == 0 { 0.0 } else { k as f64 / of as f64 };
    Ok(json!({
        "name_queries": n,
        "latency": Latency::of(times),
        "recall_at_1": share(at1, n),
        "recall_at_10": share(at10, n),
        "resolvable_at_10": n_res,
        "recall_at_10_resolvable": share(at10_res, n_res),
    }))
}

/// Loads the same population into a fresh schema with a GIN trigram index, runs the queries
/// that have a name, and drops the schema again (also when something failed).
async fn trigram_baseline(
    url: &str,
    persons: usize,
    queries_n: usize,
    seed: u64,
) -> anyhow::Result<Value> {
    let opts: PgConnectOptions = url
        .parse()
        .context("--postgres-url is not a PostgreSQL URL")?;
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(opts.clone())
        .await
        .context("connecting to PostgreSQL")?;
    // Leave the database as it was: an extension this run installs is removed again.
    let (had_trgm,): (bool,) =
        sqlx::query_as("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
            .fetch_one(&admin)
            .await?;
    sqlx::query("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        .execute(&admin)
        .await
        .context("the pg_trgm extension is needed (CREATE EXTENSION pg_trgm)")?;
    let (ext_schema,): (String,) = sqlx::query_as(
        "SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace \
         WHERE e.extname = 'pg_trgm'",
    )
    .fetch_one(&admin)
    .await?;
    let schema = schema_name()?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&admin)
        .await
        .context("creating the benchmark schema")?;
    let search_path = format!("{schema}, \"{}\"", ext_schema.replace('"', "\"\""));
    let result = async {
        let people = population(persons, seed);
        let qs = queries(&people, queries_n, seed);
        let twins = namesakes(&people, &qs);
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .connect_with(opts.clone().options([("search_path", search_path.as_str())]))
            .await?;
        sqlx::query("CREATE TABLE bench_persons (person_id BIGINT NOT NULL, name TEXT NOT NULL, birth_date TEXT)")
            .execute(&pool)
            .await?;
        let started = Instant::now();
        let rows = load(&pool, &people).await?;
        let load_seconds = started.elapsed().as_secs_f64();
        let started = Instant::now();
        sqlx::query("CREATE INDEX bench_persons_name_trgm ON bench_persons USING gin (name gin_trgm_ops)")
            .execute(&pool)
            .await?;
        sqlx::query("ANALYZE bench_persons").execute(&pool).await?;
        let index_seconds = started.elapsed().as_secs_f64();
        let mut report = run_queries(&pool, &qs, &twins, false).await?;
        let with_date = run_queries(&pool, &qs, &twins, true).await?;
        pool.close().await;
        if let Value::Object(map) = &mut report {
            map.insert("with_date_tiebreak".into(), with_date);
            map.insert("rows".into(), json!(rows));
            map.insert("load_seconds".into(), json!(load_seconds));
            map.insert("index_seconds".into(), json!(index_seconds));
            map.insert(
                "method".into(),
                json!("one row per name variant, transliterated to lowercase ASCII (the same \
                       transliteration the index uses); GIN gin_trgm_ops; top 10 persons by \
                       best similarity() among rows matching % (threshold 0.3); name only. \
                       with_date_tiebreak: the same, equal similarities ordered by whether \
                       birth_date starts with the query's date"),
            );
        }
        anyhow::Ok(report)
    }
    .await;
    let dropped = sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&admin)
        .await
        .context("dropping the benchmark schema");
    if !had_trgm {
        // Best effort: another session may have started to use it meanwhile.
        let _ = sqlx::query("DROP EXTENSION IF EXISTS pg_trgm RESTRICT")
            .execute(&admin)
            .await;
    }
    admin.close().await;
    let report = result?;
    dropped?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_ascii_for_copy() {
        for p in population(300, 3) {
            for name in normalised_names(&p) {
                assert!(
                    name.bytes().all(|b| b.is_ascii_lowercase() || b == b' '),
                    "{name}"
                );
            }
        }
        let a = schema_name().unwrap();
        assert!(a.starts_with("umis_bench_") && a.len() == 27);
        assert_ne!(a, schema_name().unwrap());
    }
}
