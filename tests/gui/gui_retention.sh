#!/usr/bin/env bash
# The supervisor's retention page (issue 19) under Xvfb in English, Russian and Bulgarian, on the
# prepared store (tests/retention/retention_fixture.h) with its worked month put last month: 1000
# rouble customers at its start, 200 lost, 20% count churn, 200 x 2000 RUB x 6 = 2,400,000 RUB money
# churn; 50 euro customers, 5 lost, kept apart (10%, 500 EUR). Checks the figures from the --trace
# lines the page writes (in the UI language's own number format), takes a screenshot per language, and in
# English exports the CSV through the save dialog and finds the same figures in the file.
# With KARTOTEKA_TEST_PG the English run is repeated on PostgreSQL.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fixture="$build/tests/retention/retention_fixture"
month="$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m)"
"$fixture" "$work/centre.db" "$month"
cd "$work"  # the export below saves into the window's working directory

# The page's line for one currency and the worked month, with the digit grouping (narrow no-break
# spaces) and the space before % taken out: "1000 200 20,00% 2400000,00".
figures() { grep "^kartoteka: retention $1 $month-01 " "$2" | tail -n 1 | sed "s/^kartoteka: retention $1 $month-01 //" |
  sed -e 's/\xe2\x80\xaf//g' -e 's/\xc2\xa0//g'; }

check() {  # lang db log
  local lang="$1" db="$2" log="$3" sep="."
  [ "$lang" = en ] || sep=","
  local rub eur
  rub="$(figures RUB "$log")"; eur="$(figures EUR "$log")"
  echo "supervisor/$lang: RUB $rub; EUR $eur"
  [ "$rub" = "1000 200 20${sep}00% 2400000${sep}00" ] || { echo "FAIL: RUB figures of $month: '$rub'"; exit 1; }
  [ "$eur" = "50 5 10${sep}00% 500${sep}00" ] || { echo "FAIL: EUR figures of $month: '$eur'"; exit 1; }
}

run_page() {  # lang db shot
  local lang="$1" db="$2" shot="$3" log="$work/$1-$RANDOM.log"
  sed -e "s/^  language: .*/  language: $lang/" -e "s/^  login: .*/  login: supervisor/" \
      -e "/^screen_pop:/,/^  enabled:/ s/^  enabled: true/  enabled: false/" "$src/config/kartoteka.yaml" > "$work/$lang.yaml"
  gui_start "$log" --config "$work/$lang.yaml" --db "$db"
  wait_for "^kartoteka: board " "$log" 30
  xdotool key ctrl+5
  wait_for "^kartoteka: retention shown in" "$log" 30
  check "$lang" "$db" "$log"
  grep "^kartoteka: retention shown in" "$log" | tail -n 1
  if [ -n "$shot" ]; then sleep 1; import -window root "$shot"; fi
  [ "$lang" != en ] || [ -z "$shot" ] || export_csv "$log"
  gui_stop
}

# "Export CSV" from the keyboard (Tab from the range field to the button), the save dialog's own
# name taken (retention.csv in the working directory; typing a path races GTK's completion): the file
# holds what the page showed.
export_csv() {  # log
  local csv; rm -f "$work/retention.csv"
  xdotool key Tab Tab Tab Tab
  gui_dialog space
  # GTK's chooser may take the first Return while it settles: press again until it saved.
  for _ in 1 2 3; do
    sleep 0.5; xdotool key Return
    for _ in $(seq 1 20); do grep -q "^kartoteka: retention exported " "$1" && break 2; sleep 0.1; done
  done
  grep -q "^kartoteka: retention exported " "$1" || import -window root "$shots/retention-export-failed.png"
  wait_for "^kartoteka: retention exported " "$1" 10
  csv="$(grep "^kartoteka: retention exported " "$1" | tail -n 1 | sed 's/^kartoteka: retention exported //')"
  [ "$csv" = "$work/retention.csv" ] || fail "the export went to $csv, not the working directory"
  # A period row: kind, currency, its start and end as UTC instants, key, at start, lost, count churn %,
  # annualised %, verdict, average bill, payments, money churn, ...
  grep -q "^month,RUB,[^,]*,[^,]*,,1000,200,20.00,[^,]*,needs_action,2000.00,6.00,2400000.00," "$csv" ||
    { cat "$csv"; fail "the exported CSV lacks the worked month's RUB figures"; }
  grep -q "^month,EUR,[^,]*,[^,]*,,50,5,10.00," "$csv" || { cat "$csv"; fail "the exported CSV lacks the EUR figures"; }
  echo "supervisor/en: Export CSV wrote $(wc -l < "$csv") lines with the worked month's figures"
}

for lang in en ru bg; do run_page "$lang" "$work/centre.db" "$shots/retention-$lang.png"; done
for lang in en ru bg; do
  [ "$(stat -c %s "$shots/retention-$lang.png")" -gt 20000 ] || { echo "FAIL: screenshot $lang too small"; exit 1; }
done
if [ -n "${KARTOTEKA_TEST_PG:-}" ]; then
  psql -q "$KARTOTEKA_TEST_PG" -c "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1
  "$fixture" "$KARTOTEKA_TEST_PG" "$month"
  run_page en "$KARTOTEKA_TEST_PG" ""
  psql -q "$KARTOTEKA_TEST_PG" -c "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1 || true
fi
echo "ok: the retention page shows the seeds' worked figures per currency in en, ru and bg; screenshots in $shots"
