//! Command-line interface: global options, subcommands, and what each does.

mod args;

use crate::config::{Config, FlagOverrides, LogFormat};
use anyhow::Context;
use clap::{Args, CommandFactory, Parser, Subcommand};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use umis_domain::Scope;
use umis_service::{Ctx, NewUserInput, ServiceError, Services};

pub use args::*;

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

fn read_password_stdin() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let pw = line.trim_end_matches(['\r', '\n']).to_owned();
    anyhow::ensure!(!pw.is_empty(), "no password on standard input");
    Ok(pw)
}

/// Explains a service error to an operator.
fn explain(e: ServiceError) -> anyhow::Error {
    match e {
        ServiceError::Validation { field, message, .. } => anyhow::anyhow!("{field}: {message}"),
        ServiceError::NotFound => anyhow::anyhow!("no such user, office or client"),
        other => anyhow::anyhow!("{other}"),
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let listen = match &cli.command {
        Command::Serve { listen } | Command::Demo { listen } => listen.clone(),
        _ => None,
    };
    let flags = FlagOverrides {
        listen,
        data_dir: cli.global.data_dir.clone(),
        database_url: cli.global.database_url.clone(),
        log_format: cli.global.log_format,
    };
    let config = Config::load(cli.global.config.as_deref(), flags)?;
    init_logging(config.log_format);
    // Commands that need no database.
    match cli.command {
        Command::Mrz(MrzCommand::Parse) => return crate::mrz::parse_stdin(),
        Command::Bench(BenchCommand::Search {
            persons,
            queries,
            seed,
            postgres_url,
        }) => {
            let report = crate::bench::search_bench(persons, queries, seed, postgres_url).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench(BenchCommand::Ingest {
            events,
            seed,
            postgres_url,
        }) => {
            let report = crate::bench_control::ingest_bench(events, seed, postgres_url).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench(BenchCommand::Cases {
            cases,
            seed,
            postgres_url,
            skip_sqlite,
            keep,
            measure,
        }) => {
            let report = crate::bench_cases::cases_bench(crate::bench_cases::CasesBench {
                cases,
                seed,
                postgres_url,
                skip_sqlite,
                keep,
                measure,
            })
            .await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            return Ok(ExitCode::SUCCESS);
        }
        Command::Forecast {
            input,
            horizon,
            season,
            json,
            allow_negative,
        } => {
            return crate::forecast::forecast_command(
                &input,
                horizon,
                season,
                json,
                allow_negative,
            );
        }
        Command::Bench(BenchCommand::Stats {
            events,
            persons,
            rounds,
            postgres_url,
            keep,
        }) => {
            let report =
                crate::bench_stats::stats_bench(events, persons, rounds, postgres_url, keep)
                    .await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench(BenchCommand::Load {
            clients,
            seconds,
            persons,
            postgres_url,
        }) => {
            let report =
                crate::bench_load::load_bench(clients, seconds, persons, postgres_url).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            return Ok(ExitCode::SUCCESS);
        }
        Command::Bench(BenchCommand::Forecast { json }) => {
            return crate::forecast::bench_forecast(json);
        }
        Command::Bench(BenchCommand::Overstay { events, seed, bulk }) => {
            let report = crate::bench_control::overstay_bench(events, seed, bulk).await?;
            println!("{}", serde_json::to_string_pretty(&report)?);
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let services = crate::server::open(&config).await?;
    let outcome = dispatch(&config, &services, cli.command).await;
    // Close the pool so SQLite checkpoints its write-ahead log into the database file.
    services.store().db().close().await;
    outcome
}

async fn dispatch(
    config: &Config,
    services: &Services,
    command: Command,
) -> anyhow::Result<ExitCode> {
    let services = services.clone();
    let config = config.clone();
    let cli_ctx = Ctx::system("cli");
    match command {
        Command::Serve { .. } => crate::server::serve(&config, services).await?,
        Command::Demo { .. } => {
            crate::demo::seed(&config, &services).await?;
            crate::server::serve(&config, services).await?;
        }
        Command::Migrate => {
            println!("migrations applied ({})", services.store().db().backend());
        }
        Command::User(cmd) => user_command(&services, &cli_ctx, cmd).await?,
        Command::Office(cmd) => match cmd {
            OfficeCommand::Add {
                code,
                name,
                national,
                crossing_points,
                regions,
            } => {
                let bcps: Option<Vec<String>> =
                    crossing_points.map(|list| list.split(',').map(str::to_owned).collect());
                let regions: Option<Vec<String>> =
                    regions.map(|list| list.split(';').map(str::to_owned).collect());
                let office = umis_store::Office {
                    code: code.clone(),
                    name,
                    national,
                };
                // Checked whole before anything is saved; office and list in one transaction.
                let (stored, areas) = services
                    .save_office(&cli_ctx, office, bcps.as_deref(), regions.as_deref())
                    .await
                    .map_err(explain)?;
                println!("office {code} saved");
                match areas {
                    None => {}
                    Some(r) if r.is_empty() => println!("office {code} answers for no region"),
                    Some(r) => println!("office {code} answers for regions {}", r.join("; ")),
                }
                match stored {
                    None => {}
                    Some(s) if s.is_empty() => {
                        println!("office {code} answers for crossing point {code}");
                    }
                    Some(s) => {
                        println!("office {code} answers for crossing points {}", s.join(", "));
                    }
                }
            }
            OfficeCommand::List => {
                let points = services.office_crossing_points().await.map_err(explain)?;
                let regions = services.office_regions().await.map_err(explain)?;
                for o in services.list_offices().await.map_err(explain)? {
                    let scope = if o.national { "national" } else { "local" };
                    let bcps = points
                        .get(&o.code)
                        .map_or_else(|| o.code.clone(), |p| p.join(","));
                    let areas = regions
                        .get(&o.code)
                        .map_or_else(|| "-".into(), |r| r.join(";"));
                    println!(
                        "{:<16} {:<8} {:<24} {:<24} {}",
                        o.code, scope, bcps, areas, o.name
                    );
                }
            }
        },
        Command::Token(cmd) => match cmd {
            TokenCommand::Create {
                client,
                scopes,
                agency,
                expires_days,
            } => {
                let issued = services
                    .issue_agency_token(&cli_ctx, &client, &scopes, expires_days, agency.as_deref())
                    .await
                    .map_err(explain)?;
                eprintln!(
                    "token for '{client}' with scopes {} (shown once; store it securely):",
                    issued.scopes
                );
                println!("{}", issued.token);
            }
            TokenCommand::Revoke { client } => {
                match services.revoke_tokens(&cli_ctx, &client).await {
                    Ok(n) => println!("revoked {n} token(s) of '{client}'"),
                    Err(ServiceError::NotFound) => {
                        anyhow::bail!("client '{client}' has no live tokens")
                    }
                    Err(e) => return Err(explain(e)),
                }
            }
            TokenCommand::List => {
                let now = services.now();
                for t in services.list_tokens(&cli_ctx).await.map_err(explain)? {
                    let status = if t.revoked_at.is_some() {
                        "revoked"
                    } else if t.expires_at.is_some_and(|e| e <= now) {
                        "expired"
                    } else {
                        "active"
                    };
                    println!(
                        "{:<6} {:<24} {:<8} {:<12} {}",
                        t.id, t.client_name, status, t.token_prefix, t.scopes
                    );
                }
            }
        },
        Command::Mrz(_) | Command::Bench(_) | Command::Forecast { .. } => {
            unreachable!("handled before the database is opened")
        }
        Command::Watchlist(cmd) => match cmd {
            WatchCommand::Add(a) => {
                let a = *a;
                let input = umis_service::WatchInput {
                    list: a.list,
                    person_id: a.person,
                    surname: a.surname,
                    given_names: a.given_names,
                    birth_date: a.birth_date,
                    nationality: a.nationality,
                    document_number: a.document_number,
                    ground: a.ground,
                    issuing_body: a.issuing_body,
                    valid_from: a.valid_from,
                    valid_to: a.valid_to,
                    note: None,
                };
                let id = services
                    .add_watch_entry(&cli_ctx, &input)
                    .await
                    .map_err(explain)?;
                println!("watch-list entry {id} added");
            }
            WatchCommand::List { list } => {
                for e in services
                    .list_watch_entries(&cli_ctx, list.as_deref(), 500)
                    .await
                    .map_err(explain)?
                {
                    println!(
                        "{:<6} {:<12} {:<8} {:<24} {:<10} {}",
                        e.entry_id,
                        e.list,
                        if e.lifted_at.is_some() {
                            "lifted"
                        } else {
                            "active"
                        },
                        format!(
                            "{} {}",
                            e.surname.unwrap_or_default(),
                            e.given_names.unwrap_or_default()
                        )
                        .trim(),
                        e.valid_to.unwrap_or_default(),
                        e.ground.unwrap_or_default()
                    );
                }
            }
            WatchCommand::Lift { entry_id } => {
                services
                    .lift_watch_entry(&cli_ctx, entry_id)
                    .await
                    .map_err(explain)?;
                println!("watch-list entry {entry_id} lifted");
            }
        },
        Command::Search(SearchCommand::Persons(args)) => {
            services.rebuild_index().await.map_err(explain)?;
            return crate::search::run(&services, &cli_ctx, *args).await;
        }
        Command::Dedup(DedupCommand::Report {
            min_score,
            limit,
            include_dismissed,
            json,
        }) => {
            anyhow::ensure!(
                (0.0..=1.0).contains(&min_score),
                "--min-score must be between 0 and 1"
            );
            services.rebuild_index().await.map_err(explain)?;
            let pairs = services
                .duplicate_pairs(&cli_ctx, min_score, limit, include_dismissed)
                .await
                .map_err(explain)?;
            if json {
                for p in &pairs {
                    println!("{}", serde_json::to_string(p)?);
                }
            } else {
                println!(
                    "{:<12} {:<15} {:<6} STATUS",
                    "PERSON", "LIKELY SAME AS", "SCORE"
                );
                for p in &pairs {
                    println!(
                        "{:<12} {:<15} {:<6.3} {}",
                        p.person_a, p.person_b, p.score, p.status
                    );
                }
            }
            eprintln!("{} candidate pairs", pairs.len());
        }
        Command::Dedup(DedupCommand::Scan { min_score }) => {
            anyhow::ensure!(
                (0.0..=1.0).contains(&min_score),
                "--min-score must be between 0 and 1"
            );
            services.rebuild_index().await.map_err(explain)?;
            let n = services
                .scan_duplicates(&cli_ctx, min_score)
                .await
                .map_err(explain)?;
            println!("{n} candidate pairs found; undecided ones are in the review queue");
        }
        Command::Person(PersonCommand::Unmerge { survivor, merged }) => {
            services
                .unmerge_persons(&cli_ctx, &survivor, &merged)
                .await
                .map_err(explain)?;
            println!("merge of {merged} into {survivor} undone");
        }
        Command::Import(ImportCommand::Persons { file, errors }) => {
            let mut report: Vec<u8> = Vec::new();
            let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let summary =
                crate::import::import_persons(&services, &file, &mut report, progress).await?;
            eprint!("{}", String::from_utf8_lossy(&report));
            if let Some(path) = errors {
                std::fs::write(&path, &report)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            println!(
                "imported {} persons, {} unchanged, {} rows rejected",
                summary.created, summary.unchanged, summary.rejected
            );
        }
        Command::Import(ImportCommand::BorderEvents { file, errors }) => {
            services
                .rebuild_index()
                .await
                .map_err(|e| anyhow::anyhow!("building the search index: {e}"))?;
            let mut report: Vec<u8> = Vec::new();
            let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let summary =
                crate::border_import::import_border_events(&services, &file, &mut report, progress)
                    .await?;
            eprint!("{}", String::from_utf8_lossy(&report));
            if let Some(path) = errors {
                std::fs::write(&path, &report)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            println!(
                "imported {} events, {} duplicates, {} rows rejected, {} travellers registered for review, {} linked by identity match",
                summary.accepted,
                summary.duplicates,
                summary.rejected.len(),
                summary.persons_created,
                summary.linked_by_identity
            );
        }
        Command::Report(ReportCommand::Overstays { as_of, format }) => {
            report_overstays(&services, &cli_ctx, &as_of, format).await?;
        }
        Command::Audit(AuditCommand::Verify) => return crate::audit::verify(&services).await,
        Command::Audit(AuditCommand::Checkpoint) => {
            return crate::audit::checkpoint(&services).await;
        }
        Command::Keys(KeysCommand::List) => crate::keys::list(&services, &cli_ctx).await?,
        Command::Keys(KeysCommand::Rotate { purpose }) => {
            crate::keys::rotate(&services, &cli_ctx, &purpose).await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn user_command(services: &Services, ctx: &Ctx, cmd: UserCommand) -> anyhow::Result<()> {
    match cmd {
        UserCommand::Add {
            username,
            role,
            office,
            password_stdin: _,
            full_name,
        } => {
            let password = read_password_stdin()?;
            let user = services
                .create_user(
                    ctx,
                    NewUserInput {
                        username,
                        role,
                        office_code: office,
                        password,
                        mfa_exempt: false,
                        full_name,
                    },
                )
                .await
                .map_err(explain)?;
            println!(
                "user {} created ({}, office {})",
                user.username, user.role, user.office_code
            );
        }
        UserCommand::SetName {
            username,
            full_name,
        } => {
            let user = services
                .set_user_full_name(ctx, &username, &full_name)
                .await
                .map_err(explain)?;
            println!(
                "full name of {} recorded: {}",
                user.username, user.full_name
            );
        }
        UserCommand::List => {
            println!(
                "{:<24} {:<16} {:<14} {:<9} {:<6} NAME",
                "USERNAME", "ROLE", "OFFICE", "STATUS", "2FA"
            );
            for u in services.list_users(ctx).await.map_err(explain)? {
                println!(
                    "{:<24} {:<16} {:<14} {:<9} {:<6} {}",
                    u.username,
                    u.role.as_str(),
                    u.office_code,
                    if u.disabled { "disabled" } else { "active" },
                    if u.totp_enabled {
                        "on"
                    } else if u.mfa_exempt {
                        "exempt"
                    } else {
                        "off"
                    },
                    u.full_name
                );
            }
        }
        UserCommand::Disable { username } => {
            services
                .set_user_disabled(ctx, &username, true)
                .await
                .map_err(explain)?;
            println!("user {username} disabled; their sessions have ended");
        }
        UserCommand::Enable { username } => {
            services
                .set_user_disabled(ctx, &username, false)
                .await
                .map_err(explain)?;
            println!("user {username} enabled");
        }
        UserCommand::ResetMfa { username } => {
            services
                .reset_user_mfa(ctx, &username)
                .await
                .map_err(explain)?;
            println!("second factor of {username} removed");
        }
        UserCommand::ResetPassword {
            username,
            password_stdin: _,
        } => {
            let password = read_password_stdin()?;
            services
                .reset_password(ctx, &username, &password)
                .await
                .map_err(explain)?;
            println!("password of {username} replaced; their sessions have ended");
        }
    }
    Ok(())
}

/// Writes the whole overstay report to standard output, page by page.
async fn report_overstays(
    services: &Services,
    ctx: &Ctx,
    as_of: &str,
    format: ReportFormat,
) -> anyhow::Result<()> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        ReportFormat::Csv => writeln!(out, "{}", umis_service::OverstayLine::CSV_HEADER)?,
        ReportFormat::Json => writeln!(out, "[")?,
    }
    let mut cursor: Option<String> = None;
    let mut first = true;
    loop {
        let page = services
            .overstays(ctx, as_of, cursor.as_deref(), umis_service::MAX_REPORT_PAGE)
            .await
            .map_err(explain)?;
        for line in &page {
            match format {
                ReportFormat::Csv => writeln!(out, "{}", line.csv_line())?,
                ReportFormat::Json => {
                    if !first {
                        writeln!(out, ",")?;
                    }
                    write!(out, "{}", serde_json::to_string(line)?)?;
                }
            }
            first = false;
        }
        if (page.len() as i64) < umis_service::MAX_REPORT_PAGE {
            break;
        }
        cursor = page.last().map(|l| l.person_id.clone());
    }
    if format == ReportFormat::Json {
        if !first {
            writeln!(out)?;
        }
        writeln!(out, "]")?;
    }
    out.flush()?;
    Ok(())
}
