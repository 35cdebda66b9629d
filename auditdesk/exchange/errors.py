"""Typed errors of the importers. Each has a ``code`` for the UI to translate and details
that say exactly what is wrong; nothing was written when one is raised."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditdesk.services.errors import ServiceError


class ExchangeError(ServiceError):
    code = "exchange"


class WorkbookUnreadable(ExchangeError):
    """The file is not a workbook AuditDesk can read, or its header row is unusable.

    ``reason``: not_xlsx, unreadable, too_large, no_header_row, missing_columns,
    duplicate_column, too_many_rows."""

    code = "workbook"

    def __init__(self, message: str, reason: str, **details: Any) -> None:
        super().__init__(message, reason=reason, **details)
        self.reason = reason


@dataclass(frozen=True)
class RowError:
    """One bad cell: the spreadsheet row number, the column as headed in the file, the field
    it maps to, the value as read and a reason code (``invalid_date``, ``credit_code.checksum``,
    ``duplicate_in_file``, ``expiry_before_issue``, ``unknown_standard``, ``required``, ...)."""

    row: int
    column: str
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.value!r} — {self.reason}"


class ImportRejected(ExchangeError):
    """Some rows are wrong; nothing was written. ``errors`` lists every bad cell."""

    code = "import_rejected"

    def __init__(self, message: str, errors: list[RowError], report: Any = None) -> None:
        super().__init__(message, count=len(errors))
        self.errors = errors
        self.report = report


class PackageRefused(ExchangeError):
    """An offline audit package was refused before anything was written.

    ``reason``: truncated, not_a_package, encrypted_needs_password, wrong_password,
    unsafe_path, link_in_archive, duplicate_entry, too_large, compression_bomb,
    size_mismatch, hash_mismatch, newer_format, bad_manifest, missing_entry,
    unknown_reference, clash."""

    code = "package_refused"

    def __init__(self, message: str, reason: str, **details: Any) -> None:
        super().__init__(message, reason=reason, **details)
        self.reason = reason
