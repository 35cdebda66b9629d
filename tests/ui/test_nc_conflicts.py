"""The NC draft dialog and the NC actions never overwrite a colleague's save silently (issue 14
point 7). On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from auditdesk.model import Clause, EvidenceItem, NCState, Role
from auditdesk.rules.nc_lifecycle import NCAction
from auditdesk.services import nonconformities as ncs
from auditdesk.ui.conflict_reload import CANCEL, MERGE, RELOAD, headline
from auditdesk.ui.nc import NCDialog
from tests.services.nc_world import add_user, build, draft
from tests.ui.blip import Blip

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgres"], indirect=True)


@pytest.fixture
def world(database, qapp):
    with database.session() as s:
        world = build(s)
        item = s.get(EvidenceItem, world.evidence_ids[0])
        item.clauses = [s.get(Clause, world.clause_id)]
        add_user(s, "wang", Role.AUDITOR).display_name = "王建国"
        s.info["user"] = "alice"
        world.nc_id = ncs.raise_nc(s, draft(world)).id
    return world


def wang_edits(database, world, **fields):
    with database.session("wang") as s:
        nc = ncs.get_nc(s, world.nc_id)
        data = draft(world, evidence_ids=[e.id for e in nc.evidence])
        for name in ("requirement", "evidence_text", "reason"):
            setattr(data, name, fields.get(name, getattr(nc, name)))
        ncs.edit_draft(s, world.nc_id, data)


def stored(database, world):
    with database.session() as s:
        nc = ncs.get_nc(s, world.nc_id)
        return nc.evidence_text, nc.reason, nc.state


def dialog_for(qtbot, database, world, choice):
    dialog = NCDialog(database, world.audit_id, None, user="alice", nc_id=world.nc_id)
    qtbot.addWidget(dialog)
    asked: list = []
    dialog.ask_conflict = lambda exc, parent: (asked.append(exc), choice)[1]
    return dialog, asked


@BOTH
def test_merge_keeps_their_reason_and_my_evidence_text(qtbot, database, world):
    dialog, asked = dialog_for(qtbot, database, world, MERGE)
    wang_edits(database, world, reason="量具未纳入校准计划，产品放行的测量无法溯源")
    dialog.evidence_text.setPlainText("2027-03-09 二号线在用量具 G-12，无校准记录")
    assert dialog.save()
    assert len(asked) == 1
    sentence = headline(asked[0])
    number = asked[0].details["subject"]["label"]
    assert number.startswith("NC-2027-0012") and number in sentence and "王建国" in sentence
    assert stored(database, world) == (
        "2027-03-09 二号线在用量具 G-12，无校准记录",
        "量具未纳入校准计划，产品放行的测量无法溯源",
        NCState.DRAFT,
    )
    assert dialog.reason.toPlainText() == "量具未纳入校准计划，产品放行的测量无法溯源"


@BOTH
def test_keep_mine_and_reload_never_overwrite(qtbot, database, world):
    dialog, asked = dialog_for(qtbot, database, world, CANCEL)
    wang_edits(database, world, reason="王建国的理由")
    dialog.reason.setPlainText("我的理由")
    assert not dialog.save()
    assert dialog.reason.toPlainText() == "我的理由" and "王建国" in dialog.problems.text()
    assert stored(database, world)[1] == "王建国的理由"
    dialog.ask_conflict = lambda exc, parent: RELOAD
    assert not dialog.save()  # reload: theirs shown, nothing saved; saving again now lands
    assert dialog.reason.toPlainText() == "王建国的理由"
    dialog.reason.setPlainText("看过之后的理由")
    assert dialog.save()
    assert stored(database, world)[1] == "看过之后的理由"


@BOTH
def test_save_and_issue_after_a_merge_issues_once(qtbot, database, world):
    """Edit and issue in one transaction: checked once, not refused by its own first flush."""
    dialog, asked = dialog_for(qtbot, database, world, MERGE)
    dialog.reason.setPlainText("测量无法溯源")
    assert dialog.save(issue=True) and asked == []
    assert stored(database, world)[1:] == ("测量无法溯源", NCState.ISSUED)


@BOTH
def test_an_action_on_a_state_someone_changed_meanwhile_is_refused(qtbot, database, world):
    from auditdesk.ui.nc import detail_dialog

    shown: list = []
    detail_dialog.shown = shown
    try:
        dialog = detail_dialog.NCDetailDialog(database, world.nc_id, user="lena")
        qtbot.addWidget(dialog)
        wang_edits(database, world, reason="王建国改过")  # after the dialog showed the draft
        assert not dialog.perform(NCAction.ISSUE)
        assert stored(database, world)[2] is NCState.DRAFT
        assert "王建国" in shown[-1][1] and "repeat the action" in shown[-1][1]
        assert dialog.perform(NCAction.ISSUE)  # reloaded: now it acts on what it shows
        assert stored(database, world)[2] is NCState.ISSUED
    finally:
        detail_dialog.shown = None


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_a_lost_connection_keeps_the_dialog_text_and_says_so(qtbot, database, world, pg_server):
    dialog, asked = dialog_for(qtbot, database, world, MERGE)
    dialog.reason.setPlainText("断线时写的理由")
    with Blip(database, pg_server, 1):
        assert not dialog.save()
    assert "does not answer" in dialog.problems.text()
    assert dialog.reason.toPlainText() == "断线时写的理由"
    assert stored(database, world)[1] != "断线时写的理由"
    assert dialog.save() and asked == []  # connection back: saved against the version shown
    assert stored(database, world)[1] == "断线时写的理由"
