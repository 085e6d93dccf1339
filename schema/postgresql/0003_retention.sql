-- Kartoteka schema, version 3 (PostgreSQL dialect): what the retention rules need beyond the order history.
-- Value traits the orders cannot tell: margin, reference status, payment and behaviour flags.
-- margin_percent is NULL when unknown, so the margin criteria are skipped rather than guessed.

CREATE TABLE customer_traits (
    customer_id BIGINT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    margin_percent INTEGER,
    is_reference INTEGER NOT NULL DEFAULT 0,
    pays_late INTEGER NOT NULL DEFAULT 0,
    demands_too_much INTEGER NOT NULL DEFAULT 0,
    rude INTEGER NOT NULL DEFAULT 0,
    supplier_hopper INTEGER NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL DEFAULT 0
);

-- The churn report and the win-back run read every loss at once.
CREATE INDEX lifecycle_events_at ON lifecycle_events(at);
