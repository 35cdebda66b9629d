"""Each certificate's programme and status, stored (``certificate_state``) and kept current.

Computing the programme of every certificate reads every certificate, audit and event (0.4 s
at 15 000 certificates, linear). The stored row is refreshed in the transaction that changes
its inputs, so a reader can take the stored values (issue 21, point 5):

- a certificate written, or an audit or certificate event of it written or deleted → that
  certificate's row is recomputed (an audit's certificates through ``audit_certificate``);
- a CB setting or rule-set correction written → every row is recomputed.

``install(db)`` adds the listeners to every session of ``db`` (``services.setup.install``):
``after_flush`` notes what changed, ``before_commit`` recomputes those rows as of today and
writes them, in the same transaction. Merges write through sessions, so they are covered.
:func:`differences` recomputes every certificate as of each row's ``computed_on`` and lists
the stored rows that differ (``auditdesk check``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, event, insert, select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Audit,
    CBSetting,
    Certificate,
    CertificateEvent,
    CertificateState,
    RuleSetRecord,
    audit_certificate,
)
from auditdesk.services.programme import CertificateProgramme, programmes
from auditdesk.storage.database import make_engine
from auditdesk.storage.integrity import Problem

_PENDING = "programme_state_pending"  # session.info key: (certificate ids, audit ids, all?)
_installed: set[Any] = set()


def _row(cp: CertificateProgramme, on: dt.date) -> dict[str, Any]:
    return {
        "certificate_id": cp.certificate_id,
        "computed_on": on,
        "status": cp.status.code.value,
        "since": cp.status.since,
        "deadline": cp.status.deadline,
        "expiry": cp.status.expiry,
        "rule_set_id": cp.rule_set.id,
    }


def refresh(
    session: Session, certificate_ids: Iterable[uuid.UUID] | None = None, on: dt.date | None = None
) -> int:
    """Recompute and store the rows of ``certificate_ids`` (every certificate by default);
    returns how many were written."""
    on = on or dt.date.today()
    ids = None if certificate_ids is None else list(set(certificate_ids))
    if ids == []:
        return 0
    found = programmes(session, on, ids)
    if ids is None:
        session.execute(delete(CertificateState))
    else:
        session.execute(delete(CertificateState).where(CertificateState.certificate_id.in_(ids)))
    rows = [_row(cp, on) for cp in found]
    if rows:
        session.execute(insert(CertificateState), rows)
    return len(rows)


def stored(session: Session) -> dict[uuid.UUID, CertificateState]:
    return {r.certificate_id: r for r in session.scalars(select(CertificateState))}


@dataclass(frozen=True)
class Difference:
    certificate_id: uuid.UUID
    number: str
    field: str
    stored: Any
    computed: Any


def differences(session: Session) -> list[Difference]:
    """Every stored value that is not what the rules give now for its ``computed_on`` date, and
    every certificate the rules evaluate that has no stored row."""
    rows = stored(session)
    by_day: dict[dt.date, list[uuid.UUID]] = {}
    for cert_id, r in rows.items():
        by_day.setdefault(r.computed_on, []).append(cert_id)
    out: list[Difference] = []
    seen: set[uuid.UUID] = set()
    for day, ids in sorted(by_day.items()):
        for cp in programmes(session, day, ids):
            seen.add(cp.certificate_id)
            expected = _row(cp, day)
            have = rows[cp.certificate_id]
            for name, value in expected.items():
                if getattr(have, name) != value:
                    out.append(
                        Difference(cp.certificate_id, cp.number, name, getattr(have, name), value)
                    )
    for cp in programmes(session, dt.date.today()):
        if cp.certificate_id not in rows:
            out.append(Difference(cp.certificate_id, cp.number, "missing", None, "row"))
    for cert_id in set(rows) - seen:  # stored for a certificate the rules no longer evaluate
        out.append(Difference(cert_id, "", "extra", "row", None))
    return out


def programme_problems(url: str) -> list[Problem]:
    """:func:`differences` of the database at ``url`` as ``auditdesk check`` problems, each
    naming the certificate and the field."""
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            found = differences(session)
    finally:
        engine.dispose()
    return [
        Problem(
            "programme",
            "stored_value_differs",
            f"certificate {d.number or d.certificate_id} field {d.field}",
            f"stored {d.stored!r}, the rules give {d.computed!r}",
        )
        for d in found
    ]


# ------------------------------------------------------------------ listeners
def install(db: Any) -> None:
    """Keep ``certificate_state`` current on every session of ``db`` (a storage ``Database``)."""
    if not event.contains(db.Session, "after_flush", _note):
        event.listen(db.Session, "after_flush", _note)
        event.listen(db.Session, "before_commit", _write)
        event.listen(db.Session, "after_rollback", _forget)
    _installed.add(db.engine)
    # A database from before 0120, or filled by a bulk tool: fill it once. Asked first without
    # the write lock (SQLite sessions begin IMMEDIATE), so an open does not wait for a writer.
    with db.session(readonly=True) as session:
        empty = session.scalar(select(CertificateState.certificate_id).limit(1)) is None
        empty = empty and session.scalar(select(Certificate.id).limit(1)) is not None
    if empty:
        with db.session() as session:
            refresh(session)


def _note(session: Session, _ctx: Any) -> None:
    certs, audits, everything = session.info.get(_PENDING, (set(), set(), False))
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Certificate):
            certs.add(obj.id)
        elif isinstance(obj, CertificateEvent):
            certs.add(obj.certificate_id)
        elif isinstance(obj, Audit):
            audits.add(obj.id)
        elif isinstance(obj, CBSetting | RuleSetRecord):
            everything = True
    if certs or audits or everything:
        session.info[_PENDING] = (certs, audits, everything)


def _write(session: Session) -> None:
    bind = session.get_bind()
    if getattr(bind, "engine", bind) not in _installed:
        return
    session.flush()  # the last changes are noted too
    pending = session.info.pop(_PENDING, None)
    if pending is None:
        return
    certs, audits, everything = pending
    if everything:
        refresh(session)
        return
    if audits:
        link = audit_certificate.c
        certs |= set(
            session.scalars(select(link.certificate_id).where(link.audit_id.in_(list(audits))))
        )
    existing = set(session.scalars(select(Certificate.id).where(Certificate.id.in_(list(certs)))))
    refresh(session, existing)


def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
