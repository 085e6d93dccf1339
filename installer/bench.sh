#!/usr/bin/env bash
# The benchmark suite (on demand, not part of the tests): builds the bench targets and prints their
# tables. BENCH_CUSTOMERS (default 1000000) sizes the local-store data, generated once with the demo
# generator into $BENCH_DB (default /tmp/kartoteka-bench-1m.db) and reused on later runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${KARTOTEKA_BUILD_DIR:-$root/build}"
"$root/installer/build.sh" >/dev/null
cmake --build "$build" --target bench -j "$(nproc)" >/dev/null
echo "## local store ($(nproc) cores)"
"$build/tests/bench/bench_local" --db "${BENCH_DB:-/tmp/kartoteka-bench-1m.db}" --customers "${BENCH_CUSTOMERS:-1000000}"
echo; echo "## SLA board"
"$build/tests/bench/bench_sla"
echo; echo "## card assembly over REST sources and kept-alive HTTP"
"$build/tests/bench/bench_card"
