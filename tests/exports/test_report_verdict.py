"""Verdicts follow the findings (DOMAIN.md §12): derived conclusion and recommendation, flagged
contradictions, explicit team judgements, statements that say something."""

from __future__ import annotations

import datetime as dt

from auditdesk.exports import blocks as b
from auditdesk.exports.report_context import build_report_context
from auditdesk.exports.report_document import report_document
from auditdesk.model import NCGrade, Nonconformity
from auditdesk.services import report_issue
from auditdesk.services.report_verdict import derive_verdict, is_statement, pre_issue_check


def _fields(doc):
    return dict(p for x in doc.blocks if isinstance(x, b.Fields) for p in x.pairs)


def _ncs(session, audit_id):
    return session.query(Nonconformity).filter_by(audit_id=audit_id).order_by("number").all()


def _not_overdue(session, audit_id):
    for n in _ncs(session, audit_id):
        n.verification_due = dt.date.today() + dt.timedelta(days=30)
    session.flush()


def test_an_open_major_makes_the_recommendation_conditional(session, demo_audit):
    _not_overdue(session, demo_audit.audit_id)
    major = next(n for n in _ncs(session, demo_audit.audit_id) if n.grade is NCGrade.MAJOR)
    verdict = derive_verdict(session, demo_audit.audit_id)
    assert verdict.recommendation == "maintain" and not verdict.unconditional
    assert ("verify_major", major.number) in [(c.kind, c.nc) for c in verdict.conditions]
    assert verdict.conformity == "major_ncs" and verdict.effectiveness == "major_open"
    for lang, words in (
        ("zh", f"严重不符合 {major.number} 经验证关闭后"),
        ("en", f"verification of major {major.number}"),
    ):
        fields = _fields(report_document(build_report_context(session, demo_audit.number, lang)))
        derived = next(v for k, v in fields.items() if k in ("依据审核发现", "From the findings"))
        assert words in derived, derived
        assert derived not in ("推荐保持认证注册", "Recommend maintaining certification")


def test_verified_ncs_leave_an_unconditional_recommendation(session, demo_audit):
    from auditdesk.model import NCState

    for n in _ncs(session, demo_audit.audit_id):
        n.state = NCState.VERIFIED
    session.flush()
    verdict = derive_verdict(session, demo_audit.audit_id)
    assert verdict.unconditional and verdict.recommendation == "maintain"


def test_an_overdue_major_means_no_recommendation(session, demo_audit):
    for n in _ncs(session, demo_audit.audit_id):
        n.verification_due = dt.date.today() - dt.timedelta(days=1)
    session.flush()
    verdict = derive_verdict(session, demo_audit.audit_id)
    assert verdict.recommendation == "refuse"
    assert "recommendation_refuse" in [c.code for c in verdict.contradictions]  # team: maintain


def test_a_contradicting_hand_written_conclusion_is_flagged(session, demo_audit):
    _not_overdue(session, demo_audit.audit_id)
    # conftest: "管理体系总体符合标准要求并有效运行…" with a major NC open
    codes = [x.code for x in pre_issue_check(session, demo_audit.audit_id)]
    assert "contradiction.conclusion_conformity" in codes
    assert "contradiction.conclusion_effectiveness" in codes
    doc = report_document(build_report_context(session, demo_audit.number, "zh"))
    team = _fields(doc)["审核组结论"]
    assert "※ 与审核发现不一致：审核组结论称运行有效" in team
    # The same words in a conclusion that names the NCs and claims no effectiveness: no flag.
    from auditdesk.services.audits import find_audit

    find_audit(
        session, demo_audit.number
    ).conclusion = (
        "管理体系存在 1 项严重不符合和 4 项一般不符合，严重不符合验证关闭前不能证实运行有效。"
    )
    session.flush()
    verdict = derive_verdict(session, demo_audit.audit_id)
    assert not [c for c in verdict.contradictions if c.code.startswith("conclusion_")]


def test_scope_and_objectives_are_unset_until_the_team_judges(session, demo_audit):
    ctx = build_report_context(session, demo_audit.number, "zh")
    fields = _fields(report_document(ctx))
    assert fields["认证范围是否适宜"] == "未判定" and fields["审核目的是否实现"] == "未判定"
    codes = {x.code for x in pre_issue_check(session, demo_audit.audit_id)}
    assert {"judgement.scope_unset", "judgement.objectives_unset"} <= codes
    report_issue.set_team_judgements(
        session, demo_audit.audit_id, scope_appropriate=True, objectives_met=False
    )
    fields = _fields(report_document(build_report_context(session, demo_audit.number, "en")))
    assert fields["Is the certification scope appropriate"] == "yes"
    assert fields["Were the audit objectives met"] == "no"
    codes = {x.code for x in pre_issue_check(session, demo_audit.audit_id)}
    assert not {"judgement.scope_unset", "judgement.objectives_unset"} & codes


def test_an_in_progress_audit_with_nothing_judged_prints_no_yes(session, demo_audit):
    from auditdesk.model import AuditType
    from auditdesk.services.audits import AuditData, create_audit, find_audit

    cert = find_audit(session, demo_audit.number).certificates[0]
    empty = create_audit(
        session, AuditData(certificate_ids=[cert.id], audit_type=AuditType.SURVEILLANCE_2)
    )
    fields = _fields(report_document(build_report_context(session, empty.number, "zh")))
    assert fields["认证范围是否适宜"] == "未判定" and fields["审核目的是否实现"] == "未判定"


def test_none_is_not_a_statement(session, demo_audit):
    for empty in ("", "无", " 无。", "none", "N/A", "-"):
        assert not is_statement(empty), empty
    assert is_statement("本周期内未收到投诉，查阅投诉台账 2025-2026。")
    report_issue.set_team_judgements(
        session,
        demo_audit.audit_id,
        statements={"complaints": "无", "improvement": "开展了 3 个 QC 小组项目，查阅成果报告。"},
    )
    missing = derive_verdict(session, demo_audit.audit_id).missing_statements
    assert "complaints" in missing and "improvement" not in missing
    assert "marks" not in missing  # conftest wrote the marks statement in marks_control
    doc = report_document(build_report_context(session, demo_audit.number, "zh"))
    table = next(x for x in doc.blocks if isinstance(x, b.Table) and x.header[0] == "项目")
    rows = dict(table.rows)
    assert rows["投诉的处理"] == "未填写（须由审核组说明）"
    assert rows["持续改进"].startswith("开展了 3 个 QC 小组项目")


def test_every_check_in_finding_blocks_in_words():
    """A check-in finding (rules/checkin.py) that blocks issue prints as words in both
    languages, never as its code: the CNCA check-in rules and the report gate were built
    apart and met at the merge."""
    from auditdesk.exports.report_words import blocker_text
    from auditdesk.rules import checkin

    codes = [
        v
        for k, v in vars(checkin).items()
        if k.isupper() and isinstance(v, str) and v.startswith("check_in.")
    ]
    assert len(codes) >= 10
    for code in codes:
        if code == checkin.NO_PHOTO:  # reported as opening_/closing_missing
            continue
        for lang in ("zh", "en"):
            text = blocker_text(code, "IMG_0001.jpg", lang)
            assert "check_in." not in text, (code, lang, text)
