"""Migration 0080 on an existing demo database: exchange_base goes, sync_witness comes, and
``auditdesk check`` is still clean afterwards (0070's record states are untouched)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect

from auditdesk.services.demo import build_demo
from auditdesk.services.setup import open_database
from auditdesk.storage.database import Database
from auditdesk.storage.integrity import check_database
from auditdesk.storage.migrations import HEAD_REVISION, alembic_config, current_revision

pytestmark = pytest.mark.slow


def _beyond_the_dropped_plan_fields(report):
    """Problems other than the audits whose 0095 plan fields the round trip to 0070 reset."""
    return [
        p
        for p in report.problems
        if not (p.code == "changed_outside_auditdesk" and p.where.startswith("audit "))
    ]


def test_0080_on_a_demo_database_keeps_the_check_clean(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    db = open_database(url, create=True)
    with db.session() as s:
        build_demo(s, today=dt.date(2026, 12, 3))
    cfg = alembic_config(db.engine)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0070")
    tables = set(inspect(db.engine).get_table_names())
    assert "exchange_base" in tables and "sync_witness" not in tables
    db.close()
    # The demo at 0070, as an office has it today: today's check (it knows today's schema)
    # misses the table 0080 adds; what matters is that it is clean after the upgrade below.
    report = check_database(url)
    assert ("missing_table", "table sync_witness") in [(p.code, p.where) for p in report.problems]

    db = Database.open(url)  # upgrades (after a backup) through 0080 to the head
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        tables = set(inspect(db.engine).get_table_names())
        assert "exchange_base" not in tables and "sync_witness" in tables
    finally:
        db.close()
    report = check_database(url)
    # Going down to 0070 dropped the plan-document fields 0095 holds (the demo fills them for
    # its audits) and coming back up restored their defaults: those audits really did change
    # outside AuditDesk, and check says so. Nothing else may be a problem.
    assert _beyond_the_dropped_plan_fields(report) == []

    # And the demo office syncs: a package to a new laptop and back, the check still clean.
    from sqlalchemy import select

    from auditdesk.exchange.package import export_package, import_package
    from auditdesk.model import Audit, AuditStatus, EvidenceItem

    db = open_database(url)
    laptop = open_database(f"sqlite:///{tmp_path / 'laptop' / 'l.sqlite3'}", create=True)
    try:
        with db.session() as s:
            audit = s.scalar(
                select(Audit).where(Audit.status == AuditStatus.PLANNED).order_by(Audit.number)
            )
            export_package(s, [audit.id], tmp_path / "to.adpkg")
            audit_id = audit.id
        with laptop.session() as s:
            import_package(s, tmp_path / "to.adpkg")
            ev = s.scalar(select(EvidenceItem).where(EvidenceItem.audit_id == audit_id))
            if ev is not None:
                ev.description += "（笔记本补充）"
            export_package(s, [audit_id], tmp_path / "back.adpkg")
        with db.session() as s:
            result = import_package(s, tmp_path / "back.adpkg")
        assert result.refused == [] and result.conflicts == 0
    finally:
        db.close()
        laptop.close()
    for u in (url, laptop.url):
        report = check_database(u)
        assert _beyond_the_dropped_plan_fields(report) == []
