"""Developer tool: autogenerate Alembic revisions from the models.

    python -m auditdesk.storage.make_migration "message"     # a new revision on top of head
    python -m auditdesk.storage.make_migration --initial     # rewrite 0001 (before the first release only)

``--initial`` exists because no AuditDesk database exists in the field yet: while the
schema is being founded, the whole schema stays in one reviewed revision ``0001``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from auditdesk.paths import migrations_dir
from auditdesk.storage.database import make_engine
from auditdesk.storage.migrations import alembic_config, upgrade_to_head

INITIAL = "0001_initial_schema.py"


def _autogenerate(message: str, rev_id: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'scratch.sqlite3'}")
        upgrade_to_head(engine)
        cfg = alembic_config(engine)
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()


def regenerate_initial() -> Path:
    versions = migrations_dir() / "versions"
    others = [p for p in versions.glob("*.py") if p.name != INITIAL]
    if others:
        raise SystemExit(f"refusing: later revisions exist ({[p.name for p in others]})")
    target = versions / INITIAL
    target.unlink(missing_ok=True)
    _autogenerate("initial schema", rev_id="0001")
    (versions / "0001_initial_schema.py").exists() or next(versions.glob("0001_*.py")).rename(
        target
    )
    return target


def main(argv: list[str]) -> None:
    if argv[:1] == ["--initial"]:
        print(f"rewrote {regenerate_initial()}")
    else:
        _autogenerate(" ".join(argv) or "change")


if __name__ == "__main__":
    main(sys.argv[1:])
