//! UMIS domain model and rules: who may do what, agency scopes, audit records and languages.
//!
//! This crate is pure: no I/O, no async, no clock. Time is always a parameter.

pub mod audit;
pub mod auth;
pub mod border;
pub mod calendar;
pub mod cases;
pub mod import;
pub mod lang;
pub mod mrz;
pub mod names;
pub mod person;
pub mod stats;
pub mod stay;
pub mod validate;

pub use audit::{
    AuditActor, AuditOutcome, AuditRecord, ChainBreak, ChainVerifier, GENESIS_HASH, NewAuditEntry,
    verify_chain,
};
pub use auth::{LOCKOUT_SECS, Permission, Role, Scope, ScopeSet, UnknownValue, login_delay_secs};
pub use lang::Lang;
