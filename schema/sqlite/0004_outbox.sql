-- Kartoteka schema, version 4 (SQLite dialect): the durable outbox of write-backs to backends.
-- A row is written with (or right after) the agent's own record and deleted never: delivered rows
-- stay as the audit of what went where. idempotency_key is sent on every attempt so a backend that
-- got a request whose answer was lost drops the repeat.

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    target TEXT NOT NULL,
    kind TEXT NOT NULL,
    customer_id INTEGER NOT NULL DEFAULT 0,
    local_ref TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    remote_id TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    delivered_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
