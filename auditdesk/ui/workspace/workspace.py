"""The audit workspace: the screen an auditor uses most, on site, offline, by keyboard.

Left, the clause tree of the audit's standards (shared clauses of an integrated audit once,
with each standard's number), with evidence counts and judgements; right, the selected
clause's prompts, judgement, evidence items and the editor; below, completeness problems and
search results. Every edit is saved at once in its own transaction (see editor.py).

Keys: Ctrl+Enter new evidence item on this clause · Ctrl+PgDown/PgUp next/previous clause ·
Alt+Down/Up next/previous item · Ctrl+1…6 judge the clause, Ctrl+0 clear · Ctrl+J judgement ·
Ctrl+F search · Ctrl+Shift+A attach a file · Ctrl+Shift+V paste an attachment ·
Ctrl+Shift+N raise a nonconformity on this clause (its evidence preselected).

The clause panel lists the clause's nonconformities (Enter/double-click opens one); the
"Previous NCs" tab lists earlier audits' NCs of the same certificate to re-verify here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.model import Judgement
from auditdesk.services import evidence as ev
from auditdesk.services.errors import ServiceError
from auditdesk.storage.attachments import AttachmentRefused
from auditdesk.ui import errors, palette
from auditdesk.ui.conflict_reload import ask_reload_or_merge, connection_lost
from auditdesk.ui.flow_layout import FlowLayout
from auditdesk.ui.workspace.attachments_view import (
    AttachmentStrip,
    PhotoViewer,
    open_externally,
    paste_from_clipboard,
)
from auditdesk.ui.workspace.editor import SNAPSHOT_FIELDS, EvidenceEditor, EvidenceSnapshot
from auditdesk.ui.workspace.panels import PanelsMixin
from auditdesk.ui.workspace.words import refusal_text, word

JUDGEMENTS = [None, *Judgement]
SAVE_ATTEMPTS = 2  # a save that fails on a lost connection is tried once more


@dataclass
class Row:
    number: str
    title: str
    depth: int
    parent: str | None
    clause_ids: list[uuid.UUID]
    members: list[tuple[str, str]]  # (standard code, clause number)
    prompts: list[str] = field(default_factory=list)


def _short(code: str) -> str:
    """ "ISO 9001:2015" -> "9001": the column has room for several."""
    return code.replace("ISO/IEC ", "").replace("ISO ", "").split(":")[0]


class AuditWorkspace(PanelsMixin, QWidget):
    openAuditRequested = Signal(uuid.UUID)
    openNonconformityRequested = Signal(uuid.UUID)
    changed = Signal()

    def __init__(
        self,
        database,
        audit_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        user: str | None = None,
    ):
        super().__init__(parent)
        # Accept the main window's AppContext (db + signed-in user) or a bare Database.
        self.db = getattr(database, "db", database)
        self.user = user or getattr(database, "user", None) or "system"
        self.audit_id = audit_id
        self.rows: dict[str, Row] = {}
        self.tree_items: dict[str, QTreeWidgetItem] = {}
        self.current: Row | None = None
        self.messages: list[str] = []  # what was told to the user (tests read it)
        self.conflicts: list[Exception] = []  # saves refused as "changed meanwhile"
        self.retries = 0  # saves tried again after a lost connection
        self.ask_conflict = ask_reload_or_merge  # reload / merge / keep mine (tests answer)
        from auditdesk.ui import accessibility

        accessibility.install()
        self._build()
        self._load_audit()
        self.refresh_coverage()
        first = next((n for n, r in self.rows.items() if r.depth >= 1), None)
        if first:
            self.select_clause(first)

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        from auditdesk.ui.i18n import current_language

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
        top.addWidget(self.site_filter)
        top.addWidget(self.search_box)
        top.addWidget(self.search_all)
        for b in (
            self.btn_checkin,
            self.btn_coverage,
            self.btn_complete,
            self.btn_terminate,
            self.btn_documents,
            self.btn_package,
        ):
            top.addWidget(b)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Clauses"))
        self.tree.setHeaderLabels(
            [self.tr("Clause"), self.tr("Standards"), self.tr("Evidence"), self.tr("Judgement")]
        )
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 130)
        self.tree.setColumnWidth(2, 70)
        self.tree.setUniformRowHeights(True)

        self.clause_title = QLabel()
        f = self.clause_title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.clause_title.setFont(f)
        self.clause_title.setWordWrap(True)
        self.members_label = QLabel()
        self.prompts = QListWidget()
        self.prompts.setAccessibleName(self.tr("Evidence prompts of the clause"))
        self.prompts.setMaximumHeight(72)
        self.prompts.setToolTip(
            self.tr("Typical evidence. Enter on a prompt starts an item with it.")
        )
        self.judgement = QComboBox()
        for j in JUDGEMENTS:
            self.judgement.addItem(word("judgement", j.value if j else ""), j.value if j else None)
        self.judgement_note = QLineEdit()
        self.judgement_note.setPlaceholderText(self.tr("Judgement note"))
        judge_row = QHBoxLayout()
        judge_row.addWidget(QLabel(self.tr("Judgement")))
        judge_row.addWidget(self.judgement)
        judge_row.addWidget(self.judgement_note, 1)
        self.items = QListWidget()
        self.items.setAccessibleName(self.tr("Evidence items"))
        self.items.setMaximumHeight(150)
        self.editor = EvidenceEditor(self._save_fields)
        self.strip = AttachmentStrip()
        self.btn_new = QPushButton(self.tr("New item (Ctrl+Enter)"))
        self.btn_attach = QPushButton(self.tr("Attach file… (Ctrl+Shift+A)"))
        self.btn_paste = QPushButton(self.tr("Paste (Ctrl+Shift+V)"))
        self.btn_archive = QPushButton(self.tr("Archive item"))
        self.btn_raise_nc = QPushButton(self.tr("Raise NC… (Ctrl+Shift+N)"))
        self.btn_raise_nc.setToolTip(
            self.tr("Raise a nonconformity on this clause, linked to its evidence")
        )
        self.nc_list = QListWidget()
        self.nc_list.setAccessibleName(self.tr("Nonconformities on this clause"))
        self.nc_list.setMaximumHeight(70)
        self.nc_list.setToolTip(
            self.tr("Nonconformities raised on this clause. Enter or double-click opens one.")
        )
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
        self.undo_button.clicked.connect(self.undo_archive)
        undo_row.addWidget(self.undo_bar, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_box.hide()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.addWidget(self.clause_title)
        rl.addWidget(self.members_label)
        rl.addWidget(self.prompts)
        rl.addLayout(judge_row)
        rl.addWidget(QLabel(self.tr("Evidence items")))
        rl.addWidget(self.items)
        rl.addWidget(self.editor, 1)
        rl.addWidget(self.strip)
        rl.addLayout(buttons)
        rl.addWidget(self.undo_box)
        self.nc_heading = QLabel(self.tr("Nonconformities on this clause"))
        rl.addWidget(self.nc_heading)
        rl.addWidget(self.nc_list)

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

        self.bottom = QTabWidget()
        self.problems = QListWidget()
        self.problems.setAccessibleName(self.tr("Completeness"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.bottom.addTab(self.problems, self.tr("Completeness"))
        self.bottom.addTab(self.results, self.tr("Search results"))
        from auditdesk.ui.nc import PreviousNCsWidget

        self.previous = PreviousNCsWidget(self.db, self.audit_id, user=self.user)
        self.previous.reverify_button.setEnabled(not self._audit_locked())
        self.bottom.addTab(self.previous, "")
        self._previous_tab_text()
        vsplit = QSplitter(Qt.Orientation.Vertical)
        vsplit.addWidget(split)
        vsplit.addWidget(self.bottom)
        vsplit.setSizes([720, 200])  # the bottom tabs hold the previous NCs too

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(vsplit, 1)

        self.marks.editingFinished.connect(self._save_marks)
        self.editor.clausesEdited.connect(self.set_item_clauses)
        self.tree.currentItemChanged.connect(self._tree_moved)
        self.items.currentItemChanged.connect(self._item_moved)
        self.judgement.activated.connect(lambda _i: self._judge(self.judgement.currentData()))
        self.judgement_note.editingFinished.connect(
            lambda: self._judge(self.judgement.currentData(), note_only=True)
        )
        self.prompts.itemActivated.connect(lambda it: self.new_item(description=it.text() + "："))
        self.site_filter.currentIndexChanged.connect(lambda _i: self._site_changed())
        self.search_box.returnPressed.connect(self.run_search)
        self.results.itemActivated.connect(self._open_result)
        self.problems.itemActivated.connect(self._open_problem)
        self.btn_new.clicked.connect(lambda: self.new_item())
        self.btn_attach.clicked.connect(self.attach_dialog)
        self.btn_paste.clicked.connect(lambda: paste_from_clipboard(self.strip))
        self.btn_archive.clicked.connect(self.archive_current_item)
        self.btn_raise_nc.clicked.connect(lambda: self.raise_nc())
        # Activated: Enter, or a double-click (once; itemDoubleClicked would open it twice).
        self.nc_list.itemActivated.connect(
            lambda it: self.openNonconformityRequested.emit(it.data(Qt.ItemDataRole.UserRole))
        )
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
        self.strip.openRequested.connect(self.view_attachment)
        self.strip.checkInRequested.connect(self.mark_check_in_interactive)
        self.strip.archiveRequested.connect(self.archive_attachment)
        self.strip.reportRequested.connect(self.set_photo_in_report)

        def act(keys: list[str], slot) -> None:
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
        act(["Ctrl+J"], lambda: self.judgement.setFocus())
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

    # --- loading -------------------------------------------------------------------------------
    def _session(self):
        return self.db.session(self.user)

    def _load_audit(self) -> None:
        from auditdesk.services.audits import get_audit
        from auditdesk.services.coverage import audit_clause_rows
        from auditdesk.ui.i18n import current_language

        zh = current_language() == "zh_CN"
        with self._session() as s:
            audit = get_audit(s, self.audit_id)
            self.locked = audit.locked
            self.audit_label = audit.number
            self.audit_start = audit.start_date
            org = audit.organisation
            sites = [(a.site.id, a.site.name) for a in audit.sites] or [
                (x.id, x.name) for x in org.sites
            ]
            self.title.setText(
                f"<b>{audit.number}</b> &nbsp; {org.name_zh} &nbsp; "
                f"<span style='color:{palette.css('muted')}'>{audit.audit_type.value} · {audit.mode.value} · "
                f"{audit.status.value}</span>"
            )
            self._set_header_words(audit)
            self.marks.setText(audit.marks_control)
            for r in audit_clause_rows(s, self.audit_id):
                self.rows[r.number] = Row(
                    r.number,
                    (r.title_zh or r.title_en) if zh else (r.title_en or r.title_zh),
                    r.depth,
                    r.parent_number,
                    r.clause_ids,
                    [(code, c.number) for code, c in r.members],
                    [
                        (p.get("zh") or p.get("en", "")) if zh else (p.get("en") or p.get("zh", ""))
                        for p in r.prompts
                    ],
                )
        self.sites = sites
        self.editor.set_sites(sites)
        self.site_filter.blockSignals(True)
        self.site_filter.addItem(self.tr("All sites"), None)
        for sid, name in sites:
            self.site_filter.addItem(name, sid)
        self.site_filter.blockSignals(False)
        self.tree.clear()
        for number, row in self.rows.items():
            parent = self.tree_items.get(row.parent) if row.parent else None
            item = QTreeWidgetItem(
                [f"{number}  {row.title}", "·".join(_short(c) for c, _n in row.members), "", ""]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, number)
            item.setToolTip(1, "\n".join(f"{c} §{n}" for c, n in row.members))
            if row.depth == 0:
                bold = QFont(item.font(0))
                bold.setBold(True)
                item.setFont(0, bold)
            (parent.addChild(item) if parent else self.tree.addTopLevelItem(item))
            self.tree_items[number] = item
        self.tree.expandAll()
        self._apply_lock()

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
            self.editor.setEnabled(False)  # unlocked, the selected item enables it (_item_moved)
        if hasattr(self, "previous"):
            self.previous.reverify_button.setEnabled(not self.locked)

    def show_documents(self):
        """The audit's documents (report, plan, case draft) and, for leads, issuing the report."""
        from auditdesk.ui.documents import DocumentsDialog

        self.editor.flush()
        dlg = DocumentsDialog(self.db, self.audit_id, self.window_widget(), user=self.user)
        dlg.issued.connect(self._lock_changed)
        self.documents_dialog = dlg
        dlg.open()
        return dlg

    def export_package(self, target: str | None = None, password: str | None = None):
        """This audit as an offline package (for a laptop, or back to the office)."""
        from types import SimpleNamespace

        from auditdesk.ui.package_actions import export_audit_package

        self.editor.flush()
        ctx = SimpleNamespace(session=self._session, db=self.db, user=self.user)
        return export_audit_package(ctx, self.window_widget(), [self.audit_id], target, password)

    def _lock_changed(self) -> None:
        from auditdesk.services.audits import get_audit

        with self._session() as s:
            audit = get_audit(s, self.audit_id)
            self.locked = bool(audit.locked)
            self._set_header_words(audit)
        self._apply_lock()
        self._load_items(select=self.editor.item_id)
        self.changed.emit()

    def _set_header_words(self, audit) -> None:
        from auditdesk.ui import labels

        self.title.setText(
            f"<b>{audit.number}</b> &nbsp; {audit.organisation.name_zh} &nbsp; "
            f"<span style='color:{palette.css('muted')}'>{labels.label('audit_type', audit.audit_type.value)} · "
            f"{labels.label('audit_mode', audit.mode.value)} · "
            f"{labels.label('audit_status', audit.status.value)}</span>"
        )

    def site_id(self) -> uuid.UUID | None:
        return self.site_filter.currentData()

    def refresh_coverage(self) -> None:
        from auditdesk.services.coverage import audit_coverage

        with self._session() as s:
            cov = audit_coverage(s, self.audit_id)
        self.coverage = cov
        site = self.site_id()
        missing = set(cov.must_cover_missing)
        for number, item in self.tree_items.items():
            count = (
                cov.evidence_by_clause.get(number, 0)
                if site is None
                else cov.evidence_by_clause_site.get(number, {}).get(site, 0)
            )
            item.setText(2, str(count) if count else ("!" if number in missing else ""))
            colour = (
                palette.color("covered_bg")
                if count
                else (palette.color("must_cover_bg") if number in missing else None)
            )
            item.setBackground(2, QBrush(colour) if colour else QBrush())
            if number in missing:
                item.setToolTip(2, self.tr("Every surveillance must cover this clause"))
            judged = cov.judgements.get(number, [])
            inherited = None
            parent = self.rows[number].parent
            while not judged and parent and inherited is None:
                found = cov.judgements.get(parent, [])
                inherited = found[0] if found else None
                parent = self.rows[parent].parent if parent in self.rows else None
            if judged:
                item.setText(3, word("judgement", judged[0].value))
            else:  # a judgement of the parent covers its sub-clauses (completeness agrees)
                item.setText(3, f"({word('judgement', inherited.value)})" if inherited else "")
            if judged and judged[0] == Judgement.NONCONFORMITY:
                item.setForeground(3, QBrush(palette.color("error")))
            else:
                item.setForeground(3, QBrush(palette.color("muted")) if inherited else QBrush())

    def evidence_count(self, number: str) -> int:
        """What the tree shows for a clause (tests read it)."""
        text = self.tree_items[number].text(2)
        return int(text) if text.isdigit() else 0

    # --- navigation ----------------------------------------------------------------------------
    def select_clause(self, number: str) -> None:
        item = self.tree_items.get(number)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtCenter)

    def step_clause(self, delta: int) -> None:
        numbers = list(self.rows)
        if self.current is None or not numbers:
            return
        i = numbers.index(self.current.number) + delta
        if 0 <= i < len(numbers):
            self.select_clause(numbers[i])

    def _tree_moved(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        self.editor.flush()
        if item is None:
            return
        row = self.rows[item.data(0, Qt.ItemDataRole.UserRole)]
        self.current = row
        self.clause_title.setText(f"{row.number}  {row.title}")
        self.members_label.setText("  ·  ".join(f"{c} §{n}" for c, n in row.members))
        self.prompts.clear()
        self.prompts.addItems(row.prompts)
        self._load_items()

    def _site_changed(self) -> None:
        self.refresh_coverage()
        self._load_items()

    def _load_items(self, select: uuid.UUID | None = None) -> None:
        row = self.current
        self.items.blockSignals(True)
        self.items.clear()
        if row is None:
            self.items.blockSignals(False)
            return
        with self._session() as s:
            found = ev.list_evidence(
                s, self.audit_id, clause_ids=row.clause_ids, site_id=self.site_id()
            )
            snaps = [self._snapshot(i) for i in found]
            judged = [
                j
                for j in ev.judgements_of(s, self.audit_id)
                if j.clause_id in row.clause_ids and j.site_id == self.site_id()
            ]
        self._snaps = {sn.id: sn for sn in snaps}
        for sn in snaps:
            li = QListWidgetItem(self._item_text(sn))
            li.setData(Qt.ItemDataRole.UserRole, sn.id)
            self.items.addItem(li)
        self.items.blockSignals(False)
        j = judged[0] if judged else None
        self.judgement.setCurrentIndex(
            max(0, self.judgement.findData(j.judgement.value if j else None))
        )
        self.judgement_note.setText(j.note if j else "")
        self._load_ncs()
        target = select or (snaps[-1].id if snaps else None)
        if target is None:
            had_focus = (
                self.editor.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
            )
            self.editor.load(None)
            self.strip.clear()
            if had_focus:  # a disabled editor drops focus; keep the keyboard in the workspace
                self.tree.setFocus()
        else:
            self._select_item(target)

    def _load_ncs(self) -> None:
        """The clause panel's nonconformities: number, grade, state, first words of the statement."""
        from auditdesk.services.nonconformities import ncs_of_audit
        from auditdesk.ui.nc.texts import NCTexts

        self.nc_list.clear()
        row = self.current
        if row is None:
            return
        texts = NCTexts(self)
        with self._session() as s:
            found = [
                (
                    n.id,
                    n.number,
                    texts.grade(n.grade.value),
                    texts.state(n.state),
                    (n.reason or n.evidence_text or n.requirement).strip().splitlines(),
                )
                for n in ncs_of_audit(s, self.audit_id)
                if n.clause_id in row.clause_ids
            ]
        for nc_id, number, grade, state, lines in found:
            it = QListWidgetItem(f"{number}  [{grade} · {state}]  {(lines or [''])[0][:80]}")
            it.setData(Qt.ItemDataRole.UserRole, nc_id)
            it.setForeground(QBrush(palette.color("error")))
            self.nc_list.addItem(it)
        self.nc_heading.setText(
            self.tr("Nonconformities on this clause (%1)").replace("%1", str(len(found)))
        )

    def clause_nc_numbers(self) -> list[str]:
        """What the clause panel lists (tests read it)."""
        return [self.nc_list.item(i).text().split()[0] for i in range(self.nc_list.count())]

    # --- nonconformities -----------------------------------------------------------------------
    def raise_nc(self):
        """Ctrl+Shift+N: the raise dialog for this audit and clause, the clause's evidence ticked.

        The dialog is opened window-modal (not exec'd), so the keyboard stays in it and tests can
        fill it; on save the clause is judged a nonconformity (when not judged yet) and the
        panels refresh."""
        from auditdesk.ui.nc import NCDialog

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
        from auditdesk.model import Nonconformity

        if nc_id is None:
            return
        with self._session() as s:
            nc = s.get(Nonconformity, nc_id)
            clause_id = nc.clause_id if nc else None
        number = next((r.number for r in self.rows.values() if clause_id in r.clause_ids), None)
        if number is not None:
            row = self.rows[number]
            site = self.site_id()

            def judge_if_unset(s):
                judged = {
                    j.clause_id for j in ev.judgements_of(s, self.audit_id) if j.site_id == site
                }
                for cid in row.clause_ids:
                    if cid not in judged:
                        ev.set_judgement(
                            s, self.audit_id, cid, Judgement.NONCONFORMITY, site_id=site
                        )
                return True

            self._run(judge_if_unset)
            if self.current is None or self.current.number != number:
                self.select_clause(number)
        self.refresh_coverage()
        self._load_items(select=self.editor.item_id)
        self.messages.append(self.tr("Nonconformity raised."))
        self.changed.emit()

    def open_nc(self, nc_id: uuid.UUID):
        """One NC with its lifecycle actions; the workspace refreshes when it changes."""
        from auditdesk.ui.nc import NCDetailDialog

        if nc_id is None:
            return None
        dlg = NCDetailDialog(self.db, nc_id, self.window_widget(), user=self.user)
        dlg.changed.connect(
            lambda: (self._load_items(select=self.editor.item_id), self.previous.refresh())
        )
        self.nc_detail_dialog = dlg
        dlg.show()
        return dlg

    def _audit_locked(self) -> bool:
        from auditdesk.services.audits import get_audit

        with self._session() as s:
            return bool(get_audit(s, self.audit_id).locked)

    def _previous_tab_text(self) -> None:
        n = self.previous.table.rowCount()
        i = self.bottom.indexOf(self.previous)
        self.bottom.setTabText(
            i, self.tr("Previous NCs (%1)").replace("%1", str(n)) if n else self.tr("Previous NCs")
        )

    def _previous_changed(self) -> None:
        self._previous_tab_text()
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

    def _snapshot(self, item) -> EvidenceSnapshot:
        return EvidenceSnapshot(
            item.id,
            item.seq,
            item.evidence_type.value,
            item.site_id,
            item.department,
            item.remote,
            item.observed_at,
            item.description,
            item.references,
            item.interviewee_role,
            [c.number for c in item.clauses],
            len([a for a in item.attachments if not a.archived]),
            item.significant_change,
            item.version,
        )

    def _item_text(self, sn: EvidenceSnapshot) -> str:
        first = (sn.description.strip().splitlines() or [self.tr("(empty)")])[0]
        clip = (
            "  " + self.tr("(%1 files)").replace("%1", str(sn.attachments))
            if sn.attachments
            else ""
        )
        return f"{sn.seq}. [{word('evidence_type', sn.evidence_type)}] {first[:90]}{clip}"

    def _select_item(self, item_id: uuid.UUID) -> None:
        for i in range(self.items.count()):
            if self.items.item(i).data(Qt.ItemDataRole.UserRole) == item_id:
                self.items.setCurrentRow(i)
                return

    def _item_moved(self, li: QListWidgetItem | None, _prev=None) -> None:
        self.editor.flush()
        if li is None:
            self.editor.load(None)
            return
        item_id = li.data(Qt.ItemDataRole.UserRole)
        snap = self._snaps.get(item_id)
        self.editor.load(snap)
        self.editor.setEnabled(snap is not None and not self.locked)
        self._load_attachments()

    def _step_item(self, delta: int) -> None:
        i = self.items.currentRow() + delta
        if 0 <= i < self.items.count():
            self.items.setCurrentRow(i)
            self.editor.description.setFocus()

    def current_item_id(self) -> uuid.UUID | None:
        return self.editor.item_id

    # --- writing -------------------------------------------------------------------------------
    def _run(self, fn):
        """Run one user action in its own transaction; tell the user when it is refused."""
        try:
            with self._session() as s:
                return fn(s)
        except AttachmentRefused as exc:
            self._tell(refusal_text(exc.code, Path(exc.path).name or exc.path, exc.actual))
        except ServiceError as exc:
            errors.show_error(exc, self)
            self.messages.append(type(exc).__name__)
        except Exception as exc:  # the server went away: one translated sentence, no crash
            if not connection_lost(exc):
                raise
            errors.show_error(exc, self)
            self.messages.append("ServerUnreachable")
        return None

    def _tell(self, text: str) -> None:
        self.messages.append(text)
        if errors.shown is not None:
            errors.shown.append((self.tr("Not attached"), text))
        else:
            QMessageBox.warning(self, self.tr("Not attached"), text)

    def _save_fields(self, item_id: uuid.UUID, changes: dict) -> bool:
        """Save the editor's changes against the version it showed (a second writer is asked
        reload / merge / keep mine); a connection lost mid-save is tried once more."""
        from auditdesk.services.errors import Conflict

        seen = self._snaps.get(item_id)
        try:
            saved = self._write_evidence(item_id, changes, seen.version if seen else None)
        except Conflict as exc:
            return self._evidence_conflict(exc, item_id, changes)
        except ServiceError as exc:
            errors.show_error(exc, self)
            self.messages.append(type(exc).__name__)
            return False
        except Exception as exc:
            if not connection_lost(exc):
                raise
            self._tell_offline()
            return False
        self._saved_snapshot(item_id, saved, changes)
        return True

    def _write_evidence(
        self, item_id: uuid.UUID, changes: dict, version: int | None
    ) -> EvidenceSnapshot:
        for attempt in range(SAVE_ATTEMPTS):
            try:
                with self._session() as s:
                    item = ev.update_evidence(s, item_id, changes, expected_version=version)
                    return self._snapshot(item)
            except Exception as exc:
                if attempt + 1 == SAVE_ATTEMPTS or not connection_lost(exc):
                    raise
                self.retries += 1
        raise AssertionError("unreachable")

    def _saved_snapshot(self, item_id: uuid.UUID, saved: EvidenceSnapshot, changes: dict) -> None:
        self._snaps[item_id] = saved
        cur = self.items.currentItem()
        if cur is not None and cur.data(Qt.ItemDataRole.UserRole) == item_id:
            cur.setText(self._item_text(saved))
        if "site_id" in changes:
            self.refresh_coverage()
        self.changed.emit()

    def _tell_offline(self) -> None:
        text = self.tr(
            "The database server cannot be reached: your text is kept here and saved as soon"
            " as the connection is back."
        )
        self.messages.append(text)
        if errors.shown is not None:
            errors.shown.append((self.tr("Not saved yet"), text))
        else:
            QMessageBox.warning(self, self.tr("Not saved yet"), text)

    def _read_item(self, item_id: uuid.UUID) -> tuple[dict, int | None]:
        with self._session() as s:
            snap = self._snapshot(ev.get_evidence(s, item_id))
        self._snaps[item_id] = snap
        return {k: getattr(snap, k) for k in SNAPSHOT_FIELDS}, snap.version

    def _evidence_conflict(self, exc: Exception, item_id: uuid.UUID, changes: dict) -> bool:
        """Someone saved this item since the editor showed it: ask, never overwrite silently."""
        from auditdesk.ui.conflict_reload import MERGE, attach_subject, resolve_conflict

        self.conflicts.append(exc)
        try:
            with self._session() as s:
                attach_subject(exc, s)
        except Exception:  # noqa: BLE001 — naming the record is a nicety; the question is still asked
            pass
        seen = self._snaps.get(item_id)
        base = {k: getattr(seen, k) for k in SNAPSHOT_FIELDS} if seen else {}
        outcome = resolve_conflict(
            exc,
            base=base,
            mine={**base, **changes},
            reload=lambda: self._read_item(item_id),
            parent=self,
            ask=self.ask_conflict,
        )
        if outcome is None:  # keep mine: it stays typed, unsaved, and is tried again later
            return False
        if outcome.choice != MERGE:
            self._show_current(item_id)
            return True
        mine = {k: v for k, v in outcome.values.items() if k in changes}
        ok = self._save_fields(item_id, mine)
        if ok:
            self._show_current(item_id)
            if outcome.both_changed:
                self.messages.append(
                    self.tr("Both of you changed: %1. Yours was kept; check it.").replace(
                        "%1", ", ".join(outcome.both_changed)
                    )
                )
        return ok

    def _show_current(self, item_id: uuid.UUID) -> None:
        """Show the item as stored now (after a reload or a merge) in the list and the editor."""
        snap = self._snaps.get(item_id)
        cur = self.items.currentItem()
        if snap is not None and cur is not None and cur.data(Qt.ItemDataRole.UserRole) == item_id:
            cur.setText(self._item_text(snap))
        if snap is not None and self.editor.item_id == item_id:
            self.editor.load(snap)
        self.changed.emit()

    def new_item(self, description: str = "") -> uuid.UUID | None:
        """Ctrl+Enter: save what is typed, start the next item on this clause, cursor in its text."""
        if self.current is None or self.locked:
            return None
        self.editor.flush()
        last = self._snaps.get(self.editor.item_id) if self.editor.item_id else None
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
            self._tell(
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
        if (
            self._run(lambda s: ev.set_marks_control(s, self.audit_id, self.marks.text()))
            is not None
        ):
            self.refresh_coverage()

    def archive_current_item(self) -> None:
        """Archive the current item after asking; the bar that follows offers Undo."""
        item_id = self.editor.item_id
        if item_id is None:
            return
        self.editor.flush()
        snap = self._snaps.get(item_id)
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
        item_id = getattr(self, "_archived_last", None)
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
        note = self.judgement_note.text()

        def apply(s):
            for cid in row.clause_ids:
                ev.set_judgement(
                    s,
                    self.audit_id,
                    cid,
                    Judgement(value) if value else None,
                    site_id=self.site_id(),
                    note=note,
                )
            return True

        if self._run(apply):
            self.judgement.setCurrentIndex(max(0, self.judgement.findData(value)))
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
        store = self._store()
        snap = self._snaps.get(item_id)
        fresh = snap is not None and not snap.description.strip() and not snap.attachments
        done = 0
        for p in paths:
            # A photo dropped on a fresh item dates the item: when it was taken, not typed.
            if (
                self._run(
                    lambda s, p=p: ev.attach_file(
                        s, item_id, Path(p), store=store, adopt_capture_time=fresh
                    )
                )
                is not None
            ):
                done += 1
        self._after_attach(item_id)
        return done

    def attach_image(self, data: bytes, name: str) -> None:
        item_id = self._ensure_item_for_files()
        if item_id is not None:
            self._run(lambda s: ev.attach_bytes(s, item_id, data, name, store=self._store()))
            self._after_attach(item_id)

    def attach_dialog(self) -> None:
        files, _f = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        if files:
            self.attach_paths([Path(f) for f in files])

    def _after_attach(self, item_id: uuid.UUID) -> None:
        self._load_items(select=item_id)
        self.changed.emit()

    def _store(self):
        with self._session() as s:
            return ev.store_for(s)

    def _load_attachments(self) -> None:
        item_id = self.editor.item_id
        if item_id is None:
            self.strip.clear()
            return
        store = self._store()
        with self._session() as s:
            atts = ev.list_attachments(s, evidence_id=item_id)
            rows = [
                (
                    a.id,
                    a.filename,
                    a.sha256,
                    a.is_photo,
                    store.path_of(a.sha256),
                    word("check_in", a.check_in.value) if a.check_in else "",
                )
                for a in atts
            ]
            nc_ids = ev.nc_evidence_ids(s, self.audit_id)
            photos = {a.id for a in atts if a.is_photo}
            shown = {a.id for a in atts if ev.photo_in_report(a, nc_ids)}
        self._attachment_rows = rows
        self.strip.show_attachments(rows)
        self.strip.set_in_report(photos, shown)

    def view_attachment(self, att_id: uuid.UUID) -> None:
        rows = getattr(self, "_attachment_rows", [])
        photos = [(name, path) for _id, name, _sha, is_photo, path, _c in rows if is_photo]
        for _id, name, _sha, is_photo, path, _c in rows:
            if _id == att_id:
                if is_photo:
                    index = [n for n, _p in photos].index(name)
                    PhotoViewer(photos, index, self).exec()
                else:
                    open_externally(path, name)
                return

    def archive_attachment(self, att_id: uuid.UUID) -> None:
        if self._run(lambda s: ev.archive_attachment(s, att_id)) is not None:
            self._load_items(select=self.editor.item_id)

    def set_photo_in_report(self, att_id: uuid.UUID, include: bool) -> bool:
        """The auditor puts a photo into the report or takes it out (issue 20.4)."""
        ok = self._run(lambda s: ev.set_photo_in_report(s, att_id, include))
        self._load_attachments()
        return ok is not None

    def mark_check_in(self, att_id: uuid.UUID, moment: str, place: str = "", taken_at=None) -> bool:
        from auditdesk.model import CheckInMoment

        ok = self._run(
            lambda s: ev.mark_check_in(
                s,
                att_id,
                CheckInMoment(moment) if moment else None,
                place=place,
                taken_at=taken_at,
                audit_id=self.audit_id,
            )
        )
        self._load_attachments()
        return ok is not None

    def mark_check_in_interactive(self, att_id: uuid.UUID, moment: str) -> None:
        from auditdesk.model import Attachment
        from auditdesk.ui.workspace.dialogs import PlaceDialog

        if not moment:
            self.mark_check_in(att_id, "")
            return
        with self._session() as s:
            att = s.get(Attachment, att_id)
            when = att.captured_at if att else None
        dlg = PlaceDialog(when, self)
        if dlg.exec():
            place, taken = dlg.values()
            self.mark_check_in(att_id, moment, place, taken)

    def closeEvent(self, event):
        self.editor.flush()
        super().closeEvent(event)

    def changeEvent(self, event):
        # A live language switch: every text of the workspace is set while it is built, so it
        # is built again where the auditor was: same clause, item, site and bottom tab.
        # Everything typed is saved first; what could not be saved stays parked in the new
        # editor. Qt sends several LanguageChange events per switch: the first one in a new
        # language rebuilds, the others find the workspace already in it.
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "editor"):
            from auditdesk.ui.i18n import current_language

            if current_language() != self._built_language:
                self._rebuild_in_new_language()
        super().changeEvent(event)

    def _rebuild_in_new_language(self) -> None:
        old_editor = self.editor
        old_editor.flush()
        unsaved = dict(old_editor._unsaved)
        if old_editor.has_pending and old_editor.item_id is not None:
            unsaved.setdefault(old_editor.item_id, {}).update(old_editor._pending)
        clause = self.current.number if self.current else None
        item = old_editor.item_id
        site, tab = self.site_filter.currentIndex(), self.bottom.currentIndex()
        for action in self.actions():
            self.removeAction(action)
            action.deleteLater()
        holder = QWidget()
        holder.setLayout(self.layout())  # takes the old layout and the widgets it manages
        holder.deleteLater()
        self.current = None
        self.rows, self.tree_items = {}, {}
        self._build()
        self.editor._unsaved = unsaved
        self._load_audit()
        if 0 <= site < self.site_filter.count():
            self.site_filter.setCurrentIndex(site)
        self.refresh_coverage()
        if clause is not None:
            self.select_clause(clause)
        if item is not None:
            self._load_items(select=item)
        self.bottom.setCurrentIndex(tab)

    def hideEvent(self, event):
        self.editor.flush()
        super().hideEvent(event)


def open_workspace(*args, **kwargs) -> AuditWorkspace:
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
