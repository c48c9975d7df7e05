//! The home page's figures counted over the work queue: which ones each role sees, and their
//! counting.

use super::HomeItem;
use crate::{Ctx, QueueQuery, ServiceError, Services};

/// A figure counted over the work queue: what it counts, the state and deadline filters,
/// whether only the caller's own cases, the list it opens and its tone.
pub(super) struct QueueFigure {
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
pub(super) const CASE_OFFICER: &[QueueFigure] = &[
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
pub(super) const DECISION_MAKER: &[QueueFigure] = &[
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
    /// Counts `figures` over the caller's work queue.
    pub(super) async fn push_queue(
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
}
