"""The clause panel's head: the clause's title and standards, its evidence prompts and the
judgement (with its note)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from auditdesk.model import Judgement
from auditdesk.ui.workspace.clause_tree import Row
from auditdesk.ui.workspace.words import word

JUDGEMENTS: list[Judgement | None] = [None, *Judgement]


class ClausePanel(QWidget):
    judged = Signal(object)  # judgement code, None: cleared
    noteEdited = Signal(object)  # the judgement shown when the note was edited
    promptChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.clause_title)
        layout.addWidget(self.members_label)
        layout.addWidget(self.prompts)
        layout.addLayout(judge_row)
        self.judgement.activated.connect(lambda _i: self.judged.emit(self.judgement.currentData()))
        self.judgement_note.editingFinished.connect(
            lambda: self.noteEdited.emit(self.judgement.currentData())
        )
        self.prompts.itemActivated.connect(self._prompt)

    def show_clause(self, row: Row) -> None:
        self.clause_title.setText(f"{row.number}  {row.title}")
        self.members_label.setText("  ·  ".join(f"{c} §{n}" for c, n in row.members))
        self.prompts.clear()
        self.prompts.addItems(row.prompts)

    def show_judgement(self, value: str | None, note: str | None = None) -> None:
        self.judgement.setCurrentIndex(max(0, self.judgement.findData(value)))
        if note is not None:
            self.judgement_note.setText(note)

    def note(self) -> str:
        return self.judgement_note.text()

    def _prompt(self, item: QListWidgetItem) -> None:
        self.promptChosen.emit(item.text())
