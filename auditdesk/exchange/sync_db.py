"""This database as a replica of the causal core (``exchange.causal``): local writes in,
merged changes out, and the rules of a local write applied to every merged change.

- ``capture``: the local writes. Every change of a record is in the change log (who, when,
  field); ``capture`` compares each synced record's stored fields and links with the live
  values of its registers and records each difference as a write of this replica — its dot
  ``(replica, counter)``, author and time taken from the change log's last row for that
  field. Intermediate values a later local write overwrote need no dot of their own (a write
  supersedes what it saw), so capturing at export/import time, in the same transaction as the
  package, records exactly the writes the merge needs. Links are facts: a link present here
  and not live is a ``link`` write, a live link gone here an ``unlink`` tombstone; the
  ``archived`` flag is the record's ``@state`` (archive-vs-edit is a conflict).
- ``apply``: after a merge, writes the live value of every key it touched to the records
  (creating the records that arrive), keeps the value stored here for a field in conflict
  and opens one ``MergeConflict`` row per conflicted field for the conflict screen; a conflict
  a travelling resolution settled is marked resolved with the resolver's name.
- ``policy``: the merge policy — the author's role (the office's accounts), the lock of an
  issued audit and the NC lifecycle, as ``services`` check a local write. A refused change is
  held in the replica (``held``), visible to a lead/admin who accepts or drops it
  (``refused_changes``, ``accept_refused``, ``drop_refused``).
"""

from __future__ import annotations

import json
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.exchange.causal import (
    Change,
    FieldConflict,
    FieldKey,
    Key,
    LinkKey,
    Package,
    Refusal,
    Replica,
)
from auditdesk.exchange.causal.conflicts import ArchiveConflict, Conflict
from auditdesk.exchange.causal.keys import sort_key, state_key
from auditdesk.exchange.errors import PackageRefused
from auditdesk.exchange.nc_numbers import ENTITY as NC_ENTITY
from auditdesk.exchange.nc_numbers import FIELD as NC_FIELD
from auditdesk.exchange.nc_numbers import RENUMBER, Renumbered
from auditdesk.exchange.records import (
    BY_NAME,
    LINK_PREFIX,
    LINKS,
    Refs,
    _fk_target,
    fields_of,
    link_targets,
    portable,
)
from auditdesk.exchange.records import from_plain as value_from_plain
from auditdesk.model import (
    Audit,
    ChangeLogEntry,
    Entity,
    MergeConflict,
    NCTransition,
    Nonconformity,
    User,
    utcnow,
)
from auditdesk.rules import nc_lifecycle
from auditdesk.services.users import _NEEDS, _RANK, Permission, current_username
from auditdesk.storage.changelog import canonical_json, to_plain

ARCHIVE_FIELD = "archived"
ORDER = {name: i for i, name in enumerate(BY_NAME)}


def _same(a: Any, b: Any) -> bool:
    return canonical_json(a) == canonical_json(b)


def _now() -> str:
    return str(to_plain(utcnow()))


def link_name(entity: str, name: str) -> str:
    return f"{entity}.{name}"


def _link_parts(key: LinkKey) -> tuple[str, str] | None:
    entity, _, name = key.name.partition(".")
    if entity in BY_NAME and name in LINKS.get(BY_NAME[entity], {}):
        return entity, name
    return None


def _target_text(target: str, item: Any, refs: Refs) -> str:
    if target == "clause":
        return canonical_json(refs.out("clause", item.id))
    return str(item.id)


def _target_plain(target: str, text: str) -> Any:
    return json.loads(text) if target == "clause" else text


# --------------------------------------------------------------------------- capture


def _writers(
    session: Session, records: list[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, tuple[str, str]]]:
    """(entity, id) → field → (user, at) of the last change-log row for it."""
    out: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    ids = sorted({rid for _, rid in records})
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(
                ChangeLogEntry.entity,
                ChangeLogEntry.entity_id,
                ChangeLogEntry.field,
                ChangeLogEntry.user,
                ChangeLogEntry.at,
            )
            .where(ChangeLogEntry.entity_id.in_(ids[i : i + 500]))
            .order_by(ChangeLogEntry.seq)
        )
        for entity, rid, name, user, at in rows:
            out.setdefault((entity, rid), {})[name or "*"] = (user or "system", str(to_plain(at)))
    return out


def _link_index(replica: Replica) -> dict[tuple[str, str], set[str]]:
    index: dict[tuple[str, str], set[str]] = {}
    for key in replica.registers:
        if isinstance(key, LinkKey) and replica.linked(key):
            index.setdefault((key.name, key.source), set()).add(key.target)
    return index


def capture(session: Session, replica: Replica, records: Iterable[Entity]) -> int:
    """Record the local writes of ``records`` not yet in ``replica``; how many writes."""
    records = [r for r in records if type(r).__tablename__ in BY_NAME]
    refs = Refs(session)
    links = _link_index(replica)
    writers = _writers(session, [(type(r).__tablename__, str(r.id)) for r in records])
    fallback = (current_username(session), _now())
    written = 0
    for obj in records:
        cls = type(obj)
        entity, rid = cls.__tablename__, str(obj.id)
        who = writers.get((entity, rid), {})

        def author(name: str, who: dict[str, tuple[str, str]] = who) -> tuple[str, str]:
            return who.get(name) or who.get("@" + name) or who.get("*") or fallback

        data = portable(obj, refs)
        archived_here = bool(data.pop(ARCHIVE_FIELD, False))
        changed: dict[str, Any] = {}
        for f, v in data.items():
            if f.startswith(LINK_PREFIX):
                continue
            siblings = replica.siblings(FieldKey(entity, rid, f))
            if not siblings or not any(_same(e.value, v) for e in siblings):
                changed[f] = v
        was_archived = replica.archived(entity, rid)
        if changed and was_archived:
            replica.restore(entity, rid, *author(ARCHIVE_FIELD))
            written += 1
        for f, v in changed.items():
            replica.set(FieldKey(entity, rid, f), v, *author(f))
            written += 1
        for name, target in LINKS.get(cls, {}).items():
            lname = link_name(entity, name)
            here = {_target_text(target, item, refs) for item in getattr(obj, name)}
            live = links.get((lname, rid), set())
            for t in sorted(here - live):
                replica.link(LinkKey(lname, rid, t), *author(name))
                written += 1
            for t in sorted(live - here):
                replica.unlink(LinkKey(lname, rid, t), *author(name))
                written += 1
        if archived_here and (not replica.archived(entity, rid) or changed and was_archived):
            replica.archive(entity, rid, *author(ARCHIVE_FIELD))
            written += 1
        elif not archived_here and replica.archived(entity, rid):
            replica.restore(entity, rid, *author(ARCHIVE_FIELD))
            written += 1
    return written


def scope_of(records: Iterable[Entity]) -> Callable[[Key], bool]:
    """The keys of ``records`` (their fields, state and links): what a package of some audits
    carries (``package.collect_records``); other changes wait for a package that covers them."""
    refs = {(type(r).__tablename__, str(r.id)) for r in records}

    def in_scope(key: Key) -> bool:
        if isinstance(key, FieldKey):
            return key.record_ref in refs
        parts = _link_parts(key)
        return parts is not None and (parts[0], key.source) in refs

    return in_scope


# --------------------------------------------------------------------------- apply


@dataclass
class Applied:
    created: int = 0
    updated: int = 0
    # NCs moved to another number because another NC had theirs (each also a conflict and a
    # step in the NC's history): a client may hold the old number on a printed form.
    moves: list[Any] = field(default_factory=list)


def _record_keys(replica: Replica) -> dict[tuple[str, str], list[FieldKey]]:
    out: dict[tuple[str, str], list[FieldKey]] = {}
    for key in replica.registers:
        if isinstance(key, FieldKey):
            out.setdefault(key.record_ref, []).append(key)
    return out


# Stamps written with every save of a record (when it was judged): two laptops' stamps are no
# note to lose, so concurrent ones show the latest, the same everywhere, with no conflict row.
LATEST_WINS = frozenset({("clause_judgement", "judged_at")})


def _choose(replica: Replica, key: FieldKey, here: Any, exists: bool) -> Any:
    """The value a record holds for ``key``: the one live value, or for a conflict the value
    stored here when it is one of the siblings (else the sibling of the highest dot)."""
    siblings = replica.siblings(key)
    if not siblings:
        return here
    if (key.entity, key.field) in LATEST_WINS and len(siblings) > 1:
        stamps = [e.value for e in siblings if e.value is not None]
        return max(stamps, key=str) if stamps else None
    if exists and any(_same(e.value, here) for e in siblings):
        return here
    return max(siblings, key=lambda e: e.dot).value


def _check_references(session: Session, cls: type[Entity], values: dict[str, Any]) -> None:
    cols = fields_of(cls)
    for name, value in values.items():
        target = _fk_target(cols[name]) if name in cols else None
        if target in BY_NAME and value is not None and session.get(BY_NAME[target], value) is None:
            raise PackageRefused(
                f"{cls.__tablename__}.{name} points at a {target} {value} that is neither "
                "here nor in the package",
                "unknown_reference",
            )


def _temporary_number(rid: str) -> str:
    return f"~{uuid.UUID(rid).hex}"


def apply(
    session: Session, replica: Replica, touched: Iterable[Key], label: str = "", by: str = ""
) -> Applied:
    """Write the live values of ``touched`` keys into the records (see the module notes)."""
    refs = Refs(session)
    result = Applied()
    by_record: dict[tuple[str, str], set[str]] = {}
    link_groups: set[tuple[str, str]] = set()
    for key in touched:
        if isinstance(key, FieldKey):
            if key.entity in BY_NAME:
                by_record.setdefault(key.record_ref, set()).add(key.field)
        elif _link_parts(key) is not None:
            link_groups.add((key.name, key.source))
    keys_of = _record_keys(replica)
    created: set[str] = set()
    # NC numbers may move between NCs in one merge (a swap): park the numbers that change.
    parked: dict[str, str] = {}
    for (entity, rid), fields in by_record.items():
        if entity == NC_ENTITY and NC_FIELD in fields:
            nc = session.get(Nonconformity, uuid.UUID(rid))
            if nc is not None:
                parked[rid], nc.number = nc.number, _temporary_number(rid)
    session.flush()
    for entity, rid in sorted(by_record, key=lambda r: (ORDER[r[0]], r[1])):
        cls = BY_NAME[entity]
        cols = fields_of(cls)
        obj = session.get(cls, uuid.UUID(rid))
        exists = obj is not None
        here = portable(obj, refs) if obj is not None else {}
        if rid in parked:
            here[NC_FIELD] = parked[rid]
        wanted: dict[str, Any] = {}
        for key in keys_of.get((entity, rid), []):
            if key.is_state:
                if ARCHIVE_FIELD in cols:
                    wanted[ARCHIVE_FIELD] = replica.archived(entity, rid)
                continue
            if key.field not in cols:
                raise PackageRefused(
                    f"{entity} has a field this AuditDesk does not know: {key.field}",
                    "bad_manifest",
                )
            if exists and key.field not in by_record[(entity, rid)]:
                continue
            wanted[key.field] = _choose(replica, key, here.get(key.field), exists)
        values = {
            f: (bool(v) if f == ARCHIVE_FIELD else value_from_plain(cls, f, cols[f], v, refs))
            for f, v in wanted.items()
        }
        _check_references(session, cls, values)
        if entity == NC_ENTITY and NC_FIELD in values:
            _settle_number(session, replica, rid, values, result, label, by)
        if obj is None:
            obj = cls(id=uuid.UUID(rid), **values)
            session.add(obj)
            result.created += 1
            created.add(rid)
        else:
            changed = False
            for f, v in values.items():
                if getattr(obj, f) != v:
                    setattr(obj, f, v)
                    changed = changed or not (f == NC_FIELD and here.get(f) == v)
            result.updated += changed
        session.flush()
    for lname, source in sorted(link_groups):
        entity, name = _link_parts(LinkKey(lname, source, "x"))  # type: ignore[misc]
        cls = BY_NAME[entity]
        obj = session.get(cls, uuid.UUID(source))
        if obj is None:
            continue
        target = LINKS[cls][name]
        live = sorted(
            (
                _target_plain(target, k.target)
                for k in replica.registers
                if isinstance(k, LinkKey)
                and k.name == lname
                and k.source == source
                and replica.linked(k)
            ),
            key=canonical_json,
        )
        if not _same(live, portable(obj, refs).get(LINK_PREFIX + name, [])):
            setattr(obj, name, link_targets(session, cls, name, live, refs))
            result.updated += source not in created
    session.flush()
    for move in result.moves:
        _record_move(session, move, label, by)
    return result


def _issued_nc(state: Any, issued_on: Any) -> bool:
    code = getattr(state, "value", state)
    return issued_on is not None or (code is not None and code != "draft")


def _settle_number(
    session: Session,
    replica: Replica,
    rid: str,
    values: dict[str, Any],
    result: Applied,
    label: str,
    by: str,
) -> None:
    """Two NCs with one number (raised offline on two laptops): both are kept; an issued NC
    keeps its number over a draft, else the one arriving moves to the next free number — as
    a write of this replica (it travels), a conflict for the lead and a step in its history."""
    from auditdesk.services.nonconformities import next_nc_number

    number = values[NC_FIELD]
    holder = session.scalar(
        select(Nonconformity).where(
            Nonconformity.number == number, Nonconformity.id != uuid.UUID(rid)
        )
    )
    if holder is None:
        return
    mine_issued = _issued_nc(values.get("state"), values.get("issued_on"))
    moving_audit: Any
    if mine_issued and not _issued_nc(holder.state, holder.issued_on):
        moving_id, moving_audit, issued = str(holder.id), holder.audit_id, False
        kept_by = rid
    else:
        moving_id, moving_audit, issued = rid, values.get("audit_id"), mine_issued
        kept_by = str(holder.id)
    audit = session.get(Audit, moving_audit) if moving_audit is not None else None
    if audit is None:
        raise PackageRefused(f"NC {number} has no audit here", "unknown_reference")
    new_number = next_nc_number(session, audit, {number})
    if moving_id == rid:
        values[NC_FIELD] = new_number
    else:
        holder.number = new_number
        session.flush()
    user, at = current_username(session), _now()
    replica.set(FieldKey(NC_ENTITY, moving_id, NC_FIELD), new_number, user, at)
    result.moves.append(
        Renumbered(
            nc_id=moving_id,
            number=number,
            new_number=new_number,
            kept_by=kept_by,
            issued=issued,
        )
    )


def _record_move(session: Session, move: Any, label: str, by: str) -> None:
    nc = session.get_one(Nonconformity, uuid.UUID(move.nc_id))
    row = MergeConflict(
        at=utcnow(),
        package=label[:200],
        entity=NC_ENTITY,
        entity_id=move.nc_id,
        field=NC_FIELD,
        local_value=canonical_json(move.new_number),
        incoming_value=canonical_json(move.number),
        incoming_by=by[:60],
    )
    session.add(row)
    session.flush()
    move.conflict_seq = row.seq
    note = f"{move.number} → {move.new_number}"
    if label or by:
        note += f" ({' '.join(p for p in (label[:8], by) if p)})"
    session.add(
        NCTransition(
            nonconformity_id=nc.id,
            action=RENUMBER,
            from_state=nc.state,
            to_state=nc.state,
            by_user=current_username(session),
            at=utcnow(),
            note=note,
        )
    )
    session.flush()


def open_conflicts(
    session: Session, replica: Replica, conflicts: Iterable[Conflict], label: str, by: str
) -> list[int]:
    """One unresolved ``MergeConflict`` row per conflicted field (kept if open already)."""
    refs = Refs(session)
    made: list[int] = []
    for conflict in conflicts:
        if isinstance(conflict, FieldConflict):
            key = conflict.key
            if not isinstance(key, FieldKey) or key.entity not in BY_NAME:
                continue  # a link added on one side and removed on the other: the add wins
            if (key.entity, key.field) in LATEST_WINS:
                continue
            entity, rid, field = key.entity, key.record, key.field
            obj = session.get(BY_NAME[entity], uuid.UUID(rid))
            local = portable(obj, refs).get(field) if obj is not None else None
            others = [e for e in conflict.siblings if not _same(e.value, local)]
            incoming = others[0] if others else conflict.siblings[-1]
            incoming_value: Any = incoming.value
        elif isinstance(conflict, ArchiveConflict):
            entity, rid, field = conflict.entity, conflict.record, ARCHIVE_FIELD
            obj = session.get(BY_NAME[entity], uuid.UUID(rid)) if entity in BY_NAME else None
            local = bool(getattr(obj, ARCHIVE_FIELD, False))
            incoming_value = not local
            incoming = conflict.archive[0] if not local else conflict.edits[0][1]
        else:  # pragma: no cover - no other kind
            continue
        existing = session.scalar(
            select(MergeConflict).where(
                MergeConflict.entity == entity,
                MergeConflict.entity_id == rid,
                MergeConflict.field == field,
                MergeConflict.resolved.is_(False),
            )
        )
        if existing is not None:
            existing.local_value = canonical_json(local)
            existing.incoming_value = canonical_json(incoming_value)
            existing.incoming_by = incoming.author[:60]
            continue
        row = MergeConflict(
            at=utcnow(),
            package=label[:200],
            entity=entity,
            entity_id=rid,
            field=field,
            local_value=canonical_json(local),
            incoming_value=canonical_json(incoming_value),
            incoming_by=(incoming.author or by)[:60],
        )
        session.add(row)
        session.flush()
        made.append(row.seq)
    return made


def settle_conflicts(session: Session, replica: Replica) -> int:
    """Mark resolved the open conflict rows whose field is no longer in conflict (a resolution
    made elsewhere arrived): by its author. Returns how many."""
    open_keys = set()
    for c in replica.conflicts():
        if isinstance(c, FieldConflict) and isinstance(c.key, FieldKey):
            open_keys.add((c.key.entity, c.key.record, c.key.field))
        elif isinstance(c, ArchiveConflict):
            open_keys.add((c.entity, c.record, ARCHIVE_FIELD))
    settled = 0
    for row in session.scalars(select(MergeConflict).where(MergeConflict.resolved.is_(False))):
        if (row.entity, row.entity_id, row.field) in open_keys:
            continue
        key = (
            state_key(row.entity, row.entity_id)
            if row.field == ARCHIVE_FIELD
            else FieldKey(row.entity, row.entity_id, row.field)
        )
        siblings = replica.siblings(key)
        if not siblings or siblings[-1].dot.replica == replica.id:
            continue  # a conflict of the old snapshot merge, or a move made here: for a lead
        row.resolved = True
        row.resolution = "incoming"
        row.resolved_by = siblings[-1].author[:60]
        settled += 1
    return settled


# --------------------------------------------------------------------------- rules at merge

REGISTERS = frozenset(
    {"organisation", "site", "licence", "personnel_record", "certificate", "auditor"}
)
PLANNING = frozenset({"audit_team_member", "audit_site", "audit_termination"})
ISSUING = frozenset({"locked"})
VERIFYING = frozenset(
    {"closed_on", "verified_on", "verified_by", "verification_method", "effectiveness"}
)
# A previous NC re-verified at a later audit (services.nonconformities.record_reverification):
# these fields, and the NC's ``reverify`` step, belong to the re-verifying audit — its lock is
# the one that counts, as for the local write, not the lock of the NC's own (issued) audit.
REVERIFYING = frozenset(
    {
        "reverified_in_audit_id",
        "reverified_on",
        "reverified_by",
        "reverification_effective",
        "reverification_note",
    }
)


def permission_for(key: Key) -> Permission:
    """What a local write of ``key`` needs (the services' permissions)."""
    if isinstance(key, LinkKey):
        return (
            Permission.PLAN_AUDIT
            if key.name == "audit.certificates"
            else (Permission.RECORD_EVIDENCE)
        )
    if key.entity in REGISTERS:
        return Permission.EDIT_REGISTERS
    if key.entity in PLANNING:
        return Permission.PLAN_AUDIT
    if key.entity == "report_revision" or key.entity == "audit" and key.field in ISSUING:
        return Permission.ISSUE_REPORT
    if key.entity == "nonconformity" and key.field in VERIFYING:
        return Permission.VERIFY_NC
    return Permission.RECORD_EVIDENCE


def _path(start: str, goal: str) -> list[nc_lifecycle.NCActionSpec] | None:
    """The shortest chain of lifecycle actions from ``start`` to ``goal`` (None: none)."""
    queue: deque[tuple[str, list[nc_lifecycle.NCActionSpec]]] = deque([(start, [])])
    seen = {start}
    while queue:
        state, path = queue.popleft()
        if state == goal:
            return path
        for spec in nc_lifecycle.ACTIONS.values():
            if state in spec.from_states and spec.to_state is not None:
                nxt = str(spec.to_state)
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append((nxt, [*path, spec]))
    return None


class MergePolicy:
    """The merge policy of this database for one package (see the module notes)."""

    def __init__(
        self, session: Session, package: Package, accounts: dict[str, str], trust_accounts: bool
    ) -> None:
        self.session = session
        self.package = package
        self.roles = {u.username: u.role.value for u in session.scalars(select(User))}
        if trust_accounts:
            for name, role in accounts.items():
                self.roles.setdefault(name, role)
        self._audit_of: dict[tuple[str, str], str | None] = {}

    def _audit(self, entity: str, rid: str, replica: Replica) -> str | None:
        if entity == "audit":
            return rid
        cached = self._audit_of.get((entity, rid), "?")
        if cached != "?":
            return cached
        found: str | None = None
        if entity == "nc_transition":
            nc = self._value(FieldKey(entity, rid, "nonconformity_id"), replica)
            found = self._audit("nonconformity", nc, replica) if nc else None
        else:
            value = self._value(FieldKey(entity, rid, "audit_id"), replica)
            found = str(value) if value else None
        self._audit_of[(entity, rid)] = found
        return found

    def _value(self, key: FieldKey, replica: Replica) -> Any:
        cls = BY_NAME.get(key.entity)
        if cls is not None and key.field in fields_of(cls):
            obj = self.session.get(cls, uuid.UUID(key.record))
            if obj is not None:
                value = getattr(obj, key.field)
                return None if value is None else str(to_plain(value))
        for source in (replica.registers, self.package.registers):
            register = source.get(key)
            if register is not None and register.siblings:
                return register.siblings[-1].value
        return None

    def _incoming(self, key: FieldKey, replica: Replica) -> Any:
        register = self.package.registers.get(key)
        if register is not None and register.siblings:
            return register.siblings[-1].value
        return self._value(key, replica)

    def _reverifying(self, key: Key, replica: Replica) -> str | None:
        """The re-verifying audit of a re-verification write (see ``REVERIFYING``), or None."""
        if not isinstance(key, FieldKey):
            return None
        nc: Any = None
        if key.entity == "nonconformity" and key.field in REVERIFYING:
            nc = key.record
        elif key.entity == "nc_transition":
            if self._incoming(FieldKey(key.entity, key.record, "action"), replica) == "reverify":
                nc = self._value(FieldKey(key.entity, key.record, "nonconformity_id"), replica)
        if not nc:
            return None
        at = self._incoming(FieldKey("nonconformity", str(nc), "reverified_in_audit_id"), replica)
        return str(at) if at else None

    def __call__(self, change: Change, replica: Replica) -> Refusal | None:
        entry, key = change.entry, change.key
        role = self.roles.get(entry.author)
        if role is None:
            return Refusal("unknown_author")
        record = (key.entity, key.record) if isinstance(key, FieldKey) else (key.name, key.source)
        if isinstance(key, LinkKey):
            parts = _link_parts(key)
            record = (parts[0], key.source) if parts else record
        audit_id = self._reverifying(key, replica) or self._audit(record[0], record[1], replica)
        if audit_id is not None:
            audit = self.session.get(Audit, uuid.UUID(audit_id))
            if audit is not None and audit.locked:
                return Refusal("locked")
        needed = [permission_for(key)]
        if isinstance(key, FieldKey) and key.entity == "nonconformity" and key.field == "state":
            nc = self.session.get(Nonconformity, uuid.UUID(key.record))
            start = nc.state.value if nc is not None else "draft"
            path = _path(start, str(entry.value))
            if path is None:
                return Refusal("lifecycle")
            needed += [Permission(s.permission) for s in path]
            closed_on = FieldKey("nonconformity", key.record, "closed_on")
            arriving = self.package.registers.get(closed_on)
            if str(entry.value) == "closed" and not (
                arriving.values()[-1] if arriving and arriving.siblings else None
            ):
                return Refusal("lifecycle")
        rank = _RANK.get(_role(role), -1)
        if any(rank < _RANK[_NEEDS[p]] for p in needed):
            return Refusal("role")
        return None


def _role(value: str) -> Any:
    from auditdesk.model import Role

    try:
        return Role(value)
    except ValueError:
        return None


# --------------------------------------------------------------------------- refused changes


@dataclass(frozen=True)
class RefusedChange:
    """A change a merge refused, held for a lead/admin: the key, each refused value with its
    author, time and replica."""

    key: Key
    entity: str
    record: str
    field: str
    values: tuple[tuple[Any, str, str, str], ...]  # value, author, at, replica

    @property
    def ref(self) -> str:
        return canonical_json(list(_key_list(self.key)))


def _key_list(key: Key) -> tuple[str, str, str, str]:
    if isinstance(key, FieldKey):
        return ("field", key.entity, key.record, key.field)
    return ("link", key.name, key.source, key.target)


def refused_changes(replica: Replica) -> list[RefusedChange]:
    out = []
    for key in sorted(replica.held, key=sort_key):
        register = replica.held[key]
        if isinstance(key, FieldKey):
            entity, record, field = key.entity, key.record, key.field
        else:
            entity, record, field = key.name, key.source, key.target
        out.append(
            RefusedChange(
                key,
                entity,
                record,
                field,
                tuple((e.value, e.author, e.at, e.dot.replica) for e in register.siblings),
            )
        )
    return out


def key_from_ref(ref: str) -> Key:
    from auditdesk.exchange.causal.wire import key_from_plain

    try:
        return key_from_plain(json.loads(ref))
    except (ValueError, TypeError) as exc:
        raise PackageRefused(f"not a refused-change reference: {ref!r:.80}", "bad_ref") from exc


def print_refused(result: Any) -> None:
    """The refused changes and a rewritten sender history of an import result, for the CLI."""
    for item in getattr(result, "refused", []):
        where = item.get("field") or item.get("target")
        values = ", ".join(f"{canonical_json(v['value'])} by {v['by']}" for v in item["values"])
        print(
            f"refused ({', '.join(item['reasons'])}): {item.get('entity') or item.get('link')} "
            f"{item['record']} {where} = {values} — held for a lead/admin "
            "(auditdesk export refused --accept/--drop)"
        )
    if getattr(result, "history_rewritten", False):
        print(
            "warning: the sender's change log was rewritten since its last package "
            "(restored from a backup or altered); run auditdesk check there"
        )


def list_refused(session: Session) -> list[RefusedChange]:
    """The changes merges refused, held for a lead/admin."""
    from auditdesk.exchange.causal import store as causal_store

    return refused_changes(causal_store.load(session))


def decide_refused(session: Session, ref: str, accept: bool) -> Key:
    """A lead/admin accepts (merged as it came, written into the record) or drops (a new write
    of the value here that has seen the refused one, so it never comes back) a held change."""
    from auditdesk.exchange.causal import NothingHeld, Unresolved
    from auditdesk.exchange.causal import store as causal_store
    from auditdesk.exchange.errors import ExchangeError
    from auditdesk.services.users import require

    require(session, Permission.RESOLVE_CONFLICT)
    key = key_from_ref(ref)
    replica = causal_store.load(session)
    try:
        if accept:
            replica.accept_held(key)
        else:
            replica.drop_held(key, current_username(session), _now())
    except NothingHeld:
        raise ExchangeError(
            f"no refused change is held for {ref}", code_detail="nothing_held"
        ) from None
    except Unresolved:
        raise ExchangeError(
            f"the field of {ref} is in conflict here: resolve the conflict first",
            code_detail="unresolved",
        ) from None
    apply(session, replica, [key])
    causal_store.save(session, replica)
    return key
