"""Reading values as people type them into spreadsheets: dates in many forms, full-width
characters, stray spaces, numbers stored as text. Each parser returns a value or raises
``BadValue(reason)``."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from auditdesk.model import CertificateStatus


class BadValue(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")
MIN_YEAR, MAX_YEAR = 1980, 2100


def clean_text(value: Any) -> str:
    """NFKC (full-width to half-width), collapse whitespace, strip. None -> ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value))
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return " ".join(text.split())


def is_blank(value: Any) -> bool:
    return clean_text(value) == ""


def _checked(year: int, month: int, day: int) -> dt.date:
    try:
        d = dt.date(year, month, day)
    except ValueError:
        raise BadValue("invalid_date") from None
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise BadValue("implausible_date")
    return d


def parse_date(value: Any) -> dt.date:
    """Excel dates and serial numbers, 2026-03-15, 2026/3/15, 2026.3.15, 2026年3月15日, 20260315."""
    if isinstance(value, dt.datetime):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise BadValue("invalid_date")
    if isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            raise BadValue("invalid_date")
        n = int(value)
        if 19000101 <= n <= 29991231:
            return _checked(n // 10000, n // 100 % 100, n % 100)
        if 1 <= n <= 2958465:
            d = EXCEL_EPOCH + dt.timedelta(days=n)
            return _checked(d.year, d.month, d.day)
        raise BadValue("invalid_date")
    text = clean_text(value)
    m = _DATE_RE.fullmatch(text) or _COMPACT_RE.fullmatch(text)
    if not m:
        raise BadValue("invalid_date")
    return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def parse_count(value: Any) -> int:
    """A whole, non-negative number: 120, 120.0, '１２０', '120人'."""
    if isinstance(value, bool):
        raise BadValue("not_a_number")
    if isinstance(value, float):
        if value != value or not value.is_integer():
            raise BadValue("not_a_whole_number")
        value = int(value)
    if isinstance(value, int):
        n = value
    else:
        text = clean_text(value).replace(",", "").removesuffix("人").strip()
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise BadValue("not_a_number")
        n = int(text)
    if n < 0:
        raise BadValue("negative")
    if n > 10_000_000:
        raise BadValue("implausible_number")
    return n


_TECH_CODE_RE = re.compile(r"\d{2}(?:\.\d{2}){0,2}")


def parse_technical_codes(value: Any) -> str:
    """'19.05.01，29.10.00、 04.01' -> '19.05.01,29.10.00,04.01'."""
    text = clean_text(value)
    if not text:
        return ""
    parts = [p for p in re.split(r"[,;、\s/|]+", text) if p]
    for p in parts:
        if not _TECH_CODE_RE.fullmatch(p):
            raise BadValue("invalid_technical_code")
    return ",".join(dict.fromkeys(parts))


_STATUS_WORDS = {
    CertificateStatus.VALID: ("有效", "保持", "正常", "valid", "active", "maintained"),
    CertificateStatus.SUSPENDED: ("暂停", "suspended", "suspend"),
    CertificateStatus.WITHDRAWN: ("撤销", "撤消", "withdrawn", "revoked", "withdraw"),
    CertificateStatus.EXPIRED: ("过期", "失效", "到期", "已过期", "expired"),
    CertificateStatus.CANCELLED: ("注销", "已注销", "cancelled", "canceled", "cancel"),
}
_STATUS = {word: status for status, words in _STATUS_WORDS.items() for word in words}


def parse_status(value: Any) -> CertificateStatus:
    text = clean_text(value).lower()
    if not text:
        return CertificateStatus.VALID
    status = _STATUS.get(text) or _STATUS.get(text.removeprefix("已"))
    if status is None:
        raise BadValue("unknown_status")
    return status


def normalise_key(text: str) -> str:
    """For comparing identifiers people type: NFKC, no spaces, upper-case."""
    return "".join(clean_text(text).split()).upper()
