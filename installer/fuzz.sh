#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (address and undefined-behaviour sanitizers on) and runs each
# for a bounded time (FUZZ_SECONDS, default 30) from the seed corpus in tests/fuzz/corpus/<name>.
# Every tests/fuzz/fuzz_<name>.cpp is a target: fuzz_config (the YAML loader), fuzz_phone (phone
# parsing), fuzz_json_mapping (a REST response body through the rest connector's mapping). Prints the
# executions each target ran; a crash, leak, timeout or memory blow-up fails the run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${KARTOTEKA_FUZZ_BUILD_DIR:-$root/build-fuzz}"
seconds="${FUZZ_SECONDS:-30}"
"$root/installer/deps.sh"
# Only the fuzz targets and what they link are built (tests/fuzz/CMakeLists.txt keeps that small).
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKARTOTEKA_FUZZ=ON -DKARTOTEKA_BUILD_GUI=OFF >/dev/null
targets=$(cd "$root/tests/fuzz" && ls fuzz_*.cpp | sed 's/\.cpp$//')
cmake --build "$build" -j "$(nproc)" --target $targets
for t in $targets; do
  corpus="$root/tests/fuzz/corpus/${t#fuzz_}"
  work="$(mktemp -d)"; cp -r "$corpus/." "$work/" 2>/dev/null || true
  # -rss_limit_mb: unbounded memory is a failure; -timeout: a hang on one input is a failure.
  "$build/tests/fuzz/$t" -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -max_len=65536 \
    -print_final_stats=1 "$work" >"$work.log" 2>&1 || { tail -n 60 "$work.log"; echo "FAIL: $t"; exit 1; }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work.log" | grep -o '[0-9]*$')
  echo "fuzz: $t ran $runs inputs in ${seconds} s without a failure"
  rm -rf "$work" "$work.log"
done
