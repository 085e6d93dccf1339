-- Kartoteka schema, version 1 (SQLite dialect).
-- Statements end with ';' at the end of a line: the migration runner splits on that.
-- Times are INTEGER seconds since the epoch (UTC); dates are INTEGER days since the epoch;
-- money is INTEGER minor units. Agent references are plain integers (0 = none), not foreign keys:
-- records keep the id of an agent who has since left, and backends name agents we never had.

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    lead_id INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE agents (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    team_id INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL DEFAULT '',
    middle_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    manager_id INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE customer_phones (
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    e164 TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (customer_id, e164)
);
CREATE INDEX customer_phones_e164 ON customer_phones(e164);

CREATE TABLE customer_emails (
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (customer_id, email)
);
CREATE INDEX customer_emails_email ON customer_emails(email);

CREATE TABLE customer_refs (
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    system TEXT NOT NULL,
    external_id TEXT NOT NULL,
    UNIQUE (system, external_id)
);
CREATE INDEX customer_refs_customer ON customer_refs(customer_id);

-- Folded-case name keys ("иванов", "иванов иван", "иван иванов") for indexed prefix search.
CREATE TABLE customer_name_keys (
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    name_key TEXT NOT NULL
);
CREATE INDEX customer_name_keys_key ON customer_name_keys(name_key, customer_id);
CREATE INDEX customer_name_keys_customer ON customer_name_keys(customer_id);

CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    placed_at INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    product TEXT NOT NULL DEFAULT '',
    source_system TEXT NOT NULL DEFAULT 'local',
    external_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX orders_customer ON orders(customer_id, placed_at);
CREATE INDEX orders_placed ON orders(placed_at);

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    direction TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    agent_id INTEGER NOT NULL DEFAULT 0,
    agent_name TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    source_system TEXT NOT NULL DEFAULT 'local',
    external_id TEXT NOT NULL DEFAULT ''
);
-- The timeline is read newest first, a page at a time.
CREATE INDEX interactions_timeline ON interactions(customer_id, occurred_at DESC, id DESC);

CREATE TABLE offers (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    channel TEXT NOT NULL,
    valid_from INTEGER NOT NULL DEFAULT 0,
    valid_until INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'regular',
    discount_percent INTEGER NOT NULL DEFAULT 0,
    assignee_id INTEGER NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL DEFAULT '',
    next_step_kind TEXT NOT NULL DEFAULT 'none',
    next_step_at INTEGER NOT NULL DEFAULT 0,
    next_step_address TEXT NOT NULL DEFAULT '',
    next_step_note TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL DEFAULT 0,
    source_system TEXT NOT NULL DEFAULT 'local',
    external_id TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX offers_customer ON offers(customer_id);

CREATE TABLE preferences (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    allowed_channels TEXT NOT NULL DEFAULT '',
    preferred_channel TEXT NOT NULL DEFAULT '',
    written_only INTEGER NOT NULL DEFAULT 0,
    do_not_call INTEGER NOT NULL DEFAULT 0,
    calls_themselves INTEGER NOT NULL DEFAULT 0,
    quiet_from INTEGER NOT NULL DEFAULT 0,
    quiet_to INTEGER NOT NULL DEFAULT 0,
    timezone TEXT NOT NULL DEFAULT '',
    unsubscribed TEXT NOT NULL DEFAULT '',
    irritants TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    problem_type TEXT NOT NULL,
    severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
    cause TEXT NOT NULL DEFAULT 'unknown',
    owner_id INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    calendar TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    first_response_at INTEGER NOT NULL DEFAULT 0,
    resolved_at INTEGER NOT NULL DEFAULT 0,
    source_system TEXT NOT NULL DEFAULT 'local',
    external_id TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tickets_customer ON tickets(customer_id);
CREATE INDEX tickets_status ON tickets(status);

CREATE TABLE ticket_events (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    at INTEGER NOT NULL,
    agent_id INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, at);

CREATE TABLE service_contacts (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    due INTEGER NOT NULL,
    assignee_id INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'planned',
    outcome TEXT NOT NULL DEFAULT '',
    done_at INTEGER NOT NULL DEFAULT 0,
    satisfaction INTEGER NOT NULL DEFAULT 0,
    free_text TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT ''
);
CREATE INDEX service_contacts_due ON service_contacts(assignee_id, status, due);
CREATE INDEX service_contacts_customer ON service_contacts(customer_id);

CREATE TABLE lifecycle_events (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    at INTEGER NOT NULL,
    reason TEXT NOT NULL DEFAULT 'other',
    agent_id INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX lifecycle_events_customer ON lifecycle_events(customer_id, at);
