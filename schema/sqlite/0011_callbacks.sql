-- Callbacks at a time the customer asked for (issue 18), owned by the agent who promised them, and the
-- wrap-up disposition of a logged contact (a code from the configuration's wrap_up.dispositions).
CREATE TABLE callbacks (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    agent_id INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    created_by INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    offer_id INTEGER NOT NULL DEFAULT 0,
    interaction_id INTEGER NOT NULL DEFAULT 0,
    reminded_at INTEGER NOT NULL DEFAULT 0,
    closed_at INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0
);
-- An agent's list and their reminders read open callbacks by owner and time.
CREATE INDEX callbacks_agent_due ON callbacks(agent_id, status, due_at);
CREATE INDEX callbacks_customer ON callbacks(customer_id);
ALTER TABLE interactions ADD COLUMN disposition TEXT NOT NULL DEFAULT '';
