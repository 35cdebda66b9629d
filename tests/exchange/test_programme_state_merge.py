"""A merged package refreshes the stored programme and status of the certificates it changes:
merges write through sessions, so the listener (services/programme_state.py) sees them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from auditdesk.exchange.package import export_package, import_package
from auditdesk.model import Audit, CertificateState
from auditdesk.services import programme_state
from auditdesk.services.setup import open_database


def _state(db):
    with db.session() as s:
        return {
            r.certificate_id: (r.status, r.deadline) for r in s.scalars(select(CertificateState))
        }


def test_a_merged_audit_change_refreshes_its_certificate(office, tmp_path):
    db, audit_id, _ev_id = office
    out = tmp_path / "audit.adpkg"
    with db.session() as s:
        export_package(s, [audit_id], out)
    laptop = open_database(f"sqlite:///{tmp_path / 'laptop' / 'laptop.sqlite3'}", create=True)
    try:
        with laptop.session() as s:
            import_package(s, out)
        with laptop.session() as s:  # on the laptop the surveillance moved a year earlier
            audit = s.get(Audit, audit_id)
            audit.start_date, audit.end_date = dt.date(2026, 1, 5), dt.date(2026, 1, 6)
        back = tmp_path / "back.adpkg"
        with laptop.session() as s:
            export_package(s, [audit_id], back)
        laptop_state = _state(laptop)
    finally:
        laptop.close()
    before = _state(db)
    with db.session() as s:
        s.execute(CertificateState.__table__.update().values(status="marked"))
    with db.session() as s:
        import_package(s, back)
        assert s.get(Audit, audit_id).start_date == dt.date(2026, 1, 5)
    after = _state(db)
    assert set(after) == set(before) and "marked" not in {v[0] for v in after.values()}
    assert after == laptop_state
    with db.session() as s:
        assert programme_state.differences(s) == []
