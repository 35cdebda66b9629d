"""The shipped standards library: one JSON file per standard edition, read into frozen dataclasses.

Pure loader (no database, no Qt): the DB-loading service builds on top of it.

File format ``auditdesk-standard/1`` (see resources/standards/*.json)::

    {"format": "auditdesk-standard/1", "code": "ISO 9001:2015", "key": "ISO9001:2015",
     "scheme": "QMS", "national_code": "GB/T 19001-2016", "title_en": ..., "title_zh": ...,
     "edition": "2015", "aliases": [...], "note": optional str,
     "surveillance_must_cover": ["9.2", "9.3", ..., "marks"],
     "clauses": [{"number": "4", "title_en": ..., "title_zh": ...,
                  "prompts": [{"en": ..., "zh": ...}], "children": [...]}]}

A child's number is its parent's number plus one more dotted component ("7.1" -> "7.1.5";
Annex A controls "A.5" -> "A.5.1"). ``surveillance_must_cover`` holds clause numbers of the
file, or the pseudo-item ``"marks"`` (use of marks and certificate references, ISO/IEC 17021-1
9.6.2.2).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, overload

from auditdesk.paths import resource

FORMAT_TAG = "auditdesk-standard/1"
MARKS_ITEM = "marks"
SCHEMES = frozenset({"QMS", "EMS", "OHSMS", "ISMS", "ITSMS", "EnMS", "FSMS", "ABMS", "CMS"})

__all__ = [
    "FORMAT_TAG",
    "MARKS_ITEM",
    "ClauseDef",
    "Prompt",
    "StandardDef",
    "StandardFileError",
    "builtin_standard_files",
    "load_builtin_standards",
    "load_standard_file",
    "match_standard",
    "normalise_standard_text",
    "parse_standard",
]


class StandardFileError(ValueError):
    """A standard file cannot be used; ``message`` says why."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class Prompt:
    """An evidence prompt: what an auditor typically looks at for a clause."""

    en: str
    zh: str


@dataclass(frozen=True)
class ClauseDef:
    number: str
    title_en: str
    title_zh: str
    prompts: tuple[Prompt, ...] = ()
    children: tuple[ClauseDef, ...] = ()

    def walk(self) -> Iterator[ClauseDef]:
        """This clause and all its descendants, depth first in file order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class StandardDef:
    code: str
    key: str
    scheme: str
    national_code: str | None
    title_en: str
    title_zh: str
    edition: str
    aliases: tuple[str, ...]
    clauses: tuple[ClauseDef, ...]
    surveillance_must_cover: tuple[str, ...] = ()
    note: str | None = None
    source: Path | None = field(default=None, compare=False)

    def walk(self) -> Iterator[ClauseDef]:
        """Every clause of the standard, depth first in file order."""
        for clause in self.clauses:
            yield from clause.walk()

    def clause_numbers(self) -> list[str]:
        return [c.number for c in self.walk()]

    def clause(self, number: str) -> ClauseDef | None:
        for c in self.walk():
            if c.number == number:
                return c
        return None

    def has_clause(self, number: str) -> bool:
        return self.clause(number) is not None

    def parent_number(self, number: str) -> str | None:
        """The number of the clause directly above ``number``, None for a top-level clause."""
        head, sep, _ = number.rpartition(".")
        if not sep or head == "A":
            return None
        return head


# --------------------------------------------------------------------------- parsing

_NUMBER_RE = re.compile(r"^(?:A\.)?\d+(?:\.\d+)*$")


@overload
def _text(
    path: Path, obj: dict, key: str, where: str, *, required: Literal[True] = True
) -> str: ...
@overload
def _text(
    path: Path, obj: dict, key: str, where: str, *, required: Literal[False]
) -> str | None: ...
def _text(path: Path, obj: dict, key: str, where: str, *, required: bool = True) -> str | None:
    value = obj.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise StandardFileError(path, f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _parse_prompts(path: Path, raw: object, where: str) -> tuple[Prompt, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise StandardFileError(path, f"{where}: 'prompts' must be a list")
    prompts = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise StandardFileError(
                path, f"{where}: prompt {i + 1} must be an object with 'en' and 'zh'"
            )
        prompts.append(
            Prompt(
                en=_text(path, item, "en", f"{where} prompt {i + 1}"),
                zh=_text(path, item, "zh", f"{where} prompt {i + 1}"),
            )
        )
    return tuple(prompts)


def _parse_clause(path: Path, raw: object, parent: str | None, seen: set[str]) -> ClauseDef:
    where = f"clause under {parent}" if parent else "top-level clause"
    if not isinstance(raw, dict):
        raise StandardFileError(path, f"{where}: must be an object")
    number = raw.get("number")
    if not isinstance(number, str) or not _NUMBER_RE.match(number.strip()):
        raise StandardFileError(path, f"{where}: bad clause number {number!r}")
    number = number.strip()
    where = f"clause {number}"
    if number in seen:
        raise StandardFileError(path, f"duplicate clause number {number}")
    seen.add(number)
    if parent is not None:
        head, _, tail = number.rpartition(".")
        if head != parent or not tail:
            raise StandardFileError(
                path, f"clause {number} is not numbered under its parent {parent}"
            )
    elif number.count(".") > (1 if number.startswith("A.") else 0):
        raise StandardFileError(
            path, f"clause {number} is at top level but its number has a parent"
        )
    title_en = _text(path, raw, "title_en", where)
    title_zh = _text(path, raw, "title_zh", where)
    prompts = _parse_prompts(path, raw.get("prompts"), where)
    raw_children = raw.get("children", [])
    if not isinstance(raw_children, list):
        raise StandardFileError(path, f"{where}: 'children' must be a list")
    children = tuple(_parse_clause(path, c, number, seen) for c in raw_children)
    return ClauseDef(
        number=number, title_en=title_en, title_zh=title_zh, prompts=prompts, children=children
    )


def parse_standard(data: object, path: Path | str = "<memory>") -> StandardDef:
    """Validate an already-decoded standard document; raises StandardFileError."""
    path = Path(path)
    if not isinstance(data, dict):
        raise StandardFileError(path, "top level must be a JSON object")
    tag = data.get("format")
    if tag != FORMAT_TAG:
        raise StandardFileError(path, f"wrong format tag {tag!r}, expected {FORMAT_TAG!r}")
    head = "standard"
    code = _text(path, data, "code", head)
    key = _text(path, data, "key", head)
    scheme = _text(path, data, "scheme", head)
    if scheme not in SCHEMES:
        raise StandardFileError(path, f"unknown scheme {scheme!r}")
    edition = _text(path, data, "edition", head)
    if not re.fullmatch(r"\d{4}", edition):
        raise StandardFileError(path, f"edition must be a 4-digit year, got {edition!r}")
    aliases = data.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise StandardFileError(path, "'aliases' must be a list of non-empty strings")
    raw_clauses = data.get("clauses")
    if not isinstance(raw_clauses, list) or not raw_clauses:
        raise StandardFileError(path, "'clauses' must be a non-empty list")
    seen: set[str] = set()
    clauses = tuple(_parse_clause(path, c, None, seen) for c in raw_clauses)
    must = data.get("surveillance_must_cover", [])
    if not isinstance(must, list) or not all(isinstance(m, str) for m in must):
        raise StandardFileError(path, "'surveillance_must_cover' must be a list of clause numbers")
    for item in must:
        if item != MARKS_ITEM and item not in seen:
            raise StandardFileError(path, f"surveillance_must_cover names unknown clause {item}")
    return StandardDef(
        code=code,
        key=key,
        scheme=scheme,
        national_code=_text(path, data, "national_code", head, required=False),
        title_en=_text(path, data, "title_en", head),
        title_zh=_text(path, data, "title_zh", head),
        edition=edition,
        aliases=tuple(a.strip() for a in aliases),
        clauses=clauses,
        surveillance_must_cover=tuple(must),
        note=_text(path, data, "note", head, required=False),
        source=path,
    )


def load_standard_file(path: Path | str) -> StandardDef:
    """Read and validate one standard file; raises StandardFileError with the reason."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StandardFileError(path, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise StandardFileError(
            path, f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        ) from exc
    return parse_standard(data, path)


def builtin_standard_files() -> list[Path]:
    """The shipped standard files, sorted by name."""
    return sorted(resource("standards").glob("*.json"))


def load_builtin_standards() -> list[StandardDef]:
    """Every shipped standard; raises StandardFileError on the first bad file or a duplicate key."""
    defs: list[StandardDef] = []
    keys: set[str] = set()
    for path in builtin_standard_files():
        d = load_standard_file(path)
        if d.key in keys:
            raise StandardFileError(path, f"duplicate standard key {d.key}")
        keys.add(d.key)
        defs.append(d)
    return defs


# --------------------------------------------------------------------------- matching

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"), "-")
_ISO_RE = re.compile(
    r"iso(?:/iec|/ts|iec)?/?-?(\d{4,5})(?:-\d{1,2}(?=[:\-]\d{4}|$|[^\d]))?(?:[:\-](\d{4}))?"
)
_GB_RE = re.compile(r"gb(?:/t|t)?-?(\d{4,5})(?:\.\d+)?(?:-(\d{4}))?")


def normalise_standard_text(text: str) -> str:
    """NFKC (full-width to half-width), unify dashes, lower-case, drop whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).lower()
    # "ISO 9001 2015" / "GB/T 19001 2016": a year separated only by spaces becomes ":" / "-".
    text = re.sub(r"(iso(?:\s*/\s*iec)?\s*\d{4,5})\s+((?:19|20)\d{2})(?!\d)", r"\1:\2", text)
    text = re.sub(r"(gb\s*(?:/\s*t)?\s*\d{4,5})\s+((?:19|20)\d{2})(?!\d)", r"\1-\2", text)
    return re.sub(r"\s+", "", text)


def _number_of(code: str, pattern: re.Pattern[str]) -> tuple[str, str | None] | None:
    m = pattern.search(normalise_standard_text(code))
    return (m.group(1), m.group(2)) if m else None


def _pick(candidates: list[StandardDef], edition: str | None, attr: str) -> StandardDef | None:
    if edition is not None:
        exact = [d for d in candidates if getattr(d, attr) == edition]
        return exact[0] if exact else None
    if not candidates:
        return None
    # No edition written: the newest edition of that standard.
    return max(candidates, key=lambda d: getattr(d, attr) or "")


def match_standard(
    text: str, defs: Sequence[StandardDef] | Iterable[StandardDef]
) -> StandardDef | None:
    """The standard a person meant by ``text`` ("GB/T19001-2016/ISO9001:2015", "iso9001",
    "ISO/IEC 27001:2022", "ＧＢ／Ｔ ２４００１－２０１６", ...), or None.

    An exact alias wins; otherwise the first ISO or GB/T number in the text decides, and a
    written year must equal the edition (ISO) or the national standard's year (GB/T). Without
    a year the newest loaded edition is chosen.
    """
    defs = list(defs)
    if not text or not text.strip():
        return None
    norm = normalise_standard_text(text)
    for d in defs:
        if norm in {normalise_standard_text(n) for n in (d.code, d.key, d.national_code or "")}:
            return d
    # An alias without a year may be shared by several editions of one standard.
    alias_hits = [d for d in defs if norm in {normalise_standard_text(a) for a in d.aliases}]
    if alias_hits:
        iso = _ISO_RE.fullmatch(norm)
        return _pick(alias_hits, iso.group(2) if iso else None, "edition")

    found: list[tuple[int, str, str, str | None]] = []  # (position, kind, number, year)
    for m in _ISO_RE.finditer(norm):
        found.append((m.start(), "iso", m.group(1), m.group(2)))
    for m in _GB_RE.finditer(norm):
        found.append((m.start(), "gb", m.group(1), m.group(2)))
    for _, kind, number, year in sorted(found):
        if kind == "iso":
            cands = [d for d in defs if (_number_of(d.code, _ISO_RE) or ("", None))[0] == number]
            hit = _pick(cands, year, "edition")
        else:
            cands = []
            for d in defs:
                nat = _number_of(d.national_code or "", _GB_RE)
                if nat and nat[0] == number:
                    cands.append(d)
            if year is not None:
                hit = next(
                    (
                        d
                        for d in cands
                        if (_number_of(d.national_code or "", _GB_RE) or ("", None))[1] == year
                    ),
                    None,
                )
            else:
                hit = _pick(cands, None, "edition")
        if hit is not None:
            return hit
    return None
