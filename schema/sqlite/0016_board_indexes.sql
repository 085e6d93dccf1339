-- The supervisor's board actions (issue 19) on a million-customer store: a change of problem type checks
-- that some ticket already uses the type, and a reassignment to a team counts each member's open
-- tickets. Without these indexes both read every ticket inside the change's write transaction.
CREATE INDEX tickets_problem_type ON tickets(problem_type);
-- Partial: only open work, keyed by owner; status too, so a count reads the index alone. Queries repeat
-- this WHERE word for word to use it.
CREATE INDEX tickets_open_owner ON tickets(owner_id, status) WHERE status NOT IN ('resolved', 'closed');
