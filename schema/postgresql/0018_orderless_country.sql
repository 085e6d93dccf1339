-- Retention report (issue 18's rule, issue 19's page), version 18: a customer without orders belongs to the
-- currency of their country, as their card says (the primary phone's country; the card's rule in
-- card::customer_currency), not to the centre's. Two columns on customers:
--   country_currency  ISO 4217 of the primary phone's country, "" when not told; written by the program
--                     with every customer write, and for the customers without orders by this migration
--   no_orders         1 while the customer has no order: kept by the triggers on customer_order_facts (a
--                     facts row exists exactly while the customer has orders). The default 0 reads a customer
--                     written by something else as the centre's, as before this version. Only the customers
--                     without orders are updated here: adding the columns rewrites no row.
-- The report counts the customers without orders per country currency and creation from one partial index.
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);

ALTER TABLE customers ADD COLUMN country_currency TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN no_orders INTEGER NOT NULL DEFAULT 0;
UPDATE customers c SET no_orders = 1
WHERE NOT EXISTS (SELECT 1 FROM customer_order_facts f WHERE f.customer_id = c.id);

-- SECURITY DEFINER: a seat that records an order keeps the mark, whatever it may write itself.
CREATE FUNCTION kartoteka_customer_ordered() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE customers SET no_orders = 1 WHERE id = OLD.customer_id AND no_orders <> 1;
    ELSE
        UPDATE customers SET no_orders = 0 WHERE id = NEW.customer_id AND no_orders <> 0;
    END IF;
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_customer_ordered() FROM PUBLIC;
CREATE TRIGGER customer_order_facts_ordered AFTER INSERT OR DELETE ON customer_order_facts FOR EACH ROW
    EXECUTE FUNCTION kartoteka_customer_ordered();

CREATE INDEX customers_orderless_country ON customers(country_currency, created_at) WHERE no_orders = 1;
