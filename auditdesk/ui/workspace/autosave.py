"""The editor's saves, run by the one job runner off the GUI thread (issue 21 point 1).

The editor hands its changes here (``save``); the job saves them against the version the
editor showed, trying once more after a lost connection, and its answer comes back on the GUI
thread: confirmed (the list shows the stored item), refused as changed meanwhile (the auditor
is asked reload / merge / keep mine, never overwritten silently), or failed (the text stays
pending in the editor, the auditor is told once). ``finish`` waits for a save on its way.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
from PySide6.QtWidgets import QWidget

from auditdesk.services import workspace_data as wd
from auditdesk.services.errors import ServiceError
from auditdesk.ui import errors
from auditdesk.ui.conflict_reload import (
    MERGE,
    ask_reload_or_merge,
    connection_lost,
    resolve_conflict,
)
from auditdesk.ui.workspace.editor import EvidenceEditor
from auditdesk.ui.workspace.evidence_list import EvidenceList
from auditdesk.ui.workspace.gateway import WorkspaceGateway

SAVE_WAIT_S = 30.0  # closing waits this long at most for a save on its way


class Autosave(QObject):
    saved = Signal(object, object)  # item id, the changed field names (a set)

    def __init__(self, gateway: WorkspaceGateway, window: QWidget) -> None:
        super().__init__(window)
        self.gateway = gateway
        self.window = window
        self.conflicts: list[Exception] = []  # saves refused as "changed meanwhile"
        self.retries = 0  # saves tried again after a lost connection
        self.ask_conflict: Callable[[BaseException, QWidget | None], str] = ask_reload_or_merge
        self.editor: EvidenceEditor | None = None
        self.items: EvidenceList | None = None

    def attach(self, editor: EvidenceEditor, items: EvidenceList) -> None:
        """The editor and list it saves for (built again on a language switch)."""
        self.editor, self.items = editor, items

    def _parts(self) -> tuple[EvidenceEditor, EvidenceList]:
        assert self.editor is not None and self.items is not None, "attach() first"
        return self.editor, self.items

    def save(self, item_id: uuid.UUID, changes: wd.Changes) -> bool | None:
        """The editor's save: handed to the job runner; the answer comes to the editor later."""
        _editor, items = self._parts()
        seen = items.snaps.get(item_id)
        self._start(item_id, changes, seen.version if seen else None)
        return None

    def _start(
        self,
        item_id: uuid.UUID,
        changes: wd.Changes,
        version: int | None,
        merged: list[str] | None = None,
    ) -> None:
        self.gateway.save_in_background(
            item_id,
            changes,
            version,
            lambda outcome: self._answered(item_id, changes, outcome, merged),
            self._failed,
        )

    def _answered(
        self,
        item_id: uuid.UUID,
        changes: wd.Changes,
        outcome: wd.SaveOutcome,
        merged: list[str] | None,
    ) -> None:
        editor, items = self._parts()
        self.retries += outcome.retries
        if outcome.conflict is not None and outcome.current is not None:
            self._conflict(outcome.conflict, item_id, changes, outcome.current)
            return
        assert outcome.saved is not None
        items.update_item(outcome.saved)
        editor.save_finished(True)
        if merged is not None:
            self._show_current(item_id)
            if merged:
                self.gateway.messages.append(
                    self.tr("Both of you changed: %1. Yours was kept; check it.").replace(
                        "%1", ", ".join(merged)
                    )
                )
        self.saved.emit(item_id, set(changes))

    def _failed(self, exc: BaseException) -> None:
        editor, _items = self._parts()
        editor.save_finished(False)
        if isinstance(exc, ServiceError):
            errors.show_error(exc, self.window)
            self.gateway.messages.append(type(exc).__name__)
        elif connection_lost(exc):
            self.gateway.tell_offline()
        else:  # a bug: the crash dialog, with the typed text still in the editor
            errors.show_error(exc, self.window)

    def _conflict(
        self,
        exc: Exception,
        item_id: uuid.UUID,
        changes: wd.Changes,
        current: wd.EvidenceSnapshot,
    ) -> None:
        """Someone saved this item since the editor showed it: ask, never overwrite silently."""
        editor, items = self._parts()
        self.conflicts.append(exc)
        seen = items.snaps.get(item_id)
        base = wd.snapshot_values(seen) if seen else {}

        def reload() -> tuple[wd.Changes, int]:
            items.update_item(current)
            return wd.snapshot_values(current), current.version or 0

        outcome = resolve_conflict(
            exc,
            base=base,
            mine={**base, **changes},
            reload=reload,
            parent=self.window,
            ask=self.ask_conflict,
        )
        if outcome is None:  # keep mine: it stays typed, unsaved, and is tried again later
            editor.save_finished(False)
            return
        if outcome.choice != MERGE:
            editor.save_finished(True)  # theirs is shown: nothing of mine is left to save
            self._show_current(item_id)
            self.saved.emit(item_id, set())
            return
        mine = {k: v for k, v in outcome.values.items() if k in changes}
        self._start(item_id, mine, current.version, merged=list(outcome.both_changed))

    def _show_current(self, item_id: uuid.UUID) -> None:
        """Show the item as stored now (after a reload or a merge) in the editor."""
        editor, items = self._parts()
        snap = items.snaps.get(item_id)
        if snap is not None and editor.item_id == item_id:
            editor.load(snap)

    def finish(self, timeout_s: float = SAVE_WAIT_S) -> bool:
        """Save what is typed and wait for the answer (closing, quitting, a language switch).

        Returns whether everything typed is stored. A save cancelled with the app's quit gets
        no answer: it is waited for until its work is done (its transaction committed)."""
        editor, _items = self._parts()
        deadline = time.monotonic() + timeout_s
        editor.flush()
        while editor.saving and time.monotonic() < deadline:
            work_done = not self.gateway.saves_running()
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if editor.saving:
                if work_done and self.gateway.answers_dropped():
                    break
                time.sleep(0.005)
            elif editor.has_pending and editor.last_save_ok:
                editor.flush()  # typed while it was saving
        return not editor.saving and not editor.has_pending
