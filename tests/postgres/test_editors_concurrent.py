"""Three people saving the same evidence item and the same draft NC on the central database at
once, through the editors' service calls: no save is lost (issue 14 point 7).

Each writer process shows the record, types a line of its own and saves against the version
it saw; a save refused as "changed meanwhile" is merged (reload, line put back) and saved
again. At the end every typed line is in the record: lost = 0. Before the editors passed the
version they showed, 17 of 60 evidence and 4 of 60 NC saves were lost this way.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest

from auditdesk.model import EvidenceItem, Role
from auditdesk.services import nonconformities as ncs
from auditdesk.storage.changelog import verify_chain
from tests.postgres.writers import WRITERS, write
from tests.services.nc_world import add_user, build, draft

SAVES = 20


@pytest.fixture
def shared(database):
    with database.session() as s:
        world = build(s)
        for username, name in WRITERS:
            user = add_user(s, username, Role.AUDITOR)
            user.display_name = name
        s.flush()
        s.info["user"] = "wang"
        nc = ncs.raise_nc(s, draft(world))
        return {"evidence": world.evidence_ids[0], "nc": nc.id}


def _run_writers(url: str, kind: str, record_id, check: bool = True) -> list[dict]:
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager:
        start = manager.Barrier(len(WRITERS), timeout=120)
        with ProcessPoolExecutor(len(WRITERS), mp_context=spawn) as pool:
            futures = [
                pool.submit(write, url, user, kind, str(record_id), SAVES, start, check, n)
                for n, (user, _) in enumerate(WRITERS)
            ]
            return [f.result(timeout=600) for f in futures]


def _stored_lines(database, kind: str, record_id) -> list[str]:
    with database.session() as s:
        if kind == "evidence":
            text = s.get(EvidenceItem, record_id).description
        else:
            text = ncs.get_nc(s, record_id).reason
        assert verify_chain(s) == []
    return text.splitlines()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["evidence", "nc"])
def test_three_writers_twenty_saves_each_lose_nothing(database, shared, kind):
    results = _run_writers(database.url, kind, shared[kind])
    typed = [t for r in results for t in r["tokens"]]
    stored = _stored_lines(database, kind, shared[kind])
    lost = [t for t in typed if t not in stored]
    conflicts = sum(r["conflicts"] for r in results)
    print(f"{kind}: writers=3 saves={len(typed)} lost={len(lost)} conflicts={conflicts}")
    assert len(typed) == len(WRITERS) * SAVES
    assert sum(r["landed"] for r in results) == len(typed)
    assert lost == []
    assert len([line for line in stored if line in typed]) == len(typed)  # each line once
