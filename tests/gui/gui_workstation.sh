#!/usr/bin/env bash
# The workstation end to end under Xvfb: pops a card through the loopback HTTP endpoint while one
# configured backend hangs (accepts, never answers), checks the window shows that customer with the
# backend marked, checks that the event loop never waited on that backend (no stall near its timeout), and saves screenshots of the
# operator card, the SLA board and the due-contacts list in English and Russian.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
"$cli" --config "$src/config/kartoteka.yaml" --db "$work/demo.db" demo seed --customers 2000 --now "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >/dev/null

"$build/tests/gui/hung_server" 90 > "$work/hung.port" & pids+=($!)
# A helpdesk that knows callers this seat has never seen (another seed, served in the Freshdesk shape).
"$cli" --config "$src/config/kartoteka.yaml" --db "$work/helpdesk.db" demo seed --customers 30 --seed 7 >/dev/null
helpdesk_port=$(( 20000 + RANDOM % 20000 ))
FRESHDESK_API_KEY=test "$cli" --db "$work/helpdesk.db" demo serve --port "$helpdesk_port" >"$work/helpdesk.log" 2>&1 & pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/hung.port" ] && break; sleep 0.1; done
hung_port=$(cat "$work/hung.port")
pop_port=$(( 20000 + RANDOM % 20000 ))
config() {  # $1 login, $2 language
  sed -e "s/^  login: .*/  login: $1/" -e "s/^  language: .*/  language: $2/" -e "s/^  port: 18765 .*/  port: $pop_port/" \
      "$src/config/kartoteka.yaml" > "$work/$1-$2.yaml"
  cat >> "$work/$1-$2.yaml" <<YAML
YAML
  # A hung helpdesk among the sources: the card must come without it, marked. A working one beside it.
  sed -i "s/^connectors: \[\]/connectors:\n  - name: hung-helpdesk\n    type: rest\n    timeout_ms: 800\n    settings:\n      preset: freshdesk\n      base_url: http:\/\/127.0.0.1:$hung_port\n      secret_env: FRESHDESK_API_KEY\n  - name: demo-helpdesk\n    type: rest\n    priority: 20\n    timeout_ms: 800\n    settings:\n      preset: freshdesk\n      base_url: http:\/\/127.0.0.1:$helpdesk_port\n      secret_env: FRESHDESK_API_KEY/" "$work/$1-$2.yaml"
}
export KARTOTEKA_POP_TOKEN=gui-test-token-0123456789 FRESHDESK_API_KEY=test

for lang in en ru; do
  # Operator: pop a known customer through the HTTP endpoint.
  config operator "$lang"
  grep -q "hung-helpdesk" "$work/operator-$lang.yaml" || { echo "FAIL: test config has no hung source"; exit 1; }
  # A callback this operator promised for a minute ago: the window announces it when it starts.
  [ "$lang" = en ] && sqlite3 "$work/demo.db" "INSERT INTO callbacks(customer_id, agent_id, due_at, note, status, created_by,
    created_at) SELECT 1, id, strftime('%s','now') - 60, 'promised yesterday', 'open', id, strftime('%s','now') - 86400
    FROM agents WHERE login = 'operator'"
  gui_start "$work/op-$lang.log" --config "$work/operator-$lang.yaml" --db "$work/demo.db"
  wait_for "^kartoteka: screen pop on" "$work/op-$lang.log"
  if [ "$lang" = en ]; then
    wait_for "^kartoteka: callback reminder" "$work/op-$lang.log"
    echo "operator/en: a callback due now was announced"
  fi
  phone=$(sqlite3 "$work/demo.db" "SELECT p.e164 FROM customer_phones p JOIN tickets t ON t.customer_id=p.customer_id JOIN offers o ON o.customer_id=p.customer_id LIMIT 1")
  name=$(sqlite3 "$work/demo.db" "SELECT last_name||' '||first_name FROM customers c JOIN customer_phones p ON p.customer_id=c.id WHERE p.e164='$phone'")
  code=$(curl -s -o "$work/pop.json" -w "%{http_code}" -G --data-urlencode "phone=$phone" -H "X-Kartoteka-Token: gui-test-token-0123456789" "http://127.0.0.1:$pop_port/pop")
  [ "$code" = 200 ] || { cat "$work/pop.json"; echo "FAIL: pop answered $code"; exit 1; }
  grep -q '"name":"hung-helpdesk"' "$work/pop.json" || { echo "FAIL: the hung source is not in the card's sources"; exit 1; }
  wait_for "^kartoteka: card $name" "$work/op-$lang.log"
  stall=$(grep "^kartoteka: ui max stall" "$work/op-$lang.log" | tail -n 1 | grep -o '[0-9]*' | head -n 1)
  echo "operator/$lang: card of $name shown; event loop max stall ${stall} ms while a backend hung"
  # The failure this catches is the window waiting on the hung backend: a stall near its 800 ms
  # timeout. Drawing the card costs 25-75 ms on an idle machine and twice that on two busy CI cores
  # (196 ms seen while a build ran beside the tests), so the line is half the timeout, not a frame budget.
  [ "$stall" -lt 400 ] || { echo "FAIL: the window stalled ${stall} ms (waiting on the hung backend?)"; exit 1; }
  sleep 0.5; import -window root "$shots/card-$lang.png"
  if [ "$lang" = en ]; then
    # A caller only the helpdesk knows: their card comes from it, and a local record linked to the
    # helpdesk's id is kept so the call can be logged (the next pop finds them locally).
    # One with tickets in the helpdesk, so the window and the endpoint have SLA clocks to agree on.
    stranger=$(sqlite3 "$work/helpdesk.db" "ATTACH '$work/demo.db' AS seat; SELECT p.e164 FROM customer_phones p
      WHERE p.e164 NOT IN (SELECT e164 FROM seat.customer_phones)
      ORDER BY EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = p.customer_id) DESC, p.e164 LIMIT 1")
    code=$(curl -s -o "$work/pop2.json" -w "%{http_code}" -G --data-urlencode "phone=$stranger" -H "X-Kartoteka-Token: gui-test-token-0123456789" "http://127.0.0.1:$pop_port/pop")
    [ "$code" = 200 ] || { cat "$work/pop2.json" "$work/helpdesk.log"; echo "FAIL: pop of a helpdesk-only caller answered $code"; exit 1; }
    # The window and the endpoint show one card: the same local id, tickets by the backend's number, SLA states.
    json_tickets=$(sqlite3 :memory: "SELECT coalesce(group_concat(coalesce(json_extract(value,'\$.ref.system')||':'||json_extract(value,'\$.ref.id'),
      '#'||json_extract(value,'\$.id'))||'='||coalesce(json_extract(value,'\$.sla.state'),'-'), ','), 'none')
      FROM json_each(json_extract(readfile('$work/pop2.json'), '\$.tickets'))")
    json_id=$(sqlite3 :memory: "SELECT json_extract(readfile('$work/pop2.json'), '\$.customer.id')")
    wait_for "^kartoteka: card #$json_id tickets " "$work/op-$lang.log"
    window_tickets=$(grep "^kartoteka: card #$json_id tickets " "$work/op-$lang.log" | tail -n 1 | sed 's/.* tickets //')
    [ "$window_tickets" = "$json_tickets" ] ||
      { echo "FAIL: the window shows tickets '$window_tickets', the endpoint's JSON '$json_tickets'"; exit 1; }
    echo "operator/en: window and endpoint agree on card #$json_id: $json_tickets"
    [ "$(sqlite3 "$work/demo.db" "SELECT count(*) FROM customer_phones WHERE e164='$stranger'")" = 1 ] ||
      { echo "FAIL: the helpdesk-only caller was not kept locally"; exit 1; }
    [ "$(sqlite3 "$work/demo.db" "SELECT count(*) FROM customer_refs r JOIN customer_phones p ON p.customer_id=r.customer_id
         WHERE p.e164='$stranger' AND r.system='demo-helpdesk'")" = 1 ] || { echo "FAIL: no link to the helpdesk's id"; exit 1; }
    [ "$(sqlite3 :memory: "SELECT json_extract(readfile('$work/pop2.json'), '\$.customer.id') > 0")" = 1 ] ||
      { echo "FAIL: the pop answered a card without the local id"; exit 1; }
    echo "operator/en: a helpdesk-only caller popped and was kept locally, linked to the helpdesk"
    # A pop while the agent writes about this caller: the dialog keeps its customer, the endpoint still
    # answers, and the new caller's card opens when the dialog is saved.
    cards_of_first=$(grep -c "^kartoteka: card $name" "$work/op-$lang.log")
    gui_dialog F2
    xdotool type --delay 15 "Asked about the pop test"
    code=$(curl -s -o "$work/pop3.json" -w "%{http_code}" -G --data-urlencode "phone=$phone" -H "X-Kartoteka-Token: gui-test-token-0123456789" "http://127.0.0.1:$pop_port/pop")
    [ "$code" = 200 ] || { echo "FAIL: a pop during a dialog answered $code"; exit 1; }
    wait_for "^kartoteka: pop waits for the dialog" "$work/op-$lang.log"
    [ "$(grep -c "^kartoteka: card $name" "$work/op-$lang.log")" = "$cards_of_first" ] ||
      { echo "FAIL: the card under the open dialog was swapped"; exit 1; }
    xdotool key ctrl+Return
    wait_for "^kartoteka: saved contact" "$work/op-$lang.log"
    [ "$(sqlite3 "$work/demo.db" "SELECT customer_id FROM interactions WHERE summary='Asked about the pop test'")" = "$json_id" ] ||
      { echo "FAIL: the note was not saved to the dialog's customer"; exit 1; }
    for _ in $(seq 1 50); do [ "$(grep -c "^kartoteka: card $name" "$work/op-$lang.log")" -gt "$cards_of_first" ] && break; sleep 0.2; done
    [ "$(grep -c "^kartoteka: card $name" "$work/op-$lang.log")" -gt "$cards_of_first" ] ||
      { echo "FAIL: the waiting pop did not open after the dialog closed"; exit 1; }
    echo "operator/en: a pop during a dialog waited; the note went to the dialog's customer, then the caller's card opened"
    # F8 on the card: the callback this operator promises is saved as theirs.
    gui_dialog F8
    xdotool type --delay 15 "Call about the pop test"
    xdotool key ctrl+Return
    wait_for "^kartoteka: saved callback" "$work/op-$lang.log"
    [ "$(sqlite3 "$work/demo.db" "SELECT a.login FROM callbacks c JOIN agents a ON a.id = c.agent_id
         WHERE c.note = 'Call about the pop test' AND c.status = 'open'")" = operator ] ||
      { echo "FAIL: the callback from F8 is not the operator's"; exit 1; }
    echo "operator/en: F8 saved a callback owned by the operator"
  fi
  gui_stop
  # Supervisor: the SLA board.
  config supervisor "$lang"
  gui_start "$work/sup-$lang.log" --config "$work/supervisor-$lang.yaml" --db "$work/demo.db"
  wait_for "^kartoteka: board [1-9]" "$work/sup-$lang.log"
  sleep 0.5; import -window root "$shots/board-$lang.png"
  gui_stop
  # Service staff: today's contacts.
  config service "$lang"
  gui_start "$work/svc-$lang.log" --config "$work/service-$lang.yaml" --db "$work/demo.db"
  wait_for "^kartoteka: contacts " "$work/svc-$lang.log"
  sleep 0.5; import -window root "$shots/contacts-$lang.png"
  gui_stop
done
for f in card board contacts; do for lang in en ru; do
  [ "$(stat -c %s "$shots/$f-$lang.png")" -gt 20000 ] || { echo "FAIL: screenshot $f-$lang too small"; exit 1; }
done; done
echo "ok: workstation popped, stayed responsive, screenshots in $shots"
