"""Issue 17.3: the 17021-1 9.4.8 items of the report, each read from the audit's own records, and
"未记录" where the records hold nothing (never a default that reads like a finding)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from auditdesk.exports import blocks as b
from auditdesk.exports.report_context import build_report_context
from auditdesk.exports.report_document import render_report, report_document
from auditdesk.model import (
    Audit,
    AuditType,
    Clause,
    Judgement,
    Licence,
    NCGrade,
    PersonnelRecord,
    Site,
)
from auditdesk.services import evidence as ev
from auditdesk.services import nonconformities as ncs
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.clients import add_site
from auditdesk.services.report_issue import set_team_judgements
from tests.exports.conftest import needs_poppler, pdf_text


def _fields(doc) -> dict[str, str]:
    return dict(p for x in doc.blocks if isinstance(x, b.Fields) for p in x.pairs)


def _doc(session, demo_audit, lang="zh"):
    return report_document(build_report_context(session, demo_audit.number, lang))


def test_dates_and_activities_per_site_come_from_the_evidence(session, demo_audit):
    ctx = build_report_context(session, demo_audit.number, "zh")
    rows = {s.site: s for s in ctx.contents.site_activities}
    central, branch = rows["总部及注塑车间"], rows["装配分厂"]
    assert central.planned_date == dt.date(2026, 3, 2) and branch.planned_date == dt.date(
        2026, 3, 3
    )
    items = ev.list_evidence(session, demo_audit.audit_id)
    assert central.evidence_count + branch.evidence_count == len(items) == 42
    assert branch.evidence_count == len(
        [i for i in items if i.site_id and session.get(Site, i.site_id).name == "装配分厂"]
    )
    assert central.audited_dates == (dt.date(2026, 3, 2),)  # 09:00 + 17 min × 41, China time
    assert "生产部" in central.departments and "7.1.5" in central.clauses


def test_days_planned_and_done_with_the_reason_for_a_difference(session, demo_audit):
    fields = _fields(_doc(session, demo_audit))
    assert fields["计划与实际的差异"] == "无差异"
    assert fields["审核组成员人日合计"] == "3"  # 1.5 + 1.5; the expert has no days
    audit = session.get(Audit, demo_audit.audit_id)
    audit.actual_days = 2.5
    session.flush()
    fields = _fields(_doc(session, demo_audit))
    assert fields["计划与实际的差异"] == "相差 -0.5 人日"
    assert fields["差异原因"] == "未记录"  # a difference without a reason is said so
    set_team_judgements(
        session,
        audit.id,
        statements={"days_difference": "装配分厂停产半天，经认证机构批准减少 0.5 人日。"},
    )
    fields = _fields(_doc(session, demo_audit))
    assert fields["差异原因"].startswith("装配分厂停产半天")
    audit.md5_days = audit.planned_days = None
    session.flush()
    fields = _fields(_doc(session, demo_audit))
    assert fields["IAF MD5 核定人日"] == "未记录" and fields["计划与实际的差异"] == "未记录"


def test_experts_observers_guides_interpreters(session, demo_audit):
    fields = _fields(_doc(session, demo_audit))
    assert fields["技术专家"] == "陈刚"  # the team's tech_expert
    assert fields["观察员"] == "无（审核组中无此角色）"
    assert fields["向导"] == "未记录" and fields["翻译"] == "未记录"
    set_team_judgements(session, demo_audit.audit_id, statements={"guides": "李敏（品质部）"})
    assert _fields(_doc(session, demo_audit))["向导"] == "李敏（品质部）"


def test_exclusions_and_areas_not_covered_follow_the_judgements(session, demo_audit):
    audit = session.get(Audit, demo_audit.audit_id)
    fields = _fields(_doc(session, demo_audit))
    assert fields["删减（不适用条款）及理由"] == "无不适用条款"
    assert fields["本次未覆盖的场所"] == "无"
    assert fields["专业代码"].startswith("CN-QMS-2025-0088：")
    std = audit.certificates[0].standard_id
    clause = {c.number: c for c in session.scalars(select(Clause).where(Clause.standard_id == std))}
    ev.set_judgement(session, audit.id, clause["8.3"].id, Judgement.NOT_APPLICABLE)
    ev.set_judgement(session, audit.id, clause["7.1.6"].id, Judgement.NOT_AUDITED)
    add_site(session, audit.organisation_id, "常熟仓库", "江苏省常熟市虞山镇 1 号")
    fields = _fields(_doc(session, demo_audit))
    assert fields["删减（不适用条款）及理由"] == "8.3：理由未记录"
    assert fields["本次未审核的条款"] == "7.1.6"
    assert fields["本次未覆盖的场所"] == "常熟仓库"
    ev.set_judgement(
        session,
        audit.id,
        clause["8.3"].id,
        Judgement.NOT_APPLICABLE,
        note="产品按客户图纸生产，无设计开发",
    )
    fields = _fields(_doc(session, demo_audit))
    assert fields["删减（不适用条款）及理由"] == "8.3：产品按客户图纸生产，无设计开发"


def test_changes_are_the_evidence_the_auditor_marked(session, demo_audit):
    doc = _doc(session, demo_audit)
    assert any(isinstance(x, b.Para) and x.text == "无证据被标记为变更" for x in doc.blocks)
    items = ev.list_evidence(session, demo_audit.audit_id)
    ev.update_evidence(session, items[3].id, {"significant_change": True})
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert [c.seq for c in ctx.contents.changes] == [items[3].seq]
    table = next(
        x
        for x in report_document(ctx).blocks
        if isinstance(x, b.Table) and x.rows[0][0] == f"E{items[3].seq}"
    )
    assert table.rows[0][3] == items[3].description


def test_stage1_issues_only_for_a_stage2_audit(session, demo_audit):
    doc = _doc(session, demo_audit)
    assert any(
        isinstance(x, b.Para) and x.text == "不适用（本次不是第二阶段审核）" for x in doc.blocks
    )
    audit = session.get(Audit, demo_audit.audit_id)
    audit.audit_type = AuditType.STAGE2
    session.flush()
    doc = _doc(session, demo_audit)
    assert any(isinstance(x, b.Para) and x.text.startswith("未记录") for x in doc.blocks)
    s1 = create_audit(
        session,
        AuditData(
            certificate_ids=[c.id for c in audit.certificates],
            audit_type=AuditType.STAGE1,
            start_date=dt.date(2026, 1, 12),
            end_date=dt.date(2026, 1, 12),
            number="2026-0002",
        ),
    )
    clause = session.scalar(
        select(Clause).where(
            Clause.standard_id == audit.certificates[0].standard_id, Clause.number == "9.2"
        )
    )
    item = ev.add_evidence(
        session,
        s1.id,
        ev.EvidenceData(clause_ids=[clause.id], description="查阅内审计划，首次内审安排在 2 月。"),
    )
    nc = ncs.raise_nc(
        session,
        ncs.NCDraft(
            audit_id=s1.id,
            clause_id=clause.id,
            grade=NCGrade.MINOR,
            requirement="GB/T 19001-2016 9.2 要求按策划的时间间隔进行内部审核。",
            evidence_text="第一阶段时尚未完成首次内审。",
            reason="内审未实施。",
            evidence_ids=[item.id],
        ),
    )
    ctx = build_report_context(session, demo_audit.number, "zh")
    assert ctx.contents.stage1.audit_number == "2026-0002"
    assert ctx.contents.stage1.issues == ((nc.number, "minor", "9.2", "draft"),)


def test_reverification_at_recertification(session, demo_audit):
    audit = session.get(Audit, demo_audit.audit_id)
    assert build_report_context(session, demo_audit.number, "zh").contents.reverification is None
    audit.audit_type = AuditType.RECERTIFICATION
    session.add_all(
        [
            PersonnelRecord(
                organisation_id=audit.organisation_id, effective_from=dt.date(2023, 3, 1), count=150
            ),
            PersonnelRecord(
                organisation_id=audit.organisation_id, effective_from=dt.date(2026, 1, 1), count=180
            ),
            Licence(
                organisation_id=audit.organisation_id,
                kind="排污许可证",
                number="91320506MA1N2Q3R4N001V",
                issuer="苏州市生态环境局",
                expiry=dt.date(2026, 2, 28),
            ),
        ]
    )
    session.flush()
    session.refresh(audit.organisation)
    ctx = build_report_context(session, demo_audit.number, "zh")
    rv = ctx.contents.reverification
    assert rv.credit_code == "91320506MA1N2Q3R4N" and rv.personnel_now == 180
    assert rv.personnel_history[0] == (dt.date(2023, 3, 1), 150, "")
    assert (dt.date(2026, 1, 1), 180, "") in rv.personnel_history
    assert rv.licences[0].valid is False  # expired before the audit's last day
    doc = report_document(ctx)
    table = next(x for x in doc.blocks if isinstance(x, b.Table) and x.rows[0][0] == "排污许可证")
    assert table.rows[0][4] == "审核末日已过期"
    assert _fields(doc)["审核组的再确认说明"] == "未记录"


def test_certificate_data_with_issue_and_expiry(session, demo_audit):
    doc = _doc(session, demo_audit)
    table = next(
        x
        for x in doc.blocks
        if isinstance(x, b.Table) and x.rows and x.rows[0][0] == "CN-QMS-2025-0088"
    )
    number, _std, _scope, _codes, issued, expiry, status = table.rows[0]
    assert issued == "2025-03-15" and expiry == "2028-03-14" and status == "有效"


@needs_poppler
def test_the_items_are_in_the_pdf_in_chinese_and_english(session, demo_audit, tmp_path):
    items = ev.list_evidence(session, demo_audit.audit_id)
    ev.update_evidence(session, items[0].id, {"significant_change": True})
    for lang, words in (
        (
            "zh",
            (
                "各场所审核日期与活动",
                "审核人日（IAF MD5）",
                "技术专家",
                "无差异",
                "审核员标记为变更的证据",
                "投诉",
            ),
        ),
        (
            "en",
            (
                "Audit dates and activities per site",
                "Technical experts",
                "no difference",
                "Complaints",
            ),
        ),
    ):
        out = tmp_path / f"r-{lang}.pdf"
        render_report(
            build_report_context(session, demo_audit.number, lang), "pdf", out, invariant=True
        )
        text = pdf_text(out)
        for w in words:
            assert w in text, (lang, w)
