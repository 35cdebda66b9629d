"""Auditor ID documents (证件号码) for the CNCA audit-plan sheet (市监认证(司)函〔2021〕102号).

- ``id_card``: 居民身份证号码, GB 11643-1999: 17 digits + check (digit or X). Weights
  ``2^(17-i) mod 11`` = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; check = "10X98765432"[sum mod 11].
  Digits 7-14 are the birth date.
- ``passport``: 5-20 letters/digits (no fixed national format).
- ``other``: 港澳台 permits etc.: 5-30 letters/digits.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

ID_CARD = "id_card"
PASSPORT = "passport"
OTHER = "other"
TYPES = (ID_CARD, PASSPORT, OTHER)

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"

# Problem codes
MISSING = "id.missing"
BAD_TYPE = "id.bad_type"
BAD_FORMAT = "id.bad_format"
BAD_CHECKSUM = "id.bad_checksum"
BAD_BIRTH_DATE = "id.bad_birth_date"


def normalise(number: str) -> str:
    """Full-width to half-width, no spaces or invisible characters, letters upper-case."""
    text = unicodedata.normalize("NFKC", number or "")
    return "".join(ch for ch in text if ch.isalnum()).upper()


def id_card_check(first17: str) -> str:
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("need 17 digits")
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def problem(doc_type: str, number: str) -> str | None:
    """None when ``number`` is a valid document number of ``doc_type``, else a problem code."""
    value = normalise(number)
    if not value:
        return MISSING
    if doc_type not in TYPES:
        return BAD_TYPE
    if doc_type == ID_CARD:
        if not re.fullmatch(r"\d{17}[\dX]", value):
            return BAD_FORMAT
        try:
            dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
        except ValueError:
            return BAD_BIRTH_DATE
        if id_card_check(value[:17]) != value[17]:
            return BAD_CHECKSUM
        return None
    limit = 20 if doc_type == PASSPORT else 30
    if not re.fullmatch(rf"[0-9A-Z]{{5,{limit}}}", value):
        return BAD_FORMAT
    return None


def masked(number: str) -> str:
    """For every display and export except the CNCA upload: first 3 and last 4 shown."""
    value = normalise(number)
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
