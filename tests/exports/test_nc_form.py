"""Issue 17.3, the NC form: the real issuer, the department audited, the CB's acceptance of the
response (who, when), the verification method, 举一反三, and no table row cut across a page."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile

from auditdesk.exports import blocks as b
from auditdesk.exports.nc_form import build_nc_form_context, nc_form_document, render_nc_form
from auditdesk.model import Auditor, AuditorGrade, User, VerificationMethod
from auditdesk.services import evidence as ev
from auditdesk.services import nonconformities as ncs
from auditdesk.services.nonconformities import find_nc
from tests.exports.conftest import needs_poppler


def _fields(doc) -> dict[str, str]:
    return dict(p for x in doc.blocks if isinstance(x, b.Fields) for p in x.pairs)


def test_issuer_and_department_are_real(session, demo_audit):
    nc = find_nc(session, demo_audit.nc_numbers[0])
    auditor = Auditor(name_zh="刘芳审", name_en="Liu", grade=AuditorGrade.AUDITOR, schemes=["QMS"])
    session.add(auditor)
    session.flush()
    session.add(User(username="liufang", display_name="Liu Fang", auditor_id=auditor.id))
    nc.raised_by = "liufang"
    session.flush()
    ctx = build_nc_form_context(session, nc.number, "zh")
    assert ctx.raised_by == "刘芳审"  # the auditor's name, not the user name
    depts = {e.department for e in nc.evidence}
    assert set(ctx.department.split("、")) == depts  # from its evidence when not stated
    nc.department = "品质部"
    fields = _fields(nc_form_document(build_nc_form_context(session, nc.number, "zh")))
    assert fields["受审核部门"] == "品质部"
    signers = next(x for x in nc_form_document(ctx).blocks if isinstance(x, b.Signatures))
    assert ("开具人", "刘芳审") in signers.parties


def test_acceptance_verification_and_similar_check(session, demo_audit):
    nc = find_nc(session, demo_audit.nc_numbers[1])
    doc = nc_form_document(build_nc_form_context(session, nc.number, "zh"))
    fields = _fields(doc)
    assert fields["确认人"] == "" and fields["确认日期"] == ""
    assert fields["验证方式"] == "□ 书面验证  □ 现场跟踪验证  □ 下次审核时验证"
    assert "举一反三（同类问题排查）" in [x.label for x in doc.blocks if isinstance(x, b.Box)]
    ncs.record_response(
        session,
        nc.id,
        ncs.NCResponse(
            correction="补做供方评价。",
            root_cause="供方评价准则未覆盖外包热处理过程。",
            corrective_action="修订《供方管理程序》，增加外包过程评价。",
            owners="采购部 王强",
            planned_date=dt.date(2026, 3, 20),
            received_on=dt.date(2026, 3, 10),
            similar_check="排查其余 12 家外包供方，另发现 1 家未评价，已补做。",
        ),
    )
    ncs.accept_response(session, nc.id, "措施可行")
    ncs.verify_nc(
        session,
        nc.id,
        ncs.Verification(
            VerificationMethod.DOCUMENT_REVIEW,
            "抽查修订后的程序和评价记录，有效。",
            dt.date(2026, 3, 25),
        ),
    )
    session.refresh(nc)
    accepted = next(t for t in nc.transitions if t.action == "accept")
    ctx = build_nc_form_context(session, nc.number, "zh")
    fields = _fields(nc_form_document(ctx))
    assert accepted.by_user == "system"  # the test session acts as AuditDesk itself
    assert fields["确认人"] == "未记录"  # not "AuditDesk": that is nobody's acceptance
    assert fields["确认日期"] == ctx.accepted_on.isoformat() and ctx.accepted_on is not None
    assert fields["验证方式"] == "书面验证"
    assert fields["举一反三（同类问题排查）"].startswith("排查其余 12 家外包供方")
    assert fields["收到回复日期"] == "2026-03-10"
    en = _fields(nc_form_document(build_nc_form_context(session, nc.number, "en")))
    assert en["Verification method"] == "Document review"


def _long_nc(session, demo_audit):
    """An NC resting on 14 long evidence items: its evidence table runs over several pages."""
    nc = find_nc(session, demo_audit.nc_numbers[2])
    items = ev.list_evidence(session, demo_audit.audit_id)[:14]
    for i, item in enumerate(items):
        body = "抽查记录，核对签字、日期、批号与检验结果，询问操作人员并观察现场作业。" * 9
        item.description = f"起{i:02d}{body}止{i:02d}"
    nc.evidence = list(items)
    session.flush()
    return nc


@needs_poppler
def test_no_evidence_row_is_cut_across_a_page_in_the_pdf(session, demo_audit, tmp_path):
    nc = _long_nc(session, demo_audit)
    out = tmp_path / "nc.pdf"
    render_nc_form(build_nc_form_context(session, nc.number, "zh"), "pdf", out, invariant=True)
    pages = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    assert len([p for p in pages if p.strip()]) >= 3
    page_of = {}
    for n, text in enumerate(pages):
        flat = re.sub(r"\s+", "", text)
        for mark in re.findall(r"[起止]\d\d", flat):
            page_of.setdefault(mark, set()).add(n)
    for i in range(14):
        start, end = page_of.get(f"起{i:02d}"), page_of.get(f"止{i:02d}")
        assert start and start == end, f"evidence row {i} is cut: pages {start} and {end}"


def test_every_word_row_of_the_nc_form_cannot_split(session, demo_audit, tmp_path):
    nc = _long_nc(session, demo_audit)
    out = tmp_path / "nc.docx"
    render_nc_form(build_nc_form_context(session, nc.number, "zh"), "docx", out, invariant=True)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", xml, flags=re.S)
    assert len(rows) > 20
    body_rows = [r for r in rows if "w:tblHeader" not in r]
    cut = [re.sub(r"<[^>]+>", "", r)[:60] for r in body_rows if "<w:cantSplit/>" not in r]
    assert cut == []


def test_acceptance_names_the_person_who_accepted(session, demo_audit):
    from auditdesk.services.users import Role, create_user

    nc = find_nc(session, demo_audit.nc_numbers[3])
    ncs.record_response(
        session,
        nc.id,
        ncs.NCResponse("更正记录。", "培训不足。", "补充培训。", "品质部", dt.date(2026, 3, 30)),
    )
    create_user(session, "zhangwei", "Zhang-Wei-2026!pw", Role.LEAD, display_name="张伟")
    session.flush()
    session.info["user"] = "zhangwei"
    try:
        ncs.accept_response(session, nc.id)
    finally:
        session.info.pop("user", None)
    fields = _fields(nc_form_document(build_nc_form_context(session, nc.number, "zh")))
    assert fields["确认人"] == "张伟"
