"""What the audit workspace shows, as plain data (issue 18 point 2: screens do no queries).

Each function takes a session, reads (or writes) what one screen update needs and returns
dataclasses the widgets display: no ORM object leaves a session through here, so the result
can be built on a worker thread and shown on the GUI thread. Codes stay codes (the screen
translates them); titles come in both languages and the screen picks one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from auditdesk.model import (
    Attachment,
    Audit,
    EvidenceItem,
    Judgement,
    Nonconformity,
)
from auditdesk.services import check_in, coverage, evidence, nonconformities, search
from auditdesk.services.audits import get_audit
from auditdesk.services.errors import Conflict

SAVE_ATTEMPTS = 2  # a save that fails on a lost connection is tried once more

# An editor's changes: field name -> new value (the fields of ``SNAPSHOT_FIELDS``).
Changes = dict[str, object]


@dataclass
class EvidenceSnapshot:
    """One evidence item as the editor and the list show it."""

    id: uuid.UUID
    seq: int
    evidence_type: str
    site_id: uuid.UUID | None
    department: str
    remote: bool
    observed_at: dt.datetime
    description: str
    references: str
    interviewee_role: str
    clause_numbers: list[str]
    attachments: int
    significant_change: bool = False
    version: int | None = None  # what the auditor sees: the save is refused if it moved on


# The snapshot's fields a save can change: exactly the ones the service lets it change.
SNAPSHOT_FIELDS = evidence.EDITABLE_FIELDS


def snapshot(item: EvidenceItem) -> EvidenceSnapshot:
    return EvidenceSnapshot(
        item.id,
        item.seq,
        item.evidence_type.value,
        item.site_id,
        item.department,
        item.remote,
        item.observed_at,
        item.description,
        item.references,
        item.interviewee_role,
        [c.number for c in item.clauses],
        len([a for a in item.attachments if not a.archived]),
        item.significant_change,
        item.version,
    )


def snapshot_values(snap: EvidenceSnapshot) -> Changes:
    return {k: getattr(snap, k) for k in SNAPSHOT_FIELDS}


# --- opening ----------------------------------------------------------------------------------
@dataclass
class AuditHeader:
    number: str
    organisation: str
    audit_type: str
    mode: str
    status: str
    locked: bool
    start_date: dt.date | None
    history: bool = False  # on a laptop: the client's earlier audit, read-only (issue 14 pt 4)


@dataclass
class ClauseLine:
    """One line of the clause tree (shared clauses of an integrated audit once)."""

    number: str
    title_zh: str
    title_en: str
    depth: int
    parent: str | None
    clause_ids: list[uuid.UUID]
    members: list[tuple[str, str]]  # (standard code, clause number)
    prompts: list[dict[str, str]] = field(default_factory=list)


@dataclass
class WorkspaceOpening:
    header: AuditHeader
    marks_control: str
    sites: list[tuple[uuid.UUID, str]]
    clauses: list[ClauseLine]


def _header(session: Session, audit: Audit) -> AuditHeader:
    history = nonconformities.is_history(session, audit)
    return AuditHeader(
        audit.number,
        audit.organisation.name_zh,
        audit.audit_type.value,
        audit.mode.value,
        audit.status.value,
        bool(audit.locked) or history,
        audit.start_date,
        history,
    )


def audit_header(session: Session, audit_id: uuid.UUID) -> AuditHeader:
    return _header(session, get_audit(session, audit_id))


def opening(session: Session, audit_id: uuid.UUID) -> WorkspaceOpening:
    """The header, sites (the audit's, else the organisation's) and clause tree of an audit."""
    audit = get_audit(session, audit_id)
    sites = [(a.site.id, a.site.name) for a in audit.sites] or [
        (x.id, x.name) for x in audit.organisation.sites
    ]
    clauses = [
        ClauseLine(
            r.number,
            r.title_zh,
            r.title_en,
            r.depth,
            r.parent_number,
            r.clause_ids,
            [(code, c.number) for code, c in r.members],
            list(r.prompts),
        )
        for r in coverage.audit_clause_rows(session, audit_id)
    ]
    return WorkspaceOpening(_header(session, audit), audit.marks_control, sites, clauses)


# --- one clause -------------------------------------------------------------------------------
@dataclass
class NCLine:
    id: uuid.UUID
    number: str
    grade: str  # code
    state: Any  # the NC's state enum (the screen words it)
    first_line: str


@dataclass
class ClauseView:
    """What the clause panel shows for a clause at a site: items, judgement, NCs."""

    items: list[EvidenceSnapshot]
    judgement: str | None
    note: str
    ncs: list[NCLine]


def clause_view(
    session: Session, audit_id: uuid.UUID, clause_ids: list[uuid.UUID], site_id: uuid.UUID | None
) -> ClauseView:
    found = evidence.list_evidence(session, audit_id, clause_ids=clause_ids, site_id=site_id)
    judged = [
        j
        for j in evidence.judgements_of(session, audit_id)
        if j.clause_id in clause_ids and j.site_id == site_id
    ]
    first = judged[0] if judged else None
    return ClauseView(
        [snapshot(i) for i in found],
        first.judgement.value if first else None,
        first.note if first else "",
        clause_ncs(session, audit_id, clause_ids),
    )


def clause_ncs(session: Session, audit_id: uuid.UUID, clause_ids: list[uuid.UUID]) -> list[NCLine]:
    lines = []
    for n in nonconformities.ncs_of_audit(session, audit_id):
        if n.clause_id not in clause_ids:
            continue
        text = (n.reason or n.evidence_text or n.requirement).strip().splitlines()
        lines.append(NCLine(n.id, n.number, n.grade.value, n.state, (text or [""])[0]))
    return lines


# --- evidence writes --------------------------------------------------------------------------
@dataclass
class SaveOutcome:
    """What an autosave job hands back: the stored item, or the conflict to ask about.

    ``current`` is the item as stored now when the save was refused as changed meanwhile (the
    question's "reload" answer, read in the same job so the GUI thread needs no session)."""

    saved: EvidenceSnapshot | None
    retries: int = 0
    conflict: Conflict | None = None
    current: EvidenceSnapshot | None = None


def save_evidence(
    open_session: Any,
    item_id: uuid.UUID,
    changes: Changes,
    version: int | None,
    *,
    connection_lost: Any,
    name_subject: Any = None,
) -> SaveOutcome:
    """Save the editor's changes against ``version``, each try in its own transaction.

    ``open_session()`` opens a session (a job's); a try that fails on a lost connection
    (``connection_lost(exc)``) is made once more. A refusal as changed meanwhile comes back as
    ``conflict`` with the stored item, named by ``name_subject(exc, session)`` when given."""
    retries = 0
    for attempt in range(SAVE_ATTEMPTS):
        try:
            with open_session() as s:
                item = evidence.update_evidence(s, item_id, changes, expected_version=version)
                return SaveOutcome(snapshot(item), retries)
        except Conflict as exc:
            with open_session() as s:
                if name_subject is not None:
                    name_subject(exc, s)
                current = snapshot(evidence.get_evidence(s, item_id))
            return SaveOutcome(None, retries, exc, current)
        except Exception as exc:
            if attempt + 1 == SAVE_ATTEMPTS or not connection_lost(exc):
                raise
            retries += 1
    raise AssertionError("unreachable")


def evidence_snapshot(session: Session, item_id: uuid.UUID) -> EvidenceSnapshot:
    return snapshot(evidence.get_evidence(session, item_id))


def judge_clause(
    session: Session,
    audit_id: uuid.UUID,
    clause_ids: list[uuid.UUID],
    value: str | None,
    *,
    site_id: uuid.UUID | None,
    note: str = "",
) -> bool:
    for cid in clause_ids:
        evidence.set_judgement(
            session,
            audit_id,
            cid,
            Judgement(value) if value else None,
            site_id=site_id,
            note=note,
        )
    return True


def judge_unset_as_nonconformity(
    session: Session, audit_id: uuid.UUID, clause_ids: list[uuid.UUID], site_id: uuid.UUID | None
) -> bool:
    """A nonconformity raised on a clause judges it so, unless it is judged already."""
    judged = {
        j.clause_id for j in evidence.judgements_of(session, audit_id) if j.site_id == site_id
    }
    for cid in clause_ids:
        if cid not in judged:
            evidence.set_judgement(session, audit_id, cid, Judgement.NONCONFORMITY, site_id=site_id)
    return True


def nc_clause(session: Session, nc_id: uuid.UUID) -> uuid.UUID | None:
    nc = session.get(Nonconformity, nc_id)
    return nc.clause_id if nc else None


def evidence_clause_ids(session: Session, item_id: uuid.UUID) -> list[uuid.UUID]:
    item = session.get(EvidenceItem, item_id)
    return [c.id for c in item.clauses] if item else []


# --- attachments ------------------------------------------------------------------------------
@dataclass
class AttachmentLine:
    id: uuid.UUID
    filename: str
    sha256: str
    is_photo: bool
    path: Path
    check_in: str  # the moment's code, "" when none
    in_report: bool


def attachment_lines(
    session: Session, audit_id: uuid.UUID, item_id: uuid.UUID
) -> list[AttachmentLine]:
    store = evidence.store_for(session)
    atts = evidence.list_attachments(session, evidence_id=item_id)
    nc_ids = evidence.nc_evidence_ids(session, audit_id)
    return [
        AttachmentLine(
            a.id,
            a.filename,
            a.sha256,
            a.is_photo,
            store.path_of(a.sha256),
            a.check_in.value if a.check_in else "",
            evidence.photo_in_report(a, nc_ids),
        )
        for a in atts
    ]


def captured_at(session: Session, attachment_id: uuid.UUID) -> dt.datetime | None:
    att = session.get(Attachment, attachment_id)
    return att.captured_at if att else None


# --- search -----------------------------------------------------------------------------------
@dataclass
class SearchLine:
    hit: search.SearchHit
    seq: int | None  # evidence: its number in the audit
    clause_numbers: list[str]
    audit_number: str | None  # the hit's audit when it is another one (None: this audit)


def search_lines(
    session: Session, query: str, audit_id: uuid.UUID, *, all_audits: bool, limit: int = 200
) -> list[SearchLine]:
    """The search's hits with what the list shows of each: two queries for all the hits
    (their evidence items with clauses, their audits), not one per hit."""
    hits = search.search(session, query, audit_id=None if all_audits else audit_id, limit=limit)
    item_ids = [h.ref_id for h in hits if h.kind == "evidence"]
    items = (
        {
            i.id: i
            for i in session.scalars(
                select(EvidenceItem)
                .where(EvidenceItem.id.in_(item_ids))
                .options(selectinload(EvidenceItem.clauses))
            )
        }
        if item_ids
        else {}
    )
    other = {h.audit_id for h in hits if h.audit_id and h.audit_id != audit_id}
    numbers = (
        dict(session.execute(select(Audit.id, Audit.number).where(Audit.id.in_(other))).tuples())
        if other
        else {}
    )
    lines = []
    for h in hits:
        item = items.get(h.ref_id) if h.kind == "evidence" else None
        lines.append(
            SearchLine(
                h,
                item.seq if item else None,
                [c.number for c in item.clauses] if item else [],
                numbers.get(h.audit_id, "") if h.audit_id and h.audit_id != audit_id else None,
            )
        )
    return lines


# --- coverage and check-in --------------------------------------------------------------------
@dataclass
class CoverageView:
    coverage: coverage.AuditCoverage
    # (certificate number, standard code, its cycle matrix)
    matrices: list[tuple[str, str, Any]]


def coverage_view(session: Session, audit_id: uuid.UUID) -> CoverageView:
    cov = coverage.audit_coverage(session, audit_id)
    audit = get_audit(session, audit_id)
    return CoverageView(
        cov,
        [
            (c.number, c.standard.code, coverage.cycle_matrix(session, c.id))
            for c in audit.certificates
        ],
    )


@dataclass
class CheckInPhoto:
    id: uuid.UUID
    moment: str  # code, "" when none
    captured_at: dt.datetime | None
    place: str
    filename: str
    path: Path
    sha256: str


@dataclass
class CheckInView:
    photos: list[CheckInPhoto]
    state: check_in.CheckInState


def check_in_view(session: Session, audit_id: uuid.UUID) -> CheckInView:
    store = evidence.store_for(session)
    photos = [
        CheckInPhoto(
            a.id,
            a.check_in.value if a.check_in else "",
            a.captured_at,
            a.place,
            a.filename,
            store.path_of(a.sha256),
            a.sha256,
        )
        for a in evidence.list_attachments(session, audit_id=audit_id, check_in_only=True)
    ]
    return CheckInView(photos, check_in.state(session, audit_id))


def set_check_in_site(session: Session, audit_id: uuid.UUID, lat: float, lon: float) -> Any:
    site = check_in.audit_site(get_audit(session, audit_id))
    return None if site is None else check_in.set_site_location(session, site.id, lat, lon)
