"""``check_database(url)``: is this database intact, and exactly what is wrong if not.

Checks, in order, without changing anything (no migration, no trigger repair):
1. the file is an AuditDesk SQLite database and ``PRAGMA integrity_check`` says ok;
2. ``PRAGMA foreign_key_check`` finds no dangling reference;
3. the change log's append-only triggers are in place and its hash chain is unbroken;
4. every attachment's file is in the store and still hashes to its recorded SHA-256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from auditdesk.model.evidence import Attachment
from auditdesk.storage import errors
from auditdesk.storage.changelog import chain_head, missing_triggers, verify_chain
from auditdesk.storage.database import inspect_sqlite_file, make_engine, sqlite_path


@dataclass(frozen=True)
class Problem:
    """One thing wrong. ``check``: sqlite | foreign_key | change_log | attachment;
    ``code`` says what (hash_mismatch, missing_file, ...); ``where`` points at it."""

    check: str
    code: str
    where: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.check}: {self.code} at {self.where}" + (
            f" — {self.detail}" if self.detail else ""
        )


@dataclass
class Report:
    url: str
    problems: list[Problem] = field(default_factory=list)
    change_log_rows: int = 0
    chain_head: str = ""
    attachments_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _sqlite_checks(engine: Engine, report: Report) -> bool:
    """SQLite's own checks; False when the file is too damaged to go on."""
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        if rows != ["ok"]:
            report.problems.extend(Problem("sqlite", "integrity", "database file", r) for r in rows)
            return False
        for table, rowid, parent, fkid in conn.exec_driver_sql("PRAGMA foreign_key_check"):
            report.problems.append(
                Problem(
                    "foreign_key",
                    "dangling_reference",
                    f"{table} row {rowid}",
                    f"points at a missing {parent} (constraint {fkid})",
                )
            )
    return True


def _chain_checks(session: Session, report: Report) -> None:
    for name in missing_triggers(session.connection()):
        report.problems.append(
            Problem(
                "change_log",
                "append_only_trigger_missing",
                name,
                "someone removed the guard that refuses edits of the log",
            )
        )
    for p in verify_chain(session):
        what = f"{p.entity} {p.entity_id}" + (f" field {p.field}" if p.field else "")
        report.problems.append(
            Problem("change_log", p.code, f"change_log row {p.seq} ({what})", p.detail)
        )
    report.change_log_rows = int(session.scalar(text("SELECT count(*) FROM change_log")) or 0)
    report.chain_head = chain_head(session)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _attachment_checks(session: Session, report: Report) -> None:
    from auditdesk.storage.attachments import AttachmentStore

    store = AttachmentStore.for_session(session)
    if store is None:  # a server database without AUDITDESK_FILES / storage.files_root
        return
    seen: dict[str, str | None] = {}  # sha -> problem code (None = fine); files are shared
    for att_id, sha, filename in session.execute(
        select(Attachment.id, Attachment.sha256, Attachment.filename).order_by(Attachment.sha256)
    ):
        where = f"attachment {att_id} ({filename})"
        if sha not in seen:
            try:
                path = store.path_of(sha)
            except ValueError:
                seen[sha] = "bad_hash_value"
            else:
                if not path.is_file():
                    seen[sha] = "missing_file"
                else:
                    actual = file_sha256(path)
                    seen[sha] = None if actual == sha.lower() else f"hash_mismatch:{actual}"
            report.attachments_checked += 1
        code = seen[sha]
        if code is None:
            continue
        if code.startswith("hash_mismatch:"):
            report.problems.append(
                Problem(
                    "attachment",
                    "hash_mismatch",
                    where,
                    f"file {store.path_of(sha)} now hashes to {code.split(':', 1)[1]}, "
                    f"recorded {sha}",
                )
            )
        elif code == "missing_file":
            report.problems.append(
                Problem("attachment", "missing_file", where, f"{store.path_of(sha)} is gone")
            )
        else:
            report.problems.append(Problem("attachment", code, where, repr(sha)))


def check_database(url: str) -> Report:
    """Check the database at ``url``; raises StorageError only when there is nothing to check."""
    report = Report(url)
    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            raise errors.DatabaseMissing(f"no database at {path}", str(path))
        try:
            inspect_sqlite_file(path)
        except errors.CorruptDatabase as exc:
            report.problems.append(Problem("sqlite", "corrupt", str(path), str(exc)))
            return report
    engine = make_engine(url)
    try:
        if engine.dialect.name == "sqlite" and not _sqlite_checks(engine, report):
            return report
        with Session(engine) as session:
            _chain_checks(session, report)
            _attachment_checks(session, report)
    except Exception as exc:  # a database too damaged to read is a finding, not a crash
        mapped = errors.classify_sqlite_error(exc, str(path or url))
        if mapped is None:
            raise
        report.problems.append(
            Problem("sqlite", mapped.code, str(path or url), str(exc).splitlines()[0])
        )
    finally:
        engine.dispose()
    return report
