"""What a user feels (issue 21, point 7): typing with autosave, opening the report audit's
workspace (300 evidence items, 40 photos), scrolling the NC register to its end. The GUI rows
report the longest stall and the 99th percentile of every 10 ms tick gap, not a median.

The Qt side is ``auditdesk.ui.bench_feel``; the stall rows' floor is the same idle event loop.
"""

from __future__ import annotations

import os
import time
from typing import Any

from auditdesk.bench.model import Context, Operation, Unavailable

MEMORY_LIMIT_MB = 400.0
TYPED = "现场抽查了三份内部审核记录和两份管理评审输入，校准标签有效期至2027年。" * 2


def _window(ctx: Context) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from auditdesk.ui.bench_support import audit_id, open_probe_window
    except ImportError as exc:
        raise Unavailable(f"the GUI cannot be imported: {exc}") from exc
    from auditdesk.ui import bench_feel

    app, db, window = open_probe_window(ctx.url)
    bench_feel.pump(0.2)
    state: dict[str, Any] = {"ctx": ctx, "app": app, "db": db, "window": window, "where": []}
    if ctx.report_audit:
        state["audit_id"] = audit_id(window, ctx.report_audit)
    return state


def _idle_floor(state: dict[str, Any]) -> float:
    from auditdesk.ui import bench_feel

    probe = bench_feel.GapProbe()
    probe.step = "idle"
    probe.start()
    bench_feel.pump(min(state.get("elapsed", 2.0), 5.0))
    return probe.stop().worst()


def _workspace_open() -> Operation:
    def setup(ctx: Context) -> dict[str, Any]:
        state = _window(ctx)
        if "audit_id" not in state:
            raise Unavailable("the dataset has no report audit (regenerate it)")
        return state

    def run(state: dict[str, Any]) -> float:
        from auditdesk.ui import bench_feel

        ws, seconds = bench_feel.open_workspace(state["window"].ctx, state["audit_id"])
        ws.close()
        ws.deleteLater()
        bench_feel.pump(0.05)
        return seconds

    def floor(state: dict[str, Any]) -> float:
        from auditdesk.ui import bench_feel

        return bench_feel.bare_list_seconds(300)

    return Operation(
        "workspace.open",
        "open the report audit's workspace (its evidence and photos) to the first frame",
        setup,
        run,
        lambda _s: None,
        floor,
        target=("lt", 0.300),
        repeat=3,
        memory_limit_mb=MEMORY_LIMIT_MB,
        subprocess_timed=True,
    )


def _typing() -> Operation:
    def setup(ctx: Context) -> dict[str, Any]:
        from auditdesk.ui import bench_feel

        state = _window(ctx)
        if "audit_id" not in state:
            raise Unavailable("the dataset has no report audit (regenerate it)")
        ws, _s = bench_feel.open_workspace(state["window"].ctx, state["audit_id"])
        if not bench_feel.first_item_with_evidence(ws):
            raise Unavailable("the report audit has no editable evidence item")
        state["ws"] = ws
        return state

    def run(state: dict[str, Any]) -> float:
        from auditdesk.ui import bench_feel

        t0 = time.perf_counter()
        typed = bench_feel.type_with_autosave(state["ws"], TYPED)
        state["elapsed"] = time.perf_counter() - t0
        saves = sorted(typed.save_s)
        state["where"].append(
            f"{typed.gaps.summary()}; {typed.saves} autosaves for {typed.chars} keys, "
            f"save max {saves[-1] * 1000 if saves else 0:.0f} ms"
        )
        return typed.gaps.worst()

    return Operation(
        "gui.typing_autosave",
        "type 70 characters into an evidence description (a key per 80 ms) with autosave: "
        "longest stall (p99 in the note)",
        setup,
        run,
        lambda _s: None,
        _idle_floor,
        target=("lt", 0.050),
        repeat=3,
        memory_limit_mb=MEMORY_LIMIT_MB,
        subprocess_timed=True,
    )


def _deep_scroll() -> Operation:
    def setup(ctx: Context) -> dict[str, Any]:
        return _window(ctx)

    def run(state: dict[str, Any]) -> float:
        from auditdesk.ui import bench_feel

        window = state["window"]
        window.show_page("ncs")
        widget = window.registers["ncs"]
        widget.refresh()
        bench_feel.pump(0.2)
        t0 = time.perf_counter()
        result = bench_feel.soak(widget, repaints=200)
        state["elapsed"] = time.perf_counter() - t0
        state["where"].append(
            f"{result.rows} rows in {result.seconds:.1f} s; {result.gaps.summary()}; "
            f"None refcount fell by {result.none_lost}"
        )
        return result.gaps.worst()

    return Operation(
        "gui.deep_scroll",
        "scroll the NC register to its last row (every page fetched): longest stall",
        setup,
        run,
        lambda _s: None,
        _idle_floor,
        target=("lt", 0.050),
        repeat=1,
        memory_limit_mb=MEMORY_LIMIT_MB,
        subprocess_timed=True,
    )


def operations() -> list[Operation]:
    return [_workspace_open(), _typing(), _deep_scroll()]
