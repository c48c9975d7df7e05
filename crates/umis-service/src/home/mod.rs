//! An officer's home page: what needs them today, by role, each figure leading to the list it
//! counts. Only numbers: nothing here is a read of personal data.

use crate::{Actor, Ctx, ServiceError, Services};
use umis_domain::{Permission, Role};

mod figures;

use figures::{CASE_OFFICER, DECISION_MAKER};

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
    fn new(id: &'static str, count: usize, href: &str, tone: &'static str) -> Self {
        Self {
            id,
            count: i64::try_from(count).unwrap_or(i64::MAX),
            href: href.to_owned(),
            tone,
        }
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
                self.push_queue(ctx, CASE_OFFICER, &mut items).await?;
                self.authorize(ctx, Permission::ReadPersons, "person.duplicate_queue")
                    .await?;
                let pairs = self.store.count_open_duplicate_candidates().await?;
                items.push(HomeItem::new(
                    "duplicates",
                    usize::try_from(pairs).unwrap_or(0),
                    "/persons/duplicates",
                    "info",
                ));
                self.push_alerts(ctx, &mut items).await?;
            }
            Role::DecisionMaker => self.push_queue(ctx, DECISION_MAKER, &mut items).await?,
            Role::Inspector => {
                let inspections = self.inspections(ctx, 500).await?;
                let planned = inspections.iter().filter(|i| i.status == "planned");
                items.push(HomeItem::new(
                    "inspections-planned",
                    planned.count(),
                    "/control/inspections",
                    "info",
                ));
                self.push_alerts(ctx, &mut items).await?;
            }
            Role::Analyst => {
                let anomalies = self.anomalies(ctx, None).await?;
                items.push(HomeItem::new(
                    "anomalies",
                    anomalies.len(),
                    "/analytics/anomalies",
                    "warn",
                ));
            }
            Role::Auditor => {}
            Role::Admin => {
                let now = self.now();
                let users = self.list_users(ctx).await?;
                let locked = users
                    .iter()
                    .filter(|u| u.locked_until.is_some_and(|t| t > now));
                items.push(HomeItem::new(
                    "users-locked",
                    locked.count(),
                    "/admin/users",
                    "warn",
                ));
                let soon = now + TOKEN_WARNING_DAYS * 86_400_000_000;
                let tokens = self.list_tokens(ctx).await?;
                let expiring = tokens.iter().filter(|t| {
                    t.revoked_at.is_none() && t.expires_at.is_some_and(|e| e > now && e <= soon)
                });
                items.push(HomeItem::new(
                    "tokens-expiring",
                    expiring.count(),
                    "/admin/tokens",
                    "warn",
                ));
            }
        }
        Ok(items)
    }

    /// The office's overdue expulsions and entries of banned persons.
    async fn push_alerts(&self, ctx: &Ctx, items: &mut Vec<HomeItem>) -> Result<(), ServiceError> {
        let (overdue, banned) = self.alert_counts(ctx).await?;
        items.push(HomeItem::new(
            "expulsions-overdue",
            overdue,
            "/control/alerts",
            "bad",
        ));
        items.push(HomeItem::new(
            "banned-entries",
            banned,
            "/control/alerts",
            "bad",
        ));
        Ok(())
    }
}
