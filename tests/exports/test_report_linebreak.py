"""Chinese line-breaking in the PDF: no line starts with a closing mark or ends with an opening
one, and dates and NC numbers are never split, in the flagship demo report as pdftotext reads it."""

from __future__ import annotations

import re

import pytest

from auditdesk.exports.pdf_base import CANNOT_END, CANNOT_START, break_lines, register_fonts
from tests.exports.conftest import needs_poppler, pdf_text

CLOSING = "。，、；：？！）」』】》"
OPENING = "（「『【《"
TOKENS = re.compile(r"\d{4}-\d{2}-\d{2}|NC-\d{4}-\d{4}-\d{2}")


def segments(layout: str) -> list[str]:
    """pdftotext -layout puts table columns side by side: each run of text between wide gaps
    is one line of one cell."""
    return [s for line in layout.splitlines() for s in re.split(r"\s{2,}", line.strip()) if s]


@needs_poppler
def test_flagship_zh_pdf_obeys_chinese_line_breaking(session, tmp_path):
    from auditdesk.exports.report_context import build_report_context
    from auditdesk.exports.report_document import render_report
    from auditdesk.services.demo import build_demo

    summary = build_demo(session)
    out = tmp_path / "flagship-zh.pdf"
    render_report(build_report_context(session, summary.flagship_audit, "zh"), "pdf", out)
    parts = segments(pdf_text(out))
    assert len(parts) > 300
    starts = [s for s in parts if s[0] in CLOSING]
    ends = [s for s in parts if s[-1] in OPENING]
    assert starts == [] and ends == []
    # every NC number and date printed whole: none ends a segment as a prefix of one
    broken = [
        s for s in parts if re.search(r"(NC-\d{4}-\d{0,3}|NC-\d{4}-\d{4}-\d?|\d{4}-\d{2}-)$", s)
    ]
    assert broken == []


@pytest.mark.parametrize("width", [60, 90, 120, 150, 200, 260])
def test_break_lines_keeps_tokens_and_punctuation(width):
    from auditdesk.exports.pdf_base import CJK

    register_fonts()
    text = (
        "严重不符合 NC-2026-0007-01 于 2026-07-24 验证，客户投诉（8D-2026-004）；"
        "《质量手册》A/2 版，不良率升至 3.2%。「记录」已保存：是！"
    ) * 3
    lines = break_lines(text, CJK, 9, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert line[0] not in CANNOT_START and line[-1] not in CANNOT_END, lines
    joined = "\n".join(lines)
    assert len(TOKENS.findall(joined)) == len(TOKENS.findall(text))
