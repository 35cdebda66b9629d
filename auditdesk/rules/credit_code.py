"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters from a 31-symbol alphabet (no I, O, Z, S, V). The 18th is a check character:
weights are 3^i mod 31 for positions 0..16, check = (31 - sum mod 31) mod 31.
Input is normalised first: spaces stripped, full-width folded to half-width, upper-cased.
Positions 3–8 are the registration authority's administrative-division code (GB/T 2260): six
digits (GB 32100-2015 §4); a letter there is refused as ``division`` before the checksum. Whether
the six digits name an existing division is not checked (no GB/T 2260 table is loaded).
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from enum import Enum

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
LENGTH = 18


class CreditCodeProblem(str, Enum):
    """Why a credit code is not valid (a code for the UI to translate)."""

    EMPTY = "empty"
    LENGTH = "length"
    CHARACTER = "character"
    DIVISION = "division"  # positions 3-8 are not a 6-digit administrative-division code
    CHECKSUM = "checksum"


@dataclass(frozen=True)
class CreditCodeCheck:
    """Result of checking a credit code: the normalised text and the problem, if any."""

    normalised: str
    problem: CreditCodeProblem | None = None
    position: int | None = None  # 1-based position of a bad character
    expected_check: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def normalise(text: str) -> str:
    """Strip spaces, fold full-width to half-width (NFKC) and upper-case."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split()).upper()


def check_character(first17: str) -> str:
    """The check character for the first 17 characters."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def check(text: str) -> CreditCodeCheck:
    """Check a credit code as typed by a person."""
    code = normalise(text)
    if not code:
        return CreditCodeCheck(code, CreditCodeProblem.EMPTY)
    if len(code) != LENGTH:
        return CreditCodeCheck(code, CreditCodeProblem.LENGTH)
    for i, ch in enumerate(code):
        if ch not in _VALUE:
            return CreditCodeCheck(code, CreditCodeProblem.CHARACTER, position=i + 1)
    for i in range(2, 8):
        if not code[i].isdigit():
            return CreditCodeCheck(code, CreditCodeProblem.DIVISION, position=i + 1)
    expected = check_character(code[:17])
    if code[17] != expected:
        return CreditCodeCheck(code, CreditCodeProblem.CHECKSUM, expected_check=expected)
    return CreditCodeCheck(code)


def is_valid(text: str) -> bool:
    return check(text).ok


def generate(rng: random.Random, region: str = "440300") -> str:
    """A valid code for demo and benchmark data: 9 (enterprise), 1 (company), region, 9-char org code."""
    body = (
        "91"
        + region
        + "".join(rng.choice(ALPHABET[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    )
    body = body[:17]
    return body + check_character(body)
