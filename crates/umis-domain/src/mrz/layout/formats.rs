//! The field positions of each of the five MRZ formats: TD1, TD2, TD3, MRV-A and MRV-B.

use super::{Layout, span};
use crate::mrz::MrzFormat;

pub(super) const TD1: Layout = Layout {
    format: MrzFormat::Td1,
    lines: 3,
    width: 30,
    document_code: span(0, 0, 2),
    issuing_state: span(0, 2, 3),
    document_number: span(0, 5, 9),
    document_number_check: span(0, 14, 1),
    optional_data: span(0, 15, 15),
    birth_date: span(1, 0, 6),
    birth_date_check: span(1, 6, 1),
    sex: span(1, 7, 1),
    expiry_date: span(1, 8, 6),
    expiry_date_check: span(1, 14, 1),
    nationality: span(1, 15, 3),
    optional_data_2: Some(span(1, 18, 11)),
    composite_check: Some(span(1, 29, 1)),
    name: span(2, 0, 30),
    optional_data_check: None,
    composite_parts: &[
        span(0, 5, 25),
        span(1, 0, 7),
        span(1, 8, 7),
        span(1, 18, 11),
    ],
    long_document_number: true,
};

/// TD2, TD3 and both visas share line 2 up to the expiry check digit.
const fn two_line(format: MrzFormat, width: usize) -> Layout {
    Layout {
        format,
        lines: 2,
        width,
        document_code: span(0, 0, 2),
        issuing_state: span(0, 2, 3),
        name: span(0, 5, width - 5),
        document_number: span(1, 0, 9),
        document_number_check: span(1, 9, 1),
        nationality: span(1, 10, 3),
        birth_date: span(1, 13, 6),
        birth_date_check: span(1, 19, 1),
        sex: span(1, 20, 1),
        expiry_date: span(1, 21, 6),
        expiry_date_check: span(1, 27, 1),
        optional_data: span(1, 28, width - 28),
        optional_data_check: None,
        optional_data_2: None,
        composite_check: None,
        composite_parts: &[],
        long_document_number: false,
    }
}

pub(super) const TD2: Layout = Layout {
    optional_data: span(1, 28, 7),
    composite_check: Some(span(1, 35, 1)),
    composite_parts: &[span(1, 0, 10), span(1, 13, 7), span(1, 21, 14)],
    long_document_number: true,
    ..two_line(MrzFormat::Td2, 36)
};

pub(super) const TD3: Layout = Layout {
    optional_data: span(1, 28, 14),
    optional_data_check: Some(span(1, 42, 1)),
    composite_check: Some(span(1, 43, 1)),
    composite_parts: &[span(1, 0, 10), span(1, 13, 7), span(1, 21, 22)],
    ..two_line(MrzFormat::Td3, 44)
};

pub(super) const MRVA: Layout = two_line(MrzFormat::MrvA, 44);
pub(super) const MRVB: Layout = two_line(MrzFormat::MrvB, 36);
