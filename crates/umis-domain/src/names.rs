//! Personal names across scripts: normalisation and search keys (being written).
