"""Database operations of the harness: registers, full-text search, programme, dashboard, check.

Each is measured the way the GUI does it (a session per action, the service call, the rows
out) and floored by replaying the SQL it sent on bare ``sqlite3`` (``sqlfloor``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditdesk.bench import sqlfloor
from auditdesk.bench.model import Context, Operation

PAGE = 200  # the register model's page


@dataclass
class _DbState:
    ctx: Context
    db: Any
    fn: Callable[[Any], Any]
    statements: list[sqlfloor.Statement] | None = None
    con: Any = None


def _open(ctx: Context) -> Any:
    from auditdesk.services.setup import open_database

    return open_database(ctx.url)


def _db_operation(
    name: str,
    description: str,
    fn: Callable[[Any, Context], Any],
    target: tuple[str, float] | None,
    repeat: int = 5,
) -> Operation:
    """``fn(database, ctx)`` is the operation; sessions are opened inside it, as the GUI would."""

    def setup(ctx: Context) -> _DbState:
        db = _open(ctx)
        return _DbState(ctx, db, lambda d: fn(d, ctx))

    def run(state: _DbState) -> None:
        state.fn(state.db)

    def floor_setup(state: _DbState) -> None:
        with sqlfloor.capture(state.db.engine) as statements:
            state.fn(state.db)
        state.statements = statements
        state.con = sqlfloor.connect(state.ctx.db)

    def floor(state: _DbState) -> None:
        sqlfloor.replay(state.con, state.statements or [])

    return Operation(
        name, description, setup, run, floor_setup, floor, target=target, repeat=repeat
    )


# ------------------------------------------------------------------ registers
def _register_view(register: str, **query: Any) -> Callable[[Any, Context], Any]:
    """What RegisterModel.refresh does: count, then the first page (each in its own session)."""

    def fn(db: Any, ctx: Context) -> Any:
        from auditdesk.services import registers

        counted = {k: v for k, v in query.items() if k not in ("sort", "descending")}
        with db.session() as s:
            total = registers.count_rows(s, register, on=ctx.today, **counted)
        with db.session() as s:
            rows = registers.fetch_rows(s, register, offset=0, limit=PAGE, on=ctx.today, **query)
        return total, rows

    return fn


REGISTER_CASES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("clients", "open", {}),
    ("clients", "search_zh2", {"search": "华信"}),
    ("clients", "filter_province", {"filters": {"province": "浙江省"}}),
    ("certificates", "open", {}),
    ("certificates", "filter_status", {"filters": {"status": "suspended"}}),
    ("certificates", "search_number", {"search": "Q0012"}),
    ("certificates", "search_client_zh", {"search": "华信"}),
    ("certificates", "sort_expiry", {"sort": "expiry_date", "descending": True}),
    ("audits", "open", {}),
    ("audits", "filter_status", {"filters": {"status": "planned"}}),
    ("audits", "preset_due_30", {"filters": {"preset": "due_30"}}),
    ("audits", "search_client_zh", {"search": "苏州"}),
    ("ncs", "open", {}),
    ("ncs", "filter_state", {"filters": {"state": "response_received"}}),
    ("ncs", "preset_overdue", {"filters": {"preset": "overdue"}}),
    ("ncs", "search_zh2", {"search": "文件"}),
    ("ncs", "search_zh2_rare", {"search": "卡尺"}),
    ("ncs", "search_zh1", {"search": "火"}),
    ("ncs", "search_latin_ci", {"search": "vocs"}),
    ("ncs", "search_number", {"search": "NC-2026-01"}),
    ("ncs", "search_client_zh", {"search": "苏州"}),
    ("auditors", "open", {}),
    ("auditors", "search_zh", {"search": "王"}),
    ("standards", "open", {}),
)

SEARCH_CASES: tuple[tuple[str, str], ...] = (
    ("zh2_shenhe", "审核"),
    ("zh2_jilu", "记录"),
    ("zh2_rare_xiaofang", "消防"),
    ("zh1_huo", "火"),
    ("zh4_neibushenhe", "内部审核"),
    ("latin_calibration", "calibration"),
    ("latin_prefix_proc", "proc"),
    ("mixed_qr_jilu", "QR 记录"),
)


def _search(query: str) -> Callable[[Any, Context], Any]:
    def fn(db: Any, ctx: Context) -> Any:
        from auditdesk.services.search import search

        with db.session() as s:
            return search(s, query)

    return fn


def _programme(db: Any, ctx: Context) -> Any:
    from auditdesk.services.programme import programmes

    with db.session() as s:
        return programmes(s, ctx.today)


def _dashboard(db: Any, ctx: Context) -> Any:
    from auditdesk.services.dashboard import build_dashboard

    with db.session() as s:
        return build_dashboard(s, ctx.today)


def _check(_db: Any, ctx: Context) -> Any:
    from auditdesk.storage.integrity import check_database

    report = check_database(ctx.url)
    if not report.ok:
        raise RuntimeError(f"check found problems: {report.problems[:3]}")
    return report


def _check_operation() -> Operation:
    """``auditdesk check``: its floor is SQLite's own checks and reading the log, by bare sqlite3."""

    def setup(ctx: Context) -> Context:
        return ctx

    def run(ctx: Context) -> None:
        _check(None, ctx)

    def floor(ctx: Context) -> None:
        con = sqlfloor.connect(ctx.db)
        con.execute("PRAGMA integrity_check").fetchall()
        con.execute("PRAGMA foreign_key_check").fetchall()
        for _row in con.execute("SELECT * FROM change_log ORDER BY seq"):
            pass
        con.execute("SELECT id, sha256, filename FROM attachment ORDER BY sha256").fetchall()
        con.close()

    return Operation(
        "check",
        "auditdesk check: integrity, foreign keys, change-log chain, attachment hashes",
        setup,
        run,
        lambda _s: None,
        floor,
        target=None,
        repeat=1,
    )


def operations() -> list[Operation]:
    ops = [
        _db_operation(
            f"register.{reg}.{case}",
            f"{reg} register: {case.replace('_', ' ')} (count + first page)",
            _register_view(reg, **query),
            ("lt", 0.100),
        )
        for reg, case, query in REGISTER_CASES
    ]
    ops += [
        _db_operation(
            f"search.{case}",
            f"full-text search over evidence and NCs: {query!r}",
            _search(query),
            ("lt", 0.100),
        )
        for case, query in SEARCH_CASES
    ]
    ops.append(
        _db_operation(
            "programme.all",
            "programme + status of every certificate",
            _programme,
            ("lt", 1.0),
            repeat=3,
        )
    )
    ops.append(_db_operation("dashboard", "dashboard figures", _dashboard, None, repeat=3))
    ops.append(_check_operation())
    return ops


def today_of(meta: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(meta.get("today") or dt.date.today().isoformat())
