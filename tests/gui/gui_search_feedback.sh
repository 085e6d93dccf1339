#!/usr/bin/env bash
# The search box tells the agent what happened (issue 18, m5), under Xvfb in English, Russian and
# Bulgarian:
#  - the last digits of a stored number ("369-11-54") and a Bulgarian national number in a RU centre
#    ("0871 250 405") find their customers;
#  - a query nobody matches says so, with what was searched, and Enter on it opens the new-customer form
#    filled from the query (closed again with Escape: nothing is saved);
#  - a query that hits the list's limit says the list is the first of more, not a count; a screen pop
#    then clears that caption with the query;
#  - a screenshot of the no-match message and of the form in each language (doc/screenshots).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
db="$work/centre.db"
"$cli" --config "$src/config/kartoteka.yaml" --db "$db" demo seed --customers 400 >/dev/null
customers_before=$(sqlite3 "$db" "SELECT count(*) FROM customers")

ru=$(sqlite3 "$db" "SELECT e164 FROM customer_phones WHERE e164 LIKE '+7%' ORDER BY customer_id LIMIT 1")
bg=$(sqlite3 "$db" "SELECT e164 FROM customer_phones WHERE e164 LIKE '+3598%' ORDER BY customer_id LIMIT 1")
[ -n "$ru" ] && [ -n "$bg" ] || { echo "FAIL: the demo store has no Russian or no Bulgarian number"; exit 1; }
ending="${ru: -7:3}-${ru: -4:2}-${ru: -2}"   # +79161234567 -> 123-45-67
national="0${bg:4:2} ${bg:6:3} ${bg:9}"      # +359871250405 -> 087 125 0405

# Types a query into the search field (Ctrl+F selects what was there) and waits for its complete result.
query() {
  xdotool key ctrl+f; sleep 0.3; xdotool type --delay 40 "$1"
  wait_for "^kartoteka: results [0-9]* for $1\$" "$log"
}
pop_port=$(( 20000 + RANDOM % 20000 ))
export KARTOTEKA_POP_TOKEN=gui-search-token-0123456789
for lang in en ru bg; do
  sed -e "s/^  language: .*/  language: $lang/" -e "s/^  port: 18765 .*/  port: $pop_port/" "$src/config/kartoteka.yaml" > "$work/$lang.yaml"
  log="$work/search-$lang.log"
  gui_start "$log" --config "$work/$lang.yaml" --db "$db"
  win=$(gui_window) || fail "$lang: no window"
  wait_for "^kartoteka: screen pop on" "$log"
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
  # "I" starts more than 50 names (Ivan, Ilya, Iliev, ... in their Latin spelling): the first 50 are listed.
  query "I"
  grep -q "^kartoteka: results 50 for I\$" "$log" || fail "$lang: 'I' did not fill the list"
  caption=$(grep "^kartoteka: search caption " "$log" | tail -n 1)
  case $lang in en) first="the first 50";; ru) first="первые 50";; bg) first="първите 50";; esac
  echo "$caption" | grep -q "$first" || fail "$lang: a full list reads as a count: '$caption'"
  curl -s -o /dev/null -G --data-urlencode "phone=$ru" -H "X-Kartoteka-Token: $KARTOTEKA_POP_TOKEN" "http://127.0.0.1:$pop_port/pop"
  wait_for "^kartoteka: pop " "$log"
  wait_for "^kartoteka: search caption \$" "$log" 5 || fail "$lang: the last query's caption stayed after a pop"
  echo "search/$lang: a full list says it is the first 50; a pop clears the query and its caption"
  gui_stop
done
[ "$(sqlite3 "$db" "SELECT count(*) FROM customers")" = "$customers_before" ] || { echo "FAIL: Escape saved a customer"; exit 1; }
for f in search-no-match search-create-customer; do
  for lang in en ru bg; do
    [ "$(stat -c %s "$shots/$f-$lang.png")" -gt 10000 ] || { echo "FAIL: screenshot $f-$lang too small"; exit 1; }
  done
done
echo "ok: search feedback in en, ru and bg; screenshots in $shots"
