"""No impossible plan (17021-1 9.2.3, IAF MD5, IAF MD4): pure checks on an audit plan.

- :func:`session_clashes`: one person is never in two sessions at once, and between two
  on-site sessions at different sites there is at least the travel time [setting] (a default
  minimum gap, or a time per site pair). Remote sessions need no travel.
- :func:`audit_overlaps`: one person is never on two audits whose dates overlap.
- :func:`counted_days` / :func:`days_check`: audit days are the team leader's and auditors'
  days; technical experts, observers and trainees accompany and are not counted (IAF MD5:2023
  §3.1 "audit time" is the time of auditors; 17021-1 9.2.2.1: technical experts and auditors in
  training do not audit alone). The counted days are compared with the plan's days and the MD5
  figure.
- :func:`remote_share`: the remote part of the counted days against the CB's limit
  (``remote_audit_max_percent``; IAF MD4:2023 leaves the figure to the CB) [setting][check].
- :func:`suggest_dates`: a proposed start and end always inside the programme's window.

Source note: the rules engineer's ``cb_rules.counted_audit_days`` and ``cb_rules.remote_share``
(branch h2/rules, not on main when this was written) define the same counting — the same
counted roles (team leader, auditor) and the same CB setting; once merged,
:func:`counted_days` and :func:`remote_share` should delegate to them.

Results are codes with the people, sessions and figures; the UI and the exports write the words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from auditdesk.rules.basis import CB_SETTING, IAF_MD5, ISO_17021, Basis

COUNTED_ROLES = frozenset({"team_leader", "auditor"})
DEFAULT_TRAVEL_MINUTES = 60  # [setting] plan_travel_minutes: minimum gap between two sites
TRAVEL_BASIS = Basis(CB_SETTING, "plan_travel_minutes", "travel_between_sites")
CLASH_BASIS = Basis(ISO_17021, "9.2.3", "one_person_one_place")
DAYS_BASIS = Basis(IAF_MD5, "3.1 / 17021-1 9.2.2.1", "counted_roles")
REMOTE_BASIS = Basis(CB_SETTING, "remote_audit_max_percent (IAF MD4:2023)", "remote_share")


@dataclass(frozen=True, slots=True)
class PlanSession:
    """One person's time block in a plan: a meeting or an audited process at one site."""

    person: str  # id
    name: str
    day: dt.date
    start: dt.time
    end: dt.time
    site: str
    label: str = ""  # what is done ("opening", a clause group "7", ...)
    remote: bool = False
    audit: str = ""  # audit number, when sessions of several audits are checked together

    def start_dt(self) -> dt.datetime:
        return dt.datetime.combine(self.day, self.start)

    def end_dt(self) -> dt.datetime:
        return dt.datetime.combine(self.day, self.end)


@dataclass(frozen=True, slots=True)
class TravelTimes:
    """Minutes needed between two different sites: per pair where given, else the default."""

    default_minutes: int = DEFAULT_TRAVEL_MINUTES
    pairs: Mapping[frozenset[str], int] = field(default_factory=dict)

    def between(self, a: str, b: str) -> int:
        if a == b:
            return 0
        return int(self.pairs.get(frozenset((a, b)), self.default_minutes))

    @classmethod
    def from_setting(cls, default: object, pairs: object) -> TravelTimes:
        """``pairs``: ``[[site_a, site_b, minutes], ...]`` as stored in the CB setting."""
        minutes = int(default) if isinstance(default, int | float | str) and str(default) else 60
        table: dict[frozenset[str], int] = {}
        if isinstance(pairs, list):
            for row in pairs:
                if isinstance(row, list | tuple) and len(row) == 3:
                    table[frozenset((str(row[0]), str(row[1])))] = int(row[2])
        return cls(max(0, minutes), table)


@dataclass(frozen=True, slots=True)
class Clash:
    """``same_time``: two sessions of one person overlap; ``travel``: not enough time to get
    from one site to the other (``gap`` and ``needed`` in minutes); ``two_audits``: the person
    is on two audits with overlapping dates."""

    code: str
    person: str
    name: str
    first: PlanSession
    second: PlanSession
    gap: int = 0
    needed: int = 0
    basis: Basis = CLASH_BASIS


def session_clashes(sessions: Iterable[PlanSession], travel: TravelTimes) -> list[Clash]:
    by_person: dict[tuple[str, dt.date], list[PlanSession]] = {}
    for s in sessions:
        by_person.setdefault((s.person, s.day), []).append(s)
    out: list[Clash] = []
    for (_person, _day), rows in sorted(by_person.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        rows.sort(key=lambda s: (s.start, s.end, s.site))
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if b.start < a.end and a.start < b.end:
                    if a.site == b.site and a.audit == b.audit and a.label == b.label:
                        continue  # the same session listed twice
                    out.append(Clash("same_time", a.person, a.name, a, b))
                    continue
                if b.start >= a.end and not (a.remote or b.remote) and a.site != b.site:
                    needed = travel.between(a.site, b.site)
                    gap = int((b.start_dt() - a.end_dt()).total_seconds() // 60)
                    # Only the next session at another site matters: later ones are further away.
                    nearer = [
                        c for c in rows if a.end <= c.start < b.start and c is not a and c is not b
                    ]
                    if gap < needed and not nearer:
                        out.append(
                            Clash("travel", a.person, a.name, a, b, gap, needed, TRAVEL_BASIS)
                        )
    return out


@dataclass(frozen=True, slots=True)
class PersonAudit:
    person: str
    name: str
    audit: str  # number
    start: dt.date
    end: dt.date
    site: str = ""


def audit_overlaps(planned: PersonAudit, others: Iterable[PersonAudit]) -> list[Clash]:
    """The audits among ``others`` the same person is on at the same time as ``planned``."""
    out = []
    for o in others:
        if o.person != planned.person or o.audit == planned.audit:
            continue
        if o.start <= planned.end and planned.start <= o.end:
            day = max(o.start, planned.start)
            first = PlanSession(
                planned.person,
                planned.name,
                day,
                dt.time(0),
                dt.time(23, 59),
                planned.site,
                audit=planned.audit,
            )
            second = PlanSession(
                o.person, o.name, day, dt.time(0), dt.time(23, 59), o.site, audit=o.audit
            )
            out.append(Clash("two_audits", planned.person, planned.name, first, second))
    return out


def counted_days(members: Sequence[tuple[str, float | None]]) -> float:
    """Audit days of the members who audit: team leader and auditors (role codes)."""
    return float(sum((days or 0.0) for role, days in members if role in COUNTED_ROLES))


@dataclass(frozen=True, slots=True)
class DaysFinding:
    code: str  # team_below_planned / team_above_planned / planned_below_md5 / uncounted_days
    value: float
    expected: float
    basis: Basis = DAYS_BASIS


def days_check(
    members: Sequence[tuple[str, float | None]],
    planned_days: float | None,
    md5_days: float | None,
) -> list[DaysFinding]:
    """The team's counted days against the plan's days, and the plan's days against MD5."""
    counted = counted_days(members)
    out: list[DaysFinding] = []
    if planned_days is not None and abs(counted - planned_days) > 1e-6:
        code = "team_below_planned" if counted < planned_days else "team_above_planned"
        out.append(DaysFinding(code, counted, planned_days))
    if planned_days is not None and md5_days is not None and planned_days + 1e-6 < md5_days:
        out.append(DaysFinding("planned_below_md5", planned_days, md5_days, Basis(IAF_MD5, "", "")))
    uncounted = float(sum((d or 0.0) for role, d in members if role not in COUNTED_ROLES))
    if uncounted:
        out.append(DaysFinding("uncounted_days", uncounted, 0.0))
    return out


def remote_share(onsite_days: float, remote_days: float, max_percent: float) -> DaysFinding | None:
    """A finding when the remote part of the audit exceeds the CB's limit, else None."""
    total = onsite_days + remote_days
    if total <= 0:
        return None
    percent = 100.0 * remote_days / total
    if percent > max_percent + 1e-6:
        return DaysFinding("remote_share_exceeded", round(percent, 1), max_percent, REMOTE_BASIS)
    return None


def suggest_dates(
    window_start: dt.date | None,
    window_latest: dt.date | None,
    wanted_start: dt.date,
    length_days: int,
) -> tuple[dt.date, dt.date]:
    """A start and end ``length_days`` apart (inclusive: 2 days → start + 1), inside
    [window_start, window_latest] whenever the window is long enough: the wanted start moved
    forward to the window's first day or back so that the end is the latest day. A window
    shorter than the audit starts on its first day."""
    span = dt.timedelta(days=max(1, length_days) - 1)
    start = wanted_start
    if window_start is not None and start < window_start:
        start = window_start
    if window_latest is not None and start + span > window_latest:
        start = window_latest - span
        if window_start is not None and start < window_start:
            start = window_start
    return start, start + span
