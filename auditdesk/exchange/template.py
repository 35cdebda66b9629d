"""The Excel templates AuditDesk hands out for importing clients and certificates.

Sheet 1 holds the header row only (so a filled-in template imports as it is); sheet 2
explains each column: Chinese and English header, whether required, an example value.
"""

from __future__ import annotations

from pathlib import Path

from auditdesk.exchange.excel_import import COLUMNS

_NOTES_HEADERS = {
    "zh": ("列名", "English header", "必填", "示例", "说明"),
    "en": ("Header (zh)", "English header", "Required", "Example", "Notes"),
}
_KIND_NOTES = {
    "date": "日期: 2026-03-15 / 2026/3/15 / 2026年3月15日 / Excel 日期",
    "count": "整数 / whole number",
    "codes": "多个代码用逗号分隔 / comma-separated codes like 19.05.01",
    "status": "有效/暂停/撤销/过期/注销 or valid/suspended/withdrawn/expired/cancelled",
    "credit_code": "18 位, 校验位会被检查 / 18 characters, check character verified",
}


def write_template(kind: str, out: Path | str, lang: str = "zh") -> Path:
    """Write the import template for ``kind`` ('certificates' or 'clients')."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    columns = COLUMNS[kind]
    wb = Workbook()
    ws = wb.active
    ws.title = {"certificates": "证书 Certificates", "clients": "客户 Clients"}[kind][:31]
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=col.zh if lang == "zh" else col.en)
        cell.font = bold
        if col.required:
            cell.fill = required_fill
        letter = cell.column_letter
        ws.column_dimensions[letter].width = max(14, len(col.en) + 4)
        if col.kind == "date":
            for r in range(2, 1002):
                ws.cell(row=r, column=i).number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("说明 Notes")
    for i, h in enumerate(_NOTES_HEADERS["zh" if lang == "zh" else "en"], start=1):
        notes.cell(row=1, column=i, value=h).font = bold
    for r, col in enumerate(columns, start=2):
        notes.cell(row=r, column=1, value=col.zh)
        notes.cell(row=r, column=2, value=col.en)
        notes.cell(row=r, column=3, value="✔" if col.required else "")
        notes.cell(row=r, column=4, value=col.example)
        notes.cell(row=r, column=5, value=_KIND_NOTES.get(col.kind, ""))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
