"""Raise (or edit a draft) nonconformity: clause, grade with its definition, linked evidence,
three-part statement. Opened from the audit workspace on a clause."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from auditdesk.model import Clause, NCGrade, NCState
from auditdesk.services import nonconformities as ncs
from auditdesk.services.audits import get_audit
from auditdesk.services.errors import Conflict, ServiceError, ValidationFailed
from auditdesk.services.evidence import list_evidence
from auditdesk.ui import palette
from auditdesk.ui.conflict_reload import (
    MERGE,
    ask_reload_or_merge,
    connection_lost,
    headline,
    name_conflict,
    resolve_conflict,
)
from auditdesk.ui.errors import message_for
from auditdesk.ui.nc.texts import NCTexts

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _requirement_stub(standard_code: str, national_code: str, clause: Clause) -> str:
    title = " / ".join(t for t in (clause.title_zh, clause.title_en) if t)
    codes = f"{standard_code} / {national_code}" if national_code else standard_code
    return f"{codes} {clause.number} {title}: "


def _values_of(nc: Any) -> dict[str, Any]:
    """A draft's editable values as the dialog compares them in a merge."""
    return {
        "clause_id": nc.clause_id,
        "grade": nc.grade,
        "requirement": nc.requirement,
        "evidence_text": nc.evidence_text,
        "reason": nc.reason,
        "evidence_ids": tuple(sorted(str(e.id) for e in nc.evidence)),
    }


class NCDialog(QDialog):
    """``nc_id`` set after a successful save; ``issued`` tells whether it was issued too."""

    def __init__(
        self,
        database: Any,
        audit_id: uuid.UUID,
        clause_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        user: str | None = None,
        nc_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        if hasattr(database, "db") and hasattr(database, "user"):
            database, user = database.db, user or database.user
        self.database, self.user, self.audit_id = database, user, audit_id
        self.nc_id: uuid.UUID | None = nc_id
        self.version_seen: int | None = None  # the draft's version this dialog shows
        self.loaded: dict[str, Any] = {}  # ... and its values (the base of a merge)
        self.ask_conflict = ask_reload_or_merge  # reload / merge / keep mine (tests answer)
        self.conflicts: list[Exception] = []
        self.issued = False
        self.texts = NCTexts(self)
        self._auto_requirement = ""
        self.setWindowTitle(
            self.tr("Edit draft nonconformity") if nc_id else self.tr("Raise nonconformity")
        )
        self.resize(820, 760)

        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.header)
        form = QFormLayout()
        self.clause = QComboBox()
        form.addRow(self.tr("Clause"), self.clause)
        layout.addLayout(form)

        grades = QGroupBox(self.tr("Grade"))
        gl = QVBoxLayout(grades)
        self.grade_group = QButtonGroup(self)
        self.grade_buttons: dict[NCGrade, QRadioButton] = {}
        for grade in (NCGrade.MAJOR, NCGrade.MINOR):
            button = QRadioButton(self.texts.grade(grade.value))
            definition = QLabel(self.texts.grade_definition(grade.value))
            definition.setWordWrap(True)
            definition.setStyleSheet(f"color: {palette.css('muted')}; margin-left: 22px;")
            self.grade_group.addButton(button)
            self.grade_buttons[grade] = button
            gl.addWidget(button)
            gl.addWidget(definition)
        self.grade_buttons[NCGrade.MINOR].setChecked(True)
        layout.addWidget(grades)

        layout.addWidget(QLabel(self.tr("Evidence that shows the nonconformity (at least one)")))
        self.evidence = QListWidget()
        self.evidence.setMinimumHeight(150)
        layout.addWidget(self.evidence)

        statement = QFormLayout()
        self.requirement = QPlainTextEdit()
        self.requirement.setPlaceholderText(self.tr("Standard and clause, and what it requires"))
        self.evidence_text = QPlainTextEdit()
        self.evidence_text.setPlaceholderText(self.tr("What was seen, where, record numbers"))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Why this does not conform to the requirement"))
        statement.addRow(self.tr("1. Requirement"), self.requirement)
        statement.addRow(self.tr("2. Objective evidence"), self.evidence_text)
        statement.addRow(self.tr("3. Why it does not conform"), self.reason)
        layout.addLayout(statement)

        self.problems = QLabel()
        self.problems.setStyleSheet(f"color: {palette.css('error')};")
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("Save draft"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.issue_button = self.buttons.addButton(
            self.tr("Save and issue"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(lambda: self._save_and_close(issue=False))
        self.issue_button.clicked.connect(lambda: self._save_and_close(issue=True))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._load(clause_id)
        self.clause.currentIndexChanged.connect(self._clause_changed)

    def _load(self, clause_id: uuid.UUID | None) -> None:
        with self.database.session(self.user) as session:
            audit = get_audit(session, self.audit_id)
            audit_word = self.tr("Audit")
            self.header.setText(f"{audit_word} {audit.number} · {audit.organisation.name_zh}")
            self._stubs: dict[str, str] = {}
            for cert in audit.certificates:
                std = cert.standard
                for clause in std.clauses:
                    self.clause.addItem(
                        f"{std.code}  {clause.number}  {clause.title_zh}", str(clause.id)
                    )
                    self._stubs[str(clause.id)] = _requirement_stub(
                        std.code, std.national_code, clause
                    )
            evidence = list_evidence(session, audit.id)
            self._evidence_clauses = {str(e.id): {str(c.id) for c in e.clauses} for e in evidence}
            for e in evidence:
                text = e.description + (f"  [{e.references}]" if e.references else "")
                item = QListWidgetItem(text)
                item.setData(_ID_ROLE, str(e.id))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.evidence.addItem(item)
            linked: set[str] = set()
            if self.nc_id is not None:
                nc = ncs.get_nc(session, self.nc_id)
                if nc.state is not NCState.DRAFT:
                    self.problems.setText(self.texts.refusal("only_drafts_are_edited"))
                    self.save_button.setEnabled(False)
                    self.issue_button.setEnabled(False)
                clause_id = nc.clause_id
                self.grade_buttons[nc.grade].setChecked(True)
                self.requirement.setPlainText(nc.requirement)
                self.evidence_text.setPlainText(nc.evidence_text)
                self.reason.setPlainText(nc.reason)
                linked = {str(e.id) for e in nc.evidence}
                self.version_seen, self.loaded = nc.version, _values_of(nc)
        if clause_id is not None:
            index = self.clause.findData(str(clause_id))
            if index >= 0:
                self.clause.setCurrentIndex(index)
        if self.nc_id is None:
            self._clause_changed()
        else:
            self._check_evidence(linked)

    def _check_evidence(self, ids: set[str]) -> None:
        for i in range(self.evidence.count()):
            item = self.evidence.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(_ID_ROLE) in ids else Qt.CheckState.Unchecked
            )

    def _clause_changed(self, *_args: Any) -> None:
        clause_id = self.clause.currentData()
        if not clause_id:
            return
        # Evidence filed under the clause is the likely proof; the auditor can change it.
        if not self.checked_evidence():
            self._check_evidence({e for e, cl in self._evidence_clauses.items() if clause_id in cl})
        current = self.requirement.toPlainText()
        if not current.strip() or current == self._auto_requirement:
            self._auto_requirement = self._stubs.get(clause_id, "")
            self.requirement.setPlainText(self._auto_requirement)

    def checked_evidence(self) -> list[uuid.UUID]:
        return [
            uuid.UUID(self.evidence.item(i).data(_ID_ROLE))
            for i in range(self.evidence.count())
            if self.evidence.item(i).checkState() == Qt.CheckState.Checked
        ]

    def grade(self) -> NCGrade:
        return next(g for g, b in self.grade_buttons.items() if b.isChecked())

    def draft(self) -> ncs.NCDraft:
        clause = self.clause.currentData()
        return ncs.NCDraft(
            audit_id=self.audit_id,
            clause_id=uuid.UUID(clause) if clause else None,
            grade=self.grade(),
            requirement=self.requirement.toPlainText(),
            evidence_text=self.evidence_text.toPlainText(),
            reason=self.reason.toPlainText(),
            evidence_ids=self.checked_evidence(),
        )

    def values(self) -> dict[str, Any]:
        """What the dialog shows, in the form a merge compares (see ``_values_of``)."""
        clause = self.clause.currentData()
        return {
            "clause_id": uuid.UUID(clause) if clause else None,
            "grade": self.grade(),
            "requirement": self.requirement.toPlainText(),
            "evidence_text": self.evidence_text.toPlainText(),
            "reason": self.reason.toPlainText(),
            "evidence_ids": tuple(sorted(str(e) for e in self.checked_evidence())),
        }

    def show_values(self, values: dict[str, Any]) -> None:
        index = self.clause.findData(str(values["clause_id"])) if values["clause_id"] else -1
        if index >= 0:
            self.clause.blockSignals(True)
            self.clause.setCurrentIndex(index)
            self.clause.blockSignals(False)
        self.grade_buttons[values["grade"]].setChecked(True)
        self.requirement.setPlainText(values["requirement"])
        self.evidence_text.setPlainText(values["evidence_text"])
        self.reason.setPlainText(values["reason"])
        self._check_evidence(set(values["evidence_ids"]))

    def _read(self) -> tuple[dict[str, Any], int]:
        assert self.nc_id is not None
        with self.database.session(self.user) as session:
            nc = ncs.get_nc(session, self.nc_id)
            return _values_of(nc), nc.version

    def save(self, issue: bool = False, *, retry: bool = True) -> bool:
        """Raise (or update the draft), and issue it if asked. Problems are shown in the dialog.

        A draft someone else saved since this dialog showed it is never overwritten: the user
        is asked to reload theirs, merge (their fields, mine on top) or keep mine unsaved.
        """
        data = self.draft()
        try:
            with self.database.session(self.user) as session:
                if self.nc_id is None:
                    nc = ncs.raise_nc(session, data)
                else:
                    nc = ncs.edit_draft(
                        session, self.nc_id, data, expected_version=self.version_seen
                    )
                if issue:
                    ncs.issue_nc(session, nc.id)
                session.flush()
                nc_id, version, saved = nc.id, nc.version, _values_of(nc)
        except Conflict as exc:
            return self._on_conflict(exc, issue, retry)
        except ValidationFailed as exc:
            self.problems.setText(self.texts.error(exc))
            return False
        except ServiceError as exc:
            self.problems.setText(self.texts.error(exc))
            return False
        except Exception as exc:  # the server went away: say so; the typed text stays here
            if not connection_lost(exc):
                raise

            self.problems.setText((message_for(exc) or ("", str(exc)))[1])
            return False
        self.nc_id, self.issued = nc_id, issue
        self.version_seen, self.loaded = version, saved
        self.problems.clear()
        return True

    def _on_conflict(self, exc: Exception, issue: bool, retry: bool) -> bool:
        self.conflicts.append(exc)
        name_conflict(exc, lambda: self.database.session(self.user))
        mine = self.values()
        outcome = resolve_conflict(
            exc, base=self.loaded, mine=mine, reload=self._read, parent=self, ask=self.ask_conflict
        )
        if outcome is None:  # keep mine: the text stays in the dialog, unsaved
            self.problems.setText(headline(exc))
            return False
        theirs, version = self._read()
        self.loaded, self.version_seen = theirs, version
        if outcome.choice != MERGE or not retry:
            self.show_values(theirs)
            self.problems.setText(headline(exc))
            return False
        self.show_values(outcome.values)
        ok = self.save(issue, retry=False)
        if ok and outcome.both_changed:
            self.problems.setText(
                self.tr("Both of you changed: %1. Yours was kept; check it.").replace(
                    "%1", ", ".join(self.texts.field(k) for k in outcome.both_changed)
                )
            )
        return ok

    def _save_and_close(self, issue: bool) -> None:
        if self.save(issue):
            self.accept()
