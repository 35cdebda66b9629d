"""Is the audit ready for its report? A list of what is missing, each with where to fix it.

Checks:
- every clause row of the audit (the second level: 4.1, 7.1, 8.5 ...) is judged, or marked
  not audited / not applicable. A judgement on a parent (8) covers its children; a clause
  whose children are all judged is judged;
- every nonconformity of the audit is linked to at least one evidence item;
- on-site audits (FS01, FS03) pass the 认证到 check-in rules (services.check_in, rules.checkin):
  an opening and a closing photo, at most 3 per meeting, EXIF time inside the meeting's 2 h
  window (a photo without EXIF time is listed, not passed), EXIF GPS within 5 km of the site,
  and every team member ticked by the leader as being on the photos. Missing GPS or site
  coordinates are not problems (CNCA flags distance only when it can measure it);
- nonconformities of earlier audits of the same certificates (open, or closed since the previous
  audit: ``nonconformities.previous_ncs``) are re-verified at this audit (17021-1 9.6.2.2);
- surveillance must-cover items (17021-1 9.6.2.2) have evidence.

Each :class:`Problem` carries a code and a locator (audit / clause / NC id) so the
workspace can jump to the place; the UI writes the sentence.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import Audit, AuditMode, Nonconformity
from auditdesk.services.audits import get_audit
from auditdesk.services.coverage import audit_clause_rows, audit_coverage


@dataclass(frozen=True)
class Problem:
    code: str
    audit_id: uuid.UUID
    clause_number: str | None = None
    clause_id: uuid.UUID | None = None
    nc_id: uuid.UUID | None = None
    detail: str = ""  # NC number, must-cover item, photo file name: data, not a sentence
    attachment_id: uuid.UUID | None = None  # check-in photo
    auditor_id: uuid.UUID | None = None  # team member not ticked on the check-in
    minutes: int | None = None  # how far outside the check-in window
    km: float | None = None  # how far from the site


CLAUSE_NOT_JUDGED = "clause.not_judged"
NC_WITHOUT_EVIDENCE = "nc.no_evidence"
CHECK_IN_OPENING_MISSING = "check_in.opening_missing"
CHECK_IN_CLOSING_MISSING = "check_in.closing_missing"
PREVIOUS_NC_NOT_VERIFIED = "previous_nc.not_verified"
MUST_COVER_MISSING = "coverage.must_cover_missing"


def check_completeness(session: Session, audit_id: uuid.UUID) -> list[Problem]:
    audit = get_audit(session, audit_id)
    problems: list[Problem] = []
    problems += _unjudged_clauses(session, audit)
    for nc in session.scalars(
        select(Nonconformity)
        .where(Nonconformity.audit_id == audit.id, Nonconformity.archived.is_(False))
        .order_by(Nonconformity.number)
    ):
        if not [e for e in nc.evidence if not e.archived]:
            problems.append(
                Problem(
                    NC_WITHOUT_EVIDENCE,
                    audit.id,
                    nc_id=nc.id,
                    detail=nc.number,
                    clause_id=nc.clause_id,
                )
            )
    if audit.mode in (AuditMode.ON_SITE, AuditMode.MIXED):
        problems += check_in_problems(session, audit)
    for nc in previous_unverified_ncs(session, audit):
        problems.append(
            Problem(
                PREVIOUS_NC_NOT_VERIFIED,
                audit.id,
                nc_id=nc.id,
                detail=nc.number,
                clause_id=nc.clause_id,
            )
        )
    coverage = audit_coverage(session, audit.id)
    for item in coverage.must_cover_missing:
        problems.append(
            Problem(
                MUST_COVER_MISSING,
                audit.id,
                clause_number=None if item == "marks" else item,
                detail=item,
            )
        )
    return problems


def check_in_problems(session: Session, audit: Audit) -> list[Problem]:
    from auditdesk.rules import checkin as rules
    from auditdesk.services import check_in

    st = check_in.state(session, audit.id)
    out: list[Problem] = []
    for f in st.findings:
        if not f.serious:
            continue
        if f.code == rules.NO_PHOTO:
            code = (
                CHECK_IN_OPENING_MISSING if f.moment == rules.OPENING else CHECK_IN_CLOSING_MISSING
            )
            out.append(Problem(code, audit.id))
            continue
        if f.code == rules.MEMBER_NOT_TICKED:
            name = next((m.name for m, _ in st.team if m.ref == f.ref), "")
            out.append(Problem(f.code, audit.id, detail=name, auditor_id=uuid.UUID(str(f.ref))))
            continue
        out.append(
            Problem(
                f.code,
                audit.id,
                detail=st.filenames.get(f.ref or "", ""),
                attachment_id=uuid.UUID(f.ref) if f.ref else None,
                minutes=f.minutes,
                km=f.km,
            )
        )
    return out


def _unjudged_clauses(session: Session, audit: Audit) -> list[Problem]:
    rows = audit_clause_rows(session, audit.id)
    judged = {j.clause_id for j in audit.judgements}
    children: dict[str | None, list[str]] = {}
    for row in rows:
        children.setdefault(row.parent_number, []).append(row.number)
    by_number = {r.number: r for r in rows}

    def own(number: str) -> bool:
        return all(cid in judged for cid in by_number[number].clause_ids)

    def covered(number: str) -> bool:
        if own(number):
            return True
        kids = children.get(number, [])
        return bool(kids) and all(covered(k) for k in kids)

    problems = []
    for row in rows:
        if row.depth != 1:
            continue
        parent_judged = row.parent_number is not None and own(row.parent_number)
        if not parent_judged and not covered(row.number):
            problems.append(
                Problem(
                    CLAUSE_NOT_JUDGED,
                    audit.id,
                    clause_number=row.number,
                    clause_id=row.clause_ids[0],
                )
            )
    return problems


def previous_unverified_ncs(session: Session, audit: Audit) -> list[Nonconformity]:
    """Previous NCs (the workspace's list) not yet re-verified at this audit: a previous NC
    counts as done only by its re-verification here, even when closed meanwhile."""
    from auditdesk.services.nonconformities import previous_ncs

    return [n for n in previous_ncs(session, audit.id) if n.reverified_in_audit_id != audit.id]
