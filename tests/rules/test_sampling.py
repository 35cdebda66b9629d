"""Multi-site sampling (IAF MD1, DOMAIN §5)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditdesk.rules.kinds import AuditKind
from auditdesk.rules.sampling import SamplingError, SamplingMethod, sample_size

INI, S, R = AuditKind.INITIAL, AuditKind.SURVEILLANCE, AuditKind.RECERTIFICATION


def test_domain_example_16_sites() -> None:
    assert [sample_size(16, k, effective_over_cycle=True).sites for k in (INI, S, R)] == [4, 3, 4]


@pytest.mark.parametrize(
    ("sites", "initial", "surveillance", "recert"),
    [
        (1, 1, 1, 1),
        (2, 2, 1, 2),  # √2 = 1.41 → 2; 0.85 → 1; 1.13 → 2
        (4, 2, 2, 2),  # 1.2 → 2; 1.6 → 2
        (9, 3, 2, 3),  # 1.8 → 2; 2.4 → 3
        (25, 5, 3, 4),  # exactly 3 and 4: no float error at perfect squares
        (100, 10, 6, 8),
        (101, 11, 7, 9),
        (1000, 32, 19, 26),
    ],
)
def test_square_root_rules_rounded_up(
    sites: int, initial: int, surveillance: int, recert: int
) -> None:
    assert [sample_size(sites, k, effective_over_cycle=True).sites for k in (INI, S, R)] == [
        initial,
        surveillance,
        recert,
    ]


def test_central_function_always_and_a_quarter_random() -> None:
    r = sample_size(16, INI)
    assert r.central_function_included and r.random_min == 1
    assert sample_size(100, INI).random_min == 3  # 10 / 4 → 3
    assert r.basis.rule_id == "IAF MD1:2023" and r.basis.code == "square_root_initial"


def test_risk_increase_raises_the_sample_but_never_beyond_all_sites() -> None:
    r = sample_size(16, S, risk_increase=2)
    assert (r.formula_sites, r.sites, r.risk_increase) == (3, 5, 2)
    assert sample_size(4, INI, risk_increase=10).sites == 4


def test_without_sampling_all_sites_or_thirty_percent() -> None:
    assert sample_size(16, INI, sampling_allowed=False).sites == 16
    assert sample_size(16, R, sampling_allowed=False).method is SamplingMethod.ALL_SITES
    r = sample_size(16, S, sampling_allowed=False)
    assert (r.sites, r.method) == (5, SamplingMethod.PERCENT_PER_SURVEILLANCE)  # 4.8 → 5
    assert sample_size(10, S, sampling_allowed=False).sites == 3


@pytest.mark.parametrize("bad", [0, -3, True])
def test_bad_site_counts(bad: int) -> None:
    with pytest.raises(SamplingError):
        sample_size(bad, INI)


def test_special_audits_have_no_formula() -> None:
    with pytest.raises(SamplingError):
        sample_size(10, AuditKind.SPECIAL)


@given(st.integers(1, 10**7))
def test_property_matches_the_real_square_root(x: int) -> None:
    for kind, k in ((INI, 1.0), (S, 0.6), (R, 0.8)):  # R: effective over the cycle
        n = sample_size(x, kind, effective_over_cycle=True).formula_sites
        assert n >= k * math.sqrt(x) - 1e-9
        assert n - 1 < k * math.sqrt(x) + 1e-9 or n == 1
        assert 1 <= n <= x
    r = sample_size(x, R, effective_over_cycle=True).sites
    assert sample_size(x, S).sites <= r <= sample_size(x, INI).sites
    assert sample_size(x, R).sites == sample_size(x, R, effective_over_cycle=False).sites
    assert sample_size(x, R).sites == sample_size(x, INI).sites


@pytest.mark.parametrize(
    ("effective", "sites", "code"),
    [
        (True, 4, "square_root_x0_8_recertification"),  # 0.8·√25 = 4
        (False, 5, "square_root_initial_not_effective"),  # √25 = 5
        (None, 5, "square_root_initial_effectiveness_not_stated"),
    ],
)
def test_recertification_factor_is_conditional(effective, sites, code) -> None:
    """DOMAIN §3 / IAF MD1:2023: the 0.8·√x recertification factor applies only where the system
    has proved effective over the cycle, otherwise the initial sample size (6.1.3.3)."""
    r = sample_size(25, R, effective_over_cycle=effective)
    assert (r.sites, r.basis.code, r.basis.clause, r.effective_over_cycle) == (
        sites,
        code,
        "6.1.3.3",
        effective,
    )


@pytest.mark.parametrize(
    ("full", "reduction", "days", "capped"),
    [
        (4.0, 0, 4.0, False),
        (4.0, 50, 2.0, False),  # exactly 50 %: allowed
        (4.0, 60, 2.0, True),  # more is capped at 50 %
        (3.0, 30, 2.0, False),  # 2.1 → 2 (nearest half day)
        (0.5, 50, 0.5, False),  # never below half a day
    ],
)
def test_time_per_sampled_site_reduction_at_most_half(full, reduction, days, capped) -> None:
    """IAF MD1 [check clause]: a sampled site's time is reduced by at most 50 %."""
    from auditdesk.rules.sampling import site_time

    t = site_time(full, reduction)
    assert (t.days, t.capped, t.reduction_percent) == (days, capped, min(reduction, 50))
