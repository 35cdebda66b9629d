"""Every page and dialog fits a laptop at 125 % scaling (issue 20, point 5).

A real AuditDesk process with ``QT_SCALE_FACTOR=1.25`` (it must be set before the
QApplication exists: tests/ui/scaling_child.py) reports the minimum size of every page, the
audit workspace and the dialogs (planning a new audit and changing a planned one included)
at 1366×768 and 1280×720, in zh_CN and en; none may need more than the screen's usable
logical area (1092×542 and 1024×504: less a 40 px taskbar and a 32 px title bar).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from auditdesk.services.setup import open_database
from tests.samples import make_sample

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scaling")
    db_path = folder / "auditdesk.sqlite3"
    db = open_database(f"sqlite:///{db_path}", create=True)
    with db.session() as s:
        data = make_sample(s)
        ids = {"audit": str(data["audit"].id), "cert": str(data["certs"][0].id)}
        s.commit()
    db.close()
    (folder / "ids.json").write_text(json.dumps(ids))
    return db_path, folder


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_everything_fits_at_125_percent(prepared, lang):
    db_path, folder = prepared
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("QT_SCALE_FACTOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.scaling_child", str(db_path), str(folder), lang],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    whats = {r["what"] for r in rows}
    assert {"workspace", "dialog:planning_new", "dialog:planning_change", "page:schedule"} <= whats
    assert all(r["dpr"] == pytest.approx(1.25) for r in rows)  # really at 125 %
    too_big = [
        f"{r['what']} at {r['screen']}: needs {r['min']}, has {r['usable']}"
        for r in rows
        if r["min"][0] > r["usable"][0] or r["min"][1] > r["usable"][1]
    ]
    assert not too_big, "\n".join(too_big)
    assert (folder / f"{lang}_planning_125.png").stat().st_size > 0
