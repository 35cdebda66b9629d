""" "Sync now" from the File menu (ui/sync_actions.py): a laptop's edit reaches the office and
the office's edit comes back, through the job runner with a determinate progress; a wrong
office password is refused in words and merges nothing. Jobs run synchronously
(tests/ui/conftest.py); what would be shown is collected in ``ctx.shown``."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from sqlalchemy import select

from auditdesk.model import EvidenceItem, Nonconformity, Role
from auditdesk.ui import jobs

PASSWORD = "auditor-pass-1"


@pytest.fixture
def pair(ctx, tmp_path, ui_settings):
    """The office (``ctx``'s database, with wang) and a laptop filled by a first sync."""
    from auditdesk.exchange.online import sync
    from auditdesk.services.setup import open_database
    from auditdesk.services.users import create_user
    from auditdesk.ui.context import AppContext
    from tests.exchange.package_helpers import build_office

    office, audit_id, ev_id = build_office(ctx.db)
    with office.session() as s:
        create_user(s, "wang", PASSWORD, Role.AUDITOR)
    laptop = open_database(f"sqlite:///{tmp_path / 'laptop' / 'l.sqlite3'}", create=True)
    with laptop.session() as s:
        create_user(s, "wang", PASSWORD, Role.ADMIN)
    sync(laptop, office, laptop_user="wang", office_user="wang", audit_ids=[audit_id])
    here = AppContext(laptop, "wang", ui_settings)
    here.shown = ctx.shown  # type: ignore[attr-defined]
    yield office, here, ev_id
    laptop.close()


@pytest.fixture
def steps(monkeypatch):
    seen: list[tuple[int, int]] = []
    original = jobs.Job.progress

    def record(self, done, total=0, text=""):
        seen.append((done, total))
        return original(self, done, total, text)

    monkeypatch.setattr(jobs.Job, "progress", record)
    return seen


def test_sync_now_exchanges_both_ways_with_determinate_progress(pair, steps):
    from auditdesk.ui.sync_actions import SETTING, sync_now

    office, laptop, ev_id = pair
    with laptop.db.session(user="wang") as s:
        s.get(EvidenceItem, ev_id).description = "笔记本：记录缺3天"
    with office.session() as s:
        s.scalar(select(Nonconformity)).reason = "办公室：补充依据"
    synced = []
    sync_now(laptop, None, office=office.url, password=PASSWORD, on_synced=synced.append)
    assert synced and synced[0].changed
    with office.session() as s:
        assert s.get(EvidenceItem, ev_id).description == "笔记本：记录缺3天"
    with laptop.db.session() as s:
        assert s.scalar(select(Nonconformity)).reason == "办公室：补充依据"
    title, text = laptop.shown[-1]
    assert title == "Sync now"
    assert "This laptop → office: 0 new, 1 updated, 0 conflicts, 0 refused" in text
    assert "Office → this laptop: 0 new, 1 updated" in text
    assert {t for _d, t in steps} == {4}  # determinate: every step out of the same total
    dones = [d for d, _t in steps]
    assert dones == sorted(dones) and dones[0] == 0 and dones[-1] == 4
    assert laptop.settings.value(SETTING) == office.url  # asked once, kept

    sync_now(laptop, None, office=office.url, password=PASSWORD)
    assert "Already in sync: nothing changed." in laptop.shown[-1][1]


def test_a_wrong_office_password_is_refused_in_words_and_merges_nothing(pair):
    from auditdesk.ui.sync_actions import sync_now
    from tests.exchange.package_helpers import everything

    office, laptop, ev_id = pair
    with laptop.db.session(user="wang") as s:
        s.get(EvidenceItem, ev_id).description = "笔记本：记录缺3天"
    before = everything(office)
    sync_now(laptop, None, office=office.url, password="not-the-password")
    title, text = laptop.shown[-1]
    assert title == "Sync refused" and "office refused the sign-in" in text
    after = everything(office)
    assert {k: v for k, v in after.items() if k != "sign_in_event"} == {
        k: v for k, v in before.items() if k != "sign_in_event"
    }
    assert after["sign_in_event"] == before["sign_in_event"] + 1  # the failed attempt is logged


def test_the_file_menu_has_sync_now_beside_the_package_import(ctx, qtbot):
    from auditdesk.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    names = [a.objectName() or a.text() for a in window.file_menu.actions()]
    action = window.findChild(QAction, "syncNowAction")
    assert action is not None and action.text() == "Sync now…"
    i = names.index("syncNowAction")
    assert window.file_menu.actions()[i - 1] is window.package_import_action


# -- a new laptop's first sync: which audits to bring (issue 14 point 6) --------------------------
@pytest.fixture
def new_laptop(ctx, tmp_path, ui_settings):
    """The office with 张伟's audit (18–19 Jan 2027; user wang is 张伟) and 李强's in February;
    a laptop made with ``auditdesk init`` that holds no audit yet."""
    import datetime as dt

    from auditdesk.model import Audit, Auditor, AuditType, Certificate, TeamRole, User
    from auditdesk.services.audits import AuditData, create_audit
    from auditdesk.services.setup import open_database
    from auditdesk.services.users import create_user
    from auditdesk.ui.context import AppContext
    from tests.exchange.package_helpers import build_office

    office, audit_id, ev_id = build_office(ctx.db)
    with office.session() as s:
        create_user(s, "wang", PASSWORD, Role.AUDITOR)
        zhang = s.scalar(select(Auditor).where(Auditor.name_zh == "张伟"))
        s.scalar(select(User).where(User.username == "wang")).auditor_id = zhang.id
        li = Auditor(name_zh="李强")
        s.add(li)
        s.flush()
        other = create_audit(
            s,
            AuditData(
                certificate_ids=[s.scalar(select(Certificate)).id],
                audit_type=AuditType.SPECIAL,
                start_date=dt.date(2027, 2, 10),
                end_date=dt.date(2027, 2, 11),
                team=[(li.id, TeamRole.TEAM_LEADER)],
            ),
        )
        numbers = {audit_id: s.get(Audit, audit_id).number, other.id: other.number}
    laptop = open_database(f"sqlite:///{tmp_path / 'new' / 'l.sqlite3'}", create=True)
    with laptop.session() as s:
        create_user(s, "wang", PASSWORD, Role.ADMIN)
    here = AppContext(laptop, "wang", ui_settings)
    here.shown = ctx.shown  # type: ignore[attr-defined]
    yield office, here, audit_id, other.id, numbers
    laptop.close()


def held(laptop):
    from auditdesk.model import Audit

    with laptop.db.session() as s:
        return set(s.scalars(select(Audit.id)))


def test_a_first_sync_offers_the_office_audits_and_brings_the_chosen_one(new_laptop):
    from PySide6.QtCore import Qt

    from auditdesk.ui.sync_actions import sync_now

    office, laptop, mine, other, numbers = new_laptop
    offered = []

    def choose(dialog):
        texts = [dialog.audits.item(i).text() for i in range(dialog.audits.count())]
        offered.extend(texts)
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        row = next(i for i, t in enumerate(texts) if t.startswith(numbers[other]))
        dialog.audits.item(row).setCheckState(Qt.CheckState.Checked)
        assert "1 audit(s)" in dialog.note.text()
        return True

    synced = []
    sync_now(
        laptop, None, office=office.url, password=PASSWORD, on_synced=synced.append, choose=choose
    )
    assert len(offered) == 2
    assert any(numbers[mine] in t and "张伟" in t and "2027-01-18" in t for t in offered)
    assert any(numbers[other] in t and "李强" in t for t in offered)
    assert synced and str(other) in synced[0].audits
    assert other in held(laptop) and laptop.shown[-1][0] == "Sync now"


def test_a_first_sync_brings_my_own_week(new_laptop):
    import datetime as dt

    from PySide6.QtCore import QDate

    from auditdesk.ui.sync_actions import sync_now

    office, laptop, mine, other, _numbers = new_laptop
    picked = []

    def choose(dialog):
        dialog.first.setDate(QDate(2027, 1, 18))
        dialog.last.setDate(QDate(2027, 1, 24))
        picked.append(dialog.choose_mine())
        dialog.first.setDate(QDate(2027, 3, 1))
        dialog.last.setDate(QDate(2027, 3, 7))
        assert dialog.choose_mine() == [] and "None of the open audits" in dialog.note.text()
        dialog.first.setDate(QDate(2027, 1, 18))
        dialog.last.setDate(QDate(2027, 1, 24))
        dialog.choose_mine()
        return True

    sync_now(laptop, None, office=office.url, password=PASSWORD, choose=choose)
    assert picked == [[mine]]
    assert mine in held(laptop)
    with laptop.db.session() as s:
        from auditdesk.model import Audit

        assert s.get(Audit, mine).start_date == dt.date(2027, 1, 18)


def test_cancelling_the_first_sync_choice_brings_nothing(new_laptop):
    from auditdesk.ui.sync_actions import sync_now

    office, laptop, _mine, _other, _numbers = new_laptop
    before = len(laptop.shown)
    sync_now(laptop, None, office=office.url, password=PASSWORD, choose=lambda dialog: False)
    assert held(laptop) == set() and len(laptop.shown) == before
