"""Records in portable form, for offline packages and their three-way merge.

A portable record is plain JSON: columns by attribute name (dates ISO, UUIDs as text, enums
by value, as in the change log), many-to-many links as sorted id lists under ``links.<name>``.
Standards and clauses are loaded from files in every database with their own UUIDs, so a
reference to them travels as ``["standard", key]`` / ``["clause", key, number]`` and is
resolved on arrival.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any

from sqlalchemy import Boolean, Date, Float, Integer, String, Uuid, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.types import JSON

from auditdesk.exchange.errors import PackageRefused
from auditdesk.model import (
    Attachment,
    Audit,
    Auditor,
    AuditSite,
    AuditTeamMember,
    AuditTermination,
    Certificate,
    Clause,
    ClauseJudgement,
    Entity,
    EvidenceItem,
    Licence,
    NCTransition,
    Nonconformity,
    Organisation,
    PersonnelRecord,
    ReportRevision,
    Site,
    Standard,
)
from auditdesk.model.base import UTCDateTime
from auditdesk.storage.changelog import canonical_json, to_plain

# Dependency order: a record's references are created before it.
ENTITIES: tuple[type[Entity], ...] = (
    Organisation,
    Site,
    Licence,
    PersonnelRecord,
    Auditor,
    Certificate,
    Audit,
    AuditTeamMember,
    AuditSite,
    AuditTermination,
    EvidenceItem,
    Nonconformity,
    Attachment,
    NCTransition,
    ClauseJudgement,
    ReportRevision,
)
BY_NAME: dict[str, type[Entity]] = {cls.__tablename__: cls for cls in ENTITIES}
# Bookkeeping columns: travel as record metadata, never merged field by field.
META = frozenset({"id", "version", "created_at", "updated_at"})
# Many-to-many links that travel with a record: attribute -> entity the ids point at.
LINKS: dict[type[Entity], dict[str, str]] = {
    Audit: {"certificates": "certificate"},
    EvidenceItem: {"clauses": "clause"},
    Nonconformity: {"evidence": "evidence_item"},
}
LINK_PREFIX = "links."


def _fk_target(column: Any) -> str | None:
    for fk in column.foreign_keys:
        return str(fk.column.table.name)
    return None


def fields_of(cls: type[Entity]) -> dict[str, Any]:
    """Mergeable column attributes -> their Column."""
    return {a.key: a.columns[0] for a in inspect(cls).column_attrs if a.key not in META}


class Refs:
    """Translates standard and clause UUIDs to portable references and back (cached)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._std_key: dict[uuid.UUID, str] | None = None
        self._clause_ref: dict[uuid.UUID, tuple[str, str]] | None = None

    def _load(self) -> None:
        if self._std_key is None:
            self._std_key = {
                sid: key for sid, key in self.session.execute(select(Standard.id, Standard.key))
            }
            self._clause_ref = {
                cid: (key, num)
                for cid, key, num in self.session.execute(
                    select(Clause.id, Standard.key, Clause.number).join(
                        Standard, Clause.standard_id == Standard.id
                    )
                )
            }
            self._std_id = {v: k for k, v in self._std_key.items()}
            self._clause_id = {v: k for k, v in self._clause_ref.items()}  # type: ignore[union-attr]

    def out(self, target: str, value: uuid.UUID | None) -> Any:
        if value is None:
            return None
        self._load()
        if target == "standard":
            return ["standard", self._std_key[value]]  # type: ignore[index]
        key, number = self._clause_ref[value]  # type: ignore[index]
        return ["clause", key, number]

    def back(self, target: str, value: Any) -> uuid.UUID | None:
        if value is None:
            return None
        self._load()
        if (
            target == "standard"
            and isinstance(value, list)
            and len(value) == 2
            and value[0] == "standard"
        ):
            found = self._std_id.get(value[1])
        elif (
            target == "clause"
            and isinstance(value, list)
            and len(value) == 3
            and value[0] == "clause"
        ):
            found = self._clause_id.get((value[1], value[2]))
        else:
            raise PackageRefused(f"malformed {target} reference {value!r}", "bad_manifest")
        if found is None:
            raise PackageRefused(
                f"this database has no {target} {value[1:]}; load that standard first",
                "unknown_reference",
                reference=value,
            )
        return found


PORTABLE_TARGETS = ("standard", "clause")


def portable(obj: Entity, refs: Refs) -> dict[str, Any]:
    """A record's mergeable fields and links as plain JSON data."""
    cls = type(obj)
    data: dict[str, Any] = {}
    for key, col in fields_of(cls).items():
        value = getattr(obj, key)
        target = _fk_target(col)
        data[key] = refs.out(target, value) if target in PORTABLE_TARGETS else to_plain(value)
    for name, target in LINKS.get(cls, {}).items():
        items = getattr(obj, name)
        if target == "clause":
            data[LINK_PREFIX + name] = sorted(
                (refs.out("clause", i.id) for i in items), key=canonical_json
            )
        else:
            data[LINK_PREFIX + name] = sorted(str(i.id) for i in items)
    return data


def meta(obj: Entity) -> dict[str, Any]:
    return {
        "version": obj.version,
        "created_at": to_plain(obj.created_at),
        "updated_at": to_plain(obj.updated_at),
    }


def _bad(cls: type[Entity], key: str, value: Any) -> PackageRefused:
    return PackageRefused(
        f"{cls.__tablename__}.{key}: value {value!r:.80} is not valid",
        "bad_manifest",
        entity=cls.__tablename__,
        field=key,
    )


def parse_datetime(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError(value)
    parsed = dt.datetime.fromisoformat(value.removesuffix("Z"))
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def from_plain(cls: type[Entity], key: str, column: Any, value: Any, refs: Refs) -> Any:
    """A portable value back to what the column holds; PackageRefused when it cannot be."""
    target = _fk_target(column)
    if target in PORTABLE_TARGETS:
        return refs.back(target, value)  # type: ignore[arg-type]
    if value is None:
        if not column.nullable:
            raise _bad(cls, key, value)
        return None
    t = column.type
    try:
        if isinstance(t, UTCDateTime):
            return parse_datetime(value)
        if isinstance(t, Date):
            if not isinstance(value, str):
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        if isinstance(t, Uuid):
            return uuid.UUID(str(value))
        enum_cls = getattr(t, "enum_class", None)
        if enum_cls is not None and issubclass(enum_cls, enum.Enum):
            return enum_cls(value)
        if isinstance(t, JSON):
            return value
        if isinstance(t, Boolean):
            if not isinstance(value, bool):
                raise ValueError(value)
            return value
        if isinstance(t, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(value)
            return value
        if isinstance(t, Float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(value)
            return float(value)
        if isinstance(t, String):
            if not isinstance(value, str):
                raise ValueError(value)
            if t.length is not None and len(value) > t.length:
                raise ValueError(value)
            return value
    except (ValueError, TypeError, OverflowError):
        raise _bad(cls, key, value) from None
    return value


def link_targets(
    session: Session, cls: type[Entity], name: str, values: Any, refs: Refs
) -> list[Any]:
    """Objects for a link list; PackageRefused when one is unknown."""
    target = LINKS[cls][name]
    if not isinstance(values, list):
        raise _bad(cls, LINK_PREFIX + name, values)
    out: list[Any] = []
    for v in values:
        if target == "clause":
            out.append(session.get(Clause, refs.back("clause", v)))
            continue
        model = BY_NAME[target]
        try:
            obj = session.get(model, uuid.UUID(str(v)))
        except ValueError:
            raise _bad(cls, LINK_PREFIX + name, v) from None
        if obj is None:
            raise PackageRefused(
                f"{cls.__tablename__} links to a {target} {v} that is neither here nor in "
                "the package",
                "unknown_reference",
                reference=v,
            )
        out.append(obj)
    return out
