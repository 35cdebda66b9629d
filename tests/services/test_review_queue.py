"""The lead's review queue (issue 6 point 5)."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import Auditor, AuditType, NCGrade, NCState, Role, TeamRole, VerificationMethod
from auditdesk.services import nonconformities as ncs
from auditdesk.services import review_queue as rq
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.errors import IllegalTransition, PermissionDenied, ValidationFailed
from auditdesk.services.standards import standard_by_key
from tests.services.nc_world import act_as, add_evidence, add_user, build, draft

D = dt.date
RESPONSE = ncs.NCResponse(
    correction="fixed",
    root_cause="cause",
    corrective_action="action",
    owners="QA",
    planned_date=D(2027, 4, 1),
    received_on=D(2027, 4, 2),
)


def nc_with_response(session, world, grade=NCGrade.MINOR, audit_id=None, evidence_ids=None):
    act_as(session, "alice")
    nc = ncs.raise_nc(session, draft(world, grade, audit_id=audit_id, evidence_ids=evidence_ids))
    ncs.issue_nc(session, nc.id, on=D(2027, 3, 10))
    return ncs.record_response(session, nc.id, RESPONSE)


@pytest.fixture
def world(session):
    return build(session)


def numbers(items):
    return [i.number for i in items]


def test_queue_shows_responses_to_review_and_verifications_due(session, world):
    to_review = nc_with_response(session, world, NCGrade.MAJOR)
    to_verify = nc_with_response(session, world, NCGrade.MAJOR)
    act_as(session, "alice")
    ncs.raise_nc(session, draft(world))  # a draft waits for nobody
    act_as(session, "lena")
    ncs.accept_response(session, to_verify.id)
    items = rq.review_queue(session, on=D(2027, 5, 1))
    assert {(i.number, i.kind) for i in items} == {
        (to_review.number, rq.QueueKind.RESPONSE_TO_REVIEW),
        (to_verify.number, rq.QueueKind.VERIFICATION_DUE),
    }
    assert all(
        i.client == "深圳市华南精密机械有限公司" and i.standards == ("ISO 9001:2015",)
        for i in items
    )
    assert items[0].clause == "7.1.5" and items[0].due == D(2027, 6, 8)


def test_accepting_from_the_queue_moves_the_item_on(session, world):
    nc = nc_with_response(session, world)
    act_as(session, "lena")
    [item] = rq.review_queue(session)
    ncs.accept_response(session, item.nc_id)
    [item] = rq.review_queue(session)
    assert item.kind is rq.QueueKind.VERIFICATION_DUE
    ncs.verify_nc(
        session, nc.id, ncs.Verification(VerificationMethod.DOCUMENT_REVIEW, "ok", D(2027, 4, 20))
    )
    [item] = rq.review_queue(session)
    assert item.kind is rq.QueueKind.READY_TO_CLOSE
    ncs.close_nc(session, nc.id)
    assert rq.review_queue(session) == []


def test_a_lead_sees_only_the_audits_they_lead(session, world):
    mine = nc_with_response(session, world)
    act_as(session, "system")
    other_leader = Auditor(name_zh="李组长")
    session.add(other_leader)
    session.flush()
    other = create_audit(
        session,
        AuditData(
            certificate_ids=[world.certificate_id],
            audit_type=AuditType.SPECIAL,
            start_date=D(2027, 3, 20),
            end_date=D(2027, 3, 20),
            number="2027-0050",
            team=[(other_leader.id, TeamRole.TEAM_LEADER)],
        ),
    )
    theirs = nc_with_response(
        session, world, audit_id=other.id, evidence_ids=[add_evidence(session, other.id).id]
    )
    assert numbers(rq.review_queue(act_as(session, "lena"))) == [mine.number]
    assert set(numbers(rq.review_queue(session, everyone=True))) == {mine.number, theirs.number}
    # The CB office (no auditor record) sees every audit's queue.
    assert set(numbers(rq.review_queue(act_as(session, "adam")))) == {mine.number, theirs.number}


def test_an_auditor_has_no_review_queue(session, world):
    with pytest.raises(PermissionDenied):
        rq.review_queue(act_as(session, "alice"))


def test_filters_by_client_standard_grade_and_due_date(session, world):
    minor = nc_with_response(session, world, NCGrade.MINOR)  # no date: checked at the next audit
    major = nc_with_response(session, world, NCGrade.MAJOR)  # verification due 2027-06-08
    act_as(session, "system")
    second = build(
        session,
        client="苏州绿源环保科技有限公司",
        cert_no="CN-QMS-2026-0002",
        number="2027-0013",
        with_users=False,
        credit_code="91310000717854505W",
    )
    ncs.issue_nc(session, ncs.raise_nc(session, draft(second)).id, on=D(2027, 3, 10))
    lead = act_as(session, "adam")
    everything = rq.review_queue(lead)
    assert numbers(everything) == [
        major.number,
        minor.number,
    ]  # dated first; drafts/issued not queued
    qms = standard_by_key(session, "ISO9001:2015")
    ems = standard_by_key(session, "ISO14001:2015")
    assert numbers(rq.review_queue(session, rq.QueueFilter(grade=NCGrade.MAJOR))) == [major.number]
    assert (
        numbers(rq.review_queue(session, rq.QueueFilter(organisation_id=second.organisation_id)))
        == []
    )
    assert numbers(
        rq.review_queue(session, rq.QueueFilter(organisation_id=world.organisation_id))
    ) == [major.number, minor.number]
    assert numbers(rq.review_queue(session, rq.QueueFilter(standard_id=qms.id))) == [
        major.number,
        minor.number,
    ]
    assert rq.review_queue(session, rq.QueueFilter(standard_id=ems.id)) == []
    assert numbers(rq.review_queue(session, rq.QueueFilter(due_before=D(2027, 6, 7)))) == []
    assert numbers(rq.review_queue(session, rq.QueueFilter(due_before=D(2027, 6, 8)))) == [
        major.number
    ]
    choices = rq.filter_choices(session)
    assert [name for _id, name in choices.clients] == [
        "深圳市华南精密机械有限公司",
        "苏州绿源环保科技有限公司",
    ]
    assert [code for _id, code in choices.standards] == ["ISO 9001:2015"]


def test_overdue_items_are_flagged_and_come_first(session, world):
    minor = nc_with_response(session, world, NCGrade.MINOR)
    major = nc_with_response(session, world, NCGrade.MAJOR)
    act_as(session, "lena")
    first, second = rq.review_queue(session, on=D(2027, 6, 9))
    assert first.nc_id == major.id and first.overdue == {ncs.Overdue.VERIFICATION}
    assert first.risk is ncs.ProposedAction.FOLLOW_UP_AUDIT and first.risk_basis.clause == "9.6.2.2"
    assert second.risk is None
    assert second.nc_id == minor.id and second.overdue == frozenset() and second.due is None
    assert rq.review_queue(session, on=D(2027, 6, 8))[0].overdue == frozenset()


def test_bulk_verify_by_document_review(session, world):
    a, b = nc_with_response(session, world), nc_with_response(session, world)
    act_as(session, "lena")
    for nc in (a, b):
        ncs.accept_response(session, nc.id)
    done = rq.bulk_verify(
        session, [a.id, b.id], "Records reviewed: corrections effective", D(2027, 4, 20)
    )
    assert [nc.state for nc in done] == [NCState.VERIFIED, NCState.VERIFIED]
    assert {nc.verification_method for nc in done} == {VerificationMethod.DOCUMENT_REVIEW}
    assert [s.action for s in ncs.history(session, a.id)][-1] == "verify"


def test_bulk_verify_refuses_follow_up_visits_and_is_all_or_nothing(session, world):
    accepted, not_accepted = nc_with_response(session, world), nc_with_response(session, world)
    act_as(session, "lena")
    ncs.accept_response(session, accepted.id)
    with pytest.raises(ValidationFailed) as info:
        rq.bulk_verify(
            session, [accepted.id], "seen on site", method=VerificationMethod.FOLLOW_UP_VISIT
        )
    assert info.value.errors == {"verification_method": "not_allowed_in_bulk"}
    with pytest.raises(IllegalTransition) as info:
        rq.bulk_verify(session, [accepted.id, not_accepted.id], "ok", D(2027, 4, 20))
    assert info.value.details["numbers"] == [not_accepted.number]
    assert accepted.state is NCState.RESPONSE_ACCEPTED


def test_auditor_cannot_bulk_verify(session, world):
    nc = nc_with_response(session, world)
    ncs.accept_response(act_as(session, "lena"), nc.id)
    add_user(session, "andy", Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        rq.bulk_verify(act_as(session, "andy"), [nc.id], "ok")
