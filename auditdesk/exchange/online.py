"""Online sync (issue 14 point 6): a laptop and the office database exchange the same causal
change sets a package carries, directly, when the laptop can reach the office.

``sync(laptop, office, ...)`` runs three transactions, each complete or not at all:

1. on the laptop: capture its local writes of every audit it holds and make the change set
   for the office (``package.build_manifest``, recorded as sent — the laptop's new dots are
   durable before any other replica sees them);
2. on the office: merge it with the same checks as a package (``package.check_manifest``,
   ``merge_manifest``: MergePolicy, refused changes held, conflicts kept), then capture the
   office's writes of the laptop's audits (and of the audits asked for) and make the change
   set for the laptop;
3. on the laptop: merge the office's change set (the office is its home: its accounts judge
   the authors).

Acknowledgements travel inside the change sets (each one's context), so each side knows what
the other holds. A change set always assumes only what the receiver *acknowledged*
(``causal.Base.ACKNOWLEDGED``), so a sync interrupted anywhere — between or inside the
transactions, the process killed — loses nothing: an uncommitted step is rolled back, a change
set that never arrived is simply made again by the next sync, and one that arrived twice
merges to nothing more. Repeating a sync changes no record. Attachment files are copied
through a temporary folder and verified by their hash, as from a package.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from auditdesk.exchange import witness
from auditdesk.exchange.causal import store as causal_store
from auditdesk.exchange.errors import PackageRefused
from auditdesk.exchange.package import (
    MergeResult,
    build_manifest,
    check_manifest,
    merge_manifest,
)
from auditdesk.model import Audit

# The steps of a sync, for a determinate progress bar: (step, STEPS, text).
STEPS = 4
Progress = Callable[[int, int, str], None]


class SyncRefused(PackageRefused):
    """The two databases cannot sync (the same database, another office's laptop, no audit
    to fill a new laptop with); nothing was written."""


@dataclass
class SyncResult:
    office: str = ""  # replica ids
    laptop: str = ""
    audits: list[str] = field(default_factory=list)  # the audits the laptop now holds
    up: MergeResult = field(default_factory=MergeResult)  # laptop → office
    down: MergeResult = field(default_factory=MergeResult)  # office → laptop

    @property
    def changed(self) -> bool:
        return any(
            r.created or r.updated or r.conflicts or r.refused or r.attachments
            for r in (self.up, self.down)
        )


def _noop(done: int, total: int, text: str) -> None:
    return None


def _copy_verified(store: Any, shas: Iterable[str], folder: Path) -> dict[str, Path]:
    """Copies of the store's files in ``folder``, each checked against its hash (a changed
    file refuses the whole sync, as a package with one does)."""
    files: dict[str, Path] = {}
    for sha in sorted(shas):
        source = store.path_of(sha)
        target = folder / sha
        digest = hashlib.sha256()
        try:
            with source.open("rb") as src, target.open("wb") as dst:
                while block := src.read(1024 * 1024):
                    digest.update(block)
                    dst.write(block)
        except OSError as exc:
            raise PackageRefused(
                f"attachment {sha} cannot be read ({exc.strerror or exc}); run auditdesk check",
                "missing_entry",
                entry=sha,
            ) from None
        if digest.hexdigest() != sha:
            raise PackageRefused(
                f"attachment {sha} does not match its hash (altered or damaged); "
                "run auditdesk check",
                "hash_mismatch",
                entry=sha,
            )
        files[sha] = target
    return files


def sync(
    laptop: Any,
    office: Any,
    *,
    laptop_user: str,
    office_user: str,
    audit_ids: Iterable[uuid.UUID] = (),
    progress: Progress | None = None,
) -> SyncResult:
    """Sync the ``laptop`` database with the ``office`` database (``storage.Database`` both;
    see the module notes). ``audit_ids``: audits of the office to bring to the laptop besides
    the ones it holds (a new laptop's first sync needs some)."""
    tell = progress or _noop
    wanted = list(dict.fromkeys(audit_ids))
    result = SyncResult()
    with tempfile.TemporaryDirectory(prefix="adsync-") as tmp:
        up_dir, down_dir = Path(tmp, "up"), Path(tmp, "down")
        up_dir.mkdir()
        down_dir.mkdir()

        tell(0, STEPS, "office")
        with office.session(user=office_user) as s:
            result.office = causal_store.replica_id(s)

        tell(1, STEPS, "laptop changes")
        with laptop.session(user=laptop_user) as s:
            result.laptop = causal_store.replica_id(s)
            if result.laptop == result.office:
                raise SyncRefused(
                    "the laptop and the office are the same database", "same_database"
                )
            home = witness.home_of(s)
            if home not in (None, result.office):
                raise SyncRefused(
                    "this laptop was filled from another office database", "other_office"
                )
            held = list(s.scalars(select(Audit.id).order_by(Audit.number)))
            if not held and not wanted:
                raise SyncRefused(
                    "this laptop holds no audit yet: say which audits to bring", "no_audits"
                )
            up, up_store = build_manifest(s, held, for_replica=result.office)
            up_files = _copy_verified(up_store, up["attachments"], up_dir)
            tell(1, STEPS, "laptop changes")  # inside the transaction: not committed yet

        tell(2, STEPS, "office merge")
        with office.session(user=office_user) as s:
            result.up = merge_manifest(s, check_manifest(up), up_files, from_home=False)
            here = set(s.scalars(select(Audit.id).where(Audit.id.in_([*held, *wanted]))))
            missing = [a for a in wanted if a not in here]
            if missing:
                raise SyncRefused(f"the office has no audit {missing[0]}", "unknown_audit")
            audits = [a for a in dict.fromkeys([*held, *wanted]) if a in here]
            down, down_store = build_manifest(s, audits, for_replica=result.laptop)
            down_files = _copy_verified(down_store, down["attachments"], down_dir)
            tell(2, STEPS, "office merge")  # inside the transaction: not committed yet

        tell(3, STEPS, "laptop merge")
        with laptop.session(user=laptop_user) as s:
            result.down = merge_manifest(s, check_manifest(down), down_files, from_home=True)
            result.audits = [str(a) for a in s.scalars(select(Audit.id).order_by(Audit.number))]
            tell(3, STEPS, "laptop merge")  # inside the transaction: not committed yet
        shutil.rmtree(up_dir, ignore_errors=True)
    tell(STEPS, STEPS, "done")
    return result
