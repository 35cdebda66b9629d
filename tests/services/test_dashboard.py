"""Dashboard figures each count what their register filter lists."""

from __future__ import annotations

import datetime as dt

from auditdesk.model import AuditMode, AuditTeamMember, TeamRole
from auditdesk.services import dashboard, registers
from tests.samples import TODAY, make_sample


def test_figures_match_their_register_filters(session):
    make_sample(session)
    board = dashboard.build_dashboard(session, TODAY)
    by_code = {f.code: f for f in board.figures}
    assert by_code["overdue_ncs"].value == 1
    assert by_code["audits_due_30"].value == 1
    assert by_code["audits_due_90"].value == 1
    for f in board.figures:
        assert registers.count_rows(session, f.register, filters=f.filters, on=TODAY) == f.value, (
            f.code
        )


def test_surveillance_overdue_means_suspension_required(session):
    s = make_sample(session)
    # CN-Q-0002 was issued 2025-01-10 under the legacy rules; its first surveillance is done,
    # CN-Q-0001 (issued 2026-03-15, CNCA 2025) has none: latest 2027-03-15, overdue on 2027-06-01.
    suspend, _withdraw = dashboard.certificates_needing_action(session, TODAY)
    assert str(s["certs"][0].id) in suspend.filters["ids"]
    assert suspend.basis is not None and suspend.basis.code == "surveillance_overdue"


def test_auditor_load_counts_onsite_days_of_the_year(session):
    s = make_sample(session)
    session.add(
        AuditTeamMember(
            audit_id=s["audit"].id, auditor_id=s["auditor"].id, role=TeamRole.TEAM_LEADER, days=2.0
        )
    )
    session.flush()
    load = dashboard.auditor_load(session, TODAY.year)
    assert [(x.name_zh, x.onsite_days, x.limit) for x in load] == [("王审核", 2.0, 180.0)]
    s["audit"].mode = AuditMode.REMOTE
    session.flush()
    assert dashboard.auditor_load(session, TODAY.year) == ()


def test_audits_per_month(session):
    make_sample(session)
    months = dashboard.audits_per_month(session, 2026)
    assert months[0] == 1 and sum(months) == 1


def test_nc_closure_buckets(session):
    s = make_sample(session)
    nc = s["ncs"][0]
    nc.closed_on = nc.issued_on + dt.timedelta(days=45)
    session.flush()
    assert dict(dashboard.nc_closure_times(session)) == {
        "0-30": 0,
        "31-60": 1,
        "61-90": 0,
        "91+": 0,
    }


def test_dashboard_queries_do_not_grow_with_overdue_ncs(session, database):
    """The same number of SQL statements with one overdue NC as with six on six audits (the
    at-risk figure loads each NC's audit with the NC, not one query per NC)."""
    from sqlalchemy import event

    from auditdesk.model import AuditStatus, AuditType, NCGrade, NCState, Nonconformity
    from auditdesk.services.audits import AuditData, create_audit

    s = make_sample(session)

    def count() -> int:
        session.expunge_all()  # nothing already in the identity map
        statements = []
        listener = lambda *a: statements.append(a[2])  # noqa: E731
        event.listen(database.engine, "before_cursor_execute", listener)
        try:
            dashboard.build_dashboard(session, TODAY)
        finally:
            event.remove(database.engine, "before_cursor_execute", listener)
        return len(statements)

    cert_id = s["certs"][1].id
    one = count()
    for i in range(5):
        audit = create_audit(
            session,
            AuditData(
                [cert_id],
                AuditType.SPECIAL,
                start_date=dt.date(2026, 2, 1 + i),
                end_date=dt.date(2026, 2, 2 + i),
                status=AuditStatus.COMPLETED,
            ),
        )
        session.add(
            Nonconformity(
                audit_id=audit.id,
                number=f"NC-2026-X{i}",
                grade=NCGrade.MINOR,
                state=NCState.ISSUED,
                evidence_text="记录缺失",
                issued_on=dt.date(2026, 2, 2 + i),
                response_due=TODAY - dt.timedelta(days=3),
            )
        )
    session.flush()
    assert count() == one
    overdue = {f.code: f.value for f in dashboard.build_dashboard(session, TODAY).figures}[
        "overdue_ncs"
    ]
    assert overdue == 6


def test_unhandled_breaches_list_missed_surveillances_until_suspension_and_report(session):
    """DOMAIN §3 "A late surveillance is a recorded breach" (CNCA-QMS-01:2025 §5.4.1.4: suspend
    and report): the dashboard lists late or missed surveillances until both the suspension and
    its report to the regulator are recorded."""
    from auditdesk.model import CertificateEvent, CertificateEventKind

    s = make_sample(session)
    cert = s["certs"][0]  # issued 2026-03-15, no first surveillance: latest 2027-03-15
    board = dashboard.build_dashboard(session, TODAY)
    by_code = {f.code: f for f in board.figures}
    figure = by_code["unhandled_breaches"]
    assert str(cert.id) in figure.filters["ids"]
    assert figure.basis is not None and (figure.basis.rule_id, figure.basis.clause) == (
        "CNCA-QMS-01:2025",
        "§5.4.1.4",
    )
    (row,) = [b for b in board.unhandled_breaches if b.certificate_id == cert.id]
    assert (row.breach.latest, row.breach.days, row.breach.done_date) == (
        dt.date(2027, 3, 15),
        (TODAY - dt.date(2027, 3, 15)).days,
        None,
    )
    assert row.report_recorded is False  # no report to the regulator recorded yet
    session.add(
        CertificateEvent(
            certificate_id=cert.id,
            kind=CertificateEventKind.SUSPEND,
            event_date=dt.date(2027, 3, 20),
            reason="surveillance overdue",
        )
    )
    session.flush()
    # the suspension alone does not handle it: the report to the regulator is owed too
    middle = dashboard.build_dashboard(session, TODAY)
    (row,) = [b for b in middle.unhandled_breaches if b.certificate_id == cert.id]
    assert row.suspension_recorded_on == dt.date(2027, 3, 20) and not row.report_recorded
    from auditdesk.services.certificate_events import record_regulator_report

    record_regulator_report(
        session, cert.id, "surveillance_1", dt.date(2027, 3, 22), "CNCA-2027-0042", today=TODAY
    )
    after = dashboard.build_dashboard(session, TODAY)
    assert cert.id not in {b.certificate_id for b in after.unhandled_breaches}
    assert (
        str(cert.id) not in {f.code: f for f in after.figures}["unhandled_breaches"].filters["ids"]
    )
