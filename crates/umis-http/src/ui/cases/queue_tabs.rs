//! What the work queue page asks while it renders: the tab links, which tab is open, and which
//! filter values are selected.

use super::*;

impl QueueTemplate {
    pub(super) fn tab_href(&self, tab: &str) -> String {
        match tab {
            "mine" => "/cases?assigned=me".into(),
            "at_risk" => "/cases?due=at_risk".into(),
            "overdue" => "/cases?due=overdue".into(),
            "closed" => "/cases?status=closed".into(),
            _ => "/cases".into(),
        }
    }

    pub(super) fn tab_active(&self, tab: &str) -> bool {
        let q = &self.q;
        match tab {
            "mine" => q.assigned.as_deref() == Some("me"),
            "at_risk" => q.due.as_deref() == Some("at_risk"),
            "overdue" => q.due.as_deref() == Some("overdue"),
            "closed" => q.status.as_deref() == Some("closed"),
            _ => {
                q.assigned.is_none()
                    && q.due.is_none()
                    && q.status.is_none()
                    && q.person_id.is_none()
            }
        }
    }

    pub(super) fn k(&self, prefix: &str, v: &str) -> String {
        key(prefix, v)
    }

    pub(super) fn sel(&self, a: &Option<String>, b: &str) -> bool {
        a.as_deref() == Some(b)
    }
}
