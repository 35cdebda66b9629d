"""CNCA reporting services on both backends: 证件号码, the masked register column, what was
reported when, plan numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from auditdesk.model import Auditor, AuditTeamMember, CncaReported, TeamRole
from auditdesk.rules.id_documents import BAD_CHECKSUM, id_card_check, masked
from auditdesk.services import cnca_reporting as rep
from auditdesk.services.audits import get_audit
from auditdesk.services.errors import ValidationFailed
from auditdesk.services.registers import fetch_rows
from tests.services.workspace_data import make_audit

FIRST17 = "11010819800101123"
GOOD = FIRST17 + id_card_check(FIRST17)


def test_id_document_is_checked_normalised_and_listed_masked(session):
    a = Auditor(name_zh="李明")
    session.add(a)
    session.flush()
    with pytest.raises(ValidationFailed) as caught:
        rep.set_auditor_id_document(
            session, a.id, "id_card", FIRST17 + ("0" if GOOD[-1] != "0" else "1")
        )
    assert caught.value.errors == {"id_doc_no": BAD_CHECKSUM}
    assert a.id_doc_no == ""
    rep.set_auditor_id_document(session, a.id, "id_card", " " + GOOD[:6] + " " + GOOD[6:].lower())
    assert a.id_doc_no == GOOD
    rep.set_auditor_id_document(session, a.id, "passport", "e12345678")
    assert (a.id_doc_type, a.id_doc_no) == ("passport", "E12345678")
    rep.set_auditor_id_document(session, a.id, "id_card", GOOD)
    rows = fetch_rows(session, "auditors")
    shown = [values[-1] for rid, values in rows if rid == a.id]
    assert shown == [masked(GOOD)] and GOOD not in shown


def test_reported_rows_are_not_reported_again_until_they_change(session):
    facts = make_audit(session, start=dt.date(2026, 11, 9), window_latest=dt.date(2026, 11, 30))
    audit = get_audit(session, facts.audit_id)
    a = Auditor(name_zh="王建国", id_doc_no=GOOD)
    session.add(a)
    session.flush()
    audit.team.append(AuditTeamMember(auditor_id=a.id, role=TeamRole.TEAM_LEADER))
    session.flush()
    nov = rep.Month.parse("2026-11")
    sel = rep.select_month(session, nov)
    assert [x.id for x in sel.plans] == [audit.id]
    assert rep.record_reported(session, sel, file_sha256="0" * 64) == 1
    assert session.scalars(select(CncaReported.sheet)).all() == ["plan"]
    assert rep.select_month(session, nov).plans == []
    assert [x.id for x in rep.select_month(session, nov, everything=True).plans] == [audit.id]
    a.name_zh = "王建国 "  # a team member's change re-reports the plan, next month too
    session.flush()
    assert [x.id for x in rep.select_month(session, rep.Month.parse("2026-12")).plans] == [audit.id]


def test_months_and_deadline():
    from auditdesk.rules.settings import CBSettings

    m = rep.Month.parse("2026-12")
    assert (str(m.next), str(m.previous), m.last) == ("2027-01", "2026-11", dt.date(2026, 12, 31))
    assert m.due(CBSettings()) == dt.date(2027, 1, 10)
    assert rep.Month.parse("2026-01").previous == rep.Month(2025, 12)
    for bad in ("2026-13", "2026/11", "", "26-11"):
        with pytest.raises(ValidationFailed):
            rep.Month.parse(bad)
