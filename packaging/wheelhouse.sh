#!/usr/bin/env bash
# An offline wheelhouse for Windows: every wheel AuditDesk needs, for 64-bit Windows and
# Python 3.11, so an office without a network path installs with
#   py -3.11 -m pip install --no-index --find-links wheelhouse auditdesk
#
#   bash packaging/wheelhouse.sh [OUT] [PYTHON]    # default OUT: dist/wheelhouse-win_amd64
#
# Then proves it resolves: a dry-run install for win_amd64 from the wheelhouse alone.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-dist/wheelhouse-win_amd64}"
PY="${2:-.venv/bin/python}"
mkdir -p "$OUT"
"$PY" -m pip wheel -q --no-deps -w "$OUT" .
PLATFORM=(--platform win_amd64 --python-version 3.11 --implementation cp --only-binary=:all:)
"$PY" -m pip download -q -d "$OUT" "${PLATFORM[@]}" "$OUT"/auditdesk-*.whl
"$PY" -m pip install --dry-run --ignore-installed --no-index --find-links "$OUT" \
  "${PLATFORM[@]}" --target "$(mktemp -d)" "$OUT"/auditdesk-*.whl
echo "wheelhouse: $(ls "$OUT" | wc -l) wheels in $OUT resolve for win_amd64 / CPython 3.11"
