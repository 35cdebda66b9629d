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
    assert [sample_size(16, k).sites for k in (INI, S, R)] == [4, 3, 4]


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
    assert [sample_size(sites, k).sites for k in (INI, S, R)] == [initial, surveillance, recert]


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
    for kind, k in ((INI, 1.0), (S, 0.6), (R, 0.8)):
        n = sample_size(x, kind).formula_sites
        assert n >= k * math.sqrt(x) - 1e-9
        assert n - 1 < k * math.sqrt(x) + 1e-9 or n == 1
        assert 1 <= n <= x
    assert sample_size(x, S).sites <= sample_size(x, R).sites <= sample_size(x, INI).sites
