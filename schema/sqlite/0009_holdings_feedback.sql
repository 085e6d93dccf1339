-- What customers hold and what they said of us (issue 20). A holding's number is stored masked (the
-- connector or the writer masks it before it gets here); the balance is minor units with its currency,
-- NULL when the holding has none (a tariff, a service). Dates are days since 1970-01-01, 0 = unknown.
CREATE TABLE holdings (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    product TEXT NOT NULL,
    number TEXT NOT NULL DEFAULT '',
    balance_minor INTEGER,
    currency TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active',
    opened INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0,
    as_of INTEGER NOT NULL DEFAULT 0,
    source_system TEXT NOT NULL DEFAULT 'local',
    external_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX holdings_customer ON holdings(customer_id);

-- Ratings from contacts, reviews and surveys (003): the satisfaction index's inputs.
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    text TEXT NOT NULL DEFAULT '',
    at INTEGER NOT NULL DEFAULT 0,
    source_system TEXT NOT NULL DEFAULT 'local',
    external_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX feedback_customer ON feedback(customer_id);
