"""Fingerprint formats (services.report_issue): new revisions name clauses by standard and
number, so they verify in any database that holds the same records; a revision issued in the
first format (clause ids) is still checked the way it was made."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from auditdesk.model import Clause, EvidenceItem, Role, Standard
from auditdesk.services import report_issue
from auditdesk.services.users import create_user
from tests.exports.conftest import build_demo_audit

OVERRIDE = "现场签发（测试）"


@pytest.fixture
def demo(session, tmp_path):
    demo = build_demo_audit(session, tmp_path / "photos", evidence_count=3, photos=1)
    create_user(session, "lead", "lead-password-1", Role.LEAD)
    session.info["user"] = "lead"
    return demo


def _relink(session, audit_id):
    """Link the first evidence item to another clause (as a tamperer past the lock would)."""
    ev = session.scalars(
        select(EvidenceItem).where(EvidenceItem.audit_id == audit_id).order_by(EvidenceItem.seq)
    ).first()
    taken = {c.id for c in ev.clauses}
    other = session.scalars(
        select(Clause)
        .join(Standard)
        .where(Standard.key == "ISO9001:2015", Clause.id.not_in(taken), Clause.depth > 0)
    ).first()
    ev.clauses = [*ev.clauses, other]
    session.flush()


def test_a_new_revision_is_portable_and_names_clauses_by_standard_and_number(session, demo):
    rev = report_issue.issue_report(session, demo.audit_id, override_reason=OVERRIDE)
    assert rev.fingerprint_format == report_issue.FINGERPRINT_PORTABLE
    records = report_issue.audit_records(session, demo.audit_id)
    assert records["evidence_clauses"]
    for _ev, clause in records["evidence_clauses"]:
        assert clause[0] == "clause" and clause[1] and clause[2]
    assert all(n["clause_id"][0] == "clause" for n in records["nonconformities"])
    assert report_issue.verify_revision(session, rev)
    _relink(session, demo.audit_id)
    assert not report_issue.verify_revision(session, rev)


def test_a_first_format_revision_is_still_checked_the_way_it_was_made(session, demo):
    rev = report_issue.issue_report(session, demo.audit_id, override_reason=OVERRIDE)
    # As an AuditDesk before the portable format issued it: the payload without a marker,
    # clause ids as stored here, and format 0 on the row (what migration 0130 gives old rows).
    old = report_issue.fingerprint_payload(
        session, demo.audit_id, rev.chain_head, report_issue.FINGERPRINT_IDS
    )
    assert "format" not in old
    assert all(isinstance(c, str) for _e, c in old["records"]["evidence_clauses"])
    rev.fingerprint = hashlib.sha256(report_issue.canonical_json(old)).hexdigest()
    rev.records_sha256 = ""
    rev.fingerprint_format = report_issue.FINGERPRINT_IDS
    session.flush()
    assert report_issue.verify_revision(session, rev)
    assert report_issue.check_revision(session, rev).records_match
    # The same fingerprint read as the portable format does not match: the marker decides.
    rev.fingerprint_format = report_issue.FINGERPRINT_PORTABLE
    assert not report_issue.verify_revision(session, rev)
    rev.fingerprint_format = report_issue.FINGERPRINT_IDS
    _relink(session, demo.audit_id)
    assert not report_issue.verify_revision(session, rev)


def test_an_unknown_format_is_refused(session, demo):
    from auditdesk.services.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        report_issue.audit_records(session, demo.audit_id, fmt=7)
