"""One way to run a long job: ``run_job(fn, on_done, on_error, progress)`` (STYLE habit 2).

``fn(job)`` runs on a worker thread of a QThreadPool with at most one writer at a time
(SQLite has one writer). It opens its own session (``with job.session() as s``), reports with
``job.progress(done, total, text)`` and should check ``job.cancelled`` between steps. Results
and errors come back to the GUI thread by signal. A progress dialog appears only when the job
is still running after ~500 ms; its Cancel button sets ``job.cancelled``.

Tests install :class:`SynchronousExecutor` (``set_executor``): the job then runs inline and
its callbacks fire before ``run_job`` returns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class JobCancelled(Exception):
    """Raised by ``job.check()`` after the user pressed Cancel."""


class Job:
    """Handed to the job function: its own session factory, progress and cancellation."""

    def __init__(self, session_factory: Callable[[], AbstractContextManager[Any]] | None,
                 report: Callable[[int, int, str], None]) -> None:
        self._session_factory = session_factory
        self._report = report
        self._cancel = threading.Event()

    def session(self) -> AbstractContextManager[Any]:
        if self._session_factory is None:
            raise RuntimeError("this job was started without a database")
        return self._session_factory()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise JobCancelled()

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self._report(done, total, text)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[Job], Any], job: Job, signals: _Signals, lock: threading.Lock | None) -> None:
        super().__init__()
        self.fn, self.job, self.signals, self.lock = fn, job, signals, lock
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self.lock is not None:
                with self.lock:
                    result = self.fn(self.job)
            else:
                result = self.fn(self.job)
        except BaseException as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class ThreadPoolExecutor:
    """Runs jobs on QThreadPool; jobs marked ``write`` run one at a time."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self.pool = pool or QThreadPool.globalInstance()
        self.write_lock = threading.Lock()

    def start(self, fn: Callable[[Job], Any], job: Job, signals: _Signals, write: bool) -> None:
        self.pool.start(_Runnable(fn, job, signals, self.write_lock if write else None))

    synchronous = False


class SynchronousExecutor:
    """Runs the job inline, in the calling (GUI) thread: for tests and for the CLI."""

    synchronous = True

    def start(self, fn: Callable[[Job], Any], job: Job, signals: _Signals, write: bool) -> None:
        _Runnable(fn, job, signals, None).run()


_executor: ThreadPoolExecutor | SynchronousExecutor | None = None
_session_factory: Callable[[], AbstractContextManager[Any]] | None = None
_running: set[_Signals] = set()
PROGRESS_DELAY_MS = 500


def set_executor(executor: ThreadPoolExecutor | SynchronousExecutor | None) -> None:
    global _executor
    _executor = executor


def set_session_factory(factory: Callable[[], AbstractContextManager[Any]] | None) -> None:
    """What ``job.session()`` opens: the app sets ``lambda: db.session(user)``."""
    global _session_factory
    _session_factory = factory


def executor() -> ThreadPoolExecutor | SynchronousExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor()
    return _executor


def run_job(
    fn: Callable[[Job], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    progress: str | None = None,
    *,
    parent: QWidget | None = None,
    write: bool = False,
    session_factory: Callable[[], AbstractContextManager[Any]] | None = None,
) -> Job:
    """Run ``fn(job)`` in the background; ``progress`` is the dialog's label (None: no dialog).

    ``on_error`` defaults to the app's error dialog (:func:`auditdesk.ui.errors.show_error`).
    A cancelled job calls neither callback.
    """
    signals = _Signals()
    _running.add(signals)
    dialog: QProgressDialog | None = None
    timer: QTimer | None = None
    job = Job(session_factory or _session_factory, lambda d, t, s: signals.progress.emit(d, t, s))

    def finish() -> None:
        _running.discard(signals)
        if timer is not None:
            timer.stop()
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()

    @Slot(object)
    def done(result: Any) -> None:
        finish()
        if not job.cancelled and on_done is not None:
            on_done(result)

    @Slot(object)
    def failed(exc: BaseException) -> None:
        finish()
        if isinstance(exc, JobCancelled) or job.cancelled:
            return
        if on_error is not None:
            on_error(exc)
        else:
            from auditdesk.ui.errors import show_error

            show_error(exc, parent)

    signals.done.connect(done, Qt.ConnectionType.QueuedConnection if not executor().synchronous
                         else Qt.ConnectionType.DirectConnection)
    signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection if not executor().synchronous
                           else Qt.ConnectionType.DirectConnection)

    if progress is not None and not executor().synchronous:
        dialog = QProgressDialog(progress, QProgressDialog.tr("Cancel"), 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(job.cancel)
        dlg = dialog

        def on_progress(d: int, t: int, text: str) -> None:
            dlg.setMaximum(max(t, 0))
            dlg.setValue(d)
            if text:
                dlg.setLabelText(text)

        signals.progress.connect(on_progress)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(dlg.show)
        timer.start(PROGRESS_DELAY_MS)
    executor().start(fn, job, signals, write)
    return job
