"""Writer processes for the concurrent-editor tests (tests/postgres/test_editors_concurrent.py).

Each writer does what one person at the evidence editor or the NC dialog does, through the
same service calls the GUI makes: show the record (remember its version), type (append one
line of their own), save against the version shown. A save refused as "changed meanwhile" is
resolved as the dialog's Merge does it: reload, put the typed line back on top, save again.
"""

from __future__ import annotations

import random
import time
import uuid
from typing import Any

WRITERS = (("wang", "王建国"), ("li", "李明"), ("zhang", "张伟"))


def _evidence_read(db: Any, user: str, item_id: uuid.UUID) -> tuple[str, int]:
    from auditdesk.services.evidence import get_evidence

    with db.session(user) as s:
        item = get_evidence(s, item_id)
        return item.description, item.version


def _nc_read(db: Any, user: str, nc_id: uuid.UUID) -> tuple[Any, int]:
    from auditdesk.services import nonconformities as ncs

    with db.session(user) as s:
        nc = ncs.get_nc(s, nc_id)
        data = ncs.NCDraft(
            audit_id=nc.audit_id,
            clause_id=nc.clause_id,
            grade=nc.grade,
            requirement=nc.requirement,
            evidence_text=nc.evidence_text,
            reason=nc.reason,
            evidence_ids=[e.id for e in nc.evidence],
        )
        return data, nc.version


def write(
    url: str,
    user: str,
    kind: str,
    record_id: str,
    saves: int,
    start: Any,
    check: bool = True,
    seed: int = 0,
) -> dict[str, Any]:
    """``saves`` saves by ``user``; returns {"landed": n, "conflicts": n, "tokens": [...]}.

    ``check=False`` saves as the editors did before (no version): the test's counterfactual.
    """
    from auditdesk.services import nonconformities as ncs
    from auditdesk.services.errors import Conflict
    from auditdesk.services.evidence import update_evidence
    from auditdesk.services.setup import open_database

    rid = uuid.UUID(record_id)
    pause = random.Random(seed)
    db = open_database(url)
    landed = conflicts = 0
    tokens: list[str] = []
    try:
        start.wait()
        for i in range(saves):
            token = f"{user}-{kind}-{i:02d}"
            tokens.append(token)
            if kind == "evidence":
                text, version = _evidence_read(db, user, rid)
            else:
                data, version = _nc_read(db, user, rid)
            time.sleep(pause.uniform(0, 0.02))  # typing: others save meanwhile
            while True:
                try:
                    with db.session(user) as s:
                        if kind == "evidence":
                            update_evidence(
                                s,
                                rid,
                                {"description": f"{text}\n{token}"},
                                expected_version=version if check else None,
                            )
                        else:
                            data.reason = f"{data.reason}\n{token}"
                            ncs.edit_draft(
                                s, rid, data, expected_version=version if check else None
                            )
                    landed += 1
                    break
                except Conflict as exc:
                    conflicts += 1
                    assert exc.details["changed_by"] in {u for u, _ in WRITERS}, exc.details
                    # Merge: their text reloaded, my line typed again on top of it.
                    if kind == "evidence":
                        text, version = _evidence_read(db, user, rid)
                    else:
                        data, version = _nc_read(db, user, rid)
    finally:
        db.close()
    return {"landed": landed, "conflicts": conflicts, "tokens": tokens}
