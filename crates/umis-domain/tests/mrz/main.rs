//! MRZ parser tests: Doc 9303 vectors, one case per defect, property tests and the fuzz corpus.

mod corpus;
mod errors;
mod props;
mod support;
mod vectors;
