"""The tabs below the panels: completeness problems (each line jumps to where it is fixed),
search results, and the earlier audits' NCs to re-verify here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QTabWidget, QWidget

from auditdesk.services.completeness import Problem
from auditdesk.services.search import SearchHit
from auditdesk.services.workspace_data import SearchLine
from auditdesk.ui import palette
from auditdesk.ui.nc import PreviousNCsWidget
from auditdesk.ui.workspace.words import problem_text


class BottomTabs(QTabWidget):
    problemChosen = Signal(object)  # a completeness problem
    hitChosen = Signal(object)  # a SearchHit

    def __init__(self, previous: PreviousNCsWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems = QListWidget()
        self.problems.setAccessibleName(self.tr("Completeness"))
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.previous = previous
        self.addTab(self.problems, self.tr("Completeness"))
        self.addTab(self.results, self.tr("Search results"))
        self.addTab(previous, "")
        self.show_previous_count()
        self.problems.itemActivated.connect(self._problem)
        self.results.itemActivated.connect(
            lambda it: self.hitChosen.emit(it.data(Qt.ItemDataRole.UserRole))
        )

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems.clear()
        for p in problems:
            detail = p.detail or p.clause_number or ""
            if getattr(p, "minutes", None):  # check-in: how far outside the window
                detail += f" (+{p.minutes} min)"
            if getattr(p, "km", None):
                detail += f" ({p.km:g} km)"
            item = QListWidgetItem(problem_text(p.code, detail))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.problems.addItem(item)
        if not problems:
            ok = QListWidgetItem(self.tr("Ready for the report: nothing is missing."))
            ok.setForeground(QBrush(palette.color("ok")))
            self.problems.addItem(ok)
        self.setTabText(0, self.tr("Completeness (%1)").replace("%1", str(len(problems))))
        self.setCurrentWidget(self.problems)

    def show_hits(self, lines: list[SearchLine]) -> list[SearchHit]:
        self.results.clear()
        for line in lines:
            h = line.hit
            if h.kind == "evidence":
                where = ", ".join(line.clause_numbers)
                label = f"#{line.seq} §{where}" if line.seq is not None else ""
            else:
                label = self.tr("NC")
            if line.audit_number is not None:  # a hit in another audit
                label = f"{line.audit_number} {label}"
            it = QListWidgetItem(f"{label}  {h.snippet}")
            it.setData(Qt.ItemDataRole.UserRole, h)
            self.results.addItem(it)
        self.setTabText(1, self.tr("Search results (%1)").replace("%1", str(len(lines))))
        self.setCurrentWidget(self.results)
        return [line.hit for line in lines]

    def show_previous_count(self) -> None:
        n = self.previous.table.rowCount()
        self.setTabText(
            self.indexOf(self.previous),
            self.tr("Previous NCs (%1)").replace("%1", str(n)) if n else self.tr("Previous NCs"),
        )

    def _problem(self, item: QListWidgetItem) -> None:
        p = item.data(Qt.ItemDataRole.UserRole)
        if p is not None:
            self.problemChosen.emit(p)
