//! The person registry in the back office: register a person (an MRZ can fill the form), view a
//! person (audited as a read of personal data), attach documents.

mod history_text;
mod mrz_text;
mod record;
mod record_display;
mod record_documents;
mod record_edit;
mod record_merge;
mod register;
mod register_fields;
mod register_input;
mod register_mrz;
mod search;
mod search_hits;

use super::{Page, render};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::person::PersonId;
use umis_service::Person;
use umis_service::{DocumentInput, NewPersonInput, ServiceError};

pub(crate) use record::*;
pub(crate) use record_documents::*;
pub(crate) use record_edit::*;
pub(crate) use record_merge::*;
pub(crate) use register::*;
use register_input::*;
pub(crate) use register_mrz::*;
pub(crate) use search::*;

/// The registration form, as typed (kept on errors so nothing is lost).
#[derive(Debug, Default, Clone, Deserialize)]
pub(crate) struct PersonForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    mrz: String,
    #[serde(default)]
    surname: String,
    #[serde(default)]
    given_names: String,
    #[serde(default)]
    patronymic: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    place_of_birth: String,
    #[serde(default)]
    nationalities: String,
    #[serde(default)]
    doc_type: String,
    #[serde(default)]
    doc_issuing_state: String,
    #[serde(default)]
    doc_number: String,
    #[serde(default)]
    doc_expiry_date: String,
    /// Set when the officer saves despite likely duplicates.
    #[serde(default)]
    confirm: String,
}

csrf_form!(PersonForm, DocumentForm);
