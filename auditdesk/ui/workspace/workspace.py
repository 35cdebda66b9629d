"""The audit workspace: the screen an auditor uses most, on site, offline, by keyboard.

Left, the clause tree of the audit's standards (clause_tree.py); right, the selected clause's
prompts and judgement (clause_panel.py), its evidence items (evidence_list.py), the editor
(editor.py), the item's files (attachments_view.py) and the clause's nonconformities
(nc_tab.py); below, completeness, search results and earlier audits' NCs (bottom_tabs.py).
This class builds them, wires their signals and turns what they ask for into service calls
(gateway.py, services/workspace_data.py): it holds no query of its own. Every edit is saved in
its own transaction; typed text is saved on the job runner's writer thread (see editor.py).

Keys: Ctrl+Enter new evidence item on this clause · Ctrl+PgDown/PgUp next/previous clause ·
Alt+Down/Up next/previous item · Ctrl+1…6 judge the clause, Ctrl+0 clear · Ctrl+J judgement ·
Ctrl+F search · Ctrl+Shift+A attach a file · Ctrl+Shift+V paste an attachment ·
Ctrl+Shift+N raise a nonconformity on this clause (its evidence preselected).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from auditdesk.model import Attachment
from auditdesk.services import evidence as ev
from auditdesk.services import workspace_data as wd
from auditdesk.services.completeness import Problem, check_completeness
from auditdesk.services.coverage import AuditCoverage, audit_coverage
from auditdesk.services.search import SearchHit
from auditdesk.services.termination import TerminationData, terminate_audit
from auditdesk.storage.database import Database
from auditdesk.ui import accessibility, errors, labels, palette
from auditdesk.ui.context import AppContext
from auditdesk.ui.documents import DocumentsDialog
from auditdesk.ui.flow_layout import FlowLayout
from auditdesk.ui.i18n import current_language
from auditdesk.ui.jobs import Job
from auditdesk.ui.nc import NCDetailDialog, NCDialog, PreviousNCsWidget
from auditdesk.ui.package_actions import export_audit_package
from auditdesk.ui.workspace.attachments_view import AttachmentStrip, paste_from_clipboard
from auditdesk.ui.workspace.autosave import Autosave
from auditdesk.ui.workspace.bottom_tabs import BottomTabs
from auditdesk.ui.workspace.check_in_flow import CheckInFlow
from auditdesk.ui.workspace.clause_panel import JUDGEMENTS, ClausePanel
from auditdesk.ui.workspace.clause_tree import ClauseTree, Row, row_of
from auditdesk.ui.workspace.coverage_view import coverage_dialog
from auditdesk.ui.workspace.dialogs import CheckInDialog, CoverageDialog, TerminationDialog
from auditdesk.ui.workspace.editor import EvidenceEditor, EvidenceSnapshot
from auditdesk.ui.workspace.evidence_list import EvidenceList
from auditdesk.ui.workspace.gateway import WorkspaceGateway
from auditdesk.ui.workspace.item_files import ItemFiles
from auditdesk.ui.workspace.nc_tab import ClauseNCs

__all__ = ["AuditWorkspace", "Row", "open_workspace"]

T = TypeVar("T")

# The kinds of services/changes.py (the app's change notification) that the workspace shows.
EVIDENCE_KIND = "evidence"
SHOWN_KINDS = (EVIDENCE_KIND, "nonconformities", "audits")


class AuditWorkspace(QWidget):
    openAuditRequested = Signal(uuid.UUID)
    openNonconformityRequested = Signal(uuid.UUID)
    changed = Signal()

    def __init__(
        self,
        database: Database | AppContext,
        audit_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        user: str | None = None,
    ) -> None:
        super().__init__(parent)
        # Accept the main window's AppContext (db + signed-in user) or a bare Database.
        if isinstance(database, Database):
            self.db, signed_in = database, None
        else:
            self.db, signed_in = database.db, database.user
        self.user: str = user or signed_in or "system"
        self.audit_id = audit_id
        self.gateway = WorkspaceGateway(self.db, self.user, audit_id, self)
        self.messages = self.gateway.messages  # what was told to the user (tests read it)
        self.autosave = Autosave(self.gateway, self)
        self.autosave.saved.connect(self._item_saved)
        self.files = ItemFiles(
            self.gateway, self, lambda: self._load_items(select=self.editor.item_id)
        )
        self.current: Row | None = None
        self.locked = False
        self.audit_label = ""
        self.audit_start: dt.date | None = None
        self.sites: list[tuple[uuid.UUID, str]] = []
        self.coverage: AuditCoverage | None = None
        self._archived_last: uuid.UUID | None = None
        self._saved_here: set[uuid.UUID] = set()  # autosaved items whose echo is not back yet
        self.check_in = CheckInFlow(self.gateway, self, self.files.refresh)
        # Dialogs opened last (tests drive them).
        self.documents_dialog: DocumentsDialog | None = None
        self.coverage_dialog: CoverageDialog | None = None
        self.nc_dialog: NCDialog | None = None
        self.nc_detail_dialog: NCDetailDialog | None = None
        accessibility.install()
        self._build()
        self._load_audit()
        self.refresh_coverage()
        first = next((n for n, r in self.rows.items() if r.depth >= 1), None)
        if first:
            self.select_clause(first)
        app = QCoreApplication.instance()
        if app is not None:  # quitting: what is typed is saved first
            app.aboutToQuit.connect(self.finish_saves)
        if not isinstance(database, Database):  # the app's one change notification
            database.subscribe(SHOWN_KINDS, self.on_changes, self)

    def finish_saves(self) -> bool:
        """Save what is typed and wait for the answer: nothing acknowledged is lost."""
        return self.autosave.finish()

    def _item_saved(self, item_id: uuid.UUID, fields: set[str]) -> None:
        self._saved_here.add(item_id)
        if "site_id" in fields:
            self.refresh_coverage()
        self.changed.emit()

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self._built_language = current_language()
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.site_filter = QComboBox()
        self.site_filter.setToolTip(self.tr("Sites axis: show counts and items of one site"))
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search evidence and NCs (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_all = QCheckBox(self.tr("All audits"))
        self.btn_checkin = QPushButton(self.tr("Check-in photos"))
        self.btn_coverage = QPushButton(self.tr("Coverage"))
        self.btn_complete = QPushButton(self.tr("Completeness"))
        self.btn_terminate = QPushButton(self.tr("Terminate (撤组)…"))
        self.btn_documents = QPushButton(self.tr("Documents…"))
        self.btn_documents.setObjectName("documentsButton")
        self.btn_documents.setToolTip(
            self.tr("Audit report, plan and case draft; issue the report (lead)")
        )
        # Same words as the audits register's button (one translation, context "Package").
        self.btn_package = QPushButton(
            QCoreApplication.translate("Package", "Export audit package…")
        )
        self.btn_package.setObjectName("exportPackageButton")
        top = FlowLayout()  # wraps on a narrow window (125 % scaling on a laptop)
        top.addWidget(self.title, 1)
        for w in (self.site_filter, self.search_box, self.search_all):
            top.addWidget(w)
        for b in (
            self.btn_checkin,
            self.btn_coverage,
            self.btn_complete,
            self.btn_terminate,
            self.btn_documents,
            self.btn_package,
        ):
            top.addWidget(b)

        self.tree = ClauseTree()
        self.clause_panel = ClausePanel()
        self.judgement = self.clause_panel.judgement
        self.judgement_note = self.clause_panel.judgement_note
        self.items = EvidenceList()
        self.editor = EvidenceEditor(self.autosave.save)
        self.strip = AttachmentStrip()
        self.autosave.attach(self.editor, self.items)
        self.files.attach(self.strip)
        self.btn_new = QPushButton(self.tr("New item (Ctrl+Enter)"))
        self.btn_attach = QPushButton(self.tr("Attach file… (Ctrl+Shift+A)"))
        self.btn_paste = QPushButton(self.tr("Paste (Ctrl+Shift+V)"))
        self.btn_archive = QPushButton(self.tr("Archive item"))
        self.btn_raise_nc = QPushButton(self.tr("Raise NC… (Ctrl+Shift+N)"))
        self.btn_raise_nc.setToolTip(
            self.tr("Raise a nonconformity on this clause, linked to its evidence")
        )
        self.clause_ncs = ClauseNCs()
        self.nc_list = self.clause_ncs.nc_list
        buttons = QHBoxLayout()
        for b in (
            self.btn_new,
            self.btn_attach,
            self.btn_paste,
            self.btn_archive,
            self.btn_raise_nc,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.undo_box = QWidget()
        self.undo_box.setObjectName("archiveUndoBar")
        undo_row = QHBoxLayout(self.undo_box)
        undo_row.setContentsMargins(0, 0, 0, 0)
        self.undo_bar = QLabel()
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undoArchiveButton")
        undo_row.addWidget(self.undo_bar, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_box.hide()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.clause_panel)
        rl.addWidget(QLabel(self.tr("Evidence items")))
        rl.addWidget(self.items)
        rl.addWidget(self.editor, 1)
        rl.addWidget(self.strip)
        rl.addLayout(buttons)
        rl.addWidget(self.undo_box)
        rl.addWidget(self.clause_ncs)

        self.marks = QLineEdit()
        self.marks.setPlaceholderText(
            self.tr("Use of marks and certificate references: what you found")
        )
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.tree, 1)
        ll.addWidget(QLabel(self.tr("Marks and certificate references")))
        ll.addWidget(self.marks)

        # On a 1366×768 laptop the clause panel is taller than the screen: it scrolls, so
        # the workspace never needs more height than the screen has.
        right_scroll = QScrollArea()
        right_scroll.setObjectName("clausePanelScroll")
        right_scroll.setWidget(right)
        right_scroll.setWidgetResizable(True)
        right_scroll.setFrameShape(QFrame.Shape.NoFrame)
        right_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right_scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([560, 900])

        self.previous = PreviousNCsWidget(self.db, self.audit_id, user=self.user)
        self.bottom = BottomTabs(self.previous)
        self.problems: QListWidget = self.bottom.problems
        self.results: QListWidget = self.bottom.results
        vsplit = QSplitter(Qt.Orientation.Vertical)
        vsplit.addWidget(split)
        vsplit.addWidget(self.bottom)
        vsplit.setSizes([720, 200])  # the bottom tabs hold the previous NCs too

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(vsplit, 1)
        self._wire()

    def _wire(self) -> None:
        self.marks.editingFinished.connect(self._save_marks)
        self.editor.clausesEdited.connect(self.set_item_clauses)
        self.tree.clauseChosen.connect(self._clause_chosen)
        self.items.itemChosen.connect(self._item_chosen)
        self.clause_panel.judged.connect(self._judge)
        self.clause_panel.noteEdited.connect(lambda value: self._judge(value, note_only=True))
        self.clause_panel.promptChosen.connect(lambda text: self.new_item(description=text + "："))
        self.site_filter.currentIndexChanged.connect(lambda _i: self._site_changed())
        self.search_box.returnPressed.connect(self.run_search)
        self.bottom.hitChosen.connect(self.go_to_hit)
        self.bottom.problemChosen.connect(self.go_to_problem)
        self.btn_new.clicked.connect(lambda: self.new_item())
        self.btn_attach.clicked.connect(self.attach_dialog)
        self.btn_paste.clicked.connect(lambda: paste_from_clipboard(self.strip))
        self.btn_archive.clicked.connect(self.archive_current_item)
        self.btn_raise_nc.clicked.connect(lambda: self.raise_nc())
        self.undo_button.clicked.connect(self.undo_archive)
        self.clause_ncs.openRequested.connect(self.openNonconformityRequested.emit)
        self.openNonconformityRequested.connect(self.open_nc)
        self.previous.changed.connect(self._previous_changed)
        self.btn_complete.clicked.connect(self.run_completeness)
        self.btn_coverage.clicked.connect(self.show_coverage)
        self.btn_terminate.clicked.connect(lambda: self.terminate())  # not clicked(bool)
        self.btn_documents.clicked.connect(lambda: self.show_documents())
        self.btn_package.clicked.connect(lambda: self.export_package())
        self.btn_checkin.clicked.connect(self.show_check_in)
        self.strip.filesDropped.connect(self.attach_paths)
        self.strip.imagePasted.connect(self.attach_image)
        self.strip.checkInRequested.connect(self.check_in.mark_interactive)

        def act(keys: list[str], slot: Callable[..., object]) -> None:
            a = QAction(self)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(slot)
            self.addAction(a)

        act(["Ctrl+Return", "Ctrl+Enter"], lambda: self.new_item())
        act(["Ctrl+PgDown"], lambda: self.step_clause(1))
        act(["Ctrl+PgUp"], lambda: self.step_clause(-1))
        act(["Alt+Down"], lambda: self._step_item(1))
        act(["Alt+Up"], lambda: self._step_item(-1))
        act(["Ctrl+F"], self._focus_search)
        act(["Ctrl+J"], self.judgement.setFocus)
        act(["Ctrl+Shift+A"], self.attach_dialog)
        act(["Ctrl+Shift+V"], lambda: paste_from_clipboard(self.strip))
        act(["Ctrl+Shift+N"], lambda: self.raise_nc())
        for i, j in enumerate(JUDGEMENTS):
            act([f"Ctrl+{i}"], lambda _=False, j=j: self._judge(j.value if j else None))

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def window_widget(self) -> QWidget:
        return self

    # --- what the widgets hold (tests and the harness read these) ------------------------------
    @property
    def rows(self) -> dict[str, Row]:
        return self.tree.rows

    @property
    def tree_items(self) -> dict[str, QTreeWidgetItem]:
        return self.tree.tree_items

    @property
    def _snaps(self) -> dict[uuid.UUID, EvidenceSnapshot]:
        return self.items.snaps

    def evidence_count(self, number: str) -> int:
        """What the tree shows for a clause."""
        return self.tree.evidence_count(number)

    def clause_nc_numbers(self) -> list[str]:
        """What the clause panel lists."""
        return self.clause_ncs.numbers()

    def attachment_ids(self) -> list[uuid.UUID]:
        """The current item's files, as the strip shows them."""
        return self.files.ids()

    # The autosave's answers (tests read and set these).
    @property
    def retries(self) -> int:
        return self.autosave.retries

    @property
    def conflicts(self) -> list[Exception]:
        return self.autosave.conflicts

    @property
    def ask_conflict(self) -> Callable[[BaseException, QWidget | None], str]:
        return self.autosave.ask_conflict

    @ask_conflict.setter
    def ask_conflict(self, ask: Callable[[BaseException, QWidget | None], str]) -> None:
        self.autosave.ask_conflict = ask

    def current_item_id(self) -> uuid.UUID | None:
        return self.editor.item_id

    def site_id(self) -> uuid.UUID | None:
        return self.site_filter.currentData()

    # --- loading -------------------------------------------------------------------------------
    def _load_audit(self) -> None:
        zh = current_language() == "zh_CN"
        opened = self.gateway.read(lambda s: wd.opening(s, self.audit_id))
        self._show_header(opened.header)
        self.audit_label = opened.header.number
        self.audit_start = opened.header.start_date
        self.marks.setText(opened.marks_control)
        self.sites = opened.sites
        self.editor.set_sites(self.sites)
        self.site_filter.blockSignals(True)
        self.site_filter.addItem(self.tr("All sites"), None)
        for sid, name in self.sites:
            self.site_filter.addItem(name, sid)
        self.site_filter.blockSignals(False)
        self.tree.show_rows([row_of(line, zh) for line in opened.clauses])
        self._apply_lock()

    def _show_header(self, header: wd.AuditHeader) -> None:
        self.locked = header.locked
        self.title.setText(
            f"<b>{header.number}</b> &nbsp; {header.organisation} &nbsp; "
            f"<span style='color:{palette.css('muted')}'>{labels.label('audit_type', header.audit_type)} · "
            f"{labels.label('audit_mode', header.mode)} · "
            f"{labels.label('audit_status', header.status)}</span>"
            + (
                " &nbsp; <b>"
                + QCoreApplication.translate(
                    "Workspace", "Client history: read-only on this laptop, change it at the office"
                )
                + "</b>"
                if header.history
                else ""
            )
        )

    def _apply_lock(self) -> None:
        """An issued audit is read-only; a correction opened on it makes it editable again."""
        for w in (
            self.marks,
            self.btn_new,
            self.btn_attach,
            self.btn_paste,
            self.btn_archive,
            self.judgement,
            self.btn_terminate,
            self.btn_raise_nc,
        ):
            w.setEnabled(not self.locked)
        if self.locked:
            self.editor.setEnabled(False)  # unlocked, the selected item enables it (_item_chosen)
        self.previous.reverify_button.setEnabled(not self.locked)

    def _lock_changed(self) -> None:
        self._show_header(self.gateway.read(lambda s: wd.audit_header(s, self.audit_id)))
        self._apply_lock()
        self._load_items(select=self.editor.item_id)
        self.changed.emit()

    def refresh_coverage(self) -> None:
        self.coverage = self.gateway.read(lambda s: audit_coverage(s, self.audit_id))
        self.tree.show_coverage(self.coverage, self.site_id())

    def on_changes(self, changes: object = None) -> None:
        """Another screen changed data (the app's one change notification, an ``OpChanges``):
        show it again, where the auditor is, after saving what is typed.

        Changes that touch nothing the workspace shows are ignored, and so is the echo of its
        own autosave (the list shows the saved item already): connected to every commit, the
        workspace must not reload once a second while the auditor types. ``None`` refreshes."""
        touches = getattr(changes, "touches", None)
        if callable(touches) and not touches(SHOWN_KINDS):
            return
        if self._own_echo(changes):
            return
        self.editor.flush()
        self.refresh_coverage()
        self._load_items(select=self.editor.item_id)
        self.previous.refresh()

    def _own_echo(self, changes: object) -> bool:
        """Whether ``changes`` are only evidence rows this workspace's autosave saved."""
        kinds, ids_of = getattr(changes, "kinds", None), getattr(changes, "ids_of", None)
        if kinds is None or not callable(ids_of) or getattr(changes, "bulk", None):
            return False
        ids = ids_of(EVIDENCE_KIND)
        if set(kinds) != {EVIDENCE_KIND} or not ids or not ids <= self._saved_here:
            return False
        self._saved_here -= ids
        return True

    # --- navigation ----------------------------------------------------------------------------
    def select_clause(self, number: str) -> None:
        self.tree.select(number)

    def step_clause(self, delta: int) -> None:
        numbers = list(self.rows)
        if self.current is None or not numbers:
            return
        i = numbers.index(self.current.number) + delta
        if 0 <= i < len(numbers):
            self.select_clause(numbers[i])

    def _clause_chosen(self, number: str) -> None:
        self.editor.flush()
        row = self.rows[number]
        self.current = row
        self.clause_panel.show_clause(row)
        self._load_items()

    def _site_changed(self) -> None:
        self.refresh_coverage()
        self._load_items()

    def _load_items(self, select: uuid.UUID | None = None) -> None:
        row = self.current
        if row is None:
            self.items.show_items([])
            return
        site = self.site_id()
        view = self.gateway.read(lambda s: wd.clause_view(s, self.audit_id, row.clause_ids, site))
        self.items.show_items(view.items)
        self.clause_panel.show_judgement(view.judgement, view.note)
        self.clause_ncs.show_ncs(view.ncs)
        target = select or (view.items[-1].id if view.items else None)
        if target is None or not self.items.select(target):
            focus = self.focusWidget()
            had_focus = self.editor.isAncestorOf(focus) if focus else False
            self.editor.load(None)
            self.files.show_for(None)
            if had_focus:  # a disabled editor drops focus; keep the keyboard in the workspace
                self.tree.setFocus()

    def _item_chosen(self, item_id: uuid.UUID | None) -> None:
        self.editor.flush()
        snap = self.items.snaps.get(item_id) if item_id is not None else None
        self.editor.load(snap)
        self.editor.setEnabled(snap is not None and not self.locked)
        self.files.show_for(self.editor.item_id)

    def _step_item(self, delta: int) -> None:
        if self.items.step(delta):
            self.editor.description.setFocus()

    def _select_item(self, item_id: uuid.UUID) -> None:
        self.items.select(item_id)

    # --- writing -------------------------------------------------------------------------------
    def _run(self, fn: Callable[[Session], T]) -> T | None:
        return self.gateway.run(fn)

    def new_item(self, description: str = "") -> uuid.UUID | None:
        """Ctrl+Enter: save what is typed, start the next item on this clause, cursor in its text."""
        if self.current is None or self.locked:
            return None
        self.editor.flush()
        last = self.items.snaps.get(self.editor.item_id) if self.editor.item_id else None
        data = ev.EvidenceData(
            evidence_type=last.evidence_type if last else "document",  # type: ignore[arg-type]
            clause_ids=list(self.current.clause_ids),
            site_id=self.site_id() or (last.site_id if last else None),
            department=last.department if last else "",
            description=description,
        )
        new_id = self._run(lambda s: ev.add_evidence(s, self.audit_id, data).id)
        if new_id is None:
            return None
        self._load_items(select=new_id)
        self.refresh_coverage()
        self.editor.description.setFocus()
        self.editor.description.moveCursor(self.editor.description.textCursor().MoveOperation.End)
        self.changed.emit()
        return new_id

    def set_item_clauses(self, item_id: uuid.UUID, numbers: list[str]) -> bool:
        """Link an item to the clauses typed (each shared clause to every standard's clause)."""
        unknown = [n for n in numbers if n not in self.rows]
        if unknown:
            self.gateway.tell_not_attached(
                self.tr("No clause %1 in this audit's standards.").replace("%1", ", ".join(unknown))
            )
            return False
        ids = [cid for n in numbers for cid in self.rows[n].clause_ids]
        if self._run(lambda s: ev.set_evidence_clauses(s, item_id, ids)) is None:
            return False
        self.refresh_coverage()
        self._load_items(select=item_id)
        self.changed.emit()
        return True

    def _save_marks(self) -> None:
        if self.locked:
            return
        text = self.marks.text()
        if self._run(lambda s: ev.set_marks_control(s, self.audit_id, text)) is not None:
            self.refresh_coverage()

    def archive_current_item(self) -> None:
        """Archive the current item after asking; the bar that follows offers Undo."""
        item_id = self.editor.item_id
        if item_id is None:
            return
        self.editor.flush()
        snap = self.items.snaps.get(item_id)
        words = (snap.description if snap else "").strip().splitlines()
        preview = words[0][:40] + ("…" if len(words[0]) > 40 else "") if words else ""
        if not errors.confirm(
            self,
            self.tr("Archive evidence"),
            self.tr(
                "Archive this evidence item?\n\n%1\n\nIt leaves the lists, the coverage and "
                "the report; it is not deleted, and Undo brings it back."
            ).replace("%1", preview or self.tr("(no description)")),
        ):
            return
        if self._run(lambda s: ev.archive_evidence(s, item_id)) is not None:
            self._archived_last = item_id
            self.undo_bar.setText(self.tr("Evidence archived: %1").replace("%1", preview))
            self.undo_box.show()
            self._load_items()
            self.refresh_coverage()

    def undo_archive(self) -> None:
        """Bring back the item archived last (the Undo button of the bar below the buttons)."""
        item_id = self._archived_last
        if item_id is None:
            return
        if self._run(lambda s: ev.archive_evidence(s, item_id, archived=False)) is not None:
            self._archived_last = None
            self.undo_box.hide()
            self._load_items(select=item_id)
            self.refresh_coverage()

    def _judge(self, value: str | None, note_only: bool = False) -> None:
        row = self.current
        if row is None or self.locked:
            return
        if note_only and value is None:
            return
        note, site = self.clause_panel.note(), self.site_id()
        done = self._run(
            lambda s: wd.judge_clause(
                s, self.audit_id, row.clause_ids, value, site_id=site, note=note
            )
        )
        if done:
            self.clause_panel.show_judgement(value)
            self.refresh_coverage()
            self.changed.emit()

    # --- attachments ---------------------------------------------------------------------------
    def _ensure_item_for_files(self) -> uuid.UUID | None:
        return self.editor.item_id or self.new_item()

    def attach_paths(self, paths: list[Path]) -> int:
        """Drop, file dialog and pasted files all end here. Returns how many were attached."""
        item_id = self._ensure_item_for_files()
        if item_id is None:
            return 0
        snap = self.items.snaps.get(item_id)
        fresh = snap is not None and not snap.description.strip() and not snap.attachments
        done = 0
        for p in paths:
            # A photo dropped on a fresh item dates the item: when it was taken, not typed.
            if self._run(self._attach_one(item_id, Path(p), fresh)) is not None:
                done += 1
        self._after_attach(item_id)
        return done

    @staticmethod
    def _attach_one(item_id: uuid.UUID, path: Path, fresh: bool) -> Callable[[Session], Attachment]:
        def work(s: Session) -> Attachment:
            return ev.attach_file(s, item_id, path, store=ev.store_for(s), adopt_capture_time=fresh)

        return work

    def attach_image(self, data: bytes, name: str) -> None:
        item_id = self._ensure_item_for_files()
        if item_id is not None:
            self._run(lambda s: ev.attach_bytes(s, item_id, data, name, store=ev.store_for(s)))
            self._after_attach(item_id)

    def attach_dialog(self) -> None:
        files, _f = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if files:
            self.attach_paths([Path(f) for f in files])

    def _after_attach(self, item_id: uuid.UUID) -> None:
        self._load_items(select=item_id)
        self.changed.emit()

    # --- check-in (check_in_flow.py) -----------------------------------------------------------
    def show_check_in(self) -> CheckInDialog:
        return self.check_in.show()

    def mark_check_in(
        self, att_id: uuid.UUID, moment: str, place: str = "", taken_at: dt.datetime | None = None
    ) -> bool:
        return self.check_in.mark(att_id, moment, place, taken_at)

    def add_check_in_photo(
        self, path: Path, moment: str, place: str = "", taken_at: dt.datetime | None = None
    ) -> uuid.UUID | None:
        return self.check_in.add_photo(path, moment, place, taken_at)

    @property
    def check_in_dialog(self) -> CheckInDialog | None:
        return self.check_in.dialog

    # --- completeness, search, coverage --------------------------------------------------------
    def run_completeness(self) -> list:
        self.editor.flush()
        problems = self.gateway.read(lambda s: check_completeness(s, self.audit_id))
        self.bottom.show_problems(problems)
        return problems

    def go_to_problem(self, p: Problem) -> None:
        """Jump to where a completeness problem is fixed."""
        if p.code.startswith("check_in."):
            self.show_check_in()
            return
        if p.code == "previous_nc.not_verified":  # re-verified in the Previous NCs tab
            self.show_previous_ncs(p.nc_id)
            return
        if p.code == "coverage.must_cover_missing" and p.detail == "marks":
            self.marks.setFocus()
            return
        number = p.clause_number
        if number is None and p.clause_id is not None:
            number = self.tree.number_of({p.clause_id})
        if number:
            self.select_clause(number)
            if p.code == "clause.not_judged":
                self.judgement.setFocus()
            else:
                self.tree.setFocus()
        if p.nc_id is not None:
            self.openNonconformityRequested.emit(p.nc_id)

    def run_search(self) -> list:
        query, all_audits = self.search_box.text(), self.search_all.isChecked()
        lines = self.gateway.read(
            lambda s: wd.search_lines(s, query, self.audit_id, all_audits=all_audits)
        )
        return self.bottom.show_hits(lines)

    def go_to_hit(self, hit: SearchHit) -> None:
        if hit.audit_id and hit.audit_id != self.audit_id:
            self.openAuditRequested.emit(hit.audit_id)
            return
        if hit.kind == "nc":
            clause_id = self.gateway.read(lambda s: wd.nc_clause(s, hit.ref_id))
            number = self.tree.number_of({clause_id}) if clause_id else None
            if number:
                self.select_clause(number)
            self.openNonconformityRequested.emit(hit.ref_id)
            return
        ids = self.gateway.read(lambda s: wd.evidence_clause_ids(s, hit.ref_id))
        number = self.tree.number_of(set(ids))
        if number:
            if self.site_filter.currentIndex() != 0:
                self.site_filter.setCurrentIndex(0)
            self.select_clause(number)
            self._select_item(hit.ref_id)
            self.editor.description.setFocus()

    def show_coverage(self) -> CoverageDialog:
        view = self.gateway.read(lambda s: wd.coverage_view(s, self.audit_id))
        dlg = coverage_dialog(view, self.rows, self.sites, self.audit_id, self.window_widget())
        dlg.clauseChosen.connect(self.go_to_clause_at_site)
        self.coverage_dialog = dlg
        dlg.show()
        return dlg

    def go_to_clause_at_site(self, number: str, site_id: uuid.UUID | None = None) -> None:
        """A heatmap cell chosen: that clause, with the site filter on that site (None: all sites)."""
        index = next(
            (i for i in range(self.site_filter.count()) if self.site_filter.itemData(i) == site_id),
            0,
        )
        if self.site_filter.currentIndex() != index:
            self.site_filter.setCurrentIndex(index)
        self.select_clause(number)
        self.activateWindow()
        self.tree.setFocus()

    # --- documents, package, termination -------------------------------------------------------
    def show_documents(self) -> DocumentsDialog:
        """The audit's documents (report, plan, case draft) and, for leads, issuing the report."""
        self.editor.flush()
        dlg = DocumentsDialog(self.db, self.audit_id, self.window_widget(), user=self.user)
        dlg.issued.connect(self._lock_changed)
        self.documents_dialog = dlg
        dlg.open()
        return dlg

    def export_package(self, target: str | None = None, password: str | None = None) -> Job | None:
        """This audit as an offline package (for a laptop, or back to the office)."""
        self.editor.flush()
        ctx = SimpleNamespace(session=self.gateway.session, db=self.db, user=self.user)
        return export_audit_package(ctx, self.window_widget(), [self.audit_id], target, password)

    def terminate(self, data: TerminationData | None = None) -> bool:
        """Open the 撤组 dialog (or, for scripts and tests, record ``data`` directly)."""
        self.editor.flush()
        if data is None:
            dlg = TerminationDialog(self.audit_label, self.audit_start, self.window_widget())
            if not dlg.exec():
                return False
            data = dlg.data()
        due = self._run(lambda s: terminate_audit(s, self.audit_id, data).reaudit_due or "")
        if due is None:
            return False
        self._show_header(self.gateway.read(lambda s: wd.audit_header(s, self.audit_id)))
        text = QCoreApplication.translate(
            "Workspace", "The audit is terminated. Re-audit due by %1."
        ).replace("%1", str(due or "—"))
        self.messages.append(text)
        if errors.shown is None:
            QMessageBox.information(
                self.window_widget(), QCoreApplication.translate("Workspace", "Terminated"), text
            )
        self.changed.emit()
        return True

    # --- nonconformities -----------------------------------------------------------------------
    def raise_nc(self) -> NCDialog | None:
        """Ctrl+Shift+N: the raise dialog for this audit and clause, the clause's evidence ticked.

        The dialog is opened window-modal (not exec'd), so the keyboard stays in it and tests can
        fill it; on save the clause is judged a nonconformity (when not judged yet) and the
        panels refresh."""
        row = self.current
        if row is None or self.locked:
            return None
        self.editor.flush()
        dlg = NCDialog(
            self.db, self.audit_id, row.clause_ids[0], self.window_widget(), user=self.user
        )
        dlg.accepted.connect(lambda: self._nc_raised(dlg.nc_id))
        self.nc_dialog = dlg
        dlg.open()
        return dlg

    def _nc_raised(self, nc_id: uuid.UUID | None) -> None:
        if nc_id is None:
            return
        clause_id = self.gateway.read(lambda s: wd.nc_clause(s, nc_id))
        number = self.tree.number_of({clause_id}) if clause_id else None
        if number is not None:
            row, site = self.rows[number], self.site_id()
            self._run(
                lambda s: wd.judge_unset_as_nonconformity(s, self.audit_id, row.clause_ids, site)
            )
            if self.current is None or self.current.number != number:
                self.select_clause(number)
        self.refresh_coverage()
        self._load_items(select=self.editor.item_id)
        self.messages.append(self.tr("Nonconformity raised."))
        self.changed.emit()

    def open_nc(self, nc_id: uuid.UUID) -> NCDetailDialog | None:
        """One NC with its lifecycle actions; the workspace refreshes when it changes."""
        if nc_id is None:
            return None
        dlg = NCDetailDialog(self.db, nc_id, self.window_widget(), user=self.user)
        dlg.changed.connect(self._nc_changed)
        self.nc_detail_dialog = dlg
        dlg.show()
        return dlg

    def _nc_changed(self) -> None:
        self._load_items(select=self.editor.item_id)
        self.previous.refresh()

    def _previous_changed(self) -> None:
        self.bottom.show_previous_count()
        if self.problems.count():  # the completeness list was shown: keep it true
            current = self.bottom.currentWidget()
            self.run_completeness()
            self.bottom.setCurrentWidget(current)
        self.changed.emit()

    def show_previous_ncs(self, nc_id: uuid.UUID | None = None) -> None:
        self.bottom.setCurrentWidget(self.previous)
        table = self.previous.table
        for r in range(table.rowCount()):
            item = table.item(r, 0)
            if (
                nc_id is not None
                and item is not None
                and item.data(Qt.ItemDataRole.UserRole + 1) == str(nc_id)
            ):
                table.selectRow(r)
                break
        table.setFocus()

    # --- window events -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.finish_saves()
        super().closeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.editor.flush()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # A live language switch: every text of the workspace is set while it is built, so it
        # is built again where the auditor was: same clause, item, site and bottom tab.
        # Everything typed is saved first; what could not be saved stays parked in the new
        # editor. Qt sends several LanguageChange events per switch: the first one in a new
        # language rebuilds, the others find the workspace already in it.
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "editor"):
            if current_language() != self._built_language:
                self._rebuild_in_new_language()
        super().changeEvent(event)

    def _rebuild_in_new_language(self) -> None:
        old_editor = self.editor
        self.finish_saves()
        unsaved = old_editor.take_unsaved()
        clause = self.current.number if self.current else None
        item = old_editor.item_id
        site, tab = self.site_filter.currentIndex(), self.bottom.currentIndex()
        for action in self.actions():
            self.removeAction(action)
            action.deleteLater()
        holder, old_layout = QWidget(), self.layout()
        assert old_layout is not None
        holder.setLayout(old_layout)  # takes the old layout and the widgets it manages
        holder.deleteLater()
        self.current = None
        self._build()
        self.editor.park(unsaved)
        self._load_audit()
        if 0 <= site < self.site_filter.count():
            self.site_filter.setCurrentIndex(site)
        self.refresh_coverage()
        if clause is not None:
            self.select_clause(clause)
        if item is not None:
            self._load_items(select=item)
        self.bottom.setCurrentIndex(tab)


def open_workspace(*args: Any, **kwargs: Any) -> AuditWorkspace:
    """Open an audit's workspace in its own window, owned by the main window.

    Accepts both ``open_workspace(main_window, database, audit_id)`` and the main window's
    plugin call ``open_workspace(ctx, audit_id, main_window)``; ``database`` may be the
    window's AppContext (database + signed-in user) or a Database.
    """
    if len(args) == 3 and isinstance(args[1], uuid.UUID):
        database, audit_id, main_window = args
    elif len(args) == 3:
        main_window, database, audit_id = args
    else:
        main_window = kwargs.get("main_window", args[0] if args else None)
        database = kwargs["database"]
        audit_id = kwargs["audit_id"]
    ws = AuditWorkspace(database, audit_id, main_window)
    ws.setWindowFlag(Qt.WindowType.Window, True)
    ws.setWindowTitle(
        QCoreApplication.translate("Workspace", "Audit %1 — AuditDesk").replace(
            "%1", ws.audit_label
        )
    )
    ws.resize(1500, 950)
    navigate = getattr(main_window, "navigate", None)
    if callable(navigate):
        ws.openAuditRequested.connect(lambda aid: navigate("open_audit", {"id": aid}))
        # NCs open in the workspace itself (AuditWorkspace.open_nc), refreshing it on change.
    ws.show()
    return ws
