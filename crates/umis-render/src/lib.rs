//! What UMIS draws: PDF documents (decision letters, the monthly bulletin) with an embedded,
//! subset font, and charts as inline SVG. Callers pass the words in the reader's language; this
//! crate knows no language, database or web framework.

pub mod charts;
pub mod pdf;
