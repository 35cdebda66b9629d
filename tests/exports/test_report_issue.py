"""Issuing a report: the audit locks, corrections make revisions with a change note, the
fingerprint covers the records and shows when they change."""

from __future__ import annotations

import pytest

from auditdesk.exports.report_context import build_report_context
from auditdesk.services import report_issue
from auditdesk.services.audits import find_audit
from auditdesk.services.errors import Locked, PermissionDenied, ValidationFailed


def test_issuing_locks_the_audit_and_records_revision_1(session, demo_audit):
    rev = report_issue.issue_report(session, demo_audit.audit_id)
    audit = find_audit(session, demo_audit.number)
    assert audit.locked and audit.report_revision == 1 and audit.status.value == "report_issued"
    assert rev.revision == 1 and rev.issued_by == "system" and len(rev.fingerprint) == 64
    assert report_issue.verify_revision(session, rev)
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert ctx.revision == 1 and ctx.fingerprint == rev.fingerprint


def test_an_issued_audit_refuses_edits_and_a_second_issue(session, demo_audit):
    from auditdesk.services import evidence

    report_issue.issue_report(session, demo_audit.audit_id)
    with pytest.raises(Locked):
        report_issue.issue_report(session, demo_audit.audit_id)
    with pytest.raises(Locked):
        evidence.add_evidence(session, demo_audit.audit_id)


def test_a_correction_needs_a_change_note_and_makes_revision_2(session, demo_audit):
    from auditdesk.model import EvidenceItem

    first = report_issue.issue_report(session, demo_audit.audit_id)
    report_issue.open_correction(session, demo_audit.audit_id)
    audit = find_audit(session, demo_audit.number)
    item = session.query(EvidenceItem).filter_by(audit_id=audit.id, seq=3).one()
    item.description = "更正：与生产部经理面谈（补充记录编号）。"
    session.flush()
    assert not report_issue.verify_revision(
        session, first
    )  # the records no longer match revision 1
    with pytest.raises(ValidationFailed) as err:
        report_issue.issue_report(session, demo_audit.audit_id)
    assert err.value.errors == {"change_note": "required"}
    second = report_issue.issue_report(session, demo_audit.audit_id, "E3 描述更正")
    assert second.revision == 2 and second.fingerprint != first.fingerprint
    assert report_issue.verify_revision(session, second)
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert [(r.revision, r.change_note) for r in ctx.revisions] == [(1, ""), (2, "E3 描述更正")]


def test_fingerprint_is_canonical(session, demo_audit):
    a = report_issue.records_fingerprint(session, demo_audit.audit_id)
    session.expire_all()
    assert report_issue.records_fingerprint(session, demo_audit.audit_id) == a
    assert report_issue.records_fingerprint(session, demo_audit.audit_id, chain_head="ab" * 32) != a


def test_fingerprint_covers_attachment_hashes(session, demo_audit):
    from auditdesk.model import Attachment

    before = report_issue.records_fingerprint(session, demo_audit.audit_id)
    att = session.query(Attachment).filter(Attachment.evidence_id.is_not(None)).first()
    att.sha256 = "0" * 64
    session.flush()
    assert report_issue.records_fingerprint(session, demo_audit.audit_id) != before


def test_only_a_lead_may_issue(database, demo_audit_committed):
    from auditdesk.model import Role, User

    with database.session() as s:
        s.add(User(username="li", role=Role.AUDITOR))
    with database.session(user="li") as s, pytest.raises(PermissionDenied):
        report_issue.issue_report(s, demo_audit_committed.audit_id)


@pytest.fixture
def demo_audit_committed(database, tmp_path):
    from tests.exports.conftest import build_demo_audit

    with database.session() as s:
        return build_demo_audit(s, tmp_path / "p", evidence_count=3, photos=1)


def test_the_change_log_head_is_folded_in_when_there_is_a_log(session, demo_audit):
    rev = report_issue.issue_report(session, demo_audit.audit_id)
    from auditdesk.storage.changelog import chain_head

    assert len(rev.chain_head) == 64
    assert rev.chain_head != chain_head(
        session
    )  # issuing itself was logged after the head was read
    assert rev.fingerprint == report_issue.records_fingerprint(
        session, demo_audit.audit_id, rev.chain_head
    )
