-- Escalation that reaches people (issue 19). duty_leases: a background duty (the escalator) runs on one
-- seat at a time, the one holding the named lease until it lapses; any seat takes over a lapsed one.
-- notifications: what the escalator (or a board) told an agent, shown in their window until read.
CREATE TABLE duty_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until INTEGER NOT NULL
);
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    agent_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    happened_at INTEGER NOT NULL DEFAULT 0,
    ticket_id INTEGER NOT NULL DEFAULT 0,
    customer_id INTEGER NOT NULL DEFAULT 0,
    owner_id INTEGER NOT NULL DEFAULT 0,
    escalated INTEGER NOT NULL DEFAULT 0,
    read_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_unread ON notifications(agent_id, read_at, id);
