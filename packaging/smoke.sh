#!/usr/bin/env bash
# Smoke-test a built bundle as a user would start it, without Python on the PATH mattering:
# --version, a demo database, the integrity check, a PDF report, and the main window opened
# on a virtual screen (1366x768) with a screenshot. Exits non-zero on the first failure.
#
#   bash packaging/smoke.sh dist/AuditDesk
set -euo pipefail
BUNDLE="$(cd "${1:-dist/AuditDesk}" && pwd)"
EXE=""
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) EXE=".exe" ;; esac
CLI="$BUNDLE/auditdesk-cli$EXE"
GUI="$BUNDLE/AuditDesk$EXE"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export AUDITDESK_HOME="$WORK/home"  # never the tester's own data folder

echo "smoke: version"; "$CLI" --version
echo "smoke: demo"
FLAGSHIP="$("$CLI" demo --db "$WORK/demo.sqlite3" | sed -n "s/^flagship audit \([0-9-]*\).*/\1/p")"
test -n "$FLAGSHIP"
echo "smoke: check"; "$CLI" check --db "$WORK/demo.sqlite3"
echo "smoke: report"
"$CLI" export report --db "$WORK/demo.sqlite3" --audit "$FLAGSHIP" --format pdf --out "$WORK/r.pdf" >/dev/null
test -s "$WORK/r.pdf"
head -c 5 "$WORK/r.pdf" | grep -q "%PDF-"

echo "smoke: main window"
SHOT="${SMOKE_SCREENSHOT:-$WORK/main-window.png}"
run_gui() {
  AUDITDESK_SMOKE_SCREENSHOT="$SHOT" AUDITDESK_SMOKE_USER=admin AUDITDESK_PASSWORD=auditdesk-demo \
    "$GUI" --db "$WORK/demo.sqlite3" --lang zh_CN
}
if [ -z "$EXE" ] && [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  export -f run_gui; export SHOT GUI WORK
  # A real X server (Xvfb), not Qt's offscreen platform: the bundle's xcb plugin must load.
  timeout 120 env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1366x768x24" bash -c run_gui
else
  timeout 120 bash -c "$(declare -f run_gui); run_gui"
fi
test -s "$SHOT"
echo "smoke: OK ($SHOT)"
