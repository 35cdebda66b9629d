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
import zipfile
from collections.abc import Callable, Iterator
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
    AuditStatus,
    AuditType,
    Certificate,
    CertificateStatus,
    Organisation,
    Standard,
)
from auditdesk.rules import credit_code
from auditdesk.services.audits import AuditData, create_audit
from auditdesk.services.certificates import CertificateData, create_certificate
from auditdesk.services.clients import OrganisationData, create_organisation, update_organisation
from auditdesk.services.errors import ValidationFailed
from auditdesk.services.standards_library import match_standard
from auditdesk.services.users import Permission, require

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
    except Exception as exc:  # openpyxl raises many kinds on malformed XML; all mean "unreadable"
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
            except Exception as exc:
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


# --------------------------------------------------------------------------- organisations


def _org_key(name: str) -> str:
    return normalise_key(name)


class _Organisations:
    """Finds or creates the organisation of a row (credit code first, then exact name)."""

    def __init__(self, session: Session, report: ImportReport) -> None:
        self.session = session
        self.report = report
        self.made: dict[str, Organisation] = {}

    def find(self, code: str, name: str) -> Organisation | None:
        if code:
            org = self.session.scalar(select(Organisation).where(Organisation.credit_code == code))
            if org is not None:
                return org
            return self.made.get("code:" + code)
        key = _org_key(name)
        if "name:" + key in self.made:
            return self.made["name:" + key]
        for org in self.session.scalars(select(Organisation).where(Organisation.name_zh == name)):
            return org
        return None

    def upsert(self, values: dict[str, Any], fields: tuple[str, ...]) -> Organisation:
        code = values.get("credit_code") or ""
        name = values["organisation"]
        org = self.find(code, name)
        changes = {f: values[f] for f in fields if values.get(f) not in (None, "")}
        if org is None:
            data = OrganisationData(
                name_zh=name,
                credit_code=code,
                **{k: v for k, v in changes.items() if k != "credit_code"},
            )
            org = create_organisation(self.session, data)
            self.made["code:" + code if code else "name:" + _org_key(name)] = org
            self.report.count("created", "organisation")
            return org
        if org in self.made.values():
            return org
        diff = {k: v for k, v in changes.items() if getattr(org, k) != v}
        if code and org.credit_code != code:
            diff["credit_code"] = code
        if diff:
            update_organisation(self.session, org.id, diff)
            self.report.count("updated", "organisation")
        else:
            self.report.count("unchanged", "organisation")
        self.made["code:" + code if code else "name:" + _org_key(name)] = org
        return org


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


def _service_errors(report: ImportReport, pr: ParsedRow, exc: ValidationFailed) -> None:
    for fld, reason in (exc.errors or {"": exc.code}).items():
        _err(report, pr, _SERVICE_FIELD.get(fld, fld), reason)


# --------------------------------------------------------------------------- certificates

CERT_ORG_FIELDS = ("province", "effective_personnel", "technical_codes")
_DONE = (
    ("surveillance_1_done", AuditType.SURVEILLANCE_1),
    ("surveillance_2_done", AuditType.SURVEILLANCE_2),
)


def _check_certificates(
    session: Session, rows: list[ParsedRow], report: ImportReport
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
        if number:
            existing = session.scalar(select(Certificate).where(Certificate.number == number))
            code = v.get("credit_code")
            if (
                existing is not None
                and code
                and existing.organisation.credit_code not in (None, code)
            ):
                _err(report, pr, "certificate_no", "belongs_to_another_organisation")
    return chosen


def _write_certificate(
    session: Session, pr: ParsedRow, std: Standard, orgs: _Organisations, report: ImportReport
) -> None:
    v = pr.values
    org = orgs.upsert(v, CERT_ORG_FIELDS)
    number = v["certificate_no"]
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
    cert = session.scalar(select(Certificate).where(Certificate.number == number))
    if cert is None:
        cert = create_certificate(
            session,
            CertificateData(
                number=number,
                organisation_id=org.id,
                standard_key=std.key,
                issue_date=v["issue_date"],
                expiry_date=v.get("expiry_date"),
                scope_zh=wanted["scope_zh"],
                rule_set_id=wanted["rule_set_id"],
                technical_codes=wanted["technical_codes"],
                team_leader_name=wanted["team_leader_name"],
                status=wanted["status"],
                check_conditions=False,  # a register of certificates already issued
            ),
        )
        report.count("created", "certificate")
    else:
        require(session, Permission.EDIT_REGISTERS)
        diff = {k: val for k, val in wanted.items() if getattr(cert, k) != val}
        if "status" in diff:
            cert.status_date = dt.date.today()
        for k, val in diff.items():
            setattr(cert, k, val)
        report.count("updated" if diff else "unchanged", "certificate")
    for fld, audit_type in _DONE:
        done = v.get(fld)
        if done is None:
            continue
        audit = session.scalar(
            select(Audit)
            .join(Audit.certificates)
            .where(Certificate.id == cert.id, Audit.audit_type == audit_type)
        )
        if audit is None:
            create_audit(
                session,
                AuditData(
                    certificate_ids=[cert.id],
                    audit_type=audit_type,
                    start_date=done,
                    end_date=done,
                    status=AuditStatus.COMPLETED,
                ),
            )
            report.count("created", "audit")
        elif audit.end_date != done or audit.status != AuditStatus.COMPLETED:
            audit.start_date = min(audit.start_date or done, done)
            audit.end_date = done
            audit.status = AuditStatus.COMPLETED
            report.count("updated", "audit")
        else:
            report.count("unchanged", "audit")
    session.flush()


def _write_client(session: Session, pr: ParsedRow, orgs: _Organisations) -> None:
    fields = tuple(
        c.field for c in CLIENT_COLUMNS if c.field not in ("organisation", "credit_code")
    )
    orgs.upsert(pr.values, fields)
    session.flush()


# --------------------------------------------------------------------------- entry point


def import_workbook(
    session: Session,
    path: Path | str,
    kind: str,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import ``kind`` ('certificates' or 'clients') from ``path``; ``progress(done, total)``
    after each row written.

    Raises WorkbookUnreadable (file or header unusable) or ImportRejected (bad rows; its
    ``errors`` list every bad cell). Nothing is written in either case, nor in a dry run.
    """
    if kind not in COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}")
    require(session, Permission.EDIT_REGISTERS)
    report = ImportReport(kind=kind, dry_run=dry_run)
    mapping, data, ignored = read_rows(Path(path), COLUMNS[kind])
    report.ignored_columns = ignored
    rows = parse_rows(mapping, data, report)
    standards = _check_certificates(session, rows, report) if kind == "certificates" else {}
    if kind == "clients":
        _check_clients(rows, report)
    if report.errors:
        raise _rejected(report)
    savepoint = session.begin_nested()
    try:
        orgs = _Organisations(session, report)
        for done, pr in enumerate(rows):
            if progress is not None:
                progress(done, len(rows))
            try:
                with session.begin_nested():
                    if kind == "certificates":
                        _write_certificate(session, pr, standards[pr.row], orgs, report)
                    else:
                        _write_client(session, pr, orgs)
            except ValidationFailed as exc:
                _service_errors(report, pr, exc)
        if progress is not None:
            progress(len(rows), len(rows))
        if report.errors or dry_run:
            savepoint.rollback()
            session.expire_all()
        else:
            savepoint.commit()
    except BaseException:
        if savepoint.is_active:
            savepoint.rollback()
        raise
    if report.errors:
        raise _rejected(report)
    return report


# Rows (at most) and seconds of work per transaction of a batched import, and the pause after
# each commit: long enough
# for writers sleeping in SQLite's busy handler (it retries at most every 100 ms) to take
# their turn, so the app keeps saving while a large workbook imports.
BATCH_ROWS = 500
BATCH_S = 0.25
BATCH_PAUSE_S = 0.2


def import_workbook_batched(
    database: Any,
    user: str | None,
    path: Path | str,
    kind: str,
    *,
    batch_rows: int = BATCH_ROWS,
    batch_s: float = BATCH_S,
    pause_s: float = BATCH_PAUSE_S,
) -> ImportReport:
    """Import like :func:`import_workbook`, but in short transactions (``batch_s`` of work,
    at most ``batch_rows`` rows) so other writers wait at most one batch (``database``: a
    storage ``Database``).

    The whole file is read and checked first in a read-only transaction (no write lock):
    unreadable files and bad cells are refused with nothing written. A rule only the services
    know that fails while writing stops the import at that batch (rolled back); the batches
    before it stay, which is safe because an import is idempotent (importing the same file
    again, corrected, changes nothing already imported and completes the rest).
    """
    if kind not in COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}")
    report = ImportReport(kind=kind, dry_run=False)
    with database.session(user, readonly=True) as session:
        require(session, Permission.EDIT_REGISTERS)
        mapping, data, ignored = read_rows(Path(path), COLUMNS[kind])
        report.ignored_columns = ignored
        rows = parse_rows(mapping, data, report)
        chosen: dict[int, Any] = {}
        if kind == "certificates":
            chosen = {
                row: std.id for row, std in _check_certificates(session, rows, report).items()
            }
        else:
            _check_clients(rows, report)
        if report.errors:
            raise _rejected(report)
    done = 0
    while done < len(rows):
        started = time.monotonic()
        with database.session(user) as session:
            standards = {
                pr.row: session.get_one(Standard, chosen[pr.row])
                for pr in rows[done : done + batch_rows]
                if pr.row in chosen
            }
            orgs = _Organisations(session, report)
            savepoint = session.begin_nested()
            written = 0
            for pr in rows[done : done + max(1, batch_rows)]:
                try:
                    with session.begin_nested():
                        if kind == "certificates":
                            _write_certificate(session, pr, standards[pr.row], orgs, report)
                        else:
                            _write_client(session, pr, orgs)
                except ValidationFailed as exc:
                    _service_errors(report, pr, exc)
                written += 1
                if time.monotonic() - started > batch_s:
                    break  # hold the write lock a fraction of a second at a time
            if report.errors:
                savepoint.rollback()
                raise _rejected(report, imported=done)
            savepoint.commit()
        done += written
        if pause_s and done < len(rows):
            time.sleep(pause_s)
    return report


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


def _rejected(report: ImportReport, imported: int = 0) -> ImportRejected:
    report.errors.sort(key=lambda e: (e.row, e.field))
    outcome = (
        f"the first {imported} row(s) were imported; correct the file and import it again "
        "to complete it"
        if imported
        else "nothing was imported"
    )
    return ImportRejected(
        f"{len(report.errors)} error(s) in {len({e.row for e in report.errors})} row(s); "
        + outcome,
        report.errors,
        report,
    )


def iter_errors(report: ImportReport) -> Iterator[str]:
    for e in report.errors:
        yield str(e)
