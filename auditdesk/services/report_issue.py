"""Issuing an audit report: lock the audit, record the revision and a fingerprint of its records.

Once issued, an audit is read-only (``Audit.locked``). A correction is itself an issue: it needs
a change note and makes the next revision (``Audit.report_revision`` 1, 2, ...), each with its own
fingerprint, so anyone can later check that the records still are what the report showed.

The fingerprint is SHA-256 over a canonical JSON (sorted keys, no whitespace, UTF-8) of the
audit's records: the audit, its team, sites, clause judgements, evidence items (with their
clause ids), nonconformities and the attachments' hashes. Bookkeeping columns (timestamps,
optimistic-lock version, the lock and revision counters, the status) are left out: issuing
changes them and they say nothing about the content. Where the change log
(``auditdesk.storage.changelog.chain_head``) exists, its head at issue time is folded in and
kept on the revision, so the report also points into the tamper-evident log.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Attachment,
    Audit,
    AuditSite,
    AuditStatus,
    AuditTeamMember,
    ClauseJudgement,
    EvidenceItem,
    Nonconformity,
    ReportRevision,
    evidence_clause,
    nc_evidence,
    utcnow,
)
from auditdesk.services.errors import Locked, NotFound, ValidationFailed
from auditdesk.services.users import Permission, current_username, require

_SKIP = {"created_at", "updated_at", "version", "locked", "report_revision", "status"}


def _value(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).isoformat() if v.tzinfo else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, enum.Enum):
        return v.value
    if isinstance(v, float) and v.is_integer():
        return int(v)  # 2.0 and 2 are the same figure
    return v


def _row(obj: Any) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {c.key: _value(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in _SKIP}


def _rows(objs: Iterable[Any]) -> list[dict[str, Any]]:
    return sorted((_row(o) for o in objs), key=lambda r: r["id"])


def audit_records(session: Session, audit_id: uuid.UUID) -> dict[str, Any]:
    """The audit's records as plain JSON values (what the fingerprint covers)."""
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", id=str(audit_id))
    evidence = list(session.scalars(select(EvidenceItem).where(EvidenceItem.audit_id == audit_id)))
    ev_ids = [e.id for e in evidence]
    ncs = list(session.scalars(select(Nonconformity).where(Nonconformity.audit_id == audit_id)))
    nc_ids = [n.id for n in ncs]
    att = select(Attachment).where(
        (Attachment.audit_id == audit_id)
        | Attachment.evidence_id.in_(ev_ids)
        | Attachment.nonconformity_id.in_(nc_ids)
    )
    links = session.execute(
        select(evidence_clause).where(evidence_clause.c.evidence_id.in_(ev_ids))
    )
    nc_links = session.execute(
        select(nc_evidence).where(nc_evidence.c.nonconformity_id.in_(nc_ids))
    )
    return {
        "audit": _row(audit),
        "certificates": sorted(str(c.id) for c in audit.certificates),
        "team": _rows(
            session.scalars(select(AuditTeamMember).where(AuditTeamMember.audit_id == audit_id))
        ),
        "sites": _rows(session.scalars(select(AuditSite).where(AuditSite.audit_id == audit_id))),
        "judgements": _rows(
            session.scalars(select(ClauseJudgement).where(ClauseJudgement.audit_id == audit_id))
        ),
        "evidence": _rows(evidence),
        "evidence_clauses": sorted([str(e), str(c)] for e, c in links),
        "nonconformities": _rows(ncs),
        "nc_evidence": sorted([str(n), str(e)] for n, e in nc_links),
        "attachments": _rows(session.scalars(att)),
    }


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def change_log_head(session: Session) -> str:
    """The change log's chain head, or "" while no change log module provides one."""
    try:
        from auditdesk.storage import changelog
    except ImportError:
        return ""
    head = getattr(changelog, "chain_head", None)
    if head is None:
        return ""
    value = head(session)
    return str(value or "")


def records_fingerprint(session: Session, audit_id: uuid.UUID, chain_head: str = "") -> str:
    payload = {"records": audit_records(session, audit_id), "chain_head": chain_head}
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def revisions(session: Session, audit_id: uuid.UUID) -> list[ReportRevision]:
    return list(
        session.scalars(
            select(ReportRevision)
            .where(ReportRevision.audit_id == audit_id)
            .order_by(ReportRevision.revision)
        )
    )


def latest_revision(session: Session, audit_id: uuid.UUID) -> ReportRevision | None:
    found = revisions(session, audit_id)
    return found[-1] if found else None


def issue_report(
    session: Session, audit_id: uuid.UUID, change_note: str = "", at: dt.datetime | None = None
) -> ReportRevision:
    """Issue revision 1, or, for an issued audit reopened for correction, the next revision.

    A first issue locks the audit. A correction (the audit was unlocked with
    :func:`open_correction`) needs a change note.
    """
    require(session, Permission.ISSUE_REPORT)
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", id=str(audit_id))
    if audit.locked:
        raise Locked(
            f"audit {audit.number} is already issued (revision {audit.report_revision}); "
            "open a correction first",
            audit=audit.number,
        )
    revision = audit.report_revision + 1
    if revision > 1 and not change_note.strip():
        raise ValidationFailed(
            "a corrected report needs a change note", {"change_note": "required"}
        )
    session.flush()  # pending edits enter the change log before its head is read
    head = change_log_head(session)
    rev = ReportRevision(
        audit_id=audit.id,
        revision=revision,
        issued_at=at or utcnow(),
        issued_by=current_username(session),
        change_note=change_note.strip(),
        fingerprint=records_fingerprint(session, audit.id, head),
        chain_head=head,
        files=[],
    )
    session.add(rev)
    audit.locked = True
    audit.report_revision = revision
    audit.status = AuditStatus.REPORT_ISSUED
    session.flush()
    return rev


def open_correction(session: Session, audit_id: uuid.UUID) -> Audit:
    """Unlock an issued audit so its records can be corrected; re-issuing makes a new revision."""
    require(session, Permission.ISSUE_REPORT)
    audit = session.get(Audit, audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", id=str(audit_id))
    if not audit.locked:
        raise ValidationFailed(f"audit {audit.number} is not issued", {"audit": "not_issued"})
    audit.locked = False
    session.flush()
    return audit


def record_files(session: Session, revision: ReportRevision, files: list[dict[str, str]]) -> None:
    """Keep the SHA-256 of each file rendered for this revision (name, format, lang, sha256)."""
    revision.files = sorted([*revision.files, *files], key=lambda f: f["name"])
    session.flush()


def verify_revision(session: Session, revision: ReportRevision) -> bool:
    """True when the audit's records still hash to the fingerprint the revision was issued with."""
    return (
        records_fingerprint(session, revision.audit_id, revision.chain_head) == revision.fingerprint
    )


def sha256_file(path: Any) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
