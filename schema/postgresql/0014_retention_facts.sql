-- Retention report (issue 19): each customer's latest order and currency, kept by the database itself.
-- The report for a year of a million customers must not read every order: "customers at the start of
-- a period, per currency" and "sleeping since" need only these two facts per customer. Triggers keep
-- them, so every writer (the desk, the bulk writer, a directory sync) is covered without knowing of it.
-- currency: of the latest order that names one ('' when none did: read as the centre's currency);
-- currency_at: when that order was placed (-1 when none).
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);

CREATE TABLE customer_order_facts (
    customer_id BIGINT PRIMARY KEY,
    last_order_at BIGINT NOT NULL,
    currency TEXT NOT NULL DEFAULT '',
    currency_at BIGINT NOT NULL DEFAULT -1
);

INSERT INTO customer_order_facts(customer_id, last_order_at, currency, currency_at)
SELECT o.customer_id, MAX(o.placed_at), '', -1 FROM orders o GROUP BY o.customer_id;
UPDATE customer_order_facts f SET currency = l.currency, currency_at = l.placed_at
FROM (SELECT DISTINCT ON (customer_id) customer_id, currency, placed_at FROM orders WHERE currency <> ''
      ORDER BY customer_id, placed_at DESC, id) l
WHERE l.customer_id = f.customer_id;

-- An order never moves back in time: a newer one only raises the two dates (the same rule as
-- card::customer_currency, the latest order naming a currency decides). SECURITY DEFINER: every seat
-- that records an order keeps the facts, whatever it may write itself.
CREATE FUNCTION kartoteka_order_facts_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO customer_order_facts AS f(customer_id, last_order_at, currency, currency_at)
    VALUES (NEW.customer_id, NEW.placed_at, NEW.currency, CASE WHEN NEW.currency <> '' THEN NEW.placed_at ELSE -1 END)
    ON CONFLICT (customer_id) DO UPDATE SET
        last_order_at = GREATEST(f.last_order_at, EXCLUDED.last_order_at),
        currency = CASE WHEN EXCLUDED.currency_at > f.currency_at THEN EXCLUDED.currency ELSE f.currency END,
        currency_at = GREATEST(f.currency_at, EXCLUDED.currency_at);
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_order_facts_insert() FROM PUBLIC;
CREATE TRIGGER orders_facts_insert AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION kartoteka_order_facts_insert();

-- Deleting an order (or its customer) is rare: the customer's facts are counted again from the orders left.
CREATE FUNCTION kartoteka_order_facts_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM customer_order_facts WHERE customer_id = OLD.customer_id;
    INSERT INTO customer_order_facts(customer_id, last_order_at, currency, currency_at)
    SELECT o.customer_id, MAX(o.placed_at),
           COALESCE((SELECT c.currency FROM orders c WHERE c.customer_id = o.customer_id AND c.currency <> ''
                     ORDER BY c.placed_at DESC, c.id LIMIT 1), ''),
           COALESCE((SELECT MAX(c.placed_at) FROM orders c WHERE c.customer_id = o.customer_id AND c.currency <> ''), -1)
    FROM orders o WHERE o.customer_id = OLD.customer_id GROUP BY o.customer_id;
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_order_facts_delete() FROM PUBLIC;
CREATE TRIGGER orders_facts_delete AFTER DELETE ON orders FOR EACH ROW EXECUTE FUNCTION kartoteka_order_facts_delete();

-- The report counts customers created before each period's start.
CREATE INDEX customers_created ON customers(created_at);
