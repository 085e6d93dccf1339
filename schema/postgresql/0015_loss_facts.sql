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
-- kartoteka_loss_facts_recount is the one place the figures are written; every order, ticket and loss
-- record of the customer calls it (`stale` is the SQLite dialect's way to the same single place).
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);

CREATE TABLE loss_facts (
    event_id BIGINT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    at BIGINT NOT NULL,
    reason TEXT NOT NULL,
    back BIGINT NOT NULL DEFAULT 0,
    currency TEXT NOT NULL DEFAULT '',
    one_currency BOOLEAN NOT NULL DEFAULT TRUE,
    orders_before BIGINT NOT NULL DEFAULT 0,
    amount_before BIGINT NOT NULL DEFAULT 0,
    first_before BIGINT NOT NULL DEFAULT 0,
    recent TEXT NOT NULL DEFAULT '',
    first_amount BIGINT NOT NULL DEFAULT 0,
    year_before BIGINT NOT NULL DEFAULT 0,
    year_after BIGINT NOT NULL DEFAULT 0,
    complaints BIGINT NOT NULL DEFAULT 0,
    stale INTEGER NOT NULL DEFAULT 0
);
-- The report reads the table whole (most losses matter to a year); the triggers reach a customer's rows.
CREATE INDEX loss_facts_customer ON loss_facts(customer_id, at);

-- The one place the figures are written: every loss row of one customer. SECURITY DEFINER: every seat
-- that records an order, a ticket or a loss keeps them, whatever it may write itself.
CREATE FUNCTION kartoteka_loss_facts_recount(c BIGINT) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE loss_facts l SET back = COALESCE((SELECT MIN(o.placed_at) FROM orders o WHERE o.customer_id = c
                                             AND o.placed_at > l.at), 0)
    WHERE l.customer_id = c;
    UPDATE loss_facts l SET
        currency = COALESCE((SELECT o.currency FROM orders o WHERE o.customer_id = c AND o.currency <> ''
                             ORDER BY o.placed_at DESC, o.id LIMIT 1), ''),
        one_currency = (SELECT COUNT(DISTINCT o.currency) FROM orders o WHERE o.customer_id = c) <= 1,
        orders_before = (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c AND o.placed_at <= l.at),
        amount_before = (SELECT COALESCE(SUM(o.amount), 0) FROM orders o WHERE o.customer_id = c AND o.placed_at <= l.at),
        first_before = (SELECT COALESCE(MIN(o.placed_at), 0) FROM orders o WHERE o.customer_id = c AND o.placed_at <= l.at),
        recent = (SELECT COALESCE(string_agg(o.placed_at::text, ' '), '') FROM orders o WHERE o.customer_id = c
                  AND o.placed_at >= l.at - 34560000 AND o.placed_at <= l.at),
        first_amount = (SELECT COALESCE(SUM(o.amount), 0) FROM orders o WHERE o.customer_id = c AND l.back <> 0
                        AND o.placed_at = l.back),
        year_before = (SELECT COALESCE(SUM(o.amount), 0) FROM orders o WHERE o.customer_id = c
                       AND o.placed_at >= l.at - 31536000 AND o.placed_at <= l.at),
        year_after = (SELECT COALESCE(SUM(o.amount), 0) FROM orders o WHERE o.customer_id = c AND l.back <> 0
                      AND o.placed_at >= l.back AND o.placed_at <= l.back + 31535999),
        complaints = (SELECT COUNT(*) FROM tickets t WHERE t.customer_id = c AND l.back <> 0
                      AND t.created_at >= l.back AND t.created_at <= l.back + 31535999)
    WHERE l.customer_id = c;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_loss_facts_recount(BIGINT) FROM PUBLIC;

CREATE FUNCTION kartoteka_loss_facts_lifecycle() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM loss_facts WHERE event_id = OLD.id;
        RETURN NULL;
    END IF;
    INSERT INTO loss_facts(event_id, customer_id, at, reason) VALUES (NEW.id, NEW.customer_id, NEW.at, NEW.reason);
    PERFORM kartoteka_loss_facts_recount(NEW.customer_id);
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_loss_facts_lifecycle() FROM PUBLIC;
CREATE TRIGGER lifecycle_loss_insert AFTER INSERT ON lifecycle_events FOR EACH ROW WHEN (NEW.kind = 'lost')
    EXECUTE FUNCTION kartoteka_loss_facts_lifecycle();
CREATE TRIGGER lifecycle_loss_delete AFTER DELETE ON lifecycle_events FOR EACH ROW WHEN (OLD.kind = 'lost')
    EXECUTE FUNCTION kartoteka_loss_facts_lifecycle();

-- An order or a ticket of a customer without losses costs one probe of loss_facts_customer.
CREATE FUNCTION kartoteka_loss_facts_touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    c BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN c := OLD.customer_id; ELSE c := NEW.customer_id; END IF;
    IF EXISTS (SELECT 1 FROM loss_facts WHERE customer_id = c) THEN
        PERFORM kartoteka_loss_facts_recount(c);
    END IF;
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_loss_facts_touch() FROM PUBLIC;
CREATE TRIGGER orders_loss_insert AFTER INSERT OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION kartoteka_loss_facts_touch();
CREATE TRIGGER tickets_loss_insert AFTER INSERT OR DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION kartoteka_loss_facts_touch();

INSERT INTO loss_facts(event_id, customer_id, at, reason)
SELECT id, customer_id, at, reason FROM lifecycle_events WHERE kind = 'lost';
SELECT kartoteka_loss_facts_recount(c.customer_id) FROM (SELECT DISTINCT customer_id FROM loss_facts) c;

-- Customers at each period's start, per currency, and asleep now, per currency: counted from index
-- ranges, never by reading every customer. created_at is the customer's (it never changes).
ALTER TABLE customer_order_facts ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
UPDATE customer_order_facts f SET created_at = c.created_at FROM customers c WHERE c.id = f.customer_id;
-- The same rule as before, in three statements so that an index holding `currency` is rewritten only
-- when the currency really changes (rarely), not at every order: the last order's time, then the time
-- of the currency's latest order, then a change of currency. An older order changes nothing.
CREATE OR REPLACE FUNCTION kartoteka_order_facts_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO customer_order_facts AS f(customer_id, last_order_at, currency, currency_at, created_at)
    VALUES (NEW.customer_id, NEW.placed_at, NEW.currency, CASE WHEN NEW.currency <> '' THEN NEW.placed_at ELSE -1 END,
            COALESCE((SELECT c.created_at FROM customers c WHERE c.id = NEW.customer_id), 0))
    ON CONFLICT (customer_id) DO UPDATE SET last_order_at = EXCLUDED.last_order_at
    WHERE EXCLUDED.last_order_at > f.last_order_at;
    IF NEW.currency <> '' THEN
        UPDATE customer_order_facts SET currency_at = NEW.placed_at
        WHERE customer_id = NEW.customer_id AND currency = NEW.currency AND NEW.placed_at > currency_at;
        UPDATE customer_order_facts SET currency = NEW.currency, currency_at = NEW.placed_at
        WHERE customer_id = NEW.customer_id AND currency <> NEW.currency AND NEW.placed_at > currency_at;
    END IF;
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION kartoteka_order_facts_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM customer_order_facts WHERE customer_id = OLD.customer_id;
    INSERT INTO customer_order_facts(customer_id, last_order_at, currency, currency_at, created_at)
    SELECT o.customer_id, MAX(o.placed_at),
           COALESCE((SELECT c.currency FROM orders c WHERE c.customer_id = o.customer_id AND c.currency <> ''
                     ORDER BY c.placed_at DESC, c.id LIMIT 1), ''),
           COALESCE((SELECT MAX(c.placed_at) FROM orders c WHERE c.customer_id = o.customer_id AND c.currency <> ''), -1),
           COALESCE((SELECT c.created_at FROM customers c WHERE c.id = o.customer_id), 0)
    FROM orders o WHERE o.customer_id = OLD.customer_id GROUP BY o.customer_id;
    RETURN NULL;
END $$;
CREATE INDEX customer_order_facts_created ON customer_order_facts(currency, created_at);
CREATE INDEX customer_order_facts_last ON customer_order_facts(currency, last_order_at);
-- The refused, read at every report.
CREATE INDEX lifecycle_events_refused ON lifecycle_events(at, customer_id) WHERE kind = 'do_not_retain';
