"""What a write changed: one notification for every screen (Anki's ``OpChanges``).

Every committed transaction of a database opened through ``services.setup`` reports an
:class:`OpChanges` to the subscribers of that database (``subscribe(db, callback)``). It is
built from the session itself, so no write can forget to report: an ``after_flush`` listener
notes the table and id of every row the flush inserted, updated or deleted (and the table of
every ORM bulk UPDATE/DELETE), ``after_commit`` publishes what the transaction collected,
``after_rollback`` forgets it. A screen refreshes when the change touches a kind it shows.

Kinds are the auditor's words for groups of tables (:data:`TABLE_KINDS`; a link table's rows
are written through its owner's collection, which reports the owner's kind); a table added to the
model without a kind reports under its own table name (tests/services/test_changes.py fails
until it is given one). Ids are those of the rows the flushes saw; a bulk statement reports its
kind in ``bulk`` (which rows is not known).

Pure Python: no Qt. The UI turns the callback into one Qt signal on the GUI thread
(ui/context.py); a worker process sends its changes back with its answer (ui/worker_process.py).
A savepoint rolled back inside a committed transaction still reports what it had flushed: a
screen then refreshes once for nothing, never misses a change.
"""

from __future__ import annotations

import inspect
import logging
import threading
import uuid
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import NoInspectionAvailable
from sqlalchemy.orm import Session, SessionTransaction

from auditdesk.services import registers

log = logging.getLogger(__name__)

CLIENTS = "clients"
CERTIFICATES = "certificates"
AUDITS = "audits"
PLAN = "plan"
EVIDENCE = "evidence"
NONCONFORMITIES = "nonconformities"
USERS = "users"
SIGN_INS = "sign_ins"
AUDITORS = "auditors"
STANDARDS = "standards"
SETTINGS = "settings"
REPORTS = "reports"
CONFLICTS = "conflicts"
SYNC = "sync"

# Every table of the model, by the kind of thing it holds. change_log is not here: every write
# adds to it, it is the record of the changes, not one.
TABLE_KINDS: Mapping[str, str] = {
    "organisation": CLIENTS,
    "site": CLIENTS,
    "client_condition": CLIENTS,
    "licence": CLIENTS,
    "personnel_record": CLIENTS,  # a client's headcount over time
    "site_location": CLIENTS,  # where a client's site is
    "certificate": CERTIFICATES,
    "certificate_event": CERTIFICATES,
    "certificate_transfer": CERTIFICATES,
    "certificate_reporting": CERTIFICATES,
    "cnca_reported": CERTIFICATES,
    "certificate_state": CERTIFICATES,  # stored programme and status (services/programme_state)
    "regulator_report": CERTIFICATES,
    "audit": AUDITS,
    "audit_team_member": AUDITS,
    "audit_site": AUDITS,
    "audit_termination": AUDITS,
    "audit_check_in": AUDITS,
    "audit_certificate": AUDITS,
    "audit_plan_change": PLAN,
    "evidence_item": EVIDENCE,
    "clause_judgement": EVIDENCE,
    "attachment": EVIDENCE,
    "evidence_clause": EVIDENCE,
    "nonconformity": NONCONFORMITIES,
    "nc_transition": NONCONFORMITIES,
    "nc_evidence": NONCONFORMITIES,
    "app_user": USERS,
    "sign_in_event": SIGN_INS,
    "auth_token": SIGN_INS,
    "auditor": AUDITORS,
    "standard": STANDARDS,
    "clause": STANDARDS,
    "cb_setting": SETTINGS,
    "rule_set": SETTINGS,
    "report_revision": REPORTS,
    "merge_conflict": CONFLICTS,
    "sync_replica": SYNC,
    "sync_register": SYNC,
    "sync_entry": SYNC,
    "sync_peer": SYNC,
    "sync_witness": SYNC,
}
NOT_A_CHANGE = frozenset({"change_log"})


def kind_of(table: str) -> str:
    return TABLE_KINDS.get(table, table)


@dataclass(frozen=True)
class OpChanges:
    """What one or more committed transactions changed.

    ``kinds``: every kind with a row inserted, updated or deleted. ``added``: kinds with a row
    inserted or deleted (a list showing them may gain or lose rows, not only see them change).
    ``ids``: the ids of the changed rows, by kind. ``bulk``: kinds changed by a bulk statement
    (rows unknown: treat as added).
    """

    kinds: frozenset[str] = frozenset()
    added: frozenset[str] = frozenset()
    ids: Mapping[str, frozenset[uuid.UUID]] = field(default_factory=dict)
    bulk: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, kinds: Iterable[str]) -> bool:
        """Whether any of ``kinds`` changed."""
        return not self.kinds.isdisjoint(kinds)

    def rows_only(self, kinds: Iterable[str]) -> bool:
        """Whether ``kinds`` saw only updates of known rows (no row came or went)."""
        wanted = frozenset(kinds)
        return wanted.isdisjoint(self.added) and wanted.isdisjoint(self.bulk)

    def ids_of(self, kind: str) -> frozenset[uuid.UUID]:
        return self.ids.get(kind, frozenset())

    def merged(self, other: OpChanges) -> OpChanges:
        ids = dict(self.ids)
        for kind, more in other.ids.items():
            ids[kind] = ids.get(kind, frozenset()) | more
        return OpChanges(
            self.kinds | other.kinds, self.added | other.added, ids, self.bulk | other.bulk
        )


NOTHING = OpChanges()


def register_kinds(register: str) -> frozenset[str]:
    """The kinds a register's rows show: its own table's and those of its joined columns
    (the certificates register shows the client's name: a renamed client refreshes it)."""
    sp = registers.spec(register)
    tables = {str(sp.entity.__tablename__)}
    for column in sp.columns:
        mapper = getattr(getattr(column.expr, "parent", None), "mapper", None)
        if mapper is not None:
            tables.add(str(mapper.local_table.name))
    return frozenset(kind_of(t) for t in tables)


class _Collected:
    """What a session's current transaction has flushed so far."""

    def __init__(self) -> None:
        self.kinds: set[str] = set()
        self.added: set[str] = set()
        self.bulk: set[str] = set()
        self.ids: dict[str, set[uuid.UUID]] = {}

    def note(self, table: str, row_id: Any, added: bool) -> None:
        if table in NOT_A_CHANGE:
            return
        kind = kind_of(table)
        self.kinds.add(kind)
        if added:
            self.added.add(kind)
        if isinstance(row_id, uuid.UUID):
            self.ids.setdefault(kind, set()).add(row_id)

    def changes(self) -> OpChanges:
        return OpChanges(
            frozenset(self.kinds),
            frozenset(self.added),
            {k: frozenset(v) for k, v in self.ids.items()},
            frozenset(self.bulk),
        )


_KEY = "auditdesk_op_changes"


def _collected(session: Session) -> _Collected:
    found = session.info.get(_KEY)
    if found is None:
        found = session.info[_KEY] = _Collected()
    return found


def _after_flush(session: Session, _ctx: Any) -> None:
    collected = _collected(session)
    for objects, added in ((session.new, True), (session.dirty, False), (session.deleted, True)):
        for obj in objects:
            if not added and not session.is_modified(obj):
                continue  # in ``dirty`` but nothing changed (a link added counts)
            try:
                state = sa_inspect(obj)
            except NoInspectionAvailable:
                continue
            # The identity, not ``obj.id``: reading an attribute of a deleted row may load it.
            identity = state.identity  # None for a row the flush inserted: its id is in dict
            row_id = identity[0] if identity and len(identity) == 1 else state.dict.get("id")
            collected.note(str(state.mapper.local_table.name), row_id, added)


def _bulk_statement(state: Any) -> None:
    if not (state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is None:
        return
    table = str(mapper.local_table.name)
    if table in NOT_A_CHANGE:
        return
    collected = _collected(state.session)
    collected.note(table, None, state.is_delete)
    collected.bulk.add(kind_of(table))


Callback = Callable[[OpChanges], None]
_subscribers: weakref.WeakKeyDictionary[Any, list[Any]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def subscribe(db: Any, callback: Callback) -> Callable[[], None]:
    """Call ``callback(changes)`` after every commit on ``db`` that changed something, in the
    thread that committed. A bound method is held weakly (a screen that is gone is not kept
    alive by its subscription). Returns the function that unsubscribes."""
    ref: Any = weakref.WeakMethod(callback) if inspect.ismethod(callback) else (lambda: callback)
    with _lock:
        _subscribers.setdefault(db, []).append(ref)

    def unsubscribe() -> None:
        with _lock:
            refs = _subscribers.get(db, [])
            if ref in refs:
                refs.remove(ref)

    return unsubscribe


def publish(db: Any, changes: OpChanges) -> None:
    """Hand ``changes`` to every subscriber of ``db`` (the commit listener does this; a worker
    process's changes are published by the GUI when its answer arrives)."""
    if not changes:
        return
    with _lock:
        refs = [r for r in _subscribers.get(db, []) if r() is not None]
        if db in _subscribers:
            _subscribers[db] = refs  # forget the screens that are gone
    for ref in refs:
        callback = ref()
        if callback is None:
            continue
        try:
            callback(changes)
        except Exception:  # broad, logged: the write is committed; a screen that fails to refresh must not make it look failed
            log.exception("a subscriber failed to take the changes %s", changes)


def publish_to_url(url: str, changes: OpChanges) -> None:
    """Publish to every database open in this process at ``url``: what a worker process's
    commit changed (the child's own ``Database`` is not the GUI's)."""
    with _lock:
        targets = [db for db in _subscribers if getattr(db, "url", None) == url]
    for db in targets:
        publish(db, changes)


def install(db: Any) -> None:
    """Report the changes of every session of ``db`` (a storage ``Database``); called by
    ``services.setup.install``, the one place listeners are installed."""
    factory = db.Session
    if event.contains(factory, "after_flush", _after_flush):
        return
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _bulk_statement)
    db_ref = weakref.ref(db)

    def after_commit(session: Session) -> None:
        collected = session.info.pop(_KEY, None)
        target = db_ref()
        if collected is not None and target is not None:
            publish(target, collected.changes())

    def after_rollback(session: Session, previous: SessionTransaction) -> None:
        if previous.parent is None:  # the whole transaction: nothing of it happened
            session.info.pop(_KEY, None)

    event.listen(factory, "after_commit", after_commit)
    event.listen(factory, "after_soft_rollback", after_rollback)


class Recorder:
    """Collects what is published for one database (a worker process sends it back; tests
    read it)."""

    def __init__(self, db: Any) -> None:
        self.changes = NOTHING
        self._unsubscribe = subscribe(db, self._take)

    def _take(self, changes: OpChanges) -> None:
        self.changes = self.changes.merged(changes)

    def close(self) -> None:
        self._unsubscribe()
