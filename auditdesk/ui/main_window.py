"""The main window: navigation to every page, shortcuts, remembered layout, plug-in pages.

Pages owned by other parts of the UI are plugged in by import when their module exists:
the NC review queue (``auditdesk.ui.nc.ReviewQueuePage``) as a tab of the Nonconformities
page, and the audit workspace (``auditdesk.ui.workspace``: ``AuditWorkspace``/
``WorkspaceWindow``/``open_workspace``) opened from the Audits register.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QShortcut,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from auditdesk.ui import verify_actions
from auditdesk.ui.context import AppContext
from auditdesk.ui.dashboard import DashboardPage
from auditdesk.ui.options import LAST_PAGE
from auditdesk.ui.registers.configs import RegisterConfig, build_configs
from auditdesk.ui.registers.widget import RegisterWidget
from auditdesk.ui.settings_page import SettingsPage
from auditdesk.ui.window_actions import WindowActions

PAGES = (
    "dashboard",
    "clients",
    "certificates",
    "audits",
    "ncs",
    "schedule",
    "standards",
    "auditors",
    "settings",
)


def page_icon(name: str) -> QIcon:
    from auditdesk.paths import resource

    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


class MainWindow(WindowActions, QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from auditdesk.ui import accessibility, palette

        accessibility.install()
        palette.follow_palette_changes()  # dark mode switched while the window is open
        self.ctx = ctx
        ctx.navigate = self.navigate
        self.setObjectName("mainWindow")
        self.setWindowIcon(page_icon("auditdesk"))
        self.undo_group = QUndoGroup(self)
        self.configs = build_configs(ctx)
        self.configs["audits"] = dataclasses.replace(
            self.configs["audits"],
            new_action=self.plan_from_register,
            open_action=lambda _w, rid: self.open_audit(rid),
        )
        self.configs["ncs"] = dataclasses.replace(
            self.configs["ncs"], open_action=lambda _w, rid: self.open_nc(rid)
        )
        self.configs["certificates"] = dataclasses.replace(
            self.configs["certificates"], open_action=lambda _w, rid: self.plan_audit(rid)
        )
        self.registers: dict[str, RegisterWidget] = {}
        self.pages: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setMaximumWidth(220)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 14px; } "
            "QListWidget#navigation::item { padding: 8px 10px; }"
        )
        self.stack = QStackedWidget()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.setCentralWidget(self.splitter)

        for name in PAGES:
            page = self._make_page(name)
            self.pages[name] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page_icon(name), "")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._on_page)
        self._build_menus()
        self.retranslate()
        self.restore_state()

    # -- pages -----------------------------------------------------------------------------------
    def _register(self, name: str, config: RegisterConfig) -> RegisterWidget:
        w = RegisterWidget(self.ctx, config)
        self.undo_group.addStack(w.undo_stack)
        self.registers[name] = w
        return w

    def _make_page(self, name: str) -> QWidget:
        if name == "dashboard":
            page = DashboardPage(self.ctx)
            page.open_register.connect(self.open_register)
            return page
        if name == "settings":
            return SettingsPage(self.ctx)
        if name == "schedule":
            from auditdesk.ui.documents import schedule_actions

            config = dataclasses.replace(
                self.configs["audits"],
                sort=("start_date", False),
                columns=(
                    "start_date",
                    "end_date",
                    "client",
                    "audit_type",
                    "mode",
                    "planned_days",
                    "window_latest",
                    "number",
                    "status",
                ),
                actions=schedule_actions,
            )
            w = self._register("schedule", config)
            w.set_filters({"preset": "planned"})
            return w
        if name == "ncs":
            register = self._register("ncs", self.configs["ncs"])
            from auditdesk.ui.nc import ReviewQueuePage

            tabs = QTabWidget()
            tabs.setObjectName("ncTabs")
            tabs.addTab(register, "")
            # Deferred: the queue reads nothing until its tab is first shown, then loads in the background.
            self.nc_queue = ReviewQueuePage(self.ctx, None, self.ctx.user, deferred=True)
            tabs.addTab(self.nc_queue, "")
            return tabs
        return self._register(name, self.configs[name])

    def current_page(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "dashboard"

    def show_page(self, name: str) -> QWidget:
        self.nav.setCurrentRow(PAGES.index(name))
        return self.pages[name]

    def _on_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        name = PAGES[row]
        reg = self.registers.get(name)
        self.undo_group.setActiveStack(reg.undo_stack if reg else None)
        if name == "dashboard":
            page = self.pages["dashboard"]
            if isinstance(page, DashboardPage):
                page.refresh_if_stale()

    def open_register(self, register: str, filters: dict[str, Any]) -> RegisterWidget:
        """Show a register with the given filters (what the dashboard figures do)."""
        self.show_page(register)
        widget = self.registers[register]
        if isinstance(self.pages[register], QTabWidget):
            self.pages[register].setCurrentIndex(0)  # type: ignore[attr-defined]
        widget.clear_filters()
        widget.set_filters(filters)
        return widget

    def navigate(self, what: str, args: dict[str, Any]) -> None:
        if what == "open_audit":
            self.open_audit(args["id"])
        elif what == "open_nc":
            if args.get("id") is not None:
                self.open_nc(args["id"])
            else:
                self.show_page("ncs")
                page = self.pages["ncs"]
                if isinstance(page, QTabWidget) and page.count() > 1:
                    page.setCurrentIndex(1)
        elif what == "plan_audit":
            self.plan_audit(args["id"])
        elif what == "register":
            self.open_register(args["register"], args.get("filters", {}))

    # -- actions ---------------------------------------------------------------------------------
    def new_record(self) -> None:
        reg = self.registers.get(self.current_page())
        if reg is not None:
            reg.new_record()

    def focus_search(self) -> None:
        reg = self.registers.get(self.current_page())
        if reg is not None:
            reg.focus_search()

    def import_package(self) -> None:
        from auditdesk.ui.package_actions import import_audit_package

        self.package_job = import_audit_package(self.ctx, self)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.export_action = QAction(self)
        self.export_action.triggered.connect(lambda: self._file_action("export_schedule"))
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(lambda: self._file_action("backup_database"))
        self.restore_action = QAction(self)
        self.restore_action.triggered.connect(lambda: self._file_action("restore_database"))
        # The exchange part's dialogs (Excel import, merge conflicts) and sign-out.
        self.import_action = QAction(self)
        self.import_action.triggered.connect(self.import_excel)
        self.conflicts_action = QAction(self)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.signout_action = QAction(self)
        self.signout_action.triggered.connect(self.sign_out)
        self.file_menu.addAction(self.import_action)
        self.package_import_action = QAction(self)  # offline audit packages (ui/package_actions.py)
        self.package_import_action.triggered.connect(self.import_package)
        self.file_menu.addAction(self.package_import_action)
        from auditdesk.ui import sync_actions  # online sync with the office (ui/sync_actions.py)

        self.sync_action = sync_actions.make_action(self)
        self.file_menu.addAction(self.sync_action)
        self.verify_action = verify_actions.make_action(self)  # ui/verify_actions.py
        self.file_menu.addAction(self.verify_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addAction(self.restore_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.conflicts_action)
        # Users and sign-ins (ui/users_page.py): admins only; the services check again.
        self.users_action = QAction(self)
        self.users_action.setObjectName("usersAction")
        self.users_action.triggered.connect(self.show_users)
        self.users_action.setVisible(self.ctx.can("manage_users"))
        self.file_menu.addAction(self.users_action)
        self.file_menu.addAction(self.signout_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        # Our own actions, not QUndoGroup.createUndoAction(): Qt fixes that action's "Undo %1"
        # in the language it was made in, so after a live switch it kept saying "撤销".
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo_group.undo)
        self.redo_action = QAction(self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.undo_group.redo)
        for signal in (
            self.undo_group.canUndoChanged,
            self.undo_group.canRedoChanged,
            self.undo_group.undoTextChanged,
            self.undo_group.redoTextChanged,
            self.undo_group.activeStackChanged,
        ):
            signal.connect(self._undo_texts)
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_record)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        for a in (self.undo_action, self.redo_action, self.new_action, self.find_action):
            self.edit_menu.addAction(a)
        self.go_menu = bar.addMenu("")
        self.go_actions: list[QAction] = []
        for i, name in enumerate(PAGES):
            a = QAction(self)
            a.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            a.triggered.connect(lambda _c=False, n=name: self.show_page(n))
            self.go_menu.addAction(a)
            self.go_actions.append(a)
        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.about)
        self.help_menu.addAction(self.about_action)
        # F5 reloads the current page's list (another user may have changed it).
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, activated=self.refresh_page)

    def show_users(self) -> None:
        from auditdesk.ui.users_page import show_users_dialog

        self.users_dialog = show_users_dialog(self.ctx, self)

    def refresh_page(self) -> None:
        page = self.pages.get(self.current_page())
        queue = getattr(self, "nc_queue", None)
        if isinstance(page, QTabWidget) and queue is not None and page.currentWidget() is queue:
            queue.refresh()
            return
        reg = self.registers.get(self.current_page())
        if reg is not None:
            reg.refresh()
        elif self.current_page() == "dashboard":
            self.pages["dashboard"].refresh()  # type: ignore[attr-defined]

    def page_titles(self) -> dict[str, str]:
        return {
            "dashboard": self.tr("Dashboard"),
            "clients": self.tr("Clients"),
            "certificates": self.tr("Certificates"),
            "audits": self.tr("Audits"),
            "ncs": self.tr("Nonconformities"),
            "schedule": self.tr("Schedule"),
            "standards": self.tr("Standards"),
            "auditors": self.tr("Auditors"),
            "settings": self.tr("Settings"),
        }

    def _fit_navigation(self) -> None:
        """The navigation is as wide as its longest label, so no label is ever clipped
        ("受审核ﾌ" at 88 px); the splitter cannot squeeze it below that."""
        font = self.nav.font()
        font.setPixelSize(14)  # the navigation's style sheet
        metrics = QFontMetrics(font)
        texts = [self.nav.item(i).text() for i in range(self.nav.count())]
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        # icon + the item's padding (2 × 10 px) + the icon's spacing + frame and margins
        width = widest + self.nav.iconSize().width() + 20 + 12 + 2 * self.nav.frameWidth() + 8
        self.nav.setMinimumWidth(width)
        self.nav.setMaximumWidth(max(220, width))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("AuditDesk") + f" — {self.ctx.db.path or self.ctx.db.url}")
        titles = self.page_titles()
        for i, name in enumerate(PAGES):
            self.nav.item(i).setText(f"{titles[name]}")
            self.nav.item(i).setToolTip(f"Ctrl+{i + 1}")
            self.go_actions[i].setText(titles[name])
        self._fit_navigation()
        self.nav.setAccessibleName(self.tr("Pages"))
        self.file_menu.setTitle(self.tr("&File"))
        self.quit_action.setText(self.tr("Quit"))
        self.export_action.setText(self.tr("Export surveillance schedule…"))
        self.import_action.setText(self.tr("Import from Excel…"))
        self.package_import_action.setText(self.tr("Import audit package…"))
        from auditdesk.ui import sync_actions

        sync_actions.retranslate(self.sync_action)
        verify_actions.retranslate(self.verify_action)
        self.conflicts_action.setText(self.tr("Merge conflicts…"))
        self.signout_action.setText(self.tr("Sign out"))
        self.users_action.setText(self.tr("Users and sign-ins…"))
        self.backup_action.setText(self.tr("Back up the database…"))
        self.restore_action.setText(self.tr("Restore from a backup…"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self._undo_texts()
        self.new_action.setText(self.tr("New record"))
        self.find_action.setText(self.tr("Search"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("About AuditDesk"))
        page = self.pages.get("ncs")
        if isinstance(page, QTabWidget):
            page.setTabText(0, self.tr("Register"))
            if page.count() > 1:
                page.setTabText(1, self.tr("Review queue"))

    def _undo_texts(self, *_args: object) -> None:
        """ "Undo" / "Undo <what>" in the current language, enabled when there is something."""
        group = self.undo_group
        for action, can, what, plain, named in (
            (
                self.undo_action,
                group.canUndo(),
                group.undoText(),
                self.tr("Undo"),
                self.tr("Undo %1"),
            ),
            (
                self.redo_action,
                group.canRedo(),
                group.redoText(),
                self.tr("Redo"),
                self.tr("Redo %1"),
            ),
        ):
            action.setEnabled(can)
            action.setText(named.replace("%1", what) if can and what else plain)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def restore_state(self) -> None:
        s = self.ctx.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        else:  # first start: 1400×860, or the whole available screen of a smaller laptop
            screen = self.screen() or QGuiApplication.primaryScreen()
            avail = screen.availableGeometry() if screen is not None else None
            width, height = 1400, 860
            if avail is not None:
                width, height = min(width, avail.width()), min(height, avail.height())
            self.resize(width, height)
        state = s.value("window/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray | bytes):
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([180, 1220])
        for name, reg in self.registers.items():
            _with_key(reg, name, lambda r: r.restore_state(s))
        last = LAST_PAGE.get(s)
        self.show_page(last if last in PAGES else "dashboard")

    def save_state(self) -> None:
        s = self.ctx.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        LAST_PAGE.set(s, self.current_page())
        for name, reg in self.registers.items():
            _with_key(reg, name, lambda r: r.save_state(s))
        s.sync()

    def closeEvent(self, e: Any) -> None:
        self.save_state()
        super().closeEvent(e)


def _with_key(reg: RegisterWidget, key: str, fn: Callable[[RegisterWidget], None]) -> None:
    """Registers sharing a config (Audits and Schedule) keep their layouts apart."""
    original = reg.config
    reg.config = dataclasses.replace(original, name=key)
    try:
        fn(reg)
    finally:
        reg.config = original
