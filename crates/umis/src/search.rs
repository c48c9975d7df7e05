//! `umis search persons`: one query from flags, or a whole list from an NDJSON file.

use crate::cli::SearchArgs;
use anyhow::Context;
use std::io::{BufRead, Write};
use std::process::ExitCode;
use umis_service::{Ctx, SearchInput, ServiceError, Services};

#[derive(serde::Deserialize)]
struct QueryLine {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    birth_date: Option<String>,
    #[serde(default)]
    nationality: Option<String>,
    #[serde(default)]
    document_number: Option<String>,
}

fn candidates_json(hits: &[umis_service::SearchHit]) -> serde_json::Value {
    serde_json::to_value(hits).unwrap_or_default()
}

/// Runs the search(es) and prints the results.
pub async fn run(services: &Services, ctx: &Ctx, args: SearchArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        (1..=100).contains(&args.limit),
        "--limit must be between 1 and 100"
    );
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(path) = &args.queries {
        let file =
            std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
        for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("reading line {}", n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let result = match serde_json::from_str::<QueryLine>(&line) {
                Err(e) => {
                    serde_json::json!({ "line": n + 1, "error": format!("not a query object: {e}") })
                }
                Ok(q) => {
                    let input = SearchInput {
                        name: q.name,
                        birth_date: q.birth_date,
                        nationality: q.nationality,
                        document_number: q.document_number,
                        limit: Some(args.limit),
                    };
                    match services.search_persons(ctx, &input).await {
                        Ok(hits) => {
                            serde_json::json!({ "id": q.id, "candidates": candidates_json(&hits) })
                        }
                        Err(ServiceError::Validation { message, .. }) => {
                            serde_json::json!({ "id": q.id, "error": message })
                        }
                        Err(e) => return Err(anyhow::anyhow!("line {}: {e}", n + 1)),
                    }
                }
            };
            writeln!(out, "{result}")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let input = SearchInput {
        name: args.name,
        birth_date: args.birth_date,
        nationality: args.nationality,
        document_number: args.document_number,
        limit: Some(args.limit),
    };
    let hits = services
        .search_persons(ctx, &input)
        .await
        .map_err(|e| match e {
            ServiceError::Validation { field, message, .. } => {
                anyhow::anyhow!("{field}: {message}")
            }
            other => anyhow::anyhow!("{other}"),
        })?;
    if args.json {
        writeln!(out, "{}", candidates_json(&hits))?;
    } else {
        for h in &hits {
            writeln!(
                out,
                "{:<12} {:>5.3}  {}",
                h.person_id,
                h.score,
                h.external_id.as_deref().unwrap_or("")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
