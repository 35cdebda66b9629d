"""What the workspace shows, read by services/workspace_data.py (issue 18 point 2): plain data,
and the search list's details read for all hits at once, not with a query per hit."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from auditdesk.services import evidence as ev
from auditdesk.services import workspace_data as wd
from auditdesk.services.coverage import audit_clause_rows
from auditdesk.services.search import search
from tests.services.workspace_data import make_audit


@pytest.fixture
def audit(session):
    facts = make_audit(session)
    rows = {r.number: r.clause_ids for r in audit_clause_rows(session, facts.audit_id)}
    return facts, rows


def add(session, audit_id, text, clause_ids):
    return ev.add_evidence(
        session, audit_id, ev.EvidenceData(description=text, clause_ids=list(clause_ids))
    )


class Statements:
    def __init__(self, session):
        self.engine = session.get_bind()
        self.count = 0

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, *args):
        self.count += 1


def extra_statements(session, audit_id, query):
    """Statements search_lines runs beyond the search itself (fresh identity map each time)."""
    session.expire_all()
    with Statements(session) as raw:
        search(session, query, audit_id=audit_id, limit=200)
    session.expire_all()
    with Statements(session) as lines:
        found = wd.search_lines(session, query, audit_id, all_audits=False)
    return lines.count - raw.count, found


def test_search_lines_read_the_hits_details_at_once(session, audit):
    facts, rows = audit
    add(session, facts.audit_id, "内部审核记录 第1份", rows["9.2"])
    session.flush()
    one, found = extra_statements(session, facts.audit_id, "内部审核")
    assert [line.clause_numbers for line in found] == [["9.2"]]
    for i in range(2, 8):
        add(session, facts.audit_id, f"内部审核记录 第{i}份", rows["9.2"] + rows["7.5"])
    session.flush()
    seven, found = extra_statements(session, facts.audit_id, "内部审核")
    assert len(found) == 7
    assert seven == one, f"{one} statements for 1 hit, {seven} for 7: a query per hit"
    assert all(line.audit_number is None for line in found)
    assert sorted(found[0].clause_numbers) == ["7.5", "9.2"]
    assert {line.seq for line in found} == set(range(1, 8))


def test_clause_view_is_plain_data_for_one_clause_and_site(session, audit):
    facts, rows = audit
    site = facts.site_ids[1]
    item = add(session, facts.audit_id, "现场查看二厂", rows["8.5"])
    item.site_id = site
    add(session, facts.audit_id, "总部的记录", rows["8.5"])
    wd.judge_clause(session, facts.audit_id, rows["8.5"], "conform", site_id=site, note="见记录")
    session.flush()
    view = wd.clause_view(session, facts.audit_id, rows["8.5"], site)
    assert [s.description for s in view.items] == ["现场查看二厂"]
    assert view.judgement == "conform" and view.note == "见记录" and view.ncs == []
    assert isinstance(view.items[0], wd.EvidenceSnapshot) and view.items[0].version is not None
    everywhere = wd.clause_view(session, facts.audit_id, rows["8.5"], None)
    assert len(everywhere.items) == 2 and everywhere.judgement is None
