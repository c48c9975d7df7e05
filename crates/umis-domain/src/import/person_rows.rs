//! The rows of a person import file: the fixed header and one row's cells, trimmed, blank
//! cells absent; the services validate the values.

use std::fmt;

/// The header a person file must start with, in this order.
pub const PERSON_COLUMNS: [&str; 9] = [
    "external_id",
    "surname",
    "given_names",
    "patronymic",
    "sex",
    "birth_date",
    "nationality",
    "document_number",
    "document_issuing_state",
];

/// One row of a person file: each cell trimmed, a blank cell `None`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PersonRow {
    /// Identifier in the system the record comes from.
    pub external_id: Option<String>,
    /// Surname (blank is refused by the services).
    pub surname: Option<String>,
    /// Given names.
    pub given_names: Option<String>,
    /// Patronymic.
    pub patronymic: Option<String>,
    /// Sex as written.
    pub sex: Option<String>,
    /// Date of birth as written.
    pub birth_date: Option<String>,
    /// Nationalities, separated by `;` or spaces in the cell.
    pub nationalities: Vec<String>,
    /// Passport number.
    pub document_number: Option<String>,
    /// Its issuing state.
    pub document_issuing_state: Option<String>,
}

/// Shows nothing of the row: every cell is personal data.
impl fmt::Debug for PersonRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PersonRow(..)")
    }
}

impl PersonRow {
    /// Reads the cells of one record, which must have exactly [`PERSON_COLUMNS`]`.len()`
    /// fields; otherwise says how many it has.
    pub fn from_fields<'a>(fields: impl IntoIterator<Item = &'a str>) -> Result<PersonRow, String> {
        let fields: Vec<&str> = fields.into_iter().collect();
        if fields.len() != PERSON_COLUMNS.len() {
            return Err(format!(
                "expected {} fields, found {}",
                PERSON_COLUMNS.len(),
                fields.len()
            ));
        }
        let cell = |i: usize| {
            fields
                .get(i)
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        Ok(PersonRow {
            external_id: cell(0),
            surname: cell(1),
            given_names: cell(2),
            patronymic: cell(3),
            sex: cell(4),
            birth_date: cell(5),
            nationalities: cell(6)
                .map(|n| {
                    n.split([';', ' '])
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            document_number: cell(7),
            document_issuing_state: cell(8),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_trimmed_and_blank_ones_absent() {
        let row = PersonRow::from_fields([
            " x1 ",
            "Aliyev",
            "",
            " ",
            "M",
            "1990",
            "AZE;RUS TUR",
            "C1",
            "",
        ]);
        let Ok(row) = row else {
            panic!("nine fields");
        };
        assert_eq!(row.external_id.as_deref(), Some("x1"));
        assert_eq!(row.given_names, None);
        assert_eq!(row.patronymic, None);
        assert_eq!(row.nationalities, ["AZE", "RUS", "TUR"]);
        assert_eq!(row.document_issuing_state, None);
        assert_eq!(
            PersonRow::from_fields(["a", "b"]).err().as_deref(),
            Some("expected 9 fields, found 2")
        );
    }
}
