"""The report to the regulator a surveillance breach required (issue 16 point 2).

Source: CNCA-QMS-01:2025 §5.4.1.4 as CB notices quote it (DOMAIN §3): when the surveillance
interval is exceeded the certificate must be suspended *and reported*. A breach counts as
handled only when both the suspension and its report are on record; a report is either
recorded by an admin ("reported on DATE (reference)") or the suspended certificate's row went
out in a CNCA monthly upload file (auditdesk.services.cnca_reporting, ``CncaReported``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from auditdesk.model import (
    AuditStatus,
    AuditType,
    CertificateEventKind,
    CncaReported,
    RegulatorReport,
    utcnow,
)
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificate_events import (
    breach_history,
    record_event,
    record_regulator_report,
)
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.errors import ValidationFailed

ON = dt.date(2027, 6, 1)


def _late_certificate(session):
    """CNCA 2025, issued 2026-03-15: S1 latest 2027-03-15, done 2027-04-14 (30 days late)."""
    org = create_organisation(
        session,
        OrganisationData(name_zh="深圳市华测精密制造有限公司", credit_code="914403001922038216"),
    )
    cert = create_certificate(
        session,
        CertificateData(
            number="04126Q00001R0M",
            organisation_id=org.id,
            standard_key="ISO9001:2015",
            issue_date=dt.date(2026, 3, 15),
        ),
    )
    create_audit(
        session,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=AuditType.SURVEILLANCE_1,
            start_date=dt.date(2027, 4, 13),
            end_date=dt.date(2027, 4, 14),
            status=AuditStatus.COMPLETED,
        ),
    )
    return cert


@pytest.mark.parametrize(
    ("entry", "reported_on", "reference", "field", "code"),
    [
        ("surveillance_2", dt.date(2027, 3, 20), "ref", "entry", "no_breach"),
        ("stage_2", dt.date(2027, 3, 20), "ref", "entry", "unknown"),
        ("surveillance_1", dt.date(2027, 3, 15), "ref", "reported_on", "before_breach"),
        ("surveillance_1", dt.date(2027, 6, 2), "ref", "reported_on", "in_future"),
        ("surveillance_1", dt.date(2027, 3, 20), "  ", "reference", "required"),
    ],
)
def test_bad_reports_are_refused_and_nothing_is_written(
    session, entry, reported_on, reference, field, code
):
    """Each refusal names the field and its reason; no row is written."""
    cert = _late_certificate(session)
    with pytest.raises(ValidationFailed) as err:
        record_regulator_report(session, cert.id, entry, reported_on, reference, today=ON)
    assert err.value.errors[field] == code
    assert session.scalar(select(func.count(RegulatorReport.id))) == 0


def test_a_breach_is_reported_once(session):
    cert = _late_certificate(session)
    record_regulator_report(
        session, cert.id, "surveillance_1", dt.date(2027, 3, 16), "A-1", today=ON
    )
    with pytest.raises(ValidationFailed) as err:
        record_regulator_report(
            session, cert.id, "surveillance_1", dt.date(2027, 3, 17), "A-2", today=ON
        )
    assert err.value.errors == {"entry": "already_reported"}
    assert session.scalar(select(func.count(RegulatorReport.id))) == 1


def test_report_without_suspension_is_still_unhandled(session):
    """Both are owed: a report alone does not handle the breach."""
    cert = _late_certificate(session)
    record_regulator_report(
        session, cert.id, "surveillance_1", dt.date(2027, 3, 16), "A-1", today=ON
    )
    (b,) = breach_history(session, cert.id, ON)
    assert b.report is not None and b.suspension_recorded_on is None and not b.handled


def test_suspension_in_a_monthly_cnca_file_counts_as_reported(session):
    """The certificate row (with its status) written to a CNCA monthly file after the
    suspension was recorded reports the suspension; a row written before it does not."""
    cert = _late_certificate(session)
    before = utcnow() - dt.timedelta(days=1)
    session.add(
        CncaReported(
            month="2027-02",
            sheet="certificate",
            entity_id=cert.id,
            fingerprint="0" * 64,
            reported_at=before,
        )
    )
    record_event(session, cert.id, CertificateEventKind.SUSPEND, dt.date(2027, 3, 16), "监督超期")
    (b,) = breach_history(session, cert.id, ON)
    assert b.suspension_recorded_on == dt.date(2027, 3, 16) and b.report is None
    session.add(
        CncaReported(
            month="2027-03",
            sheet="certificate",
            entity_id=cert.id,
            fingerprint="1" * 64,
            reported_at=utcnow() + dt.timedelta(seconds=1),
        )
    )
    session.flush()
    (b,) = breach_history(session, cert.id, ON)
    assert b.handled
    assert (b.report.source, b.report.reference) == ("cnca_monthly", "2027-03")


def test_monthly_file_written_after_the_restore_does_not_report_the_suspension(session):
    """Restored before the file was written: the file carried the valid status."""
    cert = _late_certificate(session)
    record_event(session, cert.id, CertificateEventKind.SUSPEND, dt.date(2027, 3, 16), "监督超期")
    record_event(session, cert.id, CertificateEventKind.RESTORE, dt.date(2027, 4, 20), "已监督")
    session.add(
        CncaReported(
            month="2027-04",
            sheet="certificate",
            entity_id=cert.id,
            fingerprint="2" * 64,
            reported_at=utcnow() + dt.timedelta(seconds=1),
        )
    )
    session.flush()
    (b,) = breach_history(session, cert.id, ON)
    assert b.suspension_recorded_on == dt.date(2027, 3, 16)
    assert b.report is None and not b.handled
