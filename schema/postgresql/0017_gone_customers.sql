-- Retention report (issue 19), version 17: each customer's order facts say whether the customer is gone
-- (`gone` = 1: a loss not followed by an order, or a refusal of retention). Sleeping customers are the
-- ones not gone, counted per currency and bucket from one partial index: before, the report took the gone
-- off by joining them with every customer's facts, a fifth to a third of a second at a million customers.
-- Kept by the database as losses, refusals and orders come and go: kartoteka_customer_gone is the one
-- place it is written; a new facts row, a change of a loss's return (loss_facts.back) and a refusal call it.
-- Triggers on one table fire in name order: orders_facts_* write the facts row, then orders_loss_* move
-- `back`, which calls it again, so a new order's return is seen whatever was true before it.
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);

ALTER TABLE customer_order_facts ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION kartoteka_customer_gone(c BIGINT) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    g INTEGER;
BEGIN
    g := CASE WHEN EXISTS (SELECT 1 FROM loss_facts l WHERE l.customer_id = c AND l.back = 0)
                OR EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.customer_id = c AND e.kind = 'do_not_retain')
              THEN 1 ELSE 0 END;
    UPDATE customer_order_facts SET gone = g WHERE customer_id = c AND gone <> g;  -- no new row version when unchanged
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_customer_gone(BIGINT) FROM PUBLIC;

CREATE FUNCTION kartoteka_customer_gone_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN PERFORM kartoteka_customer_gone(OLD.customer_id);
    ELSE PERFORM kartoteka_customer_gone(NEW.customer_id); END IF;
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_customer_gone_trigger() FROM PUBLIC;
CREATE TRIGGER customer_order_facts_gone AFTER INSERT ON customer_order_facts FOR EACH ROW
    EXECUTE FUNCTION kartoteka_customer_gone_trigger();
CREATE TRIGGER loss_facts_gone AFTER INSERT OR DELETE OR UPDATE OF back ON loss_facts FOR EACH ROW
    EXECUTE FUNCTION kartoteka_customer_gone_trigger();
CREATE TRIGGER lifecycle_refusal_gone_insert AFTER INSERT ON lifecycle_events FOR EACH ROW
    WHEN (NEW.kind = 'do_not_retain') EXECUTE FUNCTION kartoteka_customer_gone_trigger();
CREATE TRIGGER lifecycle_refusal_gone_delete AFTER DELETE ON lifecycle_events FOR EACH ROW
    WHEN (OLD.kind = 'do_not_retain') EXECUTE FUNCTION kartoteka_customer_gone_trigger();

UPDATE customer_order_facts f SET gone = 1
WHERE EXISTS (SELECT 1 FROM loss_facts l WHERE l.customer_id = f.customer_id AND l.back = 0)
   OR EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.customer_id = f.customer_id AND e.kind = 'do_not_retain');

-- The sleeping buckets read this alone; queries repeat `gone = 0` word for word to use it.
DROP INDEX customer_order_facts_last;
CREATE INDEX customer_order_facts_awake ON customer_order_facts(currency, last_order_at) WHERE gone = 0;
