-- Retention report (issue 19), version 15: each loss's own figures, kept by the database itself, so a
-- year of a million customers is read from one table instead of counting the orders of every customer
-- lost or won back. One row per 'lost' record:
--   back               the first order after the loss (any currency; 0: none yet), the return (000)
--   currency           the customer's currency now (the latest order naming one, as customer_order_facts)
--   one_currency       1 when every order of the customer carries the same currency text: then every
--                      figure below, counted over all orders, is the figure in the customer's currency
--                      whatever the centre's is; 0: the report counts that customer's orders itself
--   orders_before, amount_before, first_before   orders placed up to the loss: count, sum, the earliest
--   recent             the times of the orders in the 400 days up to the loss ("t1 t2 ..."): the
--                      payments in any period-long window before it, for periods up to 400 days
--   first_amount       the orders placed at `back`
--   year_before        orders in the 365 days up to the loss; year_after: in the 365 days from `back`;
--   complaints         tickets opened in those 365 days from `back` (a year other than 365 days, as set
--                      by retention.lifecycle.returned_sensitive_days, is counted from the orders)
-- Setting `stale` recounts a row (the one place the figures are written); every order, ticket and
-- loss record of the customer sets it.
CREATE TABLE loss_facts (
    event_id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    reason TEXT NOT NULL,
    back INTEGER NOT NULL DEFAULT 0,
    currency TEXT NOT NULL DEFAULT '',
    one_currency INTEGER NOT NULL DEFAULT 1,
    orders_before INTEGER NOT NULL DEFAULT 0,
    amount_before INTEGER NOT NULL DEFAULT 0,
    first_before INTEGER NOT NULL DEFAULT 0,
    recent TEXT NOT NULL DEFAULT '',
    first_amount INTEGER NOT NULL DEFAULT 0,
    year_before INTEGER NOT NULL DEFAULT 0,
    year_after INTEGER NOT NULL DEFAULT 0,
    complaints INTEGER NOT NULL DEFAULT 0,
    stale INTEGER NOT NULL DEFAULT 0
);
-- The report reads the table whole (most losses matter to a year); the triggers reach a customer's rows.
CREATE INDEX loss_facts_customer ON loss_facts(customer_id, at);

-- (The migration runner ends a statement at a line ending in ';': a trigger's inner statements end mid-line.)
CREATE TRIGGER loss_facts_recount AFTER UPDATE OF stale ON loss_facts BEGIN
    UPDATE loss_facts SET back = COALESCE((SELECT MIN(o.placed_at) FROM orders o WHERE o.customer_id = NEW.customer_id
        AND o.placed_at > NEW.at), 0) WHERE event_id = NEW.event_id; UPDATE loss_facts SET
        currency = COALESCE((SELECT o.currency FROM orders o WHERE o.customer_id = NEW.customer_id AND o.currency <> ''
                             ORDER BY o.placed_at DESC, o.id LIMIT 1), ''),
        one_currency = (SELECT COUNT(DISTINCT o.currency) FROM orders o WHERE o.customer_id = NEW.customer_id) <= 1,
        orders_before = (SELECT COUNT(*) FROM orders o WHERE o.customer_id = NEW.customer_id AND o.placed_at <= NEW.at),
        amount_before = (SELECT COALESCE(SUM(o.amount), 0) FROM orders o WHERE o.customer_id = NEW.customer_id
                         AND o.placed_at <= NEW.at),
        first_before = (SELECT COALESCE(MIN(o.placed_at), 0) FROM orders o WHERE o.customer_id = NEW.customer_id
                        AND o.placed_at <= NEW.at),
        recent = (SELECT COALESCE(group_concat(o.placed_at, ' '), '') FROM orders o WHERE o.customer_id = NEW.customer_id
                  AND o.placed_at >= NEW.at - 34560000 AND o.placed_at <= NEW.at),
        first_amount = (SELECT COALESCE(SUM(o.amount), 0) FROM orders o WHERE o.customer_id = NEW.customer_id
                        AND loss_facts.back <> 0 AND o.placed_at = loss_facts.back),
        year_before = (SELECT COALESCE(SUM(o.amount), 0) FROM orders o WHERE o.customer_id = NEW.customer_id
                       AND o.placed_at >= NEW.at - 31536000 AND o.placed_at <= NEW.at),
        year_after = (SELECT COALESCE(SUM(o.amount), 0) FROM orders o WHERE o.customer_id = NEW.customer_id
                      AND loss_facts.back <> 0 AND o.placed_at >= loss_facts.back
                      AND o.placed_at <= loss_facts.back + 31535999),
        complaints = (SELECT COUNT(*) FROM tickets t WHERE t.customer_id = NEW.customer_id AND loss_facts.back <> 0
                      AND t.created_at >= loss_facts.back AND t.created_at <= loss_facts.back + 31535999)
    WHERE event_id = NEW.event_id; END;

CREATE TRIGGER lifecycle_loss_insert AFTER INSERT ON lifecycle_events WHEN NEW.kind = 'lost' BEGIN
    INSERT INTO loss_facts(event_id, customer_id, at, reason) VALUES (NEW.id, NEW.customer_id, NEW.at, NEW.reason); UPDATE
        loss_facts SET stale = 1 WHERE event_id = NEW.id; END;
CREATE TRIGGER lifecycle_loss_delete AFTER DELETE ON lifecycle_events WHEN OLD.kind = 'lost' BEGIN
    DELETE FROM loss_facts WHERE event_id = OLD.id; END;
-- A customer without losses costs an order one probe of loss_facts_customer.
CREATE TRIGGER orders_loss_insert AFTER INSERT ON orders BEGIN
    UPDATE loss_facts SET stale = 1 WHERE customer_id = NEW.customer_id; END;
CREATE TRIGGER orders_loss_delete AFTER DELETE ON orders BEGIN
    UPDATE loss_facts SET stale = 1 WHERE customer_id = OLD.customer_id; END;
CREATE TRIGGER tickets_loss_insert AFTER INSERT ON tickets BEGIN
    UPDATE loss_facts SET stale = 1 WHERE customer_id = NEW.customer_id; END;
CREATE TRIGGER tickets_loss_delete AFTER DELETE ON tickets BEGIN
    UPDATE loss_facts SET stale = 1 WHERE customer_id = OLD.customer_id; END;

INSERT INTO loss_facts(event_id, customer_id, at, reason)
SELECT id, customer_id, at, reason FROM lifecycle_events WHERE kind = 'lost';
UPDATE loss_facts SET stale = 1;

-- Customers at each period's start, per currency, and asleep now, per currency: counted from index
-- ranges, never by reading every customer. created_at is the customer's (it never changes).
ALTER TABLE customer_order_facts ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
UPDATE customer_order_facts SET created_at = COALESCE((SELECT c.created_at FROM customers c
                                                       WHERE c.id = customer_order_facts.customer_id), 0);
-- The same rule as before, in three statements so that an index holding `currency` is rewritten only
-- when the currency really changes (rarely), not at every order: the last order's time, then the time
-- of the currency's latest order, then a change of currency. An older order changes nothing.
DROP TRIGGER orders_facts_insert;
CREATE TRIGGER orders_facts_insert AFTER INSERT ON orders BEGIN
    INSERT INTO customer_order_facts(customer_id, last_order_at, currency, currency_at, created_at)
    VALUES (NEW.customer_id, NEW.placed_at, NEW.currency, CASE WHEN NEW.currency <> '' THEN NEW.placed_at ELSE -1 END,
            COALESCE((SELECT c.created_at FROM customers c WHERE c.id = NEW.customer_id), 0))
    ON CONFLICT(customer_id) DO UPDATE SET last_order_at = excluded.last_order_at
    WHERE excluded.last_order_at > last_order_at; UPDATE customer_order_facts SET currency_at = NEW.placed_at
    WHERE customer_id = NEW.customer_id AND NEW.currency <> '' AND currency = NEW.currency AND NEW.placed_at > currency_at; UPDATE
        customer_order_facts SET currency = NEW.currency, currency_at = NEW.placed_at
    WHERE customer_id = NEW.customer_id AND NEW.currency <> '' AND currency <> NEW.currency AND NEW.placed_at > currency_at; END;
DROP TRIGGER orders_facts_delete;
CREATE TRIGGER orders_facts_delete AFTER DELETE ON orders BEGIN
    DELETE FROM customer_order_facts WHERE customer_id = OLD.customer_id; INSERT INTO customer_order_facts(
        customer_id, last_order_at, currency, currency_at, created_at)
    SELECT o.customer_id, MAX(o.placed_at),
           COALESCE((SELECT c.currency FROM orders c WHERE c.customer_id = o.customer_id AND c.currency <> ''
                     ORDER BY c.placed_at DESC, c.id LIMIT 1), ''),
           COALESCE((SELECT MAX(c.placed_at) FROM orders c WHERE c.customer_id = o.customer_id AND c.currency <> ''), -1),
           COALESCE((SELECT c.created_at FROM customers c WHERE c.id = o.customer_id), 0)
    FROM orders o WHERE o.customer_id = OLD.customer_id GROUP BY o.customer_id; END;
CREATE INDEX customer_order_facts_created ON customer_order_facts(currency, created_at);
CREATE INDEX customer_order_facts_last ON customer_order_facts(currency, last_order_at);
-- The refused, read at every report.
CREATE INDEX lifecycle_events_refused ON lifecycle_events(at, customer_id) WHERE kind = 'do_not_retain';
