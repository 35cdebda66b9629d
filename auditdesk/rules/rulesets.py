"""Certification-cycle rule sets as data (DOMAIN §3).

A :class:`RuleSet` is one row of the rule-set table: what the first surveillance counts from,
how later surveillances are spaced, what happens when recertification is late, and how long a
suspension may last. The table ships as ``resources/rules/rule_sets.json``; an admin corrects
values there (or the services overlay corrections with :meth:`RuleBook.with_overrides`) without
a code change. This module never finds files by itself: callers pass a path or a mapping.

Which rule set applies follows the **date of the activity** (DOMAIN §3, corrected 2026-12): each
rule set carries ``in_force_from`` and ``abolished_on`` (data an admin can correct), and
:meth:`RuleBook.in_force` gives the rule set of a scheme in force on a date. A certificate's cycle
is judged by the rule set in force on its issue date *and* the ones that come into force later
(:meth:`RuleBook.timeline`): the programme judges each entry by the rule in force on its date. A
certificate's own ``rule_set_id`` is an admin's manual override: one rule set for the whole
cycle (:meth:`RuleBook.resolve`, :meth:`RuleBook.timeline` with ``override_id``).

Resolved ambiguities:
- The CNCA 2026 announcement No. 2 rule texts for EMS, OHSMS, ISMS and ITSMS are not loaded:
  those schemes follow the CNCA 2025 QMS cycle from 2026-01-01 (DOMAIN §3 [check]) and the
  legacy CNCA 2016 row before it. A new rule text slots in as one more row with its own
  ``in_force_from`` and the older row's ``abolished_on``.
- ``abolished_on`` is the first day the rule set no longer applies (the successor's
  ``in_force_from``); ``in_force_from`` is the first day it applies.
- The ``defaults`` table names the schemes each rule set applies to, in order of preference; its
  optional ``issued_from``/``issued_until`` columns (the old issue-date selection) still narrow a
  row when present, but the shipped table no longer uses them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any


class Anchor(StrEnum):
    """What the first surveillance limit counts from."""

    ISSUE_DATE = "issue_date"
    DECISION_DATE = "decision_date"


class IntervalRule(StrEnum):
    """How the latest date of a later surveillance follows the previous one."""

    MONTHS_AFTER_PREVIOUS = "months_after_previous"  # CNCA 2025: ≤ N months after the previous
    CALENDAR_YEAR = "calendar_year"  # 17021-1: at least once per calendar year
    CALENDAR_YEAR_AND_MONTHS = "calendar_year_and_months"  # CNCA 2016: both, ≤ N months apart


class UnknownRuleSet(LookupError):
    """No rule set with this id; ``args[0]`` is the id."""


class RuleSetDataError(ValueError):
    """The rule-set table is malformed (a message naming the rule set and field)."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    title: str
    check: bool
    in_force_from: dt.date | None
    anchor: Anchor
    first_surveillance_months: int
    first_surveillance_clause: str
    interval_rule: IntervalRule
    interval_months: int | None
    interval_clause: str
    min_surveillances: int
    recertification_clause: str
    restore_window_months: int | None
    restore_clause: str
    suspension_max_months: int | None
    suspension_clause: str
    suspension_max_check: bool = False
    abolished_on: dt.date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        """Whether this rule text applies to an activity on ``day``."""
        if self.in_force_from is not None and day < self.in_force_from:
            return False
        return self.abolished_on is None or day < self.abolished_on

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RuleSet:
        rid = str(data.get("id", "?"))
        try:
            values: dict[str, Any] = {
                "id": _text(data, "id"),
                "title": str(data.get("title", data["id"])),
                "check": bool(data.get("check", False)),
                "in_force_from": _opt_date(data.get("in_force_from")),
                "anchor": Anchor(data["anchor"]),
                "first_surveillance_months": _months(data, "first_surveillance_months"),
                "first_surveillance_clause": _text(data, "first_surveillance_clause"),
                "interval_rule": IntervalRule(data["interval_rule"]),
                "interval_months": _opt_months(data, "interval_months"),
                "interval_clause": _text(data, "interval_clause"),
                "min_surveillances": _months(data, "min_surveillances"),
                "recertification_clause": _text(data, "recertification_clause"),
                "restore_window_months": _opt_months(data, "restore_window_months"),
                "restore_clause": _text(data, "restore_clause"),
                "suspension_max_months": _opt_months(data, "suspension_max_months"),
                "suspension_clause": _text(data, "suspension_clause"),
                "suspension_max_check": bool(data.get("suspension_max_check", False)),
                "abolished_on": _opt_date(data.get("abolished_on")),
            }
        except KeyError as exc:
            raise RuleSetDataError(f"rule set {rid}: missing field {exc.args[0]}") from None
        except ValueError as exc:
            raise RuleSetDataError(f"rule set {rid}: {exc}") from None
        if (
            values["interval_rule"] is not IntervalRule.CALENDAR_YEAR
            and values["interval_months"] is None
        ):
            raise RuleSetDataError(
                f"rule set {rid}: interval_months is required for {values['interval_rule']}"
            )
        frm, until = values["in_force_from"], values["abolished_on"]
        if frm is not None and until is not None and until <= frm:
            raise RuleSetDataError(f"rule set {rid}: abolished_on must be after in_force_from")
        return cls(**values)

    def to_mapping(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["in_force_from"] = self.in_force_from.isoformat() if self.in_force_from else None
        out["abolished_on"] = self.abolished_on.isoformat() if self.abolished_on else None
        out["anchor"] = self.anchor.value
        out["interval_rule"] = self.interval_rule.value
        return out


@dataclass(frozen=True, slots=True)
class DefaultRule:
    """Which rule set a certificate of one of ``schemes`` issued in the date range gets."""

    rule_set: str
    schemes: frozenset[str]  # "*" matches every scheme
    issued_from: dt.date | None
    issued_until: dt.date | None

    def matches(self, scheme: str, issue_date: dt.date) -> bool:
        if "*" not in self.schemes and scheme not in self.schemes:
            return False
        if self.issued_from is not None and issue_date < self.issued_from:
            return False
        return self.issued_until is None or issue_date <= self.issued_until


@dataclass(frozen=True, slots=True)
class RuleBook:
    """All rule sets, the default-selection table, and standard code → scheme mapping."""

    rule_sets: Mapping[str, RuleSet]
    defaults: tuple[DefaultRule, ...]
    standard_schemes: Mapping[str, str]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.rule_sets)

    def get(self, rule_set_id: str) -> RuleSet:
        try:
            return self.rule_sets[rule_set_id]
        except KeyError:
            raise UnknownRuleSet(rule_set_id) from None

    def scheme_of(self, standard_or_scheme: str) -> str:
        """``"ISO 9001:2015"`` or ``"GB/T 19001-2016"`` → ``"QMS"``; a scheme code passes through."""
        text = " ".join(standard_or_scheme.split()).upper()
        best: tuple[int, str] | None = None
        for prefix, scheme in self.standard_schemes.items():
            p = prefix.upper()
            if (text == p or text.startswith((p + ":", p + "-"))) and (
                best is None or len(p) > best[0]
            ):
                best = (len(p), scheme)
        return best[1] if best else text

    def default_for(self, standard_or_scheme: str, issue_date: dt.date) -> RuleSet:
        """The rule set in force on ``issue_date`` (the one the certificate was issued under)."""
        return self.default_for_scheme(self.scheme_of(standard_or_scheme), issue_date)

    def default_for_scheme(self, scheme: str, issue_date: dt.date) -> RuleSet:
        """:meth:`default_for` with the scheme already found by :meth:`scheme_of` (callers
        resolving thousands of certificates of a few standards look each scheme up once)."""
        return self.in_force(scheme, issue_date)

    def in_force(self, scheme: str, day: dt.date) -> RuleSet:
        """The rule set of ``scheme`` (a code from :meth:`scheme_of`) in force on ``day``."""
        for rule in self.defaults:
            if rule.matches(scheme, day):
                rs = self.get(rule.rule_set)
                if rs.in_force_on(day):
                    return rs
        raise UnknownRuleSet(f"no rule set in force for {scheme} on {day.isoformat()}")

    def timeline(
        self, scheme: str, issue_date: dt.date, override_id: str | None = None
    ) -> tuple[RuleSet, tuple[tuple[dt.date, RuleSet], ...]]:
        """The rule set a cycle starting on ``issue_date`` was issued under and the rule sets
        of ``scheme`` that take over after it, in date order, each with the first day it
        applies. An override (the certificate's own rule set) has no successors."""
        if override_id:
            return self.get(override_id), ()
        first = self.in_force(scheme, issue_date)
        later: list[tuple[dt.date, RuleSet]] = []
        current = first
        starts = sorted(
            {
                rs.in_force_from
                for rs in self.rule_sets.values()
                if rs.in_force_from is not None and rs.in_force_from > issue_date
            }
            | {
                rs.abolished_on
                for rs in self.rule_sets.values()
                if rs.abolished_on is not None and rs.abolished_on > issue_date
            }
        )
        for start in starts:
            try:
                nxt = self.in_force(scheme, start)
            except UnknownRuleSet:
                continue
            if nxt is not current:
                later.append((start, nxt))
                current = nxt
        return first, tuple(later)

    def resolve(
        self, standard_or_scheme: str, issue_date: dt.date, override_id: str | None = None
    ) -> RuleSet:
        """The certificate's own rule set if it names one, else the default."""
        if override_id:
            return self.get(override_id)
        return self.default_for(standard_or_scheme, issue_date)

    def with_overrides(self, corrections: Mapping[str, Mapping[str, Any]]) -> RuleBook:
        """A new book with an admin's field corrections per rule id (new ids add rule sets)."""
        merged = {rid: rs.to_mapping() for rid, rs in self.rule_sets.items()}
        for rid, fields in corrections.items():
            base = merged.get(rid, {"id": rid})
            merged[rid] = {**base, **fields, "id": rid}
        rule_sets = {rid: RuleSet.from_mapping(m) for rid, m in merged.items()}
        return dataclasses.replace(self, rule_sets=rule_sets)


def default_rule_set_id(book: RuleBook, standard_or_scheme: str, issue_date: dt.date) -> str:
    """The id of the rule set a certificate of this standard issued on this date gets by default."""
    return book.default_for(standard_or_scheme, issue_date).id


def rule_book_from_mapping(data: Mapping[str, Any]) -> RuleBook:
    items = data.get("rule_sets")
    if not isinstance(items, list) or not items:
        raise RuleSetDataError("rule_sets: a non-empty list is required")
    rule_sets: dict[str, RuleSet] = {}
    for item in items:
        rs = RuleSet.from_mapping(item)
        if rs.id in rule_sets:
            raise RuleSetDataError(f"rule set {rs.id}: defined twice")
        rule_sets[rs.id] = rs
    defaults = []
    for item in data.get("defaults", []):
        rule = DefaultRule(
            rule_set=str(item["rule_set"]),
            schemes=frozenset(
                str(s).upper() if s != "*" else "*" for s in item.get("schemes", ["*"])
            ),
            issued_from=_opt_date(item.get("issued_from")),
            issued_until=_opt_date(item.get("issued_until")),
        )
        if rule.rule_set not in rule_sets:
            raise RuleSetDataError(f"defaults: unknown rule set {rule.rule_set}")
        defaults.append(rule)
    schemes = {str(k): str(v).upper() for k, v in data.get("standard_schemes", {}).items()}
    return RuleBook(rule_sets=rule_sets, defaults=tuple(defaults), standard_schemes=schemes)


def load_rule_book(source: str | Path | Mapping[str, Any]) -> RuleBook:
    """The rule book from a JSON file path or an already-parsed mapping.

    The services pass ``auditdesk.paths.resource("rules", "rule_sets.json")`` for the built-in
    table.
    """
    if isinstance(source, Mapping):
        return rule_book_from_mapping(source)
    with Path(source).open(encoding="utf-8") as fh:
        return rule_book_from_mapping(json.load(fh))


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be a non-empty string")
    return value


def _months(data: Mapping[str, Any], key: str) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{key} must be a positive whole number")
    return value


def _opt_months(data: Mapping[str, Any], key: str) -> int | None:
    if data.get(key) is None:
        return None
    return _months(data, key)


def _opt_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
