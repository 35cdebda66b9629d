"""The schedule's breach column says what of the owed suspension and report is on record
(issue 16 point 2; CNCA-QMS-01:2025 §5.4.1.4 "suspend and report", DOMAIN §3)."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from auditdesk.exports.schedule import build_schedule_context, render_schedule_xlsx
from auditdesk.model import AuditStatus, AuditType, CertificateEventKind
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificate_events import record_event, record_regulator_report
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation

ON = dt.date(2027, 6, 1)


def test_breach_column_names_the_recorded_suspension_and_report(session, tmp_path):
    org = create_organisation(session, OrganisationData(name_zh="客户", effective_personnel=50))
    cert = create_certificate(
        session,
        CertificateData(
            number="Q-7",
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

    def s1_row(lang):
        ctx = build_schedule_context(session, 2027, ON, lang)
        (row,) = [r for r in ctx.rows if r.audit_type == "surveillance_1"]
        out = tmp_path / f"s-{lang}.xlsx"
        render_schedule_xlsx(ctx, out)
        cells = [c.value for c in list(load_workbook(out).worksheets[0].iter_rows())[1]]
        return row, cells[13]

    row, words = s1_row("en")
    assert (row.breach, row.breach_record) == ("late:30", "")
    assert words == (
        "done late (30 days): suspension and report required "
        "(suspension not recorded; report not recorded)"
    )
    record_event(session, cert.id, CertificateEventKind.SUSPEND, dt.date(2027, 3, 16), "监督超期")
    record_regulator_report(
        session, cert.id, "surveillance_1", dt.date(2027, 3, 18), "粤认〔2027〕7号", today=ON
    )
    row, words = s1_row("zh")
    assert row.breach_record == "suspended:2027-03-16;reported:2027-03-18"
    assert words == "逾期完成 30 天：应暂停并上报（已暂停 2027-03-16；已上报 2027-03-18）"
