//! Who is acting: an officer, an agency client, an operator at the CLI, or nobody yet.

use crate::ServiceError;
use umis_domain::{
    AuditActor, AuditOutcome, Lang, NewAuditEntry, Permission, Role, Scope, ScopeSet,
};

/// A logged-in officer.
#[derive(Debug, Clone)]
pub struct UserActor {
    /// Account id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// Office code.
    pub office_code: String,
    /// Preferred language, if chosen.
    pub lang: Option<Lang>,
    /// Whether the account has a confirmed second factor.
    pub totp_enabled: bool,
    /// Whether the account must still enrol a second factor before doing anything else.
    pub must_enrol_mfa: bool,
}

/// An authenticated partner-agency client.
#[derive(Debug, Clone)]
pub struct ClientActor {
    /// Token id.
    pub token_id: i64,
    /// Client name.
    pub client_name: String,
    /// Granted scopes.
    pub scopes: ScopeSet,
    /// The partner body the client speaks for, if any.
    pub agency: Option<String>,
}

/// The acting party.
#[derive(Debug, Clone)]
pub enum Actor {
    /// An officer.
    User(UserActor),
    /// An agency client.
    Client(ClientActor),
    /// An operator at the command line (the label says who, e.g. `cli`).
    System(String),
    /// Not authenticated.
    Anonymous,
}

/// The context of one request: who acts, and from where.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Who acts.
    pub actor: Actor,
    /// The client's network address.
    pub client_addr: Option<String>,
    /// Why the caller accesses the data (e.g. a case or border check reference); recorded
    /// with every audit entry of the request.
    pub purpose: Option<String>,
}

impl Ctx {
    /// An operator at the command line.
    pub fn system(label: &str) -> Self {
        Ctx {
            actor: Actor::System(label.to_owned()),
            client_addr: None,
            purpose: None,
        }
    }

    /// A request from `addr` by `actor`.
    pub fn new(actor: Actor, client_addr: Option<String>) -> Self {
        Ctx {
            actor,
            client_addr,
            purpose: None,
        }
    }

    /// The same request, stating why it accesses the data (at most 200 characters kept).
    pub fn with_purpose(mut self, purpose: Option<&str>) -> Self {
        self.purpose = purpose
            .map(|p| p.trim().chars().take(200).collect::<String>())
            .filter(|p| !p.is_empty());
        self
    }

    /// The actor's name as recorded in the audit log.
    pub fn actor_name(&self) -> String {
        match &self.actor {
            Actor::User(u) => u.username.clone(),
            Actor::Client(c) => c.client_name.clone(),
            Actor::System(s) => s.clone(),
            Actor::Anonymous => "anonymous".into(),
        }
    }

    /// The kind of actor for the audit log.
    pub fn actor_kind(&self) -> AuditActor {
        match &self.actor {
            Actor::User(_) => AuditActor::User,
            Actor::Client(_) => AuditActor::Client,
            Actor::System(_) => AuditActor::System,
            Actor::Anonymous => AuditActor::Anonymous,
        }
    }

    /// An audit entry for `action` by this actor at `at`.
    pub fn audit(&self, at: i64, action: &str, outcome: AuditOutcome) -> NewAuditEntry {
        NewAuditEntry::new(at, self.actor_kind(), self.actor_name(), action, outcome)
            .from_addr(self.client_addr.clone())
            .purpose(self.purpose.clone())
    }

    /// Whether the actor may do `permission`: users by role, clients by scope, the CLI always.
    pub fn may(&self, permission: Permission) -> bool {
        match &self.actor {
            Actor::User(u) => !u.must_enrol_mfa && u.role.can(permission),
            Actor::Client(c) => {
                Scope::for_permission(permission).is_some_and(|s| c.scopes.contains(s))
            }
            Actor::System(_) => true,
            Actor::Anonymous => false,
        }
    }

    /// The reason the actor may not do `permission`, for the error message.
    pub fn refusal(&self, permission: Permission) -> ServiceError {
        let why = match &self.actor {
            Actor::User(u) if u.must_enrol_mfa => {
                "a second factor must be enrolled first".to_owned()
            }
            Actor::User(u) => format!("role '{}' may not do this", u.role),
            Actor::Client(_) => match Scope::for_permission(permission) {
                Some(s) => return ServiceError::MissingScope(s),
                None => "agency clients may not do this".to_owned(),
            },
            Actor::System(_) | Actor::Anonymous => "not authenticated".to_owned(),
        };
        ServiceError::Forbidden(why)
    }
}
