"""The report's content: every element of ISO/IEC 17021-1 9.4.8 (DOMAIN.md §6) is in the context."""

from __future__ import annotations

import datetime as dt

from auditdesk.exports import blocks as b
from auditdesk.exports.report_context import build_report_context
from auditdesk.exports.report_document import report_document


def test_context_holds_the_audit_records(session, demo_audit):
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert ctx.audit_number == "2026-0031"
    assert ctx.cb.name_zh == "华信质量认证有限公司"
    assert (
        ctx.client.name_zh == "苏州精达塑胶制品有限公司" and ctx.client.representative == "王建国"
    )
    assert ctx.audit_type == "surveillance_1" and ctx.audit_mode == "FS01"
    assert ctx.criteria == ("ISO 9001:2015 / GB/T 19001-2016",)
    assert len(ctx.evidence) == 42
    assert [n.number for n in ctx.nonconformities] == demo_audit.nc_numbers
    assert {n.grade for n in ctx.nonconformities} == {"major", "minor"}
    assert len(ctx.photos) == 6 and all(p.path is not None and p.path.is_file() for p in ctx.photos)
    assert ctx.photos[0].check_in == "opening"  # check-in photos first
    assert ctx.team_leader is not None and ctx.team_leader.name_zh == "张伟"
    assert [s.central for s in ctx.sites] == [True, False]
    assert ctx.summary.major_ncs == 1 and ctx.summary.minor_ncs == 4 and ctx.summary.open_ncs == 5
    assert ctx.recommendation == "maintain"
    assert len(ctx.fingerprint) == 64 and ctx.revision == 0


def test_findings_cite_evidence_and_ncs_by_clause(session, demo_audit):
    ctx = build_report_context(session, demo_audit.audit_id, "en")
    by_clause = {f.clause: f for f in ctx.findings}
    assert by_clause["7.1.5"].judgement == "nonconformity"
    assert by_clause["7.1.5"].nc_numbers == (demo_audit.nc_numbers[0],)
    assert by_clause["4.1"].judgement == "conform" and by_clause["4.1"].evidence_refs
    cited = {n for f in ctx.findings for n in f.evidence_refs}
    assert cited == {e.seq for e in ctx.evidence}
    assert by_clause["9.2"].judgement == "nonconformity"
    assert dict(ctx.summary.effectiveness_judgements) == {"9.2": "nonconformity", "9.3": "conform"}


def test_evidence_times_are_shown_in_china_time(session, demo_audit):
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert ctx.evidence[0].observed_at == dt.datetime(2026, 3, 2, 9, 0)  # 01:00 UTC


def test_report_has_every_17021_element_in_order(session, demo_audit):
    from auditdesk.model import Nonconformity

    for n in session.query(Nonconformity).filter_by(audit_id=demo_audit.audit_id):
        n.verification_due = dt.date.today() + dt.timedelta(days=30)  # not overdue
    session.flush()
    doc = report_document(build_report_context(session, demo_audit.number, "zh"))
    headings = [x.text for x in doc.blocks if isinstance(x, b.Heading)]
    assert headings == [
        "出具前检查（草稿：出具前须处理）",
        "审核概况",
        "审核范围与场所",
        "各场所审核日期与活动",
        "审核组",
        "审核人日（IAF MD5）",
        "审核计划偏离及原因",
        "影响审核方案的问题",
        "自上次审核以来的重大变更",
        "专业代码、删减与未覆盖的区域",
        "审核发现（按条款）",
        "不符合项",
        "以往不符合项纠正措施的验证",
        "未解决的问题",
        "第一阶段审核发现的问题及其状态",
        "投诉",
        "审核证据清单",
        "抽样说明",
        "审核结论",
        "监督审核必查项目",  # 17021-1 9.6.2.2, with certificate and mark use
        "审核组推荐意见",
        "现场照片",
        "报告编制、审核和批准",
        "签字",
    ]
    fields = dict(p for x in doc.blocks if isinstance(x, b.Fields) for p in x.pairs)
    for label in (
        "认证机构",
        "受审核方",
        "地址",
        "法定代表人",
        "审核类型",
        "审核准则",
        "审核目的",
        "审核范围",
        "结合/联合/一体化审核说明",
        "管理体系与审核准则的符合性",
        "认证范围是否适宜",
        "审核目的是否实现",
        "记录指纹 (SHA-256)",
    ):
        assert label in fields, label
    assert fields["管理体系与审核准则的符合性"].startswith("存在严重不符合 1 项")
    assert any(isinstance(x, b.Para) and "审核证据建立在样本的基础上" in x.text for x in doc.blocks)
    assert fields["依据审核发现"].startswith("推荐保持认证注册，条件：严重不符合")
    assert doc.toc


def test_an_empty_audit_still_makes_a_complete_short_report(session, demo_audit):
    from auditdesk.model import AuditType
    from auditdesk.services.audits import AuditData, create_audit, find_audit

    cert = find_audit(session, demo_audit.number).certificates[0]
    empty = create_audit(
        session, AuditData(certificate_ids=[cert.id], audit_type=AuditType.SURVEILLANCE_2)
    )
    doc = report_document(build_report_context(session, empty.number, "en"))
    assert not doc.toc
    assert any(isinstance(x, b.Para) and x.text == "None" for x in doc.blocks)


def test_previous_ncs_of_an_earlier_audit_are_listed_for_verification(session, demo_audit):
    import datetime as dt

    from auditdesk.model import AuditType, Clause, EvidenceType, NCGrade
    from auditdesk.services import evidence as ev
    from auditdesk.services import nonconformities as ncs
    from auditdesk.services.audits import AuditData, create_audit, find_audit

    current = find_audit(session, demo_audit.number)
    cert = current.certificates[0]
    earlier = create_audit(
        session,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=AuditType.STAGE2,
            start_date=dt.date(2025, 3, 1),
            end_date=dt.date(2025, 3, 2),
        ),
    )
    clause = session.query(Clause).filter_by(standard_id=cert.standard_id, number="8.5.1").one()
    item = ev.add_evidence(
        session,
        earlier.id,
        ev.EvidenceData(evidence_type=EvidenceType.RECORD, clause_ids=[clause.id]),
    )
    nc = ncs.raise_nc(
        session,
        ncs.NCDraft(
            audit_id=earlier.id,
            clause_id=clause.id,
            grade=NCGrade.MINOR,
            requirement="8.5.1",
            evidence_text="首件检验记录缺失。",
            reason="未执行",
            evidence_ids=[item.id],
        ),
        on=dt.date(2025, 3, 2),
    )
    ncs.issue_nc(session, nc.id, on=dt.date(2025, 3, 2))
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert [(p.number, p.audit_number, p.clause, p.state) for p in ctx.previous_ncs] == [
        (nc.number, earlier.number, "8.5.1", "issued")
    ]


def test_a_photo_missing_from_this_computer_is_named_not_dropped(session, demo_audit, tmp_path):
    ctx = build_report_context(
        session, demo_audit.number, "en", attachments_root=tmp_path / "elsewhere"
    )
    assert len(ctx.photos) == 6 and all(p.path is None for p in ctx.photos)
    photos = next(x for x in report_document(ctx).blocks if isinstance(x, b.Photos))
    assert photos.missing_text == "(the photo file is not in this computer's attachment store)"


def test_a_terminated_audit_report_gives_the_reasons_who_agreed_and_when(session, demo_audit):
    from auditdesk.model import AuditType
    from auditdesk.services.audits import AuditData, create_audit, find_audit
    from auditdesk.services.termination import (
        Agreement,
        AgreementRole,
        TerminationData,
        TerminationReason,
        terminate_audit,
    )

    cert = find_audit(session, demo_audit.number).certificates[0]
    audit = create_audit(
        session,
        AuditData(
            certificate_ids=[cert.id],
            audit_type=AuditType.SURVEILLANCE_2,
            start_date=dt.date(2027, 3, 1),
            end_date=dt.date(2027, 3, 2),
        ),
    )
    at = dt.datetime(2027, 3, 1, 2, 30, tzinfo=dt.UTC)  # 10:30 in China
    terminate_audit(
        session,
        audit.id,
        TerminationData(
            [TerminationReason.LICENCE_EXPIRED, TerminationReason.MANAGEMENT_REFUSES],
            dt.date(2027, 3, 1),
            [
                Agreement(AgreementRole.TEAM_LEADER, "张伟", at),
                Agreement(AgreementRole.CLIENT, "王建国", at),
            ],
            reaudit_due=dt.date(2027, 5, 1),
        ),
    )
    ctx = build_report_context(session, audit.number, "zh")
    assert ctx.termination is not None and not ctx.summary.objectives_met
    assert ctx.termination.reasons == ("licence_expired", "management_refuses")
    fields = {
        k: v for x in report_document(ctx).blocks if isinstance(x, b.Fields) for k, v in x.pairs
    }
    assert fields["撤组原因"] == "行政许可已过期\n最高管理者拒绝配合或缺席"
    assert fields["同意撤组"] == "审核组长 张伟 2027-03-01 10:30\n受审核方 王建国 2027-03-01 10:30"
    assert fields["撤组日期"] == "2027-03-01" and fields["重新审核截止日期"] == "2027-05-01"
    en = {
        k: v
        for x in report_document(build_report_context(session, audit.number, "en")).blocks
        if isinstance(x, b.Fields)
        for k, v in x.pairs
    }
    assert (
        en["Reasons"]
        == "Administrative licence expired\nTop management refuses to cooperate or is absent"
    )
    # A completed audit has no termination section.
    assert build_report_context(session, demo_audit.number, "zh").termination is None
