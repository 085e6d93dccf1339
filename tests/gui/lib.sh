# Sourced first by every GUI test (tests/gui/*.sh, arguments: build dir, source dir): what each of them
# needs before it drives a window, written once.
#  - checks that there is an X display (CTest runs under xvfb-run: installer/test.sh, .ci/run);
#  - a private work directory, with HOME and XDG_STATE_HOME in it (the window's log and settings stay
#    in the test); removed on exit, after every window the test started (pids) is stopped and the
#    commands in on_exit have run;
#  - $build $src $work $shots $cli $gui, and pids=() for what the test starts in the background;
#  - gui_start: starts the workstation, again when a loaded display refuses a new client;
#  - wait_for, wait_count, gui_window, gui_dialog: waits on --trace lines and windows instead of sleeps.
set -euo pipefail
build="$1"; src="$2"
[ -n "${DISPLAY:-}" ] || { echo "no DISPLAY: run under xvfb-run (installer/test.sh does)"; exit 1; }
work="$(mktemp -d)"; pids=(); on_exit=()
gui_cleanup() {
  local p c
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for c in "${on_exit[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
  # KEEP_GUI_WORK=/some/dir keeps a copy of the run's logs, stores and screenshots for a look afterwards.
  if [ -n "${KEEP_GUI_WORK:-}" ]; then cp -r "$work" "$KEEP_GUI_WORK"; fi
  rm -rf "$work"
}
trap gui_cleanup EXIT
export XDG_STATE_HOME="$work/state" HOME="$work/home"
shots="${KARTOTEKA_SCREENSHOT_DIR:-$build/screenshots}"; mkdir -p "$shots" "$HOME"
cli="$build/app/cli/kartoteka-cli"; gui="$build/app/gui/kartoteka"

# fail MESSAGE: the end of the window's log (when the test has set $log) and the message; the exit trap
# tidies up.
fail() { if [ -n "${log:-}" ] && [ -f "$log" ]; then tail -n 40 "$log"; fi; echo "FAIL: $*"; exit 1; }

# wait_for PATTERN FILE [SECONDS]: until a line of FILE matches (default 20 s); else shows the file.
wait_for() {
  local tries=$(( ${3:-20} * 5 ))
  for _ in $(seq 1 "$tries"); do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 0.2; done
  tail -n 60 "$2" 2>/dev/null || true; echo "FAIL: waited for '$1'"; return 1
}

# wait_count PATTERN FILE N [SECONDS]: until more than N lines of FILE match (a second dialog, a new card).
count_in() { grep -c "$1" "$2" 2>/dev/null || true; }
wait_count() {
  local tries=$(( ${4:-12} * 5 ))
  for _ in $(seq 1 "$tries"); do [ "$(count_in "$1" "$2")" -gt "$3" ] && return 0; sleep 0.2; done
  tail -n 60 "$2" 2>/dev/null || true; echo "FAIL: waited for another '$1'"; return 1
}

# gui_start LOG ARGS...: starts the workstation with --trace and ARGS, output to LOG, its pid last in
# pids, and waits until it says its window is shown. A loaded Xvfb has refused a new client right after
# the previous window closed ("Unable to initialize GTK+"): the window is started again then, up to
# three times, and the test says so.
gui_start() {
  local out="$1" attempt; shift
  for attempt in 1 2 3; do
    "$gui" --trace "$@" >"$out" 2>&1 & pids+=($!)
    for _ in $(seq 1 150); do
      grep -q "^kartoteka: window shown" "$out" 2>/dev/null && return 0
      kill -0 "${pids[-1]}" 2>/dev/null || break
      sleep 0.2
    done
    grep -q "Unable to initialize GTK" "$out" || break
    echo "note: the display refused the window (attempt $attempt); starting it again"; sleep 2
  done
  cat "$out"; echo "FAIL: the window did not start"; exit 1
}

# gui_stop: stops the window gui_start started last.
gui_stop() { kill "${pids[-1]}" 2>/dev/null || true; wait "${pids[-1]}" 2>/dev/null || true; }

# gui_window [NAME]: prints the id of the last started window once it is on screen (title matching NAME,
# default Kartoteka). (xdotool search fails while nothing matches yet: under set -e that must not end
# the test, hence the || true.)
gui_window() {
  local win=""
  for _ in $(seq 1 100); do
    win=$(xdotool search --onlyvisible --pid "${pids[-1]}" --name "${1:-Kartoteka}" 2>/dev/null | head -n 1 || true)
    [ -n "$win" ] && { echo "$win"; return 0; }
    sleep 0.1
  done
  echo "FAIL: no window '${1:-Kartoteka}' of the workstation on screen" >&2; return 1
}

# The windows of the last started workstation on screen now (its main window, dialogs, message boxes),
# one id a line.
gui_windows() { xdotool search --onlyvisible --pid "${pids[-1]}" 2>/dev/null || true; }

# gui_dialog KEYS...: presses KEYS and returns once a window of the workstation is on screen that was
# not before (the dialog or question they open; a dialog closed just before may still be unmapping,
# so windows are told apart by id, not counted), plus a moment for it to take the keyboard: there is
# no window manager to say when a dialog has the focus.
gui_dialog() {
  local before; before=$(gui_windows)
  xdotool key "$@"
  for _ in $(seq 1 100); do
    if gui_windows | grep -qvxF "$before"; then sleep "${GUI_FOCUS_DELAY:-0.3}"; return 0; fi
    sleep 0.05
  done
  echo "FAIL: '$*' opened no window"; gui_windows | while read -r w; do echo "  on screen: $(xdotool getwindowname "$w")"; done
  return 1
}

# gui_close KEYS...: presses KEYS and returns once a window of the workstation that was on screen is
# gone (the dialog or question they close).
gui_close() {
  local before; before=$(gui_windows)
  xdotool key "$@"
  for _ in $(seq 1 100); do
    if echo "$before" | grep -qvxF "$(gui_windows)"; then sleep 0.1; return 0; fi
    sleep 0.05
  done
  echo "FAIL: '$*' closed no window"; return 1
}
