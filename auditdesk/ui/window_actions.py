"""What the main window opens beyond its own pages: the audit workspace, NC dialogs, the
planning dialog, the exchange part's dialogs (import, conflicts, sign-out), About.

The dialogs are imported when first used, so they cost nothing at start-up.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from auditdesk import __version__

if TYPE_CHECKING:  # typed as the window it is mixed into; a plain object at run time
    from PySide6.QtWidgets import QMainWindow as _Window
else:
    _Window = object


class WindowActions(_Window):
    """Mixed into MainWindow (which provides ctx, registers, pages, open_register, show_page)."""

    ctx: Any
    registers: dict[str, Any]

    if TYPE_CHECKING:

        def current_page(self) -> str: ...

        def open_register(self, register: str, filters: dict[str, Any]) -> Any: ...

    def open_audit(self, audit_id: uuid.UUID) -> None:
        from auditdesk.ui.workspace import open_workspace

        try:
            win = open_workspace(self.ctx, audit_id, self)
            win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            win.show()
            self._workspace = win
        except Exception as exc:  # noqa: BLE001 — the workspace could not open: shown to the user
            from auditdesk.ui.errors import show_error

            show_error(exc, self)

    def open_nc(self, nc_id: uuid.UUID) -> None:
        """One NC with its lifecycle actions (raise, respond, accept, verify, close)."""
        from auditdesk.ui.nc.detail_dialog import NCDetailDialog

        try:
            dialog = NCDetailDialog(
                self.ctx, nc_id, self
            )  # its writes reach the register as ctx.changed
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
            self._nc_dialog = dialog
        except Exception as exc:  # noqa: BLE001 — the dialog could not open: shown to the user
            from auditdesk.ui.errors import show_error

            show_error(exc, self)

    def plan_audit(self, certificate_id: uuid.UUID) -> None:
        from auditdesk.ui.planning_dialog import PlanningDialog

        dialog = PlanningDialog(self.ctx, certificate_id, self)
        if dialog.exec() and dialog.created_id is not None:  # the registers follow ctx.changed
            self.open_register("audits", {"ids": [dialog.created_id]})

    def plan_from_register(self, _widget: Any = None) -> None:
        """Audits → New: ask which certificate, then plan."""
        from auditdesk.services.certificates import find_certificate
        from auditdesk.services.errors import NotFound

        cert_reg = self.registers["certificates"]
        preset = ""
        if cert_reg.current_id() is not None:
            idx = cert_reg.view.currentIndex()
            preset = cert_reg.model.data(cert_reg.model.index(idx.row(), 0)) or ""
        number, ok = QInputDialog.getText(
            self, self.tr("Plan an audit"), self.tr("Certificate number:"), text=preset
        )
        if not ok or not number.strip():
            return
        try:
            with self.ctx.session() as s:
                cert_id = find_certificate(s, number).id
        except NotFound:
            QMessageBox.warning(
                self, self.tr("Plan an audit"), self.tr("No certificate with this number.")
            )
            return
        self.plan_audit(cert_id)

    def import_excel(self) -> None:
        from auditdesk.ui.import_dialog import show_import_dialog

        kind = "clients" if self.current_page() == "clients" else "certificates"
        show_import_dialog(self.ctx.db, self.ctx.user, self, kind)  # registers: ctx.changed

    def show_conflicts(self) -> None:
        from auditdesk.ui.conflicts import show_conflicts

        show_conflicts(self.ctx.db, self.ctx.user, self)  # what it merges reaches ctx.changed

    def sign_out(self) -> None:
        """Forget the remembered user (and revoke its token): the next start asks who is working."""
        from auditdesk.ui.signin import forget_user

        forget_user(self.ctx.settings, self.ctx.db)
        QMessageBox.information(
            self,
            self.tr("Sign out"),
            self.tr("AuditDesk will ask who you are when it starts next time."),
        )
        self.close()

    def _file_action(self, name: str) -> None:
        from auditdesk.ui import file_actions

        getattr(file_actions, name)(self.ctx, self)

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About AuditDesk"),
            self.tr(
                "AuditDesk %1\nAudit evidence manager for certification-body auditors."
            ).replace("%1", __version__),
        )

    # -- remembered layout -----------------------------------------------------------------------
