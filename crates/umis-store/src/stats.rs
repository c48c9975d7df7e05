//! Statistics: the border-event roll-up kept by ingestion and the aggregate queries behind
//! `/api/v1/stats` (flows, stock, applications, permits, enforcement). Every query returns
//! counts, never a person.

use crate::{Store, StoreError, on_pool};

/// One roll-up cell: (local date, direction, crossing point, nationality, travel mode).
pub(crate) type RollupKey = (String, String, String, String, String);

/// Adds `$rollup` (a map of [`RollupKey`] → events) to `stats_border_daily` in `$tx`, in key
/// order so that concurrent batches lock the same rows in the same order.
macro_rules! add_to_rollup {
    ($sqlite:expr, $tx:expr, $rollup:expr) => {{
        let cells: Vec<(&$crate::stats::RollupKey, &i64)> = $rollup.iter().collect();
        for chunk in cells.chunks(100) {
            let values = (0..chunk.len())
                .map(|r| format!("({})", $crate::placeholders($sqlite, r * 6 + 1, 6)))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO stats_border_daily (local_date, direction, bcp, nationality, \
                 travel_mode, events) VALUES {values} ON CONFLICT (local_date, direction, bcp, \
                 nationality, travel_mode) DO UPDATE SET events = stats_border_daily.events + \
                 excluded.events"
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for ((day, direction, bcp, nationality, mode), n) in chunk {
                q = q
                    .bind(day)
                    .bind(direction)
                    .bind(bcp)
                    .bind(nationality)
                    .bind(mode)
                    .bind(**n);
            }
            q.execute(&mut *$tx).await?;
        }
    }};
}
pub(crate) use add_to_rollup;

/// The dimension a flow statistic is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowDim {
    /// No breakdown: one total per period.
    Total,
    /// Border crossing point.
    Bcp,
    /// Nationality declared with the event.
    Nationality,
    /// Air, land, sea or rail.
    TravelMode,
}

impl FlowDim {
    fn column(self) -> Option<&'static str> {
        match self {
            FlowDim::Total => None,
            FlowDim::Bcp => Some("bcp"),
            FlowDim::Nationality => Some("nationality"),
            FlowDim::TravelMode => Some("travel_mode"),
        }
    }
}

/// Filters of a flow statistic (each `None` keeps everything).
#[derive(Debug, Clone, Default)]
pub struct FlowFilter {
    /// One nationality (ICAO code).
    pub nationality: Option<String>,
    /// One border crossing point.
    pub bcp: Option<String>,
    /// One travel mode.
    pub travel_mode: Option<String>,
}

/// Events of one day, one group and one direction.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FlowCell {
    /// The calendar day (YYYY-MM-DD, country time).
    pub day: String,
    /// The group's value (`all` without a breakdown).
    pub group: String,
    /// `entry` or `exit`.
    pub direction: String,
    /// How many events.
    pub events: i64,
}

/// The dimension the stock of present foreigners is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockDim {
    /// Nationality of the stay.
    Nationality,
    /// Sex recorded for the person.
    Sex,
    /// Birth date (the service bands it into ages).
    BirthDate,
    /// The basis of the stay on the date: a permit's kind, `visa`, `visa_free` or `none`.
    Basis,
    /// The region of the latest registration at a place of stay (none when unregistered).
    Region,
}

/// An application decided in a period, for processing-time statistics.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DecidedApplication {
    /// The application type's code.
    pub app_type: String,
    /// `approved` or `refused` (or another final outcome).
    pub outcome: Option<String>,
    /// The refusal or approval ground.
    pub ground: Option<String>,
    /// When the clock started.
    pub registered_on: Option<String>,
    /// The decision day.
    pub decided_on: String,
    /// The legal deadline.
    pub deadline: Option<String>,
}

/// Applications of one type decided in a period, counted.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DecidedByType {
    /// The application type's code.
    pub app_type: String,
    /// Decided in the period.
    pub decided: i64,
    /// Of which approved.
    pub approved: i64,
    /// Of which refused.
    pub refused: i64,
    /// Decided on or before the legal deadline.
    pub on_time: i64,
    /// Decided after it.
    pub late: i64,
    /// With a registration day (the start of the clock).
    pub timed: i64,
    /// Days from registration to decision, summed over those.
    pub days: i64,
}

/// A permit, for the first-permit statistic.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PermitSpan {
    /// Its holder.
    pub person_id: i64,
    /// Its kind.
    pub kind: String,
    /// First day of validity.
    pub valid_from: String,
    /// Last day of validity.
    pub valid_to: String,
}

/// Counts of inspection findings with one decision in a period.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FindingCounts {
    /// The decision (`warning`, `fine`, `regularisation`, `expulsion`) or none yet.
    pub decision: Option<String>,
    /// Findings.
    pub findings: i64,
    /// Fines imposed (sum of amounts, AZN).
    pub fines_amount: i64,
    /// Fines paid.
    pub fines_paid: i64,
}

impl Store {
    /// Daily border events between `from` and `to` (inclusive) per group of `dim` and
    /// direction, read from the roll-up.
    pub async fn border_flows(
        &self,
        from: &str,
        to: &str,
        dim: FlowDim,
        filter: &FlowFilter,
    ) -> Result<Vec<FlowCell>, StoreError> {
        let (select, group) = match dim.column() {
            Some(c) => (c.to_owned(), format!(", {c}")),
            None => ("'all'".to_owned(), String::new()),
        };
        let sql = format!(
            "SELECT local_date AS day, CAST({select} AS TEXT) AS \"group\", direction, \
             CAST(SUM(events) AS BIGINT) AS events FROM stats_border_daily \
             WHERE local_date >= $1 AND local_date <= $2 \
             AND ($3 IS NULL OR nationality = $3) AND ($4 IS NULL OR bcp = $4) \
             AND ($5 IS NULL OR travel_mode = $5) \
             GROUP BY local_date{group}, direction ORDER BY local_date"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(from)
                .bind(to)
                .bind(filter.nationality.as_deref())
                .bind(filter.bcp.as_deref())
                .bind(filter.travel_mode.as_deref())
                .fetch_all(pool)
                .await?
        }))
    }

    /// The first and last day in the border roll-up, if any event is stored.
    pub async fn border_flow_span(&self) -> Result<Option<(String, String)>, StoreError> {
        let row: (Option<String>, Option<String>) = on_pool!(&self.db, pool => {
            sqlx::query_as("SELECT MIN(local_date), MAX(local_date) FROM stats_border_daily")
                .fetch_one(pool)
                .await?
        });
        Ok(row.0.zip(row.1))
    }

    /// Foreigners present at the end of `as_of` (entered on or before it, not yet left)
    /// per value of `dim`. `current` says `as_of` is today or later, when only open stays
    /// count (read through the index of open stays).
    pub async fn stock(
        &self,
        as_of: &str,
        current: bool,
        dim: StockDim,
    ) -> Result<Vec<(Option<String>, i64)>, StoreError> {
        let permits_hint = self.permits_valid_hint();
        let (expr, join): (&str, String) = match dim {
            StockDim::Nationality => ("s.nationality", String::new()),
            StockDim::Sex => (
                "p.sex",
                " JOIN persons p ON p.person_id = s.person_id".to_owned(),
            ),
            StockDim::BirthDate => (
                "p.birth_date",
                " JOIN persons p ON p.person_id = s.person_id".to_owned(),
            ),
            // The permits valid on the day are read once and joined, rather than looked up
            // for each person present.
            StockDim::Basis => (
                "COALESCE(pm.kind, \
                 CASE WHEN s.lawful_until IS NULL OR s.lawful_until < $1 THEN 'none' \
                 WHEN s.permitted_days IS NOT NULL THEN 'visa' ELSE 'visa_free' END)",
                format!(
                    " LEFT JOIN (SELECT person_id, MIN(kind) AS kind FROM permits{permits_hint} \
                     WHERE status = 'valid' AND valid_from <= $1 AND valid_to >= $1 \
                     GROUP BY person_id) pm ON pm.person_id = s.person_id"
                ),
            ),
            StockDim::Region => (
                "(SELECT r.region FROM stay_registrations r WHERE r.person_id = s.person_id \
                 AND r.arrival_date >= s.entry_date AND r.arrival_date <= $1 \
                 ORDER BY r.arrival_date DESC, r.registration_id DESC LIMIT 1)",
                String::new(),
            ),
        };
        // Present at the end of the day: open stays that began by then (read through the
        // covering partial index of open stays), and, for a past day, stays that began by
        // then and ended after it (through the covering partial index of ended stays). Events
        // are never in the future, so today every open stay has begun.
        // SQLite would otherwise read every stay through the index on `entry_date`.
        let (hint, ended_hint) = self.stay_index_hints();
        // Each half is counted on its own (the open half in the order of its index), then the
        // two are added: grouping the counts is cheaper than grouping every present person.
        let mut halves = format!(
            "SELECT {expr} AS k, COUNT(*) AS n FROM stays s{hint}{join} \
             WHERE s.ends_on IS NULL AND s.entry_date IS NOT NULL AND s.entry_date <= $1 \
             GROUP BY 1"
        );
        if !current {
            // The ended half is read by its end only (`+` keeps SQLite from skip-scanning the
            // index by the entry day).
            let plus = self.no_index();
            halves.push_str(&format!(
                " UNION ALL SELECT {expr} AS k, COUNT(*) AS n FROM stays s{ended_hint}{join} \
                 WHERE s.ends_on > $1 AND {plus}s.entry_date <= $1 GROUP BY 1"
            ));
        }
        let sql = format!("SELECT k, CAST(SUM(n) AS BIGINT) FROM ({halves}) present GROUP BY k");
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(as_of).fetch_all(pool).await?
        }))
    }

    /// The SQLite index hints for open stays and for ended stays (none on PostgreSQL, whose
    /// planner picks the partial indexes by itself).
    fn stay_index_hints(&self) -> (&'static str, &'static str) {
        match &self.db {
            crate::Db::Sqlite(_) => (" INDEXED BY stays_open", " INDEXED BY stays_ended"),
            crate::Db::Postgres(_) => ("", ""),
        }
    }

    /// The SQLite index hint for permits valid on a day (the planner otherwise scans every
    /// permit when most are valid).
    fn permits_valid_hint(&self) -> &'static str {
        match &self.db {
            crate::Db::Sqlite(_) => " INDEXED BY permits_valid_on",
            crate::Db::Postgres(_) => "",
        }
    }

    /// SQLite's unary `+` before a column, which keeps a condition from choosing the index
    /// (nothing on PostgreSQL).
    fn no_index(&self) -> &'static str {
        match &self.db {
            crate::Db::Sqlite(_) => "+",
            crate::Db::Postgres(_) => "",
        }
    }

    /// Applications filed between `from` and `to`, per type.
    pub async fn applications_received(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        let sql = "SELECT app_type, COUNT(*) FROM applications \
                   WHERE filed_on >= $1 AND filed_on <= $2 GROUP BY app_type";
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await?
        }))
    }

    /// Applications decided between `from` and `to`.
    pub async fn applications_decided(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<DecidedApplication>, StoreError> {
        let sql = "SELECT app_type, outcome, ground, registered_on, decided_on, deadline \
                   FROM applications WHERE decided_on >= $1 AND decided_on <= $2";
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await?
        }))
    }

    /// Open applications per type: (type, open, of which past their deadline on `today`).
    pub async fn applications_backlog(
        &self,
        today: &str,
    ) -> Result<Vec<(String, i64, i64)>, StoreError> {
        let sql = "SELECT app_type, COUNT(*), \
                   COALESCE(SUM(CASE WHEN deadline IS NOT NULL AND deadline < $2 THEN 1 ELSE 0 END), 0) \
                   FROM applications WHERE is_open = $1 GROUP BY app_type";
        let rows: Vec<(String, i64, i64)> = on_pool!(&self.db, pool => {
            sqlx::query_as(sql).bind(true).bind(today).fetch_all(pool).await?
        });
        Ok(rows)
    }

    /// Valid permits on `as_of` per kind.
    pub async fn valid_permits(&self, as_of: &str) -> Result<Vec<(String, i64)>, StoreError> {
        let sql = format!(
            "SELECT kind, COUNT(*) FROM permits{} WHERE status = 'valid' \
             AND valid_from <= $1 AND valid_to >= $1 GROUP BY kind",
            self.permits_valid_hint()
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(as_of).fetch_all(pool).await?
        }))
    }

    /// Every permit of every person who holds a permit starting between `from` and `to`
    /// (their earlier permits decide whether it is a first permit).
    pub async fn permits_starting(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<PermitSpan>, StoreError> {
        let sql = "SELECT person_id, kind, valid_from, valid_to FROM permits \
                   WHERE person_id IN (SELECT person_id FROM permits \
                   WHERE valid_from >= $1 AND valid_from <= $2) \
                   ORDER BY person_id, valid_from";
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await?
        }))
    }

    /// Applications decided between `from` and `to`, counted per type: decided, approved,
    /// refused, decided by the deadline, after it, with a registration day, and the sum of days
    /// from registration to decision (never negative).
    pub async fn applications_decided_by_type(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<DecidedByType>, StoreError> {
        let days = match &self.db {
            crate::Db::Sqlite(_) => {
                "CAST(julianday(decided_on) - julianday(registered_on) AS INTEGER)"
            }
            crate::Db::Postgres(_) => "(CAST(decided_on AS DATE) - CAST(registered_on AS DATE))",
        };
        let sql = format!(
            "SELECT app_type, COUNT(*) AS decided, \
             COALESCE(SUM(CASE WHEN outcome = 'approved' THEN 1 ELSE 0 END), 0) AS approved, \
             COALESCE(SUM(CASE WHEN outcome = 'refused' THEN 1 ELSE 0 END), 0) AS refused, \
             COALESCE(SUM(CASE WHEN deadline IS NOT NULL AND decided_on <= deadline THEN 1 ELSE 0 END), 0) AS on_time, \
             COALESCE(SUM(CASE WHEN deadline IS NOT NULL AND decided_on > deadline THEN 1 ELSE 0 END), 0) AS late, \
             COALESCE(SUM(CASE WHEN registered_on IS NOT NULL THEN 1 ELSE 0 END), 0) AS timed, \
             COALESCE(SUM(CASE WHEN registered_on IS NOT NULL AND {days} > 0 THEN {days} ELSE 0 END), 0) AS days \
             FROM applications WHERE decided_on >= $1 AND decided_on <= $2 GROUP BY app_type"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(pool).await?
        }))
    }

    /// Persons past every lawful basis on `as_of` per nationality (the overstay report's
    /// conditions, counted).
    /// `current` says `as_of` is today or later: only open stays can be overstays then (read
    /// through the partial index of open stays by `lawful_until`).
    pub async fn overstays_by_nationality(
        &self,
        as_of: &str,
        current: bool,
    ) -> Result<Vec<(Option<String>, i64)>, StoreError> {
        // Open stays past their lawful end (covering index of open stays) and, for a past day,
        // stays that ended after it (covering index of ended stays): each half reads only its
        // candidates, never every stay entered before the day.
        let (present_hint, ended_hint) = self.stay_index_hints();
        let columns = "s.nationality, s.person_id, s.entry_date, s.lawful_until";
        let mut candidates = format!(
            "SELECT {columns} FROM stays s{present_hint} \
             WHERE s.ends_on IS NULL AND s.lawful_until < $1 AND s.entry_date <= $1"
        );
        if !current {
            let plus = self.no_index();
            candidates.push_str(&format!(
                " UNION ALL SELECT {columns} FROM stays s{ended_hint} \
                 WHERE s.ends_on > $1 AND {plus}s.lawful_until < $1 AND {plus}s.entry_date <= $1"
            ));
        }
        let sql = format!(
            "SELECT s.nationality, COUNT(*) FROM ({candidates}) s \
             WHERE NOT EXISTS (SELECT 1 FROM permits p WHERE p.person_id = s.person_id \
               AND p.status = 'valid' AND p.valid_from <= $1 AND p.valid_to >= $1) \
             AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.person_id = s.person_id \
               AND a.app_type IN ({}) AND a.state <> 'withdrawn' \
               AND a.filed_on >= s.entry_date AND a.filed_on <= s.lawful_until \
               AND a.filed_on <= $1 AND (a.decided_on IS NULL OR a.decided_on > $1)) \
             GROUP BY s.nationality",
            crate::border::STAY_KEEPING
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(as_of).fetch_all(pool).await?
        }))
    }

    /// Inspections carried out between `from` and `to`.
    pub async fn inspections_carried_out(&self, from: &str, to: &str) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM inspections \
                   WHERE carried_out_on >= $1 AND carried_out_on <= $2";
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_scalar(sql).bind(from).bind(to).fetch_one(pool).await?
        }))
    }

    /// Inspection findings recorded between `from` and `to`, per decision.
    pub async fn findings_by_decision(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Vec<FindingCounts>, StoreError> {
        let sql = "SELECT decision, COUNT(*) AS findings, \
                   CAST(COALESCE(SUM(fine_amount), 0) AS BIGINT) AS fines_amount, \
                   COALESCE(SUM(CASE WHEN fine_paid_on IS NOT NULL THEN 1 ELSE 0 END), 0) \
                   AS fines_paid FROM inspection_findings \
                   WHERE found_on >= $1 AND found_on <= $2 GROUP BY decision";
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sql).bind(from).bind(to).fetch_all(pool).await?
        }))
    }

    /// Expulsion orders: (issued in [from_us, to_us), fulfilled in it, pending past their
    /// deadline at `now_us`).
    pub async fn expulsion_counts(
        &self,
        from_us: i64,
        to_us: i64,
        now_us: i64,
    ) -> Result<(i64, i64, i64), StoreError> {
        let sql = "SELECT \
                   COALESCE(SUM(CASE WHEN created_at >= $1 AND created_at < $2 THEN 1 ELSE 0 END), 0), \
                   COALESCE(SUM(CASE WHEN fulfilled_at >= $1 AND fulfilled_at < $2 THEN 1 ELSE 0 END), 0), \
                   COALESCE(SUM(CASE WHEN status = 'pending' AND departure_deadline < $3 THEN 1 ELSE 0 END), 0) \
                   FROM expulsion_orders";
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sql).bind(from_us).bind(to_us).bind(now_us).fetch_one(pool).await?
        }))
    }

    /// Entry bans created in [from_us, to_us), and those in force on `as_of`.
    pub async fn entry_ban_counts(
        &self,
        from_us: i64,
        to_us: i64,
        as_of: &str,
    ) -> Result<(i64, i64), StoreError> {
        let sql = "SELECT \
                   COALESCE(SUM(CASE WHEN created_at >= $1 AND created_at < $2 THEN 1 ELSE 0 END), 0), \
                   COALESCE(SUM(CASE WHEN lifted_at IS NULL AND (valid_from IS NULL OR valid_from <= $3) \
                     AND (valid_to IS NULL OR valid_to >= $3) THEN 1 ELSE 0 END), 0) \
                   FROM watch_entries WHERE list = 'entry_ban'";
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sql).bind(from_us).bind(to_us).bind(as_of).fetch_one(pool).await?
        }))
    }
}
