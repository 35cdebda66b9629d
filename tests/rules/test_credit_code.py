import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditdesk.rules import credit_code as cc


@pytest.mark.parametrize("code", ["914403001922038216", "91110000600037341L", "91310000717854505W"])
def test_published_vectors_are_valid(code):
    assert cc.check(code).ok


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", cc.CreditCodeProblem.EMPTY),
        ("9144030019220382", cc.CreditCodeProblem.LENGTH),
        ("91440300192203821I", cc.CreditCodeProblem.CHARACTER),
        ("914403001922038217", cc.CreditCodeProblem.CHECKSUM),
    ],
)
def test_problems_are_named(text, problem):
    assert cc.check(text).problem is problem


def test_normalises_spaces_full_width_and_case():
    assert cc.check(" ９１１１００００６０００３７３４１ｌ ").ok
    assert cc.normalise("9111 0000 6000 3734 1l") == "91110000600037341L"


def test_checksum_reports_expected_character():
    result = cc.check("914403001922038217")
    assert result.expected_check == "6"


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_codes_are_valid_and_any_single_change_is_caught(seed):
    rng = random.Random(seed)
    code = cc.generate(rng)
    assert cc.is_valid(code)
    pos = rng.randrange(17)
    replacement = rng.choice([c for c in cc.ALPHABET if c != code[pos]])
    assert not cc.is_valid(code[:pos] + replacement + code[pos + 1 :])


@pytest.mark.parametrize(
    ("body", "position"),
    [
        ("91A4030019220382", 3),
        ("914403B019220382", 7),
        ("9144030Y19220382", 8),
    ],
)
def test_division_code_must_be_six_digits(body, position):
    """GB 32100-2015: positions 3-8 are the administrative-division code (GB/T 2260), digits;
    a letter there is refused even when the checksum fits."""
    first17 = body + "0"
    assert len(first17) == 17
    result = cc.check(first17 + cc.check_character(first17))
    assert (result.problem, result.position) == (cc.CreditCodeProblem.DIVISION, position)
