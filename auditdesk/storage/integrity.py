"""``check_database(url)``: is this database intact, and exactly what is wrong if not.

Checks, in order, without changing anything (no migration, no trigger repair):
1. the file is an AuditDesk SQLite database and ``PRAGMA integrity_check`` says ok;
2. ``PRAGMA foreign_key_check`` finds no dangling reference;
3. every table of the model is there;
4. the change log's append-only triggers are in place and its hash chain is unbroken;
5. every record holds exactly the state the change log says it must have (each logged change
   carries the hash of its record's stored state, covered by the chain): a record changed,
   added or deleted outside AuditDesk is named, with the field that differs;
6. every attachment's file is in the store and still hashes to its recorded SHA-256;
7. with a witness (``write_witness``, kept outside the database file), the chain still holds
   the head the witness pinned: history up to then was not rewritten or cut off.

Costs one streaming pass over the change log plus one over each table; memory holds one short
state hash per record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from auditdesk.model import Base
from auditdesk.model.evidence import Attachment
from auditdesk.storage import errors
from auditdesk.storage.changelog import (
    REDACTED,
    REDACTED_FIELDS,
    STATE_SKIPPED,
    ChainHead,
    apply_logged_change,
    chain_head,
    entity_tables,
    history,
    link_specs,
    missing_triggers,
    read_states,
    verify_chain,
)
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
    chain_seq: int = 0
    attachments_checked: int = 0
    records_checked: int = 0

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


# Columns that name a record for a person, in order of preference.
NAME_COLUMNS = ("number", "username", "name_zh", "name", "title", "filename", "key", "code")


def describe_record(table: str, record_id: str, data: dict[str, Any] | None) -> str:
    """A record in words: ``nonconformity NC-2027-0012-03 (id 1a2b3c4d)``."""
    name = next((str(data[c]) for c in NAME_COLUMNS if data and data.get(c)), "")
    short = record_id.replace("-", "")[:8]
    return f"{table} {name} (id {short})" if name else f"{table} {short}"


def _schema_checks(session: Session, report: Report) -> dict[str, set[str]]:
    """Every model table present? Returns the columns of each table the database has."""
    inspector = inspect(session.connection())
    names = set(inspector.get_table_names())
    present: dict[str, set[str]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name not in names:
            report.problems.append(
                Problem(
                    "schema",
                    "missing_table",
                    f"table {table.name}",
                    "the table is gone from the database (dropped outside AuditDesk?)",
                )
            )
            continue
        present[table.name] = {c["name"] for c in inspector.get_columns(table.name)}
    return present


def _chain_checks(
    session: Session, report: Report, present: dict[str, set[str]]
) -> dict[tuple[str, str], str | None]:
    """The chain, in one pass that also collects each record's last logged state."""
    for name in missing_triggers(session.connection()):
        report.problems.append(
            Problem(
                "change_log",
                "append_only_trigger_missing",
                name,
                "someone removed the guard that refuses edits of the log",
            )
        )
    last: dict[tuple[str, str], str | None] = {}
    count = 0

    def collect(r: Any) -> None:
        nonlocal count
        count += 1
        if len(r) > 11 and r[11] is not None:
            last[(r[3], r[4])] = r[11]
        elif r[5] == "delete":
            last[(r[3], r[4])] = None

    with_state = "state" in present.get("change_log", set())
    for p in verify_chain(session, collect, with_state=with_state):
        what = f"{p.entity} {p.entity_id}" + (f" field {p.field}" if p.field else "")
        report.problems.append(
            Problem("change_log", p.code, f"change_log row {p.seq} ({what})", p.detail)
        )
    report.change_log_rows = count
    head = chain_head(session)
    report.chain_head, report.chain_seq = str(head), head.seq
    return last


def _shown(value: Any) -> str:
    text_ = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return repr(text_ if len(text_) <= 60 else text_[:57] + "...")


def expected_state(session: Session, table: str, record_id: str) -> dict[str, Any] | None:
    """The record as its change log says it must be now (None: deleted or never logged);
    values logged in compact form or redacted are ``REDACTED``."""
    data: dict[str, Any] | None = None
    for row in history(session, table, record_id):
        if row.action in ("create", "baseline", "bulk_state") and row.new:
            data = json.loads(row.new)
        elif row.action == "update" and data is not None:
            try:
                logged = json.loads(row.new) if row.new is not None else None
            except ValueError:
                logged = REDACTED
            value = apply_logged_change(data.get(row.field), logged)
            data[row.field] = REDACTED if value is None and logged is not None else value
        elif row.action == "delete":
            data = None
    return data


def _differences(
    table: str, expected: dict[str, Any] | None, actual: dict[str, Any]
) -> list[tuple[str, str]]:
    """(field, what differs) between the logged and the stored state of one record."""
    if expected is None:
        return [("", "the change log has no state of this record to compare with")]
    links = {spec.key for spec in link_specs().get(table, [])}
    want: dict[str, Any] = {}
    for key, value in expected.items():
        name = "@" + key if key in links else key
        if name in STATE_SKIPPED or value in (None, "", False, 0, [], {}):
            continue
        want[name] = sorted(value) if key in links and isinstance(value, list) else value
    out: list[tuple[str, str]] = []
    hidden: list[str] = []
    for name in sorted(set(want) | set(actual)):
        w, a = want.get(name), actual.get(name)
        if w == REDACTED or name in REDACTED_FIELDS:
            hidden.append(name.lstrip("@"))
            continue
        if w != a:
            out.append(
                (
                    name.lstrip("@"),
                    f"the change log says {_shown(w) if w is not None else 'empty'}, "
                    f"the table holds {_shown(a) if a is not None else 'empty'}",
                )
            )
    if not out:
        out = [(name, "its value differs from the hash the change log holds") for name in hidden]
    return out or [("", "its stored state differs from the one the change log holds")]


def _record_checks(
    session: Session,
    report: Report,
    last: dict[tuple[str, str], str | None],
    present: dict[str, set[str]],
) -> None:
    conn = session.connection()
    link_tables = set(present)
    for table_name in sorted(entity_tables()):
        if table_name not in present:
            continue
        changed: list[tuple[str, dict[str, Any]]] = []
        for rid, data, digest in read_states(
            conn, table_name, present=present[table_name], link_tables=link_tables
        ):
            report.records_checked += 1
            key = (table_name, rid)
            if key not in last:
                report.problems.append(
                    Problem(
                        "record",
                        "not_in_change_log",
                        describe_record(table_name, rid, data),
                        "the record is in the table but the change log never recorded it "
                        "(added outside AuditDesk)",
                    )
                )
                continue
            logged = last.pop(key)
            if logged is None:
                report.problems.append(
                    Problem(
                        "record",
                        "deleted_record_present",
                        describe_record(table_name, rid, data),
                        "the change log says this record was deleted, yet it is in the table",
                    )
                )
            elif logged != digest:
                changed.append((rid, data))
        for rid, data in changed:
            expected = expected_state(session, table_name, rid)
            for fld, detail in _differences(table_name, expected, data):
                report.problems.append(
                    Problem(
                        "record",
                        "changed_outside_auditdesk",
                        describe_record(table_name, rid, data) + (f" field {fld}" if fld else ""),
                        detail,
                    )
                )
    for (table_name, rid), logged in sorted(last.items()):
        if logged is not None and table_name in present and table_name in entity_tables():
            report.problems.append(
                Problem(
                    "record",
                    "missing_record",
                    describe_record(table_name, rid, expected_state(session, table_name, rid)),
                    "the change log says this record exists, but it is gone from the table "
                    "(deleted outside AuditDesk)",
                )
            )


# --------------------------------------------------------------------------- witness

WITNESS_FORMAT = "auditdesk-witness/1"


class WitnessInvalid(errors.StorageError):
    code = "witness_invalid"


def witness_data(url: str, head: ChainHead) -> dict[str, Any]:
    return {
        "format": WITNESS_FORMAT,
        "database": url,
        "seq": head.seq,
        "hash": str(head),
        "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def write_witness(url: str, path: Path) -> dict[str, Any]:
    """Write the chain head of the database at ``url`` to ``path`` (keep it elsewhere)."""
    engine = make_engine(url, execution_options={"auditdesk_readonly": True})
    try:
        with Session(engine) as session:
            data = witness_data(url, chain_head(session))
    finally:
        engine.dispose()
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    return data


def read_witness(path: Path) -> tuple[int, str]:
    """(seq, hash) a witness file pins; WitnessInvalid when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != WITNESS_FORMAT:
            raise ValueError("not an AuditDesk witness")
        seq, digest = data["seq"], data["hash"]
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise ValueError("bad seq")
        if not isinstance(digest, str) or len(digest) != 64:
            raise ValueError("bad hash")
        int(digest, 16)
    except (OSError, ValueError, KeyError) as exc:
        raise WitnessInvalid(f"{path} is not an AuditDesk witness file", str(path)) from exc
    return seq, digest.lower()


def _witness_checks(session: Session, report: Report, witness: Path) -> None:
    from auditdesk.model.changelog import ChangeLogEntry

    seq, digest = read_witness(witness)
    if seq == 0:
        return
    stored = session.scalar(select(ChangeLogEntry.hash).where(ChangeLogEntry.seq == seq))
    where = f"change_log row {seq} (pinned by {witness.name})"
    if stored is None:
        report.problems.append(
            Problem(
                "witness",
                "history_cut",
                where,
                f"the log ends at row {report.chain_seq}: rows the witness saw were removed",
            )
        )
    elif stored != digest:
        report.problems.append(
            Problem(
                "witness",
                "history_rewritten",
                where,
                f"the witness says {digest[:12]}, the log now says {stored[:12]}: "
                "history up to this row was rewritten",
            )
        )


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


def check_database(url: str, *, against: Path | None = None) -> Report:
    """Check the database at ``url`` (and its history against the witness file ``against``);
    raises StorageError only when there is nothing to check."""
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
    if against is not None:
        read_witness(against)  # a bad witness file is refused before any work
    # Read-only: a deferred transaction that never takes the write lock, so check runs while
    # others save.
    engine = make_engine(url, execution_options={"auditdesk_readonly": True})
    try:
        if engine.dialect.name == "sqlite" and not _sqlite_checks(engine, report):
            return report
        with Session(engine) as session:
            present = _schema_checks(session, report)
            last: dict[tuple[str, str], str | None] = {}
            if "change_log" in present:
                last = _chain_checks(session, report, present)
            _record_checks(session, report, last, present)
            if "attachment" in present:
                _attachment_checks(session, report)
            if against is not None and "change_log" in present:
                _witness_checks(session, report, against)
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
