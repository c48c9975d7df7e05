//! Building SQL with long bind lists: numbered or anonymous placeholders, and `IN (…)` queries
//! over any number of values on either backend.

/// Values per `IN (…)` list.
pub(crate) const IN_CHUNK: usize = 500;

/// `n` bind placeholders numbered from `from`: `$from, …` on PostgreSQL, plain `?` on SQLite
/// (SQLite looks numbered and named parameters up by a linear scan when binding, which makes
/// statements with thousands of them quadratic; anonymous ones bind in order).
pub(crate) fn placeholders(sqlite: bool, from: usize, n: usize) -> String {
    if sqlite {
        return vec!["?"; n].join(", ");
    }
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs a query whose only parameters are one `IN (…)` list over `$values`: `$sql` builds the
/// statement from the list `$list`. On SQLite the list is placeholders, in chunks of
/// [`IN_CHUNK`]; on PostgreSQL it is one array parameter unnested, so any number of values is
/// one statement. Evaluates to every row (of type `$row`).
macro_rules! select_in {
    ($store:expr, $values:expr, $row:ty, |$list:ident| $sql:expr) => {{
        let mut out: Vec<$row> = Vec::new();
        match &$store.db {
            $crate::Db::Sqlite(pool) => {
                for chunk in $values.chunks($crate::IN_CHUNK) {
                    let $list = $crate::placeholders(true, 1, chunk.len());
                    let sql: String = $sql;
                    let mut q = sqlx::query_as::<_, $row>(sqlx::AssertSqlSafe(sql));
                    for v in chunk {
                        q = q.bind(v);
                    }
                    out.extend(q.fetch_all(pool).await?);
                }
            }
            $crate::Db::Postgres(pool) => {
                if !$values.is_empty() {
                    let $list = "SELECT UNNEST($1)".to_owned();
                    let sql: String = $sql;
                    let all: Vec<_> = $values.iter().cloned().collect();
                    out = sqlx::query_as::<_, $row>(sqlx::AssertSqlSafe(sql))
                        .bind(all)
                        .fetch_all(pool)
                        .await?;
                }
            }
        }
        out
    }};
}
pub(crate) use select_in;
