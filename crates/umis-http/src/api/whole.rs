//! Integer body fields read as JSON Schema reads them: `3.0` is the integer 3, so a field
//! documented as an integer also takes a whole number written with a zero fraction; any other
//! fraction, or a number out of the field's range, is refused like a wrong type.

use serde::de::Error;
use serde::{Deserialize, Deserializer};

/// A whole JSON number in `i64`.
fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64 => Ok(f as i64),
        _ => Err(D::Error::custom(format!("expected an integer, found {n}"))),
    }
}

fn within<T: TryFrom<i64>, E: Error>(v: i64) -> Result<T, E> {
    T::try_from(v).map_err(|_| E::custom(format!("the integer {v} is out of range")))
}

/// An `i64` field.
pub(crate) fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    whole(d)
}

/// An `i32` field.
pub(crate) fn int32<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    within(whole(d)?)
}

/// A `usize` field.
pub(crate) fn count<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    within(whole(d)?)
}

/// An optional `i64` field (`null` or absent is `None`; use with `#[serde(default)]`).
pub(crate) fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Option::<serde_json::Number>::deserialize(d)?
        .map(|n| whole(n).map_err(D::Error::custom))
        .transpose()
}

/// An optional `usize` field (use with `#[serde(default)]`).
pub(crate) fn opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    opt_int(d)?.map(within).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Body {
        #[serde(deserialize_with = "int")]
        version: i64,
        #[serde(default, deserialize_with = "opt_count")]
        season: Option<usize>,
        #[serde(default, deserialize_with = "int32")]
        small: i32,
    }

    fn read(json: &str) -> Result<Body, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn whole_numbers_with_a_zero_fraction_are_integers() {
        let b = read(r#"{"version": 2913.0, "season": 12.0, "small": -4}"#).expect("reads");
        assert_eq!((b.version, b.season, b.small), (2913, Some(12), -4));
        let b = read(r#"{"version": 7, "season": null}"#).expect("reads");
        assert_eq!((b.version, b.season), (7, None));
    }

    #[test]
    fn fractions_wrong_types_and_out_of_range_are_refused() {
        for bad in [
            r#"{"version": 1.5}"#,
            r#"{"version": "1"}"#,
            r#"{"version": 1e300}"#,
            r#"{"version": 1, "season": -1}"#,
            r#"{"version": 1, "small": 4294967296}"#,
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }
}
