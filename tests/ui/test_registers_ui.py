"""The generic register widget, driven like a user would."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton

from auditdesk.ui.registers.configs import build_configs
from auditdesk.ui.registers.widget import RegisterWidget


def type_text(qtbot, widget, text):
    """Type like a user: ASCII by key clicks, Chinese as an input method commits it."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def make(qtbot, ctx, name):
    w = RegisterWidget(ctx, build_configs(ctx)[name])
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    return w


def test_create_client_with_invalid_credit_code_shows_error_next_to_field(qtbot, ctx):
    w = make(qtbot, ctx, "clients")
    w.new_record()
    name = w.findChild(QLineEdit, "field_name_zh")
    code = w.findChild(QLineEdit, "field_credit_code")
    type_text(qtbot, name, "上海测试有限公司")
    qtbot.keyClicks(code, "914403001922038217")  # last character wrong
    error = w.findChild(QLabel, "error_credit_code")
    assert error.isVisible()
    assert "mistyped" in error.text()
    create = w.findChild(QPushButton, "createButton")
    assert not create.isEnabled()
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    assert w.model.total == 0  # nothing was created

    code.clear()
    qtbot.keyClicks(code, "914403001922038216")
    assert not error.isVisible()
    assert create.isEnabled()
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    assert w.model.total == 1
    assert w.model.data(w.model.index(0, 0)) == "上海测试有限公司"


def test_duplicate_credit_code_from_the_service_shows_next_to_field(qtbot, ctx, sample):
    w = make(qtbot, ctx, "clients")
    w.new_record()
    type_text(qtbot, w.findChild(QLineEdit, "field_name_zh"), "重复公司")
    qtbot.keyClicks(w.findChild(QLineEdit, "field_credit_code"), "914403001922038216")
    assert w.editor.create_record() is None
    assert w.editor.error_text("credit_code") == "Already used by another record."


def test_search_filters_register_in_chinese_and_english(qtbot, ctx, sample):
    w = make(qtbot, ctx, "clients")
    assert w.model.total == 2
    w.set_search("啤酒")
    assert w.model.total == 1 and w.model.data(w.model.index(0, 0)) == "北京燕京啤酒有限公司"
    w.set_search("huaqiang")
    assert [w.model.data(w.model.index(r, 0)) for r in range(w.model.rowCount())] == [
        "深圳华强电子有限公司"
    ]


def test_column_filter_combo(qtbot, ctx, sample):
    w = make(qtbot, ctx, "ncs")
    assert w.model.total == 2
    box = w.findChild(QComboBox, "filter_grade")
    box.setCurrentIndex(box.findData("major"))
    assert w.model.total == 1
    assert w.model.data(w.model.index(0, w.config.columns.index("grade"))) == "Major"
    preset = w.findChild(QComboBox, "filter_preset")
    box.setCurrentIndex(0)
    preset.setCurrentIndex(preset.findData("overdue"))
    assert w.model.total == 1


def test_edit_is_saved_on_leaving_field_and_undone(qtbot, ctx, sample):
    w = make(qtbot, ctx, "clients")
    assert w.select_id(sample["clients"][0])
    city = w.findChild(QLineEdit, "field_city")
    assert city.text() == "深圳"
    city.setText("广州")
    city.editingFinished.emit()
    assert w.undo_stack.count() == 1
    with ctx.session() as s:
        from auditdesk.services.clients import get_organisation

        assert get_organisation(s, sample["clients"][0]).city == "广州"
    w.undo_stack.undo()
    with ctx.session() as s:
        assert get_organisation(s, sample["clients"][0]).city == "深圳"
    assert city.text() == "深圳"
    w.undo_stack.redo()
    assert city.text() == "广州"


def test_invalid_edit_is_not_saved(qtbot, ctx, sample):
    w = make(qtbot, ctx, "clients")
    w.select_id(sample["clients"][0])
    people = w.findChild(QLineEdit, "field_effective_personnel")
    people.setText("many")
    people.editingFinished.emit()
    assert w.undo_stack.count() == 0
    assert w.editor.error_text("effective_personnel") == "Enter a whole number."


def test_archive_hides_record(qtbot, ctx, sample):
    w = make(qtbot, ctx, "clients")
    w.select_id(sample["clients"][1])
    w.archive_selected()
    assert w.model.total == 1
    w.archived_box.setChecked(True)
    assert w.model.total == 2


def test_dashboard_style_filters_show_chip(qtbot, ctx, sample):
    w = make(qtbot, ctx, "certificates")
    w.set_filters({"ids": [str(sample["certs"][0])]})
    assert w.model.total == 1
    assert w.chip.isVisible()
    w.clear_filters()
    assert w.model.total == 2


def test_sort_by_header(qtbot, ctx, sample):
    w = make(qtbot, ctx, "certificates")
    w.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert w.model.data(w.model.index(0, 0)) == "CN-Q-0002"
    w.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert w.model.data(w.model.index(0, 0)) == "CN-Q-0001"


def test_auditor_register_create(qtbot, ctx):
    w = make(qtbot, ctx, "auditors")
    w.new_record()
    type_text(qtbot, w.findChild(QLineEdit, "field_name_zh"), "李审核")
    qtbot.keyClicks(w.findChild(QLineEdit, "field_registration_expiry"), "2030-13-01")
    assert w.editor.error_text("registration_expiry") == (
        "There is no month 13: months go from 1 to 12."
    )
    w.findChild(QLineEdit, "field_registration_expiry").setText("2030-12-01")
    assert isinstance(w.editor.create_record(), uuid.UUID)
    assert w.model.total == 1


def test_text_column_filter(qtbot, ctx, sample):
    w = make(qtbot, ctx, "clients")
    w.set_column_filter("city", "北京")
    assert w.model.total == 1
    assert "北京" in w.chip.text() and w.chip.isVisible()
    w.set_search("huaqiang")  # search and column filter combine
    assert w.model.total == 0
    w.clear_filters()
    assert w.model.total == 2


def test_auditor_role_sees_registers_read_only(qtbot, ctx, sample, database):
    import dataclasses

    from auditdesk.model import Role
    from auditdesk.services.users import create_user

    with database.session() as s:
        create_user(s, "li", "a-long-password", Role.AUDITOR)
    auditor_ctx = dataclasses.replace(ctx, user="li")
    w = make(qtbot, auditor_ctx, "clients")
    assert not w.new_button.isVisible() and not w.archive_button.isVisible()
    w.select_id(sample["clients"][0])
    assert not w.findChild(QLineEdit, "field_city").isEnabled()


def _two_editors(qtbot, ctx, sample):
    a, b = make(qtbot, ctx, "clients"), make(qtbot, ctx, "clients")
    for w in (a, b):
        assert w.select_id(sample["clients"][0])
    return a, b


def test_changed_meanwhile_merge_keeps_both_edits(qtbot, ctx, sample):
    import functools

    from auditdesk.services.clients import get_organisation
    from auditdesk.ui.conflict_reload import resolve_conflict

    a, b = _two_editors(qtbot, ctx, sample)
    b_city = b.findChild(QLineEdit, "field_city")
    b_city.setText("广州")
    b_city.editingFinished.emit()  # B saves first
    asked: list[str] = []
    a.editor.resolve_conflict = functools.partial(
        resolve_conflict, ask=lambda exc, parent: asked.append(str(exc)) or "merge"
    )
    a_phone = a.findChild(QLineEdit, "field_contact_phone")
    a_phone.setText("0755-12345678")
    a_phone.editingFinished.emit()  # A saves over a version it did not see
    assert asked, "A was told the record changed meanwhile"
    with ctx.session() as s:
        org = get_organisation(s, sample["clients"][0])
        assert (org.city, org.contact_phone) == ("广州", "0755-12345678")
    assert a.findChild(QLineEdit, "field_city").text() == "广州"  # A now sees B's change


def test_changed_meanwhile_reload_drops_my_edit(qtbot, ctx, sample):
    import functools

    from auditdesk.services.clients import get_organisation
    from auditdesk.ui.conflict_reload import resolve_conflict

    a, b = _two_editors(qtbot, ctx, sample)
    b_city = b.findChild(QLineEdit, "field_city")
    b_city.setText("广州")
    b_city.editingFinished.emit()
    a.editor.resolve_conflict = functools.partial(
        resolve_conflict, ask=lambda exc, parent: "reload"
    )
    a_city = a.findChild(QLineEdit, "field_city")
    a_city.setText("珠海")
    a_city.editingFinished.emit()
    assert a.undo_stack.count() == 0  # nothing saved, nothing to undo
    assert a_city.text() == "广州"
    with ctx.session() as s:
        assert get_organisation(s, sample["clients"][0]).city == "广州"


def test_the_detail_pane_follows_the_current_row_or_clears(qtbot, ctx, sample):
    """After a search that leaves another record (or none) in the list, the detail pane and
    its open button do not go on showing the record selected before (issue 20, 9)."""
    ctx.navigate = lambda what, args: None
    w = make(qtbot, ctx, "audits")
    assert w.select_id(sample["audit"])
    assert w.detail.record_id == sample["audit"]
    assert w.detail.open_button.isVisibleTo(w)
    w.set_search("no such audit anywhere")
    assert w.model.total == 0
    assert w.detail.record_id is None
    assert not w.detail.open_button.isVisibleTo(w)
    assert all(not v.text() for v in w.detail.value_labels.values())


def test_the_certificate_pane_clears_when_its_row_goes(qtbot, ctx, sample):
    w = make(qtbot, ctx, "certificates")
    assert w.select_id(sample["certs"][0])
    assert w.detail.cert_id == sample["certs"][0]
    w.set_search("no such certificate anywhere")
    assert w.detail.cert_id is None and w.detail.programme.rowCount() == 0


def test_enter_opens_the_current_row(qtbot, ctx, sample):
    import dataclasses

    opened = []
    config = dataclasses.replace(
        build_configs(ctx)["audits"], open_action=lambda _w, rid: opened.append(rid)
    )
    w = RegisterWidget(ctx, config)
    qtbot.addWidget(w)
    w.show()
    assert w.select_id(sample["audit"])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Return)
    assert opened == [sample["audit"]]
