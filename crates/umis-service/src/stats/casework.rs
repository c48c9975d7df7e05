//! Statistics of casework and enforcement: applications (received, decided, processing time
//! against the legal deadline, backlog), permits (valid, issued, first permits), enforcement
//! (overstays, inspections, fines, expulsions, bans) and overstays by nationality.

use super::{Builder, Span, StatTable, StatsQuery, date_param, one_of};
use crate::stay::parse_day;
use crate::{ServiceError, Services};
use std::collections::BTreeMap;
use time::Date;
use umis_domain::stats::{PermitSpan, is_first_permit};

impl Services {
    /// Local midnight of `day` in the country's time zone, in Unix microseconds.
    pub(crate) fn local_midnight_micros(&self, day: Date) -> i64 {
        jiff::civil::Date::new(day.year() as i16, day.month() as i8, day.day() as i8)
            .ok()
            .and_then(|d| d.to_zoned(self.tz.clone()).ok())
            .map_or(0, |z| z.timestamp().as_microsecond())
    }

    pub(super) async fn applications_table(
        &self,
        q: &StatsQuery,
    ) -> Result<StatTable, ServiceError> {
        let (from, to) = self.period(q)?;
        let by = one_of("by", q.by.as_deref(), &["type", "ground"])?;
        let (f, t) = (from.to_string(), to.to_string());
        let span = Span {
            from: Some(from),
            to: Some(to),
            ..Span::default()
        };
        if by == "ground" {
            let decided = self.store.applications_decided(&f, &t).await?;
            // (type, ground) → [approved, refused]
            let mut grid: BTreeMap<String, [i64; 2]> = BTreeMap::new();
            for d in &decided {
                let slot = match d.outcome.as_deref() {
                    Some("approved") => 0,
                    Some("refused") => 1,
                    _ => continue,
                };
                let ground = d.ground.as_deref().unwrap_or("none");
                grid.entry(format!("{}:{ground}", d.app_type))
                    .or_insert([0, 0])[slot] += 1;
            }
            let mut b = Builder::new(self.stats_threshold, vec!["approved", "refused"]);
            for (g, v) in grid {
                b.row(None, g, &v);
            }
            return Ok(b.finish("applications", by, span));
        }
        // type → received, decided, approved, refused, on_time, late, Σdays, open, overdue
        let mut grid: BTreeMap<String, [i64; 9]> = BTreeMap::new();
        for (ty, n) in self.store.applications_received(&f, &t).await? {
            grid.entry(ty).or_insert([0; 9])[0] += n;
        }
        // Counted by the database: a year of decisions is not read case by case.
        let mut timed: BTreeMap<String, i64> = BTreeMap::new();
        for d in self.store.applications_decided_by_type(&f, &t).await? {
            let row = grid.entry(d.app_type.clone()).or_insert([0; 9]);
            row[1] += d.decided;
            row[2] += d.approved;
            row[3] += d.refused;
            row[4] += d.on_time;
            row[5] += d.late;
            row[6] += d.days;
            *timed.entry(d.app_type).or_insert(0) += d.timed;
        }
        let today = self.local_today().to_string();
        for (ty, open, overdue) in self.store.applications_backlog(&today).await? {
            let row = grid.entry(ty).or_insert([0; 9]);
            row[7] += open;
            row[8] += overdue;
        }
        let mut b = Builder::new(
            self.stats_threshold,
            vec![
                "received",
                "decided",
                "approved",
                "refused",
                "decided_on_time",
                "decided_late",
                "mean_days",
                "open",
                "overdue",
            ],
        )
        .mean_of(6, 1);
        for (ty, mut v) in grid {
            let n = timed.get(&ty).copied().unwrap_or(0);
            v[6] = if n > 0 { (v[6] + n / 2) / n } else { 0 };
            b.row(None, ty, &v);
        }
        Ok(b.finish("applications", by, span))
    }

    pub(super) async fn permits_table(&self, q: &StatsQuery) -> Result<StatTable, ServiceError> {
        let (from, to) = self.period(q)?;
        let as_of = date_param("as_of", q.as_of.as_deref())?.unwrap_or(to);
        one_of("by", q.by.as_deref(), &["kind"])?;
        // kind → valid on as_of, issued in the period, first permits in the period
        let mut grid: BTreeMap<String, [i64; 3]> = BTreeMap::new();
        for (kind, n) in self.store.valid_permits(&as_of.to_string()).await? {
            grid.entry(kind).or_insert([0; 3])[0] += n;
        }
        let spans = self
            .store
            .permits_starting(&from.to_string(), &to.to_string())
            .await?;
        let mut i = 0;
        while i < spans.len() {
            let person = spans[i].person_id;
            let mut j = i;
            while j < spans.len() && spans[j].person_id == person {
                j += 1;
            }
            let mine: Vec<(String, PermitSpan)> = spans[i..j]
                .iter()
                .filter_map(|p| {
                    Some((
                        p.kind.clone(),
                        PermitSpan {
                            from: parse_day(&p.valid_from)?,
                            to: parse_day(&p.valid_to)?,
                        },
                    ))
                })
                .collect();
            let all: Vec<PermitSpan> = mine.iter().map(|(_, s)| *s).collect();
            for (kind, span) in &mine {
                if span.from < from || span.from > to {
                    continue;
                }
                let row = grid.entry(kind.clone()).or_insert([0; 3]);
                row[1] += 1;
                if is_first_permit(*span, &all) {
                    row[2] += 1;
                }
            }
            i = j;
        }
        let mut b = Builder::new(
            self.stats_threshold,
            vec!["valid", "issued", "first_permits"],
        );
        for (kind, v) in grid {
            b.row(None, kind, &v);
        }
        Ok(b.finish(
            "permits",
            "kind",
            Span {
                from: Some(from),
                to: Some(to),
                as_of: Some(as_of),
                ..Span::default()
            },
        ))
    }

    pub(super) async fn enforcement_table(
        &self,
        q: &StatsQuery,
    ) -> Result<StatTable, ServiceError> {
        let (from, to) = self.period(q)?;
        let as_of = date_param("as_of", q.as_of.as_deref())?.unwrap_or(to);
        one_of("by", q.by.as_deref(), &["measure"])?;
        let (f, t) = (from.to_string(), to.to_string());
        self.settle_stays().await?;
        let overstays: i64 = self
            .store
            .overstays_by_nationality(&as_of.to_string(), as_of >= self.local_today())
            .await?
            .iter()
            .map(|(_, n)| n)
            .sum();
        let unregistered = self.count_overdue_registrations(as_of).await?;
        let inspections = self.store.inspections_carried_out(&f, &t).await?;
        let findings = self.store.findings_by_decision(&f, &t).await?;
        let by_decision = |d: &str| {
            findings
                .iter()
                .filter(|x| x.decision.as_deref() == Some(d))
                .map(|x| x.findings)
                .sum::<i64>()
        };
        let from_us = self.local_midnight_micros(from);
        let to_us = self.local_midnight_micros(to + time::Duration::days(1));
        let (ordered, fulfilled, overdue) = self
            .store
            .expulsion_counts(from_us, to_us, self.now())
            .await?;
        let (bans_issued, bans_in_force) = self
            .store
            .entry_ban_counts(from_us, to_us, &as_of.to_string())
            .await?;
        let measures: [(&str, i64); 14] = [
            ("overstays", overstays),
            ("unregistered_stays", unregistered),
            ("inspections", inspections),
            ("persons_found", findings.iter().map(|x| x.findings).sum()),
            ("warnings", by_decision("warning")),
            ("fines", by_decision("fine")),
            (
                "fines_amount_azn",
                findings.iter().map(|x| x.fines_amount).sum(),
            ),
            ("fines_paid", findings.iter().map(|x| x.fines_paid).sum()),
            ("regularisations", by_decision("regularisation")),
            ("expulsions_ordered", ordered),
            ("expulsions_fulfilled", fulfilled),
            ("expulsions_overdue", overdue),
            ("entry_bans_issued", bans_issued),
            ("entry_bans_in_force", bans_in_force),
        ];
        let mut b = Builder::new(self.stats_threshold, vec!["count"]);
        for (m, n) in measures {
            b.row(None, m.to_owned(), &[n]);
        }
        Ok(b.finish(
            "enforcement",
            "measure",
            Span {
                from: Some(from),
                to: Some(to),
                as_of: Some(as_of),
                ..Span::default()
            },
        ))
    }

    pub(super) async fn overstays_table(&self, q: &StatsQuery) -> Result<StatTable, ServiceError> {
        let as_of = date_param("as_of", q.as_of.as_deref())?.unwrap_or_else(|| self.local_today());
        one_of("by", q.by.as_deref(), &["nationality"])?;
        self.settle_stays().await?;
        let mut rows: Vec<(String, i64)> = self
            .store
            .overstays_by_nationality(&as_of.to_string(), as_of >= self.local_today())
            .await?
            .into_iter()
            .map(|(k, n)| (k.unwrap_or_else(|| "unknown".to_owned()), n))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut b = Builder::new(self.stats_threshold, vec!["persons"]);
        for (g, n) in rows {
            b.row(None, g, &[n]);
        }
        Ok(b.finish(
            "overstays",
            "nationality",
            Span {
                as_of: Some(as_of),
                ..Span::default()
            },
        ))
    }
}
