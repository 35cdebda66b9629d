""" "Changed by X meanwhile": the small dialog after a save was refused by optimistic locking.

The save raised ``services.errors.Conflict`` (storage/concurrency.py) naming who saved the
record first and when. The user chooses:

- **Reload**: drop my edits, show the record as it is now;
- **Merge**: reload, then put my edits back on top — fields only I changed are kept, fields
  only they changed are taken, fields we both changed keep mine and are listed so I can look
  before saving again (against the reloaded version, so a third save is caught the same way);
- **Cancel**: keep my edits in the editor; nothing is saved.

An editor uses it as::

    try:
        save(values, version_seen)          # with storage.concurrency.expect_version(...)
    except Conflict as exc:
        outcome = resolve_conflict(exc, base=loaded, mine=values, reload=load_again, parent=self)
        if outcome is not None:
            values, version_seen = outcome.values, outcome.version
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from auditdesk.services.errors import conflict_subject
from auditdesk.storage.errors import ServerUnreachable, classify_sqlite_error

RELOAD, MERGE, CANCEL = "reload", "merge", "cancel"


@dataclass
class Outcome:
    choice: str
    values: dict[str, Any]
    version: int
    both_changed: list[str] = field(default_factory=list)


def merge_edits(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Three-way merge of one record's fields: (merged values, fields both sides changed differently)."""
    merged = dict(theirs)
    both: list[str] = []
    for key, value in mine.items():
        if key in base and value == base[key]:
            continue  # I did not touch it: theirs stands
        if key in theirs and theirs[key] != base.get(key) and theirs[key] != value:
            both.append(key)
        merged[key] = value
    return merged, sorted(both)


def connection_lost(exc: BaseException) -> bool:
    """Whether a save failed because the connection to the database server went away (a network
    blip, a restarted server, a terminated backend): worth one more try, never a crash."""

    if isinstance(exc, ServerUnreachable):
        return True
    if getattr(exc, "connection_invalidated", False):
        return True
    return isinstance(classify_sqlite_error(exc), ServerUnreachable)


def _kind_word(kind: str) -> str:
    return {
        "evidence": QCoreApplication.translate("ConflictReload", "Evidence item"),
        "nonconformity": QCoreApplication.translate("ConflictReload", "Nonconformity"),
        "organisation": QCoreApplication.translate("ConflictReload", "Client"),
        "certificate": QCoreApplication.translate("ConflictReload", "Certificate"),
        "audit": QCoreApplication.translate("ConflictReload", "Audit"),
        "app_user": QCoreApplication.translate("ConflictReload", "User"),
    }.get(kind, "")


def attach_subject(exc: BaseException, session: Any) -> BaseException:
    """Put the record's name and the saver's display name on the conflict (``details["subject"]``)."""

    details = getattr(exc, "details", None)
    if isinstance(details, dict) and "subject" not in details:
        try:
            details["subject"] = conflict_subject(session, exc)
        except Exception:  # noqa: BLE001 — the database went away too: the sentence without the name
            details["subject"] = {}
    return exc


def name_conflict(exc: BaseException, open_session: Callable[[], Any]) -> BaseException:
    """:func:`attach_subject` in a read of its own (``open_session()`` is a context manager: the
    screen's ``ctx.session`` or ``database.session``). Naming the record is a nicety: when the
    database went away too, the question is still asked, without the name."""
    try:
        with open_session() as session:
            attach_subject(exc, session)
    except Exception:  # noqa: BLE001 — naming the record is a nicety; the question is still asked
        pass
    return exc


def headline(exc: BaseException) -> str:
    """One sentence: "Evidence #3 · 2026-0076 was changed by 王建国 at 10:42 meanwhile."."""
    details = getattr(exc, "details", {}) or {}
    subject = details.get("subject") or {}
    who = (
        subject.get("who")
        or details.get("changed_by")
        or QCoreApplication.translate("ConflictReload", "someone else")
    )
    when = details.get("changed_at")
    when_text = when.astimezone().strftime("%H:%M") if hasattr(when, "astimezone") else ""
    kind = _kind_word(str(subject.get("kind", "")))
    what = " ".join(p for p in (kind, str(subject.get("label") or "")) if p)
    if details.get("version") is None and details.get("record_id"):
        if what:
            return QCoreApplication.translate(
                "ConflictReload", "{what} was deleted by {who} meanwhile."
            ).format(what=what, who=who)
        return QCoreApplication.translate(
            "ConflictReload", "{who} deleted this record while you were editing it."
        ).format(who=who)
    if what and when_text:
        return QCoreApplication.translate(
            "ConflictReload", "{what} was changed by {who} at {when} meanwhile."
        ).format(what=what, who=who, when=when_text)
    if what:
        return QCoreApplication.translate(
            "ConflictReload", "{what} was changed by {who} meanwhile."
        ).format(what=what, who=who)
    return QCoreApplication.translate(
        "ConflictReload", "{who} changed this record while you were editing it."
    ).format(who=who)


def conflict_text(exc: BaseException) -> str:
    details = getattr(exc, "details", {}) or {}
    text = headline(exc)
    when = details.get("changed_at")
    when_text = when.astimezone().strftime("%Y-%m-%d %H:%M") if hasattr(when, "astimezone") else ""
    if details.get("version") is None and details.get("record_id"):
        return text
    if when_text and not (details.get("subject") or {}).get("kind"):
        text += " " + QCoreApplication.translate("ConflictReload", "(saved {when})").format(
            when=when_text
        )
    return (
        text
        + "\n\n"
        + QCoreApplication.translate(
            "ConflictReload",
            "Reload shows their version; Merge puts your edits back on top of it;"
            " Keep mine leaves your edits here, unsaved.",
        )
    )


def ask_reload_or_merge(exc: BaseException, parent: QWidget | None = None) -> str:
    """RELOAD, MERGE or CANCEL, asked in a message box."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("ConflictReload", "Changed meanwhile"),
        conflict_text(exc),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    reload_button = box.addButton(
        QCoreApplication.translate("ConflictReload", "Reload"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    merge_button = box.addButton(
        QCoreApplication.translate("ConflictReload", "Merge my edits"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    keep = box.addButton(QMessageBox.StandardButton.Cancel)
    keep.setText(QCoreApplication.translate("ConflictReload", "Keep mine, unsaved"))
    deleted = (getattr(exc, "details", {}) or {}).get("version") is None
    merge_button.setEnabled(not deleted)
    box.setDefaultButton(merge_button if not deleted else reload_button)
    box.setDetailedText(str(exc))
    box.exec()
    clicked = box.clickedButton()
    return RELOAD if clicked is reload_button else MERGE if clicked is merge_button else CANCEL


def resolve_conflict(
    exc: BaseException,
    *,
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    reload: Callable[[], tuple[Mapping[str, Any], int]],
    parent: QWidget | None = None,
    ask: Callable[[BaseException, QWidget | None], str] = ask_reload_or_merge,
) -> Outcome | None:
    """Ask, then return what the editor shows next and the version to save against (None: cancel)."""
    choice = ask(exc, parent)
    if choice == CANCEL:
        return None
    theirs, version = reload()
    if choice == RELOAD:
        return Outcome(RELOAD, dict(theirs), version)
    merged, both = merge_edits(base, mine, theirs)
    return Outcome(MERGE, merged, version, both)
