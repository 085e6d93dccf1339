-- Retention report (issue 18's rule, issue 19's page), version 18: a customer without orders belongs to the
-- currency of their country, as their card says (the primary phone's country; the card's rule in
-- card::customer_currency), not to the centre's. Two columns on customers:
--   country_currency  ISO 4217 of the primary phone's country, "" when not told; written by the program
--                     with every customer write, and for the customers without orders by this migration
--   no_orders         1 while the customer has no order: kept by the triggers on customer_order_facts (a
--                     facts row exists exactly while the customer has orders). The default 0 reads a customer
--                     written by something else as the centre's, as before this version.
-- The report counts the customers without orders per country currency and creation from one partial index.
ALTER TABLE customers ADD COLUMN country_currency TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN no_orders INTEGER NOT NULL DEFAULT 0;
UPDATE customers SET no_orders = 1
WHERE NOT EXISTS (SELECT 1 FROM customer_order_facts f WHERE f.customer_id = customers.id);

CREATE TRIGGER customer_order_facts_ordered AFTER INSERT ON customer_order_facts BEGIN
    UPDATE customers SET no_orders = 0 WHERE id = NEW.customer_id AND no_orders <> 0; END;
CREATE TRIGGER customer_order_facts_unordered AFTER DELETE ON customer_order_facts BEGIN
    UPDATE customers SET no_orders = 1 WHERE id = OLD.customer_id AND no_orders <> 1; END;

CREATE INDEX customers_orderless_country ON customers(country_currency, created_at) WHERE no_orders = 1;
