"""The audit programme of one certification cycle: when each surveillance and the
recertification must happen, where that comes from, and where it stands on a given date.

Input is a small set of facts (:class:`CycleFacts`), not ORM objects, so the GUI can evaluate
15 000 certificates in well under a second.

Resolved ambiguities (DOMAIN §3):
- "Within 12 months of" counts with :func:`~auditdesk.rules.dates.add_months` (Civil Code):
  issue 2026-03-15 → first surveillance latest 2027-03-15 (that day included).
- CNCA-QMS-01:2025 "interval between surveillances ≤ 12 months" counts from the *actual* date
  of the previous surveillance (its last on-site day, as the services record it); while the
  previous one is not done, from its latest date (the most the rule could still allow).
- ISO 17021-1 "at least once per calendar year": the second surveillance is due by 31 December
  of the year after the calendar year of the first (actual, else latest). CNCA-QMS-2016 applies
  both that and "≤ 15 months apart"; the earlier date binds, and its basis code says which.
- The generic 17021-1 cycle counts from the certification decision; without a decision date
  the issue date stands in (basis code ``issue_date_for_decision``).
- Recertification latest = the expiry date itself: the expiry date is the last day the
  certificate is valid (a new certificate's expiry is already issue + 3 years − 1 day), so an
  audit completed on it is still "before expiry". No later surveillance is ever due after
  expiry: every latest date is capped at the expiry date.
- A third surveillance (a cycle in which the 17021-1 calendar-year rule would need one in the
  recertification's year) is not modelled: the recertification audit covers that year.
- Rule set by activity date (DOMAIN §3, corrected 2026-12): ``CycleFacts.rule_set`` is the rule
  set the cycle was issued under, ``later_rule_sets`` the ones that take over later (each with
  its first day). An entry is first computed by the issuing rule set; when its latest date falls
  on or after a later rule set's first day, it is computed again by that rule set from the
  actual dates already done, and its basis says so (``in_force_from``, ``issued_under``). Should
  the later rule give a latest date before its own first day, the latest date is the day before
  it (an audit then was still judged by the earlier rule; from that day on it is overdue) — with
  the shipped tables this cannot happen.
- The recertification is judged by the rule set in force on the expiry date.
- A surveillance done after its latest date is ``done`` with ``late_days`` > 0: the certificate
  had to be suspended and reported for those days (CNCA-QMS-01:2025 §5.4.1.4); :func:`breaches`
  lists them.
- Windows [setting]: a surveillance window opens ``surveillance_window_months`` before its latest
  date; the recertification window ``recertification_window_months`` before expiry; the
  recertification application is due ``recertification_apply_months`` before expiry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from auditdesk.rules.basis import CB_SETTING, Basis, Dated
from auditdesk.rules.dates import add_months, default_expiry
from auditdesk.rules.rulesets import Anchor, IntervalRule, RuleSet
from auditdesk.rules.settings import DEFAULT_SETTINGS, CBSettings


class EntryKind(StrEnum):
    SURVEILLANCE_1 = "surveillance_1"
    SURVEILLANCE_2 = "surveillance_2"
    RECERTIFICATION = "recertification"


class EntryState(StrEnum):
    PLANNED = "planned"  # window not yet open
    DUE = "due"  # window open, latest date not passed
    OVERDUE = "overdue"  # latest date passed, not done
    DONE = "done"


@dataclass(frozen=True, slots=True)
class CycleFacts:
    """What is known about one certification cycle of one certificate.

    ``expiry_date`` None means a new certificate: issue + validity years − 1 day [setting].
    Dates of audits done are their last on-site day.
    """

    rule_set: RuleSet
    issue_date: dt.date
    expiry_date: dt.date | None = None
    decision_date: dt.date | None = None
    surveillance_1_done: dt.date | None = None
    surveillance_2_done: dt.date | None = None
    recertification_done: dt.date | None = None
    suspended_on: dt.date | None = None
    restored_on: dt.date | None = None
    withdrawn_on: dt.date | None = None
    cancelled_on: dt.date | None = None
    # Rule sets that take over after ``rule_set`` (first day, rule set), in date order
    # (:meth:`~auditdesk.rules.rulesets.RuleBook.timeline`).
    later_rule_sets: tuple[tuple[dt.date, RuleSet], ...] = ()
    # True where an admin set the certificate's rule set by hand (shown in every basis).
    override: bool = False


@dataclass(frozen=True, slots=True)
class ProgrammeEntry:
    kind: EntryKind
    window_start: dt.date
    latest: dt.date
    basis: Basis  # the rule fixing ``latest``
    window_basis: Basis  # the CB setting fixing ``window_start``
    state: EntryState
    done_date: dt.date | None
    rule_set_id: str = ""  # the rule set that judged this entry (in force on ``latest``)
    late_days: int = 0  # done after ``latest``: by how many days (0: on time or not done)


@dataclass(frozen=True, slots=True)
class Programme:
    rule_set_id: str
    on: dt.date
    anchor: Dated  # the date the first surveillance counts from
    expiry: Dated
    entries: tuple[ProgrammeEntry, ...]
    recertification_application_due: Dated

    def entry(self, kind: EntryKind) -> ProgrammeEntry:
        for e in self.entries:
            if e.kind is kind:
                return e
        raise KeyError(kind)


class RuleBases:
    """The :class:`Basis` values one rule set gives its programme and status results.

    They depend on the rule set only, so a register of 15 000 certificates shares a handful
    of them instead of building six per certificate (see :func:`bases_of`)."""

    __slots__ = (
        "rule_set",
        "printed_expiry",
        "anchor_decision",
        "anchor_issue_for_decision",
        "anchor_issue",
        "first_after_decision",
        "first_after_issue_for_decision",
        "first_after_issue",
        "interval_after_previous",
        "once_per_calendar_year",
        "recertification_before_expiry",
        "cancelled",
        "withdrawn",
        "before_issue",
        "superseded",
        "restart_as_initial",
        "restorable",
        "suspended_at_expiry",
        "restore_window_closed",
        "suspended_no_maximum",
        "suspension_maximum_passed",
        "suspended",
        "surveillance_overdue",
        "cycle_complete",
    )

    def __init__(
        self,
        rs: RuleSet,
        in_force_from: dt.date | None = None,
        issued_under: str | None = None,
        override: bool = False,
    ) -> None:
        first, interval, recert = (
            rs.first_surveillance_clause,
            rs.interval_clause,
            rs.recertification_clause,
        )
        susp, restore = rs.suspension_clause, rs.restore_clause
        self.rule_set = rs
        rid = rs.id

        def basis(clause: str, code: str) -> Basis:
            return Basis(rid, clause, code, in_force_from, issued_under, override)

        self.printed_expiry = basis("certificate", "printed_expiry")
        self.anchor_decision = basis(first, "decision_date")
        self.anchor_issue_for_decision = basis(first, "issue_date_for_decision")
        self.anchor_issue = basis(first, "issue_date")
        self.first_after_decision = basis(first, "first_surveillance_after_decision_date")
        self.first_after_issue_for_decision = basis(
            first, "first_surveillance_after_issue_date_for_decision"
        )
        self.first_after_issue = basis(first, "first_surveillance_after_issue_date")
        self.interval_after_previous = basis(interval, "interval_after_previous_surveillance")
        self.once_per_calendar_year = basis(interval, "once_per_calendar_year")
        self.recertification_before_expiry = basis(recert, "recertification_before_expiry")
        self.cancelled = basis(susp, "cancelled_at_client_request")
        self.withdrawn = basis(susp, "withdrawn")
        self.before_issue = basis("certificate", "before_issue_date")
        self.superseded = basis(recert, "superseded_by_recertification")
        self.restart_as_initial = basis(recert, "restart_as_initial")
        self.restorable = basis(restore, "restore_after_expiry")
        self.suspended_at_expiry = basis(restore, "suspended_at_expiry")
        self.restore_window_closed = basis(restore, "restore_window_closed")
        self.suspended_no_maximum = basis(susp, "suspended_no_maximum")
        self.suspension_maximum_passed = basis(susp, "suspension_maximum_passed")
        self.suspended = basis(susp, "suspended")
        self.surveillance_overdue = basis(susp, "surveillance_overdue")
        self.cycle_complete = basis(recert, "cycle_complete")


# Keyed by the rule set object's id (and the transition it is judged in) and checked by
# identity: the entry holds the rule set, so its id cannot be reused while cached, and a
# corrected rule set is a new object (new bases).
_BASES: dict[tuple[int, dt.date | None, str | None, bool], RuleBases] = {}


def bases_of(
    rs: RuleSet,
    in_force_from: dt.date | None = None,
    issued_under: str | None = None,
    override: bool = False,
) -> RuleBases:
    """The bases of ``rs`` (built once per rule set object and transition; they are pure
    functions of them)."""
    key = (id(rs), in_force_from, issued_under, override)
    found = _BASES.get(key)
    if found is not None and found.rule_set is rs:
        return found
    if len(_BASES) >= 256:
        _BASES.clear()
    found = _BASES[key] = RuleBases(rs, in_force_from, issued_under, override)
    return found


def issuing_bases(facts: CycleFacts) -> RuleBases:
    """The bases of the rule set the cycle was issued under."""
    if facts.override:
        return bases_of(facts.rule_set, override=True)
    return bases_of(facts.rule_set)


def rule_in_force(facts: CycleFacts, day: dt.date) -> tuple[RuleSet, RuleBases]:
    """The rule set judging an activity of this cycle on ``day``, with its bases (which name
    the transition when it is not the issuing rule set)."""
    rs, start = facts.rule_set, None
    for first_day, later in facts.later_rule_sets:
        if day < first_day:
            break
        rs, start = later, first_day
    if start is None:
        return rs, issuing_bases(facts)
    return rs, bases_of(rs, start, facts.rule_set.id)


_ONE_DAY = dt.timedelta(days=1)
_SURVEILLANCE_WINDOW = Basis(CB_SETTING, "surveillance_window_months", "window_before_latest")
_RECERTIFICATION_WINDOW = Basis(CB_SETTING, "recertification_window_months", "window_before_expiry")
_APPLICATION = Basis(CB_SETTING, "recertification_apply_months", "application_before_expiry")
_DEFAULT_EXPIRY = Basis(CB_SETTING, "validity_years", "issue_plus_validity_minus_one_day")


def expiry_of(facts: CycleFacts, settings: CBSettings = DEFAULT_SETTINGS) -> Dated:
    if facts.expiry_date is not None:
        return Dated(facts.expiry_date, issuing_bases(facts).printed_expiry)
    return Dated(default_expiry(facts.issue_date, settings.validity_years), _DEFAULT_EXPIRY)


# Enum member lookups through the class are slow on Python 3.11; the programme is evaluated
# for every certificate of a CB at once, so members are looked up once here.
_DONE, _OVERDUE, _DUE, _PLANNED = (
    EntryState.DONE,
    EntryState.OVERDUE,
    EntryState.DUE,
    EntryState.PLANNED,
)
_S1, _S2, _RC = EntryKind.SURVEILLANCE_1, EntryKind.SURVEILLANCE_2, EntryKind.RECERTIFICATION
_DECISION_DATE = Anchor.DECISION_DATE
_MONTHS_AFTER_PREVIOUS, _CALENDAR_YEAR = (
    IntervalRule.MONTHS_AFTER_PREVIOUS,
    IntervalRule.CALENDAR_YEAR,
)


def _state(on: dt.date, window_start: dt.date, latest: dt.date, done: dt.date | None) -> EntryState:
    if done is not None:
        return _DONE
    if on > latest:
        return _OVERDUE
    if on >= window_start:
        return _DUE
    return _PLANNED


def _second_surveillance_latest(
    rs: RuleSet, b: RuleBases, previous: dt.date
) -> tuple[dt.date, Basis]:
    rule = rs.interval_rule
    if rule is _MONTHS_AFTER_PREVIOUS:
        assert rs.interval_months is not None
        return add_months(previous, rs.interval_months), b.interval_after_previous
    calendar = dt.date(previous.year + 1, 12, 31)
    if rule is _CALENDAR_YEAR:
        return calendar, b.once_per_calendar_year
    assert rs.interval_months is not None
    by_interval = add_months(previous, rs.interval_months)
    if by_interval < calendar:
        return by_interval, b.interval_after_previous
    return calendar, b.once_per_calendar_year


def _first_latest(
    facts: CycleFacts, rs: RuleSet, b: RuleBases, expiry_date: dt.date
) -> tuple[dt.date, Basis, Dated]:
    if rs.anchor is _DECISION_DATE and facts.decision_date is not None:
        anchor = Dated(facts.decision_date, b.anchor_decision)
        basis = b.first_after_decision
    elif rs.anchor is _DECISION_DATE:
        anchor = Dated(facts.issue_date, b.anchor_issue_for_decision)
        basis = b.first_after_issue_for_decision
    else:
        anchor = Dated(facts.issue_date, b.anchor_issue)
        basis = b.first_after_issue
    latest = add_months(anchor.date, rs.first_surveillance_months)
    return min(latest, expiry_date), basis, anchor


def _late(latest: dt.date, done: dt.date | None) -> int:
    return (done - latest).days if done is not None and done > latest else 0


def audit_programme(
    facts: CycleFacts, on: dt.date, settings: CBSettings = DEFAULT_SETTINGS
) -> Programme:
    """The cycle's surveillance 1, surveillance 2 and recertification, evaluated on ``on``."""
    rs = facts.rule_set
    b = issuing_bases(facts)
    later = facts.later_rule_sets
    if facts.expiry_date is not None:
        expiry_date = facts.expiry_date
        expiry = Dated(expiry_date, b.printed_expiry)
    else:
        expiry_date = default_expiry(facts.issue_date, settings.validity_years)
        expiry = Dated(expiry_date, _DEFAULT_EXPIRY)
    window = settings.surveillance_window_months

    s1_latest, first_basis, anchor = _first_latest(facts, rs, b, expiry_date)
    s1_rs = rs
    for first_day, nxt in later:
        if s1_latest < first_day:
            break
        nb = bases_of(nxt, first_day, rs.id)
        s1_latest, first_basis, anchor = _first_latest(facts, nxt, nb, expiry_date)
        s1_latest = max(s1_latest, min(first_day - _ONE_DAY, expiry_date))
        s1_rs = nxt
    s1_start = add_months(s1_latest, -window)
    s1_done = facts.surveillance_1_done
    s1 = ProgrammeEntry(
        _S1,
        s1_start,
        s1_latest,
        first_basis,
        _SURVEILLANCE_WINDOW,
        _state(on, s1_start, s1_latest, s1_done),
        s1_done,
        s1_rs.id,
        _late(s1_latest, s1_done),
    )

    previous = s1_done or s1_latest
    s2_latest, s2_basis = _second_surveillance_latest(rs, b, previous)
    s2_rs = rs
    for first_day, nxt in later:
        if s2_latest < first_day:
            break
        s2_latest, s2_basis = _second_surveillance_latest(
            nxt, bases_of(nxt, first_day, rs.id), previous
        )
        s2_latest = max(s2_latest, first_day - _ONE_DAY)
        s2_rs = nxt
    if s2_latest > expiry_date:
        s2_latest = expiry_date
    s2_start = add_months(s2_latest, -window)
    s2_done = facts.surveillance_2_done
    s2 = ProgrammeEntry(
        _S2,
        s2_start,
        s2_latest,
        s2_basis,
        _SURVEILLANCE_WINDOW,
        _state(on, s2_start, s2_latest, s2_done),
        s2_done,
        s2_rs.id,
        _late(s2_latest, s2_done),
    )

    rc_rs, rc_b = rule_in_force(facts, expiry_date) if later else (rs, b)
    rc_start = add_months(expiry_date, -settings.recertification_window_months)
    rc_done = facts.recertification_done
    rc = ProgrammeEntry(
        _RC,
        rc_start,
        expiry_date,
        rc_b.recertification_before_expiry,
        _RECERTIFICATION_WINDOW,
        _state(on, rc_start, expiry_date, rc_done),
        rc_done,
        rc_rs.id,
        _late(expiry_date, rc_done),
    )
    application = Dated(
        add_months(expiry_date, -settings.recertification_apply_months), _APPLICATION
    )
    return Programme(rs.id, on, anchor, expiry, (s1, s2, rc), application)


@dataclass(frozen=True, slots=True)
class Breach:
    """A surveillance done after its latest date (``done_date`` set) or not done by it.

    From ``suspension_from`` (the day after the latest date) the certificate had to be suspended
    and the suspension reported (CNCA-QMS-01:2025 §5.4.1.4; ``basis`` is the rule in force on
    that day); ``days`` counts the days in breach (to the audit, or to ``on`` while missed)."""

    entry: EntryKind
    latest: dt.date
    done_date: dt.date | None
    days: int
    suspension_from: dt.date
    basis: Basis
    report_required: bool = True


def breaches(facts: CycleFacts, programme: Programme) -> tuple[Breach, ...]:
    """The surveillance breaches of this cycle up to ``programme.on`` (late or missed)."""
    out = []
    ended = [d for d in (facts.withdrawn_on, facts.cancelled_on) if d is not None]
    stop = min(ended) if ended else None  # a withdrawn or cancelled certificate owes no more
    for e in programme.entries:
        if e.kind is _RC:
            continue
        start = e.latest + _ONE_DAY
        if stop is not None and stop < start:
            continue
        if e.late_days:
            days = e.late_days
        elif e.state is _OVERDUE:
            end = programme.on if stop is None else min(programme.on, stop)
            days = (end - e.latest).days
        else:
            continue
        out.append(
            Breach(
                e.kind,
                e.latest,
                e.done_date,
                days,
                start,
                rule_in_force(facts, start)[1].surveillance_overdue,
            )
        )
    return tuple(out)
