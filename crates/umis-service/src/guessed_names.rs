//! Failed logins under names no account has, counted in memory like a real account's, so the
//! growing delays and the lockout answer the same whether a name exists or not.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use umis_domain::{LOCKOUT_SECS, login_delay_secs};

/// The most names remembered; past it the oldest are forgotten first.
const MAX_NAMES: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: i32,
    last_at: i64,
    locked_until: Option<i64>,
}

/// Failure counters of guessed names, bounded in memory.
#[derive(Debug, Clone, Default)]
pub(crate) struct GuessedNames {
    names: Arc<Mutex<HashMap<String, Failures>>>,
}

impl GuessedNames {
    /// Until when logins under `name` are refused (Unix µs), if they are at `now`.
    pub(crate) fn locked_until(&self, name: &str, now: i64) -> Option<i64> {
        let names = self.names.lock().unwrap_or_else(|p| p.into_inner());
        names
            .get(&key(name))
            .and_then(|f| f.locked_until)
            .filter(|&u| u > now)
    }

    /// Counts a failed login under `name` at `now`.
    pub(crate) fn record_failure(&self, name: &str, now: i64) {
        let mut names = self.names.lock().unwrap_or_else(|p| p.into_inner());
        let k = key(name);
        if !names.contains_key(&k) && names.len() >= MAX_NAMES {
            forget_oldest(&mut names, now);
        }
        let f = names.entry(k).or_insert(Failures {
            count: 0,
            last_at: now,
            locked_until: None,
        });
        f.count = f.count.saturating_add(1);
        f.last_at = now;
        f.locked_until = login_delay_secs(f.count).map(|s| now + s * 1_000_000);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.names.lock().map(|n| n.len()).unwrap_or_default()
    }
}

/// The key of a name: as the login form trims it, at most 64 characters.
fn key(name: &str) -> String {
    name.trim().chars().take(64).collect()
}

/// Forgets names idle past a lockout, or else the one idle longest.
fn forget_oldest(names: &mut HashMap<String, Failures>, now: i64) {
    names.retain(|_, f| now - f.last_at < LOCKOUT_SECS * 1_000_000);
    if names.len() >= MAX_NAMES
        && let Some(oldest) = names
            .iter()
            .min_by_key(|(_, f)| f.last_at)
            .map(|(k, _)| k.clone())
    {
        names.remove(&oldest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guessed_name_is_delayed_then_locked_as_a_real_one() {
        let g = GuessedNames::default();
        let mut now = 1_000_000_000;
        for failures in 1..=12 {
            g.record_failure("nobody", now);
            let expected = login_delay_secs(failures).map(|s| now + s * 1_000_000);
            assert_eq!(g.locked_until("nobody", now), expected, "{failures}");
            now = expected.unwrap_or(now) + 1;
        }
        assert_eq!(g.locked_until("somebody", now), None);
    }

    #[test]
    fn memory_stays_bounded() {
        let g = GuessedNames::default();
        for i in 0..(MAX_NAMES + 50) {
            g.record_failure(&format!("name{i}"), 1_000 + i as i64);
        }
        assert_eq!(g.len(), MAX_NAMES);
    }
}
