"""One way to run a long job: ``run_job(fn, on_done, on_error, progress)`` (STYLE habit 2).

``fn(job)`` runs on a worker thread of a QThreadPool with at most one writer at a time
(SQLite has one writer). It opens its own session (``with job.session() as s``), reports with
``job.progress(done, total, text)`` and should check ``job.cancelled`` between steps. Results
and errors come back to the GUI thread by signal. A progress dialog appears only when the job
is still running after ~500 ms; its Cancel button sets ``job.cancelled``.

Tests install :class:`SynchronousExecutor` (``set_executor``): the job then runs inline and
its callbacks fire before ``run_job`` returns.

CPU-heavy work (document exports, the dashboard's programme of every certificate) goes through
``run_in_process``: the same callbacks, dialog and cancellation, but the work runs in a spawned
worker process (``auditdesk.ui.worker_process``) so it neither holds the GUI process's GIL nor
grows its memory; Cancel terminates the process. Under the synchronous executor it runs inline.
What the child's commit changed comes back with its answer and is published to this process's
screens (``services.changes.publish_to_url``), before ``on_done`` runs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from auditdesk import platform
from auditdesk.services import changes
from auditdesk.ui.worker_process import read_frames, reporting_to, resolve


class JobCancelled(Exception):
    """Raised by ``job.check()`` after the user pressed Cancel."""


class Job:
    """Handed to the job function: its own session factory, progress and cancellation."""

    def __init__(
        self,
        session_factory: Callable[[], AbstractContextManager[Any]] | None,
        report: Callable[[int, int, str], None],
    ) -> None:
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
    def __init__(
        self, fn: Callable[[Job], Any], job: Job, signals: _Signals, lock: threading.Lock | None
    ) -> None:
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
        except BaseException as exc:  # noqa: BLE001 — every failure of a job goes to its failed callback, which shows it
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the app is shutting down: nobody is left to tell
            pass


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


def cancel_all() -> None:
    """Cancel every running job (the app is quitting): worker processes are terminated at once,
    so quitting does not wait for a dashboard or an export nobody will see."""
    for signals in list(_running):
        job = getattr(signals, "job", None)
        if job is not None:
            job.cancel()


_quit_hooked = False


def _hook_quit() -> None:
    global _quit_hooked
    app = QCoreApplication.instance()
    if app is not None and not _quit_hooked:
        app.aboutToQuit.connect(cancel_all)
        _quit_hooked = True


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
    A cancelled job calls neither callback, nor does a job whose ``parent`` widget was destroyed
    before it finished (a closed window's page must not be updated).
    """
    signals = _Signals()
    _running.add(signals)
    dialog: QProgressDialog | None = None
    timer: QTimer | None = None
    job = Job(session_factory or _session_factory, lambda d, t, s: signals.progress.emit(d, t, s))
    signals.job = job  # type: ignore[attr-defined]
    _hook_quit()

    def finish() -> None:
        _running.discard(signals)
        if timer is not None:
            timer.stop()
        if dialog is not None and shiboken6.isValid(dialog):  # gone with a closed parent
            dialog.reset()
            dialog.deleteLater()

    def orphaned() -> bool:
        """The widget that started the job was destroyed meanwhile (its window closed)."""
        return parent is not None and not shiboken6.isValid(parent)

    @Slot(object)
    def done(result: Any) -> None:
        finish()
        if not job.cancelled and on_done is not None and not orphaned():
            on_done(result)

    @Slot(object)
    def failed(exc: BaseException) -> None:
        finish()
        if isinstance(exc, JobCancelled) or job.cancelled or orphaned():
            return
        if on_error is not None:
            on_error(exc)
        else:
            from auditdesk.ui.errors import show_error

            show_error(exc, parent)

    signals.done.connect(
        done,
        Qt.ConnectionType.QueuedConnection
        if not executor().synchronous
        else Qt.ConnectionType.DirectConnection,
    )
    signals.failed.connect(
        failed,
        Qt.ConnectionType.QueuedConnection
        if not executor().synchronous
        else Qt.ConnectionType.DirectConnection,
    )

    if progress is not None and not executor().synchronous:
        dialog = QProgressDialog(
            progress, QCoreApplication.translate("QProgressDialog", "Cancel"), 0, 0, parent
        )
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


# -- jobs in a worker process -------------------------------------------------------------------
WORKER_POLL_S = 0.1
WORKER_TERM_GRACE_S = (
    1.0  # after Cancel, how long the child may take to clean up before it is killed
)


def worker_command() -> tuple[list[str], dict[str, str]]:
    """How to start a worker: this interpreter, the worker module, this checkout on the path
    (a frozen bundle starts itself: ``auditdesk.platform.worker_command``)."""
    return platform.worker_command("auditdesk.ui.worker_process"), platform.child_environment()


def in_worker_process(
    target: str, args: tuple[Any, ...], url: str, user: str | None
) -> Callable[[Job], Any]:
    """A job function that runs ``target(session, *args)`` in a worker process and waits for it.

    The waiting pool thread sleeps in ``communicate`` (no GIL held); Cancel terminates the
    process. An error raised in the child is re-raised here, so ``on_error`` sees the service's
    own exception type.
    """

    def work(job: Job) -> Any:
        import pickle
        import subprocess

        command, env = worker_command()
        proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        answer: list[tuple[Any, ...]] = []
        err: list[bytes] = []

        def read_answer() -> None:
            assert proc.stdout is not None
            try:
                for frame in read_frames(proc.stdout):
                    if frame[0] == "progress":
                        job.progress(frame[1], frame[2], frame[3])  # a determinate bar
                    elif frame[0] == "changes":
                        changes.publish_to_url(url, frame[1])  # the screens of this process
                    else:
                        answer.append(frame)
            except Exception as exc:  # noqa: BLE001 — an answer this process cannot unpickle is raised below as the job's error
                answer.append(("error", exc))

        def read_errors() -> None:
            assert proc.stderr is not None
            err.append(proc.stderr.read())

        readers = [
            threading.Thread(target=read_answer, daemon=True),
            threading.Thread(target=read_errors, daemon=True),
        ]
        for reader in readers:
            reader.start()
        try:
            assert proc.stdin is not None
            try:
                proc.stdin.write(pickle.dumps((url, user, target, args)))
                proc.stdin.close()
            except BrokenPipeError:
                pass  # the child died at start: its stderr says why
            while True:
                try:
                    proc.wait(WORKER_POLL_S)
                    break
                except subprocess.TimeoutExpired:
                    if job.cancelled:
                        raise JobCancelled() from None
        finally:
            if proc.poll() is None:  # cancelled: SIGTERM lets the child remove its temporary file
                proc.terminate()
                try:
                    proc.wait(WORKER_TERM_GRACE_S)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            for reader in readers:
                reader.join()
        if not answer:
            tail = b"".join(err).decode("utf-8", "replace").strip()[-2000:]
            raise RuntimeError(
                f"the worker process ended without an answer (exit code {proc.returncode}): {tail}"
            )
        status, payload = answer[0]
        if status == "error":
            raise payload
        return payload

    return work


def _inline(target: str, args: tuple[Any, ...]) -> Callable[[Job], Any]:
    def work(job: Job) -> Any:
        fn = resolve(target)
        with job.session() as s, reporting_to(job.progress):
            return fn(s, *args)

    return work


def _shareable(url: str) -> bool:
    """Whether another process can open ``url`` (an in-memory SQLite database cannot)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return not (parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"))


def run_in_process(
    target: str,
    args: tuple[Any, ...],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    progress: str | None = None,
    *,
    url: str,
    user: str | None,
    parent: QWidget | None = None,
    session_factory: Callable[[], AbstractContextManager[Any]] | None = None,
) -> Job:
    """``run_job`` for CPU-heavy work: ``target`` (``"module:function"``, called as
    ``fn(session, *args)`` in a session of ``user`` on the database at ``url``) runs in a worker
    process; the result (picklable) comes back to ``on_done`` on the GUI thread.

    For reading work (exports, figures): the worker's session is its own, outside the one-writer
    lock of ``run_job(write=True)``. Under the synchronous executor (tests, CLI), or on an
    in-memory database, it runs inline with ``session_factory``.
    """
    if executor().synchronous or not _shareable(url):
        fn = _inline(target, args)
    else:
        fn = in_worker_process(target, args, url, user)
    return run_job(fn, on_done, on_error, progress, parent=parent, session_factory=session_factory)
