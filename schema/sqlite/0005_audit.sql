-- Audit log (SQLite): who opened which customer's card and who changed what. Append-only: the
-- triggers refuse UPDATE and DELETE, so not even a bug in Kartoteka can rewrite history.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    agent_id INTEGER NOT NULL DEFAULT 0,
    action TEXT NOT NULL,
    customer_id INTEGER NOT NULL DEFAULT 0,
    entity TEXT NOT NULL DEFAULT '',
    entity_id INTEGER NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_customer ON audit_log(customer_id, at);
CREATE INDEX audit_log_agent ON audit_log(agent_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
