-- SLA warnings and breaches (issue 4), recorded once each and escalated to the owner's team lead.
CREATE TABLE sla_events (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    target TEXT NOT NULL,
    kind TEXT NOT NULL,
    cycle INTEGER NOT NULL DEFAULT 0,
    at INTEGER NOT NULL,
    owner_id INTEGER NOT NULL DEFAULT 0,
    escalated_to INTEGER NOT NULL DEFAULT 0,
    recorded_at INTEGER NOT NULL,
    UNIQUE (ticket_id, target, kind, cycle)
);
CREATE INDEX sla_events_at ON sla_events(at);
CREATE INDEX tickets_created ON tickets(created_at);
