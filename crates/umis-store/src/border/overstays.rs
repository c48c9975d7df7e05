//! The overstay report: persons present past every lawful basis on a day, paged by person number.

use super::*;

impl Store {
    /// Persons present on `as_of` (YYYY-MM-DD) past the end of their stay and without a
    /// permit covering that day, ordered by person; `after` continues a previous page. The
    /// optional filters keep one nationality, stays lawful only until `lawful_until_max`, and
    /// the persons `office` answers for (see [`in_office_sql`]).
    pub async fn list_overstays(
        &self,
        as_of: &str,
        nationality: Option<&str>,
        lawful_until_max: Option<&str>,
        office: Option<&str>,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Vec<OverstayRow>, StoreError> {
        // Two halves, each read in person order through its own index and cut at the page
        // size, so paging through the whole report stays linear: stays still open (partial
        // index on person_id) and stays that ended after the date (index on ends_on).
        let half = |open: bool| {
            format!(
                "SELECT * FROM (SELECT s.person_id, s.document_number, s.document_issuing_state, \
                 s.nationality, s.entry_date, s.lawful_until FROM stays s WHERE {} \
                 AND s.lawful_until < $1 AND s.entry_date <= $1 AND s.person_id > $2 \
                 AND ($3 IS NULL OR s.nationality = $3) AND ($4 IS NULL OR s.lawful_until <= $4) \
                 AND NOT EXISTS (SELECT 1 FROM permits p WHERE p.person_id = s.person_id \
                   AND p.status = 'valid' AND p.valid_from <= $1 AND p.valid_to >= $1) \
                 AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.person_id = s.person_id \
                   AND a.app_type IN ({STAY_KEEPING}) AND a.state <> 'withdrawn' \
                   AND a.filed_on >= s.entry_date AND a.filed_on <= s.lawful_until \
                   AND a.filed_on <= $1 AND (a.decided_on IS NULL OR a.decided_on > $1)) \
                 AND {} ORDER BY s.person_id LIMIT $5) {}",
                if open {
                    "s.ends_on IS NULL"
                } else {
                    "s.ends_on > $1"
                },
                in_office_sql("$6", "$1"),
                if open { "open_stays" } else { "ended_stays" }
            )
        };
        let sql = format!(
            "{} UNION ALL {} ORDER BY person_id LIMIT $5",
            half(true),
            half(false)
        );
        Ok(on_pool!(&self.db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(as_of)
                .bind(after.unwrap_or(i64::MIN))
                .bind(nationality)
                .bind(lawful_until_max)
                .bind(limit)
                .bind(office)
                .fetch_all(pool)
                .await?
        }))
    }
}
