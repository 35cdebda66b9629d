"""The demo database is realistic enough to show every screen and document (issue 2.6)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, select

from auditdesk.model import (
    Attachment,
    Audit,
    Certificate,
    NCState,
    Nonconformity,
    Organisation,
    Standard,
)
from auditdesk.rules import credit_code
from auditdesk.services.demo import build_demo
from auditdesk.services.errors import ValidationFailed
from auditdesk.services.programme import programmes

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def demo(built_demo, tmp_path_factory):
    demo = built_demo(TODAY)  # build_demo(s, today=TODAY) into a new database, once per run
    db = demo.open_copy(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    summary = demo.summary
    yield db, summary
    db.close()


def test_thirty_plus_clients_with_valid_credit_codes_across_provinces(demo):
    db, _ = demo
    with db.session() as s:
        orgs = s.scalars(select(Organisation)).all()
    assert len(orgs) >= 30
    assert all(credit_code.is_valid(o.credit_code or "") for o in orgs)
    assert len({o.province for o in orgs}) >= 15
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in o.name_zh) for o in orgs)


def test_certificates_for_all_four_standards_at_every_point_of_the_cycle(demo):
    db, _ = demo
    with db.session() as s:
        keys = set(
            s.scalars(
                select(Standard.key).join(Certificate, Certificate.standard_id == Standard.id)
            )
        )
        states = Counter(p.status.code.value for p in programmes(s, TODAY))
        entries = Counter(
            (e.kind.value, e.state.value) for p in programmes(s, TODAY) for e in p.programme.entries
        )
    assert keys == {"ISO9001:2015", "ISO14001:2015", "ISO45001:2018", "ISO27001:2022"}
    for code in (
        "valid",
        "suspension_required",
        "suspended",
        "withdrawal_required",
        "withdrawn",
        "cancelled",
    ):
        assert states[code] > 0, code
    for entry in (
        ("surveillance_1", "due"),
        ("surveillance_1", "done"),
        ("surveillance_1", "overdue"),
        ("surveillance_2", "due"),
        ("recertification", "due"),
    ):
        assert entries[entry] > 0, entry


def test_ncs_in_every_state(demo):
    db, _ = demo
    with db.session() as s:
        states = set(s.scalars(select(Nonconformity.state)))
    assert states >= {
        NCState.DRAFT,
        NCState.ISSUED,
        NCState.RESPONSE_RECEIVED,
        NCState.RESPONSE_REJECTED,
        NCState.RESPONSE_ACCEPTED,
        NCState.VERIFIED,
        NCState.CLOSED,
    }


def test_flagship_audit_has_evidence_photos_and_ncs(demo):
    db, summary = demo
    with db.session() as s:
        audit = s.scalar(select(Audit).where(Audit.number == summary.flagship_audit))
        assert len(audit.evidence) >= 40
        assert len(audit.nonconformities) == 5
        photos = s.scalars(
            select(Attachment).where(Attachment.audit_id == audit.id, Attachment.is_photo)
        ).all()
        assert len(photos) >= 6
        assert {p.check_in.value for p in photos if p.check_in} == {"opening", "closing"}
        assert all(p.captured_at is not None for p in photos)  # EXIF capture time read back


def test_demo_refuses_a_database_that_already_has_data(demo):
    db, _ = demo
    with db.session() as s, pytest.raises(ValidationFailed):
        build_demo(s, today=TODAY)
    with db.session() as s:
        assert s.scalar(select(func.count(Organisation.id))) == 44


def test_demo_lead_has_a_review_queue(demo):
    from auditdesk.services.review_queue import review_queue

    db, _ = demo
    with db.session(user="lead") as s:
        assert len(review_queue(s, on=TODAY)) >= 3


def test_demo_keeps_an_account_made_at_first_start(tmp_path):
    """First start asks for the first admin; loading the demo afterwards must not clash with it."""
    from auditdesk.model import User
    from auditdesk.services import users
    from auditdesk.services.setup import open_database

    db = open_database(f"sqlite:///{tmp_path / 'first.sqlite3'}", create=True)
    with db.session() as s:
        users.create_first_admin(s, "admin", "my-own-password", "Me")
    with db.session(user="admin") as s:
        build_demo(s, today=TODAY)
    with db.session() as s:
        names = set(s.scalars(select(User.username)))
        assert users.authenticate(s, "admin", "my-own-password") is not None
    db.close()
    assert {"admin", "lead", "auditor"} <= names
