"""Typed errors of the causal core. Each has a ``code`` for the UI to translate and the
details that say exactly what is wrong; the replica is unchanged when one is raised.

Pure on purpose (no import of the services layer): the core must stay importable without
SQLAlchemy. The storage layer may wrap these in ``exchange.errors`` types."""

from __future__ import annotations

from typing import Any


class CausalError(Exception):
    """Base of every error the causal core raises."""

    code = "causal"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.details = details


class MalformedState(CausalError):
    """A clock, register or package is not what the core accepts (negative counter, two
    different entries under one dot, a sibling outside its register's context, ...)."""

    code = "causal.malformed"


class MissingPackage(CausalError):
    """A package assumes the receiver already holds changes it does not hold.

    ``sender`` and ``sequence`` name the package to import first (``sequence`` is ``None``
    when the receiver imported every package the sender listed, i.e. the receiver lost state,
    for example restored from an old backup). ``missing`` is the part of the package's base
    the receiver lacks, replica → counter."""

    code = "causal.missing_package"

    def __init__(self, sender: str, sequence: int | None, missing: dict[str, int]) -> None:
        named = f"package {sequence} from {sender}" if sequence is not None else sender
        super().__init__(
            f"{named} is missing — import it first",
            sender=sender,
            sequence=sequence,
            missing=missing,
        )
        self.sender = sender
        self.sequence = sequence
        self.missing = missing


class OwnPackage(CausalError):
    """A replica was given a package it made itself."""

    code = "causal.own_package"


class RecordArchived(CausalError):
    """A field of an archived record was written; restore the record first."""

    code = "causal.archived"


class Unresolved(CausalError):
    """The operation needs one live value but the key has concurrent values (a conflict)."""

    code = "causal.unresolved"


class NothingHeld(CausalError):
    """Accept/drop of a refused change that is not held (already decided)."""

    code = "causal.nothing_held"
