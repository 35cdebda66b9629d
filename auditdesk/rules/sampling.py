"""Multi-site sampling (IAF MD1, DOMAIN §5).

Sample size from x sites, rounded up: initial √x, surveillance 0.6·√x, recertification 0.8·√x
(16 sites → 4 / 3 / 4). Computed in integers (the smallest n with n² ≥ k²·x), so no float error
at perfect squares. The CB's risk analysis may add sites (never beyond x); at least 25 % of
the sample is chosen at random; the central function is audited every time.
Where sampling is not allowed: every site at initial and recertification, 30 % (rounded up)
per surveillance.

Clause numbers as DOMAIN §3 lists them: IAF MD1:2023 6.1.3.3 sample size (EA FAQ), 6.2.1 sites
not sampled.

Recertification (DOMAIN §3, IAF MD1:2023): the 0.8·√x factor applies only where the management
system has proved effective over the cycle — an explicit input (``effective_over_cycle``); when
it is False, or not stated (None: the caller did not ask), the initial sample size √x is used,
and the basis code says which. Not stating it gives the larger, always-conforming sample.

Time per sampled site (:func:`site_time`): each site's audit time may be reduced, by at most
50 % of the time a single-site audit of it would take (IAF MD1 [check]: the clause number is not
confirmed), and is rounded to half days like every audit time.

Resolved ambiguity: x counts the sites to be sampled from; the central function is audited in
addition to the sample (``central_function_included`` True, not counted in ``sites``). The
"16 sites → 4/3/4" example of DOMAIN §5 is then exactly the formula.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from auditdesk.rules.basis import IAF_MD1, Basis
from auditdesk.rules.kinds import AuditKind


class SamplingMethod(StrEnum):
    SAMPLE = "sample"
    ALL_SITES = "all_sites"
    PERCENT_PER_SURVEILLANCE = "percent_per_surveillance"


class SamplingError(ValueError):
    """Bad input to the sampling rules."""


@dataclass(frozen=True, slots=True)
class SampleSize:
    site_count: int
    audit: AuditKind
    method: SamplingMethod
    sites: int  # sites to visit (besides the central function)
    formula_sites: int  # before the risk increase
    risk_increase: int
    random_min: int  # at least 25 % of the sample chosen at random
    central_function_included: bool
    basis: Basis
    effective_over_cycle: bool | None = None  # recertification: as stated by the caller


# k² as a fraction (numerator, denominator): 1, 0.36, 0.64
_K_SQUARED = {
    AuditKind.INITIAL: (1, 1),
    AuditKind.SURVEILLANCE: (9, 25),
    AuditKind.RECERTIFICATION: (16, 25),
}
_CLAUSE = {
    AuditKind.INITIAL: ("6.1.3.3", "square_root_initial"),
    AuditKind.SURVEILLANCE: ("6.1.3.3", "square_root_x0_6_surveillance"),
    AuditKind.RECERTIFICATION: ("6.1.3.3", "square_root_x0_8_recertification"),
}


def _ceil_k_sqrt(x: int, num: int, den: int) -> int:
    """Smallest n ≥ 0 with n² · den ≥ num · x, i.e. ⌈√(num/den · x)⌉."""
    n = math.isqrt(num * x // den)
    while n * n * den < num * x:
        n += 1
    return n


def sample_size(
    site_count: int,
    audit: AuditKind,
    *,
    sampling_allowed: bool = True,
    risk_increase: int = 0,
    effective_over_cycle: bool | None = None,
) -> SampleSize:
    if isinstance(site_count, bool) or not isinstance(site_count, int) or site_count < 1:
        raise SamplingError(f"sites: must be a whole number of at least 1, got {site_count!r}")
    if audit not in _K_SQUARED:
        raise SamplingError(
            f"audit: sampling is defined for initial, surveillance and recertification, not {audit}"
        )
    if risk_increase < 0:
        raise SamplingError("risk_increase: must not be negative")
    if not sampling_allowed:
        if audit is AuditKind.SURVEILLANCE:
            n = -(-site_count * 3 // 10)  # 30 %, rounded up
            method, basis = (
                SamplingMethod.PERCENT_PER_SURVEILLANCE,
                Basis(IAF_MD1, "6.2.1", "thirty_percent_per_surveillance"),
            )
        else:
            n = site_count
            method, basis = SamplingMethod.ALL_SITES, Basis(IAF_MD1, "6.2.1", "all_sites")
        return SampleSize(site_count, audit, method, n, n, 0, 0, True, basis)
    num, den = _K_SQUARED[audit]
    clause, code = _CLAUSE[audit]
    if audit is AuditKind.RECERTIFICATION and not effective_over_cycle:
        num, den = _K_SQUARED[AuditKind.INITIAL]
        code = (
            "square_root_initial_not_effective"
            if effective_over_cycle is False
            else "square_root_initial_effectiveness_not_stated"
        )
    formula = max(1, _ceil_k_sqrt(site_count, num, den))
    sites = min(site_count, formula + risk_increase)
    return SampleSize(
        site_count=site_count,
        audit=audit,
        method=SamplingMethod.SAMPLE,
        sites=sites,
        formula_sites=formula,
        risk_increase=sites - formula,
        random_min=math.ceil(sites / 4),
        central_function_included=True,
        basis=Basis(IAF_MD1, clause, code),
        effective_over_cycle=effective_over_cycle if audit is AuditKind.RECERTIFICATION else None,
    )


MAX_SITE_REDUCTION_PERCENT = 50


@dataclass(frozen=True, slots=True)
class SiteTime:
    full_days: float  # the site's time as if it were audited on its own
    reduction_percent: float  # after the 50 % cap
    capped: bool
    days: float
    basis: Basis


def site_time(full_days: float, reduction_percent: float = 0.0) -> SiteTime:
    """Audit time of one sampled site: ``full_days`` reduced by ``reduction_percent`` (at most
    50 %, IAF MD1 [check]), rounded to the nearest half day (IAF MD5 2.2.3), never below half a
    day."""
    if full_days <= 0:
        raise SamplingError(f"full_days: must be positive, got {full_days!r}")
    if reduction_percent < 0:
        raise SamplingError("reduction_percent: must not be negative")
    capped = reduction_percent > MAX_SITE_REDUCTION_PERCENT
    pct = min(reduction_percent, MAX_SITE_REDUCTION_PERCENT)
    raw = full_days * (100 - pct) / 100
    days = max(0.5, math.floor(raw * 2 + 0.5) / 2)
    return SiteTime(
        full_days, pct, capped, days, Basis(IAF_MD1, "site audit time", "site_reduction_max_50")
    )
