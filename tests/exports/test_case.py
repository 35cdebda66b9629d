"""Issue 17.8: the good-audit-case draft has a title, an author, the case type from seed 000's
list, and a "主要过程" built from the audit's own timeline; the CLI offers only Word."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document as read_docx

from auditdesk.cli import main
from auditdesk.exports import blocks as b
from auditdesk.exports.case import CASE_TYPES, build_case_context, case_document, render_case
from auditdesk.services import nonconformities as ncs
from auditdesk.services.nonconformities import find_nc


def _fields(doc) -> dict[str, str]:
    return dict(p for x in doc.blocks if isinstance(x, b.Fields) for p in x.pairs)


def test_title_author_and_case_type(session, demo_audit):
    ctx = build_case_context(session, demo_audit.number, "zh")
    fields = _fields(case_document(ctx))
    assert fields["案例标题"] == "苏州精达塑胶制品有限公司 ISO 9001:2015 第一次监督审核案例"
    assert fields["编写人"] == "张伟"  # the team leader by default
    ticks = fields["案例类型"].split("\n")
    assert ticks[0] == "□ 集团性或行业性案例" and len(ticks) == len(CASE_TYPES) == 8
    ctx = build_case_context(
        session,
        demo_audit.number,
        "zh",
        title="注塑件计量器具管理的审核",
        author="刘芳",
        case_type="process",
    )
    fields = _fields(case_document(ctx))
    assert (fields["案例标题"], fields["编写人"], fields["案例类型"]) == (
        "注塑件计量器具管理的审核",
        "刘芳",
        "过程性案例",
    )
    with pytest.raises(ValueError, match="case type"):
        build_case_context(session, demo_audit.number, "zh", case_type="best")


def test_the_course_of_the_audit_is_its_own_timeline(session, demo_audit):
    from sqlalchemy import select

    from auditdesk.model import Attachment

    opening = session.scalar(select(Attachment).where(Attachment.check_in.is_not(None)))
    opening.captured_at = dt.datetime(2026, 3, 2, 0, 30, tzinfo=dt.UTC)  # 08:30 China time
    nc = find_nc(session, demo_audit.nc_numbers[1])
    ncs.record_response(
        session,
        nc.id,
        ncs.NCResponse(
            "补做评价。",
            "准则不全。",
            "修订程序。",
            "采购部",
            dt.date(2026, 3, 20),
            received_on=dt.date(2026, 3, 12),
        ),
    )
    ctx = build_case_context(session, demo_audit.number, "zh")
    kinds = [s.kind for s in ctx.timeline]
    assert kinds[0] == "opening"  # the check-in photo's time
    site_days = [s for s in ctx.timeline if s.kind == "site_day"]
    assert sum(int(dict(s.values)["count"]) for s in site_days) == demo_audit.evidence_count
    assert [s for s in ctx.timeline if s.kind == "nc"] and kinds.index("nc") > kinds.index(
        "site_day"
    )
    assert kinds[-1] == "response" and ctx.timeline[-1].at == dt.date(2026, 3, 12)
    times = [
        s.at if isinstance(s.at, dt.datetime) else dt.datetime.combine(s.at, dt.time(23, 59))
        for s in ctx.timeline
    ]
    assert times == sorted(times)
    table = next(
        x
        for x in case_document(ctx).blocks
        if isinstance(x, b.Table) and x.header[1].startswith("审核过程")
    )
    assert table.rows[0][0] == "2026-03-02 " + ctx.timeline[0].at.strftime("%H:%M")
    assert any(r[1] == f"收到受审核方对 {nc.number} 的整改回复" for r in table.rows)
    assert any("总部及注塑车间" in r[1] and "条款" in r[1] for r in table.rows)


def test_the_word_draft_carries_them(session, demo_audit, tmp_path):
    out = tmp_path / "case.docx"
    render_case(build_case_context(session, demo_audit.number, "en"), "docx", out)
    body = "".join(read_docx(str(out)).element.body.itertext())
    for words in ("Case title", "Author", "Zhang Wei", "Case type", "Opening meeting"):
        assert words in body


def test_export_case_offers_only_word(capsys):
    with pytest.raises(SystemExit):
        main(["export", "case", "--help"])
    out = capsys.readouterr().out
    assert "--format {docx}" in out and "pdf" not in out
    assert "--case-type" in out and "process_approach" in out


def test_export_case_refuses_pdf_as_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "export",
                "case",
                "--audit",
                "2026-0031",
                "--format",
                "pdf",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
    assert exc.value.code == 2
    assert "--format" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
