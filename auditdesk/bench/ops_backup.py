"""Backup row of the harness (issue 21, point 7): one verified backup of the database and its
attachments into a folder, as the daily automatic backup writes it in the background; runs go
into the same folder a day apart (unchanged attachments are linked, not copied again). The
floor is SQLite's online backup API copying the file, nothing else."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from typing import Any

from auditdesk.bench.model import Context, Operation


def _size_mb(folder: Any) -> float:
    total = 0
    seen: set[int] = set()
    for root, _dirs, files in os.walk(folder):
        for name in files:
            st = os.stat(os.path.join(root, name))
            if st.st_ino not in seen:  # hard links count once
                seen.add(st.st_ino)
                total += st.st_size
    return total / 2**20


def _backup() -> Operation:
    def setup(ctx: Context) -> dict[str, Any]:
        return {"ctx": ctx, "n": 0, "where": []}

    def run(state: dict[str, Any]) -> None:
        from auditdesk.storage import backup_set

        ctx = state["ctx"]
        state["n"] += 1
        now = dt.datetime(2026, 11, 21, 18, tzinfo=dt.UTC) + dt.timedelta(days=state["n"])
        folder = ctx.work / "backups"
        backup_set.write_backup(ctx.db, folder, now=now)
        made = backup_set.backups_in(folder, ctx.db.stem)
        state["where"] = [f"{len(made)} backups in the folder, {_size_mb(folder):.0f} MB on disk"]

    def floor(state: dict[str, Any]) -> None:
        target = state["ctx"].work / "floor.sqlite3"
        target.unlink(missing_ok=True)
        src = sqlite3.connect(state["ctx"].db)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        target.unlink()

    return Operation(
        "backup",
        "verified backup of the database and attachments into a folder (the daily one)",
        setup,
        run,
        lambda _s: None,
        floor,
        target=None,
        repeat=2,
    )


def operations() -> list[Operation]:
    return [_backup()]
