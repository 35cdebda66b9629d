"""The clause tree: the audit's standards' clauses (a shared clause of an integrated audit once,
with each standard's number), with evidence counts and judgements."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from auditdesk.model import Judgement
from auditdesk.services.coverage import AuditCoverage
from auditdesk.services.workspace_data import ClauseLine
from auditdesk.ui import palette
from auditdesk.ui.workspace.words import word


@dataclass
class Row:
    number: str
    title: str
    depth: int
    parent: str | None
    clause_ids: list[uuid.UUID]
    members: list[tuple[str, str]]  # (standard code, clause number)
    prompts: list[str] = field(default_factory=list)


def row_of(line: ClauseLine, zh: bool) -> Row:
    """A clause line in the screen's language."""
    return Row(
        line.number,
        (line.title_zh or line.title_en) if zh else (line.title_en or line.title_zh),
        line.depth,
        line.parent,
        line.clause_ids,
        line.members,
        [
            (p.get("zh") or p.get("en", "")) if zh else (p.get("en") or p.get("zh", ""))
            for p in line.prompts
        ],
    )


def _short(code: str) -> str:
    """ "ISO 9001:2015" -> "9001": the column has room for several."""
    return code.replace("ISO/IEC ", "").replace("ISO ", "").split(":")[0]


class ClauseTree(QTreeWidget):
    clauseChosen = Signal(str)  # clause number

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, Row] = {}
        self.tree_items: dict[str, QTreeWidgetItem] = {}
        self.setAccessibleName(self.tr("Clauses"))
        self.setHeaderLabels(
            [self.tr("Clause"), self.tr("Standards"), self.tr("Evidence"), self.tr("Judgement")]
        )
        self.setColumnWidth(0, 300)
        self.setColumnWidth(1, 130)
        self.setColumnWidth(2, 70)
        self.setUniformRowHeights(True)
        self.currentItemChanged.connect(self._moved)

    def show_rows(self, rows: list[Row]) -> None:
        self.clear()
        self.rows, self.tree_items = {r.number: r for r in rows}, {}
        for row in rows:
            parent = self.tree_items.get(row.parent) if row.parent else None
            item = QTreeWidgetItem(
                [
                    f"{row.number}  {row.title}",
                    "·".join(_short(c) for c, _n in row.members),
                    "",
                    "",
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, row.number)
            item.setToolTip(1, "\n".join(f"{c} §{n}" for c, n in row.members))
            if row.depth == 0:
                bold = QFont(item.font(0))
                bold.setBold(True)
                item.setFont(0, bold)
            if parent is not None:
                parent.addChild(item)
            else:
                self.addTopLevelItem(item)
            self.tree_items[row.number] = item
        self.expandAll()

    def show_coverage(self, cov: AuditCoverage, site: uuid.UUID | None) -> None:
        """Evidence counts (of one site, or all) and judgements; a parent's judgement covers
        its sub-clauses (shown in brackets, as completeness agrees)."""
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
            else:
                item.setText(3, f"({word('judgement', inherited.value)})" if inherited else "")
            if judged and judged[0] == Judgement.NONCONFORMITY:
                item.setForeground(3, QBrush(palette.color("error")))
            else:
                item.setForeground(3, QBrush(palette.color("muted")) if inherited else QBrush())

    def select(self, number: str) -> None:
        item = self.tree_items.get(number)
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtCenter)

    def evidence_count(self, number: str) -> int:
        text = self.tree_items[number].text(2)
        return int(text) if text.isdigit() else 0

    def number_of(self, clause_ids: set[uuid.UUID]) -> str | None:
        """The first line that shows one of these clauses."""
        return next((r.number for r in self.rows.values() if clause_ids & set(r.clause_ids)), None)

    def _moved(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.clauseChosen.emit(item.data(0, Qt.ItemDataRole.UserRole))
