#!/usr/bin/env bash
# Smoke test of a built ML System Canvas binary, in a clean environment.
#
#   packaging/smoke_test.sh dist/ml-canvas/ml-canvas     # the onedir build
#   packaging/smoke_test.sh /usr/bin/ml-canvas           # the installed .deb
#
# Every run of the binary goes through `env -i` with only PATH and HOME set: PATH is a
# temporary copy of /usr/bin and /bin (symbolic links) *without* python, pip or pydoc,
# HOME a fresh temporary folder. It runs:
#   --version                        prints "ml-canvas <version>" (ML_CANVAS_EXPECT_VERSION
#                                    to require an exact version)
#   templates, rules, schema         exit 0 with the expected content
#   new --template figure-1-1 -o F   then `check F --fail-on warning` exits 0 (clean design)
#   check on every shipped template  exit code and summary reported (not judged)
#   check on a design with known errors   exit 1, the expected rules in text and JSON
#   check on a broken file           exit 2, one sentence naming the file, no traceback
#   diff F BAD --format markdown     exit 1 (the change brings errors); diff --textconv F
#   export F -o out.{png,svg,pdf}    exit 0 and a real file of that format. If the build has
#                                    no export module (exit 2, "not available"), that is a
#                                    failure unless ML_CANVAS_SMOKE_ALLOW_NO_EXPORT=1.
#   export F -o out.mmd              a Mermaid flowchart (no Qt)
#   the GUI, offscreen               `ml-canvas --template figure-1-1` and `ml-canvas F` with
#                                    QT_QPA_PLATFORM=offscreen and ML_CANVAS_QUIT_AFTER_MS:
#                                    must quit by itself with exit 0 and no traceback/fatal
#                                    message. If the app ignores ML_CANVAS_QUIT_AFTER_MS it is
#                                    killed after ML_CANVAS_SMOKE_GUI_TIMEOUT s (default 10):
#                                    a failure, or only a warning if it was still running
#                                    cleanly and ML_CANVAS_SMOKE_REQUIRE_GUI_QUIT=0.
#   the GUI on Xvfb (xcb)            the same on a real X server when Xvfb is installed (skip
#                                    with ML_CANVAS_SMOKE_SKIP_XCB=1); with xdotool, the
#                                    "ML System Canvas" window must become visible (time shown)
# Exits 0 when every check passed, 1 otherwise; prints one line per check with its time.
set -euo pipefail

if [ $# -ne 1 ]; then
  sed -n '2,5p' "$0" >&2
  exit 2
fi
BIN=$1
case "$BIN" in
  */*) BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") ;;
  *) BIN=$(command -v "$BIN") || { echo "smoke_test: $1 not found" >&2; exit 2; } ;;
esac
[ -x "$BIN" ] || { echo "smoke_test: $BIN is not an executable" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ml-canvas-smoke.XXXXXX")
XVFB_PID=""
cleanup() {
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# A PATH like /usr/bin:/bin, without python.
SAFE_BIN=$WORK/path
mkdir -p "$SAFE_BIN"
for dir in /usr/bin /bin; do
  for tool in "$dir"/*; do
    name=${tool##*/}
    case "$name" in python*|pip*|pydoc*|*-python*|py3*) continue ;; esac
    [ -e "$SAFE_BIN/$name" ] || ln -s "$tool" "$SAFE_BIN/$name"
  done
done
CLEAN_HOME=$WORK/home
mkdir -p "$CLEAN_HOME"
D=$WORK/data
mkdir -p "$D"

FAILED=0
WARNINGS=0
pass() { printf '  PASS  %-58s %6s ms\n' "$1" "$2"; }
fail() { printf '  FAIL  %-58s %6s ms\n        %s\n' "$1" "$2" "$3"; FAILED=$((FAILED + 1)); }
warn() { printf '  WARN  %-58s %6s ms\n        %s\n' "$1" "$2" "$3"; WARNINGS=$((WARNINGS + 1)); }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# run NAME ARGS... : runs the binary clean; sets RC, OUT (stdout file), ERR (stderr file), MS.
# Extra environment: the EXTRA_ENV array (NAME=value words), reset after each call.
EXTRA_ENV=()
N=0
run() {
  N=$((N + 1))
  OUT=$D/out.$N; ERR=$D/err.$N
  local t0; t0=$(now_ms)
  set +e
  timeout "${RUN_TIMEOUT:-60}" env -i PATH="$SAFE_BIN" HOME="$CLEAN_HOME" "${EXTRA_ENV[@]}" \
    "$BIN" "$@" >"$OUT" 2>"$ERR" </dev/null
  RC=$?
  set -e
  MS=$(( $(now_ms) - t0 ))
  EXTRA_ENV=()
}
no_traceback() { ! grep -Eq 'Traceback|Fatal Python error|Segmentation fault|core dumped|Aborted|Failed to execute script|Could not load the Qt platform plugin' "$ERR"; }
excerpt() { head -c 600 "$1" | tr '\n' ' '; }

echo "smoke test of $BIN"
echo "  (env -i, PATH without python, HOME=$CLEAN_HOME)"

# --- the clean environment really has no python ----------------------------------------
if env -i PATH="$SAFE_BIN" sh -c 'command -v python3 || command -v python' >/dev/null 2>&1; then
  fail "no python on the clean PATH" 0 "python is reachable"
fi

# --- --version --------------------------------------------------------------------------
run --version
VERSION_LINE=$(cat "$OUT")
if [ $RC -eq 0 ] && [[ "$VERSION_LINE" =~ ^ml-canvas\ [0-9][0-9A-Za-z.+-]*$ ]] \
   && { [ -z "${ML_CANVAS_EXPECT_VERSION:-}" ] || [ "$VERSION_LINE" = "ml-canvas $ML_CANVAS_EXPECT_VERSION" ]; }; then
  pass "--version: $VERSION_LINE" "$MS"
else
  fail "--version" "$MS" "exit $RC, stdout '$VERSION_LINE', stderr: $(excerpt "$ERR")"
fi

# --- templates, rules, schema -------------------------------------------------------------
run templates
if [ $RC -eq 0 ] && grep -q '^figure-1-1 ' "$OUT"; then
  pass "templates ($(wc -l <"$OUT") listed)" "$MS"
else
  fail "templates" "$MS" "exit $RC: $(excerpt "$OUT") $(excerpt "$ERR")"
fi
TEMPLATES=$(grep -v '^ ' "$OUT" | awk '{print $1}')  # indented lines are descriptions

run rules
if [ $RC -eq 0 ] && grep -q 'model.unmonitored' "$OUT"; then pass "rules" "$MS"
else fail "rules" "$MS" "exit $RC: $(excerpt "$ERR")"; fi

run rules --format json
if [ $RC -eq 0 ] && grep -q '"id": "model.unmonitored"' "$OUT"; then pass "rules --format json" "$MS"
else fail "rules --format json" "$MS" "exit $RC: $(excerpt "$ERR")"; fi

run schema
if [ $RC -eq 0 ] && grep -q '"properties"' "$OUT" && grep -q '"components"' "$OUT"; then pass "schema" "$MS"
else fail "schema" "$MS" "exit $RC: $(excerpt "$ERR")"; fi

# --- new + check on the reference design (clean) ----------------------------------------------
FIG=$D/figure.mlcanvas.json
run new --template figure-1-1 -o "$FIG"
if [ $RC -eq 0 ] && [ -s "$FIG" ]; then pass "new --template figure-1-1 -o $(basename "$FIG")" "$MS"
else fail "new --template figure-1-1" "$MS" "exit $RC: $(excerpt "$ERR")"; fi

run check "$FIG" --fail-on warning
if [ $RC -eq 0 ]; then pass "check figure-1-1 --fail-on warning: exit 0" "$MS"
else fail "check figure-1-1 --fail-on warning" "$MS" "exit $RC (expected 0): $(excerpt "$OUT") $(excerpt "$ERR")"; fi

run check "$FIG" --format json --fail-on warning
if [ $RC -eq 0 ] && grep -Eq '"error": 0' "$OUT" && grep -Eq '"warning": 0' "$OUT"; then
  pass "check figure-1-1 --format json: 0 errors, 0 warnings" "$MS"
else
  fail "check figure-1-1 --format json" "$MS" "exit $RC: $(excerpt "$OUT")"
fi

for t in $TEMPLATES; do
  [ "$t" = figure-1-1 ] && continue
  run new --template "$t" -o "$D/$t.json"
  if [ $RC -ne 0 ]; then fail "new --template $t" "$MS" "exit $RC: $(excerpt "$ERR")"; continue; fi
  run check "$D/$t.json" --format json --fail-on error
  summary=$(tr -d ' \n' <"$OUT" | grep -o '"summary":{[^}]*}' | tail -1)
  if [ $RC -le 1 ] && no_traceback; then
    pass "check template $t: exit $RC ${summary#\"summary\":}" "$MS"
  else
    fail "check template $t" "$MS" "exit $RC: $(excerpt "$ERR")"
  fi
done

# --- check on a design with known errors --------------------------------------------------------
# A model fed by a pipeline and nothing else: no training data, no monitoring, not served
# (3 errors). A schema-version-1 file: it is migrated on load.
BAD=$D/lonely-model.mlcanvas.json
cat >"$BAD" <<'JSON'
{
  "format": "ml-canvas",
  "schema_version": 1,
  "name": "A lonely model",
  "components": [
    {"id": "etl", "kind": "data_pipeline", "label": "ETL", "position": {"x": 0, "y": 0},
     "properties": {}, "suppressions": []},
    {"id": "ranker", "kind": "model", "label": "Ranking model", "position": {"x": 220, "y": 0},
     "properties": {}, "suppressions": []}
  ],
  "links": [{"id": "link-1", "source": "etl", "target": "ranker", "label": ""}],
  "settings": {"rules": {}}
}
JSON
run check "$BAD"
if [ $RC -eq 1 ] && grep -q 'model.unmonitored' "$OUT" && grep -q 'model.no-training-data' "$OUT" \
   && grep -q 'model.not-served' "$OUT"; then
  pass "check lonely model: exit 1, unmonitored/no-training-data/not-served" "$MS"
else
  fail "check lonely model" "$MS" "exit $RC (expected 1): $(excerpt "$OUT") $(excerpt "$ERR")"
fi
run check "$BAD" --format json --fail-on never
if [ $RC -eq 0 ] && grep -q '"rule": "model.unmonitored"' "$OUT" && ! grep -q '"error": 0' "$OUT"; then
  pass "check lonely model --format json --fail-on never: exit 0" "$MS"
else
  fail "check lonely model --format json --fail-on never" "$MS" "exit $RC: $(excerpt "$OUT")"
fi
run check "$BAD" --format sarif
if [ $RC -eq 1 ] && grep -q '"version": "2.1.0"' "$OUT"; then pass "check lonely model --format sarif: exit 1" "$MS"
else fail "check --format sarif" "$MS" "exit $RC: $(excerpt "$OUT") $(excerpt "$ERR")"; fi
run check "$BAD" --format junit
if [ $RC -eq 1 ] && grep -q '<testsuite' "$OUT"; then pass "check lonely model --format junit: exit 1" "$MS"
else fail "check --format junit" "$MS" "exit $RC: $(excerpt "$OUT") $(excerpt "$ERR")"; fi

BROKEN=$D/broken.json
printf '{"format": "ml-canvas", "schema_version": 1, "components": [' >"$BROKEN"
run check "$BROKEN"
if [ $RC -eq 2 ] && grep -q 'broken.json' "$ERR" && no_traceback; then
  pass "check broken file: exit 2, one sentence" "$MS"
else
  fail "check broken file" "$MS" "exit $RC (expected 2): $(excerpt "$ERR")"
fi

# --- diff -------------------------------------------------------------------------------------
run diff "$FIG" "$BAD" --format markdown
if [ $RC -eq 1 ] && grep -q '#### Findings introduced' "$OUT" && no_traceback; then
  pass "diff figure-1-1 lonely model --format markdown: exit 1" "$MS"
else
  fail "diff --format markdown" "$MS" "exit $RC (expected 1): $(excerpt "$OUT") $(excerpt "$ERR")"
fi
run diff --textconv "$FIG"
if [ $RC -eq 0 ] && grep -q '^findings: 0 errors, 0 warnings' "$OUT"; then pass "diff --textconv" "$MS"
else fail "diff --textconv" "$MS" "exit $RC: $(excerpt "$OUT") $(excerpt "$ERR")"; fi

# --- export -----------------------------------------------------------------------------------
magic_ok() {  # FILE FORMAT
  case "$2" in
    png) [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ;;
    svg) head -c 400 "$1" | grep -q '<svg\|<?xml' ;;
    pdf) [ "$(head -c 5 "$1")" = "%PDF-" ] ;;
  esac
}
EXPORT_MISSING=0
for fmt in png svg pdf; do
  [ "$EXPORT_MISSING" = 1 ] && break
  target=$D/figure.$fmt
  run export "$FIG" -o "$target"
  if [ $RC -eq 0 ] && [ -s "$target" ] && magic_ok "$target" "$fmt" && no_traceback; then
    pass "export -o figure.$fmt ($(du -k "$target" | cut -f1) KB)" "$MS"
  elif [ $RC -eq 2 ] && grep -q 'not available' "$ERR"; then
    EXPORT_MISSING=1
    if [ "${ML_CANVAS_SMOKE_ALLOW_NO_EXPORT:-0}" = 1 ]; then
      warn "export: not in this build" "$MS" "$(excerpt "$ERR")"
    else
      fail "export: not in this build" "$MS" "$(excerpt "$ERR")"
    fi
  else
    fail "export -o figure.$fmt" "$MS" "exit $RC: $(excerpt "$ERR")"
  fi
done

run export "$FIG" -o "$D/figure.mmd"
if [ $RC -eq 0 ] && grep -q '^flowchart LR' "$D/figure.mmd"; then pass "export -o figure.mmd (Mermaid)" "$MS"
else fail "export -o figure.mmd" "$MS" "exit $RC: $(excerpt "$ERR")"; fi

# --- the GUI ---------------------------------------------------------------------------------
GUI_TIMEOUT=${ML_CANVAS_SMOKE_GUI_TIMEOUT:-10}
gui() {  # LABEL PLATFORM-ENV... -- ARGS...
  local label=$1; shift
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  EXTRA_ENV=("${envs[@]}" ML_CANVAS_QUIT_AFTER_MS=1500)
  RUN_TIMEOUT=$GUI_TIMEOUT run "$@"
  if [ $RC -eq 0 ] && no_traceback; then
    pass "$label: quit by itself, exit 0" "$MS"
  elif [ $RC -eq 124 ] && no_traceback; then
    if [ "${ML_CANVAS_SMOKE_REQUIRE_GUI_QUIT:-1}" != 0 ]; then
      fail "$label" "$MS" "still running after ${GUI_TIMEOUT}s: the app ignores ML_CANVAS_QUIT_AFTER_MS"
    else
      warn "$label: ran ${GUI_TIMEOUT}s cleanly, killed" "$MS" \
        "the app ignores ML_CANVAS_QUIT_AFTER_MS, so it could not close itself"
    fi
  else
    fail "$label" "$MS" "exit $RC: $(excerpt "$ERR")"
  fi
  if [ -s "$ERR" ]; then sed 's/^/        stderr: /' "$ERR" | head -n 8; fi
}
gui "GUI offscreen --template figure-1-1" QT_QPA_PLATFORM=offscreen -- --template figure-1-1
gui "GUI offscreen $(basename "$FIG")" QT_QPA_PLATFORM=offscreen -- "$FIG"

# On a real X server: the window must get mapped (found by xdotool, when installed; the
# time until then is reported), and the app must quit by itself like offscreen.
xcb_gui() {
  local display=$1; shift
  N=$((N + 1)); OUT=$D/out.$N; ERR=$D/err.$N
  local t0 t_map="" pid rc
  t0=$(now_ms)
  env -i PATH="$SAFE_BIN" HOME="$CLEAN_HOME" QT_QPA_PLATFORM=xcb DISPLAY="$display" \
    ML_CANVAS_QUIT_AFTER_MS=1500 "$BIN" "$@" >"$OUT" 2>"$ERR" </dev/null &
  pid=$!
  local deadline=$(( t0 + GUI_TIMEOUT * 1000 ))
  while kill -0 "$pid" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do
    if [ -z "$t_map" ] && command -v xdotool >/dev/null 2>&1 \
       && DISPLAY=$display xdotool search --onlyvisible --name "ML System Canvas" >/dev/null 2>&1; then
      t_map=$(( $(now_ms) - t0 ))
    fi
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rc=124
  else
    set +e; wait "$pid"; rc=$?; set -e
  fi
  MS=$(( $(now_ms) - t0 ))
  local label="GUI on Xvfb (xcb) $*"
  local mapped="window mapped after ${t_map:-?} ms"
  if ! command -v xdotool >/dev/null 2>&1; then mapped="xdotool missing, window not looked for"; fi
  if [ -z "$t_map" ] && command -v xdotool >/dev/null 2>&1; then
    fail "$label" "$MS" "no visible 'ML System Canvas' window appeared (exit $rc): $(excerpt "$ERR")"
  elif [ $rc -eq 0 ] && no_traceback; then
    pass "$label: $mapped, quit, exit 0" "$MS"
  elif [ $rc -eq 124 ] && no_traceback; then
    if [ "${ML_CANVAS_SMOKE_REQUIRE_GUI_QUIT:-1}" != 0 ]; then
      fail "$label" "$MS" "$mapped; still running after ${GUI_TIMEOUT}s: the app ignores ML_CANVAS_QUIT_AFTER_MS"
    else
      warn "$label: $mapped, killed" "$MS" "the app ignores ML_CANVAS_QUIT_AFTER_MS, so it could not close itself"
    fi
  else
    fail "$label" "$MS" "$mapped; exit $rc: $(excerpt "$ERR")"
  fi
  if [ -s "$ERR" ]; then sed 's/^/        stderr: /' "$ERR" | head -n 8; fi
}

if [ "${ML_CANVAS_SMOKE_SKIP_XCB:-0}" != 1 ] && command -v Xvfb >/dev/null 2>&1; then
  DISPLAY_NUM=$(( 90 + RANDOM % 400 ))
  while [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] || [ -e "/tmp/.X$DISPLAY_NUM-lock" ]; do DISPLAY_NUM=$((DISPLAY_NUM + 1)); done
  Xvfb ":$DISPLAY_NUM" -screen 0 1600x1000x24 -nolisten tcp >"$D/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] && break; sleep 0.1; done
  if [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ]; then
    xcb_gui ":$DISPLAY_NUM" --template figure-1-1
  else
    warn "GUI on Xvfb (xcb)" 0 "Xvfb did not start: $(excerpt "$D/xvfb.log")"
  fi
  kill "$XVFB_PID" 2>/dev/null || true
  wait "$XVFB_PID" 2>/dev/null || true
  XVFB_PID=""
else
  echo "  SKIP  GUI on Xvfb (xcb): no Xvfb, or ML_CANVAS_SMOKE_SKIP_XCB=1"
fi

echo
if [ "$FAILED" -eq 0 ]; then
  echo "smoke test passed ($WARNINGS warning(s))"
  exit 0
fi
echo "smoke test FAILED: $FAILED check(s) failed, $WARNINGS warning(s)"
exit 1
