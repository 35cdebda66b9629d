"""Audit time (IAF MD5) from data tables (DOMAIN §5).

Tables live in ``resources/rules/audit_time.json``: per scheme, bands of effective personnel
and one column of initial audit days (stage 1 + stage 2) per complexity/risk category. A new
scheme (ISO/IEC 27006, 20000-6, ISO 50003 tables) is one more entry of the same shape.

Calculation (exact fractions, rounded only at the end):
table days × (1 + Σ adjustment %) × (1 − integrated-audit %) = adjusted initial time;
surveillance = ⅓ and recertification = ⅔ of the adjusted initial time; each rounded to the
nearest half day (MD5: 5.3 → 5.5, 5.2 → 5).

Resolved ambiguities:
- A tie in half-day rounding (x.25, x.75) rounds up: audit time is a minimum.
- Surveillance and recertification are computed from the unrounded adjusted initial time, so
  rounding happens once. No audit is shorter than half a day.
- Adjustments are percentages (+ raise, − reduce), each with a written reason (required). The
  net reduction is capped at 30 % (``reduction_capped`` says when the cap bit); the integrated
  audit reduction (IAF MD11) is separate, applied after, and capped at 20 %.
- On-site minimum = 80 % of each total, rounded *up* to a half day (never above the total),
  because "on-site ≥ 80 %" is a floor.
- Rounding is a rule-table setting (``rules.rounding``, a table may set its own): ``nearest_half_day``
  (MD5 2.2.3, the default) or ``up_half_day`` (for "not less than" floors).
  ``rules.surveillance_rounding`` rounds the surveillance time: the CNCA reading "surveillance
  time not less than ⅓ of the initial time" would be ``up_half_day``; that floor was not found in
  a CNCA rule text (only MD5's "about ⅓"), so it ships as ``nearest_half_day`` [check].
- MD5's continuum reading (``continuum=True``): within a band the days grow linearly from this
  band's value towards the next band's, so a band's upper end approaches the next value
  instead of jumping at the boundary (last band and extrapolation unchanged). The plain table
  value is the default.
- ISMS (ISO/IEC 27006-1:2024 Annex C): one column of days by persons doing work under the
  organisation's control; the business/IT complexity factors are data
  (``adjustment_ranges``, the allowed % range per complexity pair) checked by
  :func:`adjustment_range`; the values are [check] (transcribed from the 2015 edition's
  Annex B, reported unchanged in 2024, not confirmed against the 2024 text).
- Above the last band (> 10 700) the table "follows the progression": further bands as wide as
  the last band, each adding the last step of the column (QMS +1 day per 2 200 persons);
  ``row.extrapolated`` is then True.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from auditdesk.rules.basis import IAF_MD5, IAF_MD11, Basis
from auditdesk.rules.kinds import AuditKind

_HALF = Fraction(1, 2)


class AuditTimeError(ValueError):
    """Bad input to the audit-time rules (the message names the field)."""


class UnknownScheme(LookupError):
    """No audit-time table for this scheme."""


ROUNDING_MODES = ("nearest_half_day", "up_half_day")


@dataclass(frozen=True, slots=True)
class AuditTimeTable:
    scheme: str
    rule_id: str
    clause: str
    default_category: str
    bands: tuple[tuple[int, int], ...]
    days: Mapping[str, tuple[Fraction, ...]]
    rounding: str | None = None  # None: the rules' rounding
    check: bool = False  # values seen only in secondary sources
    # complexity pair (e.g. "business_high/it_low") → allowed adjustment % (low, high)
    adjustment_ranges: Mapping[str, tuple[Fraction, Fraction]] = dataclasses.field(
        default_factory=dict
    )

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self.days)


@dataclass(frozen=True, slots=True)
class AuditTimeRules:
    rule_id: str
    surveillance_factor: Fraction
    recertification_factor: Fraction
    max_reduction: Fraction
    min_onsite: Fraction
    integrated_max_reduction: Fraction
    rounding: str = "nearest_half_day"
    surveillance_rounding: str = "nearest_half_day"


@dataclass(frozen=True, slots=True)
class AuditTimeBook:
    rules: AuditTimeRules
    tables: Mapping[str, AuditTimeTable]

    def table(self, scheme: str) -> AuditTimeTable:
        try:
            return self.tables[scheme.upper()]
        except KeyError:
            raise UnknownScheme(scheme) from None


@dataclass(frozen=True, slots=True)
class Adjustment:
    percent: float  # + raises, − reduces
    reason: str


@dataclass(frozen=True, slots=True)
class TableRow:
    band_from: int
    band_to: int
    category: str
    days: float
    extrapolated: bool


@dataclass(frozen=True, slots=True)
class AuditTime:
    scheme: str
    personnel: int
    category: str
    row: TableRow
    adjustments: tuple[Adjustment, ...]
    adjustment_percent: float  # net, after the 30 % cap
    reduction_capped: bool
    integrated_reduction_percent: float  # after the 20 % cap
    integrated_capped: bool
    initial_days: float
    surveillance_days: float
    recertification_days: float
    initial_onsite_min_days: float
    surveillance_onsite_min_days: float
    recertification_onsite_min_days: float
    basis: Basis  # the table
    rounding_basis: Basis
    integrated_basis: Basis | None

    def days_for(self, kind: AuditKind) -> float:
        if kind is AuditKind.INITIAL:
            return self.initial_days
        if kind is AuditKind.SURVEILLANCE:
            return self.surveillance_days
        if kind is AuditKind.RECERTIFICATION:
            return self.recertification_days
        raise AuditTimeError(f"audit: no table time for {kind.value} audits")

    def onsite_min_for(self, kind: AuditKind) -> float:
        if kind is AuditKind.INITIAL:
            return self.initial_onsite_min_days
        if kind is AuditKind.SURVEILLANCE:
            return self.surveillance_onsite_min_days
        return self.recertification_onsite_min_days


def round_half_day(days: Fraction) -> Fraction:
    """Nearest half day, ties up (MD5 2.2.3)."""
    return Fraction(math.floor(days * 2 + _HALF), 2)


def _ceil_half_day(days: Fraction) -> Fraction:
    return Fraction(math.ceil(days * 2), 2)


def round_days(days: Fraction, mode: str) -> Fraction:
    """``nearest_half_day`` (MD5 2.2.3, ties up) or ``up_half_day`` ("not less than" floors)."""
    if mode == "up_half_day":
        return _ceil_half_day(days)
    return round_half_day(days)


def adjustment_range(table: AuditTimeTable, key: str) -> tuple[float, float]:
    """The adjustment % range the table allows for a complexity pair (ISO/IEC 27006-1 factors)."""
    try:
        lo, hi = table.adjustment_ranges[key]
    except KeyError:
        known = ", ".join(table.adjustment_ranges) or "none"
        raise AuditTimeError(
            f"factor: {key!r} is not a factor of {table.scheme} ({known})"
        ) from None
    return float(lo), float(hi)


def _continuum_days(table: AuditTimeTable, personnel: int, row: TableRow) -> float:
    days = table.days[row.category]
    for i, (lo, hi) in enumerate(table.bands[:-1]):
        if lo <= personnel <= hi:
            nxt = days[i + 1]
            share = Fraction(personnel - lo, hi - lo + 1)
            return float(days[i] + (nxt - days[i]) * share)
    return row.days


def table_row(table: AuditTimeTable, personnel: int, category: str) -> TableRow:
    days = table.days[category]
    for i, (lo, hi) in enumerate(table.bands):
        if lo <= personnel <= hi:
            return TableRow(lo, hi, category, float(days[i]), False)
    last_lo, last_hi = table.bands[-1]
    if personnel < table.bands[0][0]:
        raise AuditTimeError(f"personnel: {personnel} is below the first band")
    width = last_hi - last_lo + 1
    step = days[-1] - days[-2]
    k = math.ceil((personnel - last_hi) / width)
    return TableRow(
        last_hi + (k - 1) * width + 1,
        last_hi + k * width,
        category,
        float(days[-1] + k * step),
        True,
    )


def audit_time(
    book: AuditTimeBook,
    scheme: str,
    personnel: int,
    category: str | None = None,
    adjustments: Sequence[Adjustment] = (),
    integrated_reduction_percent: float = 0.0,
    continuum: bool = False,
) -> AuditTime:
    """Audit days for ``personnel`` effective persons in ``scheme`` (category: complexity/risk)."""
    if isinstance(personnel, bool) or not isinstance(personnel, int) or personnel < 1:
        raise AuditTimeError(f"personnel: must be a whole number of at least 1, got {personnel!r}")
    table = book.table(scheme)
    cat = (category or table.default_category).lower()
    if cat not in table.days:
        raise AuditTimeError(
            f"category: {cat!r} is not one of {', '.join(table.categories)} for {table.scheme}"
        )
    for adj in adjustments:
        if not adj.reason or not adj.reason.strip():
            raise AuditTimeError("adjustment: every adjustment needs a written reason")
    if integrated_reduction_percent < 0:
        raise AuditTimeError("integrated_reduction_percent: must not be negative")
    rules = book.rules
    row = table_row(table, personnel, cat)

    net = sum((Fraction(str(a.percent)) for a in adjustments), Fraction(0)) / 100
    capped = net < -rules.max_reduction
    if capped:
        net = -rules.max_reduction
    integrated = Fraction(str(integrated_reduction_percent)) / 100
    integrated_capped = integrated > rules.integrated_max_reduction
    if integrated_capped:
        integrated = rules.integrated_max_reduction

    base = _continuum_days(table, personnel, row) if continuum else row.days
    adjusted = Fraction(str(base)) * (1 + net) * (1 - integrated)
    mode = table.rounding or rules.rounding

    def total(factor: Fraction, rounding: str = mode) -> Fraction:
        return max(_HALF, round_days(adjusted * factor, rounding))

    def onsite(days: Fraction) -> float:
        return float(min(days, _ceil_half_day(days * rules.min_onsite)))

    initial = total(Fraction(1))
    surveillance = total(
        rules.surveillance_factor,
        rules.surveillance_rounding if rules.surveillance_rounding != "nearest_half_day" else mode,
    )
    recert = total(rules.recertification_factor)
    return AuditTime(
        scheme=table.scheme,
        personnel=personnel,
        category=cat,
        row=row,
        adjustments=tuple(adjustments),
        adjustment_percent=float(net * 100),
        reduction_capped=capped,
        integrated_reduction_percent=float(integrated * 100),
        integrated_capped=integrated_capped,
        initial_days=float(initial),
        surveillance_days=float(surveillance),
        recertification_days=float(recert),
        initial_onsite_min_days=onsite(initial),
        surveillance_onsite_min_days=onsite(surveillance),
        recertification_onsite_min_days=onsite(recert),
        basis=Basis(
            table.rule_id, table.clause, "extrapolated_row" if row.extrapolated else "table_row"
        ),
        rounding_basis=Basis(rules.rule_id, "2.2.3", mode),
        integrated_basis=Basis(IAF_MD11, "integrated audit time", "integrated_reduction")
        if integrated
        else None,
    )


def audit_time_book_from_mapping(data: Mapping[str, Any]) -> AuditTimeBook:
    r = data.get("rules", {})
    try:
        rules = AuditTimeRules(
            rule_id=str(r.get("rule_id", IAF_MD5)),
            surveillance_factor=Fraction(*r.get("surveillance_factor", [1, 3])),
            recertification_factor=Fraction(*r.get("recertification_factor", [2, 3])),
            max_reduction=Fraction(str(r.get("max_reduction_percent", 30))) / 100,
            min_onsite=Fraction(str(r.get("min_onsite_percent", 80))) / 100,
            integrated_max_reduction=Fraction(str(r.get("integrated_max_reduction_percent", 20)))
            / 100,
            rounding=_rounding(r.get("rounding", "nearest_half_day")),
            surveillance_rounding=_rounding(r.get("surveillance_rounding", "nearest_half_day")),
        )
        tables: dict[str, AuditTimeTable] = {}
        for scheme, t in data["schemes"].items():
            bands = tuple((int(lo), int(hi)) for lo, hi in t["bands"])
            days = {
                str(c).lower(): tuple(Fraction(str(v)) for v in col) for c, col in t["days"].items()
            }
            _validate_table(scheme, bands, days)
            tables[scheme.upper()] = AuditTimeTable(
                scheme=scheme.upper(),
                rule_id=str(t.get("rule_id", rules.rule_id)),
                clause=str(t["clause"]),
                default_category=str(t.get("default_category", next(iter(days)))).lower(),
                bands=bands,
                days=days,
                rounding=_rounding(t["rounding"]) if t.get("rounding") else None,
                check=bool(t.get("check", False)),
                adjustment_ranges={
                    str(k): (Fraction(str(v[0])), Fraction(str(v[1])))
                    for k, v in t.get("adjustment_ranges", {}).items()
                },
            )
    except (KeyError, TypeError, ValueError) as exc:
        raise AuditTimeError(f"audit-time table is malformed: {exc!r}") from None
    return AuditTimeBook(rules, tables)


def _rounding(value: Any) -> str:
    if value not in ROUNDING_MODES:
        raise ValueError(f"rounding: {value!r} is not one of {', '.join(ROUNDING_MODES)}")
    return str(value)


def _validate_table(
    scheme: str, bands: tuple[tuple[int, int], ...], days: Mapping[str, tuple[Fraction, ...]]
) -> None:
    if not bands or bands[0][0] != 1:
        raise ValueError(f"{scheme}: bands must start at 1")
    for (lo, hi), (nlo, _nhi) in zip(bands, bands[1:], strict=False):
        if hi < lo or nlo != hi + 1:
            raise ValueError(f"{scheme}: bands must be contiguous ({lo}-{hi}, {nlo})")
    for cat, col in days.items():
        if len(col) != len(bands):
            raise ValueError(f"{scheme}/{cat}: {len(col)} values for {len(bands)} bands")
        if len(col) < 2 or any(b < a for a, b in zip(col, col[1:], strict=False)):
            raise ValueError(f"{scheme}/{cat}: days must not decrease")


def load_audit_time_book(source: str | Path | Mapping[str, Any]) -> AuditTimeBook:
    """Tables from a JSON file path (``resources/rules/audit_time.json``) or a parsed mapping."""
    if isinstance(source, Mapping):
        return audit_time_book_from_mapping(source)
    with Path(source).open(encoding="utf-8") as fh:
        return audit_time_book_from_mapping(json.load(fh))
