//! The overstay report: persons present past every lawful basis, filtered and paged, audited.

use super::*;

impl Services {
    /// One page of the overstay report on `as_of`, ordered by person; `after` is the last
    /// person number of the previous page. Audited as a read of personal data.
    pub async fn overstays(
        &self,
        ctx: &Ctx,
        as_of: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OverstayLine>, ServiceError> {
        self.overstays_filtered(ctx, as_of, &OverstayFilter::default(), after, limit)
            .await
    }

    /// As [`Services::overstays`], keeping only rows that pass `filter`.
    pub async fn overstays_filtered(
        &self,
        ctx: &Ctx,
        as_of: &str,
        filter: &OverstayFilter,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<OverstayLine>, ServiceError> {
        self.authorize(ctx, Permission::ReadPersons, "report.overstays")
            .await?;
        let date = day("as_of", as_of)?;
        let after = match after.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(a) => Some(crate::persons::person_cursor(a)?),
        };
        let nationality = match filter
            .nationality
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(n) => {
                let n = n.to_ascii_uppercase();
                if !crate::known_country(&n) {
                    return Err(ServiceError::invalid(
                        "nationality",
                        "unknown_country",
                        "not an ICAO country code",
                    ));
                }
                Some(n)
            }
        };
        let until_max = match filter.min_days {
            None | Some(0) => None,
            Some(d) if (1..=36_500).contains(&d) => {
                Some((date - time::Duration::days(d)).to_string())
            }
            Some(_) => {
                return Err(ServiceError::invalid(
                    "min_days",
                    "out_of_range",
                    "min_days must be between 0 and 36500",
                ));
            }
        };
        // An officer of a regional or border office sees the persons their office answers for.
        let office = self.office_scope(ctx).await?;
        self.settle_stays().await?;
        let rows = self
            .store
            .list_overstays(
                &date.to_string(),
                nationality.as_deref(),
                until_max.as_deref(),
                office.as_deref(),
                after,
                limit.clamp(1, MAX_REPORT_PAGE),
            )
            .await?;
        let lines: Vec<OverstayLine> = rows
            .into_iter()
            .map(|r| {
                let until = r.lawful_until.as_deref().and_then(parse_day);
                OverstayLine {
                    person_id: PersonId::from_stored(r.person_id).to_string(),
                    document_number: r.document_number,
                    document_issuing_state: r.document_issuing_state,
                    nationality: r.nationality,
                    last_entry_date: r.entry_date,
                    lawful_until: r.lawful_until,
                    overstay_days: until.map(|u| (date - u).whole_days()).unwrap_or(0),
                }
            })
            .collect();
        self.audit_read(
            ctx,
            "report.overstays",
            None,
            None,
            serde_json::json!({"as_of": date.to_string(), "rows": lines.len()}),
        )
        .await?;
        Ok(lines)
    }
}
