"""The planning dialog changes a planned audit (reschedule, re-team, cancel) with a reason and
shows its history; a clash is refused in words; the team table is readable at 1366×768."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from auditdesk.model import Audit, Auditor, AuditorGrade, AuditStatus, AuditType, TeamRole
from auditdesk.services import planning


@pytest.fixture
def planned(ctx, sample):
    with ctx.session() as s:
        other = Auditor(
            name_zh="欧阳晓梅",
            name_en="Ouyang Xiaomei",
            ccaa_no="2024-N1QMS-7654321",
            grade=AuditorGrade.AUDITOR,
            schemes=["QMS"],
            technical_codes="19.05.01,29.10",
            registration_expiry=dt.date(2031, 1, 1),
        )
        s.add(other)
        s.flush()
        p = planning.propose(
            s, [sample["certs"][0]], AuditType.SURVEILLANCE_1, dt.date.today(), dt.date.today()
        )
        start = p.suggested_start
        audit = planning.plan_audit(
            s,
            [sample["certs"][0]],
            AuditType.SURVEILLANCE_1,
            start,
            start + dt.timedelta(days=1),
            [(sample["auditor"], TeamRole.TEAM_LEADER), (other.id, TeamRole.AUDITOR)],
        )
        return {"audit": audit.id, "other": other.id, "start": start}


def _dialog(ctx, qtbot, audit_id):
    from auditdesk.ui.planning_dialog import PlanningDialog

    d = PlanningDialog(ctx, None, None, audit_id=audit_id)
    qtbot.addWidget(d)
    return d


def test_reschedule_needs_a_reason_and_shows_in_the_history(ctx, qtbot, planned):
    from PySide6.QtCore import QDate

    d = _dialog(ctx, qtbot, planned["audit"])
    assert d.cancel_audit_button.isVisible() or not d.isVisible()
    later = planned["start"] + dt.timedelta(days=7)
    d.start.setDate(QDate(later.year, later.month, later.day))
    d.end.setDate(QDate(later.year, later.month, later.day + 0).addDays(1))
    d.plan()
    assert "Give a reason for the change." in d.error.text()
    d.reason.setText("客户要求推迟一周")
    d.plan()
    assert d.result() == d.DialogCode.Accepted
    with ctx.session() as s:
        audit = s.get(Audit, planned["audit"])
        assert audit.start_date == later
    again = _dialog(ctx, qtbot, planned["audit"])
    texts = again.history_texts()
    assert len(texts) == 2 and "Rescheduled — 客户要求推迟一周" in texts[1]
    assert "start_date:" in again.history.item(1).toolTip()


def test_cancel_keeps_the_audit_as_cancelled(ctx, qtbot, planned, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    d = _dialog(ctx, qtbot, planned["audit"])
    d.cancel_audit()
    assert "reason for cancelling" in d.error.text()
    d.reason.setText("客户停产")
    d.cancel_audit()
    with ctx.session() as s:
        assert s.get(Audit, planned["audit"]).status is AuditStatus.CANCELLED
        assert [e.action for e in planning.history(s, planned["audit"])] == ["create", "cancel"]


def test_no_leader_and_a_clash_are_refused_in_words(ctx, qtbot, planned, sample):
    from auditdesk.ui.planning_dialog import COL_ROLE, PlanningDialog

    d = _dialog(ctx, qtbot, planned["audit"])
    d.team.cellWidget(0, COL_ROLE).setCurrentIndex(1)  # the leader becomes an auditor
    assert any(t.startswith("✕") and "team leader" in t for t in d.warning_texts())
    d.reason.setText("调整")
    d.plan()
    assert "The team needs a team leader" in d.error.text()
    # A new audit of the other client with the same leader on the same days: refused, in words.
    new = PlanningDialog(ctx, sample["certs"][1], None)
    qtbot.addWidget(new)
    start = planned["start"]
    from PySide6.QtCore import QDate

    new.start.setDate(QDate(start.year, start.month, start.day))
    new.end.setDate(QDate(start.year, start.month, start.day))
    new.add_member(sample["auditor"], TeamRole.TEAM_LEADER)
    assert any("王审核 is on two audits at the same time" in t for t in new.warning_texts())
    new.plan()
    assert "王审核 is on two audits at the same time" in new.error.text()
    assert new.created_id is None


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_team_table_is_readable_at_1366x768(ctx, qtbot, planned, lang, tmp_path):
    from PySide6.QtWidgets import QComboBox

    from auditdesk.ui import i18n
    from auditdesk.ui.planning_dialog import COL_CODES, COL_DAYS, COL_NAME, COL_ROLE

    i18n.install_language(lang)
    d = _dialog(ctx, qtbot, planned["audit"])
    d.resize(1366, 740)
    d.show()
    qtbot.waitExposed(d)
    assert d.minimumSizeHint().width() <= 1366 and d.minimumSizeHint().height() <= 740
    assert d.width() <= 1366 and d.height() <= 740
    header = d.team.horizontalHeader()
    for col in (COL_ROLE, COL_NAME):
        for r in range(d.team.rowCount()):
            combo = d.team.cellWidget(r, col)
            assert isinstance(combo, QComboBox)
            assert header.sectionSize(col) >= combo.sizeHint().width() - 2, (lang, col)
    from auditdesk.ui import labels
    from auditdesk.ui.planning_dialog import TEAM_ROLES

    fm = d.team.fontMetrics()
    longest = max(fm.horizontalAdvance(labels.label("team_role", r)) for r in TEAM_ROLES)
    assert header.sectionSize(COL_ROLE) >= longest + 16, lang  # the issue saw ~25 px
    assert header.sectionSize(COL_DAYS) >= 60
    codes = [d.team.item(r, COL_CODES).text() for r in range(d.team.rowCount())]
    assert codes[1] == "✓ 19.05.01" and codes[0] == "✓ 19.05.01"
    assert header.sectionSize(COL_CODES) >= fm.horizontalAdvance(codes[1])
    shot = os.environ.get("AUDITDESK_SHOTS")
    d.grab().save(
        str((tmp_path if not shot else __import__("pathlib").Path(shot)) / f"plan_{lang}.png")
    )


def test_check_against_plan_lists_findings_in_words(ctx, planned):
    from auditdesk.services import evidence as ev
    from auditdesk.ui.planning_dialog import show_consistency

    show_consistency(ctx, planned["audit"], None)
    assert ctx.shown[-1][1] == "The evidence is consistent with the audit plan."
    with ctx.session() as s:
        ev.add_evidence(
            s,
            planned["audit"],
            ev.EvidenceData(
                observed_at=dt.datetime.combine(
                    planned["start"] - dt.timedelta(days=3), dt.time(2, 0), tzinfo=dt.UTC
                ),
                description="会前收到的文件",
            ),
        )
    show_consistency(ctx, planned["audit"], None)
    title, text = ctx.shown[-1]
    assert "Evidence against the plan" in title
    assert "✕ Evidence E1 has no site" in text and "is outside the audit dates" in text
