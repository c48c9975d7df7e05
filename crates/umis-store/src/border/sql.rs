//! The SQL text shared by border queries: column lists, multi-row inserts, number pairs, and the
//! condition that keeps the stays an office answers for.

pub(super) const EVENT_COLUMNS: &str = "event_id, person_id, direction, occurred_at, local_date, bcp, \
    travel_mode, document_number, document_issuing_state, nationality, permitted_days, visa_ref, \
    link_method, fingerprint, received_at, received_by";

/// Every column of an event, read through the alias `e`.
pub(super) const EVENT_COLUMNS_E: &str = "e.event_id, e.person_id, e.direction, e.occurred_at, \
    e.local_date, e.bcp, e.travel_mode, e.document_number, e.document_issuing_state, \
    e.nationality, e.permitted_days, e.visa_ref, e.link_method, e.fingerprint, e.received_at, \
    e.received_by";

/// What the stay engine reads of an event (through the alias `e`); the rest is left empty.
pub(super) const STAY_EVENT_COLUMNS: &str = "e.event_id, e.person_id, e.direction, e.occurred_at, \
    e.local_date, e.bcp, '' AS travel_mode, e.document_number, e.document_issuing_state, \
    e.nationality, e.permitted_days, CAST(NULL AS TEXT) AS visa_ref, '' AS link_method, \
    '' AS fingerprint, CAST(0 AS BIGINT) AS received_at, '' AS received_by";

pub(super) const STAY_COLUMNS: &str = "person_id, seq, entry_date, exit_date, ends_on, period_until, \
    lawful_until, rule_code, permitted_days, flags, nationality, document_number, \
    document_issuing_state, entry_bcp";

pub(super) fn rows_sql(
    sqlite: bool,
    table: &str,
    columns: &str,
    width: usize,
    rows: usize,
    suffix: &str,
) -> String {
    let values = (0..rows)
        .map(|r| format!("({})", crate::placeholders(sqlite, r * width + 1, width)))
        .collect::<Vec<_>>()
        .join(", ");
    format!("INSERT INTO {table} ({columns}) VALUES {values}{suffix}")
}

/// The condition that keeps the stays `s` of the persons office `office` (a parameter, e.g.
/// `$6`; NULL keeps everyone) answers for on day `as_of`: those whose latest registration at a
/// place of stay since their entry names one of the office's regions (compared without regard
/// to case), and those whose latest registration names no region any office lists (or who
/// are not registered since their entry) who entered at one of the office's crossing points
/// (its own code when it lists none).
pub(crate) fn in_office_sql(office: &str, as_of: &str) -> String {
    // The latest registration since the entry, in a region that `regions` lists.
    let latest_in = |alias: &str, regions: &str| {
        format!(
            "EXISTS (SELECT 1 FROM stay_registrations {alias} \
             JOIN office_regions {alias}o ON UPPER({alias}o.region) = UPPER(TRIM({alias}.region)) \
             WHERE {regions} AND {alias}.person_id = s.person_id \
             AND {alias}.arrival_date >= s.entry_date AND {alias}.arrival_date <= {as_of} \
             AND NOT EXISTS (SELECT 1 FROM stay_registrations {alias}2 \
               WHERE {alias}2.person_id = s.person_id \
               AND {alias}2.arrival_date > {alias}.arrival_date \
               AND {alias}2.arrival_date <= {as_of}))"
        )
    };
    format!(
        "({office} IS NULL OR {} \
         OR (NOT {} \
           AND (s.entry_bcp IN (SELECT c.bcp FROM office_crossing_points c \
                 WHERE c.office_code = {office}) \
             OR (s.entry_bcp = {office} AND NOT EXISTS (SELECT 1 FROM office_crossing_points c2 \
                 WHERE c2.office_code = {office})))))",
        latest_in("r", &format!("ro.office_code = {office}")),
        latest_in("a", "1 = 1"),
    )
}

/// `n` placeholder pairs for `(a, b) IN (VALUES …)`, typed so that PostgreSQL compares numbers
/// with numbers.
pub(super) fn number_pairs(sqlite: bool, n: usize) -> String {
    (0..n)
        .map(|r| {
            let (a, b) = if sqlite {
                ("?".to_owned(), "?".to_owned())
            } else {
                (format!("${}", r * 2 + 1), format!("${}", r * 2 + 2))
            };
            format!("(CAST({a} AS BIGINT), CAST({b} AS BIGINT))")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
