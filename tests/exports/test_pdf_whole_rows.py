"""A table row of the PDF is read whole (issue 17, point 3: "no row split across a page"):
blocks that ask for whole rows reach ReportLab as tables that never cut a row, and a row taller
than any page is still cut rather than pushed off forever."""

from __future__ import annotations

from reportlab.platypus import LongTable

from auditdesk.exports import blocks as b
from auditdesk.exports import pdf_base as pb
from auditdesk.exports.pdf_render import _flowables

LONG = "整改措施：对全部计量器具重新编制台账并按期送检，" * 6


def _tables(keep_rows: bool) -> list[LongTable]:
    doc = b.Document(
        kind="nc_form",
        lang="zh",
        title="不符合项报告",
        header_left="",
        header_right="",
        blocks=(
            b.Table(
                ("编号", "不符合描述"), (("NC-2026-0007-01", LONG),), (1, 4), keep_rows=keep_rows
            ),
            b.Fields((("举一反三", LONG),), keep_rows=keep_rows),
        ),
    )
    return [f for f in _flowables(doc) if isinstance(f, LongTable)]


def test_blocks_asking_for_whole_rows_get_tables_that_never_cut_a_row():
    whole = _tables(keep_rows=True)
    assert len(whole) == 2 and all(t.splitInRow == 0 for t in whole)
    assert all(t.splitInRow == 1 for t in _tables(keep_rows=False))


def test_a_page_break_moves_a_row_whole():
    rows = 6
    table = pb.grid_table(
        ["编号", "不符合描述"],
        [[f"NC-2026-0007-{i:02d}", LONG] for i in range(rows)],
        (1, 4),
        split_in_row=False,
    )
    table.wrap(pb.CONTENT_W, 100_000)
    head, row = table._rowHeights[0], table._rowHeights[1]
    parts = table.split(pb.CONTENT_W, head + row * 3.5)  # the page ends inside the 4th row
    assert [len(p._cellvalues) - 1 for p in parts] == [3, 3]  # header repeated, no piece


def test_a_row_taller_than_a_page_is_still_cut_rather_than_lost():
    table = pb.grid_table(["编号", "描述"], [["NC-1", LONG * 40]], (1, 4), split_in_row=False)
    assert table.splitInRow == 1
