"""The current evidence item's files in the attachment strip: shown from what the service
read, opened (photos in the viewer), archived, put into the report or taken out."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from auditdesk.services import evidence as ev
from auditdesk.services import workspace_data as wd
from auditdesk.ui.workspace.attachments_view import AttachmentStrip, PhotoViewer, open_externally
from auditdesk.ui.workspace.gateway import WorkspaceGateway
from auditdesk.ui.workspace.words import word


class ItemFiles:
    def __init__(
        self, gateway: WorkspaceGateway, window: QWidget, after_archive: Callable[[], None]
    ) -> None:
        self.gateway = gateway
        self.window = window
        self.after_archive = after_archive
        self.strip: AttachmentStrip | None = None
        self.item_id: uuid.UUID | None = None
        self.lines: list[wd.AttachmentLine] = []

    def attach(self, strip: AttachmentStrip) -> None:
        """The strip it fills (built again on a language switch)."""
        self.strip = strip
        strip.openRequested.connect(self.view)
        strip.archiveRequested.connect(self.archive)
        strip.reportRequested.connect(self.set_in_report)

    def show_for(self, item_id: uuid.UUID | None) -> None:
        self.item_id = item_id
        if item_id is None:
            self._show([])
            return
        audit_id = self.gateway.audit_id
        self._show(self.gateway.read(lambda s: wd.attachment_lines(s, audit_id, item_id)))

    def refresh(self) -> None:
        self.show_for(self.item_id)

    def _show(self, lines: list[wd.AttachmentLine]) -> None:
        assert self.strip is not None
        self.lines = lines
        if not lines:
            self.strip.clear()
            return
        self.strip.show_attachments(
            [
                (
                    a.id,
                    a.filename,
                    a.sha256,
                    a.is_photo,
                    a.path,
                    word("check_in", a.check_in) if a.check_in else "",
                )
                for a in lines
            ]
        )
        self.strip.set_in_report(
            {a.id for a in lines if a.is_photo}, {a.id for a in lines if a.in_report}
        )

    def ids(self) -> list[uuid.UUID]:
        return [a.id for a in self.lines]

    def view(self, att_id: uuid.UUID) -> None:
        photos = [(a.filename, a.path) for a in self.lines if a.is_photo]
        for a in self.lines:
            if a.id == att_id:
                if a.is_photo:
                    index = [n for n, _p in photos].index(a.filename)
                    PhotoViewer(photos, index, self.window).exec()
                else:
                    open_externally(a.path, a.filename)
                return

    def archive(self, att_id: uuid.UUID) -> None:
        if self.gateway.run(lambda s: ev.archive_attachment(s, att_id)) is not None:
            self.after_archive()

    def set_in_report(self, att_id: uuid.UUID, include: bool) -> bool:
        """The auditor puts a photo into the report or takes it out (issue 20.4)."""
        ok = self.gateway.run(lambda s: ev.set_photo_in_report(s, att_id, include))
        self.refresh()
        return ok is not None
