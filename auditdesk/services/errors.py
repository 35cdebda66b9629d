"""Typed errors raised by services. Each has a ``code`` (for the UI to translate) and
``details`` (field, value, reason) so a message can say exactly what is wrong."""

from __future__ import annotations

from typing import Any

from auditdesk.model import Audit, Certificate, EvidenceItem, Nonconformity, Organisation, User
from auditdesk.storage.errors import StorageError, classify_sqlite_error


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


def conflict_subject(session: Any, exc: BaseException) -> dict[str, str]:
    """What a ``Conflict`` is about, for the "changed by 王建国 meanwhile" sentence.

    ``kind`` (evidence / nonconformity / organisation / certificate / audit / app_user / the
    table), ``label`` (the record's number or name as people know it: "#3 · 2026-0076",
    "NC 2026-0076-02", the client's name), ``who`` (the saver's display name, else user name).
    """

    details = getattr(exc, "details", {}) or {}
    entity, record_id = str(details.get("entity") or ""), str(details.get("record_id") or "")
    who = str(details.get("changed_by") or "")
    out = {"kind": entity, "label": "", "who": who}
    if who:
        from sqlalchemy import select

        user = session.scalar(select(User).where(User.username == who))
        if user is not None and user.display_name:
            out["who"] = user.display_name
    classes = {
        "evidence_item": EvidenceItem,
        "nonconformity": Nonconformity,
        "organisation": Organisation,
        "certificate": Certificate,
        "audit": Audit,
        "app_user": User,
    }
    cls = classes.get(entity)
    if cls is None or not record_id:
        return out
    import uuid

    try:
        obj = session.get(cls, uuid.UUID(record_id))
    except ValueError:
        obj = None
    if obj is None:
        return out
    if isinstance(obj, EvidenceItem):
        out["kind"], out["label"] = "evidence", f"#{obj.seq} · {obj.audit.number}"
    elif isinstance(obj, Nonconformity):
        out["label"] = str(obj.number or "")
    elif isinstance(obj, Organisation):
        out["label"] = obj.name_zh
    elif isinstance(obj, Certificate | Audit):
        out["label"] = str(obj.number or "")
    elif isinstance(obj, User):
        out["label"] = obj.username
    return out
