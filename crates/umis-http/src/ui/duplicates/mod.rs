//! Duplicate review in the back office: the queue of likely pairs, a side-by-side comparison
//! with merge and "not a duplicate" decisions, and the administrators' list of merges to undo.

mod compare;
mod compare_rows;
mod decisions;
mod merges;
mod queue;

pub(crate) use compare::compare;
pub(crate) use decisions::{dismiss, merge, reopen};
pub(crate) use merges::{merges, undo_merge};
pub(crate) use queue::queue;
