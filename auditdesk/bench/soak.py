"""The GUI soak (issue 21, point 2): scroll a register of the real main window to its last
row, then repaint it ``--repaints`` times, and say how far ``sys.getrefcount(None)`` moved.

    QT_QPA_PLATFORM=offscreen python -m auditdesk.bench.soak --db PATH [--register ncs]
        [--repaints 50000]

On PySide6 6.12.0 without ``ui/qt_none`` the process aborts (``Fatal Python error:
none_dealloc``) after ~88 000 None returns; a pass prints the figures and exits 0.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m auditdesk.bench.soak")
    p.add_argument("--db", required=True)
    p.add_argument("--register", default="ncs")
    p.add_argument("--repaints", type=int, default=50_000)
    a = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path

    from auditdesk.ui import bench_feel
    from auditdesk.ui.bench_support import open_probe_window

    _app, db, window = open_probe_window("sqlite:///" + str(Path(a.db).resolve()))
    window.show_page(a.register)
    widget = window.registers[a.register]
    widget.refresh()
    bench_feel.pump(0.3)
    result = bench_feel.soak(widget, a.repaints)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"soak {a.register}: PySide6 {bench_feel.qt_binding_version()}, Python {sys.version.split()[0]}; "
        f"{result.rows} rows scrolled, {result.repaints} repaints in {result.seconds:.1f} s; "
        f"sys.getrefcount(None) fell by {result.none_lost}; {result.gaps.summary()}; "
        f"peak RSS {rss:.0f} MB",
        flush=True,
    )
    window.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
