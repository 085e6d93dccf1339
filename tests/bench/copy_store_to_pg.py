#!/usr/bin/env python3
"""Copies a SQLite bench store into a PostgreSQL database that the program has migrated (empty tables).

The demo generator writes PostgreSQL row by row, about a hundred customers a second on a busy machine:
hours for the million customers the board goal names. COPY takes minutes. Rows go as they are (ids
kept); triggers and foreign keys are off while copying (session_replication_role=replica), so the
live-change notices of ten million inserts are not sent; identity sequences are moved past the copied
ids and the tables analysed afterwards.

    copy_store_to_pg.py STORE.db "host=... dbname=... user=..." [--skip TABLE ...]

The database must hold the schema with no customers: bench_board --only postgresql --pg-customers 0
empties and migrates it. Then bench_board --pg-customers N (N: the store's customers) reuses the copy.
"""
import argparse
import sqlite3
import subprocess
import sys
import time

NOT_COPIED = {"schema_migrations", "kartoteka_restricted", "sqlite_sequence"}


def psql(conninfo, *commands, stdin=None):
    args = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", conninfo]
    for c in commands:
        args += ["-c", c]
    return subprocess.run(args, input=stdin, stdout=subprocess.PIPE, check=True).stdout.decode()


def pg_columns(conninfo):
    out = {}
    rows = psql(conninfo, "SELECT table_name, column_name FROM information_schema.columns "
                          "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position")
    for line in rows.splitlines():
        table, column = line.split("|")
        out.setdefault(table, []).append(column)
    return out


def text_field(v):
    if v is None:
        return "\\N"
    if isinstance(v, bytes):
        return "\\\\x" + v.hex()
    s = str(v)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_table(db, conninfo, table, columns):
    cols = ", ".join(columns)
    cmd = f"\\copy {table}({cols}) FROM STDIN"
    proc = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", conninfo, "-c",
                             "SET session_replication_role = replica", "-c", cmd], stdin=subprocess.PIPE)
    n = 0
    cur = db.execute(f"SELECT {cols} FROM {table}")
    while True:
        rows = cur.fetchmany(20000)
        if not rows:
            break
        proc.stdin.write("".join("\t".join(text_field(v) for v in r) + "\n" for r in rows).encode())
        n += len(rows)
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit(f"copy of {table} failed")
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("conninfo")
    ap.add_argument("--skip", nargs="*", default=[])
    a = ap.parse_args()
    db = sqlite3.connect(f"file:{a.store}?mode=ro", uri=True)
    if int(psql(a.conninfo, "SELECT COUNT(*) FROM customers").strip()) != 0:
        sys.exit("the PostgreSQL database already holds customers: empty it and migrate it first")
    pg = pg_columns(a.conninfo)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        if table in NOT_COPIED or table in a.skip or table not in pg:
            continue
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        columns = [c for c in pg[table] if c in have]
        t0 = time.time()
        n = copy_table(db, a.conninfo, table, columns)
        print(f"{table}: {n} rows in {time.time() - t0:.0f} s", file=sys.stderr)
        if "id" in columns:
            psql(a.conninfo, f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                             f"GREATEST((SELECT MAX(id) FROM {table}), 1))")
    psql(a.conninfo, "ANALYZE")


if __name__ == "__main__":
    main()
