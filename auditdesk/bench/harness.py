"""``auditdesk bench run --db PATH [--json FILE] [--only NAME]``: every operation against its floor.

Each operation runs in its own child process (``python -m auditdesk.bench.harness --child``),
so its peak RSS is its own (``ru_maxrss`` of that process) and one operation's caches do not
flatter the next. In the child: setup (open the database, imports) is not timed; one warm-up
run (its time is kept as ``first_s``), then ``repeat`` timed runs -> ``median_s``; then the
floor: the same work by the bare tool, timed the same way -> ``floor_s``; ``ratio`` is
median_s / floor_s.

Output: one table on stdout; with ``--json FILE`` a JSON array of objects with the keys
``operation, median_s, floor_s, ratio, peak_rss_mb`` (plus ``first_s, runs, floor_runs,
target, met, note``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from auditdesk.bench import ops_backup, ops_db, ops_docs, ops_feel, ops_gui
from auditdesk.bench.model import Context, Operation, Result, Unavailable

OPERATIONS: list[Operation] = [
    *ops_gui.operations()[:2],
    *ops_db.operations(),
    *ops_docs.operations(),
    *ops_gui.operations()[2:],
    *ops_feel.operations(),
    *ops_backup.operations(),
]
CHILD_TIMEOUT_S = 1800


def find(name: str) -> Operation:
    for op in OPERATIONS:
        if op.name == name:
            return op
    raise KeyError(name)


def select_operations(only: list[str] | None) -> list[Operation]:
    if not only:
        return list(OPERATIONS)
    return [op for op in OPERATIONS if any(op.name == o or op.name.startswith(o) for o in only)]


# ------------------------------------------------------------------ child
def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _time(fn: Any, state: Any, by_value: bool) -> tuple[float, float]:
    """(seconds, CPU seconds of this process and its children) of one run; an operation's
    ``run.prepare(state)``, when it has one, makes that run's input first, untimed."""
    prepare = getattr(fn, "prepare", None)
    if prepare is not None:
        prepare(state)
    c0, t0 = _cpu(), time.perf_counter()
    value = fn(state)
    elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
    return (float(value) if by_value else elapsed), cpu


def measure(op: Operation, ctx: Context, repeat: int | None = None) -> dict[str, Any]:
    """Run ``op`` and its floor here; the child's answer as a dict."""
    n = repeat or op.repeat
    try:
        state = op.setup(ctx)
    except Unavailable as exc:
        return {"status": "unavailable", "note": str(exc)}
    first = None
    if n > 1 and not op.subprocess_timed:
        first = _time(op.run, state, False)[0]
    timed = [_time(op.run, state, op.subprocess_timed) for _ in range(n)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if isinstance(state, dict) and state.get("peak"):
        peak = state["peak"]  # the app's own process (cold start)
    floor_timed: list[tuple[float, float]] = []
    if op.floor is not None:
        op.floor_setup(state)
        if n > 1 and not op.subprocess_timed:
            _time(op.floor, state, False)
        floor_timed = [_time(op.floor, state, op.subprocess_timed) for _ in range(n)]
    note = ""
    if isinstance(state, dict) and state.get("where"):
        note = "; ".join(state["where"])
    if isinstance(state, dict) and state.get("errors"):
        note += f" job errors: {state['errors'][:2]}"
    return {
        "status": "ok",
        "first_s": first,
        "runs": [t for t, _c in timed],
        "cpu": [c for _t, c in timed],
        "floor_runs": [t for t, _c in floor_timed],
        "floor_cpu": [c for _t, c in floor_timed],
        "peak_rss_mb": peak,
        "note": note,
    }


def _child_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--child", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--repeat", type=int, default=None)
    a = p.parse_args(argv)
    ctx = Context.load(Path(a.db), Path(a.work))
    try:
        out = measure(find(a.child), ctx, a.repeat)
    except Exception as exc:  # noqa: BLE001 — an operation's failure is its result line, not a harness crash
        out = {"status": "error", "note": f"{type(exc).__name__}: {str(exc)[:300]}"}
    print("RESULT " + json.dumps(out), flush=True)
    return 0


# ------------------------------------------------------------------ parent
def _run_child(op: Operation, db: Path, work: Path, repeat: int | None) -> dict[str, Any]:
    cmd = [
        sys.executable,
        "-m",
        "auditdesk.bench.harness",
        "--child",
        op.name,
        "--db",
        str(db),
        "--work",
        str(work),
    ]
    if repeat:
        cmd += ["--repeat", str(repeat)]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=CHILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {"status": "error", "note": f"timed out after {CHILD_TIMEOUT_S} s"}
    line = next((x for x in reversed(proc.stdout.splitlines()) if x.startswith("RESULT ")), None)
    if line is None:
        return {
            "status": "error",
            "note": (proc.stderr.strip().splitlines() or ["no output"])[-1][:300],
        }
    answer: dict[str, Any] = json.loads(line[len("RESULT ") :])
    return answer


def _result(op: Operation, answer: dict[str, Any]) -> Result:
    if answer.get("status") != "ok":
        r = Result(
            op.name,
            None,
            None,
            None,
            None,
            note=f"{answer.get('status')}: {answer.get('note', '')}",
        )
        r.judge(op)
        return r
    runs, floor_runs = answer["runs"], answer["floor_runs"]
    median = statistics.median(runs)
    floor = statistics.median(floor_runs) if floor_runs else None
    ratio = median / floor if floor else None
    r = Result(
        op.name,
        round(median, 6),
        round(floor, 6) if floor is not None else None,
        round(ratio, 2) if ratio is not None else None,
        round(answer["peak_rss_mb"], 1),
        runs=[round(x, 6) for x in runs],
        floor_runs=[round(x, 6) for x in floor_runs],
        note=answer.get("note", ""),
    )
    r.cpu_s = round(statistics.median(answer["cpu"]), 4) if answer.get("cpu") else None
    r.floor_cpu_s = (
        round(statistics.median(answer["floor_cpu"]), 4) if answer.get("floor_cpu") else None
    )
    r.judge(op)
    if answer.get("first_s") is not None:
        r.first_s = round(answer["first_s"], 4)
        r.note = f"first run {answer['first_s']:.3f} s" + (f"; {r.note}" if r.note else "")
    return r


def print_results(results: list[Result]) -> None:
    from auditdesk.commands.base import print_table

    rows = [
        {
            "operation": r.operation,
            "median_s": _fmt(r.median_s),
            "floor_s": _fmt(r.floor_s),
            "ratio": "" if r.ratio is None else f"{r.ratio:.2f}",
            "cpu_s": _fmt(r.cpu_s),
            "peak_rss_mb": "" if r.peak_rss_mb is None else f"{r.peak_rss_mb:.0f}",
            "target": r.target,
            "met": {True: "yes", False: "NO", None: ""}[r.met],
            "note": r.note[:90],
        }
        for r in results
    ]
    print_table(
        rows,
        [
            "operation",
            "median_s",
            "floor_s",
            "ratio",
            "cpu_s",
            "peak_rss_mb",
            "target",
            "met",
            "note",
        ],
    )
    load = os.getloadavg()
    print(
        f"load average during the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs "
        "(median_s is wall time; cpu_s is the CPU time of the operation's process and its children)"
    )


def _fmt(v: float | None) -> str:
    return "" if v is None else f"{v:.4f}" if v < 1 else f"{v:.2f}"


def run(
    db: Path,
    *,
    only: list[str] | None = None,
    repeat: int | None = None,
    json_file: Path | None = None,
    progress: bool = True,
) -> list[Result]:
    ops = select_operations(only)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="auditdesk-bench-") as tmp:
        for op in ops:
            if progress:
                print(f"  {op.name} ...", file=sys.stderr, flush=True)
            work = Path(tmp) / op.name.replace("/", "_")
            work.mkdir(parents=True, exist_ok=True)
            results.append(_result(op, _run_child(op, db, work, repeat)))
            if progress:
                r = results[-1]
                print(
                    f"    {_fmt(r.median_s)} s (floor {_fmt(r.floor_s)} s, cpu {_fmt(r.cpu_s)} s, "
                    f"{r.peak_rss_mb} MB) {r.note[:120]}",
                    file=sys.stderr,
                    flush=True,
                )
            if json_file is not None:  # written as it goes: a long run can be read before it ends
                json_file.write_text(
                    json.dumps([asdict(x) for x in results], ensure_ascii=False, indent=1),
                    encoding="utf-8",
                )
    if results:
        print_results(results)
    return results


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
