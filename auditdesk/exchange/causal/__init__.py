"""Merge by causal history: the pure core of office ↔ laptop sync (issue 14).

Design — which engine this follows and why
------------------------------------------
Every replica (the office database, each laptop database) has its own id and numbers its
writes 1, 2, 3…; a write is named by its *dot* ``(replica, counter)``. Each field of each
record, and each link, is a **multi-value register kept as a dotted version vector set**
(Riak's DVVSet, Almeida et al. 2012; the dot-store join of delta-state CRDTs, Almeida,
Shoker & Baquero 2018): the live siblings, each with its dot, author and time, and the
register's own version vector of every write to that key it has seen. A replica's *context*
is the version vector of every write it merged.

Why this and not the others we studied:

- **cr-sqlite** keeps per-column versions (``col_version``, ``db_version``, ``site_id``) and a
  *causal length* per row, which is the right granularity — per field, deletes as facts, rows
  that can come back. But a column is a last-writer-wins register: two concurrent edits of a
  finding keep one and drop the other. AuditDesk's promise is "never lose a note", so we keep
  the per-column granularity and replace LWW by a multi-value register: concurrent writes stay
  as siblings and surface as *one* conflict per field however many replicas wrote.
- **CouchDB** keeps a revision tree per document and a checkpoint per replication pair. A
  whole-document tree makes a conflict of two edits to different fields; we keep the per-pair
  checkpoint idea instead: a package's ``base`` is the receiver's acknowledgement.
- **Automerge / Yjs (pycrdt)** merge rich text character by character. For an audit record an
  automatic interleaving of two auditors' rewrites of one finding is a text nobody wrote, and a
  lead must see both versions anyway; a finding is a value, concurrent versions are siblings
  and the lead keeps/takes/combines. So no text CRDT and no new dependency (pycrdt would be a
  binary wheel for Windows and Linux to ship and audit for no gain here).

Properties the tests prove (``tests/exchange/test_causal_*``): merge is commutative,
associative and idempotent; any replicas that merged the same packages in any order, with
duplicates, are equal, conflicts included; every write is live, in a conflict, or was
overwritten by a write that had seen it; a resolution dominates every sibling and travels.

Parts (one idea per module):

- ``clock``: replica ids, dots, version vectors.
- ``keys``: what a register is kept for — a field (``FieldKey``; the record's lifecycle is the
  field ``@state``) or a link (``LinkKey``, evidence↔clause, NC↔evidence, audit↔certificate).
- ``register``: the multi-value register and its join.
- ``conflicts``: field conflicts and archive-vs-edit conflicts, derived from registers.
- ``replica``: one replica's state and its local writes (set, clear, archive, restore, link,
  unlink, resolve, accept/drop a refused change).
- ``package``: change sets between replicas, completeness (``MissingPackage``), the merge and
  its policy hook for permission/lock/lifecycle checks (refused changes are held, visible).
- ``wire``: packages as plain JSON and back, checked.
- ``store``: the one module with I/O — this database's replica id and causal state in the
  ``model.sync`` tables (load, save, local writes); not imported by this package.

Deletions are writes: clearing a value writes ``None``, unlinking writes ``False`` (an
observed-remove: it supersedes the adds it saw; an add it did not see wins), archiving writes
``@state = archived`` covering the record's history it saw (an edit it did not see is an
archive-vs-edit conflict). Nothing here but ``store`` does I/O or imports SQLAlchemy.
"""

from auditdesk.exchange.causal.clock import Dot, ReplicaId, VersionVector, new_replica_id
from auditdesk.exchange.causal.conflicts import ArchiveConflict, Conflict, FieldConflict
from auditdesk.exchange.causal.errors import (
    CausalError,
    MalformedState,
    MissingPackage,
    NothingHeld,
    OwnPackage,
    RecordArchived,
    Unresolved,
)
from auditdesk.exchange.causal.keys import ACTIVE, ARCHIVED, FieldKey, Key, LinkKey, state_key
from auditdesk.exchange.causal.package import (
    Base,
    Change,
    MergeResult,
    Package,
    Policy,
    Refusal,
    Refused,
    accept_all,
    make_package,
    merge,
)
from auditdesk.exchange.causal.register import Entry, Register
from auditdesk.exchange.causal.replica import Replica

__all__ = [
    "ACTIVE",
    "ARCHIVED",
    "ArchiveConflict",
    "Base",
    "CausalError",
    "Change",
    "Conflict",
    "Dot",
    "Entry",
    "FieldConflict",
    "FieldKey",
    "Key",
    "LinkKey",
    "MalformedState",
    "MergeResult",
    "MissingPackage",
    "NothingHeld",
    "OwnPackage",
    "Package",
    "Policy",
    "RecordArchived",
    "Refusal",
    "Refused",
    "Register",
    "Replica",
    "ReplicaId",
    "Unresolved",
    "VersionVector",
    "accept_all",
    "make_package",
    "merge",
    "new_replica_id",
    "state_key",
]
