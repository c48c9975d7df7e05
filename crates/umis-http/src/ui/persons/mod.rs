//! The person registry in the back office: register a person (an MRZ can fill the form), view a
//! person (audited as a read of personal data), attach documents.

mod history_text;
mod mrz_text;
mod record;
mod register;
mod search;

use super::{Page, render};
use crate::extract::{CurrentUser, Protected, csrf_form};
use crate::{AppState, UiError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use umis_domain::person::PersonId;
use umis_service::{DocumentInput, NewPersonInput, ServiceError};
use umis_store::Person;

pub(crate) use record::*;
pub(crate) use register::*;
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
