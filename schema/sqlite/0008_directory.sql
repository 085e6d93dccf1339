-- Directory sync (issue 15): customers copied from a backend's list into the local index, and where
-- each backend's next incremental run starts.
-- A customer row that a sync created (not one an agent or a pop made): shown as a synced copy, with
-- its age, and replaced by the next sync; a local record linked to the backend is never overwritten.
CREATE TABLE directory_copies (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    system TEXT NOT NULL,
    synced_at INTEGER NOT NULL
);
CREATE INDEX directory_copies_system ON directory_copies(system);
-- One row per backend: its cursor (moved only in the transaction that stores the rows read up to it)
-- and its last complete run.
CREATE TABLE directory_sources (
    system TEXT PRIMARY KEY,
    cursor TEXT NOT NULL DEFAULT '',
    last_run_at INTEGER NOT NULL DEFAULT 0,
    last_batch_at INTEGER NOT NULL DEFAULT 0,
    last_summary TEXT NOT NULL DEFAULT ''
);
