//! When each API token's last use was written, so that a use is written once a minute at most.

/// When this process last wrote each token's last use (Unix µs).
#[derive(Debug, Clone, Default)]
pub(crate) struct TokenTouches {
    last: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<i64, i64>>>,
}

impl TokenTouches {
    /// Whether token `id`'s use at `now` is to be written: once a minute at most.
    pub(crate) fn due(&self, id: i64, now: i64) -> bool {
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        match last.get(&id) {
            Some(&at) if now - at < 60_000_000 => false,
            _ => {
                last.insert(id, now);
                true
            }
        }
    }
}

#[cfg(test)]
mod touch_tests {
    use super::TokenTouches;

    #[test]
    fn a_use_is_written_once_a_minute() {
        let t = TokenTouches::default();
        assert!(t.due(1, 0));
        assert!(!t.due(1, 59_000_000));
        assert!(t.due(2, 59_000_000));
        assert!(t.due(1, 60_000_000));
    }
}
