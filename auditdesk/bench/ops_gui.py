"""GUI operations of the harness: cold start, and the event-loop stall probe.

Cold start runs the app in a fresh process (``auditdesk.ui.bench_launcher``) per repeat; its floor
is a bare PySide6 window started the same way.

The stall probe builds the real main window on the database, then — while a 10 ms QTimer
records the longest gap between its ticks — opens each register page, scrolls the audits,
certificates and NC registers down (lazy fetch, page by page), applies filters and a search,
opens the dashboard page, and runs the dashboard's programme of every certificate, a search
job, and the report (pdf) and schedule (xlsx) exports through the UI's own entry points (the
Documents dialog, ``file_actions.export_schedule``), which run them as the app does. The figure is the longest gap in seconds; its
floor is the longest gap of the same idle event loop over the same time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from auditdesk.bench.model import Context, Operation, Unavailable

MEMORY_LIMIT_MB = 400.0


def _spawn(args: list[str]) -> tuple[float, float]:
    """(seconds from spawn to 'SHOWN', peak RSS MB of the child)."""
    import resource

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.time()
    proc = subprocess.run(
        [sys.executable, "-m", "auditdesk.ui.bench_launcher", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    shown = next(
        (float(line.split()[1]) for line in proc.stdout.splitlines() if line.startswith("SHOWN ")),
        None,
    )
    if shown is None:
        raise RuntimeError(f"the app did not show its window: {proc.stderr.strip()[-400:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return shown - t0, peak


def _cold_start() -> Operation:
    def setup(ctx: Context) -> dict[str, Any]:
        try:
            import auditdesk.ui.main_window  # noqa: F401
        except ImportError as exc:
            raise Unavailable(f"the main window cannot be imported: {exc}") from exc
        return {"ctx": ctx, "peak": 0.0}

    def run(state: dict[str, Any]) -> float:
        elapsed, peak = _spawn([str(state["ctx"].db)])
        state["peak"] = max(state["peak"], peak)
        return elapsed

    def floor(state: dict[str, Any]) -> float:
        return _spawn(["--bare"])[0]

    return Operation(
        "cold_start",
        "process start to main window shown (offscreen)",
        setup,
        run,
        lambda _s: None,
        floor,
        target=("lt", 1.5),
        repeat=5,
        memory_limit_mb=MEMORY_LIMIT_MB,
        subprocess_timed=True,
    )


def _touch(ctx: Context) -> None:
    """One real change through the services (a CB setting), as a day of work leaves behind."""
    from sqlalchemy import select

    from auditdesk.model import CBSetting
    from auditdesk.services.setup import open_database

    db = open_database(ctx.url)
    try:
        with db.session() as s:
            row = s.scalar(select(CBSetting).where(CBSetting.key == "bench_touch"))
            if row is None:
                s.add(CBSetting(key="bench_touch", value=1))
            else:
                row.value = int(row.value or 0) + 1
    finally:
        db.close()


def _cold_start_after_change() -> Operation:
    """The start after a day's work: the file changed since the newest automatic backup."""
    op = _cold_start()

    def run(state: dict[str, Any]) -> float:
        _touch(state["ctx"])
        elapsed, peak = _spawn([str(state["ctx"].db)])
        state["peak"] = max(state["peak"], peak)
        return elapsed

    return Operation(
        "cold_start.after_change",
        "cold start when the file changed since its newest automatic "
        "backup (the open-time backup copies the whole file)",
        op.setup,
        run,
        op.floor_setup,
        op.floor,
        target=("lt", 1.5),
        repeat=3,
        memory_limit_mb=MEMORY_LIMIT_MB,
        subprocess_timed=True,
    )


# ------------------------------------------------------------------ stall probe
def _pump(app: Any, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def _gui_probe() -> Operation:
    def setup(ctx: Context) -> dict[str, Any]:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            from auditdesk.ui.bench_support import StallProbe, open_probe_window
        except ImportError as exc:
            raise Unavailable(f"the GUI cannot be imported: {exc}") from exc
        from auditdesk.ui.bench_support import audit_id

        app, db, window = open_probe_window(ctx.url)
        _pump(app, 0.2)
        return {
            "ctx": ctx,
            "app": app,
            "db": db,
            "window": window,
            "probe": StallProbe(),
            "where": [],
            "report_audit_id": audit_id(window, ctx.report_audit),
        }

    def run(state: dict[str, Any]) -> float:
        app, window, probe = state["app"], state["window"], state["probe"]
        t0 = time.perf_counter()
        probe.start()
        for step, action in _script(state):
            probe.step = step
            action()
            _pump(app, 0.05)
        _wait_jobs(app, probe)
        probe.timer.stop()
        state["elapsed"] = time.perf_counter() - t0
        worst = sorted(probe.gaps, reverse=True)[:4]
        import resource

        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        state["where"].append(
            f"{len(probe.gaps)} stalls > 100 ms; longest: "
            + (
                ", ".join(f"{step} {gap * 1000:.0f} ms" for gap, step in worst)
                or f"{probe.where} {probe.max_gap * 1000:.0f} ms"
            )
            + f"; worker processes' peak RSS {workers:.0f} MB"
        )
        from auditdesk.ui import errors

        failures = [
            f"{title}: {text[:200]}"
            for title, text in (errors.shown or [])
            if not text.startswith("Saved to")
        ]
        if failures or state.get("errors"):
            raise RuntimeError(f"a job failed during the probe: {failures or state['errors']}")
        if errors.shown is not None:
            errors.shown.clear()
        del window
        return probe.max_gap

    def floor(state: dict[str, Any]) -> float:
        app, probe = state["app"], state["probe"]
        probe.start()
        probe.step = "idle"
        _pump(app, min(state.get("elapsed", 2.0), 10.0))
        probe.timer.stop()
        return probe.max_gap

    return Operation(
        "gui.max_stall",
        "longest event-loop stall (10 ms probe) while scrolling registers and "
        "running jobs through the UI job runner",
        setup,
        run,
        lambda _s: None,
        floor,
        target=("lt", 0.100),
        repeat=1,
        memory_limit_mb=MEMORY_LIMIT_MB,
        subprocess_timed=True,
    )


def _script(state: dict[str, Any]) -> list[tuple[str, Any]]:
    from auditdesk.ui import jobs
    from auditdesk.ui.bench_support import export_report, export_schedule

    window, ctx = state["window"], state["ctx"]
    today = ctx.today
    steps: list[tuple[str, Any]] = []
    for page in ("clients", "certificates", "audits", "ncs", "auditors", "standards", "schedule"):
        steps.append((f"open page {page}", lambda p=page: window.show_page(p)))
    for reg in ("audits", "certificates", "ncs"):
        widget = window.registers[reg]
        steps.append((f"show {reg}", lambda r=reg: window.show_page(r)))
        for i in range(10):
            steps.append((f"scroll {reg} page {i + 2}", lambda w=widget: w.view.scrollToBottom()))
    reg = window.registers
    steps += [
        ("filter audits status=planned", lambda: reg["audits"].set_filters({"status": "planned"})),
        ("filter ncs preset=overdue", lambda: reg["ncs"].set_filters({"preset": "overdue"})),
        ("search clients 华信", lambda: reg["clients"].set_search("华信")),
        ("search ncs 文件", lambda: reg["ncs"].set_search("文件")),
        (
            "filter certificates status=suspended",
            lambda: reg["certificates"].set_filters({"status": "suspended"}),
        ),
    ]

    def job(fn: Any) -> Any:
        return lambda: jobs.run_job(
            lambda j: fn(j), lambda _r: None, lambda exc: state.setdefault("errors", []).append(exc)
        )

    def search_job(j: Any) -> Any:
        from auditdesk.services.search import search

        with j.session() as s:
            return len(search(s, "审核记录"))

    # The UI's own entry points, as a user's click runs them: the dashboard's programme of every
    # certificate, the report through the audit's Documents dialog, the schedule from its page.
    steps += [
        ("refresh dashboard", lambda: window.pages["dashboard"].refresh()),
        ("job search", job(search_job)),
        (
            "export report pdf",
            lambda: export_report(window, state["report_audit_id"], ctx.work / "gui-report.pdf"),
        ),
        (
            "export schedule xlsx",
            lambda: export_schedule(window, today.year + 1, ctx.work / "gui-schedule.xlsx"),
        ),
    ]
    steps.append(("open page dashboard", lambda: window.show_page("dashboard")))
    return steps


def _wait_jobs(app: Any, probe: Any, limit: float = 120.0) -> None:
    from auditdesk.ui import jobs

    probe.step = "waiting for jobs"
    end = time.perf_counter() + limit
    while jobs._running and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)
    _pump(app, 0.1)


def operations() -> list[Operation]:
    return [_cold_start(), _cold_start_after_change(), _gui_probe()]


def work_dir(ctx: Context) -> Path:
    return ctx.work
