//! The API's shared vocabulary in the OpenAPI document: the constraints of values that many
//! operations take (person numbers, country codes, days, closed lists), written once so that
//! every parameter and body field of one kind is documented the same way, exactly as the
//! server checks it.

use umis_domain::cases::{ActionKind, AppType, State};
use utoipa::openapi::path::{Operation, Parameter, ParameterIn};
use utoipa::openapi::schema::{
    AnyOfBuilder, Array, ArrayBuilder, KnownFormat, Object, ObjectBuilder, Schema, SchemaFormat,
    SchemaType, Type,
};
use utoipa::openapi::{OpenApi, RefOr, Required};

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

fn or_null(b: ObjectBuilder) -> ObjectBuilder {
    b.schema_type(SchemaType::from_iter([Type::String, Type::Null]))
}

fn one_of(values: &[&str]) -> ObjectBuilder {
    string().enum_values(Some(values.iter().copied()))
}

fn one_of_or_null(values: &[&str]) -> ObjectBuilder {
    let with_null = values
        .iter()
        .map(|v| serde_json::Value::from(*v))
        .chain([serde_json::Value::Null]);
    or_null(ObjectBuilder::new()).enum_values(Some(with_null))
}

/// The pattern of a person number's shape; its check digit is checked by the server, and a
/// number whose check digit is wrong names no person (404).
const PERSON_NUMBER: &str = "^[1-9][0-9]{10}$";

/// A UMIS person number.
pub(crate) fn person_number() -> Object {
    string()
        .pattern(Some(PERSON_NUMBER))
        .description(Some(
            "UMIS person number: 11 digits, the last a check digit",
        ))
        .build()
}

/// A UMIS person number, or blank for none.
pub(crate) fn person_number_or_blank() -> Schema {
    Schema::AnyOf(
        AnyOfBuilder::new()
            .item(person_number())
            .item(blank())
            .build(),
    )
}

/// A UMIS person number, or `null`.
pub(crate) fn person_number_or_null() -> Object {
    or_null(string().pattern(Some(PERSON_NUMBER))).build()
}

/// An ICAO Doc 9303 country code (nationality or issuing state), without filler.
pub(crate) fn country() -> Object {
    one_of(&umis_domain::mrz::country_codes()).build()
}

/// An ICAO country code, or `null`.
pub(crate) fn country_or_null() -> Object {
    one_of_or_null(&umis_domain::mrz::country_codes()).build()
}

/// A calendar day, `YYYY-MM-DD`.
pub(crate) fn day() -> Object {
    string()
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .build()
}

/// An empty or blank string in a body: an optional value not given (white space is trimmed).
fn blank() -> Object {
    string().pattern(Some(r"^[ \t\n\x0b\x0c\r]*$")).build()
}

/// An empty or blank query parameter: a value not given.
fn blank_parameter() -> Object {
    string().pattern(Some("^ *$")).build()
}

/// A query value without control characters (which the API refuses in every parameter).
const PRINTABLE: &str = r"^[^\x00-\x1f\x7f-\x9f]*$";

/// Documents what every query parameter shares: no control characters, and for an optional
/// one, an empty or blank value means "not given".
pub(crate) fn document_query_parameters(doc: &mut OpenApi) {
    for param in parameters_mut(doc) {
        if param.parameter_in != ParameterIn::Query {
            continue;
        }
        let optional = !matches!(param.required, Required::True);
        let Some(schema) = param.schema.as_mut() else {
            continue;
        };
        match schema {
            RefOr::T(Schema::Object(o))
                if is_string(o)
                    && o.pattern.is_none()
                    && o.enum_values.is_none()
                    && o.format.is_none() =>
            {
                o.pattern = Some(PRINTABLE.to_owned());
            }
            RefOr::T(Schema::AnyOf(a)) if optional => {
                // A day or blank already: blank here means spaces only.
                for item in a.items.iter_mut() {
                    if let RefOr::T(Schema::Object(o)) = item
                        && o.pattern.as_deref() == blank().pattern.as_deref()
                    {
                        *o = blank_parameter();
                    }
                }
            }
            other if optional => {
                let strict = other.clone();
                *other = RefOr::T(Schema::AnyOf(
                    AnyOfBuilder::new()
                        .item(strict)
                        .item(blank_parameter())
                        .build(),
                ));
            }
            _ => {}
        }
    }
}

/// Every parameter given inline in the document, of every operation.
fn parameters_mut(doc: &mut OpenApi) -> impl Iterator<Item = &mut Parameter> {
    doc.paths
        .paths
        .values_mut()
        .flat_map(super::contract::operations_mut)
        .flat_map(inline_parameters)
}

fn inline_parameters(op: &mut Operation) -> impl Iterator<Item = &mut Parameter> {
    op.parameters.iter_mut().flatten().filter_map(|p| match p {
        RefOr::T(p) => Some(p),
        RefOr::Ref(_) => None,
    })
}

fn is_string(o: &Object) -> bool {
    matches!(&o.schema_type, SchemaType::Type(Type::String))
}

/// A calendar day, or blank for none.
pub(crate) fn day_or_blank() -> Schema {
    Schema::AnyOf(AnyOfBuilder::new().item(day()).item(blank()).build())
}

/// A calendar day, blank or `null` for none.
pub(crate) fn day_or_null() -> Schema {
    Schema::AnyOf(
        AnyOfBuilder::new()
            .item(day())
            .item(blank())
            .item(ObjectBuilder::new().schema_type(Type::Null))
            .build(),
    )
}

/// The cursor of a list ordered by person number: the last number of the previous page.
pub(crate) fn person_cursor() -> Object {
    string()
        .pattern(Some("^[0-9]{1,18}$"))
        .description(Some("The `next_cursor` of the previous page"))
        .build()
}

/// `json` or `csv`.
pub(crate) fn export_format() -> Object {
    one_of(&["json", "csv"]).build()
}

/// The seven application types.
pub(crate) fn application_type() -> Object {
    let codes: Vec<&str> = AppType::ALL.iter().map(|t| t.as_str()).collect();
    one_of(&codes).build()
}

/// The states of an application.
pub(crate) fn case_state() -> Object {
    let codes: Vec<&str> = State::ALL.iter().map(|s| s.as_str()).collect();
    one_of(&codes).build()
}

/// The actions of the application workflow.
pub(crate) fn case_action() -> Object {
    let codes: Vec<&str> = ActionKind::ALL.iter().map(|a| a.as_str()).collect();
    one_of(&codes).build()
}

/// Closed lists of codes: for each, a schema function and one that also allows `null` (for
/// optional body fields, where `null` means absent).
macro_rules! closed_lists {
    ($($(#[$m:meta])* $name:ident, $or_null:ident => $list:expr;)+) => {
        $(
            $(#[$m])*
            #[allow(dead_code, reason = "not every list is used both ways")]
            pub(crate) fn $name() -> Object {
                one_of(&$list).build()
            }

            $(#[$m])*
            #[allow(dead_code, reason = "not every list is used both ways")]
            pub(crate) fn $or_null() -> Object {
                one_of_or_null(&$list).build()
            }
        )+
    };
}

closed_lists! {
    /// The state of an expulsion order.
    order_status, order_status_or_null => ["pending", "fulfilled", "cancelled"];
    /// A statistics interval.
    interval, interval_or_null => ["month", "day", "week", "quarter", "year", "total"];
    /// How a border was crossed.
    travel_mode, travel_mode_or_null => umis_service::TRAVEL_MODES;
    /// Entry or exit.
    direction, direction_or_null => ["entry", "exit"];
    /// Which cases of the queue: still open, closed or all.
    case_status, case_status_or_null => ["open", "closed", "all"];
    /// Cases past their legal deadline, or close to it.
    due, due_or_null => ["overdue", "at_risk"];
    /// Pending or answered interagency checks.
    check_status, check_status_or_null => ["pending", "answered"];
    /// A partner body answering checks.
    agency, agency_or_null => umis_domain::cases::AGENCIES;
    /// An answer to an interagency check.
    check_answer, check_answer_or_null => umis_domain::cases::CHECK_ANSWERS;
    /// The body that ordered an expulsion.
    issuing_body, issuing_body_or_null => umis_service::EXPULSION_BODIES;
    /// Who hosts a foreigner at the place of stay.
    host_kind, host_kind_or_null => umis_service::HOST_KINDS;
    /// A first registration or a move.
    registration_kind, registration_kind_or_null => ["arrival", "move"];
    /// Sex as in the MRZ.
    sex, sex_or_null => ["M", "F", "X"];
    /// The status of an identity document.
    document_status, document_status_or_null => ["valid", "lost", "stolen", "expired", "revoked"];
    /// The outcome a decision maker is asked to approve.
    outcome, outcome_or_null => ["approve", "refuse"];
    /// A change to an issued permit.
    permit_action, permit_action_or_null => ["extend", "replace", "revoke"];
    /// A language of the user interface and of letters.
    lang, lang_or_null => ["az", "ru", "en"];
}

/// A list of partner bodies.
pub(crate) fn agencies() -> Array {
    ArrayBuilder::new().items(agency()).build()
}

/// A person's nationalities: at most eight ICAO country codes.
pub(crate) fn nationalities() -> Array {
    ArrayBuilder::new()
        .items(country())
        .max_items(Some(umis_service::MAX_NATIONALITIES))
        .build()
}

/// An instant, RFC 3339 with an offset, or `null`.
pub(crate) fn instant_or_null() -> Object {
    or_null(string().format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))).build()
}

/// A person's name part: it must hold a letter (any script) and no control character other
/// than white space, which is collapsed.
pub(crate) fn name() -> Object {
    string()
        .pattern(Some(NAME))
        .max_length(Some(umis_service::MAX_NAME_CHARS))
        .build()
}

/// A name part, or `null`; empty or blank means absent.
pub(crate) fn name_or_null() -> Object {
    or_null(
        string()
            .pattern(Some(NAME_OR_BLANK))
            .max_length(Some(umis_service::MAX_NAME_CHARS)),
    )
    .build()
}

/// At least one letter of any script; no control character except white space.
const NAME: &str =
    r"^[^\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]*[^\W\d_][^\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]*$";

/// [`NAME`], or nothing but white space.
const NAME_OR_BLANK: &str = r"^(\s*|[^\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]*[^\W\d_][^\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]*)$";

/// A (partial) date of birth: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or `null`.
pub(crate) fn partial_day_or_null() -> Object {
    or_null(string().pattern(Some(
        r"^\s*$|^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    )))
    .build()
}

/// Gives the path parameters that many operations share their one schema: a person number,
/// a statistics dataset, a forecast series.
pub(crate) fn document_path_parameters(doc: &mut OpenApi) {
    for param in parameters_mut(doc) {
        if param.parameter_in != ParameterIn::Path {
            continue;
        }
        let schema = match param.name.as_str() {
            "person_id" => person_number(),
            "dataset" => one_of(&umis_service::DATASETS).build(),
            "series" => one_of(&umis_service::SYSTEM_SERIES).build(),
            _ => continue,
        };
        param.schema = Some(RefOr::T(Schema::Object(schema)));
    }
}

/// Printable text that is not blank: white space is collapsed, other control characters are
/// refused.
const TEXT: &str =
    r"^[^\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]*\S[^\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]*$";

/// [`TEXT`], or blank for none.
const TEXT_OR_BLANK: &str = r"^[^\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]*$";

/// Free text fields by their longest length: `$name()` is required text, `$or_null()` optional.
macro_rules! texts {
    ($($name:ident, $or_null:ident => $max:expr;)+) => {
        $(
            /// Required printable text of at most this many characters.
            #[allow(dead_code, reason = "not every length is used both ways")]
            pub(crate) fn $name() -> Object {
                string().pattern(Some(TEXT)).max_length(Some($max)).build()
            }

            /// Optional printable text of at most this many characters (blank or `null`: none).
            #[allow(dead_code, reason = "not every length is used both ways")]
            pub(crate) fn $or_null() -> Object {
                or_null(string().pattern(Some(TEXT_OR_BLANK)).max_length(Some($max))).build()
            }
        )+
    };
}

texts! {
    text_32, text_32_or_null => 32;
    text_64, text_64_or_null => 64;
    text_100, text_100_or_null => 100;
    text_200, text_200_or_null => 200;
    text_500, text_500_or_null => 500;
    text_1000, text_1000_or_null => 1000;
}

/// Types that stand for the schemas above, for `value_type = …` in parameters and body fields
/// (so that each keeps its own description and requiredness).
macro_rules! schema_types {
    ($($ty:ident => $f:ident;)+) => {
        $(
            #[doc = concat!("The schema of [`", stringify!($f), "`].")]
            pub(crate) struct $ty;

            impl utoipa::PartialSchema for $ty {
                fn schema() -> RefOr<Schema> {
                    RefOr::T(Schema::from($f()))
                }
            }

            impl utoipa::ToSchema for $ty {}
        )+
    };
}

schema_types! {
    AgenciesSchema => agencies;
    AgencySchema => agency;
    ApplicationTypeSchema => application_type;
    CaseActionSchema => case_action;
    CaseStateSchema => case_state;
    CaseStatusSchema => case_status;
    CheckAnswerSchema => check_answer;
    CheckStatusSchema => check_status;
    CountrySchema => country;
    CountryOrNullSchema => country_or_null;
    DaySchema => day;
    DayOrBlankSchema => day_or_blank;
    DayOrNullSchema => day_or_null;
    DocumentStatusOrNullSchema => document_status_or_null;
    DueSchema => due;
    ExportFormatSchema => export_format;
    HostKindSchema => host_kind;
    InstantOrNullSchema => instant_or_null;
    IntervalSchema => interval;
    IssuingBodySchema => issuing_body;
    LangOrNullSchema => lang_or_null;
    NameSchema => name;
    NameOrNullSchema => name_or_null;
    NationalitiesSchema => nationalities;
    OrderStatusSchema => order_status;
    OutcomeOrNullSchema => outcome_or_null;
    PartialDayOrNullSchema => partial_day_or_null;
    PermitActionSchema => permit_action;
    PersonCursorSchema => person_cursor;
    PersonNumberSchema => person_number;
    PersonNumberOrBlankSchema => person_number_or_blank;
    PersonNumberOrNullSchema => person_number_or_null;
    RegistrationKindOrNullSchema => registration_kind_or_null;
    SexOrNullSchema => sex_or_null;
    Text1000Schema => text_1000;
    Text100OrNullSchema => text_100_or_null;
    Text200Schema => text_200;
    Text32OrNullSchema => text_32_or_null;
    Text500Schema => text_500;
    Text64OrNullSchema => text_64_or_null;
    TravelModeSchema => travel_mode;
}

/// Folds the description of a body field typed by one of the schema types above back into its
/// schema: the generator writes such a field as `allOf: [schema, {type: object, description}]`,
/// which no string can match.
pub(crate) fn fold_field_descriptions(doc: &mut OpenApi) {
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    for schema in components.schemas.values_mut() {
        let RefOr::T(Schema::Object(object)) = schema else {
            continue;
        };
        for property in object.properties.values_mut() {
            let RefOr::T(Schema::AllOf(all)) = property else {
                continue;
            };
            let [RefOr::T(inner), RefOr::T(Schema::Object(note))] = all.items.as_slice() else {
                continue;
            };
            if !note.properties.is_empty() {
                continue;
            }
            let mut inner = inner.clone();
            let description = note.description.clone();
            match &mut inner {
                Schema::Object(o) => o.description = description,
                Schema::AnyOf(a) => a.description = description,
                Schema::Array(a) => a.description = description,
                _ => continue,
            }
            *property = RefOr::T(inner);
        }
    }
}
