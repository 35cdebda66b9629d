"""NC numbers when an offline package merges: two auditors of one team, each on a laptop,
both raise the next NC of the audit and both get ``NC-2027-0012-03``; ``nonconformity.number``
is unique, so without this the second package was refused whole.

Before any record is written the merge plans every NC number (:func:`plan`):
- the number each NC of the package would have after the three-way merge (a number changed on
  one side only takes that side's value; changed on both sides keeps the local one and becomes
  an ordinary merge conflict);
- where two NCs would end with the same number, one keeps it: the one already issued to the
  client (its number may be on a printed NC form), else the one that has it here already, else
  the one raised first; each other one moves to the audit's next free number.

Nothing moves silently: each move is in the import result (``MergeResult.renumbered``), a
``MergeConflict`` on the NC's ``number`` (here: the new number; incoming: the number it had, for
the lead to see, accept, or take back once the number is free) and a ``renumber`` step in the
NC's history. The next package carries the new number back to the laptop (a change on one side).

Why not a per-laptop part in the number (``NC-2027-0012-ZW-03``): the format is the CB's
(``NC-<audit>-NN`` on forms and reports), a database does not know it is "offline", and packages
already out there, or two laptops signed in as the same user, would still collide; the merge
has to settle a clash either way, so it is settled once, here, visibly.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.model import Audit, NCState, NCTransition, Nonconformity, utcnow
from auditdesk.services.nonconformities import next_nc_number
from auditdesk.services.users import current_username

ENTITY = "nonconformity"
FIELD = "number"
RENUMBER = "renumber"  # the NC history's action code


@dataclass
class Renumbered:
    """An NC that moved to another number in a merge."""

    nc_id: str
    number: str  # the number it had: on the laptop, or here
    new_number: str  # the number it has now
    kept_by: str  # id of the NC that kept ``number``
    issued: bool  # issued to the client before the move: a printed form may show ``number``
    conflict_seq: int = 0


@dataclass
class _Claim:
    nc_id: str
    number: str
    issued: bool
    here: bool  # holds the number in this database now
    raised: str  # created_at, ISO: the earlier raised keeps the number on a tie
    audit_id: uuid.UUID | None
    record: dict[str, Any] | None = None  # the package record, None for an NC not in the package
    values: dict[str, Any] | None = None


@dataclass
class Plan:
    final: dict[str, str] = field(default_factory=dict)  # NC id -> number after the merge
    moves: list[Renumbered] = field(default_factory=list)
    changed_here: set[str] = field(default_factory=set)  # NCs already here whose number changes


def _issued(state: Any, issued_on: Any) -> bool:
    code = getattr(state, "value", state)
    return issued_on is not None or (code is not None and code != NCState.DRAFT.value)


def _next_free(session: Session, claim: _Claim, taken: set[str]) -> str:
    audit = session.get(Audit, claim.audit_id) if claim.audit_id is not None else None
    if audit is not None:
        return next_nc_number(session, audit, taken)
    # The audit arrives in this same package: count on from the number's own prefix.
    prefix = m.group(1) if (m := re.match(r"^(.*-)\d+$", claim.number)) else claim.number + "-"
    here = session.scalars(
        select(Nonconformity.number).where(Nonconformity.number.like(prefix + "%"))
    )
    used = [
        int(n[len(prefix) :])
        for n in [*here, *taken]
        if n.startswith(prefix) and n[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(used, default=0) + 1:02d}"


def plan(
    session: Session, merger: Any, records: list[dict[str, Any]], converted: list[dict[str, Any]]
) -> Plan:
    """Decide every NC number of the package before anything is written (see the module notes).
    Sets the planned number in ``converted`` for new NCs; ``merger.conflict`` records the
    both-sides-changed conflicts on the number."""
    result = Plan()
    claims: dict[str, _Claim] = {}
    for rec, values in zip(records, converted, strict=True):
        if rec["entity"] != ENTITY or FIELD not in values:
            continue
        incoming = values[FIELD]
        obj = session.get(Nonconformity, uuid.UUID(rec["id"]))
        created = str(rec.get("meta", {}).get("created_at") or "")
        issued = _issued(values.get("state"), values.get("issued_on"))
        if obj is None:
            claims[rec["id"]] = _Claim(
                rec["id"], incoming, issued, False, created, values.get("audit_id"), rec, values
            )
            continue
        want = obj.number
        base = merger.base_for(rec)
        if incoming != obj.number:
            if base is not None and FIELD in base and base[FIELD] == obj.number:
                want = incoming  # renumbered on the other side only
            elif base is None or FIELD not in base or base[FIELD] != incoming:
                merger.conflict(rec, FIELD, obj.number, incoming)  # renumbered on both sides
        claims[rec["id"]] = _Claim(
            rec["id"],
            want,
            issued or _issued(obj.state, obj.issued_on),
            want == obj.number,
            obj.created_at.isoformat(),
            obj.audit_id,
            rec,
            values,
        )
    if not claims:
        return result
    # NCs here but not in the package keep the numbers they hold unless an issued NC needs one.
    wanted = {c.number for c in claims.values()}
    for nc in session.scalars(select(Nonconformity).where(Nonconformity.number.in_(wanted))):
        if str(nc.id) not in claims:
            claims[str(nc.id)] = _Claim(
                str(nc.id),
                nc.number,
                _issued(nc.state, nc.issued_on),
                True,
                nc.created_at.isoformat(),
                nc.audit_id,
            )
    by_number: dict[str, list[_Claim]] = {}
    for claim in claims.values():
        by_number.setdefault(claim.number, []).append(claim)
    taken = set(by_number)
    for number in sorted(by_number):
        keeper, *movers = sorted(
            by_number[number], key=lambda c: (not c.issued, not c.here, c.raised, c.nc_id)
        )
        result.final[keeper.nc_id] = number
        for mover in movers:
            new_number = _next_free(session, mover, taken)
            taken.add(new_number)
            result.final[mover.nc_id] = new_number
            result.moves.append(
                Renumbered(mover.nc_id, number, new_number, keeper.nc_id, mover.issued)
            )
    for claim in claims.values():
        if claim.values is not None and claim.record is not None:
            claim.values[FIELD] = result.final[claim.nc_id]
        here = session.get(Nonconformity, uuid.UUID(claim.nc_id))
        if here is not None and here.number != result.final[claim.nc_id]:
            result.changed_here.add(claim.nc_id)
    return result


def apply_here(session: Session, planned: Plan) -> None:
    """Give the NCs already here their planned numbers, in an order that never holds one number
    twice (a number is freed before it is taken; a swap goes through a placeholder)."""
    pending = {nc_id: planned.final[nc_id] for nc_id in sorted(planned.changed_here)}
    while pending:
        progressed = False
        for nc_id, number in list(pending.items()):
            holder = session.scalar(select(Nonconformity.id).where(Nonconformity.number == number))
            if holder is None or str(holder) == nc_id:
                session.get_one(Nonconformity, uuid.UUID(nc_id)).number = number
                session.flush()
                del pending[nc_id]
                progressed = True
        if not progressed:
            nc_id = next(iter(pending))
            session.get_one(Nonconformity, uuid.UUID(nc_id)).number = f"~{uuid.UUID(nc_id).hex}"
            session.flush()


def record_moves(session: Session, merger: Any, planned: Plan, package: str, by: str) -> None:
    """After the merge: each move as a merge conflict for the lead and a step in the NC's history."""
    user = current_username(session)
    for move in planned.moves:
        nc = session.get_one(Nonconformity, uuid.UUID(move.nc_id))
        move.conflict_seq = (
            merger.conflict(
                {"entity": ENTITY, "id": move.nc_id}, FIELD, move.new_number, move.number
            )
            or 0
        )
        note = f"{move.number} → {move.new_number}"
        if package or by:
            note += f" ({' '.join(p for p in (package[:8], by) if p)})"
        session.add(
            NCTransition(
                nonconformity_id=nc.id,
                action=RENUMBER,
                from_state=nc.state,
                to_state=nc.state,
                by_user=user,
                at=utcnow(),
                note=note,
            )
        )
    session.flush()
