"""What the conflict screen shows: each open conflict as a row in the user's words, with every
concurrent value (who wrote it, when and where), and the held refused changes.

A ``MergeConflict`` row keeps the value here and *one* incoming value; when three or more
replicas (the office and two laptops, or three laptops) wrote the same field concurrently, the
field's causal register holds all of them as siblings (``exchange.causal.register``). The
conflict screen lists those siblings, so a lead sees every value before keeping one or writing
a combined one. A row made before the causal merge (no register) falls back to the row's two
values.

``where`` is the replica that wrote the value: this database, or another replica named by the
start of its id (replicas carry no human name yet; the writer's name and the time usually tell
the laptop).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from auditdesk.exchange import conflicts as service
from auditdesk.exchange.causal import ARCHIVED, FieldKey, Replica, state_key
from auditdesk.exchange.causal import store as causal_store
from auditdesk.exchange.sync_db import ARCHIVE_FIELD
from auditdesk.model import MergeConflict


@dataclass(frozen=True)
class ConcurrentValue:
    value: Any  # plain, as it travels (what a resolution writes back)
    text: str  # as the screen shows it
    by: str  # the writer's display name
    at: str  # local time, minutes
    where: str  # "this database" or "replica 3f2a1b9c"
    live: bool  # the value the record shows now


def shown(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _local_time(iso: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso[:16].replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def where_text(replica: str, here: str) -> str:
    if replica == here:
        return QCoreApplication.translate("Conflicts", "this database")
    return QCoreApplication.translate("Conflicts", "replica %1").replace("%1", replica[:8])


def load_replica(session: Any) -> Replica:
    return causal_store.load(session)


def concurrent_values(
    session: Any, conflict: MergeConflict, replica: Replica
) -> list[ConcurrentValue]:
    """The conflict's values, one per concurrent write, earliest first; the live value (what
    the record shows) is marked. A value two replicas wrote alike is listed once."""
    local = service.decoded(conflict.local_value)
    archive = conflict.field == ARCHIVE_FIELD
    key = (
        state_key(conflict.entity, conflict.entity_id)
        if archive
        else FieldKey(conflict.entity, conflict.entity_id, conflict.field)
    )
    out: list[ConcurrentValue] = []
    seen_values: list[Any] = []
    for entry in sorted(replica.siblings(key), key=lambda e: (e.at, e.dot)):
        value = (entry.value == ARCHIVED) if archive else entry.value
        if value in seen_values:
            continue
        seen_values.append(value)
        out.append(
            ConcurrentValue(
                value=value,
                text=shown(value),
                by=_name(session, conflict, entry.author),
                at=_local_time(entry.at),
                where=where_text(entry.dot.replica, replica.id),
                live=value == local,
            )
        )
    if len(out) >= 2:
        return out
    # No register (a conflict of the snapshot merge) or one value left: the row's own two.
    incoming = service.decoded(conflict.incoming_value)
    at = conflict.at.astimezone().strftime("%Y-%m-%d %H:%M") if conflict.at else ""
    here = QCoreApplication.translate("Conflicts", "this database")
    return [
        ConcurrentValue(local, shown(local), "", "", here, True),
        ConcurrentValue(
            incoming,
            shown(incoming),
            _name(session, conflict, conflict.incoming_by),
            at,
            QCoreApplication.translate("Conflicts", "package %1").replace(
                "%1", conflict.package or "?"
            ),
            False,
        ),
    ]


def _name(session: Any, conflict: MergeConflict, username: str) -> str:
    """The writer's display name (the service's description of the conflict names people)."""
    probe = MergeConflict(
        entity=conflict.entity,
        entity_id=conflict.entity_id,
        field=conflict.field,
        incoming_by=username,
    )
    return service.describe(session, probe).incoming_by_name


def _shown(text: str | None) -> str:
    value = service.decoded(text)
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


# What kind of record a conflict is in, in the auditor's words (the table's name is a code).
KINDS = {
    "evidence_item": QT_TRANSLATE_NOOP("Conflicts", "Evidence"),
    "nonconformity": QT_TRANSLATE_NOOP("Conflicts", "Nonconformity"),
    "audit": QT_TRANSLATE_NOOP("Conflicts", "Audit"),
    "clause_judgement": QT_TRANSLATE_NOOP("Conflicts", "Clause judgement"),
    "organisation": QT_TRANSLATE_NOOP("Conflicts", "Client"),
    "certificate": QT_TRANSLATE_NOOP("Conflicts", "Certificate"),
    "site": QT_TRANSLATE_NOOP("Conflicts", "Site"),
    "attachment": QT_TRANSLATE_NOOP("Conflicts", "Attachment"),
}
FIELDS = {
    "description": QT_TRANSLATE_NOOP("Conflicts", "Description"),
    "references": QT_TRANSLATE_NOOP("Conflicts", "References"),
    "interviewee_role": QT_TRANSLATE_NOOP("Conflicts", "Interviewee"),
    "department": QT_TRANSLATE_NOOP("Conflicts", "Department"),
    "observed_at": QT_TRANSLATE_NOOP("Conflicts", "Observed at"),
    "evidence_type": QT_TRANSLATE_NOOP("Conflicts", "Evidence type"),
    "judgement": QT_TRANSLATE_NOOP("Conflicts", "Judgement"),
    "note": QT_TRANSLATE_NOOP("Conflicts", "Judgement note"),
    "statement": QT_TRANSLATE_NOOP("Conflicts", "Finding"),
    "requirement": QT_TRANSLATE_NOOP("Conflicts", "Requirement"),
    "evidence_text": QT_TRANSLATE_NOOP("Conflicts", "Objective evidence"),
    "number": QT_TRANSLATE_NOOP("Conflicts", "Number"),
    "state": QT_TRANSLATE_NOOP("Conflicts", "State"),
    "grade": QT_TRANSLATE_NOOP("Conflicts", "Grade"),
    "caption": QT_TRANSLATE_NOOP("Conflicts", "Caption"),
    "archived": QT_TRANSLATE_NOOP("Conflicts", "Archived"),
    "name_zh": QT_TRANSLATE_NOOP("Conflicts", "Name (Chinese)"),
    "name_en": QT_TRANSLATE_NOOP("Conflicts", "Name (English)"),
    "expiry_date": QT_TRANSLATE_NOOP("Conflicts", "Expiry date"),
    "closed_on": QT_TRANSLATE_NOOP("Conflicts", "Closed on"),
}


def _words(table: dict[str, object], code: str) -> str:
    text = table.get(code)
    return QCoreApplication.translate("Conflicts", str(text)) if text else code


def place_text(place: service.ConflictPlace) -> str:
    """ "Evidence E12 · clause 7.1.5 · audit 2026-0075 · 保定康益医疗器械有限公司" """
    parts = [f"{_words(KINDS, place.kind)} {place.label}".strip()]
    if place.clauses:
        parts.append(
            QCoreApplication.translate("Conflicts", "clause %1").replace(
                "%1", ", ".join(place.clauses)
            )
        )
    if place.audit_number:
        parts.append(
            QCoreApplication.translate("Conflicts", "audit %1").replace("%1", place.audit_number)
        )
    if place.client:
        parts.append(place.client)
    return " · ".join(parts)


def load_rows(database: Any) -> list[dict[str, Any]]:
    """One row per open conflict, with ``values``: every concurrent value (conflict_values)."""
    with database.session() as s:
        rows = []
        conflicts = service.list_conflicts(s)
        replica = load_replica(s) if conflicts else None
        for c in conflicts:
            place = service.describe(s, c)
            values = concurrent_values(s, c, replica) if replica is not None else []
            others = [v for v in values if not v.live]
            rows.append(
                {
                    "seq": c.seq,
                    "entity": place_text(place),
                    "field": _words(FIELDS, c.field),
                    "local": _shown(c.local_value),
                    "incoming": _shown(c.incoming_value),
                    "incoming_value": service.decoded(c.incoming_value),
                    "incoming_by": place.incoming_by_name,
                    "values": values,
                    "values_text": " | ".join(v.text for v in others),
                    "writers": ", ".join(dict.fromkeys(v.by for v in values if v.by)),
                    "at": c.at.astimezone().strftime("%Y-%m-%d %H:%M") if c.at else "",
                }
            )
        return rows


def load_refused(database: Any) -> list[dict[str, Any]]:
    """The held refused changes as rows (one per key; its values joined)."""
    from auditdesk.exchange.sync_db import list_refused
    from auditdesk.model import MergeConflict

    with database.session() as s:
        rows = []
        for held in list_refused(s):
            by = held.values[0][1] if held.values else ""
            place = service.describe(
                s,
                MergeConflict(
                    entity=held.entity, entity_id=held.record, field=held.field, incoming_by=by
                ),
            )
            rows.append(
                {
                    "ref": held.ref,
                    "entity": place_text(place),
                    "field": _words(FIELDS, held.field),
                    "value": " | ".join(
                        v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                        for v, *_ in held.values
                    ),
                    "by": place.incoming_by_name,
                    "at": ", ".join(at[:16].replace("T", " ") for _v, _b, at, _r in held.values),
                }
            )
        return rows
