#!/usr/bin/env bash
# Build the one-folder AuditDesk bundle with PyInstaller, then smoke-test it.
#
#   bash packaging/build.sh [PYTHON]      # default: .venv/bin/python
#
# The same script runs on a Windows runner under Git Bash (.github/workflows/windows.yml);
# there the bundle is then wrapped by packaging/windows/installer.iss (Inno Setup).
# Output: dist/AuditDesk/ (AuditDesk[.exe], auditdesk-cli[.exe], _internal/).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${1:-.venv/bin/python}"
"$PY" -m pip install -q "pyinstaller>=6.10"
rm -rf build/pyinstaller dist/AuditDesk
"$PY" -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/auditdesk.spec
bash packaging/smoke.sh dist/AuditDesk
