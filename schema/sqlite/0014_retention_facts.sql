-- Retention report (issue 19): each customer's latest order and currency, kept by the database itself.
-- The report for a year of a million customers must not read every order: "customers at the start of
-- a period, per currency" and "sleeping since" need only these two facts per customer. Triggers keep
-- them, so every writer (the desk, the bulk writer, a directory sync) is covered without knowing of it.
-- currency: of the latest order that names one ('' when none did: read as the centre's currency);
-- currency_at: when that order was placed (-1 when none).
CREATE TABLE customer_order_facts (
    customer_id INTEGER PRIMARY KEY,
    last_order_at INTEGER NOT NULL,
    currency TEXT NOT NULL DEFAULT '',
    currency_at INTEGER NOT NULL DEFAULT -1
);

INSERT INTO customer_order_facts(customer_id, last_order_at, currency, currency_at)
SELECT o.customer_id, MAX(o.placed_at), '', -1 FROM orders o GROUP BY o.customer_id;
UPDATE customer_order_facts SET
    currency = COALESCE((SELECT o.currency FROM orders o WHERE o.customer_id = customer_order_facts.customer_id
                         AND o.currency <> '' ORDER BY o.placed_at DESC, o.id LIMIT 1), ''),
    currency_at = COALESCE((SELECT MAX(o.placed_at) FROM orders o WHERE o.customer_id = customer_order_facts.customer_id
                            AND o.currency <> ''), -1);

-- An order never moves back in time: a newer one only raises the two dates (the same rule as
-- card::customer_currency, the latest order naming a currency decides).
CREATE TRIGGER orders_facts_insert AFTER INSERT ON orders BEGIN
    INSERT INTO customer_order_facts(customer_id, last_order_at, currency, currency_at)
    VALUES (NEW.customer_id, NEW.placed_at, NEW.currency, CASE WHEN NEW.currency <> '' THEN NEW.placed_at ELSE -1 END)
    ON CONFLICT(customer_id) DO UPDATE SET
        last_order_at = MAX(last_order_at, excluded.last_order_at),
        currency = CASE WHEN excluded.currency_at > currency_at THEN excluded.currency ELSE currency END,
        currency_at = MAX(currency_at, excluded.currency_at); END;

-- (The migration runner ends a statement at a line ending in ';': a trigger's inner statements end mid-line.)
-- Deleting an order (or its customer) is rare: the customer's facts are counted again from the orders left.
CREATE TRIGGER orders_facts_delete AFTER DELETE ON orders BEGIN
    DELETE FROM customer_order_facts WHERE customer_id = OLD.customer_id; INSERT INTO customer_order_facts(
        customer_id, last_order_at, currency, currency_at)
    SELECT o.customer_id, MAX(o.placed_at),
           COALESCE((SELECT c.currency FROM orders c WHERE c.customer_id = o.customer_id AND c.currency <> ''
                     ORDER BY c.placed_at DESC, c.id LIMIT 1), ''),
           COALESCE((SELECT MAX(c.placed_at) FROM orders c WHERE c.customer_id = o.customer_id AND c.currency <> ''), -1)
    FROM orders o WHERE o.customer_id = OLD.customer_id GROUP BY o.customer_id; END;

-- The report counts customers created before each period's start.
CREATE INDEX customers_created ON customers(created_at);
