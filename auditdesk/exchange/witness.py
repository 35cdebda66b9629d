"""The change-log chain head in every package, and what the receiver remembers of it.

A package carries the sender's chain head (``storage.changelog.chain_head``: the last row's
seq and hash) and, for every head the sender put in an earlier package, the hash its log has
at that seq *now*. The receiver keeps, per sending replica, every head it has seen
(``model.sync.SyncWitness``). A later package whose log has a different hash at a seq seen
before, or a head older than one seen before, means that replica's history was rewritten
(a restored backup, an edited file): the receiver marks it, says so, and keeps the mark.
The sender's own row keeps the heads it sent.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import ChangeLogEntry, utcnow
from auditdesk.model.sync import SyncWitness
from auditdesk.storage.changelog import chain_head, to_plain

KEEP = 50  # heads kept per replica (the newest)


def _row(session: Session, peer: str) -> SyncWitness:
    row = session.get(SyncWitness, peer)
    if row is None:
        row = SyncWitness(peer=peer, seq=0, hash="", at="", earlier="{}", home=False)
        session.add(row)
    return row


def _trim(heads: dict[str, str]) -> dict[str, str]:
    newest = sorted(heads, key=int)[-KEEP:]
    return {k: heads[k] for k in newest}


def for_package(session: Session, me: str) -> dict[str, Any]:
    """The witness a new package of replica ``me`` carries; remembers the head as sent."""
    head = chain_head(session)
    row = _row(session, me)
    sent: dict[str, str] = json.loads(row.earlier or "{}")
    seqs = [int(s) for s in sent]
    now: dict[str, str] = {s: "" for s in sent}
    for i in range(0, len(seqs), 500):
        for seq, digest in session.execute(
            select(ChangeLogEntry.seq, ChangeLogEntry.hash).where(
                ChangeLogEntry.seq.in_(seqs[i : i + 500])
            )
        ):
            now[str(seq)] = digest
    data = {"seq": head.seq, "hash": str(head), "earlier": now}
    if head.seq:
        sent[str(head.seq)] = str(head)
    row.earlier = json.dumps(_trim(sent), sort_keys=True)
    row.seq, row.hash, row.at = head.seq, str(head), str(to_plain(utcnow()))
    return data


def check(data: Any) -> bool:
    """Whether ``data`` is a witness as packages carry it."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("seq"), int)
        and not isinstance(data.get("seq"), bool)
        and isinstance(data.get("hash"), str)
        and isinstance(data.get("earlier"), dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in data["earlier"].items())
    )


def receive(session: Session, sender: str, data: dict[str, Any], *, home: bool) -> bool:
    """Store the sender's head; True when its history was rewritten since a head seen before."""
    row = _row(session, sender)
    seen: dict[str, str] = json.loads(row.earlier or "{}")
    rewritten = data["seq"] < row.seq or any(
        data["earlier"].get(seq, digest) != digest for seq, digest in seen.items()
    )
    if str(data["seq"]) in seen and seen[str(data["seq"])] != data["hash"]:
        rewritten = True
    if data["seq"]:
        seen[str(data["seq"])] = data["hash"]
    row.earlier = json.dumps(_trim(seen), sort_keys=True)
    row.seq, row.hash, row.at = data["seq"], data["hash"], str(to_plain(utcnow()))
    row.rewritten = row.rewritten or rewritten
    if home:
        row.home = True
    session.flush()
    return rewritten


def home_of(session: Session) -> str | None:
    """The office this database was filled from (None: it is an office itself)."""
    return session.scalar(select(SyncWitness.peer).where(SyncWitness.home.is_(True)))


def rewritten_replicas(session: Session) -> list[str]:
    return list(session.scalars(select(SyncWitness.peer).where(SyncWitness.rewritten.is_(True))))
