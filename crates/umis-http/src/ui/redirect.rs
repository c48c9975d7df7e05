//! Redirects after a form: only to same-origin paths, and never a panic on a target that is
//! not a valid `Location` header.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The path to return to after login or a language switch, when it is a same-origin path.
///
/// Browsers parse `Location` after the WHATWG URL rules: they strip tabs and newlines, read a
/// backslash as a slash and `//` as the start of another host. Only a path of visible ASCII
/// that starts with one `/`, has no backslash and no `//` at its start is accepted; anything
/// else answers `None`.
pub(crate) fn local_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    ok.then_some(next)
}

/// As [`local_path`], with `/` for anything refused.
pub(crate) fn local_or_home(next: Option<&str>) -> String {
    next.and_then(local_path).unwrap_or("/").to_owned()
}

/// A `303 See Other` to `target`; a target that cannot be a header goes to `/` instead.
pub(crate) fn see_other(target: &str) -> Response {
    let location = HeaderValue::try_from(target).unwrap_or(HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_origin_paths_are_followed() {
        for ok in ["/", "/audit?actor=x", "/persons/AZ-1?q=%D0%90", "/a/b#c"] {
            assert_eq!(local_path(ok), Some(ok), "{ok:?}");
        }
        for bad in [
            "",
            "//evil.example/",
            "https://evil.example/",
            "/\\evil.example",
            "/\t/evil.example/",
            "/\n/x",
            "/\r/x",
            "/\u{b}/x",
            "/\0/x",
            "/ /x",
            "/\u{7f}/x",
            "/ü",
            "evil.example",
            "\t//evil.example",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
        assert_eq!(local_or_home(None), "/");
        assert_eq!(local_or_home(Some("/\t/evil.example/")), "/");
    }

    #[test]
    fn a_target_that_is_no_header_goes_home() {
        let res = see_other("/x\ny");
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()[header::LOCATION], "/");
        assert_eq!(
            see_other("/cases/7").headers()[header::LOCATION],
            "/cases/7"
        );
    }
}
