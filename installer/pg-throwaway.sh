#!/usr/bin/env bash
# Source this file: starts a throwaway PostgreSQL server on a temporary directory and a free loopback
# port, exports KARTOTEKA_TEST_PG, and stops it when the sourcing shell exits. PostgreSQL refuses to
# run as root, so as root the server runs as the postgres user.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$pg_bin" ]; then
  echo "pg-throwaway: no PostgreSQL server installed; the PostgreSQL half of the tests will be skipped" >&2
  return 0 2>/dev/null || exit 0
fi
KARTOTEKA_PG_DIR="$(mktemp -d /tmp/kartoteka-pg.XXXXXX)"
# A free loopback port: nothing answers on it (bash's /dev/tcp, no extra tools needed).
for _ in $(seq 1 50); do
  pg_port=$(( 20000 + RANDOM % 40000 ))
  (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null || break
done
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$KARTOTEKA_PG_DIR"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$KARTOTEKA_PG_DIR/data" -U kartoteka --auth=trust -E UTF8 --locale=C.UTF-8 >"$KARTOTEKA_PG_DIR/initdb.log" 2>&1
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$KARTOTEKA_PG_DIR/data" -l "$KARTOTEKA_PG_DIR/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $KARTOTEKA_PG_DIR -c fsync=off -c max_connections=200" start >/dev/null
"${as_pg[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U kartoteka kartoteka_test
export KARTOTEKA_TEST_PG="host=127.0.0.1 port=$pg_port dbname=kartoteka_test user=kartoteka"
kartoteka_pg_stop() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$KARTOTEKA_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$KARTOTEKA_PG_DIR"
}
trap kartoteka_pg_stop EXIT
echo "pg-throwaway: PostgreSQL on 127.0.0.1:$pg_port ($KARTOTEKA_PG_DIR)"
