"""The conflict screen shows every concurrent value, not two of three (issue 14 point 5):
the office and two laptops write the same evidence description, the packages travel the
real way (export_package / import_package), and the lead sees three values with who, when
and where, keeps one or writes a combined text — and the resolution holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shiboken6
from sqlalchemy import select

from auditdesk.exchange.package import export_package, import_package
from auditdesk.model import EvidenceItem, MergeConflict, Role, User
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from tests.exchange.package_helpers import build_office

SHOTS = os.environ.get("AUDITDESK_SHOTS")
OFFICE_TEXT = "办公室：抽查了12月的温湿度记录，缺3天"
A_TEXT = "笔记本A：温湿度记录12月缺3天，已拍照"
B_TEXT = "笔记本B：仓库温湿度记录不全（12月5日至7日）"


@pytest.fixture
def three_way(database, tmp_path):
    """The office edited the description while laptops A (王建国) and B (赵敏) did too."""
    db, audit_id, ev_id = build_office(database)
    with db.session() as s:
        s.scalar(select(User).where(User.username == "li")).display_name = "李娜"  # the lead
        create_user(s, "wang", "auditor-pass-1", Role.ADMIN, "王建国")
        create_user(s, "zhao", "auditor-pass-2", Role.ADMIN, "赵敏")
    laptops, n = [], 0

    def send(source, target, user=None):
        nonlocal n
        n += 1
        path = tmp_path / f"p{n}.adpkg"
        with source.session(user=user) as s:
            export_package(s, [audit_id], path)
        with target.session() as s:
            return import_package(s, path)

    for name, user in (("a", "wang"), ("b", "zhao")):
        laptop = open_database(f"sqlite:///{tmp_path / name / 'l.sqlite3'}", create=True)
        with laptop.session() as s:
            create_user(s, user, "auditor-pass-1", Role.ADMIN)
        laptops.append(laptop)
        send(db, laptop)
    for laptop, user, text in ((laptops[0], "wang", A_TEXT), (laptops[1], "zhao", B_TEXT)):
        with laptop.session(user) as s:
            s.get(EvidenceItem, ev_id).description = text
    with db.session("li") as s:
        s.get(EvidenceItem, ev_id).description = OFFICE_TEXT
    first = send(laptops[0], db, "wang")
    second = send(laptops[1], db, "zhao")
    assert first.conflicts == 1 and second.conflicts == 0  # one conflict, however many wrote
    yield db, ev_id, send, laptops
    for laptop in laptops:
        laptop.close()


@pytest.fixture
def dialog(three_way, qtbot):
    from auditdesk.ui.conflicts import ConflictsDialog

    made = []

    def make():
        d = ConflictsDialog(three_way[0], "li")
        qtbot.addWidget(d)
        made.append(d)
        return d

    yield make
    for d in made:
        shiboken6.delete(d)


def description(db, ev_id):
    with db.session() as s:
        return s.get(EvidenceItem, ev_id).description


def test_three_concurrent_values_are_all_shown_with_who_when_where(three_way, dialog):
    d = dialog()
    assert d.model.rowCount() == 1
    values = d.model.rows[0]["values"]
    assert sorted(v.text for v in values) == sorted([OFFICE_TEXT, A_TEXT, B_TEXT])
    by = {v.text: v for v in values}
    assert by[A_TEXT].by == "王建国" and by[B_TEXT].by == "赵敏"
    assert by[OFFICE_TEXT].where == "this database" and by[OFFICE_TEXT].live
    assert by[A_TEXT].where.startswith("replica ") and by[A_TEXT].where != by[B_TEXT].where
    assert all(v.at[:2] == "20" for v in values)  # a local time on each
    assert d.values_list.count() == 3
    listed = [d.values_list.item(i).text() for i in range(3)]
    assert any("王建国" in t and A_TEXT in t for t in listed)
    assert any("赵敏" in t and B_TEXT in t for t in listed)
    assert any("in the record now" in t and OFFICE_TEXT in t for t in listed)
    assert A_TEXT in d.model.rows[0]["values_text"] and B_TEXT in d.model.rows[0]["values_text"]


def test_keeping_the_third_value_resolves_and_an_old_package_does_not_reopen(three_way, dialog):
    db, ev_id, send, laptops = three_way
    d = dialog()
    values = d.model.rows[0]["values"]
    d.values_list.setCurrentRow(next(i for i, v in enumerate(values) if v.text == B_TEXT))
    assert d.incoming_text.toPlainText() == B_TEXT
    assert d.keep_chosen()
    assert d.model.rowCount() == 0 and description(db, ev_id) == B_TEXT
    with db.session() as s:
        row = s.query(MergeConflict).one()
        assert row.resolved and row.resolved_by == "li"
    again = send(laptops[0], db, "wang")  # laptop A's write again: seen, dominated
    assert again.conflicts == 0 and description(db, ev_id) == B_TEXT


def test_combining_starts_from_all_three_values(three_way, dialog, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    db, ev_id, _send, _laptops = three_way
    d = dialog()
    offered = []

    def answer(parent, title, label, text):
        offered.append(text)
        return "；".join(text.splitlines()), True

    monkeypatch.setattr(QInputDialog, "getMultiLineText", answer)
    d.resolve_edited()
    assert all(t in offered[0] for t in (OFFICE_TEXT, A_TEXT, B_TEXT))
    assert all(t in description(db, ev_id) for t in (OFFICE_TEXT, A_TEXT, B_TEXT))
    assert d.model.rowCount() == 0


def test_the_three_value_screen_in_chinese(three_way, dialog, qtbot, qapp, tmp_path):
    from auditdesk.ui import i18n

    i18n.install_language("zh_CN")  # restored to en below
    i18n.register_cjk_font(qapp)
    try:
        d = dialog()
        d.resize(1366, 768)
        d.show()
        qtbot.waitExposed(d)
        assert d.values_list.count() == 3
        shot = Path(SHOTS or tmp_path) / "conflicts_three_values.png"
        assert d.grab().save(str(shot)) and shot.stat().st_size > 10_000
    finally:
        i18n.install_language("en")
