-- Live updates between seats (PostgreSQL): every change to what a card or the SLA board shows is
-- announced on the channel kartoteka_changes as "table:id:customer_id:ticket_id", delivered when the
-- writing transaction commits. Seats LISTEN instead of polling tables.
CREATE FUNCTION kartoteka_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE r jsonb := to_jsonb(NEW); BEGIN PERFORM pg_notify('kartoteka_changes', TG_TABLE_NAME || ':' || COALESCE(r->>'id', '0') || ':' || COALESCE(r->>'customer_id', '0') || ':' || COALESCE(r->>'ticket_id', '0')); RETURN NEW; END $$;
CREATE TRIGGER interactions_notify AFTER INSERT OR UPDATE ON interactions FOR EACH ROW EXECUTE FUNCTION kartoteka_notify_change();
CREATE TRIGGER tickets_notify AFTER INSERT OR UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION kartoteka_notify_change();
CREATE TRIGGER ticket_events_notify AFTER INSERT ON ticket_events FOR EACH ROW EXECUTE FUNCTION kartoteka_notify_change();
CREATE TRIGGER offers_notify AFTER INSERT OR UPDATE ON offers FOR EACH ROW EXECUTE FUNCTION kartoteka_notify_change();
CREATE TRIGGER preferences_notify AFTER INSERT OR UPDATE ON preferences FOR EACH ROW EXECUTE FUNCTION kartoteka_notify_change();
CREATE TRIGGER service_contacts_notify AFTER INSERT OR UPDATE ON service_contacts FOR EACH ROW EXECUTE FUNCTION kartoteka_notify_change();
