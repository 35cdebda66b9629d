"""What an audit, and a certificate's cycle, has sampled.

- :func:`audit_clause_rows`: the clause tree of an audit's standards. An integrated audit
  (several certificates, IAF MD11) shows a clause that the standards share (same Annex SL
  number: 5.2, 9.2, ...) once, listing each standard's clause.
- :func:`audit_coverage`: per clause row and per site, how many evidence items; the
  judgement; the surveillance must-cover items (17021-1 9.6.2.2, ``Standard.surveillance_must_cover``)
  that have no evidence yet.
- :func:`cycle_matrix`: across the certificate's cycle, a clause × audit count matrix and the
  clauses and sites never sampled.

Evidence linked to a sub-clause counts for its parents (evidence on 9.1.2 covers 9.1).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Audit,
    AuditStatus,
    AuditType,
    Certificate,
    Clause,
    ClauseJudgement,
    EvidenceItem,
    Judgement,
    Standard,
    evidence_clause,
)
from auditdesk.services.audits import get_audit
from auditdesk.services.errors import NotFound

SURVEILLANCE_TYPES = (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2)
MARKS_ITEM = "marks"  # use of marks and certificate references: recorded in Audit.marks_control


@dataclass
class ClauseRow:
    """One line of the workspace's clause tree; ``members`` = (standard code, clause) pairs."""

    number: str
    title_zh: str
    title_en: str
    depth: int
    parent_number: str | None
    members: list[tuple[str, Clause]] = field(default_factory=list)
    prompts: list[dict[str, str]] = field(default_factory=list)

    @property
    def clause_ids(self) -> list[uuid.UUID]:
        return [c.id for _code, c in self.members]

    @property
    def shared(self) -> bool:
        return len(self.members) > 1


def audit_standards(session: Session, audit: Audit) -> list[Standard]:
    seen: dict[uuid.UUID, Standard] = {}
    for cert in sorted(audit.certificates, key=lambda c: c.number):
        seen.setdefault(cert.standard_id, cert.standard)
    return list(seen.values())


def _sort_key(number: str) -> tuple[tuple[int, int, str], ...]:
    """Clause-number order: 4.2 < 4.10 < A.5.1. Each part sorts as (kind, number, text) so a
    numeric and a lettered part compare without a TypeError (ISO/IEC 27001 Annex A sits
    after the numbered clauses, as the standard prints it)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in number.split("."))


def audit_clause_rows(session: Session, audit_id: uuid.UUID) -> list[ClauseRow]:
    """The merged clause tree, in clause-number order (parents before children)."""
    audit = get_audit(session, audit_id)
    rows: dict[str, ClauseRow] = {}
    by_id: dict[uuid.UUID, Clause] = {}
    for std in audit_standards(session, audit):
        for clause in std.clauses:
            by_id[clause.id] = clause
    for std in audit_standards(session, audit):
        for clause in std.clauses:
            parent = by_id.get(clause.parent_id) if clause.parent_id else None
            row = rows.get(clause.number)
            if row is None:
                row = rows[clause.number] = ClauseRow(
                    clause.number,
                    clause.title_zh,
                    clause.title_en,
                    clause.depth,
                    parent.number if parent else None,
                )
            row.members.append((std.code, clause))
            for p in clause.prompts or []:
                if p not in row.prompts:
                    row.prompts.append(p)
    return sorted(rows.values(), key=lambda r: _sort_key(r.number))


@dataclass
class AuditCoverage:
    audit_id: uuid.UUID
    # clause number -> evidence count (own + descendants), over all sites
    evidence_by_clause: dict[str, int]
    # clause number -> site id (None = no site given) -> count
    evidence_by_clause_site: dict[str, dict[uuid.UUID | None, int]]
    evidence_by_site: dict[uuid.UUID | None, int]
    # clause number -> judgements (one per clause member / site)
    judgements: dict[str, list[Judgement]]
    must_cover: list[
        str
    ]  # the surveillance items of the audit's standards (empty if not a surveillance)
    must_cover_missing: list[str]
    total_evidence: int

    def covered(self, number: str) -> bool:
        return self.evidence_by_clause.get(number, 0) > 0


def _evidence_links(
    session: Session, audit_id: uuid.UUID
) -> list[tuple[uuid.UUID, uuid.UUID | None, uuid.UUID]]:
    """(evidence id, site id, clause id) for the audit's live evidence."""
    stmt = (
        select(EvidenceItem.id, EvidenceItem.site_id, evidence_clause.c.clause_id)
        .join(evidence_clause, evidence_clause.c.evidence_id == EvidenceItem.id)
        .where(EvidenceItem.audit_id == audit_id, EvidenceItem.archived.is_(False))
    )
    return [(r[0], r[1], r[2]) for r in session.execute(stmt)]


def _ancestors(clause_id: uuid.UUID, by_id: dict[uuid.UUID, Clause]) -> list[Clause]:
    out: list[Clause] = []
    clause = by_id.get(clause_id)
    while clause is not None:
        out.append(clause)
        clause = by_id.get(clause.parent_id) if clause.parent_id else None
    return out


def audit_coverage(session: Session, audit_id: uuid.UUID) -> AuditCoverage:
    audit = get_audit(session, audit_id)
    standards = audit_standards(session, audit)
    by_id = {c.id: c for s in standards for c in s.clauses}
    per_clause: dict[str, set[uuid.UUID]] = defaultdict(set)
    per_clause_site: dict[str, dict[uuid.UUID | None, set[uuid.UUID]]] = defaultdict(
        lambda: defaultdict(set)
    )
    per_site: dict[uuid.UUID | None, set[uuid.UUID]] = defaultdict(set)
    all_items: set[uuid.UUID] = set()
    for ev_id, site_id, clause_id in _evidence_links(session, audit.id):
        all_items.add(ev_id)
        per_site[site_id].add(ev_id)
        for clause in _ancestors(clause_id, by_id):
            per_clause[clause.number].add(ev_id)
            per_clause_site[clause.number][site_id].add(ev_id)
    unlinked = session.scalars(
        select(EvidenceItem).where(
            EvidenceItem.audit_id == audit.id,
            EvidenceItem.archived.is_(False),
            ~EvidenceItem.clauses.any(),
        )
    )
    for item in unlinked:
        all_items.add(item.id)
        per_site[item.site_id].add(item.id)
    judgements: dict[str, list[Judgement]] = defaultdict(list)
    for j in session.scalars(select(ClauseJudgement).where(ClauseJudgement.audit_id == audit.id)):
        judged = by_id.get(j.clause_id)
        if judged is not None:
            judgements[judged.number].append(j.judgement)
    must: list[str] = []
    if audit.audit_type in SURVEILLANCE_TYPES:
        for std in standards:
            for item in std.surveillance_must_cover or []:
                if item not in must:
                    must.append(str(item))
    missing = [m for m in must if not _must_item_covered(m, per_clause, judgements, audit)]
    return AuditCoverage(
        audit_id=audit.id,
        evidence_by_clause={k: len(v) for k, v in per_clause.items()},
        evidence_by_clause_site={
            k: {s: len(ids) for s, ids in v.items()} for k, v in per_clause_site.items()
        },
        evidence_by_site={k: len(v) for k, v in per_site.items()},
        judgements=dict(judgements),
        must_cover=must,
        must_cover_missing=missing,
        total_evidence=len(all_items),
    )


def _must_item_covered(
    item: str,
    per_clause: dict[str, set[uuid.UUID]],
    judgements: dict[str, list[Judgement]],
    audit: Audit,
) -> bool:
    if item == MARKS_ITEM:
        return bool((audit.marks_control or "").strip())
    return bool(per_clause.get(item))


@dataclass
class CycleMatrix:
    certificate_id: uuid.UUID
    audits: list[tuple[uuid.UUID, str, AuditType, dt.date | None]]  # id, number, type, start date
    clauses: list[tuple[str, str, int]]  # number, title_zh, depth
    counts: dict[str, dict[uuid.UUID, int]]  # clause number -> audit id -> evidence count
    never_sampled: list[
        str
    ]  # clause numbers (depth >= 1) with no evidence in any audit of the cycle
    sites_never_sampled: list[uuid.UUID]


def cycle_matrix(session: Session, certificate_id: uuid.UUID) -> CycleMatrix:
    """Clause × audit evidence counts over the certificate's current cycle."""
    cert = session.get(Certificate, certificate_id)
    if cert is None:
        raise NotFound(f"no certificate {certificate_id}", id=str(certificate_id))
    start = cert.cycle_start or cert.decision_date or cert.issue_date
    # The stage 2 / recertification that opened the cycle happened up to a year before its start.
    earliest = start - dt.timedelta(days=366) if start else dt.date.min
    audits = [
        a
        for a in cert.audits
        if not a.archived
        and a.status != AuditStatus.TERMINATED
        and a.audit_type != AuditType.STAGE1
        and (a.start_date is None or a.start_date >= earliest)
    ]
    audits.sort(key=lambda a: (a.start_date or dt.date.max, a.number))
    std = cert.standard
    by_id = {c.id: c for c in std.clauses}
    counts: dict[str, dict[uuid.UUID, int]] = defaultdict(lambda: defaultdict(int))
    sites_seen: set[uuid.UUID] = set()
    for audit in audits:
        per: dict[str, set[uuid.UUID]] = defaultdict(set)
        for ev_id, site_id, clause_id in _evidence_links(session, audit.id):
            if site_id is not None:
                sites_seen.add(site_id)
            if clause_id not in by_id:
                continue
            for clause in _ancestors(clause_id, by_id):
                per[clause.number].add(ev_id)
        for number, ids in per.items():
            counts[number][audit.id] = len(ids)
    clauses = [(c.number, c.title_zh, c.depth) for c in std.clauses]
    never = [n for n, _t, d in clauses if d >= 1 and not counts.get(n)]
    org_sites = [s.id for s in cert.organisation.sites if not s.archived]
    return CycleMatrix(
        certificate_id=cert.id,
        audits=[(a.id, a.number, a.audit_type, a.start_date) for a in audits],
        clauses=clauses,
        counts={k: dict(v) for k, v in counts.items()},
        never_sampled=never,
        sites_never_sampled=[s for s in org_sites if s not in sites_seen],
    )
