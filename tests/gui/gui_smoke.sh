#!/usr/bin/env bash
# GUI smoke test: start the real workstation on a seeded SQLite file under the X display CTest runs in
# (xvfb-run), open a customer's card from the command line, check the window shows that customer,
# take a screenshot of the screen, and make sure the program is still running (not frozen or crashed).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
"$cli" --config "$src/config/kartoteka.yaml" --db "$work/demo.db" demo seed --customers 500 --now 2026-11-24T09:00:00Z >/dev/null
# A customer with exactly one open offer, no next step agreed yet and nothing in the rules against
# offering it now (the work-offer part below), and no complaint open (which would hold the sale back).
phone=""
for id in $(sqlite3 "$work/demo.db" "SELECT o.customer_id FROM offers o
  WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id=o.customer_id AND t.status IN ('open','waiting_customer'))
  GROUP BY o.customer_id HAVING SUM(o.status IN ('planned','in_progress','postponed'))=1
  AND SUM(o.status IN ('planned','in_progress','postponed') AND o.next_step_kind='none')=1 ORDER BY o.customer_id LIMIT 40"); do
  "$cli" --config "$src/config/kartoteka.yaml" --db "$work/demo.db" card --id "$id" --json | python3 -c '
import json, sys
c = json.load(sys.stdin)
sys.exit(0 if any(o["eligibility"]["eligible"] for o in c["offers"] if o["status"] in ("planned", "in_progress", "postponed")) else 1)
' || continue
  phone=$(sqlite3 "$work/demo.db" "SELECT e164 FROM customer_phones WHERE customer_id=$id ORDER BY position LIMIT 1"); break
done
[ -n "$phone" ] || { echo "FAIL: no demo customer with one offer that may be made now"; exit 1; }
name=$(sqlite3 "$work/demo.db" "SELECT last_name FROM customers c JOIN customer_phones p ON p.customer_id=c.id WHERE p.e164='$phone'")
gui_start "$work/gui.log" --config "$src/config/kartoteka.yaml" --db "$work/demo.db" "tel:$phone"
pid="${pids[-1]}"
# Wait for the complete card (a "card (partial)" line comes first, as the local part shows at once).
for _ in $(seq 1 100); do grep -q "^kartoteka: card $name" "$work/gui.log" && break; sleep 0.2; done
cat "$work/gui.log"
grep -q "^kartoteka: window shown" "$work/gui.log" || { echo "FAIL: window never shown"; exit 1; }
grep -q "^kartoteka: card $name" "$work/gui.log" || { echo "FAIL: card of $name ($phone) not shown"; exit 1; }
sleep 0.5
shot="${KARTOTEKA_SCREENSHOT_DIR:-$build}/gui-smoke.png"
import -window root "$shot"
size=$(stat -c %s "$shot")
[ "$size" -gt 20000 ] || { echo "FAIL: screenshot $shot is only $size bytes"; exit 1; }
kill -0 "$pid" || { echo "FAIL: the workstation exited"; exit 1; }

# F2: log a contact the same way.
gui_dialog F2
xdotool type --delay 15 "Promised a callback tomorrow"
xdotool key ctrl+Return
for _ in $(seq 1 50); do grep -q "^kartoteka: saved contact" "$work/gui.log" && break; sleep 0.2; done
[ "$(sqlite3 "$work/demo.db" "SELECT summary FROM interactions ORDER BY id DESC LIMIT 1")" = "Promised a callback tomorrow" ] \
  || { cat "$work/gui.log"; echo "FAIL: contact not saved"; exit 1; }
# F6: work the offer, keyboard only. Accepted with an office visit but no address: the core refuses it,
# the dialog comes back with its message and what was typed; Tab to the address, then it saves.
gui_dialog F6
wait_for "^kartoteka: work offer dialog" "$work/gui.log"
xdotool key Right; xdotool key Tab            # outcome: accepted; on to what the customer said
xdotool type --delay 15 "Will come to sign the contract"
xdotool key Tab; xdotool key Right; xdotool key Tab   # next step: visit to an office; on to the date
xdotool type --delay 15 "tomorrow 11:00"
xdotool key ctrl+Return
for _ in $(seq 1 50); do grep -q "^kartoteka: offer refused" "$work/gui.log" && break; sleep 0.2; done
grep -qi "^kartoteka: offer refused .*address" "$work/gui.log" \
  || { cat "$work/gui.log"; echo "FAIL: an office visit without an address was not refused"; exit 1; }
sleep 1.5
import -window root "${KARTOTEKA_SCREENSHOT_DIR:-$build}/gui-smoke-offer-refused.png"
xdotool key Tab Tab Tab Tab                   # outcome -> said -> step -> date -> address
xdotool type --delay 15 "Tverskaya 7, office 12"
xdotool key ctrl+Return
for _ in $(seq 1 50); do grep -q "^kartoteka: saved offer accepted" "$work/gui.log" && break; sleep 0.2; done
grep -q "^kartoteka: saved offer accepted" "$work/gui.log" || { cat "$work/gui.log"; echo "FAIL: offer not saved"; exit 1; }
# The store through the CLI: the outcome, the customer's words (kept through the refusal), the next step.
expected_at=$(date -u -d "@$(TZ=Europe/Moscow date -d "tomorrow 11:00" +%s)" +%Y-%m-%dT%H:%M:%SZ)  # the centre's zone (locale.timezone)
"$build/app/cli/kartoteka-cli" --config "$src/config/kartoteka.yaml" --db "$work/demo.db" card --phone "$phone" --json \
  | python3 -c '
import json, sys
o = [o for o in json.load(sys.stdin)["offers"] if o["status"] == "accepted" and o["next_step"]["kind"] == "office"]
assert o, "no accepted offer with an office visit"
o = o[0]
assert o["outcome"] == "Will come to sign the contract", o["outcome"]
assert o["next_step"]["address"] == "Tverskaya 7, office 12", o["next_step"]
assert o["next_step"]["at"] == sys.argv[1], (o["next_step"]["at"], sys.argv[1])
' "$expected_at" || { echo "FAIL: the worked offer is not in the store as typed"; exit 1; }
# Keyboard only (after the offer: an open complaint holds every sale back): F3 opens the complaint dialog on the open card, typing fills the subject (it has the
# focus), Ctrl+Enter saves; the ticket must be in the store with the signed-in agent as its owner.
before=$(sqlite3 "$work/demo.db" "SELECT COUNT(*) FROM tickets")
gui_dialog F3
xdotool type --delay 15 "Charged twice for October"
xdotool key ctrl+Return
for _ in $(seq 1 50); do grep -q "^kartoteka: saved complaint" "$work/gui.log" && break; sleep 0.2; done
grep -q "^kartoteka: saved complaint" "$work/gui.log" || { cat "$work/gui.log"; echo "FAIL: complaint not saved"; exit 1; }
row=$(sqlite3 "$work/demo.db" "SELECT t.subject, a.login FROM tickets t JOIN agents a ON a.id=t.owner_id ORDER BY t.id DESC LIMIT 1")
[ "$row" = "Charged twice for October|operator" ] || { echo "FAIL: stored complaint is '$row'"; exit 1; }
[ "$(sqlite3 "$work/demo.db" "SELECT COUNT(*) FROM tickets")" -eq $((before + 1)) ] || { echo "FAIL: ticket count"; exit 1; }
# Shortcuts go by the physical key whatever layout is active (wxGTK reports Ctrl with a Cyrillic letter):
# Ctrl with the Russian а and with the Bulgarian (BDS) о, both on the physical F key, is Ctrl+F; the BDS
# а sits on the physical D key, so Ctrl+а there is not.
shortcuts() { grep -c "^kartoteka: shortcut Ctrl+F" "$work/gui.log" || true; }
for layout in ru:Cyrillic_a bg:Cyrillic_o; do
  setxkbmap "${layout%%:*}"; sleep 0.3
  n=$(shortcuts); xdotool key "ctrl+${layout#*:}"
  for _ in $(seq 1 25); do [ "$(shortcuts)" -gt "$n" ] && break; sleep 0.2; done
  [ "$(shortcuts)" -gt "$n" ] || { setxkbmap us; cat "$work/gui.log"; echo "FAIL: Ctrl+F under the ${layout%%:*} layout"; exit 1; }
done
n=$(shortcuts); xdotool key ctrl+Cyrillic_a; sleep 0.5
[ "$(shortcuts)" = "$n" ] || { setxkbmap us; echo "FAIL: Ctrl with the BDS а (physical D) taken for Ctrl+F"; exit 1; }
setxkbmap us
kill -0 "$pid" || { echo "FAIL: the workstation exited"; exit 1; }
echo "ok: Ctrl+F by the physical key under the ru and bg (BDS) layouts"

# Nothing is saved by accident. A customer with two open offers: F6 and an immediate Ctrl+Enter save
# nothing (the dialog says what is missing; Return closes that note, Escape the untouched dialog).
two=$(sqlite3 "$work/demo.db" "SELECT p.e164 FROM customer_phones p JOIN offers o ON o.customer_id=p.customer_id
  GROUP BY p.customer_id HAVING SUM(o.status IN ('planned','in_progress','postponed'))>=2 ORDER BY p.customer_id LIMIT 1")
two_name=$(sqlite3 "$work/demo.db" "SELECT last_name FROM customers c JOIN customer_phones p ON p.customer_id=c.id WHERE p.e164='$two'")
offers_before=$(sqlite3 "$work/demo.db" "SELECT group_concat(id||':'||status||':'||version) FROM offers ORDER BY id")
xdotool key ctrl+f; xdotool type --delay 15 "$two"
for _ in $(seq 1 50); do grep -q "^kartoteka: results 1 for $two" "$work/gui.log" && break; sleep 0.2; done
xdotool key Return
for _ in $(seq 1 50); do grep -q "^kartoteka: card $two_name" "$work/gui.log" && break; sleep 0.2; done
grep -q "^kartoteka: card $two_name" "$work/gui.log" || { cat "$work/gui.log"; echo "FAIL: card of $two_name not opened from the keyboard"; exit 1; }
saved_before=$(grep -c "^kartoteka: saved offer" "$work/gui.log" || true)
dialogs=$(grep -c "^kartoteka: work offer dialog" "$work/gui.log" || true)
gui_dialog F6
[ "$(grep -c "^kartoteka: work offer dialog" "$work/gui.log")" -gt "$dialogs" ] || { echo "FAIL: F6 opened no dialog"; exit 1; }
gui_dialog ctrl+Return   # refused: "Nothing to save yet"
gui_close Return         # closes the note
gui_close Escape         # nothing typed: the dialog closes without asking
[ "$(grep -c "^kartoteka: saved offer" "$work/gui.log" || true)" = "$saved_before" ] || { echo "FAIL: an empty offer outcome was saved"; exit 1; }
[ "$(sqlite3 "$work/demo.db" "SELECT group_concat(id||':'||status||':'||version) FROM offers ORDER BY id")" = "$offers_before" ] ||
  { echo "FAIL: F6 and Ctrl+Enter changed an offer"; exit 1; }
# Escape with typed words asks first; the default answer keeps the dialog and its words.
saved_contacts=$(grep -c "^kartoteka: saved contact" "$work/gui.log" || true)
gui_dialog F2
xdotool type --delay 15 "Asked about roaming"
gui_dialog Escape        # "Throw away what you typed?" - No is the default
gui_close Return
xdotool key ctrl+Return
for _ in $(seq 1 50); do [ "$(grep -c "^kartoteka: saved contact" "$work/gui.log")" -gt "$saved_contacts" ] && break; sleep 0.2; done
[ "$(grep -c "^kartoteka: saved contact" "$work/gui.log")" -gt "$saved_contacts" ] || { cat "$work/gui.log"; echo "FAIL: Escape threw the typed note away"; exit 1; }
[ "$(sqlite3 "$work/demo.db" "SELECT count(*) FROM interactions WHERE summary='Asked about roaming'")" = 1 ] ||
  { echo "FAIL: the kept note was not saved"; exit 1; }
echo "ok: F6 + Ctrl+Enter with two offers saved nothing; Escape kept typed words until the agent agreed"
echo "ok: card of $name shown, complaint, contact and worked offer saved from the keyboard; screenshot $shot ($size bytes)"
