"""The monthly upload workbook for CNCA's 认证认可业务信息统一上报平台 (DOMAIN.md §10).

Four sheets with fixed names, headers and column order, read from
``resources/cnca/upload_layout.json`` (one versioned file an admin corrects; nothing about the
layout is in this code). For a month:

1. :func:`build_month` takes the records of the month (services.cnca_reporting.select_month:
   plans, certificates new/changed/suspended/withdrawn/cancelled/restored, audit results, EnMS
   energy performance) and makes one row per sheet row, each cell from its column's ``field``;
2. :func:`validate` checks every cell against its column (required, length, format, code
   table, 证件号码 checksum) and the sheets against each other (a result needs its certificate
   on the certificate sheet or reported before; energy rows only for EnMS certificates; an EnMS
   certificate needs its energy rows). Each :class:`Issue` names sheet, row, column and a code;
   the UI and CLI turn the code into words;
3. :func:`write_workbook` writes the workbook (openpyxl write-only): cells trimmed of
   leading/trailing and invisible characters, letters of codes upper-case and without spaces,
   dates in the layout's format, formula-looking text stored as text (quote prefix).

:func:`export_month` does all three and refuses to write when there is any issue, unless
``write_anyway``; a written file is recorded (what was reported when).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.orm import Session

from auditdesk.model import Audit, AuditTeamMember, Certificate, NCGrade, TeamRole
from auditdesk.paths import resource
from auditdesk.rules import id_documents
from auditdesk.rules.settings import CBSettings
from auditdesk.services import cnca_reporting as rep
from auditdesk.services.errors import ValidationFailed

FORMATS = {"text", "code", "code_list", "date", "number", "integer"}
# Zero-width and other invisible characters the platform rejects (trimmed everywhere).
_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202f\u205f-\u206f\ufeff\u00ad]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Issue codes
REQUIRED = "required"
TOO_LONG = "too_long"
BAD_FORMAT = "bad_format"
BAD_PATTERN = "bad_pattern"
BAD_CODE = "bad_code"
LOWER_CASE = "lower_case"
HAS_SPACES = "has_spaces"
PLAN_NUMBER_UNSET = "plan_number_unset"
RESULT_WITHOUT_CERTIFICATE = "result_without_certificate"
RESULT_CERTIFICATE_NOT_REPORTED = "result_certificate_not_reported"
ENERGY_NOT_ENMS = "energy_not_enms"
ENMS_WITHOUT_ENERGY = "enms_without_energy"
# id document problems come as "id." codes of rules.id_documents


class LayoutError(ValueError):
    """The layout file is not usable (the admin's correction broke it)."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool = False
    max_length: int | None = None
    format: str = "text"
    pattern: str | None = None
    code_table: str | None = None
    multiple: bool = False
    check: str | None = None
    required_when: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    confirmed: bool = False
    note: str = ""


@dataclass(frozen=True)
class SheetLayout:
    key: str
    name: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Layout:
    version: str
    sheets: tuple[SheetLayout, ...]
    code_tables: dict[str, dict[str, Any]]
    date_format: str
    list_separator: str
    sources: tuple[dict[str, str], ...]

    def sheet(self, key: str) -> SheetLayout:
        for s in self.sheets:
            if s.key == key:
                return s
        raise LayoutError(f"layout has no sheet '{key}'")

    def code_name(self, table: str, code: str, lang: str = "zh") -> str:
        names = self.code_tables.get(table, {}).get("names", {})
        pair = names.get(code)
        if not pair:
            return code
        return str(pair[0] if lang.startswith("zh") else pair[-1])

    def unconfirmed(self) -> list[tuple[str, str]]:
        return [(s.name, c.header) for s in self.sheets for c in s.columns if not c.confirmed]


def default_layout_path() -> Path:
    return resource("cnca", "upload_layout.json")


def load_layout(path: Path | str | None = None) -> Layout:
    path = Path(path) if path is not None else default_layout_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise LayoutError(f"{path}: {exc}") from exc
    try:
        tables = dict(data.get("code_tables", {}))
        sheets = []
        for s in data["sheets"]:
            cols = []
            for c in s["columns"]:
                col = Column(
                    header=str(c["header"]),
                    field=str(c["field"]),
                    required=bool(c.get("required", False)),
                    max_length=c.get("max_length"),
                    format=str(c.get("format", "text")),
                    pattern=c.get("pattern"),
                    code_table=c.get("code_table"),
                    multiple=bool(c.get("multiple", False)),
                    check=c.get("check"),
                    required_when=dict(c.get("required_when", {})),
                    confirmed=bool(c.get("confirmed", False)),
                    note=str(c.get("note", "")),
                )
                if col.format not in FORMATS:
                    raise LayoutError(f"{s['name']}/{col.header}: unknown format '{col.format}'")
                if col.code_table is not None and col.code_table not in tables:
                    raise LayoutError(f"{s['name']}/{col.header}: no code table '{col.code_table}'")
                if col.field not in FIELDS:
                    raise LayoutError(f"{s['name']}/{col.header}: unknown field '{col.field}'")
                if col.pattern is not None:
                    re.compile(col.pattern)
                cols.append(col)
            headers = [c.header for c in cols]
            if len(set(headers)) != len(headers):
                raise LayoutError(f"{s['name']}: a header appears twice")
            sheets.append(SheetLayout(str(s["key"]), str(s["name"]), tuple(cols)))
        if sorted(s.key for s in sheets) != sorted(rep.SHEETS):
            raise LayoutError(f"layout must have the sheets {', '.join(rep.SHEETS)}")
        return Layout(
            version=str(data["layout_version"]),
            sheets=tuple(sheets),
            code_tables=tables,
            date_format=str(data.get("date_format", "%Y-%m-%d")),
            list_separator=str(data.get("list_separator", ";")),
            sources=tuple(data.get("sources", [])),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise LayoutError(f"{path}: {exc!r}") from exc


# --- field sources -------------------------------------------------------------------------


@dataclass
class RowContext:
    settings: CBSettings
    audit: Audit | None = None
    member: AuditTeamMember | None = None
    cert: Certificate | None = None
    change: str | None = None
    energy: dict[str, Any] | None = None
    marks: list[str] = field(default_factory=list)


def _plan_address(c: RowContext) -> str:
    assert c.audit is not None
    central = [s.site for s in c.audit.sites if s.site.is_central and not s.remote]
    sites = central or [s.site for s in c.audit.sites if not s.remote]
    for site in sites:
        if site.address.strip():
            return site.address
    return c.audit.organisation.address


def _plan_schemes(c: RowContext) -> list[str]:
    assert c.audit is not None
    return sorted({cert.standard.scheme for cert in c.audit.certificates})


def _plan_codes(c: RowContext) -> str:
    assert c.audit is not None
    codes: list[str] = []
    for cert in c.audit.certificates:
        for code in re.split(r"[,;，；\s]+", cert.technical_codes):
            if code and code not in codes:
                codes.append(code)
    return ",".join(codes)


def _leader(c: RowContext) -> str:
    assert c.audit is not None
    for m in c.audit.team:
        if m.role is TeamRole.TEAM_LEADER:
            return m.auditor.name_zh
    return ""


def _ncs(grade: NCGrade) -> Callable[[RowContext], int]:
    def count(c: RowContext) -> int:
        assert c.audit is not None
        return sum(1 for n in c.audit.nonconformities if n.grade is grade and not n.archived)

    return count


def _org(c: RowContext) -> Any:
    if c.cert is not None:
        return c.cert.organisation
    assert c.audit is not None
    return c.audit.organisation


def _cert(attr: str) -> Callable[[RowContext], Any]:
    return lambda c: getattr(c.cert, attr) if c.cert is not None else None


def _energy(key: str) -> Callable[[RowContext], Any]:
    return lambda c: (c.energy or {}).get(key)


def _a(c: RowContext) -> Audit:
    assert c.audit is not None
    return c.audit


def _member(get: Callable[[AuditTeamMember], Any]) -> Callable[[RowContext], Any]:
    return lambda c: get(c.member) if c.member is not None else None


FIELDS: dict[str, Callable[[RowContext], Any]] = {
    "plan.number": lambda c: rep.plan_number(c.settings, _a(c)),
    "plan.address": _plan_address,
    "plan.audit_type": lambda c: _a(c).audit_type.value,
    "plan.audit_mode": lambda c: _a(c).mode.value,
    "plan.start_date": lambda c: _a(c).start_date,
    "plan.end_date": lambda c: _a(c).end_date,
    "plan.days": lambda c: _a(c).planned_days,
    "plan.technical_codes": _plan_codes,
    "member.name": _member(lambda m: m.auditor.name_zh),
    "member.id_doc_type": _member(lambda m: m.auditor.id_doc_type),
    "member.id_doc_no": _member(lambda m: m.auditor.id_doc_no),
    "member.role": _member(lambda m: m.role.value),
    "organisation.name": lambda c: _org(c).name_zh,
    "organisation.credit_code": lambda c: _org(c).credit_code,
    "organisation.address": lambda c: _org(c).address,
    "organisation.personnel": lambda c: _org(c).effective_personnel,
    "certificate.number": _cert("number"),
    "certificate.scheme": lambda c: c.cert.standard.scheme if c.cert else _plan_schemes(c),
    "certificate.standard": lambda c: (
        (c.cert.standard.national_code or c.cert.standard.code) if c.cert else None
    ),
    "certificate.scope": _cert("scope_zh"),
    "certificate.technical_codes": _cert("technical_codes"),
    "certificate.issue_date": _cert("issue_date"),
    "certificate.expiry_date": _cert("expiry_date"),
    "certificate.decision_date": _cert("decision_date"),
    "certificate.status": lambda c: c.cert.status.value if c.cert else None,
    "certificate.status_date": _cert("status_date"),
    "certificate.status_reason": _cert("status_reason"),
    "certificate.accreditation_marks": lambda c: list(c.marks),
    "certificate.change": lambda c: c.change,
    "result.actual_days": lambda c: _a(c).actual_days,
    "result.leader_name": _leader,
    "result.major_ncs": _ncs(NCGrade.MAJOR),
    "result.minor_ncs": _ncs(NCGrade.MINOR),
    "result.recommendation": lambda c: _a(c).recommendation,
    "energy.parameter": _energy("parameter"),
    "energy.unit": _energy("unit"),
    "energy.baseline_period": _energy("baseline_period"),
    "energy.baseline": _energy("baseline"),
    "energy.reporting_period": _energy("reporting_period"),
    "energy.value": _energy("value"),
}


# --- rows ----------------------------------------------------------------------------------


@dataclass
class Row:
    sheet: str  # sheet key
    entity_id: uuid.UUID | None
    ref: str  # what the admin fixes: audit number, certificate number
    raw: list[Any]
    cells: list[Any] = field(default_factory=list)  # normalised, as written
    certificate_id: uuid.UUID | None = None
    certificate_issued: dt.date | None = None


@dataclass
class MonthData:
    layout: Layout
    month: rep.Month
    selection: rep.MonthSelection
    rows: dict[str, list[Row]]

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.rows.items()}


@dataclass(frozen=True)
class Issue:
    sheet: str  # sheet name as in the workbook
    row: int | None  # Excel row number (header = 1)
    column: str | None  # header
    code: str
    value: str = ""
    ref: str = ""  # audit or certificate number to fix in AuditDesk
    code_table: str | None = None


def clean_text(value: str) -> str:
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", value))
    return text.replace("\u00a0", " ").replace("\u3000", " ").strip()


def clean_code(value: str) -> str:
    text = unicodedata.normalize("NFKC", clean_text(value))
    return re.sub(r"\s+", "", text).upper()


def _fmt_number(value: Any) -> Any:
    if isinstance(value, str):
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
        try:
            value = float(text)
        except ValueError:
            return text
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def normalise(layout: Layout, col: Column, value: Any) -> Any:
    """The cell as written."""
    if value is None:
        return ""
    if col.code_table is not None:
        items = value if isinstance(value, list) else [value]
        mapping = layout.code_tables[col.code_table].get("map", {})
        codes = [str(mapping.get(str(v), v)) for v in items if str(v).strip()]
        return layout.list_separator.join(clean_code(c) for c in codes)
    if col.format == "date":
        if isinstance(value, dt.datetime | dt.date):
            return value.strftime(layout.date_format)
        return clean_text(str(value))
    if col.format in ("number", "integer"):
        return _fmt_number(value)
    if col.format in ("code", "code_list"):
        return clean_code(str(value))
    return clean_text(str(value))


def build_month(
    session: Session,
    month: rep.Month | str,
    *,
    layout: Layout | None = None,
    everything: bool = False,
) -> MonthData:
    from auditdesk.services.cb_settings import current

    layout = layout or load_layout()
    month = rep.Month.parse(month) if isinstance(month, str) else month
    settings = current(session)
    sel = rep.select_month(session, month, everything=everything)
    marks = {cert.id: rep.accreditation_marks(session, cert) for cert, _ in sel.certificates}
    rows: dict[str, list[Row]] = {key: [] for key in rep.SHEETS}

    def add(key: str, ctx: RowContext, eid: uuid.UUID | None, ref: str) -> None:
        sheet = layout.sheet(key)
        raw = [FIELDS[c.field](ctx) for c in sheet.columns]
        cells = [normalise(layout, c, v) for c, v in zip(sheet.columns, raw, strict=True)]
        rows[key].append(
            Row(
                key,
                eid,
                ref,
                raw,
                cells,
                certificate_id=ctx.cert.id if ctx.cert else None,
                certificate_issued=ctx.cert.issue_date if ctx.cert else None,
            )
        )

    role_order = {r: i for i, r in enumerate(TeamRole)}
    for audit in sel.plans:
        team = sorted(audit.team, key=lambda m: (role_order[m.role], m.auditor.name_zh))
        members: list[AuditTeamMember | None] = [*team]
        for member in members or [None]:  # a plan without a team: one row, flagged
            add(rep.PLAN, RowContext(settings, audit=audit, member=member), audit.id, audit.number)
    for cert, change in sel.certificates:
        ctx = RowContext(settings, cert=cert, change=change, marks=list(marks[cert.id]))
        add(rep.CERTIFICATE, ctx, cert.id, cert.number)
    for audit in sel.results:
        linked: list[Certificate | None] = [*sorted(audit.certificates, key=lambda c: c.number)]
        for one in linked or [None]:
            add(rep.RESULT, RowContext(settings, audit=audit, cert=one), audit.id, audit.number)
    for cert in sel.energy:
        for item in rep.certificate_reporting(session, cert.id).energy_performance:
            add(rep.ENERGY, RowContext(settings, cert=cert, energy=item), cert.id, cert.number)
    return MonthData(layout, month, sel, rows)


# --- validation ----------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, list):
        return not any(str(v).strip() for v in value)
    return isinstance(value, str) and not clean_text(value)


def _cell_issues(layout: Layout, sheet: SheetLayout, n: int, row: Row) -> list[Issue]:
    issues: list[Issue] = []
    by_field = dict(zip((c.field for c in sheet.columns), row.cells, strict=True))
    for col, raw, cell in zip(sheet.columns, row.raw, row.cells, strict=True):

        def issue(code: str, value: Any = raw, col: Column = col) -> None:
            text = layout.list_separator.join(map(str, value)) if isinstance(value, list) else value
            issues.append(
                Issue(
                    sheet.name,
                    n,
                    col.header,
                    code,
                    "" if text is None else str(text),
                    row.ref,
                    col.code_table,
                )
            )

        if (
            col.field == "certificate.number"
            and row.sheet == rep.RESULT
            and row.certificate_id is None
        ):
            continue  # reported once, as a result without its certificate
        required = col.required or any(
            by_field.get(f) in values for f, values in col.required_when.items()
        )
        if _blank(raw):
            if required:
                if col.field == "plan.number":
                    issue(PLAN_NUMBER_UNSET)
                elif col.check == "id_document":
                    issue(id_documents.MISSING)
                else:
                    issue(REQUIRED)
            continue
        if col.code_table is not None:
            mapping = layout.code_tables[col.code_table].get("map", {})
            for item in raw if isinstance(raw, list) else [raw]:
                if str(item) not in mapping:
                    issue(BAD_CODE, item)
            continue
        if col.format in ("code", "code_list") and isinstance(raw, str):
            stripped = clean_text(raw)
            if any(ch.isspace() for ch in stripped):
                issue(HAS_SPACES)
            if stripped != stripped.upper():
                issue(LOWER_CASE)
        if col.format in ("number", "integer"):
            if not isinstance(cell, int | float) or isinstance(cell, bool) or cell < 0:
                issue(BAD_FORMAT)
            elif col.format == "integer" and not float(cell).is_integer():
                issue(BAD_FORMAT)
        if col.format == "date" and not isinstance(raw, dt.date):
            try:
                dt.datetime.strptime(str(cell), layout.date_format)
            except ValueError:
                issue(BAD_FORMAT)
        if col.max_length is not None and len(str(cell)) > col.max_length:
            issue(TOO_LONG)
        if col.pattern is not None and not re.fullmatch(col.pattern, str(cell)):
            issue(BAD_PATTERN, cell)
        if col.check == "id_document":
            doc_type = (
                row.raw[[c.field for c in sheet.columns].index("member.id_doc_type")]
                if ("member.id_doc_type" in by_field)
                else id_documents.ID_CARD
            )
            code = id_documents.problem(str(doc_type), str(raw))
            if code is not None:
                issue(code, id_documents.masked(str(raw)))
    return issues


def validate(data: MonthData) -> list[Issue]:
    """Every problem of the month's file, sheet by sheet, row by row."""
    layout = data.layout
    issues: list[Issue] = []
    for sheet in layout.sheets:
        for i, row in enumerate(data.rows[sheet.key]):
            issues += _cell_issues(layout, sheet, i + 2, row)
    # Cross-sheet: results lean on certificates; energy rows only for EnMS certificates.
    on_sheet = {row.entity_id for row in data.rows[rep.CERTIFICATE]}
    known = on_sheet | data.selection.reported_certificates
    certs = {c.id: c for c, _ in data.selection.certificates}
    certs.update({c.id: c for c in data.selection.energy})
    result_sheet = layout.sheet(rep.RESULT)
    number_col = _header_of(result_sheet, "certificate.number")
    for i, row in enumerate(data.rows[rep.RESULT]):
        if row.certificate_id is None:
            issues.append(
                Issue(result_sheet.name, i + 2, number_col, RESULT_WITHOUT_CERTIFICATE, "", row.ref)
            )
        elif row.certificate_id not in known and not (
            # issued before this month: reported by an earlier monthly file
            row.certificate_issued is not None and row.certificate_issued < data.month.first
        ):
            value = (
                str(row.cells[[c.field for c in result_sheet.columns].index("certificate.number")])
                if number_col
                else ""
            )
            issues.append(
                Issue(
                    result_sheet.name,
                    i + 2,
                    number_col,
                    RESULT_CERTIFICATE_NOT_REPORTED,
                    value,
                    row.ref,
                )
            )
    energy_sheet = layout.sheet(rep.ENERGY)
    energy_certs = set()
    for i, row in enumerate(data.rows[rep.ENERGY]):
        energy_certs.add(row.certificate_id)
        cert = certs.get(row.certificate_id) if row.certificate_id else None
        if cert is not None and not rep.is_enms(cert):
            issues.append(
                Issue(
                    energy_sheet.name,
                    i + 2,
                    _header_of(energy_sheet, "certificate.number"),
                    ENERGY_NOT_ENMS,
                    cert.number,
                    cert.number,
                )
            )
    cert_sheet = layout.sheet(rep.CERTIFICATE)
    for i, (cert, change) in enumerate(data.selection.certificates):
        if rep.is_enms(cert) and change == rep.NEW and cert.id not in energy_certs:
            issues.append(
                Issue(
                    cert_sheet.name,
                    i + 2,
                    _header_of(cert_sheet, "certificate.number"),
                    ENMS_WITHOUT_ENERGY,
                    cert.number,
                    cert.number,
                )
            )
    order = {s.name: n for n, s in enumerate(layout.sheets)}
    issues.sort(key=lambda x: (order.get(x.sheet, 99), x.row or 0))
    return issues


def _header_of(sheet: SheetLayout, field_name: str) -> str | None:
    for c in sheet.columns:
        if c.field == field_name:
            return c.header
    return None


# --- words (CLI and the export dialog; the codes are the API) -----------------------------

ISSUE_WORDS: dict[str, tuple[str, str]] = {
    REQUIRED: ("必填项为空", "required value is missing"),
    TOO_LONG: ("超过长度限制", "too long"),
    BAD_FORMAT: ("格式不正确", "wrong format"),
    BAD_PATTERN: ("不符合编号规则", "does not match the numbering rule"),
    BAD_CODE: ("代码不在代码表中", "not a code of the code table"),
    LOWER_CASE: (
        "含小写字母（平台要求大写）",
        "contains lower-case letters (the platform wants upper case)",
    ),
    HAS_SPACES: ("含空格", "contains spaces"),
    PLAN_NUMBER_UNSET: (
        "无法生成审核计划编号：请在认证机构设置中填写认监委批准号",
        "no audit plan number: enter the CNCA approval number in the CB settings",
    ),
    RESULT_WITHOUT_CERTIFICATE: ("审核结果没有对应的证书", "audit result without its certificate"),
    RESULT_CERTIFICATE_NOT_REPORTED: (
        "审核结果对应的证书未在证书信息表中，也未曾上报",
        "the result's certificate is neither on the certificate sheet nor reported before",
    ),
    ENERGY_NOT_ENMS: (
        "能源绩效信息仅适用于能源管理体系证书",
        "energy rows are only for EnMS certificates",
    ),
    ENMS_WITHOUT_ENERGY: (
        "能源管理体系新证书缺少能源绩效信息",
        "new EnMS certificate without energy performance rows",
    ),
    id_documents.MISSING: ("证件号码为空", "ID document number missing"),
    id_documents.BAD_TYPE: ("证件类型不正确", "unknown ID document type"),
    id_documents.BAD_FORMAT: ("证件号码格式不正确", "ID document number has the wrong format"),
    id_documents.BAD_CHECKSUM: (
        "身份证号码校验位错误（GB 11643）",
        "ID card number check digit wrong (GB 11643)",
    ),
    id_documents.BAD_BIRTH_DATE: (
        "身份证号码中的出生日期无效",
        "ID card number has an impossible birth date",
    ),
}


def describe_issue(issue: Issue, layout: Layout, lang: str = "zh") -> str:
    """One line: sheet, row, column, what is wrong, what to fix in AuditDesk."""
    zh = lang.startswith("zh")
    words = ISSUE_WORDS.get(issue.code, (issue.code, issue.code))[0 if zh else 1]
    where = issue.sheet
    if issue.row is not None:
        where += f" 第{issue.row}行" if zh else f" row {issue.row}"
    if issue.column:
        where += f"「{issue.column}」" if zh else f" [{issue.column}]"
    value = issue.value
    if issue.code == BAD_CODE and issue.code_table:
        known = ", ".join(sorted(layout.code_tables[issue.code_table].get("map", {})))
        value += f"（可用：{known}）" if zh else f" (known: {known})"
    text = f"{where}: {words}"
    if value:
        text += f" — {value}" if not zh else f"：{value}"
    if issue.ref:
        text += f"（{issue.ref}）" if zh else f" ({issue.ref})"
    return text


# --- writing -------------------------------------------------------------------------------


def write_workbook(data: MonthData, target: str | Path | BinaryIO) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    for sheet in data.layout.sheets:
        ws = wb.create_sheet(sheet.name)
        ws.append([c.header for c in sheet.columns])
        for row in data.rows[sheet.key]:
            out: list[Any] = []
            for value in row.cells:
                if isinstance(value, str) and value.startswith(_FORMULA_START):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    out.append(cell)
                else:
                    out.append(value)
            ws.append(out)
    wb.save(target)  # type: ignore[arg-type]


class ExportRefused(ValidationFailed):
    """The month's data has problems; nothing was written."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(
            f"CNCA monthly file: {len(issues)} problem(s); fix the data or write anyway",
            {"issues": str(len(issues))},
        )
        self.issues = issues


@dataclass
class ExportResult:
    path: Path
    sha256: str
    counts: dict[str, int]
    issues: list[Issue]
    recorded: int
    written_anyway: bool


def export_month(
    session: Session,
    month: rep.Month | str,
    out: Path,
    *,
    write_anyway: bool = False,
    layout: Layout | None = None,
    everything: bool = False,
) -> ExportResult:
    """Build, validate, write atomically and record; refuses (nothing written) on problems
    unless ``write_anyway``."""
    from auditdesk.exports.files import write_atomically
    from auditdesk.services.report_issue import sha256_file

    data = build_month(session, month, layout=layout, everything=everything)
    issues = validate(data)
    if issues and not write_anyway:
        raise ExportRefused(issues)
    out = Path(out)
    write_atomically(out, lambda fh: write_workbook(data, fh))
    sha = sha256_file(out)
    recorded = rep.record_reported(
        session, data.selection, file_sha256=sha, written_anyway=bool(issues)
    )
    return ExportResult(out, sha, data.counts(), issues, recorded, bool(issues))
