"""How search splits a text into tokens: Latin words, CJK bigrams, single CJK characters.

Shared by the SQLite FTS5 index (search.py) and the PostgreSQL tsvector one (search_pg.py), so
neither imports the other to ask (no import cycle). Pure: ``re`` only.
"""

from __future__ import annotations

import re

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+", re.UNICODE)
_IS_CJK = re.compile(rf"[{_CJK}]")


def tokenise(value: str) -> tuple[str, str]:
    """(grams, chars) columns for a text."""
    grams: list[str] = []
    chars: list[str] = []
    for token in _TOKEN.findall(value or ""):
        if _IS_CJK.match(token):
            chars.extend(token)
            if len(token) == 1:
                grams.append(token)
            else:
                grams.extend(token[i : i + 2] for i in range(len(token) - 1))
        else:
            grams.append(token.lower())
    return " ".join(grams), " ".join(chars)
