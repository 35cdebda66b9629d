"""Issuing a report: the audit locks, corrections make revisions with a change note, the
fingerprint covers the records and shows when they change."""

from __future__ import annotations

import pytest

from auditdesk.exports.report_context import build_report_context
from auditdesk.services import report_issue
from auditdesk.services.audits import find_audit
from auditdesk.services.errors import Locked, PermissionDenied, ValidationFailed

OVERRIDE = "客户要求尽快出具；闭门会议已说明不符合的跟踪安排。"


@pytest.fixture
def demo_audit(demo_audit, session):
    """Issuing is a signed-in lead's: after building the audit, these tests act as 'lead'."""
    from auditdesk.model import Role
    from auditdesk.services.users import create_user

    create_user(session, "lead", "lead-password-1", Role.LEAD, display_name="李主任")
    session.info["user"] = "lead"
    return demo_audit


def test_issuing_locks_the_audit_and_records_revision_1(session, demo_audit):
    rev = report_issue.issue_report(session, demo_audit.audit_id, override_reason=OVERRIDE)
    audit = find_audit(session, demo_audit.number)
    assert audit.locked and audit.report_revision == 1 and audit.status.value == "report_issued"
    assert rev.revision == 1 and rev.issued_by == "lead" and len(rev.fingerprint) == 64
    assert rev.issued_by_name == "李主任" and rev.prepared_by == "张伟"
    assert report_issue.verify_revision(session, rev)
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert ctx.revision == 1 and ctx.fingerprint == rev.fingerprint


def test_an_issued_audit_refuses_edits_and_a_second_issue(session, demo_audit):
    from auditdesk.services import evidence

    report_issue.issue_report(session, demo_audit.audit_id, override_reason=OVERRIDE)
    with pytest.raises(Locked):
        report_issue.issue_report(session, demo_audit.audit_id, override_reason=OVERRIDE)
    with pytest.raises(Locked):
        evidence.add_evidence(session, demo_audit.audit_id)


def test_a_correction_needs_a_change_note_and_makes_revision_2(session, demo_audit):
    from auditdesk.model import EvidenceItem

    first = report_issue.issue_report(session, demo_audit.audit_id, override_reason=OVERRIDE)
    report_issue.open_correction(session, demo_audit.audit_id)
    audit = find_audit(session, demo_audit.number)
    item = session.query(EvidenceItem).filter_by(audit_id=audit.id, seq=3).one()
    item.description = "更正：与生产部经理面谈（补充记录编号）。"
    session.flush()
    assert not report_issue.verify_revision(
        session, first
    )  # the records no longer match revision 1
    with pytest.raises(ValidationFailed) as err:
        report_issue.issue_report(session, demo_audit.audit_id, override_reason=OVERRIDE)
    assert err.value.errors == {"change_note": "required"}
    second = report_issue.issue_report(
        session, demo_audit.audit_id, "E3 描述更正", override_reason=OVERRIDE
    )
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
    rev = report_issue.issue_report(session, demo_audit.audit_id, override_reason=OVERRIDE)
    from auditdesk.storage.changelog import chain_head

    assert len(rev.chain_head) == 64
    assert rev.chain_head != chain_head(
        session
    )  # issuing itself was logged after the head was read
    assert rev.fingerprint == report_issue.records_fingerprint(
        session, demo_audit.audit_id, rev.chain_head
    )


# --- the gate ------------------------------------------------------------------------------------


def _check_in_as_cnca_wants(session, demo_audit, tmp_path):
    """认证到: the conftest's EXIF-less opening photo is replaced by geotagged photos taken
    inside the 2 h windows of the agenda's meetings, and the leader ticks the whole team."""
    import datetime as dt
    import random

    from auditdesk.model import Attachment, CheckInMoment
    from auditdesk.services import check_in, evidence
    from auditdesk.services.demo_photos import make_photo

    audit = find_audit(session, demo_audit.number)
    for att in session.query(Attachment).filter_by(audit_id=audit.id):
        if att.check_in is not None:
            evidence.mark_check_in(session, att.id, None)
    first, last = audit.start_date, audit.end_date or audit.start_date
    for moment, day, hh, mm in (
        (CheckInMoment.OPENING, first, 8, 40),
        (CheckInMoment.CLOSING, last, 16, 45),
    ):
        path = tmp_path / f"{moment.value}.jpg"
        when = dt.datetime.combine(day, dt.time(hh, mm))
        path.write_bytes(
            make_photo("首次会议", "meeting", when, random.Random(1), gps=(31.2990, 120.5853))
        )
        evidence.add_check_in_photo(session, audit.id, path, moment, place="公司会议室")
    check_in.adopt_site_from_photos(session, audit.id)
    for member in audit.team:
        check_in.set_ticked(session, audit.id, member.auditor_id, True)


def make_ready(session, demo_audit, tmp_path):
    """Resolve everything the pre-issue check finds on the conftest audit."""
    import datetime as dt

    from auditdesk.model import Nonconformity
    from auditdesk.services import evidence

    for n in session.query(Nonconformity).filter_by(audit_id=demo_audit.audit_id):
        n.verification_due = dt.date.today() + dt.timedelta(days=30)
    _check_in_as_cnca_wants(session, demo_audit, tmp_path)
    report_issue.set_team_judgements(
        session,
        demo_audit.audit_id,
        scope_appropriate=True,
        objectives_met=True,
        conclusion="管理体系存在 1 项严重不符合和 4 项一般不符合；严重不符合验证关闭前，"
        "不能证实相关过程受控。",
        changes="组织架构和场所自上次审核以来无变化（查阅营业执照和组织机构图）。",
        statements={
            "complaints": "查阅 2025 年投诉台账，3 起客户投诉均已处理并回访。",
            "previous_ncs": "首次监督，上次审核（第二阶段）的 2 项不符合已于 2025 年验证关闭。",
            "internal_audit_review": "内审（2025-11）和管理评审（2025-12）按策划实施，见 E6、E7。",
            "objectives": "2025 年质量目标 5 项，4 项达成，未达成项已分析原因。",
            "improvement": "开展了注塑缺陷降低的 QC 项目，不良率由 2.1% 降至 1.4%。",
        },
    )
    from auditdesk.model import Clause, Judgement
    from auditdesk.services.completeness import check_completeness

    for p in check_completeness(session, demo_audit.audit_id):
        if p.code == "clause.not_judged":
            evidence.set_judgement(session, demo_audit.audit_id, p.clause_id, Judgement.CONFORM)
        if p.code == "coverage.must_cover_missing" and p.clause_number:
            audit = find_audit(session, demo_audit.number)
            clause = next(
                c
                for c in session.query(Clause).filter_by(number=p.clause_number)
                if c.standard_id == audit.certificates[0].standard_id
            )
            evidence.add_evidence(
                session,
                demo_audit.audit_id,
                evidence.EvidenceData(
                    clause_ids=[clause.id], description=f"查阅 {p.clause_number} 相关记录。"
                ),
            )
    report_issue.review_report(session, demo_audit.audit_id)
    session.flush()


def test_issue_is_refused_with_the_blocking_list_and_nothing_written(session, demo_audit):
    from auditdesk.model import ReportRevision

    with pytest.raises(report_issue.IssueBlocked) as err:
        report_issue.issue_report(session, demo_audit.audit_id)
    codes = [(b.code, b.detail) for b in err.value.blockers]
    assert ("check_in.closing_missing", "") in codes
    assert ("judgement.scope_unset", "") in codes and ("judgement.objectives_unset", "") in codes
    assert ("statement.missing", "complaints") in codes
    assert ("contradiction.conclusion_effectiveness", demo_audit.nc_numbers[0]) in codes
    assert ("report.not_reviewed", "") in codes
    audit = find_audit(session, demo_audit.number)
    assert not audit.locked and audit.report_revision == 0
    assert session.query(ReportRevision).count() == 0


def test_a_ready_audit_issues_without_override(session, demo_audit, tmp_path):
    make_ready(session, demo_audit, tmp_path)
    from auditdesk.services.report_verdict import pre_issue_check

    assert pre_issue_check(session, demo_audit.audit_id) == []
    rev = report_issue.issue_report(session, demo_audit.audit_id)
    assert rev.override_reason == "" and rev.overridden == [] and rev.reviewed_by == "李主任"


def test_a_non_lead_and_the_system_user_cannot_issue(session, demo_audit):
    from auditdesk.model import Role
    from auditdesk.services.users import create_user

    session.info["user"] = "system"
    create_user(session, "aud", "aud-password-1", Role.AUDITOR)
    for user in ("aud", "system"):
        session.info["user"] = user
        with pytest.raises(PermissionDenied):
            report_issue.issue_report(session, demo_audit.audit_id, override_reason=OVERRIDE)
    assert not find_audit(session, demo_audit.number).locked


def test_the_audits_team_leader_issues_even_with_the_auditor_role(session, demo_audit):
    from auditdesk.model import Role
    from auditdesk.services.users import create_user

    audit = find_audit(session, demo_audit.number)
    leader = next(m for m in audit.team if m.role.value == "team_leader")
    session.info["user"] = "system"
    create_user(session, "zw", "zw-password-1", Role.AUDITOR, auditor_id=leader.auditor_id)
    session.info["user"] = "zw"
    rev = report_issue.issue_report(session, demo_audit.audit_id, override_reason=OVERRIDE)
    assert rev.issued_by_name == "张伟"


def test_an_override_needs_a_reason_that_is_printed_in_the_history(session, demo_audit, tmp_path):
    from auditdesk.exports import api
    from tests.exports.conftest import pdf_text

    with pytest.raises(report_issue.IssueBlocked):
        report_issue.issue_report(session, demo_audit.audit_id, override_reason="   ")
    rev = api.issue_report(session, demo_audit.number, override_reason=OVERRIDE, langs=("zh",))
    assert rev.override_reason == OVERRIDE
    assert {"code": "check_in.closing_missing", "detail": ""} in rev.overridden
    import io

    from auditdesk.exports import blocks as b
    from auditdesk.exports.report_document import report_document

    doc = report_document(build_report_context(session, demo_audit.number, "zh"))
    history = next(x for x in doc.blocks if isinstance(x, b.Table) and x.header[0] == "版次")
    note = history.rows[0][3]
    assert f"越过出具前检查的理由：{OVERRIDE}" in note
    assert "缺少末次会议签到照片（认证到）" in note  # what was overridden, in words
    buf = io.BytesIO()
    api.export_report(session, demo_audit.number, "pdf", "zh", buf)
    path = tmp_path / "issued.pdf"
    path.write_bytes(buf.getvalue())
    text = pdf_text(path)
    assert "越过出具前检查的理由" in "".join(text.split())
    assert "批准（出具）" in text and "李主任" in text  # display name, not the user name "lead"


# --- frozen issued files and verify --------------------------------------------------------------


@pytest.fixture
def issued(session, demo_audit):
    from auditdesk.exports import api

    rev = api.issue_report(session, demo_audit.number, override_reason=OVERRIDE, langs=("zh",))
    return rev


def test_re_export_of_an_issued_revision_is_the_archived_file(session, demo_audit, issued):
    import io

    from auditdesk.exports import api
    from auditdesk.model import EvidenceItem

    kept = {(f["format"], f["lang"]): f["sha256"] for f in issued.files}
    assert set(kept) == {("pdf", "zh"), ("docx", "zh")}
    first = io.BytesIO()
    api.export_report(session, demo_audit.number, "pdf", "zh", first)
    assert report_issue.archived_bytes(session, kept[("pdf", "zh")]) == first.getvalue()
    # Records changed behind AuditDesk's back: the issued revision still comes out unchanged.
    item = session.query(EvidenceItem).filter_by(audit_id=demo_audit.audit_id, seq=3).one()
    item.description = "事后改动"
    session.flush()
    for fmt in ("pdf", "docx"):
        again = io.BytesIO()
        api.export_report(session, demo_audit.number, fmt, "zh", again)
        assert report_issue.archived_bytes(session, kept[(fmt, "zh")]) == again.getvalue()
    with pytest.raises(ValueError, match="never rendered again"):
        api.export_report(session, demo_audit.number, "pdf", "en", io.BytesIO())


def test_check_revision_says_what_changed(session, demo_audit, issued):
    from auditdesk.model import EvidenceItem

    assert report_issue.check_revision(session, issued).ok
    item = session.query(EvidenceItem).filter_by(audit_id=demo_audit.audit_id, seq=3).one()
    item.description = "事后改动"
    session.flush()
    check = report_issue.check_revision(session, issued)
    assert not check.ok and not check.records_match
    assert [(c.table, c.label, c.fields) for c in check.changes] == [
        ("evidence", "E3", ("description",))
    ]
