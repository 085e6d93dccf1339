#!/usr/bin/env bash
# The operator's card on a live call (issue 18), under Xvfb in English, Russian and Bulgarian:
#  - a returned customer with a breached complaint, in quiet hours, who calls us themselves, pops; the
#    alert strip names all of it, heaviest first, without a tab being switched, and no sale is offered
#    while the complaint is open;
#  - F6 with several offers and an immediate Ctrl+Enter saves nothing;
#  - the card's screenshot in each language for the README (doc/screenshots).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
db="$work/centre.db"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"; epoch=$(date -u +%s)
ago() { date -u -d "@$(( epoch - $1 * 86400 ))" +%Y-%m-%dT%H:%M:%SZ; }
run() { "$cli" --config "$src/config/kartoteka.yaml" --db "$db" "$@"; }
run demo seed --customers 400 --now "$now" >/dev/null

# A customer with a breached complaint and at least two open offers (the demo has such).
sed -e "s/^  login: .*/  login: supervisor/" "$src/config/kartoteka.yaml" > "$work/supervisor.yaml"
"$cli" --config "$work/supervisor.yaml" --db "$db" sla board --json --no-record --at "$now" > "$work/board.json"
breached=$(sqlite3 :memory: "SELECT group_concat(json_extract(value,'\$.ticket_id')) FROM json_each(json_extract(readfile('$work/board.json'),'\$.tickets'))
  WHERE json_extract(value,'\$.state')='breached'")
[ -n "$breached" ] || { echo "FAIL: the demo store has no breached complaint"; exit 1; }
id=$(sqlite3 "$db" "SELECT t.customer_id FROM tickets t WHERE t.id IN ($breached)
  AND (SELECT count(*) FROM offers o WHERE o.customer_id=t.customer_id AND o.status IN ('planned','in_progress','postponed')) >= 2
  AND NOT EXISTS (SELECT 1 FROM lifecycle_events e WHERE e.customer_id=t.customer_id) ORDER BY t.customer_id LIMIT 1")
[ -n "$id" ] || { echo "FAIL: no customer with a breached complaint and two open offers"; exit 1; }
phone=$(sqlite3 "$db" "SELECT e164 FROM customer_phones WHERE customer_id=$id ORDER BY position LIMIT 1")
# Lost to a competitor ten days ago, back with a trial order yesterday: returned, extremely sensitive.
run lifecycle lost --customer "$id" --reason competitor --by operator --now "$(ago 10)" >/dev/null
run deal close --customer "$id" --amount 490 --product "Trial week" --now "$(ago 1)" >/dev/null
# In their quiet hours right now (their zone is UTC here), and they call us themselves.
minute=$(( (epoch % 86400) / 60 ))
sqlite3 "$db" "INSERT INTO preferences(customer_id) VALUES($id) ON CONFLICT DO NOTHING;
  UPDATE preferences SET quiet_from=$(( (minute + 1380) % 1440 )), quiet_to=$(( (minute + 120) % 1440 )), timezone='UTC',
  calls_themselves=1, do_not_call=0, written_only=0 WHERE customer_id=$id;
  UPDATE offers SET script='Family plan: 4 SIMs, 20% off for 6 months' WHERE customer_id=$id;"
run customer pin --id "$id" --note "Hard of hearing: speak slowly" >/dev/null
offers_before=$(sqlite3 "$db" "SELECT group_concat(status||version) FROM offers WHERE customer_id=$id ORDER BY id")

pop_port=$(( 20000 + RANDOM % 20000 ))
export KARTOTEKA_POP_TOKEN=gui-card-token-0123456789
for lang in en ru bg; do
  sed -e "s/^  language: .*/  language: $lang/" -e "s/^  port: 18765 .*/  port: $pop_port/" "$src/config/kartoteka.yaml" > "$work/$lang.yaml"
  log="$work/op-$lang.log"
  gui_start "$log" --config "$work/$lang.yaml" --db "$db"
  wait_for "^kartoteka: screen pop on" "$log"
  curl -s -o /dev/null -G --data-urlencode "phone=$phone" -H "X-Kartoteka-Token: $KARTOTEKA_POP_TOKEN" "http://127.0.0.1:$pop_port/pop"
  wait_for "^kartoteka: alerts " "$log"
  alerts=$(grep "^kartoteka: alerts " "$log" | tail -n 1 | sed 's/^kartoteka: alerts //')
  echo "operator/$lang: alerts on the card: $alerts"
  # Heaviest first: returned before the complaint, the complaint before the customer's own wishes.
  order=$(echo "$alerts" | tr ', ' '\n\n' | grep -nE '^(returned|complaint|quiet_hours_now|calls_themselves)$' | cut -d: -f2 | uniq | tr '\n' ' ')
  [ "$order" = "returned complaint quiet_hours_now calls_themselves " ] ||
    { echo "FAIL: expected returned, complaint, quiet hours now, calls themselves in that order; got '$order'"; exit 1; }
  case " $alerts " in *" no_offer "*) ;; *) echo "FAIL: an offer may be made while the complaint is open"; exit 1;; esac
  grep -q "^kartoteka: card tab" "$log" && { echo "FAIL: a tab was switched"; exit 1; }  # alerts seen without a click
  sleep 0.5; import -window root "$shots/operator-card-$lang.png"
  if [ "$lang" = en ]; then
    # After a card with many alerts, one with fewer: its tabs still answer the mouse (the strip of the
    # card before once lay over them).
    other=$(sqlite3 "$db" "SELECT e164 FROM customer_phones p WHERE customer_id<>$id AND NOT EXISTS (SELECT 1 FROM tickets t
      WHERE t.customer_id=p.customer_id AND t.status IN ('open','waiting_customer')) ORDER BY customer_id LIMIT 1")
    n=$(grep -c "^kartoteka: complaints tab at" "$log")
    curl -s -o /dev/null -G --data-urlencode "phone=$other" -H "X-Kartoteka-Token: $KARTOTEKA_POP_TOKEN" "http://127.0.0.1:$pop_port/pop"
    for _ in $(seq 1 50); do [ "$(grep -c "^kartoteka: complaints tab at" "$log")" -gt "$n" ] && break; sleep 0.2; done
    read -r x y < <(grep "^kartoteka: complaints tab at" "$log" | tail -n 1 | sed 's/.* at //')
    [ "$x" -ge 0 ] || { echo "FAIL: the complaints tab is not on screen"; exit 1; }
    xdotool mousemove "$x" "$y" click 1
    wait_for "^kartoteka: card tab 2" "$log" 5 || { echo "FAIL: a click on the complaints tab after a card with alerts did nothing"; exit 1; }
    echo "operator/en: the next card's tabs answer a click"
  fi
  if [ "$lang" = ru ]; then
    # F6 with several offers and Ctrl+Enter at once: nothing is saved.
    # (The refusal box that explains why is closed with Return, the dialog with Escape.)
    gui_dialog F6; gui_dialog ctrl+Return; gui_close Return; gui_close Escape
    after=$(sqlite3 "$db" "SELECT group_concat(status||version) FROM offers WHERE customer_id=$id ORDER BY id")
    [ "$after" = "$offers_before" ] || { echo "FAIL: F6 + Ctrl+Enter changed the offers: $offers_before -> $after"; exit 1; }
    grep -q "^kartoteka: saved offer" "$log" && { echo "FAIL: F6 + Ctrl+Enter saved an offer"; exit 1; }
    echo "operator/ru: F6 and an immediate Ctrl+Enter saved nothing"
  fi
  gui_stop
done
for lang in en ru bg; do
  [ "$(stat -c %s "$shots/operator-card-$lang.png")" -gt 20000 ] || { echo "FAIL: screenshot $lang too small"; exit 1; }
done
echo "ok: the operator's card shows what matters at a glance in en, ru and bg; screenshots in $shots"
