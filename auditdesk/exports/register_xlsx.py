"""A register view as an Excel workbook (issue 20, point 9): what the user sees in the Clients,
Certificates, Audits or NC register, with its search and filters, one row per record.

The screen formats the cells (codes in the user's language); this module writes them: dates as
Excel dates, numbers as numbers, everything else as text (a credit code or certificate number
stays text, a cell that looks like a formula is never evaluated), a bold frozen header with
filters, and a second sheet saying what was exported: register, search, filters, when, who.
Written through :func:`auditdesk.exports.files.write_atomically`: a failed export leaves no
half-written file and an earlier one untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from auditdesk.exports.files import spreadsheet_value, write_atomically

MAX_WIDTH = 60


def write_register(
    target: Path,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    about: Sequence[tuple[str, str]] = (),
) -> int:
    """Write the workbook to ``target``; returns how many record rows it holds."""
    count = 0

    def write(fh: BinaryIO) -> None:
        nonlocal count
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title[:31] or "Register")
        widths = [min(MAX_WIDTH, max(8, _width(h) + 2)) for h in headers]
        body: list[list[Any]] = []
        for row in rows:
            body.append(list(row))
            for i, value in enumerate(row[: len(widths)]):
                widths[i] = min(MAX_WIDTH, max(widths[i], _width(_shown(value)) + 2))
        for i, w in enumerate(widths):
            ws.column_dimensions[_column_letter(i)].width = w
        ws.freeze_panes = "A2"
        if headers:
            ws.auto_filter.ref = f"A1:{_column_letter(len(headers) - 1)}{len(body) + 1}"
        bold = Font(bold=True)
        head = []
        for h in headers:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = bold
            head.append(cell)
        ws.append(head)
        for values in body:
            ws.append([_cell(ws, v) for v in values])
            count += 1
        if about:
            info = wb.create_sheet("About")
            info.column_dimensions["A"].width = 18
            info.column_dimensions["B"].width = 60
            for key, value in about:
                info.append([spreadsheet_value(info, key), spreadsheet_value(info, value)])
        wb.save(fh)

    write_atomically(Path(target), write)
    return count


def _cell(ws: Any, value: Any) -> Any:
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(ws, value=value.replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        return value
    text = WriteOnlyCell(ws, value=str(value))
    text.data_type = "s"  # a credit code or number stays text; a formula is never evaluated
    if str(value).startswith(("=", "+", "-", "@")):
        text.quotePrefix = True
    return text


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()[:16]
    return "" if value is None else str(value)


def _width(text: str) -> int:
    """Columns a text needs: a CJK character is two columns wide."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _column_letter(index: int) -> str:
    return str(get_column_letter(index + 1))
