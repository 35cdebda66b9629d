"""One change notification (issue 18 point 2): every committed write reports what it changed
(``services.changes.OpChanges``), built from the session's flushes, with no Qt.

Runs as [sqlite] and [postgres] (``database`` → ``db_url``)."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import AuditType, Base, NCGrade, Role
from auditdesk.services import cb_settings, changes, registers
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation, update_organisation
from auditdesk.services.evidence import EvidenceData, add_evidence, update_evidence
from auditdesk.services.nonconformities import NCDraft, raise_nc
from auditdesk.services.users import create_user


@pytest.fixture
def published(database):
    recorder = changes.Recorder(database)
    got: list[changes.OpChanges] = []
    unsubscribe = changes.subscribe(database, got.append)
    yield got
    unsubscribe()
    recorder.close()


def _client(s, name="深圳华强电子有限公司"):
    return create_organisation(s, OrganisationData(name, city="深圳", effective_personnel=50))


def _audit(s):
    org = _client(s)
    cert = create_certificate(
        s, CertificateData("CN-Q-0100", org.id, "ISO9001:2015", dt.date(2026, 3, 15))
    )
    return create_audit(
        s,
        AuditData(
            [cert.id],
            AuditType.SURVEILLANCE_1,
            start_date=dt.date(2027, 6, 20),
            end_date=dt.date(2027, 6, 21),
            planned_days=2.0,
        ),
    )


@pytest.fixture
def sample_audit(database):
    with database.session() as s:
        return _audit(s).id


def test_each_service_write_reports_its_kinds_and_ids(database, published):
    with database.session() as s:
        org = _client(s)
    assert published[-1].kinds >= {changes.CLIENTS}
    assert org.id in published[-1].ids_of(changes.CLIENTS)
    assert changes.CLIENTS in published[-1].added

    with database.session() as s:
        cert = create_certificate(
            s, CertificateData("CN-Q-0100", org.id, "ISO9001:2015", dt.date(2026, 3, 15))
        )
    assert changes.CERTIFICATES in published[-1].kinds
    assert cert.id in published[-1].ids_of(changes.CERTIFICATES)
    assert changes.NONCONFORMITIES not in published[-1].kinds

    with database.session() as s:
        audit = create_audit(
            s,
            AuditData(
                [cert.id],
                AuditType.SURVEILLANCE_1,
                start_date=dt.date(2027, 6, 20),
                end_date=dt.date(2027, 6, 21),
                planned_days=2.0,
            ),
        )
    assert changes.AUDITS in published[-1].kinds and audit.id in published[-1].ids_of("audits")

    with database.session() as s:
        item = add_evidence(s, audit.id, EvidenceData(description="内审记录"))
    assert changes.EVIDENCE in published[-1].kinds
    assert item.id in published[-1].ids_of(changes.EVIDENCE)

    with database.session() as s:
        nc = raise_nc(
            s,
            NCDraft(
                audit.id,
                None,
                NCGrade.MINOR,
                "ISO 9001 9.2",
                "未保留内审记录",
                "无记录",
                evidence_ids=[item.id],
            ),
        )
    assert changes.NONCONFORMITIES in published[-1].kinds
    assert nc.id in published[-1].ids_of(changes.NONCONFORMITIES)

    with database.session() as s:
        create_user(s, "lead1", "a-long-password-1", Role.LEAD)
    assert changes.USERS in published[-1].kinds

    with database.session() as s:
        cb_settings.save(s, {"surveillance_window_months": 4})
    # the rules' settings move every certificate's stored deadlines (services/programme_state)
    assert published[-1].kinds == {changes.SETTINGS, changes.CERTIFICATES}


def test_an_edit_reports_an_update_of_that_row_only(database, published):
    with database.session() as s:
        org = _client(s)
    with database.session() as s:
        update_organisation(s, org.id, {"city": "广州"})
    last = published[-1]
    assert changes.CLIENTS in last.kinds and last.ids_of(changes.CLIENTS) >= {org.id}
    assert last.kinds == {changes.CLIENTS} and last.rows_only([changes.CLIENTS])


def test_an_edit_of_evidence_is_an_update_not_a_new_row(database, published, sample_audit):
    with database.session() as s:
        item = add_evidence(s, sample_audit, EvidenceData(description="第一稿"))
    with database.session() as s:
        update_evidence(s, item.id, {"description": "第二稿"})
    last = published[-1]
    assert last.kinds == {changes.EVIDENCE}
    assert last.ids_of(changes.EVIDENCE) == {item.id}
    assert last.rows_only([changes.EVIDENCE])


def test_a_rolled_back_write_reports_nothing(database, published):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), database.session() as s:
        _client(s)
        s.flush()  # the row was written, then the transaction is rolled back
        raise Boom
    assert published == []
    # One session, two transactions: what the rolled-back one flushed is not carried over.
    session = database.Session()
    session.info["user"] = "system"
    try:
        _client(session, "回滚的客户")
        session.flush()
        session.rollback()
        assert published == []
        create_user(session, "lead2", "a-long-password-2", Role.LEAD)
        session.commit()
    finally:
        session.close()
    assert [p.kinds for p in published] == [{changes.USERS}]


def test_a_read_reports_nothing(database, published):
    with database.session(readonly=True) as s:
        registers.count_rows(s, "clients")
    assert published == []


def test_a_bulk_statement_reports_its_kind(database, published):
    from sqlalchemy import update

    from auditdesk.model import Organisation

    with database.session() as s:
        _client(s)
    with database.session() as s:
        s.execute(update(Organisation).values(city="上海"))
    assert changes.CLIENTS in published[-1].bulk
    assert not published[-1].rows_only([changes.CLIENTS])


def test_a_subscriber_that_fails_does_not_fail_the_write(database, published):
    def broken(_changes):
        raise RuntimeError("a screen is broken")

    unsubscribe = changes.subscribe(database, broken)
    try:
        with database.session() as s:
            org = _client(s)
        with database.session() as s:
            assert s.get(type(org), org.id) is not None
        assert published and changes.CLIENTS in published[-1].kinds
    finally:
        unsubscribe()


def test_every_table_of_the_model_has_a_kind():
    tables = set(Base.metadata.tables) - changes.NOT_A_CHANGE
    assert tables - set(changes.TABLE_KINDS) == set()


def test_each_register_refreshes_for_what_its_columns_show():
    assert changes.register_kinds("certificates") == {
        changes.CERTIFICATES,
        changes.CLIENTS,
        changes.STANDARDS,
    }
    assert changes.register_kinds("ncs") >= {changes.NONCONFORMITIES, changes.AUDITS}
    assert changes.register_kinds("clients") == {changes.CLIENTS}


def test_merged_changes_keep_both():
    a = changes.OpChanges(frozenset({"clients"}), frozenset(), {"clients": frozenset({1})})  # type: ignore[arg-type]
    b = changes.OpChanges(frozenset({"audits"}), frozenset({"audits"}), {"clients": frozenset({2})})  # type: ignore[arg-type]
    m = a.merged(b)
    assert m.kinds == {"clients", "audits"} and m.added == {"audits"}
    assert m.ids_of("clients") == {1, 2}
    assert not changes.NOTHING and m
