"""The steps every migration test takes: a demo audit in a database at head, checked, taken
back to an older schema; then upgraded again with its records and ``check`` unchanged.

Each ``tests/storage/test_migration_XXXX.py`` adds only what its migration changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from auditdesk.model import EvidenceItem, Nonconformity
from auditdesk.storage.database import Database, make_engine
from auditdesk.storage.integrity import Report, check_database
from auditdesk.storage.migrations import (
    HEAD_REVISION,
    alembic_config,
    current_revision,
    upgrade_to_head,
)
from tests.exports.conftest import build_demo_audit

EVIDENCE = 8
NCS = 5


def demo_downgraded_to(
    database: Database,
    tmp_path: Path,
    revision: str,
    *,
    photos: int,
    evidence: int = EVIDENCE,
    then: Callable[[Database, Any], None] | None = None,
) -> tuple[str, Engine, Report]:
    """Fill ``database`` with a demo audit (and what ``then(database, demo)`` adds), check it
    (``check`` knows today's schema, so it runs at head), close it and downgrade it to
    ``revision``: the schema an AuditDesk of that revision left. Returns the URL, an engine on
    it and the check made before."""
    with database.session() as s:
        demo = build_demo_audit(s, tmp_path / "photos", evidence_count=evidence, photos=photos)
    if then is not None:
        then(database, demo)
    url = database.url
    database.close()
    before = check_database(url)
    assert before.ok, before.problems
    engine = make_engine(url)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
    assert current_revision(engine) == revision
    return url, engine, before


def upgrade_keeping_the_records(engine: Engine, *, evidence: int = EVIDENCE) -> None:
    """Upgrade to head; the demo's evidence and NCs are all still there."""
    upgrade_to_head(engine)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(EvidenceItem)) == evidence
        assert conn.scalar(select(func.count()).select_from(Nonconformity)) == NCS


def check_is_unchanged(url: str, before: Report) -> None:
    """``check`` after the round trip is clean and saw as many records as before it."""
    after = check_database(url)
    assert after.ok, after.problems
    assert after.records_checked == before.records_checked
