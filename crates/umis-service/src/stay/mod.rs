//! Stay rights of a person on a date, the stays stored for the overstay report, the overstay
//! report itself, and recording a permit (which changes the holder's stays).

mod permits;
mod person;
mod report;
mod rows;
mod views;

use crate::{Ctx, ServiceError, Services};
use serde::Serialize;
use time::{Date, Month};
use umis_domain::person::PersonId;
use umis_domain::stay::{
    Direction, Movement, PermitSpan, StayAssessment, StayBasis, StayFlag, StayInput, StayPolicies,
    assess, build_stays,
};
use umis_domain::{AuditOutcome, Permission};
use umis_store::{BorderEvent, PermitRecord, StayRow};

pub(crate) use rows::*;
pub use views::*;

/// Most rows of the overstay report per page.
pub const MAX_REPORT_PAGE: i64 = 10_000;

/// An instant (Unix µs) as RFC 3339 in UTC.
pub(crate) fn rfc3339(micros: i64) -> String {
    jiff::Timestamp::from_microsecond(micros)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// Parses `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Option<Date> {
    let mut parts = s.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

fn day(field: &'static str, s: &str) -> Result<Date, ServiceError> {
    parse_day(s).ok_or_else(|| {
        ServiceError::invalid(
            field,
            "invalid_date",
            format!("{field} must be a date YYYY-MM-DD"),
        )
    })
}

impl Services {
    /// Today's date in the country's time zone.
    pub fn local_today(&self) -> Date {
        let ts =
            jiff::Timestamp::from_microsecond(self.now()).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let d = ts.to_zoned(self.tz.clone()).date();
        Month::try_from(u8::try_from(d.month()).unwrap_or(1))
            .ok()
            .and_then(|m| {
                Date::from_calendar_date(i32::from(d.year()), m, u8::try_from(d.day()).unwrap_or(1))
                    .ok()
            })
            .unwrap_or(Date::MIN)
    }

    /// The stay policies in force.
    pub fn stay_policies(&self) -> &StayPolicies {
        &self.policies
    }
}
