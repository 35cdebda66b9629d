"""The audit plan's agenda (审核日程) and its checks: who is where, when, and whether that is
possible (``auditdesk.rules.plan_checks``).

The agenda is a draft the team leader edits: each auditing member (team leader, auditors) is
at one site per day wherever the days allow, with a morning and an afternoon slot; the opening
meeting starts day one and the team review and closing meeting end the last day, at the
central site — a member whose day is at another site joins them remotely (video), as the
check-in rules allow (DOMAIN §11: the photos include remote members). The team leader takes
the management processes (context, leadership, planning, performance evaluation,
improvement) at the central site; auditors take support and operation at every site.
Technical experts, observers and trainees accompany and get no slot of their own.

:func:`plan_checks` lists everything impossible or off in a plan: a person in two sessions at
once or without the travel time between two sites [setting ``plan_travel_minutes``,
``plan_travel_pairs``], a person on two audits at the same time, counted days against the
planned and MD5 days, the remote share against ``remote_audit_max_percent``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import (
    Audit,
    AuditSite,
    AuditStatus,
    AuditTeamMember,
    CBSetting,
    Clause,
    Site,
    TeamRole,
)
from auditdesk.rules import plan_checks as pc

MANAGEMENT_GROUPS = ("4", "5", "6", "9", "10")
MORNING = (dt.time(9, 0), dt.time(12, 0))
AFTERNOON = (dt.time(13, 30), dt.time(17, 0))
LAST_AFTERNOON = (dt.time(13, 30), dt.time(15, 30))  # team review at 16:00, closing 16:30
OPENING = (dt.time(8, 30), dt.time(9, 0))
TEAM_REVIEW = (dt.time(16, 0), dt.time(16, 30))
CLOSING = (dt.time(16, 30), dt.time(17, 0))
_ROLE_ORDER = {r: i for i, r in enumerate(TeamRole)}
TRAVEL_SETTING = "plan_travel_minutes"
TRAVEL_PAIRS_SETTING = "plan_travel_pairs"


@dataclass(frozen=True)
class Member:
    id: str
    name_zh: str
    name_en: str
    role: str  # TeamRole code
    days: float | None


@dataclass(frozen=True)
class PlanSite:
    name: str
    central: bool
    remote: bool


@dataclass(frozen=True)
class AgendaRow:
    day: dt.date | None
    start: str
    end: str
    site: str
    item: str  # "opening" | "closing" | "team_review" | clause group "7"
    clauses: tuple[tuple[str, str, str], ...]  # (number, title_zh, title_en) of the group
    people: tuple[str, ...]  # member ids
    remote_people: tuple[str, ...] = ()  # of ``people``: joining remotely
    site_remote: bool = False


def _hm(t: dt.time) -> str:
    return t.strftime("%H:%M")


def _parse(t: str) -> dt.time:
    return dt.time.fromisoformat(t)


def audit_days(start: dt.date | None, end: dt.date | None) -> list[dt.date | None]:
    if start is None:
        return [None]
    end = end or start
    return [start + dt.timedelta(days=i) for i in range(max(0, (end - start).days) + 1)]


def _day_sites(sites: list[str], days: int) -> list[list[str]]:
    """The sites of each day: contiguous runs of days per site, several sites a day only when
    there are more sites than days."""
    if not sites:
        return [[] for _ in range(days)]
    if len(sites) >= days:
        out: list[list[str]] = [[] for _ in range(days)]
        for k, s in enumerate(sites):
            out[k * days // len(sites)].append(s)
        return out
    return [[sites[d * len(sites) // days]] for d in range(days)]


def build_agenda(
    days: list[dt.date | None],
    members: list[Member],
    sites: list[PlanSite],
    groups: list[tuple[str, tuple[tuple[str, str, str], ...]]],
) -> tuple[AgendaRow, ...]:
    auditing = [m for m in members if m.role in pc.COUNTED_ROLES]
    if not auditing:
        return ()
    site_by_name = {s.name: s for s in sites}
    central = next((s.name for s in sites if s.central), sites[0].name if sites else "")
    leader = next((m for m in auditing if m.role == TeamRole.TEAM_LEADER.value), auditing[0])
    others = [m for m in auditing if m is not leader] or [leader]
    tasks: dict[str, list[tuple[str, str]]] = {m.id: [] for m in auditing}
    visit = [s.name for s in sites] or [central]
    for number, _clauses in groups:
        if number in MANAGEMENT_GROUPS:
            tasks[leader.id].append((central, number))
    k = 0
    for number, _clauses in groups:
        if number in MANAGEMENT_GROUPS:
            continue
        for site in visit:
            tasks[others[k % len(others)].id].append((site, number))
            k += 1
    by_clause = dict(groups)
    n_days = len(days)
    # Each member's sites, central first, then the others in the plan's order.
    where: dict[str, list[list[str]]] = {}
    for m in auditing:
        mine = list(dict.fromkeys(site for site, _ in tasks[m.id]))
        mine.sort(key=lambda s: (s != central, visit.index(s) if s in visit else 99))
        where[m.id] = _day_sites(mine, n_days)
    rows: list[AgendaRow] = []
    everyone = tuple(m.id for m in members)

    def meeting(day_index: int, slot: tuple[dt.time, dt.time], item: str) -> AgendaRow:
        away = tuple(
            m.id
            for m in auditing
            if where[m.id][day_index] and central not in where[m.id][day_index]
        )
        return AgendaRow(
            days[day_index], _hm(slot[0]), _hm(slot[1]), central, item, (), everyone, away
        )

    rows.append(meeting(0, OPENING, "opening"))
    per_day_slots = []
    for d in range(n_days):
        afternoon = LAST_AFTERNOON if d == n_days - 1 else AFTERNOON
        per_day_slots.append((MORNING, afternoon))
    work: list[AgendaRow] = []
    for m in auditing:
        my_tasks = tasks[m.id]
        # Tasks of each day: the member's tasks at that day's sites, spread over the days
        # that share a site.
        site_days: dict[str, list[int]] = {}
        for d, day_sites in enumerate(where[m.id]):
            for s in day_sites:
                site_days.setdefault(s, []).append(d)
        for site, day_list in site_days.items():
            at_site = [n for s, n in my_tasks if s == site]
            # Slots of this site: both halves of a day it has alone, one half when shared.
            slots: list[tuple[int, tuple[dt.time, dt.time]]] = []
            for d in day_list:
                shared = where[m.id][d]
                halves = per_day_slots[d]
                if len(shared) == 1:
                    slots += [(d, halves[0]), (d, halves[1])]
                else:
                    slots.append((d, halves[0] if shared.index(site) == 0 else halves[1]))
            if not slots:
                continue
            for k, number in enumerate(at_site):
                d, (start, end) = slots[k * len(slots) // max(len(at_site), 1)]
                remote_site = site_by_name.get(site, PlanSite(site, False, False)).remote
                work.append(
                    AgendaRow(
                        days[d],
                        _hm(start),
                        _hm(end),
                        site,
                        number,
                        by_clause[number],
                        (m.id,),
                        (m.id,) if remote_site else (),
                        remote_site,
                    )
                )
    order = {m.id: i for i, m in enumerate(members)}
    work.sort(key=lambda r: (r.day or dt.date.min, r.start, order[r.people[0]], r.site))
    rows += work
    rows.append(meeting(n_days - 1, TEAM_REVIEW, "team_review"))
    rows.append(meeting(n_days - 1, CLOSING, "closing"))
    return tuple(rows)


def sessions_of(
    rows: tuple[AgendaRow, ...], names: dict[str, str], audit: str = ""
) -> list[pc.PlanSession]:
    """The agenda as sessions per person (for :func:`rules.plan_checks`): rows of one person
    in the same slot at the same site are one session covering several clause groups."""
    merged: dict[tuple[str, dt.date, str, str, str, bool], list[str]] = {}
    for r in rows:
        if r.day is None:
            continue
        for p in r.people:
            if p not in names:
                continue
            remote = r.site_remote or p in r.remote_people
            merged.setdefault((p, r.day, r.start, r.end, r.site, remote), []).append(r.item)
    return [
        pc.PlanSession(
            p, names[p], day, _parse(start), _parse(end), site, "、".join(items), remote, audit
        )
        for (p, day, start, end, site, remote), items in merged.items()
    ]


def members_of(session: Session, audit: Audit) -> list[Member]:
    rows = session.scalars(
        select(AuditTeamMember).where(AuditTeamMember.audit_id == audit.id)
    ).all()
    out = [
        Member(str(m.auditor_id), m.auditor.name_zh, m.auditor.name_en, m.role.value, m.days)
        for m in rows
    ]
    out.sort(key=lambda m: (_ROLE_ORDER.get(TeamRole(m.role), 99), m.name_zh))
    return out


def sites_of(session: Session, audit: Audit) -> list[PlanSite]:
    rows = session.execute(
        select(AuditSite, Site)
        .join(Site, AuditSite.site_id == Site.id)
        .where(AuditSite.audit_id == audit.id)
    ).all()
    out = [PlanSite(s.name, s.is_central, a.remote) for a, s in rows]
    out.sort(key=lambda r: (not r.central, r.name))
    return out


def clause_groups(
    session: Session, audit: Audit
) -> list[tuple[str, tuple[tuple[str, str, str], ...]]]:
    groups: list[tuple[str, tuple[tuple[str, str, str], ...]]] = []
    for cert in sorted(audit.certificates, key=lambda c: c.number):
        clauses = session.scalars(
            select(Clause).where(Clause.standard_id == cert.standard_id).order_by(Clause.sort_order)
        ).all()
        top = [
            c
            for c in clauses
            if c.depth == 0 and c.number.split(".")[0].isdigit() and int(c.number) >= 4
        ]
        for t in top:
            if t.number in dict(groups):
                continue
            subs = tuple(
                (c.number, c.title_zh, c.title_en)
                for c in clauses
                if c.depth == 1 and c.number.split(".")[0] == t.number
            )
            groups.append((t.number, ((t.number, t.title_zh, t.title_en), *subs)))
    return groups


def agenda_of(session: Session, audit: Audit) -> tuple[AgendaRow, ...]:
    return build_agenda(
        audit_days(audit.start_date, audit.end_date),
        members_of(session, audit),
        sites_of(session, audit),
        clause_groups(session, audit),
    )


def travel_times(session: Session) -> pc.TravelTimes:
    rows = {
        r.key: r.value
        for r in session.scalars(
            select(CBSetting).where(CBSetting.key.in_((TRAVEL_SETTING, TRAVEL_PAIRS_SETTING)))
        )
    }
    return pc.TravelTimes.from_setting(
        rows.get(TRAVEL_SETTING, pc.DEFAULT_TRAVEL_MINUTES), rows.get(TRAVEL_PAIRS_SETTING, [])
    )


@dataclass(frozen=True)
class PlanFindings:
    clashes: tuple[pc.Clash, ...]  # same_time / travel within the agenda, two_audits across
    days: tuple[pc.DaysFinding, ...]

    @property
    def impossible(self) -> bool:
        return bool(self.clashes)


def other_audits(
    session: Session,
    people: list[str],
    start: dt.date,
    end: dt.date,
    exclude: uuid.UUID | None = None,
) -> list[pc.PersonAudit]:
    """The people's other audits (not cancelled or terminated) overlapping [start, end]."""
    if not people:
        return []
    q = (
        select(AuditTeamMember, Audit)
        .join(Audit, AuditTeamMember.audit_id == Audit.id)
        .where(
            AuditTeamMember.auditor_id.in_([uuid.UUID(p) for p in people]),
            Audit.status.not_in((AuditStatus.CANCELLED, AuditStatus.TERMINATED)),
            Audit.archived.is_(False),
            Audit.start_date <= end,
            Audit.end_date >= start,
        )
    )
    if exclude is not None:
        q = q.where(Audit.id != exclude)
    return [
        pc.PersonAudit(
            str(m.auditor_id),
            m.auditor.name_zh,
            a.number,
            a.start_date,
            a.end_date or a.start_date,
            a.organisation.name_zh,
        )
        for m, a in session.execute(q).all()
        if a.start_date is not None
    ]


def team_overlaps(
    session: Session,
    team: list[tuple[str, str]],
    start: dt.date,
    end: dt.date,
    audit_number: str = "",
    exclude: uuid.UUID | None = None,
    site: str = "",
) -> list[pc.Clash]:
    """``team``: (person id, name). Each person's other audits at the same time."""
    names = dict(team)
    others = other_audits(session, list(names), start, end, exclude)
    out: list[pc.Clash] = []
    for pid, name in team:
        planned = pc.PersonAudit(pid, name, audit_number, start, end, site)
        out += pc.audit_overlaps(planned, others)
    return out


def plan_checks(session: Session, audit: Audit) -> PlanFindings:
    from auditdesk.services.programme import cb_settings

    members = members_of(session, audit)
    names = {m.id: m.name_zh for m in members}
    rows = agenda_of(session, audit)
    clashes = pc.session_clashes(sessions_of(rows, names, audit.number), travel_times(session))
    if audit.start_date is not None:
        clashes += team_overlaps(
            session,
            [(m.id, m.name_zh) for m in members],
            audit.start_date,
            audit.end_date or audit.start_date,
            audit.number,
            audit.id,
            audit.organisation.name_zh,
        )
    roles = [(m.role, m.days) for m in members]
    days = pc.days_check(roles, audit.planned_days, audit.md5_days)
    sites = sites_of(session, audit)
    if sites and any(s.remote for s in sites):
        counted = pc.counted_days(roles)
        remote = counted * sum(1 for s in sites if s.remote) / len(sites)
        share = pc.remote_share(
            counted - remote, remote, cb_settings(session).remote_audit_max_percent
        )
        if share is not None:
            days.append(share)
    return PlanFindings(tuple(clashes), tuple(days))
