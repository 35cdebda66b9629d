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
export XDG_CONFIG_HOME="$WORK/config"  # no window geometry from an earlier run
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
GUI_RUN=(env AUDITDESK_SMOKE_SCREENSHOT="$SHOT" AUDITDESK_SMOKE_USER=admin
  AUDITDESK_PASSWORD=auditdesk-demo "$GUI" --db "$WORK/demo.sqlite3" --lang zh_CN)
if [ -z "$EXE" ] && [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  # A real X server (Xvfb), not Qt's offscreen platform: the bundle's xcb plugin must load.
  timeout 120 env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1366x768x24" "${GUI_RUN[@]}"
else
  timeout 120 "${GUI_RUN[@]}"
fi
test -s "$SHOT"
echo "smoke: OK ($SHOT)"
