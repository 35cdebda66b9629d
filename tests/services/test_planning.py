"""Planning: MD5 days and MD1 sites proposed, team checks as warnings, the audit created."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import AuditType, CertificateEventKind, CertificateStatus, TeamRole
from auditdesk.services import certificate_events, planning
from auditdesk.services.clients import add_site
from auditdesk.services.errors import IllegalTransition, ValidationFailed
from tests.samples import make_sample

START, END = dt.date(2027, 2, 1), dt.date(2027, 2, 2)


def test_proposal_days_from_md5_and_window_from_programme(session):
    s = make_sample(session)
    p = planning.propose(session, [s["certs"][0].id], AuditType.SURVEILLANCE_1, START, END)
    # 120 effective personnel, QMS: 7 initial days; surveillance = 1/3 → 2.5 (half-day rounding)
    assert p.times[0].time is not None and p.times[0].time.initial_days == 7.0
    assert p.proposed_days == 2.5
    assert p.window_latest == dt.date(2027, 3, 15)
    assert p.window_basis is not None and p.window_basis.rule_id == "CNCA-QMS-01:2025"


def test_sampling_proposed_for_multi_site_clients(session):
    s = make_sample(session)
    org = s["clients"][0]
    for i in range(9):
        add_site(session, org.id, f"分厂{i}")
    session.refresh(org)
    p = planning.propose(session, [s["certs"][0].id], AuditType.SURVEILLANCE_1, START, END)
    assert p.site_count == 9
    assert p.sampling is not None and p.sampling.sites == 2  # ⌈0.6·√9⌉


def test_team_warnings_do_not_block(session):
    s = make_sample(session)
    p = planning.propose(
        session,
        [s["certs"][0].id],
        AuditType.SURVEILLANCE_1,
        START,
        END,
        [(s["auditor"].id, TeamRole.AUDITOR)],
    )
    assert "no_team_leader" in {w.code for w in p.warnings}
    good = planning.propose(
        session,
        [s["certs"][0].id],
        AuditType.SURVEILLANCE_1,
        START,
        END,
        [(s["auditor"].id, TeamRole.TEAM_LEADER)],
    )
    assert good.warnings == ()


def test_plan_audit_creates_the_audit(session):
    s = make_sample(session)
    audit = planning.plan_audit(
        session,
        [s["certs"][0].id],
        AuditType.SURVEILLANCE_1,
        START,
        END,
        [(s["auditor"].id, TeamRole.TEAM_LEADER)],
    )
    assert audit.md5_days == 2.5 and audit.planned_days == 2.5
    assert audit.window_latest == dt.date(2027, 3, 15)
    assert [m.days for m in audit.team] == [2.5]


def test_status_events_follow_the_state_machine(session):
    s = make_sample(session)
    cert = s["certs"][0]
    certificate_events.record_event(
        session, cert.id, CertificateEventKind.SUSPEND, dt.date(2027, 4, 1), "监督逾期"
    )
    assert cert.status is CertificateStatus.SUSPENDED
    with pytest.raises(IllegalTransition) as exc:
        certificate_events.record_event(
            session,
            cert.id,
            CertificateEventKind.EXTEND_SCOPE,
            dt.date(2027, 4, 2),
            "扩项",
            scope_after="更多",
        )
    assert exc.value.details["reason"] == "suspended_restore_first"
    certificate_events.record_event(
        session, cert.id, CertificateEventKind.RESTORE, dt.date(2027, 5, 1), "已监督"
    )
    assert cert.status is CertificateStatus.VALID
    ev = certificate_events.record_event(
        session,
        cert.id,
        CertificateEventKind.REDUCE_SCOPE,
        dt.date(2027, 5, 2),
        "缩小",
        scope_after="电子元器件的组装",
    )
    assert (cert.revision, ev.scope_before, cert.scope_zh) == (
        1,
        "电子元器件的生产",
        "电子元器件的组装",
    )


def test_status_event_needs_a_reason(session):
    s = make_sample(session)
    with pytest.raises(ValidationFailed) as exc:
        certificate_events.record_event(
            session, s["certs"][0].id, CertificateEventKind.SUSPEND, dt.date(2027, 4, 1), " "
        )
    assert exc.value.errors == {"reason": "required"}


def test_the_dialog_lists_the_clients_live_certificates_and_the_auditors(session):
    from auditdesk.model import Auditor, AuditorGrade
    from auditdesk.services.certificates import CertificateData, create_certificate

    s = make_sample(session)
    first, other_client = s["certs"]
    second = create_certificate(
        session,
        CertificateData("CN-E-0001", first.organisation_id, "ISO14001:2015", dt.date(2025, 3, 1)),
    )
    gone = create_certificate(
        session,
        CertificateData("CN-E-0000", first.organisation_id, "ISO14001:2015", dt.date(2022, 3, 1)),
    )
    gone.archived = True
    retired = Auditor(name_zh="李退休", grade=AuditorGrade.AUDITOR, archived=True)
    session.add(retired)
    session.flush()
    listed = {c.number for c in planning.client_certificates(session, first.id)}
    assert listed == {first.number, second.number}  # not the archived one, not another client's
    assert other_client.number not in listed
    assert [a.name_zh for a in planning.auditors(session)] == ["王审核"]
    everyone = {a.name_zh for a in planning.auditors(session, include_archived=True)}
    assert everyone == {"王审核", "李退休"}  # to name a past team member
