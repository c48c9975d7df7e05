//! Alerts the system raises for administrators, and the scheduled audit run that raises them
//! when the chain does not verify or a checkpoint cannot be signed.

use crate::{Ctx, ServiceError, Services};
use umis_domain::Permission;
use umis_store::{AuditCheckpoint, SystemAlert};

/// Alert kind: the scheduled verification found the audit chain or a checkpoint broken.
pub const ALERT_AUDIT_VERIFICATION_FAILED: &str = "audit_verification_failed";
/// Alert kind: the scheduled checkpoint could not be signed or stored.
pub const ALERT_AUDIT_CHECKPOINT_FAILED: &str = "audit_checkpoint_failed";

/// How far back administrators see system alerts: 30 days (Unix µs).
const ALERT_WINDOW: i64 = 30 * 24 * 3_600_000_000;

/// What one scheduled audit run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRun {
    /// The checkpoint signed, when the chain verified and signing worked.
    pub checkpoint: Option<AuditCheckpoint>,
    /// The alert raised (its kind), when something failed.
    pub alert: Option<&'static str>,
}

impl Services {
    /// One run of the scheduled audit task: verifies the chain and every checkpoint, then
    /// signs a checkpoint of the verified head. A failure of either raises an alert for
    /// administrators (and a broken chain is never signed).
    pub async fn run_audit_schedule_once(&self) -> Result<AuditRun, ServiceError> {
        let head = match self.verify_audit_with_head().await {
            Ok((head, outcome)) => match outcome.problem() {
                None => head,
                Some(problem) => {
                    return self.raise(ALERT_AUDIT_VERIFICATION_FAILED, &problem).await;
                }
            },
            Err(e) => {
                return self
                    .raise(ALERT_AUDIT_VERIFICATION_FAILED, &e.to_string())
                    .await;
            }
        };
        match self.sign_head(head).await {
            Ok(checkpoint) => Ok(AuditRun {
                checkpoint: Some(checkpoint),
                alert: None,
            }),
            Err(ServiceError::Internal(cause)) => {
                self.raise(ALERT_AUDIT_CHECKPOINT_FAILED, &cause).await
            }
            Err(e) => {
                self.raise(ALERT_AUDIT_CHECKPOINT_FAILED, &e.to_string())
                    .await
            }
        }
    }

    async fn raise(&self, kind: &'static str, details: &str) -> Result<AuditRun, ServiceError> {
        tracing::error!(kind, details, "system alert raised");
        self.store
            .raise_system_alert(self.now(), kind, details)
            .await?;
        Ok(AuditRun {
            checkpoint: None,
            alert: Some(kind),
        })
    }

    /// The system alerts of the last 30 days, newest first (administrators only).
    pub async fn system_alerts(&self, ctx: &Ctx) -> Result<Vec<SystemAlert>, ServiceError> {
        self.authorize(ctx, Permission::ManageSecurity, "system_alerts.list")
            .await?;
        Ok(self
            .store
            .recent_system_alerts(self.now() - ALERT_WINDOW, 20)
            .await?)
    }
}
