#!/usr/bin/env bash
# The benchmark suite (issue 8), on demand and not part of the tests: one command, one table.
# Builds the bench programs and the GUI, runs them one after another, gathers the ROW and NOTE lines
# they print (tests/bench/bench_table.h) and prints one Markdown table: metric | data | median | p99 |
# goal | floor (measured in the same run) | verdict ("met", or "missed by X (N%): why").
#
#   BENCH_CUSTOMERS  customers in the local-store data (default 1000000, about 10 interactions each);
#                    generated once with the demo generator and reused on later runs
#   BENCH_DB         that data's SQLite file (default /tmp/kartoteka-bench-$BENCH_CUSTOMERS.db)
#   BENCH_LOG        everything the programs printed (default /tmp/kartoteka-bench.log)
#   BUILD_JOBS       parallel compile jobs (default: all cores)
#   KARTOTEKA_TEST_PG  a throwaway PostgreSQL database (libpq string) for bench_board's PostgreSQL rows and
#                    the live row between two seats; emptied and seeded unless it holds exactly
#                    BENCH_PG_CUSTOMERS customers already. Unset: those rows are a NOTE
#   BENCH_PG_CUSTOMERS  customers in that database (default 5000: the demo generator writes PostgreSQL
#                    row by row; for 1M copy the board's store in, see tests/bench/copy_store_to_pg.py)
#   BENCH_PG_STORE   a PostgreSQL database (libpq string) holding a copy of the local store (made by
#                    tests/bench/copy_store_to_pg.py, then VACUUM ANALYZE): the retention page's
#                    PostgreSQL rows, read only. Unset: those rows are a NOTE
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${KARTOTEKA_BUILD_DIR:-$root/build}"
customers="${BENCH_CUSTOMERS:-1000000}"
db="${BENCH_DB:-/tmp/kartoteka-bench-$customers.db}"
log="${BENCH_LOG:-/tmp/kartoteka-bench.log}"
bin="$build/tests/bench"

[ -f "$build/build.ninja" ] || [ -f "$build/Makefile" ] || "$root/installer/build.sh" >/dev/null
cmake --build "$build" --target bench test_hostile -j "${BUILD_JOBS:-$(nproc)}" >/dev/null

rows="$(mktemp)"
trap 'rm -f "$rows"' EXIT
: >"$log"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# Runs one bench program; its ROW/NOTE lines go to the table, everything to the log.
run() {
    local name="$1"
    shift
    echo "### $name: $*" >>"$log"
    set +e
    "$@" 2>>"$log" | tee -a "$log" | grep -E $'^(ROW|NOTE)\t' >>"$rows"
    local status="${PIPESTATUS[0]}"
    set -e
    [ "$status" = 0 ] || printf 'NOTE\t%s failed (exit %s): see %s\n' "$name" "$status" "$log" >>"$rows"
}

if [ "$customers" -ge 1000000 ]; then label="$((customers / 1000000))M customers"; else label="$((customers / 1000))k customers"; fi
echo "bench: $label in $db (generated on the first run), log in $log" >&2
run bench_local "$bin/bench_local" --db "$db" --customers "$customers"
run bench_ingest "$bin/bench_ingest" --customers "$customers"
run bench_retention "$bin/bench_retention" --db "$db"
if [ -n "${BENCH_PG_STORE:-}" ]; then
    run bench_retention_pg "$bin/bench_retention" --pg "$BENCH_PG_STORE"
else
    printf 'NOTE\tretention page on PostgreSQL skipped: set BENCH_PG_STORE to a copy of the local store\n' >>"$rows"
fi
run bench_card "$bin/bench_card"
run bench_directory "$bin/bench_directory" --customers "$((customers < 100000 ? customers : 100000))"
run bench_sla "$bin/bench_sla"
# Board actions on the board's own copy of the local store (made once, in the build dir); PostgreSQL and
# the live row between seats only with KARTOTEKA_TEST_PG (a throwaway database).
run bench_board "$bin/bench_board" --customers "$customers" --from "$db" --pg-customers "${BENCH_PG_CUSTOMERS:-5000}"
run test_hostile "$build/tests/hostile/test_hostile" --run_test=slow_and_idle_connections_do_not_delay_a_pop,a_burst_of_pops_is_answered_promptly
if command -v xvfb-run >/dev/null && [ -x "$build/app/gui/kartoteka" ]; then
    run bench_gui xvfb-run -a "$bin/bench_gui" --gui "$build/app/gui/kartoteka" --db "$db" \
        --config "$root/config/kartoteka.yaml" --label "$label"
else
    printf 'NOTE\tGUI rows skipped: needs xvfb-run and the GUI program (%s)\n' "$build/app/gui/kartoteka" >>"$rows"
fi

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "Kartoteka benchmarks, $(date -u '+%Y-%m-%d %H:%M') UTC, commit $commit, $(nproc) cores;" \
     "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| metric | data | median | p99 | goal | floor (same run) | verdict |"
echo "|---|---|---:|---:|---|---|---|"
awk -F'\t' '$1 == "ROW" { printf "| %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6, $7, $8 }' "$rows"
if grep -q $'^NOTE\t' "$rows"; then
    echo
    awk -F'\t' '$1 == "NOTE" { print "- " $2 }' "$rows"
fi
