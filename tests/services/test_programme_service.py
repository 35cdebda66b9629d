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
    org = create_organisation(
        session,
        OrganisationData(name_zh="深圳市华测精密制造有限公司", credit_code="914403001922038216"),
    )
    return create_certificate(
        session,
        CertificateData(
            number=number, organisation_id=org.id, standard_key="ISO9001:2015", issue_date=issue
        ),
    )


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
    create_audit(
        session,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=AuditType.SURVEILLANCE_1,
            start_date=dt.date(2026, 11, 2),
            end_date=dt.date(2026, 11, 3),
            status=AuditStatus.COMPLETED,
        ),
    )
    result = prog.certificate_programme(session, cert.id, on=dt.date(2027, 1, 1))
    s1, s2 = result.programme.entries[0], result.programme.entries[1]
    assert s1.state == "done" and s1.done_date == dt.date(2026, 11, 3)
    assert s2.latest == dt.date(2027, 11, 3)  # ≤ 12 months after the actual first surveillance


def test_overdue_surveillance_requires_suspension_and_suspend_event_counts(session):
    cert = _certificate(session)
    late = prog.certificate_programme(session, cert.id, on=dt.date(2027, 3, 16))
    assert late.status.code == "suspension_required"
    session.add(
        CertificateEvent(
            certificate_id=cert.id,
            kind=CertificateEventKind.SUSPEND,
            event_date=dt.date(2027, 3, 20),
        )
    )
    session.flush()
    suspended = prog.certificate_programme(session, cert.id, on=dt.date(2027, 4, 1))
    assert suspended.status.code == "suspended"


def test_all_certificates_in_one_pass(session):
    for i in range(5):
        org = create_organisation(session, OrganisationData(name_zh=f"客户{i}"))
        create_certificate(
            session,
            CertificateData(
                number=f"C-{i}",
                organisation_id=org.id,
                standard_key="ISO14001:2015",
                issue_date=dt.date(2025, 1, 1 + i),
            ),
        )
    results = prog.programmes(session, dt.date(2026, 6, 1))
    assert sorted(r.number for r in results) == [f"C-{i}" for i in range(5)]
    assert all(len(r.programme.entries) == 3 for r in results)


def test_admin_correction_of_a_rule_set_changes_the_dates(session):
    from auditdesk.model import RuleSetRecord

    cert = _certificate(session)
    session.add(
        RuleSetRecord(rule_set_id="CNCA-QMS-01:2025", data={"first_surveillance_months": 10})
    )
    session.flush()
    result = prog.certificate_programme(session, cert.id, on=dt.date(2026, 6, 1))
    assert result.programme.entries[0].latest == dt.date(2027, 1, 15)


# --------------------------------------------------------------- the fast fact path
# ``programmes`` reads the facts as stored text (ids, dates, enum codes) in three set-based
# queries. The reference below gathers the same facts the obvious way, through ORM objects,
# and the two must give the same programmes and statuses on a varied register.


def _reference_programmes(session, on):
    from sqlalchemy import select

    from auditdesk.model import Certificate
    from auditdesk.rules.programme import CycleFacts, audit_programme
    from auditdesk.rules.status import certificate_status

    done_states = (AuditStatus.COMPLETED, AuditStatus.REPORT_ISSUED)
    cycle_types = (AuditType.SURVEILLANCE_1, AuditType.SURVEILLANCE_2, AuditType.RECERTIFICATION)
    book, settings = prog.rule_book(session), prog.cb_settings(session)
    out = {}
    for cert in session.scalars(select(Certificate).where(Certificate.archived.is_(False))):
        start = cert.cycle_start or cert.issue_date
        rs, later = book.timeline(book.scheme_of(cert.standard.code), start, cert.rule_set_id)
        first = {}
        for audit in cert.audits:
            day = audit.end_date or audit.start_date
            if (
                audit.archived
                or audit.status not in done_states
                or audit.audit_type not in cycle_types
                or not day
            ):
                continue
            if day > start or (audit.audit_type is AuditType.RECERTIFICATION and day == start):
                first[audit.audit_type] = min(day, first.get(audit.audit_type, day))
        marks = {"suspend": None, "restore": None, "withdraw": None, "cancel": None}
        for event in sorted(cert.events, key=lambda e: e.event_date):
            if event.event_date >= start and event.kind.value in marks:
                marks[event.kind.value] = event.event_date
                if event.kind is CertificateEventKind.SUSPEND:
                    marks["restore"] = None
        facts = CycleFacts(
            rs,
            start,
            cert.expiry_date,
            cert.decision_date,
            first.get(AuditType.SURVEILLANCE_1),
            first.get(AuditType.SURVEILLANCE_2),
            first.get(AuditType.RECERTIFICATION),
            marks["suspend"],
            marks["restore"],
            marks["withdraw"],
            marks["cancel"],
            later,
            bool(cert.rule_set_id),
        )
        programme = audit_programme(facts, on, settings)
        out[cert.id] = (
            cert.number,
            rs.id,
            facts,
            programme,
            certificate_status(facts, on, settings, programme),
        )
    return out


def _varied_register(session):
    """40 certificates of three standards: issue dates across leap years and month ends,
    recertified cycles, decision dates or none, a rule-set override, archived ones; audits of
    every cycle type in done and not-done states (some before the cycle, some archived, some
    with only a start date); suspend/restore/withdraw/cancel events."""
    import random

    from auditdesk.model import Audit

    rng = random.Random(20261121)
    standards = ("ISO9001:2015", "ISO14001:2015", "ISO45001:2018")
    for i in range(40):
        org = create_organisation(session, OrganisationData(name_zh=f"客户{i}"))
        issue = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(0, 1600))
        if i % 9 == 0:
            issue = dt.date(2024, 2, 29)
        cert = create_certificate(
            session,
            CertificateData(
                number=f"V-{i:03d}",
                organisation_id=org.id,
                standard_key=standards[i % 3],
                issue_date=issue,
                decision_date=issue - dt.timedelta(days=rng.randrange(1, 20)) if i % 4 else None,
            ),
        )
        if i % 5 == 0:  # a recertified certificate: the cycle starts later than the first issue
            cert.cycle_start = issue + dt.timedelta(days=3 * 365)
            cert.expiry_date = cert.cycle_start + dt.timedelta(days=3 * 365 - 1)
        if i % 11 == 0:
            cert.rule_set_id = "ISO17021-1:2015"
        if i == 13:
            cert.archived = True
        start = cert.cycle_start or issue
        for audit_type in (
            AuditType.SURVEILLANCE_1,
            AuditType.SURVEILLANCE_2,
            AuditType.RECERTIFICATION,
        ):
            for _ in range(rng.randrange(0, 3)):
                day = start + dt.timedelta(days=rng.randrange(-60, 1100))
                if rng.random() < 0.1:
                    day = start
                audit = create_audit(
                    session,
                    AuditData(
                        certificate_ids=[cert.id],
                        audit_type=audit_type,
                        start_date=day - dt.timedelta(days=1),
                        end_date=None if rng.random() < 0.2 else day,
                        status=rng.choice(
                            (AuditStatus.COMPLETED, AuditStatus.REPORT_ISSUED, AuditStatus.PLANNED)
                        ),
                    ),
                )
                if rng.random() < 0.1:
                    session.get(Audit, audit.id).archived = True
        if (
            i % 7 == 3
        ):  # suspended, restored, suspended again: the second suspension clears the restore
            for kind, days in (("suspend", 200), ("restore", 260), ("suspend", 400)):
                session.add(
                    CertificateEvent(
                        certificate_id=cert.id,
                        kind=CertificateEventKind(kind),
                        event_date=start + dt.timedelta(days=days),
                    )
                )
            continue
        kinds = list(CertificateEventKind)
        for n in range(rng.randrange(0, 4)):
            session.add(
                CertificateEvent(
                    certificate_id=cert.id,
                    kind=rng.choice(kinds),
                    event_date=start + dt.timedelta(days=100 * n + rng.randrange(-30, 90)),
                )
            )
    session.flush()


def test_fast_fact_path_gives_the_programmes_of_the_orm_objects(session):
    _varied_register(session)
    session.expire_all()
    for on in (
        dt.date(2024, 6, 30),
        dt.date(2025, 3, 1),
        dt.date(2026, 11, 21),
        dt.date(2028, 12, 31),
    ):
        fast = {
            r.certificate_id: (r.number, r.rule_set.id, r.facts, r.programme, r.status)
            for r in prog.programmes(session, on)
        }
        reference = _reference_programmes(session, on)
        assert len(fast) == 39
        assert fast == reference
    states = {
        e.state
        for r in prog.programmes(session, dt.date(2026, 11, 21))
        for e in r.programme.entries
    }
    codes = {r.status.code for r in prog.programmes(session, dt.date(2026, 11, 21))}
    assert {"done", "overdue"} <= states and len(codes) >= 4  # the fixture really is varied


def test_certificate_ids_come_back_as_uuids_of_the_asked_certificates(session):
    import uuid

    _varied_register(session)
    every = prog.programmes(session, dt.date(2026, 11, 21))
    some = [r.certificate_id for r in every[:3]]
    picked = prog.programmes(session, dt.date(2026, 11, 21), some)
    assert all(isinstance(r.certificate_id, uuid.UUID) for r in picked)
    assert sorted(map(str, (r.certificate_id for r in picked))) == sorted(map(str, some))
    assert {r.certificate_id: r.status for r in picked} == {
        r.certificate_id: r.status for r in every[:3]
    }


def test_the_collector_is_switched_back_on_after_a_register_is_evaluated(session):
    import gc

    assert gc.isenabled()
    prog.programmes(session, dt.date(2026, 11, 21))
    assert gc.isenabled()
    gc.disable()
    try:
        prog.programmes(session, dt.date(2026, 11, 21))
        assert not gc.isenabled()  # left as found
    finally:
        gc.enable()


def test_changes_not_yet_flushed_are_seen(session):
    # The facts are read from the DB-API cursor: pending changes must be flushed first, as
    # session.execute would.
    cert = _certificate(session)
    session.flush()
    session.add(
        CertificateEvent(
            certificate_id=cert.id,
            kind=CertificateEventKind.SUSPEND,
            event_date=dt.date(2027, 3, 20),
        )
    )
    assert (
        prog.certificate_programme(session, cert.id, on=dt.date(2027, 4, 1)).status.code
        == "suspended"
    )


def test_stored_dates_are_read_as_the_sqlite_date_type_reads_them():
    day = prog._day_reader()
    assert day("2026-03-15") == dt.date(2026, 3, 15)
    assert day("2026-03-15") is day("2026-03-15")  # parsed once per call
    assert day(dt.date(2027, 1, 1)) == dt.date(2027, 1, 1)  # PostgreSQL gives dates
    assert day(None) is None


def _done(session, cert, audit_type, end):
    create_audit(
        session,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=audit_type,
            start_date=end - dt.timedelta(days=1),
            end_date=end,
            status=AuditStatus.COMPLETED,
        ),
    )


def test_late_surveillance_breach_and_whether_its_suspension_was_recorded(session):
    """DOMAIN §3 / CNCA-QMS-01:2025 §5.4.1.4: a surveillance done after its latest date is a
    breach on record (the suspension owed from the day after the latest date to the audit);
    a suspension recorded inside that span is the suspension owed, one before it is not; the
    breach is handled only once its report to the regulator is recorded too (issue 16 point 2)."""
    from auditdesk.services.certificate_events import breach_history

    cert = _certificate(session)  # CNCA 2025, issued 2026-03-15: S1 latest 2027-03-15
    _done(session, cert, AuditType.SURVEILLANCE_1, dt.date(2027, 4, 14))
    on = dt.date(2027, 6, 1)
    s1 = prog.certificate_programme(session, cert.id, on).programme.entries[0]
    assert (s1.state, s1.late_days) == ("done", 30)
    (b,) = breach_history(session, cert.id, on)
    assert (b.breach.suspension_from, b.breach.done_date, b.breach.days) == (
        dt.date(2027, 3, 16),
        dt.date(2027, 4, 14),
        30,
    )
    assert not b.handled
    for day, handled in ((dt.date(2027, 3, 10), False), (dt.date(2027, 3, 16), True)):
        session.add(
            CertificateEvent(
                certificate_id=cert.id, kind=CertificateEventKind.SUSPEND, event_date=day
            )
        )
        session.flush()
        (b,) = breach_history(session, cert.id, on)
        assert b.suspension_recorded_on == (day if handled else None)
        assert not b.handled  # the report is not recorded yet
    from auditdesk.services.certificate_events import record_regulator_report

    record_regulator_report(
        session, cert.id, "surveillance_1", dt.date(2027, 3, 18), "粤市监认〔2027〕12号", today=on
    )
    (b,) = breach_history(session, cert.id, on)
    assert b.handled and b.report is not None
    assert (b.report.reported_on, b.report.reference, b.report.source) == (
        dt.date(2027, 3, 18),
        "粤市监认〔2027〕12号",
        "recorded",
    )


def test_certificate_issued_under_2016_rules_is_judged_by_the_2025_rules_from_2026(session):
    """DOMAIN §3 "Which rule set applies": issued 2025-03-15, S1 done 2026-03-01 → S2 latest
    2027-03-01 by CNCA-QMS-01:2025 §5.4.1.4 (the 2016 rule gave 2027-06-01); the basis names
    the transition. An admin's rule-set override on the certificate keeps the 2016 dates."""
    cert = _certificate(session, issue=dt.date(2025, 3, 15))
    _done(session, cert, AuditType.SURVEILLANCE_1, dt.date(2026, 3, 1))
    result = prog.certificate_programme(session, cert.id, on=dt.date(2026, 6, 1))
    assert result.rule_set.id == "CNCA-QMS-2016"  # issued under
    s2 = result.programme.entries[1]
    assert (s2.latest, s2.basis.rule_id, s2.basis.clause) == (
        dt.date(2027, 3, 1),
        "CNCA-QMS-01:2025",
        "§5.4.1.4",
    )
    assert (s2.basis.in_force_from, s2.basis.issued_under) == (dt.date(2026, 1, 1), "CNCA-QMS-2016")
    cert.rule_set_id = "CNCA-QMS-2016"
    session.flush()
    result = prog.certificate_programme(session, cert.id, on=dt.date(2026, 6, 1))
    s2 = result.programme.entries[1]
    assert (s2.latest, s2.basis.rule_id, s2.basis.override) == (
        dt.date(2027, 6, 1),
        "CNCA-QMS-2016",
        True,
    )


def test_admin_correction_of_the_transition_date_is_read_from_the_database(session):
    """Issue 16 point 1: in_force_from / abolished_on are RuleSetRecord corrections."""
    from auditdesk.model import RuleSetRecord

    cert = _certificate(session, issue=dt.date(2025, 3, 15))
    _done(session, cert, AuditType.SURVEILLANCE_1, dt.date(2026, 3, 1))
    session.add(RuleSetRecord(rule_set_id="CNCA-QMS-01:2025", data={"in_force_from": "2027-07-01"}))
    session.add(RuleSetRecord(rule_set_id="CNCA-QMS-2016", data={"abolished_on": "2027-07-01"}))
    session.flush()
    s2 = prog.certificate_programme(session, cert.id, on=dt.date(2026, 6, 1)).programme.entries[1]
    assert (s2.latest, s2.basis.rule_id) == (dt.date(2027, 6, 1), "CNCA-QMS-2016")


def test_admin_saves_a_transition_date_correction(session):
    """Issue 16 point 1: in_force_from / abolished_on are corrected by an admin as data
    (RuleSetRecord); a bad value is refused naming the field and nothing is written."""
    import pytest
    from sqlalchemy import select

    from auditdesk.model import RuleSetRecord
    from auditdesk.services.errors import ValidationFailed

    rs = prog.save_rule_set_correction(
        session, "CNCA-QMS-2016", {"abolished_on": "2026-07-01"}, note="CB notice"
    )
    assert rs.abolished_on == dt.date(2026, 7, 1)
    prog.save_rule_set_correction(session, "CNCA-QMS-01:2025", {"in_force_from": "2026-07-01"})
    assert prog.rule_book(session).in_force("QMS", dt.date(2026, 3, 1)).id == "CNCA-QMS-2016"
    with pytest.raises(ValidationFailed) as info:
        prog.save_rule_set_correction(session, "CNCA-QMS-01:2025", {"abolished_on": "2026-01-01"})
    assert info.value.errors == {"abolished_on": "invalid"}
    stored = session.scalars(
        select(RuleSetRecord).where(RuleSetRecord.rule_set_id == "CNCA-QMS-01:2025")
    ).one()
    assert stored.data == {"in_force_from": "2026-07-01"}  # the refused value was not written
    with pytest.raises(ValidationFailed) as info:
        prog.save_rule_set_correction(session, "CNCA-QMS-01:2025", {"in_force": "2026-01-01"})
    assert info.value.errors == {"in_force": "unknown"}
