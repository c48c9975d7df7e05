//! An officer's home page: what needs them today, by role, each figure leading to the list it
//! counts. Only numbers: nothing here is a read of personal data.

use crate::{Actor, Ctx, QueueQuery, ServiceError, Services};
use umis_domain::{Permission, Role};

/// How long before its expiry a partner token shows on the administrator's home page.
const TOKEN_WARNING_DAYS: i64 = 30;

/// One figure on the home page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeItem {
    /// What it counts (a stable name; the UI has a message per name).
    pub id: &'static str,
    /// How many.
    pub count: i64,
    /// The list it counts, filtered.
    pub href: String,
    /// `bad`, `warn`, `info` or `neutral`: how urgent a non-zero count is.
    pub tone: &'static str,
}

impl HomeItem {
    fn new(id: &'static str, count: i64, href: impl Into<String>, tone: &'static str) -> Self {
        Self {
            id,
            count,
            href: href.into(),
            tone,
        }
    }
}

fn queue(state: Option<&str>, due: Option<&str>, assigned: Option<&str>) -> QueueQuery {
    QueueQuery {
        state: state.map(str::to_owned),
        due: due.map(str::to_owned),
        assigned: assigned.map(str::to_owned),
        limit: Some(1),
        ..Default::default()
    }
}

impl Services {
    /// What needs the caller today, by their role: a case officer's cases overdue and at risk,
    /// new applications and duplicates to review, the office's alerts; a decision maker's
    /// proposals; an inspector's planned inspections and overdue expulsions; an analyst's
    /// anomalies; an administrator's locked accounts and tokens about to expire.
    pub async fn home(&self, ctx: &Ctx) -> Result<Vec<HomeItem>, ServiceError> {
        let Actor::User(u) = &ctx.actor else {
            return Ok(Vec::new());
        };
        let mut items = Vec::new();
        match u.role {
            Role::CaseOfficer => {
                let mine = |due| queue(None, due, Some("me"));
                items.push(
                    self.queue_item(
                        ctx,
                        "my-overdue",
                        mine(Some("overdue")),
                        "/cases?assigned=me&due=overdue",
                        "bad",
                    )
                    .await?,
                );
                items.push(
                    self.queue_item(
                        ctx,
                        "my-at-risk",
                        mine(Some("at_risk")),
                        "/cases?assigned=me&due=at_risk",
                        "warn",
                    )
                    .await?,
                );
                items.push(
                    self.queue_item(ctx, "my-open", mine(None), "/cases?assigned=me", "neutral")
                        .await?,
                );
                items.push(
                    self.queue_item(
                        ctx,
                        "intake",
                        queue(Some("submitted"), None, None),
                        "/cases?state=submitted",
                        "info",
                    )
                    .await?,
                );
                items.push(
                    self.queue_item(
                        ctx,
                        "office-overdue",
                        queue(None, Some("overdue"), None),
                        "/cases?due=overdue",
                        "bad",
                    )
                    .await?,
                );
                self.authorize(ctx, Permission::ReadPersons, "person.duplicate_queue")
                    .await?;
                items.push(HomeItem::new(
                    "duplicates",
                    self.store.count_open_duplicate_candidates().await?,
                    "/persons/duplicates",
                    "info",
                ));
                self.push_alerts(ctx, &mut items).await?;
            }
            Role::DecisionMaker => {
                items.push(
                    self.queue_item(
                        ctx,
                        "proposals",
                        queue(Some("proposed"), None, None),
                        "/cases?state=proposed",
                        "warn",
                    )
                    .await?,
                );
                items.push(
                    self.queue_item(
                        ctx,
                        "office-overdue",
                        queue(None, Some("overdue"), None),
                        "/cases?due=overdue",
                        "bad",
                    )
                    .await?,
                );
                items.push(
                    self.queue_item(
                        ctx,
                        "appeals",
                        queue(Some("appeal_lodged"), None, None),
                        "/cases?state=appeal_lodged",
                        "warn",
                    )
                    .await?,
                );
            }
            Role::Inspector => {
                let planned = self
                    .inspections(ctx, 500)
                    .await?
                    .iter()
                    .filter(|i| i.status == "planned")
                    .count();
                items.push(HomeItem::new(
                    "inspections-planned",
                    i64::try_from(planned).unwrap_or(i64::MAX),
                    "/control/inspections",
                    "info",
                ));
                self.push_alerts(ctx, &mut items).await?;
            }
            Role::Analyst => {
                let anomalies = self.anomalies(ctx, None).await?.len();
                items.push(HomeItem::new(
                    "anomalies",
                    i64::try_from(anomalies).unwrap_or(i64::MAX),
                    "/analytics/anomalies",
                    "warn",
                ));
            }
            Role::Auditor => {}
            Role::Admin => {
                let now = self.now();
                let locked = self
                    .list_users(ctx)
                    .await?
                    .iter()
                    .filter(|u| u.locked_until.is_some_and(|t| t > now))
                    .count();
                items.push(HomeItem::new(
                    "users-locked",
                    i64::try_from(locked).unwrap_or(i64::MAX),
                    "/admin/users",
                    "warn",
                ));
                let soon = now + TOKEN_WARNING_DAYS * 86_400_000_000;
                let expiring = self
                    .list_tokens(ctx)
                    .await?
                    .iter()
                    .filter(|t| t.revoked_at.is_none())
                    .filter(|t| t.expires_at.is_some_and(|e| e > now && e <= soon))
                    .count();
                items.push(HomeItem::new(
                    "tokens-expiring",
                    i64::try_from(expiring).unwrap_or(i64::MAX),
                    "/admin/tokens",
                    "warn",
                ));
            }
        }
        Ok(items)
    }

    /// A figure counted over the work queue view `q`.
    async fn queue_item(
        &self,
        ctx: &Ctx,
        id: &'static str,
        q: QueueQuery,
        href: &str,
        tone: &'static str,
    ) -> Result<HomeItem, ServiceError> {
        let count = self.application_count(ctx, &q).await?;
        Ok(HomeItem::new(id, count, href, tone))
    }

    /// The office's overdue expulsions and entries of banned persons.
    async fn push_alerts(&self, ctx: &Ctx, items: &mut Vec<HomeItem>) -> Result<(), ServiceError> {
        let (overdue, banned) = self.alert_counts(ctx).await?;
        items.push(HomeItem::new(
            "expulsions-overdue",
            i64::try_from(overdue).unwrap_or(i64::MAX),
            "/control/alerts",
            "bad",
        ));
        items.push(HomeItem::new(
            "banned-entries",
            i64::try_from(banned).unwrap_or(i64::MAX),
            "/control/alerts",
            "bad",
        ));
        Ok(())
    }
}
