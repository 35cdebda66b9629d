"""The child side of a process job (``auditdesk.ui.jobs.run_in_process``).

CPU-bound Python (rendering a report, the programme of every certificate) run in a thread of
the GUI process holds the GIL, and its garbage-collection passes over hundreds of thousands of
objects hold it for 0.1–0.5 s at a time: the window freezes. Run in a spawned process instead,
the work competes for nothing in the GUI process and its memory goes when the process ends.

This module does not import PySide6, so the child stays small. It runs as
``python -m auditdesk.ui.worker_process`` (a plain subprocess: nothing of the GUI's main module is
re-imported), reads one pickled request from stdin, opens the database by URL as the user, calls
``target(session, *args)`` (``"package.module:function"``) in one session and writes back
``("ok", result)`` or ``("error", exception)`` pickled on stdout. The GUI side (jobs.py)
waits on the pipe from a pool thread, terminates the child on Cancel and re-raises the error,
so the UI shows the same typed errors as for a job run in a thread.
"""

from __future__ import annotations

import importlib
import pickle
from collections.abc import Callable
from typing import Any


def resolve(target: str) -> Callable[..., Any]:
    """``"package.module:function"`` → the function."""
    module, _sep, name = target.partition(":")
    fn = getattr(importlib.import_module(module), name, None)
    if not callable(fn):
        raise ValueError(f"{target} is not a function")
    return fn


def open_for_worker(url: str) -> Any:
    """The database the GUI already opened (and migrated): no migration check, no automatic
    backup (the GUI process owns those)."""
    from auditdesk.storage.database import Database, make_engine

    db = Database(url, make_engine(url))
    db.auto_backup = None
    return db


def run_target(url: str, user: str | None, target: str, args: tuple[Any, ...]) -> Any:
    fn = resolve(target)
    db = open_for_worker(url)
    try:
        with db.session(user) as s:
            return fn(s, *args)
    finally:
        db.engine.dispose()


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling both ways, else a RuntimeError that names it."""
    try:
        back = pickle.loads(pickle.dumps(exc))
        if isinstance(back, BaseException):
            return exc
    except Exception:
        pass
    return RuntimeError(f"{type(exc).__name__}: {exc}")


def main() -> int:
    """``python -m auditdesk.ui.worker_process``: one pickled request on stdin
    (``(url, user, target, args)``), one pickled answer on stdout."""
    import os
    import signal
    import sys

    def cancelled(_signum: int, _frame: Any) -> None:
        raise SystemExit(1)  # unwinds through write_atomically, which removes its temporary file

    signal.signal(signal.SIGTERM, cancelled)
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # nothing a library prints may corrupt the answer
    try:
        url, user, target, args = pickle.load(sys.stdin.buffer)
        answer: tuple[str, Any] = ("ok", run_target(url, user, target, args))
    except BaseException as exc:  # every failure goes back to the GUI
        answer = ("error", _portable(exc))
    try:
        data = pickle.dumps(answer)
    except Exception as exc:  # an unpicklable result
        data = pickle.dumps(
            ("error", RuntimeError(f"{target} returned an unpicklable result: {exc}"))
        )
    try:
        out.write(data)
        out.close()
    except OSError:  # the GUI stopped listening (cancelled)
        pass
    return 0


# -- targets ---------------------------------------------------------------------------------------
def export_document_to(session: Any, kind: str, ref: str, fmt: str, lang: str, path: str) -> str:
    """A document written to ``path`` through a temporary file beside it."""
    from pathlib import Path

    from auditdesk.exports.api import export_document
    from auditdesk.exports.files import write_atomically

    write_atomically(Path(path), lambda fh: export_document(session, kind, ref, fmt, lang, fh))
    return path


def export_schedule_to(session: Any, year: int, lang: str, path: str) -> str:
    """The annual schedule workbook written to ``path`` through a temporary file beside it."""
    from pathlib import Path

    from auditdesk.exports.api import export_schedule
    from auditdesk.exports.files import write_atomically

    write_atomically(Path(path), lambda fh: export_schedule(session, year, None, lang, fh))
    return path


def dashboard(session: Any, on: Any) -> Any:
    """The dashboard figures (every certificate's programme goes through the rules)."""
    from auditdesk.services.dashboard import build_dashboard

    return build_dashboard(session, on)


if __name__ == "__main__":
    raise SystemExit(main())
