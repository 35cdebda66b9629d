"""The evidence editor never overwrites a colleague's save silently, and keeps typed text when
the central database drops the connection (issue 14 point 7). On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from auditdesk.model import EvidenceItem, Role
from auditdesk.services import evidence as ev
from auditdesk.ui.conflict_reload import CANCEL, MERGE, RELOAD, conflict_text, headline
from tests.services.nc_world import add_user
from tests.services.workspace_data import make_audit
from tests.ui.blip import Blip
from tests.ui.conftest import show_workspace

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def ws(ctx, database, qtbot):
    with database.session() as s:
        facts = make_audit(s)
        add_user(s, "wang", Role.AUDITOR).display_name = "王建国"
    widget = show_workspace(ctx, facts.audit_id, qtbot)
    item_id = widget.new_item("现场查看了内审记录")
    assert item_id is not None and widget.editor.item_id == item_id
    return widget


def stored(database, item_id):
    with database.session() as s:
        item = s.get(EvidenceItem, item_id)
        return item.description, item.references


def wang_saves(database, item_id, **changes):
    """王建国 saves the same item from his desk (a fresh read: his own editor)."""
    with database.session("wang") as s:
        ev.update_evidence(s, item_id, changes)


def answer(ws, choice):
    seen = []
    ws.ask_conflict = lambda exc, parent: (seen.append(exc), choice)[1]
    return seen


@BOTH
def test_second_writer_is_asked_and_merge_keeps_both(ws, database):
    item_id = ws.editor.item_id
    wang_saves(database, item_id, references="IA-2027-03")
    asked = answer(ws, MERGE)
    ws.editor.description.setPlainText("现场查看了内审记录 IA-2027-03，共 12 项")
    assert ws.editor.flush()
    assert len(asked) == 1
    sentence = headline(asked[0])
    assert "王建国" in sentence and "#1 · " in sentence and "meanwhile" in sentence, sentence
    assert "Merge" in conflict_text(asked[0])
    assert stored(database, item_id) == ("现场查看了内审记录 IA-2027-03，共 12 项", "IA-2027-03")
    assert ws.editor.references.text() == "IA-2027-03"  # the editor shows the merged record
    # The merged save was against the reloaded version: the next edit saves without a question.
    ws.editor.description.setPlainText("现场查看了内审记录 IA-2027-03，共 12 项，均已关闭")
    assert ws.editor.flush() and len(asked) == 1


@BOTH
def test_reload_shows_theirs_and_keep_mine_keeps_the_text_unsaved(ws, database):
    item_id = ws.editor.item_id
    wang_saves(database, item_id, description="王建国的描述")
    answer(ws, CANCEL)
    ws.editor.description.setPlainText("我的描述")
    assert not ws.editor.flush()  # kept: still typed, still pending, nothing overwritten
    assert ws.editor.has_pending and ws.editor.description.toPlainText() == "我的描述"
    assert stored(database, item_id)[0] == "王建国的描述"
    answer(ws, RELOAD)
    assert ws.editor.flush()
    assert ws.editor.description.toPlainText() == "王建国的描述" and not ws.editor.has_pending
    assert stored(database, item_id)[0] == "王建国的描述"


@BOTH
def test_the_sentence_names_the_record_in_chinese(ws, database, qapp):
    from auditdesk.ui import i18n

    item_id = ws.editor.item_id
    wang_saves(database, item_id, references="IA-1")
    asked = answer(ws, CANCEL)
    ws.editor.description.setPlainText("改")
    ws.editor.flush()
    i18n.install_language("zh_CN")
    try:
        sentence = headline(asked[0])
    finally:
        i18n.install_language("en")
    assert sentence.startswith("证据 #1 · ") and "已被 王建国 于 " in sentence, sentence
    assert sentence.endswith("修改。")


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_a_network_blip_is_retried_once_and_the_save_lands(ws, database, pg_server):
    item_id = ws.editor.item_id
    with Blip(database, pg_server, 1) as blip:
        ws.editor.description.setPlainText("断线前输入的文字")
        assert ws.editor.flush()
    assert blip.cut == 1 and ws.retries == 1
    assert stored(database, item_id)[0] == "断线前输入的文字"


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_a_longer_outage_keeps_the_text_and_says_so_once(ws, database, pg_server, ctx):
    item_id = ws.editor.item_id
    before = len(ctx.shown)
    with Blip(database, pg_server, 2) as blip:
        ws.editor.description.setPlainText("网络中断时输入的文字")
        assert not ws.editor.flush()
    assert blip.cut == 2
    told = ctx.shown[before:]
    assert [title for title, _ in told] == ["Not saved yet"], told
    assert "cannot be reached" in told[0][1] and "\n" not in told[0][1]
    assert ws.editor.has_pending and ws.editor.description.toPlainText() == "网络中断时输入的文字"
    assert stored(database, item_id)[0] == "现场查看了内审记录"
    assert ws.editor.flush()  # the connection is back: the next trigger saves it
    assert stored(database, item_id)[0] == "网络中断时输入的文字"


@BOTH
def test_a_retry_after_a_commit_whose_answer_was_lost_is_not_a_conflict(ws, database):
    """The first try's commit landed but its answer was lost: the retry writes the same values
    (no change, so no version check) and the item is saved once, without a question."""
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    item_id = ws.editor.item_id
    lost = []

    def answer_lost(_session):
        if not lost:
            lost.append(1)
            raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

    asked = answer(ws, CANCEL)
    event.listen(database.Session, "after_commit", answer_lost)
    try:
        ws.editor.description.setPlainText("提交成功但回应丢失")
        assert ws.editor.flush()
    finally:
        event.remove(database.Session, "after_commit", answer_lost)
    assert lost == [1] and ws.retries == 1 and asked == []
    assert stored(database, item_id)[0] == "提交成功但回应丢失"
    ws.editor.description.setPlainText("之后的修改")  # the version shown moved on with it
    assert ws.editor.flush() and asked == []
