"""Crash safety, proven: a process writing through AuditDesk's services is killed with
SIGKILL at random points, many times; afterwards the database passes the integrity check
(SQLite, change-log chain, attachment hashes) and every write it reported as committed is there."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from auditdesk.model import Attachment, Organisation
from auditdesk.services.setup import open_database
from auditdesk.storage.integrity import check_database

KILLS = 30
REPO = Path(__file__).resolve().parents[2]

# The child: one user action per transaction (an organisation, an edit of it, and every third
# time an attachment file plus its record); after each commit it reports "n id sha".
WRITER = r"""
import os
import sys
from auditdesk.model import Attachment
from auditdesk.services.clients import OrganisationData, create_organisation, update_organisation
from auditdesk.services.setup import open_database
from auditdesk.storage.attachments import AttachmentStore

url, start = sys.argv[1], int(sys.argv[2])
db = open_database(url)
store = AttachmentStore.beside(db.path)
n = start
while True:
    sha = "-"
    with db.session(user="system") as s:
        org = create_organisation(s, OrganisationData(name_zh=f"崩溃测试公司{n}", notes="记录" * (n % 50)))
        update_organisation(s, org.id, {"address": f"深圳市南山区{n}号"})
        if n % 3 == 0:
            stored = store.put_bytes(("现场记录 %d\n" % n).encode() * 200, f"note{n}.txt")
            s.add(Attachment(audit_id=None, sha256=stored.sha256, filename=f"note{n}.txt", size=stored.size))
            sha = stored.sha256
    # One write(2) per line: a pipe takes it whole, so a kill cannot leave half a report
    # (print() writes its pieces one by one when PYTHONUNBUFFERED is set).
    os.write(1, f"{n} {org.id} {sha}\n".encode())
    n += 1
"""


@pytest.mark.slow
def test_kill_9_at_random_points_loses_no_committed_write(tmp_path):
    url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    open_database(url, create=True).close()
    rng = random.Random(int(os.environ.get("AUDITDESK_CRASH_SEED", "20261121")))
    reported: dict[int, tuple[str, str]] = {}
    env = dict(os.environ, PYTHONPATH=str(REPO))
    start = 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, url, str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        assert child.stdout is not None
        wanted = rng.randint(1, 8)
        lines = []
        for line in child.stdout:
            lines.append(line)
            if len(lines) >= wanted:
                break
        assert lines, f"the writer wrote nothing: {child.stderr.read() if child.stderr else ''}"
        time.sleep(rng.uniform(0, 0.03))  # land somewhere inside the next transaction
        child.send_signal(signal.SIGKILL)
        rest, _err = child.communicate()
        lines += rest.splitlines()
        assert child.returncode == -signal.SIGKILL
        for line in lines:
            n, org_id, sha = line.split()
            reported[int(n)] = (org_id, sha)
        start = max(reported) + 1 + 1000  # a killed, uncommitted n may not be reused

    report = check_database(url)
    assert report.ok, [str(p) for p in report.problems]
    db = open_database(url)
    with db.session() as s:
        orgs = {str(o.id): o for o in s.scalars(select(Organisation))}
        shas = set(s.scalars(select(Attachment.sha256)))
    db.close()
    missing = [n for n, (org_id, _sha) in reported.items() if org_id not in orgs]
    assert missing == []
    for n, (org_id, sha) in reported.items():
        assert (
            orgs[org_id].name_zh == f"崩溃测试公司{n}"
            and orgs[org_id].address == f"深圳市南山区{n}号"
        )
        assert sha == "-" or sha in shas
    assert len(reported) >= KILLS
    print(
        f"crash safety: {KILLS} kills, {len(reported)} committed writes verified, "
        f"{sum(sha != '-' for _o, sha in reported.values())} with attachment files"
    )
