"""Register queries: paging, sorting, filters, presets and Chinese/English search in SQL."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import (
    Audit,
    Auditor,
    AuditorGrade,
    AuditStatus,
    AuditType,
    NCGrade,
    NCState,
    Nonconformity,
)
from auditdesk.services import registers
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation

TODAY = dt.date(2027, 6, 1)


def make_sample(session, today: dt.date = TODAY) -> dict:
    """Two clients, two certificates, an auditor, an audit and two NCs (one overdue)."""
    a = create_organisation(
        session,
        OrganisationData(
            "深圳华强电子有限公司",
            credit_code="914403001922038216",
            name_en="Shenzhen Huaqiang Electronics",
            city="深圳",
            effective_personnel=120,
        ),
    )
    b = create_organisation(
        session,
        OrganisationData(
            "北京燕京啤酒有限公司",
            name_en="Beijing Yanjing Brewery",
            city="北京",
            effective_personnel=40,
        ),
    )
    ca = create_certificate(
        session,
        CertificateData(
            "CN-Q-0001",
            a.id,
            "ISO9001:2015",
            dt.date(2026, 3, 15),
            scope_zh="电子元器件的生产",
            technical_codes="19.05.01",
        ),
    )
    cb = create_certificate(
        session,
        CertificateData(
            "CN-Q-0002", b.id, "ISO9001:2015", dt.date(2025, 1, 10), scope_zh="啤酒的生产"
        ),
    )
    auditor = Auditor(
        name_zh="王审核",
        name_en="Wang Shenhe",
        ccaa_no="2024-N1QMS-1234567",
        grade=AuditorGrade.LEAD_AUDITOR,
        schemes=["QMS"],
        technical_codes="19.05",
        registration_expiry=dt.date(2029, 1, 1),
    )
    session.add(auditor)
    session.flush()
    audit = create_audit(
        session,
        AuditData(
            [ca.id],
            AuditType.SURVEILLANCE_1,
            start_date=today + dt.timedelta(days=20),
            end_date=today + dt.timedelta(days=21),
            planned_days=2.0,
        ),
    )
    done = create_audit(
        session,
        AuditData(
            [cb.id],
            AuditType.SURVEILLANCE_1,
            start_date=dt.date(2026, 1, 5),
            end_date=dt.date(2026, 1, 6),
            status=AuditStatus.COMPLETED,
        ),
    )
    overdue = Nonconformity(
        audit_id=done.id,
        number="NC-2026-0001-01",
        grade=NCGrade.MINOR,
        state=NCState.ISSUED,
        evidence_text="未保留内审记录",
        issued_on=dt.date(2026, 1, 6),
        response_due=today - dt.timedelta(days=5),
    )
    fine = Nonconformity(
        audit_id=done.id,
        number="NC-2026-0001-02",
        grade=NCGrade.MAJOR,
        state=NCState.ISSUED,
        evidence_text="calibration records missing",
        issued_on=today,
        response_due=today + dt.timedelta(days=30),
    )
    session.add_all([overdue, fine])
    session.flush()
    return {
        "clients": (a, b),
        "certs": (ca, cb),
        "auditor": auditor,
        "audit": audit,
        "done": done,
        "ncs": (overdue, fine),
    }


def test_count_and_page_in_column_order(session):
    make_sample(session)
    assert registers.count_rows(session, "clients") == 2
    page = registers.fetch_rows(session, "clients", limit=1, sort="name_en")
    assert len(page) == 1
    assert page[0][1][registers.spec("clients").keys.index("name_en")] == "Beijing Yanjing Brewery"
    second = registers.fetch_rows(session, "clients", offset=1, limit=1, sort="name_en")
    assert second[0][1][1] == "Shenzhen Huaqiang Electronics"


def test_sort_descending(session):
    make_sample(session)
    rows = registers.fetch_rows(session, "certificates", sort="number", descending=True)
    assert [r[1][0] for r in rows] == ["CN-Q-0002", "CN-Q-0001"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("华", ["深圳华强电子有限公司"]),  # one Chinese character
        ("啤酒", ["北京燕京啤酒有限公司"]),  # two characters
        ("huaqiang", ["深圳华强电子有限公司"]),  # English, any case
        ("914403", ["深圳华强电子有限公司"]),  # credit code
        ("有限公司 北京", ["北京燕京啤酒有限公司"]),  # every word must match
        ("100%", []),  # LIKE wildcards are literal
    ],
)
def test_search_matches_chinese_and_english(session, query, expected):
    make_sample(session)
    rows = registers.fetch_rows(session, "clients", search=query)
    assert [r[1][0] for r in rows] == expected
    assert registers.count_rows(session, "clients", search=query) == len(expected)


def test_certificate_register_searches_client_and_scope(session):
    make_sample(session)
    assert [r[1][0] for r in registers.fetch_rows(session, "certificates", search="元器件")] == [
        "CN-Q-0001"
    ]
    assert [r[1][0] for r in registers.fetch_rows(session, "certificates", search="燕京")] == [
        "CN-Q-0002"
    ]


def test_enum_filter_and_codes_not_enums(session):
    s = make_sample(session)
    rows = registers.fetch_rows(session, "ncs", filters={"grade": "major"})
    assert [r[0] for r in rows] == [s["ncs"][1].id]
    grade = rows[0][1][registers.spec("ncs").keys.index("grade")]
    assert grade == "major" and type(grade) is str


def test_date_range_filter(session):
    make_sample(session)
    rows = registers.fetch_rows(
        session, "certificates", filters={"issue_date": (dt.date(2026, 1, 1), None)}
    )
    assert [r[1][0] for r in rows] == ["CN-Q-0001"]


def test_overdue_nc_preset(session):
    s = make_sample(session)
    rows = registers.fetch_rows(session, "ncs", filters={"preset": "overdue"}, on=TODAY)
    assert [r[0] for r in rows] == [s["ncs"][0].id]


def test_audits_due_preset(session):
    s = make_sample(session)
    assert [
        r[0]
        for r in registers.fetch_rows(session, "audits", filters={"preset": "due_30"}, on=TODAY)
    ] == [s["audit"].id]
    assert (
        registers.count_rows(
            session, "audits", filters={"preset": "due_30"}, on=TODAY - dt.timedelta(days=60)
        )
        == 0
    )


def test_archived_rows_hidden_unless_asked(session):
    s = make_sample(session)
    s["clients"][1].archived = True
    session.flush()
    assert registers.count_rows(session, "clients") == 1
    assert registers.count_rows(session, "clients", include_archived=True) == 2


def test_ids_filter(session):
    s = make_sample(session)
    assert (
        registers.count_rows(session, "certificates", filters={"ids": [str(s["certs"][1].id)]}) == 1
    )
    assert registers.count_rows(session, "certificates", filters={"ids": []}) == 0


def test_auditor_register(session):
    make_sample(session)
    rows = registers.fetch_rows(session, "auditors", search="王")
    assert rows[0][1][3] == "lead_auditor"


def test_page_query_uses_limit(session):
    """A page never loads more rows than asked for."""
    for i in range(30):
        session.add(
            Audit(
                number=f"2027-{i:04d}",
                organisation_id=make_org(session, i).id,
                audit_type=AuditType.SPECIAL,
            )
        )
    session.flush()
    assert len(registers.fetch_rows(session, "audits", limit=7)) == 7
    assert registers.count_rows(session, "audits") == 30


def make_org(session, i):
    return create_organisation(session, OrganisationData(f"客户{i}"))
