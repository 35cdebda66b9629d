"""Why a package or a workbook was refused, in the user's language.

A leaf of the UI (Qt and the i18n helpers only): ``ui/errors.py`` words a refusal with it, and
``ui/package_actions.py`` / ``ui/import_dialog.py`` use it too, with no import cycle between
them. The translation contexts stay "Package" and "Import".
"""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from auditdesk.exchange.errors import WorkbookUnreadable
from auditdesk.ui.i18n import current_language

# QT_TRANSLATE_NOOP is typed as returning object; it returns the text.
REFUSALS: dict[str, str] = cast(
    dict[str, str],
    {
        "truncated": QT_TRANSLATE_NOOP(
            "Package",
            "The package file is cut short or damaged (perhaps an incomplete "
            "copy). Copy it again from the sender.",
        ),
        "not_a_package": QT_TRANSLATE_NOOP(
            "Package", "This file is not an AuditDesk audit package."
        ),
        "encrypted_needs_password": QT_TRANSLATE_NOOP(
            "Package", "The package is encrypted: its password is needed."
        ),
        "wrong_password": QT_TRANSLATE_NOOP(
            "Package", "The password is wrong (or the encrypted package was altered)."
        ),
        "unsafe_path": QT_TRANSLATE_NOOP(
            "Package",
            "The package holds a file path outside the package; it may be hostile and was not opened.",
        ),
        "link_in_archive": QT_TRANSLATE_NOOP(
            "Package", "The package holds a link; it may be hostile and was not opened."
        ),
        "duplicate_entry": QT_TRANSLATE_NOOP(
            "Package", "The package holds the same entry twice; it was altered."
        ),
        "too_large": QT_TRANSLATE_NOOP(
            "Package", "The package holds an entry larger than AuditDesk accepts."
        ),
        "compression_bomb": QT_TRANSLATE_NOOP(
            "Package",
            "The package unpacks to far more than its size (a compression bomb); it was not opened.",
        ),
        "size_mismatch": QT_TRANSLATE_NOOP(
            "Package",
            "A file in the package does not have the size its list says; "
            "the package was altered or damaged.",
        ),
        "hash_mismatch": QT_TRANSLATE_NOOP(
            "Package",
            "An attachment in the package does not match its fingerprint; "
            "the package was altered or damaged.",
        ),
        "newer_format": QT_TRANSLATE_NOOP(
            "Package",
            "The package was made by a newer AuditDesk. Update AuditDesk, then import it again.",
        ),
        "bad_manifest": QT_TRANSLATE_NOOP(
            "Package",
            "The package's contents list is not valid; the package was altered or damaged.",
        ),
        "missing_entry": QT_TRANSLATE_NOOP(
            "Package", "A file the package lists is missing from it."
        ),
        "unknown_reference": QT_TRANSLATE_NOOP(
            "Package",
            "The package refers to records that are neither in it nor "
            "in this database (for example a standard not loaded here).",
        ),
        "older_format": QT_TRANSLATE_NOOP(
            "Package",
            "The package was made by an older AuditDesk that merged by snapshot. Update AuditDesk "
            "on that computer, then export the package again.",
        ),
        "own_package": QT_TRANSLATE_NOOP(
            "Package", "This package was made by this database itself; import it on the other one."
        ),
        "clash": QT_TRANSLATE_NOOP(
            "Package",
            "The package clashes with records in this database (the same number "
            "used by a different record).",
        ),
    },
)


def refusal_text(reason: str, exc: Any = None) -> str:
    if reason == "missing_package" and exc is not None:
        sequence = getattr(exc, "sequence", None)
        sender = getattr(exc, "sender_name", "?")
        if sequence:
            return (
                QCoreApplication.translate(
                    "Package", "Package %1 from %2 is missing — import it first."
                )
                .replace("%1", str(sequence))
                .replace("%2", sender)
            )
        return QCoreApplication.translate(
            "Package",
            "This database lacks changes the package from %1 builds on (restored from an "
            "older backup?) — import that computer's earlier packages first.",
        ).replace("%1", sender)
    text = REFUSALS.get(reason)
    if text:
        return QCoreApplication.translate("Package", text)
    return QCoreApplication.translate("Package", "The package was refused (%1).").replace(
        "%1", reason
    )


def workbook_text(exc: WorkbookUnreadable) -> str:
    """Why a workbook cannot be read, in the user's language (never the English message)."""
    from auditdesk.exchange.excel_import import COLUMNS

    d = exc.details
    zh = current_language() == "zh_CN"
    headers = {c.field: (c.zh if zh else c.en) for cols in COLUMNS.values() for c in cols}
    texts = {
        "not_xlsx": QCoreApplication.translate(
            "Import", "it is not an .xlsx workbook, or it is damaged"
        ),
        "unreadable": QCoreApplication.translate("Import", "the file cannot be read"),
        "too_large": QCoreApplication.translate("Import", "it is too large"),
        "no_header_row": QCoreApplication.translate(
            "Import", "no header row found in the first 10 rows"
        ),
        "missing_columns": QCoreApplication.translate(
            "Import", "required columns are missing: {0}"
        ).format("、".join(headers.get(str(c), str(c)) for c in d.get("columns", []))),
        "duplicate_column": QCoreApplication.translate(
            "Import", "two columns mean the same field ({0})"
        ).format(headers.get(str(d.get("field", "")), "")),
        "too_many_rows": QCoreApplication.translate("Import", "it has more than 100 000 rows"),
    }
    return texts.get(exc.reason, QCoreApplication.translate("Import", "the file cannot be read"))
