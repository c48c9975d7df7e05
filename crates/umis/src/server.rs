//! Opening the database and serving HTTP with graceful shutdown.

use crate::config::Config;
use anyhow::Context;
use std::sync::Arc;
use std::time::Duration;
use umis_http::HttpConfig;
use umis_service::{Ctx, SecurityConfig, Services, SystemClock};
use umis_store::{Db, Office, Store};

/// Opens (creating if needed) and migrates the configured database, and makes sure the
/// headquarters office exists.
pub async fn open(config: &Config) -> anyhow::Result<Services> {
    let url = config.database_url();
    if url.starts_with("sqlite:") && config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating data directory {}", config.data_dir.display()))?;
    }
    let db = Db::connect(&url)
        .await
        .with_context(|| format!("opening database {}", umis_store::redact_url(&url)))?;
    db.migrate().await.context("applying migrations")?;
    tracing::info!(backend = db.backend(), "database ready");
    let security = SecurityConfig {
        session_idle_minutes: config.session_idle_minutes,
        session_absolute_hours: config.session_absolute_hours,
        ..SecurityConfig::default()
    };
    let services = Services::new(Store::new(db), Arc::new(SystemClock), security)
        .with_time_zone(&config.time_zone)
        .map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?
        .with_stats_threshold(config.stats_suppress_below)
        .with_keys(umis_service::KeyStore::new(config.keys_dir()));
    if services
        .list_offices()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .is_empty()
    {
        let hq = Office {
            code: "HQ".into(),
            name: "Dövlət Miqrasiya Xidməti — Mərkəzi aparat".into(),
            national: true,
        };
        services
            .upsert_office(&Ctx::system("setup"), hq)
            .await
            .map_err(|e| anyhow::anyhow!("creating the HQ office: {e}"))?;
    }
    Ok(services)
}

/// Serves until Ctrl-C or SIGTERM, then finishes in-flight requests.
pub async fn serve(config: &Config, services: Services) -> anyhow::Result<()> {
    let http = HttpConfig {
        secure_cookies: config.secure_cookies,
        max_body_bytes: config.max_body_bytes,
        request_timeout: Duration::from_secs(config.request_timeout_secs),
        display_utc_offset_minutes: config.display_utc_offset_minutes,
        trust_forwarded_for: config.trust_forwarded_for,
    };
    let started = std::time::Instant::now();
    let indexed = services
        .rebuild_index()
        .await
        .map_err(|e| anyhow::anyhow!("building the search index: {e}"))?;
    tracing::info!(
        persons = indexed,
        seconds = started.elapsed().as_secs_f64(),
        "search index built"
    );
    let purge = tokio::spawn(purge_sessions(services.clone()));
    let audit = crate::audit::spawn_schedule(
        services.clone(),
        Duration::from_secs(config.audit_checkpoint_interval),
    );
    let app = umis_http::router(services.clone(), http);
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "UMIS is serving");
    eprintln!("UMIS listening on http://{addr}/");
    let limits = umis_http::ListenerLimits {
        header_read_timeout: Duration::from_secs(config.header_read_timeout_secs.max(1)),
        max_connections: config.max_connections.max(1),
    };
    umis_http::serve(listener, app, limits, shutdown_signal())
        .await
        .context("serving HTTP")?;
    purge.abort();
    if let Some(audit) = audit {
        audit.abort();
    }
    tracing::info!("UMIS stopped");
    Ok(())
}

async fn purge_sessions(services: Services) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        match services
            .store()
            .purge_expired_sessions(services.now())
            .await
        {
            Ok(n) if n > 0 => tracing::info!(purged = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "session purge failed"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
