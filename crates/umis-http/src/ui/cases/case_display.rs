//! What the case page asks while it renders: labels of fields and events, the actions offered and
//! their button styles, and which documents and checks are already there.

use super::*;

impl CaseTemplate {
    pub(super) fn k(&self, prefix: &str, v: &str) -> String {
        key(prefix, v)
    }

    /// A workflow action's name, or the name of another timeline event.
    pub(super) fn event_key(&self, action: &str) -> String {
        if action.parse::<umis_domain::cases::ActionKind>().is_ok() {
            key("case-action", action)
        } else {
            key("case-event", &action.replace('.', "-"))
        }
    }

    pub(super) fn field_value(&self, name: &str) -> String {
        match self.case.fields.get(name) {
            Some(serde_json::Value::String(s)) => {
                if name == "ground" || name == "fee_tier" || name == "kind" {
                    let prefix = if name == "ground" {
                        "case-ground"
                    } else {
                        "case-choice"
                    };
                    self.page.tr.t(key(prefix, s))
                } else {
                    s.clone()
                }
            }
            Some(v) => v.to_string(),
            None => "—".into(),
        }
    }

    /// The button style of an action: the step that moves the case on is primary, a step
    /// that ends or reverses it is a warning, the rest secondary.
    pub(super) fn action_class(&self, action: &str) -> &'static str {
        match action {
            "register" | "start_review" | "info_received" | "resume_review" | "decide"
            | "issue" | "submit" => "primary",
            "withdraw" | "close" | "overturn_decision" => "warning",
            _ => "secondary",
        }
    }

    /// A permit's conditions in the officer's language.
    pub(super) fn conditions(&self, c: &str) -> String {
        super::letter_wording::conditions_text(&self.page.tr, c)
    }

    pub(super) fn on_file(&self, d: &str) -> bool {
        self.case.documents.iter().any(|x| x == d)
    }

    pub(super) fn allowed(&self) -> Vec<&str> {
        // Propose, request_checks and assign have forms of their own.
        self.case
            .allowed_actions
            .iter()
            .map(String::as_str)
            .filter(|a| !matches!(*a, "propose" | "request_checks"))
            .collect()
    }

    pub(super) fn may(&self, action: &str) -> bool {
        self.case.allowed_actions.iter().any(|a| a == action)
    }

    pub(super) fn needs_note(&self, action: &str) -> bool {
        matches!(
            action,
            "request_info"
                | "withdraw"
                | "return_for_review"
                | "lodge_appeal"
                | "uphold_decision"
                | "overturn_decision"
        )
    }

    pub(super) fn default_check(&self, agency: &str) -> bool {
        self.spec.checks.contains(&agency)
    }

    pub(super) fn decided(&self) -> bool {
        self.case.decided_on.is_some()
    }
}
