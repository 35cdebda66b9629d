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


@dataclass(frozen=True, slots=True)
class ProgrammeEntry:
    kind: EntryKind
    window_start: dt.date
    latest: dt.date
    basis: Basis  # the rule fixing ``latest``
    window_basis: Basis  # the CB setting fixing ``window_start``
    state: EntryState
    done_date: dt.date | None


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


def expiry_of(facts: CycleFacts, settings: CBSettings = DEFAULT_SETTINGS) -> Dated:
    if facts.expiry_date is not None:
        return Dated(facts.expiry_date, Basis(facts.rule_set.id, "certificate", "printed_expiry"))
    return Dated(
        default_expiry(facts.issue_date, settings.validity_years),
        Basis(CB_SETTING, "validity_years", "issue_plus_validity_minus_one_day"),
    )


# Enum member lookups through the class are slow on Python 3.11; the programme is evaluated
# for every certificate of a CB at once, so the states are looked up once here.
_DONE, _OVERDUE, _DUE, _PLANNED = EntryState.DONE, EntryState.OVERDUE, EntryState.DUE, EntryState.PLANNED


def _state(on: dt.date, window_start: dt.date, latest: dt.date, done: dt.date | None) -> EntryState:
    if done is not None:
        return _DONE
    if on > latest:
        return _OVERDUE
    if on >= window_start:
        return _DUE
    return _PLANNED


def _second_surveillance_latest(rs: RuleSet, previous: dt.date) -> tuple[dt.date, Basis]:
    rule = rs.interval_rule
    if rule is IntervalRule.MONTHS_AFTER_PREVIOUS:
        assert rs.interval_months is not None
        return add_months(previous, rs.interval_months), Basis(
            rs.id, rs.interval_clause, "interval_after_previous_surveillance"
        )
    calendar = dt.date(previous.year + 1, 12, 31)
    if rule is IntervalRule.CALENDAR_YEAR:
        return calendar, Basis(rs.id, rs.interval_clause, "once_per_calendar_year")
    assert rs.interval_months is not None
    by_interval = add_months(previous, rs.interval_months)
    if by_interval < calendar:
        return by_interval, Basis(rs.id, rs.interval_clause, "interval_after_previous_surveillance")
    return calendar, Basis(rs.id, rs.interval_clause, "once_per_calendar_year")


def audit_programme(
    facts: CycleFacts, on: dt.date, settings: CBSettings = DEFAULT_SETTINGS
) -> Programme:
    """The cycle's surveillance 1, surveillance 2 and recertification, evaluated on ``on``."""
    rs = facts.rule_set
    expiry = expiry_of(facts, settings)
    expiry_date = expiry.date
    window = settings.surveillance_window_months
    window_basis = Basis(CB_SETTING, "surveillance_window_months", "window_before_latest")

    if rs.anchor is Anchor.DECISION_DATE and facts.decision_date is not None:
        anchor = Dated(
            facts.decision_date, Basis(rs.id, rs.first_surveillance_clause, "decision_date")
        )
    elif rs.anchor is Anchor.DECISION_DATE:
        anchor = Dated(
            facts.issue_date, Basis(rs.id, rs.first_surveillance_clause, "issue_date_for_decision")
        )
    else:
        anchor = Dated(facts.issue_date, Basis(rs.id, rs.first_surveillance_clause, "issue_date"))

    s1_latest = min(add_months(anchor.date, rs.first_surveillance_months), expiry_date)
    s1_start = add_months(s1_latest, -window)
    s1 = ProgrammeEntry(
        EntryKind.SURVEILLANCE_1,
        s1_start,
        s1_latest,
        Basis(rs.id, rs.first_surveillance_clause, "first_surveillance_after_" + anchor.basis.code),
        window_basis,
        _state(on, s1_start, s1_latest, facts.surveillance_1_done),
        facts.surveillance_1_done,
    )

    s2_latest, s2_basis = _second_surveillance_latest(rs, facts.surveillance_1_done or s1_latest)
    if s2_latest > expiry_date:
        s2_latest = expiry_date
    s2_start = add_months(s2_latest, -window)
    s2 = ProgrammeEntry(
        EntryKind.SURVEILLANCE_2,
        s2_start,
        s2_latest,
        s2_basis,
        window_basis,
        _state(on, s2_start, s2_latest, facts.surveillance_2_done),
        facts.surveillance_2_done,
    )

    rc_start = add_months(expiry_date, -settings.recertification_window_months)
    rc = ProgrammeEntry(
        EntryKind.RECERTIFICATION,
        rc_start,
        expiry_date,
        Basis(rs.id, rs.recertification_clause, "recertification_before_expiry"),
        Basis(CB_SETTING, "recertification_window_months", "window_before_expiry"),
        _state(on, rc_start, expiry_date, facts.recertification_done),
        facts.recertification_done,
    )
    application = Dated(
        add_months(expiry_date, -settings.recertification_apply_months),
        Basis(CB_SETTING, "recertification_apply_months", "application_before_expiry"),
    )
    return Programme(rs.id, on, anchor, expiry, (s1, s2, rc), application)
