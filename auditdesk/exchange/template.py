"""The Excel templates AuditDesk hands out for importing clients and certificates.

Sheet 1 holds the header row only (so a filled-in template imports as it is); sheet 2
explains each column: Chinese and English header, whether required, an example value; a hidden
sheet 3 holds the lists behind the drop-downs.

The credit-code column is formatted as text (Excel would turn an 18-digit code into a number in
scientific notation and lose its last digits). Standards, certificate states and rule sets get a
drop-down (DataValidation): states and rule sets refuse anything else; a standard the built-in
library does not know only warns (an admin may have added it), the import checks it anyway.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditdesk.exchange.excel_import import COLUMNS, known_rule_sets

TEMPLATE_ROWS = 1000  # rows formatted and validated below the header
LISTS_SHEET = "lists"
# The certificate states as the import reads them (exchange.values.parse_status), per language.
STATE_WORDS = {
    "zh": ("有效", "暂停", "撤销", "过期", "注销"),
    "en": ("valid", "suspended", "withdrawn", "expired", "cancelled"),
}
_LIST_PROMPTS = {
    "standard": (
        "认证标准",
        "Standard",
        "请从列表中选择；其他标准须先由管理员加入标准库。",
        "Pick from the list; another standard must first be added to the library.",
    ),
    "status": ("证书状态", "Status", "只能从列表中选择。", "Pick a value from the list."),
    "rule_set": (
        "认证规则",
        "Rule set",
        "只能从列表中选择；留空则按标准和颁证日期取默认规则。",
        "Pick from the list; leave empty for the default of the standard and issue date.",
    ),
}

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
            for r in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row=r, column=i).number_format = "yyyy-mm-dd"
        elif col.kind == "credit_code":
            for r in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row=r, column=i).number_format = "@"  # text: never a number
    ws.freeze_panes = "A2"
    _drop_downs(wb, ws, columns, lang)
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


def list_values(lang: str = "zh") -> dict[str, tuple[str, ...]]:
    """The values of each drop-down: built-in standards, states, rule sets."""
    from auditdesk.services.standards_library import load_builtin_standards

    return {
        "standard": tuple(sorted(s.code for s in load_builtin_standards())),
        "status": STATE_WORDS["zh" if lang == "zh" else "en"],
        "rule_set": tuple(sorted(known_rule_sets().values())),
    }


def _drop_downs(wb: Any, ws: Any, columns: Any, lang: str) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wanted = {c.field: i for i, c in enumerate(columns, start=1) if c.field in _LIST_PROMPTS}
    if not wanted:
        return
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    zh = lang == "zh"
    for n, (fld, values) in enumerate(list_values(lang).items(), start=1):
        if fld not in wanted or not values:
            continue
        title_zh, title_en, hint_zh, hint_en = _LIST_PROMPTS[fld]
        letter = get_column_letter(n)
        lists.cell(row=1, column=n, value=f"{title_zh} / {title_en}")
        for r, v in enumerate(values, start=2):
            lists.cell(row=r, column=n, value=v)
        dv = DataValidation(
            type="list",
            formula1=f"={LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showDropDown=False,  # openpyxl's inverted flag: False shows the arrow
            showErrorMessage=True,
            errorStyle="warning" if fld == "standard" else "stop",
            errorTitle=title_zh if zh else title_en,
            error=hint_zh if zh else hint_en,
            showInputMessage=True,
            promptTitle=title_zh if zh else title_en,
            prompt=hint_zh if zh else hint_en,
        )
        col = get_column_letter(wanted[fld])
        dv.add(f"{col}2:{col}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(dv)
