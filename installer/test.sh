#!/usr/bin/env bash
# The README's test command: installs what is missing, builds with warnings as errors, and runs every
# test suite. Uses the PostgreSQL server in $KARTOTEKA_TEST_PG, or starts a throwaway one; runs the GUI
# tests under Xvfb when there is no display.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/installer/deps.sh"
# Debug info as line tables only (-g1): a failing test's backtrace still names functions, files and
# lines, while full debug info made every compile about 40% slower, each test program over 100 MB to
# link and the .deb the package tests build several times larger. Optimisation stays as shipped (-O2).
"$root/installer/build.sh" -DKARTOTEKA_WERROR=ON -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
if [ -z "${KARTOTEKA_TEST_PG:-}" ]; then
  # shellcheck source=pg-throwaway.sh
  . "$root/installer/pg-throwaway.sh"
fi
cd "${KARTOTEKA_BUILD_DIR:-$root/build}"
if [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1600x1000x24" ctest --output-on-failure -j 2 --timeout 900
else
  ctest --output-on-failure -j 2 --timeout 900
fi
