"""A writer process for tests/storage/test_writers_wait.py: saves one client's address at
typing rate until told to stop, and reports what it saved and what was refused (as JSON).

    python -m tests.storage.concurrent_writer URL USER STOP_FILE OUT_FILE INTERVAL_S
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(url: str, user: str, stop: Path, out: Path, interval: float) -> None:
    from auditdesk.services.clients import (
        OrganisationData,
        create_organisation,
        update_organisation,
    )
    from auditdesk.services.setup import open_database

    saved, refused, opened = 0, [], 0
    last = ""
    longest = 0.0
    deadline = time.monotonic() + 240
    org_id = None
    while not stop.exists() and time.monotonic() < deadline:
        # every 10 saves the database is opened afresh, as a second app start would be
        db = open_database(url)
        opened += 1
        try:
            for _ in range(10):
                value = f"{user} 第{saved + len(refused) + 1}次保存"
                began = time.monotonic()
                try:
                    with db.session(user) as s:
                        if org_id is None:
                            org_id = create_organisation(
                                s, OrganisationData(name_zh=f"{user} 并发测试公司", address=value)
                            ).id
                        else:
                            update_organisation(s, org_id, {"address": value})
                    saved += 1
                    last = value
                    longest = max(longest, time.monotonic() - began)
                except Exception as exc:  # noqa: BLE001 — a refusal: exactly what the test counts
                    refused.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
                time.sleep(interval)
        finally:
            db.close()
    out.write_text(
        json.dumps(
            {
                "saved": saved,
                "refused": refused,
                "last": last,
                "org_id": str(org_id),
                "opened": opened,
                "longest_save_s": round(longest, 2),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), float(sys.argv[5]))
