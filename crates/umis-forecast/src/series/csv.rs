//! The `period,value` CSV form of a series: reading it row by row with row-numbered errors.

use super::Series;
use crate::error::SeriesError;
use crate::period::Period;

impl Series {
    /// Parses CSV text with the header `period,value` and one `period,value` row per line.
    ///
    /// Spaces around fields, `\r\n` line ends, blank lines and a leading UTF-8 byte order mark
    /// are accepted.
    pub fn parse_csv(text: &str) -> Result<Series, SeriesError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.lines().filter(|line| !line.trim().is_empty());
        let Some(header) = lines.next() else {
            return Err(SeriesError::Empty);
        };
        let fields: Vec<&str> = header.split(',').map(str::trim).collect();
        if fields != ["period", "value"] {
            return Err(SeriesError::BadHeader {
                found: header.trim().to_owned(),
            });
        }
        let mut periods = Vec::new();
        let mut values = Vec::new();
        for (i, line) in lines.enumerate() {
            let row = i + 1;
            let (period_text, value_text) = line.split_once(',').unwrap_or((line, ""));
            let period = Period::parse(period_text).map_err(|e| match e {
                SeriesError::BadPeriod { text, reason, .. } => SeriesError::BadPeriod {
                    row: Some(row),
                    text,
                    reason,
                },
                other => other,
            })?;
            let value_text = value_text.trim();
            let value = value_text
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| SeriesError::NotNumeric {
                    row,
                    text: value_text.to_owned(),
                    reason: "is not a finite number",
                })?;
            periods.push(period);
            values.push(value);
        }
        Series::new(periods, values)
    }
}
