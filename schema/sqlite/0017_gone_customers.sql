-- Retention report (issue 19), version 17: each customer's order facts say whether the customer is gone
-- (`gone` = 1: a loss not followed by an order, or a refusal of retention). Sleeping customers are the
-- ones not gone, counted per currency and bucket from one partial index instead of taking the gone off by
-- a join with every customer's facts. Kept by the database: the same statement runs when a facts row is
-- written, when a loss's return (loss_facts.back) moves and when a refusal is recorded or taken back, so
-- the result does not depend on the order in which an order's triggers fire.
ALTER TABLE customer_order_facts ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER customer_order_facts_gone AFTER INSERT ON customer_order_facts BEGIN
    UPDATE customer_order_facts SET gone = CASE WHEN EXISTS (SELECT 1 FROM loss_facts l WHERE l.customer_id =
        NEW.customer_id AND l.back = 0) OR EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.customer_id =
        NEW.customer_id AND e.kind = 'do_not_retain') THEN 1 ELSE 0 END WHERE customer_id = NEW.customer_id; END;
CREATE TRIGGER loss_facts_gone_insert AFTER INSERT ON loss_facts BEGIN
    UPDATE customer_order_facts SET gone = CASE WHEN EXISTS (SELECT 1 FROM loss_facts l WHERE l.customer_id =
        NEW.customer_id AND l.back = 0) OR EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.customer_id =
        NEW.customer_id AND e.kind = 'do_not_retain') THEN 1 ELSE 0 END WHERE customer_id = NEW.customer_id; END;
CREATE TRIGGER loss_facts_gone_back AFTER UPDATE OF back ON loss_facts BEGIN
    UPDATE customer_order_facts SET gone = CASE WHEN EXISTS (SELECT 1 FROM loss_facts l WHERE l.customer_id =
        NEW.customer_id AND l.back = 0) OR EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.customer_id =
        NEW.customer_id AND e.kind = 'do_not_retain') THEN 1 ELSE 0 END WHERE customer_id = NEW.customer_id; END;
CREATE TRIGGER loss_facts_gone_delete AFTER DELETE ON loss_facts BEGIN
    UPDATE customer_order_facts SET gone = CASE WHEN EXISTS (SELECT 1 FROM loss_facts l WHERE l.customer_id =
        OLD.customer_id AND l.back = 0) OR EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.customer_id =
        OLD.customer_id AND e.kind = 'do_not_retain') THEN 1 ELSE 0 END WHERE customer_id = OLD.customer_id; END;
CREATE TRIGGER lifecycle_refusal_gone_insert AFTER INSERT ON lifecycle_events WHEN NEW.kind = 'do_not_retain' BEGIN
    UPDATE customer_order_facts SET gone = 1 WHERE customer_id = NEW.customer_id; END;
CREATE TRIGGER lifecycle_refusal_gone_delete AFTER DELETE ON lifecycle_events WHEN OLD.kind = 'do_not_retain' BEGIN
    UPDATE customer_order_facts SET gone = CASE WHEN EXISTS (SELECT 1 FROM loss_facts l WHERE l.customer_id =
        OLD.customer_id AND l.back = 0) OR EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.customer_id =
        OLD.customer_id AND e.kind = 'do_not_retain') THEN 1 ELSE 0 END WHERE customer_id = OLD.customer_id; END;

UPDATE customer_order_facts SET gone = 1
WHERE EXISTS (SELECT 1 FROM loss_facts l WHERE l.customer_id = customer_order_facts.customer_id AND l.back = 0)
   OR EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.customer_id = customer_order_facts.customer_id
              AND e.kind = 'do_not_retain');

-- The sleeping buckets read this alone; queries repeat `gone = 0` word for word to use it.
DROP INDEX customer_order_facts_last;
CREATE INDEX customer_order_facts_awake ON customer_order_facts(currency, last_order_at) WHERE gone = 0;
