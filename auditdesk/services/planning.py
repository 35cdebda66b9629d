"""Planning an audit: the proposal (MD5 days, MD1 sites, programme window, team warnings),
creating the audit from it, and changing it afterwards (edit, re-team, reschedule, cancel).

Team checks (competence, registration, rotation, conflicts) are warnings and the proposed days
a suggestion the admin may change. Two things are refused: a team without exactly one team
leader, and a person who is already on another audit at the same time (which person, which
audit — ``rules.plan_checks``). Every change to a planned audit needs a reason and is kept as an
:class:`AuditPlanChange` (who, when, why, which fields old → new); a cancelled audit stays,
with status ``cancelled``.
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
    AuditPlanChange,
    AuditSite,
    AuditStatus,
    AuditTeamMember,
    AuditType,
    Certificate,
    TeamRole,
    utcnow,
)
from auditdesk.model.changelog import ChangeLogEntry
from auditdesk.rules import plan_checks
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
from auditdesk.services.audits import AuditData, create_audit, ensure_unlocked, get_audit
from auditdesk.services.errors import Conflict, IllegalTransition, ValidationFailed
from auditdesk.services.plan_agenda import team_overlaps
from auditdesk.services.programme import cb_settings, certificate_programme
from auditdesk.services.users import Permission, current_user, require
from auditdesk.storage.concurrency import expect_version

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
    # Start and end inside the programme window (rules.plan_checks.suggest_dates), for the
    # audit's length in days; the dates asked for when there is no window.
    suggested_start: dt.date | None = None
    suggested_end: dt.date | None = None
    # A person already on another audit at the same time (refused by plan_audit/change_plan).
    clashes: tuple[plan_checks.Clash, ...] = ()


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
    exclude: uuid.UUID | None = None,
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
    length = (end - start).days + 1
    suggested = plan_checks.suggest_dates(window_start, window_latest, start, length)
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
        suggested[0],
        suggested[1],
        tuple(_clashes(session, team, start, end, exclude=exclude, site=org.name_zh)),
    )


def _clashes(
    session: Session,
    team: Sequence[tuple[uuid.UUID, TeamRole]],
    start: dt.date,
    end: dt.date,
    *,
    exclude: uuid.UUID | None = None,
    number: str = "",
    site: str = "",
) -> list[plan_checks.Clash]:
    people = []
    for auditor_id, _role in team:
        a = session.get(Auditor, auditor_id)
        if a is not None:
            people.append((str(a.id), a.name_zh))
    return team_overlaps(session, people, start, end, number, exclude, site)


def check_leader(team: Sequence[tuple[uuid.UUID, TeamRole]]) -> None:
    """Exactly one team leader (17021-1 9.2.2.1: the CB appoints a team leader)."""
    leaders = sum(1 for _a, role in team if role is TeamRole.TEAM_LEADER)
    if leaders != 1:
        code = "no_team_leader" if leaders == 0 else "several_team_leaders"
        raise ValidationFailed(f"planning: {code}", {"team": code})


def _refuse_clashes(clashes: Sequence[plan_checks.Clash]) -> None:
    if clashes:
        from auditdesk.services.plan_words import clash_text

        raise ValidationFailed(
            "planning: " + "; ".join(clash_text(c, "en") for c in clashes),
            {"team": "person_clash"},
            clashes=[clash_text(c, "zh") for c in clashes],
            clashes_en=[clash_text(c, "en") for c in clashes],
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
    document: PlanDocument | None = None,
    member_days: dict[uuid.UUID, float | None] | None = None,
) -> Audit:
    """Create the planned audit with the proposal's MD5 figure and programme window recorded.

    Refused: no or several team leaders; a member already on another audit at the same time.
    """
    require(session, Permission.PLAN_AUDIT)
    check_leader(team)
    if end < start:
        raise ValidationFailed("planning: end before start", {"end_date": "before_start"})
    proposal = propose(session, certificate_ids, audit_type, start, end, team)
    _refuse_clashes(proposal.clashes)
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
    for member in audit.team:
        if member_days and member_days.get(member.auditor_id) is not None:
            member.days = member_days[member.auditor_id]
    if document is not None:
        _apply_document(audit, document)
    session.flush()
    _record(session, audit, "create", "", [])
    return audit


# --------------------------------------------------------------------------- the plan document


@dataclass(frozen=True)
class PlanDocument:
    """The plan's own data (17021-1 9.2.3): number, issue and approval, language,
    confidentiality, accompanying persons, the client's confirmation."""

    plan_number: str = ""
    plan_issued_on: dt.date | None = None
    plan_approved_by: str = ""
    audit_language: str = ""
    plan_confidentiality: str = ""
    accompanying_persons: str = ""
    client_confirmed_by: str = ""
    client_confirmed_on: dt.date | None = None


DOCUMENT_FIELDS = tuple(PlanDocument.__dataclass_fields__)


def document_of(audit: Audit) -> PlanDocument:
    return PlanDocument(**{f: getattr(audit, f) for f in DOCUMENT_FIELDS})


def _apply_document(audit: Audit, doc: PlanDocument) -> None:
    errors = {}
    if doc.client_confirmed_on is not None and not doc.client_confirmed_by.strip():
        errors["client_confirmed_by"] = "required"
    if (
        doc.plan_issued_on is not None
        and doc.client_confirmed_on is not None
        and doc.client_confirmed_on < doc.plan_issued_on
    ):
        errors["client_confirmed_on"] = "before_issue"
    if doc.plan_issued_on is not None and not doc.plan_approved_by.strip():
        errors["plan_approved_by"] = "required"
    if errors:
        raise ValidationFailed(f"plan document: {errors}", errors)
    for f in DOCUMENT_FIELDS:
        value = getattr(doc, f)
        setattr(audit, f, value.strip() if isinstance(value, str) else value)


# --------------------------------------------------------------------------- changing a plan

_TRACKED = (
    "start_date",
    "end_date",
    "mode",
    "planned_days",
    "objectives",
    "scope",
    *DOCUMENT_FIELDS,
)


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, AuditMode):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _team_text(session: Session, team: Sequence[tuple[uuid.UUID, TeamRole, float | None]]) -> str:
    parts = []
    for auditor_id, role, days in team:
        a = session.get(Auditor, auditor_id)
        name = a.name_zh if a is not None else str(auditor_id)
        parts.append(f"{name}:{role.value}:{_plain(days)}")
    return ", ".join(sorted(parts))


def _record(
    session: Session, audit: Audit, action: str, reason: str, changes: list[dict[str, str]]
) -> AuditPlanChange:
    user = current_user(session)
    entry = AuditPlanChange(
        audit_id=audit.id,
        at=utcnow(),
        by_user=user.display_name or user.username,
        action=action,
        reason=reason,
        changes=changes,
    )
    session.add(entry)
    session.flush()
    return entry


def _changeable(
    session: Session,
    audit_id: uuid.UUID,
    reason: str,
    allowed: tuple[AuditStatus, ...] = (AuditStatus.PLANNED, AuditStatus.IN_PROGRESS),
) -> Audit:
    require(session, Permission.PLAN_AUDIT)
    audit = get_audit(session, audit_id)
    ensure_unlocked(audit)
    if audit.status not in allowed:
        raise IllegalTransition(
            f"audit {audit.number} is {audit.status.value}: only a planned audit can be changed",
            audit=audit.number,
            state=audit.status.value,
            reason="not_planned",
        )
    if not reason.strip():
        raise ValidationFailed("planning: a change needs a reason", {"reason": "required"})
    return audit


_UNSET: object = object()


def _check_version(session: Session, audit: Audit, expected_version: int | None) -> None:
    """Refuse a change made from a plan someone else saved since it was shown (``Conflict``
    naming who and when). A change of team rows alone writes no change-log entry of the audit
    itself, so the plan's own history is asked too, and the later of the two names the saver.
    Two saves racing past this check still meet at the flush (``expect_version``)."""
    if expected_version is None:
        return
    expect_version(session, Audit, audit.id, expected_version)
    if audit.version == expected_version:
        return
    saves: list[tuple[dt.datetime, str]] = []
    plan = session.scalars(
        select(AuditPlanChange)
        .where(AuditPlanChange.audit_id == audit.id)
        .order_by(AuditPlanChange.at.desc(), AuditPlanChange.created_at.desc())
        .limit(1)
    ).first()
    if plan is not None:
        saves.append((plan.at, plan.by_user))
    logged = session.execute(
        select(ChangeLogEntry.at, ChangeLogEntry.user)
        .where(ChangeLogEntry.entity == "audit", ChangeLogEntry.entity_id == str(audit.id))
        .order_by(ChangeLogEntry.seq.desc())
        .limit(1)
    ).first()
    if logged is not None:
        saves.append((logged.at, logged.user))
    at, who = max(saves, key=lambda s: s[0]) if saves else (audit.updated_at, "")
    raise Conflict(
        f"audit {audit.number} was changed by {who or 'someone else'} meanwhile; "
        "reload it (or merge your edits) and save again",
        entity="audit",
        record_id=str(audit.id),
        changed_by=who,
        changed_at=at,
        version=audit.version,
    )


def change_plan(
    session: Session,
    audit_id: uuid.UUID,
    *,
    reason: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    team: Sequence[tuple[uuid.UUID, TeamRole]] | None = None,
    member_days: dict[uuid.UUID, float | None] | None = None,
    mode: AuditMode | None = None,
    planned_days: float | None | object = _UNSET,
    site_ids: Sequence[uuid.UUID] | None = None,
    objectives: str | None = None,
    scope: str | None = None,
    document: PlanDocument | None = None,
    expected_version: int | None = None,
) -> AuditPlanChange | None:
    """Edit, re-team or reschedule a planned audit; ``None`` values are left as they are.

    Returns the history entry (action ``reschedule`` when the dates move, else ``reteam`` when
    the team changes, else ``edit``), or None when nothing changed. An audit in progress can
    still change (a member falls ill, the client confirms the plan). Refused: not planned or
    in progress,
    locked, no reason, no/several team leaders, a member on another audit at the same time.

    ``expected_version``: the audit's version the planning dialog showed. A change of the
    team, member days or sites alone also moves the audit's version, so two planners
    re-teaming the same audit meet as a ``Conflict`` instead of one overwriting the other.
    """
    audit = _changeable(session, audit_id, reason)
    _check_version(session, audit, expected_version)
    before = {f: _plain(getattr(audit, f)) for f in _TRACKED}
    old_team = [(m.auditor_id, m.role, m.days) for m in audit.team]
    old_sites = sorted(str(s.site_id) for s in audit.sites)
    new_start = start or audit.start_date
    new_end = end or audit.end_date or new_start
    if new_start is not None and new_end is not None and new_end < new_start:
        raise ValidationFailed("planning: end before start", {"end_date": "before_start"})
    wanted_team = list(team) if team is not None else [(a, r) for a, r, _d in old_team]
    check_leader(wanted_team)
    moves = (new_start, new_end) != (audit.start_date, audit.end_date) or sorted(
        (str(a), r.value) for a, r in wanted_team
    ) != sorted((str(a), r.value) for a, r, _d in old_team)
    # A clash is refused when the dates or the team change; editing the plan document of an
    # audit that already clashes (data from before this check) stays possible.
    if moves and new_start is not None and new_end is not None:
        _refuse_clashes(
            _clashes(
                session,
                wanted_team,
                new_start,
                new_end,
                exclude=audit.id,
                number=audit.number,
                site=audit.organisation.name_zh,
            )
        )
    audit.start_date, audit.end_date = new_start, new_end
    if mode is not None:
        audit.mode = mode
    if planned_days is not _UNSET:
        if planned_days is not None and float(planned_days) <= 0:  # type: ignore[arg-type]
            raise ValidationFailed("planning: days", {"planned_days": "not_positive"})
        audit.planned_days = planned_days  # type: ignore[assignment]
    if objectives is not None:
        audit.objectives = objectives
    if scope is not None:
        audit.scope = scope
    if document is not None:
        _apply_document(audit, document)
    if team is not None:
        old_days = {a: d for a, _r, d in old_team}
        keep = {m.auditor_id: m for m in audit.team}
        wanted_ids = {a for a, _r in wanted_team}
        for m in list(audit.team):
            if m.auditor_id not in wanted_ids:
                audit.team.remove(m)
                session.delete(m)
        for auditor_id, role in wanted_team:
            kept = keep.get(auditor_id)
            if kept is None:
                audit.team.append(
                    AuditTeamMember(
                        audit_id=audit.id,
                        auditor_id=auditor_id,
                        role=role,
                        days=old_days.get(auditor_id),
                    )
                )
            else:
                kept.role = role
    if member_days is not None:
        for m in audit.team:
            if m.auditor_id in member_days:
                m.days = member_days[m.auditor_id]
    if site_ids is not None:
        wanted_sites = set(site_ids)
        for s in list(audit.sites):
            if s.site_id not in wanted_sites:
                audit.sites.remove(s)
                session.delete(s)
        have = {s.site_id for s in audit.sites}
        for sid in site_ids:
            if sid not in have:
                audit.sites.append(AuditSite(audit_id=audit.id, site_id=sid))
    row_written = session.is_modified(audit, include_collections=False)
    session.flush()
    changes = [
        {"field": f, "old": before[f], "new": _plain(getattr(audit, f))}
        for f in _TRACKED
        if before[f] != _plain(getattr(audit, f))
    ]
    new_team = [(m.auditor_id, m.role, m.days) for m in audit.team]
    if _team_text(session, old_team) != _team_text(session, new_team):
        changes.append(
            {
                "field": "team",
                "old": _team_text(session, old_team),
                "new": _team_text(session, new_team),
            }
        )
    new_sites = sorted(str(s.site_id) for s in audit.sites)
    if old_sites != new_sites:
        changes.append({"field": "sites", "old": ",".join(old_sites), "new": ",".join(new_sites)})
    if not changes:
        return None
    # The plan is one record to the people editing it: a change of team rows only must move
    # the audit's version too (checked against ``expected_version`` at the next flush).
    if not row_written:
        audit.updated_at = utcnow()
    fields = {c["field"] for c in changes}
    action = (
        "reschedule"
        if fields & {"start_date", "end_date"}
        else "reteam"
        if "team" in fields
        else "edit"
    )
    return _record(session, audit, action, reason.strip(), changes)


def cancel_audit(
    session: Session, audit_id: uuid.UUID, reason: str, *, expected_version: int | None = None
) -> AuditPlanChange:
    """Call a planned audit off: it stays in the register as ``cancelled``, with the reason
    (``expected_version``: as for :func:`change_plan`)."""
    audit = _changeable(session, audit_id, reason, (AuditStatus.PLANNED,))
    _check_version(session, audit, expected_version)
    audit.status = AuditStatus.CANCELLED
    session.flush()
    return _record(
        session,
        audit,
        "cancel",
        reason.strip(),
        [{"field": "status", "old": AuditStatus.PLANNED.value, "new": AuditStatus.CANCELLED.value}],
    )


def history(session: Session, audit_id: uuid.UUID) -> list[AuditPlanChange]:
    return list(
        session.scalars(
            select(AuditPlanChange)
            .where(AuditPlanChange.audit_id == audit_id)
            .order_by(AuditPlanChange.at, AuditPlanChange.created_at)
        )
    )


def members_of(audit: Audit) -> list[AuditTeamMember]:
    return list(audit.team)


@dataclass(frozen=True)
class OpenAudit:
    """A planned or in-progress audit as a chooser lists it (a new laptop's first sync)."""

    id: uuid.UUID
    number: str
    client: str
    start: dt.date | None
    end: dt.date | None
    team: tuple[str, ...]  # the members' 中文 names, team leader first


def open_audits(session: Session) -> list[OpenAudit]:
    """Every open audit (planned or in progress, not locked), by start date then number."""
    audits = session.scalars(
        select(Audit).where(
            Audit.locked.is_(False),
            Audit.status.in_([AuditStatus.PLANNED, AuditStatus.IN_PROGRESS]),
        )
    ).all()
    out = []
    for audit in audits:
        members = sorted(audit.team, key=lambda m: (m.role != TeamRole.TEAM_LEADER, str(m.id)))
        names = tuple(
            m.auditor.name_zh for m in members if m.auditor is not None and m.auditor.name_zh
        )
        out.append(
            OpenAudit(
                audit.id,
                audit.number,
                audit.organisation.name_zh,
                audit.start_date,
                audit.end_date,
                names,
            )
        )
    return sorted(out, key=lambda a: (a.start or dt.date.max, a.number))


def client_certificates(session: Session, certificate_id: uuid.UUID) -> list[Certificate]:
    """The live certificates of the client holding ``certificate_id``: what one audit may
    cover together (the planning dialog's certificate list)."""
    cert = session.get(Certificate, certificate_id)
    if cert is None:
        return []
    return list(
        session.scalars(
            select(Certificate).where(
                Certificate.organisation_id == cert.organisation_id,
                Certificate.archived.is_(False),
            )
        )
    )


def auditors(session: Session, *, include_archived: bool = False) -> list[Auditor]:
    """The CB's auditors by Chinese name; archived ones only when asked (to name a past team)."""
    stmt = select(Auditor).order_by(Auditor.name_zh)
    if not include_archived:
        stmt = stmt.where(Auditor.archived.is_(False))
    return list(session.scalars(stmt))
