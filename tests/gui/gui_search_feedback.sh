#!/usr/bin/env bash
# The search box tells the agent what happened (issue 18, m5), under Xvfb in English, Russian and
# Bulgarian:
#  - the last digits of a stored number ("369-11-54") and a Bulgarian national number in a RU centre
#    ("0871 250 405") find their customers;
#  - a query nobody matches says so, with what was searched, and Enter on it opens the new-customer form
#    filled from the query (closed again with Escape: nothing is saved);
#  - a screenshot of the no-match message and of the form in each language (doc/screenshots).
set -euo pipefail
build="$1"; src="$2"
[ -n "${DISPLAY:-}" ] || { echo "no DISPLAY: run under xvfb-run"; exit 1; }
work="$(mktemp -d)"; pids=()
export XDG_STATE_HOME="$work/state" HOME="$work/home"
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
shots="${KARTOTEKA_SCREENSHOT_DIR:-$build/screenshots}"; mkdir -p "$shots" "$HOME"
cli="$build/app/cli/kartoteka-cli"; gui="$build/app/gui/kartoteka"; db="$work/centre.db"
"$cli" --config "$src/config/kartoteka.yaml" --db "$db" demo seed --customers 400 >/dev/null
customers_before=$(sqlite3 "$db" "SELECT count(*) FROM customers")

ru=$(sqlite3 "$db" "SELECT e164 FROM customer_phones WHERE e164 LIKE '+7%' ORDER BY customer_id LIMIT 1")
bg=$(sqlite3 "$db" "SELECT e164 FROM customer_phones WHERE e164 LIKE '+3598%' ORDER BY customer_id LIMIT 1")
[ -n "$ru" ] && [ -n "$bg" ] || { echo "FAIL: the demo store has no Russian or no Bulgarian number"; exit 1; }
ending="${ru: -7:3}-${ru: -4:2}-${ru: -2}"   # +79161234567 -> 123-45-67
national="0${bg:4:2} ${bg:6:3} ${bg:9}"      # +359871250405 -> 087 125 0405

wait_for() { for _ in $(seq 1 100); do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 0.2; done; cat "$2"; echo "FAIL: waited for '$1'"; return 1; }
# Types a query into the search field (Ctrl+F selects what was there) and waits for its complete result.
query() {
  xdotool key ctrl+f; sleep 0.3; xdotool type --delay 40 "$1"
  wait_for "^kartoteka: results [0-9]* for $1\$" "$log"
}
for lang in en ru bg; do
  sed -e "s/^  language: .*/  language: $lang/" -e "s/^  enabled: true/  enabled: false/" "$src/config/kartoteka.yaml" > "$work/$lang.yaml"
  log="$work/search-$lang.log"
  # (xdotool search fails while nothing matches yet: under set -e that must not end the test, so retry.)
  # A loaded Xvfb has once refused a new client right after the previous window closed ("Unable to
  # initialize GTK+"): the window is started again then, and the test says so.
  win=""
  for attempt in 1 2 3; do
    "$gui" --config "$work/$lang.yaml" --db "$db" --trace >"$log" 2>&1 & pids+=($!)
    for _ in $(seq 1 100); do
      win=$(xdotool search --onlyvisible --pid "${pids[-1]}" --name Kartoteka 2>/dev/null | head -n 1 || true); [ -n "$win" ] && break
      kill -0 "${pids[-1]}" 2>/dev/null || break
      sleep 0.2
    done
    [ -n "$win" ] && break
    grep -q "Unable to initialize GTK" "$log" || break
    echo "note: $lang: the display refused the window (attempt $attempt); starting it again"; sleep 2
  done
  [ -n "$win" ] || { cat "$log"; echo "FAIL: $lang: no window"; exit 1; }
  sleep 1; xdotool windowfocus "$win" 2>/dev/null || true
  query "$ending"
  grep -q "^kartoteka: results [1-9][0-9]* for $ending\$" "$log" || { echo "FAIL: $lang: '$ending' found nobody"; exit 1; }
  query "$national"
  grep -q "^kartoteka: results [1-9][0-9]* for $national\$" "$log" || { echo "FAIL: $lang: '$national' found nobody"; exit 1; }
  echo "search/$lang: '$ending' and '$national' find their customers"
  query "Zzyzx Qwerty"
  grep -q "^kartoteka: results 0 for Zzyzx Qwerty\$" "$log" || { echo "FAIL: $lang: a nonsense name found someone"; exit 1; }
  sleep 0.5; import -window root "$shots/search-no-match-$lang.png"
  xdotool key Return
  wait_for "^kartoteka: new customer form  Zzyzx Qwerty" "$log"
  sleep 1; import -window root "$shots/search-create-customer-$lang.png"
  xdotool key Escape; sleep 0.5
  echo "search/$lang: no match is said, and Enter offers the new-customer form filled from the query"
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
done
[ "$(sqlite3 "$db" "SELECT count(*) FROM customers")" = "$customers_before" ] || { echo "FAIL: Escape saved a customer"; exit 1; }
for f in search-no-match search-create-customer; do
  for lang in en ru bg; do
    [ "$(stat -c %s "$shots/$f-$lang.png")" -gt 10000 ] || { echo "FAIL: screenshot $f-$lang too small"; exit 1; }
  done
done
echo "ok: search feedback in en, ru and bg; screenshots in $shots"
