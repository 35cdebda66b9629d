"""Importing clients and certificates from Excel (.xlsx), as CB offices keep them.

Headers may be Chinese or English, in any order (``CERTIFICATE_COLUMNS``). Values are read
the way people type them (see ``exchange.values``). The import runs in three passes:
1. read and parse every row, collecting an error per bad cell (row, column, value, reason);
2. check across rows and against the database (duplicate numbers, unknown standards, ...);
3. write through the services inside a SAVEPOINT.
If any row is in error, nothing is written (``ImportRejected`` lists every error). A dry run
does all three passes and rolls the SAVEPOINT back. Re-importing the same file changes
nothing: certificates are matched on their number, organisations on credit code or name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import unicodedata
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditdesk.exchange.errors import ImportRejected, RowError, WorkbookUnreadable
from auditdesk.exchange.safezip import check_entries
from auditdesk.exchange.values import (
    BadValue,
    clean_text,
    is_blank,
    normalise_key,
    parse_count,
    parse_date,
    parse_status,
    parse_technical_codes,
)
from auditdesk.model import (
    Audit,
    AuditMode,
    AuditStatus,
    AuditType,
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateStatus,
    Organisation,
    PersonnelRecord,
    Standard,
)
from auditdesk.rules import credit_code
from auditdesk.services.audits import next_audit_number
from auditdesk.services.certificates import default_expiry
from auditdesk.services.clients import validate_fields
from auditdesk.services.errors import ValidationFailed
from auditdesk.services.standards_library import match_standard
from auditdesk.services.users import Permission, current_username, require

MAX_ROWS = 100_000
MAX_WORKBOOK_BYTES = 200 * 1024 * 1024
HEADER_SCAN_ROWS = 10


@dataclass(frozen=True)
class Column:
    field: str
    zh: str
    en: str
    required: bool = False
    kind: str = "text"  # text | date | count | codes | status | credit_code
    aliases: tuple[str, ...] = ()
    example: str = ""


CERTIFICATE_COLUMNS: tuple[Column, ...] = (
    Column(
        "certificate_no",
        "证书编号",
        "certificate_no",
        True,
        aliases=("证书号", "证书号码", "certificate number", "certificate"),
        example="00126Q30001R1M",
    ),
    Column(
        "organisation",
        "组织名称",
        "organisation",
        True,
        aliases=(
            "获证组织",
            "受审核方",
            "企业名称",
            "单位名称",
            "organization",
            "client",
            "company",
        ),
        example="深圳市示例科技有限公司",
    ),
    Column(
        "credit_code",
        "统一社会信用代码",
        "credit_code",
        kind="credit_code",
        aliases=("信用代码", "社会信用代码", "credit code", "uscc"),
        example="914403001922038216",
    ),
    Column(
        "standard",
        "认证标准",
        "standard",
        True,
        aliases=("标准", "认证依据", "审核准则", "scheme"),
        example="GB/T19001-2016/ISO9001:2015",
    ),
    Column(
        "scope",
        "认证范围",
        "scope",
        aliases=("范围", "证书范围", "scope of certification"),
        example="电子产品的设计和生产",
    ),
    Column(
        "issue_date",
        "颁证日期",
        "issue_date",
        True,
        "date",
        aliases=("发证日期", "注册日期", "签发日期", "issue date", "issued"),
        example="2026-03-15",
    ),
    Column(
        "expiry_date",
        "有效期至",
        "expiry_date",
        kind="date",
        aliases=(
            "有效期",
            "证书有效期",
            "到期日期",
            "有效截止日期",
            "expiry",
            "expiry date",
            "valid until",
        ),
        example="2029-03-14",
    ),
    Column(
        "rule_set",
        "认证规则",
        "rule_set",
        aliases=("规则", "rule set", "rules"),
        example="CNCA-QMS-01:2025",
    ),
    Column(
        "effective_personnel",
        "有效人数",
        "effective_personnel",
        kind="count",
        aliases=(
            "人数",
            "员工人数",
            "体系覆盖人数",
            "effective personnel",
            "headcount",
            "employees",
        ),
        example="120",
    ),
    Column(
        "technical_codes",
        "专业代码",
        "technical_codes",
        kind="codes",
        aliases=("专业代码组", "technical codes", "technical area", "iaf code"),
        example="19.05.01",
    ),
    Column(
        "team_leader",
        "审核组长",
        "team_leader",
        aliases=("组长", "team leader", "lead auditor"),
        example="张伟",
    ),
    Column("province", "省份", "province", aliases=("省", "所在省份", "地区"), example="广东省"),
    Column(
        "surveillance_1_done",
        "监督一完成日期",
        "surveillance_1_done",
        kind="date",
        aliases=(
            "监一完成日期",
            "一监完成日期",
            "第一次监督完成日期",
            "监督1完成日期",
            "surveillance 1 done",
            "s1 done",
        ),
        example="2027-01-20",
    ),
    Column(
        "surveillance_2_done",
        "监督二完成日期",
        "surveillance_2_done",
        kind="date",
        aliases=(
            "监二完成日期",
            "二监完成日期",
            "第二次监督完成日期",
            "监督2完成日期",
            "surveillance 2 done",
            "s2 done",
        ),
        example="",
    ),
    Column(
        "status",
        "证书状态",
        "status",
        kind="status",
        aliases=("状态", "certificate status"),
        example="有效",
    ),
)

CLIENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "organisation",
        "组织名称",
        "organisation",
        True,
        aliases=(
            "获证组织",
            "受审核方",
            "企业名称",
            "单位名称",
            "organization",
            "client",
            "company",
            "name_zh",
        ),
        example="深圳市示例科技有限公司",
    ),
    Column(
        "credit_code",
        "统一社会信用代码",
        "credit_code",
        kind="credit_code",
        aliases=("信用代码", "社会信用代码", "credit code", "uscc"),
        example="914403001922038216",
    ),
    Column(
        "name_en",
        "英文名称",
        "name_en",
        aliases=("english name",),
        example="Shenzhen Example Technology Co., Ltd.",
    ),
    Column(
        "address",
        "地址",
        "address",
        aliases=("注册地址", "经营地址", "通讯地址"),
        example="深圳市南山区科技园",
    ),
    Column("province", "省份", "province", aliases=("省", "所在省份", "地区"), example="广东省"),
    Column("city", "城市", "city", aliases=("市",), example="深圳市"),
    Column(
        "effective_personnel",
        "有效人数",
        "effective_personnel",
        kind="count",
        aliases=("人数", "员工人数", "effective personnel", "headcount", "employees"),
        example="120",
    ),
    Column(
        "technical_codes",
        "专业代码",
        "technical_codes",
        kind="codes",
        aliases=("technical codes", "technical area"),
        example="19.05.01",
    ),
    Column(
        "representative",
        "法定代表人",
        "representative",
        aliases=("法人", "法人代表"),
        example="李强",
    ),
    Column("contact_name", "联系人", "contact_name", aliases=("contact",), example="王芳"),
    Column(
        "contact_phone",
        "联系电话",
        "contact_phone",
        aliases=("电话", "手机", "phone"),
        example="0755-12345678",
    ),
    Column(
        "contact_email",
        "邮箱",
        "contact_email",
        aliases=("电子邮箱", "email", "e-mail"),
        example="qa@example.cn",
    ),
    Column("industry", "行业", "industry", aliases=("所属行业",), example="电子制造"),
    Column("consultant", "咨询机构", "consultant", aliases=("咨询公司",), example=""),
)

COLUMNS = {"certificates": CERTIFICATE_COLUMNS, "clients": CLIENT_COLUMNS}


@dataclass
class ImportReport:
    kind: str
    rows_read: int = 0
    dry_run: bool = False
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    write_s: float = 0.0  # the longest one write transaction held the write lock
    imported_rows: int = 0  # rows written before an interrupted import stopped

    def count(self, bucket: str, entity: str) -> None:
        target = getattr(self, bucket)
        target[entity] = target.get(entity, 0) + 1


# --------------------------------------------------------------------------- reading


def _header_key(text: Any) -> str:
    t = unicodedata.normalize("NFKC", str(text or "")).lower()
    t = re.sub(r"[(\[（【].*?[)\]）】]", "", t)  # "颁证日期(YYYY-MM-DD)"
    return re.sub(r"[\s_\-*:：/]+", "", t)


def _header_index(columns: tuple[Column, ...]) -> dict[str, Column]:
    index: dict[str, Column] = {}
    for col in columns:
        for name in (col.zh, col.en, col.field, *col.aliases):
            index[_header_key(name)] = col
    return index


def _match_header(cell: Any, index: dict[str, Column]) -> Column | None:
    key = _header_key(cell)
    if not key:
        return None
    if key in index:
        return index[key]
    # "证书编号 certificate_no" (a bilingual header): any part that names a column.
    for part in re.split(r"\s+", unicodedata.normalize("NFKC", str(cell)).strip()):
        col = index.get(_header_key(part))
        if col is not None:
            return col
    return None


def _check_container(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            check_entries(
                zf,
                lambda reason, entry: WorkbookUnreadable(
                    f"{path.name}: refused ({reason}: {entry})",
                    "too_large" if reason != "unsafe_path" else "unreadable",
                    entry=entry,
                ),
                max_entry=MAX_WORKBOOK_BYTES,
                max_total=MAX_WORKBOOK_BYTES,
            )
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, RuntimeError):
        # RuntimeError: an encrypted entry; NotImplementedError: an unknown zip version.
        raise WorkbookUnreadable(
            f"{path.name} is not an .xlsx workbook (or it is damaged)", "not_xlsx"
        ) from None
    except OSError as exc:
        raise WorkbookUnreadable(
            f"cannot read {path}: {exc.strerror or exc}", "unreadable"
        ) from None


def read_rows(
    path: Path, columns: tuple[Column, ...]
) -> tuple[dict[int, tuple[Column, str]], list[tuple[int, tuple[Any, ...]]], list[str]]:
    """(column position -> (Column, header as written), data rows with their row numbers, ignored headers)."""
    path = Path(path)
    if not path.is_file():
        raise WorkbookUnreadable(f"no file at {path}", "unreadable")
    _check_container(path)
    try:
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds on malformed XML; all mean 'unreadable', said to the user
        raise WorkbookUnreadable(
            f"{path.name} cannot be read as a workbook ({type(exc).__name__}: {exc})", "unreadable"
        ) from None
    try:
        index = _header_index(columns)
        for ws in wb.worksheets:
            try:
                # A read-only sheet trusts the dimension stored in the file, which a writer
                # may have got wrong ("A1:E3" over 6 rows): rows past it were silently dropped.
                # Read what is there, as LibreOffice does.
                if hasattr(ws, "reset_dimensions"):
                    ws.reset_dimensions()
                rows = ws.iter_rows(values_only=True)
                head: list[tuple[int, tuple[Any, ...]]] = []
                for n, row in enumerate(rows, start=1):
                    head.append((n, tuple(row)))
                    if n >= HEADER_SCAN_ROWS:
                        break
                found = _find_header(head, index, columns)
                if found is None:
                    continue
                header_row, mapping, ignored = found
                data = [(n, r) for n, r in head if n > header_row]
                for n, row in enumerate(rows, start=len(head) + 1):
                    data.append((n, tuple(row)))
                    if len(data) > MAX_ROWS:
                        raise WorkbookUnreadable(
                            f"{path.name} has more than {MAX_ROWS} rows", "too_many_rows"
                        )
                return mapping, data, ignored
            except WorkbookUnreadable:
                raise
            except Exception as exc:  # noqa: BLE001 — as above, per sheet: raised as WorkbookUnreadable naming the sheet
                raise WorkbookUnreadable(
                    f"{path.name}: sheet '{ws.title}' cannot be read ({type(exc).__name__}: {exc})",
                    "unreadable",
                ) from None
    finally:
        wb.close()
    names = ", ".join(f"{c.zh}/{c.en}" for c in columns if c.required)
    raise WorkbookUnreadable(
        f"{path.name}: no header row found (needs columns {names})", "no_header_row"
    )


def _find_header(
    head: list[tuple[int, tuple[Any, ...]]], index: dict[str, Column], columns: tuple[Column, ...]
) -> tuple[int, dict[int, tuple[Column, str]], list[str]] | None:
    for n, row in head:
        mapping: dict[int, tuple[Column, str]] = {}
        ignored: list[str] = []
        for pos, cell in enumerate(row):
            col = _match_header(cell, index)
            if col is None:
                if not is_blank(cell):
                    ignored.append(clean_text(cell))
                continue
            for other, written in mapping.values():
                if other.field == col.field:
                    raise WorkbookUnreadable(
                        f"columns '{written}' and '{clean_text(cell)}' both mean {col.en}",
                        "duplicate_column",
                        field=col.field,
                    )
            mapping[pos] = (col, clean_text(cell))
        if len(mapping) >= 2:
            present = {c.field for c, _ in mapping.values()}
            missing = [c for c in columns if c.required and c.field not in present]
            if missing:
                names = ", ".join(f"{c.zh}/{c.en}" for c in missing)
                raise WorkbookUnreadable(
                    f"header row {n} lacks required columns: {names}",
                    "missing_columns",
                    columns=[c.field for c in missing],
                )
            return n, mapping, ignored
    return None


def _parse_cell(col: Column, raw: Any) -> Any:
    if col.kind == "date":
        return None if is_blank(raw) else parse_date(raw)
    if col.kind == "count":
        return None if is_blank(raw) else parse_count(raw)
    if col.kind == "codes":
        return parse_technical_codes(raw)
    if col.kind == "status":
        return parse_status(raw)
    if col.kind == "credit_code":
        if is_blank(raw):
            return ""
        result = credit_code.check(clean_text(raw))
        if not result.ok:
            raise BadValue(f"credit_code.{result.problem.value}")  # type: ignore[union-attr]
        return result.normalised
    text = clean_text(raw)
    if isinstance(raw, dt.datetime | dt.date) and col.kind == "text":
        text = raw.isoformat()[:10]
    return text


@dataclass
class ParsedRow:
    row: int
    values: dict[str, Any]
    headers: dict[str, str]  # field -> header as written
    raw: dict[str, Any]


def parse_rows(
    mapping: dict[int, tuple[Column, str]],
    data: list[tuple[int, tuple[Any, ...]]],
    report: ImportReport,
) -> list[ParsedRow]:
    parsed: list[ParsedRow] = []
    headers = {col.field: written for col, written in mapping.values()}
    for n, row in data:
        cells = {
            col.field: (row[pos] if pos < len(row) else None) for pos, (col, _w) in mapping.items()
        }
        if all(is_blank(v) for v in cells.values()):
            continue
        report.rows_read += 1
        values: dict[str, Any] = {}
        for pos, (col, written) in mapping.items():
            raw = row[pos] if pos < len(row) else None
            if col.required and is_blank(raw):
                report.errors.append(RowError(n, written, col.field, "", "required"))
                continue
            try:
                values[col.field] = _parse_cell(col, raw)
            except BadValue as exc:
                report.errors.append(RowError(n, written, col.field, _shown(raw), exc.reason))
        parsed.append(ParsedRow(n, values, headers, cells))
    return parsed


def _shown(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, dt.datetime | dt.date):
        return raw.isoformat()
    return str(raw)[:200]


def _err(report: ImportReport, pr: ParsedRow, fld: str, reason: str) -> None:
    report.errors.append(
        RowError(pr.row, pr.headers.get(fld, fld), fld, _shown(pr.raw.get(fld)), reason)
    )


# --------------------------------------------------------------------------- rule sets


def known_rule_sets() -> dict[str, str]:
    from auditdesk.paths import resource

    try:
        data = json.loads(resource("rules", "rule_sets.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    items = data.get("rule_sets", data) if isinstance(data, dict) else data
    ids = (
        [str(i.get("id")) for i in items if isinstance(i, dict) and i.get("id")]
        if isinstance(items, list)
        else []
    )
    return {normalise_key(i): i for i in ids}


# --------------------------------------------------------------------------- planning
#
# Everything an import will do is decided before anything is written: which organisation
# each row creates, updates or reuses, which certificate and audit it creates or changes, and
# every rule the services would apply when writing (field checks, unique credit codes,
# expiry after issue). The plan is made from a few whole-table reads, so it can be made twice:
# once in a read-only transaction (no write lock: the check, and every bad row reported) and
# once more inside the write transaction, so a record someone saved in between is seen.


def _org_key(name: str) -> str:
    return normalise_key(name)


@dataclass
class _OrgStep:
    """What happens to one organisation: created (``org`` is None) or changed (``changes``)."""

    row: ParsedRow
    org_id: uuid.UUID
    values: dict[str, Any]  # a new organisation's fields
    existing: int | None = None  # the stored version of the organisation it changes
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class _CertStep:
    row: ParsedRow
    org_id: uuid.UUID
    standard_id: uuid.UUID
    wanted: dict[str, Any]
    cert_id: uuid.UUID | None = None  # the stored certificate it changes ...
    existing: int | None = None  # ... and its version
    changes: dict[str, Any] = field(default_factory=dict)
    # (type, completed on, the stored audit it completes and its version, or None: a new one)
    audits: list[tuple[AuditType, dt.date, tuple[uuid.UUID, int] | None]] = field(
        default_factory=list
    )


@dataclass
class ImportPlan:
    kind: str
    orgs: list[_OrgStep] = field(default_factory=list)
    certs: list[_CertStep] = field(default_factory=list)


class _Planner:
    """Finds the organisation of a row (credit code first, then exact name) in the database
    (read once) or among the ones this import creates."""

    def __init__(self, session: Session, report: ImportReport, plan: ImportPlan) -> None:
        self.report, self.plan = report, plan
        self.by_code: dict[str, Organisation] = {}
        self.by_name: dict[str, Organisation] = {}
        for org in session.scalars(select(Organisation).order_by(Organisation.created_at)):
            if org.credit_code:
                self.by_code.setdefault(org.credit_code, org)
            self.by_name.setdefault(org.name_zh, org)
        self.made: dict[str, uuid.UUID] = {}  # lookup key -> organisation decided for it
        self.made_names: dict[str, uuid.UUID] = {}  # organisations this import creates
        self.seen: set[uuid.UUID] = set()

    def organisation(self, pr: ParsedRow, fields: tuple[str, ...]) -> uuid.UUID | None:
        values = pr.values
        code = values.get("credit_code") or ""
        name = values["organisation"]
        key = "code:" + code if code else "name:" + _org_key(name)
        if key in self.made:
            return self.made[key]
        if code:
            org = self.by_code.get(code)
        else:  # by name: also one this import creates (from a row that had a credit code)
            made = self.made_names.get(name)
            if made is not None:
                self.made[key] = made
                return made
            org = self.by_name.get(name)
        if org is not None and org.id in self.seen:
            self.made[key] = org.id
            return org.id
        changes = {f: values[f] for f in fields if values.get(f) not in (None, "")}
        if org is None:
            new = {k: v for k, v in changes.items() if k != "credit_code"}
            problems = validate_fields({"name_zh": name, **new})
            if problems:
                _service_problems(self.report, pr, problems)
                return None
            step = _OrgStep(pr, uuid.uuid4(), {"name_zh": name.strip(), "credit_code": code, **new})
            self.report.count("created", "organisation")
        else:
            diff = {k: v for k, v in changes.items() if getattr(org, k) != v}
            if code and org.credit_code != code:
                diff["credit_code"] = code
            problems = validate_fields(diff)
            if problems:
                _service_problems(self.report, pr, problems)
                return None
            step = _OrgStep(pr, org.id, {}, org.version, diff)
            self.report.count("updated" if diff else "unchanged", "organisation")
        self.plan.orgs.append(step)
        self.made[key] = step.org_id
        self.seen.add(step.org_id)
        if org is None:
            self.made_names.setdefault(name.strip(), step.org_id)
        return step.org_id


_SERVICE_FIELD = {
    "number": "certificate_no",
    "organisation": "organisation",
    "standard": "standard",
    "expiry_date": "expiry_date",
    "name_zh": "organisation",
    "credit_code": "credit_code",
    "effective_personnel": "effective_personnel",
    "contact_email": "contact_email",
    "certificates": "certificate_no",
    "end_date": "surveillance_1_done",
}


def _service_problems(report: ImportReport, pr: ParsedRow, problems: dict[str, str]) -> None:
    for fld, reason in problems.items():
        _err(report, pr, _SERVICE_FIELD.get(fld, fld), reason)


# --------------------------------------------------------------------------- certificates

CERT_ORG_FIELDS = ("province", "effective_personnel", "technical_codes")
_DONE = (
    ("surveillance_1_done", AuditType.SURVEILLANCE_1),
    ("surveillance_2_done", AuditType.SURVEILLANCE_2),
)


def _existing_certificates(session: Session) -> dict[str, tuple[Certificate, str | None]]:
    stmt = select(Certificate, Organisation.credit_code).join(
        Organisation, Certificate.organisation_id == Organisation.id
    )
    return {cert.number: (cert, code) for cert, code in session.execute(stmt)}


def _check_certificates(
    session: Session,
    rows: list[ParsedRow],
    report: ImportReport,
    existing: dict[str, tuple[Certificate, str | None]],
) -> dict[int, Standard]:
    standards = list(session.scalars(select(Standard)))
    rule_sets = known_rule_sets()
    first_row: dict[str, int] = {}
    chosen: dict[int, Standard] = {}
    for pr in rows:
        v = pr.values
        number = v.get("certificate_no")
        if number:
            key = normalise_key(number)
            if key in first_row:
                _err(report, pr, "certificate_no", f"duplicate_in_file:row {first_row[key]}")
            else:
                first_row[key] = pr.row
        if v.get("standard"):
            # Standard rows carry the attributes match_standard reads (key, code, aliases, ...).
            std: Any = match_standard(v["standard"], standards)  # type: ignore[arg-type]
            if std is None:
                _err(report, pr, "standard", "unknown_standard")
            else:
                chosen[pr.row] = std
        if v.get("rule_set"):
            rid = rule_sets.get(normalise_key(v["rule_set"]))
            if rid is None:
                _err(report, pr, "rule_set", "unknown_rule_set")
            else:
                v["rule_set"] = rid
        issue, expiry = v.get("issue_date"), v.get("expiry_date")
        if issue and expiry and expiry <= issue:
            _err(report, pr, "expiry_date", "expiry_before_issue")
        s1, s2 = v.get("surveillance_1_done"), v.get("surveillance_2_done")
        if issue and s1 and s1 <= issue:
            _err(report, pr, "surveillance_1_done", "before_issue")
        if (
            s2
            and not s1
            and "surveillance_1_done" not in {e.field for e in report.errors if e.row == pr.row}
        ):
            _err(report, pr, "surveillance_2_done", "without_surveillance_1")
        if s1 and s2 and s2 <= s1:
            _err(report, pr, "surveillance_2_done", "before_surveillance_1")
        if number and number.strip() in existing:
            _cert, stored_code = existing[number.strip()]
            code = v.get("credit_code")
            if code and stored_code not in (None, code):
                _err(report, pr, "certificate_no", "belongs_to_another_organisation")
    return chosen


def _plan_certificates(
    session: Session, rows: list[ParsedRow], report: ImportReport, plan: ImportPlan
) -> None:
    existing = _existing_certificates(session)
    standards = _check_certificates(session, rows, report, existing)
    if report.errors:
        return
    audits: dict[tuple[uuid.UUID, AuditType], Audit] = {}
    for cert_id, audit in session.execute(
        select(Certificate.id, Audit)
        .join(Audit.certificates)
        .where(Audit.audit_type.in_([t for _f, t in _DONE]))
        .order_by(Audit.number)
    ):
        audits.setdefault((cert_id, audit.audit_type), audit)
    planner = _Planner(session, report, plan)
    for pr in rows:
        v = pr.values
        org_id = planner.organisation(pr, CERT_ORG_FIELDS)
        if org_id is None:
            continue
        std = standards[pr.row]
        number = v["certificate_no"].strip()
        wanted = {
            "standard_id": std.id,
            "issue_date": v["issue_date"],
            "scope_zh": v.get("scope") or "",
            "rule_set_id": v.get("rule_set") or None,
            "technical_codes": v.get("technical_codes") or "",
            "team_leader_name": v.get("team_leader") or "",
            "status": v.get("status") or CertificateStatus.VALID,
        }
        if v.get("expiry_date"):
            wanted["expiry_date"] = v["expiry_date"]
        found = existing.get(number)
        if found is None:
            if not number:
                _err(report, pr, "certificate_no", "required")
                continue
            expiry = v.get("expiry_date") or default_expiry(v["issue_date"])
            if expiry <= v["issue_date"]:
                _err(report, pr, "expiry_date", "expiry_before_issue")
                continue
            step = _CertStep(pr, org_id, std.id, wanted | {"number": number, "expiry_date": expiry})
            report.count("created", "certificate")
        else:
            cert = found[0]
            diff = {k: val for k, val in wanted.items() if getattr(cert, k) != val}
            step = _CertStep(pr, org_id, std.id, wanted, cert.id, cert.version, diff)
            report.count("updated" if diff else "unchanged", "certificate")
        for fld, audit_type in _DONE:
            done = v.get(fld)
            if done is None:
                continue
            known = audits.get((step.cert_id, audit_type)) if step.cert_id else None
            if known is None:
                report.count("created", "audit")
            elif known.end_date != done or known.status != AuditStatus.COMPLETED:
                report.count("updated", "audit")
            else:
                report.count("unchanged", "audit")
                continue
            step.audits.append((audit_type, done, (known.id, known.version) if known else None))
        plan.certs.append(step)


def _plan_clients(
    session: Session, rows: list[ParsedRow], report: ImportReport, plan: ImportPlan
) -> None:
    _check_clients(rows, report)
    if report.errors:
        return
    fields = tuple(
        c.field for c in CLIENT_COLUMNS if c.field not in ("organisation", "credit_code")
    )
    planner = _Planner(session, report, plan)
    for pr in rows:
        planner.organisation(pr, fields)


def plan_import(
    session: Session, kind: str, rows: list[ParsedRow], report: ImportReport
) -> ImportPlan:
    """Decide every write of the import (no write happens here). Bad rows go to
    ``report.errors``; the counts of what would be created, changed and left alone to
    ``report``."""
    require(session, Permission.EDIT_REGISTERS)
    plan = ImportPlan(kind)
    if kind == "certificates":
        _plan_certificates(session, rows, report, plan)
        if any(step.audits for step in plan.certs):
            require(session, Permission.PLAN_AUDIT)
    else:
        _plan_clients(session, rows, report, plan)
    return plan


# --------------------------------------------------------------------------- writing

# Rows per flush of the write transaction: the change log is written once per flush, so a
# flush per row (as the services do for a single edit) would spend most of the time there.
FLUSH_ROWS = 500


def _new_audit(
    session: Session, number: str, cert: Certificate, audit_type: AuditType, done: dt.date
) -> Audit:
    """A completed surveillance as services.audits.create_audit makes one (its checks were
    made when planning: one certificate, end not before start)."""
    audit = Audit(
        id=uuid.uuid4(),
        number=number,
        organisation_id=cert.organisation_id,
        audit_type=audit_type,
        status=AuditStatus.COMPLETED,
        mode=AuditMode.ON_SITE,
        start_date=done,
        end_date=done,
        objectives="",
        scope="",
    )
    audit.certificates = [cert]
    session.add(audit)
    return audit


def _load(
    session: Session, model: Any, wanted: dict[uuid.UUID, tuple[int, ParsedRow, str]]
) -> dict[uuid.UUID, Any]:
    """The stored records the plan changes, each still at the version the plan was made
    from; one saved by someone else since then stops the import at its row."""
    ids = list(wanted)
    found: dict[uuid.UUID, Any] = {}
    for i in range(0, len(ids), FLUSH_ROWS):
        for obj in session.scalars(select(model).where(model.id.in_(ids[i : i + FLUSH_ROWS]))):
            found[obj.id] = obj
    for rid, (version, pr, fld) in wanted.items():
        obj = found.get(rid)
        if obj is None or obj.version != version:
            report = ImportReport(kind="")
            _err(report, pr, fld, "changed_meanwhile")
            raise ImportRejected(
                f"row {pr.row}: the record was changed while importing", report.errors, report
            )
    return found


def apply_plan(session: Session, plan: ImportPlan, rows: set[int] | None = None) -> None:
    """Write what ``plan`` decided for ``rows`` (row numbers; default all) in the caller's
    transaction, flushing every ``FLUSH_ROWS`` rows. The objects are the ones the services
    would make (organisation and its personnel record, certificate and its issue event,
    completed surveillance audit)."""
    today = dt.date.today()
    user = current_username(session)
    orgs = [o for o in plan.orgs if rows is None or o.row.row in rows]
    certs = [c for c in plan.certs if rows is None or c.row.row in rows]
    stored_orgs = _load(
        session,
        Organisation,
        {
            o.org_id: (o.existing, o.row, "organisation")
            for o in orgs
            if o.changes and o.existing is not None
        },
    )
    stored_certs = _load(
        session,
        Certificate,
        {
            c.cert_id: (c.existing, c.row, "certificate_no")
            for c in certs
            if c.cert_id is not None and c.existing is not None
        },
    )
    done_field = {t: f for f, t in _DONE}
    stored_audits = _load(
        session,
        Audit,
        {
            a[0]: (a[1], c.row, done_field[audit_type])
            for c in certs
            for audit_type, _d, a in c.audits
            if a is not None
        },
    )
    pending = 0

    def step_done() -> None:
        nonlocal pending
        pending += 1
        if pending >= FLUSH_ROWS:
            session.flush()
            pending = 0

    current: ParsedRow | None = None
    try:
        with session.no_autoflush:
            for o in orgs:
                current = o.row
                _write_organisation(session, o, stored_orgs.get(o.org_id), today)
                step_done()
            numbers: dict[int, int] = {}
            for c in certs:
                current = c.row
                cert = stored_certs.get(c.cert_id) if c.cert_id else None
                _write_certificate(session, c, cert, stored_audits, today, user, numbers)
                step_done()
        current = None
        session.flush()
    except ValidationFailed as exc:
        exc.import_row = current  # type: ignore[attr-defined]
        raise


def _write_organisation(
    session: Session, o: _OrgStep, org: Organisation | None, today: dt.date
) -> None:
    """As services.clients.create_organisation / update_organisation write it."""
    if o.existing is None:
        values = dict(o.values)
        values["credit_code"] = values.get("credit_code") or None
        session.add(Organisation(id=o.org_id, **values))
        if values.get("effective_personnel"):
            session.add(
                PersonnelRecord(
                    organisation_id=o.org_id,
                    effective_from=today,
                    count=int(values["effective_personnel"]),
                )
            )
        return
    if org is None:  # nothing to change
        return
    changes = dict(o.changes)
    if (
        "effective_personnel" in changes
        and int(changes["effective_personnel"]) != org.effective_personnel
    ):
        changes["effective_personnel"] = int(changes["effective_personnel"])
        session.add(
            PersonnelRecord(
                organisation_id=org.id,
                effective_from=today,
                count=changes["effective_personnel"],
            )
        )
    for k, val in changes.items():
        setattr(org, k, val)


def _write_certificate(
    session: Session,
    c: _CertStep,
    cert: Certificate | None,
    stored_audits: dict[uuid.UUID, Audit],
    today: dt.date,
    user: str,
    numbers: dict[int, int],
) -> None:
    """As services.certificates.create_certificate writes it (with its issue event), or the
    planned changes; then the completed surveillances."""
    if cert is None:
        w = c.wanted
        cert = Certificate(
            id=uuid.uuid4(),
            number=w["number"],
            organisation_id=c.org_id,
            standard_id=c.standard_id,
            issue_date=w["issue_date"],
            decision_date=None,
            expiry_date=w["expiry_date"],
            cycle_start=w["issue_date"],
            scope_zh=w["scope_zh"],
            scope_en="",
            rule_set_id=w["rule_set_id"],
            technical_codes=w["technical_codes"],
            complexity="medium",
            accredited=True,
            team_leader_name=w["team_leader_name"],
            status=w["status"],
            status_date=w["issue_date"],
        )
        session.add(cert)
        session.add(
            CertificateEvent(
                certificate_id=cert.id,
                kind=CertificateEventKind.ISSUE,
                event_date=w["issue_date"],
                by_user=user,
            )
        )
    else:
        if "status" in c.changes:
            cert.status_date = today
        for k, val in c.changes.items():
            setattr(cert, k, val)
    for audit_type, done, stored in c.audits:
        if stored is None:
            year = done.year
            if year not in numbers:  # the year's next free number, then counted here
                numbers[year] = int(next_audit_number(session, year).rpartition("-")[2]) - 1
            numbers[year] += 1
            _new_audit(session, f"{year}-{numbers[year]:04d}", cert, audit_type, done)
        else:
            audit = stored_audits[stored[0]]
            audit.start_date = min(audit.start_date or done, done)
            audit.end_date = done
            audit.status = AuditStatus.COMPLETED


# --------------------------------------------------------------------------- entry points


def _read(path: Path | str, kind: str, report: ImportReport) -> list[ParsedRow]:
    if kind not in COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}")
    mapping, data, ignored = read_rows(Path(path), COLUMNS[kind])
    report.ignored_columns = ignored
    return parse_rows(mapping, data, report)


def _planned(
    session: Session, kind: str, rows: list[ParsedRow], report: ImportReport
) -> ImportPlan:
    report.created, report.updated, report.unchanged = {}, {}, {}
    plan = plan_import(session, kind, rows, report)
    if report.errors:
        raise _rejected(report)
    return plan


def import_workbook(
    session: Session, path: Path | str, kind: str, *, dry_run: bool = False
) -> ImportReport:
    """Import ``kind`` ('certificates' or 'clients') from ``path`` in the caller's transaction.

    Raises WorkbookUnreadable (file or header unusable) or ImportRejected (bad rows; its
    ``errors`` list every bad cell). Nothing is written in either case, nor in a dry run.
    """
    report = ImportReport(kind=kind, dry_run=dry_run)
    rows = _read(path, kind, report)
    plan = _planned(session, kind, rows, report)
    if not dry_run:
        savepoint = session.begin_nested()
        try:
            apply_plan(session, plan)
        except ValidationFailed as exc:
            savepoint.rollback()
            session.expire_all()
            raise _failed_while_writing(report, exc) from None
        except BaseException:
            if savepoint.is_active:
                savepoint.rollback()
            raise
        savepoint.commit()
    return report


# Seconds of work per write transaction of an import and the pause after each commit: long
# enough for writers sleeping in SQLite's busy handler (it retries at most every 100 ms) or
# queued on PostgreSQL's chain lock to take their turn, so the app keeps saving meanwhile.
BATCH_S = 0.25
BATCH_PAUSE_S = 0.2
BATCH_MAX_ROWS = 500
BATCH_FIRST_ROWS = 20  # the first batch measures how long a row takes on this machine


def import_workbook_in(
    database: Any,
    user: str | None,
    path: Path | str,
    kind: str,
    *,
    dry_run: bool = False,
    progress: Any = None,
    batch_s: float = BATCH_S,
    pause_s: float = BATCH_PAUSE_S,
) -> ImportReport:
    """The import as the GUI and the CLI run it (``database``: a storage ``Database``).

    1. **Check, no write lock.** The workbook is read, parsed and every write is planned in a
       read-only transaction, with every rule the services apply when writing: a bad cell
       anywhere (row 9 000 of 10 000 as well as row 2) refuses the whole file, every bad cell
       listed, nothing written. Other windows and processes keep saving meanwhile. A dry run
       (the GUI's Check) stops here.
    2. **Write in short transactions** of about ``batch_s`` seconds each, with a pause after
       each (at least ``pause_s``, and at least as long as the batch took) so waiting writers
       take their turn (they wait at most one batch, far inside the
       busy timeout). Each batch is whole. Writing the planned rows cannot meet a bad cell; it
       stops only when the database changed under it (someone saved a record the plan
       changes: that row is reported as ``changed_meanwhile``), on a full disk, or when the
       process is killed — then the batches already committed stay and ``report`` /
       the error says how many rows; importing the same file again changes nothing already
       imported and completes the rest.

    ``progress(done, total)`` is called after each batch. ``report.write_s``: the longest a
    batch held the write lock.
    """
    report = ImportReport(kind=kind, dry_run=dry_run)
    rows = _read(path, kind, report)
    with database.session(user, readonly=True) as session:
        plan = _planned(session, kind, rows, report)
    if dry_run:
        return report
    numbers = sorted({s.row.row for s in plan.orgs} | {s.row.row for s in plan.certs})
    done, size = 0, BATCH_FIRST_ROWS
    while done < len(numbers):
        batch = set(numbers[done : done + size])
        began = time.monotonic()
        try:
            with database.session(user) as session:
                require(session, Permission.EDIT_REGISTERS)
                try:
                    apply_plan(session, plan, batch)
                except ValidationFailed as exc:
                    raise _failed_while_writing(report, exc) from None
        except ImportRejected as exc:
            raise _interrupted(report, exc, done, len(numbers)) from None
        took = time.monotonic() - began
        report.write_s = max(report.write_s, took)
        done += len(batch)
        if progress is not None:
            progress(done, len(numbers))
        # the next batch: as many rows as fit in batch_s at the pace just measured
        per_row = took / len(batch)
        size = max(1, min(BATCH_MAX_ROWS, int(batch_s / per_row) if per_row else BATCH_MAX_ROWS))
        if pause_s and done < len(numbers):
            # At least as long as the batch took: the import holds the write lock at most
            # half the time, however slow the machine (waiting writers get their turn).
            time.sleep(max(pause_s, min(took, 1.0)))
    return report


def _interrupted(
    report: ImportReport, exc: ImportRejected, done: int, total: int
) -> ImportRejected:
    report.errors = list(exc.errors)
    report.imported_rows = done
    if not done:
        return _rejected(report)
    return ImportRejected(
        f"{len(report.errors)} error(s); the first {done} of {total} rows were imported; "
        "import the file again to complete it",
        report.errors,
        report,
    )


def _failed_while_writing(report: ImportReport, exc: ValidationFailed) -> ImportRejected:
    """A rule only the database knows failed while writing (the transaction is rolled back)."""
    pr = getattr(exc, "import_row", None)
    problems = exc.errors or {"": exc.code}
    if pr is None:
        report.errors.extend(RowError(0, f, f, "", reason) for f, reason in problems.items())
    else:
        _service_problems(report, pr, problems)
    return _rejected(report)


def _check_clients(rows: list[ParsedRow], report: ImportReport) -> None:
    first: dict[str, int] = {}
    for pr in rows:
        code = pr.values.get("credit_code")
        if code:
            if code in first:
                _err(report, pr, "credit_code", f"duplicate_in_file:row {first[code]}")
            else:
                first[code] = pr.row
        email = pr.values.get("contact_email")
        if email and "@" not in email:
            _err(report, pr, "contact_email", "email")


def _rejected(report: ImportReport) -> ImportRejected:
    report.errors.sort(key=lambda e: (e.row, e.field))
    return ImportRejected(
        f"{len(report.errors)} error(s) in {len({e.row for e in report.errors})} row(s); "
        "nothing was imported",
        report.errors,
        report,
    )


def iter_errors(report: ImportReport) -> Iterator[str]:
    for e in report.errors:
        yield str(e)
