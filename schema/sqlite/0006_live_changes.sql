-- Live updates between seats are a PostgreSQL feature (LISTEN/NOTIFY, see the postgresql folder); a
-- SQLite store serves one seat, which refreshes after its own writes. Kept so both dialects share
-- version numbers.
SELECT 1;
