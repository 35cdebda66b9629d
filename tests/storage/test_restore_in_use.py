"""Restore refuses while any AuditDesk process has the database open, and loses nothing.

The bug this guards against: on Linux/macOS ``restore`` replaced the file and unlinked its
-wal/-shm under an open connection; that connection went on writing into the unlinked files and
the user's later work silently vanished. Here a REAL second process holds the database open.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from auditdesk.services.clients import OrganisationData, create_organisation
from auditdesk.services.setup import open_database
from auditdesk.storage import backup, dblock, errors
from auditdesk.storage.backup import backup_file, restore
from auditdesk.storage.database import Database, make_engine

pytestmark = pytest.mark.skipif(
    not dblock.SUPPORTED, reason="no advisory file locks on this platform"
)

ROOT = Path(__file__).resolve().parents[2]

# The other process: opens the database the way the app (``open``) or a GUI worker process
# (``worker``) does, says "ready", then obeys one command per line: "write NAME", "exit".
CHILD = textwrap.dedent("""
    import sys
    from auditdesk.services.clients import OrganisationData, create_organisation
    url, how = sys.argv[1], sys.argv[2]
    if how == "worker":
        from auditdesk.ui.worker_process import open_for_worker
        db = open_for_worker(url)
    else:
        from auditdesk.services.setup import open_database
        db = open_database(url)
    print("ready", flush=True)
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        if cmd == "write":
            with db.session() as s:
                create_organisation(s, OrganisationData(name_zh=arg))
            print("written", flush=True)
        elif cmd == "exit":
            break
    db.close() if hasattr(db, "close") else None
    print("closed", flush=True)
""")


class Other:
    """A second AuditDesk process with the database open."""

    def __init__(self, url: str, how: str = "open") -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, url, how],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert self.expect() == "ready"

    def expect(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def send(self, line: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.expect()

    def exit(self) -> None:
        assert self.send("exit") == "closed"
        assert self.proc.wait(60) == 0

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(60)


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in con.execute("SELECT name_zh FROM organisation"))
    finally:
        con.close()


@pytest.fixture
def url(tmp_path):
    """A SQLite file (restore is about files; no ``db_url``: that would also run on PostgreSQL)."""
    return f"sqlite:///{tmp_path / 'auditdesk.sqlite3'}"


@pytest.fixture
def saved_and_current(url, tmp_path):
    """A backup holding 甲公司; the database itself holds 甲公司 and 乙公司, and is closed."""
    database = open_database(url, create=True)
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="甲公司"))
    saved = backup_file(database.path, tmp_path / "saved.sqlite3")
    with database.session() as s:
        create_organisation(s, OrganisationData(name_zh="乙公司"))
    database.close()
    return saved, database.path


@pytest.mark.parametrize("how", ["open", "worker"])
def test_restore_refuses_while_another_process_has_the_database_open(saved_and_current, url, how):
    saved, path = saved_and_current
    other = Other(url, how)
    try:
        with pytest.raises(errors.DatabaseInUse) as raised:
            restore(saved, path)
        assert "close it first" in str(raised.value) and raised.value.path == str(path)
        # Nothing touched: the other process goes on working and its work stays in the file.
        assert other.send("write 丙公司") == "written"
        other.exit()
    except BaseException:
        other.kill()
        raise
    assert _names(path) == ["丙公司", "乙公司", "甲公司"]
    assert not list(backup.backup_dir(path).glob("*-before-restore-*"))  # no copy aside either
    # Once it has exited, restore works.
    kept = restore(saved, path)
    assert _names(path) == ["甲公司"]
    assert kept is not None and _names(kept) == ["丙公司", "乙公司", "甲公司"]


def test_a_crashed_process_does_not_block_restore(saved_and_current, url):
    saved, path = saved_and_current
    other = Other(url)
    other.kill()  # no close(): the kernel drops its lock with the process
    restore(saved, path)
    assert _names(path) == ["甲公司"]


def test_this_process_having_it_open_counts_too(saved_and_current, url):
    saved, path = saved_and_current
    db = open_database(url)
    try:
        with pytest.raises(errors.DatabaseInUse):
            restore(saved, path)
    finally:
        db.close()
    restore(saved, path)  # closed: nothing holds it any more
    assert _names(path) == ["甲公司"]


def test_a_database_made_from_an_engine_counts_until_closed(saved_and_current, url):
    saved, path = saved_and_current
    db = Database(url, make_engine(url))  # how a GUI worker process opens it
    with pytest.raises(errors.DatabaseInUse):
        restore(saved, path)
    db.close()
    restore(saved, path)


def test_other_databases_in_the_same_process_do_not_count(saved_and_current, tmp_path):
    saved, path = saved_and_current
    other = open_database(f"sqlite:///{tmp_path / 'other' / 'other.sqlite3'}", create=True)
    try:
        restore(saved, path)
    finally:
        other.close()
    assert _names(path) == ["甲公司"]


def test_opening_while_a_restore_runs_is_refused_not_corrupting(
    saved_and_current, url, monkeypatch
):
    saved, path = saved_and_current
    monkeypatch.setattr(dblock, "OPEN_WAIT_SECONDS", 0)
    seen: list[BaseException] = []
    real = backup.backup_file

    def opening_meanwhile(source, target):
        if target.name.endswith(".restore"):  # restore holds the lock and is about to replace
            try:
                open_database(url).close()
            except errors.StorageError as exc:
                seen.append(exc)
        return real(source, target)

    monkeypatch.setattr(backup, "backup_file", opening_meanwhile)
    restore(saved, path)
    assert len(seen) == 1 and isinstance(seen[0], errors.DatabaseLocked)
    assert "being restored" in str(seen[0])
    assert _names(path) == ["甲公司"]


def test_the_cli_says_why_and_exits_1(saved_and_current, url, capsys):
    from auditdesk.cli import main

    saved, path = saved_and_current
    other = Other(url)
    try:
        assert main(["restore", str(saved), "--db", str(path)]) == 1
        assert "close it first" in capsys.readouterr().err
        other.exit()
    except BaseException:
        other.kill()
        raise
    assert _names(path) == ["乙公司", "甲公司"]
    assert main(["restore", str(saved), "--db", str(path)]) == 0


def test_a_bare_engine_with_an_open_connection_counts(saved_and_current, url):
    """``auditdesk check`` reads through make_engine without a Database: a user all the same."""
    saved, path = saved_and_current
    engine = make_engine(url)
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
    with pytest.raises(errors.DatabaseInUse):  # the pooled connection is still open
        restore(saved, path)
    engine.dispose()  # its connections are closed: no longer a user
    restore(saved, path)
    assert _names(path) == ["甲公司"]


def test_on_windows_a_file_in_use_is_refused_by_the_replace_itself(saved_and_current, monkeypatch):
    """Windows has no flock (dblock is a no-op there) but will not delete a file another program
    has open: that failure becomes the same DatabaseInUse, with nothing changed."""
    saved, path = saved_and_current
    monkeypatch.setattr(sys, "platform", "win32")  # auditdesk.platform.is_windows()
    monkeypatch.setattr(
        dblock, "acquire_exclusive", lambda p: dblock.DatabaseLock(None, p, exclusive=True)
    )
    real_unlink = Path.unlink

    def unlink(self, missing_ok=False):
        if self.name.endswith("-wal"):
            raise PermissionError(
                32, "The process cannot access the file because it is being used", str(self)
            )
        return real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    with pytest.raises(errors.DatabaseInUse, match="close it first"):
        restore(saved, path)
    monkeypatch.undo()
    assert _names(path) == ["乙公司", "甲公司"]
    assert not list(path.parent.glob("*.restore")) and not list(
        backup.backup_dir(path).glob("*-before-restore-*")
    )


def test_a_backup_command_during_a_restore_waits_then_says_why(
    saved_and_current, monkeypatch, tmp_path, capsys
):
    from auditdesk.cli import main

    saved, path = saved_and_current
    monkeypatch.setattr(dblock, "OPEN_WAIT_SECONDS", 0)
    with dblock.acquire_exclusive(path):  # as restore holds it while it replaces the file
        assert main(["backup", "--db", str(path), "--out", str(tmp_path / "b.sqlite3")]) == 1
    assert "being restored" in capsys.readouterr().err
    assert main(["backup", "--db", str(path), "--out", str(tmp_path / "b.sqlite3")]) == 0
