"""The one catalogue of words for codes: every state, type, role, reason and method code that
a screen or a document shows, with its Chinese and English text, in one place.

The words live in ``resources/words/catalogue.json`` (group -> code -> {"zh", "en"}); the
decisions behind them are in ``resources/words/README.md``. The screens (``ui/labels.py``,
``ui/nc/texts.py``, ``ui/workspace/words.py``) and the documents (``exports/labels.py``) both
look codes up here, so a code reads the same on screen and on paper, in both languages.

Pure: stdlib and ``auditdesk.paths`` only, no Qt, no database; the lowest layer of the
import-linter contract, so every other layer may use it.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Literal

from auditdesk.paths import resource

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = ("zh", "en")


class UnknownGroup(KeyError):
    """A group name that is not in the catalogue (a typo in code, not a missing word)."""


@cache
def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    """The whole catalogue, read once: group -> code -> {"zh": ..., "en": ...}."""
    path = resource("words", "catalogue.json")
    data: dict[str, dict[str, dict[str, str]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def groups() -> list[str]:
    return list(catalogue())


def codes(group: str) -> list[str]:
    """The group's codes in catalogue order (the order screens list them in)."""
    try:
        return list(catalogue()[group])
    except KeyError:
        raise UnknownGroup(group) from None


def has_word(group: str, code: object) -> bool:
    return _raw(code) in catalogue().get(group, {})


def word(group: str, code: object, lang: str) -> str:
    """``code`` (an enum member or its value) in words in ``lang`` ("zh"/"zh_CN" or "en").

    An unknown code is shown as itself, never hidden and never raising: a screen or a document
    must not break on a code added after its words.
    """
    raw = _raw(code)
    entry = catalogue().get(group, {}).get(raw)
    if entry is None:
        return raw
    return entry[language(lang)]


def language(lang: str) -> Language:
    """ "zh", "zh_CN" (Qt's name) -> "zh"; anything else -> "en"."""
    return "zh" if str(lang).lower().startswith("zh") else "en"


def _raw(code: object) -> str:
    value = getattr(code, "value", code)
    return "" if value is None else str(value)
