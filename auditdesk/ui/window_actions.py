"""What the main window opens beyond its own pages: the audit workspace, NC dialogs, the
planning dialog, the exchange part's dialogs (import, conflicts, sign-out), About.

Pages and dialogs owned by other parts of the UI are found by import (``find_plugin``) so the
window still starts while one of them is being built.
"""

from __future__ import annotations

import importlib
import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from auditdesk import __version__


def find_plugin(module: str, names: tuple[str, ...]) -> Any:
    """The first of ``names`` found in ``module``; None when the module is not there yet."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    for name in names:
        found = getattr(mod, name, None)
        if found is not None:
            return found
    return None



class WindowActions:
    """Mixed into MainWindow (which provides ctx, registers, pages, open_register, show_page)."""

    ctx: Any
    registers: dict[str, Any]

    def open_audit(self, audit_id: uuid.UUID) -> None:
        opener = find_plugin("auditdesk.ui.workspace", ("open_workspace", "AuditWorkspace", "WorkspaceWindow",
                                                        "AuditWorkspaceWindow"))
        if opener is None:
            QMessageBox.information(self, self.tr("Audit workspace"),
                                    self.tr("The audit workspace is not available in this build."))
            return
        try:
            win = opener(self.ctx, audit_id, self)
            if isinstance(win, QWidget):
                win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                win.show()
                self._workspace = win
        except Exception as exc:
            from auditdesk.ui.errors import show_error

            show_error(exc, self)

    def open_nc(self, nc_id: uuid.UUID) -> None:
        """One NC with its lifecycle actions (the NC part's dialog), or its register row."""
        dialog_cls = find_plugin("auditdesk.ui.nc.detail_dialog", ("NCDetailDialog",))
        if dialog_cls is None:
            self.open_register("ncs", {"ids": [nc_id]})
            return
        try:
            dialog = dialog_cls(self.ctx, nc_id, self)
            if hasattr(dialog, "changed"):
                dialog.changed.connect(lambda: self.registers["ncs"].refresh())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
            self._nc_dialog = dialog
        except Exception as exc:
            from auditdesk.ui.errors import show_error

            show_error(exc, self)

    def plan_audit(self, certificate_id: uuid.UUID) -> None:
        from auditdesk.ui.planning_dialog import PlanningDialog

        dialog = PlanningDialog(self.ctx, certificate_id, self)
        if dialog.exec() and dialog.created_id is not None:
            for name in ("audits", "schedule", "certificates"):
                self.registers[name].refresh()
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
        number, ok = QInputDialog.getText(self, self.tr("Plan an audit"), self.tr("Certificate number:"), text=preset)
        if not ok or not number.strip():
            return
        try:
            with self.ctx.session() as s:
                cert_id = find_certificate(s, number).id
        except NotFound:
            QMessageBox.warning(self, self.tr("Plan an audit"), self.tr("No certificate with this number."))
            return
        self.plan_audit(cert_id)

    def import_excel(self) -> None:
        show = find_plugin("auditdesk.ui.import_dialog", ("show_import_dialog",))
        kind = "clients" if self.current_page() == "clients" else "certificates"
        if show is not None and show(self.ctx.db, self.ctx.user, self, kind):
            for reg in self.registers.values():
                reg.refresh()

    def show_conflicts(self) -> None:
        show = find_plugin("auditdesk.ui.conflicts", ("show_conflicts",))
        if show is not None and show(self.ctx.db, self.ctx.user, self):
            for reg in self.registers.values():
                reg.refresh()

    def sign_out(self) -> None:
        """Forget the remembered user: the next start asks who is working."""
        forget = find_plugin("auditdesk.ui.signin", ("forget_user",))
        if forget is not None:
            forget(self.ctx.settings)
        QMessageBox.information(self, self.tr("Sign out"),
                                self.tr("AuditDesk will ask who you are when it starts next time."))
        self.close()

    def _file_action(self, name: str) -> None:
        from auditdesk.ui import file_actions

        getattr(file_actions, name)(self.ctx, self)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About AuditDesk"),
                          self.tr("AuditDesk %1\nAudit evidence manager for certification-body auditors.")
                          .replace("%1", __version__))

    # -- remembered layout -----------------------------------------------------------------------
