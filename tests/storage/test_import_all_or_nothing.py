"""The import the desktop app and the CLI run (``excel_import.import_workbook_in``): the whole
workbook is checked with no write lock held, then written in short transactions.

- a bad cell in row 9 000 of 10 000 leaves the database exactly as before (every table,
  the change log included), on SQLite and PostgreSQL;
- a writer process saving at typing rate while a workbook imports: none of its saves is
  refused, none lost, every row imported, ``check`` clean after (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from auditdesk.exchange.errors import ImportRejected
from auditdesk.exchange.excel_import import import_workbook_in
from auditdesk.model import Organisation, Role
from auditdesk.services.users import create_user
from auditdesk.storage.integrity import check_database
from tests.storage.import_helpers import (
    assert_none_refused_none_lost,
    clients_workbook,
    dump,
    writers_during,
)


@pytest.mark.slow
def test_a_bad_row_9000_of_10000_leaves_the_database_exactly_as_before(database, tmp_path):
    with database.session() as s:
        create_user(s, "importer", "importer-password-1", Role.ADMIN)
    book = clients_workbook(tmp_path / "clients.xlsx", 10_000, bad_row=9000)
    before = dump(database.engine)
    with pytest.raises(ImportRejected) as info:
        import_workbook_in(database, "importer", book, "clients")
    assert [(e.row, e.field, e.reason) for e in info.value.errors] == [
        (9000, "contact_email", "email")
    ]
    assert info.value.report.imported_rows == 0
    assert dump(database.engine) == before
    # the check (dry run) of the corrected file writes nothing either
    good = clients_workbook(tmp_path / "good.xlsx", 10_000)
    report = import_workbook_in(database, "importer", good, "clients", dry_run=True)
    assert report.created == {"organisation": 10_000}
    assert dump(database.engine) == before


@pytest.mark.slow
def test_a_writer_keeps_saving_while_a_workbook_imports(database, db_url, tmp_path):
    rows = 3000
    with database.session() as s:
        for name in ("importer", "wang", "li"):
            create_user(s, name, f"{name}-password-1", Role.ADMIN)
    book = clients_workbook(tmp_path / "clients.xlsx", rows)
    report, results = writers_during(
        database,
        db_url,
        tmp_path,
        ("wang", "li"),
        lambda: import_workbook_in(database, "importer", book, "clients"),
    )
    assert report.created == {"organisation": rows}
    assert_none_refused_none_lost(database, results)
    with database.session(readonly=True) as s:
        assert (
            s.scalar(
                select(text("count(*)"))
                .select_from(Organisation)
                .where(Organisation.name_zh.like("导入测试有限公司%"))
            )
            == rows
        )
    print(
        f"longest import transaction {report.write_s:.2f} s;",
        {n: (r["saved"], r["longest_save_s"]) for n, r in results.items()},
        "(saves, longest save in s), 0 refused",
    )
    assert check_database(db_url).ok
