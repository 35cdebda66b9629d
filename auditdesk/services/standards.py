"""Loading standards (clause libraries) from resources/standards into the database.

An admin can add or update a standard from such a file: clauses are matched by number, so
evidence and judgements that point at a clause keep pointing at it after an update.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import Clause, Standard
from auditdesk.services.standards_library import (
    ClauseDef,
    StandardDef,
    builtin_standard_files,
    load_standard_file,
)


def _flatten(
    clauses: tuple[ClauseDef, ...] | list[ClauseDef], depth: int = 0
) -> list[tuple[ClauseDef, ClauseDef | None, int]]:
    out: list[tuple[ClauseDef, ClauseDef | None, int]] = []

    def walk(
        items: tuple[ClauseDef, ...] | list[ClauseDef], parent: ClauseDef | None, level: int
    ) -> None:
        for c in items:
            out.append((c, parent, level))
            walk(c.children, c, level + 1)

    walk(clauses, None, depth)
    return out


def upsert_standard(
    session: Session, definition: StandardDef, source: str = "", content_hash: str = ""
) -> Standard:
    """Insert or update one standard and its clause tree; returns the Standard row."""
    std = session.scalar(select(Standard).where(Standard.key == definition.key))
    if std is None:
        std = Standard(key=definition.key)
        session.add(std)
    std.code = definition.code
    std.national_code = definition.national_code or ""
    std.scheme = definition.scheme
    std.edition = definition.edition
    std.title_zh = definition.title_zh
    std.title_en = definition.title_en
    std.aliases = list(definition.aliases)
    std.surveillance_must_cover = list(definition.surveillance_must_cover)
    std.source_file = source
    std.content_hash = content_hash
    session.flush()
    existing = {
        c.number: c for c in session.scalars(select(Clause).where(Clause.standard_id == std.id))
    }
    by_number: dict[str, Clause] = {}
    for order, (cdef, _parent, depth) in enumerate(_flatten(definition.clauses)):
        clause = existing.get(cdef.number)
        if clause is None:
            clause = Clause(standard_id=std.id, number=cdef.number)
            session.add(clause)
        clause.title_zh = cdef.title_zh
        clause.title_en = cdef.title_en
        clause.prompts = [{"zh": p.zh, "en": p.en} for p in cdef.prompts]
        clause.sort_order = order
        clause.depth = depth
        clause.parent_id = None
        by_number[cdef.number] = clause
    session.flush()
    for cdef, parent, _depth in _flatten(definition.clauses):
        if parent is not None:
            by_number[cdef.number].parent_id = by_number[parent.number].id
    session.flush()
    return std


def load_standard_from_file(session: Session, path: Path) -> Standard:
    """Admin action: add or update a standard from a JSON file (validated first)."""
    definition = load_standard_file(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return upsert_standard(session, definition, source=path.name, content_hash=digest)


def add_or_update_standard(session: Session, path: Path) -> Standard:
    """The admin's action (GUI and CLI): the role is checked, then the file is validated in full
    before anything is written (a bad file raises StandardFileError and changes nothing)."""
    from auditdesk.services.users import Permission, require

    require(session, Permission.EDIT_SETTINGS)
    std = load_standard_from_file(session, Path(path))
    session.expire(std, ["clauses"])
    return std


def load_builtin_standards(session: Session) -> list[Standard]:
    return [load_standard_from_file(session, p) for p in builtin_standard_files()]


def list_standards(session: Session) -> list[Standard]:
    return list(
        session.scalars(select(Standard).where(Standard.archived.is_(False)).order_by(Standard.key))
    )


def standard_by_key(session: Session, key: str) -> Standard | None:
    return session.scalar(select(Standard).where(Standard.key == key))
