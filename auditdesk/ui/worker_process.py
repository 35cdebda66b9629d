"""The child side of a process job (``auditdesk.ui.jobs.run_in_process``).

CPU-bound Python (rendering a report, the programme of every certificate) run in a thread of
the GUI process holds the GIL, and its garbage-collection passes over hundreds of thousands of
objects hold it for 0.1–0.5 s at a time: the window freezes. Run in a spawned process instead,
the work competes for nothing in the GUI process and its memory goes when the process ends.

This module does not import PySide6, so the child stays small. It runs as
``python -m auditdesk.ui.worker_process`` (a plain subprocess: nothing of the GUI's main module is
re-imported), reads one pickled request from stdin, opens the database by URL as the user, calls
``target(session, *args)`` (``"package.module:function"``) in one session and writes back
pickled frames on stdout: any number of ``("progress", done, total, text)`` while it works
(``report_progress``), ``("changes", OpChanges)`` when its commit changed something
(services/changes.py: the GUI hands them to its screens), then ``("ok", result)`` or
``("error", exception)``. The GUI side
(jobs.py) reads the frames from a pool thread, shows the progress as a determinate bar,
terminates the child on Cancel and re-raises the error, so the UI shows the same typed errors
as for a job run in a thread.
"""

from __future__ import annotations

import importlib
import pickle
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any, BinaryIO

from auditdesk.services.changes import OpChanges, Recorder

Reporter = Callable[[int, int, str], None]
_reporter: Reporter | None = None


def report_progress(done: int, total: int, text: str = "") -> None:
    """Called by a target while it works: ``done`` of ``total`` steps (the GUI shows a
    determinate bar). A no-op outside a job."""
    if _reporter is not None:
        _reporter(done, total, text)


@contextmanager
def reporting_to(reporter: Reporter | None) -> Iterator[None]:
    """Route ``report_progress`` to ``reporter`` (the job's ``progress`` when a target runs
    inline; the frame writer in a worker process)."""
    global _reporter
    previous, _reporter = _reporter, reporter
    try:
        yield
    finally:
        _reporter = previous


class FrameWriter:
    """Progress frames on the answer pipe, at most one per per-mille step (a target may report
    every row of a 100 000-row job), thread-safe."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.lock = threading.Lock()
        self.last: tuple[int, str] | None = None

    def progress(self, done: int, total: int, text: str = "") -> None:
        step = (done * 1000 // total if total > 0 else done, text)
        with self.lock:
            if step == self.last:
                return
            self.last = step
            try:
                pickle.dump(("progress", int(done), int(total), str(text)), self.out)
                self.out.flush()
            except OSError:  # the GUI stopped listening (cancelled)
                pass

    def changes(self, changes: OpChanges) -> None:
        """What the target's commit changed, before the answer (so the GUI has it first)."""
        with self.lock:
            try:
                pickle.dump(("changes", changes), self.out)
                self.out.flush()
            except OSError:  # the GUI stopped listening (cancelled)
                pass

    def answer(self, data: bytes) -> None:
        with self.lock:
            self.out.write(data)
            self.out.close()


def read_frames(stream: IO[bytes]) -> Iterator[tuple[Any, ...]]:
    """The frames of a worker's stdout, in order, until its end."""
    while True:
        try:
            frame = pickle.load(stream)
        except (EOFError, pickle.UnpicklingError):  # the end, or a child killed mid-frame
            return
        yield frame
        if frame[0] not in ("progress", "changes"):
            return


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
    from auditdesk.services.setup import install
    from auditdesk.storage.database import Database, make_engine

    db = install(Database(url, make_engine(url)))  # the services' listeners, as open does
    db.auto_backup = None
    return db


# Targets that only read: their session begins deferred, so a long dashboard build never holds
# the write lock that every save and the workspace wait for (issue 21).
READ_ONLY_TARGETS = frozenset(
    {"auditdesk.ui.worker_process:dashboard", "auditdesk.services.cnca_reporting:due_on"}
)


def run_target(
    url: str,
    user: str | None,
    target: str,
    args: tuple[Any, ...],
    on_changes: Callable[[OpChanges], None] | None = None,
) -> Any:
    """``target(session, *args)`` in one session of ``user``; ``on_changes`` gets what its
    commit changed (nothing is called when it changed nothing or failed)."""
    fn = resolve(target)
    db = open_for_worker(url)
    recorder = Recorder(db)
    try:
        with db.session(user, readonly=target in READ_ONLY_TARGETS) as s:
            result = fn(s, *args)
        if recorder.changes and on_changes is not None:
            on_changes(recorder.changes)
        return result
    finally:
        recorder.close()
        db.engine.dispose()


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling both ways, else a RuntimeError that names it."""
    try:
        back = pickle.loads(pickle.dumps(exc))
        if isinstance(back, BaseException):
            return exc
    except Exception:  # noqa: BLE001 — a pickling probe: an exception that does not survive is sent as a RuntimeError naming it
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
    frames = FrameWriter(out)
    target = "?"
    try:
        url, user, target, args = pickle.load(sys.stdin.buffer)
        # Run as ``python -m``, this file is ``__main__``; targets import it by its name.
        this = importlib.import_module("auditdesk.ui.worker_process")
        with this.reporting_to(frames.progress):
            answer: tuple[str, Any] = (
                "ok",
                run_target(url, user, target, args, on_changes=frames.changes),
            )
    except BaseException as exc:  # noqa: BLE001 — every failure of the target goes back to the GUI, which shows it
        answer = ("error", _portable(exc))
    try:
        data = pickle.dumps(answer)
    except Exception as exc:  # noqa: BLE001 — an unpicklable result goes back as an error naming the target
        data = pickle.dumps(
            ("error", RuntimeError(f"{target} returned an unpicklable result: {exc}"))
        )
    try:
        frames.answer(data)
    except OSError:  # the GUI stopped listening (cancelled)
        pass
    return 0


# -- targets ---------------------------------------------------------------------------------------
def export_document_to(session: Any, kind: str, ref: str, fmt: str, lang: str, path: str) -> str:
    """A document written to ``path`` through a temporary file beside it. Progress in steps:
    reading the data, rendering, written (a report: its own pipeline, then written)."""
    from pathlib import Path

    from auditdesk.exports.api import KINDS, document_for, export_document
    from auditdesk.exports.files import write_atomically
    from auditdesk.exports.render import render_document

    if kind == "report" or fmt not in KINDS.get(kind, ()):
        report_progress(0, 1)  # an issued report is its archived file: one step
        write_atomically(Path(path), lambda fh: export_document(session, kind, ref, fmt, lang, fh))
        report_progress(1, 1)
        return path
    report_progress(0, 2)
    document = document_for(session, kind, ref, lang)
    report_progress(1, 2)
    write_atomically(Path(path), lambda fh: render_document(document, fmt, fh))
    report_progress(2, 2)
    return path


def export_schedule_to(session: Any, year: int, lang: str, path: str) -> str:
    """The annual schedule workbook written to ``path`` through a temporary file beside it;
    progress: the programme of every certificate, then the workbook."""
    from pathlib import Path

    from auditdesk.exports.files import write_atomically
    from auditdesk.exports.schedule import build_schedule_context, render_schedule_xlsx

    report_progress(0, 2)
    ctx = build_schedule_context(session, year, None, lang)
    report_progress(1, 2)
    write_atomically(Path(path), lambda fh: render_schedule_xlsx(ctx, fh))
    report_progress(2, 2)
    return path


def dashboard(session: Any, on: Any) -> Any:
    """The dashboard figures (every certificate's programme goes through the rules)."""
    from auditdesk.services.dashboard import build_dashboard

    return build_dashboard(session, on)


if __name__ == "__main__":
    raise SystemExit(main())
