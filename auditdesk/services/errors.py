"""Typed errors raised by services. Each has a ``code`` (for the UI to translate) and
``details`` (field, value, reason) so a message can say exactly what is wrong."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    code = "service_error"
    exit_code = 1

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.details = details


class NotFound(ServiceError):
    code = "not_found"


class ValidationFailed(ServiceError):
    """One or more fields are wrong: ``errors`` maps field name -> reason code."""

    code = "validation"

    def __init__(self, message: str, errors: dict[str, str] | None = None, **details: Any) -> None:
        super().__init__(message, **details)
        self.errors = errors or {}


class PermissionDenied(ServiceError):
    code = "permission"


class IllegalTransition(ServiceError):
    code = "illegal_transition"


class Locked(ServiceError):
    """The record belongs to an issued (locked) audit."""

    code = "locked"


class Conflict(ServiceError):
    """Someone else changed the record meanwhile (optimistic locking).

    ``details``: entity, record_id, changed_by, changed_at, version (storage/concurrency.py).
    """

    code = "conflict"


# Database.session raises this class (not storage's EditConflict) for a stale save once the
# opening path has installed it (services/setup.py ``install``); importing this module does not.


def describe_error(exc: BaseException) -> str:
    """One line for the CLI or a log: environment errors, service errors, anything else."""
    from auditdesk.storage.errors import StorageError, classify_sqlite_error

    if isinstance(exc, StorageError | ServiceError):
        return str(exc)
    mapped = classify_sqlite_error(exc)
    if mapped is not None:
        return str(mapped)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc)
    # One line: a database error's text carries the SQL and its parameters on further lines.
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"unexpected error ({type(exc).__name__}): {text[0] if text else ''}"
