"""CB settings stored in the database (STYLE habit 8): read with defaults, change as admin.

Two kinds: the rules' :class:`CBSettings` (windows, deadlines, limits), and the planning's
travel times between sites (``plan_travel_minutes``: the default gap between two different
sites; ``plan_travel_pairs``: ``[[site_a, site_b, minutes], ...]`` where a pair needs another
figure), which ``plan_agenda.travel_times`` reads for the plan's checks (DOMAIN §5: travel is
not audit time, so two sites in one day need the travel time between them). :func:`save`
checks everything it is given before it writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import CBSetting
from auditdesk.rules import plan_checks
from auditdesk.rules.settings import CBSettings
from auditdesk.services.errors import ValidationFailed
from auditdesk.services.users import Permission, require

TRAVEL_MINUTES = "plan_travel_minutes"
TRAVEL_PAIRS = "plan_travel_pairs"
PLANNING_KEYS = (TRAVEL_MINUTES, TRAVEL_PAIRS)
MAX_TRAVEL_MINUTES = 24 * 60  # a day: more is not a travel time between two sites of one audit
MAX_SITE_NAME = 200  # Site.name's length


@dataclass(frozen=True)
class Travel:
    """The planning's travel times as stored: a default and per-pair exceptions."""

    default_minutes: int = plan_checks.DEFAULT_TRAVEL_MINUTES
    pairs: tuple[tuple[str, str, int], ...] = ()

    def to_mapping(self) -> dict[str, Any]:
        return {TRAVEL_MINUTES: self.default_minutes, TRAVEL_PAIRS: [list(p) for p in self.pairs]}


def current(session: Session) -> CBSettings:
    from auditdesk.services.programme import cb_settings

    return cb_settings(session)


def travel(session: Session) -> Travel:
    rows = {
        r.key: r.value
        for r in session.scalars(select(CBSetting).where(CBSetting.key.in_(PLANNING_KEYS)))
    }
    minutes = rows.get(TRAVEL_MINUTES, plan_checks.DEFAULT_TRAVEL_MINUTES)
    pairs = []
    for row in rows.get(TRAVEL_PAIRS) or []:
        if isinstance(row, list | tuple) and len(row) == 3:
            pairs.append((str(row[0]), str(row[1]), int(row[2])))
    return Travel(int(minutes), tuple(pairs))


def check_travel(default_minutes: Any, pairs: Any) -> Travel:
    """A valid :class:`Travel`, or ``ValidationFailed`` naming each wrong field with a code:
    ``plan_travel_minutes`` / ``plan_travel_pairs.<row>`` → ``minutes_range``,
    ``site_required``, ``site_too_long``, ``same_site``, ``duplicate_pair``."""
    errors: dict[str, str] = {}

    def minutes_ok(value: Any) -> bool:
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and 0 <= value <= MAX_TRAVEL_MINUTES
        )

    if not minutes_ok(default_minutes):
        errors[TRAVEL_MINUTES] = "minutes_range"
    seen: set[frozenset[str]] = set()
    clean: list[tuple[str, str, int]] = []
    for i, row in enumerate(pairs or []):
        field = f"{TRAVEL_PAIRS}.{i + 1}"
        if not isinstance(row, list | tuple) or len(row) != 3:
            errors[field] = "site_required"
            continue
        a, b, minutes = str(row[0] or "").strip(), str(row[1] or "").strip(), row[2]
        if not a or not b:
            errors[field] = "site_required"
        elif max(len(a), len(b)) > MAX_SITE_NAME:
            errors[field] = "site_too_long"
        elif a == b:
            errors[field] = "same_site"
        elif frozenset((a, b)) in seen:
            errors[field] = "duplicate_pair"
        elif not minutes_ok(minutes):
            errors[field] = "minutes_range"
        else:
            seen.add(frozenset((a, b)))
            clean.append((a, b, int(minutes)))
    if errors:
        raise ValidationFailed(f"travel times: {errors}", errors)
    return Travel(int(default_minutes), tuple(clean))


def save(session: Session, values: dict[str, Any]) -> CBSettings:
    """Store changed values; the whole set must still be a valid :class:`CBSettings`, and
    travel times (``plan_travel_minutes``, ``plan_travel_pairs``) valid; nothing is written
    when anything is wrong."""
    require(session, Permission.EDIT_SETTINGS)
    planning = {k: values[k] for k in PLANNING_KEYS if k in values}
    rules_values = {k: v for k, v in values.items() if k not in PLANNING_KEYS}
    merged = {**current(session).to_mapping(), **rules_values}
    try:
        settings = CBSettings.from_mapping(merged)
    except ValueError as exc:
        field = str(exc).split(":")[0]
        raise ValidationFailed(f"CB settings: {exc}", {field: "invalid"}) from exc
    wanted = settings.to_mapping()
    defaults: dict[str, Any] = CBSettings().to_mapping()
    if planning:
        now = travel(session)
        checked = check_travel(
            planning.get(TRAVEL_MINUTES, now.default_minutes),
            planning.get(TRAVEL_PAIRS, [list(p) for p in now.pairs]),
        )
        wanted.update(checked.to_mapping())
        defaults.update(Travel().to_mapping())
    rows = {r.key: r for r in session.scalars(select(CBSetting))}
    for key, value in wanted.items():
        if key in rows:
            if value == defaults[key]:
                session.delete(rows[key])
            elif rows[key].value != value:
                rows[key].value = value
        elif value != defaults[key]:
            session.add(CBSetting(key=key, value=value))
    session.flush()
    return settings
