"""Register queries: paging, sorting, filters, presets and Chinese/English search in SQL."""

from __future__ import annotations

import datetime as dt

import pytest

from auditdesk.model import (
    Audit,
    AuditType,
)
from auditdesk.services import registers
from auditdesk.services.clients import OrganisationData, create_organisation
from tests.samples import TODAY, make_sample


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
