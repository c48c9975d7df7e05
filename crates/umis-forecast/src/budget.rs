//! How much work a forecast may do: a deadline and a cancellation flag, checked between model
//! fits, so a caller that gives up (a request timed out, a client went away) stops the work.

use crate::error::SeriesError;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// A deadline and a flag the caller may raise; both are checked between model fits.
#[derive(Debug, Clone, Default)]
pub struct Budget {
    deadline: Option<Instant>,
    limit: Option<Duration>,
    cancelled: Option<Arc<AtomicBool>>,
}

impl Budget {
    /// No limit: the forecast runs to its end.
    pub fn unlimited() -> Self {
        Self::default()
    }

    /// At most `limit` from now.
    pub fn within(limit: Duration) -> Self {
        Self {
            deadline: Instant::now().checked_add(limit),
            limit: Some(limit),
            cancelled: None,
        }
    }

    /// Also stops as soon as `flag` is raised.
    pub fn cancelled_by(mut self, flag: Arc<AtomicBool>) -> Self {
        self.cancelled = Some(flag);
        self
    }

    /// `Err` once the deadline has passed or the flag was raised.
    pub fn check(&self) -> Result<(), SeriesError> {
        let cancelled = self
            .cancelled
            .as_ref()
            .is_some_and(|f| f.load(Ordering::Relaxed));
        let late = self.deadline.is_some_and(|d| Instant::now() >= d);
        if cancelled || late {
            return Err(SeriesError::OutOfTime {
                seconds: self.limit.map_or(0, |l| l.as_secs()),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_ends_at_its_deadline_or_flag() {
        assert!(Budget::unlimited().check().is_ok());
        assert!(Budget::within(Duration::from_secs(60)).check().is_ok());
        let spent = Budget::within(Duration::ZERO);
        assert_eq!(spent.check().map_err(|e| e.code()), Err("out_of_time"));
        let flag = Arc::new(AtomicBool::new(false));
        let b = Budget::unlimited().cancelled_by(flag.clone());
        assert!(b.check().is_ok());
        flag.store(true, Ordering::Relaxed);
        assert!(b.check().is_err());
    }
}
