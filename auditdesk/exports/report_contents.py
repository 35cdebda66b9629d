"""The 17021-1 9.4.8 items a CB's report form asks for beyond the findings (issue 17.3), as
frozen data read from the audit's own records.

Everything here follows from stored facts: per-site dates and activities from the evidence
recorded at each site, days from the team and the audit, experts and observers from the team,
exclusions from clauses judged not applicable, areas not covered from clauses judged not
audited and sites not visited, stage-1 issues from the stage-1 audit's own NCs, changes from
evidence the auditor marked as a change, re-verification from the headcount history and the
licences. A datum the model does not hold is left empty, and the document prints "未记录";
nothing is inferred from the absence of a record.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.exports.common import local_time
from auditdesk.exports.labels import Lang
from auditdesk.model import (
    Audit,
    AuditType,
    ClauseJudgement,
    EvidenceItem,
    Judgement,
    Nonconformity,
    Site,
    TeamRole,
)

# Team-written notes (Audit.report_statements) the report prints beside the derived facts.
NOTE_DAYS = "days_difference"
NOTE_EXCLUSIONS = "exclusions"
NOTE_NOT_COVERED = "not_covered"
NOTE_GUIDES = "guides"
NOTE_INTERPRETERS = "interpreters"
NOTE_REVERIFICATION = "reverification"


@dataclass(frozen=True)
class SiteActivity:
    site: str
    remote: bool
    planned_date: dt.date | None
    audited_dates: tuple[dt.date, ...]  # local dates evidence was recorded at the site
    departments: tuple[str, ...]
    clauses: tuple[str, ...]
    evidence_count: int


@dataclass(frozen=True)
class Days:
    md5: float | None
    planned: float | None
    actual: float | None
    team_total: float | None  # sum of the members' days (None: no member has days)
    reason: str  # the team's reason for a difference ("" = not recorded)

    @property
    def differs(self) -> bool:
        base = self.md5 if self.md5 is not None else self.planned
        return base is not None and self.actual is not None and abs(base - self.actual) > 1e-9


@dataclass(frozen=True)
class Stage1:
    audit_number: str
    dates: tuple[dt.date | None, dt.date | None]
    issues: tuple[tuple[str, str, str, str], ...]  # (NC number, grade, clause, state)
    unresolved: str


@dataclass(frozen=True)
class ChangeRow:
    seq: int
    observed_at: dt.datetime | None
    place: str
    description: str


@dataclass(frozen=True)
class LicenceRow:
    kind: str
    number: str
    issuer: str
    expiry: dt.date | None
    valid: bool | None  # on the audit's last day; None: no expiry recorded


@dataclass(frozen=True)
class Reverification:
    name_zh: str
    credit_code: str
    personnel_now: int
    personnel_history: tuple[tuple[dt.date, int, str], ...]
    licences: tuple[LicenceRow, ...]
    note: str


@dataclass(frozen=True)
class ReportContents:
    site_activities: tuple[SiteActivity, ...]
    days: Days
    experts: tuple[str, ...]
    observers: tuple[str, ...]
    trainees: tuple[str, ...]
    guides: str
    interpreters: str
    technical_codes: tuple[tuple[str, str], ...]  # (certificate number, codes)
    not_applicable: tuple[tuple[str, str], ...]  # (clause, the team's justification)
    exclusions_note: str
    not_audited: tuple[str, ...]  # clauses
    sites_not_covered: tuple[str, ...]
    not_covered_note: str
    stage1_applies: bool  # a stage-2 audit
    stage1: Stage1 | None
    changes: tuple[ChangeRow, ...]
    complaints: str
    reverification: Reverification | None  # recertification audits only


def _note(audit: Audit, key: str) -> str:
    return str((audit.report_statements or {}).get(key) or "").strip()


def _clause_key(number: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in number.split("."))


def build_report_contents(session: Session, audit: Audit, lang: Lang = Lang.ZH) -> ReportContents:
    items = list(
        session.scalars(
            select(EvidenceItem).where(
                EvidenceItem.audit_id == audit.id, EvidenceItem.archived.is_(False)
            )
        )
    )
    site_names = {s.id: s.name for s in audit.organisation.sites}
    activities = []
    visited: set[uuid.UUID] = set()
    for a in audit.sites:
        visited.add(a.site_id)
        here = [e for e in items if e.site_id == a.site_id]
        activities.append(
            SiteActivity(
                site=site_names.get(a.site_id) or (a.site.name if a.site else ""),
                remote=a.remote,
                planned_date=a.visit_date,
                audited_dates=tuple(
                    sorted(
                        {
                            d.date()
                            for d in (local_time(e.observed_at) for e in here)
                            if d is not None
                        }
                    )
                ),
                departments=tuple(sorted({e.department for e in here if e.department})),
                clauses=tuple(sorted({c.number for e in here for c in e.clauses}, key=_clause_key)),
                evidence_count=len(here),
            )
        )
    activities.sort(key=lambda s: (s.planned_date or dt.date.max, s.site))
    member_days = [m.days for m in audit.team if m.days is not None]
    days = Days(
        audit.md5_days,
        audit.planned_days,
        audit.actual_days,
        sum(member_days) if member_days else None,
        _note(audit, NOTE_DAYS),
    )

    def name(zh: str, en: str) -> str:
        """A person in the report's script, as the team table names them."""
        if lang == Lang.EN and en:
            return en
        if lang == Lang.BILINGUAL and en:
            return f"{zh} ({en})"
        return zh

    def names(role: TeamRole) -> tuple[str, ...]:
        return tuple(
            sorted(name(m.auditor.name_zh, m.auditor.name_en) for m in audit.team if m.role == role)
        )

    from auditdesk.model import Clause

    by_kind: dict[Judgement, list[tuple[str, str]]] = {}
    for judgement, note, number in session.execute(
        select(ClauseJudgement.judgement, ClauseJudgement.note, Clause.number)
        .join(Clause, Clause.id == ClauseJudgement.clause_id)
        .where(ClauseJudgement.audit_id == audit.id, ClauseJudgement.site_id.is_(None))
    ):
        by_kind.setdefault(judgement, []).append((number, note))
    not_applicable = tuple(sorted(by_kind.get(Judgement.NOT_APPLICABLE, []), key=_clause_key_of))
    not_audited = tuple(
        sorted((c for c, _ in by_kind.get(Judgement.NOT_AUDITED, [])), key=_clause_key)
    )
    codes = tuple(
        (c.number, c.technical_codes or audit.organisation.technical_codes or "")
        for c in sorted(audit.certificates, key=lambda c: c.number)
    )
    changes = tuple(
        ChangeRow(
            e.seq,
            local_time(e.observed_at),
            " ".join(
                p for p in (site_names.get(e.site_id, "") if e.site_id else "", e.department) if p
            ),
            e.description,
        )
        for e in sorted(items, key=lambda e: e.seq)
        if e.significant_change
    )
    return ReportContents(
        site_activities=tuple(activities),
        days=days,
        experts=names(TeamRole.TECH_EXPERT),
        observers=names(TeamRole.OBSERVER),
        trainees=names(TeamRole.TRAINEE),
        guides=_note(audit, NOTE_GUIDES),
        interpreters=_note(audit, NOTE_INTERPRETERS),
        technical_codes=codes,
        not_applicable=not_applicable,
        exclusions_note=_note(audit, NOTE_EXCLUSIONS),
        not_audited=not_audited,
        sites_not_covered=tuple(
            session.scalars(
                select(Site.name)
                .where(
                    Site.organisation_id == audit.organisation_id,
                    Site.archived.is_(False),
                    Site.id.not_in(visited) if visited else Site.id.is_not(None),
                )
                .order_by(Site.name)
            )
        ),
        not_covered_note=_note(audit, NOTE_NOT_COVERED),
        stage1_applies=audit.audit_type == AuditType.STAGE2,
        stage1=_stage1(session, audit) if audit.audit_type == AuditType.STAGE2 else None,
        changes=changes,
        complaints=_note(audit, "complaints"),
        reverification=_reverification(audit)
        if audit.audit_type == AuditType.RECERTIFICATION
        else None,
    )


def _clause_key_of(row: tuple[str, str]) -> tuple[int | str, ...]:
    return _clause_key(row[0])


def _stage1(session: Session, audit: Audit) -> Stage1 | None:
    """The client's stage-1 audit before this stage 2, with its NCs as they stand now."""
    stmt = select(Audit).where(
        Audit.organisation_id == audit.organisation_id,
        Audit.audit_type == AuditType.STAGE1,
        Audit.id != audit.id,
        Audit.archived.is_(False),
    )
    found = [
        a
        for a in session.scalars(stmt)
        if a.start_date is None or audit.start_date is None or a.start_date <= audit.start_date
    ]
    if not found:
        return None
    s1 = max(found, key=lambda a: a.start_date or dt.date.min)
    ncs = session.scalars(
        select(Nonconformity)
        .where(Nonconformity.audit_id == s1.id, Nonconformity.archived.is_(False))
        .order_by(Nonconformity.number)
    )
    return Stage1(
        s1.number,
        (s1.start_date, s1.end_date),
        tuple(
            (n.number, n.grade.value, n.clause.number if n.clause else "", n.state.value)
            for n in ncs
        ),
        "\n".join(x for x in (s1.unresolved_issues.strip(), s1.programme_issues.strip()) if x),
    )


def _reverification(audit: Audit) -> Reverification:
    org = audit.organisation
    day = audit.end_date or audit.start_date
    return Reverification(
        org.name_zh,
        org.credit_code or "",
        org.effective_personnel,
        tuple((p.effective_from, p.count, p.note) for p in org.personnel_history),
        tuple(
            LicenceRow(
                lic.kind,
                lic.number,
                lic.issuer,
                lic.expiry,
                None if lic.expiry is None or day is None else lic.expiry >= day,
            )
            for lic in sorted(org.licences, key=lambda x: (x.kind, x.number))
        ),
        _note(audit, NOTE_REVERIFICATION),
    )
