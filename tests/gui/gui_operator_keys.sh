#!/usr/bin/env bash
# The operator's keys and dialogs on a live call (issue 18), under Xvfb in English, Russian and Bulgarian,
# each with its own keyboard layout active:
#  - Alt+1..6 switch the card's tabs;
#  - F3 on a customer with a complaint open on the first problem type warns about the repeat, shows the
#    norms with a clock-time deadline, and "show the open one" saves nothing and selects it on the card;
#  - Ctrl+N edits the pinned note: Ctrl+Enter at once saves nothing, Escape after typing asks first,
#    Ctrl+Enter saves it to the store;
#  - F4 refuses a time zone tzdata does not know and saves a known one;
#  - a call that rings while a dialog is open leaves the dialog's customer alone: the note is saved to
#    them, then the caller's card opens.
# Screenshots of the F3 warning, the pin dialog and the preferences dialog in each language.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
on_exit+=("setxkbmap us")
db="$work/centre.db"
"$cli" --config "$src/config/kartoteka.yaml" --db "$db" demo seed --customers 300 --now "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >/dev/null
q() { sqlite3 "$db" "$1"; }
count() { count_in "$1" "$log"; }
# Waits until the pattern has been traced more than $2 times.
wait_more() { wait_count "$1" "$log" "$2"; }

# The caller: a complaint open on the problem type F3 offers first (the alphabetically first one used).
first_type=$(q "SELECT min(problem_type) FROM tickets")
ticket=$(q "SELECT t.id FROM tickets t JOIN customer_phones p ON p.customer_id = t.customer_id
  WHERE t.status = 'open' ORDER BY t.problem_type = '$first_type' DESC, t.id LIMIT 1")
[ -n "$ticket" ] || fail "the demo store has no open complaint"
q "UPDATE tickets SET problem_type = '$first_type' WHERE id = $ticket"
id=$(q "SELECT customer_id FROM tickets WHERE id = $ticket")
ticket=$(q "SELECT id FROM tickets WHERE customer_id = $id AND problem_type = '$first_type'
  AND status IN ('open', 'waiting_customer') ORDER BY created_at DESC, id DESC LIMIT 1")  # the newest is named
phone=$(q "SELECT e164 FROM customer_phones WHERE customer_id = $id ORDER BY position LIMIT 1")
# Another caller, who rings while a dialog is open.
other=$(q "SELECT e164 FROM customer_phones WHERE customer_id <> $id ORDER BY customer_id LIMIT 1")
other_id=$(q "SELECT customer_id FROM customer_phones WHERE e164 = '$other'")

pop_port=$(( 20000 + RANDOM % 20000 ))
export KARTOTEKA_POP_TOKEN=gui-keys-token-0123456789
pop() { curl -s -o /dev/null -G --data-urlencode "phone=$1" -H "X-Kartoteka-Token: $KARTOTEKA_POP_TOKEN" "http://127.0.0.1:$pop_port/pop"; }
# The key that is physically N in the active layout (Ctrl+N goes by the physical key).
key_n() {
  xkbcomp -xkb "$DISPLAY" - 2>/dev/null | grep -A2 "key <AB06>" | sed -n 's/.*symbols\[Group1\]= *\[ *\([A-Za-z_]*\).*/\1/p' | head -n 1
}

for lang in en ru bg; do
  sed -e "s/^  language: .*/  language: $lang/" -e "s/^  port: 18765 .*/  port: $pop_port/" "$src/config/kartoteka.yaml" > "$work/$lang.yaml"
  log="$work/op-$lang.log"
  gui_start "$log" --config "$work/$lang.yaml" --db "$db"
  wait_for "^kartoteka: screen pop on" "$log"
  pop "$phone"
  wait_for "^kartoteka: alerts " "$log"
  case $lang in en) setxkbmap us;; ru) setxkbmap ru;; bg) setxkbmap bg;; esac; sleep 0.3

  # Alt+digit: the card's tabs, under the language's own layout.
  xdotool key alt+3; wait_for "^kartoteka: card tab 2" "$log"
  xdotool key alt+5; wait_for "^kartoteka: card tab 4" "$log"
  xdotool key alt+1; wait_for "^kartoteka: card tab 0" "$log"
  echo "operator/$lang: Alt+3, Alt+5, Alt+1 switched the card's tabs"
  setxkbmap us; sleep 0.2  # xdotool types Latin text reliably under the US layout

  # F3: the repeat and the norms before anything is saved; "show the open one" saves nothing.
  tickets=$(q "SELECT count(*) FROM tickets")
  shown=$(count "^kartoteka: card tab 2")
  xdotool key F3
  wait_for "^kartoteka: complaint preview $first_type 3 repeat #$ticket: " "$log"
  line=$(grep "^kartoteka: complaint preview $first_type 3 repeat" "$log" | tail -n 1)
  echo "$line" | grep -qE '[0-9]{2}:[0-9]{2}' || fail "no deadline clock time in '$line'"
  [ "$lang" = en ] || echo "$line" | grep -qE 'Первый|Първи|Решение' || fail "the norms are not in $lang: '$line'"
  xdotool type --delay 15 "Same problem again"
  sleep 0.8; import -window root "$shots/f3-repeat-$lang.png"
  gui_dialog ctrl+Return  # the repeat question
  import -window root "$shots/f3-repeat-question-$lang.png"
  xdotool key Return  # the question's default: show the open one
  wait_for "^kartoteka: shown complaint #$ticket" "$log"
  wait_more "^kartoteka: card tab 2" "$shown"
  [ "$(q "SELECT count(*) FROM tickets")" = "$tickets" ] || fail "F3 opened a second complaint"
  echo "operator/$lang: F3 warned about #$ticket with the norms (${line#*: }); showing it saved nothing"

  # Ctrl+N (by the physical key, under the language's layout): the pinned note.
  case $lang in en) setxkbmap us;; ru) setxkbmap ru;; bg) setxkbmap bg;; esac; sleep 0.3
  n=$(key_n); [ -n "$n" ] || fail "no key on the physical N in the $lang layout"
  echo "operator/$lang: layout $(setxkbmap -query | sed -n 's/^layout: *//p'), Ctrl+$n for Ctrl+N"
  before=$(q "SELECT pinned_note FROM customers WHERE id = $id")
  dialogs=$(count "^kartoteka: pin note dialog")
  gui_dialog "ctrl+$n"; wait_more "^kartoteka: pin note dialog" "$dialogs"
  gui_dialog ctrl+Return; gui_close Return  # "unchanged": nothing to save
  gui_close Escape                          # untouched: closes without a question
  [ "$(q "SELECT pinned_note FROM customers WHERE id = $id")" = "$before" ] || fail "an untouched pin dialog saved"
  grep -q "^kartoteka: pinned note" "$log" && fail "an untouched pin dialog saved"
  dialogs=$(count "^kartoteka: pin note dialog")
  gui_dialog "ctrl+$n"; wait_more "^kartoteka: pin note dialog" "$dialogs"
  setxkbmap us; sleep 0.2
  note="Speaks slowly, call after 18:00 ($lang)"
  xdotool key ctrl+a; xdotool type --delay 15 "$note"
  sleep 0.5; import -window root "$shots/pin-note-$lang.png"
  gui_dialog Escape; gui_close Return       # "throw away?": the default keeps typing
  xdotool key ctrl+Return
  wait_for "^kartoteka: pinned note" "$log"
  [ "$(q "SELECT pinned_note FROM customers WHERE id = $id")" = "$note" ] || fail "the pinned note was not saved"
  echo "operator/$lang: Ctrl+N: nothing saved by accident, Escape asked first, the note was pinned"

  # F4: the customer's time zone, checked against tzdata.
  case $lang in en) zone=Europe/Sofia;; ru) zone=Asia/Yekaterinburg;; bg) zone=Europe/London;; esac
  saved=$(count "^kartoteka: saved preferences")
  gui_dialog F4
  for _ in 1 2 3 4 5 6; do xdotool key Tab; done
  xdotool key ctrl+a; xdotool type --delay 15 "Europe/Nowhere"; sleep 0.3
  import -window root "$shots/preferences-$lang.png"
  gui_dialog ctrl+Return; gui_close Return  # "unknown time zone"
  [ "$(count "^kartoteka: saved preferences")" = "$saved" ] || fail "an unknown time zone was saved"
  xdotool key ctrl+a; xdotool type --delay 15 "$zone"; sleep 0.3
  xdotool key ctrl+Return
  wait_more "^kartoteka: saved preferences" "$saved"
  [ "$(q "SELECT timezone FROM preferences WHERE customer_id = $id")" = "$zone" ] || fail "the time zone $zone was not saved"
  echo "operator/$lang: F4 refused Europe/Nowhere and saved $zone"

  # A call while F2 is open: the dialog keeps its customer, the caller's card opens after it.
  cards=$(count "^kartoteka: card #$other_id ")
  gui_dialog F2
  summary="Asked about the bill ($lang)"
  xdotool type --delay 15 "$summary"
  pop "$other"
  wait_for "^kartoteka: pop waits for the dialog" "$log"
  sleep 0.5
  [ "$(count "^kartoteka: card #$other_id ")" = "$cards" ] || fail "the card under the open dialog was swapped"
  xdotool key ctrl+Return
  wait_for "^kartoteka: saved contact" "$log"
  [ "$(q "SELECT customer_id FROM interactions WHERE summary = '$summary'")" = "$id" ] ||
    fail "the note was not saved to the dialog's customer"
  wait_more "^kartoteka: card #$other_id " "$cards"
  echo "operator/$lang: a call during F2 waited; the note went to #$id, then #$other_id's card opened"
  gui_stop
done
for f in f3-repeat pin-note preferences; do for lang in en ru bg; do
  [ "$(stat -c %s "$shots/$f-$lang.png")" -gt 20000 ] || fail "screenshot $f-$lang too small"
done; done
echo "ok: the operator's keys and dialogs work in en, ru and bg; screenshots in $shots"
