-- Kartoteka schema, version 7 (PostgreSQL): who a seat is and what it may do, enforced by the server
-- itself, so an agent's own psql session can do no more than their desk (issue 16).
--
-- Each agent signs in as their own database login role (agents.db_role). Login roles are members of
-- group roles named after the database: <db>_seat (what every seat needs) and one of <db>_operator,
-- <db>_service, <db>_supervisor, <db>_admin (an admin is also a supervisor). The owner of the tables
-- (who runs the migrations: kartoteka-cli admin migrate) is a trusted maintenance connection; seats
-- never own anything and may not create in the schema.
--
-- The SECURITY DEFINER functions below take this search path (the store's schema, then pg_temp last),
-- so nothing a seat creates can stand in for our tables or functions.
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);

ALTER TABLE agents ADD COLUMN db_role TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX agents_db_role ON agents(db_role) WHERE db_role <> '';
-- Set by the database on every insert (trigger below), whatever the client sends.
ALTER TABLE audit_log ADD COLUMN db_user TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN recorded_at BIGINT NOT NULL DEFAULT 0;

-- Tables whose seat privileges are given here, one by one. Every other table, including those later
-- migrations add, is read and written by every seat (kartoteka_apply_grants, run after migrating).
-- A later migration that adds a table seats must not write lists it here and grants what it needs.
CREATE TABLE kartoteka_restricted (table_name TEXT PRIMARY KEY, why TEXT NOT NULL);
INSERT INTO kartoteka_restricted(table_name, why) VALUES
    ('agents', 'staff: admins change it, through grants to the admin group'),
    ('teams', 'staff: admins change it, through grants to the admin group'),
    ('audit_log', 'seats insert (the agent is set by the database); supervisors read; nobody changes it'),
    ('schema_migrations', 'the owner migrates; seats read the version'),
    ('kartoteka_restricted', 'this list: seats read it');

-- The group role for one kind of seat in this database: role names are cluster-wide, so two centres
-- (or two test databases) on one server keep apart.
CREATE FUNCTION kartoteka_group(kind TEXT) RETURNS TEXT LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$ SELECT left(current_database(), 40) || '_' || kind $$;

-- The owner of the tables, a member of it, or a superuser: a maintenance connection, trusted because
-- such credentials can change anything anyway.
CREATE FUNCTION kartoteka_is_maintenance() RETURNS BOOLEAN LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$ SELECT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'schema_migrations'::regclass), 'MEMBER') $$;

-- May the session's real user act as `kind` (supervisor, admin, ...)? session_user, not current_user:
-- SET ROLE and SECURITY DEFINER do not change who signed in.
CREATE FUNCTION kartoteka_may(kind TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$ SELECT kartoteka_is_maintenance() OR pg_has_role(session_user, kartoteka_group(kind), 'MEMBER') $$;

-- The agent the session's database user signs in as; 0 when it is nobody's.
CREATE FUNCTION kartoteka_session_agent() RETURNS BIGINT LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$ SELECT COALESCE((SELECT id FROM agents WHERE db_role = session_user AND db_role <> ''), 0) $$;

DO $$
DECLARE
    k TEXT;
BEGIN
    FOREACH k IN ARRAY ARRAY['seat', 'operator', 'service', 'supervisor', 'admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = kartoteka_group(k)) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', kartoteka_group(k));
        END IF;
    END LOOP;
    FOREACH k IN ARRAY ARRAY['operator', 'service', 'supervisor'] LOOP
        EXECUTE format('GRANT %I TO %I', kartoteka_group('seat'), kartoteka_group(k));
    END LOOP;
    EXECUTE format('GRANT %I TO %I', kartoteka_group('supervisor'), kartoteka_group('admin'));
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), kartoteka_group('seat'));
    EXECUTE format('GRANT SELECT ON agents, teams, schema_migrations, kartoteka_restricted TO %I', kartoteka_group('seat'));
    EXECUTE format('GRANT INSERT, UPDATE ON agents, teams TO %I', kartoteka_group('admin'));
    EXECUTE format('GRANT INSERT ON audit_log TO %I', kartoteka_group('seat'));
    EXECUTE format('GRANT SELECT ON audit_log TO %I', kartoteka_group('supervisor'));
END $$;

-- Every seat reads and writes every table not listed above. Run by the migration runner after each
-- run, so tables added by later migrations are covered without editing this one.
CREATE FUNCTION kartoteka_apply_grants() RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    t TEXT;
BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
             AND tablename NOT IN (SELECT table_name FROM kartoteka_restricted) LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', t, kartoteka_group('seat'));
    END LOOP;
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), kartoteka_group('seat'));
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_apply_grants() FROM PUBLIC;

-- The audit row's user and agent come from the session, not from the client: a seat's row names the
-- agent its database user is, whatever agent_id it sent. A maintenance connection (tests, imports)
-- keeps the agent it names.
CREATE FUNCTION kartoteka_audit_stamp() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    NEW.db_user := session_user;
    NEW.recorded_at := floor(extract(epoch FROM clock_timestamp()))::BIGINT;
    IF NOT kartoteka_is_maintenance() THEN
        NEW.agent_id := kartoteka_session_agent();
        IF NEW.agent_id = 0 THEN
            RAISE EXCEPTION 'database user % is no Kartoteka agent', session_user USING ERRCODE = '42501';
        END IF;
    END IF;
    RETURN NEW;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_audit_stamp() FROM PUBLIC;
CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION kartoteka_audit_stamp();
-- TRUNCATE skips row triggers: refused too (seats have no TRUNCATE privilege; this stops the owner's slip).
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- A database role may be a seat unless it could do more than a seat: a superuser, a role that creates
-- roles or databases, replicates or bypasses row security, the owner (or a member of it), a group.
CREATE FUNCTION kartoteka_check_seat_role(who TEXT) RETURNS void LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF who = '' OR who LIKE 'pg\_%' OR who IN (SELECT kartoteka_group(k) FROM unnest(ARRAY['seat', 'operator', 'service', 'supervisor', 'admin']) AS k)
       OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = who AND (r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
                  OR pg_has_role(r.oid, (SELECT relowner FROM pg_class WHERE oid = 'schema_migrations'::regclass), 'MEMBER'))) THEN
        RAISE EXCEPTION 'database role "%" cannot be a seat: it can do more than a seat (superuser, owner, role or database creator, or a Kartoteka group)', who USING ERRCODE = '42501';
    END IF;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_check_seat_role(TEXT) FROM PUBLIC;

-- Makes the role's group memberships what its agent row says: created (LOGIN, no password yet) when
-- missing, the seat group and the role's group when active, nothing when disabled.
CREATE FUNCTION kartoteka_seat_groups(who TEXT, kind TEXT, active BOOLEAN) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    k TEXT;
BEGIN
    PERFORM kartoteka_check_seat_role(who);
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', who);
    END IF;
    FOREACH k IN ARRAY ARRAY['seat', 'operator', 'service', 'supervisor', 'admin'] LOOP
        IF active AND (k = 'seat' OR k = kind) THEN
            EXECUTE format('GRANT %I TO %I', kartoteka_group(k), who);
        ELSIF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                      WHERE g.rolname = kartoteka_group(k) AND u.rolname = who) THEN
            EXECUTE format('REVOKE %I FROM %I', kartoteka_group(k), who);
        END IF;
    END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_seat_groups(TEXT, TEXT, BOOLEAN) FROM PUBLIC;

-- Whoever may write agents (admins, the owner) thereby sets the database roles: no second place to
-- keep in step.
CREATE FUNCTION kartoteka_sync_seat() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.db_role <> '' AND OLD.db_role <> NEW.db_role THEN
        PERFORM kartoteka_seat_groups(OLD.db_role, OLD.role, false);
    END IF;
    IF NEW.db_role <> '' THEN
        PERFORM kartoteka_seat_groups(NEW.db_role, NEW.role, NEW.active <> 0);
    END IF;
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_sync_seat() FROM PUBLIC;
CREATE TRIGGER agents_sync_seat AFTER INSERT OR UPDATE ON agents FOR EACH ROW EXECUTE FUNCTION kartoteka_sync_seat();

-- An admin sets a seat's password as a SCRAM verifier computed by the client (as psql's \password
-- does): the clear password never reaches the server, its logs or pg_stat_activity.
CREATE FUNCTION kartoteka_set_seat_password(who TEXT, verifier TEXT) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF NOT kartoteka_may('admin') THEN
        RAISE EXCEPTION 'only an admin sets a seat''s password' USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM agents WHERE db_role = who AND who <> '') THEN
        RAISE EXCEPTION 'no agent signs in as database role "%"', who;
    END IF;
    PERFORM kartoteka_check_seat_role(who);
    IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'a seat password is given as a SCRAM verifier, never in clear';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', who, verifier);
END $$;
REVOKE EXECUTE ON FUNCTION kartoteka_set_seat_password(TEXT, TEXT) FROM PUBLIC;
DO $$ BEGIN EXECUTE format('GRANT EXECUTE ON FUNCTION kartoteka_set_seat_password(TEXT, TEXT) TO %I', kartoteka_group('admin')); END $$;

-- Only a supervisor or admin marks a customer do-not-retain or changes such a record; operators
-- record losses and returns. Row security, so a seat's own SQL is held to it too (the owner is not).
ALTER TABLE lifecycle_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY lifecycle_read ON lifecycle_events FOR SELECT USING (true);
CREATE POLICY lifecycle_add ON lifecycle_events FOR INSERT WITH CHECK (kind <> 'do_not_retain' OR kartoteka_may('supervisor'));
CREATE POLICY lifecycle_change ON lifecycle_events FOR UPDATE USING (kind <> 'do_not_retain' OR kartoteka_may('supervisor')) WITH CHECK (kind <> 'do_not_retain' OR kartoteka_may('supervisor'));
CREATE POLICY lifecycle_remove ON lifecycle_events FOR DELETE USING (kind <> 'do_not_retain' OR kartoteka_may('supervisor'));

-- Every seat delivers write-backs (and marks them failed); only a supervisor or admin makes a failed
-- one due again. Delivered rows are the record of what went where: no seat deletes them.
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY outbox_read ON outbox FOR SELECT USING (true);
CREATE POLICY outbox_add ON outbox FOR INSERT WITH CHECK (true);
CREATE POLICY outbox_work ON outbox FOR UPDATE USING (status <> 'failed' OR kartoteka_may('supervisor')) WITH CHECK (true);
