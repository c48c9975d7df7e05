-- Enforcement: expulsion orders (R21) tracked until the person's exit fulfils them, with the
-- entry ban each order carries (R19, in watch_entries), and alerts raised while ingesting
-- border events (an entry by a person under an active ban).

CREATE TABLE expulsion_orders (
    person_id           INTEGER NOT NULL,
    order_id            INTEGER NOT NULL,
    -- MIA, SMS or COURT.
    issuing_body        TEXT NOT NULL,
    grounds             TEXT NOT NULL,
    decision_ref        TEXT,
    -- When the person was informed (Unix µs); the departure deadline counts from it.
    informed_at         INTEGER NOT NULL,
    departure_deadline  INTEGER NOT NULL,
    destination         TEXT,
    ban_years           INTEGER NOT NULL,
    ban_entry_id        INTEGER,
    -- pending, fulfilled or cancelled.
    status              TEXT NOT NULL,
    fulfilled_by_event  TEXT,
    fulfilled_at        INTEGER,
    created_at          INTEGER NOT NULL,
    created_by          TEXT NOT NULL,
    PRIMARY KEY (person_id, order_id)
);
CREATE INDEX expulsion_orders_pending ON expulsion_orders(departure_deadline) WHERE status = 'pending';

CREATE TABLE control_alerts (
    person_id    INTEGER NOT NULL,
    alert_id     INTEGER NOT NULL,
    -- banned_entry.
    kind         TEXT NOT NULL,
    event_id     TEXT,
    entry_id     INTEGER,
    occurred_on  TEXT NOT NULL,
    bcp          TEXT,
    created_at   INTEGER NOT NULL,
    closed_at    INTEGER,
    closed_by    TEXT,
    PRIMARY KEY (person_id, alert_id)
);
CREATE INDEX control_alerts_open ON control_alerts(created_at) WHERE closed_at IS NULL;
