//! Expulsion orders with the entry bans they carry, their fulfilment by an exit event, and the
//! alerts raised while ingesting border events.

use crate::{NewWatchEntry, Store, StoreError, append_audit_tx, on_pool};
use umis_domain::NewAuditEntry;

/// An expulsion order.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ExpulsionOrder {
    /// Person to leave.
    pub person_id: i64,
    /// Number within the person's orders (0 for a new one).
    pub order_id: i64,
    /// `MIA`, `SMS` or `COURT`.
    pub issuing_body: String,
    /// Legal grounds.
    pub grounds: String,
    /// The decision's reference.
    pub decision_ref: Option<String>,
    /// When the person was informed (Unix µs).
    pub informed_at: i64,
    /// Leave by then (Unix µs).
    pub departure_deadline: i64,
    /// ICAO code of the destination.
    pub destination: Option<String>,
    /// Length of the entry ban, years.
    pub ban_years: i64,
    /// The entry ban's watch-list entry.
    pub ban_entry_id: Option<i64>,
    /// `pending`, `fulfilled` or `cancelled`.
    pub status: String,
    /// The exit event that fulfilled it.
    pub fulfilled_by_event: Option<String>,
    /// When (Unix µs of the exit).
    pub fulfilled_at: Option<i64>,
    /// Recorded (Unix µs).
    pub created_at: i64,
    /// By whom.
    pub created_by: String,
    /// The office of the officer who recorded it (`None`: national).
    pub office_code: Option<String>,
}

/// An order fulfilled by an exit event of the batch being stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fulfilment {
    /// Person.
    pub person_id: i64,
    /// Order.
    pub order_id: i64,
    /// The exit event.
    pub event_id: String,
    /// Its instant (Unix µs).
    pub at: i64,
}

/// An alert raised by ingestion.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ControlAlert {
    /// Person concerned.
    pub person_id: i64,
    /// Number within the person's alerts (0 for a new one).
    pub alert_id: i64,
    /// `banned_entry`.
    pub kind: String,
    /// The border event.
    pub event_id: Option<String>,
    /// The watch-list entry (ban).
    pub entry_id: Option<i64>,
    /// Date of the event.
    pub occurred_on: String,
    /// Crossing point.
    pub bcp: Option<String>,
    /// Raised (Unix µs).
    pub created_at: i64,
    /// Closed (Unix µs).
    pub closed_at: Option<i64>,
    /// Closed by.
    pub closed_by: Option<String>,
}

const ORDER_COLUMNS: &str = "person_id, order_id, issuing_body, grounds, decision_ref, \
    informed_at, departure_deadline, destination, ban_years, ban_entry_id, status, \
    fulfilled_by_event, fulfilled_at, created_at, created_by, office_code";

/// An active entry ban: `(entry_id, person_id, document_folded, valid_from, valid_to)`.
pub type BanRow = (
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Marks orders fulfilled and stores alerts inside an open transaction `$tx`.
macro_rules! write_outcomes {
    ($tx:expr, $fulfilments:expr, $alerts:expr) => {{
        for f in $fulfilments {
            sqlx::query(
                "UPDATE expulsion_orders SET status = 'fulfilled', fulfilled_by_event = $1, \
                 fulfilled_at = $2 WHERE person_id = $3 AND order_id = $4 AND status = 'pending'",
            )
            .bind(&f.event_id)
            .bind(f.at)
            .bind(f.person_id)
            .bind(f.order_id)
            .execute(&mut *$tx)
            .await?;
        }
        for a in $alerts {
            let (next,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(alert_id), 0) + 1 FROM control_alerts WHERE person_id = $1",
            )
            .bind(a.person_id)
            .fetch_one(&mut *$tx)
            .await?;
            sqlx::query(
                "INSERT INTO control_alerts (person_id, alert_id, kind, event_id, entry_id, \
                 occurred_on, bcp, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(a.person_id)
            .bind(next)
            .bind(&a.kind)
            .bind(&a.event_id)
            .bind(a.entry_id)
            .bind(&a.occurred_on)
            .bind(&a.bcp)
            .bind(a.created_at)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}
pub(crate) use write_outcomes;

impl Store {
    /// Records an order and its entry ban in one transaction; returns `(order_id, entry_id)`.
    pub async fn create_expulsion_order(
        &self,
        o: &ExpulsionOrder,
        ban: &NewWatchEntry,
        audit: NewAuditEntry,
    ) -> Result<(i64, i64), StoreError> {
        Ok(on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            let (entry_id,): (i64,) = sqlx::query_as(
                "INSERT INTO watch_entries (list, person_id, surname, given_names, name_key, \
                 birth_date, nationality, document_number, document_folded, ground, issuing_body, \
                 valid_from, valid_to, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, \
                 $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING entry_id",
            )
            .bind(&ban.list)
            .bind(ban.person_id)
            .bind(&ban.surname)
            .bind(&ban.given_names)
            .bind(&ban.name_key)
            .bind(&ban.birth_date)
            .bind(&ban.nationality)
            .bind(&ban.document_number)
            .bind(&ban.document_folded)
            .bind(&ban.ground)
            .bind(&ban.issuing_body)
            .bind(&ban.valid_from)
            .bind(&ban.valid_to)
            .bind(&ban.note)
            .bind(&ban.created_by)
            .bind(ban.created_at)
            .fetch_one(&mut *tx)
            .await?;
            let (next,): (i64,) = sqlx::query_as(
                "SELECT COALESCE(MAX(order_id), 0) + 1 FROM expulsion_orders WHERE person_id = $1",
            )
            .bind(o.person_id)
            .fetch_one(&mut *tx)
            .await?;
            let sql = format!(
                "INSERT INTO expulsion_orders ({ORDER_COLUMNS}) VALUES ({})",
                crate::placeholders(false, 1, 16)
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(o.person_id)
                .bind(next)
                .bind(&o.issuing_body)
                .bind(&o.grounds)
                .bind(&o.decision_ref)
                .bind(o.informed_at)
                .bind(o.departure_deadline)
                .bind(&o.destination)
                .bind(o.ban_years)
                .bind(entry_id)
                .bind(&o.status)
                .bind(&o.fulfilled_by_event)
                .bind(o.fulfilled_at)
                .bind(o.created_at)
                .bind(&o.created_by)
                .bind(&o.office_code)
                .execute(&mut *tx)
                .await?;
            append_audit_tx!(tx, audit);
            tx.commit().await?;
            (next, entry_id)
        }))
    }

    /// Marks orders fulfilled and stores alerts, in one transaction.
    pub async fn record_outcomes(&self, outcomes: &crate::BatchOutcomes) -> Result<(), StoreError> {
        on_pool!(&self.db, pool => {
            let mut tx = pool.begin().await?;
            write_outcomes!(tx, &outcomes.fulfilments, &outcomes.alerts);
            tx.commit().await?;
        });
        Ok(())
    }

    /// Pending orders of `persons`.
    pub async fn pending_orders_of(
        &self,
        persons: &[i64],
    ) -> Result<Vec<ExpulsionOrder>, StoreError> {
        Ok(crate::select_in!(
            self,
            persons,
            ExpulsionOrder,
            |list| format!(
                "SELECT {ORDER_COLUMNS} FROM expulsion_orders WHERE status = 'pending' \
             AND person_id IN ({list})"
            )
        ))
    }

    /// Orders, newest first: all, or only those with `status`; `overdue_at` keeps pending
    /// orders whose departure deadline passed before that instant. With `office` (as of the
    /// day `today`, YYYY-MM-DD), the orders that office made and those of the persons it
    /// answers for (a current stay in its regions or through its crossing points, the rule of
    /// the overstay report, see [`crate::border::in_office_sql`]), whoever ordered them.
    pub async fn list_expulsion_orders(
        &self,
        status: Option<&str>,
        overdue_at: Option<i64>,
        office: Option<&str>,
        today: &str,
        limit: i64,
    ) -> Result<Vec<ExpulsionOrder>, StoreError> {
        let answers_for = crate::border::in_office_sql("$4", "$5");
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM expulsion_orders o WHERE ($1 IS NULL OR o.status = $1) \
             AND ($2 IS NULL OR (o.status = 'pending' AND o.departure_deadline < $2)) \
             AND ($4 IS NULL OR o.office_code = $4 OR EXISTS (SELECT 1 FROM stays s \
               WHERE s.person_id = o.person_id AND s.entry_date <= $5 \
               AND (s.ends_on IS NULL OR s.ends_on > $5) AND {answers_for})) \
             ORDER BY o.created_at DESC, o.person_id LIMIT $3"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(status)
                .bind(overdue_at)
                .bind(limit)
                .bind(office)
                .bind(today)
                .fetch_all(pool)
                .await?
        }))
    }

    /// The orders of one person, oldest first.
    pub async fn expulsion_orders_of(
        &self,
        person_id: i64,
    ) -> Result<Vec<ExpulsionOrder>, StoreError> {
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM expulsion_orders WHERE person_id = $1 ORDER BY order_id"
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(person_id).fetch_all(pool).await?
        }))
    }

    /// Open alerts, newest first.
    pub async fn open_alerts(
        &self,
        bcps: Option<&[String]>,
        limit: i64,
    ) -> Result<Vec<ControlAlert>, StoreError> {
        // Only the alerts at `bcps` when given (an office's crossing points).
        let at = match bcps {
            None => String::new(),
            Some([]) => " AND 1 = 0".to_owned(),
            Some(list) => format!(
                " AND bcp IN ({})",
                crate::placeholders(self.is_sqlite(), 1, list.len())
            ),
        };
        let sql = format!(
            "SELECT person_id, alert_id, kind, event_id, entry_id, occurred_on, bcp, \
             created_at, closed_at, closed_by FROM control_alerts WHERE closed_at IS NULL{at} \
             ORDER BY created_at DESC, person_id, alert_id LIMIT {}",
            limit.max(0)
        );
        Ok(on_pool!(&self.db, pool => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for b in bcps.unwrap_or_default() {
                q = q.bind(b);
            }
            q.fetch_all(pool).await?
        }))
    }

    /// Active entry bans (not lifted) on `persons` or on documents with these folded numbers:
    /// `(entry_id, person_id, document_folded, valid_from, valid_to)`.
    pub async fn bans_for(
        &self,
        persons: &[i64],
        documents: &[String],
    ) -> Result<Vec<BanRow>, StoreError> {
        let mut out = crate::select_in!(self, persons, BanRow, |list| format!(
            "SELECT entry_id, person_id, document_folded, valid_from, valid_to FROM watch_entries \
             WHERE list = 'entry_ban' AND lifted_at IS NULL AND person_id IN ({list})"
        ));
        out.extend(crate::select_in!(self, documents, BanRow, |list| format!(
            "SELECT entry_id, person_id, document_folded, valid_from, valid_to FROM watch_entries \
             WHERE list = 'entry_ban' AND lifted_at IS NULL AND document_folded IN ({list})"
        )));
        out.sort();
        out.dedup();
        Ok(out)
    }
}
