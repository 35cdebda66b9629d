"""Team checks for planning an audit (DOMAIN §3, 17021-1 7.2 / 9.2.2, CCAA registration).

:func:`check_team` returns one :class:`TeamWarning` per failed check (empty = the team is fine);
planning is never blocked here, the CB decides.

Checks: the team together covers every technical area code and every standard of the
certificate; each auditor's CCAA registration for the audit's standards is valid on every audit
day; nobody has a declared conflict with the client or its consultant; nobody has been on so
many of the client's consecutive audits that rotation is due [setting]; the team leader is a
registered lead auditor.

Resolved ambiguities:
- Technical area codes are hierarchical (``大类.中类.小类``): a member qualified for ``19.05``
  covers ``19.05.01``; a member qualified for ``19.05.01`` does not cover ``19.05``. Technical
  experts count for area coverage but not for standards (experts do not audit alone).
- Standards are covered by auditors (not experts) whose registration for that scheme is valid
  on the audit dates.
- Rotation: ``history`` lists the member ids of the client's previous audits, oldest first,
  one set per audit (stage 1 and stage 2 of one initial audit passed as one set). A member on
  the last ``rotation_max_consecutive_audits`` of them is due for rotation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from auditdesk.rules.basis import CB_SETTING, ISO_17021, Basis
from auditdesk.rules.settings import DEFAULT_SETTINGS, CBSettings

CCAA = "CCAA registration"


class TeamRole(StrEnum):
    """The one definition (``auditdesk.model.TeamRole`` is this enum). The order is the order
    a team is listed in on the plan and the report."""

    TEAM_LEADER = "team_leader"
    AUDITOR = "auditor"
    TECH_EXPERT = "tech_expert"
    OBSERVER = "observer"
    TRAINEE = "trainee"


@dataclass(frozen=True, slots=True)
class Registration:
    """One CCAA registration: scheme (QMS, EMS, ...), validity, lead-auditor grade."""

    scheme: str
    valid_from: dt.date
    valid_until: dt.date
    lead_auditor: bool = False

    def valid_for(self, start: dt.date, end: dt.date) -> bool:
        return self.valid_from <= start and end <= self.valid_until


@dataclass(frozen=True, slots=True)
class TeamMember:
    person_id: str
    role: TeamRole
    registrations: tuple[Registration, ...] = ()
    technical_areas: frozenset[str] = field(default_factory=frozenset)
    conflicts: frozenset[str] = field(default_factory=frozenset)  # declared: organisation ids


@dataclass(frozen=True, slots=True)
class PlannedAudit:
    start: dt.date
    end: dt.date
    client_id: str
    schemes: frozenset[str]
    technical_areas: frozenset[str]
    consultant_id: str | None = None
    history: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True, slots=True)
class TeamWarning:
    code: str
    basis: Basis
    person_id: str | None = None
    subject: str | None = None  # the area code, scheme or organisation concerned
    count: int | None = None


def area_covers(qualified: str, required: str) -> bool:
    return required == qualified or required.startswith(qualified + ".")


def check_team(
    audit: PlannedAudit, team: Sequence[TeamMember], settings: CBSettings = DEFAULT_SETTINGS
) -> tuple[TeamWarning, ...]:
    warnings: list[TeamWarning] = []
    auditing = [m for m in team if m.role in (TeamRole.TEAM_LEADER, TeamRole.AUDITOR)]

    for area in sorted(audit.technical_areas):
        if not any(area_covers(q, area) for m in team for q in m.technical_areas):
            warnings.append(
                TeamWarning(
                    "technical_area_not_covered",
                    Basis(ISO_17021, "7.2.4", "team_competence"),
                    subject=area,
                )
            )

    for scheme in sorted(audit.schemes):
        if not any(
            r.scheme == scheme and r.valid_for(audit.start, audit.end)
            for m in auditing
            for r in m.registrations
        ):
            warnings.append(
                TeamWarning(
                    "standard_not_covered",
                    Basis(ISO_17021, "9.2.2.1", "team_competence"),
                    subject=scheme,
                )
            )

    for m in auditing:
        held = sorted({r.scheme for r in m.registrations} & audit.schemes)
        if not held:
            warnings.append(
                TeamWarning(
                    "not_registered_for_audit_standards",
                    Basis(CCAA, "registration", "registered_auditor"),
                    person_id=m.person_id,
                )
            )
        for scheme in held:
            if not any(
                r.valid_for(audit.start, audit.end) for r in m.registrations if r.scheme == scheme
            ):
                warnings.append(
                    TeamWarning(
                        "registration_not_valid_on_audit_dates",
                        Basis(CCAA, "registration", "valid_on_audit_dates"),
                        person_id=m.person_id,
                        subject=scheme,
                    )
                )

    parties = {audit.client_id} | ({audit.consultant_id} if audit.consultant_id else set())
    for m in team:
        for org in sorted(m.conflicts & parties):
            code = "conflict_with_client" if org == audit.client_id else "conflict_with_consultant"
            warnings.append(
                TeamWarning(
                    code,
                    Basis(ISO_17021, "5.2", "impartiality"),
                    person_id=m.person_id,
                    subject=org,
                )
            )

    limit = settings.rotation_max_consecutive_audits
    for m in team:
        if m.role in (TeamRole.OBSERVER,):
            continue
        run = 0
        for members in reversed(audit.history):
            if m.person_id not in members:
                break
            run += 1
        if run >= limit:
            warnings.append(
                TeamWarning(
                    "rotation_due",
                    Basis(CB_SETTING, "rotation_max_consecutive_audits", "familiarity_threat"),
                    person_id=m.person_id,
                    count=run,
                )
            )

    leaders = [m for m in team if m.role is TeamRole.TEAM_LEADER]
    if not leaders:
        warnings.append(
            TeamWarning("no_team_leader", Basis(ISO_17021, "9.2.2.1", "team_leader_appointed"))
        )
    elif len(leaders) > 1:
        warnings.append(
            TeamWarning(
                "several_team_leaders",
                Basis(ISO_17021, "9.2.2.1", "team_leader_appointed"),
                count=len(leaders),
            )
        )
    for leader in leaders:
        if not any(
            r.lead_auditor and r.scheme in audit.schemes and r.valid_for(audit.start, audit.end)
            for r in leader.registrations
        ):
            warnings.append(
                TeamWarning(
                    "team_leader_not_lead_auditor",
                    Basis(CCAA, "registration", "lead_auditor_grade"),
                    person_id=leader.person_id,
                )
            )
    return tuple(warnings)
