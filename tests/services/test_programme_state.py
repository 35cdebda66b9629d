"""Programme and status stored per certificate (issue 21, point 5): the stored row follows
the rules after each change of its inputs, and only the changed certificate is recomputed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from auditdesk.model import Audit, CBSetting, Certificate, CertificateState
from auditdesk.services import programme_state
from auditdesk.services.programme import programmes
from auditdesk.services.setup import open_database
from tests.samples import make_sample


def _rows(database):
    with database.session() as s:
        return {
            r.certificate_id: (r.status, r.since, r.deadline, r.expiry, r.computed_on)
            for r in s.scalars(select(CertificateState))
        }


def test_each_certificate_has_its_rules_values(database):
    with database.session() as s:
        make_sample(s)
    with database.session() as s:
        expected = {cp.certificate_id: cp.status for cp in programmes(s, dt.date.today())}
        assert programme_state.differences(s) == []
    rows = _rows(database)
    assert set(rows) == set(expected) and len(rows) == 2
    assert {k: v[0] for k, v in rows.items()} == {k: v.code.value for k, v in expected.items()}


def test_a_certificate_change_refreshes_its_row_only(database):
    with database.session() as s:
        make_sample(s)
    with database.session() as s:  # mark both rows, behind the listener's back
        s.execute(update(CertificateState).values(status="marked"))
    with database.session() as s:
        cert = s.scalar(select(Certificate).where(Certificate.number == "CN-Q-0001"))
        cert.expiry_date = cert.expiry_date - dt.timedelta(days=30)
        changed = cert.id
    rows = _rows(database)
    assert rows[changed][0] != "marked"
    assert rows[changed][3] == cert.expiry_date
    assert [v[0] for k, v in rows.items() if k != changed] == ["marked"]


def test_an_audit_change_refreshes_its_certificates(database):
    with database.session() as s:
        make_sample(s)
    with database.session() as s:
        s.execute(update(CertificateState).values(status="marked"))
    with database.session() as s:
        audit = s.scalar(select(Audit))
        audit.planned_days = (audit.planned_days or 1) + 1
        linked = {c.id for c in audit.certificates}
    rows = _rows(database)
    assert linked and all(rows[c][0] != "marked" for c in linked)
    assert all(v[0] == "marked" for k, v in rows.items() if k not in linked)


def test_a_cb_setting_refreshes_every_row(database):
    with database.session() as s:
        make_sample(s)
    with database.session() as s:
        s.execute(update(CertificateState).values(status="marked"))
    with database.session() as s:
        s.add(CBSetting(key="surveillance_window_months", value=2))
    assert "marked" not in {v[0] for v in _rows(database).values()}
    with database.session() as s:
        assert programme_state.differences(s) == []


def test_a_rolled_back_change_writes_nothing(database):
    with database.session() as s:
        make_sample(s)
    with database.session() as s:
        s.execute(update(CertificateState).values(status="marked"))
    try:
        with database.session() as s:
            cert = s.scalar(select(Certificate))
            cert.expiry_date = cert.expiry_date - dt.timedelta(days=1)
            s.flush()
            raise RuntimeError("the user's action failed")
    except RuntimeError:
        pass
    assert {v[0] for v in _rows(database).values()} == {"marked"}


def test_differences_name_a_stored_value_edited_behind_auditdesk(database):
    with database.session() as s:
        make_sample(s)
    with database.engine.begin() as conn:
        conn.execute(update(CertificateState).values(deadline=dt.date(2000, 1, 1)))
    with database.session() as s:
        found = programme_state.differences(s)
    assert {(d.number, d.field) for d in found} == {
        ("CN-Q-0001", "deadline"),
        ("CN-Q-0002", "deadline"),
    }


def test_opening_fills_an_empty_table(database):
    """A database upgraded from 0115, or filled by a bulk tool, gets its rows when opened."""
    with database.session() as s:
        make_sample(s)
    with database.engine.begin() as conn:
        conn.execute(CertificateState.__table__.delete())
    assert _rows(database) == {}
    url = database.url
    database.close()
    reopened = open_database(url)
    try:
        assert len(_rows(reopened)) == 2
        with reopened.session() as s:
            assert programme_state.differences(s) == []
    finally:
        reopened.close()
