//! How many forecasts each client has running: at most [`PER_CLIENT`] at once, so one client
//! cannot hold every core.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Forecasts one client may run at once.
pub const PER_CLIENT: usize = 2;

/// The running forecasts per client (officer or agency client name).
#[derive(Debug, Clone, Default)]
pub(crate) struct InFlight {
    running: Arc<Mutex<HashMap<String, usize>>>,
}

/// A running forecast's place; dropping it frees the place.
#[derive(Debug)]
pub(crate) struct Slot {
    running: Arc<Mutex<HashMap<String, usize>>>,
    client: String,
}

impl InFlight {
    /// A place for `client`, or `None` when it already runs [`PER_CLIENT`] forecasts.
    pub(crate) fn enter(&self, client: &str) -> Option<Slot> {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        let n = running.entry(client.to_owned()).or_default();
        if *n >= PER_CLIENT {
            return None;
        }
        *n += 1;
        Some(Slot {
            running: self.running.clone(),
            client: client.to_owned(),
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = running.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                running.remove(&self.client);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_places_per_client_freed_on_drop() {
        let f = InFlight::default();
        let a = f.enter("sbs");
        let b = f.enter("sbs");
        assert!(a.is_some() && b.is_some());
        assert!(f.enter("sbs").is_none(), "a third is refused");
        assert!(f.enter("mia").is_some(), "another client is not held up");
        drop(a);
        assert!(f.enter("sbs").is_some(), "a freed place is reused");
        drop(b);
        assert!(f.running.lock().map(|m| m.len()).unwrap_or(9) <= 1);
    }
}
