//! The stays of persons computed afresh from their stored events, permits and nationalities.

use super::*;

impl Services {
    /// The stays of `persons` from their stored events (and those of records merged into them).
    pub(crate) async fn recompute_stays(
        &self,
        persons: &[i64],
    ) -> Result<Vec<umis_store::StayRow>, ServiceError> {
        let stored = self.store.stay_events_of(persons).await?;
        let permits = self.store.permits_of(persons).await?;
        let registered = self.store.nationalities_of(persons).await?;
        let mut events: HashMap<i64, Vec<&BorderEvent>> = HashMap::new();
        for e in &stored {
            events.entry(e.person_id).or_default().push(e);
        }
        let mut nats: HashMap<i64, Vec<String>> = HashMap::new();
        for (p, c) in registered {
            nats.entry(p).or_default().push(c);
        }
        let mut held: HashMap<i64, Vec<&umis_store::PermitRecord>> = HashMap::new();
        for p in &permits {
            held.entry(p.person_id).or_default().push(p);
        }
        let mut out = Vec::new();
        for &pid in persons {
            let mut mine = events.remove(&pid).unwrap_or_default();
            mine.sort_by(|a, b| (a.occurred_at, &a.event_id).cmp(&(b.occurred_at, &b.event_id)));
            let mut n = nats.remove(&pid).unwrap_or_default();
            for e in &mine {
                if let Some(c) = &e.nationality
                    && !n.contains(c)
                {
                    n.push(c.clone());
                }
            }
            let my_permits = held.remove(&pid).unwrap_or_default();
            out.extend(stay_rows(pid, &mine, &n, &my_permits, &self.policies));
        }
        Ok(out)
    }
}
