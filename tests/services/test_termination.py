"""Termination (撤组): reason codes, who agreed and when, status, re-audit due."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import AuditStatus, Role
from auditdesk.services.audits import get_audit
from auditdesk.services.errors import IllegalTransition, PermissionDenied, ValidationFailed
from auditdesk.services.termination import (
    Agreement,
    AgreementRole,
    TerminationData,
    TerminationReason,
    terminate_audit,
)
from auditdesk.services.users import create_user
from tests.services.workspace_data import make_audit

AT = dt.datetime(2027, 3, 1, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def data(**kw):
    base = dict(
        reasons=[TerminationReason.SPECIAL_EQUIPMENT_EXPIRED],
        terminated_on=dt.date(2027, 3, 1),
        agreed_by=[
            Agreement(AgreementRole.TEAM_LEADER, "王组长", AT),
            Agreement(AgreementRole.CB_SCHEDULER, "调度 张", AT + dt.timedelta(minutes=20)),
        ],
    )
    base.update(kw)
    return TerminationData(**base)


def test_termination_records_reasons_agreement_and_reaudit_due(session):
    facts = make_audit(session, window_latest=dt.date(2027, 3, 15))
    record = terminate_audit(session, facts.audit_id, data())
    audit = get_audit(session, facts.audit_id)
    assert audit.status is AuditStatus.TERMINATED and audit.termination is record
    assert record.reason_codes == ["special_equipment_expired"]
    assert record.agreed_by[0] == {
        "role": "team_leader",
        "name": "王组长",
        "at": "2027-03-01T07:00:00+00:00",
    }
    assert record.reaudit_due == dt.date(2027, 3, 15)


def test_cb_may_set_another_reaudit_date(session):
    facts = make_audit(session)
    record = terminate_audit(session, facts.audit_id, data(reaudit_due=dt.date(2027, 5, 1)))
    assert record.reaudit_due == dt.date(2027, 5, 1)


@pytest.mark.parametrize(
    "changes,errors",
    [
        ({"reasons": []}, {"reasons": "required"}),
        ({"reasons": ["weather"]}, {"reasons": "unknown"}),
        ({"reasons": [TerminationReason.OTHER]}, {"note": "required_for_other"}),
        (
            {"agreed_by": [Agreement(AgreementRole.CLIENT, "厂长", AT)]},
            {"agreed_by": "team_leader_required"},
        ),
        ({"terminated_on": dt.date(2027, 2, 1)}, {"terminated_on": "before_start"}),
    ],
)
def test_incomplete_termination_is_refused(session, changes, errors):
    facts = make_audit(session)
    with pytest.raises(ValidationFailed) as exc:
        terminate_audit(session, facts.audit_id, data(**changes))
    assert exc.value.errors == errors
    assert get_audit(session, facts.audit_id).status is AuditStatus.IN_PROGRESS


def test_other_reason_with_a_note_is_accepted(session):
    facts = make_audit(session)
    record = terminate_audit(
        session, facts.audit_id, data(reasons=["other"], note="受审核方停产搬迁")
    )
    assert record.reason_codes == ["other"] and record.note == "受审核方停产搬迁"


def test_a_terminated_audit_cannot_be_terminated_again(session):
    facts = make_audit(session)
    terminate_audit(session, facts.audit_id, data())
    with pytest.raises(IllegalTransition):
        terminate_audit(session, facts.audit_id, data())


def test_auditors_cannot_terminate_only_a_lead_can(database):
    with database.session() as s:
        facts = make_audit(s)
        create_user(s, "li", "password1", Role.AUDITOR)
    with database.session(user="li") as s, pytest.raises(PermissionDenied):
        terminate_audit(s, facts.audit_id, data())
