"""Issue 16 point 2 in the GUI: the certificate's history says whether the owed suspension
and its report to the regulator were recorded, with dates; an admin records "reported on DATE
(reference)" from the certificate view; the dashboard's breach list keeps a breach until both
are on record; the basis is printed in words in both languages (CNCA-QMS-01:2025 §5.4.1.4)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

ON = dt.date(2026, 3, 1)


def _legacy_certificate(database):
    """Issued 2025-01-01 under CNCA-QMS-2016: S1 latest 2026-01-01 (CNCA-QMS-01:2025)."""
    from auditdesk.services.certificates import CertificateData, create_certificate
    from auditdesk.services.clients import OrganisationData, create_organisation

    with database.session() as s:
        org = create_organisation(s, OrganisationData(name_zh="成都锦程机电设备有限公司"))
        cert = create_certificate(
            s,
            CertificateData(
                number="Q-LEGACY",
                organisation_id=org.id,
                standard_key="ISO9001:2015",
                issue_date=dt.date(2025, 1, 1),
            ),
        )
        return cert.id


def _rows(view):
    return [
        [view.events.item(r, c).text() for c in range(view.events.columnCount())]
        for r in range(view.events.rowCount())
    ]


def test_admin_records_the_report_and_the_history_shows_both(ctx, database, qtbot):
    from auditdesk.model import CertificateEventKind
    from auditdesk.services.certificate_events import record_event
    from auditdesk.services.dashboard import build_dashboard
    from auditdesk.ui.certificate_view import CertificateView

    cert_id = _legacy_certificate(database)  # S1 latest 2026-01-01, missed on 2026-03-01
    with database.session() as s:
        record_event(s, cert_id, CertificateEventKind.SUSPEND, dt.date(2026, 1, 5), "监督超期")
    view = CertificateView(ctx, today=lambda: ON)
    qtbot.addWidget(view)
    view.load(cert_id)
    (breach,) = [r for r in _rows(view) if "suspension and report required" in r[1]]
    assert "suspension recorded 2026-01-05" in breach[3]
    assert "report to the regulator not recorded" in breach[3]
    assert view.report_button.isEnabled()

    dialog = view.report_dialog()
    assert dialog is not None and dialog.entry.currentData() == "surveillance_1"
    dialog.date.setDate(QDate(2025, 12, 31))  # before the breach began
    assert not dialog.record()
    assert dialog.errors["reported_on"].isVisibleTo(dialog)
    assert "Before the breach began" in dialog.errors["reported_on"].text()
    assert "Required." in dialog.errors["reference"].text()
    dialog.date.setDate(QDate(2026, 1, 6))
    dialog.reference.setText("川市监认〔2026〕3号")
    assert dialog.record()

    view.load(cert_id)
    (breach,) = [r for r in _rows(view) if "suspension and report required" in r[1]]
    assert "reported 2026-01-06 (川市监认〔2026〕3号)" in breach[3]
    assert not view.report_button.isEnabled()
    with database.session() as s:
        assert not build_dashboard(s, ON).unhandled_breaches


def test_dashboard_breach_row_says_what_is_missing_in_chinese(ctx, database, qtbot):
    from auditdesk.model import CertificateEventKind
    from auditdesk.services.certificate_events import record_event
    from auditdesk.services.dashboard import build_dashboard
    from auditdesk.ui import i18n
    from auditdesk.ui.dashboard import DashboardPage

    cert_id = _legacy_certificate(database)
    with database.session() as s:
        record_event(s, cert_id, CertificateEventKind.SUSPEND, dt.date(2026, 1, 5), "监督超期")
    i18n.install_language("zh_CN")
    page = DashboardPage(ctx, today=lambda: ON)
    qtbot.addWidget(page)
    with database.session() as s:
        page._set_data(build_dashboard(s, ON))
    table = page.breach_table
    assert table.rowCount() == 1  # suspended, but the report is still owed
    basis = table.item(0, 4).text()
    assert basis.startswith("CNCA-QMS-01:2025 §5.4.1.4 监督超期：应暂停证书并上报")
    assert "2026-01-01起施行；发证依据 CNCA-QMS-2016" in basis
    assert not any(c.isascii() and c.isalpha() for c in basis.split("§")[1].split("CNCA")[0])
    assert table.item(0, 5).text() == "2026-01-05"
    assert table.item(0, 6).text() == page.tr("not recorded")  # zh_CN.rules.json: 未登记


def test_certificate_view_flags_client_conditions_and_the_transfer_review(ctx, database, qtbot):
    """Issue 16 point 8 in the certificate view: a §5.1.2 condition of the client in force
    today (CNCA-QMS-01:2025) and the IAF MD2 review with its deadline (2.1.3)."""
    from auditdesk.services import rules_checks as rc
    from auditdesk.services.certificates import get_certificate
    from auditdesk.ui.certificate_view import CertificateView

    cert_id = _legacy_certificate(database)
    view = CertificateView(ctx, today=lambda: ON)
    qtbot.addWidget(view)
    view.load(cert_id)
    assert view.rules_note.isHidden()
    with database.session() as s:
        org = get_certificate(s, cert_id).organisation_id
        rc.record_client_condition(s, org, "serious_dishonesty", dt.date(2026, 2, 1), None, "R")
        rc.record_transfer(
            s,
            cert_id,
            rc.TransferData(
                issuing_cb="某认证有限公司",
                previous_number="00125Q1234",
                review_on=dt.date(2026, 2, 10),
                issuing_cb_ceased_on=dt.date(2025, 8, 1),
            ),
        )
    view.load(cert_id)
    text = view.rules_note_text()
    assert not view.rules_note.isHidden()
    assert "client on the serious-dishonesty list: no certification" in text
    assert "CNCA-QMS-01:2025 §5.1.2" in text
    assert "Transferred from 某认证有限公司 (00125Q1234): review 2026-02-10" in text
    assert "Transfer to be completed by 2026-02-01" in text
    assert "transfer deadline passed — IAF MD2:2017 §2.1.3" in text
    rows = _rows(view)
    (review,) = [r for r in rows if r[1] == "Pre-transfer review (IAF MD2)"]
    assert review[:3] == [
        "2026-02-10",
        "Pre-transfer review (IAF MD2)",
        "某认证有限公司 00125Q1234",
    ]
