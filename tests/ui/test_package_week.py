"""An auditor's week in one package from the GUI (issue 14 point 4), as
``auditdesk export package --auditor NAME --from --to`` does: the Audits register's "Export an
auditor's audits…" picks the auditor from the users linked to one and the days from two date
fields, lists the open audits that fall in them, and exports them through the same file,
password and result dialogs as one audit. The laptop that imports the file holds them all."""

from __future__ import annotations

import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QPushButton
from sqlalchemy import select

from auditdesk.model import Audit, Auditor, AuditType, Certificate, Role, TeamRole, User
from auditdesk.services.audits import AuditData, create_audit
from tests.exchange.package_helpers import build_office
from tests.ui import package_dialogs
from tests.ui.package_dialogs import audits_register, last_text

# Fixtures shared with the other package tests: patched file/password dialogs, a laptop.
dialogs, laptop = package_dialogs.dialogs, package_dialogs.laptop

WEDNESDAY = dt.date(2027, 1, 20)  # the week of 2027-01-18 (the office's audit: 18–19 Jan)


@pytest.fixture
def week(database):
    """张伟 (user zhang) has two audits that week and one in February; 李强 one that week."""
    db, first_id, _ev = build_office(database)
    with db.session() as s:
        cert = s.scalar(select(Certificate))
        zhang = s.scalar(select(Auditor).where(Auditor.name_zh == "张伟"))
        li = Auditor(name_zh="李强")
        s.add(li)
        s.flush()
        s.add(User(username="zhang", display_name="张伟", role=Role.AUDITOR, auditor_id=zhang.id))
        s.add(User(username="liqiang", display_name="李强", role=Role.AUDITOR, auditor_id=li.id))

        def audit(start, who):
            return create_audit(
                s,
                AuditData(
                    certificate_ids=[cert.id],
                    audit_type=AuditType.SPECIAL,
                    start_date=start,
                    end_date=start + dt.timedelta(days=1),
                    team=[(who.id, TeamRole.TEAM_LEADER)],
                ),
            ).id

        ids = {
            "first": first_id,
            "second": audit(dt.date(2027, 1, 21), zhang),
            "february": audit(dt.date(2027, 2, 10), zhang),
            "other": audit(dt.date(2027, 1, 19), li),
        }
        numbers = {k: s.get(Audit, v).number for k, v in ids.items()}
    return ids, numbers


@pytest.fixture
def week_dialog(ctx, week, qtbot):
    from auditdesk.ui.package_week import AuditorWeekDialog

    d = AuditorWeekDialog(ctx, None, today=lambda: WEDNESDAY)
    qtbot.addWidget(d)
    yield d
    shiboken6.delete(d)  # before its database goes


def choose(dialog, person, first, last):
    dialog.auditor.setCurrentIndex(dialog.auditor.findText(person))
    dialog.first.setDate(QDate(first.year, first.month, first.day))
    dialog.last.setDate(QDate(last.year, last.month, last.day))


def test_the_dialog_lists_the_auditors_open_audits_of_the_week(week_dialog, week):
    ids, numbers = week
    d = week_dialog
    assert [d.auditor.itemText(i) for i in range(d.auditor.count())] == ["张伟", "李强"]
    assert d.days() == (dt.date(2027, 1, 18), dt.date(2027, 1, 24))  # this week by default
    d.auditor.setCurrentIndex(d.auditor.findText("张伟"))
    assert sorted(d.audit_ids) == sorted([ids["first"], ids["second"]])
    assert numbers["first"] in d.found.text() and numbers["second"] in d.found.text()
    assert numbers["february"] not in d.found.text() and d.ok_button().isEnabled()
    choose(d, "张伟", dt.date(2027, 1, 18), dt.date(2027, 1, 19))  # the window moves: one left
    assert d.audit_ids == [ids["first"]]
    choose(d, "李强", dt.date(2027, 1, 18), dt.date(2027, 1, 24))
    assert d.audit_ids == [ids["other"]]
    choose(d, "张伟", dt.date(2027, 3, 1), dt.date(2027, 3, 7))
    assert d.audit_ids == [] and not d.ok_button().isEnabled()
    assert "No open audit" in d.found.text()
    choose(d, "张伟", dt.date(2027, 1, 24), dt.date(2027, 1, 18))
    assert "before the first day" in d.problem.text() and not d.ok_button().isEnabled()


def test_the_register_button_exports_the_week_and_the_laptop_gets_every_audit(
    qtbot,
    ctx,
    week,
    laptop,
    tmp_path,
    dialogs,
    monkeypatch,
):
    from auditdesk.ui.package_actions import import_audit_package
    from auditdesk.ui.package_week import AuditorWeekDialog

    ids, numbers = week
    files, texts = dialogs

    def exec_(dialog):
        choose(dialog, "张伟", dt.date(2027, 1, 18), dt.date(2027, 1, 24))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AuditorWeekDialog, "exec", exec_)
    register = audits_register(qtbot, ctx, ids["first"])
    files.append(str(tmp_path / "zhang-week"))
    texts.append("")  # no password
    register.findChild(QPushButton, "exportWeekButton").click()
    out = tmp_path / "zhang-week.adpkg"
    assert out.is_file()
    title, text = last_text(ctx)
    assert title == "Export audit package"  # the same result dialog as one audit
    assert numbers["first"] in text and numbers["second"] in text
    assert numbers["february"] not in text and numbers["other"] not in text
    files.append(str(out))
    import_audit_package(laptop, None)
    assert last_text(laptop)[0] == "Audit package imported"
    with laptop.session() as s:
        held = set(s.scalars(select(Audit.number)))
    # (other audits of the same certificate may come along as its history, read-only)
    assert {numbers["first"], numbers["second"]} <= held


def test_cancelling_the_week_dialog_writes_nothing(qtbot, ctx, week, tmp_path, monkeypatch):
    from auditdesk.ui.package_week import AuditorWeekDialog

    ids, _numbers = week
    monkeypatch.setattr(AuditorWeekDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    register = audits_register(qtbot, ctx, ids["first"])
    register.findChild(QPushButton, "exportWeekButton").click()
    assert register.package_job is None and list(tmp_path.glob("*.adpkg")) == []
