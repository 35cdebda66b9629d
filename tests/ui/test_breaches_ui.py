"""Issue 16 points 1-2 in the GUI: the certificate view shows the rule-set transition in the
basis and the owed suspension in the history; the dashboard lists unhandled breaches."""

from __future__ import annotations

import datetime as dt

from auditdesk.ui import palette

D = dt.date
ON = D(2026, 3, 1)


def _legacy_certificate(database):
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
                issue_date=D(2025, 1, 1),
            ),
        )
        return cert.id


def test_certificate_view_shows_transition_and_owed_suspension(ctx, database, qtbot):
    """DOMAIN §3: issued 2025-01-01 under CNCA-QMS-2016, S1 latest 2026-01-01 judged by
    CNCA-QMS-01:2025 §5.4.1.4; not done by 2026-03-01 → suspension and report owed."""
    from auditdesk.ui.certificate_view import CertificateView

    cert_id = _legacy_certificate(database)
    view = CertificateView(ctx, today=lambda: ON)
    qtbot.addWidget(view)
    view.load(cert_id)
    tip = view.programme.item(0, 2).toolTip()
    assert "CNCA-QMS-01:2025 §5.4.1.4" in tip
    assert "in force from 2026-01-01; issued under CNCA-QMS-2016" in tip
    rows = [
        [view.events.item(r, c).text() for c in range(view.events.columnCount())]
        for r in range(view.events.rowCount())
    ]
    (breach,) = [r for r in rows if "suspension and report required" in r[1]]
    assert breach[0] == "2026-01-02" and "missed (59 days so far)" in breach[1]
    assert "suspension not recorded" in breach[3]
    row = rows.index(breach)
    assert view.events.item(row, 1).foreground().color() == palette.color("error")


def test_dashboard_lists_unhandled_breaches(ctx, database, qtbot):
    """DOMAIN §3: the dashboard lists unhandled breaches; a click opens the certificate."""
    from auditdesk.services.dashboard import build_dashboard
    from auditdesk.ui.dashboard import DashboardPage

    cert_id = _legacy_certificate(database)
    page = DashboardPage(ctx, today=lambda: ON)
    qtbot.addWidget(page)
    with database.session() as s:
        page._set_data(build_dashboard(s, ON))
    table = page.breach_table
    assert table.rowCount() == 1
    from auditdesk.ui import labels

    assert [table.item(0, c).text() for c in range(4)] == [
        "Q-LEGACY",
        labels.label("entry", "surveillance_1"),
        "2026-01-01",
        "59",
    ]
    assert "CNCA-QMS-01:2025 §5.4.1.4" in table.item(0, 4).text()
    with qtbot.waitSignal(page.open_register) as signal:
        table.cellClicked.emit(0, 0)
    assert signal.args == ["certificates", {"ids": [str(cert_id)]}]
