"""Keyset paging of registers (issue 21, point 5): each next page asked by the last row's sort
value and id gives the same rows, in the same order, as the full ordered list — ties, NULLs,
enums, joined sort columns and searches included, on both backends."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import insert, select

from auditdesk.model import Auditor, Certificate, CertificateStatus, Organisation, Standard
from auditdesk.services import registers

CITIES = ["深圳", "北京", "", "上海"]  # few values: every sort on city is mostly ties
STATUSES = list(CertificateStatus)


@pytest.fixture
def many(session):
    orgs = [
        {
            "id": uuid.uuid4(),
            "name_zh": f"企业{i % 23:02d}有限公司",  # 23 names for 60 clients: ties
            "city": CITIES[i % len(CITIES)],
            "effective_personnel": i % 7,
        }
        for i in range(60)
    ]
    session.execute(insert(Organisation), orgs)
    standard_id = session.scalar(select(Standard.id).where(Standard.key == "ISO9001:2015"))
    session.execute(
        insert(Certificate),
        [
            {
                "id": uuid.uuid4(),
                "number": f"CN-{i:04d}",
                "organisation_id": orgs[i % 60]["id"],
                "standard_id": standard_id,
                "issue_date": dt.date(2025, 1 + i % 3, 1),
                "expiry_date": dt.date(2028, 1 + i % 4, 1),
                "status": STATUSES[i % len(STATUSES)],
                "scope_zh": "电子产品" if i % 3 else "食品",
            }
            for i in range(90)
        ],
    )
    session.execute(
        insert(Auditor),
        [
            {
                "id": uuid.uuid4(),
                "name_zh": f"审核员{i % 9}",
                # NULLs sort first ascending on SQLite, last on PostgreSQL
                "registration_expiry": None if i % 3 == 0 else dt.date(2027, 1 + i % 5, 1),
            }
            for i in range(40)
        ],
    )
    session.flush()
    return session


def _paged(session, register, limit, **query):
    """Every row, asked page by page the way the register model does."""
    rows: list = []
    sort = query.get("sort") or registers.spec(register).default_sort
    index = registers.spec(register).keys.index(sort)
    while True:
        after = None if not rows else (rows[-1][1][index], rows[-1][0])
        page = registers.fetch_rows(session, register, limit=limit, after=after, **query)
        rows += page
        if len(page) < limit:
            return rows


CASES = [
    ("clients", {"sort": "city"}),  # ties
    ("clients", {"sort": "city", "descending": True}),
    ("clients", {"sort": "effective_personnel"}),  # numbers
    ("clients", {"sort": "effective_personnel", "descending": True}),
    ("clients", {"sort": "name_zh", "search": "有限"}),  # a search: own-table paging on SQLite
    ("clients", {}),
    ("certificates", {"sort": "status"}),  # enum codes
    ("certificates", {"sort": "status", "descending": True}),
    ("certificates", {"sort": "client"}),  # a joined column
    ("certificates", {"sort": "expiry_date", "descending": True}),
    ("certificates", {"sort": "expiry_date", "search": "电子"}),
    ("certificates", {"search": "CN-00"}),  # unique number: the index walk
    ("certificates", {"search": "CN-00", "descending": True}),
    ("auditors", {"sort": "registration_expiry"}),  # NULLs and ties
    ("auditors", {"sort": "registration_expiry", "descending": True}),
    ("auditors", {"sort": "registration_expiry", "search": "审核"}),
    ("auditors", {"sort": "registration_expiry", "search": "审核", "descending": True}),
]


@pytest.mark.parametrize("register, query", CASES)
@pytest.mark.parametrize("limit", [1, 7, 50])
def test_keyset_pages_are_the_full_ordered_list(many, register, query, limit):
    full = registers.fetch_rows(many, register, limit=100_000, **query)
    assert len(full) >= 30
    assert _paged(many, register, limit, **query) == full


def test_keyset_pages_match_offset_pages(many):
    """The old OFFSET pages and the keyset pages agree page by page."""
    query = {"sort": "city", "descending": True}
    index = registers.spec("clients").keys.index("city")
    offset, last = 0, None
    while True:
        by_offset = registers.fetch_rows(many, "clients", offset=offset, limit=9, **query)
        after = None if last is None else (last[1][index], last[0])
        by_key = registers.fetch_rows(many, "clients", limit=9, after=after, **query)
        assert by_key == by_offset
        if len(by_key) < 9:
            break
        offset, last = offset + 9, by_key[-1]
