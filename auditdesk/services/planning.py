"""Planning an audit: the proposal (MD5 days, MD1 sites, programme window, team warnings)
and creating the audit from it.

Nothing here blocks planning: team checks are warnings, the proposed days a suggestion the
admin may change; :func:`plan_audit` hands the chosen values to
:func:`auditdesk.services.audits.create_audit`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Audit,
    AuditMode,
    Auditor,
    AuditorGrade,
    AuditTeamMember,
    AuditType,
    Certificate,
    TeamRole,
)
from auditdesk.rules import team as rules_team
from auditdesk.rules.audit_time import (
    AuditTime,
    AuditTimeBook,
    AuditTimeError,
    UnknownScheme,
    audit_time,
    load_audit_time_book,
)
from auditdesk.rules.basis import Basis
from auditdesk.rules.kinds import AuditKind
from auditdesk.rules.programme import EntryKind
from auditdesk.rules.sampling import SampleSize, sample_size
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.errors import ValidationFailed
from auditdesk.services.programme import cb_settings, certificate_programme

_KIND = {
    AuditType.STAGE1: AuditKind.INITIAL,
    AuditType.STAGE2: AuditKind.INITIAL,
    AuditType.SURVEILLANCE_1: AuditKind.SURVEILLANCE,
    AuditType.SURVEILLANCE_2: AuditKind.SURVEILLANCE,
    AuditType.RECERTIFICATION: AuditKind.RECERTIFICATION,
    AuditType.TRANSFER: AuditKind.SURVEILLANCE,
}
_ENTRY = {
    AuditType.SURVEILLANCE_1: EntryKind.SURVEILLANCE_1,
    AuditType.SURVEILLANCE_2: EntryKind.SURVEILLANCE_2,
    AuditType.RECERTIFICATION: EntryKind.RECERTIFICATION,
}


@lru_cache(maxsize=1)
def _time_book() -> AuditTimeBook:
    from auditdesk.paths import resource

    return load_audit_time_book(resource("rules", "audit_time.json"))


@dataclass(frozen=True)
class SchemeTime:
    scheme: str
    time: AuditTime | None
    days: float | None
    problem: str | None  # code when MD5 has no figure (unknown scheme, no personnel, special audit)


@dataclass(frozen=True)
class PlanProposal:
    audit_type: AuditType
    times: tuple[SchemeTime, ...]
    proposed_days: float | None  # sum over the schemes (no IAF MD11 integration reduction applied)
    sampling: SampleSize | None
    site_count: int
    window_start: dt.date | None
    window_latest: dt.date | None
    window_basis: Basis | None
    warnings: tuple[rules_team.TeamWarning, ...]


def _scheme_time(cert: Certificate, personnel: int, kind: AuditKind | None) -> SchemeTime:
    scheme = cert.standard.scheme
    if kind is None or kind is AuditKind.SPECIAL:
        return SchemeTime(scheme, None, None, "no_table_for_audit_type")
    if personnel < 1:
        return SchemeTime(scheme, None, None, "no_effective_personnel")
    try:
        book = _time_book()
        table = book.table(scheme)
        category = cert.complexity if cert.complexity in table.days else None
        t = audit_time(book, scheme, personnel, category)
    except UnknownScheme:
        return SchemeTime(scheme, None, None, "unknown_scheme")
    except AuditTimeError:
        return SchemeTime(scheme, None, None, "audit_time_error")
    days = t.days_for(kind)
    if kind is AuditKind.INITIAL:
        days = t.initial_days  # stage 1 + stage 2 together; the admin splits them
    return SchemeTime(scheme, t, days, None)


def team_members(
    session: Session, team: Sequence[tuple[uuid.UUID, TeamRole]]
) -> list[rules_team.TeamMember]:
    out = []
    for auditor_id, role in team:
        a = session.get(Auditor, auditor_id)
        if a is None:
            continue
        until = a.registration_expiry or dt.date.max
        regs = tuple(
            rules_team.Registration(
                str(s).upper(), dt.date.min, until, a.grade is AuditorGrade.LEAD_AUDITOR
            )
            for s in (a.schemes or [])
        )
        areas = frozenset(c.strip() for c in a.technical_codes.split(",") if c.strip())
        out.append(
            rules_team.TeamMember(
                str(a.id),
                rules_team.TeamRole(role.value),
                regs,
                areas,
                frozenset(str(c) for c in (a.conflicts or [])),
            )
        )
    return out


def _history(session: Session, organisation_id: uuid.UUID) -> tuple[frozenset[str], ...]:
    audits = session.scalars(
        select(Audit).where(Audit.organisation_id == organisation_id).order_by(Audit.start_date)
    ).all()
    return tuple(frozenset(str(m.auditor_id) for m in a.team) for a in audits if a.team)


def propose(
    session: Session,
    certificate_ids: Sequence[uuid.UUID],
    audit_type: AuditType,
    start: dt.date,
    end: dt.date,
    team: Sequence[tuple[uuid.UUID, TeamRole]] = (),
    *,
    sampling_allowed: bool = True,
) -> PlanProposal:
    certs = [session.get(Certificate, c) for c in certificate_ids]
    if not certs or any(c is None for c in certs):
        raise ValidationFailed("planning: certificate not found", {"certificates": "not_found"})
    certs_ok = [c for c in certs if c is not None]
    org = certs_ok[0].organisation
    kind = _KIND.get(audit_type)
    times = tuple(_scheme_time(c, org.effective_personnel, kind) for c in certs_ok)
    known = [t.days for t in times if t.days is not None]
    proposed = sum(known) if known else None

    sites = [s for s in org.sites if not s.archived and not s.is_temporary]
    sampling = None
    if len(sites) > 1 and kind in (
        AuditKind.INITIAL,
        AuditKind.SURVEILLANCE,
        AuditKind.RECERTIFICATION,
    ):
        sampling = sample_size(len(sites), kind, sampling_allowed=sampling_allowed)

    window_start = window_latest = None
    window_basis = None
    entry_kind = _ENTRY.get(audit_type)
    if entry_kind is not None:
        entry = certificate_programme(session, certs_ok[0].id, start).programme.entry(entry_kind)
        window_start, window_latest, window_basis = entry.window_start, entry.latest, entry.basis

    planned = rules_team.PlannedAudit(
        start=start,
        end=end,
        client_id=str(org.id),
        schemes=frozenset(c.standard.scheme.upper() for c in certs_ok),
        technical_areas=frozenset(
            x.strip() for c in certs_ok for x in (c.technical_codes or "").split(",") if x.strip()
        ),
        consultant_id=org.consultant or None,
        history=_history(session, org.id),
    )
    warnings = (
        rules_team.check_team(planned, team_members(session, team), cb_settings(session))
        if team
        else ()
    )
    return PlanProposal(
        audit_type,
        times,
        proposed,
        sampling,
        len(sites),
        window_start,
        window_latest,
        window_basis,
        tuple(warnings),
    )


def plan_audit(
    session: Session,
    certificate_ids: Sequence[uuid.UUID],
    audit_type: AuditType,
    start: dt.date,
    end: dt.date,
    team: Sequence[tuple[uuid.UUID, TeamRole]],
    *,
    mode: AuditMode = AuditMode.ON_SITE,
    planned_days: float | None = None,
    site_ids: Sequence[uuid.UUID] = (),
    objectives: str = "",
    scope: str = "",
) -> Audit:
    """Create the planned audit with the proposal's MD5 figure and programme window recorded."""
    proposal = propose(session, certificate_ids, audit_type, start, end, team)
    days = planned_days if planned_days is not None else proposal.proposed_days
    audit = create_audit(
        session,
        AuditData(
            certificate_ids=list(certificate_ids),
            audit_type=audit_type,
            start_date=start,
            end_date=end,
            mode=mode,
            window_start=proposal.window_start,
            window_latest=proposal.window_latest,
            planned_days=days,
            md5_days=proposal.proposed_days,
            objectives=objectives,
            scope=scope,
            team=list(team),
            site_ids=list(site_ids),
        ),
    )
    for member in audit.team:
        if (
            member.days is None
            and days is not None
            and member.role in (TeamRole.TEAM_LEADER, TeamRole.AUDITOR)
        ):
            member.days = days / max(
                1, sum(1 for m in audit.team if m.role in (TeamRole.TEAM_LEADER, TeamRole.AUDITOR))
            )
    session.flush()
    return audit


def members_of(audit: Audit) -> list[AuditTeamMember]:
    return list(audit.team)
