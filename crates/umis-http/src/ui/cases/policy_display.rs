//! What the policy screen asks while it renders: rule names and parameters, and the holiday
//! calendar by year.

use super::*;

/// One year of the holiday calendar as shown.
pub(super) struct HolidayYear {
    pub(super) year: String,
    /// The current and the next year are shown unfolded.
    pub(super) open: bool,
    pub(super) days: Vec<HolidayRow>,
}

/// One holiday as shown: its day (for the form), the day in the reader's format, its name.
pub(super) struct HolidayRow {
    pub(super) day: String,
    pub(super) shown: String,
    pub(super) name: String,
}

impl PolicyTemplate {
    /// The form's parameters as typed fields.
    pub(super) fn param_fields(&self) -> Vec<super::policy_params::ParamField> {
        super::policy_params::fields(&self.page.tr, &self.form.params)
    }

    /// A rule's parameters as a sentence.
    pub(super) fn params_text(&self, params: &str) -> String {
        super::policy_params::text(&self.page.tr, params)
    }

    /// The units a deadline can be counted in.
    pub(super) fn units(&self) -> [&'static str; 3] {
        super::policy_params::UNITS
    }

    /// A rule's name in the reader's language (its code where it has none).
    pub(super) fn rule_name(&self, code: &str) -> String {
        self.page
            .tr
            .try_t(format!("policy-rule-{}", code.replace(['.', '_'], "-")))
            .unwrap_or_else(|| code.to_owned())
    }

    /// The codes of the rules kept, each once.
    pub(super) fn codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.rules.iter().map(|r| r.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// The holidays by year; a fixed-date holiday seeded by UMIS is named in the reader's
    /// language, one an administrator added keeps the name they gave it.
    pub(super) fn holiday_years(&self) -> Vec<HolidayYear> {
        let tr = &self.page.tr;
        let this_year = self.today.get(..4).unwrap_or_default().to_owned();
        let next_year = this_year
            .parse::<i32>()
            .map(|y| (y + 1).to_string())
            .unwrap_or_default();
        let mut years: Vec<HolidayYear> = Vec::new();
        for (day, name) in &self.holidays {
            let year = day.get(..4).unwrap_or_default().to_owned();
            let fixed = crate::i18n::parse_day(day)
                .and_then(|d| umis_domain::calendar::fixed_holiday(d.month(), d.day()));
            let name = match fixed {
                Some((key, english)) if name == english || name == "public holiday" => {
                    tr.t(format!("holiday-{key}"))
                }
                _ => name.clone(),
            };
            let row = HolidayRow {
                day: day.clone(),
                shown: tr.date(day),
                name,
            };
            match years.last_mut() {
                Some(y) if y.year == year => y.days.push(row),
                _ => years.push(HolidayYear {
                    open: year == this_year || year == next_year,
                    year,
                    days: vec![row],
                }),
            }
        }
        years
    }
}
