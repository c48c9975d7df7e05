//! The audit commands (`umis audit verify`, `umis audit checkpoint`) and the scheduled audit
//! task of `umis serve` and `umis demo`.

use std::process::ExitCode;
use std::time::Duration;
use umis_service::Services;

/// `umis audit verify`: exit 0 when the chain and every checkpoint hold, 1 naming the first
/// break.
pub async fn verify(services: &Services) -> anyhow::Result<ExitCode> {
    let outcome = services
        .verify_audit()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(match outcome.problem() {
        None => {
            println!(
                "audit chain intact: {} entries, {} signed checkpoints verified",
                outcome.entries, outcome.checkpoints
            );
            ExitCode::SUCCESS
        }
        Some(_) => {
            if let Some(b) = &outcome.broken {
                println!("audit chain BROKEN: {b}");
            }
            if let Some(c) = &outcome.bad_checkpoint {
                println!("audit checkpoint FAILED: {c}");
            }
            ExitCode::from(1)
        }
    })
}

/// `umis audit checkpoint`: verifies, signs the head and prints what was signed; exit 1 when
/// the chain does not verify (nothing is signed then).
pub async fn checkpoint(services: &Services) -> anyhow::Result<ExitCode> {
    match services.checkpoint_audit().await {
        Ok(cp) => {
            let c = &cp.checkpoint;
            println!(
                "checkpoint {} signed: entry {} hash {} at {} with {} key {}",
                cp.id,
                c.seq,
                c.hash,
                crate::keys::instant(c.at),
                c.purpose,
                c.key_id
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(umis_service::ServiceError::Refused { message, .. }) => {
            println!("no checkpoint signed: {message}");
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(anyhow::anyhow!("signing an audit checkpoint: {e}")),
    }
}

/// Starts the scheduled audit task (verify, then sign a checkpoint, every `every`); none when
/// `every` is zero. The first run is one interval after start.
pub fn spawn_schedule(services: Services, every: Duration) -> Option<tokio::task::JoinHandle<()>> {
    if every.is_zero() {
        return None;
    }
    Some(tokio::spawn(async move {
        let start = tokio::time::Instant::now() + every;
        let mut tick = tokio::time::interval_at(start, every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            // The service logs the checkpoint, or the alert it raised; only a failure to
            // record the alert is left to report here.
            if let Err(e) = services.run_audit_schedule_once().await {
                tracing::error!(error = %e, "scheduled audit run could not raise its alert");
            }
        }
    }))
}
