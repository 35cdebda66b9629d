"""Issue 14 point 1: a package (or an online sync) for chosen audits carries the changes of
those audits' records and of the register records they need — nothing else. The changes left
out stay unacknowledged for the receiver and travel in a later package that covers them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from auditdesk.exchange.causal import store as causal_store
from auditdesk.exchange.package import export_package, import_package
from auditdesk.model import (
    Audit,
    Auditor,
    EvidenceItem,
    Nonconformity,
    Organisation,
    Role,
)
from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.setup import open_database
from auditdesk.services.users import create_user
from tests.exchange.package_helpers import build_office, client_with_an_audit

pytestmark = pytest.mark.slow  # several real round trips


def _second_audit(db):
    """Another client with its own certificate, audit and one evidence item."""
    with db.session() as s:
        audit, ev = client_with_an_audit(
            s,
            OrganisationData(name_zh="广州市另一家制造有限公司"),
            certificate="00126Q30002R1M",
            issued=dt.date(2026, 4, 1),
            lead=Auditor(name_zh="李娜", name_en="Li Na"),
            days=(dt.date(2027, 2, 1), dt.date(2027, 2, 2)),
            evidence="抽查了采购记录。",
        )
        return audit.id, ev.id, audit.organisation_id


@pytest.fixture
def two(database, tmp_path):
    db, x, ev_x = build_office(database)
    y, ev_y, org_y = _second_audit(db)
    laptop = open_database(f"sqlite:///{tmp_path / 'laptop' / 'l.sqlite3'}", create=True)
    with laptop.session() as s:
        create_user(s, "li", "lead-pass-1", Role.LEAD)
    yield db, laptop, (x, ev_x), (y, ev_y, org_y), tmp_path
    laptop.close()


def _send(src, dst, audits, path):
    with src.session() as s:
        manifest = export_package(s, list(audits), path)
    with dst.session() as s:
        import_package(s, path)
    return manifest


def _records(manifest):
    return {tuple(r) for r in manifest["records"]}


def _state(db):
    with db.session() as s:
        replica = causal_store.load(s)
    return {k: (r.siblings, r.seen) for k, r in replica.registers.items()}


def test_a_package_for_one_audit_leaves_the_other_for_its_own_package(two):
    db, laptop, (x, ev_x), (y, ev_y, org_y), tmp = two
    _send(db, laptop, [x, y], tmp / "fill.adpkg")
    with laptop.session() as s:
        s.get(EvidenceItem, ev_x).description = "X：笔记本补充"
        s.scalar(select(Nonconformity).where(Nonconformity.audit_id == x)).root_cause = "X 原因"
        s.get(EvidenceItem, ev_y).description = "Y：笔记本补充"
    # An office package for Y: importing it records the laptop's own edit of Y first, so that
    # change is in the laptop's causal state when it makes the package for X.
    with db.session() as s:
        s.get(Audit, y).objectives = "办公室：Y 的审核目的"
    _send(db, laptop, [y], tmp / "y-down.adpkg")
    only_x = _send(laptop, db, [x], tmp / "x.adpkg")
    assert ("evidence_item", str(ev_x)) in _records(only_x)
    assert ("evidence_item", str(ev_y)) not in _records(only_x)
    assert ("audit", str(y)) not in _records(only_x)
    with db.session() as s:
        assert s.get(EvidenceItem, ev_x).description == "X：笔记本补充"
        assert s.get(EvidenceItem, ev_y).description == "抽查了采购记录。"  # not yet
    # Another package for X only: Y's change is still left out, still not lost.
    with laptop.session() as s:
        s.get(EvidenceItem, ev_x).description = "X：第二次"
    again_x = _send(laptop, db, [x], tmp / "x2.adpkg")
    assert ("evidence_item", str(ev_y)) not in _records(again_x)
    _send(laptop, db, [y], tmp / "y.adpkg")
    with db.session() as s:
        assert s.get(EvidenceItem, ev_x).description == "X：第二次"
        nc = s.scalar(select(Nonconformity).where(Nonconformity.audit_id == x))
        assert nc.root_cause == "X 原因"
        assert s.get(EvidenceItem, ev_y).description == "Y：笔记本补充"
        assert s.get(Audit, y).objectives == "办公室：Y 的审核目的"
    _send(db, laptop, [x, y], tmp / "back.adpkg")
    assert _state(db) == _state(laptop)


def test_an_office_package_for_one_audit_carries_no_other_clients_register_changes(two):
    db, laptop, (x, ev_x), (y, ev_y, org_y), tmp = two
    _send(db, laptop, [x, y], tmp / "fill.adpkg")
    with db.session() as s:
        s.get(Organisation, org_y).name_zh = "广州市另一家制造有限公司（更名）"
        s.get(Audit, x).objectives = "确认体系持续有效"
        unrelated = create_organisation(s, OrganisationData(name_zh="与审核无关的公司")).id
    only_x = _send(db, laptop, [x], tmp / "x.adpkg")
    entities = {(e, r) for e, r in _records(only_x)}
    assert ("organisation", str(org_y)) not in entities
    assert ("organisation", str(unrelated)) not in entities
    assert {e for e, _ in entities} <= {
        "organisation",
        "certificate",
        "auditor",
        "audit",
        "audit_team_member",
        "evidence_item",
        "nonconformity",
        "attachment",
    }
    with laptop.session() as s:
        assert s.get(Audit, x).objectives == "确认体系持续有效"
        assert s.get(Organisation, org_y).name_zh == "广州市另一家制造有限公司"
        assert s.get(Organisation, unrelated) is None
    # The client's rename travels with the package of its own audit.
    only_y = _send(db, laptop, [y], tmp / "y.adpkg")
    assert ("organisation", str(org_y)) in _records(only_y)
    assert ("audit", str(x)) not in _records(only_y)
    with laptop.session() as s:
        assert s.get(Organisation, org_y).name_zh == "广州市另一家制造有限公司（更名）"
        assert s.get(Organisation, unrelated) is None
