"""Helpers for the exchange tests: writing workbooks as offices fill them in."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select


def write_xlsx(path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def table_counts(session):
    from auditdesk.model import Audit, Certificate, ChangeLogEntry, Organisation

    return {
        m.__name__: session.scalar(select(func.count()).select_from(m))
        for m in (Organisation, Certificate, Audit, ChangeLogEntry)
    }


@pytest.fixture
def xlsx(tmp_path):
    counter = iter(range(10_000))

    def make(rows, name=None):
        return write_xlsx(tmp_path / (name or f"book{next(counter)}.xlsx"), rows)

    return make


@pytest.fixture
def office(database):
    """An office database with one planned audit: evidence, an NC, a photo."""
    from tests.exchange.package_helpers import build_office

    return build_office(database)


@pytest.fixture
def package(office, tmp_path, new_sqlite_database):
    """A good package of the office's audit, and an empty laptop database to import it into
    (a copy of the migrated template, closed after the test)."""
    from auditdesk.exchange.package import export_package

    db, audit_id, _ = office
    out = tmp_path / "good.adpkg"
    with db.session() as s:
        manifest = export_package(s, [audit_id], out)
    return out, manifest, new_sqlite_database(tmp_path / "laptop" / "l.sqlite3")
