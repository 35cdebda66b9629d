"""Evidence items, their clause links and attachments, check-in photos, clause judgements.

Built for autosave: the workspace calls :func:`update_evidence` with one field at a time, each
in its own short transaction, so a power cut loses at most the field being typed. Every
writer checks the RECORD_EVIDENCE permission and that the audit is not locked.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Attachment,
    Audit,
    AuditMode,
    CheckInMoment,
    Clause,
    ClauseJudgement,
    EvidenceItem,
    EvidenceType,
    Judgement,
    Site,
    utcnow,
)
from auditdesk.services.audits import ensure_unlocked, get_audit
from auditdesk.services.errors import NotFound, ValidationFailed
from auditdesk.services.nonconformities import ensure_not_history
from auditdesk.services.users import Permission, require
from auditdesk.storage.attachments import AttachmentStore, StoredFile
from auditdesk.storage.concurrency import expect_version
from auditdesk.storage.database import sqlite_path

EDITABLE_FIELDS = (
    "evidence_type",
    "site_id",
    "department",
    "remote",
    "observed_at",
    "description",
    "references",
    "interviewee_role",
    "significant_change",
)


@dataclass
class EvidenceData:
    evidence_type: EvidenceType = EvidenceType.DOCUMENT
    clause_ids: list[uuid.UUID] = field(default_factory=list)
    site_id: uuid.UUID | None = None
    department: str = ""
    remote: bool | None = None  # None: remote when the audit is remote (FS02)
    observed_at: dt.datetime | None = None  # None: now
    description: str = ""
    references: str = ""
    interviewee_role: str = ""


def store_for(session: Session) -> AttachmentStore:
    """The attachment store beside this session's database file (or a server database's folder)."""
    store = AttachmentStore.for_session(session)
    if store is not None:
        return store
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":  # one machine's folder would hide the files from the office
        raise ValidationFailed(
            "a server database needs AUDITDESK_FILES or the storage.files_root setting",
            {"attachment": "no_store"},
        )
    path = sqlite_path(str(bind.engine.url if hasattr(bind, "engine") else bind.url))  # type: ignore[union-attr]
    if path is None:
        from auditdesk.paths import user_data_dir

        return AttachmentStore(user_data_dir() / "attachments")
    return AttachmentStore.beside(path)


def _writable_audit(session: Session, audit_id: uuid.UUID) -> Audit:
    require(session, Permission.RECORD_EVIDENCE)
    audit = get_audit(session, audit_id)
    ensure_unlocked(audit)
    ensure_not_history(session, audit)  # an earlier audit brought to a laptop as history
    return audit


def get_evidence(session: Session, evidence_id: uuid.UUID) -> EvidenceItem:
    item = session.get(EvidenceItem, evidence_id)
    if item is None:
        raise NotFound(f"no evidence item {evidence_id}", id=str(evidence_id))
    return item


def _validate(session: Session, audit: Audit, values: dict[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if "evidence_type" in values:
        try:
            values["evidence_type"] = EvidenceType(values["evidence_type"])
        except ValueError:
            errors["evidence_type"] = "unknown"
    if values.get("site_id") is not None:
        site = session.get(Site, values["site_id"])
        if site is None or site.organisation_id != audit.organisation_id:
            errors["site_id"] = "not_of_client"
    if "observed_at" in values:
        when = values["observed_at"]
        if not isinstance(when, dt.datetime) or when.tzinfo is None:
            errors["observed_at"] = "invalid"
    for name in ("department", "interviewee_role"):
        if name in values and len(str(values[name] or "")) > 200:
            errors[name] = "too_long"
    if "significant_change" in values and not isinstance(values["significant_change"], bool):
        errors["significant_change"] = "invalid"
    return errors


def _check_clauses(session: Session, audit: Audit, clause_ids: list[uuid.UUID]) -> list[Clause]:
    clauses = [session.get(Clause, cid) for cid in clause_ids]
    allowed = {c.standard_id for c in audit.certificates}
    if any(c is None or c.standard_id not in allowed for c in clauses):
        raise ValidationFailed(
            "clause not in the audit's standards", {"clause_ids": "not_in_audit"}
        )
    return [c for c in clauses if c is not None]


def add_evidence(
    session: Session, audit_id: uuid.UUID, data: EvidenceData | None = None
) -> EvidenceItem:
    """A new evidence item at the end of the audit's list."""
    data = data or EvidenceData()
    audit = _writable_audit(session, audit_id)
    values: dict[str, Any] = {
        "evidence_type": data.evidence_type,
        "site_id": data.site_id,
        "department": data.department,
        "interviewee_role": data.interviewee_role,
    }
    if data.observed_at is not None:
        values["observed_at"] = data.observed_at
    errors = _validate(session, audit, values)
    if errors:
        raise ValidationFailed(f"evidence: {errors}", errors)
    clauses = _check_clauses(session, audit, data.clause_ids)
    seq = (
        session.scalar(select(func.max(EvidenceItem.seq)).where(EvidenceItem.audit_id == audit.id))
        or 0
    ) + 1
    remote = data.remote if data.remote is not None else audit.mode == AuditMode.REMOTE
    item = EvidenceItem(
        audit_id=audit.id,
        evidence_type=values["evidence_type"],
        site_id=data.site_id,
        department=data.department,
        remote=remote,
        observed_at=data.observed_at or utcnow(),
        description=data.description,
        references=data.references,
        interviewee_role=data.interviewee_role,
        seq=seq,
    )
    item.clauses = clauses
    session.add(item)
    session.flush()
    return item


def update_evidence(
    session: Session,
    evidence_id: uuid.UUID,
    changes: dict[str, Any],
    *,
    expected_version: int | None = None,
) -> EvidenceItem:
    """Change some fields (the workspace sends one at a time, as the auditor types).

    ``expected_version``: the version the auditor's editor showed; when someone else saved the
    item since, the flush raises ``Conflict`` naming them instead of overwriting their text.
    """
    if expected_version is not None:
        expect_version(session, EvidenceItem, evidence_id, expected_version)
    item = get_evidence(session, evidence_id)
    audit = _writable_audit(session, item.audit_id)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            f"not editable: {sorted(unknown)}", {f: "not_editable" for f in unknown}
        )
    values = dict(changes)
    errors = _validate(session, audit, values)
    if errors:
        raise ValidationFailed(f"evidence: {errors}", errors)
    for name, value in values.items():
        if getattr(item, name) != value:
            setattr(item, name, value)
    session.flush()
    return item


def set_evidence_clauses(
    session: Session, evidence_id: uuid.UUID, clause_ids: list[uuid.UUID]
) -> EvidenceItem:
    item = get_evidence(session, evidence_id)
    audit = _writable_audit(session, item.audit_id)
    item.clauses = _check_clauses(session, audit, clause_ids)
    session.flush()
    return item


def link_clause(session: Session, evidence_id: uuid.UUID, clause_id: uuid.UUID) -> EvidenceItem:
    item = get_evidence(session, evidence_id)
    ids = [c.id for c in item.clauses]
    return (
        item if clause_id in ids else set_evidence_clauses(session, evidence_id, [*ids, clause_id])
    )


def unlink_clause(session: Session, evidence_id: uuid.UUID, clause_id: uuid.UUID) -> EvidenceItem:
    item = get_evidence(session, evidence_id)
    return set_evidence_clauses(
        session, evidence_id, [c.id for c in item.clauses if c.id != clause_id]
    )


def archive_evidence(
    session: Session, evidence_id: uuid.UUID, archived: bool = True
) -> EvidenceItem:
    """Evidence is never deleted: archived items drop out of lists, coverage and reports."""
    item = get_evidence(session, evidence_id)
    _writable_audit(session, item.audit_id)
    item.archived = archived
    session.flush()
    return item


def list_evidence(
    session: Session,
    audit_id: uuid.UUID,
    *,
    clause_ids: list[uuid.UUID] | None = None,
    site_id: uuid.UUID | None = None,
    include_archived: bool = False,
) -> list[EvidenceItem]:
    stmt = select(EvidenceItem).where(EvidenceItem.audit_id == audit_id)
    if not include_archived:
        stmt = stmt.where(EvidenceItem.archived.is_(False))
    if site_id is not None:
        stmt = stmt.where(EvidenceItem.site_id == site_id)
    if clause_ids is not None:
        stmt = stmt.where(EvidenceItem.clauses.any(Clause.id.in_(clause_ids)))
    return list(session.scalars(stmt.order_by(EvidenceItem.seq, EvidenceItem.observed_at)))


# --- attachments -----------------------------------------------------------------------------


def _attachment_row(stored: StoredFile, filename: str, **kw: Any) -> Attachment:
    return Attachment(
        sha256=stored.sha256,
        filename=filename[:260],
        media_type=stored.media_type,
        size=stored.size,
        is_photo=stored.is_photo,
        captured_at=stored.captured_at,
        **kw,
    )


def attach_file(
    session: Session,
    evidence_id: uuid.UUID,
    source: Path | str,
    *,
    filename: str | None = None,
    caption: str = "",
    store: AttachmentStore | None = None,
    adopt_capture_time: bool = False,
) -> Attachment:
    """Copy a file into the store (refusing disguised files) and attach it to an evidence item.

    With ``adopt_capture_time`` the item's time becomes the photo's EXIF capture time when the
    item has no files yet (a photo item recorded later than it was taken).
    """
    item = get_evidence(session, evidence_id)
    _writable_audit(session, item.audit_id)
    source = Path(source)
    stored = (store or store_for(session)).put(source, filename or source.name)
    if (
        adopt_capture_time
        and stored.captured_at
        and not session.scalar(
            select(func.count())
            .select_from(Attachment)
            .where(Attachment.evidence_id == item.id, Attachment.archived.is_(False))
        )
    ):
        item.observed_at = stored.captured_at
    att = _attachment_row(
        stored,
        filename or source.name,
        evidence_id=item.id,
        audit_id=item.audit_id,
        caption=caption,
    )
    session.add(att)
    session.flush()
    return att


def attach_bytes(
    session: Session,
    evidence_id: uuid.UUID,
    data: bytes,
    filename: str,
    *,
    store: AttachmentStore | None = None,
) -> Attachment:
    """A pasted image or file from the clipboard."""
    item = get_evidence(session, evidence_id)
    _writable_audit(session, item.audit_id)
    stored = (store or store_for(session)).put_bytes(data, filename)
    att = _attachment_row(stored, filename, evidence_id=item.id, audit_id=item.audit_id)
    session.add(att)
    session.flush()
    return att


def list_attachments(
    session: Session,
    *,
    evidence_id: uuid.UUID | None = None,
    audit_id: uuid.UUID | None = None,
    check_in_only: bool = False,
) -> list[Attachment]:
    stmt = select(Attachment).where(Attachment.archived.is_(False))
    if evidence_id is not None:
        stmt = stmt.where(Attachment.evidence_id == evidence_id)
    if audit_id is not None:
        stmt = stmt.where(Attachment.audit_id == audit_id)
    if check_in_only:
        stmt = stmt.where(Attachment.check_in.is_not(None))
    return list(session.scalars(stmt.order_by(Attachment.created_at)))


def archive_attachment(
    session: Session, attachment_id: uuid.UUID, archived: bool = True
) -> Attachment:
    att = session.get(Attachment, attachment_id)
    if att is None:
        raise NotFound(f"no attachment {attachment_id}", id=str(attachment_id))
    if att.audit_id is not None:
        _writable_audit(session, att.audit_id)
    att.archived = archived
    session.flush()
    return att


# --- photos in the report (issue 20.4) ------------------------------------------------------


def nc_evidence_ids(session: Session, audit_id: uuid.UUID) -> set[uuid.UUID]:
    """The audit's evidence items an NC (not archived) rests on."""
    from auditdesk.model import Nonconformity, nc_evidence

    return set(
        session.scalars(
            select(nc_evidence.c.evidence_id)
            .join(Nonconformity, Nonconformity.id == nc_evidence.c.nonconformity_id)
            .where(Nonconformity.audit_id == audit_id, Nonconformity.archived.is_(False))
        )
    )


def photo_in_report(att: Attachment, nc_evidence: set[uuid.UUID]) -> bool:
    """Whether a photo prints in the report: check-in photos always; otherwise the auditor's
    choice, and without one the photos on evidence an NC rests on."""
    if not att.is_photo or att.archived:
        return False
    if att.check_in is not None:
        return True
    if att.report_excluded:
        return False
    return att.include_in_report or (att.evidence_id is not None and att.evidence_id in nc_evidence)


def set_photo_in_report(session: Session, attachment_id: uuid.UUID, include: bool) -> Attachment:
    """The auditor puts a photo into the report or takes it out (overrides the default)."""
    att = session.get(Attachment, attachment_id)
    if att is None:
        raise NotFound(f"no attachment {attachment_id}", id=str(attachment_id))
    if att.audit_id is not None:
        _writable_audit(session, att.audit_id)
    elif att.evidence_id is not None:
        _writable_audit(session, get_evidence(session, att.evidence_id).audit_id)
    if not att.is_photo:
        raise ValidationFailed("only a photo prints in the report", {"attachment": "not_a_photo"})
    if att.check_in is not None and not include:
        raise ValidationFailed(
            "a check-in photo is always in the report", {"attachment": "check_in_photo"}
        )
    att.include_in_report = bool(include)
    att.report_excluded = not include
    session.flush()
    return att


# --- check-in (认证到) photos ------------------------------------------------------------------


def mark_check_in(
    session: Session,
    attachment_id: uuid.UUID,
    moment: CheckInMoment | None,
    *,
    place: str = "",
    taken_at: dt.datetime | None = None,
    audit_id: uuid.UUID | None = None,
) -> Attachment:
    """Mark (or with ``moment`` None unmark) a photo as taken at the opening/closing meeting.

    Time defaults to the EXIF capture time, else the time the photo was added.
    """
    att = session.get(Attachment, attachment_id)
    if att is None:
        raise NotFound(f"no attachment {attachment_id}", id=str(attachment_id))
    audit = _writable_audit(session, audit_id or att.audit_id)  # type: ignore[arg-type]
    if moment is not None and not att.is_photo:
        raise ValidationFailed("a check-in needs a photo", {"attachment": "not_a_photo"})
    att.audit_id = audit.id
    att.check_in = moment
    if moment is not None:
        att.place = place or att.place
        att.captured_at = taken_at or att.captured_at or att.created_at or utcnow()
        att.include_in_report = True
    session.flush()
    return att


def add_check_in_photo(
    session: Session,
    audit_id: uuid.UUID,
    source: Path | str,
    moment: CheckInMoment,
    *,
    place: str = "",
    taken_at: dt.datetime | None = None,
    store: AttachmentStore | None = None,
) -> Attachment:
    """A whole-team photo of the opening or closing meeting, attached to the audit itself."""
    audit = _writable_audit(session, audit_id)
    source = Path(source)
    stored = (store or store_for(session)).put(source)
    if not stored.is_photo:
        raise ValidationFailed("a check-in needs a photo", {"attachment": "not_a_photo"})
    att = _attachment_row(stored, source.name, audit_id=audit.id)
    session.add(att)
    session.flush()
    return mark_check_in(session, att.id, moment, place=place, taken_at=taken_at)


# --- judgements -------------------------------------------------------------------------------


JUDGEMENT_IDS = uuid.UUID("6f1c8a52-3d0e-5b7a-9c41-2e8d7f0a6b13")


def judgement_id(audit_id: uuid.UUID, clause: Clause, site_id: uuid.UUID | None) -> uuid.UUID:
    """The id of the judgement of ``clause`` in an audit (for one site or none): derived from
    that natural key, with the clause by standard and number (clause rows have their own ids
    in every database), so one clause judged on two laptops is one record that merges field by
    field — a conflict where the two differ — instead of two judgements (issue 14)."""
    name = f"{audit_id}|{clause.standard.key}|{clause.number}|{site_id or ''}"
    return uuid.uuid5(JUDGEMENT_IDS, name)


def set_judgement(
    session: Session,
    audit_id: uuid.UUID,
    clause_id: uuid.UUID,
    judgement: Judgement | None,
    *,
    site_id: uuid.UUID | None = None,
    note: str | None = None,
) -> ClauseJudgement | None:
    """Judge one clause (optionally for one site); ``None`` clears the judgement."""
    audit = _writable_audit(session, audit_id)
    _check_clauses(session, audit, [clause_id])
    existing = session.scalar(
        select(ClauseJudgement).where(
            ClauseJudgement.audit_id == audit.id,
            ClauseJudgement.clause_id == clause_id,
            ClauseJudgement.site_id.is_(None)
            if site_id is None
            else ClauseJudgement.site_id == site_id,
        )
    )
    if judgement is None:
        if existing is not None:
            session.delete(existing)
            session.flush()
        return None
    if existing is None:
        existing = ClauseJudgement(
            id=judgement_id(audit.id, session.get_one(Clause, clause_id), site_id),
            audit_id=audit.id,
            clause_id=clause_id,
            site_id=site_id,
            judgement=judgement,
        )
        session.add(existing)
    existing.judgement = Judgement(judgement)
    if note is not None:
        existing.note = note
    existing.judged_at = utcnow()
    session.flush()
    return existing


def judgements_of(session: Session, audit_id: uuid.UUID) -> list[ClauseJudgement]:
    return list(
        session.scalars(select(ClauseJudgement).where(ClauseJudgement.audit_id == audit_id))
    )


def set_marks_control(session: Session, audit_id: uuid.UUID, text: str) -> Audit:
    """What the auditor found about the use of marks and certificate references (a surveillance
    must-cover item, 17021-1 9.6.2.2), recorded in the audit's ``marks_control``."""
    audit = _writable_audit(session, audit_id)
    audit.marks_control = text.strip()
    session.flush()
    return audit
