"""Copy a whole AuditDesk database to another (typically a laptop's SQLite file to the office's
PostgreSQL server): every table in dependency order, the change log row for row with its
``seq`` and hashes exactly as they were, and the attachment files.

Why it is written this way:
- Both sides are opened with ``Database.open`` first, so both are at the same (head) schema;
  the source is upgraded like any open would (with its backup copy, for a SQLite file).
- The target must be empty (no AuditDesk rows at all): merging two live databases is what
  offline packages are for. The copy runs in one transaction on the target: it fails whole.
- Core ``INSERT`` executemany in batches, never the ORM: no change-log rows of its own, no
  version bumps, no ``updated_at`` touched. The log is copied, not re-recorded, so its hash
  chain — and the chain heads printed on issued reports — stays the same.
- A table referring to itself (clause → parent clause) is copied parents first.
- PostgreSQL sequences behind integer keys are moved past the copied rows.
- Attachment files are copied byte for byte (not re-sniffed) into the target's store and
  hashed on arrival; the store of a server database is ``$AUDITDESK_FILES``, the CB setting
  ``storage.files_root`` or the folder given to :func:`copy_database`.
- Finally counts of every table are compared and the target's change-log chain verified.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Integer, Table, func, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from auditdesk.model import Base
from auditdesk.model.evidence import Attachment
from auditdesk.storage import errors
from auditdesk.storage.attachments import AttachmentStore
from auditdesk.storage.changelog import GENESIS_HASH, read_head, verify_chain
from auditdesk.storage.database import Database

BATCH = 1000


class MigrationRefused(errors.StorageError):
    """The copy cannot start or did not finish; ``code`` says why (target_not_empty, no_store,
    value_rejected)."""

    code = "migration_refused"

    def __init__(self, message: str, code: str, where: str = "") -> None:
        super().__init__(message, where)
        self.code = code


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int


@dataclass
class MigrationReport:
    source: str
    target: str
    tables: list[TableCount] = field(default_factory=list)
    change_log_rows: int = 0
    source_chain_head: str = GENESIS_HASH
    target_chain_head: str = GENESIS_HASH
    attachment_files: int = 0
    attachment_files_copied: int = 0
    files_root: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def _rows(conn: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    """The table's rows in batches; a self-referencing table parents first."""
    self_refs = [fk for fk in table.foreign_keys if fk.column.table is table]
    order = list(table.primary_key.columns)
    if not self_refs:
        result = conn.execute(select(table).order_by(*order)).mappings()
        while batch := result.fetchmany(BATCH):
            yield [dict(r) for r in batch]
        return
    rows = [dict(r) for r in conn.execute(select(table).order_by(*order)).mappings()]
    key = order[0].name
    parents = [fk.parent.name for fk in self_refs]
    done: set[Any] = set()
    pending = rows
    while pending:
        ready = [
            r
            for r in pending
            if all(r[p] is None or r[p] in done or r[p] == r[key] for p in parents)
        ]
        if not ready:  # a cycle or a dangling parent: let the database say which
            ready = pending
        done.update(r[key] for r in ready)
        ready_ids = {id(r) for r in ready}
        pending = [r for r in pending if id(r) not in ready_ids]
        for i in range(0, len(ready), BATCH):
            yield ready[i : i + BATCH]


def _reset_sequences(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return  # SQLite takes max(rowid) + 1 by itself
    for table in _tables():
        for col in table.primary_key.columns:
            if isinstance(col.type, Integer) and col.autoincrement in (True, "auto"):
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{col.name}'), "
                        f"COALESCE(MAX({col.name}), 1), MAX({col.name}) IS NOT NULL) FROM {table.name}"
                    )
                )


def _copy_file(source: Path, store: AttachmentStore, sha256: str) -> bool:
    """Copy one stored file into ``store`` unless it is there already; True when copied."""
    target = store.path_of(sha256)
    if target.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    with source.open("rb") as src, tmp.open("wb") as dst:
        for chunk in iter(lambda: src.read(1024 * 1024), b""):
            digest.update(chunk)
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    if digest.hexdigest() != sha256.lower():
        tmp.unlink(missing_ok=True)
        raise ValueError(f"{source} no longer hashes to {sha256}")
    os.replace(tmp, target)
    return True


def copy_database(
    source_url: str,
    target_url: str,
    *,
    files_root: Path | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> MigrationReport:
    """Copy everything in ``source_url`` into the empty database at ``target_url``."""
    from auditdesk.storage.postgres import where

    report = MigrationReport(where(source_url), where(target_url))
    source = Database.open(source_url)
    try:
        target = Database.open(target_url, create=True)
        try:
            _copy(source, target, report, files_root, progress)
        finally:
            target.close()
    finally:
        source.close()
    return report


def _stores(
    source: Database, target: Database, files_root: Path | None
) -> tuple[AttachmentStore | None, AttachmentStore | None]:
    with Session(source.engine) as s:
        src = AttachmentStore.for_session(s)
    if files_root is not None:
        return src, AttachmentStore(files_root)
    with Session(target.engine) as s:
        return src, AttachmentStore.for_session(s)


def _copy(
    source: Database,
    target: Database,
    report: MigrationReport,
    files_root: Path | None,
    progress: Callable[[str, int], None] | None,
) -> None:
    tables = _tables()
    with target.engine.connect() as tconn:
        busy = [t.name for t in tables if _count(tconn, t)]
    if busy:
        raise MigrationRefused(
            f"{report.target} already holds AuditDesk data (tables {', '.join(busy[:5])}); "
            f"copy into a new, empty database",
            "target_not_empty",
            report.target,
        )
    src_store, dst_store = _stores(source, target, files_root)
    with source.engine.connect() as sconn:
        shas = sorted(
            {str(s).lower() for s in sconn.execute(select(Attachment.sha256).distinct()).scalars()}
        )
    if shas and dst_store is None:
        raise MigrationRefused(
            f"{report.target} has no attachment folder: set AUDITDESK_FILES or pass --files",
            "no_store",
            report.target,
        )
    report.files_root = str(dst_store.root) if dst_store is not None else ""

    with source.engine.connect() as sconn, target.engine.begin() as tconn:
        report.source_chain_head = read_head(sconn)[1]
        for table in tables:
            n = 0
            for batch in _rows(sconn, table):
                try:
                    tconn.execute(insert(table), batch)
                except DBAPIError as exc:
                    detail = str(getattr(exc, "orig", exc)).splitlines()[0]
                    raise MigrationRefused(
                        f"{report.target} refused a row of {table.name}: {detail}",
                        "value_rejected",
                        table.name,
                    ) from exc
                n += len(batch)
            if progress is not None:
                progress(table.name, n)
        _reset_sequences(tconn)

    for sha in shas:
        assert dst_store is not None
        source_file = src_store.path_of(sha) if src_store is not None else None
        if source_file is None or not source_file.is_file():
            report.problems.append(f"attachment file {sha} is missing in the source store")
            continue
        try:
            report.attachment_files_copied += _copy_file(source_file, dst_store, sha)
        except (OSError, ValueError) as exc:
            report.problems.append(f"attachment file {sha}: {exc}")
            continue
        report.attachment_files += 1
    _verify(source, target, tables, report)


def _verify(
    source: Database, target: Database, tables: list[Table], report: MigrationReport
) -> None:
    with source.engine.connect() as sconn, target.engine.connect() as tconn:
        for table in tables:
            count = TableCount(table.name, _count(sconn, table), _count(tconn, table))
            report.tables.append(count)
            if count.source != count.target:
                report.problems.append(
                    f"{table.name}: {count.source} rows in the source, {count.target} copied"
                )
        report.target_chain_head = read_head(tconn)[1]
    report.change_log_rows = next(c.target for c in report.tables if c.table == "change_log")
    if report.target_chain_head != report.source_chain_head:
        report.problems.append("change-log chain head differs from the source's")
    with Session(target.engine) as session:
        report.problems.extend(str(p) for p in verify_chain(session))
