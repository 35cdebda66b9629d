"""The programme service gathers database facts for the rules: completed audits move the
programme on, events move the status, and a whole register is evaluated in one pass."""

from __future__ import annotations

import datetime as dt

from auditdesk.model import AuditStatus, AuditType, CertificateEvent, CertificateEventKind
from auditdesk.services import programme as prog
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation


def _certificate(session, number="QMS-001", issue=dt.date(2026, 3, 15)):
    org = create_organisation(session, OrganisationData(name_zh="深圳市华测精密制造有限公司", credit_code="914403001922038216"))
    return create_certificate(session, CertificateData(number=number, organisation_id=org.id,
                                                       standard_key="ISO9001:2015", issue_date=issue))


def test_new_certificate_expires_three_years_less_a_day_later(session):
    cert = _certificate(session)
    assert cert.expiry_date == dt.date(2029, 3, 14)


def test_first_surveillance_latest_is_twelve_months_after_issue(session):
    cert = _certificate(session)
    result = prog.certificate_programme(session, cert.id, on=dt.date(2026, 12, 20))
    s1 = result.programme.entries[0]
    assert (s1.kind, s1.latest, s1.state) == ("surveillance_1", dt.date(2027, 3, 15), "due")
    assert s1.basis.rule_id == "CNCA-QMS-01:2025"
    assert result.status.code == "valid"


def test_completed_surveillance_moves_the_second_one(session):
    cert = _certificate(session)
    create_audit(session, AuditData(certificate_ids=[cert.id], audit_type=AuditType.SURVEILLANCE_1,
                                    start_date=dt.date(2026, 11, 2), end_date=dt.date(2026, 11, 3),
                                    status=AuditStatus.COMPLETED))
    result = prog.certificate_programme(session, cert.id, on=dt.date(2027, 1, 1))
    s1, s2 = result.programme.entries[0], result.programme.entries[1]
    assert s1.state == "done" and s1.done_date == dt.date(2026, 11, 3)
    assert s2.latest == dt.date(2027, 11, 3)  # ≤ 12 months after the actual first surveillance


def test_overdue_surveillance_requires_suspension_and_suspend_event_counts(session):
    cert = _certificate(session)
    late = prog.certificate_programme(session, cert.id, on=dt.date(2027, 3, 16))
    assert late.status.code == "suspension_required"
    session.add(CertificateEvent(certificate_id=cert.id, kind=CertificateEventKind.SUSPEND,
                                 event_date=dt.date(2027, 3, 20)))
    session.flush()
    suspended = prog.certificate_programme(session, cert.id, on=dt.date(2027, 4, 1))
    assert suspended.status.code == "suspended"


def test_all_certificates_in_one_pass(session):
    for i in range(5):
        org = create_organisation(session, OrganisationData(name_zh=f"客户{i}"))
        create_certificate(session, CertificateData(number=f"C-{i}", organisation_id=org.id,
                                                    standard_key="ISO14001:2015", issue_date=dt.date(2025, 1, 1 + i)))
    results = prog.programmes(session, dt.date(2026, 6, 1))
    assert sorted(r.number for r in results) == [f"C-{i}" for i in range(5)]
    assert all(len(r.programme.entries) == 3 for r in results)


def test_admin_correction_of_a_rule_set_changes_the_dates(session):
    from auditdesk.model import RuleSetRecord

    cert = _certificate(session)
    session.add(RuleSetRecord(rule_set_id="CNCA-QMS-01:2025", data={"first_surveillance_months": 10}))
    session.flush()
    result = prog.certificate_programme(session, cert.id, on=dt.date(2026, 6, 1))
    assert result.programme.entries[0].latest == dt.date(2027, 1, 15)
