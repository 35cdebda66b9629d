"""认证到 check-in from the workspace: the dialog of the meetings' photos, the team's ticks, the
site's location and meeting times, and marking a photo as taken at a meeting."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from auditdesk.model import CheckInMoment
from auditdesk.services import check_in
from auditdesk.services import evidence as ev
from auditdesk.services import workspace_data as wd
from auditdesk.ui import labels
from auditdesk.ui.workspace.dialogs import CheckInDialog, PlaceDialog
from auditdesk.ui.workspace.gateway import WorkspaceGateway
from auditdesk.ui.workspace.words import _TEXT, problem_text, word


def word_note(code: str, detail: str) -> str:
    text = _TEXT.get(("check_in_note", code))
    if not text:
        return code
    return QCoreApplication.translate("Workspace", str(text)).replace("%1", detail)


class CheckInFlow:
    """The check-in actions of one audit; ``after_mark`` refreshes the attachments shown."""

    def __init__(
        self, gateway: WorkspaceGateway, window: QWidget, after_mark: Callable[[], None]
    ) -> None:
        self.gateway = gateway
        self.audit_id = gateway.audit_id
        self.window = window
        self.after_mark = after_mark
        self.dialog: CheckInDialog | None = None

    def show(self) -> CheckInDialog:
        view = self.gateway.read(lambda s: wd.check_in_view(s, self.audit_id))
        rows = [
            (
                p.id,
                word("check_in", p.moment),
                p.captured_at.astimezone().strftime("%Y-%m-%d %H:%M") if p.captured_at else "",
                p.place,
                p.filename,
                p.path,
                p.sha256,
            )
            for p in view.photos
        ]
        st = view.state
        team = [(m.ref, m.name, labels.label("team_role", m.role), t) for m, t in st.team]
        notes = [
            problem_text(f.code, st.filenames.get(f.ref or "", f.ref or ""))
            if ("problem", f.code) in _TEXT
            else word_note(f.code, st.filenames.get(f.ref or "", ""))
            for f in st.findings
            if f.code != "check_in.member_not_ticked"
        ]
        meetings = (
            None
            if st.meetings is None
            else (st.meetings.opening_start, st.meetings.closing_start, st.meetings.closing_end)
        )
        dlg = CheckInDialog(
            rows, self.window, team=team, site=st.site, notes=notes, meetings=meetings
        )
        dlg.meetings_entered.connect(self.set_meetings)
        dlg.tick.connect(self.tick_member)
        dlg.site_entered.connect(self.set_site)
        dlg.site_from_photo.connect(self.site_from_first_photo)

        def add(moment: str) -> None:
            dlg.accept()
            self.add_photo_interactive(moment)

        dlg.add_opening.clicked.connect(lambda: add("opening"))
        dlg.add_closing.clicked.connect(lambda: add("closing"))
        self.dialog = dlg
        dlg.show()
        return dlg

    def tick_member(self, auditor_id: str, ticked: bool) -> object | None:
        return self.gateway.run(
            lambda s: check_in.set_ticked(s, self.audit_id, uuid.UUID(auditor_id), ticked)
        )

    def set_site(self, lat: float, lon: float) -> object | None:
        return self.gateway.run(lambda s: wd.set_check_in_site(s, self.audit_id, lat, lon))

    def set_meetings(
        self,
        opening_start: dt.datetime,
        closing_start: dt.datetime,
        closing_end: dt.datetime,
    ) -> object | None:
        return self.gateway.run(
            lambda s: check_in.set_meetings(
                s, self.audit_id, opening_start, closing_start, closing_end
            )
        )

    def site_from_first_photo(self) -> object | None:
        return self.gateway.run(lambda s: check_in.adopt_site_from_photos(s, self.audit_id))

    def add_photo(
        self, path: Path, moment: str, place: str = "", taken_at: dt.datetime | None = None
    ) -> uuid.UUID | None:
        return self.gateway.run(
            lambda s: (
                ev.add_check_in_photo(
                    s,
                    self.audit_id,
                    path,
                    CheckInMoment(moment),
                    place=place,
                    taken_at=taken_at,
                    store=ev.store_for(s),
                ).id
            )
        )

    def add_photo_interactive(self, moment: str) -> None:
        name, _f = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("Workspace", "Check-in photo"),
            "",
            QCoreApplication.translate("Workspace", "Photos (*.jpg *.jpeg *.png *.heic *.webp)"),
        )
        if not name:
            return
        dlg = PlaceDialog(None, self.window)
        if dlg.exec():
            place, taken = dlg.values()
            self.add_photo(Path(name), moment, place, taken)

    def mark(
        self, att_id: uuid.UUID, moment: str, place: str = "", taken_at: dt.datetime | None = None
    ) -> bool:
        ok = self.gateway.run(
            lambda s: ev.mark_check_in(
                s,
                att_id,
                CheckInMoment(moment) if moment else None,
                place=place,
                taken_at=taken_at,
                audit_id=self.audit_id,
            )
        )
        self.after_mark()
        return ok is not None

    def mark_interactive(self, att_id: uuid.UUID, moment: str) -> None:
        if not moment:
            self.mark(att_id, "")
            return
        when = self.gateway.read(lambda s: wd.captured_at(s, att_id))
        dlg = PlaceDialog(when, self.window)
        if dlg.exec():
            place, taken = dlg.values()
            self.mark(att_id, moment, place, taken)
