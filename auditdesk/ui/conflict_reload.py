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


def conflict_text(exc: BaseException) -> str:
    details = getattr(exc, "details", {}) or {}
    who = details.get("changed_by") or QCoreApplication.translate("ConflictReload", "someone else")
    when = details.get("changed_at")
    when_text = when.astimezone().strftime("%Y-%m-%d %H:%M") if hasattr(when, "astimezone") else ""
    if details.get("version") is None and details.get("record_id"):
        return QCoreApplication.translate(
            "ConflictReload", "{who} deleted this record while you were editing it."
        ).format(who=who)
    text = QCoreApplication.translate(
        "ConflictReload", "{who} changed this record while you were editing it."
    ).format(who=who)
    if when_text:
        text += " " + QCoreApplication.translate("ConflictReload", "(saved {when})").format(
            when=when_text
        )
    return (
        text
        + "\n\n"
        + QCoreApplication.translate(
            "ConflictReload", "Reload shows their version; Merge puts your edits back on top of it."
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
    box.addButton(QMessageBox.StandardButton.Cancel)
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
