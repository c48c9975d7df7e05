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
    fn new(id: &'static str, count: usize, href: &str, tone: &'static str) -> Self {
        Self {
            id,
            count: i64::try_from(count).unwrap_or(i64::MAX),
            href: href.to_owned(),
            tone,
        }
    }
}

/// A figure counted over the work queue: what it counts, the state and deadline filters,
/// whether only the caller's own cases, the list it opens and its tone.
struct QueueFigure {
    id: &'static str,
    state: Option<&'static str>,
    due: Option<&'static str>,
    mine: bool,
    href: &'static str,
    tone: &'static str,
}

const fn figure(
    id: &'static str,
    state: Option<&'static str>,
    due: Option<&'static str>,
    mine: bool,
    href: &'static str,
    tone: &'static str,
) -> QueueFigure {
    QueueFigure {
        id,
        state,
        due,
        mine,
        href,
        tone,
    }
}

/// The office's cases past their deadline (case officers and decision makers).
const OFFICE_OVERDUE: QueueFigure = figure(
    "office-overdue",
    None,
    Some("overdue"),
    false,
    "/cases?due=overdue",
    "bad",
);

/// A case officer's queue figures.
const CASE_OFFICER: &[QueueFigure] = &[
    figure(
        "my-overdue",
        None,
        Some("overdue"),
        true,
        "/cases?assigned=me&due=overdue",
        "bad",
    ),
    figure(
        "my-at-risk",
        None,
        Some("at_risk"),
        true,
        "/cases?assigned=me&due=at_risk",
        "warn",
    ),
    figure("my-open", None, None, true, "/cases?assigned=me", "neutral"),
    figure(
        "intake",
        Some("submitted"),
        None,
        false,
        "/cases?state=submitted",
        "info",
    ),
    OFFICE_OVERDUE,
];

/// A decision maker's queue figures.
const DECISION_MAKER: &[QueueFigure] = &[
    figure(
        "proposals",
        Some("proposed"),
        None,
        false,
        "/cases?state=proposed",
        "warn",
    ),
    OFFICE_OVERDUE,
    figure(
        "appeals",
        Some("appeal_lodged"),
        None,
        false,
        "/cases?state=appeal_lodged",
        "warn",
    ),
];

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

    /// Counts `figures` over the caller's work queue.
    async fn push_queue(
        &self,
        ctx: &Ctx,
        figures: &[QueueFigure],
        items: &mut Vec<HomeItem>,
    ) -> Result<(), ServiceError> {
        for f in figures {
            let q = QueueQuery {
                state: f.state.map(str::to_owned),
                due: f.due.map(str::to_owned),
                assigned: f.mine.then(|| "me".to_owned()),
                limit: Some(1),
                ..Default::default()
            };
            let count = self.application_count(ctx, &q).await?;
            items.push(HomeItem {
                id: f.id,
                count,
                href: f.href.to_owned(),
                tone: f.tone,
            });
        }
        Ok(())
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
