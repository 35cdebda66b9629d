"""Nonconformities from raising to verified closure (issue 6; DOMAIN §4)."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import (
    AuditType,
    CBSetting,
    CertificateStatus,
    NCGrade,
    NCState,
    VerificationMethod,
)
from auditdesk.services import nonconformities as ncs
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.errors import (
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from tests.services.nc_world import act_as, add_evidence, build, clause, draft

D = dt.date
RESPONSE = ncs.NCResponse(
    correction="G-12 calibrated on 2027-03-20 (cert. JL-2027-311)",
    root_cause="Gauge missing from the calibration plan after purchase",
    corrective_action="Purchase procedure now adds new gauges to the plan",
    owners="质量部 张工",
    planned_date=D(2027, 4, 1),
    received_on=D(2027, 4, 2),
)
DOC_REVIEW = ncs.Verification(
    VerificationMethod.DOCUMENT_REVIEW,
    "Plan updated; 3 new gauges traced",
    verified_on=D(2027, 4, 20),
)


@pytest.fixture
def world(session):
    return build(session)


AUDIT_LAST_DAY = D(2027, 3, 10)


def raised_and_issued(session, world, grade=NCGrade.MINOR, on=AUDIT_LAST_DAY):
    act_as(session, "alice")
    nc = ncs.raise_nc(session, draft(world, grade), on=on)
    return ncs.issue_nc(session, nc.id, on=on)


# ------------------------------------------------------------------ raising


def test_ncs_are_numbered_per_audit(session, world):
    act_as(session, "alice")
    numbers = [ncs.raise_nc(session, draft(world)).number for _ in range(3)]
    assert numbers == ["NC-2027-0012-01", "NC-2027-0012-02", "NC-2027-0012-03"]
    act_as(session, "system")
    other = create_audit(
        session,
        AuditData(
            certificate_ids=[world.certificate_id],
            audit_type=AuditType.SPECIAL,
            start_date=D(2027, 5, 6),
            end_date=D(2027, 5, 6),
            number="2027-0040",
        ),
    )
    evidence = add_evidence(session, other.id)
    act_as(session, "alice")
    nc = ncs.raise_nc(session, draft(world, evidence_ids=[evidence.id], audit_id=other.id))
    assert nc.number == "NC-2027-0040-01"


def test_raising_records_who_and_links_the_evidence(session, world):
    act_as(session, "alice")
    nc = ncs.raise_nc(session, draft(world, NCGrade.MAJOR))
    assert nc.state is NCState.DRAFT
    assert nc.raised_by == "alice"
    assert {e.id for e in nc.evidence} == set(world.evidence_ids)
    [step] = ncs.history(session, nc.id)
    assert (step.action, step.from_state, step.to_state, step.by_user) == (
        "raise",
        None,
        NCState.DRAFT,
        "alice",
    )
    assert step.at.tzinfo is not None


def test_an_nc_needs_evidence_of_its_own_audit(session, world):
    act_as(session, "alice")
    with pytest.raises(ValidationFailed) as info:
        ncs.raise_nc(session, draft(world, evidence_ids=[]))
    assert info.value.errors == {"evidence": "at_least_one"}
    act_as(session, "system")
    other = create_audit(
        session,
        AuditData(
            certificate_ids=[world.certificate_id], audit_type=AuditType.SPECIAL, number="2027-0041"
        ),
    )
    foreign = add_evidence(session, other.id)
    act_as(session, "alice")
    with pytest.raises(ValidationFailed) as info:
        ncs.raise_nc(session, draft(world, evidence_ids=[foreign.id]))
    assert info.value.errors == {"evidence": "not_in_audit"}


def test_the_statement_has_three_parts(session, world):
    data = draft(world)
    data.requirement, data.reason = "", "  "
    with pytest.raises(ValidationFailed) as info:
        ncs.raise_nc(act_as(session, "alice"), data)
    assert info.value.errors == {"requirement": "required", "reason": "required"}


def test_the_clause_must_belong_to_the_audited_standard(session, world):
    ems_clause = clause(session, "ISO14001:2015", "6.1.2")
    with pytest.raises(ValidationFailed) as info:
        ncs.raise_nc(act_as(session, "alice"), draft(world, clause_id=ems_clause.id))
    assert info.value.errors == {"clause": "not_in_audit_standards"}


def test_drafts_are_edited_but_issued_ncs_are_not(session, world):
    act_as(session, "alice")
    nc = ncs.raise_nc(session, draft(world))
    changed = draft(world, NCGrade.MAJOR)
    changed.reason = "Several gauges untraced: systemic failure"
    ncs.edit_draft(session, nc.id, changed)
    assert (nc.grade, nc.reason) == (NCGrade.MAJOR, "Several gauges untraced: systemic failure")
    assert nc.verification_due == D(2027, 6, 8)  # a major now: deadlines follow the grade
    ncs.issue_nc(session, nc.id, on=D(2027, 3, 10))
    with pytest.raises(IllegalTransition) as info:
        ncs.edit_draft(session, nc.id, changed)
    assert info.value.details["reason"] == "only_drafts_are_edited"


# ------------------------------------------------------------------ lifecycle and history


def test_full_lifecycle_is_recorded_with_who_and_when(session, world):
    nc = raised_and_issued(session, world, NCGrade.MAJOR)
    assert nc.issued_on == D(2027, 3, 10)
    ncs.record_response(session, nc.id, RESPONSE)
    act_as(session, "lena")
    ncs.reject_response(session, nc.id, "Root cause stops at the symptom")
    assert (
        nc.state is NCState.RESPONSE_REJECTED
        and nc.review_reason == "Root cause stops at the symptom"
    )
    act_as(session, "alice")
    ncs.record_response(session, nc.id, RESPONSE)
    act_as(session, "lena")
    ncs.accept_response(session, nc.id)
    ncs.verify_nc(session, nc.id, DOC_REVIEW)
    assert (nc.verification_method, nc.verified_by, nc.verified_on) == (
        VerificationMethod.DOCUMENT_REVIEW,
        "Lena",
        D(2027, 4, 20),
    )
    ncs.close_nc(session, nc.id, on=D(2027, 4, 21))
    assert nc.state is NCState.CLOSED and nc.closed_on == D(2027, 4, 21)
    act_as(session, "adam")
    ncs.reopen_nc(session, nc.id, "Regulator archive check: effectiveness not evidenced")
    assert nc.state is NCState.RESPONSE_RECEIVED and nc.closed_on is None and nc.verified_on is None

    steps = [
        (s.action, s.from_state and s.from_state.value, s.to_state.value, s.by_user)
        for s in ncs.history(session, nc.id)
    ]
    assert steps == [
        ("raise", None, "draft", "alice"),
        ("issue", "draft", "issued", "alice"),
        ("record_response", "issued", "response_received", "alice"),
        ("reject", "response_received", "response_rejected", "lena"),
        ("record_response", "response_rejected", "response_received", "alice"),
        ("accept", "response_received", "response_accepted", "lena"),
        ("verify", "response_accepted", "verified", "lena"),
        ("close", "verified", "closed", "lena"),
        ("reopen", "closed", "response_received", "adam"),
    ]
    assert ncs.history(session, nc.id)[3].note == "Root cause stops at the symptom"


def test_illegal_transitions_are_refused_with_a_reason(session, world):
    nc = raised_and_issued(session, world)
    act_as(session, "lena")
    with pytest.raises(IllegalTransition) as info:
        ncs.accept_response(session, nc.id)
    assert info.value.details["reason"] == "no_response_to_review"
    with pytest.raises(IllegalTransition) as info:
        ncs.close_nc(session, nc.id)
    assert info.value.details["reason"] == "not_verified"
    assert nc.state is NCState.ISSUED
    assert len(ncs.history(session, nc.id)) == 2


def test_reject_needs_a_reason_and_verify_needs_effectiveness(session, world):
    nc = raised_and_issued(session, world)
    ncs.record_response(session, nc.id, RESPONSE)
    act_as(session, "lena")
    with pytest.raises(ValidationFailed) as info:
        ncs.reject_response(session, nc.id, "   ")
    assert info.value.errors == {"reason": "required"}
    ncs.accept_response(session, nc.id)
    with pytest.raises(ValidationFailed) as info:
        ncs.verify_nc(
            session, nc.id, ncs.Verification(VerificationMethod.FOLLOW_UP_VISIT, "", D(2027, 5, 1))
        )
    assert info.value.errors == {"effectiveness": "required"}
    with pytest.raises(ValidationFailed) as info:
        ncs.verify_nc(
            session,
            nc.id,
            ncs.Verification(VerificationMethod.FOLLOW_UP_VISIT, "ok", D(2027, 4, 1)),
        )
    assert info.value.errors == {"verified_on": "before_response"}
    assert nc.state is NCState.RESPONSE_ACCEPTED


def test_a_response_needs_correction_cause_action_owners_and_dates(session, world):
    nc = raised_and_issued(session, world)
    empty = ncs.NCResponse(
        correction="", root_cause="x", corrective_action="", owners="", planned_date=None
    )
    with pytest.raises(ValidationFailed) as info:
        ncs.record_response(session, nc.id, empty)
    assert set(info.value.errors) == {"correction", "corrective_action", "owners", "planned_date"}


# ------------------------------------------------------------------ roles


def test_auditor_cannot_accept(session, world):
    nc = raised_and_issued(session, world)
    ncs.record_response(session, nc.id, RESPONSE)
    with pytest.raises(PermissionDenied) as info:
        ncs.accept_response(act_as(session, "alice"), nc.id)
    assert info.value.details["needs"] == "lead"
    assert "alice (auditor) may not review_nc" in str(info.value)
    assert nc.state is NCState.RESPONSE_RECEIVED


def test_lead_cannot_reopen_but_admin_can(session, world):
    nc = raised_and_issued(session, world)
    ncs.record_response(session, nc.id, RESPONSE)
    act_as(session, "lena")
    ncs.accept_response(session, nc.id)
    ncs.verify_nc(session, nc.id, DOC_REVIEW)
    ncs.close_nc(session, nc.id)
    with pytest.raises(PermissionDenied) as info:
        ncs.reopen_nc(session, nc.id, "wrong NC closed")
    assert info.value.details["needs"] == "admin"
    assert nc.state is NCState.CLOSED
    ncs.reopen_nc(act_as(session, "adam"), nc.id, "wrong NC closed")
    assert nc.state is NCState.RESPONSE_RECEIVED


def test_lead_may_do_what_an_auditor_does(session, world):
    act_as(session, "lena")
    nc = ncs.raise_nc(session, draft(world))
    assert nc.raised_by == "lena"


# ------------------------------------------------------------------ deadlines


def test_deadlines_from_the_default_settings(session, world):
    minor = raised_and_issued(session, world, NCGrade.MINOR)
    major = raised_and_issued(session, world, NCGrade.MAJOR)
    # Audit's last day 2027-03-10: response within 30 days, major verified within 90 days.
    assert (minor.response_due, minor.verification_due) == (D(2027, 4, 9), None)
    assert (major.response_due, major.verification_due) == (D(2027, 4, 9), D(2027, 6, 8))
    explained = ncs.deadlines(session, major)
    assert explained.response_due.basis.rule_id == "CB setting"
    assert explained.response_due.basis.clause == "nc_response_days"
    assert ncs.deadlines(session, minor).verification_at_next_audit


def test_deadlines_follow_cb_setting_overrides(session, world):
    session.add_all(
        [
            CBSetting(key="nc_response_days", value=14),
            CBSetting(key="major_nc_verification_days", value=60),
        ]
    )
    session.flush()
    major = raised_and_issued(session, world, NCGrade.MAJOR)
    assert (major.response_due, major.verification_due) == (D(2027, 3, 24), D(2027, 5, 9))


def test_overdue_flags_the_day_after_the_deadline(session, world):
    nc = raised_and_issued(session, world, NCGrade.MAJOR)
    assert ncs.overdue_flags(nc, D(2027, 4, 9)) == frozenset()
    assert ncs.overdue_flags(nc, D(2027, 4, 10)) == {ncs.Overdue.RESPONSE}
    ncs.record_response(session, nc.id, RESPONSE)
    assert ncs.overdue_flags(nc, D(2027, 6, 8)) == frozenset()
    assert ncs.overdue_flags(nc, D(2027, 6, 9)) == {ncs.Overdue.VERIFICATION}


# ------------------------------------------------------------------ certificates at risk


def test_surveillance_nc_without_response_puts_the_certificate_at_risk_of_suspension(
    session, world
):
    nc = raised_and_issued(session, world)
    assert ncs.certificates_at_risk(session, D(2027, 4, 9)) == []
    [risk] = ncs.certificates_at_risk(session, D(2027, 4, 10))
    assert risk.certificate_number == "CN-QMS-2026-0001"
    assert risk.action is ncs.ProposedAction.SUSPENSION
    assert risk.basis.clause == "surveillance_nc_suspension_months"
    assert [i.number for i in risk.ncs] == [nc.number]
    assert risk.ncs[0].due == D(2027, 4, 9)


def test_late_verification_proposes_a_follow_up_audit(session, world):
    nc = raised_and_issued(session, world, NCGrade.MAJOR)
    ncs.record_response(session, nc.id, RESPONSE)
    ncs.accept_response(act_as(session, "lena"), nc.id)
    risk = ncs.certificate_risk(session, world.certificate_id, D(2027, 6, 9))
    assert risk is not None and risk.action is ncs.ProposedAction.FOLLOW_UP_AUDIT
    ncs.verify_nc(session, nc.id, DOC_REVIEW)
    assert ncs.certificate_risk(session, world.certificate_id, D(2027, 6, 9)) is None


def test_worst_proposal_wins_and_suspension_end_is_shown(session, world):
    late_answer = raised_and_issued(session, world, NCGrade.MINOR)
    late_check = raised_and_issued(session, world, NCGrade.MAJOR)
    ncs.record_response(session, late_check.id, RESPONSE)
    risk = ncs.certificate_risk(session, world.certificate_id, D(2027, 6, 10))
    assert {i.number: i.action for i in risk.ncs} == {
        late_answer.number: ncs.ProposedAction.SUSPENSION,
        late_check.number: ncs.ProposedAction.FOLLOW_UP_AUDIT,
    }
    assert risk.action is ncs.ProposedAction.SUSPENSION and risk.suspension_ends is None
    cert = world_cert(session, world)
    cert.status, cert.status_date = CertificateStatus.SUSPENDED, D(2027, 6, 10)
    risk = ncs.certificate_risk(session, world.certificate_id, D(2027, 6, 11))
    assert risk.suspension_ends.date == D(2027, 9, 10)


def test_withdrawn_certificates_are_not_at_risk(session, world):
    raised_and_issued(session, world)
    world_cert(session, world).status = CertificateStatus.WITHDRAWN
    assert ncs.certificates_at_risk(session, D(2027, 5, 1)) == []


@pytest.mark.parametrize(
    ("grade", "on", "expected"),
    [
        (NCGrade.MINOR, D(2027, 4, 10), ncs.ProposedAction.FOLLOW_UP_AUDIT),
        (NCGrade.MINOR, D(2027, 12, 11), ncs.ProposedAction.REFUSE_CERTIFICATION),
        (NCGrade.MAJOR, D(2027, 9, 10), ncs.ProposedAction.FOLLOW_UP_AUDIT),
        (NCGrade.MAJOR, D(2027, 9, 11), ncs.ProposedAction.REPEAT_STAGE2),
    ],
)
def test_initial_audit_ncs(session, grade, on, expected):
    world = build(session, audit_type=AuditType.STAGE2)
    raised_and_issued(session, world, grade)
    risk = ncs.certificate_risk(session, world.certificate_id, on)
    assert risk is not None and risk.action is expected


def world_cert(session, world):
    from auditdesk.model import Certificate

    return session.get(Certificate, world.certificate_id)


# ------------------------------------------------------------------ previous NCs at the next audit


def test_next_audit_lists_open_and_recently_closed_ncs_and_records_their_reverification(
    session, world
):
    still_open = raised_and_issued(session, world)
    closed = raised_and_issued(session, world)
    ncs.raise_nc(session, draft(world))  # a draft never issued is not the client's NC
    ncs.record_response(session, closed.id, RESPONSE)
    act_as(session, "lena")
    ncs.accept_response(session, closed.id)
    ncs.verify_nc(session, closed.id, DOC_REVIEW)
    ncs.close_nc(session, closed.id, on=D(2027, 4, 21))
    act_as(session, "system")
    next_audit = create_audit(
        session,
        AuditData(
            certificate_ids=[world.certificate_id],
            audit_type=AuditType.SURVEILLANCE_2,
            start_date=D(2028, 3, 6),
            end_date=D(2028, 3, 7),
            number="2028-0009",
        ),
    )
    assert [n.number for n in ncs.previous_ncs(session, next_audit.id)] == [
        still_open.number,
        closed.number,
    ]
    assert ncs.previous_ncs(session, world.audit_id) == []

    act_as(session, "alice")
    ncs.record_reverification(
        session, closed.id, next_audit.id, True, "Calibration plan covers all 41 gauges"
    )
    assert (
        closed.reverified_in_audit_id,
        closed.reverified_on,
        closed.reverification_effective,
    ) == (next_audit.id, D(2028, 3, 6), True)
    assert ncs.history(session, closed.id)[-1].action == "reverify"
    assert closed.state is NCState.CLOSED  # a record, not a state change

    act_as(session, "system")
    later = create_audit(
        session,
        AuditData(
            certificate_ids=[world.certificate_id],
            audit_type=AuditType.RECERTIFICATION,
            start_date=D(2029, 1, 8),
            end_date=D(2029, 1, 9),
            number="2029-0002",
        ),
    )
    # Re-verified once, at the next audit; closed before the previous audit: not listed again.
    assert [n.number for n in ncs.previous_ncs(session, later.id)] == [still_open.number]
    with pytest.raises(ValidationFailed):
        ncs.record_reverification(session, closed.id, later.id, True, "again")


def test_response_attachments_go_to_the_store(session, world, tmp_path):
    from auditdesk.storage.attachments import AttachmentStore

    nc = raised_and_issued(session, world)
    ncs.record_response(session, nc.id, RESPONSE)
    source = tmp_path / "calibration.pdf"
    source.write_bytes(b"%PDF-1.4\n% calibration certificate JL-2027-311\n%%EOF\n")
    store = AttachmentStore(tmp_path / "store")
    attachment = ncs.add_response_attachment(session, nc.id, source, store)
    assert store.contains(attachment.sha256)
    assert [a.filename for a in ncs.response_attachments(session, nc.id)] == ["calibration.pdf"]


def test_find_by_number_or_id_and_count_by_state(session, world):
    nc = raised_and_issued(session, world)
    ncs.raise_nc(session, draft(world))
    assert ncs.find_nc(session, "NC-2027-0012-01") is nc
    assert ncs.find_nc(session, str(nc.id)) is nc
    with pytest.raises(NotFound):
        ncs.find_nc(session, "NC-1999-0001-01")
    assert ncs.count_by_state(session, [world.audit_id]) == {NCState.ISSUED: 1, NCState.DRAFT: 1}
    assert [n.number for n in ncs.ncs_of_audit(session, world.audit_id)] == [
        "NC-2027-0012-01",
        "NC-2027-0012-02",
    ]


def test_raising_on_an_issued_report_is_refused(session, world):
    from auditdesk.model import Audit
    from auditdesk.services.errors import Locked

    session.get(Audit, world.audit_id).locked = True
    with pytest.raises(Locked):
        ncs.raise_nc(act_as(session, "alice"), draft(world))
