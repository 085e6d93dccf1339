-- Kartoteka schema, version 7 (SQLite): the columns PostgreSQL's seat roles need, so both dialects
-- share one shape. SQLite is one seat and one user: whoever can write the file is its owner and can
-- do anything (DROP TRIGGER, edit the file); the agent is the config's agent.login and db_role stays
-- empty. The audit log's UPDATE and DELETE triggers (version 5) stop mistakes, not that owner.
ALTER TABLE agents ADD COLUMN db_role TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX agents_db_role ON agents(db_role) WHERE db_role <> '';
ALTER TABLE audit_log ADD COLUMN db_user TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN recorded_at INTEGER NOT NULL DEFAULT 0;
