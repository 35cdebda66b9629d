"""``AuditWorkspace.on_changes``: the one method the app's change notification calls when another
screen (or a colleague on the central database) changed the audit's data."""

from __future__ import annotations

from auditdesk.model import EvidenceItem
from auditdesk.services import evidence as ev
from tests.services.workspace_data import make_audit
from tests.ui.conftest import show_workspace


def test_on_changes_shows_what_another_screen_wrote_and_keeps_what_is_typed(ctx, database, qtbot):
    with database.session() as s:
        facts = make_audit(s)
    ws = show_workspace(ctx, facts.audit_id, qtbot)
    ws.select_clause("9.2")
    mine = ws.new_item("我的记录")
    assert mine is not None and ws.evidence_count("9.2") == 1
    ws.editor.description.setPlainText("我的记录，还在输入")  # pending, not saved yet
    with database.session() as s:  # written elsewhere: the workspace is not told by itself
        ev.add_evidence(
            s,
            facts.audit_id,
            ev.EvidenceData(description="同事的记录", clause_ids=list(ws.rows["9.2"].clause_ids)),
        )
    assert ws.items.count() == 1
    ws.on_changes(None)
    assert ws.items.count() == 2 and ws.evidence_count("9.2") == 2
    assert ws.editor.item_id == mine  # still where the auditor was
    assert ws.editor.description.toPlainText() == "我的记录，还在输入"
    with database.session() as s:
        assert s.get(EvidenceItem, mine).description == "我的记录，还在输入"


class Changes:
    """Shaped as services.changes.OpChanges (the app's change notification)."""

    def __init__(self, ids):
        self.ids = ids
        self.kinds = frozenset(ids)
        self.bulk = frozenset()

    def touches(self, kinds):
        return not self.kinds.isdisjoint(kinds)

    def ids_of(self, kind):
        return frozenset(self.ids.get(kind, ()))


def test_the_echo_of_its_own_autosave_and_unrelated_changes_do_not_reload(
    ctx, database, qtbot, monkeypatch
):
    with database.session() as s:
        facts = make_audit(s)
    ws = show_workspace(ctx, facts.audit_id, qtbot)
    ws.select_clause("9.2")
    mine = ws.new_item("我的记录")
    reloads = []
    monkeypatch.setattr(ws, "refresh_coverage", lambda: reloads.append("coverage"))
    ws.editor.description.setPlainText("我的记录，继续输入")
    assert ws.editor.flush()
    ws.on_changes(Changes({"evidence": {mine}}))  # what the autosave itself wrote
    ws.on_changes(Changes({"clients": {facts.organisation_id}}))  # nothing shown here
    assert reloads == []
    ws.on_changes(Changes({"evidence": {mine}}))  # the echo came already: someone else's now
    ws.on_changes(Changes({"nonconformities": {mine}}))
    assert reloads == ["coverage", "coverage"]


def test_a_write_elsewhere_reaches_the_workspace_through_the_one_change_signal(
    ctx, database, qtbot
):
    """Subscribed by the workspace itself: no screen has to tell it (services/changes.py)."""
    with database.session() as s:
        facts = make_audit(s)
    ws = show_workspace(ctx, facts.audit_id, qtbot)
    ws.select_clause("9.2")
    clause_ids = list(ws.rows["9.2"].clause_ids)
    assert ws.evidence_count("9.2") == 0
    with database.session() as s:  # another screen of this app, or a sync, wrote it
        ev.add_evidence(
            s, facts.audit_id, ev.EvidenceData(description="同事的记录", clause_ids=clause_ids)
        )
    qtbot.waitUntil(lambda: ws.evidence_count("9.2") == 1 and ws.items.count() == 1)
