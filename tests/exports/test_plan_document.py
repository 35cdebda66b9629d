"""The plan document (17021-1 9.2.3) and no impossible plan: fields printed, clashes flagged in
words in the export (which person, which two sessions), a feasible agenda for the sample."""

from __future__ import annotations

import datetime as dt

from docx import Document as read_docx

from auditdesk.exports import blocks as b
from auditdesk.exports.plan import build_plan_context, plan_document, render_plan
from auditdesk.model import AuditStatus, AuditType, CBSetting, TeamRole
from auditdesk.rules import plan_checks as pc
from auditdesk.services import plan_agenda, planning
from auditdesk.services.audits import AuditData, create_audit, find_audit
from tests.exports.conftest import needs_poppler, pdf_text


def _texts(doc: b.Document) -> str:
    out = []
    for x in doc.blocks:
        if isinstance(x, b.Fields):
            out += [f"{k}: {v}" for k, v in x.pairs]
        elif isinstance(x, b.Para):
            out.append(x.text)
        elif isinstance(x, b.Table):
            out += [" | ".join(r) for r in x.rows]
    return "\n".join(out)


def test_the_sample_agenda_is_possible_even_with_long_travel(session, demo_audit):
    audit = find_audit(session, demo_audit.number)
    session.add(CBSetting(key="plan_travel_minutes", value=300))
    session.flush()
    findings = plan_agenda.plan_checks(session, audit)
    assert findings.clashes == ()
    ctx = build_plan_context(session, demo_audit.number, "zh")
    # Each auditor is at one site per day; a member away from the central site joins remotely.
    per_day: dict[tuple[str, dt.date], set[str]] = {}
    for r in ctx.agenda:
        if r.item not in ("opening", "closing", "team_review"):
            per_day.setdefault((r.auditors[0], r.day), set()).add(r.site)
    assert per_day and all(len(v) == 1 for v in per_day.values())
    assert "未发现冲突" in _texts(plan_document(ctx))


def test_a_one_day_audit_at_two_sites_flags_travel_in_words(session, demo_audit):
    audit = find_audit(session, demo_audit.number)
    audit.end_date = audit.start_date
    session.add(CBSetting(key="plan_travel_pairs", value=[["总部及注塑车间", "装配分厂", 120]]))
    session.flush()
    ctx = build_plan_context(session, demo_audit.number, "zh")
    text = _texts(plan_document(ctx))
    assert ctx.impossible
    assert "刘芳在两个场所之间的路途时间不足" in text and "至少需要120分钟" in text
    assert "总部及注塑车间" in text and "装配分厂" in text


def test_a_person_on_two_audits_at_once_is_flagged_in_the_export(session, demo_audit):
    audit = find_audit(session, demo_audit.number)
    leader = next(m for m in audit.team if m.role is TeamRole.TEAM_LEADER)
    other = create_audit(  # planted directly: the planning service would refuse it
        session,
        AuditData(
            [c.id for c in audit.certificates],
            AuditType.SPECIAL,
            start_date=audit.end_date,
            end_date=audit.end_date,
            team=[(leader.auditor_id, TeamRole.TEAM_LEADER)],
        ),
    )
    for lang, words in (("zh", "张伟在同一时间被安排到两项审核"), ("en", "is on two audits")):
        ctx = build_plan_context(session, demo_audit.number, lang)
        text = _texts(plan_document(ctx))
        assert words in text and other.number in text, lang
    other.status = AuditStatus.CANCELLED
    session.flush()
    assert "两项审核" not in _texts(plan_document(build_plan_context(session, audit.number)))


def test_counted_days_leave_out_the_technical_expert(session, demo_audit):
    audit = find_audit(session, demo_audit.number)
    for m in audit.team:
        m.days = 1.5 if m.role in (TeamRole.TEAM_LEADER, TeamRole.AUDITOR) else 2.0
    session.flush()
    found = {f.code for f in plan_agenda.plan_checks(session, audit).days}
    assert "uncounted_days" in found and "team_below_planned" not in found  # 1.5 + 1.5 = 3
    assert pc.counted_days([(m.role.value, m.days) for m in audit.team]) == 3.0


def test_plan_document_fields_in_the_model_dialog_and_files(session, demo_audit, tmp_path):
    audit = find_audit(session, demo_audit.number)
    planning.change_plan(
        session,
        audit.id,
        reason="发布计划",
        document=planning.PlanDocument(
            plan_number="R0123010026",
            plan_issued_on=dt.date(2026, 2, 20),
            plan_approved_by="王建国",
            audit_language="zh+en",
            accompanying_persons="向导：质量部 周敏；翻译：无",
            client_confirmed_by="周敏",
            client_confirmed_on=dt.date(2026, 2, 22),
        ),
    )
    ctx = build_plan_context(session, audit.number, "zh")
    text = _texts(plan_document(ctx))
    for want in (
        "计划编号: R0123010026",
        "2026-02-20 / 王建国",
        "审核语言: 中文、英文",
        "保密要求: 审核组成员对审核中获得的受审核方信息承担保密义务",
        "向导：质量部 周敏",
        "周敏于2026-02-22确认",
        "审核组长 | 张伟",
    ):
        assert want in text, want
    render_plan(ctx, "docx", tmp_path / "plan.docx")
    doc = read_docx(str(tmp_path / "plan.docx"))
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "R0123010026" in cells and "周敏于2026-02-22确认" in cells
    en = _texts(plan_document(build_plan_context(session, audit.number, "en")))
    assert "Confirmed by 周敏 on 2026-02-22" in en and "Chinese, English" in en


@needs_poppler
def test_plan_pdf_prints_the_document_fields_and_the_checks(session, demo_audit, tmp_path):
    audit = find_audit(session, demo_audit.number)
    audit.plan_number = "R0123010026"
    session.flush()
    render_plan(build_plan_context(session, audit.number, "zh"), "pdf", tmp_path / "plan.pdf")
    text = pdf_text(tmp_path / "plan.pdf")
    assert "R0123010026" in text and "计划核查" in text and "受审核方尚未确认本计划" in text


def test_planned_days_against_md5_and_the_team_are_flagged_in_the_export(session, demo_audit):
    """No impossible plan (17.3): days planned below MD5 and a team that does not add up to
    the planned days are printed in the plan's checks, in words, in both languages."""
    audit = find_audit(session, demo_audit.number)
    audit.planned_days, audit.md5_days = 2.0, 3.0  # the team still counts 1.5 + 1.5 = 3
    session.flush()
    words = {
        "zh": ("计划人日2低于 IAF MD5 人日3", "审核组计入的人日3多于计划人日2"),
        "en": ("Planned days 2 are below the IAF MD5 figure 3", "are more than the planned 2"),
    }
    for lang, (md5, team) in words.items():
        text = _texts(plan_document(build_plan_context(session, demo_audit.number, lang)))
        assert md5 in text and team in text, (lang, text[-600:])
    audit.planned_days = 3.0
    session.flush()
    text = _texts(plan_document(build_plan_context(session, demo_audit.number, "zh")))
    assert "低于 IAF MD5 人日" not in text and "多于计划人日" not in text
