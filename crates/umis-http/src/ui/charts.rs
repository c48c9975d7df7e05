//! The charts of the screens (drawn by `umis-render`), with their words in the reader's language.

use crate::i18n::Tr;
pub(crate) use umis_render::charts::*;

/// A chart's words in `tr`'s language, for cells suppressed below `suppress_below`.
pub(crate) fn words(tr: &Tr, suppress_below: i64) -> Words {
    Words::new(tr.t("chart-empty"), tr.t("chart-partial"), suppress_below)
}
