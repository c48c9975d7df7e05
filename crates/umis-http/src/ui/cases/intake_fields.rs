//! The inputs of the intake form, drawn from the application type's field list and filled with
//! what the officer typed so far.

use super::*;

/// One input of the intake form.
pub(super) struct FieldInput {
    pub(super) name: &'static str,
    pub(super) input: &'static str,
    pub(super) options: Vec<(String, String)>,
    pub(super) required: bool,
    pub(super) value: String,
    pub(super) max: String,
}

impl NewTemplate {
    pub(super) fn k(&self, prefix: &str, v: &str) -> String {
        key(prefix, v)
    }

    pub(super) fn inputs(&self) -> Vec<FieldInput> {
        let Some(spec) = self.spec else {
            return Vec::new();
        };
        spec.fields
            .iter()
            .map(|f| {
                let value = self
                    .form
                    .fields
                    .iter()
                    .find(|(n, _)| n == f.name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                let (input, options, max) = match f.kind {
                    FieldKind::Text { max } if max > 300 => ("textarea", vec![], max.to_string()),
                    FieldKind::Text { max } => ("text", vec![], max.to_string()),
                    FieldKind::Int { max, .. } => ("number", vec![], max.to_string()),
                    FieldKind::Date => ("date", vec![], String::new()),
                    FieldKind::Country => ("country", vec![], "3".into()),
                    FieldKind::Choice(opts) => (
                        "select",
                        opts.iter()
                            .map(|o| {
                                let prefix = if f.name == "ground" {
                                    "case-ground"
                                } else {
                                    "case-choice"
                                };
                                ((*o).to_owned(), key(prefix, o))
                            })
                            .collect(),
                        String::new(),
                    ),
                };
                FieldInput {
                    name: f.name,
                    input,
                    options,
                    required: f.required,
                    value,
                    max,
                }
            })
            .collect()
    }

    pub(super) fn doc_checked(&self, d: &str) -> bool {
        self.form.documents.iter().any(|x| x == d)
    }
}
